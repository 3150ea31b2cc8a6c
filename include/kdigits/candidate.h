/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Certifying anyone's answer: candidate outputs x from elsewhere (a file of
   numbers, a Python list), read exactly or as the IEEE doubles they denote,
   and their certified distance, objective, gap, feasibility and support
   verdicts against the true solution set of an exact problem, which is
   computed once for all of them (or given). `kdigits certify` and the
   Python module are thin over this (docs/certify.md). */
#ifndef KDIGITS_CANDIDATE_H
#define KDIGITS_CANDIDATE_H

#include "kdigits/problem.h"
#include "kdigits/truth.h"
#include "kdigits/peers.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- numbers as a double solver wrote them */

/* How a decimal entry of a candidate is read: as the exact decimal, or as
   the IEEE binary64 number it rounds to (round to nearest, ties to even,
   correctly rounded, subnormals included: what strtod, numpy and Python's
   float() give). Hexadecimal floats (0x1.8p-3) are exact in both. AUTO:
   exact for Matrix Market files, double otherwise. */
typedef enum
{
    KD_XFORMAT_AUTO = 0,
    KD_XFORMAT_DOUBLE,
    KD_XFORMAT_EXACT
}
kd_xformat;

/* "auto", "double", "exact". */
const char * kd_xformat_name(kd_xformat f);
kd_status kd_xformat_parse(kd_xformat * f, const char * s);

/* d = the binary64 number nearest to q (ties to even, subnormals and the
   overflow threshold as IEEE 754 says). KD_ERR_ARG when q rounds to
   infinity. */
kd_status kd_fmpq_round_double(double * d, const fmpq_t q);
/* q = d exactly (d finite). */
void kd_fmpq_set_double(fmpq_t q, double d);

/* One number as text: an optional sign and a decimal (exact, or rounded
   to binary64 with KD_XFORMAT_DOUBLE/AUTO) or a hexadecimal float (exact);
   with KD_XFORMAT_EXACT also any exact expression (kdigits/expr.h) whose
   value is rational ("1/3"). nan and inf are refused. Errors: KD_ERR_PARSE
   (not a number), KD_ERR_ARG (not finite, beyond double's range, not
   rational), with a message that quotes s. */
kd_status kd_number_parse(fmpq_t q, const char * s, kd_xformat f);

/* Every entry of A rounded to binary64 as kd_fmpq_round_double does (a
   complex entry part by part). An entry that is not an exact rational is
   enclosed at increasing precision until both ends of its ball round to
   the same double (KD_ERR_UNDECIDED past prec_cap, 0: the default). */
kd_status kd_mat_round_double(kd_mat_t B, const kd_mat_t A, slong prec_cap);

/* ---- candidate lists */

typedef struct
{
    slong n;                    /* number of candidates */
    slong alloc;
    fmpq_mat_struct * xr;       /* each N x 1: real parts */
    fmpq_mat_struct * xi;       /* imaginary parts (zero for real ones) */
    int * is_complex;
    char ** names;              /* "FILE", "FILE column k", ... */
    kd_xformat * format;        /* how each was read (never AUTO) */
}
kd_candidates_struct;

typedef kd_candidates_struct kd_candidates_t[1];

void kd_candidates_init(kd_candidates_t C);
void kd_candidates_clear(kd_candidates_t C);

/* Appends one candidate of n entries given as text (re[j] + i im[j]; im
   NULL: real), each read by kd_number_parse with f (AUTO: double). Errors
   name the candidate and the entry ("NAME: entry 3 ('abc'): ..."). */
kd_status kd_candidates_add_str(kd_candidates_t C, const char * name,
                                const char * const * re, const char * const * im, slong n,
                                kd_xformat f);

/* Appends a candidate given exactly (xi NULL: real); f says how it was
   obtained (AUTO: exact). */
void kd_candidates_add_fmpq(kd_candidates_t C, const char * name, const fmpq_mat_t xr,
                            const fmpq_mat_t xi, kd_xformat f);

/* Appends the answer of every peer that ran ("peer NAME", read from the
   doubles it printed: KD_XFORMAT_DOUBLE); returns how many. */
