// config.h: TxConfig, everything that steers one run: command-line flags merged over the
// project's .txlint.yml. Validated once by config.c; everything after that trusts it.
#ifndef TX_CONFIG_CONFIG_H
#define TX_CONFIG_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "../base/arena.h"
#include "../base/str.h"

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

typedef enum TxFormat { TX_FORMAT_TEXT, TX_FORMAT_SARIF, TX_FORMAT_GITHUB } TxFormat;

typedef struct TxStrList {
  TxStr *items;
  uint32_t count;
} TxStrList;

typedef struct TxRuleSetting {
  TxStr id;
  int enabled;      // -1 unset, 0 off, 1 on
  TxSeverity level; // TX_SEV_NONE: the rule's default
} TxRuleSetting;

typedef struct TxConfig {
  TxArena arena; // owns every string and list below

  // Command line.
  const char **paths; // what to analyse (default ".")
  uint32_t path_count;
  TxFormat format;
  const char *output;      // NULL: stdout
  TxSeverity fail_level;   // default error
  const char *config_path; // --config, or the .txlint.yml found; NULL when none
  const char *root;        // project root (absolute), from the first path's markers: see
                           // tx_config_find_root()
  uint32_t jobs;           // 0: number of cores
  const char *cache_dir;   // NULL: <root>/.txlint-cache
  bool no_cache;
  bool stats;
  bool dump_facts;
  bool list_rules;
  const char *explain;   // --explain RULE
  const char *baseline;  // --baseline FILE.sarif
  const char *diff_base; // --diff-base REV
  TxStrList only_rules;  // --rule ID (repeatable): run only these
  int color;             // -1 auto (terminal), 0 never, 1 always

  // Project settings (.txlint.yml; defaults filled by tx_config_defaults).
  TxStrList tenant_columns;
  TxStrList marker_tables;
  TxStrList effect_calls;
  TxStrList client_factories;
  TxStrList include;
  TxStrList exclude;
  TxStrList migrations;
  TxRuleSetting *rules;
  uint32_t rule_count;
  uint64_t max_file_bytes; // default 5 MiB
  uint32_t max_depth;      // syntax nesting limit, default 1000
  uint32_t time_budget_ms; // per-file parse/extract budget, default 10000
} TxConfig;

// Fills defaults into a zeroed config and initialises its arena. Can't fail.
void tx_config_defaults(TxConfig *c);
// Frees everything the config owns.
void tx_config_fini(TxConfig *c);

// Is rule `id` on, and at what level, given its default? Applies --rule and rules: {...}.
bool tx_config_rule_enabled(const TxConfig *c, const char *id);
TxSeverity tx_config_rule_level(const TxConfig *c, const char *id, TxSeverity dflt);

// True when `s` is in list `l` (exact match).
bool tx_strlist_has(const TxStrList *l, TxStr s);

#endif
