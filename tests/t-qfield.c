/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for the qfield module: field identities in random quadratic
   fields, exact signs against high-precision Arb, the string form read back
   by the parser, radicand normalisation, and vectors. */
#include <string.h>
#include "testutil.h"
#include "kdigits/qfield.h"

#define PREC 512

/* A random squarefree radicand >= 2 (checked independently of the library
   by trial division). */
static slong
rand_squarefree(flint_rand_t st)
{
    for (;;)
    {
        slong d = 2 + (slong) n_randint(st, 200), p;
        int ok = 1;
        for (p = 2; p * p <= d; p++)
            if (d % (p * p) == 0)
                ok = 0;
        if (ok)
            return d;
    }
}

/* x = a + b sqrt(d) with random a, b in Q(sqrt d) (b may be 0). */
static void
rand_elem(kd_qfield_t x, flint_rand_t st, slong d)
{
    fmpq_t a, b, dd;
    fmpq_init(a);
    fmpq_init(b);
    fmpq_init(dd);
    kd_test_rand_fmpq(a, st, 50, 20);
    kd_test_rand_fmpq(b, st, 50, 20);
    fmpq_set_si(dd, d, 1);
    kd_assert_ok(kd_qfield_set_parts(x, a, b, dd));
    fmpq_clear(a);
    fmpq_clear(b);
    fmpq_clear(dd);
}

/* An independent ball for a + b sqrt(d): sqrt through arb_sqrt of the
   rational radicand, without the library's normalisation. */
static void
ref_arb(arb_t r, const fmpq_t a, const fmpq_t b, const fmpq_t d, slong prec)
{
    arb_t t;
    arb_init(t);
    arb_set_fmpq(t, d, prec);
    arb_sqrt(t, t, prec);
    arb_set_fmpq(r, b, prec);
    arb_mul(t, t, r, prec);
    arb_set_fmpq(r, a, prec);
    arb_add(r, r, t, prec);
    arb_clear(t);
}

/* x and y overlap and both are accurate to about PREC bits (relative, or
   exact): the values agree to that accuracy. */
static int
balls_agree(const arb_t x, const arb_t y)
{
    return arb_overlaps(x, y) && (arb_is_exact(x) || arb_rel_accuracy_bits(x) > PREC - 60)
        && (arb_is_exact(y) || arb_rel_accuracy_bits(y) > PREC - 60);
}

