/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* One stability run: the instance, the map, the search. */
#include <math.h>
#include "kdigits/stability.h"
#include "kdigits/builtin.h"
#include "kdigits/mtx.h"
#include "kdigits/solve.h"
#include "internal.h"

void
kd_stab_setup_init(kd_stab_setup_t S)
{
    S->kind = KD_STAB_LISTA;
    S->K = 3;
    S->n = 10;
    S->matrix = S->signal = S->net_file = NULL;
    S->layers = 10;
    S->train_R = 8000;
    S->epochs = 30;
    S->train_seed = 20220316;
    S->ista_lambda = 1e-4;
    S->fn_n = 5;
    S->fn_p = 5;
    S->fn_lambda = 1;
    S->fn_theta = 0.5;
    S->fn_delta = 1e-6;
}

void
kd_stab_run_init(kd_stab_run_t T)
{
    kd_mat_init(T->A, 0, 0);
    fmpq_mat_init(T->y, 0, 1);
    fmpq_mat_init(T->x, 0, 1);
    kd_stab_map_init(T->F);
    T->train_mse = T->val_mse = 0;
    T->phantom_n = T->phantom_levels = 0;
    kd_stab_result_init(T->R);
}

void
kd_stab_run_clear(kd_stab_run_t T)
{
    kd_mat_clear(T->A);
    fmpq_mat_clear(T->y);
    fmpq_mat_clear(T->x);
    kd_stab_map_clear(T->F);
    kd_stab_result_clear(T->R);
}

/* the user's instance: A, x exact; y = A x rounded at level 80 */
static kd_status
user_instance(kd_stab_run_t T, const kd_stab_setup_t S)
{
    kd_mat_t X, Y;
    kd_oracle_t O;
    kd_status st;
    if (S->signal == NULL)
        return kd_error_set(KD_ERR_ARG, "stability: --matrix needs --signal (x, N x 1)");
    kd_mat_init(X, 0, 0);
    kd_mat_init(Y, 0, 0);
    st = kd_builtin_load(T->A, S->matrix);
    if (st == KD_OK)
        st = kd_mtx_read(X, S->signal);
    if (st == KD_OK && (kd_mat_ncols(X) != 1 || kd_mat_nrows(X) != kd_mat_ncols(T->A)))
        st = kd_error_set(KD_ERR_SIZE, "stability: x is %ld x %ld but A is %ld x %ld "
                          "(x must be N x 1)", (long) kd_mat_nrows(X), (long) kd_mat_ncols(X),
                          (long) kd_mat_nrows(T->A), (long) kd_mat_ncols(T->A));
    if (st == KD_OK && (T->A->is_complex || X->is_complex))
        st = kd_error_set(KD_ERR_ARG, "stability: A and x must be real");
    if (st == KD_OK)
        st = kd_mat_mul(Y, T->A, X);
    if (st == KD_OK && (st = kd_oracle_init_mat(O, Y)) == KD_OK)
    {
        fmpq_mat_clear(T->y);
        fmpq_mat_init(T->y, kd_mat_nrows(Y), 1);
        st = kd_oracle_get(T->y, NULL, O, 80);
        kd_oracle_clear(O);
    }
    if (st == KD_OK && (st = kd_oracle_init_mat(O, X)) == KD_OK)
    {
        fmpq_mat_clear(T->x);
        fmpq_mat_init(T->x, kd_mat_nrows(X), 1);
        st = kd_oracle_get(T->x, NULL, O, 80);
        kd_oracle_clear(O);
    }
    kd_mat_clear(X);
    kd_mat_clear(Y);
    return st;
}

static kd_status
build_map(kd_stab_run_t T, const kd_stab_setup_t S)
{
    const slong m = kd_mat_nrows(T->A), N = kd_mat_ncols(T->A);
    double * Ad = flint_malloc((size_t) (m * N + m) * sizeof(double)), * yd = Ad + m * N, e0 = 0;
    kd_lista_t net;
    slong i;
    kd_status st;

    kd_lista_init(net, 1, 1, 1);
    st = kd_stab_mat_get_d(Ad, T->A, 128);
    if (st == KD_OK && S->kind == KD_STAB_FIRENET)
    {
        for (i = 0; i < m; i++)
        {
            yd[i] = fmpq_get_d(fmpq_mat_entry(T->y, i, 0));
            e0 += yd[i] * yd[i];
        }
        st = kd_stab_map_set_firenet(T->F, Ad, m, N, S->fn_lambda, S->fn_p, S->fn_n,
                                     S->fn_theta, S->fn_delta, e0 > 0 ? sqrt(e0) : 1.0);
    }
    else if (st == KD_OK && S->kind == KD_STAB_EXACT_P3)
        st = kd_stab_map_set_exact_p3(T->F, T->A, S->fn_lambda, T->y, 128);
    else if (st == KD_OK && S->kind == KD_STAB_ISTA)
    {
        kd_lista_clear(net);
        if ((st = kd_lista_init(net, S->layers, m, N)) == KD_OK
            && (st = kd_lista_set_ista(net, NULL, Ad, S->ista_lambda, 0)) == KD_OK)
            st = kd_stab_map_set_lista(T->F, net, KD_STAB_ISTA);
    }
    else if (st == KD_OK && S->net_file != NULL)
    {
        if ((st = kd_lista_load(net, S->net_file)) == KD_OK)
        {
            if (net->m != m || net->N != N)
                st = kd_error_set(KD_ERR_SIZE, "stability: the network maps R^%ld to R^%ld "
                                  "but A is %ld x %ld", (long) net->m, (long) net->N,
                                  (long) m, (long) N);
            else
                st = kd_stab_map_set_lista(T->F, net, KD_STAB_LISTA);
        }
    }
    else if (st == KD_OK && S->matrix != NULL)
        st = kd_error_set(KD_ERR_ARG, "stability: LISTA on a user matrix needs --load-net "
                          "(or --net ista / firenet)");
    else if (st == KD_OK)
    {
        st = kd_stab_omega_lista(net, &T->train_mse, &T->val_mse, S->K, S->n, S->layers,
                                 S->train_R, S->epochs, S->train_seed);
        if (st == KD_OK)
            st = kd_stab_map_set_lista(T->F, net, KD_STAB_LISTA);
    }
    kd_lista_clear(net);
    flint_free(Ad);
    return st;
}

kd_status
kd_stab_run(kd_stab_run_t T, const kd_stab_setup_t S, const kd_stab_opts_t o)
{
    kd_op_t op;
    kd_status st;
    if (S->matrix != NULL && kd_solve_op_spec(op, S->matrix))
    {
        st = _kd_stab_run_op(T, S, o, op);
        kd_op_clear(op);
        return st;
    }
    if (S->matrix != NULL)
        st = user_instance(T, S);
    else
    {
        fmpq_mat_clear(T->y);
        fmpq_mat_clear(T->x);
        fmpq_mat_init(T->y, 0, 1);
        fmpq_mat_init(T->x, 0, 1);
        st = kd_stab_omega_instance(T->A, T->y, T->x, S->K, S->n);
    }
    if (st == KD_OK)
        st = build_map(T, S);
    if (st == KD_OK)
        st = kd_stab_search(T->R, T->F, T->A, T->y, T->x, o);
    return st;
}
