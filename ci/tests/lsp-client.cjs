// lsp-client.cjs: the protocol test of `txlint lsp` (ci/tests/lsp_protocol.sh), a client
// built on vscode-jsonrpc and vscode-languageserver-protocol (ci/tools). Usage:
//   node lsp-client.cjs TXLINT PROJECT CLI_SARIF ROOT
// PROJECT is a copy of testdata/lsp/project, the workspace folder; CLI_SARIF is `txlint
// --format sarif PROJECT`, whose paths are relative to the project root ROOT (a git
// repository around the folder: shown paths are not relative to the workspace folder).
// Every session's stdout is also collected raw and must be nothing but framed messages.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const tools = path.join(__dirname, '..', 'tools', 'node_modules');
const rpc = require(path.join(tools, 'vscode-jsonrpc', 'node'));
const lsp = require(path.join(tools, 'vscode-languageserver-protocol', 'node'));

const [txlint, project, cliSarif, sarifRoot] = process.argv.slice(2);
const TIMEOUT = Number(process.env.LSP_TIMEOUT_MS || 20000);
let failures = 0;
function check(ok, what) {
  if (ok) {
    console.log(`ok: ${what}`);
  } else {
    failures++;
    console.log(`FAIL: ${what}`);
  }
}
function uriOf(rel) {
  return 'file://' + path.join(project, rel).split('/').map(encodeURIComponent).join('/');
}

// Splits raw stdout into frames; returns the messages, or throws at the first stray byte.
function frames(buf) {
  const out = [];
  let at = 0;
  while (at < buf.length) {
    const end = buf.indexOf('\r\n\r\n', at);
    if (end < 0) throw new Error(`stray bytes at ${at}: ${JSON.stringify(buf.slice(at, at + 40).toString())}`);
    const head = buf.slice(at, end).toString();
    const m = /^Content-Length: (\d+)$/.exec(head);
    if (!m) throw new Error(`bad header at ${at}: ${JSON.stringify(head)}`);
    const n = Number(m[1]);
    const body = buf.slice(end + 4, end + 4 + n);
    if (body.length !== n) throw new Error(`truncated body at ${at}`);
    out.push(JSON.parse(body.toString()));
    at = end + 4 + n;
  }
  return out;
}

