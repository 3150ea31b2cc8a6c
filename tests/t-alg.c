/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for the exact algebraic module: cyclotomic values against
   Arb enclosures of the same expressions (containment), known identities
   decided exactly (and their perturbations refuted), ranks against FLINT's
   rational rank and against matrices of known rank, exact solves checked by
   substitution, and the qqbar fallback. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "kdigits/alg.h"
#include "kdigits/certify.h"
#include "kdigits/lp.h"
#include "kdigits/truth.h"

#define PREC 256

static void
parse_real(kd_real_t x, const char * s)
{
    kd_status st = kd_real_parse(x, s);
    ck_assert_msg(st == KD_OK, "parse %s: %s", s, kd_error_message());
}

/* Converts x in its own field and checks the enclosure of the field
   element overlaps the Arb evaluation of the expression, with a small
   radius: both contain the true value. */
static int
check_real_contained(const kd_real_t x, const char * what, ulong seed)
{
    slong L = 1;
    kd_cyclo_t K;
    nf_elem_t a;
    arb_t e, r;
    kd_status st = kd_cyclo_conductor_real(&L, x, 0);
    if (st == KD_ERR_UNSUPPORTED && seed != 0)
        return 0;   /* random: the field is above the degree cap */
    kd_assert_ok(st);
    kd_assert_ok(kd_cyclo_init(K, L, 0));
    nf_elem_init(a, K->nf);
    kd_assert_ok(kd_cyclo_set_real(a, x, K));
    ck_assert_msg(kd_cyclo_is_real(a, K), "%s not real in Q(zeta_%ld) (seed %lu)", what, L, seed);
    arb_init(e);
    arb_init(r);
    kd_cyclo_enclose_arb(e, a, K, PREC);
    kd_assert_ok(kd_real_eval_arb(r, x, PREC));
    ck_assert_msg(arb_overlaps(e, r), "%s: field value and expression disagree (seed %lu)", what, seed);
    ck_assert_msg(arb_rel_accuracy_bits(e) > PREC - 40 || arb_contains_zero(e),
                  "%s: loose enclosure (seed %lu)", what, seed);
    arb_clear(e);
    arb_clear(r);
    nf_elem_clear(a, K->nf);
    kd_cyclo_clear(K);
    return 1;
}

/* A random expression in the cyclotomic grammar, depth-limited. */
static void
rand_expr(kd_real_t x, flint_rand_t st, int depth)
{
    fmpq_t q;
    kd_real_t a, b;
    ulong kind = depth <= 0 ? n_randint(st, 4) : n_randint(st, 9);
    fmpq_init(q);
    kd_real_init(a);
    kd_real_init(b);
    switch (kind)
    {
        case 0:
            kd_test_rand_fmpq(q, st, 20, 9);
            kd_real_set_fmpq(x, q);
            break;
        case 1:
            kd_test_rand_fmpq(q, st, 40, 12);
            kd_real_cos_pi_fmpq(x, q);
            break;
        case 2:
            kd_test_rand_fmpq(q, st, 40, 12);
            kd_real_sin_pi_fmpq(x, q);
            break;
        case 3:
            kd_test_rand_fmpq(q, st, 12, 6);
            fmpq_abs(q, q);
            kd_real_set_fmpq(a, q);
            kd_assert_ok(kd_real_sqrt(x, a));
            break;
        case 4:
        case 5:
            rand_expr(a, st, depth - 1);
            rand_expr(b, st, depth - 1);
            kind == 4 ? kd_real_add(x, a, b) : kd_real_sub(x, a, b);
            break;
        case 6:
        case 7:
            rand_expr(a, st, depth - 1);
            rand_expr(b, st, depth - 1);
            kd_real_mul(x, a, b);
            break;
        default:
            rand_expr(a, st, depth - 1);
            kd_real_neg(x, a);
    }
    fmpq_clear(q);
    kd_real_clear(a);
    kd_real_clear(b);
}

START_TEST(test_containment)
{
    flint_rand_t st;
    kd_real_t x;
    slong iter, done = 0;
    const char * fixed[] = { "sqrt(2)", "sqrt(3)", "sqrt(6)/7", "sqrt(15)", "sqrt(2/8)*cospi(3/16)",
                             "sinpi(5/12)", "cos(3*pi/7)", "sqrt(30)-sqrt(5)", "cospi(1/9)^3",
                             "1/(sqrt(2)+sqrt(3))", "sqrt(11)*sinpi(1/11)", "sqrt(1/12)" };
    ulong k;
    kd_test_randinit(st, 3001);
    kd_real_init(x);
    for (k = 0; k < sizeof fixed / sizeof fixed[0]; k++)
    {
        parse_real(x, fixed[k]);
        check_real_contained(x, fixed[k], 0);
    }
    for (iter = 0; iter < 400; iter++)
    {
        rand_expr(x, st, 3);
        done += check_real_contained(x, "random expression", kd_test_seed(3001));
    }
    ck_assert_msg(done >= 300, "only %ld of 400 random expressions within the cap", done);
    flint_randclear(st);
    kd_real_clear(x);
}
END_TEST

