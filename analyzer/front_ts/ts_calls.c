// ts_calls.c: the calls met by the walk (callee text, the identifiers and first string
// they pass); database chains among them are handed to ts_chain.c.
#include <string.h>

#include "ts_internal.h"

// --- calls ----------------------------------------------------------------------------------

static void add_call(TsCtx *ex, uint32_t depth, uint32_t fact, TxStr callee) {
  ex->frames.items[depth].call = ex->calls.count;
  TsFrame *fr = &ex->frames.items[depth];
  TxCall call;
  memset(&call, 0, sizeof call);
  call.callee = callee;
  const char *dot = NULL;
  for (uint32_t i = call.callee.len; i > 0; i--) {
    if (call.callee.ptr[i - 1] == '.') {
      dot = call.callee.ptr + i - 1;
      break;
    }
  }
  call.name = dot ? tx_str_n(dot + 1, call.callee.len - (uint32_t)(dot + 1 - call.callee.ptr))
                  : call.callee;
  call.receiver = dot ? tx_str_n(call.callee.ptr, (size_t)(dot - call.callee.ptr)) : (TxStr){"", 0};
  call.span = tx_ts_span(ex, fr->node);
  call.fn = fr->st.fn;
  call.fact = fact;
  call.in_loop = fr->st.in_loop;
  call.parallel_group = fr->st.group;
  call.target_file = call.target_fn = TX_NONE;
  // ident_args and first_string_arg are filled as the walk meets the arguments (tx_ts_visit_arg).
  bool unused;
  tx_ts_result_names(ex, depth, &ex->scratch, &call.result_names, &call.result_name_count, &unused);
  TX_ARRAY_PUSH(&ex->calls, call);
  tx_ts_base_call_met(ex, depth, ex->calls.count - 1);
}

// Named arguments of an argument list, comments left out.
static uint32_t arg_count(const TsCtx *ex, TSNode args) {
  uint32_t n = tx_ts_named_count(args), count = 0;
  for (uint32_t i = 0; i < n; i++)
    count += tx_ts_sym(tx_ts_named_child(args, i)) != ex->sy->comment;
  return count;
}

// The key of a pair as text (`method`, `'Idempotency-Key'`), or empty when computed.
static TxStr pair_key(const TsCtx *ex, TSNode pair) {
  TSNode key = tx_ts_field(pair, ex->sy->f_key);
  if (tx_ts_sym(key) == ex->sy->property_identifier)
    return tx_ts_text(ex, key);
  bool known;
  TxStr k = tx_ts_static_string(ex, key, &known);
  return known ? k : (TxStr){"", 0};
}

static bool names_idempotency_key(TxStr k) {
  return tx_str_eq_nocase(k, tx_str("idempotency-key")) ||
         tx_str_eq_nocase(k, tx_str("idempotencyKey")) ||
         tx_str_eq_nocase(k, tx_str("x-idempotency-key"));
}

// An object argument: its idempotency key (a key of its own or of its `headers` object), and,
// when it holds a request's options (`init`), whether its method only reads.
static void object_arg(TsCtx *ex, TSNode obj, TxCall *call, bool init) {
  const TsSyms *s = ex->sy;
  bool reads = init;
  uint32_t n = tx_ts_named_count(obj);
  for (uint32_t i = 0; i < n; i++) {
    TSNode p = tx_ts_named_child(obj, i);
    TSSymbol k = tx_ts_sym(p);
    if (k == s->comment)
      continue;
    if (k == s->shorthand_property_identifier) {
      TxStr name = tx_ts_text(ex, p);
      call->idempotency_key |= names_idempotency_key(name);
      reads &= !tx_str_eq_c(name, "method");
      continue;
    }
    if (k != s->pair) {
      reads = false; // a spread may carry a method
      continue;
    }
    TxStr key = pair_key(ex, p);
    TSNode value = tx_ts_unwrap(ex, tx_ts_field(p, s->f_value));
    call->idempotency_key |= names_idempotency_key(key);
    if (key.len == 0) {
      reads = false;
    } else if (tx_str_eq_c(key, "method")) {
      bool known;
      TxStr m = tx_ts_static_string(ex, value, &known);
      reads &= known && (tx_str_eq_nocase(m, tx_str("GET")) || tx_str_eq_nocase(m, tx_str("HEAD")));
    } else if (tx_str_eq_c(key, "headers") && tx_ts_sym(value) == s->object) {
      uint32_t hn = tx_ts_named_count(value);
      for (uint32_t h = 0; h < hn; h++) {
        TSNode hp = tx_ts_named_child(value, h);
        if (tx_ts_sym(hp) == s->pair)
          call->idempotency_key |= names_idempotency_key(pair_key(ex, hp));
      }
    }
  }
  if (init)
    call->reads_only = reads;
}

