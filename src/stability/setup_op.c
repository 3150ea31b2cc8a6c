/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* One stability run on a matrix-free operator (builtin:OPSPEC): the
   signal (the user's, or the Haar coefficients of the phantom), the exact
   base point y = A x at oracle level 80, the map (FIRENET or ISTA on the
   operator), the search. */
#include <math.h>
#include "kdigits/stability.h"
#include "kdigits/convergence.h"
#include "kdigits/mtx.h"
#include "kdigits/util.h"
#include "internal.h"

/* x (N doubles) = the user's signal, each entry rounded to the nearest
   double */
static kd_status
user_signal(double * x, const char * path, slong N)
{
    kd_mat_t X;
    kd_status st;
    kd_mat_init(X, 0, 0);
    st = kd_mtx_read(X, path);
    if (st == KD_OK && (kd_mat_ncols(X) != 1 || kd_mat_nrows(X) != N))
        st = kd_error_set(KD_ERR_SIZE, "x is %ld x %ld but the operator has %ld "
                          "columns (x must be N x 1)", (long) kd_mat_nrows(X),
                          (long) kd_mat_ncols(X), (long) N);
    if (st == KD_OK && X->is_complex)
        st = kd_error_set(KD_ERR_ARG, "x must be real");
    if (st == KD_OK)
        st = kd_stab_mat_get_d(x, X, 128);
    kd_mat_clear(X);
    return st;
}

/* x = the Haar coefficients (the operator's Haar factor: H f, H the
   analysis with its levels) of the phantom f = kd_conv_phantom(n) at the
   side n of the operator's 2-D transform, or f itself without a Haar
   factor; *n, *levels (0: no Haar factor) */
static kd_status
phantom_signal(double * x, slong * n, slong * levels, const kd_op_t A)
{
    slong i, side = 0, r = 0;
    double * f;
    kd_op_t H;
    kd_status st = KD_OK;
    for (i = 0; i < A->nf; i++)
        if (A->f[i].kind != KD_OP_SUBSAMPLE && A->f[i].dim == 2)
        {
            side = A->f[i].n;
            if (A->f[i].kind == KD_OP_HAAR && A->f[i].inverse)
                r = A->f[i].levels;
        }
    if (side == 0 || side * side != A->ncols)
        return kd_error_set(KD_ERR_ARG, "the operator has no 2-D transform of "
                            "side n with n^2 columns to place the phantom on; give --signal");
    f = flint_malloc((size_t) A->ncols * sizeof(double));
    kd_conv_phantom(f, side);
    if (r == 0)
    {
        for (i = 0; i < A->ncols; i++)
            x[i] = f[i];
    }
    else
    {
        kd_op_init(H, A->ncols);
        if ((st = kd_op_mul_transform(H, KD_OP_HAAR, side, 2, r, 0)) == KD_OK)
            kd_op_apply_d(x, NULL, H, f, NULL, 0);
        kd_op_clear(H);
    }
    flint_free(f);
    *n = side;
    *levels = r;
    return st;
}

/* T->x = xd exactly; T->y = A x at oracle level 80 (dyadic,
   ||y - A x|| <= 2^-80 ||x||) */
static kd_status
base_point(kd_stab_run_t T, kd_op_t A, const double * xd)
{
    const slong m = A->nrows, N = A->ncols;
    acb_ptr xv = _acb_vec_init(N), yv = _acb_vec_init(m);
    slong i;
    kd_status st;
    fmpq_mat_clear(T->x);
    fmpq_mat_clear(T->y);
    fmpq_mat_init(T->x, N, 1);
    fmpq_mat_init(T->y, m, 1);
    for (i = 0; i < N; i++)
    {
        arb_set_d(acb_realref(xv + i), xd[i]);
        _kd_stab_fmpq_set_d(fmpq_mat_entry(T->x, i, 0), xd[i]);
    }
    st = kd_op_apply_level(yv, A, xv, 0, 80, 0);
    for (i = 0; i < m && st == KD_OK; i++)
        arf_get_fmpq(fmpq_mat_entry(T->y, i, 0), arb_midref(acb_realref(yv + i)));
    _acb_vec_clear(xv, N);
    _acb_vec_clear(yv, m);
    return st;
}

kd_status
_kd_stab_run_op(kd_stab_run_t T, const kd_stab_setup_t S, const kd_stab_opts_t o,
                kd_op_t A)
{
    const slong m = A->nrows, N = A->ncols;
    double * xd, e0 = 0;
    slong i;
    kd_status st;

    if (S->kind == KD_STAB_LISTA)
        return kd_error_set(KD_ERR_ARG, "--net lista needs dense trained weights "
                            "(B, W_k); on a matrix-free operator use --net ista or firenet");
    if (S->kind == KD_STAB_EXACT_P3)
        return kd_error_set(KD_ERR_ARG, "--net exact-p3 needs the dense exact A "
                            "(the certified P3 minimiser); on a matrix-free operator use "
                            "--net ista or firenet");
    if (A->is_complex)
        return kd_error_set(KD_ERR_ARG, "the operator is complex (a DFT factor); "
                            "the stability maps are real (use walsh, dct or haar)");
    if ((st = kd_check_mem(8.0 * (double) N * (double) (S->kind == KD_STAB_ISTA ? S->layers + 8
                                                                             : 60), "stability"))
        != KD_OK)
        return st;
    xd = flint_malloc((size_t) N * sizeof(double));
    T->phantom_n = T->phantom_levels = 0;
    if (S->signal != NULL)
        st = user_signal(xd, S->signal, N);
    else
        st = phantom_signal(xd, &T->phantom_n, &T->phantom_levels, A);
    if (st == KD_OK)
        st = base_point(T, A, xd);
    flint_free(xd);
    if (st == KD_OK && S->kind == KD_STAB_FIRENET)
    {
        for (i = 0; i < m; i++)
        {
            double d = fmpq_get_d(fmpq_mat_entry(T->y, i, 0));
            e0 += d * d;
        }
        st = kd_stab_map_set_firenet_op(T->F, A, S->matrix, S->fn_lambda, S->fn_p, S->fn_n,
                                        S->fn_theta, S->fn_delta, e0 > 0 ? sqrt(e0) : 1.0);
    }
    else if (st == KD_OK)
        st = kd_stab_map_set_ista_op(T->F, A, S->matrix, S->ista_lambda, S->layers);
    if (st == KD_OK)
        st = kd_stab_search_op(T->R, T->F, T->y, T->x, o);
    return st;
}
