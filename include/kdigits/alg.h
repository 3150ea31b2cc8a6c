/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Exact algebraic arithmetic for kdigits' expressions.

   Every expression of the grammar (kdigits/expr.h) without a bare pi --
   rationals, sqrt of rationals, cos(pi q), sin(pi q), exp(pi i q), + - * /
   and integer powers -- lies in a cyclotomic field Q(zeta_L):
   cos(pi a/b) = (z^a + z^-a)/2 with z = zeta_{2b}, sin(pi q) = cos(pi(1/2-q)),
   i = zeta_4, and sqrt(s) for a squarefree integer s > 0 is a Gauss sum
   (sqrt 2 = zeta_8 + zeta_8^-1; for odd s the quadratic Gauss sum of the
   Jacobi symbol mod s squares to (-1)^((s-1)/2) s). A kd_cyclo_t is such a
   field, held as antic's number field Q[x]/(Phi_L): equality, rank and
   linear systems are then decided exactly, and an element is enclosed in a
   ball by evaluating it at zeta_L = exp(2 pi i/L) (proofs-notes/exact.md).

   Expressions outside this route (sqrt of an irrational, a radicand with a
   large prime factor) are handled by Calcium's qqbar while the degree stays
   small (kd_alg_qqbar_set_real); beyond that, and for bare pi, the answer is
   KD_ERR_UNSUPPORTED with the reason in kd_error_message(). */
#ifndef KDIGITS_ALG_H
#define KDIGITS_ALG_H

#include "kdigits/deps.h"
#include "kdigits/status.h"
#include "kdigits/real.h"
#include "kdigits/complex.h"
#include "kdigits/mat.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Default and largest cap on the degree phi(L) of a cyclotomic field. */
#define KD_CYCLO_DEG_DEFAULT 4096
#define KD_CYCLO_DEG_MAX 65536
/* Default cap on the degree of a qqbar value in the fallback. */
#define KD_QQBAR_DEG_DEFAULT 64

/* ------------------------------------------------------------ conductors */

/* Multiplies *L (start with *L = 1) up to the least common multiple of *L
   and the conductor of x, z or every entry of A: afterwards x lies in
   Q(zeta_{*L}). deg_max (0: KD_CYCLO_DEG_DEFAULT) caps phi(*L).
   KD_ERR_UNSUPPORTED (with the reason: bare pi, sqrt of a value that is not
   structurally rational, a radicand with a prime factor p > deg_max + 1,
   degree above deg_max) when there is no such field within the cap. */
kd_status kd_cyclo_conductor_real(slong * L, const kd_real_t x, slong deg_max);
kd_status kd_cyclo_conductor_complex(slong * L, const kd_complex_t z, slong deg_max);
kd_status kd_cyclo_conductor_mat(slong * L, const kd_mat_t A, slong deg_max);

/* ----------------------------------------------------------------- fields */

typedef struct
{
    slong L;              /* the field is Q(zeta_L) */
    slong deg;            /* phi(L) */
    slong deg_max;        /* the cap it was made under */
    fmpq_poly_t phi;      /* the cyclotomic polynomial Phi_L */
    nf_t nf;              /* antic's Q[x]/(Phi_L); x is zeta_L */
    /* square roots of squarefree integers met so far (each checked: its
       square is s and its enclosure is positive) */
    slong nsqrt;
    slong sqrt_alloc;
    ulong * sqrt_s;
    nf_elem_struct * sqrt_val;
    /* zeta_L^k = cos + i sin (k < deg), at precision zeta_prec (0: none) */
    slong zeta_prec;
    arb_struct * zeta_re;
    arb_struct * zeta_im;
}
kd_cyclo_struct;

typedef kd_cyclo_struct kd_cyclo_t[1];

/* K = Q(zeta_L). KD_ERR_ARG for L < 1, KD_ERR_UNSUPPORTED if phi(L) exceeds
   deg_max (0: KD_CYCLO_DEG_DEFAULT). K is not thread-safe (caches). */
kd_status kd_cyclo_init(kd_cyclo_t K, slong L, slong deg_max);
void kd_cyclo_clear(kd_cyclo_t K);

