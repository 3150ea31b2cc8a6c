/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Matrix Market input with exact expression entries, and exact output.

   Accepted: "%%MatrixMarket matrix (array|coordinate)
   (real|integer|complex) (general|symmetric|skew-symmetric|hermitian)".
   Each value is an exact expression (kdigits/expr.h). A real array entry is
   the whole line; where a line has several fields (coordinate indices, a
   complex pair), fields are separated by white space outside parentheses,
   so write "(1 - 2^-40)  3/7" rather than "1 - 2^-40 3/7". Comments (%) and
   blank lines are skipped. Array entries are column-major; symmetric,
   skew-symmetric and hermitian files list the lower triangle (skew: without
   the diagonal). At most 2^24 entries (a dense 4096 x 4096), so that a
   mistyped size line cannot exhaust memory. Errors: KD_ERR_IO (cannot open) or KD_ERR_FORMAT
   with the message "FILE:LINE: expected ..., found ...". */
#ifndef KDIGITS_MTX_H
#define KDIGITS_MTX_H

#include "kdigits/mat.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A (initialised, any size) becomes the matrix in the file. */
kd_status kd_mtx_read(kd_mat_t A, const char * path);
/* The same from an open stream; name is used in messages. */
kd_status kd_mtx_read_stream(kd_mat_t A, FILE * f, const char * name);
/* The same from a string (tests, embedded examples). */
kd_status kd_mtx_read_str(kd_mat_t A, const char * text, const char * name);

/* Writes a dyadic/rational matrix exactly ("p/q" entries) in array format;
   im NULL or all zero writes a real matrix. comment (may be NULL) goes on a
   "%" line after the header. */
kd_status kd_mtx_write_fmpq_mat(FILE * f, const fmpq_mat_t re,
                                const fmpq_mat_t im, const char * comment);
/* Writes an exact matrix as expressions (reading it back gives A). An entry
   whose text would exceed KD_EXPR_LEN_MAX characters (the reader's limit)
   is refused with KD_ERR_ARG naming the entry; the lines before it are
   already written. */
kd_status kd_mtx_write_mat(FILE * f, const kd_mat_t A, const char * comment);

#ifdef __cplusplus
}
#endif
#endif
