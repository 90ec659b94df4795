// config_file.c: the project root, and .txlint.yml read with libyaml's document API.
//
// Every problem is reported as "<file>:<line>: <what>" and fails the run with exit 2:
// unknown keys, wrong types, unknown rule ids and levels. Values given on the command line
// win over the file (--rule over `rules`, --fail-level over `fail_level`).
#include "config_file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "base/array.h"

// --- the project root ----------------------------------------------------------------------
//
// README ("Usage") states the rule; this is it. Walking up from the first PATH's folder, the
// nearest folder holding one of a tier's markers is that tier's candidate; the best tier
// found wins, and with none the start folder is the root:
//   1. `.txlint.yml` or `.git` (a folder, or the file of a worktree or submodule): the user's
//      own word on the project, or the repository;
//   2. a `supabase` folder: a Supabase project outside git (a monorepo's schema lives there);
//   3. `package.json` or `tsconfig.json`: a package outside git.
// So a workspace package inside a repository still has the repository as its root (its
// schema and helpers are elsewhere in it), while a nested .txlint.yml makes its folder the
// project. `/` and $HOME are never searched (a dotfiles repository or a stray package.json
// there is not a project), nor anything above $HOME: only a start folder that is one of them
// is the root.

static bool has(const char *dir, const char *name, bool want_dir) {
  char buf[PATH_MAX];
  if (snprintf(buf, sizeof buf, "%s/%s", dir, name) >= (int)sizeof buf)
    return false;
  struct stat st;
  return stat(buf, &st) == 0 && (!want_dir || S_ISDIR(st.st_mode));
}

static int marker_tier(const char *dir) {
  if (has(dir, ".txlint.yml", false) || has(dir, ".git", false))
    return 0;
  if (has(dir, "supabase", true))
    return 1;
  if (has(dir, "package.json", false) || has(dir, "tsconfig.json", false))
    return 2;
  return -1;
}

// The folder `path` names, resolved: itself when a folder, a file's folder. A path that does
// not exist (reported by the walk) starts from its nearest existing parent, lexically.
static bool start_folder(const char *path, char *out) {
  char buf[PATH_MAX];
  if (snprintf(buf, sizeof buf, "%s", *path ? path : ".") >= (int)sizeof buf)
    return false;
  while (!realpath(buf, out)) {
    char *slash = strrchr(buf, '/');
    if (!slash)
      snprintf(buf, sizeof buf, ".");
    else if (slash == buf)
      buf[1] = '\0';
    else
      *slash = '\0';
    if (strcmp(buf, ".") == 0 || strcmp(buf, "/") == 0)
      return realpath(buf, out) != NULL;
  }
  struct stat st;
  if (stat(out, &st) == 0 && !S_ISDIR(st.st_mode)) {
    char *slash = strrchr(out, '/');
    if (slash)
      *(slash == out ? slash + 1 : slash) = '\0';
  }
  return true;
}

// $HOME resolved, or "" when unset or not a folder.
static void home_folder(char *out) {
  const char *home = getenv("HOME");
  if (!home || !*home || !realpath(home, out))
    out[0] = '\0';
}

bool tx_config_broad_root(const char *dir) {
  char home[PATH_MAX];
  home_folder(home);
  return strcmp(dir, "/") == 0 || (home[0] && strcmp(dir, home) == 0);
}

bool tx_config_find_root(const char *path, char *root) {
  if (!start_folder(path, root))
    return false;
  char home[PATH_MAX], dir[PATH_MAX];
  home_folder(home);
  size_t best[3] = {0, 0, 0}; // per tier: length of the candidate (a prefix of root), 0: none
  snprintf(dir, sizeof dir, "%s", root);
  while (strcmp(dir, "/") != 0 && !(home[0] && strcmp(dir, home) == 0) && !best[0]) {
    int tier = marker_tier(dir);
    if (tier >= 0 && !best[tier])
      best[tier] = strlen(dir);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
      break;
    *slash = '\0';
  }
  for (int t = 0; t < 3; t++) {
    if (best[t]) {
      root[best[t]] = '\0';
      break;
    }
  }
  return true;
}

