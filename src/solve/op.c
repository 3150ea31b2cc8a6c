/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Operator problems: a first-order method on a matrix-free operator, with
   a certified upper bound of F(x_k) - F* at the iterates the caller asks
   for (kd_op_gap_ubound_d: weak duality at a dual-feasible point proved in
   ball arithmetic, proofs-notes/operators.md §5). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "kdigits/solve.h"
#include "kdigits/builtin.h"
#include "kdigits/candidate.h"
#include "kdigits/json.h"
#include "kdigits/util.h"

static double
_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double) t.tv_sec + 1e-9 * (double) t.tv_nsec;
}

static void
_gap_init(kd_solve_op_gap_struct * g)
{
    g->iter = -1;
    g->proved = 0;
    g->projected = 0;
    g->why = NULL;
    arb_init(&g->F);
    arf_init(&g->gap);
}

static void
_gap_clear(kd_solve_op_gap_struct * g)
{
    arb_clear(&g->F);
    arf_clear(&g->gap);
}

void
kd_solve_op_report_init(kd_solve_op_report_t R)
{
    memset(R, 0, sizeof(kd_solve_op_report_struct));
    _gap_init(&R->out);
    kd_iter_result_init(&R->it);
}

void
kd_solve_op_report_clear(kd_solve_op_report_t R)
{
    slong i;
    for (i = 0; i < R->ngaps; i++)
        _gap_clear(R->gaps + i);
    flint_free(R->gaps);
    _gap_clear(&R->out);
    kd_iter_result_clear(&R->it);
}

int
kd_solve_op_spec(kd_op_t A, const char * spec)
{
    /* the dense built-ins' names (kd_builtin_mat) take precedence; only
       the name is looked at, nothing is built */
    static const char * dense[] = {"identity", "dct2", "dft", "lasso", "lasso-mirror",
                                   "lasso-y", "tridiag"};
    const char * name = spec + 8, * colon;
    size_t k, len;
    if (strncmp(spec, "builtin:", 8) != 0)
        return 0;
    colon = strchr(name, ':');
    len = colon != NULL ? (size_t) (colon - name) : strlen(name);
    for (k = 0; k < sizeof(dense) / sizeof(dense[0]); k++)
        if (len == strlen(dense[k]) && strncmp(name, dense[k], len) == 0)
            return 0;
    if (kd_op_parse(A, name) == KD_OK)
        return 1;
    kd_error_clear();
    return 0;
}

/* ---------------------------------------------------------- the data */

typedef struct
{
    const kd_op_struct * A;
    kd_op_problem P;
    const fmpq * param;
    slong prec, every, m, N, p;
    int dbl;                    /* y and w are doubles: the fast route */
    double * y_re, * y_im, * w; /* the exact data as doubles (dbl) */
    double * yd_re, * yd_im;    /* y rounded to double (P1's projection) */
    double eta_d;               /* P1: eta rounded to double */
    double * xp_re, * xp_im;    /* N: the projected point (P1) */
    kd_op_ws_struct ws;
    const fmpq_mat_struct * Y_re, * Y_im, * W;
    double * x_re, * x_im;      /* N: the observed iterate */
    kd_solve_op_report_struct * R;
}
_op_ctx;

/* q -> d when q is a double exactly; 0 otherwise */
static int
_exact_double(double * d, const fmpq_t q)
{
    fmpq_t r;
    int ok;
    if (kd_fmpq_round_double(d, q) != KD_OK)
        return 0;
    fmpq_init(r);
    kd_fmpq_set_double(r, *d);
    ok = fmpq_equal(r, q);
    fmpq_clear(r);
    return ok;
}

static int
_vec_double(double * d, const fmpq_mat_t q)
{
    slong i;
    for (i = 0; i < fmpq_mat_nrows(q); i++)
        if (!_exact_double(d + i, fmpq_mat_entry(q, i, 0)))
            return 0;
    return 1;
}

/* d = q rounded to double; 0 when an entry overflows */
static int
_vec_round(double * d, const fmpq_mat_t q)
{
    slong i;
    for (i = 0; i < fmpq_mat_nrows(q); i++)
        if (kd_fmpq_round_double(d + i, fmpq_mat_entry(q, i, 0)) != KD_OK)
        {
            kd_error_clear();
            return 0;
        }
    return 1;
}

