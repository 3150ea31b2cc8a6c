/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kd_solve: one entry point for every method. It reads the instance
   through the problem's oracles, runs the exact or iterative solver, reports
   the reads and, on request, certifies the output against the exact data
   (proofs-notes/solvers.md §5). */
#ifndef KDIGITS_SOLVE_H
#define KDIGITS_SOLVE_H

#include "kdigits/problem.h"
#include "kdigits/iter.h"
#include "kdigits/qfield.h"
#include "kdigits/certify.h"
#include "kdigits/truth.h"
#include "kdigits/op.h"

#ifdef __cplusplus
extern "C" {
#endif

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
    const kd_truth_set_struct * truth;  /* a truth of the same problem computed
                                   before (kd_truth_set_read): used instead
                                   of computing it; NULL (default): compute */
    kd_truth_progress_fn progress;      /* progress of the truth computation */
    void * progress_data;               /* (NULL: none) */
}
kd_solve_opts_struct;

typedef kd_solve_opts_struct kd_solve_opts_t[1];

void kd_solve_opts_init(kd_solve_opts_t o);
void kd_solve_opts_clear(kd_solve_opts_t o);

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
    /* the exact method on real irrational data (automatic level, with
       certification): the output is the certified minimiser of the exact
       data, known exactly (truth.xexact: its entries as exact expressions,
       xball its enclosure, xr the simplest rationals in it, dist = 0) */
    int from_truth;
}
kd_solve_result_struct;

typedef kd_solve_result_struct kd_solve_result_t[1];

void kd_solve_result_init(kd_solve_result_t R);
void kd_solve_result_clear(kd_solve_result_t R);

/* Entry j of x as exact text: "p/q", the algebraic number's string
   (kd_qfield_get_str), or (from_truth) the exact expression of the
   certified minimiser; free it with flint_free. */
char * kd_solve_result_entry_str(const kd_solve_result_t R, slong j);

/* Runs the method of o on P and, when o->certify, certifies the output
   against the exact data. Errors: a method that does not apply to the
   problem (KD_ERR_ARG naming both), and those of the solvers. */
kd_status kd_solve(kd_solve_result_t R, const kd_problem_t P, const kd_solve_opts_t o);

/* For a certified result: the largest K <= 300 such that dist(x, Xi) <=
   10^-K is proved at precision prec (kd_certify_digits), or -1 when none
   is or the distance is not finite. */
slong kd_solve_result_certified_digits(const kd_solve_result_t R, slong prec);
/* For a certified result: whether x has the support of the true solution. */
kd_truth kd_solve_result_support_verdict(const kd_solve_result_t R);

/* R (a kd_solve of P with so) as `kdigits solve` prints it: text (scaled:
   the convention's name, or NULL) or CSV. JSON: kd_solve_result_json. */
kd_status kd_solve_result_write_text(FILE * f, const kd_solve_result_t R, const kd_problem_t P,
                                     const kd_solve_opts_t so, const char * scaled);
kd_status kd_solve_result_write_csv(FILE * f, const kd_solve_result_t R, const kd_problem_t P,
                                    const kd_solve_opts_t so);

/* ------------------------------------------------------------------------
   Operator problems: P1/P2/P3 with a matrix-free operator A (kdigits/op.h)
   solved by an iterative method, with a certified upper bound of
   F(x_k) - F* (kd_op_gap_ubound_d, a dual-feasible point checked in ball
   arithmetic) at every every-th iterate and at the output.
   ------------------------------------------------------------------------ */

typedef struct
{
    slong iter;                 /* iteration (FIRENET: inner step (k-1)p + l);
                                   -1: the method's output */
    int proved;                 /* 0: no bound (P1: ||A x - y|| <= eta not
                                   proved, F(x) is not a feasible value) */
    arb_struct F;               /* F(x_k) at the exact data */
    arf_struct gap;             /* F(x_k) - F* <= gap (when proved) */
    int projected;              /* P1: F and gap are those of the projection
                                   of x_k onto ||A x - y|| <= eta (x_k itself
                                   was not proved feasible; operators.md §5c) */
    const char * why;           /* not proved: the reason (static text) */
}
kd_solve_op_gap_struct;

typedef struct
{
    kd_problem_kind kind;
    kd_method method;
    slong m, N;
    int is_complex;
    slong every;                /* 0: the output only */
    int fast;                   /* the gap products ran in double with a
                                   priori error bounds (operators.md §5b) */
    slong ngaps, alloc;
    kd_solve_op_gap_struct * gaps;      /* the observed iterates, in order */
    kd_solve_op_gap_struct out;         /* the method's output x */
    kd_iter_result_struct it;   /* the solver's result (x, z, steps); P1
                                   with out.projected: it.x is the projected
                                   output, the point the bound is for */
    int with_x;                 /* so->certify: the reports print it.x */
    double seconds;             /* whole run */
    double seconds_certify;     /* of which computing the gap bounds */
}
kd_solve_op_report_struct;

typedef kd_solve_op_report_struct kd_solve_op_report_t[1];

void kd_solve_op_report_init(kd_solve_op_report_t R);
void kd_solve_op_report_clear(kd_solve_op_report_t R);

/* Whether spec is "builtin:NAME" with NAME a matrix-free operator
   (kd_op_parse) that is not a dense built-in (kd_builtin_mat's names take
   precedence, as in 'kdigits oracle --builtin'). On 1, A is initialised
   to the operator (clear it); on 0, A is untouched. */
int kd_solve_op_spec(kd_op_t A, const char * spec);

/* Solves problem kind (P1, P2, P3) for the operator A, data y (m x 1
   exact rationals; complex for a complex A), weights w (N x 1, NULL: all
   1) and parameter param (lambda; P1: eta) with so's method (P2: ista,
   fista; P3: pd, firenet; P1: pd), so->iter / so->firenet and so->arith,
   from x = 0; every >= 1 certifies every every-th iterate (the working
   iterate rounded to double), 0 only the output. The bounds are at
   so->cert_prec bits. P1: a bound needs a point proved feasible; at an
   iterate where ||A x - y|| <= eta is not proved, the bound is that of
   its projection onto the ball of radius eta (1 - 2^-30) (then 2^-20,
   2^-10) when A A^* = I (kd_op_rows_orthonormal), once that projection is
   proved feasible (gap->projected; operators.md §5c), and the output x
   (R->it.x) is replaced by its projection. so->certify sets R->with_x:
   the reports then print the output point. Errors: KD_ERR_ARG (method does not apply, non-
   rational data, bad parameter), KD_ERR_SIZE (y or w of the wrong size),
   and the solvers' errors. */
kd_status kd_solve_op(kd_solve_op_report_t R, const kd_op_t A, const kd_mat_t y,
                      const kd_mat_t w, kd_problem_kind kind, const fmpq_t param,
                      const kd_solve_opts_t so, slong every);

/* R as `kdigits solve` prints it: text, CSV (iter,proved,gap_ubound,F_mid;
   P1: and projected) and JSON ({"gaps": [{"iter", "gap": {"mid", "rad"},
   "F", ...}], ...}; the gap ball encloses F(x_k) - F*, i.e. [0, bound];
   P1: "projected": true when the bound is the projection's). With
   R->with_x the text and JSON also give the output point x exactly. */
kd_status kd_solve_op_report_write_text(FILE * f, const kd_solve_op_report_t R, const char * spec);
kd_status kd_solve_op_report_write_csv(FILE * f, const kd_solve_op_report_t R);
/* JSON: kd_solve_op_report_json (kdigits/json.h). */

#ifdef __cplusplus
}
#endif
#endif
