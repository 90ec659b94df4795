// driver_internal.h: what driver.c lends session.c, the application's other analysis path.
#ifndef TX_DRIVER_INTERNAL_H
#define TX_DRIVER_INTERNAL_H

#include <stdatomic.h>
#include <stdint.h>

#include "diag/diag.h"
#include "driver.h"
#include "ir/program.h"

typedef struct TxSession TxSession;

// tx_analyze_overlays() that keeps the extracted program in `ses` before linking it
// (tx_session_take_walk, tx_session_capture). Free the program with tx_program_free().
TxProgram *tx_driver_analyze(const TxConfig *cfg, const TxOverlay *overlays, uint32_t n,
                             const atomic_bool *cancel, TxDiagSink *sink, bool *io_error,
                             TxSession *ses);

// Loads an editor's buffer into file `f` as tx_load_file() loads the file's bytes.
bool tx_driver_load_overlay(TxProgram *p, TxFile *f, const TxOverlay *ov);

// Whether a file of `p` has an io-error notice (it could not be read).
bool tx_driver_has_io_error(const TxProgram *p);

// TxFile.stmt_hashes of a SQL file whose text is loaded.
void tx_driver_hash_statements(TxFile *f);

// The stages after extraction: link, rules (not for --dump-facts or --explain-schema),
// diagnostics (initialises `sink`). A set `cancel` skips the link and the rules. `link_ns`
// (may be NULL) gets the link stage's time.
void tx_driver_check(TxProgram *p, TxDiagSink *sink, const atomic_bool *cancel, uint64_t *link_ns);

#endif
