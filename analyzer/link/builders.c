// builders.c: query builders that cross function and file boundaries (see builders.h).
//
// The front end records each function's part of a chain on its own (ts_chain.c); the calls,
// once resolved, say which parts go together. The joins are one level deep (the function a
// call names, not the helpers that helper calls) and every loop is over the program's own
// arrays, so the pass is linear in calls and facts but for the sort of its index.
#include "builders.h"

#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/check.h"

// Facts made at calls, and helper facts looked at per call, at most: past either, no helper
// is judged at its calls (each keeps its own finding), so a hostile program of many calls to
// a helper with many chains costs no more than this.
enum { MAX_CALL_FACTS = 1u << 17, MAX_WORK = 1u << 23 };

typedef TX_ARRAY(TxFilter) Filters;
typedef TX_ARRAY(TxFact) Facts;

// A fact that starts at a function's boundary: a builder the function returns, or a chain on
// a parameter's builder. Sorted by (file, fn, fact), so the facts of one function are a run.
typedef struct Crossing {
  uint32_t file, fn, fact;
} Crossing;

static int cmp_crossing(const void *a, const void *b) {
  const Crossing *x = a, *y = b;
  if (x->file != y->file)
    return x->file < y->file ? -1 : 1;
  if (x->fn != y->fn)
    return x->fn < y->fn ? -1 : 1;
  return (x->fact > y->fact) - (x->fact < y->fact);
}

typedef struct Index {
  Crossing *items;
  uint32_t count;
} Index;

static void index_build(const TxProgram *p, Index *x) {
  TX_ARRAY(Crossing) all = {0};
  for (uint32_t i = 0; i < p->file_count; i++) {
    const TxFile *f = p->files[i];
    if (f->src.lang == TX_LANG_SQL)
      continue;
    for (uint32_t k = 0; k < f->fact_count; k++) {
      const TxFact *y = &f->facts[k];
      if (y->fn != TX_NONE && y->partial && (y->returned || y->base_param)) {
        Crossing c = {i, y->fn, k};
        TX_ARRAY_PUSH(&all, c);
      }
    }
  }
  if (all.count > 1)
    qsort(all.items, all.count, sizeof *all.items, cmp_crossing);
  x->items = all.items;
  x->count = all.count;
}

// Steps left (MAX_WORK); false once spent.
static bool step(uint32_t *work) {
  if (*work == 0)
    return false;
  (*work)--;
  return true;
}

