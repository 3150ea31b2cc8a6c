/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for the expression parser: precedence, exact literals, the
   function forms, errors with their columns, limits, and random expressions
   checked against independent Arb references and through get_str. */
#include <stdarg.h>
#include <string.h>
#include "testutil.h"

/* r = pi p / q without the *_pi_fmpq functions. */
static void
ref_pi_frac(arb_t r, slong p, slong q, slong prec)
{
    arb_const_pi(r, prec);
    arb_mul_si(r, r, p, prec);
    arb_div_si(r, r, q, prec);
}

/* A flint_malloc'ed printf. */
static char *
strf(const char * fmt, ...)
{
    va_list ap;
    int n;
    char * s;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    s = flint_malloc(n + 1);
    va_start(ap, fmt);
    vsnprintf(s, n + 1, fmt, ap);
    va_end(ap);
    return s;
}

/* The modulus oracle contract of kd_complex_approx against ref (and, for a
   structurally real z, the real contract of kd_real_approx as well). */
static void
check_approx(const kd_complex_t z, const acb_t ref, slong n, const char * tag, ulong seed)
{
    fmpq_t re, im;
    mag_t err;
    acb_t Q, d;
    arf_t ub, lb, e;
    kd_status st;

    fmpq_init(re);
    fmpq_init(im);
    mag_init(err);
    acb_init(Q);
    acb_init(d);
    arf_init(ub);
    arf_init(lb);
    arf_init(e);

    st = kd_complex_approx(re, im, err, z, n, 0);
    ck_assert_msg(st == KD_OK, "\"%s\" n=%ld seed=%lu: %s: %s", tag, n, seed,
                  kd_status_name(st), kd_error_message());
    ck_assert_msg(mag_cmp_2exp_si(arb_radref(acb_realref(ref)), -n - 8) <= 0
                  && mag_cmp_2exp_si(arb_radref(acb_imagref(ref)), -n - 8) <= 0,
                  "\"%s\" n=%ld seed=%lu: reference too coarse", tag, n, seed);
    ck_assert_msg(kd_test_fmpq_is_dyadic(re) && kd_test_fmpq_is_dyadic(im), "\"%s\" n=%ld: not dyadic", tag, n);
    ck_assert_msg(mag_cmp_2exp_si(err, -n) <= 0, "\"%s\" n=%ld: err > 2^-n", tag, n);
    kd_test_arb_set_dyadic(acb_realref(Q), re);
    kd_test_arb_set_dyadic(acb_imagref(Q), im);
    acb_sub(d, Q, ref, 2 * KD_TEST_REF_PREC(n));
    acb_get_abs_ubound_arf(ub, d, 64);
    ck_assert_msg(arf_cmp_2exp_si(ub, -n) <= 0, "\"%s\" n=%ld seed=%lu: |q - z| <= 2^-n not proved",
                  tag, n, seed);
    acb_get_abs_lbound_arf(lb, d, 64);
    arf_set_mag(e, err);
    ck_assert_msg(arf_cmp(lb, e) <= 0, "\"%s\" n=%ld seed=%lu: err below the true error",
                  tag, n, seed);

    if (kd_complex_is_real(z))
    {
        ck_assert_msg(fmpq_is_zero(im), "\"%s\": real value with im != 0", tag);
        st = kd_real_approx(re, err, kd_complex_realref(z), n, 0);
        ck_assert_msg(st == KD_OK, "\"%s\" n=%ld: %s", tag, n, kd_error_message());
        ck_assert(kd_test_fmpq_is_dyadic(re) && mag_cmp_2exp_si(err, -n) <= 0);
        kd_test_arb_set_dyadic(acb_realref(Q), re);
        arb_sub(acb_realref(d), acb_realref(Q), acb_realref(ref), 2 * KD_TEST_REF_PREC(n));
        arb_get_abs_ubound_arf(ub, acb_realref(d), 64);
        ck_assert_msg(arf_cmp_2exp_si(ub, -n) <= 0, "\"%s\" n=%ld seed=%lu: real |q - x| > 2^-n",
                      tag, n, seed);
    }

    fmpq_clear(re);
    fmpq_clear(im);
    mag_clear(err);
    acb_clear(Q);
    acb_clear(d);
    arf_clear(ub);
    arf_clear(lb);
    arf_clear(e);
}

/* Parses s as a real and as a complex expression and checks both against the
   real reference ref at level n. */
static void
check_real_expr(const char * s, const arb_t ref, slong n)
{
    kd_real_t x;
    kd_complex_t z;
    acb_t r;
    kd_status st;

    kd_real_init(x);
    kd_complex_init(z);
    acb_init(r);
    st = kd_real_parse(x, s);
    ck_assert_msg(st == KD_OK, "\"%s\": %s", s, kd_error_message());
    st = kd_complex_parse(z, s);
    ck_assert_msg(st == KD_OK, "\"%s\": %s", s, kd_error_message());
    ck_assert_msg(kd_complex_is_real(z), "\"%s\" is not structurally real", s);
    acb_set_arb(r, ref);
    check_approx(z, r, n, s, 0);
    kd_complex_set_real(z, x);
    check_approx(z, r, n, s, 0);
    kd_real_clear(x);
    kd_complex_clear(z);
    acb_clear(r);
}

