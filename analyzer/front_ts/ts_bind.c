// ts_bind.c: the per-file binding table (names known to hold clients, constant strings,
// imports, query builders).
#include <stdlib.h>
#include <string.h>

#include "base/check.h"
#include "ts_internal.h"

// Kinds share a slot space by class, so a builder named `q` never hides a client `q`.
static uint32_t kind_class(BindKind k) {
  return k == BIND_CLIENT_FN ? BIND_CLIENT : (uint32_t)k;
}

static uint32_t hash(TxStr name, uint32_t cls) {
  uint32_t h = 2166136261u ^ cls;
  for (uint32_t i = 0; i < name.len; i++)
    h = (h ^ (unsigned char)name.ptr[i]) * 16777619u;
  return h;
}

void tx_ts_bind_init(BindTable *t) {
  t->cap = 64;
  t->count = 0;
  t->slots = tx_xcalloc(t->cap, sizeof(Binding));
}

void tx_ts_bind_fini(BindTable *t) {
  free(t->slots);
  t->slots = NULL;
  t->cap = t->count = 0;
}

static Binding *slot(const BindTable *t, TxStr name, uint32_t cls) {
  uint32_t i = hash(name, cls) & (t->cap - 1);
  for (;;) {
    Binding *b = &t->slots[i];
    if (!b->name.ptr || (kind_class(b->kind) == cls && tx_str_eq(b->name, name)))
      return b;
    i = (i + 1) & (t->cap - 1);
  }
}

void tx_ts_bind_put(BindTable *t, const Binding *b) {
  if ((t->count + 1) * 2 > t->cap) {
    BindTable grown = {tx_xcalloc((size_t)t->cap * 2, sizeof(Binding)), t->cap * 2, 0};
    for (uint32_t i = 0; i < t->cap; i++) {
      if (t->slots[i].name.ptr) {
        *slot(&grown, t->slots[i].name, kind_class(t->slots[i].kind)) = t->slots[i];
        grown.count++;
      }
    }
    free(t->slots);
    *t = grown;
  }
  Binding *s = slot(t, b->name, kind_class(b->kind));
  if (!s->name.ptr)
    t->count++;
  *s = *b;
}

const Binding *tx_ts_bind_get(const BindTable *t, TxStr name, BindKind kind) {
  const Binding *b = slot(t, name, kind_class(kind));
  if (!b->name.ptr)
    return NULL;
  if (kind == BIND_CLIENT || kind == BIND_CLIENT_FN)
    return b->kind == kind ? b : NULL;
  return b;
}
