// test_cache.c: the persistent cache: encode/decode round trips (hand-built IR with every
// field kind, and every testdata source through the real front ends, compared through
// --dump-facts), rejection of corrupt buffers and packs, and pack reuse across runs.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "driver.h"
#include "emit/dump.h"
#include "front_sql/sql_front.h"
#include "front_ts/ts_front.h"
#include "ir/cfg.h"
#include "store/cache.h"

static TxFile *add_text(TxProgram *p, const char *path, const char *text) {
  TxFile *f = tx_program_add_file(p, tx_str(path), tx_str(path), tx_source_lang_of(path));
  f->src.text = tx_arena_str(&f->arena, text, strlen(text)).ptr;
  f->src.len = (uint32_t)strlen(text);
  tx_source_index_lines(&f->src, &f->arena);
  return f;
}

static char *dump(const TxProgram *p) {
  char *buf = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&buf, &len);
  assert_non_null(out);
  tx_dump_facts(out, p);
  fclose(out);
  return buf;
}

// A file with every cached kind of field filled in by hand.
static void fill_by_hand(TxFile *f) {
  TxArena *a = &f->arena;
  f->function_count = 1;
  f->functions = TX_ARENA_ARRAY(a, TxFunction, 1);
  f->functions[0] = (TxFunction){.name = tx_str("POST"),
                                 .span = {f->id, 0, 10},
                                 .name_span = {f->id, 0, 4},
                                 .parent = TX_NONE,
                                 .is_async = true,
                                 .is_exported = true,
                                 .export_name = tx_str("POST"),
                                 .entry = TX_ENTRY_NEXT_ROUTE};
  f->fact_count = 1;
  f->facts = TX_ARENA_ARRAY(a, TxFact, 1);
  TxFact *x = &f->facts[0];
  x->op = TX_OP_UPDATE;
  x->table = tx_str("calls");
  x->client = tx_str("supabase");
  x->chain = tx_str("from().update().eq()");
  x->filter_count = 1;
  x->filters = TX_ARENA_ARRAY(a, TxFilter, 1);
  x->filters[0] = (TxFilter){tx_str("org_id"), tx_str("eq"), tx_str("eq"), {f->id, 2, 5}, true, 3};
  x->result_name_count = 2;
  x->result_names = TX_ARENA_ARRAY(a, TxStr, 2);
  x->result_names[0] = tx_str("error");
  x->result_names[1] = tx_str("data");
  x->parallel_group = 3;
  x->span = (TxSpan){f->id, 1, 9};
  x->op_span = (TxSpan){f->id, 3, 6};
  x->fn = 0;
  x->client_import = TX_NONE;
  x->client_kind = TX_CLIENT_SERVICE; // round-trips like every other field
  x->client_kind_import = TX_NONE;
  x->name_import = 1; // the import below, + 1
  x->name_member = tx_str("LOANS");
  f->const_string_count = 1;
  f->const_strings = TX_ARENA_ARRAY(a, TxConstString, 1);
  f->const_strings[0] = (TxConstString){tx_str("TABLES.LOANS"), tx_str("loans")};
  x->table_param = 2; // the builders' fields (--dump-facts prints them) round-trip too
  x->base_param = 1;
  x->passed_arg = 4;
  x->returned = x->partial = true;
  uint32_t *idx = TX_ARENA_ARRAY(a, uint32_t, 1);
  idx[0] = 0;
  f->functions[0].facts = idx;
  f->functions[0].fact_count = 1;
  // entry -> test(error) -> exit, and a back edge exit -> test.
  TxCfg *g = TX_ARENA_NEW(a, TxCfg);
  g->node_count = 3;
  g->nodes = TX_ARENA_ARRAY(a, TxCfgNode, 3);
  g->nodes[0] = (TxCfgNode){TX_CFG_ENTRY, 0, 0, 0, 1, 0, false, false};
  g->nodes[1] = (TxCfgNode){TX_CFG_TEST, 0, 1, 1, 1, 4, true, true};
  g->nodes[2] = (TxCfgNode){TX_CFG_EXIT, 0, 0, 2, 1, 10, false, false};
  g->edge_count = 3;
  g->edges = TX_ARENA_ARRAY(a, uint32_t, 3);
  g->edges[0] = 1;
  g->edges[1] = 2;
  g->edges[2] = 1;
  g->name_count = 1;
  g->names = TX_ARENA_ARRAY(a, TxStr, 1);
  g->names[0] = tx_str("error");
  f->functions[0].cfg = g;
  f->import_count = 1;
  f->imports = TX_ARENA_ARRAY(a, TxImport, 1);
  f->imports[0] = (TxImport){tx_str("db"), tx_str("default"), tx_str("./db"), {f->id, 0, 2}};
  f->notice_count = 1;
  f->notices = TX_ARENA_ARRAY(a, TxNotice, 1);
  f->notices[0] =
      (TxNotice){TX_NOTICE_ERROR, tx_str("parse-error"), tx_str("bad"), {f->id, 1, 2}, true};
}

