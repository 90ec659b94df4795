// test_driver.c: tx_analyze_overlays as the language server calls it: a cancelled analysis
// stops before linking and reports nothing; an overlay stands in for its file on disk; an
// overlay for a file not on disk is analysed where a walk would list it, and not in a
// folder the walk skips.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "driver.h"

// An unfiltered delete on a tenant table: one tenant-filter finding.
static const char unfiltered[] = "import { createClient } from '@supabase/supabase-js';\n"
                                 "const db = createClient('u', 'k');\n"
                                 "export async function f(id: string) {\n"
                                 "  await db.from('calls').delete().eq('id', id);\n"
                                 "}\n";
static const char filtered[] =
    "import { createClient } from '@supabase/supabase-js';\n"
    "const db = createClient('u', 'k');\n"
    "export async function f(id: string, orgId: string) {\n"
    "  await db.from('calls').delete().eq('id', id).eq('org_id', orgId);\n"
    "}\n";

typedef struct Run {
  char dir[256];
  TxConfig cfg;
  const char *paths[1];
} Run;

static void write_file(const char *dir, const char *rel, const char *text) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, rel);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  assert_int_equal(fclose(f), 0);
}

static void setup_run(Run *r) {
  snprintf(r->dir, sizeof r->dir, "%s/txlint-driver-XXXXXX",
           getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
  assert_non_null(mkdtemp(r->dir));
  char sub[300];
  snprintf(sub, sizeof sub, "%s/src", r->dir);
  assert_int_equal(mkdir(sub, 0700), 0);
  write_file(r->dir, "src/a.ts", unfiltered);
  tx_config_defaults(&r->cfg);
  r->paths[0] = r->dir;
  r->cfg.paths = r->paths;
  r->cfg.path_count = 1;
  r->cfg.no_cache = true;
  r->cfg.jobs = 1;
  r->cfg.root = r->dir;
}

static void teardown_run(Run *r) {
  tx_config_fini(&r->cfg);
  char cmd[400];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", r->dir);
  assert_int_equal(system(cmd), 0);
}

// Findings of `rule` in the file whose shown path is `rel`.
static uint32_t count(const TxConfig *cfg, const TxOverlay *ov, uint32_t n,
                      const atomic_bool *cancel, const char *rule, const char *rel) {
  TxDiagSink sink;
  bool io_error = false;
  TxProgram *p = tx_analyze_overlays(cfg, ov, n, cancel, &sink, &io_error);
  uint32_t found = 0;
  for (uint32_t i = 0; i < sink.items.count; i++) {
    const TxDiag *d = sink.items.items[i];
    const TxFile *f = tx_program_file(p, d->span.file);
    if (strcmp(d->rule_id, rule) == 0 && f && tx_str_eq_c(f->src.path, rel))
      found++;
  }
  tx_diag_fini(&sink);
  tx_program_free(p);
  return found;
}

static void cancelled_analysis_reports_nothing(void **state) {
  (void)state;
  Run r;
  setup_run(&r);
  atomic_bool cancel = false;
  assert_int_equal(count(&r.cfg, NULL, 0, &cancel, "tenant-filter", "src/a.ts"), 1);
  atomic_store(&cancel, true);
  assert_int_equal(count(&r.cfg, NULL, 0, &cancel, "tenant-filter", "src/a.ts"), 0);
  teardown_run(&r);
}

static void overlays_stand_in_for_files(void **state) {
  (void)state;
  Run r;
  setup_run(&r);
  TxOverlay fixed = {"src/a.ts", filtered, (uint32_t)strlen(filtered)};
  assert_int_equal(count(&r.cfg, &fixed, 1, NULL, "tenant-filter", "src/a.ts"), 0);
  // Not on disk: analysed in src/, not in dist/ (a folder the walk skips).
  TxOverlay fresh[] = {{"src/new.ts", unfiltered, (uint32_t)strlen(unfiltered)},
                       {"dist/new.ts", unfiltered, (uint32_t)strlen(unfiltered)}};
  assert_int_equal(count(&r.cfg, fresh, 2, NULL, "tenant-filter", "src/new.ts"), 1);
  assert_int_equal(count(&r.cfg, fresh, 2, NULL, "tenant-filter", "dist/new.ts"), 0);
  // Nor one the configuration excludes.
  TxStrList kept = r.cfg.exclude;
  TxStr pattern = TX_STR_LIT("src/new.ts");
  r.cfg.exclude = (TxStrList){&pattern, 1};
  assert_int_equal(count(&r.cfg, fresh, 1, NULL, "tenant-filter", "src/new.ts"), 0);
  r.cfg.exclude = kept;
  teardown_run(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(cancelled_analysis_reports_nothing),
      cmocka_unit_test(overlays_stand_in_for_files),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
