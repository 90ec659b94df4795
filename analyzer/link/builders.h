// builders.h: query builders that cross function and file boundaries.
#ifndef TX_LINK_BUILDERS_H
#define TX_LINK_BUILDERS_H

#include "ir/program.h"

// Joins the chains the front end records in parts (TxFact.table_param ... partial), through
// the calls tx_callgraph_resolve resolved (call after it, and after the client kinds):
// - a chain continuing the builder a call returns (`this.query().update(v)`) takes the
//   table, client and filters of the one chain that function returns
//   (`return this.db.from('loans')`) and becomes live;
// - a chain handed to a helper that filters its parameter's builder
//   (`scope(db.from('t').update(v), org)`, `return q.eq('org_id', org)`) gets those filters;
// - a call to a helper whose chain names its table or filter columns by parameters
//   (`softDelete('loans', id)`) makes a fact at the call (TxProgram.call_facts) with the
//   call's static string arguments; when every call does, the helper's own chain is marked
//   judged_at_calls.
// One level of helper each, no further. Everything it makes is in the program's arena.
void tx_link_builders(TxProgram *p);

#endif
