/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The LASSO failure probe instance of lasso-probe.md §1 as exact data. */
#ifndef KDIGITS_LASSO_H
#define KDIGITS_LASSO_H

#include "kdigits/mat.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A = A_delta (3 x 2) and y (3 x 1):
       A_delta = [ 1/sqrt(2) - delta    1/sqrt(2) ;
                  -1/sqrt(2) - delta   -1/sqrt(2) ;
                   2 delta              0         ],  y = (1/sqrt(2), -1/sqrt(2), 0)^T.
   mirror != 0 swaps the two columns. delta may be any exact real (0 gives
   the degenerate instance with two equal columns). */
kd_status kd_lasso_probe_instance(kd_mat_t A, kd_mat_t y, const kd_real_t delta, int mirror);

#ifdef __cplusplus
}
#endif
#endif
