/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Exact solutions of the weighted U-LASSO (P2), SR-LASSO (P3) and QCBP (P1)
   for rational data, through the exact piecewise-linear P2 homotopy path
   (theory.md §1; R. J. Tibshirani, "The lasso problem and uniqueness",
   Electron. J. Statist. 7 (2013) 1456-1490, §2-3).

   Problems, for A in Q^{m x N}, y in Q^m, weights w > 0 in Q^N:
     P2(lambda): min lambda ||x||_{1,w} + ||Ax - y||_2^2      (no factor 1/2)
     P3(lambda): min lambda ||x||_{1,w} + ||Ax - y||_2
     P1(eta):    min ||x||_{1,w}  subject to  ||Ax - y||_2 <= eta
   with ||x||_{1,w} = sum_j w_j |x_j|. A weight argument w may be NULL for
   w = 1. Scaling: with X = A diag(w)^{-1} and z = diag(w) x, P2 is
   2 * (1/2 ||y - Xz||^2 + (lambda/2) ||z||_1), Tibshirani's lasso at
   lambda' = lambda/2, so its optimality condition reads
     2 a_j^T (y - Ax) = lambda w_j sign(x_j)   (x_j != 0),
     |2 a_j^T (y - Ax)| <= lambda w_j          (all j). */
#ifndef KDIGITS_PATH_H
#define KDIGITS_PATH_H

#include "kdigits/qfield.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------- the path */

/* The P2 solution path from lambda_max down to lambda_min: knots
   lambda[0] = lambda_max > lambda[1] > ... > lambda[length-1] (the last is
   lambda_min, or lambda_max when lambda_min >= lambda_max), the solution
   x[k] (N x 1) at each knot, and on the piece between knots k and k+1 the
   exact linear law  x(lambda) = x[k] + (lambda - lambda[k]) slope[k].
   x(lambda) solves P2(lambda) for every lambda in [lambda[length-1],
   lambda[0]], and x = 0 solves it for lambda >= lambda[0]. */
typedef struct
{
    slong m;                    /* rows of A */
    slong n;                    /* columns of A (N) */
    slong length;               /* number of knots (>= 1 after kd_path_compute) */
    slong alloc;
    fmpq * lambda;
    fmpq_mat_struct * x;        /* length entries */
    fmpq_mat_struct * slope;    /* length - 1 entries */
}
kd_path_struct;

typedef kd_path_struct kd_path_t[1];

void kd_path_init(kd_path_t path);
void kd_path_clear(kd_path_t path);

/* lambda_max = max_j |2 a_j^T y| / w_j: the smallest lambda at which x = 0
   solves P2. KD_ERR_SIZE / KD_ERR_ARG for bad data (w_j <= 0). */
kd_status kd_lasso_lambda_max(fmpq_t lmax, const fmpq_mat_t A, const fmpq_mat_t y,
                              const fmpq_mat_t w);

/* Computes the exact path down to lambda_min >= 0 (0 allowed: the last knot
   is then the limit lambda -> 0+, the least-squares solution of least
   weighted l1 norm, i.e. the weighted basis-pursuit solution when y is in
   the range of A).

   No general-position assumption: at each knot the next direction is found
   from the equicorrelation set E and signs s (Tibshirani 2013 §2-3) by an
   exact sign-constrained least-squares problem over E (our construction: it
   replaces LARS's joining/crossing times, which presume one event at a
   time), so ties (several coordinates joining or leaving at once),
   duplicated or dependent columns and zero-coefficient members of E are
   handled. The active columns are kept linearly independent, so each piece
   is Tibshirani's formula z_A(l) = (X_A)^+ (y - l (X_A^T)^+ s_A) on its
   active set A (l = lambda/2), and no (A, s) repeats: the path is finite. Every knot is checked against
   the optimality conditions exactly; a failure (a bug) is reported as
   KD_ERR_INTERNAL with a message starting "internal:".
   Errors: KD_ERR_SIZE (shapes), KD_ERR_ARG (w_j <= 0, lambda_min < 0). */
