// session.c: the workspace kept in memory between analyses (session.h says what and when).
#include "session.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xxhash.h>

#include "base/clock.h"
#include "crash.h"
#include "driver_internal.h"
#include "front_ts/ts_front.h"
#include "source/source.h"
#include "store/cache.h"

// The arrays of a file's IR that the link stage may change in place (ARCHITECTURE.md, "The
// IR contract": call targets, inline callbacks, client confirmation and kinds, helpers'
// chains made live); everything they point to is left alone by it, or replaced by pointers
// into the program's arena, which the session rewinds.
#define KEPT_ARRAYS(X)                                                                             \
  X(facts, fact_count)                                                                             \
  X(functions, function_count)                                                                     \
  X(calls, call_count)                                                                             \
  X(imports, import_count)                                                                         \
  X(exports, export_count)                                                                         \
  X(client_exports, client_export_count)                                                           \
  X(const_strings, const_string_count)                                                             \
  X(suppressions, suppression_count)                                                               \
  X(notices, notice_count)

// One file of the kept program.
typedef struct Kept {
  TxFile before;         // the file as extracted (its fields), put back before each link
  unsigned char *arrays; // the elements of its KEPT_ARRAYS then, one heap block
  TxStamp stamp;         // the disk file's, taken before it was read (not for a buffer)
  uint64_t overlay_hash; // XXH3 of the buffer analysed, when `overlay`
  bool overlay;
  bool own_arena;    // the file's arena is its own (not backed by a pool): freed with it
  uint8_t rel_state; // tx_relevance_state: 0 not scanned, 1 not a seed, 2 a seed
  bool parsed;       // a file scanned and not a seed was extracted (it matters)
  uint64_t edges;    // tx_relevance_edges_hash
} Kept;

struct TxSession {
  TxProgram *prog; // the last analysis's program (NULL before the first)
  bool valid;      // `prog` was captured whole and can be analysed again
  bool walk_errors;
  const TxConfig *cfg; // the configuration `prog` was made with
  TxArenaMark mark;    // prog->arena before the first link
  TxProgram before;    // prog's fields then
  Kept *kept;          // per file, prog->file_count of them
  TxStamp *walk_stamps;
  uint32_t walk_stamp_count;
  TxWalkWatch *watched;
  uint32_t watched_count;
  char **rejected; // buffers' paths the walk did not take (outside, ignored, not ours)
  uint32_t rejected_count;
  bool hash_sql;
  TxConfig *run;  // prog->config: the run's copy of `cfg`, in prog's arena before the mark
  TxTsParser *ts; // made on first use, on the analysing thread
};

TxSession *tx_session_new(void) {
  return tx_xcalloc(1, sizeof(TxSession));
}

static void free_kept(TxSession *s) {
  for (uint32_t i = 0; s->kept && i < s->prog->file_count; i++)
    free(s->kept[i].arrays);
  free(s->kept);
  s->kept = NULL;
  for (uint32_t i = 0; i < s->rejected_count; i++)
    free(s->rejected[i]);
  free(s->rejected);
  s->rejected = NULL;
  s->rejected_count = 0;
}

// A file whose arena is its own (re-extracted by the session) is freed whole; one whose
// arena is backed by the program's pools leaves its memory there, freed with the program.
static void free_file(TxFile *f, bool own_arena) {
  tx_source_fini(&f->src);
  if (own_arena)
    tx_arena_fini(&f->arena);
  free(f);
}

static void free_walk(TxSession *s) {
  free(s->walk_stamps);
  s->walk_stamps = NULL;
  s->walk_stamp_count = 0;
  for (uint32_t i = 0; i < s->watched_count; i++)
    free(s->watched[i].path);
  free(s->watched);
  s->watched = NULL;
  s->watched_count = 0;
}

void tx_session_reset(TxSession *s) {
  if (s->prog) {
    // Files the session re-extracted own their arenas; tx_program_free() frees those too
    // (tx_arena_fini of a backed arena frees nothing of the backing's).
    free_kept(s);
    tx_program_free(s->prog);
  }
  s->prog = NULL;
  s->valid = false;
  free_walk(s);
}

void tx_session_free(TxSession *s) {
  if (!s)
    return;
  tx_session_reset(s);
  if (s->ts)
    tx_ts_parser_free(s->ts);
  free(s);
}

