/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Shared helpers of the operator module. */
#ifndef KD_OP_INTERNAL_H
#define KD_OP_INTERNAL_H

#include "kdigits/op.h"

/* 1/sqrt(2) as the double the compiler makes of this literal (the nearest
   or an adjacent double): the Haar constant of the double path, whose
   actual error gap.c measures in balls (operators.md §5b) */
#define KD_SQRT1_2 0.707106781186547524400844362104849039

/* W's buffer with room for n doubles (contents undefined) */
double * _kd_op_ws_get(kd_op_ws_t W, slong n);

/* ceil(log2 n) */
slong _kd_op_log2(slong n);

/* the natural (Hadamard) index of sequency s among n = 2^k: bitrev(gray(s)) */
static inline slong
_kd_op_seq2nat(slong s, slong k)
{
    slong g = s ^ (s >> 1), r = 0, i;
    for (i = 0; i < k; i++)
        r |= ((g >> i) & 1) << (k - 1 - i);
    return r;
}

#endif
