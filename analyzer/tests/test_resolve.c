// test_resolve.c: module resolution (link/resolve.h), each thing resolve.h claims:
//   - relative specifiers, with and without an extension, `..` (never above the root), the
//     extension order (.ts before .tsx, .js, ...), `.js`/`.jsx`/`.mjs` written for
//     `.ts`/`.tsx`/`.mts`, index files;
//   - the root tsconfig.json (else jsconfig.json), read as JSONC: `baseUrl` for bare
//     specifiers, `paths` aliases (exact, `prefix*`, `prefix*suffix`, several targets tried in
//     order, relative to baseUrl or to the root without one); a broken tsconfig only turns
//     aliases off;
//   - what stays unresolved: packages, missing files;
//   - re-exports: `export { a } from`, renamed, `export * from` (every star target), cycles;
//   - workspace packages (package.json `workspaces`, pnpm-workspace.yaml) by name, through
//     their `exports`, `types`/`main` (built output looked for under src/) or index files;
//   - table names from imported constants (link/consts.h).
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "link/consts.h"
#include "link/resolve.h"
#include "test_prog.h"

typedef struct Project {
  TestProg t;
  char dir[64]; // the root, holding only the tsconfig/jsconfig
  TxResolver *r;
} Project;

// A project whose root holds `config_name` with `config` (NULL: none) and the files
// `paths` (in path order), each with an empty module body unless `texts` gives one.
static void open_project(Project *pr, const char *config_name, const char *config,
                         const char *const *paths, const char *const *texts, size_t n) {
  snprintf(pr->dir, sizeof pr->dir, "/tmp/txlint-test-resolve-XXXXXX");
  assert_non_null(mkdtemp(pr->dir));
  if (config) {
    char path[128];
    snprintf(path, sizeof path, "%s/%s", pr->dir, config_name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(config, f);
    fclose(f);
  }
  tp_init(&pr->t);
  pr->t.p->root = tx_str(pr->dir);
  for (size_t i = 0; i < n; i++) {
    if (i > 0)
      assert_true(strcmp(paths[i - 1], paths[i]) < 0); // the driver's order
    tp_add(&pr->t, paths[i], texts && texts[i] ? texts[i] : "export {};\n");
  }
  pr->r = tx_resolver_new(pr->t.p);
}

static void close_project(Project *pr) {
  tx_resolver_free(pr->r);
  tp_free(&pr->t);
  char path[128];
  snprintf(path, sizeof path, "%s/tsconfig.json", pr->dir);
  unlink(path);
  snprintf(path, sizeof path, "%s/jsconfig.json", pr->dir);
  unlink(path);
  assert_int_equal(rmdir(pr->dir), 0);
}

// The shown path `spec` resolves to from file `from`, or "-" when it stays unresolved.
static const char *resolve(const Project *pr, const char *from, const char *spec) {
  uint32_t f = tx_resolver_file(pr->r, tx_str(from));
  if (f == TX_NONE)
    fail_msg("no file %s", from);
  uint32_t hit = tx_resolve_module(pr->r, pr->t.p->files[f], tx_str(spec));
  return hit == TX_NONE ? "-" : pr->t.p->files[hit]->src.path.ptr;
}

static void test_relative(void **state) {
  (void)state;
  const char *files[] = {"a.ts",
                         "src/app/page.ts",
                         "src/lib/db.ts",
                         "src/lib/db.tsx",
                         "src/lib/index.ts",
                         "src/lib/only.js",
                         "src/lib/raw.mts",
                         "src/util.ts"};
  Project pr;
  open_project(&pr, "tsconfig.json", NULL, files, NULL, 8);
  const char *from = "src/app/page.ts";
  assert_string_equal(resolve(&pr, from, "../lib/db"), "src/lib/db.ts");      // .ts before .tsx
  assert_string_equal(resolve(&pr, from, "../lib/db.tsx"), "src/lib/db.tsx"); // as written
  assert_string_equal(resolve(&pr, from, "../lib/db.js"), "src/lib/db.ts");   // ESM style
  assert_string_equal(resolve(&pr, from, "../lib/db.jsx"), "src/lib/db.tsx");
  assert_string_equal(resolve(&pr, from, "../lib/raw.mjs"), "src/lib/raw.mts");
  assert_string_equal(resolve(&pr, from, "../lib/only"), "src/lib/only.js");
  assert_string_equal(resolve(&pr, from, "../lib/only.js"), "src/lib/only.js");
  assert_string_equal(resolve(&pr, from, "../lib"), "src/lib/index.ts"); // index file
  assert_string_equal(resolve(&pr, from, "../lib/"), "src/lib/index.ts");
  assert_string_equal(resolve(&pr, from, "./../util"), "src/util.ts");
  assert_string_equal(resolve(&pr, from, "../../a"), "a.ts");
  assert_string_equal(resolve(&pr, "a.ts", "./src/lib/db"), "src/lib/db.ts");
  assert_string_equal(resolve(&pr, from, "../../../a"), "-"); // above the root
  assert_string_equal(resolve(&pr, from, "../lib/missing"), "-");
  assert_string_equal(resolve(&pr, from, "./page.css"), "-");
  // No tsconfig: bare specifiers are packages.
  assert_string_equal(resolve(&pr, from, "src/util"), "-");
  assert_string_equal(resolve(&pr, from, "react"), "-");
  close_project(&pr);
}

static void test_base_url(void **state) {
  (void)state;
  const char *files[] = {"src/app/page.ts", "src/lib/db.ts"};
  Project pr;
  open_project(&pr, "tsconfig.json", "{\"compilerOptions\": {\"baseUrl\": \"./src/\"}}", files,
               NULL, 2);
  assert_string_equal(resolve(&pr, "src/app/page.ts", "lib/db"), "src/lib/db.ts");
  assert_string_equal(resolve(&pr, "src/app/page.ts", "react"), "-");
  assert_string_equal(resolve(&pr, "src/app/page.ts", "@supabase/supabase-js"), "-");
  close_project(&pr);
}

static const char paths_config[] = "// tsconfig.json is JSONC\n"
                                   "{\n"
                                   "  \"compilerOptions\": {\n"
                                   "    /* relative to baseUrl */\n"
                                   "    \"baseUrl\": \".\",\n"
                                   "    \"paths\": {\n"
                                   "      \"@/*\": [\"src/*\", \"generated/*\",],\n"
                                   "      \"~db\": [\"src/lib/db/index.ts\"],\n"
                                   "      \"#ui/*.js\": [\"src/components/*.tsx\"],\n"
                                   "      \"@lib/*\": [\"missing/*\", \"packages/lib/src/*\"],\n"
                                   "    },\n"
                                   "  },\n"
                                   "}\n";

static void test_paths(void **state) {
  (void)state;
  const char *files[] = {"generated/types.ts",        "packages/lib/src/x.ts", "src/app/page.ts",
                         "src/components/button.tsx", "src/lib/db/index.ts",   "src/lib/x.ts"};
  Project pr;
  open_project(&pr, "tsconfig.json", paths_config, files, NULL, 6);
  const char *from = "src/app/page.ts";
  assert_string_equal(resolve(&pr, from, "@/lib/x"), "src/lib/x.ts");
  assert_string_equal(resolve(&pr, from, "@/lib/db"), "src/lib/db/index.ts");
  assert_string_equal(resolve(&pr, from, "@/types"), "generated/types.ts"); // second target
  assert_string_equal(resolve(&pr, from, "~db"), "src/lib/db/index.ts");    // exact alias
  assert_string_equal(resolve(&pr, from, "~db/x"), "-");
  assert_string_equal(resolve(&pr, from, "#ui/button.js"), "src/components/button.tsx");
  assert_string_equal(resolve(&pr, from, "#ui/button"), "-"); // the suffix must match
  assert_string_equal(resolve(&pr, from, "#ui/buttonXjs"), "-");
  assert_string_equal(resolve(&pr, from, "@lib/x"), "packages/lib/src/x.ts");
  assert_string_equal(resolve(&pr, from, "@/nothing"), "-");
  assert_string_equal(resolve(&pr, from, "src/lib/x"), "src/lib/x.ts"); // baseUrl "."
  assert_string_equal(resolve(&pr, from, "@supabase/supabase-js"), "-");
  close_project(&pr);
}

// paths without baseUrl are relative to the tsconfig's folder; jsconfig.json serves a
// JavaScript project the same way.
static void test_paths_without_base_url_jsconfig(void **state) {
  (void)state;
  const char *files[] = {"app/page.js", "lib/db.js"};
  Project pr;
  open_project(&pr, "jsconfig.json", "{\"compilerOptions\": {\"paths\": {\"@/*\": [\"./*\"]}}}",
               files, NULL, 2);
  assert_string_equal(resolve(&pr, "app/page.js", "@/lib/db"), "lib/db.js");
  assert_string_equal(resolve(&pr, "app/page.js", "lib/db"), "lib/db.js"); // base: the root
  close_project(&pr);
}

static void test_broken_tsconfig(void **state) {
  (void)state;
  const char *files[] = {"src/a.ts", "src/b.ts"};
  Project pr;
  open_project(&pr, "tsconfig.json", "{\"compilerOptions\": {\"paths\": {\"@/*\": [\"src/*\"]}",
               files, NULL, 2);
  assert_string_equal(resolve(&pr, "src/a.ts", "@/b"), "-");
  assert_string_equal(resolve(&pr, "src/a.ts", "./b"), "src/b.ts");
  close_project(&pr);
}

// --- re-exports --------------------------------------------------------------------------------

// The "file:name" `name` exported by `file` is defined as, or "-".
static void export_of(const Project *pr, const char *file, const char *name, char *buf, size_t n) {
  uint32_t f = tx_resolver_file(pr->r, tx_str(file)), def_file = TX_NONE;
  TxStr def_name = {0};
  if (!tx_resolve_export(pr->r, f, tx_str(name), &def_file, &def_name)) {
    snprintf(buf, n, "-");
    return;
  }
  snprintf(buf, n, "%.*s:%.*s", TX_STR_ARG(pr->t.p->files[def_file]->src.path),
           TX_STR_ARG(def_name));
}

static void assert_export(const Project *pr, const char *file, const char *name, const char *want) {
  char buf[256];
  export_of(pr, file, name, buf, sizeof buf);
  assert_string_equal(buf, want);
}

static const char index_ts[] = "export { supabase } from './a';\n"
                               "export { renamed as client } from './a';\n"
                               "export * from './b';\n"
                               "export * from './c';\n"
                               "export * from './cycle1';\n";

static void test_reexports(void **state) {
  (void)state;
  const char *files[] = {"lib/a.ts",      "lib/b.ts",      "lib/c.ts",
                         "lib/cycle1.ts", "lib/cycle2.ts", "lib/index.ts"};
  const char *texts[] = {
      "export const supabase = 1;\nconst local = 2;\nexport { local as renamed };\n",
      "export const other = 1;\n",
      "export const last = 1;\n",
      "export * from './cycle2';\n",
      "export * from './cycle1';\n",
      index_ts};
  Project pr;
  open_project(&pr, "tsconfig.json", NULL, files, texts, 6);
  assert_export(&pr, "lib/a.ts", "supabase", "lib/a.ts:supabase");
  assert_export(&pr, "lib/a.ts", "renamed", "lib/a.ts:local");
  assert_export(&pr, "lib/index.ts", "supabase", "lib/a.ts:supabase");
  assert_export(&pr, "lib/index.ts", "client", "lib/a.ts:local");
  assert_export(&pr, "lib/index.ts", "other", "lib/b.ts:other");
  assert_export(&pr, "lib/index.ts", "last", "lib/c.ts:last"); // the second star target
  assert_export(&pr, "lib/index.ts", "nothing", "-");
  assert_export(&pr, "lib/cycle1.ts", "nothing", "-"); // a cycle ends
  close_project(&pr);
}

// --- workspaces -------------------------------------------------------------------------------

// Writes `text` to `rel` under the project root, making its folders.
static void put(const Project *pr, const char *rel, const char *text) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s", pr->dir, rel);
  for (char *p = path + strlen(pr->dir) + 1; *p; p++) {
    if (*p == '/') {
      *p = '\0';
      mkdir(path, 0700);
      *p = '/';
    }
  }
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)st, (void)flag, (void)ftw;
  return remove(path);
}

