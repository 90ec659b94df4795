// sql_front.c: the SQL front end on libpg_query (the PostgreSQL parser).
//
// A file is split into statements with pg_query_split_with_scanner (it copes with broken
// statements), and each statement is parsed on its own, so one bad statement is one
// "parse-error" notice and the rest of the file is still read. The JSON parse tree
// (jansson) gives:
//   - schema operations (CREATE/ALTER/DROP TABLE, RLS, unique columns, policies,
//     CREATE/DROP/ALTER FUNCTION) in f->sql, applied later in migration order;
//   - one TxFunction per CREATE FUNCTION whose facts are the DML statements of its body:
//     PL/pgSQL through pg_query_parse_plpgsql (statement line numbers, then the statement
//     text located in the body), LANGUAGE sql through pg_query_parse of the body. Every
//     span is a byte range of the migration file itself;
//   - facts for top-level DML (fn = TX_NONE).
// libpg_query keeps a memory context per thread: tx_sql_thread_exit() releases it.
#include "sql_front.h"

#include <jansson.h>
#include <pg_query.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/array.h"
#include "ir/schema.h"
#include "sql_internal.h"

static _Thread_local bool thread_used;

void tx_sql_thread_exit(void) {
  if (thread_used)
    pg_query_exit();
  thread_used = false;
}

// --- notices and spans ----------------------------------------------------------------------

static void notice(SqlCtx *ex, TxNoticeLevel level, const char *id, uint32_t at, TxStr msg) {
  TxNotice n = {level, tx_str(id), msg, {ex->f->id, at, at}, true};
  TX_ARRAY_PUSH(&ex->notices, n);
}

// libpg_query's cursorpos counts characters from 1; this turns it into a byte offset.
uint32_t tx_sql_char_to_byte(const char *s, uint32_t len, int cursorpos) {
  uint32_t i = 0;
  for (int ch = 1; ch < cursorpos && i < len; ch++) {
    i++;
    while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
      i++;
  }
  return i;
}

void tx_sql_parse_error_at(SqlCtx *ex, uint32_t at, const char *message) {
  if (!tx_syntax_error_shown(&ex->parse_errors))
    return;
  notice(ex, TX_NOTICE_WARNING, "parse-error", at,
         tx_arena_printf(&ex->f->arena, "SQL syntax error: %s; the other statements are still read",
                         message ? message : "unknown error"));
}

void tx_sql_parse_error(SqlCtx *ex, const PgQueryError *e, uint32_t base, const char *text,
                        uint32_t len) {
  tx_sql_parse_error_at(
      ex, base + (e->cursorpos > 0 ? tx_sql_char_to_byte(text, len, e->cursorpos) : 0), e->message);
}

// Skips white space and comments (`--` to the end of the line, nested `/* */`) from s[i],
// so a statement starts at its first keyword rather than at the comments above it. An
// unterminated comment is left for the parser to report.
uint32_t tx_sql_skip_space(const char *s, uint32_t i, uint32_t end) {
  while (i < end) {
    char ch = s[i];
    if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v') {
      i++;
    } else if (ch == '-' && i + 1 < end && s[i + 1] == '-') {
      while (i < end && s[i] != '\n')
        i++;
    } else if (ch == '/' && i + 1 < end && s[i + 1] == '*') {
      uint32_t k = i, depth = 0;
      do {
        if (s[k] == '/' && k + 1 < end && s[k + 1] == '*') {
          depth++;
          k += 2;
        } else if (s[k] == '*' && k + 1 < end && s[k + 1] == '/') {
          depth--;
          k += 2;
        } else {
          k++;
        }
      } while (depth > 0 && k < end);
      if (depth > 0)
        return i;
      i = k;
    } else {
      break;
    }
  }
  return i;
}

// Parses one statement [start, start+len) of the file.
static void parse_statement(SqlCtx *ex, uint32_t start, uint32_t len) {
  const char *src = ex->f->src.text;
  uint32_t first = tx_sql_skip_space(src, start, start + len);
  len -= first - start;
  start = first;
  if (len == 0)
    return;
  char *text = tx_xmalloc((size_t)len + 1);
  memcpy(text, src + start, len);
  text[len] = '\0';
  PgQueryParseResult r = pg_query_parse(text);
  if (r.error) {
    tx_sql_parse_error(ex, r.error, start, text, len);
  } else {
    json_t *tree = json_loads(r.parse_tree, 0, NULL);
    size_t i;
    json_t *raw;
    json_array_foreach(tx_sql_get(tree, "stmts"), i, raw) {
      // Each statement with its own text (a piece holds one; the PL/pgSQL parser reads every
      // function of the text it is given).
      json_t *loc = tx_sql_get(raw, "stmt_location"), *slen = tx_sql_get(raw, "stmt_len");
      json_int_t s = json_is_integer(loc) ? json_integer_value(loc) : 0;
      json_int_t n = json_is_integer(slen) ? json_integer_value(slen) : 0;
      if (s < 0 || s > (json_int_t)len)
        continue;
      if (n <= 0 || n > (json_int_t)len - s)
        n = (json_int_t)len - s;
      uint32_t from = tx_sql_skip_space(text, (uint32_t)s, (uint32_t)(s + n));
      uint32_t to = (uint32_t)(s + n);
      if (from == 0 && to == len) {
        tx_sql_statement(ex, tx_sql_get(raw, "stmt"), text, len, start);
      } else if (to > from) {
        char *one = tx_xmalloc((size_t)(to - from) + 1);
        memcpy(one, text + from, to - from);
        one[to - from] = '\0';
        tx_sql_statement(ex, tx_sql_get(raw, "stmt"), one, to - from, start + from);
        free(one);
      }
    }
    json_decref(tree);
  }
  pg_query_free_parse_result(r);
  free(text);
}
// --- entry ----------------------------------------------------------------------------------

