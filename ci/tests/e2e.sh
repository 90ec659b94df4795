#!/usr/bin/env bash
# End to end: txlint on the demo project and on every project in testdata/e2e/ must report
# exactly the findings in the project's expected-findings.txt ("path:line: rule-id", sorted)
# and exit with expected-exit-code (default 1 when findings are expected, else 0).
set -euo pipefail
shopt -s nullglob
status=0
for project in "$TX_SOURCE_DIR/testdata/demo" "$TX_SOURCE_DIR"/testdata/e2e/*/; do
  project=${project%/}
  name=${project#"$TX_SOURCE_DIR"/}
  expected="$project/expected-findings.txt"
  [ -f "$expected" ] || { echo "$name: no expected-findings.txt" >&2; status=1; continue; }
  want_rc=1
  [ -s "$expected" ] || want_rc=0
  [ -f "$project/expected-exit-code" ] && want_rc=$(cat "$project/expected-exit-code")
  set +e
  out=$(cd "$project" && "$TXLINT" --no-cache --color never . 2>&1)
  rc=$?
  set -e
  got=$(printf '%s\n' "$out" | sed -nE 's/^(.+):([0-9]+):[0-9]+: (error|warning|note): .* \[([a-z0-9-]+)\]$/\1:\2: \4/p' | sort)
  if [ "$got" != "$(sort "$expected")" ] || [ "$rc" != "$want_rc" ]; then
    echo "$name: exit $rc (want $want_rc); findings differ from expected-findings.txt:" >&2
    diff <(sort "$expected") <(printf '%s\n' "$got" | sed '/^$/d') >&2 || true
    printf '%s\n' "$out" | tail -5 >&2
    status=1
  else
    echo "$name: ok ($(printf '%s\n' "$got" | sed '/^$/d' | wc -l) findings, exit $rc)"
  fi
done
exit $status