slong kd_candidates_add_peers(kd_candidates_t C, const kd_peer_answers_t R);

/* Appends the candidates in a file:
     *.mtx   Matrix Market (exact expressions, kdigits/mtx.h); each column
             is a candidate; real or complex; entries must be rational
             (exact) or are rounded to binary64 (f = DOUBLE)
     *.json  a JSON array of numbers (one candidate) or of arrays of
             numbers (one candidate each); a string entry is read like a
             bare number ("0x1.8p-3", or an expression with f = EXACT)
     other   plain text or CSV: numbers separated by white space, commas
             or semicolons; lines with the same number k > 1 of fields
             form k candidates (the columns, as numpy.savetxt writes an
             N x k array), otherwise all numbers in order form one.
   Errors: KD_ERR_IO (cannot open), KD_ERR_FORMAT/KD_ERR_PARSE/KD_ERR_ARG
   with "FILE: ..." naming the entry. */
kd_status kd_candidates_read(kd_candidates_t C, const char * path, kd_xformat f);

/* ---- certification of a list against one truth */

typedef struct
{
    arb_struct objective;       /* f(x) at the exact data */
    arb_struct dist;            /* dist(x, Xi(A, y)) */
    arb_struct gap;             /* f(x) - f* <= gap (P2, P3); else indeterminate */
    kd_truth feasible;          /* P1, BP: the constraint at the exact data */
    kd_truth support;           /* x has the support of the minimiser */
    slong digits;               /* proved correct digits (-1: none proved) */
}
kd_candidate_cert_struct;

typedef struct
{
    kd_problem_kind kind;
    slong n;
    kd_candidate_cert_struct * c;
    kd_truth_set_struct own;            /* the truth, when computed here */
    const kd_truth_set_struct * truth;  /* the truth used (own, or given) */
}
kd_candidates_report_struct;

typedef kd_candidates_report_struct kd_candidates_report_t[1];

void kd_candidates_report_init(kd_candidates_report_t R);
void kd_candidates_report_clear(kd_candidates_report_t R);

/* The largest K <= 300 with dist <= 10^-K proved (kd_certify_digits), -1
   when none is or dist is not finite. */
slong kd_certify_digits_max(const arb_t dist, slong prec);

/* Certifies every candidate of C against the exact data of P: the truth
   Xi(A, y) is computed once (kd_truth_set_compute with level_max, prec),
   or taken from truth when not NULL (borrowed: it must outlive R, and be
   the truth of P). Per candidate: objective, distance, gap bound (P2,
   P3), feasibility (P1, BP), support and digits, as `solve --certify`.
   Errors: a candidate whose length is not N (KD_ERR_SIZE naming it), a
   complex candidate for a real problem, a problem without exact data. */
kd_status kd_candidates_certify(kd_candidates_report_t R, const kd_problem_t P,
                                const kd_candidates_t C, const kd_truth_set_struct * truth,
                                slong level_max, slong prec);

/* ---- the whole `kdigits certify` job */

/* Which data the candidates are measured against: the exact data, the data
   rounded to binary64 entry by entry (A, y and the parameter, as a double
   solver was given them), or both (two truths). */
typedef enum
{
    KD_DATA_EXACT = 0,
    KD_DATA_DOUBLE,
    KD_DATA_BOTH
}
kd_data_mode;

const char * kd_data_mode_name(kd_data_mode d);
kd_status kd_data_mode_parse(kd_data_mode * d, const char * s);

typedef struct
{
    kd_problem_kind kind;
    const kd_mat_struct * A;    /* exact data as read */
    const kd_mat_struct * y;
    const kd_mat_struct * w;    /* NULL: unit weights */
    const char * param;         /* lambda (P2, P3) or eta (P1) as written; NULL for BP */
    const char * scaled;        /* NULL, "matlab" or "mean" (P2 only) */
    int center;
    int standardize;
    kd_data_mode data;
    const kd_truth_set_struct * truth;  /* NULL: computed (exact data only) */
    slong prec;                 /* ball precision (256) */
    slong level_max;            /* highest level for the truth (4096) */
    slong prec_cap;             /* 0: default */
}
kd_certify_spec_struct;

