// test_base.c: unit tests for base/ (arena, strings, glob) and source/ (line index,
// UTF-16 columns, UTF-8 validation).
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "base/arena.h"
#include "base/str.h"
#include "source/source.h"

static void test_arena_grows_past_first_block(void **state) {
  (void)state;
  TxArena a;
  tx_arena_init(&a);
  char *small = tx_arena_alloc(&a, 10);
  char *big = tx_arena_alloc(&a, 200000);
  char *after = tx_arena_alloc(&a, 10);
  big[199999] = 'x';
  small[0] = after[0] = 'y';
  assert_true(a.reserved >= 200000);
  // The small allocation after the big one still comes from the first block.
  assert_true(after - small > 0 && after - small < 64 * 1024);
  tx_arena_fini(&a);
  assert_null(a.head);
}

static void test_arena_zeroes_and_copies(void **state) {
  (void)state;
  TxArena a;
  tx_arena_init(&a);
  unsigned char *p = tx_arena_alloc(&a, 64);
  for (int i = 0; i < 64; i++)
    assert_int_equal(p[i], 0);
  TxStr s = tx_arena_str(&a, "hello world", 5);
  assert_int_equal(s.len, 5);
  assert_string_equal(s.ptr, "hello");
  TxStr f = tx_arena_printf(&a, "%s-%d", "x", 42);
  assert_string_equal(f.ptr, "x-42");
  tx_arena_fini(&a);
}

// Rewinding frees what came after the mark, in every shape new_block() links blocks (a new
// head, a big block put second, both), keeps what came before, and can be repeated: the
// language server rewinds the same mark once per analysis (ASan reports a leak or a double
// free here).
static void test_arena_rewinds_to_a_mark(void **state) {
  (void)state;
  TxArena a;
  tx_arena_init(&a);
  TxArenaMark empty = tx_arena_mark(&a);
  (void)tx_arena_alloc(&a, 100);
  tx_arena_rewind(&a, empty);
  assert_null(a.head);
  assert_int_equal(a.used, 0);
  TxStr kept = tx_arena_str(&a, "kept", 4);
  (void)tx_arena_alloc(&a, 300000); // a block of its own, second
  TxArenaMark m = tx_arena_mark(&a);
  size_t used = a.used, reserved = a.reserved;
  for (int round = 0; round < 3; round++) {
    (void)tx_arena_alloc(&a, 10);
    (void)tx_arena_alloc(&a, 500000); // put after the marked head
    for (int i = 0; i < 40; i++)
      (void)tx_arena_alloc(&a, 4000); // new heads
    (void)tx_arena_alloc(&a, 700000); // put after a newer head
    assert_true(a.used > used);
    tx_arena_rewind(&a, m);
    assert_int_equal(a.used, used);
    assert_int_equal(a.reserved, reserved);
    assert_string_equal(kept.ptr, "kept");
  }
  char *again = tx_arena_alloc(&a, 8);
  assert_true(again != NULL);
  tx_arena_fini(&a);
}

static void test_str_glob_matches_patterns(void **state) {
  (void)state;
  assert_true(tx_str_glob_str(tx_str("*.send"), tx_str("channel.send")));
  assert_true(tx_str_glob_str(tx_str("stripe.*.create"), tx_str("stripe.refunds.create")));
  assert_true(tx_str_glob_str(tx_str("fetch"), tx_str("fetch")));
  assert_false(tx_str_glob_str(tx_str("fetch"), tx_str("prefetch")));
  assert_false(tx_str_glob_str(tx_str("*.send"), tx_str("sender")));
  assert_true(tx_str_glob_str(tx_str("*"), tx_str("")));
  assert_true(tx_str_glob_str(tx_str("send?"), tx_str("sendX")));
  assert_false(tx_str_glob_str(tx_str("send?"), tx_str("send")));
}

