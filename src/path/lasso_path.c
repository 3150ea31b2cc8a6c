/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The exact P2 (U-LASSO) homotopy path for any rational A (ties, dependent
   and duplicated columns included), and the exact linear algebra it shares
   with the P2/P3/P1 solvers: null spaces, sign-constrained least squares and
   the face test for uniqueness. */
#include "internal.h"
#include "kdigits/util.h"

/* Loop guards: the algorithms below terminate in exact arithmetic; hitting
   a guard means a bug and is reported as one. */
#define KD_PATH_MAX_KNOTS 1000000
#define KD_NNLS_MAX_OUTER(c) (1000 + 100 * (c))

/* ------------------------------------------------------------- shared */

kd_status
_kd_path_internal(const char * what)
{
    return kd_error_set(KD_ERR_INTERNAL, "internal: %s (please report)", what);
}

kd_status
_kd_path_check_data(const fmpq_mat_t A, const fmpq_mat_t y, const fmpq_mat_t w)
{
    slong m = fmpq_mat_nrows(A), n = fmpq_mat_ncols(A), j;
    if (m < 1 || n < 1)
        return kd_error_set(KD_ERR_SIZE, "A must have at least one row and one column");
    if (fmpq_mat_nrows(y) != m || fmpq_mat_ncols(y) != 1)
        return kd_error_set(KD_ERR_SIZE, "y must be %ld x 1", (long) m);
    if (w != NULL)
    {
        if (fmpq_mat_nrows(w) != n || fmpq_mat_ncols(w) != 1)
            return kd_error_set(KD_ERR_SIZE, "w must be %ld x 1", (long) n);
        for (j = 0; j < n; j++)
            if (fmpq_sgn(fmpq_mat_entry(w, j, 0)) <= 0)
                return kd_error_set(KD_ERR_ARG, "weight w_%ld is not positive", (long) j);
    }
    return KD_OK;
}

void
_kd_path_weights(fmpq_mat_t wv, const fmpq_mat_t w)
{
    slong j;
    if (w != NULL)
        fmpq_mat_set(wv, w);
    else
        for (j = 0; j < fmpq_mat_nrows(wv); j++)
            fmpq_one(fmpq_mat_entry(wv, j, 0));
}

void
_kd_path_corr(fmpq_mat_t c, const fmpq_mat_t A, const fmpq_mat_t y, const fmpq_mat_t x)
{
    fmpq_mat_t r, At;
    fmpq_t two;
    fmpq_mat_init(r, fmpq_mat_nrows(A), 1);
    fmpq_mat_init(At, fmpq_mat_ncols(A), fmpq_mat_nrows(A));
    fmpq_init(two);
    fmpq_set_si(two, 2, 1);
    fmpq_mat_mul(r, A, x);
    fmpq_mat_sub(r, y, r);
    fmpq_mat_scalar_mul_fmpq(r, r, two);
    fmpq_mat_transpose(At, A);
    fmpq_mat_mul(c, At, r);
    fmpq_mat_clear(r);
    fmpq_mat_clear(At);
    fmpq_clear(two);
}

slong
_kd_path_nullspace(fmpq_mat_t basis, const fmpq_mat_t M)
{
    slong r = fmpq_mat_nrows(M), c = fmpq_mat_ncols(M), rank, i, j, k;
    slong * pivot;
    int * is_pivot;
    fmpq_mat_t R;

    fmpq_mat_init(R, r, c);
    rank = (r == 0 || c == 0) ? 0 : fmpq_mat_rref(R, M);
    pivot = flint_malloc(sizeof(slong) * (rank + 1));
    is_pivot = flint_calloc(c + 1, sizeof(int));
    for (i = 0, j = 0; i < rank; i++)
    {
        while (fmpq_is_zero(fmpq_mat_entry(R, i, j)))
            j++;
        pivot[i] = j;
        is_pivot[j] = 1;
    }
    fmpq_mat_clear(basis);
    fmpq_mat_init(basis, c, c - rank);
    /* Free column f gives v_f = 1, v_{pivot i} = -R[i][f]. */
    for (j = 0, k = 0; j < c; j++)
    {
        if (is_pivot[j])
            continue;
        fmpq_one(fmpq_mat_entry(basis, j, k));
        for (i = 0; i < rank; i++)
            fmpq_neg(fmpq_mat_entry(basis, pivot[i], k), fmpq_mat_entry(R, i, j));
        k++;
    }
    flint_free(pivot);
    flint_free(is_pivot);
    fmpq_mat_clear(R);
    return rank;
}

