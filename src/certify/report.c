/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The lines that solve's and certify's text reports share: a certified
   ball, the proved correct digits, and whether a gap bound says anything
   (proofs-notes/solvers.md §4). */
#include "kdigits/certify.h"
#include "kdigits/util.h"

void
kd_ball_write(FILE * f, const char * indent, const char * label, const arb_t b)
{
    char * mid, * rad;
    if (!arb_is_finite(b))
    {
        fprintf(f, "%s%-22s unknown\n", indent, label);
        return;
    }
    kd_arb_get_decimal(&mid, &rad, b, 15);
    fprintf(f, "%s%-22s %s +/- %s\n", indent, label, mid, rad);
    flint_free(mid);
    flint_free(rad);
}

int
kd_gap_is_informative(const arb_t objective, const arb_t gap)
{
    arb_t t;
    int r;
    if (!arb_is_finite(gap))
        return 0;
    if (!arb_is_finite(objective))
        return 1;
    arb_init(t);
    arb_sub(t, objective, gap, 128);
    r = arb_is_positive(t);
    arb_clear(t);
    return r;
}

void
kd_digits_write(FILE * f, const char * indent, const arb_t dist, slong digits)
{
    if (arb_is_zero(dist))
        fprintf(f, "%s%-22s all (dist = 0 exactly)\n", indent, "correct digits");
    else if (digits >= 1)
        fprintf(f, "%s%-22s %ld (proved: dist <= 10^-%ld)\n", indent, "correct digits", digits,
                digits);
    else if (digits == 0)
        fprintf(f, "%s%-22s none (dist <= 1 is proved, dist <= 0.1 is not)\n", indent,
                "correct digits");
    else if (arb_is_finite(dist))
        fprintf(f, "%s%-22s none proved (dist <= 1 is not)\n", indent, "correct digits");
}
