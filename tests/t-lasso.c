/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for the LASSO probe of lasso-probe.md: the exact truth, the
   faithful MATLAB cells, the sweep prediction and the double-rounded input. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <math.h>
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
    kd_assert_ok(kd_lasso_probe_rounded_support(&sup, &differs, NULL, d, L, 0));
    ck_assert(sup >= -1 && sup <= 3);
    ck_assert_int_eq(differs, sup != 2);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    fmpq_clear(L);
    kd_real_clear(d);
}
END_TEST

/* ---- input bits (src/lasso/bits.c) ---- */

/* Soundness and scaling of the bracket: no certificate may succeed at a
   level where a certified instance with another support is consistent
   with the same answers; the certificate needs log2(1/delta) + O(1)
   levels, the entry-ball one 2 log2(1/delta) + O(1). */
START_TEST(test_bits_bracket)
{
    static const slong es[] = {2, 5, 11, 15, 24, 40};
    slong e = es[_i], n;
    kd_real_t d;
    fmpq_t L;
    kd_lasso_bits_t B;
    kd_truth t;
    kd_real_init(d);
    fmpq_init(L);
    set_delta(d, e);
    fmpq_set_si(L, 1, 10);
    kd_assert_ok(kd_lasso_probe_input_bits(B, d, L, 200));
    ck_assert_msg(B->level_lower >= 0 && B->level_sharp > B->level_lower
                  && B->level_naive >= B->level_sharp,
                  "delta 2^-%ld: lower %ld sharp %ld naive %ld", (long) e,
                  (long) B->level_lower, (long) B->level_sharp, (long) B->level_naive);
    ck_assert_msg(B->level_sharp - e >= 1 && B->level_sharp - e <= 8, "sharp %ld at 2^-%ld",
                  (long) B->level_sharp, (long) e);
    ck_assert_msg(B->level_naive - 2 * e >= 0 && B->level_naive - 2 * e <= 12,
                  "naive %ld at 2^-%ld", (long) B->level_naive, (long) e);
    for (n = 1; n <= B->level_lower; n++)
    {
        kd_assert_ok(kd_lasso_probe_certify_level(&t, d, L, n, 1));
        ck_assert_msg(t != KD_TRUE, "sharp certificate at level %ld <= %ld", (long) n,
                      (long) B->level_lower);
        kd_assert_ok(kd_lasso_probe_certify_level(&t, d, L, n, 0));
        ck_assert_msg(t != KD_TRUE, "ball certificate at level %ld <= %ld", (long) n,
                      (long) B->level_lower);
    }
    fmpq_clear(L);
    kd_real_clear(d);
}
END_TEST

/* The flipping instance y + 2^j w, w = (-1, -1, 2)/sqrt(6), checked by the
   general certifier of the problem module (kd_truth_set_compute on the
   exact scaled problem): its minimiser has a non-zero first coordinate. */
START_TEST(test_bits_flip_instance)
{
    kd_real_t d, t, w;
    kd_mat_t A, y;
    fmpq_t L;
    kd_real_t Lr;
    kd_lasso_bits_t B;
    kd_problem_t P;
    kd_truth_set_t T;
    kd_real_init(d);
    kd_real_init(t);
    kd_real_init(w);
    kd_real_init(Lr);
    kd_mat_init(A, 0, 0);
    kd_mat_init(y, 0, 0);
    fmpq_init(L);
    set_delta(d, 9);
    fmpq_set_si(L, 1, 10);
    kd_real_set_fmpq(Lr, L);
    kd_assert_ok(kd_lasso_probe_input_bits(B, d, L, 100));
    kd_assert_ok(kd_lasso_probe_instance(A, y, d, 0));
    kd_assert_ok(kd_real_parse(w, "1/sqrt(6)"));
    kd_real_set_2exp(t, B->flip_log2);
    kd_real_mul(w, w, t);
    kd_real_sub(t, kd_mat_entry_re(y, 0, 0), w);
    kd_mat_set_entry_real(y, 0, 0, t);
    kd_real_sub(t, kd_mat_entry_re(y, 1, 0), w);
    kd_mat_set_entry_real(y, 1, 0, t);
    kd_real_add(w, w, w);
    kd_mat_set_entry_real(y, 2, 0, w);
    kd_assert_ok(kd_problem_init_scaled(P, A, y, Lr, KD_SCALED_HALF_MEAN, 1, 1, 0));
    kd_truth_set_init(T, 2);
    kd_assert_ok(kd_truth_set_compute(T, P, 64, 512));
    ck_assert_int_eq(T->found, KD_TRUE);
    ck_assert(arb_is_positive(arb_mat_entry(&T->x, 0, 0)));
    kd_truth_set_clear(T);
    kd_problem_clear(P);
    kd_mat_clear(A);
    kd_mat_clear(y);
    fmpq_clear(L);
    kd_real_clear(Lr);
    kd_real_clear(d);
    kd_real_clear(t);
    kd_real_clear(w);
}
END_TEST

