/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Certification against the exact data in ball arithmetic: a support/sign
   pattern is proved to be that of the unique minimiser (or refuted), and
   candidates get certified distances, objectives and duality gaps
   (proofs-notes/solvers.md §3-§4). */
#include <string.h>
#include "kdigits/certify.h"
#include "kdigits/alg.h"
#include "../problem/internal.h"
#include "internal.h"
#include "equality.h"

/* Real and imaginary parts of an exact matrix as arb matrices. */
static kd_status
eval_parts(arb_mat_t R, arb_mat_t I, const kd_mat_t A, slong prec)
{
    acb_mat_t T;
    slong i, j;
    kd_status st;
    acb_mat_init(T, A->r, A->c);
    st = kd_mat_eval_acb_mat(T, A, prec);
    if (st == KD_OK)
        for (i = 0; i < A->r; i++)
            for (j = 0; j < A->c; j++)
            {
                arb_set(arb_mat_entry(R, i, j), acb_realref(acb_mat_entry(T, i, j)));
                if (I != NULL)
                    arb_set(arb_mat_entry(I, i, j), acb_imagref(acb_mat_entry(T, i, j)));
            }
    acb_mat_clear(T);
    return st;
}

/* The exact data as balls: real and imaginary parts, weights, parameter. */
typedef struct
{
    arb_mat_t Ar, Ai, yr, yi, w;
    arb_t param;
}
cdata;

static kd_status
cdata_init(cdata * C, const kd_problem_t P, slong prec)
{
    kd_status st = KD_OK;
    if (!P->has_data)
        st = kd_error_set(KD_ERR_ARG, "the problem has no exact data (given by oracles only): "
                          "nothing to certify against");
    arb_mat_init(C->Ar, P->A->r, P->A->c);
    arb_mat_init(C->Ai, P->A->r, P->A->c);
    arb_mat_init(C->yr, P->A->r, 1);
    arb_mat_init(C->yi, P->A->r, 1);
    arb_mat_init(C->w, P->A->c, 1);
    arb_init(C->param);
    if (st == KD_OK && (st = eval_parts(C->Ar, C->Ai, P->A, prec)) == KD_OK
        && (st = eval_parts(C->yr, C->yi, P->y, prec)) == KD_OK
        && (st = eval_parts(C->w, NULL, P->w, prec)) == KD_OK)
        st = kd_real_eval_arb(C->param, P->param, prec);
    return st;
}

static void
cdata_clear(cdata * C)
{
    arb_mat_clear(C->Ar);
    arb_mat_clear(C->Ai);
    arb_mat_clear(C->yr);
    arb_mat_clear(C->yi);
    arb_mat_clear(C->w);
    arb_clear(C->param);
}

/* r = y - A x (x is N x 1 with zeros off E). */
static void
residual(arb_mat_t r, const cdata * D, const arb_mat_t x, slong prec)
{
    arb_mat_mul(r, D->Ar, x, prec);
    arb_mat_sub(r, D->yr, r, prec);
}

static void
sqnorm(arb_t s, const arb_mat_t v, slong prec)
{
    slong i;
    arb_zero(s);
    for (i = 0; i < arb_mat_nrows(v); i++)
        arb_addmul(s, arb_mat_entry(v, i, 0), arb_mat_entry(v, i, 0), prec);
}

/* Strict signs on E and strict dual feasibility |2 a_j^T r| < mu w_j off E
   for the P2(mu) candidate x. */
static kd_truth
check_p2_conditions(const cdata * D, const arb_mat_t x, const arb_t mu,
                    const slong * E, const int * s, slong nE, slong prec)
{
    slong i, j, k, m = arb_mat_nrows(D->Ar), N = arb_mat_ncols(D->Ar);
    kd_truth t = KD_TRUE;
    arb_mat_t r;
    arb_t c, b;
    arb_mat_init(r, m, 1);
    arb_init(c);
    arb_init(b);
    for (k = 0; k < nE && t != KD_FALSE; k++)
    {
        arb_mul_si(c, arb_mat_entry(x, E[k], 0), s[k], prec);
        if (arb_is_negative(c))
            t = KD_FALSE;
        else if (!arb_is_positive(c))
            t = KD_UNKNOWN;
    }
    residual(r, D, x, prec);
    for (j = 0, k = 0; j < N && t != KD_FALSE; j++)
    {
        if (k < nE && E[k] == j)
        {
            k++;
            continue;
        }
        arb_zero(c);
        for (i = 0; i < m; i++)
            arb_addmul(c, arb_mat_entry(D->Ar, i, j), arb_mat_entry(r, i, 0), prec);
        arb_mul_2exp_si(c, c, 1);
        arb_abs(c, c);
        arb_mul(b, mu, arb_mat_entry(D->w, j, 0), prec);
        if (arb_lt(c, b))
            continue;
        if (arb_gt(c, b))
            t = KD_FALSE;
        else
            t = KD_UNKNOWN;
    }
    arb_mat_clear(r);
    arb_clear(c);
    arb_clear(b);
    return t;
}

