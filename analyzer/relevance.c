// relevance.c: the byte scan for seed tokens and module specifiers, and the reachability
// over the import graph that decides which files are parsed (see relevance.h).
//
// Why each token (a token is something every occurrence of the construct must contain, so
// a file without any of them cannot hold the construct):
// - "supabase" in any case: clients, their types and injected services are recognised by
//   that name (front_ts/ts_chain.c, ts_clients.c);
// - `.from` called and `rpc` as a word: a database chain has a method named `from` or `rpc`
//   (ts_calls.c, may_be_chain); a builder variable comes from such a chain in the same file.
//   A chain's link is a call of a member expression, so `from` must be followed (blanks and
//   comments between) by its arguments, type arguments, a template or `?.`; and a `from` on
//   `this`, `super` or the standard library's classes (`Array.from`, `Buffer.from`:
//   tx_std_from_receiver) is never a chain's client;
// - each client factory (TxConfig.client_factories);
// - "txlint": suppression comments (`txlint-ignore`, ir/suppress.c);
// - "Database": generated Supabase types declare `Database` (front_ts/ts_types.c).
// Effect calls are no seeds: the rules read them (effect-before-idempotency,
// idempotency-result-ignored) only in a function that writes or checks an idempotency
// marker, which takes a database chain or an rpc: in a seed, or in a file reaching one. The
// effects such a function causes are its own or its callees', in files it reaches.
// Everything else a rule reads across files goes through an import, which the graph follows.
#include "relevance.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "base/array.h"
#include "ir/patterns.h"
#include "link/resolve.h"

enum {
  TOKEN_MAX = 128,  // a token longer than this is cut (a shorter prefix is still necessary)
  SPEC_MAX = 1024,  // a longer module specifier is not a path any resolver takes
  COMMENT_SKIP = 8, // comments skipped between a keyword and its string
  WORD_SUBSTR = 0,  // the token anywhere
  WORD_WHOLE = 1,   // as a whole word
  WORD_LINK = 2,    // as a whole word after a '.', called: a chain's link (see above)
};

typedef struct Token {
  char text[TOKEN_MAX];
  uint32_t len;
  int mode;
} Token;

typedef struct Specs {
  char *blob; // NUL-separated specifiers
  uint32_t count;
} Specs;

struct TxRelevance {
  TX_ARRAY(Token) tokens;
  uint32_t file_count;
  uint8_t *state; // per file: 0 not scanned, 1 scanned, 2 seed
  Specs *specs;
  bool *matters;
  atomic_uint scanned;
};

static bool ident_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$';
}

static void add_token(TxRelevance *rel, const char *s, size_t n, int mode) {
  if (n == 0)
    return;
  Token t = {{0}, 0, mode};
  t.len = (uint32_t)(n < TOKEN_MAX ? n : TOKEN_MAX);
  memcpy(t.text, s, t.len);
  for (uint32_t i = 0; i < t.len; i++) {
    if (!ident_char((unsigned char)t.text[i]))
      t.mode = WORD_SUBSTR; // boundaries are only defined for identifier text
  }
  if (t.len < n)
    t.mode = WORD_SUBSTR; // cut short: the rest of the word follows
  TX_ARRAY_PUSH(&rel->tokens, t);
}

TxRelevance *tx_relevance_new(const TxConfig *cfg, uint32_t file_count) {
  TxRelevance *rel = tx_xcalloc(1, sizeof *rel);
  rel->file_count = file_count;
  rel->state = tx_xcalloc(file_count + 1, 1);
  rel->specs = tx_xcalloc(file_count + 1, sizeof *rel->specs);
  rel->matters = tx_xcalloc(file_count + 1, sizeof *rel->matters);
  add_token(rel, "from", 4, WORD_LINK);
  add_token(rel, "rpc", 3, WORD_WHOLE);
  add_token(rel, "txlint", 6, WORD_SUBSTR);
  add_token(rel, "Database", 8, WORD_SUBSTR);
  for (uint32_t i = 0; i < cfg->client_factories.count; i++)
    add_token(rel, cfg->client_factories.items[i].ptr, cfg->client_factories.items[i].len,
              WORD_SUBSTR);
  return rel;
}