START_TEST(test_normalise)
{
    kd_qfield_t x;
    fmpq_t a, b, d;
    fmpz_t big, p;
    arb_t r1, r2;

    kd_qfield_init(x);
    fmpq_init(a);
    fmpq_init(b);
    fmpq_init(d);
    fmpz_init(big);
    fmpz_init(p);
    arb_init(r1);
    arb_init(r2);

    /* sqrt 8 = 2 sqrt 2 */
    fmpq_set_si(d, 8, 1);
    kd_assert_ok(kd_qfield_sqrt_fmpq(x, d));
    ck_assert(fmpq_is_zero(x->a));
    ck_assert(fmpz_cmp_si(fmpq_numref(x->b), 2) == 0 && fmpz_is_one(fmpq_denref(x->b)));
    ck_assert(fmpz_cmp_si(x->d, 2) == 0);

    /* sqrt(9/4) folds to 3/2 */
    fmpq_set_si(d, 9, 4);
    kd_assert_ok(kd_qfield_sqrt_fmpq(x, d));
    ck_assert(kd_qfield_is_rational(x));
    fmpq_set_si(a, 3, 2);
    ck_assert(fmpq_equal(x->a, a));
    ck_assert(fmpz_is_zero(x->d));

    /* sqrt(8/3) = (2/3) sqrt 6 and 1 + 5 sqrt(12/50) = 1 + sqrt 6 */
    fmpq_set_si(d, 8, 3);
    kd_assert_ok(kd_qfield_sqrt_fmpq(x, d));
    fmpq_set_si(b, 2, 3);
    ck_assert(fmpq_equal(x->b, b) && fmpz_cmp_si(x->d, 6) == 0);
    fmpq_set_si(a, 1, 1);
    fmpq_set_si(b, 5, 1);
    fmpq_set_si(d, 12, 50);
    kd_assert_ok(kd_qfield_set_parts(x, a, b, d));
    ck_assert(fmpq_is_one(x->a) && fmpq_is_one(x->b) && fmpz_cmp_si(x->d, 6) == 0);

    /* sqrt 0 = 0, sqrt 1 = 1, negative radicands are refused */
    fmpq_zero(d);
    kd_assert_ok(kd_qfield_sqrt_fmpq(x, d));
    ck_assert(kd_qfield_is_zero(x));
    fmpq_one(d);
    kd_assert_ok(kd_qfield_sqrt_fmpq(x, d));
    ck_assert(kd_qfield_is_one(x));
    fmpq_set_si(d, -2, 1);
    ck_assert_int_eq(kd_qfield_sqrt_fmpq(x, d), KD_ERR_DOMAIN);

    /* A radicand beyond the factoring limit, (97 * 101)^2 * 3 * p^3 with p
       the Mersenne prime 2^61 - 1, loses the squares of its small primes by
       trial division (p^2 stays: d need not be squarefree there). */
    fmpz_set_ui(p, UWORD(2305843009213693951));
    fmpz_set_ui(big, 97 * 101);
    fmpz_mul(big, big, big);
    fmpz_mul_ui(big, big, 3);
    fmpz_mul(big, big, p);
    fmpz_mul(big, big, p);
    fmpz_mul(big, big, p);
    fmpz_set(fmpq_numref(d), big);
    fmpz_one(fmpq_denref(d));
    kd_assert_ok(kd_qfield_sqrt_fmpq(x, d));
    ck_assert(!fmpz_is_square(x->d));
    ck_assert(fmpz_bits(x->d) > KD_QFIELD_FACTOR_BITS);
    ck_assert(fmpz_divisible(x->d, p));
    ck_assert(!fmpz_divisible_si(x->d, 97 * 97));
    ck_assert(!fmpz_divisible_si(x->d, 101 * 101));
    ck_assert(fmpz_cmp_si(fmpq_numref(x->b), 97 * 101) == 0);
    kd_qfield_get_arb(r1, x, PREC);
    fmpq_zero(a);
    fmpq_one(b);
    ref_arb(r2, a, b, d, PREC);
    ck_assert(balls_agree(r1, r2));

    kd_qfield_clear(x);
    fmpq_clear(a);
    fmpq_clear(b);
    fmpq_clear(d);
    fmpz_clear(big);
    fmpz_clear(p);
    arb_clear(r1);
    arb_clear(r2);
}
END_TEST

