// effect-before-idempotency: what it flags and why is rules/effect-before-idempotency.md
// (its front matter holds the summary and description). Works on each function's
// control-flow graph (ir/cfg.h, loop-free view: one iteration at a time) with the
// idempotency events of idempotency.h (markers and effects).
#include <stdio.h>
#include <stdlib.h>

#include "idempotency.h"
#include "ir/cfg.h"
#include "rule.h"

enum { MAX_FLOW = 24 };

typedef struct Graph {
  const TxProgram *p;
  const TxFixpoint *idem; // idempotency summaries
  const TxFile *f;
  const TxCfg *g;
  TxEvent *ev;       // per node (kind NONE for non-calls)
  bool *unmarked;    // reachable from entry without passing a marker write
  uint32_t *to_mark; // next node on a path to a marker write, TX_NONE when none
  uint32_t *checked; // the check this node follows on an unmarked path, or TX_NONE
} Graph;

static const TxCall *call_of(const Graph *G, uint32_t node) {
  return &G->f->calls[G->g->nodes[node].ref];
}

static bool is(const Graph *G, uint32_t node, TxEventKind k) {
  return G->ev[node].kind == k;
}

// Where a finding about node `i` points: the write's operation, or the call.
static TxSpan where(const Graph *G, uint32_t i) {
  const TxEvent *e = &G->ev[i];
  return e->source == TX_EVENT_FROM_FACT ? e->fact->op_span : call_of(G, i)->span;
}

static uint32_t line_of(const Graph *G, TxSpan s) {
  return tx_source_pos(&G->f->src, s.start).line;
}

// Exceptions (the thrown edges of ir/cfg.h): a marker write that throws still ends the
// unmarked path, as any marker write does (the handler tried to record the event; a failed
// or duplicate insert is idempotency-result-ignored's finding, not "never written"); a check
// that throws checked nothing; and an effect comes "before" a marker only on a path without
// thrown edges: a marker written only in a `catch` (a failure record) does not make the
// normal path's effects run before it.
static void analyse(Graph *G) {
  const TxCfg *g = G->g;
  uint32_t n = g->node_count;
  // Forward: unmarked paths from the entry, and the checks they pass.
  G->unmarked[0] = true;
  for (uint32_t i = 0; i < n; i++) {
    if (!G->unmarked[i] || is(G, i, TX_EVENT_MARKER_WRITE))
      continue;
    TxCfgSuccs it = tx_cfg_succs(g, i);
    uint32_t to;
    while (tx_cfg_succs_next(&it, &to)) {
      uint32_t check = is(G, i, TX_EVENT_MARKER_CHECK) && !it.thrown ? i : G->checked[i];
      G->unmarked[to] = true;
      if (G->checked[to] == TX_NONE)
        G->checked[to] = check;
    }
  }
  // Backward: which nodes lead to a marker write without an exception.
  for (uint32_t i = n; i > 0; i--) {
    uint32_t at = i - 1;
    TxCfgSuccs it = tx_cfg_succs(g, at);
    uint32_t to;
    while (G->to_mark[at] == TX_NONE && tx_cfg_succs_next(&it, &to)) {
      if (!it.thrown && (is(G, to, TX_EVENT_MARKER_WRITE) || G->to_mark[to] != TX_NONE))
        G->to_mark[at] = to;
    }
  }
}

static void describe(const Graph *G, uint32_t i, char *buf, size_t n) {
  tx_event_describe(G->idem, G->f, call_of(G, i), &G->ev[i], buf, n);
}

// Related location for an effect reached through a helper: where it really happens.
static void effect_inside(TxCheck *chk, const Graph *G, TxDiag *d, uint32_t i) {
  const TxEvent *e = &G->ev[i];
  if (e->source == TX_EVENT_FROM_HELPER || e->source == TX_EVENT_FROM_CALLBACK)
    tx_report_related(chk, d, e->inner, "the effect inside %.*s",
                      TX_STR_ARG(call_of(G, i)->callee));
}

// The level and the tail of a finding about effect node `i`: one that forwards an idempotency
// key is repeated too, but the receiver can drop the repeat, so it is a note that says so.
static TxDiag *report_effect(TxCheck *chk, const Graph *G, uint32_t i, const char *text) {
  if (G->ev[i].keyed)
    return tx_report_at(chk, TX_SEV_NOTE, where(G, i),
                        "%s (it passes an idempotency key, so the receiver can drop the repeat "
                        "if it honours the key)",
                        text);
  return tx_report(chk, where(G, i), "%s", text);
}

static void report_before(TxCheck *chk, const Graph *G, uint32_t effect) {
  uint32_t marker = effect;
  while (!is(G, marker, TX_EVENT_MARKER_WRITE) && G->to_mark[marker] != TX_NONE)
    marker = G->to_mark[marker];
  char what[256], mark[256];
  describe(G, effect, what, sizeof what);
  describe(G, marker, mark, sizeof mark);
  TxSpan ms = where(G, marker);
  char text[800];
  snprintf(text, sizeof text,
           "%s can run before the idempotency marker is written (%s, line %u); a redelivered "
           "event repeats it",
           what, mark, line_of(G, ms));
  TxDiag *d = report_effect(chk, G, effect, text);
  tx_report_related(chk, d, ms, "the marker is written here: %s", mark);
  effect_inside(chk, G, d, effect);
  tx_report_flow(chk, d, where(G, effect), "effect: %s", what);
  uint32_t steps = 0;
  for (uint32_t at = G->to_mark[effect]; at != TX_NONE && at != marker && steps < MAX_FLOW;
       at = G->to_mark[at]) {
    if (G->g->nodes[at].kind == TX_CFG_CALL && G->ev[at].kind != TX_EVENT_NONE) {
      char step[256];
      describe(G, at, step, sizeof step);
      tx_report_flow(chk, d, where(G, at), "then: %s", step);
      steps++;
    }
  }
  tx_report_flow(chk, d, ms, "marker written only now: %s", mark);
}

