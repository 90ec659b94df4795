// fuzz_ts.c: bytes -> TypeScript (or TSX, chosen by the first byte) front end -> facts,
// then the rules and emitters on that one file.
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  TxConfig cfg;
  tx_config_defaults(&cfg);
  cfg.root = "/fuzz";
  TxProgram *p = tx_program_new(&cfg);
  const char *name = size > 0 && (data[0] & 1) ? "src/app.tsx" : "src/app.ts";
  tx_fuzz_add_file(p, name, data, size);
  tx_fuzz_analyze(p);
  tx_program_free(p);
  tx_config_fini(&cfg);
  return 0;
}
