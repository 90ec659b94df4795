// ts_types.c: `supabase gen types typescript` output as a second schema source.
//
// A generated-types file declares, at the top level,
//   export type Database = { <schema>: { Tables: { <table>: { Row: {...}; Insert; Update;
//     Relationships: [ { foreignKeyName; columns: [...]; isOneToOne; referencedRelation;
//     referencedColumns: [...] } ] } }; Views; Functions: { <name>: { Args: {...};
//     Returns } | { Args ... } }; Enums; CompositeTypes } }
// (or `export interface Database`). It is recognised by that content, whatever the file is
// called: an exported type or interface named Database with a schema member that has a
// Tables member. Its tables and functions become the TxSqlOps the SQL front end makes
// (ir/schema.h), marked from_types, which link/schema_fold.c applies after every SQL file so
// that the migrations win. Read from the syntax tree only; nothing here makes a fact.
//
// What the types say and what they do not: a column's nullability (`| null` in Row), the
// foreign keys between tables of one schema (Relationships; older generators omit them), one
// column's uniqueness (isOneToOne), each function's argument names and which are optional
// (`name?:`, a parameter with a default), one entry per overload (a union of objects). They
// do not record primary keys (a column another table's relationship references is taken as
// its table's key), RLS, policies or function bodies.
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "ir/schema.h"
#include "ts_internal.h"

enum {
  MAX_TYPE_TEXT = 160, // a column's or parameter's type as stored (longer ones are cut)
  MAX_UNION = 64,      // overloads of one function read (the rest are ignored)
};

typedef struct TypesCtx {
  TxFile *f;
  const TsSyms *sy; // the grammar's field ids
  TX_ARRAY(TxSqlOp) ops;
} TypesCtx;

// Nodes are read through ts_internal.h's null-safe accessors: a null node is of no type.
static bool is(TSNode n, const char *type) {
  return strcmp(tx_ts_type(n), type) == 0;
}

static TxStr text(const TypesCtx *c, TSNode n) {
  uint32_t s = tx_ts_start(n), e = tx_ts_end(n);
  return (TxStr){c->f->src.text + s, e - s};
}

static TxSpan span(const TypesCtx *c, TSNode n) {
  return tx_span(c->f->id, tx_ts_start(n), tx_ts_end(n));
}

// The text of a string literal without its quotes: `"org_id"` -> org_id. The generator
// writes plain identifiers and double-quoted strings without escapes.
static TxStr unquote(const TypesCtx *c, TSNode n) {
  TxStr s = text(c, n);
  if (s.len >= 2 && (s.ptr[0] == '"' || s.ptr[0] == '\'') && s.ptr[s.len - 1] == s.ptr[0])
    return (TxStr){s.ptr + 1, s.len - 2};
  return s;
}

// A member's name (`org_id`, `"user-name"`, `""`); false when it is computed or a number.
static bool prop_name(const TypesCtx *c, TSNode prop, TxStr *out) {
  TSNode name = tx_ts_field(prop, c->sy->f_name);
  if (is(name, "property_identifier")) {
    *out = text(c, name);
    return true;
  }
  if (is(name, "string")) {
    *out = unquote(c, name);
    return true;
  }
  return false;
}

// The type a member is declared with (`org_id: string | null` -> the union), or a null node.
static TSNode prop_type(const TypesCtx *c, TSNode prop) {
  TSNode ann = tx_ts_field(prop, c->sy->f_type);
  return tx_ts_named_child(ann, 0);
}

// `name?: T`: the member may be left out.
static bool prop_optional(TSNode prop) {
  uint32_t n = tx_ts_child_count(prop);
  for (uint32_t i = 0; i < n; i++) {
    TSNode k = tx_ts_child(prop, i);
    if (!tx_ts_is_named(k) && strcmp(tx_ts_type(k), "?") == 0)
      return true;
  }
  return false;
}

// The declared type of member `name` of object type `obj`, or a null node.
static TSNode member(const TypesCtx *c, TSNode obj, const char *name) {
  uint32_t n = tx_ts_named_count(obj);
  for (uint32_t i = 0; i < n; i++) {
    TSNode prop = tx_ts_named_child(obj, i);
    TxStr key;
    if (is(prop, "property_signature") && prop_name(c, prop, &key) && tx_str_eq_c(key, name))
      return prop_type(c, prop);
  }
  return (TSNode){0};
}

