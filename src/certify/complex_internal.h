/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Internal to the complex certificates and truth sets. */
#ifndef KD_CERTIFY_COMPLEX_INTERNAL_H
#define KD_CERTIFY_COMPLEX_INTERNAL_H

#include <complex.h>
#include "kdigits/deps.h"

/* Solves the n x n system M u = b in place (b receives u) by Gaussian
   elimination with partial pivoting in double complex: heuristics only
   (candidates, never claims). Returns 0 on a zero pivot. */
int _kd_zsolve(double complex * M, double complex * b, slong n);

#endif
