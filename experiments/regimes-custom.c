/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* A worked example of plugging one's own algorithm into the adversary of
   theory.md §5 (i): whatever it does, it is certified wrong by > 10^-K on a
   consistent instance of Omega_K.

   Usage: experiments/regimes-custom [K] [level]   (default K = 3, level 20)

   The algorithm here reads A at one level of its choice (and y), estimates
   each competing column value a_i from the first row of D^T A_k, and
   answers with a weighted compromise between the two candidate minimisers
   that leans towards the larger entry it saw. Replace my_alg with your own:
   all it may do is query the oracles (kd_oracle_get) and return an exact
   rational vector. */
#include <stdio.h>
#include <stdlib.h>
#include "kdigits/regimes.h"
#include "kdigits/util.h"

typedef struct
{
    slong level;        /* the one level this algorithm reads */
}
my_state;

static kd_status
my_alg(fmpq_mat_t xhat, kd_oracle_t OA, kd_oracle_t Oy, const kd_omega_class_t C,
       void * state, ulong seed)
{
    const my_state * s = state;
    fmpq_mat_t A;
    arb_mat_t r;
    fmpq_t a, w;
    slong j;
    kd_status st;

    (void) Oy;          /* y = D e_1 on the whole class: known */
    (void) seed;        /* deterministic */
    fmpq_mat_init(A, 0, 0);
    arb_mat_init(r, 1, C->N1);
    fmpq_init(a);
    fmpq_init(w);
    st = kd_oracle_get(A, NULL, OA, s->level);
    if (st == KD_OK)
        st = kd_regimes_first_row(r, A, C, s->level + 4 * C->K + 128);
    if (st == KD_OK)
    {
        /* lean 3/4 towards the column that looks larger */
        j = arf_cmp(arb_midref(arb_mat_entry(r, 0, 1)), arb_midref(arb_mat_entry(r, 0, 0))) > 0;
        arf_get_fmpq(a, arb_midref(arb_mat_entry(r, 0, j)));
        st = kd_regimes_vertex(xhat, C, a, j);
    }
    if (st == KD_OK)
    {
        fmpq_set_si(w, 1, 3);
        fmpq_mul(fmpq_mat_entry(xhat, 1 - j, 0), fmpq_mat_entry(xhat, j, 0), w);
        fmpq_set_si(w, 3, 4);
        fmpq_mul(fmpq_mat_entry(xhat, j, 0), fmpq_mat_entry(xhat, j, 0), w);
        fmpq_mul(fmpq_mat_entry(xhat, 1 - j, 0), fmpq_mat_entry(xhat, 1 - j, 0), w);
    }
    fmpq_clear(a);
    fmpq_clear(w);
    arb_mat_clear(r);
    fmpq_mat_clear(A);
    return st;
}

int
main(int argc, char ** argv)
{
    slong K = argc > 1 ? atol(argv[1]) : 3;
    my_state s;
    kd_regimes_alg_t alg;
    kd_omega_class_t C;
    kd_regimes_adv_t res;
    kd_real_t lambda;
    kd_status st;
    char * mid, * rad;
    int ret = 0;

    s.level = argc > 2 ? atol(argv[2]) : 20;
    alg->name = "my algorithm";
    alg->run = my_alg;
    alg->state = &s;
    alg->clear_state = NULL;    /* s lives on the stack */
    alg->seed = 0;

    kd_real_init(lambda);
    kd_real_one(lambda);
    st = kd_omega_class_init(C, KD_PROBLEM_P3, lambda, K, 2, 2, 1, 0);
    kd_regimes_adv_init(res);
    if (st == KD_OK)
        st = kd_regimes_adversary_run(res, alg, C, 256);
    if (st != KD_OK)
    {
        fprintf(stderr, "regimes-custom: %s: %s\n", kd_status_name(st), kd_error_message());
        ret = 1;
    }
    else
    {
        kd_arb_get_decimal(&mid, &rad, &res->err, 8);
        printf("%s: %ld read(s), max level %ld\n", alg->name, res->reads, res->max_level);
        printf("revealed instance: column %ld raised by 2^-(%ld+1)\n", res->revealed_j + 1,
               res->revealed_n);
        printf("certified error there: %s +/- %s (> 10^-%ld: %s)\n", mid, rad, K,
               res->wrong == KD_TRUE ? "proved" : "not proved");
        printf("adversary's answers consistent with it: %s\n",
               res->consistent == KD_TRUE ? "proved" : "not proved");
        flint_free(mid);
        flint_free(rad);
        ret = res->wrong == KD_TRUE && res->consistent == KD_TRUE ? 0 : 1;
    }
    kd_regimes_adv_clear(res);
    kd_omega_class_clear(C);
    kd_real_clear(lambda);
    return ret;
}
