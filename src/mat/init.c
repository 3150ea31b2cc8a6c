/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Memory management and entry access for exact matrices. */
#include <stdlib.h>
#include "kdigits/mat.h"

static kd_status
check_dims(slong r, slong c)
{
    if (r < 0 || c < 0)
        return kd_error_set(KD_ERR_ARG, "matrix size %ld x %ld is negative", r, c);
    if (r > KD_MAT_DIM_MAX || c > KD_MAT_DIM_MAX || (r > 0 && c > (slong) (WORD_MAX / 2 / sizeof(kd_complex_struct)) / r))
        return kd_error_set(KD_ERR_ARG, "matrix size %ld x %ld is too large", r, c);
    return KD_OK;
}

static kd_status
alloc_entries(kd_mat_t A, slong r, slong c)
{
    slong i, n = r * c;
    A->r = 0;
    A->c = 0;
    A->is_complex = 0;
    A->entries = NULL;
    if (n == 0)
    {
        A->r = r;
        A->c = c;
        return KD_OK;
    }
    A->entries = malloc(n * sizeof(kd_complex_struct));
    if (A->entries == NULL)
        return kd_error_set(KD_ERR_NOMEM, "out of memory allocating a %ld x %ld matrix", r, c);
    for (i = 0; i < n; i++)
        kd_complex_init(A->entries + i);
    A->r = r;
    A->c = c;
    return KD_OK;
}

kd_status
kd_mat_init(kd_mat_t A, slong r, slong c)
{
    kd_status st = check_dims(r, c);
    if (st != KD_OK)
    {
        alloc_entries(A, 0, 0);
        return st;
    }
    return alloc_entries(A, r, c);
}

void
kd_mat_clear(kd_mat_t A)
{
    slong i;
    for (i = 0; i < A->r * A->c; i++)
        kd_complex_clear(A->entries + i);
    free(A->entries);
    A->entries = NULL;
    A->r = A->c = 0;
}

kd_status
kd_mat_resize(kd_mat_t A, slong r, slong c)
{
    kd_status st = check_dims(r, c);
    if (st != KD_OK)
        return st;
    kd_mat_clear(A);
    return alloc_entries(A, r, c);
}

void
kd_mat_swap(kd_mat_t A, kd_mat_t B)
{
    kd_mat_struct t = *A;
    *A = *B;
    *B = t;
}

kd_status
kd_mat_set(kd_mat_t B, const kd_mat_t A)
{
    slong i;
    kd_mat_t T;
    kd_status st;
    if (B == A)
        return KD_OK;
    if ((st = kd_mat_init(T, A->r, A->c)) != KD_OK)
        return st;
    for (i = 0; i < A->r * A->c; i++)
        kd_complex_set(T->entries + i, A->entries + i);
    T->is_complex = A->is_complex;
    kd_mat_swap(B, T);
    kd_mat_clear(T);
    return KD_OK;
}

void
kd_mat_update_is_complex(kd_mat_t A)
{
    slong i;
    A->is_complex = 0;
    for (i = 0; i < A->r * A->c; i++)
        if (!kd_complex_is_real(A->entries + i))
        {
            A->is_complex = 1;
            return;
        }
}

void
kd_mat_set_entry(kd_mat_t A, slong i, slong j, const kd_complex_t z)
{
    kd_complex_set(kd_mat_entry(A, i, j), z);
    if (!kd_complex_is_real(z))
        A->is_complex = 1;
}

void
kd_mat_set_entry_real(kd_mat_t A, slong i, slong j, const kd_real_t x)
{
    kd_complex_set_real(kd_mat_entry(A, i, j), x);
}

slong
kd_mat_count_inexact(const kd_mat_t A)
{
    slong i, k = 0;
    for (i = 0; i < A->r * A->c; i++)
        if (!kd_real_is_dyadic(&A->entries[i].re) || !kd_real_is_dyadic(&A->entries[i].im))
            k++;
    return k;
}
