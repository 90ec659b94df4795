// lsp_server.c: the reader thread of `txlint lsp`: framing, JSON-RPC dispatch, the lifecycle
// (initialize, initialized, shutdown, exit, $/cancelRequest) and the documents (didOpen,
// didChange with incremental sync, didSave, didClose). Analysis runs on the worker thread
// (lsp_analysis.c), so a slow analysis never delays reading: a newer change supersedes it.
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/version.h"
#include "lsp.h"
#include "lsp_internal.h"
#include "lsp_io.h"

void tx_lsp_log(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs(TX_LSP_NAME ": ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
}

static bool write_all(int fd, const char *buf, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, buf, n);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      return false;
    buf += w;
    n -= (size_t)w;
  }
  return true;
}

void tx_lsp_send(TxLsp *s, json_t *msg) {
  json_object_set_new(msg, "jsonrpc", json_string("2.0"));
  char *body = json_dumps(msg, JSON_COMPACT);
  json_decref(msg);
  if (!body)
    return;
  size_t n = strlen(body);
  char head[64];
  int h = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", n);
  pthread_mutex_lock(&s->out_lock);
  if (!s->client_gone &&
      !(write_all(s->out_fd, head, (size_t)h) && write_all(s->out_fd, body, n))) {
    s->client_gone = true;
    tx_lsp_log("the client is gone (writing failed: %s)", strerror(errno));
  }
  pthread_mutex_unlock(&s->out_lock);
  free(body);
}

void tx_lsp_respond(TxLsp *s, json_t *id, json_t *result) {
  tx_lsp_send(s, json_pack("{sOso}", "id", id, "result", result ? result : json_null()));
}

void tx_lsp_error(TxLsp *s, json_t *id, int code, const char *message) {
  tx_lsp_send(s, json_pack("{sOs{siss}}", "id", id ? id : json_null(), "error", "code", code,
                           "message", message));
}

void tx_lsp_notify(TxLsp *s, const char *method, json_t *params) {
  tx_lsp_send(s, json_pack("{ssso}", "method", method, "params", params));
}

TxLspDoc *tx_lsp_doc(TxLsp *s, const char *uri) {
  for (uint32_t i = 0; i < s->docs.count; i++) {
    if (strcmp(s->docs.items[i].uri, uri) == 0)
      return &s->docs.items[i];
  }
  return NULL;
}

// --- initialize ---------------------------------------------------------------------------

// The workspace folder: workspaceFolders[0], else rootUri, else rootPath, else the current
// directory; realpath'd so that documents' paths can be compared with it.
static char *workspace_root(json_t *params) {
  const char *uri = json_string_value(
      json_object_get(json_array_get(json_object_get(params, "workspaceFolders"), 0), "uri"));
  if (!uri)
    uri = json_string_value(json_object_get(params, "rootUri"));
  char *path = uri ? tx_lsp_uri_to_path(uri) : NULL;
  const char *root_path = json_string_value(json_object_get(params, "rootPath"));
  if (!path && root_path && root_path[0] == '/')
    path = strdup(root_path);
  char buf[PATH_MAX];
  char *real = realpath(path ? path : ".", buf);
  free(path);
  if (!real)
    return NULL;
  size_t n = strlen(buf);
  while (n > 1 && buf[n - 1] == '/')
    buf[--n] = '\0';
  return strdup(buf);
}

static bool offers(json_t *list, const char *name) {
  size_t i;
  json_t *v;
  json_array_foreach(list, i, v) {
    if (json_is_string(v) && strcmp(json_string_value(v), name) == 0)
      return true;
  }
  return false;
}

static json_t *server_capabilities(const TxLsp *s) {
  return json_pack("{ss s{sbsis{sb}} s{s[s]} s{sbsb} s{s[s]}}", "positionEncoding",
                   s->enc == TX_LSP_UTF8 ? "utf-8" : "utf-16", "textDocumentSync", "openClose", 1,
                   "change", 2, "save", "includeText", 0, "codeActionProvider", "codeActionKinds",
                   "quickfix", "diagnosticProvider", "interFileDependencies", 1,
                   "workspaceDiagnostics", 1, "executeCommandProvider", "commands",
                   TX_LSP_SHOW_DOCS);
}

