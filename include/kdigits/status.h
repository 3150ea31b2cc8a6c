/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Status codes and the per-thread error message: library functions return a
   kd_status and never exit; the detail of the last failure is kept for the
   caller (the CLI prints it as its one line on stderr). */
#ifndef KDIGITS_STATUS_H
#define KDIGITS_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum
{
    KD_OK = 0,
    KD_ERR_ARG,         /* an argument is out of range (n < 0, absurd precision, ...) */
    KD_ERR_PARSE,       /* a malformed expression */
    KD_ERR_DOMAIN,      /* proved outside the domain: sqrt of a negative, division by 0 */
    KD_ERR_UNDECIDED,   /* could not decide (e.g. a sign) within the precision cap */
    KD_ERR_SIZE,        /* dimensions do not match */
    KD_ERR_IO,          /* a file could not be opened, read or written */
    KD_ERR_FORMAT,      /* a malformed input file */
    KD_ERR_NOMEM,       /* out of memory */
    KD_ERR_UNSUPPORTED, /* a valid request this build cannot serve */
    KD_ERR_INTERNAL     /* a self-check failed: a bug; no answer was returned */
} kd_status;

/* A three-valued verdict, as Calcium's truth_t: a claim is proved true,
   proved false, or not decided (never guessed). */
typedef enum
{
    KD_FALSE = 0,
    KD_TRUE = 1,
    KD_UNKNOWN = 2
} kd_truth;

/* "true", "false" or "unknown". */
const char * kd_truth_name(kd_truth t);

/* A short fixed name of the status, e.g. "parse error". */
const char * kd_status_name(kd_status s);

/* The message recorded with the last failing status in this thread (never
   NULL; empty when none was recorded). */
const char * kd_error_message(void);

/* Records a printf-style message for status s in this thread and returns s,
   so library code can write `return kd_error_set(KD_ERR_ARG, "...", ...)`. */
kd_status kd_error_set(kd_status s, const char * fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Prefixes the current message with "prefix: " (used to add file:line). */
void kd_error_prefix(const char * fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

void kd_error_clear(void);

#ifdef __cplusplus
}
#endif
#endif
