/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* What the front end (common.c, cd.c) hands to the two instances of the
   solver template (backend_double.c, backend_mpfr.c) and gets back. */
#ifndef KD_ITER_INTERNAL_H
#define KD_ITER_INTERNAL_H

#include "kdigits/iter.h"

typedef enum
{
    _KD_ITER_ISTA,
    _KD_ITER_FISTA,
    _KD_ITER_PD_P3,
    _KD_ITER_PD_P1,
    _KD_ITER_FIRENET,
    _KD_ITER_CD_MATLAB,
    _KD_ITER_CD_GLMNET
}
_kd_iter_method;

/* A run: the data already rounded to the working format, as MPFR numbers
   of prec bits (for the double backend prec = 53 and every value fits a
   double exactly, so the backend's conversion is exact), and every scalar
   parameter likewise. */
typedef struct
{
    _kd_iter_method method;
    slong m;
    slong N;
    int cplx;
    slong prec;
    const struct kd_op_struct * op;     /* matrix-free A (then A_re, A_im are NULL) */
    mpfr_ptr A_re;              /* m * N, row-major */
    mpfr_ptr A_im;              /* NULL for real data */
    mpfr_ptr y_re;              /* m */
    mpfr_ptr y_im;              /* NULL for real data */
    mpfr_ptr w;                 /* N (ones when no weights were given) */
    mpfr_t lambda;              /* lambda (P2, P3, FIRENET), eta (P1), Lambda (CD) */
    mpfr_t tol;                 /* tolerance (opts->tol, RelTol, thresh) */
    int run_all;                /* first-order methods: tol < 0, no early stop */
    slong max_iter;
    mpfr_t step;                /* ISTA/FISTA */
    mpfr_t tau;                 /* PD/FIRENET */
    mpfr_t sigma;
    /* FIRENET */
    slong fp;
    slong fn;
    mpfr_t delta;
    mpfr_t eps0;
    int eps0_auto;              /* eps0 = ||y||_2 in working arithmetic */
    mpfr_t L_A;
    mpfr_t einv;                /* e^{-1}, correctly rounded */
    kd_iter_observer observe;   /* FIRENET: called at every step; ISTA, FISTA,
                                   PD: every observe_every iterations (or NULL) */
    void * observe_arg;
    slong observe_every;
    /* coordinate descent */
    int standardize;
    int intercept;
}
_kd_iter_job_struct;

typedef struct
{
    mpfr_ptr x_re;              /* N, prec bits */
    mpfr_ptr x_im;              /* N (zero for real data) */
    mpfr_ptr B;                 /* N, coordinate descent only */
    mpfr_ptr z_re;              /* m: PD's last dual iterate */
    mpfr_ptr z_im;
    mpfr_t intercept;
    slong iterations;
    kd_iter_stop stop;
    int warned;
    double seconds;
}
_kd_iter_out_struct;

/* The two instances of impl.h. Both return KD_OK or KD_ERR_NOMEM. */
kd_status _kd_iter_run_d(_kd_iter_out_struct * out, const _kd_iter_job_struct * job);
kd_status _kd_iter_run_mpfr(_kd_iter_out_struct * out, const _kd_iter_job_struct * job);
kd_status _kd_iter_run_arb(_kd_iter_out_struct * out, const _kd_iter_job_struct * job);

/* o = A x (adjoint: A^* x) for the MPFR backend: the ball transform at
   prec bits, midpoints rounded to nearest; o_im, x_im NULL for real data. */
void _kd_iter_op_apply_mpfr(mpfr_ptr o_re, mpfr_ptr o_im, const struct kd_op_struct * op,
                            mpfr_srcptr x_re, mpfr_srcptr x_im, int adjoint, slong prec);

/* Monotonic wall clock in seconds. */
double _kd_iter_now(void);

/* Vectors of n MPFR numbers of prec bits, set to +0 (NULL when n = 0 or
   out of memory: callers check n > 0 results). */
mpfr_ptr _kd_iter_mpfr_vec_init(slong n, slong prec);
void _kd_iter_mpfr_vec_clear(mpfr_ptr v, slong n);

/* Job life cycle (common.c). _init rounds the data of a real or complex
   problem (X, y for coordinate descent) and checks sizes; lambda etc. are
   set by the caller. */
void _kd_iter_job_init(_kd_iter_job_struct * job, _kd_iter_method method, slong prec);
void _kd_iter_job_clear(_kd_iter_job_struct * job);
kd_status _kd_iter_job_set_data(_kd_iter_job_struct * job, const kd_iter_data_t D,
                                const kd_arith_t arith);
/* r = q rounded to nearest at the job's precision, checking double's range
   when double_range is set; what names the value in error messages. */
kd_status _kd_iter_round_q(mpfr_t r, const fmpq_t q, int double_range, const char * what);
/* Runs the job on the chosen backend and converts its output into R. */
kd_status _kd_iter_job_run(kd_iter_result_t R, const _kd_iter_job_struct * job,
                           const kd_arith_t arith);

/* L = a certified upper bound of ||A||_2 from a floating-point Cholesky
   certificate of c I - A A^T (opnorm_chol.c, solvers.md §6); +inf when it
   does not apply (entries outside [2^-400, 2^400], failed factorisation). */
kd_status _kd_iter_opnorm_chol(arf_t L, const fmpq_mat_t A_re, const fmpq_mat_t A_im);

#endif
