/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for the path module: the exact P2 path and solutions against
   exact KKT conditions written here (independently of the library), closed
   forms (orthogonal designs, the LASSO probe, the theory.md §4 gadget),
   degenerate instances (ties, duplicated columns, simultaneous drops), the
   basis-pursuit limit with a dual certificate built here, and P3/P1
   solutions checked in certified ball arithmetic. */
#include <string.h>
#include "testutil.h"
#include "kdigits/path.h"

#define PREC 512

/* ------------------------------------------------------------- helpers */

static void
rand_weights(fmpq_mat_t w, flint_rand_t st)
{
    static const slong num[] = { 1, 1, 3, 2, 3, 5 }, den[] = { 2, 1, 2, 1, 1, 4 };
    slong j;
    for (j = 0; j < fmpq_mat_nrows(w); j++)
    {
        ulong k = n_randint(st, 6);
        fmpq_set_si(fmpq_mat_entry(w, j, 0), num[k], den[k]);
    }
}

/* M (r x c) from integers v (row-major) divided by den. */
static void
set_mat(fmpq_mat_t M, const slong * v, slong den)
{
    slong i, j, k = 0;
    for (i = 0; i < fmpq_mat_nrows(M); i++)
        for (j = 0; j < fmpq_mat_ncols(M); j++)
            fmpq_set_si(fmpq_mat_entry(M, i, j), v[k++], den);
}

static const fmpq *
wt(const fmpq_mat_t w, slong j)
{
    static fmpq_t one;
    static int init = 0;
    if (w != NULL)
        return fmpq_mat_entry(w, j, 0);
    if (!init)
    {
        fmpq_init(one);
        fmpq_one(one);
        init = 1;
    }
    return one;
}

/* c_j = 2 a_j^T (y - A x), by explicit loops. */
static void
corr(fmpq_mat_t c, const fmpq_mat_t A, const fmpq_mat_t y, const fmpq_mat_t x)
{
    slong m = fmpq_mat_nrows(A), n = fmpq_mat_ncols(A), i, j;
    fmpq_t r, t;
    fmpq_init(r);
    fmpq_init(t);
    for (j = 0; j < n; j++)
        fmpq_zero(fmpq_mat_entry(c, j, 0));
    for (i = 0; i < m; i++)
    {
        fmpq_set(r, fmpq_mat_entry(y, i, 0));
        for (j = 0; j < n; j++)
            fmpq_submul(r, fmpq_mat_entry(A, i, j), fmpq_mat_entry(x, j, 0));
        for (j = 0; j < n; j++)
            fmpq_addmul(fmpq_mat_entry(c, j, 0), fmpq_mat_entry(A, i, j), r);
    }
    for (j = 0; j < n; j++)
        fmpq_mul_2exp(fmpq_mat_entry(c, j, 0), fmpq_mat_entry(c, j, 0), 1);
    fmpq_clear(r);
    fmpq_clear(t);
}

/* The P2(lambda) optimality conditions in Q (necessary and sufficient). */
static int
kkt_p2(const fmpq_mat_t A, const fmpq_mat_t y, const fmpq_mat_t w, const fmpq_t lambda,
       const fmpq_mat_t x)
{
    slong n = fmpq_mat_ncols(A), j;
    fmpq_mat_t c;
    fmpq_t b, a;
    int ok = 1;
    fmpq_mat_init(c, n, 1);
    fmpq_init(b);
    fmpq_init(a);
    corr(c, A, y, x);
    for (j = 0; j < n && ok; j++)
    {
        int s = fmpq_sgn(fmpq_mat_entry(x, j, 0));
        fmpq_mul(b, lambda, wt(w, j));
        fmpq_abs(a, fmpq_mat_entry(c, j, 0));
        if (s == 0)
            ok = fmpq_cmp(a, b) <= 0;
        else
        {
            /* c_j = lambda w_j sign(x_j) (also at lambda = 0) */
            if (s < 0)
                fmpq_neg(b, b);
            ok = fmpq_equal(fmpq_mat_entry(c, j, 0), b);
        }
    }
    fmpq_mat_clear(c);
    fmpq_clear(b);
    fmpq_clear(a);
    return ok;
}

static slong
mat_rank(const fmpq_mat_t M)
{
    fmpq_mat_t R;
    slong r;
    if (fmpq_mat_nrows(M) == 0 || fmpq_mat_ncols(M) == 0)
        return 0;
    fmpq_mat_init(R, fmpq_mat_nrows(M), fmpq_mat_ncols(M));
    r = fmpq_mat_rref(R, M);
    fmpq_mat_clear(R);
    return r;
}

/* rank of the columns eq[0..k) of A */
static slong
cols_rank(const fmpq_mat_t A, const slong * eq, slong k)
{
    fmpq_mat_t S;
    slong i, l, r;
    fmpq_mat_init(S, fmpq_mat_nrows(A), k);
    for (i = 0; i < fmpq_mat_nrows(A); i++)
        for (l = 0; l < k; l++)
            fmpq_set(fmpq_mat_entry(S, i, l), fmpq_mat_entry(A, i, eq[l]));
    r = mat_rank(S);
    fmpq_mat_clear(S);
    return r;
}

static void
lambda_max_ref(fmpq_t lmax, const fmpq_mat_t A, const fmpq_mat_t y, const fmpq_mat_t w)
{
    slong n = fmpq_mat_ncols(A), j;
    fmpq_mat_t c, z;
    fmpq_t t;
    fmpq_mat_init(c, n, 1);
    fmpq_mat_init(z, n, 1);
    fmpq_init(t);
    corr(c, A, y, z);
    fmpq_zero(lmax);
    for (j = 0; j < n; j++)
    {
        fmpq_abs(t, fmpq_mat_entry(c, j, 0));
        fmpq_div(t, t, wt(w, j));
        if (fmpq_cmp(t, lmax) > 0)
            fmpq_set(lmax, t);
    }
    fmpq_mat_clear(c);
    fmpq_mat_clear(z);
    fmpq_clear(t);
}

/* ------------------------------------------------------------- path checks */

/* Checks a computed path: first knot lambda_max with x = 0, strictly
   decreasing knots, KKT at every knot and at every piece midpoint,
   continuity (the linear law of piece k reaches x[k+1]). Returns the number
   of coordinates that leave the support at some knot. */
static slong
check_path(const kd_path_t P, const fmpq_mat_t A, const fmpq_mat_t y,
           const fmpq_mat_t w, const fmpq_t lmin, ulong seed)
{
    slong n = fmpq_mat_ncols(A), k, j, drops = 0;
    fmpq_mat_t x;
    fmpq_t lmax, mid;

    fmpq_mat_init(x, n, 1);
    fmpq_init(lmax);
    fmpq_init(mid);
    lambda_max_ref(lmax, A, y, w);
    ck_assert_int_ge(P->length, 1);
    ck_assert_msg(fmpq_equal(P->lambda + 0, lmax), "lambda_max, seed %lu", seed);
    ck_assert(fmpq_mat_is_zero(P->x + 0));
    if (fmpq_cmp(lmin, lmax) < 0)
        ck_assert_msg(fmpq_equal(P->lambda + P->length - 1, lmin), "last knot, seed %lu", seed);
    else
        ck_assert_int_eq(P->length, 1);
    for (k = 0; k < P->length; k++)
    {
        ck_assert_msg(kkt_p2(A, y, w, P->lambda + k, P->x + k), "KKT at knot %ld, seed %lu",
                      (long) k, seed);
        if (k + 1 < P->length)
        {
            ck_assert(fmpq_cmp(P->lambda + k + 1, P->lambda + k) < 0);
            /* continuity */
            fmpq_sub(mid, P->lambda + k + 1, P->lambda + k);
            fmpq_mat_scalar_mul_fmpq(x, P->slope + k, mid);
            fmpq_mat_add(x, x, P->x + k);
            ck_assert_msg(fmpq_mat_equal(x, P->x + k + 1), "continuity at knot %ld, seed %lu",
                          (long) k + 1, seed);
            /* midpoint of the piece */
            fmpq_add(mid, P->lambda + k, P->lambda + k + 1);
            fmpq_div_2exp(mid, mid, 1);
            kd_assert_ok(kd_path_eval(x, P, mid));
            ck_assert_msg(kkt_p2(A, y, w, mid, x), "KKT inside piece %ld, seed %lu",
                          (long) k, seed);
            for (j = 0; j < n; j++)
                if (!fmpq_is_zero(fmpq_mat_entry(P->x + k, j, 0))
                    && fmpq_is_zero(fmpq_mat_entry(P->x + k + 1, j, 0))
                    && k + 2 < P->length)
                    drops++;
        }
    }
    fmpq_mat_clear(x);
    fmpq_clear(lmax);
    fmpq_clear(mid);
    return drops;
}

/* Checks a P2 solution at lambda: KKT here, fit and dual, E and signs, and
   uniqueness where Lemma 2 settles it. */
static void
check_p2_sol(const kd_p2_sol_t s, const fmpq_mat_t A, const fmpq_mat_t y, const fmpq_mat_t w,
             const fmpq_t lambda, ulong seed)
{
    slong m = fmpq_mat_nrows(A), n = fmpq_mat_ncols(A), j, l = 0;
    fmpq_mat_t c, fit, dual;
    fmpq_t b, a;

    fmpq_mat_init(c, n, 1);
    fmpq_mat_init(fit, m, 1);
    fmpq_mat_init(dual, m, 1);
    fmpq_init(b);
    fmpq_init(a);
    ck_assert_msg(kkt_p2(A, y, w, lambda, s->x), "P2 KKT, seed %lu", seed);
    fmpq_mat_mul(fit, A, s->x);
    ck_assert(fmpq_mat_equal(fit, s->fit));
    fmpq_mat_sub(dual, y, fit);
    fmpq_set_si(b, 2, 1);
    fmpq_div(b, b, lambda);
    fmpq_mat_scalar_mul_fmpq(dual, dual, b);
    ck_assert(fmpq_mat_equal(dual, s->dual));
    corr(c, A, y, s->x);
    for (j = 0; j < n; j++)
    {
        fmpq_mul(b, lambda, wt(w, j));
        fmpq_abs(a, fmpq_mat_entry(c, j, 0));
        if (fmpq_equal(a, b))
        {
            ck_assert(l < s->num_eq && s->eq[l] == j);
            ck_assert_int_eq(s->sign[l], fmpq_sgn(fmpq_mat_entry(c, j, 0)));
            l++;
        }
    }
    ck_assert_int_eq(l, s->num_eq);
    ck_assert_int_eq(s->rank_eq, cols_rank(A, s->eq, s->num_eq));
    if (s->rank_eq == s->num_eq)
        ck_assert_msg(s->unique == KD_TRUE, "Lemma 2: full rank A_E, seed %lu", seed);
    fmpq_mat_clear(c);
    fmpq_mat_clear(fit);
    fmpq_mat_clear(dual);
    fmpq_clear(b);
    fmpq_clear(a);
}

/* ------------------------------------------------------------- P2 tests */

