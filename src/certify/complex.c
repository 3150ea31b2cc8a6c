/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Certificates for complex problems (||x||_{1,w} = sum_j w_j |x_j|): a
   support E is proved to carry the unique minimiser, from an approximate
   minimiser, in ball arithmetic on the exact data (proofs-notes/solvers.md
   §3c). BP (and P1 with eta = 0, P3 at zero residual): x_E solves
   A_E x_E = y (|E| < m: y in range(A_E) decided exactly), with the
   least-norm dual certificate. P2 (and P1, P3 through P2(mu)): the KKT
   system on E is enclosed by a Krawczyk step on its real form. */
#include "kdigits/certify.h"
#include "kdigits/alg.h"
#include "../problem/internal.h"
#include "equality.h"
/* after every FLINT header: <complex.h> defines I and complex */
#include "complex_internal.h"

/* The exact data as balls. */
typedef struct
{
    slong m, N;
    acb_mat_t A, y;
    arb_mat_t w;
    arb_t param;
}
cx_data;

static kd_status
cx_data_init(cx_data * D, const kd_problem_t P, slong prec)
{
    kd_status st;
    acb_mat_t W;
    slong j;
    D->m = P->A->r;
    D->N = P->A->c;
    acb_mat_init(D->A, D->m, D->N);
    acb_mat_init(D->y, D->m, 1);
    arb_mat_init(D->w, D->N, 1);
    arb_init(D->param);
    acb_mat_init(W, D->N, 1);
    st = kd_mat_eval_acb_mat(D->A, P->A, prec);
    if (st == KD_OK)
        st = kd_mat_eval_acb_mat(D->y, P->y, prec);
    if (st == KD_OK)
        st = kd_mat_eval_acb_mat(W, P->w, prec);
    if (st == KD_OK)
        st = kd_real_eval_arb(D->param, P->param, prec);
    for (j = 0; j < D->N; j++)
        arb_set(arb_mat_entry(D->w, j, 0), acb_realref(acb_mat_entry(W, j, 0)));
    acb_mat_clear(W);
    return st;
}

static void
cx_data_clear(cx_data * D)
{
    acb_mat_clear(D->A);
    acb_mat_clear(D->y);
    arb_mat_clear(D->w);
    arb_clear(D->param);
}

/* B = the columns E of A. */
static void
cols(acb_mat_t B, const acb_mat_t A, const slong * E, slong k)
{
    slong i, j;
    for (i = 0; i < acb_mat_nrows(A); i++)
        for (j = 0; j < k; j++)
            acb_set(acb_mat_entry(B, i, j), acb_mat_entry(A, i, E[j]));
}

/* c = a_j^H v for column j of A. */
static void
col_dot(acb_t c, const acb_mat_t A, slong j, const acb_mat_t v, slong prec)
{
    slong i;
    acb_t t;
    acb_init(t);
    acb_zero(c);
    for (i = 0; i < acb_mat_nrows(A); i++)
    {
        acb_conj(t, acb_mat_entry(A, i, j));
        acb_addmul(c, t, acb_mat_entry(v, i, 0), prec);
    }
    acb_clear(t);
}

static void
acb_sqnorm_vec(arb_t s, const acb_mat_t v, slong prec)
{
    slong i;
    arb_zero(s);
    for (i = 0; i < acb_mat_nrows(v); i++)
    {
        arb_addmul(s, acb_realref(acb_mat_entry(v, i, 0)), acb_realref(acb_mat_entry(v, i, 0)), prec);
        arb_addmul(s, acb_imagref(acb_mat_entry(v, i, 0)), acb_imagref(acb_mat_entry(v, i, 0)), prec);
    }
}

/* Strict |a_j^H v| * scale < bound_j = bnd * w_j for every j off E. */
static kd_truth
off_support(const cx_data * D, const slong * E, slong k, const acb_mat_t v, const arb_t scale,
            const arb_t bnd, slong prec)
{
    slong j, kk = 0;
    kd_truth t = KD_TRUE;
    acb_t c;
    arb_t a, b;
    acb_init(c);
    arb_init(a);
    arb_init(b);
    for (j = 0; j < D->N && t == KD_TRUE; j++)
    {
        if (kk < k && E[kk] == j)
        {
            kk++;
            continue;
        }
        col_dot(c, D->A, j, v, prec);
        acb_abs(a, c, prec);
        arb_mul(a, a, scale, prec);
        arb_mul(b, bnd, arb_mat_entry(D->w, j, 0), prec);
        if (!arb_lt(a, b))
        {
            t = KD_UNKNOWN;
            kd_error_set(KD_OK, "the dual inequality at index %ld is not proved strict "
                         "(the support may be wrong, or the problem degenerate)", j);
        }
    }
    acb_clear(c);
    arb_clear(a);
    arb_clear(b);
    return t;
}

/* ------------------------------------------------------------------
   y in range(A_E), decided exactly: rational data through the real form
   [Re A_E, -Im A_E; Im A_E, Re A_E] [a; b] = [Re y; Im y] over Q. */

static int
get_q(fmpq_t re, fmpq_t im, const kd_complex_struct * z)
{
    return kd_real_get_fmpq(re, &z->re) && kd_real_get_fmpq(im, &z->im);
}

/* The same in the cyclotomic field of the entries (kdigits/alg.h):
   xE (k x 1) encloses the exact solution at prec bits. */
static kd_truth
range_member_cyclo(acb_mat_t xE, const kd_problem_t P, const slong * E, slong k, slong prec)
{
    slong m = P->A->r, i, j, L = 1, rank = 0;
    int consistent = 0;
    kd_status st = KD_OK;
    kd_cyclo_t K;
    kd_cyclo_mat_t AE, Y, X;
    for (i = 0; i < m && st == KD_OK; i++)
    {
        for (j = 0; j < k && st == KD_OK; j++)
            st = kd_cyclo_conductor_complex(&L, kd_mat_entry(P->A, i, E[j]), 0);
        if (st == KD_OK)
            st = kd_cyclo_conductor_complex(&L, kd_mat_entry(P->y, i, 0), 0);
    }
    if (st != KD_OK || kd_cyclo_init(K, L, 0) != KD_OK)
    {
        kd_error_set(KD_OK, "|E| < m: y in the range of A_E is an equality that balls cannot "
                     "prove, and the entries lie in no cyclotomic field within the cap (%s)",
                     kd_error_message());
        return KD_UNKNOWN;
    }
    kd_cyclo_mat_init(AE, m, k, K);
    kd_cyclo_mat_init(Y, m, 1, K);
    kd_cyclo_mat_init(X, k, 1, K);
    for (i = 0; i < m && st == KD_OK; i++)
    {
        for (j = 0; j < k && st == KD_OK; j++)
            st = kd_cyclo_set_complex(kd_cyclo_mat_entry(AE, i, j),
                                      kd_mat_entry(P->A, i, E[j]), K);
        if (st == KD_OK)
            st = kd_cyclo_set_complex(kd_cyclo_mat_entry(Y, i, 0), kd_mat_entry(P->y, i, 0), K);
    }
    if (st == KD_OK)
        st = kd_cyclo_mat_solve(&consistent, &rank, X, AE, Y, K);
    if (st == KD_OK && consistent && rank == k)
        kd_cyclo_mat_enclose_acb(xE, X, K, prec);
    else if (st == KD_OK)
        kd_error_set(KD_OK, "y is not in the range of A_E with A_E injective (decided exactly "
                     "in Q(zeta_%ld))", L);
    else
        kd_error_set(KD_OK, "exact arithmetic in Q(zeta_%ld) failed: %s", L, kd_error_message());
    kd_cyclo_mat_clear(AE, K);
    kd_cyclo_mat_clear(Y, K);
    kd_cyclo_mat_clear(X, K);
    kd_cyclo_clear(K);
    return (st == KD_OK && consistent && rank == k) ? KD_TRUE
           : (st == KD_OK ? KD_FALSE : KD_UNKNOWN);
}

