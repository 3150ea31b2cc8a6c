/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Rounding exact values to IEEE binary64 and reading numbers as a double
   solver wrote them (kdigits/candidate.h). */
#include <ctype.h>
#include <stdio.h>
#include <math.h>
#include <string.h>
#include <mpfr.h>
#include "kdigits/candidate.h"
#include "../real/internal.h"

const char *
kd_xformat_name(kd_xformat f)
{
    return f == KD_XFORMAT_DOUBLE ? "double" : f == KD_XFORMAT_EXACT ? "exact" : "auto";
}

kd_status
kd_xformat_parse(kd_xformat * f, const char * s)
{
    if (strcmp(s, "double") == 0)
        *f = KD_XFORMAT_DOUBLE;
    else if (strcmp(s, "exact") == 0)
        *f = KD_XFORMAT_EXACT;
    else if (strcmp(s, "auto") == 0)
        *f = KD_XFORMAT_AUTO;
    else
        return kd_error_set(KD_ERR_ARG, "--x-format must be exact or double, not '%s'", s);
    return KD_OK;
}

/* IEEE 754 binary64 emulated in MPFR: 53 bits, exponents of normal numbers
   in [-1021, 1024] (MPFR's convention 1/2 <= m < 1), subnormals down to
   2^-1074 by mpfr_subnormalize (the MPFR manual's recipe). */
kd_status
kd_fmpq_round_double(double * d, const fmpq_t q)
{
    mpfr_exp_t emin = mpfr_get_emin(), emax = mpfr_get_emax();
    mpfr_t t;
    mpq_t mq;
    int inex;

    mpfr_init2(t, 53);
    mpq_init(mq);
    fmpq_get_mpq(mq, q);
    mpfr_set_emin(-1073);
    mpfr_set_emax(1024);
    inex = mpfr_set_q(t, mq, MPFR_RNDN);
    mpfr_subnormalize(t, inex, MPFR_RNDN);
    *d = mpfr_get_d(t, MPFR_RNDN);
    mpfr_set_emin(emin);
    mpfr_set_emax(emax);
    mpfr_clear(t);
    mpq_clear(mq);
    if (!isfinite(*d))
        return kd_error_set(KD_ERR_ARG, "beyond the range of IEEE double (|x| rounds to infinity)");
    return KD_OK;
}

void
kd_fmpq_set_double(fmpq_t q, double d)
{
    arf_t a;
    arf_init(a);
    arf_set_d(a, d);
    arf_get_fmpq(q, a);
    arf_clear(a);
}

/* The double nearest to x: exact for rationals, else from enclosures until
   both ends agree. */
static kd_status
round_real(double * d, const kd_real_t x, slong prec_cap)
{
    fmpq_t q, lo;
    arb_t b;
    arf_t e;
    slong n;
    double dl = 0, dh = 1;
    kd_status st = KD_OK;

    fmpq_init(q);
    if (kd_real_get_fmpq(q, x))
    {
        st = kd_fmpq_round_double(d, q);
        fmpq_clear(q);
        return st;
    }
    fmpq_init(lo);
    arb_init(b);
    arf_init(e);
    for (n = 64; n <= 8192 && st == KD_OK; n *= 2)
    {
        if ((st = kd_real_enclose(b, x, n, prec_cap)) != KD_OK)
            break;
        arb_get_lbound_arf(e, b, 2 * n);
        arf_get_fmpq(lo, e);
        if ((st = kd_fmpq_round_double(&dl, lo)) != KD_OK)
            break;
        arb_get_ubound_arf(e, b, 2 * n);
        arf_get_fmpq(q, e);
        if ((st = kd_fmpq_round_double(&dh, q)) != KD_OK)
            break;
        if (dl == dh)
            break;
    }
    if (st == KD_OK && dl != dh)
        st = kd_error_set(KD_ERR_UNDECIDED, "could not decide the nearest double (2^-8192 enclosure)");
    *d = dl;
    fmpq_clear(q);
    fmpq_clear(lo);
    arb_clear(b);
    arf_clear(e);
    return st;
}

