/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Tests of the three regimes on a small Omega_K (theory.md §5): the
   adversary defeats every built-in algorithm, K-1 digits with growing reads,
   K-2 digits with one read, and the randomised bounds. */
#include <math.h>
#include "testutil.h"
#include "kdigits/regimes.h"

#define PREC 256

static void
small_class(kd_omega_class_t C, slong K, slong N1, int dct)
{
    kd_real_t p;
    kd_real_init(p);
    kd_real_one(p);
    kd_assert_ok(kd_omega_class_init(C, KD_PROBLEM_P3, p, K, N1, 2, dct, 0));
    kd_real_clear(p);
}

/* independent reference: 10^-digits as a ball */
static void
ten_pow(arb_t t, slong digits)
{
    arb_ui_pow_ui(t, 10, digits, PREC);
    arb_inv(t, t, PREC);
}

START_TEST(test_adversary_defeats_all)
{
    kd_omega_class_t C;
    kd_regimes_alg_t algs[8];
    kd_regimes_adv_t r;
    kd_omega_t G;
    arb_t t, d;
    slong i, n = 0, K = 2 + _i;

    small_class(C, K, 2, 1);
    kd_regimes_alg_firenet(algs[n++], 5);
    kd_regimes_alg_firenet(algs[n++], 30);
    kd_regimes_alg_fista(algs[n++]);
    kd_regimes_alg_exact(algs[n++]);
    kd_regimes_alg_lista(algs[n++], 200, 2);
    kd_regimes_alg_read_until(algs[n++], 25);
    kd_regimes_alg_guess(algs[n++]);
    kd_regimes_alg_k1(algs[n++], 12);
    arb_init(t);
    arb_init(d);
    kd_omega_init(G);
    ten_pow(t, K);
    for (i = 0; i < n; i++)
    {
        kd_regimes_adv_init(r);
        kd_assert_ok(kd_regimes_adversary_run(r, algs[i], C, PREC));
        ck_assert_msg(r->reads >= 1, "%s read nothing", algs[i]->name);
        ck_assert_int_eq(r->revealed_n, r->max_level + 2);
        /* the library's verdicts */
        ck_assert_msg(r->wrong == KD_TRUE, "%s (K = %ld) not proved wrong", algs[i]->name, K);
        ck_assert_msg(r->consistent == KD_TRUE, "%s: adversary answers not proved consistent",
                      algs[i]->name);
        /* independent re-check: rebuild the revealed instance and recompute
           the distance; it must exceed 10^-K */
        kd_assert_ok(kd_omega_class_instance(G, C, 1, r->revealed_n, r->revealed_j));
        kd_assert_ok(kd_omega_dist(d, G, &r->x, PREC + 2 * r->revealed_n));
        ck_assert_msg(arb_gt(d, t), "%s: error not > 10^-%ld", algs[i]->name, K);
        ck_assert(arb_overlaps(d, &r->err));
        kd_regimes_adv_clear(r);
    }
    for (i = 0; i < n; i++)
        kd_regimes_alg_clear(algs[i]);
    kd_omega_clear(G);
    arb_clear(t);
    arb_clear(d);
    kd_omega_class_clear(C);
}
END_TEST