/* The square pattern (|E| = m): x_E = A_E^{-1} y, v = A_E^{-T} (w_E s),
   strict signs, |a_j^T v| < w_j off E, and for P3 lambda^2 ||v||^2 < 1. */
static kd_truth
certify_square(const cdata * D, arb_mat_t x, const slong * E, const int * s,
               slong nE, int p3, slong prec)
{
    slong m = nE, N = arb_mat_ncols(D->Ar), i, j, k, kk = 0;
    kd_truth tr = KD_UNKNOWN;
    arb_mat_t AE, ATr, v, wE, xb;
    arb_t t;
    arb_mat_init(AE, m, m);
    arb_mat_init(ATr, m, m);
    arb_mat_init(v, m, 1);
    arb_mat_init(wE, m, 1);
    arb_mat_init(xb, m, 1);
    arb_init(t);
    for (i = 0; i < m; i++)
        for (k = 0; k < nE; k++)
            arb_set(arb_mat_entry(AE, i, k), arb_mat_entry(D->Ar, i, E[k]));
    for (k = 0; k < nE; k++)
        arb_mul_si(arb_mat_entry(wE, k, 0), arb_mat_entry(D->w, E[k], 0), s[k], prec);
    arb_mat_transpose(ATr, AE);
    if (arb_mat_solve(xb, AE, D->yr, prec) && arb_mat_solve(v, ATr, wE, prec))
    {
        tr = KD_TRUE;
        for (k = 0; k < nE; k++)
            arb_set(arb_mat_entry(x, E[k], 0), arb_mat_entry(xb, k, 0));
        for (k = 0; k < nE && tr != KD_FALSE; k++)
        {
            arb_mul_si(t, arb_mat_entry(xb, k, 0), s[k], prec);
            if (arb_is_negative(t))
                tr = KD_FALSE;
            else if (!arb_is_positive(t))
                tr = KD_UNKNOWN;
        }
        for (j = 0; j < N && tr != KD_FALSE; j++)
        {
            if (kk < nE && E[kk] == j)
            {
                kk++;
                continue;
            }
            arb_zero(t);
            for (i = 0; i < m; i++)
                arb_addmul(t, arb_mat_entry(D->Ar, i, j), arb_mat_entry(v, i, 0), prec);
            arb_abs(t, t);
            if (arb_gt(t, arb_mat_entry(D->w, j, 0)))
                tr = KD_FALSE;
            else if (!arb_lt(t, arb_mat_entry(D->w, j, 0)))
                tr = KD_UNKNOWN;
        }
        if (p3 && tr != KD_FALSE)
        {
            arb_t one;
            arb_init(one);
            arb_one(one);
            sqnorm(t, v, prec);
            arb_mul(t, t, D->param, prec);
            arb_mul(t, t, D->param, prec);
            if (arb_gt(t, one))
                tr = KD_FALSE;
            else if (!arb_lt(t, one))
                tr = KD_UNKNOWN;
            arb_clear(one);
        }
    }
    else
        kd_error_set(KD_OK, "could not prove A_E invertible at %ld bits", prec);
    arb_mat_clear(AE);
    arb_mat_clear(ATr);
    arb_mat_clear(v);
    arb_mat_clear(wE);
    arb_mat_clear(xb);
    arb_clear(t);
    return tr;
}

/* P1 and BP with the empty pattern: x = 0 is feasible iff ||y||^2 - eta^2
   <= 0 (eta = 0 for BP), decided exactly (kd_alg_real_sign: zero in the
   field of the data, a non-zero sign by enclosures), and then it is the
   unique minimiser (||x||_{1,w} > 0 for x != 0). */