START_TEST(test_complex_values)
{
    const char * cases[] = { "cispi(1/3)", "cispi(2/5) + i*sqrt(2)", "(1+i)/sqrt(2)", "cispi(-7/12)*sqrt(3)" };
    ulong k;
    kd_complex_t z;
    acb_t e, r;
    kd_complex_init(z);
    acb_init(e);
    acb_init(r);
    for (k = 0; k < sizeof cases / sizeof cases[0]; k++)
    {
        slong L = 1;
        kd_cyclo_t K;
        nf_elem_t a, b;
        kd_assert_ok(kd_complex_parse(z, cases[k]));
        kd_assert_ok(kd_cyclo_conductor_complex(&L, z, 0));
        ck_assert(L % 4 == 0 || kd_complex_is_real(z) || k == 0);
        kd_assert_ok(kd_cyclo_init(K, L, 0));
        nf_elem_init(a, K->nf);
        nf_elem_init(b, K->nf);
        kd_assert_ok(kd_cyclo_set_complex(a, z, K));
        kd_cyclo_enclose_acb(e, a, K, PREC);
        kd_assert_ok(kd_complex_eval_acb(r, z, PREC));
        ck_assert_msg(acb_overlaps(e, r), "%s", cases[k]);
        /* a * conj(a) = |a|^2 is real and positive */
        kd_cyclo_conj(b, a, K);
        ck_assert(!kd_cyclo_is_real(a, K));
        nf_elem_mul(b, a, b, K->nf);
        ck_assert(kd_cyclo_is_real(b, K));
        {
            int sg;
            kd_assert_ok(kd_cyclo_sign(&sg, b, K, 0));
            ck_assert_int_eq(sg, 1);
        }
        nf_elem_clear(a, K->nf);
        nf_elem_clear(b, K->nf);
        kd_cyclo_clear(K);
    }
    acb_clear(e);
    acb_clear(r);
    kd_complex_clear(z);
}
END_TEST

START_TEST(test_identities)
{
    const char * zero[] = { "cospi(1/5) - cospi(2/5) - 1/2", "sqrt(2)*sqrt(3) - sqrt(6)",
                            "cospi(2/7) + cospi(4/7) + cospi(6/7) + 1/2",
                            "2*cospi(1/5) - (1 + sqrt(5))/2", "sinpi(1/4) - sqrt(2)/2",
                            "sqrt(12) - 2*sqrt(3)", "cospi(1/12) - (sqrt(6)+sqrt(2))/4",
                            "sqrt(7)^2 - 7", "sqrt(1/8) - sqrt(2)/4",
                            "16*cospi(2/17)*cospi(4/17)*cospi(8/17)*cospi(16/17) + 1",
                            "cos(2*pi/3) + 1/2", "sqrt(1 + sqrt(2))^2 - 1 - sqrt(2)",
                            "(sqrt(2)+sqrt(3))^2 - 5 - 2*sqrt(6)" };
    const char * nonzero[] = { "cospi(1/5) - cospi(2/5) - 1/2 + 10^-40", "sqrt(2)*sqrt(3) - sqrt(6) - 2^-100",
                               "cospi(2/7) + cospi(4/7) + cospi(6/7) + 1/2 + 1e-30",
                               "sqrt(1 + sqrt(2))^2 - 1 - sqrt(2) + 10^-50", "sqrt(1009) - 31" };
    ulong k;
    kd_real_t x;
    kd_real_init(x);
    for (k = 0; k < sizeof zero / sizeof zero[0]; k++)
    {
        int z, sg;
        parse_real(x, zero[k]);
        kd_assert_ok(kd_alg_real_is_zero(&z, x));
        ck_assert_msg(z == 1, "%s should be 0", zero[k]);
        kd_assert_ok(kd_alg_real_sign(&sg, x));
        ck_assert_int_eq(sg, 0);
    }
    for (k = 0; k < sizeof nonzero / sizeof nonzero[0]; k++)
    {
        int z, sg;
        arb_t b;
        parse_real(x, nonzero[k]);
        kd_assert_ok(kd_alg_real_is_zero(&z, x));
        ck_assert_msg(z == 0, "%s should not be 0", nonzero[k]);
        kd_assert_ok(kd_alg_real_sign(&sg, x));
        arb_init(b);
        kd_assert_ok(kd_real_eval_arb(b, x, 2000));
        ck_assert(sg == 1 ? arb_is_positive(b) : arb_is_negative(b));
        arb_clear(b);
    }
    /* bare pi and a large prime radicand nested under sqrt are refused */
    {
        int z;
        kd_status st;
        parse_real(x, "pi - 22/7");
        st = kd_alg_real_is_zero(&z, x);
        ck_assert_int_eq(st, KD_ERR_UNSUPPORTED);
        ck_assert(strstr(kd_error_message(), "pi") != NULL);
        parse_real(x, "sqrt(sqrt(2)+sqrt(3)+sqrt(5)+sqrt(7)+sqrt(11)+sqrt(13)+sqrt(17)) - 1");
        st = kd_alg_real_is_zero(&z, x);
        ck_assert_int_eq(st, KD_ERR_UNSUPPORTED);
        parse_real(x, "cospi(1/7) - cospi(1/7 + 1/10^30)");
        st = kd_alg_real_is_zero(&z, x);
        ck_assert_int_eq(st, KD_ERR_UNSUPPORTED);
    }
    /* a large prime radicand: outside the cyclotomic cap, inside qqbar */
    {
        int z;
        slong L = 1;
        parse_real(x, "sqrt(1000003)^2 - 1000003 + sqrt(1000003) - sqrt(1000003)");
        ck_assert_int_eq(kd_cyclo_conductor_real(&L, x, 0), KD_ERR_UNSUPPORTED);
        kd_assert_ok(kd_alg_real_is_zero(&z, x));
        ck_assert_int_eq(z, 1);
    }
    kd_real_clear(x);
}
END_TEST

/* A pool of cyclotomic values for random matrices. */
static void
rand_entry(kd_real_t x, flint_rand_t st)
{
    static const char * pool[] = { "sqrt(2)", "sqrt(3)", "sqrt(6)", "cospi(1/8)", "sinpi(3/8)",
                                   "cospi(1/5)", "1/3", "-2", "sqrt(2)/3", "cospi(1/12)", "0" };
    fmpq_t q;
    kd_real_t c;
    fmpq_init(q);
    kd_real_init(c);
    parse_real(x, pool[n_randint(st, sizeof pool / sizeof pool[0])]);
    kd_test_rand_fmpq(q, st, 5, 3);
    kd_real_set_fmpq(c, q);
    if (n_randint(st, 2))
        kd_real_add(x, x, c);
    fmpq_clear(q);
    kd_real_clear(c);
}

