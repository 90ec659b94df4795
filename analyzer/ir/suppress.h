// suppress.h: suppression comments, shared by the front ends: parsing a comment's text and
// the one rule for the line it covers (each front end finds its comments).
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

// The 1-based line that the suppression comment at [start, end) of `src` covers, as the
// README promises ("Suppressions"): a comment after code covers its own line; a comment
// alone on its line covers the next line with code, passing over blank lines and lines that
// hold only a comment starting with `line_comment` ("//" for TypeScript, "--" for SQL).
// White space is ' ', \t, \n, \r, \f and \v; CRLF and a lone CR end a line, as in
// source.h. Offsets past the text are clamped. `src->text` must be loaded.
uint32_t tx_suppression_line(const TxSource *src, uint32_t start, uint32_t end,
                             const char *line_comment);

#endif
