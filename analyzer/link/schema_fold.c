// schema_fold.c: building the schema model from the SQL units of every file (tx_schema_build,
// link.h). Files are applied in path order, which is migration order for timestamp-named
// migrations (supabase/migrations/<timestamp>_name.sql, then supabase/seed.sql and other SQL
// files). Generated-types files (TypeScript files with a TxSqlUnit, front_ts/ts_types.c) come
// after all of them and only fill in: a table or function that the SQL leaves defined is the
// SQL's, whatever the types say about it.
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "ir/program.h"
#include "ir/schema.h"
#include "link.h"
#include "tenant.h"

// Working state: growable arrays, copied into the program's arena at the end.
typedef struct TableW {
  TxTable t;
  TX_ARRAY(TxColumn) cols;
  TX_ARRAY(TxForeignKey) fks;
  bool dropped;
} TableW;

// An open-addressing index from a (schema, name) hash to positions in an array; entries are
// never removed (callers check that a candidate is still live and really has the name).
typedef struct Slot {
  uint32_t hash;
  uint32_t idx_plus1; // 0: empty
} Slot;

typedef struct NameIndex {
  Slot *slots;
  uint32_t cap; // power of two
  uint32_t used;
} NameIndex;

static uint32_t name_hash(TxStr schema, TxStr name) {
  uint32_t h = 2166136261u;
  for (uint32_t i = 0; i < name.len; i++)
    h = (h ^ (unsigned char)name.ptr[i]) * 16777619u;
  h = (h ^ '.') * 16777619u;
  for (uint32_t i = 0; i < schema.len; i++)
    h = (h ^ (unsigned char)schema.ptr[i]) * 16777619u;
  return h;
}

static void index_put(NameIndex *x, uint32_t hash, uint32_t idx) {
  if ((x->used + 1) * 2 > x->cap) {
    uint32_t cap = x->cap ? x->cap * 2 : 64;
    Slot *slots = tx_xcalloc(cap, sizeof *slots);
    for (uint32_t i = 0; i < x->cap; i++) {
      if (!x->slots[i].idx_plus1)
        continue;
      uint32_t at = x->slots[i].hash & (cap - 1);
      while (slots[at].idx_plus1)
        at = (at + 1) & (cap - 1);
      slots[at] = x->slots[i];
    }
    free(x->slots);
    x->slots = slots;
    x->cap = cap;
  }
  uint32_t at = hash & (x->cap - 1);
  while (x->slots[at].idx_plus1)
    at = (at + 1) & (x->cap - 1);
  x->slots[at] = (Slot){hash, idx + 1};
  x->used++;
}

// Iterates candidates for `hash`: call with *cursor = UINT32_MAX first; returns false at the
// end.
static bool index_next(const NameIndex *x, uint32_t hash, uint32_t *cursor, uint32_t *idx) {
  if (!x->cap)
    return false;
  uint32_t at = *cursor == UINT32_MAX ? hash & (x->cap - 1) : (*cursor + 1) & (x->cap - 1);
  for (; x->slots[at].idx_plus1; at = (at + 1) & (x->cap - 1)) {
    if (x->slots[at].hash == hash) {
      *cursor = at;
      *idx = x->slots[at].idx_plus1 - 1;
      return true;
    }
  }
  return false;
}

typedef struct Build {
  TxArena *a;
  TX_ARRAY(TableW) tables;
  TX_ARRAY(TxSqlFunc) funcs;
  TX_ARRAY(bool) func_dropped;
  TX_ARRAY(TxPolicy) policies;
  TX_ARRAY(TxStr) types_schemas; // schemas a generated-types file lists functions for
  NameIndex table_index, func_index;
} Build;

