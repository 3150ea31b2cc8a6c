/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* What the benchmarks in experiments/ share: a monotonic clock and the
   exact rational value of a double. */
#ifndef KD_EXPERIMENTS_BENCH_H
#define KD_EXPERIMENTS_BENCH_H

#include <time.h>
#include "kdigits/deps.h"     /* FLINT/Arb in either layout */

/* seconds on the monotonic clock */
static inline double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

/* q = d exactly (d finite) */
static inline void
q_set_d(fmpq_t q, double d)
{
    arf_t a;
    arf_init(a);
    arf_set_d(a, d);
    arf_get_fmpq(q, a);
    arf_clear(a);
}

#endif
