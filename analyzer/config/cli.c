// cli.c: command-line parsing. Long options only, "--opt value" or "--opt=value"; "--"
// ends options. Every problem is one message and TX_CLI_ERROR (exit 2).
//
// Every option is one row of `options` below: its name, the name of its value, its --help
// text and the function that stores it. The parser and --help are both read from that table,
// and ci/tests/cli_options.sh checks README's options table against --help, so an option
// is added in one place (plus its README row, which the test demands).
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_file.h"

// One parse: the config being filled, the flags that override a .txlint.yml key (kept until
// the file has been read) and where a message goes.
typedef struct Cli {
  TxConfig *cfg;
  bool fail_level_set;    // --fail-level given (its value is already in the config)
  uint32_t run_budget_ms; // --run-budget-ms; 0: not given
  char *err;
  size_t n;
} Cli;

// Stores an option's value (`v`; NULL for a flag). False with a message in p->err.
typedef bool (*Setter)(Cli *p, const char *v);

typedef struct Option {
  const char *name;    // without the leading "--"
  const char *metavar; // the value's name in --help; NULL: a flag, which takes no value
  const char *help;    // --help text; each '\n' starts a continuation line
  Setter set;          // NULL for the options that answer at once (`result`)
  TxCliResult result;  // TX_CLI_RUN, or what the option returns as soon as it is seen
} Option;

static const char *copy_arg(TxConfig *cfg, const char *s) {
  return tx_arena_str(&cfg->arena, s, strlen(s)).ptr;
}

TX_PRINTF(2, 3)
static bool fail(Cli *p, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(p->err, p->n, fmt, ap);
  va_end(ap);
  return false;
}

// A whole number in [lo, hi], digits only.
static bool parse_range(const char *s, unsigned long lo, unsigned long hi, uint32_t *out) {
  char *end;
  errno = 0;
  unsigned long v = strtoul(s, &end, 10);
  if (errno || end == s || *end || s[0] == '-' || v < lo || v > hi)
    return false;
  *out = (uint32_t)v;
  return true;
}

// `v` as the index of one of `names` (a NULL-ended list); -1 when none.
static int pick(const char *v, const char *const *names) {
  for (int i = 0; names[i]; i++) {
    if (strcmp(v, names[i]) == 0)
      return i;
  }
  return -1;
}

// --format FORMAT or FORMAT:FILE (repeatable). A FORMAT without a FILE goes to --output or
// stdout, so only one may lack a FILE; two outputs into one FILE would overwrite each other.
static bool set_format(Cli *p, const char *v) {
  TxConfig *cfg = p->cfg;
  const char *colon = strchr(v, ':');
  char name[32];
  size_t len = colon ? (size_t)(colon - v) : strlen(v);
  TxOutput o = {TX_FORMAT_TEXT, colon ? colon + 1 : NULL};
  snprintf(name, sizeof name, "%.*s", (int)(len < sizeof name ? len : sizeof name - 1), v);
  if (len >= sizeof name || !tx_format_parse(name, &o.format))
    return fail(p, "--format: expected one of %s (optionally :FILE), got '%s'", tx_format_names, v);
  if (o.path && !*o.path)
    return fail(p, "--format %s: the file name after ':' is empty", v);
  if (cfg->output_count == TX_MAX_OUTPUTS)
    return fail(p, "--format: at most %d outputs", TX_MAX_OUTPUTS);
  for (uint32_t i = 0; i < cfg->output_count; i++) {
    const TxOutput *e = &cfg->outputs[i];
    if (!e->path && !o.path)
      return fail(p, "--format: only one format can go to %s; give the others a :FILE",
                  cfg->output ? "--output" : "stdout");
    if (e->path && o.path && strcmp(e->path, o.path) == 0)
      return fail(p, "--format: two outputs into '%s'", o.path);
  }
  if (o.path)
    o.path = copy_arg(cfg, o.path);
  else
    cfg->format = o.format;
  cfg->outputs[cfg->output_count++] = o;
  return true;
}

static bool set_output(Cli *p, const char *v) {
  p->cfg->output = copy_arg(p->cfg, v);
  return true;
}

static bool set_fail_level(Cli *p, const char *v) {
  if (!tx_severity_parse(v, &p->cfg->fail_level))
    return fail(p, "--fail-level: expected error, warning, note or none, got '%s'", v);
  p->fail_level_set = true;
  return true;
}

