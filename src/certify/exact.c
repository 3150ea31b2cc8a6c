/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Zero-residual certificates (BP, P1 with eta = 0, P3 with y in the range
   of A_E) for irrational data: the equalities (A_E of full column rank,
   y in range(A_E), x_E) decided exactly in a cyclotomic field, the strict
   inequalities (signs, the least-norm dual certificate, lambda ||v|| < 1)
   in ball arithmetic (proofs-notes/exact.md §2). */
#include "kdigits/certify.h"
#include "kdigits/alg.h"
#include "kdigits/qfield.h"
#include "../problem/internal.h"
#include <math.h>
#include <string.h>
#include "internal.h"

/* The conductor of the exact data the certificate needs: A_E, y, w_E. */
kd_status
_kd_certify_data_conductor(slong * L, const kd_problem_t P, const slong * E, slong nE)
{
    slong i, k;
    kd_status st = KD_OK;
    for (i = 0; i < P->A->r && st == KD_OK; i++)
    {
        for (k = 0; k < nE && st == KD_OK; k++)
            st = kd_cyclo_conductor_complex(L, kd_mat_entry(P->A, i, E[k]), 0);
        if (st == KD_OK)
            st = kd_cyclo_conductor_complex(L, kd_mat_entry(P->y, i, 0), 0);
    }
    for (k = 0; k < nE && st == KD_OK; k++)
        st = kd_cyclo_conductor_complex(L, kd_mat_entry(P->w, E[k], 0), 0);
    return st;
}

kd_status
_kd_certify_load_AE_y(kd_cyclo_mat_t AE, kd_cyclo_mat_t y, const kd_problem_t P,
                      const slong * E, slong nE, kd_cyclo_t K)
{
    slong i, k;
    kd_status st = KD_OK;
    for (i = 0; i < P->A->r && st == KD_OK; i++)
    {
        for (k = 0; k < nE && st == KD_OK; k++)
            st = kd_cyclo_set_complex(kd_cyclo_mat_entry(AE, i, k), kd_mat_entry(P->A, i, E[k]), K);
        if (st == KD_OK && y != NULL)
            st = kd_cyclo_set_complex(kd_cyclo_mat_entry(y, i, 0), kd_mat_entry(P->y, i, 0), K);
    }
    return st;
}

/* The strict inequalities at precision prec: |a_j^T v| < w_j off E and,
   for P3, lambda^2 ||v||^2 < 1. KD_TRUE, KD_FALSE (one is violated by the
   least-norm v: no refutation of the pattern, see the caller) or
   KD_UNKNOWN (undecided at prec); *bad receives the first offending j, or
   -1 for the norm condition. */
kd_truth
_kd_certify_dual_checks(slong * bad, const arb_mat_t Ar, const arb_mat_t w, const arb_t lambda,
            const arb_mat_t v, const slong * E, slong nE, slong prec)
{
    slong i, j, k = 0, m = arb_mat_nrows(Ar), N = arb_mat_ncols(Ar);
    kd_truth tr = KD_TRUE;
    arb_t t;
    arb_init(t);
    *bad = -2;
    for (j = 0; j < N && tr != KD_FALSE; j++)
    {
        if (k < nE && E[k] == j)
        {
            k++;
            continue;
        }
        arb_zero(t);
        for (i = 0; i < m; i++)
            arb_addmul(t, arb_mat_entry(Ar, i, j), arb_mat_entry(v, i, 0), prec);
        arb_abs(t, t);
        if (arb_lt(t, arb_mat_entry(w, j, 0)))
            continue;
        *bad = j;
        tr = arb_gt(t, arb_mat_entry(w, j, 0)) ? KD_FALSE : KD_UNKNOWN;
    }
    if (lambda != NULL && tr != KD_FALSE)
    {
        arb_zero(t);
        for (i = 0; i < m; i++)
            arb_addmul(t, arb_mat_entry(v, i, 0), arb_mat_entry(v, i, 0), prec);
        arb_mul(t, t, lambda, prec);
        arb_mul(t, t, lambda, prec);
        arb_sub_ui(t, t, 1, prec);
        if (!arb_is_negative(t))
        {
            *bad = -1;
            tr = arb_is_positive(t) ? KD_FALSE : KD_UNKNOWN;
        }
    }
    arb_clear(t);
    return tr;
}

/* Solves H d = g (k x k, row-major, destroyed) by Gaussian elimination
   with partial pivoting in double; returns 0 when singular. Only steers the
   search for a dual certificate, whose validity is checked in balls. */
