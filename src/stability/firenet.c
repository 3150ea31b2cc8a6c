/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* FIRENET as a fixed map y -> psi_n (kdigits/stability.h): construction,
   double forward pass with reverse mode, the forward pass in ball
   arithmetic, and the Lipschitz bound from the nonexpansiveness of the
   Chambolle-Pock step in the metric M (proofs-notes/stability.md §2.2). */
#include <math.h>
#include <string.h>
#include "kdigits/iter.h"
#include "internal.h"

/* e^-1 correctly rounded to double (a literal: no libm in the parameters) */
#define KD_STAB_EXP_M1 0.36787944117144233

/* the scalar parameters shared by the dense and the operator map; F->LA
   is set */
static kd_status
firenet_params(kd_stab_map_t F, double lambda, slong p, slong n, double theta, double delta,
               double eps0)
{
    double eps;
    slong k;
    F->kind = KD_STAB_FIRENET;
    F->alpha = flint_malloc((size_t) n * sizeof(double));
    F->lambda = lambda;
    F->t = theta / F->LA;
    F->p = p;
    F->n = n;
    eps = eps0;
    for (k = 0; k < n; k++)
    {
        eps = KD_STAB_EXP_M1 * (delta + eps);
        F->alpha[k] = (2.0 * F->LA / eps) / (double) p;
        if (!isfinite(F->alpha[k]) || F->alpha[k] == 0)
            return kd_error_set(KD_ERR_ARG, "firenet: the scale alpha_%ld is not finite",
                                (long) k + 1);
    }
    return KD_OK;
}

static kd_status
firenet_check(double lambda, slong p, slong n, double theta, double delta, double eps0)
{
    if (!(lambda > 0) || !isfinite(lambda) || p < 1 || n < 1 || p > 100000 || n > 100000
        || !(theta > 0 && theta < 1) || !(delta > 0) || !isfinite(delta) || !(eps0 > 0)
        || !isfinite(eps0))
        return kd_error_set(KD_ERR_ARG, "firenet: need lambda > 0, p, n >= 1, 0 < theta < 1, "
                            "delta > 0, eps0 > 0");
    return KD_OK;
}

kd_status
kd_stab_map_set_firenet(kd_stab_map_t F, const double * A, slong m, slong N, double lambda,
                        slong p, slong n, double theta, double delta, double eps0)
{
    fmpq_mat_t Aq;
    arf_t L;
    slong i;
    kd_status st;

    if (m < 1 || N < 1 || m > KD_LISTA_DIM_MAX || N > KD_LISTA_DIM_MAX)
        return kd_error_set(KD_ERR_ARG, "firenet: bad size %ld x %ld", (long) m, (long) N);
    if ((st = firenet_check(lambda, p, n, theta, delta, eps0)) != KD_OK)
        return st;
    for (i = 0; i < m * N; i++)
        if (!isfinite(A[i]))
            return kd_error_set(KD_ERR_ARG, "firenet: A has a non-finite entry");
    fmpq_mat_init(Aq, m, N);
    arf_init(L);
    for (i = 0; i < m * N; i++)
        _kd_stab_fmpq_set_d(fmpq_mat_entry(Aq, i / N, i % N), A[i]);
    st = kd_iter_opnorm_ubound(L, Aq, NULL, 64);
    fmpq_mat_clear(Aq);
    if (st != KD_OK)
    {
        arf_clear(L);
        return st;
    }
    kd_stab_map_clear(F);
    F->m = m;
    F->N = N;
    F->LA = arf_is_zero(L) ? 1.0 : arf_get_d(L, ARF_RND_UP);
    arf_clear(L);
    F->A = flint_malloc((size_t) (m * N) * sizeof(double));
    memcpy(F->A, A, (size_t) (m * N) * sizeof(double));
    return firenet_params(F, lambda, p, n, theta, delta, eps0);
}

/* F = an empty map on the real operator A (a copy), L_A = its structural
   norm bound (map.c uses it for ISTA too) */
kd_status
_kd_stab_map_set_op(kd_stab_map_t F, const kd_op_t A, const char * spec)
{
    arf_t L;
    if (A->is_complex)
        return kd_error_set(KD_ERR_ARG, "stability: the operator is complex (a DFT factor); "
                            "the stability maps are real (use walsh, dct or haar)");
    if (A->nrows < 1 || A->ncols < 1)
        return kd_error_set(KD_ERR_ARG, "stability: empty operator");
    kd_stab_map_clear(F);
    F->m = A->nrows;
    F->N = A->ncols;
    F->op = flint_malloc(sizeof(kd_op_struct));
    kd_op_init_set(F->op, A);
    if (spec != NULL)
    {
        F->opspec = flint_malloc(strlen(spec) + 1);
        strcpy(F->opspec, spec);
    }
    arf_init(L);
    F->op_orthonormal = kd_op_opnorm_ubound(L, A);
    F->LA = arf_get_d(L, ARF_RND_UP);
    arf_clear(L);
    return KD_OK;
}

