// main.c: argv -> TxConfig -> tx_run() -> exit code. Also the informational commands
// (--help, --version, --list-rules, --explain) that need no analysis.
#include <stdio.h>
#include <string.h>

#include "config/cli.h"
#include "crash.h"
#include "driver.h"
#include "emit/emit_util.h"
#include "rules/rule.h"

static int list_rules(void) {
  for (uint32_t i = 0; i < tx_rule_count; i++) {
    const TxRule *r = tx_rules[i];
    printf("%-30s %-8s %s\n", r->id, tx_severity_name(r->severity), tx_rule_summary(r->id));
  }
  return TX_EXIT_OK;
}

static int explain(const char *id) {
  const char *doc = tx_rule_doc(id);
  if (!doc) {
    fprintf(stderr, "txlint: --explain: unknown rule '%s' (see --list-rules)\n", id);
    return TX_EXIT_USAGE;
  }
  fputs(doc, stdout);
  return TX_EXIT_OK;
}

int main(int argc, char **argv) {
  tx_crash_install(); // first: a crash while reading the configuration is reported too
  tx_crash_set_phase("reading the command line and the configuration");
  TxConfig cfg;
  tx_config_defaults(&cfg);
  char err[512] = "";
  int code;
  switch (tx_cli_parse(&cfg, argc, argv, tx_rule_known, err, sizeof err)) {
  case TX_CLI_HELP:
    tx_cli_help(stdout);
    code = TX_EXIT_OK;
    break;
  case TX_CLI_VERSION:
    printf("txlint %s\n", TX_VERSION);
    code = TX_EXIT_OK;
    break;
  case TX_CLI_ERROR: // may quote .txlint.yml, which a pull request controls: escaped
    fputs("txlint: ", stderr);
    tx_emit_put_safe(stderr, tx_str(err));
    fputc('\n', stderr);
    code = TX_EXIT_USAGE;
    break;
  case TX_CLI_RUN:
  default:
    if (cfg.list_rules)
      code = list_rules();
    else if (cfg.explain)
      code = explain(cfg.explain);
    else
      code = tx_run(&cfg);
    break;
  }
  tx_config_fini(&cfg);
  tx_shutdown();
  return code;
}
