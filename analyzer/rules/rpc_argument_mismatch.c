// rpc-argument-mismatch: what it flags and why is rules/rpc-argument-mismatch.md (its front
// matter holds the summary and description).
#include <stdint.h>
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

enum { MAX_NAME = 64 }; // longer names are never typos worth guessing

// Levenshtein distance of a and b (both at most MAX_NAME bytes).
static uint32_t distance(TxStr a, TxStr b) {
  uint32_t row[MAX_NAME + 1];
  for (uint32_t j = 0; j <= b.len; j++)
    row[j] = j;
  for (uint32_t i = 1; i <= a.len; i++) {
    uint32_t diag = row[0]; // row[i-1][j-1]
    row[0] = i;
    for (uint32_t j = 1; j <= b.len; j++) {
      uint32_t up = row[j];
      uint32_t best = diag + (a.ptr[i - 1] != b.ptr[j - 1]);
      if (up + 1 < best)
        best = up + 1;
      if (row[j - 1] + 1 < best)
        best = row[j - 1] + 1;
      row[j] = best;
      diag = up;
    }
  }
  return row[b.len];
}

static bool passed(const TxFact *fact, TxStr name) {
  for (uint32_t i = 0; i < fact->arg_count; i++) {
    if (tx_str_eq(fact->args[i].name, name))
      return true;
  }
  return false;
}

// The one input parameter of `fn` not passed yet that `name` most likely means: at the
// smallest edit distance, which must be at most 2 and at most a third of the name's length,
// and no other parameter as close. NULL when there is no such single match.
static const TxParam *close_param(const TxFact *fact, const TxSqlFunc *fn, TxStr name) {
  if (name.len == 0 || name.len > MAX_NAME)
    return NULL;
  const TxParam *best = NULL;
  uint32_t best_d = UINT32_MAX, ties = 0;
  for (uint32_t k = 0; k < fn->param_count; k++) {
    const TxParam *p = &fn->params[k];
    if (!is_input(p) || p->name.len == 0 || p->name.len > MAX_NAME || passed(fact, p->name))
      continue;
    uint32_t d = distance(name, p->name);
    if (d < best_d) {
      best = p;
      best_d = d;
      ties = 0;
    } else if (d == best_d) {
      ties++;
    }
  }
  if (!best || ties || best_d > 2 || best_d * 3 > name.len)
    return NULL;
  return best;
}

// A suggestion: renaming the key makes the call reach the parameter, which changes what runs.
// Only a key written `name: value` or `'name': value` is renamed; a shorthand `{ name }`
// names a variable too.
static void offer_rename(TxCheck *chk, TxDiag *d, const TxFile *f, const TxFact *fact,
                         const TxSqlFunc *fn) {
  for (uint32_t i = 0; i < fact->arg_count; i++) {
    const TxRpcArg *a = &fact->args[i];
    if (a->span.start != d->span.start || a->span.end != d->span.end)
      continue;
    const TxParam *p = close_param(fact, fn, a->name);
    const char *t = tx_source_text(&f->src);
    if (!p || !t || f->src.from_utf16 || a->span.end >= f->src.len)
      return;
    uint32_t after = a->span.end;
    while (after < f->src.len && (t[after] == ' ' || t[after] == '\t'))
      after++;
    if (t[after] != ':')
      return;
    char q = t[a->span.start];
    bool quoted = (q == '\'' || q == '"') && a->span.end - a->span.start >= 2;
    TxFix *fix = tx_report_fix(chk, d, TX_FIX_SUGGESTION, "Rename '%.*s' to '%.*s'",
                               TX_STR_ARG(a->name), TX_STR_ARG(p->name));
    TxSpan key = quoted ? (TxSpan){a->span.file, a->span.start + 1, a->span.end - 1} : a->span;
    tx_report_edit(chk, fix, key, p->name);
    return;
  }
}

static void check_fact(TxCheck *chk, const TxFile *f, const TxFact *fact) {
  const TxProgram *p = tx_check_program(chk);
  if (fact->origin != TX_ORIGIN_TS || fact->args_unknown || fact->function.len == 0)
    return;
  const TxSqlFunc *fns[MAX_OVERLOADS];
  uint32_t n = tx_schema_funcs(&p->schema, fact->schema, fact->function, fns, MAX_OVERLOADS);
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
  TxDiag *d = tx_report(chk, where(fact, first), "rpc '%.*s' %s%s", TX_STR_ARG(fact->function),
                        first, n > 1 ? " (nor does any other overload accept the call)" : "");
  if (n == 1 && strncmp(first, "passes '", 8) == 0)
    offer_rename(chk, d, f, fact, fns[0]);
}

const TxRule tx_rule_rpc_argument_mismatch = {
    .id = "rpc-argument-mismatch",
    .name = "RpcArgumentMismatch",
    .severity = TX_SEV_ERROR,
    .category = TX_CAT_CORRECTNESS,
    .precision = TX_PRECISION_HIGH,
    .reads = 0,
    .ops = TX_OP_BIT(TX_OP_RPC),
    .check_fact = check_fact,
};
