#!/usr/bin/env bash
# include / exclude / migrations from .txlint.yml decide which files are analysed, for a
# directory walk and for files named on the command line (pre-commit passes those).
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
p="$tmp/p"
mkdir -p "$p/src/api" "$p/src/generated" "$p/scripts" "$p/supabase/migrations" "$p/db"
bad='import { createClient } from "@supabase/supabase-js";
const db = createClient("u", "k");
export async function f(id: string) { await db.from("calls").delete().eq("id", id); }'
for f in src/api/route.ts src/api/route.test.ts src/generated/client.ts scripts/seed.ts; do
  printf '%s\n' "$bad" >"$p/$f"
done
printf 'create table public.calls (id uuid primary key, org_id uuid not null);\n' \
  >"$p/supabase/migrations/001_init.sql"
# Outside the migrations folder: must not be read (it would make 'calls' tenant-less).
printf 'create table public.calls (id uuid primary key);\n' >"$p/db/legacy.sql"
cat >"$p/.txlint.yml" <<'YML'
include: ['src/**', 'supabase/**', 'db/**']
exclude: ['**/*.test.ts', src/generated]
migrations: [supabase/migrations]
YML
cd "$p"
out=$("$TXLINT" --no-cache --format github . || true)
echo "$out"
files=$(echo "$out" | grep -c '^::error' || true)
[ "$files" = 1 ] || { echo "expected 1 finding (src/api/route.ts), got $files" >&2; exit 1; }
echo "$out" | grep -q 'file=src/api/route.ts,' || { echo "route.ts not reported" >&2; exit 1; }
stats=$("$TXLINT" --no-cache --stats . 2>&1 >/dev/null || true)
echo "$stats" | grep -q 'stats: 2 files' || { echo "expected 2 files analysed: $stats" >&2; exit 1; }
# Named explicitly, an excluded file is still excluded (pre-commit names staged files).
set +e
"$TXLINT" --no-cache src/api/route.test.ts scripts/seed.ts >/dev/null
rc=$?
set -e
[ "$rc" = 0 ] || { echo "excluded files named explicitly were analysed (exit $rc)" >&2; exit 1; }
# Without the configuration, everything is analysed.
rm .txlint.yml
set +e
n=$("$TXLINT" --no-cache --format github . | grep -c '^::error')
set -e
[ "$n" -ge 4 ] || { echo "without config expected >= 4 findings, got $n" >&2; exit 1; }
echo "config filters: ok"
