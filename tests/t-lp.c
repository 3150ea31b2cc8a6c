/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for the lp module: exact LPs, basis pursuit, faces, LCPs and
   projections, each checked in the test by its own exact arithmetic
   (certificates re-verified here, brute-force vertex enumeration, closed
   forms, planted solutions with constructed strict dual certificates). */
#include <string.h>
#include "kdigits/lp.h"
#include "testutil.h"

/* ------------------------------------------------------------- helpers */

#define E(M, i, j) fmpq_mat_entry(M, i, j)
#define V(v, i) fmpq_mat_entry(v, i, 0)

/* r = A x by plain loops (no fmpq_mat_mul, no library code) */
static void
matvec(fmpq_mat_t r, const fmpq_mat_t A, const fmpq_mat_t x)
{
    slong i, j;
    fmpq_mat_t t;
    fmpq_mat_init(t, fmpq_mat_nrows(A), 1);
    for (i = 0; i < fmpq_mat_nrows(A); i++)
        for (j = 0; j < fmpq_mat_ncols(A); j++)
            fmpq_addmul(V(t, i), E(A, i, j), V(x, j));
    fmpq_mat_swap(r, t);
    fmpq_mat_clear(t);
}

/* r = A^T y */
static void
matTvec(fmpq_mat_t r, const fmpq_mat_t A, const fmpq_mat_t y)
{
    slong i, j;
    fmpq_mat_t t;
    fmpq_mat_init(t, fmpq_mat_ncols(A), 1);
    for (i = 0; i < fmpq_mat_nrows(A); i++)
        for (j = 0; j < fmpq_mat_ncols(A); j++)
            fmpq_addmul(V(t, j), E(A, i, j), V(y, i));
    fmpq_mat_swap(r, t);
    fmpq_mat_clear(t);
}

static void
dot(fmpq_t r, const fmpq_mat_t u, const fmpq_mat_t v)
{
    slong i;
    fmpq_zero(r);
    for (i = 0; i < fmpq_mat_nrows(u); i++)
        fmpq_addmul(r, V(u, i), V(v, i));
}

static int
nonneg(const fmpq_mat_t v)
{
    slong i;
    for (i = 0; i < fmpq_mat_nrows(v); i++)
        if (fmpq_sgn(V(v, i)) < 0)
            return 0;
    return 1;
}

static int
is_zero_vec(const fmpq_mat_t v)
{
    slong i;
    for (i = 0; i < fmpq_mat_nrows(v); i++)
        if (!fmpq_is_zero(V(v, i)))
            return 0;
    return 1;
}

static slong
rank_of(const fmpq_mat_t A)
{
    fmpq_mat_t R;
    slong r;
    if (fmpq_mat_nrows(A) == 0 || fmpq_mat_ncols(A) == 0)
        return 0;
    fmpq_mat_init(R, fmpq_mat_nrows(A), fmpq_mat_ncols(A));
    r = fmpq_mat_rref(R, A);
    fmpq_mat_clear(R);
    return r;
}

/* Verifies res's certificate for (A, b, c) with the test's own loops; the
   LP outcome itself is what the caller expects. */
static void
check_lp_cert(const kd_lp_result_t res, const fmpq_mat_t A, const fmpq_mat_t b,
              const fmpq_mat_t c, ulong seed, const char * what)
{
    slong j, n = fmpq_mat_ncols(A);
    fmpq_mat_t r;
    fmpq_t s, t;
    fmpq_mat_init(r, 0, 1);
    fmpq_init(s);
    fmpq_init(t);
    if (res->outcome != KD_LP_INFEASIBLE)
    {
        ck_assert_msg(nonneg(&res->x), "%s: x >= 0 fails (seed %lu)", what, seed);
        matvec(r, A, &res->x);
        ck_assert_msg(fmpq_mat_equal(r, b), "%s: A x != b (seed %lu)", what, seed);
    }
    if (res->outcome == KD_LP_OPTIMAL)
    {
        matTvec(r, A, &res->y);
        for (j = 0; j < n; j++)
            ck_assert_msg(fmpq_cmp(V(r, j), V(c, j)) <= 0,
                          "%s: dual infeasible at %ld (seed %lu)", what, j, seed);
        dot(s, c, &res->x);
        dot(t, b, &res->y);
        ck_assert_msg(fmpq_equal(s, t), "%s: c^T x != b^T y (seed %lu)", what, seed);
        ck_assert_msg(fmpq_equal(s, &res->value), "%s: value != c^T x (seed %lu)", what, seed);
    }
    else if (res->outcome == KD_LP_INFEASIBLE)
    {
        matTvec(r, A, &res->y);
        for (j = 0; j < n; j++)
            ck_assert_msg(fmpq_sgn(V(r, j)) <= 0, "%s: Farkas A^T y <= 0 fails (seed %lu)",
                          what, seed);
        dot(t, b, &res->y);
        ck_assert_msg(fmpq_sgn(t) > 0, "%s: Farkas b^T y > 0 fails (seed %lu)", what, seed);
    }
    else
    {
        ck_assert_msg(nonneg(&res->ray), "%s: ray >= 0 fails (seed %lu)", what, seed);
        matvec(r, A, &res->ray);
        ck_assert_msg(is_zero_vec(r), "%s: A ray != 0 (seed %lu)", what, seed);
        dot(s, c, &res->ray);
        ck_assert_msg(fmpq_sgn(s) < 0, "%s: c^T ray >= 0 (seed %lu)", what, seed);
    }
    fmpq_mat_clear(r);
    fmpq_clear(s);
    fmpq_clear(t);
}

static const kd_lp_method rules[] = { KD_LP_DEFAULT, KD_LP_PRIMAL, KD_LP_PRIMAL_BLAND, KD_LP_DUAL };
#define NUM_RULES 4

/* Solves with the given method; the dual method must refuse c with a
   negative entry (then 0 is returned and nothing was solved). */
static int
lp_solve_checked(kd_lp_result_t res, const fmpq_mat_t A, const fmpq_mat_t b,
                 const fmpq_mat_t c, kd_lp_method meth)
{
    slong j;
    int cneg = 0;
    kd_status st;
    for (j = 0; j < fmpq_mat_nrows(c); j++)
        cneg |= fmpq_sgn(V(c, j)) < 0;
    st = kd_lp_solve_method(res, A, b, c, meth);
    if (meth == KD_LP_DUAL && cneg)
    {
        ck_assert_int_eq(st, KD_ERR_ARG);
        return 0;
    }
    kd_assert_ok(st);
    return 1;
}

/* ------------------------------------------------------------- LP */

/* Feasible (b = A x0, x0 >= 0) and bounded (c = A^T y0 + s, s >= 0) LPs,
   with sign-flipped rows and appended redundant rows. */
START_TEST(lp_random_optimal)
{
    flint_rand_t st;
    ulong seed = kd_test_seed(100 + _i);
    slong m0, m, n, i, j, extra;
    fmpq_mat_t A, b, c, x0, y0, t;
    fmpq_t lam, v0;
    kd_lp_result_t res;
    int k;

    kd_test_randinit(st, 100 + _i);
    m0 = 1 + n_randint(st, 7);
    n = m0 + n_randint(st, 10);
    extra = n_randint(st, 3);
    m = m0 + extra;
    fmpq_mat_init(A, m, n);
    fmpq_mat_init(b, m, 1);
    fmpq_mat_init(c, n, 1);
    fmpq_mat_init(x0, n, 1);
    fmpq_mat_init(y0, m, 1);
    fmpq_mat_init(t, 0, 1);
    fmpq_init(lam);
    fmpq_init(v0);
    kd_lp_result_init(res);

    for (i = 0; i < m0; i++)
        for (j = 0; j < n; j++)
            kd_test_rand_fmpq(E(A, i, j), st, 9, 1 + 3 * (_i % 2));
    for (i = m0; i < m; i++)   /* redundant: combinations of earlier rows */
        for (k = 0; k < 2; k++)
        {
            slong src = n_randint(st, i);
            kd_test_rand_fmpq(lam, st, 3, 2);
            for (j = 0; j < n; j++)
                fmpq_addmul(E(A, i, j), lam, E(A, src, j));
        }
    for (j = 0; j < n; j++)
        if (n_randint(st, 3))
            kd_test_rand_fmpq(V(x0, j), st, 5, 3), fmpq_abs(V(x0, j), V(x0, j));
    matvec(b, A, x0);
    kd_test_rand_fmpq_mat(y0, st, 4, 2);
    if (_i % 3 == 0)
        fmpq_mat_zero(y0);      /* c >= 0: the dual method applies */
    matTvec(c, A, y0);
    for (j = 0; j < n; j++)
        if (n_randint(st, 2))
        {
            kd_test_rand_fmpq(lam, st, 4, 3);
            fmpq_abs(lam, lam);
            fmpq_add(V(c, j), V(c, j), lam);
        }
    dot(v0, c, x0);
    for (k = 0; k < NUM_RULES; k++)
    {
        if (!lp_solve_checked(res, A, b, c, rules[k]))
            continue;
        ck_assert_msg(res->outcome == KD_LP_OPTIMAL, "outcome %d (seed %lu)", res->outcome, seed);
        check_lp_cert(res, A, b, c, seed, "random LP");
        ck_assert_msg(fmpq_cmp(&res->value, v0) <= 0, "value above a feasible point (seed %lu)", seed);
        ck_assert_msg(res->rank == rank_of(A), "rank %ld, expected %ld (seed %lu)",
                      res->rank, rank_of(A), seed);
        /* the basis columns are independent and carry the support */
        for (j = 0; j < n; j++)
            if (!fmpq_is_zero(V(&res->x, j)))
            {
                slong r;
                for (r = 0; r < m && res->basis[r] != j; r++)
                    ;
                ck_assert_msg(r < m, "x_%ld != 0 off the basis (seed %lu)", j, seed);
            }
    }
    kd_lp_result_clear(res);
    fmpq_mat_clear(A);
    fmpq_mat_clear(b);
    fmpq_mat_clear(c);
    fmpq_mat_clear(x0);
    fmpq_mat_clear(y0);
    fmpq_mat_clear(t);
    fmpq_clear(lam);
    fmpq_clear(v0);
    flint_randclear(st);
}
END_TEST

/* Infeasible by construction: columns bent so that A^T y0 <= 0, and b
   moved so that b^T y0 > 0 (Farkas). */
START_TEST(lp_infeasible)
{
    flint_rand_t st;
    ulong seed = kd_test_seed(200 + _i);
    slong m, n, i, j, k;
    fmpq_mat_t A, b, c, y0, g;
    fmpq_t yy, tt, r;
    kd_lp_result_t res;

    kd_test_randinit(st, 200 + _i);
    m = 1 + n_randint(st, 6);
    n = 1 + n_randint(st, 9);
    fmpq_mat_init(A, m, n);
    fmpq_mat_init(b, m, 1);
    fmpq_mat_init(c, n, 1);
    fmpq_mat_init(y0, m, 1);
    fmpq_mat_init(g, 0, 1);
    fmpq_init(yy);
    fmpq_init(tt);
    fmpq_init(r);
    kd_lp_result_init(res);
    kd_test_rand_fmpq_mat(A, st, 9, 2);
    kd_test_rand_fmpq_mat(b, st, 9, 2);
    kd_test_rand_fmpq_mat(c, st, 9, 2);
    if (_i % 2)
        for (j = 0; j < n; j++)
            fmpq_abs(V(c, j), V(c, j));
    do
        kd_test_rand_fmpq_mat(y0, st, 5, 2);
    while (is_zero_vec(y0));
    dot(yy, y0, y0);
    matTvec(g, A, y0);
    for (j = 0; j < n; j++)
        if (fmpq_sgn(V(g, j)) > 0 || n_randint(st, 2))
        {
            /* a_j -= ((g_j + r) / |y0|^2) y0 gives a_j^T y0 = -r <= 0 */
            kd_test_rand_fmpq(r, st, 3, 2);
            fmpq_abs(r, r);
            fmpq_add(tt, V(g, j), r);
            fmpq_div(tt, tt, yy);
            for (i = 0; i < m; i++)
                fmpq_submul(E(A, i, j), tt, V(y0, i));
        }
    dot(tt, b, y0);
    if (fmpq_sgn(tt) <= 0)
    {
        fmpq_sub_ui(tt, tt, 1 + n_randint(st, 3));
        fmpq_div(tt, tt, yy);
        for (i = 0; i < m; i++)
            fmpq_submul(V(b, i), tt, V(y0, i));
    }
    for (k = 0; k < NUM_RULES; k++)
    {
        if (!lp_solve_checked(res, A, b, c, rules[k]))
            continue;
        ck_assert_msg(res->outcome == KD_LP_INFEASIBLE, "outcome %d (seed %lu)", res->outcome, seed);
        check_lp_cert(res, A, b, c, seed, "infeasible LP");
    }
    kd_lp_result_clear(res);
    fmpq_mat_clear(A);
    fmpq_mat_clear(b);
    fmpq_mat_clear(c);
    fmpq_mat_clear(y0);
    fmpq_mat_clear(g);
    fmpq_clear(yy);
    fmpq_clear(tt);
    fmpq_clear(r);
    flint_randclear(st);
}
END_TEST

