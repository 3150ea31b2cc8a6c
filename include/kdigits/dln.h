/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Diagonal linear networks x = u^D - v^D (depth D >= 2, u(0) = v(0) =
   alpha 1) trained by the gradient flow of 1/2 ||A x - y||^2: the certified
   limit x_inf(alpha) through its dual variable, the explicitly integrated
   flow, their certified distances to the basis-pursuit solution set, the
   rates in alpha and the point selected on a face of minimisers
   (proofs-notes/dln.md). */
#ifndef KDIGITS_DLN_H
#define KDIGITS_DLN_H

#include <arb_mat.h>
#include "kdigits/problem.h"
#include "kdigits/truth.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------ the limit */

/* The entrywise link of the limit, x = f_{D,alpha}(w) with w = A^T mu
   (proofs-notes/dln.md §1):
     D = 2:  f(w) = 2 alpha^2 sinh(w)
     D >= 3: f(w) = alpha^D [(1 - w)^(-D/(D-2)) - (1 + w)^(-D/(D-2))], |w| < 1.
   y and x are arb balls; f is applied entrywise. Entries of w not proved
   inside (-1, 1) for D >= 3 give indeterminate balls. */
void kd_dln_link(arb_mat_t x, const arb_mat_t w, slong D, const arb_t alpha, slong prec);

/* Certifies the limit x_inf(alpha) of the flow for the data A (m x N, full
   row rank) and y (m x 1), given as balls (the enclosures of exact data):
   finds mu with A f(A^T mu) = y by damped Newton on the strictly convex dual
   and proves a box around it by a Krawczyk step (proofs-notes/dln.md §2),
   raising the working precision from prec up to prec_max. On KD_OK, mu
   (m x 1) encloses the unique dual solution for every A, y in the balls,
   x (N x 1) = f(A^T mu) encloses x_inf, and (D >= 3) |A^T mu| < 1 is proved.
   *prec_used (may be NULL) receives the precision that succeeded.
   Errors: KD_ERR_SIZE, KD_ERR_ARG (D < 2, alpha <= 0), KD_ERR_UNDECIDED
   when no Krawczyk step succeeded up to prec_max (e.g. A rank-deficient). */
kd_status kd_dln_limit(arb_mat_t x, arb_mat_t mu, slong * prec_used, const arb_mat_t A,
                       const arb_mat_t y, slong D, const arb_t alpha, slong prec,
                       slong prec_max);

/* The working precision kd_dln_limit starts from for a target prec: the
   bits that the scale alpha^(D-2) of 1 - |w| eats (proofs-notes/dln.md §2). */
slong kd_dln_limit_prec(slong D, const arb_t alpha, slong prec);

/* ------------------------------------------------------------ the flow */

typedef enum
{
    KD_DLN_EULER = 0,
    KD_DLN_RK4
}
kd_dln_scheme;

const char * kd_dln_scheme_name(kd_dln_scheme s);
kd_status kd_dln_scheme_parse(kd_dln_scheme * s, const char * name);

typedef struct
{
    kd_dln_scheme scheme;
    double h;           /* step (a dyadic such as 2^-6 is exact in both formats) */
    double T;           /* final time: ceil(T / h) steps */
    slong prec;         /* 0: IEEE double; else MPFR at prec bits */
}
kd_dln_flow_opts_struct;

typedef kd_dln_flow_opts_struct kd_dln_flow_opts_t[1];

/* Euler, step 1/16, T = 64, double. */
void kd_dln_flow_opts_init(kd_dln_flow_opts_t o);

/* Integrates u' = -D u^(D-1) (A^T r), v' = +D v^(D-1) (A^T r), r = A x - y,
   x = u^D - v^D, from u = v = alpha 1, with the scheme, step and final time
   of o, in IEEE double (o->prec = 0) or MPFR at o->prec bits, on the
   rational data A, y and alpha rounded to the working format (RNDN). x
   (N x 1) receives the exact value of the final iterate; *steps (may be
   NULL) the number of steps. Errors: KD_ERR_SIZE, KD_ERR_ARG (bad options),
   KD_ERR_DOMAIN when the iterate overflows or stops being finite (step too
   large), with a message naming the step. */
kd_status kd_dln_flow(fmpq_mat_t x, slong * steps, const fmpq_mat_t A, const fmpq_mat_t y,
                      slong D, const fmpq_t alpha, const kd_dln_flow_opts_t o);

/* ------------------------------------------------------------ measuring */