START_TEST(test_rank_rational)
{
    flint_rand_t st;
    slong iter;
    kd_test_randinit(st, 3002);
    for (iter = 0; iter < 300; iter++)
    {
        slong r = 1 + n_randint(st, 6), c = 1 + n_randint(st, 6), k = n_randint(st, 5), i, j, rank;
        fmpq_mat_t B, C, A;
        kd_mat_t M;
        fmpq_mat_init(B, r, k);
        fmpq_mat_init(C, k, c);
        fmpq_mat_init(A, r, c);
        kd_test_rand_fmpq_mat(B, st, 3, 2);
        kd_test_rand_fmpq_mat(C, st, 3, 2);
        if (k > 0)
            fmpq_mat_mul(A, B, C);
        kd_assert_ok(kd_mat_init(M, r, c));
        for (i = 0; i < r; i++)
            for (j = 0; j < c; j++)
            {
                kd_real_t x;
                kd_real_init(x);
                kd_real_set_fmpq(x, fmpq_mat_entry(A, i, j));
                kd_mat_set_entry_real(M, i, j, x);
                kd_real_clear(x);
            }
        kd_assert_ok(kd_alg_mat_rank(&rank, M, 0));
        {
            fmpq_mat_t E;
            slong ref;
            fmpq_mat_init(E, r, c);
            ref = fmpq_mat_rref(E, A);
            ck_assert_msg(rank == ref, "rank %ld != %ld (seed %lu, iter %ld)",
                          rank, ref, kd_test_seed(3002), iter);
            fmpq_mat_clear(E);
        }
        kd_mat_clear(M);
        fmpq_mat_clear(A);
        fmpq_mat_clear(B);
        fmpq_mat_clear(C);
    }
    flint_randclear(st);
}
END_TEST

/* A = B C with B (r x k) = [I; *] and C (k x c) = [I *] up to a row and a
   column permutation: rank exactly k, irrational entries elsewhere. Then
   solves against the columns of A (consistent), checks the null space, and
   an exact rank-k identity of the field. */
START_TEST(test_rank_known)
{
    flint_rand_t st;
    slong iter;
    kd_test_randinit(st, 3003);
    for (iter = 0; iter < 60; iter++)
    {
        slong k = 1 + n_randint(st, 3), r = k + n_randint(st, 3), c = k + n_randint(st, 3);
        slong i, j, rank, L = 1, nulldim;
        kd_mat_t B, C, A;
        kd_cyclo_t K;
        kd_cyclo_mat_t M, X, b, Ab, N, AN;
        int cons;
        kd_assert_ok(kd_mat_init(B, r, k));
        kd_assert_ok(kd_mat_init(C, k, c));
        for (i = 0; i < r; i++)
            for (j = 0; j < k; j++)
            {
                kd_real_t x;
                kd_real_init(x);
                if (i < k)
                    kd_real_set_si(x, i == j);
                else
                    rand_entry(x, st);
                kd_mat_set_entry_real(B, (i + iter) % r, j, x);
                kd_real_clear(x);
            }
        for (i = 0; i < k; i++)
            for (j = 0; j < c; j++)
            {
                kd_real_t x;
                kd_real_init(x);
                if (j < k)
                    kd_real_set_si(x, i == j);
                else
                    rand_entry(x, st);
                kd_mat_set_entry_real(C, i, (j + 2 * iter) % c, x);
                kd_real_clear(x);
            }
        kd_assert_ok(kd_mat_init(A, r, c));
        kd_assert_ok(kd_mat_mul(A, B, C));
        kd_assert_ok(kd_alg_mat_rank(&rank, A, 0));
        ck_assert_msg(rank == k, "rank %ld != %ld (seed %lu, iter %ld)", rank, k,
                      kd_test_seed(3003), iter);

        kd_assert_ok(kd_cyclo_conductor_mat(&L, A, 0));
        kd_assert_ok(kd_cyclo_init(K, L, 0));
        kd_cyclo_mat_init(M, r, c, K);
        kd_assert_ok(kd_cyclo_mat_set_kd_mat(M, A, K));
        /* b = the last column plus the first: consistent */
        kd_cyclo_mat_init(b, r, 1, K);
        kd_cyclo_mat_init(X, c, 1, K);
        kd_cyclo_mat_init(Ab, r, 1, K);
        for (i = 0; i < r; i++)
            nf_elem_add(kd_cyclo_mat_entry(b, i, 0), kd_cyclo_mat_entry(M, i, 0),
                        kd_cyclo_mat_entry(M, i, c - 1), K->nf);
        kd_assert_ok(kd_cyclo_mat_solve(&cons, &rank, X, M, b, K));
        ck_assert(cons && rank == k);
        kd_assert_ok(kd_cyclo_mat_mul(Ab, M, X, K));
        ck_assert(kd_cyclo_mat_equal(Ab, b, K));
        /* perturb b off the column space when r > k: inconsistent */
        if (r > k)
        {
            kd_cyclo_mat_t T;
            slong rr;
            /* a vector outside range(A): the null space of A^T is non-trivial */
            kd_cyclo_mat_init(T, c, r, K);
            kd_assert_ok(kd_cyclo_mat_transpose(T, M, K));
            nulldim = kd_cyclo_mat_nullspace(N, T, K);
            ck_assert_int_eq(nulldim, r - k);
            for (i = 0; i < r; i++)
                nf_elem_add(kd_cyclo_mat_entry(b, i, 0), kd_cyclo_mat_entry(b, i, 0),
                            kd_cyclo_mat_entry(N, i, 0), K->nf);
            kd_assert_ok(kd_cyclo_mat_solve(&cons, &rr, X, M, b, K));
            ck_assert_msg(!cons, "inconsistent system solved (seed %lu, iter %ld)", kd_test_seed(3003), iter);
            kd_cyclo_mat_clear(N, K);
            kd_cyclo_mat_clear(T, K);
        }
        /* null space of A */
        nulldim = kd_cyclo_mat_nullspace(N, M, K);
        ck_assert_int_eq(nulldim, c - k);
        kd_cyclo_mat_init(AN, r, nulldim, K);
        kd_assert_ok(kd_cyclo_mat_mul(AN, M, N, K));
        ck_assert(kd_cyclo_mat_is_zero(AN, K));
        ck_assert_int_eq(kd_cyclo_mat_rank(N, K), nulldim);
        kd_cyclo_mat_clear(AN, K);
        kd_cyclo_mat_clear(N, K);
        kd_cyclo_mat_clear(Ab, K);
        kd_cyclo_mat_clear(X, K);
        kd_cyclo_mat_clear(b, K);
        kd_cyclo_mat_clear(M, K);
        kd_cyclo_clear(K);
        kd_mat_clear(A);
        kd_mat_clear(B);
        kd_mat_clear(C);
    }
    flint_randclear(st);
}
END_TEST