/* Whether y = A_E x_E exactly, with A_E injective: KD_TRUE with xE (k x 1)
   enclosing the exact solution, KD_FALSE when decided not, KD_UNKNOWN
   (message set) when exact arithmetic does not reach the entries. Rational
   entries: over Q on the real form [Re A_E, -Im A_E; Im A_E, Re A_E]
   (exact xE); otherwise in a cyclotomic field. */
static kd_truth
range_member(acb_mat_t xE, const kd_problem_t P, const slong * E, slong k, slong prec)
{
    slong m = P->A->r, i, j, rank;
    fmpq_mat_t M, R;
    fmpq_t re, im;
    kd_truth t = KD_UNKNOWN;
    fmpq_mat_init(M, 2 * m, 2 * k + 1);
    fmpq_mat_init(R, 2 * m, 2 * k + 1);
    fmpq_init(re);
    fmpq_init(im);
    for (i = 0; i < m; i++)
    {
        for (j = 0; j < k; j++)
        {
            if (!get_q(re, im, kd_mat_entry(P->A, i, E[j])))
                goto irrational;
            fmpq_set(fmpq_mat_entry(M, i, j), re);
            fmpq_neg(fmpq_mat_entry(M, i, k + j), im);
            fmpq_set(fmpq_mat_entry(M, m + i, j), im);
            fmpq_set(fmpq_mat_entry(M, m + i, k + j), re);
        }
        if (!get_q(re, im, kd_mat_entry(P->y, i, 0)))
            goto irrational;
        fmpq_set(fmpq_mat_entry(M, i, 2 * k), re);
        fmpq_set(fmpq_mat_entry(M, m + i, 2 * k), im);
    }
    rank = fmpq_mat_rref(R, M);
    /* consistent with a unique solution iff the pivots are exactly the
       first 2k columns */
    t = KD_TRUE;
    if (rank != 2 * k)
        t = KD_FALSE;
    for (i = 0; i < rank && t == KD_TRUE; i++)
        if (fmpq_is_zero(fmpq_mat_entry(R, i, i)))
            t = KD_FALSE;
    if (t == KD_TRUE)
        for (j = 0; j < k; j++)
        {
            arb_set_fmpq(acb_realref(acb_mat_entry(xE, j, 0)), fmpq_mat_entry(R, j, 2 * k), prec);
            arb_set_fmpq(acb_imagref(acb_mat_entry(xE, j, 0)), fmpq_mat_entry(R, k + j, 2 * k),
                         prec);
        }
    else
        kd_error_set(KD_OK, "y is not in the range of A_E with A_E injective (decided exactly)");
    goto done;
irrational:
    t = range_member_cyclo(xE, P, E, k, prec);
done:
    fmpq_mat_clear(M);
    fmpq_mat_clear(R);
    fmpq_clear(re);
    fmpq_clear(im);
    return t;
}

/* Solves the n x n system M u = b in place by Gaussian elimination with
   partial pivoting (double complex, heuristic only). Returns 0 if singular. */
int
_kd_zsolve(double complex * M, double complex * b, slong n)
{
    slong i, j, k, p;
    for (k = 0; k < n; k++)
    {
        p = k;
        for (i = k + 1; i < n; i++)
            if (cabs(M[i * n + k]) > cabs(M[p * n + k]))
                p = i;
        if (M[p * n + k] == 0)
            return 0;
        if (p != k)
        {
            for (j = 0; j < n; j++)
            {
                double complex t = M[k * n + j];
                M[k * n + j] = M[p * n + j];
                M[p * n + j] = t;
            }
            {
                double complex t = b[k];
                b[k] = b[p];
                b[p] = t;
            }
        }
        for (i = k + 1; i < n; i++)
        {
            double complex f = M[i * n + k] / M[k * n + k];
            if (f == 0)
                continue;
            for (j = k; j < n; j++)
                M[i * n + j] -= f * M[k * n + j];
            b[i] -= f * b[k];
        }
    }
    for (k = n - 1; k >= 0; k--)
    {
        double complex s = b[k];
        for (j = k + 1; j < n; j++)
            s -= M[k * n + j] * b[j];
        b[k] = s / M[k * n + k];
    }
    return 1;
}

static double complex
acb_mid_z(const acb_t x)
{
    return arf_get_d(arb_midref(acb_realref(x)), ARF_RND_NEAR)
           + I * arf_get_d(arb_midref(acb_imagref(x)), ARF_RND_NEAR);
}

/* Another dual certificate for |E| < m when the least-norm one is not
   strict: v = v0 + Pr u with Pr = I - A_E G^{-1} A_E^H (so A_E^H v is
   unchanged, exactly), u chosen by Lawson's iteration for the minimax
   problem min_u max_{j not in E} |a_j^H v| / w_j (in double: a proposal
   only; v itself is then enclosed from the exact u). */
static void
lawson_dual(acb_mat_t v, const cx_data * D, const slong * E, slong k, const acb_mat_t Pr,
            slong prec)
{
    slong m = D->m, N = D->N, nf = N - k, i, j, l, it, kk = 0;
    double complex * d = flint_malloc(nf * m * sizeof(double complex));
    double complex * b = flint_malloc(nf * sizeof(double complex));
    double complex * M = flint_malloc(m * m * sizeof(double complex));
    double complex * r = flint_malloc(m * sizeof(double complex));
    double complex * u = flint_calloc(m, sizeof(double complex));
    double * q = flint_malloc(nf * sizeof(double));
    acb_mat_t U, PU;
    acb_t c;
    int ok = 1;
    acb_mat_init(U, m, 1);
    acb_mat_init(PU, m, 1);
    acb_init(c);
    /* e_j(u) = b_j + d_j^H u, b_j = a_j^H v0 / w_j, d_j = Pr a_j / w_j */
    for (j = 0, l = 0; j < N; j++)
    {
        double wj = arf_get_d(arb_midref(arb_mat_entry(D->w, j, 0)), ARF_RND_NEAR);
        if (kk < k && E[kk] == j)
        {
            kk++;
            continue;
        }
        col_dot(c, D->A, j, v, prec);
        b[l] = acb_mid_z(c) / wj;
        for (i = 0; i < m; i++)
        {
            double complex s = 0;
            slong t;
            for (t = 0; t < m; t++)
                s += acb_mid_z(acb_mat_entry(Pr, i, t)) * acb_mid_z(acb_mat_entry(D->A, t, j));
            d[l * m + i] = s / wj;
        }
        q[l++] = 1.0 / nf;
    }
    for (it = 0; it < 100 && ok; it++)
    {
        double sq = 0;
        for (i = 0; i < m; i++)
        {
            for (j = 0; j < m; j++)
            {
                double complex s = (i == j) ? 1e-12 : 0;
                for (l = 0; l < nf; l++)
                    s += q[l] * d[l * m + i] * conj(d[l * m + j]);
                M[i * m + j] = s;
            }
            r[i] = 0;
            for (l = 0; l < nf; l++)
                r[i] -= q[l] * d[l * m + i] * b[l];
        }
        if (!(ok = _kd_zsolve(M, r, m)))
            break;
        for (i = 0; i < m; i++)
            u[i] = r[i];
        for (l = 0; l < nf; l++)
        {
            double complex e = b[l];
            for (i = 0; i < m; i++)
                e += conj(d[l * m + i]) * u[i];
            q[l] *= cabs(e);
            sq += q[l];
        }
        if (!(sq > 0))
            break;
        for (l = 0; l < nf; l++)
            q[l] /= sq;
    }
    if (ok)
    {
        for (i = 0; i < m; i++)
        {
            arb_set_d(acb_realref(acb_mat_entry(U, i, 0)), creal(u[i]));
            arb_set_d(acb_imagref(acb_mat_entry(U, i, 0)), cimag(u[i]));
        }
        acb_mat_mul(PU, Pr, U, prec);
        acb_mat_add(v, v, PU, prec);
    }
    acb_mat_clear(U);
    acb_mat_clear(PU);
    acb_clear(c);
    flint_free(d);
    flint_free(b);
    flint_free(M);
    flint_free(r);
    flint_free(u);
    flint_free(q);
}

