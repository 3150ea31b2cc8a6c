/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The default instance of the stability test: the Omega_K gadget of the
   accuracy table (theory.md §4, §6) and LISTA trained on it as the table
   trains it. */
#include <math.h>
#include "kdigits/stability.h"
#include "internal.h"

static kd_status
gadget(kd_omega_t G, slong K, slong n)
{
    kd_real_t lam;
    kd_status st;
    kd_real_init(lam);
    kd_real_one(lam);
    st = kd_omega_set(G, KD_PROBLEM_P3, lam, K, n, 2, 20, 1, 1, 0);
    kd_real_clear(lam);
    return st;
}

static kd_status
round_mat(fmpq_mat_t q, const kd_mat_t M, slong level)
{
    kd_oracle_t O;
    kd_status st = kd_oracle_init_mat(O, M);
    if (st == KD_OK)
    {
        fmpq_mat_clear(q);
        fmpq_mat_init(q, kd_mat_nrows(M), kd_mat_ncols(M));
        st = kd_oracle_get(q, NULL, O, level);
        kd_oracle_clear(O);
    }
    return st;
}

kd_status
kd_stab_omega_instance(kd_mat_t A, fmpq_mat_t y, fmpq_mat_t x, slong K, slong n)
{
    kd_omega_t G;
    kd_mat_t xs;
    kd_status st;
    if (K < 2 || K > 12 || n < 0 || n > 200)
        return kd_error_set(KD_ERR_ARG, "stability: need 2 <= K <= 12 and 0 <= n <= 200");
    kd_omega_init(G);
    kd_mat_init(xs, 0, 0);
    st = gadget(G, K, n);
    if (st == KD_OK)
        st = kd_mat_set(A, G->A);
    if (st == KD_OK)
        st = round_mat(y, G->y, n + 60);
    if (st == KD_OK && x != NULL)
        st = kd_omega_minimiser(xs, G);
    if (st == KD_OK && x != NULL)
        st = round_mat(x, xs, n + 60);
    kd_mat_clear(xs);
    kd_omega_clear(G);
    return st;
}

kd_status
kd_stab_omega_lista(kd_lista_t net, double * train_mse, double * val_mse, slong K, slong n,
                    slong L, slong R, slong epochs, ulong seed)
{
    kd_omega_t G;
    kd_omega_samples_t S;
    kd_lista_report_t rep;
    kd_lista_train_opts_t to;
    double * X = NULL, * Y = NULL, * B = NULL, LB, s2;
    slong m, N, i, e;
    kd_status st;

    if (K < 2 || K > 12 || n < 0 || n > 200 || L < 1 || L > 1000 || R < 2 || R > 10000000
        || epochs < 1 || epochs > 100000)
        return kd_error_set(KD_ERR_ARG, "stability: bad LISTA training parameters");
    kd_omega_init(G);
    kd_omega_samples_init(S);
    kd_lista_report_init(rep);
    if ((st = gadget(G, K, n)) != KD_OK
        || (st = kd_omega_samples_draw(S, G, R, 5, seed)) != KD_OK)
        goto out0;
    m = G->m;
    N = G->N;
    /* train on the problem rescaled by 2^e ~ 10^K (exact in double) */
    e = (slong) floor((double) K * 3.321928094887362 + 0.5);
    s2 = ldexp(1.0, (int) e);
    X = flint_malloc((size_t) (R * N) * sizeof(double));
    Y = flint_malloc((size_t) (R * m) * sizeof(double));
    B = flint_malloc((size_t) (m * N) * sizeof(double));
    if ((st = kd_omega_samples_get_d(X, Y, S, 128)) != KD_OK
        || (st = kd_omega_approx_d(B, G, n + 30, 0)) != KD_OK)
        goto out1;
    for (i = 0; i < R * N; i++)
        X[i] *= s2;
    for (i = 0; i < m * N; i++)
        B[i] /= s2;
    kd_lista_clear(net);
    if ((st = kd_lista_init(net, L, m, N)) != KD_OK
        || (st = kd_lista_set_ista(net, &LB, B, 1e-3, 0)) != KD_OK)
        goto out1;
    kd_lista_train_opts_init(to);
    to->epochs = epochs;
    to->lr = 1e-2;
    to->lr_decay = 0.9;
    to->seed = seed;
    if ((st = kd_lista_train(rep, net, Y, X, R, to)) != KD_OK)
        goto out1;
    /* back to the problem's units: x = x'/2^e at every layer, so B <- 2^e B,
       W_k <- 2^-e W_k, t_k <- 2^-e t_k (exact unless an entry underflows) */
    for (i = 0; i < m * N; i++)
        B[i] = ldexp(B[i], (int) e);
    if ((st = kd_lista_set_B(net, B)) != KD_OK)
        goto out1;
    for (i = 0; i < L * N * m; i++)
    {
        double w = ldexp(net->W[i], (int) -e);
        if (ldexp(w, (int) e) != net->W[i])
        {
            st = kd_error_set(KD_ERR_DOMAIN, "stability: a LISTA weight underflows when rescaled");
            goto out1;
        }
        net->W[i] = w;
    }
    for (i = 0; i < L; i++)
        net->t[i] = ldexp(net->t[i], (int) -e);
    if (train_mse != NULL)
        *train_mse = rep->train_mse / (s2 * s2);
    if (val_mse != NULL)
        *val_mse = rep->val_mse / (s2 * s2);
out1:
    flint_free(X);
    flint_free(Y);
    flint_free(B);
out0:
    kd_lista_report_clear(rep);
    kd_omega_samples_clear(S);
    kd_omega_clear(G);
    return st;
}
