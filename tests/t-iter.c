/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for the iter module: double vs MPFR-53 bit identity, convergence
   against closed forms and optimality conditions evaluated in Arb, the
   lasso-probe figures of MATLAB's coordinate descent, FIRENET's parameters
   and the error paths. */
#include <math.h>
#include <string.h>
#include "testutil.h"
#include "kdigits/iter.h"
#include "../src/iter/kdot.h"

#define REFPREC 256

/* ------------------------------------------------------------- helpers */

static void
rand_q(fmpq_t q, flint_rand_t st)
{
    fmpz_set_si(fmpq_numref(q), (slong) n_randint(st, 81) - 40);
    fmpz_set_ui(fmpq_denref(q), 1 + n_randint(st, 29));
    fmpq_canonicalise(q);
}

static void
rand_mat(fmpq_mat_t M, flint_rand_t st)
{
    slong i, j;
    for (i = 0; i < fmpq_mat_nrows(M); i++)
        for (j = 0; j < fmpq_mat_ncols(M); j++)
            rand_q(fmpq_mat_entry(M, i, j), st);
}

/* An exact problem instance (complex parts and weights optional). */
typedef struct
{
    slong m;
    slong N;
    int cplx;
    int weighted;
    fmpq_mat_t A_re, A_im, y_re, y_im, w;
}
inst_struct;

static void
inst_init(inst_struct * I, slong m, slong N, int cplx, int weighted)
{
    I->m = m;
    I->N = N;
    I->cplx = cplx;
    I->weighted = weighted;
    fmpq_mat_init(I->A_re, m, N);
    fmpq_mat_init(I->A_im, m, N);
    fmpq_mat_init(I->y_re, m, 1);
    fmpq_mat_init(I->y_im, m, 1);
    fmpq_mat_init(I->w, N, 1);
}

static void
inst_clear(inst_struct * I)
{
    fmpq_mat_clear(I->A_re);
    fmpq_mat_clear(I->A_im);
    fmpq_mat_clear(I->y_re);
    fmpq_mat_clear(I->y_im);
    fmpq_mat_clear(I->w);
}

static void
inst_data(kd_iter_data_t D, const inst_struct * I)
{
    kd_iter_data_init(D, I->A_re, I->cplx ? I->A_im : NULL, I->y_re, I->cplx ? I->y_im : NULL,
                      I->weighted ? I->w : NULL);
}

/* random entries; weights in [1/2, 2] */
static void
inst_rand(inst_struct * I, flint_rand_t st)
{
    slong j;
    rand_mat(I->A_re, st);
    rand_mat(I->y_re, st);
    if (I->cplx)
    {
        rand_mat(I->A_im, st);
        rand_mat(I->y_im, st);
    }
    for (j = 0; j < I->N; j++)
        fmpq_set_si(fmpq_mat_entry(I->w, j, 0), 8 + (slong) n_randint(st, 25), 16);
}

/* A random rational unitary m x m matrix: the Cayley transform
   Q = (I - S)(I + S)^{-1} of a skew-Hermitian S, computed in the real
   representation [[Re, -Im], [Im, Re]] (Im = 0 when !cplx). */
static void
cayley(fmpq_mat_t Q_re, fmpq_mat_t Q_im, slong m, int cplx, flint_rand_t st)
{
    fmpq_mat_t S, P, M, R;
    slong i, j;
    fmpq_t q;
    fmpq_init(q);
    fmpq_mat_init(S, 2 * m, 2 * m);
    fmpq_mat_init(P, 2 * m, 2 * m);
    fmpq_mat_init(M, 2 * m, 2 * m);
    fmpq_mat_init(R, 2 * m, 2 * m);
    for (i = 0; i < m; i++)
        for (j = i; j < m; j++)
        {
            /* Re S skew-symmetric, Im S symmetric */
            if (j > i)
            {
                fmpq_set_si(q, (slong) n_randint(st, 9) - 4, 1 + n_randint(st, 4));
                fmpq_set(fmpq_mat_entry(S, i, j), q);
                fmpq_neg(fmpq_mat_entry(S, j, i), q);
                fmpq_set(fmpq_mat_entry(S, m + i, m + j), q);
                fmpq_neg(fmpq_mat_entry(S, m + j, m + i), q);
            }
            if (cplx)
            {
                fmpq_set_si(q, (slong) n_randint(st, 9) - 4, 1 + n_randint(st, 4));
                fmpq_set(fmpq_mat_entry(S, m + i, j), q);
                fmpq_set(fmpq_mat_entry(S, m + j, i), q);
                fmpq_neg(fmpq_mat_entry(S, i, m + j), q);
                fmpq_neg(fmpq_mat_entry(S, j, m + i), q);
            }
        }
    fmpq_mat_one(P);
    fmpq_mat_add(P, P, S);                  /* I + S */
    ck_assert(fmpq_mat_inv(R, P));
    fmpq_mat_one(M);
    fmpq_mat_sub(M, M, S);                  /* I - S */
    fmpq_mat_mul(P, M, R);
    for (i = 0; i < m; i++)
        for (j = 0; j < m; j++)
        {
            fmpq_set(fmpq_mat_entry(Q_re, i, j), fmpq_mat_entry(P, i, j));
            fmpq_set(fmpq_mat_entry(Q_im, i, j), fmpq_mat_entry(P, m + i, j));
        }
    fmpq_clear(q);
    fmpq_mat_clear(S);
    fmpq_mat_clear(P);
    fmpq_mat_clear(M);
    fmpq_mat_clear(R);
}

/* A = the first N columns of a random unitary matrix (A^* A = I). */
static void
inst_orthonormal_columns(inst_struct * I, flint_rand_t st)
{
    fmpq_mat_t Q_re, Q_im;
    slong i, j;
    ck_assert(I->m >= I->N);
    fmpq_mat_init(Q_re, I->m, I->m);
    fmpq_mat_init(Q_im, I->m, I->m);
    cayley(Q_re, Q_im, I->m, I->cplx, st);
    for (i = 0; i < I->m; i++)
        for (j = 0; j < I->N; j++)
        {
            fmpq_set(fmpq_mat_entry(I->A_re, i, j), fmpq_mat_entry(Q_re, i, j));
            fmpq_set(fmpq_mat_entry(I->A_im, i, j), fmpq_mat_entry(Q_im, i, j));
        }
    fmpq_mat_clear(Q_re);
    fmpq_mat_clear(Q_im);
}

/* y = A c exactly (complex) */
static void
inst_set_y_Ac(inst_struct * I, const fmpq_mat_t c_re, const fmpq_mat_t c_im)
{
    fmpq_mat_t t;
    fmpq_mat_init(t, I->m, 1);
    fmpq_mat_mul(I->y_re, I->A_re, c_re);
    fmpq_mat_mul(t, I->A_im, c_im);
    fmpq_mat_sub(I->y_re, I->y_re, t);
    fmpq_mat_mul(I->y_im, I->A_re, c_im);
    fmpq_mat_mul(t, I->A_im, c_re);
    fmpq_mat_add(I->y_im, I->y_im, t);
    fmpq_mat_clear(t);
}

static int
res_identical(const kd_iter_result_t R1, const kd_iter_result_t R2)
{
    return fmpq_mat_equal(R1->x_re, R2->x_re) && fmpq_mat_equal(R1->x_im, R2->x_im)
        && R1->iterations == R2->iterations && R1->stop == R2->stop
        && fmpq_mat_equal(R1->B, R2->B) && fmpq_equal(R1->intercept, R2->intercept)
        && R1->warned == R2->warned && fmpq_equal(R1->tau, R2->tau)
        && fmpq_equal(R1->step, R2->step) && fmpq_equal(R1->L_A, R2->L_A);
}

/* every entry of the result is an exact dyadic rational with at most prec
   significant bits (the value of a working-format number) */
static int
res_is_working_format(const kd_iter_result_t R, slong prec)
{
    slong i;
    for (i = 0; i < fmpq_mat_nrows(R->x_re); i++)
    {
        const fmpq * a = fmpq_mat_entry(R->x_re, i, 0), * b = fmpq_mat_entry(R->x_im, i, 0);
        if (!kd_test_fmpq_is_dyadic(a) || !kd_test_fmpq_is_dyadic(b))
            return 0;
        if (fmpz_bits(fmpq_numref(a)) - fmpz_val2(fmpq_numref(a)) > (ulong) prec
            || fmpz_bits(fmpq_numref(b)) - fmpz_val2(fmpq_numref(b)) > (ulong) prec)
            return 0;
    }
    return 1;
}

/* The output x as an acb vector (exact). */
static void
res_get_acb(acb_ptr x, const kd_iter_result_t R, slong N)
{
    slong i;
    for (i = 0; i < N; i++)
    {
        kd_test_arb_set_dyadic(acb_realref(x + i), fmpq_mat_entry(R->x_re, i, 0));
        kd_test_arb_set_dyadic(acb_imagref(x + i), fmpq_mat_entry(R->x_im, i, 0));
    }
}

/* upper bound of max_i |x_i - y_i| as a double */
static double
dist_inf_ub(acb_srcptr x, acb_srcptr y, slong N)
{
    slong i;
    acb_t d;
    arb_t a;
    arf_t u;
    double r = 0.0, v;
    acb_init(d);
    arb_init(a);
    arf_init(u);
    for (i = 0; i < N; i++)
    {
        acb_sub(d, x + i, y + i, REFPREC);
        acb_abs(a, d, REFPREC);
        arb_get_ubound_arf(u, a, REFPREC);
        v = arf_get_d(u, ARF_RND_UP);
        if (v > r)
            r = v;
    }
    acb_clear(d);
    arb_clear(a);
    arf_clear(u);
    return r;
}

/* A, y, w as Arb objects at REFPREC */
typedef struct
{
    slong m, N;
    acb_mat_t A;
    acb_ptr y;
    arb_ptr w;
}
ref_struct;

static void
ref_init(ref_struct * F, const inst_struct * I)
{
    slong i, j;
    F->m = I->m;
    F->N = I->N;
    acb_mat_init(F->A, I->m, I->N);
    F->y = _acb_vec_init(I->m);
    F->w = _arb_vec_init(I->N);
    for (i = 0; i < I->m; i++)
    {
        for (j = 0; j < I->N; j++)
        {
            arb_set_fmpq(acb_realref(acb_mat_entry(F->A, i, j)), fmpq_mat_entry(I->A_re, i, j),
                         REFPREC);
            if (I->cplx)
                arb_set_fmpq(acb_imagref(acb_mat_entry(F->A, i, j)),
                             fmpq_mat_entry(I->A_im, i, j), REFPREC);
        }
        arb_set_fmpq(acb_realref(F->y + i), fmpq_mat_entry(I->y_re, i, 0), REFPREC);
        if (I->cplx)
            arb_set_fmpq(acb_imagref(F->y + i), fmpq_mat_entry(I->y_im, i, 0), REFPREC);
    }
    for (j = 0; j < I->N; j++)
    {
        if (I->weighted)
            arb_set_fmpq(F->w + j, fmpq_mat_entry(I->w, j, 0), REFPREC);
        else
            arb_one(F->w + j);
    }
}