/* s parses to the exact rational p/q (structurally). */
static void
check_exact(const char * s, slong p, slong q)
{
    kd_real_t x;
    fmpq_t v, w;
    kd_status st;

    kd_real_init(x);
    fmpq_init(v);
    fmpq_init(w);
    st = kd_real_parse(x, s);
    ck_assert_msg(st == KD_OK, "\"%s\": %s", s, kd_error_message());
    fmpq_set_si(w, p, q);
    ck_assert_msg(kd_real_get_fmpq(v, x) && fmpq_equal(v, w), "\"%s\" is not %ld/%ld", s, p, q);
    kd_real_clear(x);
    fmpq_clear(v);
    fmpq_clear(w);
}

START_TEST(test_precedence)
{
    static const struct { const char * s; slong p, q; } cases[] = {
        {"-2^2", -4, 1}, {"2^3^2", 512, 1}, {"(2^3)^2", 64, 1}, {"2^-30", 1, 1L << 30},
        {"1/2/4", 1, 8}, {"1/(2/4)", 2, 1}, {"2*3+4*5", 26, 1}, {"2+3*4", 14, 1},
        {"(2+3)*4", 20, 1}, {"2-3-4", -5, 1}, {"2-(3-4)", 3, 1}, {"--3", 3, 1},
        {"---3", -3, 1}, {"-+-3", 3, 1}, {"+5", 5, 1}, {"- - - - 2", 2, 1},
        {"(-2)^2", 4, 1}, {"-2^-2", -1, 4}, {"2^-2^2", 1, 16}, {"(-2)^3", -8, 1},
        {"2^-1^2", 1, 2}, {"3/4*4", 3, 1}, {"2^10/2^5", 32, 1}, {"1-2*3", -5, 1},
        {"6/3/2", 1, 1}, {"6/(3/2)", 4, 1}, {"2*-3", -6, 1}, {"2^+3", 8, 1},
        {"0.5*4", 2, 1}, {"1e3/8", 125, 1}, {"2.5e-3", 1, 400}, {"-0.25", -1, 4},
        {"0.1", 1, 10}, {"1.5E+2", 150, 1}, {"10/4", 5, 2}, {"0^0", 1, 1},
        {"(1)", 1, 1}, {"((((7))))", 7, 1}, {"2^0", 1, 1}, {"-(3)^2", -9, 1},
        {"1-1", 0, 1}, {"4^-1/2", 1, 8},
        /* hexadecimal floating literals, exact (float.hex(), %a) */
        {"0x1.8p-3", 3, 16}, {"-0x1.8p-3", -3, 16}, {"0X1P+4", 16, 1}, {"0x10", 16, 1},
        {"0x.8", 1, 2}, {"0xAp0", 10, 1}, {"0x1.999999999999ap-4", 3602879701896397L,
        36028797018963968L}, {"2*0x1p-1", 1, 1}, {"0x1p3^2", 64, 1}};
    slong i;

    for (i = 0; i < (slong) (sizeof cases / sizeof cases[0]); i++)
        check_exact(cases[i].s, cases[i].p, cases[i].q);
}
END_TEST

START_TEST(test_whitespace)
{
    check_exact(" 1 + \t2\n ", 3, 1);
    check_exact("2 ^ 3 ^ 2", 512, 1);
    check_exact("- 2 ^ 2", -4, 1);
    check_exact("2 ^ - 3", 1, 8);
    check_exact("\t( 1 /2 )\t*\r\n3", 3, 2);
    check_exact("sqrt ( 9 / 4 )", 3, 2);
    check_exact(" cos ( pi / 3 ) ", 1, 2);
    check_exact("cospi( 2 / 3 )", -1, 2);
    check_exact("  sin(pi * 7 / 6)", -1, 2);
}
END_TEST

START_TEST(test_functions)
{
    kd_real_t x, y;
    fmpq_t a, b;
    mag_t ea, eb;
    arb_t ref;
    slong n;

    kd_real_init(x);
    kd_real_init(y);
    fmpq_init(a);
    fmpq_init(b);
    mag_init(ea);
    mag_init(eb);
    arb_init(ref);

    /* cos(3*pi/7) is cospi(3/7): same answers, and right */
    kd_assert_ok(kd_real_parse(x, "cos(3*pi/7)"));
    kd_assert_ok(kd_real_parse(y, "cospi(3/7)"));
    for (n = 0; n <= 400; n += 50)
    {
        kd_assert_ok(kd_real_approx(a, ea, x, n, 0));
        kd_assert_ok(kd_real_approx(b, eb, y, n, 0));
        ck_assert_msg(fmpq_equal(a, b) && mag_equal(ea, eb), "n = %ld", n);
    }
    ref_pi_frac(ref, 3, 7, KD_TEST_REF_PREC(300));
    arb_cos(ref, ref, KD_TEST_REF_PREC(300));
    check_real_expr("cos(3*pi/7)", ref, 300);
    check_real_expr("cos(pi*3/7)", ref, 300);
    check_real_expr("cos(-(3*pi)/7)", ref, 300);
    check_real_expr("sin(pi/2 - 3*pi/7)", ref, 300);
    check_real_expr("sinpi(1/14)", ref, 300);

    /* exact values */
    kd_assert_ok(kd_real_parse(x, "sin(0)"));
    ck_assert(kd_real_is_zero(x));
    kd_assert_ok(kd_real_parse(x, "sin(0*pi)"));
    ck_assert(kd_real_is_zero(x));
    check_exact("cos(0)", 1, 1);
    check_exact("sin(pi)", 0, 1);
    check_exact("cos(pi/3)", 1, 2);
    check_exact("cos(-(pi/2))", 0, 1);
    check_exact("sin(3*pi/2)", -1, 1);
    check_exact("cos(2*pi/3)", -1, 2);
    check_exact("sin(-pi/6)", -1, 2);
    check_exact("cos(pi/6 + pi/6)", 1, 2);
    check_exact("cospi(1/3)", 1, 2);
    check_exact("sinpi(1/6)", 1, 2);
    check_exact("cospi(1/2)", 0, 1);
    check_exact("cospi(-7)", -1, 1);
    check_exact("sqrt(2)^2", 2, 1);
    check_exact("sqrt(9/4)", 3, 2);
    check_exact("sqrt(2/3)^-4", 9, 4);

    /* sin(5 pi/7) against arb_sin */
    ref_pi_frac(ref, 5, 7, KD_TEST_REF_PREC(300));
    arb_sin(ref, ref, KD_TEST_REF_PREC(300));
    check_real_expr("sin(5*pi/7)", ref, 300);
    check_real_expr("sinpi(5/7)", ref, 300);

    kd_real_clear(x);
    kd_real_clear(y);
    fmpq_clear(a);
    fmpq_clear(b);
    mag_clear(ea);
    mag_clear(eb);
    arb_clear(ref);
}
END_TEST

