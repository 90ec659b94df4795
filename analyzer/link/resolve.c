// resolve.c: see resolve.h. Files are looked up by path with a binary search over the
// program's files, which the driver keeps sorted by path.
#include "resolve.h"

#include <dirent.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

typedef struct Alias {
  char *pattern;  // "@/*" or "~lib"
  char **targets; // "src/*", relative to baseUrl
  uint32_t target_count;
} Alias;

// A package of the monorepo's workspaces (package.json `workspaces`, pnpm-workspace.yaml).
typedef struct Package {
  char *name;  // package.json "name": "@acme/db"
  char *dir;   // relative to the root: "packages/db"
  json_t *pkg; // its package.json (owned): "exports", "types", "module", "main"
} Package;

// A module resolution already made: which file `spec`, imported from `from`, names. The link
// stage resolves each import several times (constants, clients, client kinds, calls,
// builders) and the relevance closure once more; each resolution joins paths and searches the
// file list for up to a dozen candidates, which was a sixth of a warm run. The answer depends
// only on the two and the resolver's configuration, which do not change while it lives.
typedef struct Memo {
  uint64_t hash; // 0: an empty slot
  uint32_t from;
  uint32_t result;
  char *spec; // heap, NUL-terminated
  uint32_t spec_len;
} Memo;

struct TxResolver {
  const TxProgram *p;
  char *base_url; // relative to the root, "" for the root itself; NULL when not set
  Alias *aliases;
  uint32_t alias_count;
  Package *packages;
  uint32_t package_count;
  struct MemoTable *memo; // never NULL; the table changes through a const resolver
};

typedef struct MemoTable {
  Memo *slots; // open addressing, cap a power of two, at most half full
  uint32_t cap, count;
} MemoTable;

uint32_t tx_resolver_file(const TxResolver *r, TxStr path) {
  return tx_program_find_file(r->p, path);
}

// tsconfig.json is JSONC: strips // and /* */ comments and trailing commas, in place.
static void strip_jsonc(char *s) {
  char *out = s;
  bool in_str = false;
  for (char *p = s; *p;) {
    if (in_str) {
      if (*p == '\\' && p[1]) {
        *out++ = *p++;
      } else if (*p == '"') {
        in_str = false;
      }
      *out++ = *p++;
    } else if (*p == '"') {
      in_str = true;
      *out++ = *p++;
    } else if (p[0] == '/' && p[1] == '/') {
      while (*p && *p != '\n')
        p++;
    } else if (p[0] == '/' && p[1] == '*') {
      p += 2;
      while (*p && !(p[0] == '*' && p[1] == '/'))
        p++;
      if (*p)
        p += 2;
    } else if (*p == ',') {
      char *q = p + 1;
      while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r')
        q++;
      if (*q == '}' || *q == ']')
        p++; // drop the trailing comma
      else
        *out++ = *p++;
    } else {
      *out++ = *p++;
    }
  }
  *out = '\0';
}

static char *read_small_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  char *buf = tx_xmalloc(1 << 20);
  size_t n = fread(buf, 1, (1 << 20) - 1, f);
  fclose(f);
  buf[n] = '\0';
  return buf;
}

// "./src" -> "src", "." -> ""
static char *clean_dir(const char *s) {
  while (s[0] == '.' && s[1] == '/')
    s += 2;
  if (strcmp(s, ".") == 0)
    s = "";
  char *d = tx_xstrdup(s);
  size_t n = strlen(d);
  while (n > 0 && d[n - 1] == '/')
    d[--n] = '\0';
  return d;
}

static void read_tsconfig(TxResolver *r) {
  const char *names[] = {"tsconfig.json", "jsconfig.json"};
  char *text = NULL;
  for (size_t i = 0; i < 2 && !text; i++) {
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%.*s/%s", TX_STR_ARG(r->p->root), names[i]);
    text = read_small_file(path);
  }
  if (!text)
    return;
  strip_jsonc(text);
  json_error_t err;
  json_t *root = json_loads(text, 0, &err);
  free(text);
  json_t *opts = root ? json_object_get(root, "compilerOptions") : NULL;
  json_t *base = opts ? json_object_get(opts, "baseUrl") : NULL;
  json_t *paths = opts ? json_object_get(opts, "paths") : NULL;
  if (json_is_string(base))
    r->base_url = clean_dir(json_string_value(base));
  if (json_is_object(paths)) {
    size_t n = json_object_size(paths);
    r->aliases = tx_xcalloc(n ? n : 1, sizeof(Alias));
    const char *key;
    json_t *val;
    json_object_foreach(paths, key, val) {
      if (!json_is_array(val))
        continue;
      Alias *a = &r->aliases[r->alias_count++];
      a->pattern = tx_xstrdup(key);
      a->targets = tx_xcalloc(json_array_size(val) + 1, sizeof(char *));
      size_t i;
      json_t *t;
      json_array_foreach(val, i, t) {
        if (json_is_string(t))
          a->targets[a->target_count++] = tx_xstrdup(json_string_value(t));
      }
    }
    if (!r->base_url)
      r->base_url = tx_xstrdup(""); // paths without baseUrl are relative to the tsconfig
  }
  json_decref(root);
}

