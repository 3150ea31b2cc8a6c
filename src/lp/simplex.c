/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Exact linear programming: the primal (two-phase) and dual simplex
   methods on a fraction-free basis inverse, and the exact check of their
   certificates. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "kdigits/util.h"

/* After this many consecutive degenerate pivots (primal: step 0; dual:
   reduced cost 0) the pivot choice switches to Bland's smallest-index rule
   until the next strictly improving pivot. Any value keeps the methods
   finite; a small one keeps degenerate stalls (frequent in basis pursuit
   with sparse solutions) short. */
#define KD_LP_DEGENERATE_RUN 8

/* ------------------------------------------------------------ helpers */

void
_kd_fmpq_mat_fit(fmpq_mat_t M, slong r, slong c)
{
    if (fmpq_mat_nrows(M) != r || fmpq_mat_ncols(M) != c)
    {
        fmpq_mat_clear(M);
        fmpq_mat_init(M, r, c);
    }
}

void
_kd_lcm_den(fmpz_t den, const fmpq_t q)
{
    if (!fmpz_is_one(fmpq_denref(q)))
        fmpz_lcm(den, den, fmpq_denref(q));
}

kd_status
_kd_lp_internal(const char * what)
{
    return kd_error_set(KD_ERR_INTERNAL,
                        "internal error: %s (a bug in kdigits' lp module; no answer was returned)",
                        what);
}

int
_kd_is_vec(const fmpq_mat_t v, slong len)
{
    return fmpq_mat_nrows(v) == len && fmpq_mat_ncols(v) == 1;
}

/* ------------------------------------------------------------ fraction-free basis */

void
_kd_ffb_init(_kd_ffb_t F, slong m, const fmpz * b, slong first)
{
    slong i;
    F->m = m;
    F->R = _fmpz_vec_init(m * m);
    for (i = 0; i < m; i++)
        fmpz_one(F->R + i * m + i);
    fmpz_init_set_ui(F->D, 1);
    F->xb = _fmpz_vec_init(m);
    _fmpz_vec_set(F->xb, b, m);
    F->basis = flint_malloc(FLINT_MAX(m, 1) * sizeof(slong));
    for (i = 0; i < m; i++)
        F->basis[i] = first + i;
    fmpz_init(F->t);
}

void
_kd_ffb_clear(_kd_ffb_t F)
{
    _fmpz_vec_clear(F->R, F->m * F->m);
    fmpz_clear(F->D);
    _fmpz_vec_clear(F->xb, F->m);
    flint_free(F->basis);
    fmpz_clear(F->t);
}

void
_kd_ffb_ftran(fmpz * alpha, const _kd_ffb_t F, const fmpz * a)
{
    slong m = F->m, i, k, nz = 0;
    slong * idx = flint_malloc(FLINT_MAX(m, 1) * sizeof(slong));
    /* data columns are often sparse (identity columns, zero blocks) */
    for (k = 0; k < m; k++)
        if (!fmpz_is_zero(a + k))
            idx[nz++] = k;
    for (i = 0; i < m; i++)
    {
        const fmpz * Ri = F->R + i * m;
        fmpz_zero(alpha + i);
        for (k = 0; k < nz; k++)
            fmpz_addmul(alpha + i, Ri + idx[k], a + idx[k]);
    }
    flint_free(idx);
}

