#!/usr/bin/env bash
# The project root comes from the first PATH, never from the current directory (README
# "Usage"), and SARIF stays valid wherever txlint is started: every log written here passes
# the OASIS schema (ajv) and `Sarif.Multitool validate --rule-kind "Sarif;Gh"` with no error
# and no warning. Which files a run reads is taken from --dump-facts ("file <path>" lines) and
# --stats ("N files"), so a run that reads a whole unrelated folder fails.
set -euo pipefail
tools="$TX_SOURCE_DIR/ci/tools/node_modules"
multitool="$tools/@microsoft/sarif-multitool-linux/Sarif.Multitool"
[ -x "$multitool" ] || { echo "validators missing: run ci/setup" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tmp=$(cd "$tmp" && pwd -P)
# A home of our own: the runs below start from it, and it holds what a real one might (a
# dotfiles repository, a stray package.json, many unrelated files).
export HOME="$tmp/home"
mkdir -p "$HOME/junk"
(cd "$HOME" && git init -q . && echo '{}' >package.json)
for i in $(seq 1 40); do echo "export const v$i = $i;" >"$HOME/junk/f$i.ts"; done

finding='import { createClient } from "@supabase/supabase-js";
const db = createClient("u", "k");
export async function f(id: string) { await db.from("calls").delete().eq("id", id); }'
put() { mkdir -p "$(dirname "$1")" && printf '%s\n' "$finding" >"$1"; }
fail() {
  echo "project_root: $*" >&2
  exit 1
}
sarifs=()
# run NAME [txlint args...]: SARIF into $tmp/NAME.sarif (exit 0 or 1), checked later.
run() {
  local name=$1
  shift
  "$TXLINT" --no-cache --format sarif --output "$tmp/$name.sarif" "$@" || [ $? = 1 ] ||
    fail "$name: txlint failed"
  sarifs+=("$tmp/$name.sarif")
}
# files [txlint args...]: the files read, as shown, sorted, one a line.
files() { "$TXLINT" --no-cache --dump-facts "$@" | sed -n 's/^file \(.*\) ([a-z]*)$/\1/p' | sort; }
expect_files() {
  local got=$1 want=$2 what=$3
  [ "$got" = "$want" ] || fail "$what: read
$got
want
$want"
}
# srcroot NAME: the run's %SRCROOT%; uris NAME: every artifact URI with its base, sorted.
srcroot() { node -e 'const l=JSON.parse(require("fs").readFileSync(process.argv[1]));
console.log(l.runs[0].originalUriBaseIds["%SRCROOT%"].uri)' "$tmp/$1.sarif"; }
uris() { node -e 'const l=JSON.parse(require("fs").readFileSync(process.argv[1]));
const out=new Set();
for (const r of l.runs[0].results) for (const x of r.locations) {
  const a=x.physicalLocation.artifactLocation; out.add(a.uri+" "+(a.uriBaseId||"-")); }
console.log([...out].sort().join("\n"))' "$tmp/$1.sarif"; }

# Two repositories and a folder without any marker.
mkdir -p "$tmp/repo-a" "$tmp/repo-b"
(cd "$tmp/repo-a" && git init -q .)
(cd "$tmp/repo-b" && git init -q .)
put "$tmp/repo-a/src/a.ts"
put "$tmp/repo-b/src/b.ts"
put "$tmp/plain/x.ts"
put "$tmp/plain/sub/y.ts"

# 1. Started in repo-a, analysing repo-b: repo-b is the root.
cd "$tmp/repo-a"
run other-repo "$tmp/repo-b"
[ "$(srcroot other-repo)" = "file://$tmp/repo-b/" ] || fail "other-repo: %SRCROOT% $(srcroot other-repo)"
[ "$(uris other-repo)" = "src/b.ts %SRCROOT%" ] || fail "other-repo: uris $(uris other-repo)"
# ... and a folder with no marker at all is its own root.
run plain-dir "$tmp/plain"
[ "$(srcroot plain-dir)" = "file://$tmp/plain/" ] || fail "plain-dir: %SRCROOT% $(srcroot plain-dir)"
[ "$(uris plain-dir)" = "sub/y.ts %SRCROOT%
x.ts %SRCROOT%" ] || fail "plain-dir: uris $(uris plain-dir)"
# A sub-folder of repo-b named from elsewhere: still repo-b's root, paths relative to it.
expect_files "$(files "$tmp/repo-b/src")" "src/b.ts" "repo-b/src from repo-a"

# 2. A file named from an unrelated folder reads its own project only: from $HOME (a dotfiles
# repository with a package.json and 40 other files) and from `/`.
mkdir -p "$HOME/work/proj/supabase/migrations"
echo '{"name":"proj"}' >"$HOME/work/proj/package.json"
echo 'create table public.calls (id uuid primary key, org_id uuid not null);' \
  >"$HOME/work/proj/supabase/migrations/001.sql"
put "$HOME/work/proj/src/named.ts"
put "$HOME/work/proj/src/helper.ts"
cd "$HOME"
expect_files "$(files work/proj/src/named.ts)" "src/helper.ts
src/named.ts
supabase/migrations/001.sql" "a file named from \$HOME"
stats=$({ "$TXLINT" --no-cache --stats work/proj/src/named.ts 2>&1 >/dev/null || true; } |
  sed -n 's/^txlint: stats: \([0-9]*\) files.*/\1/p')
[ "$stats" = 3 ] || fail "a file named from \$HOME: --stats counted $stats files, want 3"
cd /
expect_files "$(files "$tmp/plain/x.ts")" "sub/y.ts
x.ts" "a file of a marker-less folder named from /"
run from-slash "$tmp/plain/x.ts"
# A marker-less folder inside $HOME: $HOME's own .git and package.json do not count.
put "$HOME/scratch/s.ts"
expect_files "$(files "$HOME/scratch/s.ts")" "s.ts" "a file in a marker-less folder under \$HOME"
# A file directly in $HOME: $HOME is its root, but is not read wholesale for context.
put "$HOME/loose.ts"
expect_files "$(files "$HOME/loose.ts")" "loose.ts" "a file directly in \$HOME"

# 3. Two PATHs in two trees: the first one's root; the other file gets an absolute file://
# URI without uriBaseId, percent-encoded, and its absolute path in text and GitHub output.
put "$tmp/other tree/caf"$'\xc3\xa9'"/z.ts"
cd "$tmp/repo-a"
run two-trees "$tmp/repo-b/src/b.ts" "$tmp/other tree/caf"$'\xc3\xa9'"/z.ts"
[ "$(srcroot two-trees)" = "file://$tmp/repo-b/" ] || fail "two-trees: %SRCROOT% $(srcroot two-trees)"
[ "$(uris two-trees)" = "file://$tmp/other%20tree/caf%C3%A9/z.ts -
src/b.ts %SRCROOT%" ] || fail "two-trees: uris $(uris two-trees)"
# The outside file's URI reads back from a --baseline: unchanged while it is there, absent
# (at its absolute URI, without a base) once its finding is gone.
run again --baseline "$tmp/two-trees.sarif" "$tmp/repo-b/src/b.ts" "$tmp/other tree/caf"$'\xc3\xa9'"/z.ts"
states() { node -e 'const l=JSON.parse(require("fs").readFileSync(process.argv[1]));
console.log(l.runs[0].results.map((r) => r.baselineState).sort().join(" "))' "$tmp/$1.sarif"; }
[ "$(states again)" = "unchanged unchanged" ] || fail "baseline: states $(states again)"
echo 'export const quiet = 1;' >"$tmp/other tree/caf"$'\xc3\xa9'"/z.ts"
run gone --baseline "$tmp/two-trees.sarif" "$tmp/repo-b/src/b.ts" "$tmp/other tree/caf"$'\xc3\xa9'"/z.ts"
[ "$(states gone)" = "absent unchanged" ] || fail "baseline: states $(states gone)"
[ "$(uris gone)" = "$(uris two-trees)" ] || fail "baseline: absent uris $(uris gone)"
put "$tmp/other tree/caf"$'\xc3\xa9'"/z.ts"
run two-dirs "$tmp/repo-b" "$tmp/plain"
[ "$(uris two-dirs)" = "file://$tmp/plain/sub/y.ts -
file://$tmp/plain/x.ts -
src/b.ts %SRCROOT%" ] || fail "two-dirs: uris $(uris two-dirs)"
text=$("$TXLINT" --no-cache "$tmp/repo-b/src/b.ts" "$tmp/other tree/caf"$'\xc3\xa9'"/z.ts" || true)
grep -q "^src/b.ts:3:" <<<"$text" || fail "text output: no src/b.ts finding"
grep -qF "$tmp/other tree/caf"$'\xc3\xa9'"/z.ts:3:" <<<"$text" || fail "text output: no absolute path"
gh=$("$TXLINT" --no-cache --format github "$tmp/repo-b/src/b.ts" "$tmp/plain/x.ts" || true)
grep -q "^::error file=$tmp/plain/x.ts,line=3," <<<"$gh" || fail "github output: no absolute path"
grep -q "^::error file=src/b.ts,line=3," <<<"$gh" || fail "github output: no relative path"

# 4. Nested markers. A monorepo: the repository (.git) with supabase/ at the top outranks a
# workspace's package.json; paths are relative to the repository, not to where txlint runs.
mkdir -p "$tmp/mono/supabase/migrations" "$tmp/mono/apps/web"
(cd "$tmp/mono" && git init -q .)
echo 'create table public.calls (id uuid primary key, org_id uuid not null);' \
  >"$tmp/mono/supabase/migrations/001.sql"
echo '{"name":"web"}' >"$tmp/mono/apps/web/package.json"
echo '{}' >"$tmp/mono/apps/web/tsconfig.json"
put "$tmp/mono/apps/web/src/page.ts"
put "$tmp/mono/packages/lib/lib.ts"
cd "$tmp/mono/apps/web"
expect_files "$(files src/page.ts)" "apps/web/src/page.ts
packages/lib/lib.ts
supabase/migrations/001.sql" "a workspace file of a git monorepo (context from the repository)"
run mono src
[ "$(srcroot mono)" = "file://$tmp/mono/" ] || fail "mono: %SRCROOT% $(srcroot mono)"
[ "$(uris mono)" = "apps/web/src/page.ts %SRCROOT%" ] || fail "mono: uris $(uris mono)"
# Relative names on the command line (--output here) stay relative to the current folder.
"$TXLINT" --no-cache --format sarif --output rel.sarif src || [ $? = 1 ] || fail "rel: txlint failed"
[ -f rel.sarif ] && [ ! -e "$tmp/mono/rel.sarif" ] || fail "--output rel.sarif was not written here"
# The same tree without git (a copy without .git): supabase/ outranks the package.json.
cp -r "$tmp/mono" "$tmp/mono-nogit"
rm -rf "$tmp/mono-nogit/.git"
expect_files "$(files "$tmp/mono-nogit/apps/web/src/page.ts")" "apps/web/src/page.ts
packages/lib/lib.ts
supabase/migrations/001.sql" "a workspace file of a monorepo without git"
# Without supabase/ either, the nearest package.json or tsconfig.json is the root.
rm -rf "$tmp/mono-nogit/supabase"
expect_files "$(files "$tmp/mono-nogit/apps/web/src/page.ts")" "src/page.ts" \
  "a package without git or supabase/"
# A .txlint.yml inside the repository makes its folder the project, and is read.
mkdir -p "$tmp/mono/apps/api"
printf 'exclude: [skipped.ts]\n' >"$tmp/mono/apps/api/.txlint.yml"
put "$tmp/mono/apps/api/kept.ts"
put "$tmp/mono/apps/api/skipped.ts"
cd "$tmp"
expect_files "$(files mono/apps/api)" "kept.ts" "a nested .txlint.yml"
run nested-config mono/apps/api
[ "$(srcroot nested-config)" = "file://$tmp/mono/apps/api/" ] ||
  fail "nested-config: %SRCROOT% $(srcroot nested-config)"
# A .txlint.yml above the repository is not this project's: it is not read (it is broken, so
# reading it would fail the run).
mkdir -p "$tmp/outer"
printf 'not: [valid\n' >"$tmp/outer/.txlint.yml"
mv "$tmp/repo-b" "$tmp/outer/repo-b"
expect_files "$(files "$tmp/outer/repo-b")" "src/b.ts" "a repository below a foreign .txlint.yml"
# --config names the file only: the root is still the PATH's, and globs are relative to it.
printf 'exclude: [src/b.ts]\n' >"$tmp/elsewhere.yml"
put "$tmp/outer/repo-b/src/c.ts"
expect_files "$(files --config "$tmp/elsewhere.yml" "$tmp/outer/repo-b")" "src/c.ts" \
  "--config from another folder"

node "$TX_SOURCE_DIR/ci/tests/validate-sarif.cjs" "$TX_SOURCE_DIR/testdata/schema/sarif-schema-2.1.0.json" \
  "${sarifs[@]}"
# The Multitool filters its results by level and, without --level, reports nothing at all.
multitool_clean() {
  "$multitool" validate "$1" --rule-kind "Sarif;Gh" --level "Error;Warning" -o "$1.validation" >/dev/null
  node "$TX_SOURCE_DIR/ci/tests/count-multitool.cjs" "$1.validation" >/dev/null 2>&1
}
for f in "${sarifs[@]}"; do
  multitool_clean "$f" || fail "$(basename "$f"): the SARIF Multitool reports errors or warnings"
done
# The check can fail: the outside file's absolute URI with a uriBaseId is SARIF1004.
node -e 'const fs=require("fs"); const l=JSON.parse(fs.readFileSync(process.argv[1]));
for (const r of l.runs[0].results) for (const x of r.locations)
  x.physicalLocation.artifactLocation.uriBaseId="%SRCROOT%";
fs.writeFileSync(process.argv[2], JSON.stringify(l))' "$tmp/two-trees.sarif" "$tmp/broken.sarif"
multitool_clean "$tmp/broken.sarif" && fail "the Multitool accepted an absolute URI with a uriBaseId"
grep -q SARIF1004 "$tmp/broken.sarif.validation" || fail "the Multitool did not report SARIF1004"
echo "project_root: ok (${#sarifs[@]} SARIF logs valid)"