/* Unbounded by construction: a feasible x0 and a ray d >= 0 with A d = 0
   (last column solved for) and c^T d < 0 (last cost adjusted). */
START_TEST(lp_unbounded)
{
    flint_rand_t st;
    ulong seed = kd_test_seed(300 + _i);
    slong m, n, i, j, k;
    fmpq_mat_t A, b, c, x0, d;
    fmpq_t t;
    kd_lp_result_t res;

    kd_test_randinit(st, 300 + _i);
    m = 1 + n_randint(st, 5);
    n = 2 + n_randint(st, 8);
    fmpq_mat_init(A, m, n);
    fmpq_mat_init(b, m, 1);
    fmpq_mat_init(c, n, 1);
    fmpq_mat_init(x0, n, 1);
    fmpq_mat_init(d, n, 1);
    fmpq_init(t);
    kd_lp_result_init(res);
    kd_test_rand_fmpq_mat(A, st, 9, 3);
    kd_test_rand_fmpq_mat(c, st, 9, 3);
    for (j = 0; j < n; j++)
    {
        kd_test_rand_fmpq(V(x0, j), st, 4, 2);
        fmpq_abs(V(x0, j), V(x0, j));
        if (n_randint(st, 2))
        {
            kd_test_rand_fmpq(V(d, j), st, 4, 2);
            fmpq_abs(V(d, j), V(d, j));
        }
    }
    fmpq_set_si(V(d, n - 1), 1 + n_randint(st, 3), 1);
    for (i = 0; i < m; i++)
    {
        fmpq_zero(t);
        for (j = 0; j < n - 1; j++)
            fmpq_addmul(t, E(A, i, j), V(d, j));
        fmpq_div(t, t, V(d, n - 1));
        fmpq_neg(E(A, i, n - 1), t);
    }
    dot(t, c, d);
    if (fmpq_sgn(t) >= 0)
    {
        fmpq_add_ui(t, t, 1);
        fmpq_div(t, t, V(d, n - 1));
        fmpq_sub(V(c, n - 1), V(c, n - 1), t);
    }
    matvec(b, A, x0);
    for (k = 0; k < NUM_RULES; k++)
    {
        if (!lp_solve_checked(res, A, b, c, rules[k]))
            continue;
        ck_assert_msg(res->outcome == KD_LP_UNBOUNDED, "outcome %d (seed %lu)", res->outcome, seed);
        check_lp_cert(res, A, b, c, seed, "unbounded LP");
    }
    kd_lp_result_clear(res);
    fmpq_mat_clear(A);
    fmpq_mat_clear(b);
    fmpq_mat_clear(c);
    fmpq_mat_clear(x0);
    fmpq_mat_clear(d);
    fmpq_clear(t);
    flint_randclear(st);
}
END_TEST

/* Beale's example (1955), which cycles under Dantzig's rule with naive
   tie-breaking: optimum -5/4 at x = (3/4, 0, 0, 1, 0, 1, 0). */
START_TEST(lp_beale)
{
    static const slong num[3][7] = {
        { 4, 0, 0, 1, -32, -4, 36 },     /* times 1/4 */
        { 0, 2, 0, 1, -24, -1, 6 },      /* times 1/2 */
        { 0, 0, 1, 0, 0, 1, 0 } };
    static const slong den[3] = { 4, 2, 1 };
    static const slong cn[7] = { 0, 0, 0, -3, 80, -2, 24 };   /* times 1/4 */
    slong i, j, k;
    fmpq_mat_t A, b, c;
    fmpq_t v;
    kd_lp_result_t res;

    fmpq_mat_init(A, 3, 7);
    fmpq_mat_init(b, 3, 1);
    fmpq_mat_init(c, 7, 1);
    fmpq_init(v);
    kd_lp_result_init(res);
    for (i = 0; i < 3; i++)
        for (j = 0; j < 7; j++)
            fmpq_set_si(E(A, i, j), num[i][j], den[i]);
    fmpq_set_si(V(b, 2), 1, 1);
    for (j = 0; j < 7; j++)
        fmpq_set_si(V(c, j), cn[j], 4);
    fmpq_set_si(v, -5, 4);
    for (k = 0; k < NUM_RULES; k++)
    {
        if (!lp_solve_checked(res, A, b, c, rules[k]))
            continue;
        ck_assert(res->outcome == KD_LP_OPTIMAL);
        check_lp_cert(res, A, b, c, 0, "Beale");
        ck_assert_msg(fmpq_equal(&res->value, v), "Beale: value %s",
                      fmpq_get_str(NULL, 10, &res->value));
    }
    kd_lp_result_clear(res);
    fmpq_mat_clear(A);
    fmpq_mat_clear(b);
    fmpq_mat_clear(c);
    fmpq_clear(v);
}
END_TEST

/* Highly degenerate LPs: 0/1 matrices with repeated columns and repeated
   rows, b = A 1 or b = 0 (every vertex degenerate, many ratio ties), and
   costs with many equal reduced costs. */
START_TEST(lp_degenerate)
{
    flint_rand_t st;
    ulong seed = kd_test_seed(400 + _i);
    slong m, n, i, j, k;
    fmpq_mat_t A, b, c, one, y0;
    kd_lp_result_t res;

    kd_test_randinit(st, 400 + _i);
    m = 2 + n_randint(st, 6);
    n = m + n_randint(st, 8);
    fmpq_mat_init(A, m, n);
    fmpq_mat_init(b, m, 1);
    fmpq_mat_init(c, n, 1);
    fmpq_mat_init(one, n, 1);
    fmpq_mat_init(y0, m, 1);
    kd_lp_result_init(res);
    for (i = 0; i < m; i++)
        for (j = 0; j < n; j++)
            fmpq_set_si(E(A, i, j), n_randint(st, 2), 1);
    for (j = 1; j < n; j++)     /* repeated columns */
        if (n_randint(st, 3) == 0)
            for (i = 0; i < m; i++)
                fmpq_set(E(A, i, j), E(A, i, j - 1));
    for (i = 1; i < m; i++)     /* repeated rows */
        if (n_randint(st, 4) == 0)
            for (j = 0; j < n; j++)
                fmpq_set(E(A, i, j), E(A, i - 1, j));
    for (j = 0; j < n; j++)
        fmpq_one(V(one, j));
    if (_i % 3 != 0)
        matvec(b, A, one);
    /* c = A^T y0 + (0/1 slack): bounded, with many ties */
    for (i = 0; i < m; i++)
        fmpq_set_si(V(y0, i), (slong) n_randint(st, 3) - (_i % 2), 1);
    matTvec(c, A, y0);
    for (j = 0; j < n; j++)
        fmpq_add_ui(V(c, j), V(c, j), n_randint(st, 2));
    for (k = 0; k < NUM_RULES; k++)
    {
        if (!lp_solve_checked(res, A, b, c, rules[k]))
            continue;
        ck_assert_msg(res->outcome == KD_LP_OPTIMAL, "outcome %d (seed %lu)", res->outcome, seed);
        check_lp_cert(res, A, b, c, seed, "degenerate LP");
        ck_assert_msg(res->rank == rank_of(A), "rank (seed %lu)", seed);
    }
    kd_lp_result_clear(res);
    fmpq_mat_clear(A);
    fmpq_mat_clear(b);
    fmpq_mat_clear(c);
    fmpq_mat_clear(one);
    fmpq_mat_clear(y0);
    flint_randclear(st);
}
END_TEST

/* Next m-subset of {0..n-1} in lexicographic order; 0 after the last. */
static int
next_subset(slong * S, slong m, slong n)
{
    slong i = m - 1;
    while (i >= 0 && S[i] == n - m + i)
        i--;
    if (i < 0)
        return 0;
    S[i]++;
    for (i++; i < m; i++)
        S[i] = S[i - 1] + 1;
    return 1;
}

/* Small LPs with full row rank A against brute-force enumeration of all
   basic solutions (FLINT's own solver): no vertex means infeasible (the
   polyhedron is pointed); otherwise a bounded LP's optimum is the best
   vertex value. */
START_TEST(lp_bruteforce)
{
    flint_rand_t st;
    ulong seed = kd_test_seed(500 + _i);
    slong m, n, i, j, S[8];
    fmpq_mat_t A, b, c, B, xB;
    fmpq_t best, val;
    int have = 0, k;
    kd_lp_result_t res;

    kd_test_randinit(st, 500 + _i);
    m = 1 + n_randint(st, 3);
    n = m + 1 + n_randint(st, 4);
    fmpq_mat_init(A, m, n);
    fmpq_mat_init(b, m, 1);
    fmpq_mat_init(c, n, 1);
    fmpq_mat_init(B, m, m);
    fmpq_mat_init(xB, m, 1);
    fmpq_init(best);
    fmpq_init(val);
    kd_lp_result_init(res);
    do
        kd_test_rand_fmpq_mat(A, st, 5, 2);
    while (rank_of(A) < m);
    kd_test_rand_fmpq_mat(b, st, 5, 1);
    kd_test_rand_fmpq_mat(c, st, 5, 1);
    if (_i % 2)     /* make it bounded: c >= 0 */
        for (j = 0; j < n; j++)
            fmpq_abs(V(c, j), V(c, j));

    for (i = 0; i < m; i++)
        S[i] = i;
    do
    {
        for (i = 0; i < m; i++)
            for (j = 0; j < m; j++)
                fmpq_set(E(B, i, j), E(A, i, S[j]));
        if (!fmpq_mat_solve_fraction_free(xB, B, b) || !nonneg(xB))
            continue;
        fmpq_zero(val);
        for (j = 0; j < m; j++)
            fmpq_addmul(val, V(c, S[j]), V(xB, j));
        if (!have || fmpq_cmp(val, best) < 0)
            fmpq_set(best, val);
        have = 1;
    }
    while (next_subset(S, m, n));

    for (k = 0; k < NUM_RULES; k++)
    {
        if (!lp_solve_checked(res, A, b, c, rules[k]))
            continue;
        check_lp_cert(res, A, b, c, seed, "brute-force LP");
        if (!have)
            ck_assert_msg(res->outcome == KD_LP_INFEASIBLE, "expected infeasible (seed %lu)", seed);
        else if (res->outcome == KD_LP_OPTIMAL)
            ck_assert_msg(fmpq_equal(&res->value, best), "value differs from the best vertex (seed %lu)",
                          seed);
        else
            ck_assert_msg(res->outcome == KD_LP_UNBOUNDED && _i % 2 == 0,
                          "outcome %d (seed %lu)", res->outcome, seed);
    }
    kd_lp_result_clear(res);
    fmpq_mat_clear(A);
    fmpq_mat_clear(b);
    fmpq_mat_clear(c);
    fmpq_mat_clear(B);
    fmpq_mat_clear(xB);
    fmpq_clear(best);
    fmpq_clear(val);
    flint_randclear(st);
}
END_TEST

/* m = 0, n = 0, b = 0, and a zero matrix. */
START_TEST(lp_edge)
{
    fmpq_mat_t A, b, c;
    kd_lp_result_t res;
    kd_lp_result_init(res);

    /* no constraints: optimal at 0 when c >= 0, else unbounded */
    fmpq_mat_init(A, 0, 3);
    fmpq_mat_init(b, 0, 1);
    fmpq_mat_init(c, 3, 1);
    fmpq_set_si(V(c, 1), 2, 1);
    kd_assert_ok(kd_lp_solve(res, A, b, c));
    ck_assert(res->outcome == KD_LP_OPTIMAL && fmpq_is_zero(&res->value));
    check_lp_cert(res, A, b, c, 0, "m = 0");
    fmpq_set_si(V(c, 2), -1, 3);
    kd_assert_ok(kd_lp_solve(res, A, b, c));
    ck_assert(res->outcome == KD_LP_UNBOUNDED);
    check_lp_cert(res, A, b, c, 0, "m = 0 unbounded");
    fmpq_mat_clear(A);
    fmpq_mat_clear(b);
    fmpq_mat_clear(c);

    /* no variables: feasible iff b = 0 */
    fmpq_mat_init(A, 2, 0);
    fmpq_mat_init(b, 2, 1);
    fmpq_mat_init(c, 0, 1);
    kd_assert_ok(kd_lp_solve(res, A, b, c));
    ck_assert(res->outcome == KD_LP_OPTIMAL && res->rank == 0);
    check_lp_cert(res, A, b, c, 0, "n = 0");
    fmpq_set_si(V(b, 1), -3, 1);
    kd_assert_ok(kd_lp_solve(res, A, b, c));
    ck_assert(res->outcome == KD_LP_INFEASIBLE);
    check_lp_cert(res, A, b, c, 0, "n = 0 infeasible");
    fmpq_mat_clear(A);
    fmpq_mat_clear(b);
    fmpq_mat_clear(c);

    /* a zero matrix with b = 0 and negative costs: unbounded */
    fmpq_mat_init(A, 2, 2);
    fmpq_mat_init(b, 2, 1);
    fmpq_mat_init(c, 2, 1);
    fmpq_set_si(V(c, 0), -1, 1);
    kd_assert_ok(kd_lp_solve(res, A, b, c));
    ck_assert(res->outcome == KD_LP_UNBOUNDED && res->rank == 0);
    check_lp_cert(res, A, b, c, 0, "zero A");
    fmpq_mat_clear(A);
    fmpq_mat_clear(b);
    fmpq_mat_clear(c);
    kd_lp_result_clear(res);
}
END_TEST

