// test_effects.c: unit tests for the effect_calls matching (ir/effects.c): the patterns and
// the fast matcher, which must agree with the plain matcher on every callee.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "config/config.h"
#include "ir/patterns.h"

static const char *const callees[] = {"fetch",
                                      "axios",
                                      "axios.post",
                                      "got.get",
                                      "ky",
                                      "resend.emails.send",
                                      "channel.send",
                                      "userChannel.send",
                                      "res.send",
                                      "x.toFixed",
                                      "Array.from",
                                      "wsBroadcast",
                                      "io.emit",
                                      "queue.add",
                                      "list.add",
                                      "stripe.refunds.create",
                                      "this.broadcast",
                                      "sendEmail",
                                      "mailer.sendEmail",
                                      "",
                                      "a",
                                      "*",
                                      "twilio.messages.create",
                                      "items.map"};

static void check_agree(const TxStrList *pats) {
  TxEffectMatcher m;
  tx_effect_matcher_init(&m, pats);
  for (size_t i = 0; i < sizeof callees / sizeof callees[0]; i++) {
    TxStr c = tx_str(callees[i]);
    assert_int_equal(tx_effect_matcher_match(&m, c), tx_effect_callee(pats, c));
  }
  tx_effect_matcher_fini(&m);
}

static void test_default_patterns(void **state) {
  (void)state;
  TxConfig cfg;
  memset(&cfg, 0, sizeof cfg);
  tx_config_defaults(&cfg);
  const TxStrList *p = &cfg.effect_calls;
  assert_true(tx_effect_callee(p, tx_str("fetch")));
  assert_true(tx_effect_callee(p, tx_str("axios.post")));
  assert_true(tx_effect_callee(p, tx_str("resend.emails.send")));
  assert_true(tx_effect_callee(p, tx_str("userChannel.send")));
  assert_true(tx_effect_callee(p, tx_str("wsBroadcast")));
  assert_false(tx_effect_callee(p, tx_str("res.send")));
  assert_false(tx_effect_callee(p, tx_str("x.toFixed")));
  assert_false(tx_effect_callee(p, tx_str("list.add")));
  check_agree(p);
  tx_config_fini(&cfg);
}

static void test_matcher_agrees_on_any_shape(void **state) {
  (void)state;
  // Patterns that start and/or end with '*', literal ones, and an empty one.
  const char *const sets[][4] = {{"axios.*", "*.send", NULL, NULL},
                                 {"*queue*", NULL, NULL, NULL},
                                 {"sendEmail", "", "got.*", NULL},
                                 {"*", NULL, NULL, NULL},
                                 {"*.emails.send", "a", "*x", "y*"}};
  for (size_t s = 0; s < sizeof sets / sizeof sets[0]; s++) {
    TxStr items[4];
    uint32_t n = 0;
    for (size_t k = 0; k < 4 && sets[s][k]; k++)
      items[n++] = tx_str(sets[s][k]);
    TxStrList l = {items, n};
    check_agree(&l);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_default_patterns),
      cmocka_unit_test(test_matcher_agrees_on_any_shape),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
