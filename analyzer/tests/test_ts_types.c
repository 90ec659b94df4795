// test_ts_types.c: generated Supabase types as a schema source (front_ts/ts_types.c, and
// their folding in link/schema_fold.c):
//   - a `supabase gen types typescript` file becomes CREATE TABLE (Row columns, nullability
//     from `| null`), FOREIGN_KEY per column of each Relationships entry, UNIQUE for a
//     one-to-one key, CREATE FUNCTION per overload (argument names, `?` as a default,
//     `Args: never` / `Record<PropertyKey, never>` as none, an unreadable Args as unknown),
//     in every schema, all marked from_types; the referenced columns are taken as keys;
//   - the file is recognised by its content (type alias or interface, any file name), and
//     files that only look alike are not;
//   - folding: the migrations win for tables and functions, the types fill in the rest, the
//     first types file wins over a later one, the schemas with functions are recorded.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "ir/schema.h"
#include "link/link.h"
#include "test_prog.h"

// Written for these tests in the generator's shape (type alias form, semicolons, both
// relationship styles, an internal member before the schemas).
static const char *const types_ts =
    "export type Json =\n"
    "  | string\n"
    "  | number\n"
    "  | boolean\n"
    "  | null\n"
    "  | { [key: string]: Json | undefined }\n"
    "  | Json[];\n"
    "\n"
    "export type Database = {\n"
    "  __InternalSupabase: {\n"
    "    PostgrestVersion: \"13.0.4\";\n"
    "  };\n"
    "  public: {\n"
    "    Tables: {\n"
    "      workspaces: {\n"
    "        Row: { id: string; name: string; created_at: string | null };\n"
    "        Insert: { id?: string; name: string; created_at?: string | null };\n"
    "        Update: { id?: string; name?: string; created_at?: string | null };\n"
    "        Relationships: [];\n"
    "      };\n"
    "      tickets: {\n"
    "        Row: {\n"
    "          id: number;\n"
    "          ws: string;\n"
    "          lane: number | null;\n"
    "          meta: Json | null;\n"
    "        };\n"
    "        Insert: { id?: number; ws: string; lane?: number | null; meta?: Json | null };\n"
    "        Update: { id?: number; ws?: string; lane?: number | null; meta?: Json | null };\n"
    "        Relationships: [\n"
    "          {\n"
    "            foreignKeyName: \"tickets_ws_fkey\";\n"
    "            columns: [\"ws\"];\n"
    "            isOneToOne: false;\n"
    "            referencedRelation: \"workspaces\";\n"
    "            referencedColumns: [\"id\"];\n"
    "          },\n"
    "          {\n"
    "            foreignKeyName: \"tickets_lane_ws_fkey\";\n"
    "            columns: [\"lane\", \"ws\"];\n"
    "            isOneToOne: false;\n"
    "            referencedRelation: \"lanes\";\n"
    "            referencedColumns: [\"num\", \"ws\"];\n"
    "          },\n"
    "        ];\n"
    "      };\n"
    "      ticket_stats: {\n"
    "        Row: { ticket_id: number; views: number };\n"
    "        Insert: { ticket_id: number; views?: number };\n"
    "        Update: { ticket_id?: number; views?: number };\n"
    "        Relationships: [\n"
    "          {\n"
    "            foreignKeyName: \"ticket_stats_ticket_id_fkey\";\n"
    "            columns: [\"ticket_id\"];\n"
    "            isOneToOne: true;\n"
    "            referencedRelation: \"tickets\";\n"
    "            referencedColumns: [\"id\"];\n"
    "          },\n"
    "        ];\n"
    "      };\n"
    "    };\n"
    "    Views: {\n"
    "      [_ in never]: never;\n"
    "    };\n"
    "    Functions: {\n"
    "      close_ticket:\n"
    "        | { Args: { p_id: number }; Returns: boolean }\n"
    "        | { Args: { p_id: number; p_reason?: string }; Returns: boolean };\n"
    "      ping: { Args: never; Returns: string };\n"
    "      now_utc: { Args: Record<PropertyKey, never>; Returns: string };\n"
    "      ingest: { Args: { \"\": Json }; Returns: undefined };\n"
    "      odd: { Args: SomeArgs; Returns: undefined };\n"
    "    };\n"
    "    Enums: { lane_kind: \"a\" | \"b\" };\n"
    "    CompositeTypes: { [_ in never]: never };\n"
    "  };\n"
    "  billing: {\n"
    "    Tables: {\n"
    "      invoices: {\n"
    "        Row: { id: string; tenant: string };\n"
    "        Insert: { id?: string; tenant: string };\n"
    "        Update: { id?: string; tenant?: string };\n"
    "      };\n"
    "    };\n"
    "    Views: { [_ in never]: never };\n"
    "    Functions: { [_ in never]: never };\n"
    "  };\n"
    "};\n"
    "\n"
    "export type Tables<T extends keyof Database[\"public\"][\"Tables\"]> =\n"
    "  Database[\"public\"][\"Tables\"][T][\"Row\"];\n";

