// config.h: TxConfig, everything that steers one run: command-line flags merged over the
// project's .txlint.yml. Validated once by config.c; everything after that trusts it.
#ifndef TX_CONFIG_CONFIG_H
#define TX_CONFIG_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/str.h"

typedef enum TxSeverity {
  TX_SEV_NONE = 0, // as a fail level: never fail; as a rule level: unset
  TX_SEV_NOTE,
  TX_SEV_WARNING,
  TX_SEV_ERROR,
} TxSeverity;

// "error", "warning", "note", "none".
const char *tx_severity_name(TxSeverity s);
// Parses a severity name; false when unknown.
bool tx_severity_parse(const char *name, TxSeverity *out);

typedef enum TxFormat {
  TX_FORMAT_TEXT,
  TX_FORMAT_SARIF,
  TX_FORMAT_GITHUB,
  TX_FORMAT_GITLAB, // GitLab Code Quality
  TX_FORMAT_RDJSON, // reviewdog DiagnosticResult
  TX_FORMAT_RDJSONL,
  TX_FORMAT_JUNIT,
  TX_FORMAT_JSON, // txlint's own report (analyzer/emit/txlint-report.schema.json)
  TX_FORMAT_COUNT
} TxFormat;

// The format named `name` ("text", "sarif", ...); false when there is none.
bool tx_format_parse(const char *name, TxFormat *out);
// The names of all formats, comma-separated, for messages and --help.
extern const char tx_format_names[];

// One requested output: --format FORMAT (to --output or stdout) or --format FORMAT:FILE.
typedef struct TxOutput {
  TxFormat format;
  const char *path; // NULL: --output, or stdout without one
} TxOutput;

enum { TX_MAX_OUTPUTS = 16 }; // --format given more often is a usage error

typedef struct TxStrList {
  TxStr *items;
  uint32_t count;
} TxStrList;

// Whether `id` names a rule. config/ sits below the rules and does not know them: the
// application passes rules/'s tx_rule_known, and --rule and the file's `rules:` are checked
// with it while they are read, so the first problem found is the one reported.
typedef bool (*TxRuleKnown)(TxStr id);

typedef struct TxRuleSetting {
  TxStr id;
  int enabled;      // -1 unset, 0 off, 1 on
  TxSeverity level; // TX_SEV_NONE: the rule's default
  int rls_backed;   // tenant-filter, sql-tenant-filter: -1 unset, 0 off (findings on rows RLS
                    // still protects are dropped), 1 on (they are notes)
} TxRuleSetting;

