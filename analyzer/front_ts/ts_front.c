// ts_front.c: the TypeScript/JavaScript front end. One iterative walk over the tree-sitter
// tree (a TSTreeCursor plus our own stack of frames, so deeply nested input cannot
// overflow the C stack) records functions, calls, imports, exports, bindings that hold
// clients or constant strings, suppression comments and syntax errors; query-builder
// chains are handed to ts_chain.c. At the end everything is copied into the file's arena
// and the tree is deleted.
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ir/suppress.h"
#include "ts_internal.h"

const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_tsx(void);

struct TxTsParser {
  TSParser *ts;
  TSParser *tsx;
  TsSyms ts_syms;
  TsSyms tsx_syms;
};

TxTsParser *tx_ts_parser_new(void) {
  tx_ts_alloc_install();
  TxTsParser *p = tx_xcalloc(1, sizeof *p);
  p->ts = ts_parser_new();
  p->tsx = ts_parser_new();
  TX_ASSERT(ts_parser_set_language(p->ts, tree_sitter_typescript()));
  TX_ASSERT(ts_parser_set_language(p->tsx, tree_sitter_tsx()));
  tx_ts_syms_init(&p->ts_syms, tree_sitter_typescript());
  tx_ts_syms_init(&p->tsx_syms, tree_sitter_tsx());
  return p;
}

void tx_ts_parser_free(TxTsParser *p) {
  if (!p)
    return;
  ts_parser_delete(p->ts);
  ts_parser_delete(p->tsx);
  free(p);
  tx_ts_alloc_drain(); // this thread's parsing is over
}

// --- notices ----------------------------------------------------------------------------

static void notice(TsCtx *c, TxNoticeLevel level, const char *id, TxSpan span, TxStr msg) {
  TxNotice n = {level, tx_str(id), msg, span, true};
  TX_ARRAY_PUSH(&c->notices, n);
}

static void syntax_error(TsCtx *c, TSNode n, bool missing) {
  if (!tx_syntax_error_shown(&c->syntax_errors))
    return;
  TxStr msg = missing ? tx_arena_printf(&c->f->arena, "syntax error: missing '%s'", tx_ts_type(n))
                      : tx_arena_printf(&c->f->arena, "syntax error; the rest of the file "
                                                      "is still analysed");
  notice(c, TX_NOTICE_WARNING, "parse-error", tx_ts_span(c, n), msg);
}

// --- functions ----------------------------------------------------------------------------

