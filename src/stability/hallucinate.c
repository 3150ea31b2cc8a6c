/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The hallucination demonstration: LISTA trained on signals carrying a
   detail k in ker(A) puts k into its reconstructions of signals without it;
   the score is exact (proofs-notes/stability.md §3.2). */
#include <math.h>
#include "kdigits/stability.h"
#include "kdigits/builtin.h"
#include "kdigits/bpprobe.h"
#include "internal.h"

void
kd_stab_halluc_opts_init(kd_stab_halluc_opts_t o)
{
    o->m = 10;
    o->N = 20;
    o->matrix = NULL;
    o->s = 3;
    o->layers = 10;
    o->train_R = 4000;
    o->epochs = 30;
    o->tests = 20;
    o->seed = 1;
}

void
kd_stab_halluc_init(kd_stab_halluc_t H)
{
    H->m = H->N = H->tests = 0;
    fmpq_mat_init(H->A, 0, 0);
    fmpq_mat_init(H->k, 0, 1);
    arb_init(H->half_norm);
    kd_lista_init(H->net, 1, 1, 1);
    kd_lista_init(H->control, 1, 1, 1);
    H->train_mse = H->control_mse = 0;
    H->c = H->c_control = NULL;
    H->err_lower = NULL;
    fmpq_init(H->c_min);
    fmpq_init(H->c_max);
    fmpq_init(H->cc_min);
    fmpq_init(H->cc_max);
    fmpq_init(H->c_mean);
    fmpq_init(H->cc_mean);
}

void
kd_stab_halluc_clear(kd_stab_halluc_t H)
{
    fmpq_mat_clear(H->A);
    fmpq_mat_clear(H->k);
    arb_clear(H->half_norm);
    kd_lista_clear(H->net);
    kd_lista_clear(H->control);
    if (H->c != NULL)
    {
        _fmpq_vec_clear(H->c, H->tests);
        _fmpq_vec_clear(H->c_control, H->tests);
        _arb_vec_clear(H->err_lower, H->tests);
    }
    fmpq_clear(H->c_min);
    fmpq_clear(H->c_max);
    fmpq_clear(H->cc_min);
    fmpq_clear(H->cc_max);
    fmpq_clear(H->c_mean);
    fmpq_clear(H->cc_mean);
}

/* A (rational, m x N) and the detail k = k_1 2^-e, |k_i| <= 1/2 */
static kd_status
instance(kd_stab_halluc_t H, const kd_stab_halluc_opts_t o, slong prec)
{
    kd_mat_t A;
    kd_stab_kernel_t K;
    ulong seed = o->seed ^ UWORD(0x6b65726e656c);
    slong i, j;
    kd_status st = KD_OK;
    fmpz_t mx;

    kd_mat_init(A, 0, 0);
    kd_stab_kernel_init(K);
    fmpz_init(mx);
    if (o->matrix != NULL)
        st = kd_builtin_load(A, o->matrix);
    else if ((st = kd_mat_resize(A, o->m, o->N)) == KD_OK)
        for (i = 0; i < o->m * o->N; i++)
        {
            kd_real_t r;
            kd_real_init(r);
            kd_real_set_si_si(r, (slong) (_kd_stab_mix(&seed) % 7) - 3, 1);
            kd_mat_set_entry_real(A, i / o->N, i % o->N, r);
            kd_real_clear(r);
        }
    if (st == KD_OK)
    {
        H->m = kd_mat_nrows(A);
        H->N = kd_mat_ncols(A);
        fmpq_mat_clear(H->A);
        fmpq_mat_init(H->A, H->m, H->N);
        if (A->is_complex || kd_bp_probe_rational(H->A, A) != KD_OK)
            st = kd_error_set(KD_ERR_ARG, "hallucinate: A must be real and rational");
    }
    if (st == KD_OK && (st = kd_stab_kernel(K, A, prec)) == KD_OK && K->dim == 0)
        st = kd_error_set(KD_ERR_ARG, "hallucinate: ker(A) = {0}: no detail to hallucinate");
    if (st == KD_OK)
    {
        fmpq_mat_clear(H->k);
        fmpq_mat_init(H->k, H->N, 1);
        for (i = 0; i < H->N; i++)
            if (fmpz_cmpabs(fmpq_numref(fmpq_mat_entry(K->basis, i, 0)), mx) > 0)
                fmpz_abs(mx, fmpq_numref(fmpq_mat_entry(K->basis, i, 0)));
        j = fmpz_bits(mx) + 1;  /* 2^j >= 2 max |k_i| */
        for (i = 0; i < H->N; i++)
            fmpq_div_2exp(fmpq_mat_entry(H->k, i, 0), fmpq_mat_entry(K->basis, i, 0), j);
        arb_mul_2exp_si(H->half_norm, K->half_norm, -j);
    }
    fmpz_clear(mx);
    kd_stab_kernel_clear(K);
    kd_mat_clear(A);
    return st;
}

