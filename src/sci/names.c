/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Words for the demonstrations' results, the same in text and JSON. */
#include <stdio.h>
#include "kdigits/sci.h"

void
kd_sci_demo_truth(char * buf, size_t size, const kd_sci_demo_t D)
{
    if (D->kind == KD_SCI_DEMO_RANK)
    {
        if (D->exact_rank >= 0)
            snprintf(buf, size, "rank %ld (rational entries: exact elimination over Q)",
                     D->exact_rank);
        else if (D->best == FLINT_MIN(D->r, D->c))
            snprintf(buf, size, "rank %ld (full rank: certified by the tower)", D->best);
        else
            snprintf(buf, size, "rank >= %ld certified (irrational entries: no finite "
                     "computation certifies more)", D->best);
    }
    else if (!D->sign_decided)
        snprintf(buf, size, "not decided (a zero that is not structural cannot be recognised)");
    else
        snprintf(buf, size, "%s", D->sign > 0 ? "x > 0" : D->sign < 0 ? "x < 0" : "x = 0");
}

const char *
kd_sci_gha_run_name(const kd_sci_gha_run_struct * g)
{
    return g->digits_lost == 1 ? "K-1: read until decided" : "K-2: one read";
}
