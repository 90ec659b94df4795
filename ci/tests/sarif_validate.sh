#!/usr/bin/env bash
# txlint's SARIF must pass the OASIS 2.1.0 schema (ajv, draft-04) and the SARIF Multitool's
# `validate --rule-kind "Sarif;Gh"` with no error and no warning, for every kind of output:
# findings with snippets, non-ASCII and CRLF files, suppressions, notifications (syntax
# errors), related locations, code flows (idempotency rules). Also checks region columns in UTF-16 units on a known line.
set -euo pipefail
tools="$TX_SOURCE_DIR/ci/tools/node_modules"
multitool="$tools/@microsoft/sarif-multitool-linux/Sarif.Multitool"
[ -x "$multitool" ] || { echo "validators missing: run ci/setup" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/p/src"
# Non-ASCII before the finding on its line, and CRLF line ends.
printf 'import { createClient } from "@supabase/supabase-js";\r\nconst db = createClient("u", "k");\r\nexport async function f(id: string) {\r\n  const note = "caf\xc3\xa9 \xf0\x9f\x98\x80"; await db.from("calls").delete().eq("id", id);\r\n}\r\n' >"$tmp/p/src/unicode.ts"
printf 'import { createClient } from "@supabase/supabase-js";\nconst db = createClient("u", "k");\nexport async function g(id: string) {\n  // txlint-ignore tenant-filter -- admin purge, reviewed\n  await db.from("calls").delete().eq("id", id);\n  await db.from("calls").update({ a: 1 }).eq("id", id);\n}\nfunction broken( {\n' >"$tmp/p/src/mixed.ts"
cp -r "$TX_SOURCE_DIR/testdata/rules/tenant-filter" "$tmp/p/fixtures"
cp -r "$TX_SOURCE_DIR/testdata/rules/effect-before-idempotency" "$tmp/p/idempotency"
# Findings with fixes (a deletion, a replacement, an insertion): SARIF `fixes`.
cp -r "$TX_SOURCE_DIR/testdata/formats/project" "$tmp/p/fixes"
cd "$tmp/p"
git init -q .
"$TXLINT" --no-cache --format sarif --output "$tmp/all.sarif" . || [ $? = 1 ]
"$TXLINT" --no-cache --format sarif --output "$tmp/clean.sarif" src/unicode.ts --fail-level none
node "$TX_SOURCE_DIR/ci/tests/validate-sarif.cjs" "$TX_SOURCE_DIR/testdata/schema/sarif-schema-2.1.0.json" \
  "$tmp/all.sarif" "$tmp/clean.sarif"
for f in all clean; do
  "$multitool" validate "$tmp/$f.sarif" --rule-kind "Sarif;Gh" --level "Error;Warning" -o "$tmp/$f.validation.sarif" >/dev/null
  node "$TX_SOURCE_DIR/ci/tests/count-multitool.cjs" "$tmp/$f.validation.sarif"
done
# The finding on the non-ASCII line must point at `delete` in UTF-16 units; JavaScript
# strings are UTF-16, so indexOf on the line is an independent oracle.
node -e '
const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const run = log.runs[0];
if (run.columnKind !== "utf16CodeUnits") throw new Error("columnKind");
const r = run.results.find((x) => x.locations[0].physicalLocation.artifactLocation.uri === "src/unicode.ts");
const reg = r.locations[0].physicalLocation.region;
const line = require("fs").readFileSync("src/unicode.ts", "utf8").split("\r\n")[3];
const want = line.indexOf("delete(") + 1;
if (reg.startLine !== 4 || reg.startColumn !== want || want === line.length) throw new Error("region " + JSON.stringify(reg) + " want column " + want);
const sup = run.results.filter((x) => x.suppressions && x.suppressions.length &&
  x.locations[0].physicalLocation.artifactLocation.uri === "src/mixed.ts");
if (sup.length !== 1 || sup[0].suppressions[0].justification !== "admin purge, reviewed") throw new Error("suppression");
if (!run.results.every((x) => Array.isArray(x.suppressions))) throw new Error("every result needs suppressions[] once one is suppressed");
const notes = run.invocations[0].toolExecutionNotifications;
if (!notes.some((n) => n.descriptor.id === "parse-error")) throw new Error("no parse-error notification");
if (!run.results.every((x) => x.partialFingerprints && x.partialFingerprints["txlint/v1"])) throw new Error("fingerprints");
// Code flows: an effect-before-idempotency result goes from the effect to the marker write.
const flow = run.results.find((x) => x.ruleId === "effect-before-idempotency" && /can run before/.test(x.message.text));
if (!flow || !flow.codeFlows) throw new Error("no codeFlows on effect-before-idempotency");
const steps = flow.codeFlows[0].threadFlows[0].locations;
if (steps.length < 2 || !/^effect/.test(steps[0].location.message.text) || !/^marker written/.test(steps[steps.length - 1].location.message.text))
  throw new Error("code flow steps " + JSON.stringify(steps.map((s) => s.location.message.text)));
// Fixes: every fix has artifactChanges with replacements (GitHub rejects a fix without them);
// the three kinds of edit are there, an insertion as an empty region.
const fixed = run.results.filter((x) => x.fixes);
const reps = fixed.flatMap((x) => x.fixes.flatMap((f) => f.artifactChanges.flatMap((c) => c.replacements)));
if (!fixed.every((x) => x.fixes.every((f) => f.artifactChanges.length && f.artifactChanges.every((c) => c.replacements.length && c.artifactLocation.uri))))
  throw new Error("a fix without artifactChanges or replacements");
const ins = reps.find((r) => r.insertedContent.text === " SET search_path = \x27\x27");
if (!ins || ins.deletedRegion.startColumn !== ins.deletedRegion.endColumn || ins.deletedRegion.startLine !== ins.deletedRegion.endLine)
  throw new Error("insertion region " + JSON.stringify(ins));
if (!reps.some((r) => r.insertedContent.text === "") || !reps.some((r) => r.insertedContent.text === "p_call_id"))
  throw new Error("deletion or replacement missing: " + JSON.stringify(reps));
if (!fixed.every((x) => ["safe", "suggestion"].includes(x.fixes[0].properties.kind))) throw new Error("fix kind");
console.log("regions, suppressions, notifications, fingerprints, code flows, fixes: ok");
' "$tmp/all.sarif"
