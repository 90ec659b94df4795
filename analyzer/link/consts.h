// consts.h: table and function names held by constants of other modules.
#ifndef TX_LINK_CONSTS_H
#define TX_LINK_CONSTS_H

#include "ir/program.h"
#include "resolve.h"

// For every TypeScript fact whose table (or rpc function) is an imported constant
// (TxFact.name_import: `from(T)`, `from(TABLES.LOANS)`, `from(db.TABLES.LOANS)` over
// `import * as db`), follows the import through re-exports to the module that defines it and
// sets TxFact.table from that module's exported string constants (TxFile.const_strings).
// The name stays unknown when any step fails. Strings are copied into the program's arena.
// Can't fail.
void tx_link_const_names(TxProgram *p, const TxResolver *r);

#endif
