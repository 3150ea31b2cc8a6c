/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The one implementation of the explicit flow integrators, written against
   scalar macros and #included by flow_double.c and flow_mpfr.c (the
   pattern of src/iter/impl.h): same operations in the same order, so MPFR
   at 53 bits reproduces IEEE double.

   A backend defines KD_T(name), SV (vector type), SV_ALLOC(v, n),
   SV_FREE(v, n), E(v, i), S_DECL/S_INIT/S_CLEAR, and rounded-to-nearest
   S_SET, S_ADD, S_SUB, S_MUL, S_MUL_SI, S_DIV_SI, S_IS_FINITE, S_LOAD_D(r, d), S_LOAD_Q(r, q)
   (an fmpq rounded to nearest) and S_STORE_Q(q, a) (the exact value). Every
   function has `slong _prec` in scope. */

typedef struct
{
    slong m, N, D, _prec;
    SV A;       /* m * N row-major */
    SV y;
    SV x;       /* N */
    SV r;       /* m */
    SV z1;      /* 2N stage states */
    SV k1, k2, k3, k4;
    S_DECL(t);
    S_DECL(p);
    S_DECL(h);          /* h, h/2, h/3, h/6 rounded to nearest */
    S_DECL(h2);
    S_DECL(h3);
    S_DECL(h6);
}
KD_T(flow_ctx);

/* dz = F(z), z = (u, v): x = u^D - v^D, g = A^T (A x - y),
   du = -D u^(D-1) g, dv = +D v^(D-1) g. */
static void
KD_T(rhs)(SV dz, SV z, KD_T(flow_ctx) * c)
{
    slong i, j, k, N = c->N, D = c->D, _prec = c->_prec;
    (void) _prec;
    for (j = 0; j < N; j++)
    {
        S_SET(E(dz, j), E(z, j));               /* u^(D-1), kept in dz */
        S_SET(E(dz, N + j), E(z, N + j));
        for (k = 2; k < D; k++)
        {
            S_MUL(E(dz, j), E(dz, j), E(z, j));
            S_MUL(E(dz, N + j), E(dz, N + j), E(z, N + j));
        }
        S_MUL(c->t, E(dz, j), E(z, j));
        S_MUL(c->p, E(dz, N + j), E(z, N + j));
        S_SUB(E(c->x, j), c->t, c->p);
    }
    for (i = 0; i < c->m; i++)
    {
        S_SET(c->t, E(c->y, i));
        S_MUL_SI(c->t, c->t, -1);
        for (j = 0; j < N; j++)
        {
            S_MUL(c->p, E(c->A, i * N + j), E(c->x, j));
            S_ADD(c->t, c->t, c->p);
        }
        S_SET(E(c->r, i), c->t);
    }
    for (j = 0; j < N; j++)
    {
        S_SET(c->t, E(c->A, j));
        S_MUL(c->t, c->t, E(c->r, 0));
        for (i = 1; i < c->m; i++)
        {
            S_MUL(c->p, E(c->A, i * N + j), E(c->r, i));
            S_ADD(c->t, c->t, c->p);
        }
        S_MUL_SI(c->t, c->t, D);
        S_MUL(E(dz, j), E(dz, j), c->t);
        S_MUL_SI(E(dz, j), E(dz, j), -1);
        S_MUL(E(dz, N + j), E(dz, N + j), c->t);
    }
}

/* a = b + s k over 2N entries (s one of the ctx's step scalars) */
#define KD_DLN_AXPY(c, a, b, s, k) \
    do { slong _j; for (_j = 0; _j < 2 * (c)->N; _j++) { \
        S_MUL((c)->t, (c)->s, E(k, _j)); S_ADD(E(a, _j), E(b, _j), (c)->t); } } while (0)

static int
KD_T(all_finite)(SV z, slong n)
{
    slong j;
    for (j = 0; j < n; j++)
        if (!S_IS_FINITE(E(z, j)))
            return 0;
    return 1;
}

/* x = u^D - v^D at the state z, in the same arithmetic (rhs computes it),
   and when H != NULL the flow's metric there: x' = -H A^T (A x - y) with
   H_j = D^2 (u_j^(2D-2) + v_j^(2D-2)). */
static void
KD_T(store_x)(fmpq_mat_t x, fmpq_mat_struct * H, SV z, KD_T(flow_ctx) * c)
{
    slong j, k, N = c->N, _prec = c->_prec;
    (void) _prec;
    KD_T(rhs)(c->k1, z, c);
    fmpq_mat_zero(x);
    for (j = 0; j < N; j++)
        S_STORE_Q(fmpq_mat_entry(x, j, 0), E(c->x, j));
    if (H == NULL)
        return;
    for (j = 0; j < N; j++)
    {
        S_SET(c->t, E(z, j));
        S_SET(c->p, E(z, N + j));
        for (k = 2; k < c->D; k++)
        {
            S_MUL(c->t, c->t, E(z, j));
            S_MUL(c->p, c->p, E(z, N + j));
        }
        S_MUL(c->t, c->t, c->t);
        S_MUL(c->p, c->p, c->p);
        S_ADD(c->t, c->t, c->p);
        S_MUL_SI(c->t, c->t, c->D * c->D);
        S_STORE_Q(fmpq_mat_entry(H, j, 0), c->t);
    }
}

