/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Integer-log bounds used by the error budgets. */
#include "kdigits/util.h"

slong
kd_clog2(ulong k)
{
    slong r = 0;
    if (k <= 1)
        return 0;
    k--;
    while (k != 0)
    {
        r++;
        k >>= 1;
    }
    return r;
}

int
kd_mag_le_2exp(const mag_t m, slong e)
{
    return mag_cmp_2exp_si(m, e) <= 0;
}
