/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The verdicts shown with a certified solve: proved correct digits and the
   support check against the true solution set. */
#include "kdigits/solve.h"
#include "kdigits/certify.h"
#include "kdigits/candidate.h"

slong
kd_solve_result_certified_digits(const kd_solve_result_t R, slong prec)
{
    return kd_certify_digits_max(&R->dist, prec);
}

kd_truth
kd_solve_result_support_verdict(const kd_solve_result_t R)
{
    return R->is_complex ? kd_truth_set_support_verdict(&R->truth, &R->xr, &R->xi)
                         : kd_truth_set_support_verdict_arb(&R->truth, &R->xball);
}