/* A candidate measured against the certified BP solution set Xi. */
typedef struct
{
    arb_struct dist;            /* dist(x, Xi), certified ball */
    arb_struct resid;           /* ||A x - y||_2 at the exact data, certified ball */
    slong digits;               /* largest K <= 300 with dist <= 10^-K proved; -1: none */
    kd_truth support;           /* x has the support of the minimiser */
}
kd_dln_measure_struct;

typedef kd_dln_measure_struct kd_dln_measure_t[1];

void kd_dln_measure_init(kd_dln_measure_t M);
void kd_dln_measure_clear(kd_dln_measure_t M);

/* Measures the enclosure x (N x 1, real) of a candidate against T (found
   for the BP problem P): dist(x, Xi) is dist(mid, Xi) (exact rational
   midpoint, kd_truth_set_dist) widened by ||rad||_2. */
kd_status kd_dln_measure(kd_dln_measure_t M, const kd_truth_set_t T, const kd_problem_t P,
                         const arb_mat_t x, slong prec);

/* ------------------------------------------------------------ selection */

/* The point a face of BP minimisers selects at depth D as alpha -> 0
   (proofs-notes/dln.md §4): the minimiser over the face F of
     D = 2:  sum_j |x_j| log |x_j|        (entropy)
     D >= 3: -sum_j |x_j|^(2/D)
   when it lies in the relative interior of F's orthant (every x_j, j in E,
   non-zero), certified by a Krawczyk step on its KKT system
   C S g(S C^T lambda) = d (C x_E = d the independent rows of F's
   equations, S = diag(sign)). On KD_OK x (N x 1) encloses the selected
   point. KD_ERR_UNDECIDED when the
   step did not succeed up to prec_max (e.g. the optimum on the boundary of
   the orthant, where this characterisation does not apply). */
kd_status kd_dln_select(arb_mat_t x, const kd_face_t F, slong D, slong prec, slong prec_max);

/* ------------------------------------------------------------ the report */

typedef struct
{
    slong D;
    fmpq alpha;                 /* exact alpha */
    char alpha_str[64];
    /* the certified limit */
    kd_status limit_status;
    arb_mat_struct x_limit;     /* N x 1 */
    slong limit_prec;
    kd_dln_measure_struct lim;
    /* the integrated flow (when run) */
    int flow_run;
    kd_status flow_status;
    char flow_error[256];
    fmpq_mat_struct x_flow;     /* N x 1, exact final iterate */
    slong flow_steps;
    kd_dln_measure_struct flow;
    arb_struct flow_to_limit;   /* ||x_flow - x_limit||_2, certified */
    /* estimates of ||x_flow - x_inf||_2, NOT proved (proofs-notes/dln.md §6);
       < 0: none (not asked for, or the extrapolation does not apply) */
    double flow_err_disc;       /* ||x_h(T) - x(T)||: Richardson from runs with h/2, h/4 */
    double flow_order;          /* the observed order log2(d1/d2) of that extrapolation */
    double flow_err_tail;       /* ||x(T) - x_inf||: the flow linearised at T (a Newton step) */
    double flow_err_est;        /* their sum */
}
kd_dln_row_struct;

typedef struct
{
    slong D;
    slong nalpha;
    arb_struct fit;             /* least-squares slope of log dist vs log alpha
                                   over the rows with a certified positive dist,
                                   as a ball (the slope of the true distances) */
    arb_struct last_secant;     /* slope between the two smallest alphas */
    int predicted_known;
    arb_struct predicted;       /* the proved/predicted exponent (dln.md §3) */
    char predicted_why[256];
}
kd_dln_rate_struct;

typedef struct
{
    slong D;
    kd_status status;
    arb_mat_struct x;           /* N x 1: the selected point (certified) */
    arb_struct face_dist;       /* dist(x_sel, Xi): 0 up to its radius */
    arb_struct limit_dist;      /* ||x_limit(alpha_min) - x_sel||_2 */
}
kd_dln_select_struct;

typedef struct
{
    slong ndepth;
    slong * depths;
    slong nalpha;
    fmpq * alphas;
    int flow;                   /* integrate the flow too */
    kd_dln_flow_opts_struct fopts;
    int flow_err_est;           /* also estimate the flow's error (runs with h/2, h/4; the linearised tail) */
    int rates;
    int select;
    slong prec;                 /* target precision of the balls */
    slong prec_max;
    slong level_max;            /* levels tried for the truth (irrational data) */
    slong flow_level;           /* oracle level of the data the flow reads (irrational data) */
    void (*progress)(slong i, slong total, const char * what);
}
kd_dln_opts_struct;

