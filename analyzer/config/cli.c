// cli.c: command-line parsing. Long options only, "--opt value" or "--opt=value"; "--"
// ends options. Every problem is one message and TX_CLI_ERROR (exit 2).
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config_file.h"

const char *tx_cli_help(void) {
  return "usage: txlint [OPTIONS] [PATH...]\n"
         "\n"
         "Static analysis for Supabase backends: TypeScript/JavaScript (supabase-js) and SQL\n"
         "migrations. PATHs are files or directories (default: .). Directories are walked\n"
         "for .ts .tsx .mts .cts .js .jsx .mjs .cjs .sql, skipping what git ignores and\n"
         "node_modules, .git, dist, build, coverage.\n"
         "\n"
         "options:\n"
         "  --format FORMAT[:FILE]      output format: text (default), sarif, github, gitlab,\n"
         "                              rdjson, rdjsonl, junit, json; repeatable, each with\n"
         "                              its own FILE (written atomically); one may go to\n"
         "                              stdout or --output\n"
         "  --output FILE               write the output without a FILE of its own to FILE\n"
         "                              (atomically) instead of stdout\n"
         "  --fail-level LEVEL          error|warning|note|none: exit 1 when a finding is at\n"
         "                              or above LEVEL (default error)\n"
         "  --config FILE               configuration file (default: the project root's\n"
         "                              .txlint.yml; the root comes from the first PATH)\n"
         "  --rule ID                   run only this rule (repeatable)\n"
         "  --jobs N                    parse with N threads (default: number of cores)\n"
         "  --cache-dir DIR             cache folder (default <root>/.txlint-cache)\n"
         "  --no-cache                  do not read or write the cache\n"
         "  --baseline FILE.sarif       compare with a previous run: SARIF gets baselineState,\n"
         "                              text/github output and the exit code only new findings\n"
         "  --diff-base REV             report only findings on lines changed since git REV\n"
         "  --run-budget-ms N           stop analysing files after N ms (default 120000;\n"
         "                              100 to 86400000); the rest are named in an error\n"
         "  --color auto|always|never   colours in text output (default auto)\n"
         "  --stats                     print timing and memory to stderr\n"
         "  --fix                       apply the safe fixes, then report what is left\n"
         "  --unsafe-fixes              with --fix or --diff: suggestions too (they change\n"
         "                              behaviour: review them)\n"
         "  --diff                      print the fixes as a unified diff; write nothing\n"
         "  --add-suppressions REASON   add 'txlint-ignore RULE -- REASON' above every\n"
         "                              finding (with --diff: show them)\n"
         "  --dump-facts                print the extracted facts instead of findings\n"
         "  --explain-schema            print each table's tenant column and its evidence, RLS\n"
         "                              and policies instead of findings\n"
         "  --list-rules                list the rules and exit\n"
         "  --explain RULE              print a rule's documentation and exit\n"
         "  --version                   print the version and exit\n"
         "  --help                      print this help and exit\n"
         "\n"
         "exit codes: 0 no finding at or above the fail level, 1 findings,\n"
         "            2 usage, configuration or I/O error, or files left unanalysed when\n"
         "            the run budget ran out, 3 internal error (a crash)\n";
}

static bool parse_u32(const char *s, uint32_t *out) {
  char *end;
  errno = 0;
  unsigned long v = strtoul(s, &end, 10);
  if (errno || end == s || *end || v > 1024 || s[0] == '-')
    return false;
  *out = (uint32_t)v;
  return true;
}

static const char *copy_arg(TxConfig *c, const char *s) {
  return tx_arena_str(&c->arena, s, strlen(s)).ptr;
}

static void push_path(TxConfig *c, const char *path, uint32_t *cap) {
  if (c->path_count == *cap) {
    uint32_t ncap = *cap ? *cap * 2 : 8;
    const char **n = TX_ARENA_ARRAY(&c->arena, const char *, ncap);
    if (c->path_count)
      memcpy(n, c->paths, sizeof(*n) * c->path_count);
    c->paths = n;
    *cap = ncap;
  }
  c->paths[c->path_count++] = copy_arg(c, path);
}

static void push_rule(TxConfig *c, const char *id) {
  TxStr *n = TX_ARENA_ARRAY(&c->arena, TxStr, c->only_rules.count + 1);
  if (c->only_rules.count)
    memcpy(n, c->only_rules.items, sizeof(TxStr) * c->only_rules.count);
  n[c->only_rules.count++] = tx_arena_str(&c->arena, id, strlen(id));
  c->only_rules.items = n;
}