/* ------------------------------------------------------------- BP */

/* The BP certificate checked here: A x = y, |a_j^T v| <= w_j,
   y^T v = sum w_j |x_j| = value; and the face contains x. */
static void
check_bp(const kd_bp_result_t res, const fmpq_mat_t A, const fmpq_mat_t y,
         const fmpq_mat_t w, ulong seed, const char * what)
{
    slong j, N = fmpq_mat_ncols(A);
    fmpq_mat_t r;
    fmpq_t s, t, wj;
    kd_truth in;
    fmpq_mat_init(r, 0, 1);
    fmpq_init(s);
    fmpq_init(t);
    fmpq_init(wj);
    matvec(r, A, &res->x);
    ck_assert_msg(fmpq_mat_equal(r, y), "%s: A x != y (seed %lu)", what, seed);
    matTvec(r, A, &res->v);
    fmpq_zero(s);
    for (j = 0; j < N; j++)
    {
        if (w != NULL)
            fmpq_set(wj, V(w, j));
        else
            fmpq_one(wj);
        fmpq_abs(t, V(r, j));
        ck_assert_msg(fmpq_cmp(t, wj) <= 0, "%s: |a_j^T v| > w_j (seed %lu)", what, seed);
        fmpq_abs(t, V(&res->x, j));
        fmpq_addmul(s, t, wj);
    }
    ck_assert_msg(fmpq_equal(s, &res->value), "%s: ||x||_w != value (seed %lu)", what, seed);
    dot(t, y, &res->v);
    ck_assert_msg(fmpq_equal(t, &res->value), "%s: y^T v != value (seed %lu)", what, seed);
    kd_assert_ok(kd_face_contains(&in, &res->face, &res->x));
    ck_assert_msg(in == KD_TRUE, "%s: x not in its face (seed %lu)", what, seed);
    ck_assert_msg(res->unique == KD_TRUE || res->unique == KD_FALSE, "%s: unique unknown", what);
    if (res->unique == KD_FALSE)
    {
        /* the witness is another minimiser */
        matvec(r, A, &res->x2);
        ck_assert_msg(fmpq_mat_equal(r, y), "%s: A x2 != y (seed %lu)", what, seed);
        fmpq_zero(s);
        for (j = 0; j < N; j++)
        {
            fmpq_abs(t, V(&res->x2, j));
            if (w != NULL)
                fmpq_addmul(s, t, V(w, j));
            else
                fmpq_add(s, s, t);
        }
        ck_assert_msg(fmpq_equal(s, &res->value), "%s: x2 is not optimal (seed %lu)", what, seed);
        ck_assert_msg(!fmpq_mat_equal(&res->x, &res->x2), "%s: x2 == x (seed %lu)", what, seed);
        kd_assert_ok(kd_face_contains(&in, &res->face, &res->x2));
        ck_assert_msg(in == KD_TRUE, "%s: x2 not in the face (seed %lu)", what, seed);
    }
    fmpq_mat_clear(r);
    fmpq_clear(s);
    fmpq_clear(t);
    fmpq_clear(wj);
}

/* min |x1| + |x2| s.t. x1 + (1 + 2^-k) x2 = 1: x = (0, 2^k / (2^k + 1)). */
START_TEST(bp_closed_form)
{
    static const slong ks[] = { 0, 1, 2, 5, 10, 20, 30, 40, 52, 53, 60 };
    slong k = ks[_i];
    fmpq_mat_t A, y;
    fmpq_t x2, t;
    kd_bp_result_t res;

    fmpq_mat_init(A, 1, 2);
    fmpq_mat_init(y, 1, 1);
    fmpq_init(x2);
    fmpq_init(t);
    kd_bp_result_init(res);
    fmpq_one(E(A, 0, 0));
    fmpz_one(fmpq_numref(t));
    fmpz_mul_2exp(fmpq_denref(t), fmpq_numref(t), k);   /* 2^-k */
    fmpq_add_ui(E(A, 0, 1), t, 1);
    fmpq_one(V(y, 0));
    kd_assert_ok(kd_bp_solve_exact(res, A, y, NULL));
    check_bp(res, A, y, NULL, 0, "closed form");
    fmpz_one(fmpq_numref(x2));
    fmpz_mul_2exp(fmpq_numref(x2), fmpq_numref(x2), k);
    fmpz_add_ui(fmpq_denref(x2), fmpq_numref(x2), 1);
    ck_assert_msg(fmpq_is_zero(V(&res->x, 0)) && fmpq_equal(V(&res->x, 1), x2),
                  "k = %ld: wrong x", k);
    ck_assert_msg(fmpq_equal(&res->value, x2), "k = %ld: wrong value", k);
    ck_assert_msg(res->unique == KD_TRUE, "k = %ld: not unique", k);
    ck_assert(res->face.len == 1 && res->face.E[0] == 1 && res->face.sign[0] == 1);
    kd_bp_result_clear(res);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    fmpq_clear(x2);
    fmpq_clear(t);
}
END_TEST

/* A planted s-sparse x0 made the unique minimiser by construction: a
   random v, columns on the support moved along v so that a_j^T v = w_j
   sign(x0_j), the others so that |a_j^T v| < w_j; A_S has full column
   rank (checked). Then x0 is the unique solution (strict dual
   certificate), which the solver must find and prove. Optional weights,
   and columns duplicated off the support (which keeps uniqueness). */
START_TEST(bp_planted_unique)
{
    flint_rand_t st;
    ulong seed = kd_test_seed(600 + _i);
    slong m, N, s, i, j, k;
    fmpq_mat_t A, y, x0, v, w, AS;
    fmpq_t vv, g, tgt, t;
    slong * S;
    int weighted = _i % 2;
    kd_bp_result_t res;

    kd_test_randinit(st, 600 + _i);
    m = 3 + n_randint(st, 8);
    N = m + 1 + n_randint(st, 2 * m);
    s = 1 + n_randint(st, (m + 1) / 2);
    fmpq_mat_init(A, m, N);
    fmpq_mat_init(y, m, 1);
    fmpq_mat_init(x0, N, 1);
    fmpq_mat_init(v, m, 1);
    fmpq_mat_init(w, N, 1);
    fmpq_mat_init(AS, m, s);
    fmpq_init(vv);
    fmpq_init(g);
    fmpq_init(tgt);
    fmpq_init(t);
    S = flint_malloc(s * sizeof(slong));
    kd_bp_result_init(res);

    for (j = 0; j < N; j++)
        if (weighted)
            fmpq_set_si(V(w, j), 1 + n_randint(st, 5), 1 + n_randint(st, 3));
        else
            fmpq_one(V(w, j));
    do
    {
        kd_test_rand_fmpq_mat(A, st, 20, 1);
        do
            kd_test_rand_fmpq_mat(v, st, 6, 1);
        while (is_zero_vec(v));
        dot(vv, v, v);
        /* a support of s distinct columns */
        for (k = 0; k < s; k++)
        {
            slong c;
            do
            {
                c = n_randint(st, N);
                for (i = 0; i < k && S[i] != c; i++)
                    ;
            }
            while (i < k);
            S[k] = c;
        }
        fmpq_mat_zero(x0);
        for (k = 0; k < s; k++)
        {
            do
                kd_test_rand_fmpq(V(x0, S[k]), st, 9, 4);
            while (fmpq_is_zero(V(x0, S[k])));
        }
        for (j = 0; j < N; j++)
        {
            /* target a_j^T v: +-w_j on the support, strictly inside elsewhere */
            if (!fmpq_is_zero(V(x0, j)))
            {
                fmpq_set(tgt, V(w, j));
                if (fmpq_sgn(V(x0, j)) < 0)
                    fmpq_neg(tgt, tgt);
            }
            else
            {
                fmpq_set_si(tgt, (slong) n_randint(st, 19) - 9, 10);
                fmpq_mul(tgt, tgt, V(w, j));
            }
            fmpq_zero(g);
            for (i = 0; i < m; i++)
                fmpq_addmul(g, E(A, i, j), V(v, i));
            fmpq_sub(t, g, tgt);
            fmpq_div(t, t, vv);
            for (i = 0; i < m; i++)
                fmpq_submul(E(A, i, j), t, V(v, i));
        }
        for (k = 0; k < s; k++)
            for (i = 0; i < m; i++)
                fmpq_set(E(AS, i, k), E(A, i, S[k]));
    }
    while (rank_of(AS) < s);
    /* duplicate an off-support column (its |a^T v| < w stays strict) */
    if (_i % 3 == 0)
        for (j = 0; j + 1 < N; j++)
            if (fmpq_is_zero(V(x0, j)) && fmpq_is_zero(V(x0, j + 1)) && fmpq_equal(V(w, j), V(w, j + 1)))
            {
                for (i = 0; i < m; i++)
                    fmpq_set(E(A, i, j + 1), E(A, i, j));
                break;
            }
    matvec(y, A, x0);

    kd_assert_ok(kd_bp_solve_exact(res, A, y, weighted ? w : NULL));
    check_bp(res, A, y, weighted ? w : NULL, seed, "planted");
    ck_assert_msg(fmpq_mat_equal(&res->x, x0), "planted solution not found (seed %lu)", seed);
    ck_assert_msg(res->unique == KD_TRUE, "planted solution not proved unique (seed %lu)", seed);
    {
        kd_truth pt;
        kd_assert_ok(kd_face_is_point(&pt, &res->face));
        ck_assert_msg(pt == KD_TRUE, "face not a point (seed %lu)", seed);
    }

    kd_bp_result_clear(res);
    flint_free(S);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    fmpq_mat_clear(x0);
    fmpq_mat_clear(v);
    fmpq_mat_clear(w);
    fmpq_mat_clear(AS);
    fmpq_clear(vv);
    fmpq_clear(g);
    fmpq_clear(tgt);
    fmpq_clear(t);
    flint_randclear(st);
}
END_TEST

/* Duplicated support column: A = [a, a, rest] with x0 = c e_0 planted as
   above; the solution set is the segment {(t, c - t, 0...)} between the
   two extreme solutions, so unique = KD_FALSE and the face holds both. */
