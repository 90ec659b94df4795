// driver.h: tx_run(), the whole pipeline for one invocation.
#ifndef TX_DRIVER_H
#define TX_DRIVER_H

#include <stdatomic.h>

#include "base/version.h"
#include "config/config.h"

// Exit codes (also documented in README and --help); 3, a crash, is TX_EXIT_CRASH (crash.h).
enum { TX_EXIT_OK = 0, TX_EXIT_FINDINGS = 1, TX_EXIT_USAGE = 2 };

#include "diag/diag.h"
#include "front_ts/ts_front.h"
#include "ir/program.h"

// Runs the analysis without output: walk, read, extract, link, rules, diagnostics. Returns
// the program (free with tx_program_free()) and fills `sink` (initialised here; free with
// tx_diag_fini()). Sets *io_error when a path could not be read. Can't fail otherwise.
TxProgram *tx_analyze(const TxConfig *cfg, TxDiagSink *sink, bool *io_error);

// An editor's unsaved text of one project file (the language server, lsp/): analysed instead
// of the file's content on disk. `path` is the file's shown path (relative to the root, '/'
// separators); both strings are borrowed for the call.
typedef struct TxOverlay {
  const char *path;
  const char *text;
  uint32_t len;
} TxOverlay;

// tx_analyze() with `n` overlays standing in for their files. A file with an overlay keeps its
// text in the program (tx_source_text gives the overlay's bytes) and is not put in the cache.
// An overlay for a file not on disk (a new, unsaved buffer) is analysed where a walk would
// list it (tx_walk_add_unsaved); one for a path the walk skips (outside the root, ignored, in
// node_modules, excluded) is not analysed.
// `cancel` (may be NULL) lets another thread stop the analysis: once it is set, no further
// file is started and the link and rule stages are skipped, so the sink holds no findings
// (what was extracted is still cached). The program must be freed either way.
TxProgram *tx_analyze_overlays(const TxConfig *cfg, const TxOverlay *overlays, uint32_t n,
                               const atomic_bool *cancel, TxDiagSink *sink, bool *io_error);

// Reads file `f` (src.abs_path) into its arena and builds its line index. A file that
// cannot be read (gone since the walk listed it, a directory, a FIFO, too large) or is binary
// gets a notice (`io-error`; `limit` for size) and an empty text, and false is returned: the
// file is then not extracted. Invalid UTF-8 is read, with an `encoding` notice. Can't fail
// otherwise.
bool tx_load_file(TxProgram *p, TxFile *f);

// Extracts one loaded file with the front end of its language (`ts` serves TypeScript and
// JavaScript; SQL needs no parser object). Can't fail: problems become the file's notices.
void tx_extract_file(TxTsParser *ts, TxFile *f, const TxConfig *cfg);

// Releases the parsers' per-process state (libpg_query's memory context of the calling
// thread). Call once, last, from the main thread when it ran tx_run/tx_analyze; analyses may
// not follow it. Other threads' parser state is freed when they exit (libpg_query's
// thread-exit destructor), and calling this on such a thread would free it twice.
void tx_shutdown(void);

// Runs txlint as configured and returns the exit code. Prints results to the configured
// output and errors to stderr.
int tx_run(const TxConfig *cfg);

#endif
