/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* One entry point for every method: read the instance at a level, run the
   exact or iterative solver, and certify the output against the exact data
   (proofs-notes/solvers.md §5). */
#include <string.h>
#include <strings.h>
#include "kdigits/util.h"
#include "internal.h"

static const char * method_names[] = {
    "exact", "ista", "fista", "pd", "firenet", "cd-matlab", "cd-glmnet"};

const char *
kd_method_name(kd_method m)
{
    return (m >= KD_METHOD_EXACT && m <= KD_METHOD_CD_GLMNET) ? method_names[m] : "?";
}

kd_status
kd_method_parse(kd_method * m, const char * s)
{
    int i;
    for (i = 0; i <= KD_METHOD_CD_GLMNET; i++)
        if (strcasecmp(s, method_names[i]) == 0)
        {
            *m = (kd_method) i;
            return KD_OK;
        }
    return kd_error_set(KD_ERR_ARG,
        "unknown method '%s' (exact, ista, fista, pd, firenet, cd-matlab, cd-glmnet)", s);
}

void
kd_solve_opts_init(kd_solve_opts_t o)
{
    o->method = KD_METHOD_EXACT;
    kd_arith_set_double(&o->arith);
    o->level = -2;
    kd_iter_opts_init(&o->iter);
    kd_iter_firenet_params_init(&o->firenet);
    kd_iter_cd_opts_init_matlab(&o->cd);
    o->certify = 0;
    o->cert_prec = 256;
    o->cert_level_max = 4096;
    o->truth = NULL;
    o->progress = NULL;
    o->progress_data = NULL;
}

void
kd_solve_opts_clear(kd_solve_opts_t o)
{
    kd_iter_firenet_params_clear(&o->firenet);
}

/* ------------------------------------------------------------ results */

void
kd_solve_result_init(kd_solve_result_t R)
{
    R->method = KD_METHOD_EXACT;
    R->level = -1;
    R->N = 0;
    R->is_complex = 0;
    fmpq_mat_init(&R->xr, 0, 1);
    fmpq_mat_init(&R->xi, 0, 1);
    R->algebraic = 0;
    kd_qvec_init(&R->xq, 0);
    arb_mat_init(&R->xball, 0, 1);
    kd_oracle_reads_init(&R->reads_A);
    kd_oracle_reads_init(&R->reads_y);
    R->unique = KD_UNKNOWN;
    kd_iter_result_init(&R->it);
    R->seconds = 0;
    R->stop_reason[0] = '\0';
    R->iterations = 0;
    R->certified = 0;
    kd_truth_set_init(&R->truth, 0);
    arb_init(&R->dist);
    arb_init(&R->objective);
    arb_init(&R->gap);
    arb_indeterminate(&R->dist);
    arb_indeterminate(&R->objective);
    arb_indeterminate(&R->gap);
    R->feasible = KD_UNKNOWN;
    R->from_truth = 0;
}

void
kd_solve_result_clear(kd_solve_result_t R)
{
    fmpq_mat_clear(&R->xr);
    fmpq_mat_clear(&R->xi);
    kd_qvec_clear(&R->xq);
    arb_mat_clear(&R->xball);
    kd_oracle_reads_clear(&R->reads_A);
    kd_oracle_reads_clear(&R->reads_y);
    kd_iter_result_clear(&R->it);
    kd_truth_set_clear(&R->truth);
    arb_clear(&R->dist);
    arb_clear(&R->objective);
    arb_clear(&R->gap);
}

char *
kd_solve_result_entry_str(const kd_solve_result_t R, slong j)
{
    if (R->from_truth && (R->truth.xexact != NULL || R->truth.fexact != NULL))
    {
        const char * t = R->truth.xexact != NULL ? R->truth.xexact[j] : R->truth.fexact->x0[j];
        char * s = flint_malloc(strlen(t) + 1);
        strcpy(s, t);
        return s;
    }
    if (R->algebraic)
    {
        char * s;
        kd_qfield_t e;
        kd_qfield_init(e);
        kd_qvec_get_entry(e, &R->xq, j);
        s = kd_qfield_get_str(e);
        kd_qfield_clear(e);
        return s;
    }
    return kd_fmpq_get_str(fmpq_mat_entry(&R->xr, j, 0));
}

