// cli.h: the command line -> TxConfig. The project's .txlint.yml (found from the scan root,
// or --config) is read here too, and flags override it.
#ifndef TX_CONFIG_CLI_H
#define TX_CONFIG_CLI_H

#include <stdio.h>

#include "config.h"

typedef enum TxCliResult {
  TX_CLI_RUN,     // config filled: run
  TX_CLI_HELP,    // --help: print tx_cli_help() and exit 0
  TX_CLI_VERSION, // --version
  TX_CLI_ERROR,   // bad usage or config: print `err` and exit 2
} TxCliResult;

// Parses argv into `c` (already given defaults); `known` answers for the rule ids of --rule
// and of the file's `rules:` (tx_rule_known). On TX_CLI_ERROR fills `err` (size n) with one
// line such as "txlint.yml:3: unknown key 'tenant_column'".
TxCliResult tx_cli_parse(TxConfig *cfg, int argc, char **argv, TxRuleKnown known, char *err,
                         size_t n);

// Writes the --help text to `out`: the usage, one entry per option (from the option table
// in cli.c, which the parser reads too) and the exit codes.
void tx_cli_help(FILE *out);

#endif
