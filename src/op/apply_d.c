/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The operators in IEEE double, O(N log N): the working arithmetic of the
   solvers on matrix-free data (not certified; kd_op_apply_acb is). */
#include <math.h>
#include <string.h>
#include "internal.h"

#define KD_PI 3.141592653589793238462643383279502884

typedef struct
{
    double * re;                /* line buffers, 2 n_max each */
    double * im;
    double * t_re;
    double * t_im;
}
_kd_op_scratch_d;

/* in-place radix-2 FFT of length n (a power of 2), sign -1 (forward) or
   +1, unnormalised */
static void
_kd_fft_d(double * re, double * im, slong n, int sign)
{
    slong i, j, len, k;
    for (i = 1, j = 0; i < n; i++)
    {
        slong bit = n >> 1;
        for (; j & bit; bit >>= 1)
            j ^= bit;
        j ^= bit;
        if (i < j)
        {
            double t = re[i]; re[i] = re[j]; re[j] = t;
            t = im[i]; im[i] = im[j]; im[j] = t;
        }
    }
    for (len = 2; len <= n; len <<= 1)
    {
        double ang = sign * 2.0 * KD_PI / (double) len;
        slong h = len >> 1;
        for (k = 0; k < h; k++)
        {
            double wr = cos(ang * k), wi = sin(ang * k);
            for (i = k; i < n; i += len)
            {
                double ur = re[i], ui = im[i];
                double vr = re[i + h] * wr - im[i + h] * wi;
                double vi = re[i + h] * wi + im[i + h] * wr;
                re[i] = ur + vr; im[i] = ui + vi;
                re[i + h] = ur - vr; im[i + h] = ui - vi;
            }
        }
    }
}

static void
_kd_fwht_d(double * x, slong n)
{
    slong len, i, k;
    for (len = 1; len < n; len <<= 1)
        for (i = 0; i < n; i += len << 1)
            for (k = i; k < i + len; k++)
            {
                double a = x[k], b = x[k + len];
                x[k] = a + b;
                x[k + len] = a - b;
            }
}

static void
_kd_walsh_line_d(double * x, double * t, slong n, int inv)
{
    slong s, k = _kd_op_log2(n);
    double c = 1.0 / sqrt((double) n);
    if (!inv)
    {
        _kd_fwht_d(x, n);
        for (s = 0; s < n; s++)
            t[s] = x[_kd_op_seq2nat(s, k)] * c;
    }
    else
    {
        for (s = 0; s < n; s++)
            t[_kd_op_seq2nat(s, k)] = x[s];
        _kd_fwht_d(t, n);
        for (s = 0; s < n; s++)
            t[s] *= c;
    }
    memcpy(x, t, n * sizeof(double));
}

/* orthonormal DCT-II (inv: its transpose, DCT-III) of a real line, through
   a length-2n FFT (operators.md §2) */
static void
_kd_dct_line_d(double * x, double * tr, double * ti, slong n, int inv)
{
    slong k;
    double s0 = sqrt(1.0 / n), s1 = sqrt(2.0 / n);
    for (k = 0; k < 2 * n; k++)
        tr[k] = ti[k] = 0.0;
    if (!inv)
    {
        for (k = 0; k < n; k++)
            tr[k] = x[k];
        _kd_fft_d(tr, ti, 2 * n, -1);
        for (k = 0; k < n; k++)
        {
            double th = KD_PI * k / (2.0 * n);
            x[k] = (k == 0 ? s0 : s1) * (cos(th) * tr[k] + sin(th) * ti[k]);
        }
    }
    else
    {
        for (k = 0; k < n; k++)
        {
            double th = KD_PI * k / (2.0 * n), a = (k == 0 ? s0 : s1) * x[k];
            tr[k] = a * cos(th);
            ti[k] = a * sin(th);
        }
        _kd_fft_d(tr, ti, 2 * n, +1);
        for (k = 0; k < n; k++)
            x[k] = tr[k];
    }
}

