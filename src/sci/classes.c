/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The table of the problems the lab implements, with their SCI class or
   breakdown epsilon, the command and functions that demonstrate it, and
   the proofs-notes section that proves it (theory.md §9). */
#include "kdigits/sci.h"

typedef enum
{
    EPS_NONE = 0,
    EPS_LASSO,          /* kappa/2 at Lambda = 1/10 */
    EPS_GHA0,           /* 3/(2 10^K) */
    EPS_GHA1            /* 3/(2 10^(K-1)) */
}
eps_kind;

static const kd_sci_class_struct rows[] = {
    {"decide x > 0 (x real, read by dyadic approximations)",
     "Sigma_1 (a yes is always right); not Delta_1, not Pi_1",
     "kdigits sci positive",
     "kd_sci_tower_positive, kd_sci_adversary_run",
     "proofs-notes/sci.md §3",
     NULL},
    {"decide x >= 0",
     "Pi_1 (a no is always right); not Delta_1",
     "experiments/sci-tower-custom",
     "a user-defined tower (experiments/sci-tower-custom.c)",
     "proofs-notes/sci.md §3",
     NULL},
    {"sign(x) in {-1, 0, 1}",
     "Delta_2 (one limit, never certified at x = 0); not Delta_1",
     "kdigits sci sign",
     "kd_sci_tower_sign, kd_sci_adversary_run",
     "proofs-notes/sci.md §3",
     NULL},
    {"rank(A) of a matrix read by entry oracles",
     "Sigma_1 (never overestimates); not Delta_1, not Pi_1",
     "kdigits sci rank",
     "kd_sci_tower_rank, kd_sci_sv_count_gt, kd_sci_adversary_run",
     "proofs-notes/sci.md §4",
     NULL},
    {"x rational? (a tower of height 2)",
     "Delta_3: Gamma_{n2,n1} = 'a fraction p/q, q <= n2, lies within 2^-n1 of q_n1'",
     "experiments/sci-tower-custom",
     "kd_tower_run (height 2)",
     "proofs-notes/sci.md §7",
     NULL},
    {"argmin of the LASSO (MATLAB convention, Lambda = 1/10) on {A_delta} u {mirrors} u {A_0}",
     "not Delta_1; breakdown epsilon kappa/2 = (1 - sqrt(3) Lambda)/sqrt(2)",
     "kdigits sci argmin",
     "kd_sci_lasso_row, kd_lasso_probe_breakdown",
     "proofs-notes/sci.md §5",
     "breakdown epsilon kappa/2 at Lambda = 1/10"},
    {"argmin of basis pursuit on the gadget class Omega(1) of Omega_K (N1 = 2)",
     "not Delta_1; breakdown epsilon eps0 = 3/(2 10^K) (the GHA threshold)",
     "kdigits sci argmin",
     "kd_sci_bp_row, kd_sci_gha_thresholds, kd_regimes_adversary_run",
     "proofs-notes/sci.md §6; omega-k.md §3",
     "breakdown epsilon eps0 (N1 = 2)"},
    {"Omega_K training problem to 10^-K",
     "impossible: no algorithm, and no randomised one with p > 1/2 (breakdown epsilon "
     "eps0 = 3/(2 10^K) > 10^-K)",
     "kdigits regimes",
     "kd_regimes_adversary_run, kd_regimes_randomised",
     "proofs-notes/omega-k.md §3",
     "breakdown epsilon eps0 > 10^-K (N1 = 2)"},
    {"Omega_K training problem to 10^-(K-1)",
     "possible, but not with a bounded number of reads (bounded reads: threshold "
     "eps1 = 3/(2 10^(K-1)))",
     "kdigits regimes; kdigits sci argmin",
     "kd_regimes_alg_k1, kd_regimes_budget_mc",
     "proofs-notes/omega-k.md §4 (ii); sci.md §6",
     "bounded-reads threshold eps1 (N1 = 2)"},
    {"Omega_K training problem to 10^-(K-2)",
     "possible with one read",
     "kdigits regimes",
     "kd_regimes_alg_k2",
     "proofs-notes/omega-k.md §4 (iii)",
     NULL},
    {"P3 recovery by FIRENET under the weighted rNSP in levels",
     "computable with error control down to the noise/model floor: O(|log eps|) layers "
     "(cited theorem, not reproved)",
     "kdigits table",
     "kd_iter_firenet",
     "proofs-notes/sci.md §8 (Colbrook-Antun-Hansen 2022)",
     NULL},
    {"eigenvalues of a Hermitian matrix",
     "Delta_1 (Weyl: error control)",
     "kdigits sci spectrum",
     "kd_spectrum_hermitian (include/kdigits/spectrum.h)",
     "proofs-notes/sci-spectrum.md",
     NULL},
    {"spectrum of the almost-Mathieu operator",
     "Sigma_1 with error control",
     "kdigits sci spectrum",
     "kd_spectrum_tridiag_points (include/kdigits/spectrum.h)",
     "proofs-notes/sci-spectrum.md",
     NULL},
};

static const eps_kind row_eps[] = {
    EPS_NONE, EPS_NONE, EPS_NONE, EPS_NONE, EPS_NONE, EPS_LASSO, EPS_GHA0, EPS_GHA0,
    EPS_GHA1, EPS_NONE, EPS_NONE, EPS_NONE, EPS_NONE
};

slong
kd_sci_class_count(void)
{
    return (slong) (sizeof rows / sizeof rows[0]);
}

const kd_sci_class_struct *
kd_sci_class_get(slong i)
{
    return (i >= 0 && i < kd_sci_class_count()) ? rows + i : NULL;
}

int
kd_sci_class_eps(arb_t eps, slong i, slong K, slong prec)
{
    eps_kind k;
    if (i < 0 || i >= kd_sci_class_count())
        return 0;
    k = row_eps[i];
    if (k == EPS_LASSO)
    {
        arb_t kappa;
        arb_mat_t mid;
        fmpq_t L;
        kd_status st;
        arb_init(kappa);
        arb_mat_init(mid, 2, 1);
        fmpq_init(L);
        fmpq_set_si(L, 1, 10);
        st = kd_lasso_probe_breakdown(kappa, eps, mid, L, prec);
        fmpq_clear(L);
        arb_mat_clear(mid);
        arb_clear(kappa);
        return st == KD_OK;
    }
    if ((k == EPS_GHA0 || k == EPS_GHA1) && K >= 2 && K <= 30)
    {
        fmpq_t e0, e1;
        fmpq_init(e0);
        fmpq_init(e1);
        kd_sci_gha_thresholds(e0, e1, K);
        arb_set_fmpq(eps, k == EPS_GHA0 ? e0 : e1, prec);
        fmpq_clear(e0);
        fmpq_clear(e1);
        return 1;
    }
    return 0;
}
