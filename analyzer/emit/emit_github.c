// emit_github.c: GitHub Actions workflow commands, one line per finding:
//
//   ::error file=app/route.ts,line=12,col=33,endLine=12,endColumn=56,title=tenant-filter::msg
//
// Escaping follows @actions/core exactly: in the message, % CR LF become %25 %0D %0A; in
// property values additionally : and , become %3A and %2C. So neither a file name nor a
// message can end the command or start a new one (ci/tests/github_escaping.sh compares
// against @actions/core itself).
#include "emit.h"
#include "emit_util.h"

static void put_escaped(FILE *out, TxStr s, bool property) {
  for (uint32_t i = 0; i < s.len; i++) {
    char c = s.ptr[i];
    if (c == '%')
      fputs("%25", out);
    else if (c == '\r')
      fputs("%0D", out);
    else if (c == '\n')
      fputs("%0A", out);
    else if (property && c == ':')
      fputs("%3A", out);
    else if (property && c == ',')
      fputs("%2C", out);
    else
      fputc(c, out);
  }
}

static const char *command(TxSeverity level) {
  return level == TX_SEV_ERROR ? "error" : level == TX_SEV_WARNING ? "warning" : "notice";
}

static void put_command(FILE *out, const char *cmd, const TxFile *f, const TxSpan *span,
                        TxStr title, TxStr message, const char *suffix) {
  fprintf(out, "::%s ", cmd);
  if (f) {
    fputs("file=", out);
    put_escaped(out, f->src.path, true);
    if (span) {
      TxPos a = tx_source_pos(&f->src, span->start);
      TxPos b = tx_source_pos(&f->src, span->end > span->start ? span->end : span->start);
      fprintf(out, ",line=%u,col=%u,endLine=%u,endColumn=%u", a.line, a.col, b.line, b.col);
    }
    fputc(',', out);
  }
  fputs("title=", out);
  put_escaped(out, title, true);
  fputs("::", out);
  put_escaped(out, message, false);
  if (suffix)
    fprintf(out, " [%s]", suffix); // rule ids are kebab-case: nothing to escape
  fputc('\n', out);
}

bool tx_emit_github(FILE *out, const TxProgram *p, const TxDiagSink *sink, const TxEmitOptions *o) {
  (void)o;
  for (uint32_t i = 0; i < sink->items.count; i++) {
    const TxDiag *d = sink->items.items[i];
    if (!tx_diag_shown(d))
      continue;
    const TxFile *f = tx_program_file(p, d->span.file);
    put_command(out, command(d->level), f, &d->span, tx_str(d->rule_id), d->message, d->rule_id);
  }
  for (uint32_t i = 0; i < p->file_count; i++) {
    const TxFile *f = p->files[i];
    for (uint32_t k = 0; k < f->notice_count && f->report; k++) {
      const TxNotice *n = &f->notices[k];
      put_command(out, n->level == TX_NOTICE_ERROR ? "error" : "warning", f,
                  n->has_span ? &n->span : NULL, n->id, n->message, NULL);
    }
  }
  for (uint32_t i = 0; i < p->notice_count; i++)
    put_command(out, "error", NULL, NULL, p->notices[i].id, p->notices[i].message, NULL);
  return !ferror(out);
}
