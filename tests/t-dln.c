/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for the diagonal-linear-network module: the certified limit
   against an independent bisection on the scalar dual (1 x 2 data), A x = y
   inside the balls on random data, the integrated flow against the limit,
   double = MPFR-53, and the selected points on a segment of minimisers. */
#include <mpfr.h>
#include "testutil.h"
#include "kdigits/dln.h"

/* x_j = f(rho_j mu) for A = [1, rho], y = 1: the scalar dual solved by
   bisection in MPFR at 400 bits (independent of the Newton/Krawczyk code),
   f written out here from dln.md §1. */
static void
ref_f(mpfr_t r, const mpfr_t w, slong D, const mpfr_t alpha)
{
    mpfr_t a, b;
    mpfr_inits2(400, a, b, (mpfr_ptr) 0);
    if (D == 2)
    {
        mpfr_sinh(r, w, MPFR_RNDN);
        mpfr_mul(r, r, alpha, MPFR_RNDN);
        mpfr_mul(r, r, alpha, MPFR_RNDN);
        mpfr_mul_2ui(r, r, 1, MPFR_RNDN);
    }
    else
    {
        mpfr_ui_sub(a, 1, w, MPFR_RNDN);
        mpfr_add_ui(b, w, 1, MPFR_RNDN);
        mpfr_set_si(r, -D, MPFR_RNDN);
        mpfr_div_si(r, r, D - 2, MPFR_RNDN);
        mpfr_pow(a, a, r, MPFR_RNDN);
        mpfr_pow(b, b, r, MPFR_RNDN);
        mpfr_sub(r, a, b, MPFR_RNDN);
        mpfr_pow_ui(a, alpha, D, MPFR_RNDN);
        mpfr_mul(r, r, a, MPFR_RNDN);
    }
    mpfr_clears(a, b, (mpfr_ptr) 0);
}

static void
ref_limit(mpfr_t x1, mpfr_t x2, slong D, const mpfr_t alpha, const mpfr_t rho)
{
    mpfr_t lo, hi, mid, w, s;
    int it;
    mpfr_inits2(400, lo, hi, mid, w, s, (mpfr_ptr) 0);
    mpfr_set_ui(lo, 0, MPFR_RNDN);
    mpfr_set_ui(hi, D == 2 ? 200 : 1, MPFR_RNDN);
    for (it = 0; it < 1200; it++)
    {
        mpfr_add(mid, lo, hi, MPFR_RNDN);
        mpfr_div_2ui(mid, mid, 1, MPFR_RNDN);
        ref_f(x1, mid, D, alpha);
        mpfr_mul(w, mid, rho, MPFR_RNDN);
        ref_f(x2, w, D, alpha);
        mpfr_mul(s, x2, rho, MPFR_RNDN);
        mpfr_add(s, s, x1, MPFR_RNDN);
        if (mpfr_cmp_ui(s, 1) < 0)
            mpfr_set(lo, mid, MPFR_RNDN);
        else
            mpfr_set(hi, mid, MPFR_RNDN);
    }
    mpfr_clears(lo, hi, mid, w, s, (mpfr_ptr) 0);
}