static int
dsolve(double * H, double * g, double * d, slong k)
{
    slong i, j, l;
    for (j = 0; j < k; j++)
    {
        slong p = j;
        for (i = j + 1; i < k; i++)
            if (fabs(H[i * k + j]) > fabs(H[p * k + j]))
                p = i;
        if (H[p * k + j] == 0.0)
            return 0;
        if (p != j)
        {
            for (l = 0; l < k; l++)
            {
                double t = H[j * k + l];
                H[j * k + l] = H[p * k + l];
                H[p * k + l] = t;
            }
            {
                double t = g[j];
                g[j] = g[p];
                g[p] = t;
            }
        }
        for (i = j + 1; i < k; i++)
        {
            double f = H[i * k + j] / H[j * k + j];
            for (l = j; l < k; l++)
                H[i * k + l] -= f * H[j * k + l];
            g[i] -= f * g[j];
        }
    }
    for (i = k - 1; i >= 0; i--)
    {
        double t = g[i];
        for (l = i + 1; l < k; l++)
            t -= H[i * k + l] * d[l];
        d[i] = t / H[i * k + i];
    }
    return 1;
}

/* Another dual certificate v = v0 + N u (N: a basis of null(A_E^T), so
   A_E^T v = w_E s holds exactly for every rational u), with u chosen in
   double to make max_j |a_j^T v| / w_j off E small: Newton's method on
   sum_j r_j^(2p), p = 1, 2, 4, ..., 64 (a smooth stand-in for the max).
   vb receives the ball of v for the dyadic u found. Returns 0 if there is
   nothing to improve (N empty). */
int
_kd_certify_improve_dual(arb_mat_t vb, const arb_mat_t v0, const arb_mat_t Nb, const arb_mat_t Ar,
             const arb_mat_t w, const slong * E, slong nE, slong prec)
{
    slong m = arb_mat_nrows(Ar), N = arb_mat_ncols(Ar), k = arb_mat_ncols(Nb);
    slong i, j, l, q, it, nc = 0, kk = 0;
    double * c, * G, * u, * H, * g, * d, * wj;
    arb_t t;
    arb_mat_t ub;
    if (k == 0)
        return 0;
    c = flint_malloc(N * sizeof(double));
    wj = flint_malloc(N * sizeof(double));
    G = flint_malloc(N * k * sizeof(double));
    u = flint_calloc(k, sizeof(double));
    d = flint_malloc(k * sizeof(double));
    g = flint_malloc(k * sizeof(double));
    H = flint_malloc(k * k * sizeof(double));
    arb_init(t);
    /* c_j = a_j^T v0, G_j = N^T a_j for the columns off E */
    for (j = 0; j < N; j++)
    {
        if (kk < nE && E[kk] == j)
        {
            kk++;
            continue;
        }
        arb_zero(t);
        for (i = 0; i < m; i++)
            arb_addmul(t, arb_mat_entry(Ar, i, j), arb_mat_entry(v0, i, 0), 64);
        c[nc] = arf_get_d(arb_midref(t), ARF_RND_NEAR);
        wj[nc] = arf_get_d(arb_midref(arb_mat_entry(w, j, 0)), ARF_RND_NEAR);
        for (l = 0; l < k; l++)
        {
            arb_zero(t);
            for (i = 0; i < m; i++)
                arb_addmul(t, arb_mat_entry(Ar, i, j), arb_mat_entry(Nb, i, l), 64);
            G[nc * k + l] = arf_get_d(arb_midref(t), ARF_RND_NEAR);
        }
        nc++;
    }
    for (q = 1; q <= 64; q *= 2)
        for (it = 0; it < 30; it++)
        {
            double F = 0.0, Fn, step = 1.0;
            for (l = 0; l < k; l++)
                g[l] = 0.0;
            for (l = 0; l < k * k; l++)
                H[l] = 0.0;
            for (j = 0; j < nc; j++)
            {
                double r = c[j], a, b;
                for (l = 0; l < k; l++)
                    r += G[j * k + l] * u[l];
                r /= wj[j];
                F += pow(r, 2.0 * q);
                a = 2.0 * q * pow(r, 2.0 * q - 1) / wj[j];
                b = 2.0 * q * (2.0 * q - 1) * pow(r, 2.0 * q - 2) / (wj[j] * wj[j]);
                for (l = 0; l < k; l++)
                {
                    slong l2;
                    g[l] += a * G[j * k + l];
                    for (l2 = 0; l2 < k; l2++)
                        H[l * k + l2] += b * G[j * k + l] * G[j * k + l2];
                }
            }
            for (l = 0; l < k; l++)
                H[l * k + l] += 1e-12 * (1.0 + H[l * k + l]);
            if (!dsolve(H, g, d, k))
                break;
            /* backtracking line search on F */
            for (;;)
            {
                Fn = 0.0;
                for (j = 0; j < nc; j++)
                {
                    double r = c[j];
                    for (l = 0; l < k; l++)
                        r += G[j * k + l] * (u[l] - step * d[l]);
                    Fn += pow(r / wj[j], 2.0 * q);
                }
                if (Fn <= F || step < 1e-8)
                    break;
                step /= 2;
            }
            if (!(Fn <= F))
                break;
            for (l = 0; l < k; l++)
                u[l] -= step * d[l];
            if (F - Fn <= 1e-14 * F)
                break;
        }
    /* v = v0 + N u with u rounded to dyadics: exact u, ball v */
    arb_mat_init(ub, k, 1);
    for (l = 0; l < k; l++)
    {
        arf_set_d(arb_midref(arb_mat_entry(ub, l, 0)), isfinite(u[l]) ? u[l] : 0.0);
        mag_zero(arb_radref(arb_mat_entry(ub, l, 0)));
    }
    arb_mat_mul(vb, Nb, ub, prec);
    arb_mat_add(vb, vb, v0, prec);
    arb_mat_clear(ub);
    arb_clear(t);
    flint_free(c);
    flint_free(wj);
    flint_free(G);
    flint_free(u);
    flint_free(d);
    flint_free(g);
    flint_free(H);
    return 1;
}

