// sql_dml.c: DML statements (UPDATE, DELETE, INSERT, SELECT and the data-modifying queries
// of their WITH clauses) -> facts, with the filters of their WHERE clauses.
#include <jansson.h>
#include <pg_query.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "sql_internal.h"
#include "sql_scan.h"

typedef TX_ARRAY(TxFilter) Filters;
static void add_filter(SqlCtx *ex, Filters *fl, const char *col, const char *op, uint32_t at,
                       uint32_t end) {
  TxFilter f = {tx_sql_copy(ex, col),     tx_str(op), TX_STR_LIT("where"),
                tx_sql_span(ex, at, end), false,      0};
  TX_ARRAY_PUSH(fl, f);
}

// One conjunct: `col = x`, `x = col`, `col IN (...)`, `col = ANY(...)`. Others add nothing.
static void conjunct(SqlCtx *ex, json_t *e, uint32_t base, uint32_t stmt_end, Filters *fl) {
  json_t *a = tx_sql_get(e, "A_Expr");
  if (!a)
    return;
  const char *kind = json_string_value(tx_sql_get(a, "kind"));
  json_t *name = tx_sql_get(a, "name");
  const char *op = json_array_size(name) ? tx_sql_sval(json_array_get(name, 0)) : NULL;
  if (!kind || !op || strcmp(op, "=") != 0)
    return;
  const char *norm = strcmp(kind, "AEXPR_OP") == 0       ? "eq"
                     : strcmp(kind, "AEXPR_IN") == 0     ? "in"
                     : strcmp(kind, "AEXPR_OP_ANY") == 0 ? "in"
                                                         : NULL;
  if (!norm)
    return;
  int loc = tx_sql_location(a);
  uint32_t at = base + (uint32_t)(loc > 0 ? loc : 0);
  const char *l = tx_sql_column_of(tx_sql_get(a, "lexpr"));
  const char *r = strcmp(kind, "AEXPR_OP") == 0 ? tx_sql_column_of(tx_sql_get(a, "rexpr")) : NULL;
  if (l)
    add_filter(ex, fl, l, norm, at, stmt_end);
  if (r)
    add_filter(ex, fl, r, norm, at, stmt_end);
}

// Top-level AND conjuncts of a WHERE clause. An OR restricts nothing for certain.
static void where_filters(SqlCtx *ex, json_t *where, uint32_t base, uint32_t end, Filters *fl) {
  json_t *b = tx_sql_get(where, "BoolExpr");
  if (b) {
    const char *op = json_string_value(tx_sql_get(b, "boolop"));
    if (!op || strcmp(op, "AND_EXPR") != 0)
      return;
    json_t *args = tx_sql_get(b, "args");
    size_t i;
    json_t *arg;
    json_array_foreach(args, i, arg) {
      where_filters(ex, arg, base, end, fl);
    }
    return;
  }
  conjunct(ex, where, base, end, fl);
}

// The first table a statement reads anywhere in its tree (`select exists (select 1 from t)`,
// joins, subqueries), or NULL. Iterative and bounded: hostile SQL cannot exhaust the stack.
static json_t *first_range_var(json_t *root) {
  enum { MAX_VISIT = 4096 };
  TX_ARRAY(json_t *) stack = {0};
  TX_ARRAY_PUSH(&stack, root);
  json_t *found = NULL;
  for (uint32_t visited = 0; stack.count && !found && visited < MAX_VISIT; visited++) {
    json_t *n = stack.items[--stack.count];
    if (json_is_object(n)) {
      json_t *rv = tx_sql_get(n, "RangeVar");
      if (rv && tx_sql_get(rv, "relname")) {
        found = n;
        break;
      }
      const char *key;
      json_t *v;
      json_object_foreach(n, key, v) {
        if (json_is_object(v) || json_is_array(v))
          TX_ARRAY_PUSH(&stack, v);
      }
    } else if (json_is_array(n)) {
      size_t i;
      json_t *v;
      json_array_foreach(n, i, v) {
        TX_ARRAY_PUSH(&stack, v);
      }
    }
  }
  TX_ARRAY_FREE(&stack);
  return found;
}

