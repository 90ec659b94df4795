// schema.h: the database model learnt from SQL migrations, as rules see it. Built by the
// link stage from every SQL file's statements, migrations applied in file-name order
// (front_sql/ fills TxSqlUnit per file; ir/schema.c applies them). Names are stored as
// PostgreSQL folds them: unquoted identifiers lower-cased, quoted ones kept.
#ifndef TX_IR_SCHEMA_H
#define TX_IR_SCHEMA_H

#include "ir.h"

typedef struct TxColumn {
  TxStr name;
  TxStr type;          // as written, normalised to lower case ("uuid", "text[]")
  bool is_primary_key; // alone in a primary key
  bool is_unique;      // alone in a unique constraint or unique index
} TxColumn;

typedef struct TxTable {
  TxStr schema; // "public" when unqualified
  TxStr name;
  TxColumn *columns;
  uint32_t column_count;
  bool rls_enabled;
  TxSpan span; // the CREATE TABLE statement
} TxTable;

typedef struct TxParam {
  TxStr name; // empty for an unnamed parameter
  TxStr type;
  TxStr mode; // "in", "out", "inout", "variadic", "table"
  bool has_default;
} TxParam;

typedef struct TxSqlFunc {
  TxStr schema; // "public" when unqualified
  TxStr name;
  TxParam *params;
  uint32_t param_count;
  TxStr returns;
  TxStr language; // "plpgsql", "sql", ...
  bool security_definer;
  bool has_search_path; // SET search_path in the definition or a later ALTER FUNCTION
  TxSpan span;          // the CREATE FUNCTION statement
  TxSpan name_span;
  uint32_t file;    // file and function holding the body's facts (TX_NONE when the body
  uint32_t fn;      // could not be read)
  bool dynamic_sql; // the body runs EXECUTE: its statements are not known
} TxSqlFunc;

typedef struct TxPolicy {
  TxStr schema, table, name;
  TxStr command; // "all", "select", "insert", "update", "delete"
  TxSpan span;
} TxPolicy;

typedef struct TxSchema {
  TxTable *tables;
  uint32_t table_count;
  TxSqlFunc *funcs; // every live definition; overloads are separate entries
  uint32_t func_count;
  TxPolicy *policies;
  uint32_t policy_count;
  bool has_sql;           // at least one SQL file was read
  bool defines_functions; // at least one CREATE FUNCTION was seen (enables rpc checks)
} TxSchema;

// One schema statement of a SQL file, in file order. The link stage applies every file's
// operations in path order (migrations are named to sort by time) to build TxSchema.
typedef enum TxSqlOpKind {
  TX_SQL_CREATE_TABLE,         // schema, name, columns
  TX_SQL_ADD_COLUMN,           // schema, name, columns[0]
  TX_SQL_DROP_COLUMN,          // schema, name, column
  TX_SQL_RENAME_COLUMN,        // schema, name, column -> new_name
  TX_SQL_RENAME_TABLE,         // schema, name -> new_name
  TX_SQL_DROP_TABLE,           // schema, name
  TX_SQL_ENABLE_RLS,           // schema, name
  TX_SQL_UNIQUE,               // schema, name, column (single-column unique or primary key)
  TX_SQL_CREATE_POLICY,        // schema, name (table), new_name (policy), column (command)
  TX_SQL_CREATE_FUNCTION,      // func (replace: or_replace)
  TX_SQL_DROP_FUNCTION,        // schema, name, arg_types when has_arg_types
  TX_SQL_FUNCTION_SEARCH_PATH, // schema, name, arg_types when has_arg_types
} TxSqlOpKind;

typedef struct TxSqlOp {
  TxSqlOpKind kind;
  TxSpan span;
  TxStr schema; // "public" when unqualified
  TxStr name;
  TxStr column;
  TxStr new_name;
  TxColumn *columns;
  uint32_t column_count;
  TxStr *arg_types;
  uint32_t arg_type_count;
  bool has_arg_types;
  bool or_replace;
  TxSqlFunc func; // TX_SQL_CREATE_FUNCTION
} TxSqlOp;

struct TxSqlUnit {
  TxSqlOp *ops;
  uint32_t op_count;
};

// Looks a table up; an empty `schema` means "public". NULL when unknown.
const TxTable *tx_schema_table(const TxSchema *s, TxStr schema, TxStr name);
// True when `t` has a column named `name`.
bool tx_table_has_column(const TxTable *t, TxStr name);
// The live definitions of function `name` in `schema` (empty: "public"): fills up to `max`
// pointers and returns how many exist.
uint32_t tx_schema_funcs(const TxSchema *s, TxStr schema, TxStr name, const TxSqlFunc **out,
                         uint32_t max);

#endif
