/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The one implementation of every iterative solver, written against scalar
   macros and #included by backend_double.c and backend_mpfr.c, like a
   template: same operations, same order, so MPFR at 53 bits reproduces
   IEEE double bit for bit.

   A backend defines, before including this file:
     KD_T(name)           the instance's name for a template function
     S_DECL(x)            declares a scalar x (usable in a struct)
     S_INIT(x), S_CLEAR(x)  initialise to +0 at precision _prec / release
     SV                   the type of a vector (double *, mpfr_ptr)
     SV_ALLOC(v, n), SV_FREE(v, n)   a vector of n zeros / release it
     E(v, i)              the i-th element of a vector, as an operand
     S_SET, S_ZERO, S_SET_SI, S_ADD, S_SUB, S_MUL, S_DIV, S_SQRT: rounded
       to nearest; S_NEG, S_ABS, S_MUL2 (times 2), S_HALF: exact
     S_LT, S_LE, S_GT, S_EQ, S_IS_ZERO, S_IS_FINITE: predicates
     S_LOAD(r, mpfr), S_STORE(mpfr, a): exact conversions (the data were
       rounded to the working format by the front end)
     SV_SWAP(a, b)        exchanges two vectors (pointers)
     S_LOCAL(x, s), S_LOCAL_COPY(x, s), S_LOCAL_STORE(s, x): a local working
       scalar x standing for the preallocated scalar s (double: a register
       variable, uninitialised / a copy of s / stored back into s; MPFR: an
       alias of s, so no allocation happens in a loop); S_LOCAL_SET(x, s)
       makes a read-only local x stand for s again (double: x = s; MPFR: the
       pointer x = s)
     OP_APPLY(c, o_re, o_im, x_re, x_im, adj): o = A x (adj: A^* x) with
       the matrix-free operator c->op (o_im, x_im ignored for real data)
     DOT_ROWS (optional): the dense products are done by DOT(r, 0, a, b, n)
       (r = sum a_l b_l) and DOT_ACC(r, sub, a, b, n) (r -/+= sum a_l b_l)
     DOT_MAT (optional, with DOT_ROWS): the type of the backend's own form
       of a real matrix, made by DOT_MAT_INIT(M, a, rows, len) (a NULL: an
       unusable M) and released by DOT_MAT_CLEAR(M); DOT_MAT_VEC(o, M, a, x,
       M2, a2, x2, sub) does all rows' products o = a x -/+ a2 x2 (M2 NULL:
       o = a x), or returns 0 and leaves them to DOT
   Every template function has `slong _prec` in scope (the MPFR precision;
   unused by the double backend).

   Only rounded-to-nearest +, -, *, /, sqrt, exact negation, absolute value
   and doubling/halving, and comparisons occur: the operations on which
   binary64 and MPFR-53 agree. Complex numbers are pairs of reals with the
   schoolbook product (iter.h). */

#include "kdigits/op.h"

/* ------------------------------------------------------------------ data */

typedef struct
{
    slong m;
    slong N;
    int cplx;
    slong _prec;
    SV A_re;                    /* m * N, row-major (for A^* r) */
    SV A_im;
    SV C_re;                    /* the same by columns, N * m (for A x) */
    SV C_im;
    SV y_re;
    SV y_im;
    SV w;
    const struct kd_op_struct * op;     /* matrix-free A (then A_re..C_im unused) */
    kd_op_ws_struct op_ws;      /* the double products' scratch memory */
#ifdef DOT_MAT
    DOT_MAT dot_A;              /* A_re, C_re, A_im, C_im in the backend's form */
    DOT_MAT dot_C;
    DOT_MAT dot_Ai;             /* (real data: unusable) */
    DOT_MAT dot_Ci;
#endif
    S_DECL(t0);
    S_DECL(t1);
    S_DECL(t2);
    S_DECL(acc_re);
    S_DECL(acc_im);
}
KD_T(ctx_struct);

static int
KD_T(vec_load)(SV * v, mpfr_srcptr src, slong n, slong _prec)
{
    slong i;
    (void) _prec;
    SV_ALLOC(*v, n);
    if (*v == NULL)
        return 0;
    if (src != NULL)
        for (i = 0; i < n; i++)
            S_LOAD(E(*v, i), src + i);
    return 1;
}

/* v = the m x N row-major src stored by columns */
static int
KD_T(vec_load_transposed)(SV * v, mpfr_srcptr src, slong m, slong N, slong _prec)
{
    slong i, j;
    (void) _prec;
    SV_ALLOC(*v, m * N);
    if (*v == NULL)
        return 0;
    if (src != NULL)
        for (i = 0; i < m; i++)
            for (j = 0; j < N; j++)
                S_LOAD(E(*v, j * m + i), src + i * N + j);
    return 1;
}

/* a complex vector of n zeros as its two parts; 1 when both were allocated */
static int
KD_T(cvec_alloc)(SV * v_re, SV * v_im, slong n, slong _prec)
{
    return KD_T(vec_load)(v_re, NULL, n, _prec) & KD_T(vec_load)(v_im, NULL, n, _prec);
}

static void
KD_T(cvec_free)(SV v_re, SV v_im, slong n)
{
    SV_FREE(v_re, n);
    SV_FREE(v_im, n);
}

static kd_status
KD_T(ctx_init)(KD_T(ctx_struct) * c, const _kd_iter_job_struct * job)
{
    slong _prec = job->prec, m = job->m, N = job->N;
    int ok;
    c->m = m;
    c->N = N;
    c->cplx = job->cplx;
    c->_prec = _prec;
    S_INIT(c->t0);
    S_INIT(c->t1);
    S_INIT(c->t2);
    S_INIT(c->acc_re);
    S_INIT(c->acc_im);
    /* the imaginary parts exist (as zeros) even for real data, so that the
       complex branches never meet a NULL vector */
    c->op = job->op;
    kd_op_ws_init(&c->op_ws);
    ok = 1;
    if (c->op == NULL)
    {
        ok &= KD_T(vec_load)(&c->A_re, job->A_re, m * N, _prec);
        ok &= KD_T(vec_load)(&c->A_im, job->A_im, m * N, _prec);
        ok &= KD_T(vec_load_transposed)(&c->C_re, job->A_re, m, N, _prec);
        ok &= KD_T(vec_load_transposed)(&c->C_im, job->A_im, m, N, _prec);
    }
    ok &= KD_T(vec_load)(&c->y_re, job->y_re, m, _prec);
    ok &= KD_T(vec_load)(&c->y_im, job->y_im, m, _prec);
    ok &= KD_T(vec_load)(&c->w, job->w, N, _prec);
#ifdef DOT_MAT
    DOT_MAT_INIT(c->dot_A, ok && c->op == NULL ? c->A_re : NULL, m, N);
    DOT_MAT_INIT(c->dot_C, ok && c->op == NULL ? c->C_re : NULL, N, m);
    DOT_MAT_INIT(c->dot_Ai, ok && c->op == NULL && c->cplx ? c->A_im : NULL, m, N);
    DOT_MAT_INIT(c->dot_Ci, ok && c->op == NULL && c->cplx ? c->C_im : NULL, N, m);
#endif
    return ok ? KD_OK : KD_ERR_NOMEM;
}