START_TEST(test_dct_rank)
{
    /* the orthogonal DCT-II of size 8 has rank 8; its first 3 rows rank 3 */
    kd_mat_t Q, R;
    slong rank, i, j;
    kd_assert_ok(kd_mat_init(Q, 0, 0));
    kd_assert_ok(kd_mat_dct2(Q, 8));
    kd_assert_ok(kd_alg_mat_rank(&rank, Q, 0));
    ck_assert_int_eq(rank, 8);
    kd_assert_ok(kd_mat_init(R, 3, 8));
    for (i = 0; i < 3; i++)
        for (j = 0; j < 8; j++)
            kd_mat_set_entry(R, i, j, kd_mat_entry(Q, i, j));
    kd_assert_ok(kd_alg_mat_rank(&rank, R, 0));
    ck_assert_int_eq(rank, 3);
    kd_mat_clear(Q);
    kd_mat_clear(R);
}
END_TEST

/* Random noiseless BP / P1(eta = 0) instances A = c R, y = c R x0 with R
   rational and c irrational (sqrt 2, sqrt 3, cospi(1/5), ...): the solution
   set is that of (R, R x0), which the exact rational BP solver gives
   independently. A certified pattern must enclose that solution and the
   rational solver must find it unique; a refuted pattern must not be the
   unique solution's. Patterns tried: x0's, the rational solution's, and a
   random one. Half of the instances keep A = R rational and scale only y
   (y = c R x0): then x_E = c x0 is irrational, the exact equality is
   decided by elimination in the field (not by the rational fast route),
   and the certified enclosure must meet c times the rational solution. */
START_TEST(test_certify_random)
{
    static const char * scale[] = { "sqrt(2)", "sqrt(3)", "cospi(1/5)", "sqrt(6)/3", "sinpi(1/12)" };
    flint_rand_t st;
    slong iter, certified = 0, refuted = 0;
    kd_test_randinit(st, 3004);
    for (iter = 0; iter < 4000; iter++)
    {
        slong m = 2 + n_randint(st, 3), N = m + 1 + n_randint(st, 4), i, j, k, nE;
        int irr_x;
        arb_t cb, e;
        slong E[8];
        int s[8], pat;
        fmpq_mat_t R, x0, y0;
        kd_mat_t A, y;
        kd_real_t c, t;
        kd_problem_t P;
        kd_bp_result_t B;
        arb_mat_t x;
        arb_t mu;
        kd_truth v;
        fmpq_mat_init(R, m, N);
        fmpq_mat_init(x0, N, 1);
        fmpq_mat_init(y0, m, 1);
        kd_test_rand_fmpq_mat(R, st, 4, 3);
        for (k = 0; k < 1 + (slong) n_randint(st, 2); k++)
            kd_test_rand_fmpq(fmpq_mat_entry(x0, n_randint(st, N), 0), st, 5, 2);
        fmpq_mat_mul(y0, R, x0);
        kd_real_init(c);
        kd_real_init(t);
        parse_real(c, scale[n_randint(st, 5)]);
        irr_x = (int) n_randint(st, 2);
        arb_init(cb);
        arb_init(e);
        kd_assert_ok(kd_real_eval_arb(cb, c, 256));
        kd_assert_ok(kd_mat_init(A, m, N));
        kd_assert_ok(kd_mat_init(y, m, 1));
        for (i = 0; i < m; i++)
        {
            for (j = 0; j < N; j++)
            {
                if (irr_x)
                    kd_real_set_fmpq(t, fmpq_mat_entry(R, i, j));
                else
                    kd_real_mul_fmpq(t, c, fmpq_mat_entry(R, i, j));
                kd_mat_set_entry_real(A, i, j, t);
            }
            kd_real_mul_fmpq(t, c, fmpq_mat_entry(y0, i, 0));
            kd_mat_set_entry_real(y, i, 0, t);
        }
        kd_bp_result_init(B);
        if (kd_bp_solve_exact(B, R, y0, NULL) != KD_OK)
        {
            kd_bp_result_clear(B);
            goto next;
        }
        if (n_randint(st, 2))
            kd_assert_ok(kd_problem_init(P, KD_PROBLEM_BP, A, y, NULL, NULL, 0));
        else
        {
            kd_real_zero(t);
            kd_assert_ok(kd_problem_init(P, KD_PROBLEM_P1, A, y, NULL, t, 0));
        }
        arb_mat_init(x, N, 1);
        arb_init(mu);
        for (pat = 0; pat < 3; pat++)
        {
            const fmpq_mat_struct * src = pat == 0 ? x0 : &B->x;
            nE = 0;
            for (j = 0; j < N; j++)
            {
                int sg = pat < 2 ? fmpq_sgn(fmpq_mat_entry(src, j, 0)) : (int) n_randint(st, 3) - 1;
                if (sg != 0 && nE < m)
                {
                    E[nE] = j;
                    s[nE++] = sg;
                }
            }
            kd_assert_ok(kd_certify_pattern(&v, x, mu, P, E, s, nE, 128));
            if (v == KD_TRUE)
            {
                certified++;
                ck_assert_msg(B->unique == KD_TRUE, "certified a non-unique problem (seed %lu, iter %ld)",
                              kd_test_seed(3004), iter);
                for (j = 0; j < N; j++)
                {
                    if (!irr_x)
                        ck_assert_msg(arb_contains_fmpq(arb_mat_entry(x, j, 0), fmpq_mat_entry(&B->x, j, 0)),
                                      "false certificate (seed %lu, iter %ld, pattern %d)",
                                      kd_test_seed(3004), iter, pat);
                    else
                    {
                        arb_mul_fmpz(e, cb, fmpq_numref(fmpq_mat_entry(&B->x, j, 0)), 256);
                        arb_div_fmpz(e, e, fmpq_denref(fmpq_mat_entry(&B->x, j, 0)), 256);
                        ck_assert_msg(arb_overlaps(arb_mat_entry(x, j, 0), e),
                                      "false certificate, irrational x_E (seed %lu, iter %ld, pattern %d)",
                                      kd_test_seed(3004), iter, pat);
                    }
                }
            }
            else if (v == KD_FALSE && B->unique == KD_TRUE)
            {
                /* the pattern refuted must differ from the solution's */
                int same = 1;
                refuted++;
                for (j = 0, k = 0; j < N; j++)
                {
                    int sg = fmpq_sgn(fmpq_mat_entry(&B->x, j, 0));
                    int in = (k < nE && E[k] == j);
                    if (in ? sg != s[k] : sg != 0)
                        same = 0;
                    k += in;
                }
                ck_assert_msg(!same, "refuted the true pattern (seed %lu, iter %ld)", kd_test_seed(3004), iter);
            }
        }
        arb_mat_clear(x);
        arb_clear(mu);
        kd_problem_clear(P);
        kd_bp_result_clear(B);
    next:
        arb_clear(cb);
        arb_clear(e);
        kd_mat_clear(A);
        kd_mat_clear(y);
        kd_real_clear(c);
        kd_real_clear(t);
        fmpq_mat_clear(R);
        fmpq_mat_clear(x0);
        fmpq_mat_clear(y0);
    }
    if (getenv("KD_TEST_VERBOSE")) fprintf(stderr, "certify_random: %ld certified, %ld refuted\n", certified, refuted);
    ck_assert_msg(certified >= 1500 && refuted >= 150, "only %ld certified, %ld refuted", certified, refuted);
    flint_randclear(st);
}
END_TEST