/* The acceptance entries: 1/sqrt(2) - 2^-40 and DCT-type entries, n = 300. */
START_TEST(test_acceptance)
{
    arb_t ref, t;
    slong prec = KD_TEST_REF_PREC(300);

    arb_init(ref);
    arb_init(t);

    arb_set_ui(ref, 2);
    arb_rsqrt(ref, ref, prec);
    arb_one(t);
    arb_mul_2exp_si(t, t, -40);
    arb_sub(ref, ref, t, prec);
    check_real_expr("1/sqrt(2) - 2^-40", ref, 300);
    check_real_expr("1/sqrt(2) - 2^-40", ref, 0);
    check_real_expr("1/sqrt(2) - 2^-40", ref, 41);
    check_real_expr("sqrt(1/2) - 1/2^40", ref, 300);

    arb_set_ui(ref, 2);
    arb_div_ui(ref, ref, 7, prec);
    arb_sqrt(ref, ref, prec);
    ref_pi_frac(t, 3, 14, prec);
    arb_cos(t, t, prec);
    arb_mul(ref, ref, t, prec);
    check_real_expr("sqrt(2/7)*cospi(3/14)", ref, 300);
    check_real_expr("sqrt(2/7)*cos(3*pi/14)", ref, 300);

    ref_pi_frac(ref, 5, 18, prec);
    arb_cos(ref, ref, prec);
    check_real_expr("cos(5*pi/18)", ref, 300);
    check_real_expr("cospi(5/18)", ref, 300);

    arb_clear(ref);
    arb_clear(t);
}
END_TEST

/* Both parts of z structurally rational and equal to (re, im). */
static int
is_exactly(const kd_complex_t z, slong re_p, slong re_q, slong im_p, slong im_q)
{
    fmpq_t a, b;
    int ok;
    fmpq_init(a);
    fmpq_init(b);
    ok = kd_real_get_fmpq(a, kd_complex_realref(z));
    fmpq_set_si(b, re_p, re_q);
    ok = ok && fmpq_equal(a, b);
    ok = ok && kd_real_get_fmpq(a, kd_complex_imagref(z));
    fmpq_set_si(b, im_p, im_q);
    ok = ok && fmpq_equal(a, b);
    fmpq_clear(a);
    fmpq_clear(b);
    return ok;
}

