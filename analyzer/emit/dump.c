// dump.c: the --dump-facts format. One line per item, positions as line:col, so goldens
// stay readable and diffs point at the item that changed.
#include "dump.h"

#include "ir/cfg.h"
#include "ir/schema.h"
#include "rules/idempotency.h"
#include "rules/write_paths.h"

static void pos(FILE *out, const TxFile *f, TxSpan s) {
  TxPos p = tx_source_pos(&f->src, s.start);
  fprintf(out, "%u:%u", p.line, p.col);
}

// How a chain crosses its function's boundary (TxFact.table_param ... helper); parameters
// and calls are numbered from 1, as the IR stores them.
static void dump_crossing(FILE *out, const TxFact *x) {
  if (x->table_param)
    fprintf(out, " table-param=%u", x->table_param);
  if (x->base_param)
    fprintf(out, " base-param=%u", x->base_param);
  if (x->base_call)
    fprintf(out, " base-call=%u", x->base_call);
  if (x->passed_call)
    fprintf(out, " passed=%u:%u", x->passed_call, x->passed_arg);
  if (x->returned)
    fprintf(out, " returned");
  if (x->partial)
    fprintf(out, " partial");
  if (x->judged_at_calls)
    fprintf(out, " judged-at-calls");
  if (x->via_helper)
    fprintf(out, " helper=%.*s", TX_STR_ARG(x->helper));
}

static void dump_fact(FILE *out, const TxFile *f, const TxFact *x) {
  fprintf(out, "  fact ");
  pos(out, f, x->op_span);
  fprintf(out, " %s %s%.*s%s%.*s", tx_op_name(x->op), x->origin == TX_ORIGIN_SQL ? "sql " : "",
          TX_STR_ARG(x->schema), x->schema.len ? "." : "", x->table.len ? (int)x->table.len : 9,
          x->table.len ? x->table.ptr : "<unknown>");
  if (x->client.len)
    fprintf(out, " client=%.*s", TX_STR_ARG(x->client));
  if (x->chain.len)
    fprintf(out, " chain=%.*s", TX_STR_ARG(x->chain));
  for (uint32_t i = 0; i < x->filter_count; i++) {
    const TxFilter *fl = &x->filters[i];
    if (fl->column_param) // a parameter names the column
      fprintf(out, " filter=$%u:%.*s%s", fl->column_param, TX_STR_ARG(fl->op),
              fl->conditional ? "?" : "");
    else
      fprintf(out, " filter=%.*s:%.*s%s", TX_STR_ARG(fl->column), TX_STR_ARG(fl->op),
              fl->conditional ? "?" : "");
  }
  if (x->filters_unknown)
    fprintf(out, " filters=unknown");
  for (uint32_t i = 0; i < x->arg_count; i++)
    fprintf(out, " arg=%.*s", TX_STR_ARG(x->args[i].name));
  if (x->args_unknown)
    fprintf(out, " args=unknown");
  for (uint32_t i = 0; i < x->result_name_count; i++)
    fprintf(out, " result=%.*s", TX_STR_ARG(x->result_names[i]));
  if (x->throws_on_error)
    fprintf(out, " throws");
  if (x->in_loop)
    fprintf(out, " loop");
  if (x->parallel_group)
    fprintf(out, " parallel=%u", x->parallel_group);
  if (x->fn != TX_NONE)
    fprintf(out, " fn=%u", x->fn);
  if (x->client_import != TX_NONE)
    fprintf(out, " via-import=%u", x->client_import);
  if (x->client_member.len)
    fprintf(out, " via-member=%.*s", TX_STR_ARG(x->client_member));
  if (x->client_param)
    fprintf(out, " via-param=%u", x->client_param - 1);
  if (x->dropped)
    fprintf(out, " dropped");
  dump_crossing(out, x);
  fputc('\n', out);
}

