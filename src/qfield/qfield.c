/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Exact arithmetic, signs, printing and ball evaluation in real quadratic
   fields Q(sqrt d), for scalars and for vectors sharing one d. */
#include <string.h>
#include "kdigits/qfield.h"
#include "kdigits/util.h"

/* ------------------------------------------------------------- helpers */

/* The sign of a rational through an out-of-line comparison: GCC 12's
   -Wstringop-overread misreads fmpq_t struct members after the inline
   fmpq_sgn (which reads only the numerator) as 8-byte objects. */
static int
qsgn(const fmpq_t q)
{
    int c = fmpq_cmp_si(q, 0);
    return (c > 0) - (c < 0);
}

/* n = s^2 r with n >= 0; r keeps no square factor that we could find (all
   of them when n has at most KD_QFIELD_FACTOR_BITS bits), and r = 1 when n
   is a perfect square, r = 0 when n = 0. */
static void
sqrt_split(fmpz_t s, fmpz_t r, const fmpz_t n)
{
    fmpz_t t;

    if (fmpz_is_zero(n))
    {
        fmpz_zero(s);
        fmpz_zero(r);
        return;
    }
    if (fmpz_is_square(n))
    {
        fmpz_sqrt(s, n);
        fmpz_one(r);
        return;
    }
    fmpz_init(t);
    fmpz_one(s);
    if (fmpz_bits(n) <= KD_QFIELD_FACTOR_BITS)
    {
        fmpz_factor_t fac;
        slong i;
        fmpz_factor_init(fac);
        fmpz_factor(fac, n);
        fmpz_one(r);
        for (i = 0; i < fac->num; i++)
        {
            fmpz_pow_ui(t, fac->p + i, fac->exp[i] / 2);
            fmpz_mul(s, s, t);
            if (fac->exp[i] % 2)
                fmpz_mul(r, r, fac->p + i);
        }
        fmpz_factor_clear(fac);
    }
    else
    {
        /* Complete factoring of a large radicand may be out of reach: strip
           the squares of small primes and test the cofactor for being a
           square, so r is at least never a perfect square. */
        ulong p;
        fmpz_set(r, n);
        for (p = 2; p < KD_QFIELD_TRIAL_BOUND; p = n_nextprime(p, 1))
        {
            while (fmpz_divisible_si(r, (slong) (p * p)))
            {
                fmpz_divexact_ui(r, r, p * p);
                fmpz_mul_ui(s, s, p);
            }
        }
        if (fmpz_is_square(r))
        {
            fmpz_sqrt(t, r);
            fmpz_mul(s, s, t);
            fmpz_one(r);
        }
    }
    fmpz_clear(t);
}

static int
is_rat(const kd_qfield_t x)
{
    return qsgn(x->b) == 0 || fmpz_is_zero(x->d);
}

/* The coefficients of sqrt(d) of x and y written in one common field
   Q(sqrt d): returns 0 when there is none. Since sqrt(e) = (s/f) sqrt(f)
   when e f = s^2, fields whose radicands differ by a square factor agree;
   the smaller radicand is kept. */
static int
fit(fmpz_t d, fmpq_t xb, fmpq_t yb, const kd_qfield_t x, const kd_qfield_t y)
{
    int ok = 1;
    if (is_rat(x) && is_rat(y))
    {
        fmpz_set(d, fmpz_is_zero(x->d) ? y->d : x->d);
        fmpq_zero(xb);
        fmpq_zero(yb);
    }
    else if (is_rat(y) || fmpz_equal(x->d, y->d))
    {
        fmpz_set(d, x->d);
        fmpq_set(xb, x->b);
        if (is_rat(y))
            fmpq_zero(yb);
        else
            fmpq_set(yb, y->b);
    }
    else if (is_rat(x))
    {
        fmpz_set(d, y->d);
        fmpq_zero(xb);
        fmpq_set(yb, y->b);
    }
    else
    {
        fmpz_t p, s;
        fmpz_init(p);
        fmpz_init(s);
        fmpz_mul(p, x->d, y->d);
        if (fmpz_is_square(p))
        {
            fmpz_sqrt(s, p);
            if (fmpz_cmp(x->d, y->d) <= 0)
            {
                /* sqrt(dy) = (s/dx) sqrt(dx) */
                fmpz_set(d, x->d);
                fmpq_set(xb, x->b);
                fmpq_mul_fmpz(yb, y->b, s);
                fmpq_div_fmpz(yb, yb, x->d);
            }
            else
            {
                fmpz_set(d, y->d);
                fmpq_set(yb, y->b);
                fmpq_mul_fmpz(xb, x->b, s);
                fmpq_div_fmpz(xb, xb, y->d);
            }
        }
        else
            ok = 0;
        fmpz_clear(p);
        fmpz_clear(s);
    }
    return ok;
}

