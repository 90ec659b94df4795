// baseline.c: --baseline (see baseline.h).
#include "baseline.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "source/source.h"

static bool fail(char *err, size_t n, const char *why) {
  snprintf(err, n, "%s", why);
  return false;
}

static TxStr copy_str(TxArena *a, json_t *v) {
  if (!json_is_string(v))
    return (TxStr){"", 0};
  return tx_arena_str(a, json_string_value(v), json_string_length(v));
}

static int hexval(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

// artifactLocation.uri as txlint writes it (percent-encoded) back to a path.
static TxStr uri_decode(TxArena *a, TxStr s) {
  char *out = tx_arena_alloc(a, (size_t)s.len + 1);
  uint32_t n = 0;
  for (uint32_t i = 0; i < s.len; i++) {
    int hi, lo;
    if (s.ptr[i] == '%' && i + 2 < s.len && (hi = hexval(s.ptr[i + 1])) >= 0 &&
        (lo = hexval(s.ptr[i + 2])) >= 0) {
      out[n++] = (char)(hi * 16 + lo);
      i += 2;
    } else {
      out[n++] = s.ptr[i];
    }
  }
  return (TxStr){out, n};
}

// message.text as txlint writes it: brackets and backslashes escaped, and " (see [1](1),
// [2](2))" appended when there are related locations. Back to the finding's message.
static TxStr message_text(TxArena *a, TxStr s) {
  static const char see[] = " (see [";
  uint32_t end = s.len;
  if (end > 0 && s.ptr[end - 1] == ')') {
    for (uint32_t i = end; i >= sizeof see - 1; i--) {
      if (memcmp(s.ptr + i - (sizeof see - 1), see, sizeof see - 1) == 0) {
        end = i - (uint32_t)(sizeof see - 1);
        break;
      }
    }
  }
  char *out = tx_arena_alloc(a, (size_t)end + 1);
  uint32_t n = 0;
  for (uint32_t i = 0; i < end; i++) {
    if (s.ptr[i] == '\\' && i + 1 < end)
      i++;
    out[n++] = s.ptr[i];
  }
  return (TxStr){out, n};
}

static TxSeverity level_of(json_t *v) {
  const char *s = json_is_string(v) ? json_string_value(v) : "warning";
  TxSeverity l;
  return tx_severity_parse(s, &l) ? l : TX_SEV_WARNING;
}

// One SARIF result into `out`; false when it has no txlint fingerprint (skipped).
static bool read_result(TxArena *a, json_t *r, TxBaselineResult *out) {
  if (!json_is_object(r))
    return false;
  json_t *state = json_object_get(r, "baselineState");
  if (json_is_string(state) && strcmp(json_string_value(state), "absent") == 0)
    return false;
  json_t *fp = json_object_get(json_object_get(r, "partialFingerprints"), "txlint/v1");
  json_t *rule = json_object_get(r, "ruleId");
  if (!json_is_string(fp) || !json_is_string(rule))
    return false;
  memset(out, 0, sizeof *out);
  out->rule_id = copy_str(a, rule);
  out->fingerprint = copy_str(a, fp);
  out->message =
      message_text(a, copy_str(a, json_object_get(json_object_get(r, "message"), "text")));
  out->level = level_of(json_object_get(r, "level"));
  json_t *locs = json_object_get(r, "locations");
  json_t *phys = json_object_get(json_array_get(locs, 0), "physicalLocation");
  // A file outside the root was written as an absolute file:// URI: back to its absolute path.
  TxStr uri = copy_str(a, json_object_get(json_object_get(phys, "artifactLocation"), "uri"));
  if (uri.len >= 8 && memcmp(uri.ptr, "file:///", 8) == 0)
    uri = (TxStr){uri.ptr + 7, uri.len - 7};
  out->path = uri_decode(a, uri);
  json_t *line = json_object_get(json_object_get(phys, "region"), "startLine");
  if (json_is_integer(line) && json_integer_value(line) > 0 &&
      json_integer_value(line) < UINT32_MAX)
    out->line = (uint32_t)json_integer_value(line);
  return true;
}

bool tx_baseline_parse(TxBaseline *b, const char *data, size_t len, char *err, size_t n) {
  memset(b, 0, sizeof *b);
  tx_arena_init(&b->arena);
  if (len > TX_BASELINE_MAX_BYTES)
    return fail(err, n, "larger than 256 MB");
  json_error_t je;
  json_t *root = json_loadb(data, len, 0, &je);
  if (!root) {
    snprintf(err, n, "not valid JSON (line %d: %s)", je.line, je.text);
    return false;
  }
  json_t *runs = json_object_get(root, "runs");
  if (!json_is_object(root) || !json_is_array(runs)) {
    json_decref(root);
    return fail(err, n, "not a SARIF log (no 'runs' array)");
  }
  size_t total = 0, i;
  json_t *run;
  json_array_foreach(runs, i, run) {
    json_t *results = json_object_get(run, "results");
    total += json_is_array(results) ? json_array_size(results) : 0;
  }
  if (total > TX_BASELINE_MAX_RESULTS) {
    json_decref(root);
    return fail(err, n, "more than 1,000,000 results");
  }
  b->items = total ? TX_ARENA_ARRAY(&b->arena, TxBaselineResult, total) : NULL;
  json_array_foreach(runs, i, run) {
    json_t *results = json_object_get(run, "results");
    if (results && !json_is_array(results)) {
      json_decref(root);
      return fail(err, n, "'results' is not an array");
    }
    size_t k;
    json_t *r;
    json_array_foreach(results, k, r) {
      if (b->count >= total || !b->items)
        break; // cannot happen (counted above); keeps every write in bounds regardless
      if (read_result(&b->arena, r, &b->items[b->count]))
        b->count++;
    }
  }
  json_decref(root);
  return true;
}

bool tx_baseline_read(TxBaseline *b, const char *path, char *err, size_t n) {
  TxArena tmp;
  tx_arena_init(&tmp);
  const char *text = NULL, *why = NULL;
  uint32_t len = 0;
  bool ok = tx_source_read_file(path, &tmp, TX_BASELINE_MAX_BYTES, &text, &len, &why);
  if (!ok) {
    memset(b, 0, sizeof *b);
    tx_arena_init(&b->arena);
    snprintf(err, n, "%s", why ? why : "cannot read");
  } else {
    ok = tx_baseline_parse(b, text, len, err, n);
  }
  tx_arena_fini(&tmp);
  return ok;
}

void tx_baseline_fini(TxBaseline *b) {
  tx_arena_fini(&b->arena);
  b->items = NULL;
  b->count = 0;
}

// --- matching ---------------------------------------------------------------------------------

static int key_cmp(TxStr rule_a, TxStr fp_a, TxStr rule_b, TxStr fp_b) {
  int c = tx_str_cmp(rule_a, rule_b);
  return c ? c : tx_str_cmp(fp_a, fp_b);
}

static int item_cmp(const void *x, const void *y) {
  const TxBaselineResult *a = x, *b = y;
  return key_cmp(a->rule_id, a->fingerprint, b->rule_id, b->fingerprint);
}

void tx_baseline_apply(TxDiagSink *s, const TxProgram *p, TxBaseline *b,
                       uint32_t (*rule_index)(const char *id)) {
  if (b->count > 1)
    qsort(b->items, b->count, sizeof *b->items, item_cmp);
  uint32_t current = s->items.count;
  for (uint32_t i = 0; i < current; i++) {
    TxDiag *d = s->items.items[i];
    TxStr rule = tx_str(d->rule_id);
    // First baseline entry with this key (binary search), then the first unmatched one.
    uint32_t lo = 0, hi = b->count;
    while (lo < hi) {
      uint32_t mid = lo + (hi - lo) / 2;
      if (key_cmp(b->items[mid].rule_id, b->items[mid].fingerprint, rule, d->fingerprint) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
    TxBaselineResult *m = NULL;
    for (uint32_t k = lo; k < b->count && key_cmp(b->items[k].rule_id, b->items[k].fingerprint,
                                                  rule, d->fingerprint) == 0;
         k++) {
      if (!b->items[k].matched) {
        m = &b->items[k];
        break;
      }
    }
    if (!m) {
      d->baseline = TX_BASELINE_NEW;
      continue;
    }
    m->matched = true;
    const TxFile *f = tx_program_file(p, d->span.file);
    bool same = f && tx_str_eq(f->src.path, m->path) &&
                tx_source_pos(&f->src, d->span.start).line == m->line &&
                tx_str_eq(d->message, m->message);
    d->baseline = same ? TX_BASELINE_UNCHANGED : TX_BASELINE_UPDATED;
  }
  for (uint32_t k = 0; k < b->count; k++) {
    const TxBaselineResult *m = &b->items[k];
    if (m->matched)
      continue;
    TxStr id = tx_arena_str(&s->arena, m->rule_id.ptr, m->rule_id.len);
    TxDiag *d = tx_diag_add(s, id.ptr, rule_index(id.ptr), m->level, (TxSpan){TX_NONE, 0, 0},
                            "%.*s", TX_STR_ARG(m->message));
    d->baseline = TX_BASELINE_ABSENT;
    d->fingerprint = tx_arena_str(&s->arena, m->fingerprint.ptr, m->fingerprint.len);
    d->absent_path = tx_arena_str(&s->arena, m->path.ptr, m->path.len);
    d->absent_line = m->line;
  }
}
