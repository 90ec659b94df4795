// fix.c: see fix.h. The edits of one file are applied together to the text as analysed
// (tx_source_text, which rereads a dropped text only when its hash still matches), in
// position order; a fix whose edits overlap one applied before it waits for the next run.
// Just before a file is replaced, its bytes are read again and compared with the analysed
// text, so an editor's save since the analysis is never overwritten.
#include "fix.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/array.h"
#include "emit/emit_util.h"
#include "source/source.h"

enum { DIFF_CONTEXT = 3 };

typedef struct Edit {
  uint32_t start, end;
  TxStr insertion;
} Edit;

typedef TX_ARRAY(Edit) EditList;

// A finding with work to do, keyed for sorting by file and position.
typedef struct Job {
  uint32_t file, start;
  TxDiag *d;
} Job;

static int cmp_job(const void *a, const void *b) {
  const Job *x = a, *y = b;
  if (x->file != y->file)
    return x->file < y->file ? -1 : 1;
  return (x->start > y->start) - (x->start < y->start);
}

static int cmp_edit(const void *a, const void *b) {
  const Edit *x = a, *y = b;
  return (x->start > y->start) - (x->start < y->start);
}

static void say(TxStr path, const char *what) {
  fputs("txlint: ", stderr);
  tx_emit_put_safe(stderr, path);
  fprintf(stderr, ": %s\n", what);
}

static bool overlaps(const EditList *l, const TxEdit *e) {
  for (uint32_t i = 0; i < l->count; i++) {
    const Edit *a = &l->items[i];
    if (e->span.start < a->end && a->start < e->span.end)
      return true;
    if (e->span.start == a->start && (e->span.start == e->span.end || a->start == a->end))
      return true; // two edits at one point: their order would be a guess
  }
  return false;
}

// Takes the fixes of jobs[0..n) (one file, by position) that do not overlap earlier ones.
static void take_fixes(Job *jobs, uint32_t n, EditList *out, TxFixResult *r) {
  for (uint32_t i = 0; i < n; i++) {
    const TxFix *fix = jobs[i].d->fix;
    bool clash = false;
    for (uint32_t k = 0; k < fix->edit_count && !clash; k++)
      clash = overlaps(out, &fix->edits[k]);
    if (clash) {
      r->deferred++;
      continue;
    }
    for (uint32_t k = 0; k < fix->edit_count; k++)
      TX_ARRAY_PUSH(
          out, ((Edit){fix->edits[k].span.start, fix->edits[k].span.end, fix->edits[k].insertion}));
    jobs[i].d->fixed = true;
    r->applied++;
  }
}

static bool has_rule(const char *const *ids, uint32_t n, const char *id) {
  for (uint32_t i = 0; i < n; i++) {
    if (strcmp(ids[i], id) == 0)
      return true;
  }
  return false;
}

enum { MAX_RULES_PER_LINE = 16 };

// One comment above each line with findings, naming their rules once each, indented like
// the line and ending like it (CRLF stays CRLF): "// txlint-ignore a, b -- reason" (SQL: --).
static void take_suppressions(TxArena *a, const TxFile *f, const char *t, Job *jobs, uint32_t n,
                              const char *reason, EditList *out, TxFixResult *r) {
  const char *marker = f->src.lang == TX_LANG_SQL ? "--" : "//";
  for (uint32_t i = 0; i < n;) {
    uint32_t line = tx_source_pos(&f->src, jobs[i].start).line;
    const char *ids[MAX_RULES_PER_LINE];
    uint32_t count = 0, k = i;
    for (; k < n && tx_source_pos(&f->src, jobs[k].start).line == line; k++) {
      if (count < MAX_RULES_PER_LINE && !has_rule(ids, count, jobs[k].d->rule_id))
        ids[count++] = jobs[k].d->rule_id;
      jobs[k].d->fixed = true;
      r->applied++;
    }
    TxStr text = tx_source_line(&f->src, line);
    uint32_t at = (uint32_t)(text.ptr - t), indent = 0;
    while (indent < text.len && (text.ptr[indent] == ' ' || text.ptr[indent] == '\t'))
      indent++;
    bool crlf = at + text.len < f->src.len && t[at + text.len] == '\r';
    TX_ARRAY(char) buf = {0};
    for (uint32_t c = 0; c < indent; c++)
      TX_ARRAY_PUSH(&buf, text.ptr[c]);
    TxStr head = tx_arena_printf(a, "%s txlint-ignore ", marker);
    for (uint32_t c = 0; c < head.len; c++)
      TX_ARRAY_PUSH(&buf, head.ptr[c]);
    for (uint32_t j = 0; j < count; j++) {
      TxStr s = tx_arena_printf(a, "%s%s", j ? ", " : "", ids[j]);
      for (uint32_t c = 0; c < s.len; c++)
        TX_ARRAY_PUSH(&buf, s.ptr[c]);
    }
    TxStr tail = tx_arena_printf(a, " -- %s%s", reason, crlf ? "\r\n" : "\n");
    for (uint32_t c = 0; c < tail.len; c++)
      TX_ARRAY_PUSH(&buf, tail.ptr[c]);
    TX_ARRAY_PUSH(out, ((Edit){at, at, tx_arena_str(a, buf.items, buf.count)}));
    TX_ARRAY_FREE(&buf);
    i = k;
  }
}

