/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Exact SR-LASSO (P3) and QCBP (P1) solutions through the P2 path: on each
   linear piece the matching condition is a quadratic in the P2 parameter,
   so the minimiser lies in a quadratic field; plus exact optimality checks
   for quadratic-field candidates.

   The reductions (theory.md §1), with r = y - Ax:
   - P3: the subdifferential of lambda ||x||_{1,w} + ||Ax - y|| at x with
     r != 0 is lambda w o g - A^T r / ||r||, g in the subdifferential of
     ||.||_1; P2(mu)'s is mu w o g - 2 A^T r. So x solves P3 with r != 0 iff
     it solves P2(mu) with mu = 2 lambda ||r||.
   - x = 0 solves P3 (y != 0) iff A^T y / ||y|| in lambda w o [-1, 1], i.e.
     max_j |a_j^T y| / w_j <= lambda ||y||; when the inequality is strict
     the minimiser is unique: ||y - Ax|| >= ||y|| - y^T A x / ||y|| (the norm
     is convex, with gradient y/||y|| at y), so the objective is at least
     ||y|| + sum_j (lambda w_j - |a_j^T y| / ||y||) |x_j| > ||y|| for x != 0.
   - P1 with eta < ||y||: the constraint is active at every minimiser and
     x solves P1 iff it solves P2(mu) for some mu > 0 with ||r|| = eta
     (Lagrange multiplier 1/mu for ||Ax - y||^2 <= eta^2, Slater's condition
     holding when eta exceeds the least-squares residual).
   On the path piece [lambda_{k+1}, lambda_k], x(mu) = xa + mu xb and
   r(mu) = ra + mu rb are affine, so mu^2 - 4 lambda^2 ||r(mu)||^2 (P3; its
   sign is that of mu - 2 lambda ||r(mu)|| for mu >= 0) and
   ||r(mu)||^2 - eta^2 (P1) are quadratics over Q. */
#include "internal.h"
#include "../lp/internal.h"

/* ------------------------------------------------------------- helpers */

void
kd_qsol_init(kd_qsol_t sol)
{
    kd_qvec_init(sol->x, 0);
    kd_qvec_init(sol->fit, 0);
    kd_qfield_init(sol->mu);
    kd_qfield_init(sol->resnorm);
    sol->num_eq = 0;
    sol->eq = NULL;
    sol->sign = NULL;
    sol->rank_eq = 0;
    sol->unique = KD_UNKNOWN;
}

void
kd_qsol_clear(kd_qsol_t sol)
{
    kd_qvec_clear(sol->x);
    kd_qvec_clear(sol->fit);
    kd_qfield_clear(sol->mu);
    kd_qfield_clear(sol->resnorm);
    flint_free(sol->eq);
    flint_free(sol->sign);
}

/* The start common to the P3 and P1 solvers: the path (initialised, not yet
   computed), the weights wv, ny2 = ||y||^2 and lambda_max; exact_end
   releases them. */
static void
exact_start(kd_path_t path, fmpq_mat_t wv, fmpq_t ny2, fmpq_t lmax, const fmpq_mat_t A,
            const fmpq_mat_t y, const fmpq_mat_t w)
{
    kd_path_init(path);
    fmpq_mat_init(wv, fmpq_mat_ncols(A), 1);
    fmpq_init(ny2);
    fmpq_init(lmax);
    _kd_path_weights(wv, w);
    _kd_fmpq_col_dot(ny2, y, y);
    kd_lasso_lambda_max(lmax, A, y, w);
}

static void
exact_end(kd_path_t path, fmpq_mat_t wv, fmpq_t ny2, fmpq_t lmax)
{
    kd_path_clear(path);
    fmpq_mat_clear(wv);
    fmpq_clear(ny2);
    fmpq_clear(lmax);
}

/* ||A x - y||^2 for rational x. */
static void
resid_norm2(fmpq_t s, const fmpq_mat_t A, const fmpq_mat_t y, const fmpq_mat_t x)
{
    fmpq_mat_t r;
    fmpq_mat_init(r, fmpq_mat_nrows(A), 1);
    fmpq_mat_mul(r, A, x);
    fmpq_mat_sub(r, r, y);
    _kd_fmpq_col_dot(s, r, r);
    fmpq_mat_clear(r);
}

/* r = y - A x in x's field. */
static void
q_resid(kd_qvec_t r, const fmpq_mat_t A, const fmpq_mat_t y, const kd_qvec_t x)
{
    kd_qvec_mul_fmpq_mat(r, A, x);
    fmpq_mat_sub(r->a, y, r->a);
    fmpq_mat_neg(r->b, r->b);
}

