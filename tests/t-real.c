/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for exact reals: constructors, folding, the oracle contract
   against independent high-precision Arb references, and the error paths. */
#include <string.h>
#include <time.h>
#include "testutil.h"

static const slong levels[] = {0, 1, 10, 53, 100, 300, 1000};
#define NLEVELS ((slong) (sizeof levels / sizeof levels[0]))

/* r = pi * p / q, computed without arb_*_pi_fmpq. */
static void
ref_pi_frac(arb_t r, const fmpq_t c, slong prec)
{
    arb_const_pi(r, prec);
    arb_mul_fmpz(r, r, fmpq_numref(c), prec);
    arb_div_fmpz(r, r, fmpq_denref(c), prec);
}

static void
ref_cos_pi(arb_t r, const fmpq_t c, slong prec)
{
    ref_pi_frac(r, c, prec + 20);
    arb_cos(r, r, prec);
}

static void
ref_sin_pi(arb_t r, const fmpq_t c, slong prec)
{
    ref_pi_frac(r, c, prec + 20);
    arb_sin(r, r, prec);
}

/* Checks the oracle contract of kd_real_approx(x, n) against a reference
   ball ref containing x: q dyadic, err <= 2^-n, |q - x| <= 2^-n proved,
   |q - x| <= err not refuted, exact dyadics exact (exact: the value when the
   caller knows it is rational, else NULL), otherwise q on the 2^-(n+1) grid. */
static void
check_approx(const kd_real_t x, const arb_t ref, const fmpq_t exact, slong n,
             const char * tag, ulong seed)
{
    fmpq_t q, v;
    mag_t err;
    arb_t Q, d;
    arf_t ub, lb, e;
    kd_status st;
    int rational;

    fmpq_init(q);
    fmpq_init(v);
    mag_init(err);
    arb_init(Q);
    arb_init(d);
    arf_init(ub);
    arf_init(lb);
    arf_init(e);

    st = kd_real_approx(q, err, x, n, 0);
    ck_assert_msg(st == KD_OK, "%s n=%ld seed=%lu: %s: %s", tag, n, seed,
                  kd_status_name(st), kd_error_message());
    ck_assert_msg(mag_cmp_2exp_si(arb_radref(ref), -n - 8) <= 0,
                  "%s n=%ld seed=%lu: reference too coarse", tag, n, seed);
    ck_assert_msg(kd_test_fmpq_is_dyadic(q), "%s n=%ld seed=%lu: q not dyadic", tag, n, seed);
    ck_assert_msg(mag_cmp_2exp_si(err, -n) <= 0, "%s n=%ld seed=%lu: err > 2^-n", tag, n, seed);

    kd_test_arb_set_dyadic(Q, q);
    arb_sub(d, Q, ref, 2 * KD_TEST_REF_PREC(n));
    arb_get_abs_ubound_arf(ub, d, 64);
    ck_assert_msg(arf_cmp_2exp_si(ub, -n) <= 0,
                  "%s n=%ld seed=%lu: |q - x| <= 2^-n not proved", tag, n, seed);
    arb_get_abs_lbound_arf(lb, d, 64);
    arf_set_mag(e, err);
    ck_assert_msg(arf_cmp(lb, e) <= 0,
                  "%s n=%ld seed=%lu: err below the true error", tag, n, seed);

    rational = kd_real_get_fmpq(v, x);
    if (exact != NULL)
    {
        ck_assert_msg(rational && fmpq_equal(v, exact),
                      "%s n=%ld seed=%lu: rational value not folded", tag, n, seed);
    }
    if (rational)
        ck_assert_msg(arb_contains_fmpq(ref, v),
                      "%s n=%ld seed=%lu: folded rational is wrong", tag, n, seed);
    if (rational && kd_test_fmpq_is_dyadic(v))
        ck_assert_msg(fmpq_equal(q, v) && mag_is_zero(err),
                      "%s n=%ld seed=%lu: exact dyadic not returned exactly", tag, n, seed);
    else
        ck_assert_msg((slong) fmpz_val2(fmpq_denref(q)) <= n + 1,
                      "%s n=%ld seed=%lu: q off the 2^-(n+1) grid", tag, n, seed);

    fmpq_clear(q);
    fmpq_clear(v);
    mag_clear(err);
    arb_clear(Q);
    arb_clear(d);
    arf_clear(ub);
    arf_clear(lb);
    arf_clear(e);
}

/* kd_real_enclose: radius <= 2^-n and consistent with the reference. */
static void
check_enclose(const kd_real_t x, const arb_t ref, slong n, const char * tag, ulong seed)
{
    arb_t b;
    kd_status st;
    arb_init(b);
    st = kd_real_enclose(b, x, n, 0);
    ck_assert_msg(st == KD_OK, "%s n=%ld seed=%lu: %s", tag, n, seed, kd_error_message());
    ck_assert_msg(mag_cmp_2exp_si(arb_radref(b), -n) <= 0,
                  "%s n=%ld seed=%lu: enclosure radius > 2^-n", tag, n, seed);
    ck_assert_msg(arb_overlaps(b, ref), "%s n=%ld seed=%lu: enclosure misses x", tag, n, seed);
    arb_clear(b);
}

/* If q >= 0 is the square of a rational, sets v to its root and returns 1. */
static int
fmpq_sqrt_exact(fmpq_t v, const fmpq_t q)
{
    fmpz_t r1, r2, s1, s2;
    int ok;
    fmpz_init(r1);
    fmpz_init(r2);
    fmpz_init(s1);
    fmpz_init(s2);
    fmpz_sqrtrem(s1, r1, fmpq_numref(q));
    fmpz_sqrtrem(s2, r2, fmpq_denref(q));
    ok = fmpz_is_zero(r1) && fmpz_is_zero(r2);
    if (ok)
        fmpq_set_fmpz_frac(v, s1, s2);
    fmpz_clear(r1);
    fmpz_clear(r2);
    fmpz_clear(s1);
    fmpz_clear(s2);
    return ok;
}

/* Random expression tree, built twice in parallel: as a kd_real_t x and as a
   direct Arb evaluation ref at precision prec. *rat says whether the value is
   known to be the rational v (tracked with fmpq arithmetic, independently of
   the library's folding). */
static void
gen_tree(kd_real_t x, arb_t ref, fmpq_t v, int * rat, flint_rand_t state,
         int depth, slong prec)
{
    fmpq_t c;
    fmpq_init(c);

    if (depth == 0 || n_randint(state, 4) == 0)
    {
        slong p = (slong) n_randint(state, 61) - 30;
        slong q = 1 + (slong) n_randint(state, 12);
        slong e;
        fmpq_set_si(c, p, q);
        switch (n_randint(state, 6))
        {
            case 0:
                kd_assert_ok(kd_real_set_si_si(x, p, q));
                arb_set_fmpq(ref, c, prec);
                fmpq_set(v, c);
                *rat = 1;
                break;
            case 1:
                e = (slong) n_randint(state, 61) - 30;
                kd_real_set_2exp(x, e);
                arb_one(ref);
                arb_mul_2exp_si(ref, ref, e);
                fmpq_one(v);
                if (e >= 0)
                    fmpq_mul_2exp(v, v, e);
                else
                    fmpq_div_2exp(v, v, -e);
                *rat = 1;
                break;
            case 2:
                kd_real_pi(x);
                arb_const_pi(ref, prec);
                *rat = 0;
                break;
            case 3:
            {
                kd_real_t t;
                fmpq_abs(c, c);
                kd_real_init(t);
                kd_real_set_fmpq(t, c);
                kd_assert_ok(kd_real_sqrt(x, t));
                kd_real_clear(t);
                arb_set_fmpq(ref, c, prec + 10);
                arb_sqrt(ref, ref, prec);
                *rat = fmpq_sqrt_exact(v, c);
                break;
            }
            case 4:
                kd_real_cos_pi_fmpq(x, c);
                ref_cos_pi(ref, c, prec);
                *rat = 0;
                break;
            default:
                kd_real_sin_pi_fmpq(x, c);
                ref_sin_pi(ref, c, prec);
                *rat = 0;
                break;
        }
    }
    else
    {
        kd_real_t a, b;
        arb_t ra, rb;
        fmpq_t va, vb;
        int rata, ratb;
        ulong op = n_randint(state, 8);
        slong e;

        kd_real_init(a);
        kd_real_init(b);
        arb_init(ra);
        arb_init(rb);
        fmpq_init(va);
        fmpq_init(vb);
        gen_tree(a, ra, va, &rata, state, depth - 1, prec);
        gen_tree(b, rb, vb, &ratb, state, depth - 1, prec);
        if (op == 3 && arb_contains_zero(rb))
            op = 2;
        if (op == 6 && arb_contains_zero(ra))
            op = 0;
        switch (op)
        {
            case 0:
                kd_real_add(x, a, b);
                arb_add(ref, ra, rb, prec);
                fmpq_add(v, va, vb);
                *rat = rata && ratb;
                break;
            case 1:
                kd_real_sub(x, a, b);
                arb_sub(ref, ra, rb, prec);
                fmpq_sub(v, va, vb);
                *rat = rata && ratb;
                break;
            case 2:
                kd_real_mul(x, a, b);
                arb_mul(ref, ra, rb, prec);
                fmpq_mul(v, va, vb);
                *rat = rata && ratb;
                break;
            case 3:
                kd_assert_ok(kd_real_div(x, a, b));
                arb_div(ref, ra, rb, prec);
                *rat = rata && ratb;
                if (*rat)
                    fmpq_div(v, va, vb);
                break;
            case 4:
                kd_real_neg(x, a);
                arb_neg(ref, ra);
                fmpq_neg(v, va);
                *rat = rata;
                break;
            case 5:
                e = (slong) n_randint(state, 8) - 3;
                if (e < 0 && arb_contains_zero(ra))
                    e = -e;
                kd_assert_ok(kd_real_pow_si(x, a, e));
                {
                    fmpz_t E;
                    fmpz_init_set_si(E, e);
                    arb_pow_fmpz(ref, ra, E, prec);
                    fmpz_clear(E);
                }
                *rat = rata;
                if (*rat)
                    fmpq_pow_si(v, va, e);
                break;
            case 6:
                /* sqrt of |a|: negate a first when it is negative */
                if (arb_is_negative(ra))
                {
                    kd_real_neg(a, a);
                    arb_neg(ra, ra);
                    fmpq_neg(va, va);
                }
                kd_assert_ok(kd_real_sqrt(x, a));
                arb_sqrt(ref, ra, prec);
                *rat = rata && fmpq_sqrt_exact(v, va);
                break;
            default:
                fmpq_set_si(c, (slong) n_randint(state, 41) - 20, 1 + n_randint(state, 9));
                kd_real_mul_fmpq(x, a, c);
                arb_mul_fmpz(ref, ra, fmpq_numref(c), prec);
                arb_div_fmpz(ref, ref, fmpq_denref(c), prec);
                fmpq_mul(v, va, c);
                *rat = rata;
                break;
        }
        kd_real_clear(a);
        kd_real_clear(b);
        arb_clear(ra);
        arb_clear(rb);
        fmpq_clear(va);
        fmpq_clear(vb);
    }
    fmpq_clear(c);
}

