// ts_internal.h: state shared by the TypeScript front end's files (ts_front.c says which file
// does what). Not part of the front end's interface.
#ifndef TX_FRONT_TS_TS_INTERNAL_H
#define TX_FRONT_TS_TS_INTERNAL_H

#include <tree_sitter/api.h>

#include "base/array.h"
#include "ir/patterns.h"
#include "ts_front.h"

// What the walk does on entering a node of each kind (TsSyms.kind).
typedef enum TsKind {
  K_OTHER,
  K_COMMENT,
  K_STRING,
  K_TYPE, // skipped unless a suppression comment is inside
  K_ERROR,
  K_FUNCTION,
  K_CALL,
  K_DECLARATOR,
  K_PARAMETER,
  K_FIELD,
  K_ASSIGNMENT,
  K_RETURN,
  K_IMPORT,
  K_EXPORT,
  K_IDENTIFIER,
  K_ENUM, // a TypeScript enum: its string members are constants (ts_consts.c)
} TsKind;

// Properties of a node kind (TsSyms.flags).
enum {
  F_READS_FIELDS = 1, // as a parent: something reads its children's field (TsFrame.field)
  F_KEEPS_EXPORT = 2, // as a parent: its children stay part of an export declaration
  F_STATE = 4,        // as a parent: it changes its children's state (branches, loops, export)
  F_CLASS = 8,        // a class: names the methods inside
  F_SKIPPABLE = 16,   // the walk may pass over its children when it is inert (ts_walk.c)
};

enum { TS_MAX_SYMBOLS = 1024 }; // the grammars have about 400 symbols and aliases

// Symbol and field ids of the node kinds we look at (the list is ts_syms.def), resolved once per
// grammar so the walk compares integers instead of strings.
typedef struct TsSyms {
#define TS_SYM(member, name, kind, flags)   TSSymbol member;
#define TS_TOKEN(member, name, kind, flags) TSSymbol member;
#define TS_FIELD(member, name)              TSFieldId member;
#include "ts_syms.def"
#undef TS_SYM
#undef TS_TOKEN
#undef TS_FIELD
  uint8_t kind[TS_MAX_SYMBOLS];  // TsKind of each symbol
  uint8_t flags[TS_MAX_SYMBOLS]; // F_* of each symbol
} TsSyms;

// The kind and flags of a symbol (ERROR's id is 65535, outside the tables).
static inline TsKind tx_ts_kind(const TsSyms *s, TSSymbol k) {
  return k < TS_MAX_SYMBOLS ? (TsKind)s->kind[k] : k == s->error ? K_ERROR : K_OTHER;
}

static inline unsigned tx_ts_flags(const TsSyms *s, TSSymbol k) {
  return k < TS_MAX_SYMBOLS ? s->flags[k] : 0;
}

// Resolves every id for `lang`. Can't fail (unknown names give 0, which never matches).
void tx_ts_syms_init(TsSyms *s, const TSLanguage *lang);

typedef enum BindKind {
  BIND_CLIENT,    // holds a Supabase client
  BIND_CLIENT_FN, // calling it returns a client
  BIND_STRING,    // a constant string (table names)
  BIND_IMPORT,    // an imported binding (import index in `value`)
  BIND_BUILDER,   // a query builder (fact index in `value`)
  BIND_KEY,       // holds a Supabase key whose role is known (TxClientKind in `value`)
  BIND_SERVICE,   // an injected service of an imported class (`this.db` of `constructor(private
                  // db: DatabaseService)`): the import index of the class in `value`
} BindKind;

typedef struct Binding {
  TxStr name; // "supabase", "this.db", "TABLES.calls"
  BindKind kind;
  uint32_t value;      // import index, fact index, client kind (below)
  uint32_t fn;         // builders: the function they belong to
  uint32_t cond;       // builders: the conditional context of the declaration
  TxStr str;           // BIND_STRING: the value; BIND_CLIENT: the member of an injected service
                       // it came from (TxFact.client_member), else empty
  uint32_t import_via; // BIND_CLIENT from an import: the import index, else TX_NONE
} Binding;
// BIND_CLIENT and BIND_CLIENT_FN use `value` for who the client acts as (TxClientKind) and
// `cond` for the import index + 1 whose client export decides an unknown kind (0: none), so a
// binding initialised with zeros claims nothing (ts_clients.c).

