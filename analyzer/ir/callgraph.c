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

#include <string.h>

#include "schema.h"
#include "summary.h"

static bool name_is(const TxFunction *fn, TxStr name) {
  return tx_str_eq(fn->name, name);
}

// A function named `name` visible from function `from` (innermost scope first).
static uint32_t local_function(const TxFile *f, uint32_t from, TxStr name) {
  for (uint32_t scope = from;; scope = f->functions[scope].parent) {
    for (uint32_t i = 0; i < f->function_count; i++) {
      if (f->functions[i].parent == scope && name_is(&f->functions[i], name) && i != from)
        return i;
    }
    if (scope == TX_NONE)
      return TX_NONE;
  }
}

// The function `name` exported by file `def` (through a default export, a named export of a
// function, or `export { local as name }`).
static uint32_t exported_function(const TxFile *def, TxStr name) {
  for (uint32_t i = 0; i < def->export_count; i++) {
    const TxExport *e = &def->exports[i];
    if (!tx_str_eq(e->exported, name) || e->from.len)
      continue;
    if (e->fn != TX_NONE)
      return e->fn;
    return local_function(def, TX_NONE, e->local);
  }
  return local_function(def, TX_NONE, name);
}

static bool follow_import(const TxProgram *p, const TxResolver *r, const TxFile *f,
                          const TxImport *imp, TxStr name, uint32_t *file, uint32_t *fn) {
  uint32_t target = tx_resolve_module(r, f, imp->from);
  if (target == TX_NONE)
    return false;
  uint32_t def_file;
  TxStr def_name;
  if (!tx_resolve_export(r, target, name, &def_file, &def_name))
    return false;
  uint32_t idx = exported_function(p->files[def_file], name);
  if (idx == TX_NONE)
    idx = local_function(p->files[def_file], TX_NONE, def_name);
  if (idx == TX_NONE)
    return false;
  *file = def_file;
  *fn = idx;
  return true;
}

static const TxImport *find_import(const TxFile *f, TxStr local) {
  for (uint32_t i = 0; i < f->import_count; i++) {
    if (tx_str_eq(f->imports[i].local, local))
      return &f->imports[i];
  }
  return NULL;
}

static void resolve_call(const TxProgram *p, const TxResolver *r, const TxFile *f, TxCall *c) {
  if (c->fact != TX_NONE)
    return; // a database chain
  uint32_t file = f->id, fn = TX_NONE;
  if (tx_str_eq_c(c->receiver, "this") && c->fn != TX_NONE) {
    TxStr cls = f->functions[c->fn].class_name;
    for (uint32_t i = 0; i < f->function_count && fn == TX_NONE && cls.len; i++) {
      const TxFunction *m = &f->functions[i];
      if (tx_str_eq(m->class_name, cls) && m->name.len == cls.len + 1 + c->name.len &&
          memcmp(m->name.ptr + cls.len + 1, c->name.ptr, c->name.len) == 0)
        fn = i;
    }
  } else if (c->receiver.len == 0) {
    fn = local_function(f, c->fn, c->name);
    const TxImport *imp = fn == TX_NONE ? find_import(f, c->name) : NULL;
    if (imp && !tx_str_eq_c(imp->imported, "*") &&
        !follow_import(p, r, f, imp, imp->imported, &file, &fn))
      fn = TX_NONE;
  } else {
    const TxImport *imp = find_import(f, c->receiver); // ns.fn() with import * as ns
    if (imp && tx_str_eq_c(imp->imported, "*") && !follow_import(p, r, f, imp, c->name, &file, &fn))
      fn = TX_NONE;
  }
  if (fn != TX_NONE) {
    c->target_file = file;
    c->target_fn = fn;
  }
}