START_TEST(test_limit_reference)
{
    slong D, k;
    for (D = 2; D <= 5; D++)
        for (k = 1; k <= 40; k += 13)
        {
            arb_mat_t A, y, x, mu;
            arb_t alpha, t;
            mpfr_t r1, r2, al, rho;
            slong pu;
            kd_status st;
            arb_mat_init(A, 1, 2);
            arb_mat_init(y, 1, 1);
            arb_mat_init(x, 2, 1);
            arb_mat_init(mu, 1, 1);
            arb_init(alpha);
            arb_init(t);
            mpfr_inits2(400, r1, r2, al, rho, (mpfr_ptr) 0);
            arb_one(arb_mat_entry(A, 0, 0));
            arb_set_d(arb_mat_entry(A, 0, 1), 0.5);
            arb_one(arb_mat_entry(y, 0, 0));
            arb_one(alpha);
            arb_mul_2exp_si(alpha, alpha, -k);
            st = kd_dln_limit(x, mu, &pu, A, y, D, alpha, 128, 8192);
            kd_assert_ok(st);
            mpfr_set_ui_2exp(al, 1, -k, MPFR_RNDN);
            mpfr_set_d(rho, 0.5, MPFR_RNDN);
            ref_limit(r1, r2, D, al, rho);
            arb_set_interval_mpfr(t, r1, r1, 400);
            ck_assert_msg(arb_overlaps(arb_mat_entry(x, 0, 0), t), "D = %ld, alpha = 2^-%ld: x1", D, k);
            arb_set_interval_mpfr(t, r2, r2, 400);
            ck_assert_msg(arb_overlaps(arb_mat_entry(x, 1, 0), t), "D = %ld, alpha = 2^-%ld: x2", D, k);
            ck_assert_msg(mag_cmp_2exp_si(arb_radref(arb_mat_entry(x, 0, 0)), -34) < 0,
                          "D = %ld, alpha = 2^-%ld: radius above 1e-10", D, k);
            arb_mat_clear(A);
            arb_mat_clear(y);
            arb_mat_clear(x);
            arb_mat_clear(mu);
            arb_clear(alpha);
            arb_clear(t);
            mpfr_clears(r1, r2, al, rho, (mpfr_ptr) 0);
        }
}
END_TEST

/* Random integer A (3 x 6), y = A x0: A x_inf - y contains 0, |A^T mu| < 1. */
START_TEST(test_limit_feasible)
{
    flint_rand_t state;
    slong trial, i, j;
    kd_test_randinit(state, 15);
    for (trial = 0; trial < 6; trial++)
    {
        slong D = 2 + trial % 4, k = 1 + (slong) n_randint(state, 30);
        arb_mat_t A, y, x, mu, r, At, w;
        arb_t alpha;
        kd_status st;
        arb_mat_init(A, 3, 6);
        arb_mat_init(y, 3, 1);
        arb_mat_init(x, 6, 1);
        arb_mat_init(mu, 3, 1);
        arb_mat_init(r, 3, 1);
        arb_mat_init(At, 6, 3);
        arb_mat_init(w, 6, 1);
        arb_init(alpha);
        for (i = 0; i < 3; i++)
        {
            for (j = 0; j < 6; j++)
                arb_set_si(arb_mat_entry(A, i, j), (slong) n_randint(state, 9) - 4);
            arb_set_si(arb_mat_entry(A, i, i), 5);
            arb_set_si(arb_mat_entry(y, i, 0), (slong) n_randint(state, 7) - 3);
        }
        arb_set_si(arb_mat_entry(y, 0, 0), 2);
        arb_one(alpha);
        arb_mul_2exp_si(alpha, alpha, -k);
        st = kd_dln_limit(x, mu, NULL, A, y, D, alpha, 128, 1 << 15);
        ck_assert_msg(st == KD_OK, "seed %lu trial %ld (D = %ld, alpha = 2^-%ld): %s",
                      kd_test_seed(15), trial, D, k, kd_error_message());
        arb_mat_mul(r, A, x, 256);
        arb_mat_sub(r, r, y, 256);
        for (i = 0; i < 3; i++)
            ck_assert_msg(arb_contains_zero(arb_mat_entry(r, i, 0)), "seed %lu trial %ld",
                          kd_test_seed(15), trial);
        arb_mat_transpose(At, A);
        arb_mat_mul(w, At, mu, 256);
        if (D > 2)
            for (j = 0; j < 6; j++)
            {
                arb_t a;
                arb_init(a);
                arb_abs(a, arb_mat_entry(w, j, 0));
                arb_sub_ui(a, a, 1, 256);
                ck_assert_msg(arb_is_negative(a), "|w| < 1, seed %lu trial %ld",
                              kd_test_seed(15), trial);
                arb_clear(a);
            }
        arb_mat_clear(A);
        arb_mat_clear(y);
        arb_mat_clear(x);
        arb_mat_clear(mu);
        arb_mat_clear(r);
        arb_mat_clear(At);
        arb_mat_clear(w);
        arb_clear(alpha);
    }
    flint_randclear(state);
}
END_TEST

