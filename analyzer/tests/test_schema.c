// test_schema.c: schema folding (link/link.h tx_schema_build, ir/schema.c) on programs built
// from SQL text by the SQL front end: statements applied in order within a file and across
// files (the driver's path order, migrations over the other SQL files): CREATE then ALTER
// ... RENAME of tables and columns, DROP TABLE / DROP COLUMN and the foreign keys that go
// with them, a table re-created after a drop, CREATE OR REPLACE FUNCTION against overloads,
// DROP FUNCTION with and without an argument list, ALTER FUNCTION ... SET search_path.
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
#include "ir/schema.h"
#include "link/link.h"
#include "test_prog.h"

// Builds the schema of one or more SQL files (applied in the order given).
static void build(TestProg *t, const char *const *sql, size_t n) {
  tp_init(t);
  for (size_t i = 0; i < n; i++) {
    char path[64];
    snprintf(path, sizeof path, "m%02zu.sql", i);
    TxFile *f = tp_add(t, path, sql[i]);
    for (uint32_t k = 0; k < f->notice_count; k++)
      fail_msg("%s: %.*s", path, TX_STR_ARG(f->notices[k].message));
  }
  tx_schema_build(t->p);
}

static const TxTable *table(const TestProg *t, const char *schema, const char *name) {
  return tx_schema_table(&t->p->schema, tx_str(schema), tx_str(name));
}

// The table's column names in order, comma-separated.
static void columns(const TxTable *tb, char *buf, size_t n) {
  size_t used = 0;
  buf[0] = '\0';
  for (uint32_t i = 0; tb && i < tb->column_count && used < n; i++)
    used += (size_t)snprintf(buf + used, n - used, "%s%.*s", i ? "," : "",
                             TX_STR_ARG(tb->columns[i].name));
}

static void assert_columns(const TestProg *t, const char *name, const char *want) {
  const TxTable *tb = table(t, "", name);
  if (!tb)
    fail_msg("no table %s", name);
  char buf[256];
  columns(tb, buf, sizeof buf);
  assert_string_equal(buf, want);
}

static void test_rename_column_and_table(void **state) {
  (void)state;
  const char *sql[] = {"create table items (id uuid primary key, title text);\n"
                       "alter table items rename column title to name;\n"
                       "alter table items rename to products;\n"
                       "alter table products add column price int;\n"
                       "alter table items add column lost int;\n"}; // items is gone by now
  TestProg t;
  build(&t, sql, 1);
  assert_null(table(&t, "", "items"));
  assert_columns(&t, "products", "id,name,price");
  const TxTable *tb = table(&t, "public", "products");
  assert_true(tb->columns[0].is_primary_key);
  assert_int_equal(t.p->schema.table_count, 1);
  tp_free(&t);
}

static void test_alter_before_create_is_ignored(void **state) {
  (void)state;
  const char *sql[] = {"alter table items rename column a to b;\n"
                       "alter table items add column c int;\n"
                       "create table items (a int);\n"};
  TestProg t;
  build(&t, sql, 1);
  assert_columns(&t, "items", "a");
  tp_free(&t);
}

static void test_rename_follows_foreign_keys(void **state) {
  (void)state;
  const char *sql[] = {"create table orgs (id uuid primary key);\n"
                       "create table calls (id uuid, org_id uuid references orgs);\n"
                       "alter table orgs rename to organizations;\n"
                       "alter table calls rename column org_id to organization_id;\n"};
  TestProg t;
  build(&t, sql, 1);
  const TxTable *calls = table(&t, "", "calls");
  assert_non_null(calls);
  assert_int_equal(calls->fk_count, 1);
  assert_true(tx_str_eq_c(calls->fks[0].column, "organization_id"));
  assert_true(tx_str_eq_c(calls->fks[0].ref_table, "organizations"));
  assert_true(tx_str_eq_c(calls->fks[0].name, "calls_org_id_fkey")); // the name stays
  tp_free(&t);
}

