/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The exact P3 (SR-LASSO) solution map as a reconstruction map: certified
   evaluation through the truth, its closed form on a pattern region (for
   the search), and the certified Lipschitz bound on that region
   (proofs-notes/stability.md §2.3). */
#include <math.h>
#include <string.h>
#include "kdigits/stability.h"
#include "kdigits/truth.h"
#include "kdigits/problem.h"
#include "internal.h"

void
_kd_stab_p3_clear(kd_stab_map_struct * F)
{
    if (F->P3A != NULL)
    {
        kd_mat_clear(F->P3A);
        flint_free(F->P3A);
    }
    flint_free(F->p3E);
    flint_free(F->p3s);
    flint_free(F->p3model);
}

static void
pattern_init(_kd_stab_p3_pattern * p, slong N)
{
    p->nE = 0;
    p->E = flint_malloc((size_t) (N + 1) * sizeof(slong));
    p->s = flint_malloc((size_t) (N + 1) * sizeof(int));
    p->regime = 0;
    p->why = NULL;
}

static void
pattern_clear(_kd_stab_p3_pattern * p)
{
    flint_free(p->E);
    flint_free(p->s);
}

/* ||r||^2 > 0 proved for r = A x - y (x the enclosure): 1; else 0 */
static int
residual_positive(const acb_mat_t Ae, const arb_mat_t x, const fmpq_mat_t y, slong prec)
{
    const slong m = acb_mat_nrows(Ae), N = acb_mat_ncols(Ae);
    arb_t r, s, t;
    slong i, j;
    int pos;
    arb_init(r);
    arb_init(s);
    arb_init(t);
    arb_zero(s);
    for (i = 0; i < m; i++)
    {
        arb_set_fmpq(r, fmpq_mat_entry(y, i, 0), prec);
        arb_neg(r, r);
        for (j = 0; j < N; j++)
            arb_addmul(r, acb_realref(acb_mat_entry(Ae, i, j)), arb_mat_entry(x, j, 0), prec);
        arb_addmul(s, r, r, prec);
    }
    pos = arb_is_positive(s);
    arb_clear(r);
    arb_clear(s);
    arb_clear(t);
    return pos;
}

/* x = the certified unique P3 minimiser at y; its pattern when pat != NULL */
kd_status
_kd_stab_p3_eval_arb(arb_mat_t x, _kd_stab_p3_pattern * pat, const kd_stab_map_struct * F,
                     const fmpq_mat_t y, slong prec)
{
    const slong m = F->m, N = F->N;
    kd_mat_t Y;
    kd_real_t lam, r;
    fmpq_t q;
    kd_problem_t P;
    kd_truth_set_t T;
    acb_mat_t Ae;
    slong i;
    kd_status st;

    kd_mat_init(Y, m, 1);
    kd_real_init(lam);
    kd_real_init(r);
    fmpq_init(q);
    for (i = 0; i < m; i++)
    {
        kd_real_set_fmpq(r, fmpq_mat_entry(y, i, 0));
        kd_mat_set_entry_real(Y, i, 0, r);
    }
    _kd_stab_fmpq_set_d(q, F->lambda);
    kd_real_set_fmpq(lam, q);
    kd_truth_set_init(T, N);
    arb_mat_indeterminate(x);
    st = kd_problem_init(P, KD_PROBLEM_P3, F->P3A, Y, NULL, lam, 0);
    if (st == KD_OK)
        st = kd_truth_set_compute(T, P, 4096, prec);
    if (st == KD_OK && pat != NULL)
        pat->why = (T->unique == KD_FALSE)
            ? "unbounded: the P3 minimiser is not unique (a tie: Psi is not a single-valued "
              "map there, so no Lipschitz constant exists)"
            : "the P3 minimiser was not certified (unique) within the levels read";
    if (st == KD_OK && T->found == KD_TRUE && T->unique == KD_TRUE && !T->has_face)
    {
        arb_mat_set(x, &T->x);
        if (pat != NULL)
        {
            pat->why = NULL;
            pat->nE = 0;
            for (i = 0; i < N && pat->why == NULL; i++)
            {
                const arb_struct * b = arb_mat_entry(x, i, 0);
                if (arb_is_zero(b))
                    continue;
                if (arb_contains_zero(b))
                    pat->why = "an entry of the minimiser is not proved zero or non-zero";
                pat->E[pat->nE] = i;
                pat->s[pat->nE++] = arb_is_positive(b) ? 1 : -1;
            }
            acb_mat_init(Ae, m, N);
            if (pat->why == NULL && kd_mat_eval_acb_mat(Ae, F->P3A, prec) == KD_OK)
            {
                if (residual_positive(Ae, x, y, prec))
                    pat->regime = 1;
                else if (pat->nE == m)
                    pat->regime = 2;
                else
                    pat->why = "zero residual not excluded with |E| < m";
            }
            acb_mat_clear(Ae);
        }
    }
    if (st == KD_OK && pat != NULL && pat->why != NULL)
        pat->regime = 0;
    kd_truth_set_clear(T);
    kd_problem_clear(P);
    kd_mat_clear(Y);
    kd_real_clear(lam);
    kd_real_clear(r);
    fmpq_clear(q);
    return st;
}