/* gap bound at the doubles x (and dual candidate z, z_re NULL: none);
   P1: KD_ERR_UNDECIDED when x is not proved feasible */
static kd_status
_op_gap_at(kd_solve_op_gap_struct * g, _op_ctx * C, const double * x_re, const double * x_im,
           const double * z_re, const double * z_im)
{
    kd_status st;
    if (C->dbl)
        st = kd_op_gap_ubound_d(&g->gap, &g->F, C->P, C->A, x_re, x_im, C->y_re, C->y_im,
                                z_re, z_im, C->w, C->param, C->prec);
    else
    {
        fmpq_mat_t X_re, X_im, Z_re, Z_im;
        slong i;
        fmpq_mat_init(X_re, C->N, 1);
        fmpq_mat_init(X_im, C->N, 1);
        fmpq_mat_init(Z_re, C->m, 1);
        fmpq_mat_init(Z_im, C->m, 1);
        for (i = 0; i < C->N; i++)
        {
            kd_fmpq_set_double(fmpq_mat_entry(X_re, i, 0), x_re[i]);
            if (x_im != NULL)
                kd_fmpq_set_double(fmpq_mat_entry(X_im, i, 0), x_im[i]);
        }
        for (i = 0; z_re != NULL && i < C->m; i++)
        {
            kd_fmpq_set_double(fmpq_mat_entry(Z_re, i, 0), z_re[i]);
            if (z_im != NULL)
                kd_fmpq_set_double(fmpq_mat_entry(Z_im, i, 0), z_im[i]);
        }
        if (z_re != NULL)
            st = kd_op_gap_ubound_dual(&g->gap, &g->F, C->P, C->A, X_re, x_im ? X_im : NULL,
                                       C->Y_re, C->Y_im, Z_re, z_im ? Z_im : NULL, C->W,
                                       C->param, C->prec);
        else
            st = kd_op_gap_ubound(&g->gap, &g->F, C->P, C->A, X_re, x_im ? X_im : NULL,
                                  C->Y_re, C->Y_im, C->W, C->param, C->prec);
        fmpq_mat_clear(X_re);
        fmpq_mat_clear(X_im);
        fmpq_mat_clear(Z_re);
        fmpq_mat_clear(Z_im);
    }
    return st;
}

/* P1 at x not proved feasible (operators.md §5c): the bound at the
   projection of x onto the ball of radius eta (1 - 2^-k), k = 30, 20, 10,
   computed in double, once a projection is proved feasible; it is left in
   C->xp. KD_ERR_UNDECIDED with g->why otherwise. */
static kd_status
_op_gap_projected(kd_solve_op_gap_struct * g, _op_ctx * C, const double * x_re,
                  const double * x_im, const double * z_re, const double * z_im)
{
    static const int k[3] = {30, 20, 10};
    int i, moved, cplx = x_im != NULL || C->yd_im != NULL || C->A->is_complex;
    kd_status st;
    if (!kd_op_rows_orthonormal(C->A))
    {
        g->why = "no proved projection onto ||A x - y|| <= eta: A A^* = I does not follow "
            "from the operator's factors";
        return KD_ERR_UNDECIDED;
    }
    if (!(C->eta_d > 0.0))
    {
        g->why = "eta = 0: A x = y cannot be proved at a point in double";
        return KD_ERR_UNDECIDED;
    }
    for (i = 0; i < 3; i++)
    {
        st = kd_op_project_ball_d(C->xp_re, C->xp_im, &moved, C->A, x_re, x_im, C->yd_re,
                                  C->yd_im, C->eta_d * (1.0 - ldexp(1.0, -k[i])), &C->ws);
        if (st == KD_OK)
            st = _op_gap_at(g, C, C->xp_re, cplx ? C->xp_im : NULL, z_re, z_im);
        if (st != KD_ERR_UNDECIDED && st != KD_ERR_ARG)
        {
            g->projected = (st == KD_OK);
            return st;
        }
        kd_error_clear();
    }
    g->why = "||A x - y|| <= eta is proved neither at the iterate nor at its projection "
        "onto the ball";
    return KD_ERR_UNDECIDED;
}

/* the certified bound at x, recorded in g; an unproved one (P1) is
   recorded as such, not an error */