// A project with the manifests `manifests` (pairs of path and text) on disk and the source
// files `paths` in the program only (the resolver looks files up in the program).
static void open_workspace(Project *pr, const char *const *manifests, size_t m,
                           const char *const *paths, size_t n) {
  snprintf(pr->dir, sizeof pr->dir, "/tmp/txlint-test-resolve-XXXXXX");
  assert_non_null(mkdtemp(pr->dir));
  for (size_t i = 0; i + 1 < m; i += 2)
    put(pr, manifests[i], manifests[i + 1]);
  tp_init(&pr->t);
  pr->t.p->root = tx_str(pr->dir);
  for (size_t i = 0; i < n; i++) {
    if (i > 0)
      assert_true(strcmp(paths[i - 1], paths[i]) < 0);
    tp_add(&pr->t, paths[i], "export {};\n");
  }
  pr->r = tx_resolver_new(pr->t.p);
}

static void close_workspace(Project *pr) {
  tx_resolver_free(pr->r);
  tp_free(&pr->t);
  assert_int_equal(nftw(pr->dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS), 0);
}

static const char *const ws_files[] = {"apps/web/src/page.ts",        "packages/db/src/index.ts",
                                       "packages/db/src/tables.ts",   "packages/db/src/util/ids.ts",
                                       "packages/legacy/index.js",    "packages/main/src/entry.ts",
                                       "packages/plain/src/index.ts", "packages/plain/src/sub/x.ts",
                                       "packages/str/src/only.ts",    "tools/gen/src/index.ts"};

