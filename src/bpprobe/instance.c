/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The probe's instance (kdigits/bpprobe.h): the built-in A = [1, 1 + 2^-k],
   its closed-form minimiser, and an instance solved exactly. */
#include "../lp/internal.h"
#include "kdigits/bpprobe.h"

static kd_status
check_k(slong k)
{
    if (k < 1 || k > KD_BP_PROBE_K_MAX)
        return kd_error_set(KD_ERR_ARG, "k = %ld is out of range [1, %d]", k, KD_BP_PROBE_K_MAX);
    return KD_OK;
}

kd_status
kd_bp_probe_instance(fmpq_mat_t A, fmpq_mat_t y, slong k)
{
    kd_status st = check_k(k);
    fmpq_t t;
    if (st != KD_OK)
        return st;
    _kd_fmpq_mat_fit(A, 1, 2);
    _kd_fmpq_mat_fit(y, 1, 1);
    fmpq_init(t);
    fmpq_one(fmpq_mat_entry(A, 0, 0));
    /* 1 + 2^-k = (2^k + 1) / 2^k */
    fmpz_one(fmpq_numref(t));
    fmpz_mul_2exp(fmpq_denref(t), fmpq_numref(t), (ulong) k);
    fmpq_add_si(fmpq_mat_entry(A, 0, 1), t, 1);
    fmpq_one(fmpq_mat_entry(y, 0, 0));
    fmpq_clear(t);
    return KD_OK;
}

kd_status
kd_bp_probe_closed_form(fmpq_mat_t x, slong k)
{
    kd_status st = check_k(k);
    fmpz_t p;
    if (st != KD_OK)
        return st;
    _kd_fmpq_mat_fit(x, 2, 1);
    fmpz_init(p);
    fmpz_one(p);
    fmpz_mul_2exp(p, p, (ulong) k);
    fmpq_zero(fmpq_mat_entry(x, 0, 0));
    fmpz_set(fmpq_mat_entry_num(x, 1, 0), p);
    fmpz_add_ui(fmpq_mat_entry_den(x, 1, 0), p, 1);   /* coprime: consecutive */
    fmpz_clear(p);
    return KD_OK;
}

void
kd_bp_probe_init(kd_bp_probe_t P)
{
    P->k = 0;
    fmpq_mat_init(&P->A, 0, 0);
    fmpq_mat_init(&P->y, 0, 1);
    kd_bp_result_init(&P->bp);
    fmpq_mat_init(&P->closed, 0, 1);
    P->agrees = KD_UNKNOWN;
}

void
kd_bp_probe_clear(kd_bp_probe_t P)
{
    fmpq_mat_clear(&P->A);
    fmpq_mat_clear(&P->y);
    kd_bp_result_clear(&P->bp);
    fmpq_mat_clear(&P->closed);
}

static void
probe_empty(kd_bp_probe_t P)
{
    kd_bp_probe_clear(P);
    kd_bp_probe_init(P);
}

kd_status
kd_bp_probe_set(kd_bp_probe_t P, const fmpq_mat_t A, const fmpq_mat_t y)
{
    kd_status st;
    probe_empty(P);
    if (fmpq_mat_ncols(y) != 1 || fmpq_mat_nrows(y) != fmpq_mat_nrows(A))
        return kd_error_set(KD_ERR_SIZE, "y is %ld x %ld, A is %ld x %ld: y must be %ld x 1",
                            fmpq_mat_nrows(y), fmpq_mat_ncols(y), fmpq_mat_nrows(A),
                            fmpq_mat_ncols(A), fmpq_mat_nrows(A));
    if (fmpq_mat_ncols(A) == 0 || fmpq_mat_nrows(A) == 0)
        return kd_error_set(KD_ERR_SIZE, "A is %ld x %ld: it needs a row and a column",
                            fmpq_mat_nrows(A), fmpq_mat_ncols(A));
    st = kd_bp_solve_exact(&P->bp, A, y, NULL);
    if (st != KD_OK)
    {
        probe_empty(P);
        return st;
    }
    _kd_fmpq_mat_fit(&P->A, fmpq_mat_nrows(A), fmpq_mat_ncols(A));
    _kd_fmpq_mat_fit(&P->y, fmpq_mat_nrows(y), 1);
    fmpq_mat_set(&P->A, A);
    fmpq_mat_set(&P->y, y);
    return KD_OK;
}

kd_status
kd_bp_probe_rational(fmpq_mat_t M, const kd_mat_t E)
{
    slong i, j;
    fmpq_t im;
    kd_status st = KD_OK;
    _kd_fmpq_mat_fit(M, kd_mat_nrows(E), kd_mat_ncols(E));
    fmpq_init(im);
    for (i = 0; i < kd_mat_nrows(E) && st == KD_OK; i++)
        for (j = 0; j < kd_mat_ncols(E) && st == KD_OK; j++)
            if (!kd_real_get_fmpq(fmpq_mat_entry(M, i, j), kd_mat_entry_re(E, i, j))
                || !kd_real_get_fmpq(im, kd_mat_entry_im(E, i, j)) || !fmpq_is_zero(im))
                st = kd_error_set(KD_ERR_ARG, "entry (%ld, %ld) is not a real rational", i + 1,
                                  j + 1);
    fmpq_clear(im);
    return st;
}

kd_status
kd_bp_probe_set_k(kd_bp_probe_t P, slong k)
{
    fmpq_mat_t A, y;
    kd_status st = check_k(k);
    if (st != KD_OK)
    {
        probe_empty(P);
        return st;
    }
    fmpq_mat_init(A, 0, 0);
    fmpq_mat_init(y, 0, 1);
    kd_bp_probe_instance(A, y, k);
    st = kd_bp_probe_set(P, A, y);
    if (st == KD_OK)
    {
        P->k = k;
        kd_bp_probe_closed_form(&P->closed, k);
        P->agrees = (P->bp.unique == KD_TRUE && fmpq_mat_equal(&P->bp.x, &P->closed))
                    ? KD_TRUE : KD_FALSE;
    }
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    return st;
}
