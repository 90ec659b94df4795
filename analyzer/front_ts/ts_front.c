// ts_front.c: tree-sitter parsing of TypeScript/JavaScript. (Skeleton: parses and reports
// syntax errors; fact extraction is being added.)
#include "ts_front.h"

#include <stdlib.h>
#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_tsx(void);

struct TxTsParser {
  TSParser *ts;
  TSParser *tsx;
};

TxTsParser *tx_ts_parser_new(void) {
  TxTsParser *p = tx_xcalloc(1, sizeof *p);
  p->ts = ts_parser_new();
  p->tsx = ts_parser_new();
  TX_ASSERT(ts_parser_set_language(p->ts, tree_sitter_typescript()));
  TX_ASSERT(ts_parser_set_language(p->tsx, tree_sitter_tsx()));
  return p;
}

void tx_ts_parser_free(TxTsParser *p) {
  if (!p)
    return;
  ts_parser_delete(p->ts);
  ts_parser_delete(p->tsx);
  free(p);
}

void tx_ts_extract(TxTsParser *p, TxFile *f, const TxConfig *cfg) {
  (void)cfg;
  bool jsx = f->src.lang == TX_LANG_TSX || f->src.lang == TX_LANG_JSX;
  TSParser *parser = jsx ? p->tsx : p->ts;
  TSTree *tree = ts_parser_parse_string(parser, NULL, f->src.text, f->src.len);
  if (!tree)
    return;
  ts_tree_delete(tree);
}