// Open-addressing hash table of bindings, keyed by (name, kind class).
typedef struct BindTable {
  Binding *slots;
  uint32_t cap; // power of two
  uint32_t count;
} BindTable;

void tx_ts_bind_init(BindTable *t);
void tx_ts_bind_fini(BindTable *t);
// Adds or replaces the binding of `b.name` within its kind class (builders and strings and
// clients live in separate classes so `const q` can be a string in one function and a
// builder in another without clobbering clients).
void tx_ts_bind_put(BindTable *t, const Binding *b);
const Binding *tx_ts_bind_get(const BindTable *t, TxStr name, BindKind kind);

// State inherited down the tree.
typedef struct TsState {
  uint32_t fn;      // innermost function index or TX_NONE
  uint32_t group;   // Promise.all group or 0
  uint32_t cond;    // conditional context id (start byte + 1 of the branch), 0 at top
  TxStr class_name; // enclosing class
  bool in_loop;
  bool exported; // the node is (part of) an export declaration
  bool export_default;
  bool in_error; // inside an ERROR node, not in an error-free function there: no facts
} TsState;

typedef struct TsFrame {
  TSNode node;
  TSSymbol sym;
  TSFieldId field; // field of this node in its parent (0 when none)
  TsState st;
  uint32_t call;      // call_expression frames: the index of its TxCall, else TX_NONE
  uint32_t kids;      // named children pushed so far
  TSSymbol first_arg; // call_expression frames: the kind of the first argument, once walked
} TsFrame;

// An identifier passed to a call (`f(x)`, `f(res.error)`: `res`), met while walking the
// call's arguments; grouped into TxCall.ident_args when the walk ends.
typedef struct TsIdentArg {
  uint32_t call;
  TxStr name;
} TsIdentArg;

// A static string passed to a call as its argument number `pos`; grouped into
// TxCall.string_args when the walk ends.
typedef struct TsStringArg {
  uint32_t call, pos;
  TxStr str;
} TsStringArg;

enum { TS_MAX_STRING_ARGS = 8 }; // arguments read for TxCall.string_args, at most

// A name bound by function `fn` (TxBinding), met while walking; grouped into
// TxFunction.bindings when the walk ends (ts_scope.c).
typedef struct TsBound {
  uint32_t fn;
  TxBinding b;
} TsBound;

// The parts of a file's work after the parse, which the parse's deadline also bounds.
typedef enum TsPhase { TS_PHASE_NONE, TS_PHASE_WALK, TS_PHASE_CFG } TsPhase;

typedef struct TsCtx {
  TxFile *f;
  const TxConfig *cfg;
  const TsSyms *sy;
  const char *src;
  TX_ARRAY(TxFact) facts;
  TX_ARRAY(TxFunction) fns;
  TX_ARRAY(TxCall) calls;
  TX_ARRAY(TxImport) imports;
  TX_ARRAY(TxExport) exports;
  TX_ARRAY(TxSuppression) suppressions;
  TX_ARRAY(TxNotice) notices;
  TX_ARRAY(TsFrame) frames;     // the path from the root to the current node
  TX_ARRAY(TSNode) fn_nodes;    // the syntax node of each function, for the CFG builder
  TSNode root;                  // the file's program node (the "<module>" function's)
  TX_ARRAY(uint32_t) callbacks; // pairs (call index, function index): inline callbacks
  TX_ARRAY(TsIdentArg) ident_args;
  TX_ARRAY(TsStringArg) string_args;
  TX_ARRAY(TxClientExport) client_exports;
  TX_ARRAY(TsBound) bound;        // parameters and locals of functions (ts_scope.c)
  TX_ARRAY(TxConstString) consts; // top-level string constants (ts_consts.c)
  BindTable binds;
  TxEffectMatcher effects;  // the effect_calls patterns
  TxEffectMatcher webhooks; // the webhook_calls patterns
  TxArena scratch;          // per file: what a call carries until pruning decides to keep the call
  uint32_t next_group;
  uint32_t db_chain_start; // start byte + 1 of the db chain being visited (inner calls skipped)
  uint32_t syntax_errors;
  uint32_t builders; // query builders bound to variables so far (ts_chain.c bind_builder)
  // A chain continuing the builder a call returns (`this.query().update(v)`) waits for the
  // walk to record that inner call: its node and the fact (ts_chain.c, ts_calls.c).
  const void *base_wait_node;
  uint32_t base_wait_fact;
  bool depth_noticed;
  bool has_namespace_import; // some import is `* as ns`
  uint64_t deadline_ns;      // CLOCK_MONOTONIC: the parse's start + the file's time budget
  uint32_t ticks;            // nodes read by the walk and the CFG builder (tx_ts_tick)
  TsPhase phase;
  bool over_budget; // past the deadline: the file is dropped
} TsCtx;

