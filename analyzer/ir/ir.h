// ir.h: the contract between the front ends and the rules (ARCHITECTURE.md, "The IR contract").
//
// A *fact* is one database call, whatever its origin: a supabase-js query-builder chain in
// TypeScript, or a DML statement in a migration or a PL/pgSQL/SQL function body. A
// *function* groups the facts and calls of one function body (TypeScript function, arrow,
// method, callback; or an SQL function). A *file* owns its facts, functions, calls,
// imports and exports in its own arena; everything in a file refers to other items of the
// same file by index, never by pointer into another file, so files can be extracted in
// parallel and cached. Cross-file links (call targets, the schema) are made by the link
// stage and live in the program's arena.
//
// Rules read this IR only: no tree-sitter node or libpg_query node ever reaches a rule.
#ifndef TX_IR_IR_H
#define TX_IR_IR_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/str.h"
#include "source/source.h"

#define TX_NONE UINT32_MAX // "no index"

typedef enum TxOp {
  TX_OP_SELECT,
  TX_OP_INSERT,
  TX_OP_UPSERT,
  TX_OP_UPDATE,
  TX_OP_DELETE,
  TX_OP_RPC,
  TX_OP_COUNT_
} TxOp;

#define TX_OP_BIT(op) (1u << (op))
#define TX_OP_WRITES                                                                               \
  (TX_OP_BIT(TX_OP_INSERT) | TX_OP_BIT(TX_OP_UPSERT) | TX_OP_BIT(TX_OP_UPDATE) |                   \
   TX_OP_BIT(TX_OP_DELETE))

// "select", "insert", "upsert", "update", "delete", "rpc".
const char *tx_op_name(TxOp op);
static inline bool tx_op_is_write(TxOp op) {
  return (TX_OP_WRITES & TX_OP_BIT(op)) != 0;
}

typedef enum TxOrigin {
  TX_ORIGIN_TS,  // supabase-js chain in TypeScript/JavaScript
  TX_ORIGIN_SQL, // statement in SQL (top level of a migration or inside a function body)
} TxOrigin;

// One restriction on the rows a statement touches.
typedef struct TxFilter {
  TxStr column;          // empty when the column is not a static string
  TxStr op;              // normalised: "eq", "in", "neq", "gt", "is", "like", ... ("eq" for
                         // .match() keys and for SQL "=")
  TxStr method;          // TS: builder method as written ("eq", "match", "filter", "in");
                         // SQL: "where"
  TxSpan span;           // the filter call or SQL conjunct
  bool conditional;      // added only on some paths (inside an if/else/?:/&& before the await)
  uint32_t column_param; // 0, or 1 + the parameter (index) of the fact's function whose value
                         // names the column (column empty): `.eq(column, v)` in a helper,
                         // judged at its calls (link/builders.c)
} TxFilter;

// A named argument of .rpc('fn', { name: value }).
typedef struct TxRpcArg {
  TxStr name;
  TxSpan span;
} TxRpcArg;

// Who a supabase-js client acts as, from how it was created (front_ts/ts_clients.c reads the
// local evidence, link/clients.c follows imports and factories across files). It decides
// whether row-level security still holds a query (rules/tenant-filter.md).
typedef enum TxClientKind {
  TX_CLIENT_UNKNOWN = 0, // no evidence (zero-initialised facts and exports are unknown)
  TX_CLIENT_SERVICE,     // the service-role or secret key: bypasses RLS
  TX_CLIENT_USER,        // a user session (cookies, the user's Authorization header, a browser
                         // client with the anon key): held by RLS policies
} TxClientKind;

// "service-role", "user-session", "unknown".
const char *tx_client_kind_name(TxClientKind k);

