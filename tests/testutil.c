/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Fixed-seed randomness for the Check suites. */
#include "testutil.h"

ulong
kd_test_seed(ulong salt)
{
    return KD_TEST_SEED ^ (salt * 0x9E3779B97F4A7C15UL);
}

void
kd_test_randinit(flint_rand_t state, ulong salt)
{
    ulong s = kd_test_seed(salt);
    flint_randinit(state);
    flint_randseed(state, s, s ^ 0x5DEECE66DUL);
}