static void
_kd_dft_line_d(double * re, double * im, slong n, int inv)
{
    slong k;
    double c = 1.0 / sqrt((double) n);
    _kd_fft_d(re, im, n, inv ? +1 : -1);
    for (k = 0; k < n; k++)
    {
        re[k] *= c;
        im[k] *= c;
    }
}

/* one Haar step on the first len entries (inv: its inverse) */
static void
_kd_haar_step_d(double * x, double * t, slong len, int inv)
{
    slong i, h = len / 2;
    const double c = KD_SQRT1_2;
    if (!inv)
        for (i = 0; i < h; i++)
        {
            t[i] = (x[2 * i] + x[2 * i + 1]) * c;
            t[h + i] = (x[2 * i] - x[2 * i + 1]) * c;
        }
    else
        for (i = 0; i < h; i++)
        {
            t[2 * i] = (x[i] + x[h + i]) * c;
            t[2 * i + 1] = (x[i] - x[h + i]) * c;
        }
    memcpy(x, t, len * sizeof(double));
}

/* applies a separable 1-D line transform to a real array (one part) */
static void
_kd_line_d(const kd_op_factor_struct * F, double * x, double * xi, _kd_op_scratch_d * S,
           slong len, int inv, int complex_line)
{
    (void) len;
    switch (F->kind)
    {
        case KD_OP_WALSH: _kd_walsh_line_d(x, S->t_re, F->n, inv); break;
        case KD_OP_DCT: _kd_dct_line_d(x, S->t_re, S->t_im, F->n, inv); break;
        case KD_OP_DFT: if (complex_line) _kd_dft_line_d(x, xi, F->n, inv); break;
        default: break;
    }
}

/* a factor on a complex vector v (length F->cols, or F->rows when adj) */
static void
_kd_factor_d(double * o_re, double * o_im, const kd_op_factor_struct * F,
             const double * v_re, const double * v_im, int adj, int cplx, _kd_op_scratch_d * S)
{
    slong n = F->n, i, j, t, part;
    int inv = F->inverse ^ adj;
    if (F->kind == KD_OP_SUBSAMPLE)
    {
        if (!adj)
            for (i = 0; i < F->rows; i++)
            {
                o_re[i] = v_re[F->omega[i]];
                o_im[i] = v_im[F->omega[i]];
            }
        else
        {
            memset(o_re, 0, F->cols * sizeof(double));
            memset(o_im, 0, F->cols * sizeof(double));
            for (i = 0; i < F->rows; i++)
            {
                o_re[F->omega[i]] = v_re[i];
                o_im[F->omega[i]] = v_im[i];
            }
        }
        return;
    }
    memcpy(o_re, v_re, F->cols * sizeof(double));
    memcpy(o_im, v_im, F->cols * sizeof(double));
    if (F->kind == KD_OP_HAAR)
    {
        slong r = F->levels;
        for (part = 0; part < 1 + cplx; part++)
        {
            double * x = part ? o_im : o_re;
            for (t = 0; t < r; t++)
            {
                slong tt = inv ? r - 1 - t : t, len = n >> tt;
                if (F->dim == 1)
                {
                    _kd_haar_step_d(x, S->t_re, len, inv);
                    continue;
                }
                /* 2-D: rows then columns (inverse: columns then rows) */
                for (int pass = 0; pass < 2; pass++)
                {
                    int cols = (pass == 0) == (inv != 0);
                    for (i = 0; i < len; i++)
                    {
                        if (!cols)
                            _kd_haar_step_d(x + i * n, S->t_re, len, inv);
                        else
                        {
                            for (j = 0; j < len; j++)
                                S->re[j] = x[j * n + i];
                            _kd_haar_step_d(S->re, S->t_re, len, inv);
                            for (j = 0; j < len; j++)
                                x[j * n + i] = S->re[j];
                        }
                    }
                }
            }
        }
        return;
    }
    /* separable transforms: along rows (each line), then along columns */
    for (int axis = 0; axis < F->dim; axis++)
    {
        slong lines = (F->dim == 1) ? 1 : n, stride = (F->dim == 1 || axis == 0) ? 1 : n;
        slong step = (F->dim == 1) ? 0 : (axis == 0 ? n : 1);
        for (i = 0; i < lines; i++)
        {
            double * xr = o_re + i * step, * xi = o_im + i * step;
            for (j = 0; j < n; j++)
            {
                S->re[j] = xr[j * stride];
                S->im[j] = xi[j * stride];
            }
            if (F->kind == KD_OP_DFT)
                _kd_line_d(F, S->re, S->im, S, n, inv, 1);
            else
            {
                _kd_line_d(F, S->re, NULL, S, n, inv, 0);
                if (cplx)
                    _kd_line_d(F, S->im, NULL, S, n, inv, 0);
            }
            for (j = 0; j < n; j++)
            {
                xr[j * stride] = S->re[j];
                xi[j * stride] = S->im[j];
            }
        }
    }
}