/* z = the least-squares solution on the passive columns (zero elsewhere):
   the passive columns are independent, so the Gram system is regular. */
static kd_status
nnls_ls(fmpq_mat_t z, const fmpq_mat_t M, const int * passive, const fmpq_mat_t b)
{
    slong m = fmpq_mat_nrows(M), c = fmpq_mat_ncols(M), p = 0, i, k;
    slong * idx = flint_malloc(sizeof(slong) * (c + 1));
    fmpq_mat_t MP, MPt, G, rhs, sol;
    kd_status st = KD_OK;

    for (k = 0; k < c; k++)
        if (passive[k])
            idx[p++] = k;
    fmpq_mat_zero(z);
    if (p > 0)
    {
        fmpq_mat_init(MP, m, p);
        fmpq_mat_init(MPt, p, m);
        fmpq_mat_init(G, p, p);
        fmpq_mat_init(rhs, p, 1);
        fmpq_mat_init(sol, p, 1);
        for (i = 0; i < m; i++)
            for (k = 0; k < p; k++)
                fmpq_set(fmpq_mat_entry(MP, i, k), fmpq_mat_entry(M, i, idx[k]));
        fmpq_mat_transpose(MPt, MP);
        fmpq_mat_mul(G, MPt, MP);
        fmpq_mat_mul(rhs, MPt, b);
        if (!fmpq_mat_solve(sol, G, rhs))
            st = _kd_path_internal("dependent passive columns in the NNLS solver");
        else
            for (k = 0; k < p; k++)
                fmpq_set(fmpq_mat_entry(z, idx[k], 0), fmpq_mat_entry(sol, k, 0));
        fmpq_mat_clear(MP);
        fmpq_mat_clear(MPt);
        fmpq_mat_clear(G);
        fmpq_mat_clear(rhs);
        fmpq_mat_clear(sol);
    }
    flint_free(idx);
    return st;
}