/* The flow (RK4, small h, long T) lands on the certified limit; Euler in
   double and in MPFR at 53 bits agree bit for bit. */
START_TEST(test_flow_limit)
{
    slong D;
    for (D = 2; D <= 3; D++)
    {
        fmpq_mat_t A, y, xf, xm;
        fmpq_t alpha;
        arb_mat_t Ab, yb, x, mu, xfb;
        arb_t al, d;
        kd_dln_flow_opts_t o;
        fmpq_mat_init(A, 1, 2);
        fmpq_mat_init(y, 1, 1);
        fmpq_mat_init(xf, 2, 1);
        fmpq_mat_init(xm, 2, 1);
        fmpq_init(alpha);
        arb_mat_init(Ab, 1, 2);
        arb_mat_init(yb, 1, 1);
        arb_mat_init(x, 2, 1);
        arb_mat_init(mu, 1, 1);
        arb_mat_init(xfb, 2, 1);
        arb_init(al);
        arb_init(d);
        fmpq_one(fmpq_mat_entry(A, 0, 0));
        fmpq_set_si(fmpq_mat_entry(A, 0, 1), 1, 2);
        fmpq_one(fmpq_mat_entry(y, 0, 0));
        fmpq_set_si(alpha, 1, 2);
        arb_mat_set_fmpq_mat(Ab, A, 256);
        arb_mat_set_fmpq_mat(yb, y, 256);
        arb_set_fmpq(al, alpha, 256);
        kd_assert_ok(kd_dln_limit(x, mu, NULL, Ab, yb, D, al, 128, 4096));
        kd_dln_flow_opts_init(o);
        o->scheme = KD_DLN_RK4;
        o->h = 1.0 / 128;
        o->T = 60;
        kd_assert_ok(kd_dln_flow(xf, NULL, A, y, D, alpha, o));
        arb_mat_set_fmpq_mat(xfb, xf, 256);
        arb_mat_sub(xfb, xfb, x, 256);
        arb_mat_frobenius_norm(d, xfb, 256);
        ck_assert_msg(arb_is_finite(d) && arf_cmp_d(arb_midref(d), 1e-8) < 0,
                      "D = %ld: ||x_flow - x_inf|| too large", D);
        o->scheme = KD_DLN_EULER;
        o->h = 1.0 / 16;
        o->T = 10;
        kd_assert_ok(kd_dln_flow(xf, NULL, A, y, D, alpha, o));
        o->prec = 53;
        kd_assert_ok(kd_dln_flow(xm, NULL, A, y, D, alpha, o));
        ck_assert_msg(fmpq_mat_equal(xf, xm), "D = %ld: double != MPFR-53", D);
        fmpq_mat_clear(A);
        fmpq_mat_clear(y);
        fmpq_mat_clear(xf);
        fmpq_mat_clear(xm);
        fmpq_clear(alpha);
        arb_mat_clear(Ab);
        arb_mat_clear(yb);
        arb_mat_clear(x);
        arb_mat_clear(mu);
        arb_mat_clear(xfb);
        arb_clear(al);
        arb_clear(d);
    }
}
END_TEST

/* The segment {x >= 0 : x1 + x2 + x3 = 1, x1 + 2 x2 + 4 x3 = 2}: the
   selected points lie on it, differ between depths, and the limit at a
   small alpha approaches them. */
