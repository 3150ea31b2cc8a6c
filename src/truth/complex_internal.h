/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Internal to the truth sets: complex problems (src/truth/complex.c). */
#ifndef KD_TRUTH_COMPLEX_INTERNAL_H
#define KD_TRUTH_COMPLEX_INTERNAL_H

#include "kdigits/truth.h"

/* kd_truth_set_compute for a complex problem: supports of an approximate
   minimiser certified on the exact data at prec bits. */
kd_status _kd_truth_set_compute_complex(kd_truth_set_t T, const kd_problem_t P, slong prec);

/* Frees T->xexact (the exact expressions of the point) and sets it NULL. */
void _kd_truth_set_clear_exact(kd_truth_set_t T);

#endif
