// callgraph.c: call resolution and summaries (see callgraph.h, summary.h).
//
// Resolution looks a callee up, in order: `this.m()` as Class.m of the caller's class; a
// plain name as a function of the enclosing functions, then of the file's top level, then
// as an import followed to the defining file; `ns.f()` through a namespace import.
//
// Summaries: write_count(F) = F's own write facts + the write counts of the functions it
// calls (an anonymous callback passed inline, such as `items.map(async (x) => ...)`, counts
// as part of its enclosing function). Counts saturate at TX_SUMMARY_CAP, so iterating the
// equations from zero until nothing changes terminates, also through recursion and cycles.
#include "callgraph.h"

#include <stdlib.h>
#include <string.h>

#include "base/check.h"
#include "ir/cfg.h"
#include "ir/effects.h"
#include "ir/js_callbacks.h"
#include "ir/schema.h"
#include "ir/summary.h"

// Lookups by name go through sorted indexes, built once per file, so resolution is
// O(calls * log functions) rather than O(calls * functions): a hostile file of 40,000
// functions and 40,000 calls took 7.6 s in this stage with linear scans.
typedef struct FileIndex {
  uint32_t *by_scope;  // function indices by (parent, name, index)
  uint32_t *by_method; // function indices with a class, by (class_name, method, index)
  uint32_t *imports;   // import indices by (local, index)
  uint32_t method_count;
} FileIndex;

// The method part of a method's name ("save" of "OrderService.save"): what follows the class
// name and one separator; empty when the name is not longer than that.
static TxStr method_tail(const TxFunction *m) {
  uint32_t skip = m->class_name.len + 1;
  return m->name.len > skip ? tx_str_n(m->name.ptr + skip, m->name.len - skip) : (TxStr){"", 0};
}

static int cmp_u32(uint32_t a, uint32_t b) {
  return a < b ? -1 : a > b;
}

static int cmp_scope(const void *a, const void *b, void *ctx) {
  const TxFile *f = ctx;
  uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
  const TxFunction *x = &f->functions[i], *y = &f->functions[j];
  int c = cmp_u32(x->parent, y->parent);
  if (!c)
    c = tx_str_cmp(x->name, y->name);
  return c ? c : cmp_u32(i, j);
}

static int cmp_method(const void *a, const void *b, void *ctx) {
  const TxFile *f = ctx;
  uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
  const TxFunction *x = &f->functions[i], *y = &f->functions[j];
  int c = tx_str_cmp(x->class_name, y->class_name);
  if (!c)
    c = tx_str_cmp(method_tail(x), method_tail(y));
  return c ? c : cmp_u32(i, j);
}

static int cmp_import(const void *a, const void *b, void *ctx) {
  const TxFile *f = ctx;
  uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
  int c = tx_str_cmp(f->imports[i].local, f->imports[j].local);
  return c ? c : cmp_u32(i, j);
}

static void index_file(TxFile *f, FileIndex *x) {
  x->by_scope = tx_xmalloc(((size_t)f->function_count + 1) * sizeof *x->by_scope);
  x->by_method = tx_xmalloc(((size_t)f->function_count + 1) * sizeof *x->by_method);
  x->imports = tx_xmalloc(((size_t)f->import_count + 1) * sizeof *x->imports);
  x->method_count = 0;
  for (uint32_t i = 0; i < f->function_count; i++) {
    x->by_scope[i] = i;
    if (f->functions[i].class_name.len)
      x->by_method[x->method_count++] = i;
  }
  for (uint32_t i = 0; i < f->import_count; i++)
    x->imports[i] = i;
  qsort_r(x->by_scope, f->function_count, sizeof *x->by_scope, cmp_scope, f);
  qsort_r(x->by_method, x->method_count, sizeof *x->by_method, cmp_method, f);
  qsort_r(x->imports, f->import_count, sizeof *x->imports, cmp_import, f);
}

static void index_free(FileIndex *x) {
  free(x->by_scope);
  free(x->by_method);
  free(x->imports);
}

