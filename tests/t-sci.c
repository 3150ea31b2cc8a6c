/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for the SCI module (proofs-notes/sci.md): the tower runner,
   the honest random oracle, the exact singular-value count, the towers for
   x > 0, sign and rank (convergence, and one-sided certainty never violated
   on 10^4 seeded random inputs each), the zero-answer adversary (checked
   exactly), and the argmin breakdown epsilons against closed forms. */
#include "testutil.h"
#include "kdigits/sci.h"

#define PREC 256

/* ------------------------------------------------------------ random
   exact inputs with an independently known sign */

/* x = a random exact real of one of several kinds, many of them at or near
   0; *sgn = its sign, decided by integer arithmetic independent of the
   library's evaluation. *lg (may be NULL) = an integer with |x| > 2^-lg
   when x != 0 (a convergence level), from the same exact data. */
static void
rand_real(kd_real_t x, int * sgn, slong * lg, flint_rand_t st)
{
    kd_real_t s, t;
    fmpq_t p, q;
    fmpz_t lhs, rhs, d;
    ulong kind = n_randint(st, 7);
    slong a, b, c, k;

    kd_real_init(s);
    kd_real_init(t);
    fmpq_init(p);
    fmpq_init(q);
    fmpz_init(lhs);
    fmpz_init(rhs);
    fmpz_init(d);
    *sgn = 0;
    if (lg != NULL)
        *lg = 0;
    switch (kind)
    {
        case 0:     /* a small rational, 0 included */
        case 1:     /* p/q - r/s, cancelling half of the time */
            kd_test_rand_fmpq(p, st, 20, 20);
            if (kind == 1 && n_randint(st, 2))
                fmpq_set(q, p);
            else if (kind == 1)
                kd_test_rand_fmpq(q, st, 20, 20);
            if (kind == 1)
            {
                kd_real_set_fmpq(s, p);
                kd_real_set_fmpq(t, q);
                kd_real_sub(x, s, t);
                fmpq_sub(p, p, q);
            }
            else
                kd_real_set_fmpq(x, p);
            *sgn = fmpq_sgn(p);
            if (lg != NULL && *sgn != 0)
            {
                /* |p| >= 1/den > 2^-(bits(den)) */
                *lg = fmpz_bits(fmpq_denref(p)) + 1;
            }
            break;
        case 2:     /* sqrt(a) - b/c with b/c close to sqrt(a), times 2^-k */
        case 3:
            a = (slong) n_randint(st, 60);
            c = 1 + (slong) n_randint(st, 2000);
            b = (slong) n_sqrt((ulong) (a * c * c)) + (slong) n_randint(st, 3) - 1;
            k = kind == 3 ? (slong) n_randint(st, 40) : 0;
            kd_real_set_si(s, a);
            kd_real_sqrt(s, s);
            kd_assert_ok(kd_real_set_si_si(t, b, c));
            kd_real_sub(x, s, t);
            if (k > 0)
            {
                kd_real_set_2exp(t, -k);
                kd_real_mul(x, x, t);
            }
            /* sign of sqrt(a) - b/c: b < 0 gives +1 (or 0 if a = 0 = b);
               else sign(a c^2 - b^2) */
            fmpz_set_si(lhs, a * c * c);
            fmpz_set_si(rhs, b * b);
            if (b < 0)
                *sgn = 1;
            else
                *sgn = fmpz_cmp(lhs, rhs) > 0 ? 1 : fmpz_cmp(lhs, rhs) < 0 ? -1 : 0;
            if (lg != NULL && *sgn != 0)
            {
                /* |sqrt(a) - b/c| = |a c^2 - b^2| / (c^2 (sqrt(a) + b/c)) with
                   |a c^2 - b^2| >= 1 and sqrt(a) + |b|/c <= 2 sqrt(a) + 2 <= 18:
                   |x| >= 2^-k / (18 c^2) > 2^-(k + 5 + 2 bits(c)) */
                *lg = k + 5 + 2 * (slong) FLINT_BIT_COUNT((ulong) c);
            }
            break;
        case 4:     /* +-2^-k, 0 */
            k = (slong) n_randint(st, 72);
            if (k == 71)
            {
                kd_real_zero(x);
                *sgn = 0;
            }
            else
            {
                kd_real_set_2exp(x, -k);
                *sgn = 1;
                if (n_randint(st, 2))
                {
                    kd_real_neg(x, x);
                    *sgn = -1;
                }
                if (lg != NULL)
                    *lg = k + 1;
            }
            break;
        case 5:     /* sqrt(a) sqrt(a) - a: zero, possibly not structurally */
            a = 1 + (slong) n_randint(st, 30);
            kd_real_set_si(s, a);
            kd_real_sqrt(t, s);
            kd_real_mul(t, t, t);
            kd_real_sub(x, t, s);
            *sgn = 0;
            break;
        default:    /* p/q - r/s with r/s = p/q +- 2^-k: tiny rationals */
            kd_test_rand_fmpq(p, st, 20, 20);
            k = 1 + (slong) n_randint(st, 60);
            fmpq_one(q);
            fmpq_div_2exp(q, q, k);
            if (n_randint(st, 2))
                fmpq_neg(q, q);
            kd_real_set_fmpq(s, p);
            fmpq_add(q, q, p);
            kd_real_set_fmpq(t, q);
            kd_real_sub(x, s, t);       /* = -+2^-k */
            fmpq_sub(p, p, q);
            *sgn = fmpq_sgn(p);
            if (lg != NULL)
                *lg = k + 1;
            break;
    }
    fmpz_clear(d);
    fmpz_clear(rhs);
    fmpz_clear(lhs);
    fmpq_clear(q);
    fmpq_clear(p);
    kd_real_clear(t);
    kd_real_clear(s);
}

/* ------------------------------------------------------------ the exact
   singular-value count against matrices with known singular values */

/* Q = (I - S)(I + S)^-1, S random skew-symmetric rational: orthogonal
   (the Cayley transform; I + S is invertible since S has imaginary
   eigenvalues). */
static void
rand_orthogonal(fmpq_mat_t Q, flint_rand_t st, slong m)
{
    fmpq_mat_t S, I, P, M;
    slong i, j;
    fmpq_mat_init(S, m, m);
    fmpq_mat_init(I, m, m);
    fmpq_mat_init(P, m, m);
    fmpq_mat_init(M, m, m);
    for (i = 0; i < m; i++)
        for (j = i + 1; j < m; j++)
        {
            kd_test_rand_fmpq(fmpq_mat_entry(S, i, j), st, 5, 4);
            fmpq_neg(fmpq_mat_entry(S, j, i), fmpq_mat_entry(S, i, j));
        }
    fmpq_mat_one(I);
    fmpq_mat_sub(M, I, S);
    fmpq_mat_add(P, I, S);
    ck_assert(fmpq_mat_inv(P, P));
    fmpq_mat_mul(Q, M, P);
    fmpq_mat_clear(S);
    fmpq_mat_clear(I);
    fmpq_mat_clear(P);
    fmpq_mat_clear(M);
}

