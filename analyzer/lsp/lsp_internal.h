// lsp_internal.h: the server's state, shared by lsp_server.c (the reader thread: protocol,
// lifecycle, documents), lsp_analysis.c (the worker thread: analysis and diagnostics) and
// lsp_actions.c (code actions).
//
// Threads: the reader thread owns the protocol and the documents; the worker thread owns the
// configuration and the analyses. Everything both touch (documents, generation counters,
// the last results, pending pull requests) is under `lock`; writes to the client are under
// `out_lock`, so messages never interleave.
#ifndef TX_LSP_INTERNAL_H
#define TX_LSP_INTERNAL_H

#include <jansson.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/array.h"
#include "base/check.h"
#include "config/config.h"
#include "lsp_text.h"

#define TX_LSP_NAME      "txlint lsp"
#define TX_LSP_DOCS_URI  "https://github.com/txlint/txlint/blob/main/rules/"
#define TX_LSP_SHOW_DOCS "txlint.showDocumentation"

enum {
  TX_LSP_MAX_DOCS = 4096,          // open documents; more didOpens are ignored (logged)
  TX_LSP_MAX_PULLS = 256,          // pull requests waiting for an analysis
  TX_LSP_MAX_PREVIOUS = 4096,      // workspace/diagnostic previousResultIds read
  TX_LSP_DEFAULT_DEBOUNCE_MS = 15, // quiet time a burst of changes waits for (lsp_analysis.c)
  TX_LSP_MAX_DEBOUNCE_MS = 2000,
};

// JSON-RPC and LSP error codes.
enum {
  TX_RPC_PARSE_ERROR = -32700,
  TX_RPC_INVALID_REQUEST = -32600,
  TX_RPC_METHOD_NOT_FOUND = -32601,
  TX_RPC_INVALID_PARAMS = -32602,
  TX_RPC_SERVER_NOT_INITIALIZED = -32002,
  TX_RPC_REQUEST_CANCELLED = -32800,
};

typedef struct TxLspDoc {
  char *uri;  // as the client spelt it (answers use it)
  char *path; // absolute, realpath'd; NULL outside the workspace folder (never analysed)
  char *text; // heap, NUL-terminated (may hold NULs: binary buffers are not analysed)
  size_t len;
  int64_t version;
  bool sql;
} TxLspDoc;

// One file's diagnostics from the last analysis.
typedef struct TxLspResult {
  char *uri;
  json_t *diagnostics; // array
  uint64_t print;      // a hash of what the diagnostics are made from (lsp_analysis.c)
} TxLspResult;

typedef TX_ARRAY(TxLspResult) TxLspResults;

// A diagnostic pull waiting for an analysis: textDocument/diagnostic (uri set) or
// workspace/diagnostic (uri NULL).
typedef struct TxLspPull {
  json_t *id;
  char *uri;
  json_t *previous; // the client's previousResultId (a string) or previousResultIds (an array)
} TxLspPull;

typedef struct TxLsp {
  int out_fd; // the protocol's stdout (fd 1 itself is redirected to stderr)
  pthread_mutex_t out_lock;
  bool client_gone; // a write failed

  // Set by initialize (reader thread) before the worker starts; read-only afterwards.
  TxLspEncoding enc;
  bool initialized, shutdown;
  bool pull;          // the client pulls diagnostics (textDocument/diagnostic): none are pushed
  bool show_document; // the client supports window/showDocument
  char *root;         // absolute workspace folder, realpath'd, no trailing '/'
  uint32_t debounce_ms;

  pthread_mutex_t lock;
  pthread_cond_t cond;
  TX_ARRAY(TxLspDoc) docs;
  uint64_t gen;            // bumped by every change of what an analysis reads
  uint64_t last_change_ns; // CLOCK_MONOTONIC of the latest change (0: none yet)
  uint64_t gap_ns;         // between the latest change and the one before it
  uint64_t done_gen;       // the generation the results are for
  bool reload_config;      // .txlint.yml changed (or workspace/didChangeConfiguration)
  bool reload_files;       // watched files changed: the next analysis walks and reads the workspace
  bool quit;
  TxLspResults results;
  TX_ARRAY(TxLspPull) pulls; // textDocument/diagnostic requests waiting for an analysis
  uint32_t analyses;         // completed (for the log)
  // Set by a change while an analysis runs, so that it stops (tx_analyze_overlays); cleared
  // when the next snapshot is taken. The workspace's first load is never cancelled.
  atomic_bool cancel;

  // Worker thread only.
  TxConfig cfg;
  bool cfg_ok;
  struct TxSession *session; // the workspace kept in memory between analyses (session.h)
  pthread_t worker;
  bool worker_started;
} TxLsp;

// Sends one message (steals `msg`). Failures mark the client gone; never blocks forever on
// a closed pipe (SIGPIPE is ignored).
void tx_lsp_send(TxLsp *s, json_t *msg);
void tx_lsp_respond(TxLsp *s, json_t *id, json_t *result);              // borrows id, steals result
void tx_lsp_error(TxLsp *s, json_t *id, int code, const char *message); // id may be NULL
void tx_lsp_notify(TxLsp *s, const char *method, json_t *params);       // steals params
void tx_lsp_log(const char *fmt, ...) TX_PRINTF(1, 2);                  // to stderr

// lsp_analysis.c
void tx_lsp_worker_start(TxLsp *s);
void tx_lsp_worker_stop(TxLsp *s);
// Bumps the generation and wakes the worker. Caller holds s->lock.
void tx_lsp_changed(TxLsp *s);
// textDocument/diagnostic (`uri`) or workspace/diagnostic (`uri` NULL), with the request's
// params (borrowed): answered now when the results are current, else after the next
// analysis. Each report has a resultId (a hash of its diagnostics), and a file whose
// diagnostics still have the client's previous resultId is reported "unchanged".
void tx_lsp_pull(TxLsp *s, json_t *id, const char *uri, json_t *params);
// $/cancelRequest for a waiting pull request.
void tx_lsp_cancel(TxLsp *s, json_t *id);
void tx_lsp_results_fini(TxLsp *s);

// lsp_actions.c: the code actions for textDocument/codeAction params (a new array).
json_t *tx_lsp_code_actions(TxLsp *s, json_t *params);
// workspace/executeCommand; returns the result (null) or NULL for an unknown command.
json_t *tx_lsp_execute(TxLsp *s, json_t *params);

// The open document with `uri`, or NULL. Caller holds s->lock.
TxLspDoc *tx_lsp_doc(TxLsp *s, const char *uri);

#endif