// `t` (len bytes) with the sorted edits applied, malloc'ed; its length in *out_len.
static char *apply_edits(const char *t, uint32_t len, const EditList *l, size_t *out_len) {
  size_t n = len;
  for (uint32_t i = 0; i < l->count; i++)
    n += l->items[i].insertion.len - (size_t)(l->items[i].end - l->items[i].start);
  char *out = tx_xmalloc(n + 1);
  size_t o = 0;
  uint32_t at = 0;
  for (uint32_t i = 0; i < l->count; i++) {
    const Edit *e = &l->items[i];
    memcpy(out + o, t + at, e->start - at);
    o += e->start - at;
    memcpy(out + o, e->insertion.ptr, e->insertion.len);
    o += e->insertion.len;
    at = e->end;
  }
  memcpy(out + o, t + at, len - at);
  o += len - at;
  out[o] = '\0';
  *out_len = o;
  return out;
}

// Line starts of t[0..len): starts[i] is where line i+1 begins; starts[count] == len. A
// last line without a line end counts; an empty text has no lines.
typedef struct Lines {
  uint32_t *starts;
  uint32_t count;
} Lines;

static Lines split_lines(const char *t, size_t len) {
  uint32_t n = 0;
  for (size_t i = 0; i < len; i++)
    n += t[i] == '\n';
  n += len > 0 && t[len - 1] != '\n';
  Lines l = {tx_xmalloc(sizeof(uint32_t) * (n + 1)), 0};
  l.starts[0] = 0;
  for (size_t i = 0; i < len; i++) {
    if (t[i] == '\n')
      l.starts[++l.count] = (uint32_t)i + 1;
  }
  if (len > 0 && t[len - 1] != '\n')
    l.starts[++l.count] = (uint32_t)len;
  return l;
}

// 0-based index of the line holding byte `off` (the last line for off == len).
static uint32_t line_index(const Lines *l, uint32_t off) {
  return tx_u32_floor(l->starts, l->count, off);
}

static void put_line(FILE *out, char tag, const char *t, const Lines *l, uint32_t i) {
  uint32_t s = l->starts[i], e = l->starts[i + 1];
  fputc(tag, out);
  fwrite(t + s, 1, e - s, out);
  if (e == s || t[e - 1] != '\n')
    fputs("\n\\ No newline at end of file\n", out);
}

// One change of the diff: old lines [of, oe) became new lines [nf, ne) (0-based).
typedef struct Change {
  uint32_t of, oe, nf, ne;
} Change;

