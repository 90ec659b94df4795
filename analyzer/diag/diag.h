// diag.h: diagnostics (rule findings) as collected from rules and handed to the emitters.
// The sink applies suppression comments, removes duplicates, computes fingerprints and
// sorts by (path, line, column, rule id) so output is deterministic.
#ifndef TX_DIAG_DIAG_H
#define TX_DIAG_DIAG_H

#include <stdarg.h>

#include "base/array.h"
#include "ir/program.h"

typedef struct TxRelated {
  TxSpan span;
  TxStr message;
} TxRelated;

// A property of one finding, key and value as strings (SARIF result.properties): what a rule
// found that a reader filters on, such as the client kind of a tenant-filter finding.
typedef struct TxDiagProp {
  const char *key; // static string
  TxStr value;
} TxDiagProp;

typedef enum TxBaselineState {
  TX_BASELINE_NONE, // no --baseline given
  TX_BASELINE_NEW,
  TX_BASELINE_UNCHANGED,
  TX_BASELINE_UPDATED,
  TX_BASELINE_ABSENT, // in the baseline, gone now (synthesised from the baseline)
} TxBaselineState;

// A fix: edits that resolve a finding. Safe fixes never change what the program does (removing
// a comment that suppresses nothing); suggestions do, and a person must decide (--fix applies
// them only with --unsafe-fixes). Edits are byte ranges of the text as analysed; they never
// overlap and are kept in file order.
typedef enum TxFixKind { TX_FIX_SAFE, TX_FIX_SUGGESTION } TxFixKind;

enum { TX_FIX_MAX_EDITS = 4 }; // the rules' fixes need one or two

typedef struct TxEdit {
  TxSpan span;     // what is replaced (start == end: an insertion at start)
  TxStr insertion; // what replaces it (empty: a deletion)
} TxEdit;

typedef struct TxFix {
  TxStr description; // "Remove the unused suppression comment"
  TxFixKind kind;
  TxEdit edits[TX_FIX_MAX_EDITS];
  uint32_t edit_count;
} TxFix;

// "safe" or "suggestion": the kind's name in every output.
const char *tx_fix_kind_name(TxFixKind k);

typedef struct TxDiag {
  const char *rule_id; // static string from the rule table (or a built-in id)
  uint32_t rule_index; // index in the rule table; TX_NONE for built-in ids
  TxSeverity level;
  TxSpan span;
  TxStr message;
  TX_ARRAY(TxRelated) related; // related locations ("write 1 of 3", "marker written here")
  TX_ARRAY(TxRelated) flow;    // code flow steps, in execution order (SARIF codeFlows)
  TxDiagProp *props;           // in the sink's arena, in the order set
  uint32_t prop_count;
  bool suppressed;
  TxStr justification; // the suppression's reason
  TxStr fingerprint;   // hex; stable across unrelated line shifts
  TxBaselineState baseline;
  TxStr absent_path;    // TX_BASELINE_ABSENT: where the baseline had it (span.file is TX_NONE)
  uint32_t absent_line; // 0 when unknown
  TxFix *fix;           // NULL when the finding has no fix; in the sink's arena
  bool fixed;           // --fix applied its fix (or --add-suppressions suppressed it)
} TxDiag;

// Shown in text and GitHub output and counted in summaries: not suppressed, and with a
// baseline only the new ones.
static inline bool tx_diag_shown(const TxDiag *d) {
  return !d->suppressed && (d->baseline == TX_BASELINE_NONE || d->baseline == TX_BASELINE_NEW);
}

typedef struct TxDiagSink {
  TxArena arena; // messages and fingerprints
  TX_ARRAY(TxDiag *) items;
} TxDiagSink;

void tx_diag_init(TxDiagSink *s);
void tx_diag_fini(TxDiagSink *s);

// Adds a finding; the message is formatted into the sink's arena. Returns the diagnostic so
// the caller can add related locations and flow steps. Can't fail.
TxDiag *tx_diag_add(TxDiagSink *s, const char *rule_id, uint32_t rule_index, TxSeverity level,
                    TxSpan span, const char *fmt, ...) TX_PRINTF(6, 7);
TxDiag *tx_diag_addv(TxDiagSink *s, const char *rule_id, uint32_t rule_index, TxSeverity level,
                     TxSpan span, const char *fmt, va_list ap) TX_PRINTF(6, 0);
// Adds a related location (flow false) or a code-flow step (flow true), the message formatted
// from `fmt` and `ap` (rules call it through tx_report_related and tx_report_flow).
void tx_diag_add_stepv(TxDiagSink *s, TxDiag *d, bool flow, TxSpan span, const char *fmt,
                       va_list ap) TX_PRINTF(5, 0);

// Gives `d` a fix (replacing any it had) with the formatted description; edits follow with
// tx_diag_fix_edit(). Can't fail.
TxFix *tx_diag_set_fix(TxDiagSink *s, TxDiag *d, TxFixKind kind, const char *fmt, ...)
    TX_PRINTF(4, 5);
// Adds an edit replacing `span` by `insertion` (copied into the sink's arena). Returns false,
// leaving the fix unchanged, when the fix has TX_FIX_MAX_EDITS edits already, the span is in
// another file than the fix's earlier edits, or it overlaps one of them; edits are kept
// sorted by position.
bool tx_diag_fix_edit(TxDiagSink *s, TxFix *fix, TxSpan span, TxStr insertion);
// Sets property `key` (a static string) of `d` to `value` (copied into the sink's arena),
// replacing an earlier value of the same key. Can't fail.
void tx_diag_set_prop(TxDiagSink *s, TxDiag *d, const char *key, TxStr value);

// Marks the findings covered by a suppression comment of their file (TxDiag.suppressed) and
// the comments that covered one (TxSuppression.used, in the program's files). Idempotent.
void tx_diag_apply_suppressions(TxDiagSink *s, const TxProgram *p);

// Drops findings in files not marked `report`, dedupes, fingerprints and sorts. Call once
// after all rules ran (tx_rules_run applies the suppression comments before the rule that
// judges them, so that rule's own findings are never suppressed).
void tx_diag_finish(TxDiagSink *s, TxProgram *p);

// Counts unsuppressed findings at or above `fail_level` (baseline: only new ones).
uint32_t tx_diag_failing(const TxDiagSink *s, TxSeverity fail_level);

#endif
