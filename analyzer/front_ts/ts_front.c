// ts_front.c: the TypeScript/JavaScript front end's entry point. Parses a file within its time
// budget, then runs the parts of extraction, each in a file of its own: one iterative walk
// over the tree (ts_walk.c) records functions (ts_functions.c), calls (ts_calls.c),
// bindings that hold clients or constant strings (ts_decls.c, table in ts_bind.c), imports
// and exports (ts_imports.c), suppression comments (ts_comments.c) and syntax errors;
// query-builder chains are handed to ts_chain.c. ts_finish.c completes and prunes
// (ts_prune.c) what the walk gathered, ts_cfg.c builds the control-flow graphs, and at the
// end everything is copied into the file's arena and the tree is deleted.
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "ts_internal.h"

const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_tsx(void);

struct TxTsParser {
  TSParser *ts;
  TSParser *tsx;
  TsSyms ts_syms;
  TsSyms tsx_syms;
};

TxTsParser *tx_ts_parser_new(void) {
  tx_ts_alloc_install();
  TxTsParser *p = tx_xcalloc(1, sizeof *p);
  p->ts = ts_parser_new();
  p->tsx = ts_parser_new();
  TX_ASSERT(ts_parser_set_language(p->ts, tree_sitter_typescript()));
  TX_ASSERT(ts_parser_set_language(p->tsx, tree_sitter_tsx()));
  tx_ts_syms_init(&p->ts_syms, tree_sitter_typescript());
  tx_ts_syms_init(&p->tsx_syms, tree_sitter_tsx());
  return p;
}

void tx_ts_parser_free(TxTsParser *p) {
  if (!p)
    return;
  ts_parser_delete(p->ts);
  ts_parser_delete(p->tsx);
  free(p);
  tx_ts_alloc_drain(); // this thread's parsing is over
}

bool tx_ts_parser_trim(TxTsParser *p, uint64_t next_bytes) {
  uint64_t held = (uint64_t)tx_ts_alloc_chunks() * TX_TS_CHUNK_BYTES;
  if (!p || held <= TX_TS_KEEP_BYTES || held / TX_TS_TREE_PER_BYTE <= next_bytes)
    return false;
  ts_parser_delete(p->ts);
  ts_parser_delete(p->tsx);
  tx_ts_alloc_drain(); // no parser of this thread is left: the chunks are freed
  tx_ts_alloc_install();
  p->ts = ts_parser_new();
  p->tsx = ts_parser_new();
  TX_ASSERT(ts_parser_set_language(p->ts, tree_sitter_typescript()));
  TX_ASSERT(ts_parser_set_language(p->tsx, tree_sitter_tsx()));
  malloc_trim(0); // freed chunks in the middle of the heap go back to the system too
  return true;
}

// Hands the file what extraction made.
static void publish(TsCtx *ex) {
  TxFile *f = ex->f;
  TxArena *a = &f->arena;
  f->client_exports = TX_ARRAY_TO_ARENA(a, &ex->client_exports);
  f->client_export_count = ex->client_exports.count;
  f->functions = TX_ARRAY_TO_ARENA(a, &ex->fns);
  f->function_count = ex->fns.count;
  f->facts = TX_ARRAY_TO_ARENA(a, &ex->facts);
  f->fact_count = ex->facts.count;
  f->calls = TX_ARRAY_TO_ARENA(a, &ex->calls);
  f->call_count = ex->calls.count;
  f->imports = TX_ARRAY_TO_ARENA(a, &ex->imports);
  f->import_count = ex->imports.count;
  f->exports = TX_ARRAY_TO_ARENA(a, &ex->exports);
  f->export_count = ex->exports.count;
  f->const_strings = TX_ARRAY_TO_ARENA(a, &ex->consts);
  f->const_string_count = ex->consts.count;
  f->suppressions = TX_ARRAY_TO_ARENA(a, &ex->suppressions);
  f->suppression_count = ex->suppressions.count;
  tx_file_append_notices(f, ex->notices.items, ex->notices.count);
}

static void ctx_fini(TsCtx *ex) {
  TX_ARRAY_FREE(&ex->facts);
  TX_ARRAY_FREE(&ex->fns);
  TX_ARRAY_FREE(&ex->calls);
  TX_ARRAY_FREE(&ex->imports);
  TX_ARRAY_FREE(&ex->exports);
  TX_ARRAY_FREE(&ex->suppressions);
  TX_ARRAY_FREE(&ex->notices);
  TX_ARRAY_FREE(&ex->frames);
  TX_ARRAY_FREE(&ex->fn_nodes);
  TX_ARRAY_FREE(&ex->callbacks);
  TX_ARRAY_FREE(&ex->ident_args);
  TX_ARRAY_FREE(&ex->string_args);
  TX_ARRAY_FREE(&ex->client_exports);
  TX_ARRAY_FREE(&ex->bound);
  TX_ARRAY_FREE(&ex->consts);
  tx_ts_bind_fini(&ex->binds);
  tx_arena_fini(&ex->scratch);
  tx_effect_matcher_fini(&ex->effects);
  tx_effect_matcher_fini(&ex->webhooks);
}

