/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The three statements of the barrier theorem as executable experiments on
   Omega_K: the adversary that defeats any algorithm at K digits, the
   K-1-digit algorithm with unbounded reads, the K-2-digit algorithm with one
   datum (theory.md §5; Colbrook-Antun-Hansen, PNAS 2022, Thm 1). */
#ifndef KDIGITS_REGIMES_H
#define KDIGITS_REGIMES_H

#include "kdigits/omega.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------ algorithms

   An algorithm in the sense of theory.md §2: it never sees A, only an
   oracle OA for A (kd_oracle_get(An, NULL, OA, k) gives A_k with
   ||A_k - A||_2 <= 2^-k, every read logged) and an oracle Oy for y. It
   knows the class C (sizes, kind, parameter, K, DCT) but not which
   instance it faces. It sets xhat (resized to N x 1) to its output, an
   exact rational vector. state is the algorithm's own data (NULL allowed),
   seed drives a randomised algorithm (ignore it otherwise). It must only
   return an error for a genuine failure (the experiment stops then).

   To plug in your own algorithm, fill a kd_regimes_alg_struct with a name,
   your function and state, and pass it to kd_regimes_adversary_run (see
   experiments/regimes-custom.c). */
typedef kd_status (*kd_regimes_fn)(fmpq_mat_t xhat, kd_oracle_t OA, kd_oracle_t Oy,
                                   const kd_omega_class_t C, void * state, ulong seed);

typedef struct
{
    const char * name;
    kd_regimes_fn run;
    void * state;
    void (*clear_state)(void * state);  /* called by kd_regimes_alg_clear; may be NULL */
    ulong seed;
}
kd_regimes_alg_struct;

typedef kd_regimes_alg_struct kd_regimes_alg_t[1];

/* Frees the state of a built-in algorithm (through clear_state). */
void kd_regimes_alg_clear(kd_regimes_alg_t a);

/* The built-in algorithms. Level 30 is the data level of the solvers (as
   the table's data_extra). */
/* FIRENET (P3 with the class's lambda, 1 for P1) with `restarts` restarts,
   p = 50, double arithmetic, on A_30, y_30. */
void kd_regimes_alg_firenet(kd_regimes_alg_t a, slong restarts);
/* FISTA for P2 with the class's parameter (1 for P1), 2000 iterations. */
void kd_regimes_alg_fista(kd_regimes_alg_t a);
/* kd_solve with the exact method on the rational instance (A_30, y_30). */
void kd_regimes_alg_exact(kd_regimes_alg_t a);
/* LISTA (5 layers) trained by Adam on R samples built from the data read
   (x = e_j / a_j + z, y = A_30 x, j uniform in [0, N1), z s-sparse), then
   applied to y_30; the power-of-two scaling of src/omega/table.c. P3
   only (the samples are P3 minimisers). */
void kd_regimes_alg_lista(kd_regimes_alg_t a, slong R, slong epochs);
/* Reads A_k, k = 1..budget, until the first row of D^T A_k proves a column
   largest (gap > 2 2^-k, in balls), then outputs tau(a_k) e_j. Undecided
   after the budget: the centroid. budget < 0: no budget (a safety cap of
   4096 levels). */
void kd_regimes_alg_read_until(kd_regimes_alg_t a, slong budget);
/* Reads A_1 and outputs tau e_j for a column j drawn uniformly with seed. */
void kd_regimes_alg_guess(kd_regimes_alg_t a);
/* The K-1-digit algorithm of theory.md §5 (ii): reads A_1; scale 1
   (first-row mean > a0/sqrt(10)): the centroid; scale 2: reads
   A_2, A_3, ... up to the budget (< 0: unbounded) until decided and
   outputs that column's minimiser; undecided at the budget: a uniformly
   random column (seed). */
void kd_regimes_alg_k1(kd_regimes_alg_t a, slong budget);
/* The K-2-digit algorithm of theory.md §5 (iii): one read, A_10, and the
   centroid tau(mean) 1_{N1} / N1. */
void kd_regimes_alg_k2(kd_regimes_alg_t a);

/* ------------------------------------------------------------ helpers
   for algorithms (usable from a user's own algorithm) */

/* r (1 x N1, resized) = the first N1 entries of the first row of D^T An in
   balls at prec bits; for An read at level k each is within 2^-k of the
   true a_i (the row of a matrix of operator norm <= 2^-k). */
kd_status kd_regimes_first_row(arb_mat_t r, const fmpq_mat_t An, const kd_omega_class_t C,
                               slong prec);
/* *j = the column proved largest by more than 2 2^-k in r (read at level
   k), or -1 if undecided. */
void kd_regimes_decide(slong * j, const arb_mat_t r, slong k, slong prec);
/* x (N x 1) = tau(a) e_j, or the centroid tau(a) 1_{N1}/N1 when
   j = KD_OMEGA_TIE, with tau(a) the vertex scale of the class's kind
   (omega.h) at a rational a > 0 and the parameter rounded to 2^-200. */
kd_status kd_regimes_vertex(fmpq_mat_t x, const kd_omega_class_t C, const fmpq_t a, slong j);

/* ------------------------------------------------------------ (i) */

typedef struct
{
    slong reads;            /* A reads */
    slong max_level;
    slong y_reads;
    fmpq_mat_struct x;      /* the output */
    slong revealed_j;       /* the candidate it is wrong on */
    slong revealed_n;
    arb_struct err;         /* certified dist(x, Xi(revealed)) */
    kd_truth wrong;         /* err > 10^-K proved */
    kd_truth consistent;    /* every answer within 2^-k of the revealed A */
}
kd_regimes_adv_struct;