static void dump_call(FILE *out, const TxFile *f, const TxCall *site) {
  fprintf(out, "  call ");
  pos(out, f, site->span);
  fprintf(out, " %.*s", TX_STR_ARG(site->callee));
  if (site->fn != TX_NONE)
    fprintf(out, " fn=%u", site->fn);
  if (site->fact != TX_NONE)
    fprintf(out, " fact");
  if (site->in_loop)
    fprintf(out, " loop");
  if (site->parallel_group)
    fprintf(out, " parallel=%u", site->parallel_group);
  for (uint32_t i = 0; i < site->callback_fn_count; i++)
    fprintf(out, " callback=%u", site->callback_fns[i]);
  for (uint32_t i = 0; i < site->ident_arg_count; i++)
    fprintf(out, " ident-arg=%.*s", TX_STR_ARG(site->ident_args[i]));
  for (uint32_t i = 0; i < TX_CALL_CLIENT_ARGS; i++) {
    uint32_t v = tx_call_client_arg(site, i);
    if (v)
      fprintf(out, " client-arg=%u:%s", i, tx_client_kind_name((TxClientKind)(v - 1)));
  }
  if (site->target_file != TX_NONE)
    fprintf(out, " -> %u:%u", site->target_file, site->target_fn);
  fputc('\n', out);
}

// `  cfg 3: 0:entry>1 1:call(sendEmail)>2,4! 2:test(error)>3 3:join>1^ ...` (^: back edge,
// !: thrown edge)
static void dump_cfg(FILE *out, const TxFile *f, uint32_t idx, const TxCfg *g) {
  static const char *const kinds[] = {"entry", "exit", "join", "call", "test"};
  fprintf(out, "  cfg %u:", idx);
  for (uint32_t i = 0; i < g->node_count; i++) {
    const TxCfgNode *n = &g->nodes[i];
    fprintf(out, " %u:%s", i, kinds[n->kind]);
    if (n->kind == TX_CFG_CALL)
      fprintf(out, "(%.*s)", TX_STR_ARG(f->calls[n->ref].callee));
    if (n->kind == TX_CFG_TEST) {
      fputc('(', out);
      for (uint32_t k = 0; k < n->ref_count; k++)
        fprintf(out, "%s%.*s", k ? "," : "", TX_STR_ARG(g->names[n->ref + k]));
      fputc(')', out);
    }
    for (uint32_t k = 0; k < n->succ_count; k++) {
      uint32_t e = g->edges[n->succ + k];
      fprintf(out, "%c%u%s", k ? ',' : '>', tx_cfg_target(e),
              (e & TX_CFG_THROWN)      ? "!"
              : tx_cfg_back_edge(i, e) ? "^"
                                       : "");
    }
  }
  fputc('\n', out);
}

static void dump_functions(FILE *out, const TxFile *f, const TxFixpoint *writes,
                           const TxFixpoint *idem) {
  static const char *const entries[] = {"", " entry=route", " entry=next-route",
                                        " entry=default-export", " entry=serve"};
  for (uint32_t i = 0; i < f->function_count; i++) {
    const TxFunction *fn = &f->functions[i];
    fprintf(out, "  function %u ", i);
    pos(out, f, fn->name_span);
    fprintf(out, " %.*s", TX_STR_ARG(fn->name));
    if (fn->parent != TX_NONE)
      fprintf(out, " parent=%u", fn->parent);
    if (fn->is_async)
      fprintf(out, " async");
    if (fn->is_exported)
      fprintf(out, " export=%.*s", TX_STR_ARG(fn->export_name));
    fprintf(out, "%s", entries[fn->entry]);
    const TxWriteSummary *ws = tx_write_summary(writes, f->id, i);
    if (ws && ws->write_count)
      fprintf(out, " writes=%u", ws->write_count);
    const TxIdemSummary *is = tx_idem_summary(idem, f->id, i);
    if (is && is->writes_marker)
      fprintf(out, " marker");
    fputc('\n', out);
  }
}