START_TEST(test_k1_k2)
{
    kd_omega_class_t C;
    kd_regimes_alg_t k1, k2;
    arb_t d, t1, t2;
    kd_truth ok;
    slong K = 2 + _i % 2, N1 = 2 + _i / 2, scale, n, j, rd, prev = 0;
    static const slong ns[4] = {1, 6, 15, 33};

    small_class(C, K, N1, 1);
    kd_regimes_alg_k1(k1, -1);
    kd_regimes_alg_k2(k2);
    arb_init(d);
    arb_init(t1);
    arb_init(t2);
    ten_pow(t1, K - 1);
    ten_pow(t2, K - 2);
    for (scale = 1; scale <= 2; scale++)
        for (n = 0; n < 4; n++)
            for (j = scale == 1 ? KD_OMEGA_TIE : 0; j < N1; j++)
            {
                kd_assert_ok(kd_regimes_run_instance(&rd, d, &ok, k1, C, scale, ns[n], j, K - 1, PREC));
                ck_assert_msg(ok == KD_TRUE && arb_le(d, t1),
                              "K-1 failed: K %ld N1 %ld scale %ld n %ld j %ld", K, N1, scale, ns[n], j);
                kd_assert_ok(kd_regimes_run_instance(&rd, d, &ok, k2, C, scale, ns[n], j, K - 2, PREC));
                ck_assert_msg(ok == KD_TRUE && arb_le(d, t2),
                              "K-2 failed: K %ld N1 %ld scale %ld n %ld j %ld", K, N1, scale, ns[n], j);
                ck_assert_int_eq(rd, 1);
            }
    /* the reads of the K-1 algorithm grow with n, at least n (a raise of
       2^-(n+1) cannot be seen from levels <= n - 1) */
    for (n = 0; n < 4; n++)
    {
        kd_assert_ok(kd_regimes_run_instance(&rd, d, &ok, k1, C, 2, ns[n], N1 - 1, K - 1, PREC));
        ck_assert_msg(rd >= ns[n] && rd > prev, "reads %ld at n = %ld", rd, ns[n]);
        prev = rd;
    }
    kd_regimes_alg_clear(k1);
    arb_clear(d);
    arb_clear(t1);
    arb_clear(t2);
    kd_omega_class_clear(C);
}
END_TEST

START_TEST(test_randomised)
{
    kd_omega_class_t C;
    kd_regimes_alg_t g, k1;
    slong succ[2], fail[4], T = 300, mr, N1, j, fmax;
    ulong seed = kd_test_seed(31);
    /* 4 standard deviations of a binomial proportion at p = 1/2 */
    double margin = 4.0 * 0.5 / sqrt((double) T);

    small_class(C, 2, 2, 1);
    kd_regimes_alg_guess(g);
    kd_assert_ok(kd_regimes_randomised(succ, g, C, T, seed, PREC));
    ck_assert_msg(FLINT_MIN(succ[0], succ[1]) <= T * (0.5 + margin),
                  "seed %lu: successes %ld, %ld of %ld", seed, succ[0], succ[1], T);
    /* the two candidates' success events are disjoint */
    ck_assert_msg(succ[0] + succ[1] <= T, "seed %lu: %ld + %ld > %ld", seed, succ[0], succ[1], T);
    kd_omega_class_clear(C);

    for (N1 = 2; N1 <= 4; N1 += 2)
    {
        small_class(C, 2, N1, 1);
        kd_regimes_alg_k1(k1, 6);
        kd_assert_ok(kd_regimes_budget_mc(fail, &mr, k1, C, 6, T, seed, PREC));
        ck_assert_int_le(mr, 6);
        fmax = 0;
        for (j = 0; j < N1; j++)
            fmax = FLINT_MAX(fmax, fail[j]);
        ck_assert_msg(fmax >= T * (1.0 - 1.0 / N1 - margin), "seed %lu N1 %ld: max failure %ld of %ld",
                      seed, N1, fmax, T);
        kd_regimes_alg_clear(k1);
        kd_omega_class_clear(C);
    }
}
END_TEST

