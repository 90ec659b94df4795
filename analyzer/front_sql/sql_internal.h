// sql_internal.h: state and helpers shared by the SQL front end's files (sql_front.c: the
// entry, statements, notices; sql_split.c: joining BEGIN ATOMIC bodies; sql_json.c: reading
// the parse tree; sql_dml.c: DML -> facts; sql_body.c: function bodies; sql_ddl.c: schema
// statements; sql_comments.c: suppression comments). Not part of the front end's interface.
#ifndef TX_FRONT_SQL_SQL_INTERNAL_H
#define TX_FRONT_SQL_SQL_INTERNAL_H

#include <jansson.h>
#include <pg_query.h>
#include <string.h>

#include "base/array.h"
#include "ir/schema.h"
#include "sql_front.h"

// One file's extraction; the arrays are copied into the file's arena at the end.
typedef struct SqlCtx {
  TxFile *f;
  const TxConfig *cfg;
  TX_ARRAY(TxSqlOp) ops;
  TX_ARRAY(TxFact) facts;
  TX_ARRAY(TxFunction) fns;
  TX_ARRAY(TxNotice) notices;
  uint32_t parse_errors;
} SqlCtx;

typedef TX_ARRAY(TxSuppression) SupList;

// --- small JSON helpers (inline: the walks call them for every node) ------------------------

static inline json_t *tx_sql_get(json_t *o, const char *key) {
  return json_is_object(o) ? json_object_get(o, key) : NULL;
}

static inline const char *tx_sql_sval(json_t *o) {
  // {"String": {"sval": "x"}} or {"sval": "x"}
  json_t *s = tx_sql_get(o, "String");
  if (s)
    o = s;
  json_t *v = tx_sql_get(o, "sval");
  return json_is_string(v) ? json_string_value(v) : NULL;
}

static inline int tx_sql_location(json_t *o) {
  json_t *l = tx_sql_get(o, "location");
  return json_is_integer(l) ? (int)json_integer_value(l) : -1;
}

// A copy of `s` in the file's arena; "" for NULL.
static inline TxStr tx_sql_copy(SqlCtx *ex, const char *s) {
  return s ? tx_arena_str(&ex->f->arena, s, strlen(s)) : (TxStr){"", 0};
}

static inline TxSpan tx_sql_span(const SqlCtx *ex, uint32_t start, uint32_t end) {
  return (TxSpan){ex->f->id, start, end > start ? end : start};
}

// --- sql_json.c -------------------------------------------------------------------------------

// A type's last name, with "[]" for an array ("pg_catalog.int4" -> "int4"); "" when absent.
TxStr tx_sql_type_name(SqlCtx *ex, json_t *type);
// RangeVar -> schema ("public" when absent) and name.
void tx_sql_range_var(SqlCtx *ex, json_t *rv, TxStr *schema, TxStr *name);
// ["schema", "name"] or ["name"] String lists (function names, DROP TABLE objects).
void tx_sql_qualified(SqlCtx *ex, json_t *list, TxStr *schema, TxStr *name);
// The column a ColumnRef names (its last field), or NULL.
const char *tx_sql_column_of(json_t *e);

// --- sql_front.c: notices and text ------------------------------------------------------------

// libpg_query's cursorpos (characters from 1) as a byte offset into s[0, len).
uint32_t tx_sql_char_to_byte(const char *s, uint32_t len, int cursorpos);
// A "parse-error" notice at file offset `at` (the first TX_MAX_SYNTAX_NOTICES of a file).
void tx_sql_parse_error_at(SqlCtx *ex, uint32_t at, const char *message);
// The same for libpg_query's error `e` on `text` (of `len` bytes) at file offset `base`.
void tx_sql_parse_error(SqlCtx *ex, const PgQueryError *e, uint32_t base, const char *text,
                        uint32_t len);
// The offset of the first byte in s[i, end) that is neither white space nor a comment.
uint32_t tx_sql_skip_space(const char *s, uint32_t i, uint32_t end);

// --- sql_split.c ------------------------------------------------------------------------------

// Joins the pieces of each BEGIN ATOMIC body into one (the others get stmt_location -1).
void tx_sql_join_atomic_bodies(PgQuerySplitResult *split, const char *src, uint32_t src_len);

// --- sql_dml.c --------------------------------------------------------------------------------

// Facts of the DML statement `stmt` spanning [start, end) of the file, `base` the file offset
// of its parse's locations, for function `fn` (TX_NONE: top level). False when not DML.
bool tx_sql_dml_fact(SqlCtx *ex, json_t *stmt, uint32_t base, uint32_t start, uint32_t end,
                     uint32_t fn);
// Parses `sql` (at file offset `base`) as statements and makes facts of its DML; reports a
// syntax error only when `report_errors`.
void tx_sql_dml_from_text(SqlCtx *ex, const char *sql, uint32_t base, uint32_t fn,
                          bool report_errors);

// --- sql_body.c -------------------------------------------------------------------------------

// The facts of the body of CREATE FUNCTION `n` (statement text `stmt` at file offset `base`)
// for function `fn`; sets fn_out->dynamic_sql.
void tx_sql_function_body(SqlCtx *ex, const char *stmt, uint32_t stmt_len, uint32_t base, json_t *n,
                          TxSqlFunc *fn_out, uint32_t fn);

// The functions DO block `n` (statement text `text` at file offset `base`) creates with
// EXECUTE of a literal string or of format() over literals (see sql_body.c).
void tx_sql_do_block(SqlCtx *ex, json_t *n, const char *text, uint32_t len, uint32_t base);

// --- sql_ddl.c --------------------------------------------------------------------------------

// One parsed statement `stmt` whose text `text` (of `len` bytes) is at file offset `base`:
// schema operations, or facts when it is DML.
void tx_sql_statement(SqlCtx *ex, json_t *stmt, const char *text, uint32_t len, uint32_t base);

// --- sql_comments.c ---------------------------------------------------------------------------

// Appends the file's suppression comments to `out`.
void tx_sql_suppressions(SqlCtx *ex, SupList *out);

#endif
