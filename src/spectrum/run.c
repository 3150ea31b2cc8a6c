/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The protocols of `kdigits sci spectrum`: the Δ₁ eigenvalue enclosures at
   every requested level and the Σ₁ tower of finite sections at every
   half-width, each computed by one call (proofs-notes/sci-spectrum.md). */
#include <string.h>
#include "kdigits/spectrum.h"
#include "kdigits/util.h"

void
kd_spectrum_hermitian_run_init(kd_spectrum_hermitian_run_t R)
{
    memset(R, 0, sizeof(kd_spectrum_hermitian_run_struct));
}

void
kd_spectrum_hermitian_run_clear(kd_spectrum_hermitian_run_t R)
{
    slong i;
    if (R->eig != NULL)
        for (i = 0; i < R->nlevels; i++)
            if (R->eig[i] != NULL)
                _arb_vec_clear(R->eig[i], R->N);
    if (R->max_radius != NULL)
        _mag_vec_clear(R->max_radius, R->nlevels);
    flint_free(R->eig);
    flint_free(R->levels);
    flint_free(R->reads);
    memset(R, 0, sizeof(kd_spectrum_hermitian_run_struct));
}

/* The input checks, with messages that name the matrix. */
static kd_status
check_hermitian(const kd_mat_t M, const char * name)
{
    kd_truth herm;
    slong bi, bj;
    kd_status st;
    if (M->r != M->c)
        return kd_error_set(KD_ERR_SIZE, "%s is %ld x %ld: a Hermitian matrix must be square",
                            name, M->r, M->c);
    if (M->r > KD_SPECTRUM_DIM_MAX)
        return kd_error_set(KD_ERR_SIZE, "%s has order %ld, more than %d", name, M->r,
                            KD_SPECTRUM_DIM_MAX);
    if ((st = kd_spectrum_is_hermitian(&herm, &bi, &bj, M, 0)) != KD_OK)
        return st;
    if (herm == KD_FALSE)
        return kd_error_set(KD_ERR_DOMAIN, "%s is not Hermitian: a_%ld,%ld - conj(a_%ld,%ld) != 0 "
                            "(proved)", name, bi + 1, bj + 1, bj + 1, bi + 1);
    if (herm == KD_UNKNOWN)
        return kd_error_set(KD_ERR_UNDECIDED, "cannot certify that %s is Hermitian: a_%ld,%ld -"
                            " conj(a_%ld,%ld) is neither recognised as 0 nor separated from 0",
                            name, bi + 1, bj + 1, bj + 1, bi + 1);
    return KD_OK;
}

kd_status
kd_spectrum_hermitian_levels(kd_spectrum_hermitian_run_t R, const kd_mat_t M, const char * name,
                             const slong * n, slong nn, slong prec_cap)
{
    kd_oracle_t O;
    slong i, j;
    kd_status st;

    kd_spectrum_hermitian_run_clear(R);
    if ((st = check_hermitian(M, name)) != KD_OK)
        return st;
    if ((st = kd_oracle_init_mat(O, M)) != KD_OK)
    {
        kd_oracle_clear(O);
        return st;
    }
    if (prec_cap != 0)
        kd_oracle_set_prec_cap(O, prec_cap);
    R->N = M->r;
    R->is_complex = M->is_complex;
    R->nlevels = nn;
    R->levels = flint_malloc((nn + 1) * sizeof(slong));
    R->eig = flint_calloc(nn + 1, sizeof(arb_ptr));
    R->max_radius = _mag_vec_init(nn);
    for (i = 0; i < nn && st == KD_OK; i++)
    {
        R->levels[i] = n[i];
        R->eig[i] = _arb_vec_init(R->N);
        if ((st = kd_spectrum_hermitian(R->eig[i], O, n[i], prec_cap)) != KD_OK)
            kd_error_prefix("n = %ld", n[i]);
        for (j = 0; j < R->N; j++)
            mag_max(R->max_radius + i, R->max_radius + i, arb_radref(R->eig[i] + j));
    }
    R->nreads = kd_oracle_nreads(O);
    R->reads = flint_malloc((R->nreads + 1) * sizeof(slong));
    for (i = 0; i < R->nreads; i++)
        R->reads[i] = kd_oracle_read_level(O, i);
    kd_oracle_clear(O);
    return st;
}

void
kd_spectrum_tower_init(kd_spectrum_tower_t S)
{
    memset(S, 0, sizeof(kd_spectrum_tower_struct));
    fmpq_init(&S->lo);
    fmpq_init(&S->hi);
}

void
kd_spectrum_tower_clear(kd_spectrum_tower_t S)
{
    slong i;
    for (i = 0; i < S->nlevels; i++)
    {
        kd_spectrum_level_clear(S->L + i);
        arf_clear(S->missed + i);
    }
    flint_free(S->L);
    flint_free(S->missed);
    fmpq_clear(&S->lo);
    fmpq_clear(&S->hi);
    memset(S, 0, sizeof(kd_spectrum_tower_struct));
}

slong
kd_spectrum_grid_default(slong n)
{
    return FLINT_MAX(6, kd_clog2((ulong) n) + 1);
}

kd_status
kd_spectrum_tower_run(kd_spectrum_tower_t S, const kd_tridiag_op_t H, const slong * n, slong nn,
                      slong grid, const mag_t tol, slong prec)
{
    arf_t x;
    slong i, last;
    kd_status st = KD_OK;

    kd_spectrum_tower_clear(S);
    kd_spectrum_tower_init(S);
    /* hi = (ceil(4 ||H||) + 2) / 4, lo = -hi */
    arf_init(x);
    arf_set_mag(x, &H->norm);
    arf_get_fmpq(&S->hi, x);
    arf_clear(x);
    fmpq_mul_2exp(&S->hi, &S->hi, 2);
    fmpz_cdiv_q(fmpq_numref(&S->hi), fmpq_numref(&S->hi), fmpq_denref(&S->hi));
    fmpz_add_ui(fmpq_numref(&S->hi), fmpq_numref(&S->hi), 2);
    fmpz_one(fmpq_denref(&S->hi));
    fmpq_div_2exp(&S->hi, &S->hi, 2);
    fmpq_neg(&S->lo, &S->hi);

    S->nlevels = nn;
    S->L = flint_calloc(nn + 1, sizeof(kd_spectrum_level_struct));
    S->missed = flint_calloc(nn + 1, sizeof(arf_struct));
    for (i = 0; i < nn; i++)
    {
        arf_init(S->missed + i);
        kd_spectrum_level_init(S->L + i);
    }
    for (i = 0; i < nn && st == KD_OK; i++)
    {
        slong e = grid >= 0 ? grid : kd_spectrum_grid_default(n[i]);
        if ((st = kd_spectrum_tridiag_points(S->L + i, H, n[i], e, &S->lo, &S->hi, tol, prec))
            != KD_OK)
            kd_error_prefix("n = %ld", n[i]);
    }
    last = nn - 1;
    for (i = 0; i < last && st == KD_OK; i++)
        kd_spectrum_level_excess(S->missed + i, S->L + last, S->L + i);
    return st;
}
