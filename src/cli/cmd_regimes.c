/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits regimes: the three statements of the barrier theorem run on
   Omega_K (theory.md §5): K digits defeated by an adversary, K-1 digits
   with unboundedly many reads, K-2 digits with one read. */
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "kdigits/regimes.h"

static void
help(void)
{
    kd_cli_help(stdout, kd_help_regimes, NULL, NULL);
}

typedef struct
{
    slong K, N1, trials, seed;
    const char * problem;
}
reg_args;

static int
own(int c, const char * arg, void * data)
{
    reg_args * a = data;
    switch (c)
    {
        case 'K': return kd_cli_parse_slong(&a->K, arg, "regimes", "--K", 2, 8) ? 1 : -1;
        case 'P': a->problem = arg; return 1;
        case 'M': return kd_cli_parse_slong(&a->N1, arg, "regimes", "--N1", 2, 16) ? 1 : -1;
        case 'T': return kd_cli_parse_slong(&a->trials, arg, "regimes", "--trials", 1, 100000) ? 1 : -1;
        case 'S': return kd_cli_parse_slong(&a->seed, arg, "regimes", "--seed", 0, WORD_MAX) ? 1 : -1;
        default: return 0;
    }
}

static json_t *
jtruth(kd_truth t)
{
    return t == KD_TRUE ? json_true() : t == KD_FALSE ? json_false() : json_null();
}

/* printf of fmt with the "mid +/- rad" string of b (6 digits) */
static void
print_ball(const char * fmt, const arb_t b)
{
    char * s = kd_cli_ball_str(b, 6);
    printf(fmt, s);
    flint_free(s);
}

