// ts_consts.c: string constants across modules: the top-level string constants a module
// exports (TxFile.const_strings), and a chain's table or function named by an imported one
// (TxFact.name_import), which the link stage (link/consts.c) resolves.
#include "ts_internal.h"

// A module with more constants than this is a table of messages, not of table names: the
// rest are not kept.
enum { MAX_CONST_STRINGS = 4096 };

static void add_const(TsCtx *ex, TxStr name, TxStr value) {
  if (ex->consts.count < MAX_CONST_STRINGS) {
    TxConstString c = {name, value};
    TX_ARRAY_PUSH(&ex->consts, c);
  }
}

// `const` alone: a `let` or `var` may be reassigned before the query runs.
static bool is_const_declaration(const TsCtx *ex, TSNode decl) {
  TxStr text = tx_ts_text(ex, decl);
  return text.len > 6 && memcmp(text.ptr, "const", 5) == 0 &&
         (text.ptr[5] == ' ' || text.ptr[5] == '\t' || text.ptr[5] == '\n' || text.ptr[5] == '\r');
}

void tx_ts_module_const(TsCtx *ex, TSNode decl, TSNode name, TSNode value) {
  const TsSyms *s = ex->sy;
  if (tx_ts_null(value) || tx_ts_sym(name) != s->identifier || !is_const_declaration(ex, decl))
    return;
  TxStr id = tx_ts_text(ex, name);
  TSNode v = tx_ts_unwrap(ex, value);
  bool known;
  TxStr str = tx_ts_static_string(ex, v, &known);
  if (known) {
    add_const(ex, id, str);
    return;
  }
  if (tx_ts_sym(v) != s->object)
    return;
  // `{ LOANS: 'loans', 'audit-log': 'audit_log' }`: one level of keys, as ts_decls.c binds them.
  uint32_t n = tx_ts_named_count(v);
  for (uint32_t i = 0; i < n; i++) {
    TSNode p = tx_ts_named_child(v, i);
    if (tx_ts_sym(p) != s->pair)
      continue;
    TxStr val = tx_ts_static_string(ex, tx_ts_field(p, s->f_value), &known);
    TSNode key = tx_ts_field(p, s->f_key);
    if (known && tx_ts_sym(key) == s->property_identifier)
      add_const(ex,
                tx_arena_printf(&ex->f->arena, "%.*s.%.*s", TX_STR_ARG(id),
                                TX_STR_ARG(tx_ts_text(ex, key))),
                val);
  }
}

void tx_ts_visit_enum(TsCtx *ex, TSNode n, bool top_level) {
  const TsSyms *s = ex->sy;
  TSNode name = tx_ts_field(n, s->f_name);
  TSNode body = tx_ts_field(n, s->f_body);
  if (tx_ts_null(name) || tx_ts_null(body))
    return;
  TxStr id = tx_ts_text(ex, name);
  uint32_t count = tx_ts_named_count(body);
  for (uint32_t i = 0; i < count; i++) {
    TSNode m = tx_ts_named_child(body, i);
    if (tx_ts_sym(m) != s->enum_assignment)
      continue; // a member without a value is a number
    TSNode key = tx_ts_field(m, s->f_name);
    bool known;
    TxStr val = tx_ts_static_string(ex, tx_ts_field(m, s->f_value), &known);
    if (!known || tx_ts_sym(key) != s->property_identifier)
      continue;
    TxStr full = tx_arena_printf(&ex->f->arena, "%.*s.%.*s", TX_STR_ARG(id),
                                 TX_STR_ARG(tx_ts_text(ex, key)));
    Binding b = {full, BIND_STRING, 0, TX_NONE, 0, val, TX_NONE};
    tx_ts_bind_put(&ex->binds, &b);
    if (top_level)
      add_const(ex, full, val);
  }
}

// Whether `s` is a dotted path of plain names (`TABLES.LOANS`; no `?.`, no spaces).
static bool plain_path(TxStr s) {
  for (uint32_t i = 0; i < s.len; i++) {
    char ch = s.ptr[i];
    bool word = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                ch == '_' || ch == '$';
    if (!word && !(ch == '.' && i > 0 && i + 1 < s.len && s.ptr[i - 1] != '.'))
      return false;
  }
  return s.len > 0;
}

void tx_ts_name_ref(TsCtx *ex, TSNode arg, TxFact *x) {
  const TsSyms *s = ex->sy;
  TSNode n = tx_ts_unwrap(ex, arg);
  TSSymbol k = tx_ts_sym(n);
  if (tx_ts_null(n) || (k != s->identifier && k != s->member_expression))
    return;
  TxStr path = tx_ts_text(ex, n);
  if (!plain_path(path))
    return;
  TxStr root = path;
  const char *dot = memchr(path.ptr, '.', path.len);
  if (dot)
    root.len = (uint32_t)(dot - path.ptr);
  const Binding *b = tx_ts_bind_get(&ex->binds, root, BIND_IMPORT);
  if (!b || b->kind != BIND_IMPORT)
    return;
  x->name_import = b->value + 1;
  x->name_member = dot ? (TxStr){dot + 1, path.len - root.len - 1} : (TxStr){"", 0};
}

// Only what another module can import is kept: constants whose root name is exported.
void tx_ts_finish_consts(TsCtx *ex) {
  uint32_t kept = 0;
  for (uint32_t i = 0; i < ex->consts.count; i++) {
    TxConstString c = ex->consts.items[i];
    TxStr root = c.name;
    const char *dot = memchr(root.ptr, '.', root.len);
    if (dot)
      root.len = (uint32_t)(dot - root.ptr);
    bool exported = false;
    for (uint32_t k = 0; k < ex->exports.count && !exported; k++) {
      const TxExport *e = &ex->exports.items[k];
      exported = e->from.len == 0 && tx_str_eq(e->local, root);
    }
    if (exported)
      ex->consts.items[kept++] = c;
  }
  ex->consts.count = kept;
}
