// emit_json.h: jansson helpers shared by the JSON emitters (SARIF keeps its own, older
// ones): strings repaired to valid UTF-8 (jansson rejects invalid UTF-8), a rule's
// documentation URL, and writing a value with a trailing newline.
#ifndef TX_EMIT_EMIT_JSON_H
#define TX_EMIT_EMIT_JSON_H

#include <jansson.h>
#include <stdio.h>

#include "base/arena.h"
#include "diag/diag.h"

#ifndef TX_HELP_BASE_URI
#define TX_HELP_BASE_URI "https://github.com/txlint/txlint/blob/main/rules/"
#endif
#define TX_INFORMATION_URI "https://github.com/txlint/txlint"

// `s` as a JSON string; invalid UTF-8 repaired (the copy lives in `scratch`). Never NULL.
json_t *tx_json_str(TxArena *scratch, TxStr s);

// The URL of rule `id`'s document, in `scratch`.
const char *tx_json_rule_url(TxArena *scratch, const char *id);

// Writes `v` (consumed: decref'd here) and a newline. `flags` are jansson's dump flags.
// Returns false when writing failed or `v` is NULL.
bool tx_json_write(FILE *out, json_t *v, size_t flags);

#endif
