/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The registry of built-in exact matrices (see kdigits/builtin.h). */
#include <string.h>
#include "kdigits/builtin.h"
#include "kdigits/lasso.h"
#include "kdigits/mtx.h"
#include "kdigits/spectrum.h"
#include "kdigits/util.h"

/* Measured cost of one exact entry (expression node, rational, cached
   enclosure) of the dense built-ins, in bytes: about 620 for dct2:1024. */
#define ENTRY_BYTES 700.0

const char * kd_builtin_help =
    "  identity:M            the M x M identity\n"
    "  dct2:M                the orthonormal DCT-II of size M (real, Q Q^T = I)\n"
    "  dft:M                 the unitary DFT of size M (complex, F F^* = I)\n"
    "  lasso:DELTA           A_delta of the LASSO probe (3 x 2), DELTA an exact\n"
    "                        expression such as 2^-15 (lasso-probe.md)\n"
    "  lasso-mirror:DELTA    A_delta with its two columns swapped\n"
    "  lasso-y               y = (1/sqrt(2), -1/sqrt(2), 0)^T of the LASSO probe\n";

static kd_status
parse_size(slong * m, const char * s, const char * spec)
{
    char * end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v < 1 || v > 4096)
        return kd_error_set(KD_ERR_ARG, "built-in '%s': size must be an integer in [1, 4096]", spec);
    *m = v;
    return KD_OK;
}

/* tridiag:N[:A:B]: the N x N tridiagonal Toeplitz matrix, A (real) on the
   diagonal, B above and conj(B) below: Hermitian, with eigenvalues
   A + 2|B| cos(j pi/(N+1)) (the test matrix of kdigits sci spectrum). */
static kd_status
builtin_tridiag(kd_mat_t M, const char * spec)
{
    const char * arg = spec + strlen("tridiag");
    char buf[512], * fields[3];
    slong N, i, nf = 0;
    char * end, * p;
    kd_real_t a;
    kd_complex_t b, cb, za;
    kd_status st = KD_OK;

    if (*arg != ':' || strlen(arg + 1) >= sizeof buf)
        return kd_error_set(KD_ERR_ARG, "built-in '%s': expected tridiag:N or tridiag:N:A:B", spec);
    strcpy(buf, arg + 1);
    fields[0] = buf;
    nf = 1;
    for (p = buf; *p; p++)
        if (*p == ':')
        {
            if (nf == 3)
                return kd_error_set(KD_ERR_ARG, "built-in '%s': expected tridiag:N or tridiag:N:A:B", spec);
            *p = '\0';
            fields[nf++] = p + 1;
        }
    if (nf == 2)
        return kd_error_set(KD_ERR_ARG, "built-in '%s': give both A and B (tridiag:N:A:B)", spec);
    N = strtol(fields[0], &end, 10);
    if (*fields[0] == '\0' || *end != '\0' || N < 1 || N > KD_SPECTRUM_DIM_MAX)
        return kd_error_set(KD_ERR_ARG, "built-in '%s': N must be an integer in [1, %d]",
                            spec, KD_SPECTRUM_DIM_MAX);
    kd_real_init(a);
    kd_complex_init(b);
    kd_complex_init(cb);
    kd_complex_init(za);
    kd_complex_one(b);
    if (nf == 3)
    {
        if ((st = kd_real_parse(a, fields[1])) != KD_OK)
            kd_error_prefix("built-in '%s': A", spec);
        else if ((st = kd_complex_parse(b, fields[2])) != KD_OK)
            kd_error_prefix("built-in '%s': B", spec);
    }
    if (st == KD_OK)
        st = kd_mat_resize(M, N, N);
    if (st == KD_OK)
    {
        kd_complex_conj(cb, b);
        kd_complex_set_real(za, a);
        for (i = 0; i < N; i++)
        {
            kd_mat_set_entry(M, i, i, za);
            if (i + 1 < N)
            {
                kd_mat_set_entry(M, i, i + 1, b);
                kd_mat_set_entry(M, i + 1, i, cb);
            }
        }
    }
    kd_real_clear(a);
    kd_complex_clear(b);
    kd_complex_clear(cb);
    kd_complex_clear(za);
    return st;
}

kd_status
kd_builtin_mat(kd_mat_t A, const char * spec)
{
    const char * colon = strchr(spec, ':');
    size_t len = colon ? (size_t) (colon - spec) : strlen(spec);
    const char * arg = colon ? colon + 1 : "";
    slong m = 0;
    kd_status st;

#define IS(name) (len == strlen(name) && strncmp(spec, name, len) == 0)
    if (IS("identity") || IS("dct2") || IS("dft"))
    {
        if ((st = parse_size(&m, arg, spec)) != KD_OK)
            return st;
        if (!IS("identity")
            && (st = kd_check_mem((IS("dft") ? 2.0 : 1.0) * ENTRY_BYTES * m * m, spec)) != KD_OK)
            return st;
        return IS("identity") ? kd_mat_identity(A, m)
             : IS("dct2") ? kd_mat_dct2(A, m) : kd_mat_dft(A, m);
    }
    if (IS("lasso") || IS("lasso-mirror") || IS("lasso-y"))
    {
        kd_real_t delta;
        kd_mat_t B, y;
        kd_real_init(delta);
        kd_mat_init(B, 0, 0);
        kd_mat_init(y, 0, 0);
        if (IS("lasso-y"))
            st = KD_OK;
        else if (*arg == '\0')
            st = kd_error_set(KD_ERR_ARG, "built-in '%s' needs an exact delta, e.g. %.*s:2^-15",
                              spec, (int) len, spec);
        else if ((st = kd_real_parse(delta, arg)) != KD_OK)
            kd_error_prefix("built-in '%s'", spec);
        if (st == KD_OK)
            st = kd_lasso_probe_instance(B, y, delta, IS("lasso-mirror"));
        if (st == KD_OK)
            kd_mat_swap(A, IS("lasso-y") ? y : B);
        kd_real_clear(delta);
        kd_mat_clear(B);
        kd_mat_clear(y);
        return st;
    }
    if (IS("tridiag"))
        return builtin_tridiag(A, spec);
#undef IS
    return kd_error_set(KD_ERR_ARG, "unknown built-in matrix '%s' (see 'kdigits oracle --help')", spec);
}

kd_status
kd_builtin_load(kd_mat_t A, const char * spec)
{
    if (strncmp(spec, "builtin:", 8) == 0)
        return kd_builtin_mat(A, spec + 8);
    return kd_mtx_read(A, spec);
}
