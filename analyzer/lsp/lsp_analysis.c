// lsp_analysis.c: the worker thread of `txlint lsp`. It loads the workspace once at
// initialize (through the persistent cache) and keeps the program in memory (session.h);
// after every change (debounced) it analyses the project with the open documents' unsaved
// text standing in for their files: only the changed buffers are extracted again, then the
// whole program is linked and checked, so a helper's change reaches its callers' findings;
// and it publishes the diagnostics of every file whose findings changed. An analysis overtaken by
// a newer change is stopped (TxLsp.cancel) and thrown away unpublished: the next one starts
// at once.
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#define XXH_STATIC_LINKING_ONLY // XXH3_state_t on the stack
#include <xxhash.h>

#include "base/clock.h"
#include "config/cli.h"
#include "crash.h"
#include "driver.h"
#include "lsp_internal.h"
#include "rules/rule.h"
#include "session.h"

// What one analysis reads from the documents, copied so the reader can go on editing.
typedef struct Snapshot {
  TxOverlay *overlays; // point into paths and texts, which the snapshot owns
  char **paths;
  char **texts;
  char **uris;
  int64_t *versions;
  uint32_t count;
  uint64_t gen;
} Snapshot;

void tx_lsp_changed(TxLsp *s) {
  uint64_t now = tx_now_ns();
  s->gap_ns = s->last_change_ns ? now - s->last_change_ns : UINT64_MAX;
  s->last_change_ns = now;
  s->gen++;
  atomic_store(&s->cancel, true);
  pthread_cond_signal(&s->cond);
}

// `path` relative to the configuration's root `root` (absolute, no trailing '/'), as the
// walk shows it; NULL when it is not inside.
static const char *shown_path(const char *root, const char *path) {
  size_t n = strlen(root);
  if (strcmp(root, "/") == 0)
    return path[1] ? path + 1 : NULL;
  return strncmp(path, root, n) == 0 && path[n] == '/' && path[n + 1] ? path + n + 1 : NULL;
}

// Caller holds s->lock. Without a usable configuration there are no overlays (and no analysis).
static Snapshot take_snapshot(TxLsp *s) {
  Snapshot snap = {0};
  uint32_t n = s->docs.count;
  snap.overlays = tx_xcalloc(n ? n : 1, sizeof(TxOverlay));
  snap.paths = tx_xcalloc(n ? n : 1, sizeof(char *));
  snap.texts = tx_xcalloc(n ? n : 1, sizeof(char *));
  snap.uris = tx_xcalloc(n ? n : 1, sizeof(char *));
  snap.versions = tx_xcalloc(n ? n : 1, sizeof(int64_t));
  for (uint32_t i = 0; i < n; i++) {
    const TxLspDoc *d = &s->docs.items[i];
    const char *rel = d->path && s->cfg_ok ? shown_path(s->cfg.root, d->path) : NULL;
    if (!rel || d->len > UINT32_MAX)
      continue;
    char *text = tx_xmalloc(d->len + 1);
    memcpy(text, d->text, d->len + 1);
    snap.paths[snap.count] = strdup(rel);
    snap.texts[snap.count] = text;
    snap.overlays[snap.count] =
        (TxOverlay){snap.paths[snap.count], snap.texts[snap.count], (uint32_t)d->len};
    snap.uris[snap.count] = strdup(d->uri);
    snap.versions[snap.count] = d->version;
    snap.count++;
  }
  snap.gen = s->gen;
  atomic_store(&s->cancel, false);
  return snap;
}

static void snapshot_fini(Snapshot *snap) {
  for (uint32_t i = 0; i < snap->count; i++) {
    free(snap->paths[i]);
    free(snap->texts[i]);
    free(snap->uris[i]);
  }
  free(snap->overlays);
  free(snap->paths);
  free(snap->texts);
  free(snap->uris);
  free(snap->versions);
}

