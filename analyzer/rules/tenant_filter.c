// tenant-filter: an update() or delete() chain on a tenant table that does not restrict
// the tenant column lets one organization change another's rows.
//
// The tenant column comes from the schema when the migrations define the table (the first
// configured tenant column the table has; none: a global table, no finding), else the
// first configured column (org_id). Accepted restrictions: eq, in, match (read as eq) and
// filter(col, 'eq' | 'in', v). A restriction added only on some paths is reported as
// conditional. Unknown filters (.or(), .match(obj), builders handed to helpers) are never
// reported.
#include <stdio.h>
#include <string.h>

#include "rule.h"

// "id, status" from the filters present, or "none".
static void describe_filters(const TxFact *fact, char *buf, size_t n) {
  size_t len = 0;
  buf[0] = '\0';
  for (uint32_t i = 0; i < fact->filter_count && len + 1 < n; i++) {
    const TxFilter *fl = &fact->filters[i];
    int w = snprintf(buf + len, n - len, "%s%.*s%s", i ? ", " : "", TX_STR_ARG(fl->column),
                     fl->conditional ? " (conditional)" : "");
    if (w < 0)
      break;
    len += (size_t)w;
  }
  if (len == 0)
    snprintf(buf, n, "none");
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
    if (!tx_filter_restricts(&fact->filters[i], col))
      continue;
    if (!fact->filters[i].conditional)
      return;
    conditional = true;
  }
  TxStr table = fact->table.len ? fact->table : TX_STR_LIT("<unknown>");
  char present[256];
  describe_filters(fact, present, sizeof present);
  if (conditional)
    tx_report(c, fact->op_span,
              "%s on '%.*s' filters '%.*s' only conditionally, so some paths change every "
              "organization's rows (filters: %s)",
              tx_op_name(fact->op), TX_STR_ARG(table), TX_STR_ARG(col), present);
  else
    tx_report(c, fact->op_span, "%s on '%.*s' has no filter on '%.*s' (filters: %s)",
              tx_op_name(fact->op), TX_STR_ARG(table), TX_STR_ARG(col), present);
}

const TxRule tx_rule_tenant_filter = {
    .id = "tenant-filter",
    .name = "TenantFilter",
    .summary = "Update or delete on a tenant table without a filter on the tenant column",
    .description = "An update() or delete() supabase-js chain on a table that has a tenant "
                   "column (org_id by default, or the configured tenant_columns) must restrict "
                   "that column with eq, in, match or filter, or one organization can change "
                   "another organization's rows.",
    .severity = TX_SEV_ERROR,
    .category = TX_CAT_SECURITY,
    .precision = TX_PRECISION_HIGH,
    .security_severity = "8.1",
    .ops = TX_OP_BIT(TX_OP_UPDATE) | TX_OP_BIT(TX_OP_DELETE),
    .check_fact = check_fact,
};
