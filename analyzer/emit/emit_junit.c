// emit_junit.c: JUnit XML as Jenkins, GitLab and Azure Pipelines read it (the Surefire
// shape). One <testsuite> per enabled rule; in it one <testcase> per file with findings of
// that rule, holding one <failure> per finding (message attribute: the message; text:
// "path:line:col: level: message [rule]" and the related locations), or, for a rule that
// found nothing, a single passing testcase "no findings". Input problems (syntax errors,
// unreadable files) go to a last suite "input" as <error>s, one testcase per file. Counts:
// tests = testcases, failures/errors = testcases with at least one failure/error, so
// tests - failures is what passed, as consumers compute it. Shown findings only (not
// suppressed; with a baseline only new ones), like text output.
//
// Escaping: & < > " become entities everywhere; tab, LF and CR are kept in text and
// written as character references in attributes (where a parser would fold them to
// spaces); every other character XML 1.0 forbids (C0 controls, U+FFFE, U+FFFF) and
// invalid UTF-8 become U+FFFD, so any file name or message gives well-formed XML.
#include <string.h>

#include "emit.h"
#include "emit_util.h"
#include "rules/rule.h"

// Writes s[0..n) escaped (see the file comment); `attr`: inside a quoted attribute.
static void xml_put(FILE *out, TxArena *a, TxStr s, bool attr) {
  TxStr v = tx_emit_utf8(a, s);
  const unsigned char *p = (const unsigned char *)v.ptr;
  for (uint32_t i = 0; i < v.len; i++) {
    unsigned char c = p[i];
    if (c == '&')
      fputs("&amp;", out);
    else if (c == '<')
      fputs("&lt;", out);
    else if (c == '>')
      fputs("&gt;", out);
    else if (c == '"' && attr)
      fputs("&quot;", out);
    else if ((c == '\n' || c == '\r' || c == '\t') && attr)
      fprintf(out, "&#%u;", c);
    else if (c < 0x20 && c != '\n' && c != '\r' && c != '\t')
      fputs("\xEF\xBF\xBD", out);
    else if (c == 0xEF && i + 2 < v.len && p[i + 1] == 0xBF &&
             (p[i + 2] == 0xBE || p[i + 2] == 0xBF))
      fputs("\xEF\xBF\xBD", out), i += 2; // U+FFFE, U+FFFF
    else
      fputc(c, out);
  }
}

static void put_where(FILE *out, TxArena *a, const TxFile *f, TxSpan span) {
  TxPos pos = tx_source_pos(&f->src, span.start);
  xml_put(out, a, f->src.path, false);
  fprintf(out, ":%u:%u", pos.line, pos.col);
}

static void put_failure(FILE *out, TxArena *a, const TxProgram *p, const TxFile *f,
                        const TxDiag *d) {
  fputs("      <failure message=\"", out);
  xml_put(out, a, d->message, true);
  fprintf(out, "\" type=\"%s\">", tx_severity_name(d->level));
  put_where(out, a, f, d->span);
  fprintf(out, ": %s: ", tx_severity_name(d->level));
  xml_put(out, a, d->message, false);
  fprintf(out, " [%s]", d->rule_id);
  for (uint32_t i = 0; i < d->related.count; i++) {
    const TxFile *rf = tx_program_file(p, d->related.items[i].span.file);
    if (!rf)
      continue;
    fputs("\n  note: ", out);
    put_where(out, a, rf, d->related.items[i].span);
    fputc(' ', out);
    xml_put(out, a, d->related.items[i].message, false);
  }
  fputs("</failure>\n", out);
}

static bool counted(const TxProgram *p, const TxDiag *d, const char *rule) {
  return tx_diag_shown(d) && tx_program_file(p, d->span.file) && strcmp(d->rule_id, rule) == 0;
}

// Testcases and failing testcases of `rule`: files with findings, or the one passing case.
static void count_rule(const TxProgram *p, const TxDiagSink *sink, const char *rule,
                       uint32_t *tests, uint32_t *failures) {
  *tests = *failures = 0;
  uint32_t last = TX_NONE;
  for (uint32_t i = 0; i < sink->items.count; i++) {
    const TxDiag *d = sink->items.items[i];
    if (!counted(p, d, rule) || d->span.file == last)
      continue;
    last = d->span.file; // the sink is sorted by path: a file's findings are adjacent
    (*tests)++;
    (*failures)++;
  }
  if (*tests == 0)
    *tests = 1;
}

