#!/usr/bin/env bash
# The TypeScript front end reads syntax nodes only through the null-safe accessors of
# analyzer/front_ts/ts_internal.h (tx_ts_sym, tx_ts_field, tx_ts_text, ...): tree-sitter 0.20
# crashes on an absent child (a nameless class, `catch {}`, a syntax error) in nearly every
# ts_node_* call, so one direct call on a looked-up child is a crash waiting for the input
# that leaves it out. The only ts_node_* calls allowed in the front end's .c files are the
# two that read no subtree.
set -euo pipefail
cd "$TX_SOURCE_DIR/analyzer/front_ts"
bad=$(grep -nE '\bts_node_[a-z_]+\s*\(' ./*.c | grep -vE '\bts_node_(is_null|eq)\s*\(' || true)
if [ -n "$bad" ]; then
  echo "ts_null_safe: direct ts_node_* calls in analyzer/front_ts (use the tx_ts_* accessors):" >&2
  echo "$bad" >&2
  exit 1
fi
# The accessors themselves test the node before calling tree-sitter.
unguarded=$(grep -nE '\bts_node_[a-z_]+\s*\(' ts_internal.h | grep -vE 'n\.id (\?|&&)|ts_node_is_null' || true)
if [ -n "$unguarded" ]; then
  echo "ts_null_safe: an accessor in ts_internal.h calls tree-sitter without testing the node:" >&2
  echo "$unguarded" >&2
  exit 1
fi
echo "ts_null_safe: ok"
