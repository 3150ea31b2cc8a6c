/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The SCI hierarchy made executable (theory.md §9, proofs-notes/sci.md):
   towers of algorithms over oracle input as library objects, the teaching
   examples (x > 0, sign, rank, argmin), the adversaries that show what no
   algorithm can do, the breakdown epsilons and the table of classes.

   Input model (theory.md §2): an algorithm never sees its input, only an
   oracle (kdigits/oracle.h) that answers level n with dyadic data within
   2^-n (a real x is a 1 x 1 matrix oracle: |q_n - x| <= 2^-n). Every read
   is logged, so a run can say which levels it used. */
#ifndef KDIGITS_SCI_H
#define KDIGITS_SCI_H

#include "kdigits/kdigits.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------ towers

   A tower of height k is a family of algorithms Gamma_{n_k, ..., n_1}: for
   fixed indices, Gamma reads finitely many levels of the oracle and halts;
   the problem function is the iterated limit
       Xi = lim_{n_k} ... lim_{n_1} Gamma_{n_k, ..., n_1}
   (the innermost limit, over n_1, is taken first). In this API the levels
   are passed as an array n[0..k-1] with n[0] = n_1 (innermost) and
   n[k-1] = n_k (outermost). */
#define KD_TOWER_HEIGHT_MAX 3

/* What a tower outputs. */
typedef enum
{
    KD_TOWER_INT = 0,   /* an integer: a decision (0 = no, 1 = yes), a sign, a rank */
    KD_TOWER_BALL       /* a real number as an Arb ball */
}
kd_tower_value;

/* What a certified output proves about the true value Xi (one-sided
   certainty, proofs-notes/sci.md §1). An output is "certified" when its
   `certified` flag is set; uncertified outputs promise nothing at finite
   n, only convergence. */
typedef enum
{
    KD_TOWER_CERT_NONE = 0, /* nothing is ever certified */
    KD_TOWER_CERT_EXACT,    /* a certified value equals Xi */
    KD_TOWER_CERT_LOWER,    /* a certified value is <= Xi (Sigma_1: a "yes" is right,
                               a rank is never overestimated) */
    KD_TOWER_CERT_UPPER,    /* a certified value is >= Xi (Pi_1: a "no" is right) */
    KD_TOWER_CERT_BALL      /* a certified ball contains Xi (Delta_1: error control) */
}
kd_tower_cert;

/* One output of a base algorithm, with the reads it made. */
typedef struct
{
    slong value;        /* KD_TOWER_INT */
    arb_struct ball;    /* KD_TOWER_BALL */
    int certified;      /* 1: the claim of the tower's kd_tower_cert holds, proved */
    slong nreads;       /* reads of this evaluation (set by kd_tower_eval) */
    slong max_level;    /* deepest level it read, -1 for none (set by kd_tower_eval) */
}
kd_tower_out_struct;

typedef kd_tower_out_struct kd_tower_out_t[1];

void kd_tower_out_init(kd_tower_out_t out);
void kd_tower_out_clear(kd_tower_out_t out);
void kd_tower_out_set(kd_tower_out_t dst, const kd_tower_out_t src);

/* The base algorithm Gamma_{n}: reads the oracle O (any levels, finitely
   many) and sets out->value (or out->ball) and out->certified. n has the
   tower's height entries, n[0] = n_1. data is the tower's own data. It
   returns an error only for a genuine failure (a read that failed). */
typedef kd_status (*kd_tower_base_fn)(kd_tower_out_t out, const slong * n, kd_oracle_t O,
                                      void * data);

typedef struct
{
    const char * name;          /* what it computes, e.g. "x > 0" */
    const char * sci_class;     /* for display, e.g. "Sigma_1" */
    slong height;               /* 1 .. KD_TOWER_HEIGHT_MAX */
    kd_tower_value value;
    kd_tower_cert cert;
    kd_tower_base_fn base;
    void * data;
    /* optional: a name for an integer value ("yes"/"no"); NULL prints it */
    const char * (*value_name)(slong v);
}
kd_tower_struct;

typedef kd_tower_struct kd_tower_t[1];