kd_status
_kd_path_nnls(fmpq_mat_t zeta, int * passive, const fmpq_mat_t M, slong nfree,
              const fmpq_mat_t b)
{
    slong m = fmpq_mat_nrows(M), c = fmpq_mat_ncols(M), k, best, outer, inner;
    fmpq_mat_t z, res, grad, Mt;
    fmpq_t alpha, t, u;
    kd_status st;

    fmpq_mat_init(z, c, 1);
    fmpq_mat_init(res, m, 1);
    fmpq_mat_init(grad, c, 1);
    fmpq_mat_init(Mt, c, m);
    fmpq_init(alpha);
    fmpq_init(t);
    fmpq_init(u);
    fmpq_mat_transpose(Mt, M);
    for (k = 0; k < c; k++)
        passive[k] = (k < nfree);
    st = nnls_ls(zeta, M, passive, b);
    for (outer = 0; st == KD_OK; outer++)
    {
        if (outer > KD_NNLS_MAX_OUTER(c))
        {
            st = _kd_path_internal("NNLS iteration limit");
            break;
        }
        /* grad = M^T (b - M zeta) = minus the gradient of ||M zeta - b||^2 / 2 */
        fmpq_mat_mul(res, M, zeta);
        fmpq_mat_sub(res, b, res);
        fmpq_mat_mul(grad, Mt, res);
        best = -1;
        for (k = nfree; k < c; k++)
            if (!passive[k] && fmpq_sgn(fmpq_mat_entry(grad, k, 0)) > 0
                && (best < 0 || fmpq_cmp(fmpq_mat_entry(grad, k, 0),
                                         fmpq_mat_entry(grad, best, 0)) > 0))
                best = k;
        if (best < 0)
            break;
        passive[best] = 1;
        for (inner = 0; ; inner++)
        {
            int ok = 1, any = 0;
            if (inner > c + 1)
            {
                st = _kd_path_internal("NNLS inner loop does not terminate");
                break;
            }
            if ((st = nnls_ls(z, M, passive, b)) != KD_OK)
                break;
            for (k = nfree; k < c; k++)
                if (passive[k] && fmpq_sgn(fmpq_mat_entry(z, k, 0)) <= 0)
                    ok = 0;
            if (ok)
            {
                fmpq_mat_set(zeta, z);
                break;
            }
            /* Step from zeta towards z as far as feasibility allows. */
            for (k = nfree; k < c; k++)
            {
                if (!passive[k] || fmpq_sgn(fmpq_mat_entry(z, k, 0)) > 0)
                    continue;
                fmpq_sub(u, fmpq_mat_entry(zeta, k, 0), fmpq_mat_entry(z, k, 0));
                fmpq_div(t, fmpq_mat_entry(zeta, k, 0), u);
                if (!any || fmpq_cmp(t, alpha) < 0)
                    fmpq_set(alpha, t);
                any = 1;
            }
            if (fmpq_is_zero(alpha) && inner == 0)
            {
                /* Lawson-Hanson: the entering variable is positive in the
                   new least-squares solution; a zero step means a bug. */
                st = _kd_path_internal("NNLS entering variable not positive");
                break;
            }
            for (k = 0; k < c; k++)
            {
                fmpq_sub(u, fmpq_mat_entry(z, k, 0), fmpq_mat_entry(zeta, k, 0));
                fmpq_addmul(fmpq_mat_entry(zeta, k, 0), alpha, u);
            }
            for (k = nfree; k < c; k++)
                if (passive[k] && fmpq_sgn(fmpq_mat_entry(zeta, k, 0)) <= 0)
                {
                    passive[k] = 0;
                    fmpq_zero(fmpq_mat_entry(zeta, k, 0));
                }
        }
    }
    fmpq_mat_clear(z);
    fmpq_mat_clear(res);
    fmpq_mat_clear(grad);
    fmpq_mat_clear(Mt);
    fmpq_clear(alpha);
    fmpq_clear(t);
    fmpq_clear(u);
    return st;
}

