// clock.h: the one monotonic clock every time budget, deadline and measurement reads.
#ifndef TX_BASE_CLOCK_H
#define TX_BASE_CLOCK_H

#include <stdint.h>
#include <time.h>

// CLOCK_MONOTONIC in nanoseconds. Can't fail.
static inline uint64_t tx_now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

#endif
