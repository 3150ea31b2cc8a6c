/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for the basis pursuit probe: the exact solution against the
   closed form, the wrong vertex refuted exactly, the judgement of
   candidates against independently built references, the exact decimals
   and the double rounding of the LP file. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "kdigits/bpprobe.h"

/* q = 2^k / (2^k + 1), built here from integers. */
static void
ref_x2(fmpq_t q, slong k)
{
    fmpz_one(fmpq_numref(q));
    fmpz_mul_2exp(fmpq_numref(q), fmpq_numref(q), (ulong) k);
    fmpz_add_ui(fmpq_denref(q), fmpq_numref(q), 1);
}

/* Exact solve vs the closed form, for k = 1..70. */
START_TEST(test_closed_form)
{
    slong k = _i + 1;
    kd_bp_probe_t P;
    fmpq_t q;
    fmpq_mat_t c;
    kd_bp_probe_init(P);
    fmpq_init(q);
    fmpq_mat_init(c, 0, 1);
    ref_x2(q, k);
    kd_assert_ok(kd_bp_probe_set_k(P, k));
    ck_assert_msg(P->agrees == KD_TRUE, "k = %ld", k);
    ck_assert_int_eq(P->bp.unique, KD_TRUE);
    ck_assert_int_eq(fmpq_mat_nrows(&P->bp.x), 2);
    ck_assert(fmpq_is_zero(fmpq_mat_entry(&P->bp.x, 0, 0)));
    ck_assert_msg(fmpq_equal(fmpq_mat_entry(&P->bp.x, 1, 0), q), "k = %ld: x2", k);
    /* optimum 1/c and the dual certificate v = 1/c (|a_j v| <= 1 binds on
       the larger coefficient) */
    ck_assert(fmpq_equal(&P->bp.value, q));
    ck_assert(fmpq_equal(fmpq_mat_entry(&P->bp.v, 0, 0), q));
    kd_assert_ok(kd_bp_probe_closed_form(c, k));
    ck_assert(fmpq_mat_equal(c, &P->bp.x));
    /* the instance itself: 1 + 2^-k */
    fmpq_inv(q, q);
    ck_assert(fmpq_equal(fmpq_mat_entry(&P->A, 0, 1), q));
    ck_assert(fmpq_is_one(fmpq_mat_entry(&P->A, 0, 0)));
    ck_assert(fmpq_is_one(fmpq_mat_entry(&P->y, 0, 0)));
    fmpq_mat_clear(c);
    fmpq_clear(q);
    kd_bp_probe_clear(P);
}
END_TEST

/* (1, 0) is feasible, not optimal by exactly 1/(2^k + 1), judged the wrong
   vertex, at a certified distance containing sqrt(1 + (2^k/(2^k+1))^2);
   the closed form is judged right at distance exactly 0. */
START_TEST(test_wrong_vertex)
{
    slong k = _i + 1;
    kd_bp_probe_t P;
    kd_bp_assess_t R;
    fmpq_mat_t w;
    fmpq_t q, ex;
    arb_t ref, t;
    kd_bp_probe_init(P);
    kd_bp_assess_init(R);
    fmpq_mat_init(w, 2, 1);
    fmpq_init(q);
    fmpq_init(ex);
    arb_init(ref);
    arb_init(t);

    kd_assert_ok(kd_bp_probe_set_k(P, k));
    fmpq_one(fmpq_mat_entry(w, 0, 0));
    kd_assert_ok(kd_bp_probe_assess(R, P, w, 128));
    ck_assert_msg(R->verdict == KD_BP_VERDICT_WRONG_VERTEX, "k = %ld: %s", k,
                  kd_bp_verdict_name(R->verdict));
    ck_assert(fmpq_mat_equal(&R->vertex, w));
    ck_assert(fmpq_is_zero(&R->residual));
    ck_assert(fmpq_is_one(&R->objective));
    /* excess 1 - 2^k/(2^k+1) = 1/(2^k+1) */
    fmpz_one(fmpq_numref(ex));
    fmpz_one(fmpq_denref(ex));
    fmpz_mul_2exp(fmpq_denref(ex), fmpq_denref(ex), (ulong) k);
    fmpz_add_ui(fmpq_denref(ex), fmpq_denref(ex), 1);
    ck_assert_msg(fmpq_equal(&R->excess, ex), "k = %ld: excess", k);
    ck_assert(fmpq_equal(&R->vertex_excess, ex));
    ck_assert(fmpq_sgn(&R->excess) > 0);
    /* distance: sqrt(1 + x2*^2), evaluated independently */
    ref_x2(q, k);
    arb_set_fmpq(ref, q, 4 * k + 128);
    arb_sqr(ref, ref, 4 * k + 128);
    arb_add_ui(ref, ref, 1, 4 * k + 128);
    arb_sqrt(ref, ref, 4 * k + 128);
    ck_assert_msg(arb_overlaps(ref, &R->error), "k = %ld: error ball", k);
    ck_assert(arb_rel_accuracy_bits(&R->error) > 100);
    fmpq_mul(q, q, q);
    fmpq_add_si(q, q, 1);
    ck_assert(fmpq_equal(&R->dist2, q));

    /* the truth itself */
    kd_assert_ok(kd_bp_probe_closed_form(w, k));
    kd_assert_ok(kd_bp_probe_assess(R, P, w, 128));
    ck_assert_int_eq(R->verdict, KD_BP_VERDICT_RIGHT);
    ck_assert(fmpq_is_zero(&R->dist2));
    ck_assert(arb_is_zero(&R->error));
    ck_assert(fmpq_is_zero(&R->excess));
    ck_assert_int_eq(fmpq_mat_nrows(&R->vertex), 0);

    arb_clear(ref);
    arb_clear(t);
    fmpq_clear(q);
    fmpq_clear(ex);
    fmpq_mat_clear(w);
    kd_bp_assess_clear(R);
    kd_bp_probe_clear(P);
}
END_TEST

