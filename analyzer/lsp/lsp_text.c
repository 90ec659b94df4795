// lsp_text.c: positions and URIs (lsp_text.h).
#include "lsp_text.h"

#include <stdlib.h>
#include <string.h>

#include "base/check.h"

// The code point at text[i] (i < end): its length in bytes and, in *units, in UTF-16 code
// units. A byte that does not start a valid UTF-8 sequence is one code point (U+FFFD) of one
// byte, as txlint's own columns count it. Both conversions step with this, so they agree.
static size_t step(const char *text, size_t i, size_t end, uint32_t *units) {
  unsigned char b = (unsigned char)text[i];
  size_t n = 1;
  if (b >= 0xF0 && b <= 0xF4)
    n = 4;
  else if (b >= 0xE0 && b <= 0xEF)
    n = 3;
  else if (b >= 0xC2 && b <= 0xDF)
    n = 2;
  if (n > end - i)
    n = 1;
  for (size_t k = 1; k < n; k++) {
    if (((unsigned char)text[i + k] & 0xC0) != 0x80)
      n = 1;
  }
  *units = n == 4 ? 2 : 1;
  return n;
}

size_t tx_lsp_offset(const char *text, size_t len, uint32_t line, uint32_t character,
                     TxLspEncoding enc) {
  size_t i = 0;
  for (uint32_t k = 0; k < line; k++) {
    while (i < len && text[i] != '\n' && text[i] != '\r')
      i++;
    if (i == len)
      return len;
    i += text[i] == '\r' && i + 1 < len && text[i + 1] == '\n' ? 2 : 1;
  }
  size_t end = i;
  while (end < len && text[end] != '\n' && text[end] != '\r')
    end++;
  uint32_t units = 0;
  while (i < end && units < character) {
    uint32_t u;
    size_t n = step(text, i, end, &u);
    if (enc == TX_LSP_UTF8)
      u = (uint32_t)n;
    if (units + u > character)
      break; // inside this code point: its start
    units += u;
    i += n;
  }
  return i;
}

static int hex(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

char *tx_lsp_uri_to_path(const char *uri) {
  if (strncmp(uri, "file://", 7) != 0)
    return NULL;
  const char *p = uri + 7;
  if (strncmp(p, "localhost/", 10) == 0)
    p += 9;
  if (*p != '/')
    return NULL;
  size_t n = strlen(p);
  char *out = tx_xmalloc(n + 1);
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (p[i] == '?' || p[i] == '#')
      break; // a query or fragment is no part of the path
    if (p[i] != '%') {
      out[k++] = p[i];
      continue;
    }
    int a = i + 2 < n ? hex(p[i + 1]) : -1;
    int b = a >= 0 ? hex(p[i + 2]) : -1;
    if (a < 0 || b < 0 || (a == 0 && b == 0)) {
      free(out);
      return NULL;
    }
    out[k++] = (char)(a * 16 + b);
    i += 2;
  }
  out[k] = '\0';
  return out;
}

char *tx_lsp_path_to_uri(const char *path) {
  static const char digits[] = "0123456789ABCDEF";
  size_t n = strlen(path);
  char *out = tx_xmalloc(7 + n * 3 + 1);
  memcpy(out, "file://", 7);
  size_t k = 7;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)path[i];
    bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                 c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (plain) {
      out[k++] = (char)c;
    } else {
      out[k++] = '%';
      out[k++] = digits[c >> 4];
      out[k++] = digits[c & 15];
    }
  }
  out[k] = '\0';
  return out;
}
