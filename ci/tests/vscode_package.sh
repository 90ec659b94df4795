#!/usr/bin/env bash
# The VS Code extension (editors/vscode/) packages with @vscode/vsce (pinned in its lock,
# installed by ci/setup), which is as far as a machine without VS Code can go: the .vsix has
# the manifest, the entry point that starts `txlint lsp`, and vscode-languageclient with its
# dependencies, and not the packager itself.
set -euo pipefail
ext="$TX_SOURCE_DIR/editors/vscode"
[ -x "$ext/node_modules/.bin/vsce" ] || { echo "vsce missing: run ci/setup" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$ext" "$tmp/ext" # vsce writes nothing into the source tree
(cd "$tmp/ext" && ./node_modules/.bin/vsce package --skip-license --out "$tmp/txlint.vsix" >"$tmp/vsce.log" 2>&1) ||
  { cat "$tmp/vsce.log"; exit 1; }
python3 - "$tmp/txlint.vsix" <<'PY'
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = set(z.namelist())
manifest = json.loads(z.read("extension/package.json"))
main = "extension/" + manifest["main"].lstrip("./")
checks = {
    "entry point packaged": main in names,
    "it starts `txlint lsp`": "args: ['lsp']" in z.read(main).decode(),
    "activates on TypeScript and SQL": {"onLanguage:typescript", "onLanguage:sql"} <= set(manifest["activationEvents"]),
    "vscode-languageclient packaged": "extension/node_modules/vscode-languageclient/package.json" in names,
    "its protocol dependency too": "extension/node_modules/vscode-languageserver-protocol/package.json" in names,
    "the packager left out": not any(n.startswith("extension/node_modules/@vscode/vsce/") for n in names),
}
for what, ok in checks.items():
    print(("ok: " if ok else "FAIL: ") + what)
sys.exit(0 if all(checks.values()) else 1)
PY