/* Fast route to the equality y = A_E x_E: x_E enclosed in balls from the
   normal equations (whose solve also proves A_E of full column rank), each
   entry replaced by the simplest rational in its ball, and A_E x_E = y then
   checked EXACTLY in the field with multiplications by rationals only (no
   inverses). Noiseless data y = A x0 with rational x0 pass here; anything
   else falls back to elimination in the field. Returns 1 when proved (xE
   set, rank nE), 0 when not (nothing claimed). */
static int
rational_solution(kd_cyclo_mat_t xE, const kd_cyclo_mat_t AE, const kd_cyclo_mat_t y,
                  kd_cyclo_t K, slong prec)
{
    slong m = AE->r, nE = AE->c, i, k;
    arb_mat_t Ab, AbT, G, yb, b, xb;
    fmpq_t q, lo, hi;
    arf_t t;
    nf_elem_t r, u;
    int ok;
    arb_mat_init(Ab, m, nE);
    arb_mat_init(AbT, nE, m);
    arb_mat_init(G, nE, nE);
    arb_mat_init(yb, m, 1);
    arb_mat_init(b, nE, 1);
    arb_mat_init(xb, nE, 1);
    fmpq_init(q);
    fmpq_init(lo);
    fmpq_init(hi);
    arf_init(t);
    nf_elem_init(r, K->nf);
    nf_elem_init(u, K->nf);
    kd_cyclo_mat_enclose_arb(Ab, AE, K, prec);
    kd_cyclo_mat_enclose_arb(yb, y, K, prec);
    arb_mat_transpose(AbT, Ab);
    arb_mat_mul(G, AbT, Ab, prec);
    arb_mat_mul(b, AbT, yb, prec);
    ok = arb_mat_solve(xb, G, b, prec);
    for (k = 0; ok && k < nE; k++)
    {
        const arb_struct * e = arb_mat_entry(xb, k, 0);
        if (mag_cmp_2exp_si(arb_radref(e), -prec / 4) > 0)
            ok = 0;
        else
        {
            arb_get_lbound_arf(t, e, prec);
            arf_get_fmpq(lo, t);
            arb_get_ubound_arf(t, e, prec);
            arf_get_fmpq(hi, t);
            fmpq_simplest_between(q, lo, hi);
            nf_elem_set_fmpq(kd_cyclo_mat_entry(xE, k, 0), q, K->nf);
        }
    }
    /* the exact check: y_i - sum_k a_ik q_k = 0 for every row */
    for (i = 0; ok && i < m; i++)
    {
        nf_elem_set(r, kd_cyclo_mat_entry(y, i, 0), K->nf);
        for (k = 0; k < nE; k++)
        {
            nf_elem_mul(u, kd_cyclo_mat_entry(AE, i, k), kd_cyclo_mat_entry(xE, k, 0), K->nf);
            nf_elem_sub(r, r, u, K->nf);
        }
        ok = nf_elem_is_zero(r, K->nf);
    }
    arb_mat_clear(Ab);
    arb_mat_clear(AbT);
    arb_mat_clear(G);
    arb_mat_clear(yb);
    arb_mat_clear(b);
    arb_mat_clear(xb);
    fmpq_clear(q);
    fmpq_clear(lo);
    fmpq_clear(hi);
    arf_clear(t);
    nf_elem_clear(r, K->nf);
    nf_elem_clear(u, K->nf);
    return ok;
}

/* The least-norm dual v = A_E (A_E^T A_E)^{-1} (w_E s) enclosed in balls:
   the exact v solves A_E^T v = w_E s exactly by construction, and the balls
   contain it (arb_mat_solve proves the Gram matrix invertible). 0 when the
   solve is not proved at this precision. */
