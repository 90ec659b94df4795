// emit_util.c: see emit_util.h.
#include "emit_util.h"

#include <string.h>

#include "source/source.h"

// Length of the valid UTF-8 sequence at p[0..n), or 0 when it is invalid.
static uint32_t valid_seq(const unsigned char *p, uint32_t n) {
  if (p[0] < 0x80)
    return 1;
  uint32_t len = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 ? 2 : 0;
  if (len == 0 || len > n || p[0] > 0xF4)
    return 0;
  return tx_utf8_valid((const char *)p, len) ? len : 0;
}

typedef enum SafeKind {
  SAFE_PLAIN, // `*len` bytes shown as they are
  SAFE_HEX,   // one byte shown as \xNN: a control, DEL, or not valid UTF-8
  SAFE_C1,    // a C1 control encoded in UTF-8 (two bytes) shown as \u00NN
} SafeKind;

// How the text at p[0..n) (n > 0) is shown. An invalid byte is escaped too: a raw 0x9B is
// CSI to a terminal in 8-bit mode.
static SafeKind safe_kind(const unsigned char *p, uint32_t n, uint32_t *len) {
  unsigned char c = p[0];
  *len = 1;
  if ((c >= 0x20 && c < 0x7F) || c == '\t')
    return SAFE_PLAIN;
  uint32_t k = valid_seq(p, n);
  if (k == 0 || c < 0x20 || c == 0x7F)
    return SAFE_HEX;
  *len = k;
  return k == 2 && c == 0xC2 && p[1] <= 0x9F ? SAFE_C1 : SAFE_PLAIN;
}

static const char hex_digits[] = "0123456789abcdef";

void tx_emit_put_safe(FILE *out, TxStr s) {
  const unsigned char *p = (const unsigned char *)s.ptr;
  uint32_t run = 0; // p[run .. i) is plain text not yet written
  for (uint32_t i = 0; i < s.len;) {
    uint32_t k;
    SafeKind kind = safe_kind(p + i, s.len - i, &k);
    if (kind == SAFE_PLAIN) { // written in runs
      i += k;
      continue;
    }
    fwrite(p + run, 1, i - run, out);
    if (kind == SAFE_HEX)
      fprintf(out, "\\x%02x", p[i]);
    else
      fprintf(out, "\\u%04x", p[i + 1]);
    i += k;
    run = i;
  }
  fwrite(p + run, 1, s.len - run, out);
}

size_t tx_emit_escape(char *dst, size_t cap, TxStr s, bool *truncated) {
  const unsigned char *p = (const unsigned char *)s.ptr;
  size_t n = 0;
  *truncated = false;
  for (uint32_t i = 0; i < s.len;) {
    uint32_t k;
    SafeKind kind = safe_kind(p + i, s.len - i, &k);
    size_t need = kind == SAFE_PLAIN ? k : kind == SAFE_HEX ? 4 : 6;
    if (n + need > cap) { // never half a sequence or half an escape
      *truncated = true;
      break;
    }
    if (kind == SAFE_PLAIN) {
      memcpy(dst + n, p + i, k);
      n += k;
    } else {
      unsigned char v = kind == SAFE_HEX ? p[i] : p[i + 1];
      memcpy(dst + n, kind == SAFE_HEX ? "\\x" : "\\u00", need - 2);
      n += need - 2;
      dst[n++] = hex_digits[v >> 4];
      dst[n++] = hex_digits[v & 15];
    }
    i += k;
  }
  return n;
}

TxStr tx_emit_utf8(TxArena *a, TxStr s) {
  if (tx_utf8_valid(s.ptr, s.len))
    return s;
  char *out = tx_arena_alloc(a, (size_t)s.len * 3 + 1);
  uint32_t o = 0;
  const unsigned char *p = (const unsigned char *)s.ptr;
  for (uint32_t i = 0; i < s.len;) {
    uint32_t k = valid_seq(p + i, s.len - i);
    if (k == 0) {
      memcpy(out + o, "\xEF\xBF\xBD", 3);
      o += 3;
      i++;
    } else {
      memcpy(out + o, p + i, k);
      o += k;
      i += k;
    }
  }
  out[o] = '\0';
  return (TxStr){out, o};
}

void tx_emit_count(const TxDiagSink *sink, uint32_t *errors, uint32_t *warnings, uint32_t *notes) {
  *errors = *warnings = *notes = 0;
  for (uint32_t i = 0; i < sink->items.count; i++) {
    const TxDiag *d = sink->items.items[i];
    if (!tx_diag_shown(d))
      continue;
    if (d->level == TX_SEV_ERROR)
      (*errors)++;
    else if (d->level == TX_SEV_WARNING)
      (*warnings)++;
    else
      (*notes)++;
  }
}
