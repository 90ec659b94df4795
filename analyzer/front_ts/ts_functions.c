// ts_functions.c: functions met by the walk, their names and the entries they are (HTTP
// handlers, routes, serve callbacks), and whether callbacks run once per element.
#include <string.h>

#include "ir/js_callbacks.h"
#include "ts_internal.h"

// --- functions ----------------------------------------------------------------------------

bool tx_ts_is_function(const TsSyms *s, TSSymbol k) {
  return tx_ts_kind(s, k) == K_FUNCTION;
}

static bool is_http_verb(TxStr name) {
  static const char *const verbs[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};
  for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++) {
    if (tx_str_eq_c(name, verbs[i]))
      return true;
  }
  return false;
}

bool tx_ts_is_route_method(TxStr name) {
  static const char *const names[] = {"get", "post", "put",  "patch",  "delete",
                                      "del", "all",  "head", "options"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    if (tx_str_eq_c(name, names[i]))
      return true;
  }
  return false;
}

// The frame of the call whose arguments list holds frames[depth], or NULL.
const TsFrame *tx_ts_arg_of_call(const TsCtx *ex, uint32_t depth) {
  if (depth < 2 || ex->frames.items[depth - 1].sym != ex->sy->arguments)
    return NULL;
  const TsFrame *call = &ex->frames.items[depth - 2];
  return call->sym == ex->sy->call_expression ? call : NULL;
}

// The node naming a function: its own name, or where an anonymous one stands:
// `const f = () => {}`, `{ key: function () {} }`, `handler = async () => {}` in a class,
// `module.exports.x = ...`. A null node for a truly anonymous function.
static TSNode function_name_node(const TsCtx *ex, uint32_t depth, TSNode n) {
  TSNode name = tx_ts_field(n, ex->sy->f_name);
  return tx_ts_null(name) ? tx_ts_standin_name_node(ex, depth) : name;
}

// Where a nameless function or class at frames[depth] stands (only frames above it are
// read, so it also serves a node whose frame is being made).
TSNode tx_ts_standin_name_node(const TsCtx *ex, uint32_t depth) {
  const TsSyms *s = ex->sy;
  for (uint32_t d = depth; d > 0; d--) {
    const TsFrame *p = &ex->frames.items[d - 1];
    if (p->sym == s->parenthesized_expression || p->sym == s->as_expression ||
        p->sym == s->satisfies_expression)
      continue;
    if (p->sym == s->variable_declarator || p->sym == s->public_field_definition)
      return tx_ts_field(p->node, s->f_name);
    if (p->sym == s->pair)
      return tx_ts_field(p->node, s->f_key);
    if (p->sym == s->assignment_expression)
      return tx_ts_field(p->node, s->f_left);
    // const save = useCallback(async () => {...}) / export const x = wrap(async () => ...):
    // the callback is known by the variable's name.
    if (p->sym == s->arguments && d >= 3 && ex->frames.items[d - 2].sym == s->call_expression &&
        ex->frames.items[d - 3].sym == s->variable_declarator &&
        ex->frames.items[d - 2].field == s->f_value && tx_ts_named_count(p->node) >= 1) {
      TSNode var = tx_ts_field(ex->frames.items[d - 3].node, s->f_name);
      if (tx_ts_sym(var) == s->identifier)
        return var;
    }
    break;
  }
  return (TSNode){0};
}

// The TxCall of a call frame when it has one whose callee text is whole, else NULL.
static const TxCall *recorded_call(const TsCtx *ex, const TsFrame *call) {
  if (call->call == TX_NONE || ex->calls.items[call->call].callee.len >= TX_TS_CALLEE_WHOLE)
    return NULL;
  return &ex->calls.items[call->call];
}

static TxEntryKind entry_of_callback(TsCtx *ex, const TsFrame *call) {
  const TsSyms *s = ex->sy;
  TxStr name;
  bool member, recv_call;
  TSSymbol k = call->first_arg;
  const TxCall *tc = recorded_call(ex, call);
  if (tc) {
    // The callee text says it: "router.post" (a member), "router.route().post" (on a call).
    name = tc->name;
    member = tc->receiver.len > 0;
    recv_call = tx_str_ends_with(tc->receiver, "()");
  } else {
    TSNode fn = tx_ts_unwrap(ex, tx_ts_field(call->node, s->f_function));
    member = tx_ts_sym(fn) == s->member_expression;
    name = member ? tx_ts_text(ex, tx_ts_field(fn, s->f_property)) : tx_ts_text(ex, fn);
    recv_call =
        member && tx_ts_sym(tx_ts_unwrap(ex, tx_ts_field(fn, s->f_object))) == s->call_expression;
  }
  if (tx_str_eq_c(name, "serve"))
    return TX_ENTRY_SERVE;
  if (!member || !tx_ts_is_route_method(name))
    return TX_ENTRY_NONE;
  // router.post('/path', handler) or router.route('/path').post(handler)
  if (k == s->string || k == s->template_string || recv_call)
    return TX_ENTRY_ROUTE;
  return TX_ENTRY_NONE;
}