static bool is_function(const TsSyms *s, TSSymbol k) {
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

static bool is_route_method(TxStr name) {
  static const char *const names[] = {"get", "post", "put",  "patch",  "delete",
                                      "del", "all",  "head", "options"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    if (tx_str_eq_c(name, names[i]))
      return true;
  }
  return false;
}

static bool is_loop_callback(TxStr name) {
  static const char *const names[] = {"map",    "forEach", "flatMap", "reduce", "reduceRight",
                                      "filter", "some",    "every",   "find",   "findIndex"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    if (tx_str_eq_c(name, names[i]))
      return true;
  }
  return false;
}

// The frame of the call whose arguments list holds frames[depth], or NULL.
static const TsFrame *arg_of_call(const TsCtx *c, uint32_t depth) {
  if (depth < 2 || c->frames.items[depth - 1].sym != c->sy->arguments)
    return NULL;
  const TsFrame *call = &c->frames.items[depth - 2];
  return call->sym == c->sy->call_expression ? call : NULL;
}

// The node naming a function: its own name, or where an anonymous one stands:
// `const f = () => {}`, `{ key: function () {} }`, `handler = async () => {}` in a class,
// `module.exports.x = ...`. A null node for a truly anonymous function.
static TSNode standin_name_node(const TsCtx *c, uint32_t depth);
static TSNode function_name_node(const TsCtx *c, uint32_t depth, TSNode n) {
  TSNode name = tx_ts_field(n, c->sy->f_name);
  return tx_ts_null(name) ? standin_name_node(c, depth) : name;
}

// Where a nameless function or class at frames[depth] stands (only frames above it are
// read, so it also serves a node whose frame is being made).
static TSNode standin_name_node(const TsCtx *c, uint32_t depth) {
  const TsSyms *s = c->sy;
  for (uint32_t d = depth; d > 0; d--) {
    const TsFrame *p = &c->frames.items[d - 1];
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
    if (p->sym == s->arguments && d >= 3 && c->frames.items[d - 2].sym == s->call_expression &&
        c->frames.items[d - 3].sym == s->variable_declarator &&
        c->frames.items[d - 2].field == s->f_value && tx_ts_named_count(p->node) >= 1) {
      TSNode var = tx_ts_field(c->frames.items[d - 3].node, s->f_name);
      if (tx_ts_sym(var) == s->identifier)
        return var;
    }
    break;
  }
  return (TSNode){0};
}

// The TxCall of a call frame when it has one whose callee text is whole, else NULL.
static const TxCall *recorded_call(const TsCtx *c, const TsFrame *call) {
  if (call->call == TX_NONE || c->calls.items[call->call].callee.len >= TX_TS_CALLEE_WHOLE)
    return NULL;
  return &c->calls.items[call->call];
}

static TxEntryKind entry_of_callback(TsCtx *c, const TsFrame *call) {
  const TsSyms *s = c->sy;
  TxStr name;
  bool member, recv_call;
  TSSymbol k = call->first_arg;
  const TxCall *tc = recorded_call(c, call);
  if (tc) {
    // The callee text says it: "router.post" (a member), "router.route().post" (on a call).
    name = tc->name;
    member = tc->receiver.len > 0;
    recv_call = tx_str_ends_with(tc->receiver, "()");
  } else {
    TSNode fn = tx_ts_unwrap(c, tx_ts_field(call->node, s->f_function));
    member = tx_ts_sym(fn) == s->member_expression;
    name = member ? tx_ts_text(c, tx_ts_field(fn, s->f_property)) : tx_ts_text(c, fn);
    recv_call =
        member && tx_ts_sym(tx_ts_unwrap(c, tx_ts_field(fn, s->f_object))) == s->call_expression;
  }
  if (tx_str_eq_c(name, "serve"))
    return TX_ENTRY_SERVE;
  if (!member || !is_route_method(name))
    return TX_ENTRY_NONE;
  // router.post('/path', handler) or router.route('/path').post(handler)
  if (k == s->string || k == s->template_string || recv_call)
    return TX_ENTRY_ROUTE;
  return TX_ENTRY_NONE;
}

// Whether functions passed to `call` run once per element (`items.map(fn)`).
static bool runs_per_element(TsCtx *c, const TsFrame *call) {
  const TsSyms *s = c->sy;
  const TxCall *tc = recorded_call(c, call);
  if (tc)
    return tc->receiver.len && is_loop_callback(tc->name);
  TSNode callee = tx_ts_unwrap(c, tx_ts_field(call->node, s->f_function));
  return tx_ts_sym(callee) == s->member_expression &&
         is_loop_callback(tx_ts_text(c, tx_ts_field(callee, s->f_property)));
}

static uint32_t add_function(TsCtx *c, uint32_t depth) {
  TsFrame *fr = &c->frames.items[depth];
  const TsSyms *s = c->sy;
  TSNode n = fr->node;
  TxFunction fn;
  memset(&fn, 0, sizeof fn);
  TSNode name_node = function_name_node(c, depth, n);
  TxStr name = tx_ts_null(name_node) ? TX_STR_LIT("<anonymous>") : tx_ts_text(c, name_node);
  fn.class_name = fr->st.class_name;
  fn.name =
      fr->sym == s->method_definition && fn.class_name.len
          ? tx_arena_printf(&c->f->arena, "%.*s.%.*s", TX_STR_ARG(fn.class_name), TX_STR_ARG(name))
          : name;
  fn.span = tx_ts_span(c, n);
  fn.name_span = tx_ts_null(name_node) ? (TxSpan){c->f->id, fn.span.start, fn.span.start}
                                       : tx_ts_span(c, name_node);
  fn.parent = fr->st.fn;
  TxStr head = tx_ts_text(c, n);
  fn.is_async = tx_str_starts_with(head, "async");
  if (fr->st.exported) {
    fn.is_exported = true;
    fn.export_name = fr->st.export_default ? TX_STR_LIT("default") : name;
    if (fr->st.export_default)
      fn.entry = TX_ENTRY_DEFAULT;
    else if (is_http_verb(name))
      fn.entry = TX_ENTRY_NEXT_ROUTE;
    TxExport e = {fn.export_name, name, {"", 0}, c->fns.count};
    TX_ARRAY_PUSH(&c->exports, e);
  }
  const TsFrame *call = arg_of_call(c, depth);
  if (call && fn.entry == TX_ENTRY_NONE)
    fn.entry = entry_of_callback(c, call);
  if (name.len && name.ptr[0] != '<' && tx_ts_type_is_client(c, tx_ts_field(n, s->f_return_type))) {
    Binding b = {name, BIND_CLIENT_FN, 0, TX_NONE, 0, {"", 0}, TX_NONE};
    tx_ts_bind_put(&c->binds, &b);
  }
  TX_ARRAY_PUSH(&c->fns, fn);
  TX_ARRAY_PUSH(&c->fn_nodes, n);
  if (call && call->call != TX_NONE) {
    TX_ARRAY_PUSH(&c->callbacks, call->call);
    TX_ARRAY_PUSH(&c->callbacks, c->fns.count - 1);
  }
  return c->fns.count - 1;
}

// --- calls ----------------------------------------------------------------------------------

static void add_call(TsCtx *c, uint32_t depth, uint32_t fact, TxStr callee) {
  c->frames.items[depth].call = c->calls.count;
  TsFrame *fr = &c->frames.items[depth];
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
  call.span = tx_ts_span(c, fr->node);
  call.fn = fr->st.fn;
  call.fact = fact;
  call.in_loop = fr->st.in_loop;
  call.parallel_group = fr->st.group;
  call.target_file = call.target_fn = TX_NONE;
  // ident_args and first_string_arg are filled as the walk meets the arguments (visit_arg).
  bool unused;
  tx_ts_result_names(c, depth, &c->scratch, &call.result_names, &call.result_name_count, &unused);
  TX_ARRAY_PUSH(&c->calls, call);
}

// An argument of a recorded call, at frames[depth] (its parent is the arguments list):
// identifiers it passes, and its first argument when that is a string.
static void visit_arg(TsCtx *c, uint32_t depth) {
  const TsSyms *s = c->sy;
  const TsFrame *fr = &c->frames.items[depth];
  uint32_t call = c->frames.items[depth - 2].call;
  TSSymbol k = fr->sym;
  if (k == s->identifier) {
    TsIdentArg a = {call, tx_ts_text(c, fr->node)};
    TX_ARRAY_PUSH(&c->ident_args, a);
  } else if (k == s->member_expression) {
    TSNode obj = tx_ts_field(fr->node, s->f_object);
    if (tx_ts_sym(obj) == s->identifier) { // assertInserted(res.error): `res`
      TsIdentArg a = {call, tx_ts_text(c, obj)};
      TX_ARRAY_PUSH(&c->ident_args, a);
    }
  }
  if (c->frames.items[depth - 1].kids == 1 && (k == s->string || k == s->template_string)) {
    bool known;
    TxStr str = tx_ts_static_string(c, fr->node, &known);
    if (known)
      c->calls.items[call].first_string_arg = str;
  }
}

// Hands each call the identifiers met in its arguments, in order.
static void group_ident_args(TsCtx *c) {
  for (uint32_t i = 0; i < c->ident_args.count; i++)
    c->calls.items[c->ident_args.items[i].call].ident_arg_count++;
  for (uint32_t i = 0; i < c->calls.count; i++) {
    TxCall *call = &c->calls.items[i];
    if (call->ident_arg_count) {
      call->ident_args = TX_ARENA_ARRAY(&c->scratch, TxStr, call->ident_arg_count);
      call->ident_arg_count = 0;
    }
  }
  for (uint32_t i = 0; i < c->ident_args.count; i++) {
    TxCall *call = &c->calls.items[c->ident_args.items[i].call];
    call->ident_args[call->ident_arg_count++] = c->ident_args.items[i].name;
  }
}

// Whether a call whose callee text is `callee` can be a database chain, that is, whether
// tx_ts_chain could return true: one of its methods is named `from` or `rpc`, or its base
// is a builder variable. A long callee text may be cut short, so it is checked in full.
static bool may_be_chain(const TsCtx *c, TxStr callee) {
  if (callee.len >= TX_TS_CALLEE_WHOLE)
    return true;
  if (c->builders) { // `q.eq(...)` on a builder variable `q`
    uint32_t n = 0;
    while (n < callee.len && callee.ptr[n] != '.' && callee.ptr[n] != '(')
      n++;
    if (n < callee.len && callee.ptr[n] == '.' &&
        tx_ts_bind_get(&c->binds, tx_str_n(callee.ptr, n), BIND_BUILDER))
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
  return parts >= 28;
}

// True when frames[depth] (a call) is an inner call of a member chain: `a.b().c()` visits
// the outer `.c()` first; `a.b()` is inner.
static bool is_inner_chain_call(const TsCtx *c, uint32_t depth) {
  const TsSyms *s = c->sy;
  if (depth < 2)
    return false;
  const TsFrame *p = &c->frames.items[depth - 1];
  const TsFrame *g = &c->frames.items[depth - 2];
  return p->sym == s->member_expression && c->frames.items[depth].field == s->f_object &&
         g->sym == s->call_expression && p->field == s->f_function;
}

static void visit_call(TsCtx *c, uint32_t depth) {
  TsFrame *fr = &c->frames.items[depth];
  uint32_t start = tx_ts_start(fr->node) + 1;
  bool inner = is_inner_chain_call(c, depth);
  if (inner && c->db_chain_start == start)
    return; // part of a database chain already recorded
  TSNode fn = tx_ts_field(fr->node, c->sy->f_function);
  TxStr callee = tx_ts_callee_text(c, fn, &c->scratch);
  uint32_t fact = TX_NONE;
  if (!inner && !fr->st.in_error && may_be_chain(c, callee)) {
    uint32_t before = c->facts.count;
    if (tx_ts_chain(c, fr->node, depth)) {
      c->db_chain_start = start;
      fact = c->facts.count > before ? c->facts.count - 1 : TX_NONE;
    }
  }
  add_call(c, depth, fact, callee);
}

// --- bindings -------------------------------------------------------------------------------

static void bind_client(TsCtx *c, TxStr name, uint32_t import) {
  Binding b = {name, BIND_CLIENT, 0, TX_NONE, 0, {"", 0}, import};
  tx_ts_bind_put(&c->binds, &b);
}

static void bind_string(TsCtx *c, TxStr name, TxStr value) {
  Binding b = {name, BIND_STRING, 0, TX_NONE, 0, value, TX_NONE};
  tx_ts_bind_put(&c->binds, &b);
}

// const TABLES = { calls: 'calls', logs: 'call_logs' } as const
static void bind_object_strings(TsCtx *c, TxStr name, TSNode obj) {
  const TsSyms *s = c->sy;
  uint32_t n = tx_ts_named_count(obj);
  for (uint32_t i = 0; i < n; i++) {
    TSNode p = tx_ts_named_child(obj, i);
    if (tx_ts_sym(p) != s->pair)
      continue;
    bool known;
    TxStr v = tx_ts_static_string(c, tx_ts_field(p, s->f_value), &known);
    TxStr key = tx_ts_text(c, tx_ts_field(p, s->f_key));
    if (known && key.len)
      bind_string(c, tx_arena_printf(&c->f->arena, "%.*s.%.*s", TX_STR_ARG(name), TX_STR_ARG(key)),
                  v);
  }
}

// Whether a node whose text is `text` can hold a type naming a client: a short text is
// searched instead of looking the type up.
static bool may_name_client(TxStr text) {
  return text.len > 256 || tx_ts_contains_nocase(text, "supabase");
}

static void visit_declarator(TsCtx *c, TSNode n, TSNode name, TSNode value) {
  const TsSyms *s = c->sy;
  if (tx_ts_sym(name) != s->identifier)
    return;
  TxStr head = tx_ts_text(c, n); // `x: T`, before the value
  if (!tx_ts_null(value))
    head.len = tx_ts_start(value) - tx_ts_start(n);
  TSNode type = may_name_client(head) ? tx_ts_field(n, s->f_type) : (TSNode){0};
  TxStr id = tx_ts_text(c, name);
  uint32_t import = TX_NONE;
  TxStr schema;
  if (tx_ts_type_is_client(c, type)) {
    bind_client(c, id, TX_NONE);
  } else if (!tx_ts_null(value) && tx_ts_is_client(c, value, &import, &schema)) {
    bind_client(c, id, import);
  }
  if (tx_ts_null(value))
    return;
  TSNode v = tx_ts_unwrap(c, value);
  bool known;
  TxStr str = tx_ts_static_string(c, v, &known);
  if (known)
    bind_string(c, id, str);
  else if (tx_ts_sym(v) == s->object)
    bind_object_strings(c, id, v);
  // const db = require('./db')  /  const { db } = require('./db') are handled as imports.
}

// constructor(private db: SupabaseClient) also declares this.db, and so does
// `@Inject(DB) readonly db: SupabaseClient`: a modifier stands before the name.
static bool is_parameter_property(const TsCtx *c, TSNode n, TSNode pat) {
  const TsSyms *s = c->sy;
  uint32_t count = tx_ts_child_count(n);
  for (uint32_t i = 0; i < count; i++) {
    TSNode part = tx_ts_child(n, i);
    if (ts_node_eq(part, pat))
      break;
    TSSymbol k = tx_ts_sym(part);
    if (k == s->accessibility_modifier || k == s->override_modifier || k == s->readonly_)
      return true;
  }
  return false;
}

static void visit_parameter(TsCtx *c, TSNode n) {
  const TsSyms *s = c->sy;
  if (!may_name_client(tx_ts_text(c, n)))
    return;
  TSNode type = tx_ts_field(n, s->f_type);
  if (!tx_ts_type_is_client(c, type))
    return;
  TSNode pat = tx_ts_field(n, s->f_pattern);
  if (tx_ts_null(pat) || tx_ts_sym(pat) != s->identifier)
    return;
  TxStr name = tx_ts_text(c, pat);
  bind_client(c, name, TX_NONE);
  if (is_parameter_property(c, n, pat))
    bind_client(c, tx_arena_printf(&c->f->arena, "this.%.*s", TX_STR_ARG(name)), TX_NONE);
}

static void visit_field(TsCtx *c, TSNode n) {
  const TsSyms *s = c->sy;
  TSNode name = tx_ts_field(n, s->f_name);
  TSNode type = tx_ts_field(n, s->f_type);
  TSNode value = tx_ts_field(n, s->f_value);
  uint32_t import = TX_NONE;
  TxStr schema;
  if (tx_ts_type_is_client(c, type) ||
      (!tx_ts_null(value) && tx_ts_is_client(c, value, &import, &schema)))
    bind_client(c, tx_arena_printf(&c->f->arena, "this.%.*s", TX_STR_ARG(tx_ts_text(c, name))),
                import);
}

static void visit_assignment(TsCtx *c, TSNode n) {
  const TsSyms *s = c->sy;
  TSNode left = tx_ts_field(n, s->f_left);
  TSNode right = tx_ts_field(n, s->f_right);
  uint32_t import = TX_NONE;
  TxStr schema;
  TSSymbol k = tx_ts_sym(left);
  if ((k == s->identifier || k == s->member_expression) && !tx_ts_null(right) &&
      tx_ts_is_client(c, right, &import, &schema))
    bind_client(c, tx_ts_text(c, left), import);
}

static void visit_return(TsCtx *c, uint32_t depth) {
  const TsFrame *fr = &c->frames.items[depth];
  TSNode value = tx_ts_named_child(fr->node, 0);
  if (tx_ts_null(value) || fr->st.fn == TX_NONE)
    return;
  uint32_t import = TX_NONE;
  TxStr schema;
  const TxFunction *fn = &c->fns.items[fr->st.fn];
  if (fn->name.len && fn->name.ptr[0] != '<' && tx_ts_is_client(c, value, &import, &schema)) {
    Binding b = {fn->name, BIND_CLIENT_FN, 0, TX_NONE, 0, {"", 0}, import};
    tx_ts_bind_put(&c->binds, &b);
  }
}

// --- imports and exports --------------------------------------------------------------------

static void add_import(TsCtx *c, TxStr local, TxStr imported, TxStr from, TSNode at) {
  TxImport imp = {local, imported, from, tx_ts_span(c, at)};
  TX_ARRAY_PUSH(&c->imports, imp);
  c->has_namespace_import |= tx_str_eq_c(imported, "*");
  Binding b = {local, BIND_IMPORT, c->imports.count - 1, TX_NONE, 0, {"", 0}, TX_NONE};
  tx_ts_bind_put(&c->binds, &b);
}

// import a, { b as c } from 'x'; import * as ns from 'x'
static void visit_import(TsCtx *c, TSNode n) {
  const TsSyms *s = c->sy;
  bool known;
  TxStr from = tx_ts_static_string(c, tx_ts_field(n, s->f_source), &known);
  if (!known)
    return;
  uint32_t count = tx_ts_named_count(n);
  for (uint32_t i = 0; i < count; i++) {
    TSNode clause = tx_ts_named_child(n, i);
    if (tx_ts_sym(clause) != s->import_clause)
      continue;
    uint32_t m = tx_ts_named_count(clause);
    for (uint32_t k = 0; k < m; k++) {
      TSNode part = tx_ts_named_child(clause, k);
      TSSymbol ps = tx_ts_sym(part);
      if (ps == s->identifier) {
        add_import(c, tx_ts_text(c, part), TX_STR_LIT("default"), from, part);
      } else if (ps == s->namespace_import) {
        add_import(c, tx_ts_text(c, tx_ts_named_child(part, 0)), TX_STR_LIT("*"), from, part);
      } else if (ps == s->named_imports) {
        uint32_t q = tx_ts_named_count(part);
        for (uint32_t j = 0; j < q; j++) {
          TSNode spec = tx_ts_named_child(part, j);
          if (tx_ts_sym(spec) != s->import_specifier)
            continue;
          TSNode name = tx_ts_field(spec, s->f_name);
          TSNode alias = tx_ts_field(spec, s->f_alias);
          TxStr imported = tx_ts_text(c, name);
          add_import(c, tx_ts_null(alias) ? imported : tx_ts_text(c, alias), imported, from, spec);
        }
      }
    }
  }
}

// const x = require('./x')  /  const { a, b: c } = require('./x')
static bool visit_require(TsCtx *c, TSNode name, TSNode value) {
  const TsSyms *s = c->sy;
  value = tx_ts_unwrap(c, value);
  if (tx_ts_null(value) || tx_ts_sym(value) != s->call_expression ||
      !tx_str_starts_with(tx_ts_text(c, value), "require"))
    return false;
  TSNode fn = tx_ts_field(value, s->f_function);
  if (!tx_str_eq_c(tx_ts_text(c, fn), "require"))
    return false;
  bool known;
  TSNode args = tx_ts_field(value, s->f_arguments);
  TxStr from = tx_ts_static_string(c, tx_ts_named_child(args, 0), &known);
  if (!known)
    return false;
  if (tx_ts_sym(name) == s->identifier) {
    add_import(c, tx_ts_text(c, name), TX_STR_LIT("*"), from, name);
  } else if (tx_ts_sym(name) == s->object_pattern) {
    uint32_t n = tx_ts_named_count(name);
    for (uint32_t i = 0; i < n; i++) {
      TSNode p = tx_ts_named_child(name, i);
      if (tx_ts_sym(p) == s->shorthand_property_identifier_pattern)
        add_import(c, tx_ts_text(c, p), tx_ts_text(c, p), from, p);
      else if (tx_ts_sym(p) == s->pair_pattern)
        add_import(c, tx_ts_text(c, tx_ts_field(p, s->f_value)),
                   tx_ts_text(c, tx_ts_field(p, s->f_key)), from, p);
    }
  }
  return true;
}

static void add_export(TsCtx *c, TxStr exported, TxStr local, TxStr from) {
  TxExport e = {exported, local, from, TX_NONE};
  TX_ARRAY_PUSH(&c->exports, e);
}

// export { a, b as c } [from './x'];  export * from './x';  export default ident;
// export const a = ..., b = ...;  (functions record themselves in add_function)
static void visit_export(TsCtx *c, TSNode n) {
  const TsSyms *s = c->sy;
  bool known;
  TxStr from = tx_ts_static_string(c, tx_ts_field(n, s->f_source), &known);
  TxStr text = tx_ts_text(c, n);
  if (tx_str_starts_with(text, "export *")) {
    add_export(c, TX_STR_LIT("*"), TX_STR_LIT("*"), from);
    return;
  }
  TSNode decl = tx_ts_field(n, s->f_declaration);
  if (!tx_ts_null(decl)) {
    TSSymbol k = tx_ts_sym(decl);
    if (k == s->lexical_declaration || k == s->variable_declaration) {
      uint32_t m = tx_ts_named_count(decl);
      for (uint32_t i = 0; i < m; i++) {
        TSNode d = tx_ts_named_child(decl, i);
        if (tx_ts_sym(d) != s->variable_declarator)
          continue;
        TSNode name = tx_ts_field(d, s->f_name);
        TSNode value = tx_ts_unwrap(c, tx_ts_field(d, s->f_value));
        // `export const POST = async () => {}` is recorded by add_function.
        if (!tx_ts_null(value) && is_function(s, tx_ts_sym(value)))
          continue;
        add_export(c, tx_ts_text(c, name), tx_ts_text(c, name), (TxStr){"", 0});
      }
    } else if (!is_function(s, k)) {
      TSNode name = tx_ts_field(decl, s->f_name);
      if (!tx_ts_null(name))
        add_export(c, tx_ts_text(c, name), tx_ts_text(c, name), (TxStr){"", 0});
    }
    return;
  }
  TSNode value = tx_ts_field(n, s->f_value);
  if (!tx_ts_null(value) && !is_function(s, tx_ts_sym(tx_ts_unwrap(c, value)))) {
    TSNode v = tx_ts_unwrap(c, value);
    add_export(c, TX_STR_LIT("default"),
               tx_ts_sym(v) == s->identifier ? tx_ts_text(c, v) : (TxStr){"", 0}, (TxStr){"", 0});
    return;
  }
  uint32_t m = tx_ts_named_count(n);
  for (uint32_t i = 0; i < m; i++) {
    TSNode clause = tx_ts_named_child(n, i);
    if (tx_ts_sym(clause) != s->export_clause)
      continue;
    uint32_t q = tx_ts_named_count(clause);
    for (uint32_t j = 0; j < q; j++) {
      TSNode spec = tx_ts_named_child(clause, j);
      if (tx_ts_sym(spec) != s->export_specifier)
        continue;
      TSNode name = tx_ts_field(spec, s->f_name);
      TSNode alias = tx_ts_field(spec, s->f_alias);
      TxStr local = tx_ts_text(c, name);
      add_export(c, tx_ts_null(alias) ? local : tx_ts_text(c, alias), local, from);
    }
  }
}

// --- suppression comments -------------------------------------------------------------------

// `// txlint-ignore rule-a, rule-b -- reason` / `txlint-ignore-file rule -- reason`
static void visit_comment(TsCtx *c, TSNode n) {
  TxStr text = tx_ts_text(c, n);
  const char *end = text.ptr + text.len;
  const char *key = tx_suppression_find(text.ptr, end);
  TxSuppression sup;
  if (!key || !tx_suppression_parse(&c->f->arena, key, end, &sup))
    return;
  sup.span = tx_ts_span(c, n);
  sup.line = tx_suppression_line(&c->f->src, tx_ts_start(n), tx_ts_end(n), "//");
  TX_ARRAY_PUSH(&c->suppressions, sup);
}

// --- the walk ---------------------------------------------------------------------------------

// The name a class gives its methods ("Repo" makes "Repo.save", which `this.save()` finds):
// its own, else where it stands (`const Repo = class {}`, `module.exports = class {}`), else
// "<anonymous>" (`export default class {}`, `f(class {})`), so that its methods are never
// mistaken for top-level functions of the same name.
static TxStr class_name(const TsCtx *c, uint32_t depth, TSNode node) {
  TxStr name = tx_ts_text(c, tx_ts_field(node, c->sy->f_name));
  if (!name.len)
    name = tx_ts_text(c, standin_name_node(c, depth));
  return name.len ? name : TX_STR_LIT("<anonymous>");
}

// The state of frames[depth]'s node, from its parent's frame and the field it fills there.
static TsState derive(const TsCtx *c, uint32_t depth, TSFieldId field, TSSymbol sym, TSNode node) {
  const TsSyms *s = c->sy;
  const TsFrame *parent = &c->frames.items[depth - 1];
  TsState st = parent->st;
  TSSymbol p = parent->sym;
  unsigned pf = tx_ts_flags(s, p);
  if (!(pf & F_KEEPS_EXPORT))
    st.exported = st.export_default = false;
  if (pf & F_STATE) {
    uint32_t here = tx_ts_start(node) + 1;
    if (p == s->export_statement) {
      st.exported = true;
      st.export_default = tx_str_starts_with(tx_ts_text(c, parent->node), "export default");
    }
    if ((p == s->if_statement && (field == s->f_consequence || field == s->f_alternative)) ||
        (p == s->ternary_expression && (field == s->f_consequence || field == s->f_alternative)) ||
        (p == s->binary_expression && field == s->f_right) || p == s->switch_case ||
        p == s->switch_default || (p == s->catch_clause && field == s->f_body))
      st.cond = here;
    if (field == s->f_body && (p == s->for_statement || p == s->for_in_statement ||
                               p == s->while_statement || p == s->do_statement)) {
      st.in_loop = true;
      st.cond = here;
    }
  }
  if (tx_ts_flags(s, sym) & F_CLASS)
    st.class_name = class_name(c, depth, node);
  if (sym == s->error)
    st.in_error = true;
  return st;
}

static bool is_promise_group(const TsCtx *c, const TsFrame *parent, TSFieldId field) {
  const TsSyms *s = c->sy;
  if (parent->sym != s->call_expression || field != s->f_arguments)
    return false;
  TxStr callee = parent->call != TX_NONE
                     ? c->calls.items[parent->call].callee
                     : tx_ts_text(c, tx_ts_unwrap(c, tx_ts_field(parent->node, s->f_function)));
  return tx_str_eq_c(callee, "Promise.all") || tx_str_eq_c(callee, "Promise.allSettled") ||
         tx_str_eq_c(callee, "Promise.race") || tx_str_eq_c(callee, "Promise.any");
}

// True when nothing inside `n` can matter to a rule, so the walk need not enter it: its text
// has no call, function, assignment or initializer ('(', '`', '='), no comment ('/'), no
// syntax error, and no builder variable exists yet whose use it could hold (`await q`). Most
// member accesses (`a.b.c`), arithmetic, small literals and typed parameters qualify;
// stepping through their parts is what the walk spends most on. Only expressions,
// parameters and return statements qualify (a module or block may hold exports; a
// parameter's or return's own visit has read what it says); long texts are not searched.
static bool inert(const TsCtx *c, TSNode n, TSSymbol k) {
  if (c->builders || !(tx_ts_flags(c->sy, k) & F_SKIPPABLE))
    return false;
  TxStr text = tx_ts_text(c, n);
  if (text.len > 4096)
    return false;
  for (uint32_t i = 0; i < text.len; i++) {
    char ch = text.ptr[i];
    if (ch == '(' || ch == '`' || ch == '=' || ch == '/')
      return false;
  }
  return !tx_ts_has_error(n);
}

// Handles frames[depth] on the way down. Returns false to skip its children.
static bool enter(TsCtx *c, uint32_t depth) {
  const TsSyms *s = c->sy;
  TsFrame *fr = &c->frames.items[depth];
  TsKind kind = tx_ts_kind(s, fr->sym);
  const TsFrame *call = arg_of_call(c, depth);
  if (call && call->call != TX_NONE)
    visit_arg(c, depth);
  switch (kind) {
  case K_COMMENT:
    visit_comment(c, fr->node);
    return false;
  case K_STRING:
    return false; // quotes and fragments: static strings are read from the node when needed
  case K_TYPE: {
    // Types hold no calls or functions a rule reads (the few places that look at a type,
    // such as a parameter typed SupabaseClient, read it from their own node): not walked,
    // unless a suppression comment sits inside.
    TxStr text = tx_ts_text(c, fr->node);
    if (!memmem(text.ptr, text.len, "txlint-ignore", 13))
      return false;
    break;
  }
  case K_ERROR:
    syntax_error(c, fr->node, false);
    return true; // children still give functions and calls; facts are skipped
  default:
    break;
  }
  if (tx_ts_is_missing(fr->node)) {
    syntax_error(c, fr->node, true);
    return false;
  }
  if (depth > 0 && is_promise_group(c, &c->frames.items[depth - 1], fr->field))
    fr->st.group = ++c->next_group;
  switch (kind) {
  case K_FUNCTION: {
    uint32_t idx = add_function(c, depth);
    if (call && runs_per_element(c, call))
      fr->st.in_loop = true;
    fr->st.fn = idx;
    fr->st.cond = tx_ts_start(fr->node) + 1;
    fr->st.exported = fr->st.export_default = false;
    // Error recovery often wraps whole functions in the ERROR node of a nearby mistake (a
    // class without a body swallows the functions after it); a function with no error inside
    // reads as it would anywhere, so its facts count.
    if (fr->st.in_error && !tx_ts_has_error(fr->node))
      fr->st.in_error = false;
    return true;
  }
  case K_CALL:
    visit_call(c, depth);
    break;
  case K_DECLARATOR: {
    TSNode name = tx_ts_field(fr->node, s->f_name);
    TSNode value = tx_ts_field(fr->node, s->f_value);
    if (!visit_require(c, name, value))
      visit_declarator(c, fr->node, name, value);
    break;
  }
  case K_PARAMETER:
    visit_parameter(c, fr->node);
    return !inert(c, fr->node, fr->sym);
  case K_FIELD:
    visit_field(c, fr->node);
    break;
  case K_ASSIGNMENT:
    visit_assignment(c, fr->node);
    break;
  case K_RETURN:
    visit_return(c, depth);
    return !inert(c, fr->node, fr->sym);
  case K_IMPORT:
    visit_import(c, fr->node);
    return false;
  case K_EXPORT:
    visit_export(c, fr->node);
    break;
  case K_IDENTIFIER:
    if (depth > 0 && c->builders)
      tx_ts_builder_use(c, fr->node, depth);
    break;
  default:
    return !inert(c, fr->node, fr->sym);
  }
  return true;
}

static void push_frame(TsCtx *c, uint32_t depth, TSNode node, TSFieldId field) {
  TsFrame fr;
  fr.node = node;
  fr.sym = tx_ts_sym(node);
  fr.field = field;
  fr.call = TX_NONE;
  fr.kids = 0;
  fr.first_arg = 0;
  if (depth > 0 && c->frames.items[depth - 1].kids++ == 0 && depth > 1 &&
      c->frames.items[depth - 1].sym == c->sy->arguments)
    c->frames.items[depth - 2].first_arg = fr.sym;
  if (depth == 0) {
    memset(&fr.st, 0, sizeof fr.st);
    fr.st.fn = TX_NONE;
  } else {
    fr.st = derive(c, depth, field, fr.sym, node);
  }
  if (depth < c->frames.count)
    c->frames.items[depth] = fr;
  else
    TX_ARRAY_PUSH(&c->frames, fr);
}

static void walk(TsCtx *c, TSNode root) {
  TSTreeCursor cur = ts_tree_cursor_new(root);
  uint32_t depth = 0;
  c->frames.count = 0;
  push_frame(c, 0, root, 0);
  bool descend = enter(c, 0);
  uint32_t max_depth = c->cfg->max_depth ? c->cfg->max_depth : 1000;
  for (;;) {
    if (descend && depth + 1 > max_depth) {
      if (!c->depth_noticed) {
        c->depth_noticed = true;
        notice(c, TX_NOTICE_WARNING, "limit", tx_ts_span(c, c->frames.items[depth].node),
               tx_arena_printf(&c->f->arena,
                               "nesting deeper than %u levels; the inner part is not analysed",
                               max_depth));
      }
      descend = false;
    }
    if (descend && ts_tree_cursor_goto_first_child(&cur)) {
      depth++;
    } else {
      for (;;) {
        if (ts_tree_cursor_goto_next_sibling(&cur))
          break;
        if (depth == 0 || !ts_tree_cursor_goto_parent(&cur)) {
          ts_tree_cursor_delete(&cur);
          return;
        }
        depth--;
      }
    }
    if (tx_ts_tick(c)) { // past the deadline: the file is dropped
      ts_tree_cursor_delete(&cur);
      return;
    }
    TSNode node = ts_tree_cursor_current_node(&cur);
    if (!tx_ts_is_named(node)) {
      // Punctuation and keywords (about half of all nodes) are leaves no rule reads; a
      // missing one is still a syntax error.
      if (tx_ts_is_missing(node))
        syntax_error(c, node, true);
      descend = false;
      continue;
    }
    TSSymbol parent = depth > 0 ? c->frames.items[depth - 1].sym : 0;
    // Asking the cursor for the field costs as much as a third of a step, so only parents
    // whose children's field something reads (derive(), is_promise_group(),
    // is_inner_chain_call(), function_name_node(), stored_in()) ask.
    push_frame(c, depth, node,
               (tx_ts_flags(c->sy, parent) & F_READS_FIELDS) ? ts_tree_cursor_current_field_id(&cur)
                                                             : 0);
    c->frames.count = depth + 1;
    descend = enter(c, depth);
  }
}

// --- finishing ----------------------------------------------------------------------------------

// Drops builders that never chose an operation, renumbering fact indices in calls.
static void compact_facts(TsCtx *c) {
  uint32_t *remap = tx_xmalloc(sizeof(uint32_t) * (c->facts.count ? c->facts.count : 1));
  uint32_t out = 0;
  for (uint32_t i = 0; i < c->facts.count; i++) {
    if (c->facts.items[i].op == TX_TS_OP_PENDING) {
      remap[i] = TX_NONE;
      continue;
    }
    remap[i] = out;
    c->facts.items[out++] = c->facts.items[i];
  }
  c->facts.count = out;
  for (uint32_t i = 0; i < c->calls.count; i++) {
    if (c->calls.items[i].fact != TX_NONE)
      c->calls.items[i].fact = remap[c->calls.items[i].fact];
  }
  free(remap);
}

// Gives every function its list of facts and calls (counting sort by function).
static void index_functions(TsCtx *c, TxFunction *fns) {
  TxArena *a = &c->f->arena;
  for (uint32_t i = 0; i < c->facts.count; i++) {
    uint32_t fn = c->facts.items[i].fn;
    if (fn != TX_NONE)
      fns[fn].fact_count++;
  }
  for (uint32_t i = 0; i < c->calls.count; i++) {
    uint32_t fn = c->calls.items[i].fn;
    if (fn != TX_NONE)
      fns[fn].call_count++;
  }
  for (uint32_t i = 0; i < c->fns.count; i++) {
    fns[i].facts = fns[i].fact_count ? TX_ARENA_ARRAY(a, uint32_t, fns[i].fact_count) : NULL;
    fns[i].calls = fns[i].call_count ? TX_ARENA_ARRAY(a, uint32_t, fns[i].call_count) : NULL;
    fns[i].fact_count = fns[i].call_count = 0;
  }
  for (uint32_t i = 0; i < c->facts.count; i++) {
    uint32_t fn = c->facts.items[i].fn;
    if (fn != TX_NONE)
      fns[fn].facts[fns[fn].fact_count++] = i;
  }
  for (uint32_t i = 0; i < c->calls.count; i++) {
    uint32_t fn = c->calls.items[i].fn;
    if (fn != TX_NONE)
      fns[fn].calls[fns[fn].call_count++] = i;
  }
}

// Functions written inline as arguments of a call: TxCall.callback_fns.
static void index_callbacks(TsCtx *c, TxCall *calls) {
  TxArena *a = &c->f->arena;
  for (uint32_t i = 0; i + 1 < c->callbacks.count; i += 2)
    calls[c->callbacks.items[i]].callback_fn_count++;
  for (uint32_t i = 0; i + 1 < c->callbacks.count; i += 2) {
    TxCall *call = &calls[c->callbacks.items[i]];
    if (!call->callback_fns) {
      call->callback_fns = TX_ARENA_ARRAY(a, uint32_t, call->callback_fn_count);
      call->callback_fn_count = 0;
    }
    call->callback_fns[call->callback_fn_count++] = c->callbacks.items[i + 1];
  }
}

// Items looked up by name after the walk (top-level functions for every route call and
// export, namespace imports for every call): a search through all of them per lookup was
// quadratic in the file, minutes for a few megabytes of `app.get('/', fN)`. Open addressing
// over `keys` (an item whose key has no ptr is left out); each name leads to its first item
// and `next` to the others, in order.
typedef struct NameIndex {
  const TxStr *keys;
  uint32_t *slots; // item index + 1; 0: empty
  uint32_t *next;  // the next item with the same key, or TX_NONE
  uint32_t mask;
} NameIndex;

static uint32_t name_hash(TxStr name) {
  uint32_t h = 2166136261u;
  for (uint32_t i = 0; i < name.len; i++)
    h = (h ^ (unsigned char)name.ptr[i]) * 16777619u;
  return h;
}

// The slot holding `name`'s first item, or the empty slot where it would go.
static uint32_t name_slot(const NameIndex *x, TxStr name) {
  uint32_t i = name_hash(name) & x->mask;
  while (x->slots[i] && !tx_str_eq(x->keys[x->slots[i] - 1], name))
    i = (i + 1) & x->mask;
  return i;
}

static void name_index_init(NameIndex *x, const TxStr *keys, uint32_t n) {
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

static void name_index_fini(NameIndex *x) {
  free(x->slots);
  free(x->next);
}

// The first item named `name`, or TX_NONE.
static uint32_t name_index_first(const NameIndex *x, TxStr name) {
  uint32_t v = x->slots[name_slot(x, name)];
  return v ? v - 1 : TX_NONE;
}

// Route handlers passed by name: router.post('/x', handleX) marks handleX as an entry.
static void mark_named_handlers(TsCtx *c, const NameIndex *top) {
  for (uint32_t i = 0; i < c->calls.count; i++) {
    const TxCall *call = &c->calls.items[i];
    bool route = call->first_string_arg.len && call->receiver.len && is_route_method(call->name);
    bool serve = tx_str_eq_c(call->name, "serve");
    if (!route && !serve)
      continue;
    for (uint32_t k = 0; k < call->ident_arg_count; k++) {
      for (uint32_t j = name_index_first(top, call->ident_args[k]); j != TX_NONE;
           j = top->next[j]) {
        TxFunction *fn = &c->fns.items[j];
        if (fn->entry == TX_ENTRY_NONE)
          fn->entry = serve ? TX_ENTRY_SERVE : TX_ENTRY_ROUTE;
      }
    }
  }
}

static void finish_exports(TsCtx *c, const NameIndex *top) {
  for (uint32_t i = 0; i < c->exports.count; i++) {
    TxExport *e = &c->exports.items[i];
    if (e->from.len)
      continue;
    if (e->fn == TX_NONE)
      e->fn = name_index_first(top, e->local);
    // Only clients known here are exported as clients: a value that merely came from an
    // imported function (`export const db = knex(...)`) is not claimed to be one.
    const Binding *b = tx_ts_bind_get(&c->binds, e->local, BIND_CLIENT);
    const Binding *bf = tx_ts_bind_get(&c->binds, e->local, BIND_CLIENT_FN);
    if ((b && b->import_via == TX_NONE) || (bf && bf->import_via == TX_NONE)) {
      TxClientExport ce = {e->exported, bf != NULL};
      TX_ARRAY_PUSH(&c->client_exports, ce);
    }
  }
}

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
static bool call_matters(const TxCall *call, const NameIndex *namespaces, const TxStr *results,
                         uint32_t result_count) {
  if (call->fact != TX_NONE || call->effect_callee || call->receiver.len == 0 ||
      tx_str_eq_c(call->receiver, "this") ||
      (namespaces && name_index_first(namespaces, call->receiver) != TX_NONE))
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
static bool effect_named(const TsCtx *c, const TxFunction *fn) {
  const TxEffectMatcher *pats = &c->effects;
  // "<anonymous>" is no name; "<anonymous>.send", a method of a nameless class, is.
  if (fn->name.len == 0 || (fn->name.ptr[0] == '<' && fn->name.ptr[fn->name.len - 1] == '>'))
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

static void prune(TsCtx *c) {
  uint32_t nf = c->fns.count, nc = c->calls.count;
  TxArena *a = &c->f->arena;
  // Every local bound to a result, sorted for lookup.
  TX_ARRAY(TxStr) results = {0};
  for (uint32_t i = 0; i < c->facts.count; i++) {
    for (uint32_t k = 0; k < c->facts.items[i].result_name_count; k++)
      TX_ARRAY_PUSH(&results, c->facts.items[i].result_names[k]);
  }
  for (uint32_t i = 0; i < nc; i++) {
    TxCall *call = &c->calls.items[i];
    call->effect_callee =
        call->fact == TX_NONE && tx_effect_matcher_match(&c->effects, call->callee);
    for (uint32_t k = 0; k < call->result_name_count; k++)
      TX_ARRAY_PUSH(&results, call->result_names[k]);
  }
  if (results.count > 1)
    qsort(results.items, results.count, sizeof(TxStr), str_cmp);
  TxStr *ns_keys = NULL;
  NameIndex ns_index, *namespaces = NULL;
  if (c->has_namespace_import) {
    ns_keys = tx_xcalloc(c->imports.count ? c->imports.count : 1, sizeof(TxStr));
    for (uint32_t i = 0; i < c->imports.count; i++) {
      if (tx_str_eq_c(c->imports.items[i].imported, "*"))
        ns_keys[i] = c->imports.items[i].local;
    }
    name_index_init(&ns_index, ns_keys, c->imports.count);
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
  uint32_t *cb_next = tx_xmalloc(sizeof(uint32_t) * (c->callbacks.count / 2 + 1));
  for (uint32_t i = 0; i <= nf; i++)
    head[i] = TX_NONE;
  for (uint32_t i = 0; i < nc; i++)
    cb_head[i] = TX_NONE;
  for (uint32_t i = nc; i-- > 0;) {
    uint32_t fn = c->calls.items[i].fn < nf ? c->calls.items[i].fn : nf;
    next[i] = head[fn];
    head[fn] = i;
  }
  for (uint32_t p = 0; p + 1 < c->callbacks.count; p += 2) {
    uint32_t call = c->callbacks.items[p], fn = c->callbacks.items[p + 1];
    if (call < nc && fn < nf) {
      cb_next[p / 2] = cb_head[call];
      cb_head[call] = p / 2;
    }
  }
  for (uint32_t i = 0; i < nf; i++) {
    uint32_t parent = c->fns.items[i].parent < nf ? c->fns.items[i].parent : nf;
    children[parent]++;
  }
  for (uint32_t i = 0; i < c->facts.count; i++) {
    if (c->facts.items[i].fn < nf)
      has_facts[c->facts.items[i].fn] = true;
  }
  // Children come after their parent (functions are numbered in pre-order), so one pass from
  // the last function decides every callback before the calls that pass it; the top level
  // (index nf) comes last.
  for (uint32_t step = 0; step <= nf; step++) {
    uint32_t j = step < nf ? nf - 1 - step : nf;
    uint32_t kept_calls = 0;
    for (uint32_t i = head[j]; i != TX_NONE; i = next[i]) {
      const TxCall *call = &c->calls.items[i];
      bool keep = call_matters(call, namespaces, results.items, results.count);
      for (uint32_t q = cb_head[i]; q != TX_NONE && !keep; q = cb_next[q])
        keep = fn_map[c->callbacks.items[2 * q + 1]] != TX_NONE;
      call_map[i] = keep ? 0 : TX_NONE;
      kept_calls += keep;
    }
    if (j == nf)
      break;
    const TxFunction *fn = &c->fns.items[j];
    bool drop = !has_facts[j] && kept_calls == 0 && children[j] == 0 &&
                fn->entry == TX_ENTRY_NONE && !effect_named(c, fn);
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
    TxFunction fn = c->fns.items[j];
    if (fn.parent != TX_NONE)
      fn.parent = fn_map[fn.parent];
    c->fns.items[out] = fn;
    c->fn_nodes.items[out] = c->fn_nodes.items[j];
    out++;
  }
  c->fns.count = c->fn_nodes.count = out;
  out = 0;
  for (uint32_t i = 0; i < nc; i++) {
    if (call_map[i] == TX_NONE)
      continue;
    call_map[i] = out;
    TxCall call = c->calls.items[i];
    if (call.fn != TX_NONE)
      call.fn = fn_map[call.fn];
    // What add_call left in the scratch arena moves to the file's.
    TxStr callee = tx_arena_strdup(a, call.callee);
    call.name = (TxStr){callee.ptr + (call.name.ptr - call.callee.ptr), call.name.len};
    call.receiver = (TxStr){callee.ptr, call.receiver.len};
    call.callee = callee;
    call.ident_args = copy_strs(a, call.ident_args, call.ident_arg_count);
    call.result_names = copy_strs(a, call.result_names, call.result_name_count);
    c->calls.items[out++] = call;
  }
  c->calls.count = out;
  for (uint32_t i = 0; i < c->facts.count; i++) {
    if (c->facts.items[i].fn != TX_NONE)
      c->facts.items[i].fn = fn_map[c->facts.items[i].fn];
  }
  // Exports stay (they also tell importers which names are clients); an export of a
  // dropped function names no function.
  for (uint32_t i = 0; i < c->exports.count; i++) {
    TxExport *e = &c->exports.items[i];
    if (e->fn != TX_NONE)
      e->fn = e->fn < nf ? fn_map[e->fn] : TX_NONE;
  }
  out = 0;
  for (uint32_t p = 0; p + 1 < c->callbacks.count; p += 2) {
    uint32_t call = c->callbacks.items[p], fn = c->callbacks.items[p + 1];
    if (call >= nc || fn >= nf || call_map[call] == TX_NONE || fn_map[fn] == TX_NONE)
      continue;
    c->callbacks.items[out++] = call_map[call];
    c->callbacks.items[out++] = fn_map[fn];
  }
  c->callbacks.count = out;
  free(head);
  free(next);
  free(children);
  free(fn_map);
  free(call_map);
  free(has_facts);
  free(cb_head);
  free(cb_next);
  if (namespaces)
    name_index_fini(namespaces);
  free(ns_keys);
  TX_ARRAY_FREE(&results);
}

// Completes what the walk gathered, still in `c`: the file gets it only from publish(), so a
// file dropped at the deadline (over_budget) contributes nothing.
static void finish(TsCtx *c) {
  TxFile *f = c->f;
  compact_facts(c);
  TxStr *top_keys = tx_xcalloc(c->fns.count ? c->fns.count : 1, sizeof(TxStr));
  for (uint32_t i = 0; i < c->fns.count; i++) {
    if (c->fns.items[i].parent == TX_NONE)
      top_keys[i] = c->fns.items[i].name;
  }
  NameIndex top; // top-level functions
  name_index_init(&top, top_keys, c->fns.count);
  mark_named_handlers(c, &top);
  finish_exports(c, &top);
  name_index_fini(&top);
  free(top_keys);
  prune(c);
  TxNotice more;
  if (tx_syntax_errors_hidden(&f->arena, f->id, c->syntax_errors, "syntax errors", &more))
    TX_ARRAY_PUSH(&c->notices, more);
  index_functions(c, c->fns.items);
  index_callbacks(c, c->calls.items);
}

// Hands the file what extraction made.
static void publish(TsCtx *c) {
  TxFile *f = c->f;
  TxArena *a = &f->arena;
  f->client_exports = TX_ARRAY_TO_ARENA(a, &c->client_exports);
  f->client_export_count = c->client_exports.count;
  f->functions = TX_ARRAY_TO_ARENA(a, &c->fns);
  f->function_count = c->fns.count;
  f->facts = TX_ARRAY_TO_ARENA(a, &c->facts);
  f->fact_count = c->facts.count;
  f->calls = TX_ARRAY_TO_ARENA(a, &c->calls);
  f->call_count = c->calls.count;
  f->imports = TX_ARRAY_TO_ARENA(a, &c->imports);
  f->import_count = c->imports.count;
  f->exports = TX_ARRAY_TO_ARENA(a, &c->exports);
  f->export_count = c->exports.count;
  f->suppressions = TX_ARRAY_TO_ARENA(a, &c->suppressions);
  f->suppression_count = c->suppressions.count;
  tx_file_append_notices(f, c->notices.items, c->notices.count);
}

static void ctx_fini(TsCtx *c) {
  TX_ARRAY_FREE(&c->facts);
  TX_ARRAY_FREE(&c->fns);
  TX_ARRAY_FREE(&c->calls);
  TX_ARRAY_FREE(&c->imports);
  TX_ARRAY_FREE(&c->exports);
  TX_ARRAY_FREE(&c->suppressions);
  TX_ARRAY_FREE(&c->notices);
  TX_ARRAY_FREE(&c->frames);
  TX_ARRAY_FREE(&c->fn_nodes);
  TX_ARRAY_FREE(&c->callbacks);
  TX_ARRAY_FREE(&c->ident_args);
  TX_ARRAY_FREE(&c->client_exports);
  tx_ts_bind_fini(&c->binds);
  tx_arena_fini(&c->scratch);
  tx_effect_matcher_fini(&c->effects);
}

// --- the time budget --------------------------------------------------------------------------

static uint64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static TsPhase test_expire_phase; // tx_ts_test_expire

void tx_ts_test_expire(TsPhase phase) {
  test_expire_phase = phase;
}

bool tx_ts_deadline_check(TsCtx *c) {
  if (!c->over_budget && now_ns() > c->deadline_ns)
    c->over_budget = true;
  return c->over_budget;
}

static void begin_phase(TsCtx *c, TsPhase phase) {
  c->phase = phase;
  if (test_expire_phase == phase)
    c->deadline_ns = 0;
}

// A file over its time budget contributes nothing but a `limit` notice, and is not cached so
// that the next run tries again. `what` took too long: "parsing" or "analysis".
static void skip_over_budget(TxFile *f, uint32_t budget, const char *what) {
  TxNotice n = {TX_NOTICE_WARNING,
                tx_str("limit"),
                tx_arena_printf(&f->arena,
                                "%.*s: %s took longer than the time budget (%u ms); skipped",
                                TX_STR_ARG(f->src.path), what, budget),
                {f->id, 0, 0},
                false};
  tx_file_append_notices(f, &n, 1);
  f->uncacheable = true;
}

void tx_ts_extract(TxTsParser *p, TxFile *f, const TxConfig *cfg) {
  bool jsx = f->src.lang == TX_LANG_TSX || f->src.lang == TX_LANG_JSX;
  TSParser *parser = jsx ? p->tsx : p->ts;
  uint64_t start = now_ns();
  uint32_t budget = tx_config_file_budget_ms(cfg, f->src.len);
  ts_parser_set_timeout_micros(parser, (uint64_t)budget * 1000);
  TSTree *tree = ts_parser_parse_string(parser, NULL, f->src.text, f->src.len);
  if (!tree) { // over the time budget: tree-sitter gave up; the parser must start afresh
    ts_parser_reset(parser);
    skip_over_budget(f, budget, "parsing");
    return;
  }
  TsCtx c;
  memset(&c, 0, sizeof c);
  c.f = f;
  c.cfg = cfg;
  c.sy = jsx ? &p->tsx_syms : &p->ts_syms;
  c.src = f->src.text;
  c.deadline_ns = start + (uint64_t)budget * 1000000u;
  tx_arena_init(&c.scratch);
  tx_effect_matcher_init(&c.effects, &cfg->effect_calls);
  tx_ts_bind_init(&c.binds);
  begin_phase(&c, TS_PHASE_WALK);
  walk(&c, ts_tree_root_node(tree));
  if (!c.over_budget) {
    group_ident_args(&c);
    finish(&c);
    begin_phase(&c, TS_PHASE_CFG);
    tx_ts_build_cfgs(&c);
  }
  if (c.over_budget)
    skip_over_budget(f, budget, "analysis");
  else
    publish(&c);
  if (!c.over_budget)
    tx_ts_types_extract(f, c.sy, parser, ts_tree_root_node(tree)); // a generated-types file: schema
  ts_tree_delete(tree);
  ctx_fini(&c);
}
