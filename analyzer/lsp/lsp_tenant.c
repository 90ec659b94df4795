// lsp_tenant.c: finds the tenant-filter quick fix's value (lsp_tenant.h) by reading the
// enclosing functions' text up to the chain: a bounded, single-pass scan that skips strings
// and comments and looks at identifiers named like a tenant column.
#include "lsp_tenant.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

enum { MAX_CANDIDATES = 8, MAX_SCAN = 1 << 20 }; // a longer function is not scanned

typedef struct Candidate {
  TxStr name;
  bool from_body;
} Candidate;

typedef struct Scan {
  const char *t;
  uint32_t start, end; // the function's text up to the chain
  uint32_t params_open, params_close;
  Candidate found[MAX_CANDIDATES];
  uint32_t count;
} Scan;

static bool ident_start(char c) {
  return isalpha((unsigned char)c) || c == '_' || c == '$';
}
static bool ident_char(char c) {
  return isalnum((unsigned char)c) || c == '_' || c == '$';
}

// `name` without case and underscores equals `col`'s ("orgId" and "org_id").
static bool same_name(TxStr name, TxStr col) {
  uint32_t i = 0, k = 0;
  for (;;) {
    while (i < name.len && name.ptr[i] == '_')
      i++;
    while (k < col.len && col.ptr[k] == '_')
      k++;
    if (i == name.len || k == col.len)
      return i == name.len && k == col.len;
    if (tolower((unsigned char)name.ptr[i++]) != tolower((unsigned char)col.ptr[k++]))
      return false;
  }
}

static const TxStr *tenant_name(const TxProgram *p, TxStr name) {
  const TxStrList *names = &p->config->tenant_columns;
  for (uint32_t i = 0; i < names->count; i++) {
    if (same_name(name, names->items[i]))
      return &names->items[i];
  }
  return NULL;
}

// Skips a string, template or comment starting at t[i]; returns the index after it, or i.
static uint32_t skip_literal(const char *t, uint32_t i, uint32_t end) {
  char c = t[i];
  if (c == '/' && i + 1 < end && t[i + 1] == '/') {
    while (i < end && t[i] != '\n')
      i++;
    return i;
  }
  if (c == '/' && i + 1 < end && t[i + 1] == '*') {
    for (i += 2; i + 1 < end && !(t[i] == '*' && t[i + 1] == '/'); i++)
      ;
    return i + 2 < end ? i + 2 : end;
  }
  if (c != '\'' && c != '"' && c != '`')
    return i;
  for (i++; i < end && t[i] != c; i++) {
    if (t[i] == '\\')
      i++;
  }
  return i < end ? i + 1 : end;
}

// The statement around t[at]: from after the last ';', '{', '}' or line end before it.
static uint32_t statement_start(const Scan *s, uint32_t at) {
  while (at > s->start && !strchr(";{}\n", s->t[at - 1]))
    at--;
  return at;
}

static bool starts_with_word(const char *t, uint32_t i, uint32_t end, const char *w) {
  size_t n = strlen(w);
  return i + n < end && strncmp(t + i, w, n) == 0 && !ident_char(t[i + n]);
}

// Whether identifier t[at, at+len) is declared here (a parameter, or a name bound by a
// const/let/var statement before its '='); sets *from_body for a local whose initialiser
// reads the request body.
static bool declared(const Scan *s, uint32_t at, uint32_t len, bool *from_body) {
  const char *t = s->t;
  *from_body = false;
  if (at > s->params_open && at < s->params_close)
    return true;
  // A destructuring pattern spans lines and braces: look back past '{' and ',' to the keyword.
  uint32_t st = at;
  for (int hops = 0; hops < 8; hops++) {
    st = statement_start(s, st);
    uint32_t i = st;
    while (i < at && isspace((unsigned char)t[i]))
      i++;
    if (starts_with_word(t, i, at, "export"))
      for (i += 6; i < at && isspace((unsigned char)t[i]); i++)
        ;
    if (starts_with_word(t, i, at, "const") || starts_with_word(t, i, at, "let") ||
        starts_with_word(t, i, at, "var"))
      break;
    if (st <= s->start || !strchr("{\n", t[st - 1]))
      return false;
    st--; // through the '{' or line break of a pattern
  }
  for (uint32_t i = st; i < at; i++) {
    if (t[i] == '=' && (i + 1 >= at || t[i + 1] != '>'))
      return false; // after the '=': a use in the initialiser
  }
  uint32_t i = at + len, stop;
  while (i < s->end && t[i] != '=')
    i++;
  for (stop = i; stop < s->end && t[stop] != ';' && t[stop] != '\n'; stop++)
    ;
  TxStr init = {t + i, stop - i};
  *from_body = tx_str_contains(init, "body") || tx_str_contains(init, ".json(") ||
               tx_str_contains(init, "formData(");
  return i < s->end;
}

