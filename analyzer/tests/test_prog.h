// test_prog.h: builds small programs from in-memory files for the unit tests, through the
// front ends' public entry points (tx_ts_extract, tx_sql_extract), as the driver does, so
// the tests do not depend on how a front end is split inside. Header-only: each test binary
// is one .c file (analyzer/tests/CMakeLists.txt). Include it after <cmocka.h>.
#ifndef TX_TESTS_TEST_PROG_H
#define TX_TESTS_TEST_PROG_H

#include <stdarg.h>
#include <string.h>

#include "diag/diag.h"
#include "front_sql/sql_front.h"
#include "front_ts/ts_front.h"
#include "ir/program.h"
#include "source/source.h"

typedef struct TestProg {
  TxConfig cfg; // defaults; a test may change it before adding files
  TxProgram *p;
  TxTsParser *ts;
} TestProg;

static inline void tp_init(TestProg *t) {
  memset(t, 0, sizeof *t);
  tx_config_defaults(&t->cfg);
  t->p = tx_program_new(&t->cfg);
  t->ts = tx_ts_parser_new();
}

// Adds file `path` (shown path; the language from its extension) with `text` and extracts
// it. The driver keeps p->files sorted by path and the resolver relies on it: add files in
// path order.
static inline TxFile *tp_add(TestProg *t, const char *path, const char *text) {
  TxFile *f = tx_program_add_file(t->p, tx_str(path), tx_str(path), tx_source_lang_of(path));
  size_t n = strlen(text);
  f->src.text = tx_arena_str(&f->arena, text, n).ptr;
  f->src.len = (uint32_t)n;
  tx_source_index_lines(&f->src, &f->arena);
  if (f->src.lang == TX_LANG_SQL)
    tx_sql_extract(f, &t->cfg);
  else
    tx_ts_extract(t->ts, f, &t->cfg);
  return f;
}

static inline void tp_free(TestProg *t) {
  tx_ts_parser_free(t->ts);
  tx_program_free(t->p);
  tx_config_fini(&t->cfg);
}

// The byte offset of the first occurrence of `needle` in f's text; fails the test when
// there is none.
static inline uint32_t tp_at(const TxFile *f, const char *needle) {
  const char *hit = strstr(f->src.text, needle);
  if (!hit)
    fail_msg("'%s' is not in %.*s", needle, TX_STR_ARG(f->src.path));
  return (uint32_t)(hit - f->src.text);
}

// A span over the first occurrence of `needle` in f.
static inline TxSpan tp_span(const TxFile *f, const char *needle) {
  uint32_t at = tp_at(f, needle);
  return tx_span(f->id, at, at + (uint32_t)strlen(needle));
}

// Adds a related location (flow false) or a flow step to `d`, as rules do through
// tx_report_related / tx_report_flow.
static inline void tp_step(TxDiagSink *s, TxDiag *d, bool flow, TxSpan span, const char *fmt, ...)
    TX_PRINTF(5, 6);
static inline void tp_step(TxDiagSink *s, TxDiag *d, bool flow, TxSpan span, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  tx_diag_add_stepv(s, d, flow, span, fmt, ap);
  va_end(ap);
}

#endif
