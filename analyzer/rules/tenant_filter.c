// tenant-filter: what it flags and why is rules/tenant-filter.md (its front matter holds the
// summary and description). The tenant columns come from the schema (link/tenant.c).
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "rls.h"
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

// Is identifier `name` named like tenant column `col`: the same letters ignoring case and
// underscores (orgId, org_id and OrgID for org_id)?
static bool named_like(TxStr name, TxStr col) {
  uint32_t i = 0, k = 0;
  for (;;) {
    while (i < name.len && name.ptr[i] == '_')
      i++;
    while (k < col.len && col.ptr[k] == '_')
      k++;
    if (i == name.len || k == col.len)
      return i == name.len && k == col.len;
    int a = tolower((unsigned char)name.ptr[i++]), b = tolower((unsigned char)col.ptr[k++]);
    if (a != b || !isalnum(a))
      return false;
  }
}

enum { MAX_SCOPE_DEPTH = 64 }; // enclosing functions looked through, at most

// The one value in scope at the chain that plausibly holds the caller's tenant: a parameter
// or an earlier local of the chain's function or of a function around it, named like the
// tenant column, where no binding of that name comes from the request body (the caller
// chooses those). Empty when there is no such value or more than one name qualifies.
static TxStr tenant_value(const TxFile *f, const TxFact *fact, TxStr col) {
  TxStr found = {"", 0};
  uint32_t fn = fact->fn;
  for (uint32_t depth = 0; fn < f->function_count && depth < MAX_SCOPE_DEPTH; depth++) {
    const TxFunction *s = &f->functions[fn];
    for (uint32_t i = 0; i < s->binding_count; i++) {
      const TxBinding *b = &s->bindings[i];
      if (!named_like(b->name, col))
        continue;
      if (b->from_body)
        return (TxStr){"", 0};
      if (b->at >= fact->span.start)
        continue; // declared after the chain
      if (found.len && !tx_str_eq(found, b->name))
        return (TxStr){"", 0}; // two candidates: a person must choose
      found = b->name;
    }
    fn = s->parent;
  }
  return found;
}

// A suggestion: filtering by the tenant changes which rows the call touches.
static void offer_filter(TxCheck *chk, TxDiag *d, const TxFile *f, const TxFact *fact, TxStr col) {
  TxStr value = tenant_value(f, fact, col);
  const char *t = tx_source_text(&f->src);
  uint32_t at = fact->op_span.end;
  if (!value.len || !t || f->src.from_utf16 || at == 0 || at > f->src.len || t[at - 1] != ')')
    return;
  char buf[300];
  int n = snprintf(buf, sizeof buf, ".eq('%.*s', %.*s)", TX_STR_ARG(col), TX_STR_ARG(value));
  if (n <= 0 || (size_t)n >= sizeof buf)
    return;
  TxFix *fix = tx_report_fix(chk, d, TX_FIX_SUGGESTION, "Filter on the tenant: %s", buf);
  tx_report_edit(chk, fix, (TxSpan){fact->op_span.file, at, at}, tx_str_n(buf, (size_t)n));
}

// Reports finding `msg` graded by who runs the query and what RLS does (rules/tenant-filter.md,
// "Graded by RLS"): an error when nothing else scopes the rows, a note naming the policy when
// a user-session client is held by one (nothing with rls_backed: off). Returns the finding, or NULL
// when there is none.
static TxDiag *report_graded(TxCheck *chk, const TxFact *fact, TxStr col, const char *msg) {
  const TxProgram *p = tx_check_program(chk);
  const TxPolicy *pol = NULL;
  TxRlsState rls = fact->table.len ? tx_rls_state(p, fact->schema, fact->table, fact->op, &pol)
                                   : TX_RLS_TABLE_UNKNOWN;
  TxClientKind kind = fact->client_kind;
  char why[400] = "";
  TxDiag *d;
  if (kind == TX_CLIENT_USER && rls == TX_RLS_GUARDED) {
    if (!tx_config_rule_rls_backed(p->config, "tenant-filter"))
      return NULL;
    d = tx_report_at(chk, TX_SEV_NOTE, fact->op_span,
                     "%s; the client is a user session, and RLS policy '%.*s' scopes the rows "
                     "to the user's tenant (defense in depth)",
                     msg, TX_STR_ARG(pol->name));
  } else {
    if (kind == TX_CLIENT_SERVICE)
      snprintf(why, sizeof why, "; the client uses the service-role key, so RLS does not apply");
    else if (rls == TX_RLS_OFF)
      snprintf(why, sizeof why, "; RLS is not enabled on '%.*s', so RLS does not apply",
               TX_STR_ARG(fact->table));
    else if (kind == TX_CLIENT_USER && rls != TX_RLS_TABLE_UNKNOWN)
      tx_rls_why(p, fact, rls, pol, col, why, sizeof why);
    d = tx_report(chk, fact->op_span, "%s%s", msg, why);
  }
  tx_report_prop(chk, d, "clientKind", tx_str(tx_client_kind_name(kind)));
  tx_report_prop(chk, d, "rls", tx_str(tx_rls_state_name(rls)));
  if (pol)
    tx_report_prop(chk, d, "policy", pol->name);
  return d;
}