static const TxSqlOp *find_op(const TxFile *f, TxSqlOpKind kind, const char *schema,
                              const char *name, const char *column, uint32_t nth) {
  for (uint32_t i = 0; f->sql && i < f->sql->op_count; i++) {
    const TxSqlOp *op = &f->sql->ops[i];
    if (op->kind == kind && tx_str_eq_c(op->schema, schema) && tx_str_eq_c(op->name, name) &&
        (!column || tx_str_eq_c(op->column, column)) && nth-- == 0)
      return op;
  }
  fail_msg("no op %d %s.%s %s #%u", kind, schema, name, column ? column : "", nth);
  return NULL;
}

static uint32_t count_ops(const TxFile *f, TxSqlOpKind kind) {
  uint32_t n = 0;
  for (uint32_t i = 0; f->sql && i < f->sql->op_count; i++)
    n += f->sql->ops[i].kind == kind;
  return n;
}

static const TxColumn *op_column(const TxSqlOp *op, const char *name) {
  for (uint32_t i = 0; i < op->column_count; i++) {
    if (tx_str_eq_c(op->columns[i].name, name))
      return &op->columns[i];
  }
  fail_msg("no column %s in %.*s", name, TX_STR_ARG(op->name));
  return NULL;
}

static void test_tables_and_relationships(void **state) {
  (void)state;
  TestProg t;
  tp_init(&t);
  TxFile *f = tp_add(&t, "src/lib/database.types.ts", types_ts);
  assert_non_null(f->sql);
  assert_int_equal(f->fact_count, 0);
  assert_int_equal(f->notice_count, 0);
  for (uint32_t i = 0; i < f->sql->op_count; i++)
    assert_true(f->sql->ops[i].from_types);
  assert_int_equal(count_ops(f, TX_SQL_CREATE_TABLE), 4); // views, enums: none
  const TxSqlOp *tk = find_op(f, TX_SQL_CREATE_TABLE, "public", "tickets", NULL, 0);
  assert_int_equal(tk->column_count, 4);
  assert_true(op_column(tk, "ws")->not_null);
  assert_false(op_column(tk, "lane")->not_null);
  assert_true(tx_str_eq_c(op_column(tk, "lane")->type, "number"));
  assert_true(tx_str_eq_c(op_column(tk, "meta")->type, "json"));
  assert_true(op_column(tk, "id")->is_primary_key); // ticket_stats references it
  assert_false(op_column(tk, "ws")->is_primary_key);
  const TxSqlOp *ws = find_op(f, TX_SQL_CREATE_TABLE, "public", "workspaces", NULL, 0);
  assert_true(op_column(ws, "id")->is_primary_key);
  assert_false(op_column(ws, "created_at")->not_null);
  // one FOREIGN_KEY per column, the columns paired in order
  const TxSqlOp *fk = find_op(f, TX_SQL_FOREIGN_KEY, "public", "tickets", "ws", 0);
  assert_true(tx_str_eq_c(fk->ref_schema, "public"));
  assert_true(tx_str_eq_c(fk->ref_table, "workspaces"));
  assert_true(tx_str_eq_c(fk->ref_column, "id"));
  assert_true(tx_str_eq_c(fk->new_name, "tickets_ws_fkey"));
  const TxSqlOp *lane = find_op(f, TX_SQL_FOREIGN_KEY, "public", "tickets", "lane", 0);
  assert_true(tx_str_eq_c(lane->ref_column, "num"));
  const TxSqlOp *lane_ws = find_op(f, TX_SQL_FOREIGN_KEY, "public", "tickets", "ws", 1);
  assert_true(tx_str_eq_c(lane_ws->ref_table, "lanes"));
  assert_true(tx_str_eq_c(lane_ws->ref_column, "ws"));
  assert_int_equal(count_ops(f, TX_SQL_FOREIGN_KEY), 4);
  // isOneToOne on one column: unique; false: not
  assert_int_equal(count_ops(f, TX_SQL_UNIQUE), 1);
  find_op(f, TX_SQL_UNIQUE, "public", "ticket_stats", "ticket_id", 0);
  // another schema, without Relationships (older generators)
  const TxSqlOp *inv = find_op(f, TX_SQL_CREATE_TABLE, "billing", "invoices", NULL, 0);
  assert_int_equal(inv->column_count, 2);
  // the op points at the table's entry in the file
  assert_int_equal(tk->span.start, tp_at(f, "tickets: {"));
  tp_free(&t);
}

