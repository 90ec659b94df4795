// sql_scan.h: the tokens of SQL or PL/pgSQL text from libpg_query's own scanner
// (pg_query_scan, the PostgreSQL lexer PL/pgSQL uses too), so strings, dollar quotes,
// quoted identifiers and comments are told apart exactly as PostgreSQL does. Comments are
// left out. Used where the front end needs token positions libpg_query's trees do not give
// (a PL/pgSQL body's statements, the end of a BEGIN ATOMIC body).
#ifndef TX_FRONT_SQL_SQL_SCAN_H
#define TX_FRONT_SQL_SQL_SCAN_H

#include <stdbool.h>
#include <stdint.h>

#include "base/array.h"
#include "base/str.h"

typedef enum TxSqlTokKind {
  TX_TOK_WORD,   // an identifier or a keyword (unquoted: compare with tx_sql_tok_is)
  TX_TOK_QUOTED, // a "quoted identifier"
  TX_TOK_PARAM,  // $1
  TX_TOK_ASSIGN, // :=
  TX_TOK_OP,     // an operator (<<, >>, ->>, ...)
  TX_TOK_CHAR,   // a one-character token: ; . , ( ) [ ] = and the like (in `ch`)
  TX_TOK_OTHER,  // literals and the rest
} TxSqlTokKind;

typedef struct TxSqlTok {
  uint32_t start, end; // byte offsets in the scanned text
  TxSqlTokKind kind;
  char ch; // TX_TOK_CHAR: the character
} TxSqlTok;

typedef TX_ARRAY(TxSqlTok) TxSqlToks;

// Scans `text` (`len` bytes, NUL-terminated at text[len]) into `out` (cleared first; the
// caller frees it with TX_ARRAY_FREE). False, with `out` empty, when the scanner rejects the
// text (an unterminated string or comment).
bool tx_sql_scan(const char *text, uint32_t len, TxSqlToks *out);

// ASCII lower case, as PostgreSQL folds unquoted names in UTF-8 databases.
static inline char tx_sql_fold(char ch) {
  if (ch >= 'A' && ch <= 'Z')
    return (char)(ch + ('a' - 'A'));
  return ch;
}

// True when token `t` of `text` is the unquoted word `word` (ASCII case-insensitive).
bool tx_sql_tok_is(const char *text, const TxSqlTok *t, const char *word);

// The name token `t` stands for, as PostgreSQL folds it: unquoted words in lower case (ASCII),
// quoted identifiers without their quotes and with "" undoubled. Written to `buf` (`cap`
// bytes, NUL-terminated); false when it is not a name or does not fit.
bool tx_sql_tok_name(const char *text, const TxSqlTok *t, char *buf, uint32_t cap);

#endif