START_TEST(test_complex)
{
    static const struct { const char * s; slong rp, rq, ip, iq; } exact[] = {
        {"3 - 4*i", 3, 1, -4, 1}, {"i", 0, 1, 1, 1}, {"-i", 0, 1, -1, 1},
        {"(1+2*i)*(3-i)", 5, 1, 5, 1}, {"i^2", -1, 1, 0, 1}, {"i*i*i", 0, 1, -1, 1},
        {"1/i", 0, 1, -1, 1}, {"(2+i)^-1", 2, 5, -1, 5}, {"i^-3", 0, 1, 1, 1},
        {"cispi(1/2)", 0, 1, 1, 1}, {"cispi(1)", -1, 1, 0, 1}, {"cispi(-1/2)", 0, 1, -1, 1},
        {"(3+4*i)/(3-4*i)", -7, 25, 24, 25}, {"i - i", 0, 1, 0, 1}, {"2*i/4", 0, 1, 1, 2},
        {"-2^2*i", 0, 1, -4, 1}};
    kd_complex_t z;
    kd_real_t x;
    acb_t ref;
    arb_t s;
    slong i, prec = KD_TEST_REF_PREC(300);
    kd_status st;

    kd_complex_init(z);
    kd_real_init(x);
    acb_init(ref);
    arb_init(s);

    for (i = 0; i < (slong) (sizeof exact / sizeof exact[0]); i++)
    {
        st = kd_complex_parse(z, exact[i].s);
        ck_assert_msg(st == KD_OK, "\"%s\": %s", exact[i].s, kd_error_message());
        ck_assert_msg(is_exactly(z, exact[i].rp, exact[i].rq, exact[i].ip, exact[i].iq),
                      "\"%s\" is not exactly %ld/%ld + %ld/%ld i", exact[i].s, exact[i].rp,
                      exact[i].rq, exact[i].ip, exact[i].iq);
        ck_assert(kd_complex_is_real(z) == (exact[i].ip == 0));
    }

    /* cispi(-2/5)/sqrt(5) against exp(i t) by arb_sin_cos */
    kd_assert_ok(kd_complex_parse(z, "cispi(-2/5)/sqrt(5)"));
    ref_pi_frac(s, -2, 5, prec + 20);
    arb_sin_cos(acb_imagref(ref), acb_realref(ref), s, prec + 20);
    arb_sqrt_ui(s, 5, prec + 20);
    acb_div_arb(ref, ref, s, prec);
    check_approx(z, ref, 300, "cispi(-2/5)/sqrt(5)", 0);
    check_approx(z, ref, 0, "cispi(-2/5)/sqrt(5)", 0);
    kd_assert_ok(kd_complex_parse(z, "(cos(2*pi/5) - i*sin(2*pi/5)) / sqrt(5)"));
    check_approx(z, ref, 300, "cos - i sin", 0);

    /* cispi(1/4)^2 = i, not structurally */
    kd_assert_ok(kd_complex_parse(z, "cispi(1/4)^2"));
    acb_onei(ref);
    check_approx(z, ref, 200, "cispi(1/4)^2", 0);

    /* a real parse refuses an imaginary part but takes i*i */
    st = kd_real_parse(x, "i");
    ck_assert_int_eq(st, KD_ERR_PARSE);
    ck_assert(strstr(kd_error_message(), "imaginary") != NULL);
    st = kd_real_parse(x, "1 + cispi(1/3)");
    ck_assert_int_eq(st, KD_ERR_PARSE);
    kd_assert_ok(kd_real_parse(x, "i*i + 3"));
    {
        fmpq_t q;
        fmpq_init(q);
        ck_assert(kd_real_get_fmpq(q, x) && fmpz_equal_si(fmpq_numref(q), 2)
                  && fmpz_is_one(fmpq_denref(q)));
        fmpq_clear(q);
    }

    /* sqrt of a non-real is unsupported, of a real negative a domain error */
    st = kd_complex_parse(z, "sqrt(i)");
    ck_assert_msg(st == KD_ERR_UNSUPPORTED, "sqrt(i) gave %s", kd_status_name(st));
    ck_assert(strstr(kd_error_message(), "column") != NULL);
    st = kd_complex_parse(z, "sqrt(i*i)");
    ck_assert_msg(st == KD_ERR_DOMAIN, "sqrt(i*i) gave %s", kd_status_name(st));
    st = kd_complex_parse(z, "1/(i - i)");
    ck_assert_msg(st == KD_ERR_DOMAIN, "1/(i - i) gave %s", kd_status_name(st));
    st = kd_complex_parse(z, "cispi(i)");
    ck_assert_msg(st == KD_ERR_PARSE, "cispi(i) gave %s", kd_status_name(st));
    st = kd_complex_parse(z, "2^i");
    ck_assert_msg(st == KD_ERR_PARSE, "2^i gave %s", kd_status_name(st));

    kd_complex_clear(z);
    kd_real_clear(x);
    acb_clear(ref);
    arb_clear(s);
}
END_TEST

