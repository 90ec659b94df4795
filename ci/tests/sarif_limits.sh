#!/usr/bin/env bash
# GitHub's code scanning limits: at most 25,000 results per run. Past that, txlint keeps the
# first 25,000 (sorted by path and line), adds a toolExecutionNotification and says so on
# stderr; text output still lists everything.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/p"
python3 - "$tmp/p/many.ts" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("import { createClient } from '@supabase/supabase-js';\nconst db = createClient('u', 'k');\n")
    for i in range(25010):
        f.write(f"export async function f{i}(id: string) {{ await db.from('t{i}').delete().eq('id', id); }}\n")
PY
cd "$tmp/p"
"$TXLINT" --no-cache --format sarif --output "$tmp/r.sarif" . 2>"$tmp/err" || [ $? = 1 ]
grep -q "25000 results per run" "$tmp/err" || { echo "no stderr warning: $(cat "$tmp/err")" >&2; exit 1; }
python3 - "$tmp/r.sarif" <<'PY'
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
assert len(run["results"]) == 25000, len(run["results"])
notes = run["invocations"][0]["toolExecutionNotifications"]
assert any(n["descriptor"]["id"] == "limit" and "10 results were left out" in n["message"]["text"] for n in notes), notes
print("sarif limits: ok")
PY
n=$("$TXLINT" --no-cache --format github . | grep -c '^::error' || true)
[ "$n" = 25010 ] || { echo "github output: want 25010 annotations, got $n" >&2; exit 1; }
