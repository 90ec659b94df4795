// Validates SARIF files against the OASIS SARIF 2.1.0 schema (JSON Schema draft-04) with
// ajv, installed by ci/setup. Usage: node validate-sarif.cjs SCHEMA FILE... ; exit 1 on any
// schema error, printing them.
const fs = require('fs');
const path = require('path');
const tools = path.join(__dirname, '..', 'tools', 'node_modules');
const Ajv = require(path.join(tools, 'ajv-draft-04'));
const addFormats = require(path.join(tools, 'ajv-formats'));

const [schemaPath, ...files] = process.argv.slice(2);
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
let failed = 0;
for (const file of files) {
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!validate(data)) {
    failed++;
    console.error(`${file}: not valid SARIF 2.1.0:`);
    for (const e of validate.errors.slice(0, 20)) console.error(`  ${e.instancePath} ${e.message}`);
  }
}
console.log(`schema: ${files.length - failed} valid, ${failed} invalid`);
process.exit(failed ? 1 : 0);
