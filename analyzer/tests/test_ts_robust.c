// test_ts_robust.c: the TypeScript front end on incomplete and hostile input.
//   - a null node (an absent optional child) reads as an empty node through every accessor
//     of front_ts/ts_internal.h, and every symbol and field id the front end names resolves
//     in both grammars (a 0 would compare equal to a null node's symbol);
//   - classes without a name give their methods the name of where they stand; handlers
//     passed by name and exported local functions are found among thousands;
//   - prefixes of the tenant-filter fixtures written for nameless and partial forms, and
//     the same texts with a bracket, quote or keyword inserted, extract without a crash
//     (sanitizers watch) into an IR whose indices and spans are in range;
//   - the time budget bounds the walk and the CFG builder, not only the parse: a file past
//     its deadline in either contributes nothing but a `limit` notice and is not cached
//     (tx_ts_test_expire makes the deadline pass deterministically).
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front_ts/ts_internal.h"
#include "ir/cfg.h"
#include "ts_run.h"

const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_tsx(void);

// --- helpers ------------------------------------------------------------------------------------

// Extracts `text` as a file of language `lang` into r->f (released by file_fini).
static TxFile *extract(Run *r, TxLang lang, const char *text, size_t len) {
  return run_extract(r, lang, text, len);
}

static char *read_fixture(const char *name, size_t *len) {
  char path[1024];
  snprintf(path, sizeof path, "%s/testdata/rules/tenant-filter/%s", TX_SOURCE_DIR, name);
  FILE *fp = fopen(path, "rb");
  if (!fp)
    fail_msg("cannot open %s", path);
  char *buf = malloc(1 << 20);
  assert_non_null(buf);
  *len = fread(buf, 1, 1 << 20, fp);
  fclose(fp);
  return buf;
}

static void span_in_file(const TxFile *f, TxSpan s) {
  assert_true(s.start <= s.end);
  assert_true(s.end <= f->src.len);
}

// Whatever the input, the IR the front end makes holds together.
static void check_ir(const TxFile *f) {
  for (uint32_t i = 0; i < f->function_count; i++) {
    const TxFunction *fn = &f->functions[i];
    span_in_file(f, fn->span);
    span_in_file(f, fn->name_span);
    assert_true(fn->parent == TX_NONE || fn->parent < i);
    for (uint32_t k = 0; k < fn->fact_count; k++)
      assert_true(fn->facts[k] < f->fact_count);
    for (uint32_t k = 0; k < fn->call_count; k++)
      assert_true(fn->calls[k] < f->call_count);
    const TxCfg *g = fn->cfg;
    if (!g)
      continue;
    assert_true(g->node_count >= 2);
    for (uint32_t k = 0; k < g->edge_count; k++)
      assert_true(tx_cfg_target(g->edges[k]) < g->node_count);
    for (uint32_t k = 0; k < g->node_count; k++) {
      assert_true(g->nodes[k].at <= f->src.len);
      if (g->nodes[k].kind == TX_CFG_CALL)
        assert_true(g->nodes[k].ref < f->call_count);
    }
  }
  for (uint32_t i = 0; i < f->fact_count; i++) {
    const TxFact *x = &f->facts[i];
    span_in_file(f, x->span);
    span_in_file(f, x->op_span);
    assert_true(x->fn == TX_NONE || x->fn < f->function_count);
    for (uint32_t k = 0; k < x->filter_count; k++)
      span_in_file(f, x->filters[k].span);
  }
  for (uint32_t i = 0; i < f->call_count; i++) {
    const TxCall *c = &f->calls[i];
    span_in_file(f, c->span);
    assert_true(c->fn == TX_NONE || c->fn < f->function_count);
    assert_true(c->fact == TX_NONE || c->fact < f->fact_count);
    for (uint32_t k = 0; k < c->callback_fn_count; k++)
      assert_true(c->callback_fns[k] < f->function_count);
  }
  for (uint32_t i = 0; i < f->import_count; i++)
    span_in_file(f, f->imports[i].span);
  for (uint32_t i = 0; i < f->export_count; i++)
    assert_true(f->exports[i].fn == TX_NONE || f->exports[i].fn < f->function_count);
  for (uint32_t i = 0; i < f->notice_count; i++) {
    if (f->notices[i].has_span)
      span_in_file(f, f->notices[i].span);
  }
}

static const TxFunction *function_named(const TxFile *f, const char *name) {
  for (uint32_t i = 0; i < f->function_count; i++) {
    if (tx_str_eq_c(f->functions[i].name, name))
      return &f->functions[i];
  }
  return NULL;
}

// --- null nodes and ids ---------------------------------------------------------------------

