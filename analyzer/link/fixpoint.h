// fixpoint.h: a bottom-up analysis over the call graph, iterated to a fixed point. An
// analysis says what one function's summary is, given its body and the current summaries of
// the functions it depends on (the project functions it calls and the inline callbacks
// passed to its calls); the fixed point recomputes a function whenever one of those changed,
// so recursion and cycles terminate. The link stage must have resolved the calls
// (link/callgraph.h) first. The analyses themselves belong to the rules that use them.
#ifndef TX_LINK_FIXPOINT_H
#define TX_LINK_FIXPOINT_H

#include <stddef.h>

#include "ir/program.h"

typedef struct TxFixpoint TxFixpoint;

typedef struct TxAnalysis {
  size_t size; // bytes of one summary; summaries start zeroed
  // Computes the summary of function `fn` of file `f` into `out` (zeroed) from its body and,
  // through tx_fixpoint_get, the current summaries of the functions it depends on.
  // Storage `out` points to must stay valid until the next transfer of the same function
  // (use tx_fixpoint_arena for what has to outlive it).
  void (*transfer)(const TxFixpoint *fp, const TxFile *f, uint32_t fn, void *out);
  // True when summaries `a` and `b` differ in anything a caller can read.
  bool (*differs)(const void *a, const void *b);
  // Stores `next` over the kept summary `kept` (copying what `next` borrows, into the
  // fixpoint's arena or storage `kept` already owns). NULL: a plain copy of `size` bytes.
  void (*store)(TxFixpoint *fp, void *kept, const void *next);
  uint32_t max_rounds; // bound on the sweeps over the program
  void *ctx;           // the analysis' own data (tx_fixpoint_ctx), used only during the run
} TxAnalysis;

// Runs analysis `a` over every TypeScript function of `p` (SQL files keep zeroed summaries).
// `a` is copied; `p` is borrowed and must outlive the result. Free with tx_fixpoint_free.
TxFixpoint *tx_fixpoint_run(const TxProgram *p, const TxAnalysis *a);
void tx_fixpoint_free(TxFixpoint *fp);

// The summary of function `fn` of file `file` (zeroed while not yet computed), or NULL for
// an index out of range.
const void *tx_fixpoint_get(const TxFixpoint *fp, uint32_t file, uint32_t fn);
const TxProgram *tx_fixpoint_program(const TxFixpoint *fp);
// The analysis' ctx: valid only while tx_fixpoint_run runs (in transfer and store).
void *tx_fixpoint_ctx(const TxFixpoint *fp);
// Memory freed with the fixpoint.
TxArena *tx_fixpoint_arena(TxFixpoint *fp);
// Sweeps over the program it took to settle (for tests and --stats).
uint32_t tx_fixpoint_rounds(const TxFixpoint *fp);

#endif