/* s = ||u||^2 = sum (a_i^2 + d b_i^2) + 2 sqrt(d) sum a_i b_i. */
static void
q_norm2(kd_qfield_t s, const kd_qvec_t u)
{
    fmpq_t t;
    fmpq_init(t);
    _kd_fmpq_col_dot(s->a, u->a, u->a);
    _kd_fmpq_col_dot(t, u->b, u->b);
    fmpq_mul_fmpz(t, t, u->d);
    fmpq_add(s->a, s->a, t);
    _kd_fmpq_col_dot(s->b, u->a, u->b);
    fmpq_mul_2exp(s->b, s->b, 1);
    fmpz_set(s->d, u->d);
    fmpq_clear(t);
}

/* x(mu) = xa + mu xb on piece k of the path. */
static void
piece_affine(fmpq_mat_t xa, fmpq_mat_t xb, const kd_path_t path, slong k)
{
    fmpq_mat_set(xb, path->slope + k);
    fmpq_mat_scalar_mul_fmpq(xa, xb, path->lambda + k);
    fmpq_mat_sub(xa, path->x + k, xa);
}

/* ra = A xa - y, rb = A xb on piece k. */
static void
piece_resid(fmpq_mat_t ra, fmpq_mat_t rb, const fmpq_mat_t A, const fmpq_mat_t y,
            const kd_path_t path, slong k)
{
    fmpq_mat_t xa, xb;
    fmpq_mat_init(xa, fmpq_mat_nrows(path->x + k), 1);
    fmpq_mat_init(xb, fmpq_mat_nrows(path->x + k), 1);
    piece_affine(xa, xb, path, k);
    fmpq_mat_mul(ra, A, xa);
    fmpq_mat_sub(ra, ra, y);
    fmpq_mat_mul(rb, A, xb);
    fmpq_mat_clear(xa);
    fmpq_mat_clear(xb);
}

/* Coefficients of mu^2 - 4 lambda^2 ||ra + mu rb||^2 (P3, lambda given) or
   of ||ra + mu rb||^2 - eta^2 (P1, eta given) on piece k. On a path piece
   with independent active columns X_A, ra = -(I - P_A) y and rb lies in the
   range of X_A, so ra . rb = 0 and c1 = 0: mu*^2 is rational. The general
   quadratic is kept anyway (it costs nothing and needs no such argument). */
static void
piece_quadratic(fmpq_t c2, fmpq_t c1, fmpq_t c0, const fmpq_mat_t A, const fmpq_mat_t y,
                const kd_path_t path, slong k, const fmpq_t lambda, const fmpq_t eta)
{
    fmpq_mat_t ra, rb;
    fmpq_t f;
    fmpq_mat_init(ra, fmpq_mat_nrows(A), 1);
    fmpq_mat_init(rb, fmpq_mat_nrows(A), 1);
    fmpq_init(f);
    piece_resid(ra, rb, A, y, path, k);
    _kd_fmpq_col_dot(c2, rb, rb);
    _kd_fmpq_col_dot(c1, ra, rb);
    fmpq_mul_2exp(c1, c1, 1);
    _kd_fmpq_col_dot(c0, ra, ra);
    if (lambda != NULL)
    {
        /* -4 lambda^2 (||rb||^2 mu^2 + 2 ra.rb mu + ||ra||^2) + mu^2 */
        fmpq_mul(f, lambda, lambda);
        fmpq_mul_2exp(f, f, 2);
        fmpq_neg(f, f);
        fmpq_mul(c2, c2, f);
        fmpq_mul(c1, c1, f);
        fmpq_mul(c0, c0, f);
        fmpq_add_si(c2, c2, 1);
    }
    else
    {
        fmpq_mul(f, eta, eta);
        fmpq_sub(c0, c0, f);
    }
    fmpq_mat_clear(ra);
    fmpq_mat_clear(rb);
    fmpq_clear(f);
}

/* The root of c2 mu^2 + c1 mu + c0 in the open interval (lo, hi), where
   the quadratic changes sign (so there is exactly one). */
