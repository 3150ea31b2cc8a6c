/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Certificates against the exact data of a problem, in ball arithmetic:
   the pattern of the unique minimiser, distances, objectives, feasibility
   and duality-gap bounds, each proved or three-valued (proofs-notes/
   solvers.md §3-§4). */
#ifndef KDIGITS_CERTIFY_H
#define KDIGITS_CERTIFY_H

#include "kdigits/problem.h"
#include "kdigits/qfield.h"
#include <jansson.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A pattern is a support E (nE indices, increasing) with signs s_i = ±1.
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
       x_E = A_E^{-1} y with a strict BP certificate v and lambda ||v|| < 1;
       |E| < m with zero residual: as BP below, plus lambda ||v|| < 1.
   P1: x = the P2(mu) pattern solution with ||Ax - y|| = eta, mu > 0;
       eta = 0: as BP.
   BP: |E| = m, x_E = A_E^{-1} y, strict dual certificate v = A_E^{-T} w_E s;
       |E| < m: A_E of full column rank and y = A_E x_E decided exactly in
       a cyclotomic field (kdigits/alg.h; data with bare pi or beyond its
       degree cap stay KD_UNKNOWN, saying so), strict signs, and the
       least-norm certificate v = A_E (A_E^T A_E)^{-1} w_E s with
       |a_j^T v| < w_j off E in balls (proofs-notes/exact.md §2).
   Complex problems give KD_UNKNOWN (signs are not their pattern): use
   kd_certify_complex_support. */
kd_status kd_certify_pattern(kd_truth * verdict, arb_mat_t x, arb_t mu,
                             const kd_problem_t P, const slong * E, const int * s,
                             slong nE, slong prec);

/* kd_certify_pattern, and when the verdict is KD_TRUE and the minimiser is
   known exactly (real data in a cyclotomic field, kdigits/alg.h: the
   zero-residual and square patterns, the equality A_E x_E = y decided
   exactly), xs[0..N-1] (NULL or flint_malloc'ed strings, replaced) receive
   its entries as exact expressions (kd_cyclo_get_str; "0" off E). xs[0] is
   left NULL otherwise when it was; xs may be NULL. */
kd_status kd_certify_pattern_exact(kd_truth * verdict, arb_mat_t x, arb_t mu, char ** xs,
                                   const kd_problem_t P, const slong * E, const int * s,
                                   slong nE, slong prec);

/* The solution set of BP (and P1 with eta = 0) when it is a face, known
   exactly (proofs-notes/exact.md §7):
     Xi = { x : x_j = 0 off T, A_T x_T = y, sigma_j x_j >= 0 on T }
        = { x0 + D t : t in R^k, sigma_j (x0 + D t)_j >= 0 on T },
   D an exact basis of the kernel of A_T (zero off T). Entries are exact
   expressions (kd_cyclo_get_str); vertices are listed when k = 1 (the two
   ends of a segment). */
typedef struct
{
    slong N;
    slong nT;
    slong * T;          /* the tight columns (increasing) */
    int * sigma;        /* their signs */
    slong k;            /* dimension of the parametrisation (kernel of A_T) */
    char ** x0;         /* N: a point of Xi (a vertex) */
    char ** dirs;       /* N * k, entry (j, l) at [j * k + l] */
    slong nvert;        /* 0, or 2 for a segment (k = 1) */
    char ** verts;      /* N * nvert, vertex l at [l * N + j] */
}
kd_face_exact_struct;

typedef kd_face_exact_struct kd_face_exact_t[1];

void kd_face_exact_init(kd_face_exact_t F);
void kd_face_exact_clear(kd_face_exact_t F);
void kd_face_exact_set(kd_face_exact_t G, const kd_face_exact_t F);

/* Decides whether Xi(A, y) of a real BP (or P1 with eta = 0) problem is the
   face with tight set (T, sigma) (nT columns), in its cyclotomic field:
   check_dual: a dual v with A_T^T v = w_T sigma exactly and |a_j^T v| < w_j
   off T in balls (skip it, check_dual = 0, when an exact LP already proved
   the face: rational data); a point x0 of the face exactly (the solution of
   A_S x_S = y on the proposed support S, nS columns, with the right signs);
   the kernel of A_T; for k = 1 the two ends. *verdict = KD_TRUE when Xi is
   proved to be the face (F describes it, *unique decided: KD_TRUE for a
   point, KD_FALSE when two points or an interior point are exhibited, else
   KD_UNKNOWN); KD_UNKNOWN otherwise with the reason in kd_error_message(). */
kd_status kd_certify_face(kd_truth * verdict, kd_truth * unique, kd_face_exact_t F,
                          const kd_problem_t P, const slong * T, const int * sigma, slong nT,
                          const slong * S, slong nS, int check_dual, slong prec);

/* dist(x, F) as a certified ball, x given by balls (N x 1): exact entries
   of F enclosed at prec; k = 0 the distance to x0, k = 1 to the segment
   (projection clamped to the ends, the cases the balls cannot separate
   joined), k >= 2 the interval [dist to the affine hull, dist to x0]. */
kd_status kd_face_exact_dist(arb_t d, const kd_face_exact_t F, const arb_mat_t x, slong prec);

/* x (N x 1) = balls of the point x0 of F at prec. */
kd_status kd_face_exact_point_arb(arb_mat_t x, const kd_face_exact_t F, slong prec);

/* F as JSON: {"dimension_at_most", "point", "directions", "tight_columns"
   (1-based), "tight_signs", "vertices"}, and back (KD_ERR_FORMAT when
   malformed; every expression must parse). */
json_t * kd_face_exact_json(const kd_face_exact_t F);
kd_status kd_face_exact_from_json(kd_face_exact_t F, const json_t * jo, slong N);