static kd_status
incompatible(void)
{
    return kd_error_set(KD_ERR_DOMAIN, "quadratic numbers from different fields");
}

/* ------------------------------------------------------------- basics */

void
kd_qfield_init(kd_qfield_t x)
{
    fmpq_init(x->a);
    fmpq_init(x->b);
    fmpz_init(x->d);
}

void
kd_qfield_clear(kd_qfield_t x)
{
    fmpq_clear(x->a);
    fmpq_clear(x->b);
    fmpz_clear(x->d);
}

void
kd_qfield_set(kd_qfield_t y, const kd_qfield_t x)
{
    if (y == x)
        return;
    fmpq_set(y->a, x->a);
    fmpq_set(y->b, x->b);
    fmpz_set(y->d, x->d);
}

void
kd_qfield_swap(kd_qfield_t x, kd_qfield_t y)
{
    fmpq_swap(x->a, y->a);
    fmpq_swap(x->b, y->b);
    fmpz_swap(x->d, y->d);
}

void
kd_qfield_zero(kd_qfield_t x)
{
    fmpq_zero(x->a);
    fmpq_zero(x->b);
    fmpz_zero(x->d);
}

void
kd_qfield_one(kd_qfield_t x)
{
    fmpq_one(x->a);
    fmpq_zero(x->b);
    fmpz_zero(x->d);
}

void
kd_qfield_set_fmpq(kd_qfield_t x, const fmpq_t q)
{
    fmpq_set(x->a, q);
    fmpq_zero(x->b);
    fmpz_zero(x->d);
}

void
kd_qfield_set_si(kd_qfield_t x, slong c)
{
    fmpq_set_si(x->a, c, 1);
    fmpq_zero(x->b);
    fmpz_zero(x->d);
}

kd_status
kd_qfield_set_parts(kd_qfield_t x, const fmpq_t a, const fmpq_t b, const fmpq_t d)
{
    fmpz_t n, s, r;
    fmpq_t c;

    if (qsgn(d) < 0)
        return kd_error_set(KD_ERR_DOMAIN, "square root of a negative rational");
    fmpz_init(n);
    fmpz_init(s);
    fmpz_init(r);
    fmpq_init(c);
    /* sqrt(p/q) = sqrt(p q) / q = (s/q) sqrt(r) with p q = s^2 r */
    fmpz_mul(n, fmpq_numref(d), fmpq_denref(d));
    sqrt_split(s, r, n);
    fmpq_set_fmpz_frac(c, s, fmpq_denref(d));
    fmpq_mul(c, c, b);
    if (fmpz_is_one(r) || fmpz_is_zero(r))
    {
        fmpq_add(c, c, a);
        kd_qfield_set_fmpq(x, c);
    }
    else
    {
        fmpq_set(x->a, a);
        fmpq_swap(x->b, c);
        fmpz_swap(x->d, r);
    }
    fmpz_clear(n);
    fmpz_clear(s);
    fmpz_clear(r);
    fmpq_clear(c);
    return KD_OK;
}

kd_status
kd_qfield_sqrt_fmpq(kd_qfield_t x, const fmpq_t q)
{
    fmpq_t zero, one;
    kd_status st;
    fmpq_init(zero);
    fmpq_init(one);
    fmpq_one(one);
    st = kd_qfield_set_parts(x, zero, one, q);
    fmpq_clear(zero);
    fmpq_clear(one);
    return st;
}

/* ------------------------------------------------------------- predicates */

int
kd_qfield_is_zero(const kd_qfield_t x)
{
    return fmpq_is_zero(x->a) && is_rat(x);
}

int
kd_qfield_is_one(const kd_qfield_t x)
{
    return fmpq_is_one(x->a) && is_rat(x);
}

