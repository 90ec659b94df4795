// plpgsql.c: pg_query_parse_plpgsql with rewrites of the constructs libpg_query 15-4.0.0
// rejects (see plpgsql.h). The rewrites work on the body's tokens from libpg_query's own
// scanner: each one matches a short, fixed token pattern named by the error (the variable,
// the cursor) and overwrites it with spaces, so the text keeps its length and its lines.
#include "plpgsql.h"

#include <pg_query.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/check.h"
#include "sql_scan.h"

enum {
  MAX_ATTEMPTS = 64,        // parses per function; every retry has rewritten at least one construct
  REPARSE_BYTES = 16 << 20, // and bytes parsed again per function (a huge body gets fewer)
  MAX_PARTS = 4,            // components of a dotted name in an error message
  NAME_CAP = 128,           // bytes of one name component
  MAX_LABELS = 64,          // block labels remembered per body
};

typedef struct Fixer {
  const TxPlpgsqlIn *in;
  char *text;     // the statement being rewritten: in->stmt's length, same lines
  char *body;     // a NUL-terminated copy of text's body, as scanned
  TxSqlToks toks; // its tokens (offsets into body)
} Fixer;

typedef struct Name {
  char parts[MAX_PARTS][NAME_CAP];
  uint32_t count;
} Name;

// --- tokens ---------------------------------------------------------------------------------

static bool rescan(Fixer *f) {
  memcpy(f->body, f->text + f->in->body, f->in->body_len);
  f->body[f->in->body_len] = '\0';
  return tx_sql_scan(f->body, f->in->body_len, &f->toks);
}

static const TxSqlTok *tok(const Fixer *f, uint32_t i) {
  return i < f->toks.count ? &f->toks.items[i] : NULL;
}

static bool is_word(const Fixer *f, uint32_t i, const char *word) {
  const TxSqlTok *t = tok(f, i);
  return t && tx_sql_tok_is(f->body, t, word);
}

static bool is_char(const Fixer *f, uint32_t i, char ch) {
  const TxSqlTok *t = tok(f, i);
  return t && t->kind == TX_TOK_CHAR && t->ch == ch;
}

static bool is_op(const Fixer *f, uint32_t i, const char *op) {
  const TxSqlTok *t = tok(f, i);
  return t && t->kind == TX_TOK_OP && t->end - t->start == strlen(op) &&
         memcmp(f->body + t->start, op, t->end - t->start) == 0;
}

static bool name_is(const Fixer *f, uint32_t i, const char *name) {
  char buf[NAME_CAP];
  const TxSqlTok *t = tok(f, i);
  return t && tx_sql_tok_name(f->body, t, buf, sizeof buf) && strcmp(buf, name) == 0;
}

static bool is_name(const Fixer *f, uint32_t i) {
  const TxSqlTok *t = tok(f, i);
  return t && (t->kind == TX_TOK_WORD || t->kind == TX_TOK_QUOTED);
}

// Token i is where a statement may begin: the first token, or one after `;`, BEGIN, THEN,
// ELSE, LOOP or a `<<label>>`.
static bool starts_statement(const Fixer *f, uint32_t i) {
  if (i == 0)
    return true;
  uint32_t p = i - 1;
  return is_char(f, p, ';') || is_word(f, p, "begin") || is_word(f, p, "then") ||
         is_word(f, p, "else") || is_word(f, p, "loop") || is_op(f, p, ">>");
}

// The tokens at i, i+2, ... spell `n` (dotted, with '.' tokens between).
static bool chain_at(const Fixer *f, uint32_t i, const Name *n) {
  for (uint32_t p = 0; p < n->count; p++) {
    if ((p > 0 && !is_char(f, i + 2 * p - 1, '.')) || !name_is(f, i + 2 * p, n->parts[p]))
      return false;
  }
  return !is_char(f, i + 2 * n->count - 1, '.'); // not a prefix of a longer name
}