static bool set_config(Cli *p, const char *v) {
  p->cfg->config_path = copy_arg(p->cfg, v);
  return true;
}

static bool set_rule(Cli *p, const char *v) {
  TxConfig *cfg = p->cfg;
  TxStr *n = TX_ARENA_ARRAY(&cfg->arena, TxStr, cfg->only_rules.count + 1);
  if (cfg->only_rules.count)
    memcpy(n, cfg->only_rules.items, sizeof(TxStr) * cfg->only_rules.count);
  n[cfg->only_rules.count++] = tx_arena_str(&cfg->arena, v, strlen(v));
  cfg->only_rules.items = n;
  return true;
}

static bool set_jobs(Cli *p, const char *v) {
  if (!parse_range(v, 1, 1024, &p->cfg->jobs))
    return fail(p, "--jobs: expected a number from 1 to 1024, got '%s'", v);
  return true;
}

static bool set_cache_dir(Cli *p, const char *v) {
  p->cfg->cache_dir = copy_arg(p->cfg, v);
  return true;
}

static bool set_no_cache(Cli *p, const char *v) {
  (void)v;
  p->cfg->no_cache = true;
  return true;
}

static bool set_parse_all(Cli *p, const char *v) {
  (void)v;
  p->cfg->parse_all = true;
  return true;
}

static bool set_baseline(Cli *p, const char *v) {
  p->cfg->baseline = copy_arg(p->cfg, v);
  return true;
}

static bool set_diff_base(Cli *p, const char *v) {
  if (!*v)
    return fail(p, "--diff-base: expected a git revision");
  p->cfg->diff_base = copy_arg(p->cfg, v);
  return true;
}

// The range .txlint.yml accepts for run_budget_ms; applied over the file's value afterwards.
static bool set_run_budget_ms(Cli *p, const char *v) {
  if (!parse_range(v, 100, 86400000, &p->run_budget_ms))
    return fail(p, "--run-budget-ms: expected milliseconds from 100 to 86400000, got '%s'", v);
  return true;
}

static bool set_color(Cli *p, const char *v) {
  static const char *const names[] = {"auto", "always", "never", NULL};
  static const int colors[] = {-1, 1, 0};
  int i = pick(v, names);
  if (i < 0)
    return fail(p, "--color: expected auto, always or never, got '%s'", v);
  p->cfg->color = colors[i];
  return true;
}

static bool set_stats(Cli *p, const char *v) {
  (void)v;
  p->cfg->stats = true;
  return true;
}

static bool set_fix(Cli *p, const char *v) {
  (void)v;
  p->cfg->fix = true;
  return true;
}

static bool set_unsafe_fixes(Cli *p, const char *v) {
  (void)v;
  p->cfg->unsafe_fixes = true;
  return true;
}

static bool set_diff(Cli *p, const char *v) {
  (void)v;
  p->cfg->diff = true;
  return true;
}

// A suppression reason: one line of printable text (it ends up in a // or -- comment).
static bool set_add_suppressions(Cli *p, const char *v) {
  bool ok = *v != '\0';
  for (const unsigned char *c = (const unsigned char *)v; *c && ok; c++)
    ok = *c >= 0x20 && *c != 0x7F;
  if (!ok)
    return fail(p, "--add-suppressions: the reason must be one line of text");
  p->cfg->add_suppressions = copy_arg(p->cfg, v);
  return true;
}

static bool set_dump_facts(Cli *p, const char *v) {
  (void)v;
  p->cfg->dump_facts = true;
  return true;
}

static bool set_explain_schema(Cli *p, const char *v) {
  (void)v;
  p->cfg->explain_schema = true;
  return true;
}

static bool set_list_rules(Cli *p, const char *v) {
  (void)v;
  p->cfg->list_rules = true;
  return true;
}

static bool set_explain(Cli *p, const char *v) {
  p->cfg->explain = copy_arg(p->cfg, v);
  return true;
}

