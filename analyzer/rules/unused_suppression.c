// unused-suppression: a `txlint-ignore` comment that suppresses nothing, has no reason, or
// names an unknown rule. The findings are made by diag/diag.c after suppressions are
// applied (a rule cannot see which findings other rules made); this entry gives the rule
// its id, metadata, documentation and configuration like every other rule.
#include "rule.h"

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
    .reads = 0,
};