static kd_status
root_in(kd_qfield_t mu, const fmpq_t c2, const fmpq_t c1, const fmpq_t c0,
        const fmpq_t lo, const fmpq_t hi)
{
    kd_qfield_t cand;
    fmpq_t disc, p, q, t;
    int s, found = 0;
    kd_status st = KD_OK;

    kd_qfield_init(cand);
    fmpq_init(disc);
    fmpq_init(p);
    fmpq_init(q);
    fmpq_init(t);
    if (fmpq_is_zero(c2))
    {
        if (fmpq_is_zero(c1))
            st = _kd_path_internal("no root on a piece with a sign change");
        else
        {
            fmpq_div(t, c0, c1);
            fmpq_neg(t, t);
            kd_qfield_set_fmpq(cand, t);
            if (fmpq_cmp(t, lo) > 0 && fmpq_cmp(t, hi) < 0)
            {
                kd_qfield_set(mu, cand);
                found = 1;
            }
        }
    }
    else
    {
        /* (-c1 +- sqrt(c1^2 - 4 c2 c0)) / (2 c2) */
        fmpq_mul(disc, c1, c1);
        fmpq_mul(t, c2, c0);
        fmpq_mul_2exp(t, t, 2);
        fmpq_sub(disc, disc, t);
        if (fmpq_sgn(disc) < 0)
            st = _kd_path_internal("negative discriminant on a piece with a sign change");
        fmpq_mul_2exp(t, c2, 1);
        fmpq_div(p, c1, t);
        fmpq_neg(p, p);
        for (s = -1; s <= 1 && st == KD_OK; s += 2)
        {
            fmpq_set_si(q, s, 1);
            fmpq_div(q, q, t);
            if ((st = kd_qfield_set_parts(cand, p, q, disc)) != KD_OK)
                break;
            if (kd_qfield_cmp_fmpq(cand, lo) > 0 && kd_qfield_cmp_fmpq(cand, hi) < 0)
            {
                if (found && !kd_qfield_equal(cand, mu))
                    st = _kd_path_internal("two roots on one piece");
                kd_qfield_set(mu, cand);
                found = 1;
            }
        }
    }
    if (st == KD_OK && !found)
        st = _kd_path_internal("the root is not on its piece");
    kd_qfield_clear(cand);
    fmpq_clear(disc);
    fmpq_clear(p);
    fmpq_clear(q);
    fmpq_clear(t);
    return st;
}

/* The matching root inside piece k (P3: lambda given; P1: eta given), where
   the quadratic changes sign, and the path's point there: sol->mu and
   sol->x = x_a + mu x_b on that piece. */
static kd_status
solve_on_piece(kd_qsol_t sol, const fmpq_mat_t A, const fmpq_mat_t y,
               const kd_path_t path, slong k, const fmpq_t lambda, const fmpq_t eta)
{
    fmpq_t c2, c1, c0;
    fmpq_mat_t xa, xb;
    kd_status st;
    fmpq_init(c2);
    fmpq_init(c1);
    fmpq_init(c0);
    fmpq_mat_init(xa, fmpq_mat_nrows(path->x + k), 1);
    fmpq_mat_init(xb, fmpq_mat_nrows(path->x + k), 1);
    piece_quadratic(c2, c1, c0, A, y, path, k, lambda, eta);
    st = root_in(sol->mu, c2, c1, c0, path->lambda + k + 1, path->lambda + k);
    if (st == KD_OK)
    {
        piece_affine(xa, xb, path, k);
        st = kd_qvec_set_affine(sol->x, xa, sol->mu, xb);
    }
    fmpq_clear(c2);
    fmpq_clear(c1);
    fmpq_clear(c0);
    fmpq_mat_clear(xa);
    fmpq_mat_clear(xb);
    return st;
}

static void
sol_alloc_eq(kd_qsol_t sol, slong n)
{
    flint_free(sol->eq);
    flint_free(sol->sign);
    sol->eq = flint_malloc(sizeof(slong) * (n + 1));
    sol->sign = flint_malloc(sizeof(int) * (n + 1));
    sol->num_eq = 0;
    sol->rank_eq = 0;
}

/* sol = x = 0 (fit 0), E empty. */
static void
sol_zero(kd_qsol_t sol, slong m, slong n)
{
    kd_qvec_zero(sol->x, n);
    kd_qvec_zero(sol->fit, m);
    sol_alloc_eq(sol, n);
}

/* E and s at mu > 0 for the solution sol->x (in mu's field), then the face
   test; sets sol->fit, sol->eq, sol->sign, sol->rank_eq and *face. */
