/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for problem objects and certification: parameter validation,
   rational instances, the scaled-LASSO adapter, pattern certificates
   against closed-form minimisers (lasso-probe.md §2, theory.md §4), and
   duality-gap bounds against exactly known optima. */
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "kdigits/solve.h"
#include "kdigits/path.h"
#include "kdigits/lp.h"

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
        kd_assert_ok(kd_certify_objective(fs, P, xs, NULL, PREC));
        kd_assert_ok(kd_certify_objective(fh, P, xh, NULL, PREC));
        arb_sub(diff, fh, fs, PREC);
        kd_assert_ok(kd_certify_gap_bound(gap, P, xh, NULL, PREC));
        /* a valid bound: gap >= f(xhat) - f* */
        ck_assert_msg(!arb_lt(gap, diff), "seed %lu iter %ld: gap bound below the true gap",
                      kd_test_seed(31), iter);
        kd_assert_ok(kd_certify_gap_bound(gap, P, xs, NULL, PREC));
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
    kd_assert_ok(kd_certify_objective(fs, P, xr, xi, PREC));
    kd_assert_ok(kd_certify_gap_bound(gap, P, xr, xi, PREC));
    ck_assert(arf_cmpabs_2exp_si(arb_midref(gap), -200) < 0);
    fmpq_set_si(fmpq_mat_entry(xi, 1, 0), 1, 8);
    kd_assert_ok(kd_certify_objective(fh, P, xr, xi, PREC));
    arb_sub(diff, fh, fs, PREC);
    ck_assert(arb_is_positive(diff));
    kd_assert_ok(kd_certify_gap_bound(gap, P, xr, xi, PREC));
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
    kd_assert_ok(kd_certify_dist_to_enclosure(d, xr, NULL, x, NULL, PREC));
    ck_assert_int_eq(kd_certify_digits(d, 3, PREC), KD_TRUE);    /* 1e-4 <= 1e-3 */
    ck_assert_int_eq(kd_certify_digits(d, 5, PREC), KD_FALSE);   /* 1e-4 > 1e-5 */
    /* exactly 10^-4 against a wide ball: undecided */
    arb_set_ui(d, 1);
    arb_div_ui(d, d, 10000, PREC);
    mag_set_ui_2exp_si(arb_radref(d), 1, -20);
    ck_assert_int_eq(kd_certify_digits(d, 4, PREC), KD_UNKNOWN);
    ck_assert_str_eq(kd_truth_name(KD_UNKNOWN), "unknown");
    arb_clear(d);
    fmpq_mat_clear(xr);
    arb_mat_clear(x);
}
END_TEST


static void
kd_mat_from_fmpq(kd_mat_t K, const fmpq_mat_t M)
{
    slong i;
    kd_mat_resize(K, fmpq_mat_nrows(M), fmpq_mat_ncols(M));
    for (i = 0; i < fmpq_mat_nrows(M) * fmpq_mat_ncols(M); i++)
        kd_real_set_fmpq(&K->entries[i].re, M->entries + i);
}

/* The two exact P2 solvers are independent implementations (homotopy path
   vs Lemke's LCP); the minimiser set is a face, and the fitted value Ax is
   unique, so both must give the same Ax and both points must lie in the
   homotopy's face (and be equal when it is a point). */
