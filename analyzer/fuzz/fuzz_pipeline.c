// fuzz_pipeline.c: the whole pipeline on a two-file project. The input is split at the
// first "\n----\n": the first part is a migration (SQL), the rest a TypeScript handler, so
// cross-language linking (schema-aware rules, rpc checks) is exercised.
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t find_separator(const uint8_t *data, size_t size) {
  static const char sep[] = "\n----\n";
  for (size_t i = 0; i + sizeof sep - 1 <= size; i++) {
    if (memcmp(data + i, sep, sizeof sep - 1) == 0)
      return i;
  }
  return size;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  TxConfig cfg;
  tx_config_defaults(&cfg);
  cfg.root = "/fuzz";
  TxProgram *p = tx_program_new(&cfg);
  size_t cut = find_separator(data, size);
  size_t rest = cut + 6 <= size ? cut + 6 : size;
  tx_fuzz_add_file(p, "api/handler.ts", data + rest, size - rest);
  tx_fuzz_add_file(p, "supabase/migrations/0001_init.sql", data, cut);
  tx_fuzz_analyze(p);
  tx_program_free(p);
  tx_config_fini(&cfg);
  return 0;
}
