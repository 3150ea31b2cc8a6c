/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Exact basis pursuit with its dual certificate, and faces of solution
   sets: description, membership and the exact single-point decision. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/* ------------------------------------------------------------ faces */

void
kd_face_init(kd_face_t F)
{
    F->N = 0;
    F->len = 0;
    F->E = NULL;
    F->sign = NULL;
    fmpq_mat_init(&F->C, 0, 0);
    fmpq_mat_init(&F->d, 0, 1);
}

void
kd_face_clear(kd_face_t F)
{
    flint_free(F->E);
    flint_free(F->sign);
    F->E = NULL;
    F->sign = NULL;
    fmpq_mat_clear(&F->C);
    fmpq_mat_clear(&F->d);
}

kd_status
kd_face_set(kd_face_t F, slong N, const slong * E, const int * sign, slong len,
            const fmpq_mat_t C, const fmpq_mat_t d)
{
    slong i, k = fmpq_mat_nrows(C);
    slong * E2;
    int * s2;
    fmpq_mat_t C2, d2;

    if (N < 0 || len < 0 || len > N)
        return kd_error_set(KD_ERR_ARG, "kd_face_set: need 0 <= len <= N, got len = %ld, N = %ld",
                            len, N);
    for (i = 0; i < len; i++)
    {
        if (E[i] < 0 || E[i] >= N || (i > 0 && E[i] <= E[i - 1]))
            return kd_error_set(KD_ERR_ARG,
                                "kd_face_set: E must be strictly increasing in [0, %ld) (E[%ld] = %ld)",
                                N, i, E[i]);
        if (sign[i] != 1 && sign[i] != -1)
            return kd_error_set(KD_ERR_ARG, "kd_face_set: sign[%ld] = %d is not +-1", i, sign[i]);
    }
    if (fmpq_mat_ncols(C) != len || !_kd_is_vec(d, k))
        return kd_error_set(KD_ERR_SIZE,
                            "kd_face_set: C is %ld x %ld and d %ld x %ld, expected k x %ld and k x 1",
                            k, fmpq_mat_ncols(C), fmpq_mat_nrows(d), fmpq_mat_ncols(d), len);

    /* copy first, so that F may share data with the arguments */
    E2 = flint_malloc(FLINT_MAX(len, 1) * sizeof(slong));
    s2 = flint_malloc(FLINT_MAX(len, 1) * sizeof(int));
    for (i = 0; i < len; i++)
    {
        E2[i] = E[i];
        s2[i] = sign[i];
    }
    fmpq_mat_init_set(C2, C);
    fmpq_mat_init_set(d2, d);
    flint_free(F->E);
    flint_free(F->sign);
    F->E = E2;
    F->sign = s2;
    F->N = N;
    F->len = len;
    fmpq_mat_swap(&F->C, C2);
    fmpq_mat_swap(&F->d, d2);
    fmpq_mat_clear(C2);
    fmpq_mat_clear(d2);
    return KD_OK;
}

kd_status
kd_face_set_face(kd_face_t G, const kd_face_t F)
{
    if (G == F)
        return KD_OK;
    return kd_face_set(G, F->N, F->E, F->sign, F->len, &F->C, &F->d);
}

kd_status
kd_face_contains(kd_truth * res, const kd_face_t F, const fmpq_mat_t x)
{
    slong i, j, k = fmpq_mat_nrows(&F->C);
    fmpq_t t;

    if (!_kd_is_vec(x, F->N))
        return kd_error_set(KD_ERR_SIZE, "kd_face_contains: x is %ld x %ld, expected %ld x 1",
                            fmpq_mat_nrows(x), fmpq_mat_ncols(x), F->N);
    *res = KD_TRUE;
    for (i = 0, j = 0; j < F->N; j++)
    {
        const fmpq * xj = fmpq_mat_entry(x, j, 0);
        if (i < F->len && F->E[i] == j)
        {
            if (fmpq_sgn(xj) * F->sign[i] < 0)
                *res = KD_FALSE;
            i++;
        }
        else if (!fmpq_is_zero(xj))
            *res = KD_FALSE;
    }
    fmpq_init(t);
    for (i = 0; i < k && *res == KD_TRUE; i++)
    {
        fmpq_zero(t);
        for (j = 0; j < F->len; j++)
            fmpq_addmul(t, fmpq_mat_entry(&F->C, i, j), fmpq_mat_entry(x, F->E[j], 0));
        if (!fmpq_equal(t, fmpq_mat_entry(&F->d, i, 0)))
            *res = KD_FALSE;
    }
    fmpq_clear(t);
    return KD_OK;
}