// The first position in `idx[0..n)` whose key is not below the searched one (`below` says
// whether an entry's key is below it).
#define LOWER_BOUND(n, below)                                                                      \
  do {                                                                                             \
    uint32_t lo_ = 0, hi_ = (n);                                                                   \
    while (lo_ < hi_) {                                                                            \
      uint32_t mid = lo_ + (hi_ - lo_) / 2;                                                        \
      if (below)                                                                                   \
        lo_ = mid + 1;                                                                             \
      else                                                                                         \
        hi_ = mid;                                                                                 \
    }                                                                                              \
    pos = lo_;                                                                                     \
  } while (0)

// A function named `name` visible from function `from` (innermost scope first); of several
// in one scope, the first in the file.
static uint32_t local_function(const TxFile *f, const FileIndex *x, uint32_t from, TxStr name) {
  for (uint32_t scope = from;; scope = f->functions[scope].parent) {
    uint32_t pos;
    LOWER_BOUND(f->function_count, (cmp_u32(f->functions[x->by_scope[mid]].parent, scope) < 0 ||
                                    (f->functions[x->by_scope[mid]].parent == scope &&
                                     tx_str_cmp(f->functions[x->by_scope[mid]].name, name) < 0)));
    for (; pos < f->function_count; pos++) {
      uint32_t i = x->by_scope[pos];
      if (f->functions[i].parent != scope || !tx_str_eq(f->functions[i].name, name))
        break;
      if (i != from)
        return i;
    }
    if (scope == TX_NONE)
      return TX_NONE;
  }
}

// `this.name()` inside class `cls`: the first method of that class with that name.
static uint32_t class_method(const TxFile *f, const FileIndex *x, TxStr cls, TxStr name) {
  uint32_t pos;
  LOWER_BOUND(x->method_count,
              (tx_str_cmp(f->functions[x->by_method[mid]].class_name, cls) < 0 ||
               (tx_str_eq(f->functions[x->by_method[mid]].class_name, cls) &&
                tx_str_cmp(method_tail(&f->functions[x->by_method[mid]]), name) < 0)));
  for (; pos < x->method_count; pos++) {
    const TxFunction *m = &f->functions[x->by_method[pos]];
    if (!tx_str_eq(m->class_name, cls) || !tx_str_eq(method_tail(m), name))
      break;
    if (m->name.len == cls.len + 1 + name.len)
      return x->by_method[pos];
  }
  return TX_NONE;
}

static const TxImport *find_import(const TxFile *f, const FileIndex *x, TxStr local) {
  uint32_t pos;
  LOWER_BOUND(f->import_count, tx_str_cmp(f->imports[x->imports[mid]].local, local) < 0);
  if (pos < f->import_count && tx_str_eq(f->imports[x->imports[pos]].local, local))
    return &f->imports[x->imports[pos]];
  return NULL;
}

// The function `name` exported by file `def` (through a default export, a named export of a
// function, or `export { local as name }`).
static uint32_t exported_function(const TxFile *def, const FileIndex *x, TxStr name) {
  for (uint32_t i = 0; i < def->export_count; i++) {
    const TxExport *e = &def->exports[i];
    if (!tx_str_eq(e->exported, name) || e->from.len)
      continue;
    if (e->fn != TX_NONE)
      return e->fn;
    return local_function(def, x, TX_NONE, e->local);
  }
  return local_function(def, x, TX_NONE, name);
}

static bool follow_import(const TxProgram *p, const TxResolver *r, const FileIndex *xs,
                          const TxFile *f, const TxImport *imp, TxStr name, uint32_t *file,
                          uint32_t *fn) {
  uint32_t target = tx_resolve_module(r, f, imp->from);
  if (target == TX_NONE)
    return false;
  uint32_t def_file;
  TxStr def_name;
  if (!tx_resolve_export(r, target, name, &def_file, &def_name))
    return false;
  uint32_t idx = exported_function(p->files[def_file], &xs[def_file], name);
  if (idx == TX_NONE)
    idx = local_function(p->files[def_file], &xs[def_file], TX_NONE, def_name);
  if (idx == TX_NONE)
    return false;
  *file = def_file;
  *fn = idx;
  return true;
}

