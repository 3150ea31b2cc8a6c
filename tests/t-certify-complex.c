/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for the certified truth of complex problems (proofs-notes/
   solvers.md §3c): closed-form minimisers of unitary-diagonal instances
   (P1, P2, P3), known BP minimisers (1-sparse x0 under the coherence
   condition), and randomized containment: the certified minimiser is never
   beaten by a feasible perturbation, agrees with the exact constraint and
   with independent duality-gap bounds. */
#include <stdlib.h>
#include "testutil.h"
#include "kdigits/solve.h"

#define PREC 256

/* z = a random Gaussian rational (p1 + i p2)/d, |p| <= num, d <= den. */
static void
rand_gauss(kd_complex_t z, fmpq_t re, fmpq_t im, flint_rand_t st, slong num, ulong den)
{
    kd_real_t a, b;
    kd_real_init(a);
    kd_real_init(b);
    kd_test_rand_fmpq(re, st, num, den);
    kd_test_rand_fmpq(im, st, num, den);
    kd_real_set_fmpq(a, re);
    kd_real_set_fmpq(b, im);
    kd_complex_set_real_imag(z, a, b);
    kd_real_clear(a);
    kd_real_clear(b);
}

static void
set_q(kd_mat_t M, slong i, slong j, const fmpq_t re, const fmpq_t im)
{
    kd_complex_t z;
    kd_real_t a, b;
    kd_complex_init(z);
    kd_real_init(a);
    kd_real_init(b);
    kd_real_set_fmpq(a, re);
    kd_real_set_fmpq(b, im);
    kd_complex_set_real_imag(z, a, b);
    kd_mat_set_entry(M, i, j, z);
    kd_complex_clear(z);
    kd_real_clear(a);
    kd_real_clear(b);
}

/* The certified truth of P (asserting only KD_OK). */
static kd_truth
truth_of(kd_truth_set_t T, const kd_problem_t P)
{
    kd_assert_ok(kd_truth_set_compute(T, P, 64, PREC));
    return T->found;
}

/* Whether the ball vector (xr + i xi) contains the reference (rr + i ri). */
static int
contains(const kd_truth_set_t T, const arb_mat_t rr, const arb_mat_t ri)
{
    slong j;
    for (j = 0; j < arb_mat_nrows(rr); j++)
        if (!arb_overlaps(arb_mat_entry(&T->x, j, 0), arb_mat_entry(rr, j, 0))
            || !arb_overlaps(arb_mat_entry(&T->xi, j, 0), arb_mat_entry(ri, j, 0)))
            return 0;
    return 1;
}

/* ------------------------------------------------------------------
   Unitary-diagonal A = diag(d_j), d_j in {1, i, -1, -i} times s_j > 0
   rational: the problems separate, z_j = conj(d_j) y_j / s_j.
   P2: x_j = z_j (1 - lambda w_j / (2 s_j^2 |z_j|))_+.
   P3, P1 (s = 1, w = 1): x_j = z_j (1 - tau/|z_j|)_+ with the residual
   r_j = min(|z_j|, tau) in modulus; P3: tau = lambda ||r||, P1: ||r|| = eta.
   Reference arithmetic: plain arb on sorted moduli, independent of the
   library's KKT system. */

