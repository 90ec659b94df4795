// cache.c: the persistent cache (see cache.h).
//
// Serialisation is driven by descriptor tables: each cached struct lists its fields with
// their kind (u32, bool, enum, string, span, array of structs, array of u32, array of
// strings), so one encoder and one decoder serve every type. Static assertions on the
// struct sizes make a build fail when an IR struct gains a field the tables do not know.
//
// Pack layout (little-endian): magic "TXLCACHE", u32 format, u64 key (version, layout and
// extraction settings), u32 entry count, then per entry: str path, u64 content hash,
// u32 content length, u32 blob length, blob. Entries are sorted by path.
#include "cache.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "base/array.h"
#include "base/version.h"
#include "ir/cfg.h"
#include "ir/schema.h"

// 6: TxSqlOp.policy_name and policy_command; 7: TxSqlOp.if_not_exists; 8: client kinds
// (TxFact.client_kind*, TxClientExport.kind*), DROP POLICY, generated types
// (TxSqlOp.from_types, TxSqlFunc.from_types, args_unknown); 9: thrown CFG edges
// (TX_CFG_THROWN in TxCfg.edges), try-entry and after-finally JOINs; 10: policy details
// (TxSqlOp check_refs, roles, policy_using/check/restrictive; DISABLE RLS, ALTER and RENAME
// POLICY); 11: imported constants (TxFact.name_import, name_member; TxFile.const_strings); 12:
// clients through services, parameters and arguments (TxFact.client_member, client_param;
// TxCall.client_args); 13: idempotency markers and
// effects (composite keys: TxColumn.in_key, TxSqlOp.key_member; upsert options; TxCall
// webhook_check, reads_only, idempotency_key); 14: builders across functions
// (TxFact.table_param ... partial, TxFilter.column_param, TxCall.string_args); 15: writes that
// cannot tear (TxFact.not_awaited, TxCfgNode.negated and else_next); 16: bindings kept only
// on the scope chains of facts (front_ts/ts_scope.c); 17: no fact for the standard library's
// from() (`Array.from(rows)`: ir/patterns.h, tx_std_from_receiver).
#define FORMAT 17u

typedef enum Kind {
  K_U32,
  K_BOOL,
  K_ENUM,
  K_STR,
  K_SPAN,
  K_FILEID, // a file index that is always the file's own: not stored, set on load
  K_STRUCT, // an embedded struct (elem)
  K_PTR,    // a pointer to one struct (elem), or NULL
  K_ARR,
  K_U32ARR,
  K_STRARR
} Kind;

typedef struct TypeDesc TypeDesc;
typedef struct FieldDesc {
  Kind kind;
  uint16_t off;
  uint16_t count_off; // arrays: offset of the uint32_t count
  const TypeDesc *elem;
} FieldDesc;
struct TypeDesc {
  uint16_t size;
  uint16_t field_count;
  const FieldDesc *fields;
};

#define F(T, kind, field)                                                                          \
  { (kind), (uint16_t)offsetof(T, field), 0, NULL }
#define A(T, field, count, elem)                                                                   \
  { K_ARR, (uint16_t)offsetof(T, field), (uint16_t)offsetof(T, count), &(elem) }
#define UA(T, field, count)                                                                        \
  { K_U32ARR, (uint16_t)offsetof(T, field), (uint16_t)offsetof(T, count), NULL }
#define SA(T, field, count)                                                                        \
  { K_STRARR, (uint16_t)offsetof(T, field), (uint16_t)offsetof(T, count), NULL }
#define S(T, field, elem)                                                                          \
  { K_STRUCT, (uint16_t)offsetof(T, field), 0, &(elem) }
#define P(T, field, elem)                                                                          \
  { K_PTR, (uint16_t)offsetof(T, field), 0, &(elem) }
#define TYPE(T, fields)                                                                            \
  { (uint16_t)sizeof(T), (uint16_t)(sizeof(fields) / sizeof((fields)[0])), (fields) }

static const FieldDesc filter_fields[] = {
    F(TxFilter, K_STR, column), F(TxFilter, K_STR, op),           F(TxFilter, K_STR, method),
    F(TxFilter, K_SPAN, span),  F(TxFilter, K_BOOL, conditional), F(TxFilter, K_U32, column_param)};
static const TypeDesc filter_type = TYPE(TxFilter, filter_fields);

static const FieldDesc arg_fields[] = {F(TxRpcArg, K_STR, name), F(TxRpcArg, K_SPAN, span)};
static const TypeDesc arg_type = TYPE(TxRpcArg, arg_fields);

static const FieldDesc fact_fields[] = {F(TxFact, K_ENUM, op),
                                        F(TxFact, K_ENUM, origin),
                                        F(TxFact, K_STR, schema),
                                        F(TxFact, K_STR, table),
                                        F(TxFact, K_STR, client),
                                        F(TxFact, K_STR, chain),
                                        A(TxFact, filters, filter_count, filter_type),
                                        F(TxFact, K_BOOL, filters_unknown),
                                        A(TxFact, args, arg_count, arg_type),
                                        F(TxFact, K_BOOL, has_args),
                                        F(TxFact, K_BOOL, args_unknown),
                                        F(TxFact, K_BOOL, throws_on_error),
                                        F(TxFact, K_STR, on_conflict),
                                        F(TxFact, K_BOOL, ignore_duplicates),
                                        F(TxFact, K_BOOL, upsert_options_unknown),
                                        SA(TxFact, result_names, result_name_count),
                                        F(TxFact, K_BOOL, result_unused),
                                        F(TxFact, K_BOOL, in_loop),
                                        F(TxFact, K_BOOL, not_awaited),
                                        F(TxFact, K_U32, parallel_group),
                                        F(TxFact, K_SPAN, span),
                                        F(TxFact, K_SPAN, op_span),
                                        F(TxFact, K_U32, fn),
                                        F(TxFact, K_U32, client_import),
                                        F(TxFact, K_ENUM, client_kind),
                                        F(TxFact, K_U32, client_kind_import),
                                        F(TxFact, K_STR, client_member),
                                        F(TxFact, K_U32, client_param),
                                        F(TxFact, K_BOOL, dropped),
                                        F(TxFact, K_U32, name_import),
                                        F(TxFact, K_STR, name_member),
                                        F(TxFact, K_U32, table_param),
                                        F(TxFact, K_U32, base_param),
                                        F(TxFact, K_U32, base_call),
                                        F(TxFact, K_U32, passed_call),
                                        F(TxFact, K_U32, passed_arg),
                                        F(TxFact, K_BOOL, returned),
                                        F(TxFact, K_BOOL, partial)};
