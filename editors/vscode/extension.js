// extension.js: starts `txlint lsp` for the workspace through vscode-languageclient. The
// server does the work (diagnostics, code actions, documentation); this file only says which
// binary to run and which documents it is for.
'use strict';
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration('txlint').get('path') || 'txlint';
  const run = { command, args: ['lsp'], transport: TransportKind.stdio };
  const languages = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'sql'];
  client = new LanguageClient('txlint', 'txlint', { run, debug: run }, {
    documentSelector: languages.map((language) => ({ scheme: 'file', language })),
    synchronize: {
      // A changed configuration, migration, tsconfig or generated types re-analyses.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{.txlint.yml,*.sql,tsconfig*.json,*.ts}'),
    },
  });
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
