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
   A x' = y fixes x' = x. This checks the arguments and that condition. */
static kd_status
samples_check_args(const kd_omega_t G, slong R, slong s)
{
    kd_status status = KD_OK;
    kd_real_t t, u, v;
    int sgn;

    if (!kd_omega_is_point(G) || (G->kind != KD_PROBLEM_P3 && G->kind != KD_PROBLEM_BP))
        return kd_error_set(KD_ERR_ARG, "omega samples: need a P3 or BP gadget with a raised column");
    if (R < 0 || R > WORD(1) << 30 || s < 0 || s > G->N2)
        return kd_error_set(KD_ERR_ARG, "omega samples: need R >= 0 and 0 <= s <= N2 = %ld", G->N2);
    if (G->kind != KD_PROBLEM_P3)
        return KD_OK;
    /* 1 - lambda^2 (1/a_j^2 + s/c^2) > 0 */
    kd_real_init(t);
    kd_real_init(u);
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
    kd_real_clear(t);
    kd_real_clear(u);
    kd_real_clear(v);
    return status;
}

/* One sample's support sp (s increasing columns of the second block) and
   draws g, from the state st; perm has G->N2 entries. */
static void
samples_draw_one(slong * sp, fmpq * g, flint_rand_t st, slong * perm, const kd_omega_t G,
                 slong s)
{
    slong k;
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
        box_muller(g + k, k1, k2);
    }
}

static void
samples_seed(flint_rand_t st, ulong seed)
{
    flint_randinit(st);
    flint_randseed(st, seed, seed ^ 0x5DEECE66DUL);
}

