/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Shared exact linear algebra of the path module: data checks, the weight
   substitution, null spaces, a sign-constrained least-squares solver and the
   face test for uniqueness. */
#ifndef KD_PATH_INTERNAL_H
#define KD_PATH_INTERNAL_H

#include "kdigits/path.h"

/* Checks shapes (A m x N, y m x 1, w N x 1 or NULL, m, N >= 1) and w > 0. */
kd_status _kd_path_check_data(const fmpq_mat_t A, const fmpq_mat_t y, const fmpq_mat_t w);

/* wv = w, or all ones when w is NULL (wv must be N x 1). */
void _kd_path_weights(fmpq_mat_t wv, const fmpq_mat_t w);

/* Reports a failed internal consistency check (a bug, never an answer). */
kd_status _kd_path_internal(const char * what);

/* Rank of M (r x c) and a basis of its null space as the columns of basis
   (resized to c x (c - rank)), from the exact reduced row echelon form. */
slong _kd_path_nullspace(fmpq_mat_t basis, const fmpq_mat_t M);

/* min ||M zeta - b||_2 over zeta with zeta_k >= 0 for k >= nfree, the first
   nfree columns of M being linearly independent: Lawson-Hanson's active-set
   method (C. L. Lawson, R. J. Hanson, "Solving Least Squares Problems",
   1974, ch. 23) in exact arithmetic, where it terminates and keeps the
   passive columns linearly independent (a column enters only with a
   positive gradient, so it is not in the span of the passive ones).
   zeta (c x 1) receives a solution; passive[k] = 1 marks the final passive
   set (zeta_k > 0 there for constrained k, zeta_k = 0 off it). */
kd_status _kd_path_nnls(fmpq_mat_t zeta, int * passive, const fmpq_mat_t M,
                        slong nfree, const fmpq_mat_t b);

/* Uniqueness of the face {x : x_j = 0 off E, A_E x_E = A x*, s_j x_j >= 0}
   at a point x* of it: zero[i] says x*_{eq[i]} = 0. Sets *rank = rank A_E.
   Xi is a single point iff no non-zero v in null(A_E) has s_j v_j >= 0 on
   the zero coordinates; with a null basis N and B = S_Z N_Z that is: B has
   full column rank and (Stiemke) some y > 0 has B^T y = 0, decided by the
   exact NNLS min ||B^T (1 + u)||, u >= 0. */
kd_status _kd_path_face_unique(kd_truth * res, slong * rank, const fmpq_mat_t A,
                               const slong * eq, const int * sign, const int * zero,
                               slong num_eq);

/* c = 2 A^T (y - A x) for rational x. */
void _kd_path_corr(fmpq_mat_t c, const fmpq_mat_t A, const fmpq_mat_t y, const fmpq_mat_t x);

#endif
