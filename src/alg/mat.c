/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Matrices over a cyclotomic field: exact Gaussian elimination (rank,
   solve, null space), products, enclosures. */
#include "internal.h"

kd_status
kd_cyclo_mat_init(kd_cyclo_mat_t M, slong r, slong c, const kd_cyclo_t K)
{
    slong k;
    if (r < 0 || c < 0 || (c > 0 && r > KD_MAT_DIM_MAX / c))
        return kd_error_set(KD_ERR_ARG, "cyclotomic matrix: bad size %ld x %ld", r, c);
    M->r = r;
    M->c = c;
    M->entries = flint_malloc(FLINT_MAX(1, r * c) * sizeof(nf_elem_struct));
    for (k = 0; k < r * c; k++)
        nf_elem_init(M->entries + k, K->nf);
    return KD_OK;
}

void
kd_cyclo_mat_clear(kd_cyclo_mat_t M, const kd_cyclo_t K)
{
    slong k;
    for (k = 0; k < M->r * M->c; k++)
        nf_elem_clear(M->entries + k, K->nf);
    flint_free(M->entries);
}

void
kd_cyclo_mat_set(kd_cyclo_mat_t B, const kd_cyclo_mat_t A, const kd_cyclo_t K)
{
    slong k;
    for (k = 0; k < A->r * A->c; k++)
        nf_elem_set(B->entries + k, A->entries + k, K->nf);
}

void
kd_cyclo_mat_select_cols(kd_cyclo_mat_t M, const kd_cyclo_mat_t A,
                         const slong * cols, slong n, const kd_cyclo_t K)
{
    slong i, j;
    for (i = 0; i < A->r; i++)
        for (j = 0; j < n; j++)
            nf_elem_set(kd_cyclo_mat_entry(M, i, j), kd_cyclo_mat_entry(A, i, cols[j]), K->nf);
}

kd_status
kd_cyclo_mat_mul(kd_cyclo_mat_t C, const kd_cyclo_mat_t A,
                 const kd_cyclo_mat_t B, const kd_cyclo_t K)
{
    slong i, j, k;
    nf_elem_t s, t;
    if (A->c != B->r || C->r != A->r || C->c != B->c)
        return kd_error_set(KD_ERR_SIZE, "cyclotomic matrix product: sizes do not fit");
    nf_elem_init(s, K->nf);
    nf_elem_init(t, K->nf);
    for (i = 0; i < A->r; i++)
        for (j = 0; j < B->c; j++)
        {
            nf_elem_zero(s, K->nf);
            for (k = 0; k < A->c; k++)
            {
                if (nf_elem_is_zero(kd_cyclo_mat_entry(A, i, k), K->nf)
                    || nf_elem_is_zero(kd_cyclo_mat_entry(B, k, j), K->nf))
                    continue;
                nf_elem_mul(t, kd_cyclo_mat_entry(A, i, k), kd_cyclo_mat_entry(B, k, j), K->nf);
                nf_elem_add(s, s, t, K->nf);
            }
            nf_elem_swap(kd_cyclo_mat_entry(C, i, j), s, K->nf);
        }
    nf_elem_clear(s, K->nf);
    nf_elem_clear(t, K->nf);
    return KD_OK;
}

kd_status
kd_cyclo_mat_transpose(kd_cyclo_mat_t B, const kd_cyclo_mat_t A, const kd_cyclo_t K)
{
    slong i, j;
    if (B->r != A->c || B->c != A->r || B == A)
        return kd_error_set(KD_ERR_SIZE, "cyclotomic transpose: sizes do not fit");
    for (i = 0; i < A->r; i++)
        for (j = 0; j < A->c; j++)
            nf_elem_set(kd_cyclo_mat_entry(B, j, i), kd_cyclo_mat_entry(A, i, j), K->nf);
    return KD_OK;
}

kd_status
kd_cyclo_mat_adjoint(kd_cyclo_mat_t B, const kd_cyclo_mat_t A, const kd_cyclo_t K)
{
    slong i, j;
    if (B->r != A->c || B->c != A->r || B == A)
        return kd_error_set(KD_ERR_SIZE, "cyclotomic adjoint: sizes do not fit");
    for (i = 0; i < A->r; i++)
        for (j = 0; j < A->c; j++)
            kd_cyclo_conj(kd_cyclo_mat_entry(B, j, i), kd_cyclo_mat_entry(A, i, j), K);
    return KD_OK;
}

