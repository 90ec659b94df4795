// consts.c: see consts.h.
#include "consts.h"

#include <string.h>

// The constant `name` (a local name, "T" or "TABLES.LOANS") of file `f`; NULL when absent.
static const TxConstString *find_const(const TxFile *f, TxStr root, TxStr member) {
  for (uint32_t i = 0; i < f->const_string_count; i++) {
    const TxConstString *c = &f->const_strings[i];
    TxStr n = c->name;
    if (member.len == 0) {
      if (tx_str_eq(n, root))
        return c;
    } else if (n.len == root.len + 1 + member.len && memcmp(n.ptr, root.ptr, root.len) == 0 &&
               n.ptr[root.len] == '.' &&
               memcmp(n.ptr + root.len + 1, member.ptr, member.len) == 0) {
      return c;
    }
  }
  return NULL;
}

// The value of imported name `imp` (+ `member`) of file `f`, or NULL.
static const TxConstString *imported_const(const TxProgram *p, const TxResolver *r, const TxFile *f,
                                           const TxImport *imp, TxStr member) {
  uint32_t target = tx_resolve_module(r, f, imp->from);
  if (target == TX_NONE)
    return NULL;
  TxStr exported = imp->imported;
  if (tx_str_eq_c(exported, "*")) {
    // `import * as db`: `db.TABLES.LOANS` names export TABLES, member LOANS.
    const char *dot = member.len ? memchr(member.ptr, '.', member.len) : NULL;
    exported = member;
    if (dot) {
      exported.len = (uint32_t)(dot - member.ptr);
      member = (TxStr){dot + 1, member.len - exported.len - 1};
    } else {
      member = (TxStr){"", 0};
    }
    if (exported.len == 0)
      return NULL;
  }
  uint32_t def_file;
  TxStr def_name;
  if (!tx_resolve_export(r, target, exported, &def_file, &def_name))
    return NULL;
  return find_const(p->files[def_file], def_name, member);
}

void tx_link_const_names(TxProgram *p, const TxResolver *r) {
  for (uint32_t i = 0; i < p->file_count; i++) {
    TxFile *f = p->files[i];
    for (uint32_t k = 0; k < f->fact_count; k++) {
      TxFact *x = &f->facts[k];
      if (x->name_import == 0 || x->name_import > f->import_count || x->table.len)
        continue;
      const TxConstString *c =
          imported_const(p, r, f, &f->imports[x->name_import - 1], x->name_member);
      if (c && c->value.len)
        x->table = tx_arena_str(&p->arena, c->value.ptr, c->value.len);
    }
  }
}
