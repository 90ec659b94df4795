// test_sql_front.c: the SQL front end on single files: where syntax errors are reported
// (a statement's first keyword past the comments above it; inside a PL/pgSQL body, the
// failing line and token), the PL/pgSQL bodies libpg_query 15-4.0.0 rejects and PostgreSQL
// accepts (front_sql/plpgsql.c rewrites them: their statements are facts on their own
// lines), the bodies PostgreSQL rejects too (still a notice), and BEGIN ATOMIC bodies.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver.h"
#include "front_sql/plpgsql.h"
#include "front_sql/sql_front.h"
#include "ir/schema.h"

typedef struct Run {
  TxConfig cfg;
  TxProgram *p;
  TxFile *f;
} Run;

static void extract(Run *r, const char *sql) {
  tx_config_defaults(&r->cfg);
  r->p = tx_program_new(&r->cfg);
  r->f = tx_program_add_file(r->p, tx_str("m.sql"), tx_str("m.sql"), TX_LANG_SQL);
  r->f->src.text = tx_arena_str(&r->f->arena, sql, strlen(sql)).ptr;
  r->f->src.len = (uint32_t)strlen(sql);
  tx_source_index_lines(&r->f->src, &r->f->arena);
  tx_sql_extract(r->f, &r->cfg);
}

static void done(Run *r) {
  tx_program_free(r->p);
  tx_config_fini(&r->cfg);
}

// The one parse-error notice of the file is at line:col and its message contains `msg`.
static void assert_notice(const Run *r, uint32_t line, uint32_t col, const char *msg) {
  uint32_t n = 0;
  for (uint32_t i = 0; i < r->f->notice_count; i++) {
    const TxNotice *x = &r->f->notices[i];
    if (!tx_str_eq_c(x->id, "parse-error"))
      continue;
    n++;
    TxPos pos = tx_source_pos(&r->f->src, x->span.start);
    if (pos.line != line || pos.col != col || !strstr(x->message.ptr, msg))
      fail_msg("notice at %u:%u '%.*s', want %u:%u '%s'", pos.line, pos.col, TX_STR_ARG(x->message),
               line, col, msg);
  }
  assert_int_equal(n, 1);
}

static void assert_no_notice(const Run *r) {
  for (uint32_t i = 0; i < r->f->notice_count; i++)
    fail_msg("unexpected notice: %.*s", TX_STR_ARG(r->f->notices[i].message));
}

// A fact of kind `op` in a function, on table `table`, starts at line:col.
static void assert_fact(const Run *r, TxOp op, const char *table, uint32_t line, uint32_t col) {
  for (uint32_t i = 0; i < r->f->fact_count; i++) {
    const TxFact *x = &r->f->facts[i];
    TxPos pos = tx_source_pos(&r->f->src, x->op_span.start);
    if (x->op == op && x->fn != TX_NONE && tx_str_eq_c(x->table, table) && pos.line == line &&
        pos.col == col)
      return;
  }
  for (uint32_t i = 0; i < r->f->fact_count; i++) {
    TxPos pos = tx_source_pos(&r->f->src, r->f->facts[i].op_span.start);
    print_message("  have %s %.*s at %u:%u\n", tx_op_name(r->f->facts[i].op),
                  TX_STR_ARG(r->f->facts[i].table), pos.line, pos.col);
  }
  fail_msg("no %s on %s at %u:%u", tx_op_name(op), table, line, col);
}

static void test_statement_error_skips_comments_above(void **state) {
  (void)state;
  Run r;
  extract(&r, "-- 20240101_init.sql\n/* a /* nested */ header */\n\ncreate tabel t (id int);\n");
  assert_notice(&r, 4, 8, "syntax error at or near \"tabel\"");
  done(&r);
}

// The real-migration shape: a header comment, then a RETURNS TABLE function whose body has a
// statement PostgreSQL rejects. Was reported at 1:1 (the comment); now on the statement.
static void test_body_error_on_its_line(void **state) {
  (void)state;
  Run r;
  extract(&r, "-- calls: started\n"
              "create function public.handle_call_started(p_id uuid)\n"
              "returns table (call_tracking_id uuid) language plpgsql as $$\n"
              "begin\n"
              "  update calls set status = 'x' where id = p_id;\n"
              "  insert into call_logs (id) valuez (p_id);\n"
              "  return next;\n"
              "end $$;\n");
  assert_notice(&r, 6, 30, "syntax error at or near \"valuez\"");
  done(&r);
  // The same error after a construct that is rewritten first (RETURN NEXT before it).
  extract(&r, "create function f(out a int) returns setof int language plpgsql as $body$\n"
              "begin\n"
              "  return next;\n"
              "  delete form calls where id = 1;\n"
              "end $body$;\n");
  assert_notice(&r, 4, 10, "syntax error at or near \"form\"");
  done(&r);
}

