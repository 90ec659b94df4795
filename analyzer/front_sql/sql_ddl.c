// sql_ddl.c: schema statements (tables, columns, constraints, indexes, policies, functions)
// -> TxSqlOps in f->sql, and the dispatch of one parsed statement (DDL or DML).
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "base/array.h"
#include "ir/schema.h"
#include "sql_internal.h"

static void push_op(SqlCtx *ex, TxSqlOp *op) {
  TX_ARRAY_PUSH(&ex->ops, *op);
}

// One op per column of a FOREIGN KEY constraint `k` on base_op's table; `inline_col` is the
// column of a column constraint (`org_id uuid references orgs`), NULL for a table constraint.
// Unnamed constraints get PostgreSQL's default name, so a later DROP CONSTRAINT finds them.
static void foreign_key(SqlCtx *ex, json_t *k, const TxSqlOp *base_op, const char *inline_col) {
  enum { MAX_FK_COLUMNS = 32 };
  json_t *fk = tx_sql_get(k, "fk_attrs"), *pk = tx_sql_get(k, "pk_attrs");
  size_t n = inline_col ? 1 : json_array_size(fk);
  if (n == 0 || n > MAX_FK_COLUMNS)
    return;
  TxSqlOp op = *base_op;
  op.kind = TX_SQL_FOREIGN_KEY;
  op.columns = NULL;
  op.column_count = 0;
  tx_sql_range_var(ex, tx_sql_get(k, "pktable"), &op.ref_schema, &op.ref_table);
  const char *conname = json_string_value(tx_sql_get(k, "conname"));
  if (conname) {
    op.new_name = tx_sql_copy(ex, conname);
  } else {
    char name[256];
    size_t len = (size_t)snprintf(name, sizeof name, "%.*s", TX_STR_ARG(base_op->name));
    for (size_t i = 0; i < n && len < sizeof name; i++) {
      const char *col = inline_col ? inline_col : tx_sql_sval(json_array_get(fk, i));
      len += (size_t)snprintf(name + len, sizeof name - len, "_%s", col ? col : "");
    }
    if (len < sizeof name)
      snprintf(name + len, sizeof name - len, "_fkey");
    op.new_name = tx_sql_copy(ex, name);
  }
  for (size_t i = 0; i < n; i++) {
    const char *col = inline_col ? inline_col : tx_sql_sval(json_array_get(fk, i));
    if (!col)
      continue;
    op.column = tx_sql_copy(ex, col);
    op.ref_column = tx_sql_copy(ex, tx_sql_sval(json_array_get(pk, i)));
    push_op(ex, &op);
  }
}

static void column_constraints(json_t *constraints, TxColumn *col) {
  size_t i;
  json_t *k;
  json_array_foreach(constraints, i, k) {
    const char *t = json_string_value(tx_sql_get(tx_sql_get(k, "Constraint"), "contype"));
    if (t && strcmp(t, "CONSTR_PRIMARY") == 0)
      col->is_primary_key = col->not_null = true;
    if (t && strcmp(t, "CONSTR_UNIQUE") == 0)
      col->is_unique = true;
    if (t && strcmp(t, "CONSTR_NOTNULL") == 0)
      col->not_null = true;
  }
}

// Pushes the inline REFERENCES constraints of column `col` (after the op that defines it).
static void column_foreign_keys(SqlCtx *ex, json_t *constraints, const TxSqlOp *base_op,
                                const char *col) {
  size_t i;
  json_t *k;
  json_array_foreach(constraints, i, k) {
    json_t *con = tx_sql_get(k, "Constraint");
    const char *t = json_string_value(tx_sql_get(con, "contype"));
    if (col && t && strcmp(t, "CONSTR_FOREIGN") == 0)
      foreign_key(ex, con, base_op, col);
  }
}

