// write_paths.c: the write counts of non-atomic-writes (see write_paths.h).
#include "write_paths.h"

#include <stdlib.h>
#include <string.h>

#include "base/check.h"
#include "idempotency.h"
#include "ir/cfg.h"
#include "ir/schema.h"

// --- write counts -------------------------------------------------------------------------------

// How a fact takes part in the count.
typedef enum WriteKind {
  W_NONE,        // not a write, or one that is separate by design (a marker)
  W_COUNTED,     // a write the function sequences
  W_INDEPENDENT, // a write whose row stands alone (independent_tables): listed, not counted
  W_NOT_AWAITED, // a chain dropped without an await: listed, not counted
} WriteKind;

static bool independent_table(const TxProgram *p, TxStr table) {
  const TxStrList *l = &p->config->independent_tables;
  for (uint32_t i = 0; i < l->count && table.len; i++) {
    if (tx_str_glob_str(l->items[i], table))
      return true;
  }
  return false;
}

// True when every table the bodies of the rpc's SQL function write (tx_rpc_body says they
// write one) is independent: a `check_rate_limit()` that bumps a counter row. Overloads
// past the few tx_rpc_body reads count as dependent.
static bool rpc_writes_independent(const TxProgram *p, const TxFact *x) {
  enum { MAX_DEFS = 8 };
  const TxSqlFunc *defs[MAX_DEFS];
  uint32_t n = tx_schema_funcs(&p->schema, x->schema, x->function, defs, MAX_DEFS);
  if (n == 0 || n > MAX_DEFS)
    return false;
  for (uint32_t i = 0; i < n; i++) {
    const TxSqlFunc *d = defs[i];
    if (d->file == TX_NONE || d->file >= p->file_count ||
        d->fn >= p->files[d->file]->function_count)
      return false;
    const TxFile *sf = p->files[d->file];
    const TxFunction *body = &sf->functions[d->fn];
    for (uint32_t k = 0; k < body->fact_count; k++) {
      const TxFact *y = &sf->facts[body->facts[k]];
      if (tx_op_is_write(y->op) && !tx_is_marker_table(p, y->schema, y->table) &&
          !independent_table(p, y->table))
        return false;
    }
  }
  return true;
}

// A supabase-js write to a table that is not a marker table, or an `.rpc()` whose SQL
// function (defined by the migrations, every body read) writes one: each rpc is its own
// transaction. An rpc the migrations do not define, or whose body runs dynamic SQL, does
// something unknown and is not counted; a `pg_*` catalog probe reads.
static WriteKind write_kind(const TxProgram *p, const TxFact *x) {
  if (!tx_fact_live(x) || x->origin != TX_ORIGIN_TS)
    return W_NONE;
  WriteKind counted = x->not_awaited ? W_NOT_AWAITED : W_COUNTED;
  if (x->op == TX_OP_RPC) {
    TxRpcBody b = tx_rpc_body(p, x);
    if (b.known != TX_RPC_DEFINED || !b.writes)
      return W_NONE;
    return rpc_writes_independent(p, x) ? W_INDEPENDENT : counted;
  }
  if (!tx_op_is_write(x->op) || tx_is_marker_table(p, x->schema, x->table))
    return W_NONE;
  return independent_table(p, x->table) ? W_INDEPENDENT : counted;
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
    } else if (k != W_NONE) {
      *leaves = true;
      if (out)
        add_left(out, fact_site(x), k == W_INDEPENDENT ? TX_LEFT_INDEPENDENT : TX_LEFT_NOT_AWAITED);
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
  bool pred_thrown;  // the path to here leaves `pred` by its thrown edge
  bool thrown_out;   // on the chosen path, left by a thrown edge: its last write was not made
  uint32_t error_of; // TEST: the write node whose error binding the condition names
  bool skip;         // on the chosen path, a write that failed (its fallback ran instead)
  bool drop;         // on the chosen path, a weighed write that did not count
  bool gone;         // dropped on an earlier search: weighs 0, and counts on no path
  bool counted;      // on the chosen path, counted (so far in collect)
} NodeInfo;

enum { LOOK_BACK = 256 }; // nodes searched back for a tested write, path steps for a same row

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