typedef kd_dln_opts_struct kd_dln_opts_t[1];

/* The largest numerator and denominator bit size of an alpha (alpha >= 2^-4096). */
#define KD_DLN_ALPHA_BITS 4096

/* depths 2; alpha 2^-1, 2^-4; no flow; prec 128; prec_max 16384. */
void kd_dln_opts_init(kd_dln_opts_t o);
void kd_dln_opts_clear(kd_dln_opts_t o);
/* Sets the alphas from exact expressions (a comma-separated list, each an
   exact rational in (0, 1] such as 2^-10 or 1/3, numerator and denominator
   of at most KD_DLN_ALPHA_BITS bits). */
kd_status kd_dln_opts_set_alphas(kd_dln_opts_t o, const char * list);
kd_status kd_dln_opts_set_depths(kd_dln_opts_t o, const slong * D, slong n);

typedef struct
{
    slong m;
    slong N;
    kd_truth_set_struct truth;
    fmpq_mat_struct bp_x;       /* an exact BP minimiser (rational data), else 0 x 0 */
    int dual_known;
    arb_struct rho;             /* off-support slack of the unique dual certificate */
    slong nrows;
    kd_dln_row_struct * rows;   /* depth-major: rows[d * nalpha + a] */
    slong nrates;
    kd_dln_rate_struct * rates;
    slong nsel;
    kd_dln_select_struct * sel;
    kd_truth sel_distinct;      /* all selected points pairwise separated */
    arb_struct sel_min_sep;     /* min pairwise distance of selected points */
    slong flow_data_level;      /* the level of the data the flow read (-1: exact) */
    char note[512];
}
kd_dln_report_struct;

typedef kd_dln_report_struct kd_dln_report_t[1];

void kd_dln_report_init(kd_dln_report_t R);
void kd_dln_report_clear(kd_dln_report_t R);

/* The whole `kdigits dln` computation on the real BP problem P: the truth
   set, then for every depth and alpha the certified limit (and the flow),
   each measured against the truth; the rates (o->rates) and the selected
   points (o->select, when Xi is a face). Errors: KD_ERR_ARG for complex or
   non-BP problems, and those of the parts (a limit that cannot be
   certified is a row with limit_status set, not an error). */
kd_status kd_dln_run(kd_dln_report_t R, const kd_problem_t P, const kd_dln_opts_t o);

/* ------------------------------------------------------------ Omega_K */

/* The DLN on the Omega_K BP gadget (proofs-notes/omega-k.md §1-§2,
   dln.md §5): A = the instance with column 0 raised, the network is trained
   on A_n (column 1 raised, ||A_n - A||_2 < 2^-n) read at level n + 30, and
   its certified limit is measured against Xi(A) and against Xi(A') of the
   instance A' it cannot tell from A (the one it was given). */
typedef struct
{
    slong K, n, D;
    char alpha_str[64];
    kd_status status;           /* of the certified limit */
    arb_struct dist;            /* dist(x_inf, Xi(A)) */
    arb_struct dist_other;      /* dist(x_inf, Xi(A')) */
    arb_struct worst;           /* max of the two: the error on the pair */
    arb_struct eps_b;           /* sqrt(2) tau / 2: the breakdown epsilon of the pair */
    kd_truth k_digits;          /* dist <= 10^-K */
    kd_truth k1_digits;         /* dist <= 10^-(K-1) */
}
kd_dln_omega_row_struct;

typedef struct
{
    slong nrows;
    kd_dln_omega_row_struct * rows;
}
kd_dln_omega_struct;

typedef kd_dln_omega_struct kd_dln_omega_t[1];

void kd_dln_omega_init(kd_dln_omega_t R);
void kd_dln_omega_clear(kd_dln_omega_t R);

/* One row per (K, n, depth, alpha) of o (gadget N1 = 2, N2 = 20, DCT, as
   the table). Errors: those of the gadget; a limit that is not certified
   is a row with status set. */
kd_status kd_dln_omega_run(kd_dln_omega_t R, const slong * Ks, slong nK, const slong * ns,
                           slong nn, const kd_dln_opts_t o);

/* R (kd_dln_run with o) and the gadget rows R (kd_dln_omega_run) as
   `kdigits dln` prints them (JSON: kd_dln_report_json, kd_dln_omega_json). */
kd_status kd_dln_report_write(FILE * f, const kd_dln_report_t R, const kd_dln_opts_t o);
kd_status kd_dln_omega_write(FILE * f, const kd_dln_omega_t R);

#ifdef __cplusplus
}
#endif
#endif