START_TEST(test_bad_k)
{
    static const slong bad[] = {0, -1, -40, KD_BP_PROBE_K_MAX + 1, WORD_MAX};
    slong i;
    kd_bp_probe_t P;
    fmpq_mat_t A, y;
    kd_bp_probe_init(P);
    fmpq_mat_init(A, 0, 0);
    fmpq_mat_init(y, 0, 1);
    for (i = 0; i < 5; i++)
    {
        ck_assert_int_eq(kd_bp_probe_instance(A, y, bad[i]), KD_ERR_ARG);
        ck_assert_int_eq(kd_bp_probe_closed_form(A, bad[i]), KD_ERR_ARG);
        ck_assert_int_eq(kd_bp_probe_set_k(P, bad[i]), KD_ERR_ARG);
        ck_assert(strstr(kd_error_message(), "out of range") != NULL);
        ck_assert_int_eq(fmpq_mat_ncols(&P->A), 0);
    }
    /* an empty probe is refused, and the largest k is served */
    {
        kd_bp_assess_t R;
        kd_bp_assess_init(R);
        ck_assert_int_eq(kd_bp_probe_assess(R, P, y, 64), KD_ERR_ARG);
        kd_bp_assess_clear(R);
    }
    kd_assert_ok(kd_bp_probe_set_k(P, KD_BP_PROBE_K_MAX));
    ck_assert_int_eq(P->agrees, KD_TRUE);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    kd_bp_probe_clear(P);
}
END_TEST

/* Points near x*, near (1, 0), and elsewhere, with exact distances. */
START_TEST(test_near)
{
    kd_bp_probe_t P;
    kd_bp_assess_t R;
    fmpq_mat_t x;
    fmpq_t q;
    kd_bp_probe_init(P);
    kd_bp_assess_init(R);
    fmpq_mat_init(x, 2, 1);
    fmpq_init(q);
    kd_assert_ok(kd_bp_probe_set_k(P, 20));

    /* x* + (2^-12, 0): right, dist^2 = 2^-24 exactly */
    kd_assert_ok(kd_bp_probe_closed_form(x, 20));
    fmpq_set_si(fmpq_mat_entry(x, 0, 0), 1, 4096);
    kd_assert_ok(kd_bp_probe_assess(R, P, x, 128));
    ck_assert_int_eq(R->verdict, KD_BP_VERDICT_RIGHT);
    fmpq_set_si(q, 1, 1 << 24);
    ck_assert(fmpq_equal(&R->dist2, q));
    ck_assert(fmpq_sgn(&R->excess) > 0);

    /* x* + (2^-9, 0): beyond tau = 2^-10, not near a vertex in x1 */
    fmpq_set_si(fmpq_mat_entry(x, 0, 0), 1, 512);
    kd_assert_ok(kd_bp_probe_assess(R, P, x, 128));
    ck_assert_int_eq(R->verdict, KD_BP_VERDICT_OTHER);

    /* (1 + 2^-12, 2^-13): near the wrong vertex (1, 0) */
    fmpq_set_si(fmpq_mat_entry(x, 0, 0), 4097, 4096);
    fmpq_set_si(fmpq_mat_entry(x, 1, 0), 1, 8192);
    kd_assert_ok(kd_bp_probe_assess(R, P, x, 128));
    ck_assert_int_eq(R->verdict, KD_BP_VERDICT_WRONG_VERTEX);
    ck_assert(fmpq_is_one(fmpq_mat_entry(&R->vertex, 0, 0)));
    ck_assert(fmpq_is_zero(fmpq_mat_entry(&R->vertex, 1, 0)));
    /* residual |x1 + c x2 - 1| = 2^-12 + (1 + 2^-20) 2^-13 */
    fmpq_set_si(q, 3, 8192);
    fmpq_set_si(fmpq_mat_entry(x, 0, 0), 1, WORD(1) << 33);
    fmpq_add(q, q, fmpq_mat_entry(x, 0, 0));
    ck_assert(fmpq_equal(&R->residual, q));

    /* (1/2, 1/2): feasible? no (residual 2^-21), and far from both */
    fmpq_set_si(fmpq_mat_entry(x, 0, 0), 1, 2);
    fmpq_set_si(fmpq_mat_entry(x, 1, 0), 1, 2);
    kd_assert_ok(kd_bp_probe_assess(R, P, x, 128));
    ck_assert_int_eq(R->verdict, KD_BP_VERDICT_OTHER);
    fmpq_set_si(q, 1, 1 << 21);
    ck_assert(fmpq_equal(&R->residual, q));

    /* 0: the support is empty and 0 is not feasible */
    fmpq_mat_zero(x);
    kd_assert_ok(kd_bp_probe_assess(R, P, x, 128));
    ck_assert_int_eq(R->verdict, KD_BP_VERDICT_OTHER);

    /* a wrong size */
    fmpq_mat_clear(x);
    fmpq_mat_init(x, 3, 1);
    ck_assert_int_eq(kd_bp_probe_assess(R, P, x, 128), KD_ERR_SIZE);

    fmpq_clear(q);
    fmpq_mat_clear(x);
    kd_bp_assess_clear(R);
    kd_bp_probe_clear(P);
}
END_TEST

