// idempotency.c: idempotency meaning of calls and the summaries of functions (see
// idempotency.h).
#include "idempotency.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ir/schema.h"

// --- marker tables
// ---------------------------------------------------------------------------------

static bool is_event_id_column(TxStr name) {
  return tx_str_eq_c(name, "event_id") || tx_str_eq_c(name, "idempotency_key") ||
         (name.len > 9 && tx_str_ends_with(name, "_event_id"));
}

bool tx_is_marker_table(const TxProgram *p, TxStr schema, TxStr table) {
  if (table.len == 0)
    return false;
  if (tx_strlist_has(&p->config->marker_tables, table))
    return true;
  const TxTable *t = tx_schema_table(&p->schema, schema, table);
  for (uint32_t i = 0; t && i < t->column_count; i++) {
    const TxColumn *col = &t->columns[i];
    if ((col->is_unique || col->is_primary_key) && is_event_id_column(col->name))
      return true;
  }
  return false;
}

// --- events -----------------------------------------------------------------------------

static bool is_marker_insert(const TxProgram *p, const TxFact *x) {
  return (x->op == TX_OP_INSERT || x->op == TX_OP_UPSERT) &&
         tx_is_marker_table(p, x->schema, x->table);
}

// A catalog probe: `rpc('pg_tables')` and other `pg_*` names no migration defines read the
// system catalogs (PostgreSQL reserves the prefix for them).
static bool is_catalog_name(TxStr name) {
  return name.len > 3 && memcmp(name.ptr, "pg_", 3) == 0;
}

TxRpcBody tx_rpc_body(const TxProgram *p, const TxFact *x) {
  TxRpcBody b = {TX_RPC_UNKNOWN, false, false, false};
  if (x->function.len == 0)
    return b; // a dynamic name
  const TxSqlFunc *defs[8];
  uint32_t n = tx_schema_funcs(&p->schema, x->schema, x->function, defs, 8);
  // Generated types give a function's arguments, never its body: one they alone define is
  // as unknown here as without them (the schema builder never mixes them with SQL's).
  if (n > 0 && defs[0]->from_types)
    n = 0;
  if (n == 0)
    return (TxRpcBody){is_catalog_name(x->function) ? TX_RPC_CATALOG : TX_RPC_UNKNOWN, false, false,
                       false};
  if (n > 8)
    return b; // too many overloads to tell
  b.known = TX_RPC_DEFINED;
  for (uint32_t i = 0; i < n; i++) {
    const TxSqlFunc *d = defs[i];
    if (d->dynamic_sql || d->file == TX_NONE || d->file >= p->file_count) {
      b.known = TX_RPC_DYNAMIC;
      continue;
    }
    const TxFile *sf = p->files[d->file];
    if (d->fn >= sf->function_count)
      continue;
    const TxFunction *body = &sf->functions[d->fn];
    for (uint32_t k = 0; k < body->fact_count; k++) {
      const TxFact *y = &sf->facts[body->facts[k]];
      if (is_marker_insert(p, y))
        b.marker = true;
      else if (tx_op_is_write(y->op) && !tx_is_marker_table(p, y->schema, y->table))
        b.writes = true;
      else if (y->op == TX_OP_SELECT && tx_is_marker_table(p, y->schema, y->table))
        b.check = true;
    }
  }
  return b;
}

// The meaning of the SQL function an rpc calls: marker write, effect, check or none. What
// the body cannot tell (dynamic SQL) is an effect; a function no migration defines is an
// effect only when the migrations define functions at all (they are the source of truth, and
// rpc-unknown-function reports it): a project that keeps its functions in the dashboard
// would otherwise see every rpc as an effect.
static TxEventKind rpc_kind(const TxProgram *p, const TxFact *x) {
  TxRpcBody b = tx_rpc_body(p, x);
  if (b.known == TX_RPC_CATALOG)
    return TX_EVENT_NONE;
  if (b.known == TX_RPC_UNKNOWN)
    return p->schema.defines_functions ? TX_EVENT_EFFECT : TX_EVENT_NONE;
  return b.marker                                ? TX_EVENT_MARKER_WRITE
         : b.writes || b.known == TX_RPC_DYNAMIC ? TX_EVENT_EFFECT
         : b.check                               ? TX_EVENT_MARKER_CHECK
                                                 : TX_EVENT_NONE;
}

