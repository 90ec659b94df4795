// driver.c: tx_run(), the pipeline of one invocation:
//   walk -> read -> extract (per file) -> link -> rules -> diagnostics -> emit.
// It owns the TxProgram and the diagnostics sink, prints I/O errors on stderr, writes the
// output atomically (temporary file + rename) and turns the results into an exit code.
#include "driver.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xxhash.h>

#include "base/clock.h"
#include "config/config_file.h"
#include "crash.h"
#include "diag/baseline.h"
#include "diag/diag.h"
#include "driver_internal.h"
#include "emit/dump.h"
#include "emit/emit.h"
#include "emit/emit_util.h"
#include "emit/explain.h"
#include "fix.h"
#include "front_sql/sql_front.h"
#include "front_ts/ts_front.h"
#include "ir/cfg.h"
#include "link/link.h"
#include "relevance.h"
#include "rules/rule.h"
#include "session.h"
#include "source/gitdiff.h"
#include "source/walk.h"
#include "store/cache.h"

static bool loaded_text(TxProgram *p, TxFile *f, const char *why);

bool tx_load_file(TxProgram *p, TxFile *f) {
  const char *why = NULL;
  // The text is heap-owned so it can be dropped after extraction (tx_source_drop_text).
  f->src.heap =
      tx_source_read_heap(f->src.abs_path.ptr, p->config->max_file_bytes, &f->src.len, &why);
  return loaded_text(p, f, why);
}

// An editor's buffer (tx_analyze_overlays) instead of the file on disk: copied to the heap
// and checked like a file's bytes (size, NUL bytes, encoding).
bool tx_driver_load_overlay(TxProgram *p, TxFile *f, const TxOverlay *ov) {
  if (ov->len > p->config->max_file_bytes)
    return loaded_text(p, f, "larger than max_file_bytes");
  f->src.heap = tx_xmalloc((size_t)ov->len + 1);
  memcpy(f->src.heap, ov->text, ov->len);
  f->src.heap[ov->len] = '\0';
  f->src.len = ov->len;
  return loaded_text(p, f, NULL);
}

// The rest of tx_load_file once the bytes are in f->src.heap (or not: then `why` says why).
static bool loaded_text(TxProgram *p, TxFile *f, const char *why) {
  if (!f->src.heap) {
    bool too_big = strstr(why, "larger") != NULL;
    tx_program_notice(p, f, too_big ? TX_NOTICE_WARNING : TX_NOTICE_ERROR,
                      too_big ? "limit" : "io-error", NULL, "%.*s: %s%s", TX_STR_ARG(f->src.path),
                      why, too_big ? "; skipped" : "");
    f->src.text = "";
    f->src.len = 0;
    tx_source_index_lines(&f->src, &f->arena);
    return false;
  }
  TxUtf16 utf16 = tx_source_decode_utf16(&f->src.heap, &f->src.len);
  f->src.from_utf16 = utf16 != TX_UTF16_NONE;
  f->src.text = f->src.heap;
  f->src.hash = XXH3_64bits(f->src.text, f->src.len);
  f->src.hashed = true;
  tx_source_index_lines(&f->src, &f->arena);
  if (memchr(f->src.text, '\0', f->src.len)) {
    tx_program_notice(p, f, TX_NOTICE_WARNING, "io-error", NULL,
                      "%.*s: binary file (contains NUL bytes); skipped", TX_STR_ARG(f->src.path));
    return false;
  }
  if (utf16 == TX_UTF16_INVALID)
    tx_program_notice(p, f, TX_NOTICE_WARNING, "encoding", NULL,
                      "%.*s: not valid UTF-16; unpaired surrogates are shown as U+FFFD",
                      TX_STR_ARG(f->src.path));
  else if (!f->src.ascii && !tx_utf8_valid(f->src.text, f->src.len))
    tx_program_notice(p, f, TX_NOTICE_WARNING, "encoding", NULL,
                      "%.*s: not valid UTF-8; invalid bytes are shown as U+FFFD",
                      TX_STR_ARG(f->src.path));
  return true;
}

void tx_extract_file(TxTsParser *ts, TxFile *f, const TxConfig *cfg) {
  if (f->src.lang == TX_LANG_SQL)
    tx_sql_extract(f, cfg);
  else
    tx_ts_extract(ts, f, cfg);
}

// Per-run counters for --stats; workers add to them atomically.
typedef struct Stats {
  atomic_uint_fast64_t read_ns;    // summed over threads
  atomic_uint_fast64_t extract_ns; // parse + extract, summed over threads
  atomic_uint cache_hits;
  uint32_t scanned, seeds, skipped; // files the relevance scan read; seeds; not parsed
  uint64_t skipped_bytes;
  uint64_t extract_wall_ns, link_ns, check_ns, emit_ns, total_ns;
} Stats;

// What the run budget did to a file (Work.fate).
enum { FATE_ANALYSED = 0, FATE_NOT_STARTED, FATE_STOPPED };

typedef struct Work {
  TxProgram *p;
  Stats *stats;
  TxCache *cache;            // NULL with --no-cache
  const TxConfig *user;      // the configuration as given (p->config adds the run deadline)
  uint8_t *fate;             // per file, FATE_*; each entry written by the worker that took it
  atomic_uint next;          // next file index to take
  atomic_uint worker;        // next worker number (index into p->pools)
  atomic_bool spent;         // a file was stopped by the run's deadline: start no more
  bool hash_sql;             // SQL statements are hashed: some SQL files may copy the migrations
  const TxOverlay *overlays; // tx_analyze_overlays: buffers standing in for files on disk
  uint32_t overlay_count;
  const atomic_bool *cancel; // tx_analyze_overlays: set by another thread to stop (may be NULL)
  // Not parsing what cannot matter (relevance.h). NULL: every file is parsed, unscanned.
  TxRelevance *rel;
  bool parse_all;        // --parse-all: scanned for the same decision, but all parsed
  bool second;           // the second pass: the files that matter after all
  const uint32_t *order; // the pass's files (indices), order_count of them
  uint32_t order_count;
  const uint64_t *sizes;    // per file, its size when the walk met it
  uint32_t *notices_before; // per file: its notices before the front end ran
} Work;