// The configuration, as `txlint <root>` would have it (.txlint.yml of the root). A bad file
// is shown to the user; analysis then waits for it to be fixed.
static void load_config(TxLsp *s) {
  tx_session_reset(s->session); // its program points into the configuration
  if (s->cfg_ok)
    tx_config_fini(&s->cfg);
  tx_config_defaults(&s->cfg);
  char prog[] = "txlint";
  char *argv[] = {prog, s->root, NULL};
  char err[512] = "";
  s->cfg_ok = tx_cli_parse(&s->cfg, 2, argv, tx_rule_known, err, sizeof err) == TX_CLI_RUN;
  if (!s->cfg_ok) {
    tx_config_fini(&s->cfg);
    tx_lsp_log("configuration: %s", err);
    char msg[600];
    snprintf(msg, sizeof msg, "txlint: %s", err);
    tx_lsp_notify(s, "window/showMessage", json_pack("{siss}", "type", 1, "message", msg));
  }
}

// --- diagnostics --------------------------------------------------------------------------

typedef struct Build {
  const TxLsp *s;
  const TxProgram *p;
  const Snapshot *snap;
  char **uris; // per file id, made on first use
} Build;

static const char *file_uri(Build *b, uint32_t file) {
  if (b->uris[file])
    return b->uris[file];
  const TxFile *f = b->p->files[file];
  for (uint32_t i = 0; i < b->snap->count; i++) {
    if (tx_str_eq_c(f->src.path, b->snap->overlays[i].path))
      return b->uris[file] = strdup(b->snap->uris[i]); // the client's own spelling
  }
  const char *root = b->p->config->root; // shown paths are relative to it
  char *abs = tx_xmalloc(strlen(root) + f->src.path.len + 2);
  sprintf(abs, "%s%s%.*s", root, strcmp(root, "/") == 0 ? "" : "/", TX_STR_ARG(f->src.path));
  b->uris[file] = tx_lsp_path_to_uri(abs);
  free(abs);
  return b->uris[file];
}

static json_t *position(const TxLsp *s, const TxSource *src, uint32_t offset) {
  TxPos pos = tx_source_pos(src, offset);
  uint32_t col = s->enc == TX_LSP_UTF8 ? pos.byte_col : pos.col;
  return json_pack("{sisi}", "line", pos.line ? pos.line - 1 : 0, "character", col ? col - 1 : 0);
}

static json_t *range(const TxLsp *s, const TxSource *src, TxSpan sp) {
  return json_pack("{soso}", "start", position(s, src, sp.start), "end",
                   position(s, src, sp.end > sp.start ? sp.end : sp.start));
}

// A JSON string of `s`; bytes that are not valid UTF-8 (a message may quote a file's invalid
// text) become '?', since JSON strings are Unicode.
static json_t *jstr(TxStr s) {
  json_t *v = json_stringn(s.ptr, s.len);
  if (v)
    return v;
  char *copy = tx_xmalloc(s.len + 1);
  for (uint32_t i = 0; i < s.len; i++) {
    char c = s.ptr[i];
    if ((unsigned char)c >= 0x80 || c == '\0')
      c = '?';
    copy[i] = c;
  }
  v = json_stringn(copy, s.len);
  free(copy);
  return v;
}

static int lsp_severity(TxSeverity level) {
  switch (level) {
  case TX_SEV_ERROR:
    return 1;
  case TX_SEV_WARNING:
    return 2;
  case TX_SEV_NOTE:
    return 3;
  case TX_SEV_NONE:
    break;
  }
  return 4;
}

// The finding's fix (TxDiag.fix, made by its rule), for the code action: its description,
// kind and edits as LSP text edits. Only a fix whose edits are all in the finding's file.
static void add_fix(Build *b, const TxDiag *d, json_t *data) {
  const TxFix *fix = d->fix;
  if (!fix || fix->edit_count == 0)
    return;
  const TxFile *f = b->p->files[d->span.file];
  json_t *edits = json_array();
  for (uint32_t i = 0; i < fix->edit_count; i++) {
    const TxEdit *e = &fix->edits[i];
    if (e->span.file != d->span.file) {
      json_decref(edits);
      return;
    }
    json_array_append_new(edits, json_pack("{soss%}", "range", range(b->s, &f->src, e->span),
                                           "newText", e->insertion.len ? e->insertion.ptr : "",
                                           (size_t)e->insertion.len));
  }
  json_object_set_new(
      data, "fix",
      json_pack("{ss%ssso}", "title", fix->description.len ? fix->description.ptr : "",
                (size_t)fix->description.len, "kind", tx_fix_kind_name(fix->kind), "edits", edits));
}

