// session.h: a workspace kept in memory between analyses (the language server, lsp/).
//
// The first analysis of a session is tx_analyze_overlays()'s: walk, read, extract (through
// the persistent cache), link, check. Before it links, the session keeps what the link stage
// will change: a copy of every file's IR arrays (facts, functions, calls, imports, ...), the
// program's fields, and a mark of the program's arena. Every later analysis starts from that
// program: files whose text is the same are not read, hashed, decoded or extracted again;
// each is put back as it was before linking (the copies restored, the arena rewound past
// the last link's data), the edited files are extracted again, and the whole program is
// linked and checked again, so a change reaches every file whose findings depend on it.
//
// A later analysis goes the whole way again (walk, cache) when the kept program cannot be
// trusted: the first time, after tx_session_reset(), when a folder the walk read or a file
// it noted (TxWalkWatch: .gitignore, tsconfig and package.json files, .txlint.yml, ...)
// changed on disk, when a buffer for a file the walk has not listed appears, when more than
// TX_SESSION_MAX_EDITED files changed, when an edit changes what decides which files can
// matter (relevance.h: a file becomes or stops being a seed, or its imports change), when
// the last analysis was cancelled or ran out of its time budget, and in the modes that
// change what extraction keeps (--dump-facts, --parse-all, files named for context).
// Either way the findings are those a fresh tx_analyze_overlays() of the same buffers and
// disk gives: analyzer/tests/test_session.c compares the two on every fixture project.
#ifndef TX_SESSION_H
#define TX_SESSION_H

#include <stdatomic.h>
#include <stdint.h>

#include "driver.h"
#include "ir/program.h"
#include "relevance.h"
#include "source/walk.h"

enum { TX_SESSION_MAX_EDITED = 16 };

typedef struct TxSession TxSession;

// How the last analysis ran (for logs and tests).
typedef struct TxSessionStats {
  bool full;       // walked and read the workspace (the first analysis, or a fallback)
  const char *why; // static: why it went the whole way (NULL when it did not)
  uint32_t reused; // files put back from the kept program
  uint32_t reextracted;
} TxSessionStats;

// An empty session: its first analysis loads the workspace. Free with tx_session_free().
TxSession *tx_session_new(void);
// Frees the kept program. Call on the thread that ran the analyses.
void tx_session_free(TxSession *s);
// Forgets the kept program (frees it), so the next analysis loads the workspace. Needed before
// the configuration the program was made with is freed or changed.
void tx_session_reset(TxSession *s);

// tx_analyze_overlays() (driver.h) for this session's workspace. `cfg` must be the
// configuration of the kept program (tx_session_reset() when it changes). The program
// returned is owned by the session and stays valid until the next analysis, reset or free;
// `sink` is the caller's (free with tx_diag_fini()). `stats` may be NULL.
const TxProgram *tx_session_analyze(TxSession *s, const TxConfig *cfg, const TxOverlay *overlays,
                                    uint32_t n, const atomic_bool *cancel, TxDiagSink *sink,
                                    bool *io_error, TxSessionStats *stats);

// --- called by driver.c during a full analysis ---------------------------------------------

// Takes the walk's stamps (each listed file's and each watched path's); the walk keeps its
// list. `w` must be the list the program's files are made from, in the same order.
void tx_session_take_walk(TxSession *s, TxWalk *w);
// Keeps program `p` as extracted (before linking): its files' arrays, its fields, its arena's
// mark, and for each file what the relevance scan `rel` found. `run` is p->config (the run's
// copy of the configuration, whose deadline each analysis sets). `hash_sql` is whether SQL
// statements were hashed (driver.c, hash_statements).
void tx_session_capture(TxSession *s, TxProgram *p, TxConfig *run, const TxRelevance *rel,
                        bool hash_sql, const TxOverlay *overlays, uint32_t n);

#endif
