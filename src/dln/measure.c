/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* A candidate (the limit's ball, the flow's exact iterate) measured against
   the certified BP solution set: distance, residual, digits, support. */
#include "internal.h"
#include "kdigits/certify.h"

void
kd_dln_measure_init(kd_dln_measure_t M)
{
    arb_init(&M->dist);
    arb_init(&M->resid);
    arb_indeterminate(&M->dist);
    arb_indeterminate(&M->resid);
    M->digits = -1;
    M->support = KD_UNKNOWN;
}

void
kd_dln_measure_clear(kd_dln_measure_t M)
{
    arb_clear(&M->dist);
    arb_clear(&M->resid);
}

kd_status
_kd_dln_data_arb(arb_mat_t A, arb_mat_t y, const kd_problem_t P, slong prec)
{
    acb_mat_t Ac, yc;
    kd_status st;
    slong i, j;
    acb_mat_init(Ac, P->m, P->N);
    acb_mat_init(yc, P->m, 1);
    st = kd_mat_eval_acb_mat(Ac, P->A, prec);
    if (st == KD_OK)
        st = kd_mat_eval_acb_mat(yc, P->y, prec);
    if (st == KD_OK)
        for (i = 0; i < P->m; i++)
        {
            for (j = 0; j < P->N; j++)
                arb_set(arb_mat_entry(A, i, j), acb_realref(acb_mat_entry(Ac, i, j)));
            arb_set(arb_mat_entry(y, i, 0), acb_realref(acb_mat_entry(yc, i, 0)));
        }
    acb_mat_clear(Ac);
    acb_mat_clear(yc);
    return st;
}

kd_status
kd_dln_measure(kd_dln_measure_t M, const kd_truth_set_t T, const kd_problem_t P,
               const arb_mat_t x, slong prec)
{
    slong N = arb_mat_nrows(x), j;
    fmpq_mat_t xr, xi;
    arb_mat_t A, y, r;
    mag_t rad;
    kd_status st;
    if (N != P->N || arb_mat_ncols(x) != 1)
        return kd_error_set(KD_ERR_SIZE, "dln: the candidate has %ld entries, the problem %ld",
                            (long) N, (long) P->N);
    fmpq_mat_init(xr, N, 1);
    fmpq_mat_init(xi, N, 1);
    arb_mat_init(A, P->m, N);
    arb_mat_init(y, P->m, 1);
    arb_mat_init(r, P->m, 1);
    mag_init(rad);
    /* ||rad||_2 and the exact midpoint */
    for (j = 0; j < N; j++)
    {
        mag_t t;
        mag_init(t);
        mag_mul(t, arb_radref(arb_mat_entry(x, j, 0)), arb_radref(arb_mat_entry(x, j, 0)));
        mag_add(rad, rad, t);
        mag_clear(t);
        _kd_dln_fmpq_set_arf(fmpq_mat_entry(xr, j, 0), arb_midref(arb_mat_entry(x, j, 0)));
    }
    mag_sqrt(rad, rad);
    st = kd_truth_set_dist(&M->dist, T, xr, xi, prec);
    if (st == KD_OK && arb_is_finite(&M->dist))
    {
        arb_add_error_mag(&M->dist, rad);
        /* a distance is >= 0: keep the ball inside [0, inf) */
        if (!arb_is_nonnegative(&M->dist))
            arb_nonnegative_part(&M->dist, &M->dist);
    }
    M->digits = -1;
    if (st == KD_OK && arb_is_finite(&M->dist))
        while (M->digits < 300 && kd_certify_digits(&M->dist, M->digits + 1, prec) == KD_TRUE)
            M->digits++;
    M->support = kd_truth_set_support_verdict_arb(T, x);
    if (st == KD_OK && (st = _kd_dln_data_arb(A, y, P, prec)) == KD_OK)
    {
        arb_mat_mul(r, A, x, prec);
        arb_mat_sub(r, r, y, prec);
        _kd_dln_norm2(&M->resid, r, prec);
    }
    fmpq_mat_clear(xr);
    fmpq_mat_clear(xi);
    arb_mat_clear(A);
    arb_mat_clear(y);
    arb_mat_clear(r);
    mag_clear(rad);
    return st;
}
