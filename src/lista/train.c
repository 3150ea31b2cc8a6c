/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Training of LISTA (Gregor-LeCun 2010): the mean squared error, its
   gradient by hand-written backpropagation, and mini-batch Adam
   (Kingma-Ba 2015) with a seeded shuffle, all in a fixed operation order. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "internal.h"

/* No fused multiply-add: GCC has -ffp-contract=off under -std=c11; Clang
   contracts by default, so say it (the fixed operation order of lista.h). */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#endif

static double
_kd_lista_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double) ts.tv_sec + 1e-9 * (double) ts.tv_nsec;
}

/* ------------------------------------------------------------ backward */

double
_kd_lista_sqerr(const kd_lista_struct * net, const double * xt, const _kd_lista_ws * w)
{
    const double * xL = w->xs + net->L * net->N;
    double e = 0.0, d;
    slong i;
    for (i = 0; i < net->N; i++)
    {
        d = xL[i] - xt[i];
        e += d * d;
    }
    return e;
}

/* With u^k = x^k + W_k r^k, r^k = y - B x^k, x^{k+1} = S_{theta_k}(u^k) and
   g = dE/dx^{k+1}:
       du = g .* [|u^k| > theta_k],        dE/dtheta_k = -sum_i sign(u_i) du_i,
       dE/dW_k = du (r^k)^T,               dr = W_k^T du,
       dE/dx^k = du - B^T dr               (d u/d x^k = I - W_k B).
   The kink |u_i| = theta_k gets derivative 0 (lista.h). x^0 = 0 is fixed,
   so dE/dx^0 is not formed. */
double
_kd_lista_backward(double * gW, double * gth, const kd_lista_struct * net,
                   const double * xt, _kd_lista_ws * w)
{
    const slong L = net->L, m = net->m, N = net->N;
    const double * xL = w->xs + L * N;
    double * g = w->g, * acc = w->acc, * dr = w->dr;
    double e = 0.0;
    slong i, j, k;

    for (i = 0; i < N; i++)
    {
        g[i] = xL[i] - xt[i];
        e += g[i] * g[i];
        g[i] = 2.0 * g[i];      /* exact */
    }
    for (k = L - 1; k >= 0; k--)
    {
        const double * u = w->us + k * N;
        const double * r = w->rs + k * m;
        const double * Wk = net->W + k * N * m;
        double * gWk = gW + k * N * m;
        const double th = fabs(net->t[k]);
        double dth = 0.0;

        /* g becomes du in place */
        for (i = 0; i < N; i++)
        {
            if (u[i] > th)
                dth -= g[i];
            else if (u[i] < -th)
                dth += g[i];
            else
                g[i] = 0.0;
        }
        gth[k] += dth;
        for (i = 0; i < N; i++)
        {
            const double a = g[i];
            double * row = gWk + i * m;
            if (a == 0.0)
                continue;
            _kd_lista_axpy(row, a, r, m);
        }
        if (k == 0)
            break;
        for (j = 0; j < m; j++)
            dr[j] = 0.0;
        for (i = 0; i < N; i++)
        {
            const double a = g[i];
            const double * row = Wk + i * m;
            if (a == 0.0)
                continue;
            _kd_lista_axpy(dr, a, row, m);
        }
        for (j = 0; j < N; j++)
            acc[j] = 0.0;
        for (i = 0; i < m; i++)
        {
            const double a = dr[i];
            const double * row = net->B + i * N;
            if (a == 0.0)
                continue;
            _kd_lista_axpy(acc, a, row, N);
        }
        for (j = 0; j < N; j++)
            g[j] = g[j] - acc[j];
    }
    return e;
}

/* ------------------------------------------------------------ loss */