static void initialize(TxLsp *s, json_t *id, json_t *params) {
  json_t *caps = json_object_get(params, "capabilities");
  json_t *encs = json_object_get(json_object_get(caps, "general"), "positionEncodings");
  s->enc = offers(encs, "utf-8") ? TX_LSP_UTF8 : TX_LSP_UTF16;
  s->pull = json_is_object(json_object_get(json_object_get(caps, "textDocument"), "diagnostic"));
  s->show_document = json_is_true(
      json_object_get(json_object_get(json_object_get(caps, "window"), "showDocument"), "support"));
  json_t *debounce =
      json_object_get(json_object_get(params, "initializationOptions"), "debounceMs");
  if (json_is_integer(debounce) && json_integer_value(debounce) >= 0 &&
      json_integer_value(debounce) <= TX_LSP_MAX_DEBOUNCE_MS)
    s->debounce_ms = (uint32_t)json_integer_value(debounce);
  s->root = workspace_root(params);
  if (!s->root) {
    tx_lsp_error(s, id, TX_RPC_INVALID_PARAMS, "the workspace folder cannot be opened");
    return;
  }
  s->initialized = true;
  tx_lsp_log("workspace %s, positions in %s, diagnostics %s", s->root,
             s->enc == TX_LSP_UTF8 ? "UTF-8" : "UTF-16", s->pull ? "pulled" : "pushed");
  tx_lsp_respond(s, id,
                 json_pack("{sos{ssss}}", "capabilities", server_capabilities(s), "serverInfo",
                           "name", "txlint", "version", TX_VERSION));
  tx_lsp_worker_start(s); // loads the workspace right away: the first edit is then warm
}

// --- documents ----------------------------------------------------------------------------

// The document's absolute path when it is inside the workspace folder, else NULL (or when
// it is not a file: URI). Shown paths are relative to the configuration's root (the folder
// or a project root above it), which the worker knows; it makes them (lsp_analysis.c).
static char *workspace_path(const TxLsp *s, const char *uri) {
  char *path = tx_lsp_uri_to_path(uri);
  if (!path)
    return NULL;
  char buf[PATH_MAX];
  const char *abs = realpath(path, buf) ? buf : path; // a new, unsaved file keeps its name
  size_t n = strlen(s->root);
  bool inside = strcmp(s->root, "/") == 0
                    ? abs[0] == '/' && abs[1]
                    : strncmp(abs, s->root, n) == 0 && abs[n] == '/' && abs[n + 1];
  char *out = inside ? strdup(abs) : NULL;
  free(path);
  return out;
}

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

static void did_open(TxLsp *s, json_t *params) {
  json_t *td = json_object_get(params, "textDocument");
  const char *uri = json_string_value(json_object_get(td, "uri"));
  json_t *text = json_object_get(td, "text");
  if (!uri || !json_is_string(text))
    return;
  pthread_mutex_lock(&s->lock);
  TxLspDoc *d = tx_lsp_doc(s, uri);
  if (!d && s->docs.count >= TX_LSP_MAX_DOCS) {
    pthread_mutex_unlock(&s->lock);
    tx_lsp_log("%s: not opened: more than %d open documents", uri, TX_LSP_MAX_DOCS);
    return;
  }
  if (!d) {
    TxLspDoc nd = {strdup(uri), workspace_path(s, uri), NULL, 0, 0, false};
    TX_ARRAY_PUSH(&s->docs, nd);
    d = &s->docs.items[s->docs.count - 1];
    if (!d->path)
      tx_lsp_log("%s: outside the workspace %s: not analysed", uri, s->root);
  }
  free(d->text);
  d->len = json_string_length(text);
  d->text = tx_xmalloc(d->len + 1);
  memcpy(d->text, json_string_value(text), d->len + 1);
  d->version = json_integer_value(json_object_get(td, "version"));
  const char *lang = json_string_value(json_object_get(td, "languageId"));
  d->sql = ends_with(uri, ".sql") || (lang && strcmp(lang, "sql") == 0);
  if (d->path)
    tx_lsp_changed(s);
  pthread_mutex_unlock(&s->lock);
}

