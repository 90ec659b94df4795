// fuzz_baseline.c: bytes -> the --baseline SARIF reader (jansson) -> matching against the
// findings of a small fixed program, so hostile baselines exercise parsing, percent- and
// message-decoding, the sort and the absent results, and the SARIF emitter on the result.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag/baseline.h"
#include "driver.h"
#include "emit/emit.h"
#include "front_ts/ts_front.h"
#include "fuzz_common.h"
#include "link/link.h"
#include "rules/rule.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char kSource[] =
    "import { createClient } from '@supabase/supabase-js';\n"
    "const db = createClient('u', 'k');\n"
    "export async function f(id: string) { await db.from('calls').delete().eq('id', id); }\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  TxBaseline b;
  char err[512];
  bool ok = tx_baseline_parse(&b, (const char *)data, size, err, sizeof err);
  if (!ok && err[0] == '\0')
    __builtin_trap(); // every failure says why
  if (ok) {
    TxConfig cfg;
    tx_config_defaults(&cfg);
    cfg.root = "/fuzz";
    TxProgram *p = tx_program_new(&cfg);
    tx_fuzz_add_file(p, "src/a.ts", (const uint8_t *)kSource, sizeof kSource - 1);
    TxTsParser *ts = tx_ts_parser_new();
    tx_extract_file(ts, p->files[0], &cfg);
    tx_ts_parser_free(ts);
    tx_link(p);
    TxDiagSink sink;
    tx_diag_init(&sink);
    tx_rules_run(p, &sink);
    tx_diag_finish(&sink, p);
    tx_baseline_apply(&sink, p, &b, tx_rule_index_of);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    if (out) {
      TxEmitOptions o = {false, "fuzz"};
      tx_emit_sarif(out, p, &sink, &o);
      tx_emit_text(out, p, &sink, &o);
      fclose(out);
    }
    free(buf);
    tx_diag_fini(&sink);
    tx_program_free(p);
    tx_config_fini(&cfg);
  }
  tx_baseline_fini(&b);
  return 0;
}