static void put_suite(FILE *out, TxArena *a, const TxProgram *p, const TxDiagSink *sink,
                      const char *rule) {
  uint32_t tests, failures;
  count_rule(p, sink, rule, &tests, &failures);
  fprintf(out, "  <testsuite name=\"%s\" tests=\"%u\" failures=\"%u\" errors=\"0\">\n", rule, tests,
          failures);
  if (failures == 0)
    fprintf(out, "    <testcase name=\"no findings\" classname=\"txlint.%s\"/>\n", rule);
  uint32_t open = TX_NONE;
  for (uint32_t i = 0; i < sink->items.count; i++) {
    const TxDiag *d = sink->items.items[i];
    if (!counted(p, d, rule))
      continue;
    const TxFile *f = tx_program_file(p, d->span.file);
    if (d->span.file != open) {
      if (open != TX_NONE)
        fputs("    </testcase>\n", out);
      open = d->span.file;
      fputs("    <testcase name=\"", out);
      xml_put(out, a, f->src.path, true);
      fprintf(out, "\" classname=\"txlint.%s\" file=\"", rule);
      xml_put(out, a, f->src.path, true);
      fputs("\">\n", out);
    }
    put_failure(out, a, p, f, d);
  }
  if (open != TX_NONE)
    fputs("    </testcase>\n", out);
  fputs("  </testsuite>\n", out);
}

static uint32_t files_with_notices(const TxProgram *p) {
  uint32_t n = 0;
  for (uint32_t i = 0; i < p->file_count; i++)
    n += p->files[i]->report && p->files[i]->notice_count > 0;
  return n;
}

static const char *notice_level(TxNoticeLevel l) {
  return l == TX_NOTICE_ERROR ? "error" : l == TX_NOTICE_WARNING ? "warning" : "note";
}

// One notice as an <error>; `f` NULL for the run's own notices.
static void put_error(FILE *out, TxArena *a, const TxFile *f, const TxNotice *n) {
  fputs("      <error message=\"", out);
  xml_put(out, a, n->message, true);
  fputs("\" type=\"", out);
  xml_put(out, a, n->id, true);
  fputs("\">", out);
  if (f && n->has_span)
    put_where(out, a, f, n->span);
  else if (f)
    xml_put(out, a, f->src.path, false);
  else
    fputs("txlint", out);
  fprintf(out, ": %s: ", notice_level(n->level));
  xml_put(out, a, n->message, false);
  fputs("</error>\n", out);
}

// The "input" suite: a testcase per file with notices (an <error> each), one for the run's
// own notices, or a single passing case.
static void put_input_suite(FILE *out, TxArena *a, const TxProgram *p) {
  uint32_t cases = files_with_notices(p) + (p->notice_count > 0);
  fprintf(out, "  <testsuite name=\"input\" tests=\"%u\" failures=\"0\" errors=\"%u\">\n",
          cases ? cases : 1, cases);
  if (cases == 0)
    fputs("    <testcase name=\"all files read and parsed\" classname=\"txlint.input\"/>\n", out);
  if (p->notice_count) {
    fputs("    <testcase name=\"txlint\" classname=\"txlint.input\">\n", out);
    for (uint32_t k = 0; k < p->notice_count; k++)
      put_error(out, a, NULL, &p->notices[k]);
    fputs("    </testcase>\n", out);
  }
  for (uint32_t i = 0; i < p->file_count; i++) {
    const TxFile *f = p->files[i];
    if (!f->report || f->notice_count == 0)
      continue;
    fputs("    <testcase name=\"", out);
    xml_put(out, a, f->src.path, true);
    fputs("\" classname=\"txlint.input\" file=\"", out);
    xml_put(out, a, f->src.path, true);
    fputs("\">\n", out);
    for (uint32_t k = 0; k < f->notice_count; k++)
      put_error(out, a, f, &f->notices[k]);
    fputs("    </testcase>\n", out);
  }
  fputs("  </testsuite>\n", out);
}

bool tx_emit_junit(FILE *out, const TxProgram *p, const TxDiagSink *sink, const TxEmitOptions *o) {
  (void)o;
  TxArena a; // repaired strings
  tx_arena_init(&a);
  uint32_t tests = 0, failures = 0;
  for (uint32_t i = 0; i < tx_rule_count; i++) {
    if (!tx_config_rule_enabled(p->config, tx_rules[i]->id))
      continue;
    uint32_t t, f;
    count_rule(p, sink, tx_rules[i]->id, &t, &f);
    tests += t;
    failures += f;
  }
  uint32_t errors = files_with_notices(p) + (p->notice_count > 0);
  tests += errors ? errors : 1;
  fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
  fprintf(out, "<testsuites name=\"txlint\" tests=\"%u\" failures=\"%u\" errors=\"%u\">\n", tests,
          failures, errors);
  for (uint32_t i = 0; i < tx_rule_count; i++) {
    if (tx_config_rule_enabled(p->config, tx_rules[i]->id))
      put_suite(out, &a, p, sink, tx_rules[i]->id);
  }
  put_input_suite(out, &a, p);
  fputs("</testsuites>\n", out);
  tx_arena_fini(&a);
  return !ferror(out);
}
