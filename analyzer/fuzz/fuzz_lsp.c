// fuzz_lsp.c: bytes -> the language server's message reader (lsp/lsp_io.c), fed in chunks
// of varying sizes so that headers and bodies straddle reads; each body then goes through
// jansson as the server parses it, and through the position and URI conversions
// (lsp/lsp_text.c). Checks the reader's contract: bodies within the bound and NUL-terminated,
// progress on every call, offsets inside the text and monotonic in the character.
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lsp/lsp_io.h"
#include "lsp/lsp_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct Feed {
  const uint8_t *data;
  size_t size, pos;
  uint32_t calls;
} Feed;

// Chunk sizes 1..64 from the data itself, so that every split of the framing is reachable.
static size_t feed(void *ctx, char *buf, size_t n) {
  Feed *f = ctx;
  if (f->pos >= f->size)
    return 0;
  size_t want = (size_t)(f->data[((size_t)f->calls++ * 7u) % f->size] % 64) + 1;
  if (want > n)
    want = n;
  if (want > f->size - f->pos)
    want = f->size - f->pos;
  memcpy(buf, f->data + f->pos, want);
  f->pos += want;
  return want;
}

static void positions(const char *body, size_t len) {
  uint32_t line = len ? (uint8_t)body[0] % 8 : 0;
  for (int e = 0; e < 2; e++) {
    TxLspEncoding enc = e ? TX_LSP_UTF8 : TX_LSP_UTF16;
    size_t last = 0;
    for (uint32_t c = 0; c < 48; c++) {
      size_t at = tx_lsp_offset(body, len, line, c, enc);
      if (at > len || at < last)
        __builtin_trap();
      last = at;
    }
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static TxLspReader r; // 64 KiB buffer
  Feed f = {data, size, 0, 0};
  tx_lsp_reader_init(&r, feed, &f);
  for (;;) {
    size_t before = f.pos - (r.len - r.pos);
    char *body;
    size_t len;
    TxLspStatus st = tx_lsp_read(&r, &body, &len);
    if (st == TX_LSP_EOF)
      break;
    if (f.pos - (r.len - r.pos) <= before)
      __builtin_trap(); // no progress: the server would spin
    if (st != TX_LSP_MESSAGE)
      continue;
    if (len > TX_LSP_MAX_MESSAGE || body[len] != '\0')
      __builtin_trap();
    json_error_t err;
    json_t *msg = json_loadb(body, len, JSON_ALLOW_NUL, &err);
    json_decref(msg);
    positions(body, len);
    char *path = tx_lsp_uri_to_path(body);
    if (path) {
      char *uri = tx_lsp_path_to_uri(path);
      char *again = tx_lsp_uri_to_path(uri);
      if (!again || strcmp(again, path) != 0)
        __builtin_trap(); // escaping must round-trip
      free(again);
      free(uri);
      free(path);
    }
    free(body);
  }
  return 0;
}
