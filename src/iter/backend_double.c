/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The IEEE double instance of the solver template (impl.h): every scalar
   operation expands to one hardware operation on plain doubles, with no
   calls, allocation or indirection inside the loops. */
#include <float.h>
#include <math.h>
#include "internal.h"
#include "kdigits/op.h"

/* The template relies on binary64 evaluation without contraction into fused
   multiply-adds: C11's strict mode (-std=c11, as configure sets) gives
   -ffp-contract=off in GCC; the pragmas keep it so in GNU modes and with
   clang. x86-64 evaluates in SSE2 (FLT_EVAL_METHOD 0). */
#if defined(__clang__)
#pragma clang fp contract(off)
#elif defined(__GNUC__) && !defined(__STRICT_ANSI__)
#pragma GCC optimize("fp-contract=off")
#endif
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD != 0
#error "the double backend needs FLT_EVAL_METHOD == 0 (no extended precision)"
#endif

#define KD_T(name) name##_d

#define S_DECL(x) double x
#define S_INIT(x) ((x) = 0.0)
#define S_CLEAR(x) ((void) 0)
typedef double * kd_sv_d;
#define SV kd_sv_d
#define SV_ALLOC(v, n) ((v) = (double *) flint_calloc((n) > 0 ? (n) : 1, sizeof(double)))
#define SV_FREE(v, n) ((void) (n), flint_free(v))
#define SV_SWAP(a, b) do { double * _t = (a); (a) = (b); (b) = _t; } while (0)
#define S_LOCAL(x, src) double x
#define S_LOCAL_COPY(x, src) double x = (src)
#define S_LOCAL_STORE(dst, x) ((dst) = (x))
#define S_LOCAL_SET(x, src) ((x) = (src))
#define E(v, i) ((v)[i])

#define S_SET(r, a) ((r) = (a))
#define S_ZERO(r) ((r) = 0.0)
#define S_SET_SI(r, k) ((r) = (double) (k))
#define S_ADD(r, a, b) ((r) = (a) + (b))
#define S_SUB(r, a, b) ((r) = (a) - (b))
#define S_MUL(r, a, b) ((r) = (a) * (b))
#define S_DIV(r, a, b) ((r) = (a) / (b))
#define S_SQRT(r, a) ((r) = sqrt(a))
#define S_NEG(r, a) ((r) = -(a))
#define S_ABS(r, a) ((r) = fabs(a))
#define S_MUL2(r, a) ((r) = 2.0 * (a))
#define S_HALF(r, a) ((r) = 0.5 * (a))
#define S_LT(a, b) ((a) < (b))
#define S_LE(a, b) ((a) <= (b))
#define S_GT(a, b) ((a) > (b))
#define S_EQ(a, b) ((a) == (b))
#define S_IS_ZERO(a) ((a) == 0.0)
#define S_IS_FINITE(a) isfinite(a)
#define S_LOAD(r, src) ((r) = mpfr_get_d((src), MPFR_RNDN))
#define S_STORE(dst, a) mpfr_set_d((dst), (a), MPFR_RNDN)
#define S_GET_D(a) (a)

#define OP_APPLY(c, o_re, o_im, x_re, x_im, adj) \
    kd_op_apply_d_ws((o_re), (c)->cplx ? (o_im) : NULL, (c)->op, (x_re), \
                     (c)->cplx ? (x_im) : NULL, (adj), &(c)->op_ws)

#include "impl.h"