static int
least_norm_dual_arb(arb_mat_t vb, const kd_cyclo_mat_t AE, const kd_cyclo_mat_t ws,
                    kd_cyclo_t K, slong prec)
{
    slong m = AE->r, nE = AE->c;
    arb_mat_t Ab, AbT, G, wb, z;
    int ok;
    arb_mat_init(Ab, m, nE);
    arb_mat_init(AbT, nE, m);
    arb_mat_init(G, nE, nE);
    arb_mat_init(wb, nE, 1);
    arb_mat_init(z, nE, 1);
    kd_cyclo_mat_enclose_arb(Ab, AE, K, prec);
    kd_cyclo_mat_enclose_arb(wb, ws, K, prec);
    arb_mat_transpose(AbT, Ab);
    arb_mat_mul(G, AbT, Ab, prec);
    ok = arb_mat_solve(z, G, wb, prec);
    if (ok)
        arb_mat_mul(vb, Ab, z, prec);
    arb_mat_clear(Ab);
    arb_mat_clear(AbT);
    arb_mat_clear(G);
    arb_mat_clear(wb);
    arb_mat_clear(z);
    return ok;
}

/* xs[0..N-1] = the exact expressions of the point x_E on E, 0 off E
   (replacing what xs held). */
static void
set_exact_strings(char ** xs, slong N, const kd_cyclo_mat_t xE, const slong * E, slong nE,
                  const kd_cyclo_t K)
{
    slong j, k;
    for (j = 0; j < N; j++)
    {
        flint_free(xs[j]);
        xs[j] = flint_malloc(2);
        strcpy(xs[j], "0");
    }
    for (k = 0; k < nE; k++)
    {
        flint_free(xs[E[k]]);
        xs[E[k]] = kd_cyclo_get_str(kd_cyclo_mat_entry(xE, k, 0), K);
    }
}

kd_status
_kd_certify_exact_point(int * done, char ** xs, const kd_problem_t P, const slong * E, slong nE)
{
    slong L = 1, m = P->A->r, rank;
    kd_status st;
    kd_cyclo_t K;
    kd_cyclo_mat_t AE, y, xE;
    int cons = 0;
    *done = 0;
    if (P->is_complex)
        return KD_OK;
    st = _kd_certify_data_conductor(&L, P, E, nE);
    if (st == KD_OK)
        st = kd_cyclo_init(K, L, 0);
    if (st != KD_OK)
        return st == KD_ERR_UNSUPPORTED ? KD_OK : st;
    kd_cyclo_mat_init(AE, m, nE, K);
    kd_cyclo_mat_init(y, m, 1, K);
    kd_cyclo_mat_init(xE, nE, 1, K);
    if (st == KD_OK)
        st = _kd_certify_load_AE_y(AE, y, P, E, nE, K);
    if (st == KD_OK)
        st = kd_cyclo_mat_solve(&cons, &rank, xE, AE, y, K);
    if (st == KD_OK && cons && rank == nE)
    {
        set_exact_strings(xs, P->N, xE, E, nE, K);
        *done = 1;
    }
    kd_cyclo_mat_clear(AE, K);
    kd_cyclo_mat_clear(y, K);
    kd_cyclo_mat_clear(xE, K);
    kd_cyclo_clear(K);
    return st == KD_ERR_UNSUPPORTED ? KD_OK : st;
}