void tx_session_take_walk(TxSession *s, TxWalk *w) {
  free_walk(s);
  s->walk_stamp_count = w->files.count;
  s->walk_stamps = tx_xmalloc(((size_t)w->files.count + 1) * sizeof *s->walk_stamps);
  for (uint32_t i = 0; i < w->files.count; i++)
    s->walk_stamps[i] = w->files.items[i].stamp;
  s->watched = w->watched.items;
  s->watched_count = w->watched.count;
  w->watched.items = NULL;
  w->watched.count = w->watched.cap = 0;
}

static void keep_file(Kept *k, const TxFile *f) {
  size_t total = 0;
#define SIZE(a, n) total += sizeof *f->a * f->n;
  KEPT_ARRAYS(SIZE)
#undef SIZE
  k->before = *f;
  k->arrays = tx_xmalloc(total ? total : 1);
  unsigned char *at = k->arrays;
#define COPY(a, n)                                                                                 \
  if (f->n) {                                                                                      \
    memcpy(at, f->a, sizeof *f->a * f->n);                                                         \
    at += sizeof *f->a * f->n;                                                                     \
  }
  KEPT_ARRAYS(COPY)
#undef COPY
}

// Puts file `f` back as it was extracted; its arena (which the link stage does not allocate
// from) stays as it is.
static void restore_file(const Kept *k, TxFile *f) {
  TxArena arena = f->arena;
  *f = k->before;
  f->arena = arena;
  const unsigned char *at = k->arrays;
#define BACK(a, n)                                                                                 \
  if (f->n) {                                                                                      \
    memcpy(f->a, at, sizeof *f->a * f->n);                                                         \
    at += sizeof *f->a * f->n;                                                                     \
  }
  KEPT_ARRAYS(BACK)
#undef BACK
}

static uint64_t overlay_hash(const TxOverlay *ov) {
  return XXH3_64bits(ov->text, ov->len);
}

void tx_session_capture(TxSession *s, TxProgram *p, TxConfig *run, const TxRelevance *rel,
                        bool hash_sql, const TxOverlay *overlays, uint32_t n) {
  if (s->walk_stamp_count != p->file_count)
    return; // not the walk's list (cannot happen outside context mode, which is not kept)
  s->kept = tx_xcalloc((size_t)p->file_count + 1, sizeof *s->kept);
  for (uint32_t i = 0; i < p->file_count; i++) {
    Kept *k = &s->kept[i];
    const TxFile *f = p->files[i];
    keep_file(k, f);
    k->stamp = s->walk_stamps[i];
    k->rel_state = tx_relevance_state(rel, i);
    k->parsed = k->rel_state == 1 && tx_relevance_matters(rel, i);
    k->edges = tx_relevance_edges_hash(rel, i, f);
  }
  for (uint32_t i = 0; i < n; i++) {
    uint32_t at = tx_program_find_file(p, tx_str(overlays[i].path));
    if (at == TX_NONE) {
      s->rejected = tx_xrealloc(s->rejected, (s->rejected_count + 1) * sizeof *s->rejected);
      s->rejected[s->rejected_count++] = tx_xstrdup(overlays[i].path);
      continue;
    }
    s->kept[at].overlay = true;
    s->kept[at].overlay_hash = overlay_hash(&overlays[i]);
  }
  s->hash_sql = hash_sql;
  s->run = run;
  s->mark = tx_arena_mark(&p->arena);
  s->before = *p;
  s->prog = p;
  s->valid = true;
}

static bool rejected_before(const TxSession *s, const char *path) {
  for (uint32_t i = 0; i < s->rejected_count; i++) {
    if (strcmp(s->rejected[i], path) == 0)
      return true;
  }
  return false;
}

// An edited file, extracted again into a file of its own (`nf`, its arena its own).
typedef struct Edited {
  uint32_t at;
  TxFile *nf;
  Kept k;
} Edited;

