/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The registry of built-in exact matrices, selectable by name ("dct2:8",
   "lasso:2^-15", ...) wherever a matrix is read: one registry for the CLI,
   the experiments and user programs. */
#ifndef KDIGITS_BUILTIN_H
#define KDIGITS_BUILTIN_H

#include "kdigits/mat.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Sets A to the built-in named by spec (without the "builtin:" prefix):
   "identity:M", "dct2:M", "dft:M", "lasso:DELTA" (A_delta of the LASSO
   probe), "lasso-mirror:DELTA", "lasso-y" (its y), "tridiag:N[:A:B]" (the
   N x N Hermitian tridiagonal Toeplitz matrix with A real on the diagonal
   and B, default 1, above and conj(B) below; N <= KD_SPECTRUM_DIM_MAX; A
   defaults to 0). Errors: KD_ERR_ARG with
   a message naming spec. */
kd_status kd_builtin_mat(kd_mat_t A, const char * spec);

/* Loads an exact matrix from "FILE.mtx" (Matrix Market of exact
   expressions) or "builtin:NAME". */
kd_status kd_builtin_load(kd_mat_t A, const char * spec);

/* Help text listing the built-ins, one per line, indented by two spaces. */
extern const char * kd_builtin_help;

#ifdef __cplusplus
}
#endif
#endif
