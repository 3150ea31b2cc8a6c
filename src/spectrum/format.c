/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Exact decimal strings of the spectral points, grid spacings and one-sided
   bounds, so that what is printed is still what was proved. */
#include <string.h>
#include "kdigits/spectrum.h"

/* j 2^-e exactly in decimal (a dyadic has a finite decimal expansion). */
static char *
dyadic_decimal(slong j, slong e)
{
    fmpz_t m;
    char * s, * out;
    size_t len, intlen, k;
    fmpz_init(m);
    fmpz_set_si(m, j);
    fmpz_abs(m, m);
    for (k = 0; k < (size_t) e; k++)
        fmpz_mul_ui(m, m, 5);       /* j 2^-e = j 5^e / 10^e */
    s = fmpz_get_str(NULL, 10, m);
    len = strlen(s);
    out = flint_malloc(len + (size_t) e + 4);
    intlen = len > (size_t) e ? len - (size_t) e : 0;
    k = 0;
    if (j < 0)
        out[k++] = '-';
    if (intlen == 0)
        out[k++] = '0';
    else
    {
        memcpy(out + k, s, intlen);
        k += intlen;
    }
    if (e > 0)
    {
        size_t frac = (size_t) e, pad = len < frac ? frac - len : 0, p;
        out[k++] = '.';
        for (p = 0; p < pad; p++)
            out[k++] = '0';
        memcpy(out + k, s + intlen, len - intlen);
        k += len - intlen;
        while (out[k - 1] == '0')
            k--;
        if (out[k - 1] == '.')
            k--;
    }
    out[k] = '\0';
    if (strcmp(out, "-0") == 0)
        strcpy(out, "0");
    flint_free(s);
    fmpz_clear(m);
    return out;
}

char *
kd_spectrum_level_point_get_str(const kd_spectrum_level_t L, slong i)
{
    return dyadic_decimal(L->j[i], L->e);
}

char *
kd_spectrum_level_spacing_get_str(const kd_spectrum_level_t L)
{
    char * s = flint_malloc(32);
    if (L->e == 0)
        strcpy(s, "1");
    else
        snprintf(s, 32, "1/%lu", (unsigned long) (UWORD(1) << L->e));
    return s;
}

char *
kd_spectrum_arf_get_decimal(const arf_t x, slong places, int up)
{
    fmpq_t q;
    fmpz_t k, t;
    char * s, * out;
    size_t len, neg, digits, p = (size_t) places, o = 0, z;
    fmpq_init(q);
    fmpz_init(k);
    fmpz_init(t);
    arf_get_fmpq(q, x);
    fmpz_ui_pow_ui(t, 10, places);
    fmpz_mul(k, fmpq_numref(q), t);
    if (up)
        fmpz_cdiv_q(k, k, fmpq_denref(q));
    else
        fmpz_fdiv_q(k, k, fmpq_denref(q));
    /* k / 10^places: the integer k with a decimal point put in */
    s = fmpz_get_str(NULL, 10, k);
    len = strlen(s);
    neg = s[0] == '-';
    digits = len - neg;
    out = flint_malloc(len + p + 4);
    if (neg)
        out[o++] = '-';
    if (digits <= p)
    {
        out[o++] = '0';
        out[o++] = '.';
        for (z = 0; z < p - digits; z++)
            out[o++] = '0';
        memcpy(out + o, s + neg, digits);
        o += digits;
    }
    else
    {
        memcpy(out + o, s + neg, digits - p);
        o += digits - p;
        out[o++] = '.';
        memcpy(out + o, s + neg + digits - p, p);
        o += p;
    }
    out[o] = '\0';
    flint_free(s);
    fmpq_clear(q);
    fmpz_clear(k);
    fmpz_clear(t);
    return out;
}
