/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The MPFR instance of the flow integrators (flow_impl.h), at any precision. */
#include <math.h>
#include <mpfr.h>
#include "internal.h"
#include "../iter/internal.h"     /* _kd_iter_mpfr_vec_init/clear */

#define KD_T(name) name##_mpfr
#define S_DECL(x) mpfr_t x
#define S_INIT(x) (mpfr_init2((x), _prec), mpfr_set_zero((x), 1))
#define S_CLEAR(x) mpfr_clear(x)
#define SV mpfr_ptr
#define SV_ALLOC(v, n) ((v) = _kd_iter_mpfr_vec_init((n) > 0 ? (n) : 1, _prec))
#define SV_FREE(v, n) _kd_iter_mpfr_vec_clear((v), (n) > 0 ? (n) : 1)
#define E(v, i) ((v) + (i))
#define S_SET(r, a) mpfr_set((r), (a), MPFR_RNDN)
#define S_ADD(r, a, b) mpfr_add((r), (a), (b), MPFR_RNDN)
#define S_SUB(r, a, b) mpfr_sub((r), (a), (b), MPFR_RNDN)
#define S_MUL(r, a, b) mpfr_mul((r), (a), (b), MPFR_RNDN)
#define S_MUL_SI(r, a, k) mpfr_mul_si((r), (a), (k), MPFR_RNDN)
#define S_DIV_SI(r, a, k) mpfr_div_si((r), (a), (k), MPFR_RNDN)
#define S_IS_FINITE(a) mpfr_number_p(a)
#define S_LOAD_D(r, d) mpfr_set_d((r), (d), MPFR_RNDN)
#define S_LOAD_Q(r, q) fmpq_get_mpfr((r), (q), MPFR_RNDN)
#define S_STORE_Q(q, a) _kd_dln_fmpq_set_mpfr((q), (a))

#include "flow_impl.h"

kd_status
_kd_dln_flow_mpfr(fmpq_mat_t x, slong * steps, const fmpq_mat_t A, const fmpq_mat_t y, slong D,
                  const fmpq_t alpha, const kd_dln_flow_opts_struct * o, fmpq_mat_struct * H)
{
    return flow_mpfr(x, steps, A, y, D, alpha, o, o->prec, H);
}
