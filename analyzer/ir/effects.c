// effects.c: idempotency meaning of calls (see effects.h).
#include "effects.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "link/callgraph.h"
#include "summary.h"

// Where the literal text after a pattern's last '*' starts (0: the pattern has no '*').
static uint32_t tail_of(TxStr pat) {
  uint32_t tail = pat.len;
  while (tail > 0 && pat.ptr[tail - 1] != '*')
    tail--;
  return tail;
}

// Whether `callee` matches a pattern whose tail is known: the literal tail must end the
// callee, then the whole glob must match.
static bool matches(const TxEffectPattern *e, TxStr callee) {
  uint32_t n = e->pat.len - e->tail;
  if (n > callee.len || memcmp(e->pat.ptr + e->tail, callee.ptr + callee.len - n, n) != 0)
    return false;
  return e->tail == 0 ? n == callee.len : tx_str_glob_str(e->pat, callee);
}

static bool pattern_matches(TxStr pat, TxStr callee) {
  if (pat.len == 0)
    return false;
  // Cheapest filter: a pattern ending in a literal character needs the same last character.
  char last = pat.ptr[pat.len - 1];
  if (last != '*' && (callee.len == 0 || callee.ptr[callee.len - 1] != last))
    return false;
  TxEffectPattern e = {pat, tail_of(pat)};
  return matches(&e, callee);
}

bool tx_effect_callee(const TxStrList *patterns, TxStr callee) {
  for (uint32_t i = 0; i < patterns->count; i++) {
    if (pattern_matches(patterns->items[i], callee))
      return true;
  }
  return false;
}

// Bucket of a pattern: its last character, or 256 when it ends with '*'.
static uint32_t bucket_of(TxStr pat) {
  unsigned char last = (unsigned char)pat.ptr[pat.len - 1];
  return last == '*' ? 256 : last;
}

void tx_effect_matcher_init(TxEffectMatcher *m, const TxStrList *patterns) {
  memset(m, 0, sizeof *m);
  m->patterns = patterns;
  m->order = tx_xmalloc(sizeof(TxEffectPattern) * (patterns->count ? patterns->count : 1));
  for (uint32_t i = 0; i < patterns->count; i++) {
    if (patterns->items[i].len)
      m->start[bucket_of(patterns->items[i]) + 1]++;
  }
  for (uint32_t b = 0; b < 257; b++)
    m->start[b + 1] += m->start[b];
  uint32_t fill[257];
  memcpy(fill, m->start, sizeof fill);
  for (uint32_t i = 0; i < patterns->count; i++) {
    TxStr pat = patterns->items[i];
    if (!pat.len)
      continue;
    m->order[fill[bucket_of(pat)]++] = (TxEffectPattern){pat, tail_of(pat)};
  }
}

void tx_effect_matcher_fini(TxEffectMatcher *m) {
  free(m->order);
  m->order = NULL;
}

