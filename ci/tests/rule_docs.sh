#!/usr/bin/env bash
# A rule's summary and description live in its document's front matter (rules/<id>.md,
# `summary:` and `description: >-`), taken out by analyzer/embed_docs.cmake at build time. A
# document that lacks either, or has it empty or in another shape, fails the build with a
# message naming it; the intact documents give exactly the build's embedded file.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# DOCS_DIR -> $tmp/out.c, and CMake's messages (wrapped at 80 columns) in $tmp/err.
embed() {
  cmake -DOUT="$tmp/out.c" -DDOCS_DIR="$1" -P "$TX_SOURCE_DIR/analyzer/embed_docs.cmake" \
    2>"$tmp/err" >/dev/null
}
status=0
mkdir "$tmp/ok"
cp "$TX_SOURCE_DIR"/rules/*.md "$tmp/ok/"
if ! embed "$tmp/ok"; then
  echo "rule_docs: the repository's documents do not embed:" >&2
  cat "$tmp/err" >&2
  exit 1
fi
if ! cmp -s "$tmp/out.c" "$TX_BUILD_DIR/rule_docs.c"; then
  echo "rule_docs: $TX_BUILD_DIR/rule_docs.c is not what rules/*.md give" >&2
  status=1
fi

# broken NAME WANT SED-SCRIPT: tenant-filter.md edited by SED-SCRIPT must fail with WANT.
broken() {
  local name=$1 want=$2 script=$3 dir="$tmp/$1"
  mkdir "$dir"
  cp "$TX_SOURCE_DIR"/rules/*.md "$dir/"
  sed -i "$script" "$dir/tenant-filter.md"
  if cmp -s "$dir/tenant-filter.md" "$TX_SOURCE_DIR/rules/tenant-filter.md"; then
    echo "rule_docs: $name: the edit changed nothing (has the document's shape changed?)" >&2
    status=1
  elif embed "$dir"; then
    echo "rule_docs: $name: embedded without an error" >&2
    status=1
  elif ! tr -s ' \n' '  ' <"$tmp/err" | grep -qF "tenant-filter.md: $want"; then
    echo "rule_docs: $name: expected '$want', got:" >&2
    cat "$tmp/err" >&2
    status=1
  fi
}
broken no-summary "the front matter has no 'summary:'" '/^summary: /d'
broken empty-summary "the front matter's 'summary:' is empty or malformed" 's/^summary: .*/summary: /'
broken summary-below "the front matter has no 'summary:'" \
  '/^summary: /d; s/^## What it flags$/summary: not in the front matter\n&/'
broken no-description "the front matter has no 'description: >-'" '/^description: >-$/d'
broken description-unindented "the front matter's 'description: >-' is empty or malformed" \
  '/^description: >-$/,/^---$/s/^  //'
broken no-front-matter "no front matter" '1d'
[ $status -eq 0 ] && echo "rule_docs: ok"
exit $status
