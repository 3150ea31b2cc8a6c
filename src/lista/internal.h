/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Private kernels of the LISTA module (Gregor-LeCun 2010): the per-sample
   forward pass that keeps what backpropagation needs, the per-sample
   backward pass, the seeded generator and data checks. */
#ifndef KD_LISTA_INTERNAL_H
#define KD_LISTA_INTERNAL_H

#include <stdint.h>
#include <string.h>
#include "kdigits/lista.h"

/* y[j] = y[j] + a x[j] for j < n, each entry one IEEE multiply then one
   add, rounded to nearest (no fused multiply-add: -ffp-contract=off under
   -std=c11, and the vector operations below are lane-wise mulpd/addpd, the
   same two roundings per entry as the scalar loop). y and x do not
   overlap. Two lanes at a time where GCC's vector extension exists, which
   keeps every entry's result bit for bit the scalar one. */
static inline void
_kd_lista_axpy(double * y, double a, const double * x, slong n)
{
    slong j = 0;
#if defined(__GNUC__) && !defined(__clang__)
    typedef double v2d __attribute__((vector_size(16)));
    const v2d av = {a, a};
    for (; j + 2 <= n; j += 2)
    {
        v2d xv, yv, p;
        memcpy(&xv, x + j, sizeof xv);
        memcpy(&yv, y + j, sizeof yv);
        p = av * xv;
        yv = yv + p;
        memcpy(y + j, &yv, sizeof yv);
    }
#endif
    for (; j < n; j++)
        y[j] += a * x[j];
}

/* splitmix64 (Steele-Lea-Flood 2014): a fixed, platform-independent
   generator, so shuffles and seeded weights do not depend on FLINT's
   generator (which may change between versions). */
typedef struct
{
    uint64_t s;
}
_kd_lista_rng;

void _kd_lista_rng_init(_kd_lista_rng * g, uint64_t seed);
uint64_t _kd_lista_rng_next(_kd_lista_rng * g);
/* Uniform on {0, ..., n - 1}, n >= 1, without bias (rejection). */
uint64_t _kd_lista_rng_below(_kd_lista_rng * g, uint64_t n);

/* 1 when all n entries are finite. */
int _kd_lista_all_finite(const double * v, slong n);

/* Per-sample buffers: xs = x^0..x^L ((L+1) N), us = u^0..u^{L-1} (L N,
   u^k = x^k + W_k r^k before the threshold), rs = r^0..r^{L-1} (L m,
   r^k = y - B x^k), g and acc (N each), dr (m). */
typedef struct
{
    double * xs;
    double * us;
    double * rs;
    double * g;
    double * acc;
    double * dr;
}
_kd_lista_ws;

kd_status _kd_lista_ws_init(_kd_lista_ws * w, const kd_lista_struct * net);
void _kd_lista_ws_clear(_kd_lista_ws * w);

/* The forward pass for one y (m entries): fills xs, us, rs; the output is
   xs + L N. The order of every sum is fixed (lista.h). */
void _kd_lista_forward(const kd_lista_struct * net, const double * y, _kd_lista_ws * w);

/* Squared error ||x^L - xt||^2 of the pass stored in w (summed over i in
   order), without gradient. */
double _kd_lista_sqerr(const kd_lista_struct * net, const double * xt, const _kd_lista_ws * w);

/* After _kd_lista_forward(net, y, w): returns ||x^L - xt||^2 and adds the
   gradient of that squared error to gW (L N m) and to gth (L): note gth
   receives d/dtheta_k, not d/dt_k (the caller multiplies by sign(t_k)). */
double _kd_lista_backward(double * gW, double * gth, const kd_lista_struct * net,
                          const double * xt, _kd_lista_ws * w);

#endif
