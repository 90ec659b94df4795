// emit_util.c: see emit_util.h.
#include "emit_util.h"

#include "../source/source.h"

// Length of the valid UTF-8 sequence at p[0..n), or 0 when it is invalid.
static uint32_t valid_seq(const unsigned char *p, uint32_t n) {
  if (p[0] < 0x80)
    return 1;
  uint32_t len = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 ? 2 : 0;
  if (len == 0 || len > n || p[0] > 0xF4)
    return 0;
  return tx_utf8_valid((const char *)p, len) ? len : 0;
}

void tx_emit_put_safe(FILE *out, TxStr s) {
  const unsigned char *p = (const unsigned char *)s.ptr;
  uint32_t run = 0; // p[run .. i) is plain text not yet written
  for (uint32_t i = 0; i < s.len;) {
    unsigned char c = p[i];
    if (c >= 0x20 && c < 0x7F) { // printable ASCII: written in runs
      i++;
      continue;
    }
    uint32_t k = valid_seq(p + i, s.len - i);
    bool escape = k == 0 || (c < 0x20 && c != '\t') || c == 0x7F;
    bool c1 = !escape && k == 2 && c == 0xC2 && p[i + 1] <= 0x9F;
    if (!escape && !c1) {
      i += k;
      continue;
    }
    fwrite(p + run, 1, i - run, out);
    if (escape) {
      // An invalid byte is escaped too: a raw 0x9B is CSI to a terminal in 8-bit mode.
      fprintf(out, "\\x%02x", c);
      i++;
    } else {
      fprintf(out, "\\u%04x", p[i + 1]);
      i += 2;
    }
    run = i;
  }
  fwrite(p + run, 1, s.len - run, out);
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