static void
KD_T(ctx_clear)(KD_T(ctx_struct) * c)
{
    slong m = c->m, N = c->N;
    if (c->op == NULL)
    {
        SV_FREE(c->A_re, m * N);
        SV_FREE(c->A_im, m * N);
        SV_FREE(c->C_re, m * N);
        SV_FREE(c->C_im, m * N);
    }
    kd_op_ws_clear(&c->op_ws);
#ifdef DOT_MAT
    DOT_MAT_CLEAR(c->dot_A);
    DOT_MAT_CLEAR(c->dot_C);
    DOT_MAT_CLEAR(c->dot_Ai);
    DOT_MAT_CLEAR(c->dot_Ci);
#endif
    SV_FREE(c->y_re, m);
    SV_FREE(c->y_im, m);
    SV_FREE(c->w, N);
    S_CLEAR(c->t0);
    S_CLEAR(c->t1);
    S_CLEAR(c->t2);
    S_CLEAR(c->acc_re);
    S_CLEAR(c->acc_im);
}

/* ------------------------------------------------------- linear algebra */

/* o = A x: o_i = (...((0 + a_i0 x_0) + a_i1 x_1) + ...) + a_i,N-1 x_N-1,
   each row summed in increasing column order. The loop runs over columns
   outside and rows inside (same sums, same order), which lets the double
   build vectorise across rows. */
static void
KD_T(mul_A)(KD_T(ctx_struct) * c, SV o_re, SV o_im, SV x_re, SV x_im)
{
    slong i, j, m = c->m, N = c->N;
    SV C_re = c->C_re, C_im = c->C_im, col_re, col_im;
    S_LOCAL(t0, c->t0);
    S_LOCAL(t1, c->t1);
    S_LOCAL_COPY(u, E(x_re, 0));
    S_LOCAL_COPY(v, E(x_re, 0));

    if (c->op != NULL)
    {
        OP_APPLY(c, o_re, o_im, x_re, x_im, 0);
        return;
    }
#ifdef DOT_ROWS
    /* one dot product per row (the Arb backend) */
#ifdef DOT_MAT
    if (!c->cplx && DOT_MAT_VEC(o_re, c->dot_A, c->A_re, x_re, NULL, NULL, NULL, 0))
        return;
    if (c->cplx && DOT_MAT_VEC(o_re, c->dot_A, c->A_re, x_re, c->dot_Ai, c->A_im, x_im, 1)
        && DOT_MAT_VEC(o_im, c->dot_A, c->A_re, x_im, c->dot_Ai, c->A_im, x_re, 0))
        return;
#endif
    for (i = 0; i < m; i++)
    {
        DOT(E(o_re, i), 0, c->A_re + i * N, x_re, N);
        if (c->cplx)
        {
            DOT_ACC(E(o_re, i), 1, c->A_im + i * N, x_im, N);
            DOT(E(o_im, i), 0, c->A_re + i * N, x_im, N);
            DOT_ACC(E(o_im, i), 0, c->A_im + i * N, x_re, N);
        }
    }
    return;
#endif
    for (i = 0; i < m; i++)
    {
        S_ZERO(E(o_re, i));
        S_ZERO(E(o_im, i));
    }
    if (!c->cplx)
    {
        for (j = 0; j < N; j++)
        {
            col_re = C_re + j * m;
            S_LOCAL_SET(u, E(x_re, j));
            for (i = 0; i < m; i++)
            {
                S_MUL(t0, E(col_re, i), u);
                S_ADD(E(o_re, i), E(o_re, i), t0);
            }
        }
        return;
    }
    for (j = 0; j < N; j++)
    {
        col_re = C_re + j * m;
        col_im = C_im + j * m;
        S_LOCAL_SET(u, E(x_re, j));
        S_LOCAL_SET(v, E(x_im, j));
        for (i = 0; i < m; i++)
        {
            /* (a + ib)(u + iv) = (au - bv) + i(av + bu) */
            S_MUL(t0, E(col_re, i), u);
            S_MUL(t1, E(col_im, i), v);
            S_SUB(t0, t0, t1);
            S_ADD(E(o_re, i), E(o_re, i), t0);
            S_MUL(t0, E(col_re, i), v);
            S_MUL(t1, E(col_im, i), u);
            S_ADD(t0, t0, t1);
            S_ADD(E(o_im, i), E(o_im, i), t0);
        }
    }
}

/* g = A^* r: g_j summed over rows in increasing order (rows outside,
   columns inside: vectorisable across columns) */
static void
KD_T(mul_Ah)(KD_T(ctx_struct) * c, SV g_re, SV g_im, SV r_re, SV r_im)
{
    slong i, j, m = c->m, N = c->N;
    SV row_re, row_im;
    S_LOCAL(t0, c->t0);
    S_LOCAL(t1, c->t1);
    S_LOCAL_COPY(u, E(r_re, 0));
    S_LOCAL_COPY(v, E(r_re, 0));

    if (c->op != NULL)
    {
        OP_APPLY(c, g_re, g_im, r_re, r_im, 1);
        return;
    }
#ifdef DOT_ROWS
    /* g_j = sum_i conj(a_ij) r_i, one dot product per column */
#ifdef DOT_MAT
    if (!c->cplx && DOT_MAT_VEC(g_re, c->dot_C, c->C_re, r_re, NULL, NULL, NULL, 0))
        return;
    if (c->cplx && DOT_MAT_VEC(g_re, c->dot_C, c->C_re, r_re, c->dot_Ci, c->C_im, r_im, 0)
        && DOT_MAT_VEC(g_im, c->dot_C, c->C_re, r_im, c->dot_Ci, c->C_im, r_re, 1))
        return;
#endif
    for (j = 0; j < N; j++)
    {
        DOT(E(g_re, j), 0, c->C_re + j * m, r_re, m);
        if (c->cplx)
        {
            DOT_ACC(E(g_re, j), 0, c->C_im + j * m, r_im, m);
            DOT(E(g_im, j), 0, c->C_re + j * m, r_im, m);
            DOT_ACC(E(g_im, j), 1, c->C_im + j * m, r_re, m);
        }
    }
    return;
#endif
    for (j = 0; j < N; j++)
    {
        S_ZERO(E(g_re, j));
        S_ZERO(E(g_im, j));
    }
    if (!c->cplx)
    {
        for (i = 0; i < m; i++)
        {
            row_re = c->A_re + i * N;
            S_LOCAL_SET(u, E(r_re, i));
            for (j = 0; j < N; j++)
            {
                S_MUL(t0, E(row_re, j), u);
                S_ADD(E(g_re, j), E(g_re, j), t0);
            }
        }
        return;
    }
    for (i = 0; i < m; i++)
    {
        row_re = c->A_re + i * N;
        row_im = c->A_im + i * N;
        S_LOCAL_SET(u, E(r_re, i));
        S_LOCAL_SET(v, E(r_im, i));
        for (j = 0; j < N; j++)
        {
            /* (a - ib)(u + iv) = (au + bv) + i(av - bu) */
            S_MUL(t0, E(row_re, j), u);
            S_MUL(t1, E(row_im, j), v);
            S_ADD(t0, t0, t1);
            S_ADD(E(g_re, j), E(g_re, j), t0);
            S_MUL(t0, E(row_re, j), v);
            S_MUL(t1, E(row_im, j), u);
            S_SUB(t0, t0, t1);
            S_ADD(E(g_im, j), E(g_im, j), t0);
        }
    }
}

/* x = S_theta(u) entrywise, theta_i = thr[i] >= 0: the soft threshold,
   sgn(u) = u/|u| for complex u, computed as u (|u| - theta)/|u|. */