// The changes the sorted edits make: edits on shared lines form one; lines an edit leaves as
// they were at either end of its lines are not part of it.
static uint32_t changes_of(const Lines *ol, const Lines *nl, const char *old, const char *neu,
                           size_t new_len, const EditList *edits, Change *out) {
  uint32_t n = 0;
  int64_t delta = 0; // new offset - old offset after the edits so far
  for (uint32_t i = 0; i < edits->count;) {
    uint32_t first = ol->count ? line_index(ol, edits->items[i].start) : 0, last = first;
    int64_t d = delta;
    uint32_t k = i;
    for (; k < edits->count; k++) {
      const Edit *e = &edits->items[k];
      if (k > i && (ol->count ? line_index(ol, e->start) : 0) > last)
        break;
      uint32_t en = ol->count ? line_index(ol, e->end > e->start ? e->end - 1 : e->start) : 0;
      last = en > last ? en : last;
      d += (int64_t)e->insertion.len - (e->end - e->start);
    }
    Change c = {first, ol->count ? last + 1 : 0, 0, 0};
    c.nf = ol->count ? line_index(nl, (uint32_t)((int64_t)ol->starts[first] + delta)) : 0;
    uint32_t end_off = (uint32_t)((int64_t)ol->starts[c.oe] + d);
    c.ne = end_off >= new_len ? nl->count : line_index(nl, end_off);
    if (c.ne < nl->count && nl->starts[c.ne] < end_off)
      c.ne++; // the edits' last line ends inside a new line: that line is theirs
#define SAME(o, nn)                                                                                \
  (ol->starts[(o) + 1] - ol->starts[o] == nl->starts[(nn) + 1] - nl->starts[nn] &&                 \
   memcmp(old + ol->starts[o], neu + nl->starts[nn], ol->starts[(o) + 1] - ol->starts[o]) == 0)
    while (c.of < c.oe && c.nf < c.ne && SAME(c.of, c.nf))
      c.of++, c.nf++;
    while (c.oe > c.of && c.ne > c.nf && SAME(c.oe - 1, c.ne - 1))
      c.oe--, c.ne--;
#undef SAME
    if (c.of < c.oe || c.nf < c.ne)
      out[n++] = c;
    delta = d;
    i = k;
  }
  return n;
}

// A unified diff ("--- a/PATH", "+++ b/PATH", hunks with 3 lines of context) of the file
// before and after the edits, as `git apply` and `patch -p1` take it from the project root.
// Changes closer than twice the context share a hunk.
static void print_diff(FILE *out, TxStr path, const char *old, uint32_t old_len, const char *neu,
                       size_t new_len, const EditList *edits) {
  Lines ol = split_lines(old, old_len), nl = split_lines(neu, new_len);
  Change *ch = tx_xmalloc(sizeof(Change) * (edits->count + 1));
  uint32_t n = changes_of(&ol, &nl, old, neu, new_len, edits, ch);
  fprintf(out, "--- a/%.*s\n+++ b/%.*s\n", TX_STR_ARG(path), TX_STR_ARG(path));
  for (uint32_t i = 0; i < n;) {
    uint32_t k = i + 1;
    while (k < n && ch[k].of <= ch[k - 1].oe + 2 * DIFF_CONTEXT)
      k++;
    uint32_t cb = ch[i].of < DIFF_CONTEXT ? ch[i].of : DIFF_CONTEXT;
    uint32_t tail = ol.count - ch[k - 1].oe, ca = tail < DIFF_CONTEXT ? tail : DIFF_CONTEXT;
    uint32_t os = ch[i].of - cb, oend = ch[k - 1].oe + ca;
    uint32_t ns = ch[i].nf - cb, nend = ch[k - 1].ne + ca;
    fprintf(out, "@@ -%u,%u +%u,%u @@\n", oend > os ? os + 1 : os, oend - os,
            nend > ns ? ns + 1 : ns, nend - ns);
    uint32_t at = os; // the next old line to show as context
    for (uint32_t j = i; j < k; j++) {
      for (; at < ch[j].of; at++)
        put_line(out, ' ', old, &ol, at);
      for (uint32_t m = ch[j].of; m < ch[j].oe; m++)
        put_line(out, '-', old, &ol, m);
      for (uint32_t m = ch[j].nf; m < ch[j].ne; m++)
        put_line(out, '+', neu, &nl, m);
      at = ch[j].oe;
    }
    for (; at < oend; at++)
      put_line(out, ' ', old, &ol, at);
    i = k;
  }
  free(ch);
  free(ol.starts);
  free(nl.starts);
}