START_TEST(bp_duplicated)
{
    flint_rand_t st;
    ulong seed = kd_test_seed(700 + _i);
    slong m, N, i, j;
    fmpq_mat_t A, y, x0, v, e1, e2, half;
    fmpq_t vv, g, tgt, t, cc;
    kd_truth in, pt;
    kd_bp_result_t res;

    kd_test_randinit(st, 700 + _i);
    m = 2 + n_randint(st, 5);
    N = m + 2 + n_randint(st, 4);
    fmpq_mat_init(A, m, N);
    fmpq_mat_init(y, m, 1);
    fmpq_mat_init(x0, N, 1);
    fmpq_mat_init(v, m, 1);
    fmpq_mat_init(e1, N, 1);
    fmpq_mat_init(e2, N, 1);
    fmpq_mat_init(half, N, 1);
    fmpq_init(vv);
    fmpq_init(g);
    fmpq_init(tgt);
    fmpq_init(t);
    fmpq_init(cc);
    kd_bp_result_init(res);

    kd_test_rand_fmpq_mat(A, st, 15, 1);
    do
        kd_test_rand_fmpq_mat(v, st, 5, 1);
    while (is_zero_vec(v));
    dot(vv, v, v);
    do
        kd_test_rand_fmpq(cc, st, 9, 3);
    while (fmpq_is_zero(cc));
    for (j = 0; j < N; j++)
    {
        if (j == 0)
            fmpq_set_si(tgt, fmpq_sgn(cc), 1);
        else
            fmpq_set_si(tgt, (slong) n_randint(st, 15) - 7, 8);
        fmpq_zero(g);
        for (i = 0; i < m; i++)
            fmpq_addmul(g, E(A, i, j), V(v, i));
        fmpq_sub(t, g, tgt);
        fmpq_div(t, t, vv);
        for (i = 0; i < m; i++)
            fmpq_submul(E(A, i, j), t, V(v, i));
    }
    for (i = 0; i < m; i++)
        fmpq_set(E(A, i, 1), E(A, i, 0));
    fmpq_set(V(x0, 0), cc);
    matvec(y, A, x0);
    fmpq_set(V(e1, 0), cc);
    fmpq_set(V(e2, 1), cc);
    fmpq_div_2exp(V(half, 0), cc, 1);
    fmpq_div_2exp(V(half, 1), cc, 1);

    kd_assert_ok(kd_bp_solve_exact(res, A, y, NULL));
    check_bp(res, A, y, NULL, seed, "duplicated");
    ck_assert_msg(res->unique == KD_FALSE, "duplicated column: unique reported (seed %lu)", seed);
    fmpq_abs(t, cc);
    ck_assert_msg(fmpq_equal(&res->value, t), "value (seed %lu)", seed);
    kd_assert_ok(kd_face_contains(&in, &res->face, e1));
    ck_assert_msg(in == KD_TRUE, "extreme solution 1 not in the face (seed %lu)", seed);
    kd_assert_ok(kd_face_contains(&in, &res->face, e2));
    ck_assert_msg(in == KD_TRUE, "extreme solution 2 not in the face (seed %lu)", seed);
    kd_assert_ok(kd_face_contains(&in, &res->face, half));
    ck_assert_msg(in == KD_TRUE, "midpoint not in the face (seed %lu)", seed);
    /* a point off the segment is not in it */
    fmpq_mul_2exp(V(half, 0), cc, 1);
    kd_assert_ok(kd_face_contains(&in, &res->face, half));
    ck_assert_msg(in == KD_FALSE, "2 c e_0 in the face (seed %lu)", seed);
    kd_assert_ok(kd_face_is_point(&pt, &res->face));
    ck_assert_msg(pt == KD_FALSE, "segment reported as a point (seed %lu)", seed);

    kd_bp_result_clear(res);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    fmpq_mat_clear(x0);
    fmpq_mat_clear(v);
    fmpq_mat_clear(e1);
    fmpq_mat_clear(e2);
    fmpq_mat_clear(half);
    fmpq_clear(vv);
    fmpq_clear(g);
    fmpq_clear(tgt);
    fmpq_clear(t);
    fmpq_clear(cc);
    flint_randclear(st);
}
END_TEST

/* Small tie-rich BP instances (entries in {-1, 0, 1}) against brute force:
   every basic solution of [A, -A] (u; v) = y is enumerated; the optimal
   value is the best one, and the solution is unique iff all optimal
   basic solutions give the same x (the solution set is a polytope whose
   vertices are among them). */
START_TEST(bp_bruteforce)
{
    flint_rand_t st;
    ulong seed = kd_test_seed(800 + _i);
    slong m, N, i, j, S[4], noptx = 0;
    fmpq_mat_t A, y, B2, B, xB, x, xopt, w;
    fmpq_t best, val;
    int have = 0, weighted = _i % 2;
    kd_bp_result_t res;

    kd_test_randinit(st, 800 + _i);
    m = 1 + n_randint(st, 3);
    N = m + 1 + n_randint(st, 3);
    fmpq_mat_init(A, m, N);
    fmpq_mat_init(y, m, 1);
    fmpq_mat_init(B2, m, 2 * N);
    fmpq_mat_init(B, m, m);
    fmpq_mat_init(xB, m, 1);
    fmpq_mat_init(x, N, 1);
    fmpq_mat_init(xopt, N, 1);
    fmpq_mat_init(w, N, 1);
    fmpq_init(best);
    fmpq_init(val);
    kd_bp_result_init(res);
    do
    {
        for (i = 0; i < m; i++)
            for (j = 0; j < N; j++)
                fmpq_set_si(E(A, i, j), (slong) n_randint(st, 3) - 1, 1);
    }
    while (rank_of(A) < m);
    for (i = 0; i < m; i++)
        fmpq_set_si(V(y, i), (slong) n_randint(st, 5) - 2, 1);
    for (j = 0; j < N; j++)
        fmpq_set_si(V(w, j), weighted ? 1 + n_randint(st, 2) : 1, 1);
    for (i = 0; i < m; i++)
        for (j = 0; j < N; j++)
        {
            fmpq_set(E(B2, i, j), E(A, i, j));
            fmpq_neg(E(B2, i, N + j), E(A, i, j));
        }
    for (i = 0; i < m; i++)
        S[i] = i;
    do
    {
        for (i = 0; i < m; i++)
            for (j = 0; j < m; j++)
                fmpq_set(E(B, i, j), E(B2, i, S[j]));
        if (!fmpq_mat_solve_fraction_free(xB, B, y) || !nonneg(xB))
            continue;
        fmpq_mat_zero(x);
        for (j = 0; j < m; j++)
        {
            slong c = S[j] % N;
            if (S[j] < N)
                fmpq_add(V(x, c), V(x, c), V(xB, j));
            else
                fmpq_sub(V(x, c), V(x, c), V(xB, j));
        }
        fmpq_zero(val);
        for (j = 0; j < N; j++)
        {
            fmpq_t a;
            fmpq_init(a);
            fmpq_abs(a, V(x, j));
            fmpq_addmul(val, a, V(w, j));
            fmpq_clear(a);
        }
        if (!have || fmpq_cmp(val, best) < 0)
        {
            fmpq_set(best, val);
            fmpq_mat_set(xopt, x);
            noptx = 1;
        }
        else if (fmpq_equal(val, best) && !fmpq_mat_equal(x, xopt))
            noptx = 2;
        have = 1;
    }
    while (next_subset(S, m, 2 * N));
    ck_assert(have);    /* A has full row rank, so Ax = y is solvable */

    kd_assert_ok(kd_bp_solve_exact(res, A, y, weighted ? w : NULL));
    check_bp(res, A, y, weighted ? w : NULL, seed, "brute-force BP");
    ck_assert_msg(fmpq_equal(&res->value, best), "value differs from brute force (seed %lu)", seed);
    ck_assert_msg(res->unique == (noptx == 1 ? KD_TRUE : KD_FALSE),
                  "uniqueness %s, brute force says %s (seed %lu)", kd_truth_name(res->unique),
                  noptx == 1 ? "unique" : "not unique", seed);

    kd_bp_result_clear(res);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    fmpq_mat_clear(B2);
    fmpq_mat_clear(B);
    fmpq_mat_clear(xB);
    fmpq_mat_clear(x);
    fmpq_mat_clear(xopt);
    fmpq_mat_clear(w);
    fmpq_clear(best);
    fmpq_clear(val);
    flint_randclear(st);
}
END_TEST

/* y = 0 (x = 0 is the unique minimiser), m = 0, and N = 0. */
START_TEST(bp_edge)
{
    fmpq_mat_t A, y;
    kd_bp_result_t res;
    kd_face_t G;
    kd_bp_result_init(res);
    kd_face_init(G);

    fmpq_mat_init(A, 2, 3);
    fmpq_mat_init(y, 2, 1);
    fmpq_set_si(E(A, 0, 0), 1, 2);
    fmpq_set_si(E(A, 1, 2), -3, 1);
    fmpq_set_si(E(A, 0, 1), 1, 1);
    kd_assert_ok(kd_bp_solve_exact(res, A, y, NULL));
    check_bp(res, A, y, NULL, 0, "y = 0");
    ck_assert(is_zero_vec(&res->x) && fmpq_is_zero(&res->value) && res->unique == KD_TRUE);
    /* a copy of the face, and a self-copy, describe the same set */
    kd_assert_ok(kd_face_set_face(G, &res->face));
    kd_assert_ok(kd_face_set_face(G, G));
    ck_assert(G->N == 3 && G->len == res->face.len);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);

    fmpq_mat_init(A, 0, 3);
    fmpq_mat_init(y, 0, 1);
    kd_assert_ok(kd_bp_solve_exact(res, A, y, NULL));
    ck_assert(is_zero_vec(&res->x) && fmpq_mat_nrows(&res->x) == 3 && res->unique == KD_TRUE);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);

    fmpq_mat_init(A, 2, 0);
    fmpq_mat_init(y, 2, 1);
    kd_assert_ok(kd_bp_solve_exact(res, A, y, NULL));
    ck_assert(fmpq_mat_nrows(&res->x) == 0 && res->unique == KD_TRUE);
    fmpq_one(V(y, 1));
    ck_assert_int_eq(kd_bp_solve_exact(res, A, y, NULL), KD_ERR_DOMAIN);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);

    kd_face_clear(G);
    kd_bp_result_clear(res);
}
END_TEST

/* ------------------------------------------------------------- faces */

START_TEST(face_is_point)
{
    fmpq_mat_t C, d, x1, x2;
    kd_face_t F;
    kd_truth t, in;
    slong E[3] = { 0, 2, 3 };
    int sg[3] = { 1, -1, 1 };

    kd_face_init(F);
    fmpq_mat_init(C, 1, 3);
    fmpq_mat_init(d, 1, 1);
    fmpq_mat_init(x1, 0, 1);
    fmpq_mat_init(x2, 0, 1);

    /* x0 - x2 + x3 = 1 with x0 >= 0, x2 <= 0, x3 >= 0: a triangle */
    fmpq_set_si(E(C, 0, 0), 1, 1);
    fmpq_set_si(E(C, 0, 1), -1, 1);
    fmpq_set_si(E(C, 0, 2), 1, 1);
    fmpq_one(V(d, 0));
    kd_assert_ok(kd_face_set(F, 5, E, sg, 3, C, d));
    kd_assert_ok(kd_face_is_point_witness(&t, x1, x2, F));
    ck_assert(t == KD_FALSE && !fmpq_mat_equal(x1, x2));
    kd_assert_ok(kd_face_contains(&in, F, x1));
    ck_assert(in == KD_TRUE);
    kd_assert_ok(kd_face_contains(&in, F, x2));
    ck_assert(in == KD_TRUE);

    /* x0 + x2 + x3 = 0 with x0 >= 0, x2 <= 0, x3 >= 0: in z = s * x this is
       z0 - z2 + z3 = 0, an unbounded cone (e.g. z = t (1, 1, 0)) */
    fmpq_set_si(E(C, 0, 1), 1, 1);
    fmpq_zero(V(d, 0));
    kd_assert_ok(kd_face_set(F, 5, E, sg, 3, C, d));
    kd_assert_ok(kd_face_is_point_witness(&t, x1, x2, F));
    ck_assert(t == KD_FALSE && !fmpq_mat_equal(x1, x2));
    kd_assert_ok(kd_face_contains(&in, F, x2));
    ck_assert(in == KD_TRUE);

    /* all signs +: x0 + x2 + x3 = 0 with all >= 0 is the point 0 */
    sg[1] = 1;
    kd_assert_ok(kd_face_set(F, 5, E, sg, 3, C, d));
    kd_assert_ok(kd_face_is_point_witness(&t, x1, x2, F));
    ck_assert(t == KD_TRUE && is_zero_vec(x1) && fmpq_mat_nrows(x1) == 5);

    /* = -1 with all >= 0: empty */
    fmpq_set_si(V(d, 0), -1, 1);
    kd_assert_ok(kd_face_set(F, 5, E, sg, 3, C, d));
    kd_assert_ok(kd_face_is_point(&t, F));
    ck_assert(t == KD_FALSE);
    kd_assert_ok(kd_face_is_point_witness(&t, x1, x2, F));
    ck_assert(t == KD_FALSE && fmpq_mat_nrows(x1) == 0);

    /* full column rank: x0 + x1 = 3, x0 - x1 = 1 is the point (2, 1) */
    fmpq_mat_clear(C);
    fmpq_mat_init(C, 2, 2);
    fmpq_mat_clear(d);
    fmpq_mat_init(d, 2, 1);
    fmpq_set_si(E(C, 0, 0), 1, 1);
    fmpq_set_si(E(C, 0, 1), 1, 1);
    fmpq_set_si(E(C, 1, 0), 1, 1);
    fmpq_set_si(E(C, 1, 1), -1, 1);
    fmpq_set_si(V(d, 0), 3, 1);
    fmpq_set_si(V(d, 1), 1, 1);
    E[1] = 1;
    sg[0] = 1;
    sg[1] = 1;
    kd_assert_ok(kd_face_set(F, 2, E, sg, 2, C, d));
    kd_assert_ok(kd_face_is_point_witness(&t, x1, NULL, F));
    ck_assert(t == KD_TRUE && fmpq_mat_nrows(x1) == 2);
    ck_assert(fmpq_equal_si(V(x1, 0), 2) && fmpq_equal_si(V(x1, 1), 1));
    /* G = [g1, g2, g1 + g2], d = g1, z >= 0: rank deficient, yet a point
       (z2 + z3 = 0 forces z2 = z3 = 0), decided by the LP */
    {
        slong E3[3] = { 0, 1, 2 };
        int s3[3] = { 1, 1, 1 };
        fmpq_mat_t C3, d3;
        fmpq_mat_init(C3, 2, 3);
        fmpq_mat_init(d3, 2, 1);
        fmpq_set_si(E(C3, 0, 0), 2, 1);
        fmpq_set_si(E(C3, 1, 0), 1, 3);
        fmpq_set_si(E(C3, 0, 1), -1, 1);
        fmpq_set_si(E(C3, 1, 1), 5, 1);
        fmpq_add(E(C3, 0, 2), E(C3, 0, 0), E(C3, 0, 1));
        fmpq_add(E(C3, 1, 2), E(C3, 1, 0), E(C3, 1, 1));
        fmpq_set(V(d3, 0), E(C3, 0, 0));
        fmpq_set(V(d3, 1), E(C3, 1, 0));
        kd_assert_ok(kd_face_set(F, 3, E3, s3, 3, C3, d3));
        kd_assert_ok(kd_face_is_point_witness(&t, x1, NULL, F));
        ck_assert(t == KD_TRUE && fmpq_is_one(V(x1, 0)) && fmpq_is_zero(V(x1, 1))
                  && fmpq_is_zero(V(x1, 2)));
        /* the third sign flipped: z = (1 + t, t, -t)... now a segment */
        s3[2] = -1;
        kd_assert_ok(kd_face_set(F, 3, E3, s3, 3, C3, d3));
        kd_assert_ok(kd_face_is_point(&t, F));
        ck_assert(t == KD_FALSE);
        fmpq_mat_clear(C3);
        fmpq_mat_clear(d3);
    }
    /* with x1 <= 0 required the same equations have no solution */
    sg[1] = -1;
    kd_assert_ok(kd_face_set(F, 2, E, sg, 2, C, d));
    kd_assert_ok(kd_face_is_point(&t, F));
    ck_assert(t == KD_FALSE);

    kd_face_clear(F);
    fmpq_mat_clear(C);
    fmpq_mat_clear(d);
    fmpq_mat_clear(x1);
    fmpq_mat_clear(x2);
}
END_TEST

