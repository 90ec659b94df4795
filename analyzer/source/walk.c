// walk.c: directory traversal with an explicit stack (no recursion, so deep trees cannot
// overflow the C stack). Symbolic links to directories are not followed, which also makes
// symlink loops harmless.
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "source.h"

#include <git2.h>

static bool skipped_dir(const char *name) {
  static const char *const skip[] = {"node_modules", ".git",     "dist",
                                     "build",        "coverage", ".txlint-cache"};
  for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++) {
    if (strcmp(name, skip[i]) == 0)
      return true;
  }
  return false;
}

char *tx_walk_relpath(const char *root, const char *abs) {
  size_t n = strcmp(root, "/") == 0 ? 0 : strlen(root); // under `/`, every path is inside
  if (strncmp(abs, root, n) == 0 && (abs[n] == '/' || abs[n] == '\0')) {
    const char *rest = abs[n] == '/' ? abs + n + 1 : abs + n;
    return tx_xstrdup(*rest ? rest : ".");
  }
  return tx_xstrdup(abs);
}

// --- include / exclude / migrations ---------------------------------------------------------

enum { MAX_GLOB_SEGMENTS = 64 };

// Splits `s` at '/' into at most MAX_GLOB_SEGMENTS segments; false when there are more.
static bool split_segments(TxStr s, TxStr *out, uint32_t *n) {
  *n = 0;
  uint32_t start = 0;
  for (uint32_t i = 0; i <= s.len; i++) {
    if (i < s.len && s.ptr[i] != '/')
      continue;
    if (i > start) {
      if (*n == MAX_GLOB_SEGMENTS)
        return false;
      out[(*n)++] = (TxStr){s.ptr + start, i - start};
    }
    start = i + 1;
  }
  return true;
}

bool tx_path_glob(TxStr pattern, TxStr path) {
  TxStr ps[MAX_GLOB_SEGMENTS], ss[MAX_GLOB_SEGMENTS];
  uint32_t m, n;
  if (!split_segments(pattern, ps, &m) || !split_segments(path, ss, &n) || m == 0)
    return false;
  // A pattern without '/' matches a name at any depth, as in .gitignore (`*.test.ts`).
  bool anywhere = true;
  for (uint32_t i = 0; i < pattern.len; i++)
    anywhere &= pattern.ptr[i] != '/';
  // ok[j]: pattern segments [0, i) match path segments [0, j). Dynamic programming over
  // segments: linear in their product, whatever the number of `**`.
  bool ok[MAX_GLOB_SEGMENTS + 1], next[MAX_GLOB_SEGMENTS + 1];
  for (uint32_t j = 0; j <= n; j++)
    ok[j] = j == 0 || anywhere;
  for (uint32_t i = 0; i < m; i++) {
    bool globstar = ps[i].len == 2 && ps[i].ptr[0] == '*' && ps[i].ptr[1] == '*';
    for (uint32_t j = 0; j <= n; j++) {
      if (globstar)
        next[j] = ok[j] || (j > 0 && next[j - 1]);
      else
        next[j] =
            j > 0 && ok[j - 1] && tx_str_glob_str(ps[i], ss[j - 1]); // `*`, `?` within a segment
    }
    memcpy(ok, next, sizeof(bool) * (n + 1));
  }
  // A pattern naming a folder (`src/legacy`, `src/**`) covers what is inside it.
  for (uint32_t j = 0; j <= n; j++) {
    if (ok[j])
      return true;
  }
  return false;
}

static bool matches_any(const TxStrList *l, const char *rel) {
  for (uint32_t i = 0; i < l->count; i++) {
    if (tx_path_glob(l->items[i], tx_str(rel)))
      return true;
  }
  return false;
}

// Whether relative path `rel` lies inside folder `dir` (relative to the root too).
static bool in_folder(TxStr dir, const char *rel) {
  while (dir.len && dir.ptr[dir.len - 1] == '/')
    dir.len--;
  return dir.len && strncmp(rel, dir.ptr, dir.len) == 0 && rel[dir.len] == '/';
}

// The configuration's say on a file (relative path): `include` (when set) must match,
// `exclude` must not, and a .sql file must lie in a `migrations` folder (when set).
bool tx_walk_wanted(const TxConfig *cfg, const char *rel) {
  if (cfg->include.count && !matches_any(&cfg->include, rel))
    return false;
  if (matches_any(&cfg->exclude, rel))
    return false;
  if (cfg->migrations.count && tx_source_lang_of(rel) == TX_LANG_SQL) {
    for (uint32_t i = 0; i < cfg->migrations.count; i++) {
      if (in_folder(cfg->migrations.items[i], rel))
        return true;
    }
    return false;
  }
  return true;
}

bool tx_walk_schema_source(const TxConfig *cfg, bool default_folder, const char *rel) {
  if (cfg->migrations.count)
    return tx_walk_wanted(cfg, rel);
  return !default_folder || in_folder(TX_STR_LIT(TX_DEFAULT_MIGRATIONS), rel);
}