/* z (N doubles, dyadic): s entries uniform in [1/2, 1) on a random support
   (non-negative, like image intensities: LISTA has no bias and is an odd
   map, Psi(-y) = -Psi(y), so a detail can only be learnt on a cone) */
static void
draw_sparse(double * z, slong N, slong s, ulong * seed)
{
    slong i, c = 0;
    for (i = 0; i < N; i++)
        z[i] = 0;
    while (c < s)
    {
        i = (slong) (_kd_stab_mix(seed) % (ulong) N);
        if (z[i] != 0)
            continue;
        z[i] = 0.5 + ldexp((double) (_kd_stab_mix(seed) >> 11), -54);
        c++;
    }
}

/* trains net on (A z_r, z_r + detail k_d) */
static kd_status
train(kd_lista_t net, double * mse, const double * Ad, const double * kd, slong m, slong N,
      const kd_stab_halluc_opts_t o, ulong salt)
{
    const slong R = o->train_R;
    double * X = flint_malloc((size_t) (R * (N + m)) * sizeof(double)), * Y = X + R * N;
    ulong seed = o->seed + salt;
    kd_lista_report_t rep;
    kd_lista_train_opts_t to;
    slong r, i, j;
    kd_status st;

    for (r = 0; r < R; r++)
    {
        draw_sparse(X + r * N, N, o->s, &seed);
        for (i = 0; i < m; i++)
        {
            double s = 0;
            for (j = 0; j < N; j++)
                s += Ad[i * N + j] * X[r * N + j];
            Y[r * m + i] = s;
        }
        for (j = 0; j < N && kd != NULL; j++)
            X[r * N + j] += kd[j];
    }
    kd_lista_report_init(rep);
    kd_lista_train_opts_init(to);
    to->epochs = o->epochs;
    to->lr = 1e-2;
    to->lr_decay = 0.9;
    to->seed = o->seed;
    kd_lista_clear(net);
    st = kd_lista_init(net, o->layers, m, N);
    if (st == KD_OK)
        st = kd_lista_set_ista(net, NULL, Ad, 1e-3, 0);
    if (st == KD_OK)
        st = kd_lista_train(rep, net, Y, X, R, to);
    *mse = rep->train_mse;
    kd_lista_report_clear(rep);
    flint_free(X);
    return st;
}

/* c = <Psi(A z) - z, k> / ||k||^2 exactly */
static kd_status
score(fmpq_t c, const kd_lista_t net, const fmpq_mat_t A, const fmpq_mat_t k, const double * z)
{
    const slong m = fmpq_mat_nrows(A), N = fmpq_mat_ncols(A);
    fmpq_mat_t zq, y, x;
    fmpq_t t, kk;
    slong i;
    kd_status st;
    fmpq_mat_init(zq, N, 1);
    fmpq_mat_init(y, m, 1);
    fmpq_mat_init(x, N, 1);
    fmpq_init(t);
    fmpq_init(kk);
    for (i = 0; i < N; i++)
        _kd_stab_fmpq_set_d(fmpq_mat_entry(zq, i, 0), z[i]);
    fmpq_mat_mul(y, A, zq);
    st = kd_lista_eval_fmpq(x, net, y);
    fmpq_zero(c);
    for (i = 0; i < N && st == KD_OK; i++)
    {
        fmpq_sub(t, fmpq_mat_entry(x, i, 0), fmpq_mat_entry(zq, i, 0));
        fmpq_addmul(c, t, fmpq_mat_entry(k, i, 0));
        fmpq_addmul(kk, fmpq_mat_entry(k, i, 0), fmpq_mat_entry(k, i, 0));
    }
    if (st == KD_OK)
        fmpq_div(c, c, kk);
    fmpq_mat_clear(zq);
    fmpq_mat_clear(y);
    fmpq_mat_clear(x);
    fmpq_clear(t);
    fmpq_clear(kk);
    return st;
}

