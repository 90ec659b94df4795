// test_ts_fast.c: the front end's shortcuts agree with the tree they stand in for.
//   - callee texts read from the source (front_ts/ts_chain.c callee_text_scan) equal the
//     texts built from the tree, for every call in every TypeScript, TSX and JavaScript file
//     under testdata/ and in snippets written for the scanner's edges (blanks and comments
//     between parts, optional calls, strings holding brackets, JSX, type arguments, keywords);
//     the scan must handle most calls, or it would save nothing;
//   - tree-sitter's slabs (front_ts/ts_alloc.c) stay while any parser of the thread lives.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front_ts/ts_internal.h"

const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_tsx(void);

typedef struct Lang {
  const TSLanguage *lang;
  TsSyms syms;
} Lang;

static Lang ts_lang, tsx_lang;
static unsigned long calls, scanned;

static void langs_init(void) {
  ts_lang.lang = tree_sitter_typescript();
  tx_ts_syms_init(&ts_lang.syms, ts_lang.lang);
  tsx_lang.lang = tree_sitter_tsx();
  tx_ts_syms_init(&tsx_lang.syms, tsx_lang.lang);
}

static void check_source(const Lang *l, const char *text, size_t len) {
  TSParser *p = ts_parser_new();
  assert_true(ts_parser_set_language(p, l->lang));
  TSTree *tree = ts_parser_parse_string(p, NULL, text, (uint32_t)len);
  assert_non_null(tree);
  TsCtx c;
  memset(&c, 0, sizeof c);
  c.sy = &l->syms;
  c.src = text;
  TSTreeCursor cur = ts_tree_cursor_new(ts_tree_root_node(tree));
  for (;;) {
    TSNode n = ts_tree_cursor_current_node(&cur);
    if (ts_node_symbol(n) == l->syms.call_expression) {
      TSNode fn = ts_node_child_by_field_id(n, l->syms.f_function);
      int r = tx_ts_callee_text_check(&c, fn);
      if (r < 0)
        fail_msg("callee text differs for: %.*s",
                 (int)(ts_node_end_byte(fn) - ts_node_start_byte(fn)),
                 text + ts_node_start_byte(fn));
      calls++;
      scanned += r == 1;
    }
    if (ts_tree_cursor_goto_first_child(&cur))
      continue;
    while (!ts_tree_cursor_goto_next_sibling(&cur)) {
      if (!ts_tree_cursor_goto_parent(&cur))
        goto done;
    }
  }
done:
  ts_tree_cursor_delete(&cur);
  ts_tree_delete(tree);
  ts_parser_delete(p);
}

static int visit(const char *path, const struct stat *st, int type, struct FTW *ftw) {
  (void)st;
  (void)ftw;
  if (type != FTW_F || strstr(path, "/node_modules/"))
    return 0;
  size_t n = strlen(path);
  const Lang *l = NULL;
  if (n > 4 && (strcmp(path + n - 4, ".tsx") == 0 || strcmp(path + n - 4, ".jsx") == 0))
    l = &tsx_lang;
  else if (n > 3 && (strcmp(path + n - 3, ".ts") == 0 || strcmp(path + n - 3, ".js") == 0))
    l = &ts_lang;
  if (!l)
    return 0;
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  char *buf = malloc(1 << 20);
  assert_non_null(buf);
  size_t len = fread(buf, 1, 1 << 20, f);
  fclose(f);
  check_source(l, buf, len);
  free(buf);
  return 0;
}

static void test_testdata(void **state) {
  (void)state;
  langs_init();
  calls = scanned = 0;
  assert_int_equal(nftw(TX_SOURCE_DIR "/testdata", visit, 16, FTW_PHYS), 0);
  assert_true(calls > 500);
  assert_true(scanned * 10 > calls * 8); // the source reading handles most callees
}

