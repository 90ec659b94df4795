// link.c: the link stage (see link.h). Order matters: the schema first (rules and
// summaries read it), then imports, then summaries.
#include "link.h"

void tx_link(TxProgram *p) {
  tx_schema_build(p);
}

void tx_schema_build(TxProgram *p) {
  (void)p;
}
