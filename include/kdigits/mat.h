/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Exact matrices (and vectors, as one-column matrices) of exact complex
   entries, with the built-in constructions the lab needs: identity, the
   orthonormal DCT-II, the unitary DFT, blocks and products. */
#ifndef KDIGITS_MAT_H
#define KDIGITS_MAT_H

#include "kdigits/complex.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Largest number of rows or columns accepted by the builders. */
#define KD_MAT_DIM_MAX 100000000

typedef struct
{
    slong r;
    slong c;
    int is_complex;             /* 0: every entry is structurally real */
    kd_complex_struct * entries; /* row-major, r * c */
}
kd_mat_struct;

typedef kd_mat_struct kd_mat_t[1];

#define kd_mat_nrows(A) ((A)->r)
#define kd_mat_ncols(A) ((A)->c)
#define kd_mat_entry(A, i, j) ((A)->entries + (i) * (A)->c + (j))
#define kd_mat_entry_re(A, i, j) (&kd_mat_entry(A, i, j)->re)
#define kd_mat_entry_im(A, i, j) (&kd_mat_entry(A, i, j)->im)

/* Initialises an r x c zero matrix (real). Returns KD_ERR_ARG for negative
   or absurd sizes and KD_ERR_NOMEM when the entries cannot be allocated; on
   failure A is a valid 0 x 0 matrix. */
kd_status kd_mat_init(kd_mat_t A, slong r, slong c);
void kd_mat_clear(kd_mat_t A);
/* Resizes to r x c zeros (old entries dropped). */
kd_status kd_mat_resize(kd_mat_t A, slong r, slong c);
void kd_mat_swap(kd_mat_t A, kd_mat_t B);
kd_status kd_mat_set(kd_mat_t B, const kd_mat_t A);

/* Re-derives is_complex from the entries (call after writing entries). */
void kd_mat_update_is_complex(kd_mat_t A);
/* Sets entry (i, j) and keeps is_complex right. */
void kd_mat_set_entry(kd_mat_t A, slong i, slong j, const kd_complex_t z);
void kd_mat_set_entry_real(kd_mat_t A, slong i, slong j, const kd_real_t x);

/* Number of entries that are not structurally exact dyadic rationals (such
   entries are returned exactly by the oracle and cost no error budget). */
slong kd_mat_count_inexact(const kd_mat_t A);

/* Builders. All return KD_ERR_ARG for bad sizes. */
kd_status kd_mat_identity(kd_mat_t A, slong m);
/* Orthonormal DCT-II of size m: Q[k][j] = s_k cos(pi (2j+1) k / (2m)),
   s_0 = sqrt(1/m), s_k = sqrt(2/m); Q Q^T = I. */
kd_status kd_mat_dct2(kd_mat_t Q, slong m);
/* Unitary DFT of size m: F[k][j] = exp(-2 pi i j k / m) / sqrt(m); F F^* = I. */
kd_status kd_mat_dft(kd_mat_t F, slong m);
/* [A B; C D]; any of the four may be NULL for a zero block, but each block
   row and block column must have one known size: rows of A or B, rows of C
   or D, columns of A or C, columns of B or D (KD_ERR_SIZE otherwise, or when
   given blocks disagree). */
kd_status kd_mat_block(kd_mat_t M, const kd_mat_t A, const kd_mat_t B,
                       const kd_mat_t C, const kd_mat_t D);
kd_status kd_mat_mul(kd_mat_t C, const kd_mat_t A, const kd_mat_t B);
kd_status kd_mat_add(kd_mat_t C, const kd_mat_t A, const kd_mat_t B);
void kd_mat_transpose(kd_mat_t B, const kd_mat_t A);
/* Conjugate transpose. */
void kd_mat_adjoint(kd_mat_t B, const kd_mat_t A);
void kd_mat_scalar_mul(kd_mat_t B, const kd_mat_t A, const kd_complex_t c);

/* Certified enclosure of every entry at working precision prec. Returns
   KD_ERR_UNDECIDED/KD_ERR_DOMAIN like kd_real_eval_arb. R must be r x c. */
kd_status kd_mat_eval_acb_mat(acb_mat_t R, const kd_mat_t A, slong prec);

#ifdef __cplusplus
}
#endif
#endif
