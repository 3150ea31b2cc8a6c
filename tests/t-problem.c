/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for problem objects and certification: parameter validation,
   rational instances, the scaled-LASSO adapter, pattern certificates
   against closed-form minimisers (lasso-probe.md §2, theory.md §4), and
   duality-gap bounds against exactly known optima. */
#include <string.h>
#include "testutil.h"
#include "kdigits/problem.h"

#define PREC 256

/* 1 x N or m x 1 exact matrices from expression strings. */
static void
mat_from(kd_mat_t M, slong r, slong c, const char * const * e)
{
    slong i;
    kd_mat_resize(M, r, c);
    for (i = 0; i < r * c; i++)
    {
        kd_complex_t z;
        kd_complex_init(z);
        kd_assert_ok(kd_complex_parse(z, e[i]));
        kd_mat_set_entry(M, i / c, i % c, z);
        kd_complex_clear(z);
    }
}

static kd_status
try_init(kd_problem_kind kind, const char * param, const char * const * w, slong cap)
{
    static const char * const A[] = {"1", "2", "3", "4", "5", "6"};
    static const char * const y[] = {"1", "1"};
    kd_mat_t MA, My, Mw;
    kd_real_t p;
    kd_problem_t P;
    kd_status st;
    kd_mat_init(MA, 0, 0);
    kd_mat_init(My, 0, 0);
    kd_mat_init(Mw, 0, 0);
    kd_real_init(p);
    mat_from(MA, 2, 3, A);
    mat_from(My, 2, 1, y);
    if (w != NULL)
        mat_from(Mw, 3, 1, w);
    if (param != NULL)
        kd_assert_ok(kd_real_parse(p, param));
    st = kd_problem_init(P, kind, MA, My, w ? Mw : NULL, param ? p : NULL, cap);
    kd_problem_clear(P);
    kd_mat_clear(MA);
    kd_mat_clear(My);
    kd_mat_clear(Mw);
    kd_real_clear(p);
    return st;
}

START_TEST(test_validation)
{
    static const char * const wok[] = {"1", "1/2", "sqrt(2)"};
    static const char * const wzero[] = {"1", "0", "1"};
    static const char * const wneg[] = {"1", "1 - sqrt(2)", "1"};
    static const char * const wcplx[] = {"1", "i", "1"};
    kd_mat_t A, y;
    kd_problem_t P;

    kd_assert_ok(try_init(KD_PROBLEM_P2, "1/10", NULL, 0));
    kd_assert_ok(try_init(KD_PROBLEM_P3, "sqrt(2)", wok, 0));
    kd_assert_ok(try_init(KD_PROBLEM_P1, "0", NULL, 0));
    kd_assert_ok(try_init(KD_PROBLEM_BP, NULL, NULL, 0));
    ck_assert_int_eq(try_init(KD_PROBLEM_P2, "0", NULL, 0), KD_ERR_ARG);
    ck_assert(strstr(kd_error_message(), "lambda must be > 0") != NULL);
    ck_assert_int_eq(try_init(KD_PROBLEM_P3, "-1/2", NULL, 0), KD_ERR_ARG);
    /* proved negative only by evaluation */
    ck_assert_int_eq(try_init(KD_PROBLEM_P2, "1 - sqrt(2)", NULL, 0), KD_ERR_ARG);
    ck_assert_int_eq(try_init(KD_PROBLEM_P1, "-2^-60", NULL, 0), KD_ERR_ARG);
    ck_assert(strstr(kd_error_message(), "eta must be >= 0") != NULL);
    /* a non-structural zero cannot be decided */
    ck_assert_int_eq(try_init(KD_PROBLEM_P2, "sqrt(3)*sqrt(3) - 3", NULL, 256), KD_ERR_UNDECIDED);
    ck_assert_int_eq(try_init(KD_PROBLEM_P2, NULL, NULL, 0), KD_ERR_ARG);
    ck_assert_int_eq(try_init(KD_PROBLEM_P2, "1", wzero, 0), KD_ERR_ARG);
    ck_assert(strstr(kd_error_message(), "w_2") != NULL);
    ck_assert_int_eq(try_init(KD_PROBLEM_P2, "1", wneg, 0), KD_ERR_ARG);
    ck_assert_int_eq(try_init(KD_PROBLEM_P2, "1", wcplx, 0), KD_ERR_ARG);

    /* sizes */
    kd_mat_init(A, 2, 3);
    kd_mat_init(y, 3, 1);
    ck_assert_int_eq(kd_problem_init(P, KD_PROBLEM_BP, A, y, NULL, NULL, 0), KD_ERR_SIZE);
    kd_problem_clear(P);
    kd_mat_resize(y, 2, 2);
    ck_assert_int_eq(kd_problem_init(P, KD_PROBLEM_BP, A, y, NULL, NULL, 0), KD_ERR_SIZE);
    kd_problem_clear(P);
    kd_mat_clear(A);
    kd_mat_clear(y);
}
END_TEST

