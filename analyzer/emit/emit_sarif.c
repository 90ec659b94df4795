// emit_sarif.c: SARIF 2.1.0 (OASIS), shaped for GitHub code scanning and editor viewers.
//
// One run: tool.driver with full rule metadata (help = the rule's markdown document),
// results with ruleIndex, physical locations relative to %SRCROOT% (originalUriBaseIds
// gives its absolute file URI; a file outside the root gets its own absolute file URI), regions in
// UTF-16 code units (columnKind), snippets, related locations linked from the message, code flows,
// partialFingerprints under "txlint/v1", suppressions and baseline states, and input problems as
// toolExecutionNotifications. Every string is repaired to valid UTF-8 before it reaches
// jansson (which rejects invalid UTF-8). GitHub's upload limits are respected: results
// beyond TX_SARIF_MAX_RESULTS and related locations beyond TX_SARIF_MAX_LOCATIONS are
// dropped with a notification saying so.
#include <jansson.h>
#include <limits.h>
#include <string.h>

#include "emit.h"
#include "emit_util.h"
#include "rules/rule.h"

#define TX_SARIF_SCHEMA                                                                            \
  "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
#ifndef TX_HELP_BASE_URI
#define TX_HELP_BASE_URI "https://github.com/txlint/txlint/blob/main/rules/"
#endif
#define TX_INFORMATION_URI "https://github.com/txlint/txlint"
enum {
  TX_SARIF_MAX_RESULTS = 25000,   // GitHub: results per run
  TX_SARIF_MAX_LOCATIONS = 1000,  // GitHub: locations per result
  TX_SARIF_MAX_FLOW_STEPS = 1000, // GitHub: thread flow locations per flow
};

typedef struct Out {
  TxArena scratch; // repaired strings
  const TxProgram *p;
} Out;

static json_t *jstr(Out *o, TxStr s) {
  if (s.len == 0)
    return json_string("");
  TxStr v = tx_emit_utf8(&o->scratch, s);
  json_t *j = json_stringn(v.ptr, v.len);
  return j ? j : json_string("\xEF\xBF\xBD");
}

static json_t *jcstr(const char *s) {
  return json_string(s);
}

static json_t *text_message(Out *o, TxStr s) {
  return json_pack("{s:o}", "text", jstr(o, s));
}

static const char *level_name(TxSeverity s) {
  return s == TX_SEV_ERROR ? "error" : s == TX_SEV_WARNING ? "warning" : "note";
}

static const char *category_tag(TxCategory c) {
  return c == TX_CAT_SECURITY      ? "security"
         : c == TX_CAT_RELIABILITY ? "reliability"
                                   : "correctness";
}

static const char *precision_name(TxPrecision p) {
  static const char *const names[] = {"very-high", "high", "medium", "low"};
  return names[p];
}

// The rule document without its front matter.
static const char *doc_body(const char *doc) {
  if (!doc || strncmp(doc, "---", 3) != 0)
    return doc;
  const char *end = strstr(doc + 3, "\n---");
  if (!end)
    return doc;
  end += 4;
  while (*end == '\n' || *end == '\r')
    end++;
  return end;
}

static json_t *rule_json(Out *o, const TxRule *r) {
  const TxConfig *cfg = o->p->config;
  const char *doc = doc_body(tx_rule_doc(r->id));
  char uri[512];
  snprintf(uri, sizeof uri, "%s%s.md", TX_HELP_BASE_URI, r->id);
  json_t *tags = json_pack("[s,s]", category_tag(r->category), "supabase");
  json_t *props = json_pack("{s:o,s:s,s:s}", "tags", tags, "precision",
                            precision_name(r->precision), "problem.severity",
                            r->severity == TX_SEV_ERROR     ? "error"
                            : r->severity == TX_SEV_WARNING ? "warning"
                                                            : "recommendation");
  if (r->security_severity)
    json_object_set_new(props, "security-severity", jcstr(r->security_severity));
  const char *description = tx_rule_description(r->id);
  json_t *help =
      json_pack("{s:s,s:s}", "text", doc ? doc : description, "markdown", doc ? doc : description);
  TxSeverity level = tx_config_rule_level(cfg, r->id, r->severity);
  json_t *j = json_pack("{s:s,s:s,s:{s:s},s:{s:s},s:o,s:s,s:{s:s,s:b},s:o}", "id", r->id, "name",
                        r->name, "shortDescription", "text", tx_rule_summary(r->id),
                        "fullDescription", "text", description, "help", help, "helpUri", uri,
                        "defaultConfiguration", "level", level_name(level), "enabled",
                        tx_config_rule_enabled(cfg, r->id), "properties", props);
  return j;
}

