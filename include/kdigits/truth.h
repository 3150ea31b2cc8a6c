/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The certified solution set Xi(A, y) of an exact problem (its "truth"):
   computed once, then the distance of any candidate to it and the support
   verdict (proofs-notes/solvers.md §5). */
#ifndef KDIGITS_TRUTH_H
#define KDIGITS_TRUTH_H

#include "kdigits/problem.h"
#include "kdigits/lp.h"
#include "kdigits/certify.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The certified ground truth of an exact problem (proofs-notes/solvers.md §5). */
typedef struct
{
    kd_truth found;             /* KD_TRUE: x encloses every minimiser (Xi is
                                   the single point x) or, for non-unique
                                   rational problems, face describes Xi */
    kd_truth unique;
    arb_mat_struct x;           /* N x 1 (real part) */
    arb_mat_struct xi;          /* N x 1 (imaginary part) */
    int has_face;               /* Xi given exactly as a face (rational data) */
    kd_face_struct * face;      /* the face, when has_face */
    slong * levels;             /* levels read while looking for it */
    slong nlevels;
    char how[512];              /* how it was obtained (or why not), for reports */
    slong * E;                  /* the certified pattern (support, increasing, */
    int * s;                    /* and signs), when Xi is a point found through */
    slong nE;                   /* one; nE = -1: none recorded */
    slong prec;                 /* working precision of the certificate (bits) */
    kd_face_exact_struct * fexact;  /* BP, P1 with eta = 0, Xi a face known
                                   exactly (kd_certify_face): its description
                                   (for rational data next to face); else NULL */
    char ** xexact;             /* real irrational data, Xi a point known
                                   exactly: its N entries as exact expressions
                                   (kd_cyclo_get_str), enclosed by x; else NULL */
}
kd_truth_set_struct;

typedef kd_truth_set_struct kd_truth_set_t[1];

void kd_truth_set_init(kd_truth_set_t T, slong N);
void kd_truth_set_clear(kd_truth_set_t T);

/* Finds and certifies Xi(A, y) of the exact problem P: exact solution when
   the data are rational; otherwise exact solutions of the rational instances
   at levels 16, 32, ... up to level_max whose patterns are then certified on
   the exact data at prec bits (raised with the level). T->found = KD_UNKNOWN
   means "not certifiable with the levels read" (T->levels lists them). */
kd_status kd_truth_set_compute(kd_truth_set_t T, const kd_problem_t P, slong level_max,
                               slong prec);

/* Progress of a truth computation: called before each stage (i of at most
   total, e.g. the levels tried) with a short description. */
typedef void (*kd_truth_progress_fn)(void * data, slong i, slong total, const char * what);

/* kd_truth_set_compute with progress reports (progress may be NULL). */
kd_status kd_truth_set_compute_progress(kd_truth_set_t T, const kd_problem_t P,
                                        slong level_max, slong prec,
                                        kd_truth_progress_fn progress, void * data);

/* T = S (a deep copy; T's size becomes S's). */
void kd_truth_set_set(kd_truth_set_t T, const kd_truth_set_t S);

/* ---- a truth computed once (src/truth/io.c) ----

   A truth file is a JSON document (format "kdigits-truth", version 1) with
   the problem kind, sizes, the parameter and weights as written, a
   fingerprint of the exact data, the solution set (enclosure balls with
   exact dyadic mid and rad written as "p/2^k" strings, or the exact face
   with rational entries), the certified pattern, how it was obtained and
   uniqueness. Reading it back loses nothing. */

/* A fingerprint of P's exact data: kind, sizes, and the canonical
   expression strings (kd_real_get_str) of every entry of A, y, w and of the
   parameter, hashed (two independent 64-bit FNV-1a variants, 32 hex
   digits). It detects a different problem, not a forged file. fp must hold
   KD_TRUTH_FP_LEN + 1 characters. */
#define KD_TRUTH_FP_LEN 32
kd_status kd_problem_fingerprint(char * fp, const kd_problem_t P);

/* Writes T, the truth of P, to the file path. Errors: KD_ERR_IO. */
kd_status kd_truth_set_write(const kd_truth_set_t T, const kd_problem_t P, const char * path);

/* Reads the truth of P from path, after checking that the file is a truth
   file of this format, for this kind of problem, these sizes and these
   exact data (the fingerprint). Errors (T then unchanged, one message line):
   KD_ERR_IO (cannot read), KD_ERR_FORMAT (not JSON, a missing or malformed
   field, a ball that is not dyadic, wrong sizes), KD_ERR_ARG (a truth of a
   different problem: kind, sizes or fingerprint differ). */
kd_status kd_truth_set_read(kd_truth_set_t T, const kd_problem_t P, const char * path);

/* dist(xhat, Xi) as a certified ball: from the enclosure when Xi is a point,
   by exact projection onto the face otherwise. */
kd_status kd_truth_set_dist(arb_t d, const kd_truth_set_t T, const fmpq_mat_t xr,
                            const fmpq_mat_t xi, slong prec);

/* "xhat has the support of the minimiser": KD_TRUE/KD_FALSE when Xi is a
   certified single point whose zero pattern the balls decide, KD_UNKNOWN
   otherwise (e.g. Xi a face, or an entry of the minimiser not proved
   non-zero). */
kd_truth kd_truth_set_support_verdict(const kd_truth_set_t T, const fmpq_mat_t xr,
                                      const fmpq_mat_t xi);
/* The same for a real candidate given by an enclosure (an entry counts as
   zero only when its ball is exactly 0, as non-zero when the ball excludes
   0, else the verdict is KD_UNKNOWN at best). */
kd_truth kd_truth_set_support_verdict_arb(const kd_truth_set_t T, const arb_mat_t x);

#ifdef __cplusplus
}
#endif
#endif
