// rls.h: whether row-level security still scopes a write to one tenant, for the rules that
// grade tenant findings by it (tenant-filter, sql-tenant-filter; rules/tenant-filter.md).
#ifndef TX_RULES_RLS_H
#define TX_RULES_RLS_H

#include "ir/program.h"
#include "ir/schema.h"

typedef enum TxRlsState {
  TX_RLS_TABLE_UNKNOWN, // no migration defines the table
  TX_RLS_OFF,           // the table exists without ENABLE ROW LEVEL SECURITY
  TX_RLS_NO_POLICY,     // RLS is on with no policy for the command: PostgreSQL lets a user
                        // session change no rows at all
  TX_RLS_UNSCOPED,      // RLS is on and `policy`, for the command, does not constrain the tenant
                        // column: permissive policies combine with OR, so it lets the write by
  TX_RLS_GUARDED,       // RLS is on and every policy for the command (the first is `policy`)
                        // scopes its rows by the tenant column
} TxRlsState;

// "unknown-table", "disabled", "no-policy", "unscoped-policy", "policy" (SARIF property `rls`).
const char *tx_rls_state_name(TxRlsState s);

// What RLS does for `op` (update or delete) on `schema`.`table`. A policy is for the command
// when its command is `op` or ALL; it scopes the rows when it asks who the user is (calls a
// function: auth.uid(), a membership helper such as is_member(org_id)) and its expressions
// mention one of the table's tenant columns (directly, in a membership subquery, or as a
// helper's argument). Sets `*policy` for TX_RLS_UNSCOPED and TX_RLS_GUARDED, else NULL.
TxRlsState tx_rls_state(const TxProgram *p, TxStr schema, TxStr table, TxOp op,
                        const TxPolicy **policy);

// For a user session's (or SECURITY INVOKER function's) write that RLS does not scope
// (TX_RLS_NO_POLICY, TX_RLS_UNSCOPED): writes into `why` ("; ...", up to `n` bytes) what RLS
// does instead; `col` is the tenant column named (empty: "the tenant column"). Leaves `why`
// alone for any other state.
void tx_rls_why(const TxFact *fact, TxRlsState rls, const TxPolicy *pol, TxStr col, char *why,
                size_t n);

#endif
