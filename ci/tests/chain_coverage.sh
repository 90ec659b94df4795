#!/usr/bin/env bash
# ci/tools/chain-coverage: the text search counts write chains (not reads, not commented-out
# ones, not an insert after the chain's statement ended), txlint's side counts live write
# facts only, and the ratio follows. A project of three write chains, one on a client txlint
# cannot know (`mystery`), must read 3 against 2.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/proj/src" "$tmp/proj/node_modules/x"
cat >"$tmp/proj/src/a.ts" <<'TS'
import { createClient } from '@supabase/supabase-js';
const supabase = createClient('u', 'k');
export async function f(id: string, mystery: { from(t: string): any }) {
  await supabase.from('a').update({ x: 1 }).eq('id', id);
  await supabase
    .from('b')
    .insert({ id });
  await supabase.from('c').select('*');
  list.insert(1);
  // await supabase.from('d').delete();
  /* await supabase.from('e').upsert({}); */
  await mystery.from('f').delete().eq('id', id);
}
TS
# Skipped like txlint skips it.
cp "$tmp/proj/src/a.ts" "$tmp/proj/node_modules/x/a.ts"
out=$(python3 "$TX_SOURCE_DIR/ci/tools/chain-coverage" --txlint "$TXLINT" --list "$tmp/proj")
echo "$out"
echo "$out" | grep -qE '^proj +3 +2 +67%$' || { echo "FAIL: want grep 3, txlint 2, 67%" >&2; exit 1; }
echo "$out" | grep -qE '^ +src/a.ts: grep 3, txlint 2$' || { echo "FAIL: per-file list" >&2; exit 1; }
if python3 "$TX_SOURCE_DIR/ci/tools/chain-coverage" --txlint "$TXLINT" "$tmp/none" 2>/dev/null; then
  echo "FAIL: a missing folder must fail" >&2
  exit 1
fi
echo "chain_coverage: ok"