static int
method_fits(kd_method m, kd_problem_kind k)
{
    switch (m)
    {
        case KD_METHOD_EXACT: return 1;
        case KD_METHOD_ISTA:
        case KD_METHOD_FISTA:
        case KD_METHOD_CD_MATLAB:
        case KD_METHOD_CD_GLMNET: return k == KD_PROBLEM_P2;
        case KD_METHOD_PD: return k == KD_PROBLEM_P1 || k == KD_PROBLEM_P3;
        case KD_METHOD_FIRENET: return k == KD_PROBLEM_P3;
    }
    return 0;
}

/* Coordinate descent runs on the scaled form: the one the problem was built
   from (X and y read through their own oracles), or (unit weights) X = A,
   Lambda = lambda/(2m) without centring, on the instance Q. */
static kd_status
run_cd(kd_solve_result_t R, const kd_problem_t P, const kd_qproblem_t Q, slong level,
       const kd_solve_opts_t o)
{
    kd_status st = KD_OK;
    kd_iter_cd_opts_t cd;
    fmpq_mat_t X, y;
    fmpq_t Lam;
    mag_t e;
    slong j;

    *cd = o->cd;
    fmpq_init(Lam);
    mag_init(e);
    if (P->scaled)
    {
        fmpq_mat_init(X, P->X->r, P->X->c);
        fmpq_mat_init(y, P->ys->r, 1);
        cd->intercept = P->center;
        cd->standardize = P->standardize;
        if (level < 0)
        {
            st = kd_oracle_get_exact(X, NULL, P->OX);
            if (st == KD_OK)
                st = kd_oracle_get_exact(y, NULL, P->Oys);
            if (st == KD_OK && !kd_real_get_fmpq(Lam, P->Lambda))
                st = kd_error_set(KD_ERR_ARG, "Lambda is irrational: give a level");
        }
        else
        {
            st = kd_oracle_get(X, NULL, P->OX, level);
            if (st == KD_OK)
                st = kd_oracle_get(y, NULL, P->Oys, level);
            if (st == KD_OK && !kd_real_get_fmpq(Lam, P->Lambda))
                st = kd_real_approx(Lam, e, P->Lambda, level, P->prec_cap);
        }
    }
    else
    {
        fmpq_t one;
        fmpq_init(one);
        fmpq_one(one);
        for (j = 0; j < Q->N; j++)
            if (!fmpq_equal(fmpq_mat_entry(Q->w, j, 0), one))
                st = kd_error_set(KD_ERR_ARG,
                    "coordinate descent takes unit weights (or a problem built as a scaled LASSO)");
        fmpq_clear(one);
        fmpq_mat_init(X, Q->m, Q->N);
        fmpq_mat_init(y, Q->m, 1);
        fmpq_mat_set(X, Q->A);
        fmpq_mat_set(y, Q->y);
        {
            fmpz_t mm;
            fmpz_init_set_si(mm, 2 * Q->m);
            fmpq_div_fmpz(Lam, Q->param, mm);
            fmpz_clear(mm);
        }
        cd->intercept = 0;
        cd->standardize = 0;
    }
    if (st == KD_OK)
        st = (o->method == KD_METHOD_CD_MATLAB ? kd_iter_cd_matlab : kd_iter_cd_glmnet)
                (&R->it, X, y, Lam, cd, &o->arith);
    if (st == KD_OK)
        fmpq_mat_set(&R->xr, R->it.B);
    fmpq_mat_clear(X);
    fmpq_mat_clear(y);
    fmpq_clear(Lam);
    mag_clear(e);
    return st;
}

/* The exact solver on the instance read. */
static kd_status
run_exact(kd_solve_result_t R, const kd_qproblem_t Q)
{
    kd_status st;
    exact_sol S;
    _kd_exact_sol_init(&S, Q->N);
    st = _kd_exact_sol_solve(&S, Q);
    if (st == KD_OK)
    {
        R->unique = S.unique;
        fmpq_mat_set(&R->xr, S.x);
        arb_mat_set(&R->xball, S.xball);
        R->algebraic = S.algebraic;
        if (S.algebraic)
            kd_qvec_swap(&R->xq, S.xq);
        snprintf(R->stop_reason, sizeof R->stop_reason, "exact");
    }
    _kd_exact_sol_clear(&S);
    return st;
}