// PostgreSQL rejects these too: the notice stays, on the failing line.
static void test_bodies_postgres_rejects(void **state) {
  (void)state;
  Run r;
  // A bare RETURN NEXT needs OUT or TABLE parameters.
  extract(&r, "create function f() returns setof int language plpgsql as $$\n"
              "begin\n"
              "  perform 1;\n"
              "  return next;\n"
              "end $$;\n");
  assert_notice(&r, 4, 14, "missing expression");
  done(&r);
  // A field of a variable that does not exist.
  extract(&r, "create function f() returns void language plpgsql as $$\n"
              "begin\n"
              "  nope.x := 1;\n"
              "end $$;\n");
  assert_notice(&r, 3, 3, "\"nope.x\" is not a known variable");
  done(&r);
  // A cursor statement on something that is not a variable at all.
  extract(&r, "create function f() returns void language plpgsql as $$\n"
              "begin\n"
              "  close nowhere;\n"
              "end $$;\n");
  assert_notice(&r, 3, 9, "\"nowhere\" is not a known variable");
  done(&r);
  // A body whose text could not be located in the file (a quoted body with '' escapes): the
  // statement's first keyword.
  extract(&r, "\n-- x\ncreate function f() returns setof int language plpgsql as "
              "'begin raise notice ''x''; return next; end';\n");
  assert_notice(&r, 3, 1, "missing expression");
  done(&r);
}

static void test_rewritten_bodies_keep_their_statements(void **state) {
  (void)state;
  Run r;
  extract(&r, "-- RETURNS TABLE and a bare RETURN NEXT\n"
              "create function a(p uuid) returns table (x uuid, y uuid) language plpgsql as $$\n"
              "begin\n"
              "  update calls set status = 'a' where id = p;\n"
              "  x := p; return next;\n"
              "end $$;\n"
              "create function b(p uuid, out x uuid) returns setof record language plpgsql as $$\n"
              "declare v record; w calls%rowtype;\n"
              "begin\n"
              "  select 1 as n into v;\n"
              "  v.n := 2; w.status := 'x';\n"
              "  select 1 into w.id;\n"
              "    delete from calls where id = p;\n"
              "  return next;\n"
              "end $$;\n"
              "create function c() returns void language plpgsql as $$\n"
              "declare k cursor for select * from calls; r refcursor; r2 record;\n"
              "begin\n"
              "  open r for select id from calls where id = 1;\n"
              "  open k; fetch k into r2; close k;\n"
              "  for q in k loop update calls set status = 'c' where id = q.id; end loop;\n"
              "end $$;\n");
  assert_no_notice(&r);
  assert_fact(&r, TX_OP_UPDATE, "calls", 4, 3);
  assert_fact(&r, TX_OP_DELETE, "calls", 13, 5);
  assert_fact(&r, TX_OP_SELECT, "calls", 19, 14);
  assert_fact(&r, TX_OP_UPDATE, "calls", 21, 19);
  done(&r);
}

// Only targets are rewritten: a table of the same dotted name stays (INSERT INTO v.total).
static void test_field_rewrite_spares_tables(void **state) {
  (void)state;
  Run r;
  extract(&r, "create function f() returns void language plpgsql as $$\n"
              "declare v record;\n"
              "begin\n"
              "  select 1 as total into v;\n"
              "  v.total := 2;\n"
              "  insert into v.total (id) values (1);\n"
              "  update v.total set id = 2;\n"
              "end $$;\n");
  assert_no_notice(&r);
  assert_fact(&r, TX_OP_INSERT, "total", 6, 3);
  assert_fact(&r, TX_OP_UPDATE, "total", 7, 3);
  done(&r);
}

