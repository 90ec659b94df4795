// ts_alloc.c: per-thread slabs of small blocks for tree-sitter's allocations.
//
// Parsing makes and frees millions of small subtrees of a few sizes. glibc keeps only 7
// freed blocks per size in its per-thread cache, so most of them go through the arena's
// slower paths (consolidation, unlinking): about a third of txlint's time on the benchmark.
// Here blocks of up to 1 KiB are cut from 256 KiB chunks, one after another, and freed ones
// wait in per-thread, per-size free lists to be handed back first. Cutting from chunks
// drops malloc's own header and call: a tree takes less memory, and parsing is a few per
// cent faster than with one malloc per block. Larger blocks go to malloc.
//
// A block carries a 16-byte header: its size class and, for a small block, the thread that
// owns its chunk. Small blocks must be freed on the thread that made them (trees are parsed
// and deleted within tx_ts_extract); pool_free checks it. Each thread frees its chunks when
// its last parser is freed (tx_ts_parser_free), so nothing stays allocated at exit, and
// between files when they hold more than TX_TS_KEEP_BYTES and the next file will not reuse
// them (tx_ts_parser_trim): chunks are never given back one by one, so one large tree would
// otherwise stay the thread's peak.
//
// Under AddressSanitizer tree-sitter keeps the plain allocator, so the sanitizer still sees
// every block.
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>

#include "base/check.h"
#include "ts_internal.h"

#if defined(__SANITIZE_ADDRESS__)
#define TX_TS_POOL 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TX_TS_POOL 0
#endif
#endif
#ifndef TX_TS_POOL
#define TX_TS_POOL 1
#endif

enum {
  HEADER = 16, // keeps the 16-byte alignment malloc gives
  GRAIN = 16,  // size classes: 16, 32, ..., MAX_SMALL
  MAX_SMALL = 1024,
  CLASSES = MAX_SMALL / GRAIN + 1, // class 0: a large block, from malloc
  CHUNK = TX_TS_CHUNK_BYTES,
};

typedef struct Header {
  uint32_t cls; // size class; 0 for large blocks
  uint32_t pad;
  union {
    size_t size;       // large blocks: usable size
    const void *owner; // small blocks: the owning thread's cache
  } u;
} Header;

_Static_assert(sizeof(Header) <= HEADER, "header must fit");

typedef struct Cache {
  void *head[CLASSES];      // free lists, linked through the first word of the user area
  unsigned char *cur, *end; // the rest of the current chunk
  void *chunks;             // every chunk, linked through its first word
  unsigned users;           // this thread's live parsers (tx_ts_alloc_install calls)
} Cache;

static _Thread_local Cache cache;

#if TX_TS_POOL // under ASan only the drain below is compiled (nothing is ever cached)
static void *pool_malloc(size_t n) {
  size_t cls = n <= MAX_SMALL ? (n + GRAIN - 1) / GRAIN : 0;
  if (cls == 0 && n <= MAX_SMALL)
    cls = 1; // malloc(0)
  if (cls && cache.head[cls]) {
    void *user = cache.head[cls];
    cache.head[cls] = *(void **)user;
    return user;
  }
  Header *h;
  if (cls) {
    size_t need = HEADER + cls * GRAIN;
    if ((size_t)(cache.end - cache.cur) < need) {
      unsigned char *chunk = tx_xmalloc(CHUNK); // aborts with a message when out of memory
      *(void **)(void *)chunk = cache.chunks;
      cache.chunks = chunk;
      cache.cur = chunk + HEADER;
      cache.end = chunk + CHUNK;
    }
    h = (Header *)(void *)cache.cur;
    cache.cur += need;
    h->u.owner = &cache;
  } else {
    TX_ASSERT(n <= SIZE_MAX - HEADER);
    h = tx_xmalloc(HEADER + n);
    h->u.size = n;
  }
  h->cls = (uint32_t)cls;
  return (unsigned char *)h + HEADER;
}

static size_t usable(const Header *h) {
  return h->cls ? (size_t)h->cls * GRAIN : h->u.size;
}

static void pool_free(void *user) {
  if (!user)
    return;
  Header *h = (Header *)(void *)((unsigned char *)user - HEADER);
  if (h->cls) {
    TX_ASSERT(h->u.owner == &cache); // freed on the thread that made it
    *(void **)user = cache.head[h->cls];
    cache.head[h->cls] = user;
    return;
  }
  free(h);
}

static void *pool_calloc(size_t count, size_t size) {
  TX_ASSERT(!size || count <= SIZE_MAX / size);
  void *p = pool_malloc(count * size);
  memset(p, 0, count * size);
  return p;
}

static void *pool_realloc(void *user, size_t n) {
  if (!user)
    return pool_malloc(n);
  Header *h = (Header *)(void *)((unsigned char *)user - HEADER);
  size_t have = usable(h);
  if (n <= have)
    return user;
  void *p = pool_malloc(n);
  memcpy(p, user, have);
  pool_free(user);
  return p;
}

static pthread_once_t installed = PTHREAD_ONCE_INIT;

static void install(void) {
  ts_set_allocator(pool_malloc, pool_calloc, pool_realloc, pool_free);
}
#endif

void tx_ts_alloc_install(void) {
#if TX_TS_POOL
  pthread_once(&installed, install);
#endif
  cache.users++;
}

size_t tx_ts_alloc_chunks(void) {
  size_t n = 0;
  for (void *chunk = cache.chunks; chunk; chunk = *(void **)chunk)
    n++;
  return n;
}

void tx_ts_alloc_drain(void) {
  TX_ASSERT(cache.users > 0);
  if (--cache.users > 0)
    return; // another parser of this thread still holds blocks in the chunks
  for (size_t cls = 1; cls < CLASSES; cls++)
    cache.head[cls] = NULL;
  while (cache.chunks) {
    void *next = *(void **)cache.chunks;
    free(cache.chunks);
    cache.chunks = next;
  }
  cache.cur = cache.end = NULL;
}
