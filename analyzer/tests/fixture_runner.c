// fixture_runner.c: runs one rule over its fixtures and compares the findings with the
// expectations written inline in the fixtures (STYLE.md section 9).
//
//   usage: fixture_runner RULE_DIR     (RULE_DIR = testdata/rules/<rule-id>)
//
// Each entry of RULE_DIR is a case: a source file, or a folder analysed as one project
// (its .txlint.yml applies). Markers, in `//` or `--` comments:
//   code();   // expect: rule-id            the finding is on this line
//   // expect: rule-id                      alone: on the next line without a marker
//   // expect: 7 rule-id "has no filter"    pinned column and message substring
//   // expect: a, b                         two findings (markers stack too)
//   // todo-expect: rule-id                 a known miss: fails once it is reported
// The match is exact: every finding expected, every expectation found. Extraction keeps only
// the kinds of calls the rule declares it reads (TxRule.reads), so its cases also check that
// declaration.
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

typedef struct Expect {
  char file[PATH_MAX]; // shown path (relative to the case root)
  uint32_t line;
  uint32_t col; // 0: any
  char rule[64];
  char message[256]; // substring; empty: any
  bool todo;
  bool matched;
} Expect;

typedef TX_ARRAY(Expect) Expects;

static bool is_blank_or_marker(const char *line, size_t n) {
  size_t i = 0;
  while (i < n && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
    i++;
  if (i == n)
    return true;
  return (n - i >= 2 &&
          ((line[i] == '/' && line[i + 1] == '/') || (line[i] == '-' && line[i + 1] == '-'))) &&
         memmem(line + i, n - i, "expect:", 7) != NULL;
}

// Parses "[col] rule [\"msg\"], ..." after a marker into `out`, all for `line`.
static void parse_items(const char *p, const char *end, const char *file, uint32_t line, bool todo,
                        Expects *out) {
  while (p < end) {
    while (p < end && (*p == ' ' || *p == ',' || *p == '\t'))
      p++;
    if (p >= end || *p == '*' || *p == '\r')
      break;
    Expect e;
    memset(&e, 0, sizeof e);
    snprintf(e.file, sizeof e.file, "%s", file);
    e.line = line;
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
    bool marker_only = is_blank_or_marker(line, (size_t)n);
    if (!marker_only || memmem(line, (size_t)n, "expect:", 7) == NULL) {
      if (!marker_only && !(n <= 1)) {
        for (uint32_t i = 0; i < pending.count; i++) {
          pending.items[i].line = lineno;
          TX_ARRAY_PUSH(out, pending.items[i]);
        }
        pending.count = 0;
      }
    }
    for (const char *p = line; (p = memmem(p, (size_t)(line + n - p), "expect:", 7)) != NULL;) {
      bool todo = p - line >= 5 && memcmp(p - 5, "todo-", 5) == 0;
      const char *start = p + 7;
      const char *stop = line + n;
      const char *next = memmem(start, (size_t)(stop - start), "expect:", 7);
      if (next)
        stop = next - (next - start >= 5 && memcmp(next - 5, "todo-", 5) == 0 ? 5 : 0);
      parse_items(start, stop, shown, lineno, todo, marker_only ? &pending : out);
      p = next ? next : line + n;
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
  if (!tx_config_load_project(&cfg, false, err, sizeof err)) {
    fprintf(stderr, "%s: configuration: %s\n", path, err);
    tx_config_fini(&cfg);
    TX_ARRAY_FREE(&ex);
    return 1;
  }
  cfg.root = root; // the case is its own project, whatever lies above it
  TxDiagSink sink;
  bool io_error = false;
  TxProgram *p = tx_analyze(&cfg, &sink, &io_error);
  for (uint32_t i = 0; i < sink.items.count; i++) {
    const TxDiag *d = sink.items.items[i];
    if (d->suppressed || strcmp(d->rule_id, rule) != 0)
      continue;
    const TxFile *f = tx_program_file(p, d->span.file);
    TxPos pos = tx_source_pos(&f->src, d->span.start);
    bool found = false;
    for (uint32_t k = 0; k < ex.count && !found; k++) {
      Expect *e = &ex.items[k];
      if (e->matched || strcmp(e->rule, rule) != 0 || e->line != pos.line ||
          !tx_str_eq_c(f->src.path, e->file) || (e->col && e->col != pos.col))
        continue;
      if (e->message[0] && !memmem(d->message.ptr, d->message.len, e->message, strlen(e->message)))
        continue;
      e->matched = found = true;
      if (e->todo) {
        fprintf(stderr, "%s:%u:%u: now reported, change todo-expect to expect: %.*s\n", e->file,
                pos.line, pos.col, TX_STR_ARG(d->message));
        failures++;
      }
    }
    if (!found) {
      fprintf(stderr, "%.*s:%u:%u: unexpected %s: %.*s\n", TX_STR_ARG(f->src.path), pos.line,
              pos.col, rule, TX_STR_ARG(d->message));
      failures++;
    }
  }
  for (uint32_t k = 0; k < ex.count; k++) {
    const Expect *e = &ex.items[k];
    if (!e->matched && !e->todo && strcmp(e->rule, rule) == 0) {
      fprintf(stderr, "%s:%u: expected %s%s%s was not reported\n", e->file, e->line, e->rule,
              e->message[0] ? " with message containing " : "", e->message);
      failures++;
    }
  }
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