START_TEST(test_path_random)
{
    static const slong shapes[][2] = { { 2, 4 }, { 3, 5 }, { 4, 4 }, { 3, 3 }, { 5, 3 },
                                       { 6, 2 }, { 4, 7 }, { 1, 3 }, { 3, 1 } };
    flint_rand_t st;
    slong si, it, k, drops = 0, knots = 0;
    ulong seed = kd_test_seed(201);

    kd_test_randinit(st, 201);
    for (si = 0; si < 9; si++)
        for (it = 0; it < 6; it++)
        {
            slong m = shapes[si][0], n = shapes[si][1];
            fmpq_mat_t A, y, w, x;
            fmpq_t lmin, lam, t;
            kd_path_t P;
            kd_p2_sol_t s;
            int weighted = (it % 2 == 1);

            fmpq_mat_init(A, m, n);
            fmpq_mat_init(y, m, 1);
            fmpq_mat_init(w, n, 1);
            fmpq_mat_init(x, n, 1);
            fmpq_init(lmin);
            fmpq_init(lam);
            fmpq_init(t);
            kd_path_init(P);
            kd_p2_sol_init(s);
            kd_test_rand_fmpq_mat(A, st, 6, 3);
            kd_test_rand_fmpq_mat(y, st, 6, 2);
            rand_weights(w, st);

            kd_assert_ok(kd_path_compute(P, A, y, weighted ? w : NULL, lmin));
            drops += check_path(P, A, y, weighted ? w : NULL, lmin, seed);
            knots += P->length;

            /* P2 exactly at every knot, above lambda_max, and in between */
            for (k = 0; k <= P->length; k++)
            {
                if (k < P->length)
                    fmpq_set(lam, P->lambda + k);
                else
                {
                    fmpq_set_si(t, 8, 7);
                    fmpq_mul(lam, P->lambda + 0, t);
                }
                if (fmpq_sgn(lam) <= 0)
                    continue;
                kd_assert_ok(kd_p2_solve_exact(s, A, y, weighted ? w : NULL, lam));
                check_p2_sol(s, A, y, weighted ? w : NULL, lam, seed);
                kd_assert_ok(kd_path_eval(x, P, lam));
                ck_assert(fmpq_mat_equal(x, s->x));
                if (k == 0 || k == P->length)
                    ck_assert(fmpq_mat_is_zero(s->x));
                if (k + 1 < P->length)
                {
                    /* a random point of the piece below */
                    fmpq_set_si(t, 1 + n_randint(st, 99), 100);
                    fmpq_sub(lam, P->lambda + k, P->lambda + k + 1);
                    fmpq_mul(lam, lam, t);
                    fmpq_add(lam, lam, P->lambda + k + 1);
                    if (fmpq_sgn(lam) > 0)
                    {
                        kd_assert_ok(kd_p2_solve_exact(s, A, y, weighted ? w : NULL, lam));
                        check_p2_sol(s, A, y, weighted ? w : NULL, lam, seed);
                        /* just below lambda_max the solution is not 0 */
                        if (k == 0)
                            ck_assert(!fmpq_mat_is_zero(s->x));
                    }
                }
            }
            /* a path stopped early is a prefix of the full one */
            if (P->length > 2)
            {
                kd_path_t Q;
                kd_path_init(Q);
                kd_assert_ok(kd_path_compute(Q, A, y, weighted ? w : NULL, P->lambda + 1));
                ck_assert_int_eq(Q->length, 2);
                ck_assert(fmpq_mat_equal(Q->x + 1, P->x + 1));
                kd_path_clear(Q);
            }

            fmpq_mat_clear(A);
            fmpq_mat_clear(y);
            fmpq_mat_clear(w);
            fmpq_mat_clear(x);
            fmpq_clear(lmin);
            fmpq_clear(lam);
            fmpq_clear(t);
            kd_path_clear(P);
            kd_p2_sol_clear(s);
        }
    /* the generator must exercise coordinates leaving the support */
    ck_assert_msg(drops > 0, "no drop events in %ld knots (seed %lu)", (long) knots, seed);
    flint_randclear(st);
}
END_TEST

/* Orthogonal design with a tie: A = diag(1, 1, 2), y = (3, -3, 2):
   x_i(lambda) = sign(y_i) max(|y_i| a_i - lambda/2, 0) / a_i^2
   (soft thresholding); coordinates 1, 2 join together at lambda = 6 = 2*3,
   coordinate 3 joins at 2 a_3 |y_3| = 8, i.e. first. */
START_TEST(test_path_orthogonal_tie)
{
    static const slong av[] = { 1, 0, 0, 0, 1, 0, 0, 0, 2 }, yv[] = { 3, -3, 2 };
    fmpq_mat_t A, y, x, ref;
    fmpq_t lmin, lam, t;
    kd_path_t P;
    kd_p2_sol_t s;
    slong i, k;

    fmpq_mat_init(A, 3, 3);
    fmpq_mat_init(y, 3, 1);
    fmpq_mat_init(x, 3, 1);
    fmpq_mat_init(ref, 3, 1);
    fmpq_init(lmin);
    fmpq_init(lam);
    fmpq_init(t);
    kd_path_init(P);
    kd_p2_sol_init(s);
    set_mat(A, av, 1);
    set_mat(y, yv, 1);
    kd_assert_ok(kd_path_compute(P, A, y, NULL, lmin));
    check_path(P, A, y, NULL, lmin, 0);
    ck_assert_int_eq(P->length, 3);
    fmpq_set_si(t, 8, 1);
    ck_assert(fmpq_equal(P->lambda + 0, t));
    fmpq_set_si(t, 6, 1);
    ck_assert(fmpq_equal(P->lambda + 1, t));
    ck_assert(fmpq_is_zero(P->lambda + 2));
    for (k = 0; k <= 40; k++)
    {
        fmpq_set_si(lam, k, 4);     /* 0, 1/4, ..., 10 */
        kd_assert_ok(kd_path_eval(x, P, lam));
        for (i = 0; i < 3; i++)
        {
            const fmpq * yi = fmpq_mat_entry(y, i, 0);
            const fmpq * ai = fmpq_mat_entry(A, i, i);
            fmpq_abs(t, yi);
            fmpq_mul(t, t, ai);
            fmpq_div_2exp(lmin, lam, 1);
            fmpq_sub(t, t, lmin);
            if (fmpq_sgn(t) < 0)
                fmpq_zero(t);
            fmpq_div(t, t, ai);
            fmpq_div(t, t, ai);
            if (fmpq_sgn(yi) < 0)
                fmpq_neg(t, t);
            fmpq_set(fmpq_mat_entry(ref, i, 0), t);
        }
        ck_assert_msg(fmpq_mat_equal(x, ref), "soft thresholding at lambda = %ld/4", (long) k);
        if (k > 0)
        {
            kd_assert_ok(kd_p2_solve_exact(s, A, y, NULL, lam));
            ck_assert(fmpq_mat_equal(s->x, ref));
            ck_assert(s->unique == KD_TRUE);
        }
    }
    fmpq_zero(lmin);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    fmpq_mat_clear(x);
    fmpq_mat_clear(ref);
    fmpq_clear(lmin);
    fmpq_clear(lam);
    fmpq_clear(t);
    kd_path_clear(P);
    kd_p2_sol_clear(s);
}
END_TEST

/* Simultaneous drops and joins: find a 3 x 3 instance B whose path drops a
   coordinate, then solve blockdiag(B, B) with (yB, yB): P2 separates, so
   every event happens twice at the same lambda and the path must be
   (xB, xB) with B's knots. */
START_TEST(test_path_block_ties)
{
    flint_rand_t st;
    fmpq_mat_t B, yB, wB, A, y, w;
    fmpq_t zero;
    kd_path_t PB, P;
    slong tries, k, i, j, found = 0;
    ulong seed = kd_test_seed(202);

    kd_test_randinit(st, 202);
    fmpq_mat_init(B, 3, 3);
    fmpq_mat_init(yB, 3, 1);
    fmpq_mat_init(wB, 3, 1);
    fmpq_mat_init(A, 6, 6);
    fmpq_mat_init(y, 6, 1);
    fmpq_mat_init(w, 6, 1);
    fmpq_init(zero);
    kd_path_init(PB);
    kd_path_init(P);
    for (tries = 0; tries < 2000 && !found; tries++)
    {
        kd_test_rand_fmpq_mat(B, st, 5, 2);
        kd_test_rand_fmpq_mat(yB, st, 5, 1);
        rand_weights(wB, st);
        if (mat_rank(B) < 3)
            continue;
        kd_assert_ok(kd_path_compute(PB, B, yB, wB, zero));
        for (k = 1; k + 2 < PB->length && !found; k++)
            for (j = 0; j < 3; j++)
                if (!fmpq_is_zero(fmpq_mat_entry(PB->x + k - 1, j, 0))
                    && fmpq_is_zero(fmpq_mat_entry(PB->x + k, j, 0)))
                    found = 1;
    }
    ck_assert_msg(found, "no 3 x 3 instance with a drop (seed %lu)", seed);
    fmpq_mat_zero(A);
    for (i = 0; i < 3; i++)
    {
        for (j = 0; j < 3; j++)
        {
            fmpq_set(fmpq_mat_entry(A, i, j), fmpq_mat_entry(B, i, j));
            fmpq_set(fmpq_mat_entry(A, i + 3, j + 3), fmpq_mat_entry(B, i, j));
        }
        fmpq_set(fmpq_mat_entry(y, i, 0), fmpq_mat_entry(yB, i, 0));
        fmpq_set(fmpq_mat_entry(y, i + 3, 0), fmpq_mat_entry(yB, i, 0));
        fmpq_set(fmpq_mat_entry(w, i, 0), fmpq_mat_entry(wB, i, 0));
        fmpq_set(fmpq_mat_entry(w, i + 3, 0), fmpq_mat_entry(wB, i, 0));
    }
    kd_assert_ok(kd_path_compute(P, A, y, w, zero));
    check_path(P, A, y, w, zero, seed);
    ck_assert_int_eq(P->length, PB->length);
    for (k = 0; k < P->length; k++)
    {
        ck_assert(fmpq_equal(P->lambda + k, PB->lambda + k));
        for (j = 0; j < 3; j++)
        {
            ck_assert(fmpq_equal(fmpq_mat_entry(P->x + k, j, 0), fmpq_mat_entry(PB->x + k, j, 0)));
            ck_assert(fmpq_equal(fmpq_mat_entry(P->x + k, j + 3, 0),
                                 fmpq_mat_entry(PB->x + k, j, 0)));
        }
    }
    flint_randclear(st);
    fmpq_mat_clear(B);
    fmpq_mat_clear(yB);
    fmpq_mat_clear(wB);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    fmpq_mat_clear(w);
    fmpq_clear(zero);
    kd_path_clear(PB);
    kd_path_clear(P);
}
END_TEST

/* Duplicated columns: A = [a1, a1, a2, 2 a1] with w = (1, 1, 1, 2) (the
   last is a1 again after the weight substitution). Wherever the common
   coefficient is non-zero the solution set is a segment: unique = false,
   and moving the mass between the copies gives other solutions. */