/* u = an upper bound of ||M||_2 for a ball matrix: ||mid|| + sum of radii */
static kd_status
arb_mat_norm_ub(arb_t u, const arb_mat_t M, slong prec)
{
    const slong r = arb_mat_nrows(M), c = arb_mat_ncols(M);
    fmpq_mat_t mid;
    arb_t s;
    slong i, j;
    kd_status st;
    fmpq_mat_init(mid, r, c);
    arb_init(s);
    for (i = 0; i < r; i++)
        for (j = 0; j < c; j++)
        {
            arf_get_fmpq(fmpq_mat_entry(mid, i, j), arb_midref(arb_mat_entry(M, i, j)));
            arb_add_error_mag(s, arb_radref(arb_mat_entry(M, i, j)));
        }
    st = _kd_stab_opnorm(u, mid, prec);
    arb_add(u, u, s, prec);
    _kd_stab_keep_upper(u, prec);
    arb_clear(s);
    fmpq_mat_clear(mid);
    return st;
}

/* For a pattern (E, s): Ginv = (A_E^T A_E)^-1 and c = 1 - lambda^2 s^T Ginv s,
   w = Ginv s (balls). 0 when A_E is not proved of full column rank. */
static int
pattern_gram(arb_mat_t AE, arb_mat_t Ginv, arb_mat_t w, arb_t c, const kd_stab_map_struct * F,
             const _kd_stab_p3_pattern * p, slong prec)
{
    const slong m = F->m, N = F->N, k = p->nE;
    acb_mat_t Ae;
    arb_mat_t AEt, G, sv;
    arb_t l;
    slong i, j;
    int ok = 0;
    acb_mat_init(Ae, m, N);
    arb_mat_init(AEt, k, m);
    arb_mat_init(G, k, k);
    arb_mat_init(sv, k, 1);
    arb_init(l);
    if (kd_mat_eval_acb_mat(Ae, F->P3A, prec) == KD_OK)
    {
        for (i = 0; i < m; i++)
            for (j = 0; j < k; j++)
                arb_set(arb_mat_entry(AE, i, j), acb_realref(acb_mat_entry(Ae, i, p->E[j])));
        for (j = 0; j < k; j++)
            arb_set_si(arb_mat_entry(sv, j, 0), p->s[j]);
        arb_mat_transpose(AEt, AE);
        arb_mat_mul(G, AEt, AE, prec);
        if (k > 0 && arb_mat_inv(Ginv, G, prec))
        {
            arb_mat_mul(w, Ginv, sv, prec);
            arb_zero(c);
            for (j = 0; j < k; j++)
                arb_addmul_si(c, arb_mat_entry(w, j, 0), p->s[j], prec);
            arb_set_d(l, F->lambda);
            arb_sqr(l, l, prec);
            arb_mul(c, c, l, prec);
            arb_sub_si(c, c, 1, prec);
            arb_neg(c, c);
            ok = 1;
        }
    }
    acb_mat_clear(Ae);
    arb_mat_clear(AEt);
    arb_mat_clear(G);
    arb_mat_clear(sv);
    arb_clear(l);
    return ok;
}

/* L = ||A_E^+|| + kappa ||G^-1 s|| (regime 1) or ||A_E^-1|| (regime 2),
   with ||A_E^+|| = sqrt(||G^-1||); *why when not proved */
