// config_file.h: finding the project root and reading .txlint.yml (libyaml).
#ifndef TX_CONFIG_CONFIG_FILE_H
#define TX_CONFIG_CONFIG_FILE_H

#include "config.h"

// Determines c->root (the folder of .txlint.yml found by walking up from the first path,
// else the git work tree root, else the current directory), reads the config file
// (c->config_path or the one found) and applies it under the flags already parsed.
// On failure fills `err` ("path:line: message") and returns false.
bool tx_config_load_project(TxConfig *c, bool fail_level_set, char *err, size_t n);

// Parses configuration text (YAML) into c; `path` names it in messages. False with
// "path:line: reason" in err. Used by the loader and by the config fuzz target.
bool tx_config_parse(TxConfig *c, const char *path, const char *data, size_t len,
                     bool fail_level_set, char *err, size_t n);

// True when `id` names a rule (or a built-in id such as "unused-suppression").
bool tx_config_known_rule(TxStr id);

#endif