void
_kd_ffb_pivot(_kd_ffb_t F, slong r, const fmpz * alpha, slong enter,
              fmpz * ybar, const fmpz_t dq)
{
    slong m = F->m, i, k;
    fmpz * Rr = F->R + r * m;
    fmpz * t = F->t;
    fmpz_t ar;
    fmpz_init_set(ar, alpha + r);

    for (i = 0; i < m; i++)
    {
        fmpz * Ri = F->R + i * m;
        const fmpz * ai = alpha + i;
        if (i == r)
            continue;
        if (fmpz_is_zero(ai))
        {
            /* R_i <- alpha_r R_i / D: nothing to do when alpha_r = D */
            if (!fmpz_equal(ar, F->D))
            {
                for (k = 0; k < m; k++)
                    if (!fmpz_is_zero(Ri + k))
                    {
                        fmpz_mul(t, Ri + k, ar);
                        fmpz_divexact(Ri + k, t, F->D);
                    }
                fmpz_mul(t, F->xb + i, ar);
                fmpz_divexact(F->xb + i, t, F->D);
            }
        }
        else
        {
            for (k = 0; k < m; k++)
            {
                fmpz_mul(t, Ri + k, ar);
                fmpz_submul(t, ai, Rr + k);
                fmpz_divexact(Ri + k, t, F->D);
            }
            fmpz_mul(t, F->xb + i, ar);
            fmpz_submul(t, ai, F->xb + r);
            fmpz_divexact(F->xb + i, t, F->D);
        }
    }
    /* the dual moves by (d_q / alpha_r) times row r of B^{-1}; row r of R
       itself is unchanged by the pivot */
    if (ybar != NULL)
        for (k = 0; k < m; k++)
        {
            fmpz_mul(t, ybar + k, ar);
            fmpz_addmul(t, dq, Rr + k);
            fmpz_divexact(ybar + k, t, F->D);
        }
    fmpz_swap(F->D, ar);
    if (fmpz_sgn(F->D) < 0)
    {
        /* keep D > 0 so that signs of scaled quantities are true signs */
        fmpz_neg(F->D, F->D);
        _fmpz_vec_neg(F->R, F->R, m * m);
        _fmpz_vec_neg(F->xb, F->xb, m);
        if (ybar != NULL)
            _fmpz_vec_neg(ybar, ybar, m);
    }
    F->basis[r] = enter;
    fmpz_clear(ar);
}

/* ------------------------------------------------------------ results */

void
kd_lp_result_init(kd_lp_result_t res)
{
    res->outcome = KD_LP_INFEASIBLE;
    res->m = 0;
    res->n = 0;
    fmpq_mat_init(&res->x, 0, 1);
    fmpq_mat_init(&res->y, 0, 1);
    fmpq_mat_init(&res->ray, 0, 1);
    fmpq_init(&res->value);
    res->basis = NULL;
    res->rank = -1;
    res->pivots = 0;
    res->pivots_phase1 = 0;
}

void
kd_lp_result_clear(kd_lp_result_t res)
{
    fmpq_mat_clear(&res->x);
    fmpq_mat_clear(&res->y);
    fmpq_mat_clear(&res->ray);
    fmpq_clear(&res->value);
    flint_free(res->basis);
    res->basis = NULL;
}

/* ------------------------------------------------------------ checking */

static int
vec_nonneg(const fmpq_mat_t v)
{
    slong i;
    for (i = 0; i < fmpq_mat_nrows(v); i++)
        if (fmpq_sgn(fmpq_mat_entry(v, i, 0)) < 0)
            return 0;
    return 1;
}

void
_kd_fmpq_col_dot(fmpq_t r, const fmpq_mat_t u, const fmpq_mat_t v)
{
    slong i;
    fmpq_zero(r);
    for (i = 0; i < fmpq_mat_nrows(u); i++)
        fmpq_addmul(r, fmpq_mat_entry(u, i, 0), fmpq_mat_entry(v, i, 0));
}

/* yA = y^T A as a 1 x n matrix */
static void
row_times(fmpq_mat_t yA, const fmpq_mat_t y, const fmpq_mat_t A)
{
    fmpq_mat_t yt;
    fmpq_mat_init(yt, 1, fmpq_mat_nrows(y));
    fmpq_mat_transpose(yt, y);
    _kd_fmpq_mat_fit(yA, 1, fmpq_mat_ncols(A));
    fmpq_mat_mul(yA, yt, A);
    fmpq_mat_clear(yt);
}

static kd_status
check_fail(const char * what)
{
    return kd_error_set(KD_ERR_UNDECIDED, "LP certificate check failed: %s", what);
}

