// crash.h: one line on stderr when txlint dies of a fatal signal (SIGSEGV, SIGBUS, SIGFPE,
// SIGILL, SIGABRT), naming the version and the file the crashing thread was analysing (or
// the phase), then exit code 3:
//
//   txlint 0.1.0: internal error: signal 11 (SIGSEGV) while analysing src/x.ts; please report it
//
// The handler is async-signal-safe: it formats into a buffer on its own stack and write()s it,
// nothing else. It runs on an alternate signal stack so a stack overflow is reported too; each
// thread needs its own (tx_crash_thread_begin). A handler that was installed before (a
// sanitizer's) is called after the line, so its report still follows.
#ifndef TX_CRASH_H
#define TX_CRASH_H

#include "base/str.h"

enum { TX_EXIT_CRASH = 3 };

// Installs the handler for the five signals and an alternate stack for the calling thread.
// Call once, early in main(), before any other thread exists.
void tx_crash_install(void);

// Gives the calling thread an alternate signal stack, unless it has one (a sanitizer's);
// tx_crash_thread_end() removes the one given here. Pairs nest: only the outermost end
// removes the stack. Harmless without tx_crash_install().
void tx_crash_thread_begin(void);
void tx_crash_thread_end(void);

// The file the calling thread is analysing (its path as shown, which must outlive the call),
// or NULL when it is between files. Thread-local.
void tx_crash_set_file(const TxStr *path);

// A file to remove if the process crashes (the half-written --output), or NULL. The string
// must outlive the call or the next one.
void tx_crash_set_temp_file(const char *path);

// What the process is doing, for a crash on a thread with no file: a static string read as
// "while <phase>" ("linking the program").
void tx_crash_set_phase(const char *phase);

#endif