/* The field elements are antic's nf_elem_t over K->nf: use nf_elem_init(a,
   K->nf), nf_elem_add(c, a, b, K->nf), nf_elem_is_zero(a, K->nf), ... */

/* a = x, z exactly. KD_ERR_UNSUPPORTED if x is not in K (its conductor does
   not divide K->L, bare pi, ...: compute the conductor first),
   KD_ERR_DOMAIN for a division by zero (decided exactly). */
kd_status kd_cyclo_set_real(nf_elem_t a, const kd_real_t x, kd_cyclo_t K);
kd_status kd_cyclo_set_complex(nf_elem_t a, const kd_complex_t z, kd_cyclo_t K);

/* a = zeta_L^k (any integer k); a = i (needs 4 | L: KD_ERR_UNSUPPORTED). */
void kd_cyclo_zeta_pow(nf_elem_t a, slong k, const kd_cyclo_t K);
kd_status kd_cyclo_i(nf_elem_t a, const kd_cyclo_t K);
/* a = sqrt(s) for an integer s >= 0 (the positive root), KD_ERR_UNSUPPORTED
   when sqrt(s) is not in K. */
kd_status kd_cyclo_sqrt_fmpz(nf_elem_t a, const fmpz_t s, kd_cyclo_t K);

/* b = complex conjugate of a (zeta -> zeta^-1); whether a is real. */
void kd_cyclo_conj(nf_elem_t b, const nf_elem_t a, const kd_cyclo_t K);
int kd_cyclo_is_real(const nf_elem_t a, const kd_cyclo_t K);

/* Certified enclosures of a at working precision prec (res contains a).
   kd_cyclo_enclose_arb encloses the real part (a itself when a is real). */
void kd_cyclo_enclose_acb(acb_t res, const nf_elem_t a, kd_cyclo_t K, slong prec);
void kd_cyclo_enclose_arb(arb_t res, const nf_elem_t a, kd_cyclo_t K, slong prec);

/* The sign (-1, 0, 1) of a real element a, proved: zero is decided
   exactly, a non-zero sign by enclosures of increasing precision (up to
   prec_cap bits, 0: KD_PREC_CAP_DEFAULT; KD_ERR_UNDECIDED beyond).
   KD_ERR_ARG if a is not real. */
kd_status kd_cyclo_sign(int * sgn, const nf_elem_t a, kd_cyclo_t K, slong prec_cap);

/* a as an exact expression of kdigits' grammar (kdigits/expr.h), parsed
   back by kd_real_parse / kd_complex_parse to the same value: a rational
   "p/q"; "p + q*sqrt(s)" when a real a is that for a square root K has
   built; else sum_k c_k cospi(2k/L) for a real a (its real part), or
   sum_k c_k cispi(2k/L). flint_malloc'ed. */
char * kd_cyclo_get_str(const nf_elem_t a, const kd_cyclo_t K);

/* ---------------------------------------------------------------- matrices */

typedef struct
{
    slong r;
    slong c;
    nf_elem_struct * entries;  /* row-major */
}
kd_cyclo_mat_struct;

typedef kd_cyclo_mat_struct kd_cyclo_mat_t[1];

#define kd_cyclo_mat_entry(M, i, j) ((M)->entries + (i) * (M)->c + (j))

/* M = 0 of size r x c (r, c >= 0). */
kd_status kd_cyclo_mat_init(kd_cyclo_mat_t M, slong r, slong c, const kd_cyclo_t K);
void kd_cyclo_mat_clear(kd_cyclo_mat_t M, const kd_cyclo_t K);
void kd_cyclo_mat_set(kd_cyclo_mat_t B, const kd_cyclo_mat_t A, const kd_cyclo_t K);
/* M = A exactly (M already of A's size). Errors as kd_cyclo_set_complex. */
kd_status kd_cyclo_mat_set_kd_mat(kd_cyclo_mat_t M, const kd_mat_t A, kd_cyclo_t K);
/* M = the columns cols[0..n-1] of A (M of size A->r x n). */
void kd_cyclo_mat_select_cols(kd_cyclo_mat_t M, const kd_cyclo_mat_t A,
                              const slong * cols, slong n, const kd_cyclo_t K);