static void dump_module(FILE *out, const TxFile *f) {
  for (uint32_t i = 0; i < f->import_count; i++)
    fprintf(out, "  import %.*s = %.*s from %.*s\n", TX_STR_ARG(f->imports[i].local),
            TX_STR_ARG(f->imports[i].imported), TX_STR_ARG(f->imports[i].from));
  for (uint32_t i = 0; i < f->export_count; i++)
    fprintf(out, "  export %.*s = %.*s%s%.*s\n", TX_STR_ARG(f->exports[i].exported),
            TX_STR_ARG(f->exports[i].local), f->exports[i].from.len ? " from " : "",
            TX_STR_ARG(f->exports[i].from));
  for (uint32_t i = 0; i < f->client_export_count; i++)
    fprintf(out, "  client-export %.*s%s\n", TX_STR_ARG(f->client_exports[i].name),
            f->client_exports[i].is_function ? "()" : "");
}

static void dump_sql_function(FILE *out, const TxSqlOp *op) {
  const TxSqlFunc *fn = &op->func;
  fputs(" params(", out);
  for (uint32_t k = 0; k < fn->param_count; k++)
    fprintf(out, "%s%.*s %.*s %.*s%s", k ? ", " : "", TX_STR_ARG(fn->params[k].mode),
            TX_STR_ARG(fn->params[k].name), TX_STR_ARG(fn->params[k].type),
            fn->params[k].has_default ? " default" : "");
  fprintf(out, ") returns %.*s language %.*s%s%s%s%s fn=%u", TX_STR_ARG(fn->returns),
          TX_STR_ARG(fn->language), fn->security_definer ? " security-definer" : "",
          fn->has_search_path ? " search-path" : "", op->or_replace ? " replace" : "",
          fn->dynamic_sql ? " dynamic" : "", fn->fn);
  if (fn->args_unknown)
    fputs(" args-unknown", out);
}

static void dump_sql_op(FILE *out, const TxFile *f, const TxSqlOp *op) {
  // In TxSqlOpKind order (the assertion catches a kind added without its name).
  static const char *const sql_ops[] = {
      "create-table", "add-column",    "drop-column",     "rename-column", "rename-table",
      "drop-table",   "enable-rls",    "unique",          "foreign-key",   "drop-constraint",
      "set-not-null", "create-policy", "create-function", "drop-function", "function-search-path",
      "drop-policy",  "disable-rls",   "alter-policy",    "rename-policy"};
  _Static_assert(sizeof sql_ops / sizeof sql_ops[0] == TX_SQL_RENAME_POLICY + 1,
                 "a name for every TxSqlOpKind");
  fprintf(out, "  %s ", op->from_types ? "types" : "sql");
  pos(out, f, op->span);
  fprintf(out, " %s %.*s.%.*s", sql_ops[op->kind], TX_STR_ARG(op->schema), TX_STR_ARG(op->name));
  for (uint32_t k = 0; k < op->column_count; k++)
    fprintf(out, "%s%.*s %.*s%s%s%s", k ? ", " : " (", TX_STR_ARG(op->columns[k].name),
            TX_STR_ARG(op->columns[k].type), op->columns[k].is_primary_key ? " pk" : "",
            op->columns[k].is_unique ? " unique" : "",
            op->from_types && !op->columns[k].not_null ? " nullable" : "");
  if (op->column_count)
    fputc(')', out);
  // A policy's command and name print where column= and new= have always stood for it.
  bool policy = op->kind == TX_SQL_CREATE_POLICY || op->kind == TX_SQL_DROP_POLICY ||
                op->kind == TX_SQL_ALTER_POLICY;
  TxStr column = policy ? op->policy_command : op->column;
  TxStr new_name = policy ? op->policy_name : op->new_name;
  if (op->kind == TX_SQL_RENAME_POLICY)
    fprintf(out, " policy=%.*s", TX_STR_ARG(op->policy_name));
  if (column.len)
    fprintf(out, " column=%.*s", TX_STR_ARG(column));
  if (new_name.len)
    fprintf(out, " new=%.*s", TX_STR_ARG(new_name));
  if (op->policy_restrictive)
    fputs(" restrictive", out);
  for (uint32_t k = 0; k < op->role_count; k++)
    fprintf(out, "%s%.*s", k ? "," : " to=", TX_STR_ARG(op->roles[k]));
  if (op->policy_using)
    fputs(" using", out);
  if (op->policy_check)
    fputs(" check", out);
  if (op->kind == TX_SQL_FOREIGN_KEY)
    fprintf(out, " ref=%.*s.%.*s(%.*s)", TX_STR_ARG(op->ref_schema), TX_STR_ARG(op->ref_table),
            TX_STR_ARG(op->ref_column));
  for (uint32_t k = 0; k < op->ref_count; k++)
    fprintf(out, "%s%.*s", k ? "," : " refs=", TX_STR_ARG(op->refs[k]));
  for (uint32_t k = 0; k < op->check_ref_count; k++)
    fprintf(out, "%s%.*s", k ? "," : " check-refs=", TX_STR_ARG(op->check_refs[k]));
  if (op->has_arg_types) {
    fputs(" args(", out);
    for (uint32_t k = 0; k < op->arg_type_count; k++)
      fprintf(out, "%s%.*s", k ? "," : "", TX_STR_ARG(op->arg_types[k]));
    fputc(')', out);
  }
  if (op->kind == TX_SQL_CREATE_FUNCTION)
    dump_sql_function(out, op);
  fputc('\n', out);
}

