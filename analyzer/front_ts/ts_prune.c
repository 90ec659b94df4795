// ts_prune.c: pruning, which keeps only what a rule can use (tx_ts_prune).
#include <stdlib.h>
#include <string.h>

#include "ts_internal.h"

// Most calls of real code are library calls no rule can act on (`x.toFixed()`,
// `res.status(200).json(...)`, `items.reduce(...)`), and most inline callbacks hold nothing but
// such calls. Keeping them cost a third of the memory, so extraction keeps only what the rules
// say they read (TxRule.reads; their union arrives as TxConfig.rule_reads, TX_READS_* bits of
// ir/ir.h):
// - a call is kept when it is of a kind read (call_kinds: a database chain, a call that may
//   resolve to a project function, one matching an effect_calls pattern, one passing a local
//   bound to a result), or when it passes a kept callback;
// - a function is kept when it makes facts, keeps calls or nested functions, is an entry, or
//   when effect calls are read and a call matching an effect_calls pattern could name it. A
//   call to a dropped function stays unresolved, which the rules treat exactly as a call to a
//   function that does nothing.
// Facts and entries always stay. Rules see exactly the effects, writes and tests they read; only
// nodes no rule reads vanish. A rule reading a new kind of call adds a bit and its test in
// call_kinds.

static int str_cmp(const void *a, const void *b) {
  const TxStr *x = a, *y = b;
  uint32_t n = x->len < y->len ? x->len : y->len;
  int d = n ? memcmp(x->ptr, y->ptr, n) : 0;
  return d ? d : (x->len > y->len) - (x->len < y->len);
}

// Whether a call may resolve to a project function: its callee has no receiver, or `this`, or
// a namespace import (`namespaces`: `import * as ns`, `const ns = require()`; may be NULL).
static bool may_call_project(const TxCall *call, const TsNameIndex *namespaces) {
  return call->receiver.len == 0 || tx_str_eq_c(call->receiver, "this") ||
         (namespaces && tx_ts_name_index_first(namespaces, call->receiver) != TX_NONE);
}

// Whether a call passes a local bound to a result (`results`, sorted).
static bool passes_result(const TxCall *call, const TxStr *results, uint32_t result_count) {
  for (uint32_t k = 0; k < call->ident_arg_count && result_count; k++) {
    if (bsearch(&call->ident_args[k], results, result_count, sizeof(TxStr), str_cmp))
      return true;
  }
  return false;
}

