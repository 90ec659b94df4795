// program.c: TxProgram lifecycle, notices, and the schema-aware tenant column lookup that
// several rules share.
#include "program.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

TxProgram *tx_program_new(const TxConfig *config) {
  TxProgram *p = tx_xcalloc(1, sizeof *p);
  tx_arena_init(&p->arena);
  p->config = config;
  return p;
}

void tx_program_free(TxProgram *p) {
  if (!p)
    return;
  for (uint32_t i = 0; i < p->file_count; i++) {
    tx_source_fini(&p->files[i]->src);
    tx_arena_fini(&p->files[i]->arena);
    free(p->files[i]);
  }
  free(p->files);
  for (uint32_t i = 0; i < p->pool_count; i++)
    tx_arena_fini(&p->pools[i]);
  free(p->pools);
  tx_arena_fini(&p->arena);
  free(p);
}

TxArena *tx_program_pools(TxProgram *p, uint32_t n) {
  TX_ASSERT(p->pools == NULL && n > 0);
  p->pools = tx_xcalloc(n, sizeof *p->pools);
  p->pool_count = n;
  for (uint32_t i = 0; i < n; i++)
    tx_arena_init(&p->pools[i]);
  return p->pools;
}

uint32_t tx_program_find_file(const TxProgram *p, TxStr path) {
  uint32_t lo = 0, hi = p->file_count;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    int c = tx_str_cmp(p->files[mid]->src.path, path);
    if (c == 0)
      return mid;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return TX_NONE;
}

TxFile *tx_program_add_file(TxProgram *p, TxStr path, TxStr abs_path, TxLang lang) {
  if ((p->file_count & (p->file_count - 1)) == 0) // grow at powers of two
    p->files = tx_xrealloc(p->files, sizeof(TxFile *) * (p->file_count ? p->file_count * 2 : 1));
  TxFile *f = tx_xcalloc(1, sizeof *f);
  tx_arena_init(&f->arena);
  tx_arena_back(&f->arena, &p->arena); // until an extraction thread takes the file
  f->id = p->file_count;
  f->report = true;
  f->schema_source = true;
  f->src.path = tx_arena_strdup(&f->arena, path);
  f->src.abs_path = tx_arena_strdup(&f->arena, abs_path);
  f->src.lang = lang;
  f->src.text = "";
  p->files[p->file_count++] = f;
  return f;
}

void tx_program_notice(TxProgram *p, TxFile *f, TxNoticeLevel level, const char *id,
                       const TxSpan *span, const char *fmt, ...) {
  TxArena *a = f ? &f->arena : &p->arena;
  va_list ap;
  va_start(ap, fmt);
  char buf[1024];
  vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  TxNotice n = {level, tx_str(id), tx_arena_str(a, buf, strlen(buf)), {0, 0, 0}, span != NULL};
  if (span)
    n.span = *span;
  TxNotice **items = f ? &f->notices : &p->notices;
  uint32_t *count = f ? &f->notice_count : &p->notice_count;
  TxNotice *grown = TX_ARENA_ARRAY(a, TxNotice, *count + 1);
  if (*count)
    memcpy(grown, *items, sizeof(TxNotice) * *count);
  grown[(*count)++] = n;
  *items = grown;
}

TxStr tx_program_tenant_column(const TxProgram *p, TxStr schema, TxStr table, bool *known) {
  const TxTable *t = tx_str_empty(table) ? NULL : tx_schema_table(&p->schema, schema, table);
  *known = t != NULL;
  return t && t->tenant_count ? t->tenant[0].name : (TxStr){"", 0};
}

bool tx_program_is_tenant_column(const TxProgram *p, TxStr schema, TxStr table, TxStr column) {
  const TxTable *t = tx_str_empty(table) ? NULL : tx_schema_table(&p->schema, schema, table);
  if (t) {
    for (uint32_t i = 0; i < t->tenant_count; i++) {
      if (tx_str_eq(t->tenant[i].name, column))
        return true;
    }
    return false;
  }
  for (uint32_t i = 0; i < p->schema.tenant_name_count; i++) {
    if (tx_str_eq(p->schema.tenant_names[i], column))
      return true;
  }
  return false;
}

void tx_program_tenant_names(const TxProgram *p, char *buf, size_t n) {
  size_t len = 0;
  buf[0] = '\0';
  const TxStrList *names = &p->config->tenant_columns;
  for (uint32_t i = 0; i < names->count && len + 1 < n; i++) {
    int w = snprintf(buf + len, n - len, "%s%.*s", i ? ", " : "", TX_STR_ARG(names->items[i]));
    if (w < 0)
      break;
    len += (size_t)w;
  }
  if (len >= n && n > 4)
    memcpy(buf + n - 4, "...", 4);
}