static const char *const snippets[] = {
    "a(); a.b(); a.b.c(); this.x(); this.x.y(1); a?.b(); a?.b?.c(); a.b?.(); a?.();",
    "supabase\n  .from('calls')\n  .update({ a: 1 })\n  .eq('org_id', id)\n  .select();",
    "a . b ( x ) . c ( ); a\n?.b(); a.from(')').eq(\"(\").neq('\\')'); a.b('x\\'y(').c();",
    "a.b({ k: [1, (2)] }).c(); a.b(() => { return (x) }).c(); a.b(x => x.y()).c();",
    "a.b(`t`).c(); a.b(1 / 2).c(); a.b(/re(/).c(); a.b(/* ( */ x).c(); a /* c */ .b();",
    "a.b<T>(x).c(); f<T>(); a!.b(); (a as any).b(); (a).b(); a[0].b(); a['k'](); a.#p();",
    "super.m(); import('x').then(); new F().g(); new F; true.valueOf; null?.x(); 1..toFixed();",
    "undefined(); typeof x(); void f(); async(); $.ajax(); _x$.y_(); \\u0061bc();",
    "café.x(); a.b(\n'multi\nline').c(); f()(); f()().g(); a.b(c).d(e).f(g).h();",
    "x.a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.aa.bb.cc.dd.ee.ff.gg();",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
    ".bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
    ".ccccccccccccccccccccccccccccccccccccccccccccccccccccc();",
    "a.b(x, 'y', \"z\", [1, 2], { k }).c(d.e(f)); a.b(\"it's\").c(); a.b('say \"hi\"').c();",
    "f(a b; a.b(.c(); a.b(x.c(; g(",
    "a.b(x /*).c(*/).d(); a.b(x // ).c(\n).d(); a.b(1 /2/ 3).c();",
    // Contextual keywords, read as identifiers by the grammar.
    "module.exports.f(); type.x(); declare.y(); namespace.z(); number.toFixed(); get.a();",
    "set.add(1); of.b(); let.c(); static.d(); readonly.e(); any.f(); string.g(); async.h();",
    "abstract.i(); override.j(); public.k(); private.l(); symbol.m(); object.n(); global.o();",
    "satisfies.p(); infer.q(); keyof.r(); unique.s(); is.t(); asserts.u(); accessor.v();",
};

static void test_snippets(void **state) {
  (void)state;
  langs_init();
  calls = scanned = 0;
  for (size_t i = 0; i < sizeof snippets / sizeof snippets[0]; i++) {
    check_source(&ts_lang, snippets[i], strlen(snippets[i]));
    check_source(&tsx_lang, snippets[i], strlen(snippets[i]));
  }
  const char *jsx = "a.b(<A x={y()}>don't (</A>).c(); a.b(<p>it's</p>, <p>won't</p>).c();"
                    "a.b(<p>).x(</p>).c();";
  check_source(&tsx_lang, jsx, strlen(jsx));
  assert_true(scanned > 40);
}

static void test_slabs_outlive_one_parser(void **state) {
  (void)state;
  TxTsParser *a = tx_ts_parser_new();
  TxTsParser *b = tx_ts_parser_new();
  size_t held = tx_ts_alloc_chunks();
  tx_ts_parser_free(b); // `a` still uses blocks in the chunks
  assert_int_equal(tx_ts_alloc_chunks(), held);
  tx_ts_parser_free(a);
  assert_int_equal(tx_ts_alloc_chunks(), 0);
}

// After a file whose tree took more than TX_TS_KEEP_BYTES of chunks, tx_ts_parser_trim frees
// them (the driver calls it between files), and the parser set still works; it keeps them
// when the next file is large enough to reuse them.
static void test_trim_gives_back(void **state) {
  (void)state;
  TxTsParser *p = tx_ts_parser_new();
  assert_false(tx_ts_parser_trim(p, 0)); // nothing large parsed yet
  size_t cap = 4u << 20, n = 0;
  char *text = malloc(cap);
  assert_non_null(text);
  for (uint32_t i = 0; n + 64 < cap / 2; i++)
    n += (size_t)snprintf(text + n, cap - n, "const a%u = [x, y + 1, { k: z }];\n", i);
  TSParser *raw = ts_parser_new(); // the same allocator as the set's parsers
  assert_true(ts_parser_set_language(raw, tree_sitter_typescript()));
  ts_tree_delete(ts_parser_parse_string(raw, NULL, text, (uint32_t)n));
  ts_parser_delete(raw);
  free(text);
  if (tx_ts_alloc_chunks() == 0) { // AddressSanitizer: tree-sitter keeps malloc
    assert_false(tx_ts_parser_trim(p, 0));
    tx_ts_parser_free(p);
    return;
  }
  size_t held = tx_ts_alloc_chunks();
  assert_true(held * TX_TS_CHUNK_BYTES > TX_TS_KEEP_BYTES);
  // The next file's tree may take as much: kept (its bytes times TX_TS_TREE_PER_BYTE reach
  // what is held).
  uint64_t reuses = (uint64_t)held * TX_TS_CHUNK_BYTES / TX_TS_TREE_PER_BYTE;
  assert_false(tx_ts_parser_trim(p, reuses));
  assert_int_equal(tx_ts_alloc_chunks(), held);
  // A smaller next file: given back.
  assert_true(tx_ts_parser_trim(p, reuses - 1));
  assert_true(tx_ts_alloc_chunks() * TX_TS_CHUNK_BYTES <= TX_TS_KEEP_BYTES);
  assert_false(tx_ts_parser_trim(p, 0));
  tx_ts_parser_free(p);
  assert_int_equal(tx_ts_alloc_chunks(), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_testdata),
      cmocka_unit_test(test_snippets),
      cmocka_unit_test(test_slabs_outlive_one_parser),
      cmocka_unit_test(test_trim_gives_back),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