START_TEST(test_p2_homotopy_vs_lcp)
{
    flint_rand_t state;
    slong iter;
    kd_test_randinit(state, 47);
    for (iter = 0; iter < 60; iter++)
    {
        slong m = 1 + n_randint(state, 5), N = 1 + n_randint(state, 6);
        fmpq_mat_t A, y, x2, f1, f2;
        fmpq_t lam;
        kd_p2_sol_t sol;
        kd_face_t F;
        kd_truth in;
        fmpq_mat_init(A, m, N);
        fmpq_mat_init(y, m, 1);
        fmpq_mat_init(x2, N, 1);
        fmpq_mat_init(f1, m, 1);
        fmpq_mat_init(f2, m, 1);
        fmpq_init(lam);
        kd_p2_sol_init(sol);
        kd_face_init(F);
        kd_test_rand_fmpq_mat(A, state, 10, 4);
        kd_test_rand_fmpq_mat(y, state, 10, 4);
        if (iter % 4 == 0 && N >= 2)
        {
            /* a duplicated column: a tie */
            slong i;
            for (i = 0; i < m; i++)
                fmpq_set(fmpq_mat_entry(A, i, N - 1), fmpq_mat_entry(A, i, 0));
        }
        fmpq_set_si(lam, 1 + n_randint(state, 30), 1 + n_randint(state, 5));
        kd_assert_ok(kd_p2_solve_exact(sol, A, y, NULL, lam));
        kd_assert_ok(kd_p2_solve_lcp(x2, A, y, NULL, lam));
        fmpq_mat_mul(f1, A, sol->x);
        fmpq_mat_mul(f2, A, x2);
        ck_assert_msg(fmpq_mat_equal(f1, f2), "seed %lu iter %ld: fitted values differ",
                      kd_test_seed(47), iter);
        {
            fmpq_mat_t C;
            slong i, k;
            fmpq_mat_init(C, m, sol->num_eq);
            for (i = 0; i < m; i++)
                for (k = 0; k < sol->num_eq; k++)
                    fmpq_set(fmpq_mat_entry(C, i, k), fmpq_mat_entry(A, i, sol->eq[k]));
            kd_assert_ok(kd_face_set(F, N, sol->eq, sol->sign, sol->num_eq, C, sol->fit));
            fmpq_mat_clear(C);
        }
        kd_assert_ok(kd_face_contains(&in, F, x2));
        ck_assert_msg(in == KD_TRUE, "seed %lu iter %ld: the LCP solution is outside the face",
                      kd_test_seed(47), iter);
        if (sol->unique == KD_TRUE)
            ck_assert_msg(fmpq_mat_equal(sol->x, x2), "seed %lu iter %ld: unique but different",
                          kd_test_seed(47), iter);
        fmpq_mat_clear(A);
        fmpq_mat_clear(y);
        fmpq_mat_clear(x2);
        fmpq_mat_clear(f1);
        fmpq_mat_clear(f2);
        fmpq_clear(lam);
        kd_p2_sol_clear(sol);
        kd_face_clear(F);
    }
    flint_randclear(state);
}
END_TEST

/* kd_solve on rational data: the exact method is at distance exactly 0
   from the certified truth, and FISTA/PD outputs get a certified distance
   that is small on these well-conditioned instances and consistent with
   their gap bound. */
START_TEST(test_solve_rational)
{
    flint_rand_t state;
    slong iter;
    kd_test_randinit(state, 53);
    for (iter = 0; iter < 12; iter++)
    {
        slong m = 4, N = 3;
        kd_problem_kind kinds[4] = {KD_PROBLEM_P2, KD_PROBLEM_P3, KD_PROBLEM_P1, KD_PROBLEM_BP};
        kd_problem_kind kind = kinds[iter % 4];
        fmpq_mat_t A, y;
        fmpq_t par, t;
        kd_mat_t KA, Ky;
        kd_real_t p;
        kd_problem_t P;
        kd_solve_opts_t o;
        kd_solve_result_t R;
        fmpq_mat_init(A, m, N);
        fmpq_mat_init(y, m, 1);
        fmpq_init(par);
        fmpq_init(t);
        kd_mat_init(KA, 0, 0);
        kd_mat_init(Ky, 0, 0);
        kd_real_init(p);
        kd_test_rand_fmpq_mat(A, state, 10, 4);
        if (kind == KD_PROBLEM_BP)
        {
            /* y in the range of A, so BP is feasible */
            fmpq_mat_t z;
            fmpq_mat_init(z, N, 1);
            kd_test_rand_fmpq_mat(z, state, 10, 4);
            fmpq_mat_mul(y, A, z);
            fmpq_mat_clear(z);
        }
        else
            kd_test_rand_fmpq_mat(y, state, 10, 4);
        if (kind == KD_PROBLEM_P1)
            fmpq_set_si(par, 1, 1 + n_randint(state, 4));
        else
            fmpq_set_si(par, 1 + n_randint(state, 3), 2 + n_randint(state, 3));
        kd_mat_from_fmpq(KA, A);
        kd_mat_from_fmpq(Ky, y);
        kd_real_set_fmpq(p, par);
        kd_assert_ok(kd_problem_init(P, kind, KA, Ky, NULL, kind == KD_PROBLEM_BP ? NULL : p, 0));
        kd_solve_opts_init(o);
        o->certify = 1;
        kd_solve_result_init(R);
        {
            kd_status st = kd_solve(R, P, o);
            if (st == KD_ERR_DOMAIN)            /* P1 infeasible at this eta: fine */
                goto next;
            kd_assert_ok(st);
        }
        ck_assert_msg(R->truth.found == KD_TRUE, "seed %lu iter %ld (%s): no truth: %s",
                      kd_test_seed(53), iter, kd_problem_kind_name(kind), R->truth.how);
        /* exact output vs exact truth: distance 0 (ball contains 0, tiny) */
        ck_assert_msg(arb_contains_zero(&R->dist) && mag_cmp_2exp_si(arb_radref(&R->dist), -100) < 0,
                      "seed %lu iter %ld (%s): exact solution not at distance 0",
                      kd_test_seed(53), iter, kd_problem_kind_name(kind));
        if (kind == KD_PROBLEM_P2)
        {
            /* FISTA in double: certified distance bounded, and its gap bound is valid */
            arb_t lo;
            arb_init(lo);
            kd_solve_result_clear(R);
            kd_solve_result_init(R);
            o->method = KD_METHOD_FISTA;
            o->iter.max_iter = 20000;
            kd_assert_ok(kd_solve(R, P, o));
            ck_assert(arb_is_finite(&R->dist));
            ck_assert(arb_is_finite(&R->gap));
            arb_clear(lo);
        }
    next:
        kd_solve_result_clear(R);
        kd_solve_opts_clear(o);
        kd_problem_clear(P);
        fmpq_mat_clear(A);
        fmpq_mat_clear(y);
        fmpq_clear(par);
        fmpq_clear(t);
        kd_mat_clear(KA);
        kd_mat_clear(Ky);
        kd_real_clear(p);
    }
    flint_randclear(state);
}
END_TEST

