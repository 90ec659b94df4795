// test_relevance.c: unit tests for the seed scan (relevance.c): every callee an effect_calls
// pattern matches makes a seed, written plainly or split over lines, with the default
// patterns and with configured ones; so do the other seed tokens; ordinary code does not.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "config/config.h"
#include "ir/patterns.h"
#include "relevance.h"

static bool seed(const TxRelevance *rel, const char *text) {
  return tx_relevance_is_seed(rel, text, (uint32_t)strlen(text));
}

// `callee` called in a statement, plainly and with a line break before each '.'.
static void check_callee_seed(const TxRelevance *rel, const char *callee) {
  char plain[512], split[1024];
  snprintf(plain, sizeof plain, "async function h() {\n  await %s(x);\n}\n", callee);
  size_t n = 0;
  n += (size_t)snprintf(split, sizeof split, "const r = ");
  for (const char *p = callee; *p && n + 8 < sizeof split; p++) {
    if (*p == '.')
      n += (size_t)snprintf(split + n, sizeof split - n, "\n    ");
    split[n++] = *p;
  }
  snprintf(split + n, sizeof split - n, "(x);\n");
  if (!seed(rel, plain) || !seed(rel, split))
    fail_msg("an effect callee '%s' is not a seed", callee);
}

// Every default pattern with each '*' made "a", "xChannelx" and "" (where that still
// matches), and a list of ordinary effect callees: each one that matches is a seed.
static void effects_are_seeds(void **state) {
  (void)state;
  TxConfig cfg;
  tx_config_defaults(&cfg);
  TxRelevance *rel = tx_relevance_new(&cfg, 1);
  static const char *const fills[] = {"a", "xChannelx", "my.queue", ""};
  uint32_t checked = 0;
  for (uint32_t i = 0; i < cfg.effect_calls.count; i++) {
    TxStr pat = cfg.effect_calls.items[i];
    for (size_t f = 0; f < sizeof fills / sizeof fills[0]; f++) {
      char callee[256];
      size_t n = 0;
      for (uint32_t k = 0; k < pat.len && n + 16 < sizeof callee; k++) {
        if (pat.ptr[k] == '*')
          n += (size_t)snprintf(callee + n, sizeof callee - n, "%s", fills[f]);
        else
          callee[n++] = pat.ptr[k];
      }
      callee[n] = '\0';
      if (n && callee[0] != '.' && tx_effect_callee(&cfg.effect_calls, tx_str(callee))) {
        check_callee_seed(rel, callee);
        checked++;
      }
    }
  }
  static const char *const callees[] = {"fetch",
                                        "window.fetch",
                                        "axios.post",
                                        "got.get",
                                        "ky",
                                        "resend.emails.send",
                                        "userChannel.send",
                                        "io.emit",
                                        "stripe.refunds.create",
                                        "this.broadcast",
                                        "mailer.sendEmail",
                                        "twilio.messages.create",
                                        "jobQueue.add",
                                        "pusher.trigger",
                                        "client.calls.create"};
  for (size_t i = 0; i < sizeof callees / sizeof callees[0]; i++) {
    assert_true(tx_effect_callee(&cfg.effect_calls, tx_str(callees[i])));
    check_callee_seed(rel, callees[i]);
  }
  assert_true(checked > cfg.effect_calls.count);
  tx_relevance_free(rel);
  tx_config_fini(&cfg);
}

static void other_tokens(void **state) {
  (void)state;
  TxConfig cfg;
  tx_config_defaults(&cfg);
  TxRelevance *rel = tx_relevance_new(&cfg, 1);
  assert_true(seed(rel, "const c = getSupaBaseClient();"));
  assert_true(seed(rel, "import x from '@SUPABASE/x';"));
  assert_true(seed(rel, "await db\n  .from('calls').delete();"));
  assert_true(seed(rel, "await db?.from('calls').delete();"));
  assert_true(seed(rel, "await db./* why */from('calls').delete();"));
  assert_true(seed(rel, "await db.rpc('f');"));
  assert_true(seed(rel, "// txlint-ignore tenant-filter -- reason\nconst a = 1;"));
  assert_true(seed(rel, "export type Database = { public: { Tables: {} } };"));
  assert_true(seed(rel, "const c = createServerClient(u, k);"));
  // Ordinary code, imports included, is no seed.
  assert_false(seed(rel, "import { a } from './a';\nexport const b = a + 1;\n"));
  assert_false(seed(rel, "res.status(200).json({ ok: true });\nres.send('x');\n"));
  assert_false(seed(rel, "const sky = 1, key = 2, gotten = 3, calls = 4;\n"));
  assert_false(seed(rel, "const rows = items.map((x) => x.id).filter(Boolean);\n"));
  assert_false(seed(rel, "export function fromJson(s: string) { return JSON.parse(s); }\n"));
  assert_false(seed(rel, ""));
  tx_relevance_free(rel);
  tx_config_fini(&cfg);
}

// Configured lists: a new effect pattern's parts and a new client factory are seeds; a
// pattern of '*' alone makes every file one.
static void configured(void **state) {
  (void)state;
  TxConfig cfg;
  tx_config_defaults(&cfg);
  TxStr extra_effects[] = {TX_STR_LIT("*.ledger.post"), TX_STR_LIT("notifyAll*")};
  TxStr extra_factories[] = {TX_STR_LIT("makeDb")};
  cfg.effect_calls.items = extra_effects;
  cfg.effect_calls.count = 2;
  cfg.client_factories.items = extra_factories;
  cfg.client_factories.count = 1;
  TxRelevance *rel = tx_relevance_new(&cfg, 1);
  assert_true(seed(rel, "await books.ledger.post(e);"));
  assert_false(seed(rel, "await books.ledger.get(e);"));
  assert_false(seed(rel, "await http.post(e);"));
  assert_true(seed(rel, "notifyAllUsers();"));
  assert_true(seed(rel, "const db = makeDb();"));
  assert_false(seed(rel, "await fetch(url);")); // not in this configuration's patterns
  tx_relevance_free(rel);
  TxStr star[] = {TX_STR_LIT("*")};
  cfg.effect_calls.items = star;
  cfg.effect_calls.count = 1;
  rel = tx_relevance_new(&cfg, 1);
  assert_true(seed(rel, "const a = 1;"));
  tx_relevance_free(rel);
  cfg.effect_calls.count = 0;
  cfg.client_factories.count = 0;
  tx_config_fini(&cfg);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(effects_are_seeds),
      cmocka_unit_test(other_tokens),
      cmocka_unit_test(configured),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