int
kd_qfield_is_rational(const kd_qfield_t x)
{
    return is_rat(x);
}

int
kd_qfield_compatible(const kd_qfield_t x, const kd_qfield_t y)
{
    fmpz_t d;
    fmpq_t xb, yb;
    int ok;
    fmpz_init(d);
    fmpq_init(xb);
    fmpq_init(yb);
    ok = fit(d, xb, yb, x, y);
    fmpz_clear(d);
    fmpq_clear(xb);
    fmpq_clear(yb);
    return ok;
}

int
kd_qfield_sgn(const kd_qfield_t x)
{
    int sa = qsgn(x->a);
    int sb = is_rat(x) ? 0 : qsgn(x->b);
    int c;
    fmpq_t t, u;

    if (sb == 0)
        return sa;
    if (sa == 0 || sa == sb)
        return sb;
    /* a and b sqrt(d) have opposite signs: the larger magnitude wins. */
    fmpq_init(t);
    fmpq_init(u);
    fmpq_mul(t, x->a, x->a);
    fmpq_mul(u, x->b, x->b);
    fmpq_mul_fmpz(u, u, x->d);
    c = fmpq_cmp(t, u);
    fmpq_clear(t);
    fmpq_clear(u);
    return c > 0 ? sa : (c < 0 ? sb : 0);
}

int
kd_qfield_cmp(const kd_qfield_t x, const kd_qfield_t y)
{
    kd_qfield_t u;
    int su, sv, s;

    kd_qfield_init(u);
    if (kd_qfield_compatible(x, y))
    {
        kd_qfield_sub(u, x, y);
        s = kd_qfield_sgn(u);
    }
    else
    {
        /* x - y = u + v with u = (ax - ay) + bx sqrt(dx) and
           v = -by sqrt(dy); compare u^2 with by^2 dy inside Q(sqrt dx). */
        fmpq_t c;
        fmpq_init(c);
        fmpq_sub(u->a, x->a, y->a);
        fmpq_set(u->b, x->b);
        fmpz_set(u->d, x->d);
        su = kd_qfield_sgn(u);
        sv = -qsgn(y->b);
        if (su == 0)
            s = sv;
        else if (su == sv)
            s = su;
        else
        {
            int w;
            kd_qfield_mul(u, u, u);
            fmpq_mul(c, y->b, y->b);
            fmpq_mul_fmpz(c, c, y->d);
            fmpq_sub(u->a, u->a, c);
            w = kd_qfield_sgn(u);
            s = w > 0 ? su : (w < 0 ? sv : 0);
        }
        fmpq_clear(c);
    }
    kd_qfield_clear(u);
    return s;
}

int
kd_qfield_cmp_fmpq(const kd_qfield_t x, const fmpq_t q)
{
    kd_qfield_t u;
    int s;
    kd_qfield_init(u);
    kd_qfield_sub_fmpq(u, x, q);
    s = kd_qfield_sgn(u);
    kd_qfield_clear(u);
    return s;
}

int
kd_qfield_equal(const kd_qfield_t x, const kd_qfield_t y)
{
    return kd_qfield_cmp(x, y) == 0;
}

int
kd_qfield_equal_fmpq(const kd_qfield_t x, const fmpq_t q)
{
    return is_rat(x) && fmpq_equal(x->a, q);
}

/* ------------------------------------------------------------- arithmetic */

void
kd_qfield_neg(kd_qfield_t y, const kd_qfield_t x)
{
    fmpq_neg(y->a, x->a);
    fmpq_neg(y->b, x->b);
    fmpz_set(y->d, x->d);
}

static kd_status
add_sub(kd_qfield_t z, const kd_qfield_t x, const kd_qfield_t y, int sub)
{
    fmpz_t d;
    fmpq_t xb, yb;
    kd_status st = KD_OK;
    fmpz_init(d);
    fmpq_init(xb);
    fmpq_init(yb);
    if (!fit(d, xb, yb, x, y))
        st = incompatible();
    else
    {
        if (sub)
        {
            fmpq_sub(z->a, x->a, y->a);
            fmpq_sub(z->b, xb, yb);
        }
        else
        {
            fmpq_add(z->a, x->a, y->a);
            fmpq_add(z->b, xb, yb);
        }
        fmpz_swap(z->d, d);
    }
    fmpz_clear(d);
    fmpq_clear(xb);
    fmpq_clear(yb);
    return st;
}

