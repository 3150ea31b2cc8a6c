/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Certified duality gaps of P1/P2/P3 on matrix-free operators: a
   dual-feasible point scaled from the residual, everything in ball
   arithmetic (proofs-notes/operators.md §5). */
#include <math.h>
#include "internal.h"

static kd_status
_kd_check_vec(const fmpq_mat_struct * v, slong n, const char * name)
{
    if (v != NULL && (fmpq_mat_nrows(v) != n || fmpq_mat_ncols(v) != 1))
        return kd_error_set(KD_ERR_SIZE, "%s is %ld x %ld, expected %ld x 1", name,
                            (long) fmpq_mat_nrows(v), (long) fmpq_mat_ncols(v), (long) n);
    return KD_OK;
}

static void
_kd_load(acb_ptr v, const fmpq_mat_t re, const fmpq_mat_struct * im, slong n, slong prec)
{
    slong i;
    for (i = 0; i < n; i++)
    {
        arb_set_fmpq(acb_realref(v + i), fmpq_mat_entry(re, i, 0), prec);
        if (im != NULL)
            arb_set_fmpq(acb_imagref(v + i), fmpq_mat_entry(im, i, 0), prec);
        else
            arb_zero(acb_imagref(v + i));
    }
}

/* D = a ball containing D(t z0) for a proved-feasible t z0 (t >= 0 chosen
   from the midpoints, operators.md §5); z0 exact */
static void
_kd_dual_value(arb_t D, kd_op_problem P, const kd_op_t A, acb_srcptr z0, acb_srcptr y,
               arb_srcptr w, const arb_t lam, slong prec)
{
    slong m = A->nrows, N = A->ncols, i;
    acb_ptr g = _acb_vec_init(N);
    arb_t t1, t2, a, b, wi;
    arf_t s, u, t;
    double tt;
    arb_init(t1); arb_init(t2); arb_init(a); arb_init(b); arb_init(wi);
    arf_init(s); arf_init(u); arf_init(t);
    /* g = A^* z0; s = the largest scaling proved feasible:
       s <= min_i lambda w_i / |g_i| (P1: w_i), and (P3) s <= 1/||z0|| */
    kd_op_apply_acb(g, A, z0, 1, prec);
    arf_pos_inf(s);
    for (i = 0; i < N; i++)
    {
        acb_abs(t1, g + i, prec);
        arb_get_ubound_arf(u, t1, prec);
        if (arf_is_zero(u))
            continue;
        if (w != NULL)
            arb_set(wi, w + i);
        else
            arb_one(wi);
        if (P != KD_OP_P1)
            arb_mul(wi, wi, lam, prec);
        arb_get_lbound_arf(t, wi, prec);
        arf_div(t, t, u, prec, ARF_RND_DOWN);
        arf_min(s, s, t);
    }
    for (i = 0; i < m; i++)
    {
        /* a = Re <z0, y>, b = ||z0||^2 */
        arb_addmul(a, acb_realref(z0 + i), acb_realref(y + i), prec);
        arb_addmul(a, acb_imagref(z0 + i), acb_imagref(y + i), prec);
        arb_addmul(b, acb_realref(z0 + i), acb_realref(z0 + i), prec);
        arb_addmul(b, acb_imagref(z0 + i), acb_imagref(z0 + i), prec);
    }
    if (P == KD_OP_P3 && !arb_is_zero(b))
    {
        arb_sqrtpos(t1, b, prec);
        arb_get_ubound_arf(u, t1, prec);
        arf_ui_div(t, 1, u, prec, ARF_RND_DOWN);
        arf_min(s, s, t);
    }
    /* t in [0, s]: the best multiple by the (uncertified) midpoints */
    {
        double ad = arf_get_d(arb_midref(a), ARF_RND_NEAR), bd = arf_get_d(arb_midref(b), ARF_RND_NEAR);
        double sd = arf_is_finite(s) ? arf_get_d(s, ARF_RND_DOWN) : 1e300;
        if (P == KD_OP_P2)
            tt = (bd > 0.0) ? -2.0 * ad / bd : 0.0;
        else if (P == KD_OP_P3)
            tt = (ad < 0.0) ? sd : 0.0;
        else
        {
            arb_sqrtpos(t1, b, prec);
            tt = (-ad - arf_get_d(arb_midref(lam), ARF_RND_NEAR)
                  * arf_get_d(arb_midref(t1), ARF_RND_NEAR) > 0.0) ? sd : 0.0;
        }
        if (!(tt > 0.0) || !(tt < 1e300))
            tt = 0.0;
        arf_set_d(t, tt);
        arf_set_round(t, t, 60, ARF_RND_DOWN);
        if (arf_is_finite(s))
            arf_min(t, t, s);
        else if (P != KD_OP_P2)
            arf_zero(t);        /* g = 0 and an unbounded scaling: keep z = 0 */
    }
    /* D(t z0): P2 -t a - t^2 b/4; P3 -t a; P1 -t a - eta t ||z0|| */
    arb_set_arf(t2, t);
    arb_mul(D, t2, a, prec);
    arb_neg(D, D);
    if (P == KD_OP_P2)
    {
        arb_mul(t1, t2, t2, prec);
        arb_mul(t1, t1, b, prec);
        arb_mul_2exp_si(t1, t1, -2);
        arb_sub(D, D, t1, prec);
    }
    else if (P == KD_OP_P1)
    {
        arb_sqrtpos(t1, b, prec);
        arb_mul(t1, t1, t2, prec);
        arb_mul(t1, t1, lam, prec);
        arb_sub(D, D, t1, prec);
    }
    _acb_vec_clear(g, N);
    arb_clear(t1); arb_clear(t2); arb_clear(a); arb_clear(b); arb_clear(wi);
    arf_clear(s); arf_clear(u); arf_clear(t);
}