typedef struct TxFact {
  TxOp op;
  TxOrigin origin;
  TxStr schema;     // from .schema('x') or SQL qualification; empty = default
  union {           // what the chain names first (`from('t')`, `rpc('f')`); empty = unknown
    TxStr table;    // the table, for every op but TX_OP_RPC
    TxStr function; // TX_OP_RPC: the SQL function's name
  };
  TxStr client;      // TS: the client expression as written ("supabase", "this.db")
  TxStr chain;       // normalised method chain: "from().update().eq()"
  TxFilter *filters; // filter_count entries, in source order
  uint32_t filter_count;
  bool filters_unknown; // a filter is built dynamically (.or(expr), .match(obj), spread,
                        // builder passed to a helper): never assume "no filter"
  TxRpcArg *args;       // TX_OP_RPC: named arguments of an object literal
  uint32_t arg_count;
  bool has_args;               // TX_OP_RPC: a second argument was given
  bool args_unknown;           // TX_OP_RPC: arguments not a plain object literal (spread, variable)
  bool throws_on_error;        // .throwOnError() in the chain
  TxStr on_conflict;           // TX_OP_UPSERT: the conflict target's columns as written
                               // ("provider,event_id"); empty: the primary key, or unknown
  bool ignore_duplicates;      // TX_OP_UPSERT: a conflict leaves the row alone
                               // (`ignoreDuplicates: true`, ON CONFLICT DO NOTHING)
  bool upsert_options_unknown; // TX_OP_UPSERT: its options are not an object literal
  TxStr *result_names;         // local bindings receiving the result: `const { error: e } =`
  uint32_t result_name_count;  // gives "e", `const res =` gives "res" (what tests mention)
  bool result_unused;          // the result is discarded (expression statement)
  bool in_loop;                // inside a loop body, or a .map/.forEach/for-of callback
  bool not_awaited;            // dropped without an await (`void db.from(t).insert(row);`, or a
                               // statement of its own): left to finish, or fail, on its own
  uint32_t parallel_group;     // nonzero: member of one Promise.all/allSettled/race group
  TxSpan span;                 // the whole chain or statement
  TxSpan op_span;              // where findings point: the .update()/.delete()/.rpc() call, or the
                               // SQL statement
  uint32_t fn;                 // enclosing function (index into TxFile.functions) or TX_NONE
  uint32_t client_import;      // TX_NONE when the client is known to be Supabase's in this file;
                               // else the import (index into TxFile.imports) it came through,
                               // confirmed or refuted by the link stage
  TxClientKind client_kind;    // TS: from the client's creation (see TxClientKind)
  uint32_t client_kind_import; // TS: the import whose client export decides the kind when the
                               // local evidence cannot (TX_NONE: none), resolved by the link
                               // stage, which then overwrites client_kind
  TxStr client_member;         // TS: the client is member `client_member` of an injected service
                               // (`getAdminClient` of `this.db.getAdminClient()`, `client` of
                               // `this.db.client`) whose class came through import
                               // client_import: the link stage looks for a client export named
                               // "Class.member" there; empty otherwise
  uint32_t client_param;       // TS: 1 + the index of the enclosing function's parameter the
                               // client is, when nothing in the file says it is one (untyped,
                               // `any`): the link stage keeps the fact only when a resolved call
                               // passes a client there (TxCall.client_args); 0: none
  bool dropped;                // set by the link stage when the client is not a Supabase client;
                               // rules never see dropped facts (use tx_fact_live)
  uint32_t name_import;        // TS: when the table (or function) is an imported constant
                               // (`from(T)`, `from(TABLES.LOANS)`): its import's index + 1, and
  TxStr name_member;           // the members after the import's local name ("LOANS", or ""),
                               // for the link stage to fill .table (0: none)
  // Builders that cross function boundaries, joined at the calls by link/builders.c. The
  // indices are 1 + the index, 0 for none, so a zero-initialised fact claims nothing.
  uint32_t table_param; // 1 + the parameter of `fn` whose value names the table (`from(table)`
                        // in a helper taking the table's name)
  uint32_t base_param;  // 1 + the parameter of `fn` holding the builder the chain continues
                        // (`q.eq('org_id', org)` in a helper given `q`)
  uint32_t base_call;   // 1 + the call (TxFile.calls) whose returned builder the chain
                        // continues (`this.query().update(v)`): partial until the link stage
                        // finds that builder
  uint32_t passed_call; // 1 + the call (TxFile.calls) the chain is handed to, as its argument
  uint32_t passed_arg;  // number passed_arg (`scope(db.from('t').update(v), org)`)
  bool returned;        // the function returns this builder (`return db.from('t')`)
  bool partial;         // a builder that runs nowhere in its function (no operation chosen, a
                        // parameter's, a call's): not live, in no TxFunction.facts, no call's
                        // fact; the link stage reads it, and makes a call's builder live once
                        // it finds where the builder comes from
  // Filled by the link stage (link/builders.c), not cached:
  bool judged_at_calls; // a helper's chain that every call to it is judged with instead
  bool via_helper;      // the table or filters come from a helper's chain: `via`, in `helper`
  TxSpan via;
  TxStr helper;
} TxFact;

