// test_session.c: the workspace kept in memory (session.c) gives what a fresh analysis gives.
// Every fixture project of testdata/ is copied to a temporary folder and analysed by one
// session while its files are edited: buffers that add a write, that weaken filters, that
// change a migration; a buffer closed again; files changed, added and removed on disk; an
// unsaved new file. After each step the session's SARIF must equal that of a fresh
// tx_analyze_overlays() of the same buffers and disk, and most steps must have been served
// from the kept program (else the test would prove nothing about it).
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/check.h"
#include "config/cli.h"
#include "emit/emit.h"
#include "rules/rule.h"
#include "session.h"

enum { FILES_PER_PROJECT = 3 };

typedef struct Counts {
  uint32_t steps, kept, projects;
} Counts;

static char *sarif_of(const TxProgram *p, const TxDiagSink *sink) {
  char *buf = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&buf, &len);
  assert_non_null(out);
  TxEmitOptions o = {false, "test"};
  assert_true(tx_emit_sarif(out, p, sink, &o));
  assert_int_equal(fclose(out), 0);
  return buf;
}

static char *fresh(const TxConfig *cfg, const TxOverlay *ov, uint32_t n) {
  TxDiagSink sink;
  bool io_error = false;
  TxProgram *p = tx_analyze_overlays(cfg, ov, n, NULL, &sink, &io_error);
  char *out = sarif_of(p, &sink);
  tx_diag_fini(&sink);
  tx_program_free(p);
  return out;
}

// One step: the session's answer equals a fresh analysis'. Returns whether the session
// served it from the kept program.
static bool step(TxSession *s, const TxConfig *cfg, const TxOverlay *ov, uint32_t n,
                 const char *what, Counts *c) {
  TxDiagSink sink;
  bool io_error = false;
  TxSessionStats st;
  const TxProgram *p = tx_session_analyze(s, cfg, ov, n, NULL, &sink, &io_error, &st);
  char *got = sarif_of(p, &sink);
  tx_diag_fini(&sink);
  char *want = fresh(cfg, ov, n);
  if (strcmp(got, want) != 0) {
    fprintf(stderr, "session differs from a fresh analysis after %s (%s)\n", what,
            st.full ? st.why : "kept program");
    FILE *a = fopen("session-got.sarif", "w"), *b = fopen("session-want.sarif", "w");
    if (a && b) {
      fputs(got, a);
      fputs(want, b);
      fprintf(stderr, "written to session-got.sarif and session-want.sarif\n");
    }
    if (a)
      fclose(a);
    if (b)
      fclose(b);
  }
  assert_string_equal(got, want);
  free(got);
  free(want);
  c->steps++;
  c->kept += !st.full;
  return !st.full;
}

static char *read_all(const char *path, uint32_t *len) {
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  char *buf = NULL;
  size_t cap = 0, n = 0;
  for (;;) {
    if (n + 4096 > cap) {
      cap = (cap + 4096) * 2;
      buf = tx_xrealloc(buf, cap);
    }
    size_t got = fread(buf + n, 1, cap - n - 1, f);
    n += got;
    if (got == 0)
      break;
  }
  fclose(f);
  buf[n] = '\0';
  *len = (uint32_t)n;
  return buf;
}

static void write_all(const char *path, const char *text) {
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  fputs(text, f);
  assert_int_equal(fclose(f), 0);
}

// `text` with every `from` replaced by `to` (a new heap string).
static char *replace_all(const char *text, const char *from, const char *to) {
  size_t nf = strlen(from), nt = strlen(to), n = 0;
  for (const char *p = strstr(text, from); p; p = strstr(p + nf, from))
    n++;
  char *out = malloc(strlen(text) + n * (nt > nf ? nt - nf : 0) + 1);
  assert_non_null(out);
  char *w = out;
  for (const char *p = text;;) {
    const char *hit = strstr(p, from);
    if (!hit) {
      strcpy(w, p);
      break;
    }
    memcpy(w, p, (size_t)(hit - p));
    w += hit - p;
    memcpy(w, to, nt);
    w += nt;
    p = hit + nf;
  }
  return out;
}

