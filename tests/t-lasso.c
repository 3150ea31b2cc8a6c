/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for the LASSO probe of lasso-probe.md: the exact truth, the
   faithful MATLAB cells, the sweep prediction and the double-rounded input. */
#include "testutil.h"

static void
set_delta(kd_real_t d, slong e)
{
    kd_real_set_2exp(d, -e);
}

static void
truth_cell(kd_lasso_cell_t C, arb_mat_t Bstar, slong e, kd_lasso_setting s)
{
    kd_real_t d;
    fmpq_t L;
    arb_t slack;
    kd_truth cert;
    kd_real_init(d);
    fmpq_init(L);
    arb_init(slack);
    set_delta(d, e);
    fmpq_set_si(L, 1, 10);
    kd_assert_ok(kd_lasso_probe_truth(&cert, Bstar, slack, d, L, KD_SCALED_HALF_MEAN, 1024));
    ck_assert_int_eq(cert, KD_TRUE);
    kd_assert_ok(kd_lasso_probe_cell(C, d, L, s, Bstar, KD_LASSO_RUN_LIMIT));
    arb_clear(slack);
    fmpq_clear(L);
    kd_real_clear(d);
}

/* B* = (0, 1 - sqrt(3)/10) and slack Lambda (1 - rho) in both conventions
   (lasso-probe.md §2: the slides' lambda = 1/5 is MATLAB's Lambda = 1/10). */
START_TEST(test_truth)
{
    static const slong es[] = {1, 7, 15, 30};
    slong e = es[_i];
    int c;
    for (c = 0; c < 2; c++)
    {
        kd_real_t d;
        fmpq_t p;
        arb_mat_t B;
        arb_t slack, ref, t;
        kd_truth cert;
        kd_real_init(d);
        fmpq_init(p);
        arb_mat_init(B, 2, 1);
        arb_init(slack);
        arb_init(ref);
        arb_init(t);
        set_delta(d, e);
        fmpq_set_si(p, 1, c ? 5 : 10);
        kd_assert_ok(kd_lasso_probe_truth(&cert, B, slack, d, p, c ? KD_SCALED_MEAN
                                          : KD_SCALED_HALF_MEAN, 2048));
        ck_assert_msg(cert == KD_TRUE, "delta = 2^-%ld, convention %d: %s", e, c,
                      kd_truth_name(cert));
        ck_assert(arb_is_zero(arb_mat_entry(B, 0, 0)));
        /* independent reference: 1 - sqrt(3)/10 */
        arb_sqrt_ui(ref, 3, 256);
        arb_div_ui(ref, ref, 10, 256);
        arb_sub_ui(ref, ref, 1, 256);
        arb_neg(ref, ref);
        ck_assert(arb_overlaps(ref, arb_mat_entry(B, 1, 0)));
        /* slack ~ 3 Lambda delta^2 = 0.3 * 2^-2e, within a factor 1.5 */
        arb_one(t);
        arb_mul_2exp_si(t, t, -2 * e);
        arb_mul_ui(t, t, 3, 256);
        arb_div_ui(t, t, 10, 256);
        arb_div(t, slack, t, 256);
        ck_assert(arb_is_positive(slack));
        if (e >= 7)     /* the asymptotic regime */
            ck_assert(arf_cmp_d(arb_midref(t), 1.5) < 0 && arf_cmp_d(arb_midref(t), 0.5) > 0);
        arb_clear(t);
        arb_clear(ref);
        arb_clear(slack);
        arb_mat_clear(B);
        fmpq_clear(p);
        kd_real_clear(d);
    }
}
END_TEST

/* delta = 2^-7, defaults: 1301 sweeps, error 0.6795 (lasso-probe.md §3). */
START_TEST(test_cell_7)
{
    kd_lasso_cell_t C;
    arb_mat_t B;
    arb_t lo, hi;
    kd_lasso_cell_init(C);
    arb_mat_init(B, 2, 1);
    arb_init(lo);
    arb_init(hi);
    truth_cell(C, B, 7, KD_LASSO_SETTING_DEFAULT);
    ck_assert(!C->predicted);
    ck_assert_int_eq(C->sweeps, 1301);
    ck_assert(!C->warned);
    ck_assert_int_eq(C->verdict, KD_LASSO_SPLIT);
    arb_set_d(lo, 0.6794);
    arb_set_d(hi, 0.6796);
    ck_assert(arb_gt(&C->error, lo) && arb_lt(&C->error, hi));
    ck_assert(mag_cmp_2exp_si(arb_radref(&C->error), -30) < 0);
    kd_lasso_cell_clear(C);
    arb_clear(lo);
    arb_clear(hi);
    arb_mat_clear(B);
}
END_TEST