/* ------------------------------------------------------------- LCP */

/* The LCP's certificates checked with the test's own loops. */
static void
check_lcp(const kd_lcp_result_t res, const fmpq_mat_t M, const fmpq_mat_t q, ulong seed,
          const char * what)
{
    slong i, n = fmpq_mat_nrows(M);
    fmpq_mat_t w;
    fmpq_t t;
    fmpq_mat_init(w, 0, 1);
    fmpq_init(t);
    ck_assert_msg(res->outcome != KD_LCP_RAY, "%s: unresolved ray for a PSD M (seed %lu)", what, seed);
    if (res->outcome == KD_LCP_SOLVED)
    {
        matvec(w, M, &res->z);
        fmpq_mat_add(w, w, q);
        ck_assert_msg(fmpq_mat_equal(w, &res->w), "%s: w != M z + q (seed %lu)", what, seed);
        for (i = 0; i < n; i++)
        {
            ck_assert_msg(fmpq_sgn(V(&res->z, i)) >= 0 && fmpq_sgn(V(w, i)) >= 0,
                          "%s: z, w >= 0 fails (seed %lu)", what, seed);
            fmpq_mul(t, V(&res->z, i), V(w, i));
            ck_assert_msg(fmpq_is_zero(t), "%s: z_i w_i != 0 (seed %lu)", what, seed);
        }
    }
    else
    {
        ck_assert_msg(nonneg(&res->cert), "%s: certificate u >= 0 fails (seed %lu)", what, seed);
        matTvec(w, M, &res->cert);
        for (i = 0; i < n; i++)
            ck_assert_msg(fmpq_sgn(V(w, i)) <= 0, "%s: M^T u <= 0 fails (seed %lu)", what, seed);
        dot(t, q, &res->cert);
        ck_assert_msg(fmpq_sgn(t) < 0, "%s: q^T u < 0 fails (seed %lu)", what, seed);
    }
    fmpq_mat_clear(w);
    fmpq_clear(t);
}

/* M = B^T B + K - K^T (positive semidefinite, so copositive-plus) with
   random q (either outcome), planted solutions (must be solved), and
   planted infeasibility (u >= 0 with B u = 0, K = 0, q^T u < 0). */
START_TEST(lcp_psd)
{
    flint_rand_t st;
    ulong seed = kd_test_seed(900 + _i);
    slong n, k, i, j, kind = _i % 3;
    fmpq_mat_t B, Bt, K, M, q, z0, w0, u;
    fmpq_t t;
    kd_lcp_result_t res;

    kd_test_randinit(st, 900 + _i);
    n = 1 + n_randint(st, 10);
    k = 1 + n_randint(st, n + 1);
    fmpq_mat_init(B, k, n);
    fmpq_mat_init(Bt, n, k);
    fmpq_mat_init(K, n, n);
    fmpq_mat_init(M, n, n);
    fmpq_mat_init(q, n, 1);
    fmpq_mat_init(z0, n, 1);
    fmpq_mat_init(w0, n, 1);
    fmpq_mat_init(u, n, 1);
    fmpq_init(t);
    kd_lcp_result_init(res);

    kd_test_rand_fmpq_mat(B, st, 6, 2);
    if (kind != 2)
        kd_test_rand_fmpq_mat(K, st, 4, 1);
    else if (n > 1)
    {
        /* B u = 0 for u = (u', 1) >= 0 */
        for (j = 0; j < n - 1; j++)
            fmpq_set_si(V(u, j), n_randint(st, 3), 1);
        fmpq_one(V(u, n - 1));
        for (i = 0; i < k; i++)
        {
            fmpq_zero(E(B, i, n - 1));
            for (j = 0; j < n - 1; j++)
                fmpq_submul(E(B, i, n - 1), E(B, i, j), V(u, j));
        }
    }
    else
        fmpq_mat_zero(B);   /* M = 0 */
    fmpq_mat_transpose(Bt, B);
    fmpq_mat_mul(M, Bt, B);
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++)
        {
            fmpq_add(E(M, i, j), E(M, i, j), E(K, i, j));
            fmpq_sub(E(M, i, j), E(M, i, j), E(K, j, i));
        }
    if (kind == 0)
        kd_test_rand_fmpq_mat(q, st, 9, 3);
    else if (kind == 1)
    {
        /* q = w0 - M z0 with z0, w0 >= 0 complementary */
        for (i = 0; i < n; i++)
        {
            kd_test_rand_fmpq(t, st, 5, 2);
            if (n_randint(st, 2))
                fmpq_abs(V(z0, i), t);
            else
                fmpq_abs(V(w0, i), t);
        }
        matvec(q, M, z0);
        fmpq_mat_sub(q, w0, q);
    }
    else
    {
        if (n == 1)
            fmpq_one(V(u, 0));
        kd_test_rand_fmpq_mat(q, st, 9, 3);
        dot(t, q, u);
        /* q_last -= (q^T u + 1) so that q^T u = -1 */
        fmpq_add_ui(t, t, 1);
        fmpq_sub(V(q, n - 1), V(q, n - 1), t);
    }
    kd_assert_ok(kd_lcp_solve(res, M, q));
    check_lcp(res, M, q, seed, "PSD LCP");
    if (kind == 1)
        ck_assert_msg(res->outcome == KD_LCP_SOLVED, "planted LCP not solved (seed %lu)", seed);
    if (kind == 2)
        ck_assert_msg(res->outcome == KD_LCP_INFEASIBLE, "infeasible LCP solved (seed %lu)", seed);

    kd_lcp_result_clear(res);
    fmpq_mat_clear(B);
    fmpq_mat_clear(Bt);
    fmpq_mat_clear(K);
    fmpq_mat_clear(M);
    fmpq_mat_clear(q);
    fmpq_mat_clear(z0);
    fmpq_mat_clear(w0);
    fmpq_mat_clear(u);
    fmpq_clear(t);
    flint_randclear(st);
}
END_TEST

/* Degenerate LCPs: q with many equal negative entries and zeros, M = B^T B
   with 0/1 entries and repeated columns (singular), planted solvable. */
START_TEST(lcp_degenerate)
{
    flint_rand_t st;
    ulong seed = kd_test_seed(1000 + _i);
    slong n, k, i, j;
    fmpq_mat_t B, Bt, M, q, z0;
    kd_lcp_result_t res;

    kd_test_randinit(st, 1000 + _i);
    n = 2 + n_randint(st, 9);
    k = 1 + n_randint(st, n);
    fmpq_mat_init(B, k, n);
    fmpq_mat_init(Bt, n, k);
    fmpq_mat_init(M, n, n);
    fmpq_mat_init(q, n, 1);
    fmpq_mat_init(z0, n, 1);
    kd_lcp_result_init(res);
    for (i = 0; i < k; i++)
        for (j = 0; j < n; j++)
            fmpq_set_si(E(B, i, j), n_randint(st, 2), 1);
    for (j = 1; j < n; j++)
        if (n_randint(st, 3) == 0)
            for (i = 0; i < k; i++)
                fmpq_set(E(B, i, j), E(B, i, j - 1));
    fmpq_mat_transpose(Bt, B);
    fmpq_mat_mul(M, Bt, B);
    if (_i % 2 == 0)
    {
        /* q in {-1, 0}: ties everywhere */
        for (i = 0; i < n; i++)
            fmpq_set_si(V(q, i), -(slong) n_randint(st, 2), 1);
    }
    else
    {
        /* planted: q = -M z0 with z0 0/1 (w0 = 0, fully degenerate) */
        for (i = 0; i < n; i++)
            fmpq_set_si(V(z0, i), n_randint(st, 2), 1);
        matvec(q, M, z0);
        fmpq_mat_neg(q, q);
    }
    kd_assert_ok(kd_lcp_solve(res, M, q));
    check_lcp(res, M, q, seed, "degenerate LCP");
    if (_i % 2 == 1)
        ck_assert_msg(res->outcome == KD_LCP_SOLVED, "planted LCP not solved (seed %lu)", seed);

    /* the all-ties case q = -e, M = e e^T: solutions are sum z = 1 */
    fmpq_mat_clear(M);
    fmpq_mat_init(M, n, n);
    for (i = 0; i < n; i++)
    {
        fmpq_set_si(V(q, i), -1, 1);
        for (j = 0; j < n; j++)
            fmpq_one(E(M, i, j));
    }
    kd_assert_ok(kd_lcp_solve(res, M, q));
    check_lcp(res, M, q, seed, "e e^T LCP");
    ck_assert(res->outcome == KD_LCP_SOLVED);

    kd_lcp_result_clear(res);
    fmpq_mat_clear(B);
    fmpq_mat_clear(Bt);
    fmpq_mat_clear(M);
    fmpq_mat_clear(q);
    fmpq_mat_clear(z0);
    flint_randclear(st);
}
END_TEST

/* Fixed small LCPs: q >= 0 (z = 0 at once), a skew M with a known
   infeasible q, and a 2 x 2 positive definite one solved by hand. */
START_TEST(lcp_small)
{
    fmpq_mat_t M, q;
    kd_lcp_result_t res;
    fmpq_mat_init(M, 2, 2);
    fmpq_mat_init(q, 2, 1);
    kd_lcp_result_init(res);

    /* M = [2 1; 1 2], q = (-5, -6): z = (4/3, 7/3), w = 0 */
    fmpq_set_si(E(M, 0, 0), 2, 1);
    fmpq_set_si(E(M, 0, 1), 1, 1);
    fmpq_set_si(E(M, 1, 0), 1, 1);
    fmpq_set_si(E(M, 1, 1), 2, 1);
    fmpq_set_si(V(q, 0), -5, 1);
    fmpq_set_si(V(q, 1), -6, 1);
    kd_assert_ok(kd_lcp_solve(res, M, q));
    check_lcp(res, M, q, 0, "2 x 2");
    ck_assert(res->outcome == KD_LCP_SOLVED);
    ck_assert(fmpz_equal_si(fmpq_numref(V(&res->z, 0)), 4) && fmpz_equal_si(fmpq_denref(V(&res->z, 0)), 3));
    ck_assert(fmpz_equal_si(fmpq_numref(V(&res->z, 1)), 7) && fmpz_equal_si(fmpq_denref(V(&res->z, 1)), 3));
    /* q = (5, 0) >= 0: z = 0 without a pivot */
    fmpq_set_si(V(q, 0), 5, 1);
    fmpq_zero(V(q, 1));
    kd_assert_ok(kd_lcp_solve(res, M, q));
    ck_assert(res->outcome == KD_LCP_SOLVED && res->pivots == 0 && is_zero_vec(&res->z));
    /* M = [1 -1; -1 1], q = (-1, -1): z1 - z2 >= 1 and z2 - z1 >= 1 clash */
    fmpq_set_si(E(M, 0, 1), -1, 1);
    fmpq_set_si(E(M, 1, 0), -1, 1);
    fmpq_set_si(E(M, 0, 0), 1, 1);
    fmpq_set_si(E(M, 1, 1), 1, 1);
    fmpq_set_si(V(q, 0), -1, 1);
    fmpq_set_si(V(q, 1), -1, 1);
    kd_assert_ok(kd_lcp_solve(res, M, q));
    check_lcp(res, M, q, 0, "infeasible 2 x 2");
    ck_assert(res->outcome == KD_LCP_INFEASIBLE);
    /* n = 0 */
    fmpq_mat_clear(M);
    fmpq_mat_clear(q);
    fmpq_mat_init(M, 0, 0);
    fmpq_mat_init(q, 0, 1);
    kd_assert_ok(kd_lcp_solve(res, M, q));
    ck_assert(res->outcome == KD_LCP_SOLVED);

    kd_lcp_result_clear(res);
    fmpq_mat_clear(M);
    fmpq_mat_clear(q);
}
END_TEST

