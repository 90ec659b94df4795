// crash.c: see crash.h. Everything the handler touches is either on its own stack, static and
// written before the crash, or a lock-free atomic; it calls only write(), unlink(),
// sigaction(), raise(), pause() and _exit(), which POSIX lists as async-signal-safe, and
// tx_emit_escape(), which allocates nothing.
#include "crash.h"

#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/version.h"
#include "emit/emit_util.h"

// Thread-locals read by a signal handler must not be allocated lazily (__tls_get_addr):
// initial-exec TLS is part of the thread's static block.
#if defined(__GNUC__)
#define TX_TLS _Thread_local __attribute__((tls_model("initial-exec")))
#else
#define TX_TLS _Thread_local
#endif

static const struct {
  int sig;
  const char *name;
} fatal[] = {{SIGSEGV, "SIGSEGV"},
             {SIGBUS, "SIGBUS"},
             {SIGFPE, "SIGFPE"},
             {SIGILL, "SIGILL"},
             {SIGABRT, "SIGABRT"}};
enum { FATAL_COUNT = sizeof fatal / sizeof fatal[0] };

static struct sigaction previous[FATAL_COUNT]; // written by tx_crash_install only
static atomic_bool installed;
static atomic_flag reporting = ATOMIC_FLAG_INIT;
static _Atomic(const char *) phase = "starting";
static _Atomic(const char *) temp_file;
static TX_TLS _Atomic(const TxStr *) current_file;
static TX_TLS volatile sig_atomic_t in_handler;
static TX_TLS void *alt_stack; // given by tx_crash_thread_begin, NULL when not ours
static TX_TLS size_t alt_size;
static TX_TLS unsigned alt_depth; // tx_crash_thread_begin calls not yet ended

void tx_crash_set_file(const TxStr *path) {
  atomic_store(&current_file, path);
}

void tx_crash_set_temp_file(const char *path) {
  atomic_store(&temp_file, path);
}

void tx_crash_set_phase(const char *p) {
  atomic_store(&phase, p);
}

// --- the handler -------------------------------------------------------------------------

typedef struct Line {
  char buf[2048];
  size_t n;
} Line;

static void put(Line *l, const char *s, size_t len) {
  if (len > sizeof l->buf - l->n)
    len = sizeof l->buf - l->n;
  memcpy(l->buf + l->n, s, len);
  l->n += len;
}

static void put_c(Line *l, const char *s) {
  put(l, s, strlen(s));
}

static void put_number(Line *l, unsigned v) {
  char digits[16];
  size_t i = sizeof digits;
  do {
    digits[--i] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  put(l, digits + i, sizeof digits - i);
}

static void on_fatal(int sig, siginfo_t *info, void *uctx) {
  int idx = 0;
  while (idx < FATAL_COUNT - 1 && fatal[idx].sig != sig)
    idx++;
  if (in_handler) {
    // The handler (or a sanitizer's after it) failed on this thread: die as the signal
    // would have, without a second line.
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigaction(sig, &dfl, NULL);
    raise(sig);
    return;
  }
  in_handler = 1;
  if (atomic_flag_test_and_set(&reporting)) {
    for (;;) // another thread crashed first: it writes the line and exits the process
      pause();
  }
  Line l;
  l.n = 0;
  put_c(&l, "txlint " TX_VERSION ": internal error: signal ");
  put_number(&l, (unsigned)sig);
  put_c(&l, " (");
  put_c(&l, fatal[idx].name);
  put_c(&l, ") while ");
  const TxStr *file = atomic_load(&current_file);
  if (file) {
    put_c(&l, "analysing ");
    static const char tail[] = "; please report it\n";
    bool cut = false;
    size_t room = sizeof l.buf - l.n - (sizeof tail - 1) - 3;
    l.n += tx_emit_escape(l.buf + l.n, room, *file, &cut);
    if (cut)
      put_c(&l, "...");
  } else {
    put_c(&l, atomic_load(&phase));
  }
  put_c(&l, "; please report it\n");
  for (size_t off = 0; off < l.n;) {
    ssize_t w = write(STDERR_FILENO, l.buf + off, l.n - off);
    if (w <= 0)
      break;
    off += (size_t)w;
  }
  const char *temp = atomic_load(&temp_file);
  if (temp)
    unlink(temp);
  // A handler that was there before us (AddressSanitizer's) reports in its own way and
  // exits with its own status.
  const struct sigaction *prev = &previous[idx];
  if ((prev->sa_flags & SA_SIGINFO) && prev->sa_sigaction)
    prev->sa_sigaction(sig, info, uctx);
  else if (!(prev->sa_flags & SA_SIGINFO) && prev->sa_handler != SIG_DFL &&
           prev->sa_handler != SIG_IGN)
    prev->sa_handler(sig);
  _exit(TX_EXIT_CRASH);
}

// --- installation ------------------------------------------------------------------------

// Big enough for the handler's line and for a sanitizer's report after it.
static size_t stack_size(void) {
  size_t n = (size_t)64 * 1024;
#ifdef _SC_SIGSTKSZ
  long min = sysconf(_SC_SIGSTKSZ);
  if (min > 0 && (size_t)min * 4 > n)
    n = (size_t)min * 4;
#endif
  return n;
}

void tx_crash_thread_begin(void) {
  // Calls nest (tx_crash_install's stack is the main thread's for good, and the driver's
  // worker also runs on the main thread with one job): only the outermost end removes it.
  if (alt_depth++ > 0)
    return;
  stack_t old;
  if (sigaltstack(NULL, &old) == 0 && !(old.ss_flags & SS_DISABLE))
    return; // a sanitizer's: that one is freed by its owner
  size_t n = stack_size();
  // mmap, not malloc: the memory is the thread's until tx_crash_thread_end (the main
  // thread's until exit), and not a leak.
  void *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
  if (p == MAP_FAILED)
    return; // no alternate stack: a stack overflow dies unreported, the rest is reported
  stack_t st;
  memset(&st, 0, sizeof st);
  st.ss_sp = p;
  st.ss_size = n;
  if (sigaltstack(&st, NULL) != 0) {
    munmap(p, n);
    return;
  }
  alt_stack = p;
  alt_size = n;
}

void tx_crash_thread_end(void) {
  if (alt_depth == 0 || --alt_depth > 0 || !alt_stack)
    return;
  stack_t st;
  memset(&st, 0, sizeof st);
  st.ss_flags = SS_DISABLE;
  if (sigaltstack(&st, NULL) == 0)
    munmap(alt_stack, alt_size);
  alt_stack = NULL;
}

void tx_crash_install(void) {
  if (atomic_exchange(&installed, true))
    return;
  tx_crash_thread_begin();
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_fatal;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  for (int i = 0; i < FATAL_COUNT; i++) {
    if (sigaction(fatal[i].sig, &sa, &previous[i]) != 0)
      memset(&previous[i], 0, sizeof previous[i]);
  }
}