static void
q_set_d(fmpq_t q, double x)
{
    arf_t a;
    arf_init(a);
    arf_set_d(a, x);
    arf_get_fmpq(q, a);
    arf_clear(a);
}

/* kd_lasso_standardize_prec at 53 bits against native IEEE double doing
   the same operations (random 3 x 2 data, seed reported on failure). */
START_TEST(test_standardize_double)
{
    flint_rand_t st;
    fmpq_mat_t X, y, X0, Y0;
    slong trial, i, j;
    kd_test_randinit(st, 501);
    fmpq_mat_init(X, 3, 2);
    fmpq_mat_init(y, 3, 1);
    fmpq_mat_init(X0, 0, 0);
    fmpq_mat_init(Y0, 0, 0);
    for (trial = 0; trial < 200; trial++)
    {
        double Xd[3][2], yd[3], mu, acc, t, sig;
        for (i = 0; i < 3; i++)
        {
            for (j = 0; j < 2; j++)
            {
                Xd[i][j] = ldexp((double) n_randint(st, 1UL << 40), -40) - 0.5;
                q_set_d(fmpq_mat_entry(X, i, j), Xd[i][j]);
            }
            yd[i] = ldexp((double) n_randint(st, 1UL << 40), -41);
            q_set_d(fmpq_mat_entry(y, i, 0), yd[i]);
        }
        kd_assert_ok(kd_lasso_standardize_prec(X0, Y0, NULL, X, y, 53));
        for (j = 0; j < 2; j++)
        {
            acc = 0.0;
            for (i = 0; i < 3; i++)
                acc += Xd[i][j];
            mu = acc / 3;
            acc = 0.0;
            for (i = 0; i < 3; i++)
            {
                t = Xd[i][j] - mu;
                acc += t * t;
            }
            sig = sqrt(acc / 3);
            for (i = 0; i < 3; i++)
                ck_assert_msg(fmpq_get_d(fmpq_mat_entry(X0, i, j)) == (Xd[i][j] - mu) / sig,
                              "seed %lu trial %ld entry %ld,%ld", kd_test_seed(501), (long) trial,
                              (long) i, (long) j);
        }
        acc = (yd[0] + yd[1]) + yd[2];
        for (i = 0; i < 3; i++)
            ck_assert(fmpq_get_d(fmpq_mat_entry(Y0, i, 0)) == yd[i] - acc / 3);
    }
    fmpq_mat_clear(X);
    fmpq_mat_clear(y);
    fmpq_mat_clear(X0);
    fmpq_mat_clear(Y0);
    flint_randclear(st);
}
END_TEST

/* An independent exact solver for the 2-variable scaled LASSO
   min (1/(2m))||X b - Y||^2 + L ||b||_1 by enumerating patterns (G and c
   exact rationals); returns the support bits of the minimiser (strictly
   convex here: G is checked positive definite). */