static void
KD_T(soft)(KD_T(ctx_struct) * c, SV x_re, SV x_im, SV u_re, SV u_im, SV thr, slong n)
{
    slong i;
    if (!c->cplx)
    {
        for (i = 0; i < n; i++)
        {
            if (S_GT(E(u_re, i), E(thr, i)))
                S_SUB(E(x_re, i), E(u_re, i), E(thr, i));
            else
            {
                S_NEG(c->t0, E(thr, i));
                if (S_LT(E(u_re, i), c->t0))
                    S_ADD(E(x_re, i), E(u_re, i), E(thr, i));
                else
                    S_ZERO(E(x_re, i));
            }
        }
        return;
    }
    for (i = 0; i < n; i++)
    {
        S_MUL(c->t0, E(u_re, i), E(u_re, i));
        S_MUL(c->t1, E(u_im, i), E(u_im, i));
        S_ADD(c->t0, c->t0, c->t1);
        S_SQRT(c->t0, c->t0);                       /* |u| */
        if (S_LE(c->t0, E(thr, i)))
        {
            S_ZERO(E(x_re, i));
            S_ZERO(E(x_im, i));
        }
        else
        {
            S_SUB(c->t1, c->t0, E(thr, i));
            S_DIV(c->t1, c->t1, c->t0);             /* (|u| - theta)/|u| */
            S_MUL(E(x_re, i), E(u_re, i), c->t1);
            S_MUL(E(x_im, i), E(u_im, i), c->t1);
        }
    }
}

/* res = max_i |a_i - b_i| over real and imaginary parts */
static void
KD_T(maxdiff)(KD_T(ctx_struct) * c, S_DECL(*res), SV a_re, SV a_im, SV b_re, SV b_im, slong n)
{
    slong i;
    S_ZERO(*res);
    for (i = 0; i < n; i++)
    {
        S_SUB(c->t0, E(a_re, i), E(b_re, i));
        S_ABS(c->t0, c->t0);
        if (S_GT(c->t0, *res))
            S_SET(*res, c->t0);
        if (c->cplx)
        {
            S_SUB(c->t0, E(a_im, i), E(b_im, i));
            S_ABS(c->t0, c->t0);
            if (S_GT(c->t0, *res))
                S_SET(*res, c->t0);
        }
    }
}

/* res = ||v||_2 = sqrt(sum_i |v_i|^2), summed in order */
static void
KD_T(norm2)(KD_T(ctx_struct) * c, S_DECL(*res), SV v_re, SV v_im, slong n)
{
    slong i;
    S_ZERO(c->acc_re);
    for (i = 0; i < n; i++)
    {
        S_MUL(c->t0, E(v_re, i), E(v_re, i));
        S_ADD(c->acc_re, c->acc_re, c->t0);
        if (c->cplx)
        {
            S_MUL(c->t0, E(v_im, i), E(v_im, i));
            S_ADD(c->acc_re, c->acc_re, c->t0);
        }
    }
    S_SQRT(*res, c->acc_re);
}

static int
KD_T(all_finite)(KD_T(ctx_struct) * c, SV v_re, SV v_im, slong n)
{
    slong i;
    for (i = 0; i < n; i++)
        if (!S_IS_FINITE(E(v_re, i)) || (c->cplx && !S_IS_FINITE(E(v_im, i))))
            return 0;
    return 1;
}

/* The end of every first-order run: a non-finite iterate overrides the stop
   reason, then the final iterate is stored (exactly) in out. */
static void
KD_T(finish)(KD_T(ctx_struct) * c, _kd_iter_out_struct * out, SV v_re, SV v_im, slong n)
{
    slong i;
    if (!KD_T(all_finite)(c, v_re, v_im, n))
        out->stop = KD_ITER_STOP_NONFINITE;
    for (i = 0; i < n; i++)
    {
        S_STORE(out->x_re + i, E(v_re, i));
        S_STORE(out->x_im + i, E(v_im, i));
    }
}

/* o = a - s b, elementwise (o may be b): the gradient step of both
   first-order families */
static void
KD_T(sub_scaled)(KD_T(ctx_struct) * c, SV o_re, SV o_im, SV a_re, SV a_im, S_DECL(*s),
                 SV b_re, SV b_im, slong n)
{
    slong i;
    for (i = 0; i < n; i++)
    {
        S_MUL(c->t0, *s, E(b_re, i));
        S_SUB(E(o_re, i), E(a_re, i), c->t0);
        if (c->cplx)
        {
            S_MUL(c->t0, *s, E(b_im, i));
            S_SUB(E(o_im, i), E(a_im, i), c->t0);
        }
    }
}

/* Records iteration k; 1 (stop) when the change d is within the tolerance,
   unless the job runs every iteration. */
static int
KD_T(converged)(_kd_iter_out_struct * out, const _kd_iter_job_struct * job, slong k,
                S_DECL(*d), S_DECL(*tol))
{
    out->iterations = k;
    if (!job->run_all && S_LE(*d, *tol))
    {
        out->stop = KD_ITER_STOP_TOLERANCE;
        return 1;
    }
    return 0;
}

/* ------------------------------------------------- ISTA and FISTA (P2)

   Proximal gradient (ISTA) and its accelerated form FISTA: A. Beck and
   M. Teboulle, "A fast iterative shrinkage-thresholding algorithm for linear
   inverse problems", SIAM J. Imaging Sci. 2(1):183-202, 2009 (constant step
   1/L, t_1 = 1). The smooth part is ||Ax - y||^2 (no 1/2), gradient
   2A^*(Ax - y), Lipschitz constant 2||A||^2. */

typedef struct
{
    SV r_re, r_im;              /* m: Ax - y */
    SV g_re, g_im;              /* N: A^*(Ax - y) */
    SV thr;                     /* N: t lambda w_i */
    S_DECL(two_t);              /* 2t, exact */
}
KD_T(pg_struct);

/* x = S_{t lambda w}(v - 2t A^*(Av - y)): one proximal-gradient step */
static void
KD_T(pg_step)(KD_T(ctx_struct) * c, KD_T(pg_struct) * s, SV x_re, SV x_im, SV v_re, SV v_im)
{
    slong i, m = c->m, N = c->N;
    KD_T(mul_A)(c, s->r_re, s->r_im, v_re, v_im);
    for (i = 0; i < m; i++)
    {
        S_SUB(E(s->r_re, i), E(s->r_re, i), E(c->y_re, i));
        if (c->cplx)
            S_SUB(E(s->r_im, i), E(s->r_im, i), E(c->y_im, i));
    }
    KD_T(mul_Ah)(c, s->g_re, s->g_im, s->r_re, s->r_im);
    /* g <- v - 2t g, then x = S(g) */
    KD_T(sub_scaled)(c, s->g_re, s->g_im, v_re, v_im, &s->two_t, s->g_re, s->g_im, N);
    KD_T(soft)(c, x_re, x_im, s->g_re, s->g_im, s->thr, N);
}

/* The observer hand-over (defined below, with FIRENET). */
static kd_status KD_T(observe)(const _kd_iter_job_struct * job, double * buf, slong k, slong l,
                               SV x_re, SV x_im, SV z_re, SV z_im, double scale);

