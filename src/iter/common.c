/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The front end of the iterative solvers: arithmetic and options, rounding
   of the exact input to the working format, certified operator-norm bounds
   and step sizes, dispatch to a backend and exact conversion of results. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "internal.h"
#include "kdigits/op.h"

/* ------------------------------------------------------------ utilities */

double
_kd_iter_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

mpfr_ptr
_kd_iter_mpfr_vec_init(slong n, slong prec)
{
    slong i;
    mpfr_ptr v;
    if (n <= 0)
        return NULL;
    v = flint_malloc(n * sizeof(__mpfr_struct));
    if (v == NULL)
        return NULL;
    for (i = 0; i < n; i++)
    {
        mpfr_init2(v + i, prec);
        mpfr_set_zero(v + i, 1);
    }
    return v;
}

void
_kd_iter_mpfr_vec_clear(mpfr_ptr v, slong n)
{
    slong i;
    if (v == NULL)
        return;
    for (i = 0; i < n; i++)
        mpfr_clear(v + i);
    flint_free(v);
}

/* y = x exactly (x finite) */
static void
_kd_mpfr_get_fmpq(fmpq_t y, const mpfr_t x)
{
    arf_t t;
    arf_init(t);
    arf_set_mpfr(t, x);
    arf_get_fmpq(y, t);
    arf_clear(t);
}

/* ----------------------------------------------------------- arithmetic */

void
kd_arith_set_double(kd_arith_t a)
{
    a->backend = KD_BACKEND_DOUBLE;
    a->prec = 53;
}

kd_status
kd_arith_set_mpfr(kd_arith_t a, slong prec)
{
    if (prec < KD_ARITH_PREC_MIN || prec > KD_ARITH_PREC_MAX)
        return kd_error_set(KD_ERR_ARG, "working precision %ld bits is out of range [%d, %d]",
                            (long) prec, KD_ARITH_PREC_MIN, KD_ARITH_PREC_MAX);
    a->backend = KD_BACKEND_MPFR;
    a->prec = prec;
    return KD_OK;
}

kd_status
kd_arith_set_arb(kd_arith_t a, slong prec)
{
    kd_status st = kd_arith_set_mpfr(a, prec);
    if (st == KD_OK)
        a->backend = KD_BACKEND_ARB;
    return st;
}

const char *
kd_arith_name(const kd_arith_t a)
{
    static _Thread_local char buf[32];
    if (a->backend == KD_BACKEND_DOUBLE)
        return "double";
    snprintf(buf, sizeof buf, "%s-%ld", a->backend == KD_BACKEND_ARB ? "arb" : "mpfr",
             (long) a->prec);
    return buf;
}

/* Validates a (it may have been filled in by hand); returns the precision
   the backend works at. */
static kd_status
_kd_arith_check(slong * prec, const kd_arith_t a)
{
    if (a->backend == KD_BACKEND_DOUBLE)
    {
        *prec = 53;
        return KD_OK;
    }
    if (a->backend != KD_BACKEND_MPFR && a->backend != KD_BACKEND_ARB)
        return kd_error_set(KD_ERR_ARG, "unknown backend %d", (int) a->backend);
    if (a->prec < KD_ARITH_PREC_MIN || a->prec > KD_ARITH_PREC_MAX)
        return kd_error_set(KD_ERR_ARG, "working precision %ld bits is out of range [%d, %d]",
                            (long) a->prec, KD_ARITH_PREC_MIN, KD_ARITH_PREC_MAX);
    *prec = a->prec;
    return KD_OK;
}

/* Whether a nonzero finite r lies in double's normal range
   [2^-1022, 2^1024). */
static int
_kd_fits_double(const mpfr_t r)
{
    mpfr_exp_t e;
    if (mpfr_zero_p(r))
        return 1;
    if (!mpfr_number_p(r))
        return 0;
    e = mpfr_get_exp(r);                /* r = f 2^e, 1/2 <= |f| < 1 */
    return e >= -1021 && e <= 1024;
}

kd_status
_kd_iter_round_q(mpfr_t r, const fmpq_t q, int double_range, const char * what)
{
    mpq_t t;
    mpq_init(t);
    fmpq_get_mpq(t, q);
    mpfr_set_q(r, t, MPFR_RNDN);
    mpq_clear(t);
    if (!mpfr_number_p(r) || (double_range && !_kd_fits_double(r)))
        return kd_error_set(KD_ERR_ARG, "%s is outside the range of the working format", what);
    return KD_OK;
}

kd_status
kd_arith_round_fmpq(fmpq_t r, const fmpq_t q, const kd_arith_t a)
{
    slong prec = 53;
    mpfr_t t;
    kd_status st;
    if ((st = _kd_arith_check(&prec, a)) != KD_OK)
        return st;
    mpfr_init2(t, prec);
    st = _kd_iter_round_q(t, q, a->backend == KD_BACKEND_DOUBLE, "the value");
    if (st == KD_OK)
        _kd_mpfr_get_fmpq(r, t);
    mpfr_clear(t);
    return st;
}