static void
ref_clear(ref_struct * F)
{
    acb_mat_clear(F->A);
    _acb_vec_clear(F->y, F->m);
    _arb_vec_clear(F->w, F->N);
}

/* r = A x - y */
static void
ref_residual(acb_ptr r, const ref_struct * F, acb_srcptr x)
{
    slong i, j;
    for (i = 0; i < F->m; i++)
    {
        acb_neg(r + i, F->y + i);
        for (j = 0; j < F->N; j++)
            acb_addmul(r + i, acb_mat_entry(F->A, i, j), x + j, REFPREC);
    }
}

/* g = A^* r */
static void
ref_adjoint(acb_ptr g, const ref_struct * F, acb_srcptr r)
{
    slong i, j;
    acb_t c;
    acb_init(c);
    for (j = 0; j < F->N; j++)
    {
        acb_zero(g + j);
        for (i = 0; i < F->m; i++)
        {
            acb_conj(c, acb_mat_entry(F->A, i, j));
            acb_addmul(g + j, c, r + i, REFPREC);
        }
    }
    acb_clear(c);
}

/* s = S_theta(u), the soft threshold u max(0, 1 - theta/|u|), enclosed: it
   is evaluated at the midpoint of u and widened by u's radius (S is
   1-Lipschitz); where |u| vs theta is undecided the value is 0 +- (|u| -
   theta)_+. */
static void
ref_soft(acb_t s, const acb_t u, const arb_t theta)
{
    acb_t c;
    arb_t a, t;
    mag_t rad;
    acb_init(c);
    arb_init(a);
    arb_init(t);
    mag_init(rad);
    acb_get_mid(c, u);
    mag_hypot(rad, arb_radref(acb_realref(u)), arb_radref(acb_imagref(u)));
    acb_abs(a, c, REFPREC);
    if (arb_gt(a, theta))
    {
        arb_div(t, theta, a, REFPREC);
        arb_sub_ui(t, t, 1, REFPREC);
        arb_neg(t, t);
        acb_mul_arb(s, c, t, REFPREC);
    }
    else if (arb_le(a, theta))
        acb_zero(s);
    else
    {
        arb_sub(t, a, theta, REFPREC);
        acb_zero(s);
        arb_add_error(acb_realref(s), t);
        arb_add_error(acb_imagref(s), t);
    }
    arb_add_error_mag(acb_realref(s), rad);
    arb_add_error_mag(acb_imagref(s), rad);
    acb_clear(c);
    arb_clear(a);
    arb_clear(t);
    mag_clear(rad);
}

/* Fixed-point residual max_i |x_i - S_{t lam w_i}(x_i - t g_i)| (upper bound)
   with g = 2 A^*(Ax - y) for P2 or A^*(Ax - y)/||Ax - y|| for P3, and step
   t = 1/||A||_F^2; zero exactly at the minimisers (for any t > 0). */
static double
ref_fixed_point_residual(const ref_struct * F, const kd_iter_result_t R, const fmpq_t lambda,
                         int p3)
{
    slong i, m = F->m, N = F->N;
    acb_ptr x, r, g, u, s;
    arb_t t, th, nr;
    double res;
    x = _acb_vec_init(N);
    r = _acb_vec_init(m);
    g = _acb_vec_init(N);
    u = _acb_vec_init(N);
    s = _acb_vec_init(N);
    arb_init(t);
    arb_init(th);
    arb_init(nr);
    res_get_acb(x, R, N);
    ref_residual(r, F, x);
    ref_adjoint(g, F, r);
    if (p3)
    {
        arb_zero(nr);
        for (i = 0; i < m; i++)
        {
            acb_abs(th, r + i, REFPREC);
            arb_addmul(nr, th, th, REFPREC);
        }
        arb_sqrtpos(nr, nr, REFPREC);
        _acb_vec_scalar_div_arb(g, g, N, nr, REFPREC);
    }
    else
        _acb_vec_scalar_mul_2exp_si(g, g, N, 1);
    /* t = 1/||A||_F^2 */
    arb_zero(t);
    for (i = 0; i < m * N; i++)
    {
        acb_abs(th, acb_mat_entry(F->A, i / N, i % N), REFPREC);
        arb_addmul(t, th, th, REFPREC);
    }
    arb_inv(t, t, REFPREC);
    for (i = 0; i < N; i++)
    {
        acb_mul_arb(u + i, g + i, t, REFPREC);
        acb_sub(u + i, x + i, u + i, REFPREC);
        arb_mul_fmpz(th, t, fmpq_numref(lambda), REFPREC);
        arb_div_fmpz(th, th, fmpq_denref(lambda), REFPREC);
        arb_mul(th, th, F->w + i, REFPREC);
        ref_soft(s + i, u + i, th);
    }
    res = dist_inf_ub(x, s, N);
    _acb_vec_clear(x, N);
    _acb_vec_clear(r, m);
    _acb_vec_clear(g, N);
    _acb_vec_clear(u, N);
    _acb_vec_clear(s, N);
    arb_clear(t);
    arb_clear(th);
    arb_clear(nr);
    return res;
}

/* ------------------------------------------------------------- methods */

enum { M_ISTA, M_FISTA, M_PD_P3, M_PD_P1, M_FIRENET, M_CD_MATLAB, M_CD_GLMNET, NUM_METHODS };

static const char * method_name[] =
    { "ista", "fista", "pd_p3", "pd_p1", "firenet", "cd_matlab", "cd_glmnet" };

/* Runs method k on I with parameter par (lambda, eta, Lambda); max_iter and
   tol for the first-order methods, p and n for FIRENET. */
static kd_status
run_method(kd_iter_result_t R, int k, const inst_struct * I, const fmpq_t par, slong max_iter,
           double tol, const kd_arith_t a)
{
    kd_iter_data_t D;
    kd_iter_opts_t o;
    kd_iter_firenet_params_t P;
    kd_iter_cd_opts_t c;
    kd_status st;
    inst_data(D, I);
    kd_iter_opts_init(o);
    o->max_iter = max_iter;
    o->tol = tol;
    switch (k)
    {
        case M_ISTA: return kd_iter_ista(R, D, par, o, a);
        case M_FISTA: return kd_iter_fista(R, D, par, o, a);
        case M_PD_P3: return kd_iter_pd_p3(R, D, par, o, a);
        case M_PD_P1: return kd_iter_pd_p1(R, D, par, o, a);
        case M_FIRENET:
            kd_iter_firenet_params_init(P);
            P->p = 10;
            P->n = max_iter / 10 > 0 ? max_iter / 10 : 1;
            fmpq_set_si(P->delta, 1, 1000);
            st = kd_iter_firenet(R, D, par, P, a);
            kd_iter_firenet_params_clear(P);
            return st;
        case M_CD_MATLAB:
        case M_CD_GLMNET:
            if (k == M_CD_MATLAB)
                kd_iter_cd_opts_init_matlab(c);
            else
                kd_iter_cd_opts_init_glmnet(c);
            c->max_iter = max_iter;
            if (tol > 0)
                c->tol = tol;
            return k == M_CD_MATLAB ? kd_iter_cd_matlab(R, I->A_re, I->y_re, par, c, a)
                                    : kd_iter_cd_glmnet(R, I->A_re, I->y_re, par, c, a);
    }
    return KD_ERR_ARG;
}

/* ------------------------------------------------ double == MPFR-53 */

/* a random prec-bit number 2^e m, |e| <= espread, zero with probability 1/8 */
static void
kdot_rand(arb_t x, flint_rand_t st, slong prec, slong espread)
{
    fmpz_t m;
    fmpz_init(m);
    arb_zero(x);
    if (n_randint(st, 8) != 0)
    {
        fmpz_randtest_not_zero(m, st, 1 + n_randint(st, prec));
        arf_set_fmpz(arb_midref(x), m);
        arf_mul_2exp_si(arb_midref(x), arb_midref(x),
                        (slong) n_randint(st, 2 * espread + 1) - espread - fmpz_bits(m));
    }
    fmpz_clear(m);
}

/* The Arb backend's digit products (kdot.c) against exact sums: on random
   matrices and vectors with wide exponent ranges, zeros and near-total
   cancellation, one product or the sum/difference of two (complex data),
   every result is within 2^-(prec+2) sum_j |a_j x_j| plus
   the final rounding (solvers.md §7); above its precision range, or for a
   non-finite vector, the kernel declines. */
