// arena.c: bump allocation over a list of malloc'ed blocks. A request larger than the
// default block size gets a block of its own, so big source files cost one allocation.
#include "arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Blocks start small and double up to BLOCK_SIZE: a program holds one arena per file, and
// most files need a few kilobytes, so a large first block would dominate peak memory.
enum { FIRST_BLOCK = 2 * 1024, BLOCK_SIZE = 64 * 1024, ALIGN = 16 };

struct TxArenaBlock {
  TxArenaBlock *next;
  size_t size; // usable bytes in data[]
  size_t used;
  _Alignas(16) unsigned char data[];
};

void tx_arena_init(TxArena *a) {
  a->head = NULL;
  a->used = 0;
  a->reserved = 0;
  a->backing = NULL;
}

void tx_arena_back(TxArena *a, TxArena *backing) {
  TX_ASSERT(backing != a && (!backing || backing->backing == NULL));
  a->backing = backing;
}

void tx_arena_fini(TxArena *a) {
  TxArenaBlock *b = a->head;
  while (b) {
    TxArenaBlock *next = b->next;
    free(b);
    b = next;
  }
  tx_arena_init(a);
}

static TxArenaBlock *new_block(TxArena *a, size_t min) {
  size_t grow = a->head ? a->head->size * 2 : FIRST_BLOCK;
  if (grow > BLOCK_SIZE)
    grow = BLOCK_SIZE;
  size_t size = min > grow ? min : grow;
  TxArenaBlock *b = tx_xmalloc(sizeof(TxArenaBlock) + size);
  b->size = size;
  b->used = 0;
  a->reserved += size;
  // A block made for one big request goes second so the current block keeps filling.
  if (min > grow / 4 && min > FIRST_BLOCK && a->head) {
    b->next = a->head->next;
    a->head->next = b;
  } else {
    b->next = a->head;
    a->head = b;
  }
  return b;
}

void *tx_arena_alloc(TxArena *a, size_t n) {
  size_t need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
  if (need == 0)
    need = ALIGN;
  if (a->backing) {
    a->used += need;
    return tx_arena_alloc(a->backing, n);
  }
  TxArenaBlock *b = a->head;
  if (!b || b->size - b->used < need)
    b = new_block(a, need);
  void *p = b->data + b->used;
  b->used += need;
  a->used += need;
  memset(p, 0, n);
  return p;
}

TxArenaMark tx_arena_mark(const TxArena *a) {
  TX_ASSERT(a->backing == NULL);
  TxArenaMark m = {a->head, a->head ? a->head->next : NULL, a->head ? a->head->used : 0, a->used,
                   a->reserved};
  return m;
}

// Blocks made since the mark are the ones before the marked head, and those new_block() put
// right after it (a big request's block goes second); every other block is older.
void tx_arena_rewind(TxArena *a, TxArenaMark m) {
  TX_ASSERT(a->backing == NULL);
  TxArenaBlock *b = a->head;
  while (b && b != m.head) {
    TxArenaBlock *next = b->next;
    free(b);
    b = next;
  }
  if (m.head) {
    TX_ASSERT(b == m.head);
    TxArenaBlock *after = m.head->next;
    while (after && after != m.next) {
      TxArenaBlock *next = after->next;
      free(after);
      after = next;
    }
    m.head->next = m.next;
    m.head->used = m.head_used;
  }
  a->head = m.head;
  a->used = m.used;
  a->reserved = m.reserved;
}

void *tx_arena_memdup(TxArena *a, const void *p, size_t n) {
  void *q = tx_arena_alloc(a, n);
  if (n)
    memcpy(q, p, n);
  return q;
}

TxStr tx_arena_str(TxArena *a, const char *p, size_t n) {
  char *q = tx_arena_alloc(a, n + 1);
  if (n)
    memcpy(q, p, n);
  q[n] = '\0';
  return (TxStr){q, (uint32_t)n};
}

TxStr tx_arena_printf(TxArena *a, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  TX_ASSERT(n >= 0);
  char *q = tx_arena_alloc(a, (size_t)n + 1);
  va_start(ap, fmt);
  vsnprintf(q, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return (TxStr){q, (uint32_t)n};
}
