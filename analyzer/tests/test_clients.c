// test_clients.c: clients found through the paths the front end cannot settle alone, pinned
// on the linked IR: members of injected services (TxFact.client_member, the class's
// "Class.member" client exports), parameters confirmed by their callers (TxFact.client_param,
// TxCall.client_args), `ReturnType<typeof f>` types, and the kinds each path hands on.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "link/link.h"
#include "test_prog.h"

#define SERVICE_KEY "process.env.SUPABASE_SERVICE_ROLE_KEY!"

// The fact whose operation starts at the first occurrence of `needle` in f.
static const TxFact *fact_at(const TxFile *f, const char *needle) {
  uint32_t at = tp_at(f, needle);
  for (uint32_t i = 0; i < f->fact_count; i++) {
    if (f->facts[i].op_span.start == at)
      return &f->facts[i];
  }
  fail_msg("no fact at '%s' in %.*s", needle, TX_STR_ARG(f->src.path));
  return NULL;
}

static bool has_client_export(const TxFile *f, const char *name, TxClientKind *kind) {
  for (uint32_t i = 0; i < f->client_export_count; i++) {
    if (tx_str_eq_c(f->client_exports[i].name, name)) {
      *kind = f->client_exports[i].kind;
      return true;
    }
  }
  return false;
}

static const char *const service_file =
    "import { createClient, SupabaseClient } from '@supabase/supabase-js';\n"
    "import knex from 'knex';\n"
    "export class Db {\n"
    "  private admin: SupabaseClient;\n"
    "  private store = knex({});\n"
    "  constructor() { this.admin = createClient('u', " SERVICE_KEY "); }\n"
    "  getAdmin() { return this.admin; }\n"
    "  getStore() { return this.store; }\n"
    "}\n"
    "class Hidden { private c = createClient('u', 'k'); get() { return this.c; } }\n";

static const char *const user_file =
    "import { Db } from './db';\n"
    "export class Orders {\n"
    "  constructor(private readonly db: Db) {}\n"
    "  async a(id: string) {\n"
    "    const c = this.db.getAdmin();\n"
    "    await c.from('o').delete().eq('id', id);\n"
    "    await this.db.getStore().from('o').update({}).eq('id', id);\n"
    "  }\n"
    "}\n";

// A service's client members are exported under the class's name with the kind of their
// creation; an importer injecting the service gets that kind, and a member that is no
// client (knex) drops its chain.
static void test_service_members(void **state) {
  (void)state;
  TestProg t;
  tp_init(&t);
  TxFile *db = tp_add(&t, "db.ts", service_file);
  TxFile *orders = tp_add(&t, "orders.ts", user_file);
  tx_link(t.p);
  TxClientKind kind = TX_CLIENT_UNKNOWN;
  assert_true(has_client_export(db, "Db.getAdmin", &kind));
  assert_int_equal(kind, TX_CLIENT_SERVICE);
  assert_true(has_client_export(db, "Db.admin", &kind));
  assert_false(has_client_export(db, "Db.getStore", &kind)); // knex came from an import
  assert_false(has_client_export(db, "Hidden.get", &kind));  // not exported
  const TxFact *del = fact_at(orders, "delete()");
  assert_true(tx_str_eq_c(del->client_member, "getAdmin"));
  assert_false(del->dropped);
  assert_int_equal(del->client_kind, TX_CLIENT_SERVICE);
  const TxFact *upd = fact_at(orders, "update({})");
  assert_true(tx_str_eq_c(upd->client_member, "getStore"));
  assert_true(upd->dropped);
  tp_free(&t);
}

static const char *const params_file =
    "import { createClient } from '@supabase/supabase-js';\n"
    "async function both(db: any, id: string) { await db.from('t').delete().eq('id', id); }\n"
    "async function adminOnly(x, db) { await db.from('t').insert({}); }\n"
    "async function never(db: any) { await db.from('t').update({}); }\n"
    "export async function typed(db: ReturnType<typeof createClient>) {\n"
    "  await db.from('t').upsert({});\n"
    "}\n"
    "const admin = createClient('u', " SERVICE_KEY ");\n"
    "const user = createClient('u', 'k', { global: { headers: { Authorization: 'a' } } });\n"
    "export async function run(id: string) {\n"
    "  await both(admin, id);\n"
    "  await both(user, id);\n"
    "  await adminOnly(id, admin);\n"
    "  await never(id);\n"
    "}\n";

// A parameter's chain stays when some resolved call passes a client there, with the kind
// the callers agree on; one no call gives a client is dropped; a parameter typed
// `ReturnType<typeof createClient>` needs no caller.
static void test_parameters(void **state) {
  (void)state;
  TestProg t;
  tp_init(&t);
  TxFile *f = tp_add(&t, "jobs.ts", params_file);
  tx_link(t.p);
  const TxFact *both = fact_at(f, "delete()");
  assert_int_equal(both->client_param, 1);
  assert_false(both->dropped);
  assert_int_equal(both->client_kind, TX_CLIENT_UNKNOWN); // service and user callers
  const TxFact *admin_only = fact_at(f, "insert({})");
  assert_int_equal(admin_only->client_param, 2);
  assert_false(admin_only->dropped);
  assert_int_equal(admin_only->client_kind, TX_CLIENT_SERVICE);
  assert_true(fact_at(f, "update({})")->dropped);
  const TxFact *typed = fact_at(f, "upsert({})");
  assert_int_equal(typed->client_param, 0);
  assert_false(typed->dropped);
  // The call passing `admin` second says so, with its kind, at position 1.
  const TxCall *call = NULL;
  for (uint32_t i = 0; i < f->call_count; i++) {
    if (tx_str_eq_c(f->calls[i].callee, "adminOnly"))
      call = &f->calls[i];
  }
  assert_non_null(call);
  assert_int_equal(tx_call_client_arg(call, 0), 0);
  assert_int_equal(tx_call_client_arg(call, 1), TX_CLIENT_SERVICE + 1);
  assert_int_equal(tx_call_client_arg(call, TX_CALL_CLIENT_ARGS), 0);
  tp_free(&t);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_service_members),
      cmocka_unit_test(test_parameters),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
