// emit.h: the output formats (README "Output formats"). Each writes the sorted, suppression-applied
// findings of `sink` plus the program's notices to `out`. Only emitters (and main/driver) print.
#ifndef TX_EMIT_EMIT_H
#define TX_EMIT_EMIT_H

#include <stdio.h>

#include "diag/diag.h"

typedef struct TxEmitOptions {
  bool color;          // text: ANSI colours
  const char *version; // tool version for SARIF
} TxEmitOptions;

// Each returns false when writing failed (disk full, closed pipe).
bool tx_emit_text(FILE *out, const TxProgram *p, const TxDiagSink *sink, const TxEmitOptions *o);
bool tx_emit_sarif(FILE *out, const TxProgram *p, const TxDiagSink *sink, const TxEmitOptions *o);
bool tx_emit_github(FILE *out, const TxProgram *p, const TxDiagSink *sink, const TxEmitOptions *o);
bool tx_emit_gitlab(FILE *out, const TxProgram *p, const TxDiagSink *sink, const TxEmitOptions *o);
bool tx_emit_rdjson(FILE *out, const TxProgram *p, const TxDiagSink *sink, const TxEmitOptions *o);
bool tx_emit_rdjsonl(FILE *out, const TxProgram *p, const TxDiagSink *sink, const TxEmitOptions *o);
bool tx_emit_junit(FILE *out, const TxProgram *p, const TxDiagSink *sink, const TxEmitOptions *o);
bool tx_emit_json(FILE *out, const TxProgram *p, const TxDiagSink *sink, const TxEmitOptions *o);

#endif
