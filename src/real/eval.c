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
                st = kd_error_set(KD_ERR_INTERNAL, "internal: bad expression node");
        }
    }
    arb_clear(t);
    return st;
}

static int
needs_eval(const kd_node * x, slong prec)
{
    return x != NULL && x->type != KD_NODE_RAT && x->cache_prec != prec;
}

/* Fills the caches of x and of its uncached descendants at prec, children
   before parents, with an explicit stack: eval_uncached then finds every
   operand cached, so the C stack stays shallow however deep the DAG is (a
   sum built term by term is a chain as long as the sum). The first operand
   is evaluated first, as a recursive evaluation would, so the first failure
   met (and its message) is the same. */
static kd_status
eval_postorder(kd_node * x, slong prec)
{
    kd_status st = KD_OK;
    kd_node ** stack;
    slong n = 0, alloc = 64;
    arb_t t;

    stack = flint_malloc(alloc * sizeof(kd_node *));
    arb_init(t);
    stack[n++] = x;
    while (n > 0)
    {
        kd_node * y = stack[n - 1];

        if (n + 2 > alloc)
        {
            alloc *= 2;
            stack = flint_realloc(stack, alloc * sizeof(kd_node *));
        }
        if (needs_eval(y->b, prec) || needs_eval(y->a, prec))
        {
            if (needs_eval(y->b, prec))
                stack[n++] = y->b;
            if (needs_eval(y->a, prec))
                stack[n++] = y->a;
            continue;
        }
        n--;
        if (y->cache_prec == prec)      /* shared, already done */
            continue;
        st = eval_uncached(t, y, prec);
        /* A failure is not cached: its message would be lost, and failures
           end the attempt at this precision anyway. */
        if (st != KD_OK)
            break;
        arb_swap(y->cache, t);
        y->cache_prec = prec;
        y->cache_status = KD_OK;
    }
    arb_clear(t);
    flint_free(stack);
    return st;
}

kd_status
_kd_node_eval(arb_t res, kd_node * x, slong prec)
{
    kd_status st;

    if (x->type == KD_NODE_RAT)
        return eval_uncached(res, x, prec);
    if (x->cache_prec != prec && (st = eval_postorder(x, prec)) != KD_OK)
        return st;
    arb_set(res, x->cache);
    return KD_OK;
}

kd_status
kd_real_eval_arb(arb_t res, const kd_real_t x, slong prec)
{
    if (prec < 2)
        return kd_error_set(KD_ERR_ARG, "working precision %ld is too small", prec);
    return _kd_node_eval(res, x->node, prec);
}