/* Fills T (sci_class and value_name are set to NULL; set them after). */
void kd_tower_set(kd_tower_t T, const char * name, slong height, kd_tower_value value,
                  kd_tower_cert cert, kd_tower_base_fn base, void * data);

/* out = Gamma_n(O): checks the levels (0 <= n[i] <= KD_LEVEL_MAX), calls
   the base function and records in out the reads it made (the oracle's
   own log keeps growing; it is not reset). KD_ERR_ARG for a bad level or
   a bad tower. */
kd_status kd_tower_eval(kd_tower_out_t out, const kd_tower_t T, const slong * n, kd_oracle_t O);

/* Does a certified output contradict the truth? For KD_TOWER_INT, truth is
   the exact Xi (truth_ball is ignored, may be NULL); for KD_TOWER_BALL,
   truth_ball is a ball containing Xi. KD_TRUE: no contradiction (or no
   claim); KD_FALSE: the claim is proved false; KD_UNKNOWN: a ball claim
   could not be decided (the balls overlap without containment). */
kd_truth kd_tower_out_check(const kd_tower_t T, const kd_tower_out_t out, slong truth,
                            const arb_t truth_ball);

/* A run of a tower over a grid of levels: for index i (0-based) the values
   levels[i][0 .. len[i]-1] of n_{i+1}; the outputs are stored with n_1
   varying fastest. */
typedef struct
{
    slong height;
    slong len[KD_TOWER_HEIGHT_MAX];
    slong * levels[KD_TOWER_HEIGHT_MAX];
    slong count;                    /* the number of grid points */
    kd_tower_out_struct * out;      /* count outputs */
}
kd_tower_run_struct;

typedef kd_tower_run_struct kd_tower_run_t[1];

void kd_tower_run_init(kd_tower_run_t R);
void kd_tower_run_clear(kd_tower_run_t R);

/* Evaluates T on O at every grid point (n_1 fastest). KD_ERR_ARG for an
   empty list, a bad level or more than 10^6 grid points. On failure R
   keeps the outputs computed so far (count is the grid size; the rest are
   zero, uncertified). */
kd_status kd_tower_run(kd_tower_run_t R, const kd_tower_t T, kd_oracle_t O,
                       const slong * const * levels, const slong * len);

/* The output at grid index idx[0..height-1] (idx[i] indexes levels[i]). */
kd_tower_out_struct * kd_tower_run_entry(const kd_tower_run_t R, const slong * idx);

/* Checks every output of R with kd_tower_out_check: the worst verdict
   (KD_FALSE before KD_UNKNOWN before KD_TRUE); *bad (may be NULL) gets the
   index of the first output with that verdict (-1 if all KD_TRUE). */
kd_truth kd_tower_run_check(slong * bad, const kd_tower_t T, const kd_tower_run_t R,
                            slong truth, const arb_t truth_ball);

/* Writes R as a text table to f: for height 1 one row per n (value,
   certified, reads, deepest level); for height 2 a grid with rows n_2 and
   columns n_1 (a '*' marks a certified value); for height 3 one block per
   n_3. A header states what a certified value proves. Balls are printed
   with `digits` digits. KD_ERR_IO if writing fails. */
kd_status kd_tower_run_write(FILE * f, const kd_tower_t T, const kd_tower_run_t R, slong digits);

/* A description of the claim of a certified output, e.g. "Xi >= value". */
const char * kd_tower_cert_name(kd_tower_cert c);

/* ------------------------------------------------------------ towers as
   algorithms: fixing all levels gives an algorithm that halts (what a
   Delta_1 procedure is); the adversaries below defeat every such one. */

/* An algorithm with an integer answer (a decision, a sign, a rank):
   reads O finitely often and sets *answer. */
typedef kd_status (*kd_sci_alg_fn)(slong * answer, kd_oracle_t O, void * data);

/* Data of kd_tower_alg: the tower and its levels (n[0] = n_1). */
typedef struct
{
    const kd_tower_struct * T;
    slong n[KD_TOWER_HEIGHT_MAX];
}
kd_tower_alg_struct;