/* kd_cyclo_get_str: the string parses back to the same field element (in
   the field of both), and Calcium's qqbar (independent of the cyclotomic
   route) finds the difference of the two expressions zero. */
START_TEST(test_get_str)
{
    flint_rand_t st;
    kd_real_t x, y, d;
    slong iter, done = 0, qq = 0;
    kd_test_randinit(st, 3005);
    kd_real_init(x);
    kd_real_init(y);
    kd_real_init(d);
    for (iter = 0; iter < 400; iter++)
    {
        slong L = 1;
        kd_cyclo_t K;
        nf_elem_t a, b;
        char * s;
        qqbar_t z;
        rand_expr(x, st, 3);
        if (kd_cyclo_conductor_real(&L, x, 0) != KD_OK || kd_cyclo_init(K, L, 0) != KD_OK)
            continue;
        nf_elem_init(a, K->nf);
        if (kd_cyclo_set_real(a, x, K) != KD_OK)
        {
            nf_elem_clear(a, K->nf);
            kd_cyclo_clear(K);
            continue;
        }
        s = kd_cyclo_get_str(a, K);
        nf_elem_clear(a, K->nf);
        kd_cyclo_clear(K);
        ck_assert_msg(kd_real_parse(y, s) == KD_OK, "'%s' does not parse (seed %lu, iter %ld)",
                      s, kd_test_seed(3005), iter);
        kd_assert_ok(kd_cyclo_conductor_real(&L, y, 0));
        kd_assert_ok(kd_cyclo_init(K, L, 0));
        nf_elem_init(a, K->nf);
        nf_elem_init(b, K->nf);
        kd_assert_ok(kd_cyclo_set_real(a, x, K));
        kd_assert_ok(kd_cyclo_set_real(b, y, K));
        ck_assert_msg(nf_elem_equal(a, b, K->nf), "'%s' is not the value written (seed %lu, iter %ld)",
                      s, kd_test_seed(3005), iter);
        nf_elem_clear(a, K->nf);
        nf_elem_clear(b, K->nf);
        kd_cyclo_clear(K);
        kd_real_sub(d, x, y);
        qqbar_init(z);
        if (kd_alg_qqbar_set_real(z, d, 0) == KD_OK)
        {
            ck_assert_msg(qqbar_is_zero(z), "qqbar: '%s' differs from the value (seed %lu, iter %ld)",
                          s, kd_test_seed(3005), iter);
            qq++;
        }
        qqbar_clear(z);
        flint_free(s);
        done++;
    }
    if (getenv("KD_TEST_VERBOSE")) fprintf(stderr, "get_str: %ld round trips, %ld by qqbar\n", done, qq);
    ck_assert_msg(done >= 300 && qq >= 100, "only %ld round trips, %ld by qqbar", done, qq);
    flint_randclear(st);
    kd_real_clear(x);
    kd_real_clear(y);
    kd_real_clear(d);
}
END_TEST