kd_status
_kd_path_face_unique(kd_truth * res, slong * rank, const fmpq_mat_t A, const slong * eq,
                     const int * sign, const int * zero, slong num_eq)
{
    slong m = fmpq_mat_nrows(A), i, l, k, nz, rb;
    fmpq_mat_t AE, Nb, B, Bt, nb, rhs, u, r;
    int * passive;
    kd_status st = KD_OK;

    *res = KD_TRUE;
    *rank = 0;
    if (num_eq == 0)
        return KD_OK;
    fmpq_mat_init(AE, m, num_eq);
    fmpq_mat_init(Nb, 0, 0);
    for (i = 0; i < m; i++)
        for (l = 0; l < num_eq; l++)
            fmpq_set(fmpq_mat_entry(AE, i, l), fmpq_mat_entry(A, i, eq[l]));
    *rank = _kd_path_nullspace(Nb, AE);
    k = num_eq - *rank;
    for (l = 0, nz = 0; l < num_eq; l++)
        nz += (zero[l] != 0);
    if (k == 0)
        *res = KD_TRUE;         /* A_E has full column rank: Lemma 2 */
    else if (nz == 0)
        *res = KD_FALSE;        /* every null direction keeps the signs */
    else
    {
        fmpq_mat_init(B, nz, k);
        for (l = 0, i = 0; l < num_eq; l++)
        {
            slong c;
            if (!zero[l])
                continue;
            for (c = 0; c < k; c++)
            {
                fmpq_set(fmpq_mat_entry(B, i, c), fmpq_mat_entry(Nb, l, c));
                if (sign[l] < 0)
                    fmpq_neg(fmpq_mat_entry(B, i, c), fmpq_mat_entry(B, i, c));
            }
            i++;
        }
        fmpq_mat_init(nb, 0, 0);
        rb = _kd_path_nullspace(nb, B);
        if (rb < k)
            *res = KD_FALSE;    /* B c = 0 for some c != 0: a direction that
                                   leaves every zero coordinate at zero */
        else
        {
            /* Stiemke: no c != 0 with B c >= 0 iff B^T y = 0 for some y > 0;
               with y = 1 + u, u >= 0, that is min ||B^T 1 + B^T u|| = 0. */
            fmpq_mat_init(Bt, k, nz);
            fmpq_mat_init(rhs, k, 1);
            fmpq_mat_init(u, nz, 1);
            fmpq_mat_init(r, k, 1);
            passive = flint_malloc(sizeof(int) * (nz + 1));
            fmpq_mat_transpose(Bt, B);
            for (i = 0; i < k; i++)
                for (l = 0; l < nz; l++)
                    fmpq_sub(fmpq_mat_entry(rhs, i, 0), fmpq_mat_entry(rhs, i, 0),
                             fmpq_mat_entry(Bt, i, l));
            st = _kd_path_nnls(u, passive, Bt, 0, rhs);
            if (st == KD_OK)
            {
                fmpq_mat_mul(r, Bt, u);
                fmpq_mat_sub(r, r, rhs);
                *res = fmpq_mat_is_zero(r) ? KD_TRUE : KD_FALSE;
            }
            flint_free(passive);
            fmpq_mat_clear(Bt);
            fmpq_mat_clear(rhs);
            fmpq_mat_clear(u);
            fmpq_mat_clear(r);
        }
        fmpq_mat_clear(nb);
        fmpq_mat_clear(B);
    }
    fmpq_mat_clear(AE);
    fmpq_mat_clear(Nb);
    return st;
}

/* ------------------------------------------------------------- path storage */

void
kd_path_init(kd_path_t path)
{
    path->m = 0;
    path->n = 0;
    path->length = 0;
    path->alloc = 0;
    path->lambda = NULL;
    path->x = NULL;
    path->slope = NULL;
}

static void
path_reset(kd_path_t path, slong m, slong n)
{
    slong k;
    for (k = 0; k < path->length; k++)
    {
        fmpq_clear(path->lambda + k);
        fmpq_mat_clear(path->x + k);
        if (k + 1 < path->length)
            fmpq_mat_clear(path->slope + k);
    }
    path->length = 0;
    path->m = m;
    path->n = n;
}

void
kd_path_clear(kd_path_t path)
{
    path_reset(path, 0, 0);
    flint_free(path->lambda);
    flint_free(path->x);
    flint_free(path->slope);
    kd_path_init(path);
}

static void
path_fit(kd_path_t path, slong len)
{
    if (len <= path->alloc)
        return;
    len = FLINT_MAX(len, 2 * path->alloc);
    path->lambda = flint_realloc(path->lambda, sizeof(fmpq) * len);
    path->x = flint_realloc(path->x, sizeof(fmpq_mat_struct) * len);
    path->slope = flint_realloc(path->slope, sizeof(fmpq_mat_struct) * len);
    path->alloc = len;
}

/* Appends the knot (2 t, D^{-1} beta) and, unless it is the first, the slope
   dx/dlambda = -D^{-1} delta / 2 of the piece that ends there. */
