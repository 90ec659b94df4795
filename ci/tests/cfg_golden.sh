#!/usr/bin/env bash
# The control-flow graphs of testdata/cfg/shapes.ts (if/else, early return, loops with break
# and continue, while/do, switch fall-through, try/catch/finally, throw inside try,
# short-circuit and ?:, Promise.all) must match testdata/cfg/shapes.expected exactly.
# To accept an intended change: run this with UPDATE=1 and review the diff.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$TX_SOURCE_DIR/testdata/cfg/shapes.ts" "$tmp/"
(cd "$tmp" && "$TXLINT" --no-cache --dump-facts shapes.ts) | grep '^  cfg ' >"$tmp/got"
want="$TX_SOURCE_DIR/testdata/cfg/shapes.expected"
if [ "${UPDATE:-0}" = 1 ]; then
  cp "$tmp/got" "$want"
  exit 0
fi
diff -u "$want" "$tmp/got"
echo "cfg golden: ok ($(wc -l <"$want") graphs)"
