/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Problem objects: BP, P1 (QCBP), P2 (U-LASSO), P3 (SR-LASSO) over exact
   data with the oracles algorithms read them through, their rational
   instances at an oracle level, and the scaled-LASSO conventions as adapters
   onto P2 (theory.md §1, proofs-notes/solvers.md). Certificates are in
   certify.h, the certified solution sets in truth.h, kd_solve in solve.h. */
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

#ifdef __cplusplus
}
#endif
#endif
