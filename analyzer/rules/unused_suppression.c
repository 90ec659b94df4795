// unused-suppression: a `txlint-ignore` comment that suppresses nothing, has no reason, or
// names an unknown rule. It runs after every other rule, once their findings are matched
// with the suppression comments (TxRule.judges_suppressions).
#include <stdio.h>

#include "rule.h"

// Judges every suppression comment: the rules it names must exist, it needs a reason, and it
// must cover a finding of a rule that ran (with --rule X, suppressions of other rules are
// not judged).
static void check_program(TxCheck *c, const TxProgram *p) {
  for (uint32_t i = 0; i < p->file_count; i++) {
    const TxFile *f = p->files[i];
    for (uint32_t k = 0; k < f->suppression_count; k++) {
      const TxSuppression *sp = &f->suppressions[k];
      bool judged = false;
      for (uint32_t j = 0; j < sp->rule_count; j++) {
        char name[128];
        snprintf(name, sizeof name, "%.*s", TX_STR_ARG(sp->rules[j]));
        if (!tx_rule_find(name)) {
          tx_report(c, sp->span, "suppression names unknown rule '%s'", name);
          continue;
        }
        judged |= tx_config_rule_enabled(p->config, name);
      }
      if (sp->rule_count == 0)
        tx_report(c, sp->span, "suppression names no rule");
      else if (sp->reason.len == 0)
        tx_report(c, sp->span, "suppression has no reason (write one after '--')");
      if (judged && !sp->used)
        tx_report(c, sp->span, "suppression matches no finding");
    }
  }
}

const TxRule tx_rule_unused_suppression = {
    .id = "unused-suppression",
    .name = "UnusedSuppression",
    .summary = "Suppression comment that suppresses nothing, has no reason or names an unknown "
               "rule",
    .description = "A txlint-ignore comment must name known rules, give a reason after '--', "
                   "and cover a finding; otherwise it hides nothing today and will hide a real "
                   "finding tomorrow.",
    .severity = TX_SEV_WARNING,
    .category = TX_CAT_CORRECTNESS,
    .precision = TX_PRECISION_VERY_HIGH,
    .check_program = check_program,
    .judges_suppressions = true,
};
