/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Hexadecimal floating literals (C99 / IEEE 754 style, what float.hex() and
   printf("%a") write), read exactly: 0x1.8p-3 = 3/16. */
#include "internal.h"

static int
hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

kd_status
_kd_scan_hexfloat(fmpq_t q, const char * s, size_t * len)
{
    size_t i = 2;
    slong e2 = 0, ndig = 0, fracdig = 0;
    fmpz_t m;

    if (s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
    {
        *len = 0;
        return kd_error_set(KD_ERR_PARSE, "expected a hexadecimal number (0x...)");
    }
    fmpz_init(m);
    while (hexval((unsigned char) s[i]) >= 0)
    {
        fmpz_mul_2exp(m, m, 4);
        fmpz_add_ui(m, m, (ulong) hexval((unsigned char) s[i]));
        i++;
        ndig++;
    }
    if (s[i] == '.')
    {
        i++;
        while (hexval((unsigned char) s[i]) >= 0)
        {
            fmpz_mul_2exp(m, m, 4);
            fmpz_add_ui(m, m, (ulong) hexval((unsigned char) s[i]));
            i++;
            ndig++;
            fracdig++;
        }
    }
    if (ndig == 0)
    {
        fmpz_clear(m);
        *len = i;
        return kd_error_set(KD_ERR_PARSE, "expected hexadecimal digits after 0x");
    }
    if (s[i] == 'p' || s[i] == 'P')
    {
        kd_status st = _kd_scan_exponent(&e2, s, &i, 4000000, "hexadecimal");
        if (st != KD_OK)
        {
            fmpz_clear(m);
            *len = i;
            return st;
        }
    }
    *len = i;
    /* value = m * 2^(e2 - 4 fracdig) */
    e2 -= 4 * fracdig;
    fmpz_one(fmpq_denref(q));
    if (e2 >= 0)
        fmpz_mul_2exp(fmpq_numref(q), m, (ulong) e2);
    else
    {
        fmpz_set(fmpq_numref(q), m);
        fmpz_mul_2exp(fmpq_denref(q), fmpq_denref(q), (ulong) (-e2));
        fmpq_canonicalise(q);
    }
    fmpz_clear(m);
    return KD_OK;
}
