/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* `kdigits certify --format json`: the same certified fields as
   `kdigits solve --certify`, one object per candidate. */
#include "kdigits/candidate.h"
#include "kdigits/json.h"

json_t *
kd_truth_set_json(const kd_truth_set_t T)
{
    json_t * jt = json_object();
    if (jt == NULL)
        return NULL;
    json_object_set_new(jt, "found", kd_json_truth(T->found));
    json_object_set_new(jt, "unique", kd_json_truth(T->unique));
    json_object_set_new(jt, "how", json_string(T->how));
    json_object_set_new(jt, "levels_read", kd_json_slong_list(T->levels, T->nlevels));
    if (T->found == KD_TRUE && T->fexact != NULL)
        json_object_set_new(jt, "face", kd_face_exact_json(T->fexact));
    return jt;
}

json_t *
kd_candidate_cert_json(const kd_candidate_cert_struct * c, kd_problem_kind kind)
{
    json_t * jo = json_object();
    if (jo == NULL)
        return NULL;
    json_object_set_new(jo, "objective", kd_json_arb_or_null(&c->objective, 15));
    json_object_set_new(jo, "distance_to_truth", kd_json_arb_or_null(&c->dist, 15));
    json_object_set_new(jo, "correct_digits_certified",
                        c->digits < 0 ? json_null() : json_integer(c->digits));
    json_object_set_new(jo, "right_support", kd_json_truth(c->support));
    json_object_set_new(jo, "gap_bound", kd_json_arb_or_null(&c->gap, 15));
    if (kind == KD_PROBLEM_P1 || kind == KD_PROBLEM_BP)
        json_object_set_new(jo, "feasible", kd_json_truth(c->feasible));
    return jo;
}

/* {"truth", "candidates"} of one report into jo. */
static void
set_run(json_t * jo, const kd_candidates_report_t R, const kd_candidates_t C)
{
    json_t * jc = json_array();
    slong k;
    json_object_set_new(jo, "truth", kd_truth_set_json(R->truth));
    for (k = 0; k < R->n && jc != NULL; k++)
    {
        json_t * c = json_object();
        json_object_set_new(c, "name", json_string(C->names[k]));
        json_object_set_new(c, "x_format", json_string(kd_xformat_name(C->format[k])));
        {
            json_t * f = kd_candidate_cert_json(R->c + k, R->kind);
            json_object_update(c, f);
            json_decref(f);
        }
        json_array_append_new(jc, c);
    }
    json_object_set_new(jo, "candidates", jc);
}

json_t *
kd_certify_job_json(const kd_certify_job_t J, const kd_certify_spec_t S, const kd_candidates_t C)
{
    json_t * jo = json_object();
    int first = J->has[0] ? 0 : 1;
    if (jo == NULL)
        return NULL;
    json_object_set_new(jo, "problem", json_string(kd_problem_kind_name(S->kind)));
    if (S->scaled != NULL)
        json_object_set_new(jo, "scaled", json_string(S->scaled));
    json_object_set_new(jo, "data", json_string(kd_data_mode_name(J->data)));
    if (J->data == KD_DATA_DOUBLE && S->param != NULL)
        json_object_set_new(jo, "parameter_double", json_string(J->param_double));
    set_run(jo, J->R + first, C);
    if (J->data == KD_DATA_BOTH)
    {
        json_t * jd = json_object();
        if (S->param != NULL)
            json_object_set_new(jd, "parameter_double", json_string(J->param_double));
        set_run(jd, J->R + 1, C);
        json_object_set_new(jo, "double_data", jd);
    }
    return jo;
}