// A table constraint PRIMARY KEY (a, ...) / UNIQUE (a, ...): one op per column (key_member
// when there are several); FOREIGN KEY (a, ...) REFERENCES t: one op per column.
static void table_constraint(SqlCtx *ex, json_t *k, TxSqlOp *base_op) {
  const char *t = json_string_value(tx_sql_get(k, "contype"));
  if (t && strcmp(t, "CONSTR_FOREIGN") == 0) {
    foreign_key(ex, k, base_op, NULL);
    return;
  }
  json_t *keys = tx_sql_get(k, "keys");
  size_t n = json_array_size(keys);
  if (!t || n == 0 || (strcmp(t, "CONSTR_PRIMARY") != 0 && strcmp(t, "CONSTR_UNIQUE") != 0))
    return;
  for (size_t i = 0; i < n; i++) {
    TxSqlOp op = *base_op;
    op.kind = TX_SQL_UNIQUE;
    op.column = tx_sql_copy(ex, tx_sql_sval(json_array_get(keys, i)));
    op.columns = NULL;
    op.column_count = 0;
    op.key_member = n > 1;
    if (op.column.len)
      push_op(ex, &op);
  }
}

static void create_table(SqlCtx *ex, json_t *n, TxSpan sp) {
  TxSqlOp op;
  memset(&op, 0, sizeof op);
  op.kind = TX_SQL_CREATE_TABLE;
  op.span = sp;
  op.if_not_exists = json_is_true(tx_sql_get(n, "if_not_exists"));
  tx_sql_range_var(ex, tx_sql_get(n, "relation"), &op.schema, &op.name);
  json_t *elts = tx_sql_get(n, "tableElts");
  TxColumn *cols = TX_ARENA_ARRAY(&ex->f->arena, TxColumn, json_array_size(elts) + 1);
  size_t i;
  json_t *e;
  TX_ARRAY(json_t *) constraints = {0};
  json_array_foreach(elts, i, e) {
    json_t *cd = tx_sql_get(e, "ColumnDef");
    if (cd) {
      TxColumn *col = &cols[op.column_count++];
      col->name = tx_sql_copy(ex, json_string_value(tx_sql_get(cd, "colname")));
      col->type = tx_sql_type_name(ex, tx_sql_get(cd, "typeName"));
      column_constraints(tx_sql_get(cd, "constraints"), col);
    } else if (tx_sql_get(e, "Constraint")) {
      TX_ARRAY_PUSH(&constraints, tx_sql_get(e, "Constraint"));
    }
  }
  op.columns = cols;
  push_op(ex, &op);
  json_array_foreach(elts, i, e) {
    json_t *cd = tx_sql_get(e, "ColumnDef");
    if (cd)
      column_foreign_keys(ex, tx_sql_get(cd, "constraints"), &op,
                          json_string_value(tx_sql_get(cd, "colname")));
  }
  for (uint32_t k = 0; k < constraints.count; k++)
    table_constraint(ex, constraints.items[k], &op);
  TX_ARRAY_FREE(&constraints);
}