START_TEST(test_kind_names)
{
    kd_problem_kind k;
    const char * names[] = {"bp", "p1", "p2", "p3"};
    int i;
    for (i = 0; i < 4; i++)
    {
        kd_assert_ok(kd_problem_kind_parse(&k, names[i]));
        ck_assert_int_eq(k, i);
        ck_assert_str_eq(kd_problem_kind_name(k), names[i]);
    }
    kd_assert_ok(kd_problem_kind_parse(&k, "SR-LASSO"));
    ck_assert_int_eq(k, KD_PROBLEM_P3);
    ck_assert_int_eq(kd_problem_kind_parse(&k, "p4"), KD_ERR_ARG);
}
END_TEST

START_TEST(test_qproblem)
{
    static const char * const Ar[] = {"1/3", "2", "-1", "4"};
    static const char * const Ai[] = {"1/sqrt(2)", "2", "-1", "4"};
    static const char * const y[] = {"1", "1/7"};
    kd_mat_t MA, My;
    kd_real_t lam;
    kd_problem_t P;
    kd_qproblem_t Q;
    fmpq_t t;

    kd_mat_init(MA, 0, 0);
    kd_mat_init(My, 0, 0);
    kd_real_init(lam);
    fmpq_init(t);
    mat_from(MA, 2, 2, Ar);
    mat_from(My, 2, 1, y);
    kd_assert_ok(kd_real_parse(lam, "3/10"));
    kd_assert_ok(kd_problem_init(P, KD_PROBLEM_P2, MA, My, NULL, lam, 0));
    ck_assert(kd_problem_is_rational(P));
    kd_assert_ok(kd_qproblem_init(Q, P, -1));
    ck_assert(Q->data_exact && Q->param_exact && Q->w_exact);
    fmpq_set_si(t, 1, 3);
    ck_assert(fmpq_equal(fmpq_mat_entry(Q->A, 0, 0), t));
    fmpq_set_si(t, 3, 10);
    ck_assert(fmpq_equal(Q->param, t));
    kd_qproblem_clear(Q);
    /* at a level, exact rationals that are not dyadic are still exact data */
    kd_assert_ok(kd_qproblem_init(Q, P, 10));
    ck_assert(Q->data_exact);
    kd_qproblem_clear(Q);
    kd_problem_clear(P);

    mat_from(MA, 2, 2, Ai);
    kd_assert_ok(kd_problem_init(P, KD_PROBLEM_P2, MA, My, NULL, lam, 0));
    ck_assert(!kd_problem_is_rational(P));
    ck_assert_int_eq(kd_qproblem_init(Q, P, -1), KD_ERR_ARG);
    kd_qproblem_clear(Q);
    kd_assert_ok(kd_qproblem_init(Q, P, 40));
    ck_assert(!Q->data_exact);
    ck_assert_int_eq(Q->level, 40);
    ck_assert(kd_test_fmpq_is_dyadic(fmpq_mat_entry(Q->A, 0, 0)));
    kd_qproblem_clear(Q);
    kd_problem_clear(P);
    kd_mat_clear(MA);
    kd_mat_clear(My);
    kd_real_clear(lam);
    fmpq_clear(t);
}
END_TEST

/* The LASSO probe in MATLAB's convention through the scaled adapter: the
   truth B* = (0, 1 - sqrt(3) Lambda) of lasso-probe.md §2 is certified by
   the pattern ({2}, +), and the wrong vertex's pattern is refuted. */
