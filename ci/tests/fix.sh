#!/usr/bin/env bash
# --fix, --unsafe-fixes, --diff and --add-suppressions on testdata/formats/project (README
# "Fixes"): --diff writes nothing and its diff, applied by git apply, gives exactly what
# --fix --unsafe-fixes writes; --fix applies only safe fixes and keeps the file's mode;
# what is fixed is gone from the report and a second --fix changes nothing; suggestions fix
# their findings; --add-suppressions twice is the same as once and leaves no finding shown;
# CRLF stays CRLF; usage errors. (A file changed between analysis and rewrite: test_fix.c.)
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fresh() {
  rm -rf "$tmp/p"
  cp -r "$TX_SOURCE_DIR/testdata/formats/project" "$tmp/p"
  (cd "$tmp/p" && git init -q . && git add -A && git -c user.name=t -c user.email=t@t commit -qm base)
}
run() { (cd "$tmp/p" && "$TXLINT" --no-cache "$@" .); }
sums() { (cd "$tmp/p" && find . -path ./.git -prune -o -type f -print0 | sort -z | xargs -0 sha256sum); }
fail() { echo "fix.sh: $*" >&2; exit 1; }

# tenant-filter's suggestion: only with one tenant-named value in scope, never from the body.
fresh
run --format json >"$tmp/fixes.json" || true
node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const got = r.results.filter((x) => x.rule === "tenant-filter" && !x.suppressed)
    .map((x) => `${x.location.path}:${x.location.start.line} ${x.fixes.map((f) => f.kind + " " + f.edits[0].insertion).join()}`);
  const want = ["src/calls.ts:6 suggestion .eq(\x27org_id\x27, orgId)", "src/tenant.ts:8 ", "src/tenant.ts:14 ",
    "src/tenant.ts:21 suggestion .eq(\x27org_id\x27, org_id)", "src/tenant.ts:27 "];
  if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error("tenant-filter fixes: " + JSON.stringify(got));' "$tmp/fixes.json"

# --diff: exit 1 with changes, nothing written, and the diff applies.
fresh
before=$(sums)
code=0
run --diff --unsafe-fixes >"$tmp/unsafe.diff" 2>"$tmp/err" || code=$?
[ "$code" = 1 ] || fail "--diff exit $code, want 1"
[ "$(sums)" = "$before" ] || fail "--diff wrote files"
grep -q "5 fixes shown in 3 files" "$tmp/err" || fail "--diff summary: $(cat "$tmp/err")"
grep -qF "+language plpgsql security definer SET search_path = '' as " "$tmp/unsafe.diff" || fail "no search_path line"
(cd "$tmp/p" && git apply "$tmp/unsafe.diff")
(cd "$tmp/p" && git diff) >"$tmp/applied.diff"
# --fix --unsafe-fixes writes what the diff said.
fresh
run --fix --unsafe-fixes >"$tmp/report" || true
(cd "$tmp/p" && git diff) >"$tmp/fixed.diff"
cmp "$tmp/applied.diff" "$tmp/fixed.diff" || fail "--fix --unsafe-fixes differs from --diff"
grep -q "p_call_id: id" "$tmp/p/src/calls.ts" || fail "rpc key not renamed"
grep -q "no-such\|nothing here to suppress" "$tmp/p/src/calls.ts" && fail "unused suppression not removed"
grep -q "update({ open: true }).eq('org_id', org_id).eq('id', id)" "$tmp/p/src/tenant.ts" || fail "tenant filter not added"
for rule in unused-suppression rpc-argument-mismatch security-definer-search-path; do
  grep -q "\[$rule\]" "$tmp/report" && fail "$rule still reported after its fix"
done
code=0
run --diff --unsafe-fixes >"$tmp/again.diff" || code=$?
[ "$code" = 0 ] && [ ! -s "$tmp/again.diff" ] || fail "fixes left after --fix --unsafe-fixes: $(cat "$tmp/again.diff")"

# --fix: only the safe fix; the file keeps its mode; the rest stays reported.
fresh
chmod 640 "$tmp/p/src/calls.ts"
run --fix >"$tmp/report" 2>"$tmp/err" || true
grep -q "1 fix applied in 1 file" "$tmp/err" || fail "--fix summary: $(cat "$tmp/err")"
[ "$(stat -c %a "$tmp/p/src/calls.ts")" = 640 ] || fail "mode not kept"
[ "$(cd "$tmp/p" && git diff --numstat | tr '\t' ' ')" = "0 1 src/calls.ts" ] || fail "--fix changed more than the comment line"
grep -q "\[unused-suppression\]" "$tmp/report" && fail "the fixed finding is still reported"
grep -q "\[rpc-argument-mismatch\]" "$tmp/report" || fail "an unfixed suggestion vanished from the report"
ls "$tmp/p/src" | grep -q txlint- && fail "temporary file left behind"
before=$(sums)
run --fix >/dev/null 2>&1 || true
[ "$(sums)" = "$before" ] || fail "a second --fix changed files"

# --add-suppressions: once and twice are the same; nothing is shown afterwards.
fresh
printf 'import { createClient } from "@supabase/supabase-js";\r\nconst db = createClient("u", "k");\r\nexport async function g(id: string) {\r\n\tawait db.from("calls").delete().eq("id", id);\r\n}\r\n' >"$tmp/p/src/crlf.ts"
run --add-suppressions "adopted 2026-12, see TICKET-1" 2>"$tmp/err" >"$tmp/out"
grep -q "suppression comments added in 4 files" "$tmp/err" || fail "summary: $(cat "$tmp/err")"
grep -q $'^\t// txlint-ignore tenant-filter -- adopted 2026-12, see TICKET-1\r$' "$tmp/p/src/crlf.ts" || fail "CRLF or indentation not kept"
grep -q "^-- txlint-ignore security-definer-search-path -- adopted" "$tmp/p/supabase/migrations/001_calls.sql" || fail "SQL comment"
once=$(sums)
run --add-suppressions "adopted 2026-12, see TICKET-1" 2>"$tmp/err" >/dev/null
[ "$(sums)" = "$once" ] || fail "--add-suppressions is not idempotent"
grep -q "0 suppression comments added" "$tmp/err" || fail "second run: $(cat "$tmp/err")"
# Only unused-suppression's finding is left: a comment cannot suppress that rule's judgement.
run --format json >"$tmp/after.json" || true
node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const shown = r.results.filter((x) => !x.suppressed).map((x) => x.rule);
  if (shown.join() !== "unused-suppression" || r.summary.suppressed < 6) throw new Error("after: " + shown + " " + JSON.stringify(r.summary));' "$tmp/after.json"

# Usage errors.
for bad in "--unsafe-fixes" "--add-suppressions=" "--fix --add-suppressions x"; do
  code=0
  # shellcheck disable=SC2086
  run $bad >/dev/null 2>"$tmp/err" || code=$?
  [ "$code" = 2 ] && grep -q "^txlint: --" "$tmp/err" || fail "'$bad': exit $code: $(cat "$tmp/err")"
done
code=0
run --add-suppressions "$(printf 'two\nlines')" >/dev/null 2>"$tmp/err" || code=$?
[ "$code" = 2 ] || fail "a reason with a line break was taken"
echo "fix: --diff, --fix, --unsafe-fixes, --add-suppressions: ok"