static kd_status
_op_gap(kd_solve_op_gap_struct * g, _op_ctx * C, const double * x_re, const double * x_im,
        const double * z_re, const double * z_im)
{
    kd_status st = _op_gap_at(g, C, x_re, x_im, z_re, z_im);
    if (st == KD_ERR_UNDECIDED && C->P == KD_OP_P1)
    {
        kd_error_clear();
        st = _op_gap_projected(g, C, x_re, x_im, z_re, z_im);
    }
    g->proved = (st == KD_OK);
    if (st == KD_ERR_UNDECIDED)        /* P1: x not proved feasible */
    {
        if (g->why == NULL)
            g->why = "the constraint ||A x - y|| <= eta is not proved at this iterate";
        arb_indeterminate(&g->F);
        arf_pos_inf(&g->gap);
        kd_error_clear();
        st = KD_OK;
    }
    return st;
}

static kd_status
_op_observe(const kd_iter_state_struct * s, void * arg)
{
    _op_ctx * C = arg;
    kd_solve_op_report_struct * R = C->R;
    kd_solve_op_gap_struct * g;
    slong i, iter;
    double t0 = _now();
    kd_status st;

    if (s->step == -1)
        iter = s->restart;
    else if (s->step >= 1)
        iter = (s->restart - 1) * C->p + s->step;
    else
        return KD_OK;           /* FIRENET's restart output: not an iterate */
    if (iter % C->every != 0)
        return KD_OK;
    for (i = 0; i < s->N; i++)
    {
        C->x_re[i] = s->x_re[i] / s->scale;
        if (s->x_im != NULL)
            C->x_im[i] = s->x_im[i] / s->scale;
    }
    if (R->ngaps == R->alloc)
    {
        R->alloc = FLINT_MAX(16, 2 * R->alloc);
        R->gaps = flint_realloc(R->gaps, R->alloc * sizeof(kd_solve_op_gap_struct));
    }
    g = R->gaps + R->ngaps++;
    _gap_init(g);
    g->iter = iter;
    st = _op_gap(g, C, C->x_re, s->x_im != NULL ? C->x_im : NULL, s->z_re, s->z_im);
    R->seconds_certify += _now() - t0;
    return st;
}

/* y, w as exact rationals (re, im parts) */
static kd_status
_op_rationals(fmpq_mat_t re, fmpq_mat_t im, const kd_mat_t M, const char * what)
{
    slong i, n = kd_mat_nrows(M);
    if (kd_mat_ncols(M) != 1)
        return kd_error_set(KD_ERR_SIZE, "%s must be a column (got %ld x %ld)", what,
                            (long) n, (long) kd_mat_ncols(M));
    fmpq_mat_clear(re);
    fmpq_mat_clear(im);
    fmpq_mat_init(re, n, 1);
    fmpq_mat_init(im, n, 1);
    for (i = 0; i < n; i++)
        if (!kd_real_get_fmpq(fmpq_mat_entry(re, i, 0), kd_mat_entry_re(M, i, 0))
            || !kd_real_get_fmpq(fmpq_mat_entry(im, i, 0), kd_mat_entry_im(M, i, 0)))
            return kd_error_set(KD_ERR_ARG, "%s: entry %ld is not an exact rational "
                                "(operator problems take rational data)", what, (long) i + 1);
    return KD_OK;
}

static kd_status
_op_check(const kd_op_t A, const kd_mat_t y, const kd_mat_t w, kd_problem_kind kind,
          kd_method method)
{
    int ok = (kind == KD_PROBLEM_P2 && (method == KD_METHOD_ISTA || method == KD_METHOD_FISTA))
        || (kind == KD_PROBLEM_P3 && (method == KD_METHOD_PD || method == KD_METHOD_FIRENET))
        || (kind == KD_PROBLEM_P1 && method == KD_METHOD_PD);
    if (!ok)
        return kd_error_set(KD_ERR_ARG, "method %s does not apply to %s with an operator "
                            "(p2: ista, fista; p3: pd, firenet; p1: pd)", kd_method_name(method),
                            kd_problem_kind_name(kind));
    if (kd_mat_nrows(y) != A->nrows)
        return kd_error_set(KD_ERR_SIZE, "y has %ld rows, the operator %ld",
                            (long) kd_mat_nrows(y), (long) A->nrows);
    if (w != NULL && kd_mat_nrows(w) != A->ncols)
        return kd_error_set(KD_ERR_SIZE, "w has %ld rows, the operator %ld columns",
                            (long) kd_mat_nrows(w), (long) A->ncols);
    return KD_OK;
}