START_TEST(test_sv_count)
{
    flint_rand_t st;
    slong iter;
    kd_test_randinit(st, 1);
    for (iter = 0; iter < 300; iter++)
    {
        slong m = 1 + n_randint(st, 4), N = 1 + n_randint(st, 5), r = FLINT_MIN(m, N), i, j;
        slong cnt, ref, cnt_c;
        fmpq_mat_t U, V, D, A, T, Ai, Ar;
        fmpq * d;
        fmpq_t t, cs, sn;
        fmpq_mat_init(U, m, m);
        fmpq_mat_init(V, N, N);
        fmpq_mat_init(D, m, N);
        fmpq_mat_init(T, m, N);
        fmpq_mat_init(A, m, N);
        fmpq_mat_init(Ar, m, N);
        fmpq_mat_init(Ai, m, N);
        fmpq_init(t);
        fmpq_init(cs);
        fmpq_init(sn);
        d = _fmpq_vec_init(r);
        rand_orthogonal(U, st, m);
        rand_orthogonal(V, st, N);
        for (i = 0; i < r; i++)
        {
            /* singular values |d_i|: some zero, some equal */
            if (n_randint(st, 4) == 0)
                fmpq_zero(d + i);
            else if (i > 0 && n_randint(st, 3) == 0)
                fmpq_neg(d + i, d + i - 1);
            else
                kd_test_rand_fmpq(d + i, st, 8, 8);
            fmpq_set(fmpq_mat_entry(D, i, i), d + i);
        }
        fmpq_mat_mul(T, U, D);
        fmpq_mat_mul(A, T, V);
        /* thresholds: 0, each |d_i| exactly (strict: not counted), random */
        for (j = 0; j <= r + 1; j++)
        {
            if (j < r)
                fmpq_abs(t, d + j);
            else if (j == r)
                fmpq_zero(t);
            else
            {
                kd_test_rand_fmpq(t, st, 8, 8);
                fmpq_abs(t, t);
            }
            ref = 0;
            for (i = 0; i < r; i++)
            {
                fmpq_t a;
                fmpq_init(a);
                fmpq_abs(a, d + i);
                ref += fmpq_cmp(a, t) > 0;
                fmpq_clear(a);
            }
            kd_assert_ok(kd_sci_sv_count_gt(&cnt, A, NULL, t));
            ck_assert_msg(cnt == ref, "seed %lu iter %ld: %ld singular values > t, expected %ld",
                          kd_test_seed(1), iter, cnt, ref);
            /* (3/5 + 4/5 i) A has the same singular values */
            fmpq_set_si(cs, 3, 5);
            fmpq_set_si(sn, 4, 5);
            fmpq_mat_scalar_mul_fmpq(Ar, A, cs);
            fmpq_mat_scalar_mul_fmpq(Ai, A, sn);
            kd_assert_ok(kd_sci_sv_count_gt(&cnt_c, Ar, Ai, t));
            ck_assert_msg(cnt_c == ref, "seed %lu iter %ld: complex count %ld, expected %ld",
                          kd_test_seed(1), iter, cnt_c, ref);
        }
        _fmpq_vec_clear(d, r);
        fmpq_clear(t);
        fmpq_clear(cs);
        fmpq_clear(sn);
        fmpq_mat_clear(U);
        fmpq_mat_clear(V);
        fmpq_mat_clear(D);
        fmpq_mat_clear(T);
        fmpq_mat_clear(A);
        fmpq_mat_clear(Ar);
        fmpq_mat_clear(Ai);
    }
    flint_randclear(st);
}
END_TEST

START_TEST(test_opnorm_le)
{
    fmpq_mat_t M;
    fmpq_t t;
    int le;
    slong e = 7;
    fmpq_mat_init(M, 2, 3);
    fmpq_init(t);
    /* ||2^-7 e1 e1^T|| = 2^-7 exactly */
    fmpq_one(fmpq_mat_entry(M, 0, 0));
    fmpq_div_2exp(fmpq_mat_entry(M, 0, 0), fmpq_mat_entry(M, 0, 0), e);
    kd_assert_ok(kd_sci_opnorm_le_2exp(&le, M, NULL, e));
    ck_assert(le);
    kd_assert_ok(kd_sci_opnorm_le_2exp(&le, M, NULL, e + 1));
    ck_assert(!le);
    /* [1 1; 0 0]/2: norm sqrt(2)/2 <= 1, > 1/2 */
    fmpq_mat_zero(M);
    fmpq_set_si(fmpq_mat_entry(M, 0, 0), 1, 2);
    fmpq_set_si(fmpq_mat_entry(M, 0, 1), 1, 2);
    kd_assert_ok(kd_sci_opnorm_le_2exp(&le, M, NULL, 0));
    ck_assert(le);
    kd_assert_ok(kd_sci_opnorm_le_2exp(&le, M, NULL, 1));
    ck_assert(!le);
    fmpq_set_si(t, -1, 2);
    ck_assert_int_eq(kd_sci_sv_count_gt(&e, M, NULL, t), KD_ERR_ARG);
    fmpq_clear(t);
    fmpq_mat_clear(M);
}
END_TEST

/* ------------------------------------------------------------ the
   random honest oracle */