/* x1 + x2 = 1 (what glpsol reads for k >= 53): the minimisers are the
   segment, so the distance is to the segment, computed by hand. */
START_TEST(test_segment)
{
    kd_bp_probe_t P;
    kd_bp_assess_t R;
    fmpq_mat_t A, y, x;
    fmpq_t q;
    kd_bp_probe_init(P);
    kd_bp_assess_init(R);
    fmpq_mat_init(A, 1, 2);
    fmpq_mat_init(y, 1, 1);
    fmpq_mat_init(x, 2, 1);
    fmpq_init(q);
    fmpq_one(fmpq_mat_entry(A, 0, 0));
    fmpq_one(fmpq_mat_entry(A, 0, 1));
    fmpq_one(fmpq_mat_entry(y, 0, 0));
    kd_assert_ok(kd_bp_probe_set(P, A, y));
    ck_assert_int_eq(P->bp.unique, KD_FALSE);
    ck_assert_int_eq(P->agrees, KD_UNKNOWN);
    ck_assert_int_eq(P->k, 0);

    /* both vertices and the midpoint are minimisers */
    fmpq_one(fmpq_mat_entry(x, 0, 0));
    kd_assert_ok(kd_bp_probe_assess(R, P, x, 128));
    ck_assert_int_eq(R->verdict, KD_BP_VERDICT_RIGHT);
    ck_assert(fmpq_is_zero(&R->dist2));
    fmpq_set_si(fmpq_mat_entry(x, 0, 0), 1, 2);
    fmpq_set_si(fmpq_mat_entry(x, 1, 0), 1, 2);
    kd_assert_ok(kd_bp_probe_assess(R, P, x, 128));
    ck_assert(fmpq_is_zero(&R->dist2));
    /* (1, 1) projects to (1/2, 1/2): dist^2 = 1/2; (2, -1) to (1, 0): 2 */
    fmpq_one(fmpq_mat_entry(x, 0, 0));
    fmpq_one(fmpq_mat_entry(x, 1, 0));
    kd_assert_ok(kd_bp_probe_assess(R, P, x, 128));
    fmpq_set_si(q, 1, 2);
    ck_assert(fmpq_equal(&R->dist2, q));
    ck_assert_int_eq(R->verdict, KD_BP_VERDICT_OTHER);
    fmpq_set_si(fmpq_mat_entry(x, 0, 0), 2, 1);
    fmpq_set_si(fmpq_mat_entry(x, 1, 0), -1, 1);
    kd_assert_ok(kd_bp_probe_assess(R, P, x, 128));
    fmpq_set_si(q, 2, 1);
    ck_assert(fmpq_equal(&R->dist2, q));
    /* (2, -1) is the basic solution on support {1, 2}? no: rank 1, so it is
       no vertex; the verdict is other */
    ck_assert_int_eq(R->verdict, KD_BP_VERDICT_OTHER);

    fmpq_clear(q);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    fmpq_mat_clear(x);
    kd_bp_assess_clear(R);
    kd_bp_probe_clear(P);
}
END_TEST

/* Random instances: every basic solution (square invertible A_S, found
   here by enumeration) is judged right exactly when its 1-norm is the
   optimum, else the wrong vertex it is (or, if it happens to lie within
   tau of the solution set, right at that distance). */
