/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Exact fixed-point dot products in radix-2^56 digits for the Arb backend
   (kdot.h; proofs-notes/solvers.md §7 for the error bound). */
#include <stdlib.h>
#include <math.h>
#include "kdot.h"

#define R_BITS _KD_KDOT_BITS
#define R_MASK ((((ulong) 1) << R_BITS) - 1)
#define BLOCK 4096              /* terms per 128-bit partial sum (each adds < 2^114) */
#define ACC_LIMBS 6             /* the exact sum, two's complement */
#define EXP_MAX (WORD(1) << 50) /* block exponents kept far from overflow */

slong
_kd_kdot_ndigits(slong prec, slong len)
{
#ifdef __SIZEOF_INT128__
    slong K = (prec + 32 + FLINT_BIT_COUNT(len) + R_BITS - 1) / R_BITS;
    if (len >= (WORD(1) << 40))
        return 0;
    return K <= 2 ? 2 : (K <= _KD_KDOT_MAXK ? K : 0);
#else
    (void) prec;
    (void) len;
    return 0;
#endif
}

/* the exponent of a finite a (|a| < 2^e), 1 when it is small enough */
static int
_kd_kdot_exp(slong * e, const arf_t a)
{
    if (!arf_is_finite(a))
        return 0;
    if (arf_is_zero(a))
        return 1;
    if (COEFF_IS_MPZ(*ARF_EXPREF(a)) || *ARF_EXPREF(a) > EXP_MAX || *ARF_EXPREF(a) < -EXP_MAX)
        return 0;
    *e = *ARF_EXPREF(a);
    return 1;
}

/* d[0..K-1] = the digits of a / 2^E truncated toward zero, most
   significant first: a = 2^E sum_p d_p 2^(-56(p+1)) + t with |t| <
   2^(E-56K), every d_p of a's sign and |d_p| < 2^56. Needs |a| < 2^E.
   Returns |d_0| rounded down to 53 bits, over 2^56: a lower bound of
   |a| / 2^E. */
static double
_kd_kdot_split(slong * d, const arf_t a, slong E, slong K)
{
    mp_limb_t w[5], t[5];
    mp_srcptr xp;
    mp_size_t xn, i, q;
    slong s, p, b;
    ulong u;
    unsigned r;

    for (p = 0; p < K; p++)
        d[p] = 0;
    if (arf_is_zero(a))
        return 0.0;
    /* the top 4 limbs of the mantissa: |a| = W 2^(e - 256) (truncated) */
    ARF_GET_MPN_READONLY(xp, xn, a);
    for (i = 0; i < 4; i++)
        w[3 - i] = i < xn ? xp[xn - 1 - i] : 0;
    w[4] = 0;
    /* I = floor(|a| 2^(56K - E)) = W >> s, s >= 256 - 224 > 0 */
    s = 256 - R_BITS * K + (E - *ARF_EXPREF(a));
    if (s >= 256)
        return 0.0;
    q = s / FLINT_BITS;
    r = s % FLINT_BITS;
    for (i = 0; i < 5; i++)
        t[i] = i + q < 4 ? w[i + q] : 0;
    if (r != 0)
        mpn_rshift(t, t, 4, r);
    for (p = 0; p < K; p++)
    {
        b = R_BITS * (K - 1 - p);
        i = b / FLINT_BITS;
        r = b % FLINT_BITS;
        u = t[i] >> r;
        if (r != 0)
            u |= t[i + 1] << (FLINT_BITS - r);
        u &= R_MASK;
        d[p] = arf_sgn(a) < 0 ? -(slong) u : (slong) u;
    }
    u = d[0] < 0 ? -(ulong) d[0] : (ulong) d[0];
    return ldexp((double) (u >> 3), -(R_BITS - 3));
}

void
_kd_kdot_mat_init(_kd_kdot_mat_t M, arb_srcptr A, slong rows, slong len, slong K)
{
    slong i, j, E, e;
    int ok = 1;

    M->rows = rows;
    M->len = len;
    M->K = 0;
    M->d = NULL;
    M->mag = NULL;
    M->e = NULL;
    M->xd = NULL;
    M->xmag = NULL;
    if (A == NULL || K == 0 || rows <= 0 || len <= 0)
        return;
    M->d = malloc(sizeof(slong) * rows * len * K);
    M->mag = malloc(sizeof(double) * rows * len);
    M->e = malloc(sizeof(slong) * rows);
    M->xd = malloc(sizeof(slong) * len * K);
    M->xmag = malloc(sizeof(double) * len);
    ok = M->d != NULL && M->mag != NULL && M->e != NULL && M->xd != NULL && M->xmag != NULL;
    for (i = 0; ok && i < rows; i++)
    {
        E = -EXP_MAX;
        for (j = 0; ok && j < len; j++)
        {
            e = E;
            ok = _kd_kdot_exp(&e, arb_midref(A + i * len + j));
            E = FLINT_MAX(E, e);
        }
        M->e[i] = E;
        for (j = 0; ok && j < len; j++)
            M->mag[i * len + j] = _kd_kdot_split(M->d + (i * len + j) * K,
                                                 arb_midref(A + i * len + j), E, K);
    }
    if (ok)
        M->K = K;
    else
        _kd_kdot_mat_clear(M);
}