START_TEST(test_path_duplicates)
{
    flint_rand_t st;
    slong it, j, l;
    ulong seed = kd_test_seed(203);

    kd_test_randinit(st, 203);
    for (it = 0; it < 20; it++)
    {
        fmpq_mat_t A, y, w, x2;
        fmpq_t lam, lmax, t;
        kd_p2_sol_t s;
        slong m = 3 + (slong) n_randint(st, 2), i;
        fmpq_mat_init(A, m, 4);
        fmpq_mat_init(y, m, 1);
        fmpq_mat_init(w, 4, 1);
        fmpq_mat_init(x2, 4, 1);
        fmpq_init(lam);
        fmpq_init(lmax);
        fmpq_init(t);
        kd_p2_sol_init(s);
        kd_test_rand_fmpq_mat(A, st, 5, 2);
        kd_test_rand_fmpq_mat(y, st, 5, 1);
        for (i = 0; i < m; i++)
        {
            fmpq_set(fmpq_mat_entry(A, i, 1), fmpq_mat_entry(A, i, 0));
            fmpq_mul_2exp(fmpq_mat_entry(A, i, 3), fmpq_mat_entry(A, i, 0), 1);
        }
        for (j = 0; j < 4; j++)
            fmpq_one(fmpq_mat_entry(w, j, 0));
        fmpq_set_si(fmpq_mat_entry(w, 3, 0), 2, 1);
        kd_assert_ok(kd_lasso_lambda_max(lmax, A, y, w));
        for (l = 1; l <= 4; l++)
        {
            fmpq_set_si(t, l, 5);
            fmpq_mul(lam, lmax, t);
            if (fmpq_sgn(lam) <= 0)
                continue;
            kd_assert_ok(kd_p2_solve_exact(s, A, y, w, lam));
            check_p2_sol(s, A, y, w, lam, seed);
            /* the copies of a1 carry u = x0 + x1 + 2 x3 */
            fmpq_set(t, fmpq_mat_entry(s->x, 0, 0));
            fmpq_add(t, t, fmpq_mat_entry(s->x, 1, 0));
            fmpq_add(t, t, fmpq_mat_entry(s->x, 3, 0));
            fmpq_add(t, t, fmpq_mat_entry(s->x, 3, 0));
            if (fmpq_is_zero(t))
                continue;
            ck_assert_msg(s->unique == KD_FALSE, "duplicates: unique must be false (seed %lu)",
                          seed);
            /* split u as (u/2, u/2, ., 0) and as (0, 0, ., u/2) */
            fmpq_mat_set(x2, s->x);
            fmpq_div_2exp(fmpq_mat_entry(x2, 0, 0), t, 1);
            fmpq_div_2exp(fmpq_mat_entry(x2, 1, 0), t, 1);
            fmpq_zero(fmpq_mat_entry(x2, 3, 0));
            ck_assert(kkt_p2(A, y, w, lam, x2));
            fmpq_zero(fmpq_mat_entry(x2, 0, 0));
            fmpq_zero(fmpq_mat_entry(x2, 1, 0));
            fmpq_div_2exp(fmpq_mat_entry(x2, 3, 0), t, 1);
            ck_assert(kkt_p2(A, y, w, lam, x2));
            ck_assert(!fmpq_mat_equal(x2, s->x) || fmpq_is_zero(fmpq_mat_entry(s->x, 0, 0)));
        }
        fmpq_mat_clear(A);
        fmpq_mat_clear(y);
        fmpq_mat_clear(w);
        fmpq_mat_clear(x2);
        fmpq_clear(lam);
        fmpq_clear(lmax);
        fmpq_clear(t);
        kd_p2_sol_clear(s);
    }
    flint_randclear(st);
}
END_TEST

/* The LASSO probe without standardisation (lasso-probe.md §1 with the
   1/sqrt 2 scaled out): A = c [a1 a2], a1 = (1 - delta, -1 - delta, 2 delta),
   a2 = (1, -1, 0), y = c a2. Then ||a1||^2 = 2 + 6 delta^2, a1.a2 = a1.y =
   a2.y = ||a2||^2 = 2, so (our P2, w = 1):
     lambda_max = 4 c^2 (both columns tie), x(lambda) = (0, 1 - lambda/(4 c^2)),
   because with x1 = 0 the coordinate x2 solves lambda |x2| + 2 c^2 (x2 - 1)^2,
   and column 1's correlation 2 c^2 a1.a2 (1 - x2) = lambda sits exactly at
   the bound: x1 is in E with coefficient 0, and A_E has full rank for
   delta != 0, so the solution is unique (Tibshirani's Lemma 2) although the
   coordinate-descent peers pick x1. Weights w = (1 + delta, 1) mimic the
   standardisation: the slack of column 1 becomes lambda delta > 0 and E = {2}.
   At delta = 0 the columns coincide and Xi is the segment
   {x >= 0 : x1 + x2 = 1 - lambda/(4c^2)}. */
START_TEST(test_path_probe)
{
    static const slong dk[] = { 1, 3, 15, 30, 0 };
    static const slong cn[] = { 1, 1, 3 }, cd[] = { 1, 2, 4 };
    slong di, ci, li, mir;
    fmpq_mat_t A, y, w, x;
    fmpq_t delta, c, lam, t, c2;
    kd_path_t P;
    kd_p2_sol_t s;

    fmpq_mat_init(A, 3, 2);
    fmpq_mat_init(y, 3, 1);
    fmpq_mat_init(w, 2, 1);
    fmpq_mat_init(x, 2, 1);
    fmpq_init(delta);
    fmpq_init(c);
    fmpq_init(lam);
    fmpq_init(t);
    fmpq_init(c2);
    kd_path_init(P);
    kd_p2_sol_init(s);
    for (di = 0; di < 5; di++)
        for (ci = 0; ci < 3; ci++)
            for (mir = 0; mir < 2; mir++)
            {
                slong j1 = mir ? 1 : 0, j2 = mir ? 0 : 1;
                if (dk[di] > 0)
                {
                    fmpq_one(delta);
                    fmpq_div_2exp(delta, delta, dk[di]);
                }
                else
                    fmpq_zero(delta);
                fmpq_set_si(c, cn[ci], cd[ci]);
                fmpq_mul(c2, c, c);
                /* a1 */
                fmpq_one(t);
                fmpq_sub(fmpq_mat_entry(A, 0, j1), t, delta);
                fmpq_neg(t, t);
                fmpq_sub(fmpq_mat_entry(A, 1, j1), t, delta);
                fmpq_mul_2exp(fmpq_mat_entry(A, 2, j1), delta, 1);
                /* a2 = y */
                fmpq_set_si(fmpq_mat_entry(A, 0, j2), 1, 1);
                fmpq_set_si(fmpq_mat_entry(A, 1, j2), -1, 1);
                fmpq_zero(fmpq_mat_entry(A, 2, j2));
                fmpq_mat_scalar_mul_fmpq(A, A, c);
                fmpq_set(fmpq_mat_entry(y, 0, 0), c);
                fmpq_neg(fmpq_mat_entry(y, 1, 0), c);
                fmpq_zero(fmpq_mat_entry(y, 2, 0));

                fmpq_zero(t);
                kd_assert_ok(kd_path_compute(P, A, y, NULL, t));
                check_path(P, A, y, NULL, t, 0);
                fmpq_mul_2exp(t, c2, 2);
                ck_assert(fmpq_equal(P->lambda + 0, t));    /* 4 c^2 */
                ck_assert_int_eq(P->length, 2);
                for (li = 1; li <= 7; li++)
                {
                    /* lambda = li/8 * 4 c^2 and the closed form 1 - li/8 */
                    fmpq_set_si(lam, li, 2);
                    fmpq_mul(lam, lam, c2);
                    kd_assert_ok(kd_p2_solve_exact(s, A, y, NULL, lam));
                    check_p2_sol(s, A, y, NULL, lam, 0);
                    fmpq_set_si(t, 8 - li, 8);
                    if (dk[di] > 0)
                    {
                        ck_assert(fmpq_is_zero(fmpq_mat_entry(s->x, j1, 0)));
                        ck_assert(fmpq_equal(fmpq_mat_entry(s->x, j2, 0), t));
                        ck_assert(s->unique == KD_TRUE);
                        ck_assert_int_eq(s->num_eq, 2);     /* x1 at the bound */
                        ck_assert_int_eq(s->rank_eq, 2);
                    }
                    else
                    {
                        fmpq_add(c2, fmpq_mat_entry(s->x, 0, 0), fmpq_mat_entry(s->x, 1, 0));
                        ck_assert(fmpq_equal(c2, t));
                        ck_assert(s->unique == KD_FALSE);
                        fmpq_div_2exp(fmpq_mat_entry(x, 0, 0), t, 1);
                        fmpq_div_2exp(fmpq_mat_entry(x, 1, 0), t, 1);
                        ck_assert(kkt_p2(A, y, NULL, lam, x));
                        fmpq_mul(c2, c, c);
                    }
                    /* weighted like the standardisation: E = {2}, unique */
                    if (dk[di] > 0)
                    {
                        fmpq_one(fmpq_mat_entry(w, j2, 0));
                        fmpq_add_si(fmpq_mat_entry(w, j1, 0), delta, 1);
                        kd_assert_ok(kd_p2_solve_exact(s, A, y, w, lam));
                        check_p2_sol(s, A, y, w, lam, 0);
                        ck_assert(fmpq_is_zero(fmpq_mat_entry(s->x, j1, 0)));
                        ck_assert(fmpq_equal(fmpq_mat_entry(s->x, j2, 0), t));
                        ck_assert_int_eq(s->num_eq, 1);
                        ck_assert_int_eq(s->eq[0], j2);
                        ck_assert(s->unique == KD_TRUE);
                    }
                }
            }
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    fmpq_mat_clear(w);
    fmpq_mat_clear(x);
    fmpq_clear(delta);
    fmpq_clear(c);
    fmpq_clear(lam);
    fmpq_clear(t);
    fmpq_clear(c2);
    kd_path_clear(P);
    kd_p2_sol_clear(s);
}
END_TEST

/* The path's limit at lambda -> 0 with y = A x0 where x0 has a strict dual
   certificate built here: q = A_S (A_S^T A_S)^{-1} w_S s_S with
   |a_j^T q| < w_j off S, which proves x0 the unique weighted BP solution.
   The limit must be x0, and kd_p1_solve_exact(eta = 0) too, unique. */