/* The gap of operators.md §5 at the exact point x (balls of radius 0 or
   not: F then contains F at every point of the balls, and the bound
   holds for the worst), data y, weights w (NULL: 1), dual candidate z
   (NULL: none). */
static kd_status
_kd_op_gap_core(arf_t gap, arb_t F, kd_op_problem P, const kd_op_t A, acb_srcptr x,
                acb_srcptr y, acb_srcptr z, arb_srcptr w, const arb_t lam, slong prec)
{
    slong m = A->nrows, N = A->ncols, i, cand;
    acb_ptr r, z0, sg;
    arb_t t1, nr, D, Dc;
    arf_t lo, lc;
    kd_status st;

    sg = _acb_vec_init(N);
    r = _acb_vec_init(m);
    z0 = _acb_vec_init(m);
    arb_init(t1); arb_init(nr); arb_init(D); arb_init(Dc);
    arf_init(lo); arf_init(lc);

    /* r = A x - y */
    kd_op_apply_acb(r, A, x, 0, prec);
    _acb_vec_sub(r, r, y, m, prec);
    arb_zero(nr);
    for (i = 0; i < m; i++)
    {
        acb_abs(t1, r + i, prec);
        arb_addmul(nr, t1, t1, prec);
    }
    /* F: ||x||_{1,w} */
    arb_zero(F);
    for (i = 0; i < N; i++)
    {
        acb_abs(t1, x + i, prec);
        if (w != NULL)
            arb_mul(t1, t1, w + i, prec);
        arb_add(F, F, t1, prec);
    }
    if (P == KD_OP_P1)
    {
        arb_sqrtpos(t1, nr, prec);
        if (!arb_le(t1, lam))
        {
            st = kd_error_set(KD_ERR_UNDECIDED, "the point is not proved feasible "
                              "(||Ax - y|| <= eta not shown)");
            goto cleanup;
        }
    }
    else
    {
        arb_mul(F, F, lam, prec);
        if (P == KD_OP_P2)
            arb_add(F, F, nr, prec);
        else
        {
            arb_sqrtpos(t1, nr, prec);
            arb_add(F, F, t1, prec);
        }
    }
    /* candidate directions (exact, 53-bit midpoints): 0 the residual,
       1 -A(w sgn x) (the dual optimum when A A^* = I and the residual
       vanishes, e.g. P3/P1 interpolating), 2 -y, 3 the given z; D = the
       best proved value */
    arb_zero(D);
    arf_zero(lo);               /* z = 0 is feasible with D(0) = 0 */
    for (cand = 0; cand < (z != NULL ? 4 : 3); cand++)
    {
        if (cand == 1)
        {
            for (i = 0; i < N; i++)
            {
                double re = arf_get_d(arb_midref(acb_realref(x + i)), ARF_RND_NEAR);
                double im = arf_get_d(arb_midref(acb_imagref(x + i)), ARF_RND_NEAR);
                double ab = sqrt(re * re + im * im);
                double wd = (w != NULL) ? arf_get_d(arb_midref(w + i), ARF_RND_NEAR) : 1.0;
                acb_zero(sg + i);
                if (ab > 0.0)
                {
                    arb_set_d(acb_realref(sg + i), -wd * re / ab);
                    arb_set_d(acb_imagref(sg + i), -wd * im / ab);
                }
            }
            kd_op_apply_acb(z0, A, sg, 0, 64);
        }
        for (i = 0; i < m; i++)
        {
            acb_srcptr src = (cand == 0) ? r + i : (cand == 2) ? y + i : (cand == 3) ? z + i : z0 + i;
            arf_set_round(arb_midref(acb_realref(z0 + i)), arb_midref(acb_realref(src)), 53, ARF_RND_NEAR);
            arf_set_round(arb_midref(acb_imagref(z0 + i)), arb_midref(acb_imagref(src)), 53, ARF_RND_NEAR);
            mag_zero(arb_radref(acb_realref(z0 + i)));
            mag_zero(arb_radref(acb_imagref(z0 + i)));
            if (cand == 2)
                acb_neg(z0 + i, z0 + i);
        }
        _kd_dual_value(Dc, P, A, z0, y, w, lam, prec);
        arb_get_lbound_arf(lc, Dc, prec);
        if (arf_cmp(lc, lo) > 0)
        {
            arf_set(lo, lc);
            arb_set(D, Dc);
        }
    }
    arb_sub(t1, F, D, prec);
    arb_get_ubound_arf(gap, t1, prec);
    if (arf_sgn(gap) < 0)
        arf_zero(gap);          /* never: F(x) >= F* >= D */
    st = KD_OK;

cleanup:
    _acb_vec_clear(sg, N);
    _acb_vec_clear(r, m);
    _acb_vec_clear(z0, m);
    arb_clear(t1); arb_clear(nr); arb_clear(D); arb_clear(Dc);
    arf_clear(lo); arf_clear(lc);
    return st;
}

