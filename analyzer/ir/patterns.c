// patterns.c: callee patterns (see patterns.h).
#include "patterns.h"

#include <stdlib.h>
#include <string.h>

// Where the literal text after a pattern's last '*' starts (0: the pattern has no '*').
static uint32_t tail_of(TxStr pat) {
  uint32_t tail = pat.len;
  while (tail > 0 && pat.ptr[tail - 1] != '*')
    tail--;
  return tail;
}

// Whether `callee` matches a pattern whose tail is known: the literal tail must end the
// callee, then the whole glob must match.
static bool matches(const TxEffectPattern *e, TxStr callee) {
  uint32_t n = e->pat.len - e->tail;
  if (n > callee.len || memcmp(e->pat.ptr + e->tail, callee.ptr + callee.len - n, n) != 0)
    return false;
  return e->tail == 0 ? n == callee.len : tx_str_glob_str(e->pat, callee);
}

static bool pattern_matches(TxStr pat, TxStr callee) {
  if (pat.len == 0)
    return false;
  // Cheapest filter: a pattern ending in a literal character needs the same last character.
  char last = pat.ptr[pat.len - 1];
  if (last != '*' && (callee.len == 0 || callee.ptr[callee.len - 1] != last))
    return false;
  TxEffectPattern e = {pat, tail_of(pat)};
  return matches(&e, callee);
}

bool tx_effect_callee(const TxStrList *patterns, TxStr callee) {
  for (uint32_t i = 0; i < patterns->count; i++) {
    if (pattern_matches(patterns->items[i], callee))
      return true;
  }
  return false;
}

// Bucket of a pattern: its last character, or 256 when it ends with '*'.
static uint32_t bucket_of(TxStr pat) {
  unsigned char last = (unsigned char)pat.ptr[pat.len - 1];
  return last == '*' ? 256 : last;
}

void tx_effect_matcher_init(TxEffectMatcher *m, const TxStrList *patterns) {
  memset(m, 0, sizeof *m);
  m->patterns = patterns;
  m->order = tx_xmalloc(sizeof(TxEffectPattern) * (patterns->count ? patterns->count : 1));
  for (uint32_t i = 0; i < patterns->count; i++) {
    if (patterns->items[i].len)
      m->start[bucket_of(patterns->items[i]) + 1]++;
  }
  for (uint32_t b = 0; b < 257; b++)
    m->start[b + 1] += m->start[b];
  uint32_t fill[257];
  memcpy(fill, m->start, sizeof fill);
  for (uint32_t i = 0; i < patterns->count; i++) {
    TxStr pat = patterns->items[i];
    if (!pat.len)
      continue;
    m->order[fill[bucket_of(pat)]++] = (TxEffectPattern){pat, tail_of(pat)};
  }
}

void tx_effect_matcher_fini(TxEffectMatcher *m) {
  free(m->order);
  m->order = NULL;
}

bool tx_effect_matcher_match(const TxEffectMatcher *m, TxStr callee) {
  if (callee.len) { // patterns ending in the callee's last character
    unsigned char last = (unsigned char)callee.ptr[callee.len - 1];
    for (uint32_t k = m->start[last]; k < m->start[last + 1]; k++) {
      if (matches(&m->order[k], callee))
        return true;
    }
  }
  for (uint32_t k = m->start[256]; k < m->start[257]; k++) { // patterns ending in '*'
    TxStr pat = m->order[k].pat;
    if (pat.ptr[0] != '*' && (callee.len == 0 || callee.ptr[0] != pat.ptr[0]))
      continue;
    if (matches(&m->order[k], callee))
      return true;
  }
  return false;
}

bool tx_std_from_receiver(TxStr name) {
  static const char *const names[] = {"Array",        "Buffer",        "Iterator",
                                      "Int8Array",    "Uint8Array",    "Uint8ClampedArray",
                                      "Int16Array",   "Uint16Array",   "Int32Array",
                                      "Uint32Array",  "Float16Array",  "Float32Array",
                                      "Float64Array", "BigInt64Array", "BigUint64Array"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    if (tx_str_eq_c(name, names[i]))
      return true;
  }
  return false;
}