static kd_status
zero_feasible(kd_truth * verdict, char ** xs, const kd_problem_t P)
{
    slong i;
    kd_status st;
    int sg;
    kd_real_t e, t;
    kd_real_init(e);
    kd_real_init(t);
    if (P->kind == KD_PROBLEM_P1)
    {
        kd_real_mul(e, P->param, P->param);
        kd_real_neg(e, e);
    }
    for (i = 0; i < P->m; i++)
    {
        kd_real_mul(t, kd_mat_entry_re(P->y, i, 0), kd_mat_entry_re(P->y, i, 0));
        kd_real_add(e, e, t);
    }
    st = P->is_complex ? KD_ERR_UNSUPPORTED : kd_alg_real_sign(&sg, e);
    if (st == KD_OK)
    {
        *verdict = sg <= 0 ? KD_TRUE : KD_FALSE;
        if (sg <= 0 && xs != NULL)
            for (i = 0; i < P->N; i++)
            {
                flint_free(xs[i]);
                xs[i] = flint_malloc(2);
                strcpy(xs[i], "0");
            }
    }
    else if (st == KD_ERR_UNSUPPORTED || st == KD_ERR_UNDECIDED)
    {
        kd_error_prefix("x = 0: ||y|| <= eta not decided");
        st = KD_OK;
    }
    kd_real_clear(e);
    kd_real_clear(t);
    return st;
}

kd_status
kd_certify_pattern(kd_truth * verdict, arb_mat_t x, arb_t mu, const kd_problem_t P,
                   const slong * E, const int * s, slong nE, slong prec)
{
    return kd_certify_pattern_exact(verdict, x, mu, NULL, P, E, s, nE, prec);
}

