// test_relevance.c: unit tests for the seed scan (relevance.c): each seed token makes a seed,
// written plainly or split over lines and comments, with the default lists and configured
// ones; effect calls, ordinary code and the standard library's from() do not. And the scan
// against the front end: a text the scan calls no seed gives no fact when it is extracted.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "config/config.h"
#include "relevance.h"
#include "ts_run.h"

static bool seed(const TxRelevance *rel, const char *text) {
  return tx_relevance_is_seed(rel, text, (uint32_t)strlen(text));
}

// Effect calls are no seeds (relevance.c: the rules read them only in functions with a
// database chain or an rpc): every default pattern's callee, plainly and split over lines.
static void effects_are_no_seeds(void **state) {
  (void)state;
  TxConfig cfg;
  tx_config_defaults(&cfg);
  TxRelevance *rel = tx_relevance_new(&cfg, 1);
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
                                        "client.calls.create",
                                        "stripe.webhooks.constructEvent"};
  for (size_t i = 0; i < sizeof callees / sizeof callees[0]; i++) {
    char plain[256];
    snprintf(plain, sizeof plain, "async function h() {\n  await %s(x);\n}\n", callees[i]);
    if (seed(rel, plain))
      fail_msg("the effect callee '%s' made a seed", callees[i]);
  }
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
  assert_true(seed(rel, "await db.from /* why */ ('calls').delete();"));
  assert_true(seed(rel, "await db.from // why\n('calls').delete();"));
  assert_true(seed(rel, "await db.from<Row>('calls').select();"));
  assert_true(seed(rel, "await db.from\n  ('calls').select();"));
  assert_true(seed(rel, "await db.from`calls`;"));
  assert_true(seed(rel, "await db.from?.('calls');"));
  assert_true(seed(rel, "await getDb().from('calls').delete();"));
  assert_true(seed(rel, "await (db as any).from('calls').delete();"));
  assert_true(seed(rel, "await this.db.from('calls').delete();"));
  assert_true(seed(rel, "await ctx.Array.from('calls').delete();")); // a member, not the class
  assert_true(seed(rel, "await Array /* c */ .from('calls').delete();"));
  assert_true(seed(rel, "await ArrayDb.from('calls').delete();"));
  assert_true(seed(rel, "await buffer.from('calls').delete();"));
  assert_true(seed(rel, "await \303\251Array.from('calls').delete();")); // a longer name
  assert_true(seed(rel, "await \303\251this.from('calls').delete();"));
  assert_true(seed(rel, "await x\\u0041rray.from('calls').delete();"));
  // The standard library's from(), `from` not called, `from` on this or super: none is a
  // chain's link.
  assert_false(seed(rel, "const ids = Array.from(rows, (r) => r.id);\n"));
  assert_false(seed(rel, "const all = [...Array.from(a), ...Uint8Array.from(b)];\n"));
  assert_false(seed(rel, "const b = Buffer\n  .from(s, 'base64');\nconst c = Array?.from(x);\n"));
  assert_false(seed(rel, "const t = Float64Array.from(v); const i = Iterator.from(g);\n"));
  assert_false(seed(
      rel, "class Q extends Base { static of(x) { return this.from(x) || super.from(x); } }\n"));
  assert_false(
      seed(rel, "if (range.from > 0 && opts.from !== undefined) move(opts.from, range.from);\n"));
  assert_false(seed(rel, "const x = y.from;\nconst z = w.from!('calls');\n"));
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

