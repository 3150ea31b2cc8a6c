/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Training samples of the gadget (exact P3 minimisers with zero residual,
   reproducible bit for bit from a seed) and double exports for a trainer
   (theory.md §4, §6, §8). */
#include <stdlib.h>
#include <mpfr.h>
#include "internal.h"

void
kd_omega_samples_init(kd_omega_samples_t S)
{
    S->R = 0;
    S->s = 0;
    S->seed = 0;
    S->m = 0;
    S->N = 0;
    S->supp = NULL;
    S->g = NULL;
    S->x = NULL;
    S->y = NULL;
}

void
kd_omega_samples_clear(kd_omega_samples_t S)
{
    slong i;
    for (i = 0; i < S->R; i++)
    {
        kd_mat_clear(S->x + i);
        kd_mat_clear(S->y + i);
    }
    if (S->g != NULL)
        _fmpq_vec_clear(S->g, S->R * S->s);
    flint_free(S->supp);
    flint_free(S->x);
    flint_free(S->y);
    kd_omega_samples_init(S);
}

/* A 53-bit uniform integer (the top bits of a limb). */
static ulong
u53(flint_rand_t st)
{
    return n_randlimb(st) >> (FLINT_BITS - 53);
}

/* g = sqrt(-2 ln u1) cos(2 pi u2), u1 = (k1 + 1) 2^-53 in (0, 1],
   u2 = k2 2^-53 in [0, 1): every MPFR operation at 53 bits rounds to
   nearest, so the result depends on (k1, k2) only. */
static void
box_muller(fmpq_t g, ulong k1, ulong k2)
{
    mpfr_t a, b;
    mpfr_init2(a, 53);
    mpfr_init2(b, 53);
    mpfr_set_ui(a, k1 + 1, MPFR_RNDN);      /* exact: k1 + 1 <= 2^53 */
    mpfr_mul_2si(a, a, -53, MPFR_RNDN);
    mpfr_log(a, a, MPFR_RNDN);
    mpfr_mul_si(a, a, -2, MPFR_RNDN);
    mpfr_sqrt(a, a, MPFR_RNDN);
    mpfr_const_pi(b, MPFR_RNDN);
    mpfr_mul_ui(b, b, k2, MPFR_RNDN);
    mpfr_mul_2si(b, b, -52, MPFR_RNDN);
    mpfr_cos(b, b, MPFR_RNDN);
    mpfr_mul(a, a, b, MPFR_RNDN);
    {
        arf_t t;
        arf_init(t);
        arf_set_mpfr(t, a);
        arf_get_fmpq(g, t);
        arf_clear(t);
    }
    mpfr_clear(a);
    mpfr_clear(b);
}

static int
cmp_slong(const void * a, const void * b)
{
    slong x = *(const slong *) a, y = *(const slong *) b;
    return (x > y) - (x < y);
}

/* Why x is the unique P3 minimiser: in the data without D, with
   v = (1/a_j, sign(z)/c) (sign 0 off the support), A^T v =
   (a/a_j, sign(z)), so <A^T v, x> = ||x||_1 at x and |A^T v| <= 1 with
   equality exactly on E = {j} u supp z. The argument at kd_omega_set
   gives f(x') >= lambda ||x||_1 + (1 - lambda ||v||) ||A x' - y|| with
   equality only for A x' = y and x' supported on E with the signs of x,
   provided lambda ||v|| < 1, i.e. lambda^2 (1/a_j^2 + s/c^2) < 1. The
   columns of A_E are D times multiples of distinct unit vectors, so
   A x' = y fixes x' = x. */
