// version.h: txlint's version, shown by --version and in SARIF, and part of the cache key.
#ifndef TX_BASE_VERSION_H
#define TX_BASE_VERSION_H

#define TX_VERSION "0.1.0"

#endif
