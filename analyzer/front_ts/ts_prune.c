// ts_prune.c: pruning, which keeps only what a rule can use.
#include <stdlib.h>
#include <string.h>

#include "ts_internal.h"

// --- pruning: keep only what a rule can use -----------------------------------------------------
//
// Most calls of real code are library calls no rule can act on (`x.toFixed()`,
// `res.status(200).json(...)`, `items.reduce(...)`), and most inline callbacks hold nothing but
// such calls. Keeping them cost a third of the memory, so extraction drops:
// - calls that are not database chains, cannot resolve to a project function (the callee has
//   a receiver that is neither `this` nor a namespace import), match no effect_calls pattern,
//   pass no kept callback, and pass no local that holds the result of another call or chain
//   (a test of that result, as idempotency-result-ignored reads it);
// - functions left with no facts, no calls and no nested functions (a formatter, a callback
//   that sums numbers), unless they are entries or could be called under
//   a name that matches an effect_calls pattern. A call to such a function stays unresolved,
//   which the rules treat exactly as a call to a function that does nothing.
// Rules see exactly the same effects, writes and tests as before; only no-op nodes vanish.

static int str_cmp(const void *a, const void *b) {
  const TxStr *x = a, *y = b;
  uint32_t n = x->len < y->len ? x->len : y->len;
  int d = n ? memcmp(x->ptr, y->ptr, n) : 0;
  return d ? d : (x->len > y->len) - (x->len < y->len);
}

// Relevance of a call apart from its callbacks. `namespaces`: the namespace imports
// (`import * as ns`, `const ns = require()`).
static bool call_matters(const TxCall *call, const TsNameIndex *namespaces, const TxStr *results,
                         uint32_t result_count) {
  if (call->fact != TX_NONE || call->effect_callee || call->receiver.len == 0 ||
      tx_str_eq_c(call->receiver, "this") ||
      (namespaces && tx_ts_name_index_first(namespaces, call->receiver) != TX_NONE))
    return true;
  for (uint32_t k = 0; k < call->ident_arg_count && result_count; k++) {
    if (bsearch(&call->ident_args[k], results, result_count, sizeof(TxStr), str_cmp))
      return true;
  }
  return false;
}

// True when a call to `fn` could be written as a callee that matches an effect pattern
// (`sendEmail()`, `this.send()`, `mailer.send()`): such a function is kept, or the call
// would become an effect once unresolved.
static bool effect_named(const TsCtx *ex, const TxFunction *fn) {
  const TxEffectMatcher *pats = &ex->effects;
  // "<anonymous>" is no name; "<anonymous>.send", a method of a nameless class, is.
  if (fn->name.len == 0 || tx_name_is_anonymous(fn->name))
    return false;
  TxStr name = fn->name;
  for (uint32_t i = name.len; i > 0; i--) {
    if (name.ptr[i - 1] == '.') {
      name = tx_str_n(name.ptr + i, name.len - i);
      break;
    }
  }
  char buf[256];
  size_t n = name.len < 200 ? name.len : 200;
  buf[0] = 'x';
  buf[1] = '.';
  memcpy(buf + 2, name.ptr, n);
  return tx_effect_matcher_match(pats, fn->name) || tx_effect_matcher_match(pats, name) ||
         tx_effect_matcher_match(pats, tx_str_n(buf, n + 2)) ||
         (fn->export_name.len && tx_effect_matcher_match(pats, fn->export_name));
}

static TxStr *copy_strs(TxArena *a, const TxStr *items, uint32_t n) {
  return n ? tx_arena_memdup(a, items, sizeof(TxStr) * n) : NULL;
}

