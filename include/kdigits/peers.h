/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The real peers on a user's problem: every installed solver of the field
   (R's glmnet, scikit-learn's Lasso and LassoLars, CVXOPT's QP for P2;
   GLPK's three methods and QSopt_ex's exact simplex for BP) run on the
   problem's data as a double-precision user would hand it over, each answer
   read back exactly. Judging the answers is the certificates' job
   (truth.h, certify.h): this module only runs the programs. Where the
   programs and scripts are looked for is as for the LASSO probe's peers
   (lasso.h: KDIGITS_PEERS_DIR, KDIGITS_PYTHON, PATH). */
#ifndef KDIGITS_PEERS_H
#define KDIGITS_PEERS_H

#include "kdigits/problem.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Seconds each peer may run before it counts as failed. */
#define KD_PEERS_TIMEOUT 120.0

typedef enum
{
    KD_PEER_RAN = 0,    /* x holds its answer (whatever it claimed) */
    KD_PEER_SKIPPED,    /* not installed: note names the package */
    KD_PEER_FAILED      /* it ran but gave no answer: note says why */
}
kd_peer_state;

/* One peer's run. */
typedef struct
{
    const char * name;      /* "glmnet", "sklearn-lasso", "sklearn-lassolars",
                               "cvxopt-qp", "glpk-simplex", "glpk-exact",
                               "glpk-interior", "esolver" */
    const char * package;   /* the Debian package that provides it */
    kd_peer_state state;
    char * note;            /* SKIPPED/FAILED: why; RAN: what it claimed or
                               warned, or NULL */
    char * version;         /* the version it reported, or NULL */
    fmpq_mat_struct x;      /* RAN: its answer (N x 1), the exact value of
                               the numbers it printed */
}
kd_peer_answer_struct;

typedef struct
{
    slong n;
    kd_peer_answer_struct * a;
    /* the problem the double-reading peers were given: every entry of A, y
       and the parameter rounded to the nearest double (ties to even) */
    fmpq_mat_struct Ad, yd;
    fmpq_t paramd;          /* P2: scikit-learn's alpha = lambda / (2m) as
                               passed; BP: 0 */
    char * convention;      /* how the peers' problem relates to P, for reports */
}
kd_peer_answers_struct;

typedef kd_peer_answers_struct kd_peer_answers_t[1];

void kd_peer_answers_init(kd_peer_answers_t R);
void kd_peer_answers_clear(kd_peer_answers_t R);

/* Runs every peer of P's kind on P (real data; BP and unscaled P2): P2 as
   min_b (1/(2m)) ||y - A b||^2 + alpha ||b||_1 with alpha = lambda/(2m)
   (no standardisation, no intercept: the same minimisers as P2), BP as the
   LP min sum(u + v) s.t. A(u - v) = y, u, v >= 0 in CPLEX LP format (rational
   data written exactly; irrational data as their nearest doubles). Peers
   that are not installed are SKIPPED rows, those that fail FAILED rows:
   neither is an error. Errors: KD_ERR_UNSUPPORTED for complex data, P1, P3
   and scaled problems (no peer here solves them in P's form), KD_ERR_ARG for
   a problem without exact data, KD_ERR_IO for the working files, and those
   of rounding an entry to a double (KD_ERR_UNSUPPORTED outside the normal
   double range). */
kd_status kd_peers_solve(kd_peer_answers_t R, const kd_problem_t P, double timeout_s);

#ifdef __cplusplus
}
#endif
#endif
