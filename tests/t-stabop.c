/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The stability maps on a matrix-free operator against the dense maps on
   the operator's materialised matrix (its columns: A applied to the unit
   vectors): the same double forward values and reverse-mode gradients;
   for a Walsh operator (entries +-1/8, exact in double) the same exact
   map, so the ball evaluation of the operator map must contain (ISTA) the
   exact rational value of the dense network and (FIRENET) overlap the
   dense ball evaluation; the certified sandwich lower <= upper; the refusals. */
#include <math.h>
#include <string.h>
#include "testutil.h"
#include "kdigits/stability.h"

/* Ad (m x N row-major) = the columns A e_j in double */
static double *
materialise(const kd_op_t A)
{
    const slong m = A->nrows, N = A->ncols;
    double * Ad = flint_malloc((size_t) (m * N) * sizeof(double)), * e, * col;
    slong i, j;
    e = flint_calloc((size_t) N, sizeof(double));
    col = flint_malloc((size_t) m * sizeof(double));
    for (j = 0; j < N; j++)
    {
        e[j] = 1;
        kd_op_apply_d(col, NULL, A, e, NULL, 0);
        e[j] = 0;
        for (i = 0; i < m; i++)
            Ad[i * N + j] = col[i];
    }
    flint_free(e);
    flint_free(col);
    return Ad;
}

static double
max_abs_diff(const double * a, const double * b, slong n, double * scale)
{
    double d = 0, s = 0;
    slong i;
    for (i = 0; i < n; i++)
    {
        d = FLINT_MAX(d, fabs(a[i] - b[i]));
        s = FLINT_MAX(s, fabs(b[i]));
    }
    *scale = s;
    return d;
}

/* the two maps of a test: FO on the operator, FD dense on Ad with FO's
   scalar parameters (t, L_A, alpha), so both are the same formula */
static void
maps_firenet(kd_stab_map_t FO, kd_stab_map_t FD, const kd_op_t A, const double * Ad)
{
    slong k;
    kd_assert_ok(kd_stab_map_set_firenet_op(FO, A, "test", 0.01, 3, 2, 0.5, 1e-6, 1.0));
    kd_assert_ok(kd_stab_map_set_firenet(FD, Ad, A->nrows, A->ncols, 0.01, 3, 2, 0.5, 1e-6,
                                         1.0));
    FD->LA = FO->LA;
    FD->t = FO->t;
    for (k = 0; k < FO->n; k++)
        FD->alpha[k] = FO->alpha[k];
}

static void
rand_vec(double * v, slong n, flint_rand_t st, double s)
{
    slong i;
    for (i = 0; i < n; i++)
        v[i] = s * ((double) n_randint(st, 2001) / 1000.0 - 1.0);
}

/* forward values and J^T v of FO and FD agree (the dense reverse mode is
   checked against central differences in t-stability.c) */
static void
compare_maps(const kd_stab_map_t FO, const kd_stab_map_t FD, ulong salt)
{
    const slong m = FO->m, N = FO->N;
    double * y = flint_malloc((size_t) (3 * m + 3 * N) * sizeof(double)), * v = y + m,
           * xo = v + N, * xd = xo + N, * go = xd + N, * gd = go + m, d, sc;
    flint_rand_t st;
    kd_test_randinit(st, salt);
    rand_vec(y, m, st, 2.0);
    rand_vec(v, N, st, 1.0);
    kd_assert_ok(kd_stab_map_vjp_d(go, xo, FO, y, v));
    kd_assert_ok(kd_stab_map_vjp_d(gd, xd, FD, y, v));
    d = max_abs_diff(xo, xd, N, &sc);
    ck_assert_msg(d <= 1e-12 * (sc + 1), "forward: operator and dense differ by %g "
                  "(scale %g, seed %lu)", d, sc, kd_test_seed(salt));
    d = max_abs_diff(go, gd, m, &sc);
    ck_assert_msg(sc > 0 && d <= 1e-11 * (sc + 1), "gradient: operator and dense differ by %g "
                  "(scale %g, seed %lu)", d, sc, kd_test_seed(salt));
    flint_free(y);
    flint_randclear(st);
}

/* the balls of FO at an exact y contain the double forward value up to
   its rounding (1e-12 relative) */