static int
lasso2_support(const fmpq_mat_t X, const fmpq_mat_t Y, const fmpq_t L)
{
    fmpq_t G[2][2], c[2], b[2], r0, r1, det, g, t;
    int E, s0, s1, res = -1, j, k;
    slong i, m = fmpq_mat_nrows(X);
    fmpz_t fm;
    fmpz_init_set_si(fm, m);
    for (j = 0; j < 2; j++)
    {
        fmpq_init(c[j]);
        fmpq_init(b[j]);
        for (k = 0; k < 2; k++)
            fmpq_init(G[j][k]);
    }
    fmpq_init(r0); fmpq_init(r1); fmpq_init(det); fmpq_init(g); fmpq_init(t);
    for (j = 0; j < 2; j++)
    {
        for (k = 0; k < 2; k++)
        {
            for (i = 0; i < m; i++)
                fmpq_addmul(G[j][k], fmpq_mat_entry(X, i, j), fmpq_mat_entry(X, i, k));
            fmpq_div_fmpz(G[j][k], G[j][k], fm);
        }
        for (i = 0; i < m; i++)
            fmpq_addmul(c[j], fmpq_mat_entry(X, i, j), fmpq_mat_entry(Y, i, 0));
        fmpq_div_fmpz(c[j], c[j], fm);
    }
    fmpq_mul(det, G[0][0], G[1][1]);
    fmpq_submul(det, G[0][1], G[1][0]);
    ck_assert(fmpq_sgn(det) > 0);
    for (E = 0; E < 4 && res < 0; E++)
        for (s0 = -1; s0 <= 1 && res < 0; s0 += 2)
            for (s1 = -1; s1 <= 1 && res < 0; s1 += 2)
            {
                int ok = 1;
                fmpq_zero(b[0]);
                fmpq_zero(b[1]);
                if (E == 1 || E == 2)
                {
                    j = E - 1;
                    fmpq_set_si(t, j == 0 ? s0 : s1, 1);
                    fmpq_mul(t, t, L);
                    fmpq_sub(b[j], c[j], t);
                    fmpq_div(b[j], b[j], G[j][j]);
                    ok = fmpq_sgn(b[j]) == (j == 0 ? s0 : s1);
                }
                else if (E == 3)
                {
                    fmpq_set_si(t, s0, 1);
                    fmpq_mul(t, t, L);
                    fmpq_sub(r0, c[0], t);
                    fmpq_set_si(t, s1, 1);
                    fmpq_mul(t, t, L);
                    fmpq_sub(r1, c[1], t);
                    fmpq_mul(b[0], G[1][1], r0);
                    fmpq_submul(b[0], G[0][1], r1);
                    fmpq_div(b[0], b[0], det);
                    fmpq_mul(b[1], G[0][0], r1);
                    fmpq_submul(b[1], G[1][0], r0);
                    fmpq_div(b[1], b[1], det);
                    ok = fmpq_sgn(b[0]) == s0 && fmpq_sgn(b[1]) == s1;
                }
                for (j = 0; j < 2 && ok; j++)
                {
                    if ((E >> j) & 1)
                        continue;
                    fmpq_set(g, c[j]);
                    fmpq_submul(g, G[j][0], b[0]);
                    fmpq_submul(g, G[j][1], b[1]);
                    fmpq_abs(g, g);
                    ok = fmpq_cmp(g, L) <= 0;
                }
                if (ok)
                    res = E;
            }
    for (j = 0; j < 2; j++)
    {
        fmpq_clear(c[j]);
        fmpq_clear(b[j]);
        for (k = 0; k < 2; k++)
            fmpq_clear(G[j][k]);
    }
    fmpq_clear(r0); fmpq_clear(r1); fmpq_clear(det); fmpq_clear(g); fmpq_clear(t);
    fmpz_clear(fm);
    return res;
}

/* The problem MATLAB's double standardisation defines from the double
   input: the exact solver agrees with the enumeration above, and at
   delta = 2^-28 its minimiser has both coordinates non-zero (a different
   problem), while 64-bit preprocessing restores the support {2}. */