static const TxOverlay *overlay_of(const Work *w, const TxFile *f) {
  for (uint32_t i = 0; i < w->overlay_count; i++) {
    if (tx_str_eq_c(f->src.path, w->overlays[i].path))
      return &w->overlays[i];
  }
  return NULL;
}

// TxFile.stmt_hashes for a SQL file whose text is loaded: each fact's statement text with
// every whitespace run as one space and none at the ends, hashed.
void tx_driver_hash_statements(TxFile *f) {
  if (f->src.lang != TX_LANG_SQL || !f->fact_count || !f->src.text)
    return;
  f->stmt_hashes = TX_ARENA_ARRAY(&f->arena, uint64_t, f->fact_count);
  size_t cap = 256;
  char *buf = tx_xmalloc(cap);
  for (uint32_t k = 0; k < f->fact_count; k++) {
    TxSpan sp = f->facts[k].span;
    uint32_t start = sp.start < f->src.len ? sp.start : f->src.len;
    uint32_t end = sp.end < f->src.len && sp.end > start ? sp.end : f->src.len;
    if (end - start + 1 > cap) {
      cap = end - start + 1;
      buf = tx_xrealloc(buf, cap);
    }
    size_t n = 0;
    bool space = false;
    for (uint32_t i = start; i < end; i++) {
      char c = f->src.text[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        space = n > 0;
        continue;
      }
      if (space)
        buf[n++] = ' ';
      space = false;
      buf[n++] = c;
    }
    f->stmt_hashes[k] = XXH3_64bits(buf, n);
  }
  free(buf);
}

// The second pass's file: its text, dropped after the first pass's scan, read back (checked
// against the hash the first pass took, so positions stay those of the line index).
static bool restore_text(TxProgram *p, TxFile *f) {
  if (tx_source_restore(&f->src))
    return true;
  tx_program_notice(p, f, TX_NOTICE_ERROR, "io-error", NULL,
                    "%.*s: changed or removed while txlint read it; skipped",
                    TX_STR_ARG(f->src.path));
  return false;
}

// Returns FATE_STOPPED when the file ran out of time only because its budget had been cut
// to what was left of the run's.
static int extract_one(const Work *w, TxFile *f, TxTsParser *ts) {
  TxProgram *p = w->p;
  Stats *st = w->stats;
  uint64_t t0 = tx_now_ns();
  const TxOverlay *ov = overlay_of(w, f);
  bool loaded = w->second ? restore_text(p, f)
                : ov      ? tx_driver_load_overlay(p, f, ov)
                          : tx_load_file(p, f);
  uint64_t t1 = tx_now_ns();
  atomic_fetch_add(&st->read_ns, t1 - t0);
  if (!loaded) {
    tx_source_drop_text(&f->src);
    return FATE_ANALYSED;
  }
  if (w->rel && !w->second && f->src.lang != TX_LANG_SQL) {
    // Not a seed: parsed in the second pass only if a file that matters reaches it or it
    // reaches one (extract_all); its text goes until then.
    if (!tx_relevance_scan(w->rel, f->id, f->src.text, f->src.len, f->named) && !w->parse_all) {
      if (!ov)
        tx_source_drop_text(&f->src);
      atomic_fetch_add(&st->extract_ns, tx_now_ns() - t1);
      return FATE_ANALYSED;
    }
    w->notices_before[f->id] = f->notice_count;
  }
  bool clamped = false;
  if (w->cache && tx_cache_load(w->cache, f)) {
    atomic_fetch_add(&st->cache_hits, 1);
  } else {
    clamped = tx_config_file_budget_ms(p->config, f->src.len) <
              tx_config_file_budget_ms(w->user, f->src.len);
    tx_extract_file(ts, f, p->config);
    if (w->cache && !f->uncacheable && !ov) // an unsaved buffer is not worth keeping
      tx_cache_put(w->cache, f);
  }
  if (w->hash_sql)
    tx_driver_hash_statements(f);
  // Only the facts stay: the strings they share with the text are copied out and the text
  // goes (--dump-facts prints every position, so it keeps the text; so does an overlay, which
  // tx_source_text could not read back from disk).
  if (!p->config->dump_facts && !ov) {
    tx_ir_detach_text(f);
    tx_source_drop_text(&f->src);
  }
  atomic_fetch_add(&st->extract_ns, tx_now_ns() - t1);
  return clamped && f->uncacheable ? FATE_STOPPED : FATE_ANALYSED;
}

// Files of this size and up are large: extracted first (largest_first, below).
enum { TX_LARGE_FILE = 256 * 1024 };

// A worker takes files one at a time from a shared counter, so large files do not leave a
// thread idle. Each worker has its own tree-sitter parsers and libpg_query context; every
// file is written by exactly one worker, so no locks are needed. Past the run's deadline
// files are taken but not started; so are they once a file has been stopped for it, since
// tree-sitter 0.20 can end a parse early by up to its budget's fraction of a second (its
// deadline's nanoseconds are not carried into the seconds), so the clock can read a few
// hundred milliseconds before the deadline when a cut-short file returns.
static void *worker(void *arg) {
  Work *w = arg;
  tx_crash_thread_begin(); // a stack overflow in a parser is reported, naming the file
  TxTsParser *ts = tx_ts_parser_new();
  TxArena *pool = &w->p->pools[atomic_fetch_add(&w->worker, 1)];
  uint64_t deadline = w->p->config->run_deadline_ns;
  uint32_t count = w->order_count;
  for (;;) {
    uint32_t k = atomic_fetch_add(&w->next, 1);
    if (k >= count)
      break;
    uint32_t i = w->order[k];
    if (atomic_load(&w->spent) || (deadline && tx_now_ns() >= deadline) ||
        (w->cancel && atomic_load(w->cancel))) {
      w->fate[i] = FATE_NOT_STARTED;
      continue;
    }
    TxFile *f = w->p->files[i];
    // A large file's trees leave their blocks cached for the next parse: given back when the
    // next file is too small to reuse them, so that peak memory is the IR plus one tree per
    // thread, not plus the largest tree ever parsed. Large files come first, largest first
    // (largest_first): giving the blocks back after each made the next tree fault in every
    // page anew (1.5 GB of pages and 1.3 s of system time on ci/corpus).
    tx_ts_parser_trim(ts, w->sizes ? w->sizes[i] : 0);
    tx_arena_back(&f->arena, pool); // this thread's files share its blocks
    tx_crash_set_file(&f->src.path);
    w->fate[i] = (uint8_t)extract_one(w, f, ts);
    tx_crash_set_file(NULL);
    if (w->fate[i] == FATE_STOPPED)
      atomic_store(&w->spent, true);
  }
  tx_ts_parser_free(ts);
  tx_crash_thread_end();
  return NULL;
}

