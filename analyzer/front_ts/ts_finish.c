// ts_finish.c: what extraction does once the walk is over: drop builders that never chose an
// operation, mark route handlers passed by name, find exported functions and clients, prune,
// and index each function's facts and calls.
#include <stdlib.h>
#include <string.h>

#include "ts_internal.h"

// --- finishing ----------------------------------------------------------------------------------

// Drops builders that never chose an operation, renumbering fact indices in calls. One that
// its function returns or that continues a parameter's builder stays as a partial fact
// (TxFact.partial, its operation a placeholder), for the link stage to join with the
// chain its caller continues; no call names it, as no call named it before.
static void compact_facts(TsCtx *ex) {
  uint32_t *remap = tx_xmalloc(sizeof(uint32_t) * (ex->facts.count ? ex->facts.count : 1));
  uint32_t out = 0;
  for (uint32_t i = 0; i < ex->facts.count; i++) {
    TxFact *x = &ex->facts.items[i];
    bool partial = x->partial;
    if (x->op == TX_TS_OP_PENDING) {
      if (!x->returned && !x->base_param) {
        remap[i] = TX_NONE;
        continue;
      }
      x->op = TX_OP_SELECT;
      x->partial = partial = true;
    }
    remap[i] = partial ? TX_NONE : out;
    ex->facts.items[out++] = *x;
  }
  ex->facts.count = out;
  for (uint32_t i = 0; i < ex->calls.count; i++) {
    if (ex->calls.items[i].fact != TX_NONE)
      ex->calls.items[i].fact = remap[ex->calls.items[i].fact];
  }
  free(remap);
}

// Gives every function its list of facts and calls (counting sort by function).
static void index_functions(TsCtx *ex, TxFunction *fns) {
  TxArena *a = &ex->f->arena;
  for (uint32_t i = 0; i < ex->facts.count; i++) {
    uint32_t fn = ex->facts.items[i].fn;
    if (fn != TX_NONE && !ex->facts.items[i].partial) // partial facts run nowhere in fn
      fns[fn].fact_count++;
  }
  for (uint32_t i = 0; i < ex->calls.count; i++) {
    uint32_t fn = ex->calls.items[i].fn;
    if (fn != TX_NONE)
      fns[fn].call_count++;
  }
  for (uint32_t i = 0; i < ex->fns.count; i++) {
    fns[i].facts = fns[i].fact_count ? TX_ARENA_ARRAY(a, uint32_t, fns[i].fact_count) : NULL;
    fns[i].calls = fns[i].call_count ? TX_ARENA_ARRAY(a, uint32_t, fns[i].call_count) : NULL;
    fns[i].fact_count = fns[i].call_count = 0;
  }
  for (uint32_t i = 0; i < ex->facts.count; i++) {
    uint32_t fn = ex->facts.items[i].fn;
    if (fn != TX_NONE && !ex->facts.items[i].partial)
      fns[fn].facts[fns[fn].fact_count++] = i;
  }
  for (uint32_t i = 0; i < ex->calls.count; i++) {
    uint32_t fn = ex->calls.items[i].fn;
    if (fn != TX_NONE)
      fns[fn].calls[fns[fn].call_count++] = i;
  }
}

// Functions written inline as arguments of a call: TxCall.callback_fns.
static void index_callbacks(TsCtx *ex, TxCall *calls) {
  TxArena *a = &ex->f->arena;
  for (uint32_t i = 0; i + 1 < ex->callbacks.count; i += 2)
    calls[ex->callbacks.items[i]].callback_fn_count++;
  for (uint32_t i = 0; i + 1 < ex->callbacks.count; i += 2) {
    TxCall *call = &calls[ex->callbacks.items[i]];
    if (!call->callback_fns) {
      call->callback_fns = TX_ARENA_ARRAY(a, uint32_t, call->callback_fn_count);
      call->callback_fn_count = 0;
    }
    call->callback_fns[call->callback_fn_count++] = ex->callbacks.items[i + 1];
  }
}

static uint32_t name_hash(TxStr name) {
  uint32_t h = 2166136261u;
  for (uint32_t i = 0; i < name.len; i++)
    h = (h ^ (unsigned char)name.ptr[i]) * 16777619u;
  return h;
}

