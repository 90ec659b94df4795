#!/usr/bin/env bash
# Minified bundles: a 500 KB single line of nameless classes and functions (`!function(){}()`,
# `class{static{}}`, comma expressions, `(0,e.createClient)(...)`) with a query in every
# module is analysed whole: each unfiltered update is reported at its column, the filtered
# ones are not; the same line cut off in the middle, and cut inside every kind of module,
# runs clean (no crash, a parse-error notice) and still reports what came before the cut.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "ts_minified: $*" >&2; head -c 2000 "$tmp/out" >&2; exit 1; }
python3 - "$tmp" <<'PY'
import sys
out = sys.argv[1]
head = '"use strict";var e=require("@supabase/supabase-js"),s=(0,e.createClient)(process.env.U,process.env.K);'
mods = [
    '!function(){s.from("calls").update({a:%d}).eq("id",1)}();',
    'var c%d=class{async m(t){await s.from("calls").update({b:1}).eq("id",t).eq("org_id",o)}};',
    'exports.f%d=(0,async function(t){return s.from("calls").delete().match({id:t,org_id:1})});',
    'var k%d=class extends(class{}){static{s.from("calls").update({c:1}).eq("org_id",2)}};',
]
parts, expected, starts = [head], [], []
pos = len(head)
for i in range(6000):
    m = mods[i % 4] % i
    if i % 4 == 0:  # the unfiltered update: its column (1-based) is where `update` starts
        expected.append(pos + m.index("update") + 1)
    starts.append(pos)
    parts.append(m)
    pos += len(m)
line = "".join(parts) + "module.exports=class{static{}};\n"
open(out + "/bundle.js", "w").write(line)
open(out + "/expected", "w").write("".join("bundle.js:1:%d\n" % c for c in expected))
mid = len(line) // 2
# The middle, and 20 bytes into a module of each kind past it.
cuts = [mid] + [next(starts[i] for i in range(k, 6000, 4) if starts[i] > mid) + 20 for k in range(4)]
for n, cut in enumerate(cuts):
    open("%s/cut%d.js" % (out, n), "w").write(line[:cut])
PY
rc=0
(cd "$tmp" && "$TXLINT" --no-cache --color never bundle.js >out 2>&1) || rc=$?
[ "$rc" = 1 ] || fail "exit $rc on the bundle, want 1"
grep -o '^bundle.js:1:[0-9]*' "$tmp/out" >"$tmp/got" || true
diff -q "$tmp/expected" "$tmp/got" >/dev/null ||
  fail "findings differ from the expected $(wc -l <"$tmp/expected") unfiltered updates"
grep -q 'parse-error' "$tmp/out" && fail "a parse error in the whole bundle"
for f in "$tmp"/cut*.js; do
  name=$(basename "$f")
  rc=0
  (cd "$tmp" && "$TXLINT" --no-cache --color never "$name" >out 2>&1) || rc=$?
  [ "$rc" = 1 ] || fail "exit $rc on $name, want 1 (findings before the cut)"
  grep -q "^$name:1:[0-9]*: warning: syntax error" "$tmp/out" || fail "no parse-error notice for $name"
  grep -q "internal error" "$tmp/out" && fail "internal error on $name"
done
echo "ts_minified: ok ($(wc -l <"$tmp/expected") findings on one line, $(ls "$tmp"/cut*.js | wc -l) cuts)"