static void
path_push(kd_path_t path, const fmpq_t t, const fmpq_mat_t beta,
          const fmpq_mat_t delta, const fmpq_mat_t wv)
{
    slong k = path->length, j;
    path_fit(path, k + 1);
    fmpq_init(path->lambda + k);
    fmpq_mul_2exp(path->lambda + k, t, 1);
    fmpq_mat_init(path->x + k, path->n, 1);
    for (j = 0; j < path->n; j++)
        fmpq_div(fmpq_mat_entry(path->x + k, j, 0), fmpq_mat_entry(beta, j, 0),
                 fmpq_mat_entry(wv, j, 0));
    if (k > 0)
    {
        fmpq_mat_init(path->slope + k - 1, path->n, 1);
        for (j = 0; j < path->n; j++)
        {
            fmpq * s = fmpq_mat_entry(path->slope + k - 1, j, 0);
            fmpq_div(s, fmpq_mat_entry(delta, j, 0), fmpq_mat_entry(wv, j, 0));
            fmpq_div_2exp(s, s, 1);
            fmpq_neg(s, s);
        }
    }
    path->length = k + 1;
}

/* ------------------------------------------------------------- the homotopy */

kd_status
kd_lasso_lambda_max(fmpq_t lmax, const fmpq_mat_t A, const fmpq_mat_t y, const fmpq_mat_t w)
{
    slong n, j;
    fmpq_mat_t c, x, wv;
    fmpq_t t;
    kd_status st;

    if ((st = _kd_path_check_data(A, y, w)) != KD_OK)
        return st;
    n = fmpq_mat_ncols(A);
    fmpq_mat_init(c, n, 1);
    fmpq_mat_init(x, n, 1);
    fmpq_mat_init(wv, n, 1);
    fmpq_init(t);
    _kd_path_weights(wv, w);
    _kd_path_corr(c, A, y, x);      /* 2 A^T y */
    fmpq_zero(lmax);
    for (j = 0; j < n; j++)
    {
        fmpq_abs(t, fmpq_mat_entry(c, j, 0));
        fmpq_div(t, t, fmpq_mat_entry(wv, j, 0));
        if (fmpq_cmp(t, lmax) > 0)
            fmpq_set(lmax, t);
    }
    fmpq_mat_clear(c);
    fmpq_mat_clear(x);
    fmpq_mat_clear(wv);
    fmpq_clear(t);
    return KD_OK;
}

/* The homotopy works with X = A D^{-1}, z = D x and t = lambda/2, i.e. on
   Tibshirani's lasso 1/2 ||y - Xz||^2 + t ||z||_1, whose optimality
   conditions are X^T (y - Xz) = t g, g in the subdifferential of ||z||_1.

   At a knot t0 with solution z0, correlations c = X^T (y - X z0), the
   equicorrelation set E = {j : |c_j| = t0} and signs s = sign(c_E), the
   solutions for t = t0 - h (h > 0 small) are z0 + h delta where delta solves
       min 1/2 ||X_E delta||^2 - s^T delta,  s_j delta_j >= 0 on E \ supp z0
   (differentiate the optimality conditions: s_j x_j^T X delta >= 1 on E
   with equality where the coordinate moves). Since s = X_E^T r0 / t0 this is
   the sign-constrained least-squares problem min ||M zeta - r0/t0|| with
   columns x_j (j in supp z0, free) and s_j x_j (j in E \ supp z0, zeta >= 0):
   solved exactly by _kd_path_nnls, whose passive set A gives independent
   columns X_A, so on the new piece z_A(t) = (X_A^T X_A)^{-1} (X_A^T y - t s_A)
   (Tibshirani 2013 §3's LARS solution on the active set A). The piece ends
   at the first event: an active coordinate reaching zero, or an inactive
   correlation reaching +-t. This knot rule is ours: LARS's joining and
   crossing times presume one event at a time and can cycle at ties.

   Finiteness: on a piece the solution is determined by (A, s_A) and t, the
   t for which that formula satisfies the optimality conditions form an
   interval, and a piece ends exactly where (A, s_A) stops being valid; so no
   (A, s_A) is used twice, and each piece has positive length (only strictly
   slack constraints produce events). Every knot is checked exactly, and on
   every piece X_A^T X delta = s_A, which with the knot checks makes the whole
   path certified (the conditions are linear in t along a piece).
   Knots and slopes are exact rationals. */
