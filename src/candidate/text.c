/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The certification reports as text and CSV (JSON: kd_certify_job_json):
   the certify job's candidates against each truth, and the peers' answers
   with or without their certificates. Only formatting. */
#include "kdigits/candidate.h"
#include "kdigits/certify.h"
#include "kdigits/json.h"
#include "kdigits/util.h"

#define IO_STATUS(f) (ferror(f) ? kd_error_set(KD_ERR_IO, "error writing the output") : KD_OK)

static void
candidate_text(FILE * f, const kd_candidate_cert_struct * c, kd_problem_kind kind,
               const char * name, kd_xformat xf, int rounded)
{
    fprintf(f, "x         %s (%s)\n", name, xf == KD_XFORMAT_DOUBLE
            ? "each entry the IEEE double it denotes" : "exact entries");
    kd_ball_write(f, "  ", rounded ? "objective (this data)" : "objective (exact data)",
                  &c->objective);
    kd_ball_write(f, "  ", "dist(x, Xi(A, y))", &c->dist);
    kd_digits_write(f, "  ", &c->dist, c->digits);
    fprintf(f, "  %-22s %s\n", "right support", kd_truth_name(c->support));
    /* f(x) - f* <= f(x) holds for every x: a bound is shown when it says more */
    if (kd_gap_is_informative(&c->objective, &c->gap))
        kd_ball_write(f, "  ", "f(x) - f* <=", &c->gap);
    else if (arb_is_finite(&c->gap))
        fprintf(f, "  %-22s no useful bound (the dual point from x's residual gives only f(x))\n",
                "f(x) - f*");
    if (kind == KD_PROBLEM_P1 || kind == KD_PROBLEM_BP)
        fprintf(f, "  %-22s %s\n", "feasible", kd_truth_name(c->feasible));
}

kd_status
kd_certify_job_write_text(FILE * f, const kd_certify_job_t J, const kd_certify_spec_t S,
                          const kd_candidates_t C)
{
    int r;
    slong k;
    fprintf(f, "problem   %s%s%s%s%s%s\n", kd_problem_kind_name(S->kind),
            S->param ? (S->kind == KD_PROBLEM_P1 ? ", eta = " : ", lambda = ") : "",
            S->param ? S->param : "", S->scaled ? " (scaled LASSO, " : "",
            S->scaled ? S->scaled : "", S->scaled ? " convention)" : "");
    for (r = 0; r < 2; r++)
    {
        const kd_candidates_report_struct * R = J->R + r;
        if (!J->has[r])
            continue;
        if (r == 1 && J->has[0])
            fprintf(f, "\n");
        if (r == 0)
            fprintf(f, "data      the exact data\n");
        else
            fprintf(f, "data      A, y%s rounded to IEEE double entry by entry%s%s%s\n",
                    S->param ? " and the parameter" : "", S->param ? " (parameter " : "",
                    S->param ? J->param_double : "", S->param ? ")" : "");
        fprintf(f, "truth     %s: %s\n", R->truth->found == KD_TRUE ? "certified" : "not found",
                R->truth->how);
        for (k = 0; k < R->n; k++)
            candidate_text(f, R->c + k, S->kind, C->names[k], C->format[k], r == 1);
    }
    return IO_STATUS(f);
}

kd_status
kd_certify_job_write_csv(FILE * f, const kd_certify_job_t J, const kd_certify_spec_t S,
                         const kd_candidates_t C, const slong * kcol, int header)
{
    int r;
    slong k;
    if (header)
        fprintf(f, "%sdata,candidate,x_format,truth_found,objective_mid,objective_rad,"
                "distance_mid,distance_rad,correct_digits,right_support,gap_mid,gap_rad,"
                "feasible\n", kcol ? "k," : "");
    for (r = 0; r < 2; r++)
        for (k = 0; J->has[r] && k < J->R[r].n; k++)
        {
            const kd_candidate_cert_struct * c = J->R[r].c + k;
            const arb_struct * b[3] = {&c->objective, &c->dist, &c->gap};
            int i;
            if (kcol)
                fprintf(f, "%ld,", (long) *kcol);
            fprintf(f, "%s,", r == 0 ? "exact" : "double");
            kd_csv_write_field(f, C->names[k]);
            fprintf(f, ",%s,%s", kd_xformat_name(C->format[k]),
                    kd_truth_name(J->R[r].truth->found));
            for (i = 0; i < 3; i++)
            {
                char * mid = NULL, * rad = NULL;
                if (arb_is_finite(b[i]))
                    kd_arb_get_decimal(&mid, &rad, b[i], 15);
                fprintf(f, ",%s,%s", mid ? mid : "", rad ? rad : "");
                if (i == 1)
                {
                    if (arb_is_zero(&c->dist))
                        fprintf(f, ",all");
                    else if (c->digits >= 0)
                        fprintf(f, ",%ld", (long) c->digits);
                    else
                        fprintf(f, ",");
                    fprintf(f, ",%s", kd_truth_name(c->support));
                }
                flint_free(mid);
                flint_free(rad);
            }
            fprintf(f, ",%s\n", S->kind == KD_PROBLEM_P1 || S->kind == KD_PROBLEM_BP
                    ? kd_truth_name(c->feasible) : "");
        }
    return IO_STATUS(f);
}

static const char *
peer_state_name(kd_peer_state s)
{
    return s == KD_PEER_RAN ? "ran" : s == KD_PEER_SKIPPED ? "skipped" : "failed";
}

kd_status
kd_peer_answers_write(FILE * f, const kd_peer_answers_t R, const kd_candidates_report_t CR)
{
    slong i, k = 0;
    fprintf(f, "%speers     %s\n", CR ? "\n" : "", R->convention ? R->convention : "");
    for (i = 0; i < R->n; i++)
    {
        const kd_peer_answer_struct * a = R->a + i;
        if (CR == NULL)
            fprintf(f, "  %-18s %-8s %s%s%s\n", a->name, peer_state_name(a->state),
                    a->version ? a->version : "", a->version && a->note ? "  " : "",
                    a->note ? a->note : "");
        else if (a->state == KD_PEER_RAN && k < CR->n)
        {
            const kd_candidate_cert_struct * c = CR->c + k++;
            char * mid = NULL, * rad = NULL;
            if (arb_is_finite(&c->dist))
                kd_arb_get_decimal(&mid, &rad, &c->dist, 6);
            fprintf(f, "  %-18s dist %s +/- %s, %ld digits, right support %s%s%s\n", a->name,
                    mid ? mid : "unknown", rad ? rad : "", (long) FLINT_MAX(c->digits, 0),
                    kd_truth_name(c->support), a->note ? "; " : "", a->note ? a->note : "");
            flint_free(mid);
            flint_free(rad);
        }
        else
            fprintf(f, "  %-18s %s: %s\n", a->name, a->state == KD_PEER_SKIPPED ? "skipped"
                    : "failed", a->note ? a->note : "");
    }
    if (CR == NULL)
        fprintf(f, "\n");
    return IO_STATUS(f);
}

json_t *
kd_peer_answers_report_json(const kd_peer_answers_t R, const kd_candidates_report_t CR)
{
    json_t * a = kd_peer_answers_json(R);
    slong i, k = 0;
    for (i = 0; a != NULL && CR != NULL && i < R->n; i++)
        if (R->a[i].state == KD_PEER_RAN && k < CR->n)
            json_object_set_new(json_array_get(a, i), "certified",
                                kd_candidate_cert_json(CR->c + k++, CR->kind));
    return a;
}