START_TEST(test_identities)
{
    flint_rand_t st;
    kd_qfield_t x, y, z, u, v, one;
    fmpq_t n, a2, b2d;
    slong iter;

    kd_test_randinit(st, 101);
    kd_qfield_init(x);
    kd_qfield_init(y);
    kd_qfield_init(z);
    kd_qfield_init(u);
    kd_qfield_init(v);
    kd_qfield_init(one);
    fmpq_init(n);
    fmpq_init(a2);
    fmpq_init(b2d);
    kd_qfield_one(one);
    for (iter = 0; iter < 400; iter++)
    {
        slong d = rand_squarefree(st);
        rand_elem(x, st, d);
        rand_elem(y, st, d);
        rand_elem(z, st, d);

        /* x * (1/x) = 1 */
        if (!kd_qfield_is_zero(x))
        {
            kd_assert_ok(kd_qfield_inv(u, x));
            kd_assert_ok(kd_qfield_mul(u, u, x));
            ck_assert_msg(kd_qfield_is_one(u), "x/x != 1, seed %lu iter %ld",
                          kd_test_seed(101), (long) iter);
        }
        else
            ck_assert_int_eq(kd_qfield_inv(u, x), KD_ERR_DOMAIN);

        /* (a + b r)(a - b r) = a^2 - b^2 d, from the raw parts */
        kd_qfield_conj(u, x);
        kd_assert_ok(kd_qfield_mul(u, x, u));
        fmpq_mul(a2, x->a, x->a);
        fmpq_mul(b2d, x->b, x->b);
        fmpq_mul_si(b2d, b2d, d);
        fmpq_sub(a2, a2, b2d);
        ck_assert(kd_qfield_equal_fmpq(u, a2));
        kd_qfield_norm(n, x);
        ck_assert(fmpq_equal(n, a2));

        /* (x + y) - y = x; x (y + z) = x y + x z; (x / y) y = x */
        kd_assert_ok(kd_qfield_add(u, x, y));
        kd_assert_ok(kd_qfield_sub(u, u, y));
        ck_assert(kd_qfield_equal(u, x));
        kd_assert_ok(kd_qfield_add(u, y, z));
        kd_assert_ok(kd_qfield_mul(u, x, u));
        kd_assert_ok(kd_qfield_mul(v, x, y));
        kd_assert_ok(kd_qfield_mul(z, x, z));
        kd_assert_ok(kd_qfield_add(v, v, z));
        ck_assert(kd_qfield_equal(u, v));
        if (!kd_qfield_is_zero(y))
        {
            kd_assert_ok(kd_qfield_div(u, x, y));
            kd_assert_ok(kd_qfield_mul(u, u, y));
            ck_assert(kd_qfield_equal(u, x));
        }
        else
            ck_assert_int_eq(kd_qfield_div(u, x, y), KD_ERR_DOMAIN);

        /* aliasing: x * x computed in place equals x * copy */
        kd_qfield_set(u, x);
        kd_assert_ok(kd_qfield_mul(v, x, u));
        kd_assert_ok(kd_qfield_mul(u, u, u));
        ck_assert(kd_qfield_equal(u, v));
        /* -(-x) = x; x - x = 0 */
        kd_qfield_neg(u, x);
        kd_qfield_neg(u, u);
        ck_assert(kd_qfield_equal(u, x));
        kd_assert_ok(kd_qfield_sub(u, x, x));
        ck_assert(kd_qfield_is_zero(u));
    }

    /* Fields that differ by a square factor mix; others do not. */
    fmpq_set_si(a2, 8, 1);
    kd_assert_ok(kd_qfield_sqrt_fmpq(x, a2));   /* 2 sqrt 2 */
    fmpq_set_si(a2, 1, 2);
    kd_assert_ok(kd_qfield_sqrt_fmpq(y, a2));   /* sqrt(1/2) = sqrt(2)/2 */
    kd_assert_ok(kd_qfield_mul(u, x, y));
    ck_assert(kd_qfield_is_one(u) == 0 && kd_qfield_is_rational(u));
    fmpq_set_si(a2, 2, 1);
    ck_assert(kd_qfield_equal_fmpq(u, a2));
    fmpq_set_si(a2, 3, 1);
    kd_assert_ok(kd_qfield_sqrt_fmpq(z, a2));
    ck_assert(!kd_qfield_compatible(x, z));
    ck_assert_int_eq(kd_qfield_add(u, x, z), KD_ERR_DOMAIN);

    flint_randclear(st);
    kd_qfield_clear(x);
    kd_qfield_clear(y);
    kd_qfield_clear(z);
    kd_qfield_clear(u);
    kd_qfield_clear(v);
    kd_qfield_clear(one);
    fmpq_clear(n);
    fmpq_clear(a2);
    fmpq_clear(b2d);
}
END_TEST

/* The sign decided by a ball that excludes zero (0 when it does not). */
static int
arb_sign(const arb_t x)
{
    return arb_is_positive(x) ? 1 : (arb_is_negative(x) ? -1 : 0);
}