static void
probe_case(const char * delta, int mirror, kd_scaled_convention conv, const char * lam)
{
    kd_mat_t A, y;
    kd_real_t d, L;
    kd_problem_t P;
    arb_mat_t x;
    arb_t mu, ref, t;
    kd_truth v;
    slong good = mirror ? 0 : 1, bad = mirror ? 1 : 0;
    int plus = 1;

    kd_mat_init(A, 0, 0);
    kd_mat_init(y, 0, 0);
    kd_real_init(d);
    kd_real_init(L);
    arb_mat_init(x, 2, 1);
    arb_init(mu);
    arb_init(ref);
    arb_init(t);
    kd_assert_ok(kd_real_parse(d, delta));
    kd_assert_ok(kd_real_parse(L, lam));
    kd_assert_ok(kd_lasso_probe_instance(A, y, d, mirror));
    kd_assert_ok(kd_problem_init_scaled(P, A, y, L, conv, 1, 1, 0));
    ck_assert_int_eq(P->kind, KD_PROBLEM_P2);

    kd_assert_ok(kd_certify_pattern(&v, x, mu, P, &good, &plus, 1, PREC));
    ck_assert_msg(v == KD_TRUE, "delta %s mirror %d: truth pattern not certified (%s)",
                  delta, mirror, kd_error_message());
    /* independent closed form: 1 - sqrt(3) Lambda with Lambda = 1/10 */
    arb_sqrt_ui(ref, 3, PREC);
    arb_div_ui(ref, ref, 10, PREC);
    arb_sub_ui(ref, ref, 1, PREC);
    arb_neg(ref, ref);
    ck_assert(arb_overlaps(arb_mat_entry(x, good, 0), ref));
    ck_assert(mag_cmp_2exp_si(arb_radref(arb_mat_entry(x, good, 0)), -100) < 0);
    ck_assert(arb_is_zero(arb_mat_entry(x, bad, 0)));
    /* mu = lambda_P2 = 2 m Lambda = 0.6 */
    arb_set_ui(t, 6);
    arb_div_ui(t, t, 10, PREC);
    ck_assert(arb_overlaps(mu, t));

    kd_assert_ok(kd_certify_pattern(&v, x, mu, P, &bad, &plus, 1, PREC));
    ck_assert_msg(v == KD_FALSE, "delta %s: the wrong vertex was not refuted", delta);
    kd_problem_clear(P);
    kd_mat_clear(A);
    kd_mat_clear(y);
    kd_real_clear(d);
    kd_real_clear(L);
    arb_mat_clear(x);
    arb_clear(mu);
    arb_clear(ref);
    arb_clear(t);
}

START_TEST(test_lasso_probe_certificate)
{
    probe_case("2^-7", 0, KD_SCALED_HALF_MEAN, "1/10");
    probe_case("2^-15", 0, KD_SCALED_HALF_MEAN, "1/10");
    probe_case("2^-30", 0, KD_SCALED_HALF_MEAN, "1/10");
    probe_case("2^-15", 1, KD_SCALED_HALF_MEAN, "1/10");
    /* the slides' (1/m) form with lambda = 2 Lambda is the same problem */
    probe_case("2^-15", 0, KD_SCALED_MEAN, "1/5");
}
END_TEST

START_TEST(test_lasso_probe_tie_undecided)
{
    /* delta = 0: two equal columns, A_E^T A_E for E = {1, 2} is singular and
       each single-column pattern has equality in the dual constraint */
    kd_mat_t A, y;
    kd_real_t d, L;
    kd_problem_t P;
    arb_mat_t x;
    arb_t mu;
    kd_truth v;
    slong E[2] = {0, 1};
    int s[2] = {1, 1};
    kd_mat_init(A, 0, 0);
    kd_mat_init(y, 0, 0);
    kd_real_init(d);
    kd_real_init(L);
    arb_mat_init(x, 2, 1);
    arb_init(mu);
    kd_assert_ok(kd_real_parse(L, "1/10"));
    kd_assert_ok(kd_lasso_probe_instance(A, y, d, 0));
    kd_assert_ok(kd_problem_init_scaled(P, A, y, L, KD_SCALED_HALF_MEAN, 1, 1, 0));
    kd_assert_ok(kd_certify_pattern(&v, x, mu, P, E + 1, s, 1, PREC));
    ck_assert_int_eq(v, KD_UNKNOWN);
    kd_assert_ok(kd_certify_pattern(&v, x, mu, P, E, s, 2, PREC));
    ck_assert_int_eq(v, KD_UNKNOWN);
    kd_problem_clear(P);
    kd_mat_clear(A);
    kd_mat_clear(y);
    kd_real_clear(d);
    kd_real_clear(L);
    arb_mat_clear(x);
    arb_clear(mu);
}
END_TEST

