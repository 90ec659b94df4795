// ts_syms.c: the grammar's symbol and field ids, and the kind and flags of each symbol, all
// from the one list in ts_syms.def.
#include <string.h>

#include "base/check.h"
#include "ts_internal.h"

static TSSymbol sym(const TSLanguage *l, const char *name, bool named) {
  return ts_language_symbol_for_name(l, name, (uint32_t)strlen(name), named);
}

static TSFieldId field(const TSLanguage *l, const char *name) {
  return ts_language_field_id_for_name(l, name, (uint32_t)strlen(name));
}

// Records the kind and flags of `k` (a name the grammar lacks gave 0: nothing to record).
static void mark(TsSyms *s, TSSymbol k, TsKind kind, unsigned flags) {
  if (!k || k >= TS_MAX_SYMBOLS)
    return;
  if (kind != K_OTHER)
    s->kind[k] = (uint8_t)kind;
  s->flags[k] |= (uint8_t)flags;
}

void tx_ts_syms_init(TsSyms *s, const TSLanguage *l) {
  memset(s, 0, sizeof *s);
  TX_ASSERT(ts_language_symbol_count(l) <= TS_MAX_SYMBOLS);
#define TS_SYM(member, name, kind, flags)                                                          \
  s->member = sym(l, name, true);                                                                  \
  mark(s, s->member, kind, flags);
#define TS_TOKEN(member, name, kind, flags)                                                        \
  s->member = sym(l, name, false);                                                                 \
  mark(s, s->member, kind, flags);
#define TS_FIELD(member, name) s->member = field(l, name);
#include "ts_syms.def"
#undef TS_SYM
#undef TS_TOKEN
#undef TS_FIELD
}