static void test_null_node_reads_as_empty(void **state) {
  (void)state;
  TxFile f;
  memset(&f, 0, sizeof f);
  f.id = 7;
  TsCtx c;
  memset(&c, 0, sizeof c);
  c.f = &f;
  c.src = "class {}";
  TSNode n;
  memset(&n, 0, sizeof n);
  assert_true(tx_ts_null(n));
  assert_int_equal(tx_ts_sym(n), 0);
  assert_int_equal(tx_ts_start(n), 0);
  assert_int_equal(tx_ts_end(n), 0);
  assert_true(tx_ts_null(tx_ts_field(n, 1)));
  assert_int_equal(tx_ts_named_count(n), 0);
  assert_true(tx_ts_null(tx_ts_named_child(n, 0)));
  assert_int_equal(tx_ts_child_count(n), 0);
  assert_true(tx_ts_null(tx_ts_child(n, 0)));
  assert_false(tx_ts_is_named(n));
  assert_false(tx_ts_is_missing(n));
  assert_false(tx_ts_has_error(n));
  assert_string_equal(tx_ts_type(n), "");
  assert_int_equal(tx_ts_text(&c, n).len, 0);
  TxSpan s = tx_ts_span(&c, n);
  assert_int_equal(s.file, 7);
  assert_int_equal(s.start, 0);
  assert_int_equal(s.end, 0);
}

// Every TSSymbol and TSFieldId of TsSyms (all uint16_t, from `program` up to the tables)
// resolves: none is 0, the symbol a null node reads as.
static void check_ids(const TSLanguage *l) {
  TsSyms s;
  tx_ts_syms_init(&s, l);
  size_t first = offsetof(TsSyms, program), end = offsetof(TsSyms, kind);
  assert_true((end - first) % sizeof(uint16_t) == 0);
  assert_true((end - first) / sizeof(uint16_t) > 100);
  for (size_t off = first; off < end; off += sizeof(uint16_t)) {
    uint16_t id;
    memcpy(&id, (const char *)&s + off, sizeof id);
    if (id == 0)
      fail_msg("TsSyms id at offset %zu does not resolve", off);
  }
}

static void test_every_id_resolves(void **state) {
  (void)state;
  check_ids(tree_sitter_typescript());
  check_ids(tree_sitter_tsx());
}

// --- nameless classes ---------------------------------------------------------------------------

static const char client[] = "import { createClient } from '@supabase/supabase-js';\n"
                             "const supabase = createClient('u', 'k');\n";

static TxFile *extract_with_client(Run *r, TxLang lang, const char *body) {
  size_t n = strlen(client) + strlen(body);
  char *text = malloc(n + 1);
  assert_non_null(text);
  snprintf(text, n + 1, "%s%s", client, body);
  TxFile *f = extract(r, lang, text, n);
  free(text);
  check_ir(f);
  return f;
}