static void alter_table(SqlCtx *ex, json_t *n, TxSpan sp) {
  TxSqlOp base;
  memset(&base, 0, sizeof base);
  base.span = sp;
  tx_sql_range_var(ex, tx_sql_get(n, "relation"), &base.schema, &base.name);
  size_t i;
  json_t *cmd;
  json_array_foreach(tx_sql_get(n, "cmds"), i, cmd) {
    json_t *a = tx_sql_get(cmd, "AlterTableCmd");
    const char *sub = json_string_value(tx_sql_get(a, "subtype"));
    if (!sub)
      continue;
    TxSqlOp op = base;
    if (strcmp(sub, "AT_AddColumn") == 0) {
      json_t *cd = tx_sql_get(tx_sql_get(a, "def"), "ColumnDef");
      op.kind = TX_SQL_ADD_COLUMN;
      op.columns = TX_ARENA_NEW(&ex->f->arena, TxColumn);
      op.columns[0].name = tx_sql_copy(ex, json_string_value(tx_sql_get(cd, "colname")));
      op.columns[0].type = tx_sql_type_name(ex, tx_sql_get(cd, "typeName"));
      column_constraints(tx_sql_get(cd, "constraints"), &op.columns[0]);
      op.column_count = 1;
      push_op(ex, &op);
      column_foreign_keys(ex, tx_sql_get(cd, "constraints"), &base,
                          json_string_value(tx_sql_get(cd, "colname")));
      continue;
    } else if (strcmp(sub, "AT_DropColumn") == 0) {
      op.kind = TX_SQL_DROP_COLUMN;
      op.column = tx_sql_copy(ex, json_string_value(tx_sql_get(a, "name")));
    } else if (strcmp(sub, "AT_EnableRowSecurity") == 0) {
      // (FORCE ROW LEVEL SECURITY alone does not enable it: it only holds the table's owner
      // to the policies once it is enabled.)
      op.kind = TX_SQL_ENABLE_RLS;
    } else if (strcmp(sub, "AT_DisableRowSecurity") == 0) {
      op.kind = TX_SQL_DISABLE_RLS;
    } else if (strcmp(sub, "AT_AddConstraint") == 0) {
      table_constraint(ex, tx_sql_get(tx_sql_get(a, "def"), "Constraint"), &base);
      continue;
    } else if (strcmp(sub, "AT_DropConstraint") == 0) {
      op.kind = TX_SQL_DROP_CONSTRAINT;
      op.column = tx_sql_copy(ex, json_string_value(tx_sql_get(a, "name")));
    } else if (strcmp(sub, "AT_SetNotNull") == 0) {
      op.kind = TX_SQL_SET_NOT_NULL;
      op.column = tx_sql_copy(ex, json_string_value(tx_sql_get(a, "name")));
    } else {
      continue;
    }
    push_op(ex, &op);
  }
}

static void rename_stmt(SqlCtx *ex, json_t *n, TxSpan sp) {
  const char *type = json_string_value(tx_sql_get(n, "renameType"));
  TxSqlOp op;
  memset(&op, 0, sizeof op);
  op.span = sp;
  if (!type || !tx_sql_get(n, "relation"))
    return;
  tx_sql_range_var(ex, tx_sql_get(n, "relation"), &op.schema, &op.name);
  op.new_name = tx_sql_copy(ex, json_string_value(tx_sql_get(n, "newname")));
  if (strcmp(type, "OBJECT_COLUMN") == 0) {
    op.kind = TX_SQL_RENAME_COLUMN;
    op.column = tx_sql_copy(ex, json_string_value(tx_sql_get(n, "subname")));
  } else if (strcmp(type, "OBJECT_POLICY") == 0) {
    op.kind = TX_SQL_RENAME_POLICY;
    op.policy_name = tx_sql_copy(ex, json_string_value(tx_sql_get(n, "subname")));
  } else if (strcmp(type, "OBJECT_TABLE") == 0) {
    op.kind = TX_SQL_RENAME_TABLE;
  } else {
    return;
  }
  push_op(ex, &op);
}

// Argument types of an ObjectWithArgs, for overload matching.
static void object_args(SqlCtx *ex, json_t *owa, TxSqlOp *op) {
  tx_sql_qualified(ex, tx_sql_get(owa, "objname"), &op->schema, &op->name);
  json_t *args = tx_sql_get(owa, "objargs");
  op->has_arg_types = !json_is_true(tx_sql_get(owa, "args_unspecified"));
  size_t n = json_array_size(args);
  op->arg_types = TX_ARENA_ARRAY(&ex->f->arena, TxStr, n + 1);
  for (size_t i = 0; i < n; i++)
    op->arg_types[op->arg_type_count++] =
        tx_sql_type_name(ex, tx_sql_get(json_array_get(args, i), "TypeName"));
}

