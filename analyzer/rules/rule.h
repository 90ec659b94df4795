// rule.h: the interface every rule implements; with the shared analyses of this folder
// (idempotency.h, write_paths.h) the only headers a rule includes. A rule sees the IR (facts,
// functions, calls, schema) and reports through tx_report();
// it never sees syntax trees. See ARCHITECTURE.md and README "Adding a rule".
#ifndef TX_RULES_RULE_H
#define TX_RULES_RULE_H

#include <stdarg.h>

#include "config/config.h"
#include "diag/diag.h"
#include "ir/ir.h"
#include "ir/program.h"
#include "ir/schema.h"
#include "link/fixpoint.h"

typedef enum TxCategory {
  TX_CAT_CORRECTNESS,
  TX_CAT_SECURITY,
  TX_CAT_RELIABILITY,
} TxCategory;

typedef enum TxPrecision {
  TX_PRECISION_VERY_HIGH,
  TX_PRECISION_HIGH,
  TX_PRECISION_MEDIUM,
  TX_PRECISION_LOW,
} TxPrecision;

typedef struct TxCheck TxCheck;

// A rule's summary and description are not here: they are in its document's front matter
// (rules/<id>.md), read through tx_rule_summary() and tx_rule_description().
typedef struct TxRule {
  const char *id;      // kebab-case: "tenant-filter"
  const char *name;    // PascalCase for SARIF rule.name: "TenantFilter"
  TxSeverity severity; // default level; config may override
  TxCategory category;
  TxPrecision precision;
  const char *security_severity; // "8.1" (CVSS-like, GitHub); NULL for non-security rules
  uint32_t ops;                  // TX_OP_BIT mask: check_fact sees only these ops (0: none)
  uint32_t reads; // TX_READS_* bits (ir/ir.h): the calls and functions it reads beyond facts;
                  // extraction prunes the kinds no rule reads
  void (*check_fact)(TxCheck *chk, const TxFile *f, const TxFact *fact);
  void (*check_function)(TxCheck *chk, const TxFile *f, const TxFunction *fn);
  void (*check_program)(TxCheck *chk, const TxProgram *p);
  bool judges_suppressions; // runs after every other rule, once suppression comments are
                            // applied (TxSuppression.used tells which covered a finding)
} TxRule;

// Reports a finding of the running rule at `span`. Returns the diagnostic so related
// locations and flow steps can be added. Can't fail.
TxDiag *tx_report(TxCheck *chk, TxSpan span, const char *fmt, ...) TX_PRINTF(3, 4);
void tx_report_related(TxCheck *chk, TxDiag *d, TxSpan span, const char *fmt, ...) TX_PRINTF(4, 5);
void tx_report_flow(TxCheck *chk, TxDiag *d, TxSpan span, const char *fmt, ...) TX_PRINTF(4, 5);

// Gives finding `d` a fix of `kind` (diag.h) with the formatted description; add its edits
// with tx_report_edit(). A rule offers a fix only when it is sure what the edit means (the
// rule's document says when, in its "Fix" paragraph). Can't fail.
TxFix *tx_report_fix(TxCheck *chk, TxDiag *d, TxFixKind kind, const char *fmt, ...) TX_PRINTF(4, 5);
// Adds an edit to `fix`: see tx_diag_fix_edit. Returns false when it was refused.
bool tx_report_edit(TxCheck *chk, TxFix *fix, TxSpan span, TxStr insertion);
// Sets a property of finding `d` (SARIF result.properties; see tx_diag_set_prop).
void tx_report_prop(TxCheck *chk, TxDiag *d, const char *key, TxStr value);
// Reports at `level` instead of the rule's configured level: a rule that grades its own
// findings (tenant-filter's notes for rows RLS still protects).
TxDiag *tx_report_at(TxCheck *chk, TxSeverity level, TxSpan span, const char *fmt, ...)
    TX_PRINTF(4, 5);

const TxProgram *tx_check_program(const TxCheck *chk);
// The analyses over the call graph that rules share, computed once per run: the write counts
// (write_paths.h) and the idempotency summaries (idempotency.h).
const TxFixpoint *tx_check_write_paths(const TxCheck *chk);
const TxFixpoint *tx_check_idempotency(const TxCheck *chk);
typedef struct TxWebhookCtx TxWebhookCtx; // idempotency.h
// The functions the idempotency rules check (webhook handlers and their context).
const TxWebhookCtx *tx_check_webhook(const TxCheck *chk);

// The rule table, in rules.def order (alphabetical by id).
extern const TxRule *const tx_rules[];
extern const uint32_t tx_rule_count;
// The rule with `id`, or NULL.
const TxRule *tx_rule_find(const char *id);
// True when `id` names a rule: the TxRuleKnown that config/ checks --rule and `rules:` with.
bool tx_rule_known(TxStr id);
uint32_t tx_rule_index(const TxRule *r);
// The index of the rule with `id`, or TX_NONE.
uint32_t tx_rule_index_of(const char *id);
// The union of every rule's reads: what extraction must keep (TxConfig.rule_reads). Over the
// whole registry, not the enabled rules, so what a file's extraction holds does not depend on
// which rules a run enables and a cached extraction serves any run.
uint32_t tx_rules_reads(void);
// The rule's document (rules/<id>.md, embedded at build time by analyzer/embed_docs.cmake,
// without the front matter's summary and description), or NULL.
const char *tx_rule_doc(const char *id);
// From the document's front matter: the one-sentence summary (`summary:`; --list-rules, SARIF
// shortDescription) and the few sentences of `description:` (SARIF fullDescription). ""
// for an id without a document (test_registry requires one for every rule).
const char *tx_rule_summary(const char *id);
const char *tx_rule_description(const char *id);

// Runs every enabled rule over the program, reporting into `sink`.
void tx_rules_run(const TxProgram *p, TxDiagSink *sink);

#endif
