/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The LASSO failure probe instance of lasso-probe.md §1 as exact data. */
#ifndef KDIGITS_LASSO_H
#define KDIGITS_LASSO_H

#include "kdigits/mat.h"
#include "kdigits/solve.h"
#include "kdigits/iter.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A = A_delta (3 x 2) and y (3 x 1):
       A_delta = [ 1/sqrt(2) - delta    1/sqrt(2) ;
                  -1/sqrt(2) - delta   -1/sqrt(2) ;
                   2 delta              0         ],  y = (1/sqrt(2), -1/sqrt(2), 0)^T.
   mirror != 0 swaps the two columns. delta may be any exact real (0 gives
   the degenerate instance with two equal columns). */
kd_status kd_lasso_probe_instance(kd_mat_t A, kd_mat_t y, const kd_real_t delta, int mirror);

/* ---- IEEE double input of the probe (kdigits demo; src/lasso/ieee.c) ----

   What rounding A_delta to double does, next to the exact oracle. */
typedef struct
{
    kd_mat_struct A, y;         /* A_delta and y, exact (mirror = 0) */
    slong inexact;              /* entries of A that are not exact dyadics */
    double A_d[6];              /* A in double, row-major: nearest to a 512-bit ball's midpoint */
    mag_struct A_d_err;         /* proved ||A_d - A||_F <= A_d_err */
    slong valid_level;          /* largest n <= 2000 with A_d_err <= 2^-n (0 if none):
                                   A_d is a valid oracle answer up to that level */
    arb_struct one_minus_rho;   /* 1 - rho, rho the cosine of the angle of the
                                   columns, certified from the exact entries */
    double one_minus_rho_d;     /* the same computed in double from A_d (unverified) */
}
kd_lasso_ieee_struct;

typedef kd_lasso_ieee_struct kd_lasso_ieee_t[1];

void kd_lasso_ieee_init(kd_lasso_ieee_t I);
void kd_lasso_ieee_clear(kd_lasso_ieee_t I);
/* Fills I for the exact delta. Errors as kd_lasso_probe_instance and
   kd_real_eval_arb. */
kd_status kd_lasso_probe_ieee(kd_lasso_ieee_t I, const kd_real_t delta);

/* ---- the failure probe of lasso-probe.md §3 (src/lasso/probe.c) ----

   Lambda is always in MATLAB's convention (1/(2m)) ||.||^2 + Lambda ||.||_1;
   the slides' lambda is Lambda = lambda/2 (lasso-probe.md §1). */

/* The three columns of the published table. */
typedef enum
{
    KD_LASSO_SETTING_DEFAULT = 0,       /* RelTol 1e-4, MaxIter 1e5 */
    KD_LASSO_SETTING_RELTOL_EPS,        /* RelTol 2^-52, MaxIter 1e5 */
    KD_LASSO_SETTING_RELTOL_EPS_MAXITER /* RelTol 2^-52, MaxIter 2^52 */
}
kd_lasso_setting;

/* "default", "reltol-eps", "reltol-eps-maxiter" (and the parser). */
const char * kd_lasso_setting_name(kd_lasso_setting s);
kd_status kd_lasso_setting_parse(kd_lasso_setting * s, const char * str);
/* A comma-separated list of at most three settings (empty items skipped). */
kd_status kd_lasso_setting_parse_list(kd_lasso_setting * s, slong * n, const char * list);
/* MATLAB's options (standardize, intercept) for the setting. */
void kd_lasso_setting_opts(kd_iter_cd_opts_t opts, kd_lasso_setting s);

/* The input a MATLAB user has: every entry of A_delta and y rounded to the
   nearest double (ties to even), decided from a ball of the exact value
   (precision raised until both ends round alike). A, y are resized. */
kd_status kd_lasso_probe_round_double(fmpq_mat_t A, fmpq_mat_t y, const kd_real_t delta,
                                      int mirror);

/* The certified truth of the exact problem (delta != 0) with parameter
   param in convention conv: Bstar (2 x 1) = (0, 1 - sqrt(3) Lambda) in
   closed form (lasso-probe.md §2) and slack = Lambda (1 - rho),
   rho = 1/sqrt(1 + 6 delta^2). *cert is kd_certify_pattern's verdict for
   the pattern E = {2}, s = +1 on the exact scaled problem (precision raised
   up to prec_max), and KD_FALSE if its enclosure misses the closed form. */