START_TEST(test_input_support)
{
    static const slong es[] = {7, 15, 27, 28, 29, 30, 31};
    slong e = es[_i];
    kd_real_t d;
    fmpq_t L;
    fmpq_mat_t A, y, X0, Y0;
    int sup, sig_eq;
    kd_real_init(d);
    fmpq_init(L);
    fmpq_mat_init(A, 3, 2);
    fmpq_mat_init(y, 3, 1);
    fmpq_mat_init(X0, 0, 0);
    fmpq_mat_init(Y0, 0, 0);
    set_delta(d, e);
    fmpq_set_si(L, 1, 10);
    kd_assert_ok(kd_lasso_probe_round_double(A, y, d, 0));
    kd_assert_ok(kd_lasso_standardize_prec(X0, Y0, &sig_eq, A, y, 53));
    kd_assert_ok(kd_lasso_probe_input_support(&sup, NULL, A, y, L, 53));
    ck_assert_msg(sup == lasso2_support(X0, Y0, L), "2^-%ld: %d vs %d", (long) e, sup,
                  lasso2_support(X0, Y0, L));
    /* the sigmas in native double arithmetic, same operations */
    {
        double sg[2], mu, acc, t;
        slong i, j;
        for (j = 0; j < 2; j++)
        {
            acc = 0.0;
            for (i = 0; i < 3; i++)
                acc += fmpq_get_d(fmpq_mat_entry(A, i, j));
            mu = acc / 3;
            acc = 0.0;
            for (i = 0; i < 3; i++)
            {
                t = fmpq_get_d(fmpq_mat_entry(A, i, j)) - mu;
                acc += t * t;
            }
            sg[j] = sqrt(acc / 3);
        }
        ck_assert_int_eq(sig_eq, sg[0] == sg[1]);
        /* 6 delta^2 far above the rounding: the sigmas must differ */
        if (e <= 20)
            ck_assert_int_eq(sig_eq, 0);
    }
    if (e == 28)
        ck_assert_int_eq(sup, 3);
    if (e <= 26)
        ck_assert_int_eq(sup, 2);
    kd_assert_ok(kd_lasso_probe_round_prec(A, y, d, 0, 64));
    kd_assert_ok(kd_lasso_probe_input_support(&sup, NULL, A, y, L, 64));
    ck_assert_int_eq(sup, 2);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    fmpq_mat_clear(X0);
    fmpq_mat_clear(Y0);
    fmpq_clear(L);
    kd_real_clear(d);
}
END_TEST

/* Precision sweep at delta = 2^-15: more bits do not fix the stopping
   rule, the error stays kappa to 1e-6 with the default settings. */
START_TEST(test_prec_row)
{
    static const slong ps[] = {53, 64, 113};
    kd_real_t d, kr;
    fmpq_t L;
    arb_mat_t Bstar, mid;
    arb_t slack, kappa, eps, t;
    kd_truth cert;
    kd_lasso_prec_row_t R;
    kd_real_init(d);
    kd_real_init(kr);
    fmpq_init(L);
    arb_mat_init(Bstar, 2, 1);
    arb_mat_init(mid, 2, 1);
    arb_init(slack);
    arb_init(kappa);
    arb_init(eps);
    arb_init(t);
    set_delta(d, 15);
    fmpq_set_si(L, 1, 10);
    kd_assert_ok(kd_lasso_probe_truth(&cert, Bstar, slack, d, L, KD_SCALED_HALF_MEAN, 256));
    kd_assert_ok(kd_lasso_probe_breakdown(kappa, eps, mid, L, 128));
    /* kappa = sqrt(2) (1 - sqrt(3)/10), evaluated through the expression layer */
    kd_assert_ok(kd_real_parse(kr, "sqrt(2)*(1 - sqrt(3)/10)"));
    kd_assert_ok(kd_real_eval_arb(t, kr, 128));
    ck_assert(arb_overlaps(t, kappa));
    arb_mul_2exp_si(t, t, -1);
    ck_assert(arb_overlaps(t, eps));
    kd_lasso_prec_row_init(R);
    kd_assert_ok(kd_lasso_probe_prec_row(R, d, L, ps[_i], KD_LASSO_SETTING_DEFAULT, Bstar));
    ck_assert_int_eq(R->support, 2);
    ck_assert(!R->warned);
    arb_sub(t, &R->error, kappa, 128);
    arb_abs(t, t);
    ck_assert_msg(arb_lt(t, (arb_set_d(slack, 1e-6), slack)), "p = %ld", (long) ps[_i]);
    ck_assert_int_eq(kd_lasso_nearer(R->B, L), KD_LASSO_NEARER_WRONG);
    kd_lasso_prec_row_clear(R);
    arb_mat_clear(Bstar);
    arb_mat_clear(mid);
    arb_clear(slack);
    arb_clear(kappa);
    arb_clear(eps);
    arb_clear(t);
    fmpq_clear(L);
    kd_real_clear(d);
    kd_real_clear(kr);
}
END_TEST