START_TEST(test_signs)
{
    flint_rand_t st;
    kd_qfield_t x, y;
    arb_t r, s;
    fmpq_t a, b, d;
    slong iter, k;

    kd_test_randinit(st, 102);
    kd_qfield_init(x);
    kd_qfield_init(y);
    arb_init(r);
    arb_init(s);
    fmpq_init(a);
    fmpq_init(b);
    fmpq_init(d);

    /* random elements: the ball at PREC bits decides, and must agree */
    for (iter = 0; iter < 300; iter++)
    {
        slong dd = rand_squarefree(st);
        kd_test_rand_fmpq(a, st, 50, 20);
        kd_test_rand_fmpq(b, st, 50, 20);
        fmpq_set_si(d, dd, 1);
        kd_assert_ok(kd_qfield_set_parts(x, a, b, d));
        ref_arb(r, a, b, d, PREC);
        if (kd_qfield_is_zero(x))
            ck_assert(arb_contains_zero(r));
        else
            ck_assert_msg(arb_sign(r) == kd_qfield_sgn(x), "sign, seed %lu iter %ld",
                          kd_test_seed(102), (long) iter);
    }

    /* near-cancellation: p - q sqrt 2 for the convergents p/q of sqrt 2
       (p^2 - 2 q^2 = +-1, so |p - q sqrt 2| ~ 1/(2 sqrt 2 q)), far below
       double precision for the later ones; the signs alternate. */
    fmpz_one(fmpq_numref(a));
    fmpz_one(fmpq_denref(a));
    fmpz_one(fmpq_numref(b));   /* a = p, b = q as integers */
    fmpz_set_si(fmpq_denref(b), 1);
    fmpq_set_si(d, 2, 1);
    for (k = 0; k < 60; k++)
    {
        fmpq_t mb;
        fmpz_t p, q;
        fmpq_init(mb);
        fmpz_init(p);
        fmpz_init(q);
        fmpq_neg(mb, b);
        kd_assert_ok(kd_qfield_set_parts(x, a, mb, d));
        ref_arb(r, a, mb, d, 4 * PREC);
        ck_assert(!arb_contains_zero(r));
        ck_assert_int_eq(kd_qfield_sgn(x), arb_sign(r));
        ck_assert_int_eq(kd_qfield_sgn(x), (k % 2 == 0) ? -1 : 1);
        /* next convergent: p' = p + 2q, q' = p + q */
        fmpz_addmul_ui(p, fmpq_numref(b), 2);
        fmpz_add(p, p, fmpq_numref(a));
        fmpz_add(q, fmpq_numref(a), fmpq_numref(b));
        fmpz_swap(fmpq_numref(a), p);
        fmpz_swap(fmpq_numref(b), q);
        fmpq_clear(mb);
        fmpz_clear(p);
        fmpz_clear(q);
    }

    /* comparisons, also across fields, against Arb */
    for (iter = 0; iter < 300; iter++)
    {
        slong d1 = rand_squarefree(st), d2 = rand_squarefree(st);
        rand_elem(x, st, d1);
        rand_elem(y, st, n_randint(st, 2) ? d1 : d2);
        kd_qfield_get_arb(r, x, PREC);
        kd_qfield_get_arb(s, y, PREC);
        arb_sub(r, r, s, PREC);
        if (arb_contains_zero(r))
            ck_assert(kd_qfield_cmp(x, y) == 0 && kd_qfield_equal(x, y));
        else
            ck_assert_msg(kd_qfield_cmp(x, y) == arb_sign(r), "cmp, seed %lu iter %ld",
                          kd_test_seed(102), (long) iter);
    }
    /* an exact cross-field tie and a near tie: sqrt 2 + sqrt 3 vs
       sqrt(5 + 2 sqrt 6) is not representable; use 1 + sqrt 2 vs sqrt 3 + 2/3 */
    fmpq_one(a);
    fmpq_one(b);
    fmpq_set_si(d, 2, 1);
    kd_assert_ok(kd_qfield_set_parts(x, a, b, d));
    fmpq_set_si(a, 2, 3);
    fmpq_set_si(d, 3, 1);
    kd_assert_ok(kd_qfield_set_parts(y, a, b, d));
    ck_assert_int_eq(kd_qfield_cmp(x, y), 1);   /* 2.4142 > 2.3987 */
    ck_assert_int_eq(kd_qfield_cmp(y, x), -1);
    ck_assert_int_eq(kd_qfield_cmp(x, x), 0);

    flint_randclear(st);
    kd_qfield_clear(x);
    kd_qfield_clear(y);
    arb_clear(r);
    arb_clear(s);
    fmpq_clear(a);
    fmpq_clear(b);
    fmpq_clear(d);
}
END_TEST

