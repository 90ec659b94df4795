// schema.c: building the schema model from the SQL units of every file, and lookups on it.
// Files are applied in path order, which is migration order for timestamp-named migrations
// (supabase/migrations/<timestamp>_name.sql, then supabase/seed.sql and other SQL files).
#include "schema.h"

#include <stdlib.h>
#include <string.h>

#include "../base/array.h"
#include "link.h"

const TxTable *tx_schema_table(const TxSchema *s, TxStr schema, TxStr name) {
  TxStr want = tx_str_empty(schema) ? TX_STR_LIT("public") : schema;
  for (uint32_t i = 0; i < s->table_count; i++) {
    const TxTable *t = &s->tables[i];
    if (tx_str_eq(t->name, name) && tx_str_eq(t->schema, want))
      return t;
  }
  return NULL;
}

bool tx_table_has_column(const TxTable *t, TxStr name) {
  for (uint32_t i = 0; i < t->column_count; i++) {
    if (tx_str_eq(t->columns[i].name, name))
      return true;
  }
  return false;
}

uint32_t tx_schema_funcs(const TxSchema *s, TxStr schema, TxStr name, const TxSqlFunc **out,
                         uint32_t max) {
  TxStr want = tx_str_empty(schema) ? TX_STR_LIT("public") : schema;
  uint32_t n = 0;
  for (uint32_t i = 0; i < s->func_count; i++) {
    const TxSqlFunc *f = &s->funcs[i];
    if (tx_str_eq(f->name, name) && tx_str_eq(f->schema, want)) {
      if (n < max)
        out[n] = f;
      n++;
    }
  }
  return n;
}

// Working state: growable arrays, copied into the program's arena at the end.
typedef struct TableW {
  TxTable t;
  TX_ARRAY(TxColumn) cols;
  bool dropped;
} TableW;

typedef struct Build {
  TxArena *a;
  TX_ARRAY(TableW) tables;
  TX_ARRAY(TxSqlFunc) funcs;
  TX_ARRAY(TxPolicy) policies;
} Build;

static TableW *find_table(Build *b, TxStr schema, TxStr name) {
  for (uint32_t i = 0; i < b->tables.count; i++) {
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
  for (uint32_t i = 0; i < b->funcs.count;) {
    TxSqlFunc *f = &b->funcs.items[i];
    bool match = tx_str_eq(f->name, op->name) && tx_str_eq(f->schema, op->schema) &&
                 (!op->has_arg_types || same_signature(f, op->arg_types, op->arg_type_count));
    if (match && drop) {
      b->funcs.items[i] = b->funcs.items[--b->funcs.count];
      continue;
    }
    if (match)
      f->has_search_path = true;
    i++;
  }
}

static void create_function(Build *b, const TxSqlOp *op) {
  TxStr types[256];
  uint32_t n;
  uint32_t count = op->func.param_count < 256 ? op->func.param_count : 255;
  TxSqlFunc fn = op->func;
  fn.param_count = count;
  input_types(&fn, types, &n);
  for (uint32_t i = 0; i < b->funcs.count; i++) {
    TxSqlFunc *old = &b->funcs.items[i];
    if (tx_str_eq(old->name, fn.name) && tx_str_eq(old->schema, fn.schema) &&
        same_signature(old, types, n)) {
      *old = fn; // CREATE OR REPLACE (or a redefinition after a drop we did not see)
      return;
    }
  }
  TX_ARRAY_PUSH(&b->funcs, fn);
}

static void apply(Build *b, const TxSqlOp *op) {
  TableW *t = op->kind <= TX_SQL_CREATE_POLICY && op->kind != TX_SQL_CREATE_TABLE
                  ? find_table(b, op->schema, op->name)
                  : NULL;
  switch (op->kind) {
  case TX_SQL_CREATE_TABLE: {
    TableW *old = find_table(b, op->schema, op->name);
    if (old)
      old->dropped = true; // CREATE TABLE IF NOT EXISTS on an existing table keeps the first;
                           // a plain re-create after a drop we missed replaces it
    TableW w;
    memset(&w, 0, sizeof w);
    w.t.schema = op->schema;
    w.t.name = op->name;
    w.t.span = op->span;
    for (uint32_t i = 0; i < op->column_count; i++)
      TX_ARRAY_PUSH(&w.cols, op->columns[i]);
    TX_ARRAY_PUSH(&b->tables, w);
    break;
  }
  case TX_SQL_ADD_COLUMN:
    if (t && !find_column(t, op->columns[0].name))
      TX_ARRAY_PUSH(&t->cols, op->columns[0]);
    break;
  case TX_SQL_DROP_COLUMN:
    if (t) {
      TxColumn *c = find_column(t, op->column);
      if (c)
        *c = t->cols.items[--t->cols.count];
    }
    break;
  case TX_SQL_RENAME_COLUMN:
    if (t) {
      TxColumn *c = find_column(t, op->column);
      if (c)
        c->name = op->new_name;
    }
    break;
  case TX_SQL_RENAME_TABLE:
    if (t)
      t->t.name = op->new_name;
    break;
  case TX_SQL_DROP_TABLE:
    if (t)
      t->dropped = true;
    break;
  case TX_SQL_ENABLE_RLS:
    if (t)
      t->t.rls_enabled = true;
    break;
  case TX_SQL_UNIQUE:
    if (t) {
      TxColumn *c = find_column(t, op->column);
      if (c)
        c->is_unique = true;
    }
    break;
  case TX_SQL_CREATE_POLICY: {
    TxPolicy pol = {op->schema, op->name, op->new_name, op->column, op->span};
    TX_ARRAY_PUSH(&b->policies, pol);
    break;
  }
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
      s->tables[s->table_count++] = t;
    }
    TX_ARRAY_FREE(&w->cols);
  }
  s->funcs = TX_ARRAY_TO_ARENA(&p->arena, &b.funcs);
  s->func_count = b.funcs.count;
  s->policies = TX_ARRAY_TO_ARENA(&p->arena, &b.policies);
  s->policy_count = b.policies.count;
  TX_ARRAY_FREE(&b.tables);
  TX_ARRAY_FREE(&b.funcs);
  TX_ARRAY_FREE(&b.policies);
}