/* The kd_sci_alg_fn "evaluate the integer tower data->T at data->n". */
kd_status kd_tower_alg(slong * answer, kd_oracle_t O, void * data);

/* ------------------------------------------------------------ oracles */

/* O = the oracle of the real number x (a 1 x 1 matrix oracle: level n
   gives a dyadic q_n with |q_n - x| <= 2^-n, kd_real_approx). */
kd_status kd_sci_oracle_init_real(kd_oracle_t O, const kd_real_t x);

/* O = an honest oracle for A whose answers are chosen by a seeded random
   adversary: each entry (each part for complex A) is any dyadic within its
   share 2^-L of the budget, L = kd_oracle_entry_level(n, k) with k the
   number of real parts, so ||A_n - A||_F <= 2^-n (proofs-notes/sci.md §2).
   For structurally rational entries the choice ranges over the whole
   interval [v - 2^-L, v + 2^-L] on the grid 2^-(L+2), its end points
   included (a quarter of the draws each); for other entries it is
   m + j 2^-(L+2), |j| <= 2, around a ball midpoint m. The answer at level
   n depends only on (A, seed, n). */
kd_status kd_sci_oracle_init_random(kd_oracle_t O, const kd_mat_t A, ulong seed);

/* The same for a real number x (1 x 1). */
kd_status kd_sci_oracle_init_random_real(kd_oracle_t O, const kd_real_t x, ulong seed);

/* ------------------------------------------------------------ singular
   values, exactly */

/* *count = the number of singular values (with multiplicity) of
   M = re + i im (im may be NULL) that are strictly greater than t >= 0,
   computed exactly over Q: the inertia of M^*M - t^2 I read off the signs
   of its characteristic polynomial (Descartes' rule is exact for
   real-rooted polynomials, proofs-notes/sci.md §4). With t = 0 it is the
   exact rank. KD_ERR_ARG for t < 0, KD_ERR_SIZE for im of another shape. */
kd_status kd_sci_sv_count_gt(slong * count, const fmpq_mat_t re, const fmpq_mat_t im,
                             const fmpq_t t);

/* *le = 1 when ||M||_2 <= 2^-e, exactly (no singular value > 2^-e). */
kd_status kd_sci_opnorm_le_2exp(int * le, const fmpq_mat_t re, const fmpq_mat_t im, slong e);

/* ------------------------------------------------------------ the example
   towers (src/sci/examples.c; proofs in proofs-notes/sci.md §3-§4) */

/* "x > 0" on a real oracle: Gamma_n = yes iff q_n > 2^-n (then certified);
   Sigma_1, height 1, KD_TOWER_CERT_LOWER (values 0 = no, 1 = yes). */
void kd_sci_tower_positive(kd_tower_t T);

/* sign(x) on a real oracle: Gamma_n = sign(q_n) if |q_n| > 2^-n
   (certified), else 0 (never certified); Delta_2, KD_TOWER_CERT_EXACT. */
void kd_sci_tower_sign(kd_tower_t T);

/* rank(A) on a matrix oracle (real or complex): Gamma_n = the number of
   singular values of A_n greater than 2^-n, a certified lower bound
   (Weyl); Sigma_1, KD_TOWER_CERT_LOWER. */
void kd_sci_tower_rank(kd_tower_t T);

/* "yes"/"no" for 0/1 (other values: "?"). */
const char * kd_sci_yes_no(slong v);

/* Algorithms for the x > 0 adversary (data: a pointer to a slong L):
   "cautious" reads q_L and answers yes iff q_L > 2^-L (the Sigma_1 tower
   stopped at L), "rounding" reads q_L and answers yes iff q_L >= 0,
   "patient" reads q_0, q_1, ..., q_L and answers yes as soon as
   q_k > 2^-k, no after level L. */
kd_status kd_sci_positive_alg_cautious(slong * answer, kd_oracle_t O, void * data);
kd_status kd_sci_positive_alg_rounding(slong * answer, kd_oracle_t O, void * data);
kd_status kd_sci_positive_alg_patient(slong * answer, kd_oracle_t O, void * data);