static uint32_t job_count(const TxConfig *cfg, uint32_t files) {
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  uint32_t n = cfg->jobs ? cfg->jobs : (uint32_t)(cores > 0 ? cores : 1);
  if (n > files)
    n = files;
  return n ? n : 1;
}

// Large files first (TX_LARGE_FILE and up, largest first), then the rest in path order. A
// worker's peak memory is the tree of the file it parses plus the IR made so far, and the
// trees of a few large files (bundles) dwarf the others' (on ci/corpus, two jobs peaked at
// 320 MB in path order and 224 MB so), so they come while the IR is small. The small files
// keep path order, so that a run budget that runs out leaves the same kind of files
// unanalysed as before, not every small one. The output does not depend on the order.

static const uint64_t *sort_sizes;
static int cmp_larger(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  bool lx = sort_sizes[x] >= TX_LARGE_FILE, ly = sort_sizes[y] >= TX_LARGE_FILE;
  if (lx != ly)
    return lx ? -1 : 1;
  if (lx && sort_sizes[x] != sort_sizes[y])
    return sort_sizes[x] > sort_sizes[y] ? -1 : 1;
  return (x > y) - (x < y);
}

static void largest_first(uint32_t *order, uint32_t n, const uint64_t *sizes) {
  if (!sizes || n < 2)
    return;
  sort_sizes = sizes; // qsort has no context argument; extraction passes run one at a time
  qsort(order, n, sizeof *order, cmp_larger);
  sort_sizes = NULL;
}

// Runs up to `n` workers (at most the program's pools) over the pass `w` describes.
static void run_pass(Work *w, uint32_t n) {
  atomic_store(&w->next, 0);
  atomic_store(&w->worker, 0);
  if (n <= 1) {
    worker(w); // no thread for one job: simpler stacks in debuggers and profiles
    return;
  }
  pthread_t *threads = tx_xmalloc(sizeof(pthread_t) * n);
  uint32_t started = 0;
  for (; started < n; started++) {
    if (pthread_create(&threads[started], NULL, worker, w) != 0)
      break; // fewer threads than asked: the ones running take the remaining files
  }
  if (started == 0)
    worker(w);
  for (uint32_t i = 0; i < started; i++)
    pthread_join(threads[i], NULL);
  free(threads);
}

// After the first pass: which scanned files matter. Skipping, those that were not seeds are
// parsed now (a second pass); with --parse-all every file was parsed, and the front end's
// notices (syntax errors, limits) of the files that do not matter are dropped, so the two
// modes report the same.
static void second_pass(Work *w, Stats *st, uint32_t jobs) {
  TxProgram *p = w->p;
  uint32_t matter = 0;
  const bool *matters = tx_relevance_closure(w->rel, p, &matter);
  uint32_t *order = tx_xmalloc(((size_t)p->file_count + 1) * sizeof *order);
  uint32_t n = 0;
  st->scanned = tx_relevance_scanned(w->rel);
  st->seeds = st->scanned;
  for (uint32_t i = 0; i < p->file_count; i++) {
    if (!tx_relevance_pending(w->rel, i) || w->fate[i] != FATE_ANALYSED)
      continue;
    st->seeds--;
    if (w->parse_all || !matters[i]) {
      st->skipped += !matters[i];
      st->skipped_bytes += matters[i] ? 0 : p->files[i]->src.len;
      if (w->parse_all && !matters[i])
        p->files[i]->notice_count = w->notices_before[i];
      continue;
    }
    order[n++] = i;
  }
  largest_first(order, n, w->sizes);
  w->second = true;
  w->order = order;
  w->order_count = n;
  if (n)
    run_pass(w, jobs < n ? jobs : n);
  free(order);
}

