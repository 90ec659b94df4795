// test_formats.c: emitter behaviour the golden files cannot reach: GitLab fingerprints stay
// unique when two findings share one (GitLab would hide the second), and a fix whose edits
// were all refused is shown nowhere (a SARIF fix without artifactChanges is rejected).
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "driver.h"
#include "emit/emit.h"

static const char source[] = "import { createClient } from '@supabase/supabase-js';\n"
                             "const db = createClient('u', 'k');\n"
                             "export async function f(id: string) {\n"
                             "  await db.from('calls').delete().eq('id', id);\n"
                             "  await db.from('calls').update({ a: 1 }).eq('id', id);\n"
                             "}\n";

typedef struct Run {
  char dir[PATH_MAX], file[PATH_MAX + 8];
  TxConfig cfg;
  TxDiagSink sink;
  TxProgram *p;
  const char *paths[1];
} Run;

static void analyse(Run *r) {
  snprintf(r->dir, sizeof r->dir, "%s/txlint-emit-XXXXXX",
           getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
  assert_non_null(mkdtemp(r->dir));
  snprintf(r->file, sizeof r->file, "%s/a.ts", r->dir);
  FILE *f = fopen(r->file, "w");
  assert_non_null(f);
  fputs(source, f);
  fclose(f);
  tx_config_defaults(&r->cfg);
  r->paths[0] = r->dir;
  r->cfg.paths = r->paths;
  r->cfg.path_count = 1;
  r->cfg.no_cache = true;
  r->cfg.jobs = 1;
  r->cfg.root = r->dir;
  bool io_error = false;
  r->p = tx_analyze(&r->cfg, &r->sink, &io_error);
}

static void finish(Run *r) {
  tx_diag_fini(&r->sink);
  tx_program_free(r->p);
  tx_config_fini(&r->cfg);
  unlink(r->file);
  rmdir(r->dir);
}

typedef bool (*Emitter)(FILE *, const TxProgram *, const TxDiagSink *, const TxEmitOptions *);

static json_t *emit_json(Run *r, Emitter e) {
  char *buf = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&buf, &len);
  assert_non_null(out);
  TxEmitOptions o = {false, "test"};
  assert_true(e(out, r->p, &r->sink, &o));
  fclose(out);
  json_error_t err;
  json_t *j = json_loadb(buf, len, 0, &err);
  free(buf);
  assert_non_null(j);
  return j;
}

static void gitlab_fingerprints_unique(void **state) {
  (void)state;
  Run r;
  analyse(&r);
  assert_true(r.sink.items.count >= 2);
  TxDiag *a = r.sink.items.items[0], *b = r.sink.items.items[1];
  assert_false(tx_str_eq(a->fingerprint, b->fingerprint));
  b->fingerprint = a->fingerprint; // as a hash collision would make them
  json_t *list = emit_json(&r, tx_emit_gitlab);
  size_t n = json_array_size(list);
  assert_true(n >= 2);
  for (size_t i = 0; i < n; i++) {
    for (size_t k = i + 1; k < n; k++)
      assert_string_not_equal(
          json_string_value(json_object_get(json_array_get(list, i), "fingerprint")),
          json_string_value(json_object_get(json_array_get(list, k), "fingerprint")));
  }
  char want[64];
  snprintf(want, sizeof want, "%.*s-2", TX_STR_ARG(a->fingerprint));
  assert_string_equal(json_string_value(json_object_get(json_array_get(list, 1), "fingerprint")),
                      want);
  json_decref(list);
  finish(&r);
}

static void refused_edits_show_no_fix(void **state) {
  (void)state;
  Run r;
  analyse(&r);
  TxDiag *d = r.sink.items.items[0];
  TxFix *fix = tx_diag_set_fix(&r.sink, d, TX_FIX_SAFE, "nothing");
  TxSpan backwards = {d->span.file, 5, 2};
  assert_false(tx_diag_fix_edit(&r.sink, fix, backwards, tx_str("x")));
  json_t *sarif = emit_json(&r, tx_emit_sarif);
  json_t *results = json_object_get(json_array_get(json_object_get(sarif, "runs"), 0), "results");
  for (size_t i = 0; i < json_array_size(results); i++)
    assert_null(json_object_get(json_array_get(results, i), "fixes"));
  json_decref(sarif);
  json_t *report = emit_json(&r, tx_emit_json);
  results = json_object_get(report, "results");
  for (size_t i = 0; i < json_array_size(results); i++)
    assert_int_equal(json_array_size(json_object_get(json_array_get(results, i), "fixes")), 0);
  json_decref(report);
  finish(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(gitlab_fingerprints_unique),
      cmocka_unit_test(refused_edits_show_no_fix),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  tx_shutdown();
  return rc;
}