static kd_status
pattern_bound(arb_t L, const char ** why, const kd_stab_map_struct * F,
              const _kd_stab_p3_pattern * p, slong prec)
{
    const slong k = p->nE;
    arb_mat_t AE, Ginv, w;
    arb_t c, c0, t;
    kd_status st = KD_OK;
    arb_mat_init(AE, F->m, k);
    arb_mat_init(Ginv, k, k);
    arb_mat_init(w, k, 1);
    arb_init(c);
    arb_init(c0);
    arb_init(t);
    arb_indeterminate(L);
    if (k == 0)
        arb_zero(L);            /* Psi = 0 on the region (x = 0 the minimiser) */
    else if (!pattern_gram(AE, Ginv, w, c, F, p, prec))
        *why = "A_E (the support's columns) not proved of full column rank";
    else if (p->regime == 1 && !arb_is_positive(c))
        *why = "1 - lambda^2 s^T (A_E^T A_E)^-1 s > 0 not proved";
    else if (p->regime == 2 && arb_contains_zero(c))
        *why = "lambda^2 s^T (A_E^T A_E)^-1 s = 1 not excluded (degenerate pattern)";
    else if ((st = arb_mat_norm_ub(L, Ginv, prec)) == KD_OK)
    {
        arb_sqrt(L, L, prec);
        if (p->regime == 1)
        {
            slong j;
            arb_zero(t);
            for (j = 0; j < k; j++)
                arb_addmul(t, arb_mat_entry(w, j, 0), arb_mat_entry(w, j, 0), prec);
            arb_sqrt(t, t, prec);
            arb_set_d(c0, F->lambda);
            arb_mul(t, t, c0, prec);
            arb_rsqrt(c, c, prec);
            arb_addmul(L, t, c, prec);
        }
        _kd_stab_keep_upper(L, prec);
        if (!arb_is_finite(L))
            *why = "the bound on the pattern region is not finite";
    }
    arb_mat_clear(AE);
    arb_mat_clear(Ginv);
    arb_mat_clear(w);
    arb_clear(c);
    arb_clear(c0);
    arb_clear(t);
    return st;
}

/* the double model of the pattern: A_E, A_E^+ = G^-1 A_E^T, G^-1 s, kappa */
static void
set_model(kd_stab_map_struct * F, const _kd_stab_p3_pattern * p, slong prec)
{
    const slong m = F->m, k = p->nE;
    arb_mat_t AE, Ginv, w;
    arb_t c;
    double * AEd, * Ap, * Gs;
    slong i, j, l;
    arb_mat_init(AE, m, k);
    arb_mat_init(Ginv, k, k);
    arb_mat_init(w, k, 1);
    arb_init(c);
    F->p3model = flint_calloc((size_t) (2 * m * k + k + 1), sizeof(double));
    AEd = F->p3model;
    Ap = AEd + m * k;
    Gs = Ap + k * m;
    F->p3kappa = 0;
    if (pattern_gram(AE, Ginv, w, c, F, p, prec))
    {
        for (i = 0; i < m; i++)
            for (j = 0; j < k; j++)
                AEd[i * k + j] = arf_get_d(arb_midref(arb_mat_entry(AE, i, j)), ARF_RND_NEAR);
        for (j = 0; j < k; j++)
        {
            Gs[j] = arf_get_d(arb_midref(arb_mat_entry(w, j, 0)), ARF_RND_NEAR);
            for (i = 0; i < m; i++)
            {
                double s = 0;
                for (l = 0; l < k; l++)
                    s += arf_get_d(arb_midref(arb_mat_entry(Ginv, j, l)), ARF_RND_NEAR)
                         * AEd[i * k + l];
                Ap[j * m + i] = s;
            }
        }
        if (p->regime == 1 && arb_is_positive(c))
            F->p3kappa = F->lambda / sqrt(arf_get_d(arb_midref(c), ARF_RND_NEAR));
    }
    arb_mat_clear(AE);
    arb_mat_clear(Ginv);
    arb_mat_clear(w);
    arb_clear(c);
}

