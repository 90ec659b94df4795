// Prints the workflow commands @actions/core itself would issue for the results of a txlint
// SARIF log (same order, same properties), so txlint's --format github output can be
// compared byte for byte with the reference implementation of the escaping.
const fs = require('fs');
const path = require('path');
const { issueCommand } = require(path.join(__dirname, '..', 'tools', 'node_modules', '@actions', 'core', 'lib', 'command'));
const log = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const kinds = { error: 'error', warning: 'warning', note: 'notice' };
for (const r of log.runs[0].results) {
  if (r.suppressions && r.suppressions.length) continue;
  const loc = r.locations[0].physicalLocation;
  const reg = loc.region;
  // Paths in SARIF are percent-encoded URIs; the command carries the plain path.
  const file = decodeURIComponent(loc.artifactLocation.uri);
  issueCommand(kinds[r.level], {
    file, line: reg.startLine, col: reg.startColumn, endLine: reg.endLine,
    endColumn: reg.endColumn, title: r.ruleId,
  }, `${r.message.text} [${r.ruleId}]`);
}