static void report_unordered(TxCheck *chk, const Graph *G, uint32_t effect, uint32_t marker) {
  char what[256], mark[256];
  describe(G, effect, what, sizeof what);
  describe(G, marker, mark, sizeof mark);
  TxSpan ms = where(G, marker);
  char text[800];
  snprintf(text, sizeof text,
           "%s runs in the same Promise.all as the idempotency marker write (%s, line %u), so it "
           "is not ordered after it; a redelivered event repeats it",
           what, mark, line_of(G, ms));
  TxDiag *d = report_effect(chk, G, effect, text);
  tx_report_related(chk, d, ms, "the marker write in the same group: %s", mark);
  effect_inside(chk, G, d, effect);
  tx_report_flow(chk, d, where(G, effect), "effect: %s", what);
  tx_report_flow(chk, d, ms, "marker written concurrently: %s", mark);
}

static void report_unrecorded(TxCheck *chk, const Graph *G, uint32_t effect, bool any_marker) {
  uint32_t check = G->checked[effect];
  char what[256], check_text[256];
  describe(G, effect, what, sizeof what);
  describe(G, check, check_text, sizeof check_text);
  TxSpan cs = where(G, check);
  char text[800];
  snprintf(text, sizeof text,
           "%s runs after the idempotency check (%s, line %u) but the marker is never written%s; "
           "a redelivered event repeats it",
           what, check_text, line_of(G, cs), any_marker ? " on this path" : "");
  TxDiag *d = report_effect(chk, G, effect, text);
  tx_report_related(chk, d, cs, "the marker is checked here: %s", check_text);
  effect_inside(chk, G, d, effect);
  tx_report_flow(chk, d, cs, "check: %s", check_text);
  tx_report_flow(chk, d, where(G, effect), "effect, with no marker written: %s", what);
}

// A marker write in the same parallel group as call node `i`, or TX_NONE.
static uint32_t parallel_marker(const Graph *G, uint32_t i) {
  uint32_t group = call_of(G, i)->parallel_group;
  if (group == 0)
    return TX_NONE;
  for (uint32_t k = 0; k < G->g->node_count; k++) {
    if (k != i && is(G, k, TX_EVENT_MARKER_WRITE) && call_of(G, k)->parallel_group == group)
      return k;
  }
  return TX_NONE;
}

static void check_function(TxCheck *chk, const TxFile *f, const TxFunction *fn) {
  const TxCfg *g = fn->cfg;
  if (!g || f->src.lang == TX_LANG_SQL ||
      !tx_webhook_ctx_has(tx_check_webhook(chk), f->id, (uint32_t)(fn - f->functions)))
    return; // not a webhook handler, nor run by one (idempotency.h)
  Graph G = {tx_check_program(chk), tx_check_idempotency(chk), f, g, NULL, NULL, NULL, NULL};
  uint32_t n = g->node_count;
  bool any_marker = false, any_check = false;
  G.ev = tx_xcalloc(n, sizeof *G.ev);
  for (uint32_t i = 0; i < n; i++) {
    if (g->nodes[i].kind != TX_CFG_CALL)
      continue;
    G.ev[i] = tx_call_event(G.idem, f, &f->calls[g->nodes[i].ref]);
    any_marker |= G.ev[i].kind == TX_EVENT_MARKER_WRITE;
    any_check |= G.ev[i].kind == TX_EVENT_MARKER_CHECK;
  }
  if (any_marker || any_check) {
    G.unmarked = tx_xcalloc(n, sizeof *G.unmarked);
    G.to_mark = tx_xmalloc(sizeof(uint32_t) * n * 2);
    G.checked = G.to_mark + n;
    for (uint32_t i = 0; i < 2 * n; i++)
      G.to_mark[i] = TX_NONE;
    analyse(&G);
    for (uint32_t i = 0; i < n; i++) {
      if (!is(&G, i, TX_EVENT_EFFECT))
        continue;
      uint32_t par = parallel_marker(&G, i);
      if (par != TX_NONE)
        report_unordered(chk, &G, i, par);
      else if (G.unmarked[i] && G.to_mark[i] != TX_NONE)
        report_before(chk, &G, i);
      else if (G.unmarked[i] && G.checked[i] != TX_NONE)
        report_unrecorded(chk, &G, i, any_marker);
    }
    free(G.unmarked);
    free(G.to_mark);
  }
  free(G.ev);
}

const TxRule tx_rule_effect_before_idempotency = {
    .id = "effect-before-idempotency",
    .name = "EffectBeforeIdempotency",
    .severity = TX_SEV_ERROR,
    .category = TX_CAT_RELIABILITY,
    .precision = TX_PRECISION_HIGH,
    .reads = TX_READS_DB_CALLS | TX_READS_PROJECT_CALLS | TX_READS_EFFECT_CALLS,
    .check_function = check_function,
};