START_TEST(test_random_vertices)
{
    flint_rand_t st;
    slong trial, m = 2, N = 4, wrong = 0, right = 0;
    kd_test_randinit(st, 501);
    for (trial = 0; trial < 12; trial++)
    {
        kd_bp_probe_t P;
        kd_bp_assess_t R;
        fmpq_mat_t A, y, AS, z, v;
        fmpq_t nrm, t;
        slong a, b, i;
        kd_status s;
        kd_bp_probe_init(P);
        kd_bp_assess_init(R);
        fmpq_mat_init(A, m, N);
        fmpq_mat_init(y, m, 1);
        fmpq_mat_init(AS, m, m);
        fmpq_mat_init(z, m, 1);
        fmpq_mat_init(v, N, 1);
        fmpq_init(nrm);
        fmpq_init(t);
        kd_test_rand_fmpq_mat(A, st, 9, 3);
        kd_test_rand_fmpq_mat(y, st, 9, 3);
        s = kd_bp_probe_set(P, A, y);
        if (s == KD_ERR_DOMAIN)
            goto next;
        ck_assert_msg(s == KD_OK, "seed %lu trial %ld: %s", kd_test_seed(501), trial,
                      kd_error_message());
        for (a = 0; a < N; a++)
            for (b = a + 1; b < N; b++)
            {
                for (i = 0; i < m; i++)
                {
                    fmpq_set(fmpq_mat_entry(AS, i, 0), fmpq_mat_entry(A, i, a));
                    fmpq_set(fmpq_mat_entry(AS, i, 1), fmpq_mat_entry(A, i, b));
                }
                if (!fmpq_mat_solve_fraction_free(z, AS, y))
                    continue;
                fmpq_mat_zero(v);
                fmpq_set(fmpq_mat_entry(v, a, 0), fmpq_mat_entry(z, 0, 0));
                fmpq_set(fmpq_mat_entry(v, b, 0), fmpq_mat_entry(z, 1, 0));
                fmpq_zero(nrm);
                for (i = 0; i < N; i++)
                {
                    fmpq_abs(t, fmpq_mat_entry(v, i, 0));
                    fmpq_add(nrm, nrm, t);
                }
                kd_assert_ok(kd_bp_probe_assess(R, P, v, 128));
                ck_assert(fmpq_is_zero(&R->residual));
                fmpq_sub(t, nrm, &P->bp.value);
                ck_assert(fmpq_equal(&R->excess, t));
                ck_assert_msg(fmpq_sgn(t) >= 0, "seed %lu trial %ld: a vertex beats the optimum",
                              kd_test_seed(501), trial);
                if (fmpq_is_zero(t))
                {
                    ck_assert_msg(R->verdict == KD_BP_VERDICT_RIGHT && fmpq_is_zero(&R->dist2),
                                  "seed %lu trial %ld: optimal vertex not right", kd_test_seed(501),
                                  trial);
                    right++;
                }
                else if (R->verdict == KD_BP_VERDICT_WRONG_VERTEX)
                {
                    ck_assert(fmpq_mat_equal(&R->vertex, v));
                    ck_assert(fmpq_equal(&R->vertex_excess, t));
                    ck_assert(fmpq_sgn(&R->dist2) > 0);
                    wrong++;
                }
                else
                {
                    /* only possible within tau of the solution set */
                    ck_assert_msg(R->verdict == KD_BP_VERDICT_RIGHT, "seed %lu trial %ld: %s",
                                  kd_test_seed(501), trial, kd_bp_verdict_name(R->verdict));
                    ck_assert(fmpq_sgn(&R->dist2) > 0);
                }
            }
    next:
        fmpq_clear(nrm);
        fmpq_clear(t);
        fmpq_mat_clear(A);
        fmpq_mat_clear(y);
        fmpq_mat_clear(AS);
        fmpq_mat_clear(z);
        fmpq_mat_clear(v);
        kd_bp_assess_clear(R);
        kd_bp_probe_clear(P);
    }
    ck_assert_msg(right > 0 && wrong > 0, "seed %lu: right %ld, wrong %ld", kd_test_seed(501),
                  right, wrong);
    flint_randclear(st);
}
END_TEST

/* Exact decimals round-trip through the exact decimal reader; other
   rationals have none. */
START_TEST(test_decimal)
{
    flint_rand_t st;
    slong i;
    fmpq_t q, r;
    kd_real_t x;
    char * s;
    kd_test_randinit(st, 502);
    fmpq_init(q);
    fmpq_init(r);
    kd_real_init(x);
    for (i = 0; i < 300; i++)
    {
        ulong a = n_randint(st, 80), b = n_randint(st, 40);
        fmpz_randtest(fmpq_numref(q), st, 100);
        fmpz_set_ui(fmpq_denref(q), 5);
        fmpz_pow_ui(fmpq_denref(q), fmpq_denref(q), b);
        fmpz_mul_2exp(fmpq_denref(q), fmpq_denref(q), a);
        fmpq_canonicalise(q);
        s = kd_bp_probe_decimal(q);
        ck_assert_msg(s != NULL, "seed %lu, i %ld", kd_test_seed(502), i);
        ck_assert(strchr(s, 'e') == NULL && strchr(s, 'E') == NULL);
        kd_assert_ok(kd_real_set_decimal(x, s));
        ck_assert(kd_real_get_fmpq(r, x));
        ck_assert_msg(fmpq_equal(q, r), "seed %lu, i %ld: %s", kd_test_seed(502), i, s);
        /* no trailing zero after the point */
        if (strchr(s, '.') != NULL)
            ck_assert(s[strlen(s) - 1] != '0');
        flint_free(s);
    }
    /* 1 + 2^-k has k digits after the point */
    for (i = 1; i <= 70; i++)
    {
        fmpz_one(fmpq_numref(q));
        fmpz_mul_2exp(fmpq_denref(q), fmpq_numref(q), (ulong) i);
        fmpq_add_si(q, q, 1);
        s = kd_bp_probe_decimal(q);
        ck_assert_int_eq((slong) strlen(s), i + 2);
        ck_assert(strncmp(s, "1.", 2) == 0);
        flint_free(s);
    }
    fmpq_set_si(q, 1, 3);
    ck_assert(kd_bp_probe_decimal(q) == NULL);
    fmpq_set_si(q, -7, 40);
    s = kd_bp_probe_decimal(q);
    ck_assert_str_eq(s, "-0.175");
    flint_free(s);
    fmpq_set_si(q, 1, 80);
    s = kd_bp_probe_decimal(q);
    ck_assert_str_eq(s, "0.0125");
    flint_free(s);
    fmpq_set_si(q, -120, 1);
    s = kd_bp_probe_decimal(q);
    ck_assert_str_eq(s, "-120");
    flint_free(s);
    fmpq_zero(q);
    s = kd_bp_probe_decimal(q);
    ck_assert_str_eq(s, "0");
    flint_free(s);
    kd_real_clear(x);
    fmpq_clear(q);
    fmpq_clear(r);
    flint_randclear(st);
}
END_TEST

/* q -> the exact value of strtod's double for q's exact decimal. */
static void
strtod_ref(fmpq_t r, const fmpq_t q)
{
    char * s = kd_bp_probe_decimal(q);
    double d = strtod(s, NULL);
    arf_t a;
    arf_init(a);
    arf_set_d(a, d);
    arf_get_fmpq(r, a);
    arf_clear(a);
    flint_free(s);
}