START_TEST(test_random_oracle)
{
    flint_rand_t st;
    slong iter, edges = 0;
    kd_test_randinit(st, 2);
    for (iter = 0; iter < 200; iter++)
    {
        slong m = 1 + n_randint(st, 3), N = 1 + n_randint(st, 3), n = n_randint(st, 50), i, j;
        fmpq_mat_t Q, re, re2, im;
        kd_mat_t A;
        kd_oracle_t O;
        fmpq_t f, e, b;
        kd_real_t v;
        fmpq_mat_init(Q, m, N);
        fmpq_mat_init(re, m, N);
        fmpq_mat_init(re2, m, N);
        fmpq_mat_init(im, m, N);
        fmpq_init(f);
        fmpq_init(e);
        fmpq_init(b);
        kd_real_init(v);
        kd_mat_init(A, m, N);
        kd_test_rand_fmpq_mat(Q, st, 10, 12);
        for (i = 0; i < m; i++)
            for (j = 0; j < N; j++)
            {
                kd_real_set_fmpq(v, fmpq_mat_entry(Q, i, j));
                kd_mat_set_entry_real(A, i, j, v);
            }
        kd_assert_ok(kd_sci_oracle_init_random(O, A, 1000 + iter));
        kd_assert_ok(kd_oracle_get(re, NULL, O, n));
        kd_assert_ok(kd_oracle_get(re2, NULL, O, n));
        ck_assert(fmpq_mat_equal(re, re2));     /* a function of (A, seed, n) */
        /* ||A_n - A||_F^2 <= 4^-n, exactly */
        fmpq_zero(f);
        for (i = 0; i < m; i++)
            for (j = 0; j < N; j++)
            {
                ck_assert(kd_test_fmpq_is_dyadic(fmpq_mat_entry(re, i, j)));
                fmpq_sub(e, fmpq_mat_entry(re, i, j), fmpq_mat_entry(Q, i, j));
                fmpq_mul(e, e, e);
                fmpq_add(f, f, e);
                /* at the edge of the entry's share 2^-L, L = entry level */
                fmpq_one(b);
                fmpq_div_2exp(b, b, 2 * kd_oracle_entry_level(n, m * N));
                edges += fmpq_equal(e, b);
            }
        fmpq_one(b);
        fmpq_div_2exp(b, b, 2 * n);
        ck_assert_msg(fmpq_cmp(f, b) <= 0, "seed %lu iter %ld: Frobenius error above 2^-%ld",
                      kd_test_seed(2), iter, n);
        kd_oracle_clear(O);
        kd_mat_clear(A);
        kd_real_clear(v);
        fmpq_clear(f);
        fmpq_clear(e);
        fmpq_clear(b);
        fmpq_mat_clear(Q);
        fmpq_mat_clear(re);
        fmpq_mat_clear(re2);
        fmpq_mat_clear(im);
    }
    /* the edges are hit (about half of all draws) */
    ck_assert_msg(edges > 100, "only %ld answers at the edge", edges);
    flint_randclear(st);

    /* an irrational entry: |q - sqrt(2)| <= 2^-n, checked in balls */
    {
        kd_real_t x;
        kd_oracle_t O;
        fmpq_mat_t re;
        arb_t r, q;
        slong n;
        kd_real_init(x);
        kd_real_set_si(x, 2);
        kd_real_sqrt(x, x);
        fmpq_mat_init(re, 1, 1);
        arb_init(r);
        arb_init(q);
        kd_assert_ok(kd_sci_oracle_init_random_real(O, x, 7));
        for (n = 0; n < 80; n += 3)
        {
            kd_assert_ok(kd_oracle_get(re, NULL, O, n));
            kd_test_arb_set_dyadic(q, fmpq_mat_entry(re, 0, 0));
            arb_sqrt_ui(r, 2, KD_TEST_REF_PREC(n));
            arb_sub(r, r, q, KD_TEST_REF_PREC(n));
            arb_abs(r, r);
            arb_mul_2exp_si(r, r, n);
            arb_one(q);
            ck_assert_msg(arb_le(r, q), "n = %ld: |q_n - sqrt(2)| > 2^-n", n);
        }
        kd_oracle_clear(O);
        arb_clear(q);
        arb_clear(r);
        fmpq_mat_clear(re);
        kd_real_clear(x);
    }
}
END_TEST

/* ------------------------------------------------------------ towers on
   random inputs: certainty never violated (10^4 inputs each) */

static void
make_oracle(kd_oracle_t O, const kd_real_t x, slong i)
{
    if (i % 3 == 0)
        kd_assert_ok(kd_sci_oracle_init_real(O, x));
    else
        kd_assert_ok(kd_sci_oracle_init_random_real(O, x, (ulong) i));
}

/* For every input: three levels (0..60 and the convergence level); a
   certified "yes" only for x > 0 (exact sign), "no" never certified; and,
   past the convergence level, yes exactly when x > 0. */
START_TEST(test_positive_random)
{
    flint_rand_t st;
    kd_tower_t T;
    slong i, k, certified = 0, checked = 0;
    kd_test_randinit(st, 3);
    kd_sci_tower_positive(T);
    for (i = 0; i < 10000; i++)
    {
        kd_real_t x;
        kd_oracle_t O;
        kd_tower_out_t out;
        int sg;
        slong lg, n[1], truth;
        kd_real_init(x);
        kd_tower_out_init(out);
        rand_real(x, &sg, &lg, st);
        truth = sg > 0;
        make_oracle(O, x, i);
        for (k = 0; k < 3; k++)
        {
            n[0] = k < 2 ? (slong) n_randint(st, 61) : lg + 1;
            kd_assert_ok(kd_tower_eval(out, T, n, O));
            checked++;
            ck_assert_msg(out->nreads == 1 && out->max_level == n[0], "reads");
            ck_assert_msg(kd_tower_out_check(T, out, truth, NULL) == KD_TRUE,
                          "seed %lu input %ld n = %ld: certified yes for x <= 0 (sign %d)",
                          kd_test_seed(3), i, n[0], sg);
            ck_assert_msg(out->certified == (out->value == 1), "a no was certified");
            if (sg <= 0)
                ck_assert_msg(out->value == 0, "seed %lu input %ld: yes for x <= 0",
                              kd_test_seed(3), i);
            if (k == 2 && sg > 0)
                ck_assert_msg(out->value == 1, "seed %lu input %ld: no at n = %ld > lg = %ld",
                              kd_test_seed(3), i, n[0], lg);
            certified += out->certified;
        }
        kd_oracle_clear(O);
        kd_tower_out_clear(out);
        kd_real_clear(x);
    }
    /* the test exercised both answers */
    ck_assert(certified > checked / 10 && certified < checked);
    flint_randclear(st);
}
END_TEST

START_TEST(test_sign_random)
{
    flint_rand_t st;
    kd_tower_t T;
    slong i, k, zeros = 0;
    kd_test_randinit(st, 4);
    kd_sci_tower_sign(T);
    for (i = 0; i < 10000; i++)
    {
        kd_real_t x;
        kd_oracle_t O;
        kd_tower_out_t out;
        int sg;
        slong lg, n[1];
        kd_real_init(x);
        kd_tower_out_init(out);
        rand_real(x, &sg, &lg, st);
        make_oracle(O, x, i);
        for (k = 0; k < 3; k++)
        {
            n[0] = k < 2 ? (slong) n_randint(st, 61) : lg + 1;
            kd_assert_ok(kd_tower_eval(out, T, n, O));
            ck_assert_msg(kd_tower_out_check(T, out, sg, NULL) == KD_TRUE,
                          "seed %lu input %ld n = %ld: certified %ld for sign %d",
                          kd_test_seed(4), i, n[0], out->value, sg);
            /* 0 is never certified; a non-zero value always is */
            ck_assert(out->certified == (out->value != 0));
            if (sg == 0)
            {
                ck_assert(out->value == 0);
                zeros++;
            }
            if (k == 2)
                ck_assert_msg(out->value == sg, "seed %lu input %ld: %ld at n = %ld, sign %d",
                              kd_test_seed(4), i, out->value, n[0], sg);
        }
        kd_oracle_clear(O);
        kd_tower_out_clear(out);
        kd_real_clear(x);
    }
    ck_assert(zeros > 1000);
    flint_randclear(st);
}
END_TEST

