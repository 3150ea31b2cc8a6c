/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The certified solution set of an exact problem: exact when the data are
   rational, else the pattern of exact solutions of rational instances
   certified on the exact data (proofs-notes/solvers.md §5). */
#include "kdigits/truth.h"
#include "kdigits/certify.h"
#include "../solve/internal.h"
#include "complex_internal.h"

void
kd_truth_set_init(kd_truth_set_t T, slong N)
{
    T->found = KD_UNKNOWN;
    T->unique = KD_UNKNOWN;
    arb_mat_init(&T->x, N, 1);
    arb_mat_init(&T->xi, N, 1);
    T->has_face = 0;
    T->face = NULL;
    T->levels = NULL;
    T->nlevels = 0;
    T->how[0] = '\0';
}

void
kd_truth_set_clear(kd_truth_set_t T)
{
    arb_mat_clear(&T->x);
    arb_mat_clear(&T->xi);
    if (T->face != NULL)
    {
        kd_face_clear(T->face);
        flint_free(T->face);
    }
    flint_free(T->levels);
}

static void
add_level(kd_truth_set_t T, slong n)
{
    T->levels = flint_realloc(T->levels, (T->nlevels + 1) * sizeof(slong));
    T->levels[T->nlevels++] = n;
}

kd_status
kd_truth_set_compute(kd_truth_set_t T, const kd_problem_t P, slong level_max, slong prec)
{
    kd_status st = KD_OK;
    slong n, N = P->N;
    exact_sol S;
    kd_qproblem_t Q;
    char reason[256];

    if (!P->has_data)
        return kd_error_set(KD_ERR_ARG, "the problem has no exact data (given by oracles only): "
                            "nothing to certify against");
    if (P->is_complex)
        return _kd_truth_set_compute_complex(T, P, prec);
    if (kd_problem_is_rational(P))
    {
        _kd_exact_sol_init(&S, N);
        st = _kd_qproblem_init_data(Q, P, -1);
        if (st == KD_OK)
            st = _kd_exact_sol_solve(&S, Q);
        if (st == KD_OK)
        {
            T->unique = S.unique;
            if (S.unique == KD_TRUE)
            {
                T->found = KD_TRUE;
                if (S.algebraic)    /* enclose the exact entries at the requested precision */
                    kd_qvec_get_arb_mat(&T->x, S.xq, prec);
                else
                    arb_mat_set_fmpq_mat(&T->x, S.x, prec);
                snprintf(T->how, sizeof T->how, "exact solution of the rational data (unique)");
            }
            else if (S.has_face)
            {
                T->found = KD_TRUE;
                T->has_face = 1;
                T->face = flint_malloc(sizeof(kd_face_struct));
                kd_face_init(T->face);
                st = kd_face_set_face(T->face, S.face);
                snprintf(T->how, sizeof T->how,
                         "exact solution set of the rational data (not a single point: a face)");
            }
            else
                snprintf(T->how, sizeof T->how,
                         "the solution set of the rational data is not a single point and is not described");
        }
        kd_qproblem_clear(Q);
        _kd_exact_sol_clear(&S);
        return st;
    }

    /* irrational data: patterns from rational instances, certified on the
       exact data (proofs-notes/solvers.md §5) */
    reason[0] = '\0';
    for (n = 16; n <= level_max && T->found != KD_TRUE; n *= 2)
    {
        arb_t mu;
        kd_truth v = KD_UNKNOWN;
        int thresholded = 0;
        slong p = FLINT_MAX(prec, kd_level_prec(n, 0));
        _kd_exact_sol_init(&S, N);
        arb_init(mu);
        add_level(T, n);
        st = _kd_qproblem_init_data(Q, P, n);
        if (st == KD_OK)
            st = _kd_exact_sol_solve(&S, Q);
        if (st == KD_OK)
            st = kd_certify_pattern(&v, &T->x, mu, P, S.E, S.s, S.nE, p);
        if (st == KD_OK && v != KD_TRUE)
        {
            /* noiseless data: y_n is (almost never) in range(A_n,E), so the
               rational solution carries entries ~2^-n off the true support;
               also propose the pattern of its entries above 2^-(n/2)
               (proofs-notes/exact.md §2) */
            slong * E2 = flint_malloc(FLINT_MAX(1, N) * sizeof(slong));
            int * s2 = flint_malloc(FLINT_MAX(1, N) * sizeof(int));
            slong nE2 = kd_certify_threshold_pattern(E2, s2, S.xball, n / 2);
            if (nE2 != S.nE)
            {
                st = kd_certify_pattern(&v, &T->x, mu, P, E2, s2, nE2, p);
                thresholded = (st == KD_OK && v == KD_TRUE);
            }
            flint_free(E2);
            flint_free(s2);
        }
        if (st == KD_OK && v != KD_TRUE)
            snprintf(reason, sizeof reason, "%s", v == KD_FALSE
                     ? "the pattern of the rational instance was refuted on the exact data"
                     : kd_error_message());
        if (st == KD_OK && v == KD_TRUE)
        {
            T->found = KD_TRUE;
            T->unique = KD_TRUE;
            snprintf(T->how, sizeof T->how,
                     "pattern of the exact solution at level %ld%s certified on the exact data (%ld bits)",
                     n, thresholded ? " (its entries above 2^-(n/2))" : "", p);
        }
        kd_qproblem_clear(Q);
        _kd_exact_sol_clear(&S);
        arb_clear(mu);
        if (st == KD_ERR_UNSUPPORTED || st == KD_ERR_DOMAIN)
            break;
        if (st != KD_OK && st != KD_ERR_ARG)
            break;
        st = KD_OK;
    }
    if (T->found != KD_TRUE && T->how[0] == '\0')
        snprintf(T->how, sizeof T->how, "not certifiable with the levels read (up to %ld)%s%s",
                 T->nlevels ? T->levels[T->nlevels - 1] : 0, reason[0] ? ": " : "", reason);
    return st;
}

