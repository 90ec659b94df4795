// ts_cfg.c: control-flow graphs of function bodies (see ir/cfg.h).
//
// The builder keeps a *frontier*: the nodes whose next step is the node created next. A
// branch saves the frontier, builds each arm from it and unions the arms' frontiers; a
// `return`, `throw`, `break` or `continue` moves the frontier onto the list of the construct
// it leaves (exit, catch, finally, loop) and empties it. A call node made inside `try` is
// also put on the list of its handler at once (it may throw), without leaving the frontier.
// List and frontier entries carry TX_CFG_THROWN when control gets there by an exception, and
// the edges made from them keep it. Statements are visited recursively
// with a depth bound (the configured max_depth, the same limit as the walk); expressions are
// entered only where they contain a call, so straight-line code costs a binary search.
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "ir/cfg.h"
#include "ts_internal.h"

enum {
  MAX_TEST_NAMES = 32,  // identifiers kept per test
  MAX_TEST_VISIT = 512, // nodes looked at per test expression
  MAX_NODES = 1u << 20, // a function with more events gets no graph
  // Stack kept free below the deepest frame, for what it calls (allocation; a sanitizer's
  // report). A level of nesting takes up to 0.5 KB, 3 KB under AddressSanitizer, so the
  // default depth limit fits 8 MB stacks either way.
  STACK_MARGIN = 512u << 10,
  STACK_FALLBACK = 1u << 20, // stack the recursion may use when the thread's is unknown
};

typedef TX_ARRAY(uint32_t) U32s;

typedef struct Edge {
  uint32_t from, to; // `to` may carry TX_CFG_THROWN
} Edge;

typedef enum CtxKind { CTX_LOOP, CTX_SWITCH, CTX_TRY } CtxKind;
typedef enum TryPhase { PHASE_TRY, PHASE_CATCH, PHASE_FINALLY } TryPhase;
typedef enum Jump { JUMP_RETURN, JUMP_THROW, JUMP_BREAK, JUMP_CONTINUE, JUMP_COUNT } Jump;

typedef struct Ctx {
  CtxKind kind;
  TryPhase phase;
  bool has_catch, has_finally;
  U32s breaks;             // loops and switches: sources of `break`
  U32s conts;              // loops: sources of `continue`
  U32s throws;             // try with catch, in the try block: what throws (calls, `throw`)
  U32s abrupt[JUMP_COUNT]; // try with finally: what leaves the try or catch other than by
                           // its end (runs the finally first), by the way it leaves
} Ctx;

typedef struct B {
  TsCtx *ex;
  const TsSyms *s;
  TX_ARRAY(TxCfgNode) nodes;
  TX_ARRAY(Edge) edges;
  TX_ARRAY(TxStr) names;
  U32s frontier;
  U32s exits;
  TX_ARRAY(Ctx) ctx;
  uint32_t tries;           // CTX_TRY entries in ctx
  TX_ARRAY(TSNode) pending; // identifier-collection work list
  uint32_t max_depth;
  uintptr_t stack_floor; // the recursion gives up below this address (stack_floor())
  bool failed;
} B;

// The lowest address the recursion may reach on this thread, found once per thread.
static uintptr_t stack_floor(void) {
  static _Thread_local uintptr_t floor;
  if (!floor) {
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    floor = here > STACK_FALLBACK ? here - STACK_FALLBACK : 1;
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
      void *low;
      size_t size;
      if (pthread_attr_getstack(&attr, &low, &size) == 0 && (uintptr_t)low + STACK_MARGIN < here)
        floor = (uintptr_t)low + STACK_MARGIN;
      pthread_attr_destroy(&attr);
    }
  }
  return floor;
}

// --- frontier and nodes -----------------------------------------------------------------------

static void throw_from(B *b, uint32_t node, uint32_t level);

static void push_unique(U32s *l, uint32_t v) {
  // Frontiers are short; a duplicate only costs an edge that finish() removes anyway, so the
  // scan is bounded.
  uint32_t from = l->count > 8 ? l->count - 8 : 0;
  for (uint32_t i = from; i < l->count; i++) {
    if (l->items[i] == v)
      return;
  }
  TX_ARRAY_PUSH(l, v);
}