// Applies one contentChanges entry: a range replaced, or (no range) the whole text.
static void apply_change(const TxLsp *s, TxLspDoc *d, json_t *change) {
  json_t *text = json_object_get(change, "text");
  json_t *range = json_object_get(change, "range");
  if (!json_is_string(text))
    return;
  size_t start = 0, end = d->len;
  if (json_is_object(range)) {
    json_t *a = json_object_get(range, "start"), *b = json_object_get(range, "end");
    start = tx_lsp_offset(d->text, d->len, (uint32_t)json_integer_value(json_object_get(a, "line")),
                          (uint32_t)json_integer_value(json_object_get(a, "character")), s->enc);
    end = tx_lsp_offset(d->text, d->len, (uint32_t)json_integer_value(json_object_get(b, "line")),
                        (uint32_t)json_integer_value(json_object_get(b, "character")), s->enc);
    if (end < start)
      end = start;
  }
  size_t n = json_string_length(text);
  size_t len = d->len - (end - start) + n;
  char *out = tx_xmalloc(len + 1);
  memcpy(out, d->text, start);
  memcpy(out + start, json_string_value(text), n);
  memcpy(out + start + n, d->text + end, d->len - end);
  out[len] = '\0';
  free(d->text);
  d->text = out;
  d->len = len;
}

static void did_change(TxLsp *s, json_t *params) {
  json_t *td = json_object_get(params, "textDocument");
  const char *uri = json_string_value(json_object_get(td, "uri"));
  json_t *changes = json_object_get(params, "contentChanges");
  if (!uri || !json_is_array(changes))
    return;
  pthread_mutex_lock(&s->lock);
  TxLspDoc *d = tx_lsp_doc(s, uri);
  if (d) {
    size_t i;
    json_t *c;
    json_array_foreach(changes, i, c) {
      apply_change(s, d, c);
    }
    d->version = json_integer_value(json_object_get(td, "version"));
    if (d->path)
      tx_lsp_changed(s);
  }
  pthread_mutex_unlock(&s->lock);
  if (!d)
    tx_lsp_log("%s: didChange of a document that is not open: ignored", uri);
}

static void did_close(TxLsp *s, json_t *params) {
  const char *uri =
      json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
  if (!uri)
    return;
  pthread_mutex_lock(&s->lock);
  TxLspDoc *d = tx_lsp_doc(s, uri);
  if (d) {
    bool analysed = d->path != NULL;
    free(d->uri);
    free(d->path);
    free(d->text);
    *d = s->docs.items[--s->docs.count];
    if (analysed)
      tx_lsp_changed(s); // the file on disk counts again
  }
  pthread_mutex_unlock(&s->lock);
}

// didSave and watched files: the disk changed. A changed .txlint.yml also reloads the
// configuration; watched files make the next analysis walk and read the workspace again
// (a checkout can change many files at once). After a save the kept program serves: the
// session sees every file whose stamp changed, and every tsconfig or package.json change
// (session.h).
static void disk_changed(TxLsp *s, json_t *params, bool watched) {
  bool config = false;
  json_t *changes = json_object_get(params, "changes");
  size_t i;
  json_t *c;
  json_array_foreach(changes, i, c) {
    const char *uri = json_string_value(json_object_get(c, "uri"));
    config |= uri && ends_with(uri, "/.txlint.yml");
  }
  const char *saved = // didSave
      json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
  config |= saved && ends_with(saved, "/.txlint.yml");
  pthread_mutex_lock(&s->lock);
  s->reload_config |= config;
  s->reload_files |= watched;
  tx_lsp_changed(s);
  pthread_mutex_unlock(&s->lock);
}

