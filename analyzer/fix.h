// fix.h: --fix, --diff and --add-suppressions: turning findings' fixes (diag.h TxFix) or new
// suppression comments into edits, and applying them to the files (atomically, and only to a
// file whose content is still what was analysed) or printing them as a unified diff.
#ifndef TX_FIX_H
#define TX_FIX_H

#include <stdio.h>

#include "diag/diag.h"
#include "ir/program.h"

typedef struct TxFixOptions {
  bool unsafe;          // apply suggestions too, not only safe fixes
  const char *suppress; // non-NULL: add "txlint-ignore <rule> -- <suppress>" comments instead
  FILE *diff;           // non-NULL: print a unified diff here and write nothing
} TxFixOptions;

typedef struct TxFixResult {
  uint32_t applied;   // fixes (or suppression comments) applied or shown
  uint32_t files;     // files rewritten or shown
  uint32_t deferred;  // fixes left for the next run: they overlap one applied first
  uint32_t unchanged; // files left alone: changed since the analysis, unreadable, or UTF-16
} TxFixResult;

// Applies the fixes of shown findings (safe ones; with o->unsafe suggestions too), or adds a
// suppression comment above every shown finding's line (o->suppress), and marks the findings
// dealt with as `fixed`. Files are rewritten by temporary file + rename, and only when their
// bytes are still those analysed; every file left alone is named on stderr. Returns false
// when a write or the diff output failed.
bool tx_fix_apply(const TxProgram *p, TxDiagSink *sink, const TxFixOptions *o, TxFixResult *r);

#endif