/* ------------------------------------------------------------------
   BP, and P3 at zero residual (p3 = 1: also lambda ||v|| < 1). */
static kd_truth
certify_bp(arb_mat_t xr, arb_mat_t xi, const cx_data * D, const kd_problem_t P,
           const slong * E, slong k, int p3, slong prec)
{
    slong m = D->m, j;
    kd_truth t = KD_UNKNOWN;
    acb_mat_t AE, AEH, G, Gi, xE, c, v, b;
    arb_t rho, one;
    acb_mat_init(AE, m, k);
    acb_mat_init(AEH, k, m);
    acb_mat_init(G, k, k);
    acb_mat_init(Gi, k, k);
    acb_mat_init(xE, k, 1);
    acb_mat_init(c, k, 1);
    acb_mat_init(b, k, 1);
    acb_mat_init(v, m, 1);
    arb_init(rho);
    arb_init(one);
    arb_one(one);
    cols(AE, D->A, E, k);
    acb_mat_conjugate_transpose(AEH, AE);
    acb_mat_mul(G, AEH, AE, prec);
    if (!acb_mat_inv(Gi, G, prec))
    {
        kd_error_set(KD_OK, "could not prove A_E injective at %ld bits", prec);
        goto cleanup;
    }
    if (k < m)
    {
        if (range_member(xE, P, E, k, prec) != KD_TRUE)
            goto cleanup;
    }
    else
    {
        /* A_E square and invertible: x_E = G^{-1} A_E^H y */
        acb_mat_mul(b, AEH, D->y, prec);
        acb_mat_mul(xE, Gi, b, prec);
    }
    /* c = w_E .* sgn(x_E), v = A_E G^{-1} c: A_E^H v = c */
    for (j = 0; j < k; j++)
    {
        acb_srcptr z = acb_mat_entry(xE, j, 0);
        acb_abs(rho, z, prec);
        if (!arb_is_positive(rho))
        {
            kd_error_set(KD_OK, "x_%ld is not proved non-zero on the support", E[j]);
            goto cleanup;
        }
        acb_div_arb(acb_mat_entry(c, j, 0), z, rho, prec);
        acb_mul_arb(acb_mat_entry(c, j, 0), acb_mat_entry(c, j, 0),
                    arb_mat_entry(D->w, E[j], 0), prec);
    }
    acb_mat_mul(b, Gi, c, prec);
    acb_mat_mul(v, AE, b, prec);
    t = off_support(D, E, k, v, one, one, prec);
    if (t != KD_TRUE && k < m && D->N > k)
    {
        /* the least-norm certificate is not strict: search the others */
        acb_mat_t Pr, T;
        acb_mat_init(Pr, m, m);
        acb_mat_init(T, k, m);
        acb_mat_mul(T, Gi, AEH, prec);
        acb_mat_mul(Pr, AE, T, prec);
        acb_mat_neg(Pr, Pr);
        for (j = 0; j < m; j++)
            acb_add_ui(acb_mat_entry(Pr, j, j), acb_mat_entry(Pr, j, j), 1, prec);
        lawson_dual(v, D, E, k, Pr, prec);
        t = off_support(D, E, k, v, one, one, prec);
        acb_mat_clear(Pr);
        acb_mat_clear(T);
    }
    if (t == KD_TRUE && p3)
    {
        acb_sqnorm_vec(rho, v, prec);
        arb_mul(rho, rho, D->param, prec);
        arb_mul(rho, rho, D->param, prec);
        if (!arb_lt(rho, one))
        {
            t = KD_UNKNOWN;
            kd_error_set(KD_OK, "zero residual: lambda ||v|| < 1 is not proved");
        }
    }
    if (t == KD_TRUE)
    {
        arb_mat_zero(xr);
        arb_mat_zero(xi);
        for (j = 0; j < k; j++)
        {
            arb_set(arb_mat_entry(xr, E[j], 0), acb_realref(acb_mat_entry(xE, j, 0)));
            arb_set(arb_mat_entry(xi, E[j], 0), acb_imagref(acb_mat_entry(xE, j, 0)));
        }
    }
cleanup:
    acb_mat_clear(AE);
    acb_mat_clear(AEH);
    acb_mat_clear(G);
    acb_mat_clear(Gi);
    acb_mat_clear(xE);
    acb_mat_clear(c);
    acb_mat_clear(b);
    acb_mat_clear(v);
    arb_clear(rho);
    arb_clear(one);
    return t;
}

/* ------------------------------------------------------------------
   The KKT system of P2(mu) on E in real form, z = (a_1, b_1, ..., a_k,
   b_k[, mu]) with x_j = a_j + i b_j:
     F_j = 2 (A_E^H (A_E x - y))_j + mu w_j x_j / |x_j|      (2k equations)
   and, with mu unknown, P1: ||A_E x - y||^2 - eta^2, P3: mu^2 - 4 lambda^2
   ||A_E x - y||^2. */
typedef struct
{
    const cx_data * D;
    kd_problem_kind kind;
    slong k, n;
    const slong * E;
    acb_mat_t AE, AEH, G;
    int with_mu;
    int bp;         /* the BP system below instead of P2(mu)'s */
}
kkt;

static void
kkt_init(kkt * K, const cx_data * D, kd_problem_kind kind, const slong * E, slong k,
         int with_mu, slong prec)
{
    K->D = D;
    K->kind = kind;
    K->E = E;
    K->k = k;
    K->with_mu = with_mu;
    K->n = 2 * k + (with_mu ? 1 : 0);
    K->bp = 0;
    acb_mat_init(K->AE, D->m, k);
    acb_mat_init(K->AEH, k, D->m);
    acb_mat_init(K->G, k, k);
    cols(K->AE, D->A, E, k);
    acb_mat_conjugate_transpose(K->AEH, K->AE);
    acb_mat_mul(K->G, K->AEH, K->AE, prec);
}

