/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The operators in ball arithmetic: the same factorisations as
   apply_d.c, every operation in Arb, so the output balls contain the exact
   A x (operators.md §2). */
#include <string.h>
#include <acb_dft.h>
#include "internal.h"

typedef struct
{
    slong prec;
    acb_ptr l;                  /* line buffers, 2 n_max */
    acb_ptr t;
    acb_ptr u;
    acb_ptr tw;                 /* DCT twiddles e^{-i pi k/(2n)}, n */
    slong tw_n;
    arb_t c;                    /* 1/sqrt(n) for the current n */
    slong c_n;
    arb_t h;                    /* 1/sqrt(2) */
    acb_dft_rad2_t rad;         /* for length rad_n */
    slong rad_n;
}
_kd_op_scratch_acb;

static void
_kd_scr_rad(_kd_op_scratch_acb * S, slong len)
{
    if (S->rad_n == len)
        return;
    if (S->rad_n > 0)
        acb_dft_rad2_clear(S->rad);
    acb_dft_rad2_init(S->rad, (int) _kd_op_log2(len), S->prec);
    S->rad_n = len;
}

static void
_kd_scr_c(_kd_op_scratch_acb * S, slong n)
{
    if (S->c_n == n)
        return;
    arb_rsqrt_ui(S->c, n, S->prec);
    S->c_n = n;
}

/* DFT of length len (power of 2) of v into w; sign +1: conj(DFT(conj v)) */
static void
_kd_fft_acb(acb_ptr w, acb_ptr v, slong len, int sign, _kd_op_scratch_acb * S)
{
    slong k;
    _kd_scr_rad(S, len);
    if (sign > 0)
        for (k = 0; k < len; k++)
            acb_conj(v + k, v + k);
    acb_dft_rad2_precomp(w, v, S->rad, S->prec);
    if (sign > 0)
        for (k = 0; k < len; k++)
            acb_conj(w + k, w + k);
}

static void
_kd_fwht_acb(acb_ptr x, slong n, slong prec)
{
    slong len, i, k;
    acb_t a;
    acb_init(a);
    for (len = 1; len < n; len <<= 1)
        for (i = 0; i < n; i += len << 1)
            for (k = i; k < i + len; k++)
            {
                acb_set(a, x + k);
                acb_add(x + k, a, x + k + len, prec);
                acb_sub(x + k + len, a, x + k + len, prec);
            }
    acb_clear(a);
}

static void
_kd_walsh_line_acb(acb_ptr x, slong n, int inv, _kd_op_scratch_acb * S)
{
    slong s, k = _kd_op_log2(n);
    _kd_scr_c(S, n);
    if (!inv)
    {
        _kd_fwht_acb(x, n, S->prec);
        for (s = 0; s < n; s++)
            acb_mul_arb(S->t + s, x + _kd_op_seq2nat(s, k), S->c, S->prec);
    }
    else
    {
        for (s = 0; s < n; s++)
            acb_set(S->t + _kd_op_seq2nat(s, k), x + s);
        _kd_fwht_acb(S->t, n, S->prec);
        for (s = 0; s < n; s++)
            acb_mul_arb(S->t + s, S->t + s, S->c, S->prec);
    }
    _acb_vec_set(x, S->t, n);
}

/* the DCT of a complex line: DCT(re) + i DCT(im), each through a length-2n
   DFT (operators.md §2) */
static void
_kd_dct_line_acb(acb_ptr x, slong n, int inv, _kd_op_scratch_acb * S)
{
    slong k, part, prec = S->prec;
    arb_t s0, s1;
    acb_t z;
    arb_init(s0);
    arb_init(s1);
    acb_init(z);
    arb_rsqrt_ui(s0, n, prec);
    arb_sqrt_ui(s1, 2, prec);
    arb_mul(s1, s1, s0, prec);
    if (S->tw_n != n)
    {
        fmpq_t q;
        fmpq_init(q);
        for (k = 0; k < n; k++)
        {
            /* e^{-i pi k/(2n)} = cos - i sin */
            fmpq_set_si(q, k, 2 * n);
            arb_sin_cos_pi_fmpq(acb_imagref(S->tw + k), acb_realref(S->tw + k), q, prec);
            arb_neg(acb_imagref(S->tw + k), acb_imagref(S->tw + k));
        }
        fmpq_clear(q);
        S->tw_n = n;
    }
    for (part = 0; part < 2; part++)
    {
        if (!inv)
        {
            _acb_vec_zero(S->t, 2 * n);
            for (k = 0; k < n; k++)
                arb_set(acb_realref(S->t + k), part ? acb_imagref(x + k) : acb_realref(x + k));
            _kd_fft_acb(S->u, S->t, 2 * n, -1, S);
            for (k = 0; k < n; k++)
            {
                acb_mul(z, S->u + k, S->tw + k, prec);
                arb_mul(part ? acb_imagref(S->l + k) : acb_realref(S->l + k),
                        acb_realref(z), k == 0 ? s0 : s1, prec);
            }
        }
        else
        {
            _acb_vec_zero(S->t, 2 * n);
            for (k = 0; k < n; k++)
            {
                acb_conj(z, S->tw + k);
                acb_mul_arb(S->t + k, z, k == 0 ? s0 : s1, prec);
                acb_mul_arb(S->t + k, S->t + k,
                            part ? acb_imagref(x + k) : acb_realref(x + k), prec);
            }
            _kd_fft_acb(S->u, S->t, 2 * n, +1, S);
            for (k = 0; k < n; k++)
                arb_set(part ? acb_imagref(S->l + k) : acb_realref(S->l + k),
                        acb_realref(S->u + k));
        }
    }
    for (k = 0; k < n; k++)
        acb_set(x + k, S->l + k);
    arb_clear(s0);
    arb_clear(s1);
    acb_clear(z);
}