// Returns what the run budget did to each file (FATE_*, one per file; free() it). With
// `rel_out`, the relevance scan (NULL when none ran) is handed to the caller, who frees it;
// *hash_sql gets whether SQL statements were hashed. `sizes` (may be NULL): each file's size
// when the walk met it, for the order files are taken in.
static uint8_t *extract_all(TxProgram *p, Stats *st, TxCache *cache, const TxConfig *user,
                            const TxOverlay *overlays, uint32_t overlay_count,
                            const atomic_bool *cancel, TxRelevance **rel_out, bool *hash_sql,
                            const uint64_t *sizes) {
  uint8_t *fate = tx_xcalloc(p->file_count ? p->file_count : 1, 1);
  Work w;
  memset(&w, 0, sizeof w);
  w.p = p;
  w.stats = st;
  w.cache = cache;
  w.user = user;
  w.fate = fate;
  w.overlays = overlays;
  w.overlay_count = overlay_count;
  w.cancel = cancel;
  // Statement hashes serve only link/link.c's search for copies of the migrations in the other
  // SQL files; without both kinds of SQL file there is nothing to compare.
  bool schema_sql = false, other_sql = false;
  for (uint32_t i = 0; i < p->file_count; i++) {
    const TxFile *f = p->files[i];
    schema_sql |= f->src.lang == TX_LANG_SQL && f->schema_source;
    other_sql |= f->src.lang == TX_LANG_SQL && !f->schema_source;
  }
  w.hash_sql = schema_sql && other_sql;
  *hash_sql = w.hash_sql;
  // --dump-facts shows what extraction makes of every file: nothing is skipped.
  if (!p->config->dump_facts) {
    w.rel = tx_relevance_new(p->config, p->file_count);
    w.parse_all = p->config->parse_all;
    w.notices_before = tx_xcalloc(p->file_count + 1, sizeof *w.notices_before);
  }
  uint32_t n = job_count(p->config, p->file_count);
  tx_program_pools(p, n);
  uint32_t *order = tx_xmalloc(((size_t)p->file_count + 1) * sizeof *order);
  for (uint32_t i = 0; i < p->file_count; i++)
    order[i] = i;
  w.sizes = sizes;
  largest_first(order, p->file_count, sizes);
  w.order = order;
  w.order_count = p->file_count;
  run_pass(&w, n);
  free(order);
  if (w.rel)
    second_pass(&w, st, n);
  if (rel_out)
    *rel_out = w.rel;
  else
    tx_relevance_free(w.rel);
  free(w.notices_before);
  return fate;
}

// Whether the root has the default migrations folder (walk.h), which then alone builds the
// schema unless `migrations` is configured.
static bool has_default_migrations(const TxConfig *cfg) {
  char dir[PATH_MAX];
  struct stat st;
  if (snprintf(dir, sizeof dir, "%s/%s", cfg->root, TX_DEFAULT_MIGRATIONS) >= (int)sizeof dir)
    return false;
  return stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
}

static void add_files(TxProgram *p, const TxWalk *w, const TxConfig *cfg, bool context_mode) {
  bool default_folder = !cfg->migrations.count && has_default_migrations(cfg);
  for (uint32_t i = 0; i < w->files.count; i++) {
    const TxWalkEntry *e = &w->files.items[i];
    TxLang lang = tx_source_lang_of(e->abs_path);
    if (lang == TX_LANG_NONE)
      lang = tx_source_lang_of(e->rel_path);
    TxFile *f = tx_program_add_file(p, tx_str(e->rel_path), tx_str(e->abs_path), lang);
    f->report = !context_mode || e->explicit_;
    f->named = e->explicit_;
    f->schema_source =
        lang == TX_LANG_SQL && tx_walk_schema_source(cfg, default_folder, e->rel_path);
  }
}

// Pre-commit passes file names, in batches. Then the whole project (from the root) is loaded
// for context (schema, helpers, summaries) and findings are reported on the named files only.
// Never when the root is `/` or $HOME (a file named there has no project): those are not
// read wholesale because of one file.
static bool only_files_named(const TxConfig *cfg) {
  if (tx_config_broad_root(cfg->root))
    return false;
  for (uint32_t i = 0; i < cfg->path_count; i++) {
    struct stat st;
    if (stat(cfg->paths[i], &st) != 0 || !S_ISREG(st.st_mode))
      return false;
  }
  return cfg->path_count > 0;
}

// Adds the project's files to the walk of the named ones (explicit entries win on merge).
static void add_context(TxWalk *w, const TxConfig *cfg) {
  TxWalk root = {0};
  tx_walk_root(&root, cfg);
  for (uint32_t i = 0; i < root.files.count; i++) {
    TX_ARRAY_PUSH(&w->files, root.files.items[i]);
    root.files.items[i].abs_path = root.files.items[i].rel_path = NULL;
  }
  tx_walk_fini(&root);
  tx_walk_sort(w);
}

// After the workers: files the run budget kept from being analysed get an empty text (like
// a file that could not be read: nothing downstream sees a half-made file) and one notice,
// at error level, counts them and names the first few. Returns whether there were any.
static bool note_run_budget(TxProgram *p, const uint8_t *fate) {
  enum { NAMED = 5 };
  uint32_t missed = 0, stopped = 0;
  TxStr names = tx_str("");
  for (uint32_t i = 0; i < p->file_count; i++) {
    if (fate[i] == FATE_ANALYSED)
      continue;
    TxFile *f = p->files[i];
    if (fate[i] == FATE_NOT_STARTED) {
      tx_arena_back(&f->arena, &p->pools[0]); // the workers are done with the pools
      f->src.text = "";
      f->src.len = 0;
      tx_source_index_lines(&f->src, &f->arena);
    } else {
      stopped++;
    }
    if (missed++ < NAMED)
      names = tx_arena_printf(&p->arena, "%.*s%s%.*s", TX_STR_ARG(names), missed > 1 ? ", " : "",
                              TX_STR_ARG(f->src.path));
  }
  if (missed == 0)
    return false;
  char more[48] = "", part[64] = "";
  if (missed > NAMED)
    snprintf(more, sizeof more, " and %u more", missed - NAMED);
  if (stopped == 1 && missed == 1)
    snprintf(part, sizeof part, " (stopped part-way)");
  else if (stopped)
    snprintf(part, sizeof part, " (%u of them stopped part-way)", stopped);
  tx_program_notice(p, NULL, TX_NOTICE_ERROR, "limit", NULL,
                    "the run's time budget (%u ms, run_budget_ms) ran out: %u file%s not "
                    "analysed%s: %.*s%s",
                    p->config->run_budget_ms, missed, missed == 1 ? " was" : "s were", part,
                    TX_STR_ARG(names), more);
  return true;
}

bool tx_driver_has_io_error(const TxProgram *p) {
  for (uint32_t i = 0; i < p->file_count; i++) {
    for (uint32_t k = 0; k < p->files[i]->notice_count; k++) {
      if (tx_str_eq_c(p->files[i]->notices[k].id, "io-error") &&
          p->files[i]->notices[k].level == TX_NOTICE_ERROR)
        return true;
    }
  }
  return false;
}

