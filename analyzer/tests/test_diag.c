// test_diag.c: the diagnostics sink (diag/diag.h) after tx_diag_apply_suppressions() and
// tx_diag_finish():
//   - dedupe: a finding with the same file, start offset, rule and message as another is
//     dropped (its end, level, related locations and flow do not count); any of those four
//     differing keeps both;
//   - order: path, then start offset, then rule id, then message;
//   - suppression comments as the front ends read them: which line a `txlint-ignore`
//     covers in TypeScript and SQL (its own line after code; alone, the next line with code
//     past blank lines and other comments), rule lists, the reason after `--`,
//     txlint-ignore-file, and the unused-suppression findings (unknown rule, no rule, no
//     reason, matches nothing; judged only for the rules that ran);
//   - fingerprints: rule id, path, the reported line's text with blanks folded, and the
//     occurrence among findings with the same three, so that edits above or below and
//     re-indenting keep them, and a changed line, rule or path changes them.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "diag/diag.h"
#include "front_sql/sql_front.h"
#include "rules/rule.h"
#include "test_prog.h"

static const char *const TF = "tenant-filter";
static const char *const NAW = "non-atomic-writes";

static TxDiag *add(TxDiagSink *s, const char *rule, TxSpan sp, const char *msg) {
  const TxRule *r = tx_rule_find(rule);
  return tx_diag_add(s, rule, r ? tx_rule_index(r) : TX_NONE, TX_SEV_ERROR, sp, "%s", msg);
}

// The finding of `rule` whose message is `msg`, or NULL.
static const TxDiag *find(const TxDiagSink *s, const char *rule, const char *msg) {
  for (uint32_t i = 0; i < s->items.count; i++) {
    const TxDiag *d = s->items.items[i];
    if (strcmp(d->rule_id, rule) == 0 && tx_str_eq_c(d->message, msg))
      return d;
  }
  return NULL;
}

static uint32_t count_rule(const TxDiagSink *s, const char *rule) {
  uint32_t n = 0;
  for (uint32_t i = 0; i < s->items.count; i++)
    n += strcmp(s->items.items[i]->rule_id, rule) == 0;
  return n;
}

static uint32_t line_of(const TestProg *t, const TxDiag *d) {
  return tx_source_pos(&t->p->files[d->span.file]->src, d->span.start).line;
}

// --- dedupe and order --------------------------------------------------------------------------

static void test_dedupe_identical(void **state) {
  (void)state;
  TestProg t;
  tp_init(&t);
  TxFile *f = tp_add(&t, "a.ts", "const a = 1;\nconst b = 2;\n");
  TxDiagSink s;
  tx_diag_init(&s);
  TxSpan a = tp_span(f, "const a");
  TxDiag *d1 = add(&s, TF, a, "m");
  tp_step(&s, d1, false, tp_span(f, "const b"), "one");
  TxSpan longer = a;
  longer.end += 3;
  TxDiag *d2 = add(&s, TF, longer, "m"); // same start: the end does not count
  tp_step(&s, d2, true, tp_span(f, "b = 2"), "two");
  d2->level = TX_SEV_WARNING;
  add(&s, TF, a, "m"); // a third copy
  tx_diag_apply_suppressions(&s, t.p);
  tx_diag_finish(&s, t.p);
  assert_int_equal(s.items.count, 1);
  tx_diag_fini(&s);
  tp_free(&t);
}

static void test_dedupe_keeps_differences(void **state) {
  (void)state;
  TestProg t;
  tp_init(&t);
  TxFile *f = tp_add(&t, "a.ts", "const a = 1;\n");
  TxFile *g = tp_add(&t, "b.ts", "const a = 1;\n");
  TxDiagSink s;
  tx_diag_init(&s);
  TxSpan a = tp_span(f, "const a");
  TxSpan col = tp_span(f, "a = 1"); // the same line, another column
  add(&s, TF, a, "m");
  add(&s, TF, a, "other message");
  add(&s, NAW, a, "m");
  add(&s, TF, col, "m");
  add(&s, TF, tp_span(g, "const a"), "m"); // the same offset in another file
  tx_diag_apply_suppressions(&s, t.p);
  tx_diag_finish(&s, t.p);
  assert_int_equal(s.items.count, 5);
  tx_diag_fini(&s);
  tp_free(&t);
}

