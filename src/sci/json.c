/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The SCI demonstrations as JSON: what `kdigits sci positive|sign|rank|
   argmin|classes --format json` prints. */
#include <stdio.h>
#include <string.h>
#include "kdigits/util.h"
#include "kdigits/json.h"

/* ------------------------------------------------------------ positive,
   sign, rank */

static json_t *
demo_adversary(const kd_sci_demo_t D)
{
    json_t * jarr = json_array();
    const char * inst0 = kd_sci_demo_zero_str(D);
    char x1[64], ans[32];
    slong i, k;

    for (k = 0; k < D->nL; k++)
        for (i = 0; i < D->nalgs; i++)
        {
            const kd_sci_adv_struct * res = D->adv + k * D->nalgs + i;
            kd_sci_adv_instance_str(x1, sizeof x1, D, res);
            kd_sci_adv_answer_str(ans, sizeof ans, D, res);
            json_array_append_new(jarr, json_pack("{sssIsIsosss[ss]s[ii]sIssso}", "algorithm",
                D->algs[i].name, "L", (json_int_t) D->L[k], "reads", (json_int_t) res->nreads,
                "levels_read", kd_json_slong_list(res->levels, res->nreads), "answer", ans,
                "instances", inst0, x1, "xi", (int) res->xi0, (int) res->xi1, "revealed_N",
                (json_int_t) res->N, "wrong_on", res->wrong_on == 0 ? inst0 : x1,
                "answers_consistent", kd_json_truth(res->consistent)));
        }
    return jarr;
}

/* the sign's adversarial inputs 0, +-2^-N: one object per input */
static json_t *
demo_family(const kd_sci_demo_t D)
{
    json_t * jfam = json_array();
    char lab[64];
    slong i, j;
    for (j = 0; j < D->nfam; j++)
    {
        json_t * jx = json_object(), * jv = json_array(), * jc = json_array();
        if (j == 0)
            snprintf(lab, sizeof lab, "0");
        else
            kd_sci_pow2_str(lab, sizeof lab, D->famN[(j - 1) / 2], (j % 2) ? 1 : -1);
        json_object_set_new(jx, "x", json_string(lab));
        for (i = 0; i < D->R.count; i++)
        {
            json_array_append_new(jv, json_integer(D->fam[j].out[i].value));
            json_array_append_new(jc, json_boolean(D->fam[j].out[i].certified));
        }
        json_object_set_new(jx, "n", kd_json_slong_list(D->R.levels[0], D->R.count));
        json_object_set_new(jx, "Gamma", jv);
        json_object_set_new(jx, "certified", jc);
        json_array_append_new(jfam, jx);
    }
    return jfam;
}

static json_t *
demo_oracle(int seeded, ulong seed)
{
    return seeded ? json_pack("{sI}", "random_seed", (json_int_t) seed) : json_string("nearest");
}

/* the head and rows of positive and sign */
static json_t *
demo_real_head(const kd_sci_demo_t D, const char * input, int seeded, ulong seed,
               const char * certainty)
{
    json_t * root = json_object(), * jrows = json_array();
    const kd_tower_run_struct * R = &D->R;
    char truth[512];
    int yes_no = D->kind == KD_SCI_DEMO_POSITIVE;
    slong i;

    kd_sci_demo_truth(truth, sizeof truth, D);
    json_object_set_new(root, "x", json_string(input));
    json_object_set_new(root, "oracle", demo_oracle(seeded, seed));
    json_object_set_new(root, "truth", json_string(truth));
    json_object_set_new(root, "tower", json_pack("{sssssiss}", "name", D->T.name, "class",
                                                 D->T.sci_class, "height", 1, "certainty",
                                                 certainty));
    for (i = 0; i < R->count; i++)
    {
        const kd_tower_out_struct * out = R->out + i;
        json_array_append_new(jrows, json_pack("{sIsosososbsI}", "n",
                              (json_int_t) R->levels[0][i], "q_n", kd_json_fmpq(D->q + i),
                              "q_n_decimal", kd_json_take_string(kd_fmpq_get_decimal(D->q + i, 10)),
                              "Gamma", yes_no ? json_string(kd_sci_yes_no(out->value))
                                              : json_integer(out->value),
                              "certified", out->certified, "reads", (json_int_t) out->nreads));
    }
    json_object_set_new(root, "rows", jrows);
    return root;
}

