// sql_front.c: the SQL front end on libpg_query (the PostgreSQL parser).
//
// A file is split into statements with pg_query_split_with_scanner (it copes with broken
// statements), and each statement is parsed on its own, so one bad statement is one
// "parse-error" notice and the rest of the file is still read. The JSON parse tree
// (jansson) gives:
//   - schema operations (CREATE/ALTER/DROP TABLE, RLS, unique columns, policies,
//     CREATE/DROP/ALTER FUNCTION) in f->sql, applied later in migration order;
//   - one TxFunction per CREATE FUNCTION whose facts are the DML statements of its body:
//     PL/pgSQL through pg_query_parse_plpgsql (statement line numbers, then the statement
//     text located in the body), LANGUAGE sql through pg_query_parse of the body. Every
//     span is a byte range of the migration file itself;
//   - facts for top-level DML (fn = TX_NONE).
// libpg_query keeps a memory context per thread: tx_sql_thread_exit() releases it.
#include "sql_front.h"

#include <jansson.h>
#include <pg_query.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/array.h"
#include "ir/schema.h"
#include "ir/suppress.h"
#include "plpgsql.h"
#include "sql_scan.h"

static _Thread_local bool thread_used;

void tx_sql_thread_exit(void) {
  if (thread_used)
    pg_query_exit();
  thread_used = false;
}

typedef struct SqlCtx {
  TxFile *f;
  const TxConfig *cfg;
  TX_ARRAY(TxSqlOp) ops;
  TX_ARRAY(TxFact) facts;
  TX_ARRAY(TxFunction) fns;
  TX_ARRAY(TxNotice) notices;
  uint32_t parse_errors;
} SqlCtx;

enum { MAX_PARSE_NOTICES = 20 };

// --- small JSON helpers ------------------------------------------------------------------

static json_t *get(json_t *o, const char *key) {
  return json_is_object(o) ? json_object_get(o, key) : NULL;
}

static const char *sval(json_t *o) {
  // {"String": {"sval": "x"}} or {"sval": "x"}
  json_t *s = get(o, "String");
  if (s)
    o = s;
  json_t *v = get(o, "sval");
  return json_is_string(v) ? json_string_value(v) : NULL;
}

static int location(json_t *o) {
  json_t *l = get(o, "location");
  return json_is_integer(l) ? (int)json_integer_value(l) : -1;
}

static TxStr copy(SqlCtx *c, const char *s) {
  return s ? tx_arena_str(&c->f->arena, s, strlen(s)) : (TxStr){"", 0};
}

// A list of String nodes joined with '.', for type names ("pg_catalog.int4" -> "int4").
static TxStr type_name(SqlCtx *c, json_t *type) {
  json_t *names = get(type, "names");
  size_t n = json_array_size(names);
  const char *last = n ? sval(json_array_get(names, n - 1)) : NULL;
  json_t *bounds = get(type, "arrayBounds");
  if (!last)
    return (TxStr){"", 0};
  return json_array_size(bounds) ? tx_arena_printf(&c->f->arena, "%s[]", last) : copy(c, last);
}

// --- notices and spans ----------------------------------------------------------------------

static void notice(SqlCtx *c, TxNoticeLevel level, const char *id, uint32_t at, TxStr msg) {
  TxNotice n = {level, tx_str(id), msg, {c->f->id, at, at}, true};
  TX_ARRAY_PUSH(&c->notices, n);
}

// libpg_query's cursorpos counts characters from 1; this turns it into a byte offset.
static uint32_t char_to_byte(const char *s, uint32_t len, int cursorpos) {
  uint32_t i = 0;
  for (int ch = 1; ch < cursorpos && i < len; ch++) {
    i++;
    while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
      i++;
  }
  return i;
}

static void parse_error_at(SqlCtx *c, uint32_t at, const char *message) {
  c->parse_errors++;
  if (c->parse_errors > MAX_PARSE_NOTICES)
    return;
  notice(c, TX_NOTICE_WARNING, "parse-error", at,
         tx_arena_printf(&c->f->arena, "SQL syntax error: %s; the other statements are still read",
                         message ? message : "unknown error"));
}

static void parse_error(SqlCtx *c, const PgQueryError *e, uint32_t base, const char *text,
                        uint32_t len) {
  parse_error_at(c, base + (e->cursorpos > 0 ? char_to_byte(text, len, e->cursorpos) : 0),
                 e->message);
}

// Skips white space and comments (`--` to the end of the line, nested `/* */`) from s[i],
// so a statement starts at its first keyword rather than at the comments above it. An
// unterminated comment is left for the parser to report.
static uint32_t skip_space(const char *s, uint32_t i, uint32_t end) {
  while (i < end) {
    char ch = s[i];
    if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v') {
      i++;
    } else if (ch == '-' && i + 1 < end && s[i + 1] == '-') {
      while (i < end && s[i] != '\n')
        i++;
    } else if (ch == '/' && i + 1 < end && s[i + 1] == '*') {
      uint32_t k = i, depth = 0;
      do {
        if (s[k] == '/' && k + 1 < end && s[k + 1] == '*') {
          depth++;
          k += 2;
        } else if (s[k] == '*' && k + 1 < end && s[k + 1] == '/') {
          depth--;
          k += 2;
        } else {
          k++;
        }
      } while (depth > 0 && k < end);
      if (depth > 0)
        return i;
      i = k;
    } else {
      break;
    }
  }
  return i;
}

static TxSpan span(const SqlCtx *c, uint32_t start, uint32_t end) {
  return (TxSpan){c->f->id, start, end > start ? end : start};
}

// --- names ----------------------------------------------------------------------------------

// RangeVar -> schema ("public" when absent) and name.
static void range_var(SqlCtx *c, json_t *rv, TxStr *schema, TxStr *name) {
  json_t *r = get(rv, "RangeVar");
  if (r)
    rv = r;
  const char *s = json_string_value(get(rv, "schemaname"));
  *schema = s ? copy(c, s) : TX_STR_LIT("public");
  *name = copy(c, json_string_value(get(rv, "relname")));
}

// ["schema", "name"] or ["name"] String lists (function names, DROP TABLE objects).
static void qualified(SqlCtx *c, json_t *list, TxStr *schema, TxStr *name) {
  json_t *items = get(list, "items");
  if (items)
    list = items;
  size_t n = json_array_size(list);
  *name = n ? copy(c, sval(json_array_get(list, n - 1))) : (TxStr){"", 0};
  *schema = n > 1 ? copy(c, sval(json_array_get(list, n - 2))) : TX_STR_LIT("public");
}

// --- DML -> facts -----------------------------------------------------------------------------

typedef TX_ARRAY(TxFilter) Filters;