static void
check_ball_vs_double(const kd_stab_map_t FO, ulong salt)
{
    const slong m = FO->m, N = FO->N;
    double * y = flint_malloc((size_t) (m + N) * sizeof(double)), * x = y + m;
    fmpq_mat_t yq;
    arb_mat_t X;
    arb_t b;
    flint_rand_t st;
    slong i;
    kd_test_randinit(st, salt);
    rand_vec(y, m, st, 2.0);
    fmpq_mat_init(yq, m, 1);
    arb_mat_init(X, N, 1);
    arb_init(b);
    for (i = 0; i < m; i++)
    {
        arf_t a;
        arf_init(a);
        arf_set_d(a, y[i]);
        arf_get_fmpq(fmpq_mat_entry(yq, i, 0), a);
        arf_clear(a);
    }
    kd_assert_ok(kd_stab_map_eval_d(x, FO, y));
    kd_assert_ok(kd_stab_map_eval_arb(X, FO, yq, 128));
    for (i = 0; i < N; i++)
    {
        arb_set_d(b, x[i]);
        arb_add_error_2exp_si(b, -40);
        ck_assert_msg(arb_is_finite(arb_mat_entry(X, i, 0))
                      && mag_cmp_2exp_si(arb_radref(arb_mat_entry(X, i, 0)), -60) < 0,
                      "ball %ld too wide (seed %lu)", (long) i, kd_test_seed(salt));
        ck_assert_msg(arb_overlaps(b, arb_mat_entry(X, i, 0)), "entry %ld: the ball misses "
                      "the double value %.17g (seed %lu)", (long) i, x[i], kd_test_seed(salt));
    }
    fmpq_mat_clear(yq);
    arb_mat_clear(X);
    arb_clear(b);
    flint_free(y);
    flint_randclear(st);
}

static const char * const specs[] = {"walsh2:8:haar:2:ml:0.5:1", "walsh2:8:unif:0.5:3",
                                     "dct:16:haar:3:unif:0.5:2"};

START_TEST(test_firenet_op)
{
    kd_op_t A;
    kd_stab_map_t FO, FD;
    double * Ad;
    kd_assert_ok(kd_op_parse(A, specs[_i]));
    Ad = materialise(A);
    kd_stab_map_init(FO);
    kd_stab_map_init(FD);
    maps_firenet(FO, FD, A, Ad);
    ck_assert(FO->op_orthonormal && FO->LA == 1.0);
    compare_maps(FO, FD, 100 + _i);
    check_ball_vs_double(FO, 110 + _i);
    kd_stab_map_clear(FO);
    kd_stab_map_clear(FD);
    kd_op_clear(A);
    flint_free(Ad);
}
END_TEST

START_TEST(test_ista_op)
{
    kd_op_t A;
    kd_stab_map_t FO, FD;
    kd_lista_t net;
    double * Ad, LB;
    kd_assert_ok(kd_op_parse(A, specs[_i]));
    Ad = materialise(A);
    kd_stab_map_init(FO);
    kd_stab_map_init(FD);
    kd_assert_ok(kd_stab_map_set_ista_op(FO, A, "test", 0.05, 7));
    ck_assert(FO->t == 1.0);
    /* the dense ISTA network with L_B = 1: W_k = A^T, theta = lambda: the
       same formula */
    kd_assert_ok(kd_lista_init(net, 7, A->nrows, A->ncols));
    kd_assert_ok(kd_lista_set_ista(net, &LB, Ad, 0.05, 1.0));
    kd_assert_ok(kd_stab_map_set_lista(FD, net, KD_STAB_ISTA));
    compare_maps(FO, FD, 200 + _i);
    check_ball_vs_double(FO, 210 + _i);
    kd_lista_clear(net);
    kd_stab_map_clear(FO);
    kd_stab_map_clear(FD);
    kd_op_clear(A);
    flint_free(Ad);
}
END_TEST

/* Walsh only: entries +-1/8 exactly, so the dense network on Ad is the
   operator map itself: its exact value in Q lies in the operator's balls */