kd_status
_kd_certify_zero_residual(kd_truth * verdict, int * applies, arb_mat_t x, char ** xs,
                          const kd_problem_t P, const arb_mat_t Ar, const arb_mat_t w,
                          const arb_t lambda, const slong * E, const int * s, slong nE,
                          slong prec)
{
    slong L = 1, m = P->A->r, k, rank, bad = -2, p;
    kd_status st;
    kd_cyclo_t K;
    kd_cyclo_mat_t AE, AET, y, xE, G, ws, z, v;
    arb_mat_t vb;
    int cons, sg;
    kd_truth tr = KD_UNKNOWN;

    *verdict = KD_UNKNOWN;
    *applies = 1;
    if (P->is_complex)
    {
        *applies = 0;
        kd_error_set(KD_OK, "exact zero-residual certificate: real data only");
        return KD_OK;
    }
    st = _kd_certify_data_conductor(&L, P, E, nE);
    if (st != KD_OK)
    {
        if (st != KD_ERR_UNSUPPORTED)
            return st;
        kd_error_prefix("the zero-residual case needs an exact equality, and exact arithmetic "
                        "is not available");
        return KD_OK;
    }
    if ((st = kd_cyclo_init(K, L, 0)) != KD_OK)
    {
        kd_error_prefix("exact arithmetic");
        return st == KD_ERR_UNSUPPORTED ? KD_OK : st;
    }
    kd_cyclo_mat_init(AE, m, nE, K);
    kd_cyclo_mat_init(AET, nE, m, K);
    kd_cyclo_mat_init(y, m, 1, K);
    kd_cyclo_mat_init(xE, nE, 1, K);
    kd_cyclo_mat_init(G, nE, nE, K);
    kd_cyclo_mat_init(ws, nE, 1, K);
    kd_cyclo_mat_init(z, nE, 1, K);
    kd_cyclo_mat_init(v, m, 1, K);
    arb_mat_init(vb, m, 1);
    if (st == KD_OK)
        st = _kd_certify_load_AE_y(AE, y, P, E, nE, K);
    for (k = 0; k < nE && st == KD_OK; k++)
    {
        st = kd_cyclo_set_complex(kd_cyclo_mat_entry(ws, k, 0), kd_mat_entry(P->w, E[k], 0), K);
        if (s[k] < 0)
            nf_elem_neg(kd_cyclo_mat_entry(ws, k, 0), kd_cyclo_mat_entry(ws, k, 0), K->nf);
    }
    if (st != KD_OK)
        goto cleanup;

    /* the equalities, exactly: rank A_E = |E| and A_E x_E = y (a rational
       x_E found in balls and checked exactly, else elimination) */
    if (rational_solution(xE, AE, y, K, FLINT_MAX(4 * prec, 512)))
    {
        cons = 1;
        rank = nE;
    }
    else
        st = kd_cyclo_mat_solve(&cons, &rank, xE, AE, y, K);
    if (st != KD_OK)
        goto cleanup;
    if (rank < nE)
    {
        kd_error_set(KD_OK, "A_E has rank %ld < |E| = %ld (decided exactly): the solution set "
                     "may be a face; not certified", rank, nE);
        goto cleanup;
    }
    if (!cons)
    {
        if (lambda != NULL)
            *applies = 0;       /* P3: not the zero-residual regime */
        else
            tr = KD_FALSE;
        kd_error_set(KD_OK, "y is not in the range of A_E (decided exactly)");
        goto cleanup;
    }
    /* strict signs on E, exactly (a zero entry only shrinks the support) */
    for (k = 0; k < nE && st == KD_OK && tr != KD_FALSE; k++)
    {
        st = kd_cyclo_sign(&sg, kd_cyclo_mat_entry(xE, k, 0), K, 0);
        if (st == KD_OK && sg * s[k] < 0)
        {
            tr = KD_FALSE;
            kd_error_set(KD_OK, "the exact solution of A_E x_E = y has the wrong sign at %ld",
                         E[k] + 1);
        }
    }
    if (st != KD_OK || tr == KD_FALSE)
    {
        if (lambda != NULL && tr == KD_FALSE)
        {
            /* P3: the zero-residual point has the wrong signs; the pattern
               may still be that of a minimiser with a non-zero residual */
            *applies = 0;
            tr = KD_UNKNOWN;
        }
        goto cleanup;
    }
    /* the least-norm dual certificate v = A_E (A_E^T A_E)^{-1} (w_E s),
       enclosed in balls (it needs no exact equality: it solves A_E^T v =
       w_E s by construction); the strict inequalities in balls, raising
       the precision while undecided */
    for (p = prec; p <= 8 * prec; p *= 2)
    {
        if (!least_norm_dual_arb(vb, AE, ws, K, p))
            continue;
        tr = _kd_certify_dual_checks(&bad, Ar, w, lambda, vb, E, nE, p);
        if (tr != KD_UNKNOWN)
            break;
    }
    if (tr == KD_FALSE && bad >= 0)
    {
        /* the other certificates need v exactly */
        kd_cyclo_mat_transpose(AET, AE, K);
        kd_cyclo_mat_mul(G, AET, AE, K);
        st = kd_cyclo_mat_solve(&cons, NULL, z, G, ws, K);
        if (st != KD_OK)
            goto cleanup;
        kd_cyclo_mat_mul(v, AE, z, K);
    }
    if (tr == KD_FALSE && bad >= 0)
    {
        /* the least-norm v violates a constraint off E: search the other
           certificates v + N u (N a basis of null(A_E^T)) */
        kd_cyclo_mat_t Nn;
        arb_mat_t Nb, v2;
        slong nd = kd_cyclo_mat_nullspace(Nn, AET, K);
        arb_mat_init(Nb, m, nd);
        arb_mat_init(v2, m, 1);
        for (p = prec; p <= 4 * prec; p *= 2)
        {
            kd_cyclo_mat_enclose_arb(vb, v, K, p);
            kd_cyclo_mat_enclose_arb(Nb, Nn, K, p);
            if (!_kd_certify_improve_dual(v2, vb, Nb, Ar, w, E, nE, p))
                break;
            tr = _kd_certify_dual_checks(&bad, Ar, w, lambda, v2, E, nE, p);
            if (tr != KD_UNKNOWN)
                break;
        }
        arb_mat_clear(Nb);
        arb_mat_clear(v2);
        kd_cyclo_mat_clear(Nn, K);
    }
    if (tr == KD_TRUE)
    {
        arb_mat_zero(x);
        for (k = 0; k < nE; k++)
            if (!nf_elem_is_zero(kd_cyclo_mat_entry(xE, k, 0), K->nf))
                kd_cyclo_enclose_arb(arb_mat_entry(x, E[k], 0), kd_cyclo_mat_entry(xE, k, 0), K, prec);
        if (xs != NULL)
            set_exact_strings(xs, P->N, xE, E, nE, K);
    }
    else if (bad == -1)
    {
        if (tr == KD_FALSE)
            *applies = 0;   /* lambda ||v|| > 1 for every dual: not the zero-residual regime */
        tr = KD_UNKNOWN;
        kd_error_set(KD_OK, "zero residual: lambda ||v|| < 1 for the least-norm dual "
                     "certificate v is not proved");
    }
    else if (bad == -2)
    {
        tr = KD_UNKNOWN;
        kd_error_set(KD_OK, "y = A_E x_E exactly, but A_E^T A_E was not proved invertible in "
                     "balls up to %ld bits", 8 * prec);
    }
    else
    {
        kd_error_set(KD_OK, "y = A_E x_E exactly, but for the least-norm dual certificate "
                     "|a_j^T v| < w_j is %s at column %ld: optimality and uniqueness not decided",
                     tr == KD_FALSE ? "violated" : "not proved", bad + 1);
        tr = KD_UNKNOWN;
    }
cleanup:
    *verdict = tr;
    arb_mat_clear(vb);
    kd_cyclo_mat_clear(AE, K);
    kd_cyclo_mat_clear(AET, K);
    kd_cyclo_mat_clear(y, K);
    kd_cyclo_mat_clear(xE, K);
    kd_cyclo_mat_clear(G, K);
    kd_cyclo_mat_clear(ws, K);
    kd_cyclo_mat_clear(z, K);
    kd_cyclo_mat_clear(v, K);
    kd_cyclo_clear(K);
    if (st == KD_ERR_UNSUPPORTED)
        st = KD_OK;     /* the message says why: verdict unknown */
    return st;
}