static const char *const ws_manifests[] = {
    "package.json",
    "{\"private\": true, \"workspaces\": [\"packages/*\", \"./tools/gen\", \"!packages/skip\"]}",
    "packages/db/package.json",
    "{\"name\": \"@acme/db\", \"exports\": {"
    "\".\": {\"types\": \"./dist/index.d.ts\", \"default\": \"./dist/index.js\"},"
    "\"./tables\": {\"import\": \"./src/tables.ts\"},"
    "\"./util/*\": \"./src/util/*.ts\","
    "\"./package.json\": \"./package.json\"}}",
    "packages/legacy/package.json",
    "{\"name\": \"legacy\"}",
    "packages/main/package.json",
    "{\"name\": \"@acme/main\", \"main\": \"build/entry.js\"}",
    "packages/plain/package.json",
    "{\"name\": \"@acme/plain\"}",
    "packages/str/package.json",
    "{\"name\": \"@acme/str\", \"exports\": \"./src/only.ts\"}",
    "packages/noname/package.json",
    "{\"version\": \"1.0.0\"}",
    "tools/gen/package.json",
    "{\"name\": \"gen\", \"types\": \"src/index.ts\"}",
};

// package.json `workspaces` (folders and `dir/*`), each package's `exports` (subpaths, a
// `*` pattern, conditions, a string), `types`/`main` (built output found under src/), index
// files, subpaths without `exports`; names match whole (a prefix is another package).
static void test_workspaces(void **state) {
  (void)state;
  Project pr;
  open_workspace(&pr, ws_manifests, sizeof ws_manifests / sizeof ws_manifests[0], ws_files,
                 sizeof ws_files / sizeof ws_files[0]);
  const char *from = "apps/web/src/page.ts";
  assert_string_equal(resolve(&pr, from, "@acme/db"), "packages/db/src/index.ts");
  assert_string_equal(resolve(&pr, from, "@acme/db/tables"), "packages/db/src/tables.ts");
  assert_string_equal(resolve(&pr, from, "@acme/db/util/ids"), "packages/db/src/util/ids.ts");
  assert_string_equal(resolve(&pr, from, "@acme/db/src/tables"), "-"); // not exported
  assert_string_equal(resolve(&pr, from, "@acme/dbx"), "-");
  assert_string_equal(resolve(&pr, from, "@acme/main"), "packages/main/src/entry.ts");
  assert_string_equal(resolve(&pr, from, "@acme/plain"), "packages/plain/src/index.ts");
  assert_string_equal(resolve(&pr, from, "@acme/plain/sub/x"), "packages/plain/src/sub/x.ts");
  assert_string_equal(resolve(&pr, from, "@acme/str"), "packages/str/src/only.ts");
  assert_string_equal(resolve(&pr, from, "@acme/str/only"), "-");
  assert_string_equal(resolve(&pr, from, "legacy"), "packages/legacy/index.js");
  assert_string_equal(resolve(&pr, from, "gen"), "tools/gen/src/index.ts");
  assert_string_equal(resolve(&pr, from, "react"), "-");
  close_workspace(&pr);
}