static kd_status
eq_at(kd_truth * face, kd_qsol_t sol, const fmpq_mat_t A, const fmpq_mat_t y,
      const fmpq_mat_t wv, const kd_qfield_t mu)
{
    slong m = fmpq_mat_nrows(A), n = fmpq_mat_ncols(A), j, l;
    fmpq_mat_t At;
    kd_qvec_t r, c;
    kd_qfield_t cj, t, u;
    int * zero;
    kd_status st = KD_OK;

    fmpq_mat_init(At, n, m);
    fmpq_mat_transpose(At, A);
    kd_qvec_init(r, m);
    kd_qvec_init(c, n);
    kd_qfield_init(cj);
    kd_qfield_init(t);
    kd_qfield_init(u);
    zero = flint_malloc(sizeof(int) * (n + 1));
    sol_alloc_eq(sol, n);
    kd_qvec_mul_fmpq_mat(sol->fit, A, sol->x);
    q_resid(r, A, y, sol->x);
    kd_qvec_mul_fmpq_mat(c, At, r);
    for (j = 0; j < n && st == KD_OK; j++)
    {
        int s = 0;
        kd_qvec_get_entry(cj, c, j);
        /* c_j = a_j^T r: j is in E when 2 c_j = +- mu w_j */
        kd_qfield_mul_fmpq(t, mu, fmpq_mat_entry(wv, j, 0));
        kd_qfield_add(u, cj, cj);
        if ((st = kd_qfield_sub(u, u, t)) != KD_OK)
            break;
        if (kd_qfield_is_zero(u))
            s = 1;
        else
        {
            kd_qfield_add(u, cj, cj);
            if ((st = kd_qfield_add(u, u, t)) != KD_OK)
                break;
            if (kd_qfield_is_zero(u))
                s = -1;
        }
        if (s != 0)
        {
            l = sol->num_eq++;
            sol->eq[l] = j;
            sol->sign[l] = s;
            kd_qvec_get_entry(u, sol->x, j);
            zero[l] = kd_qfield_is_zero(u);
        }
    }
    if (st == KD_OK)
        st = _kd_path_face_unique(face, &sol->rank_eq, A, sol->eq, sol->sign, zero,
                                  sol->num_eq);
    flint_free(zero);
    fmpq_mat_clear(At);
    kd_qvec_clear(r);
    kd_qvec_clear(c);
    kd_qfield_clear(cj);
    kd_qfield_clear(t);
    kd_qfield_clear(u);
    return st;
}

static int
piece_is_zero(const fmpq_t c2, const fmpq_t c1, const fmpq_t c0)
{
    return fmpq_is_zero(c2) && fmpq_is_zero(c1) && fmpq_is_zero(c0);
}

/* ------------------------------------------------------------- checks */

/* The data and the candidate's length, checked before either check's own
   parameter. */
static kd_status
check_candidate(const kd_qvec_t x, const fmpq_mat_t A, const fmpq_mat_t y, const fmpq_mat_t w)
{
    kd_status st;
    if ((st = _kd_path_check_data(A, y, w)) != KD_OK)
        return st;
    if (kd_qvec_length(x) != fmpq_mat_ncols(A))
        return kd_error_set(KD_ERR_SIZE, "x must have length %ld", (long) fmpq_mat_ncols(A));
    return KD_OK;
}

/* What both checks read off a candidate x: the weights wv, the residual r
   of q_resid, rho = ||r||^2 and g = A^T r; check_end releases them. */
static void
check_start(fmpq_mat_t wv, kd_qvec_t r, kd_qvec_t g, kd_qfield_t rho, const kd_qvec_t x,
            const fmpq_mat_t A, const fmpq_mat_t y, const fmpq_mat_t w)
{
    slong m = fmpq_mat_nrows(A), n = fmpq_mat_ncols(A);
    fmpq_mat_t At;
    fmpq_mat_init(At, n, m);
    fmpq_mat_init(wv, n, 1);
    kd_qvec_init(r, m);
    kd_qvec_init(g, n);
    kd_qfield_init(rho);
    _kd_path_weights(wv, w);
    fmpq_mat_transpose(At, A);
    q_resid(r, A, y, x);
    q_norm2(rho, r);
    kd_qvec_mul_fmpq_mat(g, At, r);
    fmpq_mat_clear(At);
}

static void
check_end(fmpq_mat_t wv, kd_qvec_t r, kd_qvec_t g, kd_qfield_t rho)
{
    fmpq_mat_clear(wv);
    kd_qvec_clear(r);
    kd_qvec_clear(g);
    kd_qfield_clear(rho);
}

