// sql_front.h: the SQL front end on libpg_query. Splits a file into statements, parses each
// one (a bad statement is one notice; the others are still read), records schema
// statements in f->sql for the link stage, and turns DML in function bodies (PL/pgSQL and
// LANGUAGE sql) into facts of one TxFunction per SQL function.
#ifndef TX_FRONT_SQL_SQL_FRONT_H
#define TX_FRONT_SQL_SQL_FRONT_H

#include "config/config.h"
#include "ir/ir.h"

// Extracts the IR of SQL file `f` into f's arena. Can't fail. Thread-safe.
void tx_sql_extract(TxFile *f, const TxConfig *cfg);

// Releases libpg_query's memory context of the calling thread. Call it on the main thread
// only: on other threads libpg_query frees the context itself when the thread exits, and
// calling this there as well frees it twice.
void tx_sql_thread_exit(void);

#endif
