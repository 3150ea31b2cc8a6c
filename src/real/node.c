/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Allocation and reference counting of expression DAG nodes. */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

kd_node *
_kd_node_new(kd_node_type type)
{
    kd_node * x = flint_malloc(sizeof(kd_node));
    x->type = type;
    x->refcount = 1;
    fmpq_init(x->q);
    x->e = 0;
    x->a = NULL;
    x->b = NULL;
    x->cache_prec = 0;
    x->cache_status = KD_OK;
    arb_init(x->cache);
    return x;
}

kd_node *
_kd_node_rat(const fmpq_t q)
{
    kd_node * x = _kd_node_new(KD_NODE_RAT);
    fmpq_set(x->q, q);
    return x;
}

kd_node *
_kd_node_unary(kd_node_type type, kd_node * a)
{
    kd_node * x = _kd_node_new(type);
    _kd_node_incref(a);
    x->a = a;
    return x;
}

kd_node *
_kd_node_binary(kd_node_type type, kd_node * a, kd_node * b)
{
    kd_node * x = _kd_node_new(type);
    _kd_node_incref(a);
    _kd_node_incref(b);
    x->a = a;
    x->b = b;
    return x;
}

void
_kd_node_incref(kd_node * x)
{
    x->refcount++;
}

/* Iterative, with the second operands that are still to be released kept
   on an explicit stack, so that long chains leaning either way (a sum built
   term by term, x = t - x in a loop) do not exhaust the C stack. */
void
_kd_node_decref(kd_node * x)
{
    kd_node * local[32];
    kd_node ** pending = local;
    slong n = 0, alloc = 32;

    for (;;)
    {
        if (x != NULL && --x->refcount == 0)
        {
            kd_node * next = x->a;
            if (x->b != NULL)
            {
                if (n == alloc)
                {
                    alloc *= 2;
                    if (pending == local)
                    {
                        pending = flint_malloc(alloc * sizeof(kd_node *));
                        memcpy(pending, local, n * sizeof(kd_node *));
                    }
                    else
                        pending = flint_realloc(pending, alloc * sizeof(kd_node *));
                }
                pending[n++] = x->b;
            }
            fmpq_clear(x->q);
            arb_clear(x->cache);
            flint_free(x);
            x = next;
        }
        else if (n > 0)
            x = pending[--n];
        else
            break;
    }
    if (pending != local)
        flint_free(pending);
}

void
_kd_real_set_node(kd_real_t x, kd_node * node)
{
    kd_node * old = x->node;
    x->node = node;
    _kd_node_decref(old);
}

void
kd_real_init(kd_real_t x)
{
    fmpq_t z;
    fmpq_init(z);
    x->node = _kd_node_rat(z);
    fmpq_clear(z);
}

void
kd_real_clear(kd_real_t x)
{
    _kd_node_decref(x->node);
    x->node = NULL;
}

void
kd_real_set(kd_real_t y, const kd_real_t x)
{
    if (y != x)
    {
        _kd_node_incref(x->node);
        _kd_real_set_node(y, x->node);
    }
}

void
kd_real_swap(kd_real_t x, kd_real_t y)
{
    kd_node * t = x->node;
    x->node = y->node;
    y->node = t;
}
