/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Exact linear complementarity: Lemke's method with lexicographic
   degeneracy resolution, and the U-LASSO (P2) solved as an LCP. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

void
kd_lcp_result_init(kd_lcp_result_t res)
{
    res->outcome = KD_LCP_RAY;
    fmpq_mat_init(&res->z, 0, 1);
    fmpq_mat_init(&res->w, 0, 1);
    fmpq_mat_init(&res->cert, 0, 1);
    res->pivots = 0;
}

void
kd_lcp_result_clear(kd_lcp_result_t res)
{
    fmpq_mat_clear(&res->z);
    fmpq_mat_clear(&res->w);
    fmpq_mat_clear(&res->cert);
}

/* Lexicographic comparison of rows i and k of (xb, R) divided by alpha_i,
   alpha_k > 0: the ratio test of the problem perturbed to q + (eps, eps^2,
   ..., eps^n), which is nondegenerate, so the minimum is unique (rows of R
   are independent) and no basis can repeat (Cottle-Pang-Stone §4.9).
   Returns < 0 when row i is smaller. */
static int
lex_cmp(const _kd_ffb_t F, const fmpz * alpha, slong i, slong k, fmpz_t u, fmpz_t v)
{
    slong n = F->m, c;
    int s;
    fmpz_mul(u, F->xb + i, alpha + k);
    fmpz_mul(v, F->xb + k, alpha + i);
    s = fmpz_cmp(u, v);
    for (c = 0; c < n && s == 0; c++)
    {
        fmpz_mul(u, F->R + i * n + c, alpha + k);
        fmpz_mul(v, F->R + k * n + c, alpha + i);
        s = fmpz_cmp(u, v);
    }
    return s;
}

/* The LCP's solution certificate: z >= 0, w = M z + q >= 0, z_i w_i = 0. */
static int
lcp_check_solution(fmpq_mat_t w, const fmpq_mat_t M, const fmpq_mat_t q, const fmpq_mat_t z)
{
    slong i, n = fmpq_mat_nrows(M);
    _kd_fmpq_mat_fit(w, n, 1);
    fmpq_mat_mul(w, M, z);
    fmpq_mat_add(w, w, q);
    for (i = 0; i < n; i++)
    {
        const fmpq * zi = fmpq_mat_entry(z, i, 0), * wi = fmpq_mat_entry(w, i, 0);
        if (fmpq_sgn(zi) < 0 || fmpq_sgn(wi) < 0 || (!fmpq_is_zero(zi) && !fmpq_is_zero(wi)))
            return 0;
    }
    return 1;
}

/* Infeasibility certificate: u >= 0, M^T u <= 0, q^T u < 0 (then for any
   z >= 0, u^T (M z + q) = (M^T u)^T z + q^T u < 0, so M z + q >= 0 fails). */
static int
lcp_check_infeasible(const fmpq_mat_t M, const fmpq_mat_t q, const fmpq_mat_t u)
{
    slong i, j, n = fmpq_mat_nrows(M);
    fmpq_t t;
    int ok = 1;
    fmpq_init(t);
    for (i = 0; i < n && ok; i++)
        ok = fmpq_sgn(fmpq_mat_entry(u, i, 0)) >= 0;
    for (j = 0; j < n && ok; j++)
    {
        fmpq_zero(t);
        for (i = 0; i < n; i++)
            fmpq_addmul(t, fmpq_mat_entry(M, i, j), fmpq_mat_entry(u, i, 0));
        ok = fmpq_sgn(t) <= 0;
    }
    if (ok)
    {
        fmpq_zero(t);
        for (i = 0; i < n; i++)
            fmpq_addmul(t, fmpq_mat_entry(q, i, 0), fmpq_mat_entry(u, i, 0));
        ok = fmpq_sgn(t) < 0;
    }
    fmpq_clear(t);
    return ok;
}

