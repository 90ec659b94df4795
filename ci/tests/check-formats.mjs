// Reads one run's outputs in every format with real consumers and checks them against each
// other. Usage: node check-formats.mjs DIR PROJECT ; DIR holds out.json, out.gitlab.json,
// out.rdjson, out.rdjsonl and out.junit.xml of one run over PROJECT. Exit 1 on any problem.
//   json, gitlab, rdjson, rdjsonl: JSON Schema validation (ajv); json against the schema
//   txlint ships, the others against the schemas in ci/tests/schemas written from the
//   formats' documentation.
//   junit: parsed with junit2json (xmllint --schema runs in the calling script).
//   Cross-checks: the same shown findings in every format; GitLab fingerprints unique;
//   reviewdog columns are UTF-8 byte columns of the same places the json report gives in
//   UTF-16 units.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const tools = path.join(here, '..', 'tools', 'node_modules');
const require = createRequire(path.join(tools, 'x.js'));
const Ajv = require('ajv');
const { parse } = await import(path.join(tools, 'junit2json', 'dist', 'esm', 'index.js'));

const [dir, project] = process.argv.slice(2);
const read = (f) => fs.readFileSync(path.join(dir, f), 'utf8');
const schema = (f) => JSON.parse(fs.readFileSync(f, 'utf8'));
let problems = 0;
const fail = (msg) => {
  problems++;
  console.error('check-formats: ' + msg);
};

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, strictTypes: false, allowUnionTypes: true });
function validate(name, schemaFile, data, ref) {
  const s = schema(schemaFile);
  const id = s.$id || schemaFile;
  if (!ajv.getSchema(id)) ajv.addSchema(s, id);
  const v = ajv.getSchema(ref ? id + ref : id);
  if (!v(data)) fail(`${name}: ${JSON.stringify(v.errors.slice(0, 5))}`);
}

const report = JSON.parse(read('out.json'));
validate('json', path.join(here, '..', '..', 'analyzer', 'emit', 'txlint-report.schema.json'), report);
const gitlab = JSON.parse(read('out.gitlab.json'));
validate('gitlab', path.join(here, 'schemas', 'gitlab-codequality.schema.json'), gitlab);
const rdSchema = path.join(here, 'schemas', 'rdjson.schema.json');
const rd = JSON.parse(read('out.rdjson'));
validate('rdjson', rdSchema, rd);
const rdl = read('out.rdjsonl').split('\n').filter((l) => l.length).map((l) => JSON.parse(l));
rdl.forEach((d, i) => validate(`rdjsonl line ${i + 1}`, rdSchema, d, '#/definitions/diagnostic'));

const shown = report.results.filter((r) => !r.suppressed && (!r.baseline || r.baseline === 'new'));
const key = (rule, p, line) => `${rule} ${p}:${line}`;
const want = shown.map((r) => key(r.rule, r.location.path, r.location.start.line)).sort();
const same = (name, got) => {
  got.sort();
  if (JSON.stringify(got) !== JSON.stringify(want))
    fail(`${name} findings differ from json's:\n  ${got.join('\n  ')}\nvs\n  ${want.join('\n  ')}`);
};
same('gitlab', gitlab.map((g) => key(g.check_name, g.location.path, g.location.lines.begin)));
same('rdjson', rd.diagnostics.map((d) => key(d.code.value, d.location.path, d.location.range.start.line)));
same('rdjsonl', rdl.map((d) => key(d.code.value, d.location.path, d.location.range.start.line)));
if (new Set(gitlab.map((g) => g.fingerprint)).size !== gitlab.length) fail('gitlab: fingerprints repeat');
if (JSON.stringify(rd.diagnostics) !== JSON.stringify(rdl)) fail('rdjson and rdjsonl disagree');

// reviewdog columns: UTF-8 bytes before the place, plus one; json gives UTF-16 units.
const byteCol = (p, pos) => {
  const line = fs.readFileSync(path.join(project, p), 'utf8').split(/\r?\n/)[pos.line - 1];
  return Buffer.byteLength(line.slice(0, pos.column - 1), 'utf8') + 1;
};
shown.forEach((r) => {
  const d = rd.diagnostics.find((x) => x.code.value === r.rule && x.message === r.message &&
    x.location.path === r.location.path && x.location.range.start.line === r.location.start.line);
  const at = r.location.start;
  if (!d) return fail(`rdjson: no diagnostic for ${r.rule} ${r.message}`);
  if (d.location.range.start.column !== byteCol(r.location.path, at))
    fail(`rdjson column ${d.location.range.start.column} for ${r.rule} at ${JSON.stringify(at)}, want ${byteCol(r.location.path, at)}`);
  for (const f of r.fixes) {
    const sug = d.suggestions || [];
    if (sug.length !== f.edits.length) fail(`rdjson: ${sug.length} suggestions for ${f.edits.length} edits (${r.rule})`);
    f.edits.forEach((e, k) => {
      if (sug[k] && (sug[k].text !== e.insertion || sug[k].range.start.column !== byteCol(e.path, e.start)))
        fail(`rdjson suggestion ${k} of ${r.rule} differs from the json edit`);
    });
  }
});

const junit = await parse(read('out.junit.xml'));
let failures = [];
const cases = new Set();
for (const suite of junit.testsuite || []) {
  for (const tc of suite.testcase || []) {
    const id = suite.name + ' ' + tc.name;
    if (cases.has(id)) fail(`junit: testcase ${id} twice`);
    cases.add(id);
    for (const f of tc.failure || []) {
      const m = /^(.*):(\d+):\d+: /.exec(f.inner);
      if (!m) fail(`junit: failure text without a location: ${f.inner}`);
      else failures.push(key(suite.name, m[1], m[2]));
      if (!f.inner.includes(f.message)) fail('junit: failure text lacks the message');
    }
  }
}
same('junit', failures);
const notices = report.notices.length;
const errors = (junit.testsuite || []).flatMap((s) => (s.testcase || []).flatMap((t) => t.error || [])).length;
if (errors !== notices) fail(`junit: ${errors} errors for ${notices} notices`);
if (junit.failures !== (junit.testsuite || []).reduce((n, s) => n + s.failures, 0)) fail('junit: failures do not add up');

console.log(`formats: json ${report.results.length} results, gitlab ${gitlab.length}, rdjson ${rd.diagnostics.length}, junit ${failures.length} failures: ${problems ? 'FAILED' : 'ok'}`);
process.exit(problems ? 1 : 0);
