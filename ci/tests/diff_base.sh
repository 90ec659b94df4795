#!/usr/bin/env bash
# --diff-base REV: only findings on lines added or changed since REV (committed, staged,
# unstaged and untracked changes alike); the whole project is still analysed for context;
# an unknown revision or a folder outside git is a usage error (exit 2).
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
p="$tmp/p"
mkdir -p "$p/src"
cd "$p"
git init -q .
git config user.email t@example.com
git config user.name t
bad() { printf "export async function %s(id: string) { await db.from('%s').delete().eq('id', id); }\n" "$1" "$2"; }
{
  echo "import { createClient } from '@supabase/supabase-js';"
  echo "const db = createClient('u', 'k');"
  bad old calls
  bad older notes
} >src/a.ts
git add -A
git commit -qm base
base=$(git rev-parse HEAD)
# A committed change, an unstaged change, a staged new file and an untracked file.
bad committed tasks >>src/a.ts
git commit -qam second
bad unstaged files >>src/a.ts
{ echo "import { createClient } from '@supabase/supabase-js';"; echo "const db = createClient('u', 'k');"; bad staged rooms; } >src/b.ts
git add src/b.ts
{ echo "import { createClient } from '@supabase/supabase-js';"; echo "const db = createClient('u', 'k');"; bad untracked desks; } >src/c.ts
out=$("$TXLINT" --no-cache --format github --diff-base "$base" . || true)
echo "$out"
for t in tasks files rooms desks; do
  echo "$out" | grep -q "on '$t'" || { echo "changed line with '$t' not reported" >&2; exit 1; }
done
for t in calls notes; do
  if echo "$out" | grep -q "on '$t'"; then echo "unchanged line with '$t' reported" >&2; exit 1; fi
done
# Against HEAD the committed change is old.
out=$("$TXLINT" --no-cache --format github --diff-base HEAD . || true)
if echo "$out" | grep -q "on 'tasks'"; then echo "HEAD: committed line reported" >&2; exit 1; fi
echo "$out" | grep -q "on 'files'" || { echo "HEAD: unstaged line missing" >&2; exit 1; }
# No change since the revision: clean, exit 0.
git add -A && git commit -qm all
"$TXLINT" --no-cache --diff-base HEAD . >/dev/null
# Errors.
set +e
msg=$("$TXLINT" --no-cache --diff-base no-such-rev . 2>&1 >/dev/null); rc=$?
set -e
[ "$rc" = 2 ] && echo "$msg" | grep -q "unknown revision" || { echo "bad rev: $rc $msg" >&2; exit 1; }
mkdir -p "$tmp/nogit" && cp src/a.ts "$tmp/nogit/"
cd "$tmp/nogit"
set +e
msg=$(GIT_CEILING_DIRECTORIES="$tmp" "$TXLINT" --no-cache --diff-base HEAD . 2>&1 >/dev/null); rc=$?
set -e
[ "$rc" = 2 ] && echo "$msg" | grep -q "not inside a git work tree" || { echo "no repo: $rc $msg" >&2; exit 1; }
echo "diff-base: ok"