// --- exceptions: a call that throws (the thrown edges of ir/cfg.h) made its writes but the
// last, which is the one that failed: a write that throws wrote nothing, and a helper that
// throws is taken to throw on its last write's error, as the usual `if (error) throw error`
// does. So `try { insert } catch { insert into a fallback }` is one write on each path, not
// two in sequence, while a compensation after an earlier write succeeded still adds up.
static void relax(const TxCfg *g, NodeInfo *ni, uint32_t from, uint32_t to, bool thrown) {
  uint32_t drop = thrown && ni[from].weight ? 1 : 0;
  uint32_t w = ni[from].best > drop ? ni[from].best - drop : 0;
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
    ni[to].pred_thrown = drop != 0;
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
  for (uint32_t i = 0; i < g->node_count; i++)
    ni[i].error_of = TX_NONE;
  for (uint32_t i = 0; i < g->node_count; i++) {
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

// The first counted update on the path before step `i` that writes the same row as the
// update at step `i`, or NULL.
static const TxFact *row_written(const TxFile *f, const TxCfg *g, const NodeInfo *ni,
                                 const uint32_t *path, uint32_t i) {
  const TxFact *x = node_fact(f, g, path[i]);
  if (!x || !keyed_update(x))
    return NULL;
  for (uint32_t k = 0; k < i && k < LOOK_BACK; k++) {
    const TxFact *y = node_fact(f, g, path[k]);
    if (y && ni[path[k]].counted && same_row(x, y))
      return y;
  }
  return NULL;
}

// Collects the sites of the path `path[0..len)` (in execution order) into `out`. Returns
// whether a node weighed by the search did not count here (its weight is then set to 0 for
// the next search).
static bool collect(const TxFixpoint *fp, const TxFile *f, const TxCfg *g, NodeInfo *ni,
                    const uint32_t *path, uint32_t len, TxWriteSummary *out) {
  uint32_t count = 0;
  bool dropped = false;
  for (uint32_t i = 0; i < len; i++) {
    uint32_t at = path[i];
    const TxCfgNode *nd = &g->nodes[at];
    bool weighed = ni[at].weight || ni[at].gone;
    if (nd->kind != TX_CFG_CALL || nd->ref >= f->call_count || !weighed) {
      if (nd->kind == TX_CFG_CALL && nd->ref < f->call_count) { // writes left out only
        bool leaves = false;
        call_writes(fp, f, &f->calls[nd->ref], out, &leaves);
      }
      continue;
    }
    ni[at].drop = ni[at].skip;
    if (ni[at].skip)
      continue;
    const TxFact *first = row_written(f, g, ni, path, i);
    if (first) { // the row was written already on this path: one row cannot be half-written
      for (uint32_t k = 0; k < out->site_count; k++)
        out->sites[k].same_row |= tx_span_eq(out->sites[k].span, first->op_span);
      ni[at].drop = true;
      continue;
    }
    if (ni[at].gone)
      continue; // its row was written before it on the path an earlier search chose
    bool leaves = false;
    uint32_t before = out->site_count;
    uint32_t w = call_writes(fp, f, &f->calls[nd->ref], out, &leaves);
    if (ni[at].thrown_out && w) { // it threw on its last write (see relax)
      w--;
      // A repeated write that throws was made by the earlier rounds: its site stays.
      if (out->site_count > before && !out->sites[out->site_count - 1].repeated)
        out->site_count--;
    }
    count = add_capped(count, w);
    ni[at].counted = true;
  }
  for (uint32_t i = 0; i < len; i++) {
    NodeInfo *x = &ni[path[i]];
    if (x->drop && !x->gone) {
      x->weight = 0;
      x->gone = dropped = true;
    }
  }
  out->write_count = count;
  return dropped;
}

// The heaviest path from entry to exit under the current weights, into `path` (execution
// order; room for every node); returns its length. Marks the writes an error branch on it
// says failed (NodeInfo.skip).
static uint32_t heaviest_path(const TxCfg *g, NodeInfo *ni, uint32_t *path) {
  uint32_t n = g->node_count;
  for (uint32_t i = 0; i < n; i++) {
    ni[i].best = ni[i].left = UINT32_MAX;
    ni[i].pred = TX_NONE;
    ni[i].skip = ni[i].drop = ni[i].counted = ni[i].pred_thrown = ni[i].thrown_out = false;
  }
  ni[0].best = ni[0].weight;
  ni[0].left = ni[0].leaves;
  for (uint32_t i = 0; i < n; i++) {
    if (ni[i].best == UINT32_MAX)
      continue;
    TxCfgSuccs it = tx_cfg_succs(g, i);
    uint32_t to;
    while (tx_cfg_succs_next(&it, &to))
      relax(g, ni, i, to, it.thrown);
  }
  uint32_t len = 0;
  for (uint32_t at = path_end(g, ni); at != TX_NONE && len < n;) {
    path[len++] = at;
    uint32_t from = ni[at].pred;
    if (from != TX_NONE && error_edge(g, ni, from, at))
      ni[ni[from].error_of].skip = true;
    if (from != TX_NONE && ni[at].pred_thrown)
      ni[from].thrown_out = true;
    at = from;
  }
  for (uint32_t i = 0; i < len / 2; i++) {
    uint32_t t = path[i];
    path[i] = path[len - 1 - i];
    path[len - 1 - i] = t;
  }
  return len;
}

enum { PATH_ROUNDS = 3 }; // searches of path_writes

// Writes along the execution of `fn` that makes the most of them: the heaviest path from
// entry to exit of its CFG, back edges ignored (node order is a topological order; a write
// in a loop already counts twice). Exclusive branches are not added up, and the branch an
// error check takes when a write failed does not count that write. Fills the sites of that
// path into `out`. What does not count on a path (a row written again, a dropped result
// after the last check) is known only once the path is chosen, so the search runs again
// without those writes, and the path counting the most wins.
static void path_writes(const TxFixpoint *fp, const TxFile *f, const TxCfg *g,
                        TxWriteSummary *out) {
  NodeInfo *ni;
  if (!weigh(fp, f, g, &ni))
    return;
  uint32_t *path = tx_xmalloc(sizeof(uint32_t) * g->node_count);
  TxWriteSite sites[TX_SUMMARY_MAX_SITES] = {0}, left[TX_SUMMARY_MAX_LEFT] = {0};
  for (uint32_t round = 0; round < PATH_ROUNDS; round++) {
    uint32_t len = heaviest_path(g, ni, path);
    TxWriteSummary got = {.sites = sites, .left = left};
    bool again = collect(fp, f, g, ni, path, len, &got);
    if (round == 0 || got.write_count > out->write_count) {
      memcpy(out->sites, sites, sizeof(TxWriteSite) * got.site_count);
      memcpy(out->left, left, sizeof(TxWriteSite) * got.left_count);
      got.sites = out->sites;
      got.left = out->left;
      *out = got;
    }
    if (!again)
      break;
  }
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
    if (k == W_INDEPENDENT || k == W_NOT_AWAITED)
      add_left(next, fact_site(x), k == W_INDEPENDENT ? TX_LEFT_INDEPENDENT : TX_LEFT_NOT_AWAITED);
    if (k != W_COUNTED)
      continue;
    next->write_count = add_capped(next->write_count, x->in_loop ? 2 : 1);
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
      a->left_count != b->left_count)
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