START_TEST(test_errors)
{
    /* col: the 1-based column the message must name, 0 for any */
    static const struct { const char * s; kd_status st; int col; } cases[] = {
        {"(", KD_ERR_PARSE, 2}, {"(1+2", KD_ERR_PARSE, 5}, {"1+2)", KD_ERR_PARSE, 4},
        {")", KD_ERR_PARSE, 1}, {"((1)", KD_ERR_PARSE, 5}, {"(1))", KD_ERR_PARSE, 4},
        {"", KD_ERR_PARSE, 1}, {"   ", KD_ERR_PARSE, 0}, {"nan", KD_ERR_PARSE, 1},
        {"inf", KD_ERR_PARSE, 1}, {"NaN", KD_ERR_PARSE, 1}, {"Infinity", KD_ERR_PARSE, 1},
        {"-inf", KD_ERR_PARSE, 2}, {"2pi", KD_ERR_PARSE, 2}, {"2 pi", KD_ERR_PARSE, 3},
        {"2i", KD_ERR_PARSE, 2}, {"cospi(sqrt(2))", KD_ERR_PARSE, 7},
        {"cospi(pi)", KD_ERR_PARSE, 7}, {"cos(1)", KD_ERR_PARSE, 5},
        {"cos(pi*pi)", KD_ERR_PARSE, 5}, {"sin(sqrt(2)*pi)", KD_ERR_PARSE, 5},
        {"cos(pi + 1)", KD_ERR_PARSE, 5}, {"2^(1/2)", KD_ERR_PARSE, 3},
        {"2^pi", KD_ERR_PARSE, 3}, {"2^0.5", KD_ERR_PARSE, 3},
        {"2^1000001", KD_ERR_ARG, 3}, {"2^-1000001", KD_ERR_ARG, 3},
        {"2^99999999999999999999999", KD_ERR_ARG, 3}, {"1 2", KD_ERR_PARSE, 3},
        {"1+", KD_ERR_PARSE, 3}, {"*2", KD_ERR_PARSE, 1}, {"1**2", KD_ERR_PARSE, 3},
        {"1^", KD_ERR_PARSE, 0}, {"sqrt 2", KD_ERR_PARSE, 0}, {"sqrt()", KD_ERR_PARSE, 6},
        {"sqrt(1", KD_ERR_PARSE, 7}, {"foo(1)", KD_ERR_PARSE, 1}, {"x", KD_ERR_PARSE, 1},
        {"1e", KD_ERR_PARSE, 0}, {"1.2.3", KD_ERR_PARSE, 4}, {".", KD_ERR_PARSE, 1},
        {"0xg", KD_ERR_PARSE, 3}, {"0x1p", KD_ERR_PARSE, 5}, {"0x1g", KD_ERR_PARSE, 4},
        {"0x1p9999999", KD_ERR_ARG, 0}, {"1e1000001", KD_ERR_ARG, 0}, {"1,5", KD_ERR_PARSE, 2},
        {"(1,2)", KD_ERR_PARSE, 3}, {"[1]", KD_ERR_PARSE, 1}, {"1 = 1", KD_ERR_PARSE, 3},
        {"sqrt(-1)", KD_ERR_DOMAIN, 6}, {"sqrt(-2/3)", KD_ERR_DOMAIN, 6},
        {"1/(2-2)", KD_ERR_DOMAIN, 2}, {"1/0", KD_ERR_DOMAIN, 2}, {"0^-1", KD_ERR_DOMAIN, 0},
        {"cospi(1/0)", KD_ERR_DOMAIN, 0}, {"(1-1)^-2", KD_ERR_DOMAIN, 0},
        {"1 + \xcf\x80", KD_ERR_PARSE, 5}, {"\xff", KD_ERR_PARSE, 1},
        {"2\xc2\xa0+ 3", KD_ERR_PARSE, 2}, {"pi\xcf\x80", KD_ERR_PARSE, 3},
        {"1 +\xe2\x88\x92 2", KD_ERR_PARSE, 4}, {"sqrt(2)\x01", KD_ERR_PARSE, 8}};
    kd_complex_t z;
    kd_real_t x;
    char col[32];
    slong i;
    kd_status st;

    kd_complex_init(z);
    kd_real_init(x);
    for (i = 0; i < (slong) (sizeof cases / sizeof cases[0]); i++)
    {
        st = kd_complex_parse(z, cases[i].s);
        ck_assert_msg(st == cases[i].st, "\"%s\" gave %s, expected %s (%s)", cases[i].s,
                      kd_status_name(st), kd_status_name(cases[i].st), kd_error_message());
        ck_assert_msg(strstr(kd_error_message(), "column") != NULL,
                      "\"%s\": the message names no column: %s", cases[i].s, kd_error_message());
        if (cases[i].col > 0)
        {
            snprintf(col, sizeof col, "column %d ", cases[i].col);
            ck_assert_msg(strstr(kd_error_message(), col) != NULL,
                          "\"%s\": expected %s in: %s", cases[i].s, col, kd_error_message());
        }
        st = kd_real_parse(x, cases[i].s);
        ck_assert_msg(st == cases[i].st, "real \"%s\" gave %s", cases[i].s, kd_status_name(st));
    }
    kd_complex_clear(z);
    kd_real_clear(x);
}
END_TEST

/* Values whose validity needs evaluation parse fine and fail when asked. */
START_TEST(test_lazy_errors)
{
    kd_real_t x;
    fmpq_t q;
    mag_t err;
    kd_status st;

    kd_real_init(x);
    fmpq_init(q);
    mag_init(err);
    kd_assert_ok(kd_real_parse(x, "1/(sqrt(3)*sqrt(3) - 3)"));
    st = kd_real_approx(q, err, x, 10, 512);
    ck_assert_msg(st == KD_ERR_UNDECIDED, "gave %s", kd_status_name(st));
    ck_assert_msg(strstr(kd_error_message(), "could not decide") != NULL
                  && strstr(kd_error_message(), "512 bits") != NULL, "%s", kd_error_message());
    kd_assert_ok(kd_real_parse(x, "sqrt(1 - sqrt(2))"));
    ck_assert_int_eq(kd_real_approx(q, err, x, 10, 0), KD_ERR_DOMAIN);
    kd_assert_ok(kd_real_parse(x, "(pi - pi)^-1"));
    ck_assert_int_eq(kd_real_approx(q, err, x, 10, 256), KD_ERR_UNDECIDED);
    kd_real_clear(x);
    fmpq_clear(q);
    mag_clear(err);
}
END_TEST

/* Builds a string of k copies of a, then b, then k copies of c. */
static char *
nest(const char * a, slong k, const char * b, const char * c)
{
    size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
    char * s = flint_malloc(k * (la + lc) + lb + 1);
    size_t pos = 0;
    slong i;
    for (i = 0; i < k; i++, pos += la)
        memcpy(s + pos, a, la);
    memcpy(s + pos, b, lb);
    pos += lb;
    for (i = 0; i < k; i++, pos += lc)
        memcpy(s + pos, c, lc);
    s[pos] = '\0';
    return s;
}

