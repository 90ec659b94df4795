// emit_json_util.c: see emit_json.h.
#include <stdio.h>

#include "emit_json.h"
#include "emit_util.h"

json_t *tx_json_str(TxArena *scratch, TxStr s) {
  if (s.len == 0)
    return json_string("");
  TxStr v = tx_emit_utf8(scratch, s);
  json_t *j = json_stringn(v.ptr, v.len);
  return j ? j : json_string("\xEF\xBF\xBD"); // only on allocation failure inside jansson
}

const char *tx_json_rule_url(TxArena *scratch, const char *id) {
  return tx_arena_printf(scratch, "%s%s.md", TX_HELP_BASE_URI, id).ptr;
}

bool tx_json_write(FILE *out, json_t *v, size_t flags) {
  bool ok = v && json_dumpf(v, out, flags) == 0;
  fputc('\n', out);
  json_decref(v);
  return ok && !ferror(out);
}
