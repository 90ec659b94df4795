// cache.h: the persistent per-file cache (.txlint-cache/). A second run reuses the facts,
// functions, calls, imports, exports, suppressions and notices of every file whose content
// hash is unchanged, and re-parses only the others. One pack file per project holds every
// entry; it is keyed by txlint's version, the IR layout and the settings that change
// extraction, and is written atomically. A corrupt, truncated or foreign pack is ignored
// and rebuilt, never trusted: every read is bounds-checked.
#ifndef TX_IR_CACHE_H
#define TX_IR_CACHE_H

#include "config/config.h"
#include "ir/program.h"

typedef struct TxCache TxCache;

// Opens (reads) the pack in `dir` for a run with `cfg` over `file_count` files. Never
// fails: a missing or unusable pack gives an empty cache. Free with tx_cache_free().
TxCache *tx_cache_open(const char *dir, const TxConfig *cfg, uint32_t file_count);
void tx_cache_free(TxCache *cache);

// When the cache holds `f` (same shown path and content hash), fills f's extracted items
// from it (in f's arena) and returns true. f->src must be loaded. Thread-safe with other
// tx_cache_load calls (the cache is read-only until tx_cache_save).
bool tx_cache_load(const TxCache *cache, TxFile *f);

// Records the freshly extracted items of `f` (call right after extraction, before the
// link stage changes anything). Thread-safe for distinct files.
void tx_cache_put(TxCache *cache, const TxFile *f);

// Writes a new pack holding every cached or put file of `p`, when anything changed. Returns false
// (and fills `why`) when the pack could not be written; the run goes on without it.
bool tx_cache_save(TxCache *cache, const TxProgram *p, const char **why);

// Serialises the extracted items of one file into a heap buffer (for tests and the pack).
// Caller frees *out.
void tx_cache_encode_file(const TxFile *f, unsigned char **out, size_t *len);
// Decodes such a buffer into `f` (its arena). False when the buffer is malformed; `f` is
// then left unchanged.
bool tx_cache_decode_file(TxFile *f, const unsigned char *buf, size_t len);

// Makes every string of f's extracted items that points into its source text point to a
// copy in f's arena instead (equal strings share one copy), so the text can be dropped.
void tx_ir_detach_text(TxFile *f);

#endif
