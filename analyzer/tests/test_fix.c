// test_fix.c: tx_fix_apply against files on disk: a file edited between the analysis and the
// rewrite is left as the editor saved it (and said so), an untouched one is rewritten; a
// fix whose edit overlaps an earlier one waits for the next run.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "driver.h"
#include "fix.h"

static const char source[] = "// txlint-ignore tenant-filter -- nothing to suppress\n"
                             "export const a = 1;\n";

static void write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  assert_int_equal(fclose(f), 0);
}

static char *read_file(const char *path) {
  FILE *f = fopen(path, "r");
  assert_non_null(f);
  static char buf[4096];
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  buf[n] = '\0';
  fclose(f);
  return buf;
}

typedef struct Run {
  TxConfig cfg;
  TxDiagSink sink;
  TxProgram *p;
  const char *paths[1];
} Run;

static void analyse(Run *r, const char *dir) {
  tx_config_defaults(&r->cfg);
  r->paths[0] = dir;
  r->cfg.paths = r->paths;
  r->cfg.path_count = 1;
  r->cfg.no_cache = true;
  r->cfg.jobs = 1;
  r->cfg.root = dir;
  bool io_error = false;
  r->p = tx_analyze(&r->cfg, &r->sink, &io_error);
  assert_false(io_error);
}

static void finish(Run *r) {
  tx_diag_fini(&r->sink);
  tx_program_free(r->p);
  tx_config_fini(&r->cfg);
}

static void make_dir(char *dir, size_t n) {
  snprintf(dir, n, "%s/txlint-fix-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
  assert_non_null(mkdtemp(dir));
}

static void changed_between_analysis_and_rewrite(void **state) {
  (void)state;
  char dir[PATH_MAX], file[PATH_MAX + 8];
  make_dir(dir, sizeof dir);
  snprintf(file, sizeof file, "%s/a.ts", dir);
  write_file(file, source);
  Run r;
  analyse(&r, dir);
  // The editor saves while txlint runs: same length, other bytes.
  const char *edited = "// txlint-ignore tenant-filter -- nothing to suppresS\n"
                       "export const a = 1;\n";
  write_file(file, edited);
  TxFixOptions o = {false, NULL, NULL};
  TxFixResult res;
  assert_true(tx_fix_apply(r.p, &r.sink, &o, &res));
  assert_int_equal(res.unchanged, 1);
  assert_int_equal(res.files, 0);
  assert_int_equal(res.applied, 0);
  assert_string_equal(read_file(file), edited);
  for (uint32_t i = 0; i < r.sink.items.count; i++)
    assert_false(r.sink.items.items[i]->fixed); // still reported
  finish(&r);

  // Analysed again, nothing changes in between: rewritten.
  analyse(&r, dir);
  assert_true(tx_fix_apply(r.p, &r.sink, &o, &res));
  assert_int_equal(res.unchanged, 0);
  assert_int_equal(res.files, 1);
  assert_int_equal(res.applied, 1);
  assert_string_equal(read_file(file), "export const a = 1;\n");
  finish(&r);
  unlink(file);
  rmdir(dir);
}

static void overlapping_fixes_wait(void **state) {
  (void)state;
  char dir[PATH_MAX], file[PATH_MAX + 8];
  make_dir(dir, sizeof dir);
  snprintf(file, sizeof file, "%s/a.ts", dir);
  write_file(file, source);
  Run r;
  analyse(&r, dir);
  // A second fix over the same comment, as two rules could propose.
  TxDiag *d = NULL;
  for (uint32_t i = 0; i < r.sink.items.count; i++) {
    if (r.sink.items.items[i]->fix)
      d = r.sink.items.items[i];
  }
  assert_non_null(d);
  TxDiag *twin = tx_diag_add(&r.sink, d->rule_id, d->rule_index, d->level, d->span, "twin");
  TxFix *fix = tx_diag_set_fix(&r.sink, twin, TX_FIX_SAFE, "overlapping");
  TxSpan part = {d->span.file, d->span.start + 3, d->span.start + 5};
  assert_true(tx_diag_fix_edit(&r.sink, fix, part, tx_str("X")));
  assert_false(tx_diag_fix_edit(&r.sink, fix, part, tx_str("Y"))); // overlaps its own edit
  TxFixOptions o = {false, NULL, NULL};
  TxFixResult res;
  assert_true(tx_fix_apply(r.p, &r.sink, &o, &res));
  assert_int_equal(res.applied, 1);
  assert_int_equal(res.deferred, 1);
  assert_true(d->fixed != twin->fixed);
  finish(&r);
  unlink(file);
  rmdir(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(changed_between_analysis_and_rewrite),
      cmocka_unit_test(overlapping_fixes_wait),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  tx_shutdown();
  return rc;
}
