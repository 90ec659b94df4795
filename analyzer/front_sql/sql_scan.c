// sql_scan.c: tokens from pg_query_scan. Its result is a protobuf message; the generated
// decoder for it ships in libpg_query (pg_query.pb-c.h, with libprotobuf-c's header).
#include "sql_scan.h"

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>
#include <string.h>

static TxSqlTokKind kind_of(const PgQuery__ScanToken *t, const char *text, TxSqlTok *out) {
  if (t->token > 0 && t->token < 256) {
    out->ch = (char)t->token;
    return TX_TOK_CHAR;
  }
  switch (t->token) {
  case PG_QUERY__TOKEN__IDENT:
    if (text[t->start] == '"')
      return TX_TOK_QUOTED;
    if ((text[t->start] == 'U' || text[t->start] == 'u') && text[t->start + 1] == '&')
      return TX_TOK_OTHER; // U&"..." (escapes this front end does not decode)
    return TX_TOK_WORD;
  case PG_QUERY__TOKEN__PARAM:
    return TX_TOK_PARAM;
  case PG_QUERY__TOKEN__COLON_EQUALS:
    return TX_TOK_ASSIGN;
  case PG_QUERY__TOKEN__Op:
    return TX_TOK_OP;
  default:
    return t->keyword_kind != PG_QUERY__KEYWORD_KIND__NO_KEYWORD ? TX_TOK_WORD : TX_TOK_OTHER;
  }
}

bool tx_sql_scan(const char *text, uint32_t len, TxSqlToks *out) {
  out->count = 0;
  PgQueryScanResult r = pg_query_scan(text);
  bool ok = r.error == NULL;
  PgQuery__ScanResult *s =
      ok ? pg_query__scan_result__unpack(NULL, r.pbuf.len, (const uint8_t *)r.pbuf.data) : NULL;
  ok = s != NULL;
  for (size_t i = 0; ok && i < s->n_tokens; i++) {
    const PgQuery__ScanToken *t = s->tokens[i];
    if (t->token == PG_QUERY__TOKEN__SQL_COMMENT || t->token == PG_QUERY__TOKEN__C_COMMENT)
      continue;
    if (t->start < 0 || t->end < t->start || (uint32_t)t->end > len)
      continue; // never seen; keeps every offset inside the text
    TxSqlTok tok = {(uint32_t)t->start, (uint32_t)t->end, TX_TOK_OTHER, 0};
    tok.kind = kind_of(t, text, &tok);
    TX_ARRAY_PUSH(out, tok);
  }
  if (s)
    pg_query__scan_result__free_unpacked(s, NULL);
  pg_query_free_scan_result(r);
  if (!ok)
    out->count = 0;
  return ok;
}

bool tx_sql_tok_is(const char *text, const TxSqlTok *t, const char *word) {
  size_t n = strlen(word);
  return t->kind == TX_TOK_WORD && t->end - t->start == n &&
         tx_str_eq_nocase(tx_str_n(text + t->start, n), tx_str_n(word, n));
}

bool tx_sql_tok_name(const char *text, const TxSqlTok *t, char *buf, uint32_t cap) {
  uint32_t n = 0;
  if (t->kind == TX_TOK_WORD) {
    for (uint32_t i = t->start; i < t->end; i++) {
      if (n + 1 >= cap)
        return false;
      buf[n++] = tx_sql_fold(text[i]);
    }
  } else if (t->kind == TX_TOK_QUOTED && t->end - t->start >= 2) {
    for (uint32_t i = t->start + 1; i + 1 < t->end; i++) {
      if (n + 1 >= cap)
        return false;
      buf[n++] = text[i];
      if (text[i] == '"')
        i++; // "" stands for one quote
    }
  } else {
    return false;
  }
  buf[n] = '\0';
  return true;
}
