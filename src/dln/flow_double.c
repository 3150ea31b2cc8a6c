/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The IEEE double instance of the flow integrators (flow_impl.h). */
#include <float.h>
#include <math.h>
#include "internal.h"

/* binary64 without fused multiply-adds, as in src/iter/backend_double.c */
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
typedef double * kd_dln_sv_d;
#define SV kd_dln_sv_d
#define SV_ALLOC(v, n) ((v) = (double *) flint_calloc((n) > 0 ? (n) : 1, sizeof(double)))
#define SV_FREE(v, n) ((void) (n), flint_free(v))
#define E(v, i) ((v)[i])
#define S_SET(r, a) ((r) = (a))
#define S_ADD(r, a, b) ((r) = (a) + (b))
#define S_SUB(r, a, b) ((r) = (a) - (b))
#define S_MUL(r, a, b) ((r) = (a) * (b))
#define S_MUL_SI(r, a, k) ((r) = (a) * (double) (k))
#define S_DIV_SI(r, a, k) ((r) = (a) / (double) (k))
#define S_IS_FINITE(a) isfinite(a)
#define S_LOAD_D(r, d) ((r) = (d))
#define S_LOAD_Q(r, q) ((r) = _kd_dln_fmpq_get_d(q))
#define S_STORE_Q(q, a) _kd_dln_fmpq_set_d((q), (a))

#include "flow_impl.h"

kd_status
_kd_dln_flow_d(fmpq_mat_t x, slong * steps, const fmpq_mat_t A, const fmpq_mat_t y, slong D,
               const fmpq_t alpha, const kd_dln_flow_opts_struct * o, fmpq_mat_struct * H)
{
    return flow_d(x, steps, A, y, D, alpha, o, 53, H);
}