static void
kkt_clear(kkt * K)
{
    acb_mat_clear(K->AE);
    acb_mat_clear(K->AEH);
    acb_mat_clear(K->G);
}

/* x_E from z; r = A_E x_E - y; g = A_E^H r. */
static void
kkt_residual(acb_mat_t r, acb_mat_t g, const kkt * K, const arb_mat_t z, slong prec)
{
    slong j;
    acb_mat_t x;
    acb_mat_init(x, K->k, 1);
    for (j = 0; j < K->k; j++)
        acb_set_arb_arb(acb_mat_entry(x, j, 0), arb_mat_entry(z, 2 * j, 0),
                        arb_mat_entry(z, 2 * j + 1, 0));
    acb_mat_mul(r, K->AE, x, prec);
    acb_mat_sub(r, r, K->D->y, prec);
    acb_mat_mul(g, K->AEH, r, prec);
    acb_mat_clear(x);
}

/* Adds c d(x/|x|)/d(a, b) = c [b^2, -ab; -ab, a^2] / rho^3 (x = a + ib,
   rho = |x|) to the diagonal block j of J. */
static void
add_curvature(arb_mat_t J, slong j, const arb_t c, const arb_t a, const arb_t b,
              const arb_t rho, slong prec)
{
    arb_t t, u;
    arb_init(t);
    arb_init(u);
    arb_pow_ui(u, rho, 3, prec);
    arb_div(t, c, u, prec);
    arb_mul(u, b, b, prec);
    arb_addmul(arb_mat_entry(J, 2 * j, 2 * j), t, u, prec);
    arb_mul(u, a, a, prec);
    arb_addmul(arb_mat_entry(J, 2 * j + 1, 2 * j + 1), t, u, prec);
    arb_mul(u, a, b, prec);
    arb_submul(arb_mat_entry(J, 2 * j, 2 * j + 1), t, u, prec);
    arb_submul(arb_mat_entry(J, 2 * j + 1, 2 * j), t, u, prec);
    arb_clear(t);
    arb_clear(u);
}

/* The BP system for |E| > m, z = (x_E, v) in real form (2k + 2m):
     (A_E^H v)_j - w_j x_j/|x_j| = 0     (2k equations)
     (A_E x_E - y)_i = 0                  (2m equations). */
static int
bp_eval(arb_mat_t F, arb_mat_t J, const kkt * K, const arb_mat_t z, slong prec)
{
    slong k = K->k, m = K->D->m, i, j;
    int ok = 1;
    acb_mat_t x, v, r, g;
    arb_t rho, t, u;
    acb_mat_init(x, k, 1);
    acb_mat_init(v, m, 1);
    acb_mat_init(r, m, 1);
    acb_mat_init(g, k, 1);
    arb_init(rho);
    arb_init(t);
    arb_init(u);
    for (j = 0; j < k; j++)
        acb_set_arb_arb(acb_mat_entry(x, j, 0), arb_mat_entry(z, 2 * j, 0),
                        arb_mat_entry(z, 2 * j + 1, 0));
    for (i = 0; i < m; i++)
        acb_set_arb_arb(acb_mat_entry(v, i, 0), arb_mat_entry(z, 2 * k + 2 * i, 0),
                        arb_mat_entry(z, 2 * k + 2 * i + 1, 0));
    acb_mat_mul(g, K->AEH, v, prec);
    acb_mat_mul(r, K->AE, x, prec);
    acb_mat_sub(r, r, K->D->y, prec);
    if (J != NULL)
        arb_mat_zero(J);
    for (j = 0; j < k && ok; j++)
    {
        arb_srcptr a = arb_mat_entry(z, 2 * j, 0), b = arb_mat_entry(z, 2 * j + 1, 0);
        arb_srcptr wj = arb_mat_entry(K->D->w, K->E[j], 0);
        arb_hypot(rho, a, b, prec);
        if (!arb_is_positive(rho))
        {
            ok = 0;
            break;
        }
        arb_div(t, wj, rho, prec);
        arb_mul(u, t, a, prec);
        arb_sub(arb_mat_entry(F, 2 * j, 0), acb_realref(acb_mat_entry(g, j, 0)), u, prec);
        arb_mul(u, t, b, prec);
        arb_sub(arb_mat_entry(F, 2 * j + 1, 0), acb_imagref(acb_mat_entry(g, j, 0)), u, prec);
        if (J == NULL)
            continue;
        /* -d(w x/|x|) */
        arb_neg(t, wj);
        add_curvature(J, j, t, a, b, rho, prec);
        for (i = 0; i < m; i++)
        {
            arb_srcptr ar = acb_realref(acb_mat_entry(K->AE, i, j));
            arb_srcptr ai = acb_imagref(acb_mat_entry(K->AE, i, j));
            /* d(A_E^H v)_j / d(Re v_i, Im v_i): conj(A_ij) and i conj(A_ij) */
            arb_set(arb_mat_entry(J, 2 * j, 2 * k + 2 * i), ar);
            arb_neg(arb_mat_entry(J, 2 * j + 1, 2 * k + 2 * i), ai);
            arb_set(arb_mat_entry(J, 2 * j, 2 * k + 2 * i + 1), ai);
            arb_set(arb_mat_entry(J, 2 * j + 1, 2 * k + 2 * i + 1), ar);
            /* d(A_E x)_i / d(a_j, b_j): A_ij and i A_ij */
            arb_set(arb_mat_entry(J, 2 * k + 2 * i, 2 * j), ar);
            arb_set(arb_mat_entry(J, 2 * k + 2 * i + 1, 2 * j), ai);
            arb_neg(arb_mat_entry(J, 2 * k + 2 * i, 2 * j + 1), ai);
            arb_set(arb_mat_entry(J, 2 * k + 2 * i + 1, 2 * j + 1), ar);
        }
    }
    for (i = 0; i < m && ok; i++)
    {
        arb_set(arb_mat_entry(F, 2 * k + 2 * i, 0), acb_realref(acb_mat_entry(r, i, 0)));
        arb_set(arb_mat_entry(F, 2 * k + 2 * i + 1, 0), acb_imagref(acb_mat_entry(r, i, 0)));
    }
    acb_mat_clear(x);
    acb_mat_clear(v);
    acb_mat_clear(r);
    acb_mat_clear(g);
    arb_clear(rho);
    arb_clear(t);
    arb_clear(u);
    return ok;
}

/* F(z) and (J != NULL) the Jacobian over the ball vector z. Returns 0 when
   some |x_j| is not proved positive on z. */