// The slot holding `name`'s first item, or the empty slot where it would go.
static uint32_t name_slot(const TsNameIndex *x, TxStr name) {
  uint32_t i = name_hash(name) & x->mask;
  while (x->slots[i] && !tx_str_eq(x->keys[x->slots[i] - 1], name))
    i = (i + 1) & x->mask;
  return i;
}

void tx_ts_name_index_init(TsNameIndex *x, const TxStr *keys, uint32_t n) {
  uint32_t cap = 16;
  while (cap < 2 * (size_t)n)
    cap *= 2;
  x->keys = keys;
  x->mask = cap - 1;
  x->slots = tx_xcalloc(cap, sizeof(uint32_t));
  x->next = tx_xmalloc(sizeof(uint32_t) * (n ? n : 1));
  for (uint32_t i = n; i-- > 0;) { // from the last, so that each chain runs in order
    if (!keys[i].ptr)
      continue;
    uint32_t slot = name_slot(x, keys[i]);
    x->next[i] = x->slots[slot] ? x->slots[slot] - 1 : TX_NONE;
    x->slots[slot] = i + 1;
  }
}

void tx_ts_name_index_fini(TsNameIndex *x) {
  free(x->slots);
  free(x->next);
}

// The first item named `name`, or TX_NONE.
uint32_t tx_ts_name_index_first(const TsNameIndex *x, TxStr name) {
  uint32_t v = x->slots[name_slot(x, name)];
  return v ? v - 1 : TX_NONE;
}

// Route handlers passed by name: router.post('/x', handleX) marks handleX as an entry.
static void mark_named_handlers(TsCtx *ex, const TsNameIndex *top) {
  for (uint32_t i = 0; i < ex->calls.count; i++) {
    const TxCall *call = &ex->calls.items[i];
    bool route =
        call->first_string_arg.len && call->receiver.len && tx_ts_is_route_method(call->name);
    bool serve = tx_str_eq_c(call->name, "serve");
    if (!route && !serve)
      continue;
    for (uint32_t k = 0; k < call->ident_arg_count; k++) {
      for (uint32_t j = tx_ts_name_index_first(top, call->ident_args[k]); j != TX_NONE;
           j = top->next[j]) {
        TxFunction *fn = &ex->fns.items[j];
        if (fn->entry == TX_ENTRY_NONE)
          fn->entry = serve ? TX_ENTRY_SERVE : TX_ENTRY_ROUTE;
      }
    }
  }
}

static void finish_exports(TsCtx *ex, const TsNameIndex *top) {
  for (uint32_t i = 0; i < ex->exports.count; i++) {
    TxExport *e = &ex->exports.items[i];
    if (e->from.len)
      continue;
    if (e->fn == TX_NONE)
      e->fn = tx_ts_name_index_first(top, e->local);
    // Only clients known here are exported as clients: a value that merely came from an
    // imported function (`export const db = knex(...)`) is not claimed to be one.
    const Binding *b = tx_ts_bind_get(&ex->binds, e->local, BIND_CLIENT);
    const Binding *bf = tx_ts_bind_get(&ex->binds, e->local, BIND_CLIENT_FN);
    if ((b && b->import_via == TX_NONE) || (bf && bf->import_via == TX_NONE)) {
      const Binding *k = bf ? bf : b;
      TxClientExport ce = {e->exported, bf != NULL, (TxClientKind)k->value,
                           k->cond ? k->cond - 1 : TX_NONE};
      TX_ARRAY_PUSH(&ex->client_exports, ce);
    }
  }
}