/* ------------------------------------------------------------ the
   adversary: answers every read with the zero matrix (valid for the
   instance X0 = 0) and, once the algorithm has halted after reading levels
   <= L, reveals X1 = 2^-(L+1) e_1 e_1^T, for which every answer was valid
   too. For x > 0, sign and rank alike Xi(X0) = 0 and Xi(X1) = 1, so the
   algorithm's one answer is wrong on one of them (proofs-notes/sci.md §3). */
typedef struct
{
    slong r, c;             /* shape of the input */
    slong answer;           /* the algorithm's output */
    slong nreads;
    slong * levels;         /* the levels read, in order */
    fmpq_mat_struct * answers;  /* the answers given (all zero), one per read */
    slong alloc;                /* room in answers */
    slong max_level;        /* L; -1 when nothing was read */
    slong N;                /* X1 = 2^-N e_1 e_1^T, N = L + 1 */
    fmpq_mat_t X0, X1;      /* the two instances, exact */
    slong xi0, xi1;         /* Xi(X0) = 0, Xi(X1) = 1 */
    kd_truth consistent;    /* every answer within 2^-k of both, checked exactly */
    slong wrong_on;         /* 0 or 1: an instance on which the answer is wrong */
}
kd_sci_adv_struct;

typedef kd_sci_adv_struct kd_sci_adv_t[1];

void kd_sci_adv_init(kd_sci_adv_t res);
void kd_sci_adv_clear(kd_sci_adv_t res);

/* Runs alg against the zero-answer adversary on r x c inputs (1 x 1 for a
   real x), then checks with exact rational arithmetic
   (kd_sci_opnorm_le_2exp) that every answer A_k satisfies
   ||A_k - X0||_2 <= 2^-k and ||A_k - X1||_2 <= 2^-k. */
kd_status kd_sci_adversary_run(kd_sci_adv_t res, slong r, slong c, kd_sci_alg_fn alg,
                               void * data);

/* ------------------------------------------------------------ argmin:
   the breakdown epsilon of two converging families (src/sci/examples.c,
   proofs-notes/sci.md §5-§6) */

/* One level of the LASSO-probe class (lasso-probe.md, MATLAB convention,
   0 < Lambda < 1/sqrt(3)): an algorithm that reads levels <= n is answered
   with A_0 rounded at level k + 1; delta = 2^-(n+3) makes A_delta and its
   mirror both consistent with every such answer. */
typedef struct
{
    slong n;
    kd_real_t delta;        /* 2^-(n+3) */
    arb_struct dist;        /* ||A_delta - mirror||_2 = sqrt(12) delta */
    kd_truth consistent;    /* every answer A_0 rounded at k + 1, k <= n, proved
                               within 2^-k of A_delta and of the mirror */
    kd_truth truth_cert;    /* B* certified on A_delta (kd_lasso_probe_truth) */
    arb_mat_struct Bstar;   /* 2 x 1: A_delta's minimiser (0, c), c = 1 - sqrt(3) Lambda */
    arb_mat_struct W;       /* 2 x 1: the mirror's, (c, 0) */
    arb_struct kappa;       /* ||B* - W||_2 = sqrt(2) c */
    arb_struct eps_b;       /* kappa / 2: the breakdown epsilon */
    arb_struct mid_err[2];  /* ||M - B*||, ||M - W|| for the midpoint M = (c/2, c/2) */
}
kd_sci_lasso_row_struct;

typedef kd_sci_lasso_row_struct kd_sci_lasso_row_t[1];

void kd_sci_lasso_row_init(kd_sci_lasso_row_t row);
void kd_sci_lasso_row_clear(kd_sci_lasso_row_t row);

/* Fills the row for level n >= 0 at working precision prec. KD_ERR_ARG for
   n out of [0, 10^4] or Lambda outside (0, 1/sqrt(3)). */
kd_status kd_sci_lasso_row(kd_sci_lasso_row_t row, const fmpq_t Lambda, slong n, slong prec);

/* One level of the basis-pursuit gadget of Omega_K (kdigits/omega.h: BP,
   N1 = 2 competing columns, N2 = 1, DCT): the instances "column 0 raised
   by 2^-(n+1)" and "column 1 raised" at scale 1 (a0 = (sqrt(2)/3) 10^K) or
   2 (a0/10). */