static int
kkt_eval(arb_mat_t F, arb_mat_t J, const kkt * K, const arb_mat_t z, const arb_t mu_fixed,
         slong prec)
{
    slong k = K->k, j, l, m = K->D->m;
    int ok = 1;
    acb_mat_t r, g;
    arb_t mu, rho, t, u, nr, lam2;
    acb_mat_init(r, m, 1);
    acb_mat_init(g, k, 1);
    arb_init(mu);
    arb_init(rho);
    arb_init(t);
    arb_init(u);
    arb_init(nr);
    arb_init(lam2);
    if (K->bp)
    {
        ok = bp_eval(F, J, K, z, prec);
        goto cleanup;
    }
    kkt_residual(r, g, K, z, prec);
    acb_sqnorm_vec(nr, r, prec);
    arb_mul(lam2, K->D->param, K->D->param, prec);
    if (K->with_mu)
        arb_set(mu, arb_mat_entry(z, 2 * k, 0));
    else
        arb_set(mu, mu_fixed);
    if (J != NULL)
        arb_mat_zero(J);
    for (j = 0; j < k && ok; j++)
    {
        arb_srcptr a = arb_mat_entry(z, 2 * j, 0), b = arb_mat_entry(z, 2 * j + 1, 0);
        arb_srcptr wj = arb_mat_entry(K->D->w, K->E[j], 0);
        arb_hypot(rho, a, b, prec);
        if (!arb_is_positive(rho))
        {
            ok = 0;
            break;
        }
        /* F */
        arb_mul(t, mu, wj, prec);
        arb_div(t, t, rho, prec);                       /* mu w / rho */
        arb_mul_2exp_si(u, acb_realref(acb_mat_entry(g, j, 0)), 1);
        arb_addmul(u, t, a, prec);
        arb_set(arb_mat_entry(F, 2 * j, 0), u);
        arb_mul_2exp_si(u, acb_imagref(acb_mat_entry(g, j, 0)), 1);
        arb_addmul(u, t, b, prec);
        arb_set(arb_mat_entry(F, 2 * j + 1, 0), u);
        if (J == NULL)
            continue;
        for (l = 0; l < k; l++)
        {
            arb_srcptr gr = acb_realref(acb_mat_entry(K->G, j, l));
            arb_srcptr gi = acb_imagref(acb_mat_entry(K->G, j, l));
            arb_mul_2exp_si(arb_mat_entry(J, 2 * j, 2 * l), gr, 1);
            arb_mul_2exp_si(arb_mat_entry(J, 2 * j, 2 * l + 1), gi, 1);
            arb_neg(arb_mat_entry(J, 2 * j, 2 * l + 1), arb_mat_entry(J, 2 * j, 2 * l + 1));
            arb_mul_2exp_si(arb_mat_entry(J, 2 * j + 1, 2 * l), gi, 1);
            arb_mul_2exp_si(arb_mat_entry(J, 2 * j + 1, 2 * l + 1), gr, 1);
        }
        arb_mul(t, mu, wj, prec);
        add_curvature(J, j, t, a, b, rho, prec);
        if (K->with_mu)
        {
            /* dF/dmu = w x / |x| */
            arb_div(t, wj, rho, prec);
            arb_mul(arb_mat_entry(J, 2 * j, 2 * k), t, a, prec);
            arb_mul(arb_mat_entry(J, 2 * j + 1, 2 * k), t, b, prec);
            /* d||r||^2/d(a_j, b_j) = 2 (Re g_j, Im g_j) */
            arb_mul_2exp_si(arb_mat_entry(J, 2 * k, 2 * j), acb_realref(acb_mat_entry(g, j, 0)), 1);
            arb_mul_2exp_si(arb_mat_entry(J, 2 * k, 2 * j + 1), acb_imagref(acb_mat_entry(g, j, 0)), 1);
            if (K->kind == KD_PROBLEM_P3)
            {
                arb_mul_2exp_si(t, lam2, 2);
                arb_neg(t, t);
                arb_mul(arb_mat_entry(J, 2 * k, 2 * j), arb_mat_entry(J, 2 * k, 2 * j), t, prec);
                arb_mul(arb_mat_entry(J, 2 * k, 2 * j + 1), arb_mat_entry(J, 2 * k, 2 * j + 1), t, prec);
            }
        }
    }
    if (ok && K->with_mu)
    {
        if (K->kind == KD_PROBLEM_P3)
        {
            arb_mul(t, mu, mu, prec);
            arb_mul(u, lam2, nr, prec);
            arb_mul_2exp_si(u, u, 2);
            arb_sub(arb_mat_entry(F, 2 * k, 0), t, u, prec);
            if (J != NULL)
                arb_mul_2exp_si(arb_mat_entry(J, 2 * k, 2 * k), mu, 1);
        }
        else
            arb_sub(arb_mat_entry(F, 2 * k, 0), nr, lam2, prec);
    }
cleanup:
    acb_mat_clear(r);
    acb_mat_clear(g);
    arb_clear(mu);
    arb_clear(rho);
    arb_clear(t);
    arb_clear(u);
    arb_clear(nr);
    arb_clear(lam2);
    return ok;
}

static void
mat_mid(arb_mat_t B, const arb_mat_t A)
{
    slong i, j;
    for (i = 0; i < arb_mat_nrows(A); i++)
        for (j = 0; j < arb_mat_ncols(A); j++)
            arb_get_mid_arb(arb_mat_entry(B, i, j), arb_mat_entry(A, i, j));
}

/* Newton's iteration on the midpoints (no claims): z is refined in place.
   Returns 0 when it breaks down. */
static int
kkt_newton(arb_mat_t z, const kkt * K, const arb_t mu_fixed, slong prec)
{
    slong it, n = K->n;
    int ok = 1;
    arb_mat_t F, J, d;
    arb_t mu;
    arb_mat_init(F, n, 1);
    arb_mat_init(J, n, n);
    arb_mat_init(d, n, 1);
    arb_init(mu);
    arb_get_mid_arb(mu, mu_fixed);
    for (it = 0; it < 60 && ok; it++)
    {
        slong i, e = WORD_MIN;
        mat_mid(z, z);
        if (!kkt_eval(F, J, K, z, mu, prec))
        {
            ok = 0;
            break;
        }
        mat_mid(F, F);
        mat_mid(J, J);
        if (!arb_mat_approx_solve(d, J, F, prec))
        {
            ok = 0;
            break;
        }
        arb_mat_sub(z, z, d, prec);
        /* stop once the step is below 2^(-prec+16) relative to z */
        for (i = 0; i < n; i++)
        {
            slong ed, ez;
            if (arf_is_zero(arb_midref(arb_mat_entry(d, i, 0))))
                continue;       /* a zero step entry: no bound to take (and no WORD_MIN - ez) */
            ed = arf_abs_bound_lt_2exp_si(arb_midref(arb_mat_entry(d, i, 0)));
            ez = arf_is_zero(arb_midref(arb_mat_entry(z, i, 0))) ? 0
                 : arf_abs_bound_lt_2exp_si(arb_midref(arb_mat_entry(z, i, 0)));
            e = FLINT_MAX(e, ed - ez);
        }
        if (e < -prec + 16)
            break;
    }
    mat_mid(z, z);
    arb_mat_clear(F);
    arb_mat_clear(J);
    arb_mat_clear(d);
    arb_clear(mu);
    return ok;
}

/* Krawczyk: K(Z) = z0 - C F(z0) + (I - C J(Z))(Z - z0) inside the interior
   of Z proves a unique zero of F in Z, enclosed by K(Z). */