// The first entry of function `fn` of file `file`; its run ends where file or fn differ.
static uint32_t index_first(const Index *x, uint32_t file, uint32_t fn) {
  uint32_t lo = 0, hi = x->count;
  Crossing key = {file, fn, 0};
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (cmp_crossing(&x->items[mid], &key) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

static bool index_in_run(const Index *x, uint32_t pos, uint32_t file, uint32_t fn) {
  return pos < x->count && x->items[pos].file == file && x->items[pos].fn == fn;
}

// The function a TypeScript call resolved to, or NULL; *tf is its file.
static TxFunction *target_of(const TxProgram *p, const TxCall *call, TxFile **tf) {
  if (call->fact != TX_NONE || call->target_file >= p->file_count)
    return NULL;
  TxFile *t = p->files[call->target_file];
  if (call->target_fn >= t->function_count)
    return NULL;
  *tf = t;
  return &t->functions[call->target_fn];
}

// The argument for parameter `param` (1 + its index) of `call` when it is a static string,
// else empty.
static TxStr string_arg(const TxCall *call, uint32_t param) {
  if (!param || param > call->arg_count || !call->string_args)
    return (TxStr){"", 0};
  return call->string_args[param - 1];
}

// Appends y's filters to `out`, a column that is a parameter named by the call's argument;
// sets *unknown when that argument is not a static string.
static void add_filters(Filters *out, const TxFact *y, const TxCall *call, bool *unknown) {
  for (uint32_t i = 0; i < y->filter_count; i++) {
    TxFilter fl = y->filters[i];
    if (fl.column_param) {
      fl.column = string_arg(call, fl.column_param);
      fl.column_param = 0;
      if (!fl.column.len) {
        *unknown = true;
        continue;
      }
    }
    TX_ARRAY_PUSH(out, fl);
  }
}

static void set_filters(TxProgram *p, TxFact *x, Filters *fl) {
  x->filters =
      fl->count ? tx_arena_memdup(&p->arena, fl->items, sizeof(TxFilter) * fl->count) : NULL;
  x->filter_count = fl->count;
  TX_ARRAY_FREE(fl);
}

// `this.query().update(v).eq('id', id)`: x continues the one builder the called function
// returns (`return this.db.from('loans')`). With none, or two, x stays partial.
static void continue_returned(TxProgram *p, const Index *ix, TxFile *f, TxFact *x, uint32_t *work) {
  const TxCall *call = &f->calls[x->base_call - 1];
  TxFile *tf;
  const TxFunction *h = target_of(p, call, &tf);
  if (!h)
    return;
  const TxFact *y = NULL;
  for (uint32_t pos = index_first(ix, tf->id, call->target_fn);
       index_in_run(ix, pos, tf->id, call->target_fn); pos++) {
    if (!step(work))
      return;
    const TxFact *c = &tf->facts[ix->items[pos].fact];
    if (!c->returned || c->base_param || c->base_call)
      continue;
    if (y)
      return; // two builders returned: which one runs is not known here
    y = c;
  }
  if (!y || y->dropped || y->op == TX_OP_RPC)
    return; // none, or the client is not Supabase's (link.c refuted it)
  TxStr table = y->table_param ? string_arg(call, y->table_param) : y->table;
  if (y->table_param && !table.len)
    return;
  Filters fl = {0};
  bool unknown = x->filters_unknown || y->filters_unknown;
  add_filters(&fl, y, call, &unknown);
  for (uint32_t i = 0; i < x->filter_count; i++)
    TX_ARRAY_PUSH(&fl, x->filters[i]);
  set_filters(p, x, &fl);
  x->filters_unknown = unknown;
  x->table = table;
  x->schema = y->schema;
  x->client = y->client;
  x->client_kind = y->client_kind;
  x->client_import = x->client_kind_import = TX_NONE;
  x->chain = tx_arena_printf(&p->arena, "%.*s.%.*s", TX_STR_ARG(y->chain), TX_STR_ARG(x->chain));
  x->via_helper = true;
  x->via = y->span;
  x->helper = h->name;
  x->partial = false;
}

// `scope(db.from('t').update(v), org)`: the filters the helper adds to the builder it is given
// (`return q.eq('org_id', org)`) are x's too.
static void filtered_by_helper(TxProgram *p, const Index *ix, TxFile *f, TxFact *x,
                               uint32_t *work) {
  const TxCall *call = &f->calls[x->passed_call - 1];
  TxFile *tf;
  const TxFunction *h = target_of(p, call, &tf);
  if (!h)
    return;
  Filters fl = {0};
  bool unknown = x->filters_unknown, any = false;
  const TxFact *first = NULL;
  for (uint32_t i = 0; i < x->filter_count; i++)
    TX_ARRAY_PUSH(&fl, x->filters[i]);
  for (uint32_t pos = index_first(ix, tf->id, call->target_fn);
       index_in_run(ix, pos, tf->id, call->target_fn) && step(work); pos++) {
    const TxFact *y = &tf->facts[ix->items[pos].fact];
    if (y->base_param != x->passed_arg + 1)
      continue;
    add_filters(&fl, y, call, &unknown);
    unknown |= y->filters_unknown;
    first = first ? first : y;
    any = true;
  }
  if (!any) {
    TX_ARRAY_FREE(&fl);
    return;
  }
  set_filters(p, x, &fl);
  x->filters_unknown = unknown;
  x->via_helper = true;
  x->via = first->span;
  x->helper = h->name;
}

// Whether y names its table or a filter column by a parameter.
static bool names_by_parameter(const TxFact *y) {
  if (y->table_param)
    return true;
  for (uint32_t i = 0; i < y->filter_count; i++) {
    if (y->filters[i].column_param)
      return true;
  }
  return false;
}

// Per helper chain: the resolved calls to its function, and the facts made at them.
typedef struct Tally {
  uint32_t **seen, **made; // per file, per fact (NULL for files without facts)
  bool **has_template;     // per file, per function: it has a chain names_by_parameter
  bool full;               // MAX_CALL_FACTS or MAX_WORK reached
  uint32_t work;           // steps left
} Tally;

// `softDelete('loans', id)`: each chain of the helper naming its table or columns by
// parameters, judged with the call's arguments, as a fact at the call.
static void instantiate(TxProgram *p, const TxCall *call, Tally *t, Facts *made) {
  TxFile *tf;
  const TxFunction *h = target_of(p, call, &tf);
  if (!h || !t->has_template[tf->id] || !t->has_template[tf->id][call->target_fn])
    return;
  for (uint32_t k = 0; k < h->fact_count; k++) {
    if (!step(&t->work)) {
      t->full = true;
      return;
    }
    uint32_t idx = h->facts[k];
    const TxFact *y = &tf->facts[idx];
    if (!tx_fact_live(y) || y->origin != TX_ORIGIN_TS || y->op == TX_OP_RPC ||
        !names_by_parameter(y))
      continue;
    t->seen[tf->id][idx]++;
    TxStr table = y->table_param ? string_arg(call, y->table_param) : y->table;
    if ((y->table_param && !table.len) || made->count >= MAX_CALL_FACTS) {
      t->full |= made->count >= MAX_CALL_FACTS;
      continue;
    }
    TxFact d = *y;
    Filters fl = {0};
    bool unknown = y->filters_unknown;
    add_filters(&fl, y, call, &unknown);
    set_filters(p, &d, &fl);
    d.filters_unknown = unknown;
    d.table = table;
    d.table_param = d.base_param = d.base_call = d.passed_call = d.passed_arg = 0;
    d.span = d.op_span = call->span;
    d.fn = call->fn;
    d.in_loop = call->in_loop;
    d.parallel_group = call->parallel_group;
    d.result_names = NULL;
    d.result_name_count = 0;
    d.result_unused = d.returned = d.judged_at_calls = false;
    d.client_import = d.client_kind_import = TX_NONE;
    d.via_helper = true;
    d.via = y->op_span;
    d.helper = h->name;
    TX_ARRAY_PUSH(made, d);
    t->made[tf->id][idx]++;
  }
}

static void tally_init(const TxProgram *p, Tally *t) {
  t->seen = tx_xcalloc(p->file_count + 1, sizeof *t->seen);
  t->made = tx_xcalloc(p->file_count + 1, sizeof *t->made);
  t->has_template = tx_xcalloc(p->file_count + 1, sizeof *t->has_template);
  t->full = false;
  t->work = MAX_WORK;
  for (uint32_t i = 0; i < p->file_count; i++) {
    if (p->files[i]->fact_count) {
      t->seen[i] = tx_xcalloc(p->files[i]->fact_count, sizeof **t->seen);
      t->made[i] = tx_xcalloc(p->files[i]->fact_count, sizeof **t->made);
    }
    const TxFile *f = p->files[i];
    for (uint32_t k = 0; k < f->fact_count; k++) {
      const TxFact *y = &f->facts[k];
      if (y->fn >= f->function_count || !names_by_parameter(y))
        continue;
      if (!t->has_template[i])
        t->has_template[i] = tx_xcalloc(f->function_count, sizeof **t->has_template);
      t->has_template[i][y->fn] = true;
    }
  }
}

// A helper chain made a fact at every call to it: the calls judge it, not the helper.
static void tally_finish(TxProgram *p, Tally *t) {
  for (uint32_t i = 0; i < p->file_count; i++) {
    for (uint32_t k = 0; t->seen[i] && !t->full && k < p->files[i]->fact_count; k++) {
      if (t->seen[i][k] && t->seen[i][k] == t->made[i][k])
        p->files[i]->facts[k].judged_at_calls = true;
    }
    free(t->seen[i]);
    free(t->made[i]);
    free(t->has_template[i]);
  }
  free(t->seen);
  free(t->made);
  free(t->has_template);
}

void tx_link_builders(TxProgram *p) {
  Index ix;
  index_build(p, &ix);
  Tally t;
  tally_init(p, &t);
  Facts made = {0};
  uint32_t work = MAX_WORK; // for the joins; the calls' facts have their own (Tally.work)
  for (uint32_t i = 0; i < p->file_count; i++) {
    TxFile *f = p->files[i];
    if (f->src.lang == TX_LANG_SQL)
      continue;
    for (uint32_t k = 0; k < f->fact_count; k++) {
      TxFact *x = &f->facts[k];
      if (x->partial && x->base_call && x->base_call <= f->call_count)
        continue_returned(p, &ix, f, x, &work);
      else if (tx_fact_live(x) && x->passed_call && x->passed_call <= f->call_count)
        filtered_by_helper(p, &ix, f, x, &work);
    }
    for (uint32_t k = 0; k < f->call_count; k++)
      instantiate(p, &f->calls[k], &t, &made);
  }
  tally_finish(p, &t);
  p->call_facts =
      made.count ? tx_arena_memdup(&p->arena, made.items, sizeof(TxFact) * made.count) : NULL;
  p->call_fact_count = made.count;
  TX_ARRAY_FREE(&made);
  free(ix.items);
}
