// test_source.c: reading files from hostile places and the per-file time budget.
//   - a file listed by the directory walk and removed before the driver reads it gives an
//     `io-error` notice (error level: exit 2) and no text; the other files still load;
//   - a FIFO swapped in for a listed file is refused without blocking;
//   - a file over time_budget_ms (TypeScript: tree-sitter's timeout; SQL: the deadline
//     between statements) is skipped with a `limit` notice naming it, its facts and its
//     suppressions dropped, and marked uncacheable; with a large budget the same file yields
//     its facts; the TypeScript parser is usable again after a timeout.
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
#include "source/walk.h"

static char dir[64];

static int setup(void **state) {
  (void)state;
  snprintf(dir, sizeof dir, "/tmp/txlint-source-XXXXXX");
  return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  return system(cmd) == 0 ? 0 : -1;
}

static void write_file(const char *name, const char *text) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
}

static const TxNotice *find_notice(const TxFile *f, const char *id) {
  for (uint32_t i = 0; i < f->notice_count; i++) {
    if (tx_str_eq_c(f->notices[i].id, id))
      return &f->notices[i];
  }
  return NULL;
}

// Lists the folder, then lets `between` change it, then loads every listed file.
static TxProgram *list_then_load(TxConfig *cfg, void (*between)(void)) {
  tx_config_defaults(cfg);
  static const char *paths[1];
  paths[0] = dir;
  cfg->paths = paths;
  cfg->path_count = 1;
  cfg->root = dir;
  TxWalk w = {0};
  tx_walk_collect(&w, cfg);
  assert_int_equal(w.errors.count, 0);
  TxProgram *p = tx_program_new(cfg);
  for (uint32_t i = 0; i < w.files.count; i++)
    tx_program_add_file(p, tx_str(w.files.items[i].rel_path), tx_str(w.files.items[i].abs_path),
                        tx_source_lang_of(w.files.items[i].abs_path));
  between();
  for (uint32_t i = 0; i < p->file_count; i++)
    tx_load_file(p, p->files[i]);
  tx_walk_fini(&w); // the program copied the paths
  return p;
}

static void remove_b(void) {
  char path[256];
  snprintf(path, sizeof path, "%s/b.ts", dir);
  assert_int_equal(unlink(path), 0);
}

static void fifo_for_b(void) {
  char path[256];
  snprintf(path, sizeof path, "%s/b.ts", dir);
  assert_int_equal(unlink(path), 0);
  assert_int_equal(mkfifo(path, 0600), 0);
}

static void check_b_refused(TxProgram *p, const char *why) {
  assert_int_equal(p->file_count, 3);
  const TxFile *b = p->files[1];
  assert_true(tx_str_eq_c(b->src.path, "b.ts"));
  const TxNotice *n = find_notice(b, "io-error");
  assert_non_null(n);
  assert_int_equal(n->level, TX_NOTICE_ERROR);
  if (!memmem(n->message.ptr, n->message.len, why, strlen(why)))
    fail_msg("notice '%.*s' does not say '%s'", TX_STR_ARG(n->message), why);
  assert_int_equal(b->src.len, 0);
  assert_int_equal(p->files[0]->src.len, 12); // a.ts and c.ts still read
  assert_int_equal(p->files[2]->src.len, 12);
  assert_null(find_notice(p->files[0], "io-error"));
}

static void test_file_vanishing_after_listing_is_an_io_error(void **state) {
  (void)state;
  write_file("a.ts", "const a = 1;");
  write_file("b.ts", "const b = 1;");
  write_file("c.ts", "const c = 1;");
  TxConfig cfg;
  TxProgram *p = list_then_load(&cfg, remove_b);
  check_b_refused(p, "no such file");
  tx_program_free(p);
  tx_config_fini(&cfg);
}

static void no_change(void) {}

