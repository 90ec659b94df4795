// test_walk.c: unit tests for the configuration's file selection (source/walk.c):
// tx_path_glob and tx_walk_wanted (include, exclude, migrations).
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include <stdlib.h>
#include <unistd.h>

#include "config/config.h"
#include "source/source.h"
#include "source/walk.h"

static bool glob(const char *pattern, const char *path) {
  return tx_path_glob(tx_str(pattern), tx_str(path));
}

static void test_glob_segments(void **state) {
  (void)state;
  assert_true(glob("src/*.ts", "src/a.ts"));
  assert_false(glob("src/*.ts", "src/lib/a.ts"));
  assert_false(glob("src/*.ts", "lib/a.ts"));
  assert_true(glob("src/?.ts", "src/a.ts"));
  assert_false(glob("src/?.ts", "src/ab.ts"));
  // `**` spans any number of folders, none included.
  assert_true(glob("src/**/*.ts", "src/a.ts"));
  assert_true(glob("src/**/*.ts", "src/x/y/z/a.ts"));
  assert_true(glob("**/*.test.ts", "a.test.ts"));
  assert_true(glob("**/*.test.ts", "src/deep/a.test.ts"));
  assert_false(glob("**/*.test.ts", "src/a.ts"));
  assert_true(glob("src/**", "src/a/b.ts"));
  assert_false(glob("src/**", "lib/a.ts"));
}

static void test_glob_names_and_folders(void **state) {
  (void)state;
  // No '/': a name at any depth, as .gitignore does.
  assert_true(glob("*.spec.ts", "a/b/c.spec.ts"));
  assert_true(glob("fixtures", "test/fixtures/a.ts"));
  assert_false(glob("fixtures", "test/fixture/a.ts"));
  // A pattern matching a folder covers its contents.
  assert_true(glob("src/legacy", "src/legacy/old/a.ts"));
  assert_false(glob("src/legacy", "src/legacy2/a.ts"));
  assert_false(glob("", "a.ts"));
}

static void test_glob_many_globstars_is_fast(void **state) {
  (void)state;
  // Backtracking would take exponential time here; the segment DP does not.
  char pat[512] = "", path[512] = "";
  for (int i = 0; i < 30; i++)
    strcat(pat, "**/a/");
  strcat(pat, "b");
  for (int i = 0; i < 60; i++)
    strcat(path, "a/");
  strcat(path, "c");
  assert_false(glob(pat, path));
  // More than 64 segments: no match rather than unbounded work.
  char longpath[1024] = "";
  for (int i = 0; i < 70; i++)
    strcat(longpath, "a/");
  strcat(longpath, "b.ts");
  assert_false(glob("**/b.ts", longpath));
}

static void test_wanted_applies_config(void **state) {
  (void)state;
  TxConfig c;
  tx_config_defaults(&c);
  assert_true(tx_walk_wanted(&c, "anything/at/all.ts"));
  assert_true(tx_walk_wanted(&c, "db/schema.sql")); // no migrations set: every .sql
  TxStr inc[] = {tx_str("src/**"), tx_str("supabase/**")};
  TxStr exc[] = {tx_str("**/*.test.ts"), tx_str("src/generated")};
  TxStr mig[] = {tx_str("supabase/migrations/")};
  c.include = (TxStrList){inc, 2};
  c.exclude = (TxStrList){exc, 2};
  c.migrations = (TxStrList){mig, 1};
  assert_true(tx_walk_wanted(&c, "src/api/route.ts"));
  assert_false(tx_walk_wanted(&c, "scripts/seed.ts"));        // not included
  assert_false(tx_walk_wanted(&c, "src/api/route.test.ts"));  // excluded
  assert_false(tx_walk_wanted(&c, "src/generated/types.ts")); // excluded folder
  assert_true(tx_walk_wanted(&c, "supabase/migrations/001_init.sql"));
  assert_false(tx_walk_wanted(&c, "supabase/seed.sql")); // not a migrations folder
  assert_false(tx_walk_wanted(&c, "supabase/migrations_old/001.sql"));
  tx_config_fini(&c);
}

// A file listed by the walk and removed before it is read: the reader says why, and does
// not crash (the driver turns this into an io-error notice, exit 2).
static void test_file_vanishing_after_listing(void **state) {
  (void)state;
  char dir[] = "/tmp/txlint-walk-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char path[256];
  snprintf(path, sizeof path, "%s/gone.ts", dir);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs("export const a = 1;\n", f);
  fclose(f);
  TxConfig c;
  tx_config_defaults(&c);
  const char *paths[] = {dir};
  c.paths = paths;
  c.path_count = 1;
  c.root = dir;
  TxWalk w = {0};
  tx_walk_collect(&w, &c);
  assert_int_equal(w.files.count, 1);
  assert_int_equal(unlink(path), 0);
  TxArena a;
  tx_arena_init(&a);
  const char *text = NULL, *why = NULL;
  uint32_t len = 0;
  assert_false(tx_source_read_file(w.files.items[0].abs_path, &a, 1 << 20, &text, &len, &why));
  assert_string_equal(why, "no such file");
  tx_arena_fini(&a);
  tx_walk_fini(&w);
  tx_config_fini(&c);
  rmdir(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_glob_segments),
      cmocka_unit_test(test_glob_names_and_folders),
      cmocka_unit_test(test_glob_many_globstars_is_fast),
      cmocka_unit_test(test_wanted_applies_config),
      cmocka_unit_test(test_file_vanishing_after_listing),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