START_TEST(test_string_real)
{
    flint_rand_t st;
    kd_qfield_t x, x2;
    kd_real_t v, w;
    arb_t r, s, t;
    fmpq_t a, b, d, off;
    slong iter;

    kd_test_randinit(st, 103);
    kd_qfield_init(x);
    kd_qfield_init(x2);
    kd_real_init(v);
    kd_real_init(w);
    arb_init(r);
    arb_init(s);
    arb_init(t);
    fmpq_init(a);
    fmpq_init(b);
    fmpq_init(d);
    fmpq_init(off);
    fmpq_set_si(off, 1, 1000000);
    for (iter = 0; iter < 200; iter++)
    {
        char * str;
        kd_test_rand_fmpq(a, st, 50, 20);
        kd_test_rand_fmpq(b, st, 50, 20);
        if (iter % 7 == 0)
            fmpq_zero(a);
        if (iter % 11 == 0)
            fmpq_one(b);
        if (iter % 13 == 0)
            fmpq_set_si(b, -1, 1);
        kd_test_rand_fmpq(d, st, 300, 10);
        fmpq_abs(d, d);
        kd_assert_ok(kd_qfield_set_parts(x, a, b, d));
        ref_arb(r, a, b, d, PREC);

        /* the string parses back to the same value */
        str = kd_qfield_get_str(x);
        kd_assert_ok(kd_real_parse(v, str));
        kd_assert_ok(kd_real_eval_arb(s, v, PREC));
        ck_assert_msg(balls_agree(r, s), "round trip of %s (seed %lu)", str,
                      kd_test_seed(103));
        /* and is not vacuous: x + 10^-6 does not match */
        kd_qfield_add_fmpq(x2, x, off);
        kd_qfield_get_arb(t, x2, PREC);
        ck_assert(!arb_overlaps(t, s));
        flint_free(str);

        /* the exact real and the ball agree with the raw parts */
        kd_assert_ok(kd_qfield_get_real(w, x));
        kd_assert_ok(kd_real_eval_arb(s, w, PREC));
        ck_assert(balls_agree(r, s));
        kd_qfield_get_arb(s, x, PREC);
        ck_assert(balls_agree(r, s));
    }
    /* the documented shapes */
    {
        char * str;
        fmpq_set_si(a, -3, 4);
        fmpq_set_si(b, -5, 7);
        fmpq_set_si(d, 2, 1);
        kd_assert_ok(kd_qfield_set_parts(x, a, b, d));
        str = kd_qfield_get_str(x);
        ck_assert_str_eq(str, "-3/4 - 5/7*sqrt(2)");
        flint_free(str);
        fmpq_zero(a);
        fmpq_one(b);
        kd_assert_ok(kd_qfield_set_parts(x, a, b, d));
        str = kd_qfield_get_str(x);
        ck_assert_str_eq(str, "sqrt(2)");
        flint_free(str);
    }

    flint_randclear(st);
    kd_qfield_clear(x);
    kd_qfield_clear(x2);
    kd_real_clear(v);
    kd_real_clear(w);
    arb_clear(r);
    arb_clear(s);
    arb_clear(t);
    fmpq_clear(a);
    fmpq_clear(b);
    fmpq_clear(d);
    fmpq_clear(off);
}
END_TEST

