/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The point a face of BP minimisers selects at depth D as alpha -> 0: the
   optimum of the depth's potential over the face, certified through its
   KKT system (proofs-notes/dln.md §4). */
#include "internal.h"

/* Independent rows of [C | d] (exact row reduction): Cr (r x len), dr. */
static kd_status
independent_rows(fmpq_mat_t Cr, fmpq_mat_t dr, const kd_face_t F)
{
    slong k = fmpq_mat_nrows(&F->C), len = F->len, i, j, rank;
    fmpq_mat_t M;
    kd_status st = KD_OK;
    fmpq_mat_init(M, k, len + 1);
    for (i = 0; i < k; i++)
    {
        for (j = 0; j < len; j++)
            fmpq_set(fmpq_mat_entry(M, i, j), fmpq_mat_entry(&F->C, i, j));
        fmpq_set(fmpq_mat_entry(M, i, len), fmpq_mat_entry(&F->d, i, 0));
    }
    rank = fmpq_mat_rref(M, M);
    fmpq_mat_clear(Cr);
    fmpq_mat_clear(dr);
    fmpq_mat_init(Cr, rank, len);
    fmpq_mat_init(dr, rank, 1);
    for (i = 0; i < rank; i++)
    {
        int zero = 1;
        for (j = 0; j < len; j++)
        {
            fmpq_set(fmpq_mat_entry(Cr, i, j), fmpq_mat_entry(M, i, j));
            zero = zero && fmpq_is_zero(fmpq_mat_entry(M, i, j));
        }
        fmpq_set(fmpq_mat_entry(dr, i, 0), fmpq_mat_entry(M, i, len));
        if (zero)
            st = kd_error_set(KD_ERR_DOMAIN, "dln select: the face is empty");
    }
    fmpq_mat_clear(M);
    return st;
}

kd_status
kd_dln_select(arb_mat_t x, const kd_face_t F, slong D, slong prec, slong prec_max)
{
    fmpq_mat_t Cr, dr;
    arb_mat_t B, c, mu, mu0, z, BBt, Bt, rhs;
    kd_dln_g_struct f;
    kd_status st;
    slong r, len = F->len, i, j, pu;
    if (arb_mat_nrows(x) != F->N || arb_mat_ncols(x) != 1)
        return kd_error_set(KD_ERR_SIZE, "dln select: x must be %ld x 1", (long) F->N);
    if (D < 2)
        return kd_error_set(KD_ERR_ARG, "dln select: the depth must be >= 2, got %ld", (long) D);
    fmpq_mat_init(Cr, 0, 0);
    fmpq_mat_init(dr, 0, 0);
    if ((st = independent_rows(Cr, dr, F)) != KD_OK)
    {
        fmpq_mat_clear(Cr);
        fmpq_mat_clear(dr);
        return st;
    }
    r = fmpq_mat_nrows(Cr);
    arb_mat_init(B, r, len);
    arb_mat_init(c, r, 1);
    arb_mat_init(mu, r, 1);
    arb_mat_init(mu0, r, 1);
    arb_mat_init(z, len, 1);
    arb_mat_init(BBt, r, r);
    arb_mat_init(Bt, len, r);
    arb_mat_init(rhs, r, 1);
    /* B = C S exactly (S = diag(sign)) */
    for (i = 0; i < r; i++)
        for (j = 0; j < len; j++)
        {
            arb_set_fmpq(arb_mat_entry(B, i, j), fmpq_mat_entry(Cr, i, j), prec_max);
            if (F->sign[j] < 0)
                arb_neg(arb_mat_entry(B, i, j), arb_mat_entry(B, i, j));
        }
    arb_mat_set_fmpq_mat(c, dr, prec_max);
    f.kind = D == 2 ? KD_DLN_G_EXP : KD_DLN_G_NEGPOW;
    f.D = D;
    arb_init(&f.alpha);
    if (D > 2)
    {
        /* a start inside the domain B^T mu < 0: least squares for B^T mu = -1 */
        arb_mat_transpose(Bt, B);
        arb_mat_mul(BBt, B, Bt, prec);
        for (j = 0; j < len; j++)
            arb_set_si(arb_mat_entry(z, j, 0), -1);
        arb_mat_mul(rhs, B, z, prec);
        arb_mat_get_mid(BBt, BBt);
        arb_mat_get_mid(rhs, rhs);
        if (!arb_mat_approx_solve(mu0, BBt, rhs, prec))
            arb_mat_zero(mu0);
    }
    st = _kd_dln_dual_solve(mu, &pu, B, c, &f, D > 2 ? mu0 : NULL, prec, prec_max);
    if (st == KD_OK)
    {
        _kd_dln_apply(z, B, mu, &f, pu);
        arb_mat_zero(x);
        for (j = 0; j < len; j++)
        {
            arb_set(arb_mat_entry(x, F->E[j], 0), arb_mat_entry(z, j, 0));
            if (F->sign[j] < 0)
                arb_neg(arb_mat_entry(x, F->E[j], 0), arb_mat_entry(x, F->E[j], 0));
        }
    }
    else
        st = kd_error_set(KD_ERR_UNDECIDED, "dln select: the depth-%ld optimum over the face "
                          "was not certified up to %ld bits (it may lie on the boundary of the "
                          "face's orthant, where the interior KKT system has no solution)",
                          (long) D, (long) prec_max);
    arb_clear(&f.alpha);
    fmpq_mat_clear(Cr);
    fmpq_mat_clear(dr);
    arb_mat_clear(B);
    arb_mat_clear(c);
    arb_mat_clear(mu);
    arb_mat_clear(mu0);
    arb_mat_clear(z);
    arb_mat_clear(BBt);
    arb_mat_clear(Bt);
    arb_mat_clear(rhs);
    return st;
}