void
_kd_kdot_mat_clear(_kd_kdot_mat_t M)
{
    free(M->d);
    free(M->mag);
    free(M->e);
    free(M->xd);
    free(M->xmag);
    M->d = NULL;
    M->mag = NULL;
    M->e = NULL;
    M->xd = NULL;
    M->xmag = NULL;
    M->K = 0;
}

#ifdef __SIZEOF_INT128__

__extension__ typedef __int128 _kd_i128;

/* acc += v 2^s (two's complement, ACC_LIMBS limbs; the sum fits) */
static void
_kd_kdot_acc_add(mp_limb_t * acc, _kd_i128 v, slong s)
{
    mp_limb_t t[ACC_LIMBS], ext = v < 0 ? ~(mp_limb_t) 0 : 0;
    slong i, q = s / FLINT_BITS;
    for (i = 0; i < ACC_LIMBS; i++)
        t[i] = ext;
    for (i = 0; i < q; i++)
        t[i] = 0;
    t[q] = (mp_limb_t) v;
    t[q + 1] = (mp_limb_t) (v >> 64);
    if (s % FLINT_BITS != 0)
        mpn_lshift(t + q, t + q, ACC_LIMBS - q, s % FLINT_BITS);
    mpn_add_n(acc, acc, t, ACC_LIMBS);
}

#define P(p, q) ((_kd_i128) u[p] * v[q])

/* S_k = sum_j sum_{p+q=k} u_p v_q over the terms [0, n), n <= BLOCK: the
   digit products of weight 2^(-56(k+2)), k < K; the smaller ones are
   dropped (solvers.md §7) */
static void
_kd_kdot_block(_kd_i128 * S, const slong * a, const slong * x, slong n, slong K)
{
    _kd_i128 s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    const slong * u, * v;
    slong j;

    if (K == 2)
        for (j = 0; j < n; j++)
        {
            u = a + 2 * j;
            v = x + 2 * j;
            s0 += P(0, 0);
            s1 += P(0, 1) + P(1, 0);
        }
    else if (K == 3)
        for (j = 0; j < n; j++)
        {
            u = a + 3 * j;
            v = x + 3 * j;
            s0 += P(0, 0);
            s1 += P(0, 1) + P(1, 0);
            s2 += P(0, 2) + P(1, 1) + P(2, 0);
        }
    else
        for (j = 0; j < n; j++)
        {
            u = a + 4 * j;
            v = x + 4 * j;
            s0 += P(0, 0);
            s1 += P(0, 1) + P(1, 0);
            s2 += P(0, 2) + P(1, 1) + P(2, 0);
            s3 += P(0, 3) + P(1, 2) + P(2, 1) + P(3, 0);
        }
    S[0] = s0;
    S[1] = s1;
    S[2] = s2;
    S[3] = s3;
}

#undef P

/* r = row i of M times the vector split into M, exactly (from the
   digits, block exponents M->e[i] and M->xe) */
static void
_kd_kdot_row(arf_t r, const _kd_kdot_mat_t M, slong i)
{
    mp_limb_t acc[ACC_LIMBS];
    _kd_i128 S[4];
    slong j, k, nb, n = M->len, K = M->K;
    const slong * a = M->d + i * n * K;
    int neg;

    for (j = 0; j < ACC_LIMBS; j++)
        acc[j] = 0;
    for (j = 0; j < n; j += BLOCK)
    {
        nb = FLINT_MIN(BLOCK, n - j);
        _kd_kdot_block(S, a + j * K, M->xd + j * K, nb, K);
        /* the sum in units of 2^(Ea + Ex - 56(K+1)) */
        for (k = 0; k < K; k++)
            if (S[k] != 0)
                _kd_kdot_acc_add(acc, S[k], R_BITS * (K - 1 - k));
    }
    neg = (acc[ACC_LIMBS - 1] >> (FLINT_BITS - 1)) != 0;
    if (neg)
        mpn_neg(acc, acc, ACC_LIMBS);
    for (j = ACC_LIMBS; j > 0 && acc[j - 1] == 0; j--)
        ;
    if (j == 0)
    {
        arf_zero(r);
        return;
    }
    arf_set_mpn(r, acc, j, neg);
    arf_mul_2exp_si(r, r, M->e[i] + M->xe - R_BITS * (K + 1));
}