static void test_nameless_classes_name_methods(void **state) {
  (void)state;
  Run r;
  run_init(&r);
  static const struct {
    TxLang lang;
    const char *body, *method;
  } cases[] = {
      {TX_LANG_TS, "export default class { async m(id) { await supabase.from('t').delete(); } }",
       "<anonymous>.m"},
      {TX_LANG_TS, "const Repo = class { async save() { await supabase.from('t').delete(); } }",
       "Repo.save"},
      {TX_LANG_TS, "const E = class Inner extends Error { async m() { await supabase.rpc('f'); } }",
       "Inner.m"},
      {TX_LANG_JS, "module.exports = class { async x() { await supabase.from('t').delete(); } }",
       "module.exports.x"},
      {TX_LANG_TSX, "register(class { async y() { await supabase.from('t').delete(); } });",
       "<anonymous>.y"},
      {TX_LANG_TS, "const jobs = { nightly: class { async go() { await supabase.rpc('f'); } } };",
       "nightly.go"},
      {TX_LANG_TS, "const B = class extends (class {}) { async z() { await supabase.rpc('f'); } };",
       "B.z"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    TxFile *f = extract_with_client(&r, cases[i].lang, cases[i].body);
    const TxFunction *fn = function_named(f, cases[i].method);
    if (!fn || fn->fact_count != 1)
      fail_msg("%s: no method %s with its query", cases[i].body, cases[i].method);
    file_fini(&r);
  }
  // `this.log()` in a nameless class resolves within that class, not to a top-level `log`.
  TxFile *f = extract_with_client(&r, TX_LANG_TS,
                                  "export default class {\n"
                                  "  async save() { await this.log(); }\n"
                                  "  async log() { await supabase.from('t').delete(); }\n"
                                  "}\n");
  assert_non_null(function_named(f, "<anonymous>.save"));
  assert_non_null(function_named(f, "<anonymous>.log"));
  assert_null(function_named(f, "log"));
  file_fini(&r);
  run_fini(&r);
}

// Handlers passed by name and exports of local functions are found by name (through an index:
// a search per lookup was quadratic in the file), also when thousands of them share a file.
static void test_named_handlers_and_exports(void **state) {
  (void)state;
  Run r;
  run_init(&r);
  enum { N = 3000 };
  size_t cap = 256 + (size_t)N * 96, k = 0;
  char *t = malloc(cap);
  assert_non_null(t);
  for (int i = 0; i < N; i++)
    k += (size_t)snprintf(t + k, cap - k, "async function h%d() { await supabase.rpc('f'); }\n", i);
  for (int i = 0; i < N; i++)
    k += (size_t)snprintf(t + k, cap - k, "router.post('/p%d', h%d);\n", i, i);
  k += (size_t)snprintf(t + k, cap - k,
                        "async function main() { await supabase.rpc('g'); }\nserve(main);\n"
                        "export { h7 as seven, main };\n");
  TxFile *f = extract_with_client(&r, TX_LANG_TS, t);
  free(t);
  uint32_t routes = 0;
  for (uint32_t i = 0; i < f->function_count; i++)
    routes += f->functions[i].entry == TX_ENTRY_ROUTE;
  assert_int_equal(routes, N);
  const TxFunction *main_fn = function_named(f, "main");
  assert_non_null(main_fn);
  assert_int_equal(main_fn->entry, TX_ENTRY_SERVE);
  bool seven = false, main_export = false;
  for (uint32_t i = 0; i < f->export_count; i++) {
    const TxExport *e = &f->exports[i];
    if (tx_str_eq_c(e->exported, "seven"))
      seven = e->fn != TX_NONE && tx_str_eq_c(f->functions[e->fn].name, "h7");
    if (tx_str_eq_c(e->exported, "main"))
      main_export = e->fn != TX_NONE && &f->functions[e->fn] == main_fn;
  }
  assert_true(seven && main_export);
  file_fini(&r);
  run_fini(&r);
}

// --- cut and damaged input --------------------------------------------------------------------

static const char *const fixtures[] = {
    "anonymous-classes.ts",     "anonymous-functions.js",
    "class-member-forms.ts",    "minified-bundle.js",
    "syntax-errors.ts",         "truncated-class.ts",
    "default-exports/class.ts", "default-exports/decorated.ts",
};

static const char *const inserts[] = {"{", "}", "(", ")", "`", "'", "/*", "class ", "=> ", "@"};

static void test_prefixes_and_insertions(void **state) {
  (void)state;
  Run r;
  run_init(&r);
  unsigned long runs = 0;
  for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++) {
    size_t len;
    char *text = read_fixture(fixtures[i], &len);
    TxLang lang = strstr(fixtures[i], ".js") ? TX_LANG_JS : TX_LANG_TS;
    // Cut points 11 bytes apart (a prime, so they fall on every kind of token), in the
    // file's own language; every third also as TSX. Every byte would cost minutes under
    // the sanitizers for little more.
    for (size_t step = 0;; step++) {
      size_t cut = step * 11 < len ? step * 11 : len; // the whole file last
      check_ir(extract(&r, lang, text, cut));
      file_fini(&r);
      runs++;
      if (step % 3 == 0) {
        check_ir(extract(&r, TX_LANG_TSX, text, cut));
        file_fini(&r);
        runs++;
      }
      if (cut == len)
        break;
    }
    // One damage at a time, spread over the file.
    char *buf = malloc(len + 16);
    assert_non_null(buf);
    for (size_t at = 0, k = 0; at < len; at += 29, k++) {
      const char *ins = inserts[k % (sizeof inserts / sizeof inserts[0])];
      size_t n = strlen(ins);
      memcpy(buf, text, at);
      memcpy(buf + at, ins, n);
      memcpy(buf + at + n, text + at, len - at);
      check_ir(extract(&r, lang, buf, len + n));
      file_fini(&r);
      runs++;
    }
    free(buf);
    free(text);
  }
  print_message("%lu extractions\n", runs);
  assert_true(runs > 2500);
  run_fini(&r);
}

// --- the time budget after the parse --------------------------------------------------------

