// fuzz_ts.c: bytes -> TypeScript (or TSX, chosen by the first byte) front end -> facts,
// then the rules and emitters on that one file. And the seed scan against the front end
// (relevance.c): a text the scan calls no seed can hold no chain of its own, only a chain on
// a builder from elsewhere (a parameter's or a call's: TxFact.base_param, base_call, partial),
// which the files it imports or that import it bring in. A fact of any other kind there
// aborts the run.
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_common.h"
#include "relevance.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  TxConfig cfg;
  tx_config_defaults(&cfg);
  cfg.root = "/fuzz";
  TxProgram *p = tx_program_new(&cfg);
  const char *name = size > 0 && (data[0] & 1) ? "src/app.tsx" : "src/app.ts";
  TxFile *f = tx_fuzz_add_file(p, name, data, size);
  TxRelevance *rel = tx_relevance_new(&cfg, 1);
  bool seed = size > UINT32_MAX || tx_relevance_is_seed(rel, f->src.text, (uint32_t)size);
  tx_relevance_free(rel);
  tx_fuzz_analyze(p);
  for (uint32_t i = 0; !seed && i < f->fact_count; i++) {
    const TxFact *x = &f->facts[i];
    if (!x->partial && !x->base_param && !x->base_call) {
      fprintf(stderr, "fuzz_ts: no seed token, but a chain of its own: %.*s\n", (int)x->chain.len,
              x->chain.ptr);
      abort();
    }
  }
  tx_program_free(p);
  tx_config_fini(&cfg);
  return 0;
}