static void test_sorted_by_path_start_rule_message(void **state) {
  (void)state;
  TestProg t;
  tp_init(&t);
  TxFile *f = tp_add(&t, "a.ts", "const a = 1;\nconst b = 2;\n");
  TxFile *g = tp_add(&t, "b.ts", "const c = 3;\n");
  TxDiagSink s;
  tx_diag_init(&s);
  add(&s, TF, tp_span(g, "const c"), "5");
  add(&s, TF, tp_span(f, "const b"), "4");
  add(&s, TF, tp_span(f, "const a"), "3");
  add(&s, NAW, tp_span(f, "const a"), "2");
  add(&s, NAW, tp_span(f, "const a"), "1");
  tx_diag_apply_suppressions(&s, t.p);
  tx_diag_finish(&s, t.p);
  assert_int_equal(s.items.count, 5);
  for (uint32_t i = 0; i < 5; i++) {
    char want[2] = {(char)('1' + i), 0};
    assert_true(tx_str_eq_c(s.items.items[i]->message, want));
  }
  tx_diag_fini(&s);
  tp_free(&t);
}

static void test_unreported_file_dropped(void **state) {
  (void)state;
  TestProg t;
  tp_init(&t);
  TxFile *f = tp_add(&t, "a.ts", "const a = 1;\n");
  TxFile *g = tp_add(&t, "context.ts", "const a = 1;\n");
  g->report = false; // loaded for context only
  TxDiagSink s;
  tx_diag_init(&s);
  add(&s, TF, tp_span(f, "const a"), "kept");
  TxDiag *d = add(&s, TF, tp_span(g, "const a"), "dropped");
  tp_step(&s, d, false, tp_span(f, "const a"), "freed with it");
  tx_diag_apply_suppressions(&s, t.p);
  tx_diag_finish(&s, t.p);
  assert_int_equal(s.items.count, 1);
  assert_non_null(find(&s, TF, "kept"));
  tx_diag_fini(&s);
  tp_free(&t);
}

// --- suppression lines -------------------------------------------------------------------------

static const char ts_suppressions[] =
    "const a = 1; // txlint-ignore tenant-filter -- same line\n"            // 1
    "// txlint-ignore tenant-filter -- alone\n"                             // 2
    "\n"                                                                    // 3
    "// an ordinary comment\n"                                              // 4
    "const b = 2;\n"                                                        // 5: covered by line 2
    "const c = 3;\n"                                                        // 6: not covered
    "// txlint-ignore tenant-filter, non-atomic-writes --   two rules   \n" // 7
    "const d = 4;\n"                                                        // 8
    "const e = 5; /* txlint-ignore non-atomic-writes -- block */\n" // 9: covers its own line
    "// txlint-ignorex tenant-filter -- not a suppression\n"        // 10
    "const f = 6;\n";                                               // 11

