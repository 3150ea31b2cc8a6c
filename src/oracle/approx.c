/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Rounding an exact matrix so that the operator 2-norm of the error is at
   most 2^-n (Frobenius budget; proofs-notes/oracle.md §3). */
#include "kdigits/oracle.h"
#include "kdigits/util.h"

slong
kd_oracle_entry_level(slong n, slong k)
{
    /* k entries each within 2^-L give ||E||_2 <= ||E||_F <= sqrt(k) 2^-L,
       which is <= 2^-n once 2L >= 2n + log2(k). */
    if (k <= 1)
        return n;
    return n + (kd_clog2((ulong) k) + 1) / 2;
}

kd_status
kd_mat_approx(fmpq_mat_t re, fmpq_mat_t im, mag_t err, const kd_mat_t A,
              slong n, slong prec_cap)
{
    slong i, j, L, lmax;
    kd_status st;
    mag_t e, sum;

    if ((st = kd_check_level(n)) != KD_OK || (st = kd_check_prec_cap(prec_cap)) != KD_OK)
        return st;
    if (fmpq_mat_nrows(re) != A->r || fmpq_mat_ncols(re) != A->c
        || (im != NULL && (fmpq_mat_nrows(im) != A->r || fmpq_mat_ncols(im) != A->c)))
        return kd_error_set(KD_ERR_SIZE, "output matrix has the wrong size for a %ld x %ld oracle",
                            A->r, A->c);
    if (A->is_complex && im == NULL)
        return kd_error_set(KD_ERR_ARG, "a complex matrix needs an imaginary-part output");
    L = kd_oracle_entry_level(n, kd_mat_count_inexact(A));
    /* only complex entries are asked one level deeper (kd_complex_approx) */
    lmax = A->is_complex ? KD_LEVEL_MAX - 1 : KD_LEVEL_MAX;
    if (L > lmax)
        return kd_error_set(KD_ERR_ARG, "level n = %ld needs entries at level %ld, beyond %ld",
                            n, L, lmax);
    mag_init(e);
    mag_init(sum);
    for (i = 0; i < A->r && st == KD_OK; i++)
        for (j = 0; j < A->c && st == KD_OK; j++)
        {
            fmpq * imij = im != NULL ? fmpq_mat_entry(im, i, j) : NULL;
            fmpq_t dummy;
            fmpq_init(dummy);
            st = kd_complex_approx(fmpq_mat_entry(re, i, j), imij ? imij : dummy, e,
                                   kd_mat_entry(A, i, j), L, prec_cap);
            fmpq_clear(dummy);
            if (st != KD_OK)
                kd_error_prefix("entry (%ld, %ld)", i + 1, j + 1);
            else
                mag_addmul(sum, e, e);
        }
    if (st == KD_OK && err != NULL)
        mag_sqrt(err, sum);
    mag_clear(e);
    mag_clear(sum);
    return st;
}