// --- the YAML document ----------------------------------------------------------------------

typedef struct Reader {
  yaml_document_t doc;
  TxConfig *cfg;
  const char *path;
  TxRuleKnown known; // the rule ids `rules:` may name
  char *err;
  size_t n;
  TX_ARRAY(const char *) seen; // top-level keys read so far (a key given twice is an error)
} Reader;

TX_PRINTF(3, 4)
static bool fail(Reader *r, const yaml_node_t *node, const char *fmt, ...) {
  char what[300];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(what, sizeof what, fmt, ap);
  va_end(ap);
  snprintf(r->err, r->n, "%s:%lu: %s", r->path,
           node ? (unsigned long)node->start_mark.line + 1 : 1UL, what);
  return false;
}

static const char *scalar(const yaml_node_t *node) {
  return node && node->type == YAML_SCALAR_NODE ? (const char *)node->data.scalar.value : NULL;
}

static bool read_list(Reader *r, const char *key, yaml_node_t *node, TxStrList *out) {
  if (node->type != YAML_SEQUENCE_NODE)
    return fail(r, node, "'%s' must be a list of strings", key);
  uint32_t n = (uint32_t)(node->data.sequence.items.top - node->data.sequence.items.start);
  out->items = TX_ARENA_ARRAY(&r->cfg->arena, TxStr, n ? n : 1);
  out->count = 0;
  for (yaml_node_item_t *it = node->data.sequence.items.start; it < node->data.sequence.items.top;
       it++) {
    yaml_node_t *item = yaml_document_get_node(&r->doc, *it);
    const char *v = scalar(item);
    if (!v || !*v)
      return fail(r, item, "'%s' must be a list of strings", key);
    out->items[out->count++] = tx_arena_str(&r->cfg->arena, v, strlen(v));
  }
  return true;
}

static bool read_bool(Reader *r, yaml_node_t *node, const char *key, bool *out) {
  const char *v = scalar(node);
  if (v && (strcmp(v, "true") == 0 || strcmp(v, "yes") == 0 || strcmp(v, "on") == 0))
    return *out = true, true;
  if (v && (strcmp(v, "false") == 0 || strcmp(v, "no") == 0 || strcmp(v, "off") == 0))
    return *out = false, true;
  return fail(r, node, "'%s' must be true or false", key);
}

static bool read_level(Reader *r, yaml_node_t *node, TxSeverity *out) {
  const char *v = scalar(node);
  if (!v || !tx_severity_parse(v, out) || *out == TX_SEV_NONE)
    return fail(r, node, "level must be error, warning or note, not '%s'", v ? v : "a list");
  return true;
}

