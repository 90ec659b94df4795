// link.h: the link stage. After every file is extracted: builds the schema from the SQL
// units in migration order, resolves imports (client bindings and calls) across files,
// and computes function summaries to a fixed point.
#ifndef TX_IR_LINK_H
#define TX_IR_LINK_H

#include "ir/program.h"

// Links the program in place. Can't fail (unresolvable things stay unresolved).
void tx_link(TxProgram *p);

// Builds p->schema from the files' SQL units (ir/schema.c).
void tx_schema_build(TxProgram *p);

#endif