// The TX_READS_* kinds of a call, apart from the callbacks it passes.
static uint32_t call_kinds(const TxCall *call, const TsNameIndex *namespaces, const TxStr *results,
                           uint32_t result_count) {
  uint32_t kinds = 0;
  if (call->fact != TX_NONE)
    kinds |= TX_READS_DB_CALLS;
  if (call->effect_callee || call->webhook_check)
    kinds |= TX_READS_EFFECT_CALLS;
  if (may_call_project(call, namespaces))
    kinds |= TX_READS_PROJECT_CALLS;
  if (passes_result(call, results, result_count))
    kinds |= TX_READS_RESULT_TESTS;
  return kinds;
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

// What pruning knows of a file while it decides. Functions are numbered 0..nf-1, index nf
// stands for the top level; fn_map and call_map end as the new index of what is kept, or
// TX_NONE.
typedef struct Prune {
  uint32_t reads; // TX_READS_*: the kinds kept (TxConfig.rule_reads)
  uint32_t nf, nc;
  TX_ARRAY(TxStr) results; // every local bound to a result, sorted for lookup
  TxStr *ns_keys;          // the namespace imports (`import * as ns`, `const ns = require()`)
  TsNameIndex ns_index;    // over ns_keys
  TsNameIndex *namespaces; // &ns_index, or NULL when the file has none
  uint32_t *head, *next;   // per function, its calls as a linked list
  uint32_t *cb_head;       // per call, its callbacks as a linked list over the pairs
  uint32_t *cb_next;
  uint32_t *children; // per function, its kept children
  bool *has_facts;    // per function
  uint32_t *fn_map, *call_map;
} Prune;

// Whether a call reads a webhook's signature header (`headers.get('stripe-signature')`,
// `req.header('x-vapi-signature')`), or registers a route whose path names a webhook
// (`router.post('/twilio/webhook', onTwilio)`: kept so the rules can follow it to its handler).
static bool webhook_shaped(const TxCall *call) {
  TxStr arg = call->first_string_arg;
  if (arg.len == 0 || call->receiver.len == 0)
    return false;
  // `headers.get(...)`, Express's `req.get(...)` and `req.header(...)`.
  bool header_read = tx_str_eq_c(call->name, "get") || tx_str_eq_c(call->name, "header");
  return (header_read && tx_str_contains_nocase(arg, "signature")) ||
         (tx_ts_is_route_method(call->name) && tx_str_contains_nocase(arg, "webhook"));
}

// Sets TxCall.effect_callee and TxCall.webhook_check, and gathers the locals bound to a result of a
// call or chain.
static void gather_results(TsCtx *ex, Prune *pr) {
  for (uint32_t i = 0; i < ex->facts.count; i++) {
    for (uint32_t k = 0; k < ex->facts.items[i].result_name_count; k++)
      TX_ARRAY_PUSH(&pr->results, ex->facts.items[i].result_names[k]);
  }
  for (uint32_t i = 0; i < pr->nc; i++) {
    TxCall *call = &ex->calls.items[i];
    call->effect_callee =
        call->fact == TX_NONE && tx_effect_matcher_match(&ex->effects, call->callee);
    call->webhook_check =
        call->fact == TX_NONE &&
        (tx_effect_matcher_match(&ex->webhooks, call->callee) || webhook_shaped(call));
    for (uint32_t k = 0; k < call->result_name_count; k++)
      TX_ARRAY_PUSH(&pr->results, call->result_names[k]);
  }
  if (pr->results.count > 1)
    qsort(pr->results.items, pr->results.count, sizeof(TxStr), str_cmp);
}

static void index_namespaces(const TsCtx *ex, Prune *pr) {
  if (!ex->has_namespace_import)
    return;
  pr->ns_keys = tx_xcalloc(ex->imports.count ? ex->imports.count : 1, sizeof(TxStr));
  for (uint32_t i = 0; i < ex->imports.count; i++) {
    if (tx_str_eq_c(ex->imports.items[i].imported, "*"))
      pr->ns_keys[i] = ex->imports.items[i].local;
  }
  tx_ts_name_index_init(&pr->ns_index, pr->ns_keys, ex->imports.count);
  pr->namespaces = &pr->ns_index;
}

// The calls of each function, the callbacks of each call, the children of each function and
// whether it makes facts.
static void link_lists(const TsCtx *ex, Prune *pr) {
  uint32_t nf = pr->nf, nc = pr->nc;
  pr->head = tx_xmalloc(sizeof(uint32_t) * (nf + 1));
  pr->next = tx_xmalloc(sizeof(uint32_t) * (nc ? nc : 1));
  pr->children = tx_xcalloc(nf + 1, sizeof(uint32_t));
  pr->fn_map = tx_xmalloc(sizeof(uint32_t) * (nf ? nf : 1));
  pr->call_map = tx_xmalloc(sizeof(uint32_t) * (nc ? nc : 1));
  pr->has_facts = tx_xcalloc(nf ? nf : 1, sizeof(bool));
  pr->cb_head = tx_xmalloc(sizeof(uint32_t) * (nc ? nc : 1));
  pr->cb_next = tx_xmalloc(sizeof(uint32_t) * (ex->callbacks.count / 2 + 1));
  for (uint32_t i = 0; i <= nf; i++)
    pr->head[i] = TX_NONE;
  for (uint32_t i = 0; i < nc; i++)
    pr->cb_head[i] = TX_NONE;
  for (uint32_t i = nc; i-- > 0;) {
    uint32_t fn = ex->calls.items[i].fn < nf ? ex->calls.items[i].fn : nf;
    pr->next[i] = pr->head[fn];
    pr->head[fn] = i;
  }
  for (uint32_t p = 0; p + 1 < ex->callbacks.count; p += 2) {
    uint32_t call = ex->callbacks.items[p], fn = ex->callbacks.items[p + 1];
    if (call < nc && fn < nf) {
      pr->cb_next[p / 2] = pr->cb_head[call];
      pr->cb_head[call] = p / 2;
    }
  }
  for (uint32_t i = 0; i < nf; i++) {
    uint32_t parent = ex->fns.items[i].parent < nf ? ex->fns.items[i].parent : nf;
    pr->children[parent]++;
  }
  for (uint32_t i = 0; i < ex->facts.count; i++) {
    if (ex->facts.items[i].fn < nf)
      pr->has_facts[ex->facts.items[i].fn] = true;
  }
}

// Decides the calls of function j (nf: the top level), whose callbacks are decided already;
// returns how many stay.
static uint32_t decide_calls(const TsCtx *ex, Prune *pr, uint32_t j) {
  uint32_t kept = 0;
  for (uint32_t i = pr->head[j]; i != TX_NONE; i = pr->next[i]) {
    const TxCall *call = &ex->calls.items[i];
    // A call passing a client to a project function stays whatever the rules read: the link
    // stage reads it to confirm the function's facts on that parameter (TxFact.client_param).
    bool keep =
        (call_kinds(call, pr->namespaces, pr->results.items, pr->results.count) & pr->reads) ||
        (call->client_args && may_call_project(call, pr->namespaces));
    for (uint32_t q = pr->cb_head[i]; q != TX_NONE && !keep; q = pr->cb_next[q])
      keep = pr->fn_map[ex->callbacks.items[2 * q + 1]] != TX_NONE;
    pr->call_map[i] = keep ? 0 : TX_NONE;
    kept += keep;
  }
  return kept;
}

// Children come after their parent (functions are numbered in pre-order), so one pass from
// the last function decides every callback before the calls that pass it; the top level
// (index nf) comes last.
static void decide(const TsCtx *ex, Prune *pr) {
  uint32_t nf = pr->nf;
  for (uint32_t step = 0; step <= nf; step++) {
    uint32_t j = step < nf ? nf - 1 - step : nf;
    uint32_t kept_calls = decide_calls(ex, pr, j);
    if (j == nf)
      break;
    const TxFunction *fn = &ex->fns.items[j];
    bool entry = fn->entry != TX_ENTRY_NONE;
    bool effect = (pr->reads & TX_READS_EFFECT_CALLS) && effect_named(ex, fn);
    bool drop = !pr->has_facts[j] && kept_calls == 0 && pr->children[j] == 0 && !entry && !effect;
    pr->fn_map[j] = drop ? TX_NONE : 0;
    if (drop)
      pr->children[fn->parent < nf ? fn->parent : nf]--;
  }
}

static void compact_functions(TsCtx *ex, Prune *pr) {
  uint32_t out = 0;
  for (uint32_t j = 0; j < pr->nf; j++) {
    if (pr->fn_map[j] == TX_NONE)
      continue;
    pr->fn_map[j] = out;
    TxFunction fn = ex->fns.items[j];
    if (fn.parent != TX_NONE)
      fn.parent = pr->fn_map[fn.parent];
    ex->fns.items[out] = fn;
    ex->fn_nodes.items[out] = ex->fn_nodes.items[j];
    out++;
  }
  ex->fns.count = ex->fn_nodes.count = out;
}

// Compacts the calls; what add_call left in the scratch arena moves to the file's.
static void compact_calls(TsCtx *ex, Prune *pr) {
  TxArena *a = &ex->f->arena;
  uint32_t out = 0;
  for (uint32_t i = 0; i < pr->nc; i++) {
    if (pr->call_map[i] == TX_NONE)
      continue;
    pr->call_map[i] = out;
    TxCall call = ex->calls.items[i];
    if (call.fn != TX_NONE)
      call.fn = pr->fn_map[call.fn];
    TxStr callee = tx_arena_strdup(a, call.callee);
    call.name = (TxStr){callee.ptr + (call.name.ptr - call.callee.ptr), call.name.len};
    call.receiver = (TxStr){callee.ptr, call.receiver.len};
    call.callee = callee;
    call.ident_args = copy_strs(a, call.ident_args, call.ident_arg_count);
    call.string_args = copy_strs(a, call.string_args, call.arg_count);
    call.result_names = copy_strs(a, call.result_names, call.result_name_count);
    ex->calls.items[out++] = call;
  }
  ex->calls.count = out;
}

// Renumbers what refers to functions and calls: facts, exports, callback pairs.
static void renumber_references(TsCtx *ex, const Prune *pr) {
  for (uint32_t i = 0; i < ex->facts.count; i++) {
    TxFact *x = &ex->facts.items[i];
    if (x->fn != TX_NONE)
      x->fn = pr->fn_map[x->fn];
    // A call that was let go takes its link with it (the chain stays unjoined).
    if (x->base_call)
      x->base_call =
          pr->call_map[x->base_call - 1] == TX_NONE ? 0 : pr->call_map[x->base_call - 1] + 1;
    if (x->passed_call)
      x->passed_call =
          pr->call_map[x->passed_call - 1] == TX_NONE ? 0 : pr->call_map[x->passed_call - 1] + 1;
  }
  // Exports stay (they also tell importers which names are clients); an export of a
  // dropped function names no function.
  for (uint32_t i = 0; i < ex->exports.count; i++) {
    TxExport *e = &ex->exports.items[i];
    if (e->fn != TX_NONE)
      e->fn = e->fn < pr->nf ? pr->fn_map[e->fn] : TX_NONE;
  }
  uint32_t out = 0;
  for (uint32_t p = 0; p + 1 < ex->callbacks.count; p += 2) {
    uint32_t call = ex->callbacks.items[p], fn = ex->callbacks.items[p + 1];
    if (call >= pr->nc || fn >= pr->nf || pr->call_map[call] == TX_NONE ||
        pr->fn_map[fn] == TX_NONE)
      continue;
    ex->callbacks.items[out++] = pr->call_map[call];
    ex->callbacks.items[out++] = pr->fn_map[fn];
  }
  ex->callbacks.count = out;
}

static void prune_fini(Prune *pr) {
  free(pr->head);
  free(pr->next);
  free(pr->children);
  free(pr->fn_map);
  free(pr->call_map);
  free(pr->has_facts);
  free(pr->cb_head);
  free(pr->cb_next);
  if (pr->namespaces)
    tx_ts_name_index_fini(pr->namespaces);
  free(pr->ns_keys);
  TX_ARRAY_FREE(&pr->results);
}

void tx_ts_prune(TsCtx *ex) {
  Prune pr;
  memset(&pr, 0, sizeof pr);
  pr.reads = ex->cfg->rule_reads;
  pr.nf = ex->fns.count;
  pr.nc = ex->calls.count;
  gather_results(ex, &pr);
  index_namespaces(ex, &pr);
  link_lists(ex, &pr);
  decide(ex, &pr);
  compact_functions(ex, &pr);
  compact_calls(ex, &pr);
  renumber_references(ex, &pr);
  prune_fini(&pr);
}