START_TEST(test_set_si_fmpz_fmpq)
{
    static const slong vals[] = {0, 1, -1, 7, -123456789, WORD_MAX, WORD_MIN};
    kd_real_t x;
    fmpq_t q, w;
    fmpz_t z;
    mag_t err;
    flint_rand_t state;
    slong i, n;

    kd_real_init(x);
    fmpq_init(q);
    fmpq_init(w);
    fmpz_init(z);
    mag_init(err);
    kd_test_randinit(state, 1);

    /* kd_real_init gives exactly 0 */
    ck_assert(kd_real_is_zero(x) && kd_real_get_fmpq(q, x) && fmpq_is_zero(q));

    for (i = 0; i < (slong) (sizeof vals / sizeof vals[0]); i++)
    {
        kd_real_set_si(x, vals[i]);
        fmpz_set_si(z, vals[i]);
        ck_assert(kd_real_get_fmpq(q, x));
        ck_assert(fmpz_equal(fmpq_numref(q), z) && fmpz_is_one(fmpq_denref(q)));
        ck_assert(kd_real_is_dyadic(x));
        ck_assert(kd_real_is_zero(x) == (vals[i] == 0));
        kd_assert_ok(kd_real_approx(w, err, x, 0, 0));
        ck_assert(fmpq_equal(w, q) && mag_is_zero(err));
    }
    kd_real_one(x);
    ck_assert(kd_real_get_fmpq(q, x) && fmpq_is_one(q));
    kd_real_zero(x);
    ck_assert(kd_real_is_zero(x));

    for (i = 0; i < 200; i++)
    {
        fmpq_randtest(w, state, 200);
        kd_real_set_fmpq(x, w);
        ck_assert_msg(kd_real_get_fmpq(q, x) && fmpq_equal(q, w), "seed %lu", kd_test_seed(1));
        ck_assert(kd_real_is_dyadic(x) == kd_test_fmpq_is_dyadic(w));
        kd_real_set_fmpz(x, fmpq_numref(w));
        ck_assert(kd_real_get_fmpq(q, x) && fmpz_equal(fmpq_numref(q), fmpq_numref(w))
                  && fmpz_is_one(fmpq_denref(q)));
    }

    /* a rational is answered by rounding: check exactly with fmpq */
    for (i = 0; i < 200; i++)
    {
        fmpq_t d, e;
        arf_t t;
        fmpq_init(d);
        fmpq_init(e);
        arf_init(t);
        fmpq_randtest_not_zero(w, state, 100);
        kd_real_set_fmpq(x, w);
        n = n_randint(state, 400);
        kd_assert_ok(kd_real_approx(q, err, x, n, 0));
        ck_assert(kd_test_fmpq_is_dyadic(q));
        fmpq_sub(d, q, w);
        fmpq_abs(d, d);
        arf_set_mag(t, err);
        arf_get_fmpq(e, t);
        ck_assert_msg(fmpq_cmp(d, e) <= 0, "err < |q - x|, seed %lu", kd_test_seed(1));
        fmpq_mul_2exp(e, e, n);
        ck_assert_msg(fmpz_cmp(fmpq_numref(e), fmpq_denref(e)) <= 0,
                      "err > 2^-n for a rational, seed %lu", kd_test_seed(1));
        if (kd_test_fmpq_is_dyadic(w))
            ck_assert(fmpq_equal(q, w) && mag_is_zero(err));
        else
            ck_assert((slong) fmpz_val2(fmpq_denref(q)) <= n + 1);
        fmpq_clear(d);
        fmpq_clear(e);
        arf_clear(t);
    }

    flint_randclear(state);
    kd_real_clear(x);
    fmpq_clear(q);
    fmpq_clear(w);
    fmpz_clear(z);
    mag_clear(err);
}
END_TEST

START_TEST(test_set_si_si)
{
    kd_real_t x;
    fmpq_t q;
    fmpz_t z;
    kd_status st;

    kd_real_init(x);
    fmpq_init(q);
    fmpz_init(z);

    st = kd_real_set_si_si(x, 1, 0);
    ck_assert_int_eq(st, KD_ERR_DOMAIN);
    ck_assert(strlen(kd_error_message()) > 0);
    st = kd_real_set_si_si(x, 0, 0);
    ck_assert_int_eq(st, KD_ERR_DOMAIN);

    kd_assert_ok(kd_real_set_si_si(x, 6, -4));
    ck_assert(kd_real_get_fmpq(q, x));
    ck_assert(fmpz_equal_si(fmpq_numref(q), -3) && fmpz_equal_si(fmpq_denref(q), 2));

    kd_assert_ok(kd_real_set_si_si(x, 0, -7));
    ck_assert(kd_real_is_zero(x));

    /* WORD_MIN / -1 = 2^(FLINT_BITS - 1) does not fit a slong */
    kd_assert_ok(kd_real_set_si_si(x, WORD_MIN, -1));
    ck_assert(kd_real_get_fmpq(q, x));
    fmpz_one(z);
    fmpz_mul_2exp(z, z, FLINT_BITS - 1);
    ck_assert(fmpz_equal(fmpq_numref(q), z) && fmpz_is_one(fmpq_denref(q)));

    kd_assert_ok(kd_real_set_si_si(x, WORD_MAX, WORD_MIN));
    ck_assert(kd_real_get_fmpq(q, x));
    ck_assert(fmpz_sgn(fmpq_numref(q)) < 0 && fmpz_sgn(fmpq_denref(q)) > 0);
    ck_assert(fmpz_equal(fmpq_denref(q), z));     /* 2^(FLINT_BITS - 1) */
    fmpz_sub_ui(z, z, 1);
    ck_assert(fmpz_equal(fmpq_numref(q), z) == 0);
    fmpz_neg(z, z);
    ck_assert(fmpz_equal(fmpq_numref(q), z));     /* -(2^(FLINT_BITS - 1) - 1) */

    kd_real_clear(x);
    fmpq_clear(q);
    fmpz_clear(z);
}
END_TEST