static void
diag_reference(arb_mat_t rr, arb_mat_t ri, kd_problem_kind kind, const arb_t param,
               const acb_mat_t z, const arb_mat_t s, slong N)
{
    slong j, k;
    arb_t a, t, tau, soff;
    arb_ptr mods;
    arb_init(a);
    arb_init(t);
    arb_init(tau);
    arb_init(soff);
    mods = _arb_vec_init(N);
    for (j = 0; j < N; j++)
        acb_abs(mods + j, acb_mat_entry(z, j, 0), PREC);
    if (kind == KD_PROBLEM_P2)
    {
        for (j = 0; j < N; j++)
        {
            arb_mul(t, arb_mat_entry(s, j, 0), arb_mat_entry(s, j, 0), PREC);
            arb_mul(t, t, mods + j, PREC);
            arb_mul_2exp_si(t, t, 1);
            arb_div(t, param, t, PREC);
            arb_sub_ui(t, t, 1, PREC);
            arb_neg(t, t);                      /* 1 - lambda/(2 s^2 |z|) */
            if (!arb_is_positive(t))
                arb_zero(t);
            arb_mul(arb_mat_entry(rr, j, 0), acb_realref(acb_mat_entry(z, j, 0)), t, PREC);
            arb_mul(arb_mat_entry(ri, j, 0), acb_imagref(acb_mat_entry(z, j, 0)), t, PREC);
        }
    }
    else
    {
        /* tau from the k largest moduli kept (k = 0..N): consistent when
           |z|_(k) > tau >= |z|_(k+1) (order statistics by counting) */
        arb_indeterminate(tau);
        for (k = 0; k <= N; k++)
        {
            slong above = 0, below = 0;
            arb_t cand;
            arb_init(cand);
            /* soff = sum of |z_l|^2 over the N - k smallest moduli */
            arb_zero(soff);
            {
                /* sort moduli descending by midpoint (a reference only) */
                slong * idx = flint_malloc(N * sizeof(slong)), p, q;
                for (p = 0; p < N; p++)
                    idx[p] = p;
                for (p = 0; p < N; p++)
                    for (q = p + 1; q < N; q++)
                        if (arf_cmp(arb_midref(mods + idx[q]), arb_midref(mods + idx[p])) > 0)
                        {
                            slong u = idx[p];
                            idx[p] = idx[q];
                            idx[q] = u;
                        }
                for (p = k; p < N; p++)
                    arb_addmul(soff, mods + idx[p], mods + idx[p], PREC);
                flint_free(idx);
            }
            if (kind == KD_PROBLEM_P3)
            {
                /* tau^2 (1 - lambda^2 k) = lambda^2 soff */
                arb_mul(a, param, param, PREC);
                arb_mul_si(t, a, k, PREC);
                arb_sub_ui(t, t, 1, PREC);
                arb_neg(t, t);
                if (!arb_is_positive(t))
                {
                    arb_clear(cand);
                    continue;
                }
                arb_mul(cand, a, soff, PREC);
                arb_div(cand, cand, t, PREC);
                arb_sqrtpos(cand, cand, PREC);
            }
            else
            {
                /* k tau^2 + soff = eta^2 */
                if (k == 0)
                {
                    arb_clear(cand);
                    continue;
                }
                arb_mul(t, param, param, PREC);
                arb_sub(t, t, soff, PREC);
                if (!arb_is_positive(t))
                {
                    arb_clear(cand);
                    continue;
                }
                arb_div_si(cand, t, k, PREC);
                arb_sqrtpos(cand, cand, PREC);
            }
            for (j = 0; j < N; j++)
            {
                if (arb_gt(mods + j, cand))
                    above++;
                else if (arb_le(mods + j, cand))
                    below++;
            }
            if (above == k && below == N - k)
                arb_set(tau, cand);
            arb_clear(cand);
        }
        for (j = 0; j < N; j++)
        {
            arb_div(t, tau, mods + j, PREC);
            arb_sub_ui(t, t, 1, PREC);
            arb_neg(t, t);
            if (arb_is_nonpositive(t) || !arb_is_finite(tau))
                arb_zero(t);
            if (!arb_is_finite(tau))
                arb_indeterminate(t);
            arb_mul(arb_mat_entry(rr, j, 0), acb_realref(acb_mat_entry(z, j, 0)), t, PREC);
            arb_mul(arb_mat_entry(ri, j, 0), acb_imagref(acb_mat_entry(z, j, 0)), t, PREC);
        }
    }
    arb_clear(a);
    arb_clear(t);
    arb_clear(tau);
    arb_clear(soff);
    _arb_vec_clear(mods, N);
}

