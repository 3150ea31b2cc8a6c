/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Exact rational optimisation: linear programs, basis pursuit with its dual
   certificate and solution set, linear complementarity problems, and the
   exact Euclidean projection onto faces of solution sets.

   Everything here is exact over Q (FLINT fmpq/fmpz, no floating point), and
   every answer carries a certificate that is checked exactly before the
   function returns: an LP optimum comes with a dual solution of equal
   objective, infeasibility with a Farkas vector, unboundedness with a ray,
   an LCP solution with complementarity, a projection with its KKT
   multipliers. A certificate that fails its check would be a bug in this
   module; it is reported as KD_ERR_INTERNAL with a message starting
   "internal error", and no answer is returned.

   Vectors are one-column fmpq_mat_t. Output matrices are resized as needed
   (they need only be initialised); outputs never alias inputs unless a
   function says so. Theory: theory.md §1 (BP as an LP, solution sets). */
#ifndef KDIGITS_LP_H
#define KDIGITS_LP_H

#include "kdigits/deps.h"
#include "kdigits/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------ linear programs */

/* What an LP turned out to be; each comes with its certificate. */
typedef enum
{
    KD_LP_OPTIMAL = 0,  /* x optimal, y dual optimal, c^T x = b^T y */
    KD_LP_INFEASIBLE,   /* y is a Farkas vector: A^T y <= 0, b^T y > 0 */
    KD_LP_UNBOUNDED     /* x feasible, ray d >= 0, A d = 0, c^T d < 0 */
}
kd_lp_outcome;

/* Simplex variants. Every one provably terminates: each uses a rule that
   cannot cycle (Bland 1977) at least whenever a run of degenerate pivots
   gets long, and strictly improving pivots never revisit a basis. */
typedef enum
{
    /* KD_LP_DUAL when c >= 0 (basis pursuit, feasibility problems), else
       KD_LP_PRIMAL. */
    KD_LP_DEFAULT = 0,
    /* Two-phase primal simplex (phase 1 on artificial variables, which are
       then driven out of the basis). Dantzig's rule (most negative reduced
       cost), switching to Bland's smallest-index rule after a run of
       degenerate pivots and back after the next strictly improving one. */
    KD_LP_PRIMAL,
    /* The same with Bland's rule throughout: slow, the textbook rule. */
    KD_LP_PRIMAL_BLAND,
    /* Dual simplex from the basis of artificial variables fixed at 0, which
       is dual feasible (y = 0) exactly when c >= 0 (KD_ERR_ARG otherwise).
       Leaving variable: the largest infeasibility, switching to the
       smallest index (Bland's rule on the dual) after a run of dual
       degenerate pivots. Far fewer pivots than the primal method when the
       optimal vertex is degenerate, e.g. sparse basis pursuit solutions. */
    KD_LP_DUAL
}
kd_lp_method;

typedef struct
{
    kd_lp_outcome outcome;
    slong m;                /* rows of A */
    slong n;                /* columns of A */
    fmpq_mat_struct x;      /* n x 1: optimal vertex, or (UNBOUNDED) a feasible vertex */
    fmpq_mat_struct y;      /* m x 1: dual optimum, or (INFEASIBLE) Farkas vector */
    fmpq_mat_struct ray;    /* n x 1 (UNBOUNDED only; else 0 x 1) */
    fmpq value;             /* c^T x (OPTIMAL; 0 otherwise) */
    slong * basis;          /* m entries: the column basic in each row, or -1
                               for a redundant row (OPTIMAL, UNBOUNDED) */
    slong rank;             /* rank of A (OPTIMAL, UNBOUNDED; -1 otherwise) */
    slong pivots;           /* simplex pivots in all */
    slong pivots_phase1;    /* of which: primal, phase 1 (up to the first
                               feasible basis); dual, the pivots that took
                               an artificial variable out of the basis;
                               both including driving out the artificial
                               variables left at 0 */
}
kd_lp_result_struct;

typedef kd_lp_result_struct kd_lp_result_t[1];

void kd_lp_result_init(kd_lp_result_t res);
void kd_lp_result_clear(kd_lp_result_t res);

/* Solves min c^T x subject to A x = b, x >= 0 exactly, for A (m x n), b
   (m x 1), c (n x 1) rational, by the simplex method (KD_LP_DEFAULT) on a
   fraction-free basis inverse: the integer adjugate and determinant of the
   basis, updated by exact divisions, so that no fraction is ever reduced.
   b may have negative entries and A may be rank deficient (redundant rows
   are detected; their dual entries are 0). On KD_OK, res->outcome says
   which case holds and the matching certificate (see kd_lp_outcome) has
   been verified exactly against A, b, c; an optimal x is a vertex (its
   support columns are independent). m = 0 or n = 0 are allowed. Errors:
   KD_ERR_SIZE when the shapes disagree; KD_ERR_INTERNAL for a failed
   internal check (a bug). */