kd_status
kd_lp_result_check(const kd_lp_result_t res, const fmpq_mat_t A, const fmpq_mat_t b,
                   const fmpq_mat_t c)
{
    slong m = fmpq_mat_nrows(A), n = fmpq_mat_ncols(A), j;
    kd_status st = KD_OK;
    fmpq_mat_t Ax, yA;
    fmpq_t s, t;

    if (!_kd_is_vec(b, m) || !_kd_is_vec(c, n))
        return kd_error_set(KD_ERR_SIZE, "LP check: A is %ld x %ld, b must be %ld x 1 and c %ld x 1",
                            m, n, m, n);
    fmpq_mat_init(Ax, m, 1);
    fmpq_mat_init(yA, 1, n);
    fmpq_init(s);
    fmpq_init(t);

    if (res->outcome == KD_LP_OPTIMAL || res->outcome == KD_LP_UNBOUNDED)
    {
        if (!_kd_is_vec(&res->x, n))
        {
            st = check_fail("x has the wrong size");
            goto done;
        }
        if (!vec_nonneg(&res->x))
        {
            st = check_fail("x is not >= 0");
            goto done;
        }
        fmpq_mat_mul(Ax, A, &res->x);
        if (!fmpq_mat_equal(Ax, b))
        {
            st = check_fail("A x != b");
            goto done;
        }
    }
    if (res->outcome == KD_LP_OPTIMAL)
    {
        if (!_kd_is_vec(&res->y, m))
        {
            st = check_fail("y has the wrong size");
            goto done;
        }
        row_times(yA, &res->y, A);
        for (j = 0; j < n; j++)
            if (fmpq_cmp(fmpq_mat_entry(yA, 0, j), fmpq_mat_entry(c, j, 0)) > 0)
            {
                st = check_fail("A^T y <= c fails");
                goto done;
            }
        _kd_fmpq_col_dot(s, c, &res->x);
        _kd_fmpq_col_dot(t, b, &res->y);
        if (!fmpq_equal(s, t) || !fmpq_equal(s, &res->value))
        {
            st = check_fail("c^T x, b^T y and the value differ");
            goto done;
        }
    }
    else if (res->outcome == KD_LP_INFEASIBLE)
    {
        if (!_kd_is_vec(&res->y, m))
        {
            st = check_fail("y has the wrong size");
            goto done;
        }
        row_times(yA, &res->y, A);
        for (j = 0; j < n; j++)
            if (fmpq_sgn(fmpq_mat_entry(yA, 0, j)) > 0)
            {
                st = check_fail("Farkas vector: A^T y <= 0 fails");
                goto done;
            }
        _kd_fmpq_col_dot(t, b, &res->y);
        if (fmpq_sgn(t) <= 0)
        {
            st = check_fail("Farkas vector: b^T y > 0 fails");
            goto done;
        }
    }
    else if (res->outcome == KD_LP_UNBOUNDED)
    {
        if (!_kd_is_vec(&res->ray, n) || !vec_nonneg(&res->ray))
        {
            st = check_fail("the ray is not >= 0");
            goto done;
        }
        fmpq_mat_mul(Ax, A, &res->ray);
        if (!fmpq_mat_is_zero(Ax))
        {
            st = check_fail("A d != 0 for the ray d");
            goto done;
        }
        _kd_fmpq_col_dot(s, c, &res->ray);
        if (fmpq_sgn(s) >= 0)
        {
            st = check_fail("c^T d < 0 fails for the ray d");
            goto done;
        }
    }
    else
        st = check_fail("unknown outcome");

done:
    fmpq_mat_clear(Ax);
    fmpq_mat_clear(yA);
    fmpq_clear(s);
    fmpq_clear(t);
    return st;
}

/* ------------------------------------------------------------ the simplex method */

/* The LP scaled to integers: row i of (A | b) times rs_i (sign-flipped so
   that bh >= 0 and divided by the row's content), c times gamma > 0. The
   variables are the n structural ones, then one artificial per row
   (column e_i, index n + i). */
typedef struct
{
    slong m, n;
    fmpz * At;      /* n x m: column j of the scaled A at At + j m */
    fmpz * bh;      /* m */
    fmpz * ch;      /* n */
    fmpq * rs;      /* m */
    fmpq_t gamma;
    slong * pos;    /* n + m: row where a variable is basic, or -1 */
    int bland;      /* Bland's rule throughout */
}
lp_t;