kd_status
kd_p3_check_qvec(kd_truth * res, const kd_qvec_t x, const fmpq_mat_t A, const fmpq_mat_t y,
                 const fmpq_mat_t w, const fmpq_t lambda)
{
    slong n = fmpq_mat_ncols(A), j;
    fmpq_mat_t wv;
    kd_qvec_t r, g;
    kd_qfield_t rho, gj, xj, t, g2;
    fmpq_t lw;
    kd_status st;

    if ((st = check_candidate(x, A, y, w)) != KD_OK)
        return st;
    if (fmpq_sgn(lambda) <= 0)
        return kd_error_set(KD_ERR_ARG, "lambda must be > 0");
    check_start(wv, r, g, rho, x, A, y, w);
    kd_qfield_init(gj);
    kd_qfield_init(xj);
    kd_qfield_init(t);
    kd_qfield_init(g2);
    fmpq_init(lw);

    *res = KD_TRUE;
    if (kd_qfield_is_zero(rho))
        *res = kd_qvec_is_zero(x) ? KD_TRUE : KD_UNKNOWN;
    else
    {
        for (j = 0; j < n && *res == KD_TRUE; j++)
        {
            int sx;
            kd_qvec_get_entry(gj, g, j);
            kd_qvec_get_entry(xj, x, j);
            /* t = lambda^2 w_j^2 ||r||^2, compared with (a_j^T r)^2 */
            fmpq_mul(lw, lambda, fmpq_mat_entry(wv, j, 0));
            fmpq_mul(lw, lw, lw);
            kd_qfield_mul_fmpq(t, rho, lw);
            kd_qfield_mul(g2, gj, gj);
            sx = kd_qfield_sgn(xj);
            if (sx != 0)
            {
                if (kd_qfield_sgn(gj) != sx || !kd_qfield_equal(g2, t))
                    *res = KD_FALSE;
            }
            else if (kd_qfield_cmp(g2, t) > 0)
                *res = KD_FALSE;
        }
    }
    check_end(wv, r, g, rho);
    kd_qfield_clear(gj);
    kd_qfield_clear(xj);
    kd_qfield_clear(t);
    kd_qfield_clear(g2);
    fmpq_clear(lw);
    return KD_OK;
}

kd_status
kd_p1_check_qvec(kd_truth * res, const kd_qvec_t x, const fmpq_mat_t A, const fmpq_mat_t y,
                 const fmpq_mat_t w, const fmpq_t eta)
{
    slong n = fmpq_mat_ncols(A), j, j0;
    fmpq_mat_t wv;
    kd_qvec_t r, g;
    kd_qfield_t rho, gj, xj, tau, t;
    fmpq_t e2;
    int c;
    kd_status st;

    if ((st = check_candidate(x, A, y, w)) != KD_OK)
        return st;
    if (fmpq_sgn(eta) < 0)
        return kd_error_set(KD_ERR_ARG, "eta must be >= 0");
    check_start(wv, r, g, rho, x, A, y, w);
    kd_qfield_init(gj);
    kd_qfield_init(xj);
    kd_qfield_init(tau);
    kd_qfield_init(t);
    fmpq_init(e2);

    fmpq_mul(e2, eta, eta);
    c = kd_qfield_cmp_fmpq(rho, e2);
    if (c > 0)
        *res = KD_FALSE;                /* infeasible */
    else if (kd_qvec_is_zero(x))
        *res = KD_TRUE;                 /* feasible with objective 0 */
    else if (c < 0)
        *res = KD_FALSE;                /* (1 - eps) x is feasible and better */
    else if (fmpq_is_zero(eta) || kd_qvec_is_zero(g))
        *res = KD_UNKNOWN;              /* no Slater point: needs a BP certificate */
    else
    {
        /* The multiplier from the first support coordinate, then all. */
        for (j0 = 0; j0 < n; j0++)
        {
            kd_qvec_get_entry(xj, x, j0);
            if (!kd_qfield_is_zero(xj))
                break;
        }
        kd_qvec_get_entry(gj, g, j0);
        *res = KD_TRUE;
        if (kd_qfield_sgn(gj) != kd_qfield_sgn(xj))
            *res = KD_FALSE;
        else
        {
            kd_qfield_set_fmpq(t, fmpq_mat_entry(wv, j0, 0));
            if (kd_qfield_sgn(xj) < 0)
                kd_qfield_neg(t, t);
            kd_qfield_div(tau, t, gj);
        }
        for (j = 0; j < n && *res == KD_TRUE; j++)
        {
            int sx;
            kd_qvec_get_entry(gj, g, j);
            kd_qvec_get_entry(xj, x, j);
            kd_qfield_mul(t, tau, gj);
            sx = kd_qfield_sgn(xj);
            if (sx != 0)
            {
                fmpq_t ws;
                fmpq_init(ws);
                fmpq_set(ws, fmpq_mat_entry(wv, j, 0));
                if (sx < 0)
                    fmpq_neg(ws, ws);
                if (kd_qfield_cmp_fmpq(t, ws) != 0)
                    *res = KD_FALSE;
                fmpq_clear(ws);
            }
            else
            {
                fmpq * wj = fmpq_mat_entry(wv, j, 0);
                fmpq_t nw;
                fmpq_init(nw);
                fmpq_neg(nw, wj);
                if (kd_qfield_cmp_fmpq(t, wj) > 0 || kd_qfield_cmp_fmpq(t, nw) < 0)
                    *res = KD_FALSE;
                fmpq_clear(nw);
            }
        }
    }
    check_end(wv, r, g, rho);
    kd_qfield_clear(gj);
    kd_qfield_clear(xj);
    kd_qfield_clear(tau);
    kd_qfield_clear(t);
    fmpq_clear(e2);
    return KD_OK;
}

