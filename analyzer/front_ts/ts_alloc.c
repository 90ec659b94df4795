// ts_alloc.c: a per-thread cache of small blocks for tree-sitter's allocations.
//
// Parsing makes and frees millions of small subtrees of a few sizes. glibc keeps only 7
// freed blocks per size in its per-thread cache, so most of them go through the arena's
// slower paths (consolidation, unlinking): about a third of txlint's time on the benchmark.
// This cache keeps freed blocks of up to 1 KiB in per-thread, per-size free lists (bounded
// to a few MiB per thread) and hands them back first. Blocks carry a 16-byte header with
// their size class, so a block may be freed on any thread. Each thread empties its cache
// when its parser is freed (tx_ts_parser_free), so nothing stays allocated at exit.
//
// Under AddressSanitizer tree-sitter keeps the plain allocator, so the sanitizer still sees
// every block.
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>

#include "../base/check.h"
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
  CLASSES = MAX_SMALL / GRAIN + 1, // class 0: a large block, freed to the system
  MAX_CACHED = 8 * 1024 * 1024,    // bytes kept per thread
};

typedef struct Header {
  uint32_t cls; // size class; 0 for large blocks
  uint32_t pad;
  size_t size; // usable size
} Header;

_Static_assert(sizeof(Header) <= HEADER, "header must fit");

typedef struct Cache {
  void *head[CLASSES]; // free lists, linked through the first word of the user area
  size_t bytes;
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
    cache.bytes -= cls * GRAIN;
    return user;
  }
  size_t size = cls ? cls * GRAIN : n;
  TX_ASSERT(size <= SIZE_MAX - HEADER);
  unsigned char *block = tx_xmalloc(HEADER + size); // aborts with a message when out of memory
  Header *h = (Header *)(void *)block;
  h->cls = (uint32_t)cls;
  h->size = size;
  return block + HEADER;
}

static void pool_free(void *user) {
  if (!user)
    return;
  Header *h = (Header *)(void *)((unsigned char *)user - HEADER);
  if (h->cls && cache.bytes + h->size <= MAX_CACHED) {
    *(void **)user = cache.head[h->cls];
    cache.head[h->cls] = user;
    cache.bytes += h->size;
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
  if (n <= h->size)
    return user;
  void *p = pool_malloc(n);
  memcpy(p, user, h->size);
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
}

void tx_ts_alloc_drain(void) {
  for (size_t c = 1; c < CLASSES; c++) {
    while (cache.head[c]) {
      void *user = cache.head[c];
      cache.head[c] = *(void **)user;
      free((unsigned char *)user - HEADER);
    }
  }
  cache.bytes = 0;
}
