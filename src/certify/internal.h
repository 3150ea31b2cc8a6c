/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Private to the certificates: the exact zero-residual certificate. */
#ifndef KD_CERTIFY_INTERNAL_H
#define KD_CERTIFY_INTERNAL_H

#include "kdigits/certify.h"
#include "kdigits/alg.h"

/* The pattern (E, s) with zero residual on real data (BP, P1 with eta = 0:
   lambda NULL; P3: lambda its parameter), Ar and w the data as balls at
   prec: A_E of full column rank and y = A_E x_E decided exactly in a
   cyclotomic field, strict signs of x_E, |a_j^T v| < w_j off E for the
   least-norm dual certificate v and (P3) lambda ||v|| < 1 in balls
   (proofs-notes/exact.md §2). *verdict as for kd_certify_pattern (the
   message says why when not KD_TRUE); *applies = 0 when (P3) the pattern
   is not in the zero-residual regime (y outside range(A_E), wrong signs of
   the zero-residual point, lambda ||v|| > 1): the caller then tries the
   non-zero-residual certificate. Data outside the exact route (bare pi, a
   field above the degree cap) give KD_UNKNOWN with the reason. */
kd_status _kd_certify_zero_residual(kd_truth * verdict, int * applies, arb_mat_t x,
                                    char ** xs, const kd_problem_t P, const arb_mat_t Ar,
                                    const arb_mat_t w, const arb_t lambda,
                                    const slong * E, const int * s, slong nE, slong prec);

/* xs (N strings, may be NULL): when *verdict = KD_TRUE, the exact point
   as expressions (kd_cyclo_get_str), 0 off E. */

/* The exact solution x_E of A_E x_E = y (real data in a cyclotomic field,
   A_E of full column rank, y in its range, all decided exactly) written to
   xs (N strings, 0 off E; *done = 1); *done = 0 when the data are outside
   the exact route or the system has no unique solution. */
kd_status _kd_certify_exact_point(int * done, char ** xs, const kd_problem_t P,
                                  const slong * E, slong nE);

/* P1 with eta > 0 and the pattern (E, s) certified in balls: its point
   x_E = u - sqrt(delta) v written exactly (u, v, delta in the cyclotomic
   field of A_E, y, w_E, eta) after the exact checks r0 . r1 = 0 and
   delta > 0, which give ||A x - y|| = eta exactly; *done = 0 when the data
   are outside the exact route or a check fails. */
kd_status _kd_certify_p1_exact(int * done, char ** xs, const kd_problem_t P, const slong * E,
                               const int * s, slong nE);

/* AE = the columns E of A, y = y (if not NULL) in the field K. */
kd_status _kd_certify_load_AE_y(kd_cyclo_mat_t AE, kd_cyclo_mat_t y, const kd_problem_t P,
                                const slong * E, slong nE, kd_cyclo_t K);

/* Shared by the exact certificates (src/certify/exact.c, face.c): the
   conductor of A_E, y and w_E; the strict dual inequalities |a_j^T v| < w_j
   off E (and lambda ||v|| < 1 when lambda is not NULL) in balls, *bad the
   first offending column (-1: the norm); another dual v0 + N u with the
   same A_E^T v, u found in double (returns 0 when N is empty). */
kd_status _kd_certify_data_conductor(slong * L, const kd_problem_t P, const slong * E, slong nE);
kd_truth _kd_certify_dual_checks(slong * bad, const arb_mat_t Ar, const arb_mat_t w,
                                 const arb_t lambda, const arb_mat_t v, const slong * E,
                                 slong nE, slong prec);
int _kd_certify_improve_dual(arb_mat_t vb, const arb_mat_t v0, const arb_mat_t Nb,
                             const arb_mat_t Ar, const arb_mat_t w, const slong * E, slong nE,
                             slong prec);

#endif
