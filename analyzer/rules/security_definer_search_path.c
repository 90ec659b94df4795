// security-definer-search-path: what it flags and why is rules/security-definer-search-path.md
// (its front matter holds the summary and description).
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "rule.h"

static bool word_char(char ch) {
  return isalnum((unsigned char)ch) || ch == '_' || ch == '$';
}

// Skips the quoted text, dollar-quoted body or comment starting at t[i] (t[0..n)); returns
// the index after it, or i when nothing starts there.
static uint32_t skip_quoted(const char *t, uint32_t n, uint32_t i) {
  if (t[i] == '\'' || t[i] == '"') {
    char q = t[i];
    for (uint32_t k = i + 1; k < n; k++) {
      if (t[k] == q && !(k + 1 < n && t[k + 1] == q))
        return k + 1;
      if (t[k] == q)
        k++; // a doubled quote
    }
    return n;
  }
  if (t[i] == '-' && i + 1 < n && t[i + 1] == '-') {
    while (i < n && t[i] != '\n')
      i++;
    return i;
  }
  if (t[i] == '/' && i + 1 < n && t[i + 1] == '*') {
    for (uint32_t k = i + 2; k + 1 < n; k++) {
      if (t[k] == '*' && t[k + 1] == '/')
        return k + 2;
    }
    return n;
  }
  if (t[i] == '$' && (i == 0 || !word_char(t[i - 1]))) {
    uint32_t k = i + 1; // $tag$ ... $tag$
    while (k < n && (isalnum((unsigned char)t[k]) || t[k] == '_'))
      k++;
    if (k >= n || t[k] != '$')
      return i;
    uint32_t tag = k + 1 - i;
    for (uint32_t m = k + 1; m + tag <= n; m++) {
      if (memcmp(t + m, t + i, tag) == 0)
        return m + tag;
    }
    return n;
  }
  return i;
}

// The end of the one SECURITY DEFINER clause in the statement t[0..n) outside quotes, bodies
// and comments; 0 when there is none or more than one (then no fix is offered).
static uint32_t definer_end(const char *t, uint32_t n) {
  uint32_t found = 0, count = 0;
  for (uint32_t i = 0; i < n;) {
    uint32_t k = skip_quoted(t, n, i);
    if (k != i) {
      i = k;
      continue;
    }
    if ((i == 0 || !word_char(t[i - 1])) && n - i >= 8 && strncasecmp(t + i, "security", 8) == 0) {
      uint32_t j = i + 8;
      while (j < n && isspace((unsigned char)t[j]))
        j++;
      if (j > i + 8 && n - j >= 7 && strncasecmp(t + j, "definer", 7) == 0 &&
          (j + 7 == n || !word_char(t[j + 7]))) {
        found = j + 7;
        count++;
      }
    }
    i++;
  }
  return count == 1 ? found : 0;
}

// The fix sets an empty search_path right after SECURITY DEFINER. A suggestion: unqualified
// names in the body stop resolving (they must be written schema.name), which changes what the
// function does until they are.
static void offer_search_path(TxCheck *chk, TxDiag *d, const TxProgram *p, const TxSqlFunc *fn) {
  const TxFile *f = tx_program_file(p, fn->span.file);
  const char *t = f ? tx_source_text(&f->src) : NULL;
  if (!t || f->src.from_utf16 || fn->span.end > f->src.len || fn->span.end <= fn->span.start)
    return;
  uint32_t end = definer_end(t + fn->span.start, fn->span.end - fn->span.start);
  if (end == 0)
    return;
  TxFix *fix = tx_report_fix(chk, d, TX_FIX_SUGGESTION,
                             "Add SET search_path = '' (then qualify the names the body uses)");
  uint32_t at = fn->span.start + end;
  tx_report_edit(chk, fix, (TxSpan){fn->span.file, at, at}, TX_STR_LIT(" SET search_path = ''"));
}

static void check_program(TxCheck *chk, const TxProgram *p) {
  for (uint32_t i = 0; i < p->schema.func_count; i++) {
    const TxSqlFunc *fn = &p->schema.funcs[i];
    if (!fn->security_definer || fn->has_search_path)
      continue;
    TxDiag *d = tx_report(chk, fn->name_span,
                          "SECURITY DEFINER function '%.*s.%.*s' has no fixed search_path",
                          TX_STR_ARG(fn->schema), TX_STR_ARG(fn->name));
    offer_search_path(chk, d, p, fn);
  }
}

const TxRule tx_rule_security_definer_search_path = {
    .id = "security-definer-search-path",
    .name = "SecurityDefinerSearchPath",
    .severity = TX_SEV_WARNING,
    .category = TX_CAT_SECURITY,
    .precision = TX_PRECISION_VERY_HIGH,
    .reads = 0,
    .security_severity = "6.5",
    .check_program = check_program,
};
