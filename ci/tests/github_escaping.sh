#!/usr/bin/env bash
# --format github must escape exactly like @actions/core: file names and messages holding
# %, CR, LF, ':' and ',' (even "%0A::error::" in a name) cannot end the command or start a
# new one. The reference output is produced by @actions/core from the same results.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/p"
cd "$tmp/p"
git init -q .
body='import { createClient } from "@supabase/supabase-js";
const db = createClient("u", "k");
export async function f(id: string) {
  await db.from("ca%0A::error::ls,x:y").delete().eq("id", id);
}'
printf '%s\n' "$body" >"evil%0A::warning file=x::name,with:colon.ts"
printf '%s\n' "$body" >"$(printf 'line\nbreak\rcarriage.ts')"
printf '%s\n' "$body" >"plain.ts"
"$TXLINT" --no-cache --format github . >"$tmp/txlint.txt" || [ $? = 1 ]
"$TXLINT" --no-cache --format sarif . >"$tmp/out.sarif" || [ $? = 1 ]
node "$TX_SOURCE_DIR/ci/tests/github-oracle.cjs" "$tmp/out.sarif" >"$tmp/oracle.txt"
[ "$(wc -l <"$tmp/oracle.txt")" -eq 3 ] || { echo "expected 3 findings:"; cat "$tmp/oracle.txt"; exit 1; } >&2
if ! cmp -s "$tmp/txlint.txt" "$tmp/oracle.txt"; then
  echo "txlint's workflow commands differ from @actions/core's:" >&2
  diff "$tmp/oracle.txt" "$tmp/txlint.txt" >&2 || true
  exit 1
fi
# Every line is exactly one command: nothing injected a second one.
[ "$(grep -c '^::' "$tmp/txlint.txt")" -eq "$(wc -l <"$tmp/txlint.txt")" ]
echo "github escaping matches @actions/core"