/* theory.md §4: m = 1, N = 2, y = 1, A = (a1, a2) with a2 = a1 + 2^-41 and
   a1 = (sqrt(2)/3) 10^3; the minimiser sits on column 2 with the closed
   forms 1/a2 (P3), (1/a2)(1 - lambda/(2 a2)) (P2), (1 - eta)/a2 (P1). */
static void
gadget_case(kd_problem_kind kind, const char * param)
{
    static const char * const Ae[] = {"sqrt(2)/3*10^3", "sqrt(2)/3*10^3 + 2^-41"};
    static const char * const ye[] = {"1"};
    kd_mat_t A, y;
    kd_real_t p;
    kd_problem_t P;
    arb_mat_t x;
    arb_t mu, a2, ref, t, par;
    kd_truth v;
    slong good = 1, bad = 0;
    int plus = 1;

    kd_mat_init(A, 0, 0);
    kd_mat_init(y, 0, 0);
    kd_real_init(p);
    arb_mat_init(x, 2, 1);
    arb_init(mu);
    arb_init(a2);
    arb_init(ref);
    arb_init(t);
    arb_init(par);
    mat_from(A, 1, 2, Ae);
    mat_from(y, 1, 1, ye);
    kd_assert_ok(kd_real_parse(p, param));
    kd_assert_ok(kd_problem_init(P, kind, A, y, NULL, p, 0));
    kd_assert_ok(kd_certify_pattern(&v, x, mu, P, &good, &plus, 1, PREC));
    ck_assert_msg(v == KD_TRUE, "%s: truth not certified (%s)", kd_problem_kind_name(kind),
                  kd_error_message());
    /* a2 independently */
    arb_sqrt_ui(a2, 2, PREC);
    arb_mul_ui(a2, a2, 1000, PREC);
    arb_div_ui(a2, a2, 3, PREC);
    arb_one(t);
    arb_mul_2exp_si(t, t, -41);
    arb_add(a2, a2, t, PREC);
    kd_assert_ok(kd_real_eval_arb(par, p, PREC));
    arb_inv(ref, a2, PREC);
    if (kind == KD_PROBLEM_P2)
    {
        arb_div(t, par, a2, PREC);
        arb_mul_2exp_si(t, t, -1);
        arb_sub_ui(t, t, 1, PREC);
        arb_neg(t, t);
        arb_mul(ref, ref, t, PREC);
    }
    else if (kind == KD_PROBLEM_P1)
    {
        arb_sub_ui(t, par, 1, PREC);
        arb_neg(t, t);
        arb_mul(ref, ref, t, PREC);
    }
    ck_assert_msg(arb_overlaps(arb_mat_entry(x, 1, 0), ref), "%s: wrong value",
                  kd_problem_kind_name(kind));
    ck_assert(mag_cmp_2exp_si(arb_radref(arb_mat_entry(x, 1, 0)), -120) < 0);
    kd_assert_ok(kd_certify_pattern(&v, x, mu, P, &bad, &plus, 1, PREC));
    ck_assert_msg(v == KD_FALSE, "%s: the smaller column was not refuted",
                  kd_problem_kind_name(kind));
    kd_problem_clear(P);
    kd_mat_clear(A);
    kd_mat_clear(y);
    kd_real_clear(p);
    arb_mat_clear(x);
    arb_clear(mu);
    arb_clear(a2);
    arb_clear(ref);
    arb_clear(t);
    arb_clear(par);
}

START_TEST(test_gadget_certificates)
{
    gadget_case(KD_PROBLEM_P3, "1");
    gadget_case(KD_PROBLEM_P2, "1");
    gadget_case(KD_PROBLEM_P1, "1/2");
    gadget_case(KD_PROBLEM_BP, "0");
}
END_TEST

/* P2 with A = I: the minimiser is the soft threshold of y at lambda/2, so
   f* is known in closed form; the gap bound must be >= f(xhat) - f* and
   vanish at the optimum. Random rational data, fixed seed. */
