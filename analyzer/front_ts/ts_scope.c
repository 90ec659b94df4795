// ts_scope.c: the names each function binds (TxFunction.bindings): parameters and locals,
// plain or destructured, and whether a local's value comes from the request body. Recorded
// during the walk, grouped per function before pruning.
#include "ts_internal.h"

enum { MAX_BODY_STEPS = 32, MAX_BODY_LOOKBACK = 256 }; // bounds for minified code

// Does the value `v` come from the request body? `req.body` (or a member of it),
// `await req.json()`, `request.formData()`, `.text()`, or a name bound to one of those, or
// named `body` or `payload`. Read from the value's shape (never its text, which can be a whole
// minified bundle), a bounded number of steps.
bool tx_ts_from_body(TsCtx *ex, uint32_t fn, TSNode v) {
  const TsSyms *s = ex->sy;
  TSNode n = tx_ts_unwrap(ex, v);
  for (uint32_t step = 0; !tx_ts_null(n) && step < MAX_BODY_STEPS; step++) {
    TSSymbol k = tx_ts_sym(n);
    if (k == s->await_expression && tx_ts_named_count(n) > 0) {
      n = tx_ts_unwrap(ex, tx_ts_named_child(n, 0));
    } else if (k == s->call_expression) {
      TSNode callee = tx_ts_unwrap(ex, tx_ts_field(n, s->f_function));
      if (tx_ts_sym(callee) != s->member_expression)
        return false;
      TxStr prop = tx_ts_text(ex, tx_ts_field(callee, s->f_property));
      if (tx_str_eq_c(prop, "json") || tx_str_eq_c(prop, "formData") || tx_str_eq_c(prop, "text"))
        return true;
      n = tx_ts_unwrap(ex, tx_ts_field(callee, s->f_object));
    } else if (k == s->member_expression || k == s->subscript_expression) {
      if (k == s->member_expression &&
          tx_str_eq_c(tx_ts_text(ex, tx_ts_field(n, s->f_property)), "body"))
        return true;
      n = tx_ts_unwrap(ex, tx_ts_field(n, s->f_object));
    } else if (k == s->identifier) {
      TxStr name = tx_ts_text(ex, n);
      if (tx_str_eq_c(name, "body") || tx_str_eq_c(name, "payload"))
        return true;
      uint32_t stop = ex->bound.count > MAX_BODY_LOOKBACK ? ex->bound.count - MAX_BODY_LOOKBACK : 0;
      for (uint32_t i = ex->bound.count; i-- > stop;) {
        const TsBound *b = &ex->bound.items[i];
        if (b->fn == fn && tx_str_eq(b->b.name, name))
          return b->b.from_body;
      }
      return false;
    } else {
      return false;
    }
  }
  return false;
}

enum { MAX_PATTERN_NAMES = 64 }; // a destructuring pattern's names taken, at most

// Records the names the pattern `pat` binds in the current function: an identifier, or the
// names of an object or array pattern (one level deep, defaults included).
void tx_ts_bind_names(TsCtx *ex, uint32_t fn, TSNode pat, uint32_t at, bool body) {
  const TsSyms *s = ex->sy;
  if (fn == TX_NONE || tx_ts_null(pat))
    return;
  if (tx_ts_sym(pat) == s->identifier) {
    TsBound b = {fn, {tx_ts_text(ex, pat), at, body}};
    TX_ARRAY_PUSH(&ex->bound, b);
    return;
  }
  if (tx_ts_sym(pat) != s->object_pattern && tx_ts_sym(pat) != s->array_pattern)
    return;
  uint32_t n = tx_ts_named_count(pat);
  for (uint32_t i = 0; i < n && i < MAX_PATTERN_NAMES; i++) {
    TSNode p = tx_ts_named_child(pat, i);
    TSNode name = p;
    if (tx_ts_sym(p) == s->pair_pattern)
      name = tx_ts_field(p, s->f_value);
    else if (tx_ts_sym(p) == s->object_assignment_pattern || tx_ts_sym(p) == s->assignment_pattern)
      name = tx_ts_field(p, s->f_left);
    if (tx_ts_null(name))
      continue;
    TSSymbol k = tx_ts_sym(name);
    if (k == s->identifier || k == s->shorthand_property_identifier_pattern) {
      TsBound b = {fn, {tx_ts_text(ex, name), at, body}};
      TX_ARRAY_PUSH(&ex->bound, b);
    }
  }
}

// Gives the functions that can need them their bindings (before prune: they go with the
// function when it moves). Only the tenant-filter fix reads them, for the value in scope at a
// chain: the chain's function and the functions around it (rules/tenant_filter.c,
// tenant_value). Every fact of the file is known by now, and the link stage adds none in a
// function of its own (the facts it makes at calls take no fix), so the other functions'
// bindings, a twentieth of the IR of large libraries, are never kept.
void tx_ts_index_bindings(TsCtx *ex) {
  TxArena *a = &ex->f->arena;
  uint32_t nf = ex->fns.count;
  bool *needed = tx_xcalloc(nf ? nf : 1, sizeof *needed);
  for (uint32_t i = 0; i < ex->facts.count; i++) {
    // Up the parents until a function already marked (its parents are, too).
    for (uint32_t fn = ex->facts.items[i].fn; fn < nf && !needed[fn]; fn = ex->fns.items[fn].parent)
      needed[fn] = true;
  }
  for (uint32_t i = 0; i < ex->bound.count; i++) {
    uint32_t fn = ex->bound.items[i].fn;
    if (fn < nf && needed[fn])
      ex->fns.items[fn].binding_count++;
  }
  for (uint32_t i = 0; i < ex->fns.count; i++) {
    TxFunction *fn = &ex->fns.items[i];
    fn->bindings = fn->binding_count ? TX_ARENA_ARRAY(a, TxBinding, fn->binding_count) : NULL;
    fn->binding_count = 0;
  }
  for (uint32_t i = 0; i < ex->bound.count; i++) {
    uint32_t fn = ex->bound.items[i].fn;
    if (fn < nf && needed[fn])
      ex->fns.items[fn].bindings[ex->fns.items[fn].binding_count++] = ex->bound.items[i].b;
  }
  free(needed);
}