// Replaces `path` by text[0..len) if its bytes are still old[0..old_len): a temporary file
// beside it (the file's permissions), fsync, rename. Returns 1 written, 0 left alone (said
// why), -1 failed (said why).
static int rewrite(TxStr shown, const char *path, const char *old, uint32_t old_len,
                   const char *text, size_t len) {
  char real[PATH_MAX], tmp[PATH_MAX + 16];
  struct stat st;
  if (!realpath(path, real) || stat(real, &st) != 0)
    return say(shown, "cannot be read any more; not rewritten"), 0;
  const char *why = NULL;
  uint32_t now_len = 0;
  char *now = tx_source_read_heap(real, (uint64_t)old_len + 1, &now_len, &why);
  bool same = now && now_len == old_len && memcmp(now, old, old_len) == 0;
  free(now);
  if (!same)
    return say(shown, "changed since it was analysed; not rewritten (run txlint again)"), 0;
  snprintf(tmp, sizeof tmp, "%s.txlint-XXXXXX", real);
  int fd = mkstemp(tmp);
  if (fd < 0)
    return say(shown, strerror(errno)), -1;
  bool ok = fchmod(fd, st.st_mode & 07777) == 0;
  for (size_t done = 0; ok && done < len;) {
    ssize_t w = write(fd, text + done, len - done);
    ok = w > 0;
    done += ok ? (size_t)w : 0;
  }
  ok = fsync(fd) == 0 && ok;
  ok = close(fd) == 0 && ok;
  if (!ok || rename(tmp, real) != 0) {
    unlink(tmp);
    return say(shown, "writing the fixed file failed; not rewritten"), -1;
  }
  return 1;
}

// The jobs of one file: collect its edits, then write the file or print its diff.
static bool do_file(TxArena *a, const TxProgram *p, Job *jobs, uint32_t n, const TxFixOptions *o,
                    TxFixResult *r) {
  const TxFile *f = tx_program_file(p, jobs[0].file);
  const char *t = f ? tx_source_text(&f->src) : NULL;
  if (!f || !t || f->src.from_utf16) {
    if (f)
      say(f->src.path, !t ? "changed since it was analysed; not rewritten (run txlint again)"
                          : "UTF-16 files are not rewritten");
    r->unchanged++;
    return true;
  }
  EditList edits = {0};
  if (o->suppress)
    take_suppressions(a, f, t, jobs, n, o->suppress, &edits, r);
  else
    take_fixes(jobs, n, &edits, r);
  bool ok = true;
  if (edits.count) {
    qsort(edits.items, edits.count, sizeof(Edit), cmp_edit);
    size_t len;
    char *text = apply_edits(t, f->src.len, &edits, &len);
    if (o->diff) {
      print_diff(o->diff, f->src.path, t, f->src.len, text, len, &edits);
      r->files++;
    } else {
      int w = rewrite(f->src.path, f->src.abs_path.ptr, t, f->src.len, text, len);
      r->files += w == 1;
      r->unchanged += w != 1;
      ok = w >= 0;
      for (uint32_t i = 0; i < n && w != 1; i++) {
        r->applied -= jobs[i].d->fixed;
        jobs[i].d->fixed = false; // not applied after all
      }
    }
    free(text);
  }
  TX_ARRAY_FREE(&edits);
  return ok;
}

// A finding --fix or --add-suppressions deals with. unused-suppression's findings are never
// suppressed (a comment cannot hide its own judgement), so they get no comment.
static bool wanted(const TxDiag *d, const TxFixOptions *o) {
  if (!tx_diag_shown(d) || d->span.file == TX_NONE)
    return false;
  if (o->suppress)
    return strcmp(d->rule_id, "unused-suppression") != 0;
  return d->fix && d->fix->edit_count &&
         (d->fix->kind == TX_FIX_SAFE || (o->unsafe && d->fix->kind == TX_FIX_SUGGESTION));
}

bool tx_fix_apply(const TxProgram *p, TxDiagSink *sink, const TxFixOptions *o, TxFixResult *r) {
  memset(r, 0, sizeof *r);
  Job *jobs = tx_xmalloc(sizeof(Job) * (sink->items.count + 1));
  uint32_t n = 0;
  for (uint32_t i = 0; i < sink->items.count; i++) {
    TxDiag *d = sink->items.items[i];
    if (wanted(d, o))
      jobs[n++] = (Job){o->suppress ? d->span.file : d->fix->edits[0].span.file,
                        o->suppress ? d->span.start : d->fix->edits[0].span.start, d};
  }
  qsort(jobs, n, sizeof *jobs, cmp_job);
  TxArena a;
  tx_arena_init(&a);
  bool ok = true;
  for (uint32_t i = 0; i < n;) {
    uint32_t k = i;
    while (k < n && jobs[k].file == jobs[i].file)
      k++;
    ok = do_file(&a, p, jobs + i, k - i, o, r) && ok;
    i = k;
  }
  tx_arena_fini(&a);
  free(jobs);
  if (o->diff && (fflush(o->diff) != 0 || ferror(o->diff)))
    ok = false;
  return ok;
}
