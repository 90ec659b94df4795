// sql_json.c: reading libpg_query's JSON parse tree: type names, relation and qualified
// names, column references (the smallest helpers are inline in sql_internal.h).
#include <jansson.h>
#include <string.h>

#include "sql_internal.h"

// A list of String nodes joined with '.', for type names ("pg_catalog.int4" -> "int4").
TxStr tx_sql_type_name(SqlCtx *ex, json_t *type) {
  json_t *names = tx_sql_get(type, "names");
  size_t n = json_array_size(names);
  const char *last = n ? tx_sql_sval(json_array_get(names, n - 1)) : NULL;
  json_t *bounds = tx_sql_get(type, "arrayBounds");
  if (!last)
    return (TxStr){"", 0};
  return json_array_size(bounds) ? tx_arena_printf(&ex->f->arena, "%s[]", last)
                                 : tx_sql_copy(ex, last);
}

// RangeVar -> schema ("public" when absent) and name.
void tx_sql_range_var(SqlCtx *ex, json_t *rv, TxStr *schema, TxStr *name) {
  json_t *r = tx_sql_get(rv, "RangeVar");
  if (r)
    rv = r;
  const char *s = json_string_value(tx_sql_get(rv, "schemaname"));
  *schema = s ? tx_sql_copy(ex, s) : TX_STR_LIT("public");
  *name = tx_sql_copy(ex, json_string_value(tx_sql_get(rv, "relname")));
}

// ["schema", "name"] or ["name"] String lists (function names, DROP TABLE objects).
void tx_sql_qualified(SqlCtx *ex, json_t *list, TxStr *schema, TxStr *name) {
  json_t *items = tx_sql_get(list, "items");
  if (items)
    list = items;
  size_t n = json_array_size(list);
  *name = n ? tx_sql_copy(ex, tx_sql_sval(json_array_get(list, n - 1))) : (TxStr){"", 0};
  *schema =
      n > 1 ? tx_sql_copy(ex, tx_sql_sval(json_array_get(list, n - 2))) : TX_STR_LIT("public");
}

const char *tx_sql_column_of(json_t *e) {
  json_t *ref = tx_sql_get(e, "ColumnRef");
  json_t *fields = tx_sql_get(ref, "fields");
  size_t n = json_array_size(fields);
  return n ? tx_sql_sval(json_array_get(fields, n - 1)) : NULL;
}