kd_status kd_lasso_probe_truth(kd_truth * cert, arb_mat_t Bstar, arb_t slack,
                               const kd_real_t delta, const fmpq_t param,
                               kd_scaled_convention conv, slong prec_max);

/* Predicted sweep count of MATLAB's rule in EXACT arithmetic on the exact
   instance (standardize + intercept, Lambda < 1/sqrt(3), delta != 0); see
   the derivation in src/lasso/probe.c. *converged is 0 when MaxIter stops
   it first (then *sweeps = max_iter). KD_ERR_UNDECIDED if the balls cannot
   decide the stopping sweep. */
kd_status kd_lasso_probe_predict_sweeps(slong * sweeps, int * converged, const kd_real_t delta,
                                        const fmpq_t Lambda, double reltol, slong max_iter);

typedef enum
{
    KD_LASSO_RIGHT_SUPPORT = 0,  /* B_1 = 0, B_2 != 0: the support of B* */
    KD_LASSO_WRONG_SUPPORT,      /* B_1 != 0 = B_2, or B = 0 */
    KD_LASSO_SPLIT               /* both coordinates non-zero */
}
kd_lasso_verdict;

const char * kd_lasso_verdict_name(kd_lasso_verdict v);
/* A support as a bit set (bit j: coordinate j + 1): "{}", "{1}", "{2}",
   "{1,2}"; "not a point" for -1. */
const char * kd_lasso_support_name(int support);
/* Exact comparison of the support of B (2 x 1) with that of B*. */
kd_lasso_verdict kd_lasso_verdict_of(const fmpq_mat_t B);

/* One cell of the table. */
typedef struct
{
    kd_lasso_setting setting;
    int predicted;          /* 1: not run; sweeps and seconds are predictions */
    slong sweeps;
    slong predicted_sweeps; /* the exact-arithmetic prediction (-1: none) */
    int warned;
    double seconds;         /* measured, or predicted from the measured rate */
    fmpq_mat_t B;           /* the run's output on the original scale (zero if predicted) */
    arb_struct error;       /* ||B - B*||_2, certified (indeterminate if predicted) */
    kd_lasso_verdict verdict;
}
kd_lasso_cell_struct;

typedef kd_lasso_cell_struct kd_lasso_cell_t[1];

void kd_lasso_cell_init(kd_lasso_cell_t C);
void kd_lasso_cell_clear(kd_lasso_cell_t C);

/* Largest predicted sweep count that kd_lasso_probe_cell actually runs. */
#define KD_LASSO_RUN_LIMIT 500000000L

/* Runs MATLAB's rule (double, standardize + intercept) on the double-rounded
   instance with Lambda (MATLAB convention) under setting s. A calibration
   run of at most 10^6 sweeps comes first; a cell whose run would exceed
   that is run in full only when the predicted sweep count is <= run_limit,
   else it is predicted (sweeps from kd_lasso_probe_predict_sweeps, seconds
   from the calibration's sweep rate, verdict: right support with error 0
   in exact arithmetic, reported as not measured). Bstar from
   kd_lasso_probe_truth. */
kd_status kd_lasso_probe_cell(kd_lasso_cell_t C, const kd_real_t delta, const fmpq_t Lambda,
                              kd_lasso_setting s, const arb_mat_t Bstar, slong run_limit);

/* Solves the problem that the double-rounded instance defines EXACTLY
   (via kd_lasso_probe_input_support: standardised exactly when std_prec = 0,
   in std_prec-bit arithmetic as MATLAB does when std_prec > 0, e.g. 53):
   *support has bit j set when coordinate j of its minimiser is non-zero
   (-1: the solution set is not a certified point), *differs is 1 when that
   differs from the support {2} of B*; *sigma_equal (if not NULL) as by
   kd_lasso_probe_input_support. */
kd_status kd_lasso_probe_rounded_support(int * support, int * differs, int * sigma_equal,
                                         const kd_real_t delta, const fmpq_t Lambda,
                                         slong std_prec);

/* 1 and *lg = log2(delta) when delta is exactly a power of two, else 0. */
int kd_lasso_probe_delta_log2(slong * lg, const kd_real_t delta);

/* The smallest delta the probe takes is 2^-KD_LASSO_DELTA_MIN_LOG2: its
   A_delta is rounded to IEEE double, whose normal range ends at 2^-1022
   (the entries 2 delta must stay in it). */