// One finding as an LSP Diagnostic. `data` carries what the code actions need: the rule,
// whether comments can suppress it and the file's comment syntax.
static json_t *diagnostic(Build *b, const TxDiag *d) {
  const TxLsp *s = b->s;
  const TxFile *f = b->p->files[d->span.file];
  char href[256];
  snprintf(href, sizeof href, "%s%s.md", TX_LSP_DOCS_URI, d->rule_id);
  bool suppressible = strcmp(d->rule_id, "unused-suppression") != 0;
  json_t *out =
      json_pack("{sosisss{ss}sssos{sssbsb}}", "range", range(s, &f->src, d->span), "severity",
                lsp_severity(d->level), "code", d->rule_id, "codeDescription", "href", href,
                "source", "txlint", "message", jstr(d->message), "data", "rule", d->rule_id,
                "suppressible", suppressible, "sql", f->src.lang == TX_LANG_SQL);
  add_fix(b, d, json_object_get(out, "data"));
  json_t *related = json_array();
  for (uint32_t i = 0; i < d->related.count; i++) {
    const TxRelated *r = &d->related.items[i];
    const TxFile *rf = tx_program_file(b->p, r->span.file);
    if (!rf)
      continue;
    json_array_append_new(
        related, json_pack("{s{ssso}so}", "location", "uri", file_uri(b, r->span.file), "range",
                           range(s, &rf->src, r->span), "message", jstr(r->message)));
  }
  if (json_array_size(related))
    json_object_set_new(out, "relatedInformation", related);
  else
    json_decref(related);
  return out;
}

