// security-definer-search-path: what it flags and why is rules/security-definer-search-path.md
// (its front matter holds the summary and description).
#include "rule.h"

static void check_program(TxCheck *c, const TxProgram *p) {
  for (uint32_t i = 0; i < p->schema.func_count; i++) {
    const TxSqlFunc *fn = &p->schema.funcs[i];
    if (!fn->security_definer || fn->has_search_path)
      continue;
    tx_report(c, fn->name_span, "SECURITY DEFINER function '%.*s.%.*s' has no fixed search_path",
              TX_STR_ARG(fn->schema), TX_STR_ARG(fn->name));
  }
}

const TxRule tx_rule_security_definer_search_path = {
    .id = "security-definer-search-path",
    .name = "SecurityDefinerSearchPath",
    .severity = TX_SEV_WARNING,
    .category = TX_CAT_SECURITY,
    .precision = TX_PRECISION_VERY_HIGH,
    .reads = 0,
    .security_severity = "6.5",
    .check_program = check_program,
};
