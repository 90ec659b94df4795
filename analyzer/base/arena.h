// arena.h: a bump allocator. Everything allocated from an arena is freed at once by
// tx_arena_fini(). Allocation never fails (aborts on out-of-memory).
#ifndef TX_BASE_ARENA_H
#define TX_BASE_ARENA_H

#include <stddef.h>
#include <stdint.h>

#include "check.h"
#include "str.h"

typedef struct TxArenaBlock TxArenaBlock;

typedef struct TxArena {
  TxArenaBlock *head;      // newest block first
  size_t used;             // bytes handed out, for --stats
  size_t reserved;         // bytes malloc'ed, for --stats
  struct TxArena *backing; // non-NULL: allocations are taken from this arena instead
} TxArena;

// Prepares an empty arena. Can't fail.
void tx_arena_init(TxArena *a);
// Frees every block. The arena may be initialised again afterwards. Memory taken from a
// backing arena stays until that arena is freed.
void tx_arena_fini(TxArena *a);
// From now on, `a` allocates from `backing` (which must outlive every use of `a`'s
// memory). Many small arenas that end at the same time share the backing's blocks instead
// of each leaving the unused tail of its own last block: a program holds one arena per
// file, and those tails were a fifth of its memory. Blocks `a` already has stay valid.
// Not thread-safe: one thread allocates from a backing arena at a time.
void tx_arena_back(TxArena *a, TxArena *backing);

// Returns `n` zeroed bytes aligned to 16, valid until tx_arena_fini(). Can't fail.
void *tx_arena_alloc(TxArena *a, size_t n);
// Copies `n` bytes into the arena. Can't fail.
void *tx_arena_memdup(TxArena *a, const void *p, size_t n);
// Copies a string into the arena and NUL-terminates the copy. Can't fail.
TxStr tx_arena_str(TxArena *a, const char *p, size_t n);
static inline TxStr tx_arena_strdup(TxArena *a, TxStr s) {
  return tx_arena_str(a, s.ptr, s.len);
}
// printf into the arena; the result is NUL-terminated. Can't fail.
TxStr tx_arena_printf(TxArena *a, const char *fmt, ...) TX_PRINTF(2, 3);

#define TX_ARENA_NEW(a, T)      ((T *)tx_arena_alloc((a), sizeof(T)))
#define TX_ARENA_ARRAY(a, T, n) ((T *)tx_arena_alloc((a), sizeof(T) * (size_t)(n)))

#endif