static void finish(SqlCtx *ex) {
  TxFile *f = ex->f;
  TxArena *a = &f->arena;
  TxSqlUnit *unit = TX_ARENA_NEW(a, TxSqlUnit);
  unit->ops = TX_ARRAY_TO_ARENA(a, &ex->ops);
  unit->op_count = ex->ops.count;
  f->sql = unit;
  TxNotice more;
  if (tx_syntax_errors_hidden(a, f->id, ex->parse_errors, "SQL syntax errors", &more))
    TX_ARRAY_PUSH(&ex->notices, more);
  TxFunction *fns = TX_ARRAY_TO_ARENA(a, &ex->fns);
  for (uint32_t i = 0; i < ex->fns.count; i++) {
    uint32_t n = 0;
    for (uint32_t k = 0; k < ex->facts.count; k++)
      n += ex->facts.items[k].fn == i;
    fns[i].facts = n ? TX_ARENA_ARRAY(a, uint32_t, n) : NULL;
    for (uint32_t k = 0; k < ex->facts.count; k++) {
      if (ex->facts.items[k].fn == i)
        fns[i].facts[fns[i].fact_count++] = k;
    }
  }
  f->functions = fns;
  f->function_count = ex->fns.count;
  f->facts = TX_ARRAY_TO_ARENA(a, &ex->facts);
  f->fact_count = ex->facts.count;
  tx_file_append_notices(f, ex->notices.items, ex->notices.count);
}

// The file took longer than the time budget: it contributes nothing but a notice.
static void over_budget(SqlCtx *ex, uint32_t budget) {
  ex->ops.count = ex->facts.count = ex->fns.count = 0;
  ex->notices.count = 0;
  TxNotice n = {TX_NOTICE_WARNING,
                tx_str("limit"),
                tx_arena_printf(&ex->f->arena,
                                "%.*s: analysis took longer than the time budget (%u ms); skipped",
                                TX_STR_ARG(ex->f->src.path), budget),
                {ex->f->id, 0, 0},
                false};
  TX_ARRAY_PUSH(&ex->notices, n);
  ex->f->uncacheable = true;
}

void tx_sql_extract(TxFile *f, const TxConfig *cfg) {
  SqlCtx ex;
  memset(&ex, 0, sizeof ex);
  ex.f = f;
  ex.cfg = cfg;
  thread_used = true;
  bool over = false;
  PgQuerySplitResult split = pg_query_split_with_scanner(f->src.text);
  tx_sql_join_atomic_bodies(&split, f->src.text, f->src.len);
  if (split.error) {
    tx_sql_parse_error(&ex, split.error, 0, f->src.text, f->src.len);
  } else {
    uint32_t budget = tx_config_file_budget_ms(cfg, f->src.len);
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < split.n_stmts; i++) {
      struct timespec t;
      clock_gettime(CLOCK_MONOTONIC, &t);
      uint64_t ms =
          (uint64_t)(t.tv_sec - t0.tv_sec) * 1000 + (uint64_t)((t.tv_nsec - t0.tv_nsec) / 1000000);
      if (ms > budget) { // drop what was read: a partial schema would mislead the rules
        over_budget(&ex, budget);
        over = true;
        break;
      }
      int loc = split.stmts[i]->stmt_location, len = split.stmts[i]->stmt_len;
      if (loc < 0 || (uint32_t)loc > f->src.len)
        continue;
      if (len <= 0 || (uint32_t)(loc + len) > f->src.len)
        len = (int)(f->src.len - (uint32_t)loc);
      parse_statement(&ex, (uint32_t)loc, (uint32_t)len);
    }
  }
  pg_query_free_split_result(split);
  SupList sups = {0};
  if (!over) // a skipped file's suppressions would all look unused
    tx_sql_suppressions(&ex, &sups);
  f->suppressions = TX_ARRAY_TO_ARENA(&f->arena, &sups);
  f->suppression_count = sups.count;
  TX_ARRAY_FREE(&sups);
  finish(&ex);
  TX_ARRAY_FREE(&ex.ops);
  TX_ARRAY_FREE(&ex.facts);
  TX_ARRAY_FREE(&ex.fns);
  TX_ARRAY_FREE(&ex.notices);
}