static TableW *find_table(Build *b, TxStr schema, TxStr name) {
  if (b->tables.count == 0)
    return NULL; // (the index is empty too; said for the static analyzer)
  uint32_t h = name_hash(schema, name), cursor = UINT32_MAX, i;
  while (index_next(&b->table_index, h, &cursor, &i)) {
    TableW *t = &b->tables.items[i];
    if (!t->dropped && tx_str_eq(t->t.name, name) && tx_str_eq(t->t.schema, schema))
      return t;
  }
  return NULL;
}

static TxColumn *find_column(TableW *t, TxStr name) {
  for (uint32_t i = 0; i < t->cols.count; i++) {
    if (tx_str_eq(t->cols.items[i].name, name))
      return &t->cols.items[i];
  }
  return NULL;
}

// Input parameter types: the signature PostgreSQL uses to tell overloads apart.
static bool same_signature(const TxSqlFunc *f, const TxStr *types, uint32_t n) {
  uint32_t k = 0;
  for (uint32_t i = 0; i < f->param_count; i++) {
    const TxParam *p = &f->params[i];
    if (tx_str_eq_c(p->mode, "out") || tx_str_eq_c(p->mode, "table"))
      continue;
    if (k >= n || !tx_str_eq(p->type, types[k]))
      return false;
    k++;
  }
  return k == n;
}

static void input_types(const TxSqlFunc *f, TxStr *out, uint32_t *n) {
  *n = 0;
  for (uint32_t i = 0; i < f->param_count; i++) {
    if (!tx_str_eq_c(f->params[i].mode, "out") && !tx_str_eq_c(f->params[i].mode, "table"))
      out[(*n)++] = f->params[i].type;
  }
}

// Removes (drop) or marks (search_path) the functions an op names: all overloads when no
// argument list is given.
static void each_function(Build *b, const TxSqlOp *op, bool drop) {
  uint32_t h = name_hash(op->schema, op->name), cursor = UINT32_MAX, i;
  while (index_next(&b->func_index, h, &cursor, &i)) {
    TxSqlFunc *f = &b->funcs.items[i];
    bool match = !b->func_dropped.items[i] && tx_str_eq(f->name, op->name) &&
                 tx_str_eq(f->schema, op->schema) &&
                 (!op->has_arg_types || same_signature(f, op->arg_types, op->arg_type_count));
    if (match && drop)
      b->func_dropped.items[i] = true;
    else if (match)
      f->has_search_path = true;
  }
}

static void create_function(Build *b, const TxSqlOp *op) {
  TxStr types[256];
  uint32_t n;
  uint32_t count = op->func.param_count < 256 ? op->func.param_count : 255;
  TxSqlFunc fn = op->func;
  fn.param_count = count;
  input_types(&fn, types, &n);
  uint32_t h = name_hash(fn.schema, fn.name), cursor = UINT32_MAX, i;
  while (index_next(&b->func_index, h, &cursor, &i)) {
    TxSqlFunc *old = &b->funcs.items[i];
    if (!b->func_dropped.items[i] && tx_str_eq(old->name, fn.name) &&
        tx_str_eq(old->schema, fn.schema) && same_signature(old, types, n)) {
      *old = fn; // CREATE OR REPLACE (or a redefinition after a drop we did not see)
      return;
    }
  }
  TX_ARRAY_PUSH(&b->funcs, fn);
  TX_ARRAY_PUSH(&b->func_dropped, false);
  index_put(&b->func_index, h, b->funcs.count - 1);
}

// Removes the foreign keys of `t` that `drop` selects (by column or by constraint name).
static void drop_fks(TableW *t, TxStr column, TxStr name) {
  uint32_t out = 0;
  for (uint32_t i = 0; i < t->fks.count; i++) {
    const TxForeignKey *k = &t->fks.items[i];
    if ((column.len && tx_str_eq(k->column, column)) || (name.len && tx_str_eq(k->name, name)))
      continue;
    t->fks.items[out++] = *k;
  }
  t->fks.count = out;
}

