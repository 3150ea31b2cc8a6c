/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for exact complex numbers: exact folding of i and exp(i pi q),
   and the modulus oracle contract against independent acb references. */
#include <string.h>
#include "testutil.h"

/* r = exp(i pi c) from arb_sin_cos of pi c (not the *_pi_fmpq functions). */
static void
ref_exp_pi_i(acb_t r, const fmpq_t c, slong prec)
{
    arb_t t;
    arb_init(t);
    arb_const_pi(t, prec + 20);
    arb_mul_fmpz(t, t, fmpq_numref(c), prec + 20);
    arb_div_fmpz(t, t, fmpq_denref(c), prec + 20);
    arb_sin_cos(acb_imagref(r), acb_realref(r), t, prec);
    arb_clear(t);
}

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

/* The modulus contract of kd_complex_approx against a reference ball: both
   parts dyadic, err <= 2^-n, |q - z| <= 2^-n proved, |q - z| <= err not
   refuted; a structurally real z has im = 0 exactly and re on the 2^-(n+1)
   grid (or exact), otherwise each part is on the 2^-(n+2) grid (or exact). */
static void
check_approx(const kd_complex_t z, const acb_t ref, slong n, const char * tag, ulong seed)
{
    fmpq_t re, im, v;
    mag_t err;
    acb_t Q, d;
    arf_t ub, lb, e;
    kd_status st;
    int k;

    fmpq_init(re);
    fmpq_init(im);
    fmpq_init(v);
    mag_init(err);
    acb_init(Q);
    acb_init(d);
    arf_init(ub);
    arf_init(lb);
    arf_init(e);

    st = kd_complex_approx(re, im, err, z, n, 0);
    ck_assert_msg(st == KD_OK, "%s n=%ld seed=%lu: %s: %s", tag, n, seed, kd_status_name(st),
                  kd_error_message());
    ck_assert_msg(mag_cmp_2exp_si(arb_radref(acb_realref(ref)), -n - 8) <= 0
                  && mag_cmp_2exp_si(arb_radref(acb_imagref(ref)), -n - 8) <= 0,
                  "%s n=%ld seed=%lu: reference too coarse", tag, n, seed);
    ck_assert_msg(kd_test_fmpq_is_dyadic(re) && kd_test_fmpq_is_dyadic(im), "%s n=%ld seed=%lu: not dyadic",
                  tag, n, seed);
    ck_assert_msg(mag_cmp_2exp_si(err, -n) <= 0, "%s n=%ld seed=%lu: err > 2^-n", tag, n, seed);

    kd_test_arb_set_dyadic(acb_realref(Q), re);
    kd_test_arb_set_dyadic(acb_imagref(Q), im);
    acb_sub(d, Q, ref, 2 * KD_TEST_REF_PREC(n));
    acb_get_abs_ubound_arf(ub, d, 64);
    ck_assert_msg(arf_cmp_2exp_si(ub, -n) <= 0, "%s n=%ld seed=%lu: |q - z| <= 2^-n not proved",
                  tag, n, seed);
    acb_get_abs_lbound_arf(lb, d, 64);
    arf_set_mag(e, err);
    ck_assert_msg(arf_cmp(lb, e) <= 0, "%s n=%ld seed=%lu: err below the true error", tag, n, seed);

    if (kd_complex_is_real(z))
        ck_assert_msg(fmpq_is_zero(im), "%s n=%ld seed=%lu: real z with im != 0", tag, n, seed);
    /* the parts are the real oracle's answers at level n + 1 (n when real) */
    for (k = 0; k < 2; k++)
    {
        const kd_real_struct * part = k == 0 ? kd_complex_realref(z) : kd_complex_imagref(z);
        slong m = kd_complex_is_real(z) ? n : n + 1;
        mag_t e2;
        mag_init(e2);
        if (k == 0 || !kd_complex_is_real(z))
        {
            kd_assert_ok(kd_real_approx(v, e2, part, m, 0));
            ck_assert_msg(fmpq_equal(v, k == 0 ? re : im),
                          "%s n=%ld seed=%lu: part %d is not the level-%ld answer", tag, n,
                          seed, k, m);
        }
        mag_clear(e2);
    }
    for (k = 0; k < 2; k++)
    {
        const kd_real_struct * part = k == 0 ? kd_complex_realref(z) : kd_complex_imagref(z);
        const fmpq * q = k == 0 ? re : im;
        slong grid = kd_complex_is_real(z) ? n + 1 : n + 2;
        if (kd_real_get_fmpq(v, part) && kd_test_fmpq_is_dyadic(v))
            ck_assert_msg(fmpq_equal(q, v), "%s n=%ld seed=%lu: exact part %d not exact",
                          tag, n, seed, k);
        else
            ck_assert_msg((slong) fmpz_val2(fmpq_denref(q)) <= grid,
                          "%s n=%ld seed=%lu: part %d off the grid", tag, n, seed, k);
    }

    fmpq_clear(re);
    fmpq_clear(im);
    fmpq_clear(v);
    mag_clear(err);
    acb_clear(Q);
    acb_clear(d);
    arf_clear(ub);
    arf_clear(lb);
    arf_clear(e);
}