#define KD_LASSO_DELTA_MIN_LOG2 1000
/* KD_TRUE when delta >= 2^-KD_LASSO_DELTA_MIN_LOG2 is proved, KD_FALSE when
   refuted, KD_UNKNOWN when the sign is not decided at the default cap. */
kd_truth kd_lasso_probe_delta_in_range(const kd_real_t delta);

/* The value MATLAB's lasso reported in the published table (lasso-probe.md
   §3, MATLAB convention, Lambda = 1/10) for delta = 2^lg under setting s,
   as the table prints it; NULL when the table has no such cell. */
const char * kd_lasso_probe_published(slong lg, kd_lasso_setting s);

/* The breakdown epsilon of the class {A_delta : delta != 0} u {mirrors} u
   {A_0} (lasso-probe.md §5), MATLAB convention with 0 < Lambda < 1/sqrt(3):
   kappa = ||B* - W||_2 = sqrt(2) (1 - sqrt(3) Lambda), where B* = (0, c) is
   the minimiser for A_delta and W = (c, 0) the mirror's, c = 1 - sqrt(3)
   Lambda (both on the original scale); eps_b = kappa / 2; mid = (B* + W)/2
   = (c/2, c/2), the output at distance exactly kappa/2 from both (it lies on
   A_0's solution segment). Balls at precision prec. KD_ERR_ARG for Lambda
   outside (0, 1/sqrt(3)). */
kd_status kd_lasso_probe_breakdown(arb_t kappa, arb_t eps_b, arb_mat_t mid, const fmpq_t Lambda,
                                   slong prec);

/* ---- input bits and precision (src/lasso/bits.c, proofs-notes/lasso-probe.md) ---- */

/* The certificate at level n: KD_TRUE when EVERY instance (A', y') with
   ||A' - A_n||_2 <= 2^-n and ||y' - y_n||_2 <= 2^-n around the level-n
   oracle answers A_n, y_n of A_delta, y has a unique minimiser (MATLAB's
   standardised problem, Lambda) with support {2}; KD_UNKNOWN otherwise.
   sharp = 0: entry balls evaluated directly; sharp = 1: the mean-value
   form (value at the answers + gradient enclosure times the radius),
   which sees the cancellation between the two nearly equal columns. */
kd_status kd_lasso_probe_certify_level(kd_truth * res, const kd_real_t delta,
                                       const fmpq_t Lambda, slong n, int sharp);

typedef struct
{
    slong level_lower;  /* no algorithm can certify the support from reads of
                           levels <= level_lower (-1: no bound found) */
    slong flip_log2;    /* the certified instance: y + 2^flip_log2 w has a
                           minimiser support containing 1 */
    slong level_sharp;  /* least n where the mean-value certificate holds (-1: none) */
    slong level_naive;  /* least n where the entry-ball certificate holds (-1: none) */
}
kd_lasso_bits_struct;

typedef kd_lasso_bits_struct kd_lasso_bits_t[1];

/* The bracket level_lower < (bits needed) <= level_sharp for delta > 0,
   searching levels 1..max_level. */
kd_status kd_lasso_probe_input_bits(kd_lasso_bits_t B, const kd_real_t delta,
                                    const fmpq_t Lambda, slong max_level);

/* What the probe knows about one delta before running any solver: the
   certified truth (kd_lasso_probe_truth), the supports of the exact
   minimisers of the problems the double input defines (standardised
   exactly and in double) and the input-bits bracket. */
typedef struct
{
    int has_log2;           /* delta = 2^log2 exactly */
    slong log2;
    kd_truth cert;
    arb_mat_t Bstar;        /* 2 x 1 */
    arb_t slack;
    int support_exact;      /* kd_lasso_probe_rounded_support, std_prec = 0 */
    int differs;
    int support_double;     /* the same, std_prec = 53 */
    int sigma_equal;        /* the double sigmas coincide */
    kd_lasso_bits_t bits;
}
kd_lasso_delta_struct;

typedef kd_lasso_delta_struct kd_lasso_delta_t[1];

void kd_lasso_delta_init(kd_lasso_delta_t D);
void kd_lasso_delta_clear(kd_lasso_delta_t D);

/* Fills D for delta > 0; param, conv as for kd_lasso_probe_truth (prec_max
   4096), Lambda = the MATLAB-convention parameter, input bits searched up to
   max_level. */
