// str.h: TxStr, a borrowed (pointer, length) string view. Not NUL-terminated in general;
// print with "%.*s" and TX_STR_ARG(s). Strings that outlive a parse live in an arena.
#ifndef TX_BASE_STR_H
#define TX_BASE_STR_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

typedef struct TxStr {
  const char *ptr;
  uint32_t len;
} TxStr;

#define TX_STR_ARG(s)   (int)(s).len, (s).ptr
#define TX_STR_LIT(lit) ((TxStr){(lit), (uint32_t)(sizeof(lit) - 1)})

static inline TxStr tx_str(const char *cstr) {
  return (TxStr){cstr, cstr ? (uint32_t)strlen(cstr) : 0};
}

static inline TxStr tx_str_n(const char *p, size_t n) {
  return (TxStr){p, (uint32_t)n};
}

static inline bool tx_str_empty(TxStr s) {
  return s.len == 0;
}

static inline bool tx_str_eq(TxStr a, TxStr b) {
  return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

static inline bool tx_str_eq_c(TxStr a, const char *b) {
  return tx_str_eq(a, tx_str(b));
}

// ASCII case-insensitive equality (SQL identifiers are folded to lower case by the front end;
// this is for keywords and the like).
bool tx_str_eq_nocase(TxStr a, TxStr b);

bool tx_str_starts_with(TxStr s, const char *prefix);
bool tx_str_ends_with(TxStr s, const char *suffix);
// True when `needle` occurs in `s` (byte-exact).
bool tx_str_contains(TxStr s, const char *needle);
// True when `needle` (lower-case ASCII) occurs in `s`, ASCII letters compared without case.
bool tx_str_contains_nocase(TxStr s, const char *needle);

// Three-way byte comparison, shorter first on a common prefix. For sorting.
int tx_str_cmp(TxStr a, TxStr b);

// Glob match: '*' matches any run of characters ('.' and '/' included), '?' exactly one;
// everything else literally. "*.send" matches "ch.send". Linear backtracking (one star at
// a time), so hostile patterns cannot blow up. The pattern need not be NUL-terminated.
bool tx_str_glob_str(TxStr pattern, TxStr s);

#endif