static kd_status
KD_T(run_p2)(_kd_iter_out_struct * out, const _kd_iter_job_struct * job, int fista)
{
    slong _prec = job->prec, m = job->m, N = job->N, k, i;
    KD_T(ctx_struct) c[1];
    KD_T(pg_struct) s[1];
    SV x_re, x_im, xn_re, xn_im, v_re, v_im;
    S_DECL(tol);
    S_DECL(d);
    S_DECL(t);
    S_DECL(tn);
    S_DECL(coef);
    kd_status st;
    double t0, * obuf = NULL;
    int ok = 1;

    x_re = x_im = xn_re = xn_im = v_re = v_im = NULL;
    s->r_re = s->r_im = s->g_re = s->g_im = s->thr = NULL;
    S_INIT(tol);
    S_INIT(d);
    S_INIT(t);
    S_INIT(tn);
    S_INIT(coef);
    S_INIT(s->two_t);
    st = KD_T(ctx_init)(c, job);
    ok &= KD_T(cvec_alloc)(&x_re, &x_im, N, _prec) & KD_T(cvec_alloc)(&xn_re, &xn_im, N, _prec);
    ok &= KD_T(cvec_alloc)(&v_re, &v_im, N, _prec) & KD_T(cvec_alloc)(&s->r_re, &s->r_im, m, _prec);
    ok &= KD_T(cvec_alloc)(&s->g_re, &s->g_im, N, _prec);
    ok &= KD_T(vec_load)(&s->thr, NULL, N, _prec);
    if (job->observe != NULL)
        ok &= ((obuf = (double *) flint_malloc((2 * N + 2 * m) * sizeof(double))) != NULL);
    if (st != KD_OK || !ok)
    {
        st = KD_ERR_NOMEM;
        goto cleanup;
    }

    t0 = _kd_iter_now();
    S_LOAD(tol, job->tol);
    S_LOAD(t, job->step);
    S_MUL2(s->two_t, t);
    S_LOAD(coef, job->lambda);
    S_MUL(coef, t, coef);                           /* t lambda */
    for (i = 0; i < N; i++)
        S_MUL(E(s->thr, i), coef, E(c->w, i));
    S_SET_SI(t, 1);                                 /* FISTA's t_1 = 1 */

    out->stop = KD_ITER_STOP_MAX_ITER;
    for (k = 1; k <= job->max_iter; k++)
    {
        /* x_k = prox-gradient step at v (FISTA's y_k) or at x (ISTA) */
        if (fista)
            KD_T(pg_step)(c, s, xn_re, xn_im, v_re, v_im);
        else
            KD_T(pg_step)(c, s, xn_re, xn_im, x_re, x_im);
        KD_T(maxdiff)(c, &d, xn_re, xn_im, x_re, x_im, N);
        if (fista)
        {
            /* t_{k+1} = (1 + sqrt(1 + 4 t_k^2))/2,
               v = x_k + ((t_k - 1)/t_{k+1}) (x_k - x_{k-1}) */
            S_MUL(tn, t, t);
            S_MUL2(tn, tn);
            S_MUL2(tn, tn);
            S_SET_SI(coef, 1);
            S_ADD(tn, tn, coef);
            S_SQRT(tn, tn);
            S_ADD(tn, tn, coef);
            S_HALF(tn, tn);
            S_SUB(coef, t, coef);
            S_DIV(coef, coef, tn);
            for (i = 0; i < N; i++)
            {
                S_SUB(c->t0, E(xn_re, i), E(x_re, i));
                S_MUL(c->t0, coef, c->t0);
                S_ADD(E(v_re, i), E(xn_re, i), c->t0);
                if (c->cplx)
                {
                    S_SUB(c->t0, E(xn_im, i), E(x_im, i));
                    S_MUL(c->t0, coef, c->t0);
                    S_ADD(E(v_im, i), E(xn_im, i), c->t0);
                }
            }
            S_SET(t, tn);
        }
        SV_SWAP(x_re, xn_re);
        SV_SWAP(x_im, xn_im);
        if (job->observe != NULL && k % job->observe_every == 0
            && (st = KD_T(observe)(job, obuf, k, -1, x_re, x_im, NULL, NULL, 1.0)) != KD_OK)
            break;
        if (KD_T(converged)(out, job, k, &d, &tol))
            break;
    }
    out->seconds = _kd_iter_now() - t0;
    KD_T(finish)(c, out, x_re, x_im, N);

cleanup:
    KD_T(cvec_free)(x_re, x_im, N);
    KD_T(cvec_free)(xn_re, xn_im, N);
    KD_T(cvec_free)(v_re, v_im, N);
    KD_T(cvec_free)(s->r_re, s->r_im, m);
    KD_T(cvec_free)(s->g_re, s->g_im, N);
    SV_FREE(s->thr, N);
    flint_free(obuf);
    S_CLEAR(tol);
    S_CLEAR(d);
    S_CLEAR(t);
    S_CLEAR(tn);
    S_CLEAR(coef);
    S_CLEAR(s->two_t);
    KD_T(ctx_clear)(c);
    return st;
}

/* ------------------------------------ Chambolle-Pock (P3, P1) and FIRENET

   A. Chambolle and T. Pock, "A first-order primal-dual algorithm for convex
   problems with applications to imaging", J. Math. Imaging Vision
   40:120-145, 2011; M. J. Colbrook, V. Antun and A. C. Hansen, "The
   difficulty of computing stable and accurate neural networks", PNAS
   119(12) e2107151119, 2022 (FIRENET, theory.md §7). */

typedef struct
{
    int p1;                     /* dual prox of P1 (ball) instead of P3 */
    SV x_re, x_im;              /* N: the primal iterate x^k */
    SV xn_re, xn_im;            /* N: x^{k+1} */
    SV z_re, z_im;              /* m: the dual iterate z^k */
    SV zn_re, zn_im;            /* m: z^{k+1} */
    SV g_re, g_im;              /* N */
    SV u_re, u_im;              /* N */
    SV xb_re, xb_im;            /* N: 2 x^{k+1} - x^k */
    SV v_re, v_im;              /* m */
    SV sb_re, sb_im;            /* m: sigma b */
    SV thr;                     /* N: tau lambda w_i (P1: tau w_i) */
    S_DECL(tau);
    S_DECL(sigma);
    S_DECL(seta);               /* P1: sigma eta */
    S_DECL(nrm);
}
KD_T(pd_struct);

static int
KD_T(pd_init)(KD_T(pd_struct) * s, slong m, slong N, slong _prec)
{
    int ok = 1;
    s->x_re = s->x_im = s->xn_re = s->xn_im = s->z_re = s->z_im = s->zn_re = s->zn_im = NULL;
    s->g_re = s->g_im = s->u_re = s->u_im = s->xb_re = s->xb_im = NULL;
    s->v_re = s->v_im = s->sb_re = s->sb_im = s->thr = NULL;
    S_INIT(s->tau);
    S_INIT(s->sigma);
    S_INIT(s->seta);
    S_INIT(s->nrm);
    ok &= KD_T(cvec_alloc)(&s->x_re, &s->x_im, N, _prec) & KD_T(cvec_alloc)(&s->xn_re, &s->xn_im, N, _prec);
    ok &= KD_T(cvec_alloc)(&s->z_re, &s->z_im, m, _prec) & KD_T(cvec_alloc)(&s->zn_re, &s->zn_im, m, _prec);
    ok &= KD_T(cvec_alloc)(&s->g_re, &s->g_im, N, _prec) & KD_T(cvec_alloc)(&s->u_re, &s->u_im, N, _prec);
    ok &= KD_T(cvec_alloc)(&s->xb_re, &s->xb_im, N, _prec) & KD_T(cvec_alloc)(&s->v_re, &s->v_im, m, _prec);
    ok &= KD_T(cvec_alloc)(&s->sb_re, &s->sb_im, m, _prec);
    ok &= KD_T(vec_load)(&s->thr, NULL, N, _prec);
    return ok;
}