// After extraction the text is dropped; positions and lines read it back. A file that
// changed since it was analysed is not read back: columns count bytes, lines are empty.
static void test_dropped_text_is_read_back_or_not_at_all(void **state) {
  (void)state;
  write_file("a.ts", "const \xC3\xA9 = 1;\nfoo(\xC3\xA9);\n");
  write_file("b.ts", "const \xC3\xA9 = 2;\nfoo(\xC3\xA9);\n");
  TxConfig cfg;
  TxProgram *p = list_then_load(&cfg, no_change);
  TxFile *a = p->files[0], *b = p->files[1];
  uint32_t at = 20; // the ')' after the second line's U+00E9: UTF-16 column 6, byte column 7
  TxPos before = tx_source_pos(&a->src, at);
  assert_int_equal(before.line, 2);
  assert_int_equal(before.col, 6);
  assert_int_equal(before.byte_col, 7);
  tx_source_drop_text(&a->src);
  tx_source_drop_text(&b->src);
  assert_null(a->src.text);
  TxPos after = tx_source_pos(&a->src, at);
  assert_int_equal(after.col, before.col);
  TxStr line = tx_source_line(&a->src, 2);
  assert_true(tx_str_eq_c(line, "foo(\xC3\xA9);"));

  write_file("b.ts", "const \xC3\xA9 = 3;\nfoo(\xC3\xA9);\n"); // same length, changed
  TxPos changed = tx_source_pos(&b->src, at);
  assert_int_equal(changed.line, 2);
  assert_int_equal(changed.col, changed.byte_col);
  assert_int_equal(tx_source_line(&b->src, 2).len, 0);
  assert_null(tx_source_text(&b->src));
  tx_program_free(p);
  tx_config_fini(&cfg);
}

static void test_fifo_swapped_in_after_listing_does_not_block(void **state) {
  (void)state;
  write_file("a.ts", "const a = 1;");
  write_file("b.ts", "const b = 1;");
  write_file("c.ts", "const c = 1;");
  TxConfig cfg;
  TxProgram *p = list_then_load(&cfg, fifo_for_b); // would hang here if open() blocked
  check_b_refused(p, "not a regular file");
  tx_program_free(p);
  tx_config_fini(&cfg);
}

#define CLIENT                                                                                     \
  "import { createClient } from '@supabase/supabase-js';\nconst db = createClient('u', 'k');\n"

// `head` then `count` copies of `unit`, in one string (heap).
static char *repeat(const char *head, const char *unit, size_t count) {
  size_t h = strlen(head), n = strlen(unit);
  char *s = malloc(h + n * count + 1);
  assert_non_null(s);
  memcpy(s, head, h);
  for (size_t i = 0; i < count; i++)
    memcpy(s + h + i * n, unit, n);
  s[h + n * count] = '\0';
  return s;
}

static TxFile *add_text(TxProgram *p, const char *path, const char *text) {
  TxFile *f = tx_program_add_file(p, tx_str(path), tx_str(path), tx_source_lang_of(path));
  f->src.text = tx_arena_str(&f->arena, text, strlen(text)).ptr;
  f->src.len = (uint32_t)strlen(text);
  tx_source_index_lines(&f->src, &f->arena);
  return f;
}

// Extracts `text` as file `path` with the given budget; returns whether it ran over.
static bool extract_with_budget(const char *path, const char *text, uint32_t budget_ms,
                                uint32_t *facts) {
  TxConfig cfg;
  tx_config_defaults(&cfg);
  cfg.root = "/t";
  cfg.time_budget_ms = budget_ms;
  TxProgram *p = tx_program_new(&cfg);
  TxFile *f = add_text(p, path, text);
  TxTsParser *ts = tx_ts_parser_new();
  tx_extract_file(ts, f, &cfg);
  bool over = f->uncacheable;
  *facts = f->fact_count;
  const TxNotice *n = find_notice(f, "limit");
  if (over) {
    assert_non_null(n);
    assert_int_equal(f->function_count, 0);
    assert_int_equal(f->suppression_count, 0);
    assert_true(f->sql == NULL || f->sql->op_count == 0);
    if (!memmem(n->message.ptr, n->message.len, path, strlen(path)) ||
        !memmem(n->message.ptr, n->message.len, "time budget", 11))
      fail_msg("limit notice '%.*s' must name the file and the budget", TX_STR_ARG(n->message));
  } else {
    assert_null(n);
  }
  // The parser stays usable after a timeout: a small file parses in full afterwards.
  TxFile *g = add_text(p, "small.ts", CLIENT "db.from('t').delete().eq('id', 1);\n");
  cfg.time_budget_ms = 1000;
  tx_extract_file(ts, g, &cfg);
  assert_false(g->uncacheable);
  assert_int_equal(g->fact_count, 1);
  tx_ts_parser_free(ts);
  tx_program_free(p);
  tx_config_fini(&cfg);
  return over;
}

