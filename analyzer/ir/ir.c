// ir.c: small helpers over the IR types.
#include "ir.h"

#include <string.h>

const char *tx_op_name(TxOp op) {
  static const char *const names[TX_OP_COUNT_] = {"select", "insert", "upsert",
                                                  "update", "delete", "rpc"};
  return op < TX_OP_COUNT_ ? names[op] : "?";
}

const char *tx_client_kind_name(TxClientKind k) {
  return k == TX_CLIENT_SERVICE ? "service-role" : k == TX_CLIENT_USER ? "user-session" : "unknown";
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

bool tx_syntax_error_shown(uint32_t *count) {
  (*count)++;
  return *count <= TX_MAX_SYNTAX_NOTICES;
}

bool tx_syntax_errors_hidden(TxArena *a, uint32_t file, uint32_t count, const char *what,
                             TxNotice *out) {
  if (count <= TX_MAX_SYNTAX_NOTICES)
    return false;
  TxNotice n = {TX_NOTICE_WARNING,
                tx_str("parse-error"),
                tx_arena_printf(a, "%u more %s not shown", count - TX_MAX_SYNTAX_NOTICES, what),
                {file, 0, 0},
                false};
  *out = n;
  return true;
}

bool tx_filter_restricts(const TxFilter *fl, TxStr column) {
  return tx_str_eq(fl->column, column) && (tx_str_eq_c(fl->op, "eq") || tx_str_eq_c(fl->op, "in"));
}