kd_status
kd_certify_pattern_exact(kd_truth * verdict, arb_mat_t x, arb_t mu, char ** xs,
                         const kd_problem_t P, const slong * E, const int * s, slong nE,
                         slong prec)
{
    slong m = P->A->r, N = P->A->c, i, k;
    kd_status st;
    cdata D;
    arb_mat_t AE, G, B, UV, r0, r1;
    arb_t a, t;
    int zero_res = 0;

    *verdict = KD_UNKNOWN;
    if (arb_mat_nrows(x) != N || arb_mat_ncols(x) != 1)
        return kd_error_set(KD_ERR_SIZE, "enclosure must be %ld x 1", N);
    for (k = 0; k < nE; k++)
        if (E[k] < 0 || E[k] >= N || (k > 0 && E[k] <= E[k - 1]) || (s[k] != 1 && s[k] != -1))
            return kd_error_set(KD_ERR_ARG, "pattern: indices must increase within [0, %ld) and signs be +-1", N);
    if (P->is_complex)
    {
        kd_error_set(KD_OK, "pattern certification is implemented for real data only");
        return KD_OK;
    }
    if ((st = cdata_init(&D, P, prec)) != KD_OK)
    {
        cdata_clear(&D);
        return st;
    }
    arb_mat_zero(x);
    arb_zero(mu);
    if (nE == 0)
    {
        /* x = 0: optimal iff |2 a_j^T y| <= mu w_j (P2), etc.; only P2 and
           P3 have a natural mu here; P1 with eta >= ||y|| and BP with y = 0
           are decided by the callers' exact paths */
        if (P->kind == KD_PROBLEM_P2)
        {
            arb_set(mu, D.param);
            *verdict = check_p2_conditions(&D, x, mu, E, s, 0, prec);
        }
        else if (P->kind == KD_PROBLEM_P3)
        {
            sqnorm(mu, D.yr, prec);
            arb_sqrt(mu, mu, prec);
            arb_mul(mu, mu, D.param, prec);
            arb_mul_2exp_si(mu, mu, 1);
            if (arb_is_positive(mu))
                *verdict = check_p2_conditions(&D, x, mu, E, s, 0, prec);
        }
        else    /* P1, BP: x = 0 is the unique minimiser iff ||y|| <= eta (BP: y = 0) */
            st = zero_feasible(verdict, xs, P);
        cdata_clear(&D);
        return st;
    }

    arb_mat_init(AE, m, nE);
    arb_mat_init(G, nE, nE);
    arb_mat_init(B, nE, 2);
    arb_mat_init(UV, nE, 2);
    arb_mat_init(r0, m, 1);
    arb_mat_init(r1, m, 1);
    arb_init(a);
    arb_init(t);
    for (i = 0; i < m; i++)
        for (k = 0; k < nE; k++)
            arb_set(arb_mat_entry(AE, i, k), arb_mat_entry(D.Ar, i, E[k]));

    if (P->kind == KD_PROBLEM_BP || (P->kind == KD_PROBLEM_P3 && nE == m)
        || (P->kind == KD_PROBLEM_P1 && kd_real_is_zero(P->param)))
    {
        /* BP (and P1 with eta = 0, the same problem), and P3 with A_E
           square: then y is in the range of A_E, so a minimiser with this
           pattern has zero residual and the P3 optimality condition is a
           BP dual certificate v with lambda ||v|| < 1 (proofs-notes/
           solvers.md §3). |E| < m: y in range(A_E) is an equality, decided
           exactly (proofs-notes/exact.md §2). */
        if (nE == m)
        {
            int done;
            *verdict = certify_square(&D, x, E, s, nE, P->kind == KD_PROBLEM_P3, prec);
            if (*verdict == KD_TRUE && xs != NULL)
                st = _kd_certify_exact_point(&done, xs, P, E, nE);
        }
        else
        {
            int applies;
            st = _kd_certify_zero_residual(verdict, &applies, x, xs, P, D.Ar, D.w, NULL,
                                           E, s, nE, prec);
        }
        goto cleanup;
    }

    /* u = G^{-1} A_E^T y, v = G^{-1} (w_E s) / 2, so x_E(mu) = u - mu v */
    {
        arb_mat_t AET;
        arb_mat_init(AET, nE, m);
        arb_mat_transpose(AET, AE);
        arb_mat_mul(G, AET, AE, prec);
        for (k = 0; k < nE; k++)
        {
            arb_zero(t);
            for (i = 0; i < m; i++)
                arb_addmul(t, arb_mat_entry(AET, k, i), arb_mat_entry(D.yr, i, 0), prec);
            arb_set(arb_mat_entry(B, k, 0), t);
            arb_mul_si(arb_mat_entry(B, k, 1), arb_mat_entry(D.w, E[k], 0), s[k], prec);
            arb_mul_2exp_si(arb_mat_entry(B, k, 1), arb_mat_entry(B, k, 1), -1);
        }
        arb_mat_clear(AET);
    }
    if (!arb_mat_solve(UV, G, B, prec))
    {
        kd_error_set(KD_OK, "could not prove A_E^T A_E invertible at %ld bits", prec);
        goto cleanup;
    }

    if (P->kind == KD_PROBLEM_P2)
        arb_set(mu, D.param);
    else
    {
        /* r(mu) = A x(mu) - y = r0 - mu r1 with r0 = A_E u - y orthogonal to
           r1 = A_E v (r0 is the least-squares residual of y on A_E), so
           ||r(mu)||^2 = ||r0||^2 + mu^2 ||r1||^2 exactly */
        arb_t n0, n1;
        arb_mat_t U, V;
        arb_init(n0);
        arb_init(n1);
        arb_mat_init(U, nE, 1);
        arb_mat_init(V, nE, 1);
        for (k = 0; k < nE; k++)
        {
            arb_set(arb_mat_entry(U, k, 0), arb_mat_entry(UV, k, 0));
            arb_set(arb_mat_entry(V, k, 0), arb_mat_entry(UV, k, 1));
        }
        arb_mat_mul(r0, AE, U, prec);
        arb_mat_sub(r0, r0, D.yr, prec);
        arb_mat_mul(r1, AE, V, prec);
        sqnorm(n0, r0, prec);
        sqnorm(n1, r1, prec);
        arb_indeterminate(mu);
        if (P->kind == KD_PROBLEM_P3)
        {
            /* mu = 2 lambda ||r(mu)||: mu^2 (1 - 4 lambda^2 ||r1||^2) = 4 lambda^2 ||r0||^2 */
            arb_mul(t, D.param, D.param, prec);
            arb_mul_2exp_si(t, t, 2);
            arb_mul(a, t, n1, prec);
            arb_sub_ui(a, a, 1, prec);
            arb_neg(a, a);
            if (arb_is_positive(a) && arb_is_positive(n0))
            {
                arb_mul(mu, t, n0, prec);
                arb_div(mu, mu, a, prec);
                arb_sqrt(mu, mu, prec);
            }
            else if (!arb_is_positive(n0))
                zero_res = 1;   /* y may be in range(A_E): decided exactly below */
            else
                kd_error_set(KD_OK, "P3 pattern: no positive matching mu proved");
        }
        else /* P1: ||r(mu)|| = eta */
        {
            arb_mul(t, D.param, D.param, prec);
            arb_sub(t, t, n0, prec);
            if (arb_is_positive(t) && arb_is_positive(n1))
            {
                arb_div(mu, t, n1, prec);
                arb_sqrt(mu, mu, prec);
            }
            else
                kd_error_set(KD_OK, "P1 pattern: eta is not proved above the least-squares residual");
        }
        arb_clear(n0);
        arb_clear(n1);
        arb_mat_clear(U);
        arb_mat_clear(V);
        if (zero_res)
        {
            int applies;
            arb_zero(mu);
            st = _kd_certify_zero_residual(verdict, &applies, x, xs, P, D.Ar, D.w, D.param,
                                           E, s, nE, prec);
            if (st != KD_OK || applies)
                goto cleanup;
            kd_error_set(KD_OK, "P3 pattern: y is proved outside the zero-residual regime but no "
                         "positive matching mu was proved at %ld bits", prec);
            arb_mat_zero(x);
        }
        if (!arb_is_finite(mu))
            goto cleanup;
    }
    for (k = 0; k < nE; k++)
    {
        arb_mul(t, mu, arb_mat_entry(UV, k, 1), prec);
        arb_sub(arb_mat_entry(x, E[k], 0), arb_mat_entry(UV, k, 0), t, prec);
    }
    *verdict = check_p2_conditions(&D, x, mu, E, s, nE, prec);
    if (*verdict == KD_TRUE && xs != NULL && P->kind == KD_PROBLEM_P1)
    {
        int done;
        st = _kd_certify_p1_exact(&done, xs, P, E, s, nE);
    }

cleanup:
    arb_mat_clear(AE);
    arb_mat_clear(G);
    arb_mat_clear(B);
    arb_mat_clear(UV);
    arb_mat_clear(r0);
    arb_mat_clear(r1);
    arb_clear(a);
    arb_clear(t);
    cdata_clear(&D);
    return st;
}