static void test_ts_suppression_lines(void **state) {
  (void)state;
  TestProg t;
  tp_init(&t);
  TxFile *f = tp_add(&t, "a.ts", ts_suppressions);
  assert_int_equal(f->suppression_count, 4);
  TxDiagSink s;
  tx_diag_init(&s);
  add(&s, TF, tp_span(f, "const a"), "line 1");
  add(&s, TF, tp_span(f, "const b"), "line 5");
  add(&s, TF, tp_span(f, "const c"), "line 6");
  add(&s, TF, tp_span(f, "const d"), "line 8 tf");
  add(&s, NAW, tp_span(f, "const d"), "line 8 naw");
  add(&s, "sql-tenant-filter", tp_span(f, "const d"), "line 8 other rule");
  add(&s, NAW, tp_span(f, "const e"), "line 9");
  add(&s, TF, tp_span(f, "const f"), "line 11");
  tx_diag_apply_suppressions(&s, t.p);
  tx_diag_finish(&s, t.p);
  const TxDiag *d = find(&s, TF, "line 1");
  assert_true(d->suppressed);
  assert_true(tx_str_eq_c(d->justification, "same line"));
  d = find(&s, TF, "line 5");
  assert_true(d->suppressed);
  assert_true(tx_str_eq_c(d->justification, "alone"));
  assert_false(find(&s, TF, "line 6")->suppressed);
  d = find(&s, TF, "line 8 tf");
  assert_true(d->suppressed);
  assert_true(tx_str_eq_c(d->justification, "two rules")); // blanks around it trimmed
  assert_true(find(&s, NAW, "line 8 naw")->suppressed);
  assert_false(find(&s, "sql-tenant-filter", "line 8 other rule")->suppressed);
  d = find(&s, NAW, "line 9");
  assert_true(d->suppressed);
  assert_true(tx_str_eq_c(d->justification, "block")); // without the closing */
  assert_false(find(&s, TF, "line 11")->suppressed);
  assert_int_equal(count_rule(&s, "unused-suppression"), 0); // each one was used
  tx_diag_fini(&s);
  tp_free(&t);
}

static const char sql_suppressions[] =
    "select 1; -- txlint-ignore sql-tenant-filter -- same line\n" // 1
    "-- txlint-ignore sql-tenant-filter -- alone\n"               // 2
    "\n"                                                          // 3
    "-- an ordinary comment\n"                                    // 4
    "select 2;\n"                                                 // 5: covered by line 2
    "select 3;\n";                                                // 6: not covered

static void test_sql_suppression_lines(void **state) {
  (void)state;
  TestProg t;
  tp_init(&t);
  TxFile *f = tp_add(&t, "m.sql", sql_suppressions);
  assert_int_equal(f->suppression_count, 2);
  TxDiagSink s;
  tx_diag_init(&s);
  const char *r = "sql-tenant-filter";
  add(&s, r, tp_span(f, "select 1"), "line 1");
  add(&s, r, tp_span(f, "select 2"), "line 5");
  add(&s, r, tp_span(f, "select 3"), "line 6");
  tx_diag_apply_suppressions(&s, t.p);
  tx_diag_finish(&s, t.p);
  const TxDiag *d = find(&s, r, "line 1");
  assert_true(d->suppressed);
  assert_true(tx_str_eq_c(d->justification, "same line"));
  d = find(&s, r, "line 5");
  assert_true(d->suppressed);
  assert_true(tx_str_eq_c(d->justification, "alone"));
  assert_false(find(&s, r, "line 6")->suppressed);
  tx_diag_fini(&s);
  tp_free(&t);
}

static void test_whole_file(void **state) {
  (void)state;
  TestProg t;
  tp_init(&t);
  TxFile *f =
      tp_add(&t, "a.ts",
             "const a = 1;\n// txlint-ignore-file tenant-filter -- generated\nconst b = 2;\n"
             "\n\nconst c = 3;\n");
  TxFile *g = tp_add(&t, "b.ts", "const a = 1;\n");
  TxDiagSink s;
  tx_diag_init(&s);
  add(&s, TF, tp_span(f, "const a"), "above the comment");
  add(&s, TF, tp_span(f, "const c"), "far below");
  add(&s, NAW, tp_span(f, "const c"), "another rule");
  add(&s, TF, tp_span(g, "const a"), "another file");
  tx_diag_apply_suppressions(&s, t.p);
  tx_diag_finish(&s, t.p);
  assert_true(find(&s, TF, "above the comment")->suppressed);
  assert_true(tx_str_eq_c(find(&s, TF, "far below")->justification, "generated"));
  assert_true(find(&s, TF, "far below")->suppressed);
  assert_false(find(&s, NAW, "another rule")->suppressed);
  assert_false(find(&s, TF, "another file")->suppressed);
  tx_diag_fini(&s);
  tp_free(&t);
}