/* The double rounding agrees with the C library's strtod on exact
   decimals; 1 + 2^-k survives for k <= 52 and becomes 1 from k = 53 (a tie,
   to even) on. */
START_TEST(test_round_double)
{
    flint_rand_t st;
    fmpq_mat_t A, y, Ad, yd;
    fmpq_t r;
    slong i, k;
    kd_test_randinit(st, 503);
    fmpq_mat_init(A, 3, 4);
    fmpq_mat_init(y, 3, 1);
    fmpq_mat_init(Ad, 0, 0);
    fmpq_mat_init(yd, 0, 0);
    fmpq_init(r);
    for (i = 0; i < 40; i++)
    {
        slong a, b;
        for (a = 0; a < 3; a++)
            for (b = 0; b < 5; b++)
            {
                fmpq * q = b < 4 ? fmpq_mat_entry(A, a, b) : fmpq_mat_entry(y, a, 0);
                fmpz_randtest(fmpq_numref(q), st, 120);
                fmpz_set_ui(fmpq_denref(q), 5);
                fmpz_pow_ui(fmpq_denref(q), fmpq_denref(q), n_randint(st, 30));
                fmpz_mul_2exp(fmpq_denref(q), fmpq_denref(q), n_randint(st, 90));
                fmpq_canonicalise(q);
            }
        kd_assert_ok(kd_bp_probe_round_double(Ad, yd, A, y));
        for (a = 0; a < 3; a++)
            for (b = 0; b < 5; b++)
            {
                const fmpq * q = b < 4 ? fmpq_mat_entry(A, a, b) : fmpq_mat_entry(y, a, 0);
                const fmpq * d = b < 4 ? fmpq_mat_entry(Ad, a, b) : fmpq_mat_entry(yd, a, 0);
                strtod_ref(r, q);
                ck_assert_msg(fmpq_equal(r, d), "seed %lu, i %ld, entry %ld %ld",
                              kd_test_seed(503), i, a, b);
            }
        /* aliasing */
        kd_assert_ok(kd_bp_probe_round_double(A, y, A, y));
        ck_assert(fmpq_mat_equal(A, Ad) && fmpq_mat_equal(y, yd));
    }
    for (k = 1; k <= 70; k++)
    {
        fmpq_mat_t B, z;
        fmpq_mat_init(B, 0, 0);
        fmpq_mat_init(z, 0, 1);
        kd_assert_ok(kd_bp_probe_instance(B, z, k));
        kd_assert_ok(kd_bp_probe_round_double(Ad, yd, B, z));
        if (k <= 52)
            ck_assert_msg(fmpq_mat_equal(Ad, B), "k = %ld", k);
        else
            ck_assert_msg(fmpq_is_one(fmpq_mat_entry(Ad, 0, 1)), "k = %ld", k);
        strtod_ref(r, fmpq_mat_entry(B, 0, 1));
        ck_assert(fmpq_equal(r, fmpq_mat_entry(Ad, 0, 1)));
        fmpq_mat_clear(B);
        fmpq_mat_clear(z);
    }
    /* outside the normal range */
    fmpq_mat_clear(A);
    fmpq_mat_init(A, 1, 1);
    fmpq_mat_clear(y);
    fmpq_mat_init(y, 1, 1);
    fmpz_one(fmpq_mat_entry_num(A, 0, 0));
    fmpz_mul_2exp(fmpq_mat_entry_den(A, 0, 0), fmpq_mat_entry_num(A, 0, 0), 1100);
    ck_assert_int_eq(kd_bp_probe_round_double(Ad, yd, A, y), KD_ERR_UNSUPPORTED);
    fmpq_inv(fmpq_mat_entry(A, 0, 0), fmpq_mat_entry(A, 0, 0));
    ck_assert_int_eq(kd_bp_probe_round_double(Ad, yd, A, y), KD_ERR_UNSUPPORTED);
    fmpq_clear(r);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    fmpq_mat_clear(Ad);
    fmpq_mat_clear(yd);
    flint_randclear(st);
}
END_TEST

/* The LP file: exact decimals as written, rows with other entries scaled
   to integers (an equivalent row), token lengths reported. */