kd_status
kd_certify_dist_to_enclosure(arb_t d, const fmpq_mat_t xr, const fmpq_mat_t xi,
                     const arb_mat_t x, const arb_mat_t xim, slong prec)
{
    slong i, N = arb_mat_nrows(x);
    arb_t t;
    if (fmpq_mat_nrows(xr) != N || (xi != NULL && fmpq_mat_nrows(xi) != N))
        return kd_error_set(KD_ERR_SIZE, "candidate has %ld entries, the enclosure %ld",
                            fmpq_mat_nrows(xr), N);
    arb_init(t);
    arb_zero(d);
    for (i = 0; i < N; i++)
    {
        arb_set_fmpq(t, fmpq_mat_entry(xr, i, 0), prec);
        arb_sub(t, t, arb_mat_entry(x, i, 0), prec);
        arb_addmul(d, t, t, prec);
        if (xi != NULL || xim != NULL)
        {
            if (xi != NULL)
                arb_set_fmpq(t, fmpq_mat_entry(xi, i, 0), prec);
            else
                arb_zero(t);
            if (xim != NULL)
                arb_sub(t, t, arb_mat_entry(xim, i, 0), prec);
            arb_addmul(d, t, t, prec);
        }
    }
    arb_sqrtpos(d, d, prec);
    arb_clear(t);
    return KD_OK;
}

kd_truth
kd_certify_le(const arb_t a, const arb_t b)
{
    if (arb_le(a, b))
        return KD_TRUE;
    if (arb_gt(a, b))
        return KD_FALSE;
    return KD_UNKNOWN;
}

kd_truth
kd_certify_digits(const arb_t dist, slong K, slong prec)
{
    arb_t b;
    kd_truth t;
    arb_init(b);
    arb_set_ui(b, 10);
    arb_pow_ui(b, b, (ulong) (K < 0 ? -K : K), prec);
    if (K > 0)
        arb_inv(b, b, prec);
    t = kd_certify_le(dist, b);
    arb_clear(b);
    return t;
}

/* Balls of the candidate's entries and of A xhat - y (real and imaginary). */
static void
candidate_residual(arb_mat_t rr, arb_mat_t ri, arb_mat_t Ar, arb_mat_t Ai,
                   const fmpq_mat_t xr, const fmpq_mat_t xi, const arb_mat_t yr,
                   const arb_mat_t yi, slong prec)
{
    slong N = fmpq_mat_nrows(xr), m = arb_mat_nrows(Ar);
    arb_mat_t a, b, t;
    arb_mat_init(a, N, 1);
    arb_mat_init(b, N, 1);
    arb_mat_init(t, m, 1);
    arb_mat_set_fmpq_mat(a, xr, prec);
    if (xi != NULL)
        arb_mat_set_fmpq_mat(b, xi, prec);
    /* (Ar + i Ai)(a + i b) = (Ar a - Ai b) + i (Ar b + Ai a) */
    arb_mat_mul(rr, Ar, a, prec);
    arb_mat_mul(t, Ai, b, prec);
    arb_mat_sub(rr, rr, t, prec);
    arb_mat_sub(rr, rr, yr, prec);
    arb_mat_mul(ri, Ar, b, prec);
    arb_mat_mul(t, Ai, a, prec);
    arb_mat_add(ri, ri, t, prec);
    arb_mat_sub(ri, ri, yi, prec);
    arb_mat_clear(a);
    arb_mat_clear(b);
    arb_mat_clear(t);
}

