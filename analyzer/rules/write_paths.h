// write_paths.h: the writes one run of a function sequences, directly and through the
// project functions it calls and its inline callbacks: the heaviest path through its control
// flow, computed to a fixed point over the call graph (link/fixpoint.h). Used by
// non-atomic-writes. Marker-table writes (idempotency.h) and rpcs that write nothing are not
// counted; nor, listed apart as left out, writes to independent tables and chains dropped
// without an await; nor a write whose error the path has seen (its fallback runs instead);
// repeated updates of one row count once.
#ifndef TX_RULES_WRITE_PATHS_H
#define TX_RULES_WRITE_PATHS_H

#include "ir/program.h"
#include "link/fixpoint.h"

enum {
  TX_SUMMARY_CAP = 8,       // write counts saturate here ("many")
  TX_SUMMARY_MAX_SITES = 8, // write sites kept for related locations
  TX_SUMMARY_MAX_LEFT = 4,  // writes left out kept for the message
};

// Why a write on the path is not counted (TxWriteSummary.left).
typedef enum TxWriteLeftOut {
  TX_LEFT_NONE,        // counted
  TX_LEFT_INDEPENDENT, // its table matches independent_tables (a log, an event, a metric)
  TX_LEFT_NOT_AWAITED, // a chain dropped without an await: nothing waits for it, nothing
                       // depends on it (supabase-js sends it only once something awaits or
                       // calls .then())
} TxWriteLeftOut;

// One write reached from a function: where it happens and through which call.
typedef struct TxWriteSite {
  TxSpan span; // the write itself (the .insert( / .update( call)
  TxSpan call; // in the summarised function: the call that leads to it, or the write
  TxOp op;
  TxStr table;
  TxStr via;           // the first callee's name when reached through a call, else empty
  bool repeated;       // inside a loop (or reached through a call inside a loop)
  bool same_row;       // an update the path repeats on the same row (same table, same key
                       // filter): the later updates are folded into this one
  TxWriteLeftOut left; // in TxWriteSummary.left: why it is not counted
} TxWriteSite;

typedef struct TxWriteSummary {
  uint32_t write_count; // writes sequenced by one run of the function, capped at
                        // TX_SUMMARY_CAP; a write in a loop counts as two
  TxWriteSite *sites;   // site_count entries (TX_SUMMARY_MAX_SITES allocated), NULL when none:
  uint32_t site_count;  // most functions write nothing, so summaries stay small
  TxWriteSite *left;    // left_count writes on the same path that are not counted
  uint32_t left_count;  // (TX_SUMMARY_MAX_LEFT allocated), NULL when none
} TxWriteSummary;

// Runs the analysis over `p` (borrowed; must outlive the result). Free with
// tx_fixpoint_free.
TxFixpoint *tx_write_paths_run(const TxProgram *p);
// The summary of function `fn` of file `file`, or NULL for an index out of range.
const TxWriteSummary *tx_write_summary(const TxFixpoint *writes, uint32_t file, uint32_t fn);

#endif