/* Rank of a rational matrix (each row cleared of denominators). */
static slong
rank_fmpq_mat(const fmpq_mat_t M)
{
    fmpz_mat_t Z;
    fmpz * den;
    slong r;
    if (fmpq_mat_nrows(M) == 0 || fmpq_mat_ncols(M) == 0)
        return 0;
    fmpz_mat_init(Z, fmpq_mat_nrows(M), fmpq_mat_ncols(M));
    den = _fmpz_vec_init(fmpq_mat_nrows(M));
    fmpq_mat_get_fmpz_mat_rowwise(Z, den, M);
    r = fmpz_mat_rank(Z);
    _fmpz_vec_clear(den, fmpq_mat_nrows(M));
    fmpz_mat_clear(Z);
    return r;
}

/* G = C diag(sign): the face in the variables z = sign * x_E >= 0. */
static void
face_signed_matrix(fmpq_mat_t G, const kd_face_t F)
{
    slong i, j, k = fmpq_mat_nrows(&F->C);
    _kd_fmpq_mat_fit(G, k, F->len);
    for (i = 0; i < k; i++)
        for (j = 0; j < F->len; j++)
            if (F->sign[j] > 0)
                fmpq_set(fmpq_mat_entry(G, i, j), fmpq_mat_entry(&F->C, i, j));
            else
                fmpq_neg(fmpq_mat_entry(G, i, j), fmpq_mat_entry(&F->C, i, j));
}

/* x (N x 1) = the point with x_{E[i]} = sign[i] z_i and zeros elsewhere. */
static void
face_scatter(fmpq_mat_t x, const kd_face_t F, const fmpq_mat_t z)
{
    slong i;
    _kd_fmpq_mat_fit(x, F->N, 1);
    fmpq_mat_zero(x);
    for (i = 0; i < F->len; i++)
        if (F->sign[i] > 0)
            fmpq_set(fmpq_mat_entry(x, F->E[i], 0), fmpq_mat_entry(z, i, 0));
        else
            fmpq_neg(fmpq_mat_entry(x, F->E[i], 0), fmpq_mat_entry(z, i, 0));
}

/* Whether the columns of G where z != 0 are linearly independent. */
static int
support_independent(const fmpq_mat_t G, const fmpq_mat_t z)
{
    slong i, j, s = 0, k = fmpq_mat_nrows(G);
    fmpq_mat_t H;
    int ok;
    for (j = 0; j < fmpq_mat_ncols(G); j++)
        s += !fmpq_is_zero(fmpq_mat_entry(z, j, 0));
    fmpq_mat_init(H, k, s);
    for (j = 0, s = 0; j < fmpq_mat_ncols(G); j++)
        if (!fmpq_is_zero(fmpq_mat_entry(z, j, 0)))
        {
            for (i = 0; i < k; i++)
                fmpq_set(fmpq_mat_entry(H, i, s), fmpq_mat_entry(G, i, j));
            s++;
        }
    ok = (rank_fmpq_mat(H) == s);
    fmpq_mat_clear(H);
    return ok;
}

/* Given a vertex z* of P = {z >= 0 : G z = d} (its support columns
   independent), decides whether P = {z*}: any other point z of P has
   z_Z != 0 on Z = {j : z*_j = 0} (else G (z - z*) = 0 on independent
   columns), so P = {z*} iff max sum_{j in Z} z_j over P is 0. On KD_FALSE,
   z1 != z2 are two points of P. */
