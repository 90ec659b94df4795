// test_walk.c: unit tests for the configuration's file selection (source/walk.c):
// tx_path_glob and tx_walk_wanted (include, exclude, migrations), relative paths and the
// project root they are relative to.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/config.h"
#include "config/config_file.h"
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

static void expect_rel(const char *root, const char *abs, const char *want) {
  char *rel = tx_walk_relpath(root, abs);
  assert_string_equal(rel, want);
  free(rel);
}

static void test_relpath(void **state) {
  (void)state;
  expect_rel("/r/p", "/r/p/src/a.ts", "src/a.ts");
  expect_rel("/r/p", "/r/p", ".");
  expect_rel("/r/p", "/r/px/a.ts", "/r/px/a.ts"); // a prefix is not a parent folder
  expect_rel("/r/p", "/other/a.ts", "/other/a.ts");
  expect_rel("/", "/etc/a.ts", "etc/a.ts"); // under `/` everything is inside
}

static void mkdirs(const char *base, const char *rel) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", base, rel);
  for (char *p = path + strlen(base) + 1; *p; p++) {
    if (*p == '/') {
      *p = '\0';
      mkdir(path, 0700);
      *p = '/';
    }
  }
  mkdir(path, 0700);
}

static void touch(const char *base, const char *rel) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", base, rel);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fclose(f);
}

static void expect_root(const char *base, const char *path, const char *want) {
  char arg[512], got[PATH_MAX], real[PATH_MAX];
  snprintf(arg, sizeof arg, "%s/%s", base, path);
  assert_true(tx_config_find_root(arg, got));
  char wanted[512];
  snprintf(wanted, sizeof wanted, "%s%s%s", base, *want ? "/" : "", want);
  assert_non_null(realpath(wanted, real));
  if (strcmp(got, real) != 0)
    fail_msg("root of %s: %s, want %s", path, got, real);
}

// tx_config_find_root (config_file.c), the root the walk's relative paths start from. The
// cases with several projects and SARIF are in ci/tests/project_root.sh.
static void test_root_from_markers(void **state) {
  (void)state;
  char dir[] = "/tmp/txlint-root-XXXXXX";
  assert_non_null(mkdtemp(dir));
  const char *old_home = getenv("HOME");
  char *saved = old_home ? strdup(old_home) : NULL;
  char home[256];
  snprintf(home, sizeof home, "%s/home", dir);
  setenv("HOME", home, 1);
  mkdirs(dir, "home/.git");
  touch(dir, "home/package.json");
  mkdirs(dir, "home/bare/src");
  mkdirs(dir, "home/repo/.git");
  mkdirs(dir, "home/repo/supabase");
  mkdirs(dir, "home/repo/apps/web/src");
  touch(dir, "home/repo/apps/web/package.json");
  touch(dir, "home/repo/apps/web/src/a.ts");
  mkdirs(dir, "home/repo/apps/api");
  touch(dir, "home/repo/apps/api/.txlint.yml");
  mkdirs(dir, "home/pkg/sub");
  touch(dir, "home/pkg/tsconfig.json");
  // Tiers: the repository outranks a nearer package.json; a nested .txlint.yml wins.
  expect_root(dir, "home/repo/apps/web/src/a.ts", "home/repo");
  expect_root(dir, "home/repo/apps/web", "home/repo");
  expect_root(dir, "home/repo/apps/api", "home/repo/apps/api");
  expect_root(dir, "home/pkg/sub", "home/pkg");
  // $HOME's own .git and package.json do not count: a bare folder is its own root.
  expect_root(dir, "home/bare/src", "home/bare/src");
  expect_root(dir, "home", "home");
  // A path that does not exist starts from its nearest existing parent.
  expect_root(dir, "home/repo/apps/web/src/missing/x.ts", "home/repo");
  if (saved) {
    setenv("HOME", saved, 1);
    free(saved);
  } else {
    unsetenv("HOME");
  }
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  assert_int_equal(system(cmd), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_glob_segments),
      cmocka_unit_test(test_glob_names_and_folders),
      cmocka_unit_test(test_glob_many_globstars_is_fast),
      cmocka_unit_test(test_wanted_applies_config),
      cmocka_unit_test(test_file_vanishing_after_listing),
      cmocka_unit_test(test_relpath),
      cmocka_unit_test(test_root_from_markers),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