/* ------------------------------------------------------------- P3 */

kd_status
kd_p3_solve_exact(kd_qsol_t sol, const fmpq_mat_t A, const fmpq_mat_t y,
                  const fmpq_mat_t w, const fmpq_t lambda)
{
    slong m, n, k, K;
    kd_path_t path;
    fmpq_mat_t wv;
    fmpq_t ny2, lmax, lhs, rhs, c2, c1, c0, q, t;
    kd_truth face = KD_TRUE, ok;
    int iso = 1, cmp;
    kd_status st;

    if ((st = _kd_path_check_data(A, y, w)) != KD_OK)
        return st;
    if (fmpq_sgn(lambda) <= 0)
        return kd_error_set(KD_ERR_ARG, "lambda must be > 0");
    m = fmpq_mat_nrows(A);
    n = fmpq_mat_ncols(A);
    exact_start(path, wv, ny2, lmax, A, y, w);
    fmpq_init(lhs);
    fmpq_init(rhs);
    fmpq_init(c2);
    fmpq_init(c1);
    fmpq_init(c0);
    fmpq_init(q);
    fmpq_init(t);

    if (fmpq_is_zero(ny2))
    {
        /* y = 0: the objective is >= lambda ||x||_{1,w}, zero only at 0 */
        sol_zero(sol, m, n);
        kd_qfield_zero(sol->mu);
        kd_qfield_zero(sol->resnorm);
        sol->unique = KD_TRUE;
        goto check;
    }
    /* x = 0 iff (lambda_max / 2)^2 <= lambda^2 ||y||^2 */
    fmpq_mul(lhs, lmax, lmax);
    fmpq_div_2exp(lhs, lhs, 2);
    fmpq_mul(rhs, lambda, lambda);
    fmpq_mul(rhs, rhs, ny2);
    cmp = fmpq_cmp(lhs, rhs);
    if (cmp < 0)
    {
        sol_zero(sol, m, n);
        fmpq_mul_2exp(t, rhs, 2);
        kd_qfield_sqrt_fmpq(sol->mu, t);        /* 2 lambda ||y|| */
        kd_qfield_sqrt_fmpq(sol->resnorm, ny2);
        sol->unique = KD_TRUE;
        goto check;
    }

    fmpq_zero(t);
    if ((st = kd_path_compute(path, A, y, w, t)) != KD_OK)
        goto cleanup;
    K = path->length;

    if (cmp == 0)
    {
        /* x = 0 with mu = lambda_max = 2 lambda ||y||: a root at the top
           knot; it is isolated unless the first piece matches identically. */
        kd_qvec_zero(sol->x, n);
        kd_qfield_set_fmpq(sol->mu, lmax);
        kd_qfield_sqrt_fmpq(sol->resnorm, ny2);
        piece_quadratic(c2, c1, c0, A, y, path, 0, lambda, NULL);
        iso = !piece_is_zero(c2, c1, c0);
        if ((st = eq_at(&face, sol, A, y, wv, sol->mu)) != KD_OK)
            goto cleanup;
        sol->unique = iso ? face : KD_FALSE;
        goto check;
    }

    /* The largest root of mu = 2 lambda ||r(mu)||: the first knot from the
       top where mu^2 - 4 lambda^2 ||r||^2 <= 0. It is positive at lambda_max
       (cmp > 0) and, the matching function being concave on each piece, a
       piece whose ends are positive has no root inside. */
    for (k = 1; k < K; k++)
    {
        resid_norm2(q, A, y, path->x + k);
        fmpq_mul(t, lambda, lambda);
        fmpq_mul_2exp(t, t, 2);
        fmpq_mul(q, q, t);
        fmpq_mul(t, path->lambda + k, path->lambda + k);
        fmpq_sub(q, t, q);
        if (fmpq_sgn(q) > 0)
            continue;
        if (fmpq_is_zero(q))
        {
            if (fmpq_is_zero(path->lambda + k))
            {
                st = kd_error_set(KD_ERR_UNSUPPORTED,
                                  "zero residual: the P3 minimiser solves basis pursuit");
                goto cleanup;
            }
            /* a root at a knot: isolated unless the piece below matches */
            kd_qfield_set_fmpq(sol->mu, path->lambda + k);
            kd_qvec_set_fmpq_mat(sol->x, path->x + k);
            piece_quadratic(c2, c1, c0, A, y, path, k, lambda, NULL);
            iso = !piece_is_zero(c2, c1, c0);
        }
        else
        {
            /* a sign change inside piece k - 1: one simple root there */
            if ((st = solve_on_piece(sol, A, y, path, k - 1, lambda, NULL)) != KD_OK)
                goto cleanup;
        }
        break;
    }
    if (k == K)
    {
        st = _kd_path_internal("P3 matching root not found");
        goto cleanup;
    }
    fmpq_mul_2exp(t, lambda, 1);
    kd_qfield_div_fmpq(sol->resnorm, sol->mu, t);
    if ((st = eq_at(&face, sol, A, y, wv, sol->mu)) != KD_OK)
        goto cleanup;
    sol->unique = iso ? face : KD_FALSE;

check:
    kd_qvec_mul_fmpq_mat(sol->fit, A, sol->x);
    if ((st = kd_p3_check_qvec(&ok, sol->x, A, y, w, lambda)) == KD_OK && ok != KD_TRUE)
        st = _kd_path_internal("P3 optimality check fails");

cleanup:
    exact_end(path, wv, ny2, lmax);
    fmpq_clear(lhs);
    fmpq_clear(rhs);
    fmpq_clear(c2);
    fmpq_clear(c1);
    fmpq_clear(c0);
    fmpq_clear(q);
    fmpq_clear(t);
    return st;
}