static void configuration_changed(TxLsp *s) {
  pthread_mutex_lock(&s->lock);
  s->reload_config = true;
  tx_lsp_changed(s);
  pthread_mutex_unlock(&s->lock);
}

// --- dispatch -----------------------------------------------------------------------------

static bool is_method(const char *m, const char *name) {
  return strcmp(m, name) == 0;
}

// Notifications after initialize. Unknown ones are ignored, as the protocol says.
static void notification(TxLsp *s, const char *m, json_t *params) {
  if (is_method(m, "textDocument/didOpen"))
    did_open(s, params);
  else if (is_method(m, "textDocument/didChange"))
    did_change(s, params);
  else if (is_method(m, "textDocument/didClose"))
    did_close(s, params);
  else if (is_method(m, "textDocument/didSave"))
    disk_changed(s, params, false);
  else if (is_method(m, "workspace/didChangeWatchedFiles"))
    disk_changed(s, params, true);
  else if (is_method(m, "workspace/didChangeConfiguration"))
    configuration_changed(s);
  else if (is_method(m, "$/cancelRequest"))
    tx_lsp_cancel(s, json_object_get(params, "id"));
}

// Requests after initialize (and before shutdown).
static void request(TxLsp *s, json_t *id, const char *m, json_t *params) {
  if (is_method(m, "shutdown")) {
    s->shutdown = true;
    tx_lsp_respond(s, id, NULL);
  } else if (is_method(m, "textDocument/diagnostic")) {
    const char *uri =
        json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
    if (uri)
      tx_lsp_pull(s, id, uri, params);
    else
      tx_lsp_error(s, id, TX_RPC_INVALID_PARAMS, "textDocument.uri is missing");
  } else if (is_method(m, "workspace/diagnostic")) {
    tx_lsp_pull(s, id, NULL, params);
  } else if (is_method(m, "textDocument/codeAction")) {
    tx_lsp_respond(s, id, tx_lsp_code_actions(s, params));
  } else if (is_method(m, "workspace/executeCommand")) {
    json_t *r = tx_lsp_execute(s, params);
    if (r)
      tx_lsp_respond(s, id, r);
    else
      tx_lsp_error(s, id, TX_RPC_INVALID_PARAMS, "unknown command");
  } else if (is_method(m, "initialize")) {
    tx_lsp_error(s, id, TX_RPC_INVALID_REQUEST, "initialize was already received");
  } else {
    tx_lsp_error(s, id, TX_RPC_METHOD_NOT_FOUND, "method not found");
  }
}

typedef enum Flow { FLOW_GO_ON, FLOW_EXIT } Flow;

// One message. `exit` ends the loop whatever the state; before initialize every request but
// initialize is refused (ServerNotInitialized) and every notification dropped; after
// shutdown requests are refused (InvalidRequest).
static Flow message(TxLsp *s, json_t *msg) {
  if (!json_is_object(msg)) {
    tx_lsp_error(s, NULL, TX_RPC_INVALID_REQUEST, "a message must be a JSON object");
    return FLOW_GO_ON;
  }
  json_t *id = json_object_get(msg, "id");
  json_t *method = json_object_get(msg, "method");
  json_t *params = json_object_get(msg, "params");
  if (id && !json_is_string(id) && !json_is_integer(id)) {
    tx_lsp_error(s, NULL, TX_RPC_INVALID_REQUEST, "id must be a number or a string");
    return FLOW_GO_ON;
  }
  if (!method && (json_object_get(msg, "result") || json_object_get(msg, "error")))
    return FLOW_GO_ON; // a response to one of our requests (showDocument, refresh)
  if (!json_is_string(method) || (params && !json_is_object(params) && !json_is_array(params))) {
    tx_lsp_error(s, id, TX_RPC_INVALID_REQUEST, "method must be a string, params structured");
    return FLOW_GO_ON;
  }
  const char *m = json_string_value(method);
  if (is_method(m, "exit"))
    return FLOW_EXIT;
  if (!id) {
    if (s->initialized)
      notification(s, m, params);
    return FLOW_GO_ON;
  }
  if (!s->initialized) {
    if (is_method(m, "initialize"))
      initialize(s, id, params);
    else
      tx_lsp_error(s, id, TX_RPC_SERVER_NOT_INITIALIZED, "initialize first");
  } else if (s->shutdown) {
    tx_lsp_error(s, id, TX_RPC_INVALID_REQUEST, "the server is shutting down");
  } else {
    request(s, id, m, params);
  }
  return FLOW_GO_ON;
}