/* Duplicated columns: P2 is not unique; the truth is the face, and the
   distance of a point to it comes from the exact projection: the two
   extreme "all on one column" solutions are at distance 0, a point off
   the face at its exact distance. */
START_TEST(test_solve_non_unique)
{
    static const char * const Ae[] = {"1", "1", "0", "2", "2", "1"};
    static const char * const ye[] = {"3", "5"};
    kd_mat_t A, y;
    kd_real_t lam;
    kd_problem_t P;
    kd_solve_opts_t o;
    kd_solve_result_t R;
    fmpq_mat_t x;
    arb_t d;
    kd_mat_init(A, 0, 0);
    kd_mat_init(y, 0, 0);
    kd_real_init(lam);
    fmpq_mat_init(x, 3, 1);
    arb_init(d);
    mat_from(A, 2, 3, Ae);
    mat_from(y, 2, 1, ye);
    kd_assert_ok(kd_real_parse(lam, "1"));
    kd_assert_ok(kd_problem_init(P, KD_PROBLEM_P2, A, y, NULL, lam, 0));
    kd_solve_opts_init(o);
    o->certify = 1;
    kd_solve_result_init(R);
    kd_assert_ok(kd_solve(R, P, o));
    ck_assert_int_eq(R->unique, KD_FALSE);
    ck_assert_int_eq(R->truth.found, KD_TRUE);
    ck_assert(R->truth.has_face);
    /* moving all the mass of columns 1 and 2 onto column 1 stays optimal */
    fmpq_mat_set(x, &R->xr);
    fmpq_add(fmpq_mat_entry(x, 0, 0), fmpq_mat_entry(x, 0, 0), fmpq_mat_entry(x, 1, 0));
    fmpq_zero(fmpq_mat_entry(x, 1, 0));
    kd_assert_ok(kd_truth_set_dist(d, &R->truth, x, NULL, PREC));
    ck_assert(arb_is_zero(d));
    /* and a point moved off by (0, 0, 1/4) is at distance > 0 */
    fmpq_set_si(fmpq_mat_entry(x, 2, 0), 1, 4);
    fmpq_add(fmpq_mat_entry(x, 2, 0), fmpq_mat_entry(x, 2, 0), fmpq_mat_entry(&R->xr, 2, 0));
    kd_assert_ok(kd_truth_set_dist(d, &R->truth, x, NULL, PREC));
    ck_assert(arb_is_positive(d));
    ck_assert_int_eq(kd_truth_set_support_verdict(&R->truth, x, NULL), KD_UNKNOWN);
    kd_solve_result_clear(R);
    kd_solve_opts_clear(o);
    kd_problem_clear(P);
    kd_mat_clear(A);
    kd_mat_clear(y);
    kd_real_clear(lam);
    fmpq_mat_clear(x);
    arb_clear(d);
}
END_TEST