START_TEST(test_exact_units)
{
    kd_complex_t z, w;
    fmpq_t q;
    acb_t ref;
    slong k;

    kd_complex_init(z);
    kd_complex_init(w);
    fmpq_init(q);
    acb_init(ref);

    /* init is 0, one is 1, onei is i */
    ck_assert(kd_complex_is_zero(z) && kd_complex_is_real(z));
    kd_complex_one(z);
    ck_assert(is_exactly(z, 1, 1, 0, 1) && kd_complex_is_real(z));
    kd_complex_onei(z);
    ck_assert(is_exactly(z, 0, 1, 1, 1) && !kd_complex_is_real(z) && !kd_complex_is_zero(z));

    /* i*i = -1 exactly and structurally real; i^2, i^3, i^4, i^-1 too */
    kd_complex_mul(w, z, z);
    ck_assert(kd_complex_is_real(w) && is_exactly(w, -1, 1, 0, 1));
    kd_complex_mul(w, w, z);
    ck_assert(is_exactly(w, 0, 1, -1, 1));
    kd_assert_ok(kd_complex_pow_si(w, z, 4));
    ck_assert(kd_complex_is_real(w) && is_exactly(w, 1, 1, 0, 1));
    kd_assert_ok(kd_complex_pow_si(w, z, -1));
    ck_assert(is_exactly(w, 0, 1, -1, 1));
    kd_assert_ok(kd_complex_pow_si(w, z, -2));
    ck_assert(kd_complex_is_real(w) && is_exactly(w, -1, 1, 0, 1));
    kd_complex_conj(w, z);
    kd_complex_mul(w, w, z);
    ck_assert(kd_complex_is_real(w) && is_exactly(w, 1, 1, 0, 1));
    kd_complex_sub(w, z, z);
    ck_assert(kd_complex_is_zero(w));

    /* exp(i pi q) at the quarter turns is exact */
    fmpq_set_si(q, 1, 2);
    kd_complex_exp_pi_i_fmpq(z, q);
    ck_assert(is_exactly(z, 0, 1, 1, 1));
    fmpq_set_si(q, 1, 1);
    kd_complex_exp_pi_i_fmpq(z, q);
    ck_assert(kd_complex_is_real(z) && is_exactly(z, -1, 1, 0, 1));
    fmpq_set_si(q, -3, 2);
    kd_complex_exp_pi_i_fmpq(z, q);
    ck_assert(is_exactly(z, 0, 1, 1, 1));
    fmpq_set_si(q, 4, 1);
    kd_complex_exp_pi_i_fmpq(z, q);
    ck_assert(kd_complex_is_real(z) && is_exactly(z, 1, 1, 0, 1));
    /* exp(i pi/3): re = 1/2 exactly, im = sqrt(3)/2 not rational */
    fmpq_set_si(q, 1, 3);
    kd_complex_exp_pi_i_fmpq(z, q);
    ck_assert(kd_real_get_fmpq(q, kd_complex_realref(z)));
    ck_assert(fmpz_equal_si(fmpq_numref(q), 1) && fmpz_equal_si(fmpq_denref(q), 2));
    ck_assert(!kd_real_is_fmpq(kd_complex_imagref(z)));

    /* exact dyadic parts come back exactly with err 0 */
    for (k = 0; k < 4; k++)
    {
        fmpq_t re, im;
        mag_t err;
        static const slong lv[] = {0, 1, 30, 500};
        fmpq_init(re);
        fmpq_init(im);
        mag_init(err);
        kd_complex_onei(z);
        kd_assert_ok(kd_complex_approx(re, im, err, z, lv[k], 0));
        ck_assert(fmpq_is_zero(re) && fmpq_is_one(im) && mag_is_zero(err));
        fmpq_set_si(q, -3, 8);
        kd_real_set_fmpq(kd_complex_realref(z), q);
        kd_assert_ok(kd_complex_approx(re, im, err, z, lv[k], 0));
        ck_assert(fmpq_equal(re, q) && fmpq_is_one(im) && mag_is_zero(err));
        fmpq_clear(re);
        fmpq_clear(im);
        mag_clear(err);
    }

    kd_complex_clear(z);
    kd_complex_clear(w);
    fmpq_clear(q);
    acb_clear(ref);
}
END_TEST

