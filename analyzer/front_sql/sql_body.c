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

// --- functions created by dynamic SQL in DO blocks ------------------------------------------

// A DO block that runs `EXECUTE 'CREATE FUNCTION ...'` (or `EXECUTE format('CREATE ... %I',
// 'name')` with literal arguments) creates the function as surely as the statement itself,
// so the string is parsed as SQL and its CREATE FUNCTION statements are read like any other.
// A string whose value is not a literal (a variable, a concatenation, format() over a
// variable) creates a function nobody can name here and is skipped.
enum {
  MAX_DO_EXECUTES = 64,          // EXECUTE statements read per DO block
  MAX_FORMAT_ARGS = 32,          // format() arguments
  MAX_DYNAMIC_SQL = 1024 * 1024, // bytes of one EXECUTE string, before and after format()
};

typedef TX_ARRAY(char) CharBuf;

static void buf_add(CharBuf *b, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    TX_ARRAY_PUSH(b, s[i]);
}

// format()'s quote_ident: a lower-case name of letters, digits and underscores stays bare,
// anything else is double-quoted with "" doubled (keywords would be quoted too: a function
// named like one is rare, and the quoted name parses to the same name).
static void quote_ident(CharBuf *b, const char *s) {
  bool bare = *s && !(*s >= '0' && *s <= '9');
  for (const char *p = s; *p && bare; p++)
    bare = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_';
  if (bare) {
    buf_add(b, s, strlen(s));
    return;
  }
  TX_ARRAY_PUSH(b, '"');
  for (const char *p = s; *p; p++) {
    if (*p == '"')
      TX_ARRAY_PUSH(b, '"');
    TX_ARRAY_PUSH(b, *p);
  }
  TX_ARRAY_PUSH(b, '"');
}

static void quote_literal(CharBuf *b, const char *s) {
  TX_ARRAY_PUSH(b, '\'');
  for (const char *p = s; *p; p++) {
    if (*p == '\'')
      TX_ARRAY_PUSH(b, '\'');
    TX_ARRAY_PUSH(b, *p);
  }
  TX_ARRAY_PUSH(b, '\'');
}

// PostgreSQL's format() over literal arguments: %s, %I, %L, %% and positions (`%2$I`);
// widths and flags are not read (NULL: the string is then skipped). Heap string or NULL.
static char *apply_format(const char *fmt, const char *const *args, size_t nargs) {
  CharBuf b = {0};
  size_t next = 0;
  for (const char *p = fmt; *p; p++) {
    if (b.count > MAX_DYNAMIC_SQL)
      goto fail;
    if (*p != '%') {
      TX_ARRAY_PUSH(&b, *p);
      continue;
    }
    p++;
    if (*p == '%') {
      TX_ARRAY_PUSH(&b, '%');
      continue;
    }
    size_t arg = next;
    if (*p >= '1' && *p <= '9') {
      size_t pos = 0;
      while (*p >= '0' && *p <= '9' && pos <= MAX_FORMAT_ARGS)
        pos = pos * 10 + (size_t)(*p++ - '0');
      if (*p != '$')
        goto fail; // a width, not a position
      p++;
      arg = pos - 1;
    }
    if (arg >= nargs || (*p != 's' && *p != 'I' && *p != 'L'))
      goto fail;
    next = arg + 1;
    if (*p == 's')
      buf_add(&b, args[arg], strlen(args[arg]));
    else if (*p == 'I')
      quote_ident(&b, args[arg]);
    else
      quote_literal(&b, args[arg]);
  }
  TX_ARRAY_PUSH(&b, '\0');
  return b.items;
fail:
  TX_ARRAY_FREE(&b);
  return NULL;
}

