// schema.c: lookups on the schema model. (Building it from SQL units is added by the SQL
// front-end work.)
#include "schema.h"

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

void tx_schema_build(TxProgram *p) {
  (void)p;
}
