// rls.h: whether row-level security still scopes a write to one tenant, for the rules that
// grade tenant findings by it (tenant-filter, sql-tenant-filter; rules/tenant-filter.md).
#ifndef TX_RULES_RLS_H
#define TX_RULES_RLS_H

#include "ir/program.h"
#include "ir/schema.h"

typedef enum TxRlsState {
  TX_RLS_TABLE_UNKNOWN, // no migration defines the table
  TX_RLS_OFF,           // the table exists without ENABLE ROW LEVEL SECURITY
  TX_RLS_NO_POLICY,     // RLS is on, but no policy for the command constrains the tenant column
  TX_RLS_GUARDED,       // RLS is on and `policy` scopes the command's rows by the tenant column
} TxRlsState;

// "unknown-table", "disabled", "no-policy", "policy" (SARIF property `rls`).
const char *tx_rls_state_name(TxRlsState s);

// What RLS does for `op` (update or delete) on `schema`.`table`. A policy guards when its
// command is `op` or ALL, it asks who the user is (calls a function: auth.uid(), a membership
// helper such as is_member(org_id)), and its expressions mention one of the table's tenant
// columns (directly, in a membership subquery, or as a helper's argument). Sets `*policy`
// for TX_RLS_GUARDED, else NULL.
TxRlsState tx_rls_state(const TxProgram *p, TxStr schema, TxStr table, TxOp op,
                        const TxPolicy **policy);

#endif
