// suppress.h: parsing the text of a suppression comment, shared by the front ends (each
// finds its comments and decides which line a comment covers).
#ifndef TX_IR_SUPPRESS_H
#define TX_IR_SUPPRESS_H

#include "ir.h"

// Parses "txlint-ignore[-file] rule-a, rule-b -- reason" starting at `p` (which points at
// "txlint-ignore") up to `end`, filling rules, reason and whole_file of `out` (strings point
// into the text or arena `a`). Returns false when the text is not a suppression
// ("txlint-ignorex"). Span and line are the caller's.
bool tx_suppression_parse(TxArena *a, const char *p, const char *end, TxSuppression *out);

// Finds "txlint-ignore" in [p, end); NULL when absent.
const char *tx_suppression_find(const char *p, const char *end);

#endif