// A callback passed to a wrapper whose value is the handler: `serve(withAuth(async (req) =>
// ...))`, `router.post('/x', withAuth(async (req, res) => ...))`, `export default
// withAuth(async (req) => ...)`. The wrapper (a project function or a package's) runs the
// callback for each request, so the callback is the handler, not part of the code around it.
// `call` is frames[depth - 2], the wrapper's call.
static TxEntryKind entry_of_wrapped(TsCtx *ex, uint32_t depth) {
  const TsSyms *s = ex->sy;
  uint32_t d = depth - 2; // the wrapper's call frame
  while (d > 0 && (ex->frames.items[d - 1].sym == s->parenthesized_expression ||
                   ex->frames.items[d - 1].sym == s->await_expression ||
                   ex->frames.items[d - 1].sym == s->as_expression ||
                   ex->frames.items[d - 1].sym == s->satisfies_expression))
    d--;
  if (d == 0)
    return TX_ENTRY_NONE;
  const TsFrame *parent = &ex->frames.items[d - 1];
  if (parent->sym == s->export_statement &&
      tx_str_starts_with(tx_ts_text(ex, parent->node), "export default"))
    return TX_ENTRY_DEFAULT;
  const TsFrame *outer = tx_ts_arg_of_call(ex, d);
  return outer ? entry_of_callback(ex, outer) : TX_ENTRY_NONE;
}

// Whether functions passed to `call` run once per element (`items.map(fn)`).
bool tx_ts_runs_per_element(TsCtx *ex, const TsFrame *call) {
  const TsSyms *s = ex->sy;
  const TxCall *tc = recorded_call(ex, call);
  if (tc)
    return tc->receiver.len && tx_callback_run(tc->name) == TX_CALLBACK_PER_ELEMENT;
  TSNode callee = tx_ts_unwrap(ex, tx_ts_field(call->node, s->f_function));
  return tx_ts_sym(callee) == s->member_expression &&
         tx_callback_run(tx_ts_text(ex, tx_ts_field(callee, s->f_property))) ==
             TX_CALLBACK_PER_ELEMENT;
}

uint32_t tx_ts_add_function(TsCtx *ex, uint32_t depth) {
  TsFrame *fr = &ex->frames.items[depth];
  const TsSyms *s = ex->sy;
  TSNode n = fr->node;
  TxFunction fn;
  memset(&fn, 0, sizeof fn);
  TSNode name_node = function_name_node(ex, depth, n);
  TxStr name = tx_ts_null(name_node) ? TX_STR_LIT(TX_NAME_ANONYMOUS) : tx_ts_text(ex, name_node);
  fn.class_name = fr->st.class_name;
  fn.name =
      fr->sym == s->method_definition && fn.class_name.len
          ? tx_arena_printf(&ex->f->arena, "%.*s.%.*s", TX_STR_ARG(fn.class_name), TX_STR_ARG(name))
          : name;
  fn.span = tx_ts_span(ex, n);
  fn.name_span = tx_ts_null(name_node) ? (TxSpan){ex->f->id, fn.span.start, fn.span.start}
                                       : tx_ts_span(ex, name_node);
  fn.parent = fr->st.fn;
  TxStr head = tx_ts_text(ex, n);
  fn.is_async = tx_str_starts_with(head, "async");
  if (fr->st.exported) {
    fn.is_exported = true;
    fn.export_name = fr->st.export_default ? TX_STR_LIT("default") : name;
    if (fr->st.export_default)
      fn.entry = TX_ENTRY_DEFAULT;
    else if (is_http_verb(name))
      fn.entry = TX_ENTRY_NEXT_ROUTE;
    TxExport e = {fn.export_name, name, {"", 0}, ex->fns.count};
    TX_ARRAY_PUSH(&ex->exports, e);
  }
  const TsFrame *call = tx_ts_arg_of_call(ex, depth);
  if (call && fn.entry == TX_ENTRY_NONE)
    fn.entry = entry_of_callback(ex, call);
  if (call && fn.entry == TX_ENTRY_NONE && tx_name_is_anonymous(name))
    fn.entry = entry_of_wrapped(ex, depth);
  if (name.len && !tx_name_is_made_up(name) &&
      tx_ts_type_is_client(ex, tx_ts_field(n, s->f_return_type), NULL)) {
    Binding b = {name, BIND_CLIENT_FN, 0, TX_NONE, 0, {"", 0}, TX_NONE};
    tx_ts_bind_put(&ex->binds, &b);
  }
  TX_ARRAY_PUSH(&ex->fns, fn);
  TX_ARRAY_PUSH(&ex->fn_nodes, n);
  if (call && call->call != TX_NONE) {
    TX_ARRAY_PUSH(&ex->callbacks, call->call);
    TX_ARRAY_PUSH(&ex->callbacks, ex->fns.count - 1);
  }
  return ex->fns.count - 1;
}
