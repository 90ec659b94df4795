// unused-suppression: what it flags and why is rules/unused-suppression.md (its front matter
// holds the summary and description). The findings are made by diag/diag.c after
// suppressions are applied (a rule cannot see which findings other rules made); this entry
// gives the rule its id, metadata, documentation and configuration like every other rule.
#include "rule.h"

const TxRule tx_rule_unused_suppression = {
    .id = "unused-suppression",
    .name = "UnusedSuppression",
    .severity = TX_SEV_WARNING,
    .category = TX_CAT_CORRECTNESS,
    .precision = TX_PRECISION_VERY_HIGH,
};