/* The exact point of a certified zero-residual pattern
   (kd_certify_pattern_exact): random noiseless instances, A = c_j R
   (column scales c_j among sqrt(2), sqrt(3), cospi(1/8), sinpi(1/12), 1),
   y = A x0; whenever certified, every string parses, lies in its ball, and
   A x - y = 0 holds in qqbar, computed from the strings and the data
   expressions alone (Calcium, independent of the field elimination). */
START_TEST(test_exact_point_random)
{
    static const char * scale[] = { "sqrt(2)", "sqrt(3)", "cospi(1/8)", "sinpi(1/12)", "1" };
    flint_rand_t st;
    slong iter, certified = 0;
    kd_test_randinit(st, 3006);
    for (iter = 0; iter < 300; iter++)
    {
        slong m = 2 + n_randint(st, 2), N = m + 1 + n_randint(st, 3), i, j, k, nE = 0;
        slong E[8];
        int s[8];
        fmpq_mat_t R, x0;
        kd_mat_t A, y;
        kd_real_t t, u, cj, xj;
        kd_real_struct * xs_r;
        kd_problem_t P;
        arb_mat_t x;
        arb_t mu, b;
        kd_truth v;
        char ** xs;
        fmpq_mat_init(R, m, N);
        fmpq_mat_init(x0, N, 1);
        kd_test_rand_fmpq_mat(R, st, 4, 3);
        for (k = 0; k < 1 + (slong) n_randint(st, m - 1); k++)
            kd_test_rand_fmpq(fmpq_mat_entry(x0, n_randint(st, N), 0), st, 5, 2);
        kd_real_init(t);
        kd_real_init(u);
        kd_real_init(cj);
        kd_real_init(xj);
        kd_assert_ok(kd_mat_init(A, m, N));
        kd_assert_ok(kd_mat_init(y, m, 1));
        for (j = 0; j < N; j++)
        {
            parse_real(cj, scale[n_randint(st, 5)]);
            for (i = 0; i < m; i++)
            {
                kd_real_mul_fmpq(t, cj, fmpq_mat_entry(R, i, j));
                kd_mat_set_entry_real(A, i, j, t);
            }
        }
        for (i = 0; i < m; i++)
        {
            kd_real_zero(t);
            for (j = 0; j < N; j++)
                if (!fmpq_is_zero(fmpq_mat_entry(x0, j, 0)))
                {
                    kd_real_mul_fmpq(u, kd_mat_entry_re(A, i, j), fmpq_mat_entry(x0, j, 0));
                    kd_real_add(t, t, u);
                }
            kd_mat_set_entry_real(y, i, 0, t);
        }
        for (j = 0; j < N; j++)
        {
            int sg = fmpq_sgn(fmpq_mat_entry(x0, j, 0));
            if (sg != 0)
            {
                E[nE] = j;
                s[nE++] = sg;
            }
        }
        if (n_randint(st, 2))
            kd_assert_ok(kd_problem_init(P, KD_PROBLEM_BP, A, y, NULL, NULL, 0));
        else
        {
            parse_real(t, "1/10");
            kd_assert_ok(kd_problem_init(P, KD_PROBLEM_P3, A, y, NULL, t, 0));
        }
        arb_mat_init(x, N, 1);
        arb_init(mu);
        arb_init(b);
        xs = flint_calloc(N, sizeof(char *));
        kd_assert_ok(kd_certify_pattern_exact(&v, x, mu, xs, P, E, s, nE, 128));
        if (v == KD_TRUE && xs[0] != NULL)
        {
            certified++;
            xs_r = flint_malloc(N * sizeof(kd_real_struct));
            for (j = 0; j < N; j++)
            {
                kd_real_init(xs_r + j);
                ck_assert_msg(kd_real_parse(xs_r + j, xs[j]) == KD_OK, "'%s' does not parse "
                              "(seed %lu, iter %ld)", xs[j], kd_test_seed(3006), iter);
                kd_assert_ok(kd_real_eval_arb(b, xs_r + j, 256));
                ck_assert_msg(arb_overlaps(b, arb_mat_entry(x, j, 0)), "x_%ld = %s outside its "
                              "ball (seed %lu, iter %ld)", j + 1, xs[j], kd_test_seed(3006), iter);
            }
            for (i = 0; i < m; i++)
            {
                qqbar_t z;
                kd_real_neg(t, kd_mat_entry_re(y, i, 0));
                for (j = 0; j < N; j++)
                {
                    kd_real_mul(u, kd_mat_entry_re(A, i, j), xs_r + j);
                    kd_real_add(t, t, u);
                }
                qqbar_init(z);
                kd_assert_ok(kd_alg_qqbar_set_real(z, t, 0));
                ck_assert_msg(qqbar_is_zero(z), "row %ld of A x - y is not 0 in qqbar "
                              "(seed %lu, iter %ld)", i + 1, kd_test_seed(3006), iter);
                qqbar_clear(z);
            }
            for (j = 0; j < N; j++)
                kd_real_clear(xs_r + j);
            flint_free(xs_r);
        }
        for (j = 0; j < N; j++)
            flint_free(xs[j]);
        flint_free(xs);
        arb_mat_clear(x);
        arb_clear(mu);
        arb_clear(b);
        kd_problem_clear(P);
        kd_mat_clear(A);
        kd_mat_clear(y);
        kd_real_clear(t);
        kd_real_clear(u);
        kd_real_clear(cj);
        kd_real_clear(xj);
        fmpq_mat_clear(R);
        fmpq_mat_clear(x0);
    }
    if (getenv("KD_TEST_VERBOSE")) fprintf(stderr, "exact_point_random: %ld certified\n", certified);
    ck_assert_msg(certified >= 100, "only %ld certified", certified);
    flint_randclear(st);
}
END_TEST