START_TEST(test_kdot)
{
    static const slong precs[] = { 30, 53, 64, 100, 113, 128, 150, 180 };
    static const slong spreads[] = { 0, 8, 60, 300 };
    flint_rand_t st;
    ulong salt = 1400 + _i;
    slong trial, rows, n, prec, spread, i, j, K, fallbacks, part;
    slong narrow_rows = 0, narrow_fallbacks = 0;
    arb_ptr A, x, A2, x2, o;
    arf_t S, T, t, err, bnd;
    _kd_kdot_mat_t M, M2;
    int two, sub;

    kd_test_randinit(st, salt);
    arf_init(S); arf_init(T); arf_init(t); arf_init(err); arf_init(bnd);
    for (trial = 0; trial < 60; trial++)
    {
        prec = precs[n_randint(st, 8)];
        spread = spreads[n_randint(st, 4)];
        rows = 1 + n_randint(st, 4);
        n = trial == 0 ? 4100 + n_randint(st, 100) : 1 + n_randint(st, 200);
        two = trial % 2;        /* o = A x -/+ A2 x2, as for complex data */
        sub = n_randint(st, 2);
        A = _arb_vec_init(rows * n);
        x = _arb_vec_init(n);
        A2 = _arb_vec_init(rows * n);
        x2 = _arb_vec_init(n);
        o = _arb_vec_init(rows);
        for (i = 0; i < rows * n; i++)
        {
            kdot_rand(A + i, st, prec, spread);
            kdot_rand(A2 + i, st, prec, spread);
        }
        for (j = 0; j < n; j++)
        {
            kdot_rand(x + j, st, prec, spread);
            kdot_rand(x2 + j, st, prec, spread);
        }
        if (trial % 3 == 1 && n > 1)
        {
            /* row 0 cancels to about 2^-prec of its terms */
            arb_one(A + n - 1);
            arb_approx_dot(x + n - 1, NULL, 0, A, 1, x, 1, n - 1, prec);
            arb_neg(x + n - 1, x + n - 1);
        }
        if (trial % 7 == 2)
            _arb_vec_zero(x, n);
        K = _kd_kdot_ndigits(prec, n);
        ck_assert_msg(K == 0 ? prec + 32 + FLINT_BIT_COUNT(n) > 224 : K >= 2 && K <= 4,
                      "digits %ld at prec %ld (seed %lu)", (long) K, (long) prec, kd_test_seed(salt));
        _kd_kdot_mat_init(M, A, rows, n, K);
        _kd_kdot_mat_init(M2, A2, rows, n, K);
        ck_assert_int_eq(M->K, K);
        if (K == 0)
            ck_assert_int_eq(_kd_kdot_mat_vec(o, M, A, x, prec), 0);
        else
        {
            fallbacks = (two ? _kd_kdot_mat_vec2(o, M, A, x, M2, A2, x2, sub, prec)
                         : _kd_kdot_mat_vec(o, M, A, x, prec)) - 1;
            ck_assert(fallbacks >= 0 && fallbacks <= rows);
            if (spread <= 8)
            {
                narrow_rows += rows;
                narrow_fallbacks += fallbacks;
            }
            for (i = 0; i < rows; i++)
            {
                /* S = sum a_j x_j -/+ sum a2_j x2_j and T = the sum of
                   the terms' absolute values, exactly */
                arf_zero(S);
                arf_zero(T);
                for (part = 0; part <= two; part++)
                    for (j = 0; j < n; j++)
                    {
                        arf_mul(t, arb_midref((part ? A2 : A) + i * n + j),
                                arb_midref((part ? x2 : x) + j), ARF_PREC_EXACT, ARF_RND_DOWN);
                        if (part && sub)
                            arf_neg(t, t);
                        arf_add(S, S, t, ARF_PREC_EXACT, ARF_RND_DOWN);
                        arf_abs(t, t);
                        arf_add(T, T, t, ARF_PREC_EXACT, ARF_RND_DOWN);
                    }
                arf_sub(err, arb_midref(o + i), S, ARF_PREC_EXACT, ARF_RND_DOWN);
                arf_abs(err, err);
                /* the digit kernel's bound; arb_approx_dot (rows that fail
                   the kernel's check) is allowed 2^-(prec-2) */
                arf_mul_2exp_si(bnd, T, fallbacks == 0 ? -(prec + 2) : -(prec - 2));
                arf_abs(t, arb_midref(o + i));
                arf_mul_2exp_si(t, t, -prec);
                arf_add(bnd, bnd, t, ARF_PREC_EXACT, ARF_RND_DOWN);
                ck_assert_msg(arf_cmp(err, bnd) <= 0 && mag_is_zero(arb_radref(o + i))
                              && arf_bits(arb_midref(o + i)) <= prec,
                              "kdot: row %ld of %ld, n %ld, prec %ld, spread %ld, parts %d, trial "
                              "%ld: error %.3e > bound %.3e (seed %lu)", (long) i, (long) rows,
                              (long) n, (long) prec, (long) spread, two + 1, (long) trial,
                              arf_get_d(err, ARF_RND_UP), arf_get_d(bnd, ARF_RND_UP),
                              kd_test_seed(salt));
            }
        }
        if (n > 1 && K != 0)
        {
            arf_pos_inf(arb_midref(x + 1));
            ck_assert_int_eq(_kd_kdot_mat_vec(o, M, A, x, prec), 0);
        }
        _kd_kdot_mat_clear(M);
        _kd_kdot_mat_clear(M2);
        _arb_vec_clear(A, rows * n);
        _arb_vec_clear(x, n);
        _arb_vec_clear(A2, rows * n);
        _arb_vec_clear(x2, n);
        _arb_vec_clear(o, rows);
    }
    /* exponents within 2^+-8: the digit kernel did nearly every row (only
       spreads near 2^+-60 and beyond leave rows to arb_approx_dot) */
    ck_assert_msg(4 * narrow_fallbacks <= narrow_rows, "%ld of %ld rows fell back (seed %lu)",
                  (long) narrow_fallbacks, (long) narrow_rows, kd_test_seed(salt));
    ck_assert_int_eq(_kd_kdot_ndigits(250, 100), 0);
    _kd_kdot_mat_init(M, NULL, 3, 3, 3);
    ck_assert_int_eq(M->K, 0);
    ck_assert_int_eq(_kd_kdot_mat_vec(NULL, M, NULL, NULL, 113), 0);
    _kd_kdot_mat_clear(M);
    arf_clear(S); arf_clear(T); arf_clear(t); arf_clear(err); arf_clear(bnd);
    flint_randclear(st);
}
END_TEST

/* For every method, on random real and complex instances (weighted and
   not, wide and tall), the double backend and MPFR at 53 bits return the
   same bits, iteration count and stop reason; MPFR at 54 bits does not
   (so the comparison can see a difference). */
START_TEST(test_double_equals_mpfr53)
{
    flint_rand_t st;
    ulong salt = 100 + _i;
    int k, trial, differs54 = 0;
    kd_arith_t ad, a53, a54;
    kd_iter_result_t R1, R2, R3;
    fmpq_t lam;

    kd_test_randinit(st, salt);
    kd_arith_set_double(ad);
    kd_assert_ok(kd_arith_set_mpfr(a53, 53));
    kd_assert_ok(kd_arith_set_mpfr(a54, 54));
    kd_iter_result_init(R1);
    kd_iter_result_init(R2);
    kd_iter_result_init(R3);
    fmpq_init(lam);
    for (trial = 0; trial < 4; trial++)
    {
        slong m = 3 + n_randint(st, 6), N = 2 + n_randint(st, 8);
        int cplx = (trial & 1), weighted = (trial >> 1) & 1;
        inst_struct I[1];
        inst_init(I, m, N, cplx, weighted);
        inst_rand(I, st);
        for (k = 0; k < NUM_METHODS; k++)
        {
            slong iters = 150;
            if ((k == M_CD_MATLAB || k == M_CD_GLMNET) && cplx)
                continue;
            if (k == M_PD_P1)
                fmpq_set_si(lam, 1 + n_randint(st, 20), 4);    /* eta */
            else if (k == M_CD_MATLAB || k == M_CD_GLMNET)
                fmpq_set_si(lam, 1 + n_randint(st, 20), 100);  /* Lambda */
            else
                fmpq_set_si(lam, 1 + n_randint(st, 40), 8);
            kd_assert_ok(run_method(R1, k, I, lam, iters, 0.0, ad));
            kd_assert_ok(run_method(R2, k, I, lam, iters, 0.0, a53));
            kd_assert_ok(run_method(R3, k, I, lam, iters, 0.0, a54));
            ck_assert_msg(res_identical(R1, R2),
                          "%s: double and mpfr-53 differ (m = %ld, N = %ld, complex %d, "
                          "weighted %d, iterations %ld vs %ld, seed %lu)", method_name[k],
                          (long) m, (long) N, cplx, weighted, (long) R1->iterations,
                          (long) R2->iterations, kd_test_seed(salt));
            ck_assert_msg(res_is_working_format(R1, 53) && res_is_working_format(R3, 54),
                          "%s: output is not in the working format (seed %lu)",
                          method_name[k], kd_test_seed(salt));
            ck_assert_int_eq(R1->prec, 53);
            ck_assert_int_eq(R1->is_complex, cplx);
            ck_assert(R1->stop != KD_ITER_STOP_NONFINITE);
            differs54 |= !fmpq_mat_equal(R1->x_re, R3->x_re);
        }
        inst_clear(I);
    }
    ck_assert_msg(differs54, "mpfr-54 reproduced double everywhere (seed %lu)",
                  kd_test_seed(salt));
    kd_iter_result_clear(R1);
    kd_iter_result_clear(R2);
    kd_iter_result_clear(R3);
    fmpq_clear(lam);
    flint_randclear(st);
}
END_TEST

/* ------------------------------------------------------ closed forms */

/* P2 with orthonormal columns: the minimiser is S_{lambda w/2}(A^* y). ISTA
   and FISTA reach it to ~1e-13 at 53 bits and ~1e-55 at 200 bits. */
START_TEST(test_p2_orthonormal_closed_form)
{
    flint_rand_t st;
    ulong salt = 200 + _i;
    int cplx = _i & 1, weighted = (_i >> 1) & 1, k;
    slong m = 7, N = 4, j;
    inst_struct I[1];
    ref_struct F[1];
    acb_ptr c, xs, x;
    arb_t th;
    fmpq_t lam;
    kd_arith_t ad, a200;
    kd_iter_result_t R;

    kd_test_randinit(st, salt);
    inst_init(I, m, N, cplx, weighted);
    inst_rand(I, st);
    inst_orthonormal_columns(I, st);
    ref_init(F, I);
    c = _acb_vec_init(N);
    xs = _acb_vec_init(N);
    x = _acb_vec_init(N);
    arb_init(th);
    fmpq_init(lam);
    fmpq_set_si(lam, 3, 2);
    ref_adjoint(c, F, F->y);
    for (j = 0; j < N; j++)
    {
        arb_mul_2exp_si(th, F->w + j, -1);
        arb_mul_si(th, th, 3, REFPREC);
        arb_mul_2exp_si(th, th, -1);                /* lambda w / 2 */
        ref_soft(xs + j, c + j, th);
    }
    kd_arith_set_double(ad);
    kd_assert_ok(kd_arith_set_mpfr(a200, 200));
    kd_iter_result_init(R);
    for (k = M_ISTA; k <= M_FISTA; k++)
    {
        double e53, e200;
        kd_assert_ok(run_method(R, k, I, lam, 2000, 0.0, ad));
        res_get_acb(x, R, N);
        e53 = dist_inf_ub(x, xs, N);
        kd_assert_ok(run_method(R, k, I, lam, 2000, 0.0, a200));
        res_get_acb(x, R, N);
        e200 = dist_inf_ub(x, xs, N);
        ck_assert_msg(e53 < 1e-13 && e200 < 1e-55,
                      "%s: errors %g (53 bits), %g (200 bits) (complex %d, seed %lu)",
                      method_name[k], e53, e200, cplx, kd_test_seed(salt));
    }
    kd_iter_result_clear(R);
    _acb_vec_clear(c, N);
    _acb_vec_clear(xs, N);
    _acb_vec_clear(x, N);
    arb_clear(th);
    fmpq_clear(lam);
    ref_clear(F);
    inst_clear(I);
    flint_randclear(st);
}
END_TEST

