/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kd_conv_run: FIRENET's convergence experiment with a certified duality
   gap at every step (proofs-notes/convergence.md). */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <string.h>
#include <time.h>
#include "kdigits/convergence.h"
#include "kdigits/iter.h"
#include "kdigits/candidate.h"
#include "kdigits/util.h"

static double
_kd_conv_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

void
kd_conv_opts_init(kd_conv_opts_t o)
{
    o->n = 256;
    o->rate = 0.15;
    o->noise = 0.02;
    o->levels = 0;
    o->walsh = 1;
    o->fourier = 0;
    o->das = 1;
    o->multilevel = 0;
    o->uniform = 1;
    fmpq_init(o->lambda);
    fmpq_set_si(o->lambda, 1, 4000);
    fmpq_init(o->delta);
    fmpq_set_si(o->delta, 1, 1000000000);
    o->p = 5;
    o->restarts = 16;
    o->sparsity_threshold = 0.5;
    o->seed = 1;
    o->prec = 64;
    o->phantom = KD_CONV_PHANTOM_COMPRESSED;
    o->keep = 0.0;
}

void
kd_conv_opts_clear(kd_conv_opts_t o)
{
    fmpq_clear(o->lambda);
    fmpq_clear(o->delta);
}

static void
_kd_conv_opts_copy(kd_conv_opts_t d, const kd_conv_opts_t s)
{
    fmpq_t l, e;
    /* the struct copy shares the fmpq's limbs: re-own them */
    fmpq_init(l);
    fmpq_init(e);
    fmpq_set(l, s->lambda);
    fmpq_set(e, s->delta);
    *d = *s;
    *d->lambda = *l;
    *d->delta = *e;
}

void
kd_conv_report_init(kd_conv_report_t R)
{
    memset(R, 0, sizeof(*R));
    arb_init(R->cnorm);
    kd_conv_opts_init(R->opts);
}

static void
_kd_conv_run_clear(kd_conv_run_struct * r)
{
    slong j;
    for (j = 0; j < r->nsteps; j++)
    {
        arb_clear(r->steps[j].relerr);
        arb_clear(r->steps[j].F);
        arf_clear(r->steps[j].gap_ub);
        arb_clear(r->steps[j].gap);
    }
    flint_free(r->steps);
    arb_clear(r->Fstar);
    arb_clear(r->truth_F);
    arb_clear(r->truth_gap);
    arf_clear(r->truth_gap_ub);
}

void
kd_conv_report_clear(kd_conv_report_t R)
{
    slong i;
    for (i = 0; i < R->nruns; i++)
        _kd_conv_run_clear(R->runs + i);
    flint_free(R->runs);
    flint_free(R->sparsity);
    flint_free(R->weights_level);
    arb_clear(R->cnorm);
    kd_conv_opts_clear(R->opts);
    memset(R, 0, sizeof(*R));
}

/* ------------------------------------------------------------ noise */