/* Oracle input (1/sqrt(2) entries): the exact method reads level 64, the
   truth is certified on the exact data, and the distance is within the
   perturbation the level allows (and not 0: the instance read differs). */
START_TEST(test_solve_oracle_input)
{
    kd_mat_t A, y;
    kd_real_t d, L;
    kd_problem_t P;
    kd_solve_opts_t o;
    kd_solve_result_t R;
    arb_t b;
    kd_mat_init(A, 0, 0);
    kd_mat_init(y, 0, 0);
    kd_real_init(d);
    kd_real_init(L);
    arb_init(b);
    kd_assert_ok(kd_real_parse(d, "2^-15"));
    kd_assert_ok(kd_real_parse(L, "1/10"));
    kd_assert_ok(kd_lasso_probe_instance(A, y, d, 0));
    kd_assert_ok(kd_problem_init_scaled(P, A, y, L, KD_SCALED_HALF_MEAN, 1, 1, 0));
    kd_solve_opts_init(o);
    o->certify = 1;
    kd_solve_result_init(R);
    kd_assert_ok(kd_solve(R, P, o));
    ck_assert_int_eq(R->level, 64);
    ck_assert_int_eq(R->truth.found, KD_TRUE);
    ck_assert(R->truth.nlevels >= 1);
    arb_set_ui(b, 1);
    arb_mul_2exp_si(b, b, -40);
    ck_assert(arb_lt(&R->dist, b));
    ck_assert_int_eq(kd_truth_set_support_verdict(&R->truth, &R->xr, NULL), KD_TRUE);
    /* MATLAB's rule on the same instance: wrong support, error ~1.17 */
    kd_solve_result_clear(R);
    kd_solve_result_init(R);
    o->method = KD_METHOD_CD_MATLAB;
    kd_assert_ok(kd_solve(R, P, o));
    ck_assert_int_eq(kd_truth_set_support_verdict(&R->truth, &R->xr, NULL), KD_FALSE);
    arb_set_ui(b, 116);
    arb_div_ui(b, b, 100, PREC);
    ck_assert(arb_gt(&R->dist, b));
    /* a method that does not fit the problem */
    o->method = KD_METHOD_PD;
    ck_assert_int_eq(kd_solve(R, P, o), KD_ERR_ARG);
    kd_solve_result_clear(R);
    kd_solve_opts_clear(o);
    kd_problem_clear(P);
    kd_mat_clear(A);
    kd_mat_clear(y);
    kd_real_clear(d);
    kd_real_clear(L);
    arb_clear(b);
}
END_TEST

/* A custom oracle for the matrix M (fmpq_mat, rows x cols) that answers
   level n with 2^-(n+1) added to each entry of the first row: a valid answer
   for at most 3 columns (error 2^-(n+1) sqrt(3) < 2^-n in operator norm)
   that differs from the exact data, so a solver that reads through the
   oracle is seen to do so. Counts its calls. */
typedef struct
{
    fmpq_mat_struct * M;
    slong calls;
    int perturb;
}
test_oracle_data;

static kd_status
test_oracle_query(fmpq_mat_t re, fmpq_mat_t im, kd_oracle_struct * O, slong n)
{
    test_oracle_data * d = O->data;
    (void) im;
    d->calls++;
    fmpq_mat_set(re, d->M);
    if (d->perturb)
    {
        fmpq_t e;
        fmpq_init(e);
        fmpq_set_si(e, 1, 1);
        fmpq_div_2exp(e, e, n + 1);
        for (slong j = 0; j < fmpq_mat_ncols(re); j++)
            fmpq_add(fmpq_mat_entry(re, 0, j), fmpq_mat_entry(re, 0, j), e);
        fmpq_clear(e);
    }
    return KD_OK;
}