static void
_kd_dft_line_acb(acb_ptr x, slong n, int inv, _kd_op_scratch_acb * S)
{
    slong k;
    _kd_scr_c(S, n);
    _acb_vec_set(S->t, x, n);
    _kd_fft_acb(x, S->t, n, inv ? +1 : -1, S);
    for (k = 0; k < n; k++)
        acb_mul_arb(x + k, x + k, S->c, S->prec);
}

static void
_kd_haar_step_acb(acb_ptr x, slong len, slong stride, int inv, _kd_op_scratch_acb * S)
{
    slong i, h = len / 2, prec = S->prec;
    if (!inv)
        for (i = 0; i < h; i++)
        {
            acb_add(S->t + i, x + 2 * i * stride, x + (2 * i + 1) * stride, prec);
            acb_sub(S->t + h + i, x + 2 * i * stride, x + (2 * i + 1) * stride, prec);
        }
    else
        for (i = 0; i < h; i++)
        {
            acb_add(S->t + 2 * i, x + i * stride, x + (h + i) * stride, prec);
            acb_sub(S->t + 2 * i + 1, x + i * stride, x + (h + i) * stride, prec);
        }
    for (i = 0; i < len; i++)
        acb_mul_arb(x + i * stride, S->t + i, S->h, prec);
}

static void
_kd_factor_acb(acb_ptr o, const kd_op_factor_struct * F, acb_srcptr v, int adj,
               _kd_op_scratch_acb * S)
{
    slong n = F->n, i, j, t;
    int inv = F->inverse ^ adj;
    if (F->kind == KD_OP_SUBSAMPLE)
    {
        if (!adj)
            for (i = 0; i < F->rows; i++)
                acb_set(o + i, v + F->omega[i]);
        else
        {
            _acb_vec_zero(o, F->cols);
            for (i = 0; i < F->rows; i++)
                acb_set(o + F->omega[i], v + i);
        }
        return;
    }
    _acb_vec_set(o, v, F->cols);
    if (F->kind == KD_OP_HAAR)
    {
        slong r = F->levels;
        for (t = 0; t < r; t++)
        {
            slong tt = inv ? r - 1 - t : t, len = n >> tt;
            if (F->dim == 1)
            {
                _kd_haar_step_acb(o, len, 1, inv, S);
                continue;
            }
            for (int pass = 0; pass < 2; pass++)
            {
                int cols = (pass == 0) == (inv != 0);
                for (i = 0; i < len; i++)
                    _kd_haar_step_acb(cols ? o + i : o + i * n, len, cols ? n : 1, inv, S);
            }
        }
        return;
    }
    for (int axis = 0; axis < F->dim; axis++)
    {
        slong lines = (F->dim == 1) ? 1 : n, stride = (F->dim == 1 || axis == 0) ? 1 : n;
        slong step = (F->dim == 1) ? 0 : (axis == 0 ? n : 1);
        for (i = 0; i < lines; i++)
        {
            acb_ptr x = o + i * step;
            for (j = 0; j < n; j++)
                acb_swap(S->l + n + j, x + j * stride);
            if (F->kind == KD_OP_WALSH)
                _kd_walsh_line_acb(S->l + n, n, inv, S);
            else if (F->kind == KD_OP_DCT)
                _kd_dct_line_acb(S->l + n, n, inv, S);
            else
                _kd_dft_line_acb(S->l + n, n, inv, S);
            for (j = 0; j < n; j++)
                acb_swap(S->l + n + j, x + j * stride);
        }
    }
}

void
kd_op_apply_acb(acb_ptr y, const kd_op_t A, acb_srcptr x, int adjoint, slong prec)
{
    slong i, maxd = FLINT_MAX(A->nrows, A->ncols), nmax = 2;
    acb_ptr a, b, t;
    _kd_op_scratch_acb S;
    for (i = 0; i < A->nf; i++)
    {
        maxd = FLINT_MAX(maxd, FLINT_MAX(A->f[i].rows, A->f[i].cols));
        nmax = FLINT_MAX(nmax, A->f[i].n);
    }
    a = _acb_vec_init(maxd);
    b = _acb_vec_init(maxd);
    S.prec = prec;
    /* l holds the DCT output (n) and the line being transformed (n) */
    S.l = _acb_vec_init(2 * nmax);
    S.t = _acb_vec_init(2 * nmax);
    S.u = _acb_vec_init(2 * nmax);
    S.tw = _acb_vec_init(nmax);
    S.tw_n = 0;
    arb_init(S.c);
    S.c_n = 0;
    arb_init(S.h);
    arb_rsqrt_ui(S.h, 2, prec);
    S.rad_n = 0;
    _acb_vec_set(a, x, adjoint ? A->nrows : A->ncols);
    for (i = 0; i < A->nf; i++)
    {
        const kd_op_factor_struct * F = A->f + (adjoint ? i : A->nf - 1 - i);
        _kd_factor_acb(b, F, a, adjoint, &S);
        t = a; a = b; b = t;
    }
    _acb_vec_set(y, a, adjoint ? A->ncols : A->nrows);
    if (S.rad_n > 0)
        acb_dft_rad2_clear(S.rad);
    _acb_vec_clear(a, maxd);
    _acb_vec_clear(b, maxd);
    _acb_vec_clear(S.l, 2 * nmax);
    _acb_vec_clear(S.t, 2 * nmax);
    _acb_vec_clear(S.u, 2 * nmax);
    _acb_vec_clear(S.tw, nmax);
    arb_clear(S.c);
    arb_clear(S.h);
}
