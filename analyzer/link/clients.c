// clients.c: client kinds across files (clients.h). The front end knows the kind of a client
// created in its own file (front_ts/ts_clients.c); a client or factory imported from another
// module gets the kind that module's client export was created with.
#include "clients.h"

// Hops followed from an import to the export that creates the client: lib/index.ts
// re-exporting lib/admin.ts whose factory wraps another module's factory is three.
enum { KIND_MAX_HOPS = 8 };

// The kind of client export `name` (or `alt`: the defining file lists its client exports
// under their exported names, which a re-export may have renamed) of file `file`, following an
// export whose kind is itself decided by an import of that file.
static TxClientKind export_kind(const TxProgram *p, const TxResolver *r, uint32_t file, TxStr name,
                                TxStr alt) {
  for (uint32_t hop = 0; hop < KIND_MAX_HOPS && file < p->file_count; hop++) {
    const TxFile *f = p->files[file];
    const TxClientExport *e = NULL;
    for (uint32_t i = 0; i < f->client_export_count && !e; i++) {
      if (tx_str_eq(f->client_exports[i].name, name) || tx_str_eq(f->client_exports[i].name, alt))
        e = &f->client_exports[i];
    }
    if (!e)
      return TX_CLIENT_UNKNOWN;
    if (e->kind != TX_CLIENT_UNKNOWN || e->kind_import >= f->import_count)
      return e->kind;
    const TxImport *imp = &f->imports[e->kind_import];
    uint32_t target = tx_resolve_module(r, f, imp->from);
    if (target == TX_NONE || tx_str_eq_c(imp->imported, "*") ||
        !tx_resolve_export(r, target, imp->imported, &file, &name))
      return TX_CLIENT_UNKNOWN;
    alt = imp->imported;
  }
  return TX_CLIENT_UNKNOWN;
}

// The kind import `imp` of file `f` gives, or TX_CLIENT_UNKNOWN.
static TxClientKind import_kind(const TxProgram *p, const TxResolver *r, const TxFile *f,
                                const TxImport *imp) {
  uint32_t target = tx_resolve_module(r, f, imp->from);
  uint32_t def_file;
  TxStr def_name;
  if (target == TX_NONE || tx_str_eq_c(imp->imported, "*") ||
      !tx_resolve_export(r, target, imp->imported, &def_file, &def_name))
    return TX_CLIENT_UNKNOWN;
  return export_kind(p, r, def_file, def_name, imp->imported);
}

void tx_link_client_kinds(TxProgram *p, const TxResolver *r) {
  for (uint32_t i = 0; i < p->file_count; i++) {
    TxFile *f = p->files[i];
    for (uint32_t k = 0; k < f->fact_count; k++) {
      TxFact *x = &f->facts[k];
      if (x->origin != TX_ORIGIN_TS || x->dropped || x->client_kind_import >= f->import_count)
        continue;
      TxClientKind kind = import_kind(p, r, f, &f->imports[x->client_kind_import]);
      if (kind != TX_CLIENT_UNKNOWN)
        x->client_kind = kind;
    }
  }
}
