#!/usr/bin/env bash
# --explain-schema: the tenant inference of every testdata/e2e project that has an
# expected-explain-schema.txt is printed exactly as golden-recorded, exits 0, and is the same
# with one and with several parse threads (the output is sorted, never in file-read order).
set -euo pipefail
shopt -s nullglob
status=0
for golden in "$TX_SOURCE_DIR"/testdata/e2e/*/expected-explain-schema.txt; do
  project=$(dirname "$golden")
  for jobs in 1 4; do
    if ! out=$(cd "$project" && "$TXLINT" --no-cache --jobs "$jobs" --explain-schema .); then
      echo "$project: --explain-schema failed" >&2
      status=1
    elif [ "$out" != "$(cat "$golden")" ]; then
      echo "$project (--jobs $jobs): --explain-schema differs from $golden:" >&2
      diff "$golden" <(printf '%s\n' "$out") >&2 || true
      status=1
    fi
  done
done
[ $status -eq 0 ] && echo "explain-schema: ok"
exit $status