static void append(U32s *to, const U32s *from) {
  for (uint32_t i = 0; i < from->count; i++)
    push_unique(to, from->items[i]);
}

static void copy_list(U32s *to, const U32s *from) {
  to->count = 0;
  append(to, from);
}

static uint32_t add_node(B *b, TxCfgKind kind, uint32_t ref, uint32_t ref_count, uint32_t at) {
  if (b->nodes.count >= MAX_NODES) {
    b->failed = true;
    return 0;
  }
  uint32_t idx = b->nodes.count;
  TxCfgNode n = {kind, ref, ref_count, 0, 0, at, false, false};
  TX_ARRAY_PUSH(&b->nodes, n);
  for (uint32_t i = 0; i < b->frontier.count; i++) {
    uint32_t v = b->frontier.items[i];
    Edge e = {tx_cfg_target(v), idx | (v & TX_CFG_THROWN)};
    TX_ARRAY_PUSH(&b->edges, e);
  }
  b->frontier.count = 0;
  TX_ARRAY_PUSH(&b->frontier, idx);
  // Inside `try` a call may throw: it also goes to its handler (an edge per call node, not
  // per expression, keeps the graph linear in the body).
  if (kind == TX_CFG_CALL && b->tries)
    throw_from(b, idx, b->ctx.count);
  return idx;
}

// Edges from every frontier node to `to` (a loop head: back edges; the frontier holds no
// thrown entries there, only handler entries do).
static void link_frontier(B *b, uint32_t to) {
  for (uint32_t i = 0; i < b->frontier.count; i++) {
    Edge e = {tx_cfg_target(b->frontier.items[i]), to};
    TX_ARRAY_PUSH(&b->edges, e);
  }
}

// --- calls ----------------------------------------------------------------------------------