START_TEST(test_gap_orthonormal)
{
    flint_rand_t state;
    slong iter, n = 4, i;
    kd_test_randinit(state, 31);
    for (iter = 0; iter < 30; iter++)
    {
        kd_mat_t A, y;
        kd_real_t lam;
        kd_problem_t P;
        fmpq_mat_t xs, xh;
        fmpq_t l2, yi, t;
        arb_t gap, fs, fh, diff;
        kd_mat_init(A, 0, 0);
        kd_mat_init(y, n, 1);
        kd_real_init(lam);
        fmpq_mat_init(xs, n, 1);
        fmpq_mat_init(xh, n, 1);
        fmpq_init(l2);
        fmpq_init(yi);
        fmpq_init(t);
        arb_init(gap);
        arb_init(fs);
        arb_init(fh);
        arb_init(diff);
        kd_mat_identity(A, n);
        fmpq_set_si(l2, 1 + n_randint(state, 5), 1 + n_randint(state, 4));
        kd_real_set_fmpq(lam, l2);
        fmpq_div_2exp(l2, l2, 1);                       /* lambda / 2 */
        for (i = 0; i < n; i++)
        {
            fmpq_set_si(yi, (slong) n_randint(state, 41) - 20, 1 + n_randint(state, 7));
            kd_real_set_fmpq(kd_mat_entry_re(y, i, 0), yi);
            /* x*_i = sign(y_i) max(|y_i| - lambda/2, 0) */
            fmpq_abs(t, yi);
            fmpq_sub(t, t, l2);
            if (fmpq_sgn(t) > 0)
            {
                if (fmpq_sgn(yi) < 0)
                    fmpq_neg(t, t);
                fmpq_set(fmpq_mat_entry(xs, i, 0), t);
            }
            fmpq_set(fmpq_mat_entry(xh, i, 0), fmpq_mat_entry(xs, i, 0));
        }
        /* a perturbed candidate */
        fmpq_set_si(t, (slong) n_randint(state, 9) - 4, 64);
        fmpq_add(fmpq_mat_entry(xh, iter % n, 0), fmpq_mat_entry(xh, iter % n, 0), t);
        kd_assert_ok(kd_problem_init(P, KD_PROBLEM_P2, A, y, NULL, lam, 0));
        kd_assert_ok(kd_objective_enclose(fs, P, xs, NULL, PREC));
        kd_assert_ok(kd_objective_enclose(fh, P, xh, NULL, PREC));
        arb_sub(diff, fh, fs, PREC);
        kd_assert_ok(kd_gap_bound(gap, P, xh, NULL, PREC));
        /* a valid bound: gap >= f(xhat) - f* */
        ck_assert_msg(!arb_lt(gap, diff), "seed %lu iter %ld: gap bound below the true gap",
                      kd_test_seed(31), iter);
        kd_assert_ok(kd_gap_bound(gap, P, xs, NULL, PREC));
        arb_abs(gap, gap);
        ck_assert_msg(mag_cmp_2exp_si(arb_radref(gap), -200) < 0 && arf_cmpabs_2exp_si(arb_midref(gap), -200) < 0,
                      "seed %lu iter %ld: gap at the optimum not ~0", kd_test_seed(31), iter);
        kd_problem_clear(P);
        kd_mat_clear(A);
        kd_mat_clear(y);
        kd_real_clear(lam);
        fmpq_mat_clear(xs);
        fmpq_mat_clear(xh);
        fmpq_clear(l2);
        fmpq_clear(yi);
        fmpq_clear(t);
        arb_clear(gap);
        arb_clear(fs);
        arb_clear(fh);
        arb_clear(diff);
    }
    flint_randclear(state);
}
END_TEST

/* Complex P2 with A = diag(phases): x*_j = (|z_j| - lambda/2)_+ z_j/|z_j|
   with z = A^* y; the gap bound is valid and vanishes at the optimum. */
