#!/usr/bin/env bash
# txlint itself installs the fatal-signal report (analyzer/crash.c; the unit test test_crash
# covers the handler's cases): a txlint stopped while writing its output (a reader that does
# not read) and sent SIGSEGV writes the one line naming the phase and exits 3. In a sanitizer
# build the sanitizer's own report follows the line and its exit status applies.
set -euo pipefail
tmp=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
mkdir -p "$tmp/p"
cd "$tmp/p"
git init -q .
# 1000 findings, 270 KB of text: more than a pipe holds, so the output cannot end (the phase
# stays "writing the output") while only one byte is read.
for i in $(seq 1 1000); do
  printf 'import { createClient } from "@supabase/supabase-js";\nconst db = createClient("u", "k");\nexport async function f(id: string) { await db.from("calls").delete().eq("id", id); }\n' >"f$i.ts"
done
mkfifo "$tmp/out"
"$TXLINT" --no-cache . >"$tmp/out" 2>"$tmp/err" &
pid=$!
exec 3<"$tmp/out"
read -r -N 1 -u 3 _ || { echo "crash_report: txlint wrote nothing" >&2; exit 1; }
kill -SEGV "$pid"
status=0
wait "$pid" || status=$?
pid=
exec 3<&-
version=$("$TXLINT" --version | sed 's/^txlint //')
want="txlint $version: internal error: signal 11 (SIGSEGV) while writing the output; please report it"
first=$(head -n 1 "$tmp/err")
if [ "$first" != "$want" ]; then
  echo "crash_report: stderr starts with '$first', want '$want'" >&2
  exit 1
fi
if grep -q '^TX_SANITIZE:BOOL=ON' "${TX_BUILD_DIR:-/nonexistent}/CMakeCache.txt" 2>/dev/null; then
  grep -q 'AddressSanitizer' "$tmp/err" || { echo "crash_report: no sanitizer report after the line" >&2; exit 1; }
else
  [ "$status" = 3 ] || { echo "crash_report: exit status $status, want 3" >&2; exit 1; }
  [ "$(wc -l <"$tmp/err")" = 1 ] || { echo "crash_report: more than one line on stderr" >&2; cat "$tmp/err" >&2; exit 1; }
fi
echo "crash_report: ok"
