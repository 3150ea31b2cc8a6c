/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Exact real quadratic numbers a + b*sqrt(d) (a, b rational, d a non-square
   integer) and vectors of them over one field: the exact values of the
   SR-LASSO and QCBP minimisers, which are roots of quadratics over Q
   (theory.md §1). */
#ifndef KDIGITS_QFIELD_H
#define KDIGITS_QFIELD_H

#include "kdigits/real.h"
#include "kdigits/mat.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Radicands with at most this many bits are factored completely, so d is
   squarefree; larger ones only lose their square factors built from primes
   below KD_QFIELD_TRIAL_BOUND (d is then an integer that is not a perfect
   square, but may not be squarefree). */
#define KD_QFIELD_FACTOR_BITS 100
#define KD_QFIELD_TRIAL_BOUND 10000

/* a + b*sqrt(d). Invariant: d = 0 (the field Q, then b = 0) or d >= 2 is an
   integer that is not a perfect square. An element of Q(sqrt d) whose b
   happens to be 0 keeps its d: results of arithmetic stay in their field. */
typedef struct
{
    fmpq_t a;
    fmpq_t b;
    fmpz_t d;
}
kd_qfield_struct;

typedef kd_qfield_struct kd_qfield_t[1];
typedef kd_qfield_struct * kd_qfield_ptr;
typedef const kd_qfield_struct * kd_qfield_srcptr;

#define kd_qfield_a(x) ((x)->a)
#define kd_qfield_b(x) ((x)->b)
#define kd_qfield_d(x) ((x)->d)

/* Memory management; init sets x = 0 in Q. Every output may alias an
   input. */
void kd_qfield_init(kd_qfield_t x);
void kd_qfield_clear(kd_qfield_t x);
void kd_qfield_set(kd_qfield_t y, const kd_qfield_t x);
void kd_qfield_swap(kd_qfield_t x, kd_qfield_t y);
void kd_qfield_zero(kd_qfield_t x);
void kd_qfield_one(kd_qfield_t x);
void kd_qfield_set_fmpq(kd_qfield_t x, const fmpq_t q);
void kd_qfield_set_si(kd_qfield_t x, slong c);

/* x = a + b*sqrt(d) for rational d >= 0, normalised: sqrt(p/q) = sqrt(pq)/q,
   square factors of pq are pulled out (sqrt 8 = 2 sqrt 2), and a square
   radicand folds into a (sqrt(9/4) = 3/2, then x is in Q with d = 0).
   KD_ERR_DOMAIN if d < 0. */
kd_status kd_qfield_set_parts(kd_qfield_t x, const fmpq_t a, const fmpq_t b,
                              const fmpq_t d);
/* x = sqrt(q) for rational q >= 0 (normalised as above). */
kd_status kd_qfield_sqrt_fmpq(kd_qfield_t x, const fmpq_t q);

/* Predicates (exact). */
int kd_qfield_is_zero(const kd_qfield_t x);
int kd_qfield_is_one(const kd_qfield_t x);
/* b = 0, i.e. the value is rational. */
int kd_qfield_is_rational(const kd_qfield_t x);
/* Equal values (fields may differ: 1, sqrt d1, sqrt d2 are linearly
   independent over Q unless d1*d2 is a square). */
int kd_qfield_equal(const kd_qfield_t x, const kd_qfield_t y);
int kd_qfield_equal_fmpq(const kd_qfield_t x, const fmpq_t q);
/* Whether x and y lie in one common field (same d up to a rational square
   factor, or one of them rational). */
int kd_qfield_compatible(const kd_qfield_t x, const kd_qfield_t y);

/* The exact sign -1, 0 or 1, decided in Q: for a*b < 0 the sign is that of
   the larger of a^2 and b^2 d (they cannot be equal for non-square d). */
int kd_qfield_sgn(const kd_qfield_t x);
/* The exact sign of x - y, for any two quadratic numbers (also from
   different fields: sign(u + c sqrt e) with u in Q(sqrt d) is decided by
   comparing u^2 with c^2 e inside Q(sqrt d)). */
int kd_qfield_cmp(const kd_qfield_t x, const kd_qfield_t y);
int kd_qfield_cmp_fmpq(const kd_qfield_t x, const fmpq_t q);

/* Field arithmetic. Operands must be compatible (kd_qfield_compatible);
   otherwise KD_ERR_DOMAIN and z is left unchanged. The result lies in the
   operands' common field. */
void kd_qfield_neg(kd_qfield_t y, const kd_qfield_t x);
kd_status kd_qfield_add(kd_qfield_t z, const kd_qfield_t x, const kd_qfield_t y);
kd_status kd_qfield_sub(kd_qfield_t z, const kd_qfield_t x, const kd_qfield_t y);
kd_status kd_qfield_mul(kd_qfield_t z, const kd_qfield_t x, const kd_qfield_t y);
/* z = x / y through the conjugate: x * (a - b sqrt d) / (a^2 - b^2 d).
   KD_ERR_DOMAIN when y = 0. */
