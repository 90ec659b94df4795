// config_file.h: finding the project root and reading .txlint.yml (libyaml).
#ifndef TX_CONFIG_CONFIG_FILE_H
#define TX_CONFIG_CONFIG_FILE_H

#include "config.h"

// Determines c->root from the first path (tx_config_find_root), reads the configuration
// file (c->config_path, else the root's .txlint.yml when there is one) and applies it under
// the flags already parsed; `known` answers for the rule ids of its `rules:`. On failure fills
// `err` ("path:line: message") and returns false.
bool tx_config_load_project(TxConfig *cfg, bool fail_level_set, TxRuleKnown known, char *err,
                            size_t n);

// The project root for `path` into `root` (PATH_MAX bytes), absolute and resolved: from the
// folder `path` names (a file's folder), the nearest folder above it holding `.txlint.yml` or
// `.git`, else the nearest holding a `supabase` folder, else the nearest holding
// `package.json` or `tsconfig.json`, else that folder itself; `/`, $HOME and what lies
// above $HOME are not searched. False only when not even the current directory resolves.
bool tx_config_find_root(const char *path, char *root);

// True for `/` and $HOME: folders never walked wholesale for context.
bool tx_config_broad_root(const char *dir);

// Parses configuration text (YAML) into c; `path` names it in messages, `known` answers for
// rule ids. False with "path:line: reason" in err. Used by the loader and by the config fuzz
// target.
bool tx_config_parse(TxConfig *cfg, const char *path, const char *data, size_t len,
                     bool fail_level_set, TxRuleKnown known, char *err, size_t n);

#endif