/* Random low-rank rational matrices: products B C (entries with
   denominators 1, 2, 4, so 16 A is integral) with zero rows and columns.
   Gamma_n <= rank always; Gamma_50 = rank, since for an integral Z = 16 A
   of rank r the product of its non-zero singular values is >= 1 (a non-zero
   integer r x r minor) and each is <= ||Z||_F < 2^13, so
   sigma_r(A) >= 2^-(13 (r-1) + 4) >= 2^-43 > 2^(1-50). */
START_TEST(test_rank_random)
{
    flint_rand_t st;
    kd_tower_t T;
    slong i, k, hits = 0;
    kd_test_randinit(st, 5);
    kd_sci_tower_rank(T);
    for (i = 0; i < 10000; i++)
    {
        slong m = 1 + n_randint(st, 4), N = 1 + n_randint(st, 4), r = n_randint(st, 5), a, b;
        slong rank, n[1];
        fmpq_mat_t B, C, A, E;
        kd_mat_t M;
        kd_oracle_t O;
        kd_tower_out_t out;
        kd_real_t v;
        r = FLINT_MIN(r, FLINT_MIN(m, N));
        fmpq_mat_init(B, m, r);
        fmpq_mat_init(C, r, N);
        fmpq_mat_init(A, m, N);
        fmpq_mat_init(E, m, N);
        for (a = 0; a < m; a++)
            for (b = 0; b < r; b++)
            {
                fmpq_set_si(fmpq_mat_entry(B, a, b), (slong) n_randint(st, 11) - 5,
                            1 << n_randint(st, 3));
            }
        for (a = 0; a < r; a++)
            for (b = 0; b < N; b++)
                fmpq_set_si(fmpq_mat_entry(C, a, b), (slong) n_randint(st, 11) - 5,
                            1 << n_randint(st, 3));
        if (r > 0)
            fmpq_mat_mul(A, B, C);
        if (n_randint(st, 3) == 0)      /* an exact zero row */
            for (b = 0; b < N; b++)
                fmpq_zero(fmpq_mat_entry(A, n_randint(st, m), b));
        rank = fmpq_mat_rref(E, A);
        kd_real_init(v);
        kd_mat_init(M, m, N);
        for (a = 0; a < m; a++)
            for (b = 0; b < N; b++)
            {
                kd_real_set_fmpq(v, fmpq_mat_entry(A, a, b));
                kd_mat_set_entry_real(M, a, b, v);
            }
        if (i % 2 == 0)
            kd_assert_ok(kd_oracle_init_mat(O, M));
        else
            kd_assert_ok(kd_sci_oracle_init_random(O, M, (ulong) i));
        kd_tower_out_init(out);
        for (k = 0; k < 3; k++)
        {
            n[0] = k < 2 ? (slong) n_randint(st, 30) : 50;
            kd_assert_ok(kd_tower_eval(out, T, n, O));
            ck_assert_msg(kd_tower_out_check(T, out, rank, NULL) == KD_TRUE,
                          "seed %lu input %ld n = %ld: rank %ld overestimated as %ld",
                          kd_test_seed(5), i, n[0], rank, out->value);
            if (k == 2)
                ck_assert_msg(out->value == rank, "seed %lu input %ld: Gamma_50 = %ld, rank %ld",
                              kd_test_seed(5), i, out->value, rank);
            else
                hits += out->value < rank;
        }
        kd_tower_out_clear(out);
        kd_oracle_clear(O);
        kd_mat_clear(M);
        kd_real_clear(v);
        fmpq_mat_clear(B);
        fmpq_mat_clear(C);
        fmpq_mat_clear(A);
        fmpq_mat_clear(E);
    }
    /* small levels do underestimate sometimes: the test sees both regimes */
    ck_assert(hits > 100);
    flint_randclear(st);
}
END_TEST

/* Complex input: z diag(1, 2^-20, 0) with |z| = 1 (z = 3/5 + 4/5 i) has
   singular values 1, 2^-20, 0: the tower never says more than 2 (nor more
   than 1 for z diag(1, 0, 0)), says at least 1 once 1 - 2^-n > 2^-n, and
   2 once 2^-20 - 2^-n > 2^-n (n >= 22), on nearest and random oracles. */
START_TEST(test_rank_complex)
{
    kd_tower_t T;
    slong r, n[1], o;
    kd_sci_tower_rank(T);
    for (r = 1; r <= 2; r++)
        for (o = 0; o < 2; o++)
        {
            kd_mat_t M;
            kd_complex_t z;
            kd_real_t re, im, s;
            kd_oracle_t O;
            kd_tower_out_t out;
            kd_mat_init(M, 3, 3);
            kd_complex_init(z);
            kd_real_init(re);
            kd_real_init(im);
            kd_real_init(s);
            kd_assert_ok(kd_real_set_si_si(re, 3, 5));
            kd_assert_ok(kd_real_set_si_si(im, 4, 5));
            kd_complex_set_real_imag(z, re, im);
            kd_mat_set_entry(M, 0, 0, z);
            if (r == 2)
            {
                kd_real_set_2exp(s, -20);
                kd_real_mul(re, re, s);
                kd_real_mul(im, im, s);
                kd_complex_set_real_imag(z, re, im);
                kd_mat_set_entry(M, 1, 1, z);
            }
            ck_assert(M->is_complex);
            if (o == 0)
                kd_assert_ok(kd_oracle_init_mat(O, M));
            else
                kd_assert_ok(kd_sci_oracle_init_random(O, M, 99));
            kd_tower_out_init(out);
            for (n[0] = 0; n[0] <= 40; n[0]++)
            {
                kd_assert_ok(kd_tower_eval(out, T, n, O));
                ck_assert_msg(out->value <= r, "rank %ld, n = %ld: %ld", r, n[0], out->value);
                if (n[0] >= 2)
                    ck_assert(out->value >= 1);
                if (n[0] >= 22)
                    ck_assert_msg(out->value == r, "rank %ld, n = %ld: %ld", r, n[0], out->value);
            }
            kd_tower_out_clear(out);
            kd_oracle_clear(O);
            kd_real_clear(s);
            kd_real_clear(im);
            kd_real_clear(re);
            kd_complex_clear(z);
            kd_mat_clear(M);
        }
}
END_TEST

