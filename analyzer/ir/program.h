// program.h: one run's whole input: the files with their facts, the schema and the
// cross-file links. Created and freed by the driver; rules get it read-only.
#ifndef TX_IR_PROGRAM_H
#define TX_IR_PROGRAM_H

#include <stdio.h>

#include "config/config.h"
#include "ir.h"
#include "schema.h"

typedef struct TxProgram {
  TxArena arena; // cross-file data: schema, call graph, summaries
  const TxConfig *config;
  TxStr root;     // absolute project root, no trailing '/'
  TxFile **files; // sorted by path; each file owns its arena
  uint32_t file_count;
  TxSchema schema;
  TxNotice *notices; // notices that belong to no file (e.g. bad path argument)
  uint32_t notice_count;
  TxArena *pools; // backing arenas of the files' arenas, one per extraction thread
  uint32_t pool_count;
  // Made by the link stage (link/builders.c), in `arena`: the facts calls make through a
  // helper whose chain names its table or filter columns by parameters (`softDelete('loans',
  // id)`), that chain judged with the call's arguments. Each lies in the calling file
  // (span.file) and function (fn) and points at the call; rules see them with the files'.
  TxFact *call_facts;
  uint32_t call_fact_count;
} TxProgram;

// Creates an empty program bound to `config` (borrowed; must outlive the program).
// Can't fail. Free with tx_program_free().
TxProgram *tx_program_new(const TxConfig *config);
// Frees the program and every file's arena.
void tx_program_free(TxProgram *p);

// Makes `n` backing arenas (tx_arena_back), freed with the program; returns the first.
// Not thread-safe; call once, before extraction.
TxArena *tx_program_pools(TxProgram *p, uint32_t n);

// Adds an empty file for `path` (shown path) and returns it; its arena is initialised.
// The caller fills src and the extracted items. Not thread-safe: the driver adds files
// before parallel extraction.
TxFile *tx_program_add_file(TxProgram *p, TxStr path, TxStr abs_path, TxLang lang);

// Appends a notice to a file (file may be NULL: program-level). Copies the message.
void tx_program_notice(TxProgram *p, TxFile *f, TxNoticeLevel level, const char *id,
                       const TxSpan *span, const char *fmt, ...) TX_PRINTF(6, 7);

// The file for a span's file index.
static inline const TxFile *tx_program_file(const TxProgram *p, uint32_t id) {
  return id < p->file_count ? p->files[id] : NULL;
}

// The index of the file whose shown path is `path` (files are sorted by it), or TX_NONE.
uint32_t tx_program_find_file(const TxProgram *p, TxStr path);

// True when `fact` is one of p->call_facts (it points at a call, not at a chain).
static inline bool tx_program_is_call_fact(const TxProgram *p, const TxFact *fact) {
  return p->call_fact_count && fact >= p->call_facts && fact < p->call_facts + p->call_fact_count;
}

// The tenant column a filter on `table` is expected on (link/tenant.c): its first tenant
// column; empty for a global table or a tenant root. *known is false when the schema does
// not define the table (then empty too: any tenant name counts, see below). Never NULL.
TxStr tx_program_tenant_column(const TxProgram *p, TxStr schema, TxStr table, bool *known);
// True when a filter on `column` scopes `table` to one tenant: one of the table's tenant
// columns, or, for a table the schema does not define, any tenant name.
bool tx_program_is_tenant_column(const TxProgram *p, TxStr schema, TxStr table, TxStr column);
// "org_id, organization_id, ..." (tenant_columns; their camelCase forms are tried too), cut
// with "..." to fit `n`.
void tx_program_tenant_names(const TxProgram *p, char *buf, size_t n);

#endif
