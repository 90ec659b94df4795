#!/usr/bin/env bash
# The persistent cache: a second run reads every unchanged file from the cache and gives
# byte-identical output; a changed file is re-parsed; a corrupt pack is ignored (same output,
# pack rewritten); --no-cache neither reads nor writes it.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$TX_SOURCE_DIR/testdata" "$tmp/project"
cd "$tmp/project"
run() { "$TXLINT" --cache-dir "$tmp/cache" --format sarif --fail-level none --stats "$@" . \
  >"$tmp/out.sarif" 2>"$tmp/stats.txt" || { cat "$tmp/stats.txt" >&2; exit 1; }; }
hits() { sed -n 's/.* \([0-9]*\) from cache.*/\1/p' "$tmp/stats.txt"; }
files() { sed -n 's/.*stats: \([0-9]*\) files.*/\1/p' "$tmp/stats.txt"; }

"$TXLINT" --no-cache --format sarif --fail-level none . >"$tmp/reference.sarif" 2>/dev/null || true
run
[ "$(hits)" = 0 ] || { echo "cold run had cache hits: $(hits)" >&2; exit 1; }
pack=$(ls "$tmp"/cache/pack-v*.bin 2>/dev/null | sed -n 1p)
[ -n "$pack" ] || { echo "no pack written" >&2; exit 1; }
run
cmp -s "$tmp/out.sarif" "$tmp/reference.sarif" || { echo "warm output differs" >&2; exit 1; }
loadable=$(( $(files) ))
[ "$(hits)" -gt 0 ] || { echo "warm run used no cache entry" >&2; exit 1; }
echo "warm: $(hits) of $loadable files from cache"

# Change one TypeScript file: exactly one fewer hit. One that matters (it names supabase): a
# file that cannot matter is not parsed, so never read from the cache either.
victim=$(grep -rl --include='*.ts' supabase . | sort | sed -n 1p) # sed reads it all: head could close the pipe early, and sort dies of SIGPIPE under pipefail
before=$(hits)
echo "// changed" >>"$victim"
run
[ "$(hits)" -eq $((before - 1)) ] || { echo "changed file: hits $(hits), expected $((before - 1))" >&2; exit 1; }

# A corrupt pack is ignored and rewritten.
printf 'TXLCACHE garbage' >"$pack"
run
[ "$(hits)" = 0 ] || { echo "corrupt pack was trusted" >&2; exit 1; }
run
[ "$(hits)" -gt 0 ] || { echo "pack not rebuilt after corruption" >&2; exit 1; }

# --no-cache writes nothing.
rm -rf "$tmp/cache2"
"$TXLINT" --no-cache --cache-dir "$tmp/cache2" --fail-level none . >/dev/null 2>&1 || true
[ ! -e "$tmp/cache2" ] || { echo "--no-cache wrote a cache" >&2; exit 1; }
echo "cache: ok"
