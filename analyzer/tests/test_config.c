// test_config.c: .txlint.yml reading: a full example, every kind of error with its line,
// flags winning over the file, the command line (every option, bad usage, --help's layout),
// project root discovery, and the time budgets (a file's
// budget by its size, clamped to the run's deadline).
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config/cli.h"
#include "config/config_file.h"
#include "rules/rule.h"

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
  return tx_config_load_project(c, false, tx_rule_known, err, n);
}

static void test_config_reads_full_example(void **state) {
  (void)state;
  TxConfig c;
  char err[512];
  bool ok = load("tenant_columns: [organization_id, org_id]\n"
                 "marker_tables:\n  - stripe_events\n"
                 "independent_tables: ['*_trail', page_views]\n"
                 "effect_calls: ['*.notify']\n"
                 "webhook_calls: ['checkHmac']\n"
                 "client_factories: [makeDb]\n"
                 "include: ['src/**']\n"
                 "exclude: ['**/*.test.ts']\n"
                 "migrations: [db/migrations]\n"
                 "max_file_size: 2MB\n"
                 "max_depth: 500\n"
                 "time_budget_ms: 2500\n"
                 "run_budget_ms: 60000\n"
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
  assert_true(c.marker_tables_set);
  assert_int_equal(c.webhook_calls.count, 1);
  assert_true(tx_str_eq_c(c.webhook_calls.items[0], "checkHmac"));
  assert_int_equal(c.independent_tables.count, 2); // replaces the defaults
  assert_true(tx_str_eq_c(c.independent_tables.items[1], "page_views"));
  assert_int_equal(c.max_file_bytes, 2u * 1024 * 1024);
  assert_int_equal(c.max_depth, 500);
  assert_int_equal(c.time_budget_ms, 2500);
  assert_int_equal(c.run_budget_ms, 60000);
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
  expect_error("independent_tables: '*_logs'\n",
               ":1: 'independent_tables' must be a list of strings");
  expect_error("rules:\n  tenant-filtr: {enabled: false}\n", ":2: unknown rule 'tenant-filtr'");
  expect_error("rules:\n  tenant-filter: {enabled: maybe}\n",
               ":2: 'enabled' must be true or false");
  expect_error("rules:\n  tenant-filter: {level: fatal}\n",
               ":2: level must be error, warning or note");
  expect_error("rules:\n  tenant-filter: {severity: error}\n",
               ":2: unknown key 'severity' in a rule");
  // rls_backed belongs to the two tenant rules only.
  expect_error("rules:\n  non-atomic-writes: {rls_backed: off}\n",
               ":2: unknown key 'rls_backed' in a rule (expected enabled, level)");
  expect_error("rules:\n  tenant-filter: {rls_backed: sometimes}\n",
               ":2: 'rls_backed' must be true or false");
  expect_error("max_file_size: lots\n", ":1: 'max_file_size' must be a size");
  expect_error("max_depth: 3\n", ":1: 'max_depth' must be a number from 10 to 100000");
  expect_error("time_budget_ms: 0\n",
               ":1: 'time_budget_ms' must be a number of milliseconds from 100 to 3600000");
  expect_error("run_budget_ms: 99\n",
               ":1: 'run_budget_ms' must be a number of milliseconds from 100 to 86400000");
  expect_error("run_budget_ms: 86400001\n", ":1: 'run_budget_ms' must be a number");
  expect_error("run_budget_ms: 2m\n", ":1: 'run_budget_ms' must be a number");
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
  fputs("fail_level: note\nrun_budget_ms: 60000\nrules:\n  tenant-filter: {enabled: false}\n", f);
  fclose(f);
  tx_config_defaults(&c);
  char a0[] = "txlint", a1[] = "--fail-level", a2[] = "error", a3[] = "--rule",
       a4[] = "tenant-filter", a5[] = "--run-budget-ms=2500";
  char *argv[] = {a0, a1, a2, a3, a4, a5, dir, NULL};
  assert_int_equal(tx_cli_parse(&c, 7, argv, tx_rule_known, err, sizeof err), TX_CLI_RUN);
  assert_int_equal(c.fail_level, TX_SEV_ERROR);
  assert_true(tx_config_rule_enabled(&c, "tenant-filter"));
  assert_int_equal(c.run_budget_ms, 2500);
  assert_false(c.marker_tables_set); // the file does not name marker_tables
  assert_true(c.webhook_calls.count > 0);
  tx_config_fini(&c);
  // Without the flag the file's value stands; without either, the default.
  tx_config_defaults(&c);
  char *argv2[] = {a0, dir, NULL};
  assert_int_equal(tx_cli_parse(&c, 2, argv2, tx_rule_known, err, sizeof err), TX_CLI_RUN);
  assert_int_equal(c.run_budget_ms, 60000);
  tx_config_fini(&c);
  unlink(path);
  tx_config_defaults(&c);
  assert_int_equal(tx_cli_parse(&c, 2, argv2, tx_rule_known, err, sizeof err), TX_CLI_RUN);
  assert_int_equal(c.run_budget_ms, TX_RUN_BUDGET_MS);
  assert_int_equal(c.time_budget_ms, 0);
  tx_config_fini(&c);
}

static uint64_t mono_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

// The default budget grows with the size (per started KB) up to its maximum; a budget set in
// .txlint.yml holds for every size; the run's deadline cuts either, never to 0.
static void test_file_budget_by_size_and_deadline(void **state) {
  (void)state;
  TxConfig c;
  tx_config_defaults(&c);
  assert_int_equal(TX_FILE_BUDGET_BASE_MS, 1000);
  assert_int_equal(TX_FILE_BUDGET_MS_PER_KB, 5);
  assert_int_equal(TX_FILE_BUDGET_MAX_MS, 10000);
  assert_int_equal(tx_config_file_budget_ms(&c, 0), 1000);
  assert_int_equal(tx_config_file_budget_ms(&c, 1), 1005);
  assert_int_equal(tx_config_file_budget_ms(&c, 1024), 1005);
  assert_int_equal(tx_config_file_budget_ms(&c, 1025), 1010);
  assert_int_equal(tx_config_file_budget_ms(&c, 100 * 1024), 1500);
  assert_int_equal(tx_config_file_budget_ms(&c, 1800 * 1024), 10000);
  assert_int_equal(tx_config_file_budget_ms(&c, 1799 * 1024), 9995);
  assert_int_equal(tx_config_file_budget_ms(&c, (uint64_t)5 << 40), 10000);
  c.time_budget_ms = 250;
  assert_int_equal(tx_config_file_budget_ms(&c, 0), 250);
  assert_int_equal(tx_config_file_budget_ms(&c, (uint64_t)5 << 30), 250);
  c.time_budget_ms = 600000;
  assert_int_equal(tx_config_file_budget_ms(&c, 10), 600000);
  // A deadline an hour away changes nothing; one 3 s away cuts a 600 s budget to at most
  // 3 s (and, generously, more than 1 s after the clock reads here); one passed leaves 1 ms.
  c.run_deadline_ns = mono_ns() + 3600ull * 1000000000u;
  assert_int_equal(tx_config_file_budget_ms(&c, 10), 600000);
  c.run_deadline_ns = mono_ns() + 3000ull * 1000000u;
  uint32_t left = tx_config_file_budget_ms(&c, 10);
  assert_true(left <= 3000 && left > 1000);
  c.time_budget_ms = 0;
  left = tx_config_file_budget_ms(&c, 10);
  assert_int_equal(left, 1005);
  c.run_deadline_ns = mono_ns() - 1;
  assert_int_equal(tx_config_file_budget_ms(&c, 10), 1);
  c.run_deadline_ns = 1; // long past
  assert_int_equal(tx_config_file_budget_ms(&c, 1 << 20), 1);
  tx_config_fini(&c);
}

static void test_cli_rejects_bad_usage(void **state) {
  (void)state;
  char program[] = "txlint";
  static char cases[][3][48] = {{"--format", "xml", "--format: expected one of text, sarif"},
                                {"--fail-level", "fatal", "--fail-level: expected"},
                                {"--jobs", "0", "--jobs: expected a number"},
                                {"--run-budget-ms", "99", "--run-budget-ms: expected milli"},
                                {"--run-budget-ms", "86400001", "--run-budget-ms: expected"},
                                {"--run-budget-ms", "2s", "--run-budget-ms: expected"},
                                {"--run-budget-ms", "-5", "--run-budget-ms: expected"},
                                {"--rule", "nope", "unknown rule 'nope'"},
                                {"--frobnicate", "", "unknown option '--frobnicate'"},
                                {"--stats=yes", "", "unknown option '--stats' (see --help)"},
                                {"--help=x", "", "unknown option '--help' (see --help)"},
                                {"-x", "", "unknown option '-x' (see --help)"},
                                {"--jobs", "", "option '--jobs' needs a value"},
                                {"--diff-base=", "", "--diff-base: expected a git revision"},
                                {"--color", "blue", "--color: expected auto, always or never"}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    TxConfig c;
    tx_config_defaults(&c);
    char err[512] = "";
    char *argv[] = {program, cases[i][0], cases[i][1], dir, NULL};
    int argc = cases[i][1][0] ? 4 : 2;
    assert_int_equal(tx_cli_parse(&c, argc, argv, tx_rule_known, err, sizeof err), TX_CLI_ERROR);
    if (!strstr(err, cases[i][2]))
      fail_msg("'%s' does not contain '%s'", err, cases[i][2]);
    tx_config_fini(&c);
  }
}

// Every option of the table reaches its field, in both spellings ("--opt v", "--opt=v");
// "--" makes the rest paths; --help and --version answer at once, unless an option before
// them was bad.
static void test_cli_sets_every_option(void **state) {
  (void)state;
  TxConfig c;
  char err[512] = "";
  tx_config_defaults(&c);
  char *argv[] = {"txlint",
                  "--format=sarif",
                  "--output",
                  "o.sarif",
                  "--jobs",
                  "3",
                  "--cache-dir",
                  "cd",
                  "--no-cache",
                  "--baseline=b",
                  "--diff-base",
                  "HEAD~1",
                  "--color=never",
                  "--stats",
                  "--dump-facts",
                  "--explain-schema",
                  "--list-rules",
                  "--explain",
                  "tenant-filter",
                  "--fail-level=note",
                  "--rule",
                  "tenant-filter",
                  dir,
                  "--",
                  "--stats",
                  NULL};
  int argc = (int)(sizeof argv / sizeof argv[0]) - 1;
  if (tx_cli_parse(&c, argc, argv, tx_rule_known, err, sizeof err) != TX_CLI_RUN)
    fail_msg("%s", err);
  assert_int_equal(c.format, TX_FORMAT_SARIF);
  assert_string_equal(c.output, "o.sarif");
  assert_int_equal(c.jobs, 3);
  assert_string_equal(c.cache_dir, "cd");
  assert_true(c.no_cache && c.stats && c.dump_facts && c.explain_schema && c.list_rules);
  assert_string_equal(c.baseline, "b");
  assert_string_equal(c.diff_base, "HEAD~1");
  assert_int_equal(c.color, 0);
  assert_string_equal(c.explain, "tenant-filter");
  assert_int_equal(c.fail_level, TX_SEV_NOTE);
  assert_int_equal(c.only_rules.count, 1);
  assert_int_equal(c.path_count, 2);
  assert_string_equal(c.paths[0], dir);
  assert_string_equal(c.paths[1], "--stats");
  tx_config_fini(&c);

  struct {
    char *a, *b;
    TxCliResult want;
  } cases[] = {{"--help", NULL, TX_CLI_HELP},
               {"-h", NULL, TX_CLI_HELP},
               {"--version", NULL, TX_CLI_VERSION},
               {"--help", "--format=xml", TX_CLI_HELP},
               {"--format=xml", "--help", TX_CLI_ERROR},
               {"--color=always", "--version", TX_CLI_VERSION}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    tx_config_defaults(&c);
    char *args[] = {"txlint", cases[i].a, cases[i].b, NULL};
    assert_int_equal(tx_cli_parse(&c, cases[i].b ? 3 : 2, args, tx_rule_known, err, sizeof err),
                     cases[i].want);
    tx_config_fini(&c);
  }
}

// --help is generated from the option table: the name column, the text from column 30,
// continuation lines indented to it, and the usage and exit codes around them.
static void test_cli_help_layout(void **state) {
  (void)state;
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  assert_non_null(f);
  tx_cli_help(f);
  fclose(f);
  const char *want[] = {
      "usage: txlint [OPTIONS] [PATH...]\n\n",
      "\noptions:\n  --format FORMAT[:FILE]      output format: text (default), sarif, github, "
      "gitlab,\n"
      "                              rdjson, rdjsonl, junit, json; repeatable, each with\n",
      ("  --fail-level LEVEL          error|warning|note|none: exit 1 when a finding is at\n"
       "                              or above LEVEL (default error)\n  --config FILE "),
      "\n  --no-cache                  do not read or write the cache\n",
      "\n  --help                      print this help and exit\n\nexit codes: 0 no finding",
      "the run budget ran out, 3 internal error (a crash)\n"};
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    if (!strstr(text, want[i]))
      fail_msg("--help lacks '%s'", want[i]);
  }
  assert_true(len > 0 && text[len - 1] == '\n' && !strstr(text, " \n"));
  free(text);
}