START_TEST(test_set_2exp)
{
    static const slong exps[] = {-1000, -64, -63, -1, 0, 1, 62, 63, 64, 1000};
    kd_real_t x;
    fmpq_t q, w;
    mag_t err;
    slong i;

    kd_real_init(x);
    fmpq_init(q);
    fmpq_init(w);
    mag_init(err);
    for (i = 0; i < (slong) (sizeof exps / sizeof exps[0]); i++)
    {
        slong e = exps[i];
        kd_real_set_2exp(x, e);
        fmpz_one(fmpq_numref(w));
        fmpz_one(fmpq_denref(w));
        fmpz_ui_pow_ui(e >= 0 ? fmpq_numref(w) : fmpq_denref(w), 2, e >= 0 ? e : -e);
        ck_assert_msg(kd_real_get_fmpq(q, x) && fmpq_equal(q, w), "2^%ld", e);
        ck_assert(kd_real_is_dyadic(x));
        /* exact dyadic input comes back exactly, even at level 0 */
        kd_assert_ok(kd_real_approx(q, err, x, 0, 0));
        ck_assert_msg(fmpq_equal(q, w) && mag_is_zero(err), "2^%ld at level 0", e);
        kd_assert_ok(kd_real_approx(q, err, x, 777, 0));
        ck_assert(fmpq_equal(q, w) && mag_is_zero(err));
    }
    kd_real_clear(x);
    fmpq_clear(q);
    fmpq_clear(w);
    mag_clear(err);
}
END_TEST

/* Expected value of a decimal literal built digit by digit. */
static void
decimal_value(fmpq_t q, const char * s)
{
    fmpz_t num, den, ten;
    slong fraclen = 0, e = 0, i = 0;
    int neg = 0, in_frac = 0, eneg = 0;

    fmpz_init(num);
    fmpz_init(den);
    fmpz_init_set_ui(ten, 10);
    if (s[i] == '-' || s[i] == '+')
        neg = (s[i++] == '-');
    for (; s[i] != '\0' && s[i] != 'e' && s[i] != 'E'; i++)
    {
        if (s[i] == '.')
        {
            in_frac = 1;
            continue;
        }
        fmpz_mul_ui(num, num, 10);
        fmpz_add_ui(num, num, (ulong) (s[i] - '0'));
        fraclen += in_frac;
    }
    if (s[i] != '\0')
    {
        i++;
        if (s[i] == '-' || s[i] == '+')
            eneg = (s[i++] == '-');
        for (; s[i] != '\0'; i++)
            e = 10 * e + (s[i] - '0');
        if (eneg)
            e = -e;
    }
    e -= fraclen;
    fmpz_one(den);
    if (e >= 0)
    {
        fmpz_pow_ui(ten, ten, e);
        fmpz_mul(num, num, ten);
    }
    else
        fmpz_pow_ui(den, ten, -e);
    if (neg)
        fmpz_neg(num, num);
    fmpq_set_fmpz_frac(q, num, den);
    fmpz_clear(num);
    fmpz_clear(den);
    fmpz_clear(ten);
}

START_TEST(test_set_decimal)
{
    static const struct { const char * s; slong p, q; } good[] = {
        {"0.1", 1, 10}, {"2.5e-3", 1, 400}, {"-2.5e-3", -1, 400}, {"-0.25", -1, 4},
        {"+3", 3, 1}, {"1E2", 100, 1}, {"007", 7, 1}, {"0", 0, 1}, {"-0", 0, 1},
        {"12.50", 25, 2}, {"1e+2", 100, 1}, {"5e-0", 5, 1}, {"0.000", 0, 1},
        {"3.14159", 314159, 100000}, {"6e-1", 3, 5}};
    static const char * bad[] = {"1e", ".", "1.2.3", "", "0x10", "-", "+", "1e+",
        "1e-", " 1", "1 ", "nan", "inf", "NaN", "--1", "1,5", "e5", "1e5.5", "1/2",
        "\xc2\xbd", "1\xc2\xa0"};
    kd_real_t x;
    fmpq_t q, w;
    flint_rand_t state;
    char buf[128];
    slong i;
    kd_status st;

    kd_real_init(x);
    fmpq_init(q);
    fmpq_init(w);
    kd_test_randinit(state, 2);

    for (i = 0; i < (slong) (sizeof good / sizeof good[0]); i++)
    {
        st = kd_real_set_decimal(x, good[i].s);
        ck_assert_msg(st == KD_OK, "\"%s\": %s", good[i].s, kd_error_message());
        fmpq_set_si(w, good[i].p, good[i].q);
        ck_assert_msg(kd_real_get_fmpq(q, x) && fmpq_equal(q, w), "\"%s\" is not %ld/%ld",
                      good[i].s, good[i].p, good[i].q);
    }

    for (i = 0; i < (slong) (sizeof bad / sizeof bad[0]); i++)
    {
        kd_real_set_si(x, 42);
        st = kd_real_set_decimal(x, bad[i]);
        ck_assert_msg(st == KD_ERR_PARSE, "\"%s\" gave %s", bad[i], kd_status_name(st));
        ck_assert_msg(strstr(kd_error_message(), "column") != NULL,
                      "\"%s\": message without a column: %s", bad[i], kd_error_message());
        /* a failed parse leaves the value alone */
        ck_assert(kd_real_get_fmpq(q, x) && fmpz_equal_si(fmpq_numref(q), 42));
    }

    /* absurd exponents are refused, not computed */
    st = kd_real_set_decimal(x, "1e1000001");
    ck_assert_msg(st == KD_ERR_ARG, "1e1000001 gave %s", kd_status_name(st));
    st = kd_real_set_decimal(x, "1e-99999999999999999999999");
    ck_assert_msg(st == KD_ERR_ARG, "1e-999... gave %s", kd_status_name(st));
    st = kd_real_set_decimal(x, "-7e1000000000");
    ck_assert_msg(st == KD_ERR_ARG, "-7e1000000000 gave %s", kd_status_name(st));
    /* the largest allowed exponent is exact */
    kd_assert_ok(kd_real_set_decimal(x, "3e-1000000"));
    decimal_value(w, "3e-1000000");
    ck_assert(kd_real_get_fmpq(q, x) && fmpq_equal(q, w));

    /* random literals against a digit-by-digit reference */
    for (i = 0; i < 500; i++)
    {
        slong k = 0, j, nint = n_randint(state, 25), nfrac = n_randint(state, 25);
        if (n_randint(state, 3) == 0)
            buf[k++] = n_randint(state, 2) ? '-' : '+';
        if (nint == 0 && nfrac == 0)
            nint = 1;
        for (j = 0; j < nint; j++)
            buf[k++] = '0' + n_randint(state, 10);
        if (nfrac > 0 || n_randint(state, 4) == 0)
        {
            buf[k++] = '.';
            if (nint == 0 && nfrac == 0)
                nfrac = 1;
            for (j = 0; j < nfrac; j++)
                buf[k++] = '0' + n_randint(state, 10);
        }
        if (n_randint(state, 2))
        {
            buf[k++] = n_randint(state, 2) ? 'e' : 'E';
            if (n_randint(state, 2))
                buf[k++] = n_randint(state, 2) ? '-' : '+';
            k += snprintf(buf + k, sizeof buf - k, "%lu", n_randint(state, 60));
        }
        buf[k] = '\0';
        st = kd_real_set_decimal(x, buf);
        ck_assert_msg(st == KD_OK, "\"%s\": %s (seed %lu)", buf, kd_error_message(),
                      kd_test_seed(2));
        decimal_value(w, buf);
        ck_assert_msg(kd_real_get_fmpq(q, x) && fmpq_equal(q, w), "\"%s\" (seed %lu)",
                      buf, kd_test_seed(2));
    }

    flint_randclear(state);
    kd_real_clear(x);
    fmpq_clear(q);
    fmpq_clear(w);
}
END_TEST