// In --help order. README's options table lists the same options in the same order.
static const Option options[] = {
    {"format", "FORMAT[:FILE]",
     "output format: text (default), sarif, github, gitlab,\n"
     "rdjson, rdjsonl, junit, json; repeatable, each with\n"
     "its own FILE (written atomically); one may go to\n"
     "stdout or --output",
     set_format, TX_CLI_RUN},
    {"output", "FILE",
     "write the output without a FILE of its own to FILE\n"
     "(atomically) instead of stdout",
     set_output, TX_CLI_RUN},
    {"fail-level", "LEVEL",
     "error|warning|note|none: exit 1 when a finding is at\n"
     "or above LEVEL (default error)",
     set_fail_level, TX_CLI_RUN},
    {"config", "FILE",
     "configuration file (default: the project root's\n"
     ".txlint.yml; the root comes from the first PATH)",
     set_config, TX_CLI_RUN},
    {"rule", "ID", "run only this rule (repeatable)", set_rule, TX_CLI_RUN},
    {"jobs", "N", "parse with N threads (default: number of cores)", set_jobs, TX_CLI_RUN},
    {"cache-dir", "DIR", "cache folder (default <root>/.txlint-cache)", set_cache_dir, TX_CLI_RUN},
    {"no-cache", NULL, "do not read or write the cache", set_no_cache, TX_CLI_RUN},
    {"parse-all", NULL,
     "parse every file, also those that cannot matter\n"
     "(same findings; for checking and timing)",
     set_parse_all, TX_CLI_RUN},
    {"baseline", "FILE.sarif",
     "compare with a previous run: SARIF gets baselineState,\n"
     "text/github output and the exit code only new findings",
     set_baseline, TX_CLI_RUN},
    {"diff-base", "REV", "report only findings on lines changed since git REV", set_diff_base,
     TX_CLI_RUN},
    {"run-budget-ms", "N",
     "stop analysing files after N ms (default 120000;\n"
     "100 to 86400000); the rest are named in an error",
     set_run_budget_ms, TX_CLI_RUN},
    {"color", "auto|always|never", "colours in text output (default auto)", set_color, TX_CLI_RUN},
    {"stats", NULL, "print timing and memory to stderr", set_stats, TX_CLI_RUN},
    {"fix", NULL, "apply the safe fixes, then report what is left", set_fix, TX_CLI_RUN},
    {"unsafe-fixes", NULL,
     "with --fix or --diff: suggestions too (they change\n"
     "behaviour: review them)",
     set_unsafe_fixes, TX_CLI_RUN},
    {"diff", NULL, "print the fixes as a unified diff; write nothing", set_diff, TX_CLI_RUN},
    {"add-suppressions", "REASON",
     "add 'txlint-ignore RULE -- REASON' above every\n"
     "finding (with --diff: show them)",
     set_add_suppressions, TX_CLI_RUN},
    {"dump-facts", NULL, "print the extracted facts instead of findings", set_dump_facts,
     TX_CLI_RUN},
    {"explain-schema", NULL,
     "print each table's tenant column and its evidence, RLS\n"
     "and policies instead of findings",
     set_explain_schema, TX_CLI_RUN},
    {"list-rules", NULL, "list the rules and exit", set_list_rules, TX_CLI_RUN},
    {"explain", "RULE", "print a rule's documentation and exit", set_explain, TX_CLI_RUN},
    {"version", NULL, "print the version and exit", NULL, TX_CLI_VERSION},
    {"help", NULL, "print this help and exit", NULL, TX_CLI_HELP},
};

enum {
  HELP_INDENT = 2,  // before an option's name
  HELP_COLUMN = 30, // where the help text starts
};

void tx_cli_help(FILE *out) {
  fputs("usage: txlint [OPTIONS] [PATH...]\n"
        "\n"
        "Static analysis for Supabase backends: TypeScript/JavaScript (supabase-js) and SQL\n"
        "migrations. PATHs are files or directories (default: .). Directories are walked\n"
        "for .ts .tsx .mts .cts .js .jsx .mjs .cjs .sql, skipping what git ignores and\n"
        "node_modules, .git, dist, build, coverage.\n"
        "\n"
        "options:\n",
        out);
  for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
    const Option *o = &options[i];
    char left[128];
    int w = snprintf(left, sizeof left, "%*s--%s%s%s", HELP_INDENT, "", o->name,
                     o->metavar ? " " : "", o->metavar ? o->metavar : "");
    // A name too long for its column (two spaces before the text) gets a line of its own.
    if (w > HELP_COLUMN - 2)
      fprintf(out, "%s\n%*s", left, HELP_COLUMN, "");
    else
      fprintf(out, "%-*s", HELP_COLUMN, left);
    for (const char *line = o->help;; line++) {
      size_t len = strcspn(line, "\n");
      fprintf(out, "%.*s\n", (int)len, line);
      line += len;
      if (!*line)
        break;
      fprintf(out, "%*s", HELP_COLUMN, ""); // a continuation line
    }
  }
  fputs("\n"
        "exit codes: 0 no finding at or above the fail level, 1 findings,\n"
        "            2 usage, configuration or I/O error, or files left unanalysed when\n"
        "            the run budget ran out, 3 internal error (a crash)\n",
        out);
}