/* ||x||_{1,w} of the candidate. */
static void
weighted_l1(arb_t f, const cdata * C, const fmpq_mat_t xr, const fmpq_mat_t xi, slong prec)
{
    slong j;
    arb_t a, b;
    arb_init(a);
    arb_init(b);
    arb_zero(f);
    for (j = 0; j < fmpq_mat_nrows(xr); j++)
    {
        arb_set_fmpq(a, fmpq_mat_entry(xr, j, 0), prec);
        if (xi != NULL)
        {
            arb_set_fmpq(b, fmpq_mat_entry(xi, j, 0), prec);
            arb_hypot(a, a, b, prec);
        }
        else
            arb_abs(a, a);
        arb_addmul(f, a, arb_mat_entry(C->w, j, 0), prec);
    }
    arb_clear(a);
    arb_clear(b);
}

static kd_status
check_candidate(const kd_problem_t P, const fmpq_mat_t xr, const fmpq_mat_t xi)
{
    if (fmpq_mat_nrows(xr) != P->A->c || fmpq_mat_ncols(xr) != 1
        || (xi != NULL && (fmpq_mat_nrows(xi) != P->A->c || fmpq_mat_ncols(xi) != 1)))
        return kd_error_set(KD_ERR_SIZE, "the candidate must be %ld x 1", P->A->c);
    return KD_OK;
}

/* A candidate at the exact data: the data as balls, the residual
   r = A xhat - y (real and imaginary parts) and ||r||^2, computed once for
   the objective, the feasibility test and the gap bound. */
typedef struct
{
    cdata C;
    arb_mat_t rr, ri;
    arb_t nr;
}
cand;

static kd_status
cand_init(cand * c, const kd_problem_t P, const fmpq_mat_t xr, const fmpq_mat_t xi, slong prec)
{
    kd_status st;
    arb_t t;
    arb_mat_init(c->rr, P->A->r, 1);
    arb_mat_init(c->ri, P->A->r, 1);
    arb_init(c->nr);
    if ((st = cdata_init(&c->C, P, prec)) != KD_OK)
        return st;
    arb_init(t);
    candidate_residual(c->rr, c->ri, c->C.Ar, c->C.Ai, xr, xi, c->C.yr, c->C.yi, prec);
    sqnorm(c->nr, c->rr, prec);
    sqnorm(t, c->ri, prec);
    arb_add(c->nr, c->nr, t, prec);
    arb_clear(t);
    return KD_OK;
}

static void
cand_clear(cand * c)
{
    arb_mat_clear(c->rr);
    arb_mat_clear(c->ri);
    arb_clear(c->nr);
    cdata_clear(&c->C);
}

/* f = the objective: ||x||_{1,w} (P1, BP), lambda ||x||_{1,w} + ||r||^2
   (P2), lambda ||x||_{1,w} + ||r|| (P3). */
static void
cand_objective(arb_t f, const cand * c, kd_problem_kind kind, const fmpq_mat_t xr,
               const fmpq_mat_t xi, slong prec)
{
    weighted_l1(f, &c->C, xr, xi, prec);
    if (kind == KD_PROBLEM_P2 || kind == KD_PROBLEM_P3)
    {
        arb_t t;
        arb_init(t);
        if (kind == KD_PROBLEM_P3)
            arb_sqrtpos(t, c->nr, prec);
        else
            arb_set(t, c->nr);
        arb_mul(f, f, c->C.param, prec);
        arb_add(f, f, t, prec);
        arb_clear(t);
    }
}

kd_status
kd_certify_objective(arb_t f, const kd_problem_t P, const fmpq_mat_t xr,
                     const fmpq_mat_t xi, slong prec)
{
    kd_status st;
    cand c;
    if ((st = check_candidate(P, xr, xi)) != KD_OK)
        return st;
    if ((st = cand_init(&c, P, xr, xi, prec)) == KD_OK)
        cand_objective(f, &c, P->kind, xr, xi, prec);
    cand_clear(&c);
    return st;
}

kd_status
kd_certify_objective_arb(arb_t f, const kd_problem_t P, const arb_mat_t x, slong prec)
{
    kd_status st;
    cdata C;
    arb_mat_t r;
    arb_t t;
    slong j;
    if (P->is_complex)
        return kd_error_set(KD_ERR_UNSUPPORTED, "objective of an enclosure: real problems only");
    if (arb_mat_nrows(x) != P->A->c || arb_mat_ncols(x) != 1)
        return kd_error_set(KD_ERR_SIZE, "the candidate must be %ld x 1", P->A->c);
    if ((st = cdata_init(&C, P, prec)) != KD_OK)
    {
        cdata_clear(&C);
        return st;
    }
    arb_mat_init(r, P->A->r, 1);
    arb_init(t);
    arb_zero(f);
    for (j = 0; j < P->A->c; j++)
    {
        arb_abs(t, arb_mat_entry(x, j, 0));
        arb_addmul(f, t, arb_mat_entry(C.w, j, 0), prec);
    }
    if (P->kind == KD_PROBLEM_P2 || P->kind == KD_PROBLEM_P3)
    {
        arb_mat_mul(r, C.Ar, x, prec);
        arb_mat_sub(r, r, C.yr, prec);
        sqnorm(t, r, prec);
        if (P->kind == KD_PROBLEM_P3)
            arb_sqrtpos(t, t, prec);
        arb_mul(f, f, C.param, prec);
        arb_add(f, f, t, prec);
    }
    arb_mat_clear(r);
    arb_clear(t);
    cdata_clear(&C);
    return KD_OK;
}