/* ------------------------------------------------------------ the
   adversary, checked exactly */

static void
check_adversary(const kd_sci_adv_t res, slong r, slong c, slong L, slong reads)
{
    fmpq_t d, b;
    slong k;
    fmpq_init(d);
    fmpq_init(b);
    ck_assert_int_eq(res->consistent, KD_TRUE);
    ck_assert_int_eq(res->nreads, reads);
    ck_assert_int_eq(res->max_level, L);
    ck_assert_int_eq(res->N, L + 1);
    ck_assert(fmpq_mat_is_zero(res->X0));
    ck_assert(fmpq_mat_nrows(res->X1) == r && fmpq_mat_ncols(res->X1) == c);
    /* X1 = 2^-N e1 e1^T */
    fmpq_one(b);
    fmpq_div_2exp(b, b, L + 1);
    ck_assert(fmpq_equal(fmpq_mat_entry(res->X1, 0, 0), b));
    for (k = 0; k < res->nreads; k++)
    {
        /* each answer is the zero matrix: within 0 of X0, and within
           2^-N <= 2^-k of X1 (a matrix with one non-zero entry has that
           entry's modulus as its norm) */
        ck_assert(fmpq_mat_is_zero(res->answers + k));
        fmpq_one(d);
        fmpq_div_2exp(d, d, res->levels[k]);
        ck_assert(fmpq_cmp(b, d) <= 0);
    }
    /* the answer is wrong on the instance named */
    ck_assert(res->wrong_on == 0 || res->wrong_on == 1);
    ck_assert(res->answer != (res->wrong_on == 0 ? 0 : 1));
    fmpq_clear(d);
    fmpq_clear(b);
}

START_TEST(test_adversary)
{
    static const slong Ls[] = {0, 1, 7, 30, 100};
    kd_tower_t P, S, R;
    slong i;
    kd_sci_tower_positive(P);
    kd_sci_tower_sign(S);
    kd_sci_tower_rank(R);
    for (i = 0; i < 5; i++)
    {
        kd_sci_adv_t res;
        kd_tower_alg_struct ta;
        slong L = Ls[i];
        kd_sci_adv_init(res);
        kd_assert_ok(kd_sci_adversary_run(res, 1, 1, kd_sci_positive_alg_cautious, &L));
        check_adversary(res, 1, 1, L, 1);
        ck_assert_int_eq(res->answer, 0);
        ck_assert_int_eq(res->wrong_on, 1);
        kd_assert_ok(kd_sci_adversary_run(res, 1, 1, kd_sci_positive_alg_rounding, &L));
        check_adversary(res, 1, 1, L, 1);
        ck_assert_int_eq(res->answer, 1);
        ck_assert_int_eq(res->wrong_on, 0);
        kd_assert_ok(kd_sci_adversary_run(res, 1, 1, kd_sci_positive_alg_patient, &L));
        check_adversary(res, 1, 1, L, L + 1);
        ta.T = P;
        ta.n[0] = L;
        kd_assert_ok(kd_sci_adversary_run(res, 1, 1, kd_tower_alg, &ta));
        check_adversary(res, 1, 1, L, 1);
        ta.T = S;
        kd_assert_ok(kd_sci_adversary_run(res, 1, 1, kd_tower_alg, &ta));
        check_adversary(res, 1, 1, L, 1);
        ta.T = R;
        kd_assert_ok(kd_sci_adversary_run(res, 3, 2, kd_tower_alg, &ta));
        check_adversary(res, 3, 2, L, 1);
        ck_assert_int_eq(res->answer, 0);
        kd_sci_adv_clear(res);
    }
}
END_TEST

/* ------------------------------------------------------------ the runner
   with a user-defined height-2 tower and a Delta_1 ball tower */

/* Gamma_{n2,n1} = 1000 n2 + n1 after reading levels n1 and n1 + 1. */
static kd_status
grid_base(kd_tower_out_t out, const slong * n, kd_oracle_t O, void * data)
{
    fmpq_mat_t re;
    kd_status st;
    (void) data;
    fmpq_mat_init(re, 1, 1);
    st = kd_oracle_get(re, NULL, O, n[0]);
    if (st == KD_OK)
        st = kd_oracle_get(re, NULL, O, n[0] + 1);
    out->value = 1000 * n[1] + n[0];
    out->certified = n[1] == 7;
    fmpq_mat_clear(re);
    return st;
}

/* x^2 to within 2^-n: q = q_{n+2}, |q^2 - x^2| <= |q - x| (|q| + |x|) <=
   2^-(n+2) (2|x| + 1) <= 2^-n for |x| <= 1, so the ball q^2 +- 2^-n
   contains x^2 (Delta_1). */
static kd_status
square_base(kd_tower_out_t out, const slong * n, kd_oracle_t O, void * data)
{
    fmpq_mat_t re;
    kd_status st;
    (void) data;
    fmpq_mat_init(re, 1, 1);
    st = kd_oracle_get(re, NULL, O, n[0] + 2);
    if (st == KD_OK)
    {
        arb_set_fmpq(&out->ball, fmpq_mat_entry(re, 0, 0), PREC);
        arb_sqr(&out->ball, &out->ball, PREC);
        arb_add_error_2exp_si(&out->ball, -n[0]);
        out->certified = 1;
    }
    fmpq_mat_clear(re);
    return st;
}

