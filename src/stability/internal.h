/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Private helpers of the stability module. */
#ifndef KD_STABILITY_INTERNAL_H
#define KD_STABILITY_INTERNAL_H

#include "kdigits/stability.h"

void _kd_stab_fmpq_set_d(fmpq_t q, double d);
/* u <- its upper end as an exact value (map.c) */
void _kd_stab_keep_upper(arb_t u, slong prec);
/* splitmix64 step (search.c) */
ulong _kd_stab_mix(ulong * s);
kd_status _kd_stab_opnorm(arb_t u, const fmpq_mat_t M, slong prec);

/* FIRENET (firenet.c): x = Psi(y) and, when gy != NULL, gy = J^T v. */
kd_status _kd_stab_firenet_vjp_d(double * gy, double * x, const kd_stab_map_struct * F,
                                 const double * y, const double * v);
kd_status _kd_stab_firenet_eval_arb(arb_mat_t x, const kd_stab_map_struct * F,
                                    const fmpq_mat_t y, slong prec);
kd_status _kd_stab_firenet_lipschitz(arb_t u, const kd_stab_map_struct * F, slong prec);

/* EXACT P3 (p3.c): the pattern model in double, the certified evaluation
   (pat, when not NULL, receives the certified pattern of Psi(y)), the
   certified part of the sandwich (X0 = Psi(y), X1 = Psi(y1), u = the bound
   on the pattern region, *why when u is not available). */
typedef struct
{
    slong nE;
    slong * E;
    int * s;
    int regime;                 /* 1: r != 0 proved; 2: |E| = m, r = 0; 0: none */
    const char * why;           /* no pattern: why (static) */
}
_kd_stab_p3_pattern;

void _kd_stab_p3_clear(kd_stab_map_struct * F);
kd_status _kd_stab_p3_vjp_d(double * gy, double * x, const kd_stab_map_struct * F,
                            const double * y, const double * v);
kd_status _kd_stab_p3_eval_arb(arb_mat_t x, _kd_stab_p3_pattern * pat,
                               const kd_stab_map_struct * F, const fmpq_mat_t y, slong prec);
kd_status _kd_stab_p3_sandwich(arb_mat_t X0, arb_mat_t X1, arb_t u, const char ** why,
                               const kd_stab_map_struct * F, const fmpq_mat_t y,
                               const fmpq_mat_t y1, slong prec);

/* the kernel of an algebraic A (kernel_alg.c) */
kd_status _kd_stab_kernel_alg(kd_stab_kernel_struct * K, const kd_mat_t A, slong prec);

#endif
