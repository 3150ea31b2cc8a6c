/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* An element of a cyclotomic field written back as an exact expression of
   kdigits' grammar (kdigits/expr.h): a rational, p + q*sqrt(s) for the
   square roots the field has met, or sum_k c_k cospi(2k/L) (real elements:
   the real part of sum_k c_k zeta_L^k) / c_k cispi(2k/L) otherwise
   (proofs-notes/exact.md §6). */
#include <string.h>
#include "kdigits/util.h"
#include "internal.h"

typedef struct
{
    char * s;
    size_t len, alloc;
}
sbuf;

static void
sbuf_add(sbuf * b, const char * t)
{
    size_t n = strlen(t);
    if (b->len + n + 1 > b->alloc)
    {
        b->alloc = FLINT_MAX(2 * b->alloc, b->len + n + 64);
        b->s = flint_realloc(b->s, b->alloc);
    }
    memcpy(b->s + b->len, t, n + 1);
    b->len += n;
}

/* Appends " + q*" / " - |q|*" (first: "q*" / "-|q|*"); q = +-1 writes no factor. */
static void
sbuf_coeff(sbuf * b, const fmpq_t q, int first)
{
    fmpq_t a;
    char * t;
    fmpq_init(a);
    fmpq_abs(a, q);
    sbuf_add(b, fmpq_sgn(q) < 0 ? (first ? "-" : " - ") : (first ? "" : " + "));
    if (!fmpq_is_one(a))
    {
        t = kd_fmpq_get_str(a);
        sbuf_add(b, t);
        sbuf_add(b, "*");
        flint_free(t);
    }
    fmpq_clear(a);
}

/* a = p_0 + sum_i p_i sqrt(s_i) with rational p_i, over the square roots
   K has built (each checked: c^2 = s, c > 0; distinct squarefree s, so
   the roots and 1 are linearly independent over Q): a rational linear
   system on the coefficient vectors, solved exactly; returns 1 and writes
   the sum to b when a lies in their span. */
static int
try_surds(sbuf * b, const fmpq_poly_t pa, const kd_cyclo_t K)
{
    slong i, k, n = K->nsqrt + 1, deg = K->deg, r;
    int ok = 0, first = 1;
    fmpq_mat_t M, X, B;
    fmpq_poly_t pc;
    if (K->nsqrt == 0)
        return 0;
    fmpq_mat_init(M, deg, n);
    fmpq_mat_init(B, deg, 1);
    fmpq_mat_init(X, n, 1);
    fmpq_poly_init(pc);
    fmpz_one(fmpq_mat_entry_num(M, 0, 0));
    for (i = 0; i < K->nsqrt; i++)
    {
        nf_elem_get_fmpq_poly(pc, K->sqrt_val + i, K->nf);
        for (k = 0; k < pc->length && k < deg; k++)
            fmpq_poly_get_coeff_fmpq(fmpq_mat_entry(M, k, i + 1), pc, k);
    }
    for (k = 0; k < pa->length && k < deg; k++)
        fmpq_poly_get_coeff_fmpq(fmpq_mat_entry(B, k, 0), pa, k);
    /* least squares on the exact normal equations, then an exact check */
    {
        fmpq_mat_t MT, G, MTB, R;
        fmpq_mat_init(MT, n, deg);
        fmpq_mat_init(G, n, n);
        fmpq_mat_init(MTB, n, 1);
        fmpq_mat_init(R, deg, 1);
        fmpq_mat_transpose(MT, M);
        fmpq_mat_mul(G, MT, M);
        fmpq_mat_mul(MTB, MT, B);
        r = fmpq_mat_solve_fraction_free(X, G, MTB);
        if (r)
        {
            fmpq_mat_mul(R, M, X);
            ok = fmpq_mat_equal(R, B);
        }
        fmpq_mat_clear(MT);
        fmpq_mat_clear(G);
        fmpq_mat_clear(MTB);
        fmpq_mat_clear(R);
    }
    for (i = 0; ok && i < n; i++)
    {
        const fmpq * q = fmpq_mat_entry(X, i, 0);
        if (fmpq_is_zero(q))
            continue;
        if (i == 0)
        {
            char * t = kd_fmpq_get_str(q);
            sbuf_add(b, t);
            flint_free(t);
        }
        else
        {
            char num[40];
            sbuf_coeff(b, q, first);
            snprintf(num, sizeof num, "sqrt(%lu)", K->sqrt_s[i - 1]);
            sbuf_add(b, num);
        }
        first = 0;
    }
    fmpq_mat_clear(M);
    fmpq_mat_clear(B);
    fmpq_mat_clear(X);
    fmpq_poly_clear(pc);
    return ok;
}

