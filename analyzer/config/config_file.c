// config_file.c: project root discovery and .txlint.yml. (The YAML reader is added by the
// configuration work; for now a present config file is only located.)
#include "config_file.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../rules/rule.h"

bool tx_config_known_rule(TxStr id) {
  for (uint32_t i = 0; i < tx_rule_count; i++) {
    if (tx_str_eq_c(id, tx_rules[i]->id))
      return true;
  }
  return tx_str_eq_c(id, "unused-suppression");
}

static bool exists(const char *dir, const char *name, bool want_dir) {
  char buf[PATH_MAX];
  if (snprintf(buf, sizeof buf, "%s/%s", dir, name) >= (int)sizeof buf)
    return false;
  struct stat st;
  if (stat(buf, &st) != 0)
    return false;
  return want_dir ? S_ISDIR(st.st_mode) || S_ISREG(st.st_mode) : S_ISREG(st.st_mode);
}

// Walks up from `start` looking for `name`; fills `found` with the folder. The .git entry
// may be a file (worktrees, submodules), so "is a directory" is not required for it.
static bool find_up(const char *start, const char *name, bool want_dir, char *found) {
  char dir[PATH_MAX];
  if (!realpath(start, dir))
    return false;
  struct stat st;
  if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
    char *slash = strrchr(dir, '/');
    if (slash)
      *(slash == dir ? slash + 1 : slash) = '\0';
  }
  for (;;) {
    if (exists(dir, name, want_dir)) {
      strcpy(found, dir);
      return true;
    }
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
      return false;
    *slash = '\0';
  }
}

bool tx_config_load_project(TxConfig *c, bool fail_level_set, char *err, size_t n) {
  (void)fail_level_set;
  char root[PATH_MAX];
  const char *start = c->path_count ? c->paths[0] : ".";
  if (find_up(start, ".txlint.yml", false, root)) {
    if (!c->config_path) {
      char cfg[PATH_MAX + 16];
      snprintf(cfg, sizeof cfg, "%s/.txlint.yml", root);
      c->config_path = tx_arena_str(&c->arena, cfg, strlen(cfg)).ptr;
    }
  } else if (!find_up(start, ".git", true, root)) {
    if (!getcwd(root, sizeof root)) {
      snprintf(err, n, "cannot determine the current directory");
      return false;
    }
  }
  c->root = tx_arena_str(&c->arena, root, strlen(root)).ptr;
  if (c->config_path) {
    FILE *f = fopen(c->config_path, "rb");
    if (!f) {
      snprintf(err, n, "%s: cannot read the configuration file", c->config_path);
      return false;
    }
    fclose(f);
  }
  return true;
}