static void
run_diag(kd_problem_kind kind, slong cases, ulong salt)
{
    flint_rand_t st;
    slong c, found = 0, j;
    kd_test_randinit(st, salt);
    for (c = 0; c < cases; c++)
    {
        slong N = 2 + n_randint(st, 5);
        kd_mat_t A, y;
        kd_real_t par;
        kd_problem_t P;
        kd_truth_set_t T;
        acb_mat_t z;
        arb_mat_t s, rr, ri;
        arb_t pb;
        fmpq_t re, im, q;
        kd_complex_t e;
        kd_mat_init(A, N, N);
        kd_mat_init(y, N, 1);
        kd_real_init(par);
        acb_mat_init(z, N, 1);
        arb_mat_init(s, N, 1);
        arb_mat_init(rr, N, 1);
        arb_mat_init(ri, N, 1);
        arb_init(pb);
        fmpq_init(re);
        fmpq_init(im);
        fmpq_init(q);
        kd_complex_init(e);
        for (j = 0; j < N; j++)
        {
            slong u = n_randint(st, 4);
            acb_t d, yy;
            acb_init(d);
            acb_init(yy);
            fmpq_set_si(q, 1, 1);
            if (kind == KD_PROBLEM_P2)
                fmpq_set_si(q, 1 + n_randint(st, 3), 1 + n_randint(st, 2));
            fmpq_zero(re);
            fmpq_zero(im);
            if (u == 0 || u == 2)
                fmpq_set_si(re, u == 0 ? 1 : -1, 1);
            else
                fmpq_set_si(im, u == 1 ? 1 : -1, 1);
            fmpq_mul(re, re, q);
            fmpq_mul(im, im, q);
            set_q(A, j, j, re, im);
            arb_set_fmpq(acb_realref(d), re, PREC);
            arb_set_fmpq(acb_imagref(d), im, PREC);
            arb_set_fmpq(arb_mat_entry(s, j, 0), q, PREC);
            rand_gauss(e, re, im, st, 9, 4);
            kd_mat_set_entry(y, j, 0, e);
            arb_set_fmpq(acb_realref(yy), re, PREC);
            arb_set_fmpq(acb_imagref(yy), im, PREC);
            /* z = conj(d) y / s^2 (d = s * unit) */
            acb_conj(d, d);
            acb_mul(yy, yy, d, PREC);
            arb_mul(acb_realref(d), arb_mat_entry(s, j, 0), arb_mat_entry(s, j, 0), PREC);
            arb_zero(acb_imagref(d));
            acb_div(acb_mat_entry(z, j, 0), yy, d, PREC);
            acb_clear(d);
            acb_clear(yy);
        }
        /* lambda in (0, 4], or lambda^2 N < 1 sometimes for P3; eta small */
        if (kind == KD_PROBLEM_P1)
            fmpq_set_si(q, 1 + n_randint(st, 8), 4);
        else if (kind == KD_PROBLEM_P3)
            fmpq_set_si(q, 1 + n_randint(st, 6), 8);
        else
            fmpq_set_si(q, 1 + n_randint(st, 16), 4);
        kd_real_set_fmpq(par, q);
        arb_set_fmpq(pb, q, PREC);
        kd_assert_ok(kd_problem_init(P, kind, A, y, NULL, par, 0));
        kd_truth_set_init(T, N);
        diag_reference(rr, ri, kind, pb, z, s, N);
        if (truth_of(T, P) == KD_TRUE)
        {
            found++;
            ck_assert_msg(contains(T, rr, ri), "%s case %ld (seed %lu): the certified truth "
                          "misses the closed form", kd_problem_kind_name(kind), c,
                          kd_test_seed(salt));
        }
        kd_truth_set_clear(T);
        kd_problem_clear(P);
        kd_mat_clear(A);
        kd_mat_clear(y);
        kd_real_clear(par);
        acb_mat_clear(z);
        arb_mat_clear(s);
        arb_mat_clear(rr);
        arb_mat_clear(ri);
        arb_clear(pb);
        fmpq_clear(re);
        fmpq_clear(im);
        fmpq_clear(q);
        kd_complex_clear(e);
    }
    /* not vacuous: most cases are certified */
    ck_assert_msg(found * 10 >= cases * 9, "%s: only %ld of %ld certified (seed %lu)",
                  kd_problem_kind_name(kind), found, cases, kd_test_seed(salt));
    flint_randclear(st);
}

START_TEST(test_p2_diag)
{
    run_diag(KD_PROBLEM_P2, 300, 1101);
}
END_TEST

START_TEST(test_p3_diag)
{
    run_diag(KD_PROBLEM_P3, 300, 1102);
}
END_TEST

