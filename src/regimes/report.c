/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The protocol of `kdigits regimes`: the three statements of the barrier
   theorem run on one Omega_K and collected in a report (theory.md §5). */
#include <string.h>
#include "kdigits/regimes.h"

void
kd_regimes_report_init(kd_regimes_report_t R)
{
    slong i;
    memset(R, 0, sizeof(kd_regimes_report_struct));
    for (i = 0; i < KD_REGIMES_REPORT_NALG; i++)
        kd_regimes_adv_init(R->adv + i);
    R->defeated = KD_UNKNOWN;
    arb_init(&R->eps);
    arb_init(&R->mid0);
    arb_init(&R->mid1);
    arb_init(&R->k1_worst);
    arb_init(&R->k2_worst);
}

void
kd_regimes_report_clear(kd_regimes_report_t R)
{
    slong i;
    for (i = 0; i < R->nalg; i++)
        kd_regimes_alg_clear(R->alg + i);
    for (i = 0; i < KD_REGIMES_REPORT_NALG; i++)
        kd_regimes_adv_clear(R->adv + i);
    arb_clear(&R->eps);
    arb_clear(&R->mid0);
    arb_clear(&R->mid1);
    arb_clear(&R->k1_worst);
    arb_clear(&R->k2_worst);
    flint_free(R->mc_fail[0]);
    flint_free(R->mc_fail[1]);
}

/* (i): every built-in algorithm against the adversary, the guesser
   randomised, the breakdown epsilon; defeated = KD_TRUE when every run is
   proved wrong with consistent answers, KD_FALSE when one is proved not. */
static kd_status
regime_i(kd_regimes_report_t R, const kd_omega_class_t C, ulong seed, slong prec)
{
    kd_regimes_alg_t guess;
    kd_status st = KD_OK;
    slong i;

    kd_regimes_alg_firenet(R->alg + R->nalg++, 5);
    kd_regimes_alg_firenet(R->alg + R->nalg++, 15);
    kd_regimes_alg_firenet(R->alg + R->nalg++, 30);
    kd_regimes_alg_fista(R->alg + R->nalg++);
    kd_regimes_alg_exact(R->alg + R->nalg++);
    if (R->kind == KD_PROBLEM_P3)
        kd_regimes_alg_lista(R->alg + R->nalg++, 400, 4);   /* its samples are P3 minimisers */
    kd_regimes_alg_read_until(R->alg + R->nalg++, 40);
    kd_regimes_alg_guess(R->alg + R->nalg++);
    for (i = 0; i < R->nalg && st == KD_OK; i++)
        st = kd_regimes_adversary_run(R->adv + i, R->alg + i, C, prec);
    if (st != KD_OK)
        return st;
    R->defeated = KD_TRUE;
    for (i = 0; i < R->nalg; i++)
        if (R->adv[i].wrong == KD_FALSE || R->adv[i].consistent == KD_FALSE)
            R->defeated = KD_FALSE;
        else if (R->defeated == KD_TRUE
                 && (R->adv[i].wrong != KD_TRUE || R->adv[i].consistent != KD_TRUE))
            R->defeated = KD_UNKNOWN;
    kd_regimes_alg_guess(guess);
    st = kd_regimes_randomised(R->succ, guess, C, R->trials, seed, prec);
    kd_regimes_alg_clear(guess);
    R->breakdown_n = 20;
    if (st == KD_OK)
        st = kd_regimes_breakdown(&R->eps, &R->mid0, &R->mid1, C, R->breakdown_n, prec);
    return st;
}

/* (ii) and (iii) on the sampled instances: both scales, n = 1, 7, 25,
   columns 0, 1 and (scale 1) the tie; then the reads against n. */