kd_status kd_lp_solve(kd_lp_result_t res, const fmpq_mat_t A, const fmpq_mat_t b,
                      const fmpq_mat_t c);
/* The same with an explicit simplex variant. Errors as kd_lp_solve, and
   KD_ERR_ARG for an unknown method or KD_LP_DUAL with some c_j < 0. */
kd_status kd_lp_solve_method(kd_lp_result_t res, const fmpq_mat_t A, const fmpq_mat_t b,
                             const fmpq_mat_t c, kd_lp_method method);

/* Checks exactly that the certificate in res proves res->outcome for the LP
   (A, b, c): KD_OK if it does, KD_ERR_UNDECIDED with a message naming the
   first violated condition if not, KD_ERR_SIZE for mismatched shapes.
   (kd_lp_solve already calls it; it is public so that results from
   elsewhere can be checked the same way.) */
kd_status kd_lp_result_check(const kd_lp_result_t res, const fmpq_mat_t A,
                             const fmpq_mat_t b, const fmpq_mat_t c);

/* ------------------------------------------------------------ faces */

/* A face of a solution set: the polyhedron
       { x in Q^N : x_j = 0 for j not in E, C x_E = d, s_j x_j >= 0 for j in E }
   with E = {E[0] < E[1] < ... < E[len-1]} a subset of {0, ..., N-1}, signs
   s_j = sign[i] in {-1, +1} for j = E[i], C a k x len and d a k x 1 rational
   matrix (column i of C multiplies x_{E[i]}). Solution sets of basis
   pursuit (kd_bp_solve_exact) and of the LASSO on a fixed sign pattern have
   this form. */
typedef struct
{
    slong N;
    slong len;
    slong * E;
    int * sign;
    fmpq_mat_struct C;
    fmpq_mat_struct d;
}
kd_face_struct;

typedef kd_face_struct kd_face_t[1];

/* An empty description (N = 0, len = 0, k = 0). */
void kd_face_init(kd_face_t F);
void kd_face_clear(kd_face_t F);
/* F = {x in Q^N : x = 0 off E, C x_E = d, sign * x_E >= 0}, copying the
   data. Errors: KD_ERR_ARG when E is not strictly increasing inside
   [0, N), a sign is not +-1 or N < 0; KD_ERR_SIZE when C is not k x len or
   d not k x 1. On error F is unchanged. */
kd_status kd_face_set(kd_face_t F, slong N, const slong * E, const int * sign, slong len,
                      const fmpq_mat_t C, const fmpq_mat_t d);
kd_status kd_face_set_face(kd_face_t G, const kd_face_t F);

/* Exact membership of the point x (N x 1): *res = KD_TRUE or KD_FALSE.
   Errors: KD_ERR_SIZE. */
kd_status kd_face_contains(kd_truth * res, const kd_face_t F, const fmpq_mat_t x);

/* Decides exactly whether F is a single point: *res = KD_TRUE if it is,
   KD_FALSE if it is empty or contains two points (never KD_UNKNOWN). Method:
   an exact LP finds a vertex z* of {z >= 0 : C S z = d} (S = diag(sign));
   its support columns are independent, so F is a point iff no point of F
   is non-zero on Z = {j : z*_j = 0}, i.e. iff max sum_{j in Z} z_j = 0
   (one more LP). */
kd_status kd_face_is_point(kd_truth * res, const kd_face_t F);
/* The same with witnesses (either may be NULL): if *res = KD_TRUE, x1 is
   the point; if KD_FALSE and F is not empty, x1 != x2 are two points of F;
   if F is empty both are set to 0 x 1. */
kd_status kd_face_is_point_witness(kd_truth * res, fmpq_mat_t x1, fmpq_mat_t x2,
                                   const kd_face_t F);

/* The exact Euclidean projection p (N x 1) of the rational point xhat
   (N x 1) onto F and the exact squared distance dist2 = ||p - xhat||_2^2.
   The projection QP (strictly convex) is solved as the LCP of its KKT
   system by kd_lcp_solve, and the KKT conditions are re-checked exactly, so
   p is the projection, not an approximation of it. p may alias xhat.
   Errors: KD_ERR_SIZE; KD_ERR_DOMAIN when F is empty (with a message). */
kd_status kd_face_project(fmpq_mat_t p, fmpq_t dist2, const kd_face_t F,
                          const fmpq_mat_t xhat);

/* ------------------------------------------------------------ basis pursuit */

typedef struct
{
    fmpq_mat_struct x;      /* N x 1: an optimal vertex */
    fmpq value;             /* min ||x||_{1,w} */
    fmpq_mat_struct v;      /* m x 1 dual certificate: |a_j^T v| <= w_j for
                               all j and y^T v = value */
    kd_face_struct face;    /* the whole solution set Xi (see below) */
    kd_truth unique;        /* KD_TRUE or KD_FALSE, decided exactly */
    fmpq_mat_struct x2;     /* unique == KD_FALSE: another minimiser != x;
                               else 0 x 1 */
    slong pivots;           /* simplex pivots, all LPs together */
}
kd_bp_result_struct;