kd_status kd_lasso_probe_delta(kd_lasso_delta_t D, const kd_real_t delta, const fmpq_t param,
                               kd_scaled_convention conv, const fmpq_t Lambda,
                               slong max_level);

/* MATLAB's preprocessing (centre, population-std standardisation) of the
   rational X (m x N), y (m x 1) carried out in p-bit arithmetic, round to
   nearest, the same operations in the same order as kd_iter_cd_matlab
   (p = 53 is IEEE double for these normal-range data); the results are
   the exact values of the p-bit numbers. *sigma_equal (if not NULL) is 1
   when all the computed sigma_j are equal. */
kd_status kd_lasso_standardize_prec(fmpq_mat_t X0, fmpq_mat_t Y0, int * sigma_equal,
                                    const fmpq_mat_t X, const fmpq_mat_t y, slong p);

/* The support of the exact minimiser of the problem that the preprocessing
   defines from the rational data A, y: std_prec = 0 standardises exactly,
   std_prec = p > 0 with kd_lasso_standardize_prec; then
   min (1/(2m)) ||X0 b - Y0||^2 + Lambda ||b||_1 is solved exactly.
   *support has bit j set when coordinate j is non-zero; -1 when the
   solution set is not a certified point. *sigma_equal (if not NULL) is
   set as by kd_lasso_standardize_prec (std_prec > 0), else to 0. */
kd_status kd_lasso_probe_input_support(int * support, int * sigma_equal, const fmpq_mat_t A,
                                       const fmpq_mat_t y, const fmpq_t Lambda,
                                       slong std_prec);

/* Every entry of A_delta, y rounded to the nearest p-bit number (p = 53:
   kd_lasso_probe_round_double). */
kd_status kd_lasso_probe_round_prec(fmpq_mat_t A, fmpq_mat_t y, const kd_real_t delta,
                                    int mirror, slong p);

/* One row of the precision sweep: the input rounded to p bits, MATLAB's
   preprocessing and coordinate descent in p-bit arithmetic (double at 53,
   MPFR otherwise) under setting s. */
typedef struct
{
    slong prec;
    int sigma_equal;        /* the p-bit sigmas coincide */
    int support;            /* exact minimiser of the p-bit standardised problem */
    slong sweeps;
    int warned;
    double seconds;
    fmpq_mat_t B;           /* CD output, original scale */
    arb_struct error;       /* ||B - B*||_2, certified */
    kd_lasso_verdict verdict;
}
kd_lasso_prec_row_struct;

typedef kd_lasso_prec_row_struct kd_lasso_prec_row_t[1];

void kd_lasso_prec_row_init(kd_lasso_prec_row_t R);
void kd_lasso_prec_row_clear(kd_lasso_prec_row_t R);
kd_status kd_lasso_probe_prec_row(kd_lasso_prec_row_t R, const kd_real_t delta,
                                  const fmpq_t Lambda, slong p, kd_lasso_setting s,
                                  const arb_mat_t Bstar);

/* Which of B* and the wrong vertex W = (1 - sqrt(3) Lambda, 0) a point is
   nearer. */
typedef enum
{
    KD_LASSO_NEARER_WRONG = -1,     /* W */
    KD_LASSO_EQUIDISTANT = 0,       /* exactly as near to both */
    KD_LASSO_NEARER_BSTAR = 1,      /* B* */
    KD_LASSO_NEARER_UNDECIDED = 2   /* c = 1 - sqrt(3) Lambda > 0 not certified */
}
kd_lasso_side;

/* "wrong vertex", "equidistant", "B*", "undecided". */
const char * kd_lasso_side_name(kd_lasso_side n);

/* Which of B* and W the rational B is nearer, decided exactly: the
   difference of the squared distances is 2c(B_1 - B_2), c = 1 - sqrt(3)
   Lambda. */
kd_lasso_side kd_lasso_nearer(const fmpq_mat_t B, const fmpq_t Lambda);

/* ---- the real peers (src/lasso/peers.c, lasso-probe.md §4) ----

   R's glmnet, scikit-learn's Lasso and LassoLars and CVXOPT's interior-point
   QP, run as external programs (the scripts of experiments/peers) on the
   double-rounded instance, their double output read exactly and measured
   against the certified truth. Where they are looked for (in this order):
   KDIGITS_PEERS_DIR  the scripts' directory (else the installed
                      $(pkgdatadir)/peers if it exists, else the source tree)
   KDIGITS_PYTHON     the Python interpreter tried first; then /usr/bin/python3
                      and python3 on PATH (the system interpreter is tried only
                      when PATH has a python3 at all, so a stripped PATH turns
                      the Python peers off), the first that imports the module
   PATH               Rscript for glmnet
   A peer whose program or module is missing is skipped, with the Debian
   package that provides it. Each run is limited to KD_LASSO_PEER_TIMEOUT
   seconds; a crash or time-out is a failed row. */

