// sql-tenant-filter: what it flags and why is rules/sql-tenant-filter.md (its front matter
// holds the summary and description).
#include <stdio.h>

#include "rule.h"

static void check_fact(TxCheck *c, const TxFile *f, const TxFact *fact) {
  if (fact->origin != TX_ORIGIN_SQL || fact->fn == TX_NONE || fact->filters_unknown ||
      fact->table.len == 0)
    return;
  const TxProgram *p = tx_check_program(c);
  bool known;
  TxStr col = tx_program_tenant_column(p, fact->schema, fact->table, &known);
  if (known && tx_str_empty(col))
    return; // a global table or a tenant root
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
  tx_report(c, fact->op_span,
            "%s on '%.*s' in function '%.*s' does not constrain %s in its WHERE clause",
            fact->op == TX_OP_UPDATE ? "UPDATE" : "DELETE", TX_STR_ARG(fact->table),
            TX_STR_ARG(fn->name), what);
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