static void dump_comments_and_notices(FILE *out, const TxFile *f) {
  for (uint32_t i = 0; i < f->suppression_count; i++) {
    const TxSuppression *sp = &f->suppressions[i];
    fprintf(out, "  suppression %s%u", sp->whole_file ? "file " : "line ", sp->line);
    for (uint32_t k = 0; k < sp->rule_count; k++)
      fprintf(out, "%s%.*s", k ? "," : " ", TX_STR_ARG(sp->rules[k]));
    fprintf(out, " -- %.*s\n", TX_STR_ARG(sp->reason));
  }
  for (uint32_t i = 0; i < f->notice_count; i++) {
    fprintf(out, "  notice %.*s ", TX_STR_ARG(f->notices[i].id));
    if (f->notices[i].has_span)
      pos(out, f, f->notices[i].span);
    fprintf(out, " %.*s\n", TX_STR_ARG(f->notices[i].message));
  }
}

static void dump_file(FILE *out, const TxFile *f, const TxFixpoint *writes,
                      const TxFixpoint *idem) {
  fprintf(out, "file %.*s (%s)\n", TX_STR_ARG(f->src.path), tx_lang_name(f->src.lang));
  dump_functions(out, f, writes, idem);
  for (uint32_t i = 0; i < f->function_count; i++) {
    if (f->functions[i].cfg)
      dump_cfg(out, f, i, f->functions[i].cfg);
  }
  for (uint32_t i = 0; i < f->fact_count; i++)
    dump_fact(out, f, &f->facts[i]);
  for (uint32_t i = 0; i < f->call_count; i++)
    dump_call(out, f, &f->calls[i]);
  dump_module(out, f);
  for (uint32_t i = 0; f->sql && i < f->sql->op_count; i++)
    dump_sql_op(out, f, &f->sql->ops[i]);
  dump_comments_and_notices(out, f);
}

bool tx_dump_facts(FILE *out, const TxProgram *p) {
  // The summaries the rules would see (rules/write_paths.h, rules/idempotency.h).
  TxFixpoint *writes = tx_write_paths_run(p);
  TxFixpoint *idem = tx_idempotency_run(p);
  for (uint32_t i = 0; i < p->file_count; i++)
    dump_file(out, p->files[i], writes, idem);
  tx_fixpoint_free(idem);
  tx_fixpoint_free(writes);
  return !ferror(out);
}
