// write_paths.c: the write counts of non-atomic-writes (see write_paths.h).
#include "write_paths.h"

#include <stdlib.h>
#include <string.h>

#include "base/check.h"
#include "idempotency.h"
#include "ir/cfg.h"

// --- write counts -------------------------------------------------------------------------------

// A supabase-js write to a table that is not a marker table, or an `.rpc()` whose SQL
// function (defined by the migrations, every body read) writes one: each rpc is its own
// transaction. An rpc the migrations do not define, or whose body runs dynamic SQL, does
// something unknown and is not counted; a `pg_*` catalog probe reads.
static bool counted_write(const TxProgram *p, const TxFact *x) {
  if (!tx_fact_live(x) || x->origin != TX_ORIGIN_TS)
    return false;
  if (x->op == TX_OP_RPC) {
    TxRpcBody b = tx_rpc_body(p, x);
    return b.known == TX_RPC_DEFINED && b.writes;
  }
  return tx_op_is_write(x->op) && !tx_is_marker_table(p, x->schema, x->table);
}

static uint32_t add_capped(uint32_t a, uint32_t b) {
  return a + b > TX_SUMMARY_CAP ? TX_SUMMARY_CAP : a + b;
}

static void add_site(TxWriteSummary *s, TxWriteSite site) {
  if (s->site_count < TX_SUMMARY_MAX_SITES)
    s->sites[s->site_count++] = site;
}

// The writes one call node of a CFG adds: its own write fact, or the callee's writes, plus
// the writes of inline callbacks passed to it. Appends their sites to `sites` (when given).
static uint32_t call_writes(const TxFixpoint *fp, const TxFile *f, const TxCall *cl,
                            TxWriteSummary *sites) {
  const TxProgram *p = tx_fixpoint_program(fp);
  uint32_t n = 0;
  if (cl->fact != TX_NONE && cl->fact < f->fact_count) {
    const TxFact *x = &f->facts[cl->fact];
    if (counted_write(p, x)) {
      n = x->in_loop ? 2 : 1;
      if (sites)
        add_site(sites,
                 (TxWriteSite){x->op_span, x->op_span, x->op, x->table, {"", 0}, x->in_loop});
    }
    return n;
  }
  if (cl->target_file != TX_NONE) {
    const TxWriteSummary *ts = tx_write_summary(fp, cl->target_file, cl->target_fn);
    if (ts && ts->write_count) {
      n = add_capped(n, cl->in_loop ? ts->write_count * 2 : ts->write_count);
      for (uint32_t k = 0; sites && k < ts->site_count; k++) {
        TxWriteSite site = ts->sites[k];
        site.call = cl->span;
        site.via = cl->name;
        site.repeated |= cl->in_loop;
        add_site(sites, site);
      }
    }
  }
  for (uint32_t i = 0; i < cl->callback_fn_count; i++) {
    const TxWriteSummary *cs = tx_write_summary(fp, f->id, cl->callback_fns[i]);
    if (!cs || !f->functions[cl->callback_fns[i]].inline_callback)
      continue;
    n = add_capped(n, cs->write_count);
    for (uint32_t k = 0; sites && k < cs->site_count; k++)
      add_site(sites, cs->sites[k]);
  }
  return n;
}

// --- exceptions: a call that throws (the thrown edges of ir/cfg.h) made its writes but the
// last, which is the one that failed: a write that throws wrote nothing, and a helper that
// throws is taken to throw on its last write's error, as the usual `if (error) throw error`
// does. So `try { insert } catch { insert into a fallback }` is one write on each path, not
// two in sequence, while a compensation after an earlier write succeeded still adds up.
static uint32_t thrown_drop(const uint32_t *weight, uint32_t from, bool thrown) {
  return thrown && weight[from] ? 1 : 0;
}

// pred[to] records a thrown edge with TX_CFG_THROWN (node indices stay below it).
static void relax(uint32_t *best, uint32_t *pred, const uint32_t *weight, uint32_t from,
                  uint32_t to, bool thrown) {
  uint32_t drop = thrown_drop(weight, from, thrown);
  uint32_t w = add_capped(best[from] - drop, weight[to]);
  if (best[to] == UINT32_MAX || w > best[to]) {
    best[to] = w;
    pred[to] = from | (drop ? TX_CFG_THROWN : 0);
  }
}

