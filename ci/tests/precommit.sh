#!/usr/bin/env bash
# The pre-commit integration with the real pre-commit tool (Debian's package), offline:
# `pre-commit try-repo` of this repository's hooks in a scratch repository fails on a staged
# file with a finding and passes on a clean one. Also checks that a file-only run reports on
# the named files but uses the rest of the project as context.
set -euo pipefail
command -v pre-commit >/dev/null || { echo "pre-commit missing: run ci/setup" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PRE_COMMIT_HOME="$tmp/cache" HOME="$tmp"
git config --global user.email t@example.invalid 2>/dev/null || true
git config --global user.name test 2>/dev/null || true
# The hook repository: a snapshot of this repository's hook definition, committed.
mkdir -p "$tmp/hooks"
cp "$TX_SOURCE_DIR/.pre-commit-hooks.yaml" "$tmp/hooks/"
(cd "$tmp/hooks" && git init -q . && git add -A && git commit -qm hooks)
mkdir -p "$tmp/bin"
ln -s "$TXLINT" "$tmp/bin/txlint"
export PATH="$tmp/bin:$PATH"

mkdir -p "$tmp/app/supabase/migrations" "$tmp/app/src"
cd "$tmp/app"
git init -q .
printf 'create table public.calls (id uuid primary key, org_id uuid not null);\ncreate table public.flags (name text primary key, on_ boolean);\n' \
  >supabase/migrations/001.sql
cat >src/db.ts <<'TS'
import { createClient } from '@supabase/supabase-js';
export const db = createClient('u', 'k');
TS
cat >src/good.ts <<'TS'
import { db } from './db';
export async function f(id: string) {
  await db.from('flags').update({ on_: true }).eq('name', id);
}
TS
cat >src/bad.ts <<'TS'
import { db } from './db';
export async function g(id: string) {
  await db.from('calls').delete().eq('id', id);
}
TS
git add supabase src/db.ts src/good.ts
git commit -qm init --no-verify
# good.ts alone: clean only because the migration (context) says flags is a global table.
pre-commit try-repo "$tmp/hooks" txlint-system --files src/good.ts >"$tmp/good.log" 2>&1 ||
  { echo "clean file failed the hook:"; cat "$tmp/good.log"; exit 1; } >&2
git add src/bad.ts
if pre-commit try-repo "$tmp/hooks" txlint-system --files src/bad.ts >"$tmp/bad.log" 2>&1; then
  echo "a staged file with a finding passed the hook:" >&2
  cat "$tmp/bad.log" >&2
  exit 1
fi
grep -q "tenant-filter" "$tmp/bad.log" || { echo "no finding in the hook output" >&2; cat "$tmp/bad.log" >&2; exit 1; }
# Context mode reports only on the named file.
out=$("$TXLINT" --no-cache src/good.ts src/db.ts 2>&1)
echo "$out" | grep -q "no problems" || { echo "context mode reported other files: $out" >&2; exit 1; }
echo "pre-commit: ok"
