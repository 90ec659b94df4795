// clients.c: client kinds across files (clients.h). The front end knows the kind of a client
// created in its own file (front_ts/ts_clients.c); a client or factory imported from another
// module gets the kind that module's client export was created with.
#include "clients.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/array.h"

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

// The kind import `imp` of file `f` gives, or TX_CLIENT_UNKNOWN. With `member`
// (TxFact.client_member) the import is a service's class and the client its member: the
// export "Class.member" decides.
static TxClientKind import_kind(const TxProgram *p, const TxResolver *r, const TxFile *f,
                                const TxImport *imp, TxStr member) {
  uint32_t target = tx_resolve_module(r, f, imp->from);
  uint32_t def_file;
  TxStr def_name;
  if (target == TX_NONE || tx_str_eq_c(imp->imported, "*") ||
      !tx_resolve_export(r, target, imp->imported, &def_file, &def_name))
    return TX_CLIENT_UNKNOWN;
  if (!member.len)
    return export_kind(p, r, def_file, def_name, imp->imported);
  char a[256], b[256];
  int na = snprintf(a, sizeof a, "%.*s.%.*s", TX_STR_ARG(def_name), TX_STR_ARG(member));
  int nb = snprintf(b, sizeof b, "%.*s.%.*s", TX_STR_ARG(imp->imported), TX_STR_ARG(member));
  if (na < 0 || nb < 0 || (size_t)na >= sizeof a || (size_t)nb >= sizeof b)
    return TX_CLIENT_UNKNOWN;
  return export_kind(p, r, def_file, tx_str_n(a, (size_t)na), tx_str_n(b, (size_t)nb));
}

void tx_link_client_kinds(TxProgram *p, const TxResolver *r) {
  for (uint32_t i = 0; i < p->file_count; i++) {
    TxFile *f = p->files[i];
    for (uint32_t k = 0; k < f->fact_count; k++) {
      TxFact *x = &f->facts[k];
      if (x->origin != TX_ORIGIN_TS || x->dropped || x->client_kind_import >= f->import_count)
        continue;
      TxClientKind kind =
          import_kind(p, r, f, &f->imports[x->client_kind_import], x->client_member);
      if (kind != TX_CLIENT_UNKNOWN)
        x->client_kind = kind;
    }
  }
}

// --- clients passed as arguments ------------------------------------------------------------

// A client a resolved call passes: to parameter `pos` of function `fn` of file `file`.
typedef struct ParamArg {
  uint32_t file, fn, pos;
  TxClientKind kind;
} ParamArg;

static int cmp_param_arg(const void *a, const void *b) {
  const ParamArg *x = a, *y = b;
  if (x->file != y->file)
    return x->file < y->file ? -1 : 1;
  if (x->fn != y->fn)
    return x->fn < y->fn ? -1 : 1;
  return (x->pos > y->pos) - (x->pos < y->pos);
}

// The first of the `n` sorted arguments at or after `key`'s (file, fn, pos).
static uint32_t lower_bound(const ParamArg *items, uint32_t n, const ParamArg *key) {
  uint32_t lo = 0, hi = n;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (cmp_param_arg(&items[mid], key) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

void tx_link_client_params(TxProgram *p) {
  TX_ARRAY(ParamArg) args = {0};
  for (uint32_t i = 0; i < p->file_count; i++) {
    const TxFile *f = p->files[i];
    for (uint32_t k = 0; k < f->call_count; k++) {
      const TxCall *call = &f->calls[k];
      if (!call->client_args || call->target_file >= p->file_count)
        continue;
      for (uint32_t pos = 0; pos < TX_CALL_CLIENT_ARGS; pos++) {
        uint32_t v = tx_call_client_arg(call, pos);
        if (v) {
          ParamArg a = {call->target_file, call->target_fn, pos, (TxClientKind)(v - 1)};
          TX_ARRAY_PUSH(&args, a);
        }
      }
    }
  }
  if (args.count)
    qsort(args.items, args.count, sizeof *args.items, cmp_param_arg);
  for (uint32_t i = 0; i < p->file_count; i++) {
    TxFile *f = p->files[i];
    for (uint32_t k = 0; k < f->fact_count; k++) {
      TxFact *x = &f->facts[k];
      if (!x->client_param || x->dropped)
        continue;
      ParamArg key = {i, x->fn, x->client_param - 1, TX_CLIENT_UNKNOWN};
      uint32_t at = lower_bound(args.items, args.count, &key);
      if (at == args.count || cmp_param_arg(&args.items[at], &key) != 0) {
        x->dropped = true; // no call passes a client there: not a Supabase chain we know of
        continue;
      }
      // The kind the callers agree on; callers passing different kinds leave it unknown.
      TxClientKind kind = args.items[at].kind;
      for (uint32_t j = at + 1; j < args.count && cmp_param_arg(&args.items[j], &key) == 0; j++) {
        if (args.items[j].kind != kind)
          kind = TX_CLIENT_UNKNOWN;
      }
      x->client_kind = kind;
    }
  }
  TX_ARRAY_FREE(&args);
}