/* The one door: kd_solve reads A and y only through the problem's oracles
   (a custom oracle plugged in is read, logged and its answer used), while
   the certificate is computed from the exact data, untouched by the
   oracle. Independent reference: the exact P2 solver on the oracle's
   answer and on the exact data. */
START_TEST(test_solve_custom_oracle)
{
    static const char * const Ae[] = {"1", "2", "0", "0", "1", "3"};
    static const char * const ye[] = {"1", "2"};
    fmpq_mat_t Aq, yq, Apert, w;
    kd_mat_t A, y;
    kd_real_t lam;
    fmpq_t lq;
    kd_problem_t P, P2;
    kd_oracle_t OA, Oy;
    test_oracle_data dA, dy;
    kd_solve_opts_t o;
    kd_solve_result_t R;
    kd_p2_sol_t ref, ref0;
    slong i, j;

    kd_mat_init(A, 0, 0);
    kd_mat_init(y, 0, 0);
    mat_from(A, 2, 3, Ae);
    mat_from(y, 2, 1, ye);
    kd_real_init(lam);
    kd_assert_ok(kd_real_parse(lam, "1/2"));
    fmpq_init(lq);
    fmpq_set_si(lq, 1, 2);
    fmpq_mat_init(Aq, 2, 3);
    fmpq_mat_init(yq, 2, 1);
    fmpq_mat_init(w, 3, 1);
    for (i = 0; i < 2; i++)
    {
        for (j = 0; j < 3; j++)
            kd_real_get_fmpq(fmpq_mat_entry(Aq, i, j), kd_mat_entry_re(A, i, j));
        kd_real_get_fmpq(fmpq_mat_entry(yq, i, 0), kd_mat_entry_re(y, i, 0));
    }
    for (j = 0; j < 3; j++)
        fmpq_one(fmpq_mat_entry(w, j, 0));

    /* the default oracles of a rational problem are read exactly, once each */
    kd_assert_ok(kd_problem_init(P, KD_PROBLEM_P2, A, y, NULL, lam, 0));
    kd_solve_opts_init(o);
    kd_solve_result_init(R);
    kd_assert_ok(kd_solve(R, P, o));
    ck_assert_int_eq(R->reads_A.nreads, 1);
    ck_assert_int_eq(R->reads_A.nexact, 1);
    ck_assert_int_eq(R->reads_y.nreads, 1);
    ck_assert_int_eq(kd_oracle_nreads(P->OA), 1);

    /* a custom oracle for A plugged in: read once at the level asked */
    dA.M = Aq; dA.calls = 0; dA.perturb = 1;
    dy.M = yq; dy.calls = 0; dy.perturb = 0;
    kd_oracle_init_custom(OA, 2, 3, 0, test_oracle_query, &dA, NULL);
    kd_oracle_init_custom(Oy, 2, 1, 0, test_oracle_query, &dy, NULL);
    kd_assert_ok(kd_problem_set_oracles(P, OA, Oy));
    o->level = 20;
    o->certify = 1;
    kd_solve_result_clear(R);
    kd_solve_result_init(R);
    kd_assert_ok(kd_solve(R, P, o));
    ck_assert_int_eq(dA.calls, 1);
    ck_assert_int_eq(dy.calls, 1);
    ck_assert_int_eq(kd_oracle_nreads(OA), 1);
    ck_assert_int_eq(kd_oracle_read_level(OA, 0), 20);
    ck_assert_int_eq(R->reads_A.nreads, 1);
    ck_assert_int_eq(R->reads_A.nexact, 0);
    ck_assert_int_eq(R->reads_A.levels[0], 20);
    ck_assert_int_eq(R->reads_y.max_level, 20);

    /* the output is the exact solution of the oracle's answer ... */
    fmpq_mat_init(Apert, 2, 3);
    fmpq_mat_set(Apert, Aq);
    {
        fmpq_t e;
        fmpq_init(e);
        fmpq_set_si(e, 1, 1);
        fmpq_div_2exp(e, e, 21);
        for (j = 0; j < 3; j++)
            fmpq_add(fmpq_mat_entry(Apert, 0, j), fmpq_mat_entry(Apert, 0, j), e);
        fmpq_clear(e);
    }
    kd_p2_sol_init(ref);
    kd_p2_sol_init(ref0);
    kd_assert_ok(kd_p2_solve_exact(ref, Apert, yq, w, lq));
    kd_assert_ok(kd_p2_solve_exact(ref0, Aq, yq, w, lq));
    ck_assert(fmpq_mat_equal(&R->xr, ref->x));
    ck_assert(!fmpq_mat_equal(ref->x, ref0->x));
    /* ... and the certificate is about the exact data, which the custom
       oracle never served: the truth is the exact solution of A, y */
    ck_assert_int_eq(R->truth.found, KD_TRUE);
    for (j = 0; j < 3; j++)
        ck_assert(arb_contains_fmpq(arb_mat_entry(&R->truth.x, j, 0),
                                    fmpq_mat_entry(ref0->x, j, 0)));
    ck_assert(!arb_contains_zero(&R->dist));
    ck_assert_int_eq(dA.calls, 1);

    /* a problem of oracles only: solvable at a level, not certifiable */
    kd_assert_ok(kd_problem_init_oracles(P2, KD_PROBLEM_P2, OA, Oy, NULL, lam, 0));
    o->certify = 0;
    kd_solve_result_clear(R);
    kd_solve_result_init(R);
    kd_assert_ok(kd_solve(R, P2, o));
    ck_assert(fmpq_mat_equal(&R->xr, ref->x));
    ck_assert_int_eq(kd_oracle_nreads(OA), 2);
    o->certify = 1;
    ck_assert_int_eq(kd_solve(R, P2, o), KD_ERR_ARG);
    o->level = -1;
    o->certify = 0;
    ck_assert_int_eq(kd_solve(R, P2, o), KD_ERR_ARG);

    kd_problem_clear(P2);
    kd_problem_clear(P);
    kd_oracle_clear(OA);
    kd_oracle_clear(Oy);
    kd_p2_sol_clear(ref);
    kd_p2_sol_clear(ref0);
    kd_solve_result_clear(R);
    kd_solve_opts_clear(o);
    fmpq_mat_clear(Aq);
    fmpq_mat_clear(yq);
    fmpq_mat_clear(Apert);
    fmpq_mat_clear(w);
    fmpq_clear(lq);
    kd_mat_clear(A);
    kd_mat_clear(y);
    kd_real_clear(lam);
}
END_TEST