kd_status
kd_stab_map_set_firenet_op(kd_stab_map_t F, const kd_op_t A, const char * spec, double lambda,
                           slong p, slong n, double theta, double delta, double eps0)
{
    kd_status st;
    if ((st = firenet_check(lambda, p, n, theta, delta, eps0)) != KD_OK
        || (st = _kd_stab_map_set_op(F, A, spec)) != KD_OK)
        return st;
    return firenet_params(F, lambda, p, n, theta, delta, eps0);
}

/* ------------------------------------------------------------ double */

kd_status
_kd_stab_firenet_vjp_d(double * gy, double * x, const kd_stab_map_struct * F,
                       const double * y, const double * v)
{
    const slong m = F->m, N = F->N, p = F->p, n = F->n;
    const double t = F->t, thr = F->t * F->lambda;
    /* per restart k and step j: X (p+1 N), Z (p+1 m), U (p N), V (p m), nv (p) */
    const slong per = (p + 1) * (N + m) + p * (N + m + 1);
    double * buf, * psi, * tmpN, * tmpM, * w1, * w2, * w3;
    _kd_stab_lin Lin;
    slong i, j, k;

    _kd_stab_lin_of_map(&Lin, F);

    buf = flint_malloc((size_t) (n * per + 4 * N + 3 * m) * sizeof(double));
    psi = buf + n * per;
    tmpN = psi + N;
    tmpM = tmpN + N;
    w1 = tmpM + m;       /* N */
    w2 = w1 + N;         /* m */
    w3 = w2 + m;         /* N + m scratch */
    for (i = 0; i < N; i++)
        psi[i] = 0;
    for (k = 0; k < n; k++)
    {
        double * X = buf + k * per, * Z = X + (p + 1) * N, * U = Z + (p + 1) * m,
               * V = U + p * N, * nv = V + p * m;
        const double a = F->alpha[k];
        for (i = 0; i < N; i++)
        {
            X[i] = a * psi[i];
            psi[i] = 0;
        }
        for (i = 0; i < m; i++)
            Z[i] = 0;
        for (j = 0; j < p; j++)
        {
            const double * xo = X + j * N, * zo = Z + j * m;
            double * xn = X + (j + 1) * N, * zn = Z + (j + 1) * m, * u = U + j * N,
                   * vv = V + j * m, s = 0;
            _kd_stab_lin_d(tmpN, &Lin, zo, 1, 0);
            for (i = 0; i < N; i++)
            {
                u[i] = xo[i] - t * tmpN[i];
                xn[i] = u[i] > thr ? u[i] - thr : (u[i] < -thr ? u[i] + thr : 0);
                w1[i] = 2 * xn[i] - xo[i];
                psi[i] += xn[i];
            }
            _kd_stab_lin_d(tmpM, &Lin, w1, 0, 0);
            for (i = 0; i < m; i++)
            {
                vv[i] = zo[i] + t * tmpM[i] - t * (a * y[i]);
                s += vv[i] * vv[i];
            }
            nv[j] = sqrt(s);
            for (i = 0; i < m; i++)
                zn[i] = nv[j] > 1 ? vv[i] / nv[j] : vv[i];
        }
        for (i = 0; i < N; i++)
            psi[i] = psi[i] / ((double) p * a);
    }
    for (i = 0; i < N; i++)
        if (!isfinite(psi[i]))
        {
            flint_free(buf);
            return kd_error_set(KD_ERR_DOMAIN, "firenet: the output is not finite");
        }
    if (x != NULL)
        memcpy(x, psi, (size_t) N * sizeof(double));
    if (gy == NULL)
    {
        flint_free(buf);
        return KD_OK;
    }
    /* reverse mode; psi now holds the cotangent of psi_k */
    {
        double * xb = w3, * zb = tmpM, * bb = w2, * sb = w1, * ub = tmpN;
        double * zb2 = flint_malloc((size_t) (2 * m + N) * sizeof(double));
        double * vb = zb2 + m, * xpb = vb + m;
        memcpy(psi, v, (size_t) N * sizeof(double));
        for (i = 0; i < m; i++)
            gy[i] = 0;
        for (k = n - 1; k >= 0; k--)
        {
            double * X = buf + k * per, * U = X + (p + 1) * N + (p + 1) * m,
                   * V = U + p * N, * nv = V + p * m;
            const double a = F->alpha[k];
            for (i = 0; i < N; i++)
                xb[i] = sb[i] = psi[i] / ((double) p * a);
            for (i = 0; i < m; i++)
                zb[i] = bb[i] = 0;
            for (j = p - 1; j >= 0; j--)
            {
                const double * u = U + j * N, * vv = V + j * m;
                double d = 0;
                /* z^{j+1} = P(v) */
                if (nv[j] > 1)
                {
                    for (i = 0; i < m; i++)
                        d += vv[i] * zb[i];
                    d /= nv[j] * nv[j];
                    for (i = 0; i < m; i++)
                        vb[i] = (zb[i] - vv[i] * d) / nv[j];
                }
                else
                    memcpy(vb, zb, (size_t) m * sizeof(double));
                /* v = z^j + t A (2 x^{j+1} - x^j) - t b */
                memcpy(zb2, vb, (size_t) m * sizeof(double));
                _kd_stab_lin_d(xpb, &Lin, vb, 1, 0);
                for (i = 0; i < N; i++)
                {
                    xb[i] += 2 * t * xpb[i];
                    xpb[i] = -t * xpb[i];
                }
                for (i = 0; i < m; i++)
                    bb[i] -= t * vb[i];
                /* x^{j+1} = S(u), u = x^j - t A^T z^j */
                for (i = 0; i < N; i++)
                {
                    ub[i] = (u[i] > thr || u[i] < -thr) ? xb[i] : 0;
                    xpb[i] += ub[i];
                }
                _kd_stab_lin_d(vb, &Lin, ub, 0, 0);
                for (i = 0; i < m; i++)
                    zb[i] = zb2[i] - t * vb[i];
                for (i = 0; i < N; i++)
                    xb[i] = xpb[i] + (j >= 1 ? sb[i] : 0);
            }
            /* x^0 = a psi_{k-1}, b = a y */
            for (i = 0; i < N; i++)
                psi[i] = a * xb[i];
            for (i = 0; i < m; i++)
                gy[i] += a * bb[i];
        }
        flint_free(zb2);
    }
    flint_free(buf);
    return KD_OK;
}