typedef kd_certify_spec_struct kd_certify_spec_t[1];

/* Defaults: P2 ... no data, center and standardize on, exact data,
   prec 256, level_max 4096. */
void kd_certify_spec_init(kd_certify_spec_t S);

typedef struct
{
    kd_data_mode data;
    kd_problem_struct P[2];             /* [0]: exact data, [1]: rounded */
    kd_candidates_report_struct R[2];
    int has[2];
    char param_double[64];              /* the rounded parameter, "%.17g" */
}
kd_certify_job_struct;

typedef kd_certify_job_struct kd_certify_job_t[1];

void kd_certify_job_init(kd_certify_job_t J);
void kd_certify_job_clear(kd_certify_job_t J);

/* Builds the problem of S (plain, or the scaled LASSO with S->scaled) over
   the exact data and/or the rounded data, and certifies C against each. */
kd_status kd_certify_run(kd_certify_job_t J, const kd_certify_spec_t S, const kd_candidates_t C);

/* Builds P from data as `kdigits solve` does: param parsed as an exact
   expression (named --lambda or --eta in messages), scaled NULL or the
   convention's name (P2 only). */
kd_status kd_problem_init_spec(kd_problem_t P, kd_problem_kind kind, const kd_mat_t A,
                               const kd_mat_t y, const kd_mat_t w, const char * param,
                               const char * scaled, int center, int standardize,
                               slong prec_cap);

/* ---- reports (src/candidate/text.c; JSON: kdigits/json.h) */
/* The job J (kd_certify_run of S on C) as `kdigits certify` prints it:
   text, or CSV rows (kcol: the value of k put in a first column, NULL for
   none; header: the header row first). */
kd_status kd_certify_job_write_text(FILE * f, const kd_certify_job_t J, const kd_certify_spec_t S,
                                    const kd_candidates_t C);
kd_status kd_certify_job_write_csv(FILE * f, const kd_certify_job_t J, const kd_certify_spec_t S,
                                   const kd_candidates_t C, const slong * kcol, int header);
/* The peers' answers R as text: with CR (the answers of the peers that
   ran, certified in order: kd_peers_certify) the certified distance,
   digits and support of each; without (NULL) each peer's state, version
   and note, then an empty line. */
kd_status kd_peer_answers_write(FILE * f, const kd_peer_answers_t R,
                                const kd_candidates_report_t CR);
/* Every installed peer run on P (kd_peers_solve) and each answer certified
   as a candidate (kd_candidates_certify with truth, level_max, prec). */
kd_status kd_peers_certify(kd_peer_answers_t R, kd_candidates_report_t CR, const kd_problem_t P,
                           const kd_truth_set_struct * truth, slong level_max, slong prec);

/* ---- the whole `kdigits certify` run over a family (src/candidate/sweep.c) */
typedef struct
{
    kd_certify_spec_struct S;   /* the problem; its A, y, w are set per run */
    const char * A, * y, * w;   /* the data: files or built-in names (kd_builtin_load);
                                   w NULL: unit weights */
    const char * const * x;     /* candidate files (kd_candidates_read) */
    slong nx;
    kd_xformat xformat;
    int peers;                  /* also every installed peer's answer */
    const char * const * params;    /* "NAME=EXPR", bound before each run
                                       (kd_expr_set_param_str) */
    slong nparams;
    const slong * ks;           /* the values of the parameter k swept over ... */
    slong nk;                   /* ... (0: one run, k not bound) */
    /* optional: told before each run of a sweep (i from 1 of total, what
       "k = K") and before the peers run (1 of 1); NULL: kd_progress */
    void (*progress)(void * data, slong i, slong total, const char * what);
    void * progress_data;
}
kd_certify_sweep_struct;

typedef kd_certify_sweep_struct kd_certify_sweep_t[1];

/* All zero, S as kd_certify_spec_init. W borrows every array it is given. */
void kd_certify_sweep_init(kd_certify_sweep_t W);

#ifdef __cplusplus
}
#endif
#endif
