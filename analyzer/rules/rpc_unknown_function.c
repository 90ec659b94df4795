// rpc-unknown-function: client.rpc('name', ...) where no migration defines `name` (in
// public, or in the schema chosen with .schema('x')). Checked only when the project's SQL
// defines at least one function, so projects that keep their functions elsewhere are not
// flooded. A function dropped by a later migration counts as undefined.
#include "rule.h"

static void check_fact(TxCheck *c, const TxFile *f, const TxFact *fact) {
  (void)f;
  const TxProgram *p = tx_check_program(c);
  if (fact->origin != TX_ORIGIN_TS || !p->schema.defines_functions || fact->table.len == 0)
    return;
  const TxSqlFunc *found[1];
  if (tx_schema_funcs(&p->schema, fact->schema, fact->table, found, 1) > 0)
    return;
  TxStr schema = fact->schema.len ? fact->schema : TX_STR_LIT("public");
  tx_report(c, fact->op_span, "rpc '%.*s' calls a function that no migration defines in '%.*s'",
            TX_STR_ARG(fact->table), TX_STR_ARG(schema));
}

const TxRule tx_rule_rpc_unknown_function = {
    .id = "rpc-unknown-function",
    .name = "RpcUnknownFunction",
    .summary = "rpc() call to a function that no migration defines",
    .description = "A supabase-js .rpc('name') call fails at run time when no SQL function of "
                   "that name exists in the schema it targets; the migrations are the source of "
                   "truth for which functions exist.",
    .severity = TX_SEV_ERROR,
    .category = TX_CAT_CORRECTNESS,
    .precision = TX_PRECISION_HIGH,
    .reads = 0,
    .ops = TX_OP_BIT(TX_OP_RPC),
    .check_fact = check_fact,
};
