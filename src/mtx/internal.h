/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Private layer of the Matrix Market module: the header vocabulary shared by
   the reader and the writers, and the reader's limits. */
#ifndef KD_MTX_INTERNAL_H
#define KD_MTX_INTERNAL_H

#include "kdigits/mtx.h"
#include "kdigits/expr.h"

#define KD_MTX_BANNER "%%MatrixMarket"

/* Room for a coordinate line holding two expressions of the longest length
   the parser accepts; anything longer is not a line of a Matrix Market file
   (e.g. a binary file without newlines) and is refused before it is
   buffered whole. */
#define KD_MTX_LINE_MAX (2 * (size_t) KD_EXPR_LEN_MAX + 256)

/* Largest rows * cols the reader accepts. Every entry of a kd_mat_t holds
   two DAG nodes of about 150 bytes each, so this bounds a read matrix by a
   few GB and turns a mistyped size line into an error rather than an
   exhausted machine. 2^24 is a dense 4096 x 4096 matrix. */
#define KD_MTX_ENTRIES_MAX (WORD(1) << 24)

typedef enum
{
    KD_MTX_ARRAY,
    KD_MTX_COORDINATE
}
kd_mtx_format;

typedef enum
{
    KD_MTX_REAL,
    KD_MTX_INTEGER,
    KD_MTX_COMPLEX
}
kd_mtx_field;

typedef enum
{
    KD_MTX_GENERAL,
    KD_MTX_SYMMETRIC,
    KD_MTX_SKEW,
    KD_MTX_HERMITIAN
}
kd_mtx_symmetry;

#endif