// rules: { tenant-filter: { enabled: false, level: warning } }
static bool read_rules(Reader *r, yaml_node_t *node) {
  if (node->type != YAML_MAPPING_NODE)
    return fail(r, node, "'%s' must be a mapping of rule ids", "rules");
  uint32_t n = (uint32_t)(node->data.mapping.pairs.top - node->data.mapping.pairs.start);
  r->cfg->rules = TX_ARENA_ARRAY(&r->cfg->arena, TxRuleSetting, n ? n : 1);
  for (yaml_node_pair_t *p = node->data.mapping.pairs.start; p < node->data.mapping.pairs.top;
       p++) {
    yaml_node_t *k = yaml_document_get_node(&r->doc, p->key);
    yaml_node_t *v = yaml_document_get_node(&r->doc, p->value);
    const char *id = scalar(k);
    if (!id || !r->known(tx_str(id)))
      return fail(r, k, "unknown rule '%s' (see --list-rules)", id ? id : "?");
    TxRuleSetting *s = &r->cfg->rules[r->cfg->rule_count++];
    s->id = tx_arena_str(&r->cfg->arena, id, strlen(id));
    s->enabled = -1;
    s->level = TX_SEV_NONE;
    s->rls_backed = -1;
    if (v->type != YAML_MAPPING_NODE)
      return fail(r, v, "rule '%s' takes a mapping with 'enabled' and 'level'", id);
    for (yaml_node_pair_t *q = v->data.mapping.pairs.start; q < v->data.mapping.pairs.top; q++) {
      yaml_node_t *kk = yaml_document_get_node(&r->doc, q->key);
      yaml_node_t *vv = yaml_document_get_node(&r->doc, q->value);
      const char *name = scalar(kk);
      bool on = false;
      if (name && strcmp(name, "enabled") == 0) {
        if (!read_bool(r, vv, "enabled", &on))
          return false;
        s->enabled = on;
      } else if (name && strcmp(name, "level") == 0) {
        if (!read_level(r, vv, &s->level))
          return false;
      } else if (name && strcmp(name, "rls_backed") == 0 &&
                 tx_config_rule_takes_rls_backed(s->id)) {
        if (!read_bool(r, vv, "rls_backed", &on))
          return false;
        s->rls_backed = on;
      } else {
        return fail(r, kk, "unknown key '%s' in a rule (expected enabled, level%s)",
                    name ? name : "?",
                    tx_config_rule_takes_rls_backed(s->id) ? ", rls_backed" : "");
      }
    }
  }
  return true;
}

// tenant_root: one table or a list of them, each "name" or "schema.name" as PostgreSQL stores
// it (lower case unless the migrations quote it).
static bool read_roots(Reader *r, yaml_node_t *node) {
  TxStrList *out = &r->cfg->tenant_roots;
  if (node->type == YAML_SCALAR_NODE) {
    out->items = TX_ARENA_ARRAY(&r->cfg->arena, TxStr, 1);
    out->count = 0;
    const char *v = scalar(node);
    if (*v)
      out->items[out->count++] = tx_arena_str(&r->cfg->arena, v, strlen(v));
  } else if (!read_list(r, "tenant_root", node, out)) {
    return false;
  }
  if (out->count == 0)
    return fail(r, node, "'%s' must name a table or a list of tables", "tenant_root");
  for (uint32_t i = 0; i < out->count; i++) {
    TxStr v = out->items[i];
    const char *dot = memchr(v.ptr, '.', v.len);
    bool ok = !dot || (dot != v.ptr && dot + 1 < v.ptr + v.len &&
                       !memchr(dot + 1, '.', (size_t)(v.ptr + v.len - dot - 1)));
    if (!ok)
      return fail(r, node, "'%s' entries must be a table or schema.table, not '%.*s'",
                  "tenant_root", TX_STR_ARG(v));
  }
  return true;
}

// "5MB", "512KB", "100000" -> bytes.
static bool read_size(Reader *r, yaml_node_t *node, uint64_t *out) {
  const char *v = scalar(node);
  char *end;
  unsigned long long n = v ? strtoull(v, &end, 10) : 0;
  if (!v || end == v || v[0] == '-')
    return fail(r, node, "'%s' must be a size such as 5MB", "max_file_size");
  uint64_t mult = 1;
  if (strcmp(end, "KB") == 0 || strcmp(end, "kB") == 0)
    mult = 1024;
  else if (strcmp(end, "MB") == 0)
    mult = (uint64_t)1024 * 1024;
  else if (strcmp(end, "GB") == 0)
    mult = 1024ull * 1024 * 1024;
  else if (*end)
    return fail(r, node, "'%s' must be a size such as 5MB", "max_file_size");
  if (n == 0 || n > (1ull << 40) / mult)
    return fail(r, node, "'%s' is out of range", "max_file_size");
  *out = n * mult;
  return true;
}

