#!/usr/bin/env bash
# The GitHub composite action (ci/action/action.yml): its YAML is well formed, every input it
# references exists, every run step has a shell, and it uploads SARIF with a category; its
# run step (ci/action/run.sh) is executed here as the action executes it, on the demo.
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
print("action.yml: ok")
PY
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$TX_SOURCE_DIR/testdata/demo" "$tmp/demo"
cd "$tmp/demo"
run() { GITHUB_OUTPUT="$tmp/out" TXLINT="$TXLINT" bash "$action/run.sh"; }
: >"$tmp/out"
INPUT_PATH=. INPUT_SARIF_FILE="$tmp/r.sarif" run >"$tmp/log"
grep -qx 'exit-code=1' "$tmp/out" || { echo "findings: want exit-code=1, got $(cat "$tmp/out")" >&2; exit 1; }
grep -q '^::error file=src/' "$tmp/log" || { echo "no annotations" >&2; exit 1; }
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["runs"][0]["results"]; assert len(r) >= 5, len(r)' "$tmp/r.sarif"
: >"$tmp/out"
INPUT_PATH=. INPUT_FAIL_LEVEL=none INPUT_SARIF_FILE="$tmp/r2.sarif" run >/dev/null
grep -qx 'exit-code=0' "$tmp/out" || { echo "fail-level none: $(cat "$tmp/out")" >&2; exit 1; }
: >"$tmp/out"
INPUT_PATH=. INPUT_CONFIG=missing.yml INPUT_SARIF_FILE="$tmp/r3.sarif" run >/dev/null 2>&1
grep -qx 'exit-code=2' "$tmp/out" || { echo "bad config: $(cat "$tmp/out")" >&2; exit 1; }
[ ! -e "$tmp/r3.sarif" ] || { echo "SARIF written despite a usage error" >&2; exit 1; }
echo "action: ok"