START_TEST(test_select_segment)
{
    kd_face_t F;
    fmpq_mat_t C, dd;
    slong E[3] = {0, 1, 2}, D;
    int s[3] = {1, 1, 1};
    arb_mat_t x[4], r;
    arb_t t;
    kd_face_init(F);
    fmpq_mat_init(C, 2, 3);
    fmpq_mat_init(dd, 2, 1);
    arb_mat_init(r, 2, 1);
    arb_init(t);
    fmpq_set_si(fmpq_mat_entry(C, 0, 0), 1, 1);
    fmpq_set_si(fmpq_mat_entry(C, 0, 1), 1, 1);
    fmpq_set_si(fmpq_mat_entry(C, 0, 2), 1, 1);
    fmpq_set_si(fmpq_mat_entry(C, 1, 0), 1, 1);
    fmpq_set_si(fmpq_mat_entry(C, 1, 1), 2, 1);
    fmpq_set_si(fmpq_mat_entry(C, 1, 2), 4, 1);
    fmpq_set_si(fmpq_mat_entry(dd, 0, 0), 1, 1);
    fmpq_set_si(fmpq_mat_entry(dd, 1, 0), 2, 1);
    kd_assert_ok(kd_face_set(F, 3, E, s, 3, C, dd));
    for (D = 2; D <= 5; D++)
    {
        arb_mat_t Cb;
        arb_mat_init(x[D - 2], 3, 1);
        arb_mat_init(Cb, 2, 3);
        kd_assert_ok(kd_dln_select(x[D - 2], F, D, 128, 4096));
        arb_mat_set_fmpq_mat(Cb, C, 128);
        arb_mat_mul(r, Cb, x[D - 2], 128);
        ck_assert(arb_contains_fmpq(arb_mat_entry(r, 0, 0), fmpq_mat_entry(dd, 0, 0)));
        ck_assert(arb_contains_fmpq(arb_mat_entry(r, 1, 0), fmpq_mat_entry(dd, 1, 0)));
        ck_assert(arb_is_positive(arb_mat_entry(x[D - 2], 0, 0)));
        ck_assert(arb_is_positive(arb_mat_entry(x[D - 2], 2, 0)));
        arb_mat_clear(Cb);
    }
    for (D = 0; D < 3; D++)
    {
        arb_sub(t, arb_mat_entry(x[D], 1, 0), arb_mat_entry(x[D + 1], 1, 0), 128);
        ck_assert_msg(!arb_contains_zero(t), "depths %ld and %ld not separated", D + 2, D + 3);
    }
    for (D = 0; D < 4; D++)
        arb_mat_clear(x[D]);
    kd_face_clear(F);
    fmpq_mat_clear(C);
    fmpq_mat_clear(dd);
    arb_mat_clear(r);
    arb_clear(t);
}
END_TEST

START_TEST(test_errors)
{
    arb_mat_t A, y, x, mu;
    arb_t alpha;
    arb_mat_init(A, 1, 2);
    arb_mat_init(y, 1, 1);
    arb_mat_init(x, 3, 1);
    arb_mat_init(mu, 1, 1);
    arb_init(alpha);
    arb_one(alpha);
    ck_assert_int_eq(kd_dln_limit(x, mu, NULL, A, y, 2, alpha, 64, 128), KD_ERR_SIZE);
    arb_mat_clear(x);
    arb_mat_init(x, 2, 1);
    ck_assert_int_eq(kd_dln_limit(x, mu, NULL, A, y, 1, alpha, 64, 128), KD_ERR_ARG);
    arb_zero(alpha);
    ck_assert_int_eq(kd_dln_limit(x, mu, NULL, A, y, 2, alpha, 64, 128), KD_ERR_ARG);
    /* A = 0 is rank-deficient: not certified, never guessed */
    arb_one(alpha);
    arb_one(arb_mat_entry(y, 0, 0));
    ck_assert_int_eq(kd_dln_limit(x, mu, NULL, A, y, 2, alpha, 64, 256), KD_ERR_UNDECIDED);
    arb_mat_clear(A);
    arb_mat_clear(y);
    arb_mat_clear(x);
    arb_mat_clear(mu);
    arb_clear(alpha);
}
END_TEST

Suite *
kd_suite_dln(void)
{
    Suite * s = suite_create("dln");
    TCase * tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_limit_reference);
    tcase_add_test(tc, test_limit_feasible);
    tcase_add_test(tc, test_flow_limit);
    tcase_add_test(tc, test_select_segment);
    tcase_add_test(tc, test_errors);
    suite_add_tcase(s, tc);
    return s;
}
