// fixture_runner.c: runs one rule over its fixtures and compares the findings with the
// expectations written inline in the fixtures (README "Tests").
//
//   usage: fixture_runner RULE_DIR     (RULE_DIR = testdata/rules/<rule-id>)
//
// Each entry of RULE_DIR is a case: a source file, or a folder analysed as one project
// (its .txlint.yml applies). Markers, in `//` or `--` comments:
//   code();   // expect: rule-id            the finding is on this line
//   // expect: rule-id                      alone: on the next line without a marker
//   // expect: 7 rule-id "has no filter"    pinned column and message substring
//   // expect: a, b                         two findings (markers stack too)
//   // expect: rule-id note "policy"         the finding's level (error, warning, note)
//   // todo-expect: rule-id                 a known miss: fails once it is reported
//   write(); // related: rule-id "write 2"  a related location of a finding is on this line
//   mark();  // flow: rule-id 3 "marker"    step 3 (from 1) of a finding's code flow is here
// `related:` and `flow:` take the same [col] and "message" as `expect:` (the message is the
// related location's or step's); a flow marker must give its step number after the rule id.
// The match is exact: every finding expected, every expectation found; every related
// location and flow step of the rule's findings is marked, and every such marker marks one
// (a marker may serve several findings: two findings can share a related line). Extraction
// keeps only the kinds of calls the rule declares it reads (TxRule.reads), so its cases also
// check that declaration.
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config/config_file.h"
#include "driver.h"
#include "rules/rule.h"
#include "source/source.h"

typedef enum MarkKind {
  MARK_EXPECT,  // a finding
  MARK_RELATED, // a related location of a finding
  MARK_FLOW,    // a code-flow step of a finding
} MarkKind;

static const char *const mark_words[] = {"expect:", "related:", "flow:"};

typedef struct Expect {
  char file[PATH_MAX]; // shown path (relative to the case root)
  uint32_t line;
  uint32_t col; // 0: any
  char rule[64];
  char message[256]; // substring; empty: any
  TxSeverity level;  // MARK_EXPECT: the finding's level; TX_SEV_NONE: any
  MarkKind kind;
  uint32_t step; // MARK_FLOW: the step number, from 1 (0: none was written)
  bool todo;
  bool matched;
} Expect;

typedef TX_ARRAY(Expect) Expects;

// The first marker word in [p, end): its kind and start; NULL when there is none.
static const char *find_mark(const char *p, const char *end, MarkKind *kind) {
  const char *best = NULL;
  for (int k = 0; k < 3; k++) {
    const char *hit = memmem(p, (size_t)(end - p), mark_words[k], strlen(mark_words[k]));
    if (hit && (!best || hit < best)) {
      best = hit;
      *kind = (MarkKind)k;
    }
  }
  return best;
}

