// dump.h: --dump-facts, a stable text rendering of the extracted IR used by the fact
// goldens and for debugging front ends.
#ifndef TX_IR_DUMP_H
#define TX_IR_DUMP_H

#include <stdio.h>

#include "ir/program.h"

// Writes every file's functions, facts, calls, imports and exports. Returns false when
// writing failed.
bool tx_dump_facts(FILE *out, const TxProgram *p);

#endif