static kd_status
_kd_lista_check_data(const kd_lista_struct * net, const double * Y, const double * X,
                     slong R)
{
    if (R < 1)
        return kd_error_set(KD_ERR_ARG, "lista: R = %ld samples; at least 1 is needed",
                            (long) R);
    if (!_kd_lista_all_finite(Y, R * net->m))
        return kd_error_set(KD_ERR_ARG, "lista: Y has a non-finite entry (NaN or Inf)");
    if (!_kd_lista_all_finite(X, R * net->N))
        return kd_error_set(KD_ERR_ARG, "lista: X has a non-finite entry (NaN or Inf)");
    return KD_OK;
}

kd_status
kd_lista_loss_grad(double * mse, double * gW, double * gt, const kd_lista_t net,
                   const double * Y, const double * X, slong R)
{
    const slong L = net->L, m = net->m, N = net->N, nw = L * N * m;
    _kd_lista_ws w;
    double * gWb, * gthb, e = 0.0;
    slong r, k;
    kd_status st;

    st = _kd_lista_check_data(net, Y, X, R);
    if (st != KD_OK)
        return st;
    st = _kd_lista_ws_init(&w, net);
    if (st != KD_OK)
        return st;
    gWb = calloc((size_t) nw, sizeof(double));
    gthb = calloc((size_t) L, sizeof(double));
    if (gWb == NULL || gthb == NULL)
    {
        free(gWb);
        free(gthb);
        _kd_lista_ws_clear(&w);
        return kd_error_set(KD_ERR_NOMEM, "lista: out of memory");
    }
    for (r = 0; r < R; r++)
    {
        _kd_lista_forward(net, Y + r * m, &w);
        e += _kd_lista_backward(gWb, gthb, net, X + r * N, &w);
    }
    if (mse != NULL)
        *mse = e / (double) R;
    if (gW != NULL)
        for (k = 0; k < nw; k++)
            gW[k] = gWb[k] / (double) R;
    if (gt != NULL)
        for (k = 0; k < L; k++)
            gt[k] = ((net->t[k] < 0) ? -gthb[k] : gthb[k]) / (double) R;
    free(gWb);
    free(gthb);
    _kd_lista_ws_clear(&w);
    return KD_OK;
}

/* sum of squared errors over samples lo..hi-1 */
static double
_kd_lista_sse(const kd_lista_struct * net, const double * Y, const double * X, slong lo,
              slong hi, _kd_lista_ws * w)
{
    double e = 0.0;
    slong r;
    for (r = lo; r < hi; r++)
    {
        _kd_lista_forward(net, Y + r * net->m, w);
        e += _kd_lista_sqerr(net, X + r * net->N, w);
    }
    return e;
}

kd_status
kd_lista_mse_d(double * mse, const kd_lista_t net, const double * Y, const double * X,
               slong R)
{
    _kd_lista_ws w;
    kd_status st = _kd_lista_check_data(net, Y, X, R);
    if (st != KD_OK)
        return st;
    st = _kd_lista_ws_init(&w, net);
    if (st != KD_OK)
        return st;
    *mse = _kd_lista_sse(net, Y, X, 0, R, &w) / (double) R;
    _kd_lista_ws_clear(&w);
    return KD_OK;
}

/* ------------------------------------------------------------ options, report */

void
kd_lista_train_opts_init(kd_lista_train_opts_t opts)
{
    opts->epochs = 30;
    opts->batch = 256;
    opts->lr = 1e-3;
    opts->lr_decay = 1.0;
    opts->val_fraction = 0.1;
    opts->seed = 1;
    opts->callback = NULL;
    opts->callback_arg = NULL;
}

void
kd_lista_train_opts_init_paper(kd_lista_train_opts_t opts)
{
    kd_lista_train_opts_init(opts);
    opts->epochs = 1000;
    opts->batch = 64;
    opts->lr = 1e-3;
    opts->lr_decay = 0.996;
}

void
kd_lista_report_init(kd_lista_report_t rep)
{
    memset(rep, 0, sizeof(kd_lista_report_struct));
}

void
kd_lista_report_clear(kd_lista_report_t rep)
{
    free(rep->train_hist);
    free(rep->val_hist);
    memset(rep, 0, sizeof(kd_lista_report_struct));
}

