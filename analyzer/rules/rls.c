// rls.c: see rls.h.
#include "rls.h"

#include <stdio.h>

const char *tx_rls_state_name(TxRlsState s) {
  static const char *const names[] = {"unknown-table", "disabled", "no-policy", "unscoped-policy",
                                      "policy"};
  return s <= TX_RLS_GUARDED ? names[s] : "?";
}

static bool policy_covers(const TxPolicy *pl, TxOp op) {
  return tx_str_eq_c(pl->command, "all") || tx_str_eq_c(pl->command, tx_op_name(op));
}

// Whether the policy mentions one of `t`'s tenant columns and calls a function.
static bool policy_scopes(const TxPolicy *pl, const TxTable *t) {
  bool asks_user = false, names_tenant = false;
  for (uint32_t k = 0; k < pl->ref_count; k++) {
    TxStr ref = pl->refs[k];
    if (ref.len <= 2)
      continue;
    asks_user |= ref.ptr[0] == 'f';
    TxStr col = {ref.ptr + 2, ref.len - 2};
    for (uint32_t i = 0; ref.ptr[0] == 'c' && i < t->tenant_count; i++)
      names_tenant |= tx_str_eq(t->tenant[i].name, col);
  }
  return asks_user && names_tenant;
}

TxRlsState tx_rls_state(const TxProgram *p, TxStr schema, TxStr table, TxOp op,
                        const TxPolicy **policy) {
  *policy = NULL;
  const TxTable *t = tx_schema_table(&p->schema, schema, table);
  if (!t)
    return TX_RLS_TABLE_UNKNOWN;
  if (!t->rls_enabled)
    return TX_RLS_OFF;
  const TxSchema *s = &p->schema;
  const TxPolicy *first = NULL;
  for (uint32_t i = 0; i < s->policy_count; i++) {
    const TxPolicy *pl = &s->policies[i];
    if (pl->dropped || !tx_str_eq(pl->table, t->name) || !tx_str_eq(pl->schema, t->schema) ||
        !policy_covers(pl, op))
      continue;
    if (!policy_scopes(pl, t)) {
      *policy = pl;
      return TX_RLS_UNSCOPED;
    }
    if (!first)
      first = pl;
  }
  *policy = first;
  return first ? TX_RLS_GUARDED : TX_RLS_NO_POLICY;
}

void tx_rls_why(const TxFact *fact, TxRlsState rls, const TxPolicy *pol, TxStr col, char *why,
                size_t n) {
  const char *cmd = fact->op == TX_OP_UPDATE ? "UPDATE" : "DELETE";
  if (rls == TX_RLS_NO_POLICY)
    snprintf(why, n,
             "; RLS is enabled on '%.*s' with no %s policy, so a user session's %s changes no "
             "rows (RLS denies it)",
             TX_STR_ARG(fact->table), cmd, tx_op_name(fact->op));
  else if (rls == TX_RLS_UNSCOPED)
    snprintf(why, n,
             "; RLS policy '%.*s' allows the %s without constraining '%.*s', so RLS does not "
             "stop it",
             TX_STR_ARG(pol->name), cmd,
             TX_STR_ARG(col.len ? col : TX_STR_LIT("the tenant column")));
}