static kd_status
KD_T(flow)(fmpq_mat_t x, slong * steps, const fmpq_mat_t A, const fmpq_mat_t y, slong D,
           const fmpq_t alpha, const kd_dln_flow_opts_struct * o, slong _prec,
           fmpq_mat_struct * H)
{
    KD_T(flow_ctx) c;
    slong i, j, m = fmpq_mat_nrows(A), N = fmpq_mat_ncols(A), n, nsteps;
    SV z;
    fmpq_t q;
    kd_status st = KD_OK;
    c.m = m;
    c.N = N;
    c.D = D;
    c._prec = _prec;
    fmpq_init(q);
    SV_ALLOC(c.A, m * N);
    SV_ALLOC(c.y, m);
    SV_ALLOC(c.x, N);
    SV_ALLOC(c.r, m);
    SV_ALLOC(c.z1, 2 * N);
    SV_ALLOC(c.k1, 2 * N);
    SV_ALLOC(c.k2, 2 * N);
    SV_ALLOC(c.k3, 2 * N);
    SV_ALLOC(c.k4, 2 * N);
    SV_ALLOC(z, 2 * N);
    S_INIT(c.t);
    S_INIT(c.p);
    S_INIT(c.h);
    S_INIT(c.h2);
    S_INIT(c.h3);
    S_INIT(c.h6);
    for (i = 0; i < m; i++)
    {
        for (j = 0; j < N; j++)
            S_LOAD_Q(E(c.A, i * N + j), fmpq_mat_entry(A, i, j));
        S_LOAD_Q(E(c.y, i), fmpq_mat_entry(y, i, 0));
    }
    S_LOAD_Q(E(z, 0), alpha);
    for (j = 1; j < 2 * N; j++)
        S_SET(E(z, j), E(z, 0));
    S_LOAD_D(c.h, o->h);
    S_DIV_SI(c.h2, c.h, 2);
    S_DIV_SI(c.h3, c.h, 3);
    S_DIV_SI(c.h6, c.h, 6);
    nsteps = (slong) ceil(o->T / o->h);
    for (n = 0; n < nsteps; n++)
    {
        KD_T(rhs)(c.k1, z, &c);
        if (o->scheme == KD_DLN_EULER)
            KD_DLN_AXPY(&c, z, z, h, c.k1);
        else
        {
            KD_DLN_AXPY(&c, c.z1, z, h2, c.k1);
            KD_T(rhs)(c.k2, c.z1, &c);
            KD_DLN_AXPY(&c, c.z1, z, h2, c.k2);
            KD_T(rhs)(c.k3, c.z1, &c);
            KD_DLN_AXPY(&c, c.z1, z, h, c.k3);
            KD_T(rhs)(c.k4, c.z1, &c);
            KD_DLN_AXPY(&c, z, z, h6, c.k1);
            KD_DLN_AXPY(&c, z, z, h3, c.k2);
            KD_DLN_AXPY(&c, z, z, h3, c.k3);
            KD_DLN_AXPY(&c, z, z, h6, c.k4);
        }
        if ((n % 256 == 255 || n == nsteps - 1) && !KD_T(all_finite)(z, 2 * N))
        {
            st = kd_error_set(KD_ERR_DOMAIN, "dln: the flow's iterate is not finite after step "
                              "%ld (h = %g too large for this alpha and depth)", (long) n + 1, o->h);
            break;
        }
    }
    if (st == KD_OK)
    {
        KD_T(store_x)(x, H, z, &c);
    }
    if (steps != NULL)
        *steps = n;
    SV_FREE(c.A, m * N);
    SV_FREE(c.y, m);
    SV_FREE(c.x, N);
    SV_FREE(c.r, m);
    SV_FREE(c.z1, 2 * N);
    SV_FREE(c.k1, 2 * N);
    SV_FREE(c.k2, 2 * N);
    SV_FREE(c.k3, 2 * N);
    SV_FREE(c.k4, 2 * N);
    SV_FREE(z, 2 * N);
    S_CLEAR(c.t);
    S_CLEAR(c.p);
    S_CLEAR(c.h);
    S_CLEAR(c.h2);
    S_CLEAR(c.h3);
    S_CLEAR(c.h6);
    fmpq_clear(q);
    return st;
}
