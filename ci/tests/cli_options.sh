#!/usr/bin/env bash
# README's options table ("Usage") lists exactly the options `txlint --help` lists, in the same
# order and with the same value names. --help comes from the option table in
# analyzer/config/cli.c, which the parser reads too, so this keeps the three in step: an option
# added to the table without its README row (or a row for an option that went) fails here.
set -euo pipefail
readme="$TX_SOURCE_DIR/README.md"
help=$("$TXLINT" --help)

# --help: "  --name VALUE    text" (a name too long for its column stands alone on its line).
from_help=$(sed -n 's/^  \(--[a-z][a-z-]*\( [^ ]\+\)\?\)\( .*\)\?$/\1/p' <<<"$help")

# README: the rows after "| option | meaning |"; every `--...` span of the first cell, whose
# `\|` is a literal bar (the cell ends at the first unescaped one).
from_readme=$(awk '
  /^\| option \| meaning \|$/ { on = 1; next }
  on && !/^\|/ { exit }
  on && /^\|---/ { next }
  on {
    row = substr($0, 3)
    gsub(/\\\|/, "\001", row)
    cell = substr(row, 1, index(row, "|") - 1)
    while (match(cell, /`--[^`]*`/)) {
      opt = substr(cell, RSTART + 1, RLENGTH - 2)
      gsub(/\001/, "|", opt)
      print opt
      cell = substr(cell, RSTART + RLENGTH)
    }
  }' "$readme")

if [ -z "$from_help" ] || [ -z "$from_readme" ]; then
  echo "cli_options: no options found (--help: ${#from_help} bytes, README table: ${#from_readme})" >&2
  exit 1
fi
if [ "$from_help" != "$from_readme" ]; then
  echo "cli_options: README.md's options table and txlint --help differ (< --help, > README):" >&2
  diff <(echo "$from_help") <(echo "$from_readme") >&2 || true
  exit 1
fi
echo "cli_options: ok ($(wc -l <<<"$from_help") options)"
