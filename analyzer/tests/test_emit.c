// test_emit.c: the three emitters (emit/emit.h) on one small hand-built set of findings: an
// error with a related location in another file and a two-step code flow, a warning whose
// message and file name hold the characters GitHub's workflow commands escape, a finding
// suppressed by a comment, a note, a notice of a file and one of the program. Checked: the
// text format line by line; the GitHub commands byte for byte; in SARIF the fields users and
// code scanning read (ruleId, ruleIndex, level, message with its links, locations and
// regions, relatedLocations, codeFlows, partialFingerprints, suppressions, notifications).
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag/diag.h"
#include "emit/emit.h"
#include "rules/rule.h"
#include "test_prog.h"

typedef struct Set {
  TestProg t;
  TxDiagSink s;
} Set;

static const char a_ts[] = "const a = 1;\n"
                           "  await db.from('calls').delete();\n"
                           "write(); // txlint-ignore non-atomic-writes -- reviewed: 100% safe\n";
static const char b_ts[] = "export const db = make();\n";

static TxDiag *add(Set *st, const char *rule, TxSeverity level, TxSpan sp, const char *msg) {
  const TxRule *r = tx_rule_find(rule);
  assert_non_null(r);
  return tx_diag_add(&st->s, rule, tx_rule_index(r), level, sp, "%s", msg);
}

static void make_set(Set *st) {
  tp_init(&st->t);
  st->t.p->root = tx_str("/proj");
  TxFile *a = tp_add(&st->t, "a.ts", a_ts);
  TxFile *b = tp_add(&st->t, "b.ts", b_ts);
  TxFile *w = tp_add(&st->t, "we,ird:name.ts", "x();\n");
  tx_diag_init(&st->s);
  TxDiag *d = add(st, "tenant-filter", TX_SEV_ERROR, tp_span(a, "db.from('calls').delete()"),
                  "delete on 'calls' [no filter]");
  tp_step(&st->s, d, false, tp_span(b, "db = make()"), "the client is made here");
  tp_step(&st->s, d, true, tp_span(b, "make()"), "client: make()");
  tp_step(&st->s, d, true, tp_span(a, "delete()"), "then: delete");
  add(st, "non-atomic-writes", TX_SEV_WARNING, tp_span(a, "write()"), "suppressed one");
  add(st, "rpc-unknown-function", TX_SEV_WARNING, tp_span(w, "x()"), "100% a: b, c\r\nnext");
  add(st, "security-definer-search-path", TX_SEV_NOTE, tp_span(a, "const a"), "a note");
  TxSpan ns = tp_span(b, "make");
  tx_program_notice(st->t.p, b, TX_NOTICE_WARNING, "parse-error", &ns, "syntax error here");
  tx_program_notice(st->t.p, NULL, TX_NOTICE_ERROR, "io-error", NULL, "cannot read gone.ts");
  tx_diag_apply_suppressions(&st->s, st->t.p);
  tx_diag_finish(&st->s, st->t.p);
  assert_int_equal(st->s.items.count, 4);
  assert_int_equal(st->t.p->files[0]->notice_count + st->t.p->files[2]->notice_count, 0);
}

static void free_set(Set *st) {
  tx_diag_fini(&st->s);
  tp_free(&st->t);
}

typedef bool (*Emitter)(FILE *, const TxProgram *, const TxDiagSink *, const TxEmitOptions *);

// The emitter's whole output (malloc'ed).
static char *emit(Set *st, Emitter e) {
  char *buf = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&buf, &len);
  assert_non_null(out);
  TxEmitOptions o = {false, "9.9.9"};
  assert_true(e(out, st->t.p, &st->s, &o));
  fclose(out);
  return buf;
}

static void test_text(void **state) {
  (void)state;
  Set st;
  make_set(&st);
  char *out = emit(&st, tx_emit_text);
  static const char want[] =
      "a.ts:1:1: note: a note [security-definer-search-path]\n"
      "     1 | const a = 1;\n"
      "       | ^~~~~~~\n"
      "a.ts:2:9: error: delete on 'calls' [no filter] [tenant-filter]\n"
      "     2 |   await db.from('calls').delete();\n"
      "       |         ^~~~~~~~~~~~~~~~~~~~~~~~~\n"
      "    note: b.ts:1:14: the client is made here\n"
      "we,ird:name.ts:1:1: warning: 100% a: b, c\\x0d\\x0anext [rpc-unknown-function]\n"
      "     1 | x();\n"
      "       | ^~~\n"
      "txlint: error: cannot read gone.ts [io-error]\n"
      "b.ts:1:19: warning: syntax error here [parse-error]\n"
      "3 problems (1 error, 1 warning, 1 note) in 3 files; 1 suppressed\n";
  assert_string_equal(out, want);
  free(out);
  free_set(&st);
}

