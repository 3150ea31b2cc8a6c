/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for kd_solve_op (operator problems with certified gap
   bounds): on a 4 x 4 Walsh-Haar operator (N = 16) the objective is
   recomputed from the dense exact matrix (kd_op_get_acb_mat), F* is
   bounded above by the dense objective of a long run's output, and every
   reported bound must satisfy gap_k >= F(x_k) - F* >= F_k,lo - F*_hi.
   P1: the certified point (the iterate or its projection onto the
   constraint ball) is checked feasible and evaluated densely. */
#include "kdigits/solve.h"
#include "testutil.h"

#define PREC 128

/* l1 = ||x||_1, s = ||M x - y||_2^2 from the dense matrix, in balls */
static void
dense_parts(arb_t l1, arb_t s, const acb_mat_t M, const fmpq_mat_t x, const fmpq * y)
{
    slong i, j, m = acb_mat_nrows(M), N = acb_mat_ncols(M);
    acb_t r, t;
    arb_t a;
    acb_init(r);
    acb_init(t);
    arb_init(a);
    arb_zero(s);
    for (i = 0; i < m; i++)
    {
        acb_zero(r);
        for (j = 0; j < N; j++)
        {
            acb_set_fmpq(t, fmpq_mat_entry(x, j, 0), PREC);
            acb_addmul(r, acb_mat_entry(M, i, j), t, PREC);
        }
        arb_set_fmpq(a, y + i, PREC);
        arb_sub(acb_realref(r), acb_realref(r), a, PREC);
        acb_abs(a, r, PREC);
        arb_addmul(s, a, a, PREC);
    }
    arb_zero(l1);
    for (j = 0; j < N; j++)
    {
        arb_set_fmpq(a, fmpq_mat_entry(x, j, 0), PREC);
        arb_abs(a, a);
        arb_add(l1, l1, a, PREC);
    }
    acb_clear(r);
    acb_clear(t);
    arb_clear(a);
}

/* F(x) = lambda ||x||_1 + ||M x - y||_2^q (q = 1: P3, q = 2: P2) from the
   dense matrix, in balls */
static void
dense_F(arb_t F, const acb_mat_t M, const fmpq_mat_t x, const fmpq * y, const fmpq_t lambda,
        int q)
{
    arb_t s, a;
    arb_init(s);
    arb_init(a);
    dense_parts(F, s, M, x, y);
    if (q == 1)
        arb_sqrtpos(s, s, PREC);
    arb_set_fmpq(a, lambda, PREC);
    arb_mul(F, F, a, PREC);
    arb_add(F, F, s, PREC);
    arb_clear(s);
    arb_clear(a);
}

/* the 8 x 16 Walsh-Haar operator A, its dense matrix M, and the data
   y_i = (((7 i + 3) mod 11) - 5)/den as kd_mat y and as rationals yq */
static void
setup_problem(kd_op_t A, acb_mat_t M, kd_mat_t y, fmpq ** yq, slong den)
{
    slong i, m;
    kd_assert_ok(kd_op_parse(A, "walsh2:4:haar:1:ml:0.5:3"));
    m = A->nrows;
    acb_mat_init(M, m, A->ncols);
    kd_op_get_acb_mat(M, A, PREC);
    kd_mat_init(y, m, 1);
    *yq = _fmpq_vec_init(m);
    for (i = 0; i < m; i++)
    {
        kd_real_t v;
        fmpq_set_si(*yq + i, ((i * 7 + 3) % 11) - 5, den);
        kd_real_init(v);
        kd_real_set_fmpq(v, *yq + i);
        kd_mat_set_entry_real(y, i, 0, v);
        kd_real_clear(v);
    }
}