static const Option *find_option(const char *name) {
  for (size_t i = 0; i < sizeof options / sizeof options[0]; i++) {
    if (strcmp(options[i].name, name) == 0)
      return &options[i];
  }
  return NULL;
}

static void push_path(TxConfig *cfg, const char *path, uint32_t *cap) {
  if (cfg->path_count == *cap) {
    uint32_t ncap = *cap ? *cap * 2 : 8;
    const char **n = TX_ARENA_ARRAY(&cfg->arena, const char *, ncap);
    if (cfg->path_count)
      memcpy(n, cfg->paths, sizeof(*n) * cfg->path_count);
    cfg->paths = n;
    *cap = ncap;
  }
  cfg->paths[cfg->path_count++] = copy_arg(cfg, path);
}

// One option argument argv[*i] ("--name", "--name=value", or "-h"): applied, its value taken
// from the next argument when it needs one and has no "=". Returns TX_CLI_RUN to go on.
static TxCliResult one_option(Cli *p, int argc, char **argv, int *i) {
  const char *a = argv[*i];
  if (strcmp(a, "-h") == 0)
    a = "--help"; // the one short spelling, kept out of --help
  if (a[1] != '-')
    return fail(p, "unknown option '%s' (see --help)", a), TX_CLI_ERROR;
  char name[64];
  const char *eq = strchr(a + 2, '=');
  size_t len = eq ? (size_t)(eq - (a + 2)) : strlen(a + 2);
  if (len >= sizeof name)
    return fail(p, "unknown option '%.40s...' (see --help)", a), TX_CLI_ERROR;
  memcpy(name, a + 2, len);
  name[len] = '\0';
  const Option *o = find_option(name);
  // A flag given a value ("--stats=yes") is no option txlint knows.
  if (!o || (!o->metavar && eq))
    return fail(p, "unknown option '--%s' (see --help)", name), TX_CLI_ERROR;
  if (!o->set)
    return o->result;
  const char *v = NULL;
  if (o->metavar) {
    v = eq ? eq + 1 : (*i + 1 < argc ? argv[++*i] : NULL);
    if (!v)
      return fail(p, "option '--%s' needs a value", name), TX_CLI_ERROR;
  }
  return o->set(p, v) ? TX_CLI_RUN : TX_CLI_ERROR;
}

TxCliResult tx_cli_parse(TxConfig *cfg, int argc, char **argv, TxRuleKnown known, char *err,
                         size_t n) {
  uint32_t cap = 0;
  Cli p = {cfg, false, 0, err, n};
  bool only_paths = false;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (only_paths || a[0] != '-' || strcmp(a, "-") == 0) {
      push_path(cfg, a, &cap);
      continue;
    }
    if (strcmp(a, "--") == 0) {
      only_paths = true;
      continue;
    }
    TxCliResult r = one_option(&p, argc, argv, &i);
    if (r != TX_CLI_RUN)
      return r;
  }
  if (cfg->unsafe_fixes && !cfg->fix && !cfg->diff) {
    snprintf(err, n, "--unsafe-fixes: only with --fix or --diff");
    return TX_CLI_ERROR;
  }
  if (cfg->add_suppressions && cfg->fix) {
    snprintf(err, n, "--add-suppressions: not with --fix (fix first, then suppress the rest)");
    return TX_CLI_ERROR;
  }
  if (cfg->path_count == 0)
    push_path(cfg, ".", &cap);
  for (uint32_t i = 0; i < cfg->only_rules.count; i++) {
    if (!known(cfg->only_rules.items[i])) {
      snprintf(err, n, "--rule: unknown rule '%.*s' (see --list-rules)",
               TX_STR_ARG(cfg->only_rules.items[i]));
      return TX_CLI_ERROR;
    }
  }
  if (!tx_config_load_project(cfg, p.fail_level_set, known, err, n))
    return TX_CLI_ERROR;
  if (p.run_budget_ms)
    cfg->run_budget_ms = p.run_budget_ms;
  return TX_CLI_RUN;
}
