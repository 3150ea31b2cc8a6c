/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The fallback outside cyclotomic fields: Calcium's qqbar (exact algebraic
   numbers by minimal polynomial and isolating ball) while degrees stay
   small; and exact zero and sign decisions on kd_real values. */
#include "internal.h"

typedef struct
{
    slong deg_max;
    _kd_ptab_t seen;
    qqbar_struct * val;
    slong alloc;
}
qq_memo;

static kd_status
too_big(slong d, slong cap)
{
    return kd_error_set(KD_ERR_UNSUPPORTED,
        "algebraic number of degree up to %ld exceeds the qqbar cap %ld", d, cap);
}

static kd_status
qq_convert(qqbar_t a, const kd_node * x, qq_memo * M)
{
    kd_status st = KD_OK;
    slong slot;
    qqbar_t b, c;
    if (x->type == KD_NODE_RAT)
    {
        qqbar_set_fmpq(a, x->q);
        return KD_OK;
    }
    slot = _kd_ptab_find(M->seen, x);
    if (slot >= 0)
    {
        qqbar_set(a, M->val + slot);
        return KD_OK;
    }
    qqbar_init(b);
    qqbar_init(c);
    switch (x->type)
    {
        case KD_NODE_PI:
            st = kd_error_set(KD_ERR_UNSUPPORTED,
                "bare pi is transcendental: no exact algebraic decision");
            break;
        case KD_NODE_COSPI:
        case KD_NODE_SINPI:
        {
            const fmpz * p = fmpq_numref(x->q), * q = fmpq_denref(x->q);
            /* degree of cos(pi p/q) is about phi(2q)/2 */
            if (!fmpz_fits_si(p) || fmpz_cmp_si(q, 4 * M->deg_max + 4) > 0)
                st = kd_error_set(KD_ERR_UNSUPPORTED,
                    "cos(pi p/q), sin(pi p/q) with q of %ld bits: degree above the qqbar cap %ld",
                    (slong) fmpz_bits(q), M->deg_max);
            else if (_kd_euler_phi(2 * fmpz_get_si(q)) / 2 > M->deg_max)
                st = too_big(_kd_euler_phi(2 * fmpz_get_si(q)) / 2, M->deg_max);
            else if (x->type == KD_NODE_COSPI)
                qqbar_cos_pi(a, fmpz_get_si(p), fmpz_get_ui(q));
            else
                qqbar_sin_pi(a, fmpz_get_si(p), fmpz_get_ui(q));
            break;
        }
        case KD_NODE_SQRT:
            st = qq_convert(b, x->a, M);
            if (st == KD_OK && 2 * qqbar_degree(b) > M->deg_max)
                st = too_big(2 * qqbar_degree(b), M->deg_max);
            if (st == KD_OK && qqbar_sgn_re(b) < 0)
                st = kd_error_set(KD_ERR_DOMAIN, "sqrt of a negative number (decided exactly)");
            if (st == KD_OK)
                qqbar_sqrt(a, b);
            break;
        case KD_NODE_NEG:
            st = qq_convert(b, x->a, M);
            if (st == KD_OK)
                qqbar_neg(a, b);
            break;
        case KD_NODE_POW:
            st = qq_convert(b, x->a, M);
            if (st == KD_OK && x->e < 0 && qqbar_is_zero(b))
                st = kd_error_set(KD_ERR_DOMAIN, "negative power of zero (decided exactly)");
            if (st == KD_OK)
                qqbar_pow_si(a, b, x->e);
            break;
        default:
            st = qq_convert(b, x->a, M);
            if (st == KD_OK)
                st = qq_convert(c, x->b, M);
            if (st == KD_OK && qqbar_degree(b) * qqbar_degree(c) > M->deg_max)
                st = too_big(qqbar_degree(b) * qqbar_degree(c), M->deg_max);
            if (st == KD_OK)
            {
                if (x->type == KD_NODE_ADD)
                    qqbar_add(a, b, c);
                else if (x->type == KD_NODE_SUB)
                    qqbar_sub(a, b, c);
                else if (x->type == KD_NODE_MUL)
                    qqbar_mul(a, b, c);
                else if (qqbar_is_zero(c))
                    st = kd_error_set(KD_ERR_DOMAIN, "division by zero (decided exactly)");
                else
                    qqbar_div(a, b, c);
            }
    }
    qqbar_clear(b);
    qqbar_clear(c);
    if (st != KD_OK)
        return st;
    if (x->refcount > 1)
    {
        slot = _kd_ptab_insert(M->seen, x);
        if (slot == M->alloc)
        {
            M->alloc = FLINT_MAX(16, 2 * M->alloc);
            M->val = flint_realloc(M->val, M->alloc * sizeof(qqbar_struct));
        }
        qqbar_init(M->val + slot);
        qqbar_set(M->val + slot, a);
    }
    return KD_OK;
}

