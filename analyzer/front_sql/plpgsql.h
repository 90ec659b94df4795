// plpgsql.h: a PL/pgSQL function through libpg_query's pg_query_parse_plpgsql, with
// workarounds for bodies PostgreSQL accepts but libpg_query 15-4.0.0 rejects.
//
// That version compiles a body without a catalog: every declared type but the literal word
// RECORD is a scalar, the function's output parameters are not known as such, and cursor
// variables never get the refcursor type. So it rejects, among others, a bare `RETURN NEXT;`
// in a function with OUT or TABLE parameters, `v.field := ...` on a record or composite
// variable, and OPEN/FETCH/MOVE/CLOSE on a cursor. When the parse fails with one of those
// errors, the statement text is rewritten in place, keeping every byte offset and line (the
// failing construct becomes an equivalent one for extraction, padded with spaces: `RETURN
// NEXT;` a `RETURN;`, `v.field :=` a `v :=`, `OPEN c FOR query` the query itself), and parsed
// again; every SQL statement of the body keeps its text and position. Any other error, and
// any of these where the rewrite does not apply (a bare `RETURN NEXT;` without output
// parameters is wrong in PostgreSQL too), is reported as it is.
#ifndef TX_FRONT_SQL_PLPGSQL_H
#define TX_FRONT_SQL_PLPGSQL_H

#include <stdbool.h>
#include <stdint.h>

typedef struct TxPlpgsqlIn {
  const char *stmt; // the CREATE FUNCTION statement alone, NUL-terminated at stmt[stmt_len]
  uint32_t stmt_len;
  uint32_t body;     // offset of the body text in stmt; UINT32_MAX when it was not located
  uint32_t body_len; // (then nothing is rewritten and errors are not placed in the body)
  const char *name;  // the function's own name: the label of its outermost block
  bool out_params;   // the function has OUT, INOUT or TABLE parameters
} TxPlpgsqlIn;

typedef struct TxPlpgsqlOut {
  char *json;        // pg_query_parse_plpgsql's function list (malloc'd); NULL on error
  char *error;       // the error message (malloc'd); NULL on success
  uint32_t error_at; // offset in stmt of the error; UINT32_MAX when unknown
  int cursorpos;     // libpg_query's position of the error (characters from 1; 0: none)
  uint32_t rewrites; // constructs rewritten (0: the body was parsed as written)
} TxPlpgsqlOut;

// Parses the function in `in`. Exactly one of out->json and out->error is set. Can't fail;
// free with tx_plpgsql_out_free.
void tx_plpgsql_parse(const TxPlpgsqlIn *in, TxPlpgsqlOut *out);
void tx_plpgsql_out_free(TxPlpgsqlOut *out);

#endif