kd_status
kd_mat_round_double(kd_mat_t B, const kd_mat_t A, slong prec_cap)
{
    slong i, j;
    kd_status st;
    kd_real_t x;
    fmpq_t q;
    double d;

    if (B != A && (st = kd_mat_set(B, A)) != KD_OK)
        return st;
    kd_real_init(x);
    fmpq_init(q);
    st = KD_OK;
    for (i = 0; i < B->r && st == KD_OK; i++)
        for (j = 0; j < B->c && st == KD_OK; j++)
        {
            kd_real_struct * parts[2];
            int k;
            parts[0] = kd_mat_entry_re(B, i, j);
            parts[1] = kd_mat_entry_im(B, i, j);
            for (k = 0; k < 2 && st == KD_OK; k++)
            {
                if (kd_real_is_zero(parts[k]))
                    continue;
                if ((st = round_real(&d, parts[k], prec_cap)) != KD_OK)
                {
                    kd_error_prefix("entry (%ld, %ld)", (long) i + 1, (long) j + 1);
                    break;
                }
                kd_fmpq_set_double(q, d);
                kd_real_set_fmpq(parts[k], q);
            }
        }
    kd_mat_update_is_complex(B);
    kd_real_clear(x);
    fmpq_clear(q);
    return st;
}

/* Whether s (after an optional sign) names a non-finite value. */
static int
is_nonfinite(const char * s)
{
    char low[16];
    size_t i;
    if (*s == '+' || *s == '-')
        s++;
    for (i = 0; i + 1 < sizeof low && s[i] != '\0'; i++)
        low[i] = (char) tolower((unsigned char) s[i]);
    low[i] = '\0';
    return strcmp(low, "nan") == 0 || strcmp(low, "inf") == 0 || strcmp(low, "infinity") == 0
           || strncmp(low, "nan(", 4) == 0;
}

kd_status
kd_number_parse(fmpq_t q, const char * s, kd_xformat f)
{
    size_t off = 0, len = 0;
    int neg = 0;
    kd_status st;
    double d;

    if (*s == '\0')
        return kd_error_set(KD_ERR_PARSE, "an empty entry is not a number");
    if (is_nonfinite(s))
        return kd_error_set(KD_ERR_ARG, "'%s' is not a finite number", s);
    if (s[0] == '+' || s[0] == '-')
    {
        neg = s[0] == '-';
        off = 1;
    }
    if (s[off] == '0' && (s[off + 1] == 'x' || s[off + 1] == 'X'))
        st = _kd_scan_hexfloat(q, s + off, &len);
    else if (isdigit((unsigned char) s[off]) || s[off] == '.')
    {
        st = _kd_scan_decimal(q, s + off, &len);
        if (st == KD_OK && s[off + len] == '\0' && f != KD_XFORMAT_EXACT)
        {
            if (neg)
                fmpq_neg(q, q);
            if ((st = kd_fmpq_round_double(&d, q)) != KD_OK)
                return kd_error_set(st, "'%s' is beyond the range of IEEE double", s);
            kd_fmpq_set_double(q, d);
            return KD_OK;
        }
    }
    else
        st = KD_ERR_PARSE;
    if (st == KD_OK && s[off + len] == '\0')
    {
        if (neg)
            fmpq_neg(q, q);
        return KD_OK;
    }
    if (f == KD_XFORMAT_EXACT)
    {
        /* any exact expression with a rational value */
        kd_real_t x;
        kd_real_init(x);
        st = kd_real_parse(x, s);
        if (st == KD_OK && !kd_real_get_fmpq(q, x))
            st = kd_error_set(KD_ERR_ARG, "'%s' is not a rational number (a candidate's entries "
                              "are exact rationals)", s);
        kd_real_clear(x);
        return st;
    }
    if (st == KD_ERR_ARG)
    {
        char msg[256];
        snprintf(msg, sizeof msg, "%s", kd_error_message());
        return kd_error_set(st, "'%s': %s", s, msg);
    }
    return kd_error_set(KD_ERR_PARSE, "'%s' is not a number (a decimal or a hexadecimal float; "
                        "exact expressions need --x-format exact)", s);
}