static void
check_method(kd_problem_kind kind, kd_method method)
{
    kd_op_t A;
    acb_mat_t M;
    kd_mat_t y;
    fmpq * yq;
    fmpq_t lambda;
    kd_solve_opts_t so;
    kd_solve_op_report_t R, L;
    arb_t F, Fstar_hi;
    arf_t lhs;
    slong i, m;
    int q = kind == KD_PROBLEM_P2 ? 2 : 1;

    setup_problem(A, M, y, &yq, 4);      /* dyadic: the fast route */
    m = A->nrows;
    fmpq_init(lambda);
    fmpq_set_si(lambda, 1, 10);
    kd_solve_opts_init(so);
    so->method = method;
    kd_solve_op_report_init(R);
    kd_solve_op_report_init(L);
    arb_init(F);
    arb_init(Fstar_hi);
    arf_init(lhs);

    /* the long run: F* <= F(x_long) (dense), and its bound is tight */
    so->iter.max_iter = 5000;
    so->iter.tol = -1;
    so->firenet.p = 10;
    so->firenet.n = 40;
    kd_assert_ok(kd_solve_op(L, A, y, NULL, kind, lambda, so, 0));
    dense_F(Fstar_hi, M, L->it.x_re, yq, lambda, q);
    ck_assert(arb_overlaps(Fstar_hi, &L->out.F));
    ck_assert(L->out.proved);
    ck_assert_msg(arf_cmp_2exp_si(&L->out.gap, -20) < 0, "long-run gap %s",
                  arf_get_str(&L->out.gap, 10));

    /* the short run, certified every 5 iterations */
    so->iter.max_iter = 60;
    so->firenet.n = 6;
    kd_assert_ok(kd_solve_op(R, A, y, NULL, kind, lambda, so, 5));
    ck_assert_int_eq(R->ngaps, method == KD_METHOD_FIRENET ? 12 : 12);
    for (i = 0; i <= R->ngaps; i++)
    {
        const kd_solve_op_gap_struct * g = i < R->ngaps ? R->gaps + i : &R->out;
        ck_assert(g->proved);
        if (i < R->ngaps)
            ck_assert_int_eq(g->iter, 5 * (i + 1));
        /* F(x_k) - F* >= F_k,lo - F*_hi must not exceed the bound */
        arb_sub(F, &g->F, Fstar_hi, PREC);
        arf_set_mag(lhs, arb_radref(F));
        arf_sub(lhs, arb_midref(F), lhs, PREC, ARF_RND_DOWN);
        ck_assert_msg(arf_cmp(lhs, &g->gap) <= 0, "%s iterate %ld: F - F* >= %s > bound %s",
                      kd_method_name(method), (long) g->iter, arf_get_str(lhs, 10),
                      arf_get_str(&g->gap, 10));
    }
    /* the output's objective agrees with the dense one */
    dense_F(F, M, R->it.x_re, yq, lambda, q);
    ck_assert(arb_overlaps(F, &R->out.F));

    arf_clear(lhs);
    arb_clear(F);
    arb_clear(Fstar_hi);
    kd_solve_op_report_clear(R);
    kd_solve_op_report_clear(L);
    kd_solve_opts_clear(so);
    fmpq_clear(lambda);
    _fmpq_vec_clear(yq, m);
    kd_mat_clear(y);
    acb_mat_clear(M);
    kd_op_clear(A);
}

/* P1 (eta = 1/2, ||y|| = sqrt 5) with y_i = k_i/den: den = 4 takes the
   fast route, den = 3 the rational one. F(x) = ||x||_1 at a point proved
   feasible: F* <= F(x_long) for the long run's certified output (proved
   feasible again here, densely); then the output of a run of k steps,
   k = 5, 10, ..., 60, is the certified point of iterate k (the iterate or
   its projection) and every bound must cover F(x_k) - F*_hi. */
