// write_paths.c: the write counts of non-atomic-writes (see write_paths.h).
#include "write_paths.h"

#include <stdlib.h>
#include <string.h>

#include "base/check.h"
#include "idempotency.h"
#include "ir/cfg.h"

// --- write counts -------------------------------------------------------------------------------

// How a fact takes part in the count.
typedef enum WriteKind {
  W_NONE,        // not a write, or one that is separate by design (a marker)
  W_COUNTED,     // a write the function sequences
  W_INDEPENDENT, // a write whose row stands alone (independent_tables): listed, not counted
} WriteKind;

static bool independent_table(const TxProgram *p, TxStr table) {
  const TxStrList *l = &p->config->independent_tables;
  for (uint32_t i = 0; i < l->count && table.len; i++) {
    if (tx_str_glob_str(l->items[i], table))
      return true;
  }
  return false;
}

// A supabase-js write to a table that is not a marker table, or an `.rpc()` whose SQL
// function (defined by the migrations, every body read) writes one: each rpc is its own
// transaction. An rpc the migrations do not define, or whose body runs dynamic SQL, does
// something unknown and is not counted; a `pg_*` catalog probe reads.
static WriteKind write_kind(const TxProgram *p, const TxFact *x) {
  if (!tx_fact_live(x) || x->origin != TX_ORIGIN_TS)
    return W_NONE;
  if (x->op == TX_OP_RPC) {
    TxRpcBody b = tx_rpc_body(p, x);
    return b.known == TX_RPC_DEFINED && b.writes ? W_COUNTED : W_NONE;
  }
  if (!tx_op_is_write(x->op) || tx_is_marker_table(p, x->schema, x->table))
    return W_NONE;
  return independent_table(p, x->table) ? W_INDEPENDENT : W_COUNTED;
}

static uint32_t add_capped(uint32_t a, uint32_t b) {
  return a + b > TX_SUMMARY_CAP ? TX_SUMMARY_CAP : a + b;
}

static void add_site(TxWriteSummary *s, TxWriteSite site) {
  if (s->site_count < TX_SUMMARY_MAX_SITES)
    s->sites[s->site_count++] = site;
}

static void add_left(TxWriteSummary *s, TxWriteSite site, TxWriteLeftOut why) {
  site.left = why;
  if (s->left_count < TX_SUMMARY_MAX_LEFT)
    s->left[s->left_count++] = site;
}

static TxWriteSite fact_site(const TxFact *x) {
  return (TxWriteSite){x->op_span, x->op_span, x->op, x->table,
                       {"", 0},    x->in_loop, false, TX_LEFT_NONE};
}

// The direct write fact of a call node, or NULL.
static const TxFact *node_fact(const TxFile *f, const TxCfg *g, uint32_t node) {
  const TxCfgNode *nd = &g->nodes[node];
  if (nd->kind != TX_CFG_CALL || nd->ref >= f->call_count)
    return NULL;
  uint32_t k = f->calls[nd->ref].fact;
  return k < f->fact_count ? &f->facts[k] : NULL;
}

// What one call node of a CFG adds: its own write fact, or the callee's writes, plus the
// writes of inline callbacks passed to it. `*leaves` is set when it reaches a write that is
// left out. Appends the sites to `out` (when given).
static uint32_t call_writes(const TxFixpoint *fp, const TxFile *f, const TxCall *cl,
                            TxWriteSummary *out, bool *leaves) {
  const TxProgram *p = tx_fixpoint_program(fp);
  uint32_t n = 0;
  if (cl->fact != TX_NONE && cl->fact < f->fact_count) {
    const TxFact *x = &f->facts[cl->fact];
    WriteKind k = write_kind(p, x);
    if (k == W_COUNTED) {
      n = x->in_loop ? 2 : 1;
      if (out)
        add_site(out, fact_site(x));
    } else if (k == W_INDEPENDENT) {
      *leaves = true;
      if (out)
        add_left(out, fact_site(x), TX_LEFT_INDEPENDENT);
    }
    return n;
  }
  if (cl->target_file != TX_NONE) {
    const TxWriteSummary *ts = tx_write_summary(fp, cl->target_file, cl->target_fn);
    if (ts && ts->write_count)
      n = add_capped(n, cl->in_loop ? ts->write_count * 2 : ts->write_count);
    for (uint32_t k = 0; ts && k < ts->site_count + ts->left_count; k++) {
      bool counted = k < ts->site_count;
      TxWriteSite site = counted ? ts->sites[k] : ts->left[k - ts->site_count];
      site.call = cl->span;
      site.via = cl->name;
      site.repeated |= cl->in_loop;
      *leaves |= !counted;
      if (out && counted)
        add_site(out, site);
      else if (out)
        add_left(out, site, site.left);
    }
  }
  for (uint32_t i = 0; i < cl->callback_fn_count; i++) {
    const TxWriteSummary *cs = tx_write_summary(fp, f->id, cl->callback_fns[i]);
    if (!cs || !f->functions[cl->callback_fns[i]].inline_callback)
      continue;
    n = add_capped(n, cs->write_count);
    *leaves |= cs->left_count > 0;
    for (uint32_t k = 0; out && k < cs->site_count; k++)
      add_site(out, cs->sites[k]);
    for (uint32_t k = 0; out && k < cs->left_count; k++)
      add_left(out, cs->left[k], cs->left[k].left);
  }
  return n;
}

