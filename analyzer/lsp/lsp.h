// lsp.h: `txlint lsp`, the language server (LSP 3.17 over stdin/stdout). See README "Editors".
#ifndef TX_LSP_LSP_H
#define TX_LSP_LSP_H

// Serves one client on stdin/stdout until `exit` or the end of the input. Returns the exit
// code: 0 after shutdown + exit, 1 when the client went away or sent exit without shutdown
// (as the protocol says), 2 for bad arguments. `argv` is what follows "lsp".
int tx_lsp_main(int argc, char **argv);

#endif