// pnpm-workspace.yaml: the `packages:` list (quoted or not, comments), other keys ignored;
// the object form of package.json `workspaces`; without either, packages stay unresolved.
static void test_pnpm_and_object_workspaces(void **state) {
  (void)state;
  static const char *const files[] = {"apps/web/src/page.ts", "libs/a/src/index.ts",
                                      "libs/b/index.ts", "other/c/index.ts"};
  static const char *const pnpm[] = {
      "pnpm-workspace.yaml",
      ("# the workspace\npackages:\n  - 'libs/*'   # libraries\n  - \"apps/**\"\n\n"
       "catalog:\n  - other/*\n"),
      "libs/a/package.json",
      "{\"name\": \"@x/a\"}",
      "libs/b/package.json",
      "{\"name\": \"@x/b\"}",
      "other/c/package.json",
      "{\"name\": \"@x/c\"}",
  };
  Project pr;
  open_workspace(&pr, pnpm, sizeof pnpm / sizeof pnpm[0], files, 4);
  assert_string_equal(resolve(&pr, "apps/web/src/page.ts", "@x/a"), "libs/a/src/index.ts");
  assert_string_equal(resolve(&pr, "apps/web/src/page.ts", "@x/b"), "libs/b/index.ts");
  assert_string_equal(resolve(&pr, "apps/web/src/page.ts", "@x/c"), "-"); // not a workspace
  close_workspace(&pr);

  static const char *const object[] = {
      "package.json", "{\"workspaces\": {\"packages\": [\"other/*\"], \"nohoist\": []}}",
      "other/c/package.json", "{\"name\": \"@x/c\"}"};
  open_workspace(&pr, object, 4, files, 4);
  assert_string_equal(resolve(&pr, "apps/web/src/page.ts", "@x/c"), "other/c/index.ts");
  assert_string_equal(resolve(&pr, "apps/web/src/page.ts", "@x/a"), "-");
  close_workspace(&pr);

  static const char *const none[] = {"libs/a/package.json", "{\"name\": \"@x/a\"}"};
  open_workspace(&pr, none, 2, files, 4);
  assert_string_equal(resolve(&pr, "apps/web/src/page.ts", "@x/a"), "-");
  close_workspace(&pr);
}

