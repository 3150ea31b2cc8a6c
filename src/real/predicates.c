/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Structural predicates on exact reals: they look at the DAG only, so they
   never err, but may answer "no" for a value that happens to be rational. */
#include "internal.h"

int
kd_real_is_fmpq(const kd_real_t x)
{
    return x->node->type == KD_NODE_RAT;
}

int
kd_real_get_fmpq(fmpq_t q, const kd_real_t x)
{
    if (x->node->type != KD_NODE_RAT)
        return 0;
    fmpq_set(q, x->node->q);
    return 1;
}

int
kd_real_is_zero(const kd_real_t x)
{
    return x->node->type == KD_NODE_RAT && fmpq_is_zero(x->node->q);
}

int
kd_real_is_dyadic(const kd_real_t x)
{
    const fmpz * d;
    if (x->node->type != KD_NODE_RAT)
        return 0;
    d = fmpq_denref(x->node->q);
    /* a power of two has its lowest set bit at the top (1 = 2^0 included) */
    return (slong) fmpz_val2(d) == (slong) fmpz_bits(d) - 1;
}

static int
pi_multiple(fmpq_t r, const kd_node * x)
{
    switch (x->type)
    {
        case KD_NODE_PI:
            fmpq_one(r);
            return 1;
        case KD_NODE_NEG:
            if (!pi_multiple(r, x->a))
                return 0;
            fmpq_neg(r, r);
            return 1;
        case KD_NODE_MUL:
            if (x->a->type == KD_NODE_RAT && pi_multiple(r, x->b))
            {
                fmpq_mul(r, r, x->a->q);
                return 1;
            }
            if (x->b->type == KD_NODE_RAT && pi_multiple(r, x->a))
            {
                fmpq_mul(r, r, x->b->q);
                return 1;
            }
            return 0;
        case KD_NODE_DIV:
            if (x->b->type == KD_NODE_RAT && pi_multiple(r, x->a))
            {
                fmpq_div(r, r, x->b->q);
                return 1;
            }
            return 0;
        case KD_NODE_ADD:
        case KD_NODE_SUB:
        {
            fmpq_t s;
            int ok;
            fmpq_init(s);
            ok = pi_multiple(r, x->a) && pi_multiple(s, x->b);
            if (ok)
            {
                if (x->type == KD_NODE_ADD)
                    fmpq_add(r, r, s);
                else
                    fmpq_sub(r, r, s);
            }
            fmpq_clear(s);
            return ok;
        }
        default:
            return 0;
    }
}

int
kd_real_get_pi_multiple(fmpq_t r, const kd_real_t x)
{
    return pi_multiple(r, x->node);
}