static void
KD_T(pd_clear)(KD_T(pd_struct) * s, slong m, slong N)
{
    KD_T(cvec_free)(s->x_re, s->x_im, N);
    KD_T(cvec_free)(s->xn_re, s->xn_im, N);
    KD_T(cvec_free)(s->z_re, s->z_im, m);
    KD_T(cvec_free)(s->zn_re, s->zn_im, m);
    KD_T(cvec_free)(s->g_re, s->g_im, N);
    KD_T(cvec_free)(s->u_re, s->u_im, N);
    KD_T(cvec_free)(s->xb_re, s->xb_im, N);
    KD_T(cvec_free)(s->v_re, s->v_im, m);
    KD_T(cvec_free)(s->sb_re, s->sb_im, m);
    SV_FREE(s->thr, N);
    S_CLEAR(s->tau);
    S_CLEAR(s->sigma);
    S_CLEAR(s->seta);
    S_CLEAR(s->nrm);
}

/* (x, z) <- (xn, zn): the step just taken becomes the iterate */
static void
KD_T(pd_advance)(KD_T(pd_struct) * s)
{
    SV_SWAP(s->x_re, s->xn_re);
    SV_SWAP(s->x_im, s->xn_im);
    SV_SWAP(s->z_re, s->zn_re);
    SV_SWAP(s->z_im, s->zn_im);
}

/* One Chambolle-Pock step (Chambolle-Pock 2011, Algorithm 1 with theta = 1)
   from (x, z) to (xn, zn):
     xn = S_thr(x - tau A^* z)
     zn = prox_{sigma F^*}(z + sigma A(2 xn - x)),
   P3: F = ||. - b||, prox(v) = P(v - sigma b), P the projection on the unit
   ball; P1: F = indicator of ||. - b|| <= eta, prox(v) = u max(0, 1 -
   sigma eta/||u||), u = v - sigma b (Moreau's identity). */
static void
KD_T(pd_step)(KD_T(ctx_struct) * c, KD_T(pd_struct) * s)
{
    slong i, m = c->m, N = c->N;
    SV x_re = s->x_re, x_im = s->x_im, xn_re = s->xn_re, xn_im = s->xn_im;
    SV z_re = s->z_re, z_im = s->z_im, zn_re = s->zn_re, zn_im = s->zn_im;
    KD_T(mul_Ah)(c, s->g_re, s->g_im, z_re, z_im);
    KD_T(sub_scaled)(c, s->u_re, s->u_im, x_re, x_im, &s->tau, s->g_re, s->g_im, N);
    KD_T(soft)(c, xn_re, xn_im, s->u_re, s->u_im, s->thr, N);
    for (i = 0; i < N; i++)
    {
        S_MUL2(c->t0, E(xn_re, i));
        S_SUB(E(s->xb_re, i), c->t0, E(x_re, i));
        if (c->cplx)
        {
            S_MUL2(c->t0, E(xn_im, i));
            S_SUB(E(s->xb_im, i), c->t0, E(x_im, i));
        }
    }
    KD_T(mul_A)(c, s->v_re, s->v_im, s->xb_re, s->xb_im);
    for (i = 0; i < m; i++)
    {
        /* v = (z + sigma A xb) - sigma b */
        S_MUL(c->t0, s->sigma, E(s->v_re, i));
        S_ADD(c->t0, E(z_re, i), c->t0);
        S_SUB(E(s->v_re, i), c->t0, E(s->sb_re, i));
        if (c->cplx)
        {
            S_MUL(c->t0, s->sigma, E(s->v_im, i));
            S_ADD(c->t0, E(z_im, i), c->t0);
            S_SUB(E(s->v_im, i), c->t0, E(s->sb_im, i));
        }
    }
    KD_T(norm2)(c, &s->nrm, s->v_re, s->v_im, m);
    if (!s->p1)
    {
        S_SET_SI(c->t2, 1);
        if (S_GT(s->nrm, c->t2))
        {
            for (i = 0; i < m; i++)
            {
                S_DIV(E(zn_re, i), E(s->v_re, i), s->nrm);
                if (c->cplx)
                    S_DIV(E(zn_im, i), E(s->v_im, i), s->nrm);
            }
        }
        else
        {
            for (i = 0; i < m; i++)
            {
                S_SET(E(zn_re, i), E(s->v_re, i));
                if (c->cplx)
                    S_SET(E(zn_im, i), E(s->v_im, i));
            }
        }
    }
    else if (S_LE(s->nrm, s->seta))
    {
        for (i = 0; i < m; i++)
        {
            S_ZERO(E(zn_re, i));
            S_ZERO(E(zn_im, i));
        }
    }
    else
    {
        S_SUB(c->t2, s->nrm, s->seta);
        S_DIV(c->t2, c->t2, s->nrm);
        for (i = 0; i < m; i++)
        {
            S_MUL(E(zn_re, i), E(s->v_re, i), c->t2);
            if (c->cplx)
                S_MUL(E(zn_im, i), E(s->v_im, i), c->t2);
        }
    }
}

static kd_status
KD_T(run_pd)(_kd_iter_out_struct * out, const _kd_iter_job_struct * job)
{
    slong _prec = job->prec, m = job->m, N = job->N, k, i;
    KD_T(ctx_struct) c[1];
    KD_T(pd_struct) s[1];
    S_DECL(tol);
    S_DECL(d);
    S_DECL(d2);
    S_DECL(lam);
    kd_status st;
    double t0, * obuf = NULL;
    int ok;

    S_INIT(tol);
    S_INIT(d);
    S_INIT(d2);
    S_INIT(lam);
    st = KD_T(ctx_init)(c, job);
    ok = KD_T(pd_init)(s, m, N, _prec);
    if (job->observe != NULL)
        ok &= ((obuf = (double *) flint_malloc((2 * N + 2 * m) * sizeof(double))) != NULL);
    if (st != KD_OK || !ok)
    {
        st = KD_ERR_NOMEM;
        goto cleanup;
    }

    t0 = _kd_iter_now();
    s->p1 = (job->method == _KD_ITER_PD_P1);
    S_LOAD(tol, job->tol);
    S_LOAD(s->tau, job->tau);
    S_LOAD(s->sigma, job->sigma);
    S_LOAD(lam, job->lambda);
    if (s->p1)
    {
        S_MUL(s->seta, s->sigma, lam);              /* sigma eta */
        S_SET(lam, s->tau);                         /* threshold tau w_i */
    }
    else
        S_MUL(lam, s->tau, lam);                    /* tau lambda */
    for (i = 0; i < N; i++)
        S_MUL(E(s->thr, i), lam, E(c->w, i));
    for (i = 0; i < m; i++)
    {
        S_MUL(E(s->sb_re, i), s->sigma, E(c->y_re, i));
        if (c->cplx)
            S_MUL(E(s->sb_im, i), s->sigma, E(c->y_im, i));
    }

    out->stop = KD_ITER_STOP_MAX_ITER;
    for (k = 1; k <= job->max_iter; k++)
    {
        KD_T(pd_step)(c, s);
        KD_T(maxdiff)(c, &d, s->xn_re, s->xn_im, s->x_re, s->x_im, N);
        KD_T(maxdiff)(c, &d2, s->zn_re, s->zn_im, s->z_re, s->z_im, m);
        if (S_GT(d2, d))
            S_SET(d, d2);
        KD_T(pd_advance)(s);
        if (job->observe != NULL && k % job->observe_every == 0
            && (st = KD_T(observe)(job, obuf, k, -1, s->x_re, s->x_im, s->z_re, s->z_im,
                                   1.0)) != KD_OK)
            break;
        if (KD_T(converged)(out, job, k, &d, &tol))
            break;
    }
    out->seconds = _kd_iter_now() - t0;
    KD_T(finish)(c, out, s->x_re, s->x_im, N);
    if (out->stop != KD_ITER_STOP_NONFINITE && out->z_re != NULL)
        for (i = 0; i < m; i++)
        {
            S_STORE(out->z_re + i, E(s->z_re, i));
            if (c->cplx)
                S_STORE(out->z_im + i, E(s->z_im, i));
        }

cleanup:
    flint_free(obuf);
    S_CLEAR(tol);
    S_CLEAR(d);
    S_CLEAR(d2);
    S_CLEAR(lam);
    KD_T(pd_clear)(s, m, N);
    KD_T(ctx_clear)(c);
    return st;
}