// First call (in file order, which is start-byte order) starting at or after `start`.
static uint32_t lower_call(const TsCtx *ex, uint32_t start) {
  uint32_t lo = 0, hi = ex->calls.count;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (ex->calls.items[mid].span.start < start)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

static bool has_call_in(const B *b, TSNode n) {
  uint32_t i = lower_call(b->ex, tx_ts_start(n));
  return i < b->ex->calls.count && b->ex->calls.items[i].span.start < tx_ts_end(n);
}

static uint32_t call_at(const B *b, TSNode n) {
  uint32_t s = tx_ts_start(n), e = tx_ts_end(n);
  for (uint32_t i = lower_call(b->ex, s); i < b->ex->calls.count; i++) {
    const TxCall *call = &b->ex->calls.items[i];
    if (call->span.start != s)
      break;
    if (call->span.end == e)
      return i;
  }
  return TX_NONE;
}

// --- tests --------------------------------------------------------------------------------------

static bool is_function_node(const TsSyms *s, TSSymbol k) {
  return k == s->arrow_function || k == s->function_expression || k == s->function_declaration ||
         k == s->generator_function || k == s->generator_function_declaration ||
         k == s->method_definition || k == s->class_declaration || k == s->class_ ||
         k == s->abstract_class_declaration;
}

// A TEST node naming the identifiers of expression `n` (none: no node).
static void add_test(B *b, TSNode n) {
  if (tx_ts_null(n))
    return;
  const TsSyms *s = b->s;
  uint32_t first = b->names.count, visited = 0;
  b->pending.count = 0;
  TX_ARRAY_PUSH(&b->pending, n);
  while (b->pending.count && visited < MAX_TEST_VISIT && b->names.count - first < MAX_TEST_NAMES) {
    TSNode x = b->pending.items[--b->pending.count];
    visited++;
    if (tx_ts_tick(b->ex)) {
      b->failed = true;
      return;
    }
    TSSymbol k = tx_ts_sym(x);
    if (k == s->identifier || k == s->shorthand_property_identifier) {
      TX_ARRAY_PUSH(&b->names, tx_ts_text(b->ex, x));
      continue;
    }
    if (is_function_node(s, k))
      continue;
    for (uint32_t i = tx_ts_named_count(x); i > 0; i--)
      TX_ARRAY_PUSH(&b->pending, tx_ts_named_child(x, i - 1));
  }
  if (b->names.count > first) {
    uint32_t t = add_node(b, TX_CFG_TEST, first, b->names.count - first, tx_ts_start(n));
    // `if (!error)`: the true branch is the one where the named value is falsy.
    TSNode u = tx_ts_unwrap(b->ex, n);
    if (!b->failed && tx_ts_sym(u) == s->unary_expression) {
      TxStr text = tx_ts_text(b->ex, u);
      b->nodes.items[t].negated = text.len > 1 && text.ptr[0] == '!' && text.ptr[1] != '!';
    }
  }
}

// Calls created since node `first` produce a value that a condition, `return` or `throw`
// consumes at once (`if (!(await markSeen(id)))`, `return db.from(t).insert(row)`).
static void mark_tested(B *b, uint32_t first) {
  for (uint32_t i = first; i < b->nodes.count; i++) {
    if (b->nodes.items[i].kind == TX_CFG_CALL)
      b->nodes.items[i].ref_count = 1;
  }
}

// Events of a condition (or returned value), then its TEST node.
static void expr(B *b, TSNode n, uint32_t depth);
static void tested_expr(B *b, TSNode n, uint32_t depth) {
  uint32_t first = b->nodes.count;
  expr(b, n, depth);
  mark_tested(b, first);
  add_test(b, n);
}

// --- leaving constructs -------------------------------------------------------------------

// The list that `jump` from inside context `level` (exclusive upper bound) goes on: the
// loop's or switch's, the innermost handler's (a catch for a throw from its try block, else
// a finally not yet running), or NULL for the function's exit.
static U32s *jump_list(B *b, Jump jump, uint32_t level) {
  for (uint32_t i = level; i > 0; i--) {
    Ctx *x = &b->ctx.items[i - 1];
    if (jump == JUMP_BREAK && (x->kind == CTX_LOOP || x->kind == CTX_SWITCH))
      return &x->breaks;
    if (jump == JUMP_CONTINUE && x->kind == CTX_LOOP)
      return &x->conts;
    if (x->kind != CTX_TRY)
      continue;
    if (jump == JUMP_THROW && x->has_catch && x->phase == PHASE_TRY)
      return &x->throws;
    if (x->has_finally && x->phase != PHASE_FINALLY)
      return &x->abrupt[jump];
  }
  return NULL;
}

// Moves the frontier to where `jump` continues, starting the search at context `level`
// (exclusive upper bound), and empties it. A throw's entries are thrown edges.
static void jump_from(B *b, Jump jump, uint32_t level) {
  U32s *to = jump_list(b, jump, level);
  if (!to && (jump == JUMP_RETURN || jump == JUMP_THROW))
    to = &b->exits; // a break or continue outside any loop (bad input) goes nowhere
  for (uint32_t i = 0; to && i < b->frontier.count; i++)
    push_unique(to, b->frontier.items[i] | (jump == JUMP_THROW ? TX_CFG_THROWN : 0));
  b->frontier.count = 0;
}

// Call node `node`, made in context `level`, may throw: a thrown edge to its handler, when
// inside `try` (outside, the exception leaves the function, which no rule needs to see).
static void throw_from(B *b, uint32_t node, uint32_t level) {
  U32s *to = jump_list(b, JUMP_THROW, level);
  if (to)
    push_unique(to, node | TX_CFG_THROWN);
}

static void jump(B *b, Jump j) {
  jump_from(b, j, b->ctx.count);
}

static Ctx *push_ctx(B *b, CtxKind kind) {
  Ctx x;
  memset(&x, 0, sizeof x);
  x.kind = kind;
  b->tries += kind == CTX_TRY;
  TX_ARRAY_PUSH(&b->ctx, x);
  return &b->ctx.items[b->ctx.count - 1];
}

static void pop_ctx(B *b) {
  Ctx *x = &b->ctx.items[--b->ctx.count];
  b->tries -= x->kind == CTX_TRY;
  TX_ARRAY_FREE(&x->breaks);
  TX_ARRAY_FREE(&x->conts);
  TX_ARRAY_FREE(&x->throws);
  for (int j = 0; j < JUMP_COUNT; j++)
    TX_ARRAY_FREE(&x->abrupt[j]);
}

// --- expressions ------------------------------------------------------------------------------

static void stmt(B *b, TSNode n, uint32_t depth);

// Whether to give up the function's graph: nested deeper than max_depth, or deeper than the
// C stack allows (max_depth may be raised to 100000, which the recursion would not survive),
// or past the file's deadline (then the file is dropped).
static bool give_up(B *b, uint32_t depth) {
  if (depth > b->max_depth || tx_ts_tick(b->ex) ||
      (uintptr_t)__builtin_frame_address(0) < b->stack_floor)
    b->failed = true;
  return b->failed;
}

static bool is_short_circuit(const B *b, TSNode n) {
  TSNode op = tx_ts_field(n, b->s->f_operator);
  if (tx_ts_null(op))
    return false;
  TxStr t = tx_ts_text(b->ex, op);
  return tx_str_eq_c(t, "&&") || tx_str_eq_c(t, "||") || tx_str_eq_c(t, "??");
}

static void expr(B *b, TSNode n, uint32_t depth) {
  if (tx_ts_null(n) || give_up(b, depth))
    return;
  const TsSyms *s = b->s;
  TSSymbol k = tx_ts_sym(n);
  if (is_function_node(s, k) || !has_call_in(b, n))
    return;
  if (k == s->call_expression) {
    expr(b, tx_ts_field(n, s->f_function), depth + 1);
    expr(b, tx_ts_field(n, s->f_arguments), depth + 1);
    uint32_t call = call_at(b, n);
    if (call != TX_NONE)
      add_node(b, TX_CFG_CALL, call, 0, tx_ts_start(n));
    return;
  }
  if (k == s->binary_expression && is_short_circuit(b, n)) {
    tested_expr(b, tx_ts_field(n, s->f_left), depth + 1);
    U32s skip = {0};
    copy_list(&skip, &b->frontier);
    expr(b, tx_ts_field(n, s->f_right), depth + 1);
    append(&b->frontier, &skip);
    TX_ARRAY_FREE(&skip);
    return;
  }
  if (k == s->ternary_expression) {
    tested_expr(b, tx_ts_field(n, s->f_condition), depth + 1);
    U32s start = {0}, arm = {0};
    copy_list(&start, &b->frontier);
    expr(b, tx_ts_field(n, s->f_consequence), depth + 1);
    copy_list(&arm, &b->frontier);
    copy_list(&b->frontier, &start);
    expr(b, tx_ts_field(n, s->f_alternative), depth + 1);
    append(&b->frontier, &arm);
    TX_ARRAY_FREE(&start);
    TX_ARRAY_FREE(&arm);
    return;
  }
  TsKids kids;
  TSNode c;
  tx_ts_kids_begin(&kids, n);
  while (!b->failed && tx_ts_kids_next(&kids, &c))
    expr(b, c, depth + 1);
  tx_ts_kids_end(&kids);
}

// --- statements -------------------------------------------------------------------------------

static void children(B *b, TSNode n, uint32_t depth) {
  TsKids k;
  TSNode c;
  tx_ts_kids_begin(&k, n);
  while (!b->failed && tx_ts_kids_next(&k, &c))
    stmt(b, c, depth + 1);
  tx_ts_kids_end(&k);
}

static void if_stmt(B *b, TSNode n, uint32_t depth) {
  const TsSyms *s = b->s;
  uint32_t before = b->nodes.count;
  tested_expr(b, tx_ts_field(n, s->f_condition), depth + 1);
  uint32_t test = b->nodes.count > before && b->nodes.items[b->nodes.count - 1].kind == TX_CFG_TEST
                      ? b->nodes.count - 1
                      : TX_NONE;
  U32s start = {0}, arm = {0};
  copy_list(&start, &b->frontier);
  stmt(b, tx_ts_field(n, s->f_consequence), depth + 1);
  if (test != TX_NONE && b->nodes.count == test + 1) // no nodes: test + 1 will be the else's
    b->nodes.items[test].else_next = true;
  copy_list(&arm, &b->frontier);
  copy_list(&b->frontier, &start);
  TSNode alt = tx_ts_field(n, s->f_alternative);
  if (!tx_ts_null(alt))
    children(b, alt, depth); // else_clause holds one statement
  append(&b->frontier, &arm);
  TX_ARRAY_FREE(&start);
  TX_ARRAY_FREE(&arm);
}

// Loops: `head` is a JOIN every iteration returns to (a back edge). `exit_at_head`: the
// loop may end before the body (for, for-of, while); do-while leaves after the condition.
static void loop_stmt(B *b, TSNode n, uint32_t depth) {
  const TsSyms *s = b->s;
  TSSymbol k = tx_ts_sym(n);
  U32s leave = {0};
  if (k == s->for_statement)
    stmt(b, tx_ts_field(n, s->f_initializer), depth + 1);
  else if (k == s->for_in_statement)
    expr(b, tx_ts_field(n, s->f_right), depth + 1);
  uint32_t head = add_node(b, TX_CFG_JOIN, 0, 0, tx_ts_start(n));
  TSNode cond = tx_ts_field(n, s->f_condition);
  if (k != s->do_statement) {
    if (k != s->for_in_statement)
      tested_expr(b, cond, depth + 1);
    copy_list(&leave, &b->frontier);
  }
  push_ctx(b, CTX_LOOP);
  stmt(b, tx_ts_field(n, s->f_body), depth + 1);
  append(&b->frontier, &b->ctx.items[b->ctx.count - 1].conts);
  if (k == s->for_statement)
    expr(b, tx_ts_field(n, s->f_increment), depth + 1);
  if (k == s->do_statement) {
    tested_expr(b, cond, depth + 1);
    copy_list(&leave, &b->frontier);
  }
  link_frontier(b, head);
  copy_list(&b->frontier, &leave);
  append(&b->frontier, &b->ctx.items[b->ctx.count - 1].breaks);
  pop_ctx(b);
  TX_ARRAY_FREE(&leave);
}

static void switch_stmt(B *b, TSNode n, uint32_t depth) {
  const TsSyms *s = b->s;
  tested_expr(b, tx_ts_field(n, s->f_value), depth + 1);
  U32s start = {0}, fall = {0};
  copy_list(&start, &b->frontier);
  push_ctx(b, CTX_SWITCH);
  bool has_default = false;
  TSNode body = tx_ts_field(n, s->f_body);
  uint32_t count = tx_ts_null(body) ? 0 : tx_ts_named_count(body);
  for (uint32_t i = 0; i < count && !b->failed; i++) {
    TSNode arm = tx_ts_named_child(body, i);
    TSSymbol k = tx_ts_sym(arm);
    if (k != s->switch_case && k != s->switch_default)
      continue;
    has_default |= k == s->switch_default;
    copy_list(&b->frontier, &start);
    append(&b->frontier, &fall);
    TSNode case_value = tx_ts_field(arm, s->f_value);
    uint32_t m = tx_ts_named_count(arm);
    for (uint32_t j = 0; j < m && !b->failed; j++) {
      TSNode st = tx_ts_named_child(arm, j);
      if (!ts_node_eq(st, case_value))
        stmt(b, st, depth + 1);
    }
    copy_list(&fall, &b->frontier);
  }
  copy_list(&b->frontier, &fall);
  if (!has_default)
    append(&b->frontier, &start);
  append(&b->frontier, &b->ctx.items[b->ctx.count - 1].breaks);
  pop_ctx(b);
  TX_ARRAY_FREE(&start);
  TX_ARRAY_FREE(&fall);
}

// After a finally body: the abrupt ways out of its try and catch go on from a JOIN to where
// they were going (a return to the exit or an outer finally, a throw to the next handler, a
// break to its loop); the normal one, when there is one, continues from the frontier. One
// copy of the finally serves every way in, so each way out is open to all of them (a return
// may seem to go on to an outer catch): an over-approximation that keeps the graph linear.
static void leave_finally(B *b, uint32_t level, bool normal, uint32_t at) {
  Ctx *x = &b->ctx.items[level];
  bool abrupt = false;
  for (int j = 0; j < JUMP_COUNT; j++)
    abrupt |= x->abrupt[j].count > 0;
  U32s after = {0};
  if (normal)
    copy_list(&after, &b->frontier);
  if (abrupt && b->frontier.count) {
    uint32_t join = add_node(b, TX_CFG_JOIN, 0, 0, at);
    for (int j = 0; j < JUMP_COUNT; j++) {
      if (!b->ctx.items[level].abrupt[j].count)
        continue;
      b->frontier.count = 0;
      TX_ARRAY_PUSH(&b->frontier, join);
      jump_from(b, (Jump)j, level);
    }
  }
  copy_list(&b->frontier, &after);
  TX_ARRAY_FREE(&after);
}

// try/catch/finally. A JOIN at the start of the try block throws to the handler when
// nothing in the block does (no call node, no `throw`: something unrecorded there can throw,
// or the try would not be written, and the handler must not be dead code); otherwise those
// are the throwing points, so `try { await recordEvent() } catch {}` does not look like it
// can skip the call.
static void try_stmt(B *b, TSNode n, uint32_t depth) {
  const TsSyms *s = b->s;
  TSNode handler = tx_ts_field(n, s->f_handler);
  TSNode finalizer = tx_ts_field(n, s->f_finalizer);
  uint32_t level = b->ctx.count;
  Ctx *x = push_ctx(b, CTX_TRY);
  x->has_catch = !tx_ts_null(handler);
  x->has_finally = !tx_ts_null(finalizer);
  uint32_t start = add_node(b, TX_CFG_JOIN, 0, 0, tx_ts_start(n));
  stmt(b, tx_ts_field(n, s->f_body), depth + 1);
  x = &b->ctx.items[level]; // the body may have grown the stack
  if (!(x->has_catch ? x->throws.count : x->abrupt[JUMP_THROW].count))
    throw_from(b, start, level + 1);
  U32s normal = {0};
  copy_list(&normal, &b->frontier);
  if (x->has_catch) {
    x->phase = PHASE_CATCH;
    copy_list(&b->frontier, &x->throws);
    add_node(b, TX_CFG_JOIN, 0, 0, tx_ts_start(handler));
    stmt(b, tx_ts_field(handler, s->f_body), depth + 1);
    append(&normal, &b->frontier);
  }
  x = &b->ctx.items[level];
  if (x->has_finally) {
    x->phase = PHASE_FINALLY;
    copy_list(&b->frontier, &normal);
    for (int j = 0; j < JUMP_COUNT; j++)
      append(&b->frontier, &x->abrupt[j]);
    add_node(b, TX_CFG_JOIN, 0, 0, tx_ts_start(finalizer));
    stmt(b, tx_ts_field(finalizer, s->f_body), depth + 1);
    leave_finally(b, level, normal.count > 0, tx_ts_end(finalizer));
  } else {
    copy_list(&b->frontier, &normal);
  }
  pop_ctx(b);
  TX_ARRAY_FREE(&normal);
}

static void stmt(B *b, TSNode n, uint32_t depth) {
  if (tx_ts_null(n) || give_up(b, depth))
    return;
  const TsSyms *s = b->s;
  TSSymbol k = tx_ts_sym(n);
  if (is_function_node(s, k) || k == s->comment || k == s->import_statement)
    return;
  if (k == s->statement_block || k == s->else_clause || k == s->class_static_block ||
      k == s->export_statement) {
    children(b, n, depth);
  } else if (k == s->if_statement) {
    if_stmt(b, n, depth);
  } else if (k == s->for_statement || k == s->for_in_statement || k == s->while_statement ||
             k == s->do_statement) {
    loop_stmt(b, n, depth);
  } else if (k == s->switch_statement) {
    switch_stmt(b, n, depth);
  } else if (k == s->try_statement) {
    try_stmt(b, n, depth);
  } else if (k == s->labeled_statement) {
    stmt(b, tx_ts_field(n, s->f_body), depth + 1);
  } else if (k == s->return_statement || k == s->throw_statement) {
    TSNode value = tx_ts_named_child(n, 0);
    uint32_t first = b->nodes.count;
    if (!tx_ts_null(value) && tx_ts_sym(value) != s->comment)
      tested_expr(b, value, depth + 1);
    // A throw leaves from a TEST node, never from a call (`throw 'bad'` right after a write),
    // so a call's thrown edge always means the call itself threw.
    if (k == s->throw_statement &&
        (b->nodes.count == first || b->nodes.items[b->nodes.count - 1].kind != TX_CFG_TEST))
      add_node(b, TX_CFG_TEST, b->names.count, 0, tx_ts_start(n));
    jump(b, k == s->return_statement ? JUMP_RETURN : JUMP_THROW);
  } else if (k == s->break_statement) {
    jump(b, JUMP_BREAK);
  } else if (k == s->continue_statement) {
    jump(b, JUMP_CONTINUE);
  } else {
    expr(b, n, depth + 1);
  }
}

// --- finishing ----------------------------------------------------------------------------------

static int edge_cmp(const void *a, const void *b) {
  const Edge *x = a, *y = b;
  if (x->from != y->from)
    return x->from < y->from ? -1 : 1;
  return x->to < y->to ? -1 : x->to > y->to;
}

static TxCfg *finish(B *b) {
  TxArena *a = &b->ex->f->arena;
  if (b->edges.count > 1)
    qsort(b->edges.items, b->edges.count, sizeof(Edge), edge_cmp);
  TxCfg *g = TX_ARENA_NEW(a, TxCfg);
  g->node_count = b->nodes.count;
  g->nodes = TX_ARRAY_TO_ARENA(a, &b->nodes);
  g->edges = b->edges.count ? TX_ARENA_ARRAY(a, uint32_t, b->edges.count) : NULL;
  for (uint32_t i = 0; i < b->edges.count; i++) {
    const Edge *e = &b->edges.items[i];
    if (i > 0 && e->from == b->edges.items[i - 1].from && e->to == b->edges.items[i - 1].to)
      continue;
    TxCfgNode *from = &g->nodes[e->from];
    if (from->succ_count == 0)
      from->succ = g->edge_count;
    from->succ_count++;
    g->edges[g->edge_count++] = e->to;
  }
  g->names = TX_ARRAY_TO_ARENA(a, &b->names);
  g->name_count = b->names.count;
  return g;
}

static void reset(B *b) {
  b->nodes.count = b->edges.count = b->names.count = 0;
  b->frontier.count = b->exits.count = 0;
  while (b->ctx.count)
    pop_ctx(b);
  b->tries = 0;
  b->failed = false;
}

static TxCfg *build(B *b, TSNode fn) {
  const TsSyms *s = b->s;
  reset(b);
  add_node(b, TX_CFG_ENTRY, 0, 0, tx_ts_start(fn));
  TSNode body = tx_ts_field(fn, s->f_body);
  if (tx_ts_sym(fn) == s->program) {
    children(b, fn, 0); // the module's top level (TX_NAME_MODULE): its statements
  } else if (!tx_ts_null(body) && tx_ts_sym(body) != s->statement_block) {
    tested_expr(b, body, 1); // an arrow's expression body is its return value
  } else {
    stmt(b, body, 1);
  }
  append(&b->frontier, &b->exits);
  add_node(b, TX_CFG_EXIT, 0, 0, tx_ts_end(fn));
  return b->failed ? NULL : finish(b);
}

void tx_ts_build_cfgs(TsCtx *ex) {
  B b;
  memset(&b, 0, sizeof b);
  b.ex = ex;
  b.s = ex->sy;
  b.max_depth = ex->cfg->max_depth;
  b.stack_floor = stack_floor();
  TxFunction *fns = ex->fns.items;
  for (uint32_t i = 0; i < ex->fns.count && i < ex->fn_nodes.count && !ex->over_budget; i++) {
    if (fns[i].call_count == 0)
      continue;
    fns[i].cfg = build(&b, ex->fn_nodes.items[i]);
  }
  reset(&b);
  TX_ARRAY_FREE(&b.nodes);
  TX_ARRAY_FREE(&b.edges);
  TX_ARRAY_FREE(&b.names);
  TX_ARRAY_FREE(&b.frontier);
  TX_ARRAY_FREE(&b.exits);
  TX_ARRAY_FREE(&b.ctx);
  TX_ARRAY_FREE(&b.pending);
}