static inline bool tx_fact_live(const TxFact *f) {
  return !f->dropped && !f->partial;
}

// A call made from a function, to anything (project function, library, fetch, ...).
typedef struct TxCall {
  TxStr callee;   // as written, normalised: "sendEmail", "this.save", "resend.emails.send",
                  // "ctx.supabase.rpc"; optional chaining and `await` removed
  TxStr name;     // last segment: "send"
  TxStr receiver; // all but the last segment: "resend.emails"; empty for a plain name
  TxSpan span;    // the call expression
  uint32_t fn;    // enclosing function index or TX_NONE
  uint32_t fact;  // when this call is a database chain, its fact index, else TX_NONE
  bool in_loop;
  bool effect_callee;   // the callee matches an effect_calls pattern (ir/patterns.h)
  bool webhook_check;   // verifies a webhook: the callee matches a webhook_calls pattern, or it
                        // reads a signature header (`req.headers.get('stripe-signature')`); or
                        // registers a route whose path names one (`app.post('/webhooks', h)`)
  bool reads_only;      // a request that only reads: a lone argument (`fetch(url)`), or a second
                        // argument that is an options object with no method or a literal
                        // 'GET'/'HEAD' one
  bool idempotency_key; // an object argument passes an idempotency key: `{ idempotencyKey }`
                        // (Stripe's request options) or an `Idempotency-Key` header
  uint32_t parallel_group;
  uint32_t *callback_fns; // functions passed inline as arguments (indices into functions)
  uint32_t callback_fn_count;
  TxStr *ident_args; // identifiers passed as arguments (router.post('/x', handler)), and the
                     // object of a member argument (`res` of check(res.error))
  uint32_t ident_arg_count;
  TxStr first_string_arg; // first argument when it is a string literal (route path, event name)
  TxStr *string_args;     // its first arg_count arguments: each one's value when it is a static
  uint32_t arg_count;     // string, else empty (up to the last such, at most 8)
  TxStr *result_names;    // as TxFact.result_names
  uint32_t result_name_count;
  uint32_t client_args; // the arguments known to be Supabase clients: 2 bits per position
                        // (tx_call_client_arg), 0 for none, else 1 + the client's TxClientKind
  // Filled by the link stage (link/callgraph.c): the project function called, if resolved.
  uint32_t target_file; // TX_NONE when unresolved
  uint32_t target_fn;
} TxCall;

// TxCall.client_args: the positions it can tell (the first 16) and what it says of one.
enum { TX_CALL_CLIENT_ARGS = 16 };
static inline uint32_t tx_call_client_arg(const TxCall *call, uint32_t pos) {
  return pos < TX_CALL_CLIENT_ARGS ? (call->client_args >> (2 * pos)) & 3u : 0;
}

typedef enum TxEntryKind {
  TX_ENTRY_NONE,
  TX_ENTRY_ROUTE,      // callback of router.post/app.put/... (Express, Hono, Fastify, ...)
  TX_ENTRY_NEXT_ROUTE, // export async function POST/GET/... (Next.js app router)
  TX_ENTRY_DEFAULT,    // export default function handler(req, res) (Next.js pages API)
  TX_ENTRY_SERVE,      // callback of serve(...) / Deno.serve(...)
} TxEntryKind;

// What a rule reads of the calls and functions extraction makes (TxRule.reads). Extraction
// keeps a call or function only for a kind some rule reads (front_ts/ts_prune.c); facts, the
// functions that make them, entry functions (routes, handlers: the program's surface, listed
// by --dump-facts even when empty) and the calls that pass kept callbacks always stay. Configs
// carry the union over the rule registry (TxConfig.rule_reads).
enum {
  TX_READS_DB_CALLS = 1u << 0,      // calls that run a database chain (TxCall.fact)
  TX_READS_PROJECT_CALLS = 1u << 1, // calls that may resolve to a project function (no receiver,
                                    // `this.`, a namespace import): the call graph
  TX_READS_EFFECT_CALLS = 1u << 2,  // calls matching effect_calls (TxCall.effect_callee), and
                                    // functions such a call could name (`sendEmail`)
  TX_READS_RESULT_TESTS = 1u << 3,  // calls passing a local bound to a chain's or call's result
                                    // (`assertInserted(error)`)
  TX_READS_ALL = (1u << 4) - 1,
};

