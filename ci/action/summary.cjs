// The action's report step, after txlint ran once: reads txlint's json report and the SARIF
// it wrote beside it, then
//   - writes a Markdown job summary to $GITHUB_STEP_SUMMARY: counts per rule and level, new
//     against the baseline (when one was given), and the findings as a table linking to the
//     lines of the commit;
//   - says in the log when GitHub will not show every annotation (it shows at most 10 error
//     and 10 warning annotations per step);
//   - leaves suppressed results out of the SARIF to upload (code scanning ignores SARIF
//     suppressions and would open them as alerts) unless keep-suppressed is "true".
// Usage: node summary.cjs REPORT.json SARIF KEEP_SUPPRESSED ; needs only Node.js.
'use strict';
const fs = require('fs');

const [reportPath, sarifPath, keepSuppressed] = process.argv.slice(2);
const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
const ANNOTATIONS_PER_LEVEL = 10; // GitHub: per step, for each of error and warning

// Table cells: no line breaks, no column breaks, no HTML.
const cell = (s) => String(s).replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|').replace(/</g, '&lt;');
const encodePath = (p) => p.split('/').map(encodeURIComponent).join('/');

function link(loc) {
  const where = `${loc.path}:${loc.start.line}`;
  const server = process.env.GITHUB_SERVER_URL || 'https://github.com';
  const repo = process.env.GITHUB_REPOSITORY, sha = process.env.GITHUB_SHA;
  if (!repo || !sha || loc.path.startsWith('/')) return '`' + cell(where) + '`';
  return `[${cell(where)}](${server}/${repo}/blob/${sha}/${encodePath(loc.path)}#L${loc.start.line})`;
}

const shown = report.results.filter((r) => !r.suppressed && (!r.baseline || r.baseline === 'new'));
const withBaseline = report.results.some((r) => r.baseline);
const levels = ['error', 'warning', 'note'];
const perRule = new Map();
for (const r of report.results) {
  if (r.suppressed || r.baseline === 'absent') continue;
  const row = perRule.get(r.rule) || { error: 0, warning: 0, note: 0, new: 0 };
  row[r.level]++;
  if (r.baseline === 'new') row.new++;
  perRule.set(r.rule, row);
}

const out = [];
const s = report.summary;
out.push('## txlint');
out.push('');
out.push(`${s.errors} errors, ${s.warnings} warnings, ${s.notes} notes in ${s.files} files` +
  (s.suppressed ? `; ${s.suppressed} suppressed` : '') +
  (withBaseline ? ' (new against the baseline)' : '') + '.');
if (perRule.size) {
  out.push('');
  out.push('| Rule | Errors | Warnings | Notes |' + (withBaseline ? ' New |' : ''));
  out.push('| --- | ---: | ---: | ---: |' + (withBaseline ? ' ---: |' : ''));
  for (const [rule, row] of [...perRule].sort((a, b) => a[0].localeCompare(b[0])))
    out.push(`| \`${rule}\` | ${row.error} | ${row.warning} | ${row.note} |` + (withBaseline ? ` ${row.new} |` : ''));
}
if (shown.length) {
  out.push('');
  out.push('| Level | Rule | Where | Message | Fix |');
  out.push('| --- | --- | --- | --- | --- |');
  for (const r of shown) {
    const fix = r.fixes.length ? `${r.fixes[0].kind}: ${cell(r.fixes[0].description)}` : '';
    out.push(`| ${r.level} | \`${r.rule}\` | ${link(r.location)} | ${cell(r.message)} | ${fix} |`);
  }
}
if (report.notices.length) {
  out.push('');
  out.push(`${report.notices.length} input problems (syntax errors, unreadable files, limits):`);
  out.push('');
  for (const n of report.notices)
    out.push(`- ${n.level}: ${n.location ? '`' + cell(n.location.path) + '`: ' : ''}${cell(n.message)}`);
}
if (process.env.GITHUB_STEP_SUMMARY) fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, out.join('\n') + '\n');

const count = (level) => shown.filter((r) => r.level === level).length;
const cut = levels.filter((l) => l !== 'note' && count(l) > ANNOTATIONS_PER_LEVEL);
if (cut.length)
  console.log(`txlint: GitHub shows at most ${ANNOTATIONS_PER_LEVEL} ${cut.join(' and ')} annotations per step; ` +
    `this run has ${cut.map((l) => `${count(l)} ${l}s`).join(' and ')}: see the job summary or code scanning for all of them`);

if (keepSuppressed !== 'true' && fs.existsSync(sarifPath)) {
  const sarif = JSON.parse(fs.readFileSync(sarifPath, 'utf8'));
  let dropped = 0;
  for (const run of sarif.runs) {
    const before = run.results.length;
    run.results = run.results.filter((r) => !(r.suppressions && r.suppressions.length));
    dropped += before - run.results.length;
  }
  if (dropped) {
    const tmp = sarifPath + '.tmp-summary';
    fs.writeFileSync(tmp, JSON.stringify(sarif, null, 2) + '\n');
    fs.renameSync(tmp, sarifPath);
    console.log(`txlint: ${dropped} suppressed results left out of the SARIF upload (input keep-suppressed: "true" keeps them)`);
  }
}