static kd_status
_kd_op_gap_check_param(kd_op_problem P, int param_sgn)
{
    if (P != KD_OP_P1 && P != KD_OP_P2 && P != KD_OP_P3)
        return kd_error_set(KD_ERR_ARG, "unknown problem");
    if (P == KD_OP_P1 ? param_sgn < 0 : param_sgn <= 0)
        return kd_error_set(KD_ERR_ARG, P == KD_OP_P1 ? "eta must be >= 0" : "lambda must be > 0");
    return KD_OK;
}

kd_status
kd_op_gap_ubound_dual(arf_t gap, arb_t F, kd_op_problem P, const kd_op_t A,
                      const fmpq_mat_t x_re, const fmpq_mat_t x_im, const fmpq_mat_t y_re,
                      const fmpq_mat_t y_im, const fmpq_mat_t z_re, const fmpq_mat_t z_im,
                      const fmpq_mat_t w, const fmpq_t param, slong prec)
{
    slong m = A->nrows, N = A->ncols, i;
    acb_ptr x, y, z = NULL;
    arb_ptr wv = NULL;
    arb_t lam;
    kd_status st;

    if ((st = _kd_check_vec(x_re, N, "x")) != KD_OK || (st = _kd_check_vec(x_im, N, "x_im")) != KD_OK
        || (st = _kd_check_vec(y_re, m, "y")) != KD_OK || (st = _kd_check_vec(y_im, m, "y_im")) != KD_OK
        || (st = _kd_check_vec(w, N, "w")) != KD_OK
        || (z_re != NULL && fmpq_mat_nrows(z_re) > 0 && (st = _kd_check_vec(z_re, m, "z")) != KD_OK)
        || (z_re != NULL && z_im != NULL && fmpq_mat_nrows(z_im) > 0
            && (st = _kd_check_vec(z_im, m, "z_im")) != KD_OK))
        return st;
    if (z_re != NULL && fmpq_mat_nrows(z_re) == 0)
        z_re = NULL;            /* an empty dual (non-PD result): not given */
    if ((st = _kd_op_gap_check_param(P, fmpq_sgn(param))) != KD_OK)
        return st;
    if (w != NULL)
        for (i = 0; i < N; i++)
            if (fmpq_sgn(fmpq_mat_entry(w, i, 0)) <= 0)
                return kd_error_set(KD_ERR_ARG, "weight w_%ld is not positive", (long) i);

    x = _acb_vec_init(N);
    y = _acb_vec_init(m);
    arb_init(lam);
    _kd_load(x, x_re, x_im, N, prec);
    _kd_load(y, y_re, y_im, m, prec);
    if (z_re != NULL)
    {
        z = _acb_vec_init(m);
        _kd_load(z, z_re, (z_im != NULL && fmpq_mat_nrows(z_im) > 0) ? z_im : NULL, m, 64);
    }
    if (w != NULL)
    {
        wv = _arb_vec_init(N);
        for (i = 0; i < N; i++)
            arb_set_fmpq(wv + i, fmpq_mat_entry(w, i, 0), prec);
    }
    arb_set_fmpq(lam, param, prec);
    st = _kd_op_gap_core(gap, F, P, A, x, y, z, wv, lam, prec);
    _acb_vec_clear(x, N);
    _acb_vec_clear(y, m);
    if (z != NULL)
        _acb_vec_clear(z, m);
    if (wv != NULL)
        _arb_vec_clear(wv, N);
    arb_clear(lam);
    return st;
}