kd_status
kd_qfield_add(kd_qfield_t z, const kd_qfield_t x, const kd_qfield_t y)
{
    return add_sub(z, x, y, 0);
}

kd_status
kd_qfield_sub(kd_qfield_t z, const kd_qfield_t x, const kd_qfield_t y)
{
    return add_sub(z, x, y, 1);
}

kd_status
kd_qfield_mul(kd_qfield_t z, const kd_qfield_t x, const kd_qfield_t y)
{
    fmpz_t d;
    fmpq_t xb, yb, a, b, t;
    kd_status st = KD_OK;
    fmpz_init(d);
    fmpq_init(xb);
    fmpq_init(yb);
    fmpq_init(a);
    fmpq_init(b);
    fmpq_init(t);
    if (!fit(d, xb, yb, x, y))
        st = incompatible();
    else
    {
        /* (a1 + b1 r)(a2 + b2 r) = (a1 a2 + b1 b2 d) + (a1 b2 + b1 a2) r */
        fmpq_mul(a, x->a, y->a);
        fmpq_mul(t, xb, yb);
        fmpq_mul_fmpz(t, t, d);
        fmpq_add(a, a, t);
        fmpq_mul(b, x->a, yb);
        fmpq_mul(t, xb, y->a);
        fmpq_add(b, b, t);
        fmpq_swap(z->a, a);
        fmpq_swap(z->b, b);
        fmpz_swap(z->d, d);
    }
    fmpz_clear(d);
    fmpq_clear(xb);
    fmpq_clear(yb);
    fmpq_clear(a);
    fmpq_clear(b);
    fmpq_clear(t);
    return st;
}

void
kd_qfield_conj(kd_qfield_t y, const kd_qfield_t x)
{
    fmpq_set(y->a, x->a);
    fmpq_neg(y->b, x->b);
    fmpz_set(y->d, x->d);
}

void
kd_qfield_norm(fmpq_t n, const kd_qfield_t x)
{
    fmpq_t t;
    fmpq_init(t);
    fmpq_mul(t, x->b, x->b);
    fmpq_mul_fmpz(t, t, x->d);
    fmpq_mul(n, x->a, x->a);
    fmpq_sub(n, n, t);
    fmpq_clear(t);
}

kd_status
kd_qfield_inv(kd_qfield_t y, const kd_qfield_t x)
{
    fmpq_t n;
    if (kd_qfield_is_zero(x))
        return kd_error_set(KD_ERR_DOMAIN, "division by zero");
    fmpq_init(n);
    /* 1/(a + b r) = (a - b r)/(a^2 - b^2 d); the norm is non-zero because d
       is not a rational square. */
    kd_qfield_norm(n, x);
    fmpq_div(y->a, x->a, n);
    fmpq_div(y->b, x->b, n);
    fmpq_neg(y->b, y->b);
    fmpz_set(y->d, x->d);
    fmpq_clear(n);
    return KD_OK;
}

kd_status
kd_qfield_div(kd_qfield_t z, const kd_qfield_t x, const kd_qfield_t y)
{
    kd_qfield_t t;
    kd_status st;
    if (kd_qfield_is_zero(y))
        return kd_error_set(KD_ERR_DOMAIN, "division by zero");
    if (!kd_qfield_compatible(x, y))
        return incompatible();
    kd_qfield_init(t);
    kd_qfield_inv(t, y);
    st = kd_qfield_mul(z, x, t);
    kd_qfield_clear(t);
    return st;
}

void
kd_qfield_add_fmpq(kd_qfield_t z, const kd_qfield_t x, const fmpq_t q)
{
    kd_qfield_set(z, x);
    fmpq_add(z->a, z->a, q);
}

void
kd_qfield_sub_fmpq(kd_qfield_t z, const kd_qfield_t x, const fmpq_t q)
{
    kd_qfield_set(z, x);
    fmpq_sub(z->a, z->a, q);
}

void
kd_qfield_mul_fmpq(kd_qfield_t z, const kd_qfield_t x, const fmpq_t q)
{
    fmpq_mul(z->a, x->a, q);
    fmpq_mul(z->b, x->b, q);
    fmpz_set(z->d, x->d);
}

