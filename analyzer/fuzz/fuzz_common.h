// fuzz_common.h: helpers shared by the fuzz targets: a program with in-memory files, and
// the full analysis over it. Used by libFuzzer builds (TX_FUZZ) and by the standalone
// replay binaries that run the regression corpus in every ctest run.
#ifndef TX_FUZZ_COMMON_H
#define TX_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "config/config.h"
#include "ir/program.h"

// Adds a file named `path` whose text is a copy of `data` (line index built). Returns it.
TxFile *tx_fuzz_add_file(TxProgram *p, const char *path, const uint8_t *data, size_t size);

// Extracts every file, links, runs all rules and renders all three output formats into
// memory (discarded). Frees nothing: the caller frees the program.
void tx_fuzz_analyze(TxProgram *p);

#endif