typedef kd_bp_result_struct kd_bp_result_t[1];

void kd_bp_result_init(kd_bp_result_t res);
void kd_bp_result_clear(kd_bp_result_t res);

/* Solves basis pursuit min ||x||_{1,w} = sum_j w_j |x_j| subject to A x = y
   exactly, for rational A (m x N), y (m x 1) and weights w (N x 1, all
   > 0; NULL means all ones), as the LP in (u, v) >= 0 with x = u - v.
   On KD_OK:
   - x is an optimal vertex and value its weighted 1-norm;
   - v satisfies |a_j^T v| <= w_j for every column a_j and y^T v = value,
     which proves optimality (weak duality); both are checked exactly;
   - face is the solution set Xi = {x : Ax = y, x_j = 0 where
     |a_j^T v| < w_j, s_j x_j >= 0 where s_j = a_j^T v / w_j = +-1}: E is
     the set where |a_j^T v| = w_j, C = A_E and d = y. (Any minimiser has
     ||x||_w = sum_j w_j |x_j| >= sum_j x_j a_j^T v = v^T y with equality
     exactly under these sign and zero conditions.)
   - unique is decided exactly: KD_TRUE if A_E has full column rank or the
     face is a single point (kd_face_is_point's LP), otherwise KD_FALSE
     with a second minimiser in x2.
   Errors: KD_ERR_SIZE (shapes), KD_ERR_ARG (a weight <= 0), KD_ERR_DOMAIN
   when Ax = y has no solution (y not in the range of A). */
kd_status kd_bp_solve_exact(kd_bp_result_t res, const fmpq_mat_t A, const fmpq_mat_t y,
                            const fmpq_mat_t w);

/* ------------------------------------------------------------ LCP */

typedef enum
{
    KD_LCP_SOLVED = 0,  /* z >= 0, w = M z + q >= 0, z^T w = 0 */
    KD_LCP_INFEASIBLE,  /* cert = u >= 0 with M^T u <= 0, q^T u < 0: no
                           z >= 0 has M z + q >= 0 */
    KD_LCP_RAY          /* Lemke ended on a secondary ray without a proof
                           of infeasibility (possible only when M is not
                           copositive-plus): nothing is claimed */
}
kd_lcp_outcome;

typedef struct
{
    kd_lcp_outcome outcome;
    fmpq_mat_struct z;      /* n x 1 (SOLVED) */
    fmpq_mat_struct w;      /* n x 1 (SOLVED): M z + q */
    fmpq_mat_struct cert;   /* n x 1 (INFEASIBLE) */
    slong pivots;
}
kd_lcp_result_struct;

typedef kd_lcp_result_struct kd_lcp_result_t[1];

void kd_lcp_result_init(kd_lcp_result_t res);
void kd_lcp_result_clear(kd_lcp_result_t res);

/* Solves the linear complementarity problem w = M z + q, w >= 0, z >= 0,
   z^T w = 0 exactly, for rational M (n x n) and q (n x 1), by Lemke's
   complementary pivoting (Lemke 1965) with a positive covering vector (the
   row scaling that makes (M, q) integral, applied to e = (1, ..., 1)) and
   lexicographic degeneracy resolution, so that no basis repeats and the
   method terminates on every input. For copositive-plus M (every
   positive semidefinite M, e.g. B^T B plus a skew-symmetric matrix) it
   ends with SOLVED or with a ray that proves INFEASIBLE (Cottle, Pang,
   Stone, The Linear Complementarity Problem, Thm 4.4.9); the certificate
   of either is checked exactly. For other M the outcome may be KD_LCP_RAY.
   Errors: KD_ERR_SIZE. */
kd_status kd_lcp_solve(kd_lcp_result_t res, const fmpq_mat_t M, const fmpq_mat_t q);

/* Solves the U-LASSO (P2) min lambda ||x||_{1,w} + ||A x - y||_2^2 exactly,
   for rational A (m x N), y (m x 1), w (N x 1, all > 0; NULL means all ones)
   and lambda > 0, as the LCP of its KKT conditions in x = u - v:
       Q = 2 A^T A, M = [Q, -Q; -Q, Q], q = [lambda w - 2 A^T y; lambda w + 2 A^T y]
   (M is positive semidefinite, so Lemke's method finds a solution). x (N x 1)
   is a minimiser; when the minimiser is not unique it is one of them. The
   optimality conditions 2 a_j^T (y - A x) = lambda w_j sign(x_j) where
   x_j != 0 and |2 a_j^T (y - A x)| <= lambda w_j elsewhere are checked
   exactly before returning. Errors: KD_ERR_SIZE, KD_ERR_ARG (lambda <= 0 or
   a weight <= 0). */
kd_status kd_p2_solve_lcp(fmpq_mat_t x, const fmpq_mat_t A, const fmpq_mat_t y,
                          const fmpq_mat_t w, const fmpq_t lambda);

#ifdef __cplusplus
}
#endif
#endif
