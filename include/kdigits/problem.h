/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Problem objects: BP, P1 (QCBP), P2 (U-LASSO), P3 (SR-LASSO) over exact
   data, their rational instances at an oracle level, the scaled-LASSO
   conventions as adapters onto P2, and certification of candidates against
   the exact data (theory.md §1, proofs-notes/solvers.md). */
#ifndef KDIGITS_PROBLEM_H
#define KDIGITS_PROBLEM_H

#include "kdigits/mat.h"
#include "kdigits/oracle.h"
#include "kdigits/iter.h"
#include "kdigits/qfield.h"

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

/* A problem keeps its exact data (for certificates) and the oracles an
   algorithm reads A and y through (the one door to data: kd_solve and every
   solver, network and experiment read A_n, y_n with kd_oracle_get on OA and
   Oy, so each read is logged). kd_problem_init makes matrix oracles of the
   exact data; kd_problem_set_oracles puts any other oracle in their place
   (custom, adversarial, from elsewhere); kd_problem_init_oracles makes a
   problem that has oracles only (no exact data: nothing to certify). */
typedef struct
{
    kd_problem_kind kind;
    slong m;
    slong N;
    int has_data;       /* A, y hold the exact data */
    kd_oracle_struct * OA;      /* m x N: what algorithms read A through */
    kd_oracle_struct * Oy;      /* m x 1 */
    int own_oracles;            /* OA, Oy are freed by kd_problem_clear */
    kd_mat_t A;         /* m x N, exact */
    kd_mat_t y;         /* m x 1, exact */
    kd_mat_t w;         /* N x 1, exact real weights > 0 */
    kd_real_t param;    /* lambda (P2, P3), eta (P1), 0 (BP) */
    int is_complex;
    slong prec_cap;     /* for deciding signs of exact parameters; 0 = default */
    /* set by kd_problem_init_scaled: the scaled form the user gave, for the
       coordinate-descent rules that run on it */
    int scaled;
    int center;
    int standardize;
    kd_mat_t X;         /* the original X and y */
    kd_mat_t ys;
    kd_oracle_struct * OX;      /* oracles of X and ys (scaled problems) */
    kd_oracle_struct * Oys;
    kd_real_t Lambda;   /* in MATLAB's (1/(2m)) convention */
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

/* A problem given by oracles only (A m x N, y m x 1): what an algorithm
   sees of an instance it cannot know exactly, e.g. an adversary's answers.
   OA and Oy are borrowed (they must outlive P, and their logs record P's
   reads); w and param as for kd_problem_init (w NULL: unit weights). Such a
   problem can be solved but not certified (kd_solve with certify gives
   KD_ERR_ARG). On failure P is a valid empty problem. */
kd_status kd_problem_init_oracles(kd_problem_t P, kd_problem_kind kind, kd_oracle_t OA,
                                  kd_oracle_t Oy, const kd_mat_t w, const kd_real_t param,
                                  slong prec_cap);

/* Puts OA and Oy in place of P's oracles (borrowed, as above): the exact
   data stay for certification while algorithms read the given oracles.
   Errors: KD_ERR_SIZE when their shapes differ from A's and y's. */
kd_status kd_problem_set_oracles(kd_problem_t P, kd_oracle_t OA, kd_oracle_t Oy);

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

/* Reads the instance through P's oracles (the reads are logged there):
   exact oracles give their exact data at every level (a valid answer for any
   n, and the one the exact solvers want); level -1 requires them. */
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
/* The same for a real candidate given by an enclosure x (N x 1). */
kd_status kd_objective_enclose_arb(arb_t f, const kd_problem_t P, const arb_mat_t x, slong prec);
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

/* ---- solving: one entry point for every method (src/problem/solve.c) ---- */

typedef enum
{
    KD_METHOD_EXACT = 0,    /* exact rational/algebraic solution of the instance read */
    KD_METHOD_ISTA,         /* P2 */
    KD_METHOD_FISTA,        /* P2 */
    KD_METHOD_PD,           /* P1, P3: Chambolle-Pock */
    KD_METHOD_FIRENET,      /* P3 */
    KD_METHOD_CD_MATLAB,    /* P2 given as a scaled LASSO: MATLAB's rule */
    KD_METHOD_CD_GLMNET     /* P2 given as a scaled LASSO: glmnet's rule */
}
kd_method;

const char * kd_method_name(kd_method m);
kd_status kd_method_parse(kd_method * m, const char * s);

typedef struct
{
    kd_method method;
    kd_arith_struct arith;      /* iterative methods */
    slong level;                /* oracle level read; -1: the exact data
                                   (rational problems), -2: automatic */
    kd_iter_opts_struct iter;   /* ISTA, FISTA, PD */
    kd_iter_firenet_params_struct firenet;
    kd_iter_cd_opts_struct cd;
    /* certification against the exact data */
    int certify;
    slong cert_prec;            /* working precision of the balls */
    slong cert_level_max;       /* highest level tried for the ground truth */
}
kd_solve_opts_struct;

typedef kd_solve_opts_struct kd_solve_opts_t[1];

void kd_solve_opts_init(kd_solve_opts_t o);
void kd_solve_opts_clear(kd_solve_opts_t o);

/* The certified ground truth of an exact problem (proofs-notes/solvers.md §5). */
typedef struct
{
    kd_truth found;             /* KD_TRUE: x encloses every minimiser (Xi is
                                   the single point x) or, for non-unique
                                   rational problems, face describes Xi */
    kd_truth unique;
    arb_mat_struct x;           /* N x 1 (real part) */
    arb_mat_struct xi;          /* N x 1 (imaginary part) */
    int has_face;               /* Xi given exactly as a face (rational data) */
    void * face;                /* kd_face_struct *, when has_face */
    slong * levels;             /* levels read while looking for it */
    slong nlevels;
    char how[512];              /* how it was obtained (or why not), for reports */
}
kd_truth_set_struct;

typedef kd_truth_set_struct kd_truth_set_t[1];

void kd_truth_set_init(kd_truth_set_t T, slong N);
void kd_truth_set_clear(kd_truth_set_t T);

/* Finds and certifies Xi(A, y) of the exact problem P: exact solution when
   the data are rational; otherwise exact solutions of the rational instances
   at levels 16, 32, ... up to level_max whose patterns are then certified on
   the exact data at prec bits (raised with the level). T->found = KD_UNKNOWN
   means "not certifiable with the levels read" (T->levels lists them). */
kd_status kd_truth_set_compute(kd_truth_set_t T, const kd_problem_t P, slong level_max,
                               slong prec);

/* dist(xhat, Xi) as a certified ball: from the enclosure when Xi is a point,
   by exact projection onto the face otherwise. */
kd_status kd_truth_set_dist(arb_t d, const kd_truth_set_t T, const fmpq_mat_t xr,
                            const fmpq_mat_t xi, slong prec);

/* "xhat has the support of the minimiser": KD_TRUE/KD_FALSE when Xi is a
   certified single point whose zero pattern the balls decide, KD_UNKNOWN
   otherwise (e.g. Xi a face, or an entry of the minimiser not proved
   non-zero). */
kd_truth kd_truth_set_support_verdict(const kd_truth_set_t T, const fmpq_mat_t xr,
                                      const fmpq_mat_t xi);
/* The same for a real candidate given by an enclosure (an entry counts as
   zero only when its ball is exactly 0, as non-zero when the ball excludes
   0, else the verdict is KD_UNKNOWN at best). */
kd_truth kd_truth_set_support_verdict_arb(const kd_truth_set_t T, const arb_mat_t x);

typedef struct
{
    kd_method method;
    slong level;                /* level of the data the method read (-1: exact) */
    slong N;
    int is_complex;
    /* the output: exact rationals (iterative: the exact float values) ... */
    fmpq_mat_struct xr;
    fmpq_mat_struct xi;
    /* ... or, for exact P1/P3, algebraic numbers in a quadratic field
       (algebraic = 1; xr then holds nothing) with an enclosure */
    int algebraic;
    kd_qvec_struct xq;
    arb_mat_struct xball;
    /* what the method read (the oracles' query logs during kd_solve; for the
       scaled coordinate-descent rules, the reads of X and y) */
    kd_oracle_reads_struct reads_A;
    kd_oracle_reads_struct reads_y;
    kd_truth unique;            /* exact methods: uniqueness for the data read */
    kd_iter_result_struct it;   /* iterative methods */
    double seconds;
    char stop_reason[64];
    slong iterations;
    /* certification (when opts->certify) */
    int certified;
    kd_truth_set_struct truth;
    arb_struct dist;            /* dist(x, Xi(A, y)) */
    arb_struct objective;       /* f(x) at the exact data */
    arb_struct gap;             /* bound of f(x) - f* (P2, P3), else indeterminate */
    kd_truth feasible;          /* P1, BP: the constraint at the exact data */
}
kd_solve_result_struct;

typedef kd_solve_result_struct kd_solve_result_t[1];

void kd_solve_result_init(kd_solve_result_t R);
void kd_solve_result_clear(kd_solve_result_t R);

/* Runs the method of o on P and, when o->certify, certifies the output
   against the exact data. Errors: a method that does not apply to the
   problem (KD_ERR_ARG naming both), and those of the solvers. */
kd_status kd_solve(kd_solve_result_t R, const kd_problem_t P, const kd_solve_opts_t o);

#ifdef __cplusplus
}
#endif
#endif
