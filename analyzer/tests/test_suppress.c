// test_suppress.c: the line a suppression comment covers (tx_suppression_line), the one rule
// both front ends use:
//   - a comment after code covers its own line; one alone on its line the next line with
//     code, passing over blank lines and lines holding only a comment of the language;
//   - white space is ' ', \t, \n, \r, \f, \v (a form feed before the comment or on a line of
//     its own is not code); CRLF and a lone CR end a line;
//   - a block comment followed by code on its line covers that line; a comment at the end
//     of the file covers the last line; offsets past the text are clamped.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "ir/suppress.h"

// The line covered by the comment that starts at the first `marker` in `text` and ends at the
// end of its line (or at the end of `marker` when `to_marker_end`).
static uint32_t covered(const char *text, const char *marker, const char *line_comment,
                        bool to_marker_end) {
  TxArena a;
  tx_arena_init(&a);
  TxSource src;
  memset(&src, 0, sizeof src);
  src.text = text;
  src.len = (uint32_t)strlen(text);
  src.ascii = true;
  tx_source_index_lines(&src, &a);
  const char *at = strstr(text, marker);
  assert_non_null(at);
  uint32_t start = (uint32_t)(at - text), end = start + (uint32_t)strlen(marker);
  while (!to_marker_end && end < src.len && text[end] != '\n' && text[end] != '\r')
    end++;
  uint32_t line = tx_suppression_line(&src, start, end, line_comment);
  tx_arena_fini(&a);
  return line;
}

static void test_trailing_covers_own_line(void **state) {
  (void)state;
  assert_int_equal(covered("a();\nb(); // txlint-ignore r -- x\nc();\n", "// txlint", "//", false),
                   2);
  assert_int_equal(
      covered("select 1;\nselect 2; -- txlint-ignore r -- x\n", "-- txlint", "--", false), 2);
}

static void test_alone_covers_next_code_line(void **state) {
  (void)state;
  const char *ts = "  // txlint-ignore r -- x\n\n  // another comment\n\t\n  code();\n";
  assert_int_equal(covered(ts, "// txlint", "//", false), 5);
  const char *sql = "-- txlint-ignore r -- x\n-- more\n\ndelete from t;\n";
  assert_int_equal(covered(sql, "-- txlint", "--", false), 4);
  // The other language's comment marker is code.
  assert_int_equal(covered("-- txlint-ignore r -- x\n// no\nx;\n", "-- txlint", "--", false), 2);
}

static void test_form_feed_and_vertical_tab_are_blank(void **state) {
  (void)state;
  assert_int_equal(
      covered("x;\n\f  -- txlint-ignore r -- x\ndelete from t;\n", "-- txlint", "--", false), 3);
  assert_int_equal(
      covered("-- txlint-ignore r -- x\n\f\n\v\ndelete from t;\n", "-- txlint", "--", false), 4);
  assert_int_equal(covered("\v// txlint-ignore r -- x\ncode();\n", "// txlint", "//", false), 2);
}

static void test_line_ends(void **state) {
  (void)state;
  // Lone CR: the comment line between the suppression and its code ends at its CR.
  assert_int_equal(
      covered("-- txlint-ignore r -- x\r-- more\rdelete from t;\r", "-- txlint", "--", false), 3);
  assert_int_equal(
      covered("a;\r\n// txlint-ignore r -- x\r\n// more\r\n\r\nb();\r\n", "// txlint", "//", false),
      5);
  assert_int_equal(covered("a;\rb(); // txlint-ignore r -- x\rc();\r", "// txlint", "//", false),
                   2);
}

static void test_block_comment_and_ends(void **state) {
  (void)state;
  // /* ... */ followed by code on its own line covers that line.
  assert_int_equal(
      covered("a();\n/* txlint-ignore r -- x */ b();\n", "/* txlint-ignore r -- x */", "//", true),
      2);
  // At the end of the file: the last line.
  assert_int_equal(covered("a();\n// txlint-ignore r -- x", "// txlint", "//", false), 2);
  assert_int_equal(covered("a();\n// txlint-ignore r -- x\n// more\n", "// txlint", "//", false),
                   4);
}

static void test_offsets_clamped(void **state) {
  (void)state;
  TxArena a;
  tx_arena_init(&a);
  TxSource src;
  memset(&src, 0, sizeof src);
  src.text = "a;\nb;\n";
  src.len = 6;
  src.ascii = true;
  tx_source_index_lines(&src, &a);
  assert_int_equal(tx_suppression_line(&src, 100, 200, "//"), 3);
  assert_int_equal(tx_suppression_line(&src, 3, 1, "//"), 2); // end before start
  assert_int_equal(tx_suppression_line(&src, 0, 0, ""), 1);
  tx_arena_fini(&a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_trailing_covers_own_line),
      cmocka_unit_test(test_alone_covers_next_code_line),
      cmocka_unit_test(test_form_feed_and_vertical_tab_are_blank),
      cmocka_unit_test(test_line_ends),
      cmocka_unit_test(test_block_comment_and_ends),
      cmocka_unit_test(test_offsets_clamped),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