// The members of a union (`| A | B | C` nests to the left), in source order; a type that is
// not a union is its only member. Iterative, bounded by `max`.
static uint32_t union_members(TSNode t, TSNode *out, uint32_t max) {
  TSNode stack[MAX_UNION];
  uint32_t depth = 0, n = 0;
  if (!tx_ts_null(t))
    stack[depth++] = t;
  while (depth && n < max) {
    TSNode top = stack[--depth];
    while (is(top, "parenthesized_type"))
      top = tx_ts_named_child(top, 0);
    if (!is(top, "union_type")) {
      out[n++] = top;
      continue;
    }
    // push right then left so the left one comes out first
    uint32_t kids = tx_ts_named_count(top);
    for (uint32_t i = kids; i-- > 0 && depth < MAX_UNION;)
      stack[depth++] = tx_ts_named_child(top, i);
  }
  return n;
}

static bool is_null_type(const TypesCtx *c, TSNode t) {
  return is(t, "literal_type") && tx_str_eq_c(text(c, t), "null");
}

// A type as stored in the model: its union members other than null, lower-cased (SQL types
// are: `Json` becomes json, which rpc-argument-mismatch reads), blanks as one space, cut at
// MAX_TYPE_TEXT.
// Sets *nullable when null is one of the members.
static TxStr type_text(TypesCtx *c, TSNode t, bool *nullable) {
  TSNode parts[MAX_UNION];
  uint32_t n = union_members(t, parts, MAX_UNION), len = 0;
  char buf[MAX_TYPE_TEXT];
  *nullable = false;
  for (uint32_t i = 0; i < n; i++) {
    if (is_null_type(c, parts[i])) {
      *nullable = true;
      continue;
    }
    TxStr s = text(c, parts[i]);
    if (len && len + 3 < sizeof buf) {
      buf[len++] = ' ';
      buf[len++] = '|';
      buf[len++] = ' ';
    }
    for (uint32_t k = 0; k < s.len && len < sizeof buf; k++) {
      char ch = s.ptr[k];
      bool blank = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
      if (blank && len && buf[len - 1] == ' ')
        continue; // an object type over several lines reads as one line
      if (blank)
        ch = ' ';
      else if (ch >= 'A' && ch <= 'Z')
        ch = (char)(ch + ('a' - 'A'));
      buf[len++] = ch;
    }
  }
  return tx_arena_str(&c->f->arena, buf, len);
}

// The strings of a tuple of string literals: `["org_id", "id"]`. Fills up to `max`.
static uint32_t string_tuple(const TypesCtx *c, TSNode t, TxStr *out, uint32_t max) {
  uint32_t n = 0, kids = is(t, "tuple_type") ? tx_ts_named_count(t) : 0;
  for (uint32_t i = 0; i < kids && n < max; i++) {
    TSNode lit = tx_ts_named_child(t, i);
    TSNode str = is(lit, "literal_type") ? tx_ts_named_child(lit, 0) : (TSNode){0};
    if (is(str, "string"))
      out[n++] = unquote(c, str);
  }
  return n;
}

static TxStr string_member(const TypesCtx *c, TSNode obj, const char *name) {
  TSNode t = member(c, obj, name);
  TSNode str = is(t, "literal_type") ? tx_ts_named_child(t, 0) : (TSNode){0};
  return is(str, "string") ? unquote(c, str) : (TxStr){"", 0};
}

// --- tables ---------------------------------------------------------------------------------

enum { MAX_FK_COLUMNS = 32 };