kd_status kd_qfield_div(kd_qfield_t z, const kd_qfield_t x, const kd_qfield_t y);
kd_status kd_qfield_inv(kd_qfield_t y, const kd_qfield_t x);
/* The conjugate a - b sqrt d and the norm a^2 - b^2 d. */
void kd_qfield_conj(kd_qfield_t y, const kd_qfield_t x);
void kd_qfield_norm(fmpq_t n, const kd_qfield_t x);
void kd_qfield_add_fmpq(kd_qfield_t z, const kd_qfield_t x, const fmpq_t q);
void kd_qfield_sub_fmpq(kd_qfield_t z, const kd_qfield_t x, const fmpq_t q);
void kd_qfield_mul_fmpq(kd_qfield_t z, const kd_qfield_t x, const fmpq_t q);
/* z = x / q; KD_ERR_DOMAIN when q = 0. */
kd_status kd_qfield_div_fmpq(kd_qfield_t z, const kd_qfield_t x, const fmpq_t q);
/* Moves x into the field Q(sqrt d) (d an integer >= 0, not a perfect square
   unless 0): KD_ERR_DOMAIN if x is not in that field. */
kd_status kd_qfield_set_field(kd_qfield_t x, const fmpz_t d);

/* A ball containing x at working precision prec. */
void kd_qfield_get_arb(arb_t res, const kd_qfield_t x, slong prec);
/* The exact value as an exact real (sqrt node over the integer d). */
kd_status kd_qfield_get_real(kd_real_t res, const kd_qfield_t x);
/* "a + b*sqrt(d)" (or "a", "b*sqrt(d)", "a - b*sqrt(d)") with a and b as
   "p/q": the expression grammar of kdigits/expr.h, so kd_real_parse reads
   it back exactly. flint_free the string. */
char * kd_qfield_get_str(const kd_qfield_t x);

/* ------------------------------------------------------------- vectors */

/* A vector a + b*sqrt(d) with a, b rational n x 1 matrices and one d for
   all entries (same invariant as kd_qfield_t). */
typedef struct
{
    fmpq_mat_t a;
    fmpq_mat_t b;
    fmpz_t d;
}
kd_qvec_struct;

typedef kd_qvec_struct kd_qvec_t[1];

#define kd_qvec_length(v) (fmpq_mat_nrows((v)->a))

/* v = 0 in Q^n (n >= 0). */
void kd_qvec_init(kd_qvec_t v, slong n);
void kd_qvec_clear(kd_qvec_t v);
void kd_qvec_swap(kd_qvec_t v, kd_qvec_t u);
void kd_qvec_set(kd_qvec_t v, const kd_qvec_t u);
/* Resizes to n zeros in Q. */
void kd_qvec_zero(kd_qvec_t v, slong n);
/* v = x (an n x 1 rational matrix), in Q. */
void kd_qvec_set_fmpq_mat(kd_qvec_t v, const fmpq_mat_t x);
/* v = xa + mu * xb (xa, xb n x 1 rational), in the field of mu. */
kd_status kd_qvec_set_affine(kd_qvec_t v, const fmpq_mat_t xa,
                             const kd_qfield_t mu, const fmpq_mat_t xb);
/* x = v[i]. */
void kd_qvec_get_entry(kd_qfield_t x, const kd_qvec_t v, slong i);
/* v[i] = x; x must be compatible with v's field (KD_ERR_DOMAIN otherwise;
   a rational v takes x's field). */
kd_status kd_qvec_set_entry(kd_qvec_t v, slong i, const kd_qfield_t x);
int kd_qvec_is_zero(const kd_qvec_t v);
int kd_qvec_equal(const kd_qvec_t v, const kd_qvec_t u);
/* w = M v (M rational r x n), in v's field. KD_ERR_SIZE on mismatch. */
kd_status kd_qvec_mul_fmpq_mat(kd_qvec_t w, const fmpq_mat_t M, const kd_qvec_t v);
/* Balls containing the entries (R must be n x 1). */
void kd_qvec_get_arb_mat(arb_mat_t R, const kd_qvec_t v, slong prec);
/* The exact entries as an n x 1 exact matrix. */
kd_status kd_qvec_get_mat(kd_mat_t M, const kd_qvec_t v);
/* "[x0, x1, ...]" with each entry as kd_qfield_get_str; flint_free it. */
char * kd_qvec_get_str(const kd_qvec_t v);

#ifdef __cplusplus
}
#endif
#endif