/* Unitary DFT entries exp(-2 pi i jk/m)/sqrt(m). */
START_TEST(test_dft_entries)
{
    static const slong ms[] = {1, 2, 3, 4, 5, 6, 7, 8, 12, 16};
    static const slong lv[] = {0, 10, 53, 200};
    kd_complex_t z, s;
    kd_real_t r;
    acb_t ref;
    arb_t sq;
    fmpq_t c;
    slong mi, j, k, l;
    char tag[96];

    kd_complex_init(z);
    kd_complex_init(s);
    kd_real_init(r);
    acb_init(ref);
    arb_init(sq);
    fmpq_init(c);
    for (mi = 0; mi < (slong) (sizeof ms / sizeof ms[0]); mi++)
    {
        slong m = ms[mi];
        kd_real_set_si(r, m);
        kd_assert_ok(kd_real_sqrt(r, r));
        kd_complex_set_real(s, r);
        arb_sqrt_ui(sq, m, KD_TEST_REF_PREC(200) + 20);
        for (j = 0; j < m; j++)
            for (k = 0; k < m; k++)
            {
                fmpq_set_si(c, -2 * j * k, m);
                kd_complex_exp_pi_i_fmpq(z, c);
                kd_assert_ok(kd_complex_div(z, z, s));
                ref_exp_pi_i(ref, c, KD_TEST_REF_PREC(200) + 20);
                acb_div_arb(ref, ref, sq, KD_TEST_REF_PREC(200));
                /* sin(pi q) = 0 exactly when q is an integer: then real */
                if ((2 * j * k) % m == 0)
                    ck_assert_msg(kd_complex_is_real(z), "m=%ld j=%ld k=%ld not real", m, j, k);
                snprintf(tag, sizeof tag, "DFT m=%ld j=%ld k=%ld", m, j, k);
                for (l = 0; l < (slong) (sizeof lv / sizeof lv[0]); l++)
                    check_approx(z, ref, lv[l], tag, 0);
            }
    }
    kd_complex_clear(z);
    kd_complex_clear(s);
    kd_real_clear(r);
    acb_clear(ref);
    arb_clear(sq);
    fmpq_clear(c);
}
END_TEST

