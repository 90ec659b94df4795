// fuzz_common.c: see fuzz_common.h. Output is rendered into an in-memory stream so the
// emitters' escaping runs on every input too.
#include "fuzz_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag/diag.h"
#include "driver.h"
#include "emit/dump.h"
#include "emit/emit.h"
#include "front_sql/sql_front.h"
#include "front_ts/ts_front.h"
#include "link/link.h"
#include "rules/rule.h"

TxFile *tx_fuzz_add_file(TxProgram *p, const char *path, const uint8_t *data, size_t size) {
  TxFile *f = tx_program_add_file(p, tx_str(path), tx_str(path), tx_source_lang_of(path));
  char *text = tx_arena_alloc(&f->arena, size + 1);
  if (size)
    memcpy(text, data, size);
  text[size] = '\0';
  f->src.text = text;
  f->src.len = (uint32_t)size;
  tx_source_index_lines(&f->src, &f->arena);
  return f;
}

static void render(const TxProgram *p, const TxDiagSink *sink) {
  char *buf = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&buf, &len);
  if (!out)
    return;
  TxEmitOptions o = {true, "fuzz"};
  tx_emit_text(out, p, sink, &o);
  tx_emit_sarif(out, p, sink, &o);
  tx_emit_github(out, p, sink, &o);
  tx_dump_facts(out, p);
  fclose(out);
  free(buf);
}

void tx_fuzz_analyze(TxProgram *p) {
  TxTsParser *ts = tx_ts_parser_new();
  for (uint32_t i = 0; i < p->file_count; i++) {
    tx_extract_file(ts, p->files[i], p->config);
  }
  tx_ts_parser_free(ts);
  tx_link(p);
  TxDiagSink sink;
  tx_diag_init(&sink);
  tx_rules_run(p, &sink);
  tx_diag_finish(&sink, p);
  render(p, &sink);
  tx_diag_fini(&sink);
}