/* kd_lasso_nearer against the two distances computed directly in balls
   (random rational B, a fifth of them on the diagonal B_1 = B_2). */
START_TEST(test_nearer)
{
    flint_rand_t st;
    fmpq_mat_t B;
    fmpq_t L;
    arb_t c, d1, d2, t;
    slong trial;
    int want;
    kd_test_randinit(st, 502);
    fmpq_mat_init(B, 2, 1);
    fmpq_init(L);
    arb_init(c);
    arb_init(d1);
    arb_init(d2);
    arb_init(t);
    fmpq_set_si(L, 1, 10);
    arb_sqrt_ui(c, 3, 256);
    arb_div_ui(c, c, 10, 256);
    arb_sub_ui(c, c, 1, 256);
    arb_neg(c, c);
    for (trial = 0; trial < 500; trial++)
    {
        kd_test_rand_fmpq(fmpq_mat_entry(B, 0, 0), st, 1000, 1000);
        if (trial % 5 == 0)
            fmpq_set(fmpq_mat_entry(B, 1, 0), fmpq_mat_entry(B, 0, 0));
        else
            kd_test_rand_fmpq(fmpq_mat_entry(B, 1, 0), st, 1000, 1000);
        /* d1 = ||B - (0, c)||^2, d2 = ||B - (c, 0)||^2 */
        arb_set_fmpq(t, fmpq_mat_entry(B, 1, 0), 256);
        arb_sub(t, t, c, 256);
        arb_sqr(d1, t, 256);
        arb_set_fmpq(t, fmpq_mat_entry(B, 0, 0), 256);
        arb_addmul(d1, t, t, 256);
        arb_sub(t, t, c, 256);
        arb_sqr(d2, t, 256);
        arb_set_fmpq(t, fmpq_mat_entry(B, 1, 0), 256);
        arb_addmul(d2, t, t, 256);
        arb_sub(t, d1, d2, 256);
        want = arb_is_negative(t) ? KD_LASSO_NEARER_BSTAR
               : arb_is_positive(t) ? KD_LASSO_NEARER_WRONG : KD_LASSO_NEARER_UNDECIDED;
        if (fmpq_equal(fmpq_mat_entry(B, 0, 0), fmpq_mat_entry(B, 1, 0)))
            ck_assert_int_eq(kd_lasso_nearer(B, L), KD_LASSO_EQUIDISTANT);
        else
            ck_assert_msg(kd_lasso_nearer(B, L) == want, "seed %lu trial %ld", kd_test_seed(502),
                          (long) trial);
    }
    /* Lambda = 1: c = 1 - sqrt(3) < 0, B* and W are not the vertices; an
       equidistant B is then undecided, not equidistant */
    fmpq_set_si(L, 1, 1);
    ck_assert_int_eq(kd_lasso_nearer(B, L), KD_LASSO_NEARER_UNDECIDED);
    fmpq_mat_zero(B);
    ck_assert_int_eq(kd_lasso_nearer(B, L), KD_LASSO_NEARER_UNDECIDED);
    ck_assert_str_eq(kd_lasso_side_name(KD_LASSO_EQUIDISTANT), "equidistant");
    ck_assert_str_eq(kd_lasso_side_name(KD_LASSO_NEARER_UNDECIDED), "undecided");
    fmpq_mat_clear(B);
    fmpq_clear(L);
    arb_clear(c);
    arb_clear(d1);
    arb_clear(d2);
    arb_clear(t);
    flint_randclear(st);
}
END_TEST