START_TEST(test_structurally_real)
{
    kd_complex_t z;
    kd_real_t x;
    fmpq_t re, im, c;
    mag_t err;
    slong n;

    kd_complex_init(z);
    kd_real_init(x);
    fmpq_init(re);
    fmpq_init(im);
    fmpq_init(c);
    mag_init(err);

    fmpq_set_si(c, 2, 7);
    kd_real_cos_pi_fmpq(x, c);
    kd_complex_set_real(z, x);
    ck_assert(kd_complex_is_real(z));
    for (n = 0; n < 200; n += 13)
    {
        fmpq_set_si(im, 5, 1);
        kd_assert_ok(kd_complex_approx(re, im, err, z, n, 0));
        ck_assert(fmpq_is_zero(im));
        ck_assert((slong) fmpz_val2(fmpq_denref(re)) <= n + 1);
    }
    /* a real value built by complex arithmetic: (1 + i)(1 - i) = 2 */
    kd_complex_onei(z);
    kd_complex_set_real_imag(z, kd_complex_imagref(z), kd_complex_imagref(z));
    {
        kd_complex_t w;
        kd_complex_init(w);
        kd_complex_conj(w, z);
        kd_complex_mul(z, z, w);
        ck_assert(kd_complex_is_real(z) && is_exactly(z, 2, 1, 0, 1));
        kd_assert_ok(kd_complex_approx(re, im, err, z, 10, 0));
        ck_assert(fmpz_equal_si(fmpq_numref(re), 2) && fmpq_is_zero(im) && mag_is_zero(err));
        kd_complex_clear(w);
    }
    kd_complex_clear(z);
    kd_real_clear(x);
    fmpq_clear(re);
    fmpq_clear(im);
    fmpq_clear(c);
    mag_clear(err);
}
END_TEST

START_TEST(test_division_by_zero)
{
    kd_complex_t x, y, z;
    fmpq_t re, im, c;
    mag_t err;
    kd_status st;

    kd_complex_init(x);
    kd_complex_init(y);
    kd_complex_init(z);
    fmpq_init(re);
    fmpq_init(im);
    fmpq_init(c);
    mag_init(err);

    kd_complex_onei(x);
    kd_complex_zero(y);
    ck_assert_int_eq(kd_complex_div(z, x, y), KD_ERR_DOMAIN);
    ck_assert(kd_complex_is_zero(z));       /* untouched */
    ck_assert_int_eq(kd_complex_pow_si(z, y, -1), KD_ERR_DOMAIN);
    ck_assert_int_eq(kd_complex_pow_si(z, y, -7), KD_ERR_DOMAIN);
    /* i - i folds to a structural zero */
    kd_complex_sub(y, x, x);
    ck_assert_int_eq(kd_complex_div(z, x, y), KD_ERR_DOMAIN);

    /* exp(i pi/7) - exp(i pi/7) is zero but not structurally: lazy */
    fmpq_set_si(c, 1, 7);
    kd_complex_exp_pi_i_fmpq(y, c);
    kd_complex_exp_pi_i_fmpq(z, c);
    kd_complex_sub(y, y, z);
    ck_assert(!kd_complex_is_zero(y));
    kd_assert_ok(kd_complex_div(z, x, y));
    st = kd_complex_approx(re, im, err, z, 10, 256);
    ck_assert_msg(st == KD_ERR_UNDECIDED, "gave %s", kd_status_name(st));
    ck_assert(strstr(kd_error_message(), "could not decide") != NULL);

    kd_complex_clear(x);
    kd_complex_clear(y);
    kd_complex_clear(z);
    fmpq_clear(re);
    fmpq_clear(im);
    fmpq_clear(c);
    mag_clear(err);
}
END_TEST

