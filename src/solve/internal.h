/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Internal to kd_solve and the truth sets: the exact solution of a rational
   instance. */
#ifndef KD_SOLVE_INTERNAL_H
#define KD_SOLVE_INTERNAL_H

#include "kdigits/solve.h"
#include "../problem/internal.h"

/* The exact solution of a real rational instance: x (rational, or
   algebraic in a quadratic field, with an enclosure), its pattern, and (BP,
   P2) its solution set as a face with exact uniqueness. */
typedef struct
{
    slong N;
    fmpq_mat_t x;           /* rational solutions */
    int algebraic;          /* P1/P3 with an irrational mu */
    kd_qvec_t xq;           /* algebraic: the exact entries */
    arb_mat_t xball;        /* enclosure of x (exact for rational x) */
    slong * E;              /* pattern: support and signs of x */
    int * s;
    slong nE;
    kd_truth unique;
    int has_face;
    kd_face_t face;
}
exact_sol;

void _kd_exact_sol_init(exact_sol * S, slong N);
void _kd_exact_sol_clear(exact_sol * S);
/* Solves Q exactly (real data; KD_ERR_UNSUPPORTED for complex ones). */
kd_status _kd_exact_sol_solve(exact_sol * S, const kd_qproblem_t Q);

/* The same for a truth: P1 with eta = 0 solved as BP, whose exact LP also
   gives the solution set as a face. */
kd_status _kd_exact_sol_solve_set(exact_sol * S, const kd_qproblem_t Q);

/* The exact method on complex data (src/solve/complex.c): R->truth is the
   certified truth and x the simplest rationals in its enclosure;
   KD_ERR_UNDECIDED when no minimiser was certified. */
kd_status _kd_solve_exact_complex(kd_solve_result_t R, const kd_problem_t P,
                                  const kd_solve_opts_t o);

/* q = the simplest rational in the ball b (b's midpoint when b is exact). */
void _kd_solve_simplest_in(fmpq_t q, const arb_t b);

#endif