// Parses `len` bytes of `text` with `parser`, giving up after `budget_ms`: then NULL, and the
// parser is reset for the next text (ts_front.c). Through the parser's timeout on
// tree-sitter 0.20, through a progress callback on 0.25 (TREE_SITTER_LANGUAGE_VERSION 15).
TSTree *tx_ts_parse(TSParser *parser, const char *text, uint32_t len, uint32_t budget_ms);

// Reads the clock: sets and returns over_budget once past the deadline (ts_front.c).
bool tx_ts_deadline_check(TsCtx *ex);

// Counts one node read after the parse; every 4096th reads the clock, so the walk and the CFG
// builder stop soon after the deadline at the cost of an increment per node. True once the
// file is over its budget: stop at once, the file is dropped.
static inline bool tx_ts_tick(TsCtx *ex) {
  return (++ex->ticks & 4095u) ? ex->over_budget : tx_ts_deadline_check(ex);
}

// For tests: the deadline of every file is already past when `phase` starts (TS_PHASE_NONE:
// the clock alone decides), so a phase that reads 4096 nodes or more drops the file whatever
// the machine's speed. Set it before extraction starts.
void tx_ts_test_expire(TsPhase phase);

#define TX_TS_OP_PENDING TX_OP_COUNT_ // a builder whose operation is not chosen yet

// --- node access, null-safe by construction ---------------------------------------------------
//
// Any child looked up by field or index can be absent: in valid code (`export default class
// {}` has no name, `catch {}` no parameter, `return;` no value) and more so after error
// recovery. tree-sitter 0.20 dereferences the node in nearly every ts_node_* call, so one
// unchecked lookup of an absent child crashes the run. The front end's .c files therefore
// read nodes only through these wrappers (ci/tests/ts_null_safe.sh rejects any other
// ts_node_* call there): a null node reads as an empty node at byte 0 of symbol 0 (no kind
// the front end names: test_ts_robust checks every id in TsSyms resolves) with no children,
// no field, no error. The test is on `id`, which is what ts_node_is_null reads, inline: the
// walk calls these once or twice per node.

static inline bool tx_ts_null(TSNode n) {
  return n.id == NULL;
}

static inline TSSymbol tx_ts_sym(TSNode n) {
  return n.id ? ts_node_symbol(n) : 0;
}

static inline uint32_t tx_ts_start(TSNode n) {
  return n.id ? ts_node_start_byte(n) : 0;
}

static inline uint32_t tx_ts_end(TSNode n) {
  return n.id ? ts_node_end_byte(n) : 0;
}

// The child in field `f`, or a null node.
static inline TSNode tx_ts_field(TSNode n, TSFieldId f) {
  return n.id ? ts_node_child_by_field_id(n, f) : n;
}

static inline uint32_t tx_ts_named_count(TSNode n) {
  return n.id ? ts_node_named_child_count(n) : 0;
}

static inline uint32_t tx_ts_child_count(TSNode n) {
  return n.id ? ts_node_child_count(n) : 0;
}

// Child `i` (named or not), or a null node (also past the end).
static inline TSNode tx_ts_child(TSNode n, uint32_t i) {
  return n.id ? ts_node_child(n, i) : n;
}

// Named child `i`, or a null node (also past the end).
static inline TSNode tx_ts_named_child(TSNode n, uint32_t i) {
  return n.id ? ts_node_named_child(n, i) : n;
}