// A table renamed or dropped: PostgreSQL's foreign keys follow the table (they hold its
// oid), and DROP TABLE ... CASCADE removes the ones that pointed at it.
static void retarget_fks(Build *b, TxStr schema, TxStr name, TxStr new_name, bool drop) {
  for (uint32_t i = 0; i < b->tables.count; i++) {
    TableW *w = &b->tables.items[i];
    if (w->dropped)
      continue;
    uint32_t out = 0;
    for (uint32_t k = 0; k < w->fks.count; k++) {
      TxForeignKey fk = w->fks.items[k];
      bool hit = tx_str_eq(fk.ref_table, name) && tx_str_eq(fk.ref_schema, schema);
      if (hit && drop)
        continue;
      if (hit)
        fk.ref_table = new_name;
      w->fks.items[out++] = fk;
    }
    w->fks.count = out;
  }
}

// A table renamed (to `new_name`) or dropped (empty `new_name`): its policies follow it or go
// with it, as in PostgreSQL (a table re-created under the old name starts without them).
static void table_policies(Build *b, TxStr schema, TxStr name, TxStr new_name) {
  for (uint32_t i = 0; i < b->policies.count; i++) {
    TxPolicy *pl = &b->policies.items[i];
    if (pl->dropped || !tx_str_eq(pl->table, name) || !tx_str_eq(pl->schema, schema))
      continue;
    if (new_name.len)
      pl->table = new_name;
    else
      pl->dropped = true;
  }
}

// DROP, ALTER and ALTER ... RENAME of the live policy an op names. ALTER replaces only the
// parts it gives (roles, USING, WITH CHECK); its command and AS RESTRICTIVE cannot change.
static void change_policy(Build *b, const TxSqlOp *op) {
  for (uint32_t i = 0; i < b->policies.count; i++) {
    TxPolicy *pl = &b->policies.items[i];
    if (pl->dropped || !tx_str_eq(pl->name, op->policy_name) || !tx_str_eq(pl->table, op->name) ||
        !tx_str_eq(pl->schema, op->schema))
      continue;
    if (op->kind == TX_SQL_DROP_POLICY) {
      pl->dropped = true;
    } else if (op->kind == TX_SQL_RENAME_POLICY) {
      pl->name = op->new_name;
    } else {
      if (op->role_count) {
        pl->roles = op->roles;
        pl->role_count = op->role_count;
      }
      if (op->policy_using) {
        pl->refs = op->refs;
        pl->ref_count = op->ref_count;
        pl->has_using = true;
      }
      if (op->policy_check) {
        pl->check_refs = op->check_refs;
        pl->check_ref_count = op->check_ref_count;
        pl->has_check = true;
      }
    }
    return; // names are unique per table among live policies
  }
}

