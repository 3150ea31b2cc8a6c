/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Cyclic coordinate descent for the scaled LASSO (MATLAB's and glmnet's
   stopping rules): options, checks and dispatch; the iteration itself is
   run_cd in the template impl.h. */
#include "internal.h"

void
kd_iter_cd_opts_init_matlab(kd_iter_cd_opts_t opts)
{
    opts->tol = 1e-4;               /* RelTol */
    opts->max_iter = 100000;        /* MaxIter */
    opts->standardize = 1;
    opts->intercept = 1;
}

void
kd_iter_cd_opts_init_glmnet(kd_iter_cd_opts_t opts)
{
    opts->tol = 1e-7;               /* thresh */
    opts->max_iter = 100000;        /* maxit */
    opts->standardize = 1;
    opts->intercept = 1;
}

static kd_status
_kd_iter_cd(kd_iter_result_t R, _kd_iter_method method, const fmpq_mat_t X, const fmpq_mat_t y,
            const fmpq_t Lambda, const kd_iter_cd_opts_t opts, const kd_arith_t arith,
            const char * fname)
{
    _kd_iter_job_struct job[1];
    kd_iter_data_t D;
    kd_arith_t a;
    slong prec;
    int dbl;
    kd_status st = KD_OK;

    if (arith->backend == KD_BACKEND_DOUBLE)
        kd_arith_set_double(a);
    else if (arith->backend != KD_BACKEND_MPFR)
        st = kd_error_set(KD_ERR_ARG, "unknown backend %d", (int) arith->backend);
    else
        st = kd_arith_set_mpfr(a, arith->prec);
    if (st != KD_OK)
        goto prefix;
    prec = a->prec;
    if (fmpq_sgn(Lambda) <= 0)
        st = kd_error_set(KD_ERR_ARG, "Lambda must be > 0");
    else if (!(opts->tol > 0))
        st = kd_error_set(KD_ERR_ARG, "the tolerance must be > 0 (got %g)", opts->tol);
    else if (opts->max_iter < 1)
        st = kd_error_set(KD_ERR_ARG, "max_iter must be >= 1 (got %ld)", (long) opts->max_iter);
    if (st != KD_OK)
        goto prefix;

    dbl = (a->backend == KD_BACKEND_DOUBLE);
    kd_iter_data_init(D, X, NULL, y, NULL, NULL);
    _kd_iter_job_init(job, method, prec);
    job->max_iter = opts->max_iter;
    job->standardize = (opts->standardize != 0);
    job->intercept = (opts->intercept != 0);
    mpfr_set_d(job->tol, opts->tol, MPFR_RNDN);
    if (dbl && !mpfr_regular_p(job->tol))
        st = kd_error_set(KD_ERR_ARG, "the tolerance underflows");
    if (st == KD_OK
        && (st = _kd_iter_job_set_data(job, D, a)) == KD_OK
        && (st = _kd_iter_round_q(job->lambda, Lambda, dbl, "Lambda")) == KD_OK)
        st = _kd_iter_job_run(R, job, a);
    _kd_iter_job_clear(job);
prefix:
    if (st != KD_OK)
        kd_error_prefix("%s", fname);
    return st;
}

kd_status
kd_iter_cd_matlab(kd_iter_result_t R, const fmpq_mat_t X, const fmpq_mat_t y,
                  const fmpq_t Lambda, const kd_iter_cd_opts_t opts, const kd_arith_t arith)
{
    return _kd_iter_cd(R, _KD_ITER_CD_MATLAB, X, y, Lambda, opts, arith, "kd_iter_cd_matlab");
}

kd_status
kd_iter_cd_glmnet(kd_iter_result_t R, const fmpq_mat_t X, const fmpq_mat_t y,
                  const fmpq_t Lambda, const kd_iter_cd_opts_t opts, const kd_arith_t arith)
{
    return _kd_iter_cd(R, _KD_ITER_CD_GLMNET, X, y, Lambda, opts, arith, "kd_iter_cd_glmnet");
}