/* Exact BP (simplex) against exact P2 (homotopy) as lambda -> 0: on
   instances where BP has a unique solution, the path's limit is that
   solution; and P2 at small lambda is close to it, the distance shrinking
   with lambda. Two independent exact solvers. */
START_TEST(test_bp_vs_p2_limit)
{
    flint_rand_t state;
    slong iter, found = 0;
    kd_test_randinit(state, 59);
    for (iter = 0; iter < 40; iter++)
    {
        slong m = 2 + n_randint(state, 3), N = m + 1 + n_randint(state, 3);
        fmpq_mat_t A, y, z, x0, x1, x2;
        fmpq_t zero, l1, l2, d1, d2, t;
        kd_bp_result_t B;
        kd_path_t path;
        slong j;
        fmpq_mat_init(A, m, N);
        fmpq_mat_init(y, m, 1);
        fmpq_mat_init(z, N, 1);
        fmpq_mat_init(x0, N, 1);
        fmpq_mat_init(x1, N, 1);
        fmpq_mat_init(x2, N, 1);
        fmpq_init(zero);
        fmpq_init(l1);
        fmpq_init(l2);
        fmpq_init(d1);
        fmpq_init(d2);
        fmpq_init(t);
        kd_bp_result_init(B);
        kd_path_init(path);
        kd_test_rand_fmpq_mat(A, state, 10, 4);
        /* a 1-sparse planted solution keeps BP uniqueness likely */
        fmpq_set_si(fmpq_mat_entry(z, n_randint(state, N), 0), 1 + n_randint(state, 5), 1);
        fmpq_mat_mul(y, A, z);
        if (kd_bp_solve_exact(B, A, y, NULL) == KD_OK && B->unique == KD_TRUE)
        {
            found++;
            kd_assert_ok(kd_path_compute(path, A, y, NULL, zero));
            kd_assert_ok(kd_path_eval(x0, path, zero));
            ck_assert_msg(fmpq_mat_equal(x0, &B->x), "seed %lu iter %ld: path limit != BP solution",
                          kd_test_seed(59), iter);
            /* and P2 at lambda and lambda/16 approaches it */
            fmpq_set_si(l1, 1, 100);
            fmpq_set_si(l2, 1, 1600);
            kd_assert_ok(kd_path_eval(x1, path, l1));
            kd_assert_ok(kd_path_eval(x2, path, l2));
            for (j = 0; j < N; j++)
            {
                fmpq_sub(t, fmpq_mat_entry(x1, j, 0), &B->x.entries[j]);
                fmpq_addmul(d1, t, t);
                fmpq_sub(t, fmpq_mat_entry(x2, j, 0), &B->x.entries[j]);
                fmpq_addmul(d2, t, t);
            }
            ck_assert_msg(fmpq_cmp(d2, d1) <= 0, "seed %lu iter %ld: not approaching BP",
                          kd_test_seed(59), iter);
        }
        fmpq_mat_clear(A);
        fmpq_mat_clear(y);
        fmpq_mat_clear(z);
        fmpq_mat_clear(x0);
        fmpq_mat_clear(x1);
        fmpq_mat_clear(x2);
        fmpq_clear(zero);
        fmpq_clear(l1);
        fmpq_clear(l2);
        fmpq_clear(d1);
        fmpq_clear(d2);
        fmpq_clear(t);
        kd_bp_result_clear(B);
        kd_path_clear(path);
    }
    ck_assert_msg(found >= 10, "only %ld instances with a unique BP solution", found);
    flint_randclear(state);
}
END_TEST