static void
lp_init(lp_t * P, const fmpq_mat_t A, const fmpq_mat_t b, const fmpq_mat_t c, int bland)
{
    slong m = fmpq_mat_nrows(A), n = fmpq_mat_ncols(A), i, j;
    fmpz_t den, g, t;

    fmpz_init(den);
    fmpz_init(g);
    fmpz_init(t);
    P->m = m;
    P->n = n;
    P->bland = bland;
    P->At = _fmpz_vec_init(n * m);
    P->bh = _fmpz_vec_init(m);
    P->ch = _fmpz_vec_init(n);
    P->rs = _fmpq_vec_init(m);
    fmpq_init(P->gamma);
    P->pos = flint_malloc(FLINT_MAX(n + m, 1) * sizeof(slong));

    for (i = 0; i < m; i++)
    {
        fmpz_one(den);
        for (j = 0; j < n; j++)
            _kd_lcm_den(den, fmpq_mat_entry(A, i, j));
        _kd_lcm_den(den, fmpq_mat_entry(b, i, 0));
        for (j = 0; j < n; j++)
        {
            fmpz_divexact(t, den, fmpq_mat_entry_den(A, i, j));
            fmpz_mul(P->At + j * m + i, t, fmpq_mat_entry_num(A, i, j));
        }
        fmpz_divexact(t, den, fmpq_mat_entry_den(b, i, 0));
        fmpz_mul(P->bh + i, t, fmpq_mat_entry_num(b, i, 0));
        /* divide the row by its content: smaller determinants */
        fmpz_abs(g, P->bh + i);
        for (j = 0; j < n && !fmpz_is_one(g); j++)
            fmpz_gcd(g, g, P->At + j * m + i);
        if (fmpz_is_zero(g))
            fmpz_one(g);
        if (fmpz_sgn(P->bh + i) < 0)
            fmpz_neg(g, g);
        if (!fmpz_is_one(g))
        {
            for (j = 0; j < n; j++)
                fmpz_divexact(P->At + j * m + i, P->At + j * m + i, g);
            fmpz_divexact(P->bh + i, P->bh + i, g);
        }
        fmpq_set_fmpz_frac(P->rs + i, den, g);
    }

    fmpz_one(den);
    for (j = 0; j < n; j++)
        _kd_lcm_den(den, fmpq_mat_entry(c, j, 0));
    for (j = 0; j < n; j++)
    {
        fmpz_divexact(t, den, fmpq_mat_entry_den(c, j, 0));
        fmpz_mul(P->ch + j, t, fmpq_mat_entry_num(c, j, 0));
    }
    _fmpz_vec_content(g, P->ch, n);
    if (fmpz_is_zero(g))
        fmpz_one(g);
    if (!fmpz_is_one(g))
        _fmpz_vec_scalar_divexact_fmpz(P->ch, P->ch, n, g);
    fmpq_set_fmpz_frac(P->gamma, den, g);

    fmpz_clear(den);
    fmpz_clear(g);
    fmpz_clear(t);
}

static void
lp_clear(lp_t * P)
{
    _fmpz_vec_clear(P->At, P->n * P->m);
    _fmpz_vec_clear(P->bh, P->m);
    _fmpz_vec_clear(P->ch, P->n);
    _fmpq_vec_clear(P->rs, P->m);
    fmpq_clear(P->gamma);
    flint_free(P->pos);
}

static void
lp_sync_pos(lp_t * P, const _kd_ffb_t F)
{
    slong i;
    for (i = 0; i < P->n + P->m; i++)
        P->pos[i] = -1;
    for (i = 0; i < P->m; i++)
        P->pos[F->basis[i]] = i;
}

/* ybar = c_B^T R for the costs cost[0..n) of the structural variables and
   art (0 or 1) for every artificial one. */
static void
lp_dual(fmpz * ybar, const lp_t * P, const _kd_ffb_t F, const fmpz * cost, int art)
{
    slong i, m = P->m;
    _fmpz_vec_zero(ybar, m);
    for (i = 0; i < m; i++)
    {
        slong v = F->basis[i];
        if (v < P->n)
        {
            if (cost != NULL && !fmpz_is_zero(cost + v))
                _fmpz_vec_scalar_addmul_fmpz(ybar, F->R + i * m, m, cost + v);
        }
        else if (art)
            _fmpz_vec_add(ybar, ybar, F->R + i * m, m);
    }
}

/* The dual ratio test on row r of B^{-1} A: the nonbasic structural column
   q minimising d_j / |alpha_rj| over the columns with alpha_rj != 0 (and,
   when sgn != 0, of the sign of sgn), ties to the smallest index; -1 when
   there is none. aq = |alpha_rq| and dq = d_q, the reduced cost times D. */