static const TxSqlFunc *func_op(const TxFile *f, const char *name, uint32_t nth) {
  return &find_op(f, TX_SQL_CREATE_FUNCTION, "public", name, NULL, nth)->func;
}

static void test_functions_and_overloads(void **state) {
  (void)state;
  TestProg t;
  tp_init(&t);
  TxFile *f = tp_add(&t, "types/supabase.ts", types_ts);
  assert_int_equal(count_ops(f, TX_SQL_CREATE_FUNCTION), 6);
  const TxSqlFunc *a = func_op(f, "close_ticket", 0), *b = func_op(f, "close_ticket", 1);
  assert_true(a->from_types && b->from_types);
  assert_int_equal(a->param_count, 1);
  assert_true(tx_str_eq_c(a->params[0].name, "p_id"));
  assert_true(tx_str_eq_c(a->params[0].mode, "in"));
  assert_false(a->params[0].has_default);
  assert_int_equal(b->param_count, 2);
  assert_true(tx_str_eq_c(b->params[1].name, "p_reason"));
  assert_true(b->params[1].has_default);
  assert_true(tx_str_eq_c(b->returns, "boolean"));
  assert_int_equal(a->fn, TX_NONE);
  assert_int_equal(a->file, f->id);
  assert_int_equal(a->name_span.start, tp_at(f, "close_ticket:"));
  const TxSqlFunc *ping = func_op(f, "ping", 0), *now = func_op(f, "now_utc", 0);
  assert_int_equal(ping->param_count, 0);
  assert_false(ping->args_unknown);
  assert_int_equal(now->param_count, 0);
  assert_false(now->args_unknown);
  const TxSqlFunc *ingest = func_op(f, "ingest", 0);
  assert_int_equal(ingest->param_count, 1);
  assert_int_equal(ingest->params[0].name.len, 0);
  assert_true(tx_str_eq_c(ingest->params[0].type, "json"));
  assert_true(func_op(f, "odd", 0)->args_unknown);
  tp_free(&t);
}

static void test_recognised_by_content(void **state) {
  (void)state;
  TestProg t;
  tp_init(&t);
  // an interface, in a file named like nothing in particular
  TxFile *f = tp_add(&t, "a/db.ts",
                     "export interface Database {\n"
                     "  public: {\n"
                     "    Tables: {\n"
                     "      notes: { Row: { id: string; body: string | null } }\n"
                     "    }\n"
                     "    Functions: { touch: { Args: { note_id: string }; Returns: undefined } }\n"
                     "  }\n"
                     "}\n");
  assert_non_null(f->sql);
  assert_int_equal(count_ops(f, TX_SQL_CREATE_TABLE), 1);
  assert_int_equal(count_ops(f, TX_SQL_CREATE_FUNCTION), 1);
  // look-alikes: no Tables under a schema, not exported, not at the top level, another name
  static const char *const others[] = {
      "export type Database = { public: { Views: {} } };\n",
      "type Database = { public: { Tables: { t: { Row: { id: string } } } } };\n",
      "export namespace N { export type Database = { public: { Tables: {} } } }\n",
      "export type DB = { public: { Tables: { t: { Row: { id: string } } } } };\n",
      "export const Database = { public: { Tables: {} } };\n",
      "export type Database = { public: string };\n",
  };
  for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
    char path[32];
    snprintf(path, sizeof path, "b/x%zu.ts", i);
    TxFile *o = tp_add(&t, path, others[i]);
    if (o->sql)
      fail_msg("taken as generated types: %s", others[i]);
  }
  tp_free(&t);
}