typedef struct
{
    slong K, scale, n;
    kd_truth indist;        /* ||A^(0) - A^(1)||_2 < 2^-n, proved */
    arb_struct tau;         /* the minimisers are tau e_0 and tau e_1 */
    arb_struct kappa;       /* sqrt(2) tau, their distance */
    arb_struct eps;         /* kappa / 2: every output errs by >= eps on one of them */
    arb_struct mid_err[2];  /* certified distances of the midpoint (tau/2)(e_0 + e_1)
                               (tau rounded to a rational) to both minimisers */
}
kd_sci_bp_row_struct;

typedef kd_sci_bp_row_struct kd_sci_bp_row_t[1];

void kd_sci_bp_row_init(kd_sci_bp_row_t row);
void kd_sci_bp_row_clear(kd_sci_bp_row_t row);

/* Fills the row. KD_ERR_ARG for K outside [2, 30], scale not 1 or 2, n
   outside [0, 10^4]. */
kd_status kd_sci_bp_row(kd_sci_bp_row_t row, slong K, slong scale, slong n, slong prec);

/* The basis-pursuit class Omega_K (N1 = 2) used by kd_sci_bp_row:
   kd_omega_class_init with BP, N2 = 1 and the DCT. */
kd_status kd_sci_bp_class_init(kd_omega_class_t C, slong K);

/* The generalised-hardness thresholds of that class, exact rationals
   (proofs-notes/sci.md §6): eps0 = 3/(2 10^K) (below: no algorithm; above:
   an algorithm with unboundedly many reads) and eps1 = 3/(2 10^(K-1))
   (below: no algorithm with a bounded number of reads; above: one read). */
void kd_sci_gha_thresholds(fmpq_t eps0, fmpq_t eps1, slong K);

/* ------------------------------------------------------------ the
   demonstrations of `kdigits sci positive|sign|rank` (src/sci/demo.c): a
   tower run on an input, the adversarial inputs and the adversary's runs
   against algorithms that halt, all computed by one call; the caller only
   formats the result. */

/* "+1", "-1" or "0" (the value names of the sign tower). */
const char * kd_sci_sign_name(slong v);

/* An algorithm the adversary defeats: alg with data a slong L (tower = 0)
   or a kd_tower_alg_struct of the demo's tower with n_1 = L (tower = 1). */
typedef struct
{
    const char * name;
    kd_sci_alg_fn alg;
    int tower;
}
kd_sci_demo_alg_struct;

typedef enum
{
    KD_SCI_DEMO_POSITIVE = 0,   /* x > 0 (kd_sci_tower_positive), three algorithms */
    KD_SCI_DEMO_SIGN,           /* sign(x) (kd_sci_tower_sign), the tower stopped at L */
    KD_SCI_DEMO_RANK            /* rank(A) (kd_sci_tower_rank), the tower stopped at L */
}
kd_sci_demo_kind;

typedef struct
{
    kd_sci_demo_kind kind;
    kd_tower_struct T;          /* the tower (the sign's value_name is kd_sci_sign_name) */
    kd_tower_run_struct R;      /* its run on the input, one level list */
    fmpq * q;                 /* real input: the answer q_n of each level of R, else NULL */
    int sign_decided;           /* real input: the sign of x was decided by evaluation */
    int sign;                   /* ... and is this (-1, 0, 1) */
    slong r, c;                 /* the input's shape (1 x 1 for a real x) */
    int is_complex;
    slong exact_rank;           /* rank: exact over Q (kd_sci_rank_exact) or in a
                                   cyclotomic field (kdigits/alg.h), else -1 */
    slong exact_field;          /* rank: 0 over Q, L for Q(zeta_L), -1 none */
    char exact_why[256];        /* rank: why there is no exact decision */
    slong best;                 /* rank: the largest Gamma_n of R */
    slong nfam;                 /* sign: runs on 0, 2^-N_1, -2^-N_1, 2^-N_2, ... */
    slong * famN;               /* the N_i (nfam = 1 + 2 len) */
    kd_tower_run_struct * fam;
    slong nalgs;                /* the adversary's algorithms ... */
    const kd_sci_demo_alg_struct * algs;
    slong nL;                   /* ... halting at the levels L ... */
    slong * L;
    kd_sci_adv_struct * adv;    /* ... nL * nalgs runs, the algorithm varying fastest */
    const char * explanation;   /* what the results show and why, in words */
}
kd_sci_demo_struct;

