// test_crash.c: the fatal-signal report (crash.c). Each case crashes a forked child that
// installed the handler, and checks the child's stderr and exit status: one line naming the
// version, the signal and the file (or the phase), then exit 3, and no temporary output left.
// Without the handler the children die of the signal and every case fails; without the alternate
// stack the stack overflow case does.
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/version.h"
#include "crash.h"

#define PREFIX "txlint " TX_VERSION ": internal error: "

typedef struct Child {
  char err[8192]; // what it wrote on stderr
  int status;     // from waitpid
} Child;

static const int fatal_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

// Runs fn(arg) in a child with stderr into a pipe, the fatal signals at their defaults (as
// in txlint: no test framework's or sanitizer's handler before ours) and a 20 s alarm, so a
// handler that hangs fails the test instead of blocking it.
static void run_child(void (*fn)(const void *), const void *arg, Child *child) {
  int fds[2];
  assert_int_equal(pipe(fds), 0);
  fflush(NULL);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    close(fds[0]);
    dup2(fds[1], STDERR_FILENO);
    for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++)
      signal(fatal_signals[i], SIG_DFL);
    alarm(20);
    fn(arg);
    _exit(99); // the crash did not happen
  }
  close(fds[1]);
  size_t n = 0;
  ssize_t r;
  while ((r = read(fds[0], child->err + n, sizeof child->err - 1 - n)) > 0)
    n += (size_t)r;
  child->err[n] = '\0';
  close(fds[0]);
  assert_int_equal(waitpid(pid, &child->status, 0), pid);
}

static void expect_report(const Child *c, const char *line) {
  if (!WIFEXITED(c->status) || WEXITSTATUS(c->status) != 3)
    fail_msg("child %s %d, stderr: '%s'", WIFSIGNALED(c->status) ? "died of signal" : "exited",
             WIFSIGNALED(c->status) ? WTERMSIG(c->status) : WEXITSTATUS(c->status), c->err);
  assert_string_equal(c->err, line);
}

// --- children -------------------------------------------------------------------------------

typedef struct Crash {
  int sig;
  const char *file; // NULL: none set
  const char *phase;
} Crash;

static void raise_with(const void *arg) {
  const Crash *k = arg;
  tx_crash_install();
  if (k->phase)
    tx_crash_set_phase(k->phase);
  TxStr path = k->file ? tx_str(k->file) : (TxStr){NULL, 0};
  if (k->file)
    tx_crash_set_file(&path);
  raise(k->sig);
}

static void write_to_protected_page(const void *arg) {
  (void)arg;
  tx_crash_install();
  tx_crash_set_phase("linking the program");
  long page = sysconf(_SC_PAGESIZE);
  char *p = mmap(NULL, (size_t)page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    _exit(98);
  *(volatile char *)p = 1; // a real fault, not a raise()
}

static void call_abort(const void *arg) {
  (void)arg;
  tx_crash_install();
  static const TxStr path = {"supabase/migrations/001.sql", 27};
  tx_crash_set_file(&path);
  abort();
}

static volatile unsigned depth_limit = UINT_MAX;

// Not a tail call (the addition follows it), so every level takes a frame.
__attribute__((noinline)) static unsigned recurse(unsigned depth) {
  volatile char pad[64];
  pad[0] = (char)depth;
  if (depth >= depth_limit)
    return 0;
  return recurse(depth + 1) + (unsigned char)pad[0];
}

static void *overflow_thread(void *arg) {
  tx_crash_thread_begin(); // as driver.c's workers do
  if (arg) {               // a nested pair (the driver's worker on the main thread) keeps it
    tx_crash_thread_begin();
    tx_crash_thread_end();
  }
  static const TxStr path = {"src/deep.ts", 11};
  tx_crash_set_file(&path);
  return (void *)(uintptr_t)recurse(0);
}

static void overflow_on_a_thread(const void *arg) {
  tx_crash_install();
  tx_crash_set_phase("extracting facts");
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 256 * 1024);
  pthread_t t;
  if (pthread_create(&t, &attr, overflow_thread, (void *)(uintptr_t)arg) != 0)
    _exit(98);
  pthread_join(t, NULL);
}

static void previous_handler(int sig, siginfo_t *info, void *uctx) {
  (void)sig, (void)info, (void)uctx;
  static const char msg[] = "previous handler\n";
  if (write(STDERR_FILENO, msg, sizeof msg - 1) < 0)
    _exit(41);
  _exit(42);
}

static void failing_previous_handler(int sig) {
  (void)sig;
  abort(); // fails inside the chain: must die, not hang or report twice
}

static void chain(const void *arg) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  if (arg) {
    sa.sa_handler = failing_previous_handler;
  } else {
    sa.sa_sigaction = previous_handler;
    sa.sa_flags = SA_SIGINFO;
  }
  sigaction(SIGSEGV, &sa, NULL);
  tx_crash_install();
  tx_crash_set_phase("running the rules");
  raise(SIGSEGV);
}

static void crash_while_writing(const void *arg) {
  tx_crash_install();
  tx_crash_set_phase("writing the output");
  tx_crash_set_temp_file(arg);
  raise(SIGSEGV);
}