// (TxFact.judged_at_calls, via_helper, via and helper are set by the link stage: not cached.)
static const TypeDesc fact_type = TYPE(TxFact, fact_fields);

static const FieldDesc call_fields[] = {F(TxCall, K_STR, callee),
                                        F(TxCall, K_STR, name),
                                        F(TxCall, K_STR, receiver),
                                        F(TxCall, K_SPAN, span),
                                        F(TxCall, K_U32, fn),
                                        F(TxCall, K_U32, fact),
                                        F(TxCall, K_BOOL, in_loop),
                                        F(TxCall, K_BOOL, effect_callee),
                                        F(TxCall, K_BOOL, webhook_check),
                                        F(TxCall, K_BOOL, reads_only),
                                        F(TxCall, K_BOOL, idempotency_key),
                                        F(TxCall, K_U32, parallel_group),
                                        UA(TxCall, callback_fns, callback_fn_count),
                                        SA(TxCall, ident_args, ident_arg_count),
                                        F(TxCall, K_STR, first_string_arg),
                                        SA(TxCall, string_args, arg_count),
                                        SA(TxCall, result_names, result_name_count),
                                        F(TxCall, K_U32, client_args),
                                        F(TxCall, K_U32, target_file),
                                        F(TxCall, K_U32, target_fn)};
static const TypeDesc call_type = TYPE(TxCall, call_fields);

static const FieldDesc cfg_node_fields[] = {
    F(TxCfgNode, K_ENUM, kind),    F(TxCfgNode, K_U32, ref),        F(TxCfgNode, K_U32, ref_count),
    F(TxCfgNode, K_U32, succ),     F(TxCfgNode, K_U32, succ_count), F(TxCfgNode, K_U32, at),
    F(TxCfgNode, K_BOOL, negated), F(TxCfgNode, K_BOOL, else_next)};
static const TypeDesc cfg_node_type = TYPE(TxCfgNode, cfg_node_fields);

static const FieldDesc cfg_fields[] = {A(TxCfg, nodes, node_count, cfg_node_type),
                                       UA(TxCfg, edges, edge_count), SA(TxCfg, names, name_count)};
static const TypeDesc cfg_type = TYPE(TxCfg, cfg_fields);

static const FieldDesc binding_fields[] = {F(TxBinding, K_STR, name), F(TxBinding, K_U32, at),
                                           F(TxBinding, K_BOOL, from_body)};
static const TypeDesc binding_type = TYPE(TxBinding, binding_fields);

static const FieldDesc function_fields[] = {F(TxFunction, K_STR, name),
                                            F(TxFunction, K_STR, class_name),
                                            F(TxFunction, K_SPAN, span),
                                            F(TxFunction, K_SPAN, name_span),
                                            F(TxFunction, K_U32, parent),
                                            UA(TxFunction, facts, fact_count),
                                            UA(TxFunction, calls, call_count),
                                            F(TxFunction, K_BOOL, is_async),
                                            F(TxFunction, K_BOOL, is_exported),
                                            F(TxFunction, K_STR, export_name),
                                            F(TxFunction, K_ENUM, entry),
                                            P(TxFunction, cfg, cfg_type),
                                            A(TxFunction, bindings, binding_count, binding_type)};
static const TypeDesc function_type = TYPE(TxFunction, function_fields);

static const FieldDesc import_fields[] = {F(TxImport, K_STR, local), F(TxImport, K_STR, imported),
                                          F(TxImport, K_STR, from), F(TxImport, K_SPAN, span)};
static const TypeDesc import_type = TYPE(TxImport, import_fields);

static const FieldDesc export_fields[] = {F(TxExport, K_STR, exported), F(TxExport, K_STR, local),
                                          F(TxExport, K_STR, from), F(TxExport, K_U32, fn)};
static const TypeDesc export_type = TYPE(TxExport, export_fields);

static const FieldDesc const_string_fields[] = {F(TxConstString, K_STR, name),
                                                F(TxConstString, K_STR, value)};
static const TypeDesc const_string_type = TYPE(TxConstString, const_string_fields);

static const FieldDesc client_export_fields[] = {
    F(TxClientExport, K_STR, name), F(TxClientExport, K_BOOL, is_function),
    F(TxClientExport, K_ENUM, kind), F(TxClientExport, K_U32, kind_import)};
static const TypeDesc client_export_type = TYPE(TxClientExport, client_export_fields);

static const FieldDesc suppression_fields[] = {
    SA(TxSuppression, rules, rule_count), F(TxSuppression, K_STR, reason),
    F(TxSuppression, K_SPAN, span),       F(TxSuppression, K_U32, line),
    F(TxSuppression, K_BOOL, whole_file), F(TxSuppression, K_BOOL, used)};
