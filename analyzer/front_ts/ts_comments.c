// ts_comments.c: suppression comments (the line each covers: tx_suppression_line).
#include "ir/suppress.h"
#include "ts_internal.h"

// --- suppression comments -------------------------------------------------------------------

// `// txlint-ignore rule-a, rule-b -- reason` / `txlint-ignore-file rule -- reason`
void tx_ts_visit_comment(TsCtx *ex, TSNode n) {
  TxStr text = tx_ts_text(ex, n);
  const char *end = text.ptr + text.len;
  const char *key = tx_suppression_find(text.ptr, end);
  TxSuppression sup;
  if (!key || !tx_suppression_parse(&ex->f->arena, key, end, &sup))
    return;
  sup.span = tx_ts_span(ex, n);
  sup.line = tx_suppression_line(&ex->f->src, tx_ts_start(n), tx_ts_end(n), "//");
  TX_ARRAY_PUSH(&ex->suppressions, sup);
}
