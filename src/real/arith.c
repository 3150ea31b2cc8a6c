/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Arithmetic on exact reals, folding exact rationals so that rational input
   stays rational (and so that 1/0 or sqrt(-1) is an error at once). */
#include "internal.h"

static int
is_rat(const kd_real_t x)
{
    return x->node->type == KD_NODE_RAT;
}

static slong max_bits = KD_MAX_BITS_DEFAULT;

kd_status
kd_set_max_bits(slong bits)
{
    if (bits < KD_MAX_BITS_MIN || bits > KD_MAX_BITS_MAX)
        return kd_error_set(KD_ERR_ARG, "the bit limit %ld is out of range [%d, %ld]", bits,
                            KD_MAX_BITS_MIN, (long) KD_MAX_BITS_MAX);
    max_bits = bits;
    return KD_OK;
}

slong
kd_get_max_bits(void)
{
    return max_bits;
}

/* Bits of numerator plus denominator. */
static slong
rat_bits(const fmpq_t q)
{
    return fmpz_bits(fmpq_numref(q)) + fmpz_bits(fmpq_denref(q));
}

void
kd_real_neg(kd_real_t y, const kd_real_t x)
{
    if (is_rat(x))
    {
        fmpq_t q;
        fmpq_init(q);
        fmpq_neg(q, x->node->q);
        kd_real_set_fmpq(y, q);
        fmpq_clear(q);
    }
    else if (x->node->type == KD_NODE_NEG)
    {
        kd_node * a = x->node->a;
        _kd_node_incref(a);
        _kd_real_set_node(y, a);
    }
    else
        _kd_real_set_node(y, _kd_node_unary(KD_NODE_NEG, x->node));
}

typedef void (*rat_op)(fmpq_t, const fmpq_t, const fmpq_t);

static void
binary(kd_real_t z, const kd_real_t x, const kd_real_t y, kd_node_type t, rat_op op)
{
    /* the exact result has at most about bits(x) + bits(y) bits (a product
       or a sum over a common denominator); past the limit it stays symbolic */
    if (is_rat(x) && is_rat(y)
        && rat_bits(x->node->q) + rat_bits(y->node->q) <= max_bits)
    {
        fmpq_t q;
        fmpq_init(q);
        op(q, x->node->q, y->node->q);
        kd_real_set_fmpq(z, q);
        fmpq_clear(q);
    }
    else
        _kd_real_set_node(z, _kd_node_binary(t, x->node, y->node));
}

void
kd_real_add(kd_real_t z, const kd_real_t x, const kd_real_t y)
{
    if (kd_real_is_zero(x))
        kd_real_set(z, y);
    else if (kd_real_is_zero(y))
        kd_real_set(z, x);
    else
        binary(z, x, y, KD_NODE_ADD, fmpq_add);
}

void
kd_real_sub(kd_real_t z, const kd_real_t x, const kd_real_t y)
{
    if (kd_real_is_zero(y))
        kd_real_set(z, x);
    else if (kd_real_is_zero(x))
        kd_real_neg(z, y);
    else
        binary(z, x, y, KD_NODE_SUB, fmpq_sub);
}

void
kd_real_mul(kd_real_t z, const kd_real_t x, const kd_real_t y)
{
    if (kd_real_is_zero(x) || kd_real_is_zero(y))
        kd_real_zero(z);
    else if (is_rat(x) && fmpq_is_one(x->node->q))
        kd_real_set(z, y);
    else if (is_rat(y) && fmpq_is_one(y->node->q))
        kd_real_set(z, x);
    else
        binary(z, x, y, KD_NODE_MUL, fmpq_mul);
}

void
kd_real_mul_fmpq(kd_real_t z, const kd_real_t x, const fmpq_t c)
{
    kd_real_t t;
    kd_real_init(t);
    kd_real_set_fmpq(t, c);
    kd_real_mul(z, x, t);
    kd_real_clear(t);
}

kd_status
kd_real_div(kd_real_t z, const kd_real_t x, const kd_real_t y)
{
    if (kd_real_is_zero(y))
        return kd_error_set(KD_ERR_DOMAIN, "division by zero");
    if (is_rat(y) && fmpq_is_one(y->node->q))
        kd_real_set(z, x);
    else if (kd_real_is_zero(x))
        kd_real_zero(z);
    else
        binary(z, x, y, KD_NODE_DIV, fmpq_div);
    return KD_OK;
}

kd_status
kd_real_pow_si(kd_real_t y, const kd_real_t x, slong e)
{
    if (e < 0 && kd_real_is_zero(x))
        return kd_error_set(KD_ERR_DOMAIN, "division by zero: 0 to the negative power %ld", e);
    if (e == 0)
    {
        kd_real_one(y);
        return KD_OK;
    }
    if (e == 1)
    {
        kd_real_set(y, x);
        return KD_OK;
    }
    if (is_rat(x) || (x->node->type == KD_NODE_SQRT && e % 2 == 0
                      && x->node->a->type == KD_NODE_RAT))
    {
        /* refuse before computing: the exact power has about |e| times the
           bits of the base (of the radicand, halved, for sqrt(q)^(2k)) */
        const fmpq * b = is_rat(x) ? x->node->q : x->node->a->q;
        ulong k = is_rat(x) ? FLINT_ABS(e) : FLINT_ABS(e) / 2;
        slong bb = FLINT_MAX(rat_bits(b) - 1, 1);
        if (!fmpq_is_one(b) && !(fmpz_is_pm1(fmpq_numref(b)) && fmpz_is_one(fmpq_denref(b)))
            && (double) bb * (double) k > (double) max_bits)
            return kd_error_set(KD_ERR_ARG, "exact value too large: a power with about %.3g bits, "
                                "more than the limit of %ld bits (--max-bits)",
                                (double) bb * (double) k, max_bits);
    }
    if (is_rat(x))
    {
        fmpq_t q;
        fmpq_init(q);
        fmpq_pow_si(q, x->node->q, e);
        kd_real_set_fmpq(y, q);
        fmpq_clear(q);
        return KD_OK;
    }
    if (x->node->type == KD_NODE_SQRT && e % 2 == 0 && x->node->a->type == KD_NODE_RAT)
    {
        /* sqrt(q)^(2k) = q^k exactly */
        fmpq_t q;
        fmpq_init(q);
        fmpq_pow_si(q, x->node->a->q, e / 2);
        kd_real_set_fmpq(y, q);
        fmpq_clear(q);
        return KD_OK;
    }
    {
        kd_node * n = _kd_node_unary(KD_NODE_POW, x->node);
        n->e = e;
        _kd_real_set_node(y, n);
    }
    return KD_OK;
}

kd_status
kd_real_sqrt(kd_real_t y, const kd_real_t x)
{
    if (is_rat(x))
    {
        const fmpq * q = x->node->q;
        if (fmpq_sgn(q) < 0)
        {
            char * s = fmpq_get_str(NULL, 10, q);
            kd_status st = kd_error_set(KD_ERR_DOMAIN, "square root of the negative number %s", s);
            flint_free(s);
            return st;
        }
        if (fmpz_is_square(fmpq_numref(q)) && fmpz_is_square(fmpq_denref(q)))
        {
            fmpq_t r;
            fmpq_init(r);
            fmpz_sqrt(fmpq_numref(r), fmpq_numref(q));
            fmpz_sqrt(fmpq_denref(r), fmpq_denref(q));
            kd_real_set_fmpq(y, r);
            fmpq_clear(r);
            return KD_OK;
        }
    }
    _kd_real_set_node(y, _kd_node_unary(KD_NODE_SQRT, x->node));
    return KD_OK;
}
