/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Internal to the problem module. */
#ifndef KD_PROBLEM_INTERNAL_H
#define KD_PROBLEM_INTERNAL_H

#include "kdigits/problem.h"

/* kd_qproblem_init reading A and y through the given oracles instead of
   P's: the certificates read the exact data through oracles of their own,
   whatever oracles an algorithm was handed. */
kd_status _kd_qproblem_init_oracles(kd_qproblem_t Q, const kd_problem_t P,
                                    kd_oracle_struct * OA, kd_oracle_struct * Oy, slong n);

/* The same through fresh oracles of P's exact data (KD_ERR_ARG when P has
   none): what certificates read. */
kd_status _kd_qproblem_init_data(kd_qproblem_t Q, const kd_problem_t P, slong n);

/* Whether an algorithm can read P exactly: exact oracles, rational weights
   and parameter (then level -1 is allowed). */
int _kd_problem_reads_exact(const kd_problem_t P);

/* *O = a new matrix oracle of the exact M with the given precision cap,
   owned by the problem (freed by kd_problem_clear); *O is valid (to clear)
   even when the status is an error. */
kd_status _kd_problem_owned_oracle(kd_oracle_struct ** O, const kd_mat_t M, slong prec_cap);

#endif