static void resolve_call(const TxProgram *p, const TxResolver *r, const FileIndex *xs,
                         const TxFile *f, TxCall *c) {
  if (c->fact != TX_NONE)
    return; // a database chain
  const FileIndex *x = &xs[f->id];
  uint32_t file = f->id, fn = TX_NONE;
  if (tx_str_eq_c(c->receiver, "this") && c->fn != TX_NONE) {
    TxStr cls = f->functions[c->fn].class_name;
    if (cls.len)
      fn = class_method(f, x, cls, c->name);
  } else if (c->receiver.len == 0) {
    fn = local_function(f, x, c->fn, c->name);
    const TxImport *imp = fn == TX_NONE ? find_import(f, x, c->name) : NULL;
    if (imp && !tx_str_eq_c(imp->imported, "*") &&
        !follow_import(p, r, xs, f, imp, imp->imported, &file, &fn))
      fn = TX_NONE;
  } else {
    const TxImport *imp = find_import(f, x, c->receiver); // ns.fn() with import * as ns
    if (imp && tx_str_eq_c(imp->imported, "*") &&
        !follow_import(p, r, xs, f, imp, c->name, &file, &fn))
      fn = TX_NONE;
  }
  if (fn != TX_NONE) {
    c->target_file = file;
    c->target_fn = fn;
  }
}

void tx_callgraph_resolve(TxProgram *p, const TxResolver *r) {
  FileIndex *xs = tx_xcalloc(p->file_count + 1, sizeof *xs);
  for (uint32_t i = 0; i < p->file_count; i++) {
    if (p->files[i]->src.lang != TX_LANG_SQL)
      index_file(p->files[i], &xs[i]);
  }
  for (uint32_t i = 0; i < p->file_count; i++) {
    TxFile *f = p->files[i];
    if (f->src.lang == TX_LANG_SQL)
      continue;
    for (uint32_t k = 0; k < f->call_count; k++) {
      TxCall *c = &f->calls[k];
      resolve_call(p, r, xs, f, c); // effect_callee was set by the front end
    }
  }
  for (uint32_t i = 0; i < p->file_count; i++)
    index_free(&xs[i]);
  free(xs);
}

// --- markers ---------------------------------------------------------------------------------

static bool is_event_id_column(TxStr name) {
  return tx_str_eq_c(name, "event_id") || tx_str_eq_c(name, "idempotency_key") ||
         (name.len > 9 && tx_str_ends_with(name, "_event_id"));
}

bool tx_is_marker_table(const TxProgram *p, TxStr schema, TxStr table) {
  if (table.len == 0)
    return false;
  if (tx_strlist_has(&p->config->marker_tables, table))
    return true;
  const TxTable *t = tx_schema_table(&p->schema, schema, table);
  for (uint32_t i = 0; t && i < t->column_count; i++) {
    const TxColumn *c = &t->columns[i];
    if ((c->is_unique || c->is_primary_key) && is_event_id_column(c->name))
      return true;
  }
  return false;
}

// --- summaries -------------------------------------------------------------------------------

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

static void add_site(TxSummary *s, TxWriteSite site) {
  if (s->site_count < TX_SUMMARY_MAX_SITES)
    s->sites[s->site_count++] = site;
}