void tx_relevance_free(TxRelevance *rel) {
  if (!rel)
    return;
  for (uint32_t i = 0; i < rel->file_count; i++)
    free(rel->specs[i].blob);
  free(rel->specs);
  free(rel->state);
  free(rel->matters);
  TX_ARRAY_FREE(&rel->tokens);
  free(rel);
}

static bool blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Whether the `from` at text[at], after the '.' or the end of a comment at text[dot], can be
// a chain's link: called (`from(`, `from<T>(`, `from\`...\``, `from?.(`; a comment after it
// leaves that possible), on a client that is not `this`, `super` or a standard library class.
// Every step reads a run of blanks or a name next to the token, so a scan stays linear.
static bool from_may_link(const char *text, uint32_t len, uint32_t at, uint32_t dot) {
  uint32_t after = at + 4;
  while (after < len && blank(text[after]))
    after++;
  char c = ';';
  if (after < len)
    c = text[after];
  if (c != '(' && c != '<' && c != '`' && c != '?' && c != '/')
    return false;
  if (text[dot] != '.')
    return true; // `x./* why */from(`: the client is not read
  uint32_t e = dot;
  if (e > 0 && text[e - 1] == '?') // `x?.from(`
    e--;
  while (e > 0 && blank(text[e - 1]))
    e--;
  uint32_t b = e;
  while (b > 0 && ident_char((unsigned char)text[b - 1]))
    b--;
  if (b == e || (b > 0 && ((unsigned char)text[b - 1] >= 0x80 || text[b - 1] == '\\')))
    return true; // `f().from(`, `(x).from(`, `a[0].from(`, `éArray.from(`: any client
  uint32_t before = b;
  while (before > 0 && blank(text[before - 1]))
    before--;
  bool spread = before >= 3 && memcmp(text + before - 3, "...", 3) == 0;
  if (before > 0 && !spread &&
      (text[before - 1] == '.' || text[before - 1] == '#' || text[before - 1] == '/'))
    return true; // a member (`x.Array.from(`), or a comment before the name
  TxStr recv = tx_str_n(text + b, e - b);
  return !tx_str_eq_c(recv, "this") && !tx_str_eq_c(recv, "super") && !tx_std_from_receiver(recv);
}

// Whether the token found at text[at] stands as `mode` asks.
static bool token_fits(const char *text, uint32_t len, uint32_t at, const Token *t) {
  if (t->mode == WORD_SUBSTR)
    return true;
  if (at > 0 && ident_char((unsigned char)text[at - 1]))
    return false;
  if (at + t->len < len && ident_char((unsigned char)text[at + t->len]))
    return false;
  if (t->mode == WORD_WHOLE)
    return true;
  uint32_t i = at;
  while (i > 0 && blank(text[i - 1]))
    i--;
  // A '/' before it may end a comment between the dot and the name: taken as a dot.
  if (i == 0 || (text[i - 1] != '.' && text[i - 1] != '/'))
    return false;
  return from_may_link(text, len, at, i - 1);
}

static bool has_token(const char *text, uint32_t len, const Token *t) {
  const char *p = text, *end = text + len;
  while ((size_t)(end - p) >= t->len) {
    const char *hit = memmem(p, (size_t)(end - p), t->text, t->len);
    if (!hit)
      return false;
    if (token_fits(text, len, (uint32_t)(hit - text), t))
      return true;
    p = hit + 1;
  }
  return false;
}

// "supabase" in any mix of cases.
static bool has_supabase(const char *text, uint32_t len) {
  static const char word[] = "supabase";
  for (uint32_t i = 0; i + 8 <= len; i++) {
    if ((text[i + 4] | 0x20) != 'b')
      continue;
    uint32_t k = 0;
    while (k < 8 && (text[i + k] | 0x20) == word[k])
      k++;
    if (k == 8)
      return true;
  }
  return false;
}

bool tx_relevance_is_seed(const TxRelevance *rel, const char *text, uint32_t len) {
  if (has_supabase(text, len))
    return true;
  for (uint32_t i = 0; i < rel->tokens.count; i++) {
    if (has_token(text, len, &rel->tokens.items[i]))
      return true;
  }
  return false;
}

