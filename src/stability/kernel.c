/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The troublesome kernel made exact (Gottschling-Antun-Adcock-Hansen): an
   exact basis of ker(A) for rational A, and the certified lower bounds
   every reconstruction map must respect (proofs-notes/stability.md §3). */
#include <string.h>
#include "kdigits/stability.h"
#include "kdigits/bpprobe.h"
#include "kdigits/alg.h"
#include "kdigits/util.h"
#include "internal.h"

void
kd_stab_kernel_init(kd_stab_kernel_t K)
{
    K->m = K->N = K->dim = 0;
    fmpq_mat_init(K->basis, 0, 0);
    fmpq_mat_init(K->Ak, 0, 0);
    arb_init(K->half_norm);
    K->verified = KD_UNKNOWN;
    K->algebraic = 0;
    K->L = 1;
    K->expr = NULL;
    arb_mat_init(K->enc, 0, 0);
}

static void
free_expr(kd_stab_kernel_t K)
{
    slong i;
    if (K->expr != NULL)
        for (i = 0; i < K->N * K->dim; i++)
            flint_free(K->expr[i]);
    flint_free(K->expr);
    K->expr = NULL;
}

void
kd_stab_kernel_clear(kd_stab_kernel_t K)
{
    fmpq_mat_clear(K->basis);
    fmpq_mat_clear(K->Ak);
    arb_clear(K->half_norm);
    free_expr(K);
    arb_mat_clear(K->enc);
}

kd_status
kd_stab_kernel(kd_stab_kernel_t K, const kd_mat_t A, slong prec)
{
    const slong m = kd_mat_nrows(A), N = kd_mat_ncols(A);
    fmpq_mat_t Aq;
    fmpz_mat_t num, X;
    fmpz_t den;
    slong i, j, d;

    if (A->is_complex)
        return kd_error_set(KD_ERR_ARG, "kernel: A must be real");
    free_expr(K);
    K->algebraic = 0;
    fmpq_mat_init(Aq, m, N);
    if (kd_bp_probe_rational(Aq, A) != KD_OK)
    {
        fmpq_mat_clear(Aq);
        kd_error_clear();
        return _kd_stab_kernel_alg(K, A, prec);
    }
    fmpz_mat_init(num, m, N);
    fmpz_mat_init(X, N, N);
    fmpz_init(den);
    /* scaling each row by its common denominator keeps the kernel */
    fmpq_mat_get_fmpz_mat_rowwise(num, NULL, Aq);
    d = fmpz_mat_nullspace(X, num);
    fmpq_mat_clear(K->basis);
    fmpq_mat_clear(K->Ak);
    fmpq_mat_init(K->basis, N, d);
    fmpq_mat_init(K->Ak, m, d);
    for (j = 0; j < d; j++)
    {
        /* primitive integer vectors: divide by the content */
        fmpz_zero(den);
        for (i = 0; i < N; i++)
            fmpz_gcd(den, den, fmpz_mat_entry(X, i, j));
        for (i = 0; i < N; i++)
            fmpq_set_fmpz_frac(fmpq_mat_entry(K->basis, i, j), fmpz_mat_entry(X, i, j), den);
    }
    fmpq_mat_mul(K->Ak, Aq, K->basis);
    K->m = m;
    K->N = N;
    K->dim = d;
    K->verified = fmpq_mat_is_zero(K->Ak) ? KD_TRUE : KD_FALSE;
    arb_mat_clear(K->enc);
    arb_mat_init(K->enc, N, d);
    arb_mat_set_fmpq_mat(K->enc, K->basis, prec);
    arb_zero(K->half_norm);
    if (d > 0)
    {
        arb_t s;
        arb_init(s);
        for (i = 0; i < N; i++)
        {
            arb_set_fmpq(s, fmpq_mat_entry(K->basis, i, 0), prec);
            arb_addmul(K->half_norm, s, s, prec);
        }
        arb_sqrt(K->half_norm, K->half_norm, prec);
        arb_mul_2exp_si(K->half_norm, K->half_norm, -1);
        arb_clear(s);
    }
    fmpz_clear(den);
    fmpz_mat_clear(num);
    fmpz_mat_clear(X);
    fmpq_mat_clear(Aq);
    return KD_OK;
}

kd_status
kd_stab_near_kernel_bound(arb_t lb, const fmpq_mat_t A, const fmpq_mat_t k, const fmpq_t d,
                          slong prec)
{
    const slong m = fmpq_mat_nrows(A), N = fmpq_mat_ncols(A);
    fmpq_mat_t Ak;
    arb_t kn, en, s;
    slong i;
    if (fmpq_mat_nrows(k) != N || fmpq_mat_ncols(k) != 1)
        return kd_error_set(KD_ERR_SIZE, "kernel: k must be %ld x 1", (long) N);
    if (fmpq_sgn(d) < 0)
        return kd_error_set(KD_ERR_ARG, "kernel: the accuracy d must be >= 0");
    fmpq_mat_init(Ak, m, 1);
    arb_init(kn);
    arb_init(en);
    arb_init(s);
    fmpq_mat_mul(Ak, A, k);
    for (i = 0; i < N; i++)
    {
        arb_set_fmpq(s, fmpq_mat_entry(k, i, 0), prec);
        arb_addmul(kn, s, s, prec);
    }
    for (i = 0; i < m; i++)
    {
        arb_set_fmpq(s, fmpq_mat_entry(Ak, i, 0), prec);
        arb_addmul(en, s, s, prec);
    }
    if (fmpq_mat_is_zero(Ak))
        arb_indeterminate(lb);
    else
    {
        /* ||Psi(A(x+k)) - Psi(Ax)|| >= ||k|| - 2d and ||A(x+k) - Ax|| = ||Ak|| */
        arb_sqrt(kn, kn, prec);
        arb_sqrt(en, en, prec);
        arb_set_fmpq(s, d, prec);
        arb_mul_2exp_si(s, s, 1);
        arb_sub(kn, kn, s, prec);
        arb_div(lb, kn, en, prec);
    }
    fmpq_mat_clear(Ak);
    arb_clear(kn);
    arb_clear(en);
    arb_clear(s);
    return KD_OK;
}

char *
kd_stab_kernel_entry_str(const kd_stab_kernel_t K, slong i, slong c)
{
    char * s;
    if (K->algebraic)
    {
        s = flint_malloc(strlen(K->expr[c * K->N + i]) + 1);
        strcpy(s, K->expr[c * K->N + i]);
        return s;
    }
    return kd_fmpq_get_str(fmpq_mat_entry(K->basis, i, c));
}
