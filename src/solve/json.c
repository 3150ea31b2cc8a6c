/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* A solve result as JSON: what `kdigits solve --format json` prints. */
#include <stdlib.h>
#include <string.h>
#include "kdigits/util.h"
#include "kdigits/qfield.h"
#include "kdigits/json.h"

static void
set_certified(json_t * jo, const kd_solve_result_t R, const kd_problem_t P, const kd_solve_opts_t so)
{
    slong K = kd_solve_result_certified_digits(R, so->cert_prec);
    json_object_set_new(jo, "distance_to_truth", kd_json_arb_or_null(&R->dist, 15));
    json_object_set_new(jo, "truth", kd_truth_set_json(&R->truth));
    json_object_set_new(jo, "correct_digits_certified", K < 0 ? json_null() : json_integer(K));
    json_object_set_new(jo, "right_support", kd_json_truth(kd_solve_result_support_verdict(R)));
    json_object_set_new(jo, "gap_bound", kd_json_arb_or_null(&R->gap, 15));
    if (P->kind == KD_PROBLEM_P1 || P->kind == KD_PROBLEM_BP)
        json_object_set_new(jo, "feasible", kd_json_truth(R->feasible));
}

json_t *
kd_solve_result_json(const kd_solve_result_t R, const kd_problem_t P, const kd_solve_opts_t so,
                     const char * scaled)
{
    json_t * jo = json_object(), * jx = json_array(), * jd = json_array(), * jr = json_object();
    slong j;
    if (jo == NULL || jx == NULL || jd == NULL || jr == NULL)
    {
        json_decref(jo);
        json_decref(jx);
        json_decref(jd);
        json_decref(jr);
        return NULL;
    }
    json_object_set_new(jo, "problem", json_string(kd_problem_kind_name(P->kind)));
    if (P->scaled)
        json_object_set_new(jo, "scaled", json_string(scaled != NULL ? scaled : ""));
    json_object_set_new(jo, "method", json_string(kd_method_name(R->method)));
    json_object_set_new(jo, "arithmetic", json_string(R->method == KD_METHOD_EXACT
                        ? "exact" : kd_arith_name(&so->arith)));
    json_object_set_new(jo, "level", R->level < 0 ? json_string("exact") : json_integer(R->level));
    json_object_set_new(jr, "A", kd_oracle_reads_json(&R->reads_A));
    json_object_set_new(jr, "y", kd_oracle_reads_json(&R->reads_y));
    json_object_set_new(jo, "reads", jr);
    for (j = 0; j < R->N; j++)
    {
        if (R->is_complex)
        {
            json_t * c = json_object();
            json_object_set_new(c, "re", kd_json_fmpq(fmpq_mat_entry(&R->xr, j, 0)));
            json_object_set_new(c, "im", kd_json_fmpq(fmpq_mat_entry(&R->xi, j, 0)));
            json_array_append_new(jx, c);
        }
        else
            json_array_append_new(jx, kd_json_take_string(kd_solve_result_entry_str(R, j)));
        json_array_append_new(jd, kd_json_arb(arb_mat_entry(&R->xball, j, 0), 17));
    }
    json_object_set_new(jo, "x", jx);
    json_object_set_new(jo, "x_decimal", jd);
    json_object_set_new(jo, "unique", kd_json_truth(R->unique));
    json_object_set_new(jo, "objective", kd_json_arb_or_null(&R->objective, 15));
    json_object_set_new(jo, "iterations", json_integer(R->iterations));
    json_object_set_new(jo, "stop_reason", json_string(R->stop_reason));
    json_object_set_new(jo, "seconds", json_real(R->seconds));
    if (R->method == KD_METHOD_FIRENET)
        json_object_set_new(jo, "layers", json_integer(R->it.layers));
    if (R->method == KD_METHOD_CD_MATLAB || R->method == KD_METHOD_CD_GLMNET)
        json_object_set_new(jo, "warned", json_boolean(R->it.warned));
    if (R->certified)
        set_certified(jo, R, P, so);
    return jo;
}

char *
kd_solve_result_json_str(const kd_solve_result_t R, const kd_problem_t P, const kd_solve_opts_t so,
                         const char * scaled)
{
    json_t * j = kd_solve_result_json(R, P, so, scaled);
    char * out;
    if (j == NULL)
        return NULL;
    out = kd_json_dumps_malloc(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(j);
    return out;
}
