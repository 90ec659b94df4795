// schema.h: the database model learnt from SQL migrations, as rules see it. Built by the
// link stage from every SQL file's statements, migrations applied in file-name order
// (front_sql/ fills TxSqlUnit per file; ir/schema.c applies them). Names are stored as
// PostgreSQL folds them: unquoted identifiers lower-cased, quoted ones kept.
#ifndef TX_IR_SCHEMA_H
#define TX_IR_SCHEMA_H

#include "config/config.h"
#include "ir.h"

typedef struct TxColumn {
  TxStr name;
  TxStr type;          // as written, normalised to lower case ("uuid", "text[]")
  bool is_primary_key; // alone in a primary key
  bool is_unique;      // alone in a unique constraint or unique index
  bool in_key;         // one column of a unique constraint, unique index or primary key of
                       // several columns (`unique (provider, event_id)`)
  bool not_null;       // NOT NULL or PRIMARY KEY in its definition
} TxColumn;

// A foreign key of one column (each column of a multi-column key is listed on its own).
typedef struct TxForeignKey {
  TxStr column;
  TxStr ref_schema; // "public" when unqualified
  TxStr ref_table;
  TxStr ref_column; // empty: the referenced table's primary key
  TxStr name;       // the constraint's name, or PostgreSQL's default <table>_<column>_fkey
} TxForeignKey;

// Why a column is a table's tenant column (see link/tenant.c).
typedef struct TxTenantColumn {
  TxStr name;
  TxStr root_schema, root; // the tenant root its foreign key references; empty: by name only
  bool by_name;            // named like a tenant column (tenant_columns or its camelCase form)
} TxTenantColumn;

typedef struct TxTable {
  TxStr schema; // "public" when unqualified
  TxStr name;
  TxColumn *columns;
  uint32_t column_count;
  bool rls_enabled; // ENABLE ROW LEVEL SECURITY, and no DISABLE after it
  TxSpan span;      // the CREATE TABLE statement
  TxForeignKey *fks;
  uint32_t fk_count;
  // Filled by tx_tenant_infer(): the columns that scope a row to one tenant, the one a
  // filter is expected on first; none for a global table or a tenant root.
  TxTenantColumn *tenant;
  uint32_t tenant_count;
  bool is_tenant_root;
  bool from_types; // known only from a generated-types file (span is its entry there): no
                   // migration defines it, and its RLS state is not known
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
  uint32_t file;     // file and function holding the body's facts (TX_NONE when the body
  uint32_t fn;       // could not be read)
  bool dynamic_sql;  // the body runs EXECUTE: its statements are not known
  bool from_types;   // from a generated-types file's Functions (front_ts/ts_types.c): its
                     // parameters are known, its body is not (file is that file, fn TX_NONE)
  bool args_unknown; // from_types: its Args type could not be read; any arguments pass
} TxSqlFunc;

typedef struct TxPolicy {
  TxStr schema, table, name;
  TxStr command; // "all", "select", "insert", "update", "delete"
  TxSpan span;
  // What its USING expression mentions, each once: "t:schema.table" for a table read in a
  // subquery, "c:column" for a column, "f:schema.name" for a function, "r:role" for the role
  // a top-level AND condition requires (auth.role() = 'service_role'). USING decides which
  // existing rows an UPDATE or DELETE reaches.
  TxStr *refs;
  uint32_t ref_count;
  // The same for WITH CHECK, which checks only the rows an INSERT or UPDATE writes.
  TxStr *check_refs;
  uint32_t check_ref_count;
  // The roles it is for, as written (lower case unless quoted); "public" for PUBLIC or no
  // TO clause; "current_user", "session_user", "current_role" for those keywords.
  TxStr *roles;
  uint32_t role_count;
  bool has_using;   // a USING expression was given (USING (true) included)
  bool has_check;   // a WITH CHECK expression was given
  bool restrictive; // AS RESTRICTIVE: AND-ed with the permissive ones
  bool dropped;     // a later DROP POLICY (or DROP TABLE) removed it; kept so a tool can say so,
                    // skipped by the tenant inference, the RLS grading and --explain-schema
} TxPolicy;

// How a tenant root was found (link/tenant.c).
typedef enum TxRootWhy {
  TX_ROOT_BY_NAME,       // a tenant-named column references it, or its name is one's plural
  TX_ROOT_BY_MEMBERSHIP, // scored: membership tables, policies, NOT NULL references
  TX_ROOT_CONFIGURED,    // tenant_root in .txlint.yml (then the only roots)
} TxRootWhy;

typedef struct TxTenantRoot {
  TxStr schema, name;
  TxRootWhy why;
  TxStr via;            // TX_ROOT_BY_NAME: "calls.org_id" or "name" (plural of a column)
  uint32_t memberships; // tables pairing it with users
  uint32_t policies;    // policies scoping rows through it
  uint32_t references;  // other tables with a NOT NULL foreign key to it
  uint32_t score;       // memberships * 3 + policies * 2 + references
} TxTenantRoot;

typedef struct TxSchema {
  TxTable *tables;
  uint32_t table_count;
  TxSqlFunc *funcs; // every live definition; overloads are separate entries
  uint32_t func_count;
  TxPolicy *policies;
  uint32_t policy_count;
  TxTenantRoot *roots; // sorted by (schema, name)
  uint32_t root_count;
  TxStr *tenant_names; // the tenant column names tried, camelCase forms included
  uint32_t tenant_name_count;
  bool tenant_configured; // tenant_columns came from .txlint.yml
  bool roots_configured;  // tenant_root came from .txlint.yml: the roots are those, not inferred
  bool untenanted;        // tables are known and none is tenant-scoped (no root, no tenant column):
                          // the project has no tenants, so a table the schema lacks has none either
  bool has_sql;           // at least one SQL file was read
  bool defines_functions; // at least one CREATE FUNCTION was seen (enables rpc checks)
  // The schemas a generated-types file lists functions for (sorted, each once): there, a
  // function neither it nor a migration defines is unknown (rpc-unknown-function).
  TxStr *types_schemas;
  uint32_t types_schema_count;
} TxSchema;