// Broken and odd input: a truncated file, a relationship missing its parts, an absurd union.
static void test_bad_input(void **state) {
  (void)state;
  TestProg t;
  tp_init(&t);
  size_t half = strlen(types_ts) / 2;
  char *cut = tx_xmalloc(half + 1);
  memcpy(cut, types_ts, half);
  cut[half] = '\0';
  tp_add(&t, "a.ts", cut); // whatever it reads, it must not crash or leak
  free(cut);
  TxFile *f = tp_add(&t, "b.ts",
                     "export type Database = { public: { Tables: { t: {\n"
                     "  Row: { id: string };\n"
                     "  Relationships: [ { columns: []; referencedRelation: \"u\" },\n"
                     "                   { columns: [\"id\"] }, 42 ]\n"
                     "} } } };\n");
  assert_int_equal(count_ops(f, TX_SQL_CREATE_TABLE), 1);
  assert_int_equal(count_ops(f, TX_SQL_FOREIGN_KEY), 0);
  char big[40000];
  size_t n = (size_t)snprintf(big, sizeof big,
                              "export type Database = { public: { Tables: {}; Functions: { f:");
  for (int i = 0; i < 2000 && n + 64 < sizeof big; i++)
    n +=
        (size_t)snprintf(big + n, sizeof big - n, " | { Args: { a%d: string }; Returns: null }", i);
  snprintf(big + n, sizeof big - n, " } } };\n");
  f = tp_add(&t, "c.ts", big);
  assert_int_equal(count_ops(f, TX_SQL_CREATE_FUNCTION), 64); // MAX_UNION overloads read
  tp_free(&t);
}

// Members one per line without separators, a name starting with `in` after a union: the
// grammar misreads the first reading (see with_separators in ts_types.c); every table is read.
static void test_members_without_separators(void **state) {
  (void)state;
  TestProg t;
  tp_init(&t);
  TxFile *f = tp_add(&t, "src/integrations/supabase/types.ts",
                     "export type Database = {\n"
                     "  public: {\n"
                     "    Tables: {\n"
                     "      alerts: {\n"
                     "        Row: {\n"
                     "          id: string\n"
                     "          body: string | null\n"
                     "          in_app_url: string | null\n"
                     "          org_id: string\n"
                     "        }\n"
                     "        Relationships: []\n"
                     "      }\n"
                     "      uploads: {\n"
                     "        Row: {\n"
                     "          id: string\n"
                     "          in_progress_size: number\n"
                     "          \"key\": string\n"
                     "        }\n"
                     "        Relationships: []\n"
                     "      }\n"
                     "      inbound_links: {\n"
                     "        Row: {\n"
                     "          id: string\n"
                     "          org_id: string\n"
                     "        }\n"
                     "        Relationships: []\n"
                     "      }\n"
                     "    }\n"
                     "    Functions: {\n"
                     "      ping: { Args: never; Returns: string }\n"
                     "    }\n"
                     "  }\n"
                     "}\n");
  assert_int_equal(count_ops(f, TX_SQL_CREATE_TABLE), 3);
  const TxSqlOp *al = find_op(f, TX_SQL_CREATE_TABLE, "public", "alerts", NULL, 0);
  assert_int_equal(al->column_count, 4);
  assert_false(op_column(al, "in_app_url")->not_null);
  assert_true(tx_str_eq_c(op_column(al, "in_app_url")->type, "string"));
  const TxSqlOp *up = find_op(f, TX_SQL_CREATE_TABLE, "public", "uploads", NULL, 0);
  assert_int_equal(up->column_count, 3);
  assert_int_equal(
      find_op(f, TX_SQL_CREATE_TABLE, "public", "inbound_links", NULL, 0)->column_count, 2);
  assert_int_equal(count_ops(f, TX_SQL_CREATE_FUNCTION), 1);
  tp_free(&t);
}