/* R = the real parts of A's enclosure. */
static kd_status
eval_real(arb_mat_t R, const kd_mat_t A, slong prec)
{
    acb_mat_t T;
    slong i, j;
    kd_status st;
    acb_mat_init(T, A->r, A->c);
    st = kd_mat_eval_acb_mat(T, A, prec);
    for (i = 0; i < A->r && st == KD_OK; i++)
        for (j = 0; j < A->c; j++)
            arb_set(arb_mat_entry(R, i, j), acb_realref(acb_mat_entry(T, i, j)));
    acb_mat_clear(T);
    return st;
}

kd_status
kd_certify_feasible_qvec(kd_truth * tr, const kd_problem_t P, const kd_qvec_t x, slong prec)
{
    kd_status st;
    slong i;
    *tr = KD_UNKNOWN;
    if (kd_qvec_length(x) != P->N)
        return kd_error_set(KD_ERR_SIZE, "the candidate must have %ld entries", P->N);
    if (P->kind == KD_PROBLEM_P2 || P->kind == KD_PROBLEM_P3)
    {
        *tr = KD_TRUE;
        return KD_OK;
    }
    if (kd_problem_is_rational(P) && !P->is_complex)
    {
        /* r = A x - y and ||r||^2 - eta^2 in x's quadratic field, exactly */
        kd_qproblem_t Q;
        kd_qvec_t r;
        kd_qfield_t e, n2, t;
        fmpq_t q, e2;
        if ((st = _kd_qproblem_init_data(Q, P, -1)) != KD_OK)
        {
            kd_qproblem_clear(Q);
            return st;
        }
        kd_qvec_init(r, P->m);
        kd_qfield_init(e);
        kd_qfield_init(n2);
        kd_qfield_init(t);
        fmpq_init(q);
        fmpq_init(e2);
        st = kd_qvec_mul_fmpq_mat(r, Q->A, x);
        for (i = 0; i < P->m && st == KD_OK; i++)
        {
            kd_qvec_get_entry(e, r, i);
            kd_qfield_sub_fmpq(e, e, fmpq_mat_entry(Q->y, i, 0));
            if ((st = kd_qfield_mul(t, e, e)) == KD_OK)
                st = kd_qfield_add(n2, n2, t);
        }
        if (st == KD_OK)
        {
            if (P->kind == KD_PROBLEM_P1)
            {
                fmpq_mul(e2, Q->param, Q->param);
                *tr = kd_qfield_cmp_fmpq(n2, e2) <= 0 ? KD_TRUE : KD_FALSE;
            }
            else
                *tr = kd_qfield_is_zero(n2) ? KD_TRUE : KD_FALSE;
        }
        kd_qvec_clear(r);
        kd_qfield_clear(e);
        kd_qfield_clear(n2);
        kd_qfield_clear(t);
        fmpq_clear(q);
        fmpq_clear(e2);
        kd_qproblem_clear(Q);
        return st;
    }
    /* irrational data: the balls decide a strict inequality only */
    {
        arb_mat_t xb, A, y, r;
        arb_t n2, e2;
        arb_mat_init(xb, P->N, 1);
        arb_mat_init(A, P->m, P->N);
        arb_mat_init(y, P->m, 1);
        arb_mat_init(r, P->m, 1);
        arb_init(n2);
        arb_init(e2);
        kd_qvec_get_arb_mat(xb, x, prec);
        st = eval_real(A, P->A, prec);
        if (st == KD_OK)
            st = eval_real(y, P->y, prec);
        if (st == KD_OK)
            st = kd_real_eval_arb(e2, P->param, prec);
        if (st == KD_OK)
        {
            arb_mat_mul(r, A, xb, prec);
            arb_mat_sub(r, r, y, prec);
            for (i = 0; i < P->m; i++)
                arb_addmul(n2, arb_mat_entry(r, i, 0), arb_mat_entry(r, i, 0), prec);
            arb_mul(e2, e2, e2, prec);
            if (P->kind == KD_PROBLEM_BP)
                arb_zero(e2);
            *tr = arb_gt(n2, e2) ? KD_FALSE : (arb_lt(n2, e2) ? KD_TRUE : KD_UNKNOWN);
        }
        arb_mat_clear(xb);
        arb_mat_clear(A);
        arb_mat_clear(y);
        arb_mat_clear(r);
        arb_clear(n2);
        arb_clear(e2);
        return st;
    }
}