START_TEST(test_pow_si)
{
    kd_complex_t z, w, t;
    acb_t rz, ref;
    fmpq_t c;
    slong b, e, prec = KD_TEST_REF_PREC(300);
    char tag[64];

    kd_complex_init(z);
    kd_complex_init(w);
    kd_complex_init(t);
    acb_init(rz);
    acb_init(ref);
    fmpq_init(c);

    /* exact: (1 + i)^-2 = -i/2, (1 + 2i)^-1 = (1 - 2i)/5, ((3 - 4i)/5)^-3 */
    kd_complex_onei(z);
    kd_real_one(kd_complex_realref(z));
    kd_assert_ok(kd_complex_pow_si(w, z, -2));
    ck_assert(is_exactly(w, 0, 1, -1, 2));
    kd_real_set_si(kd_complex_imagref(z), 2);
    kd_assert_ok(kd_complex_pow_si(w, z, -1));
    ck_assert(is_exactly(w, 1, 5, -2, 5));
    kd_assert_ok(kd_complex_pow_si(w, z, 0));
    ck_assert(is_exactly(w, 1, 1, 0, 1));

    for (b = 0; b < 4; b++)
    {
        switch (b)
        {
            case 0:     /* (1 + 2i)/3 */
                kd_complex_onei(z);
                kd_real_set_si(kd_complex_imagref(z), 2);
                kd_real_one(kd_complex_realref(z));
                kd_complex_one(t);
                kd_real_set_si(kd_complex_realref(t), 3);
                kd_assert_ok(kd_complex_div(z, z, t));
                acb_set_si_si(rz, 1, 2);
                acb_div_ui(rz, rz, 3, prec);
                break;
            case 1:     /* exp(i pi 2/7) * sqrt(2) */
                fmpq_set_si(c, 2, 7);
                kd_complex_exp_pi_i_fmpq(z, c);
                kd_real_set_si(kd_complex_realref(t), 2);
                kd_assert_ok(kd_real_sqrt(kd_complex_realref(t), kd_complex_realref(t)));
                kd_real_zero(kd_complex_imagref(t));
                kd_complex_mul(z, z, t);
                ref_exp_pi_i(rz, c, prec);
                {
                    arb_t s;
                    arb_init(s);
                    arb_sqrt_ui(s, 2, prec);
                    acb_mul_arb(rz, rz, s, prec);
                    arb_clear(s);
                }
                break;
            case 2:     /* (-3/4 + i pi) */
                kd_complex_onei(z);
                kd_real_pi(kd_complex_imagref(z));
                fmpq_set_si(c, -3, 4);
                kd_real_set_fmpq(kd_complex_realref(z), c);
                arb_set_fmpq(acb_realref(rz), c, prec);
                arb_const_pi(acb_imagref(rz), prec);
                break;
            default:    /* a real base through the complex interface: -sqrt(3) */
                kd_real_set_si(kd_complex_realref(z), 3);
                kd_assert_ok(kd_real_sqrt(kd_complex_realref(z), kd_complex_realref(z)));
                kd_real_neg(kd_complex_realref(z), kd_complex_realref(z));
                kd_real_zero(kd_complex_imagref(z));
                arb_sqrt_ui(acb_realref(rz), 3, prec);
                arb_neg(acb_realref(rz), acb_realref(rz));
                arb_zero(acb_imagref(rz));
                break;
        }
        for (e = -7; e <= 7; e++)
        {
            kd_assert_ok(kd_complex_pow_si(w, z, e));
            acb_pow_si(ref, rz, e, prec);
            snprintf(tag, sizeof tag, "base %ld ^ %ld", b, e);
            check_approx(w, ref, 0, tag, 0);
            check_approx(w, ref, 20, tag, 0);
            check_approx(w, ref, 300, tag, 0);
            /* aliased */
            kd_complex_set(t, z);
            kd_assert_ok(kd_complex_pow_si(t, t, e));
            check_approx(t, ref, 100, tag, 0);
        }
    }

    kd_complex_clear(z);
    kd_complex_clear(w);
    kd_complex_clear(t);
    acb_clear(rz);
    acb_clear(ref);
    fmpq_clear(c);
}
END_TEST

START_TEST(test_sqrt)
{
    kd_complex_t z, w;
    acb_t ref;
    fmpq_t c;

    kd_complex_init(z);
    kd_complex_init(w);
    acb_init(ref);
    fmpq_init(c);

    kd_complex_onei(z);
    ck_assert_int_eq(kd_complex_sqrt(w, z), KD_ERR_UNSUPPORTED);
    ck_assert(strlen(kd_error_message()) > 0);
    fmpq_set_si(c, 1, 5);
    kd_complex_exp_pi_i_fmpq(z, c);
    ck_assert_int_eq(kd_complex_sqrt(w, z), KD_ERR_UNSUPPORTED);
    /* i*i is real -1: a domain error, not unsupported */
    kd_complex_onei(z);
    kd_complex_mul(z, z, z);
    ck_assert_int_eq(kd_complex_sqrt(w, z), KD_ERR_DOMAIN);
    /* sqrt(4 + 0i) = 2 exactly; sqrt(pi) against Arb */
    kd_complex_one(z);
    kd_real_set_si(kd_complex_realref(z), 4);
    kd_assert_ok(kd_complex_sqrt(w, z));
    ck_assert(kd_complex_is_real(w) && is_exactly(w, 2, 1, 0, 1));
    kd_real_pi(kd_complex_realref(z));
    kd_assert_ok(kd_complex_sqrt(w, z));
    ck_assert(kd_complex_is_real(w));
    arb_const_pi(acb_realref(ref), KD_TEST_REF_PREC(300));
    arb_sqrt(acb_realref(ref), acb_realref(ref), KD_TEST_REF_PREC(300));
    arb_zero(acb_imagref(ref));
    check_approx(w, ref, 300, "sqrt(pi)", 0);

    kd_complex_clear(z);
    kd_complex_clear(w);
    acb_clear(ref);
    fmpq_clear(c);
}
END_TEST

