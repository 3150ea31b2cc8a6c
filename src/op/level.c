/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The operator oracle: A_n x with ||A_n x - A x||_2 <= 2^-n ||x||_2, from
   ball evaluations at rising precision (operators.md §3). */
#include "internal.h"
#include "kdigits/util.h"

/* u = upper bound of sum |z_i|^2 over the balls (their magnitudes) */
static void
_kd_vec_norm2_ubound(arf_t u, acb_srcptr z, slong len, slong prec)
{
    arb_t s, t;
    slong i;
    arb_init(s);
    arb_init(t);
    for (i = 0; i < len; i++)
    {
        acb_abs(t, z + i, prec);
        arb_addmul(s, t, t, prec);
    }
    arb_get_ubound_arf(u, s, prec);
    arb_clear(s);
    arb_clear(t);
}

kd_status
kd_op_apply_level(acb_ptr y, kd_op_t A, acb_srcptr x, int adjoint, slong n, slong prec_cap)
{
    slong lin = adjoint ? A->nrows : A->ncols, lout = adjoint ? A->ncols : A->nrows, i, prec;
    acb_ptr z, d;
    arf_t xn, en, bound;
    kd_status st = KD_ERR_UNDECIDED;

    if (n < 0)
        return kd_error_set(KD_ERR_ARG, "level %ld is negative", (long) n);
    for (i = 0; i < lin; i++)
        if (!acb_is_exact(x + i))
            return kd_error_set(KD_ERR_ARG, "the vector must be exact (dyadic)");
    if (prec_cap <= 0)
        prec_cap = 4 * n + 4096;
    /* about 8 ball vectors of the longer side are live at once */
    if ((st = kd_check_mem(8.0 * (double) FLINT_MAX(lin, lout) * sizeof(acb_struct)
                           * (1.0 + (double) n / 2000.0), "the operator oracle")) != KD_OK)
        return st;
    st = KD_ERR_UNDECIDED;
    z = _acb_vec_init(lout);
    d = _acb_vec_init(lout);
    arf_init(xn);
    arf_init(en);
    arf_init(bound);
    /* ||x||^2 (a lower bound is what the test needs: squares of exact
       dyadics, rounded down) */
    for (i = 0; i < lin; i++)
    {
        arf_t t;
        arf_init(t);
        arf_mul(t, arb_midref(acb_realref(x + i)), arb_midref(acb_realref(x + i)), 64, ARF_RND_DOWN);
        arf_add(xn, xn, t, 64, ARF_RND_DOWN);
        arf_mul(t, arb_midref(acb_imagref(x + i)), arb_midref(acb_imagref(x + i)), 64, ARF_RND_DOWN);
        arf_add(xn, xn, t, 64, ARF_RND_DOWN);
        arf_clear(t);
    }
    /* bound = 2^-2n ||x||^2, the allowed squared error */
    arf_mul_2exp_si(bound, xn, -2 * n);
    for (prec = n + 2 * _kd_op_log2(lin + lout) + 40; prec <= prec_cap; prec *= 2)
    {
        kd_op_apply_acb(z, A, x, adjoint, prec);
        /* y = the midpoints rounded to n + log2(len) + 8 bits after the point
           (relative to 1); d = y - z contains y - A x */
        for (i = 0; i < lout; i++)
        {
            arf_set_round(arb_midref(acb_realref(y + i)), arb_midref(acb_realref(z + i)),
                          FLINT_MAX(2, prec - 8), ARF_RND_NEAR);
            arf_set_round(arb_midref(acb_imagref(y + i)), arb_midref(acb_imagref(z + i)),
                          FLINT_MAX(2, prec - 8), ARF_RND_NEAR);
            mag_zero(arb_radref(acb_realref(y + i)));
            mag_zero(arb_radref(acb_imagref(y + i)));
            acb_sub(d + i, y + i, z + i, prec);
        }
        _kd_vec_norm2_ubound(en, d, lout, prec);
        if (arf_cmp(en, bound) <= 0 || arf_is_zero(en))
        {
            st = KD_OK;
            break;
        }
    }
    if (st == KD_OK)
    {
        A->nreads++;
        A->max_level = FLINT_MAX(A->max_level, n);
    }
    else
        kd_error_set(KD_ERR_UNDECIDED, "operator oracle: level %ld not reached at %ld bits",
                     (long) n, (long) prec_cap);
    _acb_vec_clear(z, lout);
    _acb_vec_clear(d, lout);
    arf_clear(xn);
    arf_clear(en);
    arf_clear(bound);
    return st;
}