#define KD_LASSO_PEER_TIMEOUT 60.0
/* glmnet, sklearn-lasso, sklearn-lassolars, cvxopt-qp */
#define KD_LASSO_NPEERS 4

typedef struct
{
    const char * name;      /* the estimator */
    const char * package;   /* the Debian package that provides it */
    char * script;          /* the script's path (its file name when no directory) */
    char * interp;          /* the interpreter that runs it; NULL: skipped */
    char * status;          /* "ok", "skipped (install PACKAGE)" or
                               "skipped (script missing)" */
    int no_script;          /* skipped because the script itself is missing */
    char * reason;          /* why it is skipped; NULL when it runs */
    char * version;         /* the version its first output reported, or NULL */
}
kd_lasso_peer_struct;

typedef enum
{
    KD_LASSO_PEER_OK = 0,   /* its B was read: the measures are valid */
    KD_LASSO_PEER_FAILED    /* no usable output: reason */
}
kd_lasso_peer_status;

/* One estimator at one delta. */
typedef struct
{
    char * delta;           /* kd_real_get_str of delta */
    int has_log2;           /* delta = 2^log2 exactly */
    slong log2;
    slong peer;             /* index into the peers' table */
    kd_truth cert;          /* kd_lasso_probe_truth's verdict at this delta */
    kd_lasso_peer_status status;
    char * reason;          /* FAILED: why */
    char * version;         /* the version it printed ("?" if none); NULL when it
                               printed no object for this estimator */
    double Bd[2];           /* OK: its output as the doubles it printed */
    fmpq_mat_t B;           /* the same doubles, exactly */
    arb_t error;            /* ||B - B*||_2 */
    arb_t error_wrong;      /* ||B - W||_2 */
    arb_t error_std_inf;    /* ||b - b*||_inf on the standardised scale */
    kd_lasso_side nearer;
    kd_lasso_verdict verdict;
    int warned;
    char * warning;
    char * iterations;      /* those members of its output as compact JSON */
    char * solver_status;   /* text, NULL when absent or null */
}
kd_lasso_peer_row_struct;

typedef struct
{
    kd_lasso_peer_struct peer[KD_LASSO_NPEERS];
    slong nrun;             /* peers that run */
    double Lambda_d;        /* the double passed for Lambda */
    arb_t Bstar2;           /* 1 - sqrt(3) Lambda */
    slong nrows, alloc;
    kd_lasso_peer_row_struct * rows;
    char * tmpdir;          /* working files (private) */
    char * input;
}
kd_lasso_peers_struct;

typedef kd_lasso_peers_struct kd_lasso_peers_t[1];

/* Finds the peers and an interpreter for each (Lambda: MATLAB's
   convention) and, when one runs, a temporary directory for their input. */
kd_status kd_lasso_peers_init(kd_lasso_peers_t P, const fmpq_t Lambda);
/* Removes the temporary directory. */
void kd_lasso_peers_clear(kd_lasso_peers_t P);

/* Runs every peer that runs on the double-rounded instance of delta != 0,
   appending a row per estimator to P->rows (none when no peer runs; the
   truth is certified all the same). A peer that fails is a FAILED row, not
   an error; errors are those of the truth and of the input file. */
kd_status kd_lasso_peers_run(kd_lasso_peers_t P, const kd_real_t delta, const fmpq_t Lambda);

/* The highest level the input-bits search of kd_lasso_probe_delta tries
   in `kdigits lasso-probe`. */
#define KD_LASSO_BITS_MAX_LEVEL 400

/* The peers' table of P as text (lasso-probe.md §4); param is the slides'
   lambda, Lambda MATLAB's. JSON: kd_lasso_peers_json. */
kd_status kd_lasso_peers_write(FILE * f, const kd_lasso_peers_t P, const fmpq_t Lambda,
                               const fmpq_t param, kd_scaled_convention conv);

#ifdef __cplusplus
}
#endif
#endif