// --- workspaces -------------------------------------------------------------------------------

enum { MAX_PACKAGES = 512, MAX_WORKSPACE_PATTERNS = 256 };

static json_t *read_json(const char *path) {
  char *text = read_small_file(path);
  if (!text)
    return NULL;
  json_t *j = json_loads(text, 0, NULL);
  free(text);
  return j;
}

// The package in folder `dir` (relative to the root), when its package.json has a name.
static void add_package(TxResolver *r, const char *dir) {
  char path[PATH_MAX];
  if (r->package_count >= MAX_PACKAGES ||
      snprintf(path, sizeof path, "%.*s/%s%spackage.json", TX_STR_ARG(r->p->root), dir,
               dir[0] ? "/" : "") >= (int)sizeof path)
    return;
  json_t *pkg = read_json(path);
  json_t *name = json_object_get(pkg, "name");
  if (!json_is_string(name) || json_string_length(name) == 0) {
    json_decref(pkg);
    return;
  }
  for (uint32_t i = 0; i < r->package_count; i++) {
    if (strcmp(r->packages[i].name, json_string_value(name)) == 0) { // listed twice
      json_decref(pkg);
      return;
    }
  }
  if (!r->packages)
    r->packages = tx_xcalloc(MAX_PACKAGES, sizeof(Package));
  Package *p = &r->packages[r->package_count++];
  p->name = tx_xstrdup(json_string_value(name));
  p->dir = tx_xstrdup(dir);
  p->pkg = pkg;
}

// A workspace pattern: a folder ("packages/db"), or the folders in one ("packages/*"; "/**"
// is read as one level, where monorepos keep their packages). Negations and other globs are
// not read.
static void add_pattern(TxResolver *r, const char *pattern) {
  char *dir = clean_dir(pattern);
  size_t n = strlen(dir);
  bool star = false;
  if (n >= 2 && strcmp(dir + n - 2, "/*") == 0) {
    dir[n - 2] = '\0';
    star = true;
  } else if (n >= 3 && strcmp(dir + n - 3, "/**") == 0) {
    dir[n - 3] = '\0';
    star = true;
  }
  if (dir[0] == '!' || strchr(dir, '*') || strstr(dir, "..")) {
    free(dir);
    return;
  }
  if (!star) {
    add_package(r, dir);
    free(dir);
    return;
  }
  char path[PATH_MAX];
  snprintf(path, sizeof path, "%.*s/%s", TX_STR_ARG(r->p->root), dir);
  DIR *d = opendir(path);
  struct dirent *e;
  // Entries in name order would be nicer, but a name is unique: order does not change which
  // package a specifier names.
  while (d && (e = readdir(d)) != NULL && r->package_count < MAX_PACKAGES) {
    if (e->d_name[0] == '.')
      continue;
    char sub[PATH_MAX];
    if (snprintf(sub, sizeof sub, "%s%s%s", dir, dir[0] ? "/" : "", e->d_name) < (int)sizeof sub)
      add_package(r, sub);
  }
  if (d)
    closedir(d);
  free(dir);
}

