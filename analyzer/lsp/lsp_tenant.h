// lsp_tenant.h: the tenant-filter quick fix's candidate: the one value in scope that
// plausibly holds the caller's tenant.
#ifndef TX_LSP_TENANT_H
#define TX_LSP_TENANT_H

#include "ir/program.h"

typedef struct TxTenantFix {
  char column[128]; // the tenant column to filter on
  char value[128];  // the identifier that holds it
} TxTenantFix;

// For the tenant-filter finding on `fact` (a TypeScript chain of `f`, whose text is at hand):
// true, filling `fix`, when exactly one parameter or local of the enclosing functions,
// declared before the chain and named like a tenant column (tenant_columns, compared without
// case and underscores: orgId, organization_id, tenantId), is not taken from the request body
// (`const { orgId } = await req.json()`, `= req.body.orgId`, formData). The column is the
// table's tenant column, or for a table the schema does not define, the one the name matches.
// The source is read as text (declarations, not types): a plausible value, not a proven one.
bool tx_lsp_tenant_fix(const TxProgram *p, const TxFile *f, const TxFact *fact, TxTenantFix *fix);

#endif