static void test_drop_column_and_table(void **state) {
  (void)state;
  const char *sql[] = {"create table orgs (id uuid primary key);\n"
                       "create table teams (id uuid primary key);\n"
                       "create table calls (id uuid, org_id uuid references orgs,\n"
                       "  team_id uuid references teams, note text);\n"
                       "alter table calls drop column note;\n"
                       "alter table calls drop column team_id;\n"
                       "drop table orgs cascade;\n"
                       "drop table if exists never_created;\n"};
  TestProg t;
  build(&t, sql, 1);
  assert_null(table(&t, "", "orgs"));
  assert_columns(&t, "calls", "id,org_id");
  const TxTable *calls = table(&t, "", "calls");
  assert_int_equal(calls->fk_count, 0); // team_id's went with its column, org_id's with orgs
  assert_non_null(table(&t, "", "teams"));
  tp_free(&t);
}

static void test_recreate_after_drop(void **state) {
  (void)state;
  const char *sql[] = {"create table items (a int, b int);\n"
                       "alter table items enable row level security;\n"
                       "drop table items;\n"
                       "create table items (c text);\n",
                       "alter table items add column d int;\n"};
  TestProg t;
  build(&t, sql, 2);
  assert_columns(&t, "items", "c,d");
  assert_false(table(&t, "", "items")->rls_enabled); // RLS went with the old table
  assert_int_equal(t.p->schema.table_count, 1);
  tp_free(&t);
}

// PostgreSQL keeps the existing table on CREATE TABLE IF NOT EXISTS (a notice, no change);
// a plain CREATE TABLE of an existing one fails there, so seeing one means a drop was missed:
// the new definition replaces the old.
static void test_create_if_not_exists_keeps_table(void **state) {
  (void)state;
  const char *sql[] = {"create table items (a int);\n"
                       "alter table items add column b int;\n"
                       "create table if not exists items (a int);\n"
                       "create table others (x int);\n"
                       "create table others (y int);\n"};
  TestProg t;
  build(&t, sql, 1);
  assert_columns(&t, "items", "a,b");
  assert_columns(&t, "others", "y");
  assert_int_equal(t.p->schema.table_count, 2);
  tp_free(&t);
}

static void test_schemas_and_quoted_names(void **state) {
  (void)state;
  const char *sql[] = {"create table Items (a int);\n"
                       "create table app.items (b int);\n"
                       "create table \"Items\" (c int);\n"
                       "alter table app.items rename column b to bb;\n"};
  TestProg t;
  build(&t, sql, 1);
  assert_columns(&t, "items", "a");
  assert_columns(&t, "Items", "c");
  const TxTable *app = table(&t, "app", "items");
  assert_non_null(app);
  assert_true(tx_str_eq_c(app->columns[0].name, "bb"));
  tp_free(&t);
}

// The live definitions of public.name as "returns(param types)" in definition order.
static void funcs(const TestProg *t, const char *name, char *buf, size_t n) {
  const TxSqlFunc *out[8];
  uint32_t k = tx_schema_funcs(&t->p->schema, tx_str(""), tx_str(name), out, 8);
  size_t used = 0;
  buf[0] = '\0';
  for (uint32_t i = 0; i < k && i < 8 && used < n; i++) {
    used += (size_t)snprintf(buf + used, n - used, "%s%.*s(", i ? " " : "",
                             TX_STR_ARG(out[i]->returns));
    for (uint32_t p = 0; p < out[i]->param_count && used < n; p++)
      used += (size_t)snprintf(buf + used, n - used, "%s%.*s", p ? "," : "",
                               TX_STR_ARG(out[i]->params[p].type));
    if (used < n)
      used += (size_t)snprintf(buf + used, n - used, ")%s", out[i]->has_search_path ? "+sp" : "");
  }
}

static void assert_funcs(const TestProg *t, const char *name, const char *want) {
  char buf[512];
  funcs(t, name, buf, sizeof buf);
  assert_string_equal(buf, want);
}

static void test_function_overloads(void **state) {
  (void)state;
  const char *sql[] = {
      "create function f(a int) returns int language sql as $$ select 1 $$;\n"
      "create function f(a text) returns int language sql as $$ select 2 $$;\n"
      "create or replace function f(b int) returns bigint language sql as $$ select 3 $$;\n"
      "create function g(a int, out r int) language sql as $$ select 4 $$;\n",
      "create or replace function g(x int, out y int, out z int) language sql as $$ select 5, 6 "
      "$$;\n"
      "alter function f(text) set search_path = '';\n"};
  TestProg t;
  build(&t, sql, 2);
  // The int overload replaced in place (a parameter's name is not its signature), the text
  // one kept; OUT parameters are not part of the signature either.
  assert_funcs(&t, "f", "int8(int4) int4(text)+sp");
  assert_funcs(&t, "g", "(int4,int4,int4)");
  assert_true(t.p->schema.defines_functions);
  tp_free(&t);
}