// Results are kept sorted by URI (build_results), so a lookup is a binary search: the
// comparisons after each analysis stay O(n log n) on a workspace with many findings.
static const TxLspResult *result_for(const TxLspResults *list, const char *uri) {
  uint32_t lo = 0, hi = list->count;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    int c = strcmp(list->items[mid].uri, uri);
    if (c == 0)
      return &list->items[mid];
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

static int cmp_result(const void *a, const void *b) {
  return strcmp(((const TxLspResult *)a)->uri, ((const TxLspResult *)b)->uri);
}

static void print_str(XXH3_state_t *h, const char *p, size_t n) {
  uint64_t len = n;
  XXH3_64bits_update(h, &len, sizeof len);
  XXH3_64bits_update(h, p, n);
}

static void print_u64(XXH3_state_t *h, uint64_t v) {
  XXH3_64bits_update(h, &v, sizeof v);
}

// What a span's JSON is made from: its file's URI and text (the line index) and its offsets.
static void print_span(XXH3_state_t *h, Build *b, TxSpan sp) {
  const TxFile *f = b->p->files[sp.file];
  print_str(h, file_uri(b, sp.file), strlen(file_uri(b, sp.file)));
  print_u64(h, f->src.hash);
  print_u64(h, f->src.len);
  print_u64(h, ((uint64_t)sp.start << 32) | sp.end);
}

// Hashes everything diagnostic() reads of `d`, so that a file whose findings hash the same as
// in the last analysis keeps its JSON: most files' findings do not change with an edit, and
// building and comparing their JSON was most of the time after an analysis.
static void print_diag(XXH3_state_t *h, Build *b, const TxDiag *d) {
  print_str(h, d->rule_id, strlen(d->rule_id));
  print_u64(h, (uint64_t)d->level);
  print_span(h, b, d->span);
  print_str(h, d->message.ptr, d->message.len);
  const TxFix *fix = d->fix;
  print_u64(h, fix ? fix->edit_count + 1u : 0);
  for (uint32_t i = 0; fix && i < fix->edit_count; i++) {
    print_u64(h, fix->edits[i].span.file);
    print_u64(h, ((uint64_t)fix->edits[i].span.start << 32) | fix->edits[i].span.end);
    print_str(h, fix->edits[i].insertion.ptr, fix->edits[i].insertion.len);
  }
  if (fix) {
    print_str(h, fix->description.ptr, fix->description.len);
    print_u64(h, (uint64_t)fix->kind);
  }
  print_u64(h, d->related.count);
  for (uint32_t i = 0; i < d->related.count; i++) {
    const TxRelated *r = &d->related.items[i];
    if (r->span.file < b->p->file_count)
      print_span(h, b, r->span);
    print_str(h, r->message.ptr, r->message.len);
  }
}

// The shown findings of the program, grouped by file (the sink is sorted by path, so a
// file's findings are consecutive and keep their order), then sorted by URI. A file whose
// findings print (hash) as in the last results keeps those results' JSON.
static TxLspResults build_results(const TxLsp *s, const TxProgram *p, const TxDiagSink *sink,
                                  const Snapshot *snap) {
  Build b = {s, p, snap, tx_xcalloc(p->file_count ? p->file_count : 1, sizeof(char *))};
  TxLspResults out = {0};
  XXH3_state_t state;
  XXH3_state_t *h = &state;
  for (uint32_t i = 0; i < sink->items.count;) {
    const TxDiag *d = sink->items.items[i];
    if (!tx_diag_shown(d) || d->span.file >= p->file_count) {
      i++;
      continue;
    }
    uint32_t file = d->span.file, end = i;
    XXH3_64bits_reset(h);
    for (; end < sink->items.count && sink->items.items[end]->span.file == file; end++) {
      if (tx_diag_shown(sink->items.items[end]))
        print_diag(h, &b, sink->items.items[end]);
    }
    TxLspResult nr = {strdup(file_uri(&b, file)), NULL, XXH3_64bits_digest(h)};
    const TxLspResult *was = result_for(&s->results, nr.uri);
    if (was && was->print == nr.print) {
      nr.diagnostics = json_incref(was->diagnostics);
    } else {
      nr.diagnostics = json_array();
      for (uint32_t k = i; k < end; k++) {
        if (tx_diag_shown(sink->items.items[k]))
          json_array_append_new(nr.diagnostics, diagnostic(&b, sink->items.items[k]));
      }
    }
    TX_ARRAY_PUSH(&out, nr);
    i = end;
  }
  if (out.count > 1)
    qsort(out.items, out.count, sizeof *out.items, cmp_result);
  for (uint32_t i = 0; i < p->file_count; i++)
    free(b.uris[i]);
  free(b.uris);
  return out;
}

static void results_free(TxLspResults *r) {
  for (uint32_t i = 0; i < r->count; i++) {
    free(r->items[i].uri);
    json_decref(r->items[i].diagnostics);
  }
  TX_ARRAY_FREE(r);
}

static void pull_fini(TxLspPull *pull);

void tx_lsp_results_fini(TxLsp *s) {
  results_free(&s->results);
  for (uint32_t i = 0; i < s->pulls.count; i++)
    pull_fini(&s->pulls.items[i]);
  TX_ARRAY_FREE(&s->pulls);
}

static json_t *publish_params(const char *uri, json_t *diagnostics, const Snapshot *snap) {
  json_t *params = json_pack("{sssO}", "uri", uri, "diagnostics", diagnostics);
  for (uint32_t i = 0; i < snap->count; i++) {
    if (strcmp(snap->uris[i], uri) == 0)
      json_object_set_new(params, "version", json_integer(snap->versions[i]));
  }
  return params;
}

// The publishDiagnostics of every file whose findings differ between `old` and `now`
// (a file that has none any more gets an empty list). Returns a new array of params.
static json_t *changed_files(const TxLspResults *old, const TxLspResults *now,
                             const Snapshot *snap) {
  json_t *out = json_array();
  for (uint32_t i = 0; i < now->count; i++) {
    const TxLspResult *was = result_for(old, now->items[i].uri);
    if (!was || (was->diagnostics != now->items[i].diagnostics &&
                 !json_equal(was->diagnostics, now->items[i].diagnostics)))
      json_array_append_new(out,
                            publish_params(now->items[i].uri, now->items[i].diagnostics, snap));
  }
  for (uint32_t i = 0; i < old->count; i++) {
    if (!result_for(now, old->items[i].uri)) {
      json_t *none = json_array();
      json_array_append_new(out, publish_params(old->items[i].uri, none, snap));
      json_decref(none);
    }
  }
  return out;
}

// A report's resultId: a hash of its diagnostics, so that equal diagnostics have equal ids
// in every analysis and nothing is remembered per file.
static bool same_result_id(const json_t *diagnostics, const char *previous, char id[17]) {
  char *text = json_dumps(diagnostics, JSON_COMPACT | JSON_SORT_KEYS);
  uint64_t h = text ? XXH3_64bits(text, strlen(text)) : 0;
  free(text);
  snprintf(id, 17, "%016" PRIx64, h);
  return previous && strcmp(previous, id) == 0;
}

// One file's report: "unchanged" when `previous` is its current resultId, else "full". With a
// `uri`, the shape of a workspace report's item (uri and version added; the version of what
// was analysed is not kept, and null is what the protocol allows for that).
static json_t *file_report(json_t *diagnostics, const char *previous, const char *uri) {
  char id[17];
  json_t *r =
      same_result_id(diagnostics, previous, id)
          ? json_pack("{ssss}", "kind", "unchanged", "resultId", id)
          : json_pack("{ssssso}", "kind", "full", "resultId", id, "items", json_copy(diagnostics));
  if (uri) {
    json_object_set_new(r, "uri", json_string(uri));
    json_object_set_new(r, "version", json_null());
  }
  return r;
}

// The resultId the client gave for `uri` in previousResultIds (bounded: see workspace_report).
static const char *previous_for(const json_t *previous, const char *uri, size_t upto) {
  for (size_t i = 0; i < upto; i++) {
    const json_t *v = json_array_get(previous, i);
    const char *u = json_string_value(json_object_get(v, "uri"));
    if (u && strcmp(u, uri) == 0)
      return json_string_value(json_object_get(v, "value"));
  }
  return NULL;
}

// workspace/diagnostic: every file with findings, and every file the client has a result for
// that has none now (an empty full report, or "unchanged" when it had none before either).
// Only the first TX_LSP_MAX_PREVIOUS of the client's previousResultIds are read, so a huge
// list cannot stall the reader.
static json_t *workspace_report(const TxLsp *s, const json_t *previous) {
  size_t n = json_array_size(previous);
  if (n > TX_LSP_MAX_PREVIOUS)
    n = TX_LSP_MAX_PREVIOUS;
  json_t *items = json_array();
  for (uint32_t i = 0; i < s->results.count; i++) {
    const TxLspResult *r = &s->results.items[i];
    json_array_append_new(items,
                          file_report(r->diagnostics, previous_for(previous, r->uri, n), r->uri));
  }
  json_t *none = json_array();
  for (size_t i = 0; i < n; i++) {
    const json_t *v = json_array_get(previous, i);
    const char *uri = json_string_value(json_object_get(v, "uri"));
    if (!uri || result_for(&s->results, uri) || previous_for(previous, uri, i))
      continue; // has findings (reported above), or named twice
    json_array_append_new(items,
                          file_report(none, json_string_value(json_object_get(v, "value")), uri));
  }
  json_decref(none);
  return json_pack("{so}", "items", items);
}

static json_t *report_for(const TxLsp *s, const TxLspPull *pull) {
  if (!pull->uri)
    return workspace_report(s, pull->previous);
  const TxLspResult *r = result_for(&s->results, pull->uri);
  json_t *none = json_array();
  json_t *report = file_report(r ? r->diagnostics : none, json_string_value(pull->previous), NULL);
  json_decref(none);
  return report;
}

static void pull_fini(TxLspPull *pull) {
  json_decref(pull->id);
  json_decref(pull->previous);
  free(pull->uri);
}

void tx_lsp_pull(TxLsp *s, json_t *id, const char *uri, json_t *params) {
  json_t *previous = json_object_get(params, uri ? "previousResultId" : "previousResultIds");
  if (uri ? !json_is_string(previous) : !json_is_array(previous))
    previous = NULL;
  TxLspPull pull = {json_incref(id), uri ? strdup(uri) : NULL, json_incref(previous)};
  pthread_mutex_lock(&s->lock);
  // Current results, or (past TX_LSP_MAX_PULLS waiting) the last ones, rather than a queue
  // a client could grow without bound.
  if (s->done_gen == s->gen || s->pulls.count >= TX_LSP_MAX_PULLS) {
    json_t *report = report_for(s, &pull);
    pthread_mutex_unlock(&s->lock);
    tx_lsp_respond(s, id, report);
    pull_fini(&pull);
    return;
  }
  TX_ARRAY_PUSH(&s->pulls, pull);
  pthread_mutex_unlock(&s->lock);
}

void tx_lsp_cancel(TxLsp *s, json_t *id) {
  if (!id)
    return;
  pthread_mutex_lock(&s->lock);
  for (uint32_t i = 0; i < s->pulls.count; i++) {
    TxLspPull pull = s->pulls.items[i];
    if (!json_equal(pull.id, id))
      continue;
    s->pulls.items[i] = s->pulls.items[--s->pulls.count];
    pthread_mutex_unlock(&s->lock);
    tx_lsp_error(s, pull.id, TX_RPC_REQUEST_CANCELLED, "cancelled");
    pull_fini(&pull);
    return;
  }
  pthread_mutex_unlock(&s->lock); // answered already: nothing to cancel
}

// --- the worker ---------------------------------------------------------------------------

// Waits (s->lock held) until the documents have been quiet for the debounce time, so that a
// burst of changes (a paste, a format, keys faster than the debounce) is analysed once, at
// its end. A change that comes after a quiet time is a burst's first: it is analysed at once,
// and a change that follows within the debounce time cancels that analysis (TxLsp.cancel)
// and waits. So an edit after a pause is not delayed, and a burst costs one analysis more at
// most. False when quitting.
static bool debounce(TxLsp *s) {
  if (s->gap_ns >= (uint64_t)s->debounce_ms * 1000000u)
    return !s->quit;
  for (;;) {
    uint64_t seen = s->gen;
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    uint64_t ns = (uint64_t)until.tv_nsec + (uint64_t)s->debounce_ms * 1000000u;
    until.tv_sec += (time_t)(ns / 1000000000u);
    until.tv_nsec = (long)(ns % 1000000000u);
    while (!s->quit && s->gen == seen) {
      if (pthread_cond_timedwait(&s->cond, &s->lock, &until) == ETIMEDOUT)
        break;
    }
    if (s->quit)
      return false;
    if (s->gen == seen)
      return true;
  }
}

// Runs one analysis of `snap` (s->lock not held); the results, empty when the
// configuration is unusable.
static TxLspResults analyse(TxLsp *s, Snapshot *snap) {
  TxLspResults out = {0};
  if (!s->cfg_ok)
    return out;
  TxDiagSink sink;
  bool io_error = false; // unreadable files are the program's notices; nothing to answer
  struct timespec t0, t1, t2;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  // The first analysis loads the whole workspace into the cache; stopping it would only
  // start that again.
  const atomic_bool *cancel = s->analyses ? &s->cancel : NULL;
  TxSessionStats st;
  const TxProgram *p = tx_session_analyze(s->session, &s->cfg, snap->overlays, snap->count, cancel,
                                          &sink, &io_error, &st);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  out = build_results(s, p, &sink, snap);
  clock_gettime(CLOCK_MONOTONIC, &t2);
  if (getenv("TX_LSP_TIMING")) {
    char how[160];
    if (st.full)
      snprintf(how, sizeof how, "full (%s)", st.why);
    else
      snprintf(how, sizeof how, "%u kept, %u extracted again", st.reused, st.reextracted);
    tx_lsp_log("analysis of %u files: %.1f ms, diagnostics %.1f ms: %s", p->file_count,
               (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6,
               (double)(t2.tv_sec - t1.tv_sec) * 1e3 + (double)(t2.tv_nsec - t1.tv_nsec) / 1e6,
               how);
  }
  tx_diag_fini(&sink);
  return out;
}

// Installs the results of generation snap->gen (s->lock held) and returns the messages to
// send once the lock is released: publishDiagnostics params and answered pull requests.
static void install(TxLsp *s, TxLspResults *now, const Snapshot *snap, json_t **publish,
                    TxLspPull **pulls, json_t ***reports, uint32_t *pull_count) {
  *publish = s->pull ? json_array() : changed_files(&s->results, now, snap);
  results_free(&s->results);
  s->results = *now;
  s->done_gen = snap->gen;
  s->analyses++;
  *pull_count = s->pulls.count;
  *pulls = s->pulls.items;
  *reports = tx_xcalloc(s->pulls.count ? s->pulls.count : 1, sizeof(json_t *));
  for (uint32_t i = 0; i < s->pulls.count; i++)
    (*reports)[i] = report_for(s, &s->pulls.items[i]);
  s->pulls.items = NULL;
  s->pulls.count = s->pulls.cap = 0;
}

static void send_all(TxLsp *s, json_t *publish, TxLspPull *pulls, json_t **reports, uint32_t n) {
  size_t i;
  json_t *params;
  json_array_foreach(publish, i, params) {
    tx_lsp_notify(s, "textDocument/publishDiagnostics", json_incref(params));
  }
  json_decref(publish);
  for (uint32_t k = 0; k < n; k++) {
    tx_lsp_respond(s, pulls[k].id, reports[k]);
    pull_fini(&pulls[k]);
  }
  free(pulls);
  free(reports);
}

static void *worker_main(void *arg) {
  TxLsp *s = arg;
  tx_crash_thread_begin();
  s->session = tx_session_new();
  load_config(s);
  pthread_mutex_lock(&s->lock);
  for (;;) {
    while (!s->quit && s->gen == s->done_gen)
      pthread_cond_wait(&s->cond, &s->lock);
    if (s->quit || !debounce(s))
      break;
    if (s->reload_config) { // before the snapshot, which names files from the root
      s->reload_config = false;
      s->reload_files = false;
      pthread_mutex_unlock(&s->lock);
      load_config(s);
      pthread_mutex_lock(&s->lock);
    } else if (s->reload_files) {
      s->reload_files = false;
      tx_session_reset(s->session);
    }
    Snapshot snap = take_snapshot(s);
    pthread_mutex_unlock(&s->lock);
    TxLspResults now = analyse(s, &snap);
    pthread_mutex_lock(&s->lock);
    if (s->gen != snap.gen) { // overtaken by a newer change: its analysis follows at once
      results_free(&now);
      snapshot_fini(&snap);
      continue;
    }
    json_t *publish;
    TxLspPull *pulls;
    json_t **reports;
    uint32_t n;
    install(s, &now, &snap, &publish, &pulls, &reports, &n);
    pthread_mutex_unlock(&s->lock);
    send_all(s, publish, pulls, reports, n);
    snapshot_fini(&snap);
    pthread_mutex_lock(&s->lock);
  }
  pthread_mutex_unlock(&s->lock);
  tx_session_free(s->session); // before the configuration its program points into
  s->session = NULL;
  if (s->cfg_ok)
    tx_config_fini(&s->cfg);
  s->cfg_ok = false;
  // This thread's libpg_query state (it parses edited SQL buffers itself, session.c) is freed
  // by libpg_query's own thread-exit destructor; pg_query_exit() here as well would free it
  // twice (tx_shutdown() is for the main thread, whose destructors never run).
  tx_crash_thread_end();
  return NULL;
}

void tx_lsp_worker_start(TxLsp *s) {
  pthread_mutex_lock(&s->lock);
  tx_lsp_changed(s); // the first analysis loads the workspace
  pthread_mutex_unlock(&s->lock);
  s->worker_started = pthread_create(&s->worker, NULL, worker_main, s) == 0;
  if (!s->worker_started)
    tx_lsp_log("cannot start the analysis thread: no diagnostics");
}

void tx_lsp_worker_stop(TxLsp *s) {
  if (!s->worker_started)
    return;
  pthread_mutex_lock(&s->lock);
  s->quit = true;
  pthread_cond_broadcast(&s->cond);
  pthread_mutex_unlock(&s->lock);
  pthread_join(s->worker, NULL);
  s->worker_started = false;
}
