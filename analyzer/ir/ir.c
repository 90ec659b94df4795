// ir.c: small helpers over the IR types.
#include "ir.h"

const char *tx_op_name(TxOp op) {
  static const char *const names[TX_OP_COUNT_] = {"select", "insert", "upsert",
                                                  "update", "delete", "rpc"};
  return op < TX_OP_COUNT_ ? names[op] : "?";
}