static void test_atomic_body(void **state) {
  (void)state;
  Run r;
  extract(&r, "create function f(p uuid) returns void language sql\n"
              "begin atomic\n"
              "  update calls set status = case when p is null then 'a' else 'b' end\n"
              "   where id = p;\n"
              "  -- a comment\n"
              "  delete from calls where id = p;\n"
              "end;\n"
              "create table after (id int);\n");
  assert_no_notice(&r);
  assert_fact(&r, TX_OP_UPDATE, "calls", 3, 3);
  assert_fact(&r, TX_OP_DELETE, "calls", 6, 3);
  assert_int_equal(r.f->sql->op_count, 2); // the function and the table after it
  done(&r);
  // An ATOMIC body that never ends joins nothing: the pieces are read on their own.
  extract(&r, "create function f() returns int language sql begin atomic select 1;\n"
              "create table t (id int);\n");
  assert_notice(&r, 1, 67, "syntax error at end of input");
  assert_int_equal(r.f->sql->op_count, 1);
  done(&r);
}

// PL/pgSQL hands a statement's text over with its INTO clause blanked; the fact still starts
// at the statement, not at its line's start.
static void test_select_into_position(void **state) {
  (void)state;
  Run r;
  extract(&r, "create function f(p uuid) returns uuid language plpgsql as $$\n"
              "declare v uuid;\n"
              "begin\n"
              "    select id into strict v from calls where id = p;\n"
              "  return v;\n"
              "end $$;\n");
  assert_no_notice(&r);
  assert_fact(&r, TX_OP_SELECT, "calls", 4, 5);
  done(&r);
}

// Dynamic SQL in any of its statements marks the function (its effects are unknown).
static void test_dynamic_sql_forms(void **state) {
  (void)state;
  static const char *const bodies[] = {
      "execute 'delete from t';",
      "return query execute 'select 1';",
      "for r in execute 'select 1' loop null; end loop;",
      "return query select 1;",
  };
  for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
    char sql[256];
    snprintf(sql, sizeof sql,
             "create function f() returns setof int language plpgsql as $$\n"
             "declare r record;\nbegin\n  %s\nend $$;\n",
             bodies[i]);
    Run r;
    extract(&r, sql);
    assert_no_notice(&r);
    assert_int_equal(r.f->sql->op_count, 1);
    assert_int_equal(r.f->sql->ops[0].func.dynamic_sql, i < 3);
    done(&r);
  }
}

// DO blocks: EXECUTE of a literal CREATE FUNCTION (any quoting, format() over literals)
// defines the function; anything whose name is not literal defines none. Every span of a
// function made so stays inside the file.
static void test_do_block_functions(void **state) {
  (void)state;
  static const struct {
    const char *execute; // the statement inside `do $$ begin ... end $$;`
    const char *name;    // the function it defines, or NULL
  } cases[] = {
      {"execute 'create function public.a() returns void language sql as $q$ select 1 $q$';", "a"},
      {"execute $x$create function b() returns int language sql as 'select 1'$x$;", "b"},
      {"execute E'create function c() returns void language sql as \\'select 1\\'';", "c"},
      {"execute format('create function %I.%I() returns void language sql as %L', 'public', "
       "'d', 'select 1');",
       "d"},
      {"execute format('create function %2$s() returns void language sql as ''%1$s''', "
       "'select 1', 'e');",
       "e"},
      {"execute format('create function \"%s\"() returns void language sql as $q$ select "
       "''%%'' $q$', 'F g');",
       "F g"},
      {"execute format('create function %I() returns void language sql as $q$ select 1 $q$', "
       "'H');",
       "H"},
      {"execute format('create function %10s() returns void language sql as $q$ select 1 $q$', "
       "'w');",
       NULL}, // a width: not read
      {"execute format('create function %I() returns void language sql as $q$ select 1 $q$');",
       NULL}, // too few arguments
      {"execute format('create function %I() returns void language sql as $q$ select 1 $q$', v);",
       NULL},
      {"execute 'create function ' || v || '() returns void language sql as $q$ select 1 $q$';",
       NULL},
      {"execute 'create table t (id int)';", NULL},
      {"perform 'execute ''create function z() returns void language sql as $q$ select 1 $q$''';",
       NULL},
      {"execute 'create function broken( returns void';", NULL},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char sql[512];
    snprintf(sql, sizeof sql, "do $$\ndeclare v text := 'x';\nbegin\n  %s\nend\n$$;\n",
             cases[i].execute);
    Run r;
    extract(&r, sql);
    assert_no_notice(&r);
    uint32_t made = 0;
    for (uint32_t k = 0; k < r.f->sql->op_count; k++) {
      const TxSqlOp *op = &r.f->sql->ops[k];
      if (op->kind != TX_SQL_CREATE_FUNCTION)
        continue;
      made++;
      if (!cases[i].name || !tx_str_eq_c(op->func.name, cases[i].name))
        fail_msg("case %zu made %.*s", i, TX_STR_ARG(op->func.name));
      assert_true(op->func.span.end <= r.f->src.len);
      assert_true(op->func.name_span.end <= r.f->src.len);
      assert_true(op->func.span.start >= (uint32_t)(strstr(sql, "execute") - sql));
    }
    if (made != (cases[i].name ? 1u : 0u))
      fail_msg("case %zu: %u functions", i, made);
    done(&r);
  }
}