static json_t *region(Out *o, const TxFile *f, TxSpan span, bool snippet) {
  TxPos a = tx_source_pos(&f->src, span.start);
  TxPos b = tx_source_pos(&f->src, span.end > span.start ? span.end : span.start);
  if (b.line == a.line && b.col == a.col)
    b.col = a.col + 1; // an empty span still marks one character
  json_t *r =
      json_pack("{s:i,s:i,s:i,s:i}", "startLine", (json_int_t)a.line, "startColumn",
                (json_int_t)a.col, "endLine", (json_int_t)b.line, "endColumn", (json_int_t)b.col);
  const char *src = snippet ? tx_source_text(&f->src) : NULL;
  if (src && span.end <= f->src.len) {
    TxStr text = {src + span.start, span.end - span.start};
    if (text.len > 400)
      text.len = 400;
    if (text.len)
      json_object_set_new(r, "snippet", json_pack("{s:o}", "text", jstr(o, text)));
  }
  return r;
}

// Percent-encodes a path for a URI: everything but unreserved characters and '/'. Invalid
// UTF-8 bytes are encoded too, so the URI is always valid.
static TxStr uri_encode(Out *o, const char *prefix, TxStr path, bool trailing_slash) {
  size_t plen = strlen(prefix);
  char *buf = tx_arena_alloc(&o->scratch, plen + (size_t)path.len * 3 + 2);
  memcpy(buf, prefix, plen);
  size_t n = plen;
  static const char hex[] = "0123456789ABCDEF";
  for (uint32_t i = 0; i < path.len; i++) {
    unsigned char c = (unsigned char)path.ptr[i];
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 c == '/' || c == '-' || c == '.' || c == '_' || c == '~';
    if (plain) {
      buf[n++] = (char)c;
    } else {
      buf[n++] = '%';
      buf[n++] = hex[c >> 4];
      buf[n++] = hex[c & 15];
    }
  }
  if (trailing_slash && (n == 0 || buf[n - 1] != '/'))
    buf[n++] = '/';
  buf[n] = '\0';
  return (TxStr){buf, (uint32_t)n};
}

// A path relative to the root is a URI reference against %SRCROOT%. A file outside the root
// (a second PATH in another tree) has an absolute path: its URI is an absolute file:// URI,
// which must not carry a uriBaseId (SARIF 3.4.4; the Multitool's SARIF1004).
static json_t *artifact_location(Out *o, TxStr path) {
  if (path.len && path.ptr[0] == '/')
    return json_pack("{s:o}", "uri", jstr(o, uri_encode(o, "file://", path, false)));
  return json_pack("{s:o,s:s}", "uri", jstr(o, uri_encode(o, "", path, false)), "uriBaseId",
                   "%SRCROOT%");
}

static json_t *location(Out *o, TxSpan span, bool snippet) {
  const TxFile *f = tx_program_file(o->p, span.file);
  if (!f)
    return json_object();
  json_t *art = artifact_location(o, f->src.path);
  return json_pack("{s:{s:o,s:o}}", "physicalLocation", "artifactLocation", art, "region",
                   region(o, f, span, snippet));
}

// Message with related locations linked: "... ([write 1](1), [write 2](2))". Brackets in
// the message itself are escaped, as SARIF's message format requires.
static json_t *result_message(Out *o, const TxDiag *d, uint32_t related) {
  if (related == 0)
    return text_message(o, d->message);
  size_t cap = (size_t)d->message.len * 2 + (size_t)64 * related + 16;
  char *buf = tx_arena_alloc(&o->scratch, cap);
  size_t n = 0;
  for (uint32_t i = 0; i < d->message.len; i++) {
    char c = d->message.ptr[i];
    if (c == '[' || c == ']' || c == '\\')
      buf[n++] = '\\';
    buf[n++] = c;
  }
  n += (size_t)snprintf(buf + n, cap - n, " (see ");
  for (uint32_t i = 0; i < related && n < cap - 32; i++)
    n += (size_t)snprintf(buf + n, cap - n, "%s[%u](%u)", i ? ", " : "", i + 1, i + 1);
  n += (size_t)snprintf(buf + n, cap - n, ")");
  return json_pack("{s:o}", "text", jstr(o, (TxStr){buf, (uint32_t)n}));
}

