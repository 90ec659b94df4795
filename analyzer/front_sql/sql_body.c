// sql_body.c: function bodies: PL/pgSQL handed to plpgsql.c and walked for its SQL
// statements, LANGUAGE sql and BEGIN ATOMIC bodies read as statement lists; every fact's span
// is a byte range of the migration file.
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "plpgsql.h"
#include "sql_internal.h"
#include "sql_scan.h"

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
static void plpgsql_walk(SqlCtx *ex, json_t *root, const Body *b, uint32_t fn, bool *dynamic) {
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
    if (tx_sql_get(n, "PLpgSQL_stmt_dynexecute") || tx_sql_get(n, "PLpgSQL_stmt_dynfors") ||
        tx_sql_get(tx_sql_get(n, "PLpgSQL_stmt_return_query"), "dynquery"))
      *dynamic = true;
    // A statement of SQL: on its own, after RETURN QUERY, or as a FOR loop's query (those
    // may be `UPDATE ... RETURNING` too).
    json_t *exec = tx_sql_get(n, "PLpgSQL_stmt_execsql");
    json_t *expr = tx_sql_get(tx_sql_get(exec, "sqlstmt"), "PLpgSQL_expr");
    json_t *holder = exec;
    if (!exec && (holder = tx_sql_get(n, "PLpgSQL_stmt_return_query")) == NULL)
      holder = tx_sql_get(n, "PLpgSQL_stmt_fors");
    if (!exec && holder)
      expr = tx_sql_get(tx_sql_get(holder, "query"), "PLpgSQL_expr");
    const char *query = json_string_value(tx_sql_get(expr, "query"));
    json_t *line = tx_sql_get(holder, "lineno");
    if (query && json_is_integer(line) && b->offset != TX_NONE) {
      uint32_t where = locate_query(b, (int)json_integer_value(line), query);
      tx_sql_dml_from_text(ex, query, b->offset + where, fn, false);
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
static void atomic_body(SqlCtx *ex, const char *stmt, uint32_t stmt_len, uint32_t base,
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
    tx_sql_dml_from_text(ex, sql, base + from, fn, true);
    free(sql);
  }
  TX_ARRAY_FREE(&toks);
}

void tx_sql_function_body(SqlCtx *ex, const char *stmt, uint32_t stmt_len, uint32_t base, json_t *n,
                          TxSqlFunc *fn_out, uint32_t fn) {
  size_t i;
  json_t *opt;
  const char *body = NULL;
  int as_loc = -1;
  json_array_foreach(tx_sql_get(n, "options"), i, opt) {
    json_t *d = tx_sql_get(opt, "DefElem");
    const char *name = json_string_value(tx_sql_get(d, "defname"));
    if (name && strcmp(name, "as") == 0) {
      json_t *items = tx_sql_get(tx_sql_get(tx_sql_get(d, "arg"), "List"), "items");
      body = tx_sql_sval(json_array_get(items, 0));
      as_loc = tx_sql_location(d);
    }
  }
  if (!body) {
    if (tx_sql_get(n, "sql_body") && tx_str_eq_c(fn_out->language, "sql"))
      atomic_body(ex, stmt, stmt_len, base, fn);
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
                    : r.cursorpos > 0        ? tx_sql_char_to_byte(stmt, stmt_len, r.cursorpos)
                                             : 0;
      tx_sql_parse_error_at(ex, base + at, r.error);
    } else {
      json_t *tree = json_loads(r.json, 0, NULL);
      plpgsql_walk(ex, tree, &b, fn, &fn_out->dynamic_sql);
      json_decref(tree);
    }
    tx_plpgsql_out_free(&r);
  } else if (tx_str_eq_c(fn_out->language, "sql") && b.offset != TX_NONE) {
    tx_sql_dml_from_text(ex, body, b.offset, fn, true);
  }
}
