// lsp_io.c: the framing reader (lsp_io.h). Headers are read one line at a time into a bounded
// buffer; a body is read into its own allocation, grown as its bytes arrive, or, when too
// large, consumed without being stored, so no input makes the reader hold more than the
// bytes of one accepted message.
#include "lsp_io.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/check.h"

void tx_lsp_reader_init(TxLspReader *r, TxLspReadFn read, void *ctx) {
  memset(r, 0, sizeof *r);
  r->read = read;
  r->ctx = ctx;
}

static bool fill(TxLspReader *r) {
  if (r->pos < r->len)
    return true;
  if (r->eof)
    return false;
  r->pos = 0;
  r->len = r->read(r->ctx, r->buf, sizeof r->buf);
  if (r->len == 0)
    r->eof = true;
  return r->len > 0;
}

// Reads one header line without its "\r\n" (a bare "\n" is accepted too) into `line`.
// Returns its length, SIZE_MAX when it is longer than the buffer (the rest of the line is
// consumed), or SIZE_MAX - LINE_EOF at the end of the input.
enum { LINE_EOF = 1 };
static size_t read_line(TxLspReader *r, char *line, size_t cap) {
  size_t n = 0;
  bool overlong = false;
  for (;;) {
    if (!fill(r))
      return SIZE_MAX - LINE_EOF;
    char c = r->buf[r->pos++];
    if (c == '\n')
      break;
    if (n < cap)
      line[n++] = c;
    else
      overlong = true;
  }
  if (n > 0 && line[n - 1] == '\r' && !overlong)
    n--;
  return overlong ? SIZE_MAX : n;
}

// Parses the value of a Content-Length header: decimal digits only (surrounding blanks
// allowed). Values above TX_LSP_MAX_MESSAGE saturate to TX_LSP_MAX_MESSAGE + 1 so that the
// caller can skip such a body without overflow; absurd lengths (over 2^62) are malformed.
static bool parse_length(const char *v, size_t n, uint64_t *out) {
  size_t i = 0;
  while (i < n && (v[i] == ' ' || v[i] == '\t'))
    i++;
  uint64_t x = 0;
  size_t digits = 0;
  for (; i < n && v[i] >= '0' && v[i] <= '9'; i++, digits++) {
    if (x > ((uint64_t)1 << 62) / 10)
      return false;
    x = x * 10 + (uint64_t)(v[i] - '0');
  }
  while (i < n && (v[i] == ' ' || v[i] == '\t'))
    i++;
  if (digits == 0 || i != n)
    return false;
  *out = x;
  return true;
}

// Consumes `n` bytes of input without keeping them; false when the input ended first.
static bool skip(TxLspReader *r, uint64_t n) {
  while (n > 0) {
    if (!fill(r))
      return false;
    size_t have = r->len - r->pos;
    size_t take = have < n ? have : (size_t)n;
    r->pos += take;
    n -= take;
  }
  return true;
}

// Reads an n-byte body into a new heap buffer (NUL-terminated), grown as bytes arrive, so a
// Content-Length that the input does not live up to costs no memory. NULL when the input
// ended first.
static char *read_body(TxLspReader *r, size_t n) {
  size_t cap = n < sizeof r->buf ? n : sizeof r->buf, got = 0;
  char *out = tx_xmalloc(cap + 1);
  while (got < n) {
    if (!fill(r)) {
      free(out);
      return NULL;
    }
    size_t have = r->len - r->pos;
    size_t take = have < n - got ? have : n - got;
    if (got + take > cap) {
      cap = cap * 2 < n ? cap * 2 : n;
      if (cap < got + take)
        cap = got + take;
      out = tx_xrealloc(out, cap + 1);
    }
    memcpy(out + got, r->buf + r->pos, take);
    r->pos += take;
    got += take;
  }
  out[n] = '\0';
  return out;
}

// Reads a header block up to its empty line. Sets *length (UINT64_MAX: none or invalid)
// and returns false at the end of the input. Empty lines before the first header are
// skipped (a client's stray line ending is not a message).
static bool read_headers(TxLspReader *r, uint64_t *length, bool *bad) {
  char line[TX_LSP_MAX_HEADER_LINE];
  uint32_t count = 0;
  *length = UINT64_MAX;
  *bad = false;
  for (;;) {
    size_t n = read_line(r, line, sizeof line);
    if (n == SIZE_MAX - LINE_EOF)
      return false;
    if (n == 0) {
      if (count == 0)
        continue;
      return true;
    }
    if (++count > TX_LSP_MAX_HEADERS || n == SIZE_MAX) {
      *bad = true;
      continue;
    }
    const char *colon = memchr(line, ':', n);
    if (!colon) {
      *bad = true;
      continue;
    }
    size_t name = (size_t)(colon - line);
    uint64_t v;
    if (name == 14 && strncasecmp(line, "Content-Length", 14) == 0) {
      if (*length != UINT64_MAX || !parse_length(colon + 1, n - name - 1, &v))
        *bad = true;
      else
        *length = v;
    }
  }
}

TxLspStatus tx_lsp_read(TxLspReader *r, char **body, size_t *len) {
  *body = NULL;
  *len = 0;
  uint64_t length;
  bool bad;
  if (!read_headers(r, &length, &bad))
    return TX_LSP_EOF;
  if (length == UINT64_MAX)
    return TX_LSP_MALFORMED; // no length: the next block starts right here
  if (bad) // a framed message with a bad header: its body is skipped, not parsed as headers
    return skip(r, length) ? TX_LSP_MALFORMED : TX_LSP_EOF;
  if (length > TX_LSP_MAX_MESSAGE)
    return skip(r, length) ? TX_LSP_TOO_LARGE : TX_LSP_EOF;
  char *out = read_body(r, (size_t)length);
  if (!out)
    return TX_LSP_EOF;
  *body = out;
  *len = (size_t)length;
  return TX_LSP_MESSAGE;
}