// --- tests ----------------------------------------------------------------------------------

static void test_crash_names_the_file(void **state) {
  (void)state;
  Child child;
  Crash k = {SIGSEGV, "src/x.ts", NULL};
  run_child(raise_with, &k, &child);
  expect_report(&child, PREFIX "signal 11 (SIGSEGV) while analysing src/x.ts; please report it\n");
}

static void test_crash_names_the_phase_without_a_file(void **state) {
  (void)state;
  Child child;
  run_child(write_to_protected_page, NULL, &child);
  expect_report(&child, PREFIX "signal 11 (SIGSEGV) while linking the program; please report it\n");
  Crash k = {SIGSEGV, NULL, NULL}; // before any phase is set
  run_child(raise_with, &k, &child);
  expect_report(&child, PREFIX "signal 11 (SIGSEGV) while starting; please report it\n");
}

static void test_crash_names_each_signal(void **state) {
  (void)state;
  static const struct {
    int sig;
    const char *line;
  } cases[] = {
      {SIGBUS, PREFIX "signal 7 (SIGBUS) while writing the output; please report it\n"},
      {SIGFPE, PREFIX "signal 8 (SIGFPE) while writing the output; please report it\n"},
      {SIGILL, PREFIX "signal 4 (SIGILL) while writing the output; please report it\n"},
      {SIGABRT, PREFIX "signal 6 (SIGABRT) while writing the output; please report it\n"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    Child child;
    Crash k = {cases[i].sig, NULL, "writing the output"};
    run_child(raise_with, &k, &child);
    expect_report(&child, cases[i].line);
  }
  Child child;
  run_child(call_abort, NULL, &child);
  expect_report(&child, PREFIX "signal 6 (SIGABRT) while analysing supabase/migrations/001.sql; "
                               "please report it\n");
}

static void test_crash_reports_a_stack_overflow_on_a_thread(void **state) {
  (void)state;
  Child child;
  run_child(overflow_on_a_thread, NULL, &child);
  expect_report(&child,
                PREFIX "signal 11 (SIGSEGV) while analysing src/deep.ts; please report it\n");
  run_child(overflow_on_a_thread, "nested", &child);
  expect_report(&child,
                PREFIX "signal 11 (SIGSEGV) while analysing src/deep.ts; please report it\n");
}

static void test_crash_escapes_and_bounds_the_path(void **state) {
  (void)state;
  Child child;
  // A file name from a hostile repository cannot drive the terminal.
  Crash k = {SIGSEGV,
             "src/\x1b]0;owned\x07\xc2\x9b"
             "caf\xc3\xa9\xff.ts",
             NULL};
  run_child(raise_with, &k, &child);
  expect_report(&child,
                PREFIX "signal 11 (SIGSEGV) while analysing "
                       "src/\\x1b]0;owned\\x07\\u009bcaf\xc3\xa9\\xff.ts; please report it\n");
  // A path longer than the line's buffer is cut, still one line.
  static char longpath[4001];
  memset(longpath, 'a', sizeof longpath - 1);
  Crash l = {SIGSEGV, longpath, NULL};
  run_child(raise_with, &l, &child);
  assert_true(WIFEXITED(child.status) && WEXITSTATUS(child.status) == 3);
  size_t n = strlen(child.err);
  assert_true(n > 1000 && n <= 2048);
  assert_non_null(strstr(child.err, "aaa...; please report it\n"));
  assert_ptr_equal(strchr(child.err, '\n'), child.err + n - 1);
}

static void test_crash_chains_to_the_previous_handler(void **state) {
  (void)state;
  Child child;
  run_child(chain, NULL, &child);
  assert_true(WIFEXITED(child.status));
  assert_int_equal(WEXITSTATUS(child.status), 42); // the previous handler's status
  assert_string_equal(child.err,
                      PREFIX "signal 11 (SIGSEGV) while running the rules; please report "
                             "it\nprevious handler\n");
  // A previous handler that fails dies of its signal: one line, no hang.
  run_child(chain, "fails", &child);
  assert_true(WIFSIGNALED(child.status));
  assert_int_equal(WTERMSIG(child.status), SIGABRT);
  assert_string_equal(child.err,
                      PREFIX "signal 11 (SIGSEGV) while running the rules; please report it\n");
}

static void test_crash_removes_the_temporary_output(void **state) {
  (void)state;
  char path[] = "/tmp/txlint-crash-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  close(fd);
  Child child;
  run_child(crash_while_writing, path, &child);
  expect_report(&child, PREFIX "signal 11 (SIGSEGV) while writing the output; please report it\n");
  bool gone = access(path, F_OK) != 0;
  unlink(path);
  assert_true(gone);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_crash_names_the_file),
      cmocka_unit_test(test_crash_names_the_phase_without_a_file),
      cmocka_unit_test(test_crash_names_each_signal),
      cmocka_unit_test(test_crash_reports_a_stack_overflow_on_a_thread),
      cmocka_unit_test(test_crash_escapes_and_bounds_the_path),
      cmocka_unit_test(test_crash_chains_to_the_previous_handler),
      cmocka_unit_test(test_crash_removes_the_temporary_output),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