function startServer() {
  const proc = spawn(txlint, ['lsp'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const raw = [];
  let stderr = '';
  proc.stdout.on('data', (d) => raw.push(d));
  proc.stderr.on('data', (d) => (stderr += d));
  proc.stdin.on('error', () => {}); // the server may be gone: that is what some steps test
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return { proc, raw, exited, stderr: () => stderr };
}

function withTimeout(promise, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timeout: ${what}`)), TIMEOUT))),
  ]).finally(() => clearTimeout(timer));
}

// A session through vscode-jsonrpc. `published` holds the latest diagnostics per URI;
// waitFor(pred) resolves once a publishDiagnostics satisfies pred(uri, diagnostics).
function connect(server) {
  const conn = rpc.createMessageConnection(
    new rpc.StreamMessageReader(server.proc.stdout),
    new rpc.StreamMessageWriter(server.proc.stdin));
  const published = new Map();
  let waiters = [];
  conn.onNotification(lsp.PublishDiagnosticsNotification.type, (p) => {
    published.set(p.uri, p.diagnostics);
    waiters = waiters.filter((w) => !(w.pred(p.uri, p.diagnostics) && (w.resolve(p), true)));
  });
  conn.onRequest('window/showDocument', () => ({ success: true }));
  conn.listen();
  function waitFor(pred, what) {
    for (const [uri, d] of published) if (pred(uri, d)) return Promise.resolve({ uri, diagnostics: d });
    return withTimeout(new Promise((resolve) => waiters.push({ pred, resolve })), what);
  }
  return { conn, published, waitFor };
}

const key = (rule, line, col) => `${rule}@${line}:${col}`;
const lspKeys = (diags) => diags.map((d) => key(d.code, d.range.start.line + 1, d.range.start.character + 1)).sort();

// The CLI's shown findings per shown path, as keys.
function cliFindings() {
  const run = JSON.parse(fs.readFileSync(cliSarif, 'utf8')).runs[0];
  const byFile = new Map();
  for (const r of run.results) {
    if (r.suppressions && r.suppressions.length) continue;
    const loc = r.locations[0].physicalLocation;
    const file = loc.artifactLocation.uri;
    if (!byFile.has(file)) byFile.set(file, []);
    byFile.get(file).push(key(r.ruleId, loc.region.startLine, loc.region.startColumn));
  }
  for (const v of byFile.values()) v.sort();
  return byFile;
}

async function initialize(conn, capabilities) {
  return withTimeout(conn.sendRequest(lsp.InitializeRequest.type, {
    processId: process.pid, rootUri: 'file://' + project, capabilities, workspaceFolders: null,
  }), 'initialize');
}

function offsetOf(text, line, character) { // UTF-16 positions: JavaScript strings are UTF-16
  const lines = text.split('\n');
  let at = 0;
  for (let i = 0; i < line; i++) at += lines[i].length + 1;
  return at + character;
}
function applyEdits(text, edits) {
  const sorted = edits.slice().sort((a, b) => offsetOf(text, b.range.start.line, b.range.start.character) -
    offsetOf(text, a.range.start.line, a.range.start.character));
  for (const e of sorted)
    text = text.slice(0, offsetOf(text, e.range.start.line, e.range.start.character)) + e.newText +
      text.slice(offsetOf(text, e.range.end.line, e.range.end.character));
  return text;
}

// initialize, the workspace's diagnostics equal the CLI's, edits update them (in the file
// and, through a helper, in its caller), the suppression code actions work, documentation.
async function mainSession() {
  const server = startServer();
  const { conn, published, waitFor } = connect(server);
  const init = await initialize(conn, { general: { positionEncodings: ['utf-16'] },
    window: { showDocument: { support: true } } });
  check(init.capabilities.positionEncoding === 'utf-16', 'initialize: UTF-16 positions by default');
  check(init.capabilities.textDocumentSync.change === 2, 'initialize: incremental sync');
  conn.sendNotification(lsp.InitializedNotification.type, {});

  // The first analysis publishes every file with findings: they must be the CLI's.
  const cli = cliFindings();
  for (const [shown, want] of cli) {
    const file = path.relative(project, path.join(sarifRoot, shown));
    const got = await waitFor((uri) => uri === uriOf(file), `diagnostics of ${file}`);
    check(JSON.stringify(lspKeys(got.diagnostics)) === JSON.stringify(want),
      `${file}: diagnostics ${lspKeys(got.diagnostics)} equal the CLI's ${want}`);
  }
  const routeUri = uriOf('src/route.ts');
  const tf = published.get(routeUri).find((d) => d.code === 'tenant-filter');
  check(tf && tf.source === 'txlint' && tf.severity === 1 &&
    tf.codeDescription.href.endsWith('/rules/tenant-filter.md') && tf.data.rule === 'tenant-filter',
    'a diagnostic has source, severity, code, codeDescription and data');
  const naw = published.get(routeUri).find((d) => d.code === 'non-atomic-writes');
  check(naw && naw.relatedInformation && naw.relatedInformation.length === 2 &&
    naw.relatedInformation[1].location.range.start.line === 5,
    'relatedInformation carries the write steps');

  // Open the file and type a new unfiltered update on line 7 (0-based 6): unsaved text counts.
  let text = fs.readFileSync(path.join(project, 'src/route.ts'), 'utf8');
  conn.sendNotification(lsp.DidOpenTextDocumentNotification.type,
    { textDocument: { uri: routeUri, languageId: 'typescript', version: 1, text } });
  const insert = "  await db.from('calls').update({ status: 'x' }).eq('id', id);\n";
  const at = { line: 6, character: 0 };
  conn.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
    textDocument: { uri: routeUri, version: 2 },
    contentChanges: [{ range: { start: at, end: at }, text: insert }],
  });
  text = applyEdits(text, [{ range: { start: at, end: at }, newText: insert }]);
  const typed = await waitFor((uri, d) => uri === routeUri &&
    d.filter((x) => x.code === 'tenant-filter').length === 2, 'diagnostics after didChange');
  const added = typed.diagnostics.find((d) => d.code === 'tenant-filter' && d.range.start.line === 6);
  check(added && added.range.start.character === 25, 'didChange: the new finding at line 7, column 26');

  // The suppression code action, applied as an editor would, hides it.
  const actions = await withTimeout(conn.sendRequest(lsp.CodeActionRequest.type, {
    textDocument: { uri: routeUri }, range: added.range, context: { diagnostics: [added] },
  }), 'codeAction');
  const titles = actions.map((a) => a.title);
  check(titles.includes('Suppress tenant-filter on line 7') &&
    titles.includes('Suppress tenant-filter in this file') &&
    titles.includes('Show documentation for tenant-filter'), `code actions: ${titles}`);
  const onLine = actions.find((a) => a.title === 'Suppress tenant-filter on line 7');
  const edits = onLine.edit.changes[routeUri];
  check(edits[0].newText === '  // txlint-ignore tenant-filter -- <reason>\n',
    'the suppression comment has the line\'s indentation and a placeholder reason');
  const before = text;
  text = applyEdits(text, edits);
  conn.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
    textDocument: { uri: routeUri, version: 3 }, contentChanges: [{ text }],
  });
  const suppressed = await waitFor((uri, d) => uri === routeUri &&
    d.filter((x) => x.code === 'tenant-filter').length === 1, 'diagnostics after the code action');
  check(!suppressed.diagnostics.some((d) => d.code === 'tenant-filter' && d.range.start.line === 7),
    'after the code action the suppressed finding is gone');
  check(suppressed.diagnostics.some((d) => d.code === 'unused-suppression' && d.range.start.line === 6 &&
    /placeholder/.test(d.message)), 'unused-suppression reports the placeholder reason');
  check(before !== text, 'the edit changed the buffer');

  // A helper's edit reaches its caller: POST's writes are the delete, the typed update and
  // markDone's; markDone without its write leaves two.
  check(suppressed.diagnostics.some((d) => d.code === 'non-atomic-writes' && /makes 3 separate/.test(d.message)),
    'POST makes 3 writes with the typed update');
  const helpersUri = uriOf('src/helpers.ts');
  const helpers = fs.readFileSync(path.join(project, 'src/helpers.ts'), 'utf8');
  conn.sendNotification(lsp.DidOpenTextDocumentNotification.type,
    { textDocument: { uri: helpersUri, languageId: 'typescript', version: 1,
      text: helpers.replace(/await db.from\('calls'\).update[^\n]*/, 'return id;') } });
  await waitFor((uri, d) => uri === routeUri && d.some((x) => x.code === 'non-atomic-writes' &&
    /makes 2 separate/.test(x.message)), 'the caller\'s non-atomic-writes after the helper changed');
  check(true, 'a helper edited in one file changes non-atomic-writes in its caller');

  // SQL: the comment is `--`.
  const sqlUri = uriOf('supabase/migrations/20240101000000_init.sql');
  const sqlText = fs.readFileSync(path.join(project, 'supabase/migrations/20240101000000_init.sql'), 'utf8');
  conn.sendNotification(lsp.DidOpenTextDocumentNotification.type,
    { textDocument: { uri: sqlUri, languageId: 'sql', version: 1, text: sqlText } });
  const sqlDiag = (await waitFor((uri, d) => uri === sqlUri && d.length > 0, 'SQL diagnostics'))
    .diagnostics.find((d) => d.code === 'sql-tenant-filter');
  const sqlActions = await conn.sendRequest(lsp.CodeActionRequest.type, {
    textDocument: { uri: sqlUri }, range: sqlDiag.range, context: { diagnostics: [sqlDiag] } });
  check(sqlActions[0].edit.changes[sqlUri][0].newText === '  -- txlint-ignore sql-tenant-filter -- <reason>\n',
    'SQL: the suppression is a -- comment');
  const fileAction = sqlActions.find((a) => a.title === 'Suppress sql-tenant-filter in this file');
  conn.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
    textDocument: { uri: sqlUri, version: 2 },
    contentChanges: [{ text: applyEdits(sqlText, fileAction.edit.changes[sqlUri]) }] });
  await waitFor((uri, d) => uri === sqlUri && !d.some((x) => x.code === 'sql-tenant-filter'),
    'the file-level suppression hides the SQL finding');
  check(true, 'Suppress in this file: the finding is gone');

  // The tenant-filter quick fix: only where one plausible tenant value is in scope.
  const ordersUri = uriOf('src/orders.ts');
  const orders = fs.readFileSync(path.join(project, 'src/orders.ts'), 'utf8');
  conn.sendNotification(lsp.DidOpenTextDocumentNotification.type,
    { textDocument: { uri: ordersUri, languageId: 'typescript', version: 1, text: orders } });
  const od = (await waitFor((uri, d) => uri === ordersUri && d.length === 3, 'orders.ts diagnostics')).diagnostics;
  const addTitles = [];
  let addFix = null;
  for (const d of od) {
    const acts = await conn.sendRequest(lsp.CodeActionRequest.type,
      { textDocument: { uri: ordersUri }, range: d.range, context: { diagnostics: [d] } });
    for (const a of acts.filter((x) => x.title.startsWith('Filter on the tenant'))) {
      addTitles.push(`${d.range.start.line + 1}: ${a.title}`);
      addFix = a;
    }
  }
  check(JSON.stringify(addTitles) === JSON.stringify(["5: Filter on the tenant: .eq('org_id', orgId)"]),
    `tenant quick fix only for the parameter, not the body's or two candidates: ${addTitles}`);
  check(addFix && addFix.isPreferred === false && addFix.kind === 'quickfix', 'the tenant quick fix is never preferred');
  const fixed = applyEdits(orders, addFix.edit.changes[ordersUri]);
  check(fixed.split('\n')[4] === "  await db.from('calls').update({ status: 'cancelled' }).eq('org_id', orgId).eq('id', id);",
    'the filter goes right after .update()');
  conn.sendNotification(lsp.DidChangeTextDocumentNotification.type,
    { textDocument: { uri: ordersUri, version: 2 }, contentChanges: [{ text: fixed }] });
  await waitFor((uri, d) => uri === ordersUri && d.length === 2 && !d.some((x) => x.range.start.line === 4),
    'the tenant quick fix removes the finding');
  check(true, 'after the tenant quick fix the finding is gone');

  // Show documentation: a window/showDocument request to the client.
  const shown = new Promise((resolve) => conn.onRequest('window/showDocument', (p) => (resolve(p), { success: true })));
  await conn.sendRequest(lsp.ExecuteCommandRequest.type, { command: 'txlint.showDocumentation', arguments: ['tenant-filter'] });
  const doc = await withTimeout(shown, 'showDocument');
  check(doc.uri.endsWith('/rules/tenant-filter.md'), 'Show documentation opens the rule document');

  // Closing a document brings back the file on disk.
  conn.sendNotification('textDocument/didClose', { textDocument: { uri: routeUri } });
  await waitFor((uri, d) => uri === routeUri && d.some((x) => x.code === 'non-atomic-writes') === false &&
    d.filter((x) => x.code === 'tenant-filter').length === 1 && !d.some((x) => x.code === 'unused-suppression'),
    'didClose: the saved text is analysed again');
  check(true, 'didClose: diagnostics come from the file on disk again');

  await conn.sendRequest(lsp.ShutdownRequest.type);
  conn.sendNotification(lsp.ExitNotification.type);
  const { code } = await withTimeout(server.exited, 'exit');
  check(code === 0, `exit after shutdown: code ${code}`);
  if (code !== 0) console.error(server.stderr());
  conn.dispose();
  checkFrames(server, 'main session');
}