/* ------------------------------------------------- options and results */

void
kd_iter_data_init(kd_iter_data_t D, const fmpq_mat_t A_re, const fmpq_mat_t A_im,
                  const fmpq_mat_t y_re, const fmpq_mat_t y_im, const fmpq_mat_t w)
{
    D->A_re = A_re;
    D->A_im = A_im;
    D->y_re = y_re;
    D->y_im = y_im;
    D->w = w;
    D->op = NULL;
}

void
kd_iter_data_init_op(kd_iter_data_t D, const struct kd_op_struct * A, const fmpq_mat_t y_re,
                     const fmpq_mat_t y_im, const fmpq_mat_t w)
{
    D->A_re = NULL;
    D->A_im = NULL;
    D->y_re = y_re;
    D->y_im = y_im;
    D->w = w;
    D->op = A;
}

void
_kd_iter_op_apply_mpfr(mpfr_ptr o_re, mpfr_ptr o_im, const struct kd_op_struct * op,
                       mpfr_srcptr x_re, mpfr_srcptr x_im, int adjoint, slong prec)
{
    slong i, lin = adjoint ? op->nrows : op->ncols, lout = adjoint ? op->ncols : op->nrows;
    acb_ptr x = _acb_vec_init(lin), y = _acb_vec_init(lout);
    for (i = 0; i < lin; i++)
    {
        arf_set_mpfr(arb_midref(acb_realref(x + i)), x_re + i);
        if (x_im != NULL)
            arf_set_mpfr(arb_midref(acb_imagref(x + i)), x_im + i);
    }
    kd_op_apply_acb(y, op, x, adjoint, prec + 8);
    for (i = 0; i < lout; i++)
    {
        arf_get_mpfr(o_re + i, arb_midref(acb_realref(y + i)), MPFR_RNDN);
        if (o_im != NULL)
            arf_get_mpfr(o_im + i, arb_midref(acb_imagref(y + i)), MPFR_RNDN);
    }
    _acb_vec_clear(x, lin);
    _acb_vec_clear(y, lout);
}

const char *
kd_iter_stop_name(kd_iter_stop s)
{
    switch (s)
    {
        case KD_ITER_STOP_TOLERANCE: return "tolerance";
        case KD_ITER_STOP_MAX_ITER: return "max-iterations";
        case KD_ITER_STOP_COMPLETED: return "completed";
        case KD_ITER_STOP_NONFINITE: return "non-finite";
    }
    return "unknown";
}

void
kd_iter_result_init(kd_iter_result_t R)
{
    fmpq_mat_init(R->x_re, 0, 1);
    fmpq_mat_init(R->x_im, 0, 1);
    fmpq_mat_init(R->B, 0, 1);
    fmpq_mat_init(R->z_re, 0, 1);
    fmpq_mat_init(R->z_im, 0, 1);
    fmpq_init(R->L_A);
    fmpq_init(R->step);
    fmpq_init(R->tau);
    fmpq_init(R->sigma);
    fmpq_init(R->intercept);
    R->is_complex = 0;
    R->iterations = 0;
    R->stop = KD_ITER_STOP_MAX_ITER;
    R->seconds = 0.0;
    R->prec = 0;
    R->layers = 0;
    R->warned = 0;
}

void
kd_iter_result_clear(kd_iter_result_t R)
{
    fmpq_mat_clear(R->x_re);
    fmpq_mat_clear(R->x_im);
    fmpq_mat_clear(R->B);
    fmpq_mat_clear(R->z_re);
    fmpq_mat_clear(R->z_im);
    fmpq_clear(R->L_A);
    fmpq_clear(R->step);
    fmpq_clear(R->tau);
    fmpq_clear(R->sigma);
    fmpq_clear(R->intercept);
}

void
kd_iter_opts_init(kd_iter_opts_t opts)
{
    opts->max_iter = 10000;
    opts->tol = 0.0;
    opts->observe = NULL;
    opts->observe_arg = NULL;
    opts->observe_every = 1;
}

void
kd_iter_firenet_params_init(kd_iter_firenet_params_t P)
{
    P->p = 50;
    P->n = 30;
    fmpq_init(P->delta);
    fmpq_init(P->eps0);
    fmpq_init(P->L_A);
    fmpq_set_si(P->delta, 1, 1000000);
    P->replicate_published_steps = 0;
    P->observe = NULL;
    P->observe_arg = NULL;
}

void
kd_iter_firenet_params_clear(kd_iter_firenet_params_t P)
{
    fmpq_clear(P->delta);
    fmpq_clear(P->eps0);
    fmpq_clear(P->L_A);
}

/* ------------------------------------------------ operator-norm bound */