static json_t *code_flow(Out *o, const TxDiag *d) {
  json_t *locs = json_array();
  uint32_t n = d->flow.count < TX_SARIF_MAX_FLOW_STEPS ? d->flow.count : TX_SARIF_MAX_FLOW_STEPS;
  for (uint32_t i = 0; i < n; i++) {
    json_t *loc = location(o, d->flow.items[i].span, false);
    json_object_set_new(loc, "message", text_message(o, d->flow.items[i].message));
    json_array_append_new(locs, json_pack("{s:o}", "location", loc));
  }
  return json_pack("[{s:[{s:o}]}]", "threadFlows", "locations", locs);
}

static const char *baseline_name(TxBaselineState s) {
  static const char *const names[] = {"", "new", "unchanged", "updated", "absent"};
  return names[s];
}

// Where an absent result was in the baseline: its file may be gone, so no snippet.
static json_t *absent_location(Out *o, const TxDiag *d) {
  json_t *art = artifact_location(o, d->absent_path);
  json_t *phys = json_pack("{s:o}", "artifactLocation", art);
  if (d->absent_line)
    json_object_set_new(phys, "region",
                        json_pack("{s:i}", "startLine", (json_int_t)d->absent_line));
  return json_pack("{s:o}", "physicalLocation", phys);
}

// An edit's region: exactly its bytes, so an insertion is an empty region (endColumn ==
// startColumn, SARIF 3.30.1), unlike a finding's region which always marks a character.
static json_t *edit_region(const TxFile *f, TxSpan span) {
  TxPos a = tx_source_pos(&f->src, span.start);
  TxPos b = tx_source_pos(&f->src, span.end);
  return json_pack("{s:i,s:i,s:i,s:i}", "startLine", (json_int_t)a.line, "startColumn",
                   (json_int_t)a.col, "endLine", (json_int_t)b.line, "endColumn",
                   (json_int_t)b.col);
}

// The fix as SARIF `fixes`: one artifactChange (a fix edits one file) whose replacements are
// the edits; the kind (safe or suggestion) as a property, since SARIF has no such notion.
static json_t *fixes_json(Out *o, const TxFix *fix) {
  const TxFile *f = tx_program_file(o->p, fix->edits[0].span.file);
  if (!f)
    return json_array();
  json_t *reps = json_array();
  for (uint32_t i = 0; i < fix->edit_count; i++)
    json_array_append_new(reps, json_pack("{s:o,s:{s:o}}", "deletedRegion",
                                          edit_region(f, fix->edits[i].span), "insertedContent",
                                          "text", jstr(o, fix->edits[i].insertion)));
  return json_pack("[{s:o,s:[{s:o,s:o}],s:{s:s}}]", "description",
                   text_message(o, fix->description), "artifactChanges", "artifactLocation",
                   artifact_location(o, f->src.path), "replacements", reps, "properties", "kind",
                   tx_fix_kind_name(fix->kind));
}

static json_t *result_json(Out *o, const TxDiag *d, bool any_suppressed) {
  uint32_t related =
      d->related.count < TX_SARIF_MAX_LOCATIONS ? d->related.count : TX_SARIF_MAX_LOCATIONS;
  json_t *where = d->baseline == TX_BASELINE_ABSENT && d->span.file == TX_NONE
                      ? absent_location(o, d)
                      : location(o, d->span, true);
  json_t *r = json_pack("{s:s,s:s,s:o,s:[o]}", "ruleId", d->rule_id, "level", level_name(d->level),
                        "message", result_message(o, d, related), "locations", where);
  if (d->rule_index != TX_NONE)
    json_object_set_new(r, "ruleIndex", json_integer(d->rule_index));
  if (related) {
    json_t *rel = json_array();
    for (uint32_t i = 0; i < related; i++) {
      json_t *loc = location(o, d->related.items[i].span, false);
      json_object_set_new(loc, "id", json_integer(i + 1));
      json_object_set_new(loc, "message", text_message(o, d->related.items[i].message));
      json_array_append_new(rel, loc);
    }
    json_object_set_new(r, "relatedLocations", rel);
  }
  if (d->flow.count)
    json_object_set_new(r, "codeFlows", code_flow(o, d));
  if (d->fingerprint.len)
    json_object_set_new(r, "partialFingerprints",
                        json_pack("{s:o}", "txlint/v1", jstr(o, d->fingerprint)));
  if (any_suppressed) {
    json_t *sup = json_array();
    if (d->suppressed)
      json_array_append_new(sup, json_pack("{s:s,s:o}", "kind", "inSource", "justification",
                                           jstr(o, d->justification)));
    json_object_set_new(r, "suppressions", sup);
  }
  if (d->baseline != TX_BASELINE_NONE)
    json_object_set_new(r, "baselineState", jcstr(baseline_name(d->baseline)));
  if (d->fix && d->fix->edit_count)
    json_object_set_new(r, "fixes", fixes_json(o, d->fix));
  if (d->prop_count) {
    json_t *props = json_object();
    for (uint32_t i = 0; i < d->prop_count; i++)
      json_object_set_new(props, d->props[i].key, jstr(o, d->props[i].value));
    json_object_set_new(r, "properties", props);
  }
  return r;
}