// An argument of a recorded call, at frames[depth] (its parent is the arguments list):
// identifiers it passes, and its first argument when that is a string.
void tx_ts_visit_arg(TsCtx *ex, uint32_t depth) {
  const TsSyms *s = ex->sy;
  const TsFrame *fr = &ex->frames.items[depth];
  uint32_t call = ex->frames.items[depth - 2].call;
  TSSymbol k = fr->sym;
  if (k == s->identifier) {
    TsIdentArg a = {call, tx_ts_text(ex, fr->node)};
    TX_ARRAY_PUSH(&ex->ident_args, a);
  } else if (k == s->member_expression) {
    TSNode obj = tx_ts_field(fr->node, s->f_object);
    if (tx_ts_sym(obj) == s->identifier) { // assertInserted(res.error): `res`
      TsIdentArg a = {call, tx_ts_text(ex, obj)};
      TX_ARRAY_PUSH(&ex->ident_args, a);
    }
  }
  uint32_t nth = ex->frames.items[depth - 1].kids; // 1-based
  uint32_t pos = nth - 1;
  uint32_t import;
  TxStr schema;
  // A client passed to a helper (`archive(supabase, id)`): the link stage confirms the
  // helper's facts on that parameter (TxFact.client_param). Only clients known here count.
  if (pos < TX_CALL_CLIENT_ARGS &&
      (k == s->identifier || k == s->member_expression || k == s->call_expression ||
       k == s->await_expression) &&
      tx_ts_is_client(ex, fr->node, &import, &schema) && import == TX_NONE) {
    uint32_t via;
    uint32_t kind = (uint32_t)tx_ts_client_kind(ex, fr->node, &via);
    ex->calls.items[call].client_args |= (kind + 1) << (2 * pos);
  }
  bool lone = nth == 1 && arg_count(ex, ex->frames.items[depth - 1].node) == 1;
  if (nth == 1)
    ex->calls.items[call].reads_only = lone;
  // The options are the second argument (`fetch(url, init)`), or a lone config object
  // (`axios({ url, method: 'post' })`).
  if (k == s->object)
    object_arg(ex, fr->node, &ex->calls.items[call], nth == 2 || lone);
  if (nth == 1 && (k == s->string || k == s->template_string)) {
    bool known;
    TxStr str = tx_ts_static_string(ex, fr->node, &known);
    if (known)
      ex->calls.items[call].first_string_arg = str;
  }
  // Every static string among the first arguments, constants included, for the helpers that
  // take a table or column name (link/builders.c).
  if (pos < TS_MAX_STRING_ARGS && (k == s->string || k == s->template_string ||
                                   k == s->identifier || k == s->member_expression)) {
    bool known;
    TxStr str = tx_ts_static_string(ex, fr->node, &known);
    if (known && str.len) {
      TsStringArg a = {call, pos, str};
      TX_ARRAY_PUSH(&ex->string_args, a);
    }
  }
}