static TxEventKind fact_kind(const TxProgram *p, const TxFact *x) {
  if (!tx_fact_live(x))
    return TX_EVENT_NONE;
  if (x->op == TX_OP_RPC)
    return rpc_kind(p, x);
  bool marker_table = tx_is_marker_table(p, x->schema, x->table);
  if (x->op == TX_OP_SELECT)
    return marker_table && (x->filter_count || x->filters_unknown) ? TX_EVENT_MARKER_CHECK
                                                                   : TX_EVENT_NONE;
  if (!marker_table)
    return TX_EVENT_EFFECT;
  return x->op == TX_OP_INSERT || x->op == TX_OP_UPSERT ? TX_EVENT_MARKER_WRITE : TX_EVENT_NONE;
}

static TxEventKind summary_kind(const TxIdemSummary *s) {
  if (!s)
    return TX_EVENT_NONE;
  return s->writes_marker   ? TX_EVENT_MARKER_WRITE
         : s->has_effect    ? TX_EVENT_EFFECT
         : s->checks_marker ? TX_EVENT_MARKER_CHECK
                            : TX_EVENT_NONE;
}

// Marker write outranks effect outranks check: a helper that records the event and then
// does the work is the idempotent unit itself.
static int rank(TxEventKind k) {
  static const int r[] = {0, 2, 3, 1};
  return r[k];
}

static TxSpan inner_span(const TxIdemSummary *s, TxEventKind k, TxSpan fallback) {
  if (k == TX_EVENT_MARKER_WRITE && s->marker_span.end)
    return s->marker_span;
  if (k == TX_EVENT_EFFECT && s->effect_span.end)
    return s->effect_span;
  return fallback;
}

TxEvent tx_call_event(const TxFixpoint *idem, const TxFile *f, const TxCall *call) {
  const TxProgram *p = tx_fixpoint_program(idem);
  TxEvent e;
  memset(&e, 0, sizeof e);
  e.inner = call->span;
  e.file = e.fn = TX_NONE;
  if (call->fact != TX_NONE && call->fact < f->fact_count) {
    e.source = TX_EVENT_FROM_FACT;
    e.fact = &f->facts[call->fact];
    e.kind = fact_kind(p, e.fact);
    e.inner = e.fact->op_span;
    return e;
  }
  if (call->target_file != TX_NONE && call->target_file < p->file_count) {
    const TxIdemSummary *s = tx_idem_summary(idem, call->target_file, call->target_fn);
    e.kind = summary_kind(s);
    e.source = TX_EVENT_FROM_HELPER;
    e.file = call->target_file;
    e.fn = call->target_fn;
    if (s)
      e.inner = inner_span(s, e.kind, call->span);
  }
  for (uint32_t i = 0; i < call->callback_fn_count; i++) {
    const TxIdemSummary *s = tx_idem_summary(idem, f->id, call->callback_fns[i]);
    if (!s || call->callback_fns[i] >= f->function_count ||
        !f->functions[call->callback_fns[i]].inline_callback)
      continue;
    TxEventKind k = summary_kind(s);
    if (rank(k) > rank(e.kind)) {
      e.kind = k;
      e.source = TX_EVENT_FROM_CALLBACK;
      e.file = f->id;
      e.fn = call->callback_fns[i];
      e.inner = inner_span(s, k, call->span);
    }
  }
  // A callee named in effect_calls is an effect whatever its body shows: a project's own
  // `broadcast()` that loops over sockets calling `s.send()` is one, though nothing in it
  // matches a pattern. What the body does adds to it (a marker write still outranks it).
  if (call->effect_callee && rank(TX_EVENT_EFFECT) > rank(e.kind)) {
    e.kind = TX_EVENT_EFFECT;
    e.source = TX_EVENT_FROM_PATTERN;
    e.inner = call->span;
  }
  return e;
}

static void describe_fact(const TxFact *x, char *buf, size_t n) {
  TxStr t = x->table.len ? x->table : TX_STR_LIT("<unknown>"); // or the rpc's function
  if (x->op == TX_OP_RPC)
    snprintf(buf, n, "rpc '%.*s'", TX_STR_ARG(t));
  else if (x->op == TX_OP_SELECT)
    snprintf(buf, n, "select from '%.*s'", TX_STR_ARG(t));
  else
    snprintf(buf, n, "%s %s '%.*s'", tx_op_name(x->op),
             x->op == TX_OP_INSERT || x->op == TX_OP_UPSERT ? "into" : "of", TX_STR_ARG(t));
}