kd_status
kd_lcp_solve(kd_lcp_result_t res, const fmpq_mat_t M, const fmpq_mat_t q)
{
    slong n = fmpq_mat_nrows(M), i, j, r, enter, leave, z0row;
    fmpz * negM, * qi, * col, * alpha;
    fmpz_t L, t, u, v;
    _kd_ffb_t F;
    kd_status st = KD_OK;

    if (fmpq_mat_ncols(M) != n || !_kd_is_vec(q, n))
        return kd_error_set(KD_ERR_SIZE, "kd_lcp_solve: M is %ld x %ld and q %ld x %ld, "
                            "expected n x n and n x 1", n, fmpq_mat_ncols(M),
                            fmpq_mat_nrows(q), fmpq_mat_ncols(q));

    /* Row i of (M, q) is scaled to integers by its own s_i > 0 (and
       divided by its content). LCP(S q, S M) has the same solutions z, and
       Lemke's method on it with covering vector e is Lemke's method on
       (M, q) with covering vector S^{-1} e > 0, which enjoys the same
       guarantees (Cottle-Pang-Stone §4.4 allow any positive covering
       vector); per-row scaling keeps the integers far smaller than one
       common denominator would. */
    fmpz_init(L);
    fmpz_init(t);
    fmpz_init(u);
    fmpz_init(v);
    /* variables: w_i = i, z_j = n + j, z0 = 2n; the system is
       S w - S M z - e z0 = S q, column of z_j at negM + j n */
    negM = _fmpz_vec_init(n * n);
    qi = _fmpz_vec_init(n);
    col = _fmpz_vec_init(n);
    alpha = _fmpz_vec_init(n);
    for (i = 0; i < n; i++)
    {
        fmpz_one(L);
        _kd_lcm_den(L, fmpq_mat_entry(q, i, 0));
        for (j = 0; j < n; j++)
            _kd_lcm_den(L, fmpq_mat_entry(M, i, j));
        fmpz_divexact(t, L, fmpq_mat_entry_den(q, i, 0));
        fmpz_mul(qi + i, t, fmpq_mat_entry_num(q, i, 0));
        fmpz_abs(u, qi + i);
        for (j = 0; j < n; j++)
        {
            fmpz_divexact(t, L, fmpq_mat_entry_den(M, i, j));
            fmpz_mul(negM + j * n + i, t, fmpq_mat_entry_num(M, i, j));
            fmpz_neg(negM + j * n + i, negM + j * n + i);
            fmpz_gcd(u, u, negM + j * n + i);
        }
        if (!fmpz_is_zero(u) && !fmpz_is_one(u))
        {
            fmpz_divexact(qi + i, qi + i, u);
            for (j = 0; j < n; j++)
                fmpz_divexact(negM + j * n + i, negM + j * n + i, u);
        }
    }
    _kd_ffb_init(F, n, qi, 0);
    res->pivots = 0;
    _kd_fmpq_mat_fit(&res->cert, 0, 1);

    /* q >= 0: z = 0 solves it */
    r = -1;
    for (i = 0; i < n; i++)
        if (fmpz_sgn(qi + i) < 0 && (r < 0 || fmpz_cmp(qi + i, qi + r) <= 0))
            r = i;  /* the most negative q_i, the last one among ties (lexicographic start) */
    if (r < 0)
        goto solved;

    /* z0 enters at the most negative row; afterwards every row of (xb, R)
       is lexicographically positive */
    for (i = 0; i < n; i++)
        fmpz_set_si(col + i, -1);
    _kd_ffb_ftran(alpha, F, col);
    leave = F->basis[r];
    _kd_ffb_pivot(F, r, alpha, 2 * n, NULL, NULL);
    res->pivots++;
    enter = n + leave;  /* the complement of w_r */

    for (;;)
    {
        if (enter < n)
        {
            _fmpz_vec_zero(col, n);
            fmpz_one(col + enter);
            _kd_ffb_ftran(alpha, F, col);
        }
        else
            _kd_ffb_ftran(alpha, F, negM + (enter - n) * n);

        r = -1;
        z0row = -1;
        for (i = 0; i < n; i++)
        {
            if (fmpz_sgn(alpha + i) <= 0)
                continue;
            if (F->basis[i] == 2 * n)
                z0row = i;
            if (r < 0 || lex_cmp(F, alpha, i, r, u, v) < 0)
                r = i;
        }
        if (r < 0)
            break;  /* secondary ray */
        if (z0row >= 0 && z0row != r)
        {
            /* z0 leaves as soon as it can (ties in the plain ratio): the
               next basis is complementary and the method stops */
            fmpz_mul(u, F->xb + z0row, alpha + r);
            fmpz_mul(v, F->xb + r, alpha + z0row);
            if (fmpz_equal(u, v))
                r = z0row;
        }
        leave = F->basis[r];
        _kd_ffb_pivot(F, r, alpha, enter, NULL, NULL);
        res->pivots++;
        if (leave == 2 * n)
            goto solved;
        enter = leave < n ? n + leave : leave - n;
    }

    /* Ray termination. If z0 is already 0 the current point solves the LCP
       (cannot happen: z0 leaves at the first tie), else the z-part of the
       ray is, for copositive-plus M, an infeasibility certificate
       (Cottle-Pang-Stone Thm 4.4.9): check it. */
    for (i = 0; i < n; i++)
        if (F->basis[i] == 2 * n && fmpz_is_zero(F->xb + i))
            goto solved;
    _kd_fmpq_mat_fit(&res->cert, n, 1);
    fmpq_mat_zero(&res->cert);
    if (enter >= n)
        fmpq_set_si(fmpq_mat_entry(&res->cert, enter - n, 0), 1, 1);
    for (i = 0; i < n; i++)
        if (F->basis[i] >= n && F->basis[i] < 2 * n)
        {
            fmpq * c = fmpq_mat_entry(&res->cert, F->basis[i] - n, 0);
            fmpq_set_fmpz_frac(c, alpha + i, F->D);
            fmpq_neg(c, c);
        }
    if (lcp_check_infeasible(M, q, &res->cert))
        res->outcome = KD_LCP_INFEASIBLE;
    else
    {
        res->outcome = KD_LCP_RAY;
        _kd_fmpq_mat_fit(&res->cert, 0, 1);
    }
    _kd_fmpq_mat_fit(&res->z, 0, 1);
    _kd_fmpq_mat_fit(&res->w, 0, 1);
    goto cleanup;

solved:
    res->outcome = KD_LCP_SOLVED;
    _kd_fmpq_mat_fit(&res->z, n, 1);
    fmpq_mat_zero(&res->z);
    for (i = 0; i < n; i++)
        if (F->basis[i] >= n && F->basis[i] < 2 * n)
            fmpq_set_fmpz_frac(fmpq_mat_entry(&res->z, F->basis[i] - n, 0), F->xb + i, F->D);
    if (!lcp_check_solution(&res->w, M, q, &res->z))
        st = _kd_lp_internal("Lemke's method produced a point that does not solve the LCP");

cleanup:
    _kd_ffb_clear(F);
    _fmpz_vec_clear(negM, n * n);
    _fmpz_vec_clear(qi, n);
    _fmpz_vec_clear(col, n);
    _fmpz_vec_clear(alpha, n);
    fmpz_clear(L);
    fmpz_clear(t);
    fmpz_clear(u);
    fmpz_clear(v);
    return st;
}

