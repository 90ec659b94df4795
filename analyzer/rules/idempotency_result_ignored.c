// idempotency-result-ignored: what it flags and why is rules/idempotency-result-ignored.md
// (its front matter holds the summary and description). Works on each function's
// control-flow graph (loop-free view): from the marker write, a path to an effect that
// passes no test of the result.
#include <stdio.h>
#include <stdlib.h>

#include "idempotency.h"
#include "ir/cfg.h"
#include "rule.h"

// The locals bound to the result of the marker write at call `c` (its fact's too).
typedef struct Names {
  const TxStr *a, *b;
  uint32_t na, nb;
} Names;

static bool names_empty(const Names *n) {
  return n->na == 0 && n->nb == 0;
}

static bool mentions(const TxCfg *g, const TxCfgNode *node, const TxFile *f, const Names *n) {
  const TxStr *lists[2] = {n->a, n->b};
  uint32_t counts[2] = {n->na, n->nb};
  for (int l = 0; l < 2; l++) {
    for (uint32_t i = 0; i < counts[l]; i++) {
      TxStr name = lists[l][i];
      if (node->kind == TX_CFG_TEST && tx_cfg_test_mentions(g, node, name))
        return true;
      if (node->kind == TX_CFG_CALL) {
        const TxCall *call = &f->calls[node->ref];
        for (uint32_t k = 0; k < call->ident_arg_count; k++) {
          if (tx_str_eq(call->ident_args[k], name))
            return true;
        }
      }
    }
  }
  return false;
}

// The first effect reachable from `from` without passing a test of `names`, or TX_NONE.
static uint32_t untested_effect(const TxFile *f, const TxCfg *g, const TxEvent *ev, uint32_t from,
                                const Names *names) {
  uint32_t n = g->node_count;
  bool *seen = tx_xcalloc(n, sizeof *seen);
  seen[from] = true;
  uint32_t found = TX_NONE;
  for (uint32_t i = from; i < n && found == TX_NONE; i++) {
    if (!seen[i])
      continue;
    if (i != from && ev[i].kind == TX_EVENT_EFFECT) {
      found = i;
      break;
    }
    if (i != from && mentions(g, &g->nodes[i], f, names))
      continue; // the result is looked at: this path is fine
    TxCfgSuccs it = tx_cfg_succs(g, i);
    uint32_t to;
    while (tx_cfg_succs_next(&it, &to)) {
      seen[to] = true;
    }
  }
  free(seen);
  return found;
}

static void report(TxCheck *chk, const TxFile *f, const TxCfg *g, const TxEvent *ev,
                   uint32_t marker, uint32_t effect, bool dropped_in_helper) {
  const TxCall *mc = &f->calls[g->nodes[marker].ref];
  const TxCall *ec = &f->calls[g->nodes[effect].ref];
  char mark[256], what[256];
  tx_event_describe(tx_check_idempotency(chk), f, mc, &ev[marker], mark, sizeof mark);
  tx_event_describe(tx_check_idempotency(chk), f, ec, &ev[effect], what, sizeof what);
  TxSpan ms = ev[marker].source == TX_EVENT_FROM_FACT ? ev[marker].fact->op_span : mc->span;
  TxSpan es = ev[effect].source == TX_EVENT_FROM_FACT ? ev[effect].fact->op_span : ec->span;
  TxDiag *d;
  if (dropped_in_helper)
    d = tx_report(chk, ms,
                  "%s records the event id but drops the insert's result, so a duplicate is "
                  "not detected before %s (line %u) runs again",
                  mark, what, tx_source_pos(&f->src, es.start).line);
  else
    d = tx_report(chk, ms,
                  "the result of the idempotency marker write (%s) is not checked before %s "
                  "(line %u); a redelivered event is processed again",
                  mark, what, tx_source_pos(&f->src, es.start).line);
  if (dropped_in_helper)
    tx_report_related(chk, d, ev[marker].inner, "the marker insert whose result is dropped");
  tx_report_related(chk, d, es, "the next effect: %s", what);
  tx_report_flow(chk, d, ms, "marker written: %s", mark);
  tx_report_flow(chk, d, es, "effect without checking for a duplicate: %s", what);
}

