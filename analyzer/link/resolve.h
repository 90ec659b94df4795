// resolve.h: module resolution for the link stage. Maps an import specifier of one file to
// another file of the program, the way TypeScript's bundler-style resolution would:
// relative paths, extension-less specifiers, index files, `.js` written for `.ts` (ESM
// style), and `compilerOptions.baseUrl` / `paths` of the root tsconfig.json (or
// jsconfig.json), then the monorepo's workspace packages by name (root package.json
// `workspaces`, pnpm-workspace.yaml; each package's `exports`, `types`, `main`; README
// "Workspaces"). Other package imports stay unresolved.
#ifndef TX_IR_RESOLVE_H
#define TX_IR_RESOLVE_H

#include "ir/program.h"

typedef struct TxResolver TxResolver;

// Reads the root tsconfig/jsconfig and the workspaces' package.json files (if any) and
// indexes the program's files. Can't fail: an unreadable or invalid tsconfig only disables
// alias resolution, an unreadable manifest its package. Free with
// tx_resolver_free().
TxResolver *tx_resolver_new(const TxProgram *p);
void tx_resolver_free(TxResolver *r);

// The file `spec` names when imported from `from`, or TX_NONE. Answers are remembered for
// the resolver's life (the same import is resolved by several link steps), so a resolver is
// used by one thread at a time.
uint32_t tx_resolve_module(const TxResolver *r, const TxFile *from, TxStr spec);

// Follows `name` exported by file `file` through re-exports (`export { a } from`,
// `export * from`) to the file that defines it. Fills the defining file and the local
// name there. False when it is not found.
bool tx_resolve_export(const TxResolver *r, uint32_t file, TxStr name, uint32_t *def_file,
                       TxStr *def_name);

// The file with shown path `path`, or TX_NONE.
uint32_t tx_resolver_file(const TxResolver *r, TxStr path);

#endif
