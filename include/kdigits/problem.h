/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Problem objects: BP, P1 (QCBP), P2 (U-LASSO), P3 (SR-LASSO) over exact
   data, their rational instances at an oracle level, the scaled-LASSO
   conventions as adapters onto P2, and certification of candidates against
   the exact data (theory.md §1, proofs-notes/solvers.md). */
#ifndef KDIGITS_PROBLEM_H
#define KDIGITS_PROBLEM_H

#include "kdigits/mat.h"
#include "kdigits/oracle.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum
{
    KD_PROBLEM_BP = 0,  /* min ||x||_{1,w} s.t. Ax = y */
    KD_PROBLEM_P1,      /* min ||x||_{1,w} s.t. ||Ax - y||_2 <= eta */
    KD_PROBLEM_P2,      /* min lambda ||x||_{1,w} + ||Ax - y||_2^2 */
    KD_PROBLEM_P3       /* min lambda ||x||_{1,w} + ||Ax - y||_2 */
}
kd_problem_kind;

/* "bp", "p1", "p2", "p3". */
const char * kd_problem_kind_name(kd_problem_kind k);
/* Parses those names (case-insensitive; also "qcbp", "u-lasso", "sr-lasso"). */
kd_status kd_problem_kind_parse(kd_problem_kind * k, const char * s);

typedef struct
{
    kd_problem_kind kind;
    kd_mat_t A;         /* m x N, exact */
    kd_mat_t y;         /* m x 1, exact */
    kd_mat_t w;         /* N x 1, exact real weights > 0 */
    kd_real_t param;    /* lambda (P2, P3), eta (P1), 0 (BP) */
    int is_complex;
    slong prec_cap;     /* for deciding signs of exact parameters; 0 = default */
}
kd_problem_struct;

typedef kd_problem_struct kd_problem_t[1];

/* Validates and stores (sharing the exact entries): sizes must agree
   (A m x N, y m x 1, w N x 1), lambda > 0 for P2/P3, eta >= 0 for P1, every
   weight real and > 0 — each proved by evaluation (KD_ERR_ARG with a message
   naming the parameter when proved wrong; KD_ERR_UNDECIDED when the sign
   cannot be decided within prec_cap). w NULL means all ones; param NULL is
   only allowed for BP. On failure P is a valid empty problem. */
kd_status kd_problem_init(kd_problem_t P, kd_problem_kind kind, const kd_mat_t A,
                          const kd_mat_t y, const kd_mat_t w, const kd_real_t param,
                          slong prec_cap);
void kd_problem_clear(kd_problem_t P);
/* A valid empty problem (what a failed constructor leaves behind). */
void kd_problem_init_empty(kd_problem_t P);

/* The rational instance an algorithm actually works on: A_n, y_n from the
   oracles at level n (||A_n - A||_2, ||y_n - y||_2 <= 2^-n), weights and
   parameter exact when they are exact rationals, else dyadics within 2^-n
   (param_exact, w_exact say which). Level -1 asks for the exact data, which
   must then be rational (KD_ERR_ARG otherwise). */
typedef struct
{
    kd_problem_kind kind;
    slong m;
    slong N;
    int is_complex;
    fmpq_mat_t A;       /* real parts */
    fmpq_mat_t Ai;      /* imaginary parts (zero for real problems) */
    fmpq_mat_t y;
    fmpq_mat_t yi;
    fmpq_mat_t w;       /* N x 1 */
    fmpq_t param;
    slong level;        /* -1: exact data */
    int data_exact;     /* A, y are the exact data (not approximations) */
    int param_exact;
    int w_exact;
}
kd_qproblem_struct;

typedef kd_qproblem_struct kd_qproblem_t[1];

kd_status kd_qproblem_init(kd_qproblem_t Q, const kd_problem_t P, slong n);
void kd_qproblem_clear(kd_qproblem_t Q);

/* Whether the exact data of P are all rational (then level -1 is allowed
   and exact solvers give the true minimisers directly). */
int kd_problem_is_rational(const kd_problem_t P);

/* ---- scaled LASSO conventions as adapters onto P2 ----

   MATLAB/glmnet/scikit-learn:  min_b (1/(2m)) ||X b - y||^2 + Lambda ||b||_1
   the slides' form:            min_b (1/m) ||X b - y||^2 + lambda ||b||_1
   Optional centring (subtract column means of X and the mean of y) and
   population-std standardisation (divide column j by sigma_j, the square
   root of the mean squared deviation). Coefficients are reported on the
   original scale B = b / sigma. Multiplying the objective by 2m (or m)
   gives P2 with lambda_P2 = 2m Lambda (or m lambda); standardisation is the
   weighted P2 in B with weights w_j = sigma_j (proofs-notes/solvers.md §1).
   On failure P is a valid empty problem. */
