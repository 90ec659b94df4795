// rls.c: see rls.h.
#include "rls.h"

const char *tx_rls_state_name(TxRlsState s) {
  static const char *const names[] = {"unknown-table", "disabled", "no-policy", "policy"};
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
  for (uint32_t i = 0; i < s->policy_count; i++) {
    const TxPolicy *pl = &s->policies[i];
    if (tx_str_eq(pl->table, t->name) && tx_str_eq(pl->schema, t->schema) &&
        policy_covers(pl, op) && policy_scopes(pl, t)) {
      *policy = pl;
      return TX_RLS_GUARDED;
    }
  }
  return TX_RLS_NO_POLICY;
}