/* m1, m2 = the means of the n rationals v1, v2 */
static void
mean2(fmpq_t m1, fmpq_t m2, const fmpq * v1, const fmpq * v2, slong n)
{
    fmpq_t inv;
    slong i;
    fmpq_init(inv);
    fmpq_set_si(inv, 1, n);
    fmpq_zero(m1);
    fmpq_zero(m2);
    for (i = 0; i < n; i++)
    {
        fmpq_add(m1, m1, v1 + i);
        fmpq_add(m2, m2, v2 + i);
    }
    fmpq_mul(m1, m1, inv);
    fmpq_mul(m2, m2, inv);
    fmpq_clear(inv);
}

kd_status
kd_stab_hallucinate(kd_stab_halluc_t H, const kd_stab_halluc_opts_t o, slong prec)
{
    double * Ad, * kd, * z;
    ulong seed = o->seed ^ UWORD(0x74657374);
    slong i, t;
    arb_t a;
    kd_status st;

    if (o->m < 1 || o->N < 2 || o->m > 1000 || o->N > 1000 || o->s < 1 || o->layers < 1
        || o->layers > 1000 || o->train_R < 2 || o->epochs < 1 || o->tests < 1
        || o->tests > 100000)
        return kd_error_set(KD_ERR_ARG, "hallucinate: bad sizes or training parameters");
    if ((st = instance(H, o, prec)) != KD_OK)
        return st;
    if (o->s > H->N)
        return kd_error_set(KD_ERR_ARG, "hallucinate: the sparsity exceeds N");
    Ad = flint_malloc((size_t) (H->m * H->N + 2 * H->N) * sizeof(double));
    kd = Ad + H->m * H->N;
    z = kd + H->N;
    for (i = 0; i < H->m * H->N; i++)
        Ad[i] = fmpq_get_d(fmpq_mat_entry(H->A, i / H->N, i % H->N));
    for (i = 0; i < H->N; i++)
        kd[i] = fmpq_get_d(fmpq_mat_entry(H->k, i, 0));
    st = train(H->net, &H->train_mse, Ad, kd, H->m, H->N, o, 1);
    if (st == KD_OK)
        st = train(H->control, &H->control_mse, Ad, NULL, H->m, H->N, o, 1);
    if (st == KD_OK)
    {
        H->tests = o->tests;
        H->c = _fmpq_vec_init(o->tests);
        H->c_control = _fmpq_vec_init(o->tests);
        H->err_lower = _arb_vec_init(o->tests);
    }
    arb_init(a);
    fmpq_zero(H->c_mean);
    fmpq_zero(H->cc_mean);
    for (t = 0; t < o->tests && st == KD_OK; t++)
    {
        draw_sparse(z, H->N, o->s, &seed);
        if ((st = score(H->c + t, H->net, H->A, H->k, z)) == KD_OK)
            st = score(H->c_control + t, H->control, H->A, H->k, z);
        /* ||Psi - x|| >= |<Psi - x, k>| / ||k|| = |c| ||k|| */
        arb_set_fmpq(a, H->c + t, prec);
        arb_abs(a, a);
        arb_mul(H->err_lower + t, a, H->half_norm, prec);
        arb_mul_2exp_si(H->err_lower + t, H->err_lower + t, 1);
        if (t == 0 || fmpq_cmp(H->c + t, H->c_min) < 0)
            fmpq_set(H->c_min, H->c + t);
        if (t == 0 || fmpq_cmp(H->c + t, H->c_max) > 0)
            fmpq_set(H->c_max, H->c + t);
        if (t == 0 || fmpq_cmp(H->c_control + t, H->cc_min) < 0)
            fmpq_set(H->cc_min, H->c_control + t);
        if (t == 0 || fmpq_cmp(H->c_control + t, H->cc_max) > 0)
            fmpq_set(H->cc_max, H->c_control + t);
    }
    if (st == KD_OK)
        mean2(H->c_mean, H->cc_mean, H->c, H->c_control, o->tests);
    arb_clear(a);
    flint_free(Ad);
    return st;
}