// `n` awaited calls (about 10 nodes each, so n = 1000 is well past the 4096 nodes between two
// clock readings), an import, exports, a suppression and a tenant-filter query; in one
// function (a long walk and a long graph) or at the top level (a long walk and no graph
// at all, so only the walk's own check can stop it).
static char *long_text(size_t n, bool in_function, size_t *len) {
  size_t cap = 512 + n * 32;
  char *t = malloc(cap);
  assert_non_null(t);
  size_t k = (size_t)snprintf(t, cap,
                              "import { createClient } from '@supabase/supabase-js';\n"
                              "export const supabase = createClient('u', 'k');\n"
                              "%s"
                              "  // txlint-ignore tenant-filter -- test\n"
                              "  await supabase.from('calls').delete().eq('id', id);\n",
                              in_function ? "export async function run(id: string) {\n"
                                          : "export const id = 'x';\n");
  for (size_t i = 0; i < n; i++)
    k += (size_t)snprintf(t + k, cap - k, "  await step%zu(id);\n", i % 10);
  if (in_function)
    k += (size_t)snprintf(t + k, cap - k, "}\n");
  *len = k;
  return t;
}

static bool is_budget_notice(const TxFile *f, uint32_t i) {
  return tx_str_eq_c(f->notices[i].id, "limit") &&
         tx_str_eq_c(f->notices[i].message,
                     "t.ts: analysis took longer than the time budget (10000 ms); skipped");
}

static void check_dropped(const TxFile *f) {
  assert_true(f->uncacheable);
  assert_int_equal(f->function_count, 0);
  assert_int_equal(f->fact_count, 0);
  assert_int_equal(f->call_count, 0);
  assert_int_equal(f->import_count, 0);
  assert_int_equal(f->export_count, 0);
  assert_int_equal(f->client_export_count, 0);
  assert_int_equal(f->suppression_count, 0);
  assert_int_equal(f->notice_count, 1);
  assert_true(is_budget_notice(f, 0));
}

static void test_deadline_bounds_walk_and_cfg(void **state) {
  (void)state;
  Run r;
  run_init(&r);
  r.cfg.time_budget_ms = 10000; // a fixed budget, so the notice's text is known
  size_t len, top_len;
  char *text = long_text(1000, true, &len);
  char *top = long_text(1000, false, &top_len);

  // Within the budget: everything is there, with a graph.
  tx_ts_test_expire(TS_PHASE_NONE);
  TxFile *f = extract(&r, TX_LANG_TS, text, len);
  assert_false(f->uncacheable);
  assert_int_equal(f->fact_count, 1);
  assert_int_equal(f->suppression_count, 1);
  assert_true(f->import_count == 1 && f->export_count >= 2 && f->client_export_count == 1);
  const TxFunction *fn = function_named(f, "run");
  assert_non_null(fn);
  assert_non_null(fn->cfg);
  assert_true(fn->cfg->node_count > 1000);
  assert_int_equal(f->function_count, 1);
  for (uint32_t i = 0; i < f->notice_count; i++)
    assert_false(is_budget_notice(f, i));
  file_fini(&r);

  // The deadline passes as the walk starts: dropped, with a graph to build or without.
  tx_ts_test_expire(TS_PHASE_WALK);
  check_dropped(extract(&r, TX_LANG_TS, text, len));
  file_fini(&r);
  check_dropped(extract(&r, TX_LANG_TS, top, top_len));
  file_fini(&r);

  // The deadline passes once the walk is done, as the graphs are built: dropped too, the
  // top level's graph included.
  tx_ts_test_expire(TS_PHASE_CFG);
  check_dropped(extract(&r, TX_LANG_TS, text, len));
  file_fini(&r);
  check_dropped(extract(&r, TX_LANG_TS, top, top_len));
  file_fini(&r);

  // A file smaller than one clock period is never interrupted.
  tx_ts_test_expire(TS_PHASE_WALK);
  static const char small[] = "export async function f() { await g(); }\n";
  f = extract(&r, TX_LANG_TS, small, sizeof small - 1);
  assert_false(f->uncacheable);
  assert_int_equal(f->function_count, 1);
  file_fini(&r);

  // The top-level text is whole when on time: its calls are there, in the graph of the
  // module's top level (it runs a database chain).
  tx_ts_test_expire(TS_PHASE_NONE);
  f = extract(&r, TX_LANG_TS, top, top_len);
  assert_false(f->uncacheable);
  assert_int_equal(f->function_count, 1);
  fn = function_named(f, TX_NAME_MODULE);
  assert_non_null(fn);
  assert_non_null(fn->cfg);
  assert_true(fn->cfg->node_count > 1000);
  assert_int_equal(f->fact_count, 1);
  assert_int_equal(f->suppression_count, 1);
  assert_true(f->call_count > 1000);
  file_fini(&r);

  free(text);
  free(top);
  run_fini(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_null_node_reads_as_empty),
      cmocka_unit_test(test_every_id_resolves),
      cmocka_unit_test(test_nameless_classes_name_methods),
      cmocka_unit_test(test_named_handlers_and_exports),
      cmocka_unit_test(test_prefixes_and_insertions),
      cmocka_unit_test(test_deadline_bounds_walk_and_cfg),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