START_TEST(test_qvec)
{
    flint_rand_t st;
    kd_qvec_t v, u;
    kd_qfield_t mu, x, y;
    fmpq_mat_t xa, xb, M;
    arb_mat_t R;
    arb_t e, t, t2;
    kd_mat_t K;
    fmpq_t d;
    slong i, j, n = 5;
    char * s;

    kd_test_randinit(st, 104);
    kd_qvec_init(v, 0);
    kd_qvec_init(u, 0);
    kd_qfield_init(mu);
    kd_qfield_init(x);
    kd_qfield_init(y);
    fmpq_mat_init(xa, n, 1);
    fmpq_mat_init(xb, n, 1);
    fmpq_mat_init(M, 3, n);
    arb_mat_init(R, n, 1);
    arb_init(e);
    arb_init(t);
    arb_init(t2);
    fmpq_init(d);
    for (i = 0; i < n; i++)
    {
        kd_test_rand_fmpq(fmpq_mat_entry(xa, i, 0), st, 20, 9);
        kd_test_rand_fmpq(fmpq_mat_entry(xb, i, 0), st, 20, 9);
        for (j = 0; j < 3; j++)
            kd_test_rand_fmpq(fmpq_mat_entry(M, j, i), st, 20, 9);
    }
    fmpq_set_si(d, 7, 1);
    kd_assert_ok(kd_qfield_sqrt_fmpq(mu, d));
    fmpq_set_si(d, 1, 3);
    kd_qfield_add_fmpq(mu, mu, d);                  /* mu = 1/3 + sqrt 7 */
    kd_assert_ok(kd_qvec_set_affine(v, xa, mu, xb));
    ck_assert_int_eq(kd_qvec_length(v), n);
    kd_qvec_get_arb_mat(R, v, PREC);
    kd_qfield_get_arb(t, mu, PREC);
    for (i = 0; i < n; i++)
    {
        /* entry i = xa_i + mu xb_i */
        kd_qvec_get_entry(x, v, i);
        kd_qfield_mul_fmpq(y, mu, fmpq_mat_entry(xb, i, 0));
        kd_qfield_add_fmpq(y, y, fmpq_mat_entry(xa, i, 0));
        ck_assert(kd_qfield_equal(x, y));
        arb_set_fmpq(e, fmpq_mat_entry(xb, i, 0), PREC);
        arb_mul(e, e, t, PREC);
        arb_set_fmpq(t2, fmpq_mat_entry(xa, i, 0), PREC);
        arb_add(e, e, t2, PREC);
        ck_assert(balls_agree(e, arb_mat_entry(R, i, 0)));
    }
    /* M v computed entrywise */
    kd_assert_ok(kd_qvec_mul_fmpq_mat(u, M, v));
    for (j = 0; j < 3; j++)
    {
        kd_qfield_zero(y);
        for (i = 0; i < n; i++)
        {
            kd_qvec_get_entry(x, v, i);
            kd_qfield_mul_fmpq(x, x, fmpq_mat_entry(M, j, i));
            kd_assert_ok(kd_qfield_add(y, y, x));
        }
        kd_qvec_get_entry(x, u, j);
        ck_assert(kd_qfield_equal(x, y));
    }
    /* entries from a compatible field go in; others are refused */
    fmpq_set_si(d, 28, 1);                          /* sqrt 28 = 2 sqrt 7 */
    kd_assert_ok(kd_qfield_sqrt_fmpq(x, d));
    kd_assert_ok(kd_qvec_set_entry(v, 0, x));
    kd_qvec_get_entry(y, v, 0);
    ck_assert(kd_qfield_equal(x, y));
    fmpq_set_si(d, 5, 1);
    kd_assert_ok(kd_qfield_sqrt_fmpq(x, d));
    ck_assert_int_eq(kd_qvec_set_entry(v, 1, x), KD_ERR_DOMAIN);
    /* a rational vector takes the field of the entry */
    kd_qvec_set_fmpq_mat(u, xa);
    kd_assert_ok(kd_qvec_set_entry(u, 2, x));
    kd_qvec_get_entry(y, u, 2);
    ck_assert(kd_qfield_equal(x, y));
    /* exact matrix and string forms */
    kd_assert_ok(kd_mat_init(K, 1, 1));
    kd_assert_ok(kd_qvec_get_mat(K, v));
    ck_assert(kd_mat_nrows(K) == n);
    for (i = 0; i < n; i++)
    {
        kd_assert_ok(kd_real_eval_arb(e, kd_mat_entry_re(K, i, 0), PREC));
        kd_qvec_get_entry(x, v, i);
        kd_qfield_get_arb(t, x, PREC);
        ck_assert(balls_agree(e, t));
    }
    s = kd_qvec_get_str(v);
    ck_assert(s[0] == '[' && s[strlen(s) - 1] == ']' && strstr(s, "sqrt(7)") != NULL);
    flint_free(s);
    kd_mat_clear(K);
    kd_qvec_zero(v, 3);
    ck_assert(kd_qvec_is_zero(v) && kd_qvec_length(v) == 3);

    flint_randclear(st);
    kd_qvec_clear(v);
    kd_qvec_clear(u);
    kd_qfield_clear(mu);
    kd_qfield_clear(x);
    kd_qfield_clear(y);
    fmpq_mat_clear(xa);
    fmpq_mat_clear(xb);
    fmpq_mat_clear(M);
    arb_mat_clear(R);
    arb_clear(e);
    arb_clear(t);
    arb_clear(t2);
    fmpq_clear(d);
}
END_TEST

Suite *
kd_suite_qfield(void)
{
    Suite * s = suite_create("qfield");
    TCase * tc = tcase_create("core");
    tcase_add_test(tc, test_normalise);
    tcase_add_test(tc, test_identities);
    tcase_add_test(tc, test_signs);
    tcase_add_test(tc, test_string_real);
    tcase_add_test(tc, test_qvec);
    suite_add_tcase(s, tc);
    return s;
}