static void drop_stmt(SqlCtx *ex, json_t *n, TxSpan sp) {
  const char *type = json_string_value(tx_sql_get(n, "removeType"));
  if (!type)
    return;
  size_t i;
  json_t *obj;
  json_array_foreach(tx_sql_get(n, "objects"), i, obj) {
    TxSqlOp op;
    memset(&op, 0, sizeof op);
    op.span = sp;
    if (strcmp(type, "OBJECT_TABLE") == 0) {
      op.kind = TX_SQL_DROP_TABLE;
      tx_sql_qualified(ex, tx_sql_get(obj, "List"), &op.schema, &op.name);
    } else if (strcmp(type, "OBJECT_FUNCTION") == 0 || strcmp(type, "OBJECT_PROCEDURE") == 0) {
      op.kind = TX_SQL_DROP_FUNCTION;
      object_args(ex, tx_sql_get(obj, "ObjectWithArgs"), &op);
    } else if (strcmp(type, "OBJECT_POLICY") == 0) {
      // DROP POLICY p ON [schema.]table: the object is the table's name list, then p.
      json_t *items = tx_sql_get(tx_sql_get(obj, "List"), "items");
      size_t k = json_array_size(items);
      if (k < 2)
        continue;
      op.kind = TX_SQL_DROP_POLICY;
      op.policy_name = tx_sql_copy(ex, tx_sql_sval(json_array_get(items, k - 1)));
      op.name = tx_sql_copy(ex, tx_sql_sval(json_array_get(items, k - 2)));
      op.schema =
          k > 2 ? tx_sql_copy(ex, tx_sql_sval(json_array_get(items, k - 3))) : TX_STR_LIT("public");
    } else {
      return;
    }
    push_op(ex, &op);
  }
}

static bool sets_search_path(json_t *defelem) {
  json_t *d = tx_sql_get(defelem, "DefElem");
  const char *name = json_string_value(tx_sql_get(d, "defname"));
  if (!name || strcmp(name, "set") != 0)
    return false;
  const char *var =
      json_string_value(tx_sql_get(tx_sql_get(tx_sql_get(d, "arg"), "VariableSetStmt"), "name"));
  return var && strcmp(var, "search_path") == 0;
}

static void alter_function(SqlCtx *ex, json_t *n, TxSpan sp) {
  size_t i;
  json_t *a;
  json_array_foreach(tx_sql_get(n, "actions"), i, a) {
    if (!sets_search_path(a))
      continue;
    TxSqlOp op;
    memset(&op, 0, sizeof op);
    op.kind = TX_SQL_FUNCTION_SEARCH_PATH;
    op.span = sp;
    object_args(ex,
                tx_sql_get(tx_sql_get(n, "func"), "ObjectWithArgs")
                    ? tx_sql_get(tx_sql_get(n, "func"), "ObjectWithArgs")
                    : tx_sql_get(n, "func"),
                &op);
    push_op(ex, &op);
  }
}

// What a policy expression mentions (TxPolicy.refs): tables read in subqueries, columns and
// called functions, each once. An explicit stack bounds the walk (no recursion on
// attacker-sized input); past the bounds the rest is not read.
typedef TX_ARRAY(TxStr) Refs;

static void add_ref(SqlCtx *ex, Refs *refs, const char *prefix, const char *schema,
                    const char *name) {
  enum { MAX_POLICY_REFS = 64 };
  if (!name || refs->count >= MAX_POLICY_REFS)
    return;
  TxStr r = schema ? tx_arena_printf(&ex->f->arena, "%s%s.%s", prefix, schema, name)
                   : tx_arena_printf(&ex->f->arena, "%s%s", prefix, name);
  for (uint32_t i = 0; i < refs->count; i++) {
    if (tx_str_eq(refs->items[i], r))
      return;
  }
  TX_ARRAY_PUSH(refs, r);
}