/* Random complex expressions built in parallel with an acb reference. */
static void
gen_complex(kd_complex_t z, acb_t ref, flint_rand_t state, int depth, slong prec)
{
    fmpq_t c;
    fmpq_init(c);
    if (depth == 0 || n_randint(state, 3) == 0)
    {
        fmpq_set_si(c, (slong) n_randint(state, 41) - 20, 1 + n_randint(state, 10));
        switch (n_randint(state, 5))
        {
            case 0:
                kd_complex_exp_pi_i_fmpq(z, c);
                ref_exp_pi_i(ref, c, prec);
                break;
            case 1:
                kd_complex_onei(z);
                kd_real_set_fmpq(kd_complex_imagref(z), c);
                acb_zero(ref);
                arb_set_fmpq(acb_imagref(ref), c, prec);
                break;
            case 2:
                kd_complex_zero(z);
                kd_real_set_fmpq(kd_complex_realref(z), c);
                acb_zero(ref);
                arb_set_fmpq(acb_realref(ref), c, prec);
                break;
            case 3:
                kd_complex_zero(z);
                kd_real_pi(kd_complex_realref(z));
                acb_zero(ref);
                arb_const_pi(acb_realref(ref), prec);
                break;
            default:    /* sqrt(|c|) i */
                fmpq_abs(c, c);
                kd_complex_zero(z);
                kd_real_set_fmpq(kd_complex_imagref(z), c);
                kd_assert_ok(kd_real_sqrt(kd_complex_imagref(z), kd_complex_imagref(z)));
                acb_zero(ref);
                arb_set_fmpq(acb_imagref(ref), c, prec + 10);
                arb_sqrt(acb_imagref(ref), acb_imagref(ref), prec);
                break;
        }
    }
    else
    {
        kd_complex_t a, b;
        acb_t ra, rb;
        ulong op = n_randint(state, 7);
        slong e;

        kd_complex_init(a);
        kd_complex_init(b);
        acb_init(ra);
        acb_init(rb);
        gen_complex(a, ra, state, depth - 1, prec);
        gen_complex(b, rb, state, depth - 1, prec);
        if (op == 3 && acb_contains_zero(rb))
            op = 2;
        switch (op)
        {
            case 0:
                kd_complex_add(z, a, b);
                acb_add(ref, ra, rb, prec);
                break;
            case 1:
                kd_complex_sub(z, a, b);
                acb_sub(ref, ra, rb, prec);
                break;
            case 2:
                kd_complex_mul(z, a, b);
                acb_mul(ref, ra, rb, prec);
                break;
            case 3:
                kd_assert_ok(kd_complex_div(z, a, b));
                acb_div(ref, ra, rb, prec);
                break;
            case 4:
                kd_complex_neg(z, a);
                acb_neg(ref, ra);
                break;
            case 5:
                kd_complex_conj(z, a);
                acb_conj(ref, ra);
                break;
            default:
                e = (slong) n_randint(state, 9) - 4;
                if (e < 0 && acb_contains_zero(ra))
                    e = -e;
                kd_assert_ok(kd_complex_pow_si(z, a, e));
                acb_pow_si(ref, ra, e, prec);
                break;
        }
        kd_complex_clear(a);
        kd_complex_clear(b);
        acb_clear(ra);
        acb_clear(rb);
    }
    fmpq_clear(c);
}