// --format FORMAT or FORMAT:FILE (repeatable). A FORMAT without a FILE goes to --output or
// stdout, so only one may lack a FILE; two outputs into one FILE would overwrite each other.
static bool push_output(TxConfig *c, const char *v, char *err, size_t n) {
  const char *colon = strchr(v, ':');
  char name[32];
  size_t len = colon ? (size_t)(colon - v) : strlen(v);
  TxOutput o = {TX_FORMAT_TEXT, colon ? colon + 1 : NULL};
  snprintf(name, sizeof name, "%.*s", (int)(len < sizeof name ? len : sizeof name - 1), v);
  if (len >= sizeof name || !tx_format_parse(name, &o.format))
    return snprintf(err, n, "--format: expected one of %s (optionally :FILE), got '%s'",
                    tx_format_names, v),
           false;
  if (o.path && !*o.path)
    return snprintf(err, n, "--format %s: the file name after ':' is empty", v), false;
  if (c->output_count == TX_MAX_OUTPUTS)
    return snprintf(err, n, "--format: at most %d outputs", TX_MAX_OUTPUTS), false;
  for (uint32_t i = 0; i < c->output_count; i++) {
    const TxOutput *e = &c->outputs[i];
    if (!e->path && !o.path)
      return snprintf(err, n, "--format: only one format can go to %s; give the others a :FILE",
                      c->output ? "--output" : "stdout"),
             false;
    if (e->path && o.path && strcmp(e->path, o.path) == 0)
      return snprintf(err, n, "--format: two outputs into '%s'", o.path), false;
  }
  if (o.path)
    o.path = copy_arg(c, o.path);
  else
    c->format = o.format;
  c->outputs[c->output_count++] = o;
  return true;
}

// Flags that override a .txlint.yml key, kept until the file has been read.
typedef struct Overrides {
  bool fail_level;        // --fail-level given (its value is already in the config)
  uint32_t run_budget_ms; // --run-budget-ms; 0: not given
} Overrides;

// A number of milliseconds in the range .txlint.yml accepts for run_budget_ms.
static bool parse_ms(const char *s, uint32_t *out) {
  char *end;
  errno = 0;
  unsigned long v = strtoul(s, &end, 10);
  if (errno || end == s || *end || s[0] == '-' || v < 100 || v > 86400000)
    return false;
  *out = (uint32_t)v;
  return true;
}

// A suppression reason: one line of printable text (it ends up in a // or -- comment).
static bool one_line(const char *s) {
  if (!*s)
    return false;
  for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
    if (*c < 0x20 || *c == 0x7F)
      return false;
  }
  return true;
}

// Options that take a value. Returns false (with err) on a bad value.
static bool apply_valued(TxConfig *c, const char *name, const char *v, char *err, size_t n,
                         Overrides *o) {
  if (strcmp(name, "format") == 0) {
    if (!push_output(c, v, err, n))
      return false;
  } else if (strcmp(name, "output") == 0) {
    c->output = copy_arg(c, v);
  } else if (strcmp(name, "fail-level") == 0) {
    if (!tx_severity_parse(v, &c->fail_level))
      return snprintf(err, n, "--fail-level: expected error, warning, note or none, got '%s'", v),
             false;
    o->fail_level = true;
  } else if (strcmp(name, "config") == 0) {
    c->config_path = copy_arg(c, v);
  } else if (strcmp(name, "rule") == 0) {
    push_rule(c, v);
  } else if (strcmp(name, "jobs") == 0) {
    if (!parse_u32(v, &c->jobs) || c->jobs == 0)
      return snprintf(err, n, "--jobs: expected a number from 1 to 1024, got '%s'", v), false;
  } else if (strcmp(name, "cache-dir") == 0) {
    c->cache_dir = copy_arg(c, v);
  } else if (strcmp(name, "baseline") == 0) {
    c->baseline = copy_arg(c, v);
  } else if (strcmp(name, "diff-base") == 0) {
    if (!*v)
      return snprintf(err, n, "--diff-base: expected a git revision"), false;
    c->diff_base = copy_arg(c, v);
  } else if (strcmp(name, "run-budget-ms") == 0) {
    if (!parse_ms(v, &o->run_budget_ms))
      return snprintf(err, n,
                      "--run-budget-ms: expected milliseconds from 100 to 86400000, got '%s'", v),
             false;
  } else if (strcmp(name, "explain") == 0) {
    c->explain = copy_arg(c, v);
  } else if (strcmp(name, "add-suppressions") == 0) {
    if (!one_line(v))
      return snprintf(err, n, "--add-suppressions: the reason must be one line of text"), false;
    c->add_suppressions = copy_arg(c, v);
  } else if (strcmp(name, "color") == 0) {
    if (strcmp(v, "auto") == 0)
      c->color = -1;
    else if (strcmp(v, "always") == 0)
      c->color = 1;
    else if (strcmp(v, "never") == 0)
      c->color = 0;
    else
      return snprintf(err, n, "--color: expected auto, always or never, got '%s'", v), false;
  } else {
    return snprintf(err, n, "unknown option '--%s' (see --help)", name), false;
  }
  return true;
}

