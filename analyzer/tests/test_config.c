// test_config.c: .txlint.yml reading: a full example, every kind of error with its line,
// flags winning over the file, and project root discovery.
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

#include "config/cli.h"
#include "config/config_file.h"

static char dir[64];

static int setup(void **state) {
  (void)state;
  snprintf(dir, sizeof dir, "/tmp/txlint-config-XXXXXX");
  return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  char path[128];
  snprintf(path, sizeof path, "%s/.txlint.yml", dir);
  unlink(path);
  rmdir(dir);
  return 0;
}

// Writes .txlint.yml with `text`, loads the project and returns whether it loaded; `err`
// receives the message.
static bool load(const char *text, TxConfig *c, char *err, size_t n) {
  char path[128];
  snprintf(path, sizeof path, "%s/.txlint.yml", dir);
  FILE *f = fopen(path, "w");
  fputs(text, f);
  fclose(f);
  tx_config_defaults(c);
  static const char *paths[1];
  paths[0] = dir;
  c->paths = paths;
  c->path_count = 1;
  return tx_config_load_project(c, false, err, n);
}

static void test_config_reads_full_example(void **state) {
  (void)state;
  TxConfig c;
  char err[512];
  bool ok = load("tenant_columns: [organization_id, org_id]\n"
                 "marker_tables:\n  - stripe_events\n"
                 "effect_calls: ['*.notify']\n"
                 "client_factories: [makeDb]\n"
                 "include: ['src/**']\n"
                 "exclude: ['**/*.test.ts']\n"
                 "migrations: [db/migrations]\n"
                 "max_file_size: 2MB\n"
                 "max_depth: 500\n"
                 "fail_level: warning\n"
                 "rules:\n"
                 "  tenant-filter: { level: warning }\n"
                 "  rpc-unknown-function:\n    enabled: false\n",
                 &c, err, sizeof err);
  if (!ok)
    fail_msg("%s", err);
  assert_int_equal(c.tenant_columns.count, 2);
  assert_true(tx_str_eq_c(c.tenant_columns.items[0], "organization_id"));
  assert_true(tx_str_eq_c(c.marker_tables.items[0], "stripe_events"));
  assert_int_equal(c.max_file_bytes, 2u * 1024 * 1024);
  assert_int_equal(c.max_depth, 500);
  assert_int_equal(c.fail_level, TX_SEV_WARNING);
  assert_false(tx_config_rule_enabled(&c, "rpc-unknown-function"));
  assert_true(tx_config_rule_enabled(&c, "tenant-filter"));
  assert_int_equal(tx_config_rule_level(&c, "tenant-filter", TX_SEV_ERROR), TX_SEV_WARNING);
  char real[256];
  assert_non_null(realpath(dir, real));
  assert_string_equal(c.root, real);
  tx_config_fini(&c);
}

static void expect_error(const char *yaml, const char *want) {
  TxConfig c;
  char err[512] = "";
  assert_false(load(yaml, &c, err, sizeof err));
  if (!strstr(err, want))
    fail_msg("error '%s' does not contain '%s'", err, want);
  tx_config_fini(&c);
}

static void test_config_reports_errors_with_lines(void **state) {
  (void)state;
  expect_error("tenant_columns: [org_id]\ntenant_column: [x]\n",
               ".txlint.yml:2: unknown key 'tenant_column'");
  expect_error("tenant_columns: org_id\n", ":1: 'tenant_columns' must be a list of strings");
  expect_error("marker_tables:\n  - [a]\n", ":2: 'marker_tables' must be a list of strings");
  expect_error("rules:\n  tenant-filtr: {enabled: false}\n", ":2: unknown rule 'tenant-filtr'");
  expect_error("rules:\n  tenant-filter: {enabled: maybe}\n",
               ":2: 'enabled' must be true or false");
  expect_error("rules:\n  tenant-filter: {level: fatal}\n",
               ":2: level must be error, warning or note");
  expect_error("rules:\n  tenant-filter: {severity: error}\n",
               ":2: unknown key 'severity' in a rule");
  expect_error("max_file_size: lots\n", ":1: 'max_file_size' must be a size");
  expect_error("max_depth: 3\n", ":1: 'max_depth' must be a number from 10 to 100000");
  expect_error("- a\n- b\n", ":1: the configuration must be a mapping");
  expect_error("tenant_columns: [org_id\n", "invalid YAML");
  // Found by the config fuzzer: a second `rules:` overflowed the first one's array.
  expect_error("rules:\n  tenant-filter: {level: note}\nrules:\n  tenant-filter: {level: error}\n",
               ":3: 'rules' is given twice");
}

static void test_config_flags_win_over_the_file(void **state) {
  (void)state;
  TxConfig c;
  char err[512];
  char path[128];
  snprintf(path, sizeof path, "%s/.txlint.yml", dir);
  FILE *f = fopen(path, "w");
  fputs("fail_level: note\nrules:\n  tenant-filter: {enabled: false}\n", f);
  fclose(f);
  tx_config_defaults(&c);
  char a0[] = "txlint", a1[] = "--fail-level", a2[] = "error", a3[] = "--rule",
       a4[] = "tenant-filter";
  char *argv[] = {a0, a1, a2, a3, a4, dir, NULL};
  assert_int_equal(tx_cli_parse(&c, 6, argv, err, sizeof err), TX_CLI_RUN);
  assert_int_equal(c.fail_level, TX_SEV_ERROR);
  assert_true(tx_config_rule_enabled(&c, "tenant-filter"));
  tx_config_fini(&c);
}

static void test_cli_rejects_bad_usage(void **state) {
  (void)state;
  char program[] = "txlint";
  static char cases[][3][48] = {{"--format", "xml", "--format: expected text, sarif or github"},
                                {"--fail-level", "fatal", "--fail-level: expected"},
                                {"--jobs", "0", "--jobs: expected a number"},
                                {"--rule", "nope", "unknown rule 'nope'"},
                                {"--frobnicate", "", "unknown option '--frobnicate'"}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    TxConfig c;
    tx_config_defaults(&c);
    char err[512] = "";
    char *argv[] = {program, cases[i][0], cases[i][1], dir, NULL};
    int argc = cases[i][1][0] ? 4 : 2;
    assert_int_equal(tx_cli_parse(&c, argc, argv, err, sizeof err), TX_CLI_ERROR);
    if (!strstr(err, cases[i][2]))
      fail_msg("'%s' does not contain '%s'", err, cases[i][2]);
    tx_config_fini(&c);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_config_reads_full_example, setup, teardown),
      cmocka_unit_test_setup_teardown(test_config_reports_errors_with_lines, setup, teardown),
      cmocka_unit_test_setup_teardown(test_config_flags_win_over_the_file, setup, teardown),
      cmocka_unit_test_setup_teardown(test_cli_rejects_bad_usage, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