// tx_plpgsql_parse itself: counts its rewrites, and parses as written when nothing fails.
static void test_plpgsql_parse_counts_rewrites(void **state) {
  (void)state;
  const char *ok = "create function f() returns void language plpgsql as $$ begin null; end $$";
  const char *next = "create function f(out a int) returns setof int language plpgsql as $$ "
                     "begin return next; return next; end $$";
  TxPlpgsqlOut out;
  tx_plpgsql_parse(&(TxPlpgsqlIn){ok, (uint32_t)strlen(ok), 55, 17, "f", false}, &out);
  assert_non_null(out.json);
  assert_null(out.error);
  assert_int_equal(out.rewrites, 0);
  tx_plpgsql_out_free(&out);
  tx_plpgsql_parse(&(TxPlpgsqlIn){next, (uint32_t)strlen(next), 69, 37, "f", true}, &out);
  assert_non_null(out.json);
  assert_int_equal(out.rewrites, 2);
  tx_plpgsql_out_free(&out);
  // Without output parameters, or without a located body, nothing is rewritten.
  tx_plpgsql_parse(&(TxPlpgsqlIn){next, (uint32_t)strlen(next), 69, 37, "f", false}, &out);
  assert_non_null(out.error);
  assert_int_equal(out.rewrites, 0);
  tx_plpgsql_out_free(&out);
  tx_plpgsql_parse(&(TxPlpgsqlIn){next, (uint32_t)strlen(next), UINT32_MAX, 0, "f", true}, &out);
  assert_non_null(out.error);
  assert_int_equal(out.error_at, UINT32_MAX);
  tx_plpgsql_out_free(&out);
  // Every field of a variable goes in one retry: 40 record variables with two fields each
  // fit the bounded number of parses.
  char many[8192];
  int n = snprintf(many, sizeof many,
                   "create function f() returns void language plpgsql as $$ declare");
  for (int v = 0; v < 40; v++)
    n += snprintf(many + n, sizeof many - (size_t)n, " r%d record;", v);
  n += snprintf(many + n, sizeof many - (size_t)n, " begin");
  for (int v = 0; v < 40; v++)
    n += snprintf(many + n, sizeof many - (size_t)n, " r%d.a := 1; r%d.b := 2;", v, v);
  n += snprintf(many + n, sizeof many - (size_t)n, " end $$");
  uint32_t body = (uint32_t)(strstr(many, "$$") - many) + 2;
  tx_plpgsql_parse(&(TxPlpgsqlIn){many, (uint32_t)n, body, (uint32_t)n - 2 - body, "f", false},
                   &out);
  assert_non_null(out.json);
  assert_int_equal(out.rewrites, 80);
  tx_plpgsql_out_free(&out);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_statement_error_skips_comments_above),
      cmocka_unit_test(test_body_error_on_its_line),
      cmocka_unit_test(test_bodies_postgres_rejects),
      cmocka_unit_test(test_rewritten_bodies_keep_their_statements),
      cmocka_unit_test(test_field_rewrite_spares_tables),
      cmocka_unit_test(test_atomic_body),
      cmocka_unit_test(test_select_into_position),
      cmocka_unit_test(test_dynamic_sql_forms),
      cmocka_unit_test(test_do_block_functions),
      cmocka_unit_test(test_plpgsql_parse_counts_rewrites),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  tx_sql_thread_exit();
  return rc;
}
