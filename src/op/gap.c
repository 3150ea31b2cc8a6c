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
   from the midpoints, operators.md §5); z0 exact. gabs: balls containing
   |(A^* z0)_i| (the fast path, §5b), or NULL: A^* z0 in balls here. */
static void
_kd_dual_value(arb_t D, kd_op_problem P, const kd_op_t A, acb_srcptr z0, acb_srcptr y,
               arb_srcptr w, const arb_t lam, arb_srcptr gabs, slong prec)
{
    slong m = A->nrows, N = A->ncols, i;
    acb_ptr g = (gabs == NULL) ? _acb_vec_init(N) : NULL;
    arb_t t1, t2, a, b, wi;
    arf_t s, u, t;
    double tt;
    arb_init(t1); arb_init(t2); arb_init(a); arb_init(b); arb_init(wi);
    arf_init(s); arf_init(u); arf_init(t);
    /* g = A^* z0; s = the largest scaling proved feasible:
       s <= min_i lambda w_i / |g_i| (P1: w_i), and (P3) s <= 1/||z0|| */
    if (gabs == NULL)
        kd_op_apply_acb(g, A, z0, 1, prec);
    arf_pos_inf(s);
    for (i = 0; i < N; i++)
    {
        if (gabs == NULL)
            acb_abs(t1, g + i, prec);
        else
            arb_set(t1, gabs + i);
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
    if (g != NULL)
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
        _kd_dual_value(Dc, P, A, z0, y, w, lam, NULL, prec);
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

static int _kd_op_fast_eps(arf_t eps, const kd_op_t A);
static int _kd_all_finite(const double * v, slong n);
static int _kd_op_gap_fast(kd_status * st, arf_t gap, arb_t F, kd_op_problem P, const kd_op_t A,
                           const double * x, const double * y, const double * z, arb_srcptr w,
                           const arb_t lam, const arf_t eps, slong prec);

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
    arf_t eps;
    int done = 0;
    kd_status st;

    if ((st = _kd_op_gap_check_param(P, fmpq_sgn(param))) != KD_OK)
        return st;
    for (i = 0; w != NULL && i < N; i++)
        if (!(w[i] > 0.0) || !isfinite(w[i]))
            return kd_error_set(KD_ERR_ARG, "weight w_%ld is not a positive number", (long) i);
    if (!_kd_all_finite(x_re, N) || (x_im != NULL && !_kd_all_finite(x_im, N))
        || !_kd_all_finite(y_re, m) || (y_im != NULL && !_kd_all_finite(y_im, m))
        || (z_re != NULL && (!_kd_all_finite(z_re, m) || (z_im != NULL && !_kd_all_finite(z_im, m)))))
        return kd_error_set(KD_ERR_ARG, "x, y or z has an Inf or NaN");
    if (w != NULL)
    {
        wv = _arb_vec_init(N);
        for (i = 0; i < N; i++)
            arb_set_d(wv + i, w[i]);
    }
    arb_init(lam);
    arb_set_fmpq(lam, param, prec);
    arf_init(eps);
    /* real data on a Walsh/Haar operator: the fast path (§5b), which reads
       the doubles themselves */
    if (x_im == NULL && y_im == NULL && z_im == NULL && !A->is_complex && _kd_op_fast_eps(eps, A))
        done = _kd_op_gap_fast(&st, gap, F, P, A, x_re, y_re, z_re, wv, lam, eps, prec);
    if (!done)
    {
        /* the ball transforms on the exact values of the doubles */
        x = _acb_vec_init(N);
        y = _acb_vec_init(m);
        _kd_load_d(x, x_re, x_im, N);
        _kd_load_d(y, y_re, y_im, m);
        if (z_re != NULL)
        {
            z = _acb_vec_init(m);
            _kd_load_d(z, z_re, z_im, m);
        }
        st = _kd_op_gap_core(gap, F, P, A, x, y, z, wv, lam, prec);
        _acb_vec_clear(x, N);
        _acb_vec_clear(y, m);
        if (z != NULL)
            _acb_vec_clear(z, m);
    }
    arf_clear(eps);
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

/* ------------------------------------------------------------------
   The fast path (operators.md §5b): for operators made of Walsh, Haar and
   subsampling factors only, on real data, A x and A^* z are computed by
   kd_op_apply_d in double and enclosed with an a priori bound
   ||fl(A v) - A v||_2 <= eps ||v||_2 + 2^-1000, proved from the code of
   apply_d.c; everything else is in balls as in the core above. */

/* eps for A (and A^*, the same factors), or 0 when some factor is not
   covered (DCT, DFT) */
static int
_kd_op_fast_eps(arf_t eps, const kd_op_t A)
{
    slong i, prec = 128;
    arb_t u, one_u, p, e, c, t, tot;
    int ok = 1;
    arb_init(u); arb_init(one_u); arb_init(p); arb_init(e); arb_init(c); arb_init(t);
    arb_init(tot);
    arb_one(u);
    arb_mul_2exp_si(u, u, -53);
    arb_add_ui(one_u, u, 1, prec);          /* 1 + u */
    arb_one(tot);
    for (i = 0; ok && i < A->nf; i++)
    {
        const kd_op_factor_struct * F = A->f + i;
        slong k = _kd_op_log2(F->n);
        if (F->kind == KD_OP_SUBSAMPLE)
            continue;
        if (F->kind == KD_OP_WALSH)
        {
            /* e_W = |c sqrt(n) - 1| for the code's c = 1.0 / sqrt((double) n) */
            double cd = 1.0 / sqrt((double) F->n);
            arb_sqrt_ui(t, (ulong) F->n, prec);
            arb_set_d(c, cd);
            arb_mul(c, c, t, prec);
            arb_sub_ui(c, c, 1, prec);
            arb_abs(c, c);
            /* line: ((1+u)^k - 1) + (1+u)^k (e_W + u (1 + e_W)) */
            arb_pow_ui(p, one_u, (ulong) k, prec);
            arb_add_ui(t, c, 1, prec);
            arb_mul(t, t, u, prec);
            arb_add(t, t, c, prec);
            arb_mul(t, t, p, prec);
            arb_sub_ui(e, p, 1, prec);
            arb_add(e, e, t, prec);
            /* dim passes of lines */
            arb_add_ui(e, e, 1, prec);
            arb_pow_ui(e, e, (ulong) F->dim, prec);
        }
        else if (F->kind == KD_OP_HAAR)
        {
            /* e_h = |c sqrt(2) - 1| for c = KD_SQRT1_2; a step: (1+u)^2 (1+e_h) - 1;
               dim * levels passes */
            arb_sqrt_ui(t, 2, prec);
            arb_set_d(c, KD_SQRT1_2);
            arb_mul(c, c, t, prec);
            arb_sub_ui(c, c, 1, prec);
            arb_abs(c, c);
            arb_add_ui(c, c, 1, prec);
            arb_mul(e, one_u, one_u, prec);
            arb_mul(e, e, c, prec);
            arb_pow_ui(e, e, (ulong) (F->dim * F->levels), prec);
        }
        else
            ok = 0;
        if (ok)
            arb_mul(tot, tot, e, prec);     /* prod (1 + eps_f) */
    }
    if (ok)
    {
        arb_sub_ui(tot, tot, 1, prec);
        arb_get_ubound_arf(eps, tot, prec);
    }
    arb_clear(u); arb_clear(one_u); arb_clear(p); arb_clear(e); arb_clear(c); arb_clear(t);
    arb_clear(tot);
    return ok;
}

/* r = an upper bound of ||v||_2 (doubles, exact) */
static void
_kd_norm_ub_d(arf_t r, const double * v, slong n, slong prec)
{
    arb_t s, t;
    slong i;
    arb_init(s); arb_init(t);
    for (i = 0; i < n; i++)
    {
        arb_set_d(t, v[i]);
        arb_addmul(s, t, t, prec);
    }
    arb_sqrtpos(s, s, prec);
    arb_get_ubound_arf(r, s, prec);
    arb_clear(s); arb_clear(t);
}

static int
_kd_all_finite(const double * v, slong n)
{
    slong i;
    for (i = 0; i < n; i++)
        if (!isfinite(v[i]))
            return 0;
    return 1;
}

/* the gap of the core, with the products in double and the bound eps;
   0 when a double product overflowed (then the caller uses balls) */
static int
_kd_op_gap_fast(kd_status * st, arf_t gap, arb_t F, kd_op_problem P, const kd_op_t A,
                const double * x, const double * y, const double * z, arb_srcptr w,
                const arb_t lam, const arf_t eps, slong prec)
{
    slong m = A->nrows, N = A->ncols, i, cand;
    double * r = flint_malloc(m * sizeof(double)), * g = flint_malloc(N * sizeof(double));
    double * c = flint_malloc(m * sizeof(double));
    acb_ptr z0 = _acb_vec_init(m), yb = _acb_vec_init(m);
    arb_ptr gabs = _arb_vec_init(N);
    arb_t t1, nr, D, Dc;
    arf_t lo, lc, rho, xn;
    kd_op_ws_t W;
    int ok = 1;

    kd_op_ws_init(W);
    arb_init(t1); arb_init(nr); arb_init(D); arb_init(Dc);
    arf_init(lo); arf_init(lc); arf_init(rho); arf_init(xn);
    /* rho = eps ||x|| + 2^-1000 >= ||fl(A x) - A x|| */
    _kd_norm_ub_d(xn, x, N, prec);
    arf_mul(rho, eps, xn, prec, ARF_RND_UP);
    arf_set_si_2exp_si(lc, 1, -1000);
    arf_add(rho, rho, lc, prec, ARF_RND_UP);
    kd_op_apply_d_ws(r, NULL, A, x, NULL, 0, W);
    if (!_kd_all_finite(r, m))
    {
        ok = 0;
        goto cleanup;
    }
    /* ||A x - y|| in ||fl(A x) - y|| +/- rho */
    for (i = 0; i < m; i++)
    {
        arb_set_d(acb_realref(yb + i), y[i]);
        arb_set_d(t1, r[i]);
        arb_sub(t1, t1, acb_realref(yb + i), prec);
        arb_addmul(nr, t1, t1, prec);
    }
    arb_sqrtpos(nr, nr, prec);
    arb_add_error_arf(nr, rho);
    arb_nonnegative_part(nr, nr);
    arb_zero(F);
    for (i = 0; i < N; i++)
    {
        arb_set_d(t1, fabs(x[i]));
        if (w != NULL)
            arb_mul(t1, t1, w + i, prec);
        arb_add(F, F, t1, prec);
    }
    if (P == KD_OP_P1)
    {
        if (!arb_le(nr, lam))
        {
            *st = kd_error_set(KD_ERR_UNDECIDED, "the point is not proved feasible "
                               "(||Ax - y|| <= eta not shown)");
            goto cleanup;
        }
    }
    else
    {
        arb_mul(F, F, lam, prec);
        if (P == KD_OP_P2)
            arb_addmul(F, nr, nr, prec);
        else
            arb_add(F, F, nr, prec);
    }
    /* candidates as in the core: 0 the residual fl(fl(A x) - y), 1
       -fl(A(w sgn x)), 2 -y, 3 z; c holds the candidate (doubles, exact) */
    arb_zero(D);
    arf_zero(lo);
    for (i = 0; i < m; i++)
        c[i] = r[i] - y[i];
    for (cand = 0; cand < (z != NULL ? 4 : 3); cand++)
    {
        if (cand == 1)
        {
            for (i = 0; i < N; i++)
                g[i] = (x[i] == 0.0) ? 0.0 : (x[i] > 0 ? -1.0 : 1.0)
                    * (w != NULL ? arf_get_d(arb_midref(w + i), ARF_RND_NEAR) : 1.0);
            kd_op_apply_d_ws(c, NULL, A, g, NULL, 0, W);
        }
        for (i = 0; cand >= 2 && i < m; i++)
            c[i] = (cand == 2) ? -y[i] : z[i];
        if (!_kd_all_finite(c, m))
            continue;
        for (i = 0; i < m; i++)
        {
            acb_zero(z0 + i);
            arb_set_d(acb_realref(z0 + i), c[i]);
        }
        kd_op_apply_d_ws(g, NULL, A, c, NULL, 1, W);
        if (!_kd_all_finite(g, N))
            continue;
        _kd_norm_ub_d(lc, c, m, prec);
        arf_mul(lc, lc, eps, prec, ARF_RND_UP);
        arf_set_si_2exp_si(xn, 1, -1000);
        arf_add(lc, lc, xn, prec, ARF_RND_UP);       /* gamma >= ||fl(A^* z0) - A^* z0|| */
        for (i = 0; i < N; i++)
        {
            arb_set_d(gabs + i, fabs(g[i]));
            arb_add_error_arf(gabs + i, lc);
        }
        _kd_dual_value(Dc, P, A, z0, yb, w, lam, gabs, prec);
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
        arf_zero(gap);
    *st = KD_OK;

cleanup:
    kd_op_ws_clear(W);
    flint_free(r);
    flint_free(g);
    flint_free(c);
    _acb_vec_clear(z0, m);
    _acb_vec_clear(yb, m);
    _arb_vec_clear(gabs, N);
    arb_clear(t1); arb_clear(nr); arb_clear(D); arb_clear(Dc);
    arf_clear(lo); arf_clear(lc); arf_clear(rho); arf_clear(xn);
    return ok;
}
