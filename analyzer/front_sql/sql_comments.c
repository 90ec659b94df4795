// sql_comments.c: suppression comments (`-- txlint-ignore ...`) of a SQL file.
#include <string.h>

#include "base/array.h"
#include "ir/suppress.h"
#include "sql_internal.h"

// `-- txlint-ignore rule -- reason`, alone on a line (covers the next line with code) or
// after code (covers its own line; the rule is tx_suppression_line's). Comments are found line
// by line; a marker inside a string literal would count too, which is harmless (it must still
// name a rule and match a finding).
void tx_sql_suppressions(SqlCtx *ex, SupList *out) {
  const char *t = ex->f->src.text;
  uint32_t len = ex->f->src.len;
  for (uint32_t i = 0; i + 1 < len; i++) {
    if (!(t[i] == '-' && t[i + 1] == '-'))
      continue;
    uint32_t end = i;
    while (end < len && t[end] != '\n' && t[end] != '\r')
      end++;
    const char *key = tx_suppression_find(t + i, t + end);
    TxSuppression sup;
    if (key && tx_suppression_parse(&ex->f->arena, key, t + end, &sup)) {
      sup.span = tx_sql_span(ex, i, end);
      sup.line = tx_suppression_line(&ex->f->src, i, end, "--");
      TX_ARRAY_PUSH(out, sup);
    }
    i = end;
  }
}
