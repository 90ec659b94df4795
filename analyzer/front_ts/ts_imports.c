// ts_imports.c: imports (`import`, `require`) and exports.
#include "ts_internal.h"

// --- imports and exports --------------------------------------------------------------------

static void add_import(TsCtx *ex, TxStr local, TxStr imported, TxStr from, TSNode at) {
  TxImport imp = {local, imported, from, tx_ts_span(ex, at)};
  TX_ARRAY_PUSH(&ex->imports, imp);
  ex->has_namespace_import |= tx_str_eq_c(imported, "*");
  Binding b = {local, BIND_IMPORT, ex->imports.count - 1, TX_NONE, 0, {"", 0}, TX_NONE};
  tx_ts_bind_put(&ex->binds, &b);
}

// import a, { b as c } from 'x'; import * as ns from 'x'
void tx_ts_visit_import(TsCtx *ex, TSNode n) {
  const TsSyms *s = ex->sy;
  bool known;
  TxStr from = tx_ts_static_string(ex, tx_ts_field(n, s->f_source), &known);
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
        add_import(ex, tx_ts_text(ex, part), TX_STR_LIT("default"), from, part);
      } else if (ps == s->namespace_import) {
        add_import(ex, tx_ts_text(ex, tx_ts_named_child(part, 0)), TX_STR_LIT("*"), from, part);
      } else if (ps == s->named_imports) {
        uint32_t q = tx_ts_named_count(part);
        for (uint32_t j = 0; j < q; j++) {
          TSNode spec = tx_ts_named_child(part, j);
          if (tx_ts_sym(spec) != s->import_specifier)
            continue;
          TSNode name = tx_ts_field(spec, s->f_name);
          TSNode alias = tx_ts_field(spec, s->f_alias);
          TxStr imported = tx_ts_text(ex, name);
          add_import(ex, tx_ts_null(alias) ? imported : tx_ts_text(ex, alias), imported, from,
                     spec);
        }
      }
    }
  }
}

// const x = require('./x')  /  const { a, b: c } = require('./x')
bool tx_ts_visit_require(TsCtx *ex, TSNode name, TSNode value) {
  const TsSyms *s = ex->sy;
  value = tx_ts_unwrap(ex, value);
  if (tx_ts_null(value) || tx_ts_sym(value) != s->call_expression ||
      !tx_str_starts_with(tx_ts_text(ex, value), "require"))
    return false;
  TSNode fn = tx_ts_field(value, s->f_function);
  if (!tx_str_eq_c(tx_ts_text(ex, fn), "require"))
    return false;
  bool known;
  TSNode args = tx_ts_field(value, s->f_arguments);
  TxStr from = tx_ts_static_string(ex, tx_ts_named_child(args, 0), &known);
  if (!known)
    return false;
  if (tx_ts_sym(name) == s->identifier) {
    add_import(ex, tx_ts_text(ex, name), TX_STR_LIT("*"), from, name);
  } else if (tx_ts_sym(name) == s->object_pattern) {
    uint32_t n = tx_ts_named_count(name);
    for (uint32_t i = 0; i < n; i++) {
      TSNode p = tx_ts_named_child(name, i);
      if (tx_ts_sym(p) == s->shorthand_property_identifier_pattern)
        add_import(ex, tx_ts_text(ex, p), tx_ts_text(ex, p), from, p);
      else if (tx_ts_sym(p) == s->pair_pattern)
        add_import(ex, tx_ts_text(ex, tx_ts_field(p, s->f_value)),
                   tx_ts_text(ex, tx_ts_field(p, s->f_key)), from, p);
    }
  }
  return true;
}

static void add_export(TsCtx *ex, TxStr exported, TxStr local, TxStr from) {
  TxExport e = {exported, local, from, TX_NONE};
  TX_ARRAY_PUSH(&ex->exports, e);
}

// export { a, b as c } [from './x'];  export * from './x';  export default ident;
// export const a = ..., b = ...;  (functions record themselves in tx_ts_add_function)
void tx_ts_visit_export(TsCtx *ex, TSNode n) {
  const TsSyms *s = ex->sy;
  bool known;
  TxStr from = tx_ts_static_string(ex, tx_ts_field(n, s->f_source), &known);
  TxStr text = tx_ts_text(ex, n);
  if (tx_str_starts_with(text, "export *")) {
    add_export(ex, TX_STR_LIT("*"), TX_STR_LIT("*"), from);
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
        TSNode value = tx_ts_unwrap(ex, tx_ts_field(d, s->f_value));
        // `export const POST = async () => {}` is recorded by tx_ts_add_function.
        if (!tx_ts_null(value) && tx_ts_is_function(s, tx_ts_sym(value)))
          continue;
        add_export(ex, tx_ts_text(ex, name), tx_ts_text(ex, name), (TxStr){"", 0});
      }
    } else if (!tx_ts_is_function(s, k)) {
      TSNode name = tx_ts_field(decl, s->f_name);
      if (!tx_ts_null(name))
        add_export(ex, tx_ts_text(ex, name), tx_ts_text(ex, name), (TxStr){"", 0});
    }
    return;
  }
  TSNode value = tx_ts_field(n, s->f_value);
  if (!tx_ts_null(value) && !tx_ts_is_function(s, tx_ts_sym(tx_ts_unwrap(ex, value)))) {
    TSNode v = tx_ts_unwrap(ex, value);
    add_export(ex, TX_STR_LIT("default"),
               tx_ts_sym(v) == s->identifier ? tx_ts_text(ex, v) : (TxStr){"", 0}, (TxStr){"", 0});
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
      TxStr local = tx_ts_text(ex, name);
      add_export(ex, tx_ts_null(alias) ? local : tx_ts_text(ex, alias), local, from);
    }
  }
}
