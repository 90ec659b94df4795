#!/usr/bin/env bash
# Both front ends cap a file's syntax-error notices the same way (ir/ir.h,
# tx_syntax_error_shown and tx_syntax_errors_hidden; README, "Limits"): a file with 23 errors
# shows 20 of them and one notice "3 more ... not shown"; a file with 20 shows all 20 and no
# such notice.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
for n in 20 23; do
  mkdir -p "$tmp/$n"
  for i in $(seq "$n"); do echo "const a$i = ;"; done >"$tmp/$n/a.ts"
  for i in $(seq "$n"); do echo "create tabel t$i (id int);"; done >"$tmp/$n/b.sql"
  # Named: a.ts holds no seed token, and a file that cannot matter is only parsed when named
  # (README, "Files that cannot matter").
  (cd "$tmp/$n" && "$TXLINT" --no-cache --color never a.ts b.sql >"$tmp/out.$n" 2>&1) || true
done
# expect FILE PATTERN COUNT: COUNT lines of FILE match PATTERN.
expect() {
  local got
  got=$(grep -cE -- "$2" "$1" || true)
  if [ "$got" != "$3" ]; then
    echo "FAIL: $1: $got lines match /$2/, want $3" >&2
    sed 's/^/  | /' "$1" | tail -5 >&2
    fails=$((fails + 1))
  fi
}
expect "$tmp/out.23" '^a\.ts:[0-9]+:[0-9]+: warning: syntax error' 20
expect "$tmp/out.23" '^a\.ts: warning: 3 more syntax errors not shown \[parse-error\]$' 1
expect "$tmp/out.23" '^b\.sql:[0-9]+:[0-9]+: warning: SQL syntax error' 20
expect "$tmp/out.23" '^b\.sql: warning: 3 more SQL syntax errors not shown \[parse-error\]$' 1
expect "$tmp/out.20" '^a\.ts:[0-9]+:[0-9]+: warning: syntax error' 20
expect "$tmp/out.20" '^b\.sql:[0-9]+:[0-9]+: warning: SQL syntax error' 20
expect "$tmp/out.20" 'not shown' 0
[ "$fails" = 0 ] && echo "syntax_error_cap: ok"
exit "$fails"