void tx_callgraph_resolve(TxProgram *p, const TxResolver *r) {
  for (uint32_t i = 0; i < p->file_count; i++) {
    TxFile *f = p->files[i];
    if (f->src.lang == TX_LANG_SQL)
      continue;
    for (uint32_t k = 0; k < f->call_count; k++)
      resolve_call(p, r, f, &f->calls[k]);
  }
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

static bool counted_write(const TxProgram *p, const TxFact *x) {
  return tx_fact_live(x) && x->origin == TX_ORIGIN_TS && tx_op_is_write(x->op) &&
         !tx_is_marker_table(p, x->schema, x->table);
}

static uint32_t add_capped(uint32_t a, uint32_t b) {
  return a + b > TX_SUMMARY_CAP ? TX_SUMMARY_CAP : a + b;
}

static void add_site(TxSummary *s, TxWriteSite site) {
  if (s->site_count < TX_SUMMARY_MAX_SITES)
    s->sites[s->site_count++] = site;
}

// Recomputes one function's summary from its facts, its calls and its inline callbacks'
// summaries. Returns true when it changed.
static bool summarise(const TxProgram *p, const TxFile *f, uint32_t idx) {
  const TxFunction *fn = &f->functions[idx];
  TxSummary next;
  memset(&next, 0, sizeof next);
  next.inline_callback = fn->summary->inline_callback;
  for (uint32_t i = 0; i < fn->fact_count; i++) {
    const TxFact *x = &f->facts[fn->facts[i]];
    if (tx_fact_live(x) && tx_op_is_write(x->op) && x->origin == TX_ORIGIN_TS &&
        tx_is_marker_table(p, x->schema, x->table) && x->op != TX_OP_UPDATE &&
        x->op != TX_OP_DELETE)
      next.writes_marker = true;
    if (!counted_write(p, x))
      continue;
    next.write_count = add_capped(next.write_count, x->in_loop ? 2 : 1);
    add_site(&next, (TxWriteSite){x->op_span, x->op_span, x->op, x->table, {"", 0}, x->in_loop});
  }
  for (uint32_t i = 0; i < fn->call_count; i++) {
    const TxCall *c = &f->calls[fn->calls[i]];
    if (c->target_file == TX_NONE)
      continue;
    const TxFile *tf = p->files[c->target_file];
    const TxSummary *ts = tf->functions[c->target_fn].summary;
    next.writes_marker |= ts->writes_marker;
    if (ts->write_count == 0)
      continue;
    uint32_t n = c->in_loop ? ts->write_count * 2 : ts->write_count;
    next.write_count = add_capped(next.write_count, n);
    for (uint32_t k = 0; k < ts->site_count; k++) {
      TxWriteSite site = ts->sites[k];
      site.call = c->span;
      site.via = c->name;
      site.repeated |= c->in_loop;
      add_site(&next, site);
    }
  }
  // Inline callbacks: their work happens as part of this function. Functions are stored in
  // source order, so the nested ones follow their parent within its span.
  for (uint32_t i = idx + 1; i < f->function_count && f->functions[i].span.start < fn->span.end;
       i++) {
    const TxFunction *child = &f->functions[i];
    if (child->parent != idx || !child->summary->inline_callback)
      continue;
    next.writes_marker |= child->summary->writes_marker;
    next.write_count = add_capped(next.write_count, child->summary->write_count);
    for (uint32_t k = 0; k < child->summary->site_count; k++)
      add_site(&next, child->summary->sites[k]);
  }
  // Sites in the order this function reaches them.
  for (uint32_t i = 1; i < next.site_count; i++) {
    TxWriteSite w = next.sites[i];
    uint32_t k = i;
    while (k > 0 && next.sites[k - 1].call.start > w.call.start) {
      next.sites[k] = next.sites[k - 1];
      k--;
    }
    next.sites[k] = w;
  }
  bool changed = next.write_count != fn->summary->write_count ||
                 next.writes_marker != fn->summary->writes_marker ||
                 next.site_count != fn->summary->site_count;
  *fn->summary = next;
  return changed;
}

// An anonymous function passed as an argument (or a method callback) that is not a route
// handler: `items.map(async (x) => ...)`, `Promise.all(ids.map(...))`, `.then(() => ...)`.
static bool is_inline_callback(const TxFunction *fn) {
  return fn->parent != TX_NONE && fn->entry == TX_ENTRY_NONE &&
         tx_str_eq_c(fn->name, "<anonymous>");
}

void tx_callgraph_summarise(TxProgram *p) {
  for (uint32_t i = 0; i < p->file_count; i++) {
    TxFile *f = p->files[i];
    for (uint32_t k = 0; k < f->function_count; k++) {
      f->functions[k].summary = TX_ARENA_NEW(&p->arena, TxSummary);
      f->functions[k].summary->inline_callback = is_inline_callback(&f->functions[k]);
    }
  }
  // Round-robin to the fixed point. Children come after parents in a file, so a sweep in
  // reverse order settles callbacks before the functions that contain them.
  bool changed = true;
  for (uint32_t round = 0; changed && round < 4 * TX_SUMMARY_CAP + 64; round++) {
    changed = false;
    for (uint32_t i = 0; i < p->file_count; i++) {
      const TxFile *f = p->files[i];
      if (f->src.lang == TX_LANG_SQL)
        continue;
      for (uint32_t k = f->function_count; k > 0; k--)
        changed |= summarise(p, f, k - 1);
    }
  }
}