START_TEST(test_runner)
{
    static const slong n1[] = {0, 3, 9}, n2[] = {5, 7};
    const slong * lv[2];
    slong len[2] = {3, 2}, idx[2], i, j, bad;
    kd_tower_t T, Q;
    kd_tower_run_t R;
    kd_oracle_t O;
    kd_real_t x;
    arb_t tr;
    FILE * f;

    kd_real_init(x);
    kd_assert_ok(kd_real_set_si_si(x, -2, 3));
    kd_assert_ok(kd_sci_oracle_init_real(O, x));
    kd_tower_set(T, "grid", 2, KD_TOWER_INT, KD_TOWER_CERT_EXACT, grid_base, NULL);
    kd_tower_run_init(R);
    lv[0] = n1;
    lv[1] = n2;
    kd_assert_ok(kd_tower_run(R, T, O, lv, len));
    ck_assert_int_eq(R->count, 6);
    for (i = 0; i < 2; i++)
        for (j = 0; j < 3; j++)
        {
            const kd_tower_out_struct * o;
            idx[0] = j;
            idx[1] = i;
            o = kd_tower_run_entry(R, idx);
            ck_assert_int_eq(o->value, 1000 * n2[i] + n1[j]);
            ck_assert_int_eq(o->nreads, 2);
            ck_assert_int_eq(o->max_level, n1[j] + 1);
            ck_assert(o == R->out + 3 * i + j);     /* n1 fastest */
        }
    ck_assert_int_eq(kd_oracle_nreads(O), 12);
    idx[0] = 3;
    ck_assert(kd_tower_run_entry(R, idx) == NULL);
    /* the certified outputs (n2 = 7) claim Xi = 7000 + n1: wrong for n1 > 0 */
    ck_assert_int_eq(kd_tower_run_check(&bad, T, R, 7000, NULL), KD_FALSE);
    ck_assert_int_eq(bad, 4);
    f = tmpfile();
    ck_assert(f != NULL);
    kd_assert_ok(kd_tower_run_write(f, T, R, 6));
    ck_assert(ftell(f) > 100);
    fclose(f);

    /* a Delta_1 ball tower: every ball contains x^2 = 4/9 */
    kd_tower_set(Q, "x^2", 1, KD_TOWER_BALL, KD_TOWER_CERT_BALL, square_base, NULL);
    {
        static const slong ns[] = {0, 1, 5, 20, 60};
        slong l5 = 5;
        lv[0] = ns;
        kd_assert_ok(kd_tower_run(R, Q, O, lv, &l5));
    }
    arb_init(tr);
    arb_set_si(tr, 4);
    arb_div_ui(tr, tr, 9, PREC);
    ck_assert_int_eq(kd_tower_run_check(&bad, Q, R, 0, tr), KD_TRUE);
    ck_assert(mag_cmp_2exp_si(arb_radref(&R->out[4].ball), -59) < 0);
    arb_set_si(tr, 1);
    ck_assert_int_eq(kd_tower_run_check(&bad, Q, R, 0, tr), KD_FALSE);

    /* bad arguments */
    {
        slong neg[] = {-1}, one = 1;
        lv[0] = neg;
        ck_assert_int_eq(kd_tower_run(R, Q, O, lv, &one), KD_ERR_ARG);
        one = 0;
        ck_assert_int_eq(kd_tower_run(R, Q, O, lv, &one), KD_ERR_ARG);
    }
    arb_clear(tr);
    kd_tower_run_clear(R);
    kd_oracle_clear(O);
    kd_real_clear(x);
}
END_TEST

/* ------------------------------------------------------------ argmin */

START_TEST(test_lasso_row)
{
    static const slong ns[] = {0, 3, 12};
    fmpq_t L;
    arb_t ref, t;
    slong n = ns[_i];
    kd_sci_lasso_row_t row;
    fmpq_init(L);
    arb_init(ref);
    arb_init(t);
    fmpq_set_si(L, 1, 10);
    kd_sci_lasso_row_init(row);
    kd_assert_ok(kd_sci_lasso_row(row, L, n, PREC));
    ck_assert_int_eq(row->consistent, KD_TRUE);
    ck_assert_int_eq(row->truth_cert, KD_TRUE);
    /* kappa = sqrt(2) (1 - sqrt(3)/10), independently */
    arb_sqrt_ui(ref, 3, PREC);
    arb_div_ui(ref, ref, 10, PREC);
    arb_sub_ui(ref, ref, 1, PREC);
    arb_neg(ref, ref);
    arb_sqrt_ui(t, 2, PREC);
    arb_mul(ref, ref, t, PREC);
    ck_assert(arb_overlaps(ref, &row->kappa));
    arb_mul_2exp_si(ref, ref, -1);
    ck_assert(arb_overlaps(ref, &row->eps_b));
    ck_assert(arb_overlaps(ref, row->mid_err + 0));
    ck_assert(arb_overlaps(ref, row->mid_err + 1));
    /* 0.5846 */
    arb_set_d(t, 0.58463);
    arb_sub(t, t, &row->eps_b, PREC);
    ck_assert(arf_cmpabs_2exp_si(arb_midref(t), -16) < 0);
    /* sqrt(12) 2^-(n+3) */
    arb_sqrt_ui(ref, 12, PREC);
    arb_mul_2exp_si(ref, ref, -(n + 3));
    ck_assert(arb_overlaps(ref, &row->dist));
    /* W is B* with the coordinates swapped */
    ck_assert(arb_equal(arb_mat_entry(&row->W, 0, 0), arb_mat_entry(&row->Bstar, 1, 0)));
    kd_sci_lasso_row_clear(row);

    /* independent check of the consistency at n = 3: the Frobenius norm of
       A_0 rounded at k + 1 minus A_delta is < 2^-k for k = 0..3 */
    if (n == 3)
    {
        kd_mat_t A0, Ad, y;
        kd_real_t z, d;
        fmpq_mat_t Ak;
        acb_mat_t E;
        slong k, i, j;
        kd_mat_init(A0, 0, 0);
        kd_mat_init(Ad, 0, 0);
        kd_mat_init(y, 0, 0);
        kd_real_init(z);
        kd_real_init(d);
        fmpq_mat_init(Ak, 3, 2);
        acb_mat_init(E, 3, 2);
        kd_real_set_2exp(d, -(n + 3));
        kd_assert_ok(kd_lasso_probe_instance(A0, y, z, 0));
        kd_assert_ok(kd_lasso_probe_instance(Ad, y, d, 1));
        kd_assert_ok(kd_mat_eval_acb_mat(E, Ad, PREC));
        for (k = 0; k <= n; k++)
        {
            kd_assert_ok(kd_mat_approx(Ak, NULL, NULL, A0, k + 1, 0));
            arb_zero(ref);
            for (i = 0; i < 3; i++)
                for (j = 0; j < 2; j++)
                {
                    arb_set_fmpq(t, fmpq_mat_entry(Ak, i, j), PREC);
                    arb_sub(t, t, acb_realref(acb_mat_entry(E, i, j)), PREC);
                    arb_addmul(ref, t, t, PREC);
                }
            arb_one(t);
            arb_mul_2exp_si(t, t, -2 * k);
            ck_assert(arb_lt(ref, t));
        }
        acb_mat_clear(E);
        fmpq_mat_clear(Ak);
        kd_real_clear(d);
        kd_real_clear(z);
        kd_mat_clear(y);
        kd_mat_clear(Ad);
        kd_mat_clear(A0);
    }
    fmpq_set_si(L, 3, 5);       /* > 1/sqrt(3) */
    kd_sci_lasso_row_init(row);
    ck_assert_int_eq(kd_sci_lasso_row(row, L, 0, PREC), KD_ERR_ARG);
    kd_sci_lasso_row_clear(row);
    arb_clear(t);
    arb_clear(ref);
    fmpq_clear(L);
}
END_TEST