// Applies one schema operation. One case per TxSqlOpKind, each a few lines: the switch is the
// fold's table of contents, so it stays one function though it is longer than 80 lines.
static void apply(Build *b, const TxSqlOp *op) {
  TableW *t = (op->kind <= TX_SQL_CREATE_POLICY && op->kind != TX_SQL_CREATE_TABLE) ||
                      op->kind == TX_SQL_DISABLE_RLS
                  ? find_table(b, op->schema, op->name)
                  : NULL;
  switch (op->kind) {
  case TX_SQL_CREATE_TABLE: {
    TableW *old = find_table(b, op->schema, op->name);
    if (old && op->if_not_exists)
      break; // CREATE TABLE IF NOT EXISTS on an existing table keeps it as it is
    if (old)
      old->dropped = true; // a plain re-create after a drop we missed replaces it
    TableW w;
    memset(&w, 0, sizeof w);
    w.t.schema = op->schema;
    w.t.name = op->name;
    w.t.span = op->span;
    w.t.from_types = op->from_types;
    for (uint32_t i = 0; i < op->column_count; i++)
      TX_ARRAY_PUSH(&w.cols, op->columns[i]);
    TX_ARRAY_PUSH(&b->tables, w);
    index_put(&b->table_index, name_hash(op->schema, op->name), b->tables.count - 1);
    break;
  }
  case TX_SQL_ADD_COLUMN:
    if (t && !find_column(t, op->columns[0].name))
      TX_ARRAY_PUSH(&t->cols, op->columns[0]);
    break;
  case TX_SQL_DROP_COLUMN:
    if (t) {
      TxColumn *col = find_column(t, op->column);
      if (col)
        *col = t->cols.items[--t->cols.count];
      drop_fks(t, op->column, (TxStr){"", 0});
    }
    break;
  case TX_SQL_RENAME_COLUMN:
    if (t) {
      TxColumn *col = find_column(t, op->column);
      if (col)
        col->name = op->new_name;
      for (uint32_t i = 0; col && i < t->fks.count; i++) {
        if (tx_str_eq(t->fks.items[i].column, op->column))
          t->fks.items[i].column = op->new_name;
      }
    }
    break;
  case TX_SQL_RENAME_TABLE:
    if (t) {
      retarget_fks(b, t->t.schema, t->t.name, op->new_name, false);
      table_policies(b, t->t.schema, t->t.name, op->new_name);
      t->t.name = op->new_name;
      index_put(&b->table_index, name_hash(t->t.schema, t->t.name),
                (uint32_t)(t - b->tables.items));
    }
    break;
  case TX_SQL_DROP_TABLE:
    if (t) {
      t->dropped = true;
      retarget_fks(b, t->t.schema, t->t.name, (TxStr){"", 0}, true);
      table_policies(b, t->t.schema, t->t.name, (TxStr){"", 0});
    }
    break;
  case TX_SQL_FOREIGN_KEY:
    if (t && find_column(t, op->column)) {
      TxForeignKey k = {op->column, op->ref_schema, op->ref_table, op->ref_column, op->new_name};
      TX_ARRAY_PUSH(&t->fks, k);
    }
    break;
  case TX_SQL_DROP_CONSTRAINT:
    if (t)
      drop_fks(t, (TxStr){"", 0}, op->column);
    break;
  case TX_SQL_SET_NOT_NULL:
    if (t) {
      TxColumn *col = find_column(t, op->column);
      if (col)
        col->not_null = true;
    }
    break;
  case TX_SQL_ENABLE_RLS:
  case TX_SQL_DISABLE_RLS:
    if (t)
      t->t.rls_enabled = op->kind == TX_SQL_ENABLE_RLS;
    break;
  case TX_SQL_UNIQUE:
    if (t) {
      TxColumn *col = find_column(t, op->column);
      if (col && op->key_member)
        col->in_key = true;
      else if (col)
        col->is_unique = true;
    }
    break;
  case TX_SQL_CREATE_POLICY: {
    TxPolicy pol = {.schema = op->schema,
                    .table = op->name,
                    .name = op->policy_name,
                    .command = op->policy_command,
                    .span = op->span,
                    .refs = op->refs,
                    .ref_count = op->ref_count,
                    .check_refs = op->check_refs,
                    .check_ref_count = op->check_ref_count,
                    .roles = op->roles,
                    .role_count = op->role_count,
                    .has_using = op->policy_using,
                    .has_check = op->policy_check,
                    .restrictive = op->policy_restrictive};
    TX_ARRAY_PUSH(&b->policies, pol);
    break;
  }
  case TX_SQL_DROP_POLICY:
  case TX_SQL_ALTER_POLICY:
  case TX_SQL_RENAME_POLICY:
    change_policy(b, op);
    break;
  case TX_SQL_CREATE_FUNCTION:
    create_function(b, op);
    break;
  case TX_SQL_DROP_FUNCTION:
    each_function(b, op, true);
    break;
  case TX_SQL_FUNCTION_SEARCH_PATH:
    each_function(b, op, false);
    break;
  }
}

// --- generated types ----------------------------------------------------------------------

