// explain.c: --explain-schema, what the schema model holds about tenancy, so a user can check
// the inference of link/tenant.c at a glance: the tenant names tried, the tenant roots and why,
// and per table its tenant columns with their evidence, RLS and policies. Output is sorted
// (tables by schema and name, policies in migration order) and has no times; the only paths
// are those of generated-types files, as shown everywhere (relative to the project root).
#include "explain.h"

#include <stdlib.h>
#include <string.h>

static int qualified_cmp(TxStr sa, TxStr na, TxStr sb, TxStr nb) {
  int c = tx_str_cmp(sa, sb);
  return c ? c : tx_str_cmp(na, nb);
}

static const TxSchema *sort_schema; // qsort has no context argument; set around each call

static int table_cmp(const void *a, const void *b) {
  const TxTable *x = &sort_schema->tables[*(const uint32_t *)a];
  const TxTable *y = &sort_schema->tables[*(const uint32_t *)b];
  return qualified_cmp(x->schema, x->name, y->schema, y->name);
}

static int policy_cmp(const void *a, const void *b) {
  uint32_t i = *(const uint32_t *)a, j = *(const uint32_t *)b;
  const TxPolicy *x = &sort_schema->policies[i], *y = &sort_schema->policies[j];
  int c = qualified_cmp(x->schema, x->table, y->schema, y->table);
  return c ? c : (i > j) - (i < j); // migration order within a table
}

static void print_root(FILE *out, const TxSchema *s, const TxTenantRoot *r) {
  fprintf(out, "  %.*s.%.*s: ", TX_STR_ARG(r->schema), TX_STR_ARG(r->name));
  if (r->why == TX_ROOT_CONFIGURED)
    fprintf(out, "configured (tenant_root in .txlint.yml)");
  else if (r->why == TX_ROOT_BY_NAME && tx_str_eq_c(r->via, "name"))
    fprintf(out, "by name (the plural of a tenant column's name)");
  else if (r->why == TX_ROOT_BY_NAME)
    fprintf(out, "by name (%.*s references it)", TX_STR_ARG(r->via));
  else
    fprintf(out,
            "by membership: %u membership table(s), %u policy(ies) scoping rows through it, "
            "%u other table(s) with a NOT NULL reference (score %u)",
            r->memberships, r->policies, r->references, r->score);
  // Only referenced: its columns are unknown, so it may belong to another root after all
  // (accounts.tenant_id), and its own changes are checked as those of an unknown table.
  if (!tx_schema_table(s, r->schema, r->name))
    fprintf(out, "; no CREATE TABLE defines it: whether it belongs to another root is "
                 "unknown, and changes to it are checked like an undefined table's");
  fputc('\n', out);
}

// `"name" (update)`, then what differs from a permissive policy for every role with the
// expressions its command takes: `; restrictive`, `; to authenticated`, `; WITH CHECK only`.
static void print_policy(FILE *out, const TxPolicy *pol, bool first) {
  fprintf(out, "%s\"%.*s\" (%.*s", first ? "policies: " : ", ", TX_STR_ARG(pol->name),
          TX_STR_ARG(pol->command));
  if (pol->restrictive)
    fprintf(out, "; restrictive");
  bool everyone = pol->role_count == 1 && tx_str_eq_c(pol->roles[0], "public");
  for (uint32_t k = 0; !everyone && k < pol->role_count; k++)
    fprintf(out, "%s%.*s", k ? ", " : "; to ", TX_STR_ARG(pol->roles[k]));
  if (!pol->has_using && pol->has_check && !tx_str_eq_c(pol->command, "insert"))
    fprintf(out, "; WITH CHECK only");
  fputc(')', out);
}