static void test_typescript_over_budget_is_skipped(void **state) {
  (void)state;
  char *text = repeat(
      CLIENT, "export async function f(){ await db.from('t').delete().eq('id', 1); }\n", 40000);
  uint32_t facts = 0;
  assert_true(extract_with_budget("big.ts", text, 1, &facts));
  assert_int_equal(facts, 0);
  assert_false(extract_with_budget("big.ts", text, 600000, &facts));
  assert_int_equal(facts, 40000);
  free(text);
}

static void test_sql_over_budget_is_skipped(void **state) {
  (void)state;
  char *text =
      repeat("-- txlint-ignore tenant-filter -- fixture\n", "delete from t where id = 1;\n", 60000);
  uint32_t facts = 0;
  assert_true(extract_with_budget("m.sql", text, 1, &facts));
  assert_int_equal(facts, 0);
  assert_false(extract_with_budget("m.sql", text, 600000, &facts));
  assert_int_equal(facts, 60000);
  free(text);
}

// Columns from the UTF-16 checkpoints agree with a plain count from the line start, for
// multi-byte characters straddling block boundaries, on later lines and after a BOM.
// Line ends of every kind, in an ASCII text (byte columns, no checkpoints) and in the same
// text with one non-ASCII character (UTF-16 columns).
static void test_lines_and_columns_ascii_and_not(void **state) {
  (void)state;
  TxArena a;
  tx_arena_init(&a);
  TxSource src;
  memset(&src, 0, sizeof src);
  src.text = "ab\ncd\r\nef\rgh\n";
  src.len = (uint32_t)strlen(src.text);
  tx_source_index_lines(&src, &a);
  assert_true(src.ascii);
  assert_int_equal(src.line_count, 5);
  TxPos d = tx_source_pos(&src, 4); // 'd'
  assert_int_equal(d.line, 2);
  assert_int_equal(d.col, 2);
  TxPos g = tx_source_pos(&src, 10); // 'g' after a lone CR
  assert_int_equal(g.line, 4);
  assert_int_equal(g.col, 1);
  assert_true(tx_str_eq_c(tx_source_line(&src, 2), "cd"));

  TxSource u;
  memset(&u, 0, sizeof u);
  u.text = "ab\ncd\r\n\xC3\xA9"
           "f\rgh\n";
  u.len = (uint32_t)strlen(u.text);
  tx_source_index_lines(&u, &a);
  assert_false(u.ascii);
  TxPos f = tx_source_pos(&u, 9); // 'f' after U+00E9: UTF-16 column 2, byte column 3
  assert_int_equal(f.line, 3);
  assert_int_equal(f.col, 2);
  assert_int_equal(f.byte_col, 3);
  TxPos h = tx_source_pos(&u, 12); // 'h'
  assert_int_equal(h.line, 4);
  assert_int_equal(h.col, 2);
  tx_arena_fini(&a);
}

