// ts_run.h: extracting a TypeScript/JavaScript text in a unit test, shared by the front end's
// tests (test_ts_extract.c, test_ts_robust.c, test_ts_cfg.c). Include after cmocka.h.
#ifndef TX_TESTS_TS_RUN_H
#define TX_TESTS_TS_RUN_H

#include <string.h>

#include "front_ts/ts_front.h"

typedef struct Run {
  TxTsParser *parser;
  TxConfig cfg;
  TxFile f;
} Run;

static inline void run_init(Run *r) {
  memset(r, 0, sizeof *r);
  r->parser = tx_ts_parser_new();
  tx_config_defaults(&r->cfg);
}

// Frees the parser and the configuration (the file goes with file_fini).
static inline void run_fini(Run *r) {
  tx_ts_parser_free(r->parser);
  tx_config_fini(&r->cfg);
}

// Extracts the `len` bytes of `text` as a file of language `lang` (t.ts, t.tsx or t.js) into
// r->f, replacing what was there without freeing it (file_fini does).
static inline TxFile *run_extract(Run *r, TxLang lang, const char *text, size_t len) {
  TxFile *f = &r->f;
  memset(f, 0, sizeof *f);
  tx_arena_init(&f->arena);
  char *copy = tx_arena_alloc(&f->arena, len + 1);
  memcpy(copy, text, len);
  copy[len] = '\0';
  f->src.path = tx_str(lang == TX_LANG_TSX ? "t.tsx" : lang == TX_LANG_JS ? "t.js" : "t.ts");
  f->src.text = copy;
  f->src.len = (uint32_t)len;
  f->src.lang = lang;
  f->src.ascii = true;
  for (size_t i = 0; i < len; i++)
    f->src.ascii &= (unsigned char)text[i] < 0x80;
  tx_source_index_lines(&f->src, &f->arena);
  tx_ts_extract(r->parser, f, &r->cfg);
  return f;
}

static inline void file_fini(Run *r) {
  tx_arena_fini(&r->f.arena);
}

#endif
