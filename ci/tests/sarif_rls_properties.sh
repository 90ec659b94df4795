#!/usr/bin/env bash
# tenant-filter and sql-tenant-filter results carry how they were graded in SARIF
# result.properties: the client kind (or the function's security) and RLS state, and the
# policy that scopes the rows; a user session held by a policy is a note, the service role an
# error (rules/tenant-filter.md, "Graded by who runs the query").
set -euo pipefail
fixtures="$TX_SOURCE_DIR/testdata/rules"
status=0
check() { # project jq-filter expected
  local sarif got
  # Exit status 1: the error findings every project here has.
  sarif=$(cd "$1" && { "$TXLINT" --no-cache --format sarif . || [ $? -eq 1 ]; })
  got=$(printf '%s' "$sarif" | jq -c "$2")
  if [ "$got" != "$3" ]; then
    printf '%s: %s\n  expected %s\n  got      %s\n' "$1" "$2" "$3" "$got" >&2
    status=1
  fi
}
ts="$fixtures/tenant-filter/rls-graded"
pick='[.runs[0].results[] | select(.ruleId == "tenant-filter") |
  select(.locations[0].physicalLocation.artifactLocation.uri | endswith($f)) |
  [.locations[0].physicalLocation.region.startLine, .level, .properties.clientKind,
   .properties.rls, (.properties.policy // "-")]]'
check "$ts" "$(printf '%s' "$pick" | sed 's/\$f/"projects\/route.ts"/')" \
  '[[8,"note","user-session","policy","members update projects"],[17,"note","user-session","policy","members delete projects"],[20,"error","user-session","no-policy","-"],[22,"error","user-session","disabled","-"],[24,"note","user-session","policy","tasks of my org"],[27,"error","user-session","unscoped-policy","authors edit notes"],[30,"error","user-session","unscoped-policy","staff edit any label"],[33,"error","user-session","no-policy","-"]]'
check "$ts" "$(printf '%s' "$pick" | sed 's/\$f/"admin\/route.ts"/')" \
  '[[9,"error","service-role","policy","members update projects"],[11,"error","service-role","policy","members delete projects"],[14,"error","service-role","policy","tasks of my org"],[18,"error","service-role","policy","tasks of my org"],[22,"error","unknown","policy","members delete projects"]]'
# Policy details: a restrictive policy names itself; a policy for other roles only, or
# without USING, is named on the no-policy error it does not prevent.
check "$fixtures/tenant-filter/rls-policy-details" "$(printf '%s' "$pick" | sed 's/\$f/"routes.ts"/')" \
  '[[8,"error","user-session","unscoped-policy","boards check"],[10,"error","user-session","no-policy","cards check only"],[12,"note","user-session","policy","members edit lanes"],[14,"note","user-session","policy","members remove lanes"],[16,"error","user-session","no-policy","workers edit tags"],[18,"note","user-session","policy","files stay in the org"],[20,"error","user-session","unscoped-policy","anyone removes links"],[22,"error","user-session","no-policy","pins in org"],[27,"error","user-session","disabled","-"],[29,"error","user-session","unscoped-policy","members edit docs"],[31,"note","user-session","policy","org members edit notes"],[33,"note","user-session","policy","members edit pages"],[35,"error","user-session","no-policy","-"],[37,"error","user-session","disabled","-"],[42,"note","user-session","policy","members edit numbers"],[44,"error","user-session","no-policy","service manages keys"],[46,"error","user-session","unscoped-policy","signed-in users edit seats"]]'
# Tables known only from generated types: whether RLS is on is not known (never "disabled").
check "$fixtures/tenant-filter/generated-types-only" \
  '[.runs[0].results[] | select(.ruleId == "tenant-filter") | .properties.rls] | unique' \
  '["unknown-table"]'
sql="$fixtures/sql-tenant-filter/rls-graded"
check "$sql" '[.runs[0].results[] | select(.ruleId == "sql-tenant-filter") |
  [.level, .properties.security, .properties.rls, (.properties.policy // "-")]]' \
  '[["note","invoker","policy","docs_edit"],["error","invoker","no-policy","-"],["error","invoker","disabled","-"],["error","definer","policy","docs_edit"],["note","invoker","policy","docs_edit"],["error","definer","no-policy","-"]]'
# Other rules' results carry no properties.
check "$ts" '[.runs[0].results[] | select(.ruleId != "tenant-filter" and .ruleId != "sql-tenant-filter") | select(has("properties"))] | length' '0'
[ $status -eq 0 ] && echo "sarif-rls-properties: ok"
exit $status
