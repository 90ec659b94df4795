// ts_walk.c: the iterative walk over the tree (a TSTreeCursor plus our own stack of
// frames, so deeply nested input cannot overflow the C stack): the state each node inherits,
// what entering each kind of node does, and the syntax-error and depth notices.
#include <string.h>

#include "ts_internal.h"

// --- notices ----------------------------------------------------------------------------

static void notice(TsCtx *ex, TxNoticeLevel level, const char *id, TxSpan span, TxStr msg) {
  TxNotice n = {level, tx_str(id), msg, span, true};
  TX_ARRAY_PUSH(&ex->notices, n);
}

static void syntax_error(TsCtx *ex, TSNode n, bool missing) {
  if (!tx_syntax_error_shown(&ex->syntax_errors))
    return;
  TxStr msg = missing ? tx_arena_printf(&ex->f->arena, "syntax error: missing '%s'", tx_ts_type(n))
                      : tx_arena_printf(&ex->f->arena, "syntax error; the rest of the file "
                                                       "is still analysed");
  notice(ex, TX_NOTICE_WARNING, "parse-error", tx_ts_span(ex, n), msg);
}

// --- the walk ---------------------------------------------------------------------------------

// The name a class gives its methods ("Repo" makes "Repo.save", which `this.save()` finds):
// its own, else where it stands (`const Repo = class {}`, `module.exports = class {}`), else
// "<anonymous>" (`export default class {}`, `f(class {})`), so that its methods are never
// mistaken for top-level functions of the same name.
static TxStr class_name(const TsCtx *ex, uint32_t depth, TSNode node) {
  TxStr name = tx_ts_text(ex, tx_ts_field(node, ex->sy->f_name));
  if (!name.len)
    name = tx_ts_text(ex, tx_ts_standin_name_node(ex, depth));
  return name.len ? name : TX_STR_LIT(TX_NAME_ANONYMOUS);
}