static void policy_refs(SqlCtx *ex, json_t *root, Refs *refs) {
  enum { MAX_NODES = 20000 };
  TX_ARRAY(json_t *) stack = {0};
  if (root)
    TX_ARRAY_PUSH(&stack, root);
  for (uint32_t seen = 0; stack.count > 0 && seen < MAX_NODES; seen++) {
    json_t *o = stack.items[--stack.count];
    if (json_is_array(o)) {
      size_t i;
      json_t *v;
      json_array_foreach(o, i, v) TX_ARRAY_PUSH(&stack, v);
      continue;
    }
    if (!json_is_object(o))
      continue;
    json_t *rv = tx_sql_get(o, "RangeVar"), *fc = tx_sql_get(o, "FuncCall");
    if (rv) {
      const char *sch = json_string_value(tx_sql_get(rv, "schemaname"));
      add_ref(ex, refs, "t:", sch ? sch : "public", json_string_value(tx_sql_get(rv, "relname")));
    } else if (tx_sql_get(o, "ColumnRef")) {
      add_ref(ex, refs, "c:", NULL, tx_sql_column_of(o));
    } else if (fc) {
      json_t *names = tx_sql_get(fc, "funcname");
      size_t n = json_array_size(names);
      add_ref(ex, refs, "f:", n > 1 ? tx_sql_sval(json_array_get(names, n - 2)) : NULL,
              n ? tx_sql_sval(json_array_get(names, n - 1)) : NULL);
    }
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) {
      if (json_is_object(v) || json_is_array(v))
        TX_ARRAY_PUSH(&stack, v);
    }
  }
  TX_ARRAY_FREE(&stack);
}

// An expression under casts and a scalar subquery without FROM ((select auth.role())::text).
static json_t *unwrap_expr(json_t *e) {
  for (int depth = 0; e && depth < 8; depth++) {
    json_t *cast = tx_sql_get(tx_sql_get(e, "TypeCast"), "arg");
    json_t *sel = tx_sql_get(tx_sql_get(tx_sql_get(e, "SubLink"), "subselect"), "SelectStmt");
    json_t *targets = tx_sql_get(sel, "targetList");
    if (cast)
      e = cast;
    else if (sel && json_array_size(targets) == 1 && !tx_sql_get(sel, "fromClause"))
      e = tx_sql_get(tx_sql_get(json_array_get(targets, 0), "ResTarget"), "val");
    else
      break;
  }
  return e;
}

static bool is_func(json_t *e, const char *schema, const char *name) {
  json_t *names = tx_sql_get(tx_sql_get(e, "FuncCall"), "funcname");
  const char *s = tx_sql_sval(json_array_get(names, 0)), *n = tx_sql_sval(json_array_get(names, 1));
  return json_array_size(names) == 2 && s && n && strcmp(s, schema) == 0 && strcmp(n, name) == 0;
}

// What says the session's role: auth.role(), auth.jwt() ->> 'role', current_user, current_role.
static bool is_role_source(json_t *e) {
  e = unwrap_expr(e);
  const char *svf = json_string_value(tx_sql_get(tx_sql_get(e, "SQLValueFunction"), "op"));
  if (svf)
    return strcmp(svf, "SVFOP_CURRENT_USER") == 0 || strcmp(svf, "SVFOP_CURRENT_ROLE") == 0;
  json_t *op = tx_sql_get(e, "A_Expr");
  const char *name = tx_sql_sval(json_array_get(tx_sql_get(op, "name"), 0));
  json_t *key = tx_sql_get(tx_sql_get(unwrap_expr(tx_sql_get(op, "rexpr")), "A_Const"), "sval");
  const char *k = json_string_value(tx_sql_get(key, "sval"));
  if (op && name && strcmp(name, "->>") == 0)
    return k && strcmp(k, "role") == 0 &&
           is_func(unwrap_expr(tx_sql_get(op, "lexpr")), "auth", "jwt");
  return is_func(e, "auth", "role");
}