static kd_status
regime_ii_iii(kd_regimes_report_t R, const kd_omega_class_t C, slong prec)
{
    static const slong sn[3] = {1, 7, 25}, ns[KD_REGIMES_REPORT_NLEVELS] = {5, 10, 20, 40, 80, 160};
    kd_regimes_alg_t k1, k2;
    slong scale, j, ni, rd;
    kd_truth ok;
    kd_status st = KD_OK;
    arb_t d;

    arb_init(d);
    kd_regimes_alg_k1(k1, -1);
    kd_regimes_alg_k2(k2);
    arb_zero(&R->k1_worst);
    arb_zero(&R->k2_worst);
    for (scale = 1; scale <= 2 && st == KD_OK; scale++)
        for (ni = 0; ni < 3 && st == KD_OK; ni++)
            for (j = scale == 1 ? KD_OMEGA_TIE : 0; j < 2 && st == KD_OK; j++)
            {
                st = kd_regimes_run_instance(&rd, d, &ok, k1, C, scale, sn[ni], j, R->K - 1, prec);
                if (st != KD_OK)
                    break;
                R->k1_instances++;
                R->k1_ok += ok == KD_TRUE;
                if (arf_cmp(arb_midref(d), arb_midref(&R->k1_worst)) > 0)
                    arb_set(&R->k1_worst, d);
                st = kd_regimes_run_instance(&rd, d, &ok, k2, C, scale, sn[ni], j, R->K - 2, prec);
                if (st != KD_OK)
                    break;
                R->k2_instances++;
                R->k2_ok += ok == KD_TRUE;
                if (rd > R->k2_reads)
                    R->k2_reads = rd;
                if (arf_cmp(arb_midref(d), arb_midref(&R->k2_worst)) > 0)
                    arb_set(&R->k2_worst, d);
            }
    for (ni = 0; ni < KD_REGIMES_REPORT_NLEVELS && st == KD_OK; ni++)
    {
        R->levels[ni] = ns[ni];
        st = kd_regimes_run_instance(R->reads + ni, d, &ok, k1, C, 2, ns[ni], 0, R->K - 1, prec);
    }
    kd_regimes_alg_clear(k1);
    kd_regimes_alg_clear(k2);
    arb_clear(d);
    return st;
}

kd_status
kd_regimes_report_run(kd_regimes_report_t R, kd_problem_kind kind, slong K, slong N1,
                      slong trials, ulong seed, slong prec)
{
    kd_real_t param;
    kd_omega_class_t C[2];
    kd_regimes_alg_t k1b;
    kd_status st;
    slong r, j, maxread, ninit = 0;

    if (kind == KD_PROBLEM_BP)
        return kd_error_set(KD_ERR_ARG, "regimes is for p1, p2 or p3");
    if (K < 2 || N1 < 2 || N1 > 16 || trials < 1)
        return kd_error_set(KD_ERR_ARG, "regimes: need K >= 2, N1 in [2, 16] and trials >= 1");
    R->kind = kind;
    R->K = K;
    R->N1 = N1;
    R->trials = trials;
    R->mc_budget = 8;
    R->mc_N1[0] = 2;
    R->mc_N1[1] = N1;
    kd_real_init(param);
    kd_real_one(param);
    if (kind == KD_PROBLEM_P1)
        kd_real_set_si_si(param, 1, 10);
    /* both are safe to clear once attempted */
    st = kd_omega_class_init(C[ninit++], kind, param, K, 2, 2, 1, 0);
    if (st == KD_OK)
        st = kd_omega_class_init(C[ninit++], kind, param, K, N1, 2, 1, 0);
    if (st == KD_OK)
        st = regime_i(R, C[0], seed, prec);
    if (st == KD_OK)
        st = regime_ii_iii(R, C[0], prec);
    /* the budget Monte Carlo of (ii) on N1 = 2 and N1 indistinguishable instances */
    kd_regimes_alg_k1(k1b, R->mc_budget);
    for (r = 0; r < 2 && st == KD_OK; r++)
    {
        R->mc_fail[r] = flint_calloc(R->mc_N1[r], sizeof(slong));
        st = kd_regimes_budget_mc(R->mc_fail[r], &maxread, k1b, C[r], R->mc_budget, trials,
                                  seed, prec);
        for (j = 0; j < R->mc_N1[r]; j++)
            if (R->mc_fail[r][j] > R->mc_max[r])
                R->mc_max[r] = R->mc_fail[r][j];
    }
    kd_regimes_alg_clear(k1b);
    for (r = 0; r < ninit; r++)
        kd_omega_class_clear(C[r]);
    kd_real_clear(param);
    return st;
}