// pnpm-workspace.yaml's `packages:` list, read line by line: `- 'packages/*'` items under
// the key, quoted or not, until the next top-level key.
static void read_pnpm_workspace(TxResolver *r) {
  char path[PATH_MAX];
  snprintf(path, sizeof path, "%.*s/pnpm-workspace.yaml", TX_STR_ARG(r->p->root));
  char *text = read_small_file(path);
  if (!text)
    return;
  bool in_list = false;
  uint32_t patterns = 0;
  for (char *line = strtok(text, "\n"); line && patterns < MAX_WORKSPACE_PATTERNS;
       line = strtok(NULL, "\n")) {
    char *p = line;
    while (*p == ' ' || *p == '\t')
      p++;
    if (*p == '#' || *p == '\0' || *p == '\r')
      continue;
    if (p == line && *p != '-') { // a top-level key
      in_list = strncmp(p, "packages:", 9) == 0;
      continue;
    }
    if (!in_list || *p != '-')
      continue;
    p++;
    while (*p == ' ' || *p == '\t')
      p++;
    char quote = '\0';
    if (*p == '\'' || *p == '"')
      quote = *p++;
    char *end = p;
    while (*end && *end != '\r' && (quote ? *end != quote : (*end != ' ' && *end != '#')))
      end++;
    *end = '\0';
    if (*p) {
      add_pattern(r, p);
      patterns++;
    }
  }
  free(text);
}

// The workspaces of the root package.json (`"workspaces": [...]` or `{"packages": [...]}`)
// and of pnpm-workspace.yaml.
static void read_workspaces(TxResolver *r) {
  char path[PATH_MAX];
  snprintf(path, sizeof path, "%.*s/package.json", TX_STR_ARG(r->p->root));
  json_t *root = read_json(path);
  json_t *ws = json_object_get(root, "workspaces");
  if (json_is_object(ws))
    ws = json_object_get(ws, "packages");
  size_t i;
  json_t *v;
  json_array_foreach(ws, i, v) {
    if (json_is_string(v) && i < MAX_WORKSPACE_PATTERNS)
      add_pattern(r, json_string_value(v));
  }
  json_decref(root);
  read_pnpm_workspace(r);
}

TxResolver *tx_resolver_new(const TxProgram *p) {
  TxResolver *r = tx_xcalloc(1, sizeof *r);
  r->p = p;
  r->memo = tx_xcalloc(1, sizeof *r->memo);
  read_tsconfig(r);
  read_workspaces(r);
  return r;
}

void tx_resolver_free(TxResolver *r) {
  if (!r)
    return;
  for (uint32_t i = 0; i < r->memo->cap; i++)
    free(r->memo->slots[i].spec);
  free(r->memo->slots);
  free(r->memo);
  for (uint32_t i = 0; i < r->alias_count; i++) {
    for (uint32_t k = 0; k < r->aliases[i].target_count; k++)
      free(r->aliases[i].targets[k]);
    free(r->aliases[i].targets);
    free(r->aliases[i].pattern);
  }
  free(r->aliases);
  for (uint32_t i = 0; i < r->package_count; i++) {
    free(r->packages[i].name);
    free(r->packages[i].dir);
    json_decref(r->packages[i].pkg);
  }
  free(r->packages);
  free(r->base_url);
  free(r);
}

// Joins and normalises "a/b" + "../c/./d" -> "a/c/d". False when it climbs above the root.
static bool join(const char *dir, const char *rel, char *out, size_t n) {
  char tmp[PATH_MAX];
  if (snprintf(tmp, sizeof tmp, "%s%s%s", dir, dir[0] ? "/" : "", rel) >= (int)sizeof tmp)
    return false;
  const char *parts[256];
  size_t lens[256], count = 0;
  for (char *p = tmp; *p;) {
    char *slash = strchr(p, '/');
    size_t len = slash ? (size_t)(slash - p) : strlen(p);
    if (len == 0 || (len == 1 && p[0] == '.')) {
      /* skip */
    } else if (len == 2 && p[0] == '.' && p[1] == '.') {
      if (count == 0)
        return false;
      count--;
    } else if (count < 256) {
      parts[count] = p;
      lens[count++] = len;
    }
    p += len + (slash ? 1 : 0);
  }
  size_t used = 0;
  out[0] = '\0';
  for (size_t i = 0; i < count; i++) {
    int w = snprintf(out + used, n - used, "%s%.*s", i ? "/" : "", (int)lens[i], parts[i]);
    if (w < 0 || (size_t)w >= n - used)
      return false;
    used += (size_t)w;
  }
  return true;
}