/* P2 optimality checked directly: g = 2 A^T (y - A x) equals
   lambda w_j sign(x_j) on the support and |g_j| <= lambda w_j off it. */
static void
check_p2(const fmpq_mat_t x, const fmpq_mat_t A, const fmpq_mat_t y, const fmpq_mat_t w,
         const fmpq_t lambda, ulong seed)
{
    slong j, N = fmpq_mat_ncols(A);
    fmpq_mat_t r, g;
    fmpq_t lw, t;
    fmpq_mat_init(r, 0, 1);
    fmpq_mat_init(g, 0, 1);
    fmpq_init(lw);
    fmpq_init(t);
    ck_assert_msg(fmpq_mat_nrows(x) == N && fmpq_mat_ncols(x) == 1, "P2: x size (seed %lu)", seed);
    matvec(r, A, x);
    fmpq_mat_sub(r, y, r);
    matTvec(g, A, r);
    for (j = 0; j < N; j++)
    {
        fmpq_mul_2exp(V(g, j), V(g, j), 1);
        fmpq_set(lw, lambda);
        if (w != NULL)
            fmpq_mul(lw, lw, V(w, j));
        if (fmpq_is_zero(V(x, j)))
        {
            fmpq_abs(t, V(g, j));
            ck_assert_msg(fmpq_cmp(t, lw) <= 0, "P2: |g_%ld| > lambda w (seed %lu)", j, seed);
        }
        else
        {
            if (fmpq_sgn(V(x, j)) < 0)
                fmpq_neg(lw, lw);
            ck_assert_msg(fmpq_equal(V(g, j), lw), "P2: g_%ld != lambda w sign (seed %lu)", j, seed);
        }
    }
    fmpq_mat_clear(r);
    fmpq_mat_clear(g);
    fmpq_clear(lw);
    fmpq_clear(t);
}

START_TEST(p2_random)
{
    flint_rand_t st;
    ulong seed = kd_test_seed(1100 + _i);
    slong m, N, i;
    int weighted = _i % 2;
    fmpq_mat_t A, y, w, x;
    fmpq_t lam;

    kd_test_randinit(st, 1100 + _i);
    m = 1 + n_randint(st, 5);
    N = 1 + n_randint(st, 8);
    fmpq_mat_init(A, m, N);
    fmpq_mat_init(y, m, 1);
    fmpq_mat_init(w, N, 1);
    fmpq_mat_init(x, 0, 1);
    fmpq_init(lam);
    kd_test_rand_fmpq_mat(A, st, 9, 3);
    if (_i % 4 == 3 && N > 1)   /* a duplicated column: many minimisers */
        for (i = 0; i < m; i++)
            fmpq_set(E(A, i, 1), E(A, i, 0));
    kd_test_rand_fmpq_mat(y, st, 9, 2);
    for (i = 0; i < N; i++)
        fmpq_set_si(V(w, i), 1 + n_randint(st, 4), 1 + n_randint(st, 3));
    fmpq_set_si(lam, 1 + n_randint(st, 40), 1 + n_randint(st, 8));
    kd_assert_ok(kd_p2_solve_lcp(x, A, y, weighted ? w : NULL, lam));
    check_p2(x, A, y, weighted ? w : NULL, lam, seed);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    fmpq_mat_clear(w);
    fmpq_mat_clear(x);
    fmpq_clear(lam);
    flint_randclear(st);
}
END_TEST

/* theory.md §4: m = 1, N = 2, A = (a1, a2), y = 1, a1 > a2 > lambda / 2:
   x = ((1 - lambda / (2 a1)) / a1, 0). */
START_TEST(p2_closed_form)
{
    fmpq_mat_t A, y, x;
    fmpq_t lam, e, t;
    slong a2n = 3 + _i, k = 10 + 5 * _i;
    fmpq_mat_init(A, 1, 2);
    fmpq_mat_init(y, 1, 1);
    fmpq_mat_init(x, 0, 1);
    fmpq_init(lam);
    fmpq_init(e);
    fmpq_init(t);
    /* a2 = a2n / 2, a1 = a2 + 2^-k: a tiny gap */
    fmpq_set_si(E(A, 0, 1), a2n, 2);
    fmpz_one(fmpq_numref(t));
    fmpz_mul_2exp(fmpq_denref(t), fmpq_numref(t), k);
    fmpq_add(E(A, 0, 0), E(A, 0, 1), t);
    fmpq_one(V(y, 0));
    fmpq_set_si(lam, 1, 1 + _i);
    kd_assert_ok(kd_p2_solve_lcp(x, A, y, NULL, lam));
    check_p2(x, A, y, NULL, lam, 0);
    /* e = (1 - lambda / (2 a1)) / a1 */
    fmpq_div(e, lam, E(A, 0, 0));
    fmpq_div_2exp(e, e, 1);
    fmpq_sub_si(e, e, 1);
    fmpq_neg(e, e);
    fmpq_div(e, e, E(A, 0, 0));
    ck_assert_msg(fmpq_equal(V(x, 0), e) && fmpq_is_zero(V(x, 1)), "P2 closed form, case %d", _i);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    fmpq_mat_clear(x);
    fmpq_clear(lam);
    fmpq_clear(e);
    fmpq_clear(t);
}
END_TEST

/* ------------------------------------------------------------- projection */

/* dist2 == ||p - xhat||^2 and p in F, by the test's own arithmetic */
static void
check_proj_basic(const fmpq_mat_t p, const fmpq_t dist2, const kd_face_t F,
                 const fmpq_mat_t xhat, ulong seed)
{
    slong j, i;
    fmpq_t s, t;
    fmpq_init(s);
    fmpq_init(t);
    for (j = 0; j < fmpq_mat_nrows(xhat); j++)
    {
        fmpq_sub(t, V(p, j), V(xhat, j));
        fmpq_addmul(s, t, t);
    }
    ck_assert_msg(fmpq_equal(s, dist2), "projection: dist2 != ||p - xhat||^2 (seed %lu)", seed);
    /* membership by hand */
    for (j = 0, i = 0; j < F->N; j++)
        if (i < F->len && F->E[i] == j)
        {
            ck_assert_msg(fmpq_sgn(V(p, j)) * F->sign[i] >= 0, "projection: sign (seed %lu)", seed);
            i++;
        }
        else
            ck_assert_msg(fmpq_is_zero(V(p, j)), "projection: nonzero off E (seed %lu)", seed);
    for (i = 0; i < fmpq_mat_nrows(&F->C); i++)
    {
        fmpq_zero(s);
        for (j = 0; j < F->len; j++)
            fmpq_addmul(s, E(&F->C, i, j), V(p, F->E[j]));
        ck_assert_msg(fmpq_equal(s, V(&F->d, i)), "projection: C x_E != d (seed %lu)", seed);
    }
    fmpq_clear(s);
    fmpq_clear(t);
}

/* Orthants (no equations): p_j = s_j max(s_j xhat_j, 0) on E, 0 off E. */
START_TEST(proj_orthant)
{
    flint_rand_t st;
    ulong seed = kd_test_seed(1200 + _i);
    slong N, len = 0, j;
    slong * Ei;
    int * sg;
    fmpq_mat_t C, d, xhat, p, expect;
    fmpq_t dist2, ed, t;
    kd_face_t F;

    kd_test_randinit(st, 1200 + _i);
    N = 1 + n_randint(st, 10);
    Ei = flint_malloc(N * sizeof(slong));
    sg = flint_malloc(N * sizeof(int));
    fmpq_mat_init(xhat, N, 1);
    fmpq_mat_init(p, 0, 1);
    fmpq_mat_init(expect, N, 1);
    fmpq_init(dist2);
    fmpq_init(ed);
    fmpq_init(t);
    kd_face_init(F);
    kd_test_rand_fmpq_mat(xhat, st, 20, 7);
    for (j = 0; j < N; j++)
    {
        if (n_randint(st, 4) != 0)
        {
            Ei[len] = j;
            sg[len] = n_randint(st, 2) ? 1 : -1;
            fmpq_mul_si(t, V(xhat, j), sg[len]);
            if (fmpq_sgn(t) > 0)
                fmpq_set(V(expect, j), V(xhat, j));
            len++;
        }
        fmpq_sub(t, V(expect, j), V(xhat, j));
        fmpq_addmul(ed, t, t);
    }
    fmpq_mat_init(C, 0, len);
    fmpq_mat_init(d, 0, 1);
    kd_assert_ok(kd_face_set(F, N, Ei, sg, len, C, d));
    kd_assert_ok(kd_face_project(p, dist2, F, xhat));
    ck_assert_msg(fmpq_mat_equal(p, expect), "orthant projection wrong (seed %lu)", seed);
    ck_assert_msg(fmpq_equal(dist2, ed), "orthant distance wrong (seed %lu)", seed);
    check_proj_basic(p, dist2, F, xhat, seed);
    /* aliasing p = xhat */
    kd_assert_ok(kd_face_project(xhat, dist2, F, xhat));
    ck_assert_msg(fmpq_mat_equal(xhat, expect), "aliased projection wrong (seed %lu)", seed);

    kd_face_clear(F);
    flint_free(Ei);
    flint_free(sg);
    fmpq_mat_clear(C);
    fmpq_mat_clear(d);
    fmpq_mat_clear(xhat);
    fmpq_mat_clear(p);
    fmpq_mat_clear(expect);
    fmpq_clear(dist2);
    fmpq_clear(ed);
    fmpq_clear(t);
    flint_randclear(st);
}
END_TEST

/* A segment: N = 4, E = {1, 3}, z = s * x_E with z1 + z3 = c (given as
   r s1 x1 + r s3 x3 = r c, plus the same row doubled): projection onto the
   line, clamped at the ends. */
START_TEST(proj_segment)
{
    flint_rand_t st;
    ulong seed = kd_test_seed(1300 + _i);
    slong Ei[2] = { 1, 3 };
    int sg[2];
    slong j;
    fmpq_mat_t C, d, xhat, p, expect;
    fmpq_t r, c, z1, z3, h, dist2, ed, t;
    kd_face_t F;

    kd_test_randinit(st, 1300 + _i);
    fmpq_mat_init(C, 2, 2);
    fmpq_mat_init(d, 2, 1);
    fmpq_mat_init(xhat, 4, 1);
    fmpq_mat_init(p, 0, 1);
    fmpq_mat_init(expect, 4, 1);
    fmpq_init(r);
    fmpq_init(c);
    fmpq_init(z1);
    fmpq_init(z3);
    fmpq_init(h);
    fmpq_init(dist2);
    fmpq_init(ed);
    fmpq_init(t);
    kd_face_init(F);
    sg[0] = n_randint(st, 2) ? 1 : -1;
    sg[1] = n_randint(st, 2) ? 1 : -1;
    do
        kd_test_rand_fmpq(r, st, 5, 3);
    while (fmpq_is_zero(r));
    fmpq_set_si(c, 1 + n_randint(st, 5), 1 + n_randint(st, 3));
    fmpq_mul_si(E(C, 0, 0), r, sg[0]);
    fmpq_mul_si(E(C, 0, 1), r, sg[1]);
    fmpq_mul(V(d, 0), r, c);
    fmpq_mul_2exp(E(C, 1, 0), E(C, 0, 0), 1);
    fmpq_mul_2exp(E(C, 1, 1), E(C, 0, 1), 1);
    fmpq_mul_2exp(V(d, 1), V(d, 0), 1);
    kd_assert_ok(kd_face_set(F, 4, Ei, sg, 2, C, d));
    kd_test_rand_fmpq_mat(xhat, st, 12, 4);

    /* zhat = s * xhat_E; t = zhat + h (1, 1) with h = (c - z1 - z3) / 2 */
    fmpq_mul_si(z1, V(xhat, 1), sg[0]);
    fmpq_mul_si(z3, V(xhat, 3), sg[1]);
    fmpq_sub(h, c, z1);
    fmpq_sub(h, h, z3);
    fmpq_div_2exp(h, h, 1);
    fmpq_add(z1, z1, h);
    fmpq_add(z3, z3, h);
    if (fmpq_sgn(z1) < 0)
    {
        fmpq_zero(z1);
        fmpq_set(z3, c);
    }
    else if (fmpq_sgn(z3) < 0)
    {
        fmpq_set(z1, c);
        fmpq_zero(z3);
    }
    fmpq_mul_si(V(expect, 1), z1, sg[0]);
    fmpq_mul_si(V(expect, 3), z3, sg[1]);
    for (j = 0; j < 4; j++)
    {
        fmpq_sub(t, V(expect, j), V(xhat, j));
        fmpq_addmul(ed, t, t);
    }
    kd_assert_ok(kd_face_project(p, dist2, F, xhat));
    ck_assert_msg(fmpq_mat_equal(p, expect), "segment projection wrong (seed %lu)", seed);
    ck_assert_msg(fmpq_equal(dist2, ed), "segment distance wrong (seed %lu)", seed);
    check_proj_basic(p, dist2, F, xhat, seed);

    kd_face_clear(F);
    fmpq_mat_clear(C);
    fmpq_mat_clear(d);
    fmpq_mat_clear(xhat);
    fmpq_mat_clear(p);
    fmpq_mat_clear(expect);
    fmpq_clear(r);
    fmpq_clear(c);
    fmpq_clear(z1);
    fmpq_clear(z3);
    fmpq_clear(h);
    fmpq_clear(dist2);
    fmpq_clear(ed);
    fmpq_clear(t);
    flint_randclear(st);
}
END_TEST