// --config naming what is not a readable configuration: one message each, never a wait (a
// FIFO with no writer) nor a read of a file over 1 MB.
static void test_config_file_that_cannot_be_read(void **state) {
  (void)state;
  char fifo[128], big[128], missing[128], msg[512];
  snprintf(fifo, sizeof fifo, "%s/fifo", dir);
  snprintf(big, sizeof big, "%s/big.yml", dir);
  snprintf(missing, sizeof missing, "%s/missing.yml", dir);
  assert_int_equal(mkfifo(fifo, 0600), 0);
  FILE *f = fopen(big, "w");
  assert_non_null(f);
  for (int i = 0; i < 1024 * 1024 / 8 + 1; i++)
    fputs("# 45678\n", f);
  fclose(f);
  char *paths[] = {dir, fifo, big, missing};
  const char *why[] = {"is a directory", "not a regular file", "larger than the maximum file size",
                       "no such file"};
  for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
    TxConfig c;
    char err[512] = "";
    tx_config_defaults(&c);
    char *argv[] = {"txlint", "--config", paths[i], dir, NULL};
    assert_int_equal(tx_cli_parse(&c, 4, argv, tx_rule_known, err, sizeof err), TX_CLI_ERROR);
    snprintf(msg, sizeof msg, "%s: cannot read the configuration file: %s", paths[i], why[i]);
    assert_string_equal(err, msg);
    tx_config_fini(&c);
  }
  // Just under the limit is read (and parsed: comments only).
  assert_int_equal(truncate(big, 1024 * 1024), 0);
  TxConfig c;
  char err[512] = "";
  tx_config_defaults(&c);
  char *argv[] = {"txlint", "--config", big, dir, NULL};
  if (tx_cli_parse(&c, 4, argv, tx_rule_known, err, sizeof err) != TX_CLI_RUN)
    fail_msg("%s", err);
  tx_config_fini(&c);
  unlink(fifo);
  unlink(big);
}