static kd_status finish_iterative(kd_solve_result_t R, const kd_solve_opts_t o);

/* An iterative method on the instance read. */
static kd_status
run_iterative(kd_solve_result_t R, const kd_problem_t P, const kd_qproblem_t Q, slong level,
              const kd_solve_opts_t o)
{
    kd_status st;
    kd_iter_data_t D;
    kd_iter_data_init(D, Q->A, Q->is_complex ? Q->Ai : NULL, Q->y,
                      Q->is_complex ? Q->yi : NULL, Q->w);
    switch (o->method)
    {
        case KD_METHOD_ISTA:
            st = kd_iter_ista(&R->it, D, Q->param, &o->iter, &o->arith);
            break;
        case KD_METHOD_FISTA:
            st = kd_iter_fista(&R->it, D, Q->param, &o->iter, &o->arith);
            break;
        case KD_METHOD_PD:
            st = (P->kind == KD_PROBLEM_P3 ? kd_iter_pd_p3 : kd_iter_pd_p1)
                    (&R->it, D, Q->param, &o->iter, &o->arith);
            break;
        case KD_METHOD_FIRENET:
            st = kd_iter_firenet(&R->it, D, Q->param, &o->firenet, &o->arith);
            break;
        default:
            st = run_cd(R, P, Q, level, o);
    }
    return st == KD_OK ? finish_iterative(R, o) : st;
}

/* The iterate and its report, once an iterative method returned. */
static kd_status
finish_iterative(kd_solve_result_t R, const kd_solve_opts_t o)
{
    {
        if (o->method != KD_METHOD_CD_MATLAB && o->method != KD_METHOD_CD_GLMNET)
        {
            fmpq_mat_set(&R->xr, R->it.x_re);
            fmpq_mat_set(&R->xi, R->it.x_im);
        }
        R->iterations = R->it.iterations;
        R->seconds = R->it.seconds;
        snprintf(R->stop_reason, sizeof R->stop_reason, "%s", kd_iter_stop_name(R->it.stop));
        arb_mat_set_fmpq_mat(&R->xball, &R->xr, 64);
    }
    return KD_OK;
}

/* R->truth = the truth of P: o->truth when given, else computed. */
static kd_status
get_truth(kd_solve_result_t R, const kd_problem_t P, const kd_solve_opts_t o)
{
    kd_truth_set_clear(&R->truth);
    kd_truth_set_init(&R->truth, P->N);
    if (o->truth != NULL && arb_mat_nrows(&o->truth->x) != P->N)
        return kd_error_set(KD_ERR_SIZE, "the given truth has %ld entries, the problem %ld",
                            arb_mat_nrows(&o->truth->x), P->N);
    if (o->truth != NULL)
    {
        kd_truth_set_set(&R->truth, o->truth);
        return KD_OK;
    }
    return kd_truth_set_compute_progress(&R->truth, P, o->cert_level_max, o->cert_prec,
                                         o->progress, o->progress_data);
}

