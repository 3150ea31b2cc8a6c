/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The experiments of the three regimes on Omega_K (theory.md §5): the
   adversary game of (i) with its randomised variant and breakdown epsilon,
   honest runs on class instances and the budget Monte Carlo of (ii). */
#include <string.h>
#include "kdigits/util.h"
#include "kdigits/regimes.h"

/* ------------------------------------------------------------ (i) */

void
kd_regimes_adv_init(kd_regimes_adv_t r)
{
    memset(r, 0, sizeof(kd_regimes_adv_struct));
    fmpq_mat_init(&r->x, 0, 0);
    arb_init(&r->err);
    arb_indeterminate(&r->err);
    r->wrong = r->consistent = KD_UNKNOWN;
}

void
kd_regimes_adv_clear(kd_regimes_adv_t r)
{
    fmpq_mat_clear(&r->x);
    arb_clear(&r->err);
}

/* the y oracle: y = D e_1 on the whole class (the tie instance's) */
static kd_status
y_oracle(kd_oracle_t Oy, kd_omega_t G, const kd_omega_class_t C)
{
    kd_oracle_t OA;
    kd_status st = kd_omega_class_instance(G, C, 1, 0, KD_OMEGA_TIE);
    if (st != KD_OK)
        return st;
    st = kd_omega_oracle_init(OA, Oy, G);
    if (st == KD_OK)
        kd_oracle_clear(OA);
    return st;
}

kd_status
kd_regimes_adversary_run(kd_regimes_adv_t res, const kd_regimes_alg_t alg,
                         const kd_omega_class_t C, slong prec)
{
    kd_oracle_t O, Oy;
    kd_omega_t Gy, G;
    kd_status st;

    kd_omega_init(Gy);
    kd_omega_init(G);
    if ((st = y_oracle(Oy, Gy, C)) != KD_OK)
        goto out0;
    if ((st = kd_omega_adversary_init(O, C)) != KD_OK)
        goto out1;
    st = alg->run(&res->x, O, Oy, C, alg->state, alg->seed);
    if (st == KD_OK && fmpq_mat_nrows(&res->x) != C->N1 + C->N2)
        st = kd_error_set(KD_ERR_SIZE, "regimes: %s returned a vector of length %ld",
                          alg->name, (slong) fmpq_mat_nrows(&res->x));
    if (st == KD_OK)
    {
        res->reads = kd_oracle_nreads(O);
        res->max_level = kd_oracle_max_level(O);
        res->y_reads = kd_oracle_nreads(Oy);
        prec += 2 * (res->max_level + 2);
        st = kd_omega_adversary_reveal(G, &res->err, O, &res->x, prec);
    }
    if (st == KD_OK)
    {
        res->revealed_j = G->j;
        res->revealed_n = G->n;
        /* wrong iff dist > 10^-K, i.e. not "dist <= 10^-K" */
        res->wrong = kd_certify_digits(&res->err, C->K, prec);
        res->wrong = res->wrong == KD_FALSE ? KD_TRUE : res->wrong == KD_TRUE ? KD_FALSE : KD_UNKNOWN;
        st = kd_omega_adversary_check(&res->consistent, O, G, prec);
    }
    kd_oracle_clear(O);
out1:
    kd_oracle_clear(Oy);
out0:
    kd_omega_clear(G);
    kd_omega_clear(Gy);
    return st;
}

kd_status
kd_regimes_randomised(slong succ[2], const kd_regimes_alg_t alg, const kd_omega_class_t C,
                      slong trials, ulong seed, slong prec)
{
    kd_oracle_t O, Oy;
    kd_omega_t Gy, G;
    fmpq_mat_t x;
    arb_t d;
    slong t, j;
    kd_status st;

    succ[0] = succ[1] = 0;
    kd_omega_init(Gy);
    kd_omega_init(G);
    fmpq_mat_init(x, 0, 0);
    arb_init(d);
    if ((st = y_oracle(Oy, Gy, C)) != KD_OK)
        goto out;
    for (t = 0; t < trials && st == KD_OK; t++)
    {
        kd_progress("randomised trial", t + 1, trials);
        if ((st = kd_omega_adversary_init(O, C)) != KD_OK)
            break;
        st = alg->run(x, O, Oy, C, alg->state, seed + (ulong) t);
        for (j = 0; j < 2 && st == KD_OK; j++)
        {
            slong p = prec + 2 * (kd_oracle_max_level(O) + 2);
            st = kd_omega_adversary_candidate(G, O, j);
            if (st == KD_OK)
                st = kd_omega_dist(d, G, x, p);
            if (st == KD_OK && kd_certify_digits(d, C->K, p) != KD_FALSE)
                succ[j]++;
        }
        kd_oracle_clear(O);
    }
    kd_oracle_clear(Oy);
out:
    arb_clear(d);
    fmpq_mat_clear(x);
    kd_omega_clear(G);
    kd_omega_clear(Gy);
    return st;
}

/* ------------------------------------------------------------ (ii), (iii) */

kd_status
kd_regimes_run_instance(slong * reads, arb_t d, kd_truth * ok, const kd_regimes_alg_t alg,
                        const kd_omega_class_t C, slong scale, slong n, slong j, slong digits,
                        slong prec)
{
    kd_omega_t G;
    kd_oracle_t OA, Oy;
    fmpq_mat_t x;
    kd_status st;

    kd_omega_init(G);
    fmpq_mat_init(x, 0, 0);
    st = kd_omega_class_instance(G, C, scale, n, j);
    if (st == KD_OK && (st = kd_omega_oracle_init(OA, Oy, G)) == KD_OK)
    {
        st = alg->run(x, OA, Oy, C, alg->state, alg->seed);
        *reads = kd_oracle_nreads(OA);
        if (st == KD_OK)
            st = kd_omega_dist(d, G, x, kd_level_prec(n, prec));
        if (st == KD_OK)
            *ok = kd_certify_digits(d, digits, kd_level_prec(n, prec));
        kd_oracle_clear(OA);
        kd_oracle_clear(Oy);
    }
    fmpq_mat_clear(x);
    kd_omega_clear(G);
    return st;
}

