// emit_rdjson.c: reviewdog's diagnostic format. rdjson is one DiagnosticResult object
// ({"source", "severity", "diagnostics": [...]}); rdjsonl is one Diagnostic object per line.
// Each shown finding becomes
//
//   {"message": "...", "location": {"path": "app/x.ts", "range": {"start": {"line": 3,
//    "column": 9}, "end": {"line": 3, "column": 20}}}, "severity": "ERROR",
//    "source": {"name": "txlint", "url": ...}, "code": {"value": "tenant-filter", "url": ...},
//    "suggestions": [{"range": ..., "text": "..."}]}
//
// reviewdog's columns are 1-based and count UTF-8 bytes (not UTF-16 units as in SARIF), and a
// range's end is exclusive. Suggestions are the edits of the finding's fix (a Suggestion has no
// path of its own, so only edits in the finding's file can be one; every fix of txlint's rules
// edits that file).
#include "emit.h"
#include "emit_json.h"

static const char *rd_severity(TxSeverity s) {
  return s == TX_SEV_ERROR ? "ERROR" : s == TX_SEV_WARNING ? "WARNING" : "INFO";
}

static json_t *rd_position(const TxFile *f, uint32_t offset) {
  TxPos pos = tx_source_pos(&f->src, offset);
  return json_pack("{s:i,s:i}", "line", (json_int_t)pos.line, "column", (json_int_t)pos.byte_col);
}

static json_t *rd_range(const TxFile *f, TxSpan span) {
  return json_pack("{s:o,s:o}", "start", rd_position(f, span.start), "end",
                   rd_position(f, span.end > span.start ? span.end : span.start));
}

static json_t *rd_source(void) {
  return json_pack("{s:s,s:s}", "name", "txlint", "url", TX_INFORMATION_URI);
}

static json_t *rd_diagnostic(TxArena *a, const TxFile *f, const TxDiag *d) {
  json_t *j =
      json_pack("{s:o,s:{s:o,s:o},s:s,s:o,s:{s:s,s:s}}", "message", tx_json_str(a, d->message),
                "location", "path", tx_json_str(a, f->src.path), "range", rd_range(f, d->span),
                "severity", rd_severity(d->level), "source", rd_source(), "code", "value",
                d->rule_id, "url", tx_json_rule_url(a, d->rule_id));
  if (d->fix && d->fix->edit_count) {
    json_t *list = json_array();
    for (uint32_t i = 0; i < d->fix->edit_count; i++) {
      const TxEdit *e = &d->fix->edits[i];
      if (e->span.file == d->span.file)
        json_array_append_new(list, json_pack("{s:o,s:o}", "range", rd_range(f, e->span), "text",
                                              tx_json_str(a, e->insertion)));
    }
    json_object_set_new(j, "suggestions", list);
  }
  return j;
}

// `lines`: rdjsonl, each diagnostic a line of its own; else one rdjson document.
static bool emit_rd(FILE *out, const TxProgram *p, const TxDiagSink *sink, bool lines) {
  TxArena a;
  tx_arena_init(&a);
  json_t *list = json_array();
  bool ok = true;
  for (uint32_t i = 0; i < sink->items.count && ok; i++) {
    const TxDiag *d = sink->items.items[i];
    const TxFile *f = tx_program_file(p, d->span.file);
    if (!tx_diag_shown(d) || !f)
      continue;
    json_t *j = rd_diagnostic(&a, f, d);
    if (lines)
      ok = tx_json_write(out, j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    else
      json_array_append_new(list, j);
  }
  if (lines) {
    json_decref(list);
  } else {
    json_t *result = json_pack("{s:o,s:o}", "source", rd_source(), "diagnostics", list);
    ok = tx_json_write(out, result, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  }
  tx_arena_fini(&a);
  return ok && !ferror(out);
}

bool tx_emit_rdjson(FILE *out, const TxProgram *p, const TxDiagSink *sink, const TxEmitOptions *o) {
  (void)o;
  return emit_rd(out, p, sink, false);
}

bool tx_emit_rdjsonl(FILE *out, const TxProgram *p, const TxDiagSink *sink,
                     const TxEmitOptions *o) {
  (void)o;
  return emit_rd(out, p, sink, true);
}
