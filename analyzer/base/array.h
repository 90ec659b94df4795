// array.h: TX_ARRAY(T), a growable array on the heap. The owner frees it with TX_ARRAY_FREE
// (usually in its own _free/_fini). To keep the items past that, copy them into an arena
// with TX_ARRAY_TO_ARENA.
#ifndef TX_BASE_ARRAY_H
#define TX_BASE_ARRAY_H

#include <stdint.h>
#include <stdlib.h>

#include "arena.h"
#include "check.h"

#define TX_ARRAY(T)                                                                                \
  struct {                                                                                         \
    T *items;                                                                                      \
    uint32_t count;                                                                                \
    uint32_t cap;                                                                                  \
  }

#define TX_ARRAY_GROW(arr)                                                                         \
  do {                                                                                             \
    if ((arr)->count == (arr)->cap) {                                                              \
      (arr)->cap = (arr)->cap ? (arr)->cap * 2 : 8;                                                \
      (arr)->items = tx_xrealloc((arr)->items, sizeof(*(arr)->items) * (size_t)(arr)->cap);        \
    }                                                                                              \
  } while (0)

// Appends `v` (an expression of the item type).
#define TX_ARRAY_PUSH(arr, v)                                                                      \
  do {                                                                                             \
    TX_ARRAY_GROW(arr);                                                                            \
    (arr)->items[(arr)->count++] = (v);                                                            \
  } while (0)

#define TX_ARRAY_FREE(arr)                                                                         \
  do {                                                                                             \
    free((arr)->items);                                                                            \
    (arr)->items = NULL;                                                                           \
    (arr)->count = (arr)->cap = 0;                                                                 \
  } while (0)

// Copies the items into arena `a`; yields a pointer of the item type (NULL when empty).
#define TX_ARRAY_TO_ARENA(a, arr)                                                                  \
  ((arr)->count ? tx_arena_memdup((a), (arr)->items, sizeof(*(arr)->items) * (arr)->count) : NULL)

// The index of the last of the ascending values a[0..n) that is <= x, or 0 when none is (or
// n is 0): the line a byte offset falls on, given the lines' start offsets; the file a
// running number falls in, given each file's first number.
static inline uint32_t tx_u32_floor(const uint32_t *a, uint32_t n, uint32_t x) {
  uint32_t lo = 0, hi = n;
  while (hi - lo > 1) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (a[mid] <= x)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

#endif