static const TypeDesc suppression_type = TYPE(TxSuppression, suppression_fields);

static const FieldDesc notice_fields[] = {F(TxNotice, K_ENUM, level), F(TxNotice, K_STR, id),
                                          F(TxNotice, K_STR, message), F(TxNotice, K_SPAN, span),
                                          F(TxNotice, K_BOOL, has_span)};
static const TypeDesc notice_type = TYPE(TxNotice, notice_fields);

static const FieldDesc column_fields[] = {F(TxColumn, K_STR, name),
                                          F(TxColumn, K_STR, type),
                                          F(TxColumn, K_BOOL, is_primary_key),
                                          F(TxColumn, K_BOOL, is_unique),
                                          F(TxColumn, K_BOOL, in_key),
                                          F(TxColumn, K_BOOL, not_null)};
static const TypeDesc column_type = TYPE(TxColumn, column_fields);

static const FieldDesc param_fields[] = {F(TxParam, K_STR, name), F(TxParam, K_STR, type),
                                         F(TxParam, K_STR, mode), F(TxParam, K_BOOL, has_default)};
static const TypeDesc param_type = TYPE(TxParam, param_fields);

static const FieldDesc sql_func_fields[] = {F(TxSqlFunc, K_STR, schema),
                                            F(TxSqlFunc, K_STR, name),
                                            A(TxSqlFunc, params, param_count, param_type),
                                            F(TxSqlFunc, K_STR, returns),
                                            F(TxSqlFunc, K_STR, language),
                                            F(TxSqlFunc, K_BOOL, security_definer),
                                            F(TxSqlFunc, K_BOOL, has_search_path),
                                            F(TxSqlFunc, K_SPAN, span),
                                            F(TxSqlFunc, K_SPAN, name_span),
                                            F(TxSqlFunc, K_FILEID, file),
                                            F(TxSqlFunc, K_U32, fn),
                                            F(TxSqlFunc, K_BOOL, dynamic_sql),
                                            F(TxSqlFunc, K_BOOL, from_types),
                                            F(TxSqlFunc, K_BOOL, args_unknown)};
static const TypeDesc sql_func_type = TYPE(TxSqlFunc, sql_func_fields);

static const FieldDesc sql_op_fields[] = {F(TxSqlOp, K_ENUM, kind),
                                          F(TxSqlOp, K_SPAN, span),
                                          F(TxSqlOp, K_STR, schema),
                                          F(TxSqlOp, K_STR, name),
                                          F(TxSqlOp, K_STR, column),
                                          F(TxSqlOp, K_STR, new_name),
                                          A(TxSqlOp, columns, column_count, column_type),
                                          F(TxSqlOp, K_STR, ref_schema),
                                          F(TxSqlOp, K_STR, ref_table),
                                          F(TxSqlOp, K_STR, ref_column),
                                          F(TxSqlOp, K_STR, policy_name),
                                          F(TxSqlOp, K_STR, policy_command),
                                          SA(TxSqlOp, refs, ref_count),
                                          SA(TxSqlOp, check_refs, check_ref_count),
                                          SA(TxSqlOp, roles, role_count),
                                          F(TxSqlOp, K_BOOL, policy_using),
                                          F(TxSqlOp, K_BOOL, policy_check),
                                          F(TxSqlOp, K_BOOL, policy_restrictive),
                                          SA(TxSqlOp, arg_types, arg_type_count),
                                          F(TxSqlOp, K_BOOL, has_arg_types),
                                          F(TxSqlOp, K_BOOL, or_replace),
                                          F(TxSqlOp, K_BOOL, if_not_exists),
                                          F(TxSqlOp, K_BOOL, key_member),
                                          F(TxSqlOp, K_BOOL, from_types),
                                          S(TxSqlOp, func, sql_func_type)};
static const TypeDesc sql_op_type = TYPE(TxSqlOp, sql_op_fields);

static const FieldDesc sql_unit_fields[] = {A(TxSqlUnit, ops, op_count, sql_op_type)};
static const TypeDesc sql_unit_type = TYPE(TxSqlUnit, sql_unit_fields);

static const FieldDesc file_fields[] = {
    A(TxFile, facts, fact_count, fact_type),
    A(TxFile, functions, function_count, function_type),
    A(TxFile, calls, call_count, call_type),
    A(TxFile, imports, import_count, import_type),
    A(TxFile, exports, export_count, export_type),
    A(TxFile, client_exports, client_export_count, client_export_type),
    A(TxFile, const_strings, const_string_count, const_string_type),
    A(TxFile, suppressions, suppression_count, suppression_type),
    A(TxFile, notices, notice_count, notice_type),
    P(TxFile, sql, sql_unit_type)};
static const TypeDesc file_type = TYPE(TxFile, file_fields);