// The chain at token i is an INTO (or GET DIAGNOSTICS) target: `INTO [STRICT] a, x.y`,
// `GET DIAGNOSTICS a = ROW_COUNT, x.y = ...`. Walks back over the earlier targets of the list.
static bool into_target(const Fixer *f, uint32_t i) {
  uint32_t j = i;
  for (int steps = 0; steps < 256 && j > 0; steps++) {
    j--;
    if (is_word(f, j, "into")) // not INSERT INTO or MERGE INTO: a table follows those
      return j == 0 || !(is_word(f, j - 1, "insert") || is_word(f, j - 1, "merge"));
    if (is_word(f, j, "strict") || is_word(f, j, "diagnostics"))
      return true;
    if (!is_char(f, j, ',') || j == 0)
      return false;
    j--; // the previous item: `name [. name]*`, or `target = item` in GET DIAGNOSTICS
    if (j >= 2 && is_name(f, j) && is_char(f, j - 1, '='))
      j -= 2;
    while (j >= 2 && is_name(f, j) && is_char(f, j - 1, '.'))
      j -= 2;
    if (!is_name(f, j))
      return false;
  }
  return false;
}

// Overwrites body bytes [from, to) of the statement with spaces, keeping line breaks.
static void blank(Fixer *f, uint32_t from, uint32_t to) {
  char *t = f->text + f->in->body;
  for (uint32_t k = from; k < to && k < f->in->body_len; k++) {
    if (t[k] != '\n' && t[k] != '\r')
      t[k] = ' ';
  }
}

// --- error messages -------------------------------------------------------------------------

// The text between `prefix` (at the start of msg) and `suffix` (at its end), into `buf`.
static bool between(const char *msg, const char *prefix, const char *suffix, char *buf,
                    size_t cap) {
  size_t ml = strlen(msg), pl = strlen(prefix), sl = strlen(suffix);
  if (ml < pl + sl || strncmp(msg, prefix, pl) != 0 || strcmp(msg + ml - sl, suffix) != 0)
    return false;
  size_t n = ml - pl - sl;
  if (n == 0 || n >= cap)
    return false;
  memcpy(buf, msg + pl, n);
  buf[n] = '\0';
  return true;
}

// "a.b.c" as libpg_query prints a name list (components unquoted, joined with '.').
static bool split_name(const char *s, Name *out) {
  out->count = 0;
  while (*s) {
    const char *dot = strchr(s, '.');
    size_t n = dot ? (size_t)(dot - s) : strlen(s);
    if (n == 0 || n >= NAME_CAP || out->count == MAX_PARTS)
      return false;
    memcpy(out->parts[out->count], s, n);
    out->parts[out->count++][n] = '\0';
    s += n + (dot ? 1 : 0);
    if (dot && !*s)
      return false;
  }
  return out->count > 0;
}

// `"NAME" is not a known variable`
static bool unknown_variable(const char *msg, Name *out) {
  char buf[MAX_PARTS * NAME_CAP];
  return between(msg, "\"", "\" is not a known variable", buf, sizeof buf) && split_name(buf, out);
}

// --- the rewrites -------------------------------------------------------------------------
// Each returns how many constructs it rewrote (0: the error is not one it knows).

// A bare `RETURN NEXT;` in a function with output parameters returns the current values of
// those parameters; libpg_query does not know them as such and wants an expression. A bare
// `RETURN;` it accepts stands in.
static uint32_t fix_return_next(Fixer *f) {
  uint32_t n = 0;
  if (!f->in->out_params)
    return 0;
  for (uint32_t i = 0; i + 2 < f->toks.count; i++) {
    if (is_word(f, i, "return") && is_word(f, i + 1, "next") && is_char(f, i + 2, ';')) {
      blank(f, tok(f, i + 1)->start, tok(f, i + 1)->end);
      n++;
    }
  }
  return n;
}

static bool is_label(const Fixer *f, const char *name) {
  if (f->in->name && strcmp(f->in->name, name) == 0)
    return true;
  for (uint32_t i = 0; i + 2 < f->toks.count; i++) {
    if (is_op(f, i, "<<") && name_is(f, i + 1, name) && is_op(f, i + 2, ">>"))
      return true;
  }
  return false;
}

