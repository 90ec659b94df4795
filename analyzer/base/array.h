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

#endif