typedef kd_sci_demo_struct kd_sci_demo_t[1];

void kd_sci_demo_init(kd_sci_demo_t D);
void kd_sci_demo_clear(kd_sci_demo_t D);

/* The largest level L the adversary's algorithms may halt at (an algorithm
   may read every level up to L). */
#define KD_SCI_DEMO_L_MAX 10000

/* x > 0 (kind KD_SCI_DEMO_POSITIVE) or sign(x) (KD_SCI_DEMO_SIGN) on the
   oracle of x (nearest rounding, or kd_sci_oracle_init_random_real with
   seed when seeded; precision cap prec_cap): the tower at the levels
   n[0..nn-1], read back q_n, the sign of x by evaluation (cap
   min(prec_cap, 4096), 4096 when prec_cap <= 0), for the sign the runs on
   the adversarial inputs 0 and +-2^-N, N in N[0..nN-1], and the adversary
   against each algorithm at each L in L[0..nL-1] (<= KD_SCI_DEMO_L_MAX). */
kd_status kd_sci_demo_real(kd_sci_demo_t D, kd_sci_demo_kind kind, const kd_real_t x,
                           int seeded, ulong seed, slong prec_cap, const slong * n, slong nn,
                           const slong * N, slong nN, const slong * L, slong nL);

/* rank(A) for an exact A of 1..64 rows and columns (KD_ERR_ARG otherwise)
   on its nearest-rounding oracle (or kd_sci_oracle_init_random with seed):
   the tower at the levels n, its best value, the exact rank when A is real
   with structurally rational entries, and the adversary on the shape of A. */
kd_status kd_sci_demo_rank(kd_sci_demo_t D, const kd_mat_t A, int seeded, ulong seed,
                           slong prec_cap, const slong * n, slong nn, const slong * L, slong nL);

/* What is known of the demo's input, in words (at most 160 characters):
   the sign of x found by evaluation (positive, sign), or the exact rank,
   full rank or the certified lower bound (rank). */
void kd_sci_demo_truth(char * buf, size_t size, const kd_sci_demo_t D);

/* "2^-N" (or "1" when N = 0), negated when sign < 0. */
void kd_sci_pow2_str(char * buf, size_t size, slong N, int sign);

/* The adversary's two instances in words: the zero one ("x = 0" or "the
   zero matrix") and the one of run res ("x = 2^-N" or "2^-N e1e1^T"). */
const char * kd_sci_demo_zero_str(const kd_sci_demo_t D);
void kd_sci_adv_instance_str(char * buf, size_t size, const kd_sci_demo_t D,
                             const kd_sci_adv_struct * res);

/* The answer of the adversary's run res as the demo's tower names it
   ("yes"/"no", "+1"/"-1"/"0", or the rank). */
void kd_sci_adv_answer_str(char * buf, size_t size, const kd_sci_demo_t D,
                           const kd_sci_adv_struct * res);

/* *rank = the rank of A computed exactly over Q (FLINT's fmpz_mat_rank of
   A with each row scaled to integers; this FLINT has no fmpq_mat_rank)
   when A is real and every entry is structurally rational: returns 1; else
   returns 0 and leaves *rank alone. */
int kd_sci_rank_exact(slong * rank, const kd_mat_t A);

/* ------------------------------------------------------------ the
   argmin demonstration of `kdigits sci argmin` (src/sci/argmin.c,
   proofs-notes/sci.md §5-§6, omega-k.md §3-§4) */

/* The generalised-hardness runs on the class: K-1 digits (read until
   decided) or K-2 digits (one read) on the instance (scale, n, j). */
#define KD_SCI_ARGMIN_NGHA 6