void
kd_op_ws_init(kd_op_ws_t W)
{
    W->buf = NULL;
    W->alloc = 0;
}

void
kd_op_ws_clear(kd_op_ws_t W)
{
    flint_free(W->buf);
    W->buf = NULL;
    W->alloc = 0;
}

double *
_kd_op_ws_get(kd_op_ws_t W, slong n)
{
    if (n > W->alloc)
    {
        /* no realloc: the old contents are not needed */
        flint_free(W->buf);
        W->buf = flint_malloc(n * sizeof(double));
        W->alloc = n;
    }
    return W->buf;
}

void
kd_op_apply_d_ws(double * y_re, double * y_im, const kd_op_t A, const double * x_re,
                 const double * x_im, int adjoint, kd_op_ws_t W)
{
    slong i, maxd = FLINT_MAX(A->nrows, A->ncols), nmax = 2;
    double * a_re, * a_im, * b_re, * b_im, * t;
    _kd_op_scratch_d S;
    int cplx = A->is_complex || x_im != NULL;
    for (i = 0; i < A->nf; i++)
    {
        maxd = FLINT_MAX(maxd, FLINT_MAX(A->f[i].rows, A->f[i].cols));
        nmax = FLINT_MAX(nmax, A->f[i].n);
    }
    /* every entry below is written before it is read (the factors write
       their whole output, the line buffers their whole line), except the
       imaginary part of a real input, zeroed here */
    a_re = _kd_op_ws_get(W, 4 * maxd + 8 * nmax);
    a_im = a_re + maxd;
    b_re = a_im + maxd;
    b_im = b_re + maxd;
    S.re = b_im + maxd;
    S.im = S.re + 2 * nmax;
    S.t_re = S.im + 2 * nmax;
    S.t_im = S.t_re + 2 * nmax;
    {
        slong len = adjoint ? A->nrows : A->ncols;
        memcpy(a_re, x_re, len * sizeof(double));
        if (x_im != NULL)
            memcpy(a_im, x_im, len * sizeof(double));
        else
            memset(a_im, 0, len * sizeof(double));
    }
    for (i = 0; i < A->nf; i++)
    {
        /* forward: the last factor acts first */
        const kd_op_factor_struct * F = A->f + (adjoint ? i : A->nf - 1 - i);
        _kd_factor_d(b_re, b_im, F, a_re, a_im, adjoint, cplx, &S);
        t = a_re; a_re = b_re; b_re = t;
        t = a_im; a_im = b_im; b_im = t;
    }
    {
        slong len = adjoint ? A->ncols : A->nrows;
        memcpy(y_re, a_re, len * sizeof(double));
        if (y_im != NULL)
            memcpy(y_im, a_im, len * sizeof(double));
    }
}

void
kd_op_apply_d(double * y_re, double * y_im, const kd_op_t A, const double * x_re,
              const double * x_im, int adjoint)
{
    kd_op_ws_t W;
    kd_op_ws_init(W);
    kd_op_apply_d_ws(y_re, y_im, A, x_re, x_im, adjoint, W);
    kd_op_ws_clear(W);
}