/* value of the expression string e, as a qqbar */
static void
qq_of(qqbar_t z, const char * e)
{
    kd_real_t x;
    kd_real_init(x);
    parse_real(x, e);
    kd_assert_ok(kd_alg_qqbar_set_real(z, x, 0));
    kd_real_clear(x);
}

/* Faces (segments) of BP and P1 with eta = 0: A = c R with a duplicated
   column of R, y = A x0 through it; c in {1, sqrt(2), sqrt(3), cospi(1/8)}
   (c = 1: rational data). The solution set is the rational one of
   (R, R x0), whose exact face kd_bp_solve_exact gives independently: the
   truth must be found with an exact face whose point and vertices are
   points of that face (qqbar: R v = R x0, and kd_face_contains on the
   rational values), and for random rational candidates the certified
   distance must contain the exact distance of kd_face_project (both balls contain it: they overlap). */
START_TEST(test_face_random)
{
    static const char * scale[] = { "1", "sqrt(2)", "sqrt(3)", "cospi(1/8)" };
    flint_rand_t st;
    slong iter, faces = 0, dists = 0;
    kd_test_randinit(st, 3007);
    for (iter = 0; iter < 40; iter++)
    {
        slong m = 2 + n_randint(st, 2), N = m + 2, i, j, l, dup = n_randint(st, N - 1);
        fmpq_mat_t R, x0, y0, p, v;
        fmpq_t d2;
        kd_mat_t A, y;
        kd_real_t c, t;
        kd_problem_t P;
        kd_bp_result_t B;
        kd_truth_set_t T;
        int ci = (int) n_randint(st, 4);
        fmpq_mat_init(R, m, N);
        fmpq_mat_init(x0, N, 1);
        fmpq_mat_init(y0, m, 1);
        fmpq_mat_init(p, N, 1);
        fmpq_mat_init(v, N, 1);
        fmpq_init(d2);
        kd_test_rand_fmpq_mat(R, st, 4, 2);
        for (i = 0; i < m; i++)
            fmpq_set(fmpq_mat_entry(R, i, dup + 1), fmpq_mat_entry(R, i, dup));
        fmpq_set_si(fmpq_mat_entry(x0, dup, 0), 1 + n_randint(st, 3), 1);
        fmpq_mat_mul(y0, R, x0);
        kd_bp_result_init(B);
        kd_assert_ok(kd_bp_solve_exact(B, R, y0, NULL));
        kd_real_init(c);
        kd_real_init(t);
        parse_real(c, scale[ci]);
        kd_assert_ok(kd_mat_init(A, m, N));
        kd_assert_ok(kd_mat_init(y, m, 1));
        for (i = 0; i < m; i++)
        {
            for (j = 0; j < N; j++)
            {
                kd_real_mul_fmpq(t, c, fmpq_mat_entry(R, i, j));
                kd_mat_set_entry_real(A, i, j, t);
            }
            kd_real_mul_fmpq(t, c, fmpq_mat_entry(y0, i, 0));
            kd_mat_set_entry_real(y, i, 0, t);
        }
        if (n_randint(st, 2))
            kd_assert_ok(kd_problem_init(P, KD_PROBLEM_BP, A, y, NULL, NULL, 0));
        else
        {
            kd_real_zero(t);
            kd_assert_ok(kd_problem_init(P, KD_PROBLEM_P1, A, y, NULL, t, 0));
        }
        kd_truth_set_init(T, N);
        kd_assert_ok(kd_truth_set_compute(T, P, 256, 256));
        if (B->unique == KD_FALSE)
        {
            ck_assert_msg(T->found == KD_TRUE && T->fexact != NULL, "segment not found: %s "
                          "(seed %lu, iter %ld)", T->how, kd_test_seed(3007), iter);
            ck_assert_msg(T->unique != KD_TRUE, "a segment called unique (seed %lu, iter %ld)",
                          kd_test_seed(3007), iter);
        }
        if (T->found == KD_TRUE && T->fexact != NULL)
        {
            const kd_face_exact_struct * F = T->fexact;
            faces++;
            ck_assert_msg(B->unique == KD_FALSE || F->k == 0 || F->nvert == 2,
                          "face of a unique problem (seed %lu, iter %ld)", kd_test_seed(3007), iter);
            /* the point and the ends: rational values (the data scale out),
               in the exact face of the rational problem */
            for (l = 0; l < 1 + F->nvert; l++)
            {
                char * const * e = l == 0 ? F->x0 : F->verts + (l - 1) * N;
                kd_truth in;
                for (j = 0; j < N; j++)
                {
                    qqbar_t z;
                    qqbar_init(z);
                    qq_of(z, e[j]);
                    ck_assert_msg(qqbar_is_rational(z), "x_%ld = %s is not rational (seed %lu, "
                                  "iter %ld)", j + 1, e[j], kd_test_seed(3007), iter);
                    qqbar_get_fmpq(fmpq_mat_entry(v, j, 0), z);
                    qqbar_clear(z);
                }
                kd_assert_ok(kd_face_contains(&in, &B->face, v));
                ck_assert_msg(in == KD_TRUE, "a point of the certified face is not a minimiser "
                              "(seed %lu, iter %ld)", kd_test_seed(3007), iter);
            }
            /* distances of random candidates against the exact projection */
            for (l = 0; l < 5; l++)
            {
                arb_t d, r;
                arb_init(d);
                arb_init(r);
                for (j = 0; j < N; j++)
                    kd_test_rand_fmpq(fmpq_mat_entry(p, j, 0), st, 6, 3);
                if (l == 0)
                    fmpq_mat_set(p, &B->x);
                kd_assert_ok(kd_face_project(v, d2, &B->face, p));
                arb_set_fmpq(r, d2, 256);
                arb_sqrt(r, r, 256);
                kd_assert_ok(kd_truth_set_dist(d, T, p, NULL, 256));
                ck_assert_msg(arb_overlaps(d, r),
                              "distance to the face not contained (seed %lu, iter %ld)",
                              kd_test_seed(3007), iter);
                if (F->nvert == 2)
                    ck_assert_msg(arb_rel_accuracy_bits(d) > 100 || arb_is_zero(r),
                                  "loose distance to a segment (seed %lu, iter %ld)",
                                  kd_test_seed(3007), iter);
                dists++;
                arb_clear(d);
                arb_clear(r);
            }
        }
        kd_truth_set_clear(T);
        kd_problem_clear(P);
        kd_bp_result_clear(B);
        kd_mat_clear(A);
        kd_mat_clear(y);
        kd_real_clear(c);
        kd_real_clear(t);
        fmpq_mat_clear(R);
        fmpq_mat_clear(x0);
        fmpq_mat_clear(y0);
        fmpq_mat_clear(p);
        fmpq_mat_clear(v);
        fmpq_clear(d2);
    }
    if (getenv("KD_TEST_VERBOSE")) fprintf(stderr, "face_random: %ld faces, %ld distances\n", faces, dists);
    ck_assert_msg(faces >= 20, "only %ld faces", faces);
    flint_randclear(st);
}
END_TEST