/* ------------------------------------------------------------ balls */

/* r = S_thr(u): S is nondecreasing, so the ball [S(lo), S(hi)] */
void
_kd_stab_soft_arb(arb_t r, const arb_t u, const arf_t thr, slong prec)
{
    arf_t lo, hi;
    arf_init(lo);
    arf_init(hi);
    arb_get_lbound_arf(lo, u, prec);
    arb_get_ubound_arf(hi, u, prec);
    if (arf_cmp(lo, thr) > 0)
        arf_sub(lo, lo, thr, prec, ARF_RND_DOWN);
    else if (arf_cmpabs(lo, thr) > 0)       /* lo < -thr */
        arf_add(lo, lo, thr, prec, ARF_RND_FLOOR);
    else
        arf_zero(lo);
    if (arf_cmp(hi, thr) > 0)
        arf_sub(hi, hi, thr, prec, ARF_RND_CEIL);
    else if (arf_cmpabs(hi, thr) > 0)
        arf_add(hi, hi, thr, prec, ARF_RND_CEIL);
    else
        arf_zero(hi);
    arb_set_interval_arf(r, lo, hi, prec);
    arf_clear(lo);
    arf_clear(hi);
}

kd_status
_kd_stab_firenet_eval_arb(arb_mat_t x, const kd_stab_map_struct * F, const fmpq_mat_t y,
                          slong prec)
{
    const slong m = F->m, N = F->N, p = F->p, n = F->n;
    arb_ptr atz, yb, psi, xo, xn, z, tv, tm;
    arb_t t, a, s, f, pa;
    arf_t thr, lo, hi;
    _kd_stab_lin Lin;
    _kd_stab_lin_arb_ctx C;
    slong i, j, k, l;

    if (fmpq_mat_nrows(y) != m || fmpq_mat_ncols(y) != 1 || arb_mat_nrows(x) != N
        || arb_mat_ncols(x) != 1)
        return kd_error_set(KD_ERR_SIZE, "firenet: y must be %ld x 1 and x %ld x 1", (long) m,
                            (long) N);
    _kd_stab_lin_of_map(&Lin, F);
    _kd_stab_lin_arb_init(&C, &Lin);
    atz = _arb_vec_init(N);
    yb = _arb_vec_init(m);
    psi = _arb_vec_init(N);
    xo = _arb_vec_init(N);
    xn = _arb_vec_init(N);
    z = _arb_vec_init(m);
    tv = _arb_vec_init(N);
    tm = _arb_vec_init(m);
    arb_init(t);
    arb_init(a);
    arb_init(s);
    arb_init(f);
    arb_init(pa);
    arf_init(thr);
    arf_init(lo);
    arf_init(hi);
    for (i = 0; i < m; i++)
        arb_set_fmpq(yb + i, fmpq_mat_entry(y, i, 0), prec);
    arb_set_d(t, F->t);
    arf_set_d(thr, F->t * F->lambda);       /* the map's threshold: this double */
    for (k = 0; k < n; k++)
    {
        arb_set_d(a, F->alpha[k]);
        for (i = 0; i < N; i++)
        {
            arb_mul(xo + i, psi + i, a, prec);
            arb_zero(psi + i);
        }
        for (i = 0; i < m; i++)
            arb_zero(z + i);
        for (j = 0; j < p; j++)
        {
            /* x^{j+1} = S(x^j - t A^T z^j) */
            _kd_stab_lin_arb(atz, &C, z, 1, prec);
            for (l = 0; l < N; l++)
            {
                arb_mul(s, atz + l, t, prec);
                arb_sub(s, xo + l, s, prec);
                _kd_stab_soft_arb(xn + l, s, thr, prec);
                arb_add(psi + l, psi + l, xn + l, prec);
                arb_mul_2exp_si(tv + l, xn + l, 1);
                arb_sub(tv + l, tv + l, xo + l, prec);
            }
            /* v = z + t A (2 x^{j+1} - x^j) - t a y;  z = P(v) */
            arb_zero(f);
            _kd_stab_lin_arb(tm, &C, tv, 0, prec);
            for (i = 0; i < m; i++)
            {
                arb_mul(s, a, yb + i, prec);
                arb_sub(tm + i, tm + i, s, prec);
                arb_mul(tm + i, tm + i, t, prec);
                arb_add(z + i, z + i, tm + i, prec);
                arb_addmul(f, z + i, z + i, prec);
            }
            arb_sqrt(f, f, prec);
            /* min(1, 1/||v||) lies in [min(1, 1/hi), min(1, 1/lo)] */
            arb_get_lbound_arf(lo, f, prec);
            arb_get_ubound_arf(hi, f, prec);
            if (arf_cmp_si(hi, 1) > 0)
            {
                arf_ui_div(hi, 1, hi, prec, ARF_RND_FLOOR);
                if (arf_cmp_si(lo, 1) > 0)
                    arf_ui_div(lo, 1, lo, prec, ARF_RND_CEIL);
                else
                    arf_one(lo);
                arb_set_interval_arf(f, hi, lo, prec);
                for (i = 0; i < m; i++)
                    arb_mul(z + i, z + i, f, prec);
            }
            _arb_vec_swap(xo, xn, N);
        }
        arb_mul_si(pa, a, p, prec);
        for (i = 0; i < N; i++)
            arb_div(psi + i, psi + i, pa, prec);
    }
    for (i = 0; i < N; i++)
        arb_set(arb_mat_entry(x, i, 0), psi + i);
    _kd_stab_lin_arb_clear(&C);
    _arb_vec_clear(atz, N);
    _arb_vec_clear(yb, m);
    _arb_vec_clear(psi, N);
    _arb_vec_clear(xo, N);
    _arb_vec_clear(xn, N);
    _arb_vec_clear(z, m);
    _arb_vec_clear(tv, N);
    _arb_vec_clear(tm, m);
    arb_clear(t);
    arb_clear(a);
    arb_clear(s);
    arb_clear(f);
    arb_clear(pa);
    arf_clear(thr);
    arf_clear(lo);
    arf_clear(hi);
    return KD_OK;
}

