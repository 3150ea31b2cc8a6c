/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Printing an exact real in the parser's grammar (fully parenthesised where
   precedence could bite, so parse(get_str(x)) = x). */
#include <string.h>
#include "internal.h"

typedef struct
{
    char * s;
    size_t len, alloc;
}
sbuf;

static void
put(sbuf * b, const char * t)
{
    size_t n = strlen(t);
    if (b->len + n + 1 > b->alloc)
    {
        b->alloc = 2 * (b->len + n + 1);
        b->s = flint_realloc(b->s, b->alloc);
    }
    memcpy(b->s + b->len, t, n + 1);
    b->len += n;
}

static void
put_fmpq(sbuf * b, const fmpq_t q)
{
    char * t = fmpq_get_str(NULL, 10, q);
    put(b, t);
    flint_free(t);
}

static int
is_atom(const kd_node * x)
{
    return x->type == KD_NODE_PI || x->type == KD_NODE_COSPI || x->type == KD_NODE_SINPI
        || x->type == KD_NODE_SQRT
        || (x->type == KD_NODE_RAT && fmpz_is_one(fmpq_denref(x->q)) && fmpz_sgn(fmpq_numref(x->q)) >= 0);
}

static void
print(sbuf * b, const kd_node * x)
{
    switch (x->type)
    {
        case KD_NODE_RAT:
            put_fmpq(b, x->q);
            return;
        case KD_NODE_PI:
            put(b, "pi");
            return;
        case KD_NODE_COSPI:
        case KD_NODE_SINPI:
            put(b, x->type == KD_NODE_COSPI ? "cospi(" : "sinpi(");
            put_fmpq(b, x->q);
            put(b, ")");
            return;
        case KD_NODE_SQRT:
            put(b, "sqrt(");
            print(b, x->a);
            put(b, ")");
            return;
        case KD_NODE_NEG:
            put(b, "-");
            if (is_atom(x->a))
                print(b, x->a);
            else
            {
                put(b, "(");
                print(b, x->a);
                put(b, ")");
            }
            return;
        case KD_NODE_POW:
        {
            char e[32];
            if (is_atom(x->a))
                print(b, x->a);
            else
            {
                put(b, "(");
                print(b, x->a);
                put(b, ")");
            }
            snprintf(e, sizeof e, x->e < 0 ? "^(%ld)" : "^%ld", x->e);
            put(b, e);
            return;
        }
        default:
        {
            const char * op = x->type == KD_NODE_ADD ? " + " : x->type == KD_NODE_SUB ? " - "
                            : x->type == KD_NODE_MUL ? "*" : "/";
            /* the left operand needs parentheses unless it binds at least as
               tightly; the right one unless it is an atom */
            int lpar = !is_atom(x->a) && !((x->type == KD_NODE_ADD || x->type == KD_NODE_SUB)
                        && (x->a->type == KD_NODE_ADD || x->a->type == KD_NODE_SUB
                            || x->a->type == KD_NODE_MUL || x->a->type == KD_NODE_DIV
                            || x->a->type == KD_NODE_POW));
            int rpar = !is_atom(x->b);
            if (lpar) put(b, "(");
            print(b, x->a);
            if (lpar) put(b, ")");
            put(b, op);
            if (rpar) put(b, "(");
            print(b, x->b);
            if (rpar) put(b, ")");
        }
    }
}

char *
kd_real_get_str(const kd_real_t x)
{
    sbuf b = {NULL, 0, 0};
    put(&b, "");
    print(&b, x->node);
    return b.s;
}