static kd_status
_op_run(kd_solve_op_report_t R, _op_ctx * C, const kd_iter_data_t D, const kd_solve_opts_t so)
{
    kd_iter_opts_t io;
    kd_iter_firenet_params_t FP;
    kd_status st;
    if (R->method == KD_METHOD_FIRENET)
    {
        kd_iter_firenet_params_init(FP);
        FP->p = so->firenet.p;
        FP->n = so->firenet.n;
        fmpq_set(FP->delta, so->firenet.delta);
        fmpq_set(FP->eps0, so->firenet.eps0);
        fmpq_set(FP->L_A, so->firenet.L_A);
        FP->replicate_published_steps = so->firenet.replicate_published_steps;
        FP->observe = C->every > 0 ? _op_observe : NULL;
        FP->observe_arg = C;
        C->p = FP->p;
        st = kd_iter_firenet(&R->it, D, C->param, FP, &so->arith);
        kd_iter_firenet_params_clear(FP);
        return st;
    }
    *io = so->iter;
    io->observe = C->every > 0 ? _op_observe : NULL;
    io->observe_arg = C;
    io->observe_every = C->every > 0 ? C->every : 1;
    switch (R->method)
    {
        case KD_METHOD_ISTA: return kd_iter_ista(&R->it, D, C->param, io, &so->arith);
        case KD_METHOD_FISTA: return kd_iter_fista(&R->it, D, C->param, io, &so->arith);
        default:
            return R->kind == KD_PROBLEM_P1 ? kd_iter_pd_p1(&R->it, D, C->param, io, &so->arith)
                : kd_iter_pd_p3(&R->it, D, C->param, io, &so->arith);
    }
}

/* the gap at the method's output (exact values of the working numbers) */
static kd_status
_op_output_gap(kd_solve_op_report_t R, _op_ctx * C)
{
    kd_iter_result_struct * it = &R->it;
    double * z_re = NULL, * z_im = NULL;
    int x_ok, z_ok = 0;
    kd_status st;
    x_ok = _vec_double(C->x_re, it->x_re) && (!R->is_complex || _vec_double(C->x_im, it->x_im));
    if (fmpq_mat_nrows(it->z_re) == C->m && C->m > 0)
    {
        z_re = flint_malloc(C->m * sizeof(double));
        z_im = flint_malloc(C->m * sizeof(double));
        z_ok = _vec_double(z_re, it->z_re)
            && (fmpq_mat_nrows(it->z_im) != C->m || _vec_double(z_im, it->z_im));
    }
    if (x_ok)
        st = _op_gap(&R->out, C, C->x_re, R->is_complex ? C->x_im : NULL, z_ok ? z_re : NULL,
                     z_ok && R->is_complex && fmpq_mat_nrows(it->z_im) == C->m ? z_im : NULL);
    else
    {
        /* MPFR iterates wider than double: the rational route */
        st = kd_op_gap_ubound(&R->out.gap, &R->out.F, C->P, C->A, it->x_re,
                              R->is_complex ? it->x_im : NULL, C->Y_re, C->Y_im, C->W,
                              C->param, C->prec);
        if (st == KD_ERR_UNDECIDED && C->P == KD_OP_P1
            && _vec_round(C->x_re, it->x_re) && (!R->is_complex || _vec_round(C->x_im, it->x_im)))
        {
            /* P1: the projection of the output rounded to double */
            kd_error_clear();
            st = _op_gap_projected(&R->out, C, C->x_re, R->is_complex ? C->x_im : NULL, NULL,
                                   NULL);
        }
        R->out.proved = (st == KD_OK);
        if (st == KD_ERR_UNDECIDED)
        {
            if (R->out.why == NULL)
                R->out.why = "the constraint ||A x - y|| <= eta is not proved at this iterate";
            arb_indeterminate(&R->out.F);
            arf_pos_inf(&R->out.gap);
            kd_error_clear();
            st = KD_OK;
        }
    }
    if (st == KD_OK && R->out.projected)
    {
        /* the certified point is the projection: it becomes the output */
        slong i;
        for (i = 0; i < C->N; i++)
        {
            kd_fmpq_set_double(fmpq_mat_entry(it->x_re, i, 0), C->xp_re[i]);
            if (R->is_complex && fmpq_mat_nrows(it->x_im) == C->N)
                kd_fmpq_set_double(fmpq_mat_entry(it->x_im, i, 0), C->xp_im[i]);
        }
    }
    flint_free(z_re);
    flint_free(z_im);
    return st;
}