int
kd_cyclo_mat_is_zero(const kd_cyclo_mat_t A, const kd_cyclo_t K)
{
    slong k;
    for (k = 0; k < A->r * A->c; k++)
        if (!nf_elem_is_zero(A->entries + k, K->nf))
            return 0;
    return 1;
}

int
kd_cyclo_mat_equal(const kd_cyclo_mat_t A, const kd_cyclo_mat_t B, const kd_cyclo_t K)
{
    slong k;
    if (A->r != B->r || A->c != B->c)
        return 0;
    for (k = 0; k < A->r * A->c; k++)
        if (!nf_elem_equal(A->entries + k, B->entries + k, K->nf))
            return 0;
    return 1;
}

static void
swap_rows(kd_cyclo_mat_t M, slong i, slong k, const kd_cyclo_t K)
{
    slong j;
    if (i == k)
        return;
    for (j = 0; j < M->c; j++)
        nf_elem_swap(kd_cyclo_mat_entry(M, i, j), kd_cyclo_mat_entry(M, k, j), K->nf);
}

slong
kd_cyclo_mat_rref(kd_cyclo_mat_t M, slong * pivots, const kd_cyclo_t K)
{
    slong rank = 0, i, j, k, l;
    nf_elem_t inv, t;
    nf_elem_init(inv, K->nf);
    nf_elem_init(t, K->nf);
    for (j = 0; j < M->c && rank < M->r; j++)
    {
        for (k = rank; k < M->r; k++)
            if (!nf_elem_is_zero(kd_cyclo_mat_entry(M, k, j), K->nf))
                break;
        if (k == M->r)
            continue;
        swap_rows(M, rank, k, K);
        /* scale the pivot row to a leading 1 */
        nf_elem_inv(inv, kd_cyclo_mat_entry(M, rank, j), K->nf);
        nf_elem_one(kd_cyclo_mat_entry(M, rank, j), K->nf);
        for (l = j + 1; l < M->c; l++)
            if (!nf_elem_is_zero(kd_cyclo_mat_entry(M, rank, l), K->nf))
            {
                nf_elem_mul(t, kd_cyclo_mat_entry(M, rank, l), inv, K->nf);
                nf_elem_swap(kd_cyclo_mat_entry(M, rank, l), t, K->nf);
            }
        /* clear column j in every other row */
        for (i = 0; i < M->r; i++)
        {
            nf_elem_struct * f;
            if (i == rank)
                continue;
            f = kd_cyclo_mat_entry(M, i, j);
            if (nf_elem_is_zero(f, K->nf))
                continue;
            for (l = j + 1; l < M->c; l++)
                if (!nf_elem_is_zero(kd_cyclo_mat_entry(M, rank, l), K->nf))
                {
                    nf_elem_mul(t, f, kd_cyclo_mat_entry(M, rank, l), K->nf);
                    nf_elem_sub(kd_cyclo_mat_entry(M, i, l), kd_cyclo_mat_entry(M, i, l), t, K->nf);
                }
            nf_elem_zero(f, K->nf);
        }
        if (pivots != NULL)
            pivots[rank] = j;
        rank++;
    }
    nf_elem_clear(inv, K->nf);
    nf_elem_clear(t, K->nf);
    return rank;
}

slong
kd_cyclo_mat_rank(const kd_cyclo_mat_t A, const kd_cyclo_t K)
{
    kd_cyclo_mat_t M;
    slong r;
    kd_cyclo_mat_init(M, A->r, A->c, K);
    kd_cyclo_mat_set(M, A, K);
    r = kd_cyclo_mat_rref(M, NULL, K);
    kd_cyclo_mat_clear(M, K);
    return r;
}