START_TEST(test_limits)
{
    kd_complex_t z;
    kd_real_t x;
    fmpq_t q, w;
    char * s;
    kd_status st;

    kd_complex_init(z);
    kd_real_init(x);
    fmpq_init(q);
    fmpq_init(w);

    /* nesting: KD_EXPR_DEPTH_MAX levels are fine, one more is refused, far
       more is refused without exhausting the stack */
    s = nest("(", KD_EXPR_DEPTH_MAX, "7", ")");
    st = kd_real_parse(x, s);
    ck_assert_msg(st == KD_OK, "%d parentheses: %s", KD_EXPR_DEPTH_MAX, kd_error_message());
    ck_assert(kd_real_get_fmpq(q, x) && fmpz_equal_si(fmpq_numref(q), 7));
    flint_free(s);
    s = nest("(", KD_EXPR_DEPTH_MAX + 1, "7", ")");
    ck_assert_int_eq(kd_real_parse(x, s), KD_ERR_PARSE);
    ck_assert(strstr(kd_error_message(), "column") != NULL);
    flint_free(s);
    s = nest("(", 200000, "7", ")");
    ck_assert_int_eq(kd_complex_parse(z, s), KD_ERR_PARSE);
    flint_free(s);
    s = nest("(", 200000, "", "");
    ck_assert_int_eq(kd_complex_parse(z, s), KD_ERR_PARSE);
    flint_free(s);
    s = nest("-", 200000, "1", "");
    ck_assert_int_eq(kd_complex_parse(z, s), KD_ERR_PARSE);
    flint_free(s);
    s = nest("sqrt(", 100000, "2", ")");
    ck_assert_int_eq(kd_complex_parse(z, s), KD_ERR_PARSE);
    flint_free(s);
    s = nest("cos(", 100000, "pi", ")");
    ck_assert_int_eq(kd_complex_parse(z, s), KD_ERR_PARSE);
    flint_free(s);
    s = nest("2^", 100000, "1", "");
    ck_assert_int_eq(kd_complex_parse(z, s), KD_ERR_PARSE);
    flint_free(s);
    s = nest("2^-", 100000, "1", "");
    ck_assert_int_eq(kd_complex_parse(z, s), KD_ERR_PARSE);
    flint_free(s);

    /* the exponent limit itself is accepted and exact */
    kd_assert_ok(kd_real_parse(x, "2^1000000"));
    ck_assert(kd_real_get_fmpq(q, x));
    fmpz_one(fmpq_numref(w));
    fmpz_one(fmpq_denref(w));
    fmpz_mul_2exp(fmpq_numref(w), fmpq_numref(w), KD_EXPR_POW_MAX);
    ck_assert(fmpq_equal(q, w));
    kd_assert_ok(kd_real_parse(x, "(1/2)^1000000 * 2^-1000000"));
    ck_assert(kd_real_get_fmpq(q, x) && fmpz_is_one(fmpq_numref(q))
              && (slong) fmpz_bits(fmpq_denref(q)) == 2 * KD_EXPR_POW_MAX + 1);

    /* length: exactly KD_EXPR_LEN_MAX characters is accepted, one more not */
    s = nest("1+", KD_EXPR_LEN_MAX / 2 - 1, "1 ", "");
    ck_assert((slong) strlen(s) == KD_EXPR_LEN_MAX);
    kd_assert_ok(kd_real_parse(x, s));
    ck_assert(kd_real_get_fmpq(q, x) && fmpz_equal_si(fmpq_numref(q), KD_EXPR_LEN_MAX / 2));
    flint_free(s);
    s = nest("1+", KD_EXPR_LEN_MAX / 2 - 1, "1  ", "");
    ck_assert_int_eq(kd_real_parse(x, s), KD_ERR_ARG);
    flint_free(s);

    kd_complex_clear(z);
    kd_real_clear(x);
    fmpq_clear(q);
    fmpq_clear(w);
}
END_TEST

/* A long sum read from text is a deep DAG: evaluating and printing it must
   not exhaust the stack. */
START_TEST(test_long_sum)
{
    slong N = 190000;          /* printed as "pi + pi + ...": under KD_EXPR_LEN_MAX */
    kd_real_t x, y;
    arb_t ref;
    char * s, * t;

    kd_real_init(x);
    kd_real_init(y);
    arb_init(ref);

    s = nest("pi+", N - 1, "pi", "");
    kd_assert_ok(kd_real_parse(x, s));
    arb_const_pi(ref, 300);
    arb_mul_si(ref, ref, N, 300);
    {
        kd_complex_t z;
        acb_t r;
        kd_complex_init(z);
        acb_init(r);
        kd_complex_set_real(z, x);
        acb_set_arb(r, ref);
        check_approx(z, r, 20, "long sum", 0);
        t = kd_real_get_str(x);
        kd_assert_ok(kd_real_parse(y, t));
        kd_complex_set_real(z, y);
        check_approx(z, r, 20, "long sum printed", 0);
        flint_free(t);
        kd_complex_clear(z);
        acb_clear(r);
    }
    flint_free(s);

    kd_real_clear(x);
    kd_real_clear(y);
    arb_clear(ref);
}
END_TEST

/* Random whitespace between tokens. */
static const char *
ws(flint_rand_t state)
{
    static const char * w[] = {"", "", "", " ", "  ", "\t", " \n"};
    return w[n_randint(state, 7)];
}

/* A random expression string together with its value computed directly in
   Arb at precision prec. real_only: no i, cispi (so that sqrt applies). */