kd_status
kd_solve_op(kd_solve_op_report_t R, const kd_op_t A, const kd_mat_t y, const kd_mat_t w,
            kd_problem_kind kind, const fmpq_t param, const kd_solve_opts_t so, slong every)
{
    fmpq_mat_t Y_re, Y_im, W, W_im;
    kd_iter_data_t D;
    _op_ctx C;
    slong i, m = A->nrows, N = A->ncols;
    int y_cplx;
    kd_status st;
    double t0 = _now();

    if (every < 0)
        return kd_error_set(KD_ERR_ARG, "every must be >= 0 (got %ld)", (long) every);
    if ((st = _op_check(A, y, w, kind, so->method)) != KD_OK)
        goto prefix;
    kd_solve_op_report_clear(R);
    kd_solve_op_report_init(R);
    R->kind = kind;
    R->method = so->method;
    R->m = m;
    R->N = N;
    R->every = every;
    fmpq_mat_init(Y_re, 0, 0);
    fmpq_mat_init(Y_im, 0, 0);
    fmpq_mat_init(W, 0, 0);
    fmpq_mat_init(W_im, 0, 0);
    st = _op_rationals(Y_re, Y_im, y, "y");
    if (st == KD_OK && w != NULL)
        st = _op_rationals(W, W_im, w, "w");
    y_cplx = !fmpq_mat_is_zero(Y_im);
    R->is_complex = A->is_complex || y_cplx;

    memset(&C, 0, sizeof C);
    C.A = A;
    C.P = kind == KD_PROBLEM_P1 ? KD_OP_P1 : kind == KD_PROBLEM_P2 ? KD_OP_P2 : KD_OP_P3;
    C.param = param;
    C.prec = so->cert_prec;
    C.every = every;
    C.m = m;
    C.N = N;
    C.R = R;
    C.Y_re = Y_re;
    C.Y_im = y_cplx ? Y_im : NULL;
    C.W = w != NULL ? W : NULL;
    C.y_re = flint_malloc(m * sizeof(double));
    C.y_im = y_cplx ? flint_malloc(m * sizeof(double)) : NULL;
    C.w = w != NULL ? flint_malloc(N * sizeof(double)) : NULL;
    C.x_re = flint_malloc(N * sizeof(double));
    C.x_im = flint_calloc(N, sizeof(double));
    C.xp_re = flint_malloc(N * sizeof(double));
    C.xp_im = flint_calloc(N, sizeof(double));
    C.yd_re = flint_malloc(m * sizeof(double));
    C.yd_im = y_cplx ? flint_malloc(m * sizeof(double)) : NULL;
    kd_op_ws_init(&C.ws);
    R->with_x = so->certify;
    if (st == KD_OK && kind == KD_PROBLEM_P1
        && (!_vec_round(C.yd_re, Y_re) || (y_cplx && !_vec_round(C.yd_im, Y_im))
            || kd_fmpq_round_double(&C.eta_d, param) != KD_OK))
        st = kd_error_set(KD_ERR_ARG, "y or eta overflows a double");
    if (st == KD_OK)
    {
        C.dbl = _vec_double(C.y_re, Y_re) && (!y_cplx || _vec_double(C.y_im, Y_im))
            && (w == NULL || _vec_double(C.w, W));
        R->fast = C.dbl && !R->is_complex;
        for (i = 0; i < A->nf; i++)   /* operators.md §5b: Walsh, Haar, P_Omega */
            if (A->f[i].kind == KD_OP_DCT || A->f[i].kind == KD_OP_DFT)
                R->fast = 0;
        kd_iter_data_init_op(D, A, Y_re, y_cplx ? Y_im : NULL, w != NULL ? W : NULL);
        st = _op_run(R, &C, D, so);
    }
    if (st == KD_OK)
        st = _op_output_gap(R, &C);
    flint_free(C.y_re);
    flint_free(C.y_im);
    flint_free(C.w);
    flint_free(C.x_re);
    flint_free(C.x_im);
    flint_free(C.xp_re);
    flint_free(C.xp_im);
    flint_free(C.yd_re);
    flint_free(C.yd_im);
    kd_op_ws_clear(&C.ws);
    fmpq_mat_clear(Y_re);
    fmpq_mat_clear(Y_im);
    fmpq_mat_clear(W);
    fmpq_mat_clear(W_im);
    R->seconds = _now() - t0;
prefix:
    if (st != KD_OK)
        kd_error_prefix("kd_solve_op");
    return st;
}

