/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* A tight certified upper bound of ||A||_2 for matrices too large for the
   Arb Gram-power route: the Gram matrix in IEEE double with an a priori
   rounding bound, an estimate theta of its largest
   eigenvalue (Lanczos), and a floating-point Cholesky factorisation of c I - G that,
   when it runs to completion, proves lambda_max(G) <= c + (a rounding
   term). The proof is proofs-notes/solvers.md §6. */
#include <math.h>
#include <float.h>
#include <stdlib.h>
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

/* u = an upper bound of sum_{l < n} v_l^2 from a double sum: for
   nonnegative terms fl(sum) >= (1 - gamma_n) sum, so
   sum <= fl(sum)/(1 - gamma_n) (Higham 2002, §3.1, with the squares'
   rounding included: gamma_{n+1}) */
static void
_kd_sumsq_ubound(arf_t u, const double * v, slong n)
{
    double s = 0.0;
    slong l;
    arf_t g, one;
    for (l = 0; l < n; l++)
        s += v[l] * v[l];
    arf_init(g);
    arf_init(one);
    _kd_gamma_ubound(g, n + 1);
    arf_one(one);
    arf_sub(g, one, g, 64, ARF_RND_DOWN);
    arf_set_d(u, s);
    arf_div(u, u, g, 64, ARF_RND_UP);
    arf_clear(g);
    arf_clear(one);
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
        /* 2 x 2 blocks of G: each loaded pair of B's entries feeds two
           products */
        for (i = 0; i + 1 < k; i += 2)
        {
            const double * a0 = B + i * n + l0, * a1 = a0 + n;
            G[i * k + i] += _kd_ddot(a0, a0, len);
            G[i * k + i + 1] += _kd_ddot(a0, a1, len);
            G[(i + 1) * k + i + 1] += _kd_ddot(a1, a1, len);
            for (j = i + 2; j + 1 < k; j += 2)
            {
                const double * b0 = B + j * n + l0, * b1 = b0 + n;
                kd_v2d s00 = { 0.0, 0.0 }, s01 = s00, s10 = s00, s11 = s00, x0, x1, y0, y1;
                slong l;
                for (l = 0; l + 2 <= len; l += 2)
                {
                    __builtin_memcpy(&x0, a0 + l, sizeof x0);
                    __builtin_memcpy(&x1, a1 + l, sizeof x1);
                    __builtin_memcpy(&y0, b0 + l, sizeof y0);
                    __builtin_memcpy(&y1, b1 + l, sizeof y1);
                    s00 += x0 * y0;
                    s01 += x0 * y1;
                    s10 += x1 * y0;
                    s11 += x1 * y1;
                }
                for (; l < len; l++)
                {
                    s00[0] += a0[l] * b0[l];
                    s01[0] += a0[l] * b1[l];
                    s10[0] += a1[l] * b0[l];
                    s11[0] += a1[l] * b1[l];
                }
                G[i * k + j] += s00[0] + s00[1];
                G[i * k + j + 1] += s01[0] + s01[1];
                G[(i + 1) * k + j] += s10[0] + s10[1];
                G[(i + 1) * k + j + 1] += s11[0] + s11[1];
            }
            for (; j < k; j++)
            {
                G[i * k + j] += _kd_ddot(a0, B + j * n + l0, len);
                G[(i + 1) * k + j] += _kd_ddot(a1, B + j * n + l0, len);
            }
        }
        for (; i < k; i++)
            for (j = i; j < k; j++)
                G[i * k + j] += _kd_ddot(B + i * n + l0, B + j * n + l0, len);
    }
    for (i = 0; i < k; i++)
        for (j = 0; j < i; j++)
            G[i * k + j] = G[j * k + i];
}

/* the largest eigenvalue of the symmetric tridiagonal matrix (a, b) of
   size K, by Sturm-sequence bisection */
static double
_kd_tridiag_max(const double * a, const double * b, slong K)
{
    double lo = a[0], hi = a[0], mid, q;
    slong i, it, cnt;
    for (i = 0; i < K; i++)
    {
        double r = (i > 0 ? fabs(b[i - 1]) : 0.0) + (i + 1 < K ? fabs(b[i]) : 0.0);
        lo = FLINT_MIN(lo, a[i] - r);
        hi = FLINT_MAX(hi, a[i] + r);
    }
    for (it = 0; it < 200 && lo < hi; it++)
    {
        mid = lo + (hi - lo) / 2;
        if (mid <= lo || mid >= hi)
            break;
        /* cnt = number of eigenvalues < mid */
        cnt = 0;
        q = a[0] - mid;
        for (i = 0; ; )
        {
            if (q < 0.0)
                cnt++;
            if (++i == K)
                break;
            if (q == 0.0)
                q = 1e-300;
            q = a[i] - mid - b[i - 1] * b[i - 1] / q;
        }
        if (cnt == K)
            hi = mid;
        else
            lo = mid;
    }
    return lo;
}

