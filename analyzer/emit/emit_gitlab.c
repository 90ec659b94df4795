// emit_gitlab.c: GitLab Code Quality (the Code Climate issue format GitLab reads), a JSON
// array with one object per shown finding:
//
//   {"description": "...", "check_name": "tenant-filter", "fingerprint": "...",
//    "severity": "critical", "location": {"path": "app/x.ts", "lines": {"begin": 3, "end": 3}},
//    "categories": ["Security"], "type": "issue", "engine_name": "txlint"}
//
// Severity: error -> critical, warning -> major, note -> minor. GitLab hides every later
// finding that repeats a fingerprint, so fingerprints are made unique within the report:
// txlint's own fingerprint, and for a repeat (two findings can only share one by a hash
// collision) the same with "-2", "-3", ... appended. Input problems are not findings and are
// left out (they reach the job log through stderr).
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "emit_json.h"
#include "rules/rule.h"

static const char *gitlab_severity(TxSeverity s) {
  return s == TX_SEV_ERROR ? "critical" : s == TX_SEV_WARNING ? "major" : "minor";
}

static const char *gitlab_category(const TxDiag *d) {
  const TxRule *r = d->rule_index != TX_NONE ? tx_rules[d->rule_index] : NULL;
  if (!r)
    return "Bug Risk";
  if (r->category == TX_CAT_SECURITY)
    return "Security";
  return strcmp(r->id, "unused-suppression") == 0 ? "Clarity" : "Bug Risk";
}

typedef struct FpIndex {
  TxStr fp;
  uint32_t index; // in the report
} FpIndex;

static int cmp_fp(const void *a, const void *b) {
  const FpIndex *x = a, *y = b;
  int c = tx_str_cmp(x->fp, y->fp);
  return c ? c : (x->index > y->index) - (x->index < y->index);
}

// Fingerprints of the shown findings, unique: repeats get "-N" (N counting from 2 within
// the repeated value, in report order).
static TxStr *unique_fingerprints(TxArena *a, const TxDiag *const *shown, uint32_t n) {
  TxStr *out = TX_ARENA_ARRAY(a, TxStr, n ? n : 1);
  FpIndex *k = tx_xmalloc(sizeof(FpIndex) * (n ? n : 1));
  for (uint32_t i = 0; i < n; i++)
    k[i] = (FpIndex){shown[i]->fingerprint, i};
  qsort(k, n, sizeof *k, cmp_fp);
  uint32_t repeat = 0;
  for (uint32_t i = 0; i < n; i++) {
    repeat = i > 0 && tx_str_eq(k[i].fp, k[i - 1].fp) ? repeat + 1 : 0;
    out[k[i].index] =
        repeat ? tx_arena_printf(a, "%.*s-%u", TX_STR_ARG(k[i].fp), repeat + 1) : k[i].fp;
  }
  free(k);
  return out;
}

static json_t *issue(TxArena *a, const TxProgram *p, const TxDiag *d, TxStr fp) {
  const TxFile *f = tx_program_file(p, d->span.file);
  TxPos b = tx_source_pos(&f->src, d->span.start);
  TxPos e = tx_source_pos(&f->src, d->span.end > d->span.start ? d->span.end : d->span.start);
  return json_pack("{s:o,s:s,s:o,s:s,s:{s:o,s:{s:i,s:i}},s:[s],s:s,s:s}", "description",
                   tx_json_str(a, d->message), "check_name", d->rule_id, "fingerprint",
                   tx_json_str(a, fp), "severity", gitlab_severity(d->level), "location", "path",
                   tx_json_str(a, f->src.path), "lines", "begin", (json_int_t)b.line, "end",
                   (json_int_t)e.line, "categories", gitlab_category(d), "type", "issue",
                   "engine_name", "txlint");
}

bool tx_emit_gitlab(FILE *out, const TxProgram *p, const TxDiagSink *sink, const TxEmitOptions *o) {
  (void)o;
  TxArena a;
  tx_arena_init(&a);
  const TxDiag **shown = TX_ARENA_ARRAY(&a, const TxDiag *, sink->items.count + 1);
  uint32_t n = 0;
  for (uint32_t i = 0; i < sink->items.count; i++) {
    const TxDiag *d = sink->items.items[i];
    if (tx_diag_shown(d) && tx_program_file(p, d->span.file))
      shown[n++] = d;
  }
  TxStr *fps = unique_fingerprints(&a, shown, n);
  json_t *list = json_array();
  for (uint32_t i = 0; i < n; i++)
    json_array_append_new(list, issue(&a, p, shown[i], fps[i]));
  bool ok = tx_json_write(out, list, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  tx_arena_fini(&a);
  return ok;
}