/* kd_lasso_probe_delta bundles the per-delta calls; delta_log2 and the
   published values. */
START_TEST(test_delta_facts)
{
    kd_lasso_delta_t D;
    kd_lasso_bits_t bits;
    kd_real_t d;
    fmpq_t L;
    slong lg = 0;
    int sup, diff, sig;

    kd_real_init(d);
    fmpq_init(L);
    fmpq_set_si(L, 1, 10);
    kd_assert_ok(kd_real_parse(d, "3/7"));
    ck_assert(!kd_lasso_probe_delta_log2(&lg, d));
    kd_assert_ok(kd_real_parse(d, "8"));
    ck_assert(kd_lasso_probe_delta_log2(&lg, d) && lg == 3);
    kd_assert_ok(kd_real_parse(d, "2^-7"));
    ck_assert(kd_lasso_probe_delta_log2(&lg, d) && lg == -7);
    ck_assert_str_eq(kd_lasso_probe_published(-15, KD_LASSO_SETTING_RELTOL_EPS),
                     "1.17, 0.33 s, warned");
    ck_assert_ptr_eq(kd_lasso_probe_published(-3, KD_LASSO_SETTING_DEFAULT), NULL);
    kd_lasso_delta_init(D);
    kd_assert_ok(kd_lasso_probe_delta(D, d, L, KD_SCALED_HALF_MEAN, L, 400));
    ck_assert(D->has_log2 && D->log2 == -7 && D->cert == KD_TRUE);
    kd_assert_ok(kd_lasso_probe_rounded_support(&sup, &diff, NULL, d, L, 0));
    ck_assert_int_eq(D->support_exact, sup);
    ck_assert_int_eq(D->differs, diff);
    kd_assert_ok(kd_lasso_probe_rounded_support(&sup, &diff, &sig, d, L, 53));
    ck_assert_int_eq(D->support_double, sup);
    ck_assert_int_eq(D->sigma_equal, sig);
    kd_assert_ok(kd_lasso_probe_input_bits(bits, d, L, 400));
    ck_assert_int_eq(D->bits->level_sharp, bits->level_sharp);
    ck_assert_int_eq(D->bits->level_lower, bits->level_lower);
    kd_lasso_delta_clear(D);
    kd_real_clear(d);
    fmpq_clear(L);
}
END_TEST

/* With no peer scripts every peer is skipped (script missing): no rows,
   the truth is certified all the same; delta = 0 is an error. */
START_TEST(test_peers_none)
{
    kd_lasso_peers_t P;
    kd_real_t d;
    fmpq_t L;
    char * old = getenv("KDIGITS_PEERS_DIR") ? strdup(getenv("KDIGITS_PEERS_DIR")) : NULL;
    slong i;

    kd_real_init(d);
    fmpq_init(L);
    fmpq_set_si(L, 1, 10);
    setenv("KDIGITS_PEERS_DIR", "/nonexistent/kdigits-peers", 1);
    kd_assert_ok(kd_lasso_peers_init(P, L));
    ck_assert_int_eq(P->nrun, 0);
    ck_assert(P->Lambda_d == 0.1);
    for (i = 0; i < KD_LASSO_NPEERS; i++)
        ck_assert(P->peer[i].no_script && P->peer[i].interp == NULL && P->peer[i].reason);
    ck_assert_str_eq(P->peer[0].name, "glmnet");
    ck_assert_str_eq(P->peer[3].package, "python3-cvxopt");
    kd_assert_ok(kd_real_parse(d, "2^-15"));
    kd_assert_ok(kd_lasso_peers_run(P, d, L));
    ck_assert_int_eq(P->nrows, 0);
    kd_real_zero(d);
    ck_assert_int_eq(kd_lasso_peers_run(P, d, L), KD_ERR_ARG);
    kd_lasso_peers_clear(P);
    if (old)
        setenv("KDIGITS_PEERS_DIR", old, 1);
    else
        unsetenv("KDIGITS_PEERS_DIR");
    free(old);
    kd_real_clear(d);
    fmpq_clear(L);
}
END_TEST

