/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Exact Euclidean projection onto a face {x : x = 0 off E, C x_E = d,
   s * x_E >= 0}, a strictly convex QP solved as the LCP of its KKT
   system. */
#include <stdlib.h>
#include "internal.h"

/* aug (kr x (L + 1)) = a maximal independent set of the rows of
   (C S | d), each scaled to coprime integers (a positive scaling of an
   equation does not change it). Sets *st to KD_ERR_DOMAIN when the system
   is inconsistent. Returns kr. */
static slong
face_independent_rows(fmpq_mat_t aug, kd_status * st, const kd_face_t F)
{
    slong L = F->len, k = fmpq_mat_nrows(&F->C), i, j, r, kr, rank_aug;
    fmpz_mat_t Z, Zt, R;
    fmpz_t den, g;
    slong * sel;

    *st = KD_OK;
    fmpz_mat_init(Z, k, L + 1);
    fmpz_init(den);
    fmpz_init(g);
    for (i = 0; i < k; i++)
    {
        fmpz_one(den);
        for (j = 0; j < L; j++)
            _kd_lcm_den(den, fmpq_mat_entry(&F->C, i, j));
        _kd_lcm_den(den, fmpq_mat_entry(&F->d, i, 0));
        for (j = 0; j <= L; j++)
        {
            const fmpq * a = (j < L) ? fmpq_mat_entry(&F->C, i, j) : fmpq_mat_entry(&F->d, i, 0);
            fmpz_divexact(g, den, fmpq_denref(a));
            fmpz_mul(fmpz_mat_entry(Z, i, j), g, fmpq_numref(a));
            if (j < L && F->sign[j] < 0)
                fmpz_neg(fmpz_mat_entry(Z, i, j), fmpz_mat_entry(Z, i, j));
        }
        fmpz_zero(g);
        for (j = 0; j <= L; j++)
            fmpz_gcd(g, g, fmpz_mat_entry(Z, i, j));
        if (!fmpz_is_zero(g) && !fmpz_is_one(g))
            for (j = 0; j <= L; j++)
                fmpz_divexact(fmpz_mat_entry(Z, i, j), fmpz_mat_entry(Z, i, j), g);
    }
    /* independent rows of G = pivot columns of the echelon form of G^T */
    fmpz_mat_init(Zt, L, k);
    fmpz_mat_init(R, L, k);
    for (i = 0; i < k; i++)
        for (j = 0; j < L; j++)
            fmpz_set(fmpz_mat_entry(Zt, j, i), fmpz_mat_entry(Z, i, j));
    sel = flint_malloc(FLINT_MAX(k, 1) * sizeof(slong));
    kr = (L > 0 && k > 0) ? fmpz_mat_rref(R, den, Zt) : 0;
    for (r = 0, j = 0; r < kr; r++)
    {
        while (fmpz_is_zero(fmpz_mat_entry(R, r, j)))
            j++;
        sel[r] = j++;
    }
    rank_aug = (k > 0) ? fmpz_mat_rank(Z) : 0;
    if (rank_aug > kr)
        *st = kd_error_set(KD_ERR_DOMAIN, "kd_face_project: the face is empty "
                           "(its equations C x_E = d are inconsistent)");
    _kd_fmpq_mat_fit(aug, kr, L + 1);
    for (r = 0; r < kr; r++)
        for (j = 0; j <= L; j++)
        {
            fmpz_set(fmpq_mat_entry_num(aug, r, j), fmpz_mat_entry(Z, sel[r], j));
            fmpz_one(fmpq_mat_entry_den(aug, r, j));
        }
    flint_free(sel);
    fmpz_mat_clear(Z);
    fmpz_mat_clear(Zt);
    fmpz_mat_clear(R);
    fmpz_clear(den);
    fmpz_clear(g);
    return kr;
}