/* ------------------------------------------------------------ P2 as an LCP */

kd_status
kd_p2_solve_lcp(fmpq_mat_t x, const fmpq_mat_t A, const fmpq_mat_t y, const fmpq_mat_t w,
                const fmpq_t lambda)
{
    slong m = fmpq_mat_nrows(A), N = fmpq_mat_ncols(A), i, j;
    fmpq_mat_t At, Q, r, M, q, xs, res, g;
    fmpq_t lw, t;
    fmpz_t two;
    kd_lcp_result_t lcp;
    kd_status st = KD_OK;

    if (!_kd_is_vec(y, m))
        return kd_error_set(KD_ERR_SIZE, "kd_p2_solve_lcp: A is %ld x %ld, y is %ld x %ld",
                            m, N, fmpq_mat_nrows(y), fmpq_mat_ncols(y));
    if (w != NULL && !_kd_is_vec(w, N))
        return kd_error_set(KD_ERR_SIZE, "kd_p2_solve_lcp: A is %ld x %ld, w is %ld x %ld",
                            m, N, fmpq_mat_nrows(w), fmpq_mat_ncols(w));
    if (fmpq_sgn(lambda) <= 0)
        return kd_error_set(KD_ERR_ARG, "kd_p2_solve_lcp: lambda must be > 0");
    if (w != NULL)
        for (j = 0; j < N; j++)
            if (fmpq_sgn(fmpq_mat_entry(w, j, 0)) <= 0)
                return kd_error_set(KD_ERR_ARG, "kd_p2_solve_lcp: weight w[%ld] is not > 0", j);

    fmpq_mat_init(At, N, m);
    fmpq_mat_init(Q, N, N);
    fmpq_mat_init(r, N, 1);
    fmpq_mat_init(M, 2 * N, 2 * N);
    fmpq_mat_init(q, 2 * N, 1);
    fmpq_mat_init(xs, N, 1);
    fmpq_mat_init(res, m, 1);
    fmpq_mat_init(g, N, 1);
    fmpq_init(lw);
    fmpq_init(t);
    fmpz_init_set_ui(two, 2);
    kd_lcp_result_init(lcp);

    /* Q = 2 A^T A, r = 2 A^T y */
    fmpq_mat_transpose(At, A);
    fmpq_mat_mul(Q, At, A);
    fmpq_mat_scalar_mul_fmpz(Q, Q, two);
    fmpq_mat_mul(r, At, y);
    fmpq_mat_scalar_mul_fmpz(r, r, two);
    for (i = 0; i < N; i++)
    {
        for (j = 0; j < N; j++)
        {
            const fmpq * Qij = fmpq_mat_entry(Q, i, j);
            fmpq_set(fmpq_mat_entry(M, i, j), Qij);
            fmpq_neg(fmpq_mat_entry(M, i, N + j), Qij);
            fmpq_neg(fmpq_mat_entry(M, N + i, j), Qij);
            fmpq_set(fmpq_mat_entry(M, N + i, N + j), Qij);
        }
        if (w != NULL)
            fmpq_mul(lw, lambda, fmpq_mat_entry(w, i, 0));
        else
            fmpq_set(lw, lambda);
        fmpq_sub(fmpq_mat_entry(q, i, 0), lw, fmpq_mat_entry(r, i, 0));
        fmpq_add(fmpq_mat_entry(q, N + i, 0), lw, fmpq_mat_entry(r, i, 0));
    }

    st = kd_lcp_solve(lcp, M, q);
    if (st != KD_OK)
        goto done;
    if (lcp->outcome != KD_LCP_SOLVED)
    {
        st = _kd_lp_internal("Lemke's method found no solution of the (always solvable) P2 LCP");
        goto done;
    }
    for (j = 0; j < N; j++)
        fmpq_sub(fmpq_mat_entry(xs, j, 0), fmpq_mat_entry(&lcp->z, j, 0),
                 fmpq_mat_entry(&lcp->z, N + j, 0));

    /* optimality of x itself: g = 2 A^T (y - A x) is lambda w_j sign(x_j)
       on the support and at most lambda w_j in modulus elsewhere */
    fmpq_mat_mul(res, A, xs);
    fmpq_mat_sub(res, y, res);
    fmpq_mat_mul(g, At, res);
    fmpq_mat_scalar_mul_fmpz(g, g, two);
    for (j = 0; j < N; j++)
    {
        const fmpq * xj = fmpq_mat_entry(xs, j, 0);
        const fmpq * gj = fmpq_mat_entry(g, j, 0);
        if (w != NULL)
            fmpq_mul(lw, lambda, fmpq_mat_entry(w, j, 0));
        else
            fmpq_set(lw, lambda);
        if (!fmpq_is_zero(xj))
        {
            if (fmpq_sgn(xj) < 0)
                fmpq_neg(t, lw);
            else
                fmpq_set(t, lw);
            if (!fmpq_equal(gj, t))
            {
                st = _kd_lp_internal("P2: the KKT condition fails on the support");
                goto done;
            }
        }
        else
        {
            fmpq_abs(t, gj);
            if (fmpq_cmp(t, lw) > 0)
            {
                st = _kd_lp_internal("P2: the KKT condition fails off the support");
                goto done;
            }
        }
    }
    _kd_fmpq_mat_fit(x, N, 1);
    fmpq_mat_set(x, xs);

done:
    kd_lcp_result_clear(lcp);
    fmpq_mat_clear(At);
    fmpq_mat_clear(Q);
    fmpq_mat_clear(r);
    fmpq_mat_clear(M);
    fmpq_mat_clear(q);
    fmpq_mat_clear(xs);
    fmpq_mat_clear(res);
    fmpq_mat_clear(g);
    fmpq_clear(lw);
    fmpq_clear(t);
    fmpz_clear(two);
    return st;
}