/* A real a = sum_k c_k zeta_L^k written as its real part
   c_0 + sum_k c_k cos(2 pi k/L), each angle reduced to cos(pi j/L) with
   0 <= j <= L/2 (cos is even, 2 pi-periodic, cos(pi - t) = -cos t), the
   rational values cos(0) = 1, cos(pi/3) = 1/2, cos(pi/2) = 0 folded into
   the constant, equal angles collected. */
static void
cos_sum(sbuf * b, const fmpq_poly_t p, slong L)
{
    slong k, j, n = L / 2 + 1;
    int first = 1, allzero = 1;
    fmpq * coef = _fmpq_vec_init(n);
    fmpq_t c, e;
    fmpq_init(c);
    fmpq_init(e);
    for (k = 0; k < p->length; k++)
    {
        fmpq_poly_get_coeff_fmpq(c, p, k);
        j = (2 * k) % (2 * L);
        if (j > L)
            j = 2 * L - j;
        if (2 * j > L)
        {
            j = L - j;
            fmpq_neg(c, c);
        }
        if (2 * j == L)
            continue;
        if (3 * j == L)
        {
            fmpq_div_2exp(c, c, 1);
            j = 0;
        }
        fmpq_add(coef + j, coef + j, c);
    }
    for (j = 0; j < n; j++)
        allzero = allzero && fmpq_is_zero(coef + j);
    for (j = 0; j < n; j++)
    {
        char * t;
        if (fmpq_is_zero(coef + j) && !(j == 0 && allzero))
            continue;
        if (j == 0)
        {
            t = kd_fmpq_get_str(coef);
            sbuf_add(b, t);
            flint_free(t);
            first = 0;
            continue;
        }
        sbuf_coeff(b, coef + j, first);
        first = 0;
        fmpq_set_si(e, j, (ulong) L);
        t = kd_fmpq_get_str(e);
        sbuf_add(b, "cospi(");
        sbuf_add(b, t);
        sbuf_add(b, ")");
        flint_free(t);
    }
    _fmpq_vec_clear(coef, n);
    fmpq_clear(c);
    fmpq_clear(e);
}

char *
kd_cyclo_get_str(const nf_elem_t a, const kd_cyclo_t K)
{
    sbuf b = {NULL, 0, 0};
    fmpq_poly_t p;
    fmpq_t c, e;
    slong k;
    int real = kd_cyclo_is_real(a, K), first = 1;
    fmpq_poly_init(p);
    fmpq_init(c);
    fmpq_init(e);
    nf_elem_get_fmpq_poly(p, a, K->nf);
    sbuf_add(&b, "");
    if (p->length <= 1)
    {
        char * t;
        fmpq_poly_get_coeff_fmpq(c, p, 0);
        t = kd_fmpq_get_str(c);
        sbuf_add(&b, t);
        flint_free(t);
    }
    else if (!(real && try_surds(&b, p, K)))
    {
        if (real)
            cos_sum(&b, p, K->L);
        else
        {
            for (k = 0; k < p->length; k++)
            {
                char * t;
                fmpq_poly_get_coeff_fmpq(c, p, k);
                if (fmpq_is_zero(c))
                    continue;
                sbuf_coeff(&b, c, first);
                first = 0;
                fmpq_set_si(e, 2 * k, (ulong) K->L);
                t = kd_fmpq_get_str(e);
                sbuf_add(&b, "cispi(");
                sbuf_add(&b, t);
                sbuf_add(&b, ")");
                flint_free(t);
            }
        }
    }
    fmpq_poly_clear(p);
    fmpq_clear(c);
    fmpq_clear(e);
    return b.s;
}