static const char *string_const(json_t *e) {
  json_t *c = tx_sql_get(tx_sql_get(unwrap_expr(e), "A_Const"), "sval");
  return json_string_value(tx_sql_get(c, "sval"));
}

// The role a policy's USING requires in a top-level AND condition (auth.role() =
// 'service_role', the usual way to write "only the service role"), or NULL. Bounded: only the
// first levels of ANDs are searched.
static const char *required_role(json_t *qual) {
  json_t *stack[16];
  uint32_t n = 0;
  if (qual)
    stack[n++] = qual;
  for (uint32_t seen = 0; n > 0 && seen < 64; seen++) {
    json_t *e = stack[--n];
    json_t *and = tx_sql_get(e, "BoolExpr");
    const char *boolop = json_string_value(tx_sql_get(and, "boolop"));
    if (boolop && strcmp(boolop, "AND_EXPR") == 0) {
      size_t i;
      json_t *arg;
      json_array_foreach(tx_sql_get(and, "args"), i, arg) {
        if (n < sizeof stack / sizeof stack[0])
          stack[n++] = arg;
      }
      continue;
    }
    json_t *op = tx_sql_get(e, "A_Expr");
    const char *name = tx_sql_sval(json_array_get(tx_sql_get(op, "name"), 0));
    if (!name || strcmp(name, "=") != 0)
      continue;
    json_t *l = tx_sql_get(op, "lexpr"), *r = tx_sql_get(op, "rexpr");
    if (is_role_source(l) && string_const(r))
      return string_const(r);
    if (is_role_source(r) && string_const(l))
      return string_const(l);
  }
  return NULL;
}

// The roles of a policy's TO clause (PUBLIC when there is none). Bounded like the refs.
static void policy_roles(SqlCtx *ex, json_t *roles, TxSqlOp *op) {
  enum { MAX_POLICY_ROLES = 32 };
  size_t n = json_array_size(roles);
  if (n > MAX_POLICY_ROLES)
    n = MAX_POLICY_ROLES;
  op->roles = TX_ARENA_ARRAY(&ex->f->arena, TxStr, n + 1);
  for (size_t i = 0; i < n; i++) {
    json_t *rs = tx_sql_get(json_array_get(roles, i), "RoleSpec");
    const char *type = json_string_value(tx_sql_get(rs, "roletype"));
    const char *name = json_string_value(tx_sql_get(rs, "rolename"));
    if (type && strcmp(type, "ROLESPEC_PUBLIC") == 0)
      name = "public";
    else if (type && strcmp(type, "ROLESPEC_CURRENT_USER") == 0)
      name = "current_user";
    else if (type && strcmp(type, "ROLESPEC_SESSION_USER") == 0)
      name = "session_user";
    else if (type && strcmp(type, "ROLESPEC_CURRENT_ROLE") == 0)
      name = "current_role";
    if (name && *name)
      op->roles[op->role_count++] = tx_sql_copy(ex, name);
  }
}