// The module's top level as a function (TX_NAME_MODULE) when it runs a database chain: a
// script's `await db.from(t).update(...)` then has a control-flow graph and a write count
// like a function body. Its facts and calls are those outside every function; it is added
// last, after pruning, so the other functions keep their indices. A module whose top level
// only creates clients, registers routes or calls `Deno.serve(...)` gets none: its work is in
// the callbacks, which are functions of their own.
static void add_module_function(TsCtx *ex) {
  uint32_t first = TX_NONE;
  for (uint32_t i = 0; i < ex->facts.count && first == TX_NONE; i++) {
    if (ex->facts.items[i].fn == TX_NONE)
      first = i;
  }
  if (first == TX_NONE || tx_ts_null(ex->root))
    return;
  uint32_t idx = ex->fns.count;
  TxFunction fn;
  memset(&fn, 0, sizeof fn);
  fn.name = TX_STR_LIT(TX_NAME_MODULE);
  fn.span = (TxSpan){ex->f->id, 0, ex->f->src.len};
  uint32_t at = ex->facts.items[first].span.start;
  fn.name_span = (TxSpan){ex->f->id, at, at};
  fn.parent = TX_NONE;
  TX_ARRAY_PUSH(&ex->fns, fn);
  TX_ARRAY_PUSH(&ex->fn_nodes, ex->root);
  for (uint32_t i = 0; i < ex->facts.count; i++) {
    if (ex->facts.items[i].fn == TX_NONE)
      ex->facts.items[i].fn = idx;
  }
  for (uint32_t i = 0; i < ex->calls.count; i++) {
    if (ex->calls.items[i].fn == TX_NONE)
      ex->calls.items[i].fn = idx;
  }
}

// The client members of exported classes: `getAdminClient` of `export class DatabaseService`
// returning a client, or its field `admin` holding one, become the client exports
// "DatabaseService.getAdminClient" and "DatabaseService.admin", which an importer injecting
// the service reads (link/link.c). Only members known here to be clients count, as above.
static void finish_class_exports(TsCtx *ex) {
  uint32_t n = ex->exports.count;
  TxStr *keys = tx_xcalloc(n ? n : 1, sizeof(TxStr));
  for (uint32_t i = 0; i < n; i++) {
    if (!ex->exports.items[i].from.len)
      keys[i] = ex->exports.items[i].local;
  }
  TsNameIndex locals;
  tx_ts_name_index_init(&locals, keys, n);
  for (uint32_t i = 0; i < ex->binds.cap; i++) {
    const Binding *b = &ex->binds.slots[i];
    if (!b->name.ptr || (b->kind != BIND_CLIENT && b->kind != BIND_CLIENT_FN) ||
        b->import_via != TX_NONE)
      continue;
    uint32_t dot = 0;
    while (dot < b->name.len && b->name.ptr[dot] != '.')
      dot++;
    if (dot == 0 || dot + 1 >= b->name.len)
      continue;
    TxStr member = tx_str_n(b->name.ptr + dot + 1, b->name.len - dot - 1);
    for (uint32_t e = tx_ts_name_index_first(&locals, tx_str_n(b->name.ptr, dot)); e != TX_NONE;
         e = locals.next[e]) {
      TxStr name = tx_arena_printf(&ex->f->arena, "%.*s.%.*s",
                                   TX_STR_ARG(ex->exports.items[e].exported), TX_STR_ARG(member));
      TxClientExport ce = {name, b->kind == BIND_CLIENT_FN, (TxClientKind)b->value,
                           b->cond ? b->cond - 1 : TX_NONE};
      TX_ARRAY_PUSH(&ex->client_exports, ce);
    }
  }
  tx_ts_name_index_fini(&locals);
  free(keys);
}

// Completes what the walk gathered, still in `ex`: the file gets it only from publish(), so a
// file dropped at the deadline (over_budget) contributes nothing.
void tx_ts_finish(TsCtx *ex) {
  TxFile *f = ex->f;
  compact_facts(ex);
  TxStr *top_keys = tx_xcalloc(ex->fns.count ? ex->fns.count : 1, sizeof(TxStr));
  for (uint32_t i = 0; i < ex->fns.count; i++) {
    if (ex->fns.items[i].parent == TX_NONE)
      top_keys[i] = ex->fns.items[i].name;
  }
  TsNameIndex top; // top-level functions
  tx_ts_name_index_init(&top, top_keys, ex->fns.count);
  mark_named_handlers(ex, &top);
  finish_exports(ex, &top);
  tx_ts_finish_consts(ex);
  finish_class_exports(ex);
  tx_ts_name_index_fini(&top);
  free(top_keys);
  tx_ts_index_bindings(ex);
  tx_ts_prune(ex);
  add_module_function(ex);
  TxNotice more;
  if (tx_syntax_errors_hidden(&f->arena, f->id, ex->syntax_errors, "syntax errors", &more))
    TX_ARRAY_PUSH(&ex->notices, more);
  index_functions(ex, ex->fns.items);
  index_callbacks(ex, ex->calls.items);
}
