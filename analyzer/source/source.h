// source.h: one input file's bytes, its language and a line index that turns byte offsets
// into 1-based lines and columns. Columns count UTF-16 code units (what SARIF's
// "utf16CodeUnits" and editors expect); CRLF and lone CR both end a line.
#ifndef TX_SOURCE_SOURCE_H
#define TX_SOURCE_SOURCE_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/str.h"

typedef enum TxLang {
  TX_LANG_NONE = 0,
  TX_LANG_TS,  // .ts .mts .cts
  TX_LANG_TSX, // .tsx
  TX_LANG_JS,  // .js .mjs .cjs (parsed with the TypeScript grammar)
  TX_LANG_JSX, // .jsx (TSX grammar)
  TX_LANG_SQL, // .sql
} TxLang;

// Picks the language from the file name's extension; TX_LANG_NONE when not ours.
TxLang tx_source_lang_of(const char *path);
const char *tx_lang_name(TxLang lang);

// A byte range inside one file. `file` indexes TxProgram.files.
typedef struct TxSpan {
  uint32_t file;
  uint32_t start; // byte offset, inclusive
  uint32_t end;   // byte offset, exclusive
} TxSpan;

typedef struct TxPos {
  uint32_t line;     // 1-based
  uint32_t col;      // 1-based, UTF-16 code units
  uint32_t byte_col; // 1-based, bytes (for the text caret)
} TxPos;

enum { TX_UTF16_BLOCK = 4096 }; // bytes per utf16_blocks entry

typedef struct TxSource {
  TxStr path;       // as shown to users: relative to the project root, '/' separators
  TxStr abs_path;   // as opened
  const char *text; // the bytes (NUL-terminated copy in the file's arena); BOM kept
  uint32_t len;
  uint32_t *lines;        // byte offset of each line start; lines[0] == 0
  uint32_t *utf16_blocks; // UTF-16 units in text[0, i * TX_UTF16_BLOCK), one per block, so
                          // a column on a megabyte-long line costs one block's scan, not
                          // the line's; NULL: columns are counted from the line start
  uint32_t line_count;
  TxLang lang;
  bool has_bom;                  // starts with a UTF-8 byte order mark (not a column)
  bool from_utf16;               // the file is UTF-16 with a BOM: `text` is its UTF-8 decoding
  bool ascii;                    // no byte >= 0x80: UTF-16 columns are byte columns
  bool hashed;                   // `hash` is set
  uint64_t hash;                 // XXH3 of the text as analysed
  char *heap;                    // the text when malloc'ed (tx_source_read_heap), else NULL
  struct TxSourceReload *reload; // after tx_source_drop_text: the text read back on demand
} TxSource;

// The text, read again when it was dropped after extraction (a file's text is kept only
// while it is extracted; positions, snippets and fingerprints of the few files with findings
// read it back on demand). NULL when it cannot be had: the file changed since it was
// analysed (hash mismatch) or is gone; then columns count bytes and lines come from the index.
// Not thread-safe: call after extraction (it fills `src`, which callers see as const).
const char *tx_source_text(const TxSource *src);
// Records the content hash and frees the text (when heap-owned), keeping the line index.
// After this, tx_source_text reads the file again on demand.
void tx_source_drop_text(TxSource *src);
// Makes a dropped text the file's text again (heap-owned, as after reading it), for a file
// whose extraction was put off: read back as tx_source_text does and checked against the
// hash. False when it cannot be had (changed or gone). True at once when the text is there.
bool tx_source_restore(TxSource *src);
// Frees a heap-owned text.
void tx_source_fini(TxSource *src);

// Builds the line index (and the UTF-16 column checkpoints) for `src->text` in arena `a`.
// Can't fail.
void tx_source_index_lines(TxSource *src, TxArena *a);

// Converts a byte offset (clamped to the text) to a position. Can't fail.
TxPos tx_source_pos(const TxSource *src, uint32_t offset);

// The text of 1-based line `line` without its terminator. Empty when out of range.
TxStr tx_source_line(const TxSource *src, uint32_t line);

// True when the bytes are valid UTF-8 (a leading BOM is fine).
bool tx_utf8_valid(const char *p, size_t n);

// Reads a whole regular file into arena `a` (NUL-terminated). Refuses directories, FIFOs,
// devices and files larger than `max_bytes` without blocking. On failure returns false and
// writes a short reason ("no such file", "is a directory", "larger than 5 MB", ...) to
// `why` (static string).
bool tx_source_read_file(const char *path, TxArena *a, uint64_t max_bytes, const char **text,
                         uint32_t *len, const char **why);
// The same into a malloc'ed buffer (the caller frees it); NULL on failure.
char *tx_source_read_heap(const char *path, uint64_t max_bytes, uint32_t *len, const char **why);

// A file saved as UTF-16 with a byte order mark (FF FE: little-endian, FE FF: big-endian),
// as Windows tools write generated files, is analysed as its UTF-8 decoding (iconv), without
// the mark: lines are the file's lines and columns its UTF-16 units. UTF-16 without a mark
// is not guessed at (its NUL bytes make it a binary file).
typedef enum TxUtf16 {
  TX_UTF16_NONE,    // no UTF-16 mark: `*text` untouched
  TX_UTF16_DECODED, // `*text` (heap) replaced by its UTF-8 decoding, `*len` updated
  TX_UTF16_INVALID, // decoded, each unpaired surrogate or odd final byte shown as U+FFFD
} TxUtf16;
TxUtf16 tx_source_decode_utf16(char **text, uint32_t *len);
// The most bytes a UTF-16 file whose decoding has `len` bytes can have (an ASCII character
// is 2 bytes in UTF-16, 1 in UTF-8; the mark adds 2).
static inline uint64_t tx_utf16_max_bytes(uint32_t len) {
  return (uint64_t)len * 2 + 2;
}

#endif