// A struct that grows needs its new field in the tables above (and then these sizes).
_Static_assert(sizeof(TxFilter) == 72, "TxFilter changed: update store/cache.c descriptors");
_Static_assert(sizeof(TxFact) == 296, "TxFact changed: update store/cache.c descriptors");
_Static_assert(sizeof(TxCall) == 168, "TxCall changed: update store/cache.c descriptors");
_Static_assert(sizeof(TxCfgNode) == 28, "TxCfgNode changed: update store/cache.c descriptors");
_Static_assert(sizeof(TxCfg) == 48, "TxCfg changed: update store/cache.c descriptors");
_Static_assert(sizeof(TxFunction) == 152, "TxFunction changed: update store/cache.c descriptors");
_Static_assert(sizeof(TxImport) == 64, "TxImport changed: update store/cache.c descriptors");
_Static_assert(sizeof(TxExport) == 56, "TxExport changed: update store/cache.c descriptors");
_Static_assert(sizeof(TxConstString) == 32, "TxConstString changed: update store/cache.c");
_Static_assert(sizeof(TxSuppression) == 56, "TxSuppression changed: update store/cache.c");
_Static_assert(sizeof(TxNotice) == 56, "TxNotice changed: update store/cache.c descriptors");
// (TxFile.schema_source and stmt_hashes are set each run, by the driver: not cached.)
_Static_assert(sizeof(TxFile) == 312, "TxFile changed: update store/cache.c descriptors");
_Static_assert(sizeof(TxSqlOp) == 368, "TxSqlOp changed: update store/cache.c descriptors");
_Static_assert(sizeof(TxSqlFunc) == 120, "TxSqlFunc changed: update store/cache.c");
_Static_assert(sizeof(TxColumn) == 40, "TxColumn changed: update store/cache.c descriptors");
_Static_assert(sizeof(TxParam) == 56, "TxParam changed: update store/cache.c descriptors");

// --- encoding ---------------------------------------------------------------------------

// The output buffer; strings that lie inside the file's source text (most names, callees and
// tables are slices of it) are stored as (offset, length) instead of their bytes, which
// keeps the pack small and lets loads point into the text they already read.
typedef struct Buf {
  unsigned char *items;
  uint32_t count, cap;
  const char *src;
  uint32_t src_len;
} Buf;

static void put(Buf *b, const void *p, size_t n) {
  while (b->cap - b->count < n) {
    b->cap = b->cap ? b->cap * 2 : 4096;
    b->items = tx_xrealloc(b->items, b->cap);
  }
  if (n)
    memcpy(b->items + b->count, p, n);
  b->count += (uint32_t)n;
}

static void put_u32(Buf *b, uint32_t v) {
  unsigned char x[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                        (unsigned char)(v >> 24)};
  put(b, x, 4);
}

static void put_u64(Buf *b, uint64_t v) {
  put_u32(b, (uint32_t)v);
  put_u32(b, (uint32_t)(v >> 32));
}

// Unsigned LEB128: most IR numbers are small (indices, offsets, lengths), so the pack shrinks
// to about half of a fixed four bytes each.
static void put_var(Buf *b, uint64_t v) {
  unsigned char x[10];
  size_t n = 0;
  while (v >= 0x80) {
    x[n++] = (unsigned char)(v | 0x80);
    v >>= 7;
  }
  x[n++] = (unsigned char)v;
  put(b, x, n);
}

static void put_str(Buf *b, TxStr s) {
  if (b->src && s.len && s.ptr >= b->src && s.len <= b->src_len &&
      (size_t)(s.ptr - b->src) <= b->src_len - s.len) {
    put_var(b, (uint64_t)s.len << 1 | 1);
    put_var(b, (uint64_t)(s.ptr - b->src));
    return;
  }
  put_var(b, (uint64_t)s.len << 1);
  put(b, s.ptr, s.len);
}

static void encode(Buf *b, const TypeDesc *t, const void *obj);

static void encode_field(Buf *b, const FieldDesc *fd, const unsigned char *base) {
  const void *at = base + fd->off;
  uint32_t count = fd->kind >= K_ARR ? *(const uint32_t *)(const void *)(base + fd->count_off) : 0;
  switch (fd->kind) {
  case K_U32:
  case K_ENUM: // every IR enum is int-sized (checked by the layout key)
    put_var(b, *(const uint32_t *)at);
    break;
  case K_BOOL:
    put(b, at, 1);
    break;
  case K_STR:
    put_str(b, *(const TxStr *)at);
    break;
  case K_SPAN: { // the file index is rewritten on load; end as a signed delta (zigzag)
    const TxSpan *sp = at;
    put_var(b, sp->start);
    int64_t d = (int64_t)sp->end - (int64_t)sp->start;
    put_var(b, d >= 0 ? (uint64_t)d << 1 : ((uint64_t)(-d) << 1) | 1);
    break;
  }
  case K_FILEID:
    break;
  case K_STRUCT:
    encode(b, fd->elem, at);
    break;
  case K_PTR: {
    const void *ptr = *(const void *const *)at;
    put(b, ptr ? "\1" : "\0", 1);
    if (ptr)
      encode(b, fd->elem, ptr);
    break;
  }
  case K_ARR: {
    const unsigned char *items = *(const unsigned char *const *)at;
    put_var(b, count);
    for (uint32_t i = 0; i < count; i++)
      encode(b, fd->elem, items + (size_t)i * fd->elem->size);
    break;
  }
  case K_U32ARR: {
    const uint32_t *items = *(const uint32_t *const *)at;
    put_var(b, count);
    for (uint32_t i = 0; i < count; i++)
      put_var(b, items[i]);
    break;
  }
  case K_STRARR: {
    const TxStr *items = *(const TxStr *const *)at;
    put_var(b, count);
    for (uint32_t i = 0; i < count; i++)
      put_str(b, items[i]);
    break;
  }
  }
}

static void encode(Buf *b, const TypeDesc *t, const void *obj) {
  for (uint16_t i = 0; i < t->field_count; i++)
    encode_field(b, &t->fields[i], obj);
}

void tx_cache_encode_file(const TxFile *f, unsigned char **out, size_t *len) {
  Buf b = {0};
  b.src = f->src.text;
  b.src_len = f->src.len;
  encode(&b, &file_type, f);
  *out = b.items ? b.items : tx_xmalloc(1);
  *len = b.count;
}

// --- detaching strings from the source text --------------------------------------------------

