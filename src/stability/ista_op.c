/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Unrolled ISTA on a matrix-free operator (kdigits/stability.h):
   x^0 = 0, x^{k+1} = S_theta(x^k + t A^T (y - A x^k)); the double forward
   pass with reverse mode, the forward pass in ball arithmetic, and the
   Lipschitz bound of proofs-notes/stability.md §2.5. */
#include <math.h>
#include <string.h>
#include "internal.h"

kd_status
kd_stab_map_set_ista_op(kd_stab_map_t F, const kd_op_t A, const char * spec, double lambda,
                        slong layers)
{
    kd_status st;
    if (!(lambda >= 0) || !isfinite(lambda))
        return kd_error_set(KD_ERR_ARG, "ista: lambda must be >= 0 and finite");
    if (layers < 1 || layers > 100000)
        return kd_error_set(KD_ERR_ARG, "ista: layers must be in [1, 100000]");
    if ((st = _kd_stab_map_set_op(F, A, spec)) != KD_OK)
        return st;
    F->kind = KD_STAB_ISTA;
    F->lambda = lambda;
    F->n = layers;
    F->t = 1.0 / (F->LA * F->LA);
    return KD_OK;
}

static double
soft_d(double u, double thr)
{
    return u > thr ? u - thr : (u < -thr ? u + thr : 0);
}

kd_status
_kd_stab_ista_op_vjp_d(double * gy, double * x, const kd_stab_map_struct * F,
                       const double * y, const double * v)
{
    const slong m = F->m, N = F->N, L = F->n;
    const double t = F->t, thr = F->t * F->lambda;
    double * U = flint_malloc((size_t) ((L + 3) * N + m) * sizeof(double));
    double * xk = U + L * N, * g = xk + N, * xb = g + N, * r = xb + N;
    _kd_stab_lin Lin;
    slong i, k;

    _kd_stab_lin_of_map(&Lin, F);
    for (i = 0; i < N; i++)
        xk[i] = 0;
    for (k = 0; k < L; k++)
    {
        double * u = U + k * N;
        _kd_stab_lin_d(r, &Lin, xk, 0, 0);
        for (i = 0; i < m; i++)
            r[i] = y[i] - r[i];
        _kd_stab_lin_d(g, &Lin, r, 1, 0);
        for (i = 0; i < N; i++)
        {
            u[i] = xk[i] + t * g[i];
            xk[i] = soft_d(u[i], thr);
        }
    }
    for (i = 0; i < N; i++)
        if (!isfinite(xk[i]))
        {
            flint_free(U);
            return kd_error_set(KD_ERR_DOMAIN, "ista: the output is not finite");
        }
    if (x != NULL)
        memcpy(x, xk, (size_t) N * sizeof(double));
    if (gy != NULL)
    {
        /* u = x + t A^T (y - A x): du/dy = t A^T, du/dx = I - t A^T A */
        memcpy(xb, v, (size_t) N * sizeof(double));
        for (i = 0; i < m; i++)
            gy[i] = 0;
        for (k = L - 1; k >= 0; k--)
        {
            const double * u = U + k * N;
            for (i = 0; i < N; i++)
                xb[i] = (u[i] > thr || u[i] < -thr) ? xb[i] : 0;
            _kd_stab_lin_d(r, &Lin, xb, 0, 0);
            for (i = 0; i < m; i++)
                gy[i] += t * r[i];
            _kd_stab_lin_d(g, &Lin, r, 1, 0);
            for (i = 0; i < N; i++)
                xb[i] -= t * g[i];
        }
    }
    flint_free(U);
    return KD_OK;
}

kd_status
_kd_stab_ista_op_eval_arb(arb_mat_t x, const kd_stab_map_struct * F, const fmpq_mat_t y,
                          slong prec)
{
    const slong m = F->m, N = F->N;
    arb_ptr yb, xk, r, g;
    arb_t t;
    arf_t thr;
    _kd_stab_lin Lin;
    _kd_stab_lin_arb_ctx C;
    slong i, k;

    if (fmpq_mat_nrows(y) != m || fmpq_mat_ncols(y) != 1 || arb_mat_nrows(x) != N
        || arb_mat_ncols(x) != 1)
        return kd_error_set(KD_ERR_SIZE, "ista: y must be %ld x 1 and x %ld x 1", (long) m,
                            (long) N);
    _kd_stab_lin_of_map(&Lin, F);
    _kd_stab_lin_arb_init(&C, &Lin);
    yb = _arb_vec_init(m);
    r = _arb_vec_init(m);
    xk = _arb_vec_init(N);
    g = _arb_vec_init(N);
    arb_init(t);
    arf_init(thr);
    for (i = 0; i < m; i++)
        arb_set_fmpq(yb + i, fmpq_mat_entry(y, i, 0), prec);
    arb_set_d(t, F->t);
    arf_set_d(thr, F->t * F->lambda);       /* the map's threshold: this double */
    for (k = 0; k < F->n; k++)
    {
        _kd_stab_lin_arb(r, &C, xk, 0, prec);
        _arb_vec_sub(r, yb, r, m, prec);
        _kd_stab_lin_arb(g, &C, r, 1, prec);
        for (i = 0; i < N; i++)
        {
            arb_addmul(xk + i, g + i, t, prec);
            _kd_stab_soft_arb(xk + i, xk + i, thr, prec);
        }
    }
    for (i = 0; i < N; i++)
        arb_swap(arb_mat_entry(x, i, 0), xk + i);
    _kd_stab_lin_arb_clear(&C);
    _arb_vec_clear(yb, m);
    _arb_vec_clear(r, m);
    _arb_vec_clear(xk, N);
    _arb_vec_clear(g, N);
    arb_clear(t);
    arf_clear(thr);
    return KD_OK;
}

/* l_{k+1} <= ||I - t A^T A|| l_k + ||t A^T|| <= l_k + t L_A once
   t L_A^2 <= 2 (then the spectrum of I - t A^T A lies in [-1, 1]); so
   Lip <= layers t L_A. Indeterminate unless t L_A^2 <= 2 is proved. */
kd_status
_kd_stab_ista_op_lipschitz(arb_t u, const kd_stab_map_struct * F, slong prec)
{
    arb_t a, b;
    arb_init(a);
    arb_init(b);
    arb_set_d(a, F->LA);
    arb_set_d(b, F->t);
    arb_mul(u, a, b, prec);             /* t L_A */
    arb_mul(a, u, a, prec);             /* t L_A^2 */
    arb_set_si(b, 2);
    if (arb_le(a, b))
    {
        arb_mul_si(u, u, F->n, prec);
        _kd_stab_keep_upper(u, prec);
    }
    else
        arb_indeterminate(u);
    arb_clear(a);
    arb_clear(b);
    return KD_OK;
}
