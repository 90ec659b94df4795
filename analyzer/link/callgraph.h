// callgraph.h: call resolution across functions and files.
#ifndef TX_IR_CALLGRAPH_H
#define TX_IR_CALLGRAPH_H

#include "ir/program.h"
#include "resolve.h"

// Resolves every TypeScript call to the project function it calls (TxCall.target_file and
// target_fn): local functions, `this.method()` in a class, named and default imports,
// namespace imports (`ns.fn()`), through re-exports. Unresolved calls stay TX_NONE.
void tx_callgraph_resolve(TxProgram *p, const TxResolver *r);

// Marks the anonymous functions that run as part of the function that passes them
// (TxFunction.inline_callback): `items.map(async (x) => ...)`, `.then(() => ...)`, a project
// helper taking a callback. Call after tx_callgraph_resolve.
void tx_callgraph_inline_callbacks(TxProgram *p);

#endif
