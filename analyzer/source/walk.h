// walk.h: finding the files to analyse under the given paths.
#ifndef TX_SOURCE_WALK_H
#define TX_SOURCE_WALK_H

#include <stdbool.h>
#include <stdint.h>

#include "base/array.h"
#include "config/config.h"

// What stat() says of a path, to tell later whether it changed (the language server keeps
// files it read, lsp/): same inode, size, modification and status-change times.
typedef struct TxStamp {
  int64_t mtime_ns, ctime_ns;
  uint64_t size, ino, dev;
  bool exists;
} TxStamp;

// The stamp of `path` (links followed); `exists` false when it cannot be stat'ed.
TxStamp tx_stamp_of(const char *path);
static inline bool tx_stamp_eq(const TxStamp *a, const TxStamp *b) {
  return a->exists == b->exists && a->mtime_ns == b->mtime_ns && a->ctime_ns == b->ctime_ns &&
         a->size == b->size && a->ino == b->ino && a->dev == b->dev;
}

typedef struct TxWalkEntry {
  char *abs_path; // heap
  char *rel_path; // heap; relative to the root, '/' separators
  bool explicit_; // named on the command line (reported even if ignored)
  TxStamp stamp;  // when the walk met it (not set for an unsaved buffer's entry)
} TxWalkEntry;

// A path whose change can change what a walk lists or what the link stage reads, though the
// walk does not list it: each folder walked (a file added, removed or renamed in it changes
// its times), and in it every .gitignore and every .json/.jsonc/.yaml/.yml file (tsconfig,
// package.json, pnpm-workspace.yaml, .txlint.yml).
typedef struct TxWalkWatch {
  char *path; // heap, absolute
  TxStamp stamp;
} TxWalkWatch;

typedef struct TxWalkError {
  char *path;
  const char *reason; // static
} TxWalkError;

typedef struct TxWalk {
  TX_ARRAY(TxWalkEntry) files;  // sorted by rel_path, no duplicates
  TX_ARRAY(TxWalkError) errors; // paths that could not be read
  bool watch;                   // set before walking: fill `watched` too
  TX_ARRAY(TxWalkWatch) watched;
} TxWalk;

// Collects the analysable files under every path of `c` (files named explicitly are taken
// whatever their ignore status, when their extension is ours). Directories skip
// node_modules, .git, dist, build, coverage, symlinks to directories, and what git
// ignores. Bad paths go to `errors`. Can't fail otherwise.
void tx_walk_collect(TxWalk *w, const TxConfig *cfg);

// Walks the whole project root (for context in pre-commit mode): same rules as above.
void tx_walk_root(TxWalk *w, const TxConfig *cfg);

void tx_walk_fini(TxWalk *w);

// Sorts the entries by relative path and merges duplicates (an explicit entry stays
// explicit). Can't fail.
void tx_walk_sort(TxWalk *w);

// Adds `rel` (relative to the root: an editor's new buffer, not on disk yet) when a walk of the
// root would list a file there: a language of ours, no folder the walk skips on the way, not
// ignored by git, kept by the configuration. Returns whether it was added; the caller sorts
// (tx_walk_sort) before using the list.
bool tx_walk_add_unsaved(TxWalk *w, const TxConfig *cfg, const char *rel);

// Makes `abs` relative to `root` with '/' separators; heap string. When `abs` is outside
// root, returns a copy of `abs` (absolute: output shows it so, SARIF as a file:// URI).
char *tx_walk_relpath(const char *root, const char *abs);

// Matches a relative path ('/' separators) against a glob: `*` and `?` within a segment,
// `**` for any number of segments; a pattern without '/' matches a name at any depth; a
// pattern matching a folder covers everything below it. At most 64 segments each.
bool tx_path_glob(TxStr pattern, TxStr path);

// True when the configuration keeps the file (include, exclude, migrations; see README).
bool tx_walk_wanted(const TxConfig *cfg, const char *rel);

// The folder that holds the migrations when `migrations` is not configured.
#define TX_DEFAULT_MIGRATIONS "supabase/migrations"

// True when the .sql file at `rel` (relative to the root) builds the schema: it lies in a
// `migrations` folder when that is configured; else, when the root has a
// supabase/migrations folder (`default_folder`), it lies there; else every .sql file does.
bool tx_walk_schema_source(const TxConfig *cfg, bool default_folder, const char *rel);

#endif
