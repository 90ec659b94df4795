// test_fixpoint.c: the generic bottom-up fixed point over the call graph (link/fixpoint.h),
// with a toy analysis whose answer is known: a function's depth is 1 + the deepest function
// it depends on (callees and callbacks passed to its calls), capped at DEPTH_CAP, so a cycle
// climbs to the cap and stops. Pinned: the answer does not depend on where functions are
// (callers before callees, across files), cycles terminate at the cap within the round
// bound, store() sees only changed summaries, SQL files keep zeroed summaries, and a
// differs() that misses a field stops the iteration early (the bug the complete comparison
// of the real analyses prevents).
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "link/fixpoint.h"
#include "link/link.h"
#include "test_prog.h"

enum { DEPTH_CAP = 6 };

typedef struct Depth {
  uint32_t depth;
  uint32_t seen; // also counted by the "blind" differs, which ignores it: see below
} Depth;

typedef struct Stats {
  uint32_t stores;
} Stats;

static uint32_t dep_depth(const TxFixpoint *fp, uint32_t file, uint32_t fn) {
  const Depth *d = tx_fixpoint_get(fp, file, fn);
  return d ? d->depth : 0;
}

static void transfer(const TxFixpoint *fp, const TxFile *f, uint32_t idx, void *out) {
  Depth *d = out;
  const TxFunction *fn = &f->functions[idx];
  uint32_t deepest = 0;
  for (uint32_t i = 0; i < fn->call_count; i++) {
    const TxCall *call = &f->calls[fn->calls[i]];
    if (call->target_file != TX_NONE) {
      uint32_t k = dep_depth(fp, call->target_file, call->target_fn);
      deepest = k > deepest ? k : deepest;
    }
    for (uint32_t k = 0; k < call->callback_fn_count; k++) {
      uint32_t cb = dep_depth(fp, f->id, call->callback_fns[k]);
      deepest = cb > deepest ? cb : deepest;
    }
  }
  d->depth = deepest + 1 > DEPTH_CAP ? DEPTH_CAP : deepest + 1;
  d->seen = d->depth; // the field a blind differs() misses
}

static bool differs(const void *a, const void *b) {
  const Depth *x = a, *y = b;
  return x->depth != y->depth || x->seen != y->seen;
}

// Compares nothing: the first computation of every function "does not change" anything.
static bool blind(const void *a, const void *b) {
  (void)a;
  (void)b;
  return false;
}

static void store(TxFixpoint *fp, void *kept, const void *next) {
  Stats *st = tx_fixpoint_ctx(fp);
  st->stores++;
  memcpy(kept, next, sizeof(Depth));
}

static TxFixpoint *run(const TxProgram *p, bool (*diff)(const void *, const void *), Stats *st) {
  TxAnalysis a = {
      .size = sizeof(Depth),
      .transfer = transfer,
      .differs = diff,
      .store = store,
      .max_rounds = 4 * DEPTH_CAP + 8,
      .ctx = st,
  };
  return tx_fixpoint_run(p, &a);
}

#define CLIENT                                                                                     \
  "import { createClient } from '@supabase/supabase-js';\n"                                        \
  "const db = createClient('u', 'k');\n"

// a.ts calls b() (defined later in the file) which calls c() of c.ts: callers come first in
// the sweep order, so the fixed point needs several rounds.
static const char *const chain_a =
    CLIENT "import { c } from './c';\n"
           "export async function a() { await db.from('t').insert({}); await b(); }\n"
           "async function b() { await db.from('t').insert({}); await c(); }\n";
static const char *const chain_c =
    CLIENT "export async function c() { await db.from('t').insert({}); }\n";

static uint32_t fn_named(const TxFile *f, const char *name) {
  for (uint32_t i = 0; i < f->function_count; i++) {
    if (tx_str_eq_c(f->functions[i].name, name))
      return i;
  }
  fail_msg("no function %s in %.*s", name, TX_STR_ARG(f->src.path));
  return TX_NONE;
}

static void test_chain_across_files(void **state) {
  (void)state;
  TestProg t;
  tp_init(&t);
  TxFile *a = tp_add(&t, "a.ts", chain_a);
  TxFile *c = tp_add(&t, "c.ts", chain_c);
  tx_link(t.p);
  Stats st = {0};
  TxFixpoint *fp = run(t.p, differs, &st);
  assert_int_equal(dep_depth(fp, c->id, fn_named(c, "c")), 1);
  assert_int_equal(dep_depth(fp, a->id, fn_named(a, "b")), 2);
  assert_int_equal(dep_depth(fp, a->id, fn_named(a, "a")), 3);
  assert_true(tx_fixpoint_rounds(fp) >= 2);
  // Each stored summary changed: a, b and c settle with at most one store per level climbed.
  assert_true(st.stores >= 3 && st.stores <= 6);
  assert_null(tx_fixpoint_get(fp, a->id, a->function_count));
  assert_null(tx_fixpoint_get(fp, 99, 0));
  tx_fixpoint_free(fp);
  tp_free(&t);
}

static const char *const cycle =
    CLIENT "export async function f() { await db.from('t').insert({}); await g(); }\n"
           "async function g() { await db.from('t').insert({}); await f(); }\n"
           "export async function h() { await db.from('t').insert({}); [1].map(async () => { "
           "await f(); }); }\n";

static void test_cycle_stops_at_cap(void **state) {
  (void)state;
  TestProg t;
  tp_init(&t);
  TxFile *x = tp_add(&t, "x.ts", cycle);
  tp_add(&t, "y.sql", "create function q() returns void language sql as $$ select 1 $$;\n");
  tx_link(t.p);
  Stats st = {0};
  TxFixpoint *fp = run(t.p, differs, &st);
  assert_int_equal(dep_depth(fp, x->id, fn_named(x, "f")), DEPTH_CAP);
  assert_int_equal(dep_depth(fp, x->id, fn_named(x, "g")), DEPTH_CAP);
  // h depends on f through the callback it passes to map.
  assert_int_equal(dep_depth(fp, x->id, fn_named(x, "h")), DEPTH_CAP);
  assert_true(tx_fixpoint_rounds(fp) < 4 * DEPTH_CAP + 8); // settled, not cut off
  const TxFile *sql = t.p->files[1];
  for (uint32_t i = 0; i < sql->function_count; i++)
    assert_int_equal(dep_depth(fp, sql->id, i), 0); // SQL functions are not analysed
  tx_fixpoint_free(fp);
  tp_free(&t);
}

// A differs() that misses what changed stops the iteration after the first sweep: callers
// computed before their callees keep stale values. The real analyses compare every field.
static void test_incomplete_differs_stops_early(void **state) {
  (void)state;
  TestProg t;
  tp_init(&t);
  TxFile *a = tp_add(&t, "a.ts", chain_a);
  tp_add(&t, "c.ts", chain_c);
  tx_link(t.p);
  Stats st = {0};
  TxFixpoint *fp = run(t.p, blind, &st);
  assert_int_equal(st.stores, 0);
  assert_int_equal(dep_depth(fp, a->id, fn_named(a, "a")), 0);
  assert_int_equal(tx_fixpoint_rounds(fp), 1);
  tx_fixpoint_free(fp);
  tp_free(&t);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_chain_across_files),
      cmocka_unit_test(test_cycle_stops_at_cap),
      cmocka_unit_test(test_incomplete_differs_stops_early),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
