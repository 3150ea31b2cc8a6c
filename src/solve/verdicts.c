/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The verdicts shown with a certified solve: proved correct digits and the
   support check against the true solution set. */
#include "kdigits/solve.h"
#include "kdigits/certify.h"

slong
kd_solve_result_certified_digits(const kd_solve_result_t R, slong prec)
{
    slong K = -1;
    if (!arb_is_finite(&R->dist))
        return -1;
    while (K < 300 && kd_certify_digits(&R->dist, K + 1, prec) == KD_TRUE)
        K++;
    return K;
}

kd_truth
kd_solve_result_support_verdict(const kd_solve_result_t R)
{
    return R->is_complex ? kd_truth_set_support_verdict(&R->truth, &R->xr, &R->xi)
                         : kd_truth_set_support_verdict_arb(&R->truth, &R->xball);
}