/* P1 with eta > 0 on irrational data (A = diag-free random c_j R columns,
   c_j in {1, sqrt(2), sqrt(3)}, y rational): when the truth is certified
   with an exact point, ||A x - y||^2 = eta^2 (or, x = 0, ||y|| <= eta)
   holds in qqbar, computed from the strings and the data alone. */
START_TEST(test_p1_exact_random)
{
    static const char * scale[] = { "1", "sqrt(2)", "sqrt(3)" };
    flint_rand_t st;
    slong iter, onc = 0, active = 0;
    kd_test_randinit(st, 3008);
    for (iter = 0; iter < 30; iter++)
    {
        slong m = 2, N = 3, i, j;
        kd_mat_t A, y;
        kd_real_t c, t, u;
        fmpq_t q;
        kd_problem_t P;
        kd_truth_set_t T;
        kd_real_init(c);
        kd_real_init(t);
        kd_real_init(u);
        fmpq_init(q);
        kd_assert_ok(kd_mat_init(A, m, N));
        kd_assert_ok(kd_mat_init(y, m, 1));
        for (j = 0; j < N; j++)
        {
            parse_real(c, scale[n_randint(st, 3)]);
            for (i = 0; i < m; i++)
            {
                kd_test_rand_fmpq(q, st, 4, 2);
                kd_real_mul_fmpq(t, c, q);
                kd_mat_set_entry_real(A, i, j, t);
            }
        }
        for (i = 0; i < m; i++)
        {
            kd_test_rand_fmpq(q, st, 4, 1);
            kd_real_set_fmpq(t, q);
            kd_mat_set_entry_real(y, i, 0, t);
        }
        parse_real(t, "1/10");
        kd_assert_ok(kd_problem_init(P, KD_PROBLEM_P1, A, y, NULL, t, 0));
        kd_truth_set_init(T, N);
        kd_assert_ok(kd_truth_set_compute(T, P, 256, 256));
        if (T->found == KD_TRUE && T->xexact != NULL)
        {
            qqbar_t z, e2;
            int zero = 1;
            qqbar_init(z);
            qqbar_init(e2);
            for (j = 0; j < N; j++)
                zero = zero && strcmp(T->xexact[j], "0") == 0;
            /* e = sum_i (a_i x - y_i)^2 - eta^2 */
            parse_real(u, "-1/100");
            for (i = 0; i < m; i++)
            {
                kd_real_t r, x;
                kd_real_init(r);
                kd_real_init(x);
                kd_real_neg(r, kd_mat_entry_re(y, i, 0));
                for (j = 0; j < N; j++)
                {
                    parse_real(x, T->xexact[j]);
                    kd_real_mul(x, x, kd_mat_entry_re(A, i, j));
                    kd_real_add(r, r, x);
                }
                kd_real_mul(r, r, r);
                kd_real_add(u, u, r);
                kd_real_clear(r);
                kd_real_clear(x);
            }
            if (kd_alg_qqbar_set_real(z, u, 256) == KD_OK)
            {
                ck_assert_msg(zero ? qqbar_sgn_re(z) <= 0 : qqbar_is_zero(z), "||A x - y||^2 - eta^2 "
                              "is not 0 in qqbar (seed %lu, iter %ld)", kd_test_seed(3008), iter);
                onc++;
                active += !zero;
            }
            qqbar_clear(z);
            qqbar_clear(e2);
        }
        kd_truth_set_clear(T);
        kd_problem_clear(P);
        kd_mat_clear(A);
        kd_mat_clear(y);
        kd_real_clear(c);
        kd_real_clear(t);
        kd_real_clear(u);
        fmpq_clear(q);
    }
    if (getenv("KD_TEST_VERBOSE")) fprintf(stderr, "p1_exact_random: %ld checked in qqbar, %ld on the constraint\n", onc, active);
    ck_assert_msg(onc >= 10 && active >= 10, "only %ld checked, %ld on the constraint", onc, active);
    flint_randclear(st);
}
END_TEST

Suite *
kd_suite_alg(void)
{
    Suite * s = suite_create("alg");
    TCase * tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_containment);
    tcase_add_test(tc, test_complex_values);
    tcase_add_test(tc, test_identities);
    tcase_add_test(tc, test_rank_rational);
    tcase_add_test(tc, test_rank_known);
    tcase_add_test(tc, test_dct_rank);
    tcase_add_test(tc, test_certify_random);
    tcase_add_test(tc, test_get_str);
    tcase_add_test(tc, test_exact_point_random);
    tcase_add_test(tc, test_face_random);
    tcase_add_test(tc, test_p1_exact_random);
    suite_add_tcase(s, tc);
    return s;
}