/* the scale-2 tie oracle: answers level k with the tie matrix of scale
   K-1 rounded at level k+1, as the adversary does at scale 1 */
static kd_status
tie2_query(fmpq_mat_t re, fmpq_mat_t im, kd_oracle_struct * O, slong n)
{
    const kd_omega_struct * G = O->data;
    return kd_mat_approx(re, im, NULL, G->A, n + 1, O->prec_cap);
}

static void
tie2_clear(void * data)
{
    kd_omega_clear((kd_omega_struct *) data);
    flint_free(data);
}

kd_status
kd_regimes_budget_mc(slong * fail, slong * maxread, const kd_regimes_alg_t alg,
                     const kd_omega_class_t C, slong M, slong trials, ulong seed, slong prec)
{
    kd_omega_struct * T;
    kd_omega_t Gy;
    kd_omega_t * G;
    kd_oracle_t O, Oy;
    fmpq_mat_t x;
    arb_t d;
    slong t, j, N1 = C->N1, n = M + 2;
    kd_status st;

    for (j = 0; j < N1; j++)
        fail[j] = 0;
    *maxread = -1;
    T = flint_malloc(sizeof(kd_omega_struct));
    kd_omega_init(T);
    st = kd_omega_set(T, C->kind, C->param, C->K - 1, 0, N1, C->N2, KD_OMEGA_TIE, C->dct,
                      C->prec_cap);
    if (st != KD_OK)
    {
        tie2_clear(T);
        return st;
    }
    G = flint_malloc(N1 * sizeof(kd_omega_t));
    for (j = 0; j < N1; j++)
        kd_omega_init(G[j]);
    for (j = 0; j < N1 && st == KD_OK; j++)
        st = kd_omega_class_instance(G[j], C, 2, n, j);
    kd_omega_init(Gy);
    fmpq_mat_init(x, 0, 0);
    arb_init(d);
    if (st == KD_OK)
        st = y_oracle(Oy, Gy, C);
    if (st != KD_OK)
    {
        tie2_clear(T);
        goto out;
    }
    kd_oracle_init_custom(O, T->m, T->N, 0, tie2_query, T, tie2_clear);
    for (t = 0; t < trials && st == KD_OK; t++)
    {
        kd_progress("tie trial", t + 1, trials);
        kd_oracle_log_reset(O);
        st = alg->run(x, O, Oy, C, alg->state, seed + (ulong) t);
        if (kd_oracle_max_level(O) > *maxread)
            *maxread = kd_oracle_max_level(O);
        if (st == KD_OK && kd_oracle_max_level(O) > M)
            st = kd_error_set(KD_ERR_ARG, "regimes: %s read level %ld past its budget %ld",
                              alg->name, kd_oracle_max_level(O), M);
        for (j = 0; j < N1 && st == KD_OK; j++)
        {
            st = kd_omega_dist(d, G[j], x, kd_level_prec(n, prec));
            if (st == KD_OK && kd_certify_digits(d, C->K - 1, kd_level_prec(n, prec)) != KD_TRUE)
                fail[j]++;
        }
    }
    kd_oracle_clear(O);
    kd_oracle_clear(Oy);
out:
    arb_clear(d);
    fmpq_mat_clear(x);
    kd_omega_clear(Gy);
    for (j = 0; j < N1; j++)
        kd_omega_clear(G[j]);
    flint_free(G);
    return st;
}

kd_status
kd_regimes_breakdown(arb_t eps, arb_t mid0, arb_t mid1, const kd_omega_class_t C, slong n,
                     slong prec)
{
    kd_omega_t G0, G1;
    fmpq_mat_t x;
    fmpq_t tq;
    arb_t tau;
    kd_status st;

    kd_omega_init(G0);
    kd_omega_init(G1);
    fmpq_mat_init(x, C->N1 + C->N2, 1);
    fmpq_init(tq);
    arb_init(tau);
    prec = kd_level_prec(n, prec);
    st = kd_omega_class_instance(G0, C, 1, n, 0);
    if (st == KD_OK)
        st = kd_omega_class_instance(G1, C, 1, n, 1);
    if (st == KD_OK)
        st = kd_real_eval_arb(tau, G0->tau, prec);
    if (st == KD_OK)
    {
        /* the minimisers tau e_0, tau e_1 are sqrt(2) tau apart */
        arb_sqrt_ui(eps, 2, prec);
        arb_mul(eps, eps, tau, prec);
        arb_mul_2exp_si(eps, eps, -1);
        /* the midpoint (tau/2)(e_0 + e_1), tau rounded to a rational */
    {
        mag_t e;
        mag_init(e);
        st = kd_real_approx(tq, e, G0->tau, prec / 2, C->prec_cap);
        mag_clear(e);
    }
    }
    if (st == KD_OK)
    {
        fmpq_div_2exp(tq, tq, 1);
        fmpq_set(fmpq_mat_entry(x, 0, 0), tq);
        fmpq_set(fmpq_mat_entry(x, 1, 0), tq);
        st = kd_omega_dist(mid0, G0, x, prec);
        if (st == KD_OK)
            st = kd_omega_dist(mid1, G1, x, prec);
    }
    arb_clear(tau);
    fmpq_clear(tq);
    fmpq_mat_clear(x);
    kd_omega_clear(G0);
    kd_omega_clear(G1);
    return st;
}
