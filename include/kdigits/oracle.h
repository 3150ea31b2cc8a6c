/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Matrix and vector oracles: asked for level n, an oracle returns a matrix
   A_n with dyadic rational entries and ||A_n - A||_2 <= 2^-n (operator
   2-norm), proved, and logs every read (theory.md §2, proofs-notes/oracle.md
   §3). An oracle is either backed by an exact kd_mat_t or custom (any query
   function, e.g. an adversary answering with data of its choice). */
#ifndef KDIGITS_ORACLE_H
#define KDIGITS_ORACLE_H

#include "kdigits/mat.h"

#ifdef __cplusplus
extern "C" {
#endif

struct kd_oracle_struct;

/* A query function must set re (and im, for a complex oracle; im is NULL
   for a real one) to an r x c dyadic matrix within 2^-n in operator norm of
   the value the oracle stands for. re/im are already r x c. */
typedef kd_status (*kd_oracle_query_fn)(fmpq_mat_t re, fmpq_mat_t im,
                                        struct kd_oracle_struct * O, slong n);

typedef struct kd_oracle_struct
{
    slong r;
    slong c;
    int is_complex;
    slong prec_cap;             /* working-precision cap; 0 = default */
    kd_oracle_query_fn query;
    void * data;
    const kd_mat_struct * exact;    /* the exact matrix behind a
                                   matrix oracle (NULL for custom oracles) */
    void (*clear_data)(void * data);
    /* the query log */
    slong * levels;             /* levels read, in order */
    slong nreads;
    slong alloc;
    slong max_level;            /* -1 before the first read */
}
kd_oracle_struct;

typedef kd_oracle_struct kd_oracle_t[1];

/* An oracle for the exact matrix A (A's entries are shared, not copied). */
kd_status kd_oracle_init_mat(kd_oracle_t O, const kd_mat_t A);
/* A custom oracle; clear_data (may be NULL) is called on data at clear. */
void kd_oracle_init_custom(kd_oracle_t O, slong r, slong c, int is_complex,
                           kd_oracle_query_fn query, void * data,
                           void (*clear_data)(void *));
void kd_oracle_clear(kd_oracle_t O);
void kd_oracle_set_prec_cap(kd_oracle_t O, slong prec_cap);

/* Reads level n: re (and im for complex oracles, else im may be NULL and is
   ignored) are resized as needed and set to A_n; the read is logged. For a
   real oracle given a non-NULL im, im is set to zero. Errors: KD_ERR_ARG for
   a bad n, and those of the entry evaluation. */
kd_status kd_oracle_get(fmpq_mat_t re, fmpq_mat_t im, kd_oracle_t O, slong n);

/* Level recorded in the log for an exact read (kd_oracle_get_exact). */
#define KD_ORACLE_EXACT (-1)

/* Whether the oracle can give its data exactly: a matrix oracle whose
   entries are all rational (custom oracles never can). */
int kd_oracle_is_exact(const kd_oracle_t O);

/* Reads the exact data of an exact oracle (kd_oracle_is_exact): re (and im
   as for kd_oracle_get) are set to the exact rational entries; the read is
   logged with level KD_ORACLE_EXACT. Errors: KD_ERR_ARG when the oracle
   cannot give exact data. */
kd_status kd_oracle_get_exact(fmpq_mat_t re, fmpq_mat_t im, kd_oracle_t O);

/* kd_oracle_get with a certified bound of the error: err (not NULL) receives
   an upper bound of ||A_n - A||_F for a matrix oracle and 2^-n (the
   contract) for a custom one. */
kd_status kd_oracle_get_err(fmpq_mat_t re, fmpq_mat_t im, mag_t err, kd_oracle_t O,
                            slong n);

/* The query log: nreads counts every read (exact ones included), max_level
   the highest level read (-1 when none but exact reads). */
slong kd_oracle_nreads(const kd_oracle_t O);
slong kd_oracle_max_level(const kd_oracle_t O);
slong kd_oracle_read_level(const kd_oracle_t O, slong i);
void kd_oracle_log_reset(kd_oracle_t O);

/* A copy of part of a query log: the reads one computation made. */
typedef struct
{
    slong nreads;       /* all reads */
    slong nexact;       /* of which exact (KD_ORACLE_EXACT) */
    slong * levels;     /* the levels of every read, in order */
    slong max_level;    /* -1 when none but exact reads */
}
kd_oracle_reads_struct;

typedef kd_oracle_reads_struct kd_oracle_reads_t[1];

void kd_oracle_reads_init(kd_oracle_reads_t L);
void kd_oracle_reads_clear(kd_oracle_reads_t L);
/* L = the reads of O from read number start on (kd_oracle_nreads before the
   computation). O may be NULL (no reads). */
void kd_oracle_reads_since(kd_oracle_reads_t L, const kd_oracle_struct * O, slong start);

/* The entry level used for a matrix with k inexact entries asked for level
   n: n + ceil(log2(k) / 2), so that the Frobenius norm of the error, hence
   its operator norm, is <= 2^-n (proofs-notes/oracle.md §3). */
slong kd_oracle_entry_level(slong n, slong k);

/* Rounds an exact matrix entrywise so that ||A_n - A||_2 <= 2^-n (the
   function behind kd_oracle_init_mat, without logging). If err is not NULL
   it receives a certified upper bound of the Frobenius norm of A_n - A. */
kd_status kd_mat_approx(fmpq_mat_t re, fmpq_mat_t im, mag_t err,
                        const kd_mat_t A, slong n, slong prec_cap);

#ifdef __cplusplus
}
#endif
#endif