/* the head and rows of rank */
static json_t *
demo_rank_head(const kd_sci_demo_t D, const char * input, int seeded, ulong seed,
               const char * certainty)
{
    json_t * root, * jrows = json_array();
    char truth[512];
    slong i;

    kd_sci_demo_truth(truth, sizeof truth, D);
    root = json_pack("{sss[II]sbsosossso}", "matrix", input, "rows_cols", (json_int_t) D->r,
                     (json_int_t) D->c, "complex", D->is_complex, "oracle",
                     demo_oracle(seeded, seed), "exact_rank", D->exact_rank >= 0
                     ? json_integer(D->exact_rank) : json_null(), "truth", truth,
                     "tower", json_pack("{sssssiss}", "name", D->T.name, "class",
                                        D->T.sci_class, "height", 1, "certainty", certainty));
    if (D->exact_field > 0)
    {
        char f[64];
        snprintf(f, sizeof f, "Q(zeta_%ld)", D->exact_field);
        json_object_set_new(root, "exact_field", json_string(f));
    }
    else
        json_object_set_new(root, "exact_field", D->exact_field == 0 ? json_string("Q") : json_null());
    for (i = 0; i < D->R.count; i++)
    {
        const kd_tower_out_struct * out = D->R.out + i;
        json_array_append_new(jrows, json_pack("{sIsIsbsI}", "n", (json_int_t) D->R.levels[0][i],
                              "Gamma", (json_int_t) out->value, "certified", out->certified,
                              "reads", (json_int_t) out->nreads));
    }
    json_object_set_new(root, "rows", jrows);
    return root;
}

json_t *
kd_sci_demo_json(const kd_sci_demo_t D, const char * input, int seeded, ulong seed,
                 const char * certainty)
{
    json_t * root = D->kind == KD_SCI_DEMO_RANK
                    ? demo_rank_head(D, input, seeded, seed, certainty)
                    : demo_real_head(D, input, seeded, seed, certainty);
    if (root == NULL)
        return NULL;
    if (D->kind == KD_SCI_DEMO_SIGN)
        json_object_set_new(root, "adversarial_inputs", demo_family(D));
    json_object_set_new(root, "adversary", demo_adversary(D));
    json_object_set_new(root, "explanation", json_string(D->explanation));
    return root;
}

/* ------------------------------------------------------------ argmin */

/* 1. the LASSO-probe class */
static json_t *
argmin_lasso(const kd_sci_argmin_t R)
{
    json_t * j1 = json_array();
    slong i;
    for (i = 0; i < R->nlevels; i++)
    {
        const kd_sci_lasso_row_struct * row = R->lasso + i;
        char dl[32];
        json_t * j;
        kd_sci_pow2_str(dl, sizeof dl, R->levels[i] + 3, 1);
        j = json_pack("{sIsssososo}", "n", (json_int_t) R->levels[i], "delta", dl,
                      "dist_instances", kd_json_arb(&row->dist, 8),
                      "answers_consistent", kd_json_truth(row->consistent),
                      "truth_certified", kd_json_truth(row->truth_cert));
        json_object_set_new(j, "B_star", json_pack("[oo]",
            kd_json_arb(arb_mat_entry(&row->Bstar, 0, 0), 12),
            kd_json_arb(arb_mat_entry(&row->Bstar, 1, 0), 12)));
        json_object_set_new(j, "W", json_pack("[oo]",
            kd_json_arb(arb_mat_entry(&row->W, 0, 0), 12),
            kd_json_arb(arb_mat_entry(&row->W, 1, 0), 12)));
        json_object_set_new(j, "kappa", kd_json_arb(&row->kappa, 12));
        json_object_set_new(j, "breakdown_epsilon", kd_json_arb(&row->eps_b, 12));
        json_object_set_new(j, "midpoint_errors",
                            json_pack("[oo]", kd_json_arb(row->mid_err + 0, 12),
                                      kd_json_arb(row->mid_err + 1, 12)));
        json_array_append_new(j1, j);
    }
    return j1;
}

