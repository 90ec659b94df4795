#!/usr/bin/env bash
# The TypeScript walk passes over plain expressions without entering them (front_ts/ts_front.c
# inert()); what can matter inside one must still be seen. Fixtures cover a client assignment
# (tenant-filter/clients.ts), a comment (unused-suppression/suppressions.ts) and a builder
# awaited later (idempotency-result-ignored/results.ts); hostile.sh a syntax error. This
# checks a call written as a tagged template, which has no parenthesis.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/tagged.ts" <<'TS'
declare function tag(s: TemplateStringsArray): number;
export function f(a: { b: number }) {
  return a.b + tag`x`;
}
TS
(cd "$tmp" && "$TXLINT" --no-cache --dump-facts tagged.ts) >"$tmp/facts"
if ! grep -q '^  call 3:16 tag fn=0' "$tmp/facts"; then
  echo "walk_skips: the tagged-template call inside 'a.b + tag\`x\`' was not recorded" >&2
  cat "$tmp/facts" >&2
  exit 1
fi
echo "walk_skips: ok"
