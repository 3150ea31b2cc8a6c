/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The protocol of `kdigits sci argmin`: the breakdown epsilons of the
   LASSO-probe class and of the basis-pursuit gadget of Omega_K, the Omega_K
   adversary and the generalised-hardness runs on that class
   (proofs-notes/sci.md §5-§6, omega-k.md §3-§4). */
#include <string.h>
#include "kdigits/sci.h"

/* The generalised-hardness runs (digits lost, scale, n, j): the K-1
   algorithm on easy (scale 1) and hard (scale 2) instances at growing n,
   and the one-read K-2 algorithm on both scales (omega-k.md §4). */
static const slong gha_runs[KD_SCI_ARGMIN_NGHA][4] = {
    {1, 2, 5, 0}, {1, 2, 20, 1}, {1, 2, 40, 0}, {1, 1, 20, 0}, {2, 2, 20, 1}, {2, 1, 20, 0}};

/* The budgeted K-1 algorithm: at most this many reads, over this many
   seeded trials (then it guesses; one of the two instances defeats it in
   at least half of them). */
#define BUDGET_READS 8
#define BUDGET_TRIALS 50

/* What the four sections show, and why (proofs-notes/sci.md §5-§6). */
static const char * expl_argmin =
    "The inputs converge: A_delta and its mirror both tend to A_0, and an algorithm "
    "that reads levels <= n cannot tell them apart once delta = 2^-(n+3). Their "
    "minimisers do not: they stay kappa apart at every delta. By the triangle "
    "inequality any output x has ||x - B*|| + ||x - W|| >= kappa, so it errs by at "
    "least kappa/2 on one of them, and the midpoint attains kappa/2 on both (it lies "
    "on A_0's solution segment): the argmin is not in Delta_1 on this class and its "
    "breakdown epsilon is exactly kappa/2. The basis-pursuit gadget shows the same "
    "at scale 10^-K, with eps(n) increasing to eps0 = 3/(2 10^K). Its thresholds are "
    "a generalised hardness of approximation: accuracy below eps0 is impossible for "
    "every algorithm, between eps0 and eps1 = 10 eps0 it is possible but needs "
    "unboundedly many reads, and above eps1 one read suffices. That is the K / K-1 / "
    "K-2 digits theorem: 10^-K < eps0 < 10^-(K-1) < eps1 < 10^-(K-2). "
    "Proofs: proofs-notes/sci.md §5-§6.";

void
kd_sci_argmin_init(kd_sci_argmin_t A)
{
    slong i;
    memset(A, 0, sizeof(kd_sci_argmin_struct));
    fmpq_init(&A->Lambda);
    fmpq_init(&A->eps0);
    fmpq_init(&A->eps1);
    for (i = 0; i < 2; i++)
        kd_regimes_adv_init(A->adv + i);
    for (i = 0; i < KD_SCI_ARGMIN_NGHA; i++)
        arb_init(&A->gha[i].err);
}

void
kd_sci_argmin_clear(kd_sci_argmin_t A)
{
    slong i;
    for (i = 0; i < A->nlevels; i++)
    {
        kd_sci_lasso_row_clear(A->lasso + i);
        kd_sci_bp_row_clear(A->bp + i);
    }
    flint_free(A->lasso);
    flint_free(A->bp);
    flint_free(A->levels);
    fmpq_clear(&A->Lambda);
    fmpq_clear(&A->eps0);
    fmpq_clear(&A->eps1);
    for (i = 0; i < 2; i++)
        kd_regimes_adv_clear(A->adv + i);
    for (i = 0; i < KD_SCI_ARGMIN_NGHA; i++)
        arb_clear(&A->gha[i].err);
    memset(A, 0, sizeof(kd_sci_argmin_struct));
}

/* Sections 3 and 4 on the class C: the adversary against an exact solver
   and the read-until rule, the generalised-hardness runs and the budget. */
static kd_status
argmin_class_runs(kd_sci_argmin_t A, const kd_omega_class_t C, slong prec)
{
    kd_regimes_alg_t algs[2], k1, k2, k1b;
    slong i;
    kd_status st = KD_OK;

    kd_regimes_alg_exact(algs[0]);
    kd_regimes_alg_read_until(algs[1], 20);
    for (i = 0; i < 2; i++)
        A->adv_name[i] = algs[i]->name;
    for (i = 0; i < 2 && st == KD_OK; i++)
        st = kd_regimes_adversary_run(A->adv + i, algs[i], C, prec);
    kd_regimes_alg_k1(k1, -1);
    kd_regimes_alg_k2(k2);
    kd_regimes_alg_k1(k1b, BUDGET_READS);
    for (i = 0; i < KD_SCI_ARGMIN_NGHA && st == KD_OK; i++)
    {
        kd_sci_gha_run_struct * g = A->gha + i;
        g->digits_lost = gha_runs[i][0];
        g->scale = gha_runs[i][1];
        g->n = gha_runs[i][2];
        g->j = gha_runs[i][3];
        st = kd_regimes_run_instance(&g->reads, &g->err, &g->ok, g->digits_lost == 1 ? k1 : k2,
                                     C, g->scale, g->n, g->j, A->K - g->digits_lost, prec);
    }
    A->budget_reads = BUDGET_READS;
    A->budget_trials = BUDGET_TRIALS;
    if (st == KD_OK)
        st = kd_regimes_budget_mc(A->budget_fail, &A->budget_max_level, k1b, C, BUDGET_READS,
                                  BUDGET_TRIALS, 1, prec);
    for (i = 0; i < 2; i++)
        kd_regimes_alg_clear(algs[i]);
    kd_regimes_alg_clear(k1);
    kd_regimes_alg_clear(k2);
    kd_regimes_alg_clear(k1b);
    return st;
}

kd_status
kd_sci_argmin_run(kd_sci_argmin_t A, const fmpq_t Lambda, slong K, const slong * n, slong nn,
                  slong prec)
{
    kd_omega_class_t C;
    slong i;
    kd_status st;

    kd_sci_argmin_clear(A);
    kd_sci_argmin_init(A);
    A->K = K;
    A->explanation = expl_argmin;
    fmpq_set(&A->Lambda, Lambda);
    kd_sci_gha_thresholds(&A->eps0, &A->eps1, K);
    st = kd_sci_bp_class_init(C, K);
    if (st != KD_OK)
    {
        kd_omega_class_clear(C);
        return st;
    }
    A->levels = flint_malloc((nn + 1) * sizeof(slong));
    A->lasso = flint_malloc((nn + 1) * sizeof(kd_sci_lasso_row_struct));
    A->bp = flint_malloc((nn + 1) * sizeof(kd_sci_bp_row_struct));
    for (i = 0; i < nn; i++)
    {
        A->levels[i] = n[i];
        kd_sci_lasso_row_init(A->lasso + i);
        kd_sci_bp_row_init(A->bp + i);
    }
    A->nlevels = nn;
    for (i = 0; i < nn && st == KD_OK; i++)
        st = kd_sci_lasso_row(A->lasso + i, Lambda, n[i], prec);
    for (i = 0; i < nn && st == KD_OK; i++)
        st = kd_sci_bp_row(A->bp + i, K, 1, n[i], prec);
    if (st == KD_OK)
        st = argmin_class_runs(A, C, prec);
    kd_omega_class_clear(C);
    return st;
}