/* upper bound of |z| as an arf */
static void
_kd_acb_abs_ubound(arf_t u, const acb_t z, slong prec)
{
    arb_t t;
    arb_init(t);
    acb_abs(t, z, prec);
    arb_get_ubound_arf(u, t, prec);
    arb_clear(t);
}

/* u = upper bound of ||M||_F */
static void
_kd_acb_mat_frobenius_ubound(arf_t u, const acb_mat_t M, slong prec)
{
    slong i, j;
    arb_t s, t;
    arb_init(s);
    arb_init(t);
    for (i = 0; i < acb_mat_nrows(M); i++)
        for (j = 0; j < acb_mat_ncols(M); j++)
        {
            acb_abs(t, acb_mat_entry(M, i, j), prec);
            arb_addmul(s, t, t, prec);
        }
    arb_sqrtpos(s, s, prec);
    arb_get_ubound_arf(u, s, prec);
    arb_clear(s);
    arb_clear(t);
}

kd_status
kd_iter_opnorm_ubound(arf_t L, const fmpq_mat_t A_re, const fmpq_mat_t A_im, slong prec)
{
    slong m = fmpq_mat_nrows(A_re), N = fmpq_mat_ncols(A_re), k, i, j, jsq;
    acb_mat_t A, Ah, G, H;
    arf_t u, v, b;
    arb_t t;
    double cost;

    if (A_im != NULL && (fmpq_mat_nrows(A_im) != m || fmpq_mat_ncols(A_im) != N))
        return kd_error_set(KD_ERR_SIZE, "imaginary part is %ld x %ld, real part %ld x %ld",
                            (long) fmpq_mat_nrows(A_im), (long) fmpq_mat_ncols(A_im),
                            (long) m, (long) N);
    if (prec < 2 || prec > KD_ARITH_PREC_MAX)
        return kd_error_set(KD_ERR_ARG, "precision %ld is out of range", (long) prec);
    if (m == 0 || N == 0)
    {
        arf_zero(L);
        return KD_OK;
    }
    /* too large for the Gram powers: the Cholesky certificate in double
       (solvers.md §6), when it succeeds, is the bound */
    k = FLINT_MIN(m, N);
    if ((double) m * (double) N * (double) k > 1e9)
    {
        _kd_iter_opnorm_chol(L, A_re, A_im);
        if (arf_is_finite(L))
            return KD_OK;
    }
    prec += 10;
    acb_mat_init(A, m, N);
    arf_init(u);
    arf_init(v);
    arf_init(b);
    arb_init(t);
    for (i = 0; i < m; i++)
        for (j = 0; j < N; j++)
        {
            arb_set_fmpq(acb_realref(acb_mat_entry(A, i, j)), fmpq_mat_entry(A_re, i, j), prec);
            if (A_im != NULL)
                arb_set_fmpq(acb_imagref(acb_mat_entry(A, i, j)),
                             fmpq_mat_entry(A_im, i, j), prec);
        }

    /* ||A||_F */
    _kd_acb_mat_frobenius_ubound(b, A, prec);

    /* sqrt(||A||_1 ||A||_inf) */
    {
        arf_t n1, ninf, s;
        arf_init(n1);
        arf_init(ninf);
        arf_init(s);
        for (j = 0; j < N; j++)
        {
            arf_zero(s);
            for (i = 0; i < m; i++)
            {
                _kd_acb_abs_ubound(u, acb_mat_entry(A, i, j), prec);
                arf_add(s, s, u, prec, ARF_RND_UP);
            }
            arf_max(n1, n1, s);
        }
        for (i = 0; i < m; i++)
        {
            arf_zero(s);
            for (j = 0; j < N; j++)
            {
                _kd_acb_abs_ubound(u, acb_mat_entry(A, i, j), prec);
                arf_add(s, s, u, prec, ARF_RND_UP);
            }
            arf_max(ninf, ninf, s);
        }
        arf_mul(s, n1, ninf, prec, ARF_RND_UP);
        arf_sqrt(s, s, prec, ARF_RND_UP);
        arf_min(b, b, s);
        arf_clear(n1);
        arf_clear(ninf);
        arf_clear(s);
    }

    /* ||G^s||_F^(1/(2s)), G the smaller Gram matrix, s = 2^jsq: stop
       squaring once k^(1/(4s)) <= 1.01 or the cost would pass ~10^9 */
    k = FLINT_MIN(m, N);
    cost = (double) m * (double) N * (double) k;
    jsq = -1;
    if (cost <= 1e9)
    {
        jsq = 0;
        while (jsq < 8 && log((double) k) / (4.0 * (double) (WORD(1) << jsq)) > log(1.01)
               && cost + (double) k * k * k <= 1e9)
        {
            jsq++;
            cost += (double) k * k * k;
        }
        acb_mat_init(Ah, N, m);
        acb_mat_init(G, k, k);
        acb_mat_init(H, k, k);
        acb_mat_conjugate_transpose(Ah, A);
        if (N <= m)
            acb_mat_mul(G, Ah, A, prec);
        else
            acb_mat_mul(G, A, Ah, prec);
        for (i = 0; i < jsq; i++)
        {
            acb_mat_sqr(H, G, prec);
            acb_mat_swap(H, G);
        }
        _kd_acb_mat_frobenius_ubound(u, G, prec);
        arb_set_arf(t, u);
        arb_root_ui(t, t, UWORD(2) << jsq, prec);
        arb_get_ubound_arf(u, t, prec);
        if (arf_is_finite(u))
            arf_min(b, b, u);
        acb_mat_clear(Ah);
        acb_mat_clear(G);
        acb_mat_clear(H);
    }
    /* too few squarings for the Gram powers to be tight: the Cholesky
       certificate too (solvers.md §6) */
    if (jsq >= 0 && log((double) k) / (4.0 * (double) (WORD(1) << jsq)) > log(1.01))
    {
        _kd_iter_opnorm_chol(u, A_re, A_im);
        arf_min(b, b, u);
    }
    arf_set(L, b);

    acb_mat_clear(A);
    arf_clear(u);
    arf_clear(v);
    arf_clear(b);
    arb_clear(t);
    return KD_OK;
}