kd_status
kd_qfield_div_fmpq(kd_qfield_t z, const kd_qfield_t x, const fmpq_t q)
{
    if (fmpq_is_zero(q))
        return kd_error_set(KD_ERR_DOMAIN, "division by zero");
    fmpq_div(z->a, x->a, q);
    fmpq_div(z->b, x->b, q);
    fmpz_set(z->d, x->d);
    return KD_OK;
}

kd_status
kd_qfield_set_field(kd_qfield_t x, const fmpz_t d)
{
    kd_qfield_t t;
    fmpz_t dd;
    fmpq_t xb, tb;
    int ok;

    if (is_rat(x))
    {
        fmpq_zero(x->b);
        fmpz_set(x->d, d);
        return KD_OK;
    }
    if (fmpz_equal(x->d, d))
        return KD_OK;
    if (fmpz_sgn(d) <= 0)
        return incompatible();
    /* Fit against sqrt(d) itself and keep d even when it is the larger
       radicand. */
    kd_qfield_init(t);
    fmpz_init(dd);
    fmpq_init(xb);
    fmpq_init(tb);
    fmpq_one(t->b);
    fmpz_set(t->d, d);
    ok = fit(dd, xb, tb, x, t);
    if (ok)
    {
        /* x's coefficient in Q(sqrt dd); rewrite in Q(sqrt d) via
           sqrt(dd) = sqrt(d) / tb. */
        fmpq_div(x->b, xb, tb);
        fmpz_set(x->d, d);
    }
    kd_qfield_clear(t);
    fmpz_clear(dd);
    fmpq_clear(xb);
    fmpq_clear(tb);
    return ok ? KD_OK : incompatible();
}

/* ------------------------------------------------------------- output */

void
kd_qfield_get_arb(arb_t res, const kd_qfield_t x, slong prec)
{
    arb_t t;
    arb_init(t);
    if (!is_rat(x))
    {
        arb_sqrt_fmpz(t, x->d, prec);
        arb_mul_fmpz(t, t, fmpq_numref(x->b), prec);
        arb_div_fmpz(t, t, fmpq_denref(x->b), prec);
    }
    arb_set_fmpq(res, x->a, prec);
    arb_add(res, res, t, prec);
    arb_clear(t);
}

kd_status
kd_qfield_get_real(kd_real_t res, const kd_qfield_t x)
{
    kd_real_t a, s;
    kd_status st = KD_OK;
    kd_real_init(a);
    kd_real_init(s);
    kd_real_set_fmpq(a, x->a);
    if (!is_rat(x))
    {
        kd_real_set_fmpz(s, x->d);
        st = kd_real_sqrt(s, s);
        if (st == KD_OK)
        {
            kd_real_mul_fmpq(s, s, x->b);
            kd_real_add(a, a, s);
        }
    }
    if (st == KD_OK)
        kd_real_swap(res, a);
    kd_real_clear(a);
    kd_real_clear(s);
    return st;
}

char *
kd_qfield_get_str(const kd_qfield_t x)
{
    char * as, * bs, * ds, * out;
    fmpq_t babs;
    size_t len;
    int sb;

    if (is_rat(x))
        return kd_fmpq_get_str(x->a);
    fmpq_init(babs);
    fmpq_abs(babs, x->b);
    sb = qsgn(x->b);
    as = kd_fmpq_get_str(x->a);
    bs = kd_fmpq_get_str(babs);
    ds = fmpz_get_str(NULL, 10, x->d);
    len = strlen(as) + strlen(bs) + strlen(ds) + 32;
    out = flint_malloc(len);
    /* The coefficient is written "p/q*sqrt(d)", which the grammar reads as
       (p/q)*sqrt(d) because * and / associate to the left. */
    if (fmpq_is_zero(x->a))
        snprintf(out, len, "%s%s%ssqrt(%s)", sb < 0 ? "-" : "",
                 fmpq_is_one(babs) ? "" : bs, fmpq_is_one(babs) ? "" : "*", ds);
    else
        snprintf(out, len, "%s %s %s%ssqrt(%s)", as, sb < 0 ? "-" : "+",
                 fmpq_is_one(babs) ? "" : bs, fmpq_is_one(babs) ? "" : "*", ds);
    flint_free(as);
    flint_free(bs);
    flint_free(ds);
    fmpq_clear(babs);
    return out;
}