// Writes along the execution of `fn` that makes the most of them: the heaviest path from
// entry to exit of its CFG, back edges ignored (node order is a topological order; a write
// in a loop already counts twice). Exclusive branches are not added up; a call left by a
// thrown edge counts as above (thrown_drop). Fills the sites of that path into `out`.
static void path_writes(const TxFixpoint *fp, const TxFile *f, const TxCfg *g,
                        TxWriteSummary *out) {
  uint32_t n = g->node_count;
  uint32_t *best = NULL, *pred = NULL, *weight = NULL;
  for (uint32_t i = 0; i < n; i++) {
    const TxCfgNode *nd = &g->nodes[i];
    uint32_t w = nd->kind == TX_CFG_CALL && nd->ref < f->call_count
                     ? call_writes(fp, f, &f->calls[nd->ref], NULL)
                     : 0;
    if (w && !best) { // most functions write nothing: allocate only for those that do
      best = tx_xmalloc(sizeof(uint32_t) * n * 3);
      pred = best + n;
      weight = best + (size_t)2 * n;
      for (uint32_t k = 0; k < i; k++)
        weight[k] = 0;
    }
    if (best)
      weight[i] = w;
  }
  if (!best)
    return;
  for (uint32_t i = 0; i < n; i++) {
    best[i] = UINT32_MAX;
    pred[i] = TX_NONE;
  }
  best[0] = weight[0];
  for (uint32_t i = 0; i < n; i++) {
    if (best[i] == UINT32_MAX)
      continue;
    TxCfgSuccs it = tx_cfg_succs(g, i);
    uint32_t to;
    while (tx_cfg_succs_next(&it, &to))
      relax(best, pred, weight, i, to, it.thrown);
  }
  // The heaviest path ends at the exit unless the exit is unreachable (a loop without a way
  // out): take the heaviest node reached.
  uint32_t end = 0;
  for (uint32_t i = 1; i < n; i++) {
    if (best[i] != UINT32_MAX && best[i] > best[end])
      end = i;
  }
  out->write_count = best[end];
  // Walk the path back from its end, then collect its sites in execution order. `best` is
  // done with: it holds the path now, each node with TX_CFG_THROWN when the path leaves it
  // by throwing (its last write is then not made).
  uint32_t len = 0, leave = 0;
  for (uint32_t at = end; at != TX_NONE && len < n;) {
    best[len++] = at | leave;
    uint32_t p = pred[at];
    leave = p == TX_NONE ? 0 : p & TX_CFG_THROWN;
    at = p == TX_NONE ? TX_NONE : tx_cfg_target(p);
  }
  for (uint32_t i = len; i > 0; i--) {
    uint32_t at = tx_cfg_target(best[i - 1]);
    const TxCfgNode *nd = &g->nodes[at];
    if (nd->kind != TX_CFG_CALL || !weight[at] || nd->ref >= f->call_count)
      continue;
    uint32_t before = out->site_count;
    call_writes(fp, f, &f->calls[nd->ref], out);
    // A repeated write that throws was made by the earlier rounds: its site stays.
    if ((best[i - 1] & TX_CFG_THROWN) && out->site_count > before &&
        !out->sites[out->site_count - 1].repeated)
      out->site_count--;
  }
  free(best);
}

// The old, path-insensitive count for bodies without a CFG: every write once.
static void all_writes(const TxFixpoint *fp, const TxFile *f, uint32_t idx, TxWriteSummary *next) {
  const TxProgram *p = tx_fixpoint_program(fp);
  const TxFunction *fn = &f->functions[idx];
  for (uint32_t i = 0; i < fn->fact_count; i++) {
    const TxFact *x = &f->facts[fn->facts[i]];
    if (!counted_write(p, x))
      continue;
    next->write_count = add_capped(next->write_count, x->in_loop ? 2 : 1);
    add_site(next, (TxWriteSite){x->op_span, x->op_span, x->op, x->table, {"", 0}, x->in_loop});
  }
}

// The analysis' transfer: function `idx`'s writes from its CFG (or, without one, its facts),
// its calls and its inline callbacks' summaries. Sites go into the scratch buffer of the
// context until store() keeps them.
static void transfer(const TxFixpoint *fp, const TxFile *f, uint32_t idx, void *out) {
  TxWriteSummary *next = out;
  next->sites = tx_fixpoint_ctx(fp);
  const TxFunction *fn = &f->functions[idx];
  if (fn->cfg)
    path_writes(fp, f, fn->cfg, next);
  else
    all_writes(fp, f, idx, next);
}

static bool site_differs(const TxWriteSite *a, const TxWriteSite *b) {
  return !tx_span_eq(a->span, b->span) || !tx_span_eq(a->call, b->call) || a->op != b->op ||
         !tx_str_eq(a->table, b->table) || !tx_str_eq(a->via, b->via) || a->repeated != b->repeated;
}

// Every field, the sites included: callers copy them into their own.
static bool differs(const void *pa, const void *pb) {
  const TxWriteSummary *a = pa, *b = pb;
  if (a->write_count != b->write_count || a->site_count != b->site_count)
    return true;
  for (uint32_t i = 0; i < a->site_count; i++) {
    if (site_differs(&a->sites[i], &b->sites[i]))
      return true;
  }
  return false;
}

// Keeps the sites in the fixpoint's arena: most functions write nothing and get none.
static void store(TxFixpoint *fp, void *pkept, const void *pnext) {
  TxWriteSummary *kept = pkept;
  const TxWriteSummary *next = pnext;
  TxWriteSite *keep = kept->sites;
  if (next->site_count && !keep)
    keep = TX_ARENA_ARRAY(tx_fixpoint_arena(fp), TxWriteSite, TX_SUMMARY_MAX_SITES);
  if (next->site_count)
    memcpy(keep, next->sites, sizeof(TxWriteSite) * next->site_count);
  *kept = *next;
  kept->sites = keep;
}

TxFixpoint *tx_write_paths_run(const TxProgram *p) {
  TxWriteSite scratch[TX_SUMMARY_MAX_SITES];
  // A count only grows, up to the cap, so the sweeps are bounded by the cap per cycle.
  TxAnalysis analysis = {
      .size = sizeof(TxWriteSummary),
      .transfer = transfer,
      .differs = differs,
      .store = store,
      .max_rounds = 4 * TX_SUMMARY_CAP + 64,
      .ctx = scratch,
  };
  return tx_fixpoint_run(p, &analysis);
}

const TxWriteSummary *tx_write_summary(const TxFixpoint *writes, uint32_t file, uint32_t fn) {
  return tx_fixpoint_get(writes, file, fn);
}
