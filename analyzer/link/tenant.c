// tenant.c: which tables are tenant-scoped, and by which column, learnt from the schema.
//
// 1. Tenant names: tenant_columns (default org_id, organization_id, tenant_id, workspace_id,
//    team_id, account_id, company_id) and their camelCase forms (orgId, ...).
// 2. Tenant roots, by name: the table a tenant-named column references (calls.org_id
//    references organizations), and a table named as a tenant name's plural (organizations,
//    orgs, tenants, companies). A root that itself belongs to another root through a
//    tenant-named column (teams.org_id -> organizations) is a tenant table, not a root.
// 3. Tenant roots, by membership (only without configured tenant_columns and when no table
//    has a tenant-named column): every table is scored, the best one with a membership table
//    or a policy wins. Score = 3 per membership table (a table named *member*, *_user(s) or
//    *_roles with a foreign key to it and a user column), 2 per policy that scopes rows
//    through it (calls a function such as auth.uid() and mentions a table with a foreign key
//    to it while its own table has one too, or a column of its own table with one), 1 per
//    other table with a NOT NULL foreign key to it. A table without a
//    membership table whose rows each have a user (user_id NOT NULL) is not a candidate.
//    With tenant_root configured, its tables are the roots instead of those of steps 2 and 3,
//    and a table a root references (organizations above businesses) has no tenant column.
// 4. A table's tenant columns: its columns referencing a root (whatever their names) first,
//    then its tenant-named columns, in tenant_columns order. A root has none. A user table
//    (users, profiles, one keyed by auth.users) counts only its tenant-named columns.
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "ir/schema.h"
#include "tenant.h"

const TxColumn *tx_table_column(const TxTable *t, TxStr name) {
  for (uint32_t i = 0; i < t->column_count; i++) {
    if (tx_str_eq(t->columns[i].name, name))
      return &t->columns[i];
  }
  return NULL;
}

static bool is_tenant_name(const TxSchema *s, TxStr col) {
  for (uint32_t i = 0; i < s->tenant_name_count; i++) {
    if (tx_str_eq(s->tenant_names[i], col))
      return true;
  }
  return false;
}

// "org_id" -> "orgId"; empty when the name has no '_' followed by a letter.
static TxStr camel_case(TxArena *a, TxStr snake) {
  char buf[128];
  uint32_t n = 0;
  bool changed = false;
  for (uint32_t i = 0; i < snake.len && n + 1 < sizeof buf; i++) {
    char ch = snake.ptr[i];
    if (ch == '_' && i + 1 < snake.len && snake.ptr[i + 1] >= 'a' && snake.ptr[i + 1] <= 'z') {
      buf[n++] = (char)(snake.ptr[++i] - 'a' + 'A');
      changed = true;
    } else {
      buf[n++] = ch;
    }
  }
  if (!changed || n >= sizeof buf - 1)
    return (TxStr){"", 0};
  return tx_arena_str(a, buf, n);
}

// Whether `table` is what a tenant name's stem names: "org_id" names orgs and organizations,
// "company_id" companies, "tenant_id" tenants (and the singular).
static bool names_table(TxStr col, TxStr table) {
  TxStr stem = col;
  if (stem.len > 3 && memcmp(stem.ptr + stem.len - 3, "_id", 3) == 0)
    stem.len -= 3;
  else if (stem.len > 2 && memcmp(stem.ptr + stem.len - 2, "Id", 2) == 0)
    stem.len -= 2;
  else
    return false;
  if (tx_str_eq(table, stem))
    return true;
  // the table must be the stem plus "s" / "es", or "ies" for a stem ending in 'y'
  if (table.len < stem.len + 1 || table.len > stem.len + 2)
    return false;
  bool y = stem.ptr[stem.len - 1] == 'y';
  TxStr head = {table.ptr, y ? stem.len - 1 : stem.len};
  TxStr want_head = {stem.ptr, head.len};
  TxStr tail = {table.ptr + head.len, table.len - head.len};
  if (!tx_str_eq(head, want_head))
    return false;
  if (y && tx_str_eq_c(tail, "ies"))
    return true;
  if (head.len == stem.len && (tx_str_eq_c(tail, "s") || tx_str_eq_c(tail, "es")))
    return true;
  return tx_str_eq_c(stem, "org") && tx_str_eq_c(table, "organizations");
}