static void
check_bp(const fmpq_mat_t A, const fmpq_mat_t w, const fmpq_mat_t x0, ulong seed, int * certified)
{
    slong m = fmpq_mat_nrows(A), n = fmpq_mat_ncols(A), i, j, k = 0, l;
    slong S[16];
    fmpq_mat_t y, AS, ASt, G, rhs, v, q, c;
    fmpq_t t, zero;
    kd_path_t P;
    kd_qsol_t sol;
    int strict = 1;

    fmpq_mat_init(y, m, 1);
    fmpq_mat_mul(y, A, x0);
    for (j = 0; j < n; j++)
        if (!fmpq_is_zero(fmpq_mat_entry(x0, j, 0)))
            S[k++] = j;
    fmpq_mat_init(AS, m, k);
    fmpq_mat_init(ASt, k, m);
    fmpq_mat_init(G, k, k);
    fmpq_mat_init(rhs, k, 1);
    fmpq_mat_init(v, k, 1);
    fmpq_mat_init(q, m, 1);
    fmpq_mat_init(c, n, 1);
    fmpq_init(t);
    fmpq_init(zero);
    kd_path_init(P);
    kd_qsol_init(sol);
    for (i = 0; i < m; i++)
        for (l = 0; l < k; l++)
            fmpq_set(fmpq_mat_entry(AS, i, l), fmpq_mat_entry(A, i, S[l]));
    for (l = 0; l < k; l++)
    {
        fmpq_set(fmpq_mat_entry(rhs, l, 0), wt(w, S[l]));
        if (fmpq_sgn(fmpq_mat_entry(x0, S[l], 0)) < 0)
            fmpq_neg(fmpq_mat_entry(rhs, l, 0), fmpq_mat_entry(rhs, l, 0));
    }
    fmpq_mat_transpose(ASt, AS);
    fmpq_mat_mul(G, ASt, AS);
    if (fmpq_mat_solve(v, G, rhs))
    {
        fmpq_mat_mul(q, AS, v);
        /* c = A^T q, via corr with y := q, x := 0 (c = 2 A^T q) */
        {
            fmpq_mat_t z;
            fmpq_mat_init(z, n, 1);
            corr(c, A, q, z);
            fmpq_mat_clear(z);
        }
        for (j = 0; j < n; j++)
        {
            fmpq_div_2exp(t, fmpq_mat_entry(c, j, 0), 1);
            fmpq_abs(t, t);
            if (fmpq_sgn(fmpq_mat_entry(x0, j, 0)) != 0)
            {
                fmpq_div_2exp(t, fmpq_mat_entry(c, j, 0), 1);
                fmpq_set(zero, wt(w, j));
                if (fmpq_sgn(fmpq_mat_entry(x0, j, 0)) < 0)
                    fmpq_neg(zero, zero);
                ck_assert(fmpq_equal(t, zero));
                fmpq_zero(zero);
            }
            else if (fmpq_cmp(t, wt(w, j)) >= 0)
                strict = 0;
        }
    }
    else
        strict = 0;
    if (strict)
    {
        (*certified)++;
        kd_assert_ok(kd_path_compute(P, A, y, w, zero));
        check_path(P, A, y, w, zero, seed);
        ck_assert_msg(fmpq_mat_equal(P->x + P->length - 1, x0), "BP limit (seed %lu)", seed);
        kd_assert_ok(kd_p1_solve_exact(sol, A, y, w, zero));
        ck_assert(kd_qfield_is_zero(sol->mu) && kd_qfield_is_zero(sol->resnorm));
        ck_assert(fmpq_mat_equal(sol->x->a, x0) && fmpq_mat_is_zero(sol->x->b));
        ck_assert(sol->unique == KD_TRUE);
    }
    fmpq_mat_clear(y);
    fmpq_mat_clear(AS);
    fmpq_mat_clear(ASt);
    fmpq_mat_clear(G);
    fmpq_mat_clear(rhs);
    fmpq_mat_clear(v);
    fmpq_mat_clear(q);
    fmpq_mat_clear(c);
    fmpq_clear(t);
    fmpq_clear(zero);
    kd_path_clear(P);
    kd_qsol_clear(sol);
}

START_TEST(test_path_bp_limit)
{
    static const slong av[] = { 1, 0, 1, 0, 1, 1 };
    flint_rand_t st;
    fmpq_mat_t A, x0, w;
    slong it, j0;
    int certified = 0;
    ulong seed = kd_test_seed(204);

    /* min |x1| + |x2| + |x3| s.t. x1 + x3 = 1, x2 + x3 = 1: x = (0, 0, 1) */
    fmpq_mat_init(A, 2, 3);
    fmpq_mat_init(x0, 3, 1);
    set_mat(A, av, 1);
    fmpq_one(fmpq_mat_entry(x0, 2, 0));
    check_bp(A, NULL, x0, 0, &certified);
    ck_assert_int_eq(certified, 1);
    fmpq_mat_clear(A);
    fmpq_mat_clear(x0);

    kd_test_randinit(st, 204);
    certified = 0;
    for (it = 0; it < 40; it++)
    {
        slong m = 3, n = 6, j;
        int c = 0;
        fmpq_mat_init(A, m, n);
        fmpq_mat_init(x0, n, 1);
        fmpq_mat_init(w, n, 1);
        kd_test_rand_fmpq_mat(A, st, 5, 2);
        rand_weights(w, st);
        j0 = n_randint(st, n);
        kd_test_rand_fmpq(fmpq_mat_entry(x0, j0, 0), st, 5, 3);
        if (it % 2 == 1)
        {
            /* a 2-sparse x0 */
            j = (j0 + 1 + n_randint(st, n - 1)) % n;
            kd_test_rand_fmpq(fmpq_mat_entry(x0, j, 0), st, 5, 3);
        }
        /* a small weight on the support makes a certificate likely */
        for (j = 0; j < n; j++)
            if (!fmpq_is_zero(fmpq_mat_entry(x0, j, 0)))
                fmpq_set_si(fmpq_mat_entry(w, j, 0), 1, 8);
        if (!fmpq_mat_is_zero(x0))
            check_bp(A, w, x0, seed, &c);
        certified += c;
        fmpq_mat_clear(A);
        fmpq_mat_clear(x0);
        fmpq_mat_clear(w);
    }
    ck_assert_msg(certified >= 10, "only %d certified BP instances (seed %lu)",
                  certified, seed);
    flint_randclear(st);
}
END_TEST

/* ------------------------------------------------------------- P3 / P1 */

/* f = lambda ||x||_{1,w} + ||Ax - y|| (P3) or ||x||_{1,w} (lambda NULL). */
static void
arb_objective(arb_t f, const arb_mat_t X, const fmpq_mat_t A, const fmpq_mat_t y,
              const fmpq_mat_t w, const fmpq_t lambda, slong prec)
{
    slong m = fmpq_mat_nrows(A), n = fmpq_mat_ncols(A), i, j;
    arb_t s, t, u;
    arb_init(s);
    arb_init(t);
    arb_init(u);
    arb_zero(f);
    for (j = 0; j < n; j++)
    {
        arb_abs(t, arb_mat_entry(X, j, 0));
        arb_set_fmpq(u, wt(w, j), prec);
        arb_addmul(f, t, u, prec);
    }
    if (lambda != NULL)
    {
        arb_set_fmpq(u, lambda, prec);
        arb_mul(f, f, u, prec);
        arb_zero(s);
        for (i = 0; i < m; i++)
        {
            arb_set_fmpq(t, fmpq_mat_entry(y, i, 0), prec);
            arb_neg(t, t);
            for (j = 0; j < n; j++)
            {
                arb_set_fmpq(u, fmpq_mat_entry(A, i, j), prec);
                arb_addmul(t, u, arb_mat_entry(X, j, 0), prec);
            }
            arb_addmul(s, t, t, prec);
        }
        arb_sqrt(s, s, prec);
        arb_add(f, f, s, prec);
    }
    arb_clear(s);
    arb_clear(t);
    arb_clear(u);
}

/* g = A^T (y - A X) (balls) and nr = ||A X - y||. */
static void
arb_grad(arb_mat_t g, arb_t nr, const arb_mat_t X, const fmpq_mat_t A, const fmpq_mat_t y,
         slong prec)
{
    slong m = fmpq_mat_nrows(A), n = fmpq_mat_ncols(A), i, j;
    arb_mat_t r;
    arb_t u;
    arb_mat_init(r, m, 1);
    arb_init(u);
    arb_zero(nr);
    for (i = 0; i < m; i++)
    {
        arb_set_fmpq(arb_mat_entry(r, i, 0), fmpq_mat_entry(y, i, 0), prec);
        for (j = 0; j < n; j++)
        {
            arb_set_fmpq(u, fmpq_mat_entry(A, i, j), prec);
            arb_submul(arb_mat_entry(r, i, 0), u, arb_mat_entry(X, j, 0), prec);
        }
        arb_addmul(nr, arb_mat_entry(r, i, 0), arb_mat_entry(r, i, 0), prec);
    }
    arb_sqrt(nr, nr, prec);
    for (j = 0; j < n; j++)
    {
        arb_zero(arb_mat_entry(g, j, 0));
        for (i = 0; i < m; i++)
        {
            arb_set_fmpq(u, fmpq_mat_entry(A, i, j), prec);
            arb_addmul(arb_mat_entry(g, j, 0), u, arb_mat_entry(r, i, 0), prec);
        }
    }
    arb_mat_clear(r);
    arb_clear(u);
}

/* A tight ball (the value is known to PREC - 64 bits, or exact). */
static int
tight(const arb_t x)
{
    return arb_is_exact(x) || mag_cmp_2exp_si(arb_radref(x), 64 - PREC) < 0;
}

/* Certified ball-arithmetic optimality check of a P3 (lambda given) or
   P1 (eta given) solution, and objective comparisons against the rational
   path points (P1: the feasible ones). */
