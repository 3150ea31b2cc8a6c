/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The regimes report as JSON: what `kdigits regimes --format json` prints. */
#include "kdigits/json.h"

/* the sampled instances of (ii) or (iii); reads < 0: not shown */
static json_t *
json_sampled(json_t * j, slong ok, slong tot, slong reads, const arb_t worst)
{
    if (j == NULL)
        return NULL;
    json_object_set_new(j, "succeeded", json_integer(ok));
    json_object_set_new(j, "instances", json_integer(tot));
    if (reads >= 0)
        json_object_set_new(j, "reads", json_integer(reads));
    json_object_set_new(j, "worst_error", kd_json_arb(worst, 10));
    return j;
}

static json_t *
json_k1(const kd_regimes_report_t R)
{
    json_t * jk1 = json_object(), * jl = json_array(), * jmc = json_array();
    slong i, r;
    for (i = 0; i < KD_REGIMES_REPORT_NLEVELS; i++)
        json_array_append_new(jl, json_pack("{sIsI}", "n", (json_int_t) R->levels[i],
                                            "reads", (json_int_t) R->reads[i]));
    json_object_set_new(jk1, "reads_vs_n", jl);
    json_sampled(jk1, R->k1_ok, R->k1_instances, -1, &R->k1_worst);
    for (r = 0; r < 2; r++)
    {
        json_t * jf = json_array();
        for (i = 0; i < R->mc_N1[r]; i++)
            json_array_append_new(jf, json_real((double) R->mc_fail[r][i] / R->trials));
        json_array_append_new(jmc, json_pack("{sIsIsIsosfsf}", "N1", (json_int_t) R->mc_N1[r],
                              "budget", (json_int_t) R->mc_budget, "trials", (json_int_t) R->trials,
                              "failure_per_instance", jf, "max_failure",
                              (double) R->mc_max[r] / R->trials, "bound", 1.0 - 1.0 / R->mc_N1[r]));
    }
    json_object_set_new(jk1, "monte_carlo", jmc);
    return jk1;
}

json_t *
kd_regimes_report_json(const kd_regimes_report_t R)
{
    json_t * root = json_object(), * ja = json_array();
    slong i;
    if (root == NULL || ja == NULL)
    {
        json_decref(root);
        json_decref(ja);
        return NULL;
    }
    json_object_set_new(root, "K", json_integer(R->K));
    json_object_set_new(root, "problem", json_string(kd_problem_kind_name(R->kind)));
    for (i = 0; i < R->nalg; i++)
    {
        const kd_regimes_adv_struct * v = R->adv + i;
        json_t * jo = json_pack("{sssIsIsIsI}", "name", R->alg[i].name, "reads", (json_int_t) v->reads,
                                "max_level", (json_int_t) v->max_level,
                                "revealed_j", (json_int_t) v->revealed_j,
                                "revealed_n", (json_int_t) v->revealed_n);
        json_object_set_new(jo, "error", kd_json_arb(&v->err, 10));
        json_object_set_new(jo, "wrong", kd_json_truth_or_null(v->wrong));
        json_object_set_new(jo, "answers_consistent", kd_json_truth_or_null(v->consistent));
        json_array_append_new(ja, jo);
    }
    json_object_set_new(root, "adversary", ja);
    json_object_set_new(root, "randomised", json_pack("{sIsfsf}", "trials", (json_int_t) R->trials,
                        "success_candidate_0", (double) R->succ[0] / R->trials,
                        "success_candidate_1", (double) R->succ[1] / R->trials));
    json_object_set_new(root, "k_minus_1", json_k1(R));
    json_object_set_new(root, "k_minus_2", json_sampled(json_object(), R->k2_ok, R->k2_instances,
                                                        R->k2_reads, &R->k2_worst));
    json_object_set_new(root, "breakdown_epsilon", kd_json_arb(&R->eps, 10));
    json_object_set_new(root, "midpoint_error", json_pack("{soso}", "candidate_0",
                        kd_json_arb(&R->mid0, 10), "candidate_1", kd_json_arb(&R->mid1, 10)));
    return root;
}