typedef struct TxCfg TxCfg; // ir/cfg.h: control flow of a function body

// A name a function binds: a parameter, or a local declared in its body (plain or
// destructured). tenant-filter's fix reads them to find the value that holds the tenant.
typedef struct TxBinding {
  TxStr name;
  uint32_t at;    // byte offset of the declaration (a local exists only after it)
  bool from_body; // the value comes from the request body (req.body, await req.json(), ...)
} TxBinding;

// Names the front end makes up begin with '<', which no name from the source does: a function
// or class without a name of its own is TX_NAME_ANONYMOUS, and the method `m` of a nameless
// class "<anonymous>.m".
#define TX_NAME_ANONYMOUS "<anonymous>"
// The top level of a module that runs a database chain outside any function (a script, a
// seeder, a migration in TypeScript) is analysed as one more function, the file's last, by
// this name: its span is the whole file, its name_span the first such chain.
#define TX_NAME_MODULE "<module>"

// True for a function with no name at all (a method of a nameless class has one).
static inline bool tx_name_is_anonymous(TxStr name) {
  return tx_str_eq_c(name, TX_NAME_ANONYMOUS);
}

// True when the name, or its class's, was made up: no source text can call the function by it.
static inline bool tx_name_is_made_up(TxStr name) {
  return name.len && name.ptr[0] == '<';
}

typedef struct TxFunction {
  TxStr name;          // "handler", "OrderService.save", "POST", "<anonymous>"
  TxStr class_name;    // enclosing class for methods, else empty
  TxSpan span;         // the whole function
  TxSpan name_span;    // the name, or the first token of an anonymous function
  uint32_t parent;     // lexically enclosing function or TX_NONE
  uint32_t *facts;     // indices into TxFile.facts made directly in this body
  uint32_t fact_count; // (not in nested functions)
  uint32_t *calls;     // indices into TxFile.calls, same rule
  uint32_t call_count;
  bool is_async;
  bool is_exported;
  TxStr export_name; // name it is exported under ("default" for export default)
  TxEntryKind entry;
  TxCfg *cfg;           // NULL when not built
  bool inline_callback; // filled by the link stage: an anonymous function passed to a call that
                        // runs it (link/callgraph.h); its work is part of the caller's
  TxBinding *bindings;  // its parameters and locals, in source order (not nested functions')
  uint32_t binding_count;
} TxFunction;

// import { a as b } from './x'  -> local "b", imported "a", from "./x"
// import x from './x'            -> imported "default"
// import * as ns from './x'      -> imported "*"
// const { a } = require('./x')   -> imported "a"
typedef struct TxImport {
  TxStr local;
  TxStr imported;
  TxStr from;
  TxSpan span;
} TxImport;

// export function a / export { a as b } / export default a / export { a } from './x'
// export * from './x' -> exported "*", from "./x"
typedef struct TxExport {
  TxStr exported; // the public name ("default" for a default export)
  TxStr local;    // the local binding (or the name in `from` for a re-export)
  TxStr from;     // non-empty for re-exports
  uint32_t fn;    // the function exported, when it is one defined here, else TX_NONE
} TxExport;

// A string constant of the module's top level that another module can import:
// `export const T = 'loans'` is ("T", "loans"), `export const TABLES = { LOANS: 'loans' }` is
// ("TABLES.LOANS", "loans"); named by the local name (TxExport.local maps the public one).
typedef struct TxConstString {
  TxStr name;
  TxStr value;
} TxConstString;

// A binding that holds a Supabase client and is visible to other modules, so an importer
// knows `db` in `import { db } from './db'` is a client.
typedef struct TxClientExport {
  TxStr name;           // exported name; functions returning a client are included
  bool is_function;     // true: calling it returns a client (getSupabase())
  TxClientKind kind;    // from its creation in this file
  uint32_t kind_import; // when `kind` is unknown here: the import (index into TxFile.imports)
                        // whose client export decides it (link/clients.c), else TX_NONE
} TxClientExport;

