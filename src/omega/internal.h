/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Helpers shared by the omega module's files (not part of the public API). */
#ifndef KD_OMEGA_INTERNAL_H
#define KD_OMEGA_INTERNAL_H

#include "kdigits/omega.h"

/* R = the real parts of the balls of the exact real matrix A at prec bits
   (R is resized). */
kd_status _kd_omega_mat_arb(arb_mat_t R, const kd_mat_t A, slong prec);

/* x (resized N x 1) = tau e_col, exactly. */
kd_status _kd_omega_unit(kd_mat_t x, slong N, slong col, const kd_real_t tau);

/* d = ||v||_2 for a column (or any) ball matrix. */
void _kd_omega_arb_mat_norm(arb_t d, const arb_mat_t v, slong prec);

/* Whether every entry of v contains 0 with radius below 2^-(prec/2). */
int _kd_omega_contains_zero(const arb_mat_t v, slong prec);

/* The table's words for a verdict ("yes", "no", "unknown"), and the
   published value of row rw for LISTA (lista) or FIRENET when paper (the
   paper's setting), else NULL: shared by the text and JSON reports. */
const char * _kd_omega_yn(kd_truth t);
const char * _kd_omega_pub(int paper, int lista, const kd_omega_table_row_struct * rw);

#endif