/* ------------------------------------------------------------------ jobs */

void
_kd_iter_job_init(_kd_iter_job_struct * job, _kd_iter_method method, slong prec)
{
    memset(job, 0, sizeof(*job));
    job->method = method;
    job->prec = prec;
    mpfr_init2(job->lambda, prec);
    mpfr_init2(job->tol, prec);
    mpfr_init2(job->step, prec);
    mpfr_init2(job->tau, prec);
    mpfr_init2(job->sigma, prec);
    mpfr_init2(job->delta, prec);
    mpfr_init2(job->eps0, prec);
    mpfr_init2(job->L_A, prec);
    mpfr_init2(job->einv, prec);
    mpfr_set_zero(job->lambda, 1);
    mpfr_set_zero(job->tol, 1);
    mpfr_set_zero(job->step, 1);
    mpfr_set_zero(job->tau, 1);
    mpfr_set_zero(job->sigma, 1);
    mpfr_set_zero(job->delta, 1);
    mpfr_set_zero(job->eps0, 1);
    mpfr_set_zero(job->L_A, 1);
    mpfr_set_zero(job->einv, 1);
    job->max_iter = 1;
}

void
_kd_iter_job_clear(_kd_iter_job_struct * job)
{
    slong mn = job->m * job->N;
    _kd_iter_mpfr_vec_clear(job->A_re, mn);
    _kd_iter_mpfr_vec_clear(job->A_im, mn);
    _kd_iter_mpfr_vec_clear(job->y_re, job->m);
    _kd_iter_mpfr_vec_clear(job->y_im, job->m);
    _kd_iter_mpfr_vec_clear(job->w, job->N);
    mpfr_clear(job->lambda);
    mpfr_clear(job->tol);
    mpfr_clear(job->step);
    mpfr_clear(job->tau);
    mpfr_clear(job->sigma);
    mpfr_clear(job->delta);
    mpfr_clear(job->eps0);
    mpfr_clear(job->L_A);
    mpfr_clear(job->einv);
}

static kd_status
_kd_iter_round_mat(mpfr_ptr dst, const fmpq_mat_t src, int dbl, const char * name)
{
    slong i, j, r = fmpq_mat_nrows(src), c = fmpq_mat_ncols(src);
    char what[96];
    for (i = 0; i < r; i++)
        for (j = 0; j < c; j++)
        {
            snprintf(what, sizeof what, "entry (%ld, %ld) of %s", (long) i, (long) j, name);
            if (_kd_iter_round_q(dst + i * c + j, fmpq_mat_entry(src, i, j), dbl, what) != KD_OK)
                return KD_ERR_ARG;
        }
    return KD_OK;
}

static kd_status
_kd_iter_check_dims(const fmpq_mat_struct * M, slong r, slong c, const char * name)
{
    if (fmpq_mat_nrows(M) != r || fmpq_mat_ncols(M) != c)
        return kd_error_set(KD_ERR_SIZE, "%s is %ld x %ld, expected %ld x %ld", name,
                            (long) fmpq_mat_nrows(M), (long) fmpq_mat_ncols(M), (long) r,
                            (long) c);
    return KD_OK;
}