START_TEST(test_write_lp)
{
    fmpq_mat_t A, y, As, ys;
    slong maxtok = 0, j;
    char * buf = NULL, * dec;
    size_t len = 0;
    FILE * f;
    fmpq_t ratio, t;
    fmpq_mat_init(A, 0, 0);
    fmpq_mat_init(y, 0, 1);
    fmpq_mat_init(As, 0, 0);
    fmpq_mat_init(ys, 0, 0);
    fmpq_init(ratio);
    fmpq_init(t);

    kd_assert_ok(kd_bp_probe_instance(A, y, 40));
    f = open_memstream(&buf, &len);
    kd_assert_ok(kd_bp_probe_write_lp(f, As, ys, &maxtok, A, y));
    fclose(f);
    ck_assert(fmpq_mat_equal(As, A) && fmpq_mat_equal(ys, y));
    ck_assert_int_eq(maxtok, 42);
    dec = kd_bp_probe_decimal(fmpq_mat_entry(A, 0, 1));
    ck_assert(strstr(buf, dec) != NULL);
    ck_assert(strstr(buf, "Minimize\n obj: u1 + v1 + u2 + v2\n") != NULL);
    ck_assert(strstr(buf, " c1: 1 u1 - 1 v1 + ") != NULL);
    ck_assert(strstr(buf, "v2 = 1\nEnd\n") != NULL);
    flint_free(dec);
    free(buf);
    buf = NULL;

    /* row 1 has 1/3: scaled by 6; row 2 stays decimal */
    fmpq_mat_clear(A);
    fmpq_mat_init(A, 2, 3);
    fmpq_mat_clear(y);
    fmpq_mat_init(y, 2, 1);
    fmpq_set_si(fmpq_mat_entry(A, 0, 0), 1, 3);
    fmpq_set_si(fmpq_mat_entry(A, 0, 1), -1, 2);
    fmpq_set_si(fmpq_mat_entry(A, 0, 2), 0, 1);
    fmpq_set_si(fmpq_mat_entry(y, 0, 0), 5, 1);
    fmpq_set_si(fmpq_mat_entry(A, 1, 0), 1, 8);
    fmpq_set_si(fmpq_mat_entry(A, 1, 1), 0, 1);
    fmpq_set_si(fmpq_mat_entry(A, 1, 2), -3, 1);
    fmpq_set_si(fmpq_mat_entry(y, 1, 0), -1, 4);
    f = open_memstream(&buf, &len);
    kd_assert_ok(kd_bp_probe_write_lp(f, As, ys, &maxtok, A, y));
    fclose(f);
    fmpq_div(ratio, fmpq_mat_entry(ys, 0, 0), fmpq_mat_entry(y, 0, 0));
    ck_assert(fmpq_sgn(ratio) > 0);
    for (j = 0; j < 3; j++)
    {
        ck_assert(fmpz_is_one(fmpq_mat_entry_den(As, 0, j)));
        fmpq_mul(t, fmpq_mat_entry(A, 0, j), ratio);
        ck_assert(fmpq_equal(t, fmpq_mat_entry(As, 0, j)));
        ck_assert(fmpq_equal(fmpq_mat_entry(As, 1, j), fmpq_mat_entry(A, 1, j)));
    }
    ck_assert(fmpq_equal(fmpq_mat_entry(ys, 1, 0), fmpq_mat_entry(y, 1, 0)));
    ck_assert(strstr(buf, " c1: 2 u1 - 2 v1 - 3 u2 + 3 v2 = 30\n") != NULL);
    ck_assert(strstr(buf, " c2: 0.125 u1 - 0.125 v1 - 3 u3 + 3 v3 = -0.25\n") != NULL);
    free(buf);

    /* sizes */
    fmpq_mat_clear(y);
    fmpq_mat_init(y, 3, 1);
    f = open_memstream(&buf, &len);
    ck_assert_int_eq(kd_bp_probe_write_lp(f, As, ys, &maxtok, A, y), KD_ERR_SIZE);
    fclose(f);
    free(buf);

    fmpq_clear(ratio);
    fmpq_clear(t);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    fmpq_mat_clear(As);
    fmpq_mat_clear(ys);
}
END_TEST

/* glpsol's solution files: x_j = u_j - v_j read exactly from decimals and
   exponents; the status line kept; bad files refused with the status the
   peer claimed still reported (it used to be read after being freed). */
START_TEST(test_parse_glpk)
{
    kd_bp_peer_result_t r;
    fmpq_t q;
    fmpq_init(q);
    kd_bp_peer_result_init(r, KD_BP_PEER_GLPK_SIMPLEX, 2);

    kd_bp_peer_parse(r, KD_BP_PEER_GLPK_SIMPLEX,
                     "c Problem:\nc Status:     OPTIMAL  \nc\ns bas 1 4 f f 1\n"
                     "j 1 b 1 0\nj 2 l 0 2\nj 3 b -1.25e-3 0\nj 4 l 0.5 2\ne o f\n", 2);
    ck_assert_int_eq(r->status, KD_BP_PEER_OK);
    ck_assert_str_eq(r->claim, "OPTIMAL");
    ck_assert(r->claimed_optimal);
    ck_assert(r->reason == NULL);
    ck_assert(fmpq_is_one(fmpq_mat_entry(&r->x, 0, 0)));
    fmpq_set_si(q, -401, 800);                  /* -1.25e-3 - 0.5, exactly */
    ck_assert(fmpq_equal(fmpq_mat_entry(&r->x, 1, 0), q));

    /* interior point: "j COL PRIM DUAL" */
    kd_bp_peer_parse(r, KD_BP_PEER_GLPK_INTERIOR,
                     "c Status:     FEASIBLE\ns ipt 1 4 f 1\nj 1 0.5 0\nj 2 0 1\nj 3 0.25 0\n"
                     "j 4 0 0\n", 2);
    ck_assert_int_eq(r->status, KD_BP_PEER_OK);
    ck_assert_str_eq(r->claim, "FEASIBLE");
    ck_assert(!r->claimed_optimal);
    fmpq_set_si(q, 1, 4);
    ck_assert(fmpq_equal(fmpq_mat_entry(&r->x, 1, 0), q));

    /* a column missing: FAILED, the claim kept */
    kd_bp_peer_parse(r, KD_BP_PEER_GLPK_EXACT, "c Status: OPTIMAL\ns bas 1 4 f f 1\nj 1 b 1 0\n", 2);
    ck_assert_int_eq(r->status, KD_BP_PEER_FAILED);
    ck_assert_str_eq(r->claim, "OPTIMAL");
    ck_assert_str_eq(r->reason, "glpsol's solution file does not list every column");
    kd_bp_peer_parse(r, KD_BP_PEER_GLPK_EXACT, "s bas 1 4 f f 1\n", 2);
    ck_assert_int_eq(r->status, KD_BP_PEER_FAILED);
    ck_assert_str_eq(r->claim, "(none)");

    /* an unreadable number, a column out of range */
    kd_bp_peer_parse(r, KD_BP_PEER_GLPK_EXACT, "c Status: OPTIMAL\ns bas 1 4 f f 1\nj 1 b one 0\n", 2);
    ck_assert_int_eq(r->status, KD_BP_PEER_FAILED);
    ck_assert_str_eq(r->claim, "unreadable solution");
    kd_bp_peer_parse(r, KD_BP_PEER_GLPK_EXACT, "s bas 1 4 f f 1\nj 5 b 1 0\n", 2);
    ck_assert_int_eq(r->status, KD_BP_PEER_FAILED);
    ck_assert_str_eq(r->claim, "unreadable solution");

    kd_bp_peer_result_clear(r);
    fmpq_clear(q);
}
END_TEST

