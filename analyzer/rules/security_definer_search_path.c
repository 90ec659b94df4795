// security-definer-search-path: a SECURITY DEFINER function runs with its owner's rights;
// without a fixed search_path, a caller who can create objects in a schema on their own
// search_path can make it call their functions or read their tables instead.
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
    .summary = "SECURITY DEFINER function without a fixed search_path",
    .description = "A SECURITY DEFINER function must set search_path (in its definition or a "
                   "later ALTER FUNCTION ... SET search_path), or objects a caller places on "
                   "the search path can run with the owner's privileges.",
    .severity = TX_SEV_WARNING,
    .category = TX_CAT_SECURITY,
    .precision = TX_PRECISION_VERY_HIGH,
    .reads = 0,
    .security_severity = "6.5",
    .check_program = check_program,
};
