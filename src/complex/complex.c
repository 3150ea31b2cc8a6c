/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Exact complex numbers as pairs of exact reals. */
#include <string.h>
#include "kdigits/complex.h"

void
kd_complex_init(kd_complex_t z)
{
    kd_real_init(&z->re);
    kd_real_init(&z->im);
}

void
kd_complex_clear(kd_complex_t z)
{
    kd_real_clear(&z->re);
    kd_real_clear(&z->im);
}

void
kd_complex_set(kd_complex_t y, const kd_complex_t x)
{
    kd_real_set(&y->re, &x->re);
    kd_real_set(&y->im, &x->im);
}

void
kd_complex_swap(kd_complex_t x, kd_complex_t y)
{
    kd_real_swap(&x->re, &y->re);
    kd_real_swap(&x->im, &y->im);
}

void
kd_complex_zero(kd_complex_t z)
{
    kd_real_zero(&z->re);
    kd_real_zero(&z->im);
}

void
kd_complex_one(kd_complex_t z)
{
    kd_real_one(&z->re);
    kd_real_zero(&z->im);
}

void
kd_complex_onei(kd_complex_t z)
{
    kd_real_zero(&z->re);
    kd_real_one(&z->im);
}

void
kd_complex_set_real(kd_complex_t z, const kd_real_t x)
{
    kd_real_set(&z->re, x);
    kd_real_zero(&z->im);
}

void
kd_complex_set_real_imag(kd_complex_t z, const kd_real_t re, const kd_real_t im)
{
    kd_real_set(&z->re, re);
    kd_real_set(&z->im, im);
}

void
kd_complex_exp_pi_i_fmpq(kd_complex_t z, const fmpq_t q)
{
    kd_real_cos_pi_fmpq(&z->re, q);
    kd_real_sin_pi_fmpq(&z->im, q);
}

int
kd_complex_is_real(const kd_complex_t z)
{
    return kd_real_is_zero(&z->im);
}

int
kd_complex_is_zero(const kd_complex_t z)
{
    return kd_real_is_zero(&z->re) && kd_real_is_zero(&z->im);
}

void
kd_complex_neg(kd_complex_t y, const kd_complex_t x)
{
    kd_real_neg(&y->re, &x->re);
    kd_real_neg(&y->im, &x->im);
}

void
kd_complex_conj(kd_complex_t y, const kd_complex_t x)
{
    kd_real_set(&y->re, &x->re);
    kd_real_neg(&y->im, &x->im);
}

void
kd_complex_add(kd_complex_t z, const kd_complex_t x, const kd_complex_t y)
{
    kd_real_add(&z->re, &x->re, &y->re);
    kd_real_add(&z->im, &x->im, &y->im);
}

void
kd_complex_sub(kd_complex_t z, const kd_complex_t x, const kd_complex_t y)
{
    kd_real_sub(&z->re, &x->re, &y->re);
    kd_real_sub(&z->im, &x->im, &y->im);
}

void
kd_complex_mul(kd_complex_t z, const kd_complex_t x, const kd_complex_t y)
{
    kd_real_t a, b;
    kd_real_init(a);
    kd_real_init(b);
    /* (xr + i xi)(yr + i yi); the zero folding keeps real products real */
    kd_real_mul(a, &x->re, &y->re);
    kd_real_mul(b, &x->im, &y->im);
    kd_real_sub(a, a, b);
    kd_real_mul(b, &x->re, &y->im);
    {
        kd_real_t c;
        kd_real_init(c);
        kd_real_mul(c, &x->im, &y->re);
        kd_real_add(b, b, c);
        kd_real_clear(c);
    }
    kd_real_swap(&z->re, a);
    kd_real_swap(&z->im, b);
    kd_real_clear(a);
    kd_real_clear(b);
}

