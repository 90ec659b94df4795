// ts_front.h: the TypeScript/JavaScript front end. Parses one file with tree-sitter and
// fills the file's facts, functions, calls, imports, exports, client exports,
// suppressions and notices. The only module (with front_sql/) that sees syntax.
#ifndef TX_FRONT_TS_TS_FRONT_H
#define TX_FRONT_TS_TS_FRONT_H

#include "config/config.h"
#include "ir/ir.h"

typedef struct TxTsParser TxTsParser; // one per thread; holds the TS and TSX parsers

// Creates a parser set. Can't fail. Free with tx_ts_parser_free().
TxTsParser *tx_ts_parser_new(void);
void tx_ts_parser_free(TxTsParser *p);
// Gives back what a large file's trees left in this thread's block cache (ts_alloc.c keeps
// every chunk until the thread's parsers go) when the next file, of `next_bytes`, will not
// reuse it: when more than TX_TS_KEEP_BYTES are held and more than TX_TS_TREE_PER_BYTE times
// `next_bytes`, the parsers are made anew, the chunks freed and the heap trimmed. Pass 0 when
// the next file is unknown. Call between files, on the thread that uses `p`. Returns whether
// it gave anything back.
enum {
  TX_TS_KEEP_BYTES = 8 * 1024 * 1024,
  // Chunk bytes a tree takes per byte of source: at most about 40 on ci/corpus's largest
  // files (bundles of 1-2.4 MB took 36-89 MB), with room to spare.
  TX_TS_TREE_PER_BYTE = 48,
};
bool tx_ts_parser_trim(TxTsParser *p, uint64_t next_bytes);

// Extracts the IR of `f` (whose src is loaded) into f's arena. Syntax errors become
// notices; the rest of the file is still analysed. `cfg` starts from tx_config_defaults(), the
// one place its defaults live (a zeroed config would allow no nesting at all). Can't fail.
void tx_ts_extract(TxTsParser *p, TxFile *f, const TxConfig *cfg);

#endif