kd_status
kd_path_compute(kd_path_t path, const fmpq_mat_t A, const fmpq_mat_t y,
              const fmpq_mat_t w, const fmpq_t lambda_min)
{
    slong m, n, j, k, nfree, ncol;
    fmpq_mat_t X, Xt, wv, beta, delta, r, c, v, g, M, zeta, b;
    fmpq_t t0, tmin, h, hj, num, den, one;
    slong * idx = NULL;
    int * sgn = NULL, * inE = NULL, * act = NULL, * passive = NULL;
    kd_status st;

    if ((st = _kd_path_check_data(A, y, w)) != KD_OK)
        return st;
    if (fmpq_sgn(lambda_min) < 0)
        return kd_error_set(KD_ERR_ARG, "lambda_min must be >= 0");
    m = fmpq_mat_nrows(A);
    n = fmpq_mat_ncols(A);

    fmpq_mat_init(X, m, n);
    fmpq_mat_init(Xt, n, m);
    fmpq_mat_init(wv, n, 1);
    fmpq_mat_init(beta, n, 1);
    fmpq_mat_init(delta, n, 1);
    fmpq_mat_init(r, m, 1);
    fmpq_mat_init(c, n, 1);
    fmpq_mat_init(v, m, 1);
    fmpq_mat_init(g, n, 1);
    fmpq_init(t0);
    fmpq_init(tmin);
    fmpq_init(h);
    fmpq_init(hj);
    fmpq_init(num);
    fmpq_init(den);
    fmpq_init(one);
    fmpq_one(one);
    idx = flint_malloc(sizeof(slong) * n);
    sgn = flint_malloc(sizeof(int) * n);
    inE = flint_malloc(sizeof(int) * n);
    act = flint_malloc(sizeof(int) * n);
    passive = flint_malloc(sizeof(int) * n);

    _kd_path_weights(wv, w);
    for (j = 0; j < n; j++)
    {
        slong i;
        for (i = 0; i < m; i++)
            fmpq_div(fmpq_mat_entry(X, i, j), fmpq_mat_entry(A, i, j), fmpq_mat_entry(wv, j, 0));
    }
    fmpq_mat_transpose(Xt, X);
    fmpq_div_2exp(tmin, lambda_min, 1);
    path_reset(path, m, n);

    /* t_max = max |x_j^T y|: above it z = 0. */
    fmpq_mat_mul(c, Xt, y);
    fmpq_zero(t0);
    for (j = 0; j < n; j++)
    {
        fmpq_abs(hj, fmpq_mat_entry(c, j, 0));
        if (fmpq_cmp(hj, t0) > 0)
            fmpq_set(t0, hj);
    }
    if (fmpq_cmp(t0, tmin) <= 0)
    {
        path_push(path, t0, beta, delta, wv);
        goto cleanup;
    }

    for (;;)
    {
        kd_progress("exact LASSO path: knot", path->length + 1, 0);
        /* Correlations and an exact optimality check at the knot. */
        fmpq_mat_mul(r, X, beta);
        fmpq_mat_sub(r, y, r);
        fmpq_mat_mul(c, Xt, r);
        for (j = 0; j < n; j++)
        {
            const fmpq * cj = fmpq_mat_entry(c, j, 0);
            int sb = fmpq_sgn(fmpq_mat_entry(beta, j, 0));
            fmpq_abs(hj, cj);
            k = fmpq_cmp(hj, t0);
            /* |c_j| <= t0, and c_j = t0 sign(beta_j) on the support */
            if (k > 0 || (sb != 0 && (k != 0 || (fmpq_sgn(cj) != sb && !fmpq_is_zero(t0)))))
            {
                st = _kd_path_internal("optimality conditions fail at a path knot");
                goto cleanup;
            }
            inE[j] = (k == 0);
            sgn[j] = fmpq_sgn(cj);
        }
        path_push(path, t0, beta, delta, wv);
        if (fmpq_equal(t0, tmin))
            break;
        if (path->length >= KD_PATH_MAX_KNOTS)
        {
            st = _kd_path_internal("path knot limit");
            goto cleanup;
        }

        /* Direction: free columns = support, constrained = rest of E. */
        nfree = 0;
        for (j = 0; j < n; j++)
            if (!fmpq_is_zero(fmpq_mat_entry(beta, j, 0)))
                idx[nfree++] = j;
        ncol = nfree;
        for (j = 0; j < n; j++)
            if (inE[j] && fmpq_is_zero(fmpq_mat_entry(beta, j, 0)))
                idx[ncol++] = j;
        fmpq_mat_init(M, m, ncol);
        fmpq_mat_init(zeta, ncol, 1);
        fmpq_mat_init(b, m, 1);
        for (k = 0; k < ncol; k++)
        {
            slong i;
            for (i = 0; i < m; i++)
            {
                fmpq_set(fmpq_mat_entry(M, i, k), fmpq_mat_entry(X, i, idx[k]));
                if (k >= nfree && sgn[idx[k]] < 0)
                    fmpq_neg(fmpq_mat_entry(M, i, k), fmpq_mat_entry(M, i, k));
            }
        }
        fmpq_inv(hj, t0);
        fmpq_mat_scalar_mul_fmpq(b, r, hj);
        st = _kd_path_nnls(zeta, passive, M, nfree, b);
        fmpq_mat_zero(delta);
        for (j = 0; j < n; j++)
            act[j] = 0;
        for (k = 0; k < ncol && st == KD_OK; k++)
        {
            if (!passive[k])
                continue;
            j = idx[k];
            act[j] = 1;
            fmpq_set(fmpq_mat_entry(delta, j, 0), fmpq_mat_entry(zeta, k, 0));
            if (k >= nfree && sgn[j] < 0)
                fmpq_neg(fmpq_mat_entry(delta, j, 0), fmpq_mat_entry(delta, j, 0));
        }
        fmpq_mat_clear(M);
        fmpq_mat_clear(zeta);
        fmpq_mat_clear(b);
        if (st != KD_OK)
            goto cleanup;

        /* g = X^T X delta: the rate at which correlations fall. The active
           ones must fall like t (g_j = s_j), the rest of E at least as fast
           in the direction of their sign (s_j g_j >= 1). */
        fmpq_mat_mul(v, X, delta);
        fmpq_mat_mul(g, Xt, v);
        for (j = 0; j < n; j++)
        {
            const fmpq * gj = fmpq_mat_entry(g, j, 0);
            if (act[j])
            {
                fmpq_set_si(hj, sgn[j], 1);
                if (!fmpq_equal(gj, hj))
                {
                    st = _kd_path_internal("path direction is not equiangular");
                    goto cleanup;
                }
            }
            else if (inE[j])
            {
                fmpq_set_si(hj, sgn[j], 1);
                fmpq_mul(hj, hj, gj);
                if (fmpq_cmp(hj, one) < 0)
                {
                    st = _kd_path_internal("path direction violates optimality on E");
                    goto cleanup;
                }
            }
        }

        /* Length h of the piece: the first event below t0, or t0 - tmin. */
        fmpq_sub(h, t0, tmin);
        for (j = 0; j < n; j++)
        {
            const fmpq * bj = fmpq_mat_entry(beta, j, 0);
            const fmpq * dj = fmpq_mat_entry(delta, j, 0);
            if (act[j])
            {
                /* an active coordinate moving towards zero reaches it */
                if (!fmpq_is_zero(bj) && fmpq_sgn(dj) * fmpq_sgn(bj) < 0)
                {
                    fmpq_div(hj, bj, dj);
                    fmpq_neg(hj, hj);
                    if (fmpq_cmp(hj, h) < 0)
                        fmpq_set(h, hj);
                }
            }
            else
            {
                /* sigma c_j(t0 - h) = sigma c_j - h sigma g_j reaches t0 - h */
                int sigma;
                for (sigma = -1; sigma <= 1; sigma += 2)
                {
                    if (sigma > 0)
                    {
                        fmpq_sub(num, t0, fmpq_mat_entry(c, j, 0));
                        fmpq_sub(den, one, fmpq_mat_entry(g, j, 0));
                    }
                    else
                    {
                        fmpq_add(num, t0, fmpq_mat_entry(c, j, 0));
                        fmpq_add(den, one, fmpq_mat_entry(g, j, 0));
                    }
                    if (fmpq_sgn(num) > 0 && fmpq_sgn(den) > 0)
                    {
                        fmpq_div(hj, num, den);
                        if (fmpq_cmp(hj, h) < 0)
                            fmpq_set(h, hj);
                    }
                }
            }
        }
        if (fmpq_sgn(h) <= 0)
        {
            st = _kd_path_internal("empty path piece");
            goto cleanup;
        }
        for (j = 0; j < n; j++)
            fmpq_addmul(fmpq_mat_entry(beta, j, 0), h, fmpq_mat_entry(delta, j, 0));
        fmpq_sub(t0, t0, h);
    }

cleanup:
    fmpq_mat_clear(X);
    fmpq_mat_clear(Xt);
    fmpq_mat_clear(wv);
    fmpq_mat_clear(beta);
    fmpq_mat_clear(delta);
    fmpq_mat_clear(r);
    fmpq_mat_clear(c);
    fmpq_mat_clear(v);
    fmpq_mat_clear(g);
    fmpq_clear(t0);
    fmpq_clear(tmin);
    fmpq_clear(h);
    fmpq_clear(hj);
    fmpq_clear(num);
    fmpq_clear(den);
    fmpq_clear(one);
    flint_free(idx);
    flint_free(sgn);
    flint_free(inE);
    flint_free(act);
    flint_free(passive);
    return st;
}