static const char bad_suppressions[] =
    "// txlint-ignore tenant-filter -- nothing here\n"         // 1: matches nothing
    "const a = 1;\n"                                           // 2
    "const b = 2; // txlint-ignore tenant-filter\n"            // 3: no reason (but used)
    "// txlint-ignore no-such-rule -- typo\n"                  // 4: unknown rule
    "const c = 3;\n"                                           // 5
    "// txlint-ignore -- names nothing\n"                      // 6: no rule
    "const d = 4;\n"                                           // 7
    "// txlint-ignore non-atomic-writes -- rule did not run\n" // 8
    "const e = 5;\n";                                          // 9

static void test_unused_suppressions(void **state) {
  (void)state;
  TestProg t;
  tp_init(&t);
  // Only tenant-filter (and unused-suppression) ran: the non-atomic-writes suppression is
  // not judged.
  TxStr only[] = {tx_str(TF), tx_str("unused-suppression")};
  t.cfg.only_rules = (TxStrList){only, 2};
  TxFile *f = tp_add(&t, "a.ts", bad_suppressions);
  assert_int_equal(f->suppression_count, 5);
  TxDiagSink s;
  tx_diag_init(&s);
  add(&s, TF, tp_span(f, "const b"), "suppressed without reason");
  tx_rules_run(t.p, &s); // applies the suppressions, then unused-suppression judges them
  tx_diag_finish(&s, t.p);
  const TxDiag *d = find(&s, TF, "suppressed without reason");
  assert_true(d->suppressed);
  assert_int_equal(d->justification.len, 0);
  const char *u = "unused-suppression";
  assert_int_equal(count_rule(&s, u), 4);
  d = find(&s, u, "suppression matches no finding");
  assert_non_null(d);
  assert_int_equal(line_of(&t, d), 1);
  assert_int_equal(d->span.start, 0); // the comment itself
  d = find(&s, u, "suppression has no reason (write one after '--')");
  assert_non_null(d);
  assert_int_equal(line_of(&t, d), 3);
  d = find(&s, u, "suppression names unknown rule 'no-such-rule'");
  assert_non_null(d);
  assert_int_equal(line_of(&t, d), 4);
  d = find(&s, u, "suppression names no rule");
  assert_non_null(d);
  assert_int_equal(line_of(&t, d), 6);
  tx_diag_fini(&s);
  tp_free(&t);
}

static void test_unused_suppression_disabled(void **state) {
  (void)state;
  TestProg t;
  tp_init(&t);
  TxStr only[] = {tx_str(TF)};
  t.cfg.only_rules = (TxStrList){only, 1};
  tp_add(&t, "a.ts", bad_suppressions);
  TxDiagSink s;
  tx_diag_init(&s);
  tx_diag_apply_suppressions(&s, t.p);
  tx_diag_finish(&s, t.p);
  assert_int_equal(s.items.count, 0);
  tx_diag_fini(&s);
  tp_free(&t);
}

// --- fingerprints ------------------------------------------------------------------------------

// The fingerprint of the one `rule` finding at the first `needle` of a one-file program.
static void fingerprint_of(const char *path, const char *text, const char *rule, const char *needle,
                           const char *msg, char out[17]) {
  TestProg t;
  tp_init(&t);
  TxFile *f = tp_add(&t, path, text);
  TxDiagSink s;
  tx_diag_init(&s);
  add(&s, rule, tp_span(f, needle), msg);
  tx_diag_apply_suppressions(&s, t.p);
  tx_diag_finish(&s, t.p);
  assert_int_equal(s.items.count, 1);
  const TxDiag *d = s.items.items[0];
  assert_int_equal(d->fingerprint.len, 16);
  for (uint32_t i = 0; i < 16; i++)
    assert_non_null(strchr("0123456789abcdef", d->fingerprint.ptr[i]));
  snprintf(out, 17, "%.*s", TX_STR_ARG(d->fingerprint));
  tx_diag_fini(&s);
  tp_free(&t);
}