kd_status
kd_cyclo_mat_solve(int * consistent, slong * rank, kd_cyclo_mat_t X,
                   const kd_cyclo_mat_t A, const kd_cyclo_mat_t B,
                   const kd_cyclo_t K)
{
    kd_cyclo_mat_t M;
    slong * piv, r, i, j, n = A->c;
    if (B->r != A->r || X->r != A->c || X->c != B->c)
        return kd_error_set(KD_ERR_SIZE, "cyclotomic solve: sizes do not fit");
    kd_cyclo_mat_init(M, A->r, A->c + B->c, K);
    for (i = 0; i < A->r; i++)
    {
        for (j = 0; j < A->c; j++)
            nf_elem_set(kd_cyclo_mat_entry(M, i, j), kd_cyclo_mat_entry(A, i, j), K->nf);
        for (j = 0; j < B->c; j++)
            nf_elem_set(kd_cyclo_mat_entry(M, i, n + j), kd_cyclo_mat_entry(B, i, j), K->nf);
    }
    piv = flint_malloc(FLINT_MAX(1, FLINT_MIN(M->r, M->c)) * sizeof(slong));
    r = kd_cyclo_mat_rref(M, piv, K);
    for (i = 0; i < X->r * X->c; i++)
        nf_elem_zero(X->entries + i, K->nf);
    *consistent = (r == 0 || piv[r - 1] < n);
    if (*consistent)
        for (i = 0; i < r; i++)
            for (j = 0; j < B->c; j++)
                nf_elem_set(kd_cyclo_mat_entry(X, piv[i], j),
                            kd_cyclo_mat_entry(M, i, n + j), K->nf);
    if (rank != NULL)
    {
        /* the rank of A: pivots in A's columns */
        slong ra = 0;
        for (i = 0; i < r; i++)
            ra += (piv[i] < n);
        *rank = ra;
    }
    flint_free(piv);
    kd_cyclo_mat_clear(M, K);
    return KD_OK;
}

slong
kd_cyclo_mat_nullspace(kd_cyclo_mat_t N, const kd_cyclo_mat_t A, const kd_cyclo_t K)
{
    kd_cyclo_mat_t M;
    slong * piv, r, i, j, f, n = A->c;
    char * is_piv;
    kd_cyclo_mat_init(M, A->r, A->c, K);
    kd_cyclo_mat_set(M, A, K);
    piv = flint_malloc(FLINT_MAX(1, FLINT_MIN(M->r, M->c)) * sizeof(slong));
    r = kd_cyclo_mat_rref(M, piv, K);
    kd_cyclo_mat_init(N, n, n - r, K);
    is_piv = flint_calloc(FLINT_MAX(1, n), 1);
    for (i = 0; i < r; i++)
        is_piv[piv[i]] = 1;
    for (j = 0, f = 0; j < n; j++)
    {
        if (is_piv[j])
            continue;
        nf_elem_one(kd_cyclo_mat_entry(N, j, f), K->nf);
        for (i = 0; i < r; i++)
            nf_elem_neg(kd_cyclo_mat_entry(N, piv[i], f), kd_cyclo_mat_entry(M, i, j), K->nf);
        f++;
    }
    flint_free(is_piv);
    flint_free(piv);
    kd_cyclo_mat_clear(M, K);
    return n - r;
}

void
kd_cyclo_mat_enclose_acb(acb_mat_t R, const kd_cyclo_mat_t A, kd_cyclo_t K, slong prec)
{
    slong i, j;
    for (i = 0; i < A->r; i++)
        for (j = 0; j < A->c; j++)
            kd_cyclo_enclose_acb(acb_mat_entry(R, i, j), kd_cyclo_mat_entry(A, i, j), K, prec);
}

void
kd_cyclo_mat_enclose_arb(arb_mat_t R, const kd_cyclo_mat_t A, kd_cyclo_t K, slong prec)
{
    slong i, j;
    for (i = 0; i < A->r; i++)
        for (j = 0; j < A->c; j++)
            kd_cyclo_enclose_arb(arb_mat_entry(R, i, j), kd_cyclo_mat_entry(A, i, j), K, prec);
}

kd_status
kd_alg_mat_rank(slong * rank, const kd_mat_t A, slong deg_max)
{
    slong L = 1;
    kd_cyclo_t K;
    kd_cyclo_mat_t M;
    kd_status st = kd_cyclo_conductor_mat(&L, A, deg_max);
    if (st != KD_OK)
        return st;
    st = kd_cyclo_init(K, L, deg_max);
    if (st != KD_OK)
        return st;
    kd_cyclo_mat_init(M, A->r, A->c, K);
    st = kd_cyclo_mat_set_kd_mat(M, A, K);
    if (st == KD_OK)
        *rank = kd_cyclo_mat_rref(M, NULL, K);
    kd_cyclo_mat_clear(M, K);
    kd_cyclo_clear(K);
    return st;
}
