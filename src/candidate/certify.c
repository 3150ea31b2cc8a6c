/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Certifying candidates from anywhere against one truth, and the whole
   `kdigits certify` job over the exact and/or the rounded data
   (kdigits/candidate.h). */
#include <stdio.h>
#include <string.h>
#include "kdigits/candidate.h"
#include "kdigits/certify.h"

void
kd_candidates_report_init(kd_candidates_report_t R)
{
    memset(R, 0, sizeof *R);
    kd_truth_set_init(&R->own, 0);
}

static void
report_free_rows(kd_candidates_report_t R)
{
    slong k;
    for (k = 0; k < R->n; k++)
    {
        arb_clear(&R->c[k].objective);
        arb_clear(&R->c[k].dist);
        arb_clear(&R->c[k].gap);
    }
    flint_free(R->c);
    R->c = NULL;
    R->n = 0;
}

void
kd_candidates_report_clear(kd_candidates_report_t R)
{
    report_free_rows(R);
    kd_truth_set_clear(&R->own);
}

slong
kd_certify_digits_max(const arb_t dist, slong prec)
{
    slong K = -1;
    if (!arb_is_finite(dist))
        return -1;
    while (K < 300 && kd_certify_digits(dist, K + 1, prec) == KD_TRUE)
        K++;
    return K;
}

/* Sizes and kinds of the candidates against P. */
static kd_status
check_candidates(const kd_problem_t P, const kd_candidates_t C)
{
    slong k;
    if (!P->has_data)
        return kd_error_set(KD_ERR_ARG, "the problem has no exact data: nothing to certify against");
    if (C->n == 0)
        return kd_error_set(KD_ERR_ARG, "no candidate x to certify");
    for (k = 0; k < C->n; k++)
    {
        if (fmpq_mat_nrows(C->xr + k) != P->N)
            return kd_error_set(KD_ERR_SIZE, "%s: %ld entries, but the problem has N = %ld unknowns "
                                "(columns of A)", C->names[k], (long) fmpq_mat_nrows(C->xr + k),
                                (long) P->N);
        if (C->is_complex[k] && !P->is_complex)
            return kd_error_set(KD_ERR_ARG, "%s: a complex candidate for a real problem",
                                C->names[k]);
    }
    return KD_OK;
}

static kd_status
certify_one(kd_candidate_cert_struct * c, const kd_problem_t P, const kd_truth_set_struct * T,
            const fmpq_mat_struct * xr, const fmpq_mat_struct * xi, slong prec)
{
    kd_status st;
    c->feasible = KD_UNKNOWN;
    st = kd_certify_objective(&c->objective, P, xr, xi, prec);
    if (st == KD_OK)
        st = kd_truth_set_dist(&c->dist, T, xr, xi, prec);
    if (st == KD_OK && (P->kind == KD_PROBLEM_P2 || P->kind == KD_PROBLEM_P3))
        st = kd_certify_gap_bound(&c->gap, P, xr, xi, prec);
    if (st == KD_OK && (P->kind == KD_PROBLEM_P1 || P->kind == KD_PROBLEM_BP))
        st = kd_certify_feasible(&c->feasible, P, xr, xi, prec);
    c->support = kd_truth_set_support_verdict(T, xr, xi);
    c->digits = kd_certify_digits_max(&c->dist, prec);
    return st;
}

kd_status
kd_candidates_certify(kd_candidates_report_t R, const kd_problem_t P, const kd_candidates_t C,
                      const kd_truth_set_struct * truth, slong level_max, slong prec)
{
    kd_status st;
    slong k;

    report_free_rows(R);
    R->kind = P->kind;
    R->truth = NULL;
    if ((st = check_candidates(P, C)) != KD_OK)
        return st;
    if (truth == NULL)
    {
        kd_truth_set_clear(&R->own);
        kd_truth_set_init(&R->own, P->N);
        if ((st = kd_truth_set_compute(&R->own, P, level_max, prec)) != KD_OK)
            return st;
        truth = &R->own;
    }
    R->truth = truth;
    R->c = flint_calloc(C->n, sizeof *R->c);
    for (k = 0; k < C->n; k++)
    {
        arb_init(&R->c[k].objective);
        arb_init(&R->c[k].dist);
        arb_init(&R->c[k].gap);
        arb_indeterminate(&R->c[k].gap);
    }
    R->n = C->n;
    for (k = 0; k < C->n; k++)
        if ((st = certify_one(R->c + k, P, truth, C->xr + k, C->is_complex[k] ? C->xi + k : NULL,
                              prec)) != KD_OK)
        {
            kd_error_prefix("%s", C->names[k]);
            return st;
        }
    return KD_OK;
}

/* ---- the job */

const char *
kd_data_mode_name(kd_data_mode d)
{
    return d == KD_DATA_DOUBLE ? "double" : d == KD_DATA_BOTH ? "both" : "exact";
}

kd_status
kd_data_mode_parse(kd_data_mode * d, const char * s)
{
    if (strcmp(s, "exact") == 0)
        *d = KD_DATA_EXACT;
    else if (strcmp(s, "double") == 0)
        *d = KD_DATA_DOUBLE;
    else if (strcmp(s, "both") == 0)
        *d = KD_DATA_BOTH;
    else
        return kd_error_set(KD_ERR_ARG, "--data must be exact, double or both, not '%s'", s);
    return KD_OK;
}

void
kd_certify_spec_init(kd_certify_spec_t S)
{
    memset(S, 0, sizeof *S);
    S->kind = KD_PROBLEM_P2;
    S->center = S->standardize = 1;
    S->data = KD_DATA_EXACT;
    S->prec = 256;
    S->level_max = 4096;
}

