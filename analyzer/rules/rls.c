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

// The role a policy's USING requires ("r:" ref: auth.role() = 'service_role'), or empty.
static TxStr required_role(const TxPolicy *pl) {
  for (uint32_t k = 0; k < pl->ref_count; k++) {
    if (pl->refs[k].len > 2 && pl->refs[k].ptr[0] == 'r')
      return (TxStr){pl->refs[k].ptr + 2, pl->refs[k].len - 2};
  }
  return (TxStr){"", 0};
}

// Whether the policy holds a user session: Supabase runs a signed-in user's requests (and the
// SECURITY INVOKER functions they call) as the role `authenticated`. A policy only for anon,
// service_role or a role of the project's own does not apply to them, nor one whose USING
// requires another role (`using (auth.role() = 'service_role')`: no user row passes it).
static bool policy_for_user(const TxPolicy *pl) {
  TxStr need = required_role(pl);
  if (need.len && !tx_str_eq_c(need, "authenticated"))
    return false;
  for (uint32_t i = 0; i < pl->role_count; i++) {
    if (tx_str_eq_c(pl->roles[i], "public") || tx_str_eq_c(pl->roles[i], "authenticated"))
      return true;
  }
  return false;
}

// Whether expression refs `refs` mention one of `t`'s tenant columns and call a function.
static bool refs_scope(const TxStr *refs, uint32_t n, const TxTable *t) {
  bool asks_user = false, names_tenant = false;
  for (uint32_t k = 0; k < n; k++) {
    TxStr ref = refs[k];
    if (ref.len <= 2)
      continue;
    asks_user |= ref.ptr[0] == 'f';
    TxStr col = {ref.ptr + 2, ref.len - 2};
    for (uint32_t i = 0; ref.ptr[0] == 'c' && i < t->tenant_count; i++)
      names_tenant |= tx_str_eq(t->tenant[i].name, col);
  }
  return asks_user && names_tenant;
}

// What the policies for `op` do to a user session's write, PostgreSQL's way: a row is reached
// when the USING of some permissive policy holds (OR) and the USING of every restrictive one
// holds (AND); a policy without USING adds nothing, and with no permissive USING no row is
// reached. WITH CHECK checks only the rows written, not which rows are reached.
TxRlsState tx_rls_state(const TxProgram *p, TxStr schema, TxStr table, TxOp op,
                        const TxPolicy **policy) {
  *policy = NULL;
  const TxTable *t = tx_schema_table(&p->schema, schema, table);
  if (!t || t->from_types) // generated types do not say whether RLS is enabled
    return TX_RLS_TABLE_UNKNOWN;
  if (!t->rls_enabled)
    return TX_RLS_OFF;
  const TxSchema *s = &p->schema;
  const TxPolicy *guard = NULL, *unscoped = NULL, *restrictive = NULL, *inert = NULL,
                 *any_restrictive = NULL;
  uint32_t reaching = 0; // permissive policies for a user session with a USING expression
  for (uint32_t i = 0; i < s->policy_count; i++) {
    const TxPolicy *pl = &s->policies[i];
    if (pl->dropped || !tx_str_eq(pl->table, t->name) || !tx_str_eq(pl->schema, t->schema) ||
        !policy_covers(pl, op))
      continue;
    bool scopes = pl->has_using && refs_scope(pl->refs, pl->ref_count, t);
    if (!policy_for_user(pl) || (!pl->restrictive && !pl->has_using)) {
      if (!inert)
        inert = pl; // for the command, but reaching no row of a user session
    } else if (pl->restrictive) {
      if (!any_restrictive)
        any_restrictive = pl;
      if (scopes && !restrictive)
        restrictive = pl;
    } else {
      reaching++;
      if (scopes && !guard)
        guard = pl;
      if (!scopes && !unscoped)
        unscoped = pl;
    }
  }
  if (reaching == 0) {
    *policy = inert ? inert : any_restrictive;
    return TX_RLS_NO_POLICY;
  }
  // A restrictive policy that scopes the tenant holds every row, whatever the permissive ones
  // allow; without one, a single unscoped permissive policy lets the write by.
  *policy = restrictive ? restrictive : unscoped ? unscoped : guard;
  return restrictive || !unscoped ? TX_RLS_GUARDED : TX_RLS_UNSCOPED;
}

// "service_role" or "anon, service_role": the roles of a policy, for a message.
static void role_list(const TxPolicy *pl, char *out, size_t n) {
  size_t used = 0;
  out[0] = '\0';
  TxStr need = required_role(pl);
  if (need.len) {
    snprintf(out, n, "%.*s (its USING requires that role)", TX_STR_ARG(need));
    return;
  }
  for (uint32_t i = 0; i < pl->role_count && used < n; i++) {
    int w = snprintf(out + used, n - used, "%s%.*s", i ? ", " : "", TX_STR_ARG(pl->roles[i]));
    if (w < 0)
      break;
    used += (size_t)w;
  }
}

void tx_rls_why(const TxProgram *p, const TxFact *fact, TxRlsState rls, const TxPolicy *pol,
                TxStr col, char *why, size_t n) {
  const char *cmd = fact->op == TX_OP_UPDATE ? "UPDATE" : "DELETE";
  TxStr colname = col.len ? col : TX_STR_LIT("the tenant column");
  if (rls == TX_RLS_NO_POLICY && pol && !policy_for_user(pol)) {
    char roles[160];
    role_list(pol, roles, sizeof roles);
    snprintf(why, n,
             "; RLS is enabled on '%.*s' and its %s policy '%.*s' is only for %s, not a user "
             "session (authenticated), so a user session's %s changes no rows (RLS denies it)",
             TX_STR_ARG(fact->table), cmd, TX_STR_ARG(pol->name), roles, tx_op_name(fact->op));
  } else if (rls == TX_RLS_NO_POLICY && pol && pol->restrictive) {
    snprintf(why, n,
             "; RLS is enabled on '%.*s' with no permissive %s policy ('%.*s' is restrictive: it "
             "only narrows what a permissive one allows), so a user session's %s changes no rows "
             "(RLS denies it)",
             TX_STR_ARG(fact->table), cmd, TX_STR_ARG(pol->name), tx_op_name(fact->op));
  } else if (rls == TX_RLS_NO_POLICY && pol) {
    snprintf(why, n,
             "; RLS is enabled on '%.*s' and its %s policy '%.*s' has no USING expression, so a "
             "user session's %s reaches no rows (RLS denies it)",
             TX_STR_ARG(fact->table), cmd, TX_STR_ARG(pol->name), tx_op_name(fact->op));
  } else if (rls == TX_RLS_NO_POLICY) {
    snprintf(why, n,
             "; RLS is enabled on '%.*s' with no %s policy, so a user session's %s changes no "
             "rows (RLS denies it)",
             TX_STR_ARG(fact->table), cmd, tx_op_name(fact->op));
  } else if (rls == TX_RLS_UNSCOPED) {
    const TxTable *t = tx_schema_table(&p->schema, fact->schema, fact->table);
    bool in_check = t && pol->has_check && refs_scope(pol->check_refs, pol->check_ref_count, t);
    snprintf(why, n,
             "; RLS policy '%.*s' allows the %s without constraining '%.*s'%s, so RLS does not "
             "stop it",
             TX_STR_ARG(pol->name), cmd, TX_STR_ARG(colname),
             in_check ? " in USING (its WITH CHECK checks only the rows written, not which rows "
                        "are reached)"
                      : "");
  }
}