static void test_str_contains_nocase(void **state) {
  (void)state;
  assert_true(tx_str_contains_nocase(tx_str("app/api/Webhooks/stripe"), "webhook"));
  assert_true(tx_str_contains_nocase(tx_str("stripeWebhook.ts"), "webhook"));
  assert_true(tx_str_contains_nocase(tx_str("X-Vapi-Signature"), "signature"));
  assert_false(tx_str_contains_nocase(tx_str("web-hook"), "webhook"));
  assert_false(tx_str_contains_nocase(tx_str("hook"), "webhook"));
  assert_true(tx_str_contains_nocase(tx_str(""), ""));
}

static TxSource make_source(TxArena *a, const char *text) {
  TxSource s = {0};
  s.text = text;
  s.len = (uint32_t)strlen(text);
  tx_source_index_lines(&s, a);
  return s;
}

static void test_source_lines_for_lf_crlf_and_cr(void **state) {
  (void)state;
  TxArena a;
  tx_arena_init(&a);
  TxSource s = make_source(&a, "a\nbb\r\nccc\rd");
  assert_int_equal(s.line_count, 4);
  TxPos p = tx_source_pos(&s, 6); // 'c' at the start of line 3
  assert_int_equal(p.line, 3);
  assert_int_equal(p.col, 1);
  p = tx_source_pos(&s, 10); // 'd'
  assert_int_equal(p.line, 4);
  TxStr l2 = tx_source_line(&s, 2);
  assert_int_equal(l2.len, 2);
  tx_arena_fini(&a);
}

static void test_source_columns_count_utf16_units(void **state) {
  (void)state;
  TxArena a;
  tx_arena_init(&a);
  // "é" is 2 bytes / 1 unit, "😀" 4 bytes / 2 units.
  TxSource s = make_source(&a, "\xC3\xA9\xF0\x9F\x98\x80x");
  TxPos p = tx_source_pos(&s, 6);
  assert_int_equal(p.col, 4);
  assert_int_equal(p.byte_col, 7);
  // A BOM is not a column.
  TxSource b = make_source(&a, "\xEF\xBB\xBFx");
  assert_int_equal(tx_source_pos(&b, 3).col, 1);
  tx_arena_fini(&a);
}

static void test_utf8_validation(void **state) {
  (void)state;
  assert_true(tx_utf8_valid("plain", 5));
  assert_true(tx_utf8_valid("\xC3\xA9", 2));
  assert_false(tx_utf8_valid("\xC3", 1));
  assert_false(tx_utf8_valid("\xFF", 1));
  assert_false(tx_utf8_valid("\xED\xA0\x80", 3)); // surrogate
  assert_false(tx_utf8_valid("\xC0\xAF", 2));     // overlong
}

static void test_lang_from_extension(void **state) {
  (void)state;
  assert_int_equal(tx_source_lang_of("a/b.ts"), TX_LANG_TS);
  assert_int_equal(tx_source_lang_of("a/b.d.ts"), TX_LANG_NONE);
  assert_int_equal(tx_source_lang_of("x.tsx"), TX_LANG_TSX);
  assert_int_equal(tx_source_lang_of("x.mjs"), TX_LANG_JS);
  assert_int_equal(tx_source_lang_of("m/001_init.sql"), TX_LANG_SQL);
  assert_int_equal(tx_source_lang_of("dir.ts/readme"), TX_LANG_NONE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_arena_grows_past_first_block),
      cmocka_unit_test(test_arena_zeroes_and_copies),
      cmocka_unit_test(test_arena_rewinds_to_a_mark),
      cmocka_unit_test(test_str_glob_matches_patterns),
      cmocka_unit_test(test_str_contains_nocase),
      cmocka_unit_test(test_source_lines_for_lf_crlf_and_cr),
      cmocka_unit_test(test_source_columns_count_utf16_units),
      cmocka_unit_test(test_utf8_validation),
      cmocka_unit_test(test_lang_from_extension),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