// Loads and extracts the new text of file `old` (a buffer `ov`, or the disk's when NULL) as
// the full analysis would. Returns NULL (and why) when the edit changes what decided which
// files matter, or the file cannot be read: then only a full analysis gives the right
// answer.
static const char *reextract(TxSession *s, const TxFile *old, const Kept *was, const TxOverlay *ov,
                             Edited *e) {
  TxProgram *p = s->prog;
  TxFile *nf = tx_xcalloc(1, sizeof *nf);
  tx_arena_init(&nf->arena);
  nf->id = old->id;
  nf->report = old->report;
  nf->named = old->named;
  nf->schema_source = old->schema_source;
  nf->src.path = tx_arena_strdup(&nf->arena, old->src.path);
  nf->src.abs_path = tx_arena_strdup(&nf->arena, old->src.abs_path);
  nf->src.lang = old->src.lang;
  nf->src.text = "";
  e->nf = nf;
  memset(&e->k, 0, sizeof e->k);
  if (!ov)
    e->k.stamp = tx_stamp_of(old->src.abs_path.ptr); // before reading (zero for a buffer)
  e->k.overlay = ov != NULL;
  e->k.overlay_hash = ov ? overlay_hash(ov) : 0;
  e->k.own_arena = true;
  tx_crash_set_file(&nf->src.path);
  bool loaded = ov ? tx_driver_load_overlay(p, nf, ov) : tx_load_file(p, nf);
  if (!loaded) {
    tx_crash_set_file(NULL);
    return "an edited file cannot be read";
  }
  bool extract = true;
  if (nf->src.lang != TX_LANG_SQL) {
    TxRelevance *probe = tx_relevance_new(p->config, 1);
    bool seed = tx_relevance_scan(probe, 0, nf->src.text, nf->src.len, nf->named);
    e->k.rel_state = seed ? 2 : 1;
    e->k.parsed = !seed && was->parsed;
    extract = seed || was->parsed;
    if (extract) {
      if (!s->ts)
        s->ts = tx_ts_parser_new();
      tx_extract_file(s->ts, nf, p->config);
    }
    e->k.edges = tx_relevance_edges_hash(probe, 0, nf);
    tx_relevance_free(probe);
    if (e->k.rel_state != was->rel_state || e->k.edges != was->edges) {
      tx_crash_set_file(NULL);
      return "an edit changed which files can matter";
    }
  } else {
    tx_extract_file(s->ts, nf, p->config); // SQL needs no tree-sitter parser
  }
  tx_crash_set_file(NULL);
  if (extract && s->hash_sql)
    tx_driver_hash_statements(nf);
  if (!ov) {
    if (extract)
      tx_ir_detach_text(nf);
    tx_source_drop_text(&nf->src);
  }
  return NULL;
}

// The changed files: a buffer that is new or differs from the one analysed, a buffer closed,
// a file on disk whose stamp changed. NULL, or why the kept program cannot serve.
static const char *find_edits(TxSession *s, const TxOverlay *ov, uint32_t n, int32_t *ov_at,
                              uint32_t *edited, uint32_t *count) {
  TxProgram *p = s->prog;
  for (uint32_t i = 0; i < s->watched_count; i++) {
    TxStamp now = tx_stamp_of(s->watched[i].path);
    if (!tx_stamp_eq(&now, &s->watched[i].stamp))
      return "a folder or a project file (tsconfig, package.json, .gitignore) changed";
  }
  for (uint32_t i = 0; i < p->file_count; i++)
    ov_at[i] = -1;
  for (uint32_t k = 0; k < n; k++) {
    uint32_t at = tx_program_find_file(p, tx_str(ov[k].path));
    if (at != TX_NONE)
      ov_at[at] = (int32_t)k;
    else if (!rejected_before(s, ov[k].path))
      return "a buffer for a file the workspace did not list";
  }
  *count = 0;
  for (uint32_t i = 0; i < p->file_count; i++) {
    const Kept *k = &s->kept[i];
    bool changed;
    if (ov_at[i] >= 0) {
      changed = !k->overlay || overlay_hash(&ov[ov_at[i]]) != k->overlay_hash;
    } else if (k->overlay) {
      changed = true;
      if (!tx_stamp_of(p->files[i]->src.abs_path.ptr).exists)
        return "an unsaved buffer was closed";
    } else {
      TxStamp now = tx_stamp_of(p->files[i]->src.abs_path.ptr);
      changed = !tx_stamp_eq(&now, &k->stamp);
      if (changed && !now.exists)
        return "a file was removed";
    }
    if (!changed)
      continue;
    if (*count >= TX_SESSION_MAX_EDITED)
      return "many files changed";
    edited[(*count)++] = i;
  }
  return NULL;
}

