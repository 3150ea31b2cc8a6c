/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* A tight certified upper bound of ||A||_2 for matrices too large for the
   Arb Gram-power route: the Gram matrix in IEEE double with an a priori
   rounding bound, a power-iteration estimate theta of its largest
   eigenvalue, and a floating-point Cholesky factorisation of c I - G that,
   when it runs to completion, proves lambda_max(G) <= c + (a rounding
   term). The proof is proofs-notes/solvers.md §6. */
#include <math.h>
#include <float.h>
#include "internal.h"

typedef double kd_v2d __attribute__((vector_size(16)));

/* the unit roundoff of binary64 and gamma_n = n u / (1 - n u), as arfs
   rounded up */
static void
_kd_gamma_ubound(arf_t g, slong n)
{
    arf_t num, den;
    arf_init(num);
    arf_init(den);
    arf_set_si_2exp_si(num, n, -53);
    arf_one(den);
    arf_sub(den, den, num, 64, ARF_RND_DOWN);
    arf_div(g, num, den, 64, ARF_RND_UP);
    arf_clear(num);
    arf_clear(den);
}

/* s = sum_{l < n} a_l b_l in some summation order (two-lane vectors) */
static double
_kd_ddot(const double * a, const double * b, slong n)
{
    kd_v2d s0 = { 0.0, 0.0 }, s1 = { 0.0, 0.0 }, x, y;
    slong l;
    double s;
    for (l = 0; l + 4 <= n; l += 4)
    {
        __builtin_memcpy(&x, a + l, sizeof x);
        __builtin_memcpy(&y, b + l, sizeof y);
        s0 += x * y;
        __builtin_memcpy(&x, a + l + 2, sizeof x);
        __builtin_memcpy(&y, b + l + 2, sizeof y);
        s1 += x * y;
    }
    s0 += s1;
    s = s0[0] + s0[1];
    for (; l < n; l++)
        s += a[l] * b[l];
    return s;
}

/* G (k x k, full, symmetric) = B B^T, B k x n row-major, the rows tiled so
   that a tile of all rows stays in cache */
static void
_kd_gram(double * G, const double * B, slong k, slong n)
{
    slong i, j, l0, len, T = 256;
    for (i = 0; i < k * k; i++)
        G[i] = 0.0;
    for (l0 = 0; l0 < n; l0 += T)
    {
        len = FLINT_MIN(T, n - l0);
        for (i = 0; i < k; i++)
            for (j = i; j < k; j++)
                G[i * k + j] += _kd_ddot(B + i * n + l0, B + j * n + l0, len);
    }
    for (i = 0; i < k; i++)
        for (j = 0; j < i; j++)
            G[i * k + j] = G[j * k + i];
}

/* theta ~ lambda_max(G) by power iteration (an estimate only) */
static double
_kd_power_estimate(const double * G, slong k, slong iters)
{
    double * v = flint_malloc(2 * k * sizeof(double)), * w = v + k, nrm, theta = 0.0;
    slong i, t;
    for (i = 0; i < k; i++)
        v[i] = 1.0 + (double) ((i * 7919) % 17) / 64.0;
    for (t = 0; t < iters; t++)
    {
        for (i = 0; i < k; i++)
            w[i] = _kd_ddot(G + i * k, v, k);
        theta = _kd_ddot(v, w, k) / _kd_ddot(v, v, k);
        nrm = sqrt(_kd_ddot(w, w, k));
        if (!(nrm > 0.0) || !isfinite(nrm))
            break;
        for (i = 0; i < k; i++)
            v[i] = w[i] / nrm;
    }
    flint_free(v);
    return theta;
}

/* Cholesky of M = fl(c I - G) in place on R (upper triangle, row-major);
   1 when every pivot was positive and finite. dmax receives max_i |M_ii|
   (the diagonal rounding is <= u times it). */
static int
_kd_chol_shift(double * R, const double * G, slong k, double c, double * dmax)
{
    slong i, j, l;
    double d;
    *dmax = 0.0;
    for (i = 0; i < k; i++)
        for (j = i; j < k; j++)
            R[i * k + j] = (i == j) ? c - G[i * k + j] : -G[i * k + j];
    for (i = 0; i < k; i++)
        *dmax = FLINT_MAX(*dmax, fabs(R[i * k + i]));
    /* right-looking: row i of R becomes row i of the factor */
    for (i = 0; i < k; i++)
    {
        d = R[i * k + i];
        if (!(d > 0.0) || !isfinite(d))
            return 0;
        d = sqrt(d);
        R[i * k + i] = d;
        for (j = i + 1; j < k; j++)
            R[i * k + j] /= d;
        for (l = i + 1; l < k; l++)
        {
            double r = R[i * k + l];
            double * row = R + l * k;
            const double * ri = R + i * k;
            for (j = l; j < k; j++)
                row[j] -= r * ri[j];
        }
    }
    return 1;
}

/* B = the double matrix standing for A (the real embedding
   [[Re, -Im], [Im, Re]] for complex A, which has the singular values of A
   twice), transposed when that makes the Gram matrix smaller; err = an
   upper bound of ||A - A_d||_F. 0 when an entry is outside the safe range. */