// Per CFG node, while the heaviest path is searched.
typedef struct NodeInfo {
  uint32_t weight; // counted writes the node makes
  uint32_t best;   // heaviest path from the entry to here (UINT32_MAX: not reached)
  uint32_t left;   // of the paths that heavy, the most nodes with writes left out on one
  bool leaves;     // the node makes a write that is left out
  uint32_t pred;
  uint32_t fold;     // an update of the same row earlier in the body, else TX_NONE
  uint32_t error_of; // TEST: the write node whose error binding the condition names
  bool skip;         // on the chosen path, a write that failed (its fallback ran instead)
} NodeInfo;

enum { LOOK_BACK = 256 }; // nodes searched back for a same-row update or a tested write

// An update whose filters pin one row the same way every time it runs: only `eq`
// restrictions on static columns, none added conditionally or built dynamically.
static bool keyed_update(const TxFact *x) {
  if (x->op != TX_OP_UPDATE || x->in_loop || x->filters_unknown || x->filter_count == 0)
    return false;
  for (uint32_t i = 0; i < x->filter_count; i++) {
    const TxFilter *fl = &x->filters[i];
    if (!fl->column.len || fl->conditional || !tx_str_eq_c(fl->op, "eq"))
      return false;
  }
  return true;
}

static bool has_filter(const TxFact *x, TxStr column) {
  for (uint32_t i = 0; i < x->filter_count; i++) {
    if (tx_str_eq(x->filters[i].column, column))
      return true;
  }
  return false;
}

// Two updates of one row: same table, same key columns. The filter values are not compared
// (the IR does not keep them), so `.eq('id', a)` and `.eq('id', b)` are taken as one row.
static bool same_row(const TxFact *a, const TxFact *b) {
  if (!keyed_update(a) || !keyed_update(b) || !tx_str_eq(a->table, b->table) ||
      !tx_str_eq(a->schema, b->schema) || !a->table.len)
    return false;
  for (uint32_t i = 0; i < a->filter_count; i++) {
    if (!has_filter(b, a->filters[i].column))
      return false;
  }
  for (uint32_t i = 0; i < b->filter_count; i++) {
    if (!has_filter(a, b->filters[i].column))
      return false;
  }
  return true;
}

// The earliest counted update before node `i` that writes the same row as it, or TX_NONE.
static uint32_t fold_target(const TxFile *f, const TxCfg *g, const NodeInfo *ni, uint32_t i) {
  const TxFact *x = node_fact(f, g, i);
  if (!x || !ni[i].weight || !keyed_update(x))
    return TX_NONE;
  for (uint32_t j = i, steps = 0; j > 0 && steps < LOOK_BACK; j--, steps++) {
    const TxFact *y = node_fact(f, g, j - 1);
    if (y && ni[j - 1].weight && same_row(x, y))
      return ni[j - 1].fold != TX_NONE ? ni[j - 1].fold : j - 1;
  }
  return TX_NONE;
}

static bool names_error(TxStr name) {
  for (uint32_t i = 0; i + 3 <= name.len; i++) {
    if ((name.ptr[i] | 0x20) == 'e' && (name.ptr[i + 1] | 0x20) == 'r' &&
        (name.ptr[i + 2] | 0x20) == 'r')
      return true;
  }
  return false;
}

