// check.h: assertions for programmer errors and the few compiler attributes we use.
// TX_ASSERT is for bugs only; never use it to validate input (ARCHITECTURE.md, Conventions).
#ifndef TX_BASE_CHECK_H
#define TX_BASE_CHECK_H

#include <stddef.h>

#if defined(__GNUC__) || defined(__clang__)
#define TX_NORETURN     __attribute__((noreturn))
#define TX_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define TX_UNUSED       __attribute__((unused))
#define TX_LIKELY(x)    __builtin_expect(!!(x), 1)
#define TX_UNLIKELY(x)  __builtin_expect(!!(x), 0)
#else
#define TX_NORETURN
#define TX_PRINTF(f, a)
#define TX_UNUSED
#define TX_LIKELY(x)   (x)
#define TX_UNLIKELY(x) (x)
#endif

// Prints "file:line: assertion failed: expr" and aborts. Never returns.
TX_NORETURN void tx_assert_fail(const char *file, int line, const char *expr);

#define TX_ASSERT(e)     ((e) ? (void)0 : tx_assert_fail(__FILE__, __LINE__, #e))
#define tx_unreachable() tx_assert_fail(__FILE__, __LINE__, "unreachable")

// Allocation that never returns NULL: aborts with a message when memory runs out.
void *tx_xmalloc(size_t n);
void *tx_xcalloc(size_t count, size_t size);
void *tx_xrealloc(void *p, size_t n);
char *tx_xstrdup(const char *s);

#endif