START_TEST(test_fold_rational)
{
    kd_real_t x, y, z;
    fmpq_t a, b, r, w;
    flint_rand_t state;
    slong i, e;

    kd_real_init(x);
    kd_real_init(y);
    kd_real_init(z);
    fmpq_init(a);
    fmpq_init(b);
    fmpq_init(r);
    fmpq_init(w);
    kd_test_randinit(state, 3);

#define KD_CHECK_RAT(expr) \
    ck_assert_msg(kd_real_is_fmpq(z) && kd_real_get_fmpq(w, z) && fmpq_equal(w, r), \
                  "%s not folded (seed %lu)", expr, kd_test_seed(3))

    for (i = 0; i < 300; i++)
    {
        fmpq_randtest(a, state, 80);
        fmpq_randtest_not_zero(b, state, 80);
        kd_real_set_fmpq(x, a);
        kd_real_set_fmpq(y, b);
        kd_real_add(z, x, y);
        fmpq_add(r, a, b);
        KD_CHECK_RAT("a + b");
        kd_real_sub(z, x, y);
        fmpq_sub(r, a, b);
        KD_CHECK_RAT("a - b");
        kd_real_mul(z, x, y);
        fmpq_mul(r, a, b);
        KD_CHECK_RAT("a * b");
        kd_assert_ok(kd_real_div(z, x, y));
        fmpq_div(r, a, b);
        KD_CHECK_RAT("a / b");
        kd_real_neg(z, x);
        fmpq_neg(r, a);
        KD_CHECK_RAT("-a");
        kd_real_mul_fmpq(z, x, b);
        fmpq_mul(r, a, b);
        KD_CHECK_RAT("a * fmpq b");
        e = (slong) n_randint(state, 11) - 5;
        kd_assert_ok(kd_real_pow_si(z, y, e));
        fmpq_pow_si(r, b, e);
        KD_CHECK_RAT("b^e");
        /* aliasing: z = z op z */
        kd_real_set(z, y);
        kd_real_add(z, z, z);
        fmpq_add(r, b, b);
        KD_CHECK_RAT("b + b aliased");
        kd_real_set(z, y);
        kd_assert_ok(kd_real_div(z, z, z));
        fmpq_one(r);
        KD_CHECK_RAT("b / b aliased");
        /* sqrt of a square */
        fmpq_mul(r, b, b);
        kd_real_set_fmpq(x, r);
        kd_assert_ok(kd_real_sqrt(z, x));
        fmpq_abs(r, b);
        KD_CHECK_RAT("sqrt(b^2)");
    }
#undef KD_CHECK_RAT

    /* division by an exact zero, 0^-k, sqrt of a negative rational: at once */
    kd_real_zero(y);
    kd_real_set_si(x, 3);
    kd_real_set_si(z, 5);
    ck_assert_int_eq(kd_real_div(z, x, y), KD_ERR_DOMAIN);
    ck_assert(kd_real_get_fmpq(w, z) && fmpz_equal_si(fmpq_numref(w), 5));
    kd_real_sub(y, x, x);
    ck_assert(kd_real_is_zero(y));
    ck_assert_int_eq(kd_real_div(z, x, y), KD_ERR_DOMAIN);
    ck_assert_int_eq(kd_real_pow_si(z, y, -1), KD_ERR_DOMAIN);
    kd_assert_ok(kd_real_pow_si(z, y, 0));
    ck_assert(kd_real_get_fmpq(w, z) && fmpq_is_one(w));
    kd_assert_ok(kd_real_set_si_si(x, -1, 3));
    ck_assert_int_eq(kd_real_sqrt(z, x), KD_ERR_DOMAIN);
    ck_assert(strlen(kd_error_message()) > 0);

    flint_randclear(state);
    kd_real_clear(x);
    kd_real_clear(y);
    kd_real_clear(z);
    fmpq_clear(a);
    fmpq_clear(b);
    fmpq_clear(r);
    fmpq_clear(w);
}
END_TEST

START_TEST(test_fold_sqrt)
{
    kd_real_t x, y, z;
    fmpq_t w;
    arb_t ref;

    kd_real_init(x);
    kd_real_init(y);
    kd_real_init(z);
    fmpq_init(w);
    arb_init(ref);

    kd_assert_ok(kd_real_set_si_si(x, 9, 4));
    kd_assert_ok(kd_real_sqrt(y, x));
    ck_assert(kd_real_get_fmpq(w, y));
    ck_assert(fmpz_equal_si(fmpq_numref(w), 3) && fmpz_equal_si(fmpq_denref(w), 2));

    kd_assert_ok(kd_real_set_si_si(x, 8, 18));
    kd_assert_ok(kd_real_sqrt(y, x));
    ck_assert(kd_real_get_fmpq(w, y));
    ck_assert(fmpz_equal_si(fmpq_numref(w), 2) && fmpz_equal_si(fmpq_denref(w), 3));

    kd_real_zero(x);
    kd_assert_ok(kd_real_sqrt(y, x));
    ck_assert(kd_real_is_zero(y));

    /* sqrt(2) is not rational, but sqrt(2)^2 = 2 and sqrt(2/3)^-4 = 9/4 */
    kd_real_set_si(x, 2);
    kd_assert_ok(kd_real_sqrt(y, x));
    ck_assert(!kd_real_is_fmpq(y) && !kd_real_is_dyadic(y));
    kd_assert_ok(kd_real_pow_si(z, y, 2));
    ck_assert(kd_real_get_fmpq(w, z) && fmpz_equal_si(fmpq_numref(w), 2)
              && fmpz_is_one(fmpq_denref(w)));
    kd_assert_ok(kd_real_set_si_si(x, 2, 3));
    kd_assert_ok(kd_real_sqrt(y, x));
    kd_assert_ok(kd_real_pow_si(z, y, -4));
    ck_assert(kd_real_get_fmpq(w, z) && fmpz_equal_si(fmpq_numref(w), 9)
              && fmpz_equal_si(fmpq_denref(w), 4));

    /* odd powers are not rational: sqrt(2/3)^3 against Arb */
    kd_assert_ok(kd_real_pow_si(z, y, 3));
    ck_assert(!kd_real_is_fmpq(z));
    arb_set_si(ref, 2);
    arb_div_si(ref, ref, 3, 2000);
    arb_sqrt(ref, ref, 2000);
    arb_pow_ui(ref, ref, 3, 2000);
    check_approx(z, ref, NULL, 300, "sqrt(2/3)^3", 0);
    kd_assert_ok(kd_real_pow_si(z, y, -3));
    arb_inv(ref, ref, 2000);
    check_approx(z, ref, NULL, 300, "sqrt(2/3)^-3", 0);

    kd_real_clear(x);
    kd_real_clear(y);
    kd_real_clear(z);
    fmpq_clear(w);
    arb_clear(ref);
}
END_TEST

/* By Niven's theorem the rational values of cos(pi q) are 0, ±1/2, ±1; a
   folded value must be right and an unfolded one must be none of them. */
static void
check_niven(const kd_real_t x, const arb_t ref, const fmpq_t c, const char * f)
{
    fmpq_t v, r;
    slong k;
    fmpq_init(v);
    fmpq_init(r);
    if (kd_real_get_fmpq(v, x))
        ck_assert_msg(arb_contains_fmpq(ref, v), "%s(%ld/%ld) folded to a wrong value", f,
                      fmpz_get_si(fmpq_numref(c)), fmpz_get_si(fmpq_denref(c)));
    else
        for (k = -2; k <= 2; k++)
        {
            fmpq_set_si(r, k, 2);
            ck_assert_msg(!arb_contains_fmpq(ref, r), "%s(%ld/%ld) = %ld/2 not folded", f,
                          fmpz_get_si(fmpq_numref(c)), fmpz_get_si(fmpq_denref(c)), k);
        }
    fmpq_clear(v);
    fmpq_clear(r);
}

START_TEST(test_fold_niven)
{
    kd_real_t x;
    fmpq_t c, w;
    arb_t ref;
    slong p, d;

    kd_real_init(x);
    fmpq_init(c);
    fmpq_init(w);
    arb_init(ref);

    for (d = 1; d <= 24; d++)
        for (p = -3 * d; p <= 3 * d; p++)
        {
            fmpq_set_si(c, p, d);
            kd_real_cos_pi_fmpq(x, c);
            ref_cos_pi(ref, c, 256);
            check_niven(x, ref, c, "cos_pi");
            if (!kd_real_is_fmpq(x))
                check_approx(x, ref, NULL, 100, "cos_pi", 0);
            kd_real_sin_pi_fmpq(x, c);
            ref_sin_pi(ref, c, 256);
            check_niven(x, ref, c, "sin_pi");
            if (!kd_real_is_fmpq(x))
                check_approx(x, ref, NULL, 100, "sin_pi", 0);
        }

    /* the named cases */
    fmpq_set_si(c, 1, 3);
    kd_real_cos_pi_fmpq(x, c);
    fmpq_set_si(w, 1, 2);
    ck_assert(kd_real_get_fmpq(c, x) && fmpq_equal(c, w));
    fmpq_set_si(c, 1, 6);
    kd_real_sin_pi_fmpq(x, c);
    ck_assert(kd_real_get_fmpq(c, x) && fmpq_equal(c, w));
    fmpq_set_si(c, 1, 2);
    kd_real_cos_pi_fmpq(x, c);
    ck_assert(kd_real_is_zero(x));
    fmpq_set_si(c, 7, 6);
    kd_real_sin_pi_fmpq(x, c);
    fmpq_set_si(w, -1, 2);
    ck_assert(kd_real_get_fmpq(c, x) && fmpq_equal(c, w));

    /* a huge argument: cos(pi (3 10^20 + 1)/3) = cos(pi/3 + 10^20 pi) = 1/2 */
    fmpz_set_ui(fmpq_numref(c), 10);
    fmpz_pow_ui(fmpq_numref(c), fmpq_numref(c), 20);
    fmpz_mul_ui(fmpq_numref(c), fmpq_numref(c), 3);
    fmpz_add_ui(fmpq_numref(c), fmpq_numref(c), 1);
    fmpz_set_ui(fmpq_denref(c), 3);
    kd_real_cos_pi_fmpq(x, c);
    ref_cos_pi(ref, c, 512);
    check_niven(x, ref, c, "cos_pi");
    fmpq_set_si(w, 1, 2);
    ck_assert(kd_real_get_fmpq(w, x));
    fmpz_add_ui(fmpq_numref(c), fmpq_numref(c), 1);    /* (3 10^20 + 2)/3 */
    kd_real_sin_pi_fmpq(x, c);
    ref_sin_pi(ref, c, 512);
    check_niven(x, ref, c, "sin_pi");
    check_approx(x, ref, NULL, 200, "sin_pi huge", 0);

    kd_real_clear(x);
    fmpq_clear(c);
    fmpq_clear(w);
    arb_clear(ref);
}
END_TEST

