/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The p-bit floating-point number nearest to an exact real (what a
   correctly rounding reader stores), decided from balls. */
#include "kdigits/real.h"

kd_status
kd_real_round_prec(fmpq_t q, const kd_real_t x, slong p)
{
    arb_t b;
    arf_t lo, hi;
    slong prec;
    kd_status st = KD_OK;

    if (p < 2 || p > KD_PREC_CAP_MAX)
        return kd_error_set(KD_ERR_ARG, "kd_real_round_prec: p = %ld is not in [2, %ld]",
                            (long) p, (long) KD_PREC_CAP_MAX);
    if (kd_real_get_fmpq(q, x))
    {
        /* exactly: the rational rounded once */
        arf_init(lo);
        arf_set_fmpq(lo, q, p, ARF_RND_NEAR);
        arf_get_fmpq(q, lo);
        arf_clear(lo);
        return KD_OK;
    }
    arb_init(b);
    arf_init(lo);
    arf_init(hi);
    /* both ends of a ball of x must round to the same number, else the
       ball is refined; a value on a rounding boundary is never decided */
    for (prec = 2 * p + 64; ; prec *= 2)
    {
        if ((st = kd_real_eval_arb(b, x, prec)) != KD_OK)
            break;
        arb_get_lbound_arf(lo, b, prec);
        arb_get_ubound_arf(hi, b, prec);
        arf_set_round(lo, lo, p, ARF_RND_NEAR);
        arf_set_round(hi, hi, p, ARF_RND_NEAR);
        if (arf_equal(lo, hi))
        {
            arf_get_fmpq(q, lo);
            break;
        }
        if (prec > 65536 + 4 * p)
        {
            st = kd_error_set(KD_ERR_UNDECIDED, "cannot round an entry to %ld bits", (long) p);
            break;
        }
    }
    arb_clear(b);
    arf_clear(lo);
    arf_clear(hi);
    return st;
}
