/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Integer-log bounds used by the error budgets. */
#include <stdlib.h>
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

kd_status
kd_parse_size(slong * bytes, const char * s)
{
    char * end;
    double v = strtod(s, &end), scale = 1;
    if (end != s && (*end == 'K' || *end == 'k'))
        scale = 1024.0, end++;
    else if (end != s && (*end == 'M' || *end == 'm'))
        scale = 1048576.0, end++;
    else if (end != s && (*end == 'G' || *end == 'g'))
        scale = 1073741824.0, end++;
    if (end == s || *end != '\0' || !(v >= 0) || v * scale > 4.6e18)
        return kd_error_set(KD_ERR_ARG, "'%s' is not a size (bytes, or with K, M, G)", s);
    *bytes = (slong) (v * scale);
    return KD_OK;
}

static kd_progress_fn progress_handler = NULL;

void
kd_set_progress_handler(kd_progress_fn fn)
{
    progress_handler = fn;
}

void
kd_progress(const char * what, slong i, slong total)
{
    if (progress_handler != NULL)
        progress_handler(what, i, total);
}
