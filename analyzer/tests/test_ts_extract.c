// test_ts_extract.c: what the TypeScript front end keeps and how it marks it.
//   - callbacks of the methods in ir/js_callbacks (one list with the call graph) run per
//     element or once: a call inside `items.findLast(cb)` is in a loop, one inside
//     `p.then(cb)` or `setTimeout(cb)` is not;
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "front_ts/ts_front.h"
#include "ir/js_callbacks.h"

typedef struct Run {
  TxTsParser *parser;
  TxConfig cfg;
  TxFile f;
} Run;

static void run_init(Run *r) {
  memset(r, 0, sizeof *r);
  r->parser = tx_ts_parser_new();
  tx_config_defaults(&r->cfg);
}

static void run_fini(Run *r) {
  tx_ts_parser_free(r->parser);
  tx_config_fini(&r->cfg);
}

// Extracts `text` as t.ts into r->f (released by file_fini).
static const TxFile *extract(Run *r, const char *text) {
  TxFile *f = &r->f;
  memset(f, 0, sizeof *f);
  tx_arena_init(&f->arena);
  size_t len = strlen(text);
  f->src.path = tx_str("t.ts");
  f->src.text = tx_arena_strdup(&f->arena, tx_str(text)).ptr;
  f->src.len = (uint32_t)len;
  f->src.lang = TX_LANG_TS;
  f->src.ascii = true;
  tx_source_index_lines(&f->src, &f->arena);
  tx_ts_extract(r->parser, f, &r->cfg);
  return f;
}

static void file_fini(Run *r) {
  tx_arena_fini(&r->f.arena);
}

// The call whose callee text is `callee`, or NULL.
static const TxCall *call_named(const TxFile *f, const char *callee) {
  for (uint32_t i = 0; i < f->call_count; i++) {
    if (tx_str_eq_c(f->calls[i].callee, callee))
      return &f->calls[i];
  }
  return NULL;
}

// --- callbacks
// ------------------------------------------------------------------------------------

static void test_callback_runs(void **state) {
  (void)state;
  assert_int_equal(tx_callback_run(tx_str("map")), TX_CALLBACK_PER_ELEMENT);
  assert_int_equal(tx_callback_run(tx_str("findLast")), TX_CALLBACK_PER_ELEMENT);
  assert_int_equal(tx_callback_run(tx_str("then")), TX_CALLBACK_ONCE);
  assert_int_equal(tx_callback_run(tx_str("on")), TX_CALLBACK_NOT_RUN);
  assert_int_equal(tx_callback_run(tx_str("mapper")), TX_CALLBACK_NOT_RUN);
  Run r;
  run_init(&r);
  const TxFile *f = extract(&r, "export async function run(items, p) {\n"
                                "  items.findLast((x) => perElement(x));\n"
                                "  items.forEach((x) => alsoPerElement(x));\n"
                                "  p.then((x) => once(x));\n"
                                "  setTimeout(() => later());\n"
                                "}\n");
  const char *in_loop[] = {"perElement", "alsoPerElement"};
  const char *not_in_loop[] = {"once", "later"};
  for (size_t i = 0; i < 2; i++) {
    const TxCall *c = call_named(f, in_loop[i]);
    assert_non_null(c);
    assert_true(c->in_loop);
    c = call_named(f, not_in_loop[i]);
    assert_non_null(c);
    assert_false(c->in_loop);
  }
  file_fini(&r);
  run_fini(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_callback_runs),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
