// fuzz_config.c: bytes -> the .txlint.yml reader (libyaml) -> a configuration, which must
// either load or fail with a message; then the loaded settings are used (rule levels, lists,
// the path filter) so a half-initialised configuration would show up under the sanitizers.
#include <string.h>

#include "config/config_file.h"
#include "rules/rule.h"
#include "source/walk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  TxConfig cfg;
  tx_config_defaults(&cfg);
  char err[512];
  bool ok = tx_config_parse(&cfg, ".txlint.yml", (const char *)data, size, false, tx_rule_known,
                            err, sizeof err);
  if (!ok && (err[0] == '\0' || strlen(err) >= sizeof err))
    __builtin_trap(); // every failure says why
  if (ok) {
    for (uint32_t i = 0; i < tx_rule_count; i++) {
      (void)tx_config_rule_enabled(&cfg, tx_rules[i]->id);
      (void)tx_config_rule_level(&cfg, tx_rules[i]->id, tx_rules[i]->severity);
    }
    (void)tx_walk_wanted(&cfg, "src/app/api/route.ts");
    (void)tx_walk_wanted(&cfg, "supabase/migrations/0001_init.sql");
  }
  tx_config_fini(&cfg);
  return 0;
}