/* the sampled instances of (ii) or (iii); reads < 0: not shown */
static json_t *
json_sampled(json_t * j, slong ok, slong tot, slong reads, const arb_t worst)
{
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

static int
print_json(const kd_regimes_report_t R)
{
    json_t * root = json_object(), * ja = json_array();
    slong i;
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
        json_object_set_new(jo, "wrong", jtruth(v->wrong));
        json_object_set_new(jo, "answers_consistent", jtruth(v->consistent));
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
    return kd_json_print(root);
}

static void
print_text_i(const kd_regimes_report_t R)
{
    slong i;
    printf("Barrier regimes on Omega_%ld (theory.md §5): problem %s, N1 = 2, N2 = 2, DCT.\n",
           R->K, kd_problem_kind_name(R->kind));
    printf("Every error below is a certified distance to the exact minimiser set (mid +/- rad).\n\n");
    printf("(i) K = %ld digits: the adversary answers every query with the scale-1 tie data,\n"
           "    then reveals a consistent instance (column j raised at level n) the output misses.\n", R->K);
    printf("  %-32s %5s %5s  %-3s %-4s  %-28s %-6s %-10s\n", "algorithm", "reads", "level", "j", "n",
           "error on revealed instance", "wrong", "consistent");
    for (i = 0; i < R->nalg; i++)
    {
        const kd_regimes_adv_struct * v = R->adv + i;
        char * b = kd_cli_ball_str(&v->err, 6);
        printf("  %-32s %5ld %5ld  %-3ld %-4ld  %-28s %-6s %-10s\n", R->alg[i].name, v->reads,
               v->max_level, v->revealed_j + 1, v->revealed_n, b, kd_truth_name(v->wrong),
               kd_truth_name(v->consistent));
        flint_free(b);
    }
    printf("  randomised guesser, %ld trials: success on candidate 1 = %.3f, on candidate 2 = %.3f\n",
           R->trials, (double) R->succ[0] / R->trials, (double) R->succ[1] / R->trials);
    print_ball("  breakdown epsilon (half the separation of the candidates, n = 20): %s\n", &R->eps);
    print_ball("  best output (midpoint): error %s on candidate 1, ", &R->mid0);
    print_ball("%s on candidate 2\n", &R->mid1);
    printf("  => %s: no algorithm reaches 10^-%ld on the class; a randomised one succeeds with\n"
           "     probability <= 1/2 on one of two indistinguishable instances.\n\n",
           R->defeated == KD_TRUE ? "every algorithm defeated (error > 10^-K, answers consistent, proved)"
                                  : "NOT every run was proved defeated", R->K);
}

static void
print_text(const kd_regimes_report_t R)
{
    slong i, r;
    char * b;
    print_text_i(R);
    printf("(ii) K-1 = %ld digits: centroid on scale 1, read A_k until decided on scale 2.\n", R->K - 1);
    b = kd_cli_ball_str(&R->k1_worst, 6);
    printf("  sampled instances (both scales, n = 1, 7, 25, j = 1, 2 and the tie): %ld/%ld within 10^-%ld"
           " (worst %s)\n", R->k1_ok, R->k1_instances, R->K - 1, b);
    flint_free(b);
    printf("  reads on scale 2, column 1 raised at level n:");
    for (i = 0; i < KD_REGIMES_REPORT_NLEVELS; i++)
        printf("  n = %ld: %ld", R->levels[i], R->reads[i]);
    printf("\n");
    for (r = 0; r < 2; r++)
    {
        printf("  budget M = %ld, N1 = %ld indistinguishable scale-2 instances, %ld trials: failure",
               R->mc_budget, R->mc_N1[r], R->trials);
        for (i = 0; i < R->mc_N1[r]; i++)
            printf(" %.3f", (double) R->mc_fail[r][i] / R->trials);
        printf("; max %.3f >= 1 - 1/N1 = %.3f\n", (double) R->mc_max[r] / R->trials,
               1.0 - 1.0 / R->mc_N1[r]);
    }
    printf("  => K-1 digits are computed on all of Omega_K, but the reads grow like n (unbounded);\n"
           "     with a budget some instance fails with probability >= 1 - 1/N1.\n\n");
    printf("(iii) K-2 = %ld digits: read A_10 once, output the centroid.\n", R->K - 2);
    b = kd_cli_ball_str(&R->k2_worst, 6);
    printf("  sampled instances: %ld/%ld within 10^-%ld (worst %s), reads = %ld\n", R->k2_ok,
           R->k2_instances, R->K - 2, b, R->k2_reads);
    flint_free(b);
    printf("  => K-2 digits with one datum.\n");
}

int
kd_cmd_regimes(int argc, char ** argv)
{
    static const struct option opts[] = {
        {"K", required_argument, NULL, 'K'},
        {"problem", required_argument, NULL, 'P'},
        {"N1", required_argument, NULL, 'M'},
        {"trials", required_argument, NULL, 'T'},
        {"seed", required_argument, NULL, 'S'},
        KD_CLI_LONGOPTS_COMMON,
        {NULL, 0, NULL, 0}};
    reg_args a = {3, 4, 200, 1, NULL};
    kd_cli_opts o;
    kd_problem_kind kind = KD_PROBLEM_P3;
    kd_regimes_report_t R;
    kd_status st = KD_OK;
    int r, ret = 0;

    kd_cli_opts_init(&o, 0);
    if ((r = kd_cli_getopt(&o, argc, argv, opts, "regimes", own, &a, help)) != 0)
        return KD_CLI_GETOPT_EXIT(r);
    kd_regimes_report_init(R);
    if (a.problem != NULL)
        st = kd_problem_kind_parse(&kind, a.problem);
    if (st == KD_OK)
        st = kd_regimes_report_run(R, kind, a.K, a.N1, a.trials, (ulong) a.seed, 256);
    if (st != KD_OK)
        ret = kd_cli_fail("regimes", st);
    else if (o.fmt == KD_FMT_JSON)
        ret = print_json(R);
    else
        print_text(R);
    kd_regimes_report_clear(R);
    kd_cli_opts_clear(&o);
    return ret;
}