START_TEST(test_exact_walsh)
{
    kd_op_t A;
    kd_stab_map_t FO, FD;
    kd_lista_t net;
    fmpq_mat_t y, xq;
    arb_mat_t X, XD;
    flint_rand_t st;
    double * Ad, LB;
    slong i, m, N;
    kd_assert_ok(kd_op_parse(A, "walsh2:8:unif:0.5:3"));
    m = A->nrows;
    N = A->ncols;
    /* the exact entries are +-1/8: Ad holds them, checked against the
       operator's own ball matrix */
    {
        acb_mat_t M;
        fmpq_t q;
        acb_mat_init(M, m, N);
        fmpq_init(q);
        kd_op_get_acb_mat(M, A, 128);
        Ad = flint_malloc((size_t) (m * N) * sizeof(double));
        for (i = 0; i < m * N; i++)
        {
            const acb_struct * a = acb_mat_entry(M, i / N, i % N);
            Ad[i] = arb_is_positive(acb_realref(a)) ? 0.125 : -0.125;
            fmpq_set_si(q, Ad[i] > 0 ? 1 : -1, 8);
            ck_assert(arb_contains_fmpq(acb_realref(a), q)
                      && arb_contains_zero(acb_imagref(a)));
        }
        acb_mat_clear(M);
        fmpq_clear(q);
    }
    kd_stab_map_init(FO);
    kd_stab_map_init(FD);
    kd_test_randinit(st, 300);
    fmpq_mat_init(y, m, 1);
    fmpq_mat_init(xq, N, 1);
    arb_mat_init(X, N, 1);
    arb_mat_init(XD, N, 1);
    kd_test_rand_fmpq_mat(y, st, 40, 16);
    /* ISTA: exact in Q (dense) inside the balls (operator) */
    kd_assert_ok(kd_stab_map_set_ista_op(FO, A, NULL, 0.125, 6));
    kd_assert_ok(kd_lista_init(net, 6, m, N));
    kd_assert_ok(kd_lista_set_ista(net, &LB, Ad, 0.125, 1.0));
    kd_assert_ok(kd_lista_eval_fmpq(xq, net, y));
    kd_assert_ok(kd_stab_map_eval_arb(X, FO, y, 128));
    for (i = 0; i < N; i++)
        ck_assert_msg(arb_contains_fmpq(arb_mat_entry(X, i, 0), fmpq_mat_entry(xq, i, 0)),
                      "ISTA entry %ld: the exact value is outside the ball (seed %lu)",
                      (long) i, kd_test_seed(300));
    /* FIRENET: both ball evaluations contain the exact value, so they overlap */
    maps_firenet(FO, FD, A, Ad);
    kd_assert_ok(kd_stab_map_eval_arb(X, FO, y, 128));
    kd_assert_ok(kd_stab_map_eval_arb(XD, FD, y, 128));
    for (i = 0; i < N; i++)
        ck_assert_msg(arb_overlaps(arb_mat_entry(X, i, 0), arb_mat_entry(XD, i, 0)),
                      "FIRENET entry %ld: the operator and dense balls are disjoint", (long) i);
    kd_lista_clear(net);
    fmpq_mat_clear(y);
    fmpq_mat_clear(xq);
    arb_mat_clear(X);
    arb_mat_clear(XD);
    kd_stab_map_clear(FO);
    kd_stab_map_clear(FD);
    kd_op_clear(A);
    flint_free(Ad);
    flint_randclear(st);
}
END_TEST

/* random pairs: ||Psi(y1) - Psi(y2)|| <= upper ||y1 - y2|| (double, with
   room for rounding) */
static void
check_pairs(const kd_stab_map_t F, const arb_t upper, ulong salt)
{
    const slong m = F->m, N = F->N;
    double * y1 = flint_malloc((size_t) (2 * m + 2 * N) * sizeof(double)), * y2 = y1 + m,
           * x1 = y2 + m, * x2 = x1 + N, u = arf_get_d(arb_midref(upper), ARF_RND_UP);
    flint_rand_t st;
    slong k, i;
    kd_test_randinit(st, salt);
    for (k = 0; k < 5; k++)
    {
        double dy = 0, dx = 0;
        rand_vec(y1, m, st, 2.0);
        rand_vec(y2, m, st, k < 2 ? 2.0 : 1e-3);
        for (i = 0; i < m; i++)
            y2[i] = k < 2 ? y2[i] : y1[i] + y2[i];
        kd_assert_ok(kd_stab_map_eval_d(x1, F, y1));
        kd_assert_ok(kd_stab_map_eval_d(x2, F, y2));
        for (i = 0; i < m; i++)
            dy += (y1[i] - y2[i]) * (y1[i] - y2[i]);
        for (i = 0; i < N; i++)
            dx += (x1[i] - x2[i]) * (x1[i] - x2[i]);
        ck_assert_msg(sqrt(dx) <= u * sqrt(dy) * (1 + 1e-9) + 1e-12, "pair %ld: ratio %g > "
                      "upper %g (seed %lu)", (long) k, sqrt(dx / dy), u, kd_test_seed(salt));
    }
    flint_free(y1);
    flint_randclear(st);
}

