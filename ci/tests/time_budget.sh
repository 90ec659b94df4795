#!/usr/bin/env bash
# The per-file time budget (time_budget_ms) end to end, with the cache on:
#  - a TypeScript file over the budget is skipped with a `limit` notice naming it, its
#    finding is not reported, and it is not cached: the next run with a larger budget
#    analyses it and reports the finding (a cached skip would hide it);
#  - a SQL file over the budget is skipped whole: no findings from what was read before the
#    deadline and no unused-suppression reports for its suppression comments.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "time_budget: $*" >&2; sed 's/^/  | /' "$tmp/out" | head -20 >&2; exit 1; }
run() { # run WANT_RC: txlint in $tmp/p with the cache in $tmp/cache
  local rc=0
  (cd "$tmp/p" && timeout 300 "$TXLINT" --color never --cache-dir "$tmp/cache" . >"$tmp/out" 2>&1) || rc=$?
  [ "$rc" = "$1" ] || fail "exit $rc, want $1"
}
mkdir -p "$tmp/p"
python3 - "$tmp/p/big.ts" <<'PY'
import sys
head = 'import { createClient } from "@supabase/supabase-js";\nconst db = createClient("u", "k");\n'
body = "export function f%d(x: number) { return [x, x + 1, { a: x }].map((y) => y); }\n"
tail = 'export async function g(id: string) { await db.from("calls").delete().eq("id", id); }\n'
open(sys.argv[1], "w").write(head + "".join(body % i for i in range(30000)) + tail)
PY
printf 'time_budget_ms: 100\n' >"$tmp/p/.txlint.yml"
run 0
grep -q "big.ts: warning: big.ts: parsing took longer than the time budget (100 ms); skipped \[limit\]" "$tmp/out" ||
  fail "no limit notice for big.ts"
grep -q "tenant-filter" "$tmp/out" && fail "a skipped file reported a finding"
printf 'time_budget_ms: 600000\n' >"$tmp/p/.txlint.yml"
run 1
grep -q "big.ts:30003:[0-9]*: error: delete on 'calls'" "$tmp/out" ||
  fail "with a larger budget the finding must be reported (was the skipped file cached?)"
grep -q "time budget" "$tmp/out" && fail "limit notice with a large budget"

rm -rf "$tmp/p" "$tmp/cache"
mkdir -p "$tmp/p"
python3 - "$tmp/p/seed.sql" <<'PY'
import sys
head = "-- txlint-ignore sql-tenant-filter -- seed data\ndelete from calls where id = 1;\n"
open(sys.argv[1], "w").write(head + "".join("create table t%d (id int);\n" % i for i in range(60000)))
PY
printf 'time_budget_ms: 100\n' >"$tmp/p/.txlint.yml"
run 0
grep -q "seed.sql: warning: seed.sql: analysis took longer than the time budget (100 ms); skipped \[limit\]" "$tmp/out" ||
  fail "no limit notice for seed.sql"
grep -q "unused-suppression" "$tmp/out" && fail "a skipped SQL file's suppression was reported as unused"
grep -q "^no problems in 1 file" "$tmp/out" || fail "findings from a skipped SQL file"
echo "time_budget: ok"
