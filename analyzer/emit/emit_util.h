// emit_util.h: helpers shared by the emitters: terminal-safe text, UTF-8 repair, severity
// names per format.
#ifndef TX_EMIT_EMIT_UTIL_H
#define TX_EMIT_EMIT_UTIL_H

#include <stdio.h>

#include "base/arena.h"
#include "diag/diag.h"

// Writes `s` with terminal control characters made visible: C0 controls other than tab,
// DEL, bytes that are not valid UTF-8 (a raw 0x80..0x9F would be a C1 control to some
// terminals) and the C1 controls encoded in UTF-8 (U+0080..U+009F) become "\xNN" /
// "\u00NN", so file contents or names can never move the cursor, change colours or set the
// title.
void tx_emit_put_safe(FILE *out, TxStr s);

// `s` escaped as tx_emit_put_safe() writes it, into dst[0..cap): returns the bytes written
// (no terminating NUL) and sets *truncated when `s` did not fit (cut before a whole character
// or escape). Async-signal-safe: no allocation, no stdio (the crash handler uses it).
size_t tx_emit_escape(char *dst, size_t cap, TxStr s, bool *truncated);

// Returns `s` as valid UTF-8: invalid bytes replaced by U+FFFD. Borrowed when `s` is valid
// already; otherwise a copy in `a`.
TxStr tx_emit_utf8(TxArena *a, TxStr s);

// Number of findings that are shown (not suppressed) per level.
void tx_emit_count(const TxDiagSink *sink, uint32_t *errors, uint32_t *warnings, uint32_t *notes);

#endif
