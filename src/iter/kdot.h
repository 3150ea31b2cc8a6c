/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Dense products for the Arb backend at working precisions up to about
   180 bits: each row of the matrix is held once per solve as exact signed
   radix-2^56 digits under one block exponent, the vector is split the same
   way once per product, and every dot product is summed exactly in
   128-bit integers before one rounding to nearest (proofs-notes/solvers.md
   §7). Uncertified working-precision arithmetic, like arb_approx_dot,
   which remains the fallback. */
#ifndef KD_ITER_KDOT_H
#define KD_ITER_KDOT_H

#include <arb.h>

#define _KD_KDOT_BITS 56        /* bits per digit */
#define _KD_KDOT_MAXK 4         /* at most 4 digits: 224 bits */

typedef struct
{
    slong rows;
    slong len;
    slong K;                    /* digits per entry; 0: not usable (fallback) */
    slong * d;                  /* rows * len * K digits, entry by entry */
    double * mag;               /* rows * len lower bounds of |a_ij| / 2^E_i */
    slong * e;                  /* rows block exponents E_i: every |a_ij| < 2^E_i */
    slong * xd;                 /* len * K: the vector's digits (scratch) */
    double * xmag;              /* len */
    slong xe;                   /* the vector's block exponent */
    int xzero;                  /* the vector is 0 */
}
_kd_kdot_mat_struct;

typedef _kd_kdot_mat_struct _kd_kdot_mat_t[1];

/* The number of digits that carries a dot product of length len at prec
   bits with room to spare (0 when prec is beyond reach or the build has no
   128-bit integers). */
slong _kd_kdot_ndigits(slong prec, slong len);

/* M = the rows x len row-major matrix A (midpoints) in K digits; M is left
   unusable (K = 0), never failing, when A is NULL, K = 0, an entry is not
   finite or its exponent is huge, or memory runs out. */
void _kd_kdot_mat_init(_kd_kdot_mat_t M, arb_srcptr A, slong rows, slong len, slong K);
void _kd_kdot_mat_clear(_kd_kdot_mat_t M);

/* o_i = sum_j a_ij x_j (midpoints; radii of o set to 0) for every row,
   rounded to nearest at prec bits after an exact sum of the digit
   products, so |o_i - sum_j a_ij x_j| <= 2^-(prec+2) sum_j |a_ij x_j| plus
   the final rounding; a row where that bound is not proved is done by
   arb_approx_dot on A's row instead. Returns 0, touching nothing, when M
   is unusable or x cannot be split (then the caller does it all), else 1
   plus the number of rows done by arb_approx_dot. */
slong _kd_kdot_mat_vec(arb_ptr o, _kd_kdot_mat_t M, arb_srcptr A, arb_srcptr x, slong prec);

/* o_i = sum_j a_ij x_j + (-1)^sub sum_j a2_ij x2_j likewise, both sums
   exact and rounded once (complex products by parts): within 2^-(prec+2)
   (sum_j |a_ij x_j| + sum_j |a2_ij x2_j|) plus the final rounding, else by
   two arb_approx_dot calls. M2 NULL: the first sum alone. */
slong _kd_kdot_mat_vec2(arb_ptr o, _kd_kdot_mat_t M, arb_srcptr A, arb_srcptr x,
                        _kd_kdot_mat_t M2, arb_srcptr A2, arb_srcptr x2, int sub, slong prec);

#endif
