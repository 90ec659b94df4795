// diag.c: the diagnostics sink. Rules add findings in any order; tx_diag_finish() applies
// suppressions, drops duplicates, fingerprints and sorts them once.
#include "diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

void tx_diag_init(TxDiagSink *s) {
  memset(s, 0, sizeof *s);
  tx_arena_init(&s->arena);
}

void tx_diag_fini(TxDiagSink *s) {
  for (uint32_t i = 0; i < s->items.count; i++) {
    TX_ARRAY_FREE(&s->items.items[i]->related);
    TX_ARRAY_FREE(&s->items.items[i]->flow);
  }
  TX_ARRAY_FREE(&s->items);
  tx_arena_fini(&s->arena);
}

TX_PRINTF(2, 0) static TxStr vformat(TxArena *a, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0)
    n = 0;
  char *buf = tx_arena_alloc(a, (size_t)n + 1);
  vsnprintf(buf, (size_t)n + 1, fmt, ap);
  return (TxStr){buf, (uint32_t)n};
}

TxDiag *tx_diag_addv(TxDiagSink *s, const char *rule_id, uint32_t rule_index, TxSeverity level,
                     TxSpan span, const char *fmt, va_list ap) {
  TxDiag *d = TX_ARENA_NEW(&s->arena, TxDiag);
  d->rule_id = rule_id;
  d->rule_index = rule_index;
  d->level = level;
  d->span = span;
  d->message = vformat(&s->arena, fmt, ap);
  TX_ARRAY_PUSH(&s->items, d);
  return d;
}

TxDiag *tx_diag_add(TxDiagSink *s, const char *rule_id, uint32_t rule_index, TxSeverity level,
                    TxSpan span, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  TxDiag *d = tx_diag_addv(s, rule_id, rule_index, level, span, fmt, ap);
  va_end(ap);
  return d;
}

void tx_diag_set_prop(TxDiagSink *s, TxDiag *d, const char *key, TxStr value) {
  TxStr v = tx_arena_str(&s->arena, value.ptr, value.len);
  for (uint32_t i = 0; i < d->prop_count; i++) {
    if (strcmp(d->props[i].key, key) == 0) {
      d->props[i].value = v;
      return;
    }
  }
  // Few properties per finding: the array is copied whole into the arena each time.
  TxDiagProp *all = TX_ARENA_ARRAY(&s->arena, TxDiagProp, d->prop_count + 1);
  if (d->prop_count)
    memcpy(all, d->props, sizeof *all * d->prop_count);
  all[d->prop_count++] = (TxDiagProp){key, v};
  d->props = all;
}

void tx_diag_add_stepv(TxDiagSink *s, TxDiag *d, bool flow, TxSpan span, const char *fmt,
                       va_list ap) {
  TxRelated r = {span, vformat(&s->arena, fmt, ap)};
  if (flow)
    TX_ARRAY_PUSH(&d->flow, r);
  else
    TX_ARRAY_PUSH(&d->related, r);
}

const char *tx_fix_kind_name(TxFixKind k) {
  return k == TX_FIX_SAFE ? "safe" : "suggestion";
}

TxFix *tx_diag_set_fix(TxDiagSink *s, TxDiag *d, TxFixKind kind, const char *fmt, ...) {
  TxFix *fix = TX_ARENA_NEW(&s->arena, TxFix);
  va_list ap;
  va_start(ap, fmt);
  fix->description = vformat(&s->arena, fmt, ap);
  va_end(ap);
  fix->kind = kind;
  d->fix = fix;
  return fix;
}

bool tx_diag_fix_edit(TxDiagSink *s, TxFix *fix, TxSpan span, TxStr insertion) {
  if (fix->edit_count == TX_FIX_MAX_EDITS || span.end < span.start)
    return false;
  uint32_t at = fix->edit_count; // insertion point that keeps the edits sorted
  for (uint32_t i = 0; i < fix->edit_count; i++) {
    const TxSpan *e = &fix->edits[i].span;
    if (e->file != span.file)
      return false;
    // Overlap, or two insertions at one point (their order would be ambiguous).
    if (span.start < e->end && e->start < span.end)
      return false;
    if (span.start == e->start && (span.start == span.end || e->start == e->end))
      return false;
    if (span.start < e->start && at == fix->edit_count)
      at = i;
  }
  memmove(&fix->edits[at + 1], &fix->edits[at], sizeof(TxEdit) * (fix->edit_count - at));
  fix->edits[at] = (TxEdit){span, tx_arena_strdup(&s->arena, insertion)};
  fix->edit_count++;
  return true;
}

static bool names_rule(const TxSuppression *sp, const char *id) {
  for (uint32_t i = 0; i < sp->rule_count; i++) {
    if (tx_str_eq_c(sp->rules[i], id))
      return true;
  }
  return false;
}

void tx_diag_apply_suppressions(TxDiagSink *s, const TxProgram *p) {
  for (uint32_t i = 0; i < s->items.count; i++) {
    TxDiag *d = s->items.items[i];
    TxFile *f = d->span.file < p->file_count ? p->files[d->span.file] : NULL;
    if (!f || f->suppression_count == 0)
      continue;
    uint32_t line = tx_source_pos(&f->src, d->span.start).line;
    for (uint32_t k = 0; k < f->suppression_count; k++) {
      TxSuppression *sp = &f->suppressions[k];
      if ((sp->whole_file || sp->line == line) && names_rule(sp, d->rule_id)) {
        d->suppressed = true;
        d->justification = sp->reason;
        sp->used = true;
        break;
      }
    }
  }
}

