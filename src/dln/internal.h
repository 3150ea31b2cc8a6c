/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The dln module's shared pieces: the monotone dual equations
   B g(B^T mu) = c that the limit and the selected points solve. */
#ifndef KD_DLN_INTERNAL_H
#define KD_DLN_INTERNAL_H

#include "kdigits/dln.h"
#include <mpfr.h>
#include "kdigits/status.h"

/* The strictly increasing entrywise maps g of proofs-notes/dln.md §2, §4. */
typedef enum
{
    KD_DLN_G_SINH = 0,  /* 2 alpha^2 sinh t                                 (limit, D = 2) */
    KD_DLN_G_POW,       /* alpha^D[(1-t)^-p - (1+t)^-p], p = D/(D-2), |t|<1 (limit, D >= 3) */
    KD_DLN_G_EXP,       /* exp(t - 1)                                       (selection, D = 2) */
    KD_DLN_G_NEGPOW     /* (-D t / 2)^-p, t < 0                             (selection, D >= 3) */
}
kd_dln_g_kind;

typedef struct
{
    kd_dln_g_kind kind;
    slong D;
    arb_struct alpha;   /* (SINH, POW) */
}
kd_dln_g_struct;

/* g(t), g'(t) and a primitive G(t) (each may be NULL) at the ball t;
   returns 0 when t is not proved inside the domain (the outputs are then
   indeterminate). */
int _kd_dln_g_eval(arb_t g, arb_t dg, arb_t G, const kd_dln_g_struct * f, const arb_t t,
                   slong prec);

/* Solves B g(B^T mu) = c (B k x n, c k x 1, balls) for mu (k x 1): damped
   Newton on the convex potential sum_j G((B^T mu)_j) - c^T mu from mu0
   (NULL: 0), then a Krawczyk step, raising the precision from prec to
   prec_max. On KD_OK mu encloses the unique solution for every B, c in the
   balls. KD_ERR_UNDECIDED (with a message) when no step succeeded. */
kd_status _kd_dln_dual_solve(arb_mat_t mu, slong * prec_used, const arb_mat_t B,
                             const arb_mat_t c, const kd_dln_g_struct * f, const arb_mat_t mu0,
                             slong prec, slong prec_max);

/* g applied entrywise to B^T mu: x (n x 1). */
void _kd_dln_apply(arb_mat_t x, const arb_mat_t B, const arb_mat_t mu, const kd_dln_g_struct * f,
                   slong prec);

/* ||v||_2 of a column of balls. */
void _kd_dln_norm2(arb_t r, const arb_mat_t v, slong prec);

/* The flow in each backend (flow_impl.h) and their conversions (flow.c).
   When H != NULL (N x 1) it receives the flow's metric at the final state:
   x' = -diag(H) A^T (A x - y), H_j = D^2 (u_j^(2D-2) + v_j^(2D-2)). */
kd_status _kd_dln_flow_d(fmpq_mat_t x, slong * steps, const fmpq_mat_t A, const fmpq_mat_t y,
                         slong D, const fmpq_t alpha, const kd_dln_flow_opts_struct * o,
                         fmpq_mat_struct * H);
kd_status _kd_dln_flow_mpfr(fmpq_mat_t x, slong * steps, const fmpq_mat_t A, const fmpq_mat_t y,
                            slong D, const fmpq_t alpha, const kd_dln_flow_opts_struct * o,
                            fmpq_mat_struct * H);
/* kd_dln_flow that also returns H (as above); arguments checked as kd_dln_flow. */
kd_status _kd_dln_flow_cp(fmpq_mat_t x, slong * steps, const fmpq_mat_t A, const fmpq_mat_t y,
                          slong D, const fmpq_t alpha, const kd_dln_flow_opts_struct * o,
                          fmpq_mat_struct * H);
double _kd_dln_fmpq_get_d(const fmpq_t q);
void _kd_dln_fmpq_set_d(fmpq_t q, double a);
void _kd_dln_fmpq_set_mpfr(fmpq_t q, const mpfr_t a);
void _kd_dln_fmpq_set_arf(fmpq_t q, const arf_t a);
/* The real parts of P's exact A and y as balls at prec. */
kd_status _kd_dln_data_arb(arb_mat_t A, arb_mat_t y, const kd_problem_t P, slong prec);
/* alpha as short text (2^-k, p/q, or ~decimal) into buf. */
void _kd_dln_alpha_str(char * buf, size_t size, const fmpq_t a);

#endif