START_TEST(test_random)
{
    static const slong lv[] = {0, 1, 10, 53, 100, 300, 1000};
    flint_rand_t state;
    kd_complex_t z, w;
    acb_t ref, b;
    slong iter, i;
    ulong seed = kd_test_seed(101);
    char tag[32];

    kd_test_randinit(state, 101);
    kd_complex_init(z);
    kd_complex_init(w);
    acb_init(ref);
    acb_init(b);
    for (iter = 0; iter < 300; iter++)
    {
        gen_complex(z, ref, state, 1 + n_randint(state, 4), KD_TEST_REF_PREC(1000));
        snprintf(tag, sizeof tag, "expr %ld", iter);
        for (i = 0; i < (slong) (sizeof lv / sizeof lv[0]); i++)
            check_approx(z, ref, lv[i], tag, seed);
        /* the ball evaluation contains z */
        if (kd_complex_eval_acb(b, z, 100 + n_randint(state, 300)) == KD_OK)
            ck_assert_msg(acb_overlaps(b, ref), "%s seed %lu: eval_acb misses z", tag, seed);
        /* repeated calls and a fresh copy agree bit for bit */
        {
            fmpq_t r1, i1, r2, i2;
            mag_t e1, e2;
            fmpq_init(r1);
            fmpq_init(i1);
            fmpq_init(r2);
            fmpq_init(i2);
            mag_init(e1);
            mag_init(e2);
            kd_complex_set(w, z);
            kd_assert_ok(kd_complex_approx(r1, i1, e1, z, 40, 0));
            kd_assert_ok(kd_complex_approx(r2, i2, e2, w, 40, 0));
            ck_assert_msg(fmpq_equal(r1, r2) && fmpq_equal(i1, i2) && mag_equal(e1, e2),
                          "%s seed %lu: not a function of (z, n)", tag, seed);
            fmpq_clear(r1);
            fmpq_clear(i1);
            fmpq_clear(r2);
            fmpq_clear(i2);
            mag_clear(e1);
            mag_clear(e2);
        }
    }
    flint_randclear(state);
    kd_complex_clear(z);
    kd_complex_clear(w);
    acb_clear(ref);
    acb_clear(b);
}
END_TEST

START_TEST(test_arg_errors)
{
    kd_complex_t z;
    fmpq_t re, im;
    mag_t err;

    kd_complex_init(z);
    fmpq_init(re);
    fmpq_init(im);
    mag_init(err);

    kd_complex_onei(z);
    kd_real_pi(kd_complex_realref(z));
    ck_assert_int_eq(kd_complex_approx(re, im, err, z, -1, 0), KD_ERR_ARG);
    ck_assert_int_eq(kd_complex_approx(re, im, err, z, KD_LEVEL_MAX + 1, 0), KD_ERR_ARG);
    /* each part is asked for n + 1, so a non-real z stops one level short */
    ck_assert_int_eq(kd_complex_approx(re, im, err, z, KD_LEVEL_MAX, 0), KD_ERR_ARG);
    ck_assert_int_eq(kd_complex_approx(re, im, err, z, 10, 1), KD_ERR_ARG);
    ck_assert_int_eq(kd_complex_approx(re, im, err, z, 10, KD_PREC_CAP_MAX + 1), KD_ERR_ARG);
    ck_assert(strlen(kd_error_message()) > 0);
    kd_complex_one(z);
    ck_assert_int_eq(kd_complex_approx(re, im, err, z, -1, 0), KD_ERR_ARG);
    ck_assert_int_eq(kd_complex_approx(re, im, err, z, 10, -5), KD_ERR_ARG);
    kd_assert_ok(kd_complex_approx(re, im, err, z, KD_LEVEL_MAX, 0));
    ck_assert(fmpq_is_one(re) && fmpq_is_zero(im) && mag_is_zero(err));

    kd_complex_clear(z);
    fmpq_clear(re);
    fmpq_clear(im);
    mag_clear(err);
}
END_TEST

