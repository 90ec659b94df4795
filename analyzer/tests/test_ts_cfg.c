// test_ts_cfg.c: the exception edges of the TypeScript front end's control-flow graphs
// (ir/cfg.h): which node throws where, and which edges are thrown ones.
//   - a call in `try` throws to the innermost handler only, and the try block's start does not
//     (so `try { await mark() } catch {}` cannot skip the call); a block with nothing that
//     throws throws from its start, so the catch is never dead code;
//   - `throw` always leaves from a TEST node, by a thrown edge;
//   - after `finally`, a throw goes on to the outer catch and a break to its loop's exit,
//     from a JOIN, while the normal completion continues;
//   - tx_cfg_succs reports thrown edges, and tx_cfg_valid refuses a thrown back edge.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "front_ts/ts_front.h"
#include "ir/cfg.h"
#include "ts_run.h"

// Extracts `text` as t.ts into r->f (released by release, with the parser).
static const TxFile *extract(Run *r, const char *text) {
  run_init(r);
  return run_extract(r, TX_LANG_TS, text, strlen(text));
}

static void release(Run *r) {
  file_fini(r);
  run_fini(r);
}

// The graph of the only function of the file.
static const TxCfg *only_cfg(const TxFile *f) {
  assert_int_equal(f->function_count, 1);
  assert_non_null(f->functions[0].cfg);
  return f->functions[0].cfg;
}

// The call node whose callee is `callee` (there must be one).
static uint32_t call_node(const TxFile *f, const TxCfg *g, const char *callee) {
  for (uint32_t i = 0; i < g->node_count; i++) {
    if (g->nodes[i].kind == TX_CFG_CALL && tx_str_eq_c(f->calls[g->nodes[i].ref].callee, callee))
      return i;
  }
  fail_msg("no call node %s", callee);
  return TX_NONE;
}

// The JOIN nodes in creation order: the k-th one.
static uint32_t join_node(const TxCfg *g, uint32_t k) {
  for (uint32_t i = 0; i < g->node_count; i++) {
    if (g->nodes[i].kind == TX_CFG_JOIN && k-- == 0)
      return i;
  }
  fail_msg("too few JOIN nodes");
  return TX_NONE;
}

typedef enum EdgeKind { NO_EDGE, NORMAL, THROWN, BOTH } EdgeKind;

// How `from` goes to `to`, read through the successor iterator (which the rules use).
static EdgeKind edge(const TxCfg *g, uint32_t from, uint32_t to) {
  bool normal = false, thrown = false;
  TxCfgSuccs it = tx_cfg_succs(g, from);
  uint32_t at;
  while (tx_cfg_succs_next(&it, &at)) {
    if (at == to) {
      normal |= !it.thrown;
      thrown |= it.thrown;
    }
  }
  return normal && thrown ? BOTH : thrown ? THROWN : normal ? NORMAL : NO_EDGE;
}

// Thrown successors of `from`.
static uint32_t thrown_count(const TxCfg *g, uint32_t from) {
  uint32_t n = 0, at;
  TxCfgSuccs it = tx_cfg_succs(g, from);
  while (tx_cfg_succs_next(&it, &at))
    n += it.thrown;
  return n;
}

static void test_call_in_try_throws_to_catch(void **state) {
  (void)state;
  Run r;
  const TxFile *f = extract(&r, "export async function h() {\n"
                                "  try {\n"
                                "    await mark();\n"
                                "  } catch {}\n"
                                "  await effect();\n"
                                "}\n");
  const TxCfg *g = only_cfg(f);
  uint32_t start = join_node(g, 0), handler = join_node(g, 1);
  uint32_t mark = call_node(f, g, "mark"), effect = call_node(f, g, "effect");
  assert_int_equal(edge(g, start, mark), NORMAL);
  assert_int_equal(thrown_count(g, start), 0); // the start cannot skip the call
  assert_int_equal(edge(g, mark, handler), THROWN);
  assert_int_equal(edge(g, mark, effect), NORMAL);
  assert_int_equal(edge(g, handler, effect), NORMAL);
  release(&r);
}

static void test_nested_try_throws_to_innermost(void **state) {
  (void)state;
  Run r;
  const TxFile *f = extract(&r, "export async function h() {\n"
                                "  try {\n"
                                "    try { await inner(); } catch { await recover(); }\n"
                                "    await after();\n"
                                "  } catch { await outer(); }\n"
                                "}\n");
  const TxCfg *g = only_cfg(f);
  uint32_t inner_catch = join_node(g, 2), outer_catch = join_node(g, 3);
  uint32_t inner = call_node(f, g, "inner"), recover = call_node(f, g, "recover");
  uint32_t after = call_node(f, g, "after");
  assert_int_equal(edge(g, inner, inner_catch), THROWN);
  assert_int_equal(edge(g, inner, outer_catch), NO_EDGE);
  assert_int_equal(thrown_count(g, inner), 1);
  assert_int_equal(edge(g, recover, outer_catch), THROWN); // a throw in the inner catch
  assert_int_equal(edge(g, after, outer_catch), THROWN);
  release(&r);
}

