// check.c: the fail-fast helpers behind check.h: assertion failure and allocation
// wrappers that abort instead of returning NULL.
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tx_assert_fail(const char *file, int line, const char *expr) {
  fprintf(stderr, "txlint: internal error: %s:%d: assertion failed: %s\n", file, line, expr);
  abort();
}

static void out_of_memory(size_t n) {
  fprintf(stderr, "txlint: out of memory (allocating %zu bytes)\n", n);
  abort();
}

void *tx_xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p)
    out_of_memory(n);
  return p;
}

void *tx_xcalloc(size_t count, size_t size) {
  void *p = calloc(count ? count : 1, size ? size : 1);
  if (!p)
    out_of_memory(count * size);
  return p;
}

void *tx_xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q)
    out_of_memory(n);
  return q;
}

char *tx_xstrdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *p = tx_xmalloc(n);
  memcpy(p, s, n);
  return p;
}
