// effects.h: what a call means for idempotency: an effect (something a redelivered webhook
// would do twice), a marker write (recording the event id), a marker check (looking it up),
// or nothing. Shared by the summaries (link/callgraph.c) and the idempotency rules.
//
// - A supabase-js insert/upsert into a marker table is a marker write; a filtered select of
//   one is a marker check; any other insert/upsert/update/delete is an effect.
// - `.rpc('fn')`: classified by the SQL function's body when the migrations define it (an
//   insert into a marker table makes it a marker write, any other write an effect, a read
//   of a marker table a check); bodies that run dynamic SQL count as effects; `pg_*` names
//   no migration defines are catalog reads (nothing); other unknown functions and dynamic
//   names are effects when the migrations define functions at all, else nothing.
// - A call to a project function: from its summary (marker write before effect before
//   check), and so are inline callbacks (`items.map(async (x) => ...)`).
// - Any call whose callee matches one of the `effect_calls` patterns is an effect, also a
//   call to a project function whose body shows none (the configured name wins).
#ifndef TX_IR_EFFECTS_H
#define TX_IR_EFFECTS_H

#include "program.h"

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

// Classifies call `c` of file `f`. Reads callee summaries (NULL summaries count as empty).
TxEvent tx_call_event(const TxProgram *p, const TxFile *f, const TxCall *c);

// "insert into 'calls'", "rpc 'record_event'", "sendEmail(...)", "notifyOrg(...) (which
// calls fetch)"; writes at most n bytes into buf, NUL-terminated.
void tx_event_describe(const TxProgram *p, const TxFile *f, const TxCall *c, const TxEvent *e,
                       char *buf, size_t n);

// True when callee text `callee` ("resend.emails.send") matches a pattern of `patterns`.
bool tx_effect_callee(const TxStrList *patterns, TxStr callee);

// tx_effect_callee with the patterns grouped by their last character, for callers that test
// many callees against the same patterns: only the patterns that end with the callee's last
// character, and those ending in '*' that start with its first, are tried.
typedef struct TxEffectPattern {
  TxStr pat;
  uint32_t tail; // the literal text after the last '*' starts here (0: no '*')
} TxEffectPattern;

typedef struct TxEffectMatcher {
  const TxStrList *patterns;
  TxEffectPattern *order; // patterns grouped by bucket (last character; 256: ends in '*')
  uint32_t start[258];    // bucket b is order[start[b] .. start[b + 1])
} TxEffectMatcher;
void tx_effect_matcher_init(TxEffectMatcher *m, const TxStrList *patterns);
void tx_effect_matcher_fini(TxEffectMatcher *m);
bool tx_effect_matcher_match(const TxEffectMatcher *m, TxStr callee);

#endif
