// callgraph.h: call resolution across functions and files, and function summaries.
#ifndef TX_IR_CALLGRAPH_H
#define TX_IR_CALLGRAPH_H

#include "ir/program.h"
#include "resolve.h"

// Resolves every TypeScript call to the project function it calls (TxCall.target_file and
// target_fn): local functions, `this.method()` in a class, named and default imports,
// namespace imports (`ns.fn()`), through re-exports. Unresolved calls stay TX_NONE.
void tx_callgraph_resolve(TxProgram *p, const TxResolver *r);

// Computes TxSummary for every function (in p's arena), iterating to a fixed point so
// recursion and cycles terminate. Call after tx_callgraph_resolve.
void tx_callgraph_summarise(TxProgram *p);

// True when `table` is an idempotency marker table for this run (configuration, or a table
// of the schema with a unique event id column).
bool tx_is_marker_table(const TxProgram *p, TxStr schema, TxStr table);

#endif