kd_status
_kd_iter_job_set_data(_kd_iter_job_struct * job, const kd_iter_data_t D, const kd_arith_t arith)
{
    slong m, N, i;
    int dbl = (arith->backend == KD_BACKEND_DOUBLE);
    kd_status st;

    if ((D->A_re == NULL && D->op == NULL) || D->y_re == NULL)
        return kd_error_set(KD_ERR_ARG, "the data need A_re (or an operator) and y_re");
    if (D->op != NULL && (job->method == _KD_ITER_CD_MATLAB || job->method == _KD_ITER_CD_GLMNET))
        return kd_error_set(KD_ERR_ARG, "coordinate descent needs a dense matrix");
    m = D->op != NULL ? D->op->nrows : fmpq_mat_nrows(D->A_re);
    N = D->op != NULL ? D->op->ncols : fmpq_mat_ncols(D->A_re);
    if (m < 1 || N < 1)
        return kd_error_set(KD_ERR_SIZE, "A is %ld x %ld; it needs at least one row and column",
                            (long) m, (long) N);
    if ((D->A_im != NULL && (st = _kd_iter_check_dims(D->A_im, m, N, "A_im")) != KD_OK)
        || (st = _kd_iter_check_dims(D->y_re, m, 1, "y_re")) != KD_OK
        || (D->y_im != NULL && (st = _kd_iter_check_dims(D->y_im, m, 1, "y_im")) != KD_OK)
        || (D->w != NULL && (st = _kd_iter_check_dims(D->w, N, 1, "w")) != KD_OK))
        return st;
    if (D->w != NULL)
        for (i = 0; i < N; i++)
            if (fmpq_sgn(fmpq_mat_entry(D->w, i, 0)) <= 0)
                return kd_error_set(KD_ERR_ARG, "weight w_%ld is not positive", (long) i);

    job->m = m;
    job->N = N;
    job->cplx = (D->A_im != NULL || D->y_im != NULL || (D->op != NULL && D->op->is_complex));
    job->op = D->op;
    if (D->op == NULL)
        job->A_re = _kd_iter_mpfr_vec_init(m * N, job->prec);
    job->y_re = _kd_iter_mpfr_vec_init(m, job->prec);
    job->w = _kd_iter_mpfr_vec_init(N, job->prec);
    if (job->cplx)
    {
        if (D->op == NULL)
            job->A_im = _kd_iter_mpfr_vec_init(m * N, job->prec);
        job->y_im = _kd_iter_mpfr_vec_init(m, job->prec);
    }
    if ((job->A_re == NULL && D->op == NULL) || job->y_re == NULL || job->w == NULL
        || (job->cplx && ((job->A_im == NULL && D->op == NULL) || job->y_im == NULL)))
        return kd_error_set(KD_ERR_NOMEM, "cannot allocate the working data");
    if ((D->op == NULL && (st = _kd_iter_round_mat(job->A_re, D->A_re, dbl, "A_re")) != KD_OK)
        || (D->A_im != NULL && (st = _kd_iter_round_mat(job->A_im, D->A_im, dbl, "A_im")) != KD_OK)
        || (st = _kd_iter_round_mat(job->y_re, D->y_re, dbl, "y_re")) != KD_OK
        || (D->y_im != NULL && (st = _kd_iter_round_mat(job->y_im, D->y_im, dbl, "y_im")) != KD_OK)
        || (D->w != NULL && (st = _kd_iter_round_mat(job->w, D->w, dbl, "w")) != KD_OK))
        return st;
    if (D->w == NULL)
        for (i = 0; i < N; i++)
            mpfr_set_ui(job->w + i, 1, MPFR_RNDN);
    else
        for (i = 0; i < N; i++)
            if (mpfr_zero_p(job->w + i))
                return kd_error_set(KD_ERR_ARG, "weight w_%ld rounds to 0", (long) i);
    return KD_OK;
}

/* job->L_A = an upper bound, in the working format (rounded up), of both
   ||A||_2 (exact data) and ||A_rounded||_2 (what the iteration multiplies
   by): the certified bound of A plus ||A_rounded - A||_F. A zero bound is
   replaced by 1 (any step is valid for A = 0). */
static kd_status
_kd_iter_job_set_LA(_kd_iter_job_struct * job, const kd_iter_data_t D, int dbl)
{
    slong i, j, m = job->m, N = job->N, prec = 64;
    arf_t L, u;
    arb_t s, t;
    fmpq_t q;
    kd_status st;

    arf_init(L);
    arf_init(u);
    arb_init(s);
    arb_init(t);
    fmpq_init(q);
    if (D->op != NULL)
    {
        /* the structural bound with a margin of 2^-20 for the transform in
           working arithmetic (operators.md §4) */
        kd_op_opnorm_ubound(L, D->op);
        arf_mul_2exp_si(u, L, -20);
        arf_add(L, L, u, prec, ARF_RND_UP);
        arf_get_mpfr(job->L_A, L, MPFR_RNDU);
        st = KD_OK;
    }
    else if ((st = kd_iter_opnorm_ubound(L, D->A_re, D->A_im, prec)) == KD_OK)
    {
        for (i = 0; i < m; i++)
            for (j = 0; j < N; j++)
            {
                _kd_mpfr_get_fmpq(q, job->A_re + i * N + j);
                fmpq_sub(q, q, fmpq_mat_entry(D->A_re, i, j));
                arb_set_fmpq(t, q, prec);
                arb_addmul(s, t, t, prec);
                if (D->A_im != NULL)
                {
                    _kd_mpfr_get_fmpq(q, job->A_im + i * N + j);
                    fmpq_sub(q, q, fmpq_mat_entry(D->A_im, i, j));
                    arb_set_fmpq(t, q, prec);
                    arb_addmul(s, t, t, prec);
                }
            }
        arb_sqrtpos(s, s, prec);
        arb_add_arf(s, s, L, prec);
        arb_get_ubound_arf(L, s, prec);
        if (arf_is_zero(L))
            arf_one(L);
        arf_get_mpfr(job->L_A, L, MPFR_RNDU);
        if (dbl && !_kd_fits_double(job->L_A))
            st = kd_error_set(KD_ERR_ARG, "the bound of ||A||_2 is outside double's range");
    }
    arf_clear(L);
    arf_clear(u);
    arb_clear(s);
    arb_clear(t);
    fmpq_clear(q);
    return st;
}

