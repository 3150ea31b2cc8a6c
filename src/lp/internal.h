/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Private layer of the lp module: the fraction-free basis inverse shared by
   the simplex method and Lemke's method, and small exact helpers. */
#ifndef KD_LP_INTERNAL_H
#define KD_LP_INTERNAL_H

#include "kdigits/lp.h"

/* A basis B (m x m, columns of an integer matrix) kept as the integer pair
   (R, D) with B^{-1} = R / D, D > 0 and R = +-adj(B), D = +-det(B); xb is
   D B^{-1} b for the right-hand side b. Replacing the column in row r by a
   column a with alpha = R a is the integer-preserving pivot
       R_i <- (alpha_r R_i - alpha_i R_r) / D   (i != r),   D <- alpha_r,
   where every division is exact because the result is again +-adj(B')
   (Edmonds 1967; Bareiss 1968). Entries stay bounded by subdeterminants
   of the data, so nothing grows beyond Hadamard's bound and no gcd is
   ever taken. */
typedef struct
{
    slong m;
    fmpz * R;       /* m * m, row-major */
    fmpz_t D;
    fmpz * xb;      /* m */
    slong * basis;  /* m: the variable basic in each row */
    fmpz_t t;       /* scratch */
}
_kd_ffb_struct;

typedef _kd_ffb_struct _kd_ffb_t[1];

/* B = I (so R = I, D = 1) and xb = b; basis[i] = first + i. */
void _kd_ffb_init(_kd_ffb_t F, slong m, const fmpz * b, slong first);
void _kd_ffb_clear(_kd_ffb_t F);

/* alpha = R a = D B^{-1} a for an integer column a (length m). */
void _kd_ffb_ftran(fmpz * alpha, const _kd_ffb_t F, const fmpz * a);

/* Pivots the variable `enter` with column a (alpha = R a, alpha[r] != 0)
   into row r. If ybar is not NULL it is a row vector c_B^T R (the dual
   scaled by D) and dq = D c_enter - ybar . a the scaled reduced cost of the
   entering column; it is updated to the new basis. */
void _kd_ffb_pivot(_kd_ffb_t F, slong r, const fmpz * alpha, slong enter,
                   fmpz * ybar, const fmpz_t dq);

/* Row i of R. */
#define _kd_ffb_row(F, i) ((F)->R + (i) * (F)->m)

/* M (r x c) becomes an r x c matrix (contents unspecified if resized). */
void _kd_fmpq_mat_fit(fmpq_mat_t M, slong r, slong c);

/* r = u^T v for column vectors u, v of the same length. */
void _kd_fmpq_col_dot(fmpq_t r, const fmpq_mat_t u, const fmpq_mat_t v);

/* den = lcm(den, denominator of q). */
void _kd_lcm_den(fmpz_t den, const fmpq_t q);

/* Records the internal-error message and returns KD_ERR_UNDECIDED. */
kd_status _kd_lp_internal(const char * what);

/* Checks that a column vector of the given size was passed. */
int _kd_is_vec(const fmpq_mat_t v, slong len);

#endif
