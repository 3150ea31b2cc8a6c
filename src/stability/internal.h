/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Private helpers of the stability module. */
#ifndef KD_STABILITY_INTERNAL_H
#define KD_STABILITY_INTERNAL_H

#include "kdigits/stability.h"

void _kd_stab_fmpq_set_d(fmpq_t q, double d);
kd_status _kd_stab_opnorm(arb_t u, const fmpq_mat_t M, slong prec);

/* FIRENET (firenet.c): x = Psi(y) and, when gy != NULL, gy = J^T v. */
kd_status _kd_stab_firenet_vjp_d(double * gy, double * x, const kd_stab_map_struct * F,
                                 const double * y, const double * v);
kd_status _kd_stab_firenet_eval_arb(arb_mat_t x, const kd_stab_map_struct * F,
                                    const fmpq_mat_t y, slong prec);
kd_status _kd_stab_firenet_lipschitz(arb_t u, const kd_stab_map_struct * F, slong prec);

#endif