static void test_cache_round_trips_every_field_kind(void **state) {
  (void)state;
  TxConfig cfg;
  tx_config_defaults(&cfg);
  TxProgram *p = tx_program_new(&cfg);
  TxFile *f = add_text(p, "a.ts", "0123456789abcdef");
  fill_by_hand(f);
  char *before = dump(p);
  unsigned char *blob;
  size_t len;
  tx_cache_encode_file(f, &blob, &len);
  TxProgram *q = tx_program_new(&cfg);
  TxFile *g = add_text(q, "a.ts", "0123456789abcdef");
  assert_true(tx_cache_decode_file(g, blob, len));
  char *after = dump(q);
  assert_string_equal(before, after);
  assert_true(g->facts[0].filters[0].conditional);
  assert_true(g->functions[0].cfg->nodes[1].negated);
  assert_true(g->functions[0].cfg->nodes[1].else_next);
  assert_int_equal(g->facts[0].span.file, g->id);
  // Not in the dump: the imported constant naming the table, and the exported constants.
  assert_int_equal(g->facts[0].name_import, 1);
  assert_true(tx_str_eq_c(g->facts[0].name_member, "LOANS"));
  assert_int_equal(g->const_string_count, 1);
  assert_true(tx_str_eq_c(g->const_strings[0].name, "TABLES.LOANS"));
  assert_true(tx_str_eq_c(g->const_strings[0].value, "loans"));
  free(before);
  free(after);
  free(blob);
  tx_program_free(p);
  tx_program_free(q);
  tx_config_fini(&cfg);
}

static void test_cache_rejects_corrupt_buffers(void **state) {
  (void)state;
  TxConfig cfg;
  tx_config_defaults(&cfg);
  TxProgram *p = tx_program_new(&cfg);
  TxFile *f = add_text(p, "a.ts", "0123456789abcdef");
  fill_by_hand(f);
  unsigned char *blob;
  size_t len;
  tx_cache_encode_file(f, &blob, &len);
  TxProgram *q = tx_program_new(&cfg);
  TxFile *g = add_text(q, "a.ts", "0123456789abcdef");
  // Every truncation fails, and leaves the file untouched.
  for (size_t n = 0; n < len; n++) {
    assert_false(tx_cache_decode_file(g, blob, n));
    assert_int_equal(g->fact_count, 0);
  }
  // Flipped bytes either decode to something in bounds or fail; they never crash (ASan).
  unsigned rejected = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char saved = blob[i];
    blob[i] ^= 0xA5;
    rejected += !tx_cache_decode_file(g, blob, len);
    blob[i] = saved;
    g->fact_count = 0;
    g->function_count = g->call_count = g->import_count = g->notice_count = 0;
  }
  assert_true(rejected > 0);
  // An out-of-range index is refused even when the bytes are well formed: in a CFG edge,
  // a CFG name range, a fact's function.
  f->functions[0].cfg->edges[2] = 3;
  free(blob);
  tx_cache_encode_file(f, &blob, &len);
  assert_false(tx_cache_decode_file(g, blob, len));
  f->functions[0].cfg->edges[2] = 1;
  f->functions[0].cfg->nodes[1].ref_count = 2;
  free(blob);
  tx_cache_encode_file(f, &blob, &len);
  assert_false(tx_cache_decode_file(g, blob, len));
  f->functions[0].cfg->nodes[1].ref_count = 1;
  free(blob);
  tx_cache_encode_file(f, &blob, &len);
  assert_true(tx_cache_decode_file(g, blob, len));
  f->facts[0].fn = 7;
  free(blob);
  tx_cache_encode_file(f, &blob, &len);
  assert_false(tx_cache_decode_file(g, blob, len));
  f->facts[0].fn = 0;
  f->facts[0].base_call = f->call_count + 1; // a call the file does not have
  free(blob);
  tx_cache_encode_file(f, &blob, &len);
  assert_false(tx_cache_decode_file(g, blob, len));
  free(blob);
  tx_program_free(p);
  tx_program_free(q);
  tx_config_fini(&cfg);
}

static void extract(TxProgram *p) {
  TxTsParser *ts = tx_ts_parser_new();
  for (uint32_t i = 0; i < p->file_count; i++) {
    tx_extract_file(ts, p->files[i], p->config);
  }
  tx_ts_parser_free(ts);
}

static char *slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  size_t got = fread(buf, 1, (size_t)n, f);
  buf[got] = '\0';
  fclose(f);
  return buf;
}