// The state of frames[depth]'s node, from its parent's frame and the field it fills there.
static TsState derive(const TsCtx *ex, uint32_t depth, TSFieldId field, TSSymbol sym, TSNode node) {
  const TsSyms *s = ex->sy;
  const TsFrame *parent = &ex->frames.items[depth - 1];
  TsState st = parent->st;
  TSSymbol p = parent->sym;
  unsigned pf = tx_ts_flags(s, p);
  if (!(pf & F_KEEPS_EXPORT))
    st.exported = st.export_default = false;
  if (pf & F_STATE) {
    uint32_t here = tx_ts_start(node) + 1;
    if (p == s->export_statement) {
      st.exported = true;
      st.export_default = tx_str_starts_with(tx_ts_text(ex, parent->node), "export default");
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
    st.class_name = class_name(ex, depth, node);
  if (sym == s->error)
    st.in_error = true;
  return st;
}

static bool is_promise_group(const TsCtx *ex, const TsFrame *parent, TSFieldId field) {
  const TsSyms *s = ex->sy;
  if (parent->sym != s->call_expression || field != s->f_arguments)
    return false;
  TxStr callee = parent->call != TX_NONE
                     ? ex->calls.items[parent->call].callee
                     : tx_ts_text(ex, tx_ts_unwrap(ex, tx_ts_field(parent->node, s->f_function)));
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
static bool inert(const TsCtx *ex, TSNode n, TSSymbol k) {
  if (ex->builders || !(tx_ts_flags(ex->sy, k) & F_SKIPPABLE))
    return false;
  TxStr text = tx_ts_text(ex, n);
  if (text.len > 4096)
    return false;
  for (uint32_t i = 0; i < text.len; i++) {
    char ch = text.ptr[i];
    if (ch == '(' || ch == '`' || ch == '=' || ch == '/')
      return false;
  }
  return !tx_ts_has_error(n);
}

// Handles frames[depth] on the way down. Returns false to skip its children. (A little over 80
// lines: one dispatch on the node's kind, which reads best whole, every early return in view.)
static bool enter(TsCtx *ex, uint32_t depth) {
  const TsSyms *s = ex->sy;
  TsFrame *fr = &ex->frames.items[depth];
  TsKind kind = tx_ts_kind(s, fr->sym);
  const TsFrame *call = tx_ts_arg_of_call(ex, depth);
  if (call && call->call != TX_NONE)
    tx_ts_visit_arg(ex, depth);
  switch (kind) {
  case K_COMMENT:
    tx_ts_visit_comment(ex, fr->node);
    return false;
  case K_STRING:
    return false; // quotes and fragments: static strings are read from the node when needed
  case K_TYPE: {
    // Types hold no calls or functions a rule reads (the few places that look at a type,
    // such as a parameter typed SupabaseClient, read it from their own node): not walked,
    // unless a suppression comment sits inside.
    TxStr text = tx_ts_text(ex, fr->node);
    if (!memmem(text.ptr, text.len, "txlint-ignore", 13))
      return false;
    break;
  }
  case K_ERROR:
    syntax_error(ex, fr->node, false);
    return true; // children still give functions and calls; facts are skipped
  default:
    break;
  }
  if (tx_ts_is_missing(fr->node)) {
    syntax_error(ex, fr->node, true);
    return false;
  }
  if (depth > 0 && is_promise_group(ex, &ex->frames.items[depth - 1], fr->field))
    fr->st.group = ++ex->next_group;
  switch (kind) {
  case K_FUNCTION: {
    uint32_t idx = tx_ts_add_function(ex, depth);
    if (call && tx_ts_runs_per_element(ex, call))
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
    tx_ts_visit_call(ex, depth);
    break;
  case K_DECLARATOR: {
    TSNode name = tx_ts_field(fr->node, s->f_name);
    TSNode value = tx_ts_field(fr->node, s->f_value);
    if (fr->st.fn != TX_NONE)
      tx_ts_bind_names(ex, fr->st.fn, name, tx_ts_start(fr->node),
                       tx_ts_from_body(ex, fr->st.fn, value));
    if (!tx_ts_visit_require(ex, name, value))
      tx_ts_visit_declarator(ex, fr->node, name, value);
    if (fr->st.fn == TX_NONE && depth > 0)
      tx_ts_module_const(ex, ex->frames.items[depth - 1].node, name, value);
    break;
  }
  case K_PARAMETER:
    tx_ts_bind_names(ex, fr->st.fn, tx_ts_field(fr->node, s->f_pattern), tx_ts_start(fr->node),
                     false);
    tx_ts_visit_parameter(ex, depth);
    return !inert(ex, fr->node, fr->sym);
  case K_FIELD:
    tx_ts_visit_field(ex, depth);
    break;
  case K_ASSIGNMENT:
    tx_ts_visit_assignment(ex, depth);
    break;
  case K_RETURN:
    tx_ts_visit_return(ex, depth);
    return !inert(ex, fr->node, fr->sym);
  case K_IMPORT:
    tx_ts_visit_import(ex, fr->node);
    return false;
  case K_EXPORT:
    tx_ts_visit_export(ex, fr->node);
    break;
  case K_IDENTIFIER:
    if (depth > 0 && ex->builders)
      tx_ts_builder_use(ex, fr->node, depth);
    break;
  case K_ENUM:
    tx_ts_visit_enum(ex, fr->node, fr->st.fn == TX_NONE);
    return !inert(ex, fr->node, fr->sym); // walked on as before the enum was read
  default:
    return !inert(ex, fr->node, fr->sym);
  }
  return true;
}

static void push_frame(TsCtx *ex, uint32_t depth, TSNode node, TSFieldId field) {
  TsFrame fr;
  fr.node = node;
  fr.sym = tx_ts_sym(node);
  fr.field = field;
  fr.call = TX_NONE;
  fr.kids = 0;
  fr.first_arg = 0;
  if (depth > 0 && ex->frames.items[depth - 1].kids++ == 0 && depth > 1 &&
      ex->frames.items[depth - 1].sym == ex->sy->arguments)
    ex->frames.items[depth - 2].first_arg = fr.sym;
  if (depth == 0) {
    memset(&fr.st, 0, sizeof fr.st);
    fr.st.fn = TX_NONE;
  } else {
    fr.st = derive(ex, depth, field, fr.sym, node);
  }
  if (depth < ex->frames.count)
    ex->frames.items[depth] = fr;
  else
    TX_ARRAY_PUSH(&ex->frames, fr);
}

void tx_ts_walk(TsCtx *ex, TSNode root) {
  TSTreeCursor cur = ts_tree_cursor_new(root);
  uint32_t depth = 0;
  ex->frames.count = 0;
  push_frame(ex, 0, root, 0);
  bool descend = enter(ex, 0);
  uint32_t max_depth = ex->cfg->max_depth; // its default is tx_config_defaults's
  for (;;) {
    if (descend && depth + 1 > max_depth) {
      if (!ex->depth_noticed) {
        ex->depth_noticed = true;
        notice(ex, TX_NOTICE_WARNING, "limit", tx_ts_span(ex, ex->frames.items[depth].node),
               tx_arena_printf(&ex->f->arena,
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
    if (tx_ts_tick(ex)) { // past the deadline: the file is dropped
      ts_tree_cursor_delete(&cur);
      return;
    }
    TSNode node = ts_tree_cursor_current_node(&cur);
    if (!tx_ts_is_named(node)) {
      // Punctuation and keywords (about half of all nodes) are leaves no rule reads; a
      // missing one is still a syntax error.
      if (tx_ts_is_missing(node))
        syntax_error(ex, node, true);
      descend = false;
      continue;
    }
    TSSymbol parent = depth > 0 ? ex->frames.items[depth - 1].sym : 0;
    // Asking the cursor for the field costs as much as a third of a step, so only parents
    // whose children's field something reads (derive(), is_promise_group(),
    // is_inner_chain_call(), function_name_node(), stored_in()) ask.
    push_frame(
        ex, depth, node,
        (tx_ts_flags(ex->sy, parent) & F_READS_FIELDS) ? ts_tree_cursor_current_field_id(&cur) : 0);
    ex->frames.count = depth + 1;
    descend = enter(ex, depth);
  }
}