// For an `if` whose condition names the error binding of a counted write before it
// (`const { error } = await a(); if (error) ...`): that write's node, else TX_NONE.
static uint32_t tested_write(const TxFile *f, const TxCfg *g, const NodeInfo *ni, uint32_t t) {
  if (tx_cfg_true_succ(g, t) == TX_NONE)
    return TX_NONE;
  for (uint32_t j = t, steps = 0; j > 0 && steps < LOOK_BACK; j--, steps++) {
    const TxFact *y = node_fact(f, g, j - 1);
    if (!y)
      continue;
    for (uint32_t k = 0; k < y->result_name_count; k++) {
      if (names_error(y->result_names[k]) &&
          tx_cfg_test_mentions(g, &g->nodes[t], y->result_names[k]))
        return ni[j - 1].weight ? j - 1 : TX_NONE;
    }
  }
  return TX_NONE;
}

// True for the edge a test takes when the write it tests failed: the true branch of
// `if (error)`, the false branch of `if (!error)`.
static bool error_edge(const TxCfg *g, const NodeInfo *ni, uint32_t from, uint32_t to) {
  if (g->nodes[from].kind != TX_CFG_TEST || ni[from].error_of == TX_NONE)
    return false;
  return (to == tx_cfg_true_succ(g, from)) != g->nodes[from].negated;
}

static void relax(const TxCfg *g, NodeInfo *ni, uint32_t from, uint32_t to) {
  uint32_t w = ni[from].best;
  if (error_edge(g, ni, from, to)) { // the tested write did not happen on this branch
    uint32_t failed = ni[ni[from].error_of].weight;
    w = w > failed ? w - failed : 0;
  }
  w = add_capped(w, ni[to].weight);
  // Of equally heavy paths, the one with the most writes left out, so the message names them.
  uint32_t l = ni[from].left + ni[to].leaves;
  if (ni[to].best == UINT32_MAX || w > ni[to].best || (w == ni[to].best && l > ni[to].left)) {
    ni[to].best = w;
    ni[to].left = l;
    ni[to].pred = from;
  }
}

// Fills the node weights; false when no node writes anything (most functions).
static bool weigh(const TxFixpoint *fp, const TxFile *f, const TxCfg *g, NodeInfo **out) {
  NodeInfo *ni = NULL;
  for (uint32_t i = 0; i < g->node_count; i++) {
    const TxCfgNode *nd = &g->nodes[i];
    bool leaves = false;
    uint32_t w = nd->kind == TX_CFG_CALL && nd->ref < f->call_count
                     ? call_writes(fp, f, &f->calls[nd->ref], NULL, &leaves)
                     : 0;
    if ((w || leaves) && !ni) // allocated only for functions that write
      ni = tx_xcalloc(g->node_count, sizeof *ni);
    if (ni) {
      ni[i].weight = w;
      ni[i].leaves = leaves;
    }
  }
  if (!ni)
    return false;
  for (uint32_t i = 0; i < g->node_count; i++) {
    ni[i].best = UINT32_MAX;
    ni[i].pred = ni[i].fold = ni[i].error_of = TX_NONE;
  }
  for (uint32_t i = 0; i < g->node_count; i++) {
    ni[i].fold = fold_target(f, g, ni, i);
    if (ni[i].fold != TX_NONE)
      ni[i].weight = 0; // the row was written already: one row cannot be half-written
    if (g->nodes[i].kind == TX_CFG_TEST)
      ni[i].error_of = tested_write(f, g, ni, i);
  }
  *out = ni;
  return true;
}

// The node the heaviest path ends at: the exit unless a heavier node does not reach it (a
// loop without a way out).
static uint32_t path_end(const TxCfg *g, const NodeInfo *ni) {
  uint32_t end = g->node_count - 1;
  if (ni[end].best == UINT32_MAX)
    end = 0;
  for (uint32_t i = 0; i < g->node_count; i++) {
    if (ni[i].best != UINT32_MAX && ni[i].best > ni[end].best)
      end = i;
  }
  return end;
}

// A write whose result the code drops (`await db.from(t).insert(row);` with nothing after):
// the code goes on the same way whether it failed or not.
static bool unchecked(const TxFile *f, const TxCfg *g, uint32_t node) {
  const TxFact *x = node_fact(f, g, node);
  return x && x->result_unused && !x->throws_on_error && g->nodes[node].ref_count == 0;
}