/* ------------------------------------------------------------ Adam */

static const double _kd_adam_b1 = 0.9, _kd_adam_b2 = 0.999, _kd_adam_eps = 1e-8;

/* One Adam step (Kingma-Ba 2015, Algorithm 1) on n parameters p with
   gradient g, moments mo and ve; c1 = 1 - b1^s, c2 = 1 - b2^s. */
static void
_kd_lista_adam(double * p, double * mo, double * ve, const double * g, slong n, double lr,
               double c1, double c2)
{
    slong i;
    for (i = 0; i < n; i++)
    {
        const double gi = g[i];
        double mh, vh;
        mo[i] = _kd_adam_b1 * mo[i] + (1.0 - _kd_adam_b1) * gi;
        ve[i] = _kd_adam_b2 * ve[i] + (1.0 - _kd_adam_b2) * (gi * gi);
        mh = mo[i] / c1;
        vh = ve[i] / c2;
        p[i] = p[i] - lr * mh / (sqrt(vh) + _kd_adam_eps);
    }
}

/* ------------------------------------------------------------ training */

kd_status
kd_lista_train(kd_lista_report_t rep, kd_lista_t net, const double * Y, const double * X,
               slong R, const kd_lista_train_opts_t opts)
{
    const slong L = net->L, m = net->m, N = net->N, nw = L * N * m;
    double t0 = _kd_lista_now();
    slong n_val, n_tr, e, b0, s, i, steps = 0, epochs_run = 0;
    double * buf = NULL, * gW, * gth, * mW, * vW, * mt, * vt, * th_hist, * tv_hist;
    slong * perm = NULL;
    _kd_lista_ws w;
    _kd_lista_rng rng;
    double lr, b1p = 1.0, b2p = 1.0, val_mse = 0.0;
    kd_status st;

    st = _kd_lista_check_data(net, Y, X, R);
    if (st != KD_OK)
        return st;
    if (opts->epochs < 1)
        return kd_error_set(KD_ERR_ARG, "lista: epochs = %ld must be >= 1", (long) opts->epochs);
    if (opts->batch < 1)
        return kd_error_set(KD_ERR_ARG, "lista: batch = %ld must be >= 1", (long) opts->batch);
    if (!isfinite(opts->lr) || !(opts->lr > 0))
        return kd_error_set(KD_ERR_ARG, "lista: learning rate %g must be finite and > 0",
                            opts->lr);
    if (!isfinite(opts->lr_decay) || !(opts->lr_decay > 0) || opts->lr_decay > 1)
        return kd_error_set(KD_ERR_ARG, "lista: lr_decay = %g must be in (0, 1]",
                            opts->lr_decay);
    if (!(opts->val_fraction >= 0) || !(opts->val_fraction < 1))
        return kd_error_set(KD_ERR_ARG, "lista: val_fraction = %g must be in [0, 1)",
                            opts->val_fraction);
    if (!_kd_lista_all_finite(net->W, nw) || !_kd_lista_all_finite(net->t, L))
        return kd_error_set(KD_ERR_ARG, "lista: the initial weights are not finite");
    n_val = (slong) floor(opts->val_fraction * (double) R);
    n_tr = R - n_val;
    if (n_tr < 1)
        return kd_error_set(KD_ERR_ARG, "lista: no training sample left after the split "
                            "(R = %ld, val_fraction = %g)", (long) R, opts->val_fraction);

    st = _kd_lista_ws_init(&w, net);
    if (st != KD_OK)
        return st;
    /* one block: gW, mW, vW (nw each), gth, mt, vt (L each), histories */
    buf = calloc((size_t) (3 * nw + 3 * L + 2 * opts->epochs), sizeof(double));
    perm = malloc((size_t) n_tr * sizeof(slong));
    if (buf == NULL || perm == NULL)
    {
        free(buf);
        free(perm);
        _kd_lista_ws_clear(&w);
        return kd_error_set(KD_ERR_NOMEM, "lista: out of memory for training");
    }
    gW = buf;
    mW = gW + nw;
    vW = mW + nw;
    gth = vW + nw;
    mt = gth + L;
    vt = mt + L;
    th_hist = vt + L;
    tv_hist = th_hist + opts->epochs;

    for (i = 0; i < n_tr; i++)
        perm[i] = i;
    _kd_lista_rng_init(&rng, (uint64_t) opts->seed);
    lr = opts->lr;

    for (e = 0; e < opts->epochs; e++)
    {
        double sse = 0.0;
        int stop = 0;

        for (i = n_tr - 1; i > 0; i--)
        {
            slong j = (slong) _kd_lista_rng_below(&rng, (uint64_t) (i + 1));
            slong tmp = perm[i];
            perm[i] = perm[j];
            perm[j] = tmp;
        }
        for (b0 = 0; b0 < n_tr; b0 += opts->batch)
        {
            slong bs = FLINT_MIN(opts->batch, n_tr - b0);
            const double dbs = (double) bs;
            double c1, c2;

            memset(gW, 0, (size_t) nw * sizeof(double));
            memset(gth, 0, (size_t) L * sizeof(double));
            for (s = 0; s < bs; s++)
            {
                slong r = perm[b0 + s];
                _kd_lista_forward(net, Y + r * m, &w);
                sse += _kd_lista_backward(gW, gth, net, X + r * N, &w);
            }
            for (i = 0; i < nw; i++)
                gW[i] = gW[i] / dbs;
            for (i = 0; i < L; i++)     /* d theta/d t = sign(t), sign(+-0) = +1 */
                gth[i] = ((net->t[i] < 0) ? -gth[i] : gth[i]) / dbs;
            steps++;
            b1p *= _kd_adam_b1;
            b2p *= _kd_adam_b2;
            c1 = 1.0 - b1p;
            c2 = 1.0 - b2p;
            _kd_lista_adam(net->W, mW, vW, gW, nw, lr, c1, c2);
            _kd_lista_adam(net->t, mt, vt, gth, L, lr, c1, c2);
        }
        th_hist[e] = sse / (double) n_tr;
        if (n_val > 0)
            val_mse = _kd_lista_sse(net, Y, X, n_tr, R, &w) / (double) n_val;
        tv_hist[e] = val_mse;
        epochs_run = e + 1;
        if (!_kd_lista_all_finite(net->W, nw) || !_kd_lista_all_finite(net->t, L))
        {
            st = kd_error_set(KD_ERR_DOMAIN, "lista: the weights became non-finite in epoch %ld"
                              " (learning rate %g too large?)", (long) e, lr);
            break;
        }
        if (opts->callback != NULL)
            stop = opts->callback(e, th_hist[e], tv_hist[e], opts->callback_arg);
        lr = lr * opts->lr_decay;
        if (stop)
            break;
    }

    if (st == KD_OK)
    {
        double * h1 = malloc((size_t) epochs_run * sizeof(double));
        double * h2 = malloc((size_t) epochs_run * sizeof(double));
        if (h1 == NULL || h2 == NULL)
        {
            free(h1);
            free(h2);
            st = kd_error_set(KD_ERR_NOMEM, "lista: out of memory for the report");
        }
        else
        {
            memcpy(h1, th_hist, (size_t) epochs_run * sizeof(double));
            memcpy(h2, tv_hist, (size_t) epochs_run * sizeof(double));
            kd_lista_report_clear(rep);
            rep->train_hist = h1;
            rep->val_hist = h2;
            rep->epochs = epochs_run;
            rep->n_train = n_tr;
            rep->n_val = n_val;
            rep->steps = steps;
            rep->train_mse = _kd_lista_sse(net, Y, X, 0, n_tr, &w) / (double) n_tr;
            rep->val_mse = val_mse;
            rep->seconds = _kd_lista_now() - t0;
            rep->seconds_per_epoch = rep->seconds / (double) epochs_run;
        }
    }
    free(buf);
    free(perm);
    _kd_lista_ws_clear(&w);
    return st;
}
