/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The protocols of `kdigits sci positive|sign|rank`: the tower on the
   input, the adversarial inputs and the adversary's runs, computed in one
   call so that a front end only formats them (proofs-notes/sci.md §3-§4). */
#include <string.h>
#include "kdigits/sci.h"
#include "kdigits/alg.h"

/* The algorithms the adversary defeats. x > 0: the tower stopped at L, a
   rounding rule and one that reads every level up to L; sign and rank: the
   tower stopped at L. */
static const kd_sci_demo_alg_struct positive_algs[] = {
    {"cautious: yes iff q_L > 2^-L", kd_sci_positive_alg_cautious, 0},
    {"rounding: yes iff q_L >= 0", kd_sci_positive_alg_rounding, 0},
    {"patient: reads 0..L until sure", kd_sci_positive_alg_patient, 0}};
static const kd_sci_demo_alg_struct sign_algs[] = {{"sign tower stopped at L", kd_tower_alg, 1}};
static const kd_sci_demo_alg_struct rank_algs[] = {{"rank tower stopped at L", kd_tower_alg, 1}};

/* What the tables show, and why (proofs-notes/sci.md §3-§4). */
static const char * expl_positive =
    "A yes is always right: q_n > 2^-n forces x >= q_n - 2^-n > 0. A no is never "
    "certain: an oracle for x = 0 may answer 0 at every level, and those answers "
    "are equally valid for x = 2^-N at every level n <= N. So the tower converges "
    "(to yes once 2^(1-n) < x; it stays no for x <= 0) with "
    "one-sided certainty: Sigma_1. But no algorithm that halts decides x > 0 on all "
    "inputs: whatever levels it reads, the adversary answers 0 and then reveals "
    "x = 0 or x = 2^-(L+1), whichever its answer is wrong for. Hence not Delta_1 "
    "(and not Pi_1: a certain no would be wrong on 2^-(L+1)). "
    "Proof: proofs-notes/sci.md §3.";

static const char * expl_sign =
    "Gamma_n = sign(q_n) when |q_n| > 2^-n: then x lies on that side of 0 (certain). "
    "Otherwise Gamma_n = 0, which is never certain: the answers 0 that x = 0 may "
    "receive are valid for x = +-2^-N at every level n <= N. Every x gets a limit "
    "(for x != 0 the answer is certain "
    "once 2^(1-n) < |x|; at x = 0 it is 0 at every n), so sign is in Delta_2. The "
    "level at which +-2^-N is settled grows with N, so no n works for all x, and the "
    "adversary defeats the tower stopped at any L (it answers 0 and reveals 2^-(L+1)): "
    "sign is not in Delta_1. Proof: proofs-notes/sci.md §3.";

static const char * expl_rank =
    "Gamma_n counts, exactly over Q, the singular values of A_n that exceed 2^-n. Since "
    "||A_n - A||_2 <= 2^-n, Weyl's inequality gives sigma_i(A) >= sigma_i(A_n) - 2^-n > 0 "
    "for each of them: rank(A) >= Gamma_n at every n and for every valid oracle (Sigma_1: "
    "never an overestimate). Once 2^(1-n) < sigma_r(A), the smallest non-zero singular "
    "value, Gamma_n = rank(A). No algorithm decides the rank in finite time: the zero "
    "matrix and 2^-(L+1) e1 e1^T admit the same answers at every level <= L, and a "
    "rank-deficient matrix is a limit of full-rank ones (not Delta_1, not Pi_1). "
    "Proof: proofs-notes/sci.md §4.";

const char *
kd_sci_sign_name(slong v)
{
    return v > 0 ? "+1" : v < 0 ? "-1" : "0";
}

void
kd_sci_demo_init(kd_sci_demo_t D)
{
    memset(D, 0, sizeof(kd_sci_demo_struct));
    kd_tower_run_init(&D->R);
    D->exact_rank = -1;
    D->exact_field = -1;
}

void
kd_sci_demo_clear(kd_sci_demo_t D)
{
    slong i;
    if (D->q != NULL)
    {
        for (i = 0; i < D->R.count; i++)
            fmpq_clear(D->q + i);
        flint_free(D->q);
    }
    kd_tower_run_clear(&D->R);
    for (i = 0; i < D->nfam; i++)
        kd_tower_run_clear(D->fam + i);
    flint_free(D->fam);
    flint_free(D->famN);
    if (D->adv != NULL)
        for (i = 0; i < D->nL * D->nalgs; i++)
            kd_sci_adv_clear(D->adv + i);
    flint_free(D->adv);
    flint_free(D->L);
    memset(D, 0, sizeof(kd_sci_demo_struct));
}