/* ------------------------------------------------------------- vectors */

void
kd_qvec_init(kd_qvec_t v, slong n)
{
    fmpq_mat_init(v->a, n, 1);
    fmpq_mat_init(v->b, n, 1);
    fmpz_init(v->d);
}

void
kd_qvec_clear(kd_qvec_t v)
{
    fmpq_mat_clear(v->a);
    fmpq_mat_clear(v->b);
    fmpz_clear(v->d);
}

void
kd_qvec_swap(kd_qvec_t v, kd_qvec_t u)
{
    fmpq_mat_swap(v->a, u->a);
    fmpq_mat_swap(v->b, u->b);
    fmpz_swap(v->d, u->d);
}

void
kd_qvec_zero(kd_qvec_t v, slong n)
{
    if (fmpq_mat_nrows(v->a) != n)
    {
        fmpq_mat_clear(v->a);
        fmpq_mat_clear(v->b);
        fmpq_mat_init(v->a, n, 1);
        fmpq_mat_init(v->b, n, 1);
    }
    else
    {
        fmpq_mat_zero(v->a);
        fmpq_mat_zero(v->b);
    }
    fmpz_zero(v->d);
}

void
kd_qvec_set(kd_qvec_t v, const kd_qvec_t u)
{
    if (v == u)
        return;
    kd_qvec_zero(v, kd_qvec_length(u));
    fmpq_mat_set(v->a, u->a);
    fmpq_mat_set(v->b, u->b);
    fmpz_set(v->d, u->d);
}

void
kd_qvec_set_fmpq_mat(kd_qvec_t v, const fmpq_mat_t x)
{
    fmpq_mat_t t;
    fmpq_mat_init_set(t, x);    /* x may be v->a or v->b */
    kd_qvec_zero(v, fmpq_mat_nrows(x));
    fmpq_mat_swap(v->a, t);
    fmpq_mat_clear(t);
}

kd_status
kd_qvec_set_affine(kd_qvec_t v, const fmpq_mat_t xa, const kd_qfield_t mu,
                   const fmpq_mat_t xb)
{
    fmpq_mat_t a, b;
    slong n = fmpq_mat_nrows(xa);
    if (fmpq_mat_nrows(xb) != n || fmpq_mat_ncols(xa) != 1 || fmpq_mat_ncols(xb) != 1)
        return kd_error_set(KD_ERR_SIZE, "kd_qvec_set_affine: xa and xb must be n x 1");
    fmpq_mat_init(a, n, 1);
    fmpq_mat_init(b, n, 1);
    fmpq_mat_scalar_mul_fmpq(a, xb, mu->a);
    fmpq_mat_add(a, a, xa);
    fmpq_mat_scalar_mul_fmpq(b, xb, mu->b);
    kd_qvec_zero(v, n);
    fmpq_mat_swap(v->a, a);
    fmpq_mat_swap(v->b, b);
    fmpz_set(v->d, mu->d);
    if (fmpq_mat_is_zero(v->b))
        fmpz_zero(v->d);
    fmpq_mat_clear(a);
    fmpq_mat_clear(b);
    return KD_OK;
}

void
kd_qvec_get_entry(kd_qfield_t x, const kd_qvec_t v, slong i)
{
    fmpq_set(x->a, fmpq_mat_entry(v->a, i, 0));
    fmpq_set(x->b, fmpq_mat_entry(v->b, i, 0));
    fmpz_set(x->d, v->d);
}

kd_status
kd_qvec_set_entry(kd_qvec_t v, slong i, const kd_qfield_t x)
{
    kd_qfield_t t;
    kd_status st = KD_OK;
    if (i < 0 || i >= kd_qvec_length(v))
        return kd_error_set(KD_ERR_ARG, "kd_qvec_set_entry: index out of range");
    kd_qfield_init(t);
    kd_qfield_set(t, x);
    if (!is_rat(t) && !fmpz_equal(t->d, v->d))
    {
        if (fmpq_mat_is_zero(v->b))
            fmpz_set(v->d, t->d);     /* a rational vector takes x's field */
        else
            st = kd_qfield_set_field(t, v->d);
    }
    if (st == KD_OK)
    {
        fmpq_set(fmpq_mat_entry(v->a, i, 0), t->a);
        if (is_rat(t))
            fmpq_zero(fmpq_mat_entry(v->b, i, 0));
        else
            fmpq_set(fmpq_mat_entry(v->b, i, 0), t->b);
    }
    kd_qfield_clear(t);
    return st;
}