typedef struct TxConfig {
  TxArena arena; // owns every string and list below

  // Command line.
  const char **paths; // what to analyse (default ".")
  uint32_t path_count;
  TxFormat format;                  // the output without a FILE of its own (default text)
  const char *output;               // --output; NULL: stdout
  TxOutput outputs[TX_MAX_OUTPUTS]; // every --format, in order; none given: `format` alone
  uint32_t output_count;
  TxSeverity fail_level;   // default error
  const char *config_path; // --config, or the .txlint.yml found; NULL when none
  const char *root;        // project root (absolute), from the first path's markers: see
                           // tx_config_find_root()
  uint32_t jobs;           // 0: number of cores
  const char *cache_dir;   // NULL: <root>/.txlint-cache
  bool no_cache;
  bool parse_all; // --parse-all: parse also the files that cannot matter (driver.c, relevance.h)
  bool stats;
  bool dump_facts;
  bool explain_schema; // --explain-schema: print the tenant inference instead of findings
  bool list_rules;
  const char *explain;          // --explain RULE
  const char *baseline;         // --baseline FILE.sarif
  const char *diff_base;        // --diff-base REV
  TxStrList only_rules;         // --rule ID (repeatable): run only these
  bool fix;                     // --fix: apply safe fixes
  bool unsafe_fixes;            // --unsafe-fixes: with --fix or --diff, suggestions too
  bool diff;                    // --diff: print the fixes as a unified diff, write nothing
  const char *add_suppressions; // --add-suppressions REASON
  int color;                    // -1 auto (terminal), 0 never, 1 always

  // Project settings (.txlint.yml; defaults filled by tx_config_defaults).
  TxStrList tenant_columns;
  TxStrList tenant_roots; // tenant_root: the tenant root tables, "name" (public) or
                          // "schema.name"; empty (the default): inferred from the schema
  TxStrList marker_tables;
  bool marker_tables_set;       // marker_tables came from .txlint.yml: the idempotency rules then
                                // check every function, not only webhook handlers
  TxStrList independent_tables; // glob patterns of tables whose writes stand alone (logs,
                                // events, metrics): non-atomic-writes does not count them
  TxStrList effect_calls;
  TxStrList webhook_calls; // callee patterns that verify a webhook's signature
  TxStrList client_factories;
  TxStrList include;
  TxStrList exclude;
  TxStrList migrations;
  TxRuleSetting *rules;
  uint32_t rule_count;
  uint64_t max_file_bytes; // default 5 MiB
  uint32_t max_depth;      // syntax nesting limit, default 1000
  uint32_t rule_reads;     // TX_READS_* bits (ir/ir.h): what extraction keeps for the rules;
                           // default all, which the driver narrows to the registry's union
  uint32_t time_budget_ms; // per-file parse/extract budget; 0 (the default): by the file's
                           // size (tx_config_file_budget_ms)
  uint32_t run_budget_ms;  // the whole run's budget, default TX_RUN_BUDGET_MS

  // Run state, never read from flags or the file: the driver sets it in its own copy of the
  // configuration, the one the front ends see. CLOCK_MONOTONIC nanoseconds at which the run
  // budget ends; 0: no run budget (a configuration used outside a run).
  uint64_t run_deadline_ns;
} TxConfig;

// The time budgets. A file's default budget grows with its size, so a small file cannot
// hold a run for seconds while a large legitimate one still parses in full. Measured on
// 2 shared cores: the slowest real files take 0.5 ms per KB (1 ms under ASan); the budget
// is wall-clock time, and a 500 ms one was missed by 6 to 15 small files of 5,700 on the
// overloaded machine, a 1 s one by none in 39,000; and tree-sitter 0.20 can end a parse
// early by up to its budget's fraction of a second, so only whole seconds are sure
// (README, "Limits and hostile input").
enum {
  TX_FILE_BUDGET_BASE_MS = 1000, // every file
  TX_FILE_BUDGET_MS_PER_KB = 5,  // plus this per KB of the file
  TX_FILE_BUDGET_MAX_MS = 10000, // at most this
  TX_RUN_BUDGET_MS = 120000,     // the whole run, by default
};

// Fills defaults into a zeroed config and initialises its arena. Can't fail.
void tx_config_defaults(TxConfig *cfg);
// Frees everything the config owns.
void tx_config_fini(TxConfig *cfg);

// Is rule `id` on, and at what level, given its default? Applies --rule and rules: {...}.
bool tx_config_rule_enabled(const TxConfig *cfg, const char *id);
TxSeverity tx_config_rule_level(const TxConfig *cfg, const char *id, TxSeverity dflt);
// Whether rule `id` reports the findings row-level security still guards (rls_backed, on
// by default).
bool tx_config_rule_rls_backed(const TxConfig *cfg, const char *id);
// Whether rule `id` takes the rls_backed option.
bool tx_config_rule_takes_rls_backed(TxStr id);

// The time budget of one file of `bytes` bytes, in ms: time_budget_ms when set, else
// TX_FILE_BUDGET_BASE_MS + TX_FILE_BUDGET_MS_PER_KB per started KB, at most
// TX_FILE_BUDGET_MAX_MS; then no later than the run's deadline (run_deadline_ns), so a file
// started near the end of the run stops when the run does. Never 0, which tree-sitter takes
// for "no limit": a run already over its deadline gets 1 ms.
uint32_t tx_config_file_budget_ms(const TxConfig *cfg, uint64_t bytes);

// True when `s` is in list `l` (exact match).
bool tx_strlist_has(const TxStrList *l, TxStr s);

#endif
