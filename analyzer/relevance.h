// relevance.h: which TypeScript/JavaScript files can matter to a run, decided without parsing
// them (README, "Files that cannot matter"; ARCHITECTURE.md, "Not parsing what cannot
// matter"). A file is a seed when its bytes hold a token that every database chain, client
// factory, suppression comment or generated-types declaration must contain (effect calls
// matter only in functions with a database chain or an rpc: relevance.c);
// the files that matter are the seeds, every file that reaches a seed over the import
// graph, and every file one of those reaches. The rest cannot change a finding: nothing in
// a file that matters can name them, and they reach nothing a rule reads.
#ifndef TX_RELEVANCE_H
#define TX_RELEVANCE_H

#include <stdbool.h>
#include <stdint.h>

#include "config/config.h"
#include "ir/program.h"

typedef struct TxRelevance TxRelevance;

// For a program of `file_count` files, with the tokens `cfg` implies (its effect_calls and
// client_factories on top of the fixed ones). Free with tx_relevance_free().
TxRelevance *tx_relevance_new(const TxConfig *cfg, uint32_t file_count);
void tx_relevance_free(TxRelevance *rel);

// Scans file `file`'s text: returns whether it is a seed, and records it; `named` (the file
// was named on the command line) makes it one whatever it holds: a file asked for by name is
// parsed. A file that is not one also gets its module specifiers recorded (the string after each
// `from`, `require`, `import`: a superset of the imports and re-exports the front end records).
// Safe to call from several threads for different files.
bool tx_relevance_scan(TxRelevance *rel, uint32_t file, const char *text, uint32_t len, bool named);

// Whether `text` holds a seed token (tx_relevance_scan without recording; for tests).
bool tx_relevance_is_seed(const TxRelevance *rel, const char *text, uint32_t len);

// After every file has been scanned and the seeds extracted: which files matter. A seed's
// edges are the imports and re-exports of its IR (what the link stage follows); another
// scanned file's are its recorded specifiers. Both are resolved like the link stage does
// (link/resolve.c). Files never scanned (SQL, unreadable) are not in the graph and stay
// false. Returns an array of p->file_count flags owned by `rel`; *count gets how many are set.
const bool *tx_relevance_closure(TxRelevance *rel, const TxProgram *p, uint32_t *count);

// What the closure reads of file `file` (its slot in `rel`; `f` its IR), hashed: for a seed the
// module specifiers of its IR's imports and re-exports, for another scanned file its recorded
// specifiers, for a file never scanned 0. While every file's state and hash stay the same,
// so does the closure: the language server re-extracts an edited file without recomputing it
// (session.c).
uint64_t tx_relevance_edges_hash(const TxRelevance *rel, uint32_t file, const TxFile *f);
// 0 not scanned (SQL, unreadable), 1 scanned and not a seed, 2 a seed.
uint8_t tx_relevance_state(const TxRelevance *rel, uint32_t file);
// After tx_relevance_closure(): whether file `file` matters.
bool tx_relevance_matters(const TxRelevance *rel, uint32_t file);

// Files scanned so far.
uint32_t tx_relevance_scanned(const TxRelevance *rel);
// Whether file `file` was scanned and is not a seed (its parsing waits for the closure).
bool tx_relevance_pending(const TxRelevance *rel, uint32_t file);

#endif
