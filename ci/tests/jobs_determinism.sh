#!/usr/bin/env bash
# Output must not depend on the number of threads: text and SARIF output of the whole
# testdata tree with --jobs 1 and --jobs 4 are byte-identical, and so are the exit codes.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$TX_SOURCE_DIR"
for fmt in text sarif; do
  set +e
  "$TXLINT" --jobs 1 --format "$fmt" --fail-level none testdata >"$tmp/1.$fmt" 2>"$tmp/1.err"
  rc1=$?
  "$TXLINT" --jobs 4 --format "$fmt" --fail-level none testdata >"$tmp/4.$fmt" 2>"$tmp/4.err"
  rc4=$?
  set -e
  if [ "$rc1" != "$rc4" ]; then
    echo "exit codes differ: --jobs 1 -> $rc1, --jobs 4 -> $rc4" >&2
    exit 1
  fi
  if ! cmp -s "$tmp/1.$fmt" "$tmp/4.$fmt"; then
    echo "$fmt output differs between --jobs 1 and --jobs 4:" >&2
    diff "$tmp/1.$fmt" "$tmp/4.$fmt" | head -20 >&2
    exit 1
  fi
done
[ -s "$tmp/1.sarif" ] || { echo "no SARIF output" >&2; exit 1; }
echo "jobs determinism: ok"