function checkFrames(server, what) {
  try {
    const n = frames(Buffer.concat(server.raw)).length;
    check(true, `${what}: stdout is ${n} framed messages and nothing else`);
  } catch (e) {
    check(false, `${what}: stdout: ${e.message}`);
  }
}

// A client that pulls: no pushes, textDocument/diagnostic answers; UTF-8 positions when offered.
async function pullSession() {
  const server = startServer();
  const { conn, published } = connect(server);
  const init = await initialize(conn, { general: { positionEncodings: ['utf-8', 'utf-16'] },
    textDocument: { diagnostic: { dynamicRegistration: false } } });
  check(init.capabilities.positionEncoding === 'utf-8', 'initialize: UTF-8 when the client offers it');
  check(init.capabilities.diagnosticProvider !== undefined, 'initialize: diagnosticProvider');
  conn.sendNotification(lsp.InitializedNotification.type, {});
  const routeUri = uriOf('src/route.ts');
  const report = await withTimeout(conn.sendRequest(lsp.DocumentDiagnosticRequest.type,
    { textDocument: { uri: routeUri } }), 'pull diagnostics');
  const tf = report.items.find((d) => d.code === 'tenant-filter');
  // UTF-8: the column counts bytes: 'é' and 'à' are 2 bytes, the emoji 4.
  const line = fs.readFileSync(path.join(project, 'src/route.ts'), 'utf8').split('\n')[4];
  const bytes = Buffer.byteLength(line.slice(0, line.indexOf('.delete(') + 1));
  check(report.kind === 'full' && tf && tf.range.start.character === bytes,
    `pulled: tenant-filter at byte column ${tf && tf.range.start.character}, want ${bytes}`);
  check(typeof report.resultId === 'string', 'pulled: a resultId');
  const again = await withTimeout(conn.sendRequest(lsp.DocumentDiagnosticRequest.type,
    { textDocument: { uri: routeUri }, previousResultId: report.resultId }), 'pull again');
  check(again.kind === 'unchanged' && again.resultId === report.resultId,
    'pulled with the current previousResultId: unchanged');

  // workspace/diagnostic: every file with findings, then "unchanged" for the ids the client has,
  // a full (empty) report for a file it knew that has none, and a new report after an edit.
  check(init.capabilities.diagnosticProvider.workspaceDiagnostics === true,
    'initialize: workspaceDiagnostics');
  const ws = await withTimeout(conn.sendRequest(lsp.WorkspaceDiagnosticRequest.type,
    { previousResultIds: [] }), 'workspace pull');
  const wsRoute = ws.items.find((r) => r.uri === routeUri);
  check(wsRoute && wsRoute.kind === 'full' && wsRoute.version === null &&
    wsRoute.resultId === report.resultId &&
    JSON.stringify(wsRoute.items) === JSON.stringify(report.items),
    'workspace pull: the route file, as the document pull gives it');
  check(ws.items.length >= 2 && ws.items.every((r) => r.kind === 'full' && r.items.length > 0),
    `workspace pull: every file with findings (${ws.items.map((r) => r.uri)})`);
  const helpersUri = uriOf('src/helpers.ts');
  const gone = uriOf('src/no-findings.ts');
  const prev = ws.items.map((r) => ({ uri: r.uri, value: r.resultId }))
    .concat([{ uri: gone, value: 'stale' }]);
  const ws2 = await withTimeout(conn.sendRequest(lsp.WorkspaceDiagnosticRequest.type,
    { previousResultIds: prev }), 'workspace pull with ids');
  check(ws2.items.filter((r) => r.uri !== gone).every((r) => r.kind === 'unchanged'),
    'workspace pull with the current ids: unchanged');
  const goneReport = ws2.items.find((r) => r.uri === gone);
  check(goneReport && goneReport.kind === 'full' && goneReport.items.length === 0,
    'workspace pull: a file the client knew that has no findings gets an empty report');
  check(!ws2.items.some((r) => r.uri === helpersUri && r.kind === 'full'),
    'workspace pull: no full report for an unchanged file');
  const routeText = fs.readFileSync(path.join(project, 'src/route.ts'), 'utf8');
  conn.sendNotification(lsp.DidOpenTextDocumentNotification.type,
    { textDocument: { uri: routeUri, languageId: 'typescript', version: 1,
      text: routeText.replace(".eq('id', id)", ".eq('id', id).eq('org_id', orgId)") } });
  const ws3 = await withTimeout(conn.sendRequest(lsp.WorkspaceDiagnosticRequest.type,
    { previousResultIds: prev }), 'workspace pull after an edit');
  const route3 = ws3.items.find((r) => r.uri === routeUri);
  check(route3 && route3.kind === 'full' && route3.resultId !== wsRoute.resultId &&
    !route3.items.some((d) => d.code === 'tenant-filter' && d.range.start.line === 4),
    'workspace pull after an edit: the route file again, without the fixed finding');

  // A new buffer not saved yet is analysed where the walk would list it; one in a folder the
  // walk skips is not.
  const fresh = "import { db } from './helpers';\nexport async function DELETE(id: string) {\n" +
    "  await db.from('calls').delete().eq('id', id);\n}\n";
  for (const [rel, want] of [['src/unsaved-route.ts', 1], ['dist/unsaved-route.ts', 0]]) {
    conn.sendNotification(lsp.DidOpenTextDocumentNotification.type,
      { textDocument: { uri: uriOf(rel), languageId: 'typescript', version: 1, text: fresh } });
    const r = await withTimeout(conn.sendRequest(lsp.DocumentDiagnosticRequest.type,
      { textDocument: { uri: uriOf(rel) } }), `pull ${rel}`);
    const n = r.items.filter((d) => d.code === 'tenant-filter' && d.range.start.line === 2).length;
    check(!fs.existsSync(path.join(project, rel)) && n === want,
      `an unsaved new file ${rel}: ${n} tenant-filter finding(s), want ${want}`);
  }
  check(published.size === 0, 'a pulling client gets no pushed diagnostics');
  await conn.sendRequest(lsp.ShutdownRequest.type);
  conn.sendNotification(lsp.ExitNotification.type);
  await withTimeout(server.exited, 'exit');
  conn.dispose();
  checkFrames(server, 'pull session');
}