kd_status
kd_face_project(fmpq_mat_t p, fmpq_t dist2, const kd_face_t F, const fmpq_mat_t xhat)
{
    slong N = F->N, L = F->len, i, j, kr, n;
    fmpq_mat_t aug, zhat, M, q, z, nu, mu, P;
    fmpq_t t, dsq;
    kd_lcp_result_t lcp;
    kd_truth in;
    kd_status st = KD_OK;

    if (!_kd_is_vec(xhat, N))
        return kd_error_set(KD_ERR_SIZE, "kd_face_project: xhat is %ld x %ld, expected %ld x 1",
                            fmpq_mat_nrows(xhat), fmpq_mat_ncols(xhat), N);

    fmpq_mat_init(aug, 0, L + 1);
    fmpq_mat_init(zhat, L, 1);
    fmpq_mat_init(M, 0, 0);
    fmpq_mat_init(q, 0, 1);
    fmpq_mat_init(z, L, 1);
    fmpq_mat_init(nu, L, 1);
    fmpq_mat_init(mu, 0, 1);
    fmpq_mat_init(P, N, 1);
    fmpq_init(t);
    fmpq_init(dsq);
    kd_lcp_result_init(lcp);

    /* in z = s * x_E >= 0 the face is {z >= 0 : G z = d}, G = C S. Keep a
       maximal set of independent equations, each row of (G | d) scaled to
       integers: small integers keep Lemke's determinants small, where a
       rational echelon form would not. */
    kr = face_independent_rows(aug, &st, F);
    if (st != KD_OK)
        goto done;
    for (j = 0; j < L; j++)
        if (F->sign[j] > 0)
            fmpq_set(fmpq_mat_entry(zhat, j, 0), fmpq_mat_entry(xhat, F->E[j], 0));
        else
            fmpq_neg(fmpq_mat_entry(zhat, j, 0), fmpq_mat_entry(xhat, F->E[j], 0));

    /* KKT of min 1/2 ||z - zhat||^2, G z = d, z >= 0 with G z = d split in
       two inequalities (multipliers mu+ and mu-):
         nu  = z - zhat - G^T mu+ + G^T mu-  >= 0  _|_ z
               G z - d                      >= 0  _|_ mu+
              -G z + d                      >= 0  _|_ mu-
       M = [I, -G^T, G^T; G, 0, 0; -G, 0, 0] is positive semidefinite (its
       symmetric part is diag(I, 0, 0)), and the LCP is solvable exactly
       when the face is not empty. */
    n = L + 2 * kr;
    _kd_fmpq_mat_fit(M, n, n);
    _kd_fmpq_mat_fit(q, n, 1);
    fmpq_mat_zero(M);
    for (j = 0; j < L; j++)
    {
        fmpq_one(fmpq_mat_entry(M, j, j));
        fmpq_neg(fmpq_mat_entry(q, j, 0), fmpq_mat_entry(zhat, j, 0));
    }
    for (i = 0; i < kr; i++)
    {
        for (j = 0; j < L; j++)
        {
            const fmpq * g = fmpq_mat_entry(aug, i, j);
            fmpq_neg(fmpq_mat_entry(M, j, L + i), g);
            fmpq_set(fmpq_mat_entry(M, j, L + kr + i), g);
            fmpq_set(fmpq_mat_entry(M, L + i, j), g);
            fmpq_neg(fmpq_mat_entry(M, L + kr + i, j), g);
        }
        fmpq_neg(fmpq_mat_entry(q, L + i, 0), fmpq_mat_entry(aug, i, L));
        fmpq_set(fmpq_mat_entry(q, L + kr + i, 0), fmpq_mat_entry(aug, i, L));
    }
    st = kd_lcp_solve(lcp, M, q);
    if (st != KD_OK)
        goto done;
    if (lcp->outcome == KD_LCP_INFEASIBLE)
    {
        st = kd_error_set(KD_ERR_DOMAIN, "kd_face_project: the face is empty "
                          "(no x_E with C x_E = d has the required signs)");
        goto done;
    }
    if (lcp->outcome != KD_LCP_SOLVED)
    {
        st = _kd_lp_internal("Lemke's method ended on a ray for a positive semidefinite LCP");
        goto done;
    }

    /* re-check the KKT conditions from z and mu = mu+ - mu- alone */
    _kd_fmpq_mat_fit(mu, kr, 1);
    for (j = 0; j < L; j++)
        fmpq_set(fmpq_mat_entry(z, j, 0), fmpq_mat_entry(&lcp->z, j, 0));
    for (i = 0; i < kr; i++)
        fmpq_sub(fmpq_mat_entry(mu, i, 0), fmpq_mat_entry(&lcp->z, L + i, 0),
                 fmpq_mat_entry(&lcp->z, L + kr + i, 0));
    for (j = 0; j < L; j++)
    {
        fmpq * nj = fmpq_mat_entry(nu, j, 0);
        const fmpq * zj = fmpq_mat_entry(z, j, 0);
        fmpq_sub(nj, zj, fmpq_mat_entry(zhat, j, 0));
        for (i = 0; i < kr; i++)
            fmpq_submul(nj, fmpq_mat_entry(aug, i, j), fmpq_mat_entry(mu, i, 0));
        if (fmpq_sgn(nj) < 0 || fmpq_sgn(zj) < 0 || (!fmpq_is_zero(nj) && !fmpq_is_zero(zj)))
        {
            st = _kd_lp_internal("projection: the KKT conditions fail");
            goto done;
        }
        fmpq_sub(t, zj, fmpq_mat_entry(zhat, j, 0));
        fmpq_addmul(dsq, t, t);
    }
    fmpq_mat_zero(P);
    for (j = 0; j < L; j++)
        if (F->sign[j] > 0)
            fmpq_set(fmpq_mat_entry(P, F->E[j], 0), fmpq_mat_entry(z, j, 0));
        else
            fmpq_neg(fmpq_mat_entry(P, F->E[j], 0), fmpq_mat_entry(z, j, 0));
    /* feasibility against the face's own data (not the reduced system) */
    st = kd_face_contains(&in, F, P);
    if (st != KD_OK)
        goto done;
    if (in != KD_TRUE)
    {
        st = _kd_lp_internal("projection: the point is not in the face");
        goto done;
    }
    for (i = 0, j = 0; j < N; j++)
    {
        if (i < L && F->E[i] == j)
        {
            i++;
            continue;
        }
        fmpq_addmul(dsq, fmpq_mat_entry(xhat, j, 0), fmpq_mat_entry(xhat, j, 0));
    }
    fmpq_mat_swap(p, P);
    fmpq_swap(dist2, dsq);

done:
    kd_lcp_result_clear(lcp);
    fmpq_mat_clear(aug);
    fmpq_mat_clear(zhat);
    fmpq_mat_clear(M);
    fmpq_mat_clear(q);
    fmpq_mat_clear(z);
    fmpq_mat_clear(nu);
    fmpq_mat_clear(mu);
    fmpq_mat_clear(P);
    fmpq_clear(t);
    fmpq_clear(dsq);
    return st;
}