// The string value of expression `expr` when it is a literal or format() over literals, read
// by libpg_query from `SELECT <expr>` (so every quoting PostgreSQL has is decoded as it
// would be). Heap string or NULL.
static char *literal_value(const char *expr, uint32_t len) {
  if (len == 0 || len > MAX_DYNAMIC_SQL)
    return NULL;
  char *sql = tx_xmalloc((size_t)len + 8);
  memcpy(sql, "SELECT ", 7);
  memcpy(sql + 7, expr, len);
  sql[len + 7] = '\0';
  PgQueryParseResult r = pg_query_parse(sql);
  free(sql);
  char *out = NULL;
  json_t *tree = r.error ? NULL : json_loads(r.parse_tree, 0, NULL);
  json_t *stmts = tx_sql_get(tree, "stmts");
  json_t *targets = tx_sql_get(
      tx_sql_get(tx_sql_get(json_array_get(stmts, 0), "stmt"), "SelectStmt"), "targetList");
  json_t *val = json_array_size(stmts) == 1 && json_array_size(targets) == 1
                    ? tx_sql_get(tx_sql_get(json_array_get(targets, 0), "ResTarget"), "val")
                    : NULL;
  const char *lit = tx_sql_sval(tx_sql_get(tx_sql_get(val, "A_Const"), "sval"));
  json_t *call = tx_sql_get(val, "FuncCall");
  json_t *fname = tx_sql_get(call, "funcname");
  const char *last = tx_sql_sval(json_array_get(fname, json_array_size(fname) - 1));
  if (lit) {
    out = tx_xstrdup(lit);
  } else if (last && strcmp(last, "format") == 0) {
    json_t *args = tx_sql_get(call, "args");
    const char *vals[MAX_FORMAT_ARGS + 1];
    size_t n = json_array_size(args);
    bool literal = n >= 1 && n <= MAX_FORMAT_ARGS + 1;
    for (size_t i = 0; i < n && literal; i++) {
      vals[i] = tx_sql_sval(tx_sql_get(tx_sql_get(json_array_get(args, i), "A_Const"), "sval"));
      literal = vals[i] != NULL;
    }
    if (literal)
      out = apply_format(vals[0], vals + 1, n - 1);
  }
  json_decref(tree);
  pg_query_free_parse_result(r);
  return out;
}

// Whether token i begins a PL/pgSQL statement (so `EXECUTE` there is the statement, not a
// word inside one).
static bool statement_start(const char *body, const TxSqlToks *toks, uint32_t i) {
  if (i == 0)
    return true;
  const TxSqlTok *p = &toks->items[i - 1];
  return (p->kind == TX_TOK_CHAR && p->ch == ';') || tx_sql_tok_is(body, p, "begin") ||
         tx_sql_tok_is(body, p, "then") || tx_sql_tok_is(body, p, "else") ||
         tx_sql_tok_is(body, p, "loop");
}

// Keeps the spans made since the marks inside [lo, hi]: positions in a string whose value is
// not its text (doubled quotes, format()) drift from the file's, and must not leave the
// literal they came from.
typedef struct Marks {
  uint32_t ops, facts, fns, notices;
} Marks;

static void clamp(TxSpan *s, uint32_t lo, uint32_t hi) {
  s->start = s->start < lo ? lo : s->start > hi ? hi : s->start;
  s->end = s->end < s->start ? s->start : s->end > hi ? hi : s->end;
}

static void clamp_since(SqlCtx *ex, const Marks *m, uint32_t lo, uint32_t hi) {
  for (uint32_t i = m->ops; i < ex->ops.count; i++) {
    clamp(&ex->ops.items[i].span, lo, hi);
    clamp(&ex->ops.items[i].func.span, lo, hi);
    clamp(&ex->ops.items[i].func.name_span, lo, hi);
  }
  for (uint32_t i = m->facts; i < ex->facts.count; i++) {
    TxFact *x = &ex->facts.items[i];
    clamp(&x->span, lo, hi);
    clamp(&x->op_span, lo, hi);
    for (uint32_t k = 0; k < x->filter_count; k++)
      clamp(&x->filters[k].span, lo, hi);
  }
  for (uint32_t i = m->fns; i < ex->fns.count; i++) {
    clamp(&ex->fns.items[i].span, lo, hi);
    clamp(&ex->fns.items[i].name_span, lo, hi);
  }
  for (uint32_t i = m->notices; i < ex->notices.count; i++)
    clamp(&ex->notices.items[i].span, lo, hi);
}

// Reads the CREATE FUNCTION statements of `sql`, the value of a literal whose text begins at
// file offset `at`.
static void dynamic_functions(SqlCtx *ex, const char *sql, uint32_t at) {
  PgQueryParseResult r = pg_query_parse(sql);
  json_t *tree = r.error ? NULL : json_loads(r.parse_tree, 0, NULL);
  size_t i, len = strlen(sql);
  json_t *raw;
  json_array_foreach(tx_sql_get(tree, "stmts"), i, raw) {
    json_t *stmt = tx_sql_get(raw, "stmt");
    if (!tx_sql_get(stmt, "CreateFunctionStmt"))
      continue;
    json_t *loc = tx_sql_get(raw, "stmt_location"), *slen = tx_sql_get(raw, "stmt_len");
    json_int_t s = json_is_integer(loc) ? json_integer_value(loc) : 0;
    json_int_t n = json_is_integer(slen) ? json_integer_value(slen) : 0;
    if (s < 0 || (size_t)s > len)
      continue;
    if (n <= 0 || (size_t)n > len - (size_t)s)
      n = (json_int_t)(len - (size_t)s);
    uint32_t from = tx_sql_skip_space(sql, (uint32_t)s, (uint32_t)(s + n));
    uint32_t to = (uint32_t)(s + n);
    char *one = tx_xmalloc((size_t)(to - from) + 1);
    memcpy(one, sql + from, to - from);
    one[to - from] = '\0';
    tx_sql_statement(ex, stmt, one, to - from, at + from);
    free(one);
  }
  json_decref(tree);
  pg_query_free_parse_result(r);
}