// The configuration: a bad .txlint.yml is shown (window/showMessage) and clears the findings;
// saving a good one brings them back, with its settings (a rule turned off stays off).
async function configSession() {
  const server = startServer();
  const { conn, published, waitFor } = connect(server);
  const messages = [];
  conn.onNotification('window/showMessage', (p) => messages.push(p));
  await initialize(conn, {});
  conn.sendNotification(lsp.InitializedNotification.type, {});
  const routeUri = uriOf('src/route.ts');
  await waitFor((uri, d) => uri === routeUri && d.length > 0, 'first diagnostics');
  const yml = path.join(project, '.txlint.yml');
  const ymlUri = 'file://' + yml;
  fs.writeFileSync(yml, 'rules: [\n');
  conn.sendNotification(lsp.DidChangeWatchedFilesNotification.type, { changes: [{ uri: ymlUri, type: 1 }] });
  await waitFor((uri, d) => uri === routeUri && d.length === 0, 'a bad configuration clears the findings');
  check(messages.some((m) => m.type === 1 && /txlint\.yml/.test(m.message)),
    `a bad .txlint.yml is shown: ${messages.map((m) => m.message)}`);
  fs.writeFileSync(yml, 'rules:\n  non-atomic-writes: { enabled: false }\n');
  conn.sendNotification('textDocument/didSave', { textDocument: { uri: ymlUri } });
  const back = await waitFor((uri, d) => uri === routeUri && d.length > 0, 'a saved good configuration');
  check(back.diagnostics.every((d) => d.code !== 'non-atomic-writes') &&
    back.diagnostics.some((d) => d.code === 'tenant-filter'), 'didSave of .txlint.yml reloads it');
  fs.unlinkSync(yml);
  await conn.sendRequest(lsp.ShutdownRequest.type);
  conn.sendNotification(lsp.ExitNotification.type);
  await withTimeout(server.exited, 'exit');
  conn.dispose();
  checkFrames(server, 'configuration session');
}

