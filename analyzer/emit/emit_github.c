// emit_github.c: GitHub Actions workflow commands. (Being written.)
#include "emit.h"

bool tx_emit_github(FILE *out, const TxProgram *p, const TxDiagSink *sink,
                    const TxEmitOptions *o) {
  (void)p;
  (void)sink;
  (void)o;
  return !ferror(out);
}
