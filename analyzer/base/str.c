// str.c: the non-inline TxStr helpers: comparisons and the simple '*' glob used by config
// patterns such as effect_calls ("*.broadcast").
#include "str.h"

#include <ctype.h>

bool tx_str_eq_nocase(TxStr a, TxStr b) {
  if (a.len != b.len)
    return false;
  for (uint32_t i = 0; i < a.len; i++) {
    if (tolower((unsigned char)a.ptr[i]) != tolower((unsigned char)b.ptr[i]))
      return false;
  }
  return true;
}

bool tx_str_starts_with(TxStr s, const char *prefix) {
  size_t n = strlen(prefix);
  return s.len >= n && memcmp(s.ptr, prefix, n) == 0;
}

bool tx_str_ends_with(TxStr s, const char *suffix) {
  size_t n = strlen(suffix);
  return s.len >= n && memcmp(s.ptr + s.len - n, suffix, n) == 0;
}

bool tx_str_contains(TxStr s, const char *needle) {
  size_t n = strlen(needle);
  return n == 0 || (s.len >= n && memmem(s.ptr, s.len, needle, n) != NULL);
}

bool tx_str_contains_nocase(TxStr s, const char *needle) {
  size_t n = strlen(needle);
  for (size_t i = 0; i + n <= s.len; i++) {
    size_t k = 0;
    while (k < n && tolower((unsigned char)s.ptr[i + k]) == (unsigned char)needle[k])
      k++;
    if (k == n)
      return true;
  }
  return false;
}

int tx_str_cmp(TxStr a, TxStr b) {
  uint32_t n = a.len < b.len ? a.len : b.len;
  int c = n ? memcmp(a.ptr, b.ptr, n) : 0;
  if (c != 0)
    return c;
  return a.len < b.len ? -1 : (a.len > b.len ? 1 : 0);
}

// Iterative glob with single-star backtracking: linear in practice, never recursive.
bool tx_str_glob_str(TxStr pattern, TxStr s) {
  uint32_t p = 0, i = 0;
  uint32_t star = UINT32_MAX, star_i = 0;
  while (i < s.len) {
    if (p < pattern.len && pattern.ptr[p] == '*') {
      star = p++;
      star_i = i;
    } else if (p < pattern.len && (pattern.ptr[p] == '?' || pattern.ptr[p] == s.ptr[i])) {
      p++;
      i++;
    } else if (star != UINT32_MAX) {
      p = star + 1;
      i = ++star_i;
    } else {
      return false;
    }
  }
  while (p < pattern.len && pattern.ptr[p] == '*')
    p++;
  return p == pattern.len;
}
