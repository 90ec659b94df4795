// ir.c: small helpers over the IR types.
#include "ir.h"

#include <string.h>

const char *tx_op_name(TxOp op) {
  static const char *const names[TX_OP_COUNT_] = {"select", "insert", "upsert",
                                                  "update", "delete", "rpc"};
  return op < TX_OP_COUNT_ ? names[op] : "?";
}

void tx_file_append_notices(TxFile *f, const TxNotice *notices, uint32_t n) {
  uint32_t old = f->notice_count;
  TxNotice *all = TX_ARENA_ARRAY(&f->arena, TxNotice, old + n + 1);
  if (old)
    memcpy(all, f->notices, sizeof(TxNotice) * old);
  if (n)
    memcpy(all + old, notices, sizeof(TxNotice) * n);
  f->notices = all;
  f->notice_count = old + n;
}

bool tx_filter_restricts(const TxFilter *fl, TxStr column) {
  return tx_str_eq(fl->column, column) && (tx_str_eq_c(fl->op, "eq") || tx_str_eq_c(fl->op, "in"));
}