/* Certification of R's output against the exact data of P. */
static kd_status
certify_output(kd_solve_result_t R, const kd_problem_t P, const kd_solve_opts_t o,
               int have_truth)
{
    kd_status st;
    slong j, N = P->N;
    const fmpq_mat_struct * xi = R->is_complex ? &R->xi : NULL;

    st = KD_OK;
    R->certified = 1;
    /* the exact method on complex data has computed the truth already, and
       so has the exact method on irrational real data (have_truth) */
    if (!have_truth && !(R->is_complex && R->method == KD_METHOD_EXACT && o->truth == NULL))
    {
        if ((st = get_truth(R, P, o)) != KD_OK)
            return st;
    }
    if (R->algebraic)
    {
        /* algebraic output: distance from its enclosure at the certification
           precision, by the triangle inequality through the midpoint */
        fmpq_mat_t mid;
        arb_t rad;
        fmpq_mat_init(mid, N, 1);
        arb_init(rad);
        kd_qvec_get_arb_mat(&R->xball, &R->xq, o->cert_prec);
        for (j = 0; j < N; j++)
        {
            arf_get_fmpq(fmpq_mat_entry(mid, j, 0), arb_midref(arb_mat_entry(&R->xball, j, 0)));
            arb_add_error_mag(rad, arb_radref(arb_mat_entry(&R->xball, j, 0)));
        }
        st = kd_truth_set_dist(&R->dist, &R->truth, mid, NULL, o->cert_prec);
        arb_add_error(&R->dist, rad);
        fmpq_mat_clear(mid);
        arb_clear(rad);
        if (st == KD_OK)
            st = kd_certify_objective_arb(&R->objective, P, &R->xball, o->cert_prec);
        if (st == KD_OK && (P->kind == KD_PROBLEM_P1 || P->kind == KD_PROBLEM_BP))
            st = kd_certify_feasible_qvec(&R->feasible, P, &R->xq, o->cert_prec);
        return st;
    }
    st = kd_truth_set_dist(&R->dist, &R->truth, &R->xr, xi, o->cert_prec);
    if (st == KD_OK)
        st = kd_certify_objective(&R->objective, P, &R->xr, xi, o->cert_prec);
    if (st == KD_OK && (P->kind == KD_PROBLEM_P2 || P->kind == KD_PROBLEM_P3))
        st = kd_certify_gap_bound(&R->gap, P, &R->xr, xi, o->cert_prec);
    if (st == KD_OK && (P->kind == KD_PROBLEM_P1 || P->kind == KD_PROBLEM_BP))
        st = kd_certify_feasible(&R->feasible, P, &R->xr, xi, o->cert_prec);
    return st;
}

/* The exact method on real irrational data read at the automatic level:
   when the certified truth is a single point known exactly (its entries
   exact expressions in a cyclotomic field, proofs-notes/exact.md §6), or
   a face known exactly (§7: its point x0 then), that point is the output, instead of the exact solution of the rational
   instance read (which is only near it): distance 0, and the feasibility
   and gap the certificate proved (A x = y exactly for BP and P1 with
   eta = 0; f(x) = f* since x is the minimiser). */
static kd_status
adopt_exact_truth(kd_solve_result_t R, const kd_problem_t P, const kd_solve_opts_t o)
{
    slong j;
    R->from_truth = 1;
    R->level = -1;
    R->unique = R->truth.unique;
    R->algebraic = 0;
    if (R->truth.xexact != NULL)
        arb_mat_set(&R->xball, &R->truth.x);
    else
    {
        kd_status st = kd_face_exact_point_arb(&R->xball, R->truth.fexact, o->cert_prec);
        if (st != KD_OK)
            return st;
    }
    fmpq_mat_zero(&R->xi);
    for (j = 0; j < P->N; j++)
        _kd_solve_simplest_in(fmpq_mat_entry(&R->xr, j, 0), arb_mat_entry(&R->xball, j, 0));
    arb_zero(&R->dist);
    if (P->kind == KD_PROBLEM_P2 || P->kind == KD_PROBLEM_P3)
        arb_zero(&R->gap);
    /* BP, P1 with eta = 0: A x = y was decided exactly; P1 with eta > 0:
       ||A x - y|| = eta exactly, or x = 0 with ||y|| <= eta exactly */
    if (P->kind == KD_PROBLEM_BP || P->kind == KD_PROBLEM_P1)
        R->feasible = KD_TRUE;
    snprintf(R->stop_reason, sizeof R->stop_reason, "exact: the certified minimiser");
    return kd_certify_objective_arb(&R->objective, P, &R->xball, o->cert_prec);
}

/* The exact method with certification on real irrational data at the
   automatic level: the truth of the exact data (computed, or o->truth).
   *have = 2 when it is known exactly and became the output (R complete),
   1 when it is only kept for certify_output (the instance is then solved
   as before). */
static kd_status
exact_truth_first(int * have, kd_solve_result_t R, const kd_problem_t P, const kd_solve_opts_t o)
{
    kd_status st = KD_OK;
    *have = 0;
    if ((st = get_truth(R, P, o)) != KD_OK)
        return st;
    *have = 1;
    if (R->truth.found == KD_TRUE && !R->truth.has_face
        && ((R->truth.unique == KD_TRUE && R->truth.xexact != NULL) || R->truth.fexact != NULL))
    {
        R->certified = 1;
        *have = 2;
        return adopt_exact_truth(R, P, o);
    }
    return KD_OK;
}