/* delta = 2^-15, defaults: 2 sweeps, error 1.16926, no warning, wrong
   support (the mass sits on column 1). */
START_TEST(test_cell_15)
{
    kd_lasso_cell_t C;
    arb_mat_t B;
    arb_t lo, hi;
    kd_lasso_cell_init(C);
    arb_mat_init(B, 2, 1);
    arb_init(lo);
    arb_init(hi);
    truth_cell(C, B, 15, KD_LASSO_SETTING_DEFAULT);
    ck_assert(!C->predicted && !C->warned);
    ck_assert_int_eq(C->sweeps, 2);
    ck_assert_int_ne(C->verdict, KD_LASSO_RIGHT_SUPPORT);
    arb_set_d(lo, 1.16925);
    arb_set_d(hi, 1.16927);
    ck_assert(arb_gt(&C->error, lo) && arb_lt(&C->error, hi));
    kd_lasso_cell_clear(C);
    arb_clear(lo);
    arb_clear(hi);
    arb_mat_clear(B);
}
END_TEST

/* The exact-arithmetic prediction against the double run at delta = 2^-7:
   the defaults stop on the tolerance test (T), where double's rounding of
   a change of 1e-4 relative size cannot move the sweep: exact agreement;
   RelTol = eps stops on the crossing (C), whose sweep index is
   ln(ratio)/ln(rho^2) with ln(rho^2) ~ -3.7e-4: an error of 2^-52 relative
   in the double data shifts it by far less than one sweep, but the double
   iteration's own rounding of b1 near its threshold (b1 ~ 1e-16 at the
   end) accounts for a few sweeps: we allow 0.1 %. The 2^-15 MaxIter cell
   (421,594,341 sweeps in double) is predicted within the same 0.1 %. */
START_TEST(test_predict)
{
    kd_real_t d;
    fmpq_t L;
    slong k;
    int conv;
    kd_real_init(d);
    fmpq_init(L);
    fmpq_set_si(L, 1, 10);
    set_delta(d, 7);
    kd_assert_ok(kd_lasso_probe_predict_sweeps(&k, &conv, d, L, 1e-4, 100000));
    ck_assert(conv);
    ck_assert_int_eq(k, 1301);
    kd_assert_ok(kd_lasso_probe_predict_sweeps(&k, &conv, d, L, ldexp(1.0, -52), 100000));
    ck_assert(conv);
    ck_assert_msg(labs(k - 6436) <= 7, "predicted %ld, double 6436", k);
    set_delta(d, 15);
    kd_assert_ok(kd_lasso_probe_predict_sweeps(&k, &conv, d, L, ldexp(1.0, -52), WORD(1) << 52));
    ck_assert(conv);
    ck_assert_msg(labs(k - 421594341L) <= 421594, "predicted %ld", k);
    kd_assert_ok(kd_lasso_probe_predict_sweeps(&k, &conv, d, L, ldexp(1.0, -52), 100000));
    ck_assert(!conv && k == 100000);
    fmpq_clear(L);
    kd_real_clear(d);
}
END_TEST

/* Double rounding of the delta = 2^-30 instance, decided exactly. */
START_TEST(test_rounded)
{
    kd_real_t d;
    fmpq_t L;
    fmpq_mat_t A, y;
    int sup, differs;
    kd_real_init(d);
    fmpq_init(L);
    fmpq_mat_init(A, 3, 2);
    fmpq_mat_init(y, 3, 1);
    fmpq_set_si(L, 1, 10);
    set_delta(d, 30);
    kd_assert_ok(kd_lasso_probe_round_double(A, y, d, 0));
    /* each entry is a double: dyadic with <= 53 significant bits */
    ck_assert(kd_test_fmpq_is_dyadic(fmpq_mat_entry(A, 0, 0)));
    ck_assert(fmpz_bits(fmpq_numref(fmpq_mat_entry(A, 0, 0))) <= 53);
    ck_assert(fmpq_equal(fmpq_mat_entry(A, 0, 1), fmpq_mat_entry(y, 0, 0)));
    kd_assert_ok(kd_lasso_probe_rounded_support(&sup, &differs, d, L));
    ck_assert(sup >= -1 && sup <= 3);
    ck_assert_int_eq(differs, sup != 2);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    fmpq_clear(L);
    kd_real_clear(d);
}
END_TEST

Suite *
kd_suite_lasso(void)
{
    Suite * s = suite_create("lasso");
    TCase * tc = tcase_create("probe");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_truth, 0, 4);
    tcase_add_test(tc, test_cell_7);
    tcase_add_test(tc, test_cell_15);
    tcase_add_test(tc, test_predict);
    tcase_add_test(tc, test_rounded);
    suite_add_tcase(s, tc);
    return s;
}