// A filter whose column a parameter names (`.eq(column, v)` in a helper): unknown here; the
// calls that name it are judged instead (link/builders.c).
static bool column_from_parameter(const TxFact *fact) {
  for (uint32_t i = 0; i < fact->filter_count; i++) {
    if (fact->filters[i].column_param)
      return true;
  }
  return false;
}

// Where the table or filters came from when a helper's chain crosses into the caller's
// (link/builders.c): a related location, and the words the message ends with.
static void say_helper(TxCheck *chk, TxDiag *d, const TxFact *fact, bool at_call) {
  if (!d || !fact->via_helper)
    return;
  if (at_call)
    tx_report_related(chk, d, fact->via, "the %s in '%.*s', judged with this call's arguments",
                      tx_op_name(fact->op), TX_STR_ARG(fact->helper));
  else
    tx_report_related(chk, d, fact->via, "the builder '%.*s' returns or the filters it adds",
                      TX_STR_ARG(fact->helper));
}

static void check_fact(TxCheck *chk, const TxFile *f, const TxFact *fact) {
  if (fact->origin != TX_ORIGIN_TS || fact->filters_unknown || fact->judged_at_calls ||
      column_from_parameter(fact))
    return;
  const TxProgram *p = tx_check_program(chk);
  bool at_call = tx_program_is_call_fact(p, fact);
  bool known;
  TxStr col = tx_program_tenant_column(p, fact->schema, fact->table, &known);
  if (known && tx_str_empty(col))
    return; // a global table or a tenant root
  if (!known && p->schema.untenanted)
    return; // the schema has tables and no tenant column: nothing to filter on
  bool conditional = false;
  TxStr cond_col = col;
  for (uint32_t i = 0; i < fact->filter_count; i++) {
    const TxFilter *fl = &fact->filters[i];
    if (!tx_filter_restricts(fl, fl->column) ||
        !tx_program_is_tenant_column(p, fact->schema, fact->table, fl->column))
      continue;
    if (!fl->conditional)
      return;
    if (!conditional)
      cond_col = fl->column;
    conditional = true;
  }
  TxStr table = fact->table.len ? fact->table : TX_STR_LIT("<unknown>");
  char present[256], names[200], unknown[300] = "", msg[1024];
  describe_filters(fact, present, sizeof present);
  if (!known) {
    tx_program_tenant_names(p, names, sizeof names);
    snprintf(unknown, sizeof unknown,
             "; '%.*s' is not in the schema, so any of %s or their camelCase forms counts",
             TX_STR_ARG(table), names);
  }
  if (conditional)
    snprintf(msg, sizeof msg,
             "%s on '%.*s' filters '%.*s' only conditionally, so some paths change every "
             "organization's rows (filters: %s)%s",
             tx_op_name(fact->op), TX_STR_ARG(table), TX_STR_ARG(cond_col), present, unknown);
  else if (known)
    snprintf(msg, sizeof msg, "%s on '%.*s' has no filter on '%.*s' (filters: %s)",
             tx_op_name(fact->op), TX_STR_ARG(table), TX_STR_ARG(col), present);
  else
    snprintf(msg, sizeof msg, "%s on '%.*s' has no filter on a tenant column (filters: %s)%s",
             tx_op_name(fact->op), TX_STR_ARG(table), present, unknown);
  if (at_call) {
    size_t len = strlen(msg);
    snprintf(msg + len, sizeof msg - len, "; the %s is made by '%.*s', called here",
             tx_op_name(fact->op), TX_STR_ARG(fact->helper));
  }
  TxDiag *d = report_graded(chk, fact, known ? col : (TxStr){"", 0}, msg);
  say_helper(chk, d, fact, at_call);
  if (d && known && !conditional && !at_call) // at a call, the filter goes in the helper
    offer_filter(chk, d, f, fact, col);
}

const TxRule tx_rule_tenant_filter = {
    .id = "tenant-filter",
    .name = "TenantFilter",
    .severity = TX_SEV_ERROR,
    .category = TX_CAT_SECURITY,
    .precision = TX_PRECISION_HIGH,
    .reads = TX_READS_PROJECT_CALLS, // helpers' chains joined at their calls (link/builders.c)
    .security_severity = "8.1",
    .ops = TX_OP_BIT(TX_OP_UPDATE) | TX_OP_BIT(TX_OP_DELETE),
    .check_fact = check_fact,
};