// The writes one call node of a CFG adds: its own write fact, or the callee's writes, plus
// the writes of inline callbacks passed to it. Appends their sites to `sites` (when given).
static uint32_t call_writes(const TxProgram *p, const TxFile *f, const TxCall *c,
                            TxSummary *sites) {
  uint32_t n = 0;
  if (c->fact != TX_NONE && c->fact < f->fact_count) {
    const TxFact *x = &f->facts[c->fact];
    if (counted_write(p, x)) {
      n = x->in_loop ? 2 : 1;
      if (sites)
        add_site(sites,
                 (TxWriteSite){x->op_span, x->op_span, x->op, x->table, {"", 0}, x->in_loop});
    }
    return n;
  }
  if (c->target_file != TX_NONE) {
    const TxSummary *ts = tx_summary(p->files[c->target_file], c->target_fn);
    if (ts && ts->write_count) {
      n = add_capped(n, c->in_loop ? ts->write_count * 2 : ts->write_count);
      for (uint32_t k = 0; sites && k < ts->site_count; k++) {
        TxWriteSite site = ts->sites[k];
        site.call = c->span;
        site.via = c->name;
        site.repeated |= c->in_loop;
        add_site(sites, site);
      }
    }
  }
  for (uint32_t i = 0; i < c->callback_fn_count; i++) {
    const TxSummary *cs = tx_summary(f, c->callback_fns[i]);
    if (!cs || !cs->inline_callback)
      continue;
    n = add_capped(n, cs->write_count);
    for (uint32_t k = 0; sites && k < cs->site_count; k++)
      add_site(sites, cs->sites[k]);
  }
  return n;
}

static void relax(uint32_t *best, uint32_t *pred, const uint32_t *weight, uint32_t from,
                  uint32_t to) {
  uint32_t w = add_capped(best[from], weight[to]);
  if (best[to] == UINT32_MAX || w > best[to]) {
    best[to] = w;
    pred[to] = from;
  }
}

// Writes along the execution of `fn` that makes the most of them: the heaviest path from
// entry to exit of its CFG, back edges ignored (node order is a topological order; a write
// in a loop already counts twice). Exclusive branches are not added up. Fills the sites of
// that path into `out`.
static void path_writes(const TxProgram *p, const TxFile *f, const TxCfg *g, TxSummary *out) {
  uint32_t n = g->node_count;
  uint32_t *best = NULL, *pred = NULL, *weight = NULL;
  for (uint32_t i = 0; i < n; i++) {
    const TxCfgNode *nd = &g->nodes[i];
    uint32_t w = nd->kind == TX_CFG_CALL && nd->ref < f->call_count
                     ? call_writes(p, f, &f->calls[nd->ref], NULL)
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
      relax(best, pred, weight, i, to);
  }
  // The heaviest path ends at the exit unless the exit is unreachable (a loop without a way
  // out): take the heaviest node reached.
  uint32_t end = 0;
  for (uint32_t i = 1; i < n; i++) {
    if (best[i] != UINT32_MAX && best[i] > best[end])
      end = i;
  }
  out->write_count = best[end];
  // Walk the path back from its end, then collect its sites in execution order.
  uint32_t len = 0;
  for (uint32_t at = end; at != TX_NONE && len < n; at = pred[at])
    best[len++] = at; // `best` is done with: it holds the path now
  for (uint32_t i = len; i > 0; i--) {
    const TxCfgNode *nd = &g->nodes[best[i - 1]];
    if (nd->kind == TX_CFG_CALL && weight[best[i - 1]] && nd->ref < f->call_count)
      call_writes(p, f, &f->calls[nd->ref], out);
  }
  free(best);
}

// The old, path-insensitive count for bodies without a CFG: every write once.
static void all_writes(const TxProgram *p, const TxFile *f, uint32_t idx, TxSummary *next) {
  const TxFunction *fn = &f->functions[idx];
  for (uint32_t i = 0; i < fn->fact_count; i++) {
    const TxFact *x = &f->facts[fn->facts[i]];
    if (!counted_write(p, x))
      continue;
    next->write_count = add_capped(next->write_count, x->in_loop ? 2 : 1);
    add_site(next, (TxWriteSite){x->op_span, x->op_span, x->op, x->table, {"", 0}, x->in_loop});
  }
}