// One entry of Relationships: a FOREIGN_KEY op per column (as the SQL front end lists a
// multi-column key), and UNIQUE for a one-column key that is one to one.
static void relationship(TypesCtx *c, const TxSqlOp *table, TSNode rel) {
  TxStr cols[MAX_FK_COLUMNS], refs[MAX_FK_COLUMNS];
  uint32_t n = string_tuple(c, member(c, rel, "columns"), cols, MAX_FK_COLUMNS);
  uint32_t nref = string_tuple(c, member(c, rel, "referencedColumns"), refs, MAX_FK_COLUMNS);
  TxStr ref_table = string_member(c, rel, "referencedRelation");
  if (n == 0 || ref_table.len == 0)
    return;
  TxSqlOp op = *table;
  op.kind = TX_SQL_FOREIGN_KEY;
  op.span = span(c, rel);
  op.columns = NULL;
  op.column_count = 0;
  op.ref_schema = table->schema; // the generator relates tables of one schema
  op.ref_table = ref_table;
  op.new_name = string_member(c, rel, "foreignKeyName");
  for (uint32_t i = 0; i < n; i++) {
    op.column = cols[i];
    op.ref_column = n == nref ? refs[i] : (TxStr){"", 0};
    TX_ARRAY_PUSH(&c->ops, op);
  }
  TSNode one = member(c, rel, "isOneToOne");
  if (n == 1 && is(one, "literal_type") && tx_str_eq_c(text(c, one), "true")) {
    op.kind = TX_SQL_UNIQUE;
    op.column = cols[0];
    op.ref_table = op.ref_column = op.new_name = op.ref_schema = (TxStr){"", 0};
    TX_ARRAY_PUSH(&c->ops, op);
  }
}

// One entry of Tables: CREATE TABLE with the Row's columns, then its relationships. A table
// without a readable Row is left out.
static void table(TypesCtx *c, TxStr schema, TSNode prop) {
  TxStr name;
  TSNode def = prop_type(c, prop);
  TSNode row = is(def, "object_type") ? member(c, def, "Row") : (TSNode){0};
  if (!prop_name(c, prop, &name) || !is(row, "object_type"))
    return;
  TX_ARRAY(TxColumn) cols = {0};
  uint32_t kids = tx_ts_named_count(row);
  for (uint32_t i = 0; i < kids; i++) {
    TSNode col = tx_ts_named_child(row, i);
    TxColumn cl;
    memset(&cl, 0, sizeof cl);
    if (!is(col, "property_signature") || !prop_name(c, col, &cl.name))
      continue;
    bool nullable;
    cl.type = type_text(c, prop_type(c, col), &nullable);
    cl.not_null = !nullable;
    TX_ARRAY_PUSH(&cols, cl);
  }
  TxSqlOp op;
  memset(&op, 0, sizeof op);
  op.kind = TX_SQL_CREATE_TABLE;
  op.span = span(c, prop);
  op.schema = schema;
  op.name = name;
  op.from_types = true;
  op.columns = TX_ARRAY_TO_ARENA(&c->f->arena, &cols);
  op.column_count = cols.count;
  TX_ARRAY_FREE(&cols);
  TX_ARRAY_PUSH(&c->ops, op);
  TxSqlOp base = op;
  TSNode rels = member(c, def, "Relationships");
  uint32_t nrel = is(rels, "tuple_type") ? tx_ts_named_count(rels) : 0;
  for (uint32_t i = 0; i < nrel; i++) {
    TSNode rel = tx_ts_named_child(rels, i);
    if (is(rel, "object_type"))
      relationship(c, &base, rel);
  }
}

// The generator does not record primary keys; a column that a relationship of the file
// references is its table's key (or a unique column, which a key stands for as well).
static void mark_referenced(TypesCtx *c, uint32_t first_op) {
  for (uint32_t i = first_op; i < c->ops.count; i++) {
    const TxSqlOp *fk = &c->ops.items[i];
    if (fk->kind != TX_SQL_FOREIGN_KEY || fk->ref_column.len == 0)
      continue;
    for (uint32_t k = first_op; k < c->ops.count; k++) {
      TxSqlOp *t = &c->ops.items[k];
      if (t->kind != TX_SQL_CREATE_TABLE || !tx_str_eq(t->name, fk->ref_table) ||
          !tx_str_eq(t->schema, fk->ref_schema))
        continue;
      for (uint32_t j = 0; j < t->column_count; j++) {
        if (tx_str_eq(t->columns[j].name, fk->ref_column))
          t->columns[j].is_primary_key = true;
      }
    }
  }
}

// --- functions ------------------------------------------------------------------------------

