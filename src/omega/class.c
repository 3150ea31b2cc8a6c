/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The two-scale class Omega_K, its instances and oracles, and the
   adversarial oracle of the impossibility proof (theory.md §4 last
   paragraph, §5 (i)). */
#include "internal.h"

kd_status
kd_omega_class_init(kd_omega_class_t C, kd_problem_kind kind, const kd_real_t param, slong K,
                    slong N1, slong N2, int dct, slong prec_cap)
{
    kd_real_init(C->param);
    C->kind = kind;
    C->K = K;
    C->N1 = N1;
    C->N2 = N2;
    C->dct = dct != 0;
    C->prec_cap = prec_cap;
    if (param != NULL)
        kd_real_set(C->param, param);
    if (kind != KD_PROBLEM_P1 && kind != KD_PROBLEM_P2 && kind != KD_PROBLEM_P3
        && kind != KD_PROBLEM_BP)
        return kd_error_set(KD_ERR_ARG, "omega class: unknown problem kind");
    if (kind != KD_PROBLEM_BP && param == NULL)
        return kd_error_set(KD_ERR_ARG, "omega class: %s needs a parameter",
                            kd_problem_kind_name(kind));
    if (N1 < 2 || N2 < 1 || N1 > KD_OMEGA_DIM_MAX || N2 > KD_OMEGA_DIM_MAX)
        return kd_error_set(KD_ERR_ARG, "omega class: need N1 >= 2 and N2 >= 1");
    /* scale 2 uses K - 1 */
    if (K - 1 < -KD_OMEGA_K_MAX || K > KD_OMEGA_K_MAX)
        return kd_error_set(KD_ERR_ARG, "omega class: K out of range");
    return kd_check_prec_cap(prec_cap);
}

void
kd_omega_class_clear(kd_omega_class_t C)
{
    kd_real_clear(C->param);
}

/* Scale 2 has a0/10 = (sqrt(2)/3) 10^(K-1): the gadget of scale K - 1. */
kd_status
kd_omega_class_instance(kd_omega_t G, const kd_omega_class_t C, slong scale, slong n, slong j)
{
    if (scale != 1 && scale != 2)
        return kd_error_set(KD_ERR_ARG, "omega class: scale must be 1 or 2 (got %ld)", scale);
    if (scale == 2 && j == KD_OMEGA_TIE)
        return kd_error_set(KD_ERR_ARG, "omega class: ties are excluded at scale 2");
    return kd_omega_set(G, C->kind, C->param, C->K - (scale - 1), n, C->N1, C->N2, j, C->dct,
                        C->prec_cap);
}

void
kd_omega_class_member(slong * scale, const kd_omega_class_t C, const kd_omega_t G)
{
    *scale = 0;
    if (G->kind != C->kind || G->N1 != C->N1 || G->N2 != C->N2 || G->dct != C->dct)
        return;
    if (C->kind != KD_PROBLEM_BP && G->param->node != C->param->node)
    {
        /* not the same node: compare values; equality only as overlap of
           tight balls unless both are the same exact rational */
        fmpq_t p, q;
        int same = 0;
        fmpq_init(p);
        fmpq_init(q);
        if (kd_real_get_fmpq(p, G->param) && kd_real_get_fmpq(q, C->param))
            same = fmpq_equal(p, q);
        fmpq_clear(p);
        fmpq_clear(q);
        if (!same)
            return;
    }
    if (G->K == C->K)
        *scale = 1;
    else if (G->K == C->K - 1 && G->j != KD_OMEGA_TIE)
        *scale = 2;
}

kd_status
kd_omega_oracle_init(kd_oracle_t OA, kd_oracle_t Oy, const kd_omega_t G)
{
    kd_status st = kd_oracle_init_mat(OA, G->A);
    kd_status st2 = kd_oracle_init_mat(Oy, G->y);
    return st != KD_OK ? st : st2;
}

/* ------------------------------------------------------------ the adversary */

typedef struct
{
    kd_omega_struct tie;        /* the scale-1 tie: its A answers */
    kd_omega_class_struct cls;  /* for building the candidates */
    fmpq_mat_struct * ans;      /* every answer given, in order */
    slong * lev;
    slong nans;
    slong alloc;
}
adversary;

static void
adversary_clear(void * data)
{
    adversary * a = data;
    slong i;
    for (i = 0; i < a->nans; i++)
        fmpq_mat_clear(a->ans + i);
    flint_free(a->ans);
    flint_free(a->lev);
    kd_omega_clear(&a->tie);
    kd_omega_class_clear(&a->cls);
    flint_free(a);
}

/* Level k is answered with the tie rounded at level k + 1:
   ||A_k - A_tie||_2 <= 2^-(k+1) (kd_mat_approx). */
static kd_status
adversary_query(fmpq_mat_t re, fmpq_mat_t im, kd_oracle_struct * O, slong k)
{
    adversary * a = O->data;
    kd_status st;
    (void) im;
    if (k + 1 > KD_LEVEL_MAX)
        return kd_error_set(KD_ERR_ARG, "omega adversary: level %ld too high", k);
    st = kd_mat_approx(re, NULL, NULL, a->tie.A, k + 1, O->prec_cap);
    if (st != KD_OK)
        return st;
    if (a->nans == a->alloc)
    {
        a->alloc = 2 * a->alloc + 4;
        a->ans = flint_realloc(a->ans, a->alloc * sizeof(fmpq_mat_struct));
        a->lev = flint_realloc(a->lev, a->alloc * sizeof(slong));
    }
    fmpq_mat_init(a->ans + a->nans, fmpq_mat_nrows(re), fmpq_mat_ncols(re));
    fmpq_mat_set(a->ans + a->nans, re);
    a->lev[a->nans++] = k;
    return KD_OK;
}

