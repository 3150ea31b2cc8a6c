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
    printf(
        "usage: kdigits regimes [--K K] [--problem p3|p2|p1] [--N1 N] [--trials T] [--seed S]\n"
        "                       [--format text|json]\n"
        "\n"
        "The three regimes of the barrier theorem on the class Omega_K (theory.md §5),\n"
        "N2 = 2, DCT, lambda = 1 (eta = 1/10 for p1: eta < 1/3 is needed for the\n"
        "K-digit separation); every error is certified:\n"
        "  (i)   an adversary defeats every algorithm at K digits (FIRENET, FISTA, exact\n"
        "        solve, LISTA, read-until-decided, a randomised guesser);\n"
        "  (ii)  K-1 digits are computable, but the reads grow without bound;\n"
        "  (iii) K-2 digits with one datum.\n"
        "\n"
        "options:\n"
        "  --K K          decimal scale, 2..8 (default 3)\n"
        "  --problem P    p3 (default), p2 or p1\n"
        "  --N1 N         competing columns of the Monte Carlo in (ii) (default 4)\n"
        "  --trials T     randomised trials (default 200)\n"
        "  --seed S       seed of the randomised runs (default 1)\n"
        "  --format F     text (default) or json\n");
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

static const char *
tv(kd_truth t)
{
    return t == KD_TRUE ? "true" : t == KD_FALSE ? "false" : "unknown";
}

static void
ball(char * buf, size_t len, const arb_t b)
{
    char * mid, * rad;
    kd_arb_get_decimal(&mid, &rad, b, 6);
    snprintf(buf, len, "%s +/- %s", mid, rad);
    flint_free(mid);
    flint_free(rad);
}