START_TEST(test_p1_diag)
{
    run_diag(KD_PROBLEM_P1, 300, 1103);
}
END_TEST

/* ------------------------------------------------------------------
   Random Gaussian-rational instances. */

typedef struct
{
    slong m, N;
    fmpq_mat_t Ar, Ai, yr, yi;
    kd_mat_t A, y;
}
inst;

static void
inst_init(inst * I, slong m, slong N)
{
    I->m = m;
    I->N = N;
    fmpq_mat_init(I->Ar, m, N);
    fmpq_mat_init(I->Ai, m, N);
    fmpq_mat_init(I->yr, m, 1);
    fmpq_mat_init(I->yi, m, 1);
    kd_mat_init(I->A, m, N);
    kd_mat_init(I->y, m, 1);
}

static void
inst_clear(inst * I)
{
    fmpq_mat_clear(I->Ar);
    fmpq_mat_clear(I->Ai);
    fmpq_mat_clear(I->yr);
    fmpq_mat_clear(I->yi);
    kd_mat_clear(I->A);
    kd_mat_clear(I->y);
}

/* The kd matrices from the rational parts. */
static void
inst_sync(inst * I)
{
    slong i, j;
    for (i = 0; i < I->m; i++)
    {
        for (j = 0; j < I->N; j++)
            set_q(I->A, i, j, fmpq_mat_entry(I->Ar, i, j), fmpq_mat_entry(I->Ai, i, j));
        set_q(I->y, i, 0, fmpq_mat_entry(I->yr, i, 0), fmpq_mat_entry(I->yi, i, 0));
    }
}

/* y = A x0 exactly (x0 = xr + i xi). */
static void
inst_set_y(inst * I, const fmpq_mat_t xr, const fmpq_mat_t xi)
{
    fmpq_mat_t t;
    fmpq_mat_init(t, I->m, 1);
    fmpq_mat_mul(I->yr, I->Ar, xr);
    fmpq_mat_mul(t, I->Ai, xi);
    fmpq_mat_sub(I->yr, I->yr, t);
    fmpq_mat_mul(I->yi, I->Ar, xi);
    fmpq_mat_mul(t, I->Ai, xr);
    fmpq_mat_add(I->yi, I->yi, t);
    fmpq_mat_clear(t);
}

/* Reference evaluation (plain arb, not the library's): f at x = xr + i xi
   (balls), and ||A x - y||^2. */
static void
ref_objective(arb_t f, arb_t r2, const inst * I, const arb_mat_t xr, const arb_mat_t xi,
              const arb_mat_t w, kd_problem_kind kind, const arb_t param)
{
    slong i, j;
    arb_t re, im, t;
    arb_init(re);
    arb_init(im);
    arb_init(t);
    arb_zero(f);
    arb_zero(r2);
    for (j = 0; j < I->N; j++)
    {
        arb_hypot(t, arb_mat_entry(xr, j, 0), arb_mat_entry(xi, j, 0), PREC);
        if (w != NULL)
            arb_mul(t, t, arb_mat_entry(w, j, 0), PREC);
        arb_add(f, f, t, PREC);
    }
    for (i = 0; i < I->m; i++)
    {
        arb_set_fmpq(re, fmpq_mat_entry(I->yr, i, 0), PREC);
        arb_set_fmpq(im, fmpq_mat_entry(I->yi, i, 0), PREC);
        arb_neg(re, re);
        arb_neg(im, im);
        for (j = 0; j < I->N; j++)
        {
            arb_set_fmpq(t, fmpq_mat_entry(I->Ar, i, j), PREC);
            arb_addmul(re, t, arb_mat_entry(xr, j, 0), PREC);
            arb_addmul(im, t, arb_mat_entry(xi, j, 0), PREC);
            arb_set_fmpq(t, fmpq_mat_entry(I->Ai, i, j), PREC);
            arb_submul(re, t, arb_mat_entry(xi, j, 0), PREC);
            arb_addmul(im, t, arb_mat_entry(xr, j, 0), PREC);
        }
        arb_addmul(r2, re, re, PREC);
        arb_addmul(r2, im, im, PREC);
    }
    if (kind == KD_PROBLEM_P2 || kind == KD_PROBLEM_P3)
    {
        arb_mul(f, f, param, PREC);
        if (kind == KD_PROBLEM_P2)
            arb_add(f, f, r2, PREC);
        else
        {
            arb_sqrtpos(t, r2, PREC);
            arb_add(f, f, t, PREC);
        }
    }
    arb_clear(re);
    arb_clear(im);
    arb_clear(t);
}