// `Args: never` and `Args: Record<PropertyKey, never>`: no arguments.
static bool no_args(const TypesCtx *c, TSNode args) {
  TxStr s = text(c, args);
  return (is(args, "predefined_type") && tx_str_eq_c(s, "never")) ||
         (is(args, "generic_type") && tx_str_starts_with(s, "Record<") &&
          tx_str_contains(s, "never"));
}

// One overload `{ Args: {...}; Returns: T }`: CREATE FUNCTION with its parameters, each an
// input named as the argument, with a default when optional (`p_org_id?: string`). Args
// missing or of another shape: the arguments are unknown (any call passes).
static void overload(TypesCtx *c, TxStr schema, TSNode name_node, TxStr name, TSNode def) {
  TxSqlOp op;
  memset(&op, 0, sizeof op);
  op.kind = TX_SQL_CREATE_FUNCTION;
  op.span = span(c, def);
  op.schema = schema;
  op.name = name;
  op.from_types = true;
  TxSqlFunc *fn = &op.func;
  fn->schema = schema;
  fn->name = name;
  fn->span = op.span;
  fn->name_span = span(c, name_node);
  fn->file = c->f->id;
  fn->fn = TX_NONE;
  fn->from_types = true;
  bool nullable;
  TSNode ret = member(c, def, "Returns");
  if (!tx_ts_null(ret))
    fn->returns = type_text(c, ret, &nullable);
  TSNode args = member(c, def, "Args");
  TX_ARRAY(TxParam) params = {0};
  if (is(args, "object_type")) {
    uint32_t kids = tx_ts_named_count(args);
    for (uint32_t i = 0; i < kids; i++) {
      TSNode arg = tx_ts_named_child(args, i);
      TxParam p;
      memset(&p, 0, sizeof p);
      if (!is(arg, "property_signature") || !prop_name(c, arg, &p.name)) {
        fn->args_unknown = true; // an index signature or a computed name
        continue;
      }
      p.type = type_text(c, prop_type(c, arg), &nullable);
      p.mode = TX_STR_LIT("in");
      p.has_default = prop_optional(arg);
      TX_ARRAY_PUSH(&params, p);
    }
  } else if (tx_ts_null(args) || !no_args(c, args)) {
    fn->args_unknown = true;
  }
  fn->params = TX_ARRAY_TO_ARENA(&c->f->arena, &params);
  fn->param_count = params.count;
  TX_ARRAY_FREE(&params);
  TX_ARRAY_PUSH(&c->ops, op);
}

// One entry of Functions: an object, or a union of objects (the overloads).
static void function(TypesCtx *c, TxStr schema, TSNode prop) {
  TxStr name;
  if (!prop_name(c, prop, &name))
    return;
  TSNode defs[MAX_UNION];
  uint32_t n = union_members(prop_type(c, prop), defs, MAX_UNION);
  for (uint32_t i = 0; i < n; i++) {
    if (is(defs[i], "object_type"))
      overload(c, schema, tx_ts_field(prop, c->sy->f_name), name, defs[i]);
  }
}

// --- the Database type ----------------------------------------------------------------------

// Calls `each` on every named member of object type `obj`.
static void each_member(TypesCtx *c, TxStr schema, TSNode obj,
                        void (*each)(TypesCtx *, TxStr, TSNode)) {
  uint32_t n = is(obj, "object_type") ? tx_ts_named_count(obj) : 0;
  for (uint32_t i = 0; i < n; i++) {
    TSNode prop = tx_ts_named_child(obj, i);
    if (is(prop, "property_signature"))
      each(c, schema, prop);
  }
}

// The body of a top-level `export type Database = {...}` or `export interface Database {...}`
// that has a schema with a Tables member; a null node when the file has none.
static TSNode database_body(const TypesCtx *c, TSNode root) {
  TsKids kids;
  TSNode ex;
  tx_ts_kids_begin(&kids, root);
  while (tx_ts_kids_next(&kids, &ex)) {
    TSNode decl = is(ex, "export_statement") ? tx_ts_field(ex, c->sy->f_declaration) : (TSNode){0};
    TSNode body = is(decl, "type_alias_declaration")  ? tx_ts_field(decl, c->sy->f_value)
                  : is(decl, "interface_declaration") ? tx_ts_field(decl, c->sy->f_body)
                                                      : (TSNode){0};
    TSNode name = tx_ts_null(body) ? body : tx_ts_field(decl, c->sy->f_name);
    if (tx_ts_null(name) || !tx_str_eq_c(text(c, name), "Database"))
      continue;
    uint32_t schemas = tx_ts_named_count(body);
    for (uint32_t k = 0; k < schemas; k++) {
      TSNode prop = tx_ts_named_child(body, k);
      TSNode def = is(prop, "property_signature") ? prop_type(c, prop) : (TSNode){0};
      if (is(def, "object_type") && is(member(c, def, "Tables"), "object_type")) {
        tx_ts_kids_end(&kids);
        return body;
      }
    }
  }
  tx_ts_kids_end(&kids);
  return (TSNode){0};
}