/* ------------------------------------------------------------- P1 */

/* eta equals the least-squares residual norm: x = x(0), the path's limit.
   On the last piece the correlations are c(mu) = mu * (their value at the
   midpoint / midpoint), since c(0) = 2 A^T (y - A x(0)) = 0; g = c / mu
   certifies x(0) for min ||x||_{1,w} s.t. A x = A x(0) (|g_j| <= w_j, with
   equality and sign(x_j) on the support) and gives E. */
static kd_status
p1_at_limit(kd_qsol_t sol, const fmpq_mat_t A, const fmpq_mat_t y, const fmpq_mat_t wv,
            const kd_path_t path)
{
    slong m = fmpq_mat_nrows(A), n = fmpq_mat_ncols(A), K = path->length, j, l;
    fmpq_mat_t xm, c, c0;
    fmpq_t mum, t, u;
    int * zero;
    kd_status st = KD_OK;

    fmpq_mat_init(xm, n, 1);
    fmpq_mat_init(c, n, 1);
    fmpq_mat_init(c0, n, 1);
    fmpq_init(mum);
    fmpq_init(t);
    fmpq_init(u);
    zero = flint_malloc(sizeof(int) * (n + 1));
    fmpq_div_2exp(mum, path->lambda + K - 2, 1);
    kd_path_eval(xm, path, mum);
    _kd_path_corr(c, A, y, xm);
    _kd_path_corr(c0, A, y, path->x + K - 1);
    if (!fmpq_mat_is_zero(c0))
        st = _kd_path_internal("the path limit is not a least-squares solution");
    kd_qvec_set_fmpq_mat(sol->x, path->x + K - 1);
    kd_qvec_zero(sol->fit, m);
    sol_alloc_eq(sol, n);
    for (j = 0; j < n && st == KD_OK; j++)
    {
        int sx = fmpq_sgn(fmpq_mat_entry(path->x + K - 1, j, 0));
        fmpq_abs(t, fmpq_mat_entry(c, j, 0));
        fmpq_mul(u, mum, fmpq_mat_entry(wv, j, 0));
        if (fmpq_cmp(t, u) > 0
            || (sx != 0 && (!fmpq_equal(t, u) || fmpq_sgn(fmpq_mat_entry(c, j, 0)) != sx)))
            st = _kd_path_internal("no dual certificate at the path limit");
        else if (fmpq_equal(t, u))
        {
            l = sol->num_eq++;
            sol->eq[l] = j;
            sol->sign[l] = fmpq_sgn(fmpq_mat_entry(c, j, 0));
            zero[l] = (sx == 0);
        }
    }
    if (st == KD_OK)
        st = _kd_path_face_unique(&sol->unique, &sol->rank_eq, A, sol->eq, sol->sign,
                                  zero, sol->num_eq);
    kd_qvec_mul_fmpq_mat(sol->fit, A, sol->x);
    kd_qfield_zero(sol->mu);
    flint_free(zero);
    fmpq_mat_clear(xm);
    fmpq_mat_clear(c);
    fmpq_mat_clear(c0);
    fmpq_clear(mum);
    fmpq_clear(t);
    fmpq_clear(u);
    return st;
}

