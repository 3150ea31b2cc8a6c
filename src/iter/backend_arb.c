/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The Arb instance of the solver template (impl.h): vectors are arb
   arrays whose radii stay 0, every scalar operation acts on the midpoints
   (arf) rounded to nearest at the working precision, and the dense
   products are exact digit sums rounded once (kdot.h; for complex data
   the real and imaginary parts' two sums together) up to about 180 bits,
   else arb_approx_dot, one call per row or column, so that the inner
   loops never make per-entry MPFR calls. Nothing here is certified (as
   for the other backends). */
#include "internal.h"
#include "kdot.h"
#include "kdigits/op.h"

#define KD_T(name) name##_arb_impl

/* the working precision of the running job: not every template function
   has _prec in scope (MPFR's precision lives in its variables) */
static _Thread_local slong _kd_arb_wp;
kd_status _kd_iter_run_arb_impl(_kd_iter_out_struct * out, const _kd_iter_job_struct * job);

#define M(x) arb_midref(x)

static inline int
_kd_arf_lt(const arf_t a, const arf_t b)
{
    return !arf_is_nan(a) && !arf_is_nan(b) && arf_cmp(a, b) < 0;
}

static inline int
_kd_arf_le(const arf_t a, const arf_t b)
{
    return !arf_is_nan(a) && !arf_is_nan(b) && arf_cmp(a, b) <= 0;
}

static inline int
_kd_arf_eq(const arf_t a, const arf_t b)
{
    return !arf_is_nan(a) && !arf_is_nan(b) && arf_cmp(a, b) == 0;
}

/* o = A x (adj: A^* x) with the operator: the ball transform at the
   working precision, midpoints rounded to nearest */
static void
_kd_op_apply_arbvec(arb_ptr o_re, arb_ptr o_im, const struct kd_op_struct * op, arb_srcptr x_re,
                    arb_srcptr x_im, int adj, slong prec)
{
    slong i, lin = adj ? op->nrows : op->ncols, lout = adj ? op->ncols : op->nrows;
    acb_ptr x = _acb_vec_init(lin), y = _acb_vec_init(lout);
    for (i = 0; i < lin; i++)
    {
        arf_set(arb_midref(acb_realref(x + i)), arb_midref(x_re + i));
        if (x_im != NULL)
            arf_set(arb_midref(acb_imagref(x + i)), arb_midref(x_im + i));
    }
    kd_op_apply_acb(y, op, x, adj, prec + 8);
    for (i = 0; i < lout; i++)
    {
        arf_set_round(arb_midref(o_re + i), arb_midref(acb_realref(y + i)), prec, ARF_RND_NEAR);
        if (o_im != NULL)
            arf_set_round(arb_midref(o_im + i), arb_midref(acb_imagref(y + i)), prec, ARF_RND_NEAR);
    }
    _acb_vec_clear(x, lin);
    _acb_vec_clear(y, lout);
}

#define S_DECL(x) arb_t x
#define S_INIT(x) arb_init(x)
#define S_CLEAR(x) arb_clear(x)
#define SV arb_ptr
#define SV_ALLOC(v, n) ((v) = _arb_vec_init((n) > 0 ? (n) : 1))
#define SV_FREE(v, n) do { if ((v) != NULL) _arb_vec_clear((v), (n) > 0 ? (n) : 1); } while (0)
#define SV_SWAP(a, b) do { arb_ptr _t = (a); (a) = (b); (b) = _t; } while (0)
#define S_LOCAL(x, src) arb_ptr x = (src)
#define S_LOCAL_COPY(x, src) arb_srcptr x = (src)
#define S_LOCAL_STORE(dst, x) ((void) (dst), (void) (x))
#define S_LOCAL_SET(x, src) ((x) = (src))
#define E(v, i) ((v) + (i))

#define S_SET(r, a) arf_set_round(M(r), M(a), _kd_arb_wp, ARF_RND_NEAR)
#define S_ZERO(r) arf_zero(M(r))
#define S_SET_SI(r, k) arf_set_round_si(M(r), (k), _kd_arb_wp, ARF_RND_NEAR)
#define S_ADD(r, a, b) arf_add(M(r), M(a), M(b), _kd_arb_wp, ARF_RND_NEAR)
#define S_SUB(r, a, b) arf_sub(M(r), M(a), M(b), _kd_arb_wp, ARF_RND_NEAR)
#define S_MUL(r, a, b) arf_mul(M(r), M(a), M(b), _kd_arb_wp, ARF_RND_NEAR)
#define S_DIV(r, a, b) arf_div(M(r), M(a), M(b), _kd_arb_wp, ARF_RND_NEAR)
#define S_SQRT(r, a) arf_sqrt(M(r), M(a), _kd_arb_wp, ARF_RND_NEAR)
#define S_NEG(r, a) arf_neg(M(r), M(a))
#define S_ABS(r, a) arf_abs(M(r), M(a))
#define S_MUL2(r, a) arf_mul_2exp_si(M(r), M(a), 1)
#define S_HALF(r, a) arf_mul_2exp_si(M(r), M(a), -1)
#define S_LT(a, b) _kd_arf_lt(M(a), M(b))
#define S_LE(a, b) _kd_arf_le(M(a), M(b))
#define S_GT(a, b) _kd_arf_lt(M(b), M(a))
#define S_EQ(a, b) _kd_arf_eq(M(a), M(b))
#define S_IS_ZERO(a) arf_is_zero(M(a))
#define S_IS_FINITE(a) arf_is_finite(M(a))
#define S_LOAD(r, src) arf_set_mpfr(M(r), (src))
#define S_STORE(dst, a) arf_get_mpfr((dst), M(a), MPFR_RNDN)
#define S_GET_D(a) arf_get_d(M(a), ARF_RND_NEAR)

#define DOT_ROWS 1
#define DOT(r, sub, a, b, n) arb_approx_dot((r), NULL, (sub), (a), 1, (b), 1, (n), _kd_arb_wp)
#define DOT_ACC(r, sub, a, b, n) arb_approx_dot((r), (r), (sub), (a), 1, (b), 1, (n), _kd_arb_wp)
/* exact digit products up to ~180 bits (kdot.h) */
#define DOT_MAT _kd_kdot_mat_t
#define DOT_MAT_INIT(M, a, rows, len) \
    _kd_kdot_mat_init((M), (a), (rows), (len), _kd_kdot_ndigits(_kd_arb_wp, (len)))
#define DOT_MAT_CLEAR(M) _kd_kdot_mat_clear(M)
#define DOT_MAT_VEC(o, M, a, x, M2, a2, x2, sub) \
    _kd_kdot_mat_vec2((o), (M), (a), (x), (M2), (a2), (x2), (sub), _kd_arb_wp)

#define OP_APPLY(c, o_re, o_im, x_re, x_im, adj) \
    _kd_op_apply_arbvec((o_re), (c)->cplx ? (o_im) : NULL, (c)->op, (x_re), \
                        (c)->cplx ? (x_im) : NULL, (adj), (c)->_prec)

#include "impl.h"

kd_status
_kd_iter_run_arb(_kd_iter_out_struct * out, const _kd_iter_job_struct * job)
{
    _kd_arb_wp = job->prec;
    return _kd_iter_run_arb_impl(out, job);
}