// Whether a function (schema, name) is defined other than by generated-types file `file`:
// by the SQL, or by an earlier generated-types file.
static bool func_defined_elsewhere(Build *b, TxStr schema, TxStr name, uint32_t file) {
  if (b->funcs.count == 0)
    return false; // (the index is empty too; said for the static analyzer)
  uint32_t h = name_hash(schema, name), cursor = UINT32_MAX, i;
  while (index_next(&b->func_index, h, &cursor, &i)) {
    const TxSqlFunc *f = &b->funcs.items[i];
    if (!b->func_dropped.items[i] && tx_str_eq(f->name, name) && tx_str_eq(f->schema, schema) &&
        !(f->from_types && f->file == file))
      return true;
  }
  return false;
}

static void add_types_schema(Build *b, TxStr schema) {
  for (uint32_t i = 0; i < b->types_schemas.count; i++) {
    if (tx_str_eq(b->types_schemas.items[i], schema))
      return;
  }
  TX_ARRAY_PUSH(&b->types_schemas, schema);
}

// The operations of generated-types file `f`, after every SQL file: "migrations win". A
// table or function the schema already has is left as it is (its columns, keys and overloads
// all come from where it was defined); the others are added. The overloads of one file are
// each kept (TypeScript types cannot tell uuid from text, so signatures may look alike).
static void apply_types(Build *b, const TxFile *f) {
  for (uint32_t k = 0; k < f->sql->op_count; k++) {
    const TxSqlOp *op = &f->sql->ops[k];
    if (!op->from_types)
      continue;
    if (op->kind == TX_SQL_CREATE_TABLE) {
      if (!find_table(b, op->schema, op->name))
        apply(b, op);
    } else if (op->kind == TX_SQL_FOREIGN_KEY || op->kind == TX_SQL_UNIQUE) {
      const TableW *t = find_table(b, op->schema, op->name);
      if (t && t->t.from_types && t->t.span.file == f->id)
        apply(b, op);
    } else if (op->kind == TX_SQL_CREATE_FUNCTION) {
      add_types_schema(b, op->schema);
      if (func_defined_elsewhere(b, op->schema, op->name, f->id))
        continue;
      TX_ARRAY_PUSH(&b->funcs, op->func);
      TX_ARRAY_PUSH(&b->func_dropped, false);
      index_put(&b->func_index, name_hash(op->schema, op->name), b->funcs.count - 1);
    }
  }
}

static int str_cmp(const void *a, const void *b) {
  return tx_str_cmp(*(const TxStr *)a, *(const TxStr *)b);
}

// Every generated-types file, in path order (the first to define a table or function wins
// among them). TxSchema.defines_functions stays about the SQL: the idempotency analysis reads
// it as "the migrations are the source of truth for rpc bodies", which types never are.
static void apply_all_types(Build *b, TxProgram *p) {
  TxSchema *s = &p->schema;
  for (uint32_t i = 0; i < p->file_count; i++) {
    if (p->files[i]->src.lang != TX_LANG_SQL && p->files[i]->sql)
      apply_types(b, p->files[i]);
  }
  if (b->types_schemas.count > 1)
    qsort(b->types_schemas.items, b->types_schemas.count, sizeof(TxStr), str_cmp);
  s->types_schemas = TX_ARRAY_TO_ARENA(&p->arena, &b->types_schemas);
  s->types_schema_count = b->types_schemas.count;
  TX_ARRAY_FREE(&b->types_schemas);
}

static int table_cmp(const void *a, const void *b) {
  const TxTable *x = a, *y = b;
  return tx_schema_key_cmp(x->schema, x->name, y->schema, y->name);
}

static int func_cmp(const void *a, const void *b) {
  const TxSqlFunc *x = a, *y = b;
  return tx_schema_key_cmp(x->schema, x->name, y->schema, y->name);
}