static void
check_qsol_arb(const kd_qsol_t sol, const fmpq_mat_t A, const fmpq_mat_t y,
               const fmpq_mat_t w, const fmpq_t lambda, const fmpq_t eta,
               const kd_path_t P, ulong seed)
{
    slong n = fmpq_mat_ncols(A), j, k, j0 = -1;
    arb_mat_t X, g, Xk;
    arb_t nr, t, u, tau, f, fk, mu;
    fmpq_t r2, e2;

    arb_mat_init(X, n, 1);
    arb_mat_init(g, n, 1);
    arb_mat_init(Xk, n, 1);
    arb_init(nr);
    arb_init(t);
    arb_init(u);
    arb_init(tau);
    arb_init(f);
    arb_init(fk);
    arb_init(mu);
    fmpq_init(r2);
    fmpq_init(e2);
    kd_qvec_get_arb_mat(X, sol->x, PREC);
    arb_grad(g, nr, X, A, y, PREC);
    kd_qfield_get_arb(t, sol->resnorm, PREC);
    ck_assert_msg(arb_overlaps(t, nr) && tight(t), "resnorm (seed %lu)", seed);
    if (lambda != NULL)
    {
        /* mu = 2 lambda ||r|| and A^T (y - Ax) / ||r|| = lambda w s */
        kd_qfield_get_arb(mu, sol->mu, PREC);
        arb_set_fmpq(u, lambda, PREC);
        arb_mul(t, u, nr, PREC);
        arb_mul_2exp_si(t, t, 1);
        ck_assert_msg(arb_overlaps(t, mu), "mu = 2 lambda ||r|| (seed %lu)", seed);
        arb_mul(tau, u, nr, PREC);
        arb_inv(tau, tau, PREC);    /* 1 / (lambda ||r||) */
        ck_assert(arb_is_positive(nr));
    }
    else
    {
        /* ||r|| = eta; tau from the first support coordinate */
        arb_set_fmpq(t, eta, PREC);
        ck_assert_msg(arb_overlaps(t, nr), "||r|| = eta (seed %lu)", seed);
        for (j = 0; j < n && j0 < 0; j++)
            if (!arb_is_zero(arb_mat_entry(X, j, 0)))
                j0 = j;
        if (j0 >= 0)
        {
            arb_set_fmpq(tau, wt(w, j0), PREC);
            arb_div(tau, tau, arb_mat_entry(g, j0, 0), PREC);
            arb_abs(tau, tau);
        }
    }
    for (j = 0; j < n && (lambda != NULL || j0 >= 0); j++)
    {
        const arb_struct * xj = arb_mat_entry(X, j, 0);
        arb_mul(t, tau, arb_mat_entry(g, j, 0), PREC);  /* should be w_j s_j */
        arb_set_fmpq(u, wt(w, j), PREC);
        if (arb_is_zero(xj))
        {
            arb_abs(t, t);
            arb_sub(t, t, u, PREC);
            ck_assert_msg(!arb_is_positive(t), "off-support bound, j = %ld (seed %lu)",
                          (long) j, seed);
        }
        else
        {
            ck_assert_msg(!arb_contains_zero(xj), "undecided support (seed %lu)", seed);
            if (arb_is_negative(xj))
                arb_neg(u, u);
            arb_sub(t, t, u, PREC);
            ck_assert_msg(arb_contains_zero(t) && tight(t), "support equality, j = %ld (seed %lu)",
                          (long) j, seed);
        }
    }
    /* no rational path point does better */
    arb_objective(f, X, A, y, w, lambda, PREC);
    fmpq_mul(e2, eta != NULL ? eta : lambda, eta != NULL ? eta : lambda);
    for (k = 0; k < P->length; k++)
    {
        for (j = 0; j < n; j++)
            arb_set_fmpq(arb_mat_entry(Xk, j, 0), fmpq_mat_entry(P->x + k, j, 0), PREC);
        if (lambda == NULL)
        {
            /* only feasible points compete in P1 */
            fmpq_mat_t r;
            fmpq_mat_init(r, fmpq_mat_nrows(A), 1);
            fmpq_mat_mul(r, A, P->x + k);
            fmpq_mat_sub(r, r, y);
            fmpq_zero(r2);
            for (j = 0; j < fmpq_mat_nrows(A); j++)
                fmpq_addmul(r2, fmpq_mat_entry(r, j, 0), fmpq_mat_entry(r, j, 0));
            fmpq_mat_clear(r);
            if (fmpq_cmp(r2, e2) > 0)
                continue;
        }
        arb_objective(fk, Xk, A, y, w, lambda, PREC);
        arb_sub(t, f, fk, PREC);
        ck_assert_msg(!arb_is_positive(t), "a path point beats the minimiser (seed %lu)", seed);
    }
    arb_mat_clear(X);
    arb_mat_clear(g);
    arb_mat_clear(Xk);
    arb_clear(nr);
    arb_clear(t);
    arb_clear(u);
    arb_clear(tau);
    arb_clear(f);
    arb_clear(fk);
    arb_clear(mu);
    fmpq_clear(r2);
    fmpq_clear(e2);
}

/* eta with lo2 < eta^2 < hi2, eta a multiple of 2^-20. */
static int
pick_eta(fmpq_t eta, flint_rand_t st, const fmpq_t lo2, const fmpq_t hi2)
{
    fmpq_t t, s;
    fmpz_t z;
    int ok;
    fmpq_init(t);
    fmpq_init(s);
    fmpz_init(z);
    fmpq_set_si(t, 1 + n_randint(st, 98), 100);
    fmpq_sub(s, hi2, lo2);
    fmpq_mul(s, s, t);
    fmpq_add(s, s, lo2);
    fmpq_mul_2exp(s, s, 40);
    fmpz_fdiv_q(z, fmpq_numref(s), fmpq_denref(s));
    fmpz_sqrt(z, z);
    fmpz_set(fmpq_numref(eta), z);
    fmpz_one(fmpq_denref(eta));
    fmpq_div_2exp(eta, eta, 20);
    fmpq_mul(t, eta, eta);
    ok = fmpq_cmp(t, lo2) > 0 && fmpq_cmp(t, hi2) < 0;
    fmpq_clear(t);
    fmpq_clear(s);
    fmpz_clear(z);
    return ok;
}

START_TEST(test_p3p1_random)
{
    static const slong shapes[][2] = { { 4, 2 }, { 5, 3 }, { 6, 3 }, { 4, 3 },
                                       { 3, 3 }, { 2, 4 }, { 3, 5 } };
    static const slong ln[] = { 1, 1, 1, 2, 4 }, ld[] = { 10, 3, 1, 1, 1 };
    flint_rand_t st;
    slong si, it, li, irr = 0, solved3 = 0, solved1 = 0, bp = 0;
    ulong seed = kd_test_seed(205);

    kd_test_randinit(st, 205);
    for (si = 0; si < 7; si++)
        for (it = 0; it < 4; it++)
        {
            slong m = shapes[si][0], n = shapes[si][1], i;
            fmpq_mat_t A, y, w, r;
            fmpq_t lam, eta, lo2, hi2, zero;
            kd_path_t P;
            kd_qsol_t sol;
            kd_truth ok;
            kd_status status;
            int weighted = (it % 2 == 0);
            const fmpq_mat_struct * W;

            fmpq_mat_init(A, m, n);
            fmpq_mat_init(y, m, 1);
            fmpq_mat_init(w, n, 1);
            fmpq_mat_init(r, m, 1);
            fmpq_init(lam);
            fmpq_init(eta);
            fmpq_init(lo2);
            fmpq_init(hi2);
            fmpq_init(zero);
            kd_path_init(P);
            kd_qsol_init(sol);
            kd_test_rand_fmpq_mat(A, st, 6, 3);
            kd_test_rand_fmpq_mat(y, st, 6, 2);
            rand_weights(w, st);
            W = weighted ? w : NULL;
            kd_assert_ok(kd_path_compute(P, A, y, W, zero));

            for (li = 0; li < 5; li++)
            {
                fmpq_set_si(lam, ln[li], ld[li]);
                status = kd_p3_solve_exact(sol, A, y, W, lam);
                if (status == KD_ERR_UNSUPPORTED)
                {
                    /* only when y is in the range of A */
                    fmpq_mat_mul(r, A, P->x + P->length - 1);
                    ck_assert(fmpq_mat_equal(r, y));
                    ck_assert(strstr(kd_error_message(), "zero residual") != NULL);
                    bp++;
                    continue;
                }
                kd_assert_ok(status);
                solved3++;
                irr += !fmpz_is_zero(sol->x->d);
                kd_assert_ok(kd_p3_check_qvec(&ok, sol->x, A, y, W, lam));
                ck_assert(ok == KD_TRUE);
                check_qsol_arb(sol, A, y, W, lam, NULL, P, seed);
                if (mat_rank(A) == n)
                    ck_assert_msg(sol->unique == KD_TRUE, "P3 unique (seed %lu)", seed);
            }

            /* P1 between the least-squares residual and ||y|| */
            fmpq_mat_mul(r, A, P->x + P->length - 1);
            fmpq_mat_sub(r, r, y);
            fmpq_zero(lo2);
            fmpq_zero(hi2);
            for (i = 0; i < m; i++)
            {
                fmpq_addmul(lo2, fmpq_mat_entry(r, i, 0), fmpq_mat_entry(r, i, 0));
                fmpq_addmul(hi2, fmpq_mat_entry(y, i, 0), fmpq_mat_entry(y, i, 0));
            }
            for (li = 0; li < 3; li++)
            {
                if (!pick_eta(eta, st, lo2, hi2))
                    continue;
                kd_assert_ok(kd_p1_solve_exact(sol, A, y, W, eta));
                solved1++;
                irr += !fmpz_is_zero(sol->x->d);
                kd_assert_ok(kd_p1_check_qvec(&ok, sol->x, A, y, W, eta));
                ck_assert(ok == KD_TRUE);
                check_qsol_arb(sol, A, y, W, NULL, eta, P, seed);
                if (mat_rank(A) == n)
                    ck_assert(sol->unique == KD_TRUE);
                /* perturbing the exact solution is detected */
                {
                    kd_qvec_t x2;
                    kd_qfield_t e;
                    fmpq_t h;
                    kd_qvec_init(x2, 0);
                    kd_qfield_init(e);
                    fmpq_init(h);
                    kd_qvec_set(x2, sol->x);
                    kd_qvec_get_entry(e, x2, 0);
                    fmpq_set_si(h, 1, 1000);
                    kd_qfield_add_fmpq(e, e, h);
                    kd_assert_ok(kd_qvec_set_entry(x2, 0, e));
                    kd_assert_ok(kd_p1_check_qvec(&ok, x2, A, y, W, eta));
                    ck_assert(ok == KD_FALSE);
                    kd_qvec_clear(x2);
                    kd_qfield_clear(e);
                    fmpq_clear(h);
                }
            }
            /* beyond ||y||: x = 0; below the least-squares residual: infeasible */
            fmpq_set_si(eta, 1, 1);
            fmpq_add(eta, eta, hi2);    /* eta > ||y|| since eta^2 > ||y||^2 */
            kd_assert_ok(kd_p1_solve_exact(sol, A, y, W, eta));
            ck_assert(kd_qvec_is_zero(sol->x) && sol->unique == KD_TRUE);
            if (!fmpq_is_zero(lo2))
            {
                fmpq_zero(eta);
                ck_assert_int_eq(kd_p1_solve_exact(sol, A, y, W, eta), KD_ERR_DOMAIN);
            }

            fmpq_mat_clear(A);
            fmpq_mat_clear(y);
            fmpq_mat_clear(w);
            fmpq_mat_clear(r);
            fmpq_clear(lam);
            fmpq_clear(eta);
            fmpq_clear(lo2);
            fmpq_clear(hi2);
            fmpq_clear(zero);
            kd_path_clear(P);
            kd_qsol_clear(sol);
        }
    ck_assert_msg(solved3 >= 40 && solved1 >= 40 && irr >= 20,
                  "coverage: %ld P3, %ld P1, %ld irrational, %ld BP (seed %lu)",
                  (long) solved3, (long) solved1, (long) irr, (long) bp, seed);
    flint_randclear(st);
}
END_TEST

/* Closed forms with m = 2, N = 1, A = (1, 0)^T, y = (1, 1):
   P3(lambda) (x > 0): lambda = (1 - x) / sqrt((1 - x)^2 + 1), so
   1 - x = lambda / sqrt(1 - lambda^2); lambda = 1/2 gives x = 1 - sqrt(3)/3.
   P1(eta), 1 <= eta < sqrt 2: (x - 1)^2 + 1 = eta^2, x = 1 - sqrt(eta^2 - 1):
   eta = 5/4 gives 1/4, eta = 6/5 gives 1 - sqrt(11)/5, eta = 1 gives 1. */
