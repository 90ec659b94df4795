#!/usr/bin/env bash
# The "Run txlint" step of ci/action/action.yml, kept in a file so ci/tests/action.sh can run
# it exactly as the action does. Inputs come as INPUT_* variables; writes `exit-code` and
# `sarif-written` to $GITHUB_OUTPUT. Runs txlint once: annotations for the log and the pull
# request (--format github on stdout), SARIF for code scanning and txlint's json report for
# the job summary (summary.cjs), all from the same analysis.
#
# Exit 2 is not always "cannot run": files left unanalysed by the run budget or unreadable
# files give exit 2 with a complete report of the rest. So the SARIF is uploaded whenever
# txlint wrote one (its notifications name what was skipped); a usage error or a crash
# writes none, and nothing is uploaded.
set -uo pipefail
: "${TXLINT:?}" "${GITHUB_OUTPUT:?}"
read -r -a paths <<<"${INPUT_PATH:-.}"
sarif="${INPUT_SARIF_FILE:-txlint.sarif}"
report="$(mktemp "${RUNNER_TEMP:-/tmp}/txlint-report.XXXXXX.json")"
rm -f "$sarif"
args=(--fail-level "${INPUT_FAIL_LEVEL:-error}")
[ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")
[ -n "${INPUT_DIFF_BASE:-}" ] && args+=(--diff-base "$INPUT_DIFF_BASE")
[ -n "${INPUT_BASELINE:-}" ] && args+=(--baseline "$INPUT_BASELINE")
"$TXLINT" "${args[@]}" --format github --format "sarif:$sarif" --format "json:$report" "${paths[@]}"
code=$?
written=false
if [ -s "$sarif" ] && [ -s "$report" ]; then
  written=true
  node "$(dirname "$0")/summary.cjs" "$report" "$sarif" "${INPUT_KEEP_SUPPRESSED:-false}" ||
    echo "::warning::txlint: the job summary could not be written"
fi
rm -f "$report"
echo "exit-code=$code" >>"$GITHUB_OUTPUT"
echo "sarif-written=$written" >>"$GITHUB_OUTPUT"
exit 0
