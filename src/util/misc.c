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

static slong max_mem = KD_MAX_MEM_DEFAULT;

kd_status
kd_set_max_mem(slong bytes)
{
    if (bytes < KD_MAX_MEM_MIN)
        return kd_error_set(KD_ERR_ARG, "the memory limit %ld bytes is below the minimum of %ld",
                            bytes, (long) KD_MAX_MEM_MIN);
    max_mem = bytes;
    return KD_OK;
}

slong
kd_get_max_mem(void)
{
    return max_mem;
}

kd_status
kd_check_mem(double bytes, const char * what)
{
    if (bytes <= (double) max_mem)
        return KD_OK;
    return kd_error_set(KD_ERR_ARG, "%s needs about %.3g GB, more than the memory limit of %.3g GB "
                        "(--max-mem)", what, bytes / 1e9, (double) max_mem / 1e9);
}
