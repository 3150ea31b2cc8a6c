/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Block assembly, products, sums and (conjugate) transposes of exact
   matrices. */
#include "kdigits/mat.h"

static slong
pick(const kd_mat_struct * X, const kd_mat_struct * Y, int rows, int * conflict)
{
    slong a = X ? (rows ? X->r : X->c) : -1;
    slong b = Y ? (rows ? Y->r : Y->c) : -1;
    if (a >= 0 && b >= 0 && a != b)
        *conflict = 1;
    return a >= 0 ? a : b;
}

static void
copy_block(kd_mat_t M, const kd_mat_struct * X, slong i0, slong j0)
{
    slong i, j;
    if (X == NULL)
        return;
    for (i = 0; i < X->r; i++)
        for (j = 0; j < X->c; j++)
            kd_complex_set(kd_mat_entry(M, i0 + i, j0 + j), kd_mat_entry(X, i, j));
}

kd_status
kd_mat_block(kd_mat_t M, const kd_mat_t A, const kd_mat_t B,
             const kd_mat_t C, const kd_mat_t D)
{
    int conflict = 0;
    slong r1 = pick(A, B, 1, &conflict), r2 = pick(C, D, 1, &conflict);
    slong c1 = pick(A, C, 0, &conflict), c2 = pick(B, D, 0, &conflict);
    kd_mat_t T;
    kd_status st;

    if (conflict)
        return kd_error_set(KD_ERR_SIZE, "block sizes do not agree");
    if (r1 < 0 || r2 < 0 || c1 < 0 || c2 < 0)
        return kd_error_set(KD_ERR_SIZE, "a block row or column has no given block to fix its size");
    if ((st = kd_mat_init(T, r1 + r2, c1 + c2)) != KD_OK)
        return st;
    copy_block(T, A, 0, 0);
    copy_block(T, B, 0, c1);
    copy_block(T, C, r1, 0);
    copy_block(T, D, r1, c1);
    kd_mat_update_is_complex(T);
    kd_mat_swap(M, T);
    kd_mat_clear(T);
    return KD_OK;
}

/* Sum of terms[0..n) as a balanced tree, so that evaluation depth and
   rounding growth are logarithmic in n. */
static void
balanced_sum(kd_complex_t s, kd_complex_struct * terms, slong n)
{
    if (n == 0)
        kd_complex_zero(s);
    else if (n == 1)
        kd_complex_set(s, terms);
    else
    {
        kd_complex_t t;
        kd_complex_init(t);
        balanced_sum(s, terms, n / 2);
        balanced_sum(t, terms + n / 2, n - n / 2);
        kd_complex_add(s, s, t);
        kd_complex_clear(t);
    }
}

kd_status
kd_mat_mul(kd_mat_t C, const kd_mat_t A, const kd_mat_t B)
{
    slong i, j, k, n;
    kd_mat_t T;
    kd_complex_struct * terms;
    kd_status st;

    if (A->c != B->r)
        return kd_error_set(KD_ERR_SIZE, "cannot multiply %ld x %ld by %ld x %ld",
                            A->r, A->c, B->r, B->c);
    if ((st = kd_mat_init(T, A->r, B->c)) != KD_OK)
        return st;
    terms = flint_malloc((A->c + 1) * sizeof(kd_complex_struct));
    for (k = 0; k < A->c; k++)
        kd_complex_init(terms + k);
    for (i = 0; i < A->r; i++)
        for (j = 0; j < B->c; j++)
        {
            n = 0;
            for (k = 0; k < A->c; k++)
            {
                const kd_complex_struct * a = kd_mat_entry(A, i, k);
                const kd_complex_struct * b = kd_mat_entry(B, k, j);
                if (kd_complex_is_zero(a) || kd_complex_is_zero(b))
                    continue;
                kd_complex_mul(terms + n, a, b);
                n++;
            }
            balanced_sum(kd_mat_entry(T, i, j), terms, n);
        }
    for (k = 0; k < A->c; k++)
        kd_complex_clear(terms + k);
    flint_free(terms);
    kd_mat_update_is_complex(T);
    kd_mat_swap(C, T);
    kd_mat_clear(T);
    return KD_OK;
}

kd_status
kd_mat_add(kd_mat_t C, const kd_mat_t A, const kd_mat_t B)
{
    slong i;
    kd_mat_t T;
    kd_status st;
    if (A->r != B->r || A->c != B->c)
        return kd_error_set(KD_ERR_SIZE, "cannot add %ld x %ld and %ld x %ld",
                            A->r, A->c, B->r, B->c);
    if ((st = kd_mat_init(T, A->r, A->c)) != KD_OK)
        return st;
    for (i = 0; i < A->r * A->c; i++)
        kd_complex_add(T->entries + i, A->entries + i, B->entries + i);
    kd_mat_update_is_complex(T);
    kd_mat_swap(C, T);
    kd_mat_clear(T);
    return KD_OK;
}

static void
transpose(kd_mat_t B, const kd_mat_t A, int conj)
{
    slong i, j;
    kd_mat_t T;
    kd_mat_init(T, A->c, A->r);
    for (i = 0; i < A->r; i++)
        for (j = 0; j < A->c; j++)
        {
            if (conj)
                kd_complex_conj(kd_mat_entry(T, j, i), kd_mat_entry(A, i, j));
            else
                kd_complex_set(kd_mat_entry(T, j, i), kd_mat_entry(A, i, j));
        }
    T->is_complex = A->is_complex;
    kd_mat_swap(B, T);
    kd_mat_clear(T);
}

void
kd_mat_transpose(kd_mat_t B, const kd_mat_t A)
{
    transpose(B, A, 0);
}

void
kd_mat_adjoint(kd_mat_t B, const kd_mat_t A)
{
    transpose(B, A, 1);
}

void
kd_mat_scalar_mul(kd_mat_t B, const kd_mat_t A, const kd_complex_t c)
{
    slong i;
    if (B != A)
        kd_mat_set(B, A);
    for (i = 0; i < B->r * B->c; i++)
        kd_complex_mul(B->entries + i, B->entries + i, c);
    kd_mat_update_is_complex(B);
}