START_TEST(test_breakdown)
{
    kd_omega_class_t C;
    arb_t eps, m0, m1, t;
    slong K = 2;

    small_class(C, K, 2, 1);
    arb_init(eps);
    arb_init(m0);
    arb_init(m1);
    arb_init(t);
    kd_assert_ok(kd_regimes_breakdown(eps, m0, m1, C, 12, PREC));
    /* eps = tau / sqrt 2 with tau = 1/(a0 + 2^-13), a0 = (sqrt 2 / 3) 10^K */
    arb_sqrt_ui(t, 2, PREC);
    arb_div_ui(t, t, 3, PREC);
    arb_mul_ui(t, t, 100, PREC);
    arb_add_ui(t, t, 0, PREC);
    {
        arb_t e;
        arb_init(e);
        arb_one(e);
        arb_mul_2exp_si(e, e, -13);
        arb_add(t, t, e, PREC);
        arb_clear(e);
    }
    arb_inv(t, t, PREC);
    arb_sqrt_ui(m1, 2, PREC);
    arb_div(t, t, m1, PREC);
    ck_assert(arb_overlaps(t, eps));
    kd_assert_ok(kd_regimes_breakdown(eps, m0, m1, C, 12, PREC));
    ck_assert(arb_overlaps(m0, eps));
    ck_assert(arb_overlaps(m1, eps));
    ten_pow(t, K);
    ck_assert(arb_gt(eps, t));
    arb_clear(eps);
    arb_clear(m0);
    arb_clear(m1);
    arb_clear(t);
    kd_omega_class_clear(C);
}
END_TEST

/* The whole protocol on a small class, against the statements it reports:
   every algorithm defeated at K digits, K-1 and K-2 digits on every sampled
   instance, reads growing with n, the Monte Carlo bound 1 - 1/N1. */
START_TEST(test_report)
{
    kd_regimes_report_t R;
    slong i, r, fmax;

    kd_regimes_report_init(R);
    ck_assert_int_eq(kd_regimes_report_run(R, KD_PROBLEM_BP, 2, 3, 10, 1, PREC), KD_ERR_ARG);
    ck_assert_int_eq(kd_regimes_report_run(R, KD_PROBLEM_P3, 1, 3, 10, 1, PREC), KD_ERR_ARG);
    kd_regimes_report_clear(R);
    kd_regimes_report_init(R);
    kd_assert_ok(kd_regimes_report_run(R, KD_PROBLEM_P2, 2, 3, 20, 1, PREC));
    ck_assert_int_eq(R->nalg, 7);                   /* no LISTA for P2 */
    ck_assert_int_eq(R->defeated, KD_TRUE);
    for (i = 0; i < R->nalg; i++)
        ck_assert(R->adv[i].wrong == KD_TRUE && R->adv[i].consistent == KD_TRUE);
    ck_assert_int_eq(R->k1_instances, 15);
    ck_assert_int_eq(R->k1_ok, 15);
    ck_assert_int_eq(R->k2_ok, R->k2_instances);
    ck_assert_int_eq(R->k2_reads, 1);
    for (i = 1; i < KD_REGIMES_REPORT_NLEVELS; i++)
        ck_assert(R->levels[i] > R->levels[i - 1] && R->reads[i] > R->reads[i - 1]);
    ck_assert(R->succ[0] + R->succ[1] <= R->trials + R->trials);
    for (r = 0; r < 2; r++)
    {
        ck_assert_int_eq(R->mc_N1[r], r == 0 ? 2 : 3);
        for (i = 0, fmax = 0; i < R->mc_N1[r]; i++)
            fmax = FLINT_MAX(fmax, R->mc_fail[r][i]);
        ck_assert_int_eq(R->mc_max[r], fmax);
        /* some instance fails with frequency >= 1 - 1/N1 */
        ck_assert(fmax * R->mc_N1[r] >= (R->mc_N1[r] - 1) * R->trials);
    }
    kd_regimes_report_clear(R);
}
END_TEST

Suite *
kd_suite_regimes(void)
{
    Suite * s = suite_create("regimes");
    TCase * tc = tcase_create("regimes");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, test_adversary_defeats_all, 0, 2);
    tcase_add_loop_test(tc, test_k1_k2, 0, 4);
    tcase_add_test(tc, test_randomised);
    tcase_add_test(tc, test_breakdown);
    tcase_add_test(tc, test_report);
    suite_add_tcase(s, tc);
    return s;
}