static void test_columns_on_long_lines(void **state) {
  (void)state;
  TxArena a;
  tx_arena_init(&a);
  static const char *const pieces[] = {"a", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\n"};
  size_t cap = 3 * TX_UTF16_BLOCK + 1000;
  char *text = tx_arena_alloc(&a, cap + 8);
  size_t len = 0;
  memcpy(text, "\xEF\xBB\xBF", 3);
  len = 3;
  for (uint32_t i = 0; len + 4 < cap; i++) {
    // mostly one long first line; a line break every 5000th piece
    const char *piece = pieces[(i * 7) % 4];
    if (i % 5000 == 4999)
      piece = pieces[4];
    memcpy(text + len, piece, strlen(piece));
    len += strlen(piece);
  }
  text[len] = '\0';
  TxSource src;
  memset(&src, 0, sizeof src);
  src.text = text;
  src.len = (uint32_t)len;
  tx_source_index_lines(&src, &a);
  assert_non_null(src.utf16_blocks);
  uint32_t line = 1, col = 1; // expected, counted naively
  for (uint32_t off = 3; off <= src.len; off++) {
    unsigned char c = off < src.len ? (unsigned char)text[off] : 0;
    if (off == src.len || (c & 0xC0) != 0x80) { // a character starts here
      TxPos p = tx_source_pos(&src, off);
      if (p.line != line || p.col != col)
        fail_msg("offset %u: got %u:%u, want %u:%u", off, p.line, p.col, line, col);
    }
    if (off == src.len)
      break;
    if (c == '\n') {
      line++;
      col = 1;
    } else if ((c & 0xC0) != 0x80) {
      col += c >= 0xF0 ? 2 : 1;
    }
  }
  TxSource plain = src; // without checkpoints: the same answers
  plain.utf16_blocks = NULL;
  for (uint32_t off = 0; off <= src.len; off += 997) {
    TxPos p = tx_source_pos(&src, off), q = tx_source_pos(&plain, off);
    assert_int_equal(p.line, q.line);
    assert_int_equal(p.col, q.col);
  }
  tx_arena_fini(&a);
}

// UTF-16 with a mark decodes (LE and BE, surrogate pairs); unpaired surrogates and an odd
// final byte become U+FFFD; no mark, no decoding.
static TxUtf16 decode(const char *bytes, uint32_t n, char **out, uint32_t *len) {
  *out = tx_xmalloc(n + 1);
  memcpy(*out, bytes, n);
  (*out)[n] = '\0';
  *len = n;
  return tx_source_decode_utf16(out, len);
}

static void test_utf16_with_a_mark_is_decoded(void **state) {
  (void)state;
  char *t;
  uint32_t n;
  // "a\u00e9\U0001F600\n" little-endian, then big-endian.
  assert_int_equal(decode("\xff\xfe"
                          "a\0\xe9\0\x3d\xd8\x00\xde\n\0",
                          12, &t, &n),
                   TX_UTF16_DECODED);
  assert_int_equal(n, 8);
  assert_memory_equal(t, "a\xc3\xa9\xf0\x9f\x98\x80\n", 8);
  free(t);
  assert_int_equal(decode("\xfe\xff"
                          "\0a\0\xe9\xd8\x3d\xde\x00\0\n",
                          12, &t, &n),
                   TX_UTF16_DECODED);
  assert_memory_equal(t, "a\xc3\xa9\xf0\x9f\x98\x80\n", 8);
  free(t);
  // A lone high surrogate, a lone low one, then an odd final byte.
  assert_int_equal(decode("\xff\xfe"
                          "\x00\xd8"
                          "b\0"
                          "\x00\xdc"
                          "c\0"
                          "d",
                          11, &t, &n),
                   TX_UTF16_INVALID);
  assert_int_equal(n, 11);
  assert_memory_equal(t,
                      "\xef\xbf\xbd"
                      "b"
                      "\xef\xbf\xbd"
                      "c"
                      "\xef\xbf\xbd",
                      11);
  free(t);
  // No mark (or a UTF-8 one): untouched.
  assert_int_equal(decode("a\0b\0", 4, &t, &n), TX_UTF16_NONE);
  assert_int_equal(n, 4);
  free(t);
  assert_int_equal(decode("\xef\xbb\xbf"
                          "ab",
                          5, &t, &n),
                   TX_UTF16_NONE);
  free(t);
  assert_int_equal(decode("\xff\xfe", 2, &t, &n), TX_UTF16_DECODED); // just the mark
  assert_int_equal(n, 0);
  free(t);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_file_vanishing_after_listing_is_an_io_error, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_fifo_swapped_in_after_listing_does_not_block, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(test_dropped_text_is_read_back_or_not_at_all, setup,
                                      teardown),
      cmocka_unit_test(test_typescript_over_budget_is_skipped),
      cmocka_unit_test(test_sql_over_budget_is_skipped),
      cmocka_unit_test(test_lines_and_columns_ascii_and_not),
      cmocka_unit_test(test_columns_on_long_lines),
      cmocka_unit_test(test_utf16_with_a_mark_is_decoded),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  tx_shutdown();
  return rc;
}
