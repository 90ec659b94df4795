#!/usr/bin/env bash
# `txlint lsp` in a real editor: headless Neovim (Debian's neovim 0.7, installed by ci/setup)
# runs ci/tests/lsp-neovim.lua on a copy of testdata/lsp/project and must see the CLI's
# finding, see it update while typing, and apply the suppression code action. Skipped (exit
# 77, CTest SKIP) only when nvim is not installed.
set -euo pipefail
if ! command -v nvim >/dev/null 2>&1; then
  echo "SKIP: nvim not installed (ci/setup installs Debian's neovim)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$TX_SOURCE_DIR/testdata/lsp/project" "$tmp/project"
"$TXLINT" --no-cache --format sarif --output "$tmp/cli.sarif" "$tmp/project/src/route.ts" || [ $? = 1 ]
# The CLI's tenant-filter finding in the file, as rule:line:column (column in UTF-16 units).
expect=$(node -e '
  const run = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).runs[0];
  const r = run.results.find((x) => x.ruleId === "tenant-filter");
  const g = r.locations[0].physicalLocation.region;
  console.log(`${r.ruleId}:${g.startLine}:${g.startColumn}`);' "$tmp/cli.sarif")
export TXLINT PROJECT="$tmp/project" EXPECT="$expect" HOME="$tmp" XDG_STATE_HOME="$tmp/state"
timeout 120 nvim --headless --clean -n -c "luafile $TX_SOURCE_DIR/ci/tests/lsp-neovim.lua" 2>&1 | tee "$tmp/out"
grep -q '^all passed' "$tmp/out"
