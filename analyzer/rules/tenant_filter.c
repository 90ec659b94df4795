// tenant-filter: an update or delete chain on a tenant table that does not restrict the
// tenant column lets one organization change another's rows.
#include "rule.h"

static bool restricts(const TxFilter *fl, TxStr column) {
  return tx_str_eq(fl->column, column) && (tx_str_eq_c(fl->op, "eq") || tx_str_eq_c(fl->op, "in"));
}

static void check_fact(TxCheck *c, const TxFile *f, const TxFact *fact) {
  (void)f;
  if (fact->origin != TX_ORIGIN_TS || fact->filters_unknown)
    return;
  TxStr col = tx_program_tenant_column(tx_check_program(c), fact->schema, fact->table);
  if (tx_str_empty(col))
    return;
  bool conditional = false;
  for (uint32_t i = 0; i < fact->filter_count; i++) {
    if (!restricts(&fact->filters[i], col))
      continue;
    if (!fact->filters[i].conditional)
      return;
    conditional = true;
  }
  TxStr table = fact->table.len ? fact->table : TX_STR_LIT("<unknown>");
  if (conditional)
    tx_report(c, fact->op_span, "%s on '%.*s' filters '%.*s' only conditionally",
              tx_op_name(fact->op), TX_STR_ARG(table), TX_STR_ARG(col));
  else
    tx_report(c, fact->op_span, "%s on '%.*s' has no filter on '%.*s'", tx_op_name(fact->op),
              TX_STR_ARG(table), TX_STR_ARG(col));
}

const TxRule tx_rule_tenant_filter = {
    .id = "tenant-filter",
    .name = "TenantFilter",
    .summary = "Update or delete on a tenant table without a tenant filter",
    .description = "An update() or delete() query-builder chain on a table that has a tenant "
                   "column (org_id by default) must restrict that column, or one organization "
                   "can change another organization's rows.",
    .severity = TX_SEV_ERROR,
    .category = TX_CAT_SECURITY,
    .precision = TX_PRECISION_HIGH,
    .security_severity = "8.1",
    .ops = TX_OP_BIT(TX_OP_UPDATE) | TX_OP_BIT(TX_OP_DELETE),
    .check_fact = check_fact,
};
