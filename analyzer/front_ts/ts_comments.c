// ts_comments.c: suppression comments and the line each covers.
#include "ir/suppress.h"
#include "ts_internal.h"

// --- suppression comments -------------------------------------------------------------------

static bool is_space(char ch) {
  return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\f' || ch == '\v';
}

static uint32_t line_of(const TsCtx *ex, uint32_t offset) {
  return tx_source_pos(&ex->f->src, offset).line;
}

// The line a comment alone on its line covers: the next line with something other than
// blanks and `//` comments.
static uint32_t next_code_line(const TsCtx *ex, uint32_t from) {
  const char *t = ex->src;
  uint32_t len = ex->f->src.len, i = from;
  for (;;) {
    while (i < len && is_space(t[i]))
      i++;
    if (i + 1 < len && t[i] == '/' && t[i + 1] == '/') {
      while (i < len && t[i] != '\n' && t[i] != '\r')
        i++;
      continue;
    }
    return line_of(ex, i);
  }
}

// `// txlint-ignore rule-a, rule-b -- reason` / `txlint-ignore-file rule -- reason`
void tx_ts_visit_comment(TsCtx *ex, TSNode n) {
  TxStr text = tx_ts_text(ex, n);
  const char *end = text.ptr + text.len;
  const char *key = tx_suppression_find(text.ptr, end);
  TxSuppression sup;
  if (!key || !tx_suppression_parse(&ex->f->arena, key, end, &sup))
    return;
  sup.span = tx_ts_span(ex, n);
  uint32_t start = tx_ts_start(n), ls = start;
  while (ls > 0 && ex->src[ls - 1] != '\n' && ex->src[ls - 1] != '\r')
    ls--;
  bool code_before = false;
  for (uint32_t i = ls; i < start; i++)
    code_before |= !is_space(ex->src[i]);
  sup.line = code_before ? line_of(ex, start) : next_code_line(ex, tx_ts_end(n));
  TX_ARRAY_PUSH(&ex->suppressions, sup);
}