// `v.field := x`, `SELECT ... INTO v.field`: libpg_query types every declared variable but
// one spelt RECORD as a scalar (and every parameter), which has no fields. The target becomes
// the variable itself (`blk.v.field`: `v`; a label qualifying a plain variable, `f.v`, is
// dropped too), for every field of that variable at once. PostgreSQL reports a field of a
// truly scalar variable; this does not.
static uint32_t fix_field_target(Fixer *f, const Name *name, char *kept_name, size_t cap) {
  if (name->count < 2)
    return 0;
  uint32_t keep = is_label(f, name->parts[0]) ? 1 : 0;
  snprintf(kept_name, cap, "%s", name->parts[keep]);
  uint32_t n = 0;
  for (uint32_t i = 0; i + 2 * keep < f->toks.count; i++) {
    bool prefix = name_is(f, i, name->parts[0]) &&
                  (keep == 0 || (is_char(f, i + 1, '.') && name_is(f, i + 2, name->parts[1])));
    if (!prefix || (i > 0 && is_char(f, i - 1, '.')))
      continue;
    uint32_t last = i + 2 * keep; // the last name of the chain
    while (is_char(f, last + 1, '.') && is_name(f, last + 2))
      last += 2;
    if (last == i) // the variable alone: nothing to rewrite
      continue;
    const TxSqlTok *after = tok(f, last + 1);
    bool assigned =
        starts_statement(f, i) && after &&
        (after->kind == TX_TOK_ASSIGN || is_char(f, last + 1, '=') || is_char(f, last + 1, '['));
    if (!assigned && !into_target(f, i))
      continue;
    const TxSqlTok *kept = tok(f, i + 2 * keep);
    blank(f, tok(f, i)->start, kept->start);
    blank(f, kept->end, tok(f, last)->end);
    n++;
  }
  return n;
}

// Index of the first `;` at or after token i, or the token count.
static uint32_t statement_end(const Fixer *f, uint32_t i) {
  while (i < f->toks.count && !is_char(f, i, ';'))
    i++;
  return i;
}

// OPEN, FETCH, MOVE and CLOSE want a variable of type refcursor, which libpg_query never
// makes. `OPEN c FOR query` becomes the query (so its statement is still read), the others
// the no-op NULL.
static uint32_t fix_cursor_statements(Fixer *f, const char *cursor) {
  static const char *const verbs[] = {"open", "fetch", "move", "close"};
  uint32_t n = 0;
  for (uint32_t i = 0; i < f->toks.count; i++) {
    bool verb = false;
    for (size_t v = 0; v < sizeof verbs / sizeof verbs[0]; v++)
      verb |= is_word(f, i, verbs[v]);
    if (!verb || !starts_statement(f, i))
      continue;
    uint32_t end = statement_end(f, i);
    bool names_it = false, open = is_word(f, i, "open");
    uint32_t for_kw = 0;
    for (uint32_t k = i + 1; k < end; k++) {
      names_it |= name_is(f, k, cursor);
      if (open && !for_kw && is_word(f, k, "for"))
        for_kw = k;
    }
    if (!names_it || end == f->toks.count)
      continue;
    if (for_kw && for_kw + 1 < end) {
      blank(f, tok(f, i)->start, tok(f, for_kw)->end);
    } else {
      blank(f, tok(f, i)->start, tok(f, end)->start);
      memcpy(f->text + f->in->body + tok(f, i)->start, "null", 4); // every verb has 4+ bytes
    }
    n++;
  }
  return n;
}

// `FOR r IN c [(args)] LOOP` over a declared cursor c reads as a query loop in libpg_query
// (c is no cursor to it), a syntax error. The header goes, leaving a plain LOOP with the
// same body.
static uint32_t fix_cursor_loops(Fixer *f, const char *cursor) {
  bool declared = false;
  for (uint32_t i = 0; i + 1 < f->toks.count && !declared; i++) {
    declared =
        name_is(f, i, cursor) &&
        (is_word(f, i + 1, "cursor") ||
         (is_word(f, i + 1, "scroll") && is_word(f, i + 2, "cursor")) ||
         (is_word(f, i + 1, "no") && is_word(f, i + 2, "scroll") && is_word(f, i + 3, "cursor")));
  }
  if (!declared)
    return 0;
  uint32_t n = 0;
  for (uint32_t i = 0; i + 4 < f->toks.count; i++) {
    if (!is_word(f, i, "for") || !is_name(f, i + 1) || !is_word(f, i + 2, "in") ||
        !name_is(f, i + 3, cursor))
      continue;
    uint32_t k = i + 4;
    if (is_char(f, k, '(')) {
      int depth = 0;
      for (; k < f->toks.count; k++) {
        depth += is_char(f, k, '(') ? 1 : is_char(f, k, ')') ? -1 : 0;
        if (depth == 0)
          break;
      }
      k++;
    }
    if (!is_word(f, k, "loop"))
      continue;
    blank(f, tok(f, i)->start, tok(f, k - 1)->end);
    n++;
  }
  return n;
}