// Skips blanks, '(' and up to COMMENT_SKIP comments from text[i].
static uint32_t skip_to_string(const char *text, uint32_t len, uint32_t i) {
  for (int comments = 0; i < len;) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(') {
      i++;
    } else if (c == '/' && i + 1 < len && text[i + 1] == '/' && comments++ < COMMENT_SKIP) {
      while (i < len && text[i] != '\n')
        i++;
    } else if (c == '/' && i + 1 < len && text[i + 1] == '*' && comments++ < COMMENT_SKIP) {
      const char *close = memmem(text + i + 2, len - i - 2, "*/", 2);
      i = close ? (uint32_t)(close - text) + 2 : len;
    } else {
      break;
    }
  }
  return i;
}

static void add_spec(Specs *s, size_t *cap, size_t *used, const char *p, uint32_t n) {
  if (*used + n + 1 > *cap) {
    *cap = (*cap + n + 1) * 2;
    s->blob = tx_xrealloc(s->blob, *cap);
  }
  memcpy(s->blob + *used, p, n);
  s->blob[*used + n] = '\0';
  *used += n + 1;
  s->count++;
}

// The static string after each `from`, `require` and `import` keyword (as whole words).
static void scan_specs(Specs *s, const char *text, uint32_t len) {
  static const Token keys[] = {
      {"from", 4, WORD_WHOLE}, {"require", 7, WORD_WHOLE}, {"import", 6, WORD_WHOLE}};
  size_t cap = 0, used = 0;
  for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
    const char *p = text, *end = text + len;
    while ((size_t)(end - p) >= keys[k].len) {
      const char *hit = memmem(p, (size_t)(end - p), keys[k].text, keys[k].len);
      if (!hit)
        break;
      uint32_t at = (uint32_t)(hit - text);
      p = hit + 1;
      if (!token_fits(text, len, at, &keys[k]))
        continue;
      uint32_t i = skip_to_string(text, len, at + keys[k].len);
      if (i >= len || (text[i] != '\'' && text[i] != '"' && text[i] != '`'))
        continue;
      char q = text[i];
      uint32_t start = ++i;
      while (i < len && text[i] != q && text[i] != '\\' && text[i] != '\n' &&
             i - start < SPEC_MAX &&
             !(q == '`' && text[i] == '$' && i + 1 < len && text[i + 1] == '{'))
        i++;
      if (i < len && text[i] == q && i > start)
        add_spec(s, &cap, &used, text + start, i - start);
    }
  }
}

bool tx_relevance_scan(TxRelevance *rel, uint32_t file, const char *text, uint32_t len,
                       bool named) {
  if (file >= rel->file_count)
    return true;
  atomic_fetch_add(&rel->scanned, 1);
  bool seed = named || tx_relevance_is_seed(rel, text, len);
  rel->state[file] = seed ? 2 : 1;
  if (!seed)
    scan_specs(&rel->specs[file], text, len);
  return seed;
}

// Each specifier hashed with the hash so far as its seed: order and boundaries count.
static uint64_t hash_spec(uint64_t h, TxStr spec) {
  return XXH3_64bits_withSeed(spec.ptr, spec.len, h * 31u + spec.len + 1u);
}

uint64_t tx_relevance_edges_hash(const TxRelevance *rel, uint32_t file, const TxFile *f) {
  if (file >= rel->file_count || rel->state[file] == 0)
    return 0;
  uint64_t h = rel->state[file];
  if (rel->state[file] == 2) {
    for (uint32_t k = 0; k < f->import_count; k++)
      h = hash_spec(h, f->imports[k].from);
    for (uint32_t k = 0; k < f->export_count; k++) {
      if (f->exports[k].from.len)
        h = hash_spec(h, f->exports[k].from);
    }
  } else {
    const char *s = rel->specs[file].blob;
    for (uint32_t k = 0; k < rel->specs[file].count; k++, s += strlen(s) + 1)
      h = hash_spec(h, tx_str(s));
  }
  return h;
}

uint8_t tx_relevance_state(const TxRelevance *rel, uint32_t file) {
  return file < rel->file_count ? rel->state[file] : 0;
}

bool tx_relevance_matters(const TxRelevance *rel, uint32_t file) {
  return file < rel->file_count && rel->matters[file];
}

uint32_t tx_relevance_scanned(const TxRelevance *rel) {
  return atomic_load(&rel->scanned);
}

bool tx_relevance_pending(const TxRelevance *rel, uint32_t file) {
  return file < rel->file_count && rel->state[file] == 1;
}