// Messages quote file names, which come from the input: escaped like text output.
static void print_notice_stderr(TxStr message) {
  fputs("txlint: ", stderr);
  tx_emit_put_safe(stderr, message);
  fputc('\n', stderr);
}

static void print_notices_stderr(const TxProgram *p) {
  for (uint32_t i = 0; i < p->notice_count; i++)
    print_notice_stderr(p->notices[i].message);
  for (uint32_t i = 0; i < p->file_count; i++) {
    const TxFile *f = p->files[i];
    for (uint32_t k = 0; k < f->notice_count; k++) {
      if (tx_str_eq_c(f->notices[k].id, "io-error"))
        print_notice_stderr(f->notices[k].message);
    }
  }
}

// Writes one output in `format`; `to_file`: not a terminal (no colours in auto mode).
static bool emit(FILE *out, const TxConfig *cfg, TxFormat format, bool to_file, const TxProgram *p,
                 const TxDiagSink *sink) {
  if (cfg->dump_facts)
    return tx_dump_facts(out, p);
  if (cfg->explain_schema)
    return tx_explain_schema(out, p);
  TxEmitOptions o = {false, TX_VERSION};
  o.color = cfg->color == 1 ||
            (cfg->color == -1 && !to_file && isatty(fileno(out)) && getenv("NO_COLOR") == NULL);
  typedef bool (*Emitter)(FILE *, const TxProgram *, const TxDiagSink *, const TxEmitOptions *);
  static const Emitter emitters[TX_FORMAT_COUNT] = {
      [TX_FORMAT_TEXT] = tx_emit_text,     [TX_FORMAT_SARIF] = tx_emit_sarif,
      [TX_FORMAT_GITHUB] = tx_emit_github, [TX_FORMAT_GITLAB] = tx_emit_gitlab,
      [TX_FORMAT_RDJSON] = tx_emit_rdjson, [TX_FORMAT_RDJSONL] = tx_emit_rdjsonl,
      [TX_FORMAT_JUNIT] = tx_emit_junit,   [TX_FORMAT_JSON] = tx_emit_json,
  };
  return emitters[format](out, p, sink, &o);
}

// Writes to a temporary file beside the destination and renames it into place, so a
// failed or interrupted run never leaves a truncated report.
static bool emit_to_file(const char *path, const TxConfig *cfg, TxFormat format, const TxProgram *p,
                         const TxDiagSink *sink) {
  char tmp[PATH_MAX];
  if (snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", path) >= (int)sizeof tmp) {
    fprintf(stderr, "txlint: %s: path too long\n", path);
    return false;
  }
  int fd = mkstemp(tmp);
  if (fd < 0) {
    fprintf(stderr, "txlint: %s: cannot create output file: %s\n", path, strerror(errno));
    return false;
  }
  tx_crash_set_temp_file(tmp); // a crash from here on leaves no half-written file behind
  FILE *out = fdopen(fd, "w");
  if (!out) {
    close(fd);
    unlink(tmp);
    tx_crash_set_temp_file(NULL);
    fprintf(stderr, "txlint: %s: cannot write output file\n", path);
    return false;
  }
  bool ok = emit(out, cfg, format, true, p, sink);
  ok = (fflush(out) == 0) && ok && !ferror(out);
  ok = (fsync(fileno(out)) == 0 || errno == EINVAL) && ok;
  ok = (fclose(out) == 0) && ok;
  if (ok && rename(tmp, path) != 0) {
    fprintf(stderr, "txlint: %s: cannot write output file: %s\n", path, strerror(errno));
    ok = false;
  } else if (!ok) {
    fprintf(stderr, "txlint: %s: writing the output failed\n", path);
  }
  if (!ok)
    unlink(tmp);
  tx_crash_set_temp_file(NULL);
  return ok;
}

// The output without a FILE of its own: --output, or stdout.
static bool emit_primary(const TxConfig *cfg, const TxProgram *p, const TxDiagSink *sink) {
  if (cfg->output)
    return emit_to_file(cfg->output, cfg, cfg->format, p, sink);
  bool ok = emit(stdout, cfg, cfg->format, false, p, sink);
  return fflush(stdout) == 0 && ok;
}

// Every requested output, in the order given; one failing does not keep the others from
// being written. --dump-facts and --explain-schema replace the findings: one output only.
static bool emit_all(const TxConfig *cfg, const TxProgram *p, const TxDiagSink *sink) {
  if (cfg->output_count == 0 || cfg->dump_facts || cfg->explain_schema)
    return emit_primary(cfg, p, sink);
  bool ok = true;
  for (uint32_t i = 0; i < cfg->output_count; i++) {
    const TxOutput *o = &cfg->outputs[i];
    ok = (o->path ? emit_to_file(o->path, cfg, o->format, p, sink) : emit_primary(cfg, p, sink)) &&
         ok;
  }
  return ok;
}

static TxCache *open_cache(const TxConfig *cfg, uint32_t file_count) {
  if (cfg->no_cache)
    return NULL;
  if (cfg->cache_dir)
    return tx_cache_open(cfg->cache_dir, cfg, file_count);
  char dir[PATH_MAX];
  if (snprintf(dir, sizeof dir, "%s/.txlint-cache", cfg->root) >= (int)sizeof dir)
    return NULL;
  return tx_cache_open(dir, cfg, file_count);
}

// Failing to write the cache never fails the run; it is said once on stderr.
static void save_cache(TxCache *cache, const TxProgram *p) {
  if (!cache)
    return;
  const char *why = NULL;
  if (!tx_cache_save(cache, p, &why))
    fprintf(stderr, "txlint: warning: cache not written: %s\n", why ? why : "unknown error");
  tx_cache_free(cache);
}

