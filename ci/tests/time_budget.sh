#!/usr/bin/env bash
# The per-file time budget (time_budget_ms) end to end, with the cache on:
#  - a TypeScript file over the budget is skipped with a `limit` notice naming it, its
#    finding is not reported, and it is not cached: the next run with a larger budget
#    analyses it and reports the finding (a cached skip would hide it);
#  - a SQL file over the budget is skipped whole: no findings from what was read before the
#    deadline and no unused-suppression reports for its suppression comments;
#  - without time_budget_ms a file's budget grows with its size (1000 ms + 5 ms per KB);
#  - past the run budget (run_budget_ms) files are not analysed: one error notice names
#    them, exit 2, and none is cached: the next run with a larger budget reports the finding
#    of the file the first run never reached.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "time_budget: $*" >&2; sed 's/^/  | /' "$tmp/out" | head -20 >&2; exit 1; }
run() { # run WANT_RC [ARGS...]: txlint in $tmp/p with the cache in $tmp/cache
  local rc=0 want=$1
  shift
  (cd "$tmp/p" && timeout 300 "$TXLINT" --color never --cache-dir "$tmp/cache" "$@" . >"$tmp/out" 2>&1) || rc=$?
  [ "$rc" = "$want" ] || fail "exit $rc, want $want"
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

# A 13-byte input that keeps tree-sitter's TSX error recovery busy for minutes (hostile.sh
# has more), alone and behind a 100 KB comment: 1005 ms and 1505 ms budgets by default.
rm -rf "$tmp/p" "$tmp/cache"
mkdir -p "$tmp/p"
printf 's:[{n/n:l.a,\r' >"$tmp/p/small.tsx"
python3 -c 'import sys; open(sys.argv[1], "w").write("/*" + "x" * (100 * 1024) + "*/s:[{n/n:l.a,\r")' "$tmp/p/padded.tsx"
run 0 small.tsx padded.tsx # named: they hold no seed token (README, "Files that cannot matter")
grep -q "small.tsx: parsing took longer than the time budget (1005 ms); skipped" "$tmp/out" ||
  fail "no 1005 ms budget for a small file"
grep -q "padded.tsx: parsing took longer than the time budget (1505 ms); skipped" "$tmp/out" ||
  fail "no 1505 ms budget for a 100 KB file"

# Three slow files take 1 s each with one job, so a 2.5 s run budget ends in the third, which
# starts with about 480 ms left and gets that as its budget, and never reaches z.ts.
rm -rf "$tmp/p" "$tmp/cache"
mkdir -p "$tmp/p"
for i in 1 2 3; do printf 's:[{n/n:l.a,\r' >"$tmp/p/s$i.tsx"; done
printf '%s\n%s\n%s\n' 'import { createClient } from "@supabase/supabase-js";' 'const db = createClient("u", "k");' \
  'export async function g(id: string) { await db.from("calls").delete().eq("id", id); }' >"$tmp/p/z.ts"
printf 'run_budget_ms: 2500\n' >"$tmp/p/.txlint.yml"
run 2 --jobs 1 s1.tsx s2.tsx s3.tsx z.ts # named, so parsed in path order, without a seed token
grep -q "^txlint: error: the run's time budget (2500 ms, run_budget_ms) ran out: 2 files were not analysed (1 of them stopped part-way): s3.tsx, z.ts \[limit\]$" "$tmp/out" ||
  fail "no run-budget notice naming s3.tsx (cut short) and z.ts"
grep -qE "^s3.tsx: warning: s3.tsx: parsing took longer than the time budget \([0-9]{1,3} ms\); skipped" "$tmp/out" ||
  fail "s3.tsx's budget was not cut to what was left of the run's"
grep -q "tenant-filter" "$tmp/out" && fail "a file past the run budget reported a finding"
printf 'run_budget_ms: 600000\n' >"$tmp/p/.txlint.yml"
run 1 --jobs 1
grep -q "z.ts:3:[0-9]*: error: delete on 'calls'" "$tmp/out" ||
  fail "with a larger run budget z.ts must be analysed (was it cached unanalysed?)"
grep -q "run's time budget" "$tmp/out" && fail "run-budget notice with a large budget"
echo "time_budget: ok"