// A table of users rather than of tenants: auth.users, users, profiles, or a table whose
// primary key references one of those (a profile table under another name).
static bool user_ref(TxStr schema, TxStr name) {
  return tx_str_eq_c(schema, "auth") || tx_str_eq_c(name, "users") ||
         tx_str_eq_c(name, "profiles") || tx_str_eq_c(name, "user_profiles") ||
         tx_str_eq_c(name, "user");
}

static bool user_table(const TxSchema *s, TxStr schema, TxStr name) {
  if (user_ref(schema, name))
    return true;
  const TxTable *t = tx_schema_table(s, schema, name);
  for (uint32_t i = 0; t && i < t->fk_count; i++) {
    const TxColumn *col = tx_table_column(t, t->fks[i].column);
    if (col && col->is_primary_key && user_ref(t->fks[i].ref_schema, t->fks[i].ref_table))
      return true;
  }
  return false;
}

static const char *const user_cols[] = {"user_id", "profile_id", "member_id", "auth_user_id",
                                        "userId"};

// Whether `t` has a user column (one of user_cols, or a foreign key to a user table); with
// `not_null`, only a NOT NULL one counts (every row then belongs to one user).
static bool has_user_column(const TxSchema *s, const TxTable *t, bool not_null) {
  for (size_t i = 0; i < sizeof user_cols / sizeof user_cols[0]; i++) {
    const TxColumn *col = tx_table_column(t, tx_str(user_cols[i]));
    if (col && (!not_null || col->not_null || col->is_primary_key))
      return true;
  }
  for (uint32_t i = 0; i < t->fk_count; i++) {
    const TxColumn *col = tx_table_column(t, t->fks[i].column);
    if ((!not_null || (col && (col->not_null || col->is_primary_key))) &&
        user_table(s, t->fks[i].ref_schema, t->fks[i].ref_table))
      return true;
  }
  return false;
}

// A table that pairs tenants with users: named like one, with a user column.
static bool membership_table(const TxSchema *s, const TxTable *t) {
  if (!tx_str_contains(t->name, "member") && !tx_str_ends_with(t->name, "_users") &&
      !tx_str_ends_with(t->name, "_user") && !tx_str_ends_with(t->name, "_roles") &&
      !tx_str_eq_c(t->name, "user_roles"))
    return false;
  return has_user_column(s, t, false);
}

static int root_cmp(const void *a, const void *b) {
  const TxTenantRoot *x = a, *y = b;
  int c = tx_str_cmp(x->schema, y->schema);
  if (!c)
    c = tx_str_cmp(x->name, y->name);
  return c ? c : tx_str_cmp(x->via, y->via);
}

