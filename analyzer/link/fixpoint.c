// fixpoint.c: the worklist of fixpoint.h.
#include "fixpoint.h"

#include <stdlib.h>
#include <string.h>

#include "base/check.h"

struct TxFixpoint {
  const TxProgram *p;
  TxAnalysis a; // a copy; a.ctx is used only during the run
  TxArena arena;
  unsigned char *summaries; // total * a->size bytes
  uint32_t *base;           // file i's functions are base[i] .. base[i + 1]
  uint32_t total;
  uint32_t rounds;
};

// The function a call edge leads to: callback e of `c` (e < callback_fn_count), else the
// project function it calls; TX_NONE when there is none.
static uint32_t edge_target(const TxFixpoint *fp, uint32_t file, const TxCall *call, uint32_t e) {
  if (e < call->callback_fn_count)
    return fp->base[file] + call->callback_fns[e];
  if (call->target_file != TX_NONE && call->target_file < fp->p->file_count)
    return fp->base[call->target_file] + call->target_fn;
  return TX_NONE;
}

// Callers of each function in CSR form (edges callee -> caller): callers[first[id] ..
// first[id + 1]] depend on function id. Two passes: count, then fill.
static uint32_t *callers_of(const TxFixpoint *fp, uint32_t **first_out) {
  const TxProgram *p = fp->p;
  uint32_t *first = tx_xcalloc((size_t)fp->total + 1, sizeof(uint32_t));
  uint32_t *callers = NULL, *fill = NULL;
  for (int pass = 0; pass < 2; pass++) {
    for (uint32_t i = 0; i < p->file_count; i++) {
      const TxFile *f = p->files[i];
      if (f->src.lang == TX_LANG_SQL)
        continue;
      for (uint32_t k = 0; k < f->call_count; k++) {
        const TxCall *call = &f->calls[k];
        if (call->fn == TX_NONE)
          continue;
        for (uint32_t e = 0; e <= call->callback_fn_count; e++) {
          uint32_t callee = edge_target(fp, i, call, e);
          if (callee == TX_NONE || callee >= fp->total)
            continue;
          if (pass == 0)
            first[callee + 1]++;
          else
            callers[first[callee] + fill[callee]++] = fp->base[i] + call->fn;
        }
      }
    }
    if (pass == 0) {
      for (uint32_t n = 0; n < fp->total; n++)
        first[n + 1] += first[n];
      callers = tx_xmalloc(sizeof(uint32_t) * (first[fp->total] + 1));
      fill = tx_xcalloc((size_t)fp->total + 1, sizeof(uint32_t));
    }
  }
  free(fill);
  *first_out = first;
  return callers;
}

// Recomputes function k of file i; true when its summary changed.
static bool update(TxFixpoint *fp, const TxFile *f, uint32_t k, void *next) {
  const TxAnalysis *a = &fp->a;
  void *kept = fp->summaries + (size_t)(fp->base[f->id] + k) * a->size;
  memset(next, 0, a->size);
  a->transfer(fp, f, k, next);
  if (!a->differs(kept, next))
    return false;
  if (a->store)
    a->store(fp, kept, next);
  else
    memcpy(kept, next, a->size);
  return true;
}

// Sweeps until nothing changes: a function is recomputed when a function it depends on
// changed. Children come after parents in a file, so a sweep in reverse order settles
// callbacks before the functions that contain them.
static void iterate(TxFixpoint *fp, const uint32_t *first, const uint32_t *callers) {
  const TxProgram *p = fp->p;
  bool *dirty = tx_xmalloc(fp->total ? fp->total : 1);
  void *next = tx_xmalloc(fp->a.size ? fp->a.size : 1);
  memset(dirty, 1, fp->total);
  bool any = true;
  for (fp->rounds = 0; any && fp->rounds < fp->a.max_rounds; fp->rounds++) {
    any = false;
    for (uint32_t i = 0; i < p->file_count; i++) {
      const TxFile *f = p->files[i];
      if (f->src.lang == TX_LANG_SQL)
        continue;
      for (uint32_t k = f->function_count; k > 0; k--) {
        uint32_t id = fp->base[i] + k - 1;
        if (!dirty[id])
          continue;
        dirty[id] = false;
        if (!update(fp, f, k - 1, next))
          continue;
        for (uint32_t e = first[id]; e < first[id + 1]; e++) {
          dirty[callers[e]] = true;
          any = true;
        }
      }
    }
  }
  free(next);
  free(dirty);
}

TxFixpoint *tx_fixpoint_run(const TxProgram *p, const TxAnalysis *a) {
  TxFixpoint *fp = tx_xcalloc(1, sizeof *fp);
  fp->p = p;
  fp->a = *a;
  tx_arena_init(&fp->arena);
  fp->base = tx_xmalloc(sizeof(uint32_t) * (p->file_count + 1));
  for (uint32_t i = 0; i < p->file_count; i++) {
    fp->base[i] = fp->total;
    fp->total += p->files[i]->function_count;
  }
  fp->base[p->file_count] = fp->total;
  fp->summaries = tx_xcalloc((size_t)fp->total + 1, a->size ? a->size : 1);
  uint32_t *first = NULL;
  uint32_t *callers = callers_of(fp, &first);
  iterate(fp, first, callers);
  free(callers);
  free(first);
  return fp;
}

void tx_fixpoint_free(TxFixpoint *fp) {
  if (!fp)
    return;
  tx_arena_fini(&fp->arena);
  free(fp->summaries);
  free(fp->base);
  free(fp);
}

const void *tx_fixpoint_get(const TxFixpoint *fp, uint32_t file, uint32_t fn) {
  if (file >= fp->p->file_count || fn >= fp->p->files[file]->function_count)
    return NULL;
  return fp->summaries + (size_t)(fp->base[file] + fn) * fp->a.size;
}

const TxProgram *tx_fixpoint_program(const TxFixpoint *fp) {
  return fp->p;
}

void *tx_fixpoint_ctx(const TxFixpoint *fp) {
  return fp->a.ctx;
}

TxArena *tx_fixpoint_arena(TxFixpoint *fp) {
  return &fp->arena;
}

uint32_t tx_fixpoint_rounds(const TxFixpoint *fp) {
  return fp->rounds;
}
