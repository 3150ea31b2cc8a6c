/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Closed-form quantities of the LASSO probe shared by probe.c and bits.c. */
#ifndef KD_LASSO_INTERNAL_H
#define KD_LASSO_INTERNAL_H

#include "kdigits/lasso.h"

/* rho = 1/sqrt(1 + 6 delta^2) and rho^2 as balls (lasso-probe.md §2). */
kd_status _kd_lasso_eval_rho(arb_t rho, arb_t rho2, const kd_real_t delta, slong prec);

/* 1/rho^2 = 1 + 6 delta^2 as a ball. */
kd_status _kd_lasso_eval_inv_rho2(arb_t t, const kd_real_t delta, slong prec);

/* ||B - V||_2 for the rational B and the ball vector V (2 x 1). */
void _kd_lasso_dist(arb_t d, const fmpq_mat_t B, const arb_mat_t V, slong prec);

/* c = 1 - sqrt(3) Lambda: B* = (0, c), the wrong vertex (c, 0). */
void _kd_lasso_eval_c(arb_t c, const fmpq_t Lambda, slong prec);

#endif