/* C = A B, B = A^T, B = A^H (conjugate transpose); sizes must fit
   (KD_ERR_SIZE otherwise). */
kd_status kd_cyclo_mat_mul(kd_cyclo_mat_t C, const kd_cyclo_mat_t A,
                           const kd_cyclo_mat_t B, const kd_cyclo_t K);
kd_status kd_cyclo_mat_transpose(kd_cyclo_mat_t B, const kd_cyclo_mat_t A, const kd_cyclo_t K);
kd_status kd_cyclo_mat_adjoint(kd_cyclo_mat_t B, const kd_cyclo_mat_t A, const kd_cyclo_t K);
int kd_cyclo_mat_is_zero(const kd_cyclo_mat_t A, const kd_cyclo_t K);
int kd_cyclo_mat_equal(const kd_cyclo_mat_t A, const kd_cyclo_mat_t B, const kd_cyclo_t K);

/* In-place reduced row echelon form by exact Gaussian elimination; returns
   the rank and, if pivots is not NULL, the pivot columns (pivots[0..rank-1],
   increasing; pivots must hold min(r, c) entries). */
slong kd_cyclo_mat_rref(kd_cyclo_mat_t M, slong * pivots, const kd_cyclo_t K);
/* The exact rank of A. */
slong kd_cyclo_mat_rank(const kd_cyclo_mat_t A, const kd_cyclo_t K);
/* Solves A X = B exactly. *consistent = 1 if a solution exists (then X,
   of size A->c x B->c, is the one whose free variables are zero; the
   solution is unique iff *rank == A->c), 0 if not (X is then zero).
   rank may be NULL. KD_ERR_SIZE on mismatched sizes. */
kd_status kd_cyclo_mat_solve(int * consistent, slong * rank, kd_cyclo_mat_t X,
                             const kd_cyclo_mat_t A, const kd_cyclo_mat_t B,
                             const kd_cyclo_t K);
/* N (initialised here: A->c x (A->c - rank)) = a basis of the null space
   of A; returns the dimension. */
slong kd_cyclo_mat_nullspace(kd_cyclo_mat_t N, const kd_cyclo_mat_t A, const kd_cyclo_t K);

/* Certified enclosures of every entry (R of the right size). */
void kd_cyclo_mat_enclose_acb(acb_mat_t R, const kd_cyclo_mat_t A, kd_cyclo_t K, slong prec);
void kd_cyclo_mat_enclose_arb(arb_mat_t R, const kd_cyclo_mat_t A, kd_cyclo_t K, slong prec);

/* --------------------------------------- convenience: decisions on kd types */

/* The exact rank of a kd_mat (real or complex): in the cyclotomic field of
   its entries, or KD_ERR_UNSUPPORTED with the reason. deg_max as above. */
kd_status kd_alg_mat_rank(slong * rank, const kd_mat_t A, slong deg_max);

/* --------------------------------------------------------- qqbar fallback */

/* res = x as a Calcium algebraic number, every intermediate of degree at
   most deg_max (0: KD_QQBAR_DEG_DEFAULT); KD_ERR_UNSUPPORTED (bare pi, a
   degree or an argument beyond the caps), KD_ERR_DOMAIN (division by 0). */
kd_status kd_alg_qqbar_set_real(qqbar_t res, const kd_real_t x, slong deg_max);

/* Whether x = 0 (*res = 1) or not (0), decided exactly: in a cyclotomic
   field when x has one within KD_CYCLO_DEG_DEFAULT, else by qqbar within
   KD_QQBAR_DEG_DEFAULT, else KD_ERR_UNSUPPORTED with the reason. */
kd_status kd_alg_real_is_zero(int * res, const kd_real_t x);
/* The sign of x (-1, 0, 1), proved: zero exactly as above, otherwise by
   evaluation (which terminates once x != 0 is known). */
kd_status kd_alg_real_sign(int * sgn, const kd_real_t x);

#ifdef __cplusplus
}
#endif

#endif