// One schema statement of a SQL file, in file order. The link stage applies every file's
// operations in path order (migrations are named to sort by time) to build TxSchema.
// A generated-types file (front_ts/ts_types.c) makes the same operations, marked from_types:
// CREATE TABLE with its Row columns, FOREIGN_KEY and UNIQUE from its Relationships, and
// CREATE FUNCTION per overload; they are applied after every SQL file and only fill in the
// tables and functions no SQL file defines (link/schema_fold.c: migrations win).
typedef enum TxSqlOpKind {
  TX_SQL_CREATE_TABLE,         // schema, name, columns; if_not_exists
  TX_SQL_ADD_COLUMN,           // schema, name, columns[0]
  TX_SQL_DROP_COLUMN,          // schema, name, column
  TX_SQL_RENAME_COLUMN,        // schema, name, column -> new_name
  TX_SQL_RENAME_TABLE,         // schema, name -> new_name
  TX_SQL_DROP_TABLE,           // schema, name
  TX_SQL_ENABLE_RLS,           // schema, name (ENABLE ROW LEVEL SECURITY)
  TX_SQL_UNIQUE,               // schema, name, column (a unique or primary key; key_member:
                               // one op per column of a key of several)
  TX_SQL_FOREIGN_KEY,          // schema, name, column -> ref_schema.ref_table(ref_column),
                               // new_name (constraint name)
  TX_SQL_DROP_CONSTRAINT,      // schema, name, column (constraint name)
  TX_SQL_SET_NOT_NULL,         // schema, name, column
  TX_SQL_CREATE_POLICY,        // schema, name (table), policy_name, policy_command, refs
  TX_SQL_CREATE_FUNCTION,      // func (replace: or_replace)
  TX_SQL_DROP_FUNCTION,        // schema, name, arg_types when has_arg_types
  TX_SQL_FUNCTION_SEARCH_PATH, // schema, name, arg_types when has_arg_types
  TX_SQL_DROP_POLICY,          // schema, name (table), policy_name
  TX_SQL_DISABLE_RLS,          // schema, name (DISABLE ROW LEVEL SECURITY)
  TX_SQL_ALTER_POLICY,         // schema, name (table), policy_name; the parts given replace
                               // the policy's: roles (role_count > 0), USING (policy_using:
                               // refs), WITH CHECK (policy_check: check_refs)
  TX_SQL_RENAME_POLICY,        // schema, name (table), policy_name -> new_name
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
  TxStr ref_schema, ref_table, ref_column; // TX_SQL_FOREIGN_KEY
  TxStr policy_name;                       // TX_SQL_CREATE_POLICY
  TxStr policy_command;                    // TX_SQL_CREATE_POLICY (as TxPolicy.command)
  TxStr *refs;                             // TX_SQL_CREATE/ALTER_POLICY (as TxPolicy.refs)
  uint32_t ref_count;
  TxStr *check_refs; // TX_SQL_CREATE/ALTER_POLICY (as TxPolicy.check_refs)
  uint32_t check_ref_count;
  TxStr *roles; // TX_SQL_CREATE/ALTER_POLICY (as TxPolicy.roles; ALTER: none, kept)
  uint32_t role_count;
  bool policy_using;       // TX_SQL_CREATE/ALTER_POLICY: a USING expression was given
  bool policy_check;       // TX_SQL_CREATE/ALTER_POLICY: a WITH CHECK expression was given
  bool policy_restrictive; // TX_SQL_CREATE_POLICY: AS RESTRICTIVE
  TxStr *arg_types;
  uint32_t arg_type_count;
  bool has_arg_types;
  bool or_replace;
  bool if_not_exists; // TX_SQL_CREATE_TABLE: an existing table is kept as it is
  bool key_member;    // TX_SQL_UNIQUE: the column is one of a key of several columns
  bool from_types;    // made from a generated-types file, not SQL (see above)
  TxSqlFunc func;     // TX_SQL_CREATE_FUNCTION
} TxSqlOp;

struct TxSqlUnit {
  TxSqlOp *ops;
  uint32_t op_count;
};

// Looks a table up; an empty `schema` means "public". NULL when unknown.
const TxTable *tx_schema_table(const TxSchema *s, TxStr schema, TxStr name);
// The order of TxSchema.tables and .funcs (by name, then schema), which the lookups' binary
// searches rely on: the schema builder sorts by it.
int tx_schema_key_cmp(TxStr schema_a, TxStr name_a, TxStr schema_b, TxStr name_b);
// The live definitions of function `name` in `schema` (empty: "public"): fills up to `max`
// pointers and returns how many exist.
uint32_t tx_schema_funcs(const TxSchema *s, TxStr schema, TxStr name, const TxSqlFunc **out,
                         uint32_t max);

// Whether a generated-types file lists functions for `schema` (empty: "public").
bool tx_schema_types_cover(const TxSchema *s, TxStr schema);

// The column of `t` named `name`, or NULL.
const TxColumn *tx_table_column(const TxTable *t, TxStr name);

#endif