// Hands each call the identifiers met in its arguments, in order.
void tx_ts_group_ident_args(TsCtx *ex) {
  for (uint32_t i = 0; i < ex->ident_args.count; i++)
    ex->calls.items[ex->ident_args.items[i].call].ident_arg_count++;
  for (uint32_t i = 0; i < ex->calls.count; i++) {
    TxCall *call = &ex->calls.items[i];
    if (call->ident_arg_count) {
      call->ident_args = TX_ARENA_ARRAY(&ex->scratch, TxStr, call->ident_arg_count);
      call->ident_arg_count = 0;
    }
  }
  for (uint32_t i = 0; i < ex->ident_args.count; i++) {
    TxCall *call = &ex->calls.items[ex->ident_args.items[i].call];
    call->ident_args[call->ident_arg_count++] = ex->ident_args.items[i].name;
  }
  // The static strings, each at its position; the positions between stay empty.
  for (uint32_t i = 0; i < ex->string_args.count; i++) {
    const TsStringArg *a = &ex->string_args.items[i];
    TxCall *call = &ex->calls.items[a->call];
    if (a->pos >= call->arg_count)
      call->arg_count = a->pos + 1;
  }
  for (uint32_t i = 0; i < ex->string_args.count; i++) {
    const TsStringArg *a = &ex->string_args.items[i];
    TxCall *call = &ex->calls.items[a->call];
    if (!call->string_args)
      call->string_args = TX_ARENA_ARRAY(&ex->scratch, TxStr, call->arg_count);
    call->string_args[a->pos] = a->str;
  }
}

// Whether a call whose callee text is `callee` can be a database chain, that is, whether
// tx_ts_chain could return true: one of its methods is named `from` or `rpc`, or its base
// is a builder variable. A long callee text may be cut short, so it is checked in full.
static bool may_be_chain(const TsCtx *ex, TxStr callee) {
  if (callee.len >= TX_TS_CALLEE_WHOLE)
    return true;
  if (ex->builders) { // `q.eq(...)` on a builder variable `q`
    uint32_t n = 0;
    while (n < callee.len && callee.ptr[n] != '.' && callee.ptr[n] != '(')
      n++;
    if (n < callee.len && callee.ptr[n] == '.' &&
        tx_ts_bind_get(&ex->binds, tx_str_n(callee.ptr, n), BIND_BUILDER))
      return true;
  }
  uint32_t parts = 1;
  for (uint32_t i = 0; i < callee.len; i++) {
    if (callee.ptr[i] != '.' && callee.ptr[i] != '(')
      continue;
    parts++;
    TxStr rest = tx_str_n(callee.ptr + i + 1, callee.len - i - 1);
    if (callee.ptr[i] == '.' &&
        ((tx_str_starts_with(rest, "from") && (rest.len == 4 || rest.ptr[4] == '(')) ||
         (tx_str_starts_with(rest, "rpc") && (rest.len == 3 || rest.ptr[3] == '('))))
      return true;
  }
  return parts >= 28 || tx_ts_may_be_partial_chain(ex, callee);
}

// True when frames[depth] (a call) is an inner call of a member chain: `a.b().c()` visits
// the outer `.c()` first; `a.b()` is inner.
static bool is_inner_chain_call(const TsCtx *ex, uint32_t depth) {
  const TsSyms *s = ex->sy;
  if (depth < 2)
    return false;
  const TsFrame *p = &ex->frames.items[depth - 1];
  const TsFrame *g = &ex->frames.items[depth - 2];
  return p->sym == s->member_expression && ex->frames.items[depth].field == s->f_object &&
         g->sym == s->call_expression && p->field == s->f_function;
}

void tx_ts_visit_call(TsCtx *ex, uint32_t depth) {
  TsFrame *fr = &ex->frames.items[depth];
  uint32_t start = tx_ts_start(fr->node) + 1;
  bool inner = is_inner_chain_call(ex, depth);
  if (inner && ex->db_chain_start == start)
    return; // part of a database chain already recorded
  TSNode fn = tx_ts_field(fr->node, ex->sy->f_function);
  TxStr callee = tx_ts_callee_text(ex, fn, &ex->scratch);
  uint32_t fact = TX_NONE;
  if (!inner && !fr->st.in_error && may_be_chain(ex, callee)) {
    uint32_t before = ex->facts.count;
    if (tx_ts_chain(ex, fr->node, depth)) {
      ex->db_chain_start = start;
      fact = ex->facts.count > before ? ex->facts.count - 1 : TX_NONE;
    }
  }
  add_call(ex, depth, fact, callee);
}