// Adds every source file below `dir` (iteratively, a stack of folder names).
static void add_tree(TxProgram *p, const char *dir) {
  char *stack[256];
  int top = 0;
  stack[top++] = strdup(dir);
  while (top > 0) {
    char *d = stack[--top];
    DIR *h = opendir(d);
    struct dirent *de;
    while (h && (de = readdir(h)) != NULL) {
      if (de->d_name[0] == '.')
        continue;
      char path[4096];
      snprintf(path, sizeof path, "%s/%s", d, de->d_name);
      struct stat st;
      if (stat(path, &st) != 0)
        continue;
      if (S_ISDIR(st.st_mode) && top < 256) {
        stack[top++] = strdup(path);
      } else if (S_ISREG(st.st_mode) && tx_source_lang_of(path) != TX_LANG_NONE &&
                 st.st_size < 1000000) {
        char *text = slurp(path);
        if (text && !memchr(text, '\0', (size_t)st.st_size))
          add_text(p, path, text);
        free(text);
      }
    }
    if (h)
      closedir(h);
    free(d);
  }
}

static void test_cache_round_trips_testdata(void **state) {
  (void)state;
  TxConfig cfg;
  tx_config_defaults(&cfg);
  TxProgram *p = tx_program_new(&cfg);
  add_tree(p, TX_SOURCE_DIR "/testdata");
  assert_true(p->file_count > 0);
  extract(p);
  char *before = dump(p);
  TxProgram *q = tx_program_new(&cfg);
  for (uint32_t i = 0; i < p->file_count; i++) {
    const TxFile *f = p->files[i];
    unsigned char *blob;
    size_t len;
    tx_cache_encode_file(f, &blob, &len);
    TxFile *g = add_text(q, f->src.path.ptr, f->src.text);
    assert_true(tx_cache_decode_file(g, blob, len));
    free(blob);
  }
  char *after = dump(q);
  assert_string_equal(before, after);
  free(before);
  free(after);
  tx_program_free(p);
  tx_program_free(q);
  tx_sql_thread_exit();
  tx_config_fini(&cfg);
}

static void test_cache_pack_is_reused_and_corrupt_pack_ignored(void **state) {
  (void)state;
  char dir[] = "/tmp/txlint-cache-test-XXXXXX";
  assert_non_null(mkdtemp(dir));
  TxConfig cfg;
  tx_config_defaults(&cfg);
  TxProgram *p = tx_program_new(&cfg);
  TxFile *f = add_text(p, "a.ts", "0123456789abcdef");
  fill_by_hand(f);
  TxCache *c = tx_cache_open(dir, &cfg, p->file_count);
  tx_cache_put(c, f);
  const char *why = NULL;
  assert_true(tx_cache_save(c, p, &why));
  tx_cache_free(c);

  TxProgram *q = tx_program_new(&cfg);
  TxFile *g = add_text(q, "a.ts", "0123456789abcdef");
  TxFile *h = add_text(q, "b.ts", "other");
  c = tx_cache_open(dir, &cfg, q->file_count);
  assert_true(tx_cache_load(c, g));
  assert_int_equal(g->fact_count, 1);
  assert_false(tx_cache_load(c, h)); // not in the pack
  tx_cache_free(c);

  // Extraction pruned for other rule reads: a miss, the key covers them.
  TxConfig narrower = cfg; // shallow: shares cfg's lists, not freed on its own
  narrower.rule_reads = TX_READS_DB_CALLS;
  TxProgram *o = tx_program_new(&narrower);
  TxFile *same = add_text(o, "a.ts", "0123456789abcdef");
  c = tx_cache_open(dir, &narrower, o->file_count);
  assert_false(tx_cache_load(c, same));
  tx_cache_free(c);
  tx_program_free(o);

  // Same path, changed content: a miss.
  TxProgram *r = tx_program_new(&cfg);
  TxFile *changed = add_text(r, "a.ts", "0123456789abcdeX");
  c = tx_cache_open(dir, &cfg, r->file_count);
  assert_false(tx_cache_load(c, changed));
  tx_cache_free(c);

  // A garbage pack is ignored.
  char pack[512] = "";
  DIR *d = opendir(dir); // the pack's name carries the format version: whichever it is
  assert_non_null(d);
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    if (strncmp(e->d_name, "pack-v", 6) == 0)
      snprintf(pack, sizeof pack, "%s/%s", dir, e->d_name);
  }
  closedir(d);
  assert_true(pack[0] != '\0');
  FILE *out = fopen(pack, "r+b");
  assert_non_null(out);
  fseek(out, 30, SEEK_SET);
  fputs("garbage garbage garbage", out);
  fclose(out);
  TxProgram *s = tx_program_new(&cfg);
  TxFile *again = add_text(s, "a.ts", "0123456789abcdef");
  c = tx_cache_open(dir, &cfg, s->file_count);
  assert_false(tx_cache_load(c, again));
  tx_cache_free(c);

  unlink(pack);
  char gi[512];
  snprintf(gi, sizeof gi, "%s/.gitignore", dir);
  unlink(gi);
  rmdir(dir);
  tx_program_free(p);
  tx_program_free(q);
  tx_program_free(r);
  tx_program_free(s);
  tx_config_fini(&cfg);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cache_round_trips_every_field_kind),
      cmocka_unit_test(test_cache_rejects_corrupt_buffers),
      cmocka_unit_test(test_cache_round_trips_testdata),
      cmocka_unit_test(test_cache_pack_is_reused_and_corrupt_pack_ignored),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