// Configured lists: a new client factory is a seed; a configured effect pattern is not, even
// `*` alone.
static void configured(void **state) {
  (void)state;
  TxConfig cfg;
  tx_config_defaults(&cfg);
  TxStr extra_effects[] = {TX_STR_LIT("*.ledger.post"), TX_STR_LIT("*")};
  TxStr extra_factories[] = {TX_STR_LIT("makeDb")};
  cfg.effect_calls.items = extra_effects;
  cfg.effect_calls.count = 2;
  cfg.client_factories.items = extra_factories;
  cfg.client_factories.count = 1;
  TxRelevance *rel = tx_relevance_new(&cfg, 1);
  assert_false(seed(rel, "await books.ledger.post(e);"));
  assert_false(seed(rel, "const a = 1;"));
  assert_true(seed(rel, "const db = makeDb();"));
  assert_false(seed(rel, "const db = createClient(u, k);")); // not in this configuration
  tx_relevance_free(rel);
  cfg.effect_calls.count = 0;
  cfg.client_factories.count = 0;
  tx_config_fini(&cfg);
}

// The scan against the front end: each text the scan calls no seed gives no fact, though
// each would with a client's name in it (the first line of each pair is the control).
static void no_seed_no_fact(void **state) {
  (void)state;
  static const char *const texts[] = {
      // the standard library's from(), whatever the name is bound to
      "export async function f(Array: any) {\n  await Array.from('calls').delete().eq('id', "
      "1);\n}\n",
      "import { Buffer } from './db';\nexport async function f() {\n"
      "  await Buffer.from('calls').update({ a: 1 }).eq('id', 1);\n}\n",
      "import Uint8Array from './db';\nexport const g = () => "
      "Uint8Array.from('calls').insert({});\n",
      "export async function f(Iterator: any) {\n  await Iterator\n    "
      ".from('calls').delete();\n}\n",
      "export async function f(Array: any) {\n  return [...Array.from('calls').select()];\n}\n",
      // this, super
      "export class Repo {\n  async drop() {\n    await this.from('calls').delete().eq('id', 1);\n"
      "  }\n}\n",
      "export class Repo extends Base {\n  async drop() {\n    await "
      "super.from('calls').delete();\n"
      "  }\n}\n",
      // `from` not called
      "export async function f(db: any) {\n  const g = db.from;\n  return g;\n}\n",
      // effects
      "export async function f() {\n  await fetch('https://x', { method: 'POST' });\n"
      "  await resend.emails.send({});\n}\n",
  };
  TxConfig cfg;
  tx_config_defaults(&cfg);
  TxRelevance *rel = tx_relevance_new(&cfg, 1);
  Run r;
  run_init(&r);
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
    if (seed(rel, texts[i]))
      fail_msg("text %zu is a seed:\n%s", i, texts[i]);
    const TxFile *f = run_extract(&r, TX_LANG_TS, texts[i], strlen(texts[i]));
    if (f->fact_count)
      fail_msg("text %zu is no seed but has %u facts:\n%s", i, f->fact_count, texts[i]);
    file_fini(&r);
  }
  // The control: the same shapes on a client parameter are seeds and facts, also on a name
  // that only ends like a standard class.
  static const char *const controls[] = {
      ("export async function f(\303\251Array: any) {\n  await \303\251Array.from('calls')"
       ".delete().eq('id', 1);\n}\n"),
      "export async function f(db: any) {\n  await db.from('calls').delete().eq('id', 1);\n}\n",
      ("import { db } from './db';\nexport async function f() {\n"
       "  await db.from('calls').update({ a: 1 }).eq('id', 1);\n}\n"),
  };
  for (size_t i = 0; i < sizeof controls / sizeof controls[0]; i++) {
    assert_true(seed(rel, controls[i]));
    const TxFile *f = run_extract(&r, TX_LANG_TS, controls[i], strlen(controls[i]));
    if (f->fact_count == 0)
      fail_msg("control %zu has no fact:\n%s", i, controls[i]);
    file_fini(&r);
  }
  run_fini(&r);
  tx_relevance_free(rel);
  tx_config_fini(&cfg);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(effects_are_no_seeds),
      cmocka_unit_test(other_tokens),
      cmocka_unit_test(configured),
      cmocka_unit_test(no_seed_no_fact),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