START_TEST(test_bp_row)
{
    slong K = 2 + _i, n, scale;
    fmpq_t e0, e1;
    arb_t tau, t, prev, a;
    fmpq_init(e0);
    fmpq_init(e1);
    arb_init(tau);
    arb_init(t);
    arb_init(prev);
    arb_init(a);
    kd_sci_gha_thresholds(e0, e1, K);
    for (scale = 1; scale <= 2; scale++)
    {
        arb_zero(prev);
        for (n = 0; n <= 30; n += 10)
        {
            kd_sci_bp_row_t row;
            kd_sci_bp_row_init(row);
            kd_assert_ok(kd_sci_bp_row(row, K, scale, n, PREC));
            ck_assert_int_eq(row->indist, KD_TRUE);
            /* tau = 1/(a0 + 2^-(n+1)), a0 = (sqrt(2)/3) 10^(K - scale + 1) */
            arb_sqrt_ui(a, 2, PREC);
            arb_div_ui(a, a, 3, PREC);
            arb_ui_pow_ui(t, 10, K - scale + 1, PREC);
            arb_mul(a, a, t, PREC);
            arb_one(t);
            arb_mul_2exp_si(t, t, -(n + 1));
            arb_add(a, a, t, PREC);
            arb_inv(tau, a, PREC);
            ck_assert(arb_overlaps(tau, &row->tau));
            arb_sqrt_ui(t, 2, PREC);
            arb_div(t, tau, t, PREC);
            ck_assert(arb_overlaps(t, &row->eps));
            ck_assert(arb_overlaps(t, row->mid_err + 0));
            ck_assert(arb_overlaps(t, row->mid_err + 1));
            /* eps(n) < eps0 (scale 1) or eps1 (scale 2), increasing in n */
            arb_set_fmpq(t, scale == 1 ? e0 : e1, PREC);
            ck_assert(arb_lt(&row->eps, t));
            ck_assert(arb_gt(&row->eps, prev));
            arb_set(prev, &row->eps);
            kd_sci_bp_row_clear(row);
        }
    }
    /* eps0 = 3/(2 10^K), eps1 = 10 eps0, and
       10^-K < eps0 < 10^-(K-1) < eps1 < 10^-(K-2), exactly */
    {
        fmpq_t p;
        fmpz_t z;
        slong j;
        fmpq_init(p);
        fmpz_init(z);
        fmpz_ui_pow_ui(z, 10, K);
        fmpq_set_fmpz_frac(p, z, z);
        fmpq_set_si(p, 3, 2);
        fmpq_div_fmpz(p, p, z);
        ck_assert(fmpq_equal(p, e0));
        fmpq_mul_ui(p, p, 10);
        ck_assert(fmpq_equal(p, e1));
        for (j = 0; j < 3; j++)
        {
            fmpz_ui_pow_ui(z, 10, K - j);
            fmpq_one(p);
            fmpq_div_fmpz(p, p, z);     /* 10^-(K-j) */
            ck_assert(fmpq_cmp(j == 2 ? e1 : e0, p) != 0);
            if (j == 0)
                ck_assert(fmpq_cmp(p, e0) < 0);
            if (j == 1)
                ck_assert(fmpq_cmp(e0, p) < 0 && fmpq_cmp(p, e1) < 0);
            if (j == 2)
                ck_assert(fmpq_cmp(e1, p) < 0);
        }
        fmpz_clear(z);
        fmpq_clear(p);
    }
    arb_clear(a);
    arb_clear(prev);
    arb_clear(t);
    arb_clear(tau);
    fmpq_clear(e1);
    fmpq_clear(e0);
}
END_TEST

START_TEST(test_classes)
{
    slong i, n = kd_sci_class_count(), with_eps = 0;
    arb_t e, ref;
    arb_init(e);
    arb_init(ref);
    ck_assert(n >= 10);
    ck_assert(kd_sci_class_get(n) == NULL && kd_sci_class_get(-1) == NULL);
    for (i = 0; i < n; i++)
    {
        const kd_sci_class_struct * c = kd_sci_class_get(i);
        ck_assert(c->problem[0] && c->sci_class[0] && c->command[0] && c->functions[0]);
        ck_assert(strstr(c->proof, ".md") != NULL);
        if (kd_sci_class_eps(e, i, 3, PREC))
        {
            with_eps++;
            ck_assert(c->value_name != NULL);
            ck_assert(arb_is_positive(e));
        }
        else
            ck_assert(c->value_name == NULL);
    }
    ck_assert_int_eq(with_eps, 4);
    arb_clear(ref);
    arb_clear(e);
}
END_TEST

/* kd_sci_rank_exact against the rank from fmpq_mat_rref (another FLINT
   route) on random rational matrices of low rank, and its refusals. */
START_TEST(test_rank_exact)
{
    flint_rand_t st;
    slong t, i, j, rk, ref;
    flint_randinit(st);
    for (t = 0; t < 200; t++)
    {
        slong r = 1 + n_randint(st, 6), c = 1 + n_randint(st, 6), k = n_randint(st, 4);
        fmpq_mat_t U, V, P, E;
        kd_mat_t A;
        kd_real_t x;
        fmpq_mat_init(U, r, k);
        fmpq_mat_init(V, k, c);
        fmpq_mat_init(P, r, c);
        fmpq_mat_init(E, r, c);
        fmpq_mat_randtest(U, st, 4);
        fmpq_mat_randtest(V, st, 4);
        fmpq_mat_mul(P, U, V);
        ref = fmpq_mat_rref(E, P);
        kd_mat_init(A, r, c);
        kd_real_init(x);
        for (i = 0; i < r; i++)
            for (j = 0; j < c; j++)
            {
                kd_real_set_fmpq(x, fmpq_mat_entry(P, i, j));
                kd_mat_set_entry_real(A, i, j, x);
            }
        rk = -7;
        ck_assert_int_eq(kd_sci_rank_exact(&rk, A), 1);
        ck_assert_int_eq(rk, ref);
        ck_assert(rk <= k);
        /* an irrational entry: no exact rank */
        ck_assert_int_eq(kd_real_parse(x, "sqrt(2)"), KD_OK);
        kd_mat_set_entry_real(A, 0, 0, x);
        rk = -7;
        ck_assert_int_eq(kd_sci_rank_exact(&rk, A), 0);
        ck_assert_int_eq(rk, -7);
        kd_real_clear(x);
        kd_mat_clear(A);
        fmpq_mat_clear(U);
        fmpq_mat_clear(V);
        fmpq_mat_clear(P);
        fmpq_mat_clear(E);
    }
    flint_randclear(st);
}
END_TEST

