// emit_text.c: human-readable output, one block per finding:
//
//   app/api/calls/route.ts:12:33: error: update on 'calls' has no filter on 'org_id'
//   [tenant-filter]
//      12 |   await supabase.from('calls').update({ open: false }).eq('id', id);
//         |                                ^~~~~~~~~~~~~~~~~~~~~~~
//     fix (suggestion): Add SET search_path = ''
//     note: app/lib/db.ts:3:1: related message
//
// then the input problems (syntax errors, unreadable files) and a summary line. Everything
// taken from the input goes through tx_emit_put_safe, so no file can inject terminal
// escapes. Colours only when asked (a terminal, or --color always).
#include <string.h>

#include "emit.h"
#include "emit_util.h"

typedef struct Style {
  const char *bold, *red, *yellow, *cyan, *green, *reset;
} Style;

static const char *level_colour(const Style *st, TxSeverity level) {
  return level == TX_SEV_ERROR ? st->red : level == TX_SEV_WARNING ? st->yellow : st->cyan;
}

static void put_location(FILE *out, const Style *st, const TxFile *f, TxSpan span) {
  TxPos pos = tx_source_pos(&f->src, span.start);
  fputs(st->bold, out);
  tx_emit_put_safe(out, f->src.path);
  fprintf(out, ":%u:%u:%s", pos.line, pos.col, st->reset);
}

// The source line and a caret line under the span's part on that line.
static void put_snippet(FILE *out, const Style *st, const TxFile *f, TxSpan span) {
  TxPos pos = tx_source_pos(&f->src, span.start);
  TxStr line = tx_source_line(&f->src, pos.line);
  if (line.len > 300)
    line.len = 300; // minified code: the start of the line is enough
  fprintf(out, "%6u | ", pos.line);
  tx_emit_put_safe(out, line);
  fprintf(out, "\n       | ");
  uint32_t col = pos.byte_col - 1;
  for (uint32_t i = 0; i < col && i < line.len; i++) {
    unsigned char c = (unsigned char)line.ptr[i];
    if (c == '\t')
      fputc('\t', out);
    else if ((c & 0xC0) != 0x80)
      fputc(' ', out); // one column per character
  }
  uint32_t end = span.end > span.start ? span.end : span.start + 1;
  uint32_t line_start = span.start - col;
  uint32_t stop = line_start + line.len;
  fputs(st->green, out);
  fputc('^', out);
  const char *text = tx_source_text(&f->src); // non-NULL whenever `line` is not empty
  for (uint32_t b = span.start + 1; text && b < end && b < stop; b++) {
    if (((unsigned char)text[b] & 0xC0) != 0x80)
      fputc('~', out);
  }
  fprintf(out, "%s\n", st->reset);
}

static void put_diag(FILE *out, const Style *st, const TxProgram *p, const TxDiag *d) {
  const TxFile *f = tx_program_file(p, d->span.file);
  if (!f)
    return;
  put_location(out, st, f, d->span);
  fprintf(out, " %s%s:%s ", level_colour(st, d->level), tx_severity_name(d->level), st->reset);
  tx_emit_put_safe(out, d->message);
  fprintf(out, " [%s]\n", d->rule_id);
  put_snippet(out, st, f, d->span);
  if (d->fix && d->fix->edit_count) {
    fprintf(out, "    %sfix (%s):%s ", st->green, tx_fix_kind_name(d->fix->kind), st->reset);
    tx_emit_put_safe(out, d->fix->description);
    fputc('\n', out);
  }
  for (uint32_t i = 0; i < d->related.count; i++) {
    const TxRelated *r = &d->related.items[i];
    const TxFile *rf = tx_program_file(p, r->span.file);
    if (!rf)
      continue;
    fprintf(out, "    %snote:%s ", st->cyan, st->reset);
    put_location(out, st, rf, r->span);
    fputc(' ', out);
    tx_emit_put_safe(out, r->message);
    fputc('\n', out);
  }
}

static void put_notice(FILE *out, const Style *st, const TxFile *f, const TxNotice *n) {
  if (f && n->has_span) {
    put_location(out, st, f, n->span);
  } else if (f) {
    fputs(st->bold, out);
    tx_emit_put_safe(out, f->src.path);
    fprintf(out, ":%s", st->reset);
  } else {
    fprintf(out, "%stxlint:%s", st->bold, st->reset);
  }
  const char *level = n->level == TX_NOTICE_ERROR     ? "error"
                      : n->level == TX_NOTICE_WARNING ? "warning"
                                                      : "note";
  fprintf(out, " %s%s:%s ", n->level == TX_NOTICE_ERROR ? st->red : st->yellow, level, st->reset);
  tx_emit_put_safe(out, n->message);
  fprintf(out, " [%.*s]\n", TX_STR_ARG(n->id));
}

bool tx_emit_text(FILE *out, const TxProgram *p, const TxDiagSink *sink, const TxEmitOptions *o) {
  Style plain = {"", "", "", "", "", ""};
  Style colour = {"\033[1m", "\033[1;31m", "\033[1;33m", "\033[1;36m", "\033[32m", "\033[0m"};
  const Style *st = o->color ? &colour : &plain;
  uint32_t suppressed = 0, known = 0;
  for (uint32_t i = 0; i < sink->items.count; i++) {
    const TxDiag *d = sink->items.items[i];
    if (d->suppressed) {
      suppressed++;
      continue;
    }
    if (!tx_diag_shown(d)) {
      known += d->baseline == TX_BASELINE_UNCHANGED || d->baseline == TX_BASELINE_UPDATED;
      continue;
    }
    put_diag(out, st, p, d);
  }
  for (uint32_t i = 0; i < p->notice_count; i++)
    put_notice(out, st, NULL, &p->notices[i]);
  for (uint32_t i = 0; i < p->file_count; i++) {
    const TxFile *f = p->files[i];
    for (uint32_t k = 0; k < f->notice_count; k++) {
      if (f->report)
        put_notice(out, st, f, &f->notices[k]);
    }
  }
  uint32_t errors, warnings, notes;
  tx_emit_count(sink, &errors, &warnings, &notes);
  uint32_t total = errors + warnings + notes;
  if (total == 0)
    fprintf(out, "no problems in %u file%s", p->file_count, p->file_count == 1 ? "" : "s");
  else
    fprintf(out, "%s%u problem%s (%u error%s, %u warning%s, %u note%s)%s in %u file%s", st->bold,
            total, total == 1 ? "" : "s", errors, errors == 1 ? "" : "s", warnings,
            warnings == 1 ? "" : "s", notes, notes == 1 ? "" : "s", st->reset, p->file_count,
            p->file_count == 1 ? "" : "s");
  if (suppressed)
    fprintf(out, "; %u suppressed", suppressed);
  if (known)
    fprintf(out, "; %u already in the baseline", known);
  fputc('\n', out);
  return !ferror(out);
}