// The analysis from the kept program; NULL when done, else why it could not be (then the
// program is as the last analysis left it, and a full analysis follows).
static const char *again(TxSession *s, const TxOverlay *ov, uint32_t n, const atomic_bool *cancel,
                         TxDiagSink *sink, TxSessionStats *st) {
  TxProgram *p = s->prog;
  int32_t *ov_at = tx_xmalloc(((size_t)p->file_count + 1) * sizeof *ov_at);
  uint32_t edited_at[TX_SESSION_MAX_EDITED];
  uint32_t count = 0;
  const char *why = find_edits(s, ov, n, ov_at, edited_at, &count);
  if (why) {
    free(ov_at);
    return why;
  }
  // The run's deadline starts now, as a run's would (the run's own configuration copy).
  TxConfig *run = s->run;
  run->run_deadline_ns =
      run->run_budget_ms ? tx_now_ns() + (uint64_t)run->run_budget_ms * 1000000u : 0;
  tx_crash_set_phase("extracting facts");
  Edited edits[TX_SESSION_MAX_EDITED];
  uint32_t made = 0;
  for (; made < count && !why; made++) {
    uint32_t i = edited_at[made];
    edits[made].at = i;
    why =
        reextract(s, p->files[i], &s->kept[i], ov_at[i] >= 0 ? &ov[ov_at[i]] : NULL, &edits[made]);
  }
  free(ov_at);
  if (why) {
    for (uint32_t k = 0; k < made; k++)
      free_file(edits[k].nf, true);
    return why;
  }
  for (uint32_t k = 0; k < count; k++) {
    uint32_t i = edits[k].at;
    free_file(p->files[i], s->kept[i].own_arena);
    free(s->kept[i].arrays);
    p->files[i] = edits[k].nf;
    Kept fresh = edits[k].k;
    keep_file(&fresh, edits[k].nf);
    s->kept[i] = fresh;
  }
  for (uint32_t i = 0; i < p->file_count; i++)
    restore_file(&s->kept[i], p->files[i]);
  // The program as extracted: the last link's data gone, its fields as they were.
  tx_arena_rewind(&p->arena, s->mark);
  TxProgram now = *p;
  *p = s->before;
  p->arena = now.arena;
  p->files = now.files;
  p->file_count = now.file_count;
  p->pools = now.pools;
  p->pool_count = now.pool_count;
  p->config = now.config;
  tx_driver_check(p, sink, cancel, NULL);
  st->reused = p->file_count - count;
  st->reextracted = count;
  return NULL;
}

const TxProgram *tx_session_analyze(TxSession *s, const TxConfig *cfg, const TxOverlay *overlays,
                                    uint32_t n, const atomic_bool *cancel, TxDiagSink *sink,
                                    bool *io_error, TxSessionStats *stats) {
  TxSessionStats local = {0};
  TxSessionStats *st = stats ? stats : &local;
  memset(st, 0, sizeof *st);
  const char *why = NULL;
  if (!s->prog)
    why = "the first analysis";
  else if (!s->valid)
    why = "the last analysis was not kept whole";
  else if (s->cfg != cfg)
    why = "another configuration";
  else if (cfg->dump_facts || cfg->parse_all || cfg->explain_schema)
    why = "a mode that keeps what extraction makes";
  if (!why) {
    why = again(s, overlays, n, cancel, sink, st);
    if (!why) {
      *io_error = s->walk_errors || tx_driver_has_io_error(s->prog);
      return s->prog;
    }
  }
  st->full = true;
  st->why = why;
  tx_session_reset(s);
  s->cfg = cfg;
  TxProgram *p = tx_driver_analyze(cfg, overlays, n, cancel, sink, io_error, s);
  if (!s->valid) { // not captured: served once, never again
    free_walk(s);
    free_kept(s);
  }
  s->prog = p;
  s->walk_errors = *io_error && !tx_driver_has_io_error(p);
  st->reused = 0;
  st->reextracted = p->file_count;
  return p;
}
