/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The oracle of an exact real: a dyadic within 2^-n, proved
   (proofs-notes/oracle.md §1). */
#include "internal.h"
#include "kdigits/util.h"

kd_status
kd_check_level(slong n)
{
    if (n < 0)
        return kd_error_set(KD_ERR_ARG, "level n = %ld is negative (n must be >= 0)", n);
    if (n > KD_LEVEL_MAX)
        return kd_error_set(KD_ERR_ARG, "level n = %ld is too large (at most %d)", n, KD_LEVEL_MAX);
    return KD_OK;
}

slong
kd_level_prec(slong n, slong extra)
{
    return extra + 2 * FLINT_MAX(n, 0) + 64;
}

kd_status
kd_check_prec_cap(slong prec_cap)
{
    if (prec_cap != 0 && (prec_cap < KD_PREC_CAP_MIN || prec_cap > KD_PREC_CAP_MAX))
        return kd_error_set(KD_ERR_ARG, "precision cap %ld bits is out of range [%d, %d]",
                            prec_cap, KD_PREC_CAP_MIN, KD_PREC_CAP_MAX);
    return KD_OK;
}

/* q = nearest multiple of 2^-(n+1) to the rational v; err >= |q - v|. */
static void
round_rational(fmpq_t q, mag_t err, const fmpq_t v, slong n)
{
    fmpz_t num, den;
    fmpq_t d;
    arb_t b;

    fmpz_init(num);
    fmpz_init(den);
    fmpq_init(d);
    arb_init(b);
    /* num = round(v * 2^(n+1)) = floor((2 p 2^(n+1) + q) / (2 q)) */
    fmpz_mul_2exp(num, fmpq_numref(v), n + 2);
    fmpz_add(num, num, fmpq_denref(v));
    fmpz_mul_2exp(den, fmpq_denref(v), 1);
    fmpz_fdiv_q(num, num, den);
    fmpz_one(den);
    fmpz_mul_2exp(den, den, n + 1);
    fmpq_set_fmpz_frac(q, num, den);
    fmpq_sub(d, q, v);
    arb_set_fmpq(b, d, MAG_BITS + 2);
    arb_get_mag(err, b);
    fmpz_clear(num);
    fmpz_clear(den);
    fmpq_clear(d);
    arb_clear(b);
}

static kd_status
enclose(arb_t res, const kd_real_t x, slong n, slong prec_cap)
{
    kd_status st;
    slong prec;

    if (prec_cap == 0)
        prec_cap = KD_PREC_CAP_DEFAULT;

    /* Start a little above n: one round usually suffices, so the cost of a
       query grows like the cost of one evaluation at ~n bits. */
    prec = n + 32;
    if (prec > prec_cap)
        prec = prec_cap;
    for (;;)
    {
        st = kd_real_eval_arb(res, x, prec);
        if (st == KD_OK && mag_cmp_2exp_si(arb_radref(res), -n) <= 0)
            return KD_OK;
        if (st == KD_ERR_DOMAIN || st == KD_ERR_ARG)
            return st;
        if (prec >= prec_cap)
        {
            if (st == KD_OK)
                return kd_error_set(KD_ERR_UNDECIDED,
                    "could not reach accuracy 2^-%ld at %ld bits of working precision", n, prec);
            return kd_error_set(KD_ERR_UNDECIDED, "%s at %ld bits", kd_error_message(), prec);
        }
        prec = (prec > prec_cap / 2) ? prec_cap : 2 * prec;
    }
}

kd_status
kd_real_enclose(arb_t res, const kd_real_t x, slong n, slong prec_cap)
{
    kd_status st;
    if ((st = kd_check_level(n)) != KD_OK || (st = kd_check_prec_cap(prec_cap)) != KD_OK)
        return st;
    return enclose(res, x, n, prec_cap);
}

kd_status
kd_real_approx(fmpq_t q, mag_t err, const kd_real_t x, slong n, slong prec_cap)
{
    kd_status st;
    arb_t b;
    arf_t t;
    fmpz_t z, e;
    mag_t m;

    if ((st = kd_check_level(n)) != KD_OK || (st = kd_check_prec_cap(prec_cap)) != KD_OK)
        return st;

    if (kd_real_get_fmpq(q, x))
    {
        if (kd_real_is_dyadic(x))
            mag_zero(err);
        else
        {
            fmpq_t v;
            fmpq_init(v);
            fmpq_set(v, q);
            round_rational(q, err, v, n);
            fmpq_clear(v);
        }
        return KD_OK;
    }

    arb_init(b);
    st = enclose(b, x, n + 1, prec_cap);
    if (st == KD_OK)
    {
        /* |mid - x| <= rad <= 2^-(n+1); rounding mid to the grid 2^-(n+1)
           adds at most 2^-(n+2): total < 2^-n. */
        arf_init(t);
        fmpz_init(z);
        fmpz_init(e);
        mag_init(m);
        arf_mul_2exp_si(t, arb_midref(b), n + 1);
        arf_get_fmpz(z, t, ARF_RND_NEAR);
        fmpz_set_si(e, -(n + 1));
        arf_set_fmpz_2exp(t, z, e);                 /* t = q exactly */
        fmpz_one(fmpq_denref(q));
        fmpz_mul_2exp(fmpq_denref(q), fmpq_denref(q), n + 1);
        fmpz_set(fmpq_numref(q), z);
        fmpq_canonicalise(q);
        arf_sub(t, t, arb_midref(b), ARF_PREC_EXACT, ARF_RND_DOWN); /* exact */
        arf_get_mag(m, t);                          /* upper bound of |q - mid| */
        mag_add(err, m, arb_radref(b));             /* rounds up */
        arf_clear(t);
        fmpz_clear(z);
        fmpz_clear(e);
        mag_clear(m);
        if (mag_cmp_2exp_si(err, -n) > 0)           /* cannot happen; never lie */
            st = kd_error_set(KD_ERR_INTERNAL, "internal: error bound above 2^-%ld", n);
    }
    arb_clear(b);
    return st;
}

kd_status
kd_real_sign(int * sgn, const kd_real_t x, slong prec_cap)
{
    kd_status st;
    slong prec;
    arb_t b;
    fmpq_t q;

    if ((st = kd_check_prec_cap(prec_cap)) != KD_OK)
        return st;
    if (prec_cap == 0)
        prec_cap = KD_PREC_CAP_DEFAULT;
    fmpq_init(q);
    if (kd_real_get_fmpq(q, x))
    {
        *sgn = fmpq_sgn(q);
        fmpq_clear(q);
        return KD_OK;
    }
    fmpq_clear(q);
    arb_init(b);
    for (prec = 64; ; prec = (prec > prec_cap / 2) ? prec_cap : 2 * prec)
    {
        st = kd_real_eval_arb(b, x, prec);
        if (st == KD_OK && !arb_contains_zero(b))
        {
            *sgn = arb_is_positive(b) ? 1 : -1;
            break;
        }
        if (st == KD_ERR_DOMAIN || st == KD_ERR_ARG)
            break;
        if (prec >= prec_cap)
        {
            st = kd_error_set(KD_ERR_UNDECIDED, "could not decide the sign of a value at %ld bits",
                              prec);
            break;
        }
    }
    arb_clear(b);
    return st;
}