static void print_table(FILE *out, const TxProgram *p, const TxTable *t, const uint32_t *pols,
                        uint32_t npol) {
  const TxSchema *s = &p->schema;
  fprintf(out, "  %.*s.%.*s: ", TX_STR_ARG(t->schema), TX_STR_ARG(t->name));
  if (t->is_tenant_root) {
    fprintf(out, "tenant root (never tenant-scoped)\n");
  } else if (t->tenant_count == 0) {
    fprintf(out, "global (no tenant column)\n");
  } else {
    fprintf(out, "tenant column%s ", t->tenant_count > 1 ? "s" : "");
    for (uint32_t i = 0; i < t->tenant_count; i++) {
      const TxTenantColumn *tc = &t->tenant[i];
      fprintf(out, "%s%.*s (", i ? ", " : "", TX_STR_ARG(tc->name));
      if (tc->root.len)
        fprintf(out, "references root %.*s.%.*s%s%s", TX_STR_ARG(tc->root_schema),
                TX_STR_ARG(tc->root), s->roots_configured ? ", configured" : "",
                tc->by_name ? "; " : "");
      if (tc->by_name)
        fprintf(out, "%s",
                s->tenant_configured ? "in tenant_columns" : "named like a tenant column");
      fprintf(out, ")");
    }
    fprintf(out, "%s\n", t->tenant_count > 1 ? "; a filter on any of them counts" : "");
  }
  if (t->from_types && t->span.file < p->file_count)
    fprintf(out, "    from generated types (%.*s; no migration defines it); rls unknown; ",
            TX_STR_ARG(p->files[t->span.file]->src.path));
  else
    fprintf(out, "    rls %s; ", t->rls_enabled ? "enabled" : "not enabled");
  if (npol == 0)
    fprintf(out, "no policies\n");
  for (uint32_t i = 0; i < npol; i++)
    print_policy(out, &s->policies[pols[i]], i == 0);
  if (npol)
    fprintf(out, "\n");
}

// One line per generated-types file (a TypeScript file with schema operations, in path
// order): what of it the schema took. Nothing without such files.
static void print_types_sources(FILE *out, const TxProgram *p) {
  const TxSchema *s = &p->schema;
  for (uint32_t i = 0; i < p->file_count; i++) {
    const TxFile *f = p->files[i];
    if (f->src.lang == TX_LANG_SQL || !f->sql)
      continue;
    uint32_t tables = 0, funcs = 0;
    for (uint32_t k = 0; k < s->table_count; k++)
      tables += s->tables[k].from_types && s->tables[k].span.file == f->id;
    for (uint32_t k = 0; k < s->func_count; k++)
      funcs += s->funcs[k].from_types && s->funcs[k].file == f->id;
    fprintf(out,
            "generated types %.*s: %u table(s) and %u function definition(s) taken from it "
            "(the migrations win where both define one)\n",
            TX_STR_ARG(f->src.path), tables, funcs);
  }
}

bool tx_explain_schema(FILE *out, const TxProgram *p) {
  const TxSchema *s = &p->schema;
  print_types_sources(out, p);
  fprintf(out, "tenant names (%s): ",
          s->tenant_configured ? "tenant_columns in .txlint.yml" : "default");
  for (uint32_t i = 0; i < s->tenant_name_count; i++)
    fprintf(out, "%s%.*s", i ? ", " : "", TX_STR_ARG(s->tenant_names[i]));
  fprintf(out, "\ntenant roots:%s\n", s->root_count ? "" : " none");
  for (uint32_t i = 0; i < s->root_count; i++)
    print_root(out, s, &s->roots[i]);
  fprintf(out, "tables:%s\n", s->table_count ? "" : " none (no CREATE TABLE in the SQL files)");
  uint32_t *order = tx_xmalloc(sizeof *order * (s->table_count + 1));
  uint32_t *pols = tx_xmalloc(sizeof *pols * (s->policy_count + 1));
  for (uint32_t i = 0; i < s->table_count; i++)
    order[i] = i;
  uint32_t live = 0; // a dropped policy is no part of the schema any more
  for (uint32_t i = 0; i < s->policy_count; i++) {
    if (!s->policies[i].dropped)
      pols[live++] = i;
  }
  sort_schema = s;
  qsort(order, s->table_count, sizeof *order, table_cmp);
  qsort(pols, live, sizeof *pols, policy_cmp);
  sort_schema = NULL;
  uint32_t pi = 0;
  for (uint32_t i = 0; i < s->table_count; i++) {
    const TxTable *t = &s->tables[order[i]];
    while (pi < live && qualified_cmp(s->policies[pols[pi]].schema, s->policies[pols[pi]].table,
                                      t->schema, t->name) < 0)
      pi++; // policies on tables the schema does not define
    uint32_t start = pi;
    while (pi < live && qualified_cmp(s->policies[pols[pi]].schema, s->policies[pols[pi]].table,
                                      t->schema, t->name) == 0)
      pi++;
    print_table(out, p, t, pols + start, pi - start);
  }
  free(order);
  free(pols);
  return !ferror(out);
}