START_TEST(test_random_trees)
{
    flint_rand_t state;
    kd_real_t x;
    arb_t ref, b;
    fmpq_t v;
    int rat;
    slong iter, i, prec = KD_TEST_REF_PREC(1000);
    ulong seed = kd_test_seed(4);
    char tag[32];

    kd_test_randinit(state, 4);
    kd_real_init(x);
    arb_init(ref);
    arb_init(b);
    fmpq_init(v);
    for (iter = 0; iter < 500; iter++)
    {
        gen_tree(x, ref, v, &rat, state, 1 + n_randint(state, 5), prec);
        snprintf(tag, sizeof tag, "tree %ld", iter);
        for (i = 0; i < NLEVELS; i++)
        {
            check_approx(x, ref, rat ? v : NULL, levels[i], tag, seed);
            check_enclose(x, ref, levels[i], tag, seed);
        }
        /* ball evaluation at any precision contains x */
        for (i = 0; i < 3; i++)
        {
            slong p = 2 + n_randint(state, 600);
            kd_status st = kd_real_eval_arb(b, x, p);
            ck_assert_msg(st == KD_OK || st == KD_ERR_UNDECIDED, "%s prec %ld seed %lu: %s",
                          tag, p, seed, kd_status_name(st));
            if (st == KD_OK)
                ck_assert_msg(arb_overlaps(b, ref), "%s prec %ld seed %lu: eval_arb misses x",
                              tag, p, seed);
        }
    }
    flint_randclear(state);
    kd_real_clear(x);
    arb_clear(ref);
    arb_clear(b);
    fmpq_clear(v);
}
END_TEST

START_TEST(test_level_10000)
{
    flint_rand_t state;
    kd_real_t x, y;
    arb_t ref, r2;
    fmpq_t v;
    int rat;
    slong iter;
    ulong seed = kd_test_seed(5);

    kd_test_randinit(state, 5);
    kd_real_init(x);
    kd_real_init(y);
    arb_init(ref);
    arb_init(r2);
    fmpq_init(v);
    /* the first non-rational tree of depth 3 */
    for (iter = 0; iter < 20; iter++)
    {
        gen_tree(x, ref, v, &rat, state, 3, KD_TEST_REF_PREC(10000));
        if (!kd_real_is_fmpq(x))
            break;
    }
    ck_assert(!kd_real_is_fmpq(x));
    check_approx(x, ref, NULL, 10000, "level 10^4", seed);

    /* and a fixed one: 1/sqrt(2) - cos(3 pi/7) at 10^4 bits */
    {
        kd_real_t t;
        fmpq_t c;
        kd_real_init(t);
        fmpq_init(c);
        kd_real_set_si(t, 2);
        kd_assert_ok(kd_real_sqrt(t, t));
        kd_real_one(y);
        kd_assert_ok(kd_real_div(y, y, t));
        fmpq_set_si(c, 3, 7);
        kd_real_cos_pi_fmpq(t, c);
        kd_real_sub(y, y, t);
        arb_set_si(ref, 2);
        arb_rsqrt(ref, ref, KD_TEST_REF_PREC(10000));
        ref_cos_pi(r2, c, KD_TEST_REF_PREC(10000));
        arb_sub(ref, ref, r2, KD_TEST_REF_PREC(10000));
        check_approx(y, ref, NULL, 10000, "1/sqrt(2) - cos(3 pi/7)", 0);
        kd_real_clear(t);
        fmpq_clear(c);
    }
    flint_randclear(state);
    kd_real_clear(x);
    kd_real_clear(y);
    arb_clear(ref);
    arb_clear(r2);
    fmpq_clear(v);
}
END_TEST

/* The oracle is a function of (x, n): the DAG caches evaluations, but what
   was asked before must not change the answer. Two identical DAGs are built
   from the same seed; one is asked in a different order than the other. */
START_TEST(test_pure)
{
    static const slong pairs[][2] = {{50, 10}, {1000, 53}, {300, 0}, {10, 300}, {100, 100},
                                     {1, 1000}};
    flint_rand_t s1, s2;
    kd_real_t x1, x2;
    arb_t r1, r2, b;
    fmpq_t v1, v2, q1, q2, q3;
    mag_t e1, e2, e3;
    int rat1, rat2;
    slong iter, k;
    ulong seed = kd_test_seed(6);

    kd_test_randinit(s1, 6);
    kd_test_randinit(s2, 6);
    kd_real_init(x1);
    kd_real_init(x2);
    arb_init(r1);
    arb_init(r2);
    arb_init(b);
    fmpq_init(v1);
    fmpq_init(v2);
    fmpq_init(q1);
    fmpq_init(q2);
    fmpq_init(q3);
    mag_init(e1);
    mag_init(e2);
    mag_init(e3);
    for (iter = 0; iter < 40; iter++)
    {
        gen_tree(x1, r1, v1, &rat1, s1, 4, KD_TEST_REF_PREC(1000));
        gen_tree(x2, r2, v2, &rat2, s2, 4, KD_TEST_REF_PREC(1000));
        {
            /* the two trees are built from the same seed: identical */
            char * t1 = kd_real_get_str(x1), * t2 = kd_real_get_str(x2);
            ck_assert_str_eq(t1, t2);
            flint_free(t1);
            flint_free(t2);
        }
        for (k = 0; k < (slong) (sizeof pairs / sizeof pairs[0]); k++)
        {
            slong hi = pairs[k][0], lo = pairs[k][1];
            /* x1: lo alone, with Arb's own caches (pi, sin/cos tables)
               emptied first; x2: hi, some ball evaluations, then lo */
            flint_cleanup();
            kd_assert_ok(kd_real_approx(q1, e1, x1, lo, 0));
            kd_assert_ok(kd_real_approx(q2, e2, x2, hi, 0));
            kd_real_eval_arb(b, x2, 2 + (iter * 997 + k * 131) % 3000);
            kd_real_eval_arb(b, x2, lo + 33);
            kd_assert_ok(kd_real_approx(q2, e2, x2, lo, 0));
            ck_assert_msg(fmpq_equal(q1, q2) && mag_equal(e1, e2),
                          "tree %ld: level %ld depends on history (%ld first), seed %lu",
                          iter, lo, hi, seed);
            /* repeated calls are bit-identical */
            kd_assert_ok(kd_real_approx(q3, e3, x1, lo, 0));
            ck_assert_msg(fmpq_equal(q1, q3) && mag_equal(e1, e3),
                          "tree %ld: repeated level %ld differs, seed %lu", iter, lo, seed);
        }
    }
    flint_randclear(s1);
    flint_randclear(s2);
    kd_real_clear(x1);
    kd_real_clear(x2);
    arb_clear(r1);
    arb_clear(r2);
    arb_clear(b);
    fmpq_clear(v1);
    fmpq_clear(v2);
    fmpq_clear(q1);
    fmpq_clear(q2);
    fmpq_clear(q3);
    mag_clear(e1);
    mag_clear(e2);
    mag_clear(e3);
}
END_TEST