void tx_event_describe(const TxFixpoint *idem, const TxFile *f, const TxCall *call,
                       const TxEvent *e, char *buf, size_t n) {
  if (e->source == TX_EVENT_FROM_FACT) {
    describe_fact(e->fact, buf, n);
    return;
  }
  const TxIdemSummary *s = NULL;
  if (e->source == TX_EVENT_FROM_HELPER || e->source == TX_EVENT_FROM_CALLBACK)
    s = tx_idem_summary(idem, e->source == TX_EVENT_FROM_HELPER ? e->file : f->id, e->fn);
  if (s && e->kind == TX_EVENT_EFFECT && s->effect_name.len) {
    if (s->effect_op < TX_OP_COUNT_)
      snprintf(buf, n, "%.*s() (%s '%.*s')", TX_STR_ARG(call->callee), tx_op_name(s->effect_op),
               TX_STR_ARG(s->effect_name));
    else
      snprintf(buf, n, "%.*s() (calls %.*s)", TX_STR_ARG(call->callee), TX_STR_ARG(s->effect_name));
    return;
  }
  snprintf(buf, n, "%.*s()", TX_STR_ARG(call->callee));
}

// --- summaries -------------------------------------------------------------------------------

// The analysis' transfer: the idempotency facts of function `idx` from every call it makes.
static void transfer(const TxFixpoint *fp, const TxFile *f, uint32_t idx, void *out) {
  TxIdemSummary *next = out;
  const TxFunction *fn = &f->functions[idx];
  next->effect_op = TX_OP_COUNT_;
  for (uint32_t i = 0; i < fn->call_count; i++) {
    const TxCall *call = &f->calls[fn->calls[i]];
    TxEvent e = tx_call_event(fp, f, call);
    if (e.kind == TX_EVENT_MARKER_WRITE) {
      if (!next->writes_marker)
        next->marker_span = e.inner;
      next->writes_marker = true;
      bool dropped = false;
      if (e.source == TX_EVENT_FROM_FACT)
        dropped = e.fact->result_unused && !e.fact->throws_on_error;
      else if (e.source == TX_EVENT_FROM_HELPER)
        dropped =
            tx_idem_summary(fp, e.file, e.fn)->marker_unchecked && call->result_name_count == 0;
      next->marker_unchecked |= dropped;
    } else if (e.kind == TX_EVENT_EFFECT) {
      if (!next->has_effect) {
        next->effect_span = e.inner;
        next->effect_op = TX_OP_COUNT_;
        if (e.source == TX_EVENT_FROM_FACT) {
          next->effect_name = e.fact->table;
          next->effect_op = e.fact->op;
        } else if (e.source == TX_EVENT_FROM_PATTERN) {
          next->effect_name = call->callee;
        } else {
          const TxIdemSummary *ts =
              tx_idem_summary(fp, e.source == TX_EVENT_FROM_HELPER ? e.file : f->id, e.fn);
          next->effect_name = ts->effect_name;
          next->effect_op = ts->effect_op;
        }
      }
      next->has_effect = true;
    } else if (e.kind == TX_EVENT_MARKER_CHECK) {
      next->checks_marker = true;
    }
  }
}

// Every field: a caller reads all of them (the kind, the spans it reports, the name it
// describes).
static bool differs(const void *pa, const void *pb) {
  const TxIdemSummary *a = pa, *b = pb;
  return a->writes_marker != b->writes_marker || a->has_effect != b->has_effect ||
         a->checks_marker != b->checks_marker || a->marker_unchecked != b->marker_unchecked ||
         !tx_span_eq(a->effect_span, b->effect_span) ||
         !tx_str_eq(a->effect_name, b->effect_name) || a->effect_op != b->effect_op ||
         !tx_span_eq(a->marker_span, b->marker_span);
}

TxFixpoint *tx_idempotency_run(const TxProgram *p) {
  // The kinds only grow (none, check, effect, marker write), so a few rounds settle them;
  // the bound matches the write counts' (write_paths.c).
  static const TxAnalysis analysis = {
      .size = sizeof(TxIdemSummary),
      .transfer = transfer,
      .differs = differs,
      .max_rounds = 4 * 8 + 64,
  };
  return tx_fixpoint_run(p, &analysis);
}

const TxIdemSummary *tx_idem_summary(const TxFixpoint *idem, uint32_t file, uint32_t fn) {
  return tx_fixpoint_get(idem, file, fn);
}