typedef struct
{
    slong digits_lost;          /* 1: the K-1 algorithm, 2: the K-2 algorithm */
    slong scale, n, j;          /* the instance (j = KD_OMEGA_TIE: the tie) */
    slong reads;
    arb_struct err;             /* certified error */
    kd_truth ok;                /* err <= 10^-(K - digits_lost), proved */
}
kd_sci_gha_run_struct;

typedef struct
{
    slong K;
    fmpq Lambda;
    slong nlevels;
    slong * levels;
    kd_sci_lasso_row_struct * lasso;    /* nlevels rows */
    kd_sci_bp_row_struct * bp;          /* nlevels rows, scale 1 */
    fmpq eps0, eps1;                    /* kd_sci_gha_thresholds */
    const char * adv_name[2];           /* the Omega_K adversary against an exact BP */
    kd_regimes_adv_struct adv[2];       /* solver and the read-until-decided rule */
    kd_sci_gha_run_struct gha[KD_SCI_ARGMIN_NGHA];
    slong budget_reads, budget_trials;  /* the K-1 algorithm with a read budget ... */
    slong budget_fail[2];               /* ... fails on j = 0, 1 in this many trials */
    slong budget_max_level;
    const char * explanation;           /* what the results show and why, in words */
}
kd_sci_argmin_struct;

typedef kd_sci_argmin_struct kd_sci_argmin_t[1];

void kd_sci_argmin_init(kd_sci_argmin_t A);
void kd_sci_argmin_clear(kd_sci_argmin_t A);

/* Computes every part of the argmin demonstration for MATLAB's Lambda in
   (0, 1/sqrt(3)) and the decimal scale K (2..8) at the levels
   n[0..nn-1] (each 0..200) at prec bits: the LASSO-probe rows, the
   basis-pursuit gadget rows, the Omega_K adversary, the generalised
   hardness runs and the budgeted Monte Carlo (8 reads, 50 trials). */
kd_status kd_sci_argmin_run(kd_sci_argmin_t A, const fmpq_t Lambda, slong K, const slong * n,
                            slong nn, slong prec);

/* "K-1: read until decided" or "K-2: one read": the algorithm of run g. */
const char * kd_sci_gha_run_name(const kd_sci_gha_run_struct * g);

/* ------------------------------------------------------------ the table
   of classes (src/sci/classes.c) */
typedef struct
{
    const char * problem;       /* the computational problem */
    const char * sci_class;     /* its SCI class or breakdown epsilon, in words */
    const char * command;       /* the command that demonstrates it */
    const char * functions;     /* the library functions that demonstrate it */
    const char * proof;         /* where it is proved */
    const char * value_name;    /* what kd_sci_class_eps computes, or NULL */
}
kd_sci_class_struct;

/* The number of rows, and row i (NULL when out of range). */
slong kd_sci_class_count(void);
const kd_sci_class_struct * kd_sci_class_get(slong i);

/* A certified value of row i's breakdown epsilon (or threshold) at scale K,
   when it has one: returns 1 and sets eps, else returns 0. */
int kd_sci_class_eps(arb_t eps, slong i, slong K, slong prec);

/* ---- the demonstrations as text (src/sci/text.c; JSON: kdigits/json.h) */
/* What a certified value of D's tower proves, in words (the JSON's
   "certainty"). */
const char * kd_sci_demo_certainty(const kd_sci_demo_t D);
/* D as `kdigits sci positive|sign|rank` prints it: the tower's rows, the
   sign's adversarial inputs, the adversary's runs and the explanation;
   csv: only the rows, as CSV. input is the input as given (x, or the
   matrix's name), seeded whether the oracle was the seeded random one. */
kd_status kd_sci_demo_write(FILE * f, const kd_sci_demo_t D, const char * input, int seeded,
                            int csv);
/* The argmin demonstration's four parts as text; lambda as given. */
kd_status kd_sci_argmin_write(FILE * f, const kd_sci_argmin_t R, const char * lambda);
/* The table of classes at scale K (values certified at prec bits), as
   text or CSV. */
kd_status kd_sci_classes_write(FILE * f, slong K, int csv, slong prec);

#ifdef __cplusplus
}
#endif
#endif
