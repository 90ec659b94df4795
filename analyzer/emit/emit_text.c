// emit_text.c: human-readable output: "path:line:col: level: message [rule-id]".
#include "emit.h"

bool tx_emit_text(FILE *out, const TxProgram *p, const TxDiagSink *sink, const TxEmitOptions *o) {
  (void)o;
  for (uint32_t i = 0; i < sink->items.count; i++) {
    const TxDiag *d = sink->items.items[i];
    if (d->suppressed)
      continue;
    const TxFile *f = tx_program_file(p, d->span.file);
    TxPos pos = tx_source_pos(&f->src, d->span.start);
    fprintf(out, "%.*s:%u:%u: %s: %.*s [%s]\n", TX_STR_ARG(f->src.path), pos.line, pos.col,
            tx_severity_name(d->level), TX_STR_ARG(d->message), d->rule_id);
  }
  return !ferror(out);
}