START_TEST(test_domain_errors)
{
    kd_real_t x, y, t;
    fmpq_t q;
    mag_t err;
    arb_t b, ref;
    kd_status st;
    clock_t t0;

    kd_real_init(x);
    kd_real_init(y);
    kd_real_init(t);
    fmpq_init(q);
    mag_init(err);
    arb_init(b);
    arb_init(ref);

    /* sqrt(1 - sqrt(2)): accepted, then proved invalid on evaluation */
    kd_real_set_si(t, 2);
    kd_assert_ok(kd_real_sqrt(t, t));
    kd_real_one(x);
    kd_real_sub(x, x, t);
    kd_assert_ok(kd_real_sqrt(y, x));
    st = kd_real_approx(q, err, y, 10, 0);
    ck_assert_msg(st == KD_ERR_DOMAIN, "sqrt(1 - sqrt(2)) gave %s", kd_status_name(st));
    ck_assert(strlen(kd_error_message()) > 0);
    ck_assert_int_eq(kd_real_enclose(b, y, 10, 0), KD_ERR_DOMAIN);
    ck_assert_int_eq(kd_real_eval_arb(b, y, 64), KD_ERR_DOMAIN);
    /* also under a small cap: a proof, not an undecided sign */
    ck_assert_int_eq(kd_real_approx(q, err, y, 1000, 64), KD_ERR_DOMAIN);

    /* 1/(sqrt(3) sqrt(3) - 3): the divisor is zero but not structurally */
    kd_real_set_si(t, 3);
    kd_assert_ok(kd_real_sqrt(x, t));
    kd_real_mul(x, x, x);
    kd_real_sub(x, x, t);
    ck_assert(!kd_real_is_zero(x));
    kd_real_one(y);
    kd_assert_ok(kd_real_div(y, y, x));
    t0 = clock();
    st = kd_real_approx(q, err, y, 10, 512);
    ck_assert_msg(st == KD_ERR_UNDECIDED, "gave %s", kd_status_name(st));
    ck_assert_msg(strstr(kd_error_message(), "could not decide") != NULL
                  && strstr(kd_error_message(), "512 bits") != NULL,
                  "message: %s", kd_error_message());
    st = kd_real_enclose(b, y, 100, 512);
    ck_assert_msg(st == KD_ERR_UNDECIDED && strstr(kd_error_message(), "512 bits") != NULL,
                  "enclose: %s", kd_error_message());
    ck_assert_msg((double) (clock() - t0) / CLOCKS_PER_SEC < 2.0, "undecided is slow");
    /* the same zero under a square root and a negative power */
    kd_assert_ok(kd_real_sqrt(y, x));
    ck_assert_int_eq(kd_real_approx(q, err, y, 10, 256), KD_ERR_UNDECIDED);
    kd_assert_ok(kd_real_pow_si(y, x, -2));
    ck_assert_int_eq(kd_real_approx(q, err, y, 10, 256), KD_ERR_UNDECIDED);

    /* a tiny non-zero divisor: undecided under a small cap, right without */
    kd_real_set_si(t, 2);
    kd_assert_ok(kd_real_sqrt(t, t));
    kd_assert_ok(kd_real_set_decimal(x, "1.41421356237309504880168872420969807856967187537694"));
    kd_real_sub(x, t, x);          /* about 8.07e-51 */
    kd_real_one(y);
    kd_assert_ok(kd_real_div(y, y, x));
    ck_assert_int_eq(kd_real_approx(q, err, y, 10, 128), KD_ERR_UNDECIDED);
    {
        fmpq_t c;
        arb_t s;
        fmpq_init(c);
        arb_init(s);
        arb_set_si(s, 2);
        arb_sqrt(s, s, 3000);
        decimal_value(c, "1.41421356237309504880168872420969807856967187537694");
        arb_set_fmpq(ref, c, 3000);
        arb_sub(ref, s, ref, 3000);
        arb_inv(ref, ref, 3000);
        check_approx(y, ref, NULL, 10, "1/(sqrt(2) - 1.414...)", 0);
        check_approx(y, ref, NULL, 1000, "1/(sqrt(2) - 1.414...)", 0);
        fmpq_clear(c);
        arb_clear(s);
    }

    kd_real_clear(x);
    kd_real_clear(y);
    kd_real_clear(t);
    fmpq_clear(q);
    mag_clear(err);
    arb_clear(b);
    arb_clear(ref);
}
END_TEST

START_TEST(test_arg_errors)
{
    static const slong bad_caps[] = {-1, 1, 2, KD_PREC_CAP_MIN - 1, KD_PREC_CAP_MAX + 1, WORD_MAX};
    kd_real_t x, r;
    fmpq_t q, w, d;
    mag_t err;
    arb_t b;
    slong i;

    kd_real_init(x);
    kd_real_init(r);
    fmpq_init(q);
    fmpq_init(w);
    fmpq_init(d);
    mag_init(err);
    arb_init(b);
    kd_real_pi(x);
    kd_assert_ok(kd_real_set_si_si(r, 1, 3));

    ck_assert_int_eq(kd_real_approx(q, err, x, -1, 0), KD_ERR_ARG);
    ck_assert(strlen(kd_error_message()) > 0);
    ck_assert_int_eq(kd_real_approx(q, err, x, WORD_MIN, 0), KD_ERR_ARG);
    ck_assert_int_eq(kd_real_approx(q, err, x, KD_LEVEL_MAX + 1, 0), KD_ERR_ARG);
    ck_assert_int_eq(kd_real_approx(q, err, r, KD_LEVEL_MAX + 1, 0), KD_ERR_ARG);
    ck_assert_int_eq(kd_real_approx(q, err, r, -1, 0), KD_ERR_ARG);
    ck_assert_int_eq(kd_real_enclose(b, x, -1, 0), KD_ERR_ARG);
    ck_assert_int_eq(kd_real_enclose(b, x, KD_LEVEL_MAX + 1, 0), KD_ERR_ARG);
    ck_assert_int_eq(kd_check_level(-1), KD_ERR_ARG);
    ck_assert_int_eq(kd_check_level(KD_LEVEL_MAX + 1), KD_ERR_ARG);
    kd_assert_ok(kd_check_level(0));
    kd_assert_ok(kd_check_level(KD_LEVEL_MAX));
    for (i = 0; i < (slong) (sizeof bad_caps / sizeof bad_caps[0]); i++)
    {
        ck_assert_msg(kd_real_approx(q, err, x, 10, bad_caps[i]) == KD_ERR_ARG, "cap %ld",
                      bad_caps[i]);
        ck_assert_msg(kd_real_approx(q, err, r, 10, bad_caps[i]) == KD_ERR_ARG, "cap %ld",
                      bad_caps[i]);
        ck_assert_msg(kd_real_enclose(b, x, 10, bad_caps[i]) == KD_ERR_ARG, "cap %ld",
                      bad_caps[i]);
        ck_assert_int_eq(kd_check_prec_cap(bad_caps[i]), KD_ERR_ARG);
    }
    kd_assert_ok(kd_check_prec_cap(0));
    kd_assert_ok(kd_check_prec_cap(KD_PREC_CAP_MIN));
    kd_assert_ok(kd_check_prec_cap(KD_PREC_CAP_MAX));
    kd_assert_ok(kd_real_approx(q, err, x, 10, KD_PREC_CAP_MIN));
    ck_assert_int_eq(kd_real_eval_arb(b, x, 1), KD_ERR_ARG);
    ck_assert_int_eq(kd_real_eval_arb(b, x, 0), KD_ERR_ARG);

    /* a cap below what the level needs is undecided, not a wrong answer */
    ck_assert_int_eq(kd_real_approx(q, err, x, 200, KD_PREC_CAP_MIN), KD_ERR_UNDECIDED);

    /* the largest level on a rational, checked exactly */
    kd_assert_ok(kd_real_approx(q, err, r, KD_LEVEL_MAX, 0));
    ck_assert(kd_test_fmpq_is_dyadic(q));
    fmpq_set_si(w, 1, 3);
    fmpq_sub(d, q, w);
    fmpq_abs(d, d);
    fmpq_mul_2exp(d, d, KD_LEVEL_MAX);
    ck_assert(fmpz_cmp(fmpq_numref(d), fmpq_denref(d)) <= 0);
    ck_assert(mag_cmp_2exp_si(err, -KD_LEVEL_MAX) <= 0);

    kd_real_clear(x);
    kd_real_clear(r);
    fmpq_clear(q);
    fmpq_clear(w);
    fmpq_clear(d);
    mag_clear(err);
    arb_clear(b);
}
END_TEST

START_TEST(test_get_str_roundtrip)
{
    flint_rand_t state;
    kd_real_t x, y;
    arb_t ref;
    fmpq_t v, w;
    int rat;
    slong iter;
    ulong seed = kd_test_seed(7);

    kd_test_randinit(state, 7);
    kd_real_init(x);
    kd_real_init(y);
    arb_init(ref);
    fmpq_init(v);
    fmpq_init(w);
    for (iter = 0; iter < 400; iter++)
    {
        char * s;
        kd_status st;
        gen_tree(x, ref, v, &rat, state, 1 + n_randint(state, 4), KD_TEST_REF_PREC(300));
        s = kd_real_get_str(x);
        st = kd_real_parse(y, s);
        ck_assert_msg(st == KD_OK, "\"%s\" does not parse: %s (seed %lu)", s,
                      kd_error_message(), seed);
        if (kd_real_get_fmpq(v, x))
            ck_assert_msg(kd_real_get_fmpq(w, y) && fmpq_equal(v, w),
                          "\"%s\" changed its rational value (seed %lu)", s, seed);
        check_approx(y, ref, NULL, 300, s, seed);
        flint_free(s);
    }
    flint_randclear(state);
    kd_real_clear(x);
    kd_real_clear(y);
    arb_clear(ref);
    fmpq_clear(v);
    fmpq_clear(w);
}
END_TEST