/* ISTA/FISTA: step = RD(1/(2 L_A^2)), L_A the working-format bound */
static void
_kd_iter_job_set_step_p2(_kd_iter_job_struct * job)
{
    mpfr_t t;
    mpfr_init2(t, 2 * job->prec + 2);
    mpfr_sqr(t, job->L_A, MPFR_RNDN);               /* exact */
    mpfr_mul_2ui(t, t, 1, MPFR_RNDN);               /* exact */
    mpfr_ui_div(job->step, 1, t, MPFR_RNDD);
    mpfr_clear(t);
}

/* tau = sigma = the largest working-format number <= RD(1/L_A) with
   tau L_A < 1 (checked exactly), so tau sigma L_A^2 < 1 */
static void
_kd_iter_job_set_steps_pd(_kd_iter_job_struct * job, const mpfr_t LA)
{
    mpfr_t t;
    mpfr_init2(t, 2 * job->prec + 2);
    mpfr_ui_div(job->tau, 1, LA, MPFR_RNDD);
    for (;;)
    {
        mpfr_mul(t, job->tau, LA, MPFR_RNDN);       /* exact */
        if (mpfr_cmp_ui(t, 1) < 0)
            break;
        mpfr_nextbelow(job->tau);
    }
    mpfr_set(job->sigma, job->tau, MPFR_RNDN);
    mpfr_clear(t);
}

static kd_status
_kd_iter_opts_check(const kd_iter_opts_t opts)
{
    if (opts->max_iter < 1)
        return kd_error_set(KD_ERR_ARG, "max_iter must be >= 1 (got %ld)", (long) opts->max_iter);
    if (opts->observe != NULL && opts->observe_every < 1)
        return kd_error_set(KD_ERR_ARG, "observe_every must be >= 1 (got %ld)",
                            (long) opts->observe_every);
    if (opts->tol != opts->tol)
        return kd_error_set(KD_ERR_ARG, "tol is NaN");
    return KD_OK;
}