// ON CONFLICT (a, b) DO NOTHING / DO UPDATE: the target's columns ("a,b") and whether a
// conflict leaves the row alone. ON CONSTRAINT or an expression target leaves the columns empty.
static void on_conflict(SqlCtx *ex, json_t *c, TxFact *x) {
  const char *action = json_string_value(tx_sql_get(c, "action"));
  x->ignore_duplicates = action && strcmp(action, "ONCONFLICT_NOTHING") == 0;
  char buf[256];
  size_t len = 0;
  size_t i;
  json_t *e;
  json_array_foreach(tx_sql_get(tx_sql_get(c, "infer"), "indexElems"), i, e) {
    const char *name = json_string_value(tx_sql_get(tx_sql_get(e, "IndexElem"), "name"));
    size_t nl = name ? strlen(name) : 0;
    if (!name || len + nl + 2 > sizeof buf)
      return;
    int w = snprintf(buf + len, sizeof buf - len, "%s%s", len ? "," : "", name);
    len += w > 0 ? (size_t)w : 0;
  }
  x->on_conflict = tx_arena_str(&ex->f->arena, buf, len);
}

// Makes a fact of a DML statement node (UpdateStmt, DeleteStmt, InsertStmt, SelectStmt) whose
// text spans [start, end) of the file. Returns the node's body, or NULL when it is not DML.
static json_t *one_fact(SqlCtx *ex, json_t *stmt, uint32_t base, uint32_t start, uint32_t end,
                        uint32_t fn) {
  static const struct {
    const char *node;
    TxOp op;
  } kinds[] = {{"UpdateStmt", TX_OP_UPDATE},
               {"DeleteStmt", TX_OP_DELETE},
               {"InsertStmt", TX_OP_INSERT},
               {"SelectStmt", TX_OP_SELECT}};
  for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
    json_t *n = tx_sql_get(stmt, kinds[k].node);
    if (!n)
      continue;
    TxFact x;
    memset(&x, 0, sizeof x);
    x.op = kinds[k].op;
    x.origin = TX_ORIGIN_SQL;
    x.span = x.op_span = tx_sql_span(ex, start, end);
    x.fn = fn;
    x.client_import = x.client_kind_import = TX_NONE;
    json_t *rel = tx_sql_get(n, "relation");
    if (!rel && x.op == TX_OP_SELECT) {
      json_t *from = tx_sql_get(n, "fromClause");
      rel = json_array_size(from) == 1 ? json_array_get(from, 0) : NULL;
      if (!tx_sql_get(rel, "RangeVar"))
        rel = first_range_var(n);
    }
    if (rel)
      tx_sql_range_var(ex, rel, &x.schema, &x.table);
    json_t *conflict = tx_sql_get(n, "onConflictClause");
    if (x.op == TX_OP_INSERT && conflict) {
      x.op = TX_OP_UPSERT;
      json_t *inner = tx_sql_get(conflict, "OnConflictClause");
      on_conflict(ex, inner ? inner : conflict, &x);
    }
    Filters fl = {0};
    where_filters(ex, tx_sql_get(n, "whereClause"), base, end, &fl);
    x.filters = TX_ARRAY_TO_ARENA(&ex->f->arena, &fl);
    x.filter_count = fl.count;
    TX_ARRAY_FREE(&fl);
    TX_ARRAY_PUSH(&ex->facts, x);
    return n;
  }
  return NULL;
}