int
kd_qvec_is_zero(const kd_qvec_t v)
{
    return fmpq_mat_is_zero(v->a) && (fmpq_mat_is_zero(v->b) || fmpz_is_zero(v->d));
}

int
kd_qvec_equal(const kd_qvec_t v, const kd_qvec_t u)
{
    kd_qfield_t x, y;
    slong i;
    int eq = 1;
    if (kd_qvec_length(v) != kd_qvec_length(u))
        return 0;
    kd_qfield_init(x);
    kd_qfield_init(y);
    for (i = 0; i < kd_qvec_length(v) && eq; i++)
    {
        kd_qvec_get_entry(x, v, i);
        kd_qvec_get_entry(y, u, i);
        eq = kd_qfield_equal(x, y);
    }
    kd_qfield_clear(x);
    kd_qfield_clear(y);
    return eq;
}

kd_status
kd_qvec_mul_fmpq_mat(kd_qvec_t w, const fmpq_mat_t M, const kd_qvec_t v)
{
    fmpq_mat_t a, b;
    if (fmpq_mat_ncols(M) != kd_qvec_length(v))
        return kd_error_set(KD_ERR_SIZE, "kd_qvec_mul_fmpq_mat: %ld columns for a vector of length %ld",
                            (long) fmpq_mat_ncols(M), (long) kd_qvec_length(v));
    fmpq_mat_init(a, fmpq_mat_nrows(M), 1);
    fmpq_mat_init(b, fmpq_mat_nrows(M), 1);
    fmpq_mat_mul(a, M, v->a);
    fmpq_mat_mul(b, M, v->b);
    fmpz_set(w->d, v->d);
    fmpq_mat_swap(w->a, a);
    fmpq_mat_swap(w->b, b);
    fmpq_mat_clear(a);
    fmpq_mat_clear(b);
    return KD_OK;
}

void
kd_qvec_get_arb_mat(arb_mat_t R, const kd_qvec_t v, slong prec)
{
    kd_qfield_t x;
    slong i;
    kd_qfield_init(x);
    for (i = 0; i < kd_qvec_length(v); i++)
    {
        kd_qvec_get_entry(x, v, i);
        kd_qfield_get_arb(arb_mat_entry(R, i, 0), x, prec);
    }
    kd_qfield_clear(x);
}

kd_status
kd_qvec_get_mat(kd_mat_t M, const kd_qvec_t v)
{
    kd_qfield_t x;
    kd_real_t r;
    kd_mat_t T;
    slong i;
    kd_status st;

    if ((st = kd_mat_init(T, kd_qvec_length(v), 1)) != KD_OK)
        return st;
    kd_qfield_init(x);
    kd_real_init(r);
    for (i = 0; i < kd_qvec_length(v) && st == KD_OK; i++)
    {
        kd_qvec_get_entry(x, v, i);
        st = kd_qfield_get_real(r, x);
        if (st == KD_OK)
            kd_mat_set_entry_real(T, i, 0, r);
    }
    if (st == KD_OK)
        kd_mat_swap(M, T);
    kd_mat_clear(T);
    kd_qfield_clear(x);
    kd_real_clear(r);
    return st;
}

char *
kd_qvec_get_str(const kd_qvec_t v)
{
    kd_qfield_t x;
    char * out, * s;
    size_t len = 3, used;
    slong i;

    kd_qfield_init(x);
    out = flint_malloc(len);
    strcpy(out, "[");
    used = 1;
    for (i = 0; i < kd_qvec_length(v); i++)
    {
        size_t k;
        kd_qvec_get_entry(x, v, i);
        s = kd_qfield_get_str(x);
        k = strlen(s);
        out = flint_realloc(out, used + k + 4);
        if (i > 0)
        {
            memcpy(out + used, ", ", 2);
            used += 2;
        }
        memcpy(out + used, s, k);
        used += k;
        out[used] = '\0';
        flint_free(s);
    }
    out = flint_realloc(out, used + 2);
    out[used] = ']';
    out[used + 1] = '\0';
    kd_qfield_clear(x);
    return out;
}
