/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Exact constants: integers, rationals, exact decimals, 2^e, pi, cos(pi q)
   and sin(pi q). */
#include <ctype.h>
#include <string.h>
#include "internal.h"

void
kd_real_zero(kd_real_t x)
{
    kd_real_set_si(x, 0);
}

void
kd_real_one(kd_real_t x)
{
    kd_real_set_si(x, 1);
}

void
kd_real_set_si(kd_real_t x, slong c)
{
    fmpq_t q;
    fmpq_init(q);
    fmpq_set_si(q, c, 1);
    kd_real_set_fmpq(x, q);
    fmpq_clear(q);
}

void
kd_real_set_fmpz(kd_real_t x, const fmpz_t c)
{
    fmpq_t q;
    fmpq_init(q);
    fmpz_set(fmpq_numref(q), c);
    kd_real_set_fmpq(x, q);
    fmpq_clear(q);
}

void
kd_real_set_fmpq(kd_real_t x, const fmpq_t c)
{
    _kd_real_set_node(x, _kd_node_rat(c));
}

kd_status
kd_real_set_si_si(kd_real_t x, slong p, slong q)
{
    fmpq_t r;
    fmpz_t P, Q;
    if (q == 0)
        return kd_error_set(KD_ERR_DOMAIN, "division by zero in %ld/%ld", p, q);
    fmpq_init(r);
    fmpz_init_set_si(P, p);
    fmpz_init_set_si(Q, q);
    fmpq_set_fmpz_frac(r, P, Q);
    kd_real_set_fmpq(x, r);
    fmpq_clear(r);
    fmpz_clear(P);
    fmpz_clear(Q);
    return KD_OK;
}

void
kd_real_set_2exp(kd_real_t x, slong e)
{
    fmpq_t q;
    fmpq_init(q);
    fmpq_one(q);
    if (e >= 0)
        fmpz_mul_2exp(fmpq_numref(q), fmpq_numref(q), e);
    else
        fmpz_mul_2exp(fmpq_denref(q), fmpq_denref(q), -e);
    kd_real_set_fmpq(x, q);
    fmpq_clear(q);
}

void
kd_real_pi(kd_real_t x)
{
    _kd_real_set_node(x, _kd_node_new(KD_NODE_PI));
}

int
_kd_cos_pi_rational(fmpq_t c, const fmpq_t q)
{
    /* By Niven's theorem cos(pi q) is rational only for 0, ±1/2, ±1, i.e.
       when 6q is an integer; then r = 6q mod 12 indexes the value. */
    fmpz_t t, r;
    int ok = 0;
    static const int num[12] = {1, 0, 1, 0, -1, 0, -1, 0, -1, 0, 1, 0};
    static const int den[12] = {1, 1, 2, 1, 2, 1, 1, 1, 2, 1, 2, 1};
    fmpz_init(t);
    fmpz_init(r);
    fmpz_mul_ui(t, fmpq_numref(q), 6);
    if (fmpz_divisible(t, fmpq_denref(q)))
    {
        fmpz_divexact(t, t, fmpq_denref(q));
        fmpz_set_ui(r, fmpz_fdiv_ui(t, 12));
        ok = fmpz_get_ui(r) % 2 == 0 || fmpz_get_ui(r) == 3 || fmpz_get_ui(r) == 9;
        if (ok)
        {
            ulong k = fmpz_get_ui(r);
            /* 6q ≡ k (mod 12): q ≡ k/6 (mod 2). */
            if (k == 3 || k == 9)
                fmpq_zero(c);
            else
                fmpq_set_si(c, num[k], den[k]);
        }
    }
    fmpz_clear(t);
    fmpz_clear(r);
    return ok;
}

/* x = cos(pi h) when that is rational, else a node of the given type on q */
static void
set_trig_pi(kd_real_t x, const fmpq_t h, kd_node_type type, const fmpq_t q)
{
    fmpq_t c;
    fmpq_init(c);
    if (_kd_cos_pi_rational(c, h))
        kd_real_set_fmpq(x, c);
    else
    {
        kd_node * n = _kd_node_new(type);
        fmpq_set(n->q, q);
        _kd_real_set_node(x, n);
    }
    fmpq_clear(c);
}

void
kd_real_cos_pi_fmpq(kd_real_t x, const fmpq_t q)
{
    set_trig_pi(x, q, KD_NODE_COSPI, q);
}