static void test_drop_function(void **state) {
  (void)state;
  const char *sql[] = {"create function f(a int) returns int language sql as $$ select 1 $$;\n"
                       "create function f(a text) returns int language sql as $$ select 2 $$;\n"
                       "create function g(a int) returns int language sql as $$ select 3 $$;\n"
                       "create function g(a text) returns int language sql as $$ select 4 $$;\n"
                       "drop function f(text);\n"
                       "drop function g;\n"
                       "drop function if exists h(int);\n",
                       "create function g(a uuid) returns text language sql as $$ select '' $$;\n"};
  TestProg t;
  build(&t, sql, 2);
  assert_funcs(&t, "f", "int4(int4)");
  assert_funcs(&t, "g", "text(uuid)"); // all overloads dropped, then a new one
  tp_free(&t);
}

// --- file order, through the driver ----------------------------------------------------------

static void write_file(const char *dir, const char *rel, const char *text) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, rel);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
}

// Migrations are applied in file-name order whatever order the files were written in, and
// over the other SQL files (zz_dump.sql sorts last but is applied first).
static void test_migration_file_order(void **state) {
  (void)state;
  char dir[] = "/tmp/txlint-test-schema-XXXXXX";
  assert_non_null(mkdtemp(dir));
  char sub[600];
  snprintf(sub, sizeof sub, "%s/supabase", dir);
  assert_int_equal(mkdir(sub, 0700), 0);
  snprintf(sub, sizeof sub, "%s/supabase/migrations", dir);
  assert_int_equal(mkdir(sub, 0700), 0);
  write_file(dir, "supabase/migrations/20240103000000_c.sql",
             "alter table items rename to products;\n");
  write_file(dir, "supabase/migrations/20240101000000_a.sql",
             "create table items (id uuid, title text);\n");
  write_file(dir, "supabase/migrations/20240102000000_b.sql",
             "alter table items rename column title to name;\n");
  write_file(dir, "zz_dump.sql", "create table items (old int);\ncreate table legacy (id int);\n");
  TxConfig cfg;
  tx_config_defaults(&cfg);
  const char *paths[1] = {dir};
  cfg.paths = paths;
  cfg.path_count = 1;
  cfg.root = dir;
  cfg.no_cache = true;
  cfg.jobs = 1;
  TxDiagSink sink;
  bool io_error = false;
  TxProgram *p = tx_analyze(&cfg, &sink, &io_error);
  assert_false(io_error);
  const TxSchema *s = &p->schema;
  assert_null(tx_schema_table(s, tx_str(""), tx_str("items")));
  const TxTable *products = tx_schema_table(s, tx_str(""), tx_str("products"));
  assert_non_null(products);
  assert_int_equal(products->column_count, 2);
  assert_true(tx_str_eq_c(products->columns[1].name, "name"));
  assert_non_null(tx_schema_table(s, tx_str(""), tx_str("legacy"))); // only the dump has it
  tx_diag_fini(&sink);
  tx_program_free(p);
  tx_config_fini(&cfg);
  char cmd[700];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  assert_int_equal(system(cmd), 0);
}

static int teardown(void **state) {
  (void)state;
  tx_shutdown();
  return 0;
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rename_column_and_table),
      cmocka_unit_test(test_alter_before_create_is_ignored),
      cmocka_unit_test(test_rename_follows_foreign_keys),
      cmocka_unit_test(test_drop_column_and_table),
      cmocka_unit_test(test_recreate_after_drop),
      cmocka_unit_test(test_create_if_not_exists_keeps_table),
      cmocka_unit_test(test_schemas_and_quoted_names),
      cmocka_unit_test(test_function_overloads),
      cmocka_unit_test(test_drop_function),
      cmocka_unit_test(test_migration_file_order),
  };
  return cmocka_run_group_tests(tests, NULL, teardown);
}