kd_status
kd_complex_div(kd_complex_t z, const kd_complex_t x, const kd_complex_t y)
{
    kd_status st = KD_OK;
    kd_real_t d, t, u, re, im;

    if (kd_complex_is_zero(y))
        return kd_error_set(KD_ERR_DOMAIN, "division by zero");
    kd_real_init(re);
    kd_real_init(im);
    if (kd_complex_is_real(y))
    {
        st = kd_real_div(re, &x->re, &y->re);
        if (st == KD_OK)
            st = kd_real_div(im, &x->im, &y->re);
    }
    else
    {
        kd_real_init(d);
        kd_real_init(t);
        kd_real_init(u);
        kd_real_mul(d, &y->re, &y->re);
        kd_real_mul(t, &y->im, &y->im);
        kd_real_add(d, d, t);
        kd_real_mul(t, &x->re, &y->re);
        kd_real_mul(u, &x->im, &y->im);
        kd_real_add(t, t, u);
        st = kd_real_div(re, t, d);
        kd_real_mul(t, &x->im, &y->re);
        kd_real_mul(u, &x->re, &y->im);
        kd_real_sub(t, t, u);
        if (st == KD_OK)
            st = kd_real_div(im, t, d);
        kd_real_clear(d);
        kd_real_clear(t);
        kd_real_clear(u);
    }
    if (st == KD_OK)
    {
        kd_real_swap(&z->re, re);
        kd_real_swap(&z->im, im);
    }
    kd_real_clear(re);
    kd_real_clear(im);
    return st;
}

kd_status
kd_complex_pow_si(kd_complex_t y, const kd_complex_t x, slong e)
{
    kd_complex_t b, r;
    ulong k;
    kd_status st = KD_OK;

    if (kd_complex_is_real(x))
    {
        kd_real_t t;
        kd_real_init(t);
        st = kd_real_pow_si(t, &x->re, e);
        if (st == KD_OK)
            kd_complex_set_real(y, t);
        kd_real_clear(t);
        return st;
    }
    kd_complex_init(b);
    kd_complex_init(r);
    kd_complex_one(r);
    kd_complex_set(b, x);
    for (k = (e < 0) ? -(ulong) e : (ulong) e; k != 0; k >>= 1)
    {
        if (k & 1)
            kd_complex_mul(r, r, b);
        if (k > 1)
            kd_complex_mul(b, b, b);
    }
    if (e < 0)
    {
        kd_complex_one(b);
        st = kd_complex_div(r, b, r);
    }
    if (st == KD_OK)
        kd_complex_swap(y, r);
    kd_complex_clear(b);
    kd_complex_clear(r);
    return st;
}

kd_status
kd_complex_sqrt(kd_complex_t y, const kd_complex_t x)
{
    kd_real_t t;
    kd_status st;
    if (!kd_complex_is_real(x))
        return kd_error_set(KD_ERR_UNSUPPORTED,
                            "square root of a non-real value is not supported");
    kd_real_init(t);
    st = kd_real_sqrt(t, &x->re);
    if (st == KD_OK)
        kd_complex_set_real(y, t);
    kd_real_clear(t);
    return st;
}

kd_status
kd_complex_eval_acb(acb_t res, const kd_complex_t z, slong prec)
{
    kd_status st = kd_real_eval_arb(acb_realref(res), &z->re, prec);
    if (st == KD_OK)
        st = kd_real_eval_arb(acb_imagref(res), &z->im, prec);
    return st;
}

char *
kd_complex_get_str(const kd_complex_t z)
{
    char * re, * im, * s;
    size_t n;
    if (kd_complex_is_real(z))
        return kd_real_get_str(&z->re);
    re = kd_real_get_str(&z->re);
    im = kd_real_get_str(&z->im);
    n = strlen(re) + strlen(im) + 16;
    s = flint_malloc(n);
    snprintf(s, n, "(%s) + (%s)*i", re, im);
    flint_free(re);
    flint_free(im);
    return s;
}
