// gitdiff.h: the lines added or changed in the working tree since a git revision
// (--diff-base), read with libgit2: the diff from REV's tree to the working tree through the
// index, without context, untracked files included (all their lines are new).
#ifndef TX_SOURCE_GITDIFF_H
#define TX_SOURCE_GITDIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/array.h"

typedef struct TxChangedLine {
  char *path; // absolute, heap (shared by the lines of one file)
  uint32_t line;
} TxChangedLine;

typedef struct TxChanged {
  TX_ARRAY(TxChangedLine) lines; // sorted by (path, line)
  TX_ARRAY(char *) paths;        // owned path strings
} TxChanged;

// Fills `out` for the repository containing `dir`. False with a reason in err when `dir` is
// not in a git work tree or `rev` does not name a commit.
bool tx_git_changed_lines(const char *dir, const char *rev, TxChanged *out, char *err, size_t n);
// True when line `line` (1-based) of file `abs_path` was added or changed.
bool tx_changed_has(const TxChanged *changed, const char *abs_path, uint32_t line);
// True when any line of the file changed.
bool tx_changed_file(const TxChanged *changed, const char *abs_path);
void tx_changed_fini(TxChanged *changed);

#endif
