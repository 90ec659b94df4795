#!/usr/bin/env bash
# ci/corpus/inventory.cjs models txlint: which files it analyses, how it counts lines, which
# folders its walk skips (and so must be named on the command line). ci/corpus/run trusts that
# model to prove the corpus run read everything, so it is checked here on a small corpus that
# has each hard case: CRLF, lone CR, no final newline, an empty file, .d.ts, dist/ build/
# coverage/ folders, a nested node_modules, a file over 5 MB. Then the inventory's own
# failures: a kind a package lacks, a subset glob matching nothing, a corpus below its minimum.
set -euo pipefail
inventory="$TX_SOURCE_DIR/ci/corpus/inventory.cjs"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
c=$tmp/corpus
a=$c/node_modules/alpha
b=$c/node_modules/@scope/beta
mkdir -p "$a/dist/esm" "$a/build" "$a/src/coverage" "$a/lib/node_modules/gamma" "$b/src" "$b/sql"
printf '{"dependencies": {"alpha": "1.0.0", "@scope/beta": "2.0.0"}}\n' >"$c/package.json"
printf '{"name": "alpha", "version": "1.0.0"}\n' >"$a/package.json"
printf '{"name": "@scope/beta", "version": "2.0.0"}\n' >"$b/package.json"
printf '# the root of the runs\n' >"$c/.txlint.yml"
printf 'module.exports = function () {\n  return 1;\n};\n' >"$a/index.js"
printf 'export const a = 1;\r\nexport const b = 2;\r\n' >"$a/dist/esm/index.mjs"
printf 'const x = new class {\r  m() {}\r};\r' >"$a/build/cr.cjs"
printf 'export type T = number;\nexport const t: T = 1' >"$a/src/nonl.ts"
: >"$a/src/coverage/empty.js"
printf 'export declare const d: number;\n' >"$a/dist/esm/index.d.ts"
printf 'module.exports = 1;\n' >"$a/lib/node_modules/gamma/index.js"
head -c $((5 * 1024 * 1024 + 1)) /dev/zero | tr '\0' ';' >"$a/dist/huge.js"
printf 'export function View() {\n  return <div>{1}</div>;\n}\n' >"$b/src/view.tsx"
printf 'create function f() returns int language plpgsql as $$ begin return 1; end $$;\n' >"$b/sql/001.sql"
printf 'export const context = 1;\n' >"$c/context.ts" # read for context by the subset run
cat >"$c/kinds.txt" <<'EOF'
alpha        commonjs cjs ts anonymous-class over-limit
@scope/beta  tsx sql plpgsql
EOF
printf 'alpha/index.js\nalpha/build\nalpha/dist/huge.js\nalpha/src\n**/*.sql\n@scope/*/src/*.tsx\n' \
  >"$c/sanitizer-subset.txt"

inv() { CORPUS_DIR=$c CORPUS_MIN_PACKAGES=2 CORPUS_MIN_LINES=10 CORPUS_MIN_SUBSET_LINES=3 node "$inventory" "$@"; }
inv check "$tmp/out" >"$tmp/inv.log"
grep -q '2 packages, 8 files, 14 lines (1 of them over 5 MB, skipped by txlint)' "$tmp/inv.log" || { cat "$tmp/inv.log"; exit 1; }
# The folders the walk skips are named: dist, build, coverage; never a nested node_modules.
printf '%s\n' node_modules/@scope/beta node_modules/alpha node_modules/alpha/build \
  node_modules/alpha/dist node_modules/alpha/src/coverage | diff - "$tmp/out/full-args.txt"
printf '%s\n' node_modules/@scope/beta/sql/001.sql node_modules/@scope/beta/src/view.tsx \
  node_modules/alpha/build/cr.cjs node_modules/alpha/dist/huge.js node_modules/alpha/index.js \
  node_modules/alpha/src/coverage/empty.js node_modules/alpha/src/nonl.ts | diff - "$tmp/out/subset-files.txt"

# txlint's --stats must read what the inventory expects, for the directory run and for the
# named files (plus the project's own files, read for context).
stats() { sed -n 's/^txlint: stats: \([0-9]*\) files, \([0-9]*\) lines,.*/\1 \2/p' "$1"; }
mapfile -t full <"$tmp/out/full-args.txt"
mapfile -t subset <"$tmp/out/subset-files.txt"
(cd "$c" && "$TXLINT" --no-cache --stats "${full[@]}" >/dev/null 2>"$tmp/full.err") || [ $? = 1 ]
[ "$(stats "$tmp/full.err")" = "$(cat "$tmp/out/full-expect.txt")" ] ||
  { echo "full run: $(stats "$tmp/full.err"), inventory: $(cat "$tmp/out/full-expect.txt")"; exit 1; }
(cd "$c" && "$TXLINT" --no-cache --stats "${subset[@]}" >/dev/null 2>"$tmp/subset.err") || [ $? = 1 ]
[ "$(stats "$tmp/subset.err")" = "$(cat "$tmp/out/subset-expect.txt")" ] ||
  { echo "subset run: $(stats "$tmp/subset.err"), inventory: $(cat "$tmp/out/subset-expect.txt")"; exit 1; }

# Each failure names its cause and exits 1.
expect_fail() {
  local want=$1
  shift
  if "$@" >"$tmp/fail.log" 2>&1; then echo "inventory passed, expected: $want"; exit 1; fi
  grep -qF "$want" "$tmp/fail.log" || { echo "expected '$want' in:"; cat "$tmp/fail.log"; exit 1; }
}
cp "$c/kinds.txt" "$tmp/kinds.txt"
printf 'alpha commonjs jsx\n@scope/beta tsx\n' >"$c/kinds.txt"
expect_fail "alpha is listed for 'jsx' but has no such file" inv check "$tmp/out"
printf 'alpha commonjs\n' >"$c/kinds.txt"
expect_fail "@scope/beta is pinned in package.json but not in kinds.txt" inv check "$tmp/out"
cp "$tmp/kinds.txt" "$c/kinds.txt"
printf 'alpha/nothing-here\n' >>"$c/sanitizer-subset.txt"
expect_fail "sanitizer-subset.txt:7: 'alpha/nothing-here' matches no file" inv check "$tmp/out"
printf 'alpha/src\n' >"$c/sanitizer-subset.txt"
expect_fail "sanitizer subset has no 'tsx' file" inv check "$tmp/out"
expect_fail "14 lines, fewer than 15" env CORPUS_DIR="$c" CORPUS_MIN_PACKAGES=2 CORPUS_MIN_LINES=15 \
  node "$inventory" check "$tmp/out"
echo "corpus inventory: ok"