// Where the IR's memory goes: each kind of item's count and bytes (the structs and the index
// arrays they own; their strings and everything else are "other"), out of `used`.
static void print_ir_stats(const TxProgram *p, uint64_t used) {
  uint64_t fns = 0, calls = 0, facts = 0, nodes = 0, bindings = 0;
  uint64_t fn_b = 0, call_b = 0, fact_b = 0, cfg_b = 0, bind_b = 0;
  for (uint32_t i = 0; i < p->file_count; i++) {
    const TxFile *f = p->files[i];
    fns += f->function_count;
    calls += f->call_count;
    facts += f->fact_count;
    fact_b += (uint64_t)f->fact_count * sizeof(TxFact);
    call_b += (uint64_t)f->call_count * sizeof(TxCall);
    fn_b += (uint64_t)f->function_count * sizeof(TxFunction);
    for (uint32_t k = 0; k < f->call_count; k++) {
      const TxCall *c = &f->calls[k];
      call_b +=
          (uint64_t)c->callback_fn_count * sizeof(uint32_t) +
          (uint64_t)(c->ident_arg_count + c->arg_count + c->result_name_count) * sizeof(TxStr);
    }
    for (uint32_t k = 0; k < f->function_count; k++) {
      const TxFunction *fn = &f->functions[k];
      fn_b += (uint64_t)(fn->fact_count + fn->call_count) * sizeof(uint32_t);
      bindings += fn->binding_count;
      bind_b += (uint64_t)fn->binding_count * sizeof(TxBinding);
      if (fn->cfg) {
        nodes += fn->cfg->node_count;
        cfg_b += sizeof(TxCfg) + (uint64_t)fn->cfg->node_count * sizeof(TxCfgNode) +
                 (uint64_t)fn->cfg->edge_count * sizeof(uint32_t) +
                 (uint64_t)fn->cfg->name_count * sizeof(TxStr);
      }
    }
  }
  uint64_t known = fn_b + call_b + fact_b + cfg_b + bind_b;
  fprintf(stderr,
          "txlint: stats: IR: %llu functions %.1f MB, %llu calls %.1f MB, %llu facts %.1f MB, "
          "%llu CFG nodes %.1f MB, %llu bindings %.1f MB, other %.1f MB\n",
          (unsigned long long)fns, (double)fn_b / 1048576.0, (unsigned long long)calls,
          (double)call_b / 1048576.0, (unsigned long long)facts, (double)fact_b / 1048576.0,
          (unsigned long long)nodes, (double)cfg_b / 1048576.0, (unsigned long long)bindings,
          (double)bind_b / 1048576.0, used > known ? (double)(used - known) / 1048576.0 : 0.0);
}