/* ------------------------------------------------------------- evaluation */

slong
kd_path_piece(const kd_path_t path, const fmpq_t lambda)
{
    slong lo = 0, hi = path->length - 1;
    if (path->length < 2 || fmpq_cmp(lambda, path->lambda + 0) > 0
        || fmpq_cmp(lambda, path->lambda + hi) < 0)
        return -1;
    /* largest k with lambda <= lambda[k], k <= length - 2 */
    while (hi - lo > 1)
    {
        slong mid = (lo + hi) / 2;
        if (fmpq_cmp(lambda, path->lambda + mid) <= 0)
            lo = mid;
        else
            hi = mid;
    }
    /* prefer the upper piece on a knot */
    while (lo > 0 && fmpq_equal(lambda, path->lambda + lo))
        lo--;
    return lo;
}

kd_status
kd_path_eval(fmpq_mat_t x, const kd_path_t path, const fmpq_t lambda)
{
    slong k;
    fmpq_t d;

    if (path->length < 1)
        return kd_error_set(KD_ERR_ARG, "empty path");
    if (fmpq_mat_nrows(x) != path->n || fmpq_mat_ncols(x) != 1)
        return kd_error_set(KD_ERR_SIZE, "x must be %ld x 1", (long) path->n);
    if (fmpq_cmp(lambda, path->lambda + 0) >= 0)
    {
        fmpq_mat_set(x, path->x + 0);
        return KD_OK;
    }
    k = kd_path_piece(path, lambda);
    if (k < 0)
        return kd_error_set(KD_ERR_ARG, "lambda below the computed path");
    fmpq_init(d);
    fmpq_sub(d, lambda, path->lambda + k);
    fmpq_mat_scalar_mul_fmpq(x, path->slope + k, d);
    fmpq_mat_add(x, x, path->x + k);
    fmpq_clear(d);
    return KD_OK;
}