/* theta ~ lambda_max(G) by Lanczos with full reorthogonalisation (an
   estimate only: it chooses the shift of the certificate) */
static double
_kd_lanczos_estimate(const double * G, slong k, slong K)
{
    double * V, * w, * a, * b, nrm, theta;
    slong i, j, l;
    K = FLINT_MIN(K, k);
    V = flint_malloc((K + 1) * k * sizeof(double));
    w = flint_malloc(k * sizeof(double));
    a = flint_calloc(K + 1, sizeof(double));
    b = flint_calloc(K + 1, sizeof(double));
    for (i = 0; i < k; i++)
        V[i] = 1.0 + (double) ((i * 7919) % 17) / 64.0;
    nrm = sqrt(_kd_ddot(V, V, k));
    for (i = 0; i < k; i++)
        V[i] /= nrm;
    for (j = 0; j < K; j++)
    {
        double * v = V + j * k;
        for (i = 0; i < k; i++)
            w[i] = _kd_ddot(G + i * k, v, k);
        a[j] = _kd_ddot(w, v, k);
        /* full reorthogonalisation, twice */
        for (int pass = 0; pass < 2; pass++)
            for (l = 0; l <= j; l++)
            {
                double h = _kd_ddot(w, V + l * k, k);
                for (i = 0; i < k; i++)
                    w[i] -= h * V[l * k + i];
            }
        nrm = sqrt(_kd_ddot(w, w, k));
        b[j] = nrm;
        if (!(nrm > 1e-300) || !isfinite(nrm) || j + 1 == K)
        {
            K = j + 1;
            break;
        }
        for (i = 0; i < k; i++)
            V[(j + 1) * k + i] = w[i] / nrm;
    }
    theta = _kd_tridiag_max(a, b, K);
    flint_free(V);
    flint_free(w);
    flint_free(a);
    flint_free(b);
    return theta;
}

/* Cholesky M = L L^T of M = fl(c I - G), L lower triangular row-major in
   R (the transpose of Higham's R), by rows with contiguous dot products;
   1 when every pivot was positive and finite. dmax receives max_i |M_ii|
   (the diagonal rounding is <= u times it). The strict upper triangle of R
   is set to 0. */
static int
_kd_chol_shift(double * R, const double * G, slong k, double c, double * dmax)
{
    slong i, j;
    double d;
    *dmax = 0.0;
    for (i = 0; i < k; i++)
        *dmax = FLINT_MAX(*dmax, fabs(c - G[i * k + i]));
    for (i = 0; i < k; i++)
    {
        double * Li = R + i * k;
        for (j = 0; j < i; j++)
        {
            const double * Lj = R + j * k;
            Li[j] = (-G[i * k + j] - _kd_ddot(Li, Lj, j)) / Lj[j];
        }
        d = (c - G[i * k + i]) - _kd_ddot(Li, Li, i);
        if (!(d > 0.0) || !isfinite(d))
            return 0;
        Li[i] = sqrt(d);
        for (j = i + 1; j < k; j++)
            Li[j] = 0.0;
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
                if (fmpz_bits(fmpq_numref(e)) <= 53
                    && (slong) fmpz_val2(fmpq_denref(e)) + 1 == (slong) fmpz_bits(fmpq_denref(e))
                    && fmpz_bits(fmpq_denref(e)) < 400)
                {
                    /* a double already (data read from doubles): exact */
                    d = ldexp((double) fmpz_get_si(fmpq_numref(e)),
                              -(int) (fmpz_bits(fmpq_denref(e)) - 1));
                }
                else
                {
                    arb_set_fmpq(t, e, 80);
                    d = arf_get_d(arb_midref(t), ARF_RND_NEAR);
                    arf_set_d(a, d);
                    arb_sub_arf(t, t, a, 80);
                    arb_addmul(s, t, t, 80);
                }
                if (!(fabs(d) > 0x1p-400 && fabs(d) < 0x1p400))
                {
                    ok = 0;
                    break;
                }
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
    (void) x;
    theta = _kd_lanczos_estimate(G, k, 80);
    if (isfinite(theta) && theta > 0x1p-900 && theta < 0x1p900 && isfinite(fro))
    {
        for (t = 0; t < 6 && !done; t++)
        {
            /* c = theta (1 + 2^(4t - 20)), then 2 theta */
            c = (t < 5) ? theta * (1.0 + ldexp(1.0, (int) (4 * t - 20))) : 2.0 * theta;
            done = _kd_chol_shift(R, G, k, c, &dmax);
            if (getenv("KD_CHOL_DEBUG"))
                flint_printf("chol shift %wd: %d\n", t, done);
        }
    }
    if (done)
    {
        /* lambda_max(G_d) <= c + gamma_{k+1} ||R||_F^2 + 2u dmax + slack
           (proofs-notes/solvers.md §6) */
        /* ||R||_F^2 (the strict upper triangle is 0) */
        _kd_sumsq_ubound(u, R, k * k);
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
        _kd_sumsq_ubound(v, B, k * n);
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