// Equal strings of a file (a client's name, a table, `error`) share one arena copy.
typedef struct Detach {
  TxArena *a;
  const char *src;
  uint32_t src_len;
  TxStr *slots; // open addressing on the bytes' hash; len 0 = empty
  uint32_t cap, count;
} Detach;

static uint32_t str_hash(TxStr s) {
  return (uint32_t)XXH3_64bits(s.ptr, s.len);
}

static void detach_grow(Detach *d) {
  uint32_t cap = d->cap ? d->cap * 2 : 256;
  TxStr *slots = tx_xcalloc(cap, sizeof *slots);
  for (uint32_t i = 0; i < d->cap; i++) {
    if (d->slots[i].len == 0)
      continue;
    uint32_t h = str_hash(d->slots[i]) & (cap - 1);
    while (slots[h].len)
      h = (h + 1) & (cap - 1);
    slots[h] = d->slots[i];
  }
  free(d->slots);
  d->slots = slots;
  d->cap = cap;
}

static void detach_str(Detach *d, TxStr *s) {
  if (s->len == 0 || s->ptr < d->src || s->len > d->src_len ||
      (size_t)(s->ptr - d->src) > d->src_len - s->len)
    return; // not a slice of the text
  if ((d->count + 1) * 2 > d->cap)
    detach_grow(d);
  uint32_t h = str_hash(*s) & (d->cap - 1);
  while (d->slots[h].len) {
    if (tx_str_eq(d->slots[h], *s)) {
      *s = d->slots[h];
      return;
    }
    h = (h + 1) & (d->cap - 1);
  }
  d->slots[h] = tx_arena_strdup(d->a, *s);
  d->count++;
  *s = d->slots[h];
}

static void detach(Detach *d, const TypeDesc *t, void *obj);

static void detach_field(Detach *d, const FieldDesc *fd, unsigned char *base) {
  void *at = base + fd->off;
  uint32_t count = fd->kind >= K_ARR ? *(const uint32_t *)(const void *)(base + fd->count_off) : 0;
  switch (fd->kind) {
  case K_STR:
    detach_str(d, at);
    break;
  case K_STRUCT:
    detach(d, fd->elem, at);
    break;
  case K_PTR:
    if (*(void **)at)
      detach(d, fd->elem, *(void **)at);
    break;
  case K_ARR: {
    unsigned char *items = *(unsigned char **)at;
    for (uint32_t i = 0; i < count; i++)
      detach(d, fd->elem, items + (size_t)i * fd->elem->size);
    break;
  }
  case K_STRARR: {
    TxStr *items = *(TxStr **)at;
    for (uint32_t i = 0; i < count; i++)
      detach_str(d, &items[i]);
    break;
  }
  default:
    break;
  }
}

static void detach(Detach *d, const TypeDesc *t, void *obj) {
  for (uint16_t i = 0; i < t->field_count; i++)
    detach_field(d, &t->fields[i], obj);
}

void tx_ir_detach_text(TxFile *f) {
  if (!f->src.text || f->src.len == 0)
    return;
  Detach d = {&f->arena, f->src.text, f->src.len, NULL, 0, 0};
  detach(&d, &file_type, f);
  free(d.slots);
}

// --- decoding: every read is bounds-checked; a malformed buffer fails as a whole --------

typedef struct Reader {
  const unsigned char *p, *end;
  TxArena *a;
  uint32_t file;
  bool ok;
  const char *src; // the file's source text, for slices
  uint32_t src_len;
} Reader;

static bool take(Reader *r, void *out, size_t n) {
  if (!r->ok || (size_t)(r->end - r->p) < n)
    return r->ok = false;
  memcpy(out, r->p, n);
  r->p += n;
  return true;
}

static uint32_t get_u32(Reader *r) {
  unsigned char x[4] = {0, 0, 0, 0};
  take(r, x, 4);
  return (uint32_t)x[0] | (uint32_t)x[1] << 8 | (uint32_t)x[2] << 16 | (uint32_t)x[3] << 24;
}

static uint64_t get_u64(Reader *r) {
  uint64_t lo = get_u32(r);
  return lo | (uint64_t)get_u32(r) << 32;
}

static uint64_t get_var(Reader *r) {
  uint64_t v = 0;
  for (unsigned shift = 0; shift < 64; shift += 7) {
    unsigned char byte = 0;
    if (!take(r, &byte, 1))
      return 0;
    v |= (uint64_t)(byte & 0x7f) << shift;
    if (!(byte & 0x80))
      return v;
  }
  r->ok = false; // more than ten bytes: not ours
  return 0;
}

// A varint that must fit 32 bits.
static uint32_t get_var32(Reader *r) {
  uint64_t v = get_var(r);
  if (v > UINT32_MAX)
    r->ok = false;
  return r->ok ? (uint32_t)v : 0;
}

static TxStr get_str(Reader *r) {
  uint64_t word = get_var(r);
  if (word >> 1 > UINT32_MAX)
    r->ok = false;
  uint32_t n = (uint32_t)(word >> 1);
  if (r->ok && (word & 1)) {
    uint32_t len = n, off = get_var32(r);
    if (!r->ok || !r->src || off > r->src_len || len > r->src_len - off) {
      r->ok = false;
      return (TxStr){"", 0};
    }
    return (TxStr){r->src + off, len};
  }
  if (!r->ok || (size_t)(r->end - r->p) < n) {
    r->ok = false;
    return (TxStr){"", 0};
  }
  TxStr s = tx_arena_str(r->a, (const char *)r->p, n);
  r->p += n;
  return s;
}