// Where the text of the string literal (or of format()'s first argument) of token `t`
// begins: after the quote, or after the dollar tag.
static uint32_t literal_text_start(const char *body, const TxSqlTok *t) {
  if (body[t->start] == '$') {
    const char *close = memchr(body + t->start + 1, '$', t->end - t->start - 1);
    return close ? (uint32_t)(close - body) + 1 : t->start;
  }
  const char *q = memchr(body + t->start, '\'', t->end - t->start);
  return q ? (uint32_t)(q - body) + 1 : t->start;
}

// The EXECUTE at token i: its expression runs to the `;` (or INTO, USING) at depth 0.
// `body_base` is the body's file offset when `located`; else [lo, hi] is the statement's.
static void do_execute(SqlCtx *ex, const char *body, const TxSqlToks *toks, uint32_t i,
                       bool located, uint32_t body_base, uint32_t lo, uint32_t hi) {
  uint32_t j = i + 1;
  int depth = 0;
  for (; j < toks->count; j++) {
    const TxSqlTok *t = &toks->items[j];
    depth += t->kind == TX_TOK_CHAR ? (t->ch == '(') - (t->ch == ')') : 0;
    if (depth == 0 && ((t->kind == TX_TOK_CHAR && t->ch == ';') || tx_sql_tok_is(body, t, "into") ||
                       tx_sql_tok_is(body, t, "using")))
      break;
  }
  if (j >= toks->count || j == i + 1)
    return;
  uint32_t from = toks->items[i + 1].start, to = toks->items[j - 1].end;
  char *sql = literal_value(body + from, to - from);
  if (!sql)
    return;
  // The string itself is the first literal token: `'...'`, or format('...', ...).
  const TxSqlTok *lit = &toks->items[i + 1];
  if (lit->kind == TX_TOK_WORD && i + 3 < j)
    lit = &toks->items[i + 3];
  uint32_t text_at = lo;
  if (located) {
    text_at = body_base + literal_text_start(body, lit);
    lo = body_base + lit->start;
    hi = body_base + toks->items[j - 1].end;
  }
  Marks m = {ex->ops.count, ex->facts.count, ex->fns.count, ex->notices.count};
  dynamic_functions(ex, sql, text_at);
  clamp_since(ex, &m, lo, hi);
  free(sql);
}

void tx_sql_do_block(SqlCtx *ex, json_t *n, const char *text, uint32_t len, uint32_t base) {
  const char *body = NULL, *language = "plpgsql";
  size_t i;
  json_t *opt;
  json_array_foreach(tx_sql_get(n, "args"), i, opt) {
    json_t *d = tx_sql_get(opt, "DefElem");
    const char *name = json_string_value(tx_sql_get(d, "defname"));
    const char *v = tx_sql_sval(tx_sql_get(d, "arg"));
    if (name && v && strcmp(name, "as") == 0)
      body = v;
    else if (name && v && strcmp(name, "language") == 0)
      language = v;
  }
  if (!body || strcmp(language, "plpgsql") != 0)
    return;
  // A dollar-quoted body is in the statement as written; a quoted one with escapes is not,
  // and then every position found in it is the statement's start.
  const char *hit = strstr(text, body);
  uint32_t body_base = hit ? base + (uint32_t)(hit - text) : base;
  TxSqlToks toks = {0};
  uint32_t blen = (uint32_t)strlen(body), executes = 0;
  if (tx_sql_scan(body, blen, &toks)) {
    for (uint32_t k = 0; k < toks.count && executes < MAX_DO_EXECUTES; k++) {
      if (tx_sql_tok_is(body, &toks.items[k], "execute") && statement_start(body, &toks, k)) {
        executes++;
        do_execute(ex, body, &toks, k, hit != NULL, body_base, base, base + len);
      }
    }
  }
  TX_ARRAY_FREE(&toks);
}