// Sorting needs the program for paths; qsort has no context argument in C11.
typedef struct {
  TxDiag *d;
  TxStr path;
} Keyed;

static int cmp_keyed(const void *a, const void *b) {
  const Keyed *x = a, *y = b;
  int c = tx_str_cmp(x->path, y->path);
  if (c)
    return c;
  if (x->d->span.start != y->d->span.start)
    return x->d->span.start < y->d->span.start ? -1 : 1;
  c = strcmp(x->d->rule_id, y->d->rule_id);
  if (c)
    return c;
  return tx_str_cmp(x->d->message, y->d->message);
}

static bool same(const TxDiag *a, const TxDiag *b) {
  return a->span.file == b->span.file && a->span.start == b->span.start &&
         strcmp(a->rule_id, b->rule_id) == 0 && tx_str_eq(a->message, b->message);
}

// The reported line's text with blanks trimmed and runs of blanks folded: what a
// fingerprint keeps of the location, so moving code up or down does not change it.
static uint64_t line_hash(const TxFile *f, uint32_t start, uint64_t seed) {
  TxPos pos = tx_source_pos(&f->src, start);
  TxStr line = tx_source_line(&f->src, pos.line);
  char buf[512];
  size_t n = 0;
  bool blank = true;
  for (uint32_t i = 0; i < line.len && n < sizeof buf; i++) {
    char c = line.ptr[i];
    bool space = c == ' ' || c == '\t' || c == '\r';
    if (space && blank)
      continue;
    blank = space;
    buf[n++] = (char)(space ? ' ' : c);
  }
  while (n > 0 && buf[n - 1] == ' ')
    n--;
  return XXH3_64bits_withSeed(buf, n, seed);
}

typedef struct {
  uint64_t hash;
  uint32_t index;
} HashIndex;

static int cmp_hash_index(const void *a, const void *b) {
  const HashIndex *x = a, *y = b;
  if (x->hash != y->hash)
    return x->hash < y->hash ? -1 : 1;
  return x->index < y->index ? -1 : (x->index > y->index);
}

// Fingerprint: rule id, path, normalised line text and the occurrence number among findings
// with the same three, in file order (so two identical lines in one file stay apart). No
// line numbers, so unrelated edits above a finding keep its fingerprint.
static void fingerprint(TxDiagSink *s, const TxProgram *p) {
  uint32_t n = s->items.count;
  HashIndex *hi = tx_xmalloc(sizeof(HashIndex) * (n ? n : 1));
  for (uint32_t i = 0; i < n; i++) {
    const TxDiag *d = s->items.items[i];
    const TxFile *f = tx_program_file(p, d->span.file);
    uint64_t h = XXH3_64bits(d->rule_id, strlen(d->rule_id));
    if (f) {
      h = XXH3_64bits_withSeed(f->src.path.ptr, f->src.path.len, h);
      h = line_hash(f, d->span.start, h);
    }
    hi[i] = (HashIndex){h, i};
  }
  qsort(hi, n, sizeof *hi, cmp_hash_index);
  uint32_t occurrence = 0;
  for (uint32_t i = 0; i < n; i++) {
    occurrence = (i > 0 && hi[i].hash == hi[i - 1].hash) ? occurrence + 1 : 0;
    uint64_t fp = XXH3_64bits_withSeed(&occurrence, sizeof occurrence, hi[i].hash);
    s->items.items[hi[i].index]->fingerprint =
        tx_arena_printf(&s->arena, "%016llx", (unsigned long long)fp);
  }
  free(hi);
}

void tx_diag_finish(TxDiagSink *s, TxProgram *p) {
  uint32_t n = s->items.count;
  Keyed *k = tx_xmalloc(sizeof(Keyed) * (n ? n : 1));
  uint32_t m = 0;
  for (uint32_t i = 0; i < n; i++) {
    TxDiag *d = s->items.items[i];
    const TxFile *f = tx_program_file(p, d->span.file);
    if (f && !f->report) {
      TX_ARRAY_FREE(&d->related);
      TX_ARRAY_FREE(&d->flow);
      continue;
    }
    k[m].d = d;
    k[m].path = f ? f->src.path : (TxStr){"", 0};
    m++;
  }
  qsort(k, m, sizeof *k, cmp_keyed);
  uint32_t out = 0;
  for (uint32_t i = 0; i < m; i++) {
    if (out > 0 && same(s->items.items[out - 1], k[i].d)) {
      TX_ARRAY_FREE(&k[i].d->related);
      TX_ARRAY_FREE(&k[i].d->flow);
      continue;
    }
    s->items.items[out++] = k[i].d;
  }
  s->items.count = out;
  free(k);
  fingerprint(s, p);
}

uint32_t tx_diag_failing(const TxDiagSink *s, TxSeverity fail_level) {
  if (fail_level == TX_SEV_NONE)
    return 0;
  uint32_t n = 0;
  for (uint32_t i = 0; i < s->items.count; i++) {
    const TxDiag *d = s->items.items[i];
    if (d->suppressed || d->level < fail_level)
      continue;
    if (d->baseline != TX_BASELINE_NONE && d->baseline != TX_BASELINE_NEW)
      continue;
    n++;
  }
  return n;
}
