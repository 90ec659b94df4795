// idempotency.h: what a call means for idempotency: an effect (something a redelivered webhook
// would do twice), a marker write (recording the event id), a marker check (looking it up),
// or nothing. Used by the idempotency rules (effect-before-idempotency,
// idempotency-result-ignored) and, for marker tables and rpc bodies, by write_paths.h.
//
// - A supabase-js insert/upsert into a marker table is a marker write, and so is an upsert
//   whose conflict target is an event id column (`onConflict: 'event_id'`); a filtered select of
//   one is a marker check; any other insert/upsert/update/delete is an effect.
// - `.rpc('fn')`: classified by the SQL function's body when the migrations define it (an
//   insert into a marker table makes it a marker write, any other write an effect, a read
//   of a marker table a check); bodies that run dynamic SQL count as effects; `pg_*` names
//   no migration defines are catalog reads (nothing); other unknown functions and dynamic
//   names are effects when the migrations define functions at all, else nothing.
// - A call to a project function: from its summary (marker write before effect before
//   check), and so are inline callbacks (`items.map(async (x) => ...)`).
// - Any call whose callee matches one of the `effect_calls` patterns is an effect, also a
//   call to a project function whose body shows none (the configured name wins), unless it
//   only reads: a method named get/head/retrieve/list/search (`axios.get`,
//   `stripe.customers.retrieve`), or `fetch`/`axios`/`got`/`ky` with no options or a GET.
#ifndef TX_RULES_IDEMPOTENCY_H
#define TX_RULES_IDEMPOTENCY_H

#include "ir/program.h"
#include "link/fixpoint.h"

typedef enum TxEventKind {
  TX_EVENT_NONE,
  TX_EVENT_EFFECT,
  TX_EVENT_MARKER_WRITE,
  TX_EVENT_MARKER_CHECK,
} TxEventKind;

typedef enum TxEventSource {
  TX_EVENT_FROM_FACT,     // a supabase-js chain of this function (fact)
  TX_EVENT_FROM_HELPER,   // a project function called here (file, fn)
  TX_EVENT_FROM_CALLBACK, // an inline callback passed to this call (fn in the same file)
  TX_EVENT_FROM_PATTERN,  // the callee matched an effect_calls pattern
} TxEventSource;

typedef struct TxEvent {
  TxEventKind kind;
  TxEventSource source;
  const TxFact *fact; // FROM_FACT
  uint32_t file, fn;  // FROM_HELPER / FROM_CALLBACK: the function
  TxSpan inner;       // where the effect or marker write itself is (inside a helper), else
                      // the call
  bool keyed;         // an effect that forwards an idempotency key (TxCall.idempotency_key):
                      // the receiver can drop the repeat, so the rules report it as a note
} TxEvent;

// What the SQL function an `.rpc()` fact calls does, from the migrations' definitions (every
// overload is read).
typedef enum TxRpcKnown {
  TX_RPC_UNKNOWN, // no definition (or a dynamic name, or more than 8 overloads)
  TX_RPC_CATALOG, // no definition, and a `pg_*` name: a system catalog read
  TX_RPC_DYNAMIC, // defined, but a body runs dynamic SQL (EXECUTE) or could not be read
  TX_RPC_DEFINED, // defined, every body read
} TxRpcKnown;
typedef struct TxRpcBody {
  TxRpcKnown known;
  bool writes; // a body writes a table that is not a marker table
  bool marker; // a body inserts or upserts a marker table
  bool check;  // a body reads a marker table
} TxRpcBody;
TxRpcBody tx_rpc_body(const TxProgram *p, const TxFact *x);

// True when `table` is an idempotency marker table for this run (configuration, or a table
// of the schema with a unique event id column).
bool tx_is_marker_table(const TxProgram *p, TxStr schema, TxStr table);

// Whether fact `x` is an upsert that overwrites the row on a conflict (`ignoreDuplicates`
// absent or false, ON CONFLICT DO UPDATE): as a marker write it cannot tell a duplicate, since
// it succeeds either way. False when its options are not known.
bool tx_upsert_overwrites(const TxFact *x);

// What a function does for idempotency, directly or through the project functions it calls
// and its inline callbacks: the analysis tx_idempotency_run computes for every function.
typedef struct TxIdemSummary {
  bool writes_marker;    // inserts or upserts an idempotency marker table
  bool has_effect;       // causes an effect
  bool checks_marker;    // reads a marker table
  bool marker_unchecked; // writes a marker and drops the result (no test, not returned,
                         // no throwOnError): nobody can tell a duplicate
  TxSpan effect_span;    // the first effect reached, where it happens
  TxStr effect_name;     // its callee ("sendEmail") or, for a database write, its table
  TxOp effect_op;        // the write's operation; TX_OP_COUNT_ for a call
  TxSpan marker_span;    // the first marker write reached
} TxIdemSummary;

// Runs the analysis over `p` (borrowed; must outlive the result). Free with
// tx_fixpoint_free. Summaries are read with tx_idem_summary.
TxFixpoint *tx_idempotency_run(const TxProgram *p);
// The summary of function `fn` of file `file`, or NULL for an index out of range.
const TxIdemSummary *tx_idem_summary(const TxFixpoint *idem, uint32_t file, uint32_t fn);

// Classifies call `c` of file `f`, reading callee summaries from `idem` (the result of
// tx_idempotency_run, or the run in progress).
TxEvent tx_call_event(const TxFixpoint *idem, const TxFile *f, const TxCall *call);

// "insert into 'calls'", "rpc 'record_event'", "sendEmail(...)", "notifyOrg(...) (which
// calls fetch)"; writes at most n bytes into buf, NUL-terminated.
void tx_event_describe(const TxFixpoint *idem, const TxFile *f, const TxCall *call,
                       const TxEvent *e, char *buf, size_t n);

// Which functions the idempotency rules check: webhook handlers and what runs on their behalf.
// A function is a webhook handler when its file's path has a segment naming a webhook
// (`app/api/webhooks/stripe/route.ts`, `supabase/functions/stripe-webhook/index.ts`,
// `stripeWebhook.ts`), when it verifies a webhook (TxCall.webhook_check: a `webhook_calls`
// callee such as `stripe.webhooks.constructEvent` or `wh.verify`, or a read of a signature
// header), or calls a project function that does (`const event = await readEvent(req)`), or
// when it is registered for a route whose path names a webhook
// (`router.post('/webhooks/twilio', handler)`). The project functions a handler calls, the
// callbacks it passes and the functions nested in it are in its context, however deep. When
// `marker_tables` is set in .txlint.yml every function is checked: the project said which
// tables are markers, wherever they are written.
typedef struct TxWebhookCtx TxWebhookCtx;
// Computes the context of every function of `p` (borrowed). Free with tx_webhook_ctx_free.
TxWebhookCtx *tx_webhook_ctx_run(const TxProgram *p);
void tx_webhook_ctx_free(TxWebhookCtx *w);
// Whether function `fn` of file `file` is checked by the idempotency rules.
bool tx_webhook_ctx_has(const TxWebhookCtx *w, uint32_t file, uint32_t fn);

#endif