/* P1 and P3 with orthonormal columns and y = A c, N = 4 (constructed in
   the comments of each case), where the minimiser is a soft threshold of
   c:
   - P1, eta = 2 theta, all |c_i| > theta: x* = S_theta(c), since
     ||S_theta(c) - c|| = theta sqrt(N) = eta;
   - P3, theta = 1, |c_1|, |c_2| > 1, |c_3| = 1/2, |c_4| = 7/16:
     ||S_1(c) - c|| = sqrt(2 + 1/4 + 49/256) = 25/16, and x* = S_1(c) for
     lambda = theta/||S_1(c) - c|| = 16/25 (KKT).
   The primal-dual method approaches x*, more closely at 200 bits than at
   53. */
START_TEST(test_p1_p3_orthonormal_closed_form)
{
    flint_rand_t st;
    ulong salt = 300 + _i;
    int cplx = _i & 1, p3 = (_i >> 1) & 1;
    slong m = 6, N = 4, j;
    inst_struct I[1];
    fmpq_mat_t c_re, c_im;
    acb_ptr xs, x;
    acb_t cj;
    arb_t th;
    fmpq_t par;
    kd_arith_t ad, a200;
    kd_iter_result_t R;
    kd_iter_data_t D;
    kd_iter_opts_t o;
    double e53, e200;

    kd_test_randinit(st, salt);
    inst_init(I, m, N, cplx, 0);
    inst_orthonormal_columns(I, st);
    fmpq_mat_init(c_re, N, 1);
    fmpq_mat_init(c_im, N, 1);
    xs = _acb_vec_init(N);
    x = _acb_vec_init(N);
    acb_init(cj);
    arb_init(th);
    fmpq_init(par);
    for (j = 0; j < N; j++)
    {
        /* |c_j| in (2, 4) for the active ones, with random phase signs */
        slong s1 = n_randint(st, 2) ? 1 : -1;
        fmpq_set_si(fmpq_mat_entry(c_re, j, 0), s1 * (17 + (slong) n_randint(st, 14)), 8);
        if (cplx)
            fmpq_set_si(fmpq_mat_entry(c_im, j, 0), (slong) n_randint(st, 9) - 4, 8);
    }
    if (p3)
    {
        /* |c_3| = 1/2, |c_4| = 7/16 (c_4 imaginary in the complex case) */
        fmpq_set_si(fmpq_mat_entry(c_re, 2, 0), -1, 2);
        fmpq_zero(fmpq_mat_entry(c_im, 2, 0));
        fmpq_set_si(cplx ? fmpq_mat_entry(c_im, 3, 0) : fmpq_mat_entry(c_re, 3, 0), 7, 16);
        if (cplx)
            fmpq_zero(fmpq_mat_entry(c_re, 3, 0));
        fmpq_set_si(par, 16, 25);
        arb_one(th);
    }
    else
    {
        fmpq_set_si(par, 3, 2);                     /* eta = 2 theta, theta = 3/4 */
        arb_set_si(th, 3);
        arb_mul_2exp_si(th, th, -2);
    }
    inst_set_y_Ac(I, c_re, c_im);
    for (j = 0; j < N; j++)
    {
        arb_set_fmpq(acb_realref(cj), fmpq_mat_entry(c_re, j, 0), REFPREC);
        arb_set_fmpq(acb_imagref(cj), fmpq_mat_entry(c_im, j, 0), REFPREC);
        ref_soft(xs + j, cj, th);
    }

    kd_arith_set_double(ad);
    kd_assert_ok(kd_arith_set_mpfr(a200, 200));
    kd_iter_result_init(R);
    inst_data(D, I);
    kd_iter_opts_init(o);
    o->max_iter = 3000;
    kd_assert_ok(p3 ? kd_iter_pd_p3(R, D, par, o, ad) : kd_iter_pd_p1(R, D, par, o, ad));
    res_get_acb(x, R, N);
    e53 = dist_inf_ub(x, xs, N);
    kd_assert_ok(p3 ? kd_iter_pd_p3(R, D, par, o, a200) : kd_iter_pd_p1(R, D, par, o, a200));
    res_get_acb(x, R, N);
    e200 = dist_inf_ub(x, xs, N);
    ck_assert_msg(e53 < 1e-12 && e200 < 1e-40 && e200 < e53,
                  "pd_%s: errors %g (53 bits), %g (200 bits) (complex %d, seed %lu)",
                  p3 ? "p3" : "p1", e53, e200, cplx, kd_test_seed(salt));

    kd_iter_result_clear(R);
    fmpq_mat_clear(c_re);
    fmpq_mat_clear(c_im);
    _acb_vec_clear(xs, N);
    _acb_vec_clear(x, N);
    acb_clear(cj);
    arb_clear(th);
    fmpq_clear(par);
    inst_clear(I);
    flint_randclear(st);
}
END_TEST

/* FIRENET on a sharp P3 instance: orthonormal columns, y = A x0 with x0
   2-sparse and lambda = 1/2 < 1/sqrt(2), so x* = x0 is the unique minimiser
   (zero residual; the setting of FIRENET's guarantee, error <~ delta +
   e^{-n}). With delta = 2^-30, n = 30, p = 40 the output is within 1e-8 of
   x* at 53 and 200 bits; with n = 3 it is not yet (the restarts matter). */
START_TEST(test_firenet_sharp)
{
    flint_rand_t st;
    ulong salt = 350 + _i;
    int cplx = _i & 1;
    slong m = 6, N = 4, j;
    inst_struct I[1];
    fmpq_mat_t c_re, c_im;
    acb_ptr xs, x;
    fmpq_t lam;
    kd_arith_t ad, a200;
    kd_iter_result_t R;
    kd_iter_data_t D;
    kd_iter_firenet_params_t P;
    double f53, f200, f3;

    kd_test_randinit(st, salt);
    inst_init(I, m, N, cplx, 0);
    inst_orthonormal_columns(I, st);
    fmpq_mat_init(c_re, N, 1);
    fmpq_mat_init(c_im, N, 1);
    xs = _acb_vec_init(N);
    x = _acb_vec_init(N);
    fmpq_init(lam);
    fmpq_set_si(lam, 1, 2);
    for (j = 0; j < 2; j++)
    {
        slong s1 = n_randint(st, 2) ? 1 : -1;
        fmpq_set_si(fmpq_mat_entry(c_re, j, 0), s1 * (17 + (slong) n_randint(st, 14)), 8);
        if (cplx)
            fmpq_set_si(fmpq_mat_entry(c_im, j, 0), (slong) n_randint(st, 9) - 4, 8);
        arb_set_fmpq(acb_realref(xs + j), fmpq_mat_entry(c_re, j, 0), REFPREC);
        arb_set_fmpq(acb_imagref(xs + j), fmpq_mat_entry(c_im, j, 0), REFPREC);
    }
    inst_set_y_Ac(I, c_re, c_im);
    inst_data(D, I);
    kd_arith_set_double(ad);
    kd_assert_ok(kd_arith_set_mpfr(a200, 200));
    kd_iter_result_init(R);
    kd_iter_firenet_params_init(P);
    P->p = 40;
    P->n = 30;
    fmpq_set_si(P->delta, 1, 1 << 30);
    kd_assert_ok(kd_iter_firenet(R, D, lam, P, ad));
    res_get_acb(x, R, N);
    f53 = dist_inf_ub(x, xs, N);
    kd_assert_ok(kd_iter_firenet(R, D, lam, P, a200));
    res_get_acb(x, R, N);
    f200 = dist_inf_ub(x, xs, N);
    P->n = 3;
    kd_assert_ok(kd_iter_firenet(R, D, lam, P, a200));
    res_get_acb(x, R, N);
    f3 = dist_inf_ub(x, xs, N);
    ck_assert_msg(f53 < 1e-8 && f200 < 1e-8 && f3 > 1e-4,
                  "firenet: errors %g (53 bits), %g (200 bits), %g (n = 3) (complex %d, seed %lu)",
                  f53, f200, f3, cplx, kd_test_seed(salt));
    kd_iter_firenet_params_clear(P);
    kd_iter_result_clear(R);
    fmpq_mat_clear(c_re);
    fmpq_mat_clear(c_im);
    _acb_vec_clear(xs, N);
    _acb_vec_clear(x, N);
    fmpq_clear(lam);
    inst_clear(I);
    flint_randclear(st);
}
END_TEST

/* ------------------------------------------- optimality conditions */

/* Tall well-conditioned A = (orthonormal columns) + E/8 with a random
   rational E: ISTA/FISTA for P2 and PD for P3 satisfy the fixed-point
   characterisation x = S(x - t grad) of their problem (evaluated in Arb
   from the exact output and data), to ~1e-12 at 53 bits and far better
   at 200 bits. */
START_TEST(test_fixed_point_residuals)
{
    flint_rand_t st;
    ulong salt = 400 + _i;
    int cplx = _i & 1, k;
    slong m = 9, N = 5;
    inst_struct I[1];
    ref_struct F[1];
    fmpq_mat_t E;
    fmpq_t lam;
    kd_arith_t ad, a200;
    kd_iter_result_t R;

    kd_test_randinit(st, salt);
    inst_init(I, m, N, cplx, 1);
    inst_rand(I, st);
    inst_orthonormal_columns(I, st);
    fmpq_mat_init(E, m, N);
    rand_mat(E, st);
    {
        fmpz_t eight;
        fmpz_init_set_ui(eight, 8);
        fmpq_mat_scalar_div_fmpz(E, E, eight);
        fmpz_clear(eight);
    }
    fmpq_mat_add(I->A_re, I->A_re, E);
    fmpq_mat_clear(E);
    ref_init(F, I);
    fmpq_init(lam);
    fmpq_set_si(lam, 1, 2);
    kd_arith_set_double(ad);
    kd_assert_ok(kd_arith_set_mpfr(a200, 200));
    kd_iter_result_init(R);
    for (k = M_ISTA; k <= M_PD_P3; k++)
    {
        double r53, r200;
        slong iters = (k == M_FISTA) ? 16000 : 20000;
        kd_assert_ok(run_method(R, k, I, lam, iters, 0.0, ad));
        r53 = ref_fixed_point_residual(F, R, lam, k == M_PD_P3);
        kd_assert_ok(run_method(R, k, I, lam, iters, 0.0, a200));
        r200 = ref_fixed_point_residual(F, R, lam, k == M_PD_P3);
        ck_assert_msg(r53 < 1e-12 && r200 < 1e-40 && r200 < r53,
                      "%s: residuals %g (53 bits), %g (200 bits), %ld iterations "
                      "(complex %d, seed %lu)", method_name[k], r53, r200,
                      (long) R->iterations, cplx, kd_test_seed(salt));
    }
    kd_iter_result_clear(R);
    fmpq_clear(lam);
    ref_clear(F);
    inst_clear(I);
    flint_randclear(st);
}
END_TEST