static int
krawczyk(arb_mat_t out, const kkt * K, const arb_mat_t z0, const arb_t mu_fixed, slong prec)
{
    slong n = K->n, i, t;
    int ok = 0;
    arb_mat_t F, J, C, Z, KZ, D, T;
    mag_t r;
    arb_mat_init(F, n, 1);
    arb_mat_init(J, n, n);
    arb_mat_init(C, n, n);
    arb_mat_init(Z, n, 1);
    arb_mat_init(KZ, n, 1);
    arb_mat_init(D, n, 1);
    arb_mat_init(T, n, n);
    mag_init(r);
    if (!kkt_eval(F, J, K, z0, mu_fixed, prec))
        goto cleanup;
    mat_mid(T, J);
    if (!arb_mat_approx_inv(C, T, prec))
        goto cleanup;
    mat_mid(C, C);
    for (t = 0; t < 6 && !ok; t++)
    {
        /* Z = z0 +- (2^(-prec/2 + 10 t) (1 + |z0|)) */
        for (i = 0; i < n; i++)
        {
            arb_srcptr zi = arb_mat_entry(z0, i, 0);
            arb_get_mag(r, zi);
            mag_add_ui(r, r, 1);
            mag_mul_2exp_si(r, r, -prec / 2 + (prec / 12) * t);
            arb_set(arb_mat_entry(Z, i, 0), zi);
            mag_set(arb_radref(arb_mat_entry(Z, i, 0)), r);
        }
        if (!kkt_eval(D, J, K, Z, mu_fixed, prec))
            break;
        /* KZ = z0 - C F(z0) + (I - C J)(Z - z0) */
        arb_mat_mul(T, C, J, prec);
        arb_mat_neg(T, T);
        for (i = 0; i < n; i++)
            arb_add_ui(arb_mat_entry(T, i, i), arb_mat_entry(T, i, i), 1, prec);
        arb_mat_sub(D, Z, z0, prec);
        arb_mat_mul(KZ, T, D, prec);
        arb_mat_mul(D, C, F, prec);
        arb_mat_sub(KZ, KZ, D, prec);
        arb_mat_add(KZ, KZ, z0, prec);
        ok = 1;
        for (i = 0; i < n && ok; i++)
            ok = arb_contains_interior(arb_mat_entry(Z, i, 0), arb_mat_entry(KZ, i, 0));
    }
    if (ok)
        arb_mat_set(out, KZ);
cleanup:
    arb_mat_clear(F);
    arb_mat_clear(J);
    arb_mat_clear(C);
    arb_mat_clear(Z);
    arb_mat_clear(KZ);
    arb_mat_clear(D);
    arb_mat_clear(T);
    mag_clear(r);
    return ok;
}

/* Whether the real 2m x k matrix M with columns (Re, Im)(x_j a_j), j in E
   (and, for P3, the column (Re, Im) r), is proved of full column rank for
   every x in the enclosure Z (M^T M invertible): then a minimiser is unique
   (proofs-notes/solvers.md §3c). */
static int
radial_injective(const kkt * K, const arb_mat_t Z, const acb_mat_t r, slong prec)
{
    slong m = K->D->m, k = K->k, i, j, c = k + (r != NULL);
    int ok;
    arb_mat_t M, MT, H, Hi;
    acb_t t, x;
    if (c > 2 * m)
        return 0;
    arb_mat_init(M, 2 * m, c);
    arb_mat_init(MT, c, 2 * m);
    arb_mat_init(H, c, c);
    arb_mat_init(Hi, c, c);
    /* P3: the extra column r = A x - y */
    for (i = 0; i < m && r != NULL; i++)
    {
        arb_set(arb_mat_entry(M, i, k), acb_realref(acb_mat_entry(r, i, 0)));
        arb_set(arb_mat_entry(M, m + i, k), acb_imagref(acb_mat_entry(r, i, 0)));
    }
    acb_init(t);
    acb_init(x);
    for (j = 0; j < k; j++)
    {
        acb_set_arb_arb(x, arb_mat_entry(Z, 2 * j, 0), arb_mat_entry(Z, 2 * j + 1, 0));
        for (i = 0; i < m; i++)
        {
            acb_mul(t, x, acb_mat_entry(K->AE, i, j), prec);
            arb_set(arb_mat_entry(M, i, j), acb_realref(t));
            arb_set(arb_mat_entry(M, m + i, j), acb_imagref(t));
        }
    }
    arb_mat_transpose(MT, M);
    arb_mat_mul(H, MT, M, prec);
    ok = arb_mat_inv(Hi, H, prec);
    arb_mat_clear(M);
    arb_mat_clear(MT);
    arb_mat_clear(H);
    arb_mat_clear(Hi);
    acb_clear(t);
    acb_clear(x);
    return ok;
}

/* The P2(mu) route (P2; P1 with eta > 0; P3 off zero residual). */
static kd_truth
certify_kkt(arb_mat_t xr, arb_mat_t xi, arb_t mu_out, const cx_data * D, kd_problem_kind kind,
            const slong * E, slong k, const acb_mat_t x0, slong prec)
{
    slong m = D->m, j, n;
    int with_mu = (kind != KD_PROBLEM_P2);
    kd_truth t = KD_UNKNOWN;
    kkt K;
    arb_mat_t z, Z;
    acb_mat_t r, g;
    arb_t mu, nr, two;
    kkt_init(&K, D, kind, E, k, with_mu, prec);
    n = K.n;
    arb_mat_init(z, n, 1);
    arb_mat_init(Z, n, 1);
    acb_mat_init(r, m, 1);
    acb_mat_init(g, k, 1);
    arb_init(mu);
    arb_init(nr);
    arb_init(two);
    arb_set_ui(two, 2);
    for (j = 0; j < k; j++)
    {
        arb_get_mid_arb(arb_mat_entry(z, 2 * j, 0), acb_realref(acb_mat_entry(x0, E[j], 0)));
        arb_get_mid_arb(arb_mat_entry(z, 2 * j + 1, 0), acb_imagref(acb_mat_entry(x0, E[j], 0)));
    }
    if (kind == KD_PROBLEM_P2)
        arb_set(mu, D->param);
    else
    {
        /* the starting mu: P3: 2 lambda ||r||; P1: the least-squares fit of
           -2 g_j = mu w_j x_j/|x_j| */
        kkt_residual(r, g, &K, z, prec);
        acb_sqnorm_vec(nr, r, prec);
        if (kind == KD_PROBLEM_P3)
        {
            arb_sqrt(mu, nr, prec);
            arb_mul(mu, mu, D->param, prec);
            arb_mul_2exp_si(mu, mu, 1);
        }
        else
        {
            arb_t s, u, a;
            arb_init(s);
            arb_init(u);
            arb_init(a);
            arb_zero(mu);
            for (j = 0; j < k; j++)
            {
                acb_abs(a, acb_mat_entry(g, j, 0), prec);
                arb_mul_2exp_si(a, a, 1);
                arb_add(mu, mu, a, prec);
                arb_add(s, s, arb_mat_entry(D->w, E[j], 0), prec);
            }
            arb_div(mu, mu, s, prec);
            arb_clear(s);
            arb_clear(u);
            arb_clear(a);
        }
        arb_get_mid_arb(arb_mat_entry(z, 2 * k, 0), mu);
    }
    if (!kkt_newton(z, &K, mu, prec) || !krawczyk(Z, &K, z, mu, prec))
    {
        kd_error_set(KD_OK, "the KKT system on the support was not enclosed at %ld bits "
                     "(the support may be wrong, or an entry tends to 0)", prec);
        goto cleanup;
    }
    if (with_mu)
        arb_set(mu, arb_mat_entry(Z, 2 * k, 0));
    if (!arb_is_positive(mu))
    {
        kd_error_set(KD_OK, "the matching P2 parameter mu is not proved positive");
        goto cleanup;
    }
    /* |x_j| > 0 on the enclosure (checked by kkt_eval), no real c != 0
       with A_E (c .* x_E) = 0, and strict dual feasibility off E:
       |2 a_j^H r| < mu w_j */
    kkt_residual(r, g, &K, Z, prec);
    if (!radial_injective(&K, Z, kind == KD_PROBLEM_P3 ? r : NULL, prec))
    {
        kd_error_set(KD_OK, "(c, t) -> A_E (c .* x_E)%s (c real) is not proved injective at "
                     "%ld bits", kind == KD_PROBLEM_P3 ? " + t (A x - y)" : "", prec);
        goto cleanup;
    }
    t = off_support(D, E, k, r, two, mu, prec);
    if (t == KD_TRUE)
    {
        arb_mat_zero(xr);
        arb_mat_zero(xi);
        for (j = 0; j < k; j++)
        {
            arb_set(arb_mat_entry(xr, E[j], 0), arb_mat_entry(Z, 2 * j, 0));
            arb_set(arb_mat_entry(xi, E[j], 0), arb_mat_entry(Z, 2 * j + 1, 0));
        }
        arb_set(mu_out, mu);
    }
cleanup:
    kkt_clear(&K);
    arb_mat_clear(z);
    arb_mat_clear(Z);
    acb_mat_clear(r);
    acb_mat_clear(g);
    arb_clear(mu);
    arb_clear(nr);
    arb_clear(two);
    return t;
}