static const char *column_of(json_t *e) {
  json_t *ref = get(e, "ColumnRef");
  json_t *fields = get(ref, "fields");
  size_t n = json_array_size(fields);
  return n ? sval(json_array_get(fields, n - 1)) : NULL;
}

static void add_filter(SqlCtx *c, Filters *fl, const char *col, const char *op, uint32_t at,
                       uint32_t end) {
  TxFilter f = {copy(c, col), tx_str(op), TX_STR_LIT("where"), span(c, at, end), false};
  TX_ARRAY_PUSH(fl, f);
}

// One conjunct: `col = x`, `x = col`, `col IN (...)`, `col = ANY(...)`. Others add nothing.
static void conjunct(SqlCtx *c, json_t *e, uint32_t base, uint32_t stmt_end, Filters *fl) {
  json_t *a = get(e, "A_Expr");
  if (!a)
    return;
  const char *kind = json_string_value(get(a, "kind"));
  json_t *name = get(a, "name");
  const char *op = json_array_size(name) ? sval(json_array_get(name, 0)) : NULL;
  if (!kind || !op || strcmp(op, "=") != 0)
    return;
  const char *norm = strcmp(kind, "AEXPR_OP") == 0       ? "eq"
                     : strcmp(kind, "AEXPR_IN") == 0     ? "in"
                     : strcmp(kind, "AEXPR_OP_ANY") == 0 ? "in"
                                                         : NULL;
  if (!norm)
    return;
  int loc = location(a);
  uint32_t at = base + (uint32_t)(loc > 0 ? loc : 0);
  const char *l = column_of(get(a, "lexpr"));
  const char *r = strcmp(kind, "AEXPR_OP") == 0 ? column_of(get(a, "rexpr")) : NULL;
  if (l)
    add_filter(c, fl, l, norm, at, stmt_end);
  if (r)
    add_filter(c, fl, r, norm, at, stmt_end);
}