/* --------------------------------------------------- the LASSO probe */

/* A_delta, y of lasso-probe.md §1 with delta = 2^-k, entries given as
   300-bit dyadic approximations (so the solver's rounding to nearest gives
   the correctly rounded double instance); matlab_sqrt: use instead the
   double 1/sqrt(2) as MATLAB computes it (1/RN(sqrt 2), one ulp below
   RN(1/sqrt 2)). mirror swaps the columns. */
static void
probe_instance(fmpq_mat_t A, fmpq_mat_t y, slong k, int mirror, int matlab_sqrt)
{
    arb_t s, t, d;
    slong c1 = mirror ? 1 : 0, c2 = 1 - c1;
    arb_init(s);
    arb_init(t);
    arb_init(d);
    if (matlab_sqrt)
        arb_set_d(s, 1.0 / sqrt(2.0));
    else
    {
        arb_set_ui(s, 2);
        arb_rsqrt(s, s, 300);
    }
    arb_one(d);
    arb_mul_2exp_si(d, d, -k);
    arb_sub(t, s, d, 300);
    arf_get_fmpq(fmpq_mat_entry(A, 0, c1), arb_midref(t));
    arf_get_fmpq(fmpq_mat_entry(A, 0, c2), arb_midref(s));
    arb_neg(t, s);
    arf_get_fmpq(fmpq_mat_entry(A, 1, c2), arb_midref(t));
    arf_get_fmpq(fmpq_mat_entry(y, 1, 0), arb_midref(t));
    arb_sub(t, t, d, 300);
    arf_get_fmpq(fmpq_mat_entry(A, 1, c1), arb_midref(t));
    arb_mul_2exp_si(t, d, 1);
    arf_get_fmpq(fmpq_mat_entry(A, 2, c1), arb_midref(t));
    fmpq_zero(fmpq_mat_entry(A, 2, c2));
    arf_get_fmpq(fmpq_mat_entry(y, 0, 0), arb_midref(s));
    fmpq_zero(fmpq_mat_entry(y, 2, 0));
    arb_clear(s);
    arb_clear(t);
    arb_clear(d);
}

/* ||B - B*||_2 in Arb, B* = (0, 1 - sqrt(3)/10) (mirror: swapped) */
static void
probe_error(arb_t err, const kd_iter_result_t R, int mirror)
{
    arb_t b, e, t;
    arb_init(b);
    arb_init(e);
    arb_init(t);
    arb_sqrt_ui(e, 3, REFPREC);
    arb_div_ui(e, e, 10, REFPREC);
    arb_sub_ui(e, e, 1, REFPREC);
    arb_neg(e, e);                                  /* 1 - sqrt(3)/10 */
    kd_test_arb_set_dyadic(b, fmpq_mat_entry(R->B, mirror ? 1 : 0, 0));
    arb_mul(err, b, b, REFPREC);
    kd_test_arb_set_dyadic(b, fmpq_mat_entry(R->B, mirror ? 0 : 1, 0));
    arb_sub(t, b, e, REFPREC);
    arb_addmul(err, t, t, REFPREC);
    arb_sqrtpos(err, err, REFPREC);
    arb_clear(b);
    arb_clear(e);
    arb_clear(t);
}

/* |x - v| < tol, x an exact dyadic and v a decimal figure */
static int
near(const fmpq_t x, double v, double tol)
{
    return fabs(fmpq_get_d(x) - v) < tol;
}

/* |x - v| < tol proved, x a ball and v a decimal figure */
static int
arb_near(const arb_t x, double v, double tol)
{
    arb_t t, u;
    int ok;
    arb_init(t);
    arb_init(u);
    arb_set_d(t, v);
    arb_sub(t, x, t, REFPREC);
    arb_abs(t, t);
    arb_set_d(u, tol);
    ok = arb_lt(t, u);
    arb_clear(t);
    arb_clear(u);
    return ok;
}

/* The figures of lasso-probe.md §3, MATLAB convention Lambda = 1/10, on
   the correctly rounded double instance; the MPFR backend at 53 bits
   reproduces each run bit for bit. */
START_TEST(test_probe_figures)
{
    fmpq_mat_t A, y;
    fmpq_t Lam;
    kd_iter_cd_opts_t o;
    kd_arith_t ad, a53;
    kd_iter_result_t R, R2;
    arb_t err;
    char * s;

    fmpq_mat_init(A, 3, 2);
    fmpq_mat_init(y, 3, 1);
    fmpq_init(Lam);
    fmpq_set_si(Lam, 1, 10);
    arb_init(err);
    kd_arith_set_double(ad);
    kd_assert_ok(kd_arith_set_mpfr(a53, 53));
    kd_iter_result_init(R);
    kd_iter_result_init(R2);

    /* delta = 2^-7, defaults: 1301 sweeps, B = (0.48045, 0.34634),
       error 0.6795, no warning */
    probe_instance(A, y, 7, 0, 0);
    kd_iter_cd_opts_init_matlab(o);
    kd_assert_ok(kd_iter_cd_matlab(R, A, y, Lam, o, ad));
    probe_error(err, R, 0);
    s = arb_get_str(err, 10, 0);
    ck_assert_msg(R->iterations == 1301 && !R->warned && R->stop == KD_ITER_STOP_TOLERANCE,
                  "2^-7 defaults: %ld sweeps, warned %d", (long) R->iterations, R->warned);
    ck_assert_msg(near(fmpq_mat_entry(R->B, 0, 0), 0.48045, 5e-6)
                  && near(fmpq_mat_entry(R->B, 1, 0), 0.34634, 5e-6)
                  && arb_near(err, 0.6795, 5e-5), "2^-7 defaults: error %s", s);
    flint_free(s);
    kd_assert_ok(kd_iter_cd_matlab(R2, A, y, Lam, o, a53));
    ck_assert(res_identical(R, R2));

    /* delta = 2^-7, RelTol = 2^-52: 6436 sweeps, B = B* to double accuracy */
    o->tol = ldexp(1.0, -52);
    kd_assert_ok(kd_iter_cd_matlab(R, A, y, Lam, o, ad));
    probe_error(err, R, 0);
    s = arb_get_str(err, 10, 0);
    ck_assert_msg(R->iterations == 6436 && !R->warned && fmpq_is_zero(fmpq_mat_entry(R->B, 0, 0))
                  && arb_near(err, 0.0, 1e-15),
                  "2^-7 RelTol eps: %ld sweeps, error %s", (long) R->iterations, s);
    flint_free(s);
    kd_assert_ok(kd_iter_cd_matlab(R2, A, y, Lam, o, a53));
    ck_assert(res_identical(R, R2));

    /* the same with MATLAB's own 1/sqrt(2): the table's "2e-16" */
    probe_instance(A, y, 7, 0, 1);
    kd_assert_ok(kd_iter_cd_matlab(R, A, y, Lam, o, ad));
    probe_error(err, R, 0);
    s = arb_get_str(err, 10, 0);
    ck_assert_msg(R->iterations == 6436 && arb_near(err, 2e-16, 0.5e-16),
                  "2^-7 RelTol eps, MATLAB's 1/sqrt(2): %ld sweeps, error %s",
                  (long) R->iterations, s);
    flint_free(s);

    /* MaxIter reached: the warning flag */
    probe_instance(A, y, 7, 0, 0);
    o->max_iter = 1000;
    kd_assert_ok(kd_iter_cd_matlab(R, A, y, Lam, o, ad));
    ck_assert_msg(R->iterations == 1000 && R->warned && R->stop == KD_ITER_STOP_MAX_ITER,
                  "MaxIter 1000: %ld sweeps, warned %d", (long) R->iterations, R->warned);
    ck_assert_str_eq(kd_iter_stop_name(R->stop), "max-iterations");

    /* delta = 2^-15, defaults: 2 sweeps, the wrong vertex (error 1.16926),
       no warning */
    probe_instance(A, y, 15, 0, 0);
    kd_iter_cd_opts_init_matlab(o);
    kd_assert_ok(kd_iter_cd_matlab(R, A, y, Lam, o, ad));
    probe_error(err, R, 0);
    s = arb_get_str(err, 10, 0);
    ck_assert_msg(R->iterations == 2 && !R->warned && arb_near(err, 1.16926, 5e-6),
                  "2^-15 defaults: %ld sweeps, warned %d, error %s", (long) R->iterations,
                  R->warned, s);
    flint_free(s);
    kd_assert_ok(kd_iter_cd_matlab(R2, A, y, Lam, o, a53));
    ck_assert(res_identical(R, R2));

    /* the mirror (columns swapped) finds the right support at once */
    probe_instance(A, y, 15, 1, 0);
    kd_assert_ok(kd_iter_cd_matlab(R, A, y, Lam, o, ad));
    probe_error(err, R, 1);
    s = arb_get_str(err, 10, 0);
    ck_assert_msg(fmpq_is_zero(fmpq_mat_entry(R->B, 1, 0)) && arb_near(err, 0.0, 1e-14)
                  && !R->warned, "mirror 2^-15: error %s", s);
    flint_free(s);
    probe_instance(A, y, 7, 1, 0);
    kd_assert_ok(kd_iter_cd_matlab(R, A, y, Lam, o, ad));
    probe_error(err, R, 1);
    ck_assert(fmpq_is_zero(fmpq_mat_entry(R->B, 1, 0)) && arb_near(err, 0.0, 1e-14));

    /* intercept: the data are centred, so it is 0 up to rounding */
    ck_assert(fabs(fmpq_get_d(R->intercept)) < 1e-15);

    kd_iter_result_clear(R);
    kd_iter_result_clear(R2);
    arb_clear(err);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    fmpq_clear(Lam);
}
END_TEST

/* glmnet's rule on the probe: the defaults (thresh 1e-7) also return the
   wrong vertex at 2^-15 (lasso-probe.md §4: R glmnet 0.53 on the
   standardized scale), the mirror is right, a tiny thresh with a small
   maxit warns. */