/* v = the exact values of the doubles re + i im (im may be NULL) */
static int
_kd_load_d(acb_ptr v, const double * re, const double * im, slong n)
{
    slong i;
    for (i = 0; i < n; i++)
    {
        if (!isfinite(re[i]) || (im != NULL && !isfinite(im[i])))
            return 0;
        arb_set_d(acb_realref(v + i), re[i]);
        if (im != NULL)
            arb_set_d(acb_imagref(v + i), im[i]);
        else
            arb_zero(acb_imagref(v + i));
    }
    return 1;
}

kd_status
kd_op_gap_ubound_d(arf_t gap, arb_t F, kd_op_problem P, const kd_op_t A, const double * x_re,
                   const double * x_im, const double * y_re, const double * y_im,
                   const double * z_re, const double * z_im, const double * w,
                   const fmpq_t param, slong prec)
{
    slong m = A->nrows, N = A->ncols, i;
    acb_ptr x, y, z = NULL;
    arb_ptr wv = NULL;
    arb_t lam;
    kd_status st;

    if ((st = _kd_op_gap_check_param(P, fmpq_sgn(param))) != KD_OK)
        return st;
    for (i = 0; w != NULL && i < N; i++)
        if (!(w[i] > 0.0) || !isfinite(w[i]))
            return kd_error_set(KD_ERR_ARG, "weight w_%ld is not a positive number", (long) i);
    x = _acb_vec_init(N);
    y = _acb_vec_init(m);
    if (z_re != NULL)
        z = _acb_vec_init(m);
    if (w != NULL)
    {
        wv = _arb_vec_init(N);
        for (i = 0; i < N; i++)
            arb_set_d(wv + i, w[i]);
    }
    arb_init(lam);
    arb_set_fmpq(lam, param, prec);
    if (!_kd_load_d(x, x_re, x_im, N) || !_kd_load_d(y, y_re, y_im, m)
        || (z != NULL && !_kd_load_d(z, z_re, z_im, m)))
        st = kd_error_set(KD_ERR_ARG, "x, y or z has an Inf or NaN");
    else
        st = _kd_op_gap_core(gap, F, P, A, x, y, z, wv, lam, prec);
    _acb_vec_clear(x, N);
    _acb_vec_clear(y, m);
    if (z != NULL)
        _acb_vec_clear(z, m);
    if (wv != NULL)
        _arb_vec_clear(wv, N);
    arb_clear(lam);
    return st;
}

kd_status
kd_op_gap_ubound(arf_t gap, arb_t F, kd_op_problem P, const kd_op_t A, const fmpq_mat_t x_re,
                 const fmpq_mat_t x_im, const fmpq_mat_t y_re, const fmpq_mat_t y_im,
                 const fmpq_mat_t w, const fmpq_t param, slong prec)
{
    return kd_op_gap_ubound_dual(gap, F, P, A, x_re, x_im, y_re, y_im, NULL, NULL, w, param, prec);
}
