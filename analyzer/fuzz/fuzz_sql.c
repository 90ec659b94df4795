// fuzz_sql.c: bytes -> SQL front end (libpg_query) -> schema and function facts, then the
// rules and emitters.
#include "front_sql/sql_front.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  TxConfig cfg;
  tx_config_defaults(&cfg);
  cfg.root = "/fuzz";
  TxProgram *p = tx_program_new(&cfg);
  tx_fuzz_add_file(p, "supabase/migrations/0001_init.sql", data, size);
  tx_fuzz_analyze(p);
  tx_program_free(p);
  tx_config_fini(&cfg);
  return 0;
}
