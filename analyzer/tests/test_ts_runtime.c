// test_ts_runtime.c: the tree-sitter runtime txlint is built against (CMake TX_TREE_SITTER:
// Debian's 0.20, or 0.25 compiled from the pinned npm package) and what the front end asks
// of it, through tx_ts_parse (front_ts/ts_front.c), the one place that differs between them:
//   - the headers are the chosen runtime's (ABI 14 for 0.20, 15 for 0.25), so a build that
//     mixes Debian's headers with the npm library, or the reverse, fails here;
//   - both grammars' ABI is one the runtime accepts;
//   - a parse within its budget gives the whole tree; one over it gives NULL soon after the
//     budget, and the parser then parses the next text afresh (not resuming the stopped one);
//   - the grammar's parse of a generated-types file again within a budget of its own
//     (ts_types.c) is covered by test_ts_types.c.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "front_ts/ts_internal.h"

const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_tsx(void);

#ifndef TX_TREE_SITTER_ABI
#error "the test's CMakeLists.txt says which runtime the build links (TX_TREE_SITTER_ABI)"
#endif

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void test_headers_are_the_runtime_chosen(void **state) {
  (void)state;
  assert_int_equal(TREE_SITTER_LANGUAGE_VERSION, TX_TREE_SITTER_ABI); // 14: 0.20, 15: 0.25
}

static void test_grammar_abi_accepted(void **state) {
  (void)state;
  const TSLanguage *langs[] = {tree_sitter_typescript(), tree_sitter_tsx()};
  for (size_t i = 0; i < 2; i++) {
    TSParser *p = ts_parser_new();
    assert_true(ts_parser_set_language(p, langs[i]));
    ts_parser_delete(p);
  }
}

// A text of `n` small exported functions: about 80 bytes each.
static char *functions(unsigned n, uint32_t *len) {
  size_t cap = (size_t)n * 96 + 1, at = 0;
  char *s = malloc(cap);
  assert_non_null(s);
  for (unsigned i = 0; i < n; i++)
    at += (size_t)snprintf(s + at, cap - at,
                           "export function f%u(x: number) { return [x, x + 1]; }\n", i);
  *len = (uint32_t)at;
  return s;
}

static void test_budget(void **state) {
  (void)state;
  TSParser *p = ts_parser_new();
  assert_true(ts_parser_set_language(p, tree_sitter_typescript()));
  uint32_t len;
  char *big = functions(40000, &len); // 2 MB: hundreds of milliseconds to parse

  // Within a generous budget: the whole text, without an error.
  double start = now_ms();
  TSTree *tree = tx_ts_parse(p, big, len, 600000);
  double whole_ms = now_ms() - start;
  assert_non_null(tree);
  TSNode root = ts_tree_root_node(tree);
  assert_int_equal(ts_node_end_byte(root), len);
  assert_false(ts_node_has_error(root));
  assert_int_equal(ts_node_named_child_count(root), 40000);
  ts_tree_delete(tree);

  // Over a 5 ms budget: NULL, well before the parse could have ended.
  start = now_ms();
  assert_null(tx_ts_parse(p, big, len, 5));
  assert_true(now_ms() - start < whole_ms / 2);

  // The next text is parsed from its start, not as the rest of the stopped parse.
  static const char small[] = "let x = 1;\n";
  tree = tx_ts_parse(p, small, sizeof small - 1, 600000);
  assert_non_null(tree);
  root = ts_tree_root_node(tree);
  assert_false(ts_node_has_error(root));
  assert_int_equal(ts_node_named_child_count(root), 1);
  assert_int_equal(ts_node_end_byte(root), sizeof small - 1);
  ts_tree_delete(tree);

  // And the big one again, whole, within the budget.
  tree = tx_ts_parse(p, big, len, 600000);
  assert_non_null(tree);
  assert_int_equal(ts_node_named_child_count(ts_tree_root_node(tree)), 40000);
  ts_tree_delete(tree);
  free(big);
  ts_parser_delete(p);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_headers_are_the_runtime_chosen),
      cmocka_unit_test(test_grammar_abi_accepted),
      cmocka_unit_test(test_budget),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