START_TEST(test_probe_glmnet)
{
    fmpq_mat_t A, y;
    fmpq_t Lam;
    kd_iter_cd_opts_t o;
    kd_arith_t ad, a53;
    kd_iter_result_t R, R2;
    arb_t err;

    fmpq_mat_init(A, 3, 2);
    fmpq_mat_init(y, 3, 1);
    fmpq_init(Lam);
    fmpq_set_si(Lam, 1, 10);
    arb_init(err);
    kd_arith_set_double(ad);
    kd_assert_ok(kd_arith_set_mpfr(a53, 53));
    kd_iter_result_init(R);
    kd_iter_result_init(R2);
    kd_iter_cd_opts_init_glmnet(o);
    ck_assert(o->tol == 1e-7 && o->max_iter == 100000);

    probe_instance(A, y, 15, 0, 0);
    kd_assert_ok(kd_iter_cd_glmnet(R, A, y, Lam, o, ad));
    probe_error(err, R, 0);
    ck_assert_msg(!R->warned && arb_near(err, 1.16926, 1e-4)
                  && fabs(fmpq_get_d(fmpq_mat_entry(R->x_re, 0, 0)) - (1 / sqrt(3.0) - 0.1)) < 1e-6,
                  "glmnet 2^-15: %ld sweeps, b_1 = %g", (long) R->iterations,
                  fmpq_get_d(fmpq_mat_entry(R->x_re, 0, 0)));
    kd_assert_ok(kd_iter_cd_glmnet(R2, A, y, Lam, o, a53));
    ck_assert(res_identical(R, R2));

    probe_instance(A, y, 15, 1, 0);
    kd_assert_ok(kd_iter_cd_glmnet(R, A, y, Lam, o, ad));
    probe_error(err, R, 1);
    ck_assert(!R->warned && fmpq_is_zero(fmpq_mat_entry(R->B, 1, 0))
              && arb_near(err, 0.0, 1e-14));

    probe_instance(A, y, 7, 0, 0);
    o->tol = 1e-30;
    o->max_iter = 50;
    kd_assert_ok(kd_iter_cd_glmnet(R, A, y, Lam, o, ad));
    ck_assert_msg(R->warned && R->iterations == 50 && R->stop == KD_ITER_STOP_MAX_ITER,
                  "glmnet maxit: %ld sweeps, warned %d", (long) R->iterations, R->warned);

    kd_iter_result_clear(R);
    kd_iter_result_clear(R2);
    arb_clear(err);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    fmpq_clear(Lam);
}
END_TEST

/* KKT conditions of the scaled LASSO, evaluated in Arb from the exact data
   (X0 = (X - mu)/sigma with the exact population std, or X - mu unless
   standardize) and the returned b: max over j of the violation of
   |g_j| <= Lambda (b_j = 0) or g_j = Lambda sgn(b_j), g = X0^T (Y0 - X0 b)/m.
   Also checks B = b/sigma and the intercept to ~1e-12. */
static double
cd_kkt_violation(const fmpq_mat_t X, const fmpq_mat_t y, const fmpq_t Lam,
                 const kd_iter_result_t R, int standardize)
{
    slong m = fmpq_mat_nrows(X), N = fmpq_mat_ncols(X), i, j;
    arb_mat_t X0;
    arb_ptr mu, sig, Y0, r, b;
    arb_t t, L, ybar, icpt;
    arf_t u;
    double viol = 0.0, v;

    arb_mat_init(X0, m, N);
    mu = _arb_vec_init(N);
    sig = _arb_vec_init(N);
    Y0 = _arb_vec_init(m);
    r = _arb_vec_init(m);
    b = _arb_vec_init(N);
    arb_init(t);
    arb_init(L);
    arb_init(ybar);
    arb_init(icpt);
    arf_init(u);
    arb_set_fmpq(L, Lam, REFPREC);
    for (j = 0; j < N; j++)
    {
        for (i = 0; i < m; i++)
        {
            arb_set_fmpq(arb_mat_entry(X0, i, j), fmpq_mat_entry(X, i, j), REFPREC);
            arb_add(mu + j, mu + j, arb_mat_entry(X0, i, j), REFPREC);
        }
        arb_div_si(mu + j, mu + j, m, REFPREC);
        arb_zero(sig + j);
        for (i = 0; i < m; i++)
        {
            arb_sub(arb_mat_entry(X0, i, j), arb_mat_entry(X0, i, j), mu + j, REFPREC);
            arb_addmul(sig + j, arb_mat_entry(X0, i, j), arb_mat_entry(X0, i, j), REFPREC);
        }
        arb_div_si(sig + j, sig + j, m, REFPREC);
        arb_sqrtpos(sig + j, sig + j, REFPREC);
        if (!standardize)
            arb_one(sig + j);
        for (i = 0; i < m; i++)
            arb_div(arb_mat_entry(X0, i, j), arb_mat_entry(X0, i, j), sig + j, REFPREC);
        kd_test_arb_set_dyadic(b + j, fmpq_mat_entry(R->x_re, j, 0));
    }
    for (i = 0; i < m; i++)
    {
        arb_set_fmpq(t, fmpq_mat_entry(y, i, 0), REFPREC);
        arb_add(ybar, ybar, t, REFPREC);
    }
    arb_div_si(ybar, ybar, m, REFPREC);
    for (i = 0; i < m; i++)
    {
        arb_set_fmpq(Y0 + i, fmpq_mat_entry(y, i, 0), REFPREC);
        arb_sub(r + i, Y0 + i, ybar, REFPREC);
        for (j = 0; j < N; j++)
            arb_submul(r + i, arb_mat_entry(X0, i, j), b + j, REFPREC);
    }
    arb_set(icpt, ybar);
    for (j = 0; j < N; j++)
    {
        arb_zero(t);
        for (i = 0; i < m; i++)
            arb_addmul(t, arb_mat_entry(X0, i, j), r + i, REFPREC);
        arb_div_si(t, t, m, REFPREC);
        if (arb_is_zero(b + j))
        {
            arb_abs(t, t);
            arb_sub(t, t, L, REFPREC);
        }
        else
        {
            if (arf_sgn(arb_midref(b + j)) > 0)
                arb_sub(t, t, L, REFPREC);
            else
                arb_add(t, t, L, REFPREC);
            arb_abs(t, t);
        }
        arb_get_ubound_arf(u, t, REFPREC);
        v = arf_get_d(u, ARF_RND_UP);
        viol = FLINT_MAX(viol, v);
        /* B_j = b_j / sigma_j, intercept = ybar - sum mu_j B_j */
        arb_div(t, b + j, sig + j, REFPREC);
        arb_submul(icpt, mu + j, t, REFPREC);
        {
            arb_t q;
            arb_init(q);
            kd_test_arb_set_dyadic(q, fmpq_mat_entry(R->B, j, 0));
            arb_sub(t, t, q, REFPREC);
            arb_clear(q);
        }
        arb_abs(t, t);
        arb_get_ubound_arf(u, t, REFPREC);
        viol = FLINT_MAX(viol, 1e-3 * arf_get_d(u, ARF_RND_UP));
    }
    arb_set_fmpq(t, R->intercept, REFPREC);
    arb_sub(icpt, icpt, t, REFPREC);
    arb_abs(icpt, icpt);
    arb_get_ubound_arf(u, icpt, REFPREC);
    viol = FLINT_MAX(viol, 1e-3 * arf_get_d(u, ARF_RND_UP));

    arb_mat_clear(X0);
    _arb_vec_clear(mu, N);
    _arb_vec_clear(sig, N);
    _arb_vec_clear(Y0, m);
    _arb_vec_clear(r, m);
    _arb_vec_clear(b, N);
    arb_clear(t);
    arb_clear(L);
    arb_clear(ybar);
    arb_clear(icpt);
    arf_clear(u);
    return viol;
}

/* Both coordinate-descent rules, standardized or not, on random
   uncentred data (m = 30, N = 6): with tight tolerances the output meets
   the KKT conditions to ~1e-10 at 53 bits and far better at 200 bits. */
START_TEST(test_cd_kkt)
{
    flint_rand_t st;
    ulong salt = 500 + _i;
    int glmnet = _i & 1, standardize = !((_i >> 1) & 1);
    slong m = 30, N = 6;
    fmpq_mat_t X, y;
    fmpq_t Lam;
    kd_iter_cd_opts_t o;
    kd_arith_t ad, a200;
    kd_iter_result_t R;
    double v53, v200;

    kd_test_randinit(st, salt);
    fmpq_mat_init(X, m, N);
    fmpq_mat_init(y, m, 1);
    fmpq_init(Lam);
    rand_mat(X, st);
    rand_mat(y, st);
    fmpq_set_si(Lam, 1 + n_randint(st, 4), standardize ? 8 : 2);
    kd_arith_set_double(ad);
    kd_assert_ok(kd_arith_set_mpfr(a200, 200));
    kd_iter_result_init(R);
    if (glmnet)
        kd_iter_cd_opts_init_glmnet(o);
    else
        kd_iter_cd_opts_init_matlab(o);
    o->standardize = standardize;
    o->tol = glmnet ? 1e-24 : 1e-13;
    kd_assert_ok((glmnet ? kd_iter_cd_glmnet : kd_iter_cd_matlab)(R, X, y, Lam, o, ad));
    ck_assert(!R->warned);
    v53 = cd_kkt_violation(X, y, Lam, R, standardize);
    o->tol = glmnet ? 1e-100 : 1e-50;
    kd_assert_ok((glmnet ? kd_iter_cd_glmnet : kd_iter_cd_matlab)(R, X, y, Lam, o, a200));
    ck_assert(!R->warned);
    v200 = cd_kkt_violation(X, y, Lam, R, standardize);
    ck_assert_msg(v53 < 1e-10 && v200 < 1e-40,
                  "%s (standardize %d): KKT violation %g (53 bits), %g (200 bits), seed %lu",
                  glmnet ? "glmnet" : "matlab", standardize, v53, v200, kd_test_seed(salt));
    kd_iter_result_clear(R);
    fmpq_mat_clear(X);
    fmpq_mat_clear(y);
    fmpq_clear(Lam);
    flint_randclear(st);
}
END_TEST

/* ------------------------------------------------ FIRENET parameters */

/* Layer count 3np + 1; the default steps satisfy tau = sigma,
   tau L_A < 1 exactly and are the largest such working-format numbers;
   replicate_published_steps gives tau = sigma = RN(sqrt(RN(1/L_A)))
   (checked against MPFR directly), which violates tau sigma L_A^2 < 1 for
   L_A > 1. */