static bool is_blank_or_marker(const char *line, size_t n) {
  size_t i = 0;
  while (i < n && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
    i++;
  if (i == n)
    return true;
  MarkKind kind;
  return (n - i >= 2 &&
          ((line[i] == '/' && line[i + 1] == '/') || (line[i] == '-' && line[i + 1] == '-'))) &&
         find_mark(line + i, line + n, &kind) != NULL;
}

// Parses "[col] rule [step] [\"msg\"], ..." after a marker of `kind` into `out`, all for
// `line` (the step number only for MARK_FLOW).
static void parse_items(const char *p, const char *end, const char *file, uint32_t line,
                        MarkKind kind, bool todo, Expects *out) {
  while (p < end) {
    while (p < end && (*p == ' ' || *p == ',' || *p == '\t'))
      p++;
    if (p >= end || *p == '*' || *p == '\r')
      break;
    Expect e;
    memset(&e, 0, sizeof e);
    snprintf(e.file, sizeof e.file, "%s", file);
    e.line = line;
    e.kind = kind;
    e.todo = todo;
    if (*p >= '0' && *p <= '9') {
      char *after;
      e.col = (uint32_t)strtoul(p, &after, 10);
      p = after;
      while (p < end && *p == ' ')
        p++;
    }
    const char *w = p;
    while (p < end && (*p == '-' || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
      p++;
    if (p == w)
      break;
    snprintf(e.rule, sizeof e.rule, "%.*s", (int)(p - w), w);
    while (p < end && *p == ' ')
      p++;
    if (kind == MARK_FLOW && p < end && *p >= '0' && *p <= '9') {
      char *after;
      e.step = (uint32_t)strtoul(p, &after, 10);
      p = after;
      while (p < end && *p == ' ')
        p++;
    }
    static const char *const levels[] = {"error", "warning", "note"};
    for (int l = 0; l < 3; l++) {
      size_t n = strlen(levels[l]);
      if ((size_t)(end - p) >= n && memcmp(p, levels[l], n) == 0 &&
          (p + n == end ||
           !(p[n] == '-' || (p[n] >= 'a' && p[n] <= 'z') || (p[n] >= '0' && p[n] <= '9')))) {
        tx_severity_parse(levels[l], &e.level);
        p += n;
        while (p < end && *p == ' ')
          p++;
      }
    }
    if (p < end && *p == '"') {
      const char *m = ++p;
      while (p < end && *p != '"')
        p++;
      snprintf(e.message, sizeof e.message, "%.*s", (int)(p - m), m);
      if (p < end)
        p++;
    }
    TX_ARRAY_PUSH(out, e);
  }
}

static void read_expectations(const char *abs, const char *shown, Expects *out) {
  FILE *f = fopen(abs, "rb");
  if (!f)
    return;
  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  uint32_t lineno = 0;
  Expects pending = {0}; // markers alone on their line, waiting for the next code line
  while ((n = getline(&line, &cap, f)) >= 0) {
    lineno++;
    const char *stop = line + n;
    bool marker_only = is_blank_or_marker(line, (size_t)n);
    MarkKind kind;
    if (!marker_only && n > 1) { // a code line: the markers above it are about it
      for (uint32_t i = 0; i < pending.count; i++) {
        pending.items[i].line = lineno;
        TX_ARRAY_PUSH(out, pending.items[i]);
      }
      pending.count = 0;
    }
    for (const char *p = find_mark(line, stop, &kind); p;) {
      bool todo = kind == MARK_EXPECT && p - line >= 5 && memcmp(p - 5, "todo-", 5) == 0;
      const char *start = p + strlen(mark_words[kind]);
      MarkKind next_kind;
      const char *next = find_mark(start, stop, &next_kind);
      const char *item_end = next ? next : stop;
      if (next && next_kind == MARK_EXPECT && next - start >= 5 &&
          memcmp(next - 5, "todo-", 5) == 0)
        item_end -= 5;
      parse_items(start, item_end, shown, lineno, kind, todo, marker_only ? &pending : out);
      p = next;
      kind = next_kind;
    }
  }
  for (uint32_t i = 0; i < pending.count; i++)
    fprintf(stderr, "%s: marker at the end of the file covers no line\n", shown);
  TX_ARRAY_FREE(&pending);
  free(line);
  fclose(f);
}

// Collects expectations from every source file below `dir` (or the file itself).
static void collect(const char *abs, const char *shown, Expects *out) {
  struct stat st;
  if (stat(abs, &st) != 0)
    return;
  if (!S_ISDIR(st.st_mode)) {
    if (tx_source_lang_of(abs) != TX_LANG_NONE)
      read_expectations(abs, shown, out);
    return;
  }
  DIR *d = opendir(abs);
  struct dirent *de;
  while (d && (de = readdir(d)) != NULL) {
    if (de->d_name[0] == '.')
      continue;
    char a[PATH_MAX], s[PATH_MAX];
    snprintf(a, sizeof a, "%s/%s", abs, de->d_name);
    snprintf(s, sizeof s, "%s%s%s", shown, shown[0] ? "/" : "", de->d_name);
    collect(a, s, out);
  }
  if (d)
    closedir(d);
}

static const char *rule_id_of(const char *rule_dir) {
  const char *slash = strrchr(rule_dir, '/');
  return slash ? slash + 1 : rule_dir;
}

static bool marks(const Expect *e, MarkKind kind, const char *rule, const TxFile *f, TxPos pos,
                  TxStr message) {
  return e->kind == kind && strcmp(e->rule, rule) == 0 && e->line == pos.line &&
         tx_str_eq_c(f->src.path, e->file) && (!e->col || e->col == pos.col) &&
         (!e->message[0] || memmem(message.ptr, message.len, e->message, strlen(e->message)));
}

// Each finding of `rule` takes one unmatched expectation; returns the mismatches.
static int match_finding(const TxProgram *p, const TxDiag *d, const char *rule, Expects *ex) {
  const TxFile *f = tx_program_file(p, d->span.file);
  TxPos pos = tx_source_pos(&f->src, d->span.start);
  for (uint32_t k = 0; k < ex->count; k++) {
    Expect *e = &ex->items[k];
    if (e->matched || !marks(e, MARK_EXPECT, rule, f, pos, d->message) ||
        (e->level != TX_SEV_NONE && e->level != d->level))
      continue;
    e->matched = true;
    if (!e->todo)
      return 0;
    fprintf(stderr, "%s:%u:%u: now reported, change todo-expect to expect: %.*s\n", e->file,
            pos.line, pos.col, TX_STR_ARG(d->message));
    return 1;
  }
  fprintf(stderr, "%.*s:%u:%u: unexpected %s (%s): %.*s\n", TX_STR_ARG(f->src.path), pos.line,
          pos.col, rule, tx_severity_name(d->level), TX_STR_ARG(d->message));
  return 1;
}

// Each related location (kind MARK_RELATED) or flow step (MARK_FLOW) of `d` needs a marker
// on its line; markers are not used up, as findings may share a related line or a step.
static int match_steps(const TxProgram *p, const TxDiag *d, const char *rule, MarkKind kind,
                       Expects *ex) {
  const TxFile *df = tx_program_file(p, d->span.file);
  TxPos dpos = tx_source_pos(&df->src, d->span.start);
  uint32_t count = kind == MARK_FLOW ? d->flow.count : d->related.count;
  int failures = 0;
  for (uint32_t i = 0; i < count; i++) {
    const TxRelated *r = kind == MARK_FLOW ? &d->flow.items[i] : &d->related.items[i];
    const TxFile *f = tx_program_file(p, r->span.file);
    const char *what = kind == MARK_FLOW ? "flow step" : "related location";
    if (!f) {
      fprintf(stderr, "%.*s:%u:%u: %s %u of %s is in no file: %.*s\n", TX_STR_ARG(df->src.path),
              dpos.line, dpos.col, what, i + 1, rule, TX_STR_ARG(r->message));
      failures++;
      continue;
    }
    TxPos pos = tx_source_pos(&f->src, r->span.start);
    bool found = false;
    for (uint32_t k = 0; k < ex->count; k++) {
      Expect *e = &ex->items[k];
      if (marks(e, kind, rule, f, pos, r->message) && (kind != MARK_FLOW || e->step == i + 1))
        e->matched = found = true;
    }
    if (!found) {
      fprintf(stderr, "%.*s:%u:%u: %s %u of %s at %.*s:%u has no '%s' marker: %.*s\n",
              TX_STR_ARG(f->src.path), pos.line, pos.col, what, i + 1, rule,
              TX_STR_ARG(df->src.path), dpos.line, mark_words[kind], TX_STR_ARG(r->message));
      failures++;
    }
  }
  return failures;
}

// Compares the findings of `rule` with the markers; returns the number of mismatches.
static int compare(const TxProgram *p, const TxDiagSink *sink, const char *rule, Expects *ex) {
  int failures = 0;
  for (uint32_t i = 0; i < sink->items.count; i++) {
    const TxDiag *d = sink->items.items[i];
    if (d->suppressed || strcmp(d->rule_id, rule) != 0)
      continue;
    failures += match_finding(p, d, rule, ex);
    failures += match_steps(p, d, rule, MARK_RELATED, ex);
    failures += match_steps(p, d, rule, MARK_FLOW, ex);
  }
  for (uint32_t k = 0; k < ex->count; k++) {
    const Expect *e = &ex->items[k];
    if (strcmp(e->rule, rule) != 0 || e->todo)
      continue;
    if (e->kind == MARK_FLOW && e->step == 0) {
      fprintf(stderr, "%s:%u: flow marker for %s without a step number\n", e->file, e->line,
              e->rule);
      failures++;
    } else if (!e->matched) {
      fprintf(stderr, "%s:%u: ", e->file, e->line);
      if (e->kind == MARK_EXPECT)
        fprintf(stderr, "expected %s", e->rule);
      else if (e->kind == MARK_RELATED)
        fprintf(stderr, "related location of %s", e->rule);
      else
        fprintf(stderr, "flow step %u of %s", e->step, e->rule);
      if (e->level != TX_SEV_NONE)
        fprintf(stderr, " at level %s", tx_severity_name(e->level));
      fprintf(stderr, "%s%s%s\n", e->message[0] ? " with message containing " : "", e->message,
              e->kind == MARK_EXPECT ? " was not reported" : " is not there");
      failures++;
    }
  }
  return failures;
}

// Runs one case; returns the number of mismatches.
static int run_case(const char *rule, const char *rule_dir, const char *name) {
  char path[PATH_MAX];
  snprintf(path, sizeof path, "%s/%s", rule_dir, name);
  struct stat st;
  stat(path, &st);
  bool is_dir = S_ISDIR(st.st_mode);
  Expects ex = {0};
  // Shown paths are relative to the case root: the case folder, or the rule folder.
  collect(path, is_dir ? "" : name, &ex);

  TxConfig cfg;
  tx_config_defaults(&cfg);
  const char *paths[1] = {path};
  cfg.paths = paths;
  cfg.path_count = 1;
  cfg.no_cache = true;
  cfg.jobs = 1;
  TxStr only = tx_str(rule);
  // unused-suppression judges the suppressions of the rules that ran: run them all for it.
  if (strcmp(rule, "unused-suppression") != 0)
    cfg.only_rules = (TxStrList){&only, 1};
  // Extraction keeps only what the rule declares it reads (TxRule.reads): a rule that reads
  // more than it declares loses calls and fails its own cases.
  const TxRule *declared = tx_rule_find(rule);
  if (declared && strcmp(rule, "unused-suppression") != 0)
    cfg.rule_reads = declared->reads;
  char err[512];
  char root[PATH_MAX];
  if (!realpath(is_dir ? path : rule_dir, root)) {
    fprintf(stderr, "%s: cannot resolve\n", path);
    return 1;
  }
  cfg.root = root;
  char cfgfile[PATH_MAX + 16];
  snprintf(cfgfile, sizeof cfgfile, "%s/.txlint.yml", root);
  struct stat cst;
  if (is_dir && stat(cfgfile, &cst) == 0)
    cfg.config_path = cfgfile;
  int failures = 0;
  if (!tx_config_load_project(&cfg, false, tx_rule_known, err, sizeof err)) {
    fprintf(stderr, "%s: configuration: %s\n", path, err);
    tx_config_fini(&cfg);
    TX_ARRAY_FREE(&ex);
    return 1;
  }
  cfg.root = root; // the case is its own project, whatever lies above it
  TxDiagSink sink;
  bool io_error = false;
  TxProgram *p = tx_analyze(&cfg, &sink, &io_error);
  failures += compare(p, &sink, rule, &ex);
  printf("%s %s/%s (%u expectations)\n", failures ? "FAIL" : "ok  ", rule, name, ex.count);
  tx_diag_fini(&sink);
  tx_program_free(p);
  tx_config_fini(&cfg);
  TX_ARRAY_FREE(&ex);
  return failures;
}

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: fixture_runner RULE_DIR\n");
    return 2;
  }
  const char *dir = argv[1];
  const char *rule = rule_id_of(dir);
  DIR *d = opendir(dir);
  if (!d) {
    fprintf(stderr, "fixture_runner: cannot open %s\n", dir);
    return 2;
  }
  char *names[4096];
  size_t n = 0;
  struct dirent *de;
  while ((de = readdir(d)) != NULL && n < 4096) {
    if (de->d_name[0] != '.')
      names[n++] = strdup(de->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof names[0], cmp_names);
  int failed_cases = 0, cases = 0;
  for (size_t i = 0; i < n; i++) {
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    struct stat st;
    if (stat(path, &st) == 0 && (S_ISDIR(st.st_mode) || tx_source_lang_of(path) != TX_LANG_NONE)) {
      failed_cases += run_case(rule, dir, names[i]) > 0;
      cases++;
    }
    free(names[i]);
  }
  tx_shutdown();
  printf("%d passed, %d failed\n", cases - failed_cases, failed_cases);
  if (cases == 0) {
    fprintf(stderr, "fixture_runner: no cases in %s\n", dir);
    return 1;
  }
  return failed_cases ? 1 : 0;
}