/* BP on Gaussian-integer A with y = A x0. 1-sparse x0 with weights
   w_j = ||a_j|| and mutual coherence < 1 (decided exactly): x0 is the unique
   minimiser (Tropp 2006: k < (1 + 1/mu)/2, on the normalised columns), so
   a certified truth must be x0 exactly. 2-sparse x0, unit weights: the
   certified truth x* must satisfy A x* = y (not refuted by balls), and
   neither x0 nor x* + t h (h in the null space of A, exact) may be proved
   better. */
static void
run_bp(slong cases, int sparsity, ulong salt)
{
    flint_rand_t st;
    slong c, found = 0, known = 0, i, j, l;
    kd_test_randinit(st, salt);
    for (c = 0; c < cases; c++)
    {
        slong m = 3 + n_randint(st, 3), N = m + 1 + n_randint(st, m + 1);
        inst I;
        fmpq_mat_t xr, xi, R, NS;
        kd_mat_t W;
        arb_mat_t w, ar, ai, hr, hi;
        arb_t f0, fs, ft, r2;
        kd_problem_t P;
        kd_truth_set_t T;
        int coherent = 1;
        inst_init(&I, m, N);
        fmpq_mat_init(xr, N, 1);
        fmpq_mat_init(xi, N, 1);
        kd_mat_init(W, N, 1);
        arb_mat_init(w, N, 1);
        arb_mat_init(ar, N, 1);
        arb_mat_init(ai, N, 1);
        arb_mat_init(hr, N, 1);
        arb_mat_init(hi, N, 1);
        arb_init(f0);
        arb_init(fs);
        arb_init(ft);
        arb_init(r2);
        kd_test_rand_fmpq_mat(I.Ar, st, 3, 1);
        kd_test_rand_fmpq_mat(I.Ai, st, 3, 1);
        for (l = 0; l < sparsity; l++)
        {
            j = n_randint(st, N);
            kd_test_rand_fmpq(fmpq_mat_entry(xr, j, 0), st, 5, 2);
            kd_test_rand_fmpq(fmpq_mat_entry(xi, j, 0), st, 5, 2);
        }
        inst_set_y(&I, xr, xi);
        inst_sync(&I);
        /* weights: ||a_j|| (1-sparse) or 1 */
        for (j = 0; j < N; j++)
        {
            fmpq_t n2;
            kd_real_t r;
            fmpq_init(n2);
            kd_real_init(r);
            for (i = 0; i < m && sparsity == 1; i++)
            {
                fmpq_addmul(n2, fmpq_mat_entry(I.Ar, i, j), fmpq_mat_entry(I.Ar, i, j));
                fmpq_addmul(n2, fmpq_mat_entry(I.Ai, i, j), fmpq_mat_entry(I.Ai, i, j));
            }
            if (sparsity != 1)
                fmpq_one(n2);
            if (fmpq_is_zero(n2))
                coherent = 0, fmpq_one(n2);
            kd_real_set_fmpq(r, n2);
            kd_assert_ok(kd_real_sqrt(r, r));
            kd_mat_set_entry_real(W, j, 0, r);
            kd_assert_ok(kd_real_eval_arb(arb_mat_entry(w, j, 0), r, PREC));
            /* coherence < 1: no two columns parallel, |a_j^H a_l|^2 < ||a_j||^2 ||a_l||^2 */
            for (l = 0; l < j && sparsity == 1; l++)
            {
                fmpq_t re, im, nl, a, b;
                fmpq_init(re);
                fmpq_init(im);
                fmpq_init(nl);
                fmpq_init(a);
                fmpq_init(b);
                for (i = 0; i < m; i++)
                {
                    fmpq_addmul(re, fmpq_mat_entry(I.Ar, i, j), fmpq_mat_entry(I.Ar, i, l));
                    fmpq_addmul(re, fmpq_mat_entry(I.Ai, i, j), fmpq_mat_entry(I.Ai, i, l));
                    fmpq_addmul(im, fmpq_mat_entry(I.Ar, i, j), fmpq_mat_entry(I.Ai, i, l));
                    fmpq_submul(im, fmpq_mat_entry(I.Ai, i, j), fmpq_mat_entry(I.Ar, i, l));
                    fmpq_addmul(nl, fmpq_mat_entry(I.Ar, i, l), fmpq_mat_entry(I.Ar, i, l));
                    fmpq_addmul(nl, fmpq_mat_entry(I.Ai, i, l), fmpq_mat_entry(I.Ai, i, l));
                }
                fmpq_mul(a, re, re);
                fmpq_addmul(a, im, im);
                fmpq_mul(b, n2, nl);
                if (fmpq_cmp(a, b) >= 0)
                    coherent = 0;
                fmpq_clear(re);
                fmpq_clear(im);
                fmpq_clear(nl);
                fmpq_clear(a);
                fmpq_clear(b);
            }
            fmpq_clear(n2);
            kd_real_clear(r);
        }
        kd_assert_ok(kd_problem_init(P, KD_PROBLEM_BP, I.A, I.y, W, NULL, 0));
        kd_truth_set_init(T, N);
        if (truth_of(T, P) == KD_TRUE)
        {
            found++;
            arb_mat_set_fmpq_mat(ar, xr, PREC);
            arb_mat_set_fmpq_mat(ai, xi, PREC);
            if (sparsity == 1 && coherent)
            {
                known++;
                ck_assert_msg(contains(T, ar, ai), "BP case %ld (seed %lu): the certified truth "
                              "is not x0", c, kd_test_seed(salt));
            }
            ref_objective(f0, r2, &I, ar, ai, w, KD_PROBLEM_BP, NULL);
            ref_objective(fs, r2, &I, &T->x, &T->xi, w, KD_PROBLEM_BP, NULL);
            ck_assert_msg(arb_contains_zero(r2), "BP case %ld (seed %lu): A x* = y refuted",
                          c, kd_test_seed(salt));
            ck_assert_msg(!arb_gt(fs, f0), "BP case %ld (seed %lu): x0 beats the truth",
                          c, kd_test_seed(salt));
            /* exact null space of the real form [Ar, -Ai; Ai, Ar] */
            fmpq_mat_init(R, 2 * m, 2 * N);
            for (i = 0; i < m; i++)
                for (j = 0; j < N; j++)
                {
                    fmpq_set(fmpq_mat_entry(R, i, j), fmpq_mat_entry(I.Ar, i, j));
                    fmpq_neg(fmpq_mat_entry(R, i, N + j), fmpq_mat_entry(I.Ai, i, j));
                    fmpq_set(fmpq_mat_entry(R, m + i, j), fmpq_mat_entry(I.Ai, i, j));
                    fmpq_set(fmpq_mat_entry(R, m + i, N + j), fmpq_mat_entry(I.Ar, i, j));
                }
            {
                fmpz_mat_t Z, NZ;
                fmpz_t den;
                slong nul, d, q;
                fmpz_mat_init(Z, 2 * m, 2 * N);
                fmpz_init(den);
                fmpq_mat_get_fmpz_mat_matwise(Z, den, R);
                fmpz_mat_init(NZ, 2 * N, 2 * N);
                nul = fmpz_mat_nullspace(NZ, Z);
                fmpq_mat_init(NS, 2 * N, 1);
                for (d = 0; d < nul && d < 4; d++)
                    for (q = 0; q < 2; q++)
                    {
                        /* x* + t h, t = 2^-(3 + 7q) / max|h| scale-free enough */
                        for (j = 0; j < N; j++)
                        {
                            arb_set_fmpz(arb_mat_entry(hr, j, 0), fmpz_mat_entry(NZ, j, d));
                            arb_set_fmpz(arb_mat_entry(hi, j, 0), fmpz_mat_entry(NZ, N + j, d));
                        }
                        arb_mat_scalar_mul_2exp_si(hr, hr, -3 - 7 * q);
                        arb_mat_scalar_mul_2exp_si(hi, hi, -3 - 7 * q);
                        arb_mat_add(hr, hr, &T->x, PREC);
                        arb_mat_add(hi, hi, &T->xi, PREC);
                        ref_objective(ft, r2, &I, hr, hi, w, KD_PROBLEM_BP, NULL);
                        ck_assert_msg(!arb_lt(ft, fs), "BP case %ld (seed %lu): a feasible "
                                      "point beats the certified truth", c, kd_test_seed(salt));
                    }
                fmpq_mat_clear(NS);
                fmpz_mat_clear(Z);
                fmpz_mat_clear(NZ);
                fmpz_clear(den);
            }
            fmpq_mat_clear(R);
        }
        else if (getenv("KD_DEBUG"))
            flint_printf("m %wd N %wd: %s\n", m, N, T->how);
        kd_truth_set_clear(T);
        kd_problem_clear(P);
        inst_clear(&I);
        fmpq_mat_clear(xr);
        fmpq_mat_clear(xi);
        kd_mat_clear(W);
        arb_mat_clear(w);
        arb_mat_clear(ar);
        arb_mat_clear(ai);
        arb_mat_clear(hr);
        arb_mat_clear(hi);
        arb_clear(f0);
        arb_clear(fs);
        arb_clear(ft);
        arb_clear(r2);
    }
    ck_assert_msg(found * 10 >= cases * 8, "BP: only %ld of %ld certified (seed %lu)",
                  found, cases, kd_test_seed(salt));
    ck_assert(sparsity != 1 || known * 2 >= cases);
    flint_randclear(st);
}