/* 2. the basis-pursuit gadget */
static json_t *
argmin_bp(const kd_sci_argmin_t R)
{
    json_t * j2 = json_array();
    slong i;
    for (i = 0; i < R->nlevels; i++)
    {
        const kd_sci_bp_row_struct * row = R->bp + i;
        json_array_append_new(j2, json_pack("{sIsosososososo}", "n",
                              (json_int_t) R->levels[i], "indistinguishable",
                              kd_json_truth(row->indist), "tau", kd_json_arb(&row->tau, 12),
                              "kappa", kd_json_arb(&row->kappa, 12), "epsilon",
                              kd_json_arb(&row->eps, 12), "midpoint_error_0",
                              kd_json_arb(row->mid_err + 0, 12), "midpoint_error_1",
                              kd_json_arb(row->mid_err + 1, 12)));
    }
    return j2;
}

/* 3. the Omega_K adversary and 4. generalised hardness */
static void
argmin_tail(json_t * root, const kd_sci_argmin_t R)
{
    json_t * ja = json_array(), * jg = json_array(), * jt = json_object();
    slong i;
    for (i = 0; i < 2; i++)
        json_array_append_new(ja, json_pack("{sssIsIsIsIsososo}", "algorithm", R->adv_name[i],
                              "reads", (json_int_t) R->adv[i].reads, "max_level",
                              (json_int_t) R->adv[i].max_level, "revealed_j",
                              (json_int_t) R->adv[i].revealed_j, "revealed_n",
                              (json_int_t) R->adv[i].revealed_n, "error",
                              kd_json_arb(&R->adv[i].err, 10), "wrong",
                              kd_json_truth(R->adv[i].wrong), "answers_consistent",
                              kd_json_truth(R->adv[i].consistent)));
    for (i = 0; i < KD_SCI_ARGMIN_NGHA; i++)
    {
        const kd_sci_gha_run_struct * g = R->gha + i;
        json_array_append_new(jg, json_pack("{sssIsIsIsIsosIso}", "algorithm",
                              kd_sci_gha_run_name(g), "scale", (json_int_t) g->scale,
                              "n", (json_int_t) g->n, "j", (json_int_t) g->j,
                              "reads", (json_int_t) g->reads, "error", kd_json_arb(&g->err, 10),
                              "target_digits", (json_int_t) (R->K - g->digits_lost),
                              "within_target", kd_json_truth(g->ok)));
    }
    json_object_set_new(jt, "eps0", kd_json_fmpq(&R->eps0));
    json_object_set_new(jt, "eps1", kd_json_fmpq(&R->eps1));
    json_object_set_new(jt, "runs", jg);
    json_object_set_new(jt, "budget", json_pack("{sIsIsIsIsI}", "max_reads",
                        (json_int_t) R->budget_reads, "trials", (json_int_t) R->budget_trials,
                        "fail_j0", (json_int_t) R->budget_fail[0], "fail_j1",
                        (json_int_t) R->budget_fail[1], "max_level",
                        (json_int_t) R->budget_max_level));
    json_object_set_new(root, "adversary", ja);
    json_object_set_new(root, "generalised_hardness", jt);
}

json_t *
kd_sci_argmin_json(const kd_sci_argmin_t R)
{
    json_t * root = json_object();
    if (root == NULL)
        return NULL;
    json_object_set_new(root, "Lambda", kd_json_fmpq(&R->Lambda));
    json_object_set_new(root, "K", json_integer(R->K));
    json_object_set_new(root, "lasso_probe", argmin_lasso(R));
    json_object_set_new(root, "bp_gadget", argmin_bp(R));
    argmin_tail(root, R);
    json_object_set_new(root, "explanation", json_string(R->explanation));
    return root;
}

/* ------------------------------------------------------------ classes */

json_t *
kd_sci_classes_json(slong K, slong prec)
{
    json_t * root = json_object(), * ja = json_array();
    arb_t e;
    slong i;
    if (root == NULL || ja == NULL)
    {
        json_decref(root);
        json_decref(ja);
        return NULL;
    }
    arb_init(e);
    json_object_set_new(root, "K", json_integer(K));
    for (i = 0; i < kd_sci_class_count(); i++)
    {
        const kd_sci_class_struct * c = kd_sci_class_get(i);
        json_array_append_new(ja, json_pack("{sssssosossssss}", "problem", c->problem,
                              "class", c->sci_class, "value", kd_sci_class_eps(e, i, K, prec)
                              ? kd_json_arb(e, 10) : json_null(), "value_name", c->value_name
                              ? json_string(c->value_name) : json_null(), "command",
                              c->command, "functions", c->functions, "proof", c->proof));
    }
    arb_clear(e);
    json_object_set_new(root, "classes", ja);
    return root;
}