static json_t *notification(Out *o, const TxFile *f, const TxNotice *n) {
  json_t *j = json_pack("{s:o,s:s,s:{s:o}}", "message", text_message(o, n->message), "level",
                        n->level == TX_NOTICE_ERROR     ? "error"
                        : n->level == TX_NOTICE_WARNING ? "warning"
                                                        : "note",
                        "descriptor", "id", jstr(o, n->id));
  if (f) {
    json_t *loc = n->has_span ? location(o, n->span, false)
                              : json_pack("{s:{s:o}}", "physicalLocation", "artifactLocation",
                                          artifact_location(o, f->src.path));
    json_object_set_new(j, "locations", json_pack("[o]", loc));
  }
  return j;
}

static json_t *notifications(Out *o, uint32_t dropped_results) {
  const TxProgram *p = o->p;
  json_t *list = json_array();
  for (uint32_t i = 0; i < p->notice_count; i++)
    json_array_append_new(list, notification(o, NULL, &p->notices[i]));
  for (uint32_t i = 0; i < p->file_count; i++) {
    for (uint32_t k = 0; k < p->files[i]->notice_count; k++) {
      if (p->files[i]->report)
        json_array_append_new(list, notification(o, p->files[i], &p->files[i]->notices[k]));
    }
  }
  if (dropped_results) {
    char msg[200];
    snprintf(msg, sizeof msg,
             "%u results were left out to stay within GitHub's limit of %d results per run",
             dropped_results, TX_SARIF_MAX_RESULTS);
    json_array_append_new(list, json_pack("{s:{s:s},s:s,s:{s:s}}", "message", "text", msg, "level",
                                          "warning", "descriptor", "id", "limit"));
    fprintf(stderr, "txlint: warning: SARIF output: %s\n", msg);
  }
  return list;
}

static json_t *root_uri(Out *o) {
  return jstr(o, uri_encode(o, "file://", o->p->root, true));
}

bool tx_emit_sarif(FILE *out, const TxProgram *p, const TxDiagSink *sink, const TxEmitOptions *eo) {
  Out o = {{0}, p};
  tx_arena_init(&o.scratch);
  json_t *rules = json_array();
  for (uint32_t i = 0; i < tx_rule_count; i++)
    json_array_append_new(rules, rule_json(&o, tx_rules[i]));
  bool any_suppressed = false;
  for (uint32_t i = 0; i < sink->items.count; i++)
    any_suppressed |= sink->items.items[i]->suppressed;
  json_t *results = json_array();
  uint32_t kept = 0, dropped = 0;
  for (uint32_t i = 0; i < sink->items.count; i++) {
    if (kept >= TX_SARIF_MAX_RESULTS) {
      dropped++;
      continue;
    }
    json_array_append_new(results, result_json(&o, sink->items.items[i], any_suppressed));
    kept++;
  }
  json_t *driver = json_pack("{s:s,s:s,s:s,s:s,s:o}", "name", "txlint", "version", eo->version,
                             "semanticVersion", eo->version, "informationUri", TX_INFORMATION_URI,
                             "rules", rules);
  json_t *invocation = json_pack("{s:b,s:o}", "executionSuccessful", true,
                                 "toolExecutionNotifications", notifications(&o, dropped));
  json_t *run = json_pack("{s:{s:o},s:{s:s},s:{s:{s:o}},s:s,s:o,s:[o]}", "tool", "driver", driver,
                          "automationDetails", "id", "txlint/", "originalUriBaseIds", "%SRCROOT%",
                          "uri", root_uri(&o), "columnKind", "utf16CodeUnits", "results", results,
                          "invocations", invocation);
  json_t *log =
      json_pack("{s:s,s:s,s:[o]}", "$schema", TX_SARIF_SCHEMA, "version", "2.1.0", "runs", run);
  bool ok = log && json_dumpf(log, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0;
  fputc('\n', out);
  json_decref(log);
  tx_arena_fini(&o.scratch);
  return ok && !ferror(out);
}
