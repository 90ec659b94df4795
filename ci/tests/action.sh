#!/usr/bin/env bash
# The GitHub composite action (ci/action/action.yml): its YAML is well formed, every input it
# references exists, every run step has a shell, and it uploads SARIF with a category whenever
# txlint wrote one; its run step (ci/action/run.sh) is executed here as the action executes
# it, on the demo plus a suppressed finding and a file with more errors than GitHub
# annotates: txlint runs once, the job summary (counts per rule and level, new against a
# baseline, a table linking to the lines), the log line when annotations are cut, suppressed
# results left out of the SARIF unless keep-suppressed, exit 2 with and without a SARIF.
set -euo pipefail
action="$TX_SOURCE_DIR/ci/action"
python3 - "$action/action.yml" <<'PY'
import re, sys, yaml
a = yaml.safe_load(open(sys.argv[1]))
inputs = set(a["inputs"])
assert a["runs"]["using"] == "composite", "not a composite action"
text = open(sys.argv[1]).read()
for name in re.findall(r"inputs\.([A-Za-z0-9_-]+)", text):
    assert name in inputs, "unknown input referenced: " + name
steps = a["runs"]["steps"]
for s in steps:
    if "run" in s:
        assert "shell" in s, "run step without shell: " + s.get("name", "?")
up = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
assert up and up[0]["with"]["category"] and up[0]["with"]["sarif_file"], "no SARIF upload with a category"
assert any("run.sh" in s.get("run", "") for s in steps), "run step does not use run.sh"
assert "sarif-written == 'true'" in up[0]["if"] and "exit-code" not in up[0]["if"], up[0]["if"]
assert a["inputs"]["keep-suppressed"]["default"] == "false"
print("action.yml: ok")
PY
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$TX_SOURCE_DIR/testdata/demo" "$tmp/demo"
cd "$tmp/demo"
git init -q .
{
  printf 'import { createClient } from "@supabase/supabase-js";\nconst db = createClient("u", "k");\n'
  printf 'export async function purge(id: string) {\n'
  printf '  // txlint-ignore tenant-filter -- reviewed | admin only\n  await db.from("calls").delete().eq("id", id);\n'
  for i in $(seq 1 11); do printf '  await db.from("calls").delete().eq("id", id + "%s");\n' "$i"; done
  printf '}\n'
} >src/many.ts
# A wrapper that counts txlint's runs.
printf '#!/bin/sh\necho run >>"%s/runs"\nexec "%s" "$@"\n' "$tmp" "$TXLINT" >"$tmp/txlint"
chmod +x "$tmp/txlint"
run() { GITHUB_OUTPUT="$tmp/out" GITHUB_STEP_SUMMARY="$tmp/summary.md" TXLINT="$tmp/txlint" \
  GITHUB_REPOSITORY=o/r GITHUB_SHA=abc123 GITHUB_SERVER_URL=https://github.example bash "$action/run.sh"; }
fail() { echo "action.sh: $*" >&2; exit 1; }
: >"$tmp/out"
INPUT_PATH=. INPUT_SARIF_FILE="$tmp/r.sarif" run >"$tmp/log"
grep -qx 'exit-code=1' "$tmp/out" || fail "findings: want exit-code=1, got $(cat "$tmp/out")"
grep -qx 'sarif-written=true' "$tmp/out" || fail "sarif-written: $(cat "$tmp/out")"
[ "$(wc -l <"$tmp/runs")" = 1 ] || fail "txlint ran $(wc -l <"$tmp/runs") times, want once"
grep -q '^::error file=src/' "$tmp/log" || fail "no annotations"
grep -q '^txlint: GitHub shows at most 10 error annotations per step; this run has [0-9][0-9]* errors' "$tmp/log" ||
  fail "no log line about cut annotations: $(grep -v '^::' "$tmp/log")"
grep -q '^txlint: 1 suppressed results left out of the SARIF upload' "$tmp/log" || fail "no line about suppressed results"
python3 - "$tmp/r.sarif" "$tmp/summary.md" <<'PY'
import json, re, sys
res = json.load(open(sys.argv[1]))["runs"][0]["results"]
assert len(res) >= 15, len(res)
assert not any(r.get("suppressions") for r in res), "a suppressed result is still in the SARIF"
md = open(sys.argv[2]).read()
assert md.startswith("## txlint\n"), md[:80]
assert re.search(r"^\| `tenant-filter` \| 1[0-9] \| 0 \| 0 \|$", md, re.M), "no per-rule counts:\n" + md
row = re.search(r"^\| error \| `tenant-filter` \| \[src/many\.ts:7\]\(https://github\.example/o/r/blob/abc123/src/many\.ts#L7\) \| delete on 'calls' has no filter", md, re.M)
assert row, "no linked finding row:\n" + md
assert "reviewed" not in md, "the suppressed finding is in the summary"
assert "1 suppressed" in md
PY
# keep-suppressed keeps them; a baseline gives the New column.
: >"$tmp/out"
: >"$tmp/summary.md"
INPUT_PATH=. INPUT_KEEP_SUPPRESSED=true INPUT_SARIF_FILE="$tmp/kept.sarif" run >/dev/null
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["runs"][0]["results"]; assert sum(1 for x in r if x.get("suppressions")) == 1' "$tmp/kept.sarif"
printf '  await db.from("calls").delete().eq("id", "new");\n}\n' >>src/many.ts
sed -i '$!{/^}$/d}' src/many.ts
: >"$tmp/out"
: >"$tmp/summary.md"
INPUT_PATH=. INPUT_BASELINE="$tmp/r.sarif" INPUT_SARIF_FILE="$tmp/b.sarif" run >/dev/null
grep -q '| Rule | Errors | Warnings | Notes | New |' "$tmp/summary.md" || fail "no New column: $(cat "$tmp/summary.md")"
grep -q '^| `tenant-filter` | [0-9][0-9]* | 0 | 0 | 1 |$' "$tmp/summary.md" || fail "new count: $(cat "$tmp/summary.md")"
grep -q '^1 errors, 0 warnings' "$tmp/summary.md" || fail "summary line: $(head -3 "$tmp/summary.md")"
# Exit 2 with a SARIF (an unreadable path; the rest is analysed): still uploaded.
: >"$tmp/out"
INPUT_PATH=". no-such-dir" INPUT_SARIF_FILE="$tmp/partial.sarif" run >/dev/null 2>&1
grep -qx 'exit-code=2' "$tmp/out" && grep -qx 'sarif-written=true' "$tmp/out" || fail "exit 2 with SARIF: $(cat "$tmp/out")"
[ -s "$tmp/partial.sarif" ] || fail "no partial SARIF"
: >"$tmp/out"
INPUT_PATH=. INPUT_FAIL_LEVEL=none INPUT_SARIF_FILE="$tmp/r2.sarif" run >/dev/null
grep -qx 'exit-code=0' "$tmp/out" || { echo "fail-level none: $(cat "$tmp/out")" >&2; exit 1; }
: >"$tmp/out"
INPUT_PATH=. INPUT_CONFIG=missing.yml INPUT_SARIF_FILE="$tmp/r3.sarif" run >/dev/null 2>&1
grep -qx 'exit-code=2' "$tmp/out" || { echo "bad config: $(cat "$tmp/out")" >&2; exit 1; }
grep -qx 'sarif-written=false' "$tmp/out" || fail "a usage error must not upload: $(cat "$tmp/out")"
[ ! -e "$tmp/r3.sarif" ] || { echo "SARIF written despite a usage error" >&2; exit 1; }
echo "action: ok"