// Idempotency facts of `fn` (effects.h), from every call it makes.
static void summarise_events(const TxProgram *p, const TxFile *f, const TxFunction *fn,
                             TxSummary *next) {
  for (uint32_t i = 0; i < fn->call_count; i++) {
    const TxCall *c = &f->calls[fn->calls[i]];
    TxEvent e = tx_call_event(p, f, c);
    if (e.kind == TX_EVENT_MARKER_WRITE) {
      if (!next->writes_marker)
        next->marker_span = e.inner;
      next->writes_marker = true;
      bool dropped = false;
      if (e.source == TX_EVENT_FROM_FACT)
        dropped = e.fact->result_unused && !e.fact->throws_on_error;
      else if (e.source == TX_EVENT_FROM_HELPER)
        dropped = tx_summary(p->files[e.file], e.fn)->marker_unchecked && c->result_name_count == 0;
      next->marker_unchecked |= dropped;
    } else if (e.kind == TX_EVENT_EFFECT) {
      if (!next->has_effect) {
        next->effect_span = e.inner;
        next->effect_op = TX_OP_COUNT_;
        if (e.source == TX_EVENT_FROM_FACT) {
          next->effect_name = e.fact->table;
          next->effect_op = e.fact->op;
        } else if (e.source == TX_EVENT_FROM_PATTERN) {
          next->effect_name = c->callee;
        } else {
          const TxFile *tf = e.source == TX_EVENT_FROM_HELPER ? p->files[e.file] : f;
          const TxSummary *ts = tx_summary(tf, e.fn);
          next->effect_name = ts->effect_name;
          next->effect_op = ts->effect_op;
        }
      }
      next->has_effect = true;
    } else if (e.kind == TX_EVENT_MARKER_CHECK) {
      next->checks_marker = true;
    }
  }
}

// Recomputes one function's summary from its CFG (or facts), its calls and its inline
// callbacks' summaries. Returns true when it changed.
static bool summarise(TxProgram *p, const TxFile *f, uint32_t idx) {
  const TxFunction *fn = &f->functions[idx];
  TxSummary next;
  TxWriteSite buf[TX_SUMMARY_MAX_SITES];
  memset(&next, 0, sizeof next);
  next.sites = buf;
  next.inline_callback = fn->summary->inline_callback;
  next.effect_op = TX_OP_COUNT_;
  if (fn->cfg)
    path_writes(p, f, fn->cfg, &next);
  else
    all_writes(p, f, idx, &next);
  if (f->src.lang != TX_LANG_SQL)
    summarise_events(p, f, fn, &next);
  bool changed = next.write_count != fn->summary->write_count ||
                 next.writes_marker != fn->summary->writes_marker ||
                 next.site_count != fn->summary->site_count ||
                 next.has_effect != fn->summary->has_effect ||
                 next.checks_marker != fn->summary->checks_marker ||
                 next.marker_unchecked != fn->summary->marker_unchecked;
  TxWriteSite *keep = fn->summary->sites;
  if (next.site_count && !keep)
    keep = TX_ARENA_ARRAY(&p->arena, TxWriteSite, TX_SUMMARY_MAX_SITES);
  if (next.site_count)
    memcpy(keep, buf, sizeof(TxWriteSite) * next.site_count);
  *fn->summary = next;
  fn->summary->sites = keep;
  return changed;
}

// Calls that run the function they are given before they return (or as the next step of the
// same promise chain): the methods of tx_callback_run's list, and project functions (a helper
// taking a callback, such as `withRetry(() => ...)`, is assumed to call it). Registrations
// such as `useCallback`, `useEffect`, `setTimeout` or `emitter.on` are not: the callback is a
// function of its own.
static bool invokes_callbacks(const TxCall *c) {
  if (c->target_file != TX_NONE)
    return true;
  return c->receiver.len != 0 && tx_callback_run(c->name) != TX_CALLBACK_NOT_RUN;
}

