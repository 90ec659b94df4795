// rls.h: whether row-level security still scopes a write to one tenant, for the rules that
// grade tenant findings by it (tenant-filter, sql-tenant-filter; rules/tenant-filter.md).
#ifndef TX_RULES_RLS_H
#define TX_RULES_RLS_H

#include "ir/program.h"
#include "ir/schema.h"

typedef enum TxRlsState {
  TX_RLS_TABLE_UNKNOWN, // no migration defines the table (generated types alone do not say
                        // whether RLS is enabled)
  TX_RLS_OFF,           // the table exists without ENABLE ROW LEVEL SECURITY (or it was
                        // disabled later)
  TX_RLS_NO_POLICY,     // RLS is on and no permissive policy for the command reaches a user
                        // session's rows (none for the command, only for other roles, or
                        // without USING): PostgreSQL lets a user session change no rows at all
  TX_RLS_UNSCOPED,      // RLS is on and `policy`, a permissive policy for the command, does not
                        // constrain the tenant column in its USING: permissive policies combine
                        // with OR, so it lets the write by (no restrictive policy scopes it)
  TX_RLS_GUARDED,       // RLS is on and a restrictive policy for the command scopes its rows by
                        // the tenant column, or every permissive one does (`policy`: that
                        // restrictive one, else the first permissive)
} TxRlsState;

// "unknown-table", "disabled", "no-policy", "unscoped-policy", "policy" (SARIF property `rls`).
const char *tx_rls_state_name(TxRlsState s);

// What RLS does for a user session's `op` (update or delete) on `schema`.`table`. A policy
// counts when it is live (not dropped), for the command (`op` or ALL) and for a user session
// (TO public or authenticated, the role of a signed-in Supabase user). It scopes the rows when
// its USING expression (which decides which rows are reached; WITH CHECK only checks what is
// written) asks who the user is (calls a function: auth.uid(), a membership helper such as
// is_member(org_id)) and mentions one of the table's tenant columns (directly, in a membership
// subquery, or as a helper's argument). Permissive policies are OR-ed, restrictive ones AND-ed
// (rls.c). Sets `*policy` for TX_RLS_UNSCOPED and TX_RLS_GUARDED, and for TX_RLS_NO_POLICY to
// a policy for the command that reaches no row (for other roles, without USING, or
// restrictive with no permissive one), else NULL.
TxRlsState tx_rls_state(const TxProgram *p, TxStr schema, TxStr table, TxOp op,
                        const TxPolicy **policy);

// For a user session's (or SECURITY INVOKER function's) write that RLS does not scope
// (TX_RLS_NO_POLICY, TX_RLS_UNSCOPED): writes into `why` ("; ...", up to `n` bytes) what RLS
// does instead; `pol` is what tx_rls_state() gave, `col` the tenant column named (empty: "the
// tenant column"). Leaves `why` alone for any other state.
void tx_rls_why(const TxProgram *p, const TxFact *fact, TxRlsState rls, const TxPolicy *pol,
                TxStr col, char *why, size_t n);

#endif