void tx_ts_prune(TsCtx *ex) {
  uint32_t nf = ex->fns.count, nc = ex->calls.count;
  TxArena *a = &ex->f->arena;
  // Every local bound to a result, sorted for lookup.
  TX_ARRAY(TxStr) results = {0};
  for (uint32_t i = 0; i < ex->facts.count; i++) {
    for (uint32_t k = 0; k < ex->facts.items[i].result_name_count; k++)
      TX_ARRAY_PUSH(&results, ex->facts.items[i].result_names[k]);
  }
  for (uint32_t i = 0; i < nc; i++) {
    TxCall *call = &ex->calls.items[i];
    call->effect_callee =
        call->fact == TX_NONE && tx_effect_matcher_match(&ex->effects, call->callee);
    for (uint32_t k = 0; k < call->result_name_count; k++)
      TX_ARRAY_PUSH(&results, call->result_names[k]);
  }
  if (results.count > 1)
    qsort(results.items, results.count, sizeof(TxStr), str_cmp);
  TxStr *ns_keys = NULL;
  TsNameIndex ns_index, *namespaces = NULL;
  if (ex->has_namespace_import) {
    ns_keys = tx_xcalloc(ex->imports.count ? ex->imports.count : 1, sizeof(TxStr));
    for (uint32_t i = 0; i < ex->imports.count; i++) {
      if (tx_str_eq_c(ex->imports.items[i].imported, "*"))
        ns_keys[i] = ex->imports.items[i].local;
    }
    tx_ts_name_index_init(&ns_index, ns_keys, ex->imports.count);
    namespaces = &ns_index;
  }

  // Per function (index nf: top level): its calls as a linked list; its kept children.
  uint32_t *head = tx_xmalloc(sizeof(uint32_t) * (nf + 1));
  uint32_t *next = tx_xmalloc(sizeof(uint32_t) * (nc ? nc : 1));
  uint32_t *children = tx_xcalloc(nf + 1, sizeof(uint32_t));
  uint32_t *fn_map = tx_xmalloc(sizeof(uint32_t) * (nf ? nf : 1));
  uint32_t *call_map = tx_xmalloc(sizeof(uint32_t) * (nc ? nc : 1));
  bool *has_facts = tx_xcalloc(nf ? nf : 1, sizeof(bool));
  // Callbacks of each call, as a linked list over the pairs.
  uint32_t *cb_head = tx_xmalloc(sizeof(uint32_t) * (nc ? nc : 1));
  uint32_t *cb_next = tx_xmalloc(sizeof(uint32_t) * (ex->callbacks.count / 2 + 1));
  for (uint32_t i = 0; i <= nf; i++)
    head[i] = TX_NONE;
  for (uint32_t i = 0; i < nc; i++)
    cb_head[i] = TX_NONE;
  for (uint32_t i = nc; i-- > 0;) {
    uint32_t fn = ex->calls.items[i].fn < nf ? ex->calls.items[i].fn : nf;
    next[i] = head[fn];
    head[fn] = i;
  }
  for (uint32_t p = 0; p + 1 < ex->callbacks.count; p += 2) {
    uint32_t call = ex->callbacks.items[p], fn = ex->callbacks.items[p + 1];
    if (call < nc && fn < nf) {
      cb_next[p / 2] = cb_head[call];
      cb_head[call] = p / 2;
    }
  }
  for (uint32_t i = 0; i < nf; i++) {
    uint32_t parent = ex->fns.items[i].parent < nf ? ex->fns.items[i].parent : nf;
    children[parent]++;
  }
  for (uint32_t i = 0; i < ex->facts.count; i++) {
    if (ex->facts.items[i].fn < nf)
      has_facts[ex->facts.items[i].fn] = true;
  }
  // Children come after their parent (functions are numbered in pre-order), so one pass from
  // the last function decides every callback before the calls that pass it; the top level
  // (index nf) comes last.
  for (uint32_t step = 0; step <= nf; step++) {
    uint32_t j = step < nf ? nf - 1 - step : nf;
    uint32_t kept_calls = 0;
    for (uint32_t i = head[j]; i != TX_NONE; i = next[i]) {
      const TxCall *call = &ex->calls.items[i];
      bool keep = call_matters(call, namespaces, results.items, results.count);
      for (uint32_t q = cb_head[i]; q != TX_NONE && !keep; q = cb_next[q])
        keep = fn_map[ex->callbacks.items[2 * q + 1]] != TX_NONE;
      call_map[i] = keep ? 0 : TX_NONE;
      kept_calls += keep;
    }
    if (j == nf)
      break;
    const TxFunction *fn = &ex->fns.items[j];
    bool drop = !has_facts[j] && kept_calls == 0 && children[j] == 0 &&
                fn->entry == TX_ENTRY_NONE && !effect_named(ex, fn);
    fn_map[j] = drop ? TX_NONE : 0;
    if (drop)
      children[fn->parent < nf ? fn->parent : nf]--;
  }

  // Renumber and compact.
  uint32_t out = 0;
  for (uint32_t j = 0; j < nf; j++) {
    if (fn_map[j] == TX_NONE)
      continue;
    fn_map[j] = out;
    TxFunction fn = ex->fns.items[j];
    if (fn.parent != TX_NONE)
      fn.parent = fn_map[fn.parent];
    ex->fns.items[out] = fn;
    ex->fn_nodes.items[out] = ex->fn_nodes.items[j];
    out++;
  }
  ex->fns.count = ex->fn_nodes.count = out;
  out = 0;
  for (uint32_t i = 0; i < nc; i++) {
    if (call_map[i] == TX_NONE)
      continue;
    call_map[i] = out;
    TxCall call = ex->calls.items[i];
    if (call.fn != TX_NONE)
      call.fn = fn_map[call.fn];
    // What add_call left in the scratch arena moves to the file's.
    TxStr callee = tx_arena_strdup(a, call.callee);
    call.name = (TxStr){callee.ptr + (call.name.ptr - call.callee.ptr), call.name.len};
    call.receiver = (TxStr){callee.ptr, call.receiver.len};
    call.callee = callee;
    call.ident_args = copy_strs(a, call.ident_args, call.ident_arg_count);
    call.result_names = copy_strs(a, call.result_names, call.result_name_count);
    ex->calls.items[out++] = call;
  }
  ex->calls.count = out;
  for (uint32_t i = 0; i < ex->facts.count; i++) {
    if (ex->facts.items[i].fn != TX_NONE)
      ex->facts.items[i].fn = fn_map[ex->facts.items[i].fn];
  }
  // Exports stay (they also tell importers which names are clients); an export of a
  // dropped function names no function.
  for (uint32_t i = 0; i < ex->exports.count; i++) {
    TxExport *e = &ex->exports.items[i];
    if (e->fn != TX_NONE)
      e->fn = e->fn < nf ? fn_map[e->fn] : TX_NONE;
  }
  out = 0;
  for (uint32_t p = 0; p + 1 < ex->callbacks.count; p += 2) {
    uint32_t call = ex->callbacks.items[p], fn = ex->callbacks.items[p + 1];
    if (call >= nc || fn >= nf || call_map[call] == TX_NONE || fn_map[fn] == TX_NONE)
      continue;
    ex->callbacks.items[out++] = call_map[call];
    ex->callbacks.items[out++] = fn_map[fn];
  }
  ex->callbacks.count = out;
  free(head);
  free(next);
  free(children);
  free(fn_map);
  free(call_map);
  free(has_facts);
  free(cb_head);
  free(cb_next);
  if (namespaces)
    tx_ts_name_index_fini(namespaces);
  free(ns_keys);
  TX_ARRAY_FREE(&results);
}