// The named children of a node, one at a time: `TsKids k; tx_ts_kids_begin(&k, n); while
// (tx_ts_kids_next(&k, &c)) ...; tx_ts_kids_end(&k);` (end also after leaving the loop early).
// The same children in the same order as tx_ts_named_child(n, 0 .. count - 1), but each step
// is O(1): in tree-sitter 0.20, reading the named child i walks the children from the first,
// so a loop over a program's statements, a long block or a large object literal was
// quadratic. A node with few children is read directly (a cursor costs an allocation).
enum { TX_TS_KIDS_CURSOR = 16 };
typedef struct TsKids {
  TSNode node;
  uint32_t next, count;
  bool cursor;
  TSTreeCursor cur;
} TsKids;

static inline void tx_ts_kids_begin(TsKids *k, TSNode n) {
  k->node = n;
  k->next = 0;
  k->count = n.id ? ts_node_named_child_count(n) : 0;
  k->cursor = k->count > TX_TS_KIDS_CURSOR;
  if (k->cursor) {
    k->cur = ts_tree_cursor_new(n);
    if (!ts_tree_cursor_goto_first_child(&k->cur))
      k->count = 0;
  }
}

static inline bool tx_ts_kids_next(TsKids *k, TSNode *out) {
  if (k->next >= k->count)
    return false;
  if (!k->cursor) {
    TSNode n = k->node;
    *out = n.id ? ts_node_named_child(n, k->next++) : n;
    return true;
  }
  for (;;) { // the cursor stands on the first child not yet looked at
    TSNode n = ts_tree_cursor_current_node(&k->cur);
    bool more = ts_tree_cursor_goto_next_sibling(&k->cur);
    if (n.id && ts_node_is_named(n)) {
      *out = n;
      k->next = more ? k->next + 1 : k->count;
      return true;
    }
    if (!more) {
      k->next = k->count;
      return false;
    }
  }
}

static inline void tx_ts_kids_end(TsKids *k) {
  if (k->cursor)
    ts_tree_cursor_delete(&k->cur);
  k->cursor = false;
}

static inline bool tx_ts_is_named(TSNode n) {
  return n.id && ts_node_is_named(n);
}

static inline bool tx_ts_is_missing(TSNode n) {
  return n.id && ts_node_is_missing(n);
}

static inline bool tx_ts_has_error(TSNode n) {
  return n.id && ts_node_has_error(n);
}

static inline const char *tx_ts_type(TSNode n) {
  return n.id ? ts_node_type(n) : "";
}

// Text of a node (points into the source); empty for a null node.
static inline TxStr tx_ts_text(const TsCtx *ex, TSNode n) {
  uint32_t s = tx_ts_start(n), e = tx_ts_end(n);
  return (TxStr){n.id ? ex->src + s : "", e > s ? e - s : 0};
}

// Span of a node; an empty span at the start of the file for a null node.
static inline TxSpan tx_ts_span(const TsCtx *ex, TSNode n) {
  return (TxSpan){ex->f->id, tx_ts_start(n), tx_ts_end(n)};
}

// Strips (), await, !, `as T`, `satisfies T` around an expression, and the values before the
// last of `a, b`.
TSNode tx_ts_unwrap(const TsCtx *ex, TSNode n);
// The value of a string literal, a template literal without substitutions, or a constant
// bound to one; empty when not static. `*known` says whether it was static.
TxStr tx_ts_static_string(const TsCtx *ex, TSNode n, bool *known);
// Normalised callee text: "resend.emails.send", "this.save", "supabase.from().update".
// Allocated in `a`.
// Callee texts shorter than this are never cut (the tree's text is cut at 200 bytes; the
// source reading declines anything longer).
enum { TX_TS_CALLEE_WHOLE = 150 };
// Read from the source text when the callee is plain (`a.b(x).c`), else from the tree.
TxStr tx_ts_callee_text(TsCtx *ex, TSNode fn, TxArena *a);
// For tests: 1 when the source reading agrees with the tree for `fn`, 0 when it declines
// (the tree is used), -1 when it gives another text.
int tx_ts_callee_text_check(TsCtx *ex, TSNode fn);

