/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Ball evaluation of the expression DAG at a fixed working precision. */
#include "internal.h"

static kd_status
eval_uncached(arb_t res, kd_node * x, slong prec)
{
    kd_status st;
    arb_t t;

    switch (x->type)
    {
        case KD_NODE_RAT:
            arb_set_fmpq(res, x->q, prec);
            return KD_OK;
        case KD_NODE_PI:
            arb_const_pi(res, prec);
            return KD_OK;
        case KD_NODE_COSPI:
            arb_cos_pi_fmpq(res, x->q, prec);
            return KD_OK;
        case KD_NODE_SINPI:
            arb_sin_pi_fmpq(res, x->q, prec);
            return KD_OK;
        case KD_NODE_NEG:
            st = _kd_node_eval(res, x->a, prec);
            arb_neg(res, res);
            return st;
        case KD_NODE_SQRT:
            st = _kd_node_eval(res, x->a, prec);
            if (st != KD_OK)
                return st;
            if (arb_is_negative(res))
                return kd_error_set(KD_ERR_DOMAIN, "square root of a negative number");
            if (!arb_is_nonnegative(res))
                return kd_error_set(KD_ERR_UNDECIDED,
                    "could not decide that the argument of a square root is >= 0");
            arb_sqrt(res, res, prec);
            return KD_OK;
        case KD_NODE_POW:
        {
            fmpz_t e;
            st = _kd_node_eval(res, x->a, prec);
            if (st != KD_OK)
                return st;
            if (x->e < 0 && arb_contains_zero(res))
                return kd_error_set(KD_ERR_UNDECIDED,
                    "could not decide that the base of a negative power is non-zero");
            fmpz_init_set_si(e, x->e);
            arb_pow_fmpz(res, res, e, prec);
            fmpz_clear(e);
            return KD_OK;
        }
        default:
            break;
    }

    /* binary nodes */
    arb_init(t);
    st = _kd_node_eval(res, x->a, prec);
    if (st == KD_OK)
        st = _kd_node_eval(t, x->b, prec);
    if (st == KD_OK)
    {
        switch (x->type)
        {
            case KD_NODE_ADD:
                arb_add(res, res, t, prec);
                break;
            case KD_NODE_SUB:
                arb_sub(res, res, t, prec);
                break;
            case KD_NODE_MUL:
                arb_mul(res, res, t, prec);
                break;
            case KD_NODE_DIV:
                if (arb_contains_zero(t))
                    st = kd_error_set(KD_ERR_UNDECIDED,
                        "could not decide that a divisor is non-zero");
                else
                    arb_div(res, res, t, prec);
                break;
            default:
                st = kd_error_set(KD_ERR_ARG, "internal: bad expression node");
        }
    }
    arb_clear(t);
    return st;
}

kd_status
_kd_node_eval(arb_t res, kd_node * x, slong prec)
{
    kd_status st;

    if (x->type == KD_NODE_RAT)
        return eval_uncached(res, x, prec);
    if (x->cache_prec == prec)
    {
        arb_set(res, x->cache);
        return KD_OK;
    }
    st = eval_uncached(res, x, prec);
    /* A failure is not cached: its message would be lost, and failures end
       the attempt at this precision anyway. */
    if (st == KD_OK)
    {
        arb_set(x->cache, res);
        x->cache_prec = prec;
        x->cache_status = KD_OK;
    }
    return st;
}

kd_status
kd_real_eval_arb(arb_t res, const kd_real_t x, slong prec)
{
    if (prec < 2)
        return kd_error_set(KD_ERR_ARG, "working precision %ld is too small", prec);
    return _kd_node_eval(res, x->node, prec);
}