// `d ALIAS FOR $1` names an unnamed parameter, which libpg_query does not register. The
// declaration becomes `d int`.
static uint32_t fix_alias(Fixer *f, const char *param) {
  uint32_t n = 0;
  for (uint32_t i = 0; i + 2 < f->toks.count; i++) {
    const TxSqlTok *p = tok(f, i + 2);
    if (!is_word(f, i, "alias") || !is_word(f, i + 1, "for") || p->kind != TX_TOK_PARAM ||
        p->end - p->start != strlen(param) || memcmp(f->body + p->start, param, strlen(param)) != 0)
      continue;
    blank(f, tok(f, i)->start, p->end);
    memcpy(f->text + f->in->body + p->end - 3, "int", 3); // "alias for $1" has 12+ bytes
    n++;
  }
  return n;
}

// `v text COLLATE "C"` in a DECLARE section: libpg_query's placeholder type has no
// collation. The clause goes (it changes no statement of the body).
static uint32_t fix_collate(Fixer *f) {
  uint32_t n = 0;
  bool in_declare = false;
  for (uint32_t i = 0; i < f->toks.count; i++) {
    if (is_word(f, i, "declare"))
      in_declare = true;
    else if (is_word(f, i, "begin"))
      in_declare = false;
    if (!in_declare || !is_word(f, i, "collate") || !is_name(f, i + 1))
      continue;
    uint32_t k = i + 1;
    while (is_char(f, k + 1, '.') && is_name(f, k + 2))
      k += 2;
    blank(f, tok(f, i)->start, tok(f, k)->end);
    n++;
  }
  return n;
}

// The rewrite for error `msg`, applied everywhere it fits. `kept` receives the variable a
// field rewrite kept (for the report when the retry then fails on it).
static uint32_t fix(Fixer *f, const char *msg, char *kept, size_t kept_cap) {
  char buf[NAME_CAP];
  Name name;
  kept[0] = '\0';
  if (strcmp(msg, "missing expression at or near \";\"") == 0)
    return fix_return_next(f);
  if (unknown_variable(msg, &name)) {
    uint32_t n = fix_field_target(f, &name, kept, kept_cap);
    if (!n)
      kept[0] = '\0';
    return n;
  }
  if (between(msg, "variable \"", "\" must be of type cursor or refcursor", buf, sizeof buf))
    return fix_cursor_statements(f, buf);
  if (between(msg, "syntax error at or near \"", "\"", buf, sizeof buf)) {
    for (char *ch = buf; *ch; ch++) // the token as written; a declared name is folded
      *ch = tx_sql_fold(*ch);
    return fix_cursor_loops(f, buf);
  }
  if (between(msg, "variable \"", "\" does not exist", buf, sizeof buf) && buf[0] == '$')
    return fix_alias(f, buf);
  static const char collations[] = "collations are not supported by type";
  if (strncmp(msg, collations, sizeof collations - 1) == 0)
    return fix_collate(f);
  return 0;
}

// --- error position -----------------------------------------------------------------------

