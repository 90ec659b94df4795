// lsp_io.h: the language server's framing (LSP base protocol): messages are
// "Content-Length: N\r\n" (other headers ignored) "\r\n" then N bytes of JSON.
// The reader is separate from the server so that it can be fuzzed on its own.
#ifndef TX_LSP_IO_H
#define TX_LSP_IO_H

#include <stdbool.h>
#include <stddef.h>

enum {
  // The largest message body accepted (README "Editors"): a whole-file didOpen of a file at
  // the default max_file_bytes, JSON-escaped, fits. A larger one is skipped unread.
  TX_LSP_MAX_MESSAGE = 64 << 20,
  TX_LSP_MAX_HEADER_LINE = 1024, // bytes per header line; a longer line is malformed
  TX_LSP_MAX_HEADERS = 64,       // header lines per message; more is malformed
};

// Fills `buf` with up to `n` bytes; returns how many, 0 at the end of the input or on error.
typedef size_t (*TxLspReadFn)(void *ctx, char *buf, size_t n);

typedef struct TxLspReader {
  TxLspReadFn read;
  void *ctx;
  char buf[65536];
  size_t pos, len;
  bool eof;
} TxLspReader;

typedef enum TxLspStatus {
  TX_LSP_MESSAGE,   // *body (heap, NUL-terminated, free() it) holds *len bytes
  TX_LSP_EOF,       // the input ended (possibly inside a message, which is dropped)
  TX_LSP_MALFORMED, // a header block without a valid Content-Length: skipped
  TX_LSP_TOO_LARGE, // Content-Length above TX_LSP_MAX_MESSAGE: the body was skipped
} TxLspStatus;

void tx_lsp_reader_init(TxLspReader *r, TxLspReadFn read, void *ctx);

// Reads the next message. After TX_LSP_MALFORMED and TX_LSP_TOO_LARGE the reader is at the
// next header block, so reading can go on. Memory is bounded by TX_LSP_MAX_MESSAGE.
TxLspStatus tx_lsp_read(TxLspReader *r, char **body, size_t *len);

#endif
