// suppress.c: see suppress.h.
#include "suppress.h"

#include <string.h>

#include "base/array.h"

static bool is_space(char ch) {
  return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\f' || ch == '\v';
}

static bool is_line_end(char ch) {
  return ch == '\n' || ch == '\r';
}

uint32_t tx_suppression_line(const TxSource *src, uint32_t start, uint32_t end,
                             const char *line_comment) {
  const char *t = src->text;
  uint32_t len = src->len;
  start = start < len ? start : len;
  end = end < start ? start : end < len ? end : len;
  uint32_t ls = start;
  while (ls > 0 && !is_line_end(t[ls - 1]))
    ls--;
  for (uint32_t i = ls; i < start; i++) {
    if (!is_space(t[i]))
      return tx_source_pos(src, start).line; // after code
  }
  size_t cl = strlen(line_comment);
  uint32_t i = end;
  for (;;) { // blanks and comment lines up to the next code
    while (i < len && is_space(t[i]))
      i++;
    if (cl == 0 || len - i < cl || memcmp(t + i, line_comment, cl) != 0)
      return tx_source_pos(src, i).line;
    while (i < len && !is_line_end(t[i]))
      i++;
  }
}

const char *tx_suppression_find(const char *p, const char *end) {
  for (; p + 13 <= end; p++) {
    if (memcmp(p, "txlint-ignore", 13) == 0)
      return p;
  }
  return NULL;
}

bool tx_suppression_parse(TxArena *a, const char *p, const char *end, TxSuppression *out) {
  memset(out, 0, sizeof *out);
  if (end - p >= 2 && end[-1] == '/' && end[-2] == '*')
    end -= 2; // the end of a block comment
  p += 13;
  if (end - p >= 5 && memcmp(p, "-file", 5) == 0) {
    out->whole_file = true;
    p += 5;
  }
  if (p < end && !is_space(*p))
    return false;
  TX_ARRAY(TxStr) rules = {0};
  while (p < end) {
    while (p < end && (is_space(*p) || *p == ','))
      p++;
    if (end - p >= 2 && p[0] == '-' && p[1] == '-') {
      p += 2;
      while (p < end && is_space(*p))
        p++;
      const char *r = end;
      while (r > p && is_space(r[-1]))
        r--;
      out->reason = tx_str_n(p, (size_t)(r - p));
      break;
    }
    const char *w = p;
    while (p < end && !is_space(*p) && *p != ',')
      p++;
    if (p > w)
      TX_ARRAY_PUSH(&rules, tx_str_n(w, (size_t)(p - w)));
  }
  out->rules = TX_ARRAY_TO_ARENA(a, &rules);
  out->rule_count = rules.count;
  TX_ARRAY_FREE(&rules);
  return true;
}