static TxStamp stamp_from(const struct stat *st) {
  TxStamp s = {(int64_t)st->st_mtim.tv_sec * 1000000000 + st->st_mtim.tv_nsec,
               (int64_t)st->st_ctim.tv_sec * 1000000000 + st->st_ctim.tv_nsec,
               (uint64_t)st->st_size,
               (uint64_t)st->st_ino,
               (uint64_t)st->st_dev,
               true};
  return s;
}

TxStamp tx_stamp_of(const char *path) {
  struct stat st;
  TxStamp none = {0};
  return stat(path, &st) == 0 ? stamp_from(&st) : none;
}

static void add_file(TxWalk *w, const TxConfig *cfg, const char *abs, bool explicit_,
                     const struct stat *st) {
  char *rel = tx_walk_relpath(cfg->root, abs);
  if (!tx_walk_wanted(cfg, rel)) {
    free(rel);
    return;
  }
  TxWalkEntry e = {tx_xstrdup(abs), rel, explicit_, stamp_from(st)};
  TX_ARRAY_PUSH(&w->files, e);
}

static void add_watch(TxWalk *w, const char *path, const struct stat *st) {
  TxWalkWatch e = {tx_xstrdup(path), stamp_from(st)};
  TX_ARRAY_PUSH(&w->watched, e);
}

// A file the walk does not list whose change can still change a run (TxWalkWatch).
static bool watched_name(const char *name) {
  static const char *const ends[] = {".json", ".jsonc", ".yaml", ".yml"};
  if (strcmp(name, ".gitignore") == 0)
    return true;
  size_t n = strlen(name);
  for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
    size_t k = strlen(ends[i]);
    if (n > k && strcmp(name + n - k, ends[i]) == 0)
      return true;
  }
  return false;
}

static void add_error(TxWalk *w, const char *path, const char *reason) {
  TxWalkError e = {tx_xstrdup(path), reason};
  TX_ARRAY_PUSH(&w->errors, e);
}

// Asks git whether a path (absolute) is ignored: .gitignore files, .git/info/exclude and the
// global excludes, as git itself applies them. No repository: nothing is ignored.
static bool git_ignored(git_repository *repo, const char *abs, bool is_dir) {
  if (!repo)
    return false;
  const char *wd = git_repository_workdir(repo);
  size_t n = wd ? strlen(wd) : 0;
  if (!wd || strncmp(abs, wd, n) != 0)
    return false;
  char rel[PATH_MAX];
  snprintf(rel, sizeof rel, "%s%s", abs + n, is_dir ? "/" : "");
  int ignored = 0;
  return git_ignore_path_is_ignored(&ignored, repo, rel) == 0 && ignored;
}

static void walk_dir(TxWalk *w, const TxConfig *cfg, const char *start) {
  git_libgit2_init();
  git_repository *repo = NULL;
  if (git_repository_open_ext(&repo, start, 0, NULL) != 0)
    repo = NULL;
  // A folder named explicitly is analysed even when git ignores it (as a named file is);
  // ignore rules then apply to nothing inside it.
  if (repo && git_ignored(repo, start, true)) {
    git_repository_free(repo);
    repo = NULL;
  }
  TX_ARRAY(char *) stack = {0};
  TX_ARRAY_PUSH(&stack, tx_xstrdup(start));
  while (stack.count > 0) {
    char *dir = stack.items[--stack.count];
    DIR *d = opendir(dir);
    if (!d) {
      add_error(w, dir, errno == EACCES ? "permission denied" : "cannot open directory");
      free(dir);
      continue;
    }
    struct stat dst;
    if (w->watch && fstat(dirfd(d), &dst) == 0) // before reading: a later change shows
      add_watch(w, dir, &dst);
    int fd = dirfd(d);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
      const char *name = de->d_name;
      if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
        continue;
      // The entry's type from the folder itself, where the file system gives it: a plain file
      // that is neither a source nor watched needs no stat (most of a node_modules folder),
      // and a folder none. The stats left are relative to the folder (no lookup of the
      // whole path each time).
      bool source = tx_source_lang_of(name) != TX_LANG_NONE;
      if (de->d_type == DT_REG && !source && !(w->watch && watched_name(name)))
        continue;
      char path[PATH_MAX];
      if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
        continue;
      struct stat st;
      bool is_dir = de->d_type == DT_DIR;
      if (!is_dir) {
        if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
          continue;
        is_dir = S_ISDIR(st.st_mode);
      }
      if (is_dir) {
        if (!skipped_dir(name) && !git_ignored(repo, path, true))
          TX_ARRAY_PUSH(&stack, tx_xstrdup(path));
      } else if ((S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)) && source &&
                 !git_ignored(repo, path, false)) {
        // A link met by the walk counts only when it leads to a regular file: dangling links
        // and link loops are skipped (named on the command line, they are errors).
        struct stat target;
        if (S_ISLNK(st.st_mode) && (fstatat(fd, name, &target, 0) != 0 || !S_ISREG(target.st_mode)))
          continue;
        add_file(w, cfg, path, false, S_ISLNK(st.st_mode) ? &target : &st);
      } else if (w->watch && watched_name(name)) {
        struct stat target;
        if (fstatat(fd, name, &target, 0) == 0)
          add_watch(w, path, &target);
      }
    }
    closedir(d);
    free(dir);
  }
  TX_ARRAY_FREE(&stack);
  git_repository_free(repo);
  git_libgit2_shutdown();
}