START_TEST(test_get_str)
{
    flint_rand_t state;
    kd_complex_t z, w;
    acb_t ref;
    slong iter;
    ulong seed = kd_test_seed(102);

    kd_test_randinit(state, 102);
    kd_complex_init(z);
    kd_complex_init(w);
    acb_init(ref);

    kd_complex_onei(z);
    {
        char * s = kd_complex_get_str(z);
        kd_assert_ok(kd_complex_parse(w, s));
        ck_assert_msg(is_exactly(w, 0, 1, 1, 1), "i printed as \"%s\"", s);
        flint_free(s);
    }
    for (iter = 0; iter < 100; iter++)
    {
        char * s;
        kd_status st;
        gen_complex(z, ref, state, 1 + n_randint(state, 3), KD_TEST_REF_PREC(200));
        s = kd_complex_get_str(z);
        st = kd_complex_parse(w, s);
        ck_assert_msg(st == KD_OK, "\"%s\": %s (seed %lu)", s, kd_error_message(), seed);
        ck_assert_msg(kd_complex_is_real(w) == kd_complex_is_real(z), "\"%s\" (seed %lu)", s,
                      seed);
        check_approx(w, ref, 200, s, seed);
        flint_free(s);
    }
    flint_randclear(state);
    kd_complex_clear(z);
    kd_complex_clear(w);
    acb_clear(ref);
}
END_TEST

/* The JSON of an approximation: for x = (1 + i sqrt(3))/2 = exp(i pi/3) at
   level 50, the printed "value" re + i im lies within the printed
   "error_bound" of the exp(i pi/3) computed here, and the bound is <= 2^-50. */
START_TEST(test_approx_json)
{
    kd_complex_t z;
    fmpq_t re, im, c;
    mag_t err;
    acb_t ref, v;
    arb_t d, e;
    json_t * j;
    kd_complex_init(z);
    fmpq_init(re);
    fmpq_init(im);
    fmpq_init(c);
    mag_init(err);
    acb_init(ref);
    acb_init(v);
    arb_init(d);
    arb_init(e);
    kd_assert_ok(kd_complex_parse(z, "(1 + i*sqrt(3))/2"));
    kd_assert_ok(kd_complex_approx(re, im, err, z, 50, 0));
    j = kd_complex_approx_json("x", 50, re, im, err, 0, 20);
    ck_assert_ptr_nonnull(j);
    ck_assert(json_is_true(json_object_get(j, "complex")));
    ck_assert(json_is_false(json_object_get(j, "exact")));
    ck_assert_int_eq(fmpq_set_str(c, json_string_value(json_object_get(json_object_get(j, "value"),
                                                                       "re")), 10), 0);
    arb_set_fmpq(acb_realref(v), c, 256);
    ck_assert_int_eq(fmpq_set_str(c, json_string_value(json_object_get(json_object_get(j, "value"),
                                                                       "im")), 10), 0);
    arb_set_fmpq(acb_imagref(v), c, 256);
    fmpq_set_si(c, 1, 3);
    ref_exp_pi_i(ref, c, 256);
    acb_sub(v, v, ref, 256);
    acb_abs(d, v, 256);
    ck_assert_int_eq(arb_set_str(e, json_string_value(json_object_get(j, "error_bound")), 256), 0);
    ck_assert(arb_le(d, e));
    arb_one(d);
    arb_mul_2exp_si(d, d, -50);
    ck_assert(arb_le(e, d));
    json_decref(j);
    kd_complex_clear(z);
    fmpq_clear(re);
    fmpq_clear(im);
    fmpq_clear(c);
    mag_clear(err);
    acb_clear(ref);
    acb_clear(v);
    arb_clear(d);
    arb_clear(e);
}
END_TEST

Suite *
kd_suite_complex(void)
{
    Suite * s = suite_create("complex");
    TCase * tc;

    tc = tcase_create("exact");
    tcase_add_test(tc, test_exact_units);
    tcase_add_test(tc, test_structurally_real);
    tcase_add_test(tc, test_sqrt);
    tcase_add_test(tc, test_division_by_zero);
    tcase_add_test(tc, test_arg_errors);
    tcase_add_test(tc, test_approx_json);
    suite_add_tcase(s, tc);

    tc = tcase_create("oracle");
    tcase_set_timeout(tc, 20);
    tcase_add_test(tc, test_dft_entries);
    tcase_add_test(tc, test_pow_si);
    tcase_add_test(tc, test_random);
    tcase_add_test(tc, test_get_str);
    suite_add_tcase(s, tc);
    return s;
}