START_TEST(test_gap_complex)
{
    static const char * const Ae[] = {"cispi(1/3)", "0", "0", "i"};
    static const char * const ye[] = {"3*cispi(1/3)", "(1/4)*i"};
    kd_mat_t A, y;
    kd_real_t lam;
    kd_problem_t P;
    fmpq_mat_t xr, xi;
    arb_t gap, fs, fh, diff;
    kd_mat_init(A, 0, 0);
    kd_mat_init(y, 0, 0);
    kd_real_init(lam);
    fmpq_mat_init(xr, 2, 1);
    fmpq_mat_init(xi, 2, 1);
    arb_init(gap);
    arb_init(fs);
    arb_init(fh);
    arb_init(diff);
    mat_from(A, 2, 2, Ae);
    mat_from(y, 2, 1, ye);
    kd_assert_ok(kd_real_parse(lam, "1"));
    kd_assert_ok(kd_problem_init(P, KD_PROBLEM_P2, A, y, NULL, lam, 0));
    ck_assert(P->is_complex);
    /* z = A^* y = (3, 1/4): x* = (3 - 1/2, 0) (second entry thresholded) */
    fmpq_set_si(fmpq_mat_entry(xr, 0, 0), 5, 2);
    kd_assert_ok(kd_objective_enclose(fs, P, xr, xi, PREC));
    kd_assert_ok(kd_gap_bound(gap, P, xr, xi, PREC));
    ck_assert(arf_cmpabs_2exp_si(arb_midref(gap), -200) < 0);
    fmpq_set_si(fmpq_mat_entry(xi, 1, 0), 1, 8);
    kd_assert_ok(kd_objective_enclose(fh, P, xr, xi, PREC));
    arb_sub(diff, fh, fs, PREC);
    ck_assert(arb_is_positive(diff));
    kd_assert_ok(kd_gap_bound(gap, P, xr, xi, PREC));
    ck_assert(!arb_lt(gap, diff));
    kd_problem_clear(P);
    kd_mat_clear(A);
    kd_mat_clear(y);
    kd_real_clear(lam);
    fmpq_mat_clear(xr);
    fmpq_mat_clear(xi);
    arb_clear(gap);
    arb_clear(fs);
    arb_clear(fh);
    arb_clear(diff);
}
END_TEST

START_TEST(test_verdicts)
{
    arb_t d;
    fmpq_mat_t xr;
    arb_mat_t x;
    arb_init(d);
    fmpq_mat_init(xr, 2, 1);
    arb_mat_init(x, 2, 1);
    /* distance between (1, 2) and the ball point (1, 2 + 10^-4) */
    fmpq_set_si(fmpq_mat_entry(xr, 0, 0), 1, 1);
    fmpq_set_si(fmpq_mat_entry(xr, 1, 0), 2, 1);
    arb_one(arb_mat_entry(x, 0, 0));
    arb_set_ui(arb_mat_entry(x, 1, 0), 20001);
    arb_div_ui(arb_mat_entry(x, 1, 0), arb_mat_entry(x, 1, 0), 10000, PREC);
    kd_assert_ok(kd_dist_to_enclosure(d, xr, NULL, x, NULL, PREC));
    ck_assert_int_eq(kd_verdict_digits(d, 3, PREC), KD_TRUE);    /* 1e-4 <= 1e-3 */
    ck_assert_int_eq(kd_verdict_digits(d, 5, PREC), KD_FALSE);   /* 1e-4 > 1e-5 */
    /* exactly 10^-4 against a wide ball: undecided */
    arb_set_ui(d, 1);
    arb_div_ui(d, d, 10000, PREC);
    mag_set_ui_2exp_si(arb_radref(d), 1, -20);
    ck_assert_int_eq(kd_verdict_digits(d, 4, PREC), KD_UNKNOWN);
    ck_assert_str_eq(kd_truth_name(KD_UNKNOWN), "unknown");
    arb_clear(d);
    fmpq_mat_clear(xr);
    arb_mat_clear(x);
}
END_TEST

Suite *
kd_suite_problem(void)
{
    Suite * s = suite_create("problem");
    TCase * tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_validation);
    tcase_add_test(tc, test_kind_names);
    tcase_add_test(tc, test_qproblem);
    tcase_add_test(tc, test_lasso_probe_certificate);
    tcase_add_test(tc, test_lasso_probe_tie_undecided);
    tcase_add_test(tc, test_gadget_certificates);
    tcase_add_test(tc, test_gap_orthonormal);
    tcase_add_test(tc, test_gap_complex);
    tcase_add_test(tc, test_verdicts);
    suite_add_tcase(s, tc);
    return s;
}