START_TEST(test_p3p1_closed_forms)
{
    static const slong av[] = { 1, 0 }, yv[] = { 1, 1 };
    fmpq_mat_t A, y;
    fmpq_t lam, a, b, d;
    kd_qsol_t sol;
    kd_qfield_t ref, x;

    fmpq_mat_init(A, 2, 1);
    fmpq_mat_init(y, 2, 1);
    fmpq_init(lam);
    fmpq_init(a);
    fmpq_init(b);
    fmpq_init(d);
    kd_qsol_init(sol);
    kd_qfield_init(ref);
    kd_qfield_init(x);
    set_mat(A, av, 1);
    set_mat(y, yv, 1);

    fmpq_set_si(lam, 1, 2);
    kd_assert_ok(kd_p3_solve_exact(sol, A, y, NULL, lam));
    fmpq_one(a);
    fmpq_set_si(b, -1, 3);
    fmpq_set_si(d, 3, 1);
    kd_assert_ok(kd_qfield_set_parts(ref, a, b, d));
    kd_qvec_get_entry(x, sol->x, 0);
    ck_assert(kd_qfield_equal(x, ref));
    ck_assert(sol->unique == KD_TRUE);

    fmpq_set_si(lam, 5, 4);
    kd_assert_ok(kd_p1_solve_exact(sol, A, y, NULL, lam));
    kd_qvec_get_entry(x, sol->x, 0);
    fmpq_set_si(a, 1, 4);
    ck_assert(kd_qfield_equal_fmpq(x, a));
    fmpq_set_si(a, 3, 2);       /* ||r(mu)||^2 = mu^2/4 + 1 = 25/16 */
    ck_assert(kd_qfield_equal_fmpq(sol->mu, a));

    fmpq_set_si(lam, 6, 5);
    kd_assert_ok(kd_p1_solve_exact(sol, A, y, NULL, lam));
    fmpq_one(a);
    fmpq_set_si(b, -1, 5);
    fmpq_set_si(d, 11, 1);
    kd_assert_ok(kd_qfield_set_parts(ref, a, b, d));
    kd_qvec_get_entry(x, sol->x, 0);
    ck_assert(kd_qfield_equal(x, ref));
    ck_assert(sol->unique == KD_TRUE);

    /* eta = 1 is the least-squares residual: x = 1, mu = 0 */
    fmpq_one(lam);
    kd_assert_ok(kd_p1_solve_exact(sol, A, y, NULL, lam));
    kd_qvec_get_entry(x, sol->x, 0);
    ck_assert(kd_qfield_is_one(x) && kd_qfield_is_zero(sol->mu));
    ck_assert(sol->unique == KD_TRUE);

    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    fmpq_clear(lam);
    fmpq_clear(a);
    fmpq_clear(b);
    fmpq_clear(d);
    kd_qsol_clear(sol);
    kd_qfield_clear(ref);
    kd_qfield_clear(x);
}
END_TEST

/* The gadget of theory.md §4: m = 1, N = 2, y = 1, A = (a1, a2), a_i > lambda.
   P2: (1/a_j)(1 - lambda/(2 a_j)) e_j for the larger a_j (2 a_j > lambda);
   P1 (eta < 1): (1 - eta)/a_j e_j; P3: e_j/a_j with zero residual (basis
   pursuit), certified here by u = lambda/a_j: a_j u = lambda and
   |a_i u| <= lambda. At a tie a1 = a2 the solution sets are segments. */
START_TEST(test_gadget)
{
    static const slong an[][2] = { { 3, 5 }, { 5, 3 }, { 3, 3 }, { 7, 7 } };
    static const slong ad[][2] = { { 1, 2 }, { 2, 1 }, { 1, 1 }, { 4, 4 } };
    slong g;
    fmpq_mat_t A, y, x2;
    fmpq_t lam, eta, t, u, zero;
    kd_p2_sol_t s;
    kd_qsol_t q;

    fmpq_mat_init(A, 1, 2);
    fmpq_mat_init(y, 1, 1);
    fmpq_mat_init(x2, 2, 1);
    fmpq_init(lam);
    fmpq_init(eta);
    fmpq_init(t);
    fmpq_init(u);
    fmpq_init(zero);
    kd_p2_sol_init(s);
    kd_qsol_init(q);
    fmpq_one(fmpq_mat_entry(y, 0, 0));
    fmpq_one(lam);
    fmpq_set_si(eta, 1, 3);
    for (g = 0; g < 4; g++)
    {
        slong j, o;
        const fmpq * aj;
        int tie;
        fmpq_set_si(fmpq_mat_entry(A, 0, 0), an[g][0], ad[g][0]);
        fmpq_set_si(fmpq_mat_entry(A, 0, 1), an[g][1], ad[g][1]);
        tie = fmpq_equal(fmpq_mat_entry(A, 0, 0), fmpq_mat_entry(A, 0, 1));
        j = fmpq_cmp(fmpq_mat_entry(A, 0, 0), fmpq_mat_entry(A, 0, 1)) >= 0 ? 0 : 1;
        o = 1 - j;
        aj = fmpq_mat_entry(A, 0, j);
        ck_assert(fmpq_cmp(aj, lam) > 0);

        /* P2 */
        kd_assert_ok(kd_p2_solve_exact(s, A, y, NULL, lam));
        fmpq_mul_2exp(t, aj, 1);
        fmpq_div(t, lam, t);
        fmpq_sub_si(t, t, 1);
        fmpq_neg(t, t);
        fmpq_div(t, t, aj);     /* (1/a_j)(1 - lambda/(2 a_j)) */
        fmpq_add(u, fmpq_mat_entry(s->x, 0, 0), fmpq_mat_entry(s->x, 1, 0));
        ck_assert(fmpq_equal(u, t));
        if (!tie)
            ck_assert(fmpq_is_zero(fmpq_mat_entry(s->x, o, 0)) && s->unique == KD_TRUE);
        else
        {
            ck_assert(s->unique == KD_FALSE);
            fmpq_div_2exp(fmpq_mat_entry(x2, 0, 0), t, 1);
            fmpq_div_2exp(fmpq_mat_entry(x2, 1, 0), t, 1);
            ck_assert(kkt_p2(A, y, NULL, lam, x2));
            fmpq_zero(fmpq_mat_entry(x2, 0, 0));
            fmpq_set(fmpq_mat_entry(x2, 1, 0), t);
            ck_assert(kkt_p2(A, y, NULL, lam, x2));
        }

        /* P1 */
        kd_assert_ok(kd_p1_solve_exact(q, A, y, NULL, eta));
        fmpq_one(t);
        fmpq_sub(t, t, eta);
        fmpq_div(t, t, aj);     /* (1 - eta)/a_j */
        ck_assert(fmpq_mat_is_zero(q->x->b));
        fmpq_add(u, fmpq_mat_entry(q->x->a, 0, 0), fmpq_mat_entry(q->x->a, 1, 0));
        ck_assert(fmpq_equal(u, t));
        ck_assert(q->unique == (tie ? KD_FALSE : KD_TRUE));

        /* P3: zero residual, so the solver hands over to basis pursuit */
        ck_assert_int_eq(kd_p3_solve_exact(q, A, y, NULL, lam), KD_ERR_UNSUPPORTED);
        ck_assert_str_eq(kd_error_message(), "zero residual: the P3 minimiser solves basis pursuit");
        /* e_j/a_j is the weighted BP solution (P1 with eta = 0) ... */
        kd_assert_ok(kd_p1_solve_exact(q, A, y, NULL, zero));
        fmpq_inv(t, aj);
        fmpq_add(u, fmpq_mat_entry(q->x->a, 0, 0), fmpq_mat_entry(q->x->a, 1, 0));
        ck_assert(fmpq_equal(u, t));
        ck_assert(q->unique == (tie ? KD_FALSE : KD_TRUE));
        /* ... and solves P3: with r = 0 the subgradient condition needs
           |u| <= 1 and A^T u in lambda sign(x), u = lambda/a_j does it */
        fmpq_div(u, lam, aj);
        ck_assert(fmpq_cmp_si(u, 1) <= 0);
        fmpq_mul(t, fmpq_mat_entry(A, 0, o), u);
        ck_assert(fmpq_cmp(t, lam) <= 0);
    }

    /* lambda at or above max a_j: x = 0 solves P3; at equality the
       matching function vanishes on a whole piece (not unique). */
    fmpq_set_si(fmpq_mat_entry(A, 0, 0), 1, 2);
    fmpq_set_si(fmpq_mat_entry(A, 0, 1), 1, 3);
    kd_assert_ok(kd_p3_solve_exact(q, A, y, NULL, lam));
    ck_assert(kd_qvec_is_zero(q->x) && q->unique == KD_TRUE);
    fmpq_set_si(fmpq_mat_entry(A, 0, 0), 1, 1);
    kd_assert_ok(kd_p3_solve_exact(q, A, y, NULL, lam));
    ck_assert(kd_qvec_is_zero(q->x) && q->unique == KD_FALSE);
    /* (1/2, 0) is another minimiser: |x1| + |x1 - 1| = 1 on [0, 1] */
    {
        kd_truth ok;
        kd_qvec_t v;
        kd_qvec_init(v, 0);
        fmpq_set_si(fmpq_mat_entry(x2, 0, 0), 1, 2);
        fmpq_zero(fmpq_mat_entry(x2, 1, 0));
        kd_qvec_set_fmpq_mat(v, x2);
        kd_assert_ok(kd_p3_check_qvec(&ok, v, A, y, NULL, lam));
        ck_assert(ok == KD_TRUE);
        fmpq_set_si(fmpq_mat_entry(x2, 1, 0), 1, 8);
        kd_qvec_set_fmpq_mat(v, x2);
        kd_assert_ok(kd_p3_check_qvec(&ok, v, A, y, NULL, lam));
        ck_assert(ok == KD_FALSE);
        kd_qvec_clear(v);
    }

    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    fmpq_mat_clear(x2);
    fmpq_clear(lam);
    fmpq_clear(eta);
    fmpq_clear(t);
    fmpq_clear(u);
    fmpq_clear(zero);
    kd_p2_sol_clear(s);
    kd_qsol_clear(q);
}
END_TEST



/* Number of distinct vertices of the face {x_E : A_E x_E = fit,
   s_j x_j >= 0}, by enumerating the bases of A_E (|E| <= 12). The face is
   bounded (s_E = A_E^T dual / w_E makes any recession direction v satisfy
   sum_j w_j |v_j| = dual^T A_E v = 0), so it is a single point iff it has
   exactly one vertex: an oracle for the uniqueness verdict that shares
   nothing with the library's null-space/Stiemke test. */