// An array count can be no larger than the bytes left (every element takes at least one).
static uint32_t get_count(Reader *r) {
  uint32_t n = get_var32(r);
  if ((size_t)(r->end - r->p) < n)
    r->ok = false;
  return r->ok ? n : 0;
}

static void decode(Reader *r, const TypeDesc *t, void *obj);

static void decode_field(Reader *r, const FieldDesc *fd, unsigned char *base) {
  void *at = base + fd->off;
  switch (fd->kind) {
  case K_U32:
  case K_ENUM:
    *(uint32_t *)at = get_var32(r);
    return;
  case K_BOOL: {
    unsigned char v = 0;
    take(r, &v, 1);
    *(bool *)at = v != 0;
    return;
  }
  case K_STR:
    *(TxStr *)at = get_str(r);
    return;
  case K_SPAN: {
    TxSpan *s = at;
    s->file = r->file;
    s->start = get_var32(r);
    uint64_t z = get_var(r), d = z >> 1;
    int64_t end = (z & 1) ? (int64_t)s->start - (int64_t)d : (int64_t)s->start + (int64_t)d;
    if (d > UINT32_MAX || end < 0 || end > (int64_t)UINT32_MAX)
      r->ok = false;
    s->end = r->ok ? (uint32_t)end : 0;
    return;
  }
  case K_FILEID:
    *(uint32_t *)at = r->file;
    return;
  case K_STRUCT:
    decode(r, fd->elem, at);
    return;
  case K_PTR: {
    unsigned char present = 0;
    take(r, &present, 1);
    void *obj = NULL;
    if (present) {
      obj = tx_arena_alloc(r->a, fd->elem->size);
      decode(r, fd->elem, obj);
    }
    *(void **)at = obj;
    return;
  }
  default:
    break;
  }
  uint32_t n = get_count(r);
  *(uint32_t *)(void *)(base + fd->count_off) = n;
  if (fd->kind == K_ARR) {
    unsigned char *items = n ? tx_arena_alloc(r->a, (size_t)n * fd->elem->size) : NULL;
    for (uint32_t i = 0; i < n && r->ok; i++)
      decode(r, fd->elem, items + (size_t)i * fd->elem->size);
    *(unsigned char **)at = items;
  } else if (fd->kind == K_U32ARR) {
    uint32_t *items = n ? TX_ARENA_ARRAY(r->a, uint32_t, n) : NULL;
    for (uint32_t i = 0; i < n && r->ok; i++)
      items[i] = get_var32(r);
    *(uint32_t **)at = items;
  } else {
    TxStr *items = n ? TX_ARENA_ARRAY(r->a, TxStr, n) : NULL;
    for (uint32_t i = 0; i < n && r->ok; i++)
      items[i] = get_str(r);
    *(TxStr **)at = items;
  }
}

static void decode(Reader *r, const TypeDesc *t, void *obj) {
  for (uint16_t i = 0; i < t->field_count && r->ok; i++)
    decode_field(r, &t->fields[i], obj);
}

// Indices stored in the IR must point inside the file's own arrays, or rules would read
// out of bounds on a crafted pack.
static bool indices_valid(const TxFile *f) {
  for (uint32_t i = 0; i < f->fact_count; i++) {
    if (f->facts[i].fn != TX_NONE && f->facts[i].fn >= f->function_count)
      return false;
    if (f->facts[i].client_import != TX_NONE && f->facts[i].client_import >= f->import_count)
      return false;
    if (f->facts[i].base_call > f->call_count || f->facts[i].passed_call > f->call_count)
      return false;
    if (f->facts[i].client_kind > TX_CLIENT_USER ||
        (f->facts[i].client_kind_import != TX_NONE &&
         f->facts[i].client_kind_import >= f->import_count))
      return false;
  }
  for (uint32_t i = 0; i < f->client_export_count; i++) {
    const TxClientExport *e = &f->client_exports[i];
    if (e->kind > TX_CLIENT_USER ||
        (e->kind_import != TX_NONE && e->kind_import >= f->import_count))
      return false;
  }
  for (uint32_t i = 0; i < f->call_count; i++) {
    const TxCall *call = &f->calls[i];
    if ((call->fn != TX_NONE && call->fn >= f->function_count) ||
        (call->fact != TX_NONE && call->fact >= f->fact_count))
      return false;
    for (uint32_t k = 0; k < call->callback_fn_count; k++) {
      if (call->callback_fns[k] >= f->function_count)
        return false;
    }
  }
  for (uint32_t i = 0; i < f->function_count; i++) {
    const TxFunction *fn = &f->functions[i];
    if (fn->parent != TX_NONE && fn->parent >= f->function_count)
      return false;
    for (uint32_t k = 0; k < fn->fact_count; k++) {
      if (fn->facts[k] >= f->fact_count)
        return false;
    }
    for (uint32_t k = 0; k < fn->call_count; k++) {
      if (fn->calls[k] >= f->call_count)
        return false;
    }
    if (fn->cfg && !tx_cfg_valid(fn->cfg, f->call_count))
      return false;
  }
  for (uint32_t i = 0; i < f->export_count; i++) {
    if (f->exports[i].fn != TX_NONE && f->exports[i].fn >= f->function_count)
      return false;
  }
  for (uint32_t i = 0; f->sql && i < f->sql->op_count; i++) {
    uint32_t fn = f->sql->ops[i].func.fn;
    if ((unsigned)f->sql->ops[i].kind > TX_SQL_RENAME_POLICY)
      return false; // the emitters index tables by it
    if (f->sql->ops[i].kind == TX_SQL_CREATE_FUNCTION && fn != TX_NONE && fn >= f->function_count)
      return false;
  }
  return true;
}