/* ------------------------------------------------------------ output */

/* the bound as a 6-digit decimal that is still an upper bound: d >= gap
   (rounded up), d (1 + 1e-5) > d even after rounding, and %.6g moves it
   by at most 5e-6 relative */
static char *
_ub_str(const arf_t g)
{
    char * s;
    double d;
    s = flint_malloc(32);
    if (!arf_is_finite(g))
    {
        strcpy(s, "inf");
        return s;
    }
    d = arf_get_d(g, ARF_RND_UP);
    if (d > 0)
        d = d + d * 1e-5;
    snprintf(s, 32, "%.6g", d);
    return s;
}

/* which point x_k a bound is for */
static const char *
_point_name(const kd_solve_op_gap_struct * g)
{
    return g->projected ? "the projection of the iterate onto ||A x - y|| <= eta"
        : "the iterate";
}

static json_t *
_gap_json(const kd_solve_op_gap_struct * g, int p1)
{
    json_t * j = json_object();
    arb_t b;
    json_object_set_new(j, "iter", g->iter >= 0 ? json_integer(g->iter) : json_null());
    json_object_set_new(j, "proved", json_boolean(g->proved));
    if (g->proved)
    {
        /* F(x) - F* lies in [0, gap]: the ball (gap/2) +- (gap/2) */
        arb_init(b);
        arf_mul_2exp_si(arb_midref(b), &g->gap, -1);
        arf_get_mag(arb_radref(b), arb_midref(b));
        json_object_set_new(j, "gap", kd_json_arb(b, 6));
        json_object_set_new(j, "gap_ubound", kd_json_take_string(_ub_str(&g->gap)));
        json_object_set_new(j, "F", kd_json_arb(&g->F, 10));
        if (p1)
        {
            json_object_set_new(j, "projected", json_boolean(g->projected));
            json_object_set_new(j, "point", json_string(_point_name(g)));
        }
        arb_clear(b);
    }
    else
    {
        json_object_set_new(j, "gap", json_null());
        json_object_set_new(j, "why", json_string(g->why != NULL ? g->why
                                                  : "the constraint ||A x - y|| <= eta is not "
                                                  "proved at this iterate"));
    }
    return j;
}

/* x_i = the exact rational of the output (re, im parts) */
static char *
_x_str(const kd_solve_op_report_t R, slong i)
{
    char * re = kd_fmpq_get_str(fmpq_mat_entry(R->it.x_re, i, 0)), * s, * im;
    size_t n;
    if (!R->is_complex || fmpq_mat_nrows(R->it.x_im) != R->N)
        return re;
    im = kd_fmpq_get_str(fmpq_mat_entry(R->it.x_im, i, 0));
    n = strlen(re) + strlen(im) + 16;
    s = flint_malloc(n);
    snprintf(s, n, "%s + (%s) i", re, im);
    flint_free(re);
    flint_free(im);
    return s;
}

static const char *
_x_name(const kd_solve_op_report_t R)
{
    return R->out.projected ? "the projection of the method's output onto ||A x - y|| <= eta"
        ", the point the output bound is for; exact values of doubles"
        : "the method's output, exact values of the working numbers";
}

