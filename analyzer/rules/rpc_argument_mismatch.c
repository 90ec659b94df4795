// rpc-argument-mismatch: what it flags and why is rules/rpc-argument-mismatch.md (its front
// matter holds the summary and description).
#include <stdio.h>
#include <string.h>

#include "rule.h"

enum { MAX_OVERLOADS = 16 };

static bool is_input(const TxParam *p) {
  return !tx_str_eq_c(p->mode, "out") && !tx_str_eq_c(p->mode, "table");
}

// One unnamed json/jsonb parameter takes the whole argument object.
static bool takes_object(const TxSqlFunc *fn) {
  uint32_t inputs = 0;
  const TxParam *only = NULL;
  for (uint32_t i = 0; i < fn->param_count; i++) {
    if (is_input(&fn->params[i])) {
      inputs++;
      only = &fn->params[i];
    }
  }
  return inputs == 1 && only->name.len == 0 &&
         (tx_str_eq_c(only->type, "json") || tx_str_eq_c(only->type, "jsonb"));
}

// Describes why `fn` rejects the call into buf; empty when it accepts it.
static void mismatch(const TxFact *fact, const TxSqlFunc *fn, char *buf, size_t n) {
  buf[0] = '\0';
  if (takes_object(fn) || fn->args_unknown)
    return; // one json object, or generated types whose Args could not be read
  for (uint32_t i = 0; i < fact->arg_count; i++) {
    bool known = false;
    for (uint32_t k = 0; k < fn->param_count && !known; k++)
      known = is_input(&fn->params[k]) && tx_str_eq(fn->params[k].name, fact->args[i].name);
    if (!known) {
      snprintf(buf, n, "passes '%.*s', which '%.*s' has no parameter for",
               TX_STR_ARG(fact->args[i].name), TX_STR_ARG(fn->name));
      return;
    }
  }
  for (uint32_t k = 0; k < fn->param_count; k++) {
    const TxParam *p = &fn->params[k];
    if (!is_input(p) || p->has_default || tx_str_eq_c(p->mode, "variadic"))
      continue;
    bool given = false;
    for (uint32_t i = 0; i < fact->arg_count && !given; i++)
      given = tx_str_eq(p->name, fact->args[i].name);
    if (!given) {
      snprintf(buf, n, "omits parameter '%.*s' of '%.*s', which has no default",
               TX_STR_ARG(p->name), TX_STR_ARG(fn->name));
      return;
    }
  }
}

// The finding points at the offending argument when there is one.
static TxSpan where(const TxFact *fact, const char *why) {
  for (uint32_t i = 0; i < fact->arg_count; i++) {
    const TxStr a = fact->args[i].name;
    char quoted[160];
    snprintf(quoted, sizeof quoted, "passes '%.*s'", TX_STR_ARG(a));
    if (strncmp(why, quoted, strlen(quoted)) == 0)
      return fact->args[i].span;
  }
  return fact->op_span;
}

static void check_fact(TxCheck *c, const TxFile *f, const TxFact *fact) {
  (void)f;
  const TxProgram *p = tx_check_program(c);
  if (fact->origin != TX_ORIGIN_TS || fact->args_unknown || fact->table.len == 0)
    return;
  const TxSqlFunc *fns[MAX_OVERLOADS];
  uint32_t n = tx_schema_funcs(&p->schema, fact->schema, fact->table, fns, MAX_OVERLOADS);
  if (n == 0 || n > MAX_OVERLOADS)
    return; // rpc-unknown-function's business; or too many overloads to judge
  char first[256] = "", why[256];
  for (uint32_t i = 0; i < n; i++) {
    mismatch(fact, fns[i], why, sizeof why);
    if (why[0] == '\0')
      return;
    if (i == 0)
      memcpy(first, why, sizeof first);
  }
  tx_report(c, where(fact, first), "rpc '%.*s' %s%s", TX_STR_ARG(fact->table), first,
            n > 1 ? " (nor does any other overload accept the call)" : "");
}

const TxRule tx_rule_rpc_argument_mismatch = {
    .id = "rpc-argument-mismatch",
    .name = "RpcArgumentMismatch",
    .severity = TX_SEV_ERROR,
    .category = TX_CAT_CORRECTNESS,
    .precision = TX_PRECISION_HIGH,
    .ops = TX_OP_BIT(TX_OP_RPC),
    .check_fact = check_fact,
};