START_TEST(test_bp_1sparse)
{
    run_bp(300, 1, 1201);
}
END_TEST

START_TEST(test_bp_2sparse)
{
    run_bp(300, 2, 1202);
}
END_TEST

/* P1, P2, P3 on random Gaussian-rational data: the certified truth x* is
   never beaten by a perturbation (P1: by a perturbation proved feasible),
   and for P2 the independent duality-gap bound (§4) at the midpoint of x*
   is tiny and consistent with f(x*). */
static void
run_random(kd_problem_kind kind, slong cases, ulong salt)
{
    flint_rand_t st;
    slong c, found = 0, q, j;
    kd_test_randinit(st, salt);
    for (c = 0; c < cases; c++)
    {
        slong m = 2 + n_randint(st, 4), N = 2 + n_randint(st, 6);
        inst I;
        kd_real_t par;
        kd_problem_t P;
        kd_truth_set_t T;
        fmpq_t lam;
        arb_t pb, fs, ft, r2, e2;
        arb_mat_t hr, hi;
        inst_init(&I, m, N);
        kd_real_init(par);
        fmpq_init(lam);
        arb_init(pb);
        arb_init(fs);
        arb_init(ft);
        arb_init(r2);
        arb_init(e2);
        arb_mat_init(hr, N, 1);
        arb_mat_init(hi, N, 1);
        kd_test_rand_fmpq_mat(I.Ar, st, 4, 3);
        kd_test_rand_fmpq_mat(I.Ai, st, 4, 3);
        kd_test_rand_fmpq_mat(I.yr, st, 6, 2);
        kd_test_rand_fmpq_mat(I.yi, st, 6, 2);
        inst_sync(&I);
        fmpq_set_si(lam, 1 + n_randint(st, 12), 1 + n_randint(st, 6));
        kd_real_set_fmpq(par, lam);
        arb_set_fmpq(pb, lam, PREC);
        arb_mul(e2, pb, pb, PREC);
        kd_assert_ok(kd_problem_init(P, kind, I.A, I.y, NULL, par, 0));
        kd_truth_set_init(T, N);
        if (truth_of(T, P) == KD_TRUE)
        {
            found++;
            ref_objective(fs, r2, &I, &T->x, &T->xi, NULL, kind, pb);
            if (kind == KD_PROBLEM_P1)
                ck_assert_msg(!arb_gt(r2, e2), "P1 case %ld (seed %lu): x* infeasible",
                              c, kd_test_seed(salt));
            for (q = 0; q < 6; q++)
            {
                for (j = 0; j < N; j++)
                {
                    fmpq_t a;
                    fmpq_init(a);
                    kd_test_rand_fmpq(a, st, 8, 1);
                    arb_set_fmpq(arb_mat_entry(hr, j, 0), a, PREC);
                    kd_test_rand_fmpq(a, st, 8, 1);
                    arb_set_fmpq(arb_mat_entry(hi, j, 0), a, PREC);
                    fmpq_clear(a);
                }
                arb_mat_scalar_mul_2exp_si(hr, hr, -4 - 5 * q);
                arb_mat_scalar_mul_2exp_si(hi, hi, -4 - 5 * q);
                arb_mat_add(hr, hr, &T->x, PREC);
                arb_mat_add(hi, hi, &T->xi, PREC);
                ref_objective(ft, r2, &I, hr, hi, NULL, kind, pb);
                if (kind == KD_PROBLEM_P1 && !arb_le(r2, e2))
                    continue;
                ck_assert_msg(!arb_lt(ft, fs), "%s case %ld (seed %lu): a perturbation beats "
                              "the certified truth", kd_problem_kind_name(kind), c,
                              kd_test_seed(salt));
            }
            if (kind == KD_PROBLEM_P2)
            {
                fmpq_mat_t mr, mi;
                arb_t gap, fh;
                fmpq_mat_init(mr, N, 1);
                fmpq_mat_init(mi, N, 1);
                arb_init(gap);
                arb_init(fh);
                for (j = 0; j < N; j++)
                {
                    arf_get_fmpq(fmpq_mat_entry(mr, j, 0), arb_midref(arb_mat_entry(&T->x, j, 0)));
                    arf_get_fmpq(fmpq_mat_entry(mi, j, 0), arb_midref(arb_mat_entry(&T->xi, j, 0)));
                }
                kd_assert_ok(kd_certify_gap_bound(gap, P, mr, mi, PREC));
                kd_assert_ok(kd_certify_objective(fh, P, mr, mi, PREC));
                ck_assert_msg(arf_cmpabs_2exp_si(arb_midref(gap), -100) < 0,
                              "P2 case %ld (seed %lu): the gap at x* is not tiny", c,
                              kd_test_seed(salt));
                arb_sub(fh, fh, gap, PREC);
                arb_sub(fh, fh, fs, PREC);
                ck_assert_msg(!arb_is_positive(fh), "P2 case %ld (seed %lu): f(x*) below the "
                              "dual bound", c, kd_test_seed(salt));
                fmpq_mat_clear(mr);
                fmpq_mat_clear(mi);
                arb_clear(gap);
                arb_clear(fh);
            }
        }
        kd_truth_set_clear(T);
        kd_problem_clear(P);
        inst_clear(&I);
        kd_real_clear(par);
        fmpq_clear(lam);
        arb_clear(pb);
        arb_clear(fs);
        arb_clear(ft);
        arb_clear(r2);
        arb_clear(e2);
        arb_mat_clear(hr);
        arb_mat_clear(hi);
    }
    ck_assert_msg(found * 10 >= cases * 7, "%s: only %ld of %ld certified (seed %lu)",
                  kd_problem_kind_name(kind), found, cases, kd_test_seed(salt));
    flint_randclear(st);
}

START_TEST(test_p2_random)
{
    run_random(KD_PROBLEM_P2, 300, 1301);
}
END_TEST

START_TEST(test_p3_random)
{
    run_random(KD_PROBLEM_P3, 300, 1302);
}
END_TEST

START_TEST(test_p1_random)
{
    run_random(KD_PROBLEM_P1, 300, 1303);
}
END_TEST

Suite *
kd_suite_certify_complex(void)
{
    Suite * s = suite_create("certify-complex");
    TCase * tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_p2_diag);
    tcase_add_test(tc, test_p3_diag);
    tcase_add_test(tc, test_p1_diag);
    tcase_add_test(tc, test_bp_1sparse);
    tcase_add_test(tc, test_bp_2sparse);
    tcase_add_test(tc, test_p2_random);
    tcase_add_test(tc, test_p3_random);
    tcase_add_test(tc, test_p1_random);
    suite_add_tcase(s, tc);
    return s;
}
