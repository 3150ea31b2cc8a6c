/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Small helpers shared by the library and the CLI: exact-to-decimal
   rendering and integer-log bounds. */
#ifndef KDIGITS_UTIL_H
#define KDIGITS_UTIL_H

#include "kdigits/deps.h"
#include "kdigits/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A decimal rendering of the rational q with `digits` significant digits,
   rounded to nearest (for reading only: it is not the exact value). Returns
   a flint_malloc'ed string. */
char * kd_fmpq_get_decimal(const fmpq_t q, slong digits);
/* The same for an upper bound: rounds up ("<= 2^-300" style bounds). */
char * kd_mag_get_decimal(const mag_t m, slong digits);
/* Decimal midpoint and radius strings of a ball such that the decimal ball
   [mid +/- rad] contains the exact ball x (Arb's printing guarantee): a
   certified value one can print or put in JSON as {"mid", "rad"}. Both
   strings are flint_malloc'ed. */
void kd_arb_get_decimal(char ** mid, char ** rad, const arb_t x, slong digits);

/* "mid +/- rad" of the certified decimal enclosure of x with the given
   significant digits ("-" when x is not finite); flint_free it. */
char * kd_arb_get_str_pm(const arb_t x, slong digits);

/* One CSV field (RFC 4180: quoted when it holds a comma, a quote or a line
   break). */
void kd_csv_write_field(FILE * f, const char * s);

/* s as a paragraph: words wrapped at width columns, then a newline. */
void kd_write_wrapped(FILE * f, const char * s, size_t width);

/* "p/q" exactly (or "p" when q = 1); flint_free it. */
char * kd_fmpq_get_str(const fmpq_t q);

/* ceil(log2(k)) for k >= 1. */
slong kd_clog2(ulong k);

/* Whether the mag is <= 2^e. */
int kd_mag_le_2exp(const mag_t m, slong e);

/* The memory budget (bytes) that constructions of predictable size check
   before they allocate (built-in matrices, dense problems): a request over
   it is refused with KD_ERR_ARG naming the estimate and the limit
   (kd_check_mem), instead of failing halfway. Process-wide; default
   KD_MAX_MEM_DEFAULT (4 GiB). */
#define KD_MAX_MEM_DEFAULT (WORD(1) << 32)
#define KD_MAX_MEM_MIN (WORD(1) << 20)
kd_status kd_set_max_mem(slong bytes);
slong kd_get_max_mem(void);
/* KD_OK when about `bytes` fit the budget; what names the request. */
kd_status kd_check_mem(double bytes, const char * what);
/* A size in bytes from "N", "NK", "NM" or "NG" (powers of 1024; N may have
   a fraction). KD_ERR_ARG for anything else, or beyond 2^62. */
kd_status kd_parse_size(slong * bytes, const char * s);

/* GMP, MPFR, FLINT and Arb cannot take a failed allocation back: they abort.
   This installs allocators for them (call it before any kdigits or FLINT
   object exists) that call fn(bytes) when the system allocator fails. fn is
   the program's: it should end the process its own way (a program may print
   one line and _exit); if it returns, the allocation fails as before. The
   library itself never exits. */
void kd_set_alloc_failure_handler(void (*fn)(size_t bytes));

/* Progress of long library computations (exact solves, truth searches,
   randomised trials). A program installs one handler for the process; the
   library calls kd_progress(what, i, total) at each step of a long loop
   (i counts from 1; total 0 when the number of steps is not known in
   advance). The handler decides what to show and how often; none is
   installed by default, and then kd_progress costs one test. Not
   thread-safe: install it before starting threads. */
typedef void (*kd_progress_fn)(const char * what, slong i, slong total);
void kd_set_progress_handler(kd_progress_fn fn);
void kd_progress(const char * what, slong i, slong total);

/* The formats of the library's report writers: text and CSV as the
   command line prints them, JSON (kdigits/json.h), Matrix Market. */
typedef enum
{
    KD_REPORT_TEXT = 0,
    KD_REPORT_CSV,
    KD_REPORT_JSON,
    KD_REPORT_MTX
}
kd_report_format;

#ifdef __cplusplus
}
#endif
#endif