static slong
lp_dual_ratio(fmpz_t aq, fmpz_t dq, const lp_t * P, const _kd_ffb_t F, const fmpz * ybar,
              slong r, int sgn)
{
    slong m = P->m, j, q = -1;
    fmpz_t arj, dj, u, v;
    fmpz_init(arj);
    fmpz_init(dj);
    fmpz_init(u);
    fmpz_init(v);
    for (j = 0; j < P->n; j++)
    {
        if (P->pos[j] >= 0)
            continue;
        _fmpz_vec_dot(arj, F->R + r * m, P->At + j * m, m);
        if (fmpz_sgn(arj) == 0 || (sgn != 0 && fmpz_sgn(arj) != sgn))
            continue;
        fmpz_abs(arj, arj);
        _fmpz_vec_dot(dj, ybar, P->At + j * m, m);
        fmpz_neg(dj, dj);
        fmpz_addmul(dj, F->D, P->ch + j);
        if (q >= 0)
        {
            /* dj / arj < dq / aq ? */
            fmpz_mul(u, dj, aq);
            fmpz_mul(v, dq, arj);
            if (fmpz_cmp(u, v) >= 0)
                continue;
        }
        q = j;
        fmpz_swap(aq, arj);
        fmpz_swap(dq, dj);
    }
    fmpz_clear(arj);
    fmpz_clear(dj);
    fmpz_clear(u);
    fmpz_clear(v);
    return q;
}

/* Column q enters the basis at row r, alpha = R a_q being computed (ybar
   and dq as for _kd_ffb_pivot). */
static void
lp_pivot(lp_t * P, _kd_ffb_t F, fmpz * ybar, const fmpz * alpha, slong r, slong q,
         const fmpz_t dq, slong * pivots)
{
    P->pos[F->basis[r]] = -1;
    P->pos[q] = r;
    _kd_ffb_pivot(F, r, alpha, q, ybar, dq);
    (*pivots)++;
    kd_progress("exact simplex: pivot", *pivots, 0);
}

/* One phase of the simplex method on the structural columns (artificial
   variables never enter). cost == NULL is the phase-1 cost (0 on
   structural, 1 on artificial variables). Returns 0 at an optimum, 1 when
   the entering column *enter (with alpha = R a_enter) proves unboundedness. */
static int
lp_phase(lp_t * P, _kd_ffb_t F, fmpz * ybar, const fmpz * cost, fmpz * alpha,
         slong * enter, slong * pivots)
{
    slong m = P->m, n = P->n, j, i, q, r;
    slong degen = 0;
    fmpz_t dj, dq, best, u, v;
    int res = 0;

    fmpz_init(dj);
    fmpz_init(dq);
    fmpz_init(best);
    fmpz_init(u);
    fmpz_init(v);
    for (;;)
    {
        int bland = (P->bland || degen >= KD_LP_DEGENERATE_RUN);

        /* pricing: reduced cost D c_j - ybar . a_j, all sharing D > 0 */
        q = -1;
        for (j = 0; j < n; j++)
        {
            if (P->pos[j] >= 0)
                continue;
            _fmpz_vec_dot(dj, ybar, P->At + j * m, m);
            fmpz_neg(dj, dj);
            if (cost != NULL && !fmpz_is_zero(cost + j))
                fmpz_addmul(dj, F->D, cost + j);
            if (fmpz_sgn(dj) < 0)
            {
                if (q < 0 || fmpz_cmp(dj, best) < 0)
                {
                    q = j;
                    fmpz_set(best, dj);
                }
                if (bland)
                    break;  /* Bland: the first improving index */
            }
        }
        if (q < 0)
            break;
        fmpz_set(dq, best);

        _kd_ffb_ftran(alpha, F, P->At + q * m);

        /* ratio test: min xb_i / alpha_i over alpha_i > 0; ties go to the
           smallest variable index under Bland, else to an artificial
           variable (to drive them out) and then the smallest index */
        r = -1;
        for (i = 0; i < m; i++)
        {
            int c;
            if (fmpz_sgn(alpha + i) <= 0)
                continue;
            if (r < 0)
            {
                r = i;
                continue;
            }
            fmpz_mul(u, F->xb + i, alpha + r);
            fmpz_mul(v, F->xb + r, alpha + i);
            c = fmpz_cmp(u, v);
            if (c < 0)
                r = i;
            else if (c == 0)
            {
                slong bi = F->basis[i], br = F->basis[r];
                if (bland)
                {
                    if (bi < br)
                        r = i;
                }
                else if ((bi >= n) != (br >= n) ? (bi >= n) : (bi < br))
                    r = i;
            }
        }
        if (r < 0)
        {
            *enter = q;
            res = 1;
            break;
        }
        if (fmpz_is_zero(F->xb + r))
            degen++;
        else
            degen = 0;
        lp_pivot(P, F, ybar, alpha, r, q, dq, pivots);
    }
    fmpz_clear(dj);
    fmpz_clear(dq);
    fmpz_clear(best);
    fmpz_clear(u);
    fmpz_clear(v);
    return res;
}

