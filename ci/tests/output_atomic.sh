#!/usr/bin/env bash
# --output writes through a temporary file renamed into place: a run that cannot write
# exits 2 and leaves neither a partial file nor a temporary one; a successful run replaces
# an older report whole. Also pins --version, --list-rules and a bad flag's exit code.
set -euo pipefail
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
mkdir -p "$tmp/p"
printf 'import { createClient } from "@supabase/supabase-js";\nconst db = createClient("u", "k");\nexport async function f(id: string) { await db.from("calls").delete().eq("id", id); }\n' >"$tmp/p/a.ts"
cd "$tmp/p"
echo "old report" >"$tmp/report.sarif"
set +e
"$TXLINT" --no-cache --format sarif --output "$tmp/report.sarif" .
rc=$?
set -e
[ "$rc" = 1 ] || { echo "expected exit 1 with a finding, got $rc" >&2; exit 1; }
node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$tmp/report.sarif"
grep -q '"tenant-filter"' "$tmp/report.sarif"
[ -z "$(ls "$tmp" | grep -v '^p$' | grep -v '^report.sarif$')" ] || { echo "temporary files left: $(ls "$tmp")" >&2; exit 1; }
# A folder that does not exist: exit 2, a message naming the path, nothing written.
set +e
err=$("$TXLINT" --no-cache --output "$tmp/missing/report.txt" . 2>&1 >/dev/null)
rc=$?
set -e
[ "$rc" = 2 ] || { echo "unwritable output: exit $rc, expected 2" >&2; exit 1; }
echo "$err" | grep -q "missing/report.txt" || { echo "message does not name the path: $err" >&2; exit 1; }
[ ! -e "$tmp/missing" ]
"$TXLINT" --version | grep -qE '^txlint [0-9]+\.[0-9]+\.[0-9]+$'
"$TXLINT" --list-rules | grep -q '^tenant-filter '
set +e
"$TXLINT" --bogus >/dev/null 2>&1
rc=$?
set -e
[ "$rc" = 2 ] || { echo "bad flag: exit $rc, expected 2" >&2; exit 1; }
echo "output: ok"
