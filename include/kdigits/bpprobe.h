/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The basis pursuit probe: min ||x||_1 subject to x1 + (1 + 2^-k) x2 = 1,
   whose optimal vertex beats the other vertex (1, 0) by only 1/(2^k + 1),
   solved exactly and compared with its closed form; the exact judgement of
   a candidate x returned by another solver (certified distance to the
   solution set, exact objective excess, right vertex / wrong vertex /
   other); the exact CPLEX LP file that such solvers read, and the problem
   a reader that stores numbers in IEEE double actually receives.

   Everything is exact over Q; no process is started here (the CLI runs the
   peers). Theory: theory.md §1 (BP as an LP, solution sets). */
#ifndef KDIGITS_BPPROBE_H
#define KDIGITS_BPPROBE_H

#include "kdigits/deps.h"
#include "kdigits/status.h"
#include "kdigits/lp.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Largest k accepted for the built-in instance. */
#define KD_BP_PROBE_K_MAX 1000

/* A candidate is "near" a point when it lies within 2^KD_BP_PROBE_NEAR_LOG2
   times max(1, ||x_opt||_2) of it (x_opt: the exact optimal vertex). */
#define KD_BP_PROBE_NEAR_LOG2 (-10)

/* A = [1, 1 + 2^-k] (1 x 2), y = [1] (1 x 1). KD_ERR_ARG unless
   1 <= k <= KD_BP_PROBE_K_MAX. */
kd_status kd_bp_probe_instance(fmpq_mat_t A, fmpq_mat_t y, slong k);

/* The closed-form minimiser x* = (0, 2^k/(2^k + 1)) (2 x 1): the weight
   |x1| + |x2| per unit of x1 + c x2 (c = 1 + 2^-k) is 1 on column 1 and 1/c
   on column 2, so all mass goes on the larger coefficient, x2 = 1/c.
   KD_ERR_ARG for k as kd_bp_probe_instance. */
kd_status kd_bp_probe_closed_form(fmpq_mat_t x, slong k);

/* An instance with its exact solution. */
typedef struct
{
    slong k;                /* the built-in instance's k; 0 for a given A, y */
    fmpq_mat_struct A;      /* m x N */
    fmpq_mat_struct y;      /* m x 1 */
    kd_bp_result_struct bp; /* exact solution (kd_bp_solve_exact) */
    fmpq_mat_struct closed; /* built-in: the closed form x*; else 0 x 1 */
    kd_truth agrees;        /* built-in: KD_TRUE when bp.x equals the closed
                               form exactly and bp.unique is KD_TRUE,
                               KD_FALSE otherwise; KD_UNKNOWN (no closed
                               form) for a given instance */
}
kd_bp_probe_struct;

typedef kd_bp_probe_struct kd_bp_probe_t[1];

void kd_bp_probe_init(kd_bp_probe_t P);
void kd_bp_probe_clear(kd_bp_probe_t P);

/* P becomes the built-in instance for k, solved exactly (kd_bp_solve_exact:
   optimal vertex, dual certificate, solution set, uniqueness) and compared
   exactly with the closed form (P->agrees). Errors: KD_ERR_ARG for a bad k;
   those of kd_bp_solve_exact. On error P is left empty (m = N = 0). */
kd_status kd_bp_probe_set_k(kd_bp_probe_t P, slong k);
/* The same for rational A (m x N) and y (m x 1), with no closed form.
   Errors: those of kd_bp_solve_exact (KD_ERR_SIZE, KD_ERR_DOMAIN when
   Ax = y has no solution). */
kd_status kd_bp_probe_set(kd_bp_probe_t P, const fmpq_mat_t A, const fmpq_mat_t y);

/* ------------------------------------------------------------ judging a candidate */

typedef enum
{
    /* dist(x, Xi) <= tau = 2^KD_BP_PROBE_NEAR_LOG2 max(1, ||x_opt||_2)
       (exactly at the solution set when dist2 = 0) */
    KD_BP_VERDICT_RIGHT = 0,
    /* not right, and within tau of a vertex v of the LP (a basic solution
       of Ax = y: the columns on its support are independent) that is not
       optimal: ||v||_1 > min ||x||_1. For the built-in instance the only
       such vertex is (1, 0). */
    KD_BP_VERDICT_WRONG_VERTEX,
    /* neither */
    KD_BP_VERDICT_OTHER
}
kd_bp_verdict;