static bool only_x(TxStr id) {
  return tx_str_eq_c(id, "x");
}

// rls_backed: on unless the file turns it off, per rule.
static void test_config_rls_backed(void **state) {
  (void)state;
  TxConfig c;
  char err[512] = "";
  assert_true(load("rules:\n  tenant-filter: {rls_backed: off}\n  sql-tenant-filter: {level: "
                   "warning}\n",
                   &c, err, sizeof err));
  assert_false(tx_config_rule_rls_backed(&c, "tenant-filter"));
  assert_true(tx_config_rule_rls_backed(&c, "sql-tenant-filter"));
  tx_config_fini(&c);
  assert_true(load("rules:\n  sql-tenant-filter: {rls_backed: false}\n", &c, err, sizeof err));
  assert_false(tx_config_rule_rls_backed(&c, "sql-tenant-filter"));
  assert_true(tx_config_rule_rls_backed(&c, "tenant-filter"));
  tx_config_fini(&c);
}

// tenant_root: one table or a list, "name" or "schema.name"; nothing set by default.
static void test_config_tenant_root(void **state) {
  (void)state;
  TxConfig c;
  char err[512] = "";
  tx_config_defaults(&c);
  assert_int_equal(c.tenant_roots.count, 0);
  tx_config_fini(&c);
  assert_true(load("tenant_root: businesses\n", &c, err, sizeof err));
  assert_int_equal(c.tenant_roots.count, 1);
  assert_true(tx_str_eq_c(c.tenant_roots.items[0], "businesses"));
  tx_config_fini(&c);
  assert_true(load("tenant_root: [studios, crm.accounts]\n", &c, err, sizeof err));
  assert_int_equal(c.tenant_roots.count, 2);
  assert_true(tx_str_eq_c(c.tenant_roots.items[1], "crm.accounts"));
  tx_config_fini(&c);
  expect_error("tenant_root: []\n", ":1: 'tenant_root' must name a table or a list of tables");
  expect_error("tenant_root: ''\n", ":1: 'tenant_root' must name a table or a list of tables");
  expect_error("tenant_root: [a.b.c]\n",
               ":1: 'tenant_root' entries must be a table or schema.table, not 'a.b.c'");
  expect_error("tenant_root: [x.]\n", "not 'x.'");
  expect_error("tenant_root: {a: b}\n", ":1: 'tenant_root' must be a list of strings");
}

