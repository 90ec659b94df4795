// lsp_text.h: positions and URIs for the language server. LSP positions are (line,
// character), both 0-based; a character counts UTF-16 code units by default, or bytes when
// the client and server agree on UTF-8 (initialize: positionEncoding). Lines end at "\n",
// "\r\n" or a lone "\r", as the protocol and txlint's own line index (source.h) say;
// diagnostics' positions come from that index (tx_source_pos), edits' go through here.
#ifndef TX_LSP_TEXT_H
#define TX_LSP_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum TxLspEncoding { TX_LSP_UTF16, TX_LSP_UTF8 } TxLspEncoding;

// The byte offset of a position: a line past the end is the end of the text; a character
// past the end of its line is the line's end; one inside a UTF-8 sequence (or between the
// two UTF-16 units of one code point) is the start of that code point. Can't fail.
size_t tx_lsp_offset(const char *text, size_t len, uint32_t line, uint32_t character,
                     TxLspEncoding enc);

// "file:///a%20b/c.ts" -> "/a b/c.ts" (heap; free it). NULL for another scheme, a host other
// than empty or "localhost", a relative path, a bad or NUL escape.
char *tx_lsp_uri_to_path(const char *uri);
// The reverse; every byte outside [A-Za-z0-9-._~/] is escaped. Heap; free it.
char *tx_lsp_path_to_uri(const char *path);

#endif