/* Without certification: the objective at the exact data all the same (an
   undecided enclosure leaves it indeterminate, printed as unknown). */
static void
objective_only(kd_solve_result_t R, const kd_problem_t P, const kd_solve_opts_t o)
{
    if (R->algebraic)
    {
        arb_mat_t x;
        arb_mat_init(x, P->N, 1);
        kd_qvec_get_arb_mat(x, &R->xq, o->cert_prec);
        kd_certify_objective_arb(&R->objective, P, x, o->cert_prec);
        arb_mat_clear(x);
    }
    else
        kd_certify_objective(&R->objective, P, &R->xr, R->is_complex ? &R->xi : NULL,
                             o->cert_prec);
}

kd_status
kd_solve(kd_solve_result_t R, const kd_problem_t P, const kd_solve_opts_t o)
{
    kd_status st;
    kd_qproblem_t Q;
    slong level = o->level, N = P->N;
    int exact = _kd_problem_reads_exact(P), have_truth = 0;
    int cd_scaled = P->scaled && (o->method == KD_METHOD_CD_MATLAB || o->method == KD_METHOD_CD_GLMNET);
    kd_oracle_struct * OA = cd_scaled ? P->OX : P->OA, * Oy = cd_scaled ? P->Oys : P->Oy;
    slong startA = OA ? OA->nreads : 0, starty = Oy ? Oy->nreads : 0;

    if (OA == NULL || Oy == NULL)
        return kd_error_set(KD_ERR_ARG, "the problem has no data (an empty problem)");
    if (!method_fits(o->method, P->kind))
        return kd_error_set(KD_ERR_ARG, "method %s does not solve %s (ista, fista, cd-*: p2; pd: p1, p3; firenet: p3; exact: all)",
                            kd_method_name(o->method), kd_problem_kind_name(P->kind));
    if (o->certify && !P->has_data)
        return kd_error_set(KD_ERR_ARG, "the problem has no exact data (given by oracles only): "
                            "nothing to certify against");
    if (level == -2)
        level = exact ? -1 : (o->method == KD_METHOD_EXACT ? 64 : o->arith.prec + 16);
    if (level == -1 && !exact)
        return kd_error_set(KD_ERR_ARG, "the data are not all rational: give a level --n");

    R->method = o->method;
    R->level = level;
    R->N = N;
    R->is_complex = P->is_complex;
    fmpq_mat_clear(&R->xr);
    fmpq_mat_clear(&R->xi);
    fmpq_mat_init(&R->xr, N, 1);
    fmpq_mat_init(&R->xi, N, 1);
    arb_mat_clear(&R->xball);
    arb_mat_init(&R->xball, N, 1);

    /* the scaled coordinate-descent rules read X and y themselves */
    if (cd_scaled)
        st = (level >= 0) ? kd_check_level(level) : KD_OK;
    else
        st = kd_qproblem_init(Q, P, level);
    if (st == KD_OK && o->method == KD_METHOD_EXACT && !P->is_complex && o->certify
        && o->level == -2 && !exact)
    {
        /* the truth first: when it is known exactly it is the output, and
           the level-64 instance need not be solved at all */
        st = exact_truth_first(&have_truth, R, P, o);
    }
    if (have_truth == 2)
        ;   /* the output is the exact truth */
    else if (st == KD_OK && o->method == KD_METHOD_EXACT && P->is_complex)
        st = _kd_solve_exact_complex(R, P, o);
    else if (st == KD_OK && o->method == KD_METHOD_EXACT)
        st = run_exact(R, Q);
    else if (st == KD_OK && cd_scaled)
    {
        if ((st = run_cd(R, P, NULL, level, o)) == KD_OK)
            st = finish_iterative(R, o);
    }
    else if (st == KD_OK)
        st = run_iterative(R, P, Q, level, o);
    if (!cd_scaled)
        kd_qproblem_clear(Q);
    kd_oracle_reads_since(&R->reads_A, OA, startA);
    kd_oracle_reads_since(&R->reads_y, Oy, starty);
    if (st != KD_OK)
        return st;
    if (o->certify)
        return have_truth == 2 ? KD_OK : certify_output(R, P, o, have_truth);
    if (P->has_data)
        objective_only(R, P, o);
    return KD_OK;
}