// Client detection. Returns true when `n` evaluates to a Supabase client; fills `import`
// with the import it depends on (TX_NONE when certain) and `schema` from .schema('x').
bool tx_ts_is_client(const TsCtx *ex, TSNode n, uint32_t *import, TxStr *schema);
// When `n` is a member of an injected service (`this.db.getAdminClient()`, `this.db.client`,
// or a name bound to one): the member's name, with `*import` the import of the service's
// class; else empty.
TxStr tx_ts_client_member(const TsCtx *ex, TSNode n, uint32_t *import);
// Client kinds (ts_clients.c). The kind of the client `n` evaluates to, from the local
// evidence (the key or environment variable passed, the factory, its options, the file's
// context); `*via` is set to the import whose client export decides it when the local
// evidence cannot (TX_NONE: none).
TxClientKind tx_ts_client_kind(const TsCtx *ex, TSNode n, uint32_t *via);
// Records `name = value` when the value is a Supabase key of a known role
// (`const key = process.env.SUPABASE_SERVICE_ROLE_KEY!`), so `createClient(url, key)` knows.
void tx_ts_note_key(TsCtx *ex, TxStr name, TSNode value);
// Sets the kind fields of client binding `b` from the value it was bound to (may be null).
void tx_ts_bind_kind(const TsCtx *ex, Binding *b, TSNode value);

// ASCII case-insensitive search; `needle` is lower case.
bool tx_ts_contains_nocase(TxStr s, const char *needle);
// True when a type annotation names a Supabase client type: a type naming supabase, or
// `ReturnType<typeof f>` of a client factory or of a function known to return a client.
// `*import` is set to the import the claim depends on (`ReturnType<typeof getAdmin>` with
// getAdmin imported: the link stage checks it), else TX_NONE. `import` may be NULL.
bool tx_ts_type_is_client(const TsCtx *ex, TSNode type, uint32_t *import);

// Called for the outermost call of every member-call chain. Returns true when it was a
// database chain (a fact was made or extended) so the walk skips its inner calls.
bool tx_ts_chain(TsCtx *ex, TSNode call, uint32_t depth);
// When the call at frames[depth] is the inner call a chain continues (ex->base_wait_node),
// gives that fact the call `call` (ts_chain.c).
void tx_ts_base_call_met(TsCtx *ex, uint32_t depth, uint32_t call);
// Whether a callee can start a chain that crosses a function boundary (a parameter's builder
// filtered, a returned builder continued), so tx_ts_chain should look at it (ts_chain.c).
bool tx_ts_may_be_partial_chain(const TsCtx *ex, TxStr callee);
// `await q` / `return q` / `f(q)` on a builder variable.
void tx_ts_builder_use(TsCtx *ex, TSNode ident, uint32_t depth);
// Fills result names of the fact or call at frames[depth] from its context
// (`const { error } = await ...`).
void tx_ts_result_names(TsCtx *ex, uint32_t depth, TxArena *a, TxStr **names, uint32_t *count,
                        bool *unused);

// --- the parts of extraction, one file each (until the CFG builder: ts_cfg.c) ------------------

// ts_walk.c
void tx_ts_walk(TsCtx *ex, TSNode root);

// ts_functions.c
bool tx_ts_is_function(const TsSyms *s, TSSymbol k);
bool tx_ts_is_route_method(TxStr name);
const TsFrame *tx_ts_arg_of_call(const TsCtx *ex, uint32_t depth);
TSNode tx_ts_standin_name_node(const TsCtx *ex, uint32_t depth);
bool tx_ts_runs_per_element(TsCtx *ex, const TsFrame *call);
uint32_t tx_ts_add_function(TsCtx *ex, uint32_t depth);

// ts_calls.c
void tx_ts_visit_arg(TsCtx *ex, uint32_t depth);
void tx_ts_group_ident_args(TsCtx *ex);
void tx_ts_visit_call(TsCtx *ex, uint32_t depth);

// ts_decls.c
void tx_ts_visit_declarator(TsCtx *ex, TSNode n, TSNode name, TSNode value);
void tx_ts_visit_parameter(TsCtx *ex, uint32_t depth);
void tx_ts_visit_field(TsCtx *ex, uint32_t depth);
void tx_ts_visit_assignment(TsCtx *ex, uint32_t depth);
void tx_ts_visit_return(TsCtx *ex, uint32_t depth);

