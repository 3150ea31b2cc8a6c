/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* What the peers read (kdigits/bpprobe.h): exact decimals, the exact CPLEX
   LP file, and the problem a reader that stores IEEE doubles receives. */
#include <string.h>
#include "../lp/internal.h"
#include "kdigits/bpprobe.h"
#include "kdigits/util.h"

char *
kd_bp_probe_decimal(const fmpq_t q)
{
    fmpz_t den, num;
    ulong a, b = 0, d;
    char * digits, * s;
    size_t nd, len, pos = 0;

    fmpz_init(den);
    fmpz_init(num);
    fmpz_set(den, fmpq_denref(q));
    a = fmpz_val2(den);
    fmpz_fdiv_q_2exp(den, den, a);
    while (fmpz_divisible_si(den, 5))
    {
        fmpz_divexact_ui(den, den, 5);
        b++;
    }
    if (!fmpz_is_one(den))
    {
        fmpz_clear(den);
        fmpz_clear(num);
        return NULL;
    }
    /* q = num / 10^d with num = |p| 2^(d-a) 5^(d-b); not a multiple of 10
       when d > 0, since q is reduced */
    d = a > b ? a : b;
    fmpz_abs(num, fmpq_numref(q));
    fmpz_mul_2exp(num, num, d - a);
    fmpz_set_ui(den, 5);
    fmpz_pow_ui(den, den, d - b);
    fmpz_mul(num, num, den);
    digits = fmpz_get_str(NULL, 10, num);
    nd = strlen(digits);
    len = (nd > d ? nd : d + 1) + 3;
    s = flint_malloc(len + 1);
    if (fmpq_sgn(q) < 0)
        s[pos++] = '-';
    if (d == 0)
        pos += (size_t) sprintf(s + pos, "%s", digits);
    else
    {
        size_t ip = nd > d ? nd - d : 0, k;
        if (ip == 0)
            s[pos++] = '0';
        else
        {
            memcpy(s + pos, digits, ip);
            pos += ip;
        }
        s[pos++] = '.';
        for (k = nd; k < d; k++)
            s[pos++] = '0';
        memcpy(s + pos, digits + ip, nd - ip);
        pos += nd - ip;
        s[pos] = '\0';
    }
    flint_free(digits);
    fmpz_clear(den);
    fmpz_clear(num);
    return s;
}

/* Appends " + tok name" style terms, breaking lines every few terms. */
static void
put_term(FILE * f, slong * nterm, slong * maxtok, const fmpq_t c, const char * var, slong j)
{
    fmpq_t a;
    char * tok;
    slong len;
    fmpq_init(a);
    fmpq_abs(a, c);
    tok = kd_bp_probe_decimal(a);
    len = (slong) strlen(tok);
    if (len > *maxtok)
        *maxtok = len;
    if (*nterm > 0 && *nterm % 4 == 0)
        fputs("\n   ", f);
    if (*nterm == 0)
        fprintf(f, "%s%s %s%ld", fmpq_sgn(c) < 0 ? "- " : "", tok, var, j + 1);
    else
        fprintf(f, " %s %s %s%ld", fmpq_sgn(c) < 0 ? "-" : "+", tok, var, j + 1);
    (*nterm)++;
    flint_free(tok);
    fmpq_clear(a);
}

static int
is_decimal(const fmpq_t q)
{
    char * s = kd_bp_probe_decimal(q);
    flint_free(s);
    return s != NULL;
}

