/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Private layer of kd_real: the expression DAG nodes. */
#ifndef KD_REAL_INTERNAL_H
#define KD_REAL_INTERNAL_H

#include "kdigits/real.h"

typedef enum
{
    KD_NODE_RAT,    /* exact rational q */
    KD_NODE_PI,
    KD_NODE_COSPI,  /* cos(pi q) */
    KD_NODE_SINPI,  /* sin(pi q) */
    KD_NODE_SQRT,   /* sqrt(a) */
    KD_NODE_NEG,    /* -a */
    KD_NODE_ADD,    /* a + b */
    KD_NODE_SUB,    /* a - b */
    KD_NODE_MUL,    /* a * b */
    KD_NODE_DIV,    /* a / b */
    KD_NODE_POW     /* a ^ e, e an integer */
}
kd_node_type;

struct kd_node_struct
{
    kd_node_type type;
    slong refcount;
    fmpq_t q;               /* RAT: the value; COSPI/SINPI: the argument */
    slong e;                /* POW: the exponent */
    kd_node * a;
    kd_node * b;
    /* Evaluation cache, keyed by the exact working precision so that a
       value evaluated at precision p is the same whatever was asked before
       (oracle answers depend only on (x, n)). */
    slong cache_prec;       /* 0: empty */
    kd_status cache_status;
    arb_t cache;
};

kd_node * _kd_node_new(kd_node_type type);
kd_node * _kd_node_rat(const fmpq_t q);
kd_node * _kd_node_unary(kd_node_type type, kd_node * a);
kd_node * _kd_node_binary(kd_node_type type, kd_node * a, kd_node * b);
void _kd_node_incref(kd_node * x);
void _kd_node_decref(kd_node * x);
/* Replaces x's node by `node` (whose reference is taken over). */
void _kd_real_set_node(kd_real_t x, kd_node * node);

kd_status _kd_node_eval(arb_t res, kd_node * x, slong prec);

/* Scans an unsigned decimal literal digits['.'digits][('e'|'E')['+'|'-']digits]
   at s, sets q to its exact value and *len to the characters used. Returns
   KD_ERR_PARSE (with *len at the offending character) if s does not start
   with one, KD_ERR_ARG if the exponent is absurd (> 10^6). */
kd_status _kd_scan_decimal(fmpq_t q, const char * s, size_t * len);
/* The exponent of a number at s[*i] (the 'e' or 'p'): ['+'|'-'] digits;
   *e its value and *i past it, or *i at the offending character with
   KD_ERR_PARSE (no digits) or KD_ERR_ARG (|e| > max); what names the
   number ("decimal", "hexadecimal") in messages. */
kd_status _kd_scan_exponent(slong * e, const char * s, size_t * i, slong max, const char * what);
/* The same for an unsigned hexadecimal floating literal
   ('0x'|'0X') hexdigits ['.' [hexdigits]] [('p'|'P') ['+'|'-'] digits]
   (at least one hex digit; the binary exponent is optional), read exactly:
   0x1.8p-3 = 3/16. KD_ERR_ARG if |exponent| > 4 * 10^6. */
kd_status _kd_scan_hexfloat(fmpq_t q, const char * s, size_t * len);

/* cos(pi q) when it is rational (q mod 2 in {0, 1/3, 1/2, 2/3, 1, ...}). */
int _kd_cos_pi_rational(fmpq_t c, const fmpq_t q);

#endif