kd_status
kd_certify_feasible(kd_truth * tr, const kd_problem_t P, const fmpq_mat_t xr,
                      const fmpq_mat_t xi, slong prec)
{
    kd_status st;
    cand c;
    *tr = KD_TRUE;
    if ((st = check_candidate(P, xr, xi)) != KD_OK)
        return st;
    if (P->kind == KD_PROBLEM_P2 || P->kind == KD_PROBLEM_P3)
        return KD_OK;
    if (kd_problem_is_rational(P))
    {
        /* decide the constraint exactly in Q (complex data: real and
           imaginary parts of the residual, both rational) */
        kd_qproblem_t Q;
        fmpq_mat_t r, t;
        fmpq_t n2, e2;
        slong i;
        if ((st = _kd_qproblem_init_data(Q, P, -1)) == KD_OK)
        {
            fmpq_mat_init(r, P->A->r, 1);
            fmpq_mat_init(t, P->A->r, 1);
            fmpq_init(n2);
            fmpq_init(e2);
            fmpq_mat_mul(r, Q->A, xr);
            if (xi != NULL)
            {
                fmpq_mat_mul(t, Q->Ai, xi);
                fmpq_mat_sub(r, r, t);
            }
            fmpq_mat_sub(r, r, Q->y);
            for (i = 0; i < P->A->r; i++)
                fmpq_addmul(n2, fmpq_mat_entry(r, i, 0), fmpq_mat_entry(r, i, 0));
            fmpq_mat_mul(r, Q->Ai, xr);
            if (xi != NULL)
            {
                fmpq_mat_mul(t, Q->A, xi);
                fmpq_mat_add(r, r, t);
            }
            fmpq_mat_sub(r, r, Q->yi);
            for (i = 0; i < P->A->r; i++)
                fmpq_addmul(n2, fmpq_mat_entry(r, i, 0), fmpq_mat_entry(r, i, 0));
            fmpq_mat_clear(t);
            fmpq_mul(e2, Q->param, Q->param);
            *tr = (P->kind == KD_PROBLEM_P1 ? fmpq_cmp(n2, e2) <= 0 : fmpq_is_zero(n2))
                  ? KD_TRUE : KD_FALSE;
            fmpq_mat_clear(r);
            fmpq_clear(n2);
            fmpq_clear(e2);
        }
        kd_qproblem_clear(Q);
        return st;
    }
    if ((st = cand_init(&c, P, xr, xi, prec)) == KD_OK)
    {
        if (P->kind == KD_PROBLEM_P1)
        {
            arb_t e2;
            arb_init(e2);
            arb_mul(e2, c.C.param, c.C.param, prec);
            *tr = kd_certify_le(c.nr, e2);
            arb_clear(e2);
        }
        else
            /* Ax = y can be refuted by balls but only proved when exact */
            *tr = arb_is_positive(c.nr) ? KD_FALSE : (arb_is_zero(c.nr) ? KD_TRUE : KD_UNKNOWN);
        if (*tr == KD_UNKNOWN && P->is_complex
            && (P->kind == KD_PROBLEM_BP || kd_real_is_zero(P->param)))
            st = _kd_certify_equality_exact(tr, P, xr, xi);
    }
    cand_clear(&c);
    return st;
}

/* A P3 residual below 2^-this ||y||_2 counts as zero in the gap bound. */
#define KD_CERTIFY_P3_NOISE_LOG2 40

