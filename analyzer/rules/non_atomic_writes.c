// non-atomic-writes: what it flags and why is rules/non-atomic-writes.md (its front matter
// holds the summary and description). Counts writes through the call-graph summaries.
#include <stdio.h>
#include <string.h>

#include "rule.h"
#include "write_paths.h"

// Does every counted write of `fn` come through one single call site? (The sites are the
// writes of the heaviest path, one per write node: a write in a loop is one site counted
// twice.)
static bool single_call(const TxWriteSummary *s) {
  if (s->site_count == 0)
    return false;
  for (uint32_t i = 0; i < s->site_count; i++) {
    if (s->sites[i].via.len == 0 || s->sites[i].call.start != s->sites[0].call.start ||
        s->sites[i].call.file != s->sites[0].call.file)
      return false;
  }
  return true;
}

// Appends one site ("update 'jobs' via markJob in a loop") to buf[*len..n).
static void describe_site(const TxWriteSite *w, const char *sep, char *buf, size_t n, size_t *len) {
  static const char *const why[] = {"", " (independent table)", " (not awaited)"};
  if (*len + 1 >= n)
    return;
  int k = snprintf(buf + *len, n - *len, "%s%s '%.*s'%s%.*s%s%s%s", sep, tx_op_name(w->op),
                   w->table.len ? (int)w->table.len : 9, w->table.len ? w->table.ptr : "<unknown>",
                   w->via.len ? " via " : "", TX_STR_ARG(w->via), w->repeated ? " in a loop" : "",
                   w->same_row ? " (and again on the same row)" : "",
                   w->op == TX_OP_RPC && w->left == TX_LEFT_INDEPENDENT
                       ? " (writes independent tables only)"
                       : why[w->left]);
  if (k > 0)
    *len = *len + (size_t)k < n ? *len + (size_t)k : n - 1;
}

// The writes counted, in order, then those left out: "insert 'orders', insert 'order_items';
// not counted: insert 'audit_logs' (independent table)".
static void describe(const TxWriteSummary *s, char *buf, size_t n) {
  size_t len = 0;
  buf[0] = '\0';
  for (uint32_t i = 0; i < s->site_count; i++)
    describe_site(&s->sites[i], i ? ", " : "", buf, n, &len);
  if (s->write_count > s->site_count && len + 8 < n)
    len += (size_t)snprintf(buf + len, n - len, ", ...");
  for (uint32_t i = 0; i < s->left_count; i++)
    describe_site(&s->left[i], i ? ", " : "; not counted: ", buf, n, &len);
}

static void check_function(TxCheck *chk, const TxFile *f, const TxFunction *fn) {
  const TxWriteSummary *s =
      tx_write_summary(tx_check_write_paths(chk), f->id, (uint32_t)(fn - f->functions));
  if (!s || f->src.lang == TX_LANG_SQL || fn->inline_callback || s->write_count < 2)
    return;
  if (single_call(s))
    return; // the callee sequences them: it is reported itself
  char list[768];
  describe(s, list, sizeof list);
  bool many = s->write_count >= TX_SUMMARY_CAP;
  TxStr name = fn->name;
  TxDiag *d = tx_report(chk, fn->name_span,
                        "'%.*s' makes %s%u separate writes (%s); a failure between them leaves "
                        "partial state",
                        TX_STR_ARG(name), many ? "at least " : "", s->write_count, list);
  for (uint32_t i = 0; i < s->site_count; i++) {
    const TxWriteSite *w = &s->sites[i];
    TxStr table = w->table.len ? w->table : TX_STR_LIT("<unknown>");
    if (w->via.len)
      tx_report_related(chk, d, w->call, "write %u: %s '%.*s' through %.*s", i + 1,
                        tx_op_name(w->op), TX_STR_ARG(table), TX_STR_ARG(w->via));
    else
      tx_report_related(chk, d, w->span, "write %u: %s '%.*s'%s", i + 1, tx_op_name(w->op),
                        TX_STR_ARG(table), w->repeated ? ", repeated in a loop" : "");
  }
}

const TxRule tx_rule_non_atomic_writes = {
    .id = "non-atomic-writes",
    .name = "NonAtomicWrites",
    .severity = TX_SEV_WARNING,
    .category = TX_CAT_RELIABILITY,
    .precision = TX_PRECISION_MEDIUM,
    .reads = TX_READS_DB_CALLS | TX_READS_PROJECT_CALLS,
    .check_function = check_function,
};