/* A DAG whose parts are shared prints each part in full each time: 64
   squarings of pi + 1 print to about 2^64 characters, so only the bounded
   printer can be asked, and it must refuse quickly; below the bound it
   prints what kd_real_get_str prints, to the character. */
START_TEST(test_get_str_max)
{
    kd_real_t x, t, one;
    char * s, * u;
    size_t len;
    slong k;

    kd_real_init(x);
    kd_real_init(t);
    kd_real_init(one);
    kd_real_pi(x);
    kd_real_set_si(one, 1);
    kd_real_add(x, x, one);
    for (k = 0; k < 3; k++)
    {
        kd_real_mul(t, x, x);
        kd_real_set(x, t);
    }
    s = kd_real_get_str(x);
    len = strlen(s);
    kd_assert_ok(kd_real_get_str_max(&u, x, (slong) len));
    ck_assert_str_eq(u, s);
    flint_free(u);
    ck_assert_int_eq(kd_real_get_str_max(&u, x, (slong) len - 1), KD_ERR_ARG);
    ck_assert_ptr_null(u);
    ck_assert(strstr(kd_error_message(), "more than") != NULL);
    ck_assert_int_eq(kd_real_get_str_max(&u, x, -1), KD_ERR_ARG);
    ck_assert_ptr_null(u);
    flint_free(s);

    for (k = 3; k < 64; k++)
    {
        kd_real_mul(t, x, x);
        kd_real_set(x, t);
    }
    ck_assert_int_eq(kd_real_get_str_max(&u, x, 1000000), KD_ERR_ARG);
    ck_assert_ptr_null(u);
    kd_real_clear(x);
    kd_real_clear(t);
    kd_real_clear(one);
}
END_TEST

START_TEST(test_get_str_shapes)
{
    /* shapes where precedence could bite: -(a - b), a - (b - c), a/(b*c),
       (-a)^k, a^-k, negative rationals inside products */
    kd_real_t pi, s2, a, b, c, y;
    arb_t rpi, rs2, ra, rb, rc;
    fmpq_t q;
    slong prec = KD_TEST_REF_PREC(300);
    int k;

    kd_real_init(pi);
    kd_real_init(s2);
    kd_real_init(a);
    kd_real_init(b);
    kd_real_init(c);
    kd_real_init(y);
    arb_init(rpi);
    arb_init(rs2);
    arb_init(ra);
    arb_init(rb);
    arb_init(rc);
    fmpq_init(q);

    kd_real_pi(pi);
    arb_const_pi(rpi, prec);
    kd_real_set_si(s2, 2);
    kd_assert_ok(kd_real_sqrt(s2, s2));
    arb_sqrt_ui(rs2, 2, prec);

    for (k = 0; k < 12; k++)
    {
        char * s;
        switch (k)
        {
            case 0:     /* -(pi - sqrt 2) */
                kd_real_sub(a, pi, s2);
                kd_real_neg(a, a);
                arb_sub(ra, rpi, rs2, prec);
                arb_neg(ra, ra);
                break;
            case 1:     /* pi - (sqrt2 - pi) */
                kd_real_sub(b, s2, pi);
                kd_real_sub(a, pi, b);
                arb_sub(rb, rs2, rpi, prec);
                arb_sub(ra, rpi, rb, prec);
                break;
            case 2:     /* pi / (sqrt2 * pi) */
                kd_real_mul(b, s2, pi);
                kd_assert_ok(kd_real_div(a, pi, b));
                arb_div(ra, rpi, rs2, prec);
                arb_div(ra, ra, rpi, prec);
                break;
            case 3:     /* (-pi)^3 */
                kd_real_neg(b, pi);
                kd_assert_ok(kd_real_pow_si(a, b, 3));
                arb_pow_ui(ra, rpi, 3, prec);
                arb_neg(ra, ra);
                break;
            case 4:     /* pi^-2 */
                kd_assert_ok(kd_real_pow_si(a, pi, -2));
                arb_mul(ra, rpi, rpi, prec);
                arb_inv(ra, ra, prec);
                break;
            case 5:     /* (-3/4) * pi and pi * (-3/4) */
                fmpq_set_si(q, -3, 4);
                kd_real_set_fmpq(b, q);
                kd_real_mul(a, b, pi);
                kd_real_mul(c, pi, b);
                kd_real_add(a, a, c);
                arb_mul_si(ra, rpi, -3, prec);
                arb_mul_2exp_si(ra, ra, -1);
                break;
            case 6:     /* -(pi^2) + 2^-40 */
                kd_assert_ok(kd_real_pow_si(b, pi, 2));
                kd_real_neg(b, b);
                kd_real_set_2exp(c, -40);
                kd_real_add(a, b, c);
                arb_mul(ra, rpi, rpi, prec);
                arb_neg(ra, ra);
                arb_one(rc);
                arb_mul_2exp_si(rc, rc, -40);
                arb_add(ra, ra, rc, prec);
                break;
            case 7:     /* (pi - sqrt2) - (pi + sqrt2) */
                kd_real_sub(b, pi, s2);
                kd_real_add(c, pi, s2);
                kd_real_sub(a, b, c);
                arb_mul_si(ra, rs2, -2, prec);
                break;
            case 8:     /* sqrt(pi^-1 - 1/4)^-3 */
                kd_assert_ok(kd_real_pow_si(b, pi, -1));
                kd_assert_ok(kd_real_set_si_si(c, 1, 4));
                kd_real_sub(b, b, c);
                kd_assert_ok(kd_real_sqrt(b, b));
                kd_assert_ok(kd_real_pow_si(a, b, -3));
                arb_inv(ra, rpi, prec);
                arb_one(rc);
                arb_mul_2exp_si(rc, rc, -2);
                arb_sub(ra, ra, rc, prec);
                arb_sqrt(ra, ra, prec);
                arb_pow_ui(ra, ra, 3, prec);
                arb_inv(ra, ra, prec);
                break;
            case 9:     /* (pi/3)/(sqrt2/5) with rational divisors */
                kd_real_set_si(c, 3);
                kd_assert_ok(kd_real_div(b, pi, c));
                kd_real_set_si(c, 5);
                kd_assert_ok(kd_real_div(c, s2, c));
                kd_assert_ok(kd_real_div(a, b, c));
                arb_mul_ui(ra, rpi, 5, prec);
                arb_div_ui(ra, ra, 3, prec);
                arb_div(ra, ra, rs2, prec);
                break;
            case 10:    /* -(-pi) folds; -(cospi(-2/7)) */
                fmpq_set_si(q, -2, 7);
                kd_real_cos_pi_fmpq(b, q);
                kd_real_neg(a, b);
                ref_cos_pi(ra, q, prec);
                arb_neg(ra, ra);
                break;
            default:    /* (sinpi(1/5) - pi)^2 - 7 */
                fmpq_set_si(q, 1, 5);
                kd_real_sin_pi_fmpq(b, q);
                kd_real_sub(b, b, pi);
                kd_assert_ok(kd_real_pow_si(b, b, 2));
                kd_real_set_si(c, 7);
                kd_real_sub(a, b, c);
                ref_sin_pi(ra, q, prec);
                arb_sub(ra, ra, rpi, prec);
                arb_sqr(ra, ra, prec);
                arb_sub_ui(ra, ra, 7, prec);
                break;
        }
        s = kd_real_get_str(a);
        kd_assert_ok(kd_real_parse(y, s));
        check_approx(a, ra, NULL, 300, s, 0);
        check_approx(y, ra, NULL, 300, s, 0);
        flint_free(s);
    }

    kd_real_clear(pi);
    kd_real_clear(s2);
    kd_real_clear(a);
    kd_real_clear(b);
    kd_real_clear(c);
    kd_real_clear(y);
    arb_clear(rpi);
    arb_clear(rs2);
    arb_clear(ra);
    arb_clear(rb);
    arb_clear(rc);
    fmpq_clear(q);
}
END_TEST