// CREATE POLICY and ALTER POLICY: the same fields; ALTER gives only the parts it changes.
static void policy_stmt(SqlCtx *ex, json_t *n, TxSpan sp, bool create) {
  TxSqlOp op;
  memset(&op, 0, sizeof op);
  op.kind = create ? TX_SQL_CREATE_POLICY : TX_SQL_ALTER_POLICY;
  op.span = sp;
  tx_sql_range_var(ex, tx_sql_get(n, "table"), &op.schema, &op.name);
  op.policy_name = tx_sql_copy(ex, json_string_value(tx_sql_get(n, "policy_name")));
  if (create) {
    op.policy_command = tx_sql_copy(ex, json_string_value(tx_sql_get(n, "cmd_name")));
    op.policy_restrictive = !json_is_true(tx_sql_get(n, "permissive"));
  }
  policy_roles(ex, tx_sql_get(n, "roles"), &op);
  if (create && op.role_count == 0)
    op.roles[op.role_count++] = TX_STR_LIT("public");
  json_t *qual = tx_sql_get(n, "qual"), *check = tx_sql_get(n, "with_check");
  op.policy_using = qual != NULL;
  op.policy_check = check != NULL;
  Refs refs = {0};
  policy_refs(ex, qual, &refs);
  add_ref(ex, &refs, "r:", NULL, required_role(qual));
  op.refs = TX_ARRAY_TO_ARENA(&ex->f->arena, &refs);
  op.ref_count = refs.count;
  refs.count = 0;
  policy_refs(ex, check, &refs);
  op.check_refs = TX_ARRAY_TO_ARENA(&ex->f->arena, &refs);
  op.check_ref_count = refs.count;
  TX_ARRAY_FREE(&refs);
  push_op(ex, &op);
}

static const char *param_mode(const char *m) {
  if (!m || strcmp(m, "FUNC_PARAM_DEFAULT") == 0 || strcmp(m, "FUNC_PARAM_IN") == 0)
    return "in";
  if (strcmp(m, "FUNC_PARAM_OUT") == 0)
    return "out";
  if (strcmp(m, "FUNC_PARAM_INOUT") == 0)
    return "inout";
  if (strcmp(m, "FUNC_PARAM_VARIADIC") == 0)
    return "variadic";
  return "table";
}

// The function name inside the statement, for the finding's position.
static TxSpan name_span(const SqlCtx *ex, const char *stmt, uint32_t base, TxStr name) {
  char lower[256];
  size_t n = name.len < sizeof lower - 1 ? name.len : sizeof lower - 1;
  memcpy(lower, name.ptr, n);
  lower[n] = '\0';
  const char *kw = strcasestr(stmt, "function");
  const char *hit = kw ? strcasestr(kw, lower) : NULL;
  if (!hit)
    return tx_sql_span(ex, base, base);
  uint32_t at = base + (uint32_t)(hit - stmt);
  return tx_sql_span(ex, at, at + (uint32_t)n);
}

static void create_function(SqlCtx *ex, json_t *n, const char *stmt, uint32_t stmt_len,
                            uint32_t base, TxSpan sp) {
  TxSqlOp op;
  memset(&op, 0, sizeof op);
  op.kind = TX_SQL_CREATE_FUNCTION;
  op.span = sp;
  op.or_replace = json_is_true(tx_sql_get(n, "replace"));
  TxSqlFunc *fn = &op.func;
  tx_sql_qualified(ex, tx_sql_get(n, "funcname"), &fn->schema, &fn->name);
  op.schema = fn->schema;
  op.name = fn->name;
  json_t *params = tx_sql_get(n, "parameters");
  fn->params = TX_ARENA_ARRAY(&ex->f->arena, TxParam, json_array_size(params) + 1);
  size_t i;
  json_t *p;
  json_array_foreach(params, i, p) {
    json_t *fp = tx_sql_get(p, "FunctionParameter");
    TxParam *tp = &fn->params[fn->param_count++];
    tp->name = tx_sql_copy(ex, json_string_value(tx_sql_get(fp, "name")));
    tp->type = tx_sql_type_name(ex, tx_sql_get(fp, "argType"));
    tp->mode = tx_str(param_mode(json_string_value(tx_sql_get(fp, "mode"))));
    tp->has_default = tx_sql_get(fp, "defexpr") != NULL;
  }
  fn->returns = tx_sql_type_name(ex, tx_sql_get(n, "returnType"));
  json_t *opts = tx_sql_get(n, "options");
  json_t *opt;
  json_array_foreach(opts, i, opt) {
    json_t *d = tx_sql_get(opt, "DefElem");
    const char *name = json_string_value(tx_sql_get(d, "defname"));
    if (!name)
      continue;
    if (strcmp(name, "language") == 0)
      fn->language = tx_sql_copy(ex, tx_sql_sval(tx_sql_get(d, "arg")));
    else if (strcmp(name, "security") == 0)
      fn->security_definer =
          json_is_true(tx_sql_get(tx_sql_get(tx_sql_get(d, "arg"), "Boolean"), "boolval"));
    else if (sets_search_path(opt))
      fn->has_search_path = true;
  }
  if (fn->language.len == 0)
    fn->language = TX_STR_LIT("sql");
  fn->span = sp;
  fn->name_span = name_span(ex, stmt, base, fn->name);
  fn->file = ex->f->id;
  // The body's facts belong to a function of this file named schema.name.
  TxFunction tf;
  memset(&tf, 0, sizeof tf);
  tf.name =
      tx_arena_printf(&ex->f->arena, "%.*s.%.*s", TX_STR_ARG(fn->schema), TX_STR_ARG(fn->name));
  tf.span = sp;
  tf.name_span = fn->name_span;
  tf.parent = TX_NONE;
  TX_ARRAY_PUSH(&ex->fns, tf);
  fn->fn = ex->fns.count - 1;
  tx_sql_function_body(ex, stmt, stmt_len, base, n, fn, fn->fn);
  push_op(ex, &op);
}