static bool spans_valid(const TxFile *f) {
  for (uint32_t i = 0; i < f->fact_count; i++) {
    if (f->facts[i].span.end > f->src.len || f->facts[i].op_span.end > f->src.len)
      return false;
  }
  for (uint32_t i = 0; i < f->call_count; i++) {
    if (f->calls[i].span.end > f->src.len)
      return false;
  }
  for (uint32_t i = 0; i < f->function_count; i++) {
    if (f->functions[i].span.end > f->src.len || f->functions[i].name_span.end > f->src.len)
      return false;
  }
  return true;
}

bool tx_cache_decode_file(TxFile *f, const unsigned char *buf, size_t len) {
  TxFile tmp = *f;
  Reader r = {buf, buf + len, &f->arena, f->id, true, f->src.text, f->src.len};
  decode(&r, &file_type, &tmp);
  if (!r.ok || r.p != r.end || !indices_valid(&tmp) || !spans_valid(&tmp))
    return false;
  // Link results are recomputed every run.
  for (uint32_t i = 0; i < tmp.fact_count; i++)
    tmp.facts[i].dropped = false;
  for (uint32_t i = 0; i < tmp.call_count; i++)
    tmp.calls[i].target_file = tmp.calls[i].target_fn = TX_NONE;
  // tmp's arena is a stale copy: the decoded items were allocated in f->arena.
  tmp.arena = f->arena;
  *f = tmp;
  return true;
}

// --- the pack ---------------------------------------------------------------------------

typedef struct Entry {
  TxStr path;
  uint64_t hash;
  uint32_t content_len;
  const unsigned char *blob;
  uint32_t blob_len;
} Entry;

typedef struct Fresh {
  unsigned char *blob; // heap; NULL when the file was not put
  size_t len;
} Fresh;

struct TxCache {
  char *dir;
  uint64_t key;
  unsigned char *data; // the whole old pack
  size_t data_len;
  Entry *entries; // sorted by path, pointing into data
  uint32_t entry_count;
  Fresh *fresh; // per file id
  uint32_t file_count;
};

static uint64_t hash_strlist(uint64_t h, const TxStrList *l) {
  for (uint32_t i = 0; i < l->count; i++) {
    h = XXH3_64bits_withSeed(l->items[i].ptr, l->items[i].len, h);
    h = XXH3_64bits_withSeed("\n", 1, h);
  }
  return XXH3_64bits_withSeed("|", 1, h);
}

static bool read_whole(const char *path, unsigned char **data, size_t *len);

// The key changes with the txlint binary itself (any rebuild, so a changed front end never
// reuses old facts), the IR layout and every setting extraction reads. That includes
// rule_reads, the kinds of calls pruning keeps: the driver passes the union over the whole
// rule registry, which enabling or disabling rules does not change (so one cache serves
// every run of a binary), and a caller passing another mask gets a key of its own.
static uint64_t cache_key(const TxConfig *cfg) {
  static const char version[] = TX_VERSION;
  uint64_t h = XXH3_64bits(version, sizeof version - 1);
  unsigned char *exe = NULL;
  size_t exe_len = 0;
  if (read_whole("/proc/self/exe", &exe, &exe_len))
    h = XXH3_64bits_withSeed(exe, exe_len, h);
  free(exe);
  const uint32_t layout[] = {FORMAT,
                             (uint32_t)sizeof(TxFact),
                             (uint32_t)sizeof(TxCall),
                             (uint32_t)sizeof(TxFunction),
                             (uint32_t)sizeof(TxFile),
                             (uint32_t)sizeof(TxOp),
                             cfg->max_depth,
                             cfg->rule_reads};
  h = XXH3_64bits_withSeed(layout, sizeof layout, h);
  h = hash_strlist(h, &cfg->client_factories);
  h = hash_strlist(h, &cfg->marker_tables);
  h = hash_strlist(h, &cfg->tenant_columns);
  h = hash_strlist(h, &cfg->webhook_calls);
  return hash_strlist(h, &cfg->effect_calls);
}

static char *pack_path(const char *dir) {
  size_t n = strlen(dir) + 32;
  char *p = tx_xmalloc(n);
  snprintf(p, n, "%s/pack-v%u.bin", dir, FORMAT);
  return p;
}

static bool read_whole(const char *path, unsigned char **data, size_t *len) {
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    return false;
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > (off_t)1 << 31) {
    close(fd);
    return false;
  }
  size_t n = (size_t)st.st_size, got = 0;
  unsigned char *buf = tx_xmalloc(n ? n : 1);
  while (got < n) {
    ssize_t r = read(fd, buf + got, n - got);
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      break;
    got += (size_t)r;
  }
  close(fd);
  *data = buf;
  *len = got;
  return true;
}

// Parses the pack's index; false (and an empty cache) for anything unexpected.
static bool parse_pack(TxCache *cache) {
  TxArena scratch; // paths point into data, so no arena is needed; Reader wants one
  tx_arena_init(&scratch);
  Reader r = {cache->data, cache->data + cache->data_len, &scratch, 0, true, NULL, 0};
  char magic[8];
  bool ok = take(&r, magic, 8) && memcmp(magic, "TXLCACHE", 8) == 0 && get_u32(&r) == FORMAT &&
            get_u64(&r) == cache->key;
  uint32_t n = ok ? get_u32(&r) : 0;
  if ((size_t)(r.end - r.p) < n)
    r.ok = false, n = 0; // every entry takes more than one byte
  cache->entries = n ? tx_xcalloc(n, sizeof(Entry)) : NULL;
  for (uint32_t i = 0; i < n && r.ok; i++) {
    Entry *e = &cache->entries[i];
    uint32_t plen = get_u32(&r);
    if (!r.ok || (size_t)(r.end - r.p) < plen) {
      r.ok = false;
      break;
    }
    e->path = (TxStr){(const char *)r.p, plen};
    r.p += plen;
    e->hash = get_u64(&r);
    e->content_len = get_u32(&r);
    e->blob_len = get_u32(&r);
    if (!r.ok || (size_t)(r.end - r.p) < e->blob_len) {
      r.ok = false;
      break;
    }
    e->blob = r.p;
    r.p += e->blob_len;
    if (i > 0 && tx_str_cmp(cache->entries[i - 1].path, e->path) >= 0)
      r.ok = false; // not sorted: not ours
  }
  tx_arena_fini(&scratch);
  if (!ok || !r.ok || r.p != r.end) {
    free(cache->entries);
    cache->entries = NULL;
    cache->entry_count = 0;
    return false;
  }
  cache->entry_count = n;
  return true;
}

