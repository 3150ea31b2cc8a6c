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

/* printf of fmt with the "mid +/- rad" string of b (6 digits) */
static void
print_ball(const char * fmt, const arb_t b)
{
    char * s = kd_arb_get_str_pm(b, 6);
    printf(fmt, s);
    flint_free(s);
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
        char * b = kd_arb_get_str_pm(&v->err, 6);
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
    b = kd_arb_get_str_pm(&R->k1_worst, 6);
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
    b = kd_arb_get_str_pm(&R->k2_worst, 6);
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
        ret = kd_json_print(kd_regimes_report_json(R));
    else if (o.fmt == KD_FMT_CSV)
        ret = kd_csv_print_json(kd_regimes_report_json(R));
    else
        print_text(R);
    kd_regimes_report_clear(R);
    kd_cli_opts_clear(&o);
    return ret;
}