// --- table names from imported constants (link/consts.c) ------------------------------------

// The table of the fact at `needle` (its .from(...) call) in file `path`, after linking.
static const char *table_at(const Project *pr, const char *path, const char *needle) {
  uint32_t fi = tx_resolver_file(pr->r, tx_str(path));
  assert_int_not_equal(fi, TX_NONE);
  const TxFile *f = pr->t.p->files[fi];
  uint32_t at = tp_at(f, needle);
  for (uint32_t k = 0; k < f->fact_count; k++) {
    const TxFact *x = &f->facts[k];
    if (x->span.start <= at && at < x->span.end)
      return x->table.len ? x->table.ptr : "-";
  }
  fail_msg("no fact at %s", needle);
  return NULL;
}

static const char consts_tables[] =
    "export const TABLES = { LOANS: 'loans', 'quoted-key': 'q', nested: { x: 'n' } } as const;\n"
    "export const AUDIT = `audit_log`;\n"
    "export let MUTABLE = 'mutable';\n"
    "const PRIVATE = 'private_table';\n"
    "const RENAMED = 'renamed_table';\n"
    "export { RENAMED as PUBLIC_NAME };\n"
    "export default TABLES;\n"
    "export function f() { const INNER = 'inner'; return INNER; }\n"
    "export enum Tbl { Loans = 'loan_rows', Count = 3, Bare }\n";

static const char consts_barrel[] = "export * from './tables';\n";