/* sum_j a_j b_j in double, in four interleaved partial sums (the
   latency of one chain of additions would dominate the digit products);
   for nonnegative terms, any order is within a factor 1 + 2^-52 n of
   the exact sum */
static double
_kd_kdot_mag_dot(const double * a, const double * b, slong n)
{
    double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
    slong j;
    for (j = 0; j + 4 <= n; j += 4)
    {
        s0 += a[j] * b[j];
        s1 += a[j + 1] * b[j + 1];
        s2 += a[j + 2] * b[j + 2];
        s3 += a[j + 3] * b[j + 3];
    }
    for (; j < n; j++)
        s0 += a[j] * b[j];
    return (s0 + s1) + (s2 + s3);
}

/* Is row i of M times its split vector within 2^-(prec+2) sum_j |a_j x_j|?
   The error is at most 8 n 2^(Ea + Ex - 56K), and sum_j |a_j x_j| >=
   2^(Ea + Ex) s/2 with s the double sum of the magnitudes' lower bounds
   (solvers.md §7). */
static int
_kd_kdot_row_ok(const _kd_kdot_mat_t M, slong i, slong prec)
{
    double need = ldexp((double) M->len, 3 + 2 + 1 + prec - R_BITS * M->K);
    return _kd_kdot_mag_dot(M->mag + i * M->len, M->xmag, M->len) >= need;
}

/* x into M's scratch digits under one block exponent; 0 when an entry is
   not finite or its exponent is huge */
static int
_kd_kdot_vec_split(_kd_kdot_mat_t M, arb_srcptr x)
{
    slong j, n = M->len, e;
    M->xe = -EXP_MAX;
    M->xzero = 1;
    for (j = 0; j < n; j++)
    {
        e = M->xe;
        if (!_kd_kdot_exp(&e, arb_midref(x + j)))
            return 0;
        M->xe = FLINT_MAX(M->xe, e);
        M->xzero = M->xzero && arf_is_zero(arb_midref(x + j));
    }
    for (j = 0; j < n; j++)
        M->xmag[j] = _kd_kdot_split(M->xd + j * M->K, arb_midref(x + j), M->xe, M->K);
    return 1;
}

slong
_kd_kdot_mat_vec2(arb_ptr o, _kd_kdot_mat_t M, arb_srcptr A, arb_srcptr x, _kd_kdot_mat_t M2,
                  arb_srcptr A2, arb_srcptr x2, int sub, slong prec)
{
    slong i, n = M->len, fallbacks = 0;
    int use1, use2;
    arf_ptr r;
    arf_t t;

    if (M->K == 0 || !_kd_kdot_vec_split(M, x))
        return 0;
    if (M2 != NULL && (M2->K == 0 || !_kd_kdot_vec_split(M2, x2)))
        return 0;
    /* a part with a zero vector is an exact zero */
    use1 = !M->xzero;
    use2 = M2 != NULL && !M2->xzero;
    arf_init(t);
    for (i = 0; i < M->rows; i++)
    {
        r = arb_midref(o + i);
        if ((!use1 || _kd_kdot_row_ok(M, i, prec)) && (!use2 || _kd_kdot_row_ok(M2, i, prec)))
        {
            arf_zero(r);
            if (use1)
                _kd_kdot_row(r, M, i);
            if (use2)
            {
                _kd_kdot_row(t, M2, i);
                if (sub)
                    arf_sub(r, r, t, prec, ARF_RND_NEAR);
                else
                    arf_add(r, r, t, prec, ARF_RND_NEAR);
            }
            else
                arf_set_round(r, r, prec, ARF_RND_NEAR);
        }
        else
        {
            arb_approx_dot(o + i, NULL, 0, A + i * n, 1, x, 1, n, prec);
            if (M2 != NULL)
                arb_approx_dot(o + i, o + i, sub, A2 + i * n, 1, x2, 1, n, prec);
            fallbacks++;
        }
        mag_zero(arb_radref(o + i));
    }
    arf_clear(t);
    return 1 + fallbacks;
}

#else

slong
_kd_kdot_mat_vec2(arb_ptr o, _kd_kdot_mat_t M, arb_srcptr A, arb_srcptr x, _kd_kdot_mat_t M2,
                  arb_srcptr A2, arb_srcptr x2, int sub, slong prec)
{
    (void) o;
    (void) M;
    (void) A;
    (void) x;
    (void) M2;
    (void) A2;
    (void) x2;
    (void) sub;
    (void) prec;
    return 0;
}

#endif

slong
_kd_kdot_mat_vec(arb_ptr o, _kd_kdot_mat_t M, arb_srcptr A, arb_srcptr x, slong prec)
{
    return _kd_kdot_mat_vec2(o, M, A, x, NULL, NULL, NULL, 0, prec);
}