kd_status
kd_omega_samples_draw(kd_omega_samples_t S, const kd_omega_t G, slong R, slong s, ulong seed)
{
    flint_rand_t st;
    kd_status status;
    slong i, k, *perm;
    kd_real_t t, u;

    kd_omega_samples_clear(S);
    if ((status = samples_check_args(G, R, s)) != KD_OK)
        return status;

    kd_real_init(t);
    kd_real_init(u);
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

    samples_seed(st, seed);
    for (i = 0; i < R; i++)
    {
        slong * sp = S->supp + i * s;
        fmpq * gi = S->g + i * s;
        kd_mat_t y0;
        kd_mat_init(S->x + i, G->N, 1);
        kd_mat_init(S->y + i, G->m, 1);
        samples_draw_one(sp, gi, st, perm, G, s);
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

/* ------------------------------------------------ samples without the DAG

   kd_omega_samples_draw builds each entry of x and y as an expression DAG
   (kd_real), and kd_omega_samples_get_d evaluates it at prec bits
   (kd_real_eval_arb: a fixed post-order of arb operations at prec bits, one
   per node) and rounds the midpoint to double. The entries are made of
   few operations: x_j = tau, x_k = g_k / c, y_i = the balanced sum over
   the non-zero terms D_il y0_l (kd_mat_mul), with the folding rules of
   kd_real_add/mul/div (a zero operand, a rational 1, two rationals small
   enough are folded exactly). A "shadow" value below is either an exact
   rational (as a RAT node, and then its ball is arb_set_fmpq at prec, as
   the evaluator makes it) or the ball the evaluator would cache for the
   node; each operation applies the same folding rule, or else the same arb
   operation at prec to the same operand balls. Arb's operations are
   deterministic functions of their operands and precision, so every ball,
   and hence every double, is the one the DAG route gives
   (proofs-notes/omega-k.md §5; t-omega.c compares the two routes bit for
   bit). */
typedef struct
{
    int rat;            /* 1: the exact rational q (a RAT node) */
    fmpq_t q;
    arb_t b;            /* the node's ball at prec (q's for a rational) */
}
sval_struct;

static void
sval_init(sval_struct * v)
{
    v->rat = 1;
    fmpq_init(v->q);
    arb_init(v->b);
}

static void
sval_clear(sval_struct * v)
{
    fmpq_clear(v->q);
    arb_clear(v->b);
}

static void
sval_set(sval_struct * z, const sval_struct * x)
{
    z->rat = x->rat;
    fmpq_set(z->q, x->q);
    arb_set(z->b, x->b);
}

static void
sval_set_fmpq(sval_struct * z, const fmpq_t q, slong prec)
{
    z->rat = 1;
    fmpq_set(z->q, q);
    arb_set_fmpq(z->b, q, prec);
}

/* the value of an existing exact real (its node's ball at prec) */
static kd_status
sval_set_real(sval_struct * z, const kd_real_t x, slong prec)
{
    z->rat = kd_real_get_fmpq(z->q, x);
    if (z->rat)
    {
        arb_set_fmpq(z->b, z->q, prec);
        return KD_OK;
    }
    return kd_real_eval_arb(z->b, x, prec);
}

static int
sval_is_zero(const sval_struct * x)
{
    return x->rat && fmpq_is_zero(x->q);
}

static int
sval_is_one(const sval_struct * x)
{
    return x->rat && fmpq_is_one(x->q);
}

/* bits of numerator plus denominator, as kd_real counts them */
static slong
sval_bits(const fmpq_t q)
{
    return fmpz_bits(fmpq_numref(q)) + fmpz_bits(fmpq_denref(q));
}

/* both rational and small enough for kd_real's exact folding */
static int
sval_fold(const sval_struct * x, const sval_struct * y)
{
    return x->rat && y->rat && sval_bits(x->q) + sval_bits(y->q) <= kd_get_max_bits();
}

/* z = x + y as kd_real_add, then evaluated; z must not alias x or y */
static void
sval_add(sval_struct * z, const sval_struct * x, const sval_struct * y, slong prec)
{
    if (sval_is_zero(x))
        sval_set(z, y);
    else if (sval_is_zero(y))
        sval_set(z, x);
    else if (sval_fold(x, y))
    {
        z->rat = 1;
        fmpq_add(z->q, x->q, y->q);
        arb_set_fmpq(z->b, z->q, prec);
    }
    else
    {
        z->rat = 0;
        arb_add(z->b, x->b, y->b, prec);
    }
}

/* z = x y as kd_real_mul, then evaluated; no aliasing */
static void
sval_mul(sval_struct * z, const sval_struct * x, const sval_struct * y, slong prec)
{
    if (sval_is_zero(x) || sval_is_zero(y))
    {
        fmpq_zero(z->q);
        sval_set_fmpq(z, z->q, prec);
    }
    else if (sval_is_one(x))
        sval_set(z, y);
    else if (sval_is_one(y))
        sval_set(z, x);
    else if (sval_fold(x, y))
    {
        z->rat = 1;
        fmpq_mul(z->q, x->q, y->q);
        arb_set_fmpq(z->b, z->q, prec);
    }
    else
    {
        z->rat = 0;
        arb_mul(z->b, x->b, y->b, prec);
    }
}

/* z = x / y as kd_real_div, then evaluated; no aliasing. KD_ERR_UNSUPPORTED
   where the DAG route would fail (the caller then takes that route, which
   reports the failure in its own words). */
static kd_status
sval_div(sval_struct * z, const sval_struct * x, const sval_struct * y, slong prec)
{
    if (sval_is_zero(y))
        return KD_ERR_UNSUPPORTED;
    if (sval_is_one(y))
        sval_set(z, x);
    else if (sval_is_zero(x))
    {
        fmpq_zero(z->q);
        sval_set_fmpq(z, z->q, prec);
    }
    else if (sval_fold(x, y))
    {
        fmpq_t r;
        fmpq_init(r);
        fmpq_div(r, x->q, y->q);
        sval_set_fmpq(z, r, prec);
        fmpq_clear(r);
    }
    else
    {
        if (arb_contains_zero(y->b))
            return KD_ERR_UNSUPPORTED;
        z->rat = 0;
        arb_div(z->b, x->b, y->b, prec);
    }
    return KD_OK;
}

/* s = the balanced sum of terms[0..n) as kd_mat_mul builds it; tmp has
   room for n values (used as scratch) */
static void
sval_balanced_sum(sval_struct * s, sval_struct * terms, slong n, sval_struct * tmp, slong prec)
{
    if (n == 0)
    {
        fmpq_zero(s->q);
        sval_set_fmpq(s, s->q, prec);
    }
    else if (n == 1)
        sval_set(s, terms);
    else
    {
        sval_balanced_sum(tmp, terms, n / 2, tmp + 2, prec);
        sval_balanced_sum(tmp + 1, terms + n / 2, n - n / 2, tmp + 2, prec);
        sval_add(s, tmp, tmp + 1, prec);
    }
}

static double
sval_get_d(const sval_struct * v)
{
    return arf_get_d(arb_midref(v->b), ARF_RND_NEAR);
}

/* The leaves shared by all samples: D's entries (when they are real, as
   kd_mat_mul's zero tests need), tau and c. KD_ERR_UNSUPPORTED when the
   shortcut does not apply. */
static kd_status
sval_leaves(sval_struct * D, sval_struct * tau, sval_struct * c, const kd_omega_t G,
            slong prec)
{
    kd_status st = KD_OK;
    slong i;
    if (G->dct)
        for (i = 0; i < G->m * G->m && st == KD_OK; i++)
        {
            const kd_complex_struct * e = G->D->entries + i;
            if (!kd_real_is_zero(&e->im))
                return KD_ERR_UNSUPPORTED;
            st = sval_set_real(D + i, &e->re, prec);
        }
    if (st == KD_OK)
        st = sval_set_real(tau, G->tau, prec);
    if (st == KD_OK)
        st = sval_set_real(c, G->c, prec);
    return st;
}

/* One sample's X and Y rows from its support and draws; v has 3 m + 4
   scratch values (y0, terms, the sum's scratch). */
static kd_status
sval_sample(double * X, double * Y, const slong * sp, const fmpq * g, slong s,
            const sval_struct * D, const sval_struct * tau, const sval_struct * c,
            sval_struct * v, const kd_omega_t G, slong prec)
{
    const slong m = G->m, N = G->N;
    sval_struct * y0 = v, * terms = v + m, * tmp = v + 2 * m;
    slong i, k, n;
    kd_status st = KD_OK;

    for (k = 0; k < N; k++)
        X[k] = 0.0;
    X[G->j] = sval_get_d(tau);
    fmpq_one(tmp->q);
    sval_set_fmpq(y0, tmp->q, prec);
    for (i = 1; i < m; i++)
    {
        fmpq_zero(y0[i].q);
        sval_set_fmpq(y0 + i, y0[i].q, prec);
    }
    for (k = 0; k < s && st == KD_OK; k++)
    {
        sval_set_fmpq(y0 + 1 + sp[k] - G->N1, g + k, prec);
        st = sval_div(tmp, y0 + 1 + sp[k] - G->N1, c, prec);
        X[sp[k]] = sval_get_d(tmp);
    }
    for (i = 0; i < m && st == KD_OK; i++)
    {
        if (!G->dct)
        {
            Y[i] = sval_get_d(y0 + i);
            continue;
        }
        for (k = 0, n = 0; k < m; k++)
        {
            if (sval_is_zero(D + i * m + k) || sval_is_zero(y0 + k))
                continue;
            sval_mul(terms + n, D + i * m + k, y0 + k, prec);
            n++;
        }
        sval_balanced_sum(tmp + 2 * m + 2, terms, n, tmp, prec);
        Y[i] = sval_get_d(tmp + 2 * m + 2);
    }
    return st;
}

/* The DAG route for one call of kd_omega_samples_draw_d. */
static kd_status
samples_draw_d_dag(double * X, double * Y, const kd_omega_t G, slong R, slong s, ulong seed,
                   slong prec)
{
    kd_omega_samples_t S;
    kd_status st;
    kd_omega_samples_init(S);
    st = kd_omega_samples_draw(S, G, R, s, seed);
    if (st == KD_OK)
        st = kd_omega_samples_get_d(X, Y, S, prec);
    kd_omega_samples_clear(S);
    return st;
}

kd_status
kd_omega_samples_draw_d(double * X, double * Y, const kd_omega_t G, slong R, slong s,
                        ulong seed, slong prec)
{
    const slong m = G->m, nv = m * m + 2 + 5 * m + 8;
    flint_rand_t rs;
    sval_struct * v;
    slong * perm, * sp, i;
    fmpq * g;
    kd_status st;

    if ((st = samples_check_args(G, R, s)) != KD_OK)
        return st;
    if (prec < 2)
        return kd_error_set(KD_ERR_ARG, "working precision %ld is too small", prec);
    v = flint_malloc(nv * sizeof(sval_struct));
    for (i = 0; i < nv; i++)
        sval_init(v + i);
    perm = flint_malloc(FLINT_MAX(G->N2, 1) * sizeof(slong));
    sp = flint_malloc(FLINT_MAX(s, 1) * sizeof(slong));
    g = _fmpq_vec_init(FLINT_MAX(s, 1));
    if (sval_leaves(v + 2, v, v + 1, G, prec) != KD_OK)
        st = KD_ERR_UNSUPPORTED;
    samples_seed(rs, seed);
    for (i = 0; i < R && st == KD_OK; i++)
    {
        samples_draw_one(sp, g, rs, perm, G, s);
        st = sval_sample(X + i * G->N, Y + i * m, sp, g, s, v + 2, v, v + 1, v + 2 + m * m,
                         G, prec);
    }
    flint_randclear(rs);
    _fmpq_vec_clear(g, FLINT_MAX(s, 1));
    flint_free(sp);
    flint_free(perm);
    for (i = 0; i < nv; i++)
        sval_clear(v + i);
    flint_free(v);
    if (st == KD_ERR_UNSUPPORTED)
        st = samples_draw_d_dag(X, Y, G, R, s, seed, prec);
    return st;
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