static slong
face_vertices(const fmpq_mat_t A, const slong * eq, const int * sg, slong ne,
              const fmpq_mat_t fit)
{
    slong m = fmpq_mat_nrows(A), r, mask, i, l, cnt = 0;
    fmpq_mat_t AE;
    fmpq_mat_struct verts[64];

    if (ne == 0)
        return 1;
    ck_assert(ne <= 12);
    fmpq_mat_init(AE, m, ne);
    for (i = 0; i < m; i++)
        for (l = 0; l < ne; l++)
            fmpq_set(fmpq_mat_entry(AE, i, l), fmpq_mat_entry(A, i, eq[l]));
    r = mat_rank(AE);
    for (mask = 0; mask < (WORD(1) << ne); mask++)
    {
        slong b[12], k = 0;
        fmpq_mat_t AB, ABt, G, rhs, z, chk, v;
        int ok;
        for (l = 0; l < ne; l++)
            if ((mask >> l) & 1)
                b[k++] = l;
        if (k != r)
            continue;
        fmpq_mat_init(AB, m, k);
        fmpq_mat_init(ABt, k, m);
        fmpq_mat_init(G, k, k);
        fmpq_mat_init(rhs, k, 1);
        fmpq_mat_init(z, k, 1);
        fmpq_mat_init(chk, m, 1);
        fmpq_mat_init(v, ne, 1);
        for (i = 0; i < m; i++)
            for (l = 0; l < k; l++)
                fmpq_set(fmpq_mat_entry(AB, i, l), fmpq_mat_entry(AE, i, b[l]));
        fmpq_mat_transpose(ABt, AB);
        fmpq_mat_mul(G, ABt, AB);
        fmpq_mat_mul(rhs, ABt, fit);
        ok = (k == 0) || fmpq_mat_solve(z, G, rhs);
        if (ok)
        {
            fmpq_mat_mul(chk, AB, z);
            ok = fmpq_mat_equal(chk, fit);
            for (l = 0; l < k && ok; l++)
                if (fmpq_sgn(fmpq_mat_entry(z, l, 0)) * sg[b[l]] < 0)
                    ok = 0;
        }
        if (ok)
        {
            int dup = 0;
            for (l = 0; l < k; l++)
                fmpq_set(fmpq_mat_entry(v, b[l], 0), fmpq_mat_entry(z, l, 0));
            for (i = 0; i < cnt; i++)
                dup |= fmpq_mat_equal(verts + i, v);
            if (!dup && cnt < 64)
                fmpq_mat_init_set(verts + cnt++, v);
        }
        fmpq_mat_clear(AB);
        fmpq_mat_clear(ABt);
        fmpq_mat_clear(G);
        fmpq_mat_clear(rhs);
        fmpq_mat_clear(z);
        fmpq_mat_clear(chk);
        fmpq_mat_clear(v);
    }
    for (i = 0; i < cnt; i++)
        fmpq_mat_clear(verts + i);
    fmpq_mat_clear(AE);
    return cnt;
}


/* Uniqueness of P2 at mu (mu* of a P3/P1 solution, mu > 0) by the vertex
   oracle: at mu itself when rational, else at the midpoint of the open path
   piece containing mu, where E, the signs and the zero pattern of the path
   solution are the same. Returns the number of vertices. */
static slong
p2_vertices_at(const kd_qfield_t mu, const kd_path_t P, const fmpq_mat_t A,
               const fmpq_mat_t y, const fmpq_mat_t w)
{
    kd_p2_sol_t s;
    fmpq_t l;
    slong k, nv;
    kd_p2_sol_init(s);
    fmpq_init(l);
    if (kd_qfield_is_rational(mu))
        fmpq_set(l, mu->a);
    else
    {
        for (k = 0; k + 1 < P->length; k++)
            if (kd_qfield_cmp_fmpq(mu, P->lambda + k + 1) > 0)
                break;
        ck_assert(k + 1 < P->length && kd_qfield_cmp_fmpq(mu, P->lambda + k) < 0);
        fmpq_add(l, P->lambda + k, P->lambda + k + 1);
        fmpq_div_2exp(l, l, 1);
    }
    kd_assert_ok(kd_p2_solve_exact(s, A, y, w, l));
    nv = face_vertices(A, s->eq, s->sign, s->num_eq, s->fit);
    kd_p2_sol_clear(s);
    fmpq_clear(l);
    return nv;
}

/* Highly degenerate data: entries in {-1, 0, 1}, often a duplicated
   column, y in {-2..2}, weights in {1, 2}: ties everywhere. Paths and P2
   solutions must satisfy KKT exactly, the uniqueness verdict must match the
   vertex count, and P3/P1 solutions must pass the exact checker. */
START_TEST(test_path_degenerate)
{
    flint_rand_t st;
    slong it, k, rankdef_unique = 0, nonunique = 0, p3 = 0, p1 = 0;
    slong nonunique_p3 = 0, p1_rankdef = 0;
    ulong seed = kd_test_seed(206);

    kd_test_randinit(st, 206);
    for (it = 0; it < 300; it++)
    {
        slong m = 1 + n_randint(st, 5), n = 1 + n_randint(st, 7), i, j;
        fmpq_mat_t A, y, w;
        fmpq_t lam, zero;
        kd_path_t P;
        kd_p2_sol_t s;
        kd_qsol_t q;
        kd_truth ok;
        kd_status status;

        fmpq_mat_init(A, m, n);
        fmpq_mat_init(y, m, 1);
        fmpq_mat_init(w, n, 1);
        fmpq_init(lam);
        fmpq_init(zero);
        kd_path_init(P);
        kd_p2_sol_init(s);
        kd_qsol_init(q);
        for (i = 0; i < m; i++)
            for (j = 0; j < n; j++)
                fmpq_set_si(fmpq_mat_entry(A, i, j), (slong) n_randint(st, 3) - 1, 1);
        if (n > 2 && n_randint(st, 2))
        {
            j = n_randint(st, n - 1);
            for (i = 0; i < m; i++)
                fmpq_set(fmpq_mat_entry(A, i, n - 1), fmpq_mat_entry(A, i, j));
        }
        for (i = 0; i < m; i++)
            fmpq_set_si(fmpq_mat_entry(y, i, 0), (slong) n_randint(st, 5) - 2, 1);
        for (j = 0; j < n; j++)
            fmpq_set_si(fmpq_mat_entry(w, j, 0), n_randint(st, 3) ? 1 : 2, 1);

        kd_assert_ok(kd_path_compute(P, A, y, w, zero));
        check_path(P, A, y, w, zero, seed);
        for (k = 0; k + 1 < P->length; k++)
        {
            slong l;
            for (l = 0; l < 2; l++)
            {
                /* at the knot below the piece and at its midpoint */
                if (l == 0)
                    fmpq_set(lam, P->lambda + k + 1);
                else
                {
                    fmpq_add(lam, P->lambda + k, P->lambda + k + 1);
                    fmpq_div_2exp(lam, lam, 1);
                }
                if (fmpq_sgn(lam) <= 0)
                    continue;
                kd_assert_ok(kd_p2_solve_exact(s, A, y, w, lam));
                check_p2_sol(s, A, y, w, lam, seed);
                ck_assert_msg((face_vertices(A, s->eq, s->sign, s->num_eq, s->fit) == 1)
                              == (s->unique == KD_TRUE),
                              "uniqueness verdict vs vertices, iteration %ld (seed %lu)",
                              (long) it, seed);
                rankdef_unique += (s->rank_eq < s->num_eq && s->unique == KD_TRUE);
                nonunique += (s->unique == KD_FALSE);
            }
        }
        for (k = 0; k < 3; k++)
        {
            fmpq_set_si(lam, 1 + n_randint(st, 6), 1 + n_randint(st, 4));
            status = kd_p3_solve_exact(q, A, y, w, lam);
            if (status != KD_ERR_UNSUPPORTED)
            {
                kd_assert_ok(status);
                kd_assert_ok(kd_p3_check_qvec(&ok, q->x, A, y, w, lam));
                ck_assert(ok == KD_TRUE);
                if (fmpq_mat_is_zero(y))
                    ck_assert(kd_qvec_is_zero(q->x));   /* r = 0 only for y = 0 */
                else
                    check_qsol_arb(q, A, y, w, lam, NULL, P, seed);
                /* a non-unique P2(mu*) face makes P3 non-unique */
                if (!kd_qvec_is_zero(q->x) && p2_vertices_at(q->mu, P, A, y, w) > 1)
                    ck_assert(q->unique == KD_FALSE);
                else if (!kd_qvec_is_zero(q->x))
                    nonunique_p3 += (q->unique == KD_FALSE);
                p3++;
            }
            fmpq_set_si(lam, 1 + n_randint(st, 12), 4);
            status = kd_p1_solve_exact(q, A, y, w, lam);
            if (status != KD_ERR_DOMAIN)
            {
                kd_assert_ok(status);
                kd_assert_ok(kd_p1_check_qvec(&ok, q->x, A, y, w, lam));
                ck_assert(ok != KD_FALSE);
                /* P1's solution set is P2(mu*)'s for mu* > 0 */
                if (!kd_qvec_is_zero(q->x) && !kd_qfield_is_zero(q->mu))
                {
                    slong nv = p2_vertices_at(q->mu, P, A, y, w);
                    ck_assert_msg((nv == 1) == (q->unique == KD_TRUE),
                                  "P1 uniqueness vs vertices, iteration %ld (seed %lu)",
                                  (long) it, seed);
                    p1_rankdef += (q->rank_eq < q->num_eq);
                }
                p1++;
            }
        }
        fmpq_mat_clear(A);
        fmpq_mat_clear(y);
        fmpq_mat_clear(w);
        fmpq_clear(lam);
        fmpq_clear(zero);
        kd_path_clear(P);
        kd_p2_sol_clear(s);
        kd_qsol_clear(q);
    }
    ck_assert_msg(rankdef_unique >= 10 && nonunique >= 10 && p3 >= 100 && p1 >= 100
                  && p1_rankdef >= 10,
                  "coverage: %ld rank-deficient unique, %ld non-unique, %ld P3, %ld P1, "
                  "%ld P1 with rank-deficient A_E, %ld P3 non-unique by isolation (seed %lu)",
                  (long) rankdef_unique, (long) nonunique, (long) p3, (long) p1,
                  (long) p1_rankdef, (long) nonunique_p3, seed);
    flint_randclear(st);
}
END_TEST

/* Roots exactly at knots and the refusals of the checkers. A = I_4,
   y = (5, 4, 3, 1): soft thresholding, knots 10, 8, 6, 2, 0; at lambda = 2,
   x = (4, 3, 2, 0) and r = (1, 1, 1, 1), so ||r|| = 2: P1(eta = 2) and
   P3(lambda = 1/2) (mu = 2 lambda ||r|| = 2) are both solved by that knot. */