/* One line describing F (flint_malloc'ed): "a segment between ...", or
   "x0 + span of k directions ..." with the point, the directions or the
   ends written exactly when short. */
char * kd_face_exact_get_str(const kd_face_exact_t F, slong max_len);

/* Complex problems (real ones too), ||x||_{1,w} = sum_j w_j |x_j|: decides
   whether the support E (nE indices, increasing) carries the unique
   minimiser, in ball arithmetic on the exact data at precision prec
   (proofs-notes/solvers.md §3c):
     KD_TRUE    proved; xr + i xi (N x 1, zero off E) enclose it; for P1/P3
                on the P2 route *mu encloses the matching P2 parameter
     KD_UNKNOWN not proved (the message says which step failed): a wrong
                support, a degenerate instance, or an equality that neither
                balls nor the exact arithmetic available decide.
   BP, P1 with eta = 0 (and P3 at zero residual): x_E solves A_E x_E = y
   (for |E| < m, y in range(A_E) is decided exactly, for rational data),
   |x_j| > 0 on E, and the least-norm v = A_E (A_E^H A_E)^{-1} (w_E .*
   sgn(x_E)) has |a_j^H v| < w_j off E (P3: lambda ||v|| < 1).
   P2, P1 with eta > 0, P3 otherwise: the KKT system of P2(mu) on E,
   2 a_j^H (A x - y) + mu w_j x_j/|x_j| = 0, with mu = lambda (P2) or an
   unknown tied by ||Ax - y|| = eta (P1) or mu = 2 lambda ||Ax - y|| (P3), is
   enclosed by a Krawczyk step around Newton's refinement of x0 (N x 1, an
   approximate minimiser; only its entries on E are used; NULL only for BP);
   then mu > 0, |2 a_j^H (A x - y)| < mu w_j off E, and uniqueness: the
   real map c -> A_E (c .* x_E) (P3: (c, t) -> A_E (c .* x_E) + t (Ax - y))
   injective. BP with m < nE <= 2m (possible over C): x_E and the dual v
   enclosed together by a Krawczyk step, same checks. nE > 2m: KD_UNKNOWN.
   Errors: KD_ERR_SIZE, KD_ERR_ARG (bad indices, no exact data). */
kd_status kd_certify_complex_support(kd_truth * verdict, arb_mat_t xr, arb_mat_t xi, arb_t mu,
                                     const kd_problem_t P, const slong * E, slong nE,
                                     const acb_mat_t x0, slong prec);

/* d = ||xhat - x||_2 for a candidate with exact (dyadic) entries xr + i xi
   (xi may be NULL) and an enclosure x (+ i xim, NULL for real) of a point;
   d is a certified ball. */
kd_status kd_certify_dist_to_enclosure(arb_t d, const fmpq_mat_t xr, const fmpq_mat_t xi,
                               const arb_mat_t x, const arb_mat_t xim, slong prec);

/* Three-valued "a <= b" from balls. */
kd_truth kd_certify_le(const arb_t a, const arb_t b);
/* "dist <= 10^-K": the K-correct-digits verdict. */
kd_truth kd_certify_digits(const arb_t dist, slong K, slong prec);

/* The objective of a candidate at the exact data, as a ball (P1, BP: the
   weighted l1 norm; feasibility is judged by kd_certify_feasible). */
kd_status kd_certify_objective(arb_t f, const kd_problem_t P, const fmpq_mat_t xr,
                               const fmpq_mat_t xi, slong prec);
/* The same for a real candidate given by an enclosure x (N x 1). */
kd_status kd_certify_objective_arb(arb_t f, const kd_problem_t P, const arb_mat_t x, slong prec);
/* For P1 and BP: whether the candidate satisfies the constraint exactly
   (||Ax - y|| <= eta, resp. Ax = y), three-valued. */
kd_status kd_certify_feasible(kd_truth * t, const kd_problem_t P, const fmpq_mat_t xr,
                                const fmpq_mat_t xi, slong prec);
/* The same for a candidate held exactly in a quadratic field (kd_qvec, the
   exact P1/P3 solutions of rational instances): for rational data
   ||Ax - y||^2 <= eta^2 (resp. Ax = y) is decided exactly in that field, so
   a solution on the constraint gets KD_TRUE; otherwise in balls (strict
   inequalities only). */
kd_status kd_certify_feasible_qvec(kd_truth * t, const kd_problem_t P, const kd_qvec_t x,
                                   slong prec);
/* For P2 and P3 (real or complex): a certified upper bound of f(xhat) - f*
   from the duality gap at the dual point built from xhat's residual
   (proofs-notes/solvers.md §4); gap receives a ball whose upper end bounds
   the objective gap. KD_ERR_UNSUPPORTED for BP and P1. */
kd_status kd_certify_gap_bound(arb_t gap, const kd_problem_t P, const fmpq_mat_t xr,
                       const fmpq_mat_t xi, slong prec);

/* ---- the lines solve's and certify's text reports share */
/* "INDENT LABEL  mid +/- rad" (label padded to 22, 15 digits), or
   "INDENT LABEL  unknown" for a ball that is not finite. */
void kd_ball_write(FILE * f, const char * indent, const char * label, const arb_t b);
/* The "correct digits" line for a certified distance and its proved
   digits (kd_certify_digits_max; -1: none); nothing when dist is not
   finite. */
void kd_digits_write(FILE * f, const char * indent, const arb_t dist, slong digits);
/* Whether the gap bound f(x) - f* <= gap says more than f(x) - f* <= f(x),
   which holds for every x (f* >= 0): gap finite, and objective - gap
   proved positive (or the objective unknown). */
int kd_gap_is_informative(const arb_t objective, const arb_t gap);

#ifdef __cplusplus
}
#endif
#endif
