// sql-tenant-filter: what it flags and why is rules/sql-tenant-filter.md (its front matter
// holds the summary and description).
#include <stdio.h>

#include "rls.h"
#include "rule.h"

// The CREATE FUNCTION whose body holds fact `fact` of file `f`: the live definition, else the
// file's own statement (a definition a later migration replaced, or one in a file that does
// not build the schema, is still checked, and graded by what it said). NULL when neither.
static const TxSqlFunc *func_of(const TxProgram *p, const TxFile *f, const TxFact *fact) {
  for (uint32_t i = 0; i < p->schema.func_count; i++) {
    const TxSqlFunc *fn = &p->schema.funcs[i];
    if (fn->file == f->id && fn->fn == fact->fn)
      return fn;
  }
  for (uint32_t i = 0; f->sql && i < f->sql->op_count; i++) {
    const TxSqlOp *op = &f->sql->ops[i];
    if (op->kind == TX_SQL_CREATE_FUNCTION && op->func.file == f->id && op->func.fn == fact->fn)
      return &op->func;
  }
  return NULL;
}

// Reports finding `msg` graded by whose rights the function runs with and what RLS does
// (rules/sql-tenant-filter.md): SECURITY DEFINER runs as its owner, past RLS; SECURITY
// INVOKER runs as the caller, so a policy that scopes the rows by tenant still holds it.
static void report_graded(TxCheck *chk, const TxFile *f, const TxFact *fact, TxStr col,
                          const char *msg) {
  const TxProgram *p = tx_check_program(chk);
  const TxSqlFunc *fn = func_of(p, f, fact);
  const TxPolicy *pol = NULL;
  TxRlsState rls = tx_rls_state(p, fact->schema, fact->table, fact->op, &pol);
  const char *security = !fn ? "unknown" : fn->security_definer ? "definer" : "invoker";
  char why[400] = "";
  TxDiag *d;
  if (fn && !fn->security_definer && rls == TX_RLS_GUARDED) {
    if (!tx_config_rule_rls_backed(p->config, "sql-tenant-filter"))
      return;
    d = tx_report_at(chk, TX_SEV_NOTE, fact->op_span,
                     "%s; the function is SECURITY INVOKER, and RLS policy '%.*s' scopes the "
                     "rows to the caller's tenant (defense in depth)",
                     msg, TX_STR_ARG(pol->name));
  } else {
    if (fn && fn->security_definer)
      snprintf(why, sizeof why,
               "; the function is SECURITY DEFINER: it runs as its owner, so RLS does not apply");
    else if (rls == TX_RLS_OFF)
      snprintf(why, sizeof why, "; RLS is not enabled on '%.*s', so RLS does not apply",
               TX_STR_ARG(fact->table));
    else if (fn && rls != TX_RLS_TABLE_UNKNOWN)
      tx_rls_why(p, fact, rls, pol, col, why, sizeof why);
    d = tx_report(chk, fact->op_span, "%s%s", msg, why);
  }
  tx_report_prop(chk, d, "security", tx_str(security));
  tx_report_prop(chk, d, "rls", tx_str(tx_rls_state_name(rls)));
  if (pol)
    tx_report_prop(chk, d, "policy", pol->name);
}

static void check_fact(TxCheck *chk, const TxFile *f, const TxFact *fact) {
  if (fact->origin != TX_ORIGIN_SQL || fact->fn == TX_NONE || fact->filters_unknown ||
      fact->table.len == 0)
    return;
  const TxProgram *p = tx_check_program(chk);
  bool known;
  TxStr col = tx_program_tenant_column(p, fact->schema, fact->table, &known);
  if (known && tx_str_empty(col))
    return; // a global table or a tenant root
  if (!known && p->schema.untenanted)
    return; // the schema has tables and no tenant column: nothing to filter on
  for (uint32_t i = 0; i < fact->filter_count; i++) {
    const TxFilter *fl = &fact->filters[i];
    if (tx_filter_restricts(fl, fl->column) &&
        tx_program_is_tenant_column(p, fact->schema, fact->table, fl->column))
      return;
  }
  const TxFunction *fn = &f->functions[fact->fn];
  char what[320], names[200];
  if (known) {
    snprintf(what, sizeof what, "'%.*s'", TX_STR_ARG(col));
  } else {
    tx_program_tenant_names(p, names, sizeof names);
    snprintf(what, sizeof what,
             "a tenant column ('%.*s' is not in the schema, so any of %s or their camelCase "
             "forms counts)",
             TX_STR_ARG(fact->table), names);
  }
  char msg[1024];
  snprintf(msg, sizeof msg,
           "%s on '%.*s' in function '%.*s' does not constrain %s in its WHERE clause",
           fact->op == TX_OP_UPDATE ? "UPDATE" : "DELETE", TX_STR_ARG(fact->table),
           TX_STR_ARG(fn->name), what);
  report_graded(chk, f, fact, known ? col : (TxStr){"", 0}, msg);
}

const TxRule tx_rule_sql_tenant_filter = {
    .id = "sql-tenant-filter",
    .name = "SqlTenantFilter",
    .severity = TX_SEV_ERROR,
    .category = TX_CAT_SECURITY,
    .precision = TX_PRECISION_HIGH,
    .reads = 0,
    .security_severity = "8.1",
    .ops = TX_OP_BIT(TX_OP_UPDATE) | TX_OP_BIT(TX_OP_DELETE),
    .check_fact = check_fact,
};