kd_status kd_path_compute(kd_path_t path, const fmpq_mat_t A, const fmpq_mat_t y,
                        const fmpq_mat_t w, const fmpq_t lambda_min);

/* The index k of the piece [lambda[k+1], lambda[k]] containing lambda (the
   upper piece on an inner knot); -1 outside [lambda[length-1], lambda[0]] or
   for a one-knot path. */
slong kd_path_piece(const kd_path_t path, const fmpq_t lambda);

/* x = the path's solution at lambda >= lambda[length-1] (0 above
   lambda_max). KD_ERR_ARG below the computed range. */
kd_status kd_path_eval(fmpq_mat_t x, const kd_path_t path, const fmpq_t lambda);

/* ------------------------------------------------------------- P2 */

/* The exact P2(lambda) solution with its certificate data. */
typedef struct
{
    fmpq_t lambda;
    fmpq_mat_t x;       /* N x 1: one point of the solution set Xi (the path's) */
    fmpq_mat_t fit;     /* m x 1: A x, the same for every point of Xi */
    fmpq_mat_t dual;    /* m x 1: u = 2 (y - A x) / lambda (unique); A^T u = w o g
                           with g in the subdifferential of ||.||_1 at x */
    slong num_eq;       /* E = {j : |2 a_j^T (y - A x)| = lambda w_j}, increasing */
    slong * eq;
    int * sign;         /* s_j = sign(2 a_j^T (y - A x)) for j in E, parallel to eq */
    slong rank_eq;      /* rank of A_E */
    kd_truth unique;    /* whether Xi is the single point x */
}
kd_p2_sol_struct;

typedef kd_p2_sol_struct kd_p2_sol_t[1];

void kd_p2_sol_init(kd_p2_sol_t sol);
void kd_p2_sol_clear(kd_p2_sol_t sol);

/* Solves P2(lambda), lambda > 0, exactly (via kd_path_compute down to lambda)
   and verifies the optimality conditions in Q before returning.
   The solution set is the face
     Xi = {x : x_j = 0 off E, A_E x_E = fit, s_j x_j >= 0 on E}
   (Tibshirani 2013 §2). unique: KD_TRUE when A_E has full column rank
   (Tibshirani 2013 Lemma 2) or, more generally, when no non-zero null
   vector of A_E keeps the signs on the zero coordinates of x in E; KD_FALSE
   when one does (a step along it stays in Xi). The second question is
   decided exactly (Stiemke's alternative and an exact non-negative least
   squares problem), so KD_UNKNOWN is not returned at present.
   Errors: as kd_path_compute, KD_ERR_ARG for lambda <= 0. */
kd_status kd_p2_solve_exact(kd_p2_sol_t sol, const fmpq_mat_t A, const fmpq_mat_t y,
                            const fmpq_mat_t w, const fmpq_t lambda);

/* Exact optimality check of a rational candidate x for P2(lambda):
   KD_TRUE when the conditions in the header comment hold in Q, KD_FALSE
   otherwise. */
kd_status kd_p2_check_exact(kd_truth * res, const fmpq_mat_t x, const fmpq_mat_t A,
                            const fmpq_mat_t y, const fmpq_mat_t w, const fmpq_t lambda);

/* ------------------------------------------------------------- P3 and P1 */

/* An exact P3 or P1 solution: x has entries in one quadratic field, since on
   a linear piece of the P2 path the matching parameter mu is a root of a
   quadratic over Q. */
typedef struct
{
    kd_qvec_t x;            /* N: one minimiser (the path's point at mu) */
    kd_qvec_t fit;          /* m: A x (the same for all minimisers when unique
                               is KD_TRUE; and for P2(mu) when mu > 0) */
    kd_qfield_t mu;         /* x solves P2(mu): mu = 2 lambda ||Ax - y|| (P3),
                               ||Ax(mu) - y|| = eta (P1); see the solvers */
    kd_qfield_t resnorm;    /* ||A x - y||_2 */
    slong num_eq;           /* E = {j : |2 a_j^T (y - A x)| = mu w_j}, the
                               equicorrelation set at mu (for mu = 0: that of
                               the last path piece; empty when x = 0 is the
                               minimiser for lack of a matching mu, i.e. y = 0,
                               eta >= ||y||, or the strict P3 zero case);
                               increasing */
    slong * eq;
    int * sign;
    slong rank_eq;          /* rank of A_E */
    kd_truth unique;
}
kd_qsol_struct;