/* l_k = l_{k-1} / sqrt(1 - q) + (p + 1) t / (2 (1 - q)), l_0 = 0, q = t LA
   (proofs-notes/stability.md §2.2); indeterminate unless q < 1 is proved. */
kd_status
_kd_stab_firenet_lipschitz(arb_t u, const kd_stab_map_struct * F, slong prec)
{
    arb_t q, c1, c2;
    arf_t hi;
    slong k;
    arb_init(q);
    arb_init(c1);
    arb_init(c2);
    arf_init(hi);
    arb_set_d(q, F->t);
    arb_mul(c1, q, q, prec);            /* scratch */
    arb_set_d(c1, F->LA);
    arb_mul(q, q, c1, prec);
    arb_sub_si(q, q, 1, prec);
    arb_neg(q, q);                      /* 1 - q */
    if (!arb_is_positive(q))
    {
        arb_indeterminate(u);
    }
    else
    {
        arb_rsqrt(c1, q, prec);
        arb_set_d(c2, F->t);
        arb_mul_si(c2, c2, F->p + 1, prec);
        arb_div(c2, c2, q, prec);
        arb_mul_2exp_si(c2, c2, -1);
        arb_zero(u);
        for (k = 0; k < F->n; k++)
        {
            arb_mul(u, u, c1, prec);
            arb_add(u, u, c2, prec);
        }
        arb_get_ubound_arf(hi, u, prec);
        arb_set_arf(u, hi);
    }
    arb_clear(q);
    arb_clear(c1);
    arb_clear(c2);
    arf_clear(hi);
    return KD_OK;
}
