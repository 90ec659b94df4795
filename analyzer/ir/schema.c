// schema.c: lookups on the schema model (link/schema_fold.c builds it).
#include "schema.h"

#include <stdlib.h>
#include <string.h>

int tx_schema_key_cmp(TxStr schema_a, TxStr name_a, TxStr schema_b, TxStr name_b) {
  int c = tx_str_cmp(name_a, name_b);
  return c ? c : tx_str_cmp(schema_a, schema_b);
}

// Tables and functions are sorted by (name, schema) when the schema is built, so lookups are
// binary searches: a migration history with tens of thousands of tables stays fast.
const TxTable *tx_schema_table(const TxSchema *s, TxStr schema, TxStr name) {
  TxStr want = tx_str_empty(schema) ? TX_STR_LIT("public") : schema;
  uint32_t lo = 0, hi = s->table_count;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    int c = tx_schema_key_cmp(s->tables[mid].schema, s->tables[mid].name, want, name);
    if (c == 0)
      return &s->tables[mid];
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

uint32_t tx_schema_funcs(const TxSchema *s, TxStr schema, TxStr name, const TxSqlFunc **out,
                         uint32_t max) {
  TxStr want = tx_str_empty(schema) ? TX_STR_LIT("public") : schema;
  uint32_t lo = 0, hi = s->func_count;
  while (lo < hi) { // first definition not less than the key (overloads are adjacent)
    uint32_t mid = lo + (hi - lo) / 2;
    if (tx_schema_key_cmp(s->funcs[mid].schema, s->funcs[mid].name, want, name) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  uint32_t n = 0;
  for (uint32_t i = lo; i < s->func_count &&
                        tx_schema_key_cmp(s->funcs[i].schema, s->funcs[i].name, want, name) == 0;
       i++) {
    if (n < max)
      out[n] = &s->funcs[i];
    n++;
  }
  return n;
}

bool tx_schema_types_cover(const TxSchema *s, TxStr schema) {
  TxStr want = tx_str_empty(schema) ? TX_STR_LIT("public") : schema;
  for (uint32_t i = 0; i < s->types_schema_count; i++) {
    if (tx_str_eq(s->types_schemas[i], want))
      return true;
  }
  return false;
}