bool tx_effect_matcher_match(const TxEffectMatcher *m, TxStr callee) {
  if (callee.len) { // patterns ending in the callee's last character
    unsigned char last = (unsigned char)callee.ptr[callee.len - 1];
    for (uint32_t k = m->start[last]; k < m->start[last + 1]; k++) {
      if (matches(&m->order[k], callee))
        return true;
    }
  }
  for (uint32_t k = m->start[256]; k < m->start[257]; k++) { // patterns ending in '*'
    TxStr pat = m->order[k].pat;
    if (pat.ptr[0] != '*' && (callee.len == 0 || callee.ptr[0] != pat.ptr[0]))
      continue;
    if (matches(&m->order[k], callee))
      return true;
  }
  return false;
}

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
  if (x->table.len == 0)
    return b; // a dynamic name
  const TxSqlFunc *defs[8];
  uint32_t n = tx_schema_funcs(&p->schema, x->schema, x->table, defs, 8);
  if (n == 0)
    return (TxRpcBody){is_catalog_name(x->table) ? TX_RPC_CATALOG : TX_RPC_UNKNOWN, false, false,
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

static TxEventKind summary_kind(const TxSummary *s) {
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

static TxSpan inner_span(const TxSummary *s, TxEventKind k, TxSpan fallback) {
  if (k == TX_EVENT_MARKER_WRITE && s->marker_span.end)
    return s->marker_span;
  if (k == TX_EVENT_EFFECT && s->effect_span.end)
    return s->effect_span;
  return fallback;
}

TxEvent tx_call_event(const TxProgram *p, const TxFile *f, const TxCall *c) {
  TxEvent e;
  memset(&e, 0, sizeof e);
  e.inner = c->span;
  e.file = e.fn = TX_NONE;
  if (c->fact != TX_NONE && c->fact < f->fact_count) {
    e.source = TX_EVENT_FROM_FACT;
    e.fact = &f->facts[c->fact];
    e.kind = fact_kind(p, e.fact);
    e.inner = e.fact->op_span;
    return e;
  }
  if (c->target_file != TX_NONE && c->target_file < p->file_count) {
    const TxFile *tf = p->files[c->target_file];
    const TxSummary *s = tx_summary(tf, c->target_fn);
    e.kind = summary_kind(s);
    e.source = TX_EVENT_FROM_HELPER;
    e.file = c->target_file;
    e.fn = c->target_fn;
    if (s)
      e.inner = inner_span(s, e.kind, c->span);
  }
  for (uint32_t i = 0; i < c->callback_fn_count; i++) {
    const TxSummary *s = tx_summary(f, c->callback_fns[i]);
    if (!s || !s->inline_callback)
      continue;
    TxEventKind k = summary_kind(s);
    if (rank(k) > rank(e.kind)) {
      e.kind = k;
      e.source = TX_EVENT_FROM_CALLBACK;
      e.file = f->id;
      e.fn = c->callback_fns[i];
      e.inner = inner_span(s, k, c->span);
    }
  }
  // A callee named in effect_calls is an effect whatever its body shows: a project's own
  // `broadcast()` that loops over sockets calling `s.send()` is one, though nothing in it
  // matches a pattern. What the body does adds to it (a marker write still outranks it).
  if (c->effect_callee && rank(TX_EVENT_EFFECT) > rank(e.kind)) {
    e.kind = TX_EVENT_EFFECT;
    e.source = TX_EVENT_FROM_PATTERN;
    e.inner = c->span;
  }
  return e;
}

static void describe_fact(const TxFact *x, char *buf, size_t n) {
  TxStr t = x->table.len ? x->table : TX_STR_LIT("<unknown>");
  if (x->op == TX_OP_RPC)
    snprintf(buf, n, "rpc '%.*s'", TX_STR_ARG(t));
  else if (x->op == TX_OP_SELECT)
    snprintf(buf, n, "select from '%.*s'", TX_STR_ARG(t));
  else
    snprintf(buf, n, "%s %s '%.*s'", tx_op_name(x->op),
             x->op == TX_OP_INSERT || x->op == TX_OP_UPSERT ? "into" : "of", TX_STR_ARG(t));
}

void tx_event_describe(const TxProgram *p, const TxFile *f, const TxCall *c, const TxEvent *e,
                       char *buf, size_t n) {
  if (e->source == TX_EVENT_FROM_FACT) {
    describe_fact(e->fact, buf, n);
    return;
  }
  const TxSummary *s = NULL;
  if (e->source == TX_EVENT_FROM_HELPER || e->source == TX_EVENT_FROM_CALLBACK)
    s = tx_summary(e->source == TX_EVENT_FROM_HELPER ? p->files[e->file] : f, e->fn);
  if (s && e->kind == TX_EVENT_EFFECT && s->effect_name.len) {
    if (s->effect_op < TX_OP_COUNT_)
      snprintf(buf, n, "%.*s() (%s '%.*s')", TX_STR_ARG(c->callee), tx_op_name(s->effect_op),
               TX_STR_ARG(s->effect_name));
    else
      snprintf(buf, n, "%.*s() (calls %.*s)", TX_STR_ARG(c->callee), TX_STR_ARG(s->effect_name));
    return;
  }
  snprintf(buf, n, "%.*s()", TX_STR_ARG(c->callee));
}
