#!/usr/bin/env bash
# `txlint lsp` against a real protocol client (ci/tests/lsp-client.cjs, vscode-jsonrpc and
# vscode-languageserver-protocol from ci/tools): the diagnostics of testdata/lsp/project equal
# the CLI's SARIF findings; edits, code actions and pulls; the bad-input list of issue 18
# (malformed framing, invalid JSON, oversized Content-Length, unknown method, requests before
# initialize, documents outside the workspace, binary content, a client that disappears).
set -euo pipefail
tools="$TX_SOURCE_DIR/ci/tools/node_modules"
[ -d "$tools/vscode-languageserver-protocol" ] || { echo "protocol client missing: run ci/setup" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$TX_SOURCE_DIR/testdata/lsp/project" "$tmp/project"
git init -q "$tmp" # the project root is above the workspace folder, as in a monorepo
"$TXLINT" --no-cache --format sarif --output "$tmp/cli.sarif" "$tmp/project" || [ $? = 1 ]
# The server's stderr is its log; kept for a failure.
LSP_TIMEOUT_MS=${LSP_TIMEOUT_MS:-30000} node "$TX_SOURCE_DIR/ci/tests/lsp-client.cjs" "$TXLINT" "$tmp/project" "$tmp/cli.sarif" "$tmp"