typedef kd_regimes_adv_struct kd_regimes_adv_t[1];

void kd_regimes_adv_init(kd_regimes_adv_t r);
void kd_regimes_adv_clear(kd_regimes_adv_t r);

/* Runs alg against kd_omega_adversary_init's oracle for C (y from the
   class, exact D e_1), reveals the consistent instance on which it is
   wrong and certifies the error and the consistency at prec bits. */
kd_status kd_regimes_adversary_run(kd_regimes_adv_t res, const kd_regimes_alg_t alg,
                                   const kd_omega_class_t C, slong prec);

/* A randomised alg run with seeds seed, seed + 1, ... (trials runs)
   against fresh adversaries: succ[0], succ[1] = the number of runs whose
   output is NOT proved farther than 10^-K from the minimiser of candidate
   0, resp. 1 (an upper count of the successes). */
kd_status kd_regimes_randomised(slong succ[2], const kd_regimes_alg_t alg,
                                const kd_omega_class_t C, slong trials, ulong seed, slong prec);

/* ------------------------------------------------------------ (ii), (iii) */

/* Runs alg on the class instance (scale, n, j) with its honest oracles:
   *reads = A reads, d = certified dist to Xi, *ok = d <= 10^-digits. */
kd_status kd_regimes_run_instance(slong * reads, arb_t d, kd_truth * ok,
                                  const kd_regimes_alg_t alg, const kd_omega_class_t C,
                                  slong scale, slong n, slong j, slong digits, slong prec);

/* Monte Carlo of theory.md §5 (ii) with a read budget M: an oracle giving
   the scale-2 tie data (a0/10 1, rounded at level k+1) makes the N1
   instances "column j raised at level M+2" (scale 2) indistinguishable.
   alg (built with budget M) is run with trials seeds; fail[j] = runs whose
   output is not proved within 10^-(K-1) of instance j's minimiser
   (fail must be an array of C->N1). *maxread = largest level read. */
kd_status kd_regimes_budget_mc(slong * fail, slong * maxread, const kd_regimes_alg_t alg,
                               const kd_omega_class_t C, slong M, slong trials, ulong seed,
                               slong prec);

/* The breakdown epsilon of the scale-1 class (theory.md §5 (i)): half the
   distance of the two candidate minimisers at level n, tau/sqrt(2), and
   the certified errors of the midpoint output on both candidates. */
kd_status kd_regimes_breakdown(arb_t eps, arb_t mid0, arb_t mid1, const kd_omega_class_t C,
                               slong n, slong prec);

/* ------------------------------------------------------------ the protocol

   The three statements run on Omega_K with N2 = 2, DCT and parameter 1
   (eta = 1/10 for P1: eta < 1/3 keeps the two candidates more than
   2 10^-K apart), as `kdigits regimes` reports them (src/regimes/report.c):
   (i) the adversary against every built-in algorithm (LISTA for P3 only),
   the randomised guesser, the breakdown epsilon at level 20; (ii) the
   K-1-digit algorithm on sampled instances of both scales, its reads
   against n, and the budget Monte Carlo for N1 = 2 and N1 columns;
   (iii) the K-2-digit algorithm on the same instances. */
#define KD_REGIMES_REPORT_NALG 8
#define KD_REGIMES_REPORT_NLEVELS 6

typedef struct
{
    kd_problem_kind kind;
    slong K, N1, trials;
    /* (i) */
    slong nalg;
    kd_regimes_alg_struct alg[KD_REGIMES_REPORT_NALG];
    kd_regimes_adv_struct adv[KD_REGIMES_REPORT_NALG];
    kd_truth defeated;          /* every run proved wrong with consistent answers */
    slong succ[2];              /* kd_regimes_randomised of the guesser */
    slong breakdown_n;          /* 20 */
    arb_struct eps, mid0, mid1; /* kd_regimes_breakdown */
    /* (ii) */
    slong k1_ok, k1_instances;  /* within 10^-(K-1) / sampled */
    arb_struct k1_worst;        /* the error of largest midpoint */
    slong levels[KD_REGIMES_REPORT_NLEVELS], reads[KD_REGIMES_REPORT_NLEVELS];
                                /* scale 2, column 0 raised at level n */
    slong mc_budget;            /* M = 8 */
    slong mc_N1[2];             /* 2 and N1 */
    slong * mc_fail[2];         /* failures per instance (kd_regimes_budget_mc) */
    slong mc_max[2];            /* the largest of each */
    /* (iii) */
    slong k2_ok, k2_instances, k2_reads;
    arb_struct k2_worst;
}
kd_regimes_report_struct;

typedef kd_regimes_report_struct kd_regimes_report_t[1];

void kd_regimes_report_init(kd_regimes_report_t R);
void kd_regimes_report_clear(kd_regimes_report_t R);

/* Runs the protocol for kind (P1, P2 or P3; KD_ERR_ARG for BP), scale
   K >= 2 (the CLI allows up to 8), 2 <= N1 <= 16 competing columns in the Monte Carlo,
   trials >= 1 randomised runs from seed, at prec bits. Errors as the
   experiments above; R is then partly filled and still safe to clear. */
kd_status kd_regimes_report_run(kd_regimes_report_t R, kd_problem_kind kind, slong K, slong N1,
                                slong trials, ulong seed, slong prec);

#ifdef __cplusplus
}
#endif
#endif