// A whole number in [lo, hi] ("'max_depth' must be a number from 10 to 100000").
static bool read_number(Reader *r, yaml_node_t *v, const char *key, unsigned long lo,
                        unsigned long hi, const char *unit, uint32_t *out) {
  const char *s = scalar(v);
  char *end;
  unsigned long n = s ? strtoul(s, &end, 10) : 0;
  if (!s || *end || n < lo || n > hi)
    return fail(r, v, "'%s' must be a number %sfrom %lu to %lu", key, unit, lo, hi);
  *out = (uint32_t)n;
  return true;
}

static bool read_key(Reader *r, const char *key, yaml_node_t *v, bool fail_level_set) {
  TxConfig *cfg = r->cfg;
  struct {
    const char *key;
    TxStrList *list;
  } lists[] = {{"tenant_columns", &cfg->tenant_columns},
               {"marker_tables", &cfg->marker_tables},
               {"independent_tables", &cfg->independent_tables},
               {"effect_calls", &cfg->effect_calls},
               {"webhook_calls", &cfg->webhook_calls},
               {"client_factories", &cfg->client_factories},
               {"include", &cfg->include},
               {"exclude", &cfg->exclude},
               {"migrations", &cfg->migrations}};
  for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
    if (strcmp(key, lists[i].key) == 0) {
      cfg->marker_tables_set |= lists[i].list == &cfg->marker_tables;
      return read_list(r, key, v, lists[i].list);
    }
  }
  if (strcmp(key, "rules") == 0)
    return read_rules(r, v);
  if (strcmp(key, "tenant_root") == 0)
    return read_roots(r, v);
  if (strcmp(key, "max_file_size") == 0)
    return read_size(r, v, &cfg->max_file_bytes);
  if (strcmp(key, "max_depth") == 0)
    return read_number(r, v, key, 10, 100000, "", &cfg->max_depth);
  if (strcmp(key, "time_budget_ms") == 0)
    return read_number(r, v, key, 100, 3600000, "of milliseconds ", &cfg->time_budget_ms);
  if (strcmp(key, "run_budget_ms") == 0) // --run-budget-ms wins (cli.c sets it afterwards)
    return read_number(r, v, key, 100, 86400000, "of milliseconds ", &cfg->run_budget_ms);
  if (strcmp(key, "fail_level") == 0) {
    TxSeverity s;
    if (!scalar(v) || !tx_severity_parse(scalar(v), &s))
      return fail(r, v, "'%s' must be error, warning, note or none", key);
    if (!fail_level_set)
      cfg->fail_level = s;
    return true;
  }
  return false;
}

bool tx_config_parse(TxConfig *cfg, const char *path, const char *data, size_t len,
                     bool fail_level_set, TxRuleKnown known, char *err, size_t n) {
  err[0] = '\0';
  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
  Reader r = {.cfg = cfg, .path = path, .known = known, .err = err, .n = n};
  bool ok = yaml_parser_load(&parser, &r.doc) != 0;
  if (!ok) {
    snprintf(err, n, "%s:%lu: invalid YAML: %s", path, (unsigned long)parser.problem_mark.line + 1,
             parser.problem ? parser.problem : "parse error");
    yaml_parser_delete(&parser);
    return false;
  }
  yaml_node_t *root = yaml_document_get_root_node(&r.doc);
  if (root && root->type == YAML_SCALAR_NODE && !*scalar(root))
    root = NULL; // an empty file
  if (root && root->type != YAML_MAPPING_NODE)
    ok = fail(&r, root, "the configuration must be a mapping of %s", "keys");
  for (yaml_node_pair_t *p = root && ok ? root->data.mapping.pairs.start : NULL;
       p && p < root->data.mapping.pairs.top && ok; p++) {
    yaml_node_t *k = yaml_document_get_node(&r.doc, p->key);
    yaml_node_t *v = yaml_document_get_node(&r.doc, p->value);
    const char *key = scalar(k);
    bool twice = false;
    for (uint32_t i = 0; key && i < r.seen.count && !twice; i++)
      twice = strcmp(r.seen.items[i], key) == 0;
    if (twice) {
      fail(&r, k, "'%s' is given twice", key);
      ok = false;
      break;
    }
    bool handled = key && read_key(&r, key, v, fail_level_set);
    if (handled)
      TX_ARRAY_PUSH(&r.seen, key);
    if (!handled && err[0] == '\0')
      fail(&r, k, "unknown key '%s'", key ? key : "?");
    ok = handled;
  }
  TX_ARRAY_FREE(&r.seen);
  yaml_document_delete(&r.doc);
  yaml_parser_delete(&parser);
  return ok;
}

