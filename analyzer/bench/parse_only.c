// parse_only.c: the benchmark's lower bound. Reads each file named on stdin (one path per
// line) and parses it with the same tree-sitter grammars txlint uses, doing nothing else;
// prints files, lines and bytes. ci/bench compares txlint's throughput with this.
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_typescript(void);
const TSLanguage *tree_sitter_tsx(void);

static char *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  size_t cap = 1 << 16, n = 0, r;
  char *buf = malloc(cap);
  while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
    n += r;
    if (n == cap) {
      cap *= 2;
      char *grown = realloc(buf, cap);
      if (!grown)
        free(buf);
      buf = grown;
    }
  }
  fclose(f);
  *len = n;
  return buf;
}

static bool ends_with(const char *s, size_t n, const char *suffix) {
  size_t k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

// The files txlint parses with tree-sitter (source.c, tx_source_lang_of): TypeScript and
// JavaScript but declaration files; .tsx and .jsx with the TSX grammar.
static bool script_kind(const char *path, size_t n, bool *jsx) {
  static const char *const exts[] = {".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"};
  if (ends_with(path, n, ".d.ts") || ends_with(path, n, ".d.mts") || ends_with(path, n, ".d.cts"))
    return false;
  for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
    if (ends_with(path, n, exts[i])) {
      *jsx = i == 1 || i == 5;
      return true;
    }
  }
  return false;
}

int main(void) {
  TSParser *ts = ts_parser_new();
  TSParser *tsx = ts_parser_new();
  ts_parser_set_language(ts, tree_sitter_typescript());
  ts_parser_set_language(tsx, tree_sitter_tsx());
  char path[4096];
  unsigned long files = 0, lines = 0, bytes = 0;
  while (fgets(path, sizeof path, stdin)) {
    path[strcspn(path, "\n")] = '\0';
    size_t n = strlen(path);
    bool jsx = false;
    if (!script_kind(path, n, &jsx))
      continue;
    size_t len;
    char *text = read_all(path, &len);
    if (!text)
      continue;
    TSParser *p = jsx ? tsx : ts;
    TSTree *tree = ts_parser_parse_string(p, NULL, text, (uint32_t)len);
    ts_tree_delete(tree);
    for (size_t i = 0; i < len; i++)
      lines += text[i] == '\n';
    bytes += len;
    files++;
    free(text);
  }
  ts_parser_delete(ts);
  ts_parser_delete(tsx);
  printf("parse-only: %lu files, %lu lines, %lu bytes\n", files, lines, bytes);
  return 0;
}