// ts_consts.c
// Records the string constants of top-level declarator `name` = `value` of declaration `decl`.
void tx_ts_module_const(TsCtx *ex, TSNode decl, TSNode name, TSNode value);
// When `arg`, a chain's table or function argument that is no static string here, is an
// imported name or a member of one, records it in x->name_import and x->name_member.
void tx_ts_name_ref(TsCtx *ex, TSNode arg, TxFact *x);
// Binds the string members of enum declaration `n` (`Tables.Loans` of `enum Tables { Loans =
// 'loans' }`) like object constants; a top-level enum's are also module constants.
void tx_ts_visit_enum(TsCtx *ex, TSNode n, bool top_level);
// Keeps the constants an export names; call after the walk.
void tx_ts_finish_consts(TsCtx *ex);

// ts_scope.c
// Records the names pattern `pat` binds in function `fn` (declared at byte `at`); `body`: the
// value comes from the request body. Nothing at the top level (fn TX_NONE).
void tx_ts_bind_names(TsCtx *ex, uint32_t fn, TSNode pat, uint32_t at, bool body);
// Whether the value `v` of a declaration in `fn` comes from the request body.
bool tx_ts_from_body(TsCtx *ex, uint32_t fn, TSNode v);
// Gives every function its bindings; call before pruning (they move with their function).
void tx_ts_index_bindings(TsCtx *ex);

// ts_imports.c
void tx_ts_visit_import(TsCtx *ex, TSNode n);
bool tx_ts_visit_require(TsCtx *ex, TSNode name, TSNode value);
void tx_ts_visit_export(TsCtx *ex, TSNode n);

// ts_comments.c
void tx_ts_visit_comment(TsCtx *ex, TSNode n);

// ts_finish.c
// Items looked up by name after the walk (top-level functions for every route call and
// export, namespace imports for every call): a search through all of them per lookup was
// quadratic in the file, minutes for a few megabytes of `app.get('/', fN)`. Open addressing
// over `keys` (an item whose key has no ptr is left out); each name leads to its first item
// and `next` to the others, in order.
typedef struct TsNameIndex {
  const TxStr *keys;
  uint32_t *slots; // item index + 1; 0: empty
  uint32_t *next;  // the next item with the same key, or TX_NONE
  uint32_t mask;
} TsNameIndex;

void tx_ts_name_index_init(TsNameIndex *x, const TxStr *keys, uint32_t n);
void tx_ts_name_index_fini(TsNameIndex *x);
uint32_t tx_ts_name_index_first(const TsNameIndex *x, TxStr name);
void tx_ts_finish(TsCtx *ex);

// ts_prune.c
void tx_ts_prune(TsCtx *ex);

// Tree-sitter's allocations go through per-thread slabs of small blocks (ts_alloc.c): call
// install before making a parser and drain after freeing it, on the same thread; the
// thread's slabs are freed when its last parser is.
void tx_ts_alloc_install(void);
void tx_ts_alloc_drain(void);
// For tests: the chunks this thread holds (0 under AddressSanitizer, which keeps malloc).
size_t tx_ts_alloc_chunks(void);
enum { TX_TS_CHUNK_BYTES = 256 * 1024 }; // the size of one chunk

// Builds the control-flow graph of every function that makes calls (ts_cfg.c), in the file's
// arena; run after tx_ts_finish() (ts_finish.c) and before publish() (ts_front.c), while the tree
// is alive. Functions whose body is nested deeper than the depth limit (or the C stack allows) get
// no graph (rules then skip them); past the file's deadline it stops with over_budget set.
void tx_ts_build_cfgs(TsCtx *ex);

// When `root` (the tree of file `f`) declares the generated `Database` type of
// `supabase gen types typescript`, sets f->sql to its tables and functions as schema
// operations marked from_types (ts_types.c, ir/schema.h); else leaves f->sql alone. Makes no
// facts, notices or findings. Run while the tree is alive; everything goes in f's arena.
// `parser` (the one that made the tree, and whose grammar `sy` describes) may parse the text
// again, within `budget_ms` (the file's time budget) of its own.
void tx_ts_types_extract(TxFile *f, const TsSyms *sy, TSParser *parser, uint32_t budget_ms,
                         TSNode root);

#endif