/* Drives the artificial variables still basic (at level 0) out of the
   basis by degenerate pivots; a row where no structural column can enter
   is redundant (its row of B^{-1} A is zero and stays zero). */
static void
lp_drive_out(lp_t * P, _kd_ffb_t F, fmpz * alpha, slong * pivots)
{
    slong m = P->m, n = P->n, r, j;
    fmpz_t t;
    fmpz_init(t);
    for (r = 0; r < m; r++)
    {
        if (F->basis[r] < n)
            continue;
        for (j = 0; j < n; j++)
        {
            if (P->pos[j] >= 0)
                continue;
            _fmpz_vec_dot(t, F->R + r * m, P->At + j * m, m);
            if (!fmpz_is_zero(t))
                break;
        }
        if (j == n)
            continue;
        _kd_ffb_ftran(alpha, F, P->At + j * m);
        lp_pivot(P, F, NULL, alpha, r, j, NULL, pivots);
    }
    fmpz_clear(t);
}

/* The dual simplex method (Lemke 1954) from the basis of artificial
   variables, which are fixed at 0: with c >= 0 that basis is dual feasible
   (y = 0), and a basic artificial variable with a non-zero value is a
   primal infeasibility like a negative structural one. Each pivot removes
   an infeasible basic variable r (the largest infeasibility; under Bland's
   rule the smallest index) and brings in the structural column q that
   keeps every reduced cost >= 0 (the dual ratio test: min d_j / |alpha_rj|
   over the columns that move x_r towards feasibility; ties to the smallest
   index). Artificial variables never re-enter. Returns 0 at an optimum, 1
   when row *rowp of B^{-1} times *sgn is a Farkas vector (no column can
   repair row r: every x >= 0 leaves it infeasible). */
static int
lp_dual_phase(lp_t * P, _kd_ffb_t F, fmpz * ybar, fmpz * alpha, slong * rowp, int * sgn,
              slong * pivots, slong * pivots_art)
{
    slong m = P->m, n = P->n, i, r, q;
    slong degen = 0;
    fmpz_t aq, dq;
    int res = 0;

    fmpz_init(aq);
    fmpz_init(dq);
    for (;;)
    {
        int bland = (P->bland || degen >= KD_LP_DEGENERATE_RUN), up;

        /* leaving row */
        r = -1;
        for (i = 0; i < m; i++)
        {
            slong bi = F->basis[i];
            int c = fmpz_sgn(F->xb + i);
            if (!(c < 0 || (c > 0 && bi >= n)))
                continue;
            if (r < 0)
                r = i;
            else if (bland ? bi < F->basis[r] : fmpz_cmpabs(F->xb + i, F->xb + r) > 0)
                r = i;
        }
        if (r < 0)
            break;
        up = fmpz_sgn(F->xb + r) > 0;   /* an artificial variable above 0 */

        /* entering column: the dual ratio test on row r of B^{-1} A */
        q = lp_dual_ratio(aq, dq, P, F, ybar, r, up ? 1 : -1);
        if (q < 0)
        {
            *rowp = r;
            *sgn = up ? 1 : -1;
            res = 1;
            break;
        }
        if (fmpz_is_zero(dq))
            degen++;
        else
            degen = 0;
        _kd_ffb_ftran(alpha, F, P->At + q * m);
        if (F->basis[r] >= n)
            (*pivots_art)++;
        lp_pivot(P, F, ybar, alpha, r, q, dq, pivots);
    }
    fmpz_clear(aq);
    fmpz_clear(dq);
    return res;
}

/* Drives artificial variables basic at 0 out of the basis, keeping every
   reduced cost >= 0: the entering column minimises d_j / |alpha_rj| over
   alpha_rj != 0 (either sign will do, the pivot being degenerate). A row
   where no column can enter is redundant. */