typedef enum
{
    KD_SCALED_HALF_MEAN = 0,    /* (1/(2m)) ||.||^2 + Lambda ||.||_1 */
    KD_SCALED_MEAN              /* (1/m) ||.||^2 + lambda ||.||_1 */
}
kd_scaled_convention;

/* "matlab" (half-mean) or "mean" (slides). */
const char * kd_scaled_convention_name(kd_scaled_convention c);

/* Builds the P2 problem in the original-scale coefficients B: A = centred X
   (or X), y = centred y (or y), weights sigma_j (or 1), lambda = 2m Lambda
   (or m lambda), all exact. Errors: Lambda <= 0, sizes, a constant column
   when standardising (sigma_j = 0). */
kd_status kd_problem_init_scaled(kd_problem_t P, const kd_mat_t X, const kd_mat_t y,
                                 const kd_real_t Lambda, kd_scaled_convention conv,
                                 int center, int standardize, slong prec_cap);

/* ---- certification against the exact data (proofs-notes/solvers.md §3) ----

   A pattern is a support E (nE indices, increasing) with signs s_i = ±1.
   kd_certify_pattern evaluates the exact data of a real problem in ball
   arithmetic at precision prec and decides whether the pattern is that of
   the unique minimiser:
     KD_TRUE    proved: Xi(A, y) is the single point enclosed by x (N x 1,
                zero off E); for P1/P3 *mu encloses the matching P2 parameter
     KD_FALSE   proved: no minimiser has this pattern with strict
                complementarity (a sign or a dual inequality is violated)
     KD_UNKNOWN the balls do not decide (raise prec or the level the pattern
                came from), or the instance is degenerate (a zero coordinate
                on E, equality in a dual constraint, rank-deficient A_E, a
                zero residual for P3): never guessed.
   P2: x_E = (A_E^T A_E)^{-1}(A_E^T y - (lambda/2) w_E s), strict signs,
       |2 a_j^T (y - A x)| < lambda w_j off E.
   P3: |E| < m: x = the P2(mu) pattern solution with mu = 2 lambda
       ||Ax - y|| > 0 (y outside the range of A_E); |E| = m: zero residual,
       x_E = A_E^{-1} y with a strict BP certificate v and lambda ||v|| < 1.
   P1: x = the P2(mu) pattern solution with ||Ax - y|| = eta, mu > 0.
   BP: |E| = m, x_E = A_E^{-1} y, strict dual certificate v = A_E^{-T} w_E s.
   Complex problems give KD_UNKNOWN (with a message) for now. */
kd_status kd_certify_pattern(kd_truth * verdict, arb_mat_t x, arb_t mu,
                             const kd_problem_t P, const slong * E, const int * s,
                             slong nE, slong prec);

/* d = ||xhat - x||_2 for a candidate with exact (dyadic) entries xr + i xi
   (xi may be NULL) and an enclosure x (+ i xim, NULL for real) of a point;
   d is a certified ball. */
kd_status kd_dist_to_enclosure(arb_t d, const fmpq_mat_t xr, const fmpq_mat_t xi,
                               const arb_mat_t x, const arb_mat_t xim, slong prec);

/* Three-valued "a <= b" from balls. */
kd_truth kd_arb_le(const arb_t a, const arb_t b);
/* "dist <= 10^-K": the K-correct-digits verdict. */
kd_truth kd_verdict_digits(const arb_t dist, slong K, slong prec);

/* The objective of a candidate at the exact data, as a ball (P1, BP: the
   weighted l1 norm; feasibility is judged by kd_candidate_feasible). */
kd_status kd_objective_enclose(arb_t f, const kd_problem_t P, const fmpq_mat_t xr,
                               const fmpq_mat_t xi, slong prec);
/* For P1 and BP: whether the candidate satisfies the constraint exactly
   (||Ax - y|| <= eta, resp. Ax = y), three-valued. */
kd_status kd_candidate_feasible(kd_truth * t, const kd_problem_t P, const fmpq_mat_t xr,
                                const fmpq_mat_t xi, slong prec);
/* For P2 and P3 (real or complex): a certified upper bound of f(xhat) - f*
   from the duality gap at the dual point built from xhat's residual
   (proofs-notes/solvers.md §4); gap receives a ball whose upper end bounds
   the objective gap. KD_ERR_UNSUPPORTED for BP and P1. */
kd_status kd_gap_bound(arb_t gap, const kd_problem_t P, const fmpq_mat_t xr,
                       const fmpq_mat_t xi, slong prec);

#ifdef __cplusplus
}
#endif
#endif