// Some generator versions write one member per line with no separator. Tree-sitter's
// TypeScript grammar then misreads a member whose name starts with `in` after a union
// (`id: string | null` then `in_app_url: string`): the object it is in ends early and the
// tables after it land elsewhere. A copy of the text with a `;` in the indentation before
// every member line (a blank, then a name or a quoted name, `?`, `:`) reads as intended, and
// has every byte where the original has it, so its nodes' offsets are the original's.
// Returns the copy (free it), or NULL when no line had room for a separator.
static char *with_separators(const char *src, uint32_t len) {
  char *copy = tx_xmalloc((size_t)len + 1);
  memcpy(copy, src, len);
  copy[len] = '\0';
  bool changed = false;
  for (uint32_t i = 0; i < len;) {
    uint32_t start = i, k = i;
    while (k < len && (copy[k] == ' ' || copy[k] == '\t'))
      k++;
    uint32_t name = k;
    if (k < len && copy[k] == '"') {
      for (k++; k < len && copy[k] != '"' && copy[k] != '\n'; k++)
        ;
      k += k < len && copy[k] == '"';
    } else {
      while (k < len &&
             (copy[k] == '_' || copy[k] == '$' || (copy[k] >= 'a' && copy[k] <= 'z') ||
              (copy[k] >= 'A' && copy[k] <= 'Z') || (k > name && copy[k] >= '0' && copy[k] <= '9')))
        k++;
    }
    k += k < len && copy[k] == '?';
    if (name > start && k > name && k < len && copy[k] == ':') {
      copy[name - 1] = ';';
      changed = true;
    }
    while (i < len && copy[i] != '\n')
      i++;
    i++;
  }
  if (!changed) {
    free(copy);
    return NULL;
  }
  return copy;
}

void tx_ts_types_extract(TxFile *f, const TsSyms *sy, TSParser *parser, uint32_t budget_ms,
                         TSNode root) {
  TypesCtx c = {.f = f, .sy = sy};
  TSNode body = database_body(&c, root);
  if (tx_ts_null(body))
    return;
  TSTree *fixed = NULL;
  char *copy = tx_ts_has_error(body) ? with_separators(f->src.text, f->src.len) : NULL;
  if (copy) {
    fixed = tx_ts_parse(parser, copy, f->src.len, budget_ms); // NULL: keep the first tree
    TSNode again = fixed ? database_body(&c, ts_tree_root_node(fixed)) : (TSNode){0};
    if (!tx_ts_null(again))
      body = again;
  }
  uint32_t schemas = tx_ts_named_count(body);
  for (uint32_t i = 0; i < schemas; i++) {
    TSNode prop = tx_ts_named_child(body, i);
    TSNode def = is(prop, "property_signature") ? prop_type(&c, prop) : (TSNode){0};
    TxStr schema;
    if (!is(def, "object_type") || !prop_name(&c, prop, &schema))
      continue; // __InternalSupabase: { PostgrestVersion: ... } has no Tables either
    uint32_t first = c.ops.count;
    each_member(&c, schema, member(&c, def, "Tables"), table);
    mark_referenced(&c, first);
    each_member(&c, schema, member(&c, def, "Functions"), function);
  }
  TxSqlUnit *unit = tx_arena_alloc(&f->arena, sizeof *unit);
  unit->ops = TX_ARRAY_TO_ARENA(&f->arena, &c.ops);
  unit->op_count = c.ops.count;
  f->sql = unit;
  TX_ARRAY_FREE(&c.ops);
  if (fixed)
    ts_tree_delete(fixed);
  free(copy);
}