// Rule ids are checked with the predicate the caller passes (config/ does not know the rules):
// the registry's for txlint, any other here.
static void test_rule_ids_come_from_the_caller(void **state) {
  (void)state;
  TxConfig c;
  char err[512] = "";
  tx_config_defaults(&c);
  const char yaml[] = "rules:\n  x: {enabled: false}\n";
  assert_true(tx_config_parse(&c, "t.yml", yaml, sizeof yaml - 1, false, only_x, err, sizeof err));
  assert_false(tx_config_rule_enabled(&c, "x"));
  tx_config_fini(&c);
  tx_config_defaults(&c);
  assert_false(
      tx_config_parse(&c, "t.yml", yaml, sizeof yaml - 1, false, tx_rule_known, err, sizeof err));
  assert_string_equal(err, "t.yml:2: unknown rule 'x' (see --list-rules)");
  tx_config_fini(&c);
  tx_config_defaults(&c);
  char *argv[] = {"txlint", "--rule", "tenant-filter", dir, NULL};
  assert_int_equal(tx_cli_parse(&c, 4, argv, only_x, err, sizeof err), TX_CLI_ERROR);
  assert_string_equal(err, "--rule: unknown rule 'tenant-filter' (see --list-rules)");
  tx_config_fini(&c);
  assert_true(tx_rule_known(tx_str("tenant-filter")));
  assert_true(tx_rule_known(tx_str("unused-suppression")));
  assert_false(tx_rule_known(tx_str("tenant")));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_config_reads_full_example, setup, teardown),
      cmocka_unit_test_setup_teardown(test_config_reports_errors_with_lines, setup, teardown),
      cmocka_unit_test_setup_teardown(test_config_flags_win_over_the_file, setup, teardown),
      cmocka_unit_test_setup_teardown(test_cli_rejects_bad_usage, setup, teardown),
      cmocka_unit_test_setup_teardown(test_cli_sets_every_option, setup, teardown),
      cmocka_unit_test(test_cli_help_layout),
      cmocka_unit_test_setup_teardown(test_rule_ids_come_from_the_caller, setup, teardown),
      cmocka_unit_test_setup_teardown(test_config_rls_backed, setup, teardown),
      cmocka_unit_test_setup_teardown(test_config_tenant_root, setup, teardown),
      cmocka_unit_test_setup_teardown(test_config_file_that_cannot_be_read, setup, teardown),
      cmocka_unit_test(test_file_budget_by_size_and_deadline),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