static void test_fingerprint_stable(void **state) {
  (void)state;
  char base[17], fp[17];
  fingerprint_of("a.ts", "const a = 1;\nwrite(a);\n", TF, "write", "m", base);
  // Lines added above and below, the line re-indented with other blanks, the message and
  // the column changed: the same finding.
  fingerprint_of("a.ts", "// new\n\nconst a = 1;\n\n  write(a);\nmore();\n", TF, "write", "m", fp);
  assert_string_equal(fp, base);
  fingerprint_of("a.ts", "const a = 1;\n\t write(a);  \n", TF, "write", "m", fp);
  assert_string_equal(fp, base);
  fingerprint_of("a.ts", "const a = 1;\nwrite(a);\n", TF, "(a)", "another message", fp);
  assert_string_equal(fp, base);
}

static void test_fingerprint_differs(void **state) {
  (void)state;
  char base[17], fp[17];
  fingerprint_of("a.ts", "const a = 1;\nwrite(a);\n", TF, "write", "m", base);
  fingerprint_of("a.ts", "const a = 1;\nwrite(b);\n", TF, "write", "m", fp); // line text
  assert_string_not_equal(fp, base);
  fingerprint_of("a.ts", "const a = 1;\nwrite (a);\n", TF, "write", "m", fp); // inner blank
  assert_string_not_equal(fp, base);
  fingerprint_of("a.ts", "const a = 1;\nwrite(a);\n", NAW, "write", "m", fp); // rule
  assert_string_not_equal(fp, base);
  fingerprint_of("b.ts", "const a = 1;\nwrite(a);\n", TF, "write", "m", fp); // path
  assert_string_not_equal(fp, base);
}

// Identical lines in one file: told apart by occurrence in file order, so a copy added
// below keeps the first one's fingerprint.
static void test_fingerprint_occurrence(void **state) {
  (void)state;
  char first[17];
  fingerprint_of("a.ts", "write(a);\n", TF, "write", "m", first);
  TestProg t;
  tp_init(&t);
  TxFile *f = tp_add(&t, "a.ts", "write(a);\nother();\n  write(a);\n");
  TxDiagSink s;
  tx_diag_init(&s);
  uint32_t second = (uint32_t)(strstr(f->src.text + 1, "write") - f->src.text);
  add(&s, TF, tx_span(f->id, second, second + 5), "second"); // added first on purpose
  add(&s, TF, tp_span(f, "write"), "first");
  tx_diag_apply_suppressions(&s, t.p);
  tx_diag_finish(&s, t.p);
  const TxDiag *a = find(&s, TF, "first"), *b = find(&s, TF, "second");
  assert_true(tx_str_eq_c(a->fingerprint, first));
  assert_false(tx_str_eq(a->fingerprint, b->fingerprint));
  tx_diag_fini(&s);
  tp_free(&t);
}

static int teardown(void **state) {
  (void)state;
  tx_sql_thread_exit();
  return 0;
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_dedupe_identical),
      cmocka_unit_test(test_dedupe_keeps_differences),
      cmocka_unit_test(test_sorted_by_path_start_rule_message),
      cmocka_unit_test(test_unreported_file_dropped),
      cmocka_unit_test(test_ts_suppression_lines),
      cmocka_unit_test(test_sql_suppression_lines),
      cmocka_unit_test(test_whole_file),
      cmocka_unit_test(test_unused_suppressions),
      cmocka_unit_test(test_unused_suppression_disabled),
      cmocka_unit_test(test_fingerprint_stable),
      cmocka_unit_test(test_fingerprint_differs),
      cmocka_unit_test(test_fingerprint_occurrence),
  };
  return cmocka_run_group_tests(tests, NULL, teardown);
}
