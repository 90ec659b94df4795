// explain.h: --explain-schema, the tenant inference of link/tenant.c at a glance.
#ifndef TX_EMIT_EXPLAIN_H
#define TX_EMIT_EXPLAIN_H

#include <stdio.h>

#include "ir/program.h"

// Writes the tenant names, roots and every table's tenant columns with their evidence, RLS
// and policies. Returns false when writing failed.
bool tx_explain_schema(FILE *out, const TxProgram *p);

#endif