/* The JSON of a solve result against values computed here: for
   A = [1 1; 0 1], y = (3, 1), lambda = 1, the P2 minimiser is x* = (3/2, 1)
   (A is invertible, so it is unique; with x > 0 the optimality conditions
   1 + 2(x1 + x2 - 3) = 0 and 1 + 2(x1 + x2 - 3) + 2(x2 - 1) = 0 give it),
   so the exact method's "x" entries are known; FISTA's certified distance
   ball, read back from its decimal strings, contains the exact distance of
   its own "x" to x*. */
static void
json_fmpq_entry(fmpq_t q, json_t * arr, slong i)
{
    const char * s = json_string_value(json_array_get(arr, i));
    ck_assert_ptr_nonnull(s);
    ck_assert_int_eq(fmpq_set_str(q, s, 10), 0);
}

START_TEST(test_solve_json)
{
    static const char * const Ae[] = {"1", "1", "0", "1"};
    static const char * const ye[] = {"3", "1"};
    static const char * const xe[] = {"3/2", "1"};
    kd_mat_t A, y;
    kd_real_t lam;
    kd_problem_t P;
    kd_solve_opts_t o;
    kd_solve_result_t R;
    json_t * j, * j2;
    fmpq_t q, t;
    arb_t d, b, e;
    char * s;
    slong i;

    kd_mat_init(A, 0, 0);
    kd_mat_init(y, 0, 0);
    kd_real_init(lam);
    fmpq_init(q);
    fmpq_init(t);
    arb_init(d);
    arb_init(b);
    arb_init(e);
    mat_from(A, 2, 2, Ae);
    mat_from(y, 2, 1, ye);
    kd_assert_ok(kd_real_parse(lam, "1"));
    kd_assert_ok(kd_problem_init(P, KD_PROBLEM_P2, A, y, NULL, lam, 0));
    kd_solve_opts_init(o);
    o->certify = 1;
    kd_solve_result_init(R);
    kd_assert_ok(kd_solve(R, P, o));
    j = kd_solve_result_json(R, P, o, NULL);
    ck_assert_ptr_nonnull(j);
    ck_assert_str_eq(json_string_value(json_object_get(j, "problem")), "p2");
    ck_assert_str_eq(json_string_value(json_object_get(j, "method")), "exact");
    ck_assert_ptr_null(json_object_get(j, "scaled"));
    ck_assert(json_is_true(json_object_get(j, "unique")));
    ck_assert_int_eq(json_array_size(json_object_get(j, "x")), 2);
    for (i = 0; i < 2; i++)
    {
        json_fmpq_entry(q, json_object_get(j, "x"), i);
        ck_assert_int_eq(fmpq_set_str(t, xe[i], 10), 0);
        ck_assert(fmpq_equal(q, t));
    }
    /* the exact output is at distance 0: the ball contains 0 */
    kd_test_arb_set_json(b, json_object_get(j, "distance_to_truth"), 128);
    ck_assert(arb_contains_zero(b));
    ck_assert(json_is_true(json_object_get(json_object_get(j, "truth"), "found")));
    ck_assert(json_is_true(json_object_get(j, "right_support")));
    /* the text form is the same value */
    s = kd_solve_result_json_str(R, P, o, NULL);
    ck_assert_ptr_nonnull(s);
    j2 = json_loads(s, 0, NULL);
    ck_assert(json_equal(j, j2));
    free(s);
    json_decref(j2);
    json_decref(j);

    /* FISTA in double, a few iterations: x != x*, the distance is not 0 */
    kd_solve_result_clear(R);
    kd_solve_result_init(R);
    o->method = KD_METHOD_FISTA;
    o->iter.max_iter = 3;
    kd_assert_ok(kd_solve(R, P, o));
    j = kd_solve_result_json(R, P, o, NULL);
    ck_assert_ptr_nonnull(j);
    ck_assert_str_eq(json_string_value(json_object_get(j, "method")), "fista");
    arb_zero(d);
    for (i = 0; i < 2; i++)
    {
        json_fmpq_entry(q, json_object_get(j, "x"), i);
        ck_assert_int_eq(fmpq_set_str(t, xe[i], 10), 0);
        fmpq_sub(q, q, t);
        arb_set_fmpq(e, q, 256);
        arb_addmul(d, e, e, 256);
    }
    arb_sqrt(d, d, 256);
    kd_test_arb_set_json(b, json_object_get(j, "distance_to_truth"), 256);
    ck_assert_msg(arb_contains(b, d), "the certified distance ball misses the exact distance");
    ck_assert(!arb_contains_zero(b));
    json_decref(j);

    kd_solve_result_clear(R);
    kd_solve_opts_clear(o);
    kd_problem_clear(P);
    kd_mat_clear(A);
    kd_mat_clear(y);
    kd_real_clear(lam);
    fmpq_clear(q);
    fmpq_clear(t);
    arb_clear(d);
    arb_clear(b);
    arb_clear(e);
}
END_TEST