static char *
gen_expr(acb_t ref, flint_rand_t state, int depth, int real_only, slong prec)
{
    char * s;
    acb_zero(ref);
    if (depth == 0 || n_randint(state, 3) == 0)
    {
        slong p = (slong) n_randint(state, 41) - 20, q = 1 + n_randint(state, 12);
        ulong kind = n_randint(state, real_only ? 8 : 10);
        switch (kind)
        {
            case 0:
                s = strf("%ld", p < 0 ? -p : p);
                arb_set_si(acb_realref(ref), p < 0 ? -p : p);
                break;
            case 1:     /* an exact decimal a.bbb e-k */
            {
                ulong a = n_randint(state, 100), b = n_randint(state, 1000), k = n_randint(state, 8);
                fmpq_t v;
                fmpz_t t;
                fmpq_init(v);
                fmpz_init(t);
                s = strf("%lu.%03lue-%lu", a, b, k);
                fmpz_set_ui(fmpq_numref(v), 1000 * a + b);
                fmpz_ui_pow_ui(t, 10, 3 + k);
                fmpz_set(fmpq_denref(v), t);
                fmpq_canonicalise(v);
                arb_set_fmpq(acb_realref(ref), v, prec);
                fmpq_clear(v);
                fmpz_clear(t);
                break;
            }
            case 2:
                s = strf("pi");
                arb_const_pi(acb_realref(ref), prec);
                break;
            case 3:
                s = strf("cospi(%s%ld/%ld%s)", ws(state), p, q, ws(state));
                ref_pi_frac(acb_realref(ref), p, q, prec + 20);
                arb_cos(acb_realref(ref), acb_realref(ref), prec);
                break;
            case 4:
                s = strf("sinpi(%ld/%ld)", p, q);
                ref_pi_frac(acb_realref(ref), p, q, prec + 20);
                arb_sin(acb_realref(ref), acb_realref(ref), prec);
                break;
            case 5:
                s = strf("cos(%ld*pi/%ld)", p, q);
                ref_pi_frac(acb_realref(ref), p, q, prec + 20);
                arb_cos(acb_realref(ref), acb_realref(ref), prec);
                break;
            case 6:
                s = strf("sqrt(%ld/%ld)", p < 0 ? -p : p, q);
                arb_set_si(acb_realref(ref), p < 0 ? -p : p);
                arb_div_si(acb_realref(ref), acb_realref(ref), q, prec + 10);
                arb_sqrt(acb_realref(ref), acb_realref(ref), prec);
                break;
            case 7:
                s = strf("2^-%ld", q);
                arb_one(acb_realref(ref));
                arb_mul_2exp_si(acb_realref(ref), acb_realref(ref), -q);
                break;
            case 8:
                s = strf("i");
                acb_onei(ref);
                break;
            default:
                s = strf("cispi(%ld/%ld)", p, q);
                ref_pi_frac(acb_realref(ref), p, q, prec + 20);
                arb_sin_cos(acb_imagref(ref), acb_realref(ref), acb_realref(ref), prec);
                break;
        }
    }
    else
    {
        acb_t ra, rb;
        char * a, * b;
        ulong op = n_randint(state, 7);
        slong e;

        acb_init(ra);
        acb_init(rb);
        a = gen_expr(ra, state, depth - 1, real_only || op == 6, prec);
        b = gen_expr(rb, state, depth - 1, real_only, prec);
        if (op == 3 && acb_contains_zero(rb))
            op = 2;
        if (op == 6 && arb_contains_zero(acb_realref(ra)))
            op = 0;
        switch (op)
        {
            case 0:
                s = strf("(%s)%s+%s(%s)", a, ws(state), ws(state), b);
                acb_add(ref, ra, rb, prec);
                break;
            case 1:
                s = strf("(%s)%s-%s(%s)", a, ws(state), ws(state), b);
                acb_sub(ref, ra, rb, prec);
                break;
            case 2:
                s = strf("(%s)%s*%s(%s)", a, ws(state), ws(state), b);
                acb_mul(ref, ra, rb, prec);
                break;
            case 3:
                s = strf("(%s)%s/%s(%s)", a, ws(state), ws(state), b);
                acb_div(ref, ra, rb, prec);
                break;
            case 4:
                s = strf("-%s(%s)", ws(state), a);
                acb_neg(ref, ra);
                break;
            case 5:
                e = (slong) n_randint(state, 8) - 3;
                if (e < 0 && acb_contains_zero(ra))
                    e = -e;
                s = strf("(%s)%s^%s%ld", a, ws(state), ws(state), e);
                acb_pow_si(ref, ra, e, prec);
                break;
            default:    /* sqrt of a real, negated first when negative */
                if (arb_is_negative(acb_realref(ra)))
                {
                    s = strf("sqrt(-(%s))", a);
                    acb_neg(ra, ra);
                }
                else
                    s = strf("sqrt%s(%s)", ws(state), a);
                acb_sqrt(ref, ra, prec);
                break;
        }
        flint_free(a);
        flint_free(b);
        acb_clear(ra);
        acb_clear(rb);
    }
    return s;
}

START_TEST(test_random_roundtrip)
{
    flint_rand_t state;
    kd_complex_t z, w;
    kd_real_t x, y;
    acb_t ref;
    slong iter, n = 200;
    ulong seed = kd_test_seed(201);

    kd_test_randinit(state, 201);
    kd_complex_init(z);
    kd_complex_init(w);
    kd_real_init(x);
    kd_real_init(y);
    acb_init(ref);
    for (iter = 0; iter < 1000; iter++)
    {
        int real_only = n_randint(state, 2);
        char * s = gen_expr(ref, state, 1 + n_randint(state, 4), real_only, KD_TEST_REF_PREC(n));
        char * t;
        kd_status st;

        st = kd_complex_parse(z, s);
        ck_assert_msg(st == KD_OK, "\"%s\": %s (seed %lu)", s, kd_error_message(), seed);
        check_approx(z, ref, n, s, seed);
        t = kd_complex_get_str(z);
        st = kd_complex_parse(w, t);
        ck_assert_msg(st == KD_OK, "\"%s\" printed as \"%s\": %s (seed %lu)", s, t,
                      kd_error_message(), seed);
        check_approx(w, ref, n, t, seed);
        flint_free(t);
        if (real_only)
        {
            ck_assert_msg(kd_complex_is_real(z), "\"%s\" not structurally real", s);
            st = kd_real_parse(x, s);
            ck_assert_msg(st == KD_OK, "\"%s\": %s (seed %lu)", s, kd_error_message(), seed);
            t = kd_real_get_str(x);
            st = kd_real_parse(y, t);
            ck_assert_msg(st == KD_OK, "\"%s\" printed as \"%s\": %s (seed %lu)", s, t,
                          kd_error_message(), seed);
            kd_complex_set_real(w, y);
            check_approx(w, ref, n, t, seed);
            flint_free(t);
        }
        flint_free(s);
    }
    flint_randclear(state);
    kd_complex_clear(z);
    kd_complex_clear(w);
    kd_real_clear(x);
    kd_real_clear(y);
    acb_clear(ref);
}
END_TEST