// Anonymous functions passed to calls that invoke them are part of the calling function:
// `items.map(async (x) => ...)`, `Promise.all(ids.map(...))`, `.then(() => ...)`.
static void mark_inline_callbacks(TxFile *f) {
  for (uint32_t i = 0; i < f->call_count; i++) {
    const TxCall *c = &f->calls[i];
    if (!c->callback_fn_count || !invokes_callbacks(c))
      continue;
    for (uint32_t k = 0; k < c->callback_fn_count; k++) {
      TxFunction *fn = &f->functions[c->callback_fns[k]];
      if (fn->entry == TX_ENTRY_NONE && tx_name_is_anonymous(fn->name))
        fn->summary->inline_callback = true;
    }
  }
}

void tx_callgraph_summarise(TxProgram *p) {
  for (uint32_t i = 0; i < p->file_count; i++) {
    TxFile *f = p->files[i];
    for (uint32_t k = 0; k < f->function_count; k++)
      f->functions[k].summary = TX_ARENA_NEW(&p->arena, TxSummary);
    if (f->src.lang != TX_LANG_SQL)
      mark_inline_callbacks(f);
  }
  // Worklist to the fixed point: a function is recomputed when a function it depends on (a
  // callee, or an inline callback) changed. Children come after parents in a file, so a sweep
  // in reverse order settles callbacks before the functions that contain them.
  uint32_t *base = tx_xmalloc(sizeof(uint32_t) * (p->file_count + 1));
  uint32_t total = 0;
  for (uint32_t i = 0; i < p->file_count; i++) {
    base[i] = total;
    total += p->files[i]->function_count;
  }
  base[p->file_count] = total;
  // Callers of each function (CSR): edges callee -> caller.
  uint32_t *first = tx_xcalloc((size_t)total + 1, sizeof(uint32_t));
  for (int pass = 0; pass < 2; pass++) {
    uint32_t *callers = pass ? tx_xmalloc(sizeof(uint32_t) * (first[total] + 1)) : NULL;
    uint32_t *fill = pass ? tx_xcalloc((size_t)total + 1, sizeof(uint32_t)) : NULL;
    for (uint32_t i = 0; i < p->file_count; i++) {
      const TxFile *f = p->files[i];
      if (f->src.lang == TX_LANG_SQL)
        continue;
      for (uint32_t k = 0; k < f->call_count; k++) {
        const TxCall *c = &f->calls[k];
        if (c->fn == TX_NONE)
          continue;
        uint32_t caller = base[i] + c->fn;
        for (uint32_t e = 0; e <= c->callback_fn_count; e++) {
          uint32_t callee = e < c->callback_fn_count    ? base[i] + c->callback_fns[e]
                            : c->target_file != TX_NONE ? base[c->target_file] + c->target_fn
                                                        : TX_NONE;
          if (callee == TX_NONE)
            continue;
          if (pass == 0)
            first[callee + 1]++;
          else
            callers[first[callee] + fill[callee]++] = caller;
        }
      }
    }
    if (pass == 0) {
      for (uint32_t n = 0; n < total; n++)
        first[n + 1] += first[n];
      continue;
    }
    bool *dirty = tx_xmalloc(total ? total : 1);
    memset(dirty, 1, total);
    bool any = true;
    for (uint32_t round = 0; any && round < 4 * TX_SUMMARY_CAP + 64; round++) {
      any = false;
      for (uint32_t i = 0; i < p->file_count; i++) {
        const TxFile *f = p->files[i];
        if (f->src.lang == TX_LANG_SQL)
          continue;
        for (uint32_t k = f->function_count; k > 0; k--) {
          uint32_t id = base[i] + k - 1;
          if (!dirty[id])
            continue;
          dirty[id] = false;
          if (!summarise(p, f, k - 1))
            continue;
          for (uint32_t e = first[id]; e < first[id + 1]; e++) {
            dirty[callers[e]] = true;
            any = true;
          }
        }
      }
    }
    free(dirty);
    free(fill);
    free(callers);
  }
  free(first);
  free(base);
}