static uint32_t try_candidates(const TxResolver *r, const char *base) {
  static const char *const exts[] = {".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"};
  char buf[PATH_MAX];
  uint32_t hit = tx_resolver_file(r, tx_str(base));
  if (hit != TX_NONE)
    return hit;
  size_t n = strlen(base);
  // import './x.js' in TypeScript ESM means ./x.ts
  const char *dot = strrchr(base, '.');
  if (dot && (strcmp(dot, ".js") == 0 || strcmp(dot, ".jsx") == 0 || strcmp(dot, ".mjs") == 0)) {
    const char *ts = strcmp(dot, ".js") == 0 ? ".ts" : strcmp(dot, ".jsx") == 0 ? ".tsx" : ".mts";
    snprintf(buf, sizeof buf, "%.*s%s", (int)(dot - base), base, ts);
    if ((hit = tx_resolver_file(r, tx_str(buf))) != TX_NONE)
      return hit;
  }
  for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
    snprintf(buf, sizeof buf, "%s%s", base, exts[i]);
    if ((hit = tx_resolver_file(r, tx_str(buf))) != TX_NONE)
      return hit;
  }
  for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
    snprintf(buf, sizeof buf, "%s%sindex%s", base, n ? "/" : "", exts[i]);
    if ((hit = tx_resolver_file(r, tx_str(buf))) != TX_NONE)
      return hit;
  }
  return TX_NONE;
}

static uint32_t resolve_alias(const TxResolver *r, const char *spec) {
  for (uint32_t i = 0; i < r->alias_count; i++) {
    const Alias *a = &r->aliases[i];
    const char *star = strchr(a->pattern, '*');
    size_t pre = star ? (size_t)(star - a->pattern) : strlen(a->pattern);
    const char *suffix = star ? star + 1 : "";
    size_t slen = strlen(spec), suf = strlen(suffix);
    bool match = star ? strncmp(spec, a->pattern, pre) == 0 && slen >= pre + suf &&
                            strcmp(spec + slen - suf, suffix) == 0
                      : strcmp(spec, a->pattern) == 0;
    if (!match)
      continue;
    for (uint32_t k = 0; k < a->target_count; k++) {
      char sub[PATH_MAX], path[PATH_MAX];
      const char *t = a->targets[k];
      const char *tstar = strchr(t, '*');
      if (tstar)
        snprintf(sub, sizeof sub, "%.*s%.*s%s", (int)(tstar - t), t, (int)(slen - pre - suf),
                 spec + pre, tstar + 1);
      else
        snprintf(sub, sizeof sub, "%s", t);
      if (!join(r->base_url ? r->base_url : "", sub, path, sizeof path))
        continue;
      uint32_t hit = try_candidates(r, path);
      if (hit != TX_NONE)
        return hit;
    }
  }
  return TX_NONE;
}

// A path inside package `pkg` (`./dist/tables.js`, `src/index.ts`): the file itself or its
// source. A monorepo's build output is often not committed, so a target under dist/, build/,
// lib/ or out/ is also tried under src/, and a declaration file (`.d.ts`) as its module.
static uint32_t package_file(const TxResolver *r, const Package *pkg, const char *target) {
  char path[PATH_MAX], src[PATH_MAX];
  if (!join(pkg->dir, target, path, sizeof path))
    return TX_NONE;
  size_t n = strlen(path);
  if (n > 5 && strcmp(path + n - 5, ".d.ts") == 0)
    path[n - 5] = '\0';
  uint32_t hit = try_candidates(r, path);
  if (hit != TX_NONE)
    return hit;
  size_t dl = strlen(pkg->dir);
  const char *rest = path + dl + (dl ? 1 : 0);
  static const char *const built[] = {"dist/", "build/", "lib/", "out/"};
  for (size_t i = 0; i < sizeof built / sizeof built[0]; i++) {
    size_t bl = strlen(built[i]);
    if (strncmp(rest, built[i], bl) != 0)
      continue;
    snprintf(src, sizeof src, "%s%ssrc/%s", pkg->dir, dl ? "/" : "", rest + bl);
    return try_candidates(r, src);
  }
  return TX_NONE;
}