// Configuration files are small; a larger one (or a FIFO, a device) is refused rather than
// read: reading never blocks and never takes unbounded memory.
enum { MAX_CONFIG_BYTES = 1024 * 1024 };

// The file at `path` into `a`, NUL-terminated. Opened without blocking and checked with
// fstat before a byte is read, so a FIFO is refused, never waited on. The reasons are
// word for word those of source/'s tx_source_read_file, which reads every other file:
// a message names a problem the same way whichever file it is about.
static bool read_text(const char *path, TxArena *a, const char **text, size_t *len,
                      const char **why) {
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    *why = errno == ENOENT   ? "no such file"
           : errno == EACCES ? "permission denied"
           : errno == ELOOP  ? "too many levels of symbolic links"
                             : strerror(errno);
    return false;
  }
  struct stat st;
  FILE *f = NULL;
  bool stat_ok = fstat(fd, &st) == 0;
  if (stat_ok && S_ISDIR(st.st_mode))
    *why = "is a directory";
  else if (stat_ok && !S_ISREG(st.st_mode))
    *why = "not a regular file";
  else if (stat_ok && (uint64_t)st.st_size > MAX_CONFIG_BYTES)
    *why = "larger than the maximum file size";
  else if (!stat_ok || !(f = fdopen(fd, "rb")))
    *why = strerror(errno);
  if (!f) {
    close(fd);
    return false;
  }
  char *buf = tx_arena_alloc(a, (size_t)st.st_size + 1);
  *len = fread(buf, 1, (size_t)st.st_size, f); // a file that shrank meanwhile: what is there
  bool ok = !ferror(f);
  if (!ok)
    *why = strerror(errno);
  fclose(f); // closes fd
  buf[*len] = '\0';
  *text = buf;
  return ok;
}

static bool read_config(TxConfig *cfg, const char *path, bool fail_level_set, TxRuleKnown known,
                        char *err, size_t n) {
  TxArena tmp;
  tx_arena_init(&tmp);
  const char *text = NULL, *why = NULL;
  size_t len = 0;
  bool ok = read_text(path, &tmp, &text, &len, &why);
  if (!ok)
    snprintf(err, n, "%s: cannot read the configuration file: %s", path, why ? why : "error");
  else
    ok = tx_config_parse(cfg, path, text, len, fail_level_set, known, err, n);
  tx_arena_fini(&tmp);
  return ok;
}

bool tx_config_load_project(TxConfig *cfg, bool fail_level_set, TxRuleKnown known, char *err,
                            size_t n) {
  char root[PATH_MAX];
  err[0] = '\0';
  if (!tx_config_find_root(cfg->path_count ? cfg->paths[0] : ".", root)) {
    snprintf(err, n, "cannot determine the project root (is the current directory gone?)");
    return false;
  }
  cfg->root = tx_arena_str(&cfg->arena, root, strlen(root)).ptr;
  // The configuration is the root's .txlint.yml: a nearer one would have been the root, and
  // one above the root (beyond the repository, say) is not this project's. --config wins.
  if (!cfg->config_path && has(root, ".txlint.yml", false)) {
    char path[PATH_MAX + 16];
    snprintf(path, sizeof path, "%s%s.txlint.yml", root, strcmp(root, "/") == 0 ? "" : "/");
    cfg->config_path = tx_arena_str(&cfg->arena, path, strlen(path)).ptr;
  }
  return !cfg->config_path || read_config(cfg, cfg->config_path, fail_level_set, known, err, n);
}
