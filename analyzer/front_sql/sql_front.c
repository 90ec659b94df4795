// sql_front.c: libpg_query front end. (Skeleton: schema and function extraction are being
// added.)
#include "sql_front.h"

#include <pg_query.h>

// libpg_query keeps a memory context per thread, created on first use; pg_query_exit()
// on a thread that never parsed crashes, so remember whether this thread did.
static _Thread_local bool thread_used;

void tx_sql_extract(TxFile *f, const TxConfig *cfg) {
  (void)f;
  (void)cfg;
}

void tx_sql_thread_exit(void) {
  if (thread_used)
    pg_query_exit();
  thread_used = false;
}
