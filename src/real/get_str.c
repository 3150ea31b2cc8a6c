/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Printing an exact real in the parser's grammar (fully parenthesised where
   precedence could bite, so parse(get_str(x)) = x). */
#include <string.h>
#include "internal.h"

typedef struct
{
    char * s;
    size_t len, alloc;
    size_t max;             /* longest output wanted */
    int over;               /* set once the output would exceed max */
}
sbuf;

static void
put(sbuf * b, const char * t)
{
    size_t n = strlen(t);
    if (b->over || b->len + n > b->max)
    {
        b->over = 1;
        return;
    }
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

/* Pending output of the printer: a node still to print, a fixed string, or
   the exponent of a power. */
typedef struct
{
    enum { JOB_NODE, JOB_STR, JOB_EXP } kind;
    const kd_node * x;
    const char * s;
}
job;

typedef struct
{
    job * j;
    slong n, alloc;
}
jobs;

static void
push(jobs * st, int kind, const kd_node * x, const char * s)
{
    if (st->n == st->alloc)
    {
        st->alloc = 2 * st->alloc + 16;
        st->j = flint_realloc(st->j, st->alloc * sizeof(job));
    }
    st->j[st->n].kind = kind;
    st->j[st->n].x = x;
    st->j[st->n].s = s;
    st->n++;
}

/* Prints with an explicit stack of pending jobs (pushed in reverse order of
   output) rather than by recursion, so that a deep DAG (a sum of 10^5 terms
   read from an expression) does not exhaust the C stack. Printing stops
   once the output passes b->max: a DAG that shares subexpressions prints
   them in full each time, so its text can be exponentially longer than its
   node count (a complex power by repeated squaring), and the work done
   must stay proportional to the text kept. */
static void
print(sbuf * b, const kd_node * root)
{
    jobs st = {NULL, 0, 0};

    push(&st, JOB_NODE, root, NULL);
    while (st.n > 0 && !b->over)
    {
        job j = st.j[--st.n];
        const kd_node * x = j.x;

        if (j.kind == JOB_STR)
        {
            put(b, j.s);
            continue;
        }
        if (j.kind == JOB_EXP)
        {
            char e[32];
            snprintf(e, sizeof e, x->e < 0 ? "^(%ld)" : "^%ld", x->e);
            put(b, e);
            continue;
        }
        switch (x->type)
        {
            case KD_NODE_RAT:
                put_fmpq(b, x->q);
                break;
            case KD_NODE_PI:
                put(b, "pi");
                break;
            case KD_NODE_COSPI:
            case KD_NODE_SINPI:
                put(b, x->type == KD_NODE_COSPI ? "cospi(" : "sinpi(");
                put_fmpq(b, x->q);
                put(b, ")");
                break;
            case KD_NODE_SQRT:
                put(b, "sqrt(");
                push(&st, JOB_STR, NULL, ")");
                push(&st, JOB_NODE, x->a, NULL);
                break;
            case KD_NODE_NEG:
                if (is_atom(x->a))
                    put(b, "-");
                else
                {
                    put(b, "-(");
                    push(&st, JOB_STR, NULL, ")");
                }
                push(&st, JOB_NODE, x->a, NULL);
                break;
            case KD_NODE_POW:
                push(&st, JOB_EXP, x, NULL);
                if (!is_atom(x->a))
                {
                    put(b, "(");
                    push(&st, JOB_STR, NULL, ")");
                }
                push(&st, JOB_NODE, x->a, NULL);
                break;
            default:
            {
                const char * op = x->type == KD_NODE_ADD ? " + " : x->type == KD_NODE_SUB ? " - "
                                : x->type == KD_NODE_MUL ? "*" : "/";
                /* the left operand needs parentheses unless it binds at least
                   as tightly; the right one unless it is an atom */
                int lpar = !is_atom(x->a) && !((x->type == KD_NODE_ADD || x->type == KD_NODE_SUB)
                            && (x->a->type == KD_NODE_ADD || x->a->type == KD_NODE_SUB
                                || x->a->type == KD_NODE_MUL || x->a->type == KD_NODE_DIV
                                || x->a->type == KD_NODE_POW));
                int rpar = !is_atom(x->b);
                if (rpar)
                    push(&st, JOB_STR, NULL, ")");
                push(&st, JOB_NODE, x->b, NULL);
                if (rpar)
                    push(&st, JOB_STR, NULL, "(");
                push(&st, JOB_STR, NULL, op);
                if (lpar)
                {
                    put(b, "(");
                    push(&st, JOB_STR, NULL, ")");
                }
                push(&st, JOB_NODE, x->a, NULL);
            }
        }
    }
    flint_free(st.j);
}

char *
kd_real_get_str(const kd_real_t x)
{
    sbuf b = {NULL, 0, 0, (size_t) -1, 0};
    put(&b, "");
    print(&b, x->node);
    return b.s;
}

kd_status
kd_real_get_str_max(char ** s, const kd_real_t x, slong max_len)
{
    sbuf b = {NULL, 0, 0, 0, 0};
    *s = NULL;
    if (max_len < 0)
        return kd_error_set(KD_ERR_ARG, "kd_real_get_str_max: negative length %ld", max_len);
    b.max = (size_t) max_len;
    put(&b, "");
    print(&b, x->node);
    if (b.over)
    {
        flint_free(b.s);
        return kd_error_set(KD_ERR_ARG,
                            "the expression prints to more than %ld characters", max_len);
    }
    *s = b.s;
    return KD_OK;
}