TxCache *tx_cache_open(const char *dir, const TxConfig *cfg, uint32_t file_count) {
  TxCache *cache = tx_xcalloc(1, sizeof *cache);
  cache->dir = tx_xstrdup(dir);
  cache->key = cache_key(cfg);
  cache->file_count = file_count;
  cache->fresh = tx_xcalloc(file_count ? file_count : 1, sizeof(Fresh));
  char *path = pack_path(dir);
  if (read_whole(path, &cache->data, &cache->data_len))
    parse_pack(cache);
  free(path);
  return cache;
}

void tx_cache_free(TxCache *cache) {
  if (!cache)
    return;
  for (uint32_t i = 0; i < cache->file_count; i++)
    free(cache->fresh[i].blob);
  free(cache->fresh);
  free(cache->entries);
  free(cache->data);
  free(cache->dir);
  free(cache);
}

static const Entry *find(const TxCache *cache, TxStr path) {
  uint32_t lo = 0, hi = cache->entry_count;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    int cmp = tx_str_cmp(cache->entries[mid].path, path);
    if (cmp == 0)
      return &cache->entries[mid];
    if (cmp < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

static uint64_t content_hash(const TxFile *f) {
  return f->src.hashed ? f->src.hash : XXH3_64bits(f->src.text, f->src.len);
}

bool tx_cache_load(const TxCache *cache, TxFile *f) {
  const Entry *e = find(cache, f->src.path);
  if (!e || e->content_len != f->src.len || e->hash != content_hash(f))
    return false;
  return tx_cache_decode_file(f, e->blob, e->blob_len);
}

void tx_cache_put(TxCache *cache, const TxFile *f) {
  if (f->id >= cache->file_count)
    return;
  tx_cache_encode_file(f, &cache->fresh[f->id].blob, &cache->fresh[f->id].len);
}

static bool write_all(int fd, const unsigned char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      return false;
    p += w;
    n -= (size_t)w;
  }
  return true;
}

static void put_entry(Buf *b, const TxFile *f, uint64_t hash, const unsigned char *blob,
                      size_t len) {
  put_u32(b, f->src.path.len); // the pack's own fields are fixed-width
  put(b, f->src.path.ptr, f->src.path.len);
  put_u64(b, hash);
  put_u32(b, f->src.len);
  put_u32(b, (uint32_t)len);
  put(b, blob, len);
}

bool tx_cache_save(TxCache *cache, const TxProgram *p, const char **why) {
  Buf b = {0};
  put(&b, "TXLCACHE", 8);
  put_u32(&b, FORMAT);
  put_u64(&b, cache->key);
  uint32_t count_at = b.count, n = 0;
  put_u32(&b, 0);
  bool changed = false;
  for (uint32_t i = 0; i < p->file_count && i < cache->file_count; i++) {
    const TxFile *f = p->files[i];
    const Fresh *fr = &cache->fresh[i];
    uint64_t hash = content_hash(f);
    if (fr->blob) {
      put_entry(&b, f, hash, fr->blob, fr->len);
      changed = true;
      n++;
      continue;
    }
    const Entry *e = find(cache, f->src.path);
    if (e && e->hash == hash && e->content_len == f->src.len) {
      put_entry(&b, f, hash, e->blob, e->blob_len);
      n++;
    }
  }
  if (!changed && n == cache->entry_count) {
    free(b.items);
    return true; // nothing new: keep the pack as it is
  }
  memcpy(b.items + count_at,
         (unsigned char[4]){(unsigned char)n, (unsigned char)(n >> 8), (unsigned char)(n >> 16),
                            (unsigned char)(n >> 24)},
         4);
  bool ok = false;
  *why = NULL;
  if (mkdir(cache->dir, 0777) != 0 && errno != EEXIST) {
    *why = strerror(errno);
  } else {
    char *path = pack_path(cache->dir);
    size_t tn = strlen(path) + 16;
    char *tmp = tx_xmalloc(tn);
    snprintf(tmp, tn, "%s.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
      *why = strerror(errno);
    } else {
      ok = write_all(fd, b.items, b.count);
      ok = (close(fd) == 0) && ok;
      ok = ok && rename(tmp, path) == 0;
      if (!ok) {
        *why = "write failed";
        unlink(tmp);
      }
    }
    free(tmp);
    free(path);
  }
  // A .gitignore inside the cache folder keeps it out of commits without user action.
  if (ok) {
    size_t gn = strlen(cache->dir) + 16;
    char *gi = tx_xmalloc(gn);
    snprintf(gi, gn, "%s/.gitignore", cache->dir);
    FILE *g = fopen(gi, "wx");
    if (g) {
      fputs("*\n", g);
      fclose(g);
    }
    free(gi);
  }
  free(b.items);
  return ok;
}