#define NALG 8
#define NNS 6
#define PREC 256

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
    static const slong ns[NNS] = {5, 10, 20, 40, 80, 160};
    const char * cmd = "regimes";
    reg_args a = {3, 4, 200, 1, NULL};
    kd_cli_opts o;
    kd_problem_kind kind = KD_PROBLEM_P3;
    kd_real_t param;
    kd_omega_class_t C, C4;
    kd_regimes_alg_t algs[NALG], k1, k2, k1b, guess;
    kd_regimes_adv_struct adv[NALG];
    slong nalg = 0, i, j, succ[2], reads_n[NNS], mcM = 8, fail2[2], fail4[16], mr2, mr4;
    slong k1_ok = 0, k1_tot = 0, k2_ok = 0, k2_tot = 0, k2_maxreads = 0, mc_trials;
    arb_t d, eps, m0, m1, k1_worst, k2_worst;
    kd_truth ok;
    kd_status st = KD_OK;
    int r, ret = 0, c_init = 0, c4_init = 0;

    memset(adv, 0, sizeof adv);
    memset(algs, 0, sizeof algs);
    memset(k1, 0, sizeof k1);
    memset(k1b, 0, sizeof k1b);
    kd_cli_opts_init(&o, 0);
    if ((r = kd_cli_getopt(&o, argc, argv, opts, cmd, own, &a, help)) != 0)
        return KD_CLI_GETOPT_EXIT(r);
    kd_real_init(param);
    kd_real_one(param);
    arb_init(d);
    arb_init(eps);
    arb_init(m0);
    arb_init(m1);
    arb_init(k1_worst);
    arb_init(k2_worst);
    for (i = 0; i < NALG; i++)
        kd_regimes_adv_init(adv + i);
    if (a.problem != NULL && (st = kd_problem_kind_parse(&kind, a.problem)) != KD_OK)
        goto fail;
    if (kind == KD_PROBLEM_BP)
    {
        st = kd_error_set(KD_ERR_ARG, "regimes is for p1, p2 or p3");
        goto fail;
    }
    if (kind == KD_PROBLEM_P1)
        kd_real_set_si_si(param, 1, 10);   /* eta < 1/3 keeps the candidates > 2 10^-K apart */
    if ((st = kd_omega_class_init(C, kind, param, a.K, 2, 2, 1, 0)) != KD_OK)
        goto fail;
    c_init = 1;
    if ((st = kd_omega_class_init(C4, kind, param, a.K, a.N1, 2, 1, 0)) != KD_OK)
        goto fail;
    c4_init = 1;

    /* (i) */
    kd_regimes_alg_firenet(algs[nalg++], 5);
    kd_regimes_alg_firenet(algs[nalg++], 15);
    kd_regimes_alg_firenet(algs[nalg++], 30);
    kd_regimes_alg_fista(algs[nalg++]);
    kd_regimes_alg_exact(algs[nalg++]);
    if (kind == KD_PROBLEM_P3)
        kd_regimes_alg_lista(algs[nalg++], 400, 4);
    kd_regimes_alg_read_until(algs[nalg++], 40);
    kd_regimes_alg_guess(algs[nalg++]);
    for (i = 0; i < nalg && st == KD_OK; i++)
        st = kd_regimes_adversary_run(adv + i, algs[i], C, PREC);
    if (st == KD_OK)
    {
        kd_regimes_alg_guess(guess);
        st = kd_regimes_randomised(succ, guess, C, a.trials, (ulong) a.seed, PREC);
    }
    if (st == KD_OK)
        st = kd_regimes_breakdown(eps, m0, m1, C, 20, PREC);

    /* (ii) and (iii) on samples of both scales */
    kd_regimes_alg_k1(k1, -1);
    kd_regimes_alg_k2(k2);
    arb_zero(k1_worst);
    arb_zero(k2_worst);
    {
        static const slong sn[3] = {1, 7, 25};
        slong scale, jj, ni, rd;
        for (scale = 1; scale <= 2 && st == KD_OK; scale++)
            for (ni = 0; ni < 3 && st == KD_OK; ni++)
                for (jj = scale == 1 ? -1 : 0; jj < 2 && st == KD_OK; jj++)
                {
                    st = kd_regimes_run_instance(&rd, d, &ok, k1, C, scale, sn[ni], jj, a.K - 1, PREC);
                    if (st != KD_OK)
                        break;
                    k1_tot++;
                    k1_ok += ok == KD_TRUE;
                    if (arf_cmp(arb_midref(d), arb_midref(k1_worst)) > 0)
                        arb_set(k1_worst, d);
                    st = kd_regimes_run_instance(&rd, d, &ok, k2, C, scale, sn[ni], jj, a.K - 2, PREC);
                    if (st != KD_OK)
                        break;
                    k2_tot++;
                    k2_ok += ok == KD_TRUE;
                    if (rd > k2_maxreads)
                        k2_maxreads = rd;
                    if (arf_cmp(arb_midref(d), arb_midref(k2_worst)) > 0)
                        arb_set(k2_worst, d);
                }
        for (i = 0; i < NNS && st == KD_OK; i++)
            st = kd_regimes_run_instance(reads_n + i, d, &ok, k1, C, 2, ns[i], 0, a.K - 1, PREC);
    }
    mc_trials = a.trials;
    kd_regimes_alg_k1(k1b, mcM);
    if (st == KD_OK)
        st = kd_regimes_budget_mc(fail2, &mr2, k1b, C, mcM, mc_trials, (ulong) a.seed, PREC);
    if (st == KD_OK)
        st = kd_regimes_budget_mc(fail4, &mr4, k1b, C4, mcM, mc_trials, (ulong) a.seed, PREC);
    if (st != KD_OK)
        goto fail_algs;

    if (o.fmt == KD_FMT_JSON)
    {
        json_t * root = json_object(), * ja = json_array(), * jr, * jk1, * jl, * jmc, * jf;
        slong fmax;
        json_object_set_new(root, "K", json_integer(a.K));
        json_object_set_new(root, "problem", json_string(kd_problem_kind_name(kind)));
        for (i = 0; i < nalg; i++)
        {
            json_t * jo = json_object();
            json_object_set_new(jo, "name", json_string(algs[i]->name));
            json_object_set_new(jo, "reads", json_integer(adv[i].reads));
            json_object_set_new(jo, "max_level", json_integer(adv[i].max_level));
            json_object_set_new(jo, "revealed_j", json_integer(adv[i].revealed_j));
            json_object_set_new(jo, "revealed_n", json_integer(adv[i].revealed_n));
            json_object_set_new(jo, "error", kd_json_arb(&adv[i].err, 10));
            json_object_set_new(jo, "wrong", adv[i].wrong == KD_TRUE ? json_true()
                                : adv[i].wrong == KD_FALSE ? json_false() : json_null());
            json_object_set_new(jo, "answers_consistent", adv[i].consistent == KD_TRUE ? json_true()
                                : adv[i].consistent == KD_FALSE ? json_false() : json_null());
            json_array_append_new(ja, jo);
        }
        json_object_set_new(root, "adversary", ja);
        jr = json_object();
        json_object_set_new(jr, "trials", json_integer(a.trials));
        json_object_set_new(jr, "success_candidate_0", json_real((double) succ[0] / a.trials));
        json_object_set_new(jr, "success_candidate_1", json_real((double) succ[1] / a.trials));
        json_object_set_new(root, "randomised", jr);
        jk1 = json_object();
        jl = json_array();
        for (i = 0; i < NNS; i++)
        {
            json_t * p = json_object();
            json_object_set_new(p, "n", json_integer(ns[i]));
            json_object_set_new(p, "reads", json_integer(reads_n[i]));
            json_array_append_new(jl, p);
        }
        json_object_set_new(jk1, "reads_vs_n", jl);
        json_object_set_new(jk1, "succeeded", json_integer(k1_ok));
        json_object_set_new(jk1, "instances", json_integer(k1_tot));
        json_object_set_new(jk1, "worst_error", kd_json_arb(k1_worst, 10));
        jmc = json_array();
        for (r = 0; r < 2; r++)
        {
            json_t * p = json_object();
            slong N1 = r == 0 ? 2 : a.N1, * f = r == 0 ? fail2 : fail4;
            jf = json_array();
            fmax = 0;
            for (j = 0; j < N1; j++)
            {
                json_array_append_new(jf, json_real((double) f[j] / mc_trials));
                if (f[j] > fmax)
                    fmax = f[j];
            }
            json_object_set_new(p, "N1", json_integer(N1));
            json_object_set_new(p, "budget", json_integer(mcM));
            json_object_set_new(p, "trials", json_integer(mc_trials));
            json_object_set_new(p, "failure_per_instance", jf);
            json_object_set_new(p, "max_failure", json_real((double) fmax / mc_trials));
            json_object_set_new(p, "bound", json_real(1.0 - 1.0 / N1));
            json_array_append_new(jmc, p);
        }
        json_object_set_new(jk1, "monte_carlo", jmc);
        json_object_set_new(root, "k_minus_1", jk1);
        jk1 = json_object();
        json_object_set_new(jk1, "succeeded", json_integer(k2_ok));
        json_object_set_new(jk1, "instances", json_integer(k2_tot));
        json_object_set_new(jk1, "reads", json_integer(k2_maxreads));
        json_object_set_new(jk1, "worst_error", kd_json_arb(k2_worst, 10));
        json_object_set_new(root, "k_minus_2", jk1);
        json_object_set_new(root, "breakdown_epsilon", kd_json_arb(eps, 10));
        jk1 = json_object();
        json_object_set_new(jk1, "candidate_0", kd_json_arb(m0, 10));
        json_object_set_new(jk1, "candidate_1", kd_json_arb(m1, 10));
        json_object_set_new(root, "midpoint_error", jk1);
        ret = kd_json_print(root);
    }
    else
    {
        char b[96];
        int all_wrong = 1;
        printf("Barrier regimes on Omega_%ld (theory.md §5): problem %s, N1 = 2, N2 = 2, DCT.\n",
               a.K, kd_problem_kind_name(kind));
        printf("Every error below is a certified distance to the exact minimiser set (mid +/- rad).\n\n");
        printf("(i) K = %ld digits: the adversary answers every query with the scale-1 tie data,\n"
               "    then reveals a consistent instance (column j raised at level n) the output misses.\n", a.K);
        printf("  %-32s %5s %5s  %-3s %-4s  %-28s %-6s %-10s\n", "algorithm", "reads", "level", "j", "n",
               "error on revealed instance", "wrong", "consistent");
        for (i = 0; i < nalg; i++)
        {
            ball(b, sizeof b, &adv[i].err);
            printf("  %-32s %5ld %5ld  %-3ld %-4ld  %-28s %-6s %-10s\n", algs[i]->name, adv[i].reads,
                   adv[i].max_level, adv[i].revealed_j + 1, adv[i].revealed_n, b, tv(adv[i].wrong),
                   tv(adv[i].consistent));
            all_wrong &= adv[i].wrong == KD_TRUE && adv[i].consistent == KD_TRUE;
        }
        printf("  randomised guesser, %ld trials: success on candidate 1 = %.3f, on candidate 2 = %.3f\n",
               a.trials, (double) succ[0] / a.trials, (double) succ[1] / a.trials);
        ball(b, sizeof b, eps);
        printf("  breakdown epsilon (half the separation of the candidates, n = 20): %s\n", b);
        ball(b, sizeof b, m0);
        printf("  best output (midpoint): error %s on candidate 1, ", b);
        ball(b, sizeof b, m1);
        printf("%s on candidate 2\n", b);
        printf("  => %s: no algorithm reaches 10^-%ld on the class; a randomised one succeeds with\n"
               "     probability <= 1/2 on one of two indistinguishable instances.\n\n",
               all_wrong ? "every algorithm defeated (error > 10^-K, answers consistent, proved)"
                         : "NOT every run was proved defeated", a.K);

        printf("(ii) K-1 = %ld digits: centroid on scale 1, read A_k until decided on scale 2.\n", a.K - 1);
        ball(b, sizeof b, k1_worst);
        printf("  sampled instances (both scales, n = 1, 7, 25, j = 1, 2 and the tie): %ld/%ld within 10^-%ld"
               " (worst %s)\n", k1_ok, k1_tot, a.K - 1, b);
        printf("  reads on scale 2, column 1 raised at level n:");
        for (i = 0; i < NNS; i++)
            printf("  n = %ld: %ld", ns[i], reads_n[i]);
        printf("\n");
        for (r = 0; r < 2; r++)
        {
            slong N1 = r == 0 ? 2 : a.N1, * f = r == 0 ? fail2 : fail4, fmax = 0;
            printf("  budget M = %ld, N1 = %ld indistinguishable scale-2 instances, %ld trials: failure",
                   mcM, N1, mc_trials);
            for (j = 0; j < N1; j++)
            {
                printf(" %.3f", (double) f[j] / mc_trials);
                if (f[j] > fmax)
                    fmax = f[j];
            }
            printf("; max %.3f >= 1 - 1/N1 = %.3f\n", (double) fmax / mc_trials, 1.0 - 1.0 / N1);
        }
        printf("  => K-1 digits are computed on all of Omega_K, but the reads grow like n (unbounded);\n"
               "     with a budget some instance fails with probability >= 1 - 1/N1.\n\n");

        printf("(iii) K-2 = %ld digits: read A_10 once, output the centroid.\n", a.K - 2);
        ball(b, sizeof b, k2_worst);
        printf("  sampled instances: %ld/%ld within 10^-%ld (worst %s), reads = %ld\n", k2_ok, k2_tot,
               a.K - 2, b, k2_maxreads);
        printf("  => K-2 digits with one datum.\n");
    }
    goto done;

fail_algs:
fail:
    ret = kd_cli_fail(cmd, st);
done:
    for (i = 0; i < nalg; i++)
        kd_regimes_alg_clear(algs[i]);
    kd_regimes_alg_clear(k1);
    kd_regimes_alg_clear(k1b);
    if (c_init)
        kd_omega_class_clear(C);
    if (c4_init)
        kd_omega_class_clear(C4);
    for (i = 0; i < NALG; i++)
        kd_regimes_adv_clear(adv + i);
    arb_clear(d);
    arb_clear(eps);
    arb_clear(m0);
    arb_clear(m1);
    arb_clear(k1_worst);
    arb_clear(k2_worst);
    kd_real_clear(param);
    kd_cli_opts_clear(&o);
    return ret;
}