// A stable sort (qsort is not): bottom-up merge sort with one scratch buffer.
static void merge_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *)) {
  unsigned char *a = base, *tmp = tx_xmalloc(n * size);
  for (size_t width = 1; width < n; width *= 2) {
    for (size_t lo = 0; lo < n; lo += 2 * width) {
      size_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
      size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        if (cmp(a + j * size, a + i * size) < 0)
          memcpy(tmp + (k++) * size, a + (j++) * size, size);
        else
          memcpy(tmp + (k++) * size, a + (i++) * size, size);
      }
      memcpy(tmp + k * size, a + i * size, (mid - i) * size);
      k += mid - i;
      memcpy(tmp + k * size, a + j * size, (hi - j) * size);
    }
    memcpy(a, tmp, n * size);
  }
  free(tmp);
}

// tenant_columns came from .txlint.yml: it differs from the default list. (A file that
// repeats the default list behaves as no setting.)
static bool tenant_configured(const TxConfig *cfg) {
  TxConfig d;
  tx_config_defaults(&d);
  bool same = d.tenant_columns.count == cfg->tenant_columns.count;
  for (uint32_t i = 0; same && i < d.tenant_columns.count; i++)
    same = tx_str_eq(d.tenant_columns.items[i], cfg->tenant_columns.items[i]);
  tx_config_fini(&d);
  return !same;
}

void tx_schema_build(TxProgram *p) {
  Build b;
  memset(&b, 0, sizeof b);
  b.a = &p->arena;
  TxSchema *s = &p->schema;
  for (uint32_t i = 0; i < p->file_count; i++) {
    const TxFile *f = p->files[i];
    if (f->src.lang != TX_LANG_SQL)
      continue;
    s->has_sql = true;
    for (uint32_t k = 0; f->sql && k < f->sql->op_count; k++) {
      apply(&b, &f->sql->ops[k]);
      s->defines_functions |= f->sql->ops[k].kind == TX_SQL_CREATE_FUNCTION;
    }
  }
  apply_all_types(&b, p);
  uint32_t live = 0;
  for (uint32_t i = 0; i < b.tables.count; i++)
    live += !b.tables.items[i].dropped;
  s->tables = TX_ARENA_ARRAY(&p->arena, TxTable, live + 1);
  for (uint32_t i = 0; i < b.tables.count; i++) {
    TableW *w = &b.tables.items[i];
    if (!w->dropped) {
      TxTable t = w->t;
      t.columns = TX_ARRAY_TO_ARENA(&p->arena, &w->cols);
      t.column_count = w->cols.count;
      t.fks = TX_ARRAY_TO_ARENA(&p->arena, &w->fks);
      t.fk_count = w->fks.count;
      s->tables[s->table_count++] = t;
    }
    TX_ARRAY_FREE(&w->cols);
    TX_ARRAY_FREE(&w->fks);
  }
  uint32_t live_funcs = 0;
  for (uint32_t i = 0; i < b.funcs.count; i++) {
    if (!b.func_dropped.items[i])
      b.funcs.items[live_funcs++] = b.funcs.items[i];
  }
  b.funcs.count = live_funcs;
  // Sorted by (name, schema) for the binary searches above; a stable sort keeps overloads in
  // definition order.
  if (s->table_count > 1)
    merge_sort(s->tables, s->table_count, sizeof(TxTable), table_cmp);
  if (b.funcs.count > 1)
    merge_sort(b.funcs.items, b.funcs.count, sizeof(TxSqlFunc), func_cmp);
  s->funcs = TX_ARRAY_TO_ARENA(&p->arena, &b.funcs);
  s->func_count = b.funcs.count;
  s->policies = TX_ARRAY_TO_ARENA(&p->arena, &b.policies);
  s->policy_count = b.policies.count;
  TX_ARRAY_FREE(&b.tables);
  TX_ARRAY_FREE(&b.funcs);
  TX_ARRAY_FREE(&b.func_dropped);
  TX_ARRAY_FREE(&b.policies);
  free(b.table_index.slots);
  free(b.func_index.slots);
  tx_tenant_infer(s, &p->arena, &p->config->tenant_columns, tenant_configured(p->config),
                  &p->config->tenant_roots);
}
