/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Words for the demonstrations' results, the same in text and JSON. */
#include <stdio.h>
#include <string.h>
#include "kdigits/sci.h"

void
kd_sci_demo_truth(char * buf, size_t size, const kd_sci_demo_t D)
{
    if (D->kind == KD_SCI_DEMO_RANK)
    {
        if (D->exact_rank >= 0 && D->exact_field == 0)
            snprintf(buf, size, "rank %ld (rational entries: exact elimination over Q)",
                     D->exact_rank);
        else if (D->best == FLINT_MIN(D->r, D->c))
            snprintf(buf, size, "rank %ld (full rank: certified by the tower)", D->best);
        else if (D->exact_rank >= 0)
            snprintf(buf, size, "rank %ld (exact entries in Q(zeta_%ld): exact elimination "
                     "there; the tower reads A only through an oracle and certifies rank >= %ld)",
                     D->exact_rank, D->exact_field, D->best);
        else
            snprintf(buf, size, "rank >= %ld certified (no exact decision: %s; through an "
                     "oracle no finite computation certifies more)", D->best, D->exact_why);
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

void
kd_sci_pow2_str(char * buf, size_t size, slong N, int sign)
{
    if (N == 0)
        snprintf(buf, size, "%s1", sign < 0 ? "-" : "");
    else
        snprintf(buf, size, "%s2^-%ld", sign < 0 ? "-" : "", N);
}

const char *
kd_sci_demo_zero_str(const kd_sci_demo_t D)
{
    return D->kind == KD_SCI_DEMO_RANK ? "the zero matrix" : "x = 0";
}

void
kd_sci_adv_instance_str(char * buf, size_t size, const kd_sci_demo_t D,
                        const kd_sci_adv_struct * res)
{
    int mat = D->r > 1 || D->c > 1;
    snprintf(buf, size, "%s", mat ? "" : "x = ");
    kd_sci_pow2_str(buf + strlen(buf), size - strlen(buf), res->N, 1);
    if (mat)
        snprintf(buf + strlen(buf), size - strlen(buf), " e1e1^T");
}

void
kd_sci_adv_answer_str(char * buf, size_t size, const kd_sci_demo_t D,
                      const kd_sci_adv_struct * res)
{
    if (D->kind == KD_SCI_DEMO_RANK)
        snprintf(buf, size, "%ld", res->answer);
    else
        snprintf(buf, size, "%s", D->kind == KD_SCI_DEMO_SIGN
                 ? kd_sci_sign_name(res->answer) : kd_sci_yes_no(res->answer));
}