// Where a data-modifying WITH query begins: its keyword (the last `kw` token between the
// query's name at `from` and its table at `to`, file offsets), or its name.
static uint32_t cte_start(const SqlCtx *ex, uint32_t from, uint32_t to, const char *kw) {
  if (to <= from || to > ex->f->src.len)
    return from;
  uint32_t n = to - from;
  char *text = tx_xmalloc((size_t)n + 1);
  memcpy(text, ex->f->src.text + from, n);
  text[n] = '\0';
  TxSqlToks toks = {0};
  uint32_t at = from;
  if (tx_sql_scan(text, n, &toks)) {
    for (uint32_t i = 0; i < toks.count; i++) {
      if (tx_sql_tok_is(text, &toks.items[i], kw))
        at = from + toks.items[i].start;
    }
  }
  TX_ARRAY_FREE(&toks);
  free(text);
  return at;
}

// A DML statement and the data-modifying queries of its WITH clause (`WITH moved AS (DELETE
// ... RETURNING *) INSERT ...`), each a fact of its own. Iterative: WITH clauses nest.
// Returns false when the statement is not DML.
bool tx_sql_dml_fact(SqlCtx *ex, json_t *stmt, uint32_t base, uint32_t start, uint32_t end,
                     uint32_t fn) {
  enum { MAX_CTES = 1024 };
  static const struct {
    const char *node, *kw;
  } writes[] = {{"UpdateStmt", "update"}, {"DeleteStmt", "delete"}, {"InsertStmt", "insert"}};
  json_t *n = one_fact(ex, stmt, base, start, end, fn);
  TX_ARRAY(json_t *) todo = {0};
  if (n)
    TX_ARRAY_PUSH(&todo, n);
  for (uint32_t seen = 0; todo.count && seen < MAX_CTES; seen++) {
    json_t *w = tx_sql_get(todo.items[--todo.count], "withClause");
    size_t i;
    json_t *cte;
    json_array_foreach(tx_sql_get(w, "ctes"), i, cte) {
      json_t *e = tx_sql_get(cte, "CommonTableExpr");
      json_t *q = tx_sql_get(e, "ctequery");
      for (size_t k = 0; k < sizeof writes / sizeof writes[0]; k++) {
        json_t *body = tx_sql_get(q, writes[k].node);
        int loc = tx_sql_location(e), rel = tx_sql_location(tx_sql_get(body, "relation"));
        if (!body || loc < 0)
          continue;
        uint32_t at = rel > loc
                          ? cte_start(ex, base + (uint32_t)loc, base + (uint32_t)rel, writes[k].kw)
                          : base + (uint32_t)loc;
        json_t *inner = one_fact(ex, q, base, at, end, fn);
        if (inner)
          TX_ARRAY_PUSH(&todo, inner);
      }
    }
  }
  TX_ARRAY_FREE(&todo);
  return n != NULL;
}

// Parses `sql` (which stands at file offset `base`) as a list of statements and makes facts
// of its DML. Reports a syntax error only when `report_errors`.
void tx_sql_dml_from_text(SqlCtx *ex, const char *sql, uint32_t base, uint32_t fn,
                          bool report_errors) {
  PgQueryParseResult r = pg_query_parse(sql);
  if (r.error) {
    if (report_errors)
      tx_sql_parse_error(ex, r.error, base, sql, (uint32_t)strlen(sql));
    pg_query_free_parse_result(r);
    return;
  }
  json_t *tree = json_loads(r.parse_tree, 0, NULL);
  pg_query_free_parse_result(r);
  json_t *stmts = tx_sql_get(tree, "stmts");
  size_t i;
  json_t *raw;
  uint32_t len = (uint32_t)strlen(sql);
  json_array_foreach(stmts, i, raw) {
    json_t *loc = tx_sql_get(raw, "stmt_location");
    json_t *slen = tx_sql_get(raw, "stmt_len");
    uint32_t s = json_is_integer(loc) ? (uint32_t)json_integer_value(loc) : 0;
    uint32_t e = json_is_integer(slen) && json_integer_value(slen) > 0
                     ? s + (uint32_t)json_integer_value(slen)
                     : len;
    s = tx_sql_skip_space(sql, s, e);
    tx_sql_dml_fact(ex, tx_sql_get(raw, "stmt"), base, base + s, base + e, fn);
  }
  json_decref(tree);
}