// --- folding -----------------------------------------------------------------------------------

static void test_migrations_win(void **state) {
  (void)state;
  TestProg t;
  tp_init(&t);
  tp_add(&t, "supabase/migrations/001_init.sql",
         "create table public.tickets (id bigint primary key, ws uuid not null);\n"
         "create function public.ping(p_x int) returns text language sql as $$ select 'x' $$;\n");
  tp_add(&t, "types/a.ts", types_ts);
  tp_add(&t, "types/b.ts",
         "export type Database = { public: { Tables: {\n"
         "  extra: { Row: { id: string; org_id: string } };\n"
         "  workspaces: { Row: { id: string; only_in_b: string } };\n"
         "} } };\n");
  tx_schema_build(t.p);
  const TxSchema *s = &t.p->schema;
  // tickets: the migration's two columns and no foreign keys (the types' are not applied)
  const TxTable *tk = tx_schema_table(s, tx_str("public"), tx_str("tickets"));
  assert_non_null(tk);
  assert_false(tk->from_types);
  assert_int_equal(tk->column_count, 2);
  assert_null(tx_table_column(tk, tx_str("lane")));
  assert_int_equal(tk->fk_count, 0);
  // workspaces: only the types define it, the first types file's version
  const TxTable *ws = tx_schema_table(s, tx_str("public"), tx_str("workspaces"));
  assert_non_null(ws);
  assert_true(ws->from_types);
  assert_int_equal(ws->span.file, 1);
  assert_null(tx_table_column(ws, tx_str("only_in_b")));
  // ticket_stats (types only) keeps its foreign key and uniqueness
  const TxTable *st = tx_schema_table(s, tx_str("public"), tx_str("ticket_stats"));
  assert_non_null(st);
  assert_int_equal(st->fk_count, 1);
  assert_true(tx_table_column(st, tx_str("ticket_id"))->is_unique);
  assert_non_null(tx_schema_table(s, tx_str("public"), tx_str("extra")));
  assert_non_null(tx_schema_table(s, tx_str("billing"), tx_str("invoices")));
  // ping: the migration's one parameter, not the types' none
  const TxSqlFunc *fns[4];
  assert_int_equal(tx_schema_funcs(s, tx_str("public"), tx_str("ping"), fns, 4), 1);
  assert_false(fns[0]->from_types);
  assert_int_equal(fns[0]->param_count, 1);
  // close_ticket: both overloads from the types
  assert_int_equal(tx_schema_funcs(s, tx_str(""), tx_str("close_ticket"), fns, 4), 2);
  assert_true(fns[0]->from_types && fns[1]->from_types);
  // the migrations define functions; the types list them for public only
  assert_true(s->defines_functions);
  assert_true(tx_schema_types_cover(s, tx_str("")));
  assert_false(tx_schema_types_cover(s, tx_str("billing")));
  tp_free(&t);
}

static void test_types_alone(void **state) {
  (void)state;
  TestProg t;
  tp_init(&t);
  tp_add(&t, "src/types.ts", types_ts);
  tx_schema_build(t.p);
  const TxSchema *s = &t.p->schema;
  assert_false(s->has_sql);
  assert_false(s->defines_functions); // SQL's alone: the idempotency analysis reads it
  assert_int_equal(s->types_schema_count, 1);
  const TxTable *tk = tx_schema_table(s, tx_str("public"), tx_str("tickets"));
  assert_non_null(tk);
  assert_int_equal(tk->fk_count, 3);
  assert_int_equal(s->func_count, 6);
  tp_free(&t);
}

static int teardown(void **state) {
  (void)state;
  tx_shutdown();
  return 0;
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_tables_and_relationships),
      cmocka_unit_test(test_functions_and_overloads),
      cmocka_unit_test(test_recognised_by_content),
      cmocka_unit_test(test_bad_input),
      cmocka_unit_test(test_members_without_separators),
      cmocka_unit_test(test_migrations_win),
      cmocka_unit_test(test_types_alone),
  };
  return cmocka_run_group_tests(tests, NULL, teardown);
}