static void test_github(void **state) {
  (void)state;
  Set st;
  make_set(&st);
  char *out = emit(&st, tx_emit_github);
  static const char want[] =
      "::notice file=a.ts,line=1,col=1,endLine=1,endColumn=8,title=security-definer-search-path"
      "::a note [security-definer-search-path]\n"
      "::error file=a.ts,line=2,col=9,endLine=2,endColumn=34,title=tenant-filter"
      "::delete on 'calls' [no filter] [tenant-filter]\n"
      "::warning file=we%2Cird%3Aname.ts,line=1,col=1,endLine=1,endColumn=4,"
      "title=rpc-unknown-function::100%25 a: b, c%0D%0Anext [rpc-unknown-function]\n"
      "::warning file=b.ts,line=1,col=19,endLine=1,endColumn=23,title=parse-error"
      "::syntax error here\n"
      "::error title=io-error::cannot read gone.ts\n";
  assert_string_equal(out, want);
  free(out);
  free_set(&st);
}

static json_t *at(json_t *j, const char *path) {
  // "a.b.0.c": object keys and array indexes
  char buf[256];
  snprintf(buf, sizeof buf, "%s", path);
  for (char *tok = strtok(buf, "."); tok && j; tok = strtok(NULL, ".")) {
    if (tok[0] >= '0' && tok[0] <= '9')
      j = json_array_get(j, strtoul(tok, NULL, 10));
    else
      j = json_object_get(j, tok);
  }
  if (!j)
    fail_msg("no %s", path);
  return j;
}

static void assert_str_at(json_t *j, const char *path, const char *want) {
  const char *v = json_string_value(at(j, path));
  if (!v)
    fail_msg("%s is not a string", path);
  assert_string_equal(v, want);
}

static void assert_int_at(json_t *j, const char *path, json_int_t want) {
  json_t *v = at(j, path);
  assert_true(json_is_integer(v));
  assert_int_equal(json_integer_value(v), want);
}

// The result for `rule`.
static json_t *result(json_t *run, const char *rule) {
  json_t *results = at(run, "results"), *r;
  size_t i;
  json_array_foreach(results, i, r) {
    if (strcmp(json_string_value(json_object_get(r, "ruleId")), rule) == 0)
      return r;
  }
  fail_msg("no result for %s", rule);
  return NULL;
}

static void assert_region(json_t *loc, const char *uri, int l1, int c1, int l2, int c2) {
  assert_str_at(loc, "physicalLocation.artifactLocation.uri", uri);
  assert_str_at(loc, "physicalLocation.artifactLocation.uriBaseId", "%SRCROOT%");
  assert_int_at(loc, "physicalLocation.region.startLine", l1);
  assert_int_at(loc, "physicalLocation.region.startColumn", c1);
  assert_int_at(loc, "physicalLocation.region.endLine", l2);
  assert_int_at(loc, "physicalLocation.region.endColumn", c2);
}