static void
check_p1(slong den)
{
    kd_op_t A;
    acb_mat_t M;
    kd_mat_t y;
    fmpq * yq;
    fmpq_t eta;
    kd_solve_opts_t so;
    kd_solve_op_report_t R;
    arb_t F, nr2, e2, Fstar_hi;
    arf_t lhs;
    slong k, m, nproj = 0;

    setup_problem(A, M, y, &yq, den);
    m = A->nrows;
    fmpq_init(eta);
    fmpq_set_si(eta, 1, 2);
    kd_solve_opts_init(so);
    so->method = KD_METHOD_PD;
    so->iter.tol = -1;
    kd_solve_op_report_init(R);
    arb_init(F);
    arb_init(nr2);
    arb_init(e2);
    arb_init(Fstar_hi);
    arf_init(lhs);
    arb_set_fmpq(e2, eta, PREC);
    arb_sqr(e2, e2, PREC);

    for (k = 5000; k > 0; k = (k == 5000) ? 60 : k - 5)
    {
        const kd_solve_op_gap_struct * g = &R->out;
        so->iter.max_iter = k;
        kd_assert_ok(kd_solve_op(R, A, y, NULL, KD_PROBLEM_P1, eta, so, 0));
        ck_assert_msg(g->proved, "den %ld, %ld steps: no bound", (long) den, (long) k);
        nproj += g->projected;
        /* the certified point R->it.x: feasible and F(x) as reported */
        dense_parts(F, nr2, M, R->it.x_re, yq);
        ck_assert_msg(arb_le(nr2, e2), "den %ld, %ld steps: ||M x - y|| <= eta not proved "
                      "densely", (long) den, (long) k);
        ck_assert(arb_overlaps(F, &g->F));
        if (k == 5000)
        {
            arb_set(Fstar_hi, F);
            ck_assert_msg(arf_cmp_2exp_si(&g->gap, -20) < 0, "long-run gap %s",
                          arf_get_str(&g->gap, 10));
            continue;
        }
        /* F(x_k) - F* >= F_lo - F*_hi must not exceed the bound */
        arb_sub(F, F, Fstar_hi, PREC);
        arf_set_mag(lhs, arb_radref(F));
        arf_sub(lhs, arb_midref(F), lhs, PREC, ARF_RND_DOWN);
        ck_assert_msg(arf_cmp(lhs, &g->gap) <= 0, "den %ld, %ld steps: F - F* >= %s > bound %s",
                      (long) den, (long) k, arf_get_str(lhs, 10), arf_get_str(&g->gap, 10));
    }
    /* the projection is what made these bounds possible */
    ck_assert_msg(nproj > 0, "den %ld: no iterate needed the projection", (long) den);

    arf_clear(lhs);
    arb_clear(F);
    arb_clear(nr2);
    arb_clear(e2);
    arb_clear(Fstar_hi);
    kd_solve_op_report_clear(R);
    kd_solve_opts_clear(so);
    fmpq_clear(eta);
    _fmpq_vec_clear(yq, m);
    kd_mat_clear(y);
    acb_mat_clear(M);
    kd_op_clear(A);
}

START_TEST(test_pd_p1)
{
    check_p1(4);
    check_p1(3);
}
END_TEST

START_TEST(test_pd_p3)
{
    check_method(KD_PROBLEM_P3, KD_METHOD_PD);
}
END_TEST

START_TEST(test_fista_p2)
{
    check_method(KD_PROBLEM_P2, KD_METHOD_FISTA);
}
END_TEST

START_TEST(test_firenet_p3)
{
    check_method(KD_PROBLEM_P3, KD_METHOD_FIRENET);
}
END_TEST

START_TEST(test_errors)
{
    kd_op_t A;
    kd_mat_t y;
    fmpq_t lambda;
    kd_solve_opts_t so;
    kd_solve_op_report_t R;
    kd_assert_ok(kd_op_parse(A, "walsh2:4"));
    kd_mat_init(y, 15, 1);
    fmpq_init(lambda);
    fmpq_set_si(lambda, 1, 10);
    kd_solve_opts_init(so);
    kd_solve_op_report_init(R);
    so->method = KD_METHOD_FISTA;
    ck_assert_int_eq(kd_solve_op(R, A, y, NULL, KD_PROBLEM_P3, lambda, so, 1), KD_ERR_ARG);
    so->method = KD_METHOD_PD;
    ck_assert_int_eq(kd_solve_op(R, A, y, NULL, KD_PROBLEM_P3, lambda, so, 1), KD_ERR_SIZE);
    /* dense names take precedence; operator names are recognised */
    ck_assert(!kd_solve_op_spec(A, "builtin:dct2:8"));
    ck_assert(!kd_solve_op_spec(A, "A.mtx"));
    kd_op_clear(A);
    ck_assert(kd_solve_op_spec(A, "builtin:dct2d:8"));
    kd_solve_op_report_clear(R);
    kd_solve_opts_clear(so);
    fmpq_clear(lambda);
    kd_mat_clear(y);
    kd_op_clear(A);
}
END_TEST

Suite *
kd_suite_solveop(void)
{
    Suite * s = suite_create("solveop");
    TCase * tc = tcase_create("core");
    tcase_add_test(tc, test_pd_p3);
    tcase_add_test(tc, test_pd_p1);
    tcase_add_test(tc, test_fista_p2);
    tcase_add_test(tc, test_firenet_p3);
    tcase_add_test(tc, test_errors);
    suite_add_tcase(s, tc);
    return s;
}
