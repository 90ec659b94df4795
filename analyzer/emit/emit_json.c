// emit_json.c: txlint's own JSON report, for scripts. Its schema is
// analyzer/emit/txlint-report.schema.json (README "Output formats"); "schemaVersion" is
// raised on every change that could break a reader (a new optional member does not raise
// it). Unlike text output it holds every finding: suppressed ones with "suppressed": true and
// the reason, and with --baseline the baseline state, including findings gone since
// ("absent", located only by path and line). Positions carry the 1-based line, the 1-based
// column in UTF-16 code units (as SARIF and editors count) and the 0-based byte offset in
// the file; an end is exclusive. Fixes carry their edits as byte ranges of the analysed text.
#include <string.h>

#include "emit.h"
#include "emit_json.h"
#include "emit_util.h"

enum { TX_JSON_SCHEMA_VERSION = 1 };
#define TX_JSON_SCHEMA_URI                                                                         \
  "https://github.com/txlint/txlint/blob/main/analyzer/emit/txlint-report.schema.json"

static json_t *position(const TxFile *f, uint32_t offset) {
  TxPos pos = tx_source_pos(&f->src, offset);
  if (offset > f->src.len)
    offset = f->src.len;
  return json_pack("{s:i,s:i,s:i}", "line", (json_int_t)pos.line, "column", (json_int_t)pos.col,
                   "offset", (json_int_t)offset);
}

static json_t *location(TxArena *a, const TxProgram *p, TxSpan span) {
  const TxFile *f = tx_program_file(p, span.file);
  if (!f)
    return json_null();
  return json_pack("{s:o,s:o,s:o}", "path", tx_json_str(a, f->src.path), "start",
                   position(f, span.start), "end",
                   position(f, span.end > span.start ? span.end : span.start));
}

static json_t *steps(TxArena *a, const TxProgram *p, const TxRelated *items, uint32_t n) {
  json_t *list = json_array();
  for (uint32_t i = 0; i < n; i++)
    json_array_append_new(list, json_pack("{s:o,s:o}", "message", tx_json_str(a, items[i].message),
                                          "location", location(a, p, items[i].span)));
  return list;
}

static json_t *fix_json(TxArena *a, const TxProgram *p, const TxFix *fix) {
  json_t *edits = json_array();
  for (uint32_t i = 0; i < fix->edit_count; i++) {
    const TxEdit *e = &fix->edits[i];
    json_t *loc = location(a, p, e->span);
    json_object_set_new(loc, "insertion", tx_json_str(a, e->insertion));
    json_array_append_new(edits, loc);
  }
  return json_pack("{s:o,s:s,s:o}", "description", tx_json_str(a, fix->description), "kind",
                   tx_fix_kind_name(fix->kind), "edits", edits);
}

static const char *baseline_name(TxBaselineState s) {
  static const char *const names[] = {"", "new", "unchanged", "updated", "absent"};
  return names[s];
}

static json_t *result(TxArena *a, const TxProgram *p, const TxDiag *d) {
  json_t *where;
  if (d->baseline == TX_BASELINE_ABSENT && d->span.file == TX_NONE) {
    where = json_pack("{s:o}", "path", tx_json_str(a, d->absent_path));
    if (d->absent_line)
      json_object_set_new(where, "start", json_pack("{s:i}", "line", (json_int_t)d->absent_line));
  } else {
    where = location(a, p, d->span);
  }
  json_t *r =
      json_pack("{s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:b}", "rule", d->rule_id, "level",
                tx_severity_name(d->level), "message", tx_json_str(a, d->message), "location",
                where, "related", steps(a, p, d->related.items, d->related.count), "flow",
                steps(a, p, d->flow.items, d->flow.count), "fingerprint",
                tx_json_str(a, d->fingerprint), "suppressed", d->suppressed);
  if (d->suppressed)
    json_object_set_new(r, "justification", tx_json_str(a, d->justification));
  if (d->baseline != TX_BASELINE_NONE)
    json_object_set_new(r, "baseline", json_string(baseline_name(d->baseline)));
  json_t *fixes = json_array();
  if (d->fix && d->fix->edit_count)
    json_array_append_new(fixes, fix_json(a, p, d->fix));
  json_object_set_new(r, "fixes", fixes);
  return r;
}

static json_t *notice(TxArena *a, const TxFile *f, const TxNotice *n) {
  json_t *j = json_pack("{s:o,s:s,s:o}", "id", tx_json_str(a, n->id), "level",
                        n->level == TX_NOTICE_ERROR     ? "error"
                        : n->level == TX_NOTICE_WARNING ? "warning"
                                                        : "note",
                        "message", tx_json_str(a, n->message));
  if (f) {
    json_t *loc = json_pack("{s:o}", "path", tx_json_str(a, f->src.path));
    if (n->has_span) {
      json_object_set_new(loc, "start", position(f, n->span.start));
      json_object_set_new(loc, "end",
                          position(f, n->span.end > n->span.start ? n->span.end : n->span.start));
    }
    json_object_set_new(j, "location", loc);
  }
  return j;
}

static json_t *notices(TxArena *a, const TxProgram *p) {
  json_t *list = json_array();
  for (uint32_t i = 0; i < p->notice_count; i++)
    json_array_append_new(list, notice(a, NULL, &p->notices[i]));
  for (uint32_t i = 0; i < p->file_count; i++) {
    for (uint32_t k = 0; k < p->files[i]->notice_count && p->files[i]->report; k++)
      json_array_append_new(list, notice(a, p->files[i], &p->files[i]->notices[k]));
  }
  return list;
}

bool tx_emit_json(FILE *out, const TxProgram *p, const TxDiagSink *sink, const TxEmitOptions *o) {
  TxArena a;
  tx_arena_init(&a);
  json_t *results = json_array();
  uint32_t suppressed = 0;
  for (uint32_t i = 0; i < sink->items.count; i++) {
    json_array_append_new(results, result(&a, p, sink->items.items[i]));
    suppressed += sink->items.items[i]->suppressed;
  }
  uint32_t errors, warnings, notes;
  tx_emit_count(sink, &errors, &warnings, &notes);
  json_t *summary = json_pack("{s:i,s:i,s:i,s:i,s:i}", "files", (json_int_t)p->file_count, "errors",
                              (json_int_t)errors, "warnings", (json_int_t)warnings, "notes",
                              (json_int_t)notes, "suppressed", (json_int_t)suppressed);
  json_t *doc = json_pack("{s:s,s:i,s:{s:s,s:s,s:s},s:o,s:o,s:o}", "$schema", TX_JSON_SCHEMA_URI,
                          "schemaVersion", (json_int_t)TX_JSON_SCHEMA_VERSION, "tool", "name",
                          "txlint", "version", o->version, "url", TX_INFORMATION_URI, "results",
                          results, "notices", notices(&a, p), "summary", summary);
  bool ok = tx_json_write(out, doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  tx_arena_fini(&a);
  return ok;
}