// "txlint-ignore RULE[, RULE] -- reason" comments, collected by every front end.
typedef struct TxSuppression {
  TxStr *rules;
  uint32_t rule_count;
  TxStr reason;    // empty when missing (itself reported)
  TxSpan span;     // the comment
  uint32_t line;   // the line it covers (its own, or the next for a comment alone)
  bool whole_file; // txlint-ignore-file
  bool used;       // set by diag when it suppresses something (per rule: see diag)
} TxSuppression;

typedef enum TxNoticeLevel { TX_NOTICE_ERROR, TX_NOTICE_WARNING, TX_NOTICE_NOTE } TxNoticeLevel;

// A problem with the input itself (unreadable file, syntax error, limit hit): reported as a
// SARIF toolExecutionNotification and in text output, never as a rule result.
typedef struct TxNotice {
  TxNoticeLevel level;
  TxStr id; // "io-error", "parse-error", "limit"
  TxStr message;
  TxSpan span; // span.file == TX_NONE when no file applies
  bool has_span;
} TxNotice;

typedef struct TxSqlUnit TxSqlUnit; // front_sql: per-file schema statements (ir/schema.h)

typedef struct TxFile {
  uint32_t id; // index in TxProgram.files
  TxSource src;
  bool report;        // findings in this file are reported (false: loaded for context only)
  bool named;         // named on the command line (not met by walking a folder): always parsed
  bool uncacheable;   // extraction stopped at the time budget: retry next run, do not cache
  bool schema_source; // SQL: builds the schema (a migration); else only its statements are
                      // checked (a schema dump, a bundle, a fix script; see link/link.c)
  TxArena arena;      // owns everything below, and src.text
  TxFact *facts;
  uint32_t fact_count;
  TxFunction *functions;
  uint32_t function_count;
  TxCall *calls;
  uint32_t call_count;
  TxImport *imports;
  uint32_t import_count;
  TxExport *exports;
  uint32_t export_count;
  TxClientExport *client_exports;
  uint32_t client_export_count;
  TxConstString *const_strings; // exported top-level string constants (TS)
  uint32_t const_string_count;
  TxSuppression *suppressions;
  uint32_t suppression_count;
  TxNotice *notices;
  uint32_t notice_count;
  TxSqlUnit *sql;        // SQL files only
  uint64_t *stmt_hashes; // SQL files: per fact, XXH3 of its statement's text with whitespace
                         // runs as one space (set by the driver while the text is loaded;
                         // NULL when not computed), to tell copies of a migration's statements
} TxFile;

// Appends `n` notices to f's notices (copying into f's arena); notices already there, such
// as an encoding notice made while reading, stay first. Can't fail.
void tx_file_append_notices(TxFile *f, const TxNotice *notices, uint32_t n);

// Syntax-error notices: a file shows the first TX_MAX_SYNTAX_NOTICES (README, "Limits") and
// one notice counting the rest, the same in every front end.
enum { TX_MAX_SYNTAX_NOTICES = 20 };

// Counts one more syntax error in `*count`; true when its notice is to be shown.
bool tx_syntax_error_shown(uint32_t *count);

// When `count` syntax errors of file `file` exceed what is shown: sets `*out` to the notice
// "N more <what> not shown" (the message in arena `a`) and returns true; else false.
bool tx_syntax_errors_hidden(TxArena *a, uint32_t file, uint32_t count, const char *what,
                             TxNotice *out);

// True when filter `fl` restricts `column` to given values (= or IN): the restrictions that
// scope a statement to one tenant.
bool tx_filter_restricts(const TxFilter *fl, TxStr column);

// Span helpers.
static inline TxSpan tx_span(uint32_t file, uint32_t start, uint32_t end) {
  return (TxSpan){file, start, end};
}
// True when two spans cover the same bytes of the same file.
static inline bool tx_span_eq(TxSpan a, TxSpan b) {
  return a.file == b.file && a.start == b.start && a.end == b.end;
}
static inline bool tx_span_contains(TxSpan outer, TxSpan inner) {
  return outer.file == inner.file && outer.start <= inner.start && inner.end <= outer.end;
}

#endif
