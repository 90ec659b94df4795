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

// A point in an arena's life that tx_arena_rewind() can go back to.
typedef struct TxArenaMark {
  TxArenaBlock *head; // the newest block then (NULL: the arena was empty)
  TxArenaBlock *next; // the block after it then
  size_t head_used;   // bytes used in `head` then
  size_t used, reserved;
} TxArenaMark;

// The arena's current point. `a` must not allocate from a backing arena.
TxArenaMark tx_arena_mark(const TxArena *a);
// Frees everything allocated from `a` since `m` was taken, so that the same arena can hold
// another round of short-lived data (the language server re-links a kept program in the same
// arena). Memory from before the mark stays valid; pointers into what was allocated after it
// dangle. `m` must be a mark of `a` taken since `a` was last initialised or rewound past it.
void tx_arena_rewind(TxArena *a, TxArenaMark m);

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
