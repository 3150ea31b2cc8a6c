/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Rendering exact values for people: decimals (for reading, labelled as
   rounded by the caller) and exact "p/q" strings. */
#include <string.h>
#include "kdigits/util.h"

char *
kd_fmpq_get_str(const fmpq_t q)
{
    return fmpq_get_str(NULL, 10, q);
}

static char *
mpfr_to_decimal(mpfr_t x, slong digits, mpfr_rnd_t rnd)
{
    char * buf;
    int n;
    if (digits < 1)
        digits = 1;
    if (digits > 100000)
        digits = 100000;
    n = mpfr_snprintf(NULL, 0, "%.*R*g", (int) digits, rnd, x);
    buf = flint_malloc(n + 1);
    mpfr_snprintf(buf, n + 1, "%.*R*g", (int) digits, rnd, x);
    return buf;
}

char *
kd_fmpq_get_decimal(const fmpq_t q, slong digits)
{
    mpfr_t x;
    mpz_t num, den;
    mpq_t t;
    char * s;
    /* enough bits that the conversion to mpfr adds less than the printed
       rounding */
    mpfr_init2(x, 4 * digits + 64);
    mpz_init(num);
    mpz_init(den);
    fmpz_get_mpz(num, fmpq_numref(q));
    fmpz_get_mpz(den, fmpq_denref(q));
    mpq_init(t);
    mpq_set_num(t, num);
    mpq_set_den(t, den);
    mpfr_set_q(x, t, MPFR_RNDN);
    s = mpfr_to_decimal(x, digits, MPFR_RNDN);
    mpq_clear(t);
    mpz_clear(num);
    mpz_clear(den);
    mpfr_clear(x);
    return s;
}

char *
kd_mag_get_decimal(const mag_t m, slong digits)
{
    mpfr_t x;
    char * s;
    arf_t a;
    arf_init(a);
    arf_set_mag(a, m);
    mpfr_init2(x, 64);
    arf_get_mpfr(x, a, MPFR_RNDU);
    s = mpfr_to_decimal(x, digits, MPFR_RNDU);
    mpfr_clear(x);
    arf_clear(a);
    return s;
}

static char *
dup_range(const char * a, const char * b)
{
    char * s = flint_malloc(b - a + 1);
    memcpy(s, a, b - a);
    s[b - a] = '\0';
    return s;
}

void
kd_arb_get_decimal(char ** mid, char ** rad, const arb_t x, slong digits)
{
    /* arb_get_str prints "[m +/- r]" (or "m" for an exact value, "[+/- r]"
       when no digit is known) with the decimal ball containing x */
    char * s = arb_get_str(x, digits < 1 ? 1 : digits, 0);
    const char * pm = strstr(s, "+/-");
    if (s[0] != '[' || pm == NULL)
    {
        *mid = dup_range(s, s + strlen(s));
        *rad = dup_range("0", "0" + 1);
    }
    else
    {
        const char * m0 = s + 1, * m1 = pm;
        while (m1 > m0 && m1[-1] == ' ')
            m1--;
        *mid = (m1 == m0) ? dup_range("0", "0" + 1) : dup_range(m0, m1);
        pm += 3;
        while (*pm == ' ')
            pm++;
        *rad = dup_range(pm, s + strlen(s) - 1);
    }
    flint_free(s);
}

char *
kd_arb_get_str_pm(const arb_t x, slong digits)
{
    char * mid, * rad, * s;
    size_t len;
    if (!arb_is_finite(x))
    {
        s = flint_malloc(2);
        strcpy(s, "-");
        return s;
    }
    kd_arb_get_decimal(&mid, &rad, x, digits);
    len = strlen(mid) + strlen(rad) + 8;
    s = flint_malloc(len);
    snprintf(s, len, "%s +/- %s", mid, rad);
    flint_free(mid);
    flint_free(rad);
    return s;
}

void
kd_csv_write_field(FILE * f, const char * s)
{
    if (strpbrk(s, ",\"\n\r") == NULL)
    {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++)
    {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

void
kd_write_wrapped(FILE * f, const char * s, size_t width)
{
    size_t col = 0, len;
    const char * p = s, * w;
    for (;;)
    {
        while (*p == ' ')
            p++;
        w = p;
        while (*p != '\0' && *p != ' ')
            p++;
        len = (size_t) (p - w);
        if (len == 0)
            break;
        if (col > 0 && col + 1 + len > width)
        {
            fputc('\n', f);
            col = 0;
        }
        else if (col > 0)
        {
            fputc(' ', f);
            col++;
        }
        fwrite(w, 1, len, f);
        col += len;
    }
    fputc('\n', f);
}