// An upsert marker that overwrites on a conflict: whatever its result is tested for, a
// redelivery succeeds like the first delivery did, so every effect after it runs again.
static void report_overwrite(TxCheck *chk, const TxFile *f, const TxCfg *g, const TxEvent *ev,
                             uint32_t marker) {
  Names none = {NULL, NULL, 0, 0};
  uint32_t effect = untested_effect(f, g, ev, marker, &none);
  if (effect == TX_NONE)
    return;
  const TxCall *mc = &f->calls[g->nodes[marker].ref];
  const TxCall *ec = &f->calls[g->nodes[effect].ref];
  char mark[256], what[256];
  tx_event_describe(tx_check_idempotency(chk), f, mc, &ev[marker], mark, sizeof mark);
  tx_event_describe(tx_check_idempotency(chk), f, ec, &ev[effect], what, sizeof what);
  TxSpan ms = ev[marker].fact->op_span;
  TxSpan es = ev[effect].source == TX_EVENT_FROM_FACT ? ev[effect].fact->op_span : ec->span;
  TxDiag *d = tx_report(chk, ms,
                        "the idempotency marker write (%s) overwrites the row on a conflict "
                        "(ignoreDuplicates is not true), so it cannot tell a duplicate: the "
                        "handler re-runs %s (line %u) on every redelivery",
                        mark, what, tx_source_pos(&f->src, es.start).line);
  tx_report_related(chk, d, es, "the next effect: %s", what);
  tx_report_flow(chk, d, ms, "marker upserted, duplicate or not: %s", mark);
  tx_report_flow(chk, d, es, "effect, run again on a redelivery: %s", what);
}

static void check_function(TxCheck *chk, const TxFile *f, const TxFunction *fn) {
  const TxCfg *g = fn->cfg;
  if (!g || f->src.lang == TX_LANG_SQL ||
      !tx_webhook_ctx_has(tx_check_webhook(chk), f->id, (uint32_t)(fn - f->functions)))
    return; // not a webhook handler, nor run by one (idempotency.h)
  const TxFixpoint *idem = tx_check_idempotency(chk);
  uint32_t n = g->node_count;
  TxEvent *ev = tx_xcalloc(n, sizeof *ev);
  bool any = false;
  for (uint32_t i = 0; i < n; i++) {
    if (g->nodes[i].kind != TX_CFG_CALL)
      continue;
    ev[i] = tx_call_event(idem, f, &f->calls[g->nodes[i].ref]);
    any |= ev[i].kind == TX_EVENT_MARKER_WRITE;
  }
  for (uint32_t i = 0; any && i < n; i++) {
    if (ev[i].kind != TX_EVENT_MARKER_WRITE)
      continue;
    const TxCfgNode *node = &g->nodes[i];
    const TxCall *call = &f->calls[node->ref];
    Names names = {call->result_names, NULL, call->result_name_count, 0};
    bool dropped_in_helper = false;
    if (ev[i].source == TX_EVENT_FROM_FACT) {
      const TxFact *x = ev[i].fact;
      if (tx_upsert_overwrites(x)) {
        report_overwrite(chk, f, g, ev, i);
        continue;
      }
      if (x->throws_on_error || node->ref_count == 1)
        continue; // throws on a duplicate, or consumed at once by a test or return
      names.b = x->result_names;
      names.nb = x->result_name_count;
      if (names_empty(&names) && !x->result_unused)
        continue; // used in a way we do not follow (passed on, chained): assume checked
    } else if (ev[i].source == TX_EVENT_FROM_HELPER) {
      const TxIdemSummary *s = tx_idem_summary(idem, ev[i].file, ev[i].fn);
      if (!s || !s->marker_unchecked)
        continue; // the helper can tell a duplicate (it checks, returns or throws)
      dropped_in_helper = true;
      names.na = 0; // whatever the helper returns, it is not the insert's result
    } else {
      continue;
    }
    uint32_t effect = untested_effect(f, g, ev, i, &names);
    if (effect != TX_NONE)
      report(chk, f, g, ev, i, effect, dropped_in_helper);
  }
  free(ev);
}

const TxRule tx_rule_idempotency_result_ignored = {
    .id = "idempotency-result-ignored",
    .name = "IdempotencyResultIgnored",
    .severity = TX_SEV_WARNING,
    .category = TX_CAT_RELIABILITY,
    .precision = TX_PRECISION_HIGH,
    .reads =
        TX_READS_DB_CALLS | TX_READS_PROJECT_CALLS | TX_READS_EFFECT_CALLS | TX_READS_RESULT_TESTS,
    .check_function = check_function,
};
