/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The network as a mathematical map: its exact value at an exact y (no
   rounding anywhere) and, in double, the transposed Jacobian with respect
   to y (for perturbation searches). */
#include <math.h>
#include <string.h>
#include "internal.h"

/* sign(u) max(|u| - th, 0) in Q */
static void
soft_fmpq(fmpq_t r, const fmpq_t u, const fmpq_t th)
{
    if (fmpq_cmp(u, th) > 0)
        fmpq_sub(r, u, th);
    else
    {
        fmpq_neg(r, u);
        if (fmpq_cmp(r, th) > 0)
            fmpq_add(r, u, th);
        else
            fmpq_zero(r);
    }
}

kd_status
kd_lista_eval_fmpq(fmpq_mat_t x, const kd_lista_t net, const fmpq_mat_t y)
{
    const slong L = net->L, m = net->m, N = net->N;
    fmpq_mat_t B, Wk, r, xk, u;
    fmpq_t th;
    arf_t a;
    slong i, j, k;

    if (fmpq_mat_nrows(y) != m || fmpq_mat_ncols(y) != 1)
        return kd_error_set(KD_ERR_SIZE, "lista: y is %ld x %ld, expected %ld x 1",
                            (long) fmpq_mat_nrows(y), (long) fmpq_mat_ncols(y), (long) m);
    if (fmpq_mat_nrows(x) != N || fmpq_mat_ncols(x) != 1)
        return kd_error_set(KD_ERR_SIZE, "lista: x is %ld x %ld, expected %ld x 1",
                            (long) fmpq_mat_nrows(x), (long) fmpq_mat_ncols(x), (long) N);
    fmpq_mat_init(B, m, N);
    fmpq_mat_init(Wk, N, m);
    fmpq_mat_init(r, m, 1);
    fmpq_mat_init(xk, N, 1);
    fmpq_mat_init(u, N, 1);
    fmpq_init(th);
    arf_init(a);
    for (i = 0; i < m * N; i++)
    {
        arf_set_d(a, net->B[i]);
        arf_get_fmpq(fmpq_mat_entry(B, i / N, i % N), a);
    }
    for (k = 0; k < L; k++)
    {
        for (i = 0; i < N; i++)
            for (j = 0; j < m; j++)
            {
                arf_set_d(a, net->W[(k * N + i) * m + j]);
                arf_get_fmpq(fmpq_mat_entry(Wk, i, j), a);
            }
        arf_set_d(a, fabs(net->t[k]));
        arf_get_fmpq(th, a);
        fmpq_mat_mul(r, B, xk);
        fmpq_mat_sub(r, y, r);
        fmpq_mat_mul(u, Wk, r);
        fmpq_mat_add(u, u, xk);
        for (i = 0; i < N; i++)
            soft_fmpq(fmpq_mat_entry(xk, i, 0), fmpq_mat_entry(u, i, 0), th);
    }
    fmpq_mat_set(x, xk);
    arf_clear(a);
    fmpq_clear(th);
    fmpq_mat_clear(B);
    fmpq_mat_clear(Wk);
    fmpq_mat_clear(r);
    fmpq_mat_clear(xk);
    fmpq_mat_clear(u);
    return KD_OK;
}

kd_status
kd_lista_vjp_y(double * gy, double * x, const kd_lista_t net, const double * y,
               const double * v)
{
    const slong L = net->L, m = net->m, N = net->N;
    _kd_lista_ws w;
    double * gx, * gu, * q;
    slong i, j, k;
    kd_status st;

    if (!_kd_lista_all_finite(y, m) || !_kd_lista_all_finite(v, N))
        return kd_error_set(KD_ERR_ARG, "lista: y or v has a non-finite entry");
    st = _kd_lista_ws_init(&w, net);
    if (st != KD_OK)
        return st;
    gx = flint_malloc((size_t) (2 * N + m) * sizeof(double));
    gu = gx + N;
    q = gu + N;
    _kd_lista_forward(net, y, &w);
    if (x != NULL)
        memcpy(x, w.xs + L * N, (size_t) N * sizeof(double));
    memcpy(gx, v, (size_t) N * sizeof(double));
    for (i = 0; i < m; i++)
        gy[i] = 0.0;
    /* x^{k+1} = S(u^k), u^k = x^k + W_k (y - B x^k): the threshold passes
       the gradient where |u_i| > theta_k (the subgradient 0 at the kink,
       as in training) */
    for (k = L - 1; k >= 0; k--)
    {
        const double * u = w.us + k * N;
        const double * Wk = net->W + k * N * m;
        const double th = fabs(net->t[k]);
        for (i = 0; i < N; i++)
            gu[i] = (u[i] > th || u[i] < -th) ? gx[i] : 0.0;
        /* q = W_k^T gu */
        for (j = 0; j < m; j++)
            q[j] = 0.0;
        for (i = 0; i < N; i++)
            for (j = 0; j < m; j++)
                q[j] += Wk[i * m + j] * gu[i];
        for (j = 0; j < m; j++)
            gy[j] += q[j];
        /* gx = gu - B^T q */
        for (i = 0; i < N; i++)
        {
            double s = 0.0;
            const double * bt = net->Bt + i * m;
            for (j = 0; j < m; j++)
                s += bt[j] * q[j];
            gx[i] = gu[i] - s;
        }
    }
    flint_free(gx);
    _kd_lista_ws_clear(&w);
    return KD_OK;
}