static slong *
copy_levels(const slong * v, slong n)
{
    slong * w = flint_malloc((n + 1) * sizeof(slong));
    if (n > 0)
        memcpy(w, v, n * sizeof(slong));
    return w;
}

/* The oracle of x: nearest rounding, or a seeded random valid answer. */
static kd_status
real_oracle(kd_oracle_t O, const kd_real_t x, int seeded, ulong seed, slong prec_cap)
{
    kd_status st = seeded ? kd_sci_oracle_init_random_real(O, x, seed)
                          : kd_sci_oracle_init_real(O, x);
    kd_oracle_set_prec_cap(O, prec_cap);
    return st;
}

/* The adversary against every algorithm at every L (L outermost). */
static kd_status
demo_adversary(kd_sci_demo_t D, const slong * L, slong nL)
{
    slong i, k;
    kd_status st = KD_OK;
    for (k = 0; k < nL; k++)
        if (L[k] < 0 || L[k] > KD_SCI_DEMO_L_MAX)
            return kd_error_set(KD_ERR_ARG, "the adversary's levels L must lie in [0, %d]",
                                KD_SCI_DEMO_L_MAX);
    D->nL = nL;
    D->L = copy_levels(L, nL);
    D->adv = flint_malloc((nL * D->nalgs + 1) * sizeof(kd_sci_adv_struct));
    for (i = 0; i < nL * D->nalgs; i++)
        kd_sci_adv_init(D->adv + i);
    for (k = 0; k < nL && st == KD_OK; k++)
        for (i = 0; i < D->nalgs && st == KD_OK; i++)
        {
            kd_tower_alg_struct ta;
            slong Lk = L[k];
            memset(&ta, 0, sizeof ta);
            ta.T = &D->T;
            ta.n[0] = Lk;
            st = kd_sci_adversary_run(D->adv + k * D->nalgs + i, D->r, D->c, D->algs[i].alg,
                                      D->algs[i].tower ? (void *) &ta : (void *) &Lk);
        }
    return st;
}

/* The answers q_n the run saw, read back (an oracle's answer depends only
   on n). */
static kd_status
read_back(kd_sci_demo_t D, kd_oracle_t O)
{
    fmpq_mat_t re;
    slong i;
    kd_status st = KD_OK;
    fmpq_mat_init(re, 1, 1);
    D->q = flint_malloc((D->R.count + 1) * sizeof(fmpq));
    for (i = 0; i < D->R.count; i++)
        fmpq_init(D->q + i);
    for (i = 0; i < D->R.count && st == KD_OK; i++)
        if ((st = kd_oracle_get(re, NULL, O, D->R.levels[0][i])) == KD_OK)
            fmpq_set(D->q + i, fmpq_mat_entry(re, 0, 0));
    fmpq_mat_clear(re);
    return st;
}

/* The sign's adversarial inputs 0, 2^-N, -2^-N: where the tower is right
   but never certain, and how late +-2^-N is settled. */
static kd_status
sign_family(kd_sci_demo_t D, int seeded, ulong seed, slong prec_cap, const slong * n, slong nn,
            const slong * N, slong nN)
{
    const slong * lv[1];
    kd_real_t x, t;
    slong i;
    kd_status st = KD_OK;
    lv[0] = n;
    D->nfam = 1 + 2 * nN;
    D->famN = copy_levels(N, nN);
    D->fam = flint_malloc(D->nfam * sizeof(kd_tower_run_struct));
    for (i = 0; i < D->nfam; i++)
        kd_tower_run_init(D->fam + i);
    kd_real_init(x);
    kd_real_init(t);
    for (i = 0; i < D->nfam && st == KD_OK; i++)
    {
        kd_oracle_t O;
        if (i == 0)
            kd_real_zero(x);
        else if (i % 2 == 1)
            kd_real_set_2exp(x, -N[(i - 1) / 2]);
        else
        {
            kd_real_set_2exp(t, -N[(i - 1) / 2]);
            kd_real_neg(x, t);
        }
        st = real_oracle(O, x, seeded, seed, prec_cap);
        if (st == KD_OK)
            st = kd_tower_run(D->fam + i, &D->T, O, lv, &nn);
        kd_oracle_clear(O);
    }
    kd_real_clear(x);
    kd_real_clear(t);
    return st;
}