static void test_sarif_results(void **state) {
  (void)state;
  Set st;
  make_set(&st);
  char *out = emit(&st, tx_emit_sarif);
  json_error_t err;
  json_t *log = json_loads(out, 0, &err);
  if (!log)
    fail_msg("invalid JSON: %s", err.text);
  assert_str_at(log, "version", "2.1.0");
  json_t *run = at(log, "runs.0");
  assert_str_at(run, "columnKind", "utf16CodeUnits");
  assert_str_at(run, "originalUriBaseIds.%SRCROOT%.uri", "file:///proj/");
  assert_str_at(run, "tool.driver.version", "9.9.9");
  assert_int_equal(json_array_size(at(run, "results")), 4); // the suppressed one included

  json_t *r = result(run, "tenant-filter");
  assert_str_at(r, "level", "error");
  json_int_t idx = json_integer_value(at(r, "ruleIndex"));
  json_t *rule = json_array_get(at(run, "tool.driver.rules"), (size_t)idx);
  assert_str_at(rule, "id", "tenant-filter");
  // The message links its related location; its own brackets are escaped.
  assert_str_at(r, "message.text", "delete on 'calls' \\[no filter\\] (see [1](1))");
  assert_region(at(r, "locations.0"), "a.ts", 2, 9, 2, 34);
  assert_str_at(r, "locations.0.physicalLocation.region.snippet.text", "db.from('calls').delete()");
  json_t *rel = at(r, "relatedLocations");
  assert_int_equal(json_array_size(rel), 1);
  assert_int_at(rel, "0.id", 1);
  assert_str_at(rel, "0.message.text", "the client is made here");
  assert_region(at(rel, "0"), "b.ts", 1, 14, 1, 25);
  json_t *steps = at(r, "codeFlows.0.threadFlows.0.locations");
  assert_int_equal(json_array_size(steps), 2);
  assert_str_at(steps, "0.location.message.text", "client: make()");
  assert_region(at(steps, "0.location"), "b.ts", 1, 19, 1, 25);
  assert_str_at(steps, "1.location.message.text", "then: delete");
  assert_region(at(steps, "1.location"), "a.ts", 2, 26, 2, 34);
  const TxDiag *d = NULL;
  for (uint32_t i = 0; i < st.s.items.count; i++)
    d = strcmp(st.s.items.items[i]->rule_id, "tenant-filter") == 0 ? st.s.items.items[i] : d;
  char fp[32];
  snprintf(fp, sizeof fp, "%.*s", TX_STR_ARG(d->fingerprint));
  assert_str_at(r, "partialFingerprints.txlint/v1", fp);
  // One finding is suppressed, so every result says whether it is.
  assert_int_equal(json_array_size(at(r, "suppressions")), 0);

  r = result(run, "non-atomic-writes");
  assert_str_at(r, "level", "warning");
  assert_str_at(r, "suppressions.0.kind", "inSource");
  assert_str_at(r, "suppressions.0.justification", "reviewed: 100% safe");
  assert_null(json_object_get(r, "relatedLocations"));
  assert_null(json_object_get(r, "codeFlows"));

  r = result(run, "rpc-unknown-function");
  assert_str_at(r, "message.text", "100% a: b, c\r\nnext");
  assert_str_at(r, "locations.0.physicalLocation.artifactLocation.uri", "we%2Cird%3Aname.ts");
  assert_str_at(result(run, "security-definer-search-path"), "level", "note");
  json_decref(log);
  free(out);
  free_set(&st);
}

static void test_sarif_notifications(void **state) {
  (void)state;
  Set st;
  make_set(&st);
  char *out = emit(&st, tx_emit_sarif);
  json_t *log = json_loads(out, 0, NULL);
  assert_non_null(log);
  json_t *n = at(log, "runs.0.invocations.0.toolExecutionNotifications");
  assert_int_equal(json_array_size(n), 2);
  assert_str_at(n, "0.descriptor.id", "io-error");
  assert_str_at(n, "0.level", "error");
  assert_str_at(n, "0.message.text", "cannot read gone.ts");
  assert_null(json_object_get(json_array_get(n, 0), "locations"));
  assert_str_at(n, "1.descriptor.id", "parse-error");
  assert_str_at(n, "1.level", "warning");
  assert_region(at(n, "1.locations.0"), "b.ts", 1, 19, 1, 23);
  json_decref(log);
  free(out);
  free_set(&st);
}

// Without any suppressed finding, results carry no suppressions at all.
static void test_sarif_no_suppressions(void **state) {
  (void)state;
  TestProg t;
  tp_init(&t);
  t.p->root = tx_str("/proj");
  TxFile *a = tp_add(&t, "a.ts", "x();\n");
  TxDiagSink s;
  tx_diag_init(&s);
  tx_diag_add(&s, "tenant-filter", tx_rule_index(tx_rule_find("tenant-filter")), TX_SEV_ERROR,
              tp_span(a, "x()"), "m");
  tx_diag_apply_suppressions(&s, t.p);
  tx_diag_finish(&s, t.p);
  char *buf = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&buf, &len);
  TxEmitOptions o = {false, "9.9.9"};
  assert_true(tx_emit_sarif(out, t.p, &s, &o));
  fclose(out);
  json_t *log = json_loads(buf, 0, NULL);
  assert_non_null(log);
  assert_null(json_object_get(at(log, "runs.0.results.0"), "suppressions"));
  assert_str_at(log, "runs.0.results.0.message.text", "m"); // no links without related ones
  json_decref(log);
  free(buf);
  tx_diag_fini(&s);
  tp_free(&t);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_text),
      cmocka_unit_test(test_github),
      cmocka_unit_test(test_sarif_results),
      cmocka_unit_test(test_sarif_notifications),
      cmocka_unit_test(test_sarif_no_suppressions),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
