// resolve.c: see resolve.h. Files are looked up by path with a binary search over the
// program's files, which the driver keeps sorted by path.
#include "resolve.h"

#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Alias {
  char *pattern;  // "@/*" or "~lib"
  char **targets; // "src/*", relative to baseUrl
  uint32_t target_count;
} Alias;

struct TxResolver {
  const TxProgram *p;
  char *base_url; // relative to the root, "" for the root itself; NULL when not set
  Alias *aliases;
  uint32_t alias_count;
};

uint32_t tx_resolver_file(const TxResolver *r, TxStr path) {
  uint32_t lo = 0, hi = r->p->file_count;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    int c = tx_str_cmp(r->p->files[mid]->src.path, path);
    if (c == 0)
      return mid;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return TX_NONE;
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

TxResolver *tx_resolver_new(const TxProgram *p) {
  TxResolver *r = tx_xcalloc(1, sizeof *r);
  r->p = p;
  read_tsconfig(r);
  return r;
}

void tx_resolver_free(TxResolver *r) {
  if (!r)
    return;
  for (uint32_t i = 0; i < r->alias_count; i++) {
    for (uint32_t k = 0; k < r->aliases[i].target_count; k++)
      free(r->aliases[i].targets[k]);
    free(r->aliases[i].targets);
    free(r->aliases[i].pattern);
  }
  free(r->aliases);
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

uint32_t tx_resolve_module(const TxResolver *r, const TxFile *from, TxStr spec) {
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
