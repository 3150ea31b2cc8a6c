/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The MPFR instance of the solver template (impl.h): every scalar is an
   mpfr_t of the working precision and every operation is rounded to
   nearest (MPFR_RNDN), which at 53 bits is IEEE double's rounding. */
#include "internal.h"

#define KD_T(name) name##_mpfr

#define S_DECL(x) mpfr_t x
#define S_INIT(x) (mpfr_init2((x), _prec), mpfr_set_zero((x), 1))
#define S_CLEAR(x) mpfr_clear(x)
#define SV mpfr_ptr
#define SV_ALLOC(v, n) ((v) = _kd_iter_mpfr_vec_init((n) > 0 ? (n) : 1, _prec))
#define SV_FREE(v, n) _kd_iter_mpfr_vec_clear((v), (n) > 0 ? (n) : 1)
#define SV_SWAP(a, b) do { mpfr_ptr _t = (a); (a) = (b); (b) = _t; } while (0)
#define S_LOCAL(x, src) mpfr_ptr x = (src)
#define S_LOCAL_COPY(x, src) mpfr_srcptr x = (src)
#define S_LOCAL_STORE(dst, x) ((void) (dst), (void) (x))
#define S_LOCAL_SET(x, src) ((x) = (src))
#define E(v, i) ((v) + (i))

#define S_SET(r, a) mpfr_set((r), (a), MPFR_RNDN)
#define S_ZERO(r) mpfr_set_zero((r), 1)
#define S_SET_SI(r, k) mpfr_set_si((r), (k), MPFR_RNDN)
#define S_ADD(r, a, b) mpfr_add((r), (a), (b), MPFR_RNDN)
#define S_SUB(r, a, b) mpfr_sub((r), (a), (b), MPFR_RNDN)
#define S_MUL(r, a, b) mpfr_mul((r), (a), (b), MPFR_RNDN)
#define S_DIV(r, a, b) mpfr_div((r), (a), (b), MPFR_RNDN)
#define S_SQRT(r, a) mpfr_sqrt((r), (a), MPFR_RNDN)
#define S_NEG(r, a) mpfr_neg((r), (a), MPFR_RNDN)
#define S_ABS(r, a) mpfr_abs((r), (a), MPFR_RNDN)
#define S_MUL2(r, a) mpfr_mul_2ui((r), (a), 1, MPFR_RNDN)
#define S_HALF(r, a) mpfr_div_2ui((r), (a), 1, MPFR_RNDN)
#define S_LT(a, b) mpfr_less_p((a), (b))
#define S_LE(a, b) mpfr_lessequal_p((a), (b))
#define S_GT(a, b) mpfr_greater_p((a), (b))
#define S_EQ(a, b) mpfr_equal_p((a), (b))
#define S_IS_ZERO(a) mpfr_zero_p(a)
#define S_IS_FINITE(a) mpfr_number_p(a)
#define S_LOAD(r, src) mpfr_set((r), (src), MPFR_RNDN)
#define S_STORE(dst, a) mpfr_set((dst), (a), MPFR_RNDN)
#define S_GET_D(a) mpfr_get_d((a), MPFR_RNDN)

#define OP_APPLY(c, o_re, o_im, x_re, x_im, adj) \
    _kd_iter_op_apply_mpfr((o_re), (c)->cplx ? (o_im) : NULL, (c)->op, (x_re), \
                           (c)->cplx ? (x_im) : NULL, (adj), (c)->_prec)

#include "impl.h"