/* Hands (x, z) (z_re NULL: none) to the job's observer, converted to
   double in buf (2 N + 2 m doubles). */
static kd_status
KD_T(observe)(const _kd_iter_job_struct * job, double * buf, slong k, slong l, SV x_re, SV x_im,
              SV z_re, SV z_im, double scale)
{
    slong i, m = job->m, N = job->N;
    kd_iter_state_struct st;
    double * bx = buf, * bxi = buf + N, * bz = buf + 2 * N, * bzi = buf + 2 * N + m;
    for (i = 0; i < N; i++)
    {
        bx[i] = S_GET_D(E(x_re, i));
        bxi[i] = job->cplx ? S_GET_D(E(x_im, i)) : 0.0;
    }
    for (i = 0; z_re != NULL && i < m; i++)
    {
        bz[i] = S_GET_D(E(z_re, i));
        bzi[i] = job->cplx ? S_GET_D(E(z_im, i)) : 0.0;
    }
    st.restart = k;
    st.step = l;
    st.N = N;
    st.m = m;
    st.x_re = bx;
    st.x_im = job->cplx ? bxi : NULL;
    st.z_re = (z_re != NULL) ? bz : NULL;
    st.z_im = (z_re != NULL && job->cplx) ? bzi : NULL;
    st.scale = scale;
    return job->observe(&st, job->observe_arg);
}

/* FIRENET (Colbrook-Antun-Hansen 2022, theory.md §7): n restarts of the
   inner block of p primal-dual steps on the rescaled problem. */
static kd_status
KD_T(run_firenet)(_kd_iter_out_struct * out, const _kd_iter_job_struct * job)
{
    slong _prec = job->prec, m = job->m, N = job->N, k, l, i;
    KD_T(ctx_struct) c[1];
    KD_T(pd_struct) s[1];
    SV sum_re, sum_im, psi_re, psi_im;
    double * obuf = NULL;
    S_DECL(eps);
    S_DECL(delta);
    S_DECL(einv);
    S_DECL(LA);
    S_DECL(alpha);
    S_DECL(tmp);
    S_DECL(pS);
    kd_status st;
    double t0;
    int ok;

    sum_re = sum_im = psi_re = psi_im = NULL;
    S_INIT(eps);
    S_INIT(delta);
    S_INIT(einv);
    S_INIT(LA);
    S_INIT(alpha);
    S_INIT(tmp);
    S_INIT(pS);
    st = KD_T(ctx_init)(c, job);
    ok = KD_T(pd_init)(s, m, N, _prec);
    ok &= KD_T(cvec_alloc)(&sum_re, &sum_im, N, _prec) & KD_T(cvec_alloc)(&psi_re, &psi_im, N, _prec);
    if (job->observe != NULL)
        ok &= ((obuf = (double *) flint_malloc((2 * N + 2 * m) * sizeof(double))) != NULL);
    if (st != KD_OK || !ok)
    {
        st = KD_ERR_NOMEM;
        goto cleanup;
    }

    t0 = _kd_iter_now();
    s->p1 = 0;
    S_LOAD(s->tau, job->tau);
    S_LOAD(s->sigma, job->sigma);
    S_LOAD(delta, job->delta);
    S_LOAD(einv, job->einv);
    S_LOAD(LA, job->L_A);
    S_SET_SI(pS, job->fp);
    if (job->eps0_auto)
        KD_T(norm2)(c, &eps, c->y_re, c->y_im, m);
    else
        S_LOAD(eps, job->eps0);
    S_LOAD(tmp, job->lambda);
    S_MUL(tmp, s->tau, tmp);                        /* tau lambda */
    for (i = 0; i < N; i++)
        S_MUL(E(s->thr, i), tmp, E(c->w, i));

    for (k = 1; k <= job->fn; k++)
    {
        /* eps <- e^{-1}(delta + eps); beta = eps/(2 L_A); alpha = 1/(beta p) */
        S_ADD(tmp, delta, eps);
        S_MUL(eps, einv, tmp);
        S_MUL2(tmp, LA);
        S_DIV(tmp, eps, tmp);                       /* beta */
        S_MUL(tmp, tmp, pS);
        S_SET_SI(alpha, 1);
        S_DIV(alpha, alpha, tmp);
        /* inner block on b = alpha y from x0 = alpha psi, z0 = 0 */
        for (i = 0; i < m; i++)
        {
            S_MUL(c->t0, alpha, E(c->y_re, i));
            S_MUL(E(s->sb_re, i), s->sigma, c->t0);
            S_ZERO(E(s->z_re, i));
            if (c->cplx)
            {
                S_MUL(c->t0, alpha, E(c->y_im, i));
                S_MUL(E(s->sb_im, i), s->sigma, c->t0);
                S_ZERO(E(s->z_im, i));
            }
        }
        for (i = 0; i < N; i++)
        {
            S_MUL(E(s->x_re, i), alpha, E(psi_re, i));
            S_ZERO(E(sum_re, i));
            if (c->cplx)
            {
                S_MUL(E(s->x_im, i), alpha, E(psi_im, i));
                S_ZERO(E(sum_im, i));
            }
        }
        for (l = 0; l < job->fp; l++)
        {
            KD_T(pd_step)(c, s);
            for (i = 0; i < N; i++)
            {
                S_ADD(E(sum_re, i), E(sum_re, i), E(s->xn_re, i));
                if (c->cplx)
                    S_ADD(E(sum_im, i), E(sum_im, i), E(s->xn_im, i));
            }
            KD_T(pd_advance)(s);
            if (job->observe != NULL
                && (st = KD_T(observe)(job, obuf, k, l + 1, s->x_re, s->x_im, s->z_re, s->z_im,
                                       S_GET_D(alpha))) != KD_OK)
                goto cleanup;
        }
        /* psi_k = (sum / p) / alpha */
        for (i = 0; i < N; i++)
        {
            S_DIV(c->t0, E(sum_re, i), pS);
            S_DIV(E(psi_re, i), c->t0, alpha);
            if (c->cplx)
            {
                S_DIV(c->t0, E(sum_im, i), pS);
                S_DIV(E(psi_im, i), c->t0, alpha);
            }
        }
        if (job->observe != NULL
            && (st = KD_T(observe)(job, obuf, k, 0, psi_re, psi_im, NULL, NULL, 1.0)) != KD_OK)
            goto cleanup;
    }
    out->iterations = job->fn * job->fp;
    out->stop = KD_ITER_STOP_COMPLETED;
    out->seconds = _kd_iter_now() - t0;
    KD_T(finish)(c, out, psi_re, psi_im, N);

cleanup:
    flint_free(obuf);
    KD_T(cvec_free)(sum_re, sum_im, N);
    KD_T(cvec_free)(psi_re, psi_im, N);
    S_CLEAR(eps);
    S_CLEAR(delta);
    S_CLEAR(einv);
    S_CLEAR(LA);
    S_CLEAR(alpha);
    S_CLEAR(tmp);
    S_CLEAR(pS);
    KD_T(pd_clear)(s, m, N);
    KD_T(ctx_clear)(c);
    return st;
}

/* ------------------------------------- coordinate descent (scaled LASSO)

   Cyclic coordinate descent with MATLAB lasso's stopping rule as
   reconstructed in lasso-probe.md §3, or glmnet's: J. Friedman, T. Hastie
   and R. Tibshirani, "Regularization paths for generalized linear models
   via coordinate descent", J. Stat. Softw. 33(1), 2010 (the naive update). */