/* the run on an operator: lower <= upper, e exact and nonzero, kernel
   perturbations invisible, random pairs under the upper bound */
START_TEST(test_run_op)
{
    kd_stab_setup_t S;
    kd_stab_opts_t o;
    kd_stab_run_t T;
    kd_stab_setup_init(S);
    kd_stab_opts_init(o);
    S->matrix = "builtin:walsh2:8:haar:2:ml:0.5:1";
    S->kind = _i == 0 ? KD_STAB_FIRENET : KD_STAB_ISTA;
    S->fn_lambda = 0.01;
    o->steps = 30;
    o->step = 0.05;
    kd_stab_run_init(T);
    kd_assert_ok(kd_stab_run(T, S, o));
    ck_assert(T->phantom_n == 8 && T->phantom_levels == 2);
    ck_assert(T->F->m == 32 && T->F->N == 64);
    ck_assert(arb_is_finite(T->R->lip_lower) && arb_is_finite(T->R->lip_upper));
    ck_assert_msg(!arb_gt(T->R->lip_lower, T->R->lip_upper), "lower > upper");
    ck_assert_msg(!arb_gt(T->R->amp_lower, T->R->amp_upper), "amplification lower > upper");
    /* orthonormal rows: ||A^+ e|| = ||e|| */
    ck_assert(arb_equal(T->R->rnorm_min, T->R->enorm));
    check_pairs(T->F, T->R->lip_upper, 400 + _i);
    kd_stab_run_clear(T);
    /* kernel: A r = 0 up to rounding, so e is tiny next to r */
    o->subspace = KD_STAB_SUB_KERNEL;
    o->steps = 5;
    kd_stab_run_init(T);
    kd_assert_ok(kd_stab_run(T, S, o));
    {
        double rn = 0, en = arf_get_d(arb_midref(T->R->enorm), ARF_RND_NEAR);
        slong i;
        for (i = 0; i < T->F->N; i++)
            rn += T->R->r[i] * T->R->r[i];
        ck_assert_msg(en <= 1e-12 * sqrt(rn), "kernel: ||A r|| = %g, ||r|| = %g", en, sqrt(rn));
    }
    kd_stab_run_clear(T);
}
END_TEST

START_TEST(test_op_refusals)
{
    kd_stab_setup_t S;
    kd_stab_opts_t o;
    kd_stab_run_t T;
    kd_stab_kind k[3] = {KD_STAB_LISTA, KD_STAB_EXACT_P3, KD_STAB_FIRENET};
    const char * spec[3] = {"builtin:walsh2:8", "builtin:walsh2:8", "builtin:dft2d:8:haar:2"};
    slong i;
    for (i = 0; i < 3; i++)
    {
        kd_stab_setup_init(S);
        kd_stab_opts_init(o);
        S->matrix = spec[i];
        S->kind = k[i];
        o->steps = 2;
        kd_stab_run_init(T);
        ck_assert_int_eq(kd_stab_run(T, S, o), KD_ERR_ARG);
        kd_stab_run_clear(T);
    }
}
END_TEST

Suite *
kd_suite_stabop(void)
{
    Suite * s = suite_create("stabop");
    TCase * tc = tcase_create("operator");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, test_firenet_op, 0, 3);
    tcase_add_loop_test(tc, test_ista_op, 0, 3);
    tcase_add_test(tc, test_exact_walsh);
    tcase_add_loop_test(tc, test_run_op, 0, 2);
    tcase_add_test(tc, test_op_refusals);
    suite_add_tcase(s, tc);
    return s;
}
