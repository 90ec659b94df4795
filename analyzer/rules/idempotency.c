// idempotency.c: idempotency meaning of calls and the summaries of functions (see
// idempotency.h).
#include "idempotency.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "ir/schema.h"

// --- marker tables
// ---------------------------------------------------------------------------------

static bool is_event_id_column(TxStr name) {
  return tx_str_eq_c(name, "event_id") || tx_str_eq_c(name, "idempotency_key") ||
         (name.len > 9 && tx_str_ends_with(name, "_event_id"));
}

// A table that records what went wrong (`webhook_failures`, `stripe_event_errors`,
// `webhook_dead_letters`, `events_dlq`): keyed by the event id so a failure is logged once,
// it says nothing about whether the event was handled.
static bool records_failures(TxStr table) {
  static const char *const suffixes[] = {"_failures",     "_failure",     "_errors", "_error",
                                         "_dead_letters", "_dead_letter", "_dlq"};
  for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
    if (tx_str_ends_with(table, suffixes[i]))
      return true;
  }
  return tx_str_eq_c(table, "dead_letters") || tx_str_eq_c(table, "dlq");
}

static bool references_a_table(const TxTable *t, TxStr column) {
  for (uint32_t i = 0; i < t->fk_count; i++) {
    if (tx_str_eq(t->fks[i].column, column))
      return true;
  }
  return false;
}

bool tx_is_marker_table(const TxProgram *p, TxStr schema, TxStr table) {
  if (table.len == 0)
    return false;
  if (tx_strlist_has(&p->config->marker_tables, table))
    return true;
  if (records_failures(table))
    return false;
  // A unique key on the event id, alone or with other columns (`unique (provider, event_id)`,
  // a composite primary key), or a unique index on it, partial or not.
  // A column with a foreign key refers to a row of another table (`billing_event_id`
  // references billing_events): the delivery's own id is never one.
  const TxTable *t = tx_schema_table(&p->schema, schema, table);
  for (uint32_t i = 0; t && i < t->column_count; i++) {
    const TxColumn *col = &t->columns[i];
    if ((col->is_unique || col->is_primary_key || col->in_key) && is_event_id_column(col->name) &&
        !references_a_table(t, col->name))
      return true;
  }
  return false;
}

// --- events -----------------------------------------------------------------------------

static bool conflicts_on_event_id(const TxFact *x);

