/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The scaled LASSO conventions of MATLAB, glmnet and scikit-learn (and the
   slides' (1/m) form) as exact adapters onto weighted P2
   (proofs-notes/solvers.md §1). */
#include "kdigits/problem.h"
#include "internal.h"

const char *
kd_scaled_convention_name(kd_scaled_convention c)
{
    return c == KD_SCALED_HALF_MEAN ? "matlab" : "mean";
}

kd_status
kd_problem_init_scaled(kd_problem_t P, const kd_mat_t X, const kd_mat_t y,
                       const kd_real_t Lambda, kd_scaled_convention conv,
                       int center, int standardize, slong prec_cap)
{
    slong m = X->r, N = X->c, i, j;
    kd_status st;
    kd_mat_t Xc, yc, w;
    kd_real_t t, u, lam, minv;
    int sgn;

    kd_problem_init_empty(P);
    if (X->is_complex || y->is_complex)
        return kd_error_set(KD_ERR_UNSUPPORTED, "the scaled LASSO conventions are for real data");
    if (m < 1 || N < 1 || y->r != m || y->c != 1)
        return kd_error_set(KD_ERR_SIZE, "X is %ld x %ld and y is %ld x %ld: y must be %ld x 1",
                            m, N, y->r, y->c, m);
    if ((st = kd_real_sign(&sgn, Lambda, prec_cap)) != KD_OK)
        return st;
    if (sgn <= 0)
        return kd_error_set(KD_ERR_ARG, "Lambda must be > 0");

    kd_mat_init(Xc, m, N);
    kd_mat_init(yc, m, 1);
    kd_mat_init(w, N, 1);
    kd_real_init(t);
    kd_real_init(u);
    kd_real_init(lam);
    kd_real_init(minv);
    kd_real_set_si_si(minv, 1, m);
    kd_mat_set(Xc, X);
    kd_mat_set(yc, y);
    st = KD_OK;
    for (j = 0; j <= N; j++)
    {
        kd_mat_struct * M = (j < N) ? Xc : yc;
        slong c = (j < N) ? j : 0;
        if (!center && !(standardize && j < N))
            continue;
        /* mean of column c */
        kd_real_zero(t);
        for (i = 0; i < m; i++)
            kd_real_add(t, t, kd_mat_entry_re(M, i, c));
        kd_real_mul(t, t, minv);
        if (center)
            for (i = 0; i < m; i++)
                kd_real_sub(kd_mat_entry_re(M, i, c), kd_mat_entry_re(M, i, c), t);
        if (standardize && j < N)
        {
            /* population std of the (centred) column */
            kd_real_zero(u);
            for (i = 0; i < m; i++)
            {
                kd_real_t d;
                kd_real_init(d);
                if (center)
                    kd_real_set(d, kd_mat_entry_re(M, i, c));
                else
                    kd_real_sub(d, kd_mat_entry_re(X, i, c), t);
                kd_real_mul(d, d, d);
                kd_real_add(u, u, d);
                kd_real_clear(d);
            }
            kd_real_mul(u, u, minv);
            if ((st = kd_real_sign(&sgn, u, prec_cap)) != KD_OK)
                break;
            if (sgn == 0)
            {
                st = kd_error_set(KD_ERR_ARG, "column %ld of X is constant: cannot standardise", j + 1);
                break;
            }
            kd_real_sqrt(kd_mat_entry_re(w, j, 0), u);
        }
    }
    if (st == KD_OK)
    {
        if (!standardize)
            for (j = 0; j < N; j++)
                kd_complex_one(kd_mat_entry(w, j, 0));
        /* lambda_P2 = 2 m Lambda (half-mean form) or m lambda (mean form) */
        kd_real_set_si(t, conv == KD_SCALED_HALF_MEAN ? 2 * m : m);
        kd_real_mul(lam, t, Lambda);
        Xc->is_complex = 0;
        yc->is_complex = 0;
        w->is_complex = 0;
        kd_problem_clear(P);
        st = kd_problem_init(P, KD_PROBLEM_P2, Xc, yc, w, lam, prec_cap);
        if (st == KD_OK)
        {
            kd_status sy;
            P->scaled = 1;
            P->center = center;
            P->standardize = standardize;
            kd_mat_set(P->X, X);
            kd_mat_set(P->ys, y);
            /* the coordinate-descent rules read X and y through these */
            st = _kd_problem_owned_oracle(&P->OX, P->X, prec_cap);
            sy = _kd_problem_owned_oracle(&P->Oys, P->ys, prec_cap);
            if (st == KD_OK)
                st = sy;
            if (conv == KD_SCALED_HALF_MEAN)
                kd_real_set(P->Lambda, Lambda);
            else
            {
                kd_real_set_si_si(t, 1, 2);
                kd_real_mul(P->Lambda, Lambda, t);
            }
        }
    }
    kd_mat_clear(Xc);
    kd_mat_clear(yc);
    kd_mat_clear(w);
    kd_real_clear(t);
    kd_real_clear(u);
    kd_real_clear(lam);
    kd_real_clear(minv);
    return st;
}