// CREATE UNIQUE INDEX marks its column unique, or each of its columns a key member when it has
// several; a partial index (WHERE ...) counts as well (a marker table may keep only the live
// rows unique). Expressions name no column and are skipped.
static void create_index(SqlCtx *ex, json_t *n, TxSpan sp) {
  json_t *params = tx_sql_get(n, "indexParams");
  size_t count = json_array_size(params);
  if (!json_is_true(tx_sql_get(n, "unique")) || count == 0)
    return;
  TxSqlOp op;
  memset(&op, 0, sizeof op);
  op.kind = TX_SQL_UNIQUE;
  op.span = sp;
  op.key_member = count > 1;
  tx_sql_range_var(ex, tx_sql_get(n, "relation"), &op.schema, &op.name);
  for (size_t i = 0; i < count; i++) {
    json_t *elem = tx_sql_get(json_array_get(params, i), "IndexElem");
    op.column = tx_sql_copy(ex, json_string_value(tx_sql_get(elem, "name")));
    if (op.column.len)
      push_op(ex, &op);
  }
}

void tx_sql_statement(SqlCtx *ex, json_t *stmt, const char *text, uint32_t len, uint32_t base) {
  TxSpan sp = tx_sql_span(ex, base, base + len);
  json_t *n;
  if ((n = tx_sql_get(stmt, "CreateStmt")))
    create_table(ex, n, sp);
  else if ((n = tx_sql_get(stmt, "AlterTableStmt")))
    alter_table(ex, n, sp);
  else if ((n = tx_sql_get(stmt, "RenameStmt")))
    rename_stmt(ex, n, sp);
  else if ((n = tx_sql_get(stmt, "DropStmt")))
    drop_stmt(ex, n, sp);
  else if ((n = tx_sql_get(stmt, "IndexStmt")))
    create_index(ex, n, sp);
  else if ((n = tx_sql_get(stmt, "CreatePolicyStmt")))
    policy_stmt(ex, n, sp, true);
  else if ((n = tx_sql_get(stmt, "AlterPolicyStmt")))
    policy_stmt(ex, n, sp, false);
  else if ((n = tx_sql_get(stmt, "CreateFunctionStmt")))
    create_function(ex, n, text, len, base, sp);
  else if ((n = tx_sql_get(stmt, "AlterFunctionStmt")))
    alter_function(ex, n, sp);
  else if ((n = tx_sql_get(stmt, "DoStmt")))
    tx_sql_do_block(ex, n, text, len, base);
  else
    tx_sql_dml_fact(ex, stmt, base, base, base + len, TX_NONE);
}