kd_status
kd_omega_samples_draw(kd_omega_samples_t S, const kd_omega_t G, slong R, slong s, ulong seed)
{
    flint_rand_t st;
    kd_status status = KD_OK;
    slong i, k, *perm;
    kd_real_t t, u;

    kd_omega_samples_clear(S);
    if (!kd_omega_is_point(G) || (G->kind != KD_PROBLEM_P3 && G->kind != KD_PROBLEM_BP))
        return kd_error_set(KD_ERR_ARG, "omega samples: need a P3 or BP gadget with a raised column");
    if (R < 0 || R > WORD(1) << 30 || s < 0 || s > G->N2)
        return kd_error_set(KD_ERR_ARG, "omega samples: need R >= 0 and 0 <= s <= N2 = %ld", G->N2);

    kd_real_init(t);
    kd_real_init(u);
    if (G->kind == KD_PROBLEM_P3)
    {
        /* 1 - lambda^2 (1/a_j^2 + s/c^2) > 0 */
        int sgn;
        kd_real_t v;
        kd_real_init(v);
        kd_real_mul(t, G->amax, G->amax);
        kd_real_mul(u, G->c, G->c);
        kd_real_set_si(v, 1);
        status = kd_real_div(t, v, t);
        kd_real_set_si(v, s);
        if (status == KD_OK)
            status = kd_real_div(u, v, u);
        kd_real_add(t, t, u);
        kd_real_mul(t, t, G->param);
        kd_real_mul(t, t, G->param);
        kd_real_one(v);
        kd_real_sub(t, v, t);
        if (status == KD_OK)
            status = kd_real_sign(&sgn, t, 0);
        if (status == KD_OK && sgn <= 0)
            status = kd_error_set(KD_ERR_ARG,
                "omega samples: lambda^2 (1/a_j^2 + s/c^2) < 1 fails: not unique minimisers");
        kd_real_clear(v);
    }
    if (status != KD_OK)
    {
        kd_real_clear(t);
        kd_real_clear(u);
        return status;
    }

    S->R = R;
    S->s = s;
    S->seed = seed;
    S->m = G->m;
    S->N = G->N;
    S->supp = flint_malloc(FLINT_MAX(R * s, 1) * sizeof(slong));
    S->g = _fmpq_vec_init(FLINT_MAX(R * s, 1));
    if (R * s == 0)
    {
        _fmpq_vec_clear(S->g, 1);
        S->g = NULL;
    }
    S->x = flint_malloc(FLINT_MAX(R, 1) * sizeof(kd_mat_struct));
    S->y = flint_malloc(FLINT_MAX(R, 1) * sizeof(kd_mat_struct));
    perm = flint_malloc(G->N2 * sizeof(slong));

    flint_randinit(st);
    flint_randseed(st, seed, seed ^ 0x5DEECE66DUL);
    for (i = 0; i < R; i++)
    {
        slong * sp = S->supp + i * s;
        fmpq * gi = S->g + i * s;
        kd_mat_t y0;
        kd_mat_init(S->x + i, G->N, 1);
        kd_mat_init(S->y + i, G->m, 1);
        /* the support: the first s of a Fisher-Yates shuffle of the second block */
        for (k = 0; k < G->N2; k++)
            perm[k] = k;
        for (k = 0; k < s; k++)
        {
            slong r = k + (slong) n_randint(st, G->N2 - k), tmp = perm[k];
            perm[k] = perm[r];
            perm[r] = tmp;
        }
        qsort(perm, s, sizeof(slong), cmp_slong);
        for (k = 0; k < s; k++)
        {
            ulong k1 = u53(st), k2 = u53(st);
            sp[k] = G->N1 + perm[k];
            box_muller(gi + k, k1, k2);
        }
        /* x = tau e_j + g/c on the support; y = D (1, g) */
        kd_mat_set_entry_real(S->x + i, G->j, 0, G->tau);
        kd_mat_init(y0, G->m, 1);
        kd_real_one(t);
        kd_mat_set_entry_real(y0, 0, 0, t);
        for (k = 0; k < s && status == KD_OK; k++)
        {
            kd_real_set_fmpq(t, gi + k);
            kd_mat_set_entry_real(y0, 1 + sp[k] - G->N1, 0, t);
            status = kd_real_div(u, t, G->c);
            kd_mat_set_entry_real(S->x + i, sp[k], 0, u);
        }
        if (status == KD_OK)
            status = G->dct ? kd_mat_mul(S->y + i, G->D, y0) : kd_mat_set(S->y + i, y0);
        kd_mat_clear(y0);
    }
    flint_randclear(st);
    flint_free(perm);
    kd_real_clear(t);
    kd_real_clear(u);
    if (status != KD_OK)
        kd_omega_samples_clear(S);
    return status;
}