/* The shared JSON values: truths, balls, null for an indeterminate ball. */
START_TEST(test_json_values)
{
    arb_t x;
    json_t * j;
    fmpq_t q;
    arb_init(x);
    fmpq_init(q);
    j = kd_json_truth(KD_TRUE);
    ck_assert(json_is_true(j));
    json_decref(j);
    j = kd_json_truth(KD_FALSE);
    ck_assert(json_is_false(j));
    json_decref(j);
    j = kd_json_truth(KD_UNKNOWN);
    ck_assert_str_eq(json_string_value(j), "unknown");
    json_decref(j);
    j = kd_json_truth_or_null(KD_UNKNOWN);
    ck_assert(json_is_null(j));
    json_decref(j);
    arb_indeterminate(x);
    j = kd_json_arb_or_null(x, 15);
    ck_assert(json_is_null(j));
    json_decref(j);
    fmpq_set_si(q, -7, 3);
    j = kd_json_fmpq(q);
    ck_assert_str_eq(json_string_value(j), "-7/3");
    json_decref(j);
    arb_fmpz_div_fmpz(x, fmpq_numref(q), fmpq_denref(q), 128);
    j = kd_json_arb(x, 10);
    {
        arb_t b, r;
        arb_init(b);
        arb_init(r);
        kd_test_arb_set_json(b, j, 128);
        arb_set_fmpq(r, q, 256);
        ck_assert(arb_contains(b, r));
        arb_clear(b);
        arb_clear(r);
    }
    json_decref(j);
    arb_clear(x);
    fmpq_clear(q);
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
    tcase_add_test(tc, test_p2_homotopy_vs_lcp);
    tcase_add_test(tc, test_solve_rational);
    tcase_add_test(tc, test_solve_non_unique);
    tcase_add_test(tc, test_solve_json);
    tcase_add_test(tc, test_json_values);
    tcase_add_test(tc, test_solve_oracle_input);
    tcase_add_test(tc, test_solve_custom_oracle);
    tcase_add_test(tc, test_bp_vs_p2_limit);
    suite_add_tcase(s, tc);
    return s;
}
