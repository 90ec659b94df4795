#!/usr/bin/env bash
# Not parsing the files that cannot matter (README, "Files that cannot matter") changes no
# output: every testdata/ folder, the demo and the real-code corpus (ci/corpus, when
# installed) give byte-identical text and SARIF, and the same exit code, by default and with
# --parse-all. And the decision itself, on a project of its own: the files that reach
# nothing and that nothing that matters reaches (effect calls and Array.from among them) are
# the only ones not parsed; a caller of a database helper without a token of its own, a helper
# it passes a callback to, and a webhook handler's effect helper are parsed (their findings
# are reported).
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$TX_SOURCE_DIR"

fail() {
  echo "skip_identical: $*" >&2
  exit 1
}

# compare NAME DIR ARGS...: both modes, text and SARIF in one run each (from DIR).
compare() {
  local name=$1 dir=$2
  shift 2
  local rc_skip=0 rc_all=0
  (cd "$dir" && "$TXLINT" --no-cache --fail-level none --format "text:$tmp/skip.txt" \
    --format "sarif:$tmp/skip.sarif" "$@") >/dev/null 2>"$tmp/skip.err" || rc_skip=$?
  (cd "$dir" && "$TXLINT" --no-cache --parse-all --fail-level none --format "text:$tmp/all.txt" \
    --format "sarif:$tmp/all.sarif" "$@") >/dev/null 2>"$tmp/all.err" || rc_all=$?
  [ "$rc_skip" = "$rc_all" ] || fail "$name: exit $rc_skip skipping, $rc_all with --parse-all"
  [ -s "$tmp/all.sarif" ] || fail "$name: no SARIF written (exit $rc_all): $(tail -3 "$tmp/all.err")"
  for f in txt sarif; do
    if ! cmp -s "$tmp/skip.$f" "$tmp/all.$f"; then
      diff "$tmp/all.$f" "$tmp/skip.$f" | head -20 >&2
      fail "$name: $f output differs between --parse-all (<) and skipping (>)"
    fi
  done
  compared=$((compared + 1))
}

compared=0
for d in testdata/*/ testdata/rules/*/; do
  compare "${d%/}" . "$d"
done
compare testdata . testdata
if [ -f ci/corpus/node_modules/.txlint-lock ]; then
  node ci/corpus/inventory.cjs check "$tmp/corpus" >/dev/null
  mapfile -t full <"$tmp/corpus/full-args.txt"
  # A file over its time budget (wall clock, on a shared machine) is skipped with a notice,
  # which would differ from run to run for reasons of its own: no file budget here.
  printf 'time_budget_ms: 3600000\n' >"$tmp/corpus.yml"
  compare "ci/corpus" ci/corpus --config "$tmp/corpus.yml" "${full[@]}"
else
  echo "skip_identical: ci/corpus not installed (ci/setup): the corpus is not compared" >&2
fi

# The decision. main.ts holds no token but calls two writes of db.ts in one handler
# (non-atomic-writes, reported on main.ts) through retry.ts, which holds no token either;
# clock.ts is imported by nothing and imports nothing.
p=$tmp/project
mkdir -p "$p/src/lib"
echo '{}' >"$p/tsconfig.json"
cat >"$p/src/lib/db.ts" <<'EOF'
import { createClient } from '@supabase/supabase-js';
const supabase = createClient('u', 'k');
export async function saveOrder(id: string) {
  await supabase.from('orders').insert({ id });
}
export async function saveInvoice(id: string) {
  await supabase.from('invoices').insert({ id });
}
EOF
cat >"$p/src/lib/retry.ts" <<'EOF'
export async function withRetry<T>(run: () => Promise<T>): Promise<T> {
  return run();
}
EOF
cat >"$p/src/main.ts" <<'EOF'
import { saveOrder, saveInvoice } from './lib/db';
import { withRetry } from './lib/retry';
export async function POST(req: Request) {
  const body = await req.json();
  await withRetry(async () => {
    await saveOrder(body.id);
    await saveInvoice(body.id);
  });
  return new Response('ok');
}
EOF
cat >"$p/src/clock.ts" <<'EOF'
export function now(): number {
  return Date.now();
}
EOF
# An effect needs no token of its own: mailer.ts's POST is reached from the webhook handler (a
# seed), which calls it before recording the event (effect-before-idempotency, reported on
# src/webhook.ts). analytics.ts posts too, and ids.ts calls the standard library's from(),
# but nothing that matters imports them and they import nothing.
cat >"$p/src/lib/mailer.ts" <<'EOF'
export async function notify(id: string) {
  await fetch('https://hooks.example.com/paid', { method: 'POST', body: id });
}
EOF
cat >"$p/src/webhook.ts" <<'EOF'
import { createClient } from '@supabase/supabase-js';
import { notify } from './lib/mailer';
const supabase = createClient('u', 'k');
export async function POST(req: Request) {
  const event = await req.json();
  await notify(event.id);
  await supabase.from('processed_webhook_events').insert({ id: event.id });
  return new Response('ok');
}
EOF
cat >"$p/src/analytics.ts" <<'EOF'
export async function track(name: string) {
  await fetch('https://stats.example.com/e', { method: 'POST', body: name });
}
EOF
cat >"$p/src/ids.ts" <<'EOF'
export const bytes = (s: string) => Uint8Array.from(Buffer.from(s, 'base64'));
export const ids = (rows: { id: string }[]) => Array.from(rows, (r) => r.id);
EOF
rc=0
"$TXLINT" --no-cache --stats --fail-level none "$p" >"$tmp/p.txt" 2>"$tmp/p.err" || rc=$?
[ "$rc" = 0 ] || fail "project: exit $rc: $(cat "$tmp/p.err")"
grep -q 'stats: 8 TypeScript/JavaScript files, 2 with a seed token, 3 (0.0 MB) cannot matter: not parsed' \
  "$tmp/p.err" || fail "project: not the expected decision: $(grep 'seed token' "$tmp/p.err")"
grep -q '^src/main.ts:.*\[non-atomic-writes\]$' "$tmp/p.txt" ||
  fail "project: the finding on src/main.ts is missing: $(cat "$tmp/p.txt")"
grep -q '^src/webhook.ts:6:.*\[effect-before-idempotency\]$' "$tmp/p.txt" ||
  fail "project: the finding on src/webhook.ts is missing: $(cat "$tmp/p.txt")"
"$TXLINT" --no-cache --stats --parse-all --fail-level none "$p" >"$tmp/pa.txt" 2>"$tmp/pa.err"
cmp -s "$tmp/p.txt" "$tmp/pa.txt" || fail "project: --parse-all reports differently"
grep -q 'cannot matter: parsed anyway (--parse-all)' "$tmp/pa.err" ||
  fail "project: --parse-all stats: $(grep 'seed token' "$tmp/pa.err")"
echo "skip identical: ok ($compared runs compared)"