kd_status
kd_omega_adversary_init(kd_oracle_t O, const kd_omega_class_t C)
{
    adversary * a = flint_calloc(1, sizeof(adversary));
    kd_status st;
    kd_omega_init(&a->tie);
    kd_real_init(a->cls.param);
    kd_real_set(a->cls.param, C->param);
    a->cls.kind = C->kind;
    a->cls.K = C->K;
    a->cls.N1 = C->N1;
    a->cls.N2 = C->N2;
    a->cls.dct = C->dct;
    a->cls.prec_cap = C->prec_cap;
    st = kd_omega_class_instance(&a->tie, C, 1, 0, KD_OMEGA_TIE);
    kd_oracle_init_custom(O, a->tie.m, a->tie.N, 0, adversary_query, a, adversary_clear);
    return st;
}

static adversary *
get_adversary(const kd_oracle_t O)
{
    return O->query == adversary_query ? (adversary *) O->data : NULL;
}

slong
kd_omega_adversary_level(const kd_oracle_t O)
{
    return kd_oracle_max_level(O) + 2;
}

/* Why the candidate at n = k0 + 2 is consistent with every answer A_k,
   k <= k0: A_tie - A_{n,j} = D [-eps e_j^T 0; 0 (c_tie - c_n) I] is, up to
   the orthogonal D, block diagonal, so its norm is
   max(eps, |c_tie - c_n|) = eps = 2^-(n+1), because |c_tie - c_n| =
   | ||a_tie|| - ||a_n|| | <= ||a_tie - a_n|| = eps. Then
   ||A_k - A_{n,j}|| <= 2^-(k+1) + 2^-(n+1) <= 2^-(k+1) + 2^-(k+3) < 2^-k.
   Any n >= k0 + 1 works with <=; k0 + 2 leaves a strict margin, which is
   what a ball check can prove. The y oracle is the same (y = D e_1) on
   every instance. */
kd_status
kd_omega_adversary_candidate(kd_omega_t G, const kd_oracle_t O, slong j)
{
    adversary * a = get_adversary(O);
    if (a == NULL)
        return kd_error_set(KD_ERR_ARG, "omega: not an adversary oracle");
    if (j < 0 || j >= a->cls.N1)
        return kd_error_set(KD_ERR_ARG, "omega adversary: column %ld outside [0, %ld)", j,
                            a->cls.N1);
    return kd_omega_class_instance(G, &a->cls, 1, kd_omega_adversary_level(O), j);
}

/* The two minimisers tau e_0, tau e_1 are sqrt(2) tau apart, so by the
   triangle inequality one of them is at distance >= tau / sqrt(2) from any
   xhat; since tau ~ 1/a0 = (3/sqrt(2)) 10^-K, that is ~ 1.5 10^-K. */
kd_status
kd_omega_adversary_reveal(kd_omega_t G, arb_t d, const kd_oracle_t O, const fmpq_mat_t xhat,
                          slong prec)
{
    kd_omega_t G1;
    arb_t d1;
    kd_status st;
    kd_omega_init(G1);
    arb_init(d1);
    st = kd_omega_adversary_candidate(G, O, 0);
    if (st == KD_OK)
        st = kd_omega_adversary_candidate(G1, O, 1);
    if (st == KD_OK)
        st = kd_omega_dist(d, G, xhat, prec);
    if (st == KD_OK)
        st = kd_omega_dist(d1, G1, xhat, prec);
    if (st == KD_OK && arb_gt(d1, d))
    {
        kd_omega_struct tmp = *G;
        *G = *G1;
        *G1 = tmp;
        arb_swap(d, d1);
    }
    kd_omega_clear(G1);
    arb_clear(d1);
    return st;
}

kd_status
kd_omega_adversary_check(kd_truth * t, const kd_oracle_t O, const kd_omega_t G, slong prec)
{
    adversary * a = get_adversary(O);
    arb_mat_t A, M;
    arb_t b;
    slong i, r, c;
    kd_status st;

    if (a == NULL)
        return kd_error_set(KD_ERR_ARG, "omega: not an adversary oracle");
    if (G->m != a->tie.m || G->N != a->tie.N)
        return kd_error_set(KD_ERR_SIZE, "omega adversary: the instance has another shape");
    *t = KD_TRUE;
    arb_mat_init(A, G->m, G->N);
    arb_mat_init(M, G->m, G->N);
    arb_init(b);
    st = kd_omega_eval(A, NULL, G, prec);
    for (i = 0; i < a->nans && st == KD_OK; i++)
    {
        kd_truth u;
        for (r = 0; r < G->m; r++)
            for (c = 0; c < G->N; c++)
                arb_set_fmpq(arb_mat_entry(M, r, c), fmpq_mat_entry(a->ans + i, r, c), prec);
        arb_mat_sub(M, M, A, prec);
        arb_one(b);
        arb_mul_2exp_si(b, b, -a->lev[i]);
        kd_omega_opnorm_lt(&u, M, b, prec);
        if (u == KD_FALSE || (u == KD_UNKNOWN && *t == KD_TRUE))
            *t = u;
    }
    arb_mat_clear(A);
    arb_mat_clear(M);
    arb_clear(b);
    return st;
}
