// tenant.h: which columns scope each table to one tenant, inferred from the schema.
#ifndef TX_LINK_TENANT_H
#define TX_LINK_TENANT_H

#include "ir/schema.h"

// Finds the tenant roots and each table's tenant columns from the tables' columns, foreign
// keys and the policies; `names` are the tenant_columns, `configured` when they come from
// .txlint.yml (then no root is inferred from membership tables). `roots` is tenant_root:
// when not empty, those tables are the roots and none is inferred. Allocates in `a`. Called
// once by tx_schema_build() after the tables are sorted.
void tx_tenant_infer(TxSchema *s, TxArena *a, const TxStrList *names, bool configured,
                     const TxStrList *roots);

#endif