kd_status
kd_truth_set_dist(arb_t d, const kd_truth_set_t T, const fmpq_mat_t xr,
                  const fmpq_mat_t xi, slong prec)
{
    if (T->found != KD_TRUE)
    {
        arb_indeterminate(d);
        return KD_OK;
    }
    if (!T->has_face)
        return kd_certify_dist_to_enclosure(d, xr, xi, &T->x, &T->xi, prec);
    {
        fmpq_mat_t p;
        fmpq_t d2;
        kd_status st;
        fmpq_mat_init(p, fmpq_mat_nrows(xr), 1);
        fmpq_init(d2);
        st = kd_face_project(p, d2, T->face, xr);
        if (st == KD_OK)
        {
            arb_set_fmpq(d, d2, prec);
            arb_sqrt(d, d, prec);
        }
        fmpq_mat_clear(p);
        fmpq_clear(d2);
        return st;
    }
}

kd_truth
kd_truth_set_support_verdict(const kd_truth_set_t T, const fmpq_mat_t xr, const fmpq_mat_t xi)
{
    kd_truth t;
    arb_mat_t x;
    slong j;
    if (T->found != KD_TRUE || T->has_face)
        return KD_UNKNOWN;
    /* an entry of a complex candidate is zero iff both parts are: judge
       |x_j| through an exact enclosure (0 exactly, or a ball away from 0) */
    arb_mat_init(x, fmpq_mat_nrows(xr), 1);
    for (j = 0; j < fmpq_mat_nrows(xr); j++)
    {
        int z = fmpq_is_zero(fmpq_mat_entry(xr, j, 0))
                && (xi == NULL || fmpq_is_zero(fmpq_mat_entry(xi, j, 0)));
        if (!z)
            arb_one(arb_mat_entry(x, j, 0));
    }
    t = kd_truth_set_support_verdict_arb(T, x);
    arb_mat_clear(x);
    return t;
}

kd_truth
kd_truth_set_support_verdict_arb(const kd_truth_set_t T, const arb_mat_t x)
{
    slong j;
    kd_truth t = KD_TRUE;
    if (T->found != KD_TRUE || T->has_face)
        return KD_UNKNOWN;
    for (j = 0; j < arb_mat_nrows(x); j++)
    {
        /* entry j of the truth is x_j + i xi_j (xi is zero for real problems) */
        const arb_struct * b = arb_mat_entry(&T->x, j, 0), * bi = arb_mat_entry(&T->xi, j, 0);
        const arb_struct * c = arb_mat_entry(x, j, 0);
        int zhat = arb_is_zero(c), nzhat = !arb_contains_zero(c);
        if (arb_is_zero(b) && arb_is_zero(bi))
        {
            if (nzhat)
                return KD_FALSE;
            if (!zhat)
                t = KD_UNKNOWN;
        }
        else if (!arb_contains_zero(b) || !arb_contains_zero(bi))
        {
            if (zhat)
                return KD_FALSE;
            if (!nzhat)
                t = KD_UNKNOWN;
        }
        else
            t = KD_UNKNOWN;
    }
    return t;
}