// An `exports` value: a path, an array of them (the first that resolves), or conditions
// (`types`, `import`, `module`, `default`, `require`, `node`, in that order). `star` replaces
// the `*` of a pattern's target.
static uint32_t export_target(const TxResolver *r, const Package *pkg, json_t *v, const char *star,
                              int depth) {
  if (depth > 8)
    return TX_NONE;
  if (json_is_string(v)) {
    char sub[PATH_MAX];
    const char *t = json_string_value(v);
    const char *at = star ? strchr(t, '*') : NULL;
    if (at)
      snprintf(sub, sizeof sub, "%.*s%s%s", (int)(at - t), t, star, at + 1);
    else
      snprintf(sub, sizeof sub, "%s", t);
    return package_file(r, pkg, sub);
  }
  size_t i;
  json_t *e;
  uint32_t hit = TX_NONE;
  json_array_foreach(v, i, e) {
    if (hit == TX_NONE && i < 16)
      hit = export_target(r, pkg, e, star, depth + 1);
  }
  static const char *const conditions[] = {"types",   "import",  "module",
                                           "default", "require", "node"};
  for (size_t k = 0; json_is_object(v) && hit == TX_NONE && k < 6; k++) {
    json_t *c = json_object_get(v, conditions[k]);
    if (c)
      hit = export_target(r, pkg, c, star, depth + 1);
  }
  return hit;
}

// Subpath `sub` ("." or "./tables") through the package's `exports`: an exact key, else a
// `./x/*` pattern; exports without subpath keys stand for "." alone.
static uint32_t package_export(const TxResolver *r, const Package *pkg, json_t *exports,
                               const char *sub) {
  const char *key;
  json_t *v;
  bool subpaths = false;
  json_object_foreach(exports, key, v) {
    subpaths |= key[0] == '.';
  }
  if (!subpaths)
    return strcmp(sub, ".") == 0 ? export_target(r, pkg, exports, NULL, 0) : TX_NONE;
  json_t *exact = json_object_get(exports, sub);
  if (exact)
    return export_target(r, pkg, exact, NULL, 0);
  size_t sl = strlen(sub);
  json_object_foreach(exports, key, v) {
    const char *star = strchr(key, '*');
    if (!star)
      continue;
    size_t pre = (size_t)(star - key), suf = strlen(star + 1);
    if (sl < pre + suf || strncmp(sub, key, pre) != 0 || strcmp(sub + sl - suf, star + 1) != 0)
      continue;
    char mid[PATH_MAX];
    snprintf(mid, sizeof mid, "%.*s", (int)(sl - pre - suf), sub + pre);
    return export_target(r, pkg, v, mid, 0);
  }
  return TX_NONE;
}

// A specifier naming a workspace package (`@acme/db`, `@acme/db/tables`): its `exports`
// when it has them (as Node and TypeScript's bundler resolution read them), else `types`,
// `module`, `main` or an index for the package itself and the path inside it for a subpath,
// each also under src/.
static uint32_t resolve_workspace(const TxResolver *r, const char *spec) {
  for (uint32_t i = 0; i < r->package_count; i++) {
    const Package *pkg = &r->packages[i];
    size_t n = strlen(pkg->name);
    if (strncmp(spec, pkg->name, n) != 0 || (spec[n] != '\0' && spec[n] != '/'))
      continue;
    char sub[PATH_MAX];
    snprintf(sub, sizeof sub, ".%s", spec + n); // "." or "./tables"
    json_t *exports = json_object_get(pkg->pkg, "exports");
    if (exports && !json_is_null(exports))
      return json_is_object(exports) ? package_export(r, pkg, exports, sub)
             : strcmp(sub, ".") == 0 ? export_target(r, pkg, exports, NULL, 0)
                                     : TX_NONE;
    if (strcmp(sub, ".") == 0) {
      static const char *const fields[] = {"types", "typings", "module", "main"};
      for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++) {
        json_t *f = json_object_get(pkg->pkg, fields[k]);
        uint32_t hit = json_is_string(f) ? package_file(r, pkg, json_string_value(f)) : TX_NONE;
        if (hit != TX_NONE)
          return hit;
      }
      uint32_t hit = package_file(r, pkg, ".");
      return hit != TX_NONE ? hit : package_file(r, pkg, "src");
    }
    uint32_t hit = package_file(r, pkg, sub);
    if (hit == TX_NONE) {
      char in_src[PATH_MAX + 8];
      snprintf(in_src, sizeof in_src, "src/%s", sub + 2);
      hit = package_file(r, pkg, in_src);
    }
    return hit;
  }
  return TX_NONE;
}

static uint32_t resolve_uncached(const TxResolver *r, const TxFile *from, TxStr spec);

static uint64_t memo_hash(uint32_t from, TxStr spec) {
  uint64_t h = XXH3_64bits_withSeed(spec.ptr, spec.len, from);
  return h ? h : 1;
}

static void memo_put(Memo *table, uint32_t cap, Memo m) {
  uint32_t i = (uint32_t)m.hash & (cap - 1);
  while (table[i].hash)
    i = (i + 1) & (cap - 1);
  table[i] = m;
}