static kd_status
point_from_vertex(kd_truth * res, fmpq_mat_t z1, fmpq_mat_t z2, slong * pivots,
                  const fmpq_mat_t G, const fmpq_mat_t d, const fmpq_mat_t zstar)
{
    slong j, L = fmpq_mat_ncols(G);
    fmpq_mat_t c;
    kd_lp_result_t lp;
    kd_status st;

    if (!support_independent(G, zstar))
        return _kd_lp_internal("the support of an LP vertex is not independent");
    fmpq_mat_init(c, L, 1);
    for (j = 0; j < L; j++)
        if (fmpq_is_zero(fmpq_mat_entry(zstar, j, 0)))
            fmpq_set_si(fmpq_mat_entry(c, j, 0), -1, 1);
    kd_lp_result_init(lp);
    st = kd_lp_solve(lp, G, d, c);
    if (st == KD_OK)
    {
        *pivots += lp->pivots;
        _kd_fmpq_mat_fit(z1, L, 1);
        _kd_fmpq_mat_fit(z2, L, 1);
        if (lp->outcome == KD_LP_INFEASIBLE)
            st = _kd_lp_internal("a face with a vertex reported infeasible");
        else if (lp->outcome == KD_LP_UNBOUNDED)
        {
            /* a ray: the face is unbounded, x and x + ray are two points */
            *res = KD_FALSE;
            fmpq_mat_set(z1, &lp->x);
            fmpq_mat_add(z2, &lp->x, &lp->ray);
        }
        else if (fmpq_is_zero(&lp->value))
        {
            *res = KD_TRUE;
            fmpq_mat_set(z1, zstar);
            fmpq_mat_set(z2, zstar);
        }
        else
        {
            *res = KD_FALSE;
            fmpq_mat_set(z1, zstar);
            fmpq_mat_set(z2, &lp->x);
        }
    }
    kd_lp_result_clear(lp);
    fmpq_mat_clear(c);
    return st;
}

kd_status
kd_face_is_point_witness(kd_truth * res, fmpq_mat_t x1, fmpq_mat_t x2, const kd_face_t F)
{
    slong L = F->len, pivots = 0;
    fmpq_mat_t G, c, z1, z2;
    kd_lp_result_t lp;
    kd_status st;

    fmpq_mat_init(G, 0, 0);
    fmpq_mat_init(c, L, 1);
    fmpq_mat_init(z1, 0, 1);
    fmpq_mat_init(z2, 0, 1);
    kd_lp_result_init(lp);
    face_signed_matrix(G, F);

    /* a vertex of {z >= 0 : G z = d}, or a proof that there is none */
    st = kd_lp_solve(lp, G, &F->d, c);
    if (st != KD_OK)
        goto done;
    if (lp->outcome != KD_LP_OPTIMAL)
    {
        if (lp->outcome == KD_LP_UNBOUNDED)
        {
            st = _kd_lp_internal("a zero objective reported unbounded");
            goto done;
        }
        *res = KD_FALSE;
        if (x1 != NULL)
            _kd_fmpq_mat_fit(x1, 0, 1);
        if (x2 != NULL)
            _kd_fmpq_mat_fit(x2, 0, 1);
        goto done;
    }
    if (lp->rank == L)
    {
        /* G has full column rank: G z = d has one solution at most */
        *res = KD_TRUE;
        _kd_fmpq_mat_fit(z1, L, 1);
        _kd_fmpq_mat_fit(z2, L, 1);
        fmpq_mat_set(z1, &lp->x);
        fmpq_mat_set(z2, &lp->x);
    }
    else
    {
        st = point_from_vertex(res, z1, z2, &pivots, G, &F->d, &lp->x);
        if (st != KD_OK)
            goto done;
    }
    if (x1 != NULL)
        face_scatter(x1, F, z1);
    if (x2 != NULL)
        face_scatter(x2, F, z2);

done:
    kd_lp_result_clear(lp);
    fmpq_mat_clear(G);
    fmpq_mat_clear(c);
    fmpq_mat_clear(z1);
    fmpq_mat_clear(z2);
    return st;
}

kd_status
kd_face_is_point(kd_truth * res, const kd_face_t F)
{
    return kd_face_is_point_witness(res, NULL, NULL, F);
}

/* ------------------------------------------------------------ basis pursuit */

void
kd_bp_result_init(kd_bp_result_t res)
{
    fmpq_mat_init(&res->x, 0, 1);
    fmpq_init(&res->value);
    fmpq_mat_init(&res->v, 0, 1);
    kd_face_init(&res->face);
    res->unique = KD_UNKNOWN;
    fmpq_mat_init(&res->x2, 0, 1);
    res->pivots = 0;
}

void
kd_bp_result_clear(kd_bp_result_t res)
{
    fmpq_mat_clear(&res->x);
    fmpq_clear(&res->value);
    fmpq_mat_clear(&res->v);
    kd_face_clear(&res->face);
    fmpq_mat_clear(&res->x2);
}