kd_status
_kd_iter_job_run(kd_iter_result_t R, const _kd_iter_job_struct * job, const kd_arith_t arith)
{
    _kd_iter_out_struct out[1];
    slong i, N = job->N, prec = job->prec;
    int cd = (job->method == _KD_ITER_CD_MATLAB || job->method == _KD_ITER_CD_GLMNET);
    kd_status st;

    out->z_re = _kd_iter_mpfr_vec_init(job->m, prec);
    out->z_im = _kd_iter_mpfr_vec_init(job->m, prec);
    out->x_re = _kd_iter_mpfr_vec_init(N, prec);
    out->x_im = _kd_iter_mpfr_vec_init(N, prec);
    out->B = _kd_iter_mpfr_vec_init(N, prec);
    mpfr_init2(out->intercept, prec);
    mpfr_set_zero(out->intercept, 1);
    out->iterations = 0;
    out->stop = KD_ITER_STOP_MAX_ITER;
    out->warned = 0;
    out->seconds = 0.0;
    if (out->x_re == NULL || out->x_im == NULL || out->B == NULL)
        st = KD_ERR_NOMEM;
    else if (arith->backend == KD_BACKEND_DOUBLE)
        st = _kd_iter_run_d(out, job);
    else if (arith->backend == KD_BACKEND_ARB)
        st = _kd_iter_run_arb(out, job);
    else
        st = _kd_iter_run_mpfr(out, job);

    if (st == KD_OK)
    {
        int finite = (out->stop != KD_ITER_STOP_NONFINITE);
        fmpq_mat_clear(R->x_re);
        fmpq_mat_clear(R->x_im);
        fmpq_mat_clear(R->B);
        fmpq_mat_init(R->x_re, N, 1);
        fmpq_mat_init(R->x_im, N, 1);
        fmpq_mat_init(R->B, cd ? N : 0, 1);
        for (i = 0; i < N && finite; i++)
        {
            _kd_mpfr_get_fmpq(fmpq_mat_entry(R->x_re, i, 0), out->x_re + i);
            _kd_mpfr_get_fmpq(fmpq_mat_entry(R->x_im, i, 0), out->x_im + i);
            if (cd)
                _kd_mpfr_get_fmpq(fmpq_mat_entry(R->B, i, 0), out->B + i);
        }
        {
            int pd = (job->method == _KD_ITER_PD_P3 || job->method == _KD_ITER_PD_P1);
            fmpq_mat_clear(R->z_re);
            fmpq_mat_clear(R->z_im);
            fmpq_mat_init(R->z_re, pd && finite ? job->m : 0, 1);
            fmpq_mat_init(R->z_im, pd && finite ? job->m : 0, 1);
            for (i = 0; i < job->m && pd && finite; i++)
            {
                _kd_mpfr_get_fmpq(fmpq_mat_entry(R->z_re, i, 0), out->z_re + i);
                _kd_mpfr_get_fmpq(fmpq_mat_entry(R->z_im, i, 0), out->z_im + i);
            }
        }
        if (cd && finite && mpfr_number_p(out->intercept))
            _kd_mpfr_get_fmpq(R->intercept, out->intercept);
        else
            fmpq_zero(R->intercept);
        R->is_complex = job->cplx;
        R->iterations = out->iterations;
        R->stop = out->stop;
        R->seconds = out->seconds;
        R->prec = prec;
        R->warned = out->warned;
        _kd_mpfr_get_fmpq(R->L_A, job->L_A);
        _kd_mpfr_get_fmpq(R->step, job->step);
        _kd_mpfr_get_fmpq(R->tau, job->tau);
        _kd_mpfr_get_fmpq(R->sigma, job->sigma);
        R->layers = (job->method == _KD_ITER_FIRENET) ? 3 * job->fn * job->fp + 1 : 0;
    }
    else
        kd_error_set(st, "out of memory in the iteration");

    _kd_iter_mpfr_vec_clear(out->z_re, job->m);
    _kd_iter_mpfr_vec_clear(out->z_im, job->m);
    _kd_iter_mpfr_vec_clear(out->x_re, N);
    _kd_iter_mpfr_vec_clear(out->x_im, N);
    _kd_iter_mpfr_vec_clear(out->B, N);
    mpfr_clear(out->intercept);
    return st;
}

/* ------------------------------------------------- first-order methods */

static kd_status
_kd_iter_first_order(kd_iter_result_t R, _kd_iter_method method, const kd_iter_data_t D,
                     const fmpq_t param, const kd_iter_opts_t opts, const kd_arith_t arith,
                     const char * fname)
{
    _kd_iter_job_struct job[1];
    slong prec = 53;
    int dbl;
    kd_status st;

    if ((st = _kd_arith_check(&prec, arith)) != KD_OK || (st = _kd_iter_opts_check(opts)) != KD_OK)
        goto prefix;
    if (method == _KD_ITER_PD_P1 ? fmpq_sgn(param) < 0 : fmpq_sgn(param) <= 0)
    {
        st = kd_error_set(KD_ERR_ARG, method == _KD_ITER_PD_P1 ? "eta must be >= 0"
                          : "lambda must be > 0");
        goto prefix;
    }
    dbl = (arith->backend == KD_BACKEND_DOUBLE);
    _kd_iter_job_init(job, method, prec);
    job->max_iter = opts->max_iter;
    job->run_all = (opts->tol < 0);
    job->observe = opts->observe;
    job->observe_arg = opts->observe_arg;
    job->observe_every = opts->observe_every;
    mpfr_set_d(job->tol, opts->tol < 0 ? 0.0 : opts->tol, MPFR_RNDN);
    if ((st = _kd_iter_job_set_data(job, D, arith)) == KD_OK
        && (st = _kd_iter_round_q(job->lambda, param, dbl,
                                  method == _KD_ITER_PD_P1 ? "eta" : "lambda")) == KD_OK
        && (st = _kd_iter_job_set_LA(job, D, dbl)) == KD_OK)
    {
        if (method == _KD_ITER_ISTA || method == _KD_ITER_FISTA)
            _kd_iter_job_set_step_p2(job);
        else
            _kd_iter_job_set_steps_pd(job, job->L_A);
        st = _kd_iter_job_run(R, job, arith);
    }
    _kd_iter_job_clear(job);
prefix:
    if (st != KD_OK)
        kd_error_prefix("%s", fname);
    return st;
}

kd_status
kd_iter_ista(kd_iter_result_t R, const kd_iter_data_t D, const fmpq_t lambda,
             const kd_iter_opts_t opts, const kd_arith_t arith)
{
    return _kd_iter_first_order(R, _KD_ITER_ISTA, D, lambda, opts, arith, "kd_iter_ista");
}

