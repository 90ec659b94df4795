// registry.c: the rule table (expanded from rules.def), lookup by id, and the engine that
// runs enabled rules over a program: check_fact for each live fact whose op the rule
// asks for, check_function for each function, check_program once.
#include <stdio.h>
#include <string.h>

#include "diag/diag.h"
#include "idempotency.h"
#include "rule.h"
#include "write_paths.h"

#define TX_RULE(name) extern const TxRule tx_rule_##name;
#include "rules.def"
#undef TX_RULE

const TxRule *const tx_rules[] = {
#define TX_RULE(name) &tx_rule_##name,
#include "rules.def"
#undef TX_RULE
};
const uint32_t tx_rule_count = sizeof tx_rules / sizeof tx_rules[0];

const TxRule *tx_rule_find(const char *id) {
  for (uint32_t i = 0; i < tx_rule_count; i++) {
    if (strcmp(tx_rules[i]->id, id) == 0)
      return tx_rules[i];
  }
  return NULL;
}

uint32_t tx_rule_index_of(const char *id) {
  const TxRule *r = tx_rule_find(id);
  return r ? tx_rule_index(r) : TX_NONE;
}

bool tx_rule_known(TxStr id) {
  for (uint32_t i = 0; i < tx_rule_count; i++) {
    if (tx_str_eq_c(id, tx_rules[i]->id))
      return true;
  }
  return false;
}

uint32_t tx_rule_index(const TxRule *r) {
  for (uint32_t i = 0; i < tx_rule_count; i++) {
    if (tx_rules[i] == r)
      return i;
  }
  return TX_NONE;
}

uint32_t tx_rules_reads(void) {
  uint32_t reads = 0;
  for (uint32_t i = 0; i < tx_rule_count; i++)
    reads |= tx_rules[i]->reads;
  return reads;
}

struct TxCheck {
  const TxProgram *program;
  TxDiagSink *sink;
  const TxRule *rule;
  uint32_t rule_index;
  TxSeverity level;
  const TxFixpoint *writes, *idem; // the shared analyses (write_paths.h, idempotency.h)
  const TxWebhookCtx *webhook;     // the webhook handlers' context (idempotency.h)
};

TxDiag *tx_report(TxCheck *chk, TxSpan span, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  TxDiag *d = tx_diag_addv(chk->sink, chk->rule->id, chk->rule_index, chk->level, span, fmt, ap);
  va_end(ap);
  return d;
}

TxDiag *tx_report_at(TxCheck *chk, TxSeverity level, TxSpan span, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  TxDiag *d = tx_diag_addv(chk->sink, chk->rule->id, chk->rule_index, level, span, fmt, ap);
  va_end(ap);
  return d;
}

void tx_report_prop(TxCheck *chk, TxDiag *d, const char *key, TxStr value) {
  tx_diag_set_prop(chk->sink, d, key, value);
}

void tx_report_related(TxCheck *chk, TxDiag *d, TxSpan span, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  tx_diag_add_stepv(chk->sink, d, false, span, fmt, ap);
  va_end(ap);
}

void tx_report_flow(TxCheck *chk, TxDiag *d, TxSpan span, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  tx_diag_add_stepv(chk->sink, d, true, span, fmt, ap);
  va_end(ap);
}

TxFix *tx_report_fix(TxCheck *chk, TxDiag *d, TxFixKind kind, const char *fmt, ...) {
  char buf[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  return tx_diag_set_fix(chk->sink, d, kind, "%s", buf);
}

bool tx_report_edit(TxCheck *chk, TxFix *fix, TxSpan span, TxStr insertion) {
  return tx_diag_fix_edit(chk->sink, fix, span, insertion);
}

const TxProgram *tx_check_program(const TxCheck *chk) {
  return chk->program;
}

const TxFixpoint *tx_check_write_paths(const TxCheck *chk) {
  return chk->writes;
}

const TxFixpoint *tx_check_idempotency(const TxCheck *chk) {
  return chk->idem;
}

const TxWebhookCtx *tx_check_webhook(const TxCheck *chk) {
  return chk->webhook;
}

static void run_rule(TxCheck *chk) {
  const TxRule *r = chk->rule;
  const TxProgram *p = chk->program;
  for (uint32_t i = 0; i < p->file_count; i++) {
    const TxFile *f = p->files[i];
    if (r->check_fact && r->ops) {
      for (uint32_t k = 0; k < f->fact_count; k++) {
        const TxFact *fact = &f->facts[k];
        if (tx_fact_live(fact) && (r->ops & TX_OP_BIT(fact->op)))
          r->check_fact(chk, f, fact);
      }
    }
    if (r->check_function) {
      for (uint32_t k = 0; k < f->function_count; k++)
        r->check_function(chk, f, &f->functions[k]);
    }
  }
  // The facts calls make through helpers (link/builders.c), in the calling files.
  for (uint32_t k = 0; r->check_fact && r->ops && k < p->call_fact_count; k++) {
    const TxFact *fact = &p->call_facts[k];
    const TxFile *f = tx_program_file(p, fact->span.file);
    if (f && tx_fact_live(fact) && (r->ops & TX_OP_BIT(fact->op)))
      r->check_fact(chk, f, fact);
  }
  if (r->check_program)
    r->check_program(chk, p);
}

// Runs the rules of one phase: those that judge suppression comments, or the others.
static void run_phase(const TxProgram *p, TxDiagSink *sink, const TxFixpoint *writes,
                      const TxFixpoint *idem, const TxWebhookCtx *webhook,
                      bool judges_suppressions) {
  for (uint32_t i = 0; i < tx_rule_count; i++) {
    const TxRule *r = tx_rules[i];
    if (r->judges_suppressions != judges_suppressions || !tx_config_rule_enabled(p->config, r->id))
      continue;
    TxCheck chk = {p,      sink, r,      i, tx_config_rule_level(p->config, r->id, r->severity),
                   writes, idem, webhook};
    run_rule(&chk);
  }
}

void tx_rules_run(const TxProgram *p, TxDiagSink *sink) {
  TxFixpoint *writes = tx_write_paths_run(p);
  TxFixpoint *idem = tx_idempotency_run(p);
  TxWebhookCtx *webhook = tx_webhook_ctx_run(p);
  run_phase(p, sink, writes, idem, webhook, false);
  tx_diag_apply_suppressions(sink, p);
  run_phase(p, sink, writes, idem, webhook, true);
  tx_webhook_ctx_free(webhook);
  tx_fixpoint_free(idem);
  tx_fixpoint_free(writes);
}