uint32_t tx_resolve_module(const TxResolver *r, const TxFile *from, TxStr spec) {
  MemoTable *t = r->memo;
  uint64_t h = memo_hash(from->id, spec);
  if (t->cap) {
    for (uint32_t i = (uint32_t)h & (t->cap - 1); t->slots[i].hash; i = (i + 1) & (t->cap - 1)) {
      const Memo *m = &t->slots[i];
      if (m->hash == h && m->from == from->id && m->spec_len == spec.len &&
          (spec.len == 0 || memcmp(m->spec, spec.ptr, spec.len) == 0))
        return m->result;
    }
  }
  uint32_t result = resolve_uncached(r, from, spec);
  if ((t->count + 1) * 2 > t->cap) {
    uint32_t cap = t->cap ? t->cap * 2 : 1024;
    Memo *grown = tx_xcalloc(cap, sizeof *grown);
    for (uint32_t i = 0; i < t->cap; i++) {
      if (t->slots[i].hash)
        memo_put(grown, cap, t->slots[i]);
    }
    free(t->slots);
    t->slots = grown;
    t->cap = cap;
  }
  char *copy = tx_xmalloc((size_t)spec.len + 1);
  if (spec.len)
    memcpy(copy, spec.ptr, spec.len);
  copy[spec.len] = '\0';
  Memo m = {h, from->id, result, copy, spec.len};
  memo_put(t->slots, t->cap, m);
  t->count++;
  return result;
}

static uint32_t resolve_uncached(const TxResolver *r, const TxFile *from, TxStr spec) {
  char s[PATH_MAX], path[PATH_MAX];
  if (spec.len == 0 || spec.len >= sizeof s)
    return TX_NONE;
  memcpy(s, spec.ptr, spec.len);
  s[spec.len] = '\0';
  if (s[0] == '.') {
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%.*s", TX_STR_ARG(from->src.path));
    char *slash = strrchr(dir, '/');
    if (slash)
      *slash = '\0';
    else
      dir[0] = '\0';
    if (!join(dir, s, path, sizeof path))
      return TX_NONE;
    return try_candidates(r, path);
  }
  uint32_t hit = resolve_alias(r, s);
  if (hit == TX_NONE)
    hit = resolve_workspace(r, s);
  if (hit != TX_NONE || !r->base_url)
    return hit;
  if (!join(r->base_url, s, path, sizeof path))
    return TX_NONE;
  return try_candidates(r, path);
}

// A depth-first search with a bound on the steps, so re-export cycles end. A named export
// or re-export of `name` that resolves is followed alone; else every `export * from` target
// is tried in order until one leads to the definition (the first star target that resolves
// is not enough: a barrel file re-exports several modules).
bool tx_resolve_export(const TxResolver *r, uint32_t file, TxStr name, uint32_t *def_file,
                       TxStr *def_name) {
  enum { MAX_STEPS = 64 };
  struct {
    uint32_t file;
    TxStr name;
  } stack[MAX_STEPS];
  uint32_t top = 0;
  if (file != TX_NONE) {
    stack[top].file = file;
    stack[top++].name = name;
  }
  for (int steps = 0; top > 0 && steps < MAX_STEPS; steps++) {
    top--;
    uint32_t at = stack[top].file;
    TxStr want = stack[top].name;
    const TxFile *f = r->p->files[at];
    bool named = false;
    for (uint32_t i = 0; i < f->export_count; i++) {
      const TxExport *e = &f->exports[i];
      if (!tx_str_eq(e->exported, want))
        continue;
      if (e->from.len == 0) {
        *def_file = at;
        *def_name = e->local.len ? e->local : want;
        return true;
      }
      uint32_t next = tx_resolve_module(r, f, e->from);
      if (next != TX_NONE) {
        stack[top].file = next;
        stack[top++].name = e->local;
        named = true;
      }
      break;
    }
    // export * from './x': pushed last first, so they are tried in order.
    for (uint32_t i = f->export_count; i-- > 0 && !named && top < MAX_STEPS;) {
      uint32_t next = tx_str_eq_c(f->exports[i].exported, "*") && f->exports[i].from.len
                          ? tx_resolve_module(r, f, f->exports[i].from)
                          : TX_NONE;
      if (next != TX_NONE) {
        stack[top].file = next;
        stack[top++].name = want;
      }
    }
  }
  return false;
}
