// callgraph.c: call resolution and inline callbacks (see callgraph.h).
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
#include "ir/js_callbacks.h"
#include "ir/schema.h"

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
                         const TxFile *f, TxCall *call) {
  if (call->fact != TX_NONE)
    return; // a database chain
  const FileIndex *x = &xs[f->id];
  uint32_t file = f->id, fn = TX_NONE;
  if (tx_str_eq_c(call->receiver, "this") && call->fn != TX_NONE) {
    TxStr cls = f->functions[call->fn].class_name;
    if (cls.len)
      fn = class_method(f, x, cls, call->name);
  } else if (call->receiver.len == 0) {
    fn = local_function(f, x, call->fn, call->name);
    const TxImport *imp = fn == TX_NONE ? find_import(f, x, call->name) : NULL;
    if (imp && !tx_str_eq_c(imp->imported, "*") &&
        !follow_import(p, r, xs, f, imp, imp->imported, &file, &fn))
      fn = TX_NONE;
  } else {
    const TxImport *imp = find_import(f, x, call->receiver); // ns.fn() with import * as ns
    if (imp && tx_str_eq_c(imp->imported, "*") &&
        !follow_import(p, r, xs, f, imp, call->name, &file, &fn))
      fn = TX_NONE;
  }
  if (fn != TX_NONE) {
    call->target_file = file;
    call->target_fn = fn;
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
      TxCall *call = &f->calls[k];
      resolve_call(p, r, xs, f, call); // effect_callee was set by the front end
    }
  }
  for (uint32_t i = 0; i < p->file_count; i++)
    index_free(&xs[i]);
  free(xs);
}

// --- inline callbacks ----------------------------------------------------------------------

// Calls that run the function they are given before they return (or as the next step of the
// same promise chain): the methods of tx_callback_run's list, and project functions (a helper
// taking a callback, such as `withRetry(() => ...)`, is assumed to call it). Registrations
// such as `useCallback`, `useEffect`, `setTimeout` or `emitter.on` are not: the callback is a
// function of its own.
static bool invokes_callbacks(const TxCall *call) {
  if (call->target_file != TX_NONE)
    return true;
  return call->receiver.len != 0 && tx_callback_run(call->name) != TX_CALLBACK_NOT_RUN;
}

// Anonymous functions passed to calls that invoke them are part of the calling function:
// `items.map(async (x) => ...)`, `Promise.all(ids.map(...))`, `.then(() => ...)`.
static void mark_inline_callbacks(TxFile *f) {
  for (uint32_t i = 0; i < f->call_count; i++) {
    const TxCall *call = &f->calls[i];
    if (!call->callback_fn_count || !invokes_callbacks(call))
      continue;
    for (uint32_t k = 0; k < call->callback_fn_count; k++) {
      TxFunction *fn = &f->functions[call->callback_fns[k]];
      if (fn->entry == TX_ENTRY_NONE && tx_name_is_anonymous(fn->name))
        fn->inline_callback = true;
    }
  }
}

void tx_callgraph_inline_callbacks(TxProgram *p) {
  for (uint32_t i = 0; i < p->file_count; i++) {
    if (p->files[i]->src.lang != TX_LANG_SQL)
      mark_inline_callbacks(p->files[i]);
  }
}