static char *append(const char *text, const char *tail) {
  char *out = malloc(strlen(text) + strlen(tail) + 1);
  assert_non_null(out);
  strcpy(out, text);
  strcat(out, tail);
  return out;
}

// Edits that keep what decides which files matter (the imports, whether a file is a seed)
// so the session can keep its program, and change findings: a write appended, every filter
// weakened, a migration's tenant column renamed.
static uint32_t edits_of(const char *text, bool sql, char **out) {
  if (sql) {
    out[0] = append(text, "\n-- an edit in a comment\n");
    out[1] = replace_all(text, "org_id", "org_ref");
    return 2;
  }
  out[0] = append(text, "\nexport async function txProbe(id: string) {\n"
                        "  await supabase.from('calls').delete().eq('id', id);\n"
                        "  await supabase.from('call_events').insert({ id });\n"
                        "}\n");
  out[1] = replace_all(text, ".eq(", ".neq(");
  out[2] = replace_all(text, "await ", "void ");
  return 3;
}

static void edit_project(const char *dir, Counts *c) {
  TxConfig cfg;
  tx_config_defaults(&cfg);
  char prog[] = "txlint";
  char root[512];
  snprintf(root, sizeof root, "%s", dir);
  char *argv[] = {prog, root, NULL};
  char err[512] = "";
  assert_int_equal(tx_cli_parse(&cfg, 2, argv, tx_rule_known, err, sizeof err), TX_CLI_RUN);
  cfg.no_cache = true;
  cfg.jobs = 1;
  TxSession *s = tx_session_new();
  step(s, &cfg, NULL, 0, "the first analysis", c);
  // The files to edit: a few, spread over the project.
  char *paths[FILES_PER_PROJECT] = {0};
  bool sql[FILES_PER_PROJECT] = {0};
  uint32_t picked = 0;
  {
    TxDiagSink sink;
    bool io_error = false;
    const TxProgram *p = tx_session_analyze(s, &cfg, NULL, 0, NULL, &sink, &io_error, NULL);
    tx_diag_fini(&sink);
    uint32_t stride = p->file_count / FILES_PER_PROJECT + 1;
    for (uint32_t i = 0; i < p->file_count && picked < FILES_PER_PROJECT; i += stride) {
      paths[picked] = strdup(p->files[i]->src.path.ptr);
      sql[picked++] = p->files[i]->src.lang == TX_LANG_SQL;
    }
  }
  for (uint32_t k = 0; k < picked; k++) {
    char abs[1024];
    snprintf(abs, sizeof abs, "%s/%s", dir, paths[k]);
    uint32_t len;
    char *text = read_all(abs, &len);
    char *edits[3];
    uint32_t n = edits_of(text, sql[k], edits);
    for (uint32_t e = 0; e < n; e++) {
      TxOverlay ov = {paths[k], edits[e], (uint32_t)strlen(edits[e])};
      step(s, &cfg, &ov, 1, "an edited buffer", c);
    }
    TxOverlay same = {paths[k], text, len};
    step(s, &cfg, &same, 1, "a buffer as on disk", c);
    step(s, &cfg, NULL, 0, "the buffer closed", c);
    // The same edit saved to disk, then undone there.
    write_all(abs, edits[0]);
    step(s, &cfg, NULL, 0, "a file changed on disk", c);
    write_all(abs, text);
    step(s, &cfg, NULL, 0, "the file changed back", c);
    for (uint32_t e = 0; e < n; e++)
      free(edits[e]);
    free(text);
  }
  // A new file on disk (its folder changed), removed again; an unsaved new buffer.
  char added[1024];
  snprintf(added, sizeof added, "%s/txlint-added.ts", dir);
  write_all(added, "import { createClient } from '@supabase/supabase-js';\n"
                   "const db = createClient('u', 'k');\n"
                   "export async function added(id: string) {\n"
                   "  await db.from('calls').delete().eq('id', id);\n"
                   "}\n");
  step(s, &cfg, NULL, 0, "a file added on disk", c);
  assert_int_equal(unlink(added), 0);
  step(s, &cfg, NULL, 0, "the file removed", c);
  TxOverlay unsaved = {"txlint-unsaved.ts", "export const x = supabase.from('calls').delete();\n",
                       50};
  step(s, &cfg, &unsaved, 1, "an unsaved new buffer", c);
  step(s, &cfg, &unsaved, 1, "the unsaved buffer again", c);
  step(s, &cfg, NULL, 0, "the unsaved buffer closed", c);
  for (uint32_t k = 0; k < picked; k++)
    free(paths[k]);
  tx_session_free(s);
  tx_config_fini(&cfg);
  c->projects++;
}

