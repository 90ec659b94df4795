// gitdiff.c: changed lines since a revision (see gitdiff.h).
#include "gitdiff.h"

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Collect {
  TxChanged *out;
  const char *workdir;
  const char *last_rel; // the delta whose path string is paths[last]
  char *last_abs;
} Collect;

static int on_line(const git_diff_delta *delta, const git_diff_hunk *hunk,
                   const git_diff_line *line, void *payload) {
  (void)hunk;
  Collect *col = payload;
  if (line->origin != GIT_DIFF_LINE_ADDITION || line->new_lineno <= 0)
    return 0;
  const char *rel = delta->new_file.path;
  if (!col->last_rel || strcmp(col->last_rel, rel) != 0) {
    size_t n = strlen(col->workdir) + strlen(rel) + 1;
    char *abs = tx_xmalloc(n);
    snprintf(abs, n, "%s%s", col->workdir, rel); // workdir ends with '/'
    TX_ARRAY_PUSH(&col->out->paths, abs);
    col->last_rel = rel;
    col->last_abs = abs;
  }
  TxChangedLine l = {col->last_abs, (uint32_t)line->new_lineno};
  TX_ARRAY_PUSH(&col->out->lines, l);
  return 0;
}

static int cmp_line(const void *a, const void *b) {
  const TxChangedLine *x = a, *y = b;
  int c = strcmp(x->path, y->path);
  return c ? c : (x->line > y->line) - (x->line < y->line);
}

bool tx_git_changed_lines(const char *dir, const char *rev, TxChanged *out, char *err, size_t n) {
  memset(out, 0, sizeof *out);
  git_libgit2_init();
  git_repository *repo = NULL;
  git_object *obj = NULL, *tree = NULL;
  git_diff *diff = NULL;
  bool ok = false;
  if (git_repository_open_ext(&repo, dir, 0, NULL) != 0 || git_repository_is_bare(repo)) {
    snprintf(err, n, "not inside a git work tree");
    goto done;
  }
  if (git_revparse_single(&obj, repo, rev) != 0 ||
      git_object_peel(&tree, obj, GIT_OBJECT_TREE) != 0) {
    snprintf(err, n, "unknown revision '%s'", rev);
    goto done;
  }
  git_diff_options opts;
  git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
  opts.context_lines = 0;
  opts.interhunk_lines = 0;
  opts.flags = GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS |
               GIT_DIFF_SHOW_UNTRACKED_CONTENT;
  if (git_diff_tree_to_workdir_with_index(&diff, repo, (git_tree *)tree, &opts) != 0) {
    const git_error *e = git_error_last();
    snprintf(err, n, "git diff failed: %s", e && e->message ? e->message : "unknown error");
    goto done;
  }
  Collect col = {out, git_repository_workdir(repo), NULL, NULL};
  if (git_diff_foreach(diff, NULL, NULL, NULL, on_line, &col) != 0) {
    snprintf(err, n, "git diff failed");
    goto done;
  }
  if (out->lines.count > 1)
    qsort(out->lines.items, out->lines.count, sizeof(TxChangedLine), cmp_line);
  ok = true;
done:
  git_diff_free(diff);
  git_object_free(tree);
  git_object_free(obj);
  git_repository_free(repo);
  git_libgit2_shutdown();
  return ok;
}

// First entry not less than (path, line).
static uint32_t lower(const TxChanged *changed, const char *path, uint32_t line) {
  uint32_t lo = 0, hi = changed->lines.count;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    const TxChangedLine *m = &changed->lines.items[mid];
    int k = strcmp(m->path, path);
    if (k < 0 || (k == 0 && m->line < line))
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

bool tx_changed_has(const TxChanged *changed, const char *abs_path, uint32_t line) {
  uint32_t i = lower(changed, abs_path, line);
  return i < changed->lines.count && changed->lines.items[i].line == line &&
         strcmp(changed->lines.items[i].path, abs_path) == 0;
}

bool tx_changed_file(const TxChanged *changed, const char *abs_path) {
  uint32_t i = lower(changed, abs_path, 0);
  return i < changed->lines.count && strcmp(changed->lines.items[i].path, abs_path) == 0;
}

void tx_changed_fini(TxChanged *changed) {
  for (uint32_t i = 0; i < changed->paths.count; i++)
    free(changed->paths.items[i]);
  TX_ARRAY_FREE(&changed->paths);
  TX_ARRAY_FREE(&changed->lines);
}
