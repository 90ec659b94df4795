// sql_split.c: joining the pieces of a SQL-standard function body that
// pg_query_split_with_scanner cut at its `;`s.
#include <pg_query.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "sql_internal.h"
#include "sql_scan.h"

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

void tx_sql_join_atomic_bodies(PgQuerySplitResult *split, const char *src, uint32_t src_len) {
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
