/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The per-delta facts of the LASSO-probe table (lasso-probe.md §2-§3): the
   certified truth, the problems the double input defines, the input bits,
   and the published MATLAB values it is compared with. */
#include <string.h>
#include "kdigits/lasso.h"

int
kd_lasso_probe_delta_log2(slong * lg, const kd_real_t delta)
{
    fmpq_t q;
    int ok = 0;
    fmpq_init(q);
    if (kd_real_get_fmpq(q, delta) && fmpq_sgn(q) > 0)
    {
        const fmpz * p = fmpq_numref(q), * r = fmpq_denref(q);
        if (fmpz_is_one(p) && (slong) fmpz_val2(r) == (slong) fmpz_bits(r) - 1)
        {
            *lg = -(slong) fmpz_val2(r);
            ok = 1;
        }
        else if (fmpz_is_one(r) && (slong) fmpz_val2(p) == (slong) fmpz_bits(p) - 1)
        {
            *lg = (slong) fmpz_val2(p);
            ok = 1;
        }
    }
    fmpq_clear(q);
    return ok;
}

const char *
kd_lasso_probe_published(slong lg, kd_lasso_setting s)
{
    int d = s == KD_LASSO_SETTING_DEFAULT, e = s == KD_LASSO_SETTING_RELTOL_EPS;
    switch (lg)
    {
        case -1: return "1e-16";
        case -7: return d ? "0.68" : e ? "2e-16, 0.02 s" : "2e-16";
        case -15: return d ? "1.17" : e ? "1.17, 0.33 s, warned" : "1e-11, 1381.5 s";
        case -20: case -24: case -26:
            return d ? "1.17" : e ? "1.17, 0.33 s, warned" : "no output after 12 h";
        case -28: case -30: return d || e ? "1.17" : "1.17, <0.01 s";
        default: return NULL;
    }
}

void
kd_lasso_delta_init(kd_lasso_delta_t D)
{
    memset(D, 0, sizeof *D);
    arb_mat_init(D->Bstar, 2, 1);
    arb_init(D->slack);
    D->cert = KD_UNKNOWN;
    D->support_exact = D->support_double = -1;
}

void
kd_lasso_delta_clear(kd_lasso_delta_t D)
{
    arb_mat_clear(D->Bstar);
    arb_clear(D->slack);
}

kd_status
kd_lasso_probe_delta(kd_lasso_delta_t D, const kd_real_t delta, const fmpq_t param,
                     kd_scaled_convention conv, const fmpq_t Lambda, slong max_level)
{
    kd_status st;
    int diff53;

    D->has_log2 = kd_lasso_probe_delta_log2(&D->log2, delta);
    if ((st = kd_lasso_probe_truth(&D->cert, D->Bstar, D->slack, delta, param, conv,
                                   4096)) != KD_OK
        || (st = kd_lasso_probe_rounded_support(&D->support_exact, &D->differs, NULL, delta,
                                                Lambda, 0)) != KD_OK
        || (st = kd_lasso_probe_rounded_support(&D->support_double, &diff53, &D->sigma_equal,
                                                delta, Lambda, 53)) != KD_OK)
        return st;
    return kd_lasso_probe_input_bits(D->bits, delta, Lambda, max_level);
}

kd_truth
kd_lasso_probe_delta_in_range(const kd_real_t delta)
{
    kd_real_t t, lo;
    int sg = 0;
    kd_truth r = KD_UNKNOWN;
    kd_real_init(t);
    kd_real_init(lo);
    kd_real_set_si(lo, 2);
    if (kd_real_pow_si(lo, lo, -KD_LASSO_DELTA_MIN_LOG2) == KD_OK)
    {
        kd_real_sub(t, delta, lo);
        if (kd_real_sign(&sg, t, 0) == KD_OK)
            r = sg >= 0 ? KD_TRUE : KD_FALSE;
    }
    kd_real_clear(t);
    kd_real_clear(lo);
    return r;
}