static size_t read_stdin(void *ctx, char *buf, size_t n) {
  (void)ctx;
  for (;;) {
    ssize_t r = read(0, buf, n);
    if (r < 0 && errno == EINTR)
      continue;
    return r > 0 ? (size_t)r : 0;
  }
}

// Reads and handles messages until exit or the end of the input. Returns whether exit came.
static bool serve(TxLsp *s) {
  static TxLspReader r; // 64 KiB buffer: not on the stack
  tx_lsp_reader_init(&r, read_stdin, NULL);
  for (;;) {
    char *body;
    size_t len;
    TxLspStatus st = tx_lsp_read(&r, &body, &len);
    if (st == TX_LSP_EOF)
      return false;
    if (st == TX_LSP_MALFORMED) {
      tx_lsp_log("a message without a valid Content-Length header: skipped");
      continue;
    }
    if (st == TX_LSP_TOO_LARGE) {
      tx_lsp_log("a message larger than %d bytes: skipped", TX_LSP_MAX_MESSAGE);
      continue;
    }
    json_error_t err;
    json_t *msg = json_loadb(body, len, JSON_ALLOW_NUL, &err);
    free(body);
    if (!msg) {
      tx_lsp_error(s, NULL, TX_RPC_PARSE_ERROR, err.text);
      continue;
    }
    Flow f = message(s, msg);
    json_decref(msg);
    if (f == FLOW_EXIT)
      return true;
  }
}

static void server_fini(TxLsp *s) {
  tx_lsp_worker_stop(s);
  for (uint32_t i = 0; i < s->docs.count; i++) {
    free(s->docs.items[i].uri);
    free(s->docs.items[i].path);
    free(s->docs.items[i].text);
  }
  TX_ARRAY_FREE(&s->docs);
  tx_lsp_results_fini(s);
  free(s->root);
  pthread_mutex_destroy(&s->lock);
  pthread_mutex_destroy(&s->out_lock);
  pthread_cond_destroy(&s->cond);
}

int tx_lsp_main(int argc, char **argv) {
  if (argc > 0 && strcmp(argv[0], "--stdio") != 0) { // what some clients add
    fprintf(stderr, "txlint: lsp: unexpected argument '%s' (usage: txlint lsp [--stdio])\n",
            argv[0]);
    return 2;
  }
  // Only protocol bytes may reach stdout: the protocol gets its own descriptor and fd 1
  // becomes stderr, so that a stray print anywhere in the analyzer cannot corrupt a message.
  int out = dup(1);
  if (out < 0 || dup2(2, 1) < 0) {
    fprintf(stderr, "txlint: lsp: cannot set up stdout: %s\n", strerror(errno));
    return 2;
  }
  signal(SIGPIPE, SIG_IGN); // a client gone mid-write is a failed write, not a signal
  static TxLsp s;           // large and one per process
  memset(&s, 0, sizeof s);
  s.out_fd = out;
  s.debounce_ms = TX_LSP_DEFAULT_DEBOUNCE_MS;
  pthread_mutex_init(&s.lock, NULL);
  pthread_mutex_init(&s.out_lock, NULL);
  pthread_cond_init(&s.cond, NULL);
  bool exited = serve(&s);
  if (!exited)
    tx_lsp_log("the input ended without exit: stopping");
  int code = exited && s.shutdown ? 0 : 1;
  server_fini(&s);
  close(out);
  return code;
}