static void
lp_drive_out_dual(lp_t * P, _kd_ffb_t F, fmpz * ybar, fmpz * alpha, slong * pivots)
{
    slong m = P->m, n = P->n, r, q;
    fmpz_t aq, dq;
    fmpz_init(aq);
    fmpz_init(dq);
    for (r = 0; r < m; r++)
    {
        if (F->basis[r] < n)
            continue;
        q = lp_dual_ratio(aq, dq, P, F, ybar, r, 0);
        if (q < 0)
            continue;
        _kd_ffb_ftran(alpha, F, P->At + q * m);
        lp_pivot(P, F, ybar, alpha, r, q, dq, pivots);
    }
    fmpz_clear(aq);
    fmpz_clear(dq);
}

/* x_j = xb_i / D for the structural variables basic in row i. */
static void
lp_get_x(fmpq_mat_t x, const lp_t * P, const _kd_ffb_t F)
{
    slong i;
    _kd_fmpq_mat_fit(x, P->n, 1);
    fmpq_mat_zero(x);
    for (i = 0; i < P->m; i++)
        if (F->basis[i] < P->n)
            fmpq_set_fmpz_frac(fmpq_mat_entry(x, F->basis[i], 0), F->xb + i, F->D);
}

/* y_i = rs_i ybar_i / (D scale): the dual of the original rows. */
static void
lp_get_y(fmpq_mat_t y, const lp_t * P, const fmpz * ybar, const fmpz_t D,
         const fmpq_t scale)
{
    slong i;
    fmpq_t t;
    fmpq_init(t);
    _kd_fmpq_mat_fit(y, P->m, 1);
    for (i = 0; i < P->m; i++)
    {
        fmpq_set_fmpz_frac(t, ybar + i, D);
        fmpq_mul(t, t, P->rs + i);
        fmpq_div(fmpq_mat_entry(y, i, 0), t, scale);
    }
    fmpq_clear(t);
}