static bool is_marker_insert(const TxProgram *p, const TxFact *x) {
  return (x->op == TX_OP_INSERT || x->op == TX_OP_UPSERT) &&
         (tx_is_marker_table(p, x->schema, x->table) ||
          (x->op == TX_OP_UPSERT && conflicts_on_event_id(x) && !records_failures(x->table)));
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

// Whether an upsert's conflict target names an event id column (`onConflict: 'event_id'`,
// `'provider, idempotency_key'`, ON CONFLICT (stripe_event_id)): the code says the table is
// keyed by the event, which makes it a marker as a unique key in the migrations would.
static bool conflicts_on_event_id(const TxFact *x) {
  TxStr s = x->on_conflict;
  uint32_t i = 0;
  while (i < s.len) {
    while (i < s.len && (s.ptr[i] == ',' || s.ptr[i] == ' ' || s.ptr[i] == '"'))
      i++;
    uint32_t from = i;
    while (i < s.len && s.ptr[i] != ',' && s.ptr[i] != ' ' && s.ptr[i] != '"')
      i++;
    if (i > from && is_event_id_column(tx_str_n(s.ptr + from, i - from)))
      return true;
  }
  return false;
}

bool tx_upsert_overwrites(const TxFact *x) {
  return x->op == TX_OP_UPSERT && !x->ignore_duplicates && !x->upsert_options_unknown;
}

static TxEventKind fact_kind(const TxProgram *p, const TxFact *x) {
  if (!tx_fact_live(x))
    return TX_EVENT_NONE;
  if (x->op == TX_OP_RPC)
    return rpc_kind(p, x);
  bool marker_table =
      tx_is_marker_table(p, x->schema, x->table) ||
      (x->op == TX_OP_UPSERT && conflicts_on_event_id(x) && !records_failures(x->table));
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

// A request that only reads: `axios.get`, `stripe.customers.retrieve`, `stripe.charges.list`,
// `stripe.customers.search`, or a plain `fetch(url)` / `axios(url)` / `fetch(url, { method:
// 'GET' })`. Reading the provider's state again on a redelivery repeats nothing.
static bool request_reads(const TxCall *call) {
  static const char *const reads[] = {"get", "head", "retrieve", "list", "search"};
  for (size_t i = 0; call->receiver.len && i < sizeof reads / sizeof reads[0]; i++) {
    if (tx_str_eq_c(call->name, reads[i]))
      return true;
  }
  static const char *const requests[] = {"fetch", "axios", "got", "ky"};
  for (size_t i = 0; call->reads_only && i < sizeof requests / sizeof requests[0]; i++) {
    if (tx_str_eq_c(call->name, requests[i]))
      return true;
  }
  return false;
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
  if (call->effect_callee && rank(TX_EVENT_EFFECT) > rank(e.kind) && !request_reads(call)) {
    e.kind = TX_EVENT_EFFECT;
    e.source = TX_EVENT_FROM_PATTERN;
    e.inner = call->span;
  }
  e.keyed = e.kind == TX_EVENT_EFFECT && call->idempotency_key;
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

// --- webhook context -------------------------------------------------------------------

struct TxWebhookCtx {
  bool all;       // marker_tables configured: every function is checked
  uint32_t *base; // per file, the index of its first function in `in`
  bool *in;       // per function: a webhook handler or in one's context
  uint32_t file_count;
};

static bool names_webhook(TxStr s) {
  return tx_str_contains_nocase(s, "webhook");
}

typedef TX_ARRAY(uint32_t) U32List;

static void mark(TxWebhookCtx *w, U32List *queue, uint32_t file, uint32_t fn) {
  if (file >= w->file_count || fn >= w->base[file + 1] - w->base[file])
    return;
  uint32_t at = w->base[file] + fn;
  if (!w->in[at]) {
    w->in[at] = true;
    TX_ARRAY_PUSH(queue, at);
  }
}

// The functions a route registration names: its inline callbacks, and the functions of the
// file named by its identifier arguments (`router.post('/webhook', verify, handleWebhook)`).
static void mark_route(TxWebhookCtx *w, U32List *queue, const TxFile *f, const TxCall *call) {
  for (uint32_t k = 0; k < call->callback_fn_count; k++)
    mark(w, queue, f->id, call->callback_fns[k]);
  for (uint32_t a = 0; a < call->ident_arg_count; a++) {
    for (uint32_t k = 0; k < f->function_count; k++) {
      if (tx_str_eq(f->functions[k].name, call->ident_args[a]))
        mark(w, queue, f->id, k);
    }
  }
}

static void seed(TxWebhookCtx *w, U32List *queue, const TxFile *f, bool *verifies) {
  if (names_webhook(f->src.path)) {
    for (uint32_t k = 0; k < f->function_count; k++)
      mark(w, queue, f->id, k);
  }
  for (uint32_t i = 0; i < f->call_count; i++) {
    const TxCall *call = &f->calls[i];
    if (call->first_string_arg.len && names_webhook(call->first_string_arg)) {
      mark_route(w, queue, f, call); // a route registration, not a check in its function
    } else if (call->webhook_check && call->fn != TX_NONE && call->fn < f->function_count) {
      mark(w, queue, f->id, call->fn);
      verifies[w->base[f->id] + call->fn] = true;
    }
  }
}

// The callers of a function that verifies a webhook are the handler it verifies for
// (`const event = await readStripeEvent(req)` in a route that does the work): one level up.
static void seed_callers(TxWebhookCtx *w, U32List *queue, const TxFile *f, const bool *verifies) {
  for (uint32_t i = 0; i < f->call_count; i++) {
    const TxCall *call = &f->calls[i];
    uint32_t tf = call->target_file, tfn = call->target_fn;
    if (call->fn == TX_NONE || tf == TX_NONE || tf >= w->file_count ||
        tfn >= w->base[tf + 1] - w->base[tf])
      continue;
    if (verifies[w->base[tf] + tfn])
      mark(w, queue, f->id, call->fn);
  }
}

// The file of function number `at` (the last file whose first function is at or before it).
static uint32_t file_of(const TxWebhookCtx *w, uint32_t at) {
  return tx_u32_floor(w->base, w->file_count, at);
}

// From the seeds, down the call graph, the inline callbacks and the nested functions: a
// worklist over every function, each queued once.
static void spread(TxWebhookCtx *w, U32List *queue, const TxProgram *p) {
  uint32_t total = w->base[w->file_count];
  // Children of each function, as linked lists: head per function, next per function.
  uint32_t *head = tx_xmalloc(sizeof(uint32_t) * (total ? total : 1) * 2);
  uint32_t *next = head + total;
  for (uint32_t i = 0; i < 2 * total; i++)
    head[i] = TX_NONE;
  for (uint32_t fi = 0; fi < p->file_count; fi++) {
    const TxFile *f = p->files[fi];
    for (uint32_t k = 0; k < f->function_count; k++) {
      uint32_t parent = f->functions[k].parent;
      if (parent != TX_NONE && parent < f->function_count) {
        next[w->base[fi] + k] = head[w->base[fi] + parent];
        head[w->base[fi] + parent] = w->base[fi] + k;
      }
    }
  }
  for (uint32_t q = 0; q < queue->count; q++) {
    uint32_t at = queue->items[q];
    uint32_t fi = file_of(w, at);
    const TxFile *f = p->files[fi];
    const TxFunction *fn = &f->functions[at - w->base[fi]];
    for (uint32_t i = 0; i < fn->call_count; i++) {
      const TxCall *call = &f->calls[fn->calls[i]];
      if (call->target_file != TX_NONE)
        mark(w, queue, call->target_file, call->target_fn);
      for (uint32_t k = 0; k < call->callback_fn_count; k++)
        mark(w, queue, fi, call->callback_fns[k]);
    }
    for (uint32_t c = head[at]; c != TX_NONE; c = next[c])
      mark(w, queue, fi, c - w->base[fi]);
  }
  free(head);
}

TxWebhookCtx *tx_webhook_ctx_run(const TxProgram *p) {
  TxWebhookCtx *w = tx_xcalloc(1, sizeof *w);
  w->all = p->config->marker_tables_set;
  w->file_count = p->file_count;
  w->base = tx_xcalloc((size_t)p->file_count + 1, sizeof *w->base);
  for (uint32_t i = 0; i < p->file_count; i++)
    w->base[i + 1] = w->base[i] + p->files[i]->function_count;
  w->in = tx_xcalloc(w->base[p->file_count] ? w->base[p->file_count] : 1, sizeof *w->in);
  if (w->all)
    return w;
  U32List queue = {0};
  bool *verifies = tx_xcalloc(w->base[p->file_count] ? w->base[p->file_count] : 1, sizeof(bool));
  for (uint32_t i = 0; i < p->file_count; i++)
    seed(w, &queue, p->files[i], verifies);
  for (uint32_t i = 0; i < p->file_count; i++)
    seed_callers(w, &queue, p->files[i], verifies);
  free(verifies);
  spread(w, &queue, p);
  TX_ARRAY_FREE(&queue);
  return w;
}

void tx_webhook_ctx_free(TxWebhookCtx *w) {
  if (!w)
    return;
  free(w->base);
  free(w->in);
  free(w);
}

bool tx_webhook_ctx_has(const TxWebhookCtx *w, uint32_t file, uint32_t fn) {
  if (w->all)
    return true;
  if (file >= w->file_count || fn >= w->base[file + 1] - w->base[file])
    return false;
  return w->in[w->base[file] + fn];
}