// Where in the statement an error of the body is. libpg_query gives no position for them,
// only "near line N" of the body in the error context: the line of the statement being read
// or of the last one read before, at or before the error. The error's own token (`at or near
// "x"`, the name of an unknown variable) is looked for from there; failing that, the line's
// first token.
static uint32_t error_position(const Fixer *f, const char *msg, const char *context) {
  const char *near = context ? strstr(context, "near line ") : NULL;
  long line = near ? strtol(near + 10, NULL, 10) : 0;
  if (line < 1)
    return UINT32_MAX;
  uint32_t from = 0;
  for (long l = 1; l < line && from < f->in->body_len; from++) {
    if (f->body[from] == '\n')
      l++;
  }
  char want[NAME_CAP];
  Name name;
  const char *near_tok = strstr(msg, " at or near \"");
  bool by_text = near_tok && between(near_tok, " at or near \"", "\"", want, sizeof want);
  bool by_name = !by_text && unknown_variable(msg, &name);
  uint32_t first = UINT32_MAX;
  for (uint32_t i = 0; i < f->toks.count; i++) {
    const TxSqlTok *t = tok(f, i);
    if (t->start < from)
      continue;
    if (first == UINT32_MAX)
      first = t->start;
    if ((by_text && t->end - t->start == strlen(want) &&
         memcmp(f->body + t->start, want, t->end - t->start) == 0) ||
        (by_name && chain_at(f, i, &name)))
      return f->in->body + t->start;
  }
  return f->in->body + (first != UINT32_MAX ? first : from);
}

// --- entry --------------------------------------------------------------------------------

static void set_error(TxPlpgsqlOut *out, const char *msg, uint32_t at, int cursorpos) {
  out->error = tx_xmalloc(strlen(msg) + 1);
  memcpy(out->error, msg, strlen(msg) + 1);
  out->error_at = at;
  out->cursorpos = cursorpos;
}

void tx_plpgsql_parse(const TxPlpgsqlIn *in, TxPlpgsqlOut *out) {
  memset(out, 0, sizeof *out);
  out->error_at = UINT32_MAX;
  bool located = in->body != UINT32_MAX && in->body_len <= in->stmt_len &&
                 in->body <= in->stmt_len - in->body_len;
  Fixer f = {in,
             tx_xmalloc((size_t)in->stmt_len + 1),
             tx_xmalloc((size_t)(located ? in->body_len : 0) + 1),
             {0}};
  memcpy(f.text, in->stmt, (size_t)in->stmt_len + 1);
  char *prev = NULL; // the error a field rewrite answered, and where it was
  uint32_t prev_at = UINT32_MAX;
  char kept[NAME_CAP] = "", prev_kept[NAME_CAP] = "";
  for (uint32_t attempt = 1;; attempt++) {
    PgQueryPlpgsqlParseResult r = pg_query_parse_plpgsql(f.text);
    if (!r.error) {
      out->json = r.plpgsql_funcs; // malloc'd by libpg_query; now ours
      r.plpgsql_funcs = NULL;
      pg_query_free_plpgsql_parse_result(r);
      break;
    }
    const PgQueryError *e = r.error;
    const char *msg = e->message ? e->message : "unknown error";
    bool scanned = located && e->cursorpos == 0 && rescan(&f);
    uint32_t at = scanned ? error_position(&f, msg, e->context) : UINT32_MAX;
    bool again = attempt < MAX_ATTEMPTS && (uint64_t)attempt * in->stmt_len <= REPARSE_BYTES;
    uint32_t fixed = scanned && again ? fix(&f, msg, kept, sizeof kept) : 0;
    if (!fixed) {
      Name n;
      // A field rewrite kept a variable that is not one: report the field, as PostgreSQL would.
      if (prev && unknown_variable(msg, &n) && n.count == 1 && strcmp(n.parts[0], prev_kept) == 0)
        set_error(out, prev, prev_at, 0);
      else
        set_error(out, msg, at, e->cursorpos);
      pg_query_free_plpgsql_parse_result(r);
      break;
    }
    out->rewrites += fixed;
    free(prev);
    prev = NULL;
    if (kept[0]) {
      prev = tx_xmalloc(strlen(msg) + 1);
      memcpy(prev, msg, strlen(msg) + 1);
      prev_at = at;
      memcpy(prev_kept, kept, sizeof kept);
    }
    pg_query_free_plpgsql_parse_result(r);
  }
  free(prev);
  free(f.text);
  free(f.body);
  TX_ARRAY_FREE(&f.toks);
}

void tx_plpgsql_out_free(TxPlpgsqlOut *out) {
  free(out->json);
  free(out->error);
  out->json = out->error = NULL;
}
