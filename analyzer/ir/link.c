// link.c: the link stage (see link.h). Order matters: the schema first (rules and
// summaries read it), then imports (client confirmation), then calls and summaries.
#include "link.h"

#include <string.h>

#include "callgraph.h"
#include "resolve.h"

static bool contains(TxStr s, const char *needle) {
  size_t n = strlen(needle);
  for (uint32_t i = 0; i + n <= s.len; i++) {
    if (memcmp(s.ptr + i, needle, n) == 0)
      return true;
  }
  return false;
}

static bool exports_client(const TxFile *f, TxStr a, TxStr b) {
  for (uint32_t i = 0; i < f->client_export_count; i++) {
    if (tx_str_eq(f->client_exports[i].name, a) || tx_str_eq(f->client_exports[i].name, b))
      return true;
  }
  return false;
}

// A fact whose client came through an import holds only when the import is a Supabase
// client: defined as one in a project file, or imported from a module outside the project
// whose specifier names supabase.
static bool import_is_client(const TxProgram *p, const TxResolver *r, const TxFile *f,
                             const TxImport *imp) {
  uint32_t target = tx_resolve_module(r, f, imp->from);
  if (target == TX_NONE)
    return contains(imp->from, "supabase");
  if (tx_str_eq_c(imp->imported, "*"))
    return false;
  uint32_t def_file;
  TxStr def_name;
  if (!tx_resolve_export(r, target, imp->imported, &def_file, &def_name))
    return false;
  return exports_client(p->files[def_file], imp->imported, def_name);
}

static void confirm_clients(TxProgram *p, const TxResolver *r) {
  for (uint32_t i = 0; i < p->file_count; i++) {
    TxFile *f = p->files[i];
    for (uint32_t k = 0; k < f->fact_count; k++) {
      TxFact *x = &f->facts[k];
      if (x->client_import == TX_NONE || x->client_import >= f->import_count)
        continue;
      x->dropped = !import_is_client(p, r, f, &f->imports[x->client_import]);
    }
  }
}

void tx_link(TxProgram *p) {
  tx_schema_build(p);
  TxResolver *r = tx_resolver_new(p);
  confirm_clients(p, r);
  tx_callgraph_resolve(p, r);
  tx_resolver_free(r);
  tx_callgraph_summarise(p);
}