kd_status
kd_p1_solve_exact(kd_qsol_t sol, const fmpq_mat_t A, const fmpq_mat_t y,
                  const fmpq_mat_t w, const fmpq_t eta)
{
    slong m, n, k, K;
    kd_path_t path;
    fmpq_mat_t wv;
    fmpq_t ny2, e2, lmax, q;
    kd_truth face = KD_TRUE, ok;
    kd_status st;

    if ((st = _kd_path_check_data(A, y, w)) != KD_OK)
        return st;
    if (fmpq_sgn(eta) < 0)
        return kd_error_set(KD_ERR_ARG, "eta must be >= 0");
    m = fmpq_mat_nrows(A);
    n = fmpq_mat_ncols(A);
    exact_start(path, wv, ny2, lmax, A, y, w);
    fmpq_init(e2);
    fmpq_init(q);
    fmpq_mul(e2, eta, eta);

    if (fmpq_cmp(e2, ny2) >= 0)
    {
        /* 0 is feasible and the only point of objective 0 */
        sol_zero(sol, m, n);
        kd_qfield_set_fmpq(sol->mu, lmax);
        kd_qfield_sqrt_fmpq(sol->resnorm, ny2);
        sol->unique = KD_TRUE;
        goto check;
    }

    fmpq_zero(q);
    if ((st = kd_path_compute(path, A, y, w, q)) != KD_OK)
        goto cleanup;
    K = path->length;
    resid_norm2(q, A, y, path->x + K - 1);      /* least-squares residual^2 */
    if (fmpq_cmp(e2, q) < 0)
    {
        st = kd_error_set(KD_ERR_DOMAIN,
                          "infeasible: eta is below the least-squares residual norm");
        goto cleanup;
    }
    kd_qfield_set_fmpq(sol->resnorm, eta);
    if (fmpq_equal(e2, q))
    {
        st = p1_at_limit(sol, A, y, wv, path);
        goto cleanup;   /* kd_p1_check_qvec cannot decide here (no Slater point) */
    }

    /* ||r(mu)||^2 increases strictly from ||r(0)||^2 < eta^2 to ||y||^2 >
       eta^2 (it is not constant on any piece below lambda_max): the first
       knot from the top with ||r||^2 <= eta^2 brackets the only root. */
    for (k = 1; k < K; k++)
    {
        resid_norm2(q, A, y, path->x + k);
        fmpq_sub(q, q, e2);
        if (fmpq_sgn(q) > 0)
            continue;
        if (fmpq_is_zero(q))
        {
            kd_qfield_set_fmpq(sol->mu, path->lambda + k);
            kd_qvec_set_fmpq_mat(sol->x, path->x + k);
        }
        else
        {
            if ((st = solve_on_piece(sol, A, y, path, k - 1, NULL, eta)) != KD_OK)
                goto cleanup;
        }
        break;
    }
    if (k == K)
    {
        st = _kd_path_internal("P1 root not found");
        goto cleanup;
    }
    if ((st = eq_at(&face, sol, A, y, wv, sol->mu)) != KD_OK)
        goto cleanup;
    sol->unique = face;

check:
    kd_qvec_mul_fmpq_mat(sol->fit, A, sol->x);
    if ((st = kd_p1_check_qvec(&ok, sol->x, A, y, w, eta)) == KD_OK && ok != KD_TRUE)
        st = _kd_path_internal("P1 optimality check fails");

cleanup:
    exact_end(path, wv, ny2, lmax);
    fmpq_clear(e2);
    fmpq_clear(q);
    return st;
}