typedef struct Edge {
  uint32_t from, to;
} Edge;
typedef TX_ARRAY(Edge) EdgeArray;

static void add_edge(EdgeArray *edges, const TxResolver *r, const TxFile *f, TxStr spec) {
  uint32_t to = tx_resolve_module(r, f, spec);
  if (to != TX_NONE && to != f->id) {
    Edge e = {f->id, to};
    TX_ARRAY_PUSH(edges, e);
  }
}

// Compressed adjacency of `edges` by `from` (forward) or by `to` (backward): the neighbours of
// node i are adj[start[i] .. start[i + 1]).
static void adjacency(const Edge *edges, uint32_t n_edges, uint32_t nodes, bool forward,
                      uint32_t **start_out, uint32_t **adj_out) {
  uint32_t *start = tx_xcalloc((size_t)nodes + 2, sizeof *start);
  uint32_t *adj = tx_xmalloc(((size_t)n_edges + 1) * sizeof *adj);
  for (uint32_t i = 0; i < n_edges; i++)
    start[(forward ? edges[i].from : edges[i].to) + 2]++;
  for (uint32_t i = 2; i < nodes + 2; i++)
    start[i] += start[i - 1];
  for (uint32_t i = 0; i < n_edges; i++) {
    uint32_t at = forward ? edges[i].from : edges[i].to;
    adj[start[at + 1]++] = forward ? edges[i].to : edges[i].from;
  }
  *start_out = start;
  *adj_out = adj;
}

// Marks in `seen` every node reachable from the nodes already marked, over `start`/`adj`.
static void reach(bool *seen, uint32_t nodes, const uint32_t *start, const uint32_t *adj) {
  uint32_t *stack = tx_xmalloc(((size_t)nodes + 1) * sizeof *stack);
  uint32_t top = 0;
  for (uint32_t i = 0; i < nodes; i++) {
    if (seen[i])
      stack[top++] = i;
  }
  while (top > 0) {
    uint32_t at = stack[--top];
    for (uint32_t k = start[at]; k < start[at + 1]; k++) {
      if (!seen[adj[k]]) {
        seen[adj[k]] = true;
        stack[top++] = adj[k];
      }
    }
  }
  free(stack);
}

const bool *tx_relevance_closure(TxRelevance *rel, const TxProgram *p, uint32_t *count) {
  uint32_t nodes = p->file_count < rel->file_count ? p->file_count : rel->file_count;
  TxResolver *r = tx_resolver_new(p);
  EdgeArray edges = {0};
  for (uint32_t i = 0; i < nodes; i++) {
    const TxFile *f = p->files[i];
    if (rel->state[i] == 2) {
      for (uint32_t k = 0; k < f->import_count; k++)
        add_edge(&edges, r, f, f->imports[k].from);
      for (uint32_t k = 0; k < f->export_count; k++) {
        if (f->exports[k].from.len)
          add_edge(&edges, r, f, f->exports[k].from);
      }
    } else if (rel->state[i] == 1) {
      const char *s = rel->specs[i].blob;
      for (uint32_t k = 0; k < rel->specs[i].count; k++, s += strlen(s) + 1)
        add_edge(&edges, r, f, tx_str(s));
    }
  }
  tx_resolver_free(r);
  uint32_t *fstart, *fadj, *bstart, *badj;
  adjacency(edges.items, edges.count, nodes, true, &fstart, &fadj);
  adjacency(edges.items, edges.count, nodes, false, &bstart, &badj);
  TX_ARRAY_FREE(&edges);
  // The seeds and every file that reaches one (its functions may call into them), then every
  // file those reach (their functions, callbacks, clients and re-exports are followed).
  for (uint32_t i = 0; i < nodes; i++)
    rel->matters[i] = rel->state[i] == 2;
  reach(rel->matters, nodes, bstart, badj);
  reach(rel->matters, nodes, fstart, fadj);
  free(fstart);
  free(fadj);
  free(bstart);
  free(badj);
  uint32_t n = 0;
  for (uint32_t i = 0; i < nodes; i++) {
    rel->matters[i] = rel->matters[i] && rel->state[i] != 0;
    n += rel->matters[i];
  }
  *count = n;
  return rel->matters;
}
