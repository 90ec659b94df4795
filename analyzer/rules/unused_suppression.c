// unused-suppression: what it flags and why is rules/unused-suppression.md (its front matter
// holds the summary and description). It runs after every other rule, once their findings
// are matched with the suppression comments (TxRule.judges_suppressions).
#include <stdio.h>
#include <string.h>

#include "ir/suppress.h"
#include "rule.h"

static bool blank(char ch) {
  return ch == ' ' || ch == '\t';
}

// True when the comment t[s, e) holds nothing but the suppression: its opener ("//", "/*",
// "--"), blanks, then "txlint-ignore". A comment that says more (an eslint directive, an
// explanation before the marker) is not removed: that would delete more than the suppression.
static bool only_suppression(const char *t, uint32_t s, uint32_t e) {
  if (e - s < 2 ||
      !((t[s] == '/' && (t[s + 1] == '/' || t[s + 1] == '*')) || (t[s] == '-' && t[s + 1] == '-')))
    return false;
  uint32_t i = s + 2;
  while (i < e && (blank(t[i]) || t[i] == '*'))
    i++;
  return e - i >= 13 && memcmp(t + i, "txlint-ignore", 13) == 0;
}

// The bytes to delete with the comment t[s, e) of a text of `len` bytes: the whole line when
// the comment stands alone on it (with its line end), else the comment and the blanks before
// it (after code) or after it (before code), so no stray space is left.
static TxSpan removal(const char *t, uint32_t len, uint32_t file, uint32_t s, uint32_t e) {
  uint32_t ls = s, le = e;
  while (ls > 0 && blank(t[ls - 1]))
    ls--;
  while (le < len && blank(t[le]))
    le++;
  bool starts_line = ls == 0 || t[ls - 1] == '\n' || t[ls - 1] == '\r';
  bool ends_line = le == len || t[le] == '\n' || t[le] == '\r';
  if (starts_line && ends_line) {
    if (le < len && t[le] == '\r')
      le++;
    if (le < len && t[le] == '\n')
      le++;
    return (TxSpan){file, ls, le};
  }
  if (ends_line)
    return (TxSpan){file, ls, e};
  return (TxSpan){file, s, le};
}

// "suppression matches no finding": the fix deletes the comment (safe: a comment that
// suppresses nothing changes no behaviour and no other finding).
static void offer_removal(TxCheck *chk, TxDiag *d, const TxFile *f, const TxSuppression *sp) {
  const char *t = tx_source_text(&f->src);
  if (!t || f->src.from_utf16 || sp->span.end > f->src.len ||
      !only_suppression(t, sp->span.start, sp->span.end))
    return;
  TxFix *fix = tx_report_fix(chk, d, TX_FIX_SAFE, "Remove the suppression comment");
  tx_report_edit(chk, fix, removal(t, f->src.len, sp->span.file, sp->span.start, sp->span.end),
                 (TxStr){"", 0});
}

// Judges every suppression comment: the rules it names must exist, it needs a reason, and it
// must cover a finding of a rule that ran (with --rule X, suppressions of other rules are
// not judged).
static void check_program(TxCheck *chk, const TxProgram *p) {
  for (uint32_t i = 0; i < p->file_count; i++) {
    const TxFile *f = p->files[i];
    for (uint32_t k = 0; k < f->suppression_count; k++) {
      const TxSuppression *sp = &f->suppressions[k];
      bool judged = false;
      for (uint32_t j = 0; j < sp->rule_count; j++) {
        char name[128];
        snprintf(name, sizeof name, "%.*s", TX_STR_ARG(sp->rules[j]));
        if (!tx_rule_find(name)) {
          tx_report(chk, sp->span, "suppression names unknown rule '%s'", name);
          continue;
        }
        judged |= tx_config_rule_enabled(p->config, name);
      }
      if (sp->rule_count == 0)
        tx_report(chk, sp->span, "suppression names no rule");
      else if (sp->reason.len == 0)
        tx_report(chk, sp->span, "suppression has no reason (write one after '--')");
      else if (tx_str_eq_c(sp->reason, TX_SUPPRESS_PLACEHOLDER))
        tx_report(chk, sp->span,
                  "suppression has a placeholder reason (replace '%s' with a real one)",
                  TX_SUPPRESS_PLACEHOLDER);
      if (judged && !sp->used)
        offer_removal(chk, tx_report(chk, sp->span, "suppression matches no finding"), f, sp);
    }
  }
}

const TxRule tx_rule_unused_suppression = {
    .id = "unused-suppression",
    .name = "UnusedSuppression",
    .severity = TX_SEV_WARNING,
    .category = TX_CAT_CORRECTNESS,
    .precision = TX_PRECISION_VERY_HIGH,
    .check_program = check_program,
    .judges_suppressions = true,
    .reads = 0,
};