kd_status
kd_bp_solve_exact(kd_bp_result_t res, const fmpq_mat_t A, const fmpq_mat_t y,
                  const fmpq_mat_t w)
{
    slong m = fmpq_mat_nrows(A), N = fmpq_mat_ncols(A), i, j, len;
    fmpq_mat_t B, c, g, vt, AE, zstar, z1, z2;
    fmpq_t t, s;
    kd_lp_result_t lp;
    slong * E = NULL;
    int * sg = NULL;
    kd_status st = KD_OK;

    if (!_kd_is_vec(y, m))
        return kd_error_set(KD_ERR_SIZE, "kd_bp_solve_exact: A is %ld x %ld, y is %ld x %ld",
                            m, N, fmpq_mat_nrows(y), fmpq_mat_ncols(y));
    if (w != NULL)
    {
        if (!_kd_is_vec(w, N))
            return kd_error_set(KD_ERR_SIZE, "kd_bp_solve_exact: A is %ld x %ld, w is %ld x %ld",
                                m, N, fmpq_mat_nrows(w), fmpq_mat_ncols(w));
        for (j = 0; j < N; j++)
            if (fmpq_sgn(fmpq_mat_entry(w, j, 0)) <= 0)
                return kd_error_set(KD_ERR_ARG, "kd_bp_solve_exact: weight w[%ld] is not > 0", j);
    }

    /* min sum w (u + v) subject to [A, -A] (u; v) = y, (u; v) >= 0 */
    fmpq_mat_init(B, m, 2 * N);
    fmpq_mat_init(c, 2 * N, 1);
    for (i = 0; i < m; i++)
        for (j = 0; j < N; j++)
        {
            fmpq_set(fmpq_mat_entry(B, i, j), fmpq_mat_entry(A, i, j));
            fmpq_neg(fmpq_mat_entry(B, i, N + j), fmpq_mat_entry(A, i, j));
        }
    for (j = 0; j < N; j++)
    {
        if (w != NULL)
            fmpq_set(fmpq_mat_entry(c, j, 0), fmpq_mat_entry(w, j, 0));
        else
            fmpq_one(fmpq_mat_entry(c, j, 0));
        fmpq_set(fmpq_mat_entry(c, N + j, 0), fmpq_mat_entry(c, j, 0));
    }
    fmpq_mat_init(g, 1, N);
    fmpq_mat_init(vt, 1, m);
    fmpq_mat_init(AE, 0, 0);
    fmpq_mat_init(zstar, 0, 1);
    fmpq_mat_init(z1, 0, 1);
    fmpq_mat_init(z2, 0, 1);
    fmpq_init(t);
    fmpq_init(s);
    kd_lp_result_init(lp);

    st = kd_lp_solve(lp, B, y, c);
    if (st != KD_OK)
        goto done;
    res->pivots = lp->pivots;
    if (lp->outcome == KD_LP_INFEASIBLE)
    {
        st = kd_error_set(KD_ERR_DOMAIN,
                          "basis pursuit is infeasible: A x = y has no solution "
                          "(y is not in the range of A; proved by a Farkas vector)");
        goto done;
    }
    if (lp->outcome == KD_LP_UNBOUNDED)
    {
        st = _kd_lp_internal("basis pursuit reported unbounded");
        goto done;
    }

    /* x = u - v: at a vertex u_j and v_j are never both basic */
    _kd_fmpq_mat_fit(&res->x, N, 1);
    for (j = 0; j < N; j++)
        fmpq_sub(fmpq_mat_entry(&res->x, j, 0), fmpq_mat_entry(&lp->x, j, 0),
                 fmpq_mat_entry(&lp->x, N + j, 0));
    fmpq_set(&res->value, &lp->value);
    _kd_fmpq_mat_fit(&res->v, m, 1);
    fmpq_mat_set(&res->v, &lp->y);

    /* the certificate, checked on the BP data itself: A x = y,
       ||x||_w = value, |a_j^T v| <= w_j, y^T v = value */
    fmpq_mat_transpose(vt, &res->v);
    fmpq_mat_mul(g, vt, A);
    fmpq_zero(s);
    for (j = 0; j < N; j++)
    {
        const fmpq * wj = fmpq_mat_entry(c, j, 0);
        fmpq_abs(t, fmpq_mat_entry(g, 0, j));
        if (fmpq_cmp(t, wj) > 0)
        {
            st = _kd_lp_internal("BP dual certificate: |a_j^T v| > w_j");
            goto done;
        }
        fmpq_abs(t, fmpq_mat_entry(&res->x, j, 0));
        fmpq_addmul(s, t, wj);
    }
    if (!fmpq_equal(s, &res->value))
    {
        st = _kd_lp_internal("BP: ||x||_w differs from the LP value");
        goto done;
    }
    fmpq_zero(t);
    for (i = 0; i < m; i++)
        fmpq_addmul(t, fmpq_mat_entry(y, i, 0), fmpq_mat_entry(&res->v, i, 0));
    if (!fmpq_equal(t, &res->value))
    {
        st = _kd_lp_internal("BP dual certificate: y^T v != value");
        goto done;
    }
    {
        fmpq_mat_t Ax;
        int ok;
        fmpq_mat_init(Ax, m, 1);
        fmpq_mat_mul(Ax, A, &res->x);
        ok = fmpq_mat_equal(Ax, y);
        fmpq_mat_clear(Ax);
        if (!ok)
        {
            st = _kd_lp_internal("BP: A x != y");
            goto done;
        }
    }

    /* the face: E = {j : |a_j^T v| = w_j}, s_j = a_j^T v / w_j */
    E = flint_malloc(FLINT_MAX(N, 1) * sizeof(slong));
    sg = flint_malloc(FLINT_MAX(N, 1) * sizeof(int));
    for (j = 0, len = 0; j < N; j++)
    {
        const fmpq * xj = fmpq_mat_entry(&res->x, j, 0);
        fmpq_abs(t, fmpq_mat_entry(g, 0, j));
        if (fmpq_equal(t, fmpq_mat_entry(c, j, 0)))
        {
            E[len] = j;
            sg[len] = fmpq_sgn(fmpq_mat_entry(g, 0, j));
            if (fmpq_sgn(xj) * sg[len] < 0)
            {
                st = _kd_lp_internal("BP: complementary slackness fails (sign)");
                goto done;
            }
            len++;
        }
        else if (!fmpq_is_zero(xj))
        {
            st = _kd_lp_internal("BP: complementary slackness fails (support)");
            goto done;
        }
    }
    _kd_fmpq_mat_fit(AE, m, len);
    _kd_fmpq_mat_fit(zstar, len, 1);
    for (j = 0; j < len; j++)
    {
        for (i = 0; i < m; i++)
            fmpq_set(fmpq_mat_entry(AE, i, j), fmpq_mat_entry(A, i, E[j]));
        fmpq_abs(fmpq_mat_entry(zstar, j, 0), fmpq_mat_entry(&res->x, E[j], 0));
    }
    st = kd_face_set(&res->face, N, E, sg, len, AE, y);
    if (st != KD_OK)
        goto done;

    /* uniqueness */
    _kd_fmpq_mat_fit(&res->x2, 0, 1);
    if (rank_fmpq_mat(AE) == len)
        res->unique = KD_TRUE;
    else
    {
        fmpq_mat_t G;
        fmpq_mat_init(G, 0, 0);
        face_signed_matrix(G, &res->face);
        st = point_from_vertex(&res->unique, z1, z2, &res->pivots, G, y, zstar);
        fmpq_mat_clear(G);
        if (st != KD_OK)
            goto done;
        if (res->unique == KD_FALSE)
        {
            /* z1 = z*, z2 another point of the face: a second minimiser */
            face_scatter(&res->x2, &res->face, z2);
            fmpq_zero(s);
            for (j = 0; j < N; j++)
            {
                fmpq_abs(t, fmpq_mat_entry(&res->x2, j, 0));
                fmpq_addmul(s, t, fmpq_mat_entry(c, j, 0));
            }
            if (!fmpq_equal(s, &res->value) || fmpq_mat_equal(&res->x2, &res->x))
            {
                st = _kd_lp_internal("BP: the second minimiser is not one");
                goto done;
            }
        }
    }

done:
    flint_free(E);
    flint_free(sg);
    kd_lp_result_clear(lp);
    fmpq_mat_clear(B);
    fmpq_mat_clear(c);
    fmpq_mat_clear(g);
    fmpq_mat_clear(vt);
    fmpq_mat_clear(AE);
    fmpq_mat_clear(zstar);
    fmpq_mat_clear(z1);
    fmpq_mat_clear(z2);
    fmpq_clear(t);
    fmpq_clear(s);
    return st;
}