START_TEST(test_firenet_params)
{
    flint_rand_t st;
    ulong salt = 600;
    inst_struct I[1];
    kd_iter_data_t D;
    kd_iter_firenet_params_t P;
    kd_iter_result_t R;
    kd_arith_t a[2];
    fmpq_t lam, t, u;
    mpfr_t L, r;
    int b;

    kd_test_randinit(st, salt);
    inst_init(I, 5, 8, 1, 1);
    inst_rand(I, st);
    inst_data(D, I);
    kd_iter_firenet_params_init(P);
    ck_assert(P->p == 50 && P->n == 30 && P->replicate_published_steps == 0
              && fmpq_is_zero(P->eps0) && fmpq_is_zero(P->L_A));
    kd_iter_result_init(R);
    fmpq_init(lam);
    fmpq_init(t);
    fmpq_init(u);
    fmpq_set_si(lam, 1, 3);
    kd_arith_set_double(a[0]);
    kd_assert_ok(kd_arith_set_mpfr(a[1], 100));
    for (b = 0; b < 2; b++)
    {
        slong prec = b ? 100 : 53;
        P->p = 7;
        P->n = 4;
        P->replicate_published_steps = 0;
        fmpq_zero(P->L_A);
        kd_assert_ok(kd_iter_firenet(R, D, lam, P, a[b]));
        ck_assert_int_eq(R->layers, 3 * 4 * 7 + 1);
        ck_assert_int_eq(R->iterations, 28);
        ck_assert_str_eq(kd_iter_stop_name(R->stop), "completed");
        ck_assert(fmpq_equal(R->tau, R->sigma));
        fmpq_mul(t, R->tau, R->L_A);
        ck_assert(fmpq_cmp_ui(t, 1) < 0);
        /* tau + ulp(tau) would violate: ulp = 2^(e - prec) */
        fmpq_set_si(u, 1, 1);
        while (fmpq_cmp(u, R->tau) > 0)
            fmpq_div_2exp(u, u, 1);
        fmpq_div_2exp(u, u, prec - 1);              /* ulp of tau */
        fmpq_add(u, u, R->tau);
        fmpq_mul(u, u, R->L_A);
        ck_assert(fmpq_cmp_ui(u, 1) >= 0);

        /* the authors' steps, with L_A = 3/2 given */
        P->replicate_published_steps = 1;
        fmpq_set_si(P->L_A, 3, 2);
        kd_assert_ok(kd_iter_firenet(R, D, lam, P, a[b]));
        mpfr_init2(L, prec);
        mpfr_init2(r, prec);
        mpfr_set_ui(L, 3, MPFR_RNDN);
        mpfr_div_2ui(L, L, 1, MPFR_RNDN);
        mpfr_ui_div(r, 1, L, MPFR_RNDN);
        mpfr_sqrt(r, r, MPFR_RNDN);
        {
            mpq_t q;
            mpq_init(q);
            mpfr_get_q(q, r);
            fmpq_set_mpq(t, q);
            mpq_clear(q);
        }
        ck_assert_msg(fmpq_equal(R->tau, t) && fmpq_equal(R->sigma, t),
                      "published steps differ from RN(sqrt(RN(1/L_A))) at %ld bits", (long) prec);
        fmpq_mul(t, R->tau, R->sigma);
        fmpq_mul(t, t, R->L_A);
        fmpq_mul(t, t, R->L_A);
        ck_assert(fmpq_cmp_ui(t, 1) > 0);           /* tau sigma L_A^2 ~ 3/2 */
        mpfr_clear(L);
        mpfr_clear(r);
    }
    kd_iter_firenet_params_clear(P);
    kd_iter_result_clear(R);
    fmpq_clear(lam);
    fmpq_clear(t);
    fmpq_clear(u);
    inst_clear(I);
    flint_randclear(st);
}
END_TEST

/* --------------------------------------- operator norm and step sizes */

/* kd_iter_opnorm_ubound >= ||A v||/||v|| (an exact lower bound from 60
   power iterations, evaluated in Arb) and within 2% of it; the steps the
   solvers use satisfy step <= 1/(2 L_A^2), L_A >= the bound of the exact
   A, tau sigma L_A^2 < 1. Orthonormal columns give a bound in [1, 1.02]. */
START_TEST(test_opnorm_and_steps)
{
    flint_rand_t st;
    ulong salt = 700 + _i;
    int cplx = _i & 1;
    slong m, N = 20, i, it;
    inst_struct I[1];
    ref_struct F[1];
    acb_ptr v, w;
    arb_t nv, nw, t;
    arf_t Lb;
    fmpq_t lam, q;
    kd_iter_data_t D;
    kd_iter_opts_t o;
    kd_iter_result_t R;
    kd_arith_t ad;

    kd_test_randinit(st, salt);
    m = 12 + n_randint(st, 8);
    inst_init(I, m, N, cplx, 0);
    inst_rand(I, st);
    ref_init(F, I);
    v = _acb_vec_init(N);
    w = _acb_vec_init(m);
    arb_init(nv);
    arb_init(nw);
    arb_init(t);
    arf_init(Lb);
    fmpq_init(lam);
    fmpq_init(q);
    for (i = 0; i < N; i++)
        acb_set_si(v + i, 1 + (slong) i % 3);
    for (it = 0; it < 60; it++)
    {
        /* v <- A^* A v, normalised roughly (exactness not needed) */
        for (i = 0; i < m; i++)
        {
            slong j;
            acb_zero(w + i);
            for (j = 0; j < N; j++)
                acb_addmul(w + i, acb_mat_entry(F->A, i, j), v + j, 64);
        }
        ref_adjoint(v, F, w);
        {
            /* keep the midpoints (30 bits suffice) and rescale by a power
               of two so that the entries stay of order 1 */
            slong e = 0;
            for (i = 0; i < N; i++)
            {
                acb_get_mid(v + i, v + i);
                arf_set_round(arb_midref(acb_realref(v + i)), arb_midref(acb_realref(v + i)), 30,
                              ARF_RND_DOWN);
                arf_set_round(arb_midref(acb_imagref(v + i)), arb_midref(acb_imagref(v + i)), 30,
                              ARF_RND_DOWN);
                e = FLINT_MAX(e, arf_abs_bound_lt_2exp_si(arb_midref(acb_realref(v + i))));
                e = FLINT_MAX(e, arf_abs_bound_lt_2exp_si(arb_midref(acb_imagref(v + i))));
            }
            _acb_vec_scalar_mul_2exp_si(v, v, N, -e);
        }
    }
    /* lower bound ||Av|| / ||v|| */
    for (i = 0; i < m; i++)
    {
        slong j;
        acb_zero(w + i);
        for (j = 0; j < N; j++)
            acb_addmul(w + i, acb_mat_entry(F->A, i, j), v + j, REFPREC);
    }
    arb_zero(nv);
    arb_zero(nw);
    for (i = 0; i < N; i++)
    {
        acb_abs(t, v + i, REFPREC);
        arb_addmul(nv, t, t, REFPREC);
    }
    for (i = 0; i < m; i++)
    {
        acb_abs(t, w + i, REFPREC);
        arb_addmul(nw, t, t, REFPREC);
    }
    arb_div(t, nw, nv, REFPREC);
    arb_sqrtpos(t, t, REFPREC);                     /* <= ||A||_2 */
    kd_assert_ok(kd_iter_opnorm_ubound(Lb, I->A_re, cplx ? I->A_im : NULL, 64));
    {
        arb_t Lball, hi;
        arb_init(Lball);
        arb_init(hi);
        arb_set_arf(Lball, Lb);
        arb_mul_ui(hi, t, 102, REFPREC);
        arb_div_ui(hi, hi, 100, REFPREC);
        ck_assert_msg(arb_ge(Lball, t) && arb_le(Lball, hi),
                      "bound %g vs power-iteration value %g (seed %lu)", arf_get_d(Lb, ARF_RND_UP),
                      arf_get_d(arb_midref(t), ARF_RND_NEAR), kd_test_seed(salt));
        arb_clear(Lball);
        arb_clear(hi);
    }

    /* the solvers' steps */
    kd_arith_set_double(ad);
    inst_data(D, I);
    kd_iter_opts_init(o);
    o->max_iter = 3;
    kd_iter_result_init(R);
    fmpq_set_si(lam, 1, 1);
    kd_assert_ok(kd_iter_ista(R, D, lam, o, ad));
    arf_get_fmpq(q, Lb);
    ck_assert(fmpq_cmp(R->L_A, q) >= 0);
    fmpq_mul(q, R->L_A, R->L_A);
    fmpq_mul_2exp(q, q, 1);
    fmpq_mul(q, q, R->step);
    ck_assert(fmpq_cmp_ui(q, 1) <= 0);
    fmpq_mul_2exp(q, q, 1);
    ck_assert(fmpq_cmp_ui(q, 1) > 0);               /* and not needlessly small */
    kd_assert_ok(kd_iter_pd_p3(R, D, lam, o, ad));
    fmpq_mul(q, R->tau, R->sigma);
    fmpq_mul(q, q, R->L_A);
    fmpq_mul(q, q, R->L_A);
    ck_assert(fmpq_cmp_ui(q, 1) < 0);

    /* orthonormal columns */
    {
        inst_struct J[1];
        inst_init(J, 20, 13, cplx, 0);
        inst_orthonormal_columns(J, st);
        kd_assert_ok(kd_iter_opnorm_ubound(Lb, J->A_re, cplx ? J->A_im : NULL, 64));
        inst_clear(J);
    }
    ck_assert_msg(arf_cmp_si(Lb, 1) >= 0 && arf_get_d(Lb, ARF_RND_UP) <= 1.02,
                  "orthonormal columns: bound %g", arf_get_d(Lb, ARF_RND_UP));

    kd_iter_result_clear(R);
    _acb_vec_clear(v, N);
    _acb_vec_clear(w, m);
    arb_clear(nv);
    arb_clear(nw);
    arb_clear(t);
    arf_clear(Lb);
    fmpq_clear(lam);
    fmpq_clear(q);
    ref_clear(F);
    inst_clear(I);
    flint_randclear(st);
}
END_TEST

/* ------------------------------------------------ rounding and stops */

/* Input rounding: to nearest at 53 bits for double (the value of the C
   double nearest), at p bits for MPFR; double's range is enforced. */
