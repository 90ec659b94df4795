// patterns.h: matching callee text ("resend.emails.send") against glob patterns, as the
// `effect_calls` configuration lists them ("*.emails.send", "fetch"). The front end marks
// every call whose callee matches (TxCall.effect_callee).
#ifndef TX_IR_PATTERNS_H
#define TX_IR_PATTERNS_H

#include "base/str.h"
#include "config/config.h"

// True when callee text `callee` ("resend.emails.send") matches a pattern of `patterns`.
bool tx_effect_callee(const TxStrList *patterns, TxStr callee);

// tx_effect_callee with the patterns grouped by their last character, for callers that test
// many callees against the same patterns: only the patterns that end with the callee's last
// character, and those ending in '*' that start with its first, are tried.
typedef struct TxEffectPattern {
  TxStr pat;
  uint32_t tail; // the literal text after the last '*' starts here (0: no '*')
} TxEffectPattern;

typedef struct TxEffectMatcher {
  const TxStrList *patterns;
  TxEffectPattern *order; // patterns grouped by bucket (last character; 256: ends in '*')
  uint32_t start[258];    // bucket b is order[start[b] .. start[b + 1])
} TxEffectMatcher;
void tx_effect_matcher_init(TxEffectMatcher *m, const TxStrList *patterns);
void tx_effect_matcher_fini(TxEffectMatcher *m);
bool tx_effect_matcher_match(const TxEffectMatcher *m, TxStr callee);

// True when `name` is one of the standard library's classes with a static `from()` (`Array`,
// the typed arrays, Node's `Buffer`, `Iterator`): `Array.from(rows)` is never a database
// chain, whatever the file binds to the name (front_ts/ts_chain.c), so a `.from(` on one of
// them does not make a file a seed (relevance.c).
bool tx_std_from_receiver(TxStr name);

#endif