static ulong
_kd_conv_next(ulong * s)
{
    /* splitmix64 (Steele, Lea, Flood 2014) */
    ulong z = (*s += UWORD(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UWORD(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UWORD(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* standard normal deviates by Marsaglia's polar method; the logarithm by
   MPFR (correctly rounded), so the values are the same on every machine */
static void
_kd_conv_gauss(double * g, slong n, ulong seed)
{
    slong i = 0;
    ulong st = seed ^ UWORD(0x5bd1e995);
    mpfr_t t;
    mpfr_init2(t, 53);
    while (i < n)
    {
        double u = 2.0 * ((double) (_kd_conv_next(&st) >> 11) * 0x1p-53) - 1.0;
        double v = 2.0 * ((double) (_kd_conv_next(&st) >> 11) * 0x1p-53) - 1.0;
        double s = u * u + v * v, f;
        if (s >= 1.0 || s == 0.0)
            continue;
        mpfr_set_d(t, s, MPFR_RNDN);
        mpfr_log(t, t, MPFR_RNDN);
        f = sqrt(-2.0 * mpfr_get_d(t, MPFR_RNDN) / s);
        g[i++] = u * f;
        if (i < n)
            g[i++] = v * f;
    }
    mpfr_clear(t);
}

/* ------------------------------------------------------ the observer */

typedef struct
{
    const kd_op_struct * A;
    const double * y_re, * y_im, * w;
    const fmpq * lambda;
    arb_srcptr c;               /* the exact c = H f (balls) */
    const arb_struct * cnorm;
    double * x_re, * x_im;      /* N: the iterate of the original problem */
    kd_conv_run_struct * run;
    slong p, prec, done, total;
    double t_cert;
    arf_t dbest;                /* the best dual value proved so far (<= F*) */
}
_kd_conv_ctx;

/* gap = min(gap, upper F - dbest): dbest <= F* is a proved dual value */
static void
_kd_conv_gap_by_best_dual(arf_t gap, const arb_t F, const arf_t dbest, slong prec)
{
    arf_t u;
    arf_init(u);
    arb_get_ubound_arf(u, F, prec);
    arf_sub(u, u, dbest, prec, ARF_RND_CEIL);
    if (arf_cmp(u, gap) < 0)
        arf_set(gap, u);
    arf_clear(u);
}

static kd_status
_kd_conv_observe(const kd_iter_state_struct * s, void * arg)
{
    _kd_conv_ctx * C = arg;
    kd_conv_step_struct * S = C->run->steps + C->run->nsteps;
    slong i, N = s->N;
    double t0 = _kd_conv_now();
    arb_t t, u;
    arf_t t0a;
    kd_status st;

    for (i = 0; i < N; i++)
    {
        C->x_re[i] = s->x_re[i] / s->scale;
        if (s->x_im != NULL)
            C->x_im[i] = s->x_im[i] / s->scale;
    }
    arb_init(S->relerr);
    arb_init(S->F);
    arf_init(S->gap_ub);
    arb_init(S->gap);
    C->run->nsteps++;
    S->restart = s->restart;
    S->step = s->step;
    S->iter = (s->restart - 1) * C->p + (s->step == 0 ? C->p : s->step);
    /* ||x - c|| / ||c|| in balls */
    arb_init(t);
    arb_init(u);
    arb_zero(S->relerr);
    for (i = 0; i < N; i++)
    {
        arb_set_d(t, C->x_re[i]);
        arb_sub(t, t, C->c + i, C->prec);
        arb_addmul(S->relerr, t, t, C->prec);
        if (s->x_im != NULL)
        {
            arb_set_d(t, C->x_im[i]);
            arb_addmul(S->relerr, t, t, C->prec);
        }
    }
    arb_sqrtpos(S->relerr, S->relerr, C->prec);
    arb_div(S->relerr, S->relerr, C->cnorm, C->prec);
    arb_clear(t);
    arb_clear(u);
    st = kd_op_gap_ubound_d(S->gap_ub, S->F, KD_OP_P3, C->A, C->x_re,
                            s->x_im != NULL ? C->x_im : NULL, C->y_re, C->y_im, s->z_re,
                            s->z_im, C->w, C->lambda, C->prec);
    if (st == KD_OK)
    {
        /* this step's dual value D_j >= lower F(x) - gap_ub_j; every D_j is
           <= F*, so upper F(x) - max_{i <= j} D_i bounds F(x) - F* too */
        arf_init(t0a);
        arb_get_lbound_arf(t0a, S->F, C->prec);
        arf_sub(t0a, t0a, S->gap_ub, C->prec, ARF_RND_FLOOR);
        if (C->run->nsteps == 1 || arf_cmp(t0a, C->dbest) > 0)
            arf_set(C->dbest, t0a);
        arf_clear(t0a);
        _kd_conv_gap_by_best_dual(S->gap_ub, S->F, C->dbest, C->prec);
    }
    C->t_cert += _kd_conv_now() - t0;
    kd_progress("FIRENET steps certified", ++C->done, C->total);
    return st;
}

/* ---------------------------------------------------- after the run */

/* slope of the least-squares line through (t_i, v_i), i < k */
static double
_kd_conv_slope(const double * t, const double * v, slong k)
{
    double mt = 0, mv = 0, stt = 0, stv = 0;
    slong i;
    for (i = 0; i < k; i++)
    {
        mt += t[i];
        mv += v[i];
    }
    mt /= (double) k;
    mv /= (double) k;
    for (i = 0; i < k; i++)
    {
        stt += (t[i] - mt) * (t[i] - mt);
        stv += (t[i] - mt) * (v[i] - mv);
    }
    return stt > 0 ? stv / stt : 0.0;
}

/* F* enclosure, the gap balls and the fitted rates */
static void
_kd_conv_finish(kd_conv_run_struct * r, slong p, slong prec)
{
    arf_t lo, hi, a;
    slong j, k, K = 0;
    double * t, * v;

    arf_init(lo); arf_init(hi); arf_init(a);
    arf_neg_inf(lo);
    arf_pos_inf(hi);
    for (j = 0; j < r->nsteps; j++)
    {
        /* F* >= D >= lower F_j - gap_ub_j;  F* <= upper F_j */
        arb_get_lbound_arf(a, r->steps[j].F, prec);
        arf_sub(a, a, r->steps[j].gap_ub, prec, ARF_RND_FLOOR);
        arf_max(lo, lo, a);
        arb_get_ubound_arf(a, r->steps[j].F, prec);
        arf_min(hi, hi, a);
    }
    arb_set_interval_arf(r->Fstar, lo, hi, prec);
    for (j = 0; j < r->nsteps; j++)
    {
        arb_get_lbound_arf(a, r->steps[j].F, prec);
        arf_sub(a, a, hi, prec, ARF_RND_FLOOR);
        if (arf_sgn(a) < 0)
            arf_zero(a);
        if (arf_cmp(a, r->steps[j].gap_ub) > 0)
            arf_set(a, r->steps[j].gap_ub);
        arb_set_interval_arf(r->steps[j].gap, a, r->steps[j].gap_ub, prec);
    }
    /* the truth's gap: [max(0, lower F(c) - upper F*), its bound]; the first
       restart output whose bound is below the lower end has, proved, a
       smaller objective than the truth */
    arb_get_lbound_arf(a, r->truth_F, prec);
    arf_sub(a, a, hi, prec, ARF_RND_FLOOR);
    if (arf_sgn(a) < 0)
        arf_zero(a);
    if (arf_cmp(a, r->truth_gap_ub) > 0)
        arf_set(a, r->truth_gap_ub);
    arb_set_interval_arf(r->truth_gap, a, r->truth_gap_ub, prec);
    r->below_truth_restart = 0;
    for (j = 0; j < r->nsteps && r->below_truth_restart == 0; j++)
        if (r->steps[j].step == 0 && arf_sgn(a) > 0 && arf_cmp(r->steps[j].gap_ub, a) < 0)
            r->below_truth_restart = r->steps[j].restart;
    /* fits (observations) */
    t = flint_malloc((r->nsteps + 1) * sizeof(double));
    v = flint_malloc((r->nsteps + 1) * sizeof(double));
    /* the floor: the least restart-output bound; the decreasing phase:
       restarts 1..K, K the first restart output within a factor 2 of the
       floor (at least 2) */
    {
        double best = HUGE_VAL;
        for (j = 0; j < r->nsteps; j++)
            if (r->steps[j].step == 0)
                best = FLINT_MIN(best, arf_get_d(r->steps[j].gap_ub, ARF_RND_UP));
        for (j = 0; j < r->nsteps && K == 0; j++)
            if (r->steps[j].step == 0
                && arf_get_d(r->steps[j].gap_ub, ARF_RND_UP) <= 2.0 * best)
                K = r->steps[j].restart;
        K = FLINT_MAX(K, FLINT_MIN(2, r->nsteps / (p + 1)));
        r->gap_floor = best;
    }
    r->fit_restarts = K;
    r->rate_restart = r->rate_inner = NAN;
    for (k = 0, j = 0; j < r->nsteps; j++)
        if (r->steps[j].step == 0 && r->steps[j].restart <= K)
        {
            t[k] = (double) r->steps[j].restart;
            v[k++] = log(arf_get_d(r->steps[j].gap_ub, ARF_RND_UP));
        }
    if (k >= 2)
        r->rate_restart = exp(_kd_conv_slope(t, v, k));
    for (k = 0, j = 0; j < r->nsteps; j++)
        if (r->steps[j].step > 0 && r->steps[j].restart <= K
            && arf_sgn(r->steps[j].gap_ub) > 0)
        {
            t[k] = (double) r->steps[j].iter;
            v[k++] = log(arf_get_d(r->steps[j].gap_ub, ARF_RND_UP));
        }
    if (k >= 2)
        r->rate_inner = exp(_kd_conv_slope(t, v, k));
    r->relerr_floor = (r->nsteps > 0)
        ? arf_get_d(arb_midref(r->steps[r->nsteps - 1].relerr), ARF_RND_NEAR) : NAN;
    flint_free(t);
    flint_free(v);
    arf_clear(lo); arf_clear(hi); arf_clear(a);
}

/* ------------------------------------------------------------ setup */

static kd_status
_kd_conv_check(const kd_conv_opts_t o, slong * r)
{
    slong lg = 0;
    while ((WORD(1) << lg) < o->n && lg < 62)
        lg++;
    if (o->n < 4 || o->n > 4096 || (WORD(1) << lg) != o->n)
        return kd_error_set(KD_ERR_ARG, "the side n must be a power of 2 in [4, 4096] (got %ld)",
                            (long) o->n);
    *r = (o->levels == 0) ? lg - 1 : o->levels;
    if (*r < 1 || *r > lg)
        return kd_error_set(KD_ERR_ARG, "Haar levels must be in [1, %ld] (got %ld)", (long) lg,
                            (long) *r);
    if (!(o->rate > 0.0 && o->rate <= 1.0))
        return kd_error_set(KD_ERR_ARG, "the sampling rate must be in (0, 1]");
    if (!(o->noise >= 0.0 && o->noise < 1e6))
        return kd_error_set(KD_ERR_ARG, "the noise level must be >= 0");
    if (fmpq_sgn(o->lambda) <= 0 || fmpq_sgn(o->delta) <= 0)
        return kd_error_set(KD_ERR_ARG, "lambda and delta must be > 0");
    if (o->p < 1 || o->restarts < 1 || o->p > 10000 || o->restarts > 10000)
        return kd_error_set(KD_ERR_ARG, "p and the restarts must be in [1, 10000]");
    if (!(o->walsh || o->fourier) || !(o->das || o->multilevel || o->uniform))
        return kd_error_set(KD_ERR_ARG, "no transform or no sampling scheme chosen");
    if (o->prec < 53 || o->prec > 4096)
        return kd_error_set(KD_ERR_ARG, "the precision must be in [53, 4096]");
    if (o->phantom != KD_CONV_PHANTOM_CONSTANT && o->phantom != KD_CONV_PHANTOM_SMOOTH
        && o->phantom != KD_CONV_PHANTOM_COMPRESSED)
        return kd_error_set(KD_ERR_ARG, "unknown phantom %d", (int) o->phantom);
    if (!(o->keep >= 0.0 && o->keep < 1e300))
        return kd_error_set(KD_ERR_ARG, "the keep threshold must be a finite number >= 0");
    if (!(o->sparsity_threshold >= 0.0))
        return kd_error_set(KD_ERR_ARG, "the sparsity threshold must be >= 0");
    return KD_OK;
}

/* c = H f in balls and in double (cd); for the compressed phantom, c = cd
   with the entries |cd_i| <= keep set to 0 (exact doubles) and f = H^* c
   in double; then ||c||, the local sparsities and the weights */
static kd_status
_kd_conv_coeffs(kd_conv_report_t R, arb_ptr c, double * cd, double * f, double ** w)
{
    slong n = R->n, N = R->N, r = R->levels, i, prec = R->opts->prec;
    int compressed = (R->opts->phantom == KD_CONV_PHANTOM_COMPRESSED);
    kd_op_t H;
    acb_ptr fx, cx;
    arb_ptr wl;
    kd_status st;

    kd_op_init(H, N);
    if ((st = kd_op_mul_transform(H, KD_OP_HAAR, n, 2, r, 0)) != KD_OK)
    {
        kd_op_clear(H);
        return st;
    }
    kd_op_apply_d(cd, NULL, H, f, NULL, 0);
    if (compressed)
    {
        for (i = 0; i < N; i++)
        {
            if (!(fabs(cd[i]) > R->keep))
                cd[i] = 0.0;
            arb_set_d(c + i, cd[i]);
        }
        kd_op_apply_d(f, NULL, H, cd, NULL, 1);
    }
    else
    {
        fx = _acb_vec_init(N);
        cx = _acb_vec_init(N);
        for (i = 0; i < N; i++)
            arb_set_d(acb_realref(fx + i), f[i]);
        kd_op_apply_acb(cx, H, fx, 0, prec);
        for (i = 0; i < N; i++)
            arb_set(c + i, acb_realref(cx + i));
        _acb_vec_clear(fx, N);
        _acb_vec_clear(cx, N);
    }
    kd_op_clear(H);
    arb_zero(R->cnorm);
    R->sparsity = flint_calloc(r + 1, sizeof(slong));
    R->weights_level = flint_calloc(r + 1, sizeof(double));
    for (i = 0; i < N; i++)
    {
        arb_addmul(R->cnorm, c + i, c + i, prec);
        if (fabs(cd[i]) > R->opts->sparsity_threshold)
            R->sparsity[kd_op_haar_level(i, n, 2, r)]++;
    }
    arb_sqrtpos(R->cnorm, R->cnorm, prec);
    if (arb_is_zero(R->cnorm))
    {
        st = compressed ? kd_error_set(KD_ERR_ARG, "the compressed phantom keeps no coefficient "
                                       "(every |c_i| <= %g: lower --keep)", R->keep)
            : kd_error_set(KD_ERR_ARG, "the phantom is zero");
        *w = NULL;
        return st;
    }
    for (i = 0; i <= r; i++)
        R->sparsity[i] = FLINT_MAX(R->sparsity[i], 1);
    wl = _arb_vec_init(N);
    st = kd_op_weights_in_levels(wl, n, 2, r, R->sparsity, 128);
    *w = flint_malloc(N * sizeof(double));
    for (i = 0; st == KD_OK && i < N; i++)
    {
        (*w)[i] = arf_get_d(arb_midref(wl + i), ARF_RND_NEAR);
        R->weights_level[kd_op_haar_level(i, n, 2, r)] = (*w)[i];
    }
    _arb_vec_clear(wl, N);
    return st;
}

/* y = fl(P_Omega U f) + e, ||e|| = noise ||y0|| (doubles; y_im NULL for
   Walsh) */
static void
_kd_conv_data(double * y_re, double * y_im, const kd_op_t B, const double * f,
              const kd_conv_opts_t o)
{
    slong m = B->nrows, N = B->ncols, i, ng = (y_im != NULL) ? 2 * m : m;
    double * g = flint_malloc(ng * sizeof(double)), * z = NULL, n0 = 0, ng2 = 0, sc;
    if (y_im != NULL)
        z = flint_calloc(N, sizeof(double));
    kd_op_apply_d(y_re, y_im, B, f, z, 0);
    _kd_conv_gauss(g, ng, o->seed + UWORD(1000003));
    for (i = 0; i < m; i++)
        n0 += y_re[i] * y_re[i] + (y_im != NULL ? y_im[i] * y_im[i] : 0.0);
    for (i = 0; i < ng; i++)
        ng2 += g[i] * g[i];
    sc = (ng2 > 0) ? o->noise * sqrt(n0) / sqrt(ng2) : 0.0;
    for (i = 0; i < m; i++)
    {
        y_re[i] += sc * g[i];
        if (y_im != NULL)
            y_im[i] += sc * g[m + i];
    }
    flint_free(g);
    flint_free(z);
}

static kd_status
_kd_conv_one(kd_conv_report_t R, kd_conv_run_struct * run, int fourier, int scheme,
             const double * f, arb_srcptr c, const double * cd, const double * w, slong * done,
             slong total)
{
    const kd_conv_opts_struct * o = R->opts;
    slong n = R->n, N = R->N, k, i, m;
    slong * omega = flint_malloc(N * sizeof(slong));
    kd_op_t A, B;
    double * y_re, * y_im = NULL, t0 = _kd_conv_now();
    fmpq_mat_t Y_re, Y_im, W;
    kd_iter_data_t D;
    kd_iter_firenet_params_t P;
    kd_iter_result_t res;
    kd_arith_t ar;
    _kd_conv_ctx C;
    kd_op_kind kind = fourier ? KD_OP_DFT : KD_OP_WALSH;
    kd_status st;

    run->transform = fourier ? "fourier" : "walsh";
    run->sampling = (scheme == 0) ? "das" : (scheme == 1) ? "multilevel" : "uniform";
    arb_init(run->Fstar);
    k = (slong) floor(o->rate * (double) N + 0.5);
    k = FLINT_MAX(k, 1);
    st = (scheme == 0) ? kd_op_sample_das(omega, &k, n, fourier, k, R->sparsity, R->levels,
                                          o->seed)
        : (scheme == 1) ? kd_op_sample_multilevel(omega, &k, n, 2, fourier, k, o->seed)
        : kd_op_sample_uniform(omega, N, k, o->seed);
    if (st != KD_OK)
    {
        flint_free(omega);
        return st;
    }
    m = run->m = k;
    kd_op_init(B, N);
    kd_op_init(A, N);
    if ((st = kd_op_mul_subsample(B, omega, k, 0)) != KD_OK
        || (st = kd_op_mul_transform(B, kind, n, 2, 0, 0)) != KD_OK
        || (st = kd_op_mul_subsample(A, omega, k, 0)) != KD_OK
        || (st = kd_op_mul_transform(A, kind, n, 2, 0, 0)) != KD_OK
        || (st = kd_op_mul_transform(A, KD_OP_HAAR, n, 2, R->levels, 1)) != KD_OK)
    {
        kd_op_clear(A);
        kd_op_clear(B);
        flint_free(omega);
        return st;
    }
    flint_free(omega);
    y_re = flint_malloc(m * sizeof(double));
    if (fourier)
        y_im = flint_malloc(m * sizeof(double));
    _kd_conv_data(y_re, y_im, B, f, o);
    kd_op_clear(B);

    fmpq_mat_init(Y_re, m, 1);
    fmpq_mat_init(Y_im, fourier ? m : 0, 1);
    fmpq_mat_init(W, N, 1);
    for (i = 0; i < m; i++)
    {
        kd_fmpq_set_double(fmpq_mat_entry(Y_re, i, 0), y_re[i]);
        if (fourier)
            kd_fmpq_set_double(fmpq_mat_entry(Y_im, i, 0), y_im[i]);
    }
    for (i = 0; i < N; i++)
        kd_fmpq_set_double(fmpq_mat_entry(W, i, 0), w[i]);
    kd_iter_data_init_op(D, A, Y_re, fourier ? Y_im : NULL, W);

    C.A = A;
    C.y_re = y_re;
    C.y_im = y_im;
    C.w = w;
    C.lambda = o->lambda;
    C.c = c;
    C.cnorm = R->cnorm;
    C.x_re = flint_malloc(N * sizeof(double));
    C.x_im = flint_calloc(N, sizeof(double));
    C.run = run;
    C.p = o->p;
    C.prec = o->prec;
    C.done = *done;
    C.total = total;
    C.t_cert = 0;
    arf_init(C.dbest);
    run->steps = flint_calloc(o->restarts * (o->p + 1), sizeof(kd_conv_step_struct));
    run->nsteps = 0;

    kd_iter_firenet_params_init(P);
    P->p = o->p;
    P->n = o->restarts;
    fmpq_set(P->delta, o->delta);
    P->observe = _kd_conv_observe;
    P->observe_arg = &C;
    kd_iter_result_init(res);
    kd_arith_set_double(ar);
    st = kd_iter_firenet(res, D, o->lambda, P, ar);
    kd_iter_result_clear(res);
    kd_iter_firenet_params_clear(P);
    *done = C.done;
    /* the truth's own gap: F(c) with c the double coefficients cd (exact c
       for the compressed phantom), its bound from its own dual points and
       the run's best dual value */
    arb_init(run->truth_F);
    arb_init(run->truth_gap);
    arf_init(run->truth_gap_ub);
    if (st == KD_OK)
        st = kd_op_gap_ubound_d(run->truth_gap_ub, run->truth_F, KD_OP_P3, A, cd, NULL, y_re,
                                y_im, NULL, NULL, w, o->lambda, o->prec);
    if (st == KD_OK)
    {
        _kd_conv_gap_by_best_dual(run->truth_gap_ub, run->truth_F, C.dbest, o->prec);
        _kd_conv_finish(run, o->p, o->prec);
    }
    run->seconds = _kd_conv_now() - t0;
    run->seconds_certify = C.t_cert;

    arf_clear(C.dbest);
    flint_free(C.x_re);
    flint_free(C.x_im);
    fmpq_mat_clear(Y_re);
    fmpq_mat_clear(Y_im);
    fmpq_mat_clear(W);
    flint_free(y_re);
    flint_free(y_im);
    kd_op_clear(A);
    return st;
}

kd_status
kd_conv_run(kd_conv_report_t R, const kd_conv_opts_t opts)
{
    slong r = 0, N, t, s, total, done = 0;
    double * f, * cd, * w = NULL, t0 = _kd_conv_now();
    arb_ptr c;
    kd_status st;

    if ((st = _kd_conv_check(opts, &r)) != KD_OK)
        return st;
    kd_conv_report_clear(R);
    kd_conv_report_init(R);
    kd_conv_opts_clear(R->opts);
    _kd_conv_opts_copy(R->opts, opts);
    R->n = opts->n;
    R->N = N = opts->n * opts->n;
    R->levels = r;
    R->keep = (opts->keep > 0.0) ? opts->keep : ldexp((double) opts->n, -7);
    f = flint_malloc(N * sizeof(double));
    cd = flint_malloc(N * sizeof(double));
    c = _arb_vec_init(N);
    if (opts->phantom != KD_CONV_PHANTOM_CONSTANT)
        kd_conv_phantom(f, opts->n);
    else
        kd_conv_phantom_constant(f, opts->n);
    st = _kd_conv_coeffs(R, c, cd, f, &w);
    R->runs = flint_calloc(6, sizeof(kd_conv_run_struct));
    total = ((opts->walsh + opts->fourier) * (opts->das + opts->multilevel + opts->uniform))
        * opts->restarts * (opts->p + 1);
    for (t = 0; st == KD_OK && t < 2; t++)
        for (s = 0; st == KD_OK && s < 3; s++)
        {
            int on = (s == 0) ? opts->das : (s == 1) ? opts->multilevel : opts->uniform;
            if (!(t == 0 ? opts->walsh : opts->fourier) || !on)
                continue;
            st = _kd_conv_one(R, R->runs + R->nruns, t, s, f, c, cd, w, &done, total);
            R->nruns++;
        }
    R->seconds = _kd_conv_now() - t0;
    flint_free(f);
    flint_free(cd);
    flint_free(w);
    _arb_vec_clear(c, N);
    if (st != KD_OK)
        kd_error_prefix("kd_conv_run");
    return st;
}