/* "right vertex", "wrong vertex", "other". */
const char * kd_bp_verdict_name(kd_bp_verdict v);

typedef struct
{
    kd_bp_verdict verdict;
    fmpq dist2;             /* dist(x, Xi)^2, exact */
    arb_struct error;       /* dist(x, Xi) = sqrt(dist2), a certified ball */
    fmpq objective;         /* ||x||_1 */
    fmpq excess;            /* ||x||_1 - min ||x||_1 (may be < 0 when x is
                               not feasible) */
    fmpq residual;          /* max_i |(Ax - y)_i| */
    fmpq_mat_struct vertex; /* WRONG_VERTEX: the vertex v (N x 1); else 0 x 1 */
    fmpq vertex_excess;     /* WRONG_VERTEX: ||v||_1 - min ||x||_1 > 0; else 0 */
}
kd_bp_assess_struct;

typedef kd_bp_assess_struct kd_bp_assess_t[1];

void kd_bp_assess_init(kd_bp_assess_t R);
void kd_bp_assess_clear(kd_bp_assess_t R);

/* Judges the rational candidate x (N x 1) against P's exact solution set
   Xi: everything in R is exact except R->error, a ball computed at working
   precision prec that contains dist(x, Xi). The distance is ||x - x*||_2
   when the minimiser x* is unique, else the exact projection onto Xi
   (kd_face_project). The vertex test snaps x to its support
   S = {j : |x_j| > tau}, solves A_S z = y exactly when A_S has independent
   columns, and compares. Errors: KD_ERR_SIZE; KD_ERR_ARG when P is empty or
   prec < 2. */
kd_status kd_bp_probe_assess(kd_bp_assess_t R, const kd_bp_probe_t P, const fmpq_mat_t x,
                             slong prec);

/* ------------------------------------------------------------ what peers read */

/* Exact decimal rendering of q when its reduced denominator is 2^a 5^b
   (q = 1 + 2^-40 is "1.0000000000009094947017729282379150390625"), or NULL
   when q has no finite decimal expansion. No exponent; flint_free it. */
char * kd_bp_probe_decimal(const fmpq_t q);

/* Writes min sum_j (u_j + v_j) subject to sum_j a_ij (u_j - v_j) = y_i,
   u, v >= 0, in CPLEX LP format (read by GLPK's glpsol --lp and QSopt_ex's
   esolver -L) with every coefficient exact: entries with a finite decimal
   expansion are written as such; a row that has other entries is first
   multiplied by the least common multiple of its denominators (an
   equivalent row, integer entries). Columns appear as u1, v1, u2, v2, ...
   in that order (x_j = u_j - v_j); rows are named c1, c2, .... As and ys
   (initialised, any size) receive the rows as written; *maxtok receives
   the length of the longest number written (GLPK's reader takes at most
   255 characters per token). Errors: KD_ERR_SIZE, KD_ERR_IO. */
kd_status kd_bp_probe_write_lp(FILE * f, fmpq_mat_t As, fmpq_mat_t ys, slong * maxtok,
                               const fmpq_mat_t A, const fmpq_mat_t y);

/* The problem a reader that stores each number in IEEE double receives:
   every entry of A and y rounded to the nearest double (ties to even, as a
   correctly rounded strtod does), returned exactly. Ad and yd may alias A
   and y. Errors: KD_ERR_UNSUPPORTED (with the entry named) when a rounded
   entry would fall outside the normal double range, 2^-1022 <= |a| <
   2^1024 (subnormal or overflow). */
kd_status kd_bp_probe_round_double(fmpq_mat_t Ad, fmpq_mat_t yd, const fmpq_mat_t A,
                                   const fmpq_mat_t y);

#ifdef __cplusplus
}
#endif
#endif
