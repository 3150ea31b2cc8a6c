/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Internal to the certificates: exact equality A x = y (src/certify/complex.c). */
#ifndef KD_CERTIFY_EQUALITY_H
#define KD_CERTIFY_EQUALITY_H

#include "kdigits/problem.h"

/* Whether A x = y holds exactly for x = xr + i xi (xi may be NULL),
   decided in the cyclotomic field of the entries: *t = KD_TRUE/KD_FALSE,
   or KD_UNKNOWN when the entries are out of its reach. */
kd_status _kd_certify_equality_exact(kd_truth * t, const kd_problem_t P, const fmpq_mat_t xr,
                                     const fmpq_mat_t xi);

#endif
