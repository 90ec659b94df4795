#!/usr/bin/env bash
# The tree-sitter runtimes (CMake TX_TREE_SITTER: 0.20 or 0.25 from the pinned npm package, or
# Debian's 0.20; README, "Benchmark", "The tree-sitter runtime") read the same grammar with the
# same findings everywhere ci/bench/ts-runtime compares them; where their error recovery
# differs, the difference is pinned here, so that a new runtime or grammar that changes it
# is seen (and README updated):
#  - valid TypeScript (shaped like @supabase/postgrest-js's select-query-parser/parser.ts):
#    a conditional type over lines whose branch holds a template literal type with an
#    escaped backtick and a quote, then a namespace, then a function with a finding: 0.20
#    reads it without a syntax error and reports the finding; 0.25's error recovery makes
#    ERROR nodes from 3:1 on and the finding is lost.
# (hostile.sh pins the other: a 13-byte TSX input that keeps 0.20's error recovery busy for
# minutes is parsed at once by 0.25.)
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
runtime=${TX_TREE_SITTER:?set by CTest: npm-0.20, npm-0.25 or debian}
fail() { echo "ts_runtime ($runtime): $*" >&2; sed 's/^/  | /' "$tmp/out" | head -20 >&2; exit 1; }
run() { # run WANT_RC FILE: txlint on FILE in $tmp, output in $tmp/out
  local rc=0
  (cd "$tmp" && timeout 60 "$TXLINT" --no-cache --color never "$2" >"$tmp/out" 2>&1) || rc=$?
  [ "$rc" = "$1" ] || fail "exit $rc on $2, want $1"
}

printf '%s\n' 'import { createClient } from "@supabase/supabase-js";' \
  'const db = createClient("u", "k");' \
  'type P<I> = string extends I' \
  '  ? G' \
  '    : E<`c \`"${A}${I}\``>' \
  'namespace Ast {' \
  '  export const n = 1;' \
  '}' \
  'export async function drop(id: string) { await db.from("calls").delete().eq("id", id); }' >"$tmp/tl.ts"
case $runtime in
debian | npm-0.20)
  run 1 tl.ts
  grep -q "^tl.ts:9:[0-9]*: error: delete on 'calls'" "$tmp/out" || fail "no finding after the namespace"
  ! grep -q '\[parse-error\]$' "$tmp/out" || fail "0.20 reads this valid TypeScript without a syntax error"
  ;;
npm-0.25)
  run 0 tl.ts
  grep -q '^tl.ts:3:1: warning: syntax error' "$tmp/out" ||
    fail "0.25 was seen to report a syntax error at 3:1 here (and to lose the finding): update README"
  ;;
*) fail "unknown runtime" ;;
esac
# The runtime compiled in is the one in the binary: no shared libtree-sitter is loaded.
if [ "$runtime" != debian ] && ldd "$TXLINT" | grep -q libtree-sitter; then
  fail "built with TX_TREE_SITTER=$runtime but links Debian's shared libtree-sitter"
fi
echo "ts_runtime ($runtime): ok"
