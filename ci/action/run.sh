#!/usr/bin/env bash
# The "Run txlint" step of ci/action/action.yml, kept in a file so ci/tests/action.sh can run
# it exactly as the action does. Inputs come as INPUT_* variables; writes `exit-code` to
# $GITHUB_OUTPUT. Runs txlint twice: annotations for the log and the PR (--format github,
# which decides the exit code) and SARIF for code scanning (the second run reads the cache
# the first one wrote, so it costs little).
set -uo pipefail
: "${TXLINT:?}" "${GITHUB_OUTPUT:?}"
read -r -a paths <<<"${INPUT_PATH:-.}"
args=(--fail-level "${INPUT_FAIL_LEVEL:-error}")
[ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")
[ -n "${INPUT_DIFF_BASE:-}" ] && args+=(--diff-base "$INPUT_DIFF_BASE")
[ -n "${INPUT_BASELINE:-}" ] && args+=(--baseline "$INPUT_BASELINE")
"$TXLINT" "${args[@]}" --format github "${paths[@]}"
code=$?
if [ "$code" != 2 ]; then
  "$TXLINT" "${args[@]}" --fail-level none --format sarif --output "${INPUT_SARIF_FILE:-txlint.sarif}" \
    "${paths[@]}" || code=2
fi
echo "exit-code=$code" >>"$GITHUB_OUTPUT"
exit 0
