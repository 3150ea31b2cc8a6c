/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Matrix-free operators: the factor list, its construction and the
   structural norm bound (see kdigits/op.h, proofs-notes/operators.md). */
#include <string.h>
#include "kdigits/op.h"
#include "internal.h"

void
kd_op_init(kd_op_t A, slong N)
{
    A->nrows = N;
    A->ncols = N;
    A->is_complex = 0;
    A->nf = 0;
    A->f = NULL;
    A->nreads = 0;
    A->max_level = -1;
}

void
kd_op_init_set(kd_op_t A, const kd_op_t B)
{
    slong i;
    kd_op_init(A, B->ncols);
    A->nrows = B->nrows;
    A->is_complex = B->is_complex;
    A->nf = B->nf;
    A->f = flint_malloc((size_t) FLINT_MAX(B->nf, 1) * sizeof(kd_op_factor_struct));
    for (i = 0; i < B->nf; i++)
    {
        A->f[i] = B->f[i];
        if (B->f[i].omega != NULL)
        {
            A->f[i].omega = flint_malloc((size_t) B->f[i].rows * sizeof(slong));
            memcpy(A->f[i].omega, B->f[i].omega, (size_t) B->f[i].rows * sizeof(slong));
        }
    }
}

void
kd_op_clear(kd_op_t A)
{
    slong i;
    for (i = 0; i < A->nf; i++)
        flint_free(A->f[i].omega);
    flint_free(A->f);
    A->f = NULL;
    A->nf = 0;
}

static kd_op_factor_struct *
_kd_op_push(kd_op_t A)
{
    A->f = flint_realloc(A->f, (A->nf + 1) * sizeof(kd_op_factor_struct));
    memset(A->f + A->nf, 0, sizeof(kd_op_factor_struct));
    return A->f + A->nf++;
}

slong
_kd_op_log2(slong n)
{
    slong k = 0;
    while ((WORD(1) << k) < n)
        k++;
    return k;
}

kd_status
kd_op_mul_transform(kd_op_t A, kd_op_kind kind, slong n, int dim, slong levels, int inverse)
{
    kd_op_factor_struct * F;
    slong N, lg;
    if (kind == KD_OP_SUBSAMPLE || (int) kind < 0 || kind > KD_OP_SUBSAMPLE)
        return kd_error_set(KD_ERR_ARG, "not a transform");
    if (n < 2 || n > KD_OP_SIDE_MAX || (n & (n - 1)) != 0)
        return kd_error_set(KD_ERR_ARG, "transform side %ld is not a power of 2 in [2, 2^20]",
                            (long) n);
    if (dim != 1 && dim != 2)
        return kd_error_set(KD_ERR_ARG, "dimension %d is not 1 or 2", dim);
    lg = _kd_op_log2(n);
    if (kind == KD_OP_HAAR && (levels < 1 || levels > lg))
        return kd_error_set(KD_ERR_ARG, "Haar levels %ld not in [1, %ld]", (long) levels, (long) lg);
    if (dim == 2 && n > (WORD(1) << 15))
        return kd_error_set(KD_ERR_ARG, "2-D side %ld exceeds 2^15", (long) n);
    N = (dim == 1) ? n : n * n;
    if (N != A->ncols)
        return kd_error_set(KD_ERR_SIZE, "transform of size %ld after an operator with %ld columns",
                            (long) N, (long) A->ncols);
    F = _kd_op_push(A);
    F->kind = kind;
    F->inverse = inverse != 0;
    F->dim = dim;
    F->n = n;
    F->levels = (kind == KD_OP_HAAR) ? levels : 0;
    F->rows = F->cols = N;
    if (kind == KD_OP_DFT)
        A->is_complex = 1;
    return KD_OK;
}

kd_status
kd_op_mul_subsample(kd_op_t A, const slong * omega, slong k, int inverse)
{
    kd_op_factor_struct * F;
    slong i, N = inverse ? k : A->ncols, full;
    full = inverse ? A->ncols : k;
    (void) full;
    if (k < 1)
        return kd_error_set(KD_ERR_ARG, "empty sampling set");
    if (inverse)
        return kd_error_set(KD_ERR_ARG, "P_Omega^* inside a product is not supported");
    for (i = 0; i < k; i++)
        if (omega[i] < 0 || omega[i] >= N || (i > 0 && omega[i] <= omega[i - 1]))
            return kd_error_set(KD_ERR_ARG, "sampling index %ld out of range or not increasing",
                                (long) omega[i]);
    F = _kd_op_push(A);
    F->kind = KD_OP_SUBSAMPLE;
    F->rows = k;
    F->cols = N;
    F->omega = flint_malloc(k * sizeof(slong));
    memcpy(F->omega, omega, k * sizeof(slong));
    /* a sampling set must come first: A = P A_old needs A_old's rows = N;
       kd_op_mul_subsample is meant for the identity, so rows become k */
    if (A->nf != 1)
    {
        A->nf--;
        flint_free(F->omega);
        return kd_error_set(KD_ERR_ARG, "P_Omega must be the first factor");
    }
    A->nrows = k;
    return KD_OK;
}

int
kd_op_opnorm_ubound(arf_t L, const kd_op_t A)
{
    slong i, nsub = 0;
    arf_one(L);
    for (i = 0; i < A->nf; i++)
        nsub += (A->f[i].kind == KD_OP_SUBSAMPLE);
    /* P_Omega U with U unitary has orthonormal rows; the only sampling
       factor is f[0] by construction */
    return nsub <= 1 && A->nrows >= 1;
}

void
kd_op_get_acb_mat(acb_mat_t M, const kd_op_t A, slong prec)
{
    slong i, j;
    acb_ptr x = _acb_vec_init(A->ncols), y = _acb_vec_init(A->nrows);
    for (j = 0; j < A->ncols; j++)
    {
        _acb_vec_zero(x, A->ncols);
        acb_one(x + j);
        kd_op_apply_acb(y, A, x, 0, prec);
        for (i = 0; i < A->nrows; i++)
            acb_set(acb_mat_entry(M, i, j), y + i);
    }
    _acb_vec_clear(x, A->ncols);
    _acb_vec_clear(y, A->nrows);
}

slong
kd_op_haar_level(slong i, slong n, int dim, slong r)
{
    slong b = (dim == 1) ? i : FLINT_MAX(i / n, i % n), c = n >> r, l = 0;
    if (b < c)
        return 0;
    while ((c << l) <= b)
        l++;
    return l;
}

kd_status
kd_op_weights_in_levels(arb_ptr w, slong n, int dim, slong r, const slong * s, slong prec)
{
    slong l, i, N = (dim == 1) ? n : n * n, tot = 0;
    arb_ptr wl;
    for (l = 0; l <= r; l++)
    {
        if (s[l] < 1)
            return kd_error_set(KD_ERR_ARG, "local sparsity s_%ld = %ld must be >= 1", (long) l,
                                (long) s[l]);
        tot += s[l];
    }
    wl = _arb_vec_init(r + 1);
    for (l = 0; l <= r; l++)
    {
        arb_set_si(wl + l, tot);
        arb_div_si(wl + l, wl + l, s[l], prec);
        arb_sqrt(wl + l, wl + l, prec);
    }
    for (i = 0; i < N; i++)
        arb_set(w + i, wl + kd_op_haar_level(i, n, dim, r));
    _arb_vec_clear(wl, r + 1);
    return KD_OK;
}