// Raw bytes to the server; returns the messages it answered with once it has exited (the
// input ends after `parts`) and its exit code. Fails on any non-protocol byte.
async function raw(parts, what) {
  const server = startServer();
  for (const p of parts) {
    if (typeof p === 'number') await new Promise((r) => setTimeout(r, p));
    else server.proc.stdin.write(p);
  }
  server.proc.stdin.end();
  const { code, signal } = await withTimeout(server.exited, `${what}: the server exits`);
  let msgs = [];
  try {
    msgs = frames(Buffer.concat(server.raw));
  } catch (e) {
    check(false, `${what}: stdout: ${e.message}`);
  }
  check(signal === null && code === 1, `${what}: exits (code ${code}, signal ${signal}), no crash`);
  return msgs;
}
const frame = (obj) => {
  const body = Buffer.from(typeof obj === 'string' ? obj : JSON.stringify(obj));
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
};
const req = (id, method, params) => frame({ jsonrpc: '2.0', id, method, params });
const note = (method, params) => frame({ jsonrpc: '2.0', method, params });
const initReq = req(1, 'initialize', { rootUri: 'file://' + project, capabilities: {} });
const byId = (msgs, id) => msgs.find((m) => m.id === id);

async function badInput() {
  let m = await raw([req(1, 'textDocument/codeAction', {}), initReq], 'request before initialize');
  check(byId(m, 1) && byId(m, 1).error && byId(m, 1).error.code === -32002, 'ServerNotInitialized before initialize');
  check(m.filter((x) => x.id === 1).length === 2 && m.some((x) => x.id === 1 && x.result),
    'initialize still works after a refused request');

  m = await raw([initReq, frame('{"jsonrpc": "2.0", "id": 2, "method": '), req(3, 'shutdown')], 'invalid JSON');
  check(m.some((x) => x.id === null && x.error && x.error.code === -32700), 'invalid JSON: ParseError');
  check(byId(m, 3) && byId(m, 3).result === null, 'invalid JSON: the next request is answered');

  m = await raw([initReq, frame('[1, 2]'), frame('{"jsonrpc":"2.0","id":{"a":1},"method":"x"}'),
    req(4, 'no/such/method'), note('no/such/notification', {}), req(5, 'shutdown')], 'invalid requests');
  check(m.filter((x) => x.error && x.error.code === -32600).length === 2, 'InvalidRequest for a non-object and a bad id');
  check(byId(m, 4) && byId(m, 4).error.code === -32601, 'MethodNotFound for an unknown method');
  check(byId(m, 5) && byId(m, 5).result === null, 'an unknown notification is ignored');

  m = await raw([initReq, Buffer.from('Content-Type: text/plain\r\n\r\n{"id": 9}'),
    Buffer.from('Content-Length: abc\r\n\r\n'), Buffer.from('garbage\r\n\r\n'),
    Buffer.concat([Buffer.from('Content-Length: 45\r\nno colon here\r\n\r\n'),
      Buffer.from('{"jsonrpc":"2.0","id":10,"method":"shutdown"}')]),
    req(6, 'shutdown')], 'malformed framing');
  check(byId(m, 6) && byId(m, 6).result === null && !byId(m, 9) && !byId(m, 10),
    'malformed framing: skipped (a framed body with a bad header too), the next message answered');

  const big = 64 * 1024 * 1024 + 1;
  const chunk = Buffer.alloc(1 << 20, 0x20);
  const parts = [initReq, Buffer.from(`Content-Length: ${big}\r\n\r\n`)];
  for (let left = big; left > 0; left -= chunk.length) parts.push(left >= chunk.length ? chunk : chunk.slice(0, left));
  parts.push(req(7, 'shutdown'));
  m = await raw(parts, 'oversized Content-Length');
  check(byId(m, 7) && byId(m, 7).result === null, 'oversized Content-Length: the body is skipped, the next message answered');
  m = await raw([initReq, Buffer.from('Content-Length: 99999999999999\r\n\r\n{}')], 'absurd Content-Length');
  check(byId(m, 1) && byId(m, 1).result, 'absurd Content-Length: no allocation, exits at the end of the input');

  // A document outside the workspace and a binary buffer: no diagnostics, no crash.
  m = await raw([initReq, note('initialized', {}), 1500, // the workspace's findings first
    note('textDocument/didOpen', { textDocument: { uri: 'file:///tmp/elsewhere/x.ts', languageId: 'typescript', version: 1,
      text: "await db.from('calls').delete().eq('id', id);" } }),
    note('textDocument/didOpen', { textDocument: { uri: 'untitled:Untitled-1', languageId: 'typescript', version: 1, text: 'x' } }),
    note('textDocument/didOpen', { textDocument: { uri: uriOf('src/route.ts'), languageId: 'typescript', version: 1,
      text: 'const a = 1;\u0000\u0001\u00ff binary' } }),
    note('textDocument/didChange', { textDocument: { uri: uriOf('src/route.ts'), version: 2 },
      contentChanges: [{ range: { start: { line: 99, character: 5 }, end: { line: -1, character: 99999 } }, text: '\u0000' }] }),
    1500, req(8, 'shutdown')], 'outside documents and binary content');
  const pubs = m.filter((x) => x.method === 'textDocument/publishDiagnostics');
  check(!pubs.some((p) => p.params.uri.includes('elsewhere') || p.params.uri.startsWith('untitled')),
    'a document outside the workspace gets no diagnostics');
  const last = pubs.filter((p) => p.params.uri === uriOf('src/route.ts')).pop();
  check(pubs.length >= 3 && last && last.params.diagnostics.length === 0,
    'a binary buffer: its file\'s diagnostics are cleared, none reported');
  check(byId(m, 8) && byId(m, 8).result === null, 'the server goes on after them');

  // The client disappears: mid-message, and with its reading end closed while the server writes.
  m = await raw([initReq, Buffer.from('Content-Length: 500\r\n\r\n{"jsonrpc"')], 'client gone mid-message');
  check(byId(m, 1) !== undefined, 'client gone mid-message: exits');
  const server = startServer();
  server.proc.stdout.destroy();
  server.proc.stdin.write(initReq);
  server.proc.stdin.write(note('initialized', {}));
  await new Promise((r) => setTimeout(r, 500));
  server.proc.stdin.end();
  const { code, signal } = await withTimeout(server.exited, 'client gone: the server exits');
  check(signal === null && code === 1, `client stopped reading: exits with 1 (code ${code}, signal ${signal})`);
}

(async () => {
  try {
    await mainSession();
    await pullSession();
    await configSession();
    await badInput();
  } catch (e) {
    failures++;
    console.log(`FAIL: ${e.stack || e}`);
  }
  console.log(failures ? `${failures} failure(s)` : 'all passed');
  process.exit(failures ? 1 : 0);
})();