/* Error messages quote the input as valid, printable UTF-8: a non-ASCII
   character whole, a control character or an invalid byte as \xNN. */
static int
valid_utf8(const char * s)
{
    const unsigned char * u = (const unsigned char *) s;
    while (*u)
    {
        int n = *u < 0x80 ? 1 : (*u & 0xE0) == 0xC0 ? 2 : (*u & 0xF0) == 0xE0 ? 3
              : (*u & 0xF8) == 0xF0 ? 4 : 0, i;
        if (n == 0 || (n == 1 && *u < 0x20))
            return 0;
        for (i = 1; i < n; i++)
            if ((u[i] & 0xC0) != 0x80)
                return 0;
        u += n;
    }
    return 1;
}

START_TEST(test_error_quoting)
{
    static const char * const in[] = {"\xe2\x88\x9a" "2", "\xff" "2", "1+\x01", "(1+\xe2\x88",
                                      "\xc3\x28", "2*\xf0\x9f\x98\x80"};
    static const char * const want[] = {"'\xe2\x88\x9a'", "\\xFF", "\\x01", "\\xE2", "\\xC3",
                                        "'\xf0\x9f\x98\x80'"};
    kd_real_t x;
    size_t i;
    kd_real_init(x);
    for (i = 0; i < sizeof in / sizeof in[0]; i++)
    {
        ck_assert_int_eq(kd_real_parse(x, in[i]), KD_ERR_PARSE);
        ck_assert_msg(valid_utf8(kd_error_message()), "case %zu: %s", i, kd_error_message());
        ck_assert_msg(strstr(kd_error_message(), want[i]) != NULL, "case %zu: %s", i,
                      kd_error_message());
    }
    kd_real_clear(x);
}
END_TEST

/* Named parameters: a bound name is its value, exactly; built-in names
   cannot be bound; an unbound name is a parse error again after clearing. */
START_TEST(test_params)
{
    kd_complex_t v;
    kd_real_t x;
    fmpq_t q, e;
    kd_complex_init(v);
    kd_real_init(x);
    fmpq_init(q);
    fmpq_init(e);
    kd_assert_ok(kd_complex_parse(v, "1/3"));
    kd_assert_ok(kd_expr_set_param("d", v));
    kd_assert_ok(kd_real_parse(x, "1 + d^2 - 2*d"));
    ck_assert(kd_real_get_fmpq(q, x));
    fmpq_set_si(e, 4, 9);
    ck_assert(fmpq_equal(q, e));
    kd_assert_ok(kd_complex_parse(v, "2^-30"));
    kd_assert_ok(kd_expr_set_param("d", v));     /* replaced */
    kd_assert_ok(kd_real_parse(x, "(1 + d) * 2^30"));
    ck_assert(kd_real_get_fmpq(q, x));
    fmpq_set_si(e, (WORD(1) << 30) + 1, 1);
    ck_assert(fmpq_equal(q, e));
    ck_assert_int_eq(kd_real_parse(x, "dd"), KD_ERR_PARSE);
    ck_assert(strstr(kd_error_message(), "unknown name 'dd'") != NULL);
    ck_assert_int_eq(kd_expr_set_param("sqrt", v), KD_ERR_ARG);
    ck_assert_int_eq(kd_expr_set_param("pi", v), KD_ERR_ARG);
    ck_assert_int_eq(kd_expr_set_param("2d", v), KD_ERR_ARG);
    ck_assert_int_eq(kd_expr_set_param("a-b", v), KD_ERR_ARG);
    ck_assert_int_eq(kd_expr_set_param("", v), KD_ERR_ARG);
    kd_expr_clear_params();
    ck_assert_int_eq(kd_real_parse(x, "1 + d"), KD_ERR_PARSE);
    kd_complex_clear(v);
    kd_real_clear(x);
    fmpq_clear(q);
    fmpq_clear(e);
}
END_TEST

Suite *
kd_suite_parse(void)
{
    Suite * s = suite_create("parse");
    TCase * tc;

    tc = tcase_create("grammar");
    tcase_add_test(tc, test_precedence);
    tcase_add_test(tc, test_whitespace);
    tcase_add_test(tc, test_functions);
    tcase_add_test(tc, test_acceptance);
    tcase_add_test(tc, test_complex);
    suite_add_tcase(s, tc);

    tc = tcase_create("errors");
    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, test_errors);
    tcase_add_test(tc, test_lazy_errors);
    tcase_add_test(tc, test_limits);
    tcase_add_test(tc, test_error_quoting);
    tcase_add_test(tc, test_long_sum);
    tcase_add_test(tc, test_params);
    suite_add_tcase(s, tc);

    tc = tcase_create("random");
    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, test_random_roundtrip);
    suite_add_tcase(s, tc);
    return s;
}