void
kd_real_sin_pi_fmpq(kd_real_t x, const fmpq_t q)
{
    fmpq_t h;
    fmpq_init(h);
    /* sin(pi q) = cos(pi (q - 1/2)) */
    fmpq_set_si(h, 1, 2);
    fmpq_sub(h, q, h);
    set_trig_pi(x, h, KD_NODE_SINPI, q);
    fmpq_clear(h);
}

kd_status
_kd_scan_exponent(slong * e, const char * s, size_t * i, slong max, const char * what)
{
    size_t j = *i + 1, estart;
    int neg = 0;
    slong v = 0;
    if (s[j] == '+' || s[j] == '-')
    {
        neg = (s[j] == '-');
        j++;
    }
    estart = j;
    while (isdigit((unsigned char) s[j]))
    {
        if (v <= 100000000)
            v = 10 * v + (s[j] - '0');
        j++;
    }
    if (j == estart)
    {
        *i = j;
        return kd_error_set(KD_ERR_PARSE, "expected digits in the exponent of a %s number", what);
    }
    if (v > max)
    {
        *i = estart;
        return kd_error_set(KD_ERR_ARG, "%s exponent too large (|e| > %ld)", what, (long) max);
    }
    *e = neg ? -v : v;
    *i = j;
    return KD_OK;
}

kd_status
_kd_scan_decimal(fmpq_t q, const char * s, size_t * len)
{
    size_t i = 0, intstart, fracstart = 0, fraclen = 0;
    slong exp10 = 0;
    fmpz_t num, den, pw;
    char * digits;
    size_t nd = 0;

    intstart = i;
    while (isdigit((unsigned char) s[i]))
        i++;
    if (s[i] == '.')
    {
        fracstart = i + 1;
        i++;
        while (isdigit((unsigned char) s[i]))
            i++;
        fraclen = i - fracstart;
        if (fracstart - 1 == intstart && fraclen == 0)
        {
            *len = intstart;
            return kd_error_set(KD_ERR_PARSE, "expected a digit");
        }
    }
    else if (i == intstart)
    {
        *len = i;
        return kd_error_set(KD_ERR_PARSE, "expected a number");
    }
    if (s[i] == 'e' || s[i] == 'E')
    {
        kd_status st = _kd_scan_exponent(&exp10, s, &i, 1000000, "decimal");
        if (st != KD_OK)
        {
            *len = i;
            return st;
        }
    }
    *len = i;

    /* value = (integer digits . fraction digits) * 10^exp10 */
    digits = flint_malloc(i + 2);
    {
        size_t k;
        for (k = intstart; k < i && s[k] != 'e' && s[k] != 'E'; k++)
            if (isdigit((unsigned char) s[k]))
                digits[nd++] = s[k];
    }
    digits[nd] = '\0';
    fmpz_init(num);
    fmpz_init(den);
    fmpz_init(pw);
    if (nd == 0)
        fmpz_zero(num);
    else
        fmpz_set_str(num, digits, 10);
    exp10 -= (slong) fraclen;
    fmpz_one(den);
    fmpz_set_ui(pw, 10);
    if (exp10 >= 0)
    {
        fmpz_pow_ui(pw, pw, (ulong) exp10);
        fmpz_mul(num, num, pw);
    }
    else
    {
        fmpz_pow_ui(pw, pw, (ulong) (-exp10));
        fmpz_set(den, pw);
    }
    fmpq_set_fmpz_frac(q, num, den);
    fmpz_clear(num);
    fmpz_clear(den);
    fmpz_clear(pw);
    flint_free(digits);
    return KD_OK;
}

kd_status
kd_real_set_decimal(kd_real_t x, const char * s)
{
    fmpq_t q;
    size_t len = 0, off = 0;
    int neg = 0;
    kd_status st;

    if (s[0] == '+' || s[0] == '-')
    {
        neg = (s[0] == '-');
        off = 1;
    }
    fmpq_init(q);
    st = _kd_scan_decimal(q, s + off, &len);
    if (st == KD_OK && s[off + len] != '\0')
        st = kd_error_set(KD_ERR_PARSE, "unexpected '%c' at column %zu of decimal \"%s\"",
                          s[off + len], off + len + 1, s);
    else if (st != KD_OK)
        kd_error_prefix("decimal \"%s\", column %zu", s, off + len + 1);
    if (st == KD_OK)
    {
        if (neg)
            fmpq_neg(q, q);
        kd_real_set_fmpq(x, q);
    }
    fmpq_clear(q);
    return st;
}
