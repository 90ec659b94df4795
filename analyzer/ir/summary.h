// summary.h: what a function does, directly and through the project functions it calls,
// computed by the link stage (link/callgraph.c) to a fixed point over the call graph.
#ifndef TX_IR_SUMMARY_H
#define TX_IR_SUMMARY_H

#include "ir.h"

enum {
  TX_SUMMARY_CAP = 8,       // write counts saturate here ("many")
  TX_SUMMARY_MAX_SITES = 8, // write sites kept for related locations
};

// One write reached from a function: where it happens and through which call.
typedef struct TxWriteSite {
  TxSpan span; // the write itself (the .insert( / .update( call)
  TxSpan call; // in the summarised function: the call that leads to it, or the write
  TxOp op;
  TxStr table;
  TxStr via;     // the first callee's name when reached through a call, else empty
  bool repeated; // inside a loop (or reached through a call inside a loop)
} TxWriteSite;

struct TxSummary {
  uint32_t write_count; // writes sequenced by one run of the function, capped at
                        // TX_SUMMARY_CAP; a write in a loop counts as two
  TxWriteSite *sites;   // site_count entries (TX_SUMMARY_MAX_SITES allocated), NULL when none:
  uint32_t site_count;  // most functions write nothing, so summaries stay small
  bool writes_marker;   // inserts or upserts an idempotency marker table (ir/effects.h)
  bool inline_callback; // an anonymous function passed as an argument: its work is counted in
                        // the enclosing function
  // Idempotency (ir/effects.h), directly or through callees and inline callbacks:
  bool has_effect;       // causes an effect
  bool checks_marker;    // reads a marker table
  bool marker_unchecked; // writes a marker and drops the result (no test, not returned,
                         // no throwOnError): nobody can tell a duplicate
  TxSpan effect_span;    // the first effect reached, where it happens
  TxStr effect_name;     // its callee ("sendEmail") or, for a database write, its table
  TxOp effect_op;        // the write's operation; TX_OP_COUNT_ for a call
  TxSpan marker_span;    // the first marker write reached
};

// The summary of function `fn` of file `file`, or NULL before linking.
static inline const TxSummary *tx_summary(const TxFile *f, uint32_t fn) {
  return fn < f->function_count ? f->functions[fn].summary : NULL;
}

#endif