kd_status
kd_iter_fista(kd_iter_result_t R, const kd_iter_data_t D, const fmpq_t lambda,
              const kd_iter_opts_t opts, const kd_arith_t arith)
{
    return _kd_iter_first_order(R, _KD_ITER_FISTA, D, lambda, opts, arith, "kd_iter_fista");
}

kd_status
kd_iter_pd_p3(kd_iter_result_t R, const kd_iter_data_t D, const fmpq_t lambda,
              const kd_iter_opts_t opts, const kd_arith_t arith)
{
    return _kd_iter_first_order(R, _KD_ITER_PD_P3, D, lambda, opts, arith, "kd_iter_pd_p3");
}

kd_status
kd_iter_pd_p1(kd_iter_result_t R, const kd_iter_data_t D, const fmpq_t eta,
              const kd_iter_opts_t opts, const kd_arith_t arith)
{
    return _kd_iter_first_order(R, _KD_ITER_PD_P1, D, eta, opts, arith, "kd_iter_pd_p1");
}

/* ------------------------------------------------------------- FIRENET */

kd_status
kd_iter_firenet(kd_iter_result_t R, const kd_iter_data_t D, const fmpq_t lambda,
                const kd_iter_firenet_params_t P, const kd_arith_t arith)
{
    _kd_iter_job_struct job[1];
    slong prec = 53;
    int dbl;
    kd_status st;
    mpfr_t t;

    if ((st = _kd_arith_check(&prec, arith)) != KD_OK)
        goto prefix;
    if (fmpq_sgn(lambda) <= 0)
        st = kd_error_set(KD_ERR_ARG, "lambda must be > 0");
    else if (P->p < 1 || P->n < 1)
        st = kd_error_set(KD_ERR_ARG, "p and n must be >= 1 (got p = %ld, n = %ld)",
                          (long) P->p, (long) P->n);
    else if (P->n > WORD_MAX / 4 / P->p)
        st = kd_error_set(KD_ERR_ARG, "3 n p + 1 layers overflow");
    else if (fmpq_sgn(P->delta) <= 0)
        st = kd_error_set(KD_ERR_ARG, "delta must be > 0");
    else if (fmpq_sgn(P->eps0) < 0)
        st = kd_error_set(KD_ERR_ARG, "eps0 must be > 0 (or 0 for ||y||_2)");
    else if (fmpq_sgn(P->L_A) < 0)
        st = kd_error_set(KD_ERR_ARG, "L_A must be > 0 (or 0 for the certified bound)");
    if (st != KD_OK)
        goto prefix;

    dbl = (arith->backend == KD_BACKEND_DOUBLE);
    _kd_iter_job_init(job, _KD_ITER_FIRENET, prec);
    job->fp = P->p;
    job->fn = P->n;
    job->eps0_auto = fmpq_is_zero(P->eps0);
    job->observe = P->observe;
    job->observe_arg = P->observe_arg;
    mpfr_init2(t, prec);
    if ((st = _kd_iter_job_set_data(job, D, arith)) == KD_OK
        && (st = _kd_iter_round_q(job->lambda, lambda, dbl, "lambda")) == KD_OK
        && (st = _kd_iter_round_q(job->delta, P->delta, dbl, "delta")) == KD_OK
        && (job->eps0_auto || (st = _kd_iter_round_q(job->eps0, P->eps0, dbl, "eps0")) == KD_OK))
    {
        if (fmpq_is_zero(P->L_A))
            st = _kd_iter_job_set_LA(job, D, dbl);
        else
        {
            /* the user's L_A, rounded up so that it stays >= ||A|| */
            mpq_t q;
            mpq_init(q);
            fmpq_get_mpq(q, P->L_A);
            mpfr_set_q(job->L_A, q, MPFR_RNDU);
            mpq_clear(q);
            if (dbl && !_kd_fits_double(job->L_A))
                st = kd_error_set(KD_ERR_ARG, "L_A is outside double's range");
        }
    }
    if (st == KD_OK)
    {
        if (P->replicate_published_steps)
        {
            /* the authors' tau = sigma = sqrt(1/L_A), each step rounded */
            mpfr_ui_div(t, 1, job->L_A, MPFR_RNDN);
            mpfr_sqrt(job->tau, t, MPFR_RNDN);
            mpfr_set(job->sigma, job->tau, MPFR_RNDN);
        }
        else
            _kd_iter_job_set_steps_pd(job, job->L_A);
        /* e^{-1} correctly rounded at the working precision */
        mpfr_set_si(t, -1, MPFR_RNDN);
        mpfr_exp(job->einv, t, MPFR_RNDN);
        st = _kd_iter_job_run(R, job, arith);
    }
    mpfr_clear(t);
    _kd_iter_job_clear(job);
prefix:
    if (st != KD_OK)
        kd_error_prefix("kd_iter_firenet");
    return st;
}