// Whether `rel` is a plain relative path ('/' separators, no empty, `.` or `..` segment) none
// of whose folders the walk skips by name.
static bool walkable_rel(const char *rel) {
  const char *seg = rel;
  for (;;) {
    const char *end = strchr(seg, '/');
    size_t n = end ? (size_t)(end - seg) : strlen(seg);
    char name[256];
    if (n == 0 || n >= sizeof name)
      return false;
    memcpy(name, seg, n);
    name[n] = '\0';
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || (end && skipped_dir(name)))
      return false;
    if (!end)
      return true;
    seg = end + 1;
  }
}

bool tx_walk_add_unsaved(TxWalk *w, const TxConfig *cfg, const char *rel) {
  char abs[PATH_MAX];
  if (tx_source_lang_of(rel) == TX_LANG_NONE || !walkable_rel(rel) ||
      snprintf(abs, sizeof abs, "%s/%s", cfg->root, rel) >= (int)sizeof abs ||
      !tx_walk_wanted(cfg, rel))
    return false;
  git_libgit2_init();
  git_repository *repo = NULL;
  if (git_repository_open_ext(&repo, cfg->root, 0, NULL) != 0)
    repo = NULL;
  bool ignored = git_ignored(repo, abs, false);
  git_repository_free(repo);
  git_libgit2_shutdown();
  if (ignored)
    return false;
  TxWalkEntry e = {tx_xstrdup(abs), tx_xstrdup(rel), false, {0}};
  TX_ARRAY_PUSH(&w->files, e);
  return true;
}

static int cmp_entry(const void *a, const void *b) {
  return strcmp(((const TxWalkEntry *)a)->rel_path, ((const TxWalkEntry *)b)->rel_path);
}

void tx_walk_sort(TxWalk *w) {
  if (w->files.count > 1)
    qsort(w->files.items, w->files.count, sizeof(TxWalkEntry), cmp_entry);
  uint32_t out = 0;
  for (uint32_t i = 0; i < w->files.count; i++) {
    if (out > 0 && strcmp(w->files.items[out - 1].rel_path, w->files.items[i].rel_path) == 0) {
      w->files.items[out - 1].explicit_ |= w->files.items[i].explicit_;
      free(w->files.items[i].abs_path);
      free(w->files.items[i].rel_path);
      continue;
    }
    w->files.items[out++] = w->files.items[i];
  }
  w->files.count = out;
}

static void collect_one(TxWalk *w, const TxConfig *cfg, const char *path) {
  char abs[PATH_MAX];
  struct stat st;
  if (lstat(path, &st) != 0) {
    add_error(w, path, errno == ENOENT ? "no such file or directory" : strerror(errno));
    return;
  }
  if (!realpath(path, abs)) {
    add_error(w, path, errno == ENOENT ? "dangling symbolic link" : "cannot resolve path");
    return;
  }
  if (stat(abs, &st) != 0) {
    add_error(w, path, "cannot read");
    return;
  }
  if (S_ISDIR(st.st_mode)) {
    walk_dir(w, cfg, abs);
  } else if (tx_source_lang_of(abs) != TX_LANG_NONE || tx_source_lang_of(path) != TX_LANG_NONE) {
    add_file(w, cfg, abs, true, &st);
  } else {
    add_error(w, path, "not a TypeScript, JavaScript or SQL file");
  }
}

void tx_walk_collect(TxWalk *w, const TxConfig *cfg) {
  // One initialisation for all the paths: libgit2's first init loads TLS state (its crypto
  // library reads the system's certificates), which per path cost 2% of a run over the 93
  // package folders of ci/corpus. walk_dir's own init and shutdown then only count.
  git_libgit2_init();
  for (uint32_t i = 0; i < cfg->path_count; i++)
    collect_one(w, cfg, cfg->paths[i]);
  git_libgit2_shutdown();
  tx_walk_sort(w);
}

void tx_walk_root(TxWalk *w, const TxConfig *cfg) {
  walk_dir(w, cfg, cfg->root);
  tx_walk_sort(w);
}

void tx_walk_fini(TxWalk *w) {
  for (uint32_t i = 0; i < w->files.count; i++) { // free(NULL) for entries moved elsewhere
    free(w->files.items[i].abs_path);
    free(w->files.items[i].rel_path);
  }
  for (uint32_t i = 0; i < w->errors.count; i++)
    free(w->errors.items[i].path);
  for (uint32_t i = 0; i < w->watched.count; i++) // free(NULL) for entries moved elsewhere
    free(w->watched.items[i].path);
  TX_ARRAY_FREE(&w->files);
  TX_ARRAY_FREE(&w->errors);
  TX_ARRAY_FREE(&w->watched);
}
