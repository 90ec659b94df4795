// lsp-latency.cjs: measures didChange -> publishDiagnostics of `txlint lsp` (ci/bench/lsp-latency).
// Usage: node lsp-latency.cjs TXLINT PROJECT ROUNDS (LSP_FILE=path in PROJECT: the file edited; default the first .ts)
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const tools = path.join(__dirname, '..', 'tools', 'node_modules');
const rpc = require(path.join(tools, 'vscode-jsonrpc', 'node'));
const lsp = require(path.join(tools, 'vscode-languageserver-protocol', 'node'));

const [txlint, project, roundsArg] = process.argv.slice(2);
const rounds = Number(roundsArg);

// A route handler file of the generated project, the first one in path order.
function pickFile(dir) {
  const stack = [dir];
  const found = [];
  while (stack.length) {
    const d = stack.pop();
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.')) stack.push(p);
      else if (e.isFile() && p.endsWith('.ts')) found.push(p);
    }
  }
  return found.sort()[0];
}

(async () => {
  const proc = spawn(txlint, ['lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout),
    new rpc.StreamMessageWriter(proc.stdin));
  let waiter = null;
  let published = 0;
  conn.onNotification(lsp.PublishDiagnosticsNotification.type, (p) => {
    published++;
    if (waiter && p.uri === waiter.uri) {
      const w = waiter;
      waiter = null;
      w.resolve(process.hrtime.bigint());
    }
  });
  conn.listen();
  const t0 = Date.now();
  await conn.sendRequest(lsp.InitializeRequest.type, { processId: process.pid, rootUri: 'file://' + project, capabilities: {} });
  conn.sendNotification(lsp.InitializedNotification.type, {});
  // The first analysis (cold or from an earlier run's cache) publishes the workspace.
  const quiet = async () => {
    const until = Date.now() + 60000; // the first publish, then 1.5 s without one
    while (published === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    let last = -1;
    while (last !== published) {
      last = published;
      await new Promise((r) => setTimeout(r, 1500));
    }
  };
  await quiet();
  console.error(`workspace loaded and published (${published} files) in ${Date.now() - t0} ms`);
  const file = process.env.LSP_FILE ? path.resolve(project, process.env.LSP_FILE) : pickFile(project); // LSP_FILE: relative to PROJECT
  const uri = 'file://' + file;
  const text = fs.readFileSync(file, 'utf8');
  conn.sendNotification(lsp.DidOpenTextDocumentNotification.type,
    { textDocument: { uri, languageId: 'typescript', version: 1, text } });
  await quiet();
  // Each edit appends or removes an unfiltered delete, so every change changes the findings.
  const lines = text.split('\n').length - 1;
  const add = "export async function benchEdit(id: string) { await supabase.from('calls').delete().eq('id', id); }\n";
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const adding = i % 2 === 0;
    const range = adding ? { start: { line: lines, character: 0 }, end: { line: lines, character: 0 } }
      : { start: { line: lines, character: 0 }, end: { line: lines + 1, character: 0 } };
    const done = new Promise((resolve) => (waiter = { uri, resolve }));
    const start = process.hrtime.bigint();
    conn.sendNotification(lsp.DidChangeTextDocumentNotification.type,
      { textDocument: { uri, version: i + 2 }, contentChanges: [{ range, text: adding ? add : '' }] });
    const end = await Promise.race([done, new Promise((r) => setTimeout(() => r(null), 30000))]);
    if (end === null) throw new Error(`round ${i}: no publishDiagnostics within 30 s`);
    times.push(Number(end - start) / 1e6);
    await new Promise((r) => setTimeout(r, 100)); // an editor's pause between edits
  }
  times.sort((a, b) => a - b);
  const pct = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  console.log(`lsp latency (didChange -> publishDiagnostics, ${rounds} edits of ${path.relative(project, file)}): ` +
    `median ${pct(0.5).toFixed(1)} ms, p90 ${pct(0.9).toFixed(1)} ms, min ${times[0].toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms`);
  await conn.sendRequest(lsp.ShutdownRequest.type);
  conn.sendNotification(lsp.ExitNotification.type);
  proc.on('exit', () => process.exit(0));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