void
kd_certify_job_init(kd_certify_job_t J)
{
    int i;
    memset(J, 0, sizeof *J);
    for (i = 0; i < 2; i++)
    {
        kd_problem_init_empty(J->P + i);
        kd_candidates_report_init(J->R + i);
    }
}

void
kd_certify_job_clear(kd_certify_job_t J)
{
    int i;
    for (i = 0; i < 2; i++)
    {
        kd_candidates_report_clear(J->R + i);
        kd_problem_clear(J->P + i);
    }
}

kd_status
kd_problem_init_spec(kd_problem_t P, kd_problem_kind kind, const kd_mat_t A, const kd_mat_t y,
                     const kd_mat_t w, const char * param, const char * scaled, int center,
                     int standardize, slong prec_cap)
{
    kd_real_t p;
    kd_status st = KD_OK;
    kd_real_init(p);
    kd_problem_clear(P);
    kd_problem_init_empty(P);
    if (kind != KD_PROBLEM_BP)
    {
        if (param == NULL)
            st = kd_error_set(KD_ERR_ARG, "%s needs %s", kd_problem_kind_name(kind),
                              kind == KD_PROBLEM_P1 ? "--eta" : "--lambda");
        else if ((st = kd_real_parse(p, param)) != KD_OK)
            kd_error_prefix(kind == KD_PROBLEM_P1 ? "--eta" : "--lambda");
    }
    if (st == KD_OK && scaled != NULL)
    {
        kd_scaled_convention conv = KD_SCALED_HALF_MEAN;
        if (kind != KD_PROBLEM_P2)
            st = kd_error_set(KD_ERR_ARG, "--scaled describes a LASSO: use it with --problem p2");
        else if (strcmp(scaled, "mean") == 0)
            conv = KD_SCALED_MEAN;
        else if (strcmp(scaled, "matlab") != 0)
            st = kd_error_set(KD_ERR_ARG, "--scaled must be matlab or mean, not '%s'", scaled);
        if (st == KD_OK)
        {
            /* the constructors initialise P from scratch (valid and empty on failure) */
            kd_problem_clear(P);
            st = kd_problem_init_scaled(P, A, y, p, conv, center, standardize, prec_cap);
        }
    }
    else if (st == KD_OK)
    {
        kd_problem_clear(P);
        st = kd_problem_init(P, kind, A, y, w, kind == KD_PROBLEM_BP ? NULL : p, prec_cap);
    }
    kd_real_clear(p);
    return st;
}

/* The problem of S over the data rounded to binary64 (A, y, the parameter;
   the weights stay exact). */
static kd_status
init_rounded(kd_certify_job_t J, const kd_certify_spec_t S)
{
    kd_mat_t A, y, pm;
    kd_real_t p;
    kd_status st;
    char buf[64] = "";
    kd_mat_init(A, 0, 0);
    kd_mat_init(y, 0, 0);
    kd_mat_init(pm, 1, 1);
    kd_real_init(p);
    if ((st = kd_mat_round_double(A, S->A, S->prec_cap)) != KD_OK)
        kd_error_prefix("A rounded to double");
    else if ((st = kd_mat_round_double(y, S->y, S->prec_cap)) != KD_OK)
        kd_error_prefix("y rounded to double");
    if (st == KD_OK && S->kind != KD_PROBLEM_BP && S->param != NULL)
    {
        /* the parameter, rounded the same way, written exactly for the problem */
        if ((st = kd_real_parse(p, S->param)) == KD_OK)
        {
            kd_mat_set_entry_real(pm, 0, 0, p);
            st = kd_mat_round_double(pm, pm, S->prec_cap);
        }
        if (st == KD_OK)
        {
            fmpq_t q;
            double d;
            fmpq_init(q);
            kd_real_get_fmpq(q, kd_mat_entry_re(pm, 0, 0));
            kd_fmpq_round_double(&d, q);
            snprintf(J->param_double, sizeof J->param_double, "%.17g", d);
            /* exact hexadecimal form for the parser */
            snprintf(buf, sizeof buf, "%a", d);
            fmpq_clear(q);
        }
        else
            kd_error_prefix(S->kind == KD_PROBLEM_P1 ? "--eta" : "--lambda");
    }
    if (st == KD_OK)
        st = kd_problem_init_spec(J->P + 1, S->kind, A, y, S->w, S->param ? buf : NULL, S->scaled,
                                  S->center, S->standardize, S->prec_cap);
    kd_mat_clear(A);
    kd_mat_clear(y);
    kd_mat_clear(pm);
    kd_real_clear(p);
    return st;
}

kd_status
kd_certify_run(kd_certify_job_t J, const kd_certify_spec_t S, const kd_candidates_t C)
{
    kd_status st = KD_OK;
    J->data = S->data;
    J->has[0] = S->data != KD_DATA_DOUBLE;
    J->has[1] = S->data != KD_DATA_EXACT;
    if (J->has[0])
        st = kd_problem_init_spec(J->P, S->kind, S->A, S->y, S->w, S->param, S->scaled,
                                  S->center, S->standardize, S->prec_cap);
    if (st == KD_OK && J->has[0])
        st = kd_candidates_certify(J->R, J->P, C, S->truth, S->level_max, S->prec);
    if (st == KD_OK && J->has[1])
        st = init_rounded(J, S);
    if (st == KD_OK && J->has[1])
    {
        st = kd_candidates_certify(J->R + 1, J->P + 1, C, NULL, S->level_max, S->prec);
        if (st != KD_OK)
            kd_error_prefix("the data rounded to double");
    }
    return st;
}