static void test_try_without_calls_throws_from_start(void **state) {
  (void)state;
  Run r;
  const TxFile *f = extract(&r, "export async function h(s) {\n"
                                "  let v;\n"
                                "  try { v = s.x.y; } catch { await log(); }\n"
                                "  return v;\n"
                                "}\n");
  const TxCfg *g = only_cfg(f);
  uint32_t start = join_node(g, 0), handler = join_node(g, 1);
  assert_int_equal(edge(g, start, handler), THROWN);
  assert_int_equal(edge(g, handler, call_node(f, g, "log")), NORMAL);
  release(&r);
}

static void test_throw_leaves_from_a_test(void **state) {
  (void)state;
  Run r;
  const TxFile *f = extract(&r, "export async function h() {\n"
                                "  try {\n"
                                "    await write();\n"
                                "    throw 'bad';\n"
                                "  } catch { await recover(); }\n"
                                "}\n");
  const TxCfg *g = only_cfg(f);
  uint32_t write = call_node(f, g, "write"), handler = join_node(g, 1);
  uint32_t t = write + 1;
  assert_int_equal(g->nodes[t].kind, TX_CFG_TEST);
  assert_int_equal(g->nodes[t].ref_count, 0);
  assert_int_equal(edge(g, write, t), NORMAL);
  assert_int_equal(edge(g, write, handler), THROWN); // its own throw only
  assert_int_equal(edge(g, t, handler), THROWN);
  release(&r);
}

static void test_finally_continues_each_way_out(void **state) {
  (void)state;
  Run r;
  const TxFile *f = extract(&r, "export async function h(xs) {\n"
                                "  try {\n"
                                "    for (const x of xs) {\n"
                                "      try {\n"
                                "        if (x) break;\n"
                                "        await work(x);\n"
                                "      } finally {\n"
                                "        await cleanup();\n"
                                "      }\n"
                                "    }\n"
                                "    await done();\n"
                                "  } catch { await recover(); }\n"
                                "}\n");
  const TxCfg *g = only_cfg(f);
  // JOINs: outer try start, loop head, inner try start, finally, after-finally, catch.
  uint32_t fin = join_node(g, 3), leave = join_node(g, 4), handler = join_node(g, 5);
  uint32_t work = call_node(f, g, "work"), cleanup = call_node(f, g, "cleanup");
  uint32_t done = call_node(f, g, "done");
  assert_int_equal(edge(g, work, fin), BOTH); // completes, or throws into the finally
  assert_int_equal(edge(g, work, handler), NO_EDGE);
  assert_int_equal(edge(g, cleanup, leave), NORMAL);
  assert_int_equal(edge(g, cleanup, handler), THROWN); // cleanup's own throw
  assert_int_equal(edge(g, leave, handler), THROWN);   // work's throw, rethrown
  assert_int_equal(edge(g, leave, done), NORMAL);      // the break, to the loop's exit
  assert_true(tx_cfg_back_edge(cleanup, join_node(g, 1)));
  release(&r);
}

static void test_valid_refuses_thrown_back_edge(void **state) {
  (void)state;
  TxCfgNode nodes[3] = {{TX_CFG_ENTRY, 0, 0, 0, 1, 0, false, false},
                        {TX_CFG_JOIN, 0, 0, 1, 2, 0, false, false},
                        {TX_CFG_EXIT, 0, 0, 3, 0, 0, false, false}};
  uint32_t edges[3] = {1, 2 | TX_CFG_THROWN, 1};
  TxCfg g = {nodes, 3, edges, 3, NULL, 0};
  assert_true(tx_cfg_valid(&g, 0));
  TxCfgSuccs it = tx_cfg_succs(&g, 1);
  uint32_t to;
  assert_true(tx_cfg_succs_next(&it, &to));
  assert_int_equal(to, 2);
  assert_true(it.thrown);
  edges[2] = 1 | TX_CFG_THROWN; // a thrown edge back to the node itself
  assert_false(tx_cfg_valid(&g, 0));
  edges[2] = 7 | TX_CFG_THROWN; // out of range once the flag is off
  assert_false(tx_cfg_valid(&g, 0));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_call_in_try_throws_to_catch),
      cmocka_unit_test(test_nested_try_throws_to_innermost),
      cmocka_unit_test(test_try_without_calls_throws_from_start),
      cmocka_unit_test(test_throw_leaves_from_a_test),
      cmocka_unit_test(test_finally_continues_each_way_out),
      cmocka_unit_test(test_valid_refuses_thrown_back_edge),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
