#!/usr/bin/env bash
# The build enforces the layering of ARCHITECTURE.md ("Layers"): each folder of analyzer/ is
# compiled against its include view, build/layers/<folder>/, which holds the public headers of
# the folders it may use. This test compiles probes against every view: a public header of a
# folder the view holds must compile, a header of any other folder (and another folder's
# *_internal.h) must not; and ci/layering must refuse a "../" include. The table itself lives
# in one place, CMakeLists.txt (tx_layer); this reads the views the build made from it.
set -euo pipefail
src=$TX_SOURCE_DIR/analyzer
views=$TX_BUILD_DIR/layers
cc=${CC:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
# Headers of other libraries the public headers may include.
extra=(-I/usr/include/postgresql)
[ -d "$views/ir" ] || { echo "layering: no include views under $views (build first)" >&2; exit 1; }
# Spot checks of the layering promised: these must be refused.
for pair in "ir rules/rule.h" "ir link/link.h" "rules front_ts/ts_front.h" "link rules/rule.h" \
  "diag rules/rule.h" "config rules/rule.h" "config source/source.h" "base ir/ir.h" "store link/fixpoint.h" \
  "front_ts front_sql/sql_front.h" "rules emit/emit.h" "rules front_ts/ts_internal.h"; do
  set -- $pair
  [ -f "$src/$2" ] || { echo "layering: probe header $2 is gone; update this test" >&2; fail=1; continue; }
  [ ! -e "$views/$1/$2" ] || { echo "layering: $1 can include $2" >&2; fail=1; }
done
for view in "$views"/*/; do
  layer=$(basename "$view")
  for dir in "$src"/*/; do
    folder=$(basename "$dir")
    for h in "$dir"*.h; do
      [ -f "$h" ] || continue
      name=$(basename "$h")
      printf '#include "%s/%s"\nint tx_probe;\n' "$folder" "$name" >"$tmp/probe.c"
      if [ -e "$view/$folder/$name" ]; then
        # Allowed: it must compile on its own (a public header includes only what the view has).
        if ! "$cc" -std=c11 -D_GNU_SOURCE -fsyntax-only "${extra[@]}" -I"$view" "$tmp/probe.c" 2>"$tmp/err"; then
          echo "layering: $layer may include $folder/$name, but it does not compile there:" >&2
          head -3 "$tmp/err" >&2
          fail=1
        fi
      elif "$cc" -std=c11 -D_GNU_SOURCE -fsyntax-only "${extra[@]}" -I"$view" "$tmp/probe.c" 2>/dev/null; then
        echo "layering: $layer compiles #include \"$folder/$name\", which its view should refuse" >&2
        fail=1
      fi
    done
  done
done
# The escape hatch: a relative include must stop the build.
mkdir -p "$tmp/a/ir" "$tmp/a/rules"
printf '#include "../rules/rule.h"\n' >"$tmp/a/ir/x.c"
if "$TX_SOURCE_DIR/ci/layering" "$tmp/a" 2>/dev/null; then
  echo "layering: ci/layering accepts a ../ include" >&2
  fail=1
fi
"$TX_SOURCE_DIR/ci/layering" "$src" || fail=1
exit $fail
