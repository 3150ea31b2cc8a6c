/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Seeded row-sampling patterns: uniform and multilevel (DAS-style), and
   the "builtin" names of the operators (kd_op_parse). */
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include "internal.h"
#include "kdigits/util.h"

/* splitmix64: a fixed generator, so patterns do not depend on the FLINT
   version */
static ulong
_kd_mix(ulong * s)
{
    ulong z = (*s += UWORD(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UWORD(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UWORD(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static int
_kd_cmp_slong(const void * a, const void * b)
{
    slong x = *(const slong *) a, y = *(const slong *) b;
    return (x > y) - (x < y);
}

/* picks k of the len entries of pool (partial Fisher-Yates), appends them
   to out */
static void
_kd_pick(slong * out, slong * pool, slong len, slong k, ulong * st)
{
    slong i, j, t;
    for (i = 0; i < k; i++)
    {
        j = i + (slong) (_kd_mix(st) % (ulong) (len - i));
        t = pool[i]; pool[i] = pool[j]; pool[j] = t;
        out[i] = pool[i];
    }
}

kd_status
kd_op_sample_uniform(slong * omega, slong N, slong k, ulong seed)
{
    slong i, * pool;
    ulong st = seed;
    if (k < 1 || k > N)
        return kd_error_set(KD_ERR_ARG, "cannot sample %ld of %ld rows", (long) k, (long) N);
    pool = flint_malloc(N * sizeof(slong));
    for (i = 0; i < N; i++)
        pool[i] = i;
    _kd_pick(omega, pool, N, k, &st);
    qsort(omega, k, sizeof(slong), _kd_cmp_slong);
    flint_free(pool);
    return KD_OK;
}

kd_status
kd_op_sample_multilevel(slong * omega, slong * k_out, slong n, int dim, int dft_like, slong k,
                        ulong seed)
{
    slong N = (dim == 1) ? n : n * n, L = FLINT_MAX(1, _kd_op_log2(n) - 1);
    slong i, l, nl = L + 1, * size, * cnt, * take, full = 0, used = 0, tot = 0, ** pool;
    double p, lo, hi, rem;
    ulong st = seed;
    if (k < 1 || k > N)
        return kd_error_set(KD_ERR_ARG, "cannot sample %ld of %ld rows", (long) k, (long) N);
    size = flint_calloc(3 * nl, sizeof(slong));
    cnt = size + nl;
    take = cnt + nl;
    pool = flint_calloc(nl, sizeof(slong *));
    /* level of a frequency: band b = max |k_i|, level 0 for b < 2, else
       floor(log2 b) */
#define LEVEL_OF(idx, lev) do { \
        slong _a = (dim == 1) ? (idx) : (idx) / n, _b = (dim == 1) ? 0 : (idx) % n; \
        if (dft_like) { _a = FLINT_MIN(_a, n - _a); _b = FLINT_MIN(_b, n - _b); } \
        slong _m = FLINT_MAX(_a, _b); (lev) = 0; \
        while (_m >= 2) { _m >>= 1; (lev)++; } \
        if ((lev) > L) (lev) = L; } while (0)
    for (i = 0; i < N; i++)
    {
        LEVEL_OF(i, l);
        size[l]++;
    }
    for (l = 0; l < nl; l++)
        pool[l] = flint_malloc(FLINT_MAX(1, size[l]) * sizeof(slong));
    for (i = 0; i < N; i++)
    {
        LEVEL_OF(i, l);
        pool[l][cnt[l]++] = i;
    }
#undef LEVEL_OF
    /* fully sampled levels: while they use at most a quarter of k */
    while (full < nl && used + size[full] <= k / 4)
    {
        take[full] = size[full];
        used += size[full];
        full++;
    }
    /* the others: density p 2^-(l - full), capped at 1, summing to the rest */
    rem = (double) (k - used);
    lo = 0.0;
    hi = ldexp(1.0, (int) nl + 1);
    for (i = 0; i < 200; i++)
    {
        double s = 0.0;
        p = (lo + hi) / 2;
        for (l = full; l < nl; l++)
            s += fmin(1.0, p * ldexp(1.0, (int) (full - l))) * size[l];
        if (s > rem) hi = p; else lo = p;
    }
    for (l = full; l < nl; l++)
        take[l] = (slong) floor(fmin(1.0, lo * ldexp(1.0, (int) (full - l)))
                                * size[l]);
    /* the rounding remainder to the lowest levels with room, so that
       exactly k rows are taken */
    {
        slong have = 0, add;
        for (l = 0; l < nl; l++)
            have += take[l];
        for (l = full; l < nl && have < k; l++)
        {
            add = FLINT_MIN(k - have, size[l] - take[l]);
            take[l] += add;
            have += add;
        }
    }
    for (l = 0; l < nl; l++)
    {
        _kd_pick(omega + tot, pool[l], size[l], take[l], &st);
        tot += take[l];
    }
    qsort(omega, tot, sizeof(slong), _kd_cmp_slong);
    *k_out = tot;
    for (l = 0; l < nl; l++)
        flint_free(pool[l]);
    flint_free(pool);
    flint_free(size);
    return KD_OK;
}

/* the band of a frequency coordinate a of a side-n transform, in the
   numbering of kd_op_haar_level with r levels (coarse side c = n/2^r):
   0 below c, else 1 + floor(log2(a/c)); the DFT's a is folded to its
   distance from 0 and doubled (frequency |k| sits where sequency 2|k|
   does) */
static slong
_kd_das_band(slong a, slong n, slong r, int dft_like)
{
    slong c = n >> r, l = 0;
    if (dft_like)
        a = 2 * FLINT_MIN(a, n - a);
    if (a < c)
        return 0;
    a /= c;
    while (a >= 2)
    {
        a >>= 1;
        l++;
    }
    return FLINT_MIN(l + 1, r);
}

kd_status
kd_op_sample_das(slong * omega, slong * k_out, slong n, int dft_like, slong k,
                 const slong * s, slong r, ulong seed)
{
    slong N = n * n, nb = r + 1, i, j, l, a, b, tot = 0, have;
    slong * size, * take, * cnt, ** pool;
    double * dens, lo, hi, c, tw;
    ulong st = seed;

    if (n < 2 || r < 1 || (n >> r) < 1 || (n >> r << r) != n)
        return kd_error_set(KD_ERR_ARG, "DAS sampling: side %ld and %ld levels do not fit",
                            (long) n, (long) r);
    if (k < 1 || k > N)
        return kd_error_set(KD_ERR_ARG, "cannot sample %ld of %ld rows", (long) k, (long) N);
    for (l = 0; l < nb; l++)
        if (s[l] < 0)
            return kd_error_set(KD_ERR_ARG, "DAS sampling: negative sparsity in level %ld",
                                (long) l);
    size = flint_calloc(3 * nb * nb, sizeof(slong));
    take = size + nb * nb;
    cnt = take + nb * nb;
    dens = flint_calloc(nb * nb, sizeof(double));
    pool = flint_calloc(nb * nb, sizeof(slong *));
    for (i = 0; i < N; i++)
        size[_kd_das_band(i / n, n, r, dft_like) * nb + _kd_das_band(i % n, n, r, dft_like)]++;
    for (i = 0; i < nb * nb; i++)
        pool[i] = flint_malloc(FLINT_MAX(1, size[i]) * sizeof(slong));
    for (i = 0; i < N; i++)
    {
        j = _kd_das_band(i / n, n, r, dft_like) * nb + _kd_das_band(i % n, n, r, dft_like);
        pool[j][cnt[j]++] = i;
    }
    /* density of block (a, b): sum_l s_l 2^(-|l - a| - |l - b|), one
       sample budget c split in proportion, capped at the block's size */
    for (a = 0; a < nb; a++)
        for (b = 0; b < nb; b++)
            for (l = 0; l < nb; l++)
                dens[a * nb + b] += (double) FLINT_MAX(s[l], 1)
                    * ldexp(1.0, -(int) (FLINT_ABS(l - a) + FLINT_ABS(l - b)));
    for (i = 0, tw = 0.0; i < nb * nb; i++)
        tw += dens[i];
    for (i = 0; i < nb * nb; i++)
        dens[i] /= tw;
    /* the largest budget c whose capped counts floor(c d_ab) sum to <= k */
    lo = 0.0;
    hi = 4.0 * (double) N;
    for (j = 0; j < 200; j++)
    {
        double t = 0.0;
        c = (lo + hi) / 2;
        for (i = 0; i < nb * nb; i++)
            t += fmin((double) size[i], floor(c * dens[i]));
        if (t > (double) k) hi = c; else lo = c;
    }
    have = 0;
    for (i = 0; i < nb * nb; i++)
    {
        take[i] = (slong) fmin((double) size[i], floor(lo * dens[i]));
        have += take[i];
    }
    /* the rounding remainder to the blocks with room, lowest bands first */
    for (a = 0; a < 2 * nb && have < k; a++)
        for (i = 0; i < nb * nb && have < k; i++)
            if (i / nb + i % nb == a && take[i] < size[i])
            {
                take[i]++;
                have++;
            }
    for (i = 0; i < nb * nb && have < k; i++)
        while (take[i] < size[i] && have < k)
        {
            take[i]++;
            have++;
        }
    for (i = 0; i < nb * nb; i++)
    {
        _kd_pick(omega + tot, pool[i], size[i], take[i], &st);
        tot += take[i];
    }
    qsort(omega, tot, sizeof(slong), _kd_cmp_slong);
    *k_out = tot;
    for (i = 0; i < nb * nb; i++)
        flint_free(pool[i]);
    flint_free(pool);
    flint_free(dens);
    flint_free(size);
    return KD_OK;
}

const char * kd_op_help =
    "  walsh:N, walsh2d:n    sequency-ordered Walsh-Hadamard, 1-D (N) or 2-D (n x n;\n"
    "                        walsh2:n is the same)\n"
    "  dct:N, dct2d:n        orthonormal DCT-II, 1-D or 2-D\n"
    "  dft:N, dft2d:n        unitary DFT, 1-D or 2-D (complex)\n"
    "  haar:N:R, haar2d:n:R  periodic Haar wavelet analysis with R levels\n"
    "  T:n:haar:R            T H^-1 (T one of the above, synthesis from R levels)\n"
    "  ...:ml:F:SEED         P_Omega ... with multilevel sampling of a fraction F\n"
    "  ...:unif:F:SEED       P_Omega ... with uniform sampling of a fraction F\n";

kd_status
kd_op_parse(kd_op_t A, const char * spec)
{
    char buf[256], * tok[8], * p;
    slong nt = 0, n, N, r = 0, k, kout, i = 2, * om = NULL;
    int dim, dft = 0;
    kd_op_kind kind;
    kd_status st = KD_OK;
    if (strlen(spec) >= sizeof buf)
        return kd_error_set(KD_ERR_ARG, "operator '%s': name too long", spec);
    strcpy(buf, spec);
    tok[nt++] = buf;
    for (p = buf; *p; p++)
        if (*p == ':')
        {
            if (nt == 8)
                return kd_error_set(KD_ERR_ARG, "operator '%s': too many fields", spec);
            *p = '\0';
            tok[nt++] = p + 1;
        }
    {
        /* 2-D: the suffix "2d" ("walsh2" too; "dct2" would read as DCT-II) */
        size_t len = strlen(tok[0]);
        dim = 1;
        if (len > 2 && !strcmp(tok[0] + len - 2, "2d"))
            dim = 2, tok[0][len - 2] = '\0';
        else if (!strcmp(tok[0], "walsh2"))
            dim = 2, tok[0][5] = '\0';
    }
    if (!strcmp(tok[0], "walsh")) kind = KD_OP_WALSH;
    else if (!strcmp(tok[0], "dct")) kind = KD_OP_DCT;
    else if (!strcmp(tok[0], "dft")) kind = KD_OP_DFT, dft = 1;
    else if (!strcmp(tok[0], "haar")) kind = KD_OP_HAAR;
    else
        return kd_error_set(KD_ERR_ARG, "operator '%s': unknown transform '%s'", spec, tok[0]);
    if (nt < 2 || (n = strtol(tok[1], &p, 10), *p != '\0') || n < 2)
        return kd_error_set(KD_ERR_ARG, "operator '%s': expected a side after the name", spec);
    if (kind == KD_OP_HAAR)
    {
        if (nt < 3 || (r = strtol(tok[2], &p, 10), *p != '\0'))
            return kd_error_set(KD_ERR_ARG, "operator '%s': expected haar:N:LEVELS", spec);
        i = 3;
    }
    else if (nt > 2 && !strcmp(tok[2], "haar"))
    {
        if (nt < 4 || (r = strtol(tok[3], &p, 10), *p != '\0') || r < 1)
            return kd_error_set(KD_ERR_ARG, "operator '%s': expected ...:haar:LEVELS", spec);
        i = 4;
    }
    if (n > KD_OP_SIDE_MAX || (n & (n - 1)) != 0 || (dim == 2 && n > (WORD(1) << 15)))
        return kd_error_set(KD_ERR_ARG, "operator '%s': side must be a power of 2 (<= 2^20, 2-D <= 2^15)", spec);
    N = (dim == 1) ? n : n * n;
    kd_op_init(A, N);
    if (i < nt)
    {
        double frac;
        ulong seed;
        if (nt != i + 3 || (strcmp(tok[i], "ml") && strcmp(tok[i], "unif")))
        {
            kd_op_clear(A);
            return kd_error_set(KD_ERR_ARG, "operator '%s': expected ...:ml|unif:FRACTION:SEED", spec);
        }
        frac = strtod(tok[i + 1], &p);
        if (*p != '\0' || !(frac > 0.0 && frac <= 1.0))
        {
            kd_op_clear(A);
            return kd_error_set(KD_ERR_ARG, "operator '%s': fraction must be in (0, 1]", spec);
        }
        seed = strtoul(tok[i + 2], &p, 10);
        if (*p != '\0')
        {
            kd_op_clear(A);
            return kd_error_set(KD_ERR_ARG, "operator '%s': bad seed", spec);
        }
        k = FLINT_MAX(1, (slong) ceil(frac * N));
        /* the index pools: about three index arrays of length N */
        if ((st = kd_check_mem(3.0 * (double) N * sizeof(slong), spec)) != KD_OK)
        {
            kd_op_clear(A);
            return st;
        }
        om = flint_malloc(N * sizeof(slong));
        if (!strcmp(tok[i], "unif"))
            st = kd_op_sample_uniform(om, N, k, seed), kout = k;
        else
            st = kd_op_sample_multilevel(om, &kout, n, dim, dft, k, seed);
        if (st == KD_OK)
            st = kd_op_mul_subsample(A, om, kout, 0);
        flint_free(om);
    }
    if (st == KD_OK)
        st = kd_op_mul_transform(A, kind, n, dim, kind == KD_OP_HAAR ? r : 0, 0);
    if (st == KD_OK && kind != KD_OP_HAAR && r > 0)
        st = kd_op_mul_transform(A, KD_OP_HAAR, n, dim, r, 1);
    if (st != KD_OK)
    {
        kd_error_prefix("operator '%s'", spec);
        kd_op_clear(A);
    }
    return st;
}
