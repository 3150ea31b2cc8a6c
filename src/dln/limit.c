/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The certified limit x_inf(alpha) of the diagonal-linear-network flow
   through its dual variable (proofs-notes/dln.md §1-§2). */
#include "internal.h"

static void
g_init(kd_dln_g_struct * f, slong D, const arb_t alpha)
{
    f->kind = D == 2 ? KD_DLN_G_SINH : KD_DLN_G_POW;
    f->D = D;
    arb_init(&f->alpha);
    arb_set(&f->alpha, alpha);
}

void
kd_dln_link(arb_mat_t x, const arb_mat_t w, slong D, const arb_t alpha, slong prec)
{
    kd_dln_g_struct f;
    slong j;
    g_init(&f, D, alpha);
    for (j = 0; j < arb_mat_nrows(w); j++)
        _kd_dln_g_eval(arb_mat_entry(x, j, 0), NULL, NULL, &f, arb_mat_entry(w, j, 0), prec);
    arb_clear(&f.alpha);
}

slong
kd_dln_limit_prec(slong D, const arb_t alpha, slong prec)
{
    /* 1 - |w| ~ alpha^(D-2) on the support (dln.md §2): those bits are lost
       to cancellation in 1 - w, twice over in the Jacobian */
    slong L = 0;
    if (D > 2 && arb_is_finite(alpha))
    {
        L = -arf_abs_bound_lt_2exp_si(arb_midref(alpha));
        if (L < 0)
            L = 0;
    }
    return prec + 2 * (D - 2) * L + 32;
}

kd_status
kd_dln_limit(arb_mat_t x, arb_mat_t mu, slong * prec_used, const arb_mat_t A, const arb_mat_t y,
             slong D, const arb_t alpha, slong prec, slong prec_max)
{
    kd_dln_g_struct f;
    kd_status st;
    slong m = arb_mat_nrows(A), N = arb_mat_ncols(A), p0, pu = 0;
    if (arb_mat_nrows(y) != m || arb_mat_ncols(y) != 1 || arb_mat_nrows(x) != N
        || arb_mat_ncols(x) != 1 || arb_mat_nrows(mu) != m || arb_mat_ncols(mu) != 1)
        return kd_error_set(KD_ERR_SIZE, "dln: A is %ld x %ld, y %ld x %ld, x %ld x %ld, mu %ld x %ld",
                            (long) m, (long) N, (long) arb_mat_nrows(y), (long) arb_mat_ncols(y),
                            (long) arb_mat_nrows(x), (long) arb_mat_ncols(x),
                            (long) arb_mat_nrows(mu), (long) arb_mat_ncols(mu));
    if (D < 2)
        return kd_error_set(KD_ERR_ARG, "dln: the depth must be >= 2, got %ld", (long) D);
    if (!arb_is_positive(alpha))
        return kd_error_set(KD_ERR_ARG, "dln: alpha must be proved > 0");
    p0 = kd_dln_limit_prec(D, alpha, prec);
    if (prec_max < p0)
        prec_max = p0;
    g_init(&f, D, alpha);
    st = _kd_dln_dual_solve(mu, &pu, A, y, &f, NULL, p0, prec_max);
    if (st == KD_OK)
        _kd_dln_apply(x, A, mu, &f, pu);
    if (prec_used != NULL)
        *prec_used = pu;
    arb_clear(&f.alpha);
    return st;
}
