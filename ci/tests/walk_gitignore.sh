#!/usr/bin/env bash
# Directory walks skip what git ignores (.gitignore at any level, .git/info/exclude),
# node_modules, dist, build and coverage; a file named on the command line is analysed even
# when ignored; without a git repository nothing is ignored but the fixed folder names.
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad='import { createClient } from "@supabase/supabase-js";
const db = createClient("u", "k");
export async function f(id: string) { await db.from("calls").delete().eq("id", id); }'
mk() { mkdir -p "$(dirname "$1")"; printf '%s\n' "$bad" >"$1"; }
cd "$tmp"
for f in src/a.ts generated/b.ts src/nested/c.ts src/nested/skip.gen.ts node_modules/x/d.ts dist/e.ts \
  build/f.ts coverage/g.ts local/h.ts; do mk "p/$f"; done
cd p
git init -q .
printf 'generated/\n*.gen.ts\n' >.gitignore
printf 'local/\n' >>.git/info/exclude
count() { "$TXLINT" --no-cache --format github "$@" 2>/dev/null | grep -c '^::error' || true; }
got=$(count .)
[ "$got" = 2 ] || { echo "walk found $got findings, expected 2 (src/a.ts, src/nested/c.ts)"; "$TXLINT" --no-cache . ; exit 1; } >&2
got=$(count generated/b.ts)
[ "$got" = 1 ] || { echo "an explicitly named ignored file must be analysed ($got)" >&2; exit 1; }
got=$(count generated)
[ "$got" = 1 ] || { echo "an explicitly named ignored folder must be analysed ($got)" >&2; exit 1; }
rm -rf .git
got=$(count .)
[ "$got" = 5 ] || { echo "without git: $got findings, expected 5" >&2; exit 1; }
echo "walk: ok"