static void add(Scan *s, TxStr name, bool from_body) {
  for (uint32_t k = 0; k < s->count; k++) {
    if (tx_str_eq(s->found[k].name, name)) {
      s->found[k].from_body |= from_body;
      return;
    }
  }
  if (s->count < MAX_CANDIDATES)
    s->found[s->count++] = (Candidate){name, from_body};
}

// The first parenthesised list of the function: its parameters.
static void find_params(Scan *s) {
  s->params_open = s->params_close = 0;
  uint32_t depth = 0;
  for (uint32_t i = s->start; i < s->end; i++) {
    uint32_t j = skip_literal(s->t, i, s->end);
    if (j != i) {
      i = j - 1;
      continue;
    }
    if (s->t[i] == '(' && depth++ == 0)
      s->params_open = i;
    else if (s->t[i] == ')' && depth && --depth == 0) {
      s->params_close = i;
      return;
    } else if (depth == 0 && (s->t[i] == '{' || s->t[i] == '='))
      return; // `x => ...`: no list
  }
}

static void scan_function(Scan *s, const TxProgram *p) {
  find_params(s);
  const char *t = s->t;
  for (uint32_t i = s->start; i < s->end;) {
    uint32_t j = skip_literal(t, i, s->end);
    if (j != i) {
      i = j;
      continue;
    }
    if (!ident_start(t[i]) || (i > s->start && ident_char(t[i - 1]))) {
      i++;
      continue;
    }
    uint32_t k = i;
    while (k < s->end && ident_char(t[k]))
      k++;
    TxStr name = {t + i, k - i};
    uint32_t prev = i;
    while (prev > s->start && isspace((unsigned char)t[prev - 1]))
      prev--;
    bool member = prev > s->start && t[prev - 1] == '.';
    bool from_body;
    if (!member && tenant_name(p, name) && declared(s, i, k - i, &from_body))
      add(s, name, from_body);
    i = k;
  }
}

bool tx_lsp_tenant_fix(const TxProgram *p, const TxFile *f, const TxFact *fact, TxTenantFix *fix) {
  const char *text = tx_source_text(&f->src);
  if (!text || fact->origin != TX_ORIGIN_TS || fact->fn >= f->function_count)
    return false;
  Scan s = {.t = text, .count = 0};
  for (uint32_t fn = fact->fn, hops = 0; fn < f->function_count && hops < 64;
       fn = f->functions[fn].parent, hops++) {
    const TxFunction *func = &f->functions[fn];
    s.start = func->span.start;
    s.end = fact->span.start < func->span.end ? fact->span.start : func->span.end;
    if (s.end > f->src.len || s.start >= s.end || s.end - s.start > MAX_SCAN)
      continue;
    scan_function(&s, p);
  }
  const Candidate *one = NULL;
  for (uint32_t k = 0; k < s.count; k++) {
    if (s.found[k].from_body)
      continue;
    if (one)
      return false; // two plausible values: the user chooses
    one = &s.found[k];
  }
  if (!one || one->name.len >= sizeof fix->value)
    return false;
  bool known;
  TxStr col = tx_program_tenant_column(p, fact->schema, fact->table, &known);
  if (!col.len)
    col = *tenant_name(p, one->name);
  if (col.len >= sizeof fix->column)
    return false;
  snprintf(fix->column, sizeof fix->column, "%.*s", TX_STR_ARG(col));
  snprintf(fix->value, sizeof fix->value, "%.*s", TX_STR_ARG(one->name));
  return true;
}