// Whether a writing node looks at an error: a direct write whose result is kept, or a call
// to a function (or an inline callback) that checks one of its own.
static bool checks_error(const TxFixpoint *fp, const TxFile *f, const TxCfg *g, uint32_t node) {
  const TxCfgNode *nd = &g->nodes[node];
  if (nd->kind != TX_CFG_CALL || nd->ref >= f->call_count)
    return false;
  if (node_fact(f, g, node))
    return !unchecked(f, g, node);
  const TxCall *cl = &f->calls[nd->ref];
  const TxWriteSummary *ts =
      cl->target_file != TX_NONE ? tx_write_summary(fp, cl->target_file, cl->target_fn) : NULL;
  if (ts && ts->checks)
    return true;
  for (uint32_t i = 0; i < cl->callback_fn_count; i++) {
    const TxWriteSummary *cs = tx_write_summary(fp, f->id, cl->callback_fns[i]);
    if (cs && cs->checks && f->functions[cl->callback_fns[i]].inline_callback)
      return true;
  }
  return false;
}

// Collects the sites of the path `path[0..len)` (in execution order) into `out`. A write
// whose result is dropped after the path's last checked write is left out: the function
// checks the writes it depends on and goes on whatever happens to this one. When no write
// is checked, the code shows no such intent and every write counts.
static void collect(const TxFixpoint *fp, const TxFile *f, const TxCfg *g, NodeInfo *ni,
                    const uint32_t *path, uint32_t len, TxWriteSummary *out) {
  uint32_t last_checked = TX_NONE;
  for (uint32_t i = 0; i < len; i++) {
    if (ni[path[i]].weight && !ni[path[i]].skip && checks_error(fp, f, g, path[i]))
      last_checked = i;
  }
  out->checks = last_checked != TX_NONE;
  uint32_t count = 0;
  for (uint32_t i = 0; i < len; i++) {
    uint32_t at = path[i];
    const TxCfgNode *nd = &g->nodes[at];
    if (ni[at].skip || nd->kind != TX_CFG_CALL || nd->ref >= f->call_count)
      continue;
    if (ni[at].fold != TX_NONE) {
      const TxFact *first = node_fact(f, g, ni[at].fold);
      for (uint32_t k = 0; first && k < out->site_count; k++)
        out->sites[k].same_row |= tx_span_eq(out->sites[k].span, first->op_span);
      continue;
    }
    if (ni[at].weight && last_checked != TX_NONE && i > last_checked && unchecked(f, g, at)) {
      add_left(out, fact_site(node_fact(f, g, at)), TX_LEFT_UNCHECKED);
      continue;
    }
    bool leaves = false;
    count = add_capped(count, call_writes(fp, f, &f->calls[nd->ref], out, &leaves));
  }
  out->write_count = count;
}

// Writes along the execution of `fn` that makes the most of them: the heaviest path from
// entry to exit of its CFG, back edges ignored (node order is a topological order; a write
// in a loop already counts twice). Exclusive branches are not added up, and the branch an
// error check takes when a write failed does not count that write. Fills the sites of that
// path into `out`.
static void path_writes(const TxFixpoint *fp, const TxFile *f, const TxCfg *g,
                        TxWriteSummary *out) {
  NodeInfo *ni;
  if (!weigh(fp, f, g, &ni))
    return;
  uint32_t n = g->node_count;
  ni[0].best = ni[0].weight;
  ni[0].left = ni[0].leaves;
  for (uint32_t i = 0; i < n; i++) {
    if (ni[i].best == UINT32_MAX)
      continue;
    TxCfgSuccs it = tx_cfg_succs(g, i);
    uint32_t to;
    while (tx_cfg_succs_next(&it, &to))
      relax(g, ni, i, to);
  }
  // Walk the path back from its end, marking the writes an error branch on it says failed.
  uint32_t *path = tx_xmalloc(sizeof(uint32_t) * n);
  uint32_t len = 0;
  for (uint32_t at = path_end(g, ni); at != TX_NONE && len < n; at = ni[at].pred) {
    path[len++] = at;
    uint32_t from = ni[at].pred;
    if (from != TX_NONE && error_edge(g, ni, from, at))
      ni[ni[from].error_of].skip = true;
  }
  for (uint32_t i = 0; i < len / 2; i++) { // into execution order
    uint32_t t = path[i];
    path[i] = path[len - 1 - i];
    path[len - 1 - i] = t;
  }
  collect(fp, f, g, ni, path, len, out);
  free(path);
  free(ni);
}

