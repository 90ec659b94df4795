// link.c: the link stage (see link.h). Order matters: the schema first (rules and
// summaries read it), then imports (client confirmation), then calls and summaries.
#include "link.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/check.h"
#include "builders.h"
#include "callgraph.h"
#include "clients.h"
#include "consts.h"
#include "ir/schema.h"
#include "resolve.h"

static bool exports_client(const TxFile *f, TxStr a, TxStr b) {
  for (uint32_t i = 0; i < f->client_export_count; i++) {
    if (tx_str_eq(f->client_exports[i].name, a) || tx_str_eq(f->client_exports[i].name, b))
      return true;
  }
  return false;
}

// A fact whose client came through an import holds only when the import is a Supabase
// client: defined as one in a project file, or imported from a module outside the project
// whose specifier names supabase. With `member` (TxFact.client_member) the import is an
// injected service's class, and the client is that member of it: the class's file must
// export "Class.member" as a client (front_ts/ts_finish.c).
static bool import_is_client(const TxProgram *p, const TxResolver *r, const TxFile *f,
                             const TxImport *imp, TxStr member) {
  uint32_t target = tx_resolve_module(r, f, imp->from);
  if (target == TX_NONE)
    return tx_str_contains(imp->from, "supabase");
  if (tx_str_eq_c(imp->imported, "*"))
    return false;
  uint32_t def_file;
  TxStr def_name;
  if (!tx_resolve_export(r, target, imp->imported, &def_file, &def_name))
    return false;
  if (!member.len)
    return exports_client(p->files[def_file], imp->imported, def_name);
  char a[256], b[256];
  int na = snprintf(a, sizeof a, "%.*s.%.*s", TX_STR_ARG(imp->imported), TX_STR_ARG(member));
  int nb = snprintf(b, sizeof b, "%.*s.%.*s", TX_STR_ARG(def_name), TX_STR_ARG(member));
  if (na < 0 || nb < 0 || (size_t)na >= sizeof a || (size_t)nb >= sizeof b)
    return false; // no name that long is exported
  return exports_client(p->files[def_file], tx_str_n(a, (size_t)na), tx_str_n(b, (size_t)nb));
}

static void confirm_clients(TxProgram *p, const TxResolver *r) {
  for (uint32_t i = 0; i < p->file_count; i++) {
    TxFile *f = p->files[i];
    for (uint32_t k = 0; k < f->fact_count; k++) {
      TxFact *x = &f->facts[k];
      if (x->client_import == TX_NONE || x->client_import >= f->import_count)
        continue;
      x->dropped = !import_is_client(p, r, f, &f->imports[x->client_import], x->client_member);
    }
  }
}

// --- SQL files that do not build the schema ---------------------------------------------------

// The migrations (TxFile.schema_source) have the last word on the schema: the other SQL files
// (a base schema kept beside the migrations, a dump, fix scripts) are applied first, in path
// order, as a baseline, and the migrations over them, so a table or function a migration
// defines is the migration's, and one only another file defines is still known.
// tx_schema_build applies p->files in order, so the array is reordered while it runs
// (TxSqlFunc refers to files by id, not by position).
static void build_schema(TxProgram *p) {
  TxFile **saved = p->files;
  TxFile **order = tx_xmalloc(sizeof(TxFile *) * (p->file_count + 1));
  uint32_t n = 0;
  for (int pass = 0; pass < 2; pass++) {
    for (uint32_t i = 0; i < p->file_count; i++) {
      bool base = saved[i]->src.lang == TX_LANG_SQL && !saved[i]->schema_source;
      if (base == (pass == 0))
        order[n++] = saved[i];
    }
  }
  p->files = order;
  tx_schema_build(p);
  p->files = saved;
  free(order);
}

// A statement of a SQL file: the function holding it ("public.f", empty at the top level)
// and the hash of its text (TxFile.stmt_hashes).
typedef struct SqlStmt {
  TxStr fn;
  uint64_t hash;
} SqlStmt;

static int cmp_stmt(const void *a, const void *b) {
  const SqlStmt *x = a, *y = b;
  int c = tx_str_cmp(x->fn, y->fn);
  return c ? c : (x->hash > y->hash) - (x->hash < y->hash);
}

// Fact k of SQL file `f` as a statement.
static SqlStmt stmt_of(const TxFile *f, uint32_t k) {
  const TxFact *x = &f->facts[k];
  TxStr fn = x->fn < f->function_count ? f->functions[x->fn].name : (TxStr){"", 0};
  return (SqlStmt){fn, f->stmt_hashes[k]};
}

// A statement of a file that does not build the schema which a migration makes too (in a
// function of the same name, or both at the top level) is a copy: a committed bundle of the
// migrations or a schema dump. Its facts are dropped, so a finding is reported once, on the
// migration. Statements of its own (a fix script's update) stay checked.
static void drop_copies(TxProgram *p) {
  bool any = false;
  for (uint32_t i = 0; i < p->file_count; i++)
    any |= p->files[i]->src.lang == TX_LANG_SQL && !p->files[i]->schema_source;
  if (!any)
    return;
  TX_ARRAY(SqlStmt) made = {0};
  for (uint32_t i = 0; i < p->file_count; i++) {
    const TxFile *f = p->files[i];
    for (uint32_t k = 0; f->stmt_hashes && f->schema_source && k < f->fact_count; k++)
      TX_ARRAY_PUSH(&made, stmt_of(f, k));
  }
  if (made.count)
    qsort(made.items, made.count, sizeof *made.items, cmp_stmt);
  for (uint32_t i = 0; made.count && i < p->file_count; i++) {
    TxFile *f = p->files[i];
    for (uint32_t k = 0; f->stmt_hashes && !f->schema_source && k < f->fact_count; k++) {
      SqlStmt s = stmt_of(f, k);
      if (bsearch(&s, made.items, made.count, sizeof *made.items, cmp_stmt))
        f->facts[k].dropped = true;
    }
  }
  TX_ARRAY_FREE(&made);
}

void tx_link(TxProgram *p) {
  build_schema(p);
  drop_copies(p);
  TxResolver *r = tx_resolver_new(p);
  tx_link_const_names(p, r);
  confirm_clients(p, r);
  tx_link_client_kinds(p, r);
  tx_callgraph_resolve(p, r);
  tx_link_client_params(p);
  tx_resolver_free(r);
  tx_callgraph_inline_callbacks(p);
  tx_link_builders(p);
}