typedef kd_qsol_struct kd_qsol_t[1];

void kd_qsol_init(kd_qsol_t sol);
void kd_qsol_clear(kd_qsol_t sol);

/* P3(lambda), lambda > 0. Cases (proofs in the comments of p3p1.c):
   - y = 0: x = 0, unique.
   - lambda ||y|| >= max_j |a_j^T y| / w_j: x = 0 solves P3 (unique when the
     inequality is strict); mu = 2 lambda ||y||.
   - otherwise x = x(mu*) on the P2 path, where mu* > 0 is the largest root
     of mu = 2 lambda ||A x(mu) - y||, found piece by piece as the root of a
     quadratic over Q. unique: the root is isolated (the quadratic of the
     piece below is not identically zero) and P2(mu*) has a unique solution
     (face test as kd_p2_solve_exact, in Q(sqrt d)).
   - no root mu* > 0: every minimiser has Ax = y and is a weighted
     basis-pursuit solution: KD_ERR_UNSUPPORTED with the message
     "zero residual: the P3 minimiser solves basis pursuit" (kd_p1_solve_exact
     with eta = 0 computes such a solution).
   The result is checked with kd_p3_check_qvec before returning. */
kd_status kd_p3_solve_exact(kd_qsol_t sol, const fmpq_mat_t A, const fmpq_mat_t y,
                            const fmpq_mat_t w, const fmpq_t lambda);

/* P1(eta), eta >= 0. Cases:
   - eta >= ||y||: x = 0 (unique), mu = lambda_max.
   - eta below the least-squares residual norm: KD_ERR_DOMAIN (infeasible).
   - eta equal to it (eta = 0 when y is in the range of A: basis pursuit):
     x = the path's limit at lambda -> 0 (least weighted l1 norm among the
     least-squares solutions), mu = 0, E from the last path piece, whose
     residual gives the dual certificate.
   - otherwise the unique mu* in (0, lambda_max) with ||A x(mu*) - y|| = eta
     (the residual norm increases strictly along the path), x = x(mu*);
     every P1 minimiser solves P2(mu*), so uniqueness is P2's at mu*. */
kd_status kd_p1_solve_exact(kd_qsol_t sol, const fmpq_mat_t A, const fmpq_mat_t y,
                            const fmpq_mat_t w, const fmpq_t eta);

/* Exact optimality checks for a candidate with entries in one quadratic
   field: every sign is decided in Q (kd_qfield_sgn), every equality
   exactly, so KD_TRUE is a proof of optimality and KD_FALSE a proof of
   non-optimality.
   P3: with r = y - Ax != 0, x is optimal iff a_j^T r = lambda w_j ||r||
   sign(x_j) on the support and |a_j^T r| <= lambda w_j ||r|| off it
   (compared through squares). r = 0: KD_TRUE if x = 0 (then y = 0), else
   KD_UNKNOWN (a basis-pursuit certificate would be needed).
   P1: x must be feasible (||r|| <= eta); x = 0 is then optimal; x != 0 with
   ||r|| < eta is not; with ||r|| = eta > 0, x is optimal iff some tau > 0
   has tau a_j^T r = w_j sign(x_j) on the support and |tau a_j^T r| <= w_j
   off it (Slater's condition makes this necessary unless A^T r = 0, which
   gives KD_UNKNOWN, as does eta = 0). */
kd_status kd_p3_check_qvec(kd_truth * res, const kd_qvec_t x, const fmpq_mat_t A,
                           const fmpq_mat_t y, const fmpq_mat_t w, const fmpq_t lambda);
kd_status kd_p1_check_qvec(kd_truth * res, const kd_qvec_t x, const fmpq_mat_t A,
                           const fmpq_mat_t y, const fmpq_mat_t w, const fmpq_t eta);

#ifdef __cplusplus
}
#endif
#endif