static void copy_tree(const char *from, const char *to) {
  char cmd[2048];
  snprintf(cmd, sizeof cmd, "rm -rf '%s' && cp -R '%s' '%s'", to, from, to);
  assert_int_equal(system(cmd), 0);
}

static void each_project(const char *parent, bool itself, Counts *c) {
  const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
  char work[512];
  snprintf(work, sizeof work, "%s/txlint-session-%d", tmp, (int)getpid());
  if (itself) {
    copy_tree(parent, work);
    edit_project(work, c);
    char rm[600];
    snprintf(rm, sizeof rm, "rm -rf '%s'", work);
    assert_int_equal(system(rm), 0);
    return;
  }
  DIR *d = opendir(parent);
  assert_non_null(d);
  struct dirent *de;
  char **names = NULL;
  size_t count = 0;
  while ((de = readdir(d)) != NULL) {
    if (de->d_name[0] == '.')
      continue;
    char path[1024];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", parent, de->d_name);
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
      names = tx_xrealloc(names, (count + 1) * sizeof *names);
      names[count++] = strdup(path);
    }
  }
  closedir(d);
  for (size_t i = 0; i < count; i++) {
    copy_tree(names[i], work);
    edit_project(work, c);
    free(names[i]);
  }
  free(names);
  char cmd[600];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", work);
  assert_int_equal(system(cmd), 0);
}

static void report(const char *what, const Counts *c) {
  fprintf(stderr, "%s: %u projects, %u steps, %u from the kept program\n", what, c->projects,
          c->steps, c->kept);
  // Most steps are edits the kept program serves; the rest (first loads, files added or
  // removed, unsaved buffers) go the whole way.
  assert_true(c->kept * 2 > c->steps);
}

static void fixture_projects_match_fresh_analyses(void **state) {
  (void)state;
  Counts c = {0};
  char dir[1024];
  snprintf(dir, sizeof dir, "%s/testdata/rules", TX_SOURCE_DIR);
  DIR *d = opendir(dir);
  assert_non_null(d);
  struct dirent *de;
  while ((de = readdir(d)) != NULL) {
    if (de->d_name[0] == '.')
      continue;
    char rule[1400];
    snprintf(rule, sizeof rule, "%s/%s", dir, de->d_name);
    each_project(rule, true, &c);  // the rule's folder as one workspace
    each_project(rule, false, &c); // each of its projects
  }
  closedir(d);
  report("testdata/rules", &c);
}

static void other_projects_match_fresh_analyses(void **state) {
  (void)state;
  Counts c = {0};
  char dir[1024];
  snprintf(dir, sizeof dir, "%s/testdata/e2e", TX_SOURCE_DIR);
  each_project(dir, false, &c);
  snprintf(dir, sizeof dir, "%s/testdata/demo", TX_SOURCE_DIR);
  each_project(dir, true, &c);
  snprintf(dir, sizeof dir, "%s/testdata/lsp", TX_SOURCE_DIR);
  each_project(dir, false, &c);
  report("testdata/e2e, demo, lsp", &c);
}

// TX_SESSION_PROJECTS: more workspaces (':'-separated folders, copied first), such as real
// backends, for a check by hand; not set in CI.
static void named_projects_match_fresh_analyses(void **state) {
  (void)state;
  const char *list = getenv("TX_SESSION_PROJECTS");
  if (!list || !*list)
    skip();
  Counts c = {0};
  char *copy = strdup(list);
  for (char *save = NULL, *dir = strtok_r(copy, ":", &save); dir; dir = strtok_r(NULL, ":", &save))
    each_project(dir, true, &c);
  free(copy);
  report("TX_SESSION_PROJECTS", &c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(fixture_projects_match_fresh_analyses),
      cmocka_unit_test(other_projects_match_fresh_analyses),
      cmocka_unit_test(named_projects_match_fresh_analyses),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