static const TxTenantRoot *find_root(const TxSchema *s, TxStr schema, TxStr name) {
  TxTenantRoot key = {.schema = schema, .name = name};
  uint32_t lo = 0, hi = s->root_count;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    int c = tx_str_cmp(s->roots[mid].schema, key.schema);
    if (!c)
      c = tx_str_cmp(s->roots[mid].name, key.name);
    if (c == 0)
      return &s->roots[mid];
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

typedef TX_ARRAY(TxTenantRoot) Roots;

// Sorts, keeps one entry per table (the first `via` in order), stores in the schema.
static void store_roots(TxSchema *s, TxArena *a, Roots *roots) {
  if (roots->count > 1)
    qsort(roots->items, roots->count, sizeof *roots->items, root_cmp);
  uint32_t out = 0;
  for (uint32_t i = 0; i < roots->count; i++) {
    if (out && tx_str_eq(roots->items[out - 1].schema, roots->items[i].schema) &&
        tx_str_eq(roots->items[out - 1].name, roots->items[i].name))
      continue;
    roots->items[out++] = roots->items[i];
  }
  roots->count = out;
  s->roots = TX_ARRAY_TO_ARENA(a, roots);
  s->root_count = roots->count;
}

// Roots by name (step 2). Returns whether some table has a tenant-named column that is not
// a reference to a user table (then names are evidence enough, and step 3 does not run).
static bool roots_by_name(TxSchema *s, TxArena *a, Roots *roots) {
  bool named = false;
  for (uint32_t i = 0; i < s->table_count; i++) {
    const TxTable *t = &s->tables[i];
    for (uint32_t k = 0; k < s->tenant_name_count; k++) {
      if (names_table(s->tenant_names[k], t->name)) {
        TxTenantRoot r = {.schema = t->schema, .name = t->name, .via = TX_STR_LIT("name")};
        TX_ARRAY_PUSH(roots, r);
        break;
      }
    }
    for (uint32_t c = 0; c < t->column_count; c++) {
      TxStr col = t->columns[c].name;
      if (!is_tenant_name(s, col))
        continue;
      bool to_user = false;
      for (uint32_t k = 0; k < t->fk_count; k++) {
        const TxForeignKey *fk = &t->fks[k];
        if (!tx_str_eq(fk->column, col))
          continue;
        if (user_table(s, fk->ref_schema, fk->ref_table)) {
          to_user = true;
          continue;
        }
        if (tx_str_eq(fk->ref_table, t->name) && tx_str_eq(fk->ref_schema, t->schema))
          continue;
        TxTenantRoot r = {.schema = fk->ref_schema, .name = fk->ref_table};
        r.via = tx_arena_printf(a, "%.*s.%.*s", TX_STR_ARG(t->name), TX_STR_ARG(col));
        TX_ARRAY_PUSH(roots, r);
      }
      named |= !to_user && !names_table(col, t->name);
    }
  }
  return named;
}

// Step 2's exception: a root with a tenant-named column that references another root (and
// is not referenced back the same way), or that is not its own id (teams.org_id while the
// root is organizations), belongs to a tenant. Returns whether `r` stays a root.
static bool stays_root(const TxSchema *s, const Roots *roots, const TxTenantRoot *r) {
  const TxTable *t = tx_schema_table(s, r->schema, r->name);
  if (!t)
    return true;
  for (uint32_t c = 0; c < t->column_count; c++) {
    TxStr col = t->columns[c].name;
    if (!is_tenant_name(s, col) || names_table(col, t->name))
      continue;
    bool fk_to_other = false, fk_any = false;
    for (uint32_t k = 0; k < t->fk_count; k++) {
      const TxForeignKey *fk = &t->fks[k];
      if (!tx_str_eq(fk->column, col))
        continue;
      fk_any = true;
      for (uint32_t i = 0; i < roots->count; i++) {
        const TxTenantRoot *o = &roots->items[i];
        if (!tx_str_eq(o->name, fk->ref_table) || !tx_str_eq(o->schema, fk->ref_schema) ||
            (tx_str_eq(o->name, r->name) && tx_str_eq(o->schema, r->schema)))
          continue;
        // referenced back by a tenant-named column of the other root: a cycle, keep both
        const TxTable *ot = tx_schema_table(s, o->schema, o->name);
        bool back = false;
        for (uint32_t j = 0; ot && j < ot->fk_count; j++) {
          back |= is_tenant_name(s, ot->fks[j].column) &&
                  tx_str_eq(ot->fks[j].ref_table, r->name) &&
                  tx_str_eq(ot->fks[j].ref_schema, r->schema);
        }
        fk_to_other |= !back;
      }
    }
    if (fk_to_other || (!fk_any && !t->columns[c].is_primary_key))
      return false;
  }
  return true;
}

static bool references(const TxTable *t, const TxTable *r) {
  for (uint32_t i = 0; t && i < t->fk_count; i++) {
    if (tx_str_eq(t->fks[i].ref_table, r->name) && tx_str_eq(t->fks[i].ref_schema, r->schema))
      return true;
  }
  return false;
}

// Step 3's evidence, per table: how many membership tables pair it with users (mem), how many
// policies that ask who the user is scope rows through it (pol), how many tables reference it
// through a NOT NULL foreign key (ref). `stamp`/`tick` count each table once per source.
typedef struct RootVotes {
  uint32_t *mem, *pol, *ref, *stamp;
  uint32_t tick;
} RootVotes;

static void count_references(const TxSchema *s, RootVotes *v) {
  for (uint32_t i = 0; i < s->table_count; i++) { // each table counts once per referenced table
    const TxTable *t = &s->tables[i];
    bool member = membership_table(s, t);
    v->tick++;
    for (uint32_t k = 0; k < t->fk_count; k++) {
      const TxTable *r = tx_schema_table(s, t->fks[k].ref_schema, t->fks[k].ref_table);
      if (!r || r == t)
        continue;
      uint32_t ri = (uint32_t)(r - s->tables);
      if (v->stamp[ri] == v->tick)
        continue;
      v->stamp[ri] = v->tick;
      const TxColumn *col = tx_table_column(t, t->fks[k].column);
      if (member)
        v->mem[ri]++;
      else if (col && col->not_null)
        v->ref[ri]++;
    }
  }
}

// A policy reference "t:schema.table" names a table read in a subquery; "c:column" a column
// of the policy's own table. Returns the table whose foreign keys to follow (and, for a
// column, the column), or NULL.
static const TxTable *policy_ref_table(const TxSchema *s, const TxTable *own, TxStr ref_s,
                                       TxStr *col) {
  *col = (TxStr){"", 0};
  if (ref_s.len > 2 && ref_s.ptr[0] == 't') {
    TxStr q = {ref_s.ptr + 2, ref_s.len - 2};
    uint32_t dot = 0;
    while (dot < q.len && q.ptr[dot] != '.')
      dot++;
    if (dot < q.len)
      return tx_schema_table(s, (TxStr){q.ptr, dot}, (TxStr){q.ptr + dot + 1, q.len - dot - 1});
  } else if (ref_s.len > 2 && ref_s.ptr[0] == 'c') {
    *col = (TxStr){ref_s.ptr + 2, ref_s.len - 2};
    return own;
  }
  return NULL;
}

// One thing a policy mentions: the root candidates it scopes rows through get a vote (once
// per policy: `stamp`).
static void count_policy_ref(const TxSchema *s, const TxTable *own, TxStr ref, RootVotes *v) {
  TxStr col;
  const TxTable *via = policy_ref_table(s, own, ref, &col);
  for (uint32_t j = 0; via && j < via->fk_count; j++) {
    if (col.len && !tx_str_eq(via->fks[j].column, col))
      continue;
    const TxTable *r = tx_schema_table(s, via->fks[j].ref_schema, via->fks[j].ref_table);
    if (!r || (r == via && !col.len))
      continue;
    // A table read in a subquery scopes rows through r only when the policy's own table
    // references r too (visits.clinic_ref and staff.clinic_id): a catalog the read table
    // also points at (orders.plan_id while the policy joins orders by order_id) does not.
    if (!col.len && !references(own, r))
      continue;
    uint32_t ri = (uint32_t)(r - s->tables);
    if (v->stamp[ri] != v->tick) {
      v->stamp[ri] = v->tick;
      v->pol[ri]++;
    }
  }
}

static void count_policy(const TxSchema *s, const TxPolicy *pl, RootVotes *v) {
  if (pl->dropped) // a later DROP POLICY (or DROP TABLE) removed it: no evidence any more
    return;
  const TxTable *own = tx_schema_table(s, pl->schema, pl->table);
  v->tick++;
  // Both expressions are evidence of how rows are scoped (USING, and WITH CHECK for writes).
  // A policy that calls no function (auth.uid(), a membership helper) never asks who the
  // user is: it scopes rows by their parent's state (a completed audit), not by tenant.
  const TxStr *lists[2] = {pl->refs, pl->check_refs};
  uint32_t counts[2] = {pl->ref_count, pl->check_ref_count};
  bool asks_user = false;
  for (uint32_t l = 0; l < 2; l++) {
    for (uint32_t k = 0; k < counts[l]; k++)
      asks_user |= lists[l][k].len > 2 && lists[l][k].ptr[0] == 'f';
  }
  if (!asks_user)
    return;
  for (uint32_t l = 0; l < 2; l++) {
    for (uint32_t k = 0; k < counts[l]; k++)
      count_policy_ref(s, own, lists[l][k], v);
  }
}

// The best-scored candidate, or UINT32_MAX.
static uint32_t best_root(const TxSchema *s, const RootVotes *v, uint32_t *score_out) {
  uint32_t best = UINT32_MAX, best_score = 0;
  for (uint32_t i = 0; i < s->table_count; i++) {
    const TxTable *t = &s->tables[i];
    if ((v->mem[i] == 0 && v->pol[i] == 0) || user_table(s, t->schema, t->name) ||
        tx_str_eq_c(t->schema, "storage"))
      continue;
    // Policies alone do not make a tenant of a table whose every row has one user (trips,
    // orders with user_id NOT NULL, shared through a collaborators table): that is a user's
    // resource. A membership table still does (businesses with owner_id and members).
    if (v->mem[i] == 0 && has_user_column(s, t, true))
      continue;
    uint32_t score = v->mem[i] * 3 + v->pol[i] * 2 + v->ref[i];
    if (score > best_score) { // ties: the first in (name, schema) order
      best = i;
      best_score = score;
    }
  }
  *score_out = best_score;
  return best;
}

// Step 3: the best-scored table paired with users by a membership table or used by policies.
static bool root_by_membership(TxSchema *s, Roots *roots) {
  uint32_t n = s->table_count;
  if (n == 0)
    return false;
  RootVotes v = {tx_xcalloc(n, sizeof(uint32_t)), tx_xcalloc(n, sizeof(uint32_t)),
                 tx_xcalloc(n, sizeof(uint32_t)), tx_xcalloc(n, sizeof(uint32_t)), 0};
  count_references(s, &v);
  for (uint32_t p = 0; p < s->policy_count; p++)
    count_policy(s, &s->policies[p], &v);
  uint32_t score = 0;
  uint32_t best = best_root(s, &v, &score);
  if (best != UINT32_MAX) {
    const TxTable *t = &s->tables[best];
    TxTenantRoot r = {t->schema,   t->name,     TX_ROOT_BY_MEMBERSHIP, {"", 0},
                      v.mem[best], v.pol[best], v.ref[best],           score};
    TX_ARRAY_PUSH(roots, r);
  }
  free(v.mem);
  free(v.pol);
  free(v.ref);
  free(v.stamp);
  return best != UINT32_MAX;
}

// With tenant_root configured: whether a root references `t` (organizations above the
// configured businesses), which makes `t` a parent of the tenants, not a tenant table, even
// with a column named like one (its own serial org_id).
static bool above_root(const TxSchema *s, const TxTable *t) {
  for (uint32_t i = 0; s->roots_configured && i < s->root_count; i++) {
    if (references(tx_schema_table(s, s->roots[i].schema, s->roots[i].name), t))
      return true;
  }
  return false;
}

// Step 4 for one table.
static void table_tenant(const TxSchema *s, TxArena *a, TxTable *t) {
  if (find_root(s, t->schema, t->name)) {
    t->is_tenant_root = true;
    return;
  }
  if (above_root(s, t))
    return;
  TX_ARRAY(TxTenantColumn) cols = {0};
  // A user table's other references to a root point at a tenant the user picked
  // (profiles.current_org_id), not at the tenant owning the row: its rows belong to users.
  bool users = user_table(s, t->schema, t->name);
  for (uint32_t k = 0; k < t->fk_count; k++) { // references to a root, any name
    const TxForeignKey *fk = &t->fks[k];
    const TxTenantRoot *r = find_root(s, fk->ref_schema, fk->ref_table);
    bool dup = false;
    for (uint32_t i = 0; i < cols.count; i++)
      dup |= tx_str_eq(cols.items[i].name, fk->column);
    if (!r || dup || (users && !is_tenant_name(s, fk->column)))
      continue;
    TxTenantColumn c = {fk->column, r->schema, r->name, is_tenant_name(s, fk->column)};
    TX_ARRAY_PUSH(&cols, c);
  }
  // Tenant-named ones first among the referencing columns, in tenant_columns order; then the
  // remaining tenant-named columns.
  TX_ARRAY(TxTenantColumn) out = {0};
  for (uint32_t pass = 0; pass < 2; pass++) {
    for (uint32_t k = 0; k < s->tenant_name_count; k++) {
      TxStr name = s->tenant_names[k];
      bool listed = false;
      for (uint32_t i = 0; i < out.count; i++)
        listed |= tx_str_eq(out.items[i].name, name);
      if (listed || !tx_table_column(t, name))
        continue;
      const TxTenantColumn *ref = NULL;
      for (uint32_t i = 0; i < cols.count; i++) {
        if (tx_str_eq(cols.items[i].name, name))
          ref = &cols.items[i];
      }
      if (pass == 0 && ref)
        TX_ARRAY_PUSH(&out, *ref);
      else if (pass == 1 && !ref) {
        TxTenantColumn c = {name, {"", 0}, {"", 0}, true};
        TX_ARRAY_PUSH(&out, c);
      }
    }
    if (pass == 0) { // then the referencing columns with other names, in key order
      for (uint32_t i = 0; i < cols.count; i++) {
        if (!cols.items[i].by_name)
          TX_ARRAY_PUSH(&out, cols.items[i]);
      }
    }
  }
  t->tenant = TX_ARRAY_TO_ARENA(a, &out);
  t->tenant_count = out.count;
  TX_ARRAY_FREE(&out);
  TX_ARRAY_FREE(&cols);
}

// tenant_root: the user's word replaces steps 2 and 3. "orgs" is public.orgs; a table no
// schema source defines is still a root (the tables referencing it are scoped by it).
static void configured_roots(TxArena *a, const TxStrList *names, Roots *roots) {
  for (uint32_t i = 0; i < names->count; i++) {
    TxStr v = tx_arena_str(a, names->items[i].ptr, names->items[i].len); // the program's own
    const char *dot = memchr(v.ptr, '.', v.len);
    TxTenantRoot r = {.schema = TX_STR_LIT("public"), .name = v, .why = TX_ROOT_CONFIGURED};
    if (dot) {
      r.schema = (TxStr){v.ptr, (uint32_t)(dot - v.ptr)};
      r.name = (TxStr){dot + 1, (uint32_t)(v.ptr + v.len - dot - 1)};
    }
    TX_ARRAY_PUSH(roots, r);
  }
}

void tx_tenant_infer(TxSchema *s, TxArena *a, const TxStrList *names, bool configured,
                     const TxStrList *root_names) {
  s->tenant_configured = configured;
  s->tenant_names = TX_ARENA_ARRAY(a, TxStr, names->count * 2 + 1);
  for (uint32_t i = 0; i < names->count; i++)
    s->tenant_names[s->tenant_name_count++] = names->items[i];
  for (uint32_t i = 0; i < names->count; i++) {
    TxStr camel = camel_case(a, names->items[i]);
    if (camel.len && !is_tenant_name(s, camel))
      s->tenant_names[s->tenant_name_count++] = camel;
  }
  Roots kept = {0};
  s->roots_configured = root_names->count > 0;
  if (s->roots_configured) {
    configured_roots(a, root_names, &kept);
  } else {
    Roots roots = {0};
    bool named = roots_by_name(s, a, &roots);
    // Roots that belong to another root are tenant tables (decided on the full list, then
    // removed together).
    for (uint32_t i = 0; i < roots.count; i++) {
      if (stays_root(s, &roots, &roots.items[i]))
        TX_ARRAY_PUSH(&kept, roots.items[i]);
    }
    TX_ARRAY_FREE(&roots);
    if (!configured && !named)
      root_by_membership(s, &kept);
  }
  store_roots(s, a, &kept);
  TX_ARRAY_FREE(&kept);
  bool scoped = false;
  for (uint32_t i = 0; i < s->table_count; i++) {
    table_tenant(s, a, &s->tables[i]);
    scoped |= s->tables[i].tenant_count > 0;
  }
  // Measured on public backends without tenants (a trip planner, a game-server shop): every
  // table global, and each update of a table the migrations lack (vault.secrets, one made in
  // the dashboard) was reported as missing a tenant filter that no table has.
  s->untenanted = s->table_count > 0 && s->root_count == 0 && !scoped;
}
