// test_ts_extract.c: what the TypeScript front end keeps and how it marks it.
//   - callbacks of the methods in ir/js_callbacks (one list with the call graph) run per
//     element or once: a call inside `items.findLast(cb)` is in a loop, one inside
//     `p.then(cb)` or `setTimeout(cb)` is not;
//   - pruning follows what the rules declare they read (TxRule.reads, TxConfig.rule_reads):
//     for every rule's mask, the registry's union and each single kind, a call or function of
//     each TX_READS_* kind is kept iff the mask holds its kind, and a call of no kind never is.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "front_ts/ts_front.h"
#include "ir/js_callbacks.h"
#include "rules/rule.h"
#include "ts_run.h"

// Extracts `text` as t.ts into r->f (released by file_fini).
static const TxFile *extract(Run *r, const char *text) {
  return run_extract(r, TX_LANG_TS, text, strlen(text));
}

// The call whose callee text is `callee`, or NULL.
static const TxCall *call_named(const TxFile *f, const char *callee) {
  for (uint32_t i = 0; i < f->call_count; i++) {
    if (tx_str_eq_c(f->calls[i].callee, callee))
      return &f->calls[i];
  }
  return NULL;
}

// The function named `name`, or NULL.
static const TxFunction *function_named(const TxFile *f, const char *name) {
  for (uint32_t i = 0; i < f->function_count; i++) {
    if (tx_str_eq_c(f->functions[i].name, name))
      return &f->functions[i];
  }
  return NULL;
}

static uint32_t route_entries(const TxFile *f) {
  uint32_t n = 0;
  for (uint32_t i = 0; i < f->function_count; i++)
    n += f->functions[i].entry == TX_ENTRY_ROUTE;
  return n;
}

// --- callbacks ----------------------------------------------------------------------------------

static void test_callback_runs(void **state) {
  (void)state;
  assert_int_equal(tx_callback_run(tx_str("map")), TX_CALLBACK_PER_ELEMENT);
  assert_int_equal(tx_callback_run(tx_str("findLast")), TX_CALLBACK_PER_ELEMENT);
  assert_int_equal(tx_callback_run(tx_str("then")), TX_CALLBACK_ONCE);
  assert_int_equal(tx_callback_run(tx_str("on")), TX_CALLBACK_NOT_RUN);
  assert_int_equal(tx_callback_run(tx_str("mapper")), TX_CALLBACK_NOT_RUN);
  Run r;
  run_init(&r);
  const TxFile *f = extract(&r, "export async function run(items, p) {\n"
                                "  items.findLast((x) => perElement(x));\n"
                                "  items.forEach((x) => alsoPerElement(x));\n"
                                "  p.then((x) => once(x));\n"
                                "  setTimeout(() => later());\n"
                                "}\n");
  const char *in_loop[] = {"perElement", "alsoPerElement"};
  const char *not_in_loop[] = {"once", "later"};
  for (size_t i = 0; i < 2; i++) {
    const TxCall *c = call_named(f, in_loop[i]);
    assert_non_null(c);
    assert_true(c->in_loop);
    c = call_named(f, not_in_loop[i]);
    assert_non_null(c);
    assert_false(c->in_loop);
  }
  file_fini(&r);
  run_fini(&r);
}

// --- pruning follows the rules' reads -------------------------------------------------------

// One call or function of each kind; comments name the kind that keeps it.
static const char prune_source[] =
    "import * as ns from './ns';\n"
    "import { createClient } from '@supabase/supabase-js';\n"
    "const supabase = createClient('u', 'k');\n"
    "export async function run(id) {\n"
    "  const { error } = await supabase.from('t').insert({ id }); // DB_CALLS\n"
    "  helper(id);                                                // PROJECT_CALLS\n"
    "  ns.work(id);                                               // PROJECT_CALLS\n"
    "  this.save(id);                                             // PROJECT_CALLS\n"
    "  axios.post('https://example.com', id);                    // EFFECT_CALLS\n"
    "  log.check(error);                                          // RESULT_TESTS\n"
    "  router.post('/x', (req, res) => {});                       // an entry: always\n"
    "  Math.max(1, 2);                                            // none\n"
    "}\n"
    "function wsBroadcast() {}                                    // EFFECT_CALLS\n";

#define ALWAYS UINT32_MAX // kept whatever the mask

static void check_pruned_for(Run *r, uint32_t mask) {
  r->cfg.rule_reads = mask;
  const TxFile *f = extract(r, prune_source);
  const struct {
    const char *callee;
    uint32_t kind;
  } calls[] = {{"supabase.from().insert", TX_READS_DB_CALLS},
               {"helper", TX_READS_PROJECT_CALLS},
               {"ns.work", TX_READS_PROJECT_CALLS},
               {"this.save", TX_READS_PROJECT_CALLS},
               {"axios.post", TX_READS_EFFECT_CALLS},
               {"log.check", TX_READS_RESULT_TESTS},
               {"router.post", ALWAYS}, // passes a kept callback
               {"Math.max", 0}};
  for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++) {
    bool want = calls[i].kind == ALWAYS || (mask & calls[i].kind) != 0;
    if ((call_named(f, calls[i].callee) != NULL) != want)
      fail_msg("mask %#x: call %s %s", mask, calls[i].callee, want ? "dropped" : "kept");
  }
  assert_non_null(function_named(f, "run")); // it makes a fact: always kept
  assert_int_equal(f->fact_count, 1);
  assert_int_equal(route_entries(f), 1); // an entry: always kept
  assert_int_equal(function_named(f, "wsBroadcast") != NULL, (mask & TX_READS_EFFECT_CALLS) != 0);
  file_fini(r);
}

static void test_prune_follows_reads(void **state) {
  (void)state;
  Run r;
  run_init(&r);
  uint32_t all = 0;
  for (uint32_t i = 0; i < tx_rule_count; i++) {
    check_pruned_for(&r, tx_rules[i]->reads);
    all |= tx_rules[i]->reads;
  }
  assert_int_equal(tx_rules_reads(), all);
  check_pruned_for(&r, all);
  for (uint32_t bit = 1; bit & TX_READS_ALL; bit <<= 1)
    check_pruned_for(&r, bit);
  check_pruned_for(&r, 0);
  check_pruned_for(&r, TX_READS_ALL);
  run_fini(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_callback_runs),
      cmocka_unit_test(test_prune_follows_reads),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
