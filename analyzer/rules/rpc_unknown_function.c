// rpc-unknown-function: what it flags and why is rules/rpc-unknown-function.md (its front
// matter holds the summary and description).
#include "rule.h"

static void check_fact(TxCheck *chk, const TxFile *f, const TxFact *fact) {
  (void)f;
  const TxProgram *p = tx_check_program(chk);
  if (fact->origin != TX_ORIGIN_TS || fact->function.len == 0)
    return;
  // Known functions: the migrations' (when they define any), and those a generated-types
  // file lists for the call's schema (a schema the types leave out says nothing).
  bool types = tx_schema_types_cover(&p->schema, fact->schema);
  if (!p->schema.defines_functions && !types)
    return;
  const TxSqlFunc *found[1];
  if (tx_schema_funcs(&p->schema, fact->schema, fact->function, found, 1) > 0)
    return;
  TxStr schema = fact->schema.len ? fact->schema : TX_STR_LIT("public");
  tx_report(chk, fact->op_span, "rpc '%.*s' calls a function that no migration defines%s in '%.*s'",
            TX_STR_ARG(fact->function), types ? " and the generated types do not list" : "",
            TX_STR_ARG(schema));
}

const TxRule tx_rule_rpc_unknown_function = {
    .id = "rpc-unknown-function",
    .name = "RpcUnknownFunction",
    .severity = TX_SEV_ERROR,
    .category = TX_CAT_CORRECTNESS,
    .precision = TX_PRECISION_HIGH,
    .reads = 0,
    .ops = TX_OP_BIT(TX_OP_RPC),
    .check_fact = check_fact,
};