kd_status
kd_stab_map_set_exact_p3(kd_stab_map_t F, const kd_mat_t A, double lambda, const fmpq_mat_t y,
                         slong prec)
{
    const slong m = kd_mat_nrows(A), N = kd_mat_ncols(A);
    _kd_stab_p3_pattern p;
    arb_mat_t x;
    kd_status st;
    if (!(lambda > 0) || !isfinite(lambda))
        return kd_error_set(KD_ERR_ARG, "stability: the P3 lambda must be > 0 and finite");
    if (A->is_complex)
        return kd_error_set(KD_ERR_ARG, "stability: A must be real");
    if (fmpq_mat_nrows(y) != m || fmpq_mat_ncols(y) != 1)
        return kd_error_set(KD_ERR_SIZE, "stability: y is %ld x %ld, expected %ld x 1",
                            (long) fmpq_mat_nrows(y), (long) fmpq_mat_ncols(y), (long) m);
    kd_stab_map_clear(F);
    F->kind = KD_STAB_EXACT_P3;
    F->m = m;
    F->N = N;
    F->lambda = lambda;
    F->P3A = flint_malloc(sizeof(kd_mat_struct));
    kd_mat_init(F->P3A, 0, 0);
    if ((st = kd_mat_set(F->P3A, A)) != KD_OK)
        return st;
    pattern_init(&p, N);
    arb_mat_init(x, N, 1);
    st = _kd_stab_p3_eval_arb(x, &p, F, y, prec);
    if (st == KD_OK)
    {
        F->p3reason = p.why;
        F->p3regime = p.regime;
        if (p.regime == 0)
            p.nE = 0;
        F->p3nE = p.nE;
        set_model(F, &p, prec);
        F->p3E = p.E;
        F->p3s = p.s;
        p.E = NULL;
        p.s = NULL;
    }
    arb_mat_clear(x);
    pattern_clear(&p);
    return st;
}

/* the pattern's closed form Psi_E(y) = A_E^+ y - kappa ||(I - P_E) y|| G^-1 s
   (zero outside E) and gy = J^T v */
kd_status
_kd_stab_p3_vjp_d(double * gy, double * x, const kd_stab_map_struct * F, const double * y,
                  const double * v)
{
    const slong m = F->m, N = F->N, k = F->p3nE;
    const double * AE = F->p3model, * Ap = AE + m * k, * Gs = Ap + k * m;
    double * t = flint_malloc((size_t) (k + m + 1) * sizeof(double)), * b = t + k, rho = 0, gv = 0;
    slong i, j;
    for (j = 0; j < k; j++)
    {
        t[j] = 0;
        for (i = 0; i < m; i++)
            t[j] += Ap[j * m + i] * y[i];
    }
    for (i = 0; i < m; i++)
    {
        b[i] = y[i];
        for (j = 0; j < k; j++)
            b[i] -= AE[i * k + j] * t[j];
        rho += b[i] * b[i];
    }
    rho = sqrt(rho);
    if (x != NULL)
    {
        for (i = 0; i < N; i++)
            x[i] = 0;
        for (j = 0; j < k; j++)
            x[F->p3E[j]] = t[j] - F->p3kappa * rho * Gs[j];
    }
    if (gy != NULL)
    {
        for (j = 0; j < k; j++)
            gv += Gs[j] * v[F->p3E[j]];
        for (i = 0; i < m; i++)
        {
            gy[i] = (rho > 0) ? -F->p3kappa * gv * b[i] / rho : 0;
            for (j = 0; j < k; j++)
                gy[i] += Ap[j * m + i] * v[F->p3E[j]];
        }
    }
    flint_free(t);
    return KD_OK;
}

static int
same_pattern(const _kd_stab_p3_pattern * a, const _kd_stab_p3_pattern * b)
{
    slong j;
    if (a->regime != b->regime || a->nE != b->nE)
        return 0;
    for (j = 0; j < a->nE; j++)
        if (a->E[j] != b->E[j] || (a->regime == 1 && a->s[j] != b->s[j]))
            return 0;
    return 1;
}

kd_status
_kd_stab_p3_sandwich(arb_mat_t X0, arb_mat_t X1, arb_t u, const char ** why,
                     const kd_stab_map_struct * F, const fmpq_mat_t y, const fmpq_mat_t y1,
                     slong prec)
{
    _kd_stab_p3_pattern p0, p1;
    kd_status st;
    pattern_init(&p0, F->N);
    pattern_init(&p1, F->N);
    arb_indeterminate(u);
    *why = NULL;
    st = _kd_stab_p3_eval_arb(X0, &p0, F, y, prec);
    if (st == KD_OK)
        st = _kd_stab_p3_eval_arb(X1, &p1, F, y1, prec);
    if (st == KD_OK)
    {
        if (p0.regime == 0)
            *why = p0.why;
        else if (p1.regime == 0)
            *why = p1.why;
        else if (!same_pattern(&p0, &p1))
            *why = "y + e has another pattern (support, signs or residual regime) than y: "
                   "no bound proved across pattern regions";
        else
        {
            /* regime 2: both sign vectors must avoid the degenerate case */
            st = pattern_bound(u, why, F, &p1, prec);
            if (st == KD_OK && *why == NULL)
                st = pattern_bound(u, why, F, &p0, prec);
        }
    }
    pattern_clear(&p0);
    pattern_clear(&p1);
    return st;
}