kd_status
kd_sci_demo_real(kd_sci_demo_t D, kd_sci_demo_kind kind, const kd_real_t x, int seeded,
                 ulong seed, slong prec_cap, const slong * n, slong nn, const slong * N, slong nN,
                 const slong * L, slong nL)
{
    kd_oracle_t O;
    const slong * lv[1];
    slong cap = prec_cap > 0 && prec_cap < 4096 ? prec_cap : 4096;
    kd_status st;

    if (kind != KD_SCI_DEMO_POSITIVE && kind != KD_SCI_DEMO_SIGN)
        return kd_error_set(KD_ERR_ARG, "kd_sci_demo_real: the kind must be positive or sign");
    kd_sci_demo_clear(D);
    kd_sci_demo_init(D);
    D->kind = kind;
    D->r = D->c = 1;
    if (kind == KD_SCI_DEMO_POSITIVE)
    {
        kd_sci_tower_positive(&D->T);
        D->algs = positive_algs;
        D->nalgs = 3;
        D->explanation = expl_positive;
    }
    else
    {
        kd_sci_tower_sign(&D->T);
        D->T.value_name = kd_sci_sign_name;
        D->algs = sign_algs;
        D->nalgs = 1;
        D->explanation = expl_sign;
    }
    lv[0] = n;
    st = real_oracle(O, x, seeded, seed, prec_cap);
    if (st == KD_OK)
        st = kd_tower_run(&D->R, &D->T, O, lv, &nn);
    if (st == KD_OK && kind == KD_SCI_DEMO_SIGN)
        st = sign_family(D, seeded, seed, prec_cap, n, nn, N, nN);
    if (st == KD_OK)
    {
        D->sign_decided = kd_real_sign(&D->sign, x, cap) == KD_OK;
        if (!D->sign_decided)
            kd_error_clear();
        st = read_back(D, O);
    }
    if (st == KD_OK)
        st = demo_adversary(D, L, nL);
    kd_oracle_clear(O);
    return st;
}

int
kd_sci_rank_exact(slong * rank, const kd_mat_t A)
{
    fmpq_mat_t M;
    slong i, j;
    int ok = !A->is_complex;
    fmpq_mat_init(M, A->r, A->c);
    for (i = 0; i < A->r && ok; i++)
        for (j = 0; j < A->c && ok; j++)
            ok = kd_real_get_fmpq(fmpq_mat_entry(M, i, j), kd_mat_entry_re(A, i, j));
    if (ok)
    {
        /* scaling each row by its common denominator keeps the rank */
        fmpz_mat_t Z;
        fmpz * den = _fmpz_vec_init(A->r);
        fmpz_mat_init(Z, A->r, A->c);
        fmpq_mat_get_fmpz_mat_rowwise(Z, den, M);
        *rank = fmpz_mat_rank(Z);
        fmpz_mat_clear(Z);
        _fmpz_vec_clear(den, A->r);
    }
    fmpq_mat_clear(M);
    return ok;
}

kd_status
kd_sci_demo_rank(kd_sci_demo_t D, const kd_mat_t A, int seeded, ulong seed, slong prec_cap,
                 const slong * n, slong nn, const slong * L, slong nL)
{
    kd_oracle_t O;
    const slong * lv[1];
    slong i;
    kd_status st;

    if (A->r < 1 || A->c < 1 || A->r > 64 || A->c > 64)
        return kd_error_set(KD_ERR_ARG, "the matrix is %ld x %ld; sci rank takes sizes 1..64",
                            A->r, A->c);
    kd_sci_demo_clear(D);
    kd_sci_demo_init(D);
    D->kind = KD_SCI_DEMO_RANK;
    D->r = A->r;
    D->c = A->c;
    D->is_complex = A->is_complex;
    kd_sci_tower_rank(&D->T);
    D->algs = rank_algs;
    D->nalgs = 1;
    D->explanation = expl_rank;
    lv[0] = n;
    st = seeded ? kd_sci_oracle_init_random(O, A, seed) : kd_oracle_init_mat(O, A);
    if (st == KD_OK)
    {
        kd_oracle_set_prec_cap(O, prec_cap);
        st = kd_tower_run(&D->R, &D->T, O, lv, &nn);
    }
    kd_oracle_clear(O);
    if (st != KD_OK)
        return st;
    for (i = 0; i < D->R.count; i++)
        D->best = FLINT_MAX(D->best, D->R.out[i].value);
    if (kd_sci_rank_exact(&D->exact_rank, A))
        D->exact_field = 0;
    else
    {
        /* irrational entries: exactly in the cyclotomic field of the
           expressions when there is one (kdigits/alg.h) */
        slong Lc = 1, r;
        D->exact_rank = -1;
        if (kd_cyclo_conductor_mat(&Lc, A, 0) == KD_OK && kd_alg_mat_rank(&r, A, 0) == KD_OK)
        {
            D->exact_rank = r;
            D->exact_field = Lc;
        }
        else
            snprintf(D->exact_why, sizeof D->exact_why, "%s", kd_error_message());
    }
    return demo_adversary(D, L, nL);
}