/* Random bounded faces (the first equation has positive coefficients in
   z = s * x_E) against their vertices, enumerated by brute force: p is the
   projection iff p is in F and (xhat - p)^T (q - p) <= 0 for every vertex
   q (F is their convex hull, and the inequality is linear in q). */
START_TEST(proj_random)
{
    flint_rand_t st;
    ulong seed = kd_test_seed(1400 + _i);
    slong N, L, k, i, j, S[3], nv = 0;
    slong Ei[8];
    int sg[8];
    fmpq_mat_t C, G, d, z0, xhat, p, Bs, zs, q;
    fmpq_t dist2, s, t;
    kd_face_t F;

    kd_test_randinit(st, 1400 + _i);
    L = 2 + n_randint(st, 4);
    N = L + n_randint(st, 3);
    k = 1 + n_randint(st, FLINT_MIN(L - 1, 2));
    fmpq_mat_init(C, k, L);
    fmpq_mat_init(G, k, L);
    fmpq_mat_init(d, k, 1);
    fmpq_mat_init(z0, L, 1);
    fmpq_mat_init(xhat, N, 1);
    fmpq_mat_init(p, 0, 1);
    fmpq_mat_init(Bs, k, k);
    fmpq_mat_init(zs, k, 1);
    fmpq_mat_init(q, N, 1);
    fmpq_init(dist2);
    fmpq_init(s);
    fmpq_init(t);
    kd_face_init(F);
    /* E: L increasing indices out of N */
    for (i = 0, j = 0; j < N && i < L; j++)
        if (N - j <= L - i || n_randint(st, 2))
        {
            Ei[i] = j;
            sg[i] = n_randint(st, 2) ? 1 : -1;
            i++;
        }
    do
    {
        kd_test_rand_fmpq_mat(G, st, 6, 2);
        for (j = 0; j < L; j++)
            fmpq_set_si(E(G, 0, j), 1 + n_randint(st, 4), 1);
    }
    while (rank_of(G) < k);
    for (j = 0; j < L; j++)
        if (n_randint(st, 2))
            fmpq_set_si(V(z0, j), n_randint(st, 5), 1 + n_randint(st, 2));
    matvec(d, G, z0);
    for (i = 0; i < k; i++)
        for (j = 0; j < L; j++)
            fmpq_mul_si(E(C, i, j), E(G, i, j), sg[j]);
    kd_assert_ok(kd_face_set(F, N, Ei, sg, L, C, d));
    kd_test_rand_fmpq_mat(xhat, st, 10, 3);
    kd_assert_ok(kd_face_project(p, dist2, F, xhat));
    check_proj_basic(p, dist2, F, xhat, seed);

    for (i = 0; i < k; i++)
        S[i] = i;
    do
    {
        for (i = 0; i < k; i++)
            for (j = 0; j < k; j++)
                fmpq_set(E(Bs, i, j), E(G, i, S[j]));
        if (!fmpq_mat_solve_fraction_free(zs, Bs, d) || !nonneg(zs))
            continue;
        nv++;
        fmpq_mat_zero(q);
        for (j = 0; j < k; j++)
            fmpq_mul_si(V(q, Ei[S[j]]), V(zs, j), sg[S[j]]);
        fmpq_zero(s);
        for (j = 0; j < N; j++)
        {
            fmpq_sub(t, V(xhat, j), V(p, j));
            fmpq_sub(dist2, V(q, j), V(p, j));
            fmpq_addmul(s, t, dist2);
        }
        ck_assert_msg(fmpq_sgn(s) <= 0, "projection not optimal against a vertex (seed %lu)", seed);
    }
    while (next_subset(S, k, L));
    ck_assert_msg(nv > 0, "no vertex found (seed %lu)", seed);

    kd_face_clear(F);
    fmpq_mat_clear(C);
    fmpq_mat_clear(G);
    fmpq_mat_clear(d);
    fmpq_mat_clear(z0);
    fmpq_mat_clear(xhat);
    fmpq_mat_clear(p);
    fmpq_mat_clear(Bs);
    fmpq_mat_clear(zs);
    fmpq_mat_clear(q);
    fmpq_clear(dist2);
    fmpq_clear(s);
    fmpq_clear(t);
    flint_randclear(st);
}
END_TEST

/* Empty faces are a domain error, for both reasons. */
START_TEST(proj_empty)
{
    slong Ei[2] = { 0, 1 };
    int sg[2] = { 1, 1 };
    fmpq_mat_t C, d, xhat, p;
    fmpq_t dist2;
    kd_face_t F;
    fmpq_mat_init(C, 2, 2);
    fmpq_mat_init(d, 2, 1);
    fmpq_mat_init(xhat, 2, 1);
    fmpq_mat_init(p, 0, 1);
    fmpq_init(dist2);
    kd_face_init(F);
    /* x0 + x1 = 1 and 2 x0 + 2 x1 = 3: inconsistent */
    fmpq_one(E(C, 0, 0));
    fmpq_one(E(C, 0, 1));
    fmpq_set_si(E(C, 1, 0), 2, 1);
    fmpq_set_si(E(C, 1, 1), 2, 1);
    fmpq_one(V(d, 0));
    fmpq_set_si(V(d, 1), 3, 1);
    kd_assert_ok(kd_face_set(F, 2, Ei, sg, 2, C, d));
    kd_error_clear();
    ck_assert_int_eq(kd_face_project(p, dist2, F, xhat), KD_ERR_DOMAIN);
    ck_assert(strstr(kd_error_message(), "empty") != NULL);
    /* x0 + x1 = -1 with x >= 0 */
    fmpq_set_si(V(d, 0), -1, 1);
    fmpq_set_si(V(d, 1), -2, 1);
    kd_assert_ok(kd_face_set(F, 2, Ei, sg, 2, C, d));
    kd_error_clear();
    ck_assert_int_eq(kd_face_project(p, dist2, F, xhat), KD_ERR_DOMAIN);
    ck_assert(strstr(kd_error_message(), "empty") != NULL);
    /* the same with x1 <= 0 allowed is fine: (0, -1) is nearest to 0 */
    sg[1] = -1;
    kd_assert_ok(kd_face_set(F, 2, Ei, sg, 2, C, d));
    kd_assert_ok(kd_face_project(p, dist2, F, xhat));
    check_proj_basic(p, dist2, F, xhat, 0);
    ck_assert(fmpq_is_zero(V(p, 0)) && fmpq_equal_si(V(p, 1), -1) && fmpq_equal_si(dist2, 1));
    kd_face_clear(F);
    fmpq_mat_clear(C);
    fmpq_mat_clear(d);
    fmpq_mat_clear(xhat);
    fmpq_mat_clear(p);
    fmpq_clear(dist2);
}
END_TEST

/* Medium-sized LPs with large entries (multi-limb determinants): feasible
   and bounded by construction, every method. */
START_TEST(lp_medium)
{
    flint_rand_t st;
    ulong seed = kd_test_seed(1500 + _i);
    slong m, n, j, k;
    fmpq_mat_t A, b, c, x0, y0;
    fmpq_t t;
    kd_lp_result_t res;

    kd_test_randinit(st, 1500 + _i);
    m = 12 + n_randint(st, 10);
    n = 2 * m + n_randint(st, 10);
    fmpq_mat_init(A, m, n);
    fmpq_mat_init(b, m, 1);
    fmpq_mat_init(c, n, 1);
    fmpq_mat_init(x0, n, 1);
    fmpq_mat_init(y0, m, 1);
    fmpq_init(t);
    kd_lp_result_init(res);
    kd_test_rand_fmpq_mat(A, st, WORD(1) << 40, 1000);
    for (j = 0; j < n; j++)
        if (n_randint(st, 4) == 0)
        {
            kd_test_rand_fmpq(V(x0, j), st, 1000, 7);
            fmpq_abs(V(x0, j), V(x0, j));
        }
    matvec(b, A, x0);
    if (_i % 2)
        kd_test_rand_fmpq_mat(y0, st, 100, 3);
    matTvec(c, A, y0);
    for (j = 0; j < n; j++)
    {
        kd_test_rand_fmpq(t, st, WORD(1) << 20, 5);
        fmpq_abs(t, t);
        fmpq_add(V(c, j), V(c, j), t);
    }
    for (k = 0; k < NUM_RULES; k++)
    {
        if (rules[k] == KD_LP_PRIMAL_BLAND)
            continue;   /* too slow at this size, and covered above */
        if (!lp_solve_checked(res, A, b, c, rules[k]))
            continue;
        ck_assert_msg(res->outcome == KD_LP_OPTIMAL, "outcome %d (seed %lu)", res->outcome, seed);
        check_lp_cert(res, A, b, c, seed, "medium LP");
    }
    kd_lp_result_clear(res);
    fmpq_mat_clear(A);
    fmpq_mat_clear(b);
    fmpq_mat_clear(c);
    fmpq_mat_clear(x0);
    fmpq_mat_clear(y0);
    fmpq_clear(t);
    flint_randclear(st);
}
END_TEST

/* kd_lp_result_check must reject every tampered certificate. */
START_TEST(lp_check_rejects)
{
    fmpq_mat_t A, b, c;
    kd_lp_result_t res;
    fmpq_mat_init(A, 2, 3);
    fmpq_mat_init(b, 2, 1);
    fmpq_mat_init(c, 3, 1);
    kd_lp_result_init(res);
    /* min x0 + 2 x1 + 3 x2, x0 + x1 + x2 = 1, x1 - x2 = 0 */
    fmpq_one(E(A, 0, 0));
    fmpq_one(E(A, 0, 1));
    fmpq_one(E(A, 0, 2));
    fmpq_one(E(A, 1, 1));
    fmpq_set_si(E(A, 1, 2), -1, 1);
    fmpq_one(V(b, 0));
    fmpq_set_si(V(c, 0), 1, 1);
    fmpq_set_si(V(c, 1), 2, 1);
    fmpq_set_si(V(c, 2), 3, 1);
    kd_assert_ok(kd_lp_solve(res, A, b, c));
    ck_assert(res->outcome == KD_LP_OPTIMAL && fmpq_is_one(&res->value));
    kd_assert_ok(kd_lp_result_check(res, A, b, c));
    /* a dual that is not feasible */
    fmpq_add_ui(V(&res->y, 0), V(&res->y, 0), 1);
    ck_assert_int_eq(kd_lp_result_check(res, A, b, c), KD_ERR_UNDECIDED);
    fmpq_sub_ui(V(&res->y, 0), V(&res->y, 0), 1);
    /* a wrong value */
    fmpq_set_si(&res->value, 1, 2);
    ck_assert_int_eq(kd_lp_result_check(res, A, b, c), KD_ERR_UNDECIDED);
    fmpq_one(&res->value);
    /* an infeasible x */
    fmpq_set_si(V(&res->x, 0), 2, 1);
    ck_assert_int_eq(kd_lp_result_check(res, A, b, c), KD_ERR_UNDECIDED);
    fmpq_one(V(&res->x, 0));
    kd_assert_ok(kd_lp_result_check(res, A, b, c));
    /* claiming infeasibility with this y, or unboundedness without a ray */
    res->outcome = KD_LP_INFEASIBLE;
    ck_assert_int_eq(kd_lp_result_check(res, A, b, c), KD_ERR_UNDECIDED);
    res->outcome = KD_LP_UNBOUNDED;
    ck_assert_int_eq(kd_lp_result_check(res, A, b, c), KD_ERR_UNDECIDED);
    fmpq_mat_clear(&res->ray);
    fmpq_mat_init(&res->ray, 3, 1);
    fmpq_one(V(&res->ray, 0));
    ck_assert_int_eq(kd_lp_result_check(res, A, b, c), KD_ERR_UNDECIDED);   /* A d != 0 */
    /* sizes */
    ck_assert_int_eq(kd_lp_result_check(res, A, c, c), KD_ERR_SIZE);
    kd_lp_result_clear(res);
    fmpq_mat_clear(A);
    fmpq_mat_clear(b);
    fmpq_mat_clear(c);
}
END_TEST