// The old, path-insensitive count for bodies without a CFG: every write once.
static void all_writes(const TxFixpoint *fp, const TxFile *f, uint32_t idx, TxWriteSummary *next) {
  const TxProgram *p = tx_fixpoint_program(fp);
  const TxFunction *fn = &f->functions[idx];
  for (uint32_t i = 0; i < fn->fact_count; i++) {
    const TxFact *x = &f->facts[fn->facts[i]];
    WriteKind k = write_kind(p, x);
    if (k == W_INDEPENDENT)
      add_left(next, fact_site(x), TX_LEFT_INDEPENDENT);
    if (k != W_COUNTED)
      continue;
    next->write_count = add_capped(next->write_count, x->in_loop ? 2 : 1);
    next->checks |= !x->result_unused || x->throws_on_error;
    add_site(next, fact_site(x));
  }
}

// The scratch buffers transfer() fills until store() keeps them.
typedef struct Scratch {
  TxWriteSite sites[TX_SUMMARY_MAX_SITES];
  TxWriteSite left[TX_SUMMARY_MAX_LEFT];
} Scratch;

// The analysis' transfer: function `idx`'s writes from its CFG (or, without one, its facts),
// its calls and its inline callbacks' summaries.
static void transfer(const TxFixpoint *fp, const TxFile *f, uint32_t idx, void *out) {
  TxWriteSummary *next = out;
  Scratch *scratch = tx_fixpoint_ctx(fp);
  next->sites = scratch->sites;
  next->left = scratch->left;
  const TxFunction *fn = &f->functions[idx];
  if (fn->cfg)
    path_writes(fp, f, fn->cfg, next);
  else
    all_writes(fp, f, idx, next);
}

static bool site_differs(const TxWriteSite *a, const TxWriteSite *b) {
  return !tx_span_eq(a->span, b->span) || !tx_span_eq(a->call, b->call) || a->op != b->op ||
         !tx_str_eq(a->table, b->table) || !tx_str_eq(a->via, b->via) ||
         a->repeated != b->repeated || a->same_row != b->same_row || a->left != b->left;
}

// Every field, the sites included: callers copy them into their own.
static bool differs(const void *pa, const void *pb) {
  const TxWriteSummary *a = pa, *b = pb;
  if (a->write_count != b->write_count || a->site_count != b->site_count ||
      a->left_count != b->left_count || a->checks != b->checks)
    return true;
  for (uint32_t i = 0; i < a->site_count; i++) {
    if (site_differs(&a->sites[i], &b->sites[i]))
      return true;
  }
  for (uint32_t i = 0; i < a->left_count; i++) {
    if (site_differs(&a->left[i], &b->left[i]))
      return true;
  }
  return false;
}

// Keeps the sites in the fixpoint's arena: most functions write nothing and get none.
static void store(TxFixpoint *fp, void *pkept, const void *pnext) {
  TxWriteSummary *kept = pkept;
  const TxWriteSummary *next = pnext;
  TxWriteSite *keep = kept->sites, *keep_left = kept->left;
  if (next->site_count && !keep)
    keep = TX_ARENA_ARRAY(tx_fixpoint_arena(fp), TxWriteSite, TX_SUMMARY_MAX_SITES);
  if (next->site_count)
    memcpy(keep, next->sites, sizeof(TxWriteSite) * next->site_count);
  if (next->left_count && !keep_left)
    keep_left = TX_ARENA_ARRAY(tx_fixpoint_arena(fp), TxWriteSite, TX_SUMMARY_MAX_LEFT);
  if (next->left_count)
    memcpy(keep_left, next->left, sizeof(TxWriteSite) * next->left_count);
  *kept = *next;
  kept->sites = keep;
  kept->left = keep_left;
}

TxFixpoint *tx_write_paths_run(const TxProgram *p) {
  Scratch scratch;
  // A count only grows, up to the cap, so the sweeps are bounded by the cap per cycle.
  TxAnalysis analysis = {
      .size = sizeof(TxWriteSummary),
      .transfer = transfer,
      .differs = differs,
      .store = store,
      .max_rounds = 4 * TX_SUMMARY_CAP + 64,
      .ctx = &scratch,
  };
  return tx_fixpoint_run(p, &analysis);
}

const TxWriteSummary *tx_write_summary(const TxFixpoint *writes, uint32_t file, uint32_t fn) {
  return tx_fixpoint_get(writes, file, fn);
}