/* BP (and P3 at zero residual) with m < |E| <= 2m: over C the minimiser
   may have more non-zeros than rows. x_E and the dual v are enclosed
   together (bp_eval), then |x_j| > 0, c -> A_E (c .* x_E) injective,
   |a_j^H v| < w_j off E (P3: lambda ||v|| < 1). */
static kd_truth
certify_bp_wide(arb_mat_t xr, arb_mat_t xi, const cx_data * D, kd_problem_kind kind,
                const slong * E, slong k, const acb_mat_t x0, int p3, slong prec)
{
    slong m = D->m, j, i;
    kd_truth t = KD_UNKNOWN;
    kkt K;
    arb_mat_t z, Z;
    acb_mat_t H, AEH, c, v, b;
    arb_t rho, one, zero;
    kkt_init(&K, D, kind, E, k, 0, prec);
    K.bp = 1;
    K.n = 2 * k + 2 * m;
    arb_mat_init(z, K.n, 1);
    arb_mat_init(Z, K.n, 1);
    acb_mat_init(H, m, m);
    acb_mat_init(AEH, k, m);
    acb_mat_init(c, k, 1);
    acb_mat_init(b, m, 1);
    acb_mat_init(v, m, 1);
    arb_init(rho);
    arb_init(one);
    arb_init(zero);
    arb_one(one);
    /* start: x0 on E, v = the least-squares solution of A_E^H v = w .* sgn(x0) */
    for (j = 0; j < k; j++)
    {
        acb_srcptr x = acb_mat_entry(x0, E[j], 0);
        arb_get_mid_arb(arb_mat_entry(z, 2 * j, 0), acb_realref(x));
        arb_get_mid_arb(arb_mat_entry(z, 2 * j + 1, 0), acb_imagref(x));
        acb_abs(rho, x, prec);
        if (!arb_is_positive(rho))
            goto fail;
        acb_div_arb(acb_mat_entry(c, j, 0), x, rho, prec);
        acb_mul_arb(acb_mat_entry(c, j, 0), acb_mat_entry(c, j, 0),
                    arb_mat_entry(D->w, E[j], 0), prec);
    }
    acb_mat_approx_mul(H, K.AE, K.AEH, prec);
    acb_mat_approx_mul(b, K.AE, c, prec);
    if (!acb_mat_approx_solve(v, H, b, prec))
        goto fail;
    for (i = 0; i < m; i++)
    {
        arb_get_mid_arb(arb_mat_entry(z, 2 * k + 2 * i, 0), acb_realref(acb_mat_entry(v, i, 0)));
        arb_get_mid_arb(arb_mat_entry(z, 2 * k + 2 * i + 1, 0),
                        acb_imagref(acb_mat_entry(v, i, 0)));
    }
    if (!kkt_newton(z, &K, zero, prec) || !krawczyk(Z, &K, z, zero, prec))
        goto fail;
    if (!radial_injective(&K, Z, NULL, prec))
    {
        kd_error_set(KD_OK, "c -> A_E (c .* x_E) (c real) is not proved injective at %ld bits",
                     prec);
        goto cleanup;
    }
    for (i = 0; i < m; i++)
        acb_set_arb_arb(acb_mat_entry(v, i, 0), arb_mat_entry(Z, 2 * k + 2 * i, 0),
                        arb_mat_entry(Z, 2 * k + 2 * i + 1, 0));
    t = off_support(D, E, k, v, one, one, prec);
    if (t == KD_TRUE && p3)
    {
        acb_sqnorm_vec(rho, v, prec);
        arb_mul(rho, rho, D->param, prec);
        arb_mul(rho, rho, D->param, prec);
        if (!arb_lt(rho, one))
        {
            t = KD_UNKNOWN;
            kd_error_set(KD_OK, "zero residual: lambda ||v|| < 1 is not proved");
        }
    }
    if (t == KD_TRUE)
        for (j = 0; j < k; j++)
        {
            arb_set(arb_mat_entry(xr, E[j], 0), arb_mat_entry(Z, 2 * j, 0));
            arb_set(arb_mat_entry(xi, E[j], 0), arb_mat_entry(Z, 2 * j + 1, 0));
        }
    goto cleanup;
fail:
    kd_error_set(KD_OK, "the basis pursuit system on the support (|E| > m) was not enclosed "
                 "at %ld bits", prec);
cleanup:
    kkt_clear(&K);
    arb_mat_clear(z);
    arb_mat_clear(Z);
    acb_mat_clear(H);
    acb_mat_clear(AEH);
    acb_mat_clear(c);
    acb_mat_clear(b);
    acb_mat_clear(v);
    arb_clear(rho);
    arb_clear(one);
    arb_clear(zero);
    return t;
}