/* Larger planted BP instances with big entries: the planted solution is
   found and proved unique. */
START_TEST(bp_medium)
{
    flint_rand_t st;
    ulong seed = kd_test_seed(1600 + _i);
    slong m, N, s, i, j, k;
    fmpq_mat_t A, y, x0, v, AS;
    fmpq_t vv, g, tgt, t;
    kd_bp_result_t res;

    kd_test_randinit(st, 1600 + _i);
    m = 20 + n_randint(st, 10);
    N = 2 * m;
    s = m / 4;
    fmpq_mat_init(A, m, N);
    fmpq_mat_init(y, m, 1);
    fmpq_mat_init(x0, N, 1);
    fmpq_mat_init(v, m, 1);
    fmpq_mat_init(AS, m, s);
    fmpq_init(vv);
    fmpq_init(g);
    fmpq_init(tgt);
    fmpq_init(t);
    kd_bp_result_init(res);
    kd_test_rand_fmpq_mat(A, st, 1000, 1);
    do
        kd_test_rand_fmpq_mat(v, st, 30, 1);
    while (is_zero_vec(v));
    dot(vv, v, v);
    for (k = 0; k < s; k++)     /* support 0, 2, 4, ... */
        kd_test_rand_fmpq(V(x0, 2 * k), st, 50, 9), fmpq_add_ui(V(x0, 2 * k), V(x0, 2 * k), 51);
    for (j = 0; j < N; j++)
    {
        if (j % 2 == 0 && j < 2 * s)
            fmpq_one(tgt);
        else
            fmpq_set_si(tgt, (slong) n_randint(st, 199) - 99, 100);
        fmpq_zero(g);
        for (i = 0; i < m; i++)
            fmpq_addmul(g, E(A, i, j), V(v, i));
        fmpq_sub(t, g, tgt);
        fmpq_div(t, t, vv);
        for (i = 0; i < m; i++)
            fmpq_submul(E(A, i, j), t, V(v, i));
    }
    for (k = 0; k < s; k++)
        for (i = 0; i < m; i++)
            fmpq_set(E(AS, i, k), E(A, i, 2 * k));
    ck_assert_msg(rank_of(AS) == s, "degenerate draw (seed %lu)", seed);
    matvec(y, A, x0);
    kd_assert_ok(kd_bp_solve_exact(res, A, y, NULL));
    check_bp(res, A, y, NULL, seed, "medium planted");
    ck_assert_msg(fmpq_mat_equal(&res->x, x0), "planted solution not found (seed %lu)", seed);
    ck_assert_msg(res->unique == KD_TRUE, "not proved unique (seed %lu)", seed);
    kd_bp_result_clear(res);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    fmpq_mat_clear(x0);
    fmpq_mat_clear(v);
    fmpq_mat_clear(AS);
    fmpq_clear(vv);
    fmpq_clear(g);
    fmpq_clear(tgt);
    fmpq_clear(t);
    flint_randclear(st);
}
END_TEST

/* Arbitrary M (not copositive-plus): whatever Lemke's method reports must
   carry its certificate; for P-matrices (here: positive diagonal strictly
   dominating each row) it always finds the unique solution. */
START_TEST(lcp_general)
{
    flint_rand_t st;
    ulong seed = kd_test_seed(1700 + _i);
    slong n, i, j;
    fmpq_mat_t M, q;
    fmpq_t rs, t;
    kd_lcp_result_t res;
    int pmat = _i % 2;

    kd_test_randinit(st, 1700 + _i);
    n = 1 + n_randint(st, 8);
    fmpq_mat_init(M, n, n);
    fmpq_mat_init(q, n, 1);
    fmpq_init(rs);
    fmpq_init(t);
    kd_lcp_result_init(res);
    kd_test_rand_fmpq_mat(M, st, 6, 2);
    kd_test_rand_fmpq_mat(q, st, 9, 2);
    if (pmat)
        for (i = 0; i < n; i++)
        {
            fmpq_zero(rs);
            for (j = 0; j < n; j++)
                if (j != i)
                {
                    fmpq_abs(t, E(M, i, j));
                    fmpq_add(rs, rs, t);
                }
            fmpq_add_ui(E(M, i, i), rs, 1 + n_randint(st, 3));
        }
    kd_assert_ok(kd_lcp_solve(res, M, q));
    if (res->outcome != KD_LCP_RAY)
        check_lcp(res, M, q, seed, "general LCP");
    if (pmat)
        ck_assert_msg(res->outcome == KD_LCP_SOLVED, "P-matrix LCP not solved (seed %lu)", seed);
    kd_lcp_result_clear(res);
    fmpq_mat_clear(M);
    fmpq_mat_clear(q);
    fmpq_clear(rs);
    fmpq_clear(t);
    flint_randclear(st);
}
END_TEST

/* ------------------------------------------------------------- error paths */

START_TEST(errors)
{
    fmpq_mat_t A, b, c, w, M;
    fmpq_t lam;
    kd_lp_result_t lp;
    kd_bp_result_t bp;
    kd_lcp_result_t lcp;
    kd_face_t F;
    slong E[2] = { 1, 1 };
    int sg[2] = { 1, 2 };

    fmpq_mat_init(A, 2, 3);
    fmpq_mat_init(b, 3, 1);
    fmpq_mat_init(c, 3, 1);
    fmpq_mat_init(w, 3, 1);
    fmpq_mat_init(M, 2, 3);
    fmpq_init(lam);
    kd_lp_result_init(lp);
    kd_bp_result_init(bp);
    kd_lcp_result_init(lcp);
    kd_face_init(F);

    kd_error_clear();
    ck_assert_int_eq(kd_lp_solve(lp, A, b, c), KD_ERR_SIZE);
    ck_assert(strlen(kd_error_message()) > 0);
    ck_assert_int_eq(kd_lp_solve_method(lp, A, c, c, (kd_lp_method) 7), KD_ERR_SIZE);
    ck_assert_int_eq(kd_bp_solve_exact(bp, A, b, NULL), KD_ERR_SIZE);
    fmpq_mat_clear(b);
    fmpq_mat_init(b, 2, 1);
    ck_assert_int_eq(kd_lp_solve_method(lp, A, b, c, (kd_lp_method) 7), KD_ERR_ARG);
    fmpq_one(V(w, 0));
    fmpq_one(V(w, 1));
    kd_error_clear();
    ck_assert_int_eq(kd_bp_solve_exact(bp, A, b, w), KD_ERR_ARG);   /* w_2 = 0 */
    ck_assert(strstr(kd_error_message(), "w[2]") != NULL);
    fmpq_set_si(V(w, 2), -1, 2);
    ck_assert_int_eq(kd_bp_solve_exact(bp, A, b, w), KD_ERR_ARG);
    ck_assert_int_eq(kd_bp_solve_exact(bp, A, b, b), KD_ERR_SIZE);
    /* infeasible BP: the domain error */
    fmpq_one(E(A, 0, 0));
    fmpq_one(E(A, 1, 0));
    fmpq_one(V(b, 0));
    kd_error_clear();
    ck_assert_int_eq(kd_bp_solve_exact(bp, A, b, NULL), KD_ERR_DOMAIN);
    ck_assert(strstr(kd_error_message(), "infeasible") != NULL);

    /* P2 */
    fmpq_one(lam);
    ck_assert_int_eq(kd_p2_solve_lcp(c, A, c, NULL, lam), KD_ERR_SIZE);
    ck_assert_int_eq(kd_p2_solve_lcp(c, A, b, b, lam), KD_ERR_SIZE);
    fmpq_zero(lam);
    kd_error_clear();
    ck_assert_int_eq(kd_p2_solve_lcp(c, A, b, NULL, lam), KD_ERR_ARG);
    ck_assert(strstr(kd_error_message(), "lambda") != NULL);
    fmpq_set_si(lam, -1, 3);
    ck_assert_int_eq(kd_p2_solve_lcp(c, A, b, NULL, lam), KD_ERR_ARG);
    fmpq_one(lam);
    ck_assert_int_eq(kd_p2_solve_lcp(c, A, b, w, lam), KD_ERR_ARG);

    /* LCP */
    ck_assert_int_eq(kd_lcp_solve(lcp, M, b), KD_ERR_SIZE);
    ck_assert_int_eq(kd_lcp_solve(lcp, A, c), KD_ERR_SIZE);

    /* faces */
    ck_assert_int_eq(kd_face_set(F, 3, E, sg, 2, M, b), KD_ERR_ARG);   /* E not increasing */
    E[0] = 0;
    ck_assert_int_eq(kd_face_set(F, 3, E, sg, 2, M, b), KD_ERR_ARG);   /* sign 2 */
    sg[1] = -1;
    ck_assert_int_eq(kd_face_set(F, 3, E, sg, 2, M, b), KD_ERR_SIZE);  /* C is 2 x 3 */
    E[1] = 3;
    ck_assert_int_eq(kd_face_set(F, 3, E, sg, 2, M, b), KD_ERR_ARG);   /* E out of range */
    E[1] = 2;
    ck_assert_int_eq(kd_face_set(F, 3, E, sg, 2, A, b), KD_ERR_SIZE);
    ck_assert_int_eq(kd_face_project(c, lam, F, b), KD_ERR_SIZE);

    kd_lp_result_clear(lp);
    kd_bp_result_clear(bp);
    kd_lcp_result_clear(lcp);
    kd_face_clear(F);
    fmpq_mat_clear(A);
    fmpq_mat_clear(b);
    fmpq_mat_clear(c);
    fmpq_mat_clear(w);
    fmpq_mat_clear(M);
    fmpq_clear(lam);
}
END_TEST

Suite *
kd_suite_lp(void)
{
    Suite * s = suite_create("lp");
    TCase * tc;

    tc = tcase_create("lp");
    tcase_add_loop_test(tc, lp_random_optimal, 0, 60);
    tcase_add_loop_test(tc, lp_infeasible, 0, 30);
    tcase_add_loop_test(tc, lp_unbounded, 0, 30);
    tcase_add_test(tc, lp_beale);
    tcase_add_loop_test(tc, lp_degenerate, 0, 40);
    tcase_add_loop_test(tc, lp_bruteforce, 0, 60);
    tcase_add_test(tc, lp_edge);
    tcase_add_loop_test(tc, lp_medium, 0, 4);
    tcase_add_test(tc, lp_check_rejects);
    suite_add_tcase(s, tc);

    tc = tcase_create("bp");
    tcase_add_loop_test(tc, bp_closed_form, 0, 11);
    tcase_add_loop_test(tc, bp_planted_unique, 0, 30);
    tcase_add_loop_test(tc, bp_duplicated, 0, 20);
    tcase_add_loop_test(tc, bp_bruteforce, 0, 60);
    tcase_add_loop_test(tc, bp_medium, 0, 3);
    tcase_add_test(tc, bp_edge);
    suite_add_tcase(s, tc);

    tc = tcase_create("face");
    tcase_add_test(tc, face_is_point);
    tcase_add_loop_test(tc, proj_orthant, 0, 20);
    tcase_add_loop_test(tc, proj_segment, 0, 30);
    tcase_add_loop_test(tc, proj_random, 0, 40);
    tcase_add_test(tc, proj_empty);
    suite_add_tcase(s, tc);

    tc = tcase_create("lcp");
    tcase_add_loop_test(tc, lcp_psd, 0, 60);
    tcase_add_loop_test(tc, lcp_degenerate, 0, 30);
    tcase_add_test(tc, lcp_small);
    tcase_add_loop_test(tc, lcp_general, 0, 40);
    tcase_add_loop_test(tc, p2_random, 0, 40);
    tcase_add_loop_test(tc, p2_closed_form, 0, 6);
    suite_add_tcase(s, tc);

    tc = tcase_create("errors");
    tcase_add_test(tc, errors);
    suite_add_tcase(s, tc);
    return s;
}
