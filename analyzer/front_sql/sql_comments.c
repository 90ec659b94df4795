// sql_comments.c: suppression comments (`-- txlint-ignore ...`) of a SQL file.
#include <string.h>

#include "base/array.h"
#include "ir/suppress.h"
#include "sql_internal.h"

static uint32_t line_of(const SqlCtx *c, uint32_t offset) {
  return tx_source_pos(&c->f->src, offset).line;
}

// `-- txlint-ignore rule -- reason`, alone on a line (covers the next line with code) or
// after code (covers its own line). Comments are found line by line; a marker inside a string
// literal would count too, which is harmless (it must still name a rule and match a finding).

void tx_sql_suppressions(SqlCtx *c, SupList *out) {
  const char *t = c->f->src.text;
  uint32_t len = c->f->src.len;
  for (uint32_t i = 0; i + 1 < len; i++) {
    if (!(t[i] == '-' && t[i + 1] == '-'))
      continue;
    uint32_t end = i;
    while (end < len && t[end] != '\n' && t[end] != '\r')
      end++;
    const char *key = tx_suppression_find(t + i, t + end);
    TxSuppression sup;
    if (key && tx_suppression_parse(&c->f->arena, key, t + end, &sup)) {
      uint32_t ls = i;
      while (ls > 0 && t[ls - 1] != '\n' && t[ls - 1] != '\r')
        ls--;
      bool code_before = false;
      for (uint32_t k = ls; k < i; k++)
        code_before |= t[k] != ' ' && t[k] != '\t';
      uint32_t next = end;
      for (;;) { // skip blank lines and further comment lines
        while (next < len &&
               (t[next] == ' ' || t[next] == '\t' || t[next] == '\n' || t[next] == '\r'))
          next++;
        if (next + 1 < len && t[next] == '-' && t[next + 1] == '-') {
          while (next < len && t[next] != '\n')
            next++;
          continue;
        }
        break;
      }
      sup.span = tx_sql_span(c, i, end);
      sup.line = code_before ? line_of(c, i) : line_of(c, next);
      TX_ARRAY_PUSH(out, sup);
    }
    i = end;
  }
}