kd_status
kd_bp_probe_write_lp(FILE * f, fmpq_mat_t As, fmpq_mat_t ys, slong * maxtok,
                     const fmpq_mat_t A, const fmpq_mat_t y)
{
    slong m = fmpq_mat_nrows(A), N = fmpq_mat_ncols(A), i, j, nterm;
    fmpz_t L;
    fmpq_t t;

    if (!_kd_is_vec(y, m))
        return kd_error_set(KD_ERR_SIZE, "kd_bp_probe_write_lp: y is %ld x %ld, A is %ld x %ld",
                            fmpq_mat_nrows(y), fmpq_mat_ncols(y), m, N);
    if (N == 0)
        return kd_error_set(KD_ERR_SIZE, "kd_bp_probe_write_lp: A has no columns");
    fmpz_init(L);
    fmpq_init(t);
    _kd_fmpq_mat_fit(As, m, N);
    _kd_fmpq_mat_fit(ys, m, 1);
    fmpq_mat_set(As, A);
    fmpq_mat_set(ys, y);
    for (i = 0; i < m; i++)
    {
        int dec = is_decimal(fmpq_mat_entry(ys, i, 0));
        for (j = 0; j < N && dec; j++)
            dec = is_decimal(fmpq_mat_entry(As, i, j));
        if (dec)
            continue;
        fmpz_set(L, fmpq_mat_entry_den(ys, i, 0));
        for (j = 0; j < N; j++)
            fmpz_lcm(L, L, fmpq_mat_entry_den(As, i, j));
        for (j = 0; j < N; j++)
            fmpq_mul_fmpz(fmpq_mat_entry(As, i, j), fmpq_mat_entry(As, i, j), L);
        fmpq_mul_fmpz(fmpq_mat_entry(ys, i, 0), fmpq_mat_entry(ys, i, 0), L);
    }

    *maxtok = 1;
    fprintf(f, "\\ kdigits bp-probe: min ||x||_1 subject to A x = y, x = u - v, u, v >= 0\n"
               "Minimize\n obj: ");
    for (j = 0; j < N; j++)
        fprintf(f, "%s%su%ld + v%ld", j == 0 ? "" : " +",
                j == 0 ? "" : j % 4 == 0 ? "\n   " : " ", j + 1, j + 1);
    fprintf(f, "\nSubject To\n");
    for (i = 0; i < m; i++)
    {
        char * tok;
        fprintf(f, " c%ld: ", i + 1);
        nterm = 0;
        for (j = 0; j < N; j++)
        {
            const fmpq * a = fmpq_mat_entry(As, i, j);
            if (fmpq_is_zero(a))
                continue;
            put_term(f, &nterm, maxtok, a, "u", j);
            fmpq_neg(t, a);
            put_term(f, &nterm, maxtok, t, "v", j);
        }
        if (nterm == 0)
            fprintf(f, "0 u1");
        tok = kd_bp_probe_decimal(fmpq_mat_entry(ys, i, 0));
        if ((slong) strlen(tok) - (tok[0] == '-') > *maxtok)
            *maxtok = (slong) strlen(tok) - (tok[0] == '-');
        fprintf(f, " = %s\n", tok);
        flint_free(tok);
    }
    fprintf(f, "End\n");
    fmpz_clear(L);
    fmpq_clear(t);
    if (fflush(f) != 0 || ferror(f))
        return kd_error_set(KD_ERR_IO, "kd_bp_probe_write_lp: write error");
    return KD_OK;
}

kd_status
kd_bp_probe_round_double(fmpq_mat_t Ad, fmpq_mat_t yd, const fmpq_mat_t A, const fmpq_mat_t y)
{
    slong i, j, pass;
    arf_t r;
    kd_status st = KD_OK;

    if (Ad != A)
    {
        _kd_fmpq_mat_fit(Ad, fmpq_mat_nrows(A), fmpq_mat_ncols(A));
        fmpq_mat_set(Ad, A);
    }
    if (yd != y)
    {
        _kd_fmpq_mat_fit(yd, fmpq_mat_nrows(y), fmpq_mat_ncols(y));
        fmpq_mat_set(yd, y);
    }
    arf_init(r);
    for (pass = 0; pass < 2 && st == KD_OK; pass++)
    {
        fmpq_mat_struct * M = pass == 0 ? Ad : yd;
        for (i = 0; i < fmpq_mat_nrows(M) && st == KD_OK; i++)
            for (j = 0; j < fmpq_mat_ncols(M) && st == KD_OK; j++)
            {
                fmpq * q = fmpq_mat_entry(M, i, j);
                /* nearest 53-bit float, ties to even (unbounded exponent) */
                arf_set_fmpq(r, q, 53, ARF_RND_NEAR);
                if (!arf_is_zero(r) && (arf_cmpabs_2exp_si(r, 1024) >= 0
                                        || arf_cmpabs_2exp_si(r, -1022) < 0))
                {
                    char * s = kd_fmpq_get_decimal(q, 6);
                    st = kd_error_set(KD_ERR_UNSUPPORTED, "%s entry (%ld, %ld) = %s is outside the "
                                      "normal double range", pass == 0 ? "A" : "y",
                                      i + 1, j + 1, s);
                    flint_free(s);
                }
                else
                    arf_get_fmpq(q, r);
            }
    }
    arf_clear(r);
    return st;
}