/* esolver's solution files: exact p/q values; only an OPTIMAL claim gives
   an answer to judge. */
START_TEST(test_parse_esolver)
{
    kd_bp_peer_result_t r;
    fmpq_t q;
    fmpq_init(q);
    kd_bp_peer_result_init(r, KD_BP_PEER_ESOLVER, 3);

    kd_bp_peer_parse(r, KD_BP_PEER_ESOLVER, "status OPTIMAL\n\tValue = 5/7\nVARS:\nu2 = 1024/1025  \n"
                     "v3 = 6/4\nu3 = 1\nREDUCED COST:\nu1 = 1\n", 3);
    ck_assert_int_eq(r->status, KD_BP_PEER_OK);
    ck_assert_str_eq(r->claim, "OPTIMAL");
    ck_assert(fmpq_is_zero(fmpq_mat_entry(&r->x, 0, 0)));
    fmpq_set_si(q, 1024, 1025);
    ck_assert(fmpq_equal(fmpq_mat_entry(&r->x, 1, 0), q));
    fmpq_set_si(q, -1, 2);
    ck_assert(fmpq_equal(fmpq_mat_entry(&r->x, 2, 0), q));

    kd_bp_peer_parse(r, KD_BP_PEER_ESOLVER, "status INFEASIBLE\nVARS:\nu1 = 1\n", 3);
    ck_assert_int_eq(r->status, KD_BP_PEER_FAILED);
    ck_assert_str_eq(r->claim, "INFEASIBLE");
    ck_assert(r->reason == NULL);
    kd_bp_peer_parse(r, KD_BP_PEER_ESOLVER, "VARS:\nu1 = 1\n", 3);
    ck_assert_int_eq(r->status, KD_BP_PEER_FAILED);
    ck_assert_str_eq(r->reason, "esolver's solution file has no status line");
    kd_bp_peer_parse(r, KD_BP_PEER_ESOLVER, "status OPTIMAL\nVARS:\nu1 = 1.5\n", 3);
    ck_assert_str_eq(r->reason, "esolver printed a value that is not p/q");
    kd_bp_peer_parse(r, KD_BP_PEER_ESOLVER, "status OPTIMAL\nVARS:\nu4 = 1\n", 3);
    ck_assert_str_eq(r->reason, "esolver's solution file has an unexpected line");

    kd_bp_peer_result_clear(r);
    fmpq_clear(q);
}
END_TEST

/* The peer table, peer lists, a peer that is not installed. */
START_TEST(test_peers)
{
    unsigned set;
    kd_bp_peer p;
    kd_bp_peer_result_t r;
    char * path = getenv("PATH") ? strdup(getenv("PATH")) : NULL;

    ck_assert(kd_bp_peer_lookup(&p, "glpk-interior") && p == KD_BP_PEER_GLPK_INTERIOR);
    ck_assert(!kd_bp_peer_lookup(&p, "cplex"));
    ck_assert_str_eq(kd_bp_peer_package(KD_BP_PEER_ESOLVER), "qsopt-ex");
    ck_assert(kd_bp_peer_reads_double(KD_BP_PEER_GLPK_EXACT));
    ck_assert(!kd_bp_peer_reads_double(KD_BP_PEER_ESOLVER));
    kd_assert_ok(kd_bp_peer_set_from_str(&set, "esolver,,glpk-simplex,esolver"));
    ck_assert_uint_eq(set, KD_BP_PEER_BIT(KD_BP_PEER_ESOLVER) | KD_BP_PEER_BIT(KD_BP_PEER_GLPK_SIMPLEX));
    kd_assert_ok(kd_bp_peer_set_from_str(&set, "none"));
    ck_assert_uint_eq(set, 0);
    ck_assert_int_eq(kd_bp_peer_set_from_str(&set, "glpk-exact,cplex"), KD_ERR_ARG);
    ck_assert(strstr(kd_error_message(), "unknown peer 'cplex'") != NULL);

    setenv("PATH", "/nonexistent-kdigits-test", 1);
    kd_bp_peer_result_init(r, KD_BP_PEER_ESOLVER, 2);
    kd_bp_peer_run(r, KD_BP_PEER_ESOLVER, "/nonexistent-kdigits-test", "bp.lp", 2, 1.0);
    ck_assert_int_eq(r->status, KD_BP_PEER_SKIPPED);
    ck_assert_str_eq(r->claim, "skipped (install qsopt-ex)");
    ck_assert_str_eq(r->reason, "esolver not found on PATH");
    kd_bp_peer_result_clear(r);
    if (path != NULL)
        setenv("PATH", path, 1);
    free(path);
}
END_TEST

