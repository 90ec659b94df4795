// baseline.h: comparing this run's findings with a previous run's SARIF (--baseline).
//
// A baseline result matches a current finding with the same rule id and the same
// partialFingerprints["txlint/v1"] (each baseline result matches at most one finding). The
// finding's baselineState is then `unchanged` when its path, start line and message are the
// same, `updated` otherwise; findings without a match are `new`; baseline results without a
// match are added as `absent` (they appear in SARIF only). The baseline is untrusted input:
// size-capped, and every field is type-checked; anything unexpected is an error, not a crash.
#ifndef TX_DIAG_BASELINE_H
#define TX_DIAG_BASELINE_H

#include <stddef.h>

#include "diag.h"

enum {
  TX_BASELINE_MAX_BYTES = 256 * 1024 * 1024, // larger files are refused
  TX_BASELINE_MAX_RESULTS = 1000000,
};

typedef struct TxBaselineResult {
  TxStr rule_id;
  TxStr fingerprint;
  TxStr path;    // artifactLocation.uri, percent-decoded
  TxStr message; // message.text without the "(see [1](1))" links, unescaped
  TxSeverity level;
  uint32_t line; // region.startLine, 0 when absent
  bool matched;
} TxBaselineResult;

typedef struct TxBaseline {
  TxArena arena;
  TxBaselineResult *items;
  uint32_t count;
} TxBaseline;

// Parses SARIF bytes. On failure returns false with a reason in err (the baseline is left
// empty but must still be freed). Results without a txlint fingerprint, and results that
// were already `absent` in that run, are skipped.
bool tx_baseline_parse(TxBaseline *b, const char *data, size_t len, char *err, size_t n);
// Reads and parses a file (regular files only, at most TX_BASELINE_MAX_BYTES).
bool tx_baseline_read(TxBaseline *b, const char *path, char *err, size_t n);
void tx_baseline_fini(TxBaseline *b);

// Sets every finding's baselineState and appends the absent ones, whose TxDiag.rule_index
// `rule_index` gives (TX_NONE for a rule this build does not know). Call after
// tx_diag_finish (fingerprints must exist).
void tx_baseline_apply(TxDiagSink *s, const TxProgram *p, TxBaseline *b,
                       uint32_t (*rule_index)(const char *id));

#endif
