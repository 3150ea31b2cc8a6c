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

/* The measurement operator (lin.c): a dense m x N double matrix A
   (row-major) or a real matrix-free operator op (then A is NULL). */
typedef struct
{
    slong m, N;
    const double * A;
    const kd_op_struct * op;
}
_kd_stab_lin;

/* L = the operator of FIRENET / ISTA on an operator (F->A or F->op) */
void _kd_stab_lin_of_map(_kd_stab_lin * L, const kd_stab_map_struct * F);
/* out = A in (m) or, adjoint, out = A^T in (N), in double; acc: out +=
   (the dense products keep the summation order of the loops they replace) */
void _kd_stab_lin_d(double * out, const _kd_stab_lin * L, const double * in, int adjoint,
                    int acc);

/* The same in ball arithmetic: for every point of the input balls, the
   exact product lies in the output balls (dense: the stored doubles as
   exact entries; operator: kd_op_apply_acb). in and out must not overlap. */
typedef struct
{
    _kd_stab_lin L;
    arb_ptr Ab;                 /* dense: the entries as exact balls */
    acb_ptr ci, co;             /* operator: scratch */
}
_kd_stab_lin_arb_ctx;

void _kd_stab_lin_arb_init(_kd_stab_lin_arb_ctx * C, const _kd_stab_lin * L);
void _kd_stab_lin_arb_clear(_kd_stab_lin_arb_ctx * C);
void _kd_stab_lin_arb(arb_ptr out, _kd_stab_lin_arb_ctx * C, arb_srcptr in, int adjoint,
                      slong prec);

/* F = an empty map on the real operator A (a copy; spec copied unless
   NULL), m, N, L_A and op_orthonormal set (firenet.c) */
kd_status _kd_stab_map_set_op(kd_stab_map_t F, const kd_op_t A, const char * spec);

/* r = S_thr(u) for a ball u (firenet.c): [S(lo), S(hi)], S nondecreasing */
void _kd_stab_soft_arb(arb_t r, const arb_t u, const arf_t thr, slong prec);

/* ISTA on an operator (ista_op.c) */
kd_status _kd_stab_ista_op_vjp_d(double * gy, double * x, const kd_stab_map_struct * F,
                                 const double * y, const double * v);
kd_status _kd_stab_ista_op_eval_arb(arb_mat_t x, const kd_stab_map_struct * F,
                                    const fmpq_mat_t y, slong prec);
kd_status _kd_stab_ista_op_lipschitz(arb_t u, const kd_stab_map_struct * F, slong prec);

/* kd_stab_run on the matrix-free operator A (setup_op.c) */
kd_status _kd_stab_run_op(kd_stab_run_t T, const kd_stab_setup_t S, const kd_stab_opts_t o,
                          kd_op_t A);

/* the kernel of an algebraic A (kernel_alg.c) */
kd_status _kd_stab_kernel_alg(kd_stab_kernel_struct * K, const kd_mat_t A, slong prec);

#endif