/* x = 0 (E empty). */
static kd_truth
certify_zero(arb_t mu, const cx_data * D, const kd_problem_t P, slong prec)
{
    slong i;
    kd_truth t = KD_UNKNOWN;
    arb_t ny, two, one;
    arb_init(ny);
    arb_init(two);
    arb_init(one);
    arb_one(one);
    acb_sqnorm_vec(ny, D->y, prec);
    if (P->kind == KD_PROBLEM_BP || (P->kind == KD_PROBLEM_P1 && arb_is_zero(D->param)))
    {
        /* y = 0 structurally */
        t = KD_TRUE;
        for (i = 0; i < D->m; i++)
            if (!kd_complex_is_zero(kd_mat_entry(P->y, i, 0)))
                t = KD_UNKNOWN;
    }
    else if (P->kind == KD_PROBLEM_P1)
    {
        /* ||y|| <= eta: 0 is feasible and the only point of norm 0 */
        arb_t e2;
        arb_init(e2);
        arb_mul(e2, D->param, D->param, prec);
        if (arb_le(ny, e2))
            t = KD_TRUE;
        arb_clear(e2);
    }
    else
    {
        /* P2: |2 a_j^H y| < lambda w_j; P3: |a_j^H y| < lambda w_j ||y|| */
        if (P->kind == KD_PROBLEM_P2)
        {
            arb_set(mu, D->param);
            arb_set_ui(two, 2);
        }
        else
        {
            arb_sqrt(ny, ny, prec);
            if (arb_is_positive(ny))
            {
                arb_mul(mu, D->param, ny, prec);
                arb_mul_2exp_si(mu, mu, 1);
                arb_set_ui(two, 2);
            }
        }
        if (arb_is_positive(mu))
            t = off_support(D, NULL, 0, D->y, two, mu, prec);
    }
    if (t != KD_TRUE)
        kd_error_set(KD_OK, "x = 0 is not certified");
    arb_clear(ny);
    arb_clear(two);
    arb_clear(one);
    return t;
}

kd_status
kd_certify_complex_support(kd_truth * verdict, arb_mat_t xr, arb_mat_t xi, arb_t mu,
                           const kd_problem_t P, const slong * E, slong nE,
                           const acb_mat_t x0, slong prec)
{
    kd_status st;
    cx_data D;
    slong k, N = P->N;
    *verdict = KD_UNKNOWN;
    if (!P->has_data)
        return kd_error_set(KD_ERR_ARG, "the problem has no exact data (given by oracles only): "
                            "nothing to certify against");
    if (arb_mat_nrows(xr) != N || arb_mat_nrows(xi) != N || (x0 != NULL && acb_mat_nrows(x0) != N))
        return kd_error_set(KD_ERR_SIZE, "enclosures and the approximation must be %ld x 1", N);
    for (k = 0; k < nE; k++)
        if (E[k] < 0 || E[k] >= N || (k > 0 && E[k] <= E[k - 1]))
            return kd_error_set(KD_ERR_ARG, "support: indices must increase within [0, %ld)", N);
    if (nE > 2 * P->m)
    {
        kd_error_set(KD_OK, "a support larger than 2m is never that of a unique minimiser");
        return KD_OK;
    }
    if ((st = cx_data_init(&D, P, prec)) != KD_OK)
    {
        cx_data_clear(&D);
        return st;
    }
    arb_zero(mu);
    arb_mat_zero(xr);
    arb_mat_zero(xi);
    if (nE == 0)
        *verdict = certify_zero(mu, &D, P, prec);
    else if ((P->kind == KD_PROBLEM_BP || (P->kind == KD_PROBLEM_P1 && arb_is_zero(D.param)))
             && nE > P->m)
    {
        if (x0 == NULL)
            kd_error_set(KD_OK, "|E| > m: an approximate minimiser is needed");
        else
            *verdict = certify_bp_wide(xr, xi, &D, P->kind, E, nE, x0, 0, prec);
    }
    else if (P->kind == KD_PROBLEM_BP || (P->kind == KD_PROBLEM_P1 && arb_is_zero(D.param)))
        *verdict = certify_bp(xr, xi, &D, P, E, nE, 0, prec);
    else if (x0 == NULL)
        kd_error_set(KD_OK, "an approximate minimiser is needed for %s",
                     kd_problem_kind_name(P->kind));
    else
    {
        *verdict = certify_kkt(xr, xi, mu, &D, P->kind, E, nE, x0, prec);
        if (*verdict != KD_TRUE && P->kind == KD_PROBLEM_P3)
        {
            /* zero residual: the BP minimiser with lambda ||v|| < 1 */
            char msg[256];
            snprintf(msg, sizeof msg, "%s", kd_error_message());
            *verdict = nE <= P->m ? certify_bp(xr, xi, &D, P, E, nE, 1, prec)
                       : certify_bp_wide(xr, xi, &D, P->kind, E, nE, x0, 1, prec);
            if (*verdict != KD_TRUE)
                kd_error_set(KD_OK, "%s; at zero residual: %s", msg, kd_error_message());
        }
    }
    cx_data_clear(&D);
    return KD_OK;
}

kd_status
_kd_certify_equality_exact(kd_truth * t, const kd_problem_t P, const fmpq_mat_t xr,
                           const fmpq_mat_t xi)
{
    slong m = P->A->r, N = P->A->c, i, j, L = 1;
    kd_status st = KD_OK;
    kd_cyclo_t K;
    nf_elem_t s, a, x, u, im;
    *t = KD_UNKNOWN;
    for (i = 0; i < m && st == KD_OK; i++)
    {
        for (j = 0; j < N && st == KD_OK; j++)
            if (!fmpq_is_zero(fmpq_mat_entry(xr, j, 0))
                || (xi != NULL && !fmpq_is_zero(fmpq_mat_entry(xi, j, 0))))
                st = kd_cyclo_conductor_complex(&L, kd_mat_entry(P->A, i, j), 0);
        if (st == KD_OK)
            st = kd_cyclo_conductor_complex(&L, kd_mat_entry(P->y, i, 0), 0);
    }
    if (L % 4 != 0)
        L = (L % 2 == 0) ? 2 * L : 4 * L;      /* i in the field */
    if (st != KD_OK || kd_cyclo_init(K, L, 0) != KD_OK)
        return KD_OK;                           /* out of reach: unknown */
    nf_elem_init(s, K->nf);
    nf_elem_init(a, K->nf);
    nf_elem_init(x, K->nf);
    nf_elem_init(u, K->nf);
    nf_elem_init(im, K->nf);
    st = kd_cyclo_i(im, K);
    *t = KD_TRUE;
    for (i = 0; i < m && st == KD_OK && *t == KD_TRUE; i++)
    {
        /* s = (A x)_i - y_i */
        st = kd_cyclo_set_complex(s, kd_mat_entry(P->y, i, 0), K);
        nf_elem_neg(s, s, K->nf);
        for (j = 0; j < N && st == KD_OK; j++)
        {
            nf_elem_set_fmpq(x, fmpq_mat_entry(xr, j, 0), K->nf);
            if (xi != NULL)
            {
                nf_elem_set_fmpq(u, fmpq_mat_entry(xi, j, 0), K->nf);
                nf_elem_mul(u, u, im, K->nf);
                nf_elem_add(x, x, u, K->nf);
            }
            if (nf_elem_is_zero(x, K->nf))
                continue;
            st = kd_cyclo_set_complex(a, kd_mat_entry(P->A, i, j), K);
            nf_elem_mul(a, a, x, K->nf);
            nf_elem_add(s, s, a, K->nf);
        }
        if (st == KD_OK && !nf_elem_is_zero(s, K->nf))
            *t = KD_FALSE;
    }
    if (st != KD_OK)
        *t = KD_UNKNOWN;
    nf_elem_clear(s, K->nf);
    nf_elem_clear(a, K->nf);
    nf_elem_clear(x, K->nf);
    nf_elem_clear(u, K->nf);
    nf_elem_clear(im, K->nf);
    kd_cyclo_clear(K);
    return KD_OK;
}