/* The demos in one call: sign on 2^-20 with its adversarial inputs, rank
   of the 3 x 3 identity, and the shape limit. */
START_TEST(test_demo)
{
    static const slong n[3] = {0, 10, 30}, N[1] = {8}, L[2] = {0, 5};
    kd_sci_demo_t D;
    kd_real_t x;
    kd_mat_t A;
    fmpq_t d, e;
    slong i;
    kd_sci_demo_init(D);
    kd_real_init(x);
    fmpq_init(d);
    fmpq_init(e);
    kd_real_set_2exp(x, -20);
    ck_assert_int_eq(kd_sci_demo_real(D, KD_SCI_DEMO_SIGN, x, 0, 0, 0, n, 3, N, 1, L, 2), KD_OK);
    ck_assert(D->sign_decided && D->sign == 1);
    ck_assert_int_eq(D->R.count, 3);
    ck_assert(D->R.out[2].value == 1 && D->R.out[2].certified);
    ck_assert(D->R.out[0].value == 0 && !D->R.out[0].certified);
    for (i = 0; i < 3; i++)
    {
        /* |q_n - 2^-20| <= 2^-n, exactly */
        fmpq_set_si(e, 1, 1);
        fmpq_div_2exp(e, e, 20);
        fmpq_sub(d, D->q + i, e);
        fmpq_abs(d, d);
        fmpq_mul_2exp(d, d, n[i]);
        ck_assert(fmpq_cmp_ui(d, 1) <= 0);
    }
    ck_assert_int_eq(D->nfam, 3);
    for (i = 0; i < 3; i++)
        ck_assert(D->fam[0].out[i].value == 0 && !D->fam[0].out[i].certified);
    ck_assert(D->fam[1].out[2].value == 1 && D->fam[2].out[2].value == -1);
    ck_assert(D->fam[1].out[0].value == 0);
    ck_assert_int_eq(D->nL * D->nalgs, 2);
    for (i = 0; i < 2; i++)
    {
        ck_assert(D->adv[i].consistent == KD_TRUE);
        ck_assert_int_eq(D->adv[i].N, L[i] + 1);
    }
    kd_mat_init(A, 0, 0);
    kd_mat_identity(A, 3);
    ck_assert_int_eq(kd_sci_demo_rank(D, A, 1, 9, 0, n, 3, L, 2), KD_OK);
    ck_assert_int_eq(D->exact_rank, 3);
    ck_assert_int_eq(D->best, 3);
    ck_assert_int_eq(D->adv[1].answer, 0);
    kd_mat_identity(A, 65);
    ck_assert_int_eq(kd_sci_demo_rank(D, A, 0, 0, 0, n, 3, L, 2), KD_ERR_ARG);
    kd_error_clear();
    kd_mat_clear(A);
    kd_sci_demo_clear(D);
    kd_real_clear(x);
    fmpq_clear(d);
    fmpq_clear(e);
}
END_TEST

/* The argmin protocol: thresholds, one-read K-2 run, the budget. */
START_TEST(test_argmin_run)
{
    static const slong n[2] = {0, 6};
    kd_sci_argmin_t R;
    fmpq_t Lambda, t;
    slong i;
    kd_sci_argmin_init(R);
    fmpq_init(Lambda);
    fmpq_init(t);
    fmpq_set_si(Lambda, 1, 10);
    ck_assert_int_eq(kd_sci_argmin_run(R, Lambda, 2, n, 2, PREC), KD_OK);
    fmpq_set_si(t, 3, 200);
    ck_assert(fmpq_equal(&R->eps0, t));
    fmpq_set_si(t, 3, 20);
    ck_assert(fmpq_equal(&R->eps1, t));
    for (i = 0; i < KD_SCI_ARGMIN_NGHA; i++)
        ck_assert(R->gha[i].ok == KD_TRUE);
    ck_assert_int_eq(R->gha[4].reads, 1);
    ck_assert(R->budget_fail[0] + R->budget_fail[1] >= R->budget_trials);
    for (i = 0; i < 2; i++)
        ck_assert(R->adv[i].wrong == KD_TRUE && R->adv[i].consistent == KD_TRUE);
    fmpq_set_si(Lambda, 1, 1);
    ck_assert_int_ne(kd_sci_argmin_run(R, Lambda, 2, n, 2, PREC), KD_OK);
    kd_error_clear();
    kd_sci_argmin_clear(R);
    fmpq_clear(Lambda);
    fmpq_clear(t);
}
END_TEST

/* the words of the demonstrations: 2^-N and its sign */
START_TEST(test_pow2_str)
{
    char b[32];
    kd_sci_pow2_str(b, sizeof b, 0, 1);
    ck_assert_str_eq(b, "1");
    kd_sci_pow2_str(b, sizeof b, 0, -1);
    ck_assert_str_eq(b, "-1");
    kd_sci_pow2_str(b, sizeof b, 17, 1);
    ck_assert_str_eq(b, "2^-17");
    kd_sci_pow2_str(b, sizeof b, 3, -1);
    ck_assert_str_eq(b, "-2^-3");
}
END_TEST

Suite *
kd_suite_sci(void)
{
    Suite * s = suite_create("sci");
    TCase * tc = tcase_create("exact");
    tcase_add_test(tc, test_sv_count);
    tcase_add_test(tc, test_opnorm_le);
    tcase_add_test(tc, test_random_oracle);
    tcase_add_test(tc, test_runner);
    tcase_add_test(tc, test_adversary);
    tcase_add_test(tc, test_classes);
    tcase_add_test(tc, test_rank_exact);
    tcase_add_test(tc, test_demo);
    tcase_add_test(tc, test_pow2_str);
    suite_add_tcase(s, tc);
    tc = tcase_create("towers");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_positive_random);
    tcase_add_test(tc, test_sign_random);
    tcase_add_test(tc, test_rank_random);
    tcase_add_test(tc, test_rank_complex);
    suite_add_tcase(s, tc);
    tc = tcase_create("argmin");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_lasso_row, 0, 3);
    tcase_add_loop_test(tc, test_bp_row, 0, 2);
    tcase_add_test(tc, test_argmin_run);
    suite_add_tcase(s, tc);
    return s;
}