START_TEST(test_knot_roots_and_checks)
{
    static const slong yv[] = { 5, 4, 3, 1 }, xv[] = { 4, 3, 2, 0 };
    fmpq_mat_t A, y, xr, x2, A2, y2, xmid;
    fmpq_t eta, two;
    kd_qsol_t q;
    kd_qvec_t v;
    kd_truth ok;
    slong i;

    fmpq_mat_init(A, 4, 4);
    fmpq_mat_init(y, 4, 1);
    fmpq_mat_init(xr, 4, 1);
    fmpq_mat_init(x2, 2, 1);
    fmpq_mat_init(A2, 2, 2);
    fmpq_mat_init(y2, 2, 1);
    fmpq_mat_init(xmid, 4, 1);
    fmpq_init(eta);
    fmpq_init(two);
    kd_qsol_init(q);
    kd_qvec_init(v, 0);
    fmpq_mat_one(A);
    set_mat(y, yv, 1);
    set_mat(xr, xv, 1);
    fmpq_set_si(two, 2, 1);

    fmpq_set_si(eta, 2, 1);
    kd_assert_ok(kd_p1_solve_exact(q, A, y, NULL, eta));
    ck_assert(fmpq_mat_equal(q->x->a, xr) && fmpq_mat_is_zero(q->x->b));
    ck_assert(kd_qfield_equal_fmpq(q->mu, two) && q->unique == KD_TRUE);
    /* P3: below lambda = 2 all four coordinates are active and
       r(mu) = (mu/2)(1, 1, 1, 1), so mu = 2 lambda ||r(mu)|| holds on the
       whole last piece when lambda = 1/2: the largest root is the knot, and
       the minimiser is not unique (x(1) = y - (1/2, 1/2, 1/2, 1/2) is another). */
    fmpq_set_si(eta, 1, 2);
    kd_assert_ok(kd_p3_solve_exact(q, A, y, NULL, eta));
    ck_assert(fmpq_mat_equal(q->x->a, xr) && fmpq_mat_is_zero(q->x->b));
    ck_assert(kd_qfield_equal_fmpq(q->mu, two) && q->unique == KD_FALSE);
    ck_assert(kd_qfield_equal_fmpq(q->resnorm, two));
    for (i = 0; i < 4; i++)
        fmpq_sub(fmpq_mat_entry(xmid, i, 0), fmpq_mat_entry(y, i, 0), eta);
    kd_qvec_set_fmpq_mat(v, xmid);
    kd_assert_ok(kd_p3_check_qvec(&ok, v, A, y, NULL, eta));
    ck_assert(ok == KD_TRUE);
    /* lambda = 1/3: mu^2 - 4 lambda^2 ||r||^2 = (5/9) mu^2 > 0 on the last
       piece, no root: the minimiser has zero residual (basis pursuit) */
    fmpq_set_si(eta, 1, 3);
    ck_assert_int_eq(kd_p3_solve_exact(q, A, y, NULL, eta), KD_ERR_UNSUPPORTED);
    /* lambda = 11/20: on the piece (2, 6), r = (mu/2, mu/2, mu/2, 1) and
       mu^2 (1 - 3 lambda^2) = 4 lambda^2 gives mu = 22/sqrt(37), unique */
    fmpq_set_si(eta, 11, 20);
    kd_assert_ok(kd_p3_solve_exact(q, A, y, NULL, eta));
    ck_assert(q->unique == KD_TRUE);
    {
        kd_qfield_t ref;
        fmpq_t a, b, d;
        kd_qfield_init(ref);
        fmpq_init(a);
        fmpq_init(b);
        fmpq_init(d);
        fmpq_set_si(b, 22, 37);
        fmpq_set_si(d, 37, 1);
        kd_assert_ok(kd_qfield_set_parts(ref, a, b, d));
        ck_assert(kd_qfield_equal(q->mu, ref));
        kd_qvec_get_entry(ref, q->x, 3);
        ck_assert(kd_qfield_is_zero(ref));
        kd_qfield_clear(ref);
        fmpq_clear(a);
        fmpq_clear(b);
        fmpq_clear(d);
    }
    kd_assert_ok(kd_p3_check_qvec(&ok, q->x, A, y, NULL, eta));
    ck_assert(ok == KD_TRUE);

    /* P3 check: the negated minimiser has the wrong signs */
    fmpq_mat_neg(xr, xr);
    kd_qvec_set_fmpq_mat(v, xr);
    fmpq_set_si(eta, 1, 2);
    kd_assert_ok(kd_p3_check_qvec(&ok, v, A, y, NULL, eta));
    ck_assert(ok == KD_FALSE);
    /* P3 check with r = 0 and x != 0 cannot decide */
    kd_qvec_set_fmpq_mat(v, y);
    kd_assert_ok(kd_p3_check_qvec(&ok, v, A, y, NULL, eta));
    ck_assert(ok == KD_UNKNOWN);
    /* P1 check with eta = 0 at a BP point cannot decide either */
    fmpq_zero(eta);
    kd_assert_ok(kd_p1_check_qvec(&ok, v, A, y, NULL, eta));
    ck_assert(ok == KD_UNKNOWN);

    /* P1 check refusals on A = I_2 with ||y - x|| = eta exactly:
       y = (4, 3), x = (1, 3): r = (3, 0), tau = 1/3 from x_1, tau r_2 = 0 != 1;
       y = (4, 3), x = (4, 0): r = (0, 3), r_1 = 0 cannot match sign(x_1);
       y = (4, 4), x = (1, 0): r = (3, 4), eta = 5, |tau r_2| = 4/3 > 1;
       and with eta = 6 the constraint is slack at x != 0. */
    fmpq_mat_one(A2);
    {
        static const slong cy[4][2] = { { 4, 3 }, { 4, 3 }, { 4, 4 }, { 4, 4 } };
        static const slong cx[4][2] = { { 1, 3 }, { 4, 0 }, { 1, 0 }, { 1, 0 } };
        static const slong ce[4] = { 3, 3, 5, 6 };
        for (i = 0; i < 4; i++)
        {
            set_mat(y2, cy[i], 1);
            set_mat(x2, cx[i], 1);
            kd_qvec_set_fmpq_mat(v, x2);
            fmpq_set_si(eta, ce[i], 1);
            kd_assert_ok(kd_p1_check_qvec(&ok, v, A2, y2, NULL, eta));
            ck_assert_msg(ok == KD_FALSE, "P1 refusal case %ld", (long) i);
        }
    }

    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    fmpq_mat_clear(xr);
    fmpq_mat_clear(x2);
    fmpq_mat_clear(A2);
    fmpq_mat_clear(y2);
    fmpq_mat_clear(xmid);
    fmpq_clear(eta);
    fmpq_clear(two);
    kd_qsol_clear(q);
    kd_qvec_clear(v);
}
END_TEST

/* Argument checking. */
START_TEST(test_errors)
{
    fmpq_mat_t A, y, w, yb, x;
    fmpq_t lam;
    kd_path_t P;
    kd_p2_sol_t s;
    kd_qsol_t q;
    kd_truth ok;

    fmpq_mat_init(A, 2, 3);
    fmpq_mat_init(y, 2, 1);
    fmpq_mat_init(w, 3, 1);
    fmpq_mat_init(yb, 3, 1);
    fmpq_mat_init(x, 3, 1);
    fmpq_init(lam);
    kd_path_init(P);
    kd_p2_sol_init(s);
    kd_qsol_init(q);
    fmpq_one(fmpq_mat_entry(A, 0, 0));
    fmpq_one(fmpq_mat_entry(y, 0, 0));
    fmpq_one(lam);
    ck_assert_int_eq(kd_path_compute(P, A, yb, NULL, lam), KD_ERR_SIZE);
    ck_assert_int_eq(kd_p2_solve_exact(s, A, y, w, lam), KD_ERR_ARG);   /* w = 0 */
    fmpq_one(fmpq_mat_entry(w, 0, 0));
    fmpq_one(fmpq_mat_entry(w, 1, 0));
    fmpq_set_si(fmpq_mat_entry(w, 2, 0), -1, 1);
    ck_assert_int_eq(kd_p3_solve_exact(q, A, y, w, lam), KD_ERR_ARG);
    ck_assert_int_eq(kd_p2_solve_exact(s, A, y, y, lam), KD_ERR_SIZE);
    fmpq_zero(lam);
    ck_assert_int_eq(kd_p2_solve_exact(s, A, y, NULL, lam), KD_ERR_ARG);
    ck_assert_int_eq(kd_p3_solve_exact(q, A, y, NULL, lam), KD_ERR_ARG);
    fmpq_set_si(lam, -1, 1);
    ck_assert_int_eq(kd_path_compute(P, A, y, NULL, lam), KD_ERR_ARG);
    ck_assert_int_eq(kd_p1_solve_exact(q, A, y, NULL, lam), KD_ERR_ARG);
    /* a path to 1/2 cannot be evaluated below it */
    fmpq_set_si(lam, 1, 2);
    kd_assert_ok(kd_path_compute(P, A, y, NULL, lam));
    fmpq_set_si(lam, 1, 4);
    ck_assert_int_eq(kd_path_eval(x, P, lam), KD_ERR_ARG);
    /* P2 check refutes a wrong candidate */
    fmpq_one(lam);
    fmpq_one(fmpq_mat_entry(x, 0, 0));
    kd_assert_ok(kd_p2_check_exact(&ok, x, A, y, NULL, lam));
    ck_assert(ok == KD_FALSE);
    fmpq_set_si(fmpq_mat_entry(x, 0, 0), 1, 2);     /* 2(1 - x) = 1 */
    kd_assert_ok(kd_p2_check_exact(&ok, x, A, y, NULL, lam));
    ck_assert(ok == KD_TRUE);
    /* y = 0: everything is 0 */
    fmpq_mat_zero(y);
    kd_assert_ok(kd_p3_solve_exact(q, A, y, NULL, lam));
    ck_assert(kd_qvec_is_zero(q->x) && q->unique == KD_TRUE);
    kd_assert_ok(kd_p2_solve_exact(s, A, y, NULL, lam));
    ck_assert(fmpq_mat_is_zero(s->x) && s->unique == KD_TRUE);

    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    fmpq_mat_clear(w);
    fmpq_mat_clear(yb);
    fmpq_mat_clear(x);
    fmpq_clear(lam);
    kd_path_clear(P);
    kd_p2_sol_clear(s);
    kd_qsol_clear(q);
}
END_TEST

Suite *
kd_suite_path(void)
{
    Suite * s = suite_create("path");
    TCase * tc = tcase_create("p2");
    TCase * tq = tcase_create("p3p1");
    tcase_set_timeout(tc, 60);
    tcase_set_timeout(tq, 60);
    tcase_add_test(tc, test_path_random);
    tcase_add_test(tc, test_path_orthogonal_tie);
    tcase_add_test(tc, test_path_block_ties);
    tcase_add_test(tc, test_path_duplicates);
    tcase_add_test(tc, test_path_probe);
    tcase_add_test(tc, test_path_bp_limit);
    tcase_add_test(tq, test_p3p1_random);
    tcase_add_test(tq, test_p3p1_closed_forms);
    tcase_add_test(tq, test_gadget);
    tcase_add_test(tq, test_path_degenerate);
    tcase_add_test(tq, test_knot_roots_and_checks);
    tcase_add_test(tq, test_errors);
    suite_add_tcase(s, tc);
    suite_add_tcase(s, tq);
    return s;
}