/* x_E = u - mu v with G = A_E^T A_E, u = G^{-1} A_E^T y, v = G^{-1} w_E s / 2
   and mu = sqrt(delta), delta = (eta^2 - ||r0||^2) / ||r1||^2, r0 = A_E u - y,
   r1 = A_E v: all in the cyclotomic field K of the data, with the exact
   checks r0 . r1 = 0 and delta > 0, so that ||A x - y||^2 = ||r0||^2 +
   delta ||r1||^2 = eta^2 exactly (proofs-notes/exact.md §8). */
kd_status
_kd_certify_p1_exact(int * done, char ** xs, const kd_problem_t P, const slong * E,
                     const int * s, slong nE)
{
    slong L = 1, m = P->A->r, i, k, rank;
    kd_status st;
    kd_cyclo_t K;
    kd_cyclo_mat_t AE, AET, y, B, G, UV, r0, r1, U, V;
    nf_elem_t eta, n0, n1, c, t, delta;
    int cons = 0, sg = 0;
    *done = 0;
    if (P->is_complex || P->kind != KD_PROBLEM_P1 || nE == 0)
        return KD_OK;
    st = _kd_certify_data_conductor(&L, P, E, nE);
    if (st == KD_OK)
        st = kd_cyclo_conductor_real(&L, P->param, 0);
    if (st == KD_OK)
        st = kd_cyclo_init(K, L, 0);
    if (st != KD_OK)
        return st == KD_ERR_UNSUPPORTED ? KD_OK : st;
    kd_cyclo_mat_init(AE, m, nE, K);
    kd_cyclo_mat_init(AET, nE, m, K);
    kd_cyclo_mat_init(y, m, 1, K);
    kd_cyclo_mat_init(B, nE, 2, K);
    kd_cyclo_mat_init(G, nE, nE, K);
    kd_cyclo_mat_init(UV, nE, 2, K);
    kd_cyclo_mat_init(r0, m, 1, K);
    kd_cyclo_mat_init(r1, m, 1, K);
    kd_cyclo_mat_init(U, nE, 1, K);
    kd_cyclo_mat_init(V, nE, 1, K);
    nf_elem_init(eta, K->nf);
    nf_elem_init(n0, K->nf);
    nf_elem_init(n1, K->nf);
    nf_elem_init(c, K->nf);
    nf_elem_init(t, K->nf);
    nf_elem_init(delta, K->nf);
    if (st == KD_OK)
        st = _kd_certify_load_AE_y(AE, y, P, E, nE, K);
    if (st == KD_OK)
        st = kd_cyclo_set_real(eta, P->param, K);
    if (st != KD_OK)
        goto cleanup;
    kd_cyclo_mat_transpose(AET, AE, K);
    kd_cyclo_mat_mul(G, AET, AE, K);
    kd_cyclo_mat_mul(U, AET, y, K);
    for (k = 0; k < nE && st == KD_OK; k++)
    {
        nf_elem_set(kd_cyclo_mat_entry(B, k, 0), kd_cyclo_mat_entry(U, k, 0), K->nf);
        st = kd_cyclo_set_complex(t, kd_mat_entry(P->w, E[k], 0), K);
        nf_elem_scalar_div_si(t, t, 2 * s[k], K->nf);
        nf_elem_set(kd_cyclo_mat_entry(B, k, 1), t, K->nf);
    }
    if (st != KD_OK || (st = kd_cyclo_mat_solve(&cons, &rank, UV, G, B, K)) != KD_OK
        || !cons || rank < nE)
        goto cleanup;
    for (k = 0; k < nE; k++)
    {
        nf_elem_set(kd_cyclo_mat_entry(U, k, 0), kd_cyclo_mat_entry(UV, k, 0), K->nf);
        nf_elem_set(kd_cyclo_mat_entry(V, k, 0), kd_cyclo_mat_entry(UV, k, 1), K->nf);
    }
    kd_cyclo_mat_mul(r0, AE, U, K);
    kd_cyclo_mat_mul(r1, AE, V, K);
    for (i = 0; i < m; i++)
    {
        nf_elem_sub(kd_cyclo_mat_entry(r0, i, 0), kd_cyclo_mat_entry(r0, i, 0),
                    kd_cyclo_mat_entry(y, i, 0), K->nf);
        nf_elem_mul(t, kd_cyclo_mat_entry(r0, i, 0), kd_cyclo_mat_entry(r0, i, 0), K->nf);
        nf_elem_add(n0, n0, t, K->nf);
        nf_elem_mul(t, kd_cyclo_mat_entry(r1, i, 0), kd_cyclo_mat_entry(r1, i, 0), K->nf);
        nf_elem_add(n1, n1, t, K->nf);
        nf_elem_mul(t, kd_cyclo_mat_entry(r0, i, 0), kd_cyclo_mat_entry(r1, i, 0), K->nf);
        nf_elem_add(c, c, t, K->nf);
    }
    if (!nf_elem_is_zero(c, K->nf) || nf_elem_is_zero(n1, K->nf))
        goto cleanup;
    nf_elem_mul(delta, eta, eta, K->nf);
    nf_elem_sub(delta, delta, n0, K->nf);
    nf_elem_div(delta, delta, n1, K->nf);
    if ((st = kd_cyclo_sign(&sg, delta, K, 0)) != KD_OK || sg <= 0)
        goto cleanup;
    {
        char * ds = kd_cyclo_get_str(delta, K);
        for (i = 0; i < P->N; i++)
        {
            flint_free(xs[i]);
            xs[i] = flint_malloc(2);
            strcpy(xs[i], "0");
        }
        for (k = 0; k < nE; k++)
        {
            char * us = kd_cyclo_get_str(kd_cyclo_mat_entry(U, k, 0), K);
            char * vs = kd_cyclo_get_str(kd_cyclo_mat_entry(V, k, 0), K);
            size_t n = strlen(us) + strlen(vs) + strlen(ds) + 32;
            flint_free(xs[E[k]]);
            xs[E[k]] = flint_malloc(n);
            if (nf_elem_is_zero(kd_cyclo_mat_entry(U, k, 0), K->nf))
                snprintf(xs[E[k]], n, "-(%s)*sqrt(%s)", vs, ds);
            else
                snprintf(xs[E[k]], n, "%s - (%s)*sqrt(%s)", us, vs, ds);
            flint_free(us);
            flint_free(vs);
        }
        flint_free(ds);
        *done = 1;
    }
cleanup:
    kd_cyclo_mat_clear(AE, K);
    kd_cyclo_mat_clear(AET, K);
    kd_cyclo_mat_clear(y, K);
    kd_cyclo_mat_clear(B, K);
    kd_cyclo_mat_clear(G, K);
    kd_cyclo_mat_clear(UV, K);
    kd_cyclo_mat_clear(r0, K);
    kd_cyclo_mat_clear(r1, K);
    kd_cyclo_mat_clear(U, K);
    kd_cyclo_mat_clear(V, K);
    nf_elem_clear(eta, K->nf);
    nf_elem_clear(n0, K->nf);
    nf_elem_clear(n1, K->nf);
    nf_elem_clear(c, K->nf);
    nf_elem_clear(t, K->nf);
    nf_elem_clear(delta, K->nf);
    kd_cyclo_clear(K);
    return st == KD_ERR_UNSUPPORTED ? KD_OK : st;
}