json_t *
kd_solve_op_report_json(const kd_solve_op_report_t R, const char * spec)
{
    json_t * j = json_object(), * a = json_array();
    slong i;
    json_object_set_new(j, "operator", json_string(spec));
    json_object_set_new(j, "problem", json_string(kd_problem_kind_name(R->kind)));
    json_object_set_new(j, "method", json_string(kd_method_name(R->method)));
    json_object_set_new(j, "m", json_integer(R->m));
    json_object_set_new(j, "N", json_integer(R->N));
    json_object_set_new(j, "iterations", json_integer(R->it.iterations));
    json_object_set_new(j, "stop", json_string(kd_iter_stop_name(R->it.stop)));
    json_object_set_new(j, "L_A", kd_json_fmpq(R->it.L_A));
    json_object_set_new(j, "every", json_integer(R->every));
    json_object_set_new(j, "gap_route", json_string(R->fast ? "double with a priori bounds"
                                                    : "ball transforms"));
    for (i = 0; i < R->ngaps; i++)
        json_array_append_new(a, _gap_json(R->gaps + i, R->kind == KD_PROBLEM_P1));
    json_object_set_new(j, "gaps", a);
    json_object_set_new(j, "output", _gap_json(&R->out, R->kind == KD_PROBLEM_P1));
    if (R->with_x)
    {
        json_t * x = json_array();
        for (i = 0; i < R->N; i++)
            json_array_append_new(x, kd_json_take_string(_x_str(R, i)));
        json_object_set_new(j, "x", x);
        json_object_set_new(j, "x_is", json_string(_x_name(R)));
    }
    json_object_set_new(j, "seconds", json_real(R->seconds));
    json_object_set_new(j, "seconds_certify", json_real(R->seconds_certify));
    return j;
}

static void
_gap_text(FILE * f, const kd_solve_op_gap_struct * g, const char * label)
{
    char * s, * F;
    if (!g->proved)
    {
        fprintf(f, "  %-10s gap: unknown (%s)\n", label,
                g->why != NULL ? g->why : "||A x - y|| <= eta not proved");
        return;
    }
    s = _ub_str(&g->gap);
    F = arb_get_str(&g->F, 10, 0);
    fprintf(f, "  %-10s F(x) - F* <= %-12s F(x) in %s%s\n", label, s, F,
            g->projected ? "  (projected)" : "");
    flint_free(s);
    flint_free(F);
}

kd_status
kd_solve_op_report_write_text(FILE * f, const kd_solve_op_report_t R, const char * spec)
{
    char label[32];
    slong i;
    fprintf(f, "%s on %s (%ld x %ld, matrix-free): %s, %ld iterations, %.2f s\n",
            kd_method_name(R->method), spec, (long) R->m, (long) R->N,
            kd_iter_stop_name(R->it.stop), (long) R->it.iterations, R->seconds);
    fprintf(f, "certified gap bounds (weak duality, dual point checked in ball arithmetic):\n");
    if (R->kind == KD_PROBLEM_P1)
        fprintf(f, "  ('projected': the bound is for the iterate's projection onto\n"
                "   ||A x - y|| <= eta, proved feasible where the iterate itself was not)\n");
    for (i = 0; i < R->ngaps; i++)
    {
        snprintf(label, sizeof label, "iter %ld", (long) R->gaps[i].iter);
        _gap_text(f, R->gaps + i, label);
    }
    _gap_text(f, &R->out, "output");
    if (R->with_x)
    {
        fprintf(f, "x (%s):\n", _x_name(R));
        for (i = 0; i < R->N; i++)
        {
            char * x = _x_str(R, i);
            fprintf(f, "  x_%-6ld %s\n", (long) i + 1, x);
            flint_free(x);
        }
    }
    return ferror(f) ? kd_error_set(KD_ERR_IO, "write failed") : KD_OK;
}

kd_status
kd_solve_op_report_write_csv(FILE * f, const kd_solve_op_report_t R)
{
    slong i;
    int p1 = R->kind == KD_PROBLEM_P1;
    fprintf(f, "iter,proved,gap_ubound,F_mid%s\n", p1 ? ",projected" : "");
    for (i = 0; i <= R->ngaps; i++)
    {
        const kd_solve_op_gap_struct * g = i < R->ngaps ? R->gaps + i : &R->out;
        char * s = _ub_str(&g->gap);
        if (i < R->ngaps)
            fprintf(f, "%ld,", (long) g->iter);
        else
            fprintf(f, "output,");
        fprintf(f, "%s,%s,", g->proved ? "true" : "false", g->proved ? s : "");
        if (g->proved)
            fprintf(f, "%.17g", arf_get_d(arb_midref(&g->F), ARF_RND_NEAR));
        fprintf(f, "%s\n", !p1 ? "" : g->projected ? ",true" : ",false");
        flint_free(s);
    }
    return ferror(f) ? kd_error_set(KD_ERR_IO, "write failed") : KD_OK;
}