kd_status
kd_certify_gap_bound(arb_t gap, const kd_problem_t P, const fmpq_mat_t xr,
             const fmpq_mat_t xi, slong prec)
{
    kd_status st;
    cand c;
    arb_t f, theta, t, u, ry;
    arf_t lo;
    slong i, j, m = P->A->r, N = P->A->c;

    if (P->kind != KD_PROBLEM_P2 && P->kind != KD_PROBLEM_P3)
        return kd_error_set(KD_ERR_UNSUPPORTED, "duality-gap bounds are implemented for P2 and P3");
    if ((st = check_candidate(P, xr, xi)) != KD_OK)
        return st;
    if ((st = cand_init(&c, P, xr, xi, prec)) != KD_OK)
    {
        cand_clear(&c);
        return st;
    }
    arb_init(f);
    arb_init(theta);
    arb_init(t);
    arb_init(u);
    arb_init(ry);
    arf_init(lo);
    cand_objective(f, &c, P->kind, xr, xi, prec);
    arb_zero(ry);                                   /* Re <r, y> */
    for (i = 0; i < m; i++)
    {
        arb_addmul(ry, arb_mat_entry(c.rr, i, 0), arb_mat_entry(c.C.yr, i, 0), prec);
        arb_addmul(ry, arb_mat_entry(c.ri, i, 0), arb_mat_entry(c.C.yi, i, 0), prec);
    }
    /* The dual point is u = theta * g r with g = 2 (P2) or 1/||r|| (P3);
       theta <= 1 and theta |(A^* g r)_j| <= lambda w_j make it feasible.
       theta is an exact dyadic below every such bound, so feasibility holds
       for the exact theta, not just for a ball. */
    arf_one(lo);
    if (P->kind == KD_PROBLEM_P3)
    {
        arb_sqrtpos(u, c.nr, prec);                   /* ||r|| */
        /* zero residual, or one proved below 2^-40 ||y|| (rounding noise,
           whose direction says nothing about the minimiser): the trivial
           dual point (proofs-notes/solvers.md §4) */
        arb_zero(t);
        for (i = 0; i < m; i++)
        {
            arb_addmul(t, arb_mat_entry(c.C.yr, i, 0), arb_mat_entry(c.C.yr, i, 0), prec);
            arb_addmul(t, arb_mat_entry(c.C.yi, i, 0), arb_mat_entry(c.C.yi, i, 0), prec);
        }
        arb_mul_2exp_si(t, t, -2 * KD_CERTIFY_P3_NOISE_LOG2);
        if (!arb_is_positive(u) || arb_lt(c.nr, t))
            arf_zero(lo);
    }
    for (j = 0; j < N && !arf_is_zero(lo); j++)
    {
        arb_t re, im;
        arb_init(re);
        arb_init(im);
        /* (A^* r)_j = sum conj(A_ij) r_i */
        for (i = 0; i < m; i++)
        {
            arb_addmul(re, arb_mat_entry(c.C.Ar, i, j), arb_mat_entry(c.rr, i, 0), prec);
            arb_addmul(re, arb_mat_entry(c.C.Ai, i, j), arb_mat_entry(c.ri, i, 0), prec);
            arb_addmul(im, arb_mat_entry(c.C.Ar, i, j), arb_mat_entry(c.ri, i, 0), prec);
            arb_submul(im, arb_mat_entry(c.C.Ai, i, j), arb_mat_entry(c.rr, i, 0), prec);
        }
        arb_hypot(t, re, im, prec);
        if (P->kind == KD_PROBLEM_P2)
            arb_mul_2exp_si(t, t, 1);
        else
            arb_div(t, t, u, prec);
        arb_mul(re, c.C.param, arb_mat_entry(c.C.w, j, 0), prec);
        if (!arb_is_zero(t))
        {
            arb_div(re, re, t, prec);               /* lambda w_j / |(A^* g r)_j| */
            {
                arf_t b;
                arf_init(b);
                arb_get_lbound_arf(b, re, prec);
                if (arf_cmp(b, lo) < 0)
                    arf_set(lo, b);
                arf_clear(b);
            }
        }
        arb_clear(re);
        arb_clear(im);
    }
    if (arf_sgn(lo) < 0)
        arf_zero(lo);
    arb_set_arf(theta, lo);
    /* dual value: P2: -theta^2 ||r||^2 - 2 theta Re<r,y>;  P3: -theta Re<r,y>/||r|| */
    if (P->kind == KD_PROBLEM_P2)
    {
        arb_mul(t, theta, theta, prec);
        arb_mul(t, t, c.nr, prec);
        arb_mul(u, theta, ry, prec);
        arb_mul_2exp_si(u, u, 1);
        arb_add(t, t, u, prec);                     /* = -dual */
    }
    else if (arb_is_zero(theta))
        arb_zero(t);
    else
    {
        arb_mul(t, theta, ry, prec);
        arb_div(t, t, u, prec);
    }
    arb_add(gap, f, t, prec);                       /* f - dual */
    arf_clear(lo);
    arb_clear(f);
    arb_clear(theta);
    arb_clear(t);
    arb_clear(u);
    arb_clear(ry);
    cand_clear(&c);
    return st;
}