kd_status
kd_lp_solve_method(kd_lp_result_t res, const fmpq_mat_t A, const fmpq_mat_t b,
                   const fmpq_mat_t c, kd_lp_method method)
{
    slong m = fmpq_mat_nrows(A), n = fmpq_mat_ncols(A), i, j, enter, row;
    int c_nonneg = 1, sgn, dual, unbounded = 0;
    lp_t P;
    _kd_ffb_t F;
    fmpz * ybar, * alpha;
    fmpz_t t;
    fmpq_t one, val;
    kd_status st = KD_OK;

    if (!_kd_is_vec(b, m) || !_kd_is_vec(c, n))
        return kd_error_set(KD_ERR_SIZE,
                            "kd_lp_solve: A is %ld x %ld but b is %ld x %ld and c is %ld x %ld "
                            "(expected %ld x 1 and %ld x 1)", m, n, fmpq_mat_nrows(b),
                            fmpq_mat_ncols(b), fmpq_mat_nrows(c), fmpq_mat_ncols(c), m, n);
    for (j = 0; j < n; j++)
        if (fmpq_sgn(fmpq_mat_entry(c, j, 0)) < 0)
            c_nonneg = 0;
    switch (method)
    {
        case KD_LP_DEFAULT:
            dual = c_nonneg;
            break;
        case KD_LP_PRIMAL:
        case KD_LP_PRIMAL_BLAND:
            dual = 0;
            break;
        case KD_LP_DUAL:
            if (!c_nonneg)
                return kd_error_set(KD_ERR_ARG, "kd_lp_solve: the dual simplex method "
                                    "(KD_LP_DUAL) needs c >= 0");
            dual = 1;
            break;
        default:
            return kd_error_set(KD_ERR_ARG, "kd_lp_solve: unknown method %d", (int) method);
    }

    lp_init(&P, A, b, c, method == KD_LP_PRIMAL_BLAND);
    _kd_ffb_init(F, m, P.bh, n);
    lp_sync_pos(&P, F);
    ybar = _fmpz_vec_init(m);
    alpha = _fmpz_vec_init(m);
    fmpz_init(t);
    fmpq_init(one);
    fmpq_init(val);
    fmpq_one(one);

    res->m = m;
    res->n = n;
    res->pivots = 0;
    res->pivots_phase1 = 0;
    res->rank = -1;
    fmpq_zero(&res->value);
    flint_free(res->basis);
    res->basis = flint_malloc(FLINT_MAX(m, 1) * sizeof(slong));
    _kd_fmpq_mat_fit(&res->ray, 0, 1);

    if (dual)
    {
        /* y = 0 for the artificial basis: ybar = 0 */
        if (lp_dual_phase(&P, F, ybar, alpha, &row, &sgn, &res->pivots, &res->pivots_phase1) != 0)
        {
            res->outcome = KD_LP_INFEASIBLE;
            if (sgn > 0)
                _fmpz_vec_set(ybar, F->R + row * m, m);
            else
                _fmpz_vec_neg(ybar, F->R + row * m, m);
            lp_get_y(&res->y, &P, ybar, F->D, one);
            _kd_fmpq_mat_fit(&res->x, 0, 1);
            for (i = 0; i < m; i++)
                res->basis[i] = -1;
            goto check;
        }
        j = res->pivots;
        lp_drive_out_dual(&P, F, ybar, alpha, &res->pivots);
        res->pivots_phase1 += res->pivots - j;
    }
    else
    {
        /* phase 1: min sum of artificials from the basis of artificials */
        lp_dual(ybar, &P, F, NULL, 1);
        if (lp_phase(&P, F, ybar, NULL, alpha, &enter, &res->pivots) != 0)
        {
            st = _kd_lp_internal("phase 1 reported an unbounded direction");
            goto cleanup;
        }
        fmpz_zero(t);
        for (i = 0; i < m; i++)
            if (F->basis[i] >= n)
                fmpz_add(t, t, F->xb + i);
        if (!fmpz_is_zero(t))
        {
            /* phase-1 dual: A^T y <= 0 and b^T y = phase-1 optimum > 0 */
            res->outcome = KD_LP_INFEASIBLE;
            lp_get_y(&res->y, &P, ybar, F->D, one);
            _kd_fmpq_mat_fit(&res->x, 0, 1);
            res->pivots_phase1 = res->pivots;
            for (i = 0; i < m; i++)
                res->basis[i] = -1;
            goto check;
        }
        lp_drive_out(&P, F, alpha, &res->pivots);
        res->pivots_phase1 = res->pivots;

        /* phase 2 */
        lp_dual(ybar, &P, F, P.ch, 0);
        unbounded = lp_phase(&P, F, ybar, P.ch, alpha, &enter, &res->pivots);
    }

    if (unbounded)
    {
        fmpq * d;
        res->outcome = KD_LP_UNBOUNDED;
        lp_get_x(&res->x, &P, F);
        _kd_fmpq_mat_fit(&res->ray, n, 1);
        fmpq_mat_zero(&res->ray);
        fmpq_one(fmpq_mat_entry(&res->ray, enter, 0));
        for (i = 0; i < m; i++)
            if (F->basis[i] < n)
            {
                d = fmpq_mat_entry(&res->ray, F->basis[i], 0);
                fmpq_set_fmpz_frac(d, alpha + i, F->D);
                fmpq_neg(d, d);
            }
        _kd_fmpq_mat_fit(&res->y, 0, 1);
    }
    else
    {
        res->outcome = KD_LP_OPTIMAL;
        lp_get_x(&res->x, &P, F);
        lp_get_y(&res->y, &P, ybar, F->D, P.gamma);
        _kd_fmpq_col_dot(val, c, &res->x);
        fmpq_swap(&res->value, val);
    }
    res->rank = 0;
    for (i = 0; i < m; i++)
    {
        res->basis[i] = F->basis[i] < n ? F->basis[i] : -1;
        res->rank += F->basis[i] < n;
    }

check:
    st = kd_lp_result_check(res, A, b, c);
    if (st != KD_OK)
        st = _kd_lp_internal(kd_error_message());

cleanup:
    _fmpz_vec_clear(ybar, m);
    _fmpz_vec_clear(alpha, m);
    fmpz_clear(t);
    fmpq_clear(one);
    fmpq_clear(val);
    _kd_ffb_clear(F);
    lp_clear(&P);
    return st;
}

kd_status
kd_lp_solve(kd_lp_result_t res, const fmpq_mat_t A, const fmpq_mat_t b, const fmpq_mat_t c)
{
    return kd_lp_solve_method(res, A, b, c, KD_LP_DEFAULT);
}
