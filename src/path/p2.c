/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Exact U-LASSO (P2) solutions from the homotopy path, with an exact KKT
   check and the decision whether the solution set is a single point. */
#include "internal.h"

void
kd_p2_sol_init(kd_p2_sol_t sol)
{
    fmpq_init(sol->lambda);
    fmpq_mat_init(sol->x, 0, 1);
    fmpq_mat_init(sol->fit, 0, 1);
    fmpq_mat_init(sol->dual, 0, 1);
    sol->num_eq = 0;
    sol->eq = NULL;
    sol->sign = NULL;
    sol->rank_eq = 0;
    sol->unique = KD_UNKNOWN;
}

void
kd_p2_sol_clear(kd_p2_sol_t sol)
{
    fmpq_clear(sol->lambda);
    fmpq_mat_clear(sol->x);
    fmpq_mat_clear(sol->fit);
    fmpq_mat_clear(sol->dual);
    flint_free(sol->eq);
    flint_free(sol->sign);
}

/* Whether x satisfies the P2(lambda) optimality conditions, with
   c = 2 A^T (y - A x) given: |c_j| <= lambda w_j, and c_j = lambda w_j
   sign(x_j) where x_j != 0. Subgradient calculus makes them necessary and
   sufficient (the objective is convex). */
static int
kkt_holds(const fmpq_mat_t c, const fmpq_mat_t x, const fmpq_mat_t wv, const fmpq_t lambda)
{
    slong j;
    int ok = 1;
    fmpq_t t, u;
    fmpq_init(t);
    fmpq_init(u);
    for (j = 0; j < fmpq_mat_nrows(x) && ok; j++)
    {
        int sx = fmpq_sgn(fmpq_mat_entry(x, j, 0));
        fmpq_mul(t, lambda, fmpq_mat_entry(wv, j, 0));
        if (sx != 0)
        {
            if (sx < 0)
                fmpq_neg(t, t);
            ok = fmpq_equal(fmpq_mat_entry(c, j, 0), t);
        }
        else
        {
            fmpq_abs(u, fmpq_mat_entry(c, j, 0));
            ok = fmpq_cmp(u, t) <= 0;
        }
    }
    fmpq_clear(t);
    fmpq_clear(u);
    return ok;
}

kd_status
kd_p2_check_exact(kd_truth * res, const fmpq_mat_t x, const fmpq_mat_t A,
                  const fmpq_mat_t y, const fmpq_mat_t w, const fmpq_t lambda)
{
    slong n;
    fmpq_mat_t c, wv;
    kd_status st;

    if ((st = _kd_path_check_data(A, y, w)) != KD_OK)
        return st;
    n = fmpq_mat_ncols(A);
    if (fmpq_mat_nrows(x) != n || fmpq_mat_ncols(x) != 1)
        return kd_error_set(KD_ERR_SIZE, "x must be %ld x 1", (long) n);
    if (fmpq_sgn(lambda) < 0)
        return kd_error_set(KD_ERR_ARG, "lambda must be >= 0");
    fmpq_mat_init(c, n, 1);
    fmpq_mat_init(wv, n, 1);
    _kd_path_weights(wv, w);
    _kd_path_corr(c, A, y, x);
    *res = kkt_holds(c, x, wv, lambda) ? KD_TRUE : KD_FALSE;
    fmpq_mat_clear(c);
    fmpq_mat_clear(wv);
    return KD_OK;
}

kd_status
kd_p2_solve_exact(kd_p2_sol_t sol, const fmpq_mat_t A, const fmpq_mat_t y,
                  const fmpq_mat_t w, const fmpq_t lambda)
{
    slong m, n, j, l;
    kd_path_t path;
    fmpq_mat_t c, wv;
    fmpq_t t, u;
    int * zero;
    kd_status st;

    if ((st = _kd_path_check_data(A, y, w)) != KD_OK)
        return st;
    if (fmpq_sgn(lambda) <= 0)
        return kd_error_set(KD_ERR_ARG, "lambda must be > 0");
    m = fmpq_mat_nrows(A);
    n = fmpq_mat_ncols(A);
    kd_path_init(path);
    if ((st = kd_path_compute(path, A, y, w, lambda)) != KD_OK)
    {
        kd_path_clear(path);
        return st;
    }

    fmpq_mat_init(c, n, 1);
    fmpq_mat_init(wv, n, 1);
    fmpq_init(t);
    fmpq_init(u);
    _kd_path_weights(wv, w);

    /* The last knot is lambda itself, or lambda_max (x = 0) when
       lambda >= lambda_max. */
    fmpq_set(sol->lambda, lambda);
    fmpq_mat_clear(sol->x);
    fmpq_mat_init_set(sol->x, path->x + path->length - 1);
    fmpq_mat_clear(sol->fit);
    fmpq_mat_init(sol->fit, m, 1);
    fmpq_mat_mul(sol->fit, A, sol->x);
    fmpq_mat_clear(sol->dual);
    fmpq_mat_init(sol->dual, m, 1);
    fmpq_mat_sub(sol->dual, y, sol->fit);
    fmpq_set_si(t, 2, 1);
    fmpq_div(t, t, lambda);
    fmpq_mat_scalar_mul_fmpq(sol->dual, sol->dual, t);
    _kd_path_corr(c, A, y, sol->x);

    if (!kkt_holds(c, sol->x, wv, lambda))
    {
        st = _kd_path_internal("P2 optimality conditions fail");
        goto cleanup;
    }

    /* E and s: where the weighted correlation is at the bound. */
    flint_free(sol->eq);
    flint_free(sol->sign);
    sol->eq = flint_malloc(sizeof(slong) * n);
    sol->sign = flint_malloc(sizeof(int) * n);
    zero = flint_malloc(sizeof(int) * n);
    sol->num_eq = 0;
    for (j = 0; j < n; j++)
    {
        fmpq_abs(t, fmpq_mat_entry(c, j, 0));
        fmpq_mul(u, lambda, fmpq_mat_entry(wv, j, 0));
        if (fmpq_equal(t, u))
        {
            l = sol->num_eq++;
            sol->eq[l] = j;
            sol->sign[l] = fmpq_sgn(fmpq_mat_entry(c, j, 0));
            zero[l] = fmpq_is_zero(fmpq_mat_entry(sol->x, j, 0));
        }
    }
    st = _kd_path_face_unique(&sol->unique, &sol->rank_eq, A, sol->eq, sol->sign,
                              zero, sol->num_eq);
    flint_free(zero);

cleanup:
    fmpq_mat_clear(c);
    fmpq_mat_clear(wv);
    fmpq_clear(t);
    fmpq_clear(u);
    kd_path_clear(path);
    return st;
}
