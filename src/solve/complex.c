/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kd_solve's exact method on complex data: the certified minimiser of the
   exact data (there is no exact complex solver of rational instances), its
   entries given as the simplest rationals inside the certified enclosure
   (proofs-notes/solvers.md §3c). */
#include "internal.h"

void
_kd_solve_simplest_in(fmpq_t q, const arb_t b)
{
    fmpq_t lo, hi;
    arf_t t;
    fmpq_init(lo);
    fmpq_init(hi);
    arf_init(t);
    arb_get_lbound_arf(t, b, ARF_PREC_EXACT);
    arf_get_fmpq(lo, t);
    arb_get_ubound_arf(t, b, ARF_PREC_EXACT);
    arf_get_fmpq(hi, t);
    if (fmpq_equal(lo, hi))
        fmpq_set(q, lo);
    else
        fmpq_simplest_between(q, lo, hi);
    fmpq_clear(lo);
    fmpq_clear(hi);
    arf_clear(t);
}

kd_status
_kd_solve_exact_complex(kd_solve_result_t R, const kd_problem_t P, const kd_solve_opts_t o)
{
    kd_status st;
    slong j;
    kd_truth_set_clear(&R->truth);
    kd_truth_set_init(&R->truth, P->N);
    st = kd_truth_set_compute(&R->truth, P, o->cert_level_max, o->cert_prec);
    if (st != KD_OK)
        return st;
    if (R->truth.found != KD_TRUE)
        return kd_error_set(KD_ERR_UNDECIDED, "complex data: the exact method gives the certified "
                            "minimiser of the exact data, and none was certified: %s", R->truth.how);
    for (j = 0; j < P->N; j++)
    {
        _kd_solve_simplest_in(fmpq_mat_entry(&R->xr, j, 0), arb_mat_entry(&R->truth.x, j, 0));
        _kd_solve_simplest_in(fmpq_mat_entry(&R->xi, j, 0), arb_mat_entry(&R->truth.xi, j, 0));
    }
    arb_mat_set(&R->xball, &R->truth.x);
    R->unique = R->truth.unique;
    R->level = -1;
    snprintf(R->stop_reason, sizeof R->stop_reason, "certified enclosure");
    return KD_OK;
}