static const char consts_user[] =
    "import { createClient } from '@supabase/supabase-js';\n"
    "import { TABLES, AUDIT, MUTABLE, PRIVATE, PUBLIC_NAME } from './db';\n"
    "import T from './tables';\n"
    "import * as ns from './db';\n"
    "const supabase = createClient('u', 'k');\n"
    "export async function run() {\n"
    "  await supabase.from(TABLES.LOANS).delete(); // a\n"
    "  await supabase.from(AUDIT).delete(); // b\n"
    "  await supabase.from(MUTABLE).delete(); // c\n"
    "  await supabase.from(PRIVATE).delete(); // d\n"
    "  await supabase.from(PUBLIC_NAME).delete(); // e\n"
    "  await supabase.from(T.LOANS).delete(); // f\n"
    "  await supabase.from(ns.TABLES.LOANS).delete(); // g\n"
    "  await supabase.from(ns.AUDIT).delete(); // h\n"
    "  await supabase.from(TABLES.nested.x).delete(); // i\n"
    "  await supabase.from(TABLES.MISSING).delete(); // j\n"
    "  await supabase.rpc(AUDIT); // k\n"
    "  await supabase.from(TABLES?.LOANS).delete(); // l\n"
    "  await supabase.from(ns.Tbl.Loans).delete(); // m\n"
    "  await supabase.from(ns.Tbl.Count).delete(); // n\n"
    "}\n";

// Exported top-level `const` strings and object members reach importers through named,
// default and namespace imports and `export *`; a `let`, an unexported or function-local
// constant, a nested object, a missing member and optional chaining stay unknown. An enum's
// string members count as an object's.
static void test_imported_table_names(void **state) {
  (void)state;
  const char *files[] = {"src/db.ts", "src/run.ts", "src/tables.ts"};
  const char *texts[] = {consts_barrel, consts_user, consts_tables};
  Project pr;
  open_project(&pr, "tsconfig.json", NULL, files, texts, 3);
  tx_link_const_names(pr.t.p, pr.r);
  const char *run = "src/run.ts";
  assert_string_equal(table_at(&pr, run, "TABLES.LOANS).delete(); // a"), "loans");
  assert_string_equal(table_at(&pr, run, "AUDIT).delete(); // b"), "audit_log");
  assert_string_equal(table_at(&pr, run, "MUTABLE)"), "-");
  assert_string_equal(table_at(&pr, run, "PRIVATE)"), "-");
  assert_string_equal(table_at(&pr, run, "PUBLIC_NAME)"), "renamed_table");
  assert_string_equal(table_at(&pr, run, "T.LOANS)"), "loans");
  assert_string_equal(table_at(&pr, run, "ns.TABLES.LOANS)"), "loans");
  assert_string_equal(table_at(&pr, run, "ns.AUDIT)"), "audit_log");
  assert_string_equal(table_at(&pr, run, "TABLES.nested.x)"), "-");
  assert_string_equal(table_at(&pr, run, "TABLES.MISSING)"), "-");
  assert_string_equal(table_at(&pr, run, "rpc(AUDIT)"), "audit_log");
  assert_string_equal(table_at(&pr, run, "TABLES?.LOANS)"), "-");
  assert_string_equal(table_at(&pr, run, "ns.Tbl.Loans)"), "loan_rows"); // an enum's string member
  assert_string_equal(table_at(&pr, run, "ns.Tbl.Count)"), "-");
  // What the defining module keeps: exported names only, `let` and locals left out.
  const TxFile *t = pr.t.p->files[tx_resolver_file(pr.r, tx_str("src/tables.ts"))];
  char kept[256] = "";
  for (uint32_t i = 0; i < t->const_string_count; i++)
    snprintf(kept + strlen(kept), sizeof kept - strlen(kept), "%s%.*s=%.*s", i ? " " : "",
             TX_STR_ARG(t->const_strings[i].name), TX_STR_ARG(t->const_strings[i].value));
  assert_string_equal(
      kept, "TABLES.LOANS=loans AUDIT=audit_log RENAMED=renamed_table Tbl.Loans=loan_rows");
  close_project(&pr);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_relative),
      cmocka_unit_test(test_base_url),
      cmocka_unit_test(test_paths),
      cmocka_unit_test(test_paths_without_base_url_jsconfig),
      cmocka_unit_test(test_broken_tsconfig),
      cmocka_unit_test(test_reexports),
      cmocka_unit_test(test_workspaces),
      cmocka_unit_test(test_pnpm_and_object_workspaces),
      cmocka_unit_test(test_imported_table_names),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