static double
arb_mid_d(const arb_t b)
{
    return arf_get_d(arb_midref(b), ARF_RND_NEAR);
}

kd_status
kd_omega_samples_get_d(double * X, double * Y, const kd_omega_samples_t S, slong prec)
{
    arb_mat_t bx, by;
    slong i, k;
    kd_status st = KD_OK;
    arb_mat_init(bx, S->N, 1);
    arb_mat_init(by, S->m, 1);
    for (i = 0; i < S->R && st == KD_OK; i++)
    {
        st = _kd_omega_mat_arb(bx, S->x + i, prec);
        if (st == KD_OK)
            st = _kd_omega_mat_arb(by, S->y + i, prec);
        for (k = 0; k < S->N && st == KD_OK; k++)
            X[i * S->N + k] = arb_mid_d(arb_mat_entry(bx, k, 0));
        for (k = 0; k < S->m && st == KD_OK; k++)
            Y[i * S->m + k] = arb_mid_d(arb_mat_entry(by, k, 0));
    }
    arb_mat_clear(bx);
    arb_mat_clear(by);
    return st;
}

kd_status
kd_omega_samples_check(kd_truth * res, const kd_omega_samples_t S, const kd_omega_t G,
                       slong prec)
{
    arb_mat_t A, x, y, r;
    slong i, k, p;
    kd_status st;

    if (S->N != G->N || S->m != G->m)
        return kd_error_set(KD_ERR_SIZE, "omega samples: another gadget's shape");
    *res = KD_TRUE;
    arb_mat_init(A, G->m, G->N);
    arb_mat_init(x, G->N, 1);
    arb_mat_init(y, G->m, 1);
    arb_mat_init(r, G->m, 1);
    st = kd_omega_eval(A, NULL, G, prec);
    for (i = 0; i < S->R && st == KD_OK && *res == KD_TRUE; i++)
    {
        st = _kd_omega_mat_arb(x, S->x + i, prec);
        if (st == KD_OK)
            st = _kd_omega_mat_arb(y, S->y + i, prec);
        if (st != KD_OK)
            break;
        arb_mat_mul(r, A, x, prec);
        arb_mat_sub(r, r, y, prec);
        if (!_kd_omega_contains_zero(r, prec))
            *res = KD_FALSE;
        /* the support: {j} u supp, the entries there proved non-zero */
        for (k = 0, p = 0; k < G->N; k++)
        {
            const arb_struct * e = arb_mat_entry(x, k, 0);
            int planted = (k == G->j) || (p < S->s && S->supp[i * S->s + p] == k);
            if (p < S->s && S->supp[i * S->s + p] == k)
                p++;
            if (planted ? arb_contains_zero(e) : !arb_is_zero(e))
                *res = KD_FALSE;
        }
    }
    arb_mat_clear(A);
    arb_mat_clear(x);
    arb_mat_clear(y);
    arb_mat_clear(r);
    return st;
}

kd_status
kd_omega_approx_d(double * An, const kd_omega_t G, slong level, slong prec_cap)
{
    fmpq_mat_t Q;
    kd_oracle_t O;
    slong i, k;
    kd_status st;
    fmpq_mat_init(Q, G->m, G->N);
    st = kd_oracle_init_mat(O, G->A);
    kd_oracle_set_prec_cap(O, prec_cap);
    if (st == KD_OK)
        st = kd_oracle_get(Q, NULL, O, level);
    kd_oracle_clear(O);
    for (i = 0; i < G->m && st == KD_OK; i++)
        for (k = 0; k < G->N; k++)
            An[i * G->N + k] = fmpq_get_d(fmpq_mat_entry(Q, i, k));
    fmpq_mat_clear(Q);
    return st;
}