/* IEEE double input (kdigits demo): the rounded entries, the proved
   distance and its level, and 1 - rho against the closed form
   1 - 1/sqrt(1 + 6 delta^2) of lasso-probe.md §2. */
START_TEST(test_ieee)
{
    kd_lasso_ieee_t I;
    kd_real_t d;
    arb_t ref;

    kd_real_init(d);
    arb_init(ref);
    kd_lasso_ieee_init(I);
    set_delta(d, 15);
    kd_assert_ok(kd_lasso_probe_ieee(I, d));
    arb_set_ui(ref, 2);
    arb_rsqrt(ref, ref, 256);                       /* 1/sqrt(2), far from a tie */
    ck_assert(I->A_d[1] == arf_get_d(arb_midref(ref), ARF_RND_NEAR) && I->A_d[3] == -I->A_d[1]);
    ck_assert(I->A_d[4] == ldexp(1.0, -14) && I->A_d[5] == 0.0);
    ck_assert_int_eq(I->inexact, 4);
    ck_assert(!mag_is_zero(&I->A_d_err));
    ck_assert(mag_cmp_2exp_si(&I->A_d_err, -I->valid_level) <= 0);
    ck_assert(mag_cmp_2exp_si(&I->A_d_err, -(I->valid_level + 1)) > 0);
    ck_assert(I->valid_level >= 50 && I->valid_level <= 56);
    /* 1 - 1/sqrt(1 + 6 2^-30) */
    arb_one(ref);
    arb_mul_2exp_si(ref, ref, -30);
    arb_mul_ui(ref, ref, 6, 256);
    arb_add_ui(ref, ref, 1, 256);
    arb_rsqrt(ref, ref, 256);
    arb_sub_ui(ref, ref, 1, 256);
    arb_neg(ref, ref);
    ck_assert(arb_overlaps(ref, &I->one_minus_rho));
    ck_assert(arb_rel_accuracy_bits(&I->one_minus_rho) > 100);
    ck_assert(fabs(I->one_minus_rho_d - arf_get_d(arb_midref(ref), ARF_RND_NEAR)) < 1e-12);
    kd_lasso_ieee_clear(I);
    arb_clear(ref);
    kd_real_clear(d);
}
END_TEST

/* The probe's smallest delta, 2^-1000, decided exactly at the boundary. */
START_TEST(test_delta_in_range)
{
    kd_real_t d;
    kd_real_init(d);
    kd_assert_ok(kd_real_parse(d, "2^-1000"));
    ck_assert_int_eq(kd_lasso_probe_delta_in_range(d), KD_TRUE);
    kd_assert_ok(kd_real_parse(d, "2^-1000 - 2^-2000"));
    ck_assert_int_eq(kd_lasso_probe_delta_in_range(d), KD_FALSE);
    kd_assert_ok(kd_real_parse(d, "2^-1001"));
    ck_assert_int_eq(kd_lasso_probe_delta_in_range(d), KD_FALSE);
    kd_assert_ok(kd_real_parse(d, "sqrt(2)*2^-1000"));
    ck_assert_int_eq(kd_lasso_probe_delta_in_range(d), KD_TRUE);
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
    tcase_add_loop_test(tc, test_bits_bracket, 0, 6);
    tcase_add_test(tc, test_bits_flip_instance);
    tcase_add_test(tc, test_standardize_double);
    tcase_add_loop_test(tc, test_input_support, 0, 7);
    tcase_add_loop_test(tc, test_prec_row, 0, 3);
    tcase_add_test(tc, test_nearer);
    tcase_add_test(tc, test_delta_facts);
    tcase_add_test(tc, test_peers_none);
    tcase_add_test(tc, test_ieee);
    tcase_add_test(tc, test_delta_in_range);
    suite_add_tcase(s, tc);
    return s;
}