kd_status
kd_alg_qqbar_set_real(qqbar_t res, const kd_real_t x, slong deg_max)
{
    qq_memo M;
    slong k;
    kd_status st;
    M.deg_max = deg_max <= 0 ? KD_QQBAR_DEG_DEFAULT : deg_max;
    _kd_ptab_init(M.seen);
    M.val = NULL;
    M.alloc = 0;
    st = qq_convert(res, x->node, &M);
    for (k = 0; k < M.seen->n; k++)
        qqbar_clear(M.val + k);
    flint_free(M.val);
    _kd_ptab_clear(M.seen);
    return st;
}

kd_status
kd_alg_real_is_zero(int * res, const kd_real_t x)
{
    slong L = 1;
    kd_status st;
    char why[512];
    if (x->node->type == KD_NODE_RAT)
    {
        *res = fmpq_is_zero(x->node->q);
        return KD_OK;
    }
    st = kd_cyclo_conductor_real(&L, x, 0);
    if (st == KD_OK)
    {
        kd_cyclo_t K;
        nf_elem_t a;
        st = kd_cyclo_init(K, L, 0);
        if (st != KD_OK)
            return st;
        nf_elem_init(a, K->nf);
        st = kd_cyclo_set_real(a, x, K);
        if (st == KD_OK)
            *res = nf_elem_is_zero(a, K->nf);
        nf_elem_clear(a, K->nf);
        kd_cyclo_clear(K);
        return st;
    }
    if (st != KD_ERR_UNSUPPORTED)
        return st;
    snprintf(why, sizeof why, "%s", kd_error_message());
    {
        qqbar_t a;
        qqbar_init(a);
        st = kd_alg_qqbar_set_real(a, x, 0);
        if (st == KD_OK)
            *res = qqbar_is_zero(a);
        qqbar_clear(a);
    }
    if (st == KD_ERR_UNSUPPORTED)
    {
        char why2[512];
        snprintf(why2, sizeof why2, "%s", kd_error_message());
        return kd_error_set(KD_ERR_UNSUPPORTED, "no exact decision: %s; %s", why, why2);
    }
    return st;
}

kd_status
kd_alg_real_sign(int * sgn, const kd_real_t x)
{
    int z;
    kd_status st = kd_alg_real_is_zero(&z, x);
    if (st != KD_OK)
        return st;
    if (z)
    {
        *sgn = 0;
        return KD_OK;
    }
    /* x != 0 is proved, so enclosures of growing precision decide */
    {
        arb_t b;
        slong prec;
        arb_init(b);
        for (prec = 64; prec <= KD_PREC_CAP_DEFAULT; prec *= 2)
        {
            st = kd_real_eval_arb(b, x, prec);
            if (st == KD_OK && (arb_is_positive(b) || arb_is_negative(b)))
            {
                *sgn = arb_is_positive(b) ? 1 : -1;
                arb_clear(b);
                return KD_OK;
            }
            if (st != KD_OK && st != KD_ERR_UNDECIDED)
                break;
        }
        arb_clear(b);
        if (st == KD_OK || st == KD_ERR_UNDECIDED)
            st = kd_error_set(KD_ERR_UNDECIDED, "the sign of a non-zero value was not decided at %ld bits",
                              (slong) KD_PREC_CAP_DEFAULT);
        return st;
    }
}