// Top-level AND conjuncts of a WHERE clause. An OR restricts nothing for certain.
static void where_filters(SqlCtx *c, json_t *where, uint32_t base, uint32_t end, Filters *fl) {
  json_t *b = get(where, "BoolExpr");
  if (b) {
    const char *op = json_string_value(get(b, "boolop"));
    if (!op || strcmp(op, "AND_EXPR") != 0)
      return;
    json_t *args = get(b, "args");
    size_t i;
    json_t *arg;
    json_array_foreach(args, i, arg) {
      where_filters(c, arg, base, end, fl);
    }
    return;
  }
  conjunct(c, where, base, end, fl);
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
      json_t *rv = get(n, "RangeVar");
      if (rv && get(rv, "relname")) {
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

// Makes a fact of a DML statement node (UpdateStmt, DeleteStmt, InsertStmt, SelectStmt) whose
// text spans [start, end) of the file. Returns the node's body, or NULL when it is not DML.
static json_t *one_fact(SqlCtx *c, json_t *stmt, uint32_t base, uint32_t start, uint32_t end,
                        uint32_t fn) {
  static const struct {
    const char *node;
    TxOp op;
  } kinds[] = {{"UpdateStmt", TX_OP_UPDATE},
               {"DeleteStmt", TX_OP_DELETE},
               {"InsertStmt", TX_OP_INSERT},
               {"SelectStmt", TX_OP_SELECT}};
  for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
    json_t *n = get(stmt, kinds[k].node);
    if (!n)
      continue;
    TxFact x;
    memset(&x, 0, sizeof x);
    x.op = kinds[k].op;
    x.origin = TX_ORIGIN_SQL;
    x.span = x.op_span = span(c, start, end);
    x.fn = fn;
    x.client_import = TX_NONE;
    json_t *rel = get(n, "relation");
    if (!rel && x.op == TX_OP_SELECT) {
      json_t *from = get(n, "fromClause");
      rel = json_array_size(from) == 1 ? json_array_get(from, 0) : NULL;
      if (!get(rel, "RangeVar"))
        rel = first_range_var(n);
    }
    if (rel)
      range_var(c, rel, &x.schema, &x.table);
    if (x.op == TX_OP_INSERT && get(n, "onConflictClause"))
      x.op = TX_OP_UPSERT;
    Filters fl = {0};
    where_filters(c, get(n, "whereClause"), base, end, &fl);
    x.filters = TX_ARRAY_TO_ARENA(&c->f->arena, &fl);
    x.filter_count = fl.count;
    TX_ARRAY_FREE(&fl);
    TX_ARRAY_PUSH(&c->facts, x);
    return n;
  }
  return NULL;
}

// Where a data-modifying WITH query begins: its keyword (the last `kw` token between the
// query's name at `from` and its table at `to`, file offsets), or its name.
static uint32_t cte_start(const SqlCtx *c, uint32_t from, uint32_t to, const char *kw) {
  if (to <= from || to > c->f->src.len)
    return from;
  uint32_t n = to - from;
  char *text = tx_xmalloc((size_t)n + 1);
  memcpy(text, c->f->src.text + from, n);
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
static bool dml_fact(SqlCtx *c, json_t *stmt, uint32_t base, uint32_t start, uint32_t end,
                     uint32_t fn) {
  enum { MAX_CTES = 1024 };
  static const struct {
    const char *node, *kw;
  } writes[] = {{"UpdateStmt", "update"}, {"DeleteStmt", "delete"}, {"InsertStmt", "insert"}};
  json_t *n = one_fact(c, stmt, base, start, end, fn);
  TX_ARRAY(json_t *) todo = {0};
  if (n)
    TX_ARRAY_PUSH(&todo, n);
  for (uint32_t seen = 0; todo.count && seen < MAX_CTES; seen++) {
    json_t *w = get(todo.items[--todo.count], "withClause");
    size_t i;
    json_t *cte;
    json_array_foreach(get(w, "ctes"), i, cte) {
      json_t *e = get(cte, "CommonTableExpr");
      json_t *q = get(e, "ctequery");
      for (size_t k = 0; k < sizeof writes / sizeof writes[0]; k++) {
        json_t *body = get(q, writes[k].node);
        int loc = location(e), rel = location(get(body, "relation"));
        if (!body || loc < 0)
          continue;
        uint32_t at = rel > loc
                          ? cte_start(c, base + (uint32_t)loc, base + (uint32_t)rel, writes[k].kw)
                          : base + (uint32_t)loc;
        json_t *inner = one_fact(c, q, base, at, end, fn);
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
static void dml_from_text(SqlCtx *c, const char *sql, uint32_t base, uint32_t fn,
                          bool report_errors) {
  PgQueryParseResult r = pg_query_parse(sql);
  if (r.error) {
    if (report_errors)
      parse_error(c, r.error, base, sql, (uint32_t)strlen(sql));
    pg_query_free_parse_result(r);
    return;
  }
  json_t *tree = json_loads(r.parse_tree, 0, NULL);
  pg_query_free_parse_result(r);
  json_t *stmts = get(tree, "stmts");
  size_t i;
  json_t *raw;
  uint32_t len = (uint32_t)strlen(sql);
  json_array_foreach(stmts, i, raw) {
    json_t *loc = get(raw, "stmt_location");
    json_t *slen = get(raw, "stmt_len");
    uint32_t s = json_is_integer(loc) ? (uint32_t)json_integer_value(loc) : 0;
    uint32_t e = json_is_integer(slen) && json_integer_value(slen) > 0
                     ? s + (uint32_t)json_integer_value(slen)
                     : len;
    s = skip_space(sql, s, e);
    dml_fact(c, get(raw, "stmt"), base, base + s, base + e, fn);
  }
  json_decref(tree);
}

// --- function bodies ---------------------------------------------------------------------------

// Byte offset of the start of 1-based line `line` within `body`.
static uint32_t line_offset(const char *body, uint32_t len, int line) {
  uint32_t i = 0;
  for (int l = 1; l < line && i < len; i++) {
    if (body[i] == '\n')
      l++;
  }
  return i;
}

typedef struct Body {
  const char *text; // the body (NUL-terminated, from the parse tree)
  uint32_t len;
  uint32_t offset; // file offset of text[0], or TX_NONE when the body could not be located
} Body;

// Where a statement of the body begins, given the line libpg_query puts it on and its text.
// That text is the body's own, except that PL/pgSQL blanks an INTO clause to spaces of the
// same length (`select id into v from t` reads `select id        from t`), so a space in
// the query matches any byte. Failing that (never seen), the first exact copy after the
// line's start, then the line's start.
static uint32_t locate_query(const Body *b, int line, const char *query) {
  uint32_t from = line_offset(b->text, b->len, line);
  size_t qlen = strlen(query);
  for (uint32_t i = from; i < b->len && b->text[i] != '\n' && qlen && i + qlen <= b->len; i++) {
    size_t k = 0;
    while (k < qlen && (b->text[i + k] == query[k] || (k > 0 && query[k] == ' ')))
      k++;
    if (k == qlen)
      return i;
  }
  const char *at = qlen ? strstr(b->text + from, query) : NULL;
  return at ? (uint32_t)(at - b->text) : from;
}

// Walks a PL/pgSQL function's JSON (iteratively) for PLpgSQL_stmt_execsql statements and
// EXECUTE (dynamic SQL), making facts of the former.
static void plpgsql_walk(SqlCtx *c, json_t *root, const Body *b, uint32_t fn, bool *dynamic) {
  TX_ARRAY(json_t *) stack = {0};
  TX_ARRAY_PUSH(&stack, root);
  while (stack.count) {
    json_t *n = stack.items[--stack.count];
    if (json_is_array(n)) {
      for (size_t i = json_array_size(n); i > 0; i--)
        TX_ARRAY_PUSH(&stack, json_array_get(n, i - 1));
      continue;
    }
    if (!json_is_object(n))
      continue;
    if (get(n, "PLpgSQL_stmt_dynexecute") || get(n, "PLpgSQL_stmt_dynfors") ||
        get(get(n, "PLpgSQL_stmt_return_query"), "dynquery"))
      *dynamic = true;
    // A statement of SQL: on its own, after RETURN QUERY, or as a FOR loop's query (those
    // may be `UPDATE ... RETURNING` too).
    json_t *exec = get(n, "PLpgSQL_stmt_execsql");
    json_t *expr = get(get(exec, "sqlstmt"), "PLpgSQL_expr");
    json_t *holder = exec;
    if (!exec && (holder = get(n, "PLpgSQL_stmt_return_query")) == NULL)
      holder = get(n, "PLpgSQL_stmt_fors");
    if (!exec && holder)
      expr = get(get(holder, "query"), "PLpgSQL_expr");
    const char *query = json_string_value(get(expr, "query"));
    json_t *line = get(holder, "lineno");
    if (query && json_is_integer(line) && b->offset != TX_NONE) {
      uint32_t where = locate_query(b, (int)json_integer_value(line), query);
      dml_from_text(c, query, b->offset + where, fn, false);
    }
    if (exec)
      continue;
    const char *key;
    json_t *v;
    json_object_foreach(n, key, v) {
      if (json_is_object(v) || json_is_array(v))
        TX_ARRAY_PUSH(&stack, v);
    }
  }
  TX_ARRAY_FREE(&stack);
}

// The body's file offset: the body text follows the AS keyword, inside a dollar quote
// (taken verbatim) or a string literal (escapes differ: the body is then searched as is and,
// failing that, located at the keyword).
static uint32_t body_offset(const char *stmt, uint32_t stmt_len, int as_loc, const char *body) {
  if (as_loc < 0 || (uint32_t)as_loc >= stmt_len)
    return TX_NONE;
  const char *hit = strstr(stmt + as_loc, body);
  return hit ? (uint32_t)(hit - stmt) : TX_NONE;
}

// A SQL-standard body, `BEGIN ATOMIC stmt; ... END`: its statements lie between ATOMIC and
// the statement's last token (END), and are read like a LANGUAGE sql body.
static void atomic_body(SqlCtx *c, const char *stmt, uint32_t stmt_len, uint32_t base,
                        uint32_t fn) {
  TxSqlToks toks = {0};
  if (!tx_sql_scan(stmt, stmt_len, &toks) || toks.count < 3) {
    TX_ARRAY_FREE(&toks);
    return;
  }
  uint32_t from = TX_NONE;
  int parens = 0;
  for (uint32_t i = 0; i + 1 < toks.count && from == TX_NONE; i++) {
    const TxSqlTok *t = &toks.items[i];
    parens += t->kind == TX_TOK_CHAR ? (t->ch == '(') - (t->ch == ')') : 0;
    if (parens == 0 && tx_sql_tok_is(stmt, t, "begin") &&
        tx_sql_tok_is(stmt, &toks.items[i + 1], "atomic"))
      from = toks.items[i + 1].end;
  }
  const TxSqlTok *last = &toks.items[toks.count - 1];
  if (from != TX_NONE && tx_sql_tok_is(stmt, last, "end") && last->start > from) {
    uint32_t n = last->start - from;
    char *sql = tx_xmalloc((size_t)n + 1);
    memcpy(sql, stmt + from, n);
    sql[n] = '\0';
    dml_from_text(c, sql, base + from, fn, true);
    free(sql);
  }
  TX_ARRAY_FREE(&toks);
}

static void function_body(SqlCtx *c, const char *stmt, uint32_t stmt_len, uint32_t base, json_t *n,
                          TxSqlFunc *fn_out, uint32_t fn) {
  size_t i;
  json_t *opt;
  const char *body = NULL;
  int as_loc = -1;
  json_array_foreach(get(n, "options"), i, opt) {
    json_t *d = get(opt, "DefElem");
    const char *name = json_string_value(get(d, "defname"));
    if (name && strcmp(name, "as") == 0) {
      json_t *items = get(get(get(d, "arg"), "List"), "items");
      body = sval(json_array_get(items, 0));
      as_loc = location(d);
    }
  }
  if (!body) {
    if (get(n, "sql_body") && tx_str_eq_c(fn_out->language, "sql"))
      atomic_body(c, stmt, stmt_len, base, fn);
    return;
  }
  Body b = {body, (uint32_t)strlen(body), TX_NONE};
  uint32_t off = body_offset(stmt, stmt_len, as_loc, body);
  b.offset = off == TX_NONE ? TX_NONE : base + off;
  if (tx_str_eq_c(fn_out->language, "plpgsql")) {
    bool out_params = false;
    for (uint32_t k = 0; k < fn_out->param_count; k++) {
      TxStr m = fn_out->params[k].mode;
      out_params |= tx_str_eq_c(m, "out") || tx_str_eq_c(m, "inout") || tx_str_eq_c(m, "table");
    }
    // Names in fn_out live in the file's arena, NUL-terminated.
    TxPlpgsqlIn in = {stmt, stmt_len, off, b.len, fn_out->name.ptr, out_params};
    TxPlpgsqlOut r;
    tx_plpgsql_parse(&in, &r);
    if (r.error) {
      // A body error is placed in the body when it could be (see plpgsql.c), else on the
      // statement's first keyword.
      uint32_t at = r.error_at != UINT32_MAX ? r.error_at
                    : r.cursorpos > 0        ? char_to_byte(stmt, stmt_len, r.cursorpos)
                                             : 0;
      parse_error_at(c, base + at, r.error);
    } else {
      json_t *tree = json_loads(r.json, 0, NULL);
      plpgsql_walk(c, tree, &b, fn, &fn_out->dynamic_sql);
      json_decref(tree);
    }
    tx_plpgsql_out_free(&r);
  } else if (tx_str_eq_c(fn_out->language, "sql") && b.offset != TX_NONE) {
    dml_from_text(c, body, b.offset, fn, true);
  }
}

// --- schema statements ----------------------------------------------------------------------

static void push_op(SqlCtx *c, TxSqlOp *op) {
  TX_ARRAY_PUSH(&c->ops, *op);
}

// One op per column of a FOREIGN KEY constraint `k` on base_op's table; `inline_col` is the
// column of a column constraint (`org_id uuid references orgs`), NULL for a table constraint.
// Unnamed constraints get PostgreSQL's default name, so a later DROP CONSTRAINT finds them.
static void foreign_key(SqlCtx *c, json_t *k, const TxSqlOp *base_op, const char *inline_col) {
  enum { MAX_FK_COLUMNS = 32 };
  json_t *fk = get(k, "fk_attrs"), *pk = get(k, "pk_attrs");
  size_t n = inline_col ? 1 : json_array_size(fk);
  if (n == 0 || n > MAX_FK_COLUMNS)
    return;
  TxSqlOp op = *base_op;
  op.kind = TX_SQL_FOREIGN_KEY;
  op.columns = NULL;
  op.column_count = 0;
  range_var(c, get(k, "pktable"), &op.ref_schema, &op.ref_table);
  const char *conname = json_string_value(get(k, "conname"));
  if (conname) {
    op.new_name = copy(c, conname);
  } else {
    char name[256];
    size_t len = (size_t)snprintf(name, sizeof name, "%.*s", TX_STR_ARG(base_op->name));
    for (size_t i = 0; i < n && len < sizeof name; i++) {
      const char *col = inline_col ? inline_col : sval(json_array_get(fk, i));
      len += (size_t)snprintf(name + len, sizeof name - len, "_%s", col ? col : "");
    }
    if (len < sizeof name)
      snprintf(name + len, sizeof name - len, "_fkey");
    op.new_name = copy(c, name);
  }
  for (size_t i = 0; i < n; i++) {
    const char *col = inline_col ? inline_col : sval(json_array_get(fk, i));
    if (!col)
      continue;
    op.column = copy(c, col);
    op.ref_column = copy(c, sval(json_array_get(pk, i)));
    push_op(c, &op);
  }
}

static void column_constraints(json_t *constraints, TxColumn *col) {
  size_t i;
  json_t *k;
  json_array_foreach(constraints, i, k) {
    const char *t = json_string_value(get(get(k, "Constraint"), "contype"));
    if (t && strcmp(t, "CONSTR_PRIMARY") == 0)
      col->is_primary_key = col->not_null = true;
    if (t && strcmp(t, "CONSTR_UNIQUE") == 0)
      col->is_unique = true;
    if (t && strcmp(t, "CONSTR_NOTNULL") == 0)
      col->not_null = true;
  }
}

// Pushes the inline REFERENCES constraints of column `col` (after the op that defines it).
static void column_foreign_keys(SqlCtx *c, json_t *constraints, const TxSqlOp *base_op,
                                const char *col) {
  size_t i;
  json_t *k;
  json_array_foreach(constraints, i, k) {
    json_t *con = get(k, "Constraint");
    const char *t = json_string_value(get(con, "contype"));
    if (col && t && strcmp(t, "CONSTR_FOREIGN") == 0)
      foreign_key(c, con, base_op, col);
  }
}

// A table constraint PRIMARY KEY (a) / UNIQUE (a): single-column ones mark the column;
// FOREIGN KEY (a, ...) REFERENCES t: one op per column.
static void table_constraint(SqlCtx *c, json_t *k, TxSqlOp *base_op) {
  const char *t = json_string_value(get(k, "contype"));
  if (t && strcmp(t, "CONSTR_FOREIGN") == 0) {
    foreign_key(c, k, base_op, NULL);
    return;
  }
  json_t *keys = get(k, "keys");
  if (!t || json_array_size(keys) != 1 ||
      (strcmp(t, "CONSTR_PRIMARY") != 0 && strcmp(t, "CONSTR_UNIQUE") != 0))
    return;
  TxSqlOp op = *base_op;
  op.kind = TX_SQL_UNIQUE;
  op.column = copy(c, sval(json_array_get(keys, 0)));
  op.columns = NULL;
  op.column_count = 0;
  push_op(c, &op);
}

static void create_table(SqlCtx *c, json_t *n, TxSpan sp) {
  TxSqlOp op;
  memset(&op, 0, sizeof op);
  op.kind = TX_SQL_CREATE_TABLE;
  op.span = sp;
  op.if_not_exists = json_is_true(get(n, "if_not_exists"));
  range_var(c, get(n, "relation"), &op.schema, &op.name);
  json_t *elts = get(n, "tableElts");
  TxColumn *cols = TX_ARENA_ARRAY(&c->f->arena, TxColumn, json_array_size(elts) + 1);
  size_t i;
  json_t *e;
  TX_ARRAY(json_t *) constraints = {0};
  json_array_foreach(elts, i, e) {
    json_t *cd = get(e, "ColumnDef");
    if (cd) {
      TxColumn *col = &cols[op.column_count++];
      col->name = copy(c, json_string_value(get(cd, "colname")));
      col->type = type_name(c, get(cd, "typeName"));
      column_constraints(get(cd, "constraints"), col);
    } else if (get(e, "Constraint")) {
      TX_ARRAY_PUSH(&constraints, get(e, "Constraint"));
    }
  }
  op.columns = cols;
  push_op(c, &op);
  json_array_foreach(elts, i, e) {
    json_t *cd = get(e, "ColumnDef");
    if (cd)
      column_foreign_keys(c, get(cd, "constraints"), &op, json_string_value(get(cd, "colname")));
  }
  for (uint32_t k = 0; k < constraints.count; k++)
    table_constraint(c, constraints.items[k], &op);
  TX_ARRAY_FREE(&constraints);
}

static void alter_table(SqlCtx *c, json_t *n, TxSpan sp) {
  TxSqlOp base;
  memset(&base, 0, sizeof base);
  base.span = sp;
  range_var(c, get(n, "relation"), &base.schema, &base.name);
  size_t i;
  json_t *cmd;
  json_array_foreach(get(n, "cmds"), i, cmd) {
    json_t *a = get(cmd, "AlterTableCmd");
    const char *sub = json_string_value(get(a, "subtype"));
    if (!sub)
      continue;
    TxSqlOp op = base;
    if (strcmp(sub, "AT_AddColumn") == 0) {
      json_t *cd = get(get(a, "def"), "ColumnDef");
      op.kind = TX_SQL_ADD_COLUMN;
      op.columns = TX_ARENA_NEW(&c->f->arena, TxColumn);
      op.columns[0].name = copy(c, json_string_value(get(cd, "colname")));
      op.columns[0].type = type_name(c, get(cd, "typeName"));
      column_constraints(get(cd, "constraints"), &op.columns[0]);
      op.column_count = 1;
      push_op(c, &op);
      column_foreign_keys(c, get(cd, "constraints"), &base, json_string_value(get(cd, "colname")));
      continue;
    } else if (strcmp(sub, "AT_DropColumn") == 0) {
      op.kind = TX_SQL_DROP_COLUMN;
      op.column = copy(c, json_string_value(get(a, "name")));
    } else if (strcmp(sub, "AT_EnableRowSecurity") == 0 ||
               strcmp(sub, "AT_ForceRowSecurity") == 0) {
      op.kind = TX_SQL_ENABLE_RLS;
    } else if (strcmp(sub, "AT_AddConstraint") == 0) {
      table_constraint(c, get(get(a, "def"), "Constraint"), &base);
      continue;
    } else if (strcmp(sub, "AT_DropConstraint") == 0) {
      op.kind = TX_SQL_DROP_CONSTRAINT;
      op.column = copy(c, json_string_value(get(a, "name")));
    } else if (strcmp(sub, "AT_SetNotNull") == 0) {
      op.kind = TX_SQL_SET_NOT_NULL;
      op.column = copy(c, json_string_value(get(a, "name")));
    } else {
      continue;
    }
    push_op(c, &op);
  }
}

static void rename_stmt(SqlCtx *c, json_t *n, TxSpan sp) {
  const char *type = json_string_value(get(n, "renameType"));
  TxSqlOp op;
  memset(&op, 0, sizeof op);
  op.span = sp;
  if (!type || !get(n, "relation"))
    return;
  range_var(c, get(n, "relation"), &op.schema, &op.name);
  op.new_name = copy(c, json_string_value(get(n, "newname")));
  if (strcmp(type, "OBJECT_COLUMN") == 0) {
    op.kind = TX_SQL_RENAME_COLUMN;
    op.column = copy(c, json_string_value(get(n, "subname")));
  } else if (strcmp(type, "OBJECT_TABLE") == 0) {
    op.kind = TX_SQL_RENAME_TABLE;
  } else {
    return;
  }
  push_op(c, &op);
}

// Argument types of an ObjectWithArgs, for overload matching.
static void object_args(SqlCtx *c, json_t *owa, TxSqlOp *op) {
  qualified(c, get(owa, "objname"), &op->schema, &op->name);
  json_t *args = get(owa, "objargs");
  op->has_arg_types = !json_is_true(get(owa, "args_unspecified"));
  size_t n = json_array_size(args);
  op->arg_types = TX_ARENA_ARRAY(&c->f->arena, TxStr, n + 1);
  for (size_t i = 0; i < n; i++)
    op->arg_types[op->arg_type_count++] = type_name(c, get(json_array_get(args, i), "TypeName"));
}

static void drop_stmt(SqlCtx *c, json_t *n, TxSpan sp) {
  const char *type = json_string_value(get(n, "removeType"));
  if (!type)
    return;
  size_t i;
  json_t *obj;
  json_array_foreach(get(n, "objects"), i, obj) {
    TxSqlOp op;
    memset(&op, 0, sizeof op);
    op.span = sp;
    if (strcmp(type, "OBJECT_TABLE") == 0) {
      op.kind = TX_SQL_DROP_TABLE;
      qualified(c, get(obj, "List"), &op.schema, &op.name);
    } else if (strcmp(type, "OBJECT_FUNCTION") == 0 || strcmp(type, "OBJECT_PROCEDURE") == 0) {
      op.kind = TX_SQL_DROP_FUNCTION;
      object_args(c, get(obj, "ObjectWithArgs"), &op);
    } else {
      return;
    }
    push_op(c, &op);
  }
}

static bool sets_search_path(json_t *defelem) {
  json_t *d = get(defelem, "DefElem");
  const char *name = json_string_value(get(d, "defname"));
  if (!name || strcmp(name, "set") != 0)
    return false;
  const char *var = json_string_value(get(get(get(d, "arg"), "VariableSetStmt"), "name"));
  return var && strcmp(var, "search_path") == 0;
}

static void alter_function(SqlCtx *c, json_t *n, TxSpan sp) {
  size_t i;
  json_t *a;
  json_array_foreach(get(n, "actions"), i, a) {
    if (!sets_search_path(a))
      continue;
    TxSqlOp op;
    memset(&op, 0, sizeof op);
    op.kind = TX_SQL_FUNCTION_SEARCH_PATH;
    op.span = sp;
    object_args(c,
                get(get(n, "func"), "ObjectWithArgs") ? get(get(n, "func"), "ObjectWithArgs")
                                                      : get(n, "func"),
                &op);
    push_op(c, &op);
  }
}

// What a policy expression mentions (TxPolicy.refs): tables read in subqueries, columns and
// called functions, each once. An explicit stack bounds the walk (no recursion on
// attacker-sized input); past the bounds the rest is not read.
typedef TX_ARRAY(TxStr) Refs;

static void add_ref(SqlCtx *c, Refs *refs, const char *prefix, const char *schema,
                    const char *name) {
  enum { MAX_POLICY_REFS = 64 };
  if (!name || refs->count >= MAX_POLICY_REFS)
    return;
  TxStr r = schema ? tx_arena_printf(&c->f->arena, "%s%s.%s", prefix, schema, name)
                   : tx_arena_printf(&c->f->arena, "%s%s", prefix, name);
  for (uint32_t i = 0; i < refs->count; i++) {
    if (tx_str_eq(refs->items[i], r))
      return;
  }
  TX_ARRAY_PUSH(refs, r);
}

static void policy_refs(SqlCtx *c, json_t *root, Refs *refs) {
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
    json_t *rv = get(o, "RangeVar"), *fc = get(o, "FuncCall");
    if (rv) {
      const char *sch = json_string_value(get(rv, "schemaname"));
      add_ref(c, refs, "t:", sch ? sch : "public", json_string_value(get(rv, "relname")));
    } else if (get(o, "ColumnRef")) {
      add_ref(c, refs, "c:", NULL, column_of(o));
    } else if (fc) {
      json_t *names = get(fc, "funcname");
      size_t n = json_array_size(names);
      add_ref(c, refs, "f:", n > 1 ? sval(json_array_get(names, n - 2)) : NULL,
              n ? sval(json_array_get(names, n - 1)) : NULL);
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

static void create_policy(SqlCtx *c, json_t *n, TxSpan sp) {
  TxSqlOp op;
  memset(&op, 0, sizeof op);
  op.kind = TX_SQL_CREATE_POLICY;
  op.span = sp;
  range_var(c, get(n, "table"), &op.schema, &op.name);
  op.new_name = copy(c, json_string_value(get(n, "policy_name")));
  op.column = copy(c, json_string_value(get(n, "cmd_name")));
  Refs refs = {0};
  policy_refs(c, get(n, "qual"), &refs);
  policy_refs(c, get(n, "with_check"), &refs);
  op.refs = TX_ARRAY_TO_ARENA(&c->f->arena, &refs);
  op.ref_count = refs.count;
  TX_ARRAY_FREE(&refs);
  push_op(c, &op);
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
static TxSpan name_span(const SqlCtx *c, const char *stmt, uint32_t base, TxStr name) {
  char lower[256];
  size_t n = name.len < sizeof lower - 1 ? name.len : sizeof lower - 1;
  memcpy(lower, name.ptr, n);
  lower[n] = '\0';
  const char *kw = strcasestr(stmt, "function");
  const char *hit = kw ? strcasestr(kw, lower) : NULL;
  if (!hit)
    return span(c, base, base);
  uint32_t at = base + (uint32_t)(hit - stmt);
  return span(c, at, at + (uint32_t)n);
}

static void create_function(SqlCtx *c, json_t *n, const char *stmt, uint32_t stmt_len,
                            uint32_t base, TxSpan sp) {
  TxSqlOp op;
  memset(&op, 0, sizeof op);
  op.kind = TX_SQL_CREATE_FUNCTION;
  op.span = sp;
  op.or_replace = json_is_true(get(n, "replace"));
  TxSqlFunc *fn = &op.func;
  qualified(c, get(n, "funcname"), &fn->schema, &fn->name);
  op.schema = fn->schema;
  op.name = fn->name;
  json_t *params = get(n, "parameters");
  fn->params = TX_ARENA_ARRAY(&c->f->arena, TxParam, json_array_size(params) + 1);
  size_t i;
  json_t *p;
  json_array_foreach(params, i, p) {
    json_t *fp = get(p, "FunctionParameter");
    TxParam *tp = &fn->params[fn->param_count++];
    tp->name = copy(c, json_string_value(get(fp, "name")));
    tp->type = type_name(c, get(fp, "argType"));
    tp->mode = tx_str(param_mode(json_string_value(get(fp, "mode"))));
    tp->has_default = get(fp, "defexpr") != NULL;
  }
  fn->returns = type_name(c, get(n, "returnType"));
  json_t *opts = get(n, "options");
  json_t *opt;
  json_array_foreach(opts, i, opt) {
    json_t *d = get(opt, "DefElem");
    const char *name = json_string_value(get(d, "defname"));
    if (!name)
      continue;
    if (strcmp(name, "language") == 0)
      fn->language = copy(c, sval(get(d, "arg")));
    else if (strcmp(name, "security") == 0)
      fn->security_definer = json_is_true(get(get(get(d, "arg"), "Boolean"), "boolval"));
    else if (sets_search_path(opt))
      fn->has_search_path = true;
  }
  if (fn->language.len == 0)
    fn->language = TX_STR_LIT("sql");
  fn->span = sp;
  fn->name_span = name_span(c, stmt, base, fn->name);
  fn->file = c->f->id;
  // The body's facts belong to a function of this file named schema.name.
  TxFunction tf;
  memset(&tf, 0, sizeof tf);
  tf.name =
      tx_arena_printf(&c->f->arena, "%.*s.%.*s", TX_STR_ARG(fn->schema), TX_STR_ARG(fn->name));
  tf.span = sp;
  tf.name_span = fn->name_span;
  tf.parent = TX_NONE;
  TX_ARRAY_PUSH(&c->fns, tf);
  fn->fn = c->fns.count - 1;
  function_body(c, stmt, stmt_len, base, n, fn, fn->fn);
  push_op(c, &op);
}

static void statement(SqlCtx *c, json_t *stmt, const char *text, uint32_t len, uint32_t base) {
  TxSpan sp = span(c, base, base + len);
  json_t *n;
  if ((n = get(stmt, "CreateStmt")))
    create_table(c, n, sp);
  else if ((n = get(stmt, "AlterTableStmt")))
    alter_table(c, n, sp);
  else if ((n = get(stmt, "RenameStmt")))
    rename_stmt(c, n, sp);
  else if ((n = get(stmt, "DropStmt")))
    drop_stmt(c, n, sp);
  else if ((n = get(stmt, "IndexStmt"))) {
    json_t *params = get(n, "indexParams");
    if (json_is_true(get(n, "unique")) && json_array_size(params) == 1) {
      TxSqlOp op;
      memset(&op, 0, sizeof op);
      op.kind = TX_SQL_UNIQUE;
      op.span = sp;
      range_var(c, get(n, "relation"), &op.schema, &op.name);
      op.column =
          copy(c, json_string_value(get(get(json_array_get(params, 0), "IndexElem"), "name")));
      if (op.column.len)
        push_op(c, &op);
    }
  } else if ((n = get(stmt, "CreatePolicyStmt")))
    create_policy(c, n, sp);
  else if ((n = get(stmt, "CreateFunctionStmt")))
    create_function(c, n, text, len, base, sp);
  else if ((n = get(stmt, "AlterFunctionStmt")))
    alter_function(c, n, sp);
  else
    dml_fact(c, stmt, base, base, base + len, TX_NONE);
}

// Parses one statement [start, start+len) of the file.
static void parse_statement(SqlCtx *c, uint32_t start, uint32_t len) {
  const char *src = c->f->src.text;
  uint32_t first = skip_space(src, start, start + len);
  len -= first - start;
  start = first;
  if (len == 0)
    return;
  char *text = tx_xmalloc((size_t)len + 1);
  memcpy(text, src + start, len);
  text[len] = '\0';
  PgQueryParseResult r = pg_query_parse(text);
  if (r.error) {
    parse_error(c, r.error, start, text, len);
  } else {
    json_t *tree = json_loads(r.parse_tree, 0, NULL);
    size_t i;
    json_t *raw;
    json_array_foreach(get(tree, "stmts"), i, raw) {
      // Each statement with its own text (a piece holds one; the PL/pgSQL parser reads every
      // function of the text it is given).
      json_t *loc = get(raw, "stmt_location"), *slen = get(raw, "stmt_len");
      json_int_t s = json_is_integer(loc) ? json_integer_value(loc) : 0;
      json_int_t n = json_is_integer(slen) ? json_integer_value(slen) : 0;
      if (s < 0 || s > (json_int_t)len)
        continue;
      if (n <= 0 || n > (json_int_t)len - s)
        n = (json_int_t)len - s;
      uint32_t from = skip_space(text, (uint32_t)s, (uint32_t)(s + n));
      uint32_t to = (uint32_t)(s + n);
      if (from == 0 && to == len) {
        statement(c, get(raw, "stmt"), text, len, start);
      } else if (to > from) {
        char *one = tx_xmalloc((size_t)(to - from) + 1);
        memcpy(one, text + from, to - from);
        one[to - from] = '\0';
        statement(c, get(raw, "stmt"), one, to - from, start + from);
        free(one);
      }
    }
    json_decref(tree);
  }
  pg_query_free_parse_result(r);
  free(text);
}

// pg_query_split_with_scanner ends a statement at every `;`, but a SQL-standard function
// body, `BEGIN ATOMIC stmt; ...; END`, holds its own. As psql does, a piece that begins
// CREATE [OR REPLACE] FUNCTION|PROCEDURE and leaves a BEGIN (or, inside one, a CASE) open
// at parenthesis depth 0 runs on through the following pieces to its END. A body that never
// closes joins nothing: each piece is then read (and reported) on its own.
typedef struct Nesting {
  bool checked, routine; // the first piece was looked at; it begins CREATE FUNCTION|PROCEDURE
  int depth, parens;
} Nesting;

// Carries `st` over the tokens of src[0, n). False when they cannot be scanned.
static bool nesting_over(const char *src, uint32_t n, Nesting *st) {
  char *text = tx_xmalloc((size_t)n + 1);
  memcpy(text, src, n);
  text[n] = '\0';
  TxSqlToks toks = {0};
  bool ok = tx_sql_scan(text, n, &toks);
  uint32_t i = 0;
  if (ok && !st->checked) {
    st->checked = true;
    const TxSqlTok *t = toks.items;
    if (toks.count > 3 && tx_sql_tok_is(text, &t[0], "create")) {
      i = tx_sql_tok_is(text, &t[1], "or") && tx_sql_tok_is(text, &t[2], "replace") ? 3 : 1;
      st->routine =
          tx_sql_tok_is(text, &t[i], "function") || tx_sql_tok_is(text, &t[i], "procedure");
    }
  }
  for (; ok && st->routine && i < toks.count; i++) {
    const TxSqlTok *t = &toks.items[i];
    if (t->kind == TX_TOK_CHAR)
      st->parens += (t->ch == '(') - (t->ch == ')');
    if (st->parens != 0)
      continue;
    if (tx_sql_tok_is(text, t, "begin") || (st->depth > 0 && tx_sql_tok_is(text, t, "case")))
      st->depth++;
    else if (st->depth > 0 && tx_sql_tok_is(text, t, "end"))
      st->depth--;
  }
  TX_ARRAY_FREE(&toks);
  free(text);
  return ok;
}

static bool contains_atomic(const char *s, uint32_t n) {
  for (uint32_t i = 0; i + 6 <= n; i++) {
    if (tx_str_eq_nocase(tx_str_n(s + i, 6), TX_STR_LIT("atomic")))
      return true;
  }
  return false;
}

static uint32_t piece_end(const PgQuerySplitStmt *p, uint32_t src_len) {
  uint32_t loc = (uint32_t)p->stmt_location;
  return p->stmt_len > 0 && (uint32_t)p->stmt_len <= src_len - loc ? loc + (uint32_t)p->stmt_len
                                                                   : src_len;
}

static void join_atomic_bodies(PgQuerySplitResult *split, const char *src, uint32_t src_len) {
  enum { MAX_JOIN = 1024 }; // pieces in one body
  if (split->error)
    return; // no pieces (n_stmts is not set then)
  for (int i = 0; i < split->n_stmts; i++) {
    PgQuerySplitStmt *p = split->stmts[i];
    if (p->stmt_location < 0 || (uint32_t)p->stmt_location >= src_len)
      continue;
    uint32_t loc = (uint32_t)p->stmt_location, end = piece_end(p, src_len);
    if (!contains_atomic(src + loc, end - loc))
      continue;
    Nesting st = {false, false, 0, 0};
    uint32_t from = loc;
    int j = i;
    while (nesting_over(src + from, end - from, &st) && st.routine && st.depth > 0 &&
           j + 1 < split->n_stmts && j - i < MAX_JOIN) {
      const PgQuerySplitStmt *q = split->stmts[j + 1];
      if (q->stmt_location < 0 || (uint32_t)q->stmt_location < end ||
          (uint32_t)q->stmt_location >= src_len)
        break;
      from = end;
      end = piece_end(q, src_len);
      j++;
    }
    if (j > i && st.depth == 0) {
      p->stmt_len = (int)(end - loc);
      for (int k = i + 1; k <= j; k++)
        split->stmts[k]->stmt_location = -1; // read as part of piece i
      i = j;
    }
  }
}

// --- suppression comments -----------------------------------------------------------------

static uint32_t line_of(const SqlCtx *c, uint32_t offset) {
  return tx_source_pos(&c->f->src, offset).line;
}

// `-- txlint-ignore rule -- reason`, alone on a line (covers the next line with code) or
// after code (covers its own line). Comments are found line by line; a marker inside a string
// literal would count too, which is harmless (it must still name a rule and match a finding).
typedef TX_ARRAY(TxSuppression) SupList;

static void suppressions(SqlCtx *c, SupList *out) {
  const char *t = c->f->src.text;
  uint32_t len = c->f->src.len;
  for (uint32_t i = 0; i + 1 < len; i++) {
    if (!(t[i] == '-' && t[i + 1] == '-'))
      continue;
    uint32_t end = i;
    while (end < len && t[end] != '\n' && t[end] != '\r')
      end++;
    const char *key = tx_suppression_find(t + i, t + end);
    TxSuppression sup;
    if (key && tx_suppression_parse(&c->f->arena, key, t + end, &sup)) {
      uint32_t ls = i;
      while (ls > 0 && t[ls - 1] != '\n' && t[ls - 1] != '\r')
        ls--;
      bool code_before = false;
      for (uint32_t k = ls; k < i; k++)
        code_before |= t[k] != ' ' && t[k] != '\t';
      uint32_t next = end;
      for (;;) { // skip blank lines and further comment lines
        while (next < len &&
               (t[next] == ' ' || t[next] == '\t' || t[next] == '\n' || t[next] == '\r'))
          next++;
        if (next + 1 < len && t[next] == '-' && t[next + 1] == '-') {
          while (next < len && t[next] != '\n')
            next++;
          continue;
        }
        break;
      }
      sup.span = span(c, i, end);
      sup.line = code_before ? line_of(c, i) : line_of(c, next);
      TX_ARRAY_PUSH(out, sup);
    }
    i = end;
  }
}

// --- entry ----------------------------------------------------------------------------------

static void finish(SqlCtx *c) {
  TxFile *f = c->f;
  TxArena *a = &f->arena;
  TxSqlUnit *unit = TX_ARENA_NEW(a, TxSqlUnit);
  unit->ops = TX_ARRAY_TO_ARENA(a, &c->ops);
  unit->op_count = c->ops.count;
  f->sql = unit;
  if (c->parse_errors > MAX_PARSE_NOTICES) {
    TxNotice n = {TX_NOTICE_WARNING,
                  tx_str("parse-error"),
                  tx_arena_printf(a, "%u more SQL syntax errors not shown",
                                  c->parse_errors - MAX_PARSE_NOTICES),
                  {f->id, 0, 0},
                  false};
    TX_ARRAY_PUSH(&c->notices, n);
  }
  TxFunction *fns = TX_ARRAY_TO_ARENA(a, &c->fns);
  for (uint32_t i = 0; i < c->fns.count; i++) {
    uint32_t n = 0;
    for (uint32_t k = 0; k < c->facts.count; k++)
      n += c->facts.items[k].fn == i;
    fns[i].facts = n ? TX_ARENA_ARRAY(a, uint32_t, n) : NULL;
    for (uint32_t k = 0; k < c->facts.count; k++) {
      if (c->facts.items[k].fn == i)
        fns[i].facts[fns[i].fact_count++] = k;
    }
  }
  f->functions = fns;
  f->function_count = c->fns.count;
  f->facts = TX_ARRAY_TO_ARENA(a, &c->facts);
  f->fact_count = c->facts.count;
  tx_file_append_notices(f, c->notices.items, c->notices.count);
}

// The file took longer than the time budget: it contributes nothing but a notice.
static void over_budget(SqlCtx *c, uint32_t budget) {
  c->ops.count = c->facts.count = c->fns.count = 0;
  c->notices.count = 0;
  TxNotice n = {TX_NOTICE_WARNING,
                tx_str("limit"),
                tx_arena_printf(&c->f->arena,
                                "%.*s: analysis took longer than the time budget (%u ms); skipped",
                                TX_STR_ARG(c->f->src.path), budget),
                {c->f->id, 0, 0},
                false};
  TX_ARRAY_PUSH(&c->notices, n);
  c->f->uncacheable = true;
}

void tx_sql_extract(TxFile *f, const TxConfig *cfg) {
  SqlCtx c;
  memset(&c, 0, sizeof c);
  c.f = f;
  c.cfg = cfg;
  thread_used = true;
  bool over = false;
  PgQuerySplitResult split = pg_query_split_with_scanner(f->src.text);
  join_atomic_bodies(&split, f->src.text, f->src.len);
  if (split.error) {
    parse_error(&c, split.error, 0, f->src.text, f->src.len);
  } else {
    uint32_t budget = tx_config_file_budget_ms(cfg, f->src.len);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < split.n_stmts; i++) {
      struct timespec t;
      clock_gettime(CLOCK_MONOTONIC, &t);
      uint64_t ms =
          (uint64_t)(t.tv_sec - t0.tv_sec) * 1000 + (uint64_t)((t.tv_nsec - t0.tv_nsec) / 1000000);
      if (ms > budget) { // drop what was read: a partial schema would mislead the rules
        over_budget(&c, budget);
        over = true;
        break;
      }
      int loc = split.stmts[i]->stmt_location, len = split.stmts[i]->stmt_len;
      if (loc < 0 || (uint32_t)loc > f->src.len)
        continue;
      if (len <= 0 || (uint32_t)(loc + len) > f->src.len)
        len = (int)(f->src.len - (uint32_t)loc);
      parse_statement(&c, (uint32_t)loc, (uint32_t)len);
    }
  }
  pg_query_free_split_result(split);
  SupList sups = {0};
  if (!over) // a skipped file's suppressions would all look unused
    suppressions(&c, &sups);
  f->suppressions = TX_ARRAY_TO_ARENA(&f->arena, &sups);
  f->suppression_count = sups.count;
  TX_ARRAY_FREE(&sups);
  finish(&c);
  TX_ARRAY_FREE(&c.ops);
  TX_ARRAY_FREE(&c.facts);
  TX_ARRAY_FREE(&c.fns);
  TX_ARRAY_FREE(&c.notices);
}