static bool takes_value(const char *name) {
  static const char *const valued[] = {
      "format",        "output",    "fail-level",      "config",    "rule",
      "jobs",          "cache-dir", "baseline",        "diff-base", "explain",
      "run-budget-ms", "color",     "add-suppressions"};
  for (size_t i = 0; i < sizeof valued / sizeof valued[0]; i++) {
    if (strcmp(name, valued[i]) == 0)
      return true;
  }
  return false;
}

// Flags without a value. Returns false when `name` is not one.
static bool apply_flag(TxConfig *c, const char *name) {
  if (strcmp(name, "no-cache") == 0)
    c->no_cache = true;
  else if (strcmp(name, "stats") == 0)
    c->stats = true;
  else if (strcmp(name, "dump-facts") == 0)
    c->dump_facts = true;
  else if (strcmp(name, "explain-schema") == 0)
    c->explain_schema = true;
  else if (strcmp(name, "list-rules") == 0)
    c->list_rules = true;
  else if (strcmp(name, "fix") == 0)
    c->fix = true;
  else if (strcmp(name, "unsafe-fixes") == 0)
    c->unsafe_fixes = true;
  else if (strcmp(name, "diff") == 0)
    c->diff = true;
  else
    return false;
  return true;
}

TxCliResult tx_cli_parse(TxConfig *c, int argc, char **argv, char *err, size_t n) {
  uint32_t cap = 0;
  Overrides o = {false, 0};
  bool only_paths = false;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (only_paths || a[0] != '-' || strcmp(a, "-") == 0) {
      push_path(c, a, &cap);
      continue;
    }
    if (strcmp(a, "--") == 0) {
      only_paths = true;
      continue;
    }
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
      return TX_CLI_HELP;
    if (strcmp(a, "--version") == 0)
      return TX_CLI_VERSION;
    if (a[1] != '-') {
      snprintf(err, n, "unknown option '%s' (see --help)", a);
      return TX_CLI_ERROR;
    }
    char name[64];
    const char *eq = strchr(a + 2, '=');
    size_t len = eq ? (size_t)(eq - (a + 2)) : strlen(a + 2);
    if (len >= sizeof name) {
      snprintf(err, n, "unknown option '%.40s...' (see --help)", a);
      return TX_CLI_ERROR;
    }
    memcpy(name, a + 2, len);
    name[len] = '\0';
    if (!eq && apply_flag(c, name))
      continue;
    if (!takes_value(name)) {
      snprintf(err, n, "unknown option '--%s' (see --help)", name);
      return TX_CLI_ERROR;
    }
    const char *v = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
    if (!v) {
      snprintf(err, n, "option '--%s' needs a value", name);
      return TX_CLI_ERROR;
    }
    if (!apply_valued(c, name, v, err, n, &o))
      return TX_CLI_ERROR;
  }
  if (c->unsafe_fixes && !c->fix && !c->diff) {
    snprintf(err, n, "--unsafe-fixes: only with --fix or --diff");
    return TX_CLI_ERROR;
  }
  if (c->add_suppressions && c->fix) {
    snprintf(err, n, "--add-suppressions: not with --fix (fix first, then suppress the rest)");
    return TX_CLI_ERROR;
  }
  if (c->path_count == 0)
    push_path(c, ".", &cap);
  for (uint32_t i = 0; i < c->only_rules.count; i++) {
    if (!tx_config_known_rule(c->only_rules.items[i])) {
      snprintf(err, n, "--rule: unknown rule '%.*s' (see --list-rules)",
               TX_STR_ARG(c->only_rules.items[i]));
      return TX_CLI_ERROR;
    }
  }
  if (!tx_config_load_project(c, o.fail_level, err, n))
    return TX_CLI_ERROR;
  if (o.run_budget_ms)
    c->run_budget_ms = o.run_budget_ms;
  return TX_CLI_RUN;
}