/* State of the cyclic coordinate descent. X0 is stored by columns so that
   a coordinate update reads one contiguous column. */
typedef struct
{
    slong m;
    slong N;
    int unit;                   /* standardized: s_j = 1, no operation */
    SV X0;                      /* N * m, column j at X0 + j m */
    SV Y0;                      /* m */
    SV r;                       /* m: Y0 - X0 b, maintained */
    SV b;                       /* N */
    SV bold;                    /* N */
    SV sh;                      /* N: s_j = ||X0_j||^2/m when not unit */
    SV tmp;                     /* m */
    S_DECL(Lambda);
    S_DECL(mS);                 /* m as a working-format number */
    S_DECL(t);
    S_DECL(acc);
    S_DECL(z);
    S_DECL(nw);
    S_DECL(d);                  /* the last update's change */
    S_DECL(one);
}
KD_T(cd_struct);

/* Updates coordinate j; returns 1 when b_j changed (its change is in s->d).
   z = (X0_j^T r)/m + s_j b_j, b_j <- soft(z, Lambda)/s_j,
   r <- r - X0_j (new - old). This is the hot loop of the 4*10^8-sweep
   reproduction: scalars live in locals (S_LOCAL: registers for double,
   aliases of the preallocated mpfr_t for MPFR) so that the double build
   keeps them out of memory. */
static inline int
KD_T(cd_update)(KD_T(cd_struct) * s, slong j)
{
    slong i, m = s->m;
    SV col = s->X0 + j * m;
    SV r = s->r;
    SV b = s->b;
    S_LOCAL(t, s->t);
    S_LOCAL(acc, s->acc);
    S_LOCAL(z, s->z);
    S_LOCAL(nw, s->nw);
    S_LOCAL(d, s->d);
    S_LOCAL_COPY(Lambda, s->Lambda);

    S_ZERO(acc);
    for (i = 0; i < m; i++)
    {
        S_MUL(t, E(col, i), E(r, i));
        S_ADD(acc, acc, t);
    }
    S_DIV(z, acc, s->mS);
    if (s->unit)
        S_ADD(z, z, E(b, j));
    else
    {
        if (S_IS_ZERO(E(s->sh, j)))
            return 0;
        S_MUL(t, E(s->sh, j), E(b, j));
        S_ADD(z, z, t);
    }
    if (S_GT(z, Lambda))
        S_SUB(nw, z, Lambda);
    else
    {
        S_NEG(t, Lambda);
        if (S_LT(z, t))
            S_ADD(nw, z, Lambda);
        else
            S_ZERO(nw);
    }
    if (!s->unit)
        S_DIV(nw, nw, E(s->sh, j));
    if (S_EQ(nw, E(b, j)))
        return 0;
    S_SUB(d, nw, E(b, j));
    for (i = 0; i < m; i++)
    {
        S_MUL(t, E(col, i), d);
        S_SUB(E(r, i), E(r, i), t);
    }
    S_SET(E(b, j), nw);
    S_LOCAL_STORE(s->d, d);
    return 1;
}

/* res = max over the listed j of |b_j - bold_j| / (1 + |bold_j|) (MATLAB's
   relative change; unlisted coordinates did not move) */
static inline void
KD_T(cd_relchange)(KD_T(cd_struct) * s, S_DECL(*res), const slong * list, slong len)
{
    slong l, j;
    S_LOCAL(t, s->t);
    S_LOCAL(u, s->z);
    S_LOCAL(mx, s->acc);
    S_ZERO(mx);
    for (l = 0; l < len; l++)
    {
        j = list[l];
        S_SUB(t, E(s->b, j), E(s->bold, j));
        S_ABS(t, t);
        S_ABS(u, E(s->bold, j));
        S_ADD(u, s->one, u);
        S_DIV(t, t, u);
        if (S_GT(t, mx))
            S_SET(mx, t);
    }
    S_SET(*res, mx);
}

