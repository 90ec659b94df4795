// lsp_actions.c: code actions for txlint's diagnostics: suppress the rule on the finding's
// line or in the whole file (a `txlint-ignore` comment with a placeholder reason, which
// unused-suppression reports until someone writes a real one), and the rule's document.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag/diag.h"
#include "ir/suppress.h"
#include "lsp_internal.h"
#include "rules/rule.h"

static json_t *insert_edit(const char *uri, uint32_t line, const char *text) {
  json_t *pos = json_pack("{sisi}", "line", line, "character", 0);
  json_t *edit = json_pack("{s{sOsO}ss}", "range", "start", pos, "end", pos, "newText", text);
  json_decref(pos);
  json_t *changes = json_object();
  json_object_set_new(changes, uri, json_pack("[o]", edit));
  return json_pack("{so}", "changes", changes);
}

// Whether `actions` has one titled `title` already (several findings of one rule on a line,
// or in a file, need one action).
static bool has_title(json_t *actions, const char *title) {
  size_t i;
  json_t *a;
  json_array_foreach(actions, i, a) {
    if (strcmp(json_string_value(json_object_get(a, "title")), title) == 0)
      return true;
  }
  return false;
}

static void add_fix(json_t *actions, const char *title, json_t *diag, json_t *edit) {
  if (has_title(actions, title)) {
    json_decref(edit);
    return;
  }
  json_array_append_new(actions, json_pack("{sssss[O]so}", "title", title, "kind", "quickfix",
                                           "diagnostics", diag, "edit", edit));
}

// The leading blanks of line `line` of the document.
static void indentation(const TxLsp *s, const TxLspDoc *d, uint32_t line, char *out, size_t cap) {
  size_t at = tx_lsp_offset(d->text, d->len, line, 0, s->enc);
  size_t n = 0;
  while (at + n < d->len && n + 1 < cap && (d->text[at + n] == ' ' || d->text[at + n] == '\t'))
    n++;
  memcpy(out, d->text + at, n);
  out[n] = '\0';
}

static uint32_t start_line(json_t *range) {
  return (uint32_t)json_integer_value(json_object_get(json_object_get(range, "start"), "line"));
}

// `line`: the finding's line (its diagnostic's range, else the request's).
static void suppress_actions(const TxLsp *s, const TxLspDoc *d, const char *uri, json_t *diag,
                             uint32_t line, const char *rule, bool sql, json_t *actions) {
  const char *mark = sql ? "--" : "//";
  char indent[256], text[512], title[160];
  indentation(s, d, line, indent, sizeof indent);
  snprintf(text, sizeof text, "%s%s txlint-ignore %s -- %s\n", indent, mark, rule,
           TX_SUPPRESS_PLACEHOLDER);
  snprintf(title, sizeof title, "Suppress %s on line %u", rule, line + 1);
  add_fix(actions, title, diag, insert_edit(uri, line, text));
  // At the top, below a #! line (which must stay first).
  uint32_t top = d->len >= 2 && d->text[0] == '#' && d->text[1] == '!' ? 1 : 0;
  snprintf(text, sizeof text, "%s txlint-ignore-file %s -- %s\n", mark, rule,
           TX_SUPPRESS_PLACEHOLDER);
  snprintf(title, sizeof title, "Suppress %s in this file", rule);
  add_fix(actions, title, diag, insert_edit(uri, top, text));
}

// The finding's own fix, made by its rule (diagnostic data "fix"): a quick fix, preferred only
// when the rule says it is safe. A suggestion (tenant-filter's `.eq()`, which changes which
// rows the statement touches) is the user's choice, one finding at a time.
static void fix_action(const char *uri, json_t *diag, json_t *fix, json_t *actions) {
  const char *title = json_string_value(json_object_get(fix, "title"));
  const char *kind = json_string_value(json_object_get(fix, "kind"));
  json_t *edits = json_object_get(fix, "edits");
  if (!title || !kind || !json_is_array(edits) || json_array_size(edits) == 0 ||
      has_title(actions, title))
    return;
  json_t *changes = json_object();
  json_object_set(changes, uri, edits);
  json_array_append_new(actions, json_pack("{sssss[O]sbs{so}}", "title", title, "kind", "quickfix",
                                           "diagnostics", diag, "isPreferred",
                                           strcmp(kind, "safe") == 0, "edit", "changes", changes));
}

static void docs_action(const char *rule, json_t *actions) {
  char title[160];
  snprintf(title, sizeof title, "Show documentation for %s", rule);
  if (has_title(actions, title))
    return;
  json_array_append_new(actions, json_pack("{sss{sss[s]}}", "title", title, "command", "title",
                                           title, "command", TX_LSP_SHOW_DOCS, "arguments", rule));
}

json_t *tx_lsp_code_actions(TxLsp *s, json_t *params) {
  json_t *actions = json_array();
  const char *uri =
      json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
  json_t *diags = json_object_get(json_object_get(params, "context"), "diagnostics");
  if (!uri || !json_is_array(diags))
    return actions;
  pthread_mutex_lock(&s->lock);
  TxLspDoc *d = tx_lsp_doc(s, uri);
  size_t i;
  json_t *diag;
  json_array_foreach(diags, i, diag) {
    json_t *data = json_object_get(diag, "data");
    const char *source = json_string_value(json_object_get(diag, "source"));
    const char *rule = json_string_value(json_object_get(data, "rule"));
    // Not ours, or not a rule this txlint knows. Some clients send back only part of a
    // diagnostic (Neovim 0.7: code and data, no source or range): `data` is what counts.
    if (!d || (source && strcmp(source, "txlint") != 0) || !rule || !tx_rule_find(rule))
      continue;
    json_t *range = json_object_get(diag, "range");
    uint32_t line = start_line(json_is_object(range) ? range : json_object_get(params, "range"));
    if (json_is_true(json_object_get(data, "suppressible")))
      suppress_actions(s, d, uri, diag, line, rule, json_is_true(json_object_get(data, "sql")),
                       actions);
    json_t *fix = json_object_get(data, "fix");
    if (fix)
      fix_action(uri, diag, fix, actions);
    docs_action(rule, actions);
  }
  pthread_mutex_unlock(&s->lock);
  return actions;
}

json_t *tx_lsp_execute(TxLsp *s, json_t *params) {
  const char *cmd = json_string_value(json_object_get(params, "command"));
  const char *rule = json_string_value(json_array_get(json_object_get(params, "arguments"), 0));
  if (!cmd || strcmp(cmd, TX_LSP_SHOW_DOCS) != 0 || !rule || !tx_rule_find(rule))
    return NULL;
  char href[256];
  snprintf(href, sizeof href, "%s%s.md", TX_LSP_DOCS_URI, rule);
  if (s->show_document) {
    static unsigned next; // reader thread only
    char id[32];
    snprintf(id, sizeof id, "txlint-%u", ++next);
    tx_lsp_send(s, json_pack("{sssss{sssb}}", "id", id, "method", "window/showDocument", "params",
                             "uri", href, "external", 1));
  } else {
    char msg[320];
    snprintf(msg, sizeof msg, "%s: %s", rule, href);
    tx_lsp_notify(s, "window/showMessage", json_pack("{siss}", "type", 3, "message", msg));
  }
  return json_null();
}
