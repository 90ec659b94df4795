#!/usr/bin/env bash
# --baseline: results matched by fingerprint get baselineState new/unchanged/updated, gone
# ones come back as absent (SARIF only); text output and the exit code count only new ones;
# the SARIF still validates; a bad baseline is a usage error (exit 2) and never blocks.
set -euo pipefail
tools="$TX_SOURCE_DIR/ci/tools/node_modules"
multitool="$tools/@microsoft/sarif-multitool-linux/Sarif.Multitool"
[ -x "$multitool" ] || { echo "validators missing: run ci/setup" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/p/src"
cd "$tmp/p"
cat >src/a.ts <<'TS'
import { createClient } from '@supabase/supabase-js';
const db = createClient('u', 'k');
export async function three(id: string) { await db.from('tasks').update({ a: 1 }).eq('id', id); }
export async function one(id: string) { await db.from('calls').delete().eq('id', id); }
export async function two(id: string) { await db.from('notes').delete().eq('id', id); }
TS
"$TXLINT" --no-cache --format sarif --output "$tmp/base.sarif" . || [ $? = 1 ]
# Now: `three` stays (unchanged), `one` moves down a line (updated: same fingerprint, other
# location), `two` is fixed (absent), `four` is new.
cat >src/a.ts <<'TS'
import { createClient } from '@supabase/supabase-js';
const db = createClient('u', 'k');
export async function three(id: string) { await db.from('tasks').update({ a: 1 }).eq('id', id); }
// a comment that moves `one` down
export async function one(id: string) { await db.from('calls').delete().eq('id', id); }
export async function two(id: string, org: string) { await db.from('notes').delete().eq('id', id).eq('org_id', org); }
export async function four(id: string) { await db.from('files').delete().eq('id', id); }
TS
set +e
"$TXLINT" --no-cache --format sarif --baseline "$tmp/base.sarif" --output "$tmp/now.sarif" .
rc=$?
set -e
[ "$rc" = 1 ] || { echo "one new error: expected exit 1, got $rc" >&2; exit 1; }
node -e '
const run = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).runs[0];
const by = {};
for (const r of run.results) by[r.message.text.match(/on .(\w+)./)[1]] = r;
const want = { calls: "updated", notes: "absent", tasks: "unchanged", files: "new" };
for (const [t, s] of Object.entries(want)) {
  if (!by[t] || by[t].baselineState !== s) throw new Error(t + ": want " + s + ", got " + (by[t] && by[t].baselineState));
}
if (run.results.length !== 4) throw new Error("results: " + run.results.length);
const loc = by.notes.locations[0].physicalLocation;
if (loc.artifactLocation.uri !== "src/a.ts" || loc.region.startLine !== 5) throw new Error("absent location " + JSON.stringify(loc));
console.log("baseline states: ok");
' "$tmp/now.sarif"
node "$TX_SOURCE_DIR/ci/tests/validate-sarif.cjs" "$TX_SOURCE_DIR/testdata/schema/sarif-schema-2.1.0.json" "$tmp/now.sarif"
"$multitool" validate "$tmp/now.sarif" --rule-kind "Sarif;Gh" --level "Error;Warning" -o "$tmp/v.sarif" >/dev/null
node "$TX_SOURCE_DIR/ci/tests/count-multitool.cjs" "$tmp/v.sarif"
# Text output: only the new finding, and a count of the known ones.
text=$("$TXLINT" --no-cache --baseline "$tmp/base.sarif" . || true)
echo "$text" | grep -q "'files'" || { echo "new finding missing from text" >&2; exit 1; }
if echo "$text" | grep -q "'tasks'\|'calls'"; then echo "known findings shown in text" >&2; exit 1; fi
echo "$text" | grep -q "2 already in the baseline" || { echo "no baseline count: $text" >&2; exit 1; }
# Against itself: nothing new, exit 0.
"$TXLINT" --no-cache --format sarif --output "$tmp/self.sarif" . || [ $? = 1 ]
"$TXLINT" --no-cache --baseline "$tmp/self.sarif" . >/dev/null
# Bad baselines: exit 2 with a message, never a hang or a crash.
expect_usage() {
  local what=$1; shift
  set +e
  msg=$(timeout 10 "$TXLINT" --no-cache "$@" . 2>&1 >/dev/null)
  rc=$?
  set -e
  [ "$rc" = 2 ] || { echo "$what: expected exit 2, got $rc" >&2; exit 1; }
  echo "$msg" | grep -q "txlint: --baseline" || { echo "$what: message: $msg" >&2; exit 1; }
}
expect_usage missing --baseline "$tmp/nope.sarif"
printf '{"runs": [' >"$tmp/trunc.sarif"
expect_usage truncated --baseline "$tmp/trunc.sarif"
printf '{"version": "2.1.0"}' >"$tmp/norun.sarif"
expect_usage no-runs --baseline "$tmp/norun.sarif"
printf '{"runs": [{"results": 7}]}' >"$tmp/badresults.sarif"
expect_usage bad-results --baseline "$tmp/badresults.sarif"
mkfifo "$tmp/fifo.sarif"
expect_usage fifo --baseline "$tmp/fifo.sarif"
expect_usage directory --baseline "$tmp"
# Wrong types inside results are skipped, not fatal.
printf '{"runs":[{"results":[{"ruleId":5},{"partialFingerprints":{"txlint/v1":[]}},null,"x"]}]}' >"$tmp/odd.sarif"
"$TXLINT" --no-cache --baseline "$tmp/odd.sarif" . >/dev/null || [ $? = 1 ]
echo "baseline: ok"