START_TEST(test_round)
{
    fmpq_t q, r, e;
    kd_arith_t ad, a;
    slong p;
    fmpq_init(q);
    fmpq_init(r);
    fmpq_init(e);
    kd_arith_set_double(ad);
    ck_assert_str_eq(kd_arith_name(ad), "double");
    fmpq_set_si(q, 1, 3);
    kd_assert_ok(kd_arith_round_fmpq(r, q, ad));
    ck_assert_double_eq(fmpq_get_d(r), 1.0 / 3.0);
    fmpq_set_si(e, 1, 3);
    fmpq_sub(e, e, r);
    fmpq_abs(e, e);
    fmpq_mul_2exp(e, e, 55);                        /* |e| <= ulp/2 = 2^-55 */
    ck_assert(fmpq_cmp_ui(e, 1) <= 0);
    for (p = 2; p <= 300; p += 37)
    {
        kd_assert_ok(kd_arith_set_mpfr(a, p));
        kd_assert_ok(kd_arith_round_fmpq(r, q, a));
        ck_assert(kd_test_fmpq_is_dyadic(r));
        ck_assert(fmpz_bits(fmpq_numref(r)) <= (ulong) p);
        fmpq_set_si(e, 1, 3);
        fmpq_sub(e, e, r);
        fmpq_abs(e, e);
        fmpq_mul_2exp(e, e, p + 2);                 /* 1/3 in [1/4, 1/2): ulp/2 = 2^-(p+2) */
        ck_assert_msg(fmpq_cmp_ui(e, 1) <= 0, "rounding 1/3 at %ld bits", (long) p);
    }
    ck_assert_str_eq(kd_arith_name(a), "mpfr-298");
    fmpq_one(q);
    fmpq_mul_2exp(q, q, 2000);
    ck_assert_int_eq(kd_arith_round_fmpq(r, q, ad), KD_ERR_ARG);
    kd_assert_ok(kd_arith_round_fmpq(r, q, a));
    ck_assert(fmpq_equal(r, q));
    fmpq_clear(q);
    fmpq_clear(r);
    fmpq_clear(e);
}
END_TEST

/* tol < 0 runs exactly max_iter; tol = 0 stops at an exact fixed point
   (here quickly: orthonormal columns); a NaN tol is refused. */
START_TEST(test_stop_rules)
{
    flint_rand_t st;
    inst_struct I[1];
    kd_iter_data_t D;
    kd_iter_opts_t o;
    kd_iter_result_t R;
    kd_arith_t ad;
    fmpq_t lam;

    kd_test_randinit(st, 800);
    inst_init(I, 6, 4, 0, 0);
    inst_rand(I, st);
    inst_orthonormal_columns(I, st);
    inst_data(D, I);
    kd_iter_result_init(R);
    kd_arith_set_double(ad);
    fmpq_init(lam);
    fmpq_set_si(lam, 1, 4);
    kd_iter_opts_init(o);
    ck_assert(o->max_iter == 10000 && o->tol == 0.0);
    o->max_iter = 77;
    o->tol = -1;
    kd_assert_ok(kd_iter_fista(R, D, lam, o, ad));
    ck_assert(R->iterations == 77 && R->stop == KD_ITER_STOP_MAX_ITER);
    o->tol = 1e-14;
    o->max_iter = 10000;
    kd_assert_ok(kd_iter_ista(R, D, lam, o, ad));
    ck_assert_msg(R->iterations < 200 && R->stop == KD_ITER_STOP_TOLERANCE,
                  "ista: %ld iterations, stop %s", (long) R->iterations,
                  kd_iter_stop_name(R->stop));
    ck_assert(R->seconds >= 0.0);
    o->tol = 1e-3;
    kd_assert_ok(kd_iter_pd_p3(R, D, lam, o, ad));
    ck_assert(R->stop == KD_ITER_STOP_TOLERANCE && R->iterations < 10000);
    ck_assert_str_eq(kd_iter_stop_name(KD_ITER_STOP_TOLERANCE), "tolerance");
    ck_assert_str_eq(kd_iter_stop_name(KD_ITER_STOP_NONFINITE), "non-finite");
    kd_iter_result_clear(R);
    fmpq_clear(lam);
    inst_clear(I);
    flint_randclear(st);
}
END_TEST

/* ------------------------------------------------------------- errors */

#define EXPECT_ERR(call, code, word)                                              \
    do {                                                                          \
        R->iterations = 12345;                                                    \
        kd_status _s = (call);                                                    \
        ck_assert_msg(_s == (code), "%s: got %s (%s)", #call, kd_status_name(_s),  \
                      kd_error_message());                                        \
        ck_assert_msg(strstr(kd_error_message(), (word)) != NULL,                 \
                      "%s: message '%s' lacks '%s'", #call, kd_error_message(), (word)); \
        ck_assert_int_eq(R->iterations, 12345);                                   \
    } while (0)

START_TEST(test_errors)
{
    flint_rand_t st;
    inst_struct I[1];
    kd_iter_data_t D;
    kd_iter_opts_t o;
    kd_iter_cd_opts_t co;
    kd_iter_firenet_params_t P;
    kd_iter_result_t R;
    kd_arith_t ad, bad;
    fmpq_mat_t y4, w3;
    fmpq_t lam, neg, zero;

    kd_test_randinit(st, 900);
    inst_init(I, 3, 5, 0, 1);
    inst_rand(I, st);
    inst_data(D, I);
    kd_iter_result_init(R);
    kd_arith_set_double(ad);
    kd_iter_opts_init(o);
    kd_iter_cd_opts_init_matlab(co);
    kd_iter_firenet_params_init(P);
    fmpq_init(lam);
    fmpq_init(neg);
    fmpq_init(zero);
    fmpq_set_si(lam, 1, 2);
    fmpq_set_si(neg, -1, 2);
    fmpq_mat_init(y4, 4, 1);
    fmpq_mat_init(w3, 3, 1);

    EXPECT_ERR(kd_iter_ista(R, D, zero, o, ad), KD_ERR_ARG, "lambda");
    EXPECT_ERR(kd_iter_fista(R, D, neg, o, ad), KD_ERR_ARG, "kd_iter_fista");
    EXPECT_ERR(kd_iter_pd_p3(R, D, zero, o, ad), KD_ERR_ARG, "lambda");
    EXPECT_ERR(kd_iter_pd_p1(R, D, neg, o, ad), KD_ERR_ARG, "eta");
    EXPECT_ERR(kd_iter_firenet(R, D, zero, P, ad), KD_ERR_ARG, "lambda");
    EXPECT_ERR(kd_iter_cd_matlab(R, I->A_re, I->y_re, zero, co, ad), KD_ERR_ARG, "Lambda");
    EXPECT_ERR(kd_iter_cd_glmnet(R, I->A_re, I->y_re, neg, co, ad), KD_ERR_ARG, "Lambda");

    kd_iter_data_init(D, I->A_re, NULL, y4, NULL, NULL);
    EXPECT_ERR(kd_iter_ista(R, D, lam, o, ad), KD_ERR_SIZE, "y_re is 4 x 1, expected 3 x 1");
    EXPECT_ERR(kd_iter_cd_matlab(R, I->A_re, y4, lam, co, ad), KD_ERR_SIZE, "y_re");
    kd_iter_data_init(D, I->A_re, NULL, I->y_re, NULL, w3);
    EXPECT_ERR(kd_iter_pd_p1(R, D, lam, o, ad), KD_ERR_SIZE, "w is 3 x 1");
    kd_iter_data_init(D, I->A_re, y4, I->y_re, NULL, NULL);
    EXPECT_ERR(kd_iter_fista(R, D, lam, o, ad), KD_ERR_SIZE, "A_im");
    fmpq_zero(fmpq_mat_entry(I->w, 2, 0));
    inst_data(D, I);
    EXPECT_ERR(kd_iter_ista(R, D, lam, o, ad), KD_ERR_ARG, "weight w_2");
    fmpq_one(fmpq_mat_entry(I->w, 2, 0));
    inst_data(D, I);

    ck_assert_int_eq(kd_arith_set_mpfr(bad, 1), KD_ERR_ARG);
    ck_assert(strstr(kd_error_message(), "precision") != NULL);
    ck_assert_int_eq(kd_arith_set_mpfr(bad, KD_ARITH_PREC_MAX + 1), KD_ERR_ARG);
    ck_assert_int_eq(kd_arith_set_mpfr(bad, WORD_MAX), KD_ERR_ARG);
    bad->backend = KD_BACKEND_MPFR;
    bad->prec = 0;
    EXPECT_ERR(kd_iter_ista(R, D, lam, o, bad), KD_ERR_ARG, "precision");
    EXPECT_ERR(kd_iter_cd_matlab(R, I->A_re, I->y_re, lam, co, bad), KD_ERR_ARG, "precision");
    bad->prec = WORD_MAX;
    EXPECT_ERR(kd_iter_firenet(R, D, lam, P, bad), KD_ERR_ARG, "precision");

    o->max_iter = 0;
    EXPECT_ERR(kd_iter_pd_p3(R, D, lam, o, ad), KD_ERR_ARG, "max_iter");
    co->tol = 0;
    EXPECT_ERR(kd_iter_cd_glmnet(R, I->A_re, I->y_re, lam, co, ad), KD_ERR_ARG, "tolerance");
    P->p = 0;
    EXPECT_ERR(kd_iter_firenet(R, D, lam, P, ad), KD_ERR_ARG, "p and n");
    P->p = 5;
    fmpq_zero(P->delta);
    EXPECT_ERR(kd_iter_firenet(R, D, lam, P, ad), KD_ERR_ARG, "delta");

    /* eta = 0 (basis pursuit) is allowed */
    kd_iter_opts_init(o);
    o->max_iter = 5;
    kd_assert_ok(kd_iter_pd_p1(R, D, zero, o, ad));

    kd_iter_result_clear(R);
    kd_iter_firenet_params_clear(P);
    fmpq_mat_clear(y4);
    fmpq_mat_clear(w3);
    fmpq_clear(lam);
    fmpq_clear(neg);
    fmpq_clear(zero);
    inst_clear(I);
    flint_randclear(st);
}
END_TEST

/* -------------------------------------------------------------- suite */

Suite *
kd_suite_iter(void)
{
    Suite * s = suite_create("iter");
    TCase * tc;

    tc = tcase_create("backends");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_double_equals_mpfr53, 0, 4);
    tcase_add_test(tc, test_round);
    tcase_add_loop_test(tc, test_kdot, 0, 4);
    suite_add_tcase(s, tc);

    tc = tcase_create("convergence");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_p2_orthonormal_closed_form, 0, 4);
    tcase_add_loop_test(tc, test_p1_p3_orthonormal_closed_form, 0, 4);
    tcase_add_loop_test(tc, test_firenet_sharp, 0, 2);
    tcase_add_loop_test(tc, test_fixed_point_residuals, 0, 2);
    tcase_add_loop_test(tc, test_cd_kkt, 0, 4);
    tcase_add_test(tc, test_stop_rules);
    suite_add_tcase(s, tc);

    tc = tcase_create("probe");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_probe_figures);
    tcase_add_test(tc, test_probe_glmnet);
    suite_add_tcase(s, tc);

    tc = tcase_create("parameters");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_firenet_params);
    tcase_add_loop_test(tc, test_opnorm_and_steps, 0, 2);
    tcase_add_test(tc, test_errors);
    suite_add_tcase(s, tc);

    return s;
}