/* The probe without peers: the other vertex worse by exactly 1/(2^k + 1),
   the LP's coefficient a double up to k = 52 and rounded to 1 after. */
START_TEST(test_run)
{
    slong k = 40 + 20 * _i;
    kd_bp_probe_t P;
    kd_bp_probe_report_t R;
    fmpq_t q;
    fmpq_init(q);
    kd_bp_probe_init(P);
    kd_bp_probe_report_init(R);
    kd_assert_ok(kd_bp_probe_set_k(P, k));
    kd_assert_ok(kd_bp_probe_run(R, P, 0, 1.0, 128));
    ref_x2(q, k);                               /* 2^k / (2^k + 1) */
    fmpq_sub_si(q, q, 1);                       /* -1 / (2^k + 1) */
    fmpq_neg(q, q);
    ck_assert(fmpq_equal(&R->other_R.excess, q));
    ck_assert_int_eq(R->other_R.verdict, KD_BP_VERDICT_WRONG_VERTEX);
    ck_assert(R->rounded && R->have_double);
    ck_assert(fmpq_mat_equal(&R->As, &P->A));
    ck_assert_int_eq(R->maxtok, k + 2);        /* "1." and k digits */
    if (k <= 52)
        ck_assert(R->same_double);
    else
    {
        ck_assert(!R->same_double);
        ck_assert(fmpq_is_one(fmpq_mat_entry(&R->Ad, 0, 1)));
        ck_assert(R->Pd.bp.unique == KD_FALSE);
    }
    ck_assert_uint_eq(R->peers, 0);
    /* the JSON: x = (0, 2^k/(2^k + 1)) exactly, no peers, and the wrong
       vertex (1, 0) at a certified distance containing sqrt(1 + x2^2) */
    {
        json_t * j = kd_bp_probe_report_json(P, R, NULL, NULL), * jx;
        fmpq_t t;
        arb_t b, d;
        fmpq_init(t);
        arb_init(b);
        arb_init(d);
        ck_assert_ptr_nonnull(j);
        ck_assert_int_eq(json_integer_value(json_object_get(j, "k")), k);
        ck_assert_int_eq(json_array_size(json_object_get(j, "peers")), 0);
        jx = json_object_get(json_object_get(j, "exact"), "x");
        ck_assert_int_eq(json_array_size(jx), 2);
        ck_assert_int_eq(fmpq_set_str(t, json_string_value(json_array_get(jx, 0)), 10), 0);
        ck_assert(fmpq_is_zero(t));
        ck_assert_int_eq(fmpq_set_str(t, json_string_value(json_array_get(jx, 1)), 10), 0);
        ref_x2(q, k);
        ck_assert(fmpq_equal(t, q));
        ck_assert(json_is_true(json_object_get(json_object_get(j, "exact"), "unique")));
        fmpq_mul(t, q, q);
        fmpq_add_si(t, t, 1);
        arb_set_fmpq(d, t, 256);
        arb_sqrt(d, d, 256);
        kd_test_arb_set_json(b, json_object_get(json_object_get(json_object_get(j, "exact"),
                                                                "wrong_vertex"), "error"), 256);
        ck_assert(arb_contains(b, d));
        json_decref(j);
        fmpq_clear(t);
        arb_clear(b);
        arb_clear(d);
    }
    kd_bp_probe_report_clear(R);
    kd_bp_probe_clear(P);
    fmpq_clear(q);
}
END_TEST

/* Exact data to rationals; the verdict's name on a non-unique solution set. */
START_TEST(test_rational)
{
    kd_mat_t E;
    fmpq_mat_t M;
    kd_mat_init(E, 1, 2);
    fmpq_mat_init(M, 0, 0);
    kd_real_set_si(kd_mat_entry_re(E, 0, 0), 3);
    kd_real_set_si(kd_mat_entry_re(E, 0, 1), -7);
    kd_assert_ok(kd_bp_probe_rational(M, E));
    ck_assert(fmpz_equal_si(fmpq_mat_entry_num(M, 0, 1), -7));
    kd_real_set_si(kd_mat_entry_re(E, 0, 1), 2);
    kd_assert_ok(kd_real_sqrt(kd_mat_entry_re(E, 0, 1), kd_mat_entry_re(E, 0, 1)));
    ck_assert_int_eq(kd_bp_probe_rational(M, E), KD_ERR_ARG);
    ck_assert_str_eq(kd_error_message(), "entry (1, 2) is not a real rational");
    kd_mat_clear(E);
    fmpq_mat_clear(M);
}
END_TEST

Suite *
kd_suite_bpprobe(void)
{
    Suite * s = suite_create("bpprobe");
    TCase * tc = tcase_create("probe");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_closed_form, 0, 70);
    tcase_add_loop_test(tc, test_wrong_vertex, 0, 70);
    tcase_add_test(tc, test_bad_k);
    tcase_add_test(tc, test_near);
    tcase_add_test(tc, test_segment);
    tcase_add_test(tc, test_random_vertices);
    tcase_add_test(tc, test_decimal);
    tcase_add_test(tc, test_round_double);
    tcase_add_test(tc, test_write_lp);
    tcase_add_test(tc, test_parse_glpk);
    tcase_add_test(tc, test_parse_esolver);
    tcase_add_test(tc, test_peers);
    tcase_add_loop_test(tc, test_run, 0, 2);
    tcase_add_test(tc, test_rational);
    suite_add_tcase(s, tc);
    return s;
}