// --- the time budget --------------------------------------------------------------------------

static TsPhase test_expire_phase; // tx_ts_test_expire

void tx_ts_test_expire(TsPhase phase) {
  test_expire_phase = phase;
}

bool tx_ts_deadline_check(TsCtx *ex) {
  if (!ex->over_budget && tx_now_ns() > ex->deadline_ns)
    ex->over_budget = true;
  return ex->over_budget;
}

#if TREE_SITTER_LANGUAGE_VERSION >= 15
// tree-sitter 0.25 (-DTX_TREE_SITTER=npm-0.25) deprecates the parser's timeout (gone in 0.26) for
// a progress callback, which it calls every hundred or so parse operations, as often as it
// read the clock for the timeout: true stops the parse. `payload` is the deadline.
static bool parse_past_deadline(TSParseState *state) {
  return tx_now_ns() > *(const uint64_t *)state->payload;
}

static const char *read_text(void *payload, uint32_t at, TSPoint pos, uint32_t *read) {
  (void)pos;
  const TxStr *text = payload;
  *read = at < text->len ? text->len - at : 0;
  return text->ptr + (at < text->len ? at : text->len);
}
#endif

TSTree *tx_ts_parse(TSParser *parser, const char *text, uint32_t len, uint32_t budget_ms) {
#if TREE_SITTER_LANGUAGE_VERSION >= 15
  uint64_t deadline = tx_now_ns() + (uint64_t)budget_ms * 1000000u;
  TxStr whole = {text, len};
  TSInput in = {.payload = &whole, .read = read_text, .encoding = TSInputEncodingUTF8};
  TSParseOptions opt = {.payload = &deadline, .progress_callback = parse_past_deadline};
  TSTree *tree = ts_parser_parse_with_options(parser, NULL, in, opt);
#else
  ts_parser_set_timeout_micros(parser, (uint64_t)budget_ms * 1000);
  TSTree *tree = ts_parser_parse_string(parser, NULL, text, len);
#endif
  if (!tree) // over the budget: tree-sitter gave up; the parser must start afresh
    ts_parser_reset(parser);
  return tree;
}

static void begin_phase(TsCtx *ex, TsPhase phase) {
  ex->phase = phase;
  if (test_expire_phase == phase)
    ex->deadline_ns = 0;
}

// A file over its time budget contributes nothing but a `limit` notice, and is not cached so
// that the next run tries again. `what` took too long: "parsing" or "analysis".
static void skip_over_budget(TxFile *f, uint32_t budget, const char *what) {
  TxNotice n = {TX_NOTICE_WARNING,
                tx_str("limit"),
                tx_arena_printf(&f->arena,
                                "%.*s: %s took longer than the time budget (%u ms); skipped",
                                TX_STR_ARG(f->src.path), what, budget),
                {f->id, 0, 0},
                false};
  tx_file_append_notices(f, &n, 1);
  f->uncacheable = true;
}

void tx_ts_extract(TxTsParser *p, TxFile *f, const TxConfig *cfg) {
  bool jsx = f->src.lang == TX_LANG_TSX || f->src.lang == TX_LANG_JSX;
  TSParser *parser = jsx ? p->tsx : p->ts;
  uint64_t start = tx_now_ns();
  uint32_t budget = tx_config_file_budget_ms(cfg, f->src.len);
  TSTree *tree = tx_ts_parse(parser, f->src.text, f->src.len, budget);
  if (!tree) { // over the time budget
    skip_over_budget(f, budget, "parsing");
    return;
  }
  TsCtx ex;
  memset(&ex, 0, sizeof ex);
  ex.f = f;
  ex.cfg = cfg;
  ex.sy = jsx ? &p->tsx_syms : &p->ts_syms;
  ex.src = f->src.text;
  ex.deadline_ns = start + (uint64_t)budget * 1000000u;
  tx_arena_init(&ex.scratch);
  tx_effect_matcher_init(&ex.effects, &cfg->effect_calls);
  tx_effect_matcher_init(&ex.webhooks, &cfg->webhook_calls);
  tx_ts_bind_init(&ex.binds);
  begin_phase(&ex, TS_PHASE_WALK);
  ex.root = ts_tree_root_node(tree);
  tx_ts_walk(&ex, ex.root);
  if (!ex.over_budget) {
    tx_ts_group_ident_args(&ex);
    tx_ts_finish(&ex);
    begin_phase(&ex, TS_PHASE_CFG);
    tx_ts_build_cfgs(&ex);
  }
  if (ex.over_budget)
    skip_over_budget(f, budget, "analysis");
  else
    publish(&ex);
  if (!ex.over_budget)
    tx_ts_types_extract(f, ex.sy, parser, budget, ts_tree_root_node(tree)); // generated types
  ts_tree_delete(tree);
  ctx_fini(&ex);
}
