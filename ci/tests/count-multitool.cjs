// Reads the SARIF log written by `Sarif.Multitool validate -o` and prints every error and
// warning it reports; exit 1 when there is any (the multitool itself exits 0 on errors).
const fs = require('fs');
const log = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
let bad = 0;
for (const run of log.runs || []) {
  for (const r of run.results || []) {
    const level = r.level || 'warning';
    if (level !== 'error' && level !== 'warning') continue;
    bad++;
    const args = (r.message && (r.message.text || (r.message.arguments || []).join(' | '))) || '';
    console.error(`  ${level} ${r.ruleId}: ${args}`);
  }
}
console.log(`multitool: ${bad} errors and warnings`);
process.exit(bad ? 1 : 0);