static kd_status
KD_T(run_cd)(_kd_iter_out_struct * out, const _kd_iter_job_struct * job)
{
    slong _prec = job->prec, m = job->m, N = job->N, i, j, l, it, nact, nall;
    KD_T(cd_struct) s[1];
    SV X, y, mu, sig;
    S_DECL(tol);
    S_DECL(rel);
    S_DECL(ybar);
    slong * act = NULL, * all = NULL;
    char * inact = NULL, * inP = NULL;
    kd_status st = KD_OK;
    double t0;
    int ok = 1, converged = 0, anyP, grows, glmnet = (job->method == _KD_ITER_CD_GLMNET);

    X = y = mu = sig = NULL;
    s->X0 = s->Y0 = s->r = s->b = s->bold = s->sh = s->tmp = NULL;
    s->m = m;
    s->N = N;
    s->unit = job->standardize;
    S_INIT(s->Lambda);
    S_INIT(s->mS);
    S_INIT(s->t);
    S_INIT(s->acc);
    S_INIT(s->z);
    S_INIT(s->nw);
    S_INIT(s->d);
    S_INIT(s->one);
    S_INIT(tol);
    S_INIT(rel);
    S_INIT(ybar);
    ok &= KD_T(vec_load)(&X, job->A_re, m * N, _prec);
    ok &= KD_T(vec_load)(&y, job->y_re, m, _prec);
    ok &= KD_T(vec_load)(&mu, NULL, N, _prec) & KD_T(vec_load)(&sig, NULL, N, _prec);
    ok &= KD_T(vec_load)(&s->X0, NULL, m * N, _prec);
    ok &= KD_T(vec_load)(&s->Y0, NULL, m, _prec) & KD_T(vec_load)(&s->r, NULL, m, _prec);
    ok &= KD_T(vec_load)(&s->b, NULL, N, _prec) & KD_T(vec_load)(&s->bold, NULL, N, _prec);
    ok &= KD_T(vec_load)(&s->sh, NULL, N, _prec) & KD_T(vec_load)(&s->tmp, NULL, m, _prec);
    act = flint_malloc(N * sizeof(slong));
    all = flint_malloc(N * sizeof(slong));
    inact = flint_calloc(N, 1);
    inP = flint_calloc(N, 1);
    if (!ok || act == NULL || all == NULL || inact == NULL || inP == NULL)
    {
        st = KD_ERR_NOMEM;
        goto cleanup;
    }

    t0 = _kd_iter_now();
    S_LOAD(s->Lambda, job->lambda);
    S_LOAD(tol, job->tol);
    S_SET_SI(s->mS, m);
    S_SET_SI(s->one, 1);

    /* standardise: mu_j = sum_i X_ij / m, sigma_j = sqrt(sum_i (X_ij -
       mu_j)^2 / m) (population std), X0 = (X - mu)/sigma, Y0 = y - ybar */
    for (j = 0; j < N; j++)
    {
        if (job->intercept)
        {
            S_ZERO(s->acc);
            for (i = 0; i < m; i++)
                S_ADD(s->acc, s->acc, E(X, i * N + j));
            S_DIV(E(mu, j), s->acc, s->mS);
        }
        S_ZERO(s->acc);
        for (i = 0; i < m; i++)
        {
            S_SUB(s->t, E(X, i * N + j), E(mu, j));
            S_SET(E(s->X0, j * m + i), s->t);
            S_MUL(s->t, s->t, s->t);
            S_ADD(s->acc, s->acc, s->t);
        }
        if (job->standardize)
        {
            S_DIV(s->acc, s->acc, s->mS);
            S_SQRT(E(sig, j), s->acc);
            if (S_IS_ZERO(E(sig, j)))
                S_SET_SI(E(sig, j), 1);
            for (i = 0; i < m; i++)
                S_DIV(E(s->X0, j * m + i), E(s->X0, j * m + i), E(sig, j));
        }
        else
        {
            S_SET_SI(E(sig, j), 1);
            S_DIV(E(s->sh, j), s->acc, s->mS);      /* s_j = ||X0_j||^2/m */
        }
    }
    S_ZERO(ybar);
    if (job->intercept)
    {
        for (i = 0; i < m; i++)
            S_ADD(ybar, ybar, E(y, i));
        S_DIV(ybar, ybar, s->mS);
    }
    for (i = 0; i < m; i++)
    {
        S_SUB(E(s->Y0, i), E(y, i), ybar);
        S_SET(E(s->r, i), E(s->Y0, i));
    }
    for (j = 0; j < N; j++)
        all[j] = j;
    nall = N;
    nact = 0;

    if (!glmnet)
    {
        /* MATLAB's rule, lasso-probe.md §3 */
        for (it = 1; it <= job->max_iter; it++)
        {
            out->iterations = it;
            for (l = 0; l < nact; l++)
                S_SET(E(s->bold, act[l]), E(s->b, act[l]));
            for (l = 0; l < nact; l++)
                KD_T(cd_update)(s, act[l]);
            KD_T(cd_relchange)(s, &rel, act, nact);
            if (!S_LT(rel, tol))
                continue;
            /* the active set converged: screen all predictors against the
               recomputed residual Y0 - X0 b */
            anyP = grows = 0;
            for (j = 0; j < N; j++)
                S_SET(E(s->bold, j), E(s->b, j));
            for (i = 0; i < m; i++)
            {
                S_ZERO(s->acc);
                for (j = 0; j < N; j++)
                {
                    S_MUL(s->t, E(s->X0, j * m + i), E(s->b, j));
                    S_ADD(s->acc, s->acc, s->t);
                }
                S_SUB(E(s->tmp, i), E(s->Y0, i), s->acc);
            }
            for (j = 0; j < N; j++)
            {
                S_ZERO(s->acc);
                for (i = 0; i < m; i++)
                {
                    S_MUL(s->t, E(s->X0, j * m + i), E(s->tmp, i));
                    S_ADD(s->acc, s->acc, s->t);
                }
                S_ABS(s->acc, s->acc);
                inP[j] = S_GT(s->acc, s->Lambda);
                anyP |= inP[j];
                grows |= (inP[j] && !inact[j]);
            }
            if (anyP)
                for (j = 0; j < N; j++)
                    if (inact[j] || inP[j])
                        KD_T(cd_update)(s, j);
            if (!grows)
            {
                converged = 1;
                break;
            }
            nact = 0;
            for (j = 0; j < N; j++)
            {
                inact[j] |= inP[j];
                if (inact[j])
                    act[nact++] = j;
            }
            KD_T(cd_relchange)(s, &rel, all, nall);
            if (S_LT(rel, tol))
            {
                converged = 1;
                break;
            }
        }
    }
    else
    {
        /* glmnet's rule (Friedman-Hastie-Tibshirani 2010): full sweeps
           alternating with sweeps over the ever-active set (in order of
           entry), each judged by max_j xv_j (Delta b_j)^2 < thr,
           thr = thresh var(Y0) */
        S_ZERO(s->acc);
        for (i = 0; i < m; i++)
        {
            S_MUL(s->t, E(s->Y0, i), E(s->Y0, i));
            S_ADD(s->acc, s->acc, s->t);
        }
        S_DIV(s->acc, s->acc, s->mS);
        S_MUL(tol, tol, s->acc);
        it = 0;
        for (;;)
        {
            if (it >= job->max_iter)
                break;
            it++;
            S_ZERO(rel);
            for (j = 0; j < N; j++)
            {
                if (!KD_T(cd_update)(s, j))
                    continue;
                if (!inact[j])
                {
                    inact[j] = 1;
                    act[nact++] = j;
                }
                S_MUL(s->t, s->d, s->d);
                if (!s->unit)
                    S_MUL(s->t, E(s->sh, j), s->t);
                if (S_GT(s->t, rel))
                    S_SET(rel, s->t);
            }
            if (S_LT(rel, tol))
            {
                converged = 1;
                break;
            }
            for (;;)
            {
                if (it >= job->max_iter)
                    break;
                it++;
                S_ZERO(rel);
                for (l = 0; l < nact; l++)
                {
                    j = act[l];
                    if (!KD_T(cd_update)(s, j))
                        continue;
                    S_MUL(s->t, s->d, s->d);
                    if (!s->unit)
                        S_MUL(s->t, E(s->sh, j), s->t);
                    if (S_GT(s->t, rel))
                        S_SET(rel, s->t);
                }
                if (S_LT(rel, tol))
                    break;
            }
        }
        out->iterations = it;
    }
    out->warned = !converged;
    out->stop = converged ? KD_ITER_STOP_TOLERANCE : KD_ITER_STOP_MAX_ITER;

    /* original scale: B = b/sigma, intercept = ybar - mu^T B */
    S_ZERO(s->acc);
    for (j = 0; j < N; j++)
    {
        if (job->standardize)
            S_DIV(s->z, E(s->b, j), E(sig, j));
        else
            S_SET(s->z, E(s->b, j));
        S_STORE(out->B + j, s->z);
        S_MUL(s->t, E(mu, j), s->z);
        S_ADD(s->acc, s->acc, s->t);
        S_STORE(out->x_re + j, E(s->b, j));
    }
    S_SUB(s->t, ybar, s->acc);
    S_STORE(out->intercept, s->t);
    out->seconds = _kd_iter_now() - t0;
    for (j = 0; j < N; j++)
        if (!S_IS_FINITE(E(s->b, j)))
            out->stop = KD_ITER_STOP_NONFINITE;

cleanup:
    SV_FREE(X, m * N);
    SV_FREE(y, m);
    SV_FREE(mu, N);
    SV_FREE(sig, N);
    SV_FREE(s->X0, m * N);
    SV_FREE(s->Y0, m);
    SV_FREE(s->r, m);
    SV_FREE(s->b, N);
    SV_FREE(s->bold, N);
    SV_FREE(s->sh, N);
    SV_FREE(s->tmp, m);
    S_CLEAR(s->Lambda);
    S_CLEAR(s->mS);
    S_CLEAR(s->t);
    S_CLEAR(s->acc);
    S_CLEAR(s->z);
    S_CLEAR(s->nw);
    S_CLEAR(s->d);
    S_CLEAR(s->one);
    S_CLEAR(tol);
    S_CLEAR(rel);
    S_CLEAR(ybar);
    flint_free(act);
    flint_free(all);
    flint_free(inact);
    flint_free(inP);
    return st;
}

/* ------------------------------------------------------------- dispatch */

kd_status
KD_T(_kd_iter_run)(_kd_iter_out_struct * out, const _kd_iter_job_struct * job)
{
    switch (job->method)
    {
        case _KD_ITER_ISTA: return KD_T(run_p2)(out, job, 0);
        case _KD_ITER_FISTA: return KD_T(run_p2)(out, job, 1);
        case _KD_ITER_PD_P3:
        case _KD_ITER_PD_P1: return KD_T(run_pd)(out, job);
        case _KD_ITER_FIRENET: return KD_T(run_firenet)(out, job);
        case _KD_ITER_CD_MATLAB:
        case _KD_ITER_CD_GLMNET: return KD_T(run_cd)(out, job);
    }
    return KD_ERR_ARG;
}