static void print_stats(const TxProgram *p, const Stats *st, uint32_t jobs) {
  uint64_t lines = 0, bytes = 0, used = p->arena.used, reserved = p->arena.reserved;
  for (uint32_t i = 0; i < p->pool_count; i++)
    reserved += p->pools[i].reserved;
  for (uint32_t i = 0; i < p->file_count; i++) {
    lines += p->files[i]->src.len ? p->files[i]->src.line_count : 0;
    bytes += p->files[i]->src.len;
    used += p->files[i]->arena.used;
    reserved += p->files[i]->arena.reserved;
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  double total = (double)st->total_ns / 1e9;
  fprintf(stderr,
          "txlint: stats: %u files, %llu lines, %llu bytes, %u jobs, %u from cache\n"
          "txlint: stats: read %.3fs + parse/extract %.3fs (cpu, all threads) in %.3fs wall\n"
          "txlint: stats: link %.3fs, check %.3fs, emit %.3fs, total %.3fs\n"
          "txlint: stats: %.0f lines/s, peak RSS %.1f MB, facts %.1f MB in %.1f MB of arenas\n",
          p->file_count, (unsigned long long)lines, (unsigned long long)bytes, jobs,
          (unsigned)st->cache_hits, (double)st->read_ns / 1e9, (double)st->extract_ns / 1e9,
          (double)st->extract_wall_ns / 1e9, (double)st->link_ns / 1e9, (double)st->check_ns / 1e9,
          (double)st->emit_ns / 1e9, total, total > 0 ? (double)lines / total : 0.0,
          (double)ru.ru_maxrss / 1024.0, (double)used / 1048576.0, (double)reserved / 1048576.0);
  print_ir_stats(p, used);
  if (st->scanned)
    fprintf(stderr,
            "txlint: stats: %u TypeScript/JavaScript files, %u with a seed token, %u (%.1f MB) "
            "cannot matter: %s\n",
            st->scanned, st->seeds, st->skipped, (double)st->skipped_bytes / 1048576.0,
            p->config->parse_all ? "parsed anyway (--parse-all)" : "not parsed");
}

static bool walk_lists(const TxWalk *w, const char *rel) {
  size_t lo = 0, hi = w->files.count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = strcmp(w->files.items[mid].rel_path, rel);
    if (c == 0)
      return true;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return false;
}

// An editor's buffer for a file not on disk yet is analysed where a walk would list it.
static void add_unsaved(TxWalk *w, const TxConfig *cfg, const TxOverlay *overlays, uint32_t n) {
  bool added = false;
  for (uint32_t i = 0; i < n; i++) {
    if (!walk_lists(w, overlays[i].path))
      added |= tx_walk_add_unsaved(w, cfg, overlays[i].path);
  }
  if (added)
    tx_walk_sort(w);
}

void tx_driver_check(TxProgram *p, TxDiagSink *sink, const atomic_bool *cancel, uint64_t *link_ns) {
  tx_crash_set_phase("linking the program");
  // A cancelled analysis links and checks nothing (its sink stays empty).
  uint64_t t0 = tx_now_ns();
  bool go_on = !cancel || !atomic_load(cancel);
  if (go_on)
    tx_link(p);
  if (link_ns)
    *link_ns = tx_now_ns() - t0;
  tx_crash_set_phase("running the rules");
  tx_diag_init(sink);
  go_on = go_on && (!cancel || !atomic_load(cancel));
  if (go_on && !p->config->dump_facts && !p->config->explain_schema)
    tx_rules_run(p, sink);
  tx_diag_finish(sink, p);
}

// The analysis shared by tx_run() and tx_analyze(), for a run that started at `start_ns`.
// Sets *ran_out when the run budget kept files from being analysed. `overlays` (may be NULL)
// stand in for the files with their paths. `ses` (may be NULL): the session to keep the
// program in (session.h).
static TxProgram *analyze(const TxConfig *cfg, TxDiagSink *sink, bool *io_error, bool *ran_out,
                          Stats *st, uint64_t start_ns, const TxOverlay *overlays,
                          uint32_t overlay_count, const atomic_bool *cancel, TxSession *ses) {
  TxWalk w = {0};
  w.watch = ses != NULL;
  tx_crash_set_phase("listing the files");
  tx_walk_collect(&w, cfg);
  TxProgram *p = tx_program_new(cfg);
  // The program and the front ends see the run's own copy of the configuration: the same
  // settings plus the deadline. A shallow copy: it shares cfg's strings and lists and never
  // allocates from or frees the arena it copies.
  TxConfig *run = TX_ARENA_NEW(&p->arena, TxConfig);
  *run = *cfg;
  run->run_deadline_ns =
      cfg->run_budget_ms ? start_ns + (uint64_t)cfg->run_budget_ms * 1000000u : 0;
  // Extraction keeps what some rule of the registry reads; a caller may narrow it further (the
  // fixture runner, to the reads of the rule under test).
  run->rule_reads = cfg->rule_reads & tx_rules_reads();
  p->config = run;
  p->root = tx_arena_str(&p->arena, cfg->root, strlen(cfg->root));
  for (uint32_t i = 0; i < w.errors.count; i++)
    tx_program_notice(p, NULL, TX_NOTICE_ERROR, "io-error", NULL, "%s: %s", w.errors.items[i].path,
                      w.errors.items[i].reason);
  *io_error = w.errors.count > 0;
  add_unsaved(&w, cfg, overlays, overlay_count);
  bool context_mode = only_files_named(cfg) && w.errors.count == 0;
  if (context_mode)
    add_context(&w, cfg);
  add_files(p, &w, cfg, context_mode);
  if (ses)
    tx_session_take_walk(ses, &w);
  uint64_t *sizes = tx_xmalloc(((size_t)w.files.count + 1) * sizeof *sizes);
  for (uint32_t i = 0; i < w.files.count; i++)
    sizes[i] = w.files.items[i].stamp.size;
  tx_walk_fini(&w);

  uint64_t t0 = tx_now_ns();
  tx_crash_set_phase("reading the cache");
  // The run's configuration: the cache's key covers rule_reads, which extraction follows.
  TxCache *cache = open_cache(run, p->file_count);
  tx_crash_set_phase("extracting facts"); // a thread with a file names it instead
  TxRelevance *rel = NULL;
  bool hash_sql = false;
  uint8_t *fate = extract_all(p, st, cache, cfg, overlays, overlay_count, cancel, ses ? &rel : NULL,
                              &hash_sql, sizes);
  free(sizes);
  *ran_out = note_run_budget(p, fate);
  free(fate);
  // Kept only when complete: every file analysed, in the mode the session repeats.
  if (ses && rel && !*ran_out && !context_mode && !cfg->parse_all &&
      (!cancel || !atomic_load(cancel)))
    tx_session_capture(ses, p, run, rel, hash_sql, overlays, overlay_count);
  tx_relevance_free(rel);
  uint64_t t1 = tx_now_ns();
  // What a cancelled analysis extracted is still saved in the cache below, so the analysis
  // that replaces it starts from there.
  uint64_t link_ns = 0;
  tx_driver_check(p, sink, cancel, &link_ns);
  uint64_t t3 = tx_now_ns();
  tx_crash_set_phase("saving the cache");
  save_cache(cache, p);
  st->extract_wall_ns = t1 - t0;
  st->link_ns = link_ns;
  st->check_ns = t3 - t1 - link_ns;
  *io_error = *io_error || tx_driver_has_io_error(p);
  return p;
}

void tx_shutdown(void) {
  tx_sql_thread_exit();
}

TxProgram *tx_analyze(const TxConfig *cfg, TxDiagSink *sink, bool *io_error) {
  Stats st;
  memset(&st, 0, sizeof st);
  bool ran_out = false; // the program's notices say so
  return analyze(cfg, sink, io_error, &ran_out, &st, tx_now_ns(), NULL, 0, NULL, NULL);
}

TxProgram *tx_analyze_overlays(const TxConfig *cfg, const TxOverlay *overlays, uint32_t n,
                               const atomic_bool *cancel, TxDiagSink *sink, bool *io_error) {
  Stats st;
  memset(&st, 0, sizeof st);
  bool ran_out = false; // the program's notices say so
  return analyze(cfg, sink, io_error, &ran_out, &st, tx_now_ns(), overlays, n, cancel, NULL);
}

TxProgram *tx_driver_analyze(const TxConfig *cfg, const TxOverlay *overlays, uint32_t n,
                             const atomic_bool *cancel, TxDiagSink *sink, bool *io_error,
                             TxSession *ses) {
  Stats st;
  memset(&st, 0, sizeof st);
  bool ran_out = false; // the program's notices say so
  return analyze(cfg, sink, io_error, &ran_out, &st, tx_now_ns(), overlays, n, cancel, ses);
}

// --diff-base: drops findings whose primary location is not on a line added or changed since
// the revision (baseline results marked absent stay when their file changed).
static void keep_changed(TxDiagSink *sink, const TxProgram *p, const TxChanged *changed,
                         const char *root) {
  uint32_t out = 0;
  for (uint32_t i = 0; i < sink->items.count; i++) {
    TxDiag *d = sink->items.items[i];
    bool keep;
    const TxFile *f = tx_program_file(p, d->span.file);
    if (f) {
      keep =
          tx_changed_has(changed, f->src.abs_path.ptr, tx_source_pos(&f->src, d->span.start).line);
    } else {
      char abs[PATH_MAX]; // a path outside the root is absolute already
      if (d->absent_path.len && d->absent_path.ptr[0] == '/')
        snprintf(abs, sizeof abs, "%.*s", TX_STR_ARG(d->absent_path));
      else
        snprintf(abs, sizeof abs, "%s/%.*s", root, TX_STR_ARG(d->absent_path));
      keep = d->baseline == TX_BASELINE_ABSENT && tx_changed_file(changed, abs);
    }
    if (keep) {
      sink->items.items[out++] = d;
    } else {
      TX_ARRAY_FREE(&d->related);
      TX_ARRAY_FREE(&d->flow);
    }
  }
  sink->items.count = out;
}

// Drops the findings --fix dealt with, so the report shows what is left.
static void drop_fixed(TxDiagSink *sink) {
  uint32_t out = 0;
  for (uint32_t i = 0; i < sink->items.count; i++) {
    TxDiag *d = sink->items.items[i];
    if (!d->fixed) {
      sink->items.items[out++] = d;
    } else {
      TX_ARRAY_FREE(&d->related);
      TX_ARRAY_FREE(&d->flow);
    }
  }
  sink->items.count = out;
}

// --fix, --diff, --add-suppressions. Returns false when a file could not be written or was
// left alone (changed since the analysis); sets *changes when there was anything to do.
static bool fix_step(const TxConfig *cfg, const TxProgram *p, TxDiagSink *sink, bool *changes) {
  TxFixOptions o = {cfg->unsafe_fixes, cfg->add_suppressions, cfg->diff ? stdout : NULL};
  TxFixResult r;
  bool ok = tx_fix_apply(p, sink, &o, &r);
  const char *what = cfg->add_suppressions
                         ? (r.applied == 1 ? "suppression comment" : "suppression comments")
                         : (r.applied == 1 ? "fix" : "fixes");
  fprintf(stderr, "txlint: %u %s %s in %u file%s", r.applied, what,
          cfg->diff               ? "shown"
          : cfg->add_suppressions ? "added"
                                  : "applied",
          r.files, r.files == 1 ? "" : "s");
  if (r.deferred)
    fprintf(stderr, "; %u overlap another and wait for the next run", r.deferred);
  if (r.unchanged)
    fprintf(stderr, "; %u file%s left alone", r.unchanged, r.unchanged == 1 ? "" : "s");
  fputc('\n', stderr);
  *changes = r.applied > 0;
  if (cfg->fix && !cfg->diff)
    drop_fixed(sink);
  return ok && r.unchanged == 0;
}

int tx_run(const TxConfig *cfg) {
  Stats st;
  memset(&st, 0, sizeof st);
  uint64_t t_start = tx_now_ns();
  // Inputs that can be wrong are checked before any work: a bad baseline or revision is a
  // usage error (exit 2), never a silent full report.
  char err[512];
  TxBaseline baseline;
  bool have_baseline = cfg->baseline != NULL;
  tx_crash_set_phase("reading the baseline and the git diff");
  if (have_baseline && !tx_baseline_read(&baseline, cfg->baseline, err, sizeof err)) {
    fprintf(stderr, "txlint: --baseline %s: %s\n", cfg->baseline, err);
    tx_baseline_fini(&baseline);
    return TX_EXIT_USAGE;
  }
  TxChanged changed;
  memset(&changed, 0, sizeof changed);
  if (cfg->diff_base &&
      !tx_git_changed_lines(cfg->root, cfg->diff_base, &changed, err, sizeof err)) {
    fprintf(stderr, "txlint: --diff-base %s: %s\n", cfg->diff_base, err);
    if (have_baseline)
      tx_baseline_fini(&baseline);
    return TX_EXIT_USAGE;
  }
  TxDiagSink sink;
  bool io_error = false, ran_out = false;
  TxProgram *p = analyze(cfg, &sink, &io_error, &ran_out, &st, t_start, NULL, 0, NULL, NULL);
  tx_crash_set_phase("comparing with the baseline and the diff");
  if (have_baseline) {
    tx_baseline_apply(&sink, p, &baseline, tx_rule_index_of);
    tx_baseline_fini(&baseline);
  }
  if (cfg->diff_base) {
    keep_changed(&sink, p, &changed, cfg->root);
    tx_changed_fini(&changed);
  }
  uint64_t t3 = tx_now_ns();
  tx_crash_set_phase("writing the output");
  print_notices_stderr(p);
  bool written = true, changes = false, fixing = cfg->fix || cfg->diff || cfg->add_suppressions;
  if (fixing) {
    tx_crash_set_phase("applying fixes");
    written = fix_step(cfg, p, &sink, &changes);
  }
  // --diff and --add-suppressions print or make their changes instead of a report.
  if (!cfg->diff && !cfg->add_suppressions)
    written = emit_all(cfg, p, &sink) && written;
  uint64_t t4 = tx_now_ns();
  st.emit_ns = t4 - t3;
  st.total_ns = t4 - t_start;
  if (cfg->stats)
    print_stats(p, &st, job_count(cfg, p->file_count));
  // Files the run budget left unanalysed make the result incomplete, like an unreadable
  // file: exit 2 whatever the findings, so a run that skipped files never passes as clean.
  // --diff: 1 when it shows changes, like diff(1); --add-suppressions: 0 once written.
  int code = TX_EXIT_OK;
  if (!written || io_error || ran_out)
    code = TX_EXIT_USAGE;
  else if (cfg->diff)
    code = changes ? TX_EXIT_FINDINGS : TX_EXIT_OK;
  else if (!cfg->add_suppressions && tx_diag_failing(&sink, cfg->fail_level) > 0)
    code = TX_EXIT_FINDINGS;
  tx_crash_set_phase("finishing");
  tx_diag_fini(&sink);
  tx_program_free(p);
  return code;
}