static int
_kd_embed_double(double ** Bout, slong * kout, slong * nout, arf_t err,
                 const fmpq_mat_t A_re, const fmpq_mat_t A_im)
{
    slong m = fmpq_mat_nrows(A_re), N = fmpq_mat_ncols(A_re), i, j, p, q;
    slong mm = A_im != NULL ? 2 * m : m, NN = A_im != NULL ? 2 * N : N;
    int tr = NN < mm, ok = 1;
    slong k = tr ? NN : mm, n = tr ? mm : NN;
    double * B = flint_calloc(k * n, sizeof(double)), d;
    arb_t s, t;
    arf_t a;
    arb_init(s);
    arb_init(t);
    arf_init(a);
    for (p = 0; p < (A_im != NULL ? 2 : 1) && ok; p++)
        for (i = 0; i < m && ok; i++)
            for (j = 0; j < N && ok; j++)
            {
                const fmpq * e = (p == 0) ? fmpq_mat_entry(A_re, i, j) : fmpq_mat_entry(A_im, i, j);
                if (fmpq_is_zero(e))
                    continue;
                arb_set_fmpq(t, e, 80);
                d = arf_get_d(arb_midref(t), ARF_RND_NEAR);
                if (!(fabs(d) > 0x1p-400 && fabs(d) < 0x1p400))
                {
                    ok = 0;
                    break;
                }
                arf_set_d(a, d);
                arb_sub_arf(t, t, a, 80);
                arb_addmul(s, t, t, 80);
                /* positions in the (embedded) mm x NN matrix */
                for (q = 0; q < (A_im != NULL ? 2 : 1); q++)
                {
                    slong r = i + q * m, c = j + q * N;
                    double v = d;
                    if (p == 1)
                    {
                        /* Im block: [[., -Im], [Im, .]] */
                        r = (q == 0) ? i : i + m;
                        c = (q == 0) ? j + N : j;
                        v = (q == 0) ? -d : d;
                    }
                    if (tr)
                        B[c * n + r] = v;
                    else
                        B[r * n + c] = v;
                }
            }
    /* the embedding doubles each squared error; the singular values of the
       error matrix are those of A - A_d twice, so its 2-norm is unchanged:
       ||A - A_d||_F is what we need */
    arb_sqrtpos(s, s, 80);
    arb_get_ubound_arf(err, s, 80);
    arb_clear(s);
    arb_clear(t);
    arf_clear(a);
    if (!ok)
    {
        flint_free(B);
        return 0;
    }
    *Bout = B;
    *kout = k;
    *nout = n;
    return 1;
}

kd_status
_kd_iter_opnorm_chol(arf_t L, const fmpq_mat_t A_re, const fmpq_mat_t A_im)
{
    slong k, n, i, t, prec = 80;
    double * B, * G, * R, theta, c, dmax, fro = 0.0;
    arf_t err, g, u, v;
    arb_t s, x;
    int done = 0;

    arf_pos_inf(L);
    arf_init(err);
    if (!_kd_embed_double(&B, &k, &n, err, A_re, A_im))
    {
        arf_clear(err);
        return KD_OK;
    }
    G = flint_malloc(k * k * sizeof(double));
    R = flint_malloc(k * k * sizeof(double));
    arf_init(g);
    arf_init(u);
    arf_init(v);
    arb_init(s);
    arb_init(x);

    _kd_gram(G, B, k, n);
    for (i = 0; i < k * n; i++)
        fro += B[i] * B[i];
    theta = _kd_power_estimate(G, k, 200);
    if (isfinite(theta) && theta > 0x1p-900 && theta < 0x1p900 && isfinite(fro))
    {
        for (t = 0; t < 6 && !done; t++)
        {
            /* c = theta (1 + 2^(4t - 20)), then 2 theta */
            c = (t < 5) ? theta * (1.0 + ldexp(1.0, (int) (4 * t - 20))) : 2.0 * theta;
            done = _kd_chol_shift(R, G, k, c, &dmax);
        }
    }
    if (done)
    {
        /* lambda_max(G_d) <= c + gamma_{k+1} ||R||_F^2 + 2u dmax + slack
           (proofs-notes/solvers.md §6) */
        slong j;
        arb_zero(s);
        for (i = 0; i < k; i++)
            for (j = i; j < k; j++)
            {
                arb_set_d(x, R[i * k + j]);
                arb_addmul(s, x, x, prec);
            }
        arb_get_ubound_arf(u, s, prec);
        _kd_gamma_ubound(g, k + 1);
        arf_mul(u, u, g, prec, ARF_RND_UP);
        arf_set_d(v, dmax);
        arf_mul_2exp_si(v, v, -52);
        arf_add(u, u, v, prec, ARF_RND_UP);
        arf_set_d(v, c);
        arf_add(u, u, v, prec, ARF_RND_UP);
        /* underflow slack: k^2 2^-1000 (theta >= 2^-900 keeps every
           quantity far above it) */
        arf_set_si_2exp_si(v, k * k, -1000);
        arf_add(u, u, v, prec, ARF_RND_UP);
        /* + ||G_d - B B^T||_2 <= gamma_n ||B||_F^2 */
        arb_zero(s);
        for (i = 0; i < k * n; i++)
        {
            arb_set_d(x, B[i]);
            arb_addmul(s, x, x, prec);
        }
        arb_get_ubound_arf(v, s, prec);
        _kd_gamma_ubound(g, n);
        arf_mul(v, v, g, prec, ARF_RND_UP);
        arf_add(u, u, v, prec, ARF_RND_UP);
        /* ||A||_2 <= sqrt(lambda_max(B B^T)) + ||A - A_d||_F */
        arf_sqrt(u, u, prec, ARF_RND_UP);
        arf_add(L, u, err, prec, ARF_RND_UP);
    }
    flint_free(B);
    flint_free(G);
    flint_free(R);
    arf_clear(err);
    arf_clear(g);
    arf_clear(u);
    arf_clear(v);
    arb_clear(s);
    arb_clear(x);
    return KD_OK;
}
