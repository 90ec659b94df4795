// sql_front.h: the SQL front end on libpg_query. Splits a file into statements, parses each
// one (a bad statement is one notice; the others are still read), records schema
// statements in f->sql for the link stage, and turns DML in function bodies (PL/pgSQL and
// LANGUAGE sql) into facts of one TxFunction per SQL function.
#ifndef TX_FRONT_SQL_SQL_FRONT_H
#define TX_FRONT_SQL_SQL_FRONT_H

#include "../config/config.h"
#include "../ir/ir.h"

// Extracts the IR of SQL file `f` into f's arena. Can't fail. Thread-safe.
void tx_sql_extract(TxFile *f, const TxConfig *cfg);

// Releases libpg_query's per-thread memory context; call at the end of every thread that
// called tx_sql_extract (and of the run).
void tx_sql_thread_exit(void);

#endif