START_TEST(test_pi_multiple)
{
    kd_real_t pi, x, t, u;
    fmpq_t r, w;
    arb_t b, ref;
    int k;

    kd_real_init(pi);
    kd_real_init(x);
    kd_real_init(t);
    kd_real_init(u);
    fmpq_init(r);
    fmpq_init(w);
    arb_init(b);
    arb_init(ref);
    kd_real_pi(pi);

    for (k = 0; k < 9; k++)
    {
        switch (k)
        {
            case 0:
                kd_real_set(x, pi);
                fmpq_one(w);
                break;
            case 1:     /* 3*pi/7 */
                kd_real_set_si(t, 3);
                kd_real_mul(x, t, pi);
                kd_real_set_si(t, 7);
                kd_assert_ok(kd_real_div(x, x, t));
                fmpq_set_si(w, 3, 7);
                break;
            case 2:     /* pi/4 */
                kd_real_set_si(t, 4);
                kd_assert_ok(kd_real_div(x, pi, t));
                fmpq_set_si(w, 1, 4);
                break;
            case 3:     /* -(pi/2) */
                kd_real_set_si(t, 2);
                kd_assert_ok(kd_real_div(x, pi, t));
                kd_real_neg(x, x);
                fmpq_set_si(w, -1, 2);
                break;
            case 4:     /* pi*(2/3) */
                fmpq_set_si(w, 2, 3);
                kd_real_mul_fmpq(x, pi, w);
                break;
            case 5:     /* pi + pi/2 */
                kd_real_set_si(t, 2);
                kd_assert_ok(kd_real_div(t, pi, t));
                kd_real_add(x, pi, t);
                fmpq_set_si(w, 3, 2);
                break;
            case 6:     /* pi - 5*pi/(-3) */
                kd_real_set_si(t, 5);
                kd_real_mul(t, t, pi);
                kd_real_set_si(u, -3);
                kd_assert_ok(kd_real_div(t, t, u));
                kd_real_sub(x, pi, t);
                fmpq_set_si(w, 8, 3);
                break;
            case 7:     /* pi/(1/2) */
                kd_assert_ok(kd_real_set_si_si(t, 1, 2));
                kd_assert_ok(kd_real_div(x, pi, t));
                fmpq_set_si(w, 2, 1);
                break;
            default:    /* -(-(pi)) */
                kd_real_neg(x, pi);
                kd_real_neg(x, x);
                fmpq_one(w);
                break;
        }
        ck_assert_msg(kd_real_get_pi_multiple(r, x) && fmpq_equal(r, w), "case %d", k);
        /* the multiple agrees with the value */
        kd_assert_ok(kd_real_eval_arb(b, x, 200));
        ref_pi_frac(ref, w, 400);
        ck_assert_msg(arb_overlaps(b, ref), "case %d: value is not r*pi", k);
    }

    /* not rational multiples of pi */
    kd_real_mul(x, pi, pi);
    ck_assert(!kd_real_get_pi_multiple(r, x));
    kd_real_set_si(t, 2);
    kd_assert_ok(kd_real_sqrt(t, t));
    kd_real_mul(x, t, pi);
    ck_assert(!kd_real_get_pi_multiple(r, x));
    kd_real_one(t);
    kd_assert_ok(kd_real_div(x, t, pi));
    ck_assert(!kd_real_get_pi_multiple(r, x));
    kd_real_add(x, pi, t);
    ck_assert(!kd_real_get_pi_multiple(r, x));
    kd_real_set_si(x, 2);
    ck_assert(!kd_real_get_pi_multiple(r, x));
    fmpq_set_si(w, 1, 7);
    kd_real_cos_pi_fmpq(x, w);
    ck_assert(!kd_real_get_pi_multiple(r, x));
    kd_assert_ok(kd_real_pow_si(x, pi, 2));
    ck_assert(!kd_real_get_pi_multiple(r, x));

    kd_real_clear(pi);
    kd_real_clear(x);
    kd_real_clear(t);
    kd_real_clear(u);
    fmpq_clear(r);
    fmpq_clear(w);
    arb_clear(b);
    arb_clear(ref);
}
END_TEST

START_TEST(test_set_swap_alias)
{
    kd_real_t x, y, z;
    arb_t rx, ry, ref;
    slong prec = KD_TEST_REF_PREC(200);
    fmpq_t c;

    kd_real_init(x);
    kd_real_init(y);
    kd_real_init(z);
    arb_init(rx);
    arb_init(ry);
    arb_init(ref);
    fmpq_init(c);

    fmpq_set_si(c, 2, 9);
    kd_real_cos_pi_fmpq(x, c);
    ref_cos_pi(rx, c, prec);
    kd_real_pi(y);
    arb_const_pi(ry, prec);

    kd_real_swap(x, y);
    check_approx(x, ry, NULL, 200, "swap x", 0);
    check_approx(y, rx, NULL, 200, "swap y", 0);
    kd_real_swap(x, y);
    kd_real_set(z, x);
    kd_real_set(z, z);
    check_approx(z, rx, NULL, 200, "set", 0);

    /* z = z op z with a non-rational z */
    kd_real_add(z, z, z);
    arb_mul_2exp_si(ref, rx, 1);
    check_approx(z, ref, NULL, 200, "x + x", 0);
    kd_real_set(z, x);
    kd_real_mul(z, z, z);
    arb_sqr(ref, rx, prec);
    check_approx(z, ref, NULL, 200, "x * x", 0);
    kd_real_set(z, x);
    kd_real_sub(z, z, z);
    arb_zero(ref);
    check_approx(z, ref, NULL, 200, "x - x", 0);
    kd_real_set(z, x);
    kd_assert_ok(kd_real_div(z, z, z));
    arb_one(ref);
    check_approx(z, ref, NULL, 200, "x / x", 0);
    kd_real_set(z, x);
    kd_real_neg(z, z);
    kd_real_neg(z, z);
    check_approx(z, rx, NULL, 200, "-(-x)", 0);
    kd_real_set(z, y);
    kd_assert_ok(kd_real_sqrt(z, z));
    arb_sqrt(ref, ry, prec);
    check_approx(z, ref, NULL, 200, "sqrt(pi) aliased", 0);
    kd_real_set(z, y);
    kd_assert_ok(kd_real_pow_si(z, z, -5));
    arb_pow_ui(ref, ry, 5, prec);
    arb_inv(ref, ref, prec);
    check_approx(z, ref, NULL, 200, "pi^-5 aliased", 0);
    /* x is untouched by all of this */
    check_approx(x, rx, NULL, 200, "x afterwards", 0);

    /* sharing: a value stays valid after the values built from it die */
    kd_real_clear(y);
    kd_real_init(y);
    kd_real_add(y, x, x);
    kd_real_clear(x);
    kd_real_init(x);
    arb_mul_2exp_si(ref, rx, 1);
    check_approx(y, ref, NULL, 200, "shared after clear", 0);

    kd_real_clear(x);
    kd_real_clear(y);
    kd_real_clear(z);
    arb_clear(rx);
    arb_clear(ry);
    arb_clear(ref);
    fmpq_clear(c);
}
END_TEST

/* A long sum built term by term has a deep DAG; evaluating, printing,
   counting and freeing it must not exhaust the stack. */
START_TEST(test_deep_dag)
{
    kd_real_t x, p;
    arb_t ref;
    fmpq_t c;
    slong i, N = 200000;

    kd_real_init(x);
    kd_real_init(p);
    arb_init(ref);
    fmpq_init(c);
    fmpq_set_si(c, 1, 5);
    kd_real_sin_pi_fmpq(p, c);
    for (i = 0; i < N; i++)
        kd_real_add(x, x, p);
    ref_sin_pi(ref, c, 400);
    arb_mul_si(ref, ref, N, 400);
    check_approx(x, ref, NULL, 30, "deep sum", 0);
    /* the other side: x = p - x */
    kd_real_zero(x);
    for (i = 0; i < N; i++)
        kd_real_sub(x, p, x);
    arb_zero(ref);
    check_approx(x, ref, NULL, 30, "deep alternating difference", 0);
    kd_real_clear(x);
    kd_real_clear(p);
    arb_clear(ref);
    fmpq_clear(c);
}
END_TEST

Suite *
kd_suite_real(void)
{
    Suite * s = suite_create("real");
    TCase * tc;

    tc = tcase_create("constructors");
    tcase_add_test(tc, test_set_si_fmpz_fmpq);
    tcase_add_test(tc, test_set_si_si);
    tcase_add_test(tc, test_set_2exp);
    tcase_add_test(tc, test_set_decimal);
    tcase_add_test(tc, test_set_swap_alias);
    suite_add_tcase(s, tc);

    tc = tcase_create("folding");
    tcase_add_test(tc, test_fold_rational);
    tcase_add_test(tc, test_fold_sqrt);
    tcase_add_test(tc, test_fold_niven);
    tcase_add_test(tc, test_pi_multiple);
    suite_add_tcase(s, tc);

    tc = tcase_create("oracle");
    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, test_random_trees);
    tcase_add_test(tc, test_level_10000);
    tcase_add_test(tc, test_pure);
    tcase_add_test(tc, test_deep_dag);
    suite_add_tcase(s, tc);

    tc = tcase_create("errors");
    tcase_add_test(tc, test_domain_errors);
    tcase_add_test(tc, test_arg_errors);
    suite_add_tcase(s, tc);

    tc = tcase_create("get_str");
    tcase_add_test(tc, test_get_str_roundtrip);
    tcase_add_test(tc, test_get_str_max);
    tcase_add_test(tc, test_get_str_shapes);
    suite_add_tcase(s, tc);
    return s;
}
