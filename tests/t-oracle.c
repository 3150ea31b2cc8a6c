/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for the oracle module: every answer is checked against an
   independent high-precision Arb enclosure (or exact rational arithmetic),
   with the "<= 2^-n" guarantees proved from upper bounds. */
#include <string.h>
#include "kdigits/lasso.h"
#include "testutil.h"

/* Precision of the reference enclosures: above 4 n + 200 for every level
   tested, so the reference radius (~2^-1550) is negligible against 2^-n. */
#define REF_PREC 1600

static const slong test_levels[] = { 0, 1, 5, 20, 53, 100, 300 };
#define NUM_LEVELS ((slong) (sizeof(test_levels) / sizeof(test_levels[0])))

/* ------------------------------------------------------------- helpers */

static int
fmpz_is_pow2(const fmpz_t d)
{
    return fmpz_sgn(d) > 0 && fmpz_val2(d) + 1 == fmpz_bits(d);
}

static int
fmpq_mat_is_dyadic(const fmpq_mat_t M)
{
    slong i, j;
    for (i = 0; i < fmpq_mat_nrows(M); i++)
        for (j = 0; j < fmpq_mat_ncols(M); j++)
            if (!fmpz_is_pow2(fmpq_denref(fmpq_mat_entry(M, i, j))))
                return 0;
    return 1;
}

/* x = p/q exactly, with its (exact) ball; returns whether it is dyadic. */
static int
set_rational(kd_real_t x, arb_t ref, slong p, slong q)
{
    fmpq_t r;
    int dyadic;
    fmpq_init(r);
    fmpq_set_si(r, p, q);
    kd_real_set_fmpq(x, r);
    arb_set_fmpq(ref, r, REF_PREC);
    dyadic = fmpz_is_pow2(fmpq_denref(r));
    fmpq_clear(r);
    return dyadic;
}

/* pi p / q in balls, straight from arb_const_pi */
static void
arb_pi_frac(arb_t res, slong p, slong q)
{
    arb_const_pi(res, REF_PREC);
    arb_mul_si(res, res, p, REF_PREC);
    arb_div_si(res, res, q, REF_PREC);
}

/* A random exact real built with the kd_real operations, and an enclosure
   of the same number computed with direct Arb calls (not through kdigits).
   Returns 1 only if x is certainly an exact dyadic rational (then ref is
   exact); 0 means "not known to be dyadic". */
static int
rand_exact(kd_real_t x, arb_t ref, flint_rand_t st, int depth)
{
    slong p, q;
    fmpq_t r;
    int da, db;

    switch (n_randint(st, depth > 0 ? 10 : 7))
    {
        case 0:     /* dyadic p / 2^e */
            p = (slong) n_randint(st, 4001) - 2000;
            return set_rational(x, ref, p, WORD(1) << n_randint(st, 40));
        case 1:     /* small integer */
            return set_rational(x, ref, (slong) n_randint(st, 7) - 3, 1);
        case 2:     /* p / q, such as 1/3 */
            p = (slong) n_randint(st, 201) - 100;
            q = 1 + (slong) n_randint(st, 60);
            return set_rational(x, ref, p, q);
        case 3:     /* sqrt(p / q) */
            p = 1 + (slong) n_randint(st, 60);
            q = 1 + (slong) n_randint(st, 60);
            fmpq_init(r);
            fmpq_set_si(r, p, q);
            kd_real_set_fmpq(x, r);
            kd_assert_ok(kd_real_sqrt(x, x));
            arb_set_fmpq(ref, r, REF_PREC);
            arb_sqrt(ref, ref, REF_PREC);
            fmpq_clear(r);
            return 0;
        case 4:     /* cos(pi p / q) */
            p = (slong) n_randint(st, 121) - 60;
            q = 1 + (slong) n_randint(st, 30);
            fmpq_init(r);
            fmpq_set_si(r, p, q);
            kd_real_cos_pi_fmpq(x, r);
            arb_pi_frac(ref, p, q);
            arb_cos(ref, ref, REF_PREC);
            fmpq_clear(r);
            return 0;
        case 5:     /* sin(pi p / q) */
            p = (slong) n_randint(st, 121) - 60;
            q = 1 + (slong) n_randint(st, 30);
            fmpq_init(r);
            fmpq_set_si(r, p, q);
            kd_real_sin_pi_fmpq(x, r);
            arb_pi_frac(ref, p, q);
            arb_sin(ref, ref, REF_PREC);
            fmpq_clear(r);
            return 0;
        case 6:     /* pi p / q, such as pi/7 */
            p = (slong) n_randint(st, 41) - 20;
            q = 1 + (slong) n_randint(st, 20);
            fmpq_init(r);
            fmpq_set_si(r, p, q);
            kd_real_pi(x);
            kd_real_mul_fmpq(x, x, r);
            arb_pi_frac(ref, p, q);
            fmpq_clear(r);
            return 0;
        default:
            break;
    }

    /* a sum, a product or a quotient of two smaller ones */
    {
        kd_real_t b;
        arb_t rb;
        int kind = n_randint(st, 3);
        kd_real_init(b);
        arb_init(rb);
        da = rand_exact(x, ref, st, depth - 1);
        db = rand_exact(b, rb, st, depth - 1);
        if (kind == 0)
        {
            kd_real_add(x, x, b);
            arb_add(ref, ref, rb, REF_PREC);
        }
        else if (kind == 1)
        {
            kd_real_mul(x, x, b);
            arb_mul(ref, ref, rb, REF_PREC);
        }
        else
        {
            /* divide by 2 + cos(pi p/q) >= 1, never zero */
            kd_real_t c;
            p = (slong) n_randint(st, 41) - 20;
            q = 1 + (slong) n_randint(st, 9);
            kd_real_init(c);
            fmpq_init(r);
            fmpq_set_si(r, p, q);
            kd_real_cos_pi_fmpq(c, r);
            kd_real_set_si(b, 2);
            kd_real_add(c, c, b);
            kd_assert_ok(kd_real_div(x, x, c));
            arb_pi_frac(rb, p, q);
            arb_cos(rb, rb, REF_PREC);
            arb_add_si(rb, rb, 2, REF_PREC);
            arb_div(ref, ref, rb, REF_PREC);
            fmpq_clear(r);
            kd_real_clear(c);
            da = db = 0;
        }
        kd_real_clear(b);
        arb_clear(rb);
        return da && db;
    }
}

/* A random r x c exact matrix with its reference enclosure R and, per entry,
   whether the real (dre) and imaginary (dim) parts are known dyadic. */
static void
rand_exact_mat(kd_mat_t A, acb_mat_t R, int * dre, int * dim, flint_rand_t st, int cplx)
{
    slong i, j, r = acb_mat_nrows(R), c = acb_mat_ncols(R);
    kd_real_t x, y;
    kd_complex_t z;
    kd_real_init(x);
    kd_real_init(y);
    kd_complex_init(z);
    kd_assert_ok(kd_mat_resize(A, r, c));
    for (i = 0; i < r; i++)
        for (j = 0; j < c; j++)
        {
            acb_struct * e = acb_mat_entry(R, i, j);
            dre[i * c + j] = rand_exact(x, acb_realref(e), st, 2);
            if (cplx && n_randint(st, 4) != 0)
                dim[i * c + j] = rand_exact(y, acb_imagref(e), st, 2);
            else
            {
                kd_real_zero(y);
                arb_zero(acb_imagref(e));
                dim[i * c + j] = 1;
            }
            kd_complex_set_real_imag(z, x, y);
            kd_mat_set_entry(A, i, j, z);
        }
    kd_real_clear(x);
    kd_real_clear(y);
    kd_complex_clear(z);
}

/* Certified bounds lo <= ||(re + i im) - R||_F^2 <= hi (im NULL: zero). */
static void
frob2_bounds(arf_t lo, arf_t hi, const fmpq_mat_t re, const fmpq_mat_t im, const acb_mat_t R)
{
    slong i, j;
    arb_t s, d;
    arb_init(s);
    arb_init(d);
    for (i = 0; i < acb_mat_nrows(R); i++)
        for (j = 0; j < acb_mat_ncols(R); j++)
        {
            arb_set_fmpq(d, fmpq_mat_entry(re, i, j), REF_PREC);
            arb_sub(d, d, acb_realref(acb_mat_entry(R, i, j)), REF_PREC);
            arb_addmul(s, d, d, REF_PREC);
            if (im != NULL)
                arb_set_fmpq(d, fmpq_mat_entry(im, i, j), REF_PREC);
            else
                arb_zero(d);
            arb_sub(d, d, acb_imagref(acb_mat_entry(R, i, j)), REF_PREC);
            arb_addmul(s, d, d, REF_PREC);
        }
    arb_get_lbound_arf(lo, s, REF_PREC);
    arb_get_ubound_arf(hi, s, REF_PREC);
    arb_clear(s);
    arb_clear(d);
}

/* Proves ||A_n - A||_F <= 2^-n (hence ||A_n - A||_2 <= 2^-n) from an upper
   bound of the squared Frobenius norm; if err is given, also checks that it
   is an upper bound <= 2^-n that the certified lower bound respects. */
static void
assert_within(const fmpq_mat_t re, const fmpq_mat_t im, const mag_t err,
              const acb_mat_t R, slong n, ulong seed, const char * what)
{
    arf_t lo, hi, e2;
    arf_init(lo);
    arf_init(hi);
    arf_init(e2);
    frob2_bounds(lo, hi, re, im, R);
    ck_assert_msg(arf_cmp_2exp_si(hi, -2 * n) <= 0,
                  "%s: ||A_n - A||_F <= 2^-%ld not proved (seed %lu)", what, n, seed);
    if (err != NULL)
    {
        ck_assert_msg(mag_cmp_2exp_si(err, -n) <= 0, "%s: err above 2^-%ld (seed %lu)",
                      what, n, seed);
        arf_set_mag(e2, err);
        arf_mul(e2, e2, e2, ARF_PREC_EXACT, ARF_RND_UP);
        ck_assert_msg(arf_cmp(lo, e2) <= 0,
                      "%s: the true error exceeds the certified err at n = %ld (seed %lu)",
                      what, n, seed);
    }
    arf_clear(lo);
    arf_clear(hi);
    arf_clear(e2);
}

/* Exact fmpq_mat comparison of (re, im) pairs (im may be NULL on both). */
static int
answers_equal(const fmpq_mat_t re1, const fmpq_mat_t im1, const fmpq_mat_t re2, const fmpq_mat_t im2)
{
    if (!fmpq_mat_equal(re1, re2))
        return 0;
    if (im1 != NULL && im2 != NULL)
        return fmpq_mat_equal(im1, im2);
    return 1;
}

/* ------------------------------------------------------------- random oracles */

START_TEST(test_random_oracles)
{
    flint_rand_t st;
    ulong seed = kd_test_seed(21);
    slong iter, l, i, j;
    kd_test_randinit(st, 21);

    for (iter = 0; iter < 14; iter++)
    {
        slong r = 1 + n_randint(st, 12), c = 1 + n_randint(st, 12);
        int cplx = n_randint(st, 3) == 0;
        int * dre = flint_malloc(r * c * sizeof(int));
        int * dim = flint_malloc(r * c * sizeof(int));
        kd_mat_t A;
        acb_mat_t R;
        kd_oracle_t O, O2;
        fmpq_mat_t re, im, re2, im2, saved_re[NUM_LEVELS], saved_im[NUM_LEVELS];
        mag_t err;

        kd_mat_init(A, 0, 0);
        acb_mat_init(R, r, c);
        rand_exact_mat(A, R, dre, dim, st, cplx);
        kd_assert_ok(kd_oracle_init_mat(O, A));
        ck_assert_msg(O->r == r && O->c == c && O->is_complex == A->is_complex,
                      "oracle shape or type wrong (seed %lu)", seed);
        fmpq_mat_init(re, 1, 1);
        fmpq_mat_init(im, 0, 0);
        fmpq_mat_init(re2, r, c);
        fmpq_mat_init(im2, r, c);
        mag_init(err);

        for (l = 0; l < NUM_LEVELS; l++)
        {
            slong n = test_levels[l];
            /* a real oracle may be given im or not; when given it is zeroed */
            int pass_im = cplx || n_randint(st, 2);

            /* stale content in im must not survive a real oracle's answer */
            if (!cplx && fmpq_mat_nrows(im) == r && fmpq_mat_ncols(im) == c)
                fmpq_set_si(fmpq_mat_entry(im, r - 1, c - 1), 1, 3);
            kd_assert_ok(kd_oracle_get(re, pass_im ? im : NULL, O, n));
            ck_assert_msg(fmpq_mat_nrows(re) == r && fmpq_mat_ncols(re) == c,
                          "answer has the wrong size (seed %lu)", seed);
            ck_assert_msg(fmpq_mat_is_dyadic(re), "re not dyadic at n = %ld (seed %lu)", n, seed);
            if (pass_im)
            {
                ck_assert_msg(fmpq_mat_nrows(im) == r && fmpq_mat_ncols(im) == c,
                              "im has the wrong size (seed %lu)", seed);
                ck_assert_msg(fmpq_mat_is_dyadic(im), "im not dyadic at n = %ld (seed %lu)", n, seed);
                if (!cplx)
                    ck_assert_msg(fmpq_mat_is_zero(im), "im of a real oracle not zero (seed %lu)", seed);
            }
            assert_within(re, pass_im ? im : NULL, NULL, R, n, seed, "kd_oracle_get");

            /* exact dyadic entries are answered exactly */
            for (i = 0; i < r; i++)
                for (j = 0; j < c; j++)
                {
                    arb_t d;
                    arb_init(d);
                    if (dre[i * c + j])
                    {
                        arb_set_fmpq(d, fmpq_mat_entry(re, i, j), REF_PREC);
                        arb_sub(d, d, acb_realref(acb_mat_entry(R, i, j)), REF_PREC);
                        ck_assert_msg(arb_is_zero(d), "dyadic re(%ld, %ld) not exact at n = %ld (seed %lu)",
                                      i, j, n, seed);
                    }
                    if (dim[i * c + j] && pass_im)
                    {
                        arb_set_fmpq(d, fmpq_mat_entry(im, i, j), REF_PREC);
                        arb_sub(d, d, acb_imagref(acb_mat_entry(R, i, j)), REF_PREC);
                        ck_assert_msg(arb_is_zero(d), "dyadic im(%ld, %ld) not exact at n = %ld (seed %lu)",
                                      i, j, n, seed);
                    }
                    arb_clear(d);
                }

            /* the unlogged rounding gives the same answer and a sound err */
            kd_assert_ok(kd_mat_approx(re2, im2, err, A, n, 0));
            ck_assert_msg(answers_equal(re, pass_im ? im : NULL, re2, pass_im ? im2 : NULL),
                          "kd_mat_approx and kd_oracle_get differ at n = %ld (seed %lu)", n, seed);
            assert_within(re2, im2, err, R, n, seed, "kd_mat_approx");

            fmpq_mat_init(saved_re[l], r, c);
            fmpq_mat_init(saved_im[l], r, c);
            fmpq_mat_set(saved_re[l], re2);
            fmpq_mat_set(saved_im[l], im2);
            ck_assert_int_eq(kd_oracle_nreads(O), l + 1);
        }

        /* determinism: a second oracle asked from the highest level down,
           then the first one asked again, give identical answers */
        kd_assert_ok(kd_oracle_init_mat(O2, A));
        for (l = NUM_LEVELS - 1; l >= 0; l--)
        {
            kd_assert_ok(kd_oracle_get(re, im, O2, test_levels[l]));
            ck_assert_msg(answers_equal(re, im, saved_re[l], saved_im[l]),
                          "answer at n = %ld depends on the query history (seed %lu)",
                          test_levels[l], seed);
        }
        for (l = 0; l < NUM_LEVELS; l++)
        {
            kd_assert_ok(kd_oracle_get(re, im, O, test_levels[l]));
            ck_assert_msg(answers_equal(re, im, saved_re[l], saved_im[l]),
                          "repeated query at n = %ld differs (seed %lu)", test_levels[l], seed);
            fmpq_mat_clear(saved_re[l]);
            fmpq_mat_clear(saved_im[l]);
        }

        kd_oracle_clear(O);
        kd_oracle_clear(O2);
        kd_mat_clear(A);
        acb_mat_clear(R);
        fmpq_mat_clear(re);
        fmpq_mat_clear(im);
        fmpq_mat_clear(re2);
        fmpq_mat_clear(im2);
        mag_clear(err);
        flint_free(dre);
        flint_free(dim);
    }
    flint_randclear(st);
}
END_TEST

/* ------------------------------------------------------------- DCT / DFT oracles */

/* Orthonormality of the answers, proved in exact rational arithmetic.
   With Q_n = Q + E, Q unitary (||Q||_2 = 1) and ||E||_F <= 2^-n (the
   Frobenius budget, proofs-notes/oracle.md §3):
       Q_n Q_n^* - I = Q E^* + E Q^* + E E^*,
   and ||X Y||_F <= ||X||_2 ||Y||_F, ||E||_2 <= ||E||_F give
       ||Q_n Q_n^* - I||_F <= ||E||_F (2 ||Q||_2 + ||E||_F) <= 2 2^-n + 2^-2n. */
static const struct { int dft; slong m; } orth_cases[] = { { 0, 7 }, { 0, 21 }, { 1, 5 }, { 1, 8 } };
#define NUM_ORTH_CASES ((int) (sizeof(orth_cases) / sizeof(orth_cases[0])))

START_TEST(test_orthonormal_oracles)
{
    int dft = orth_cases[_i].dft;
    slong m = orth_cases[_i].m, l, i, j;
    kd_mat_t Q;
    kd_oracle_t O;
    acb_mat_t R;
    fmpq_mat_t re, im, reT, imT, P, T;
    fmpq_t s, b, t;

    kd_mat_init(Q, 0, 0);
    kd_assert_ok(dft ? kd_mat_dft(Q, m) : kd_mat_dct2(Q, m));
    kd_assert_ok(kd_oracle_init_mat(O, Q));
    ck_assert_int_eq(O->is_complex, dft);

    /* independent reference of the matrix itself */
    acb_mat_init(R, m, m);
    for (i = 0; i < m; i++)
        for (j = 0; j < m; j++)
        {
            acb_struct * e = acb_mat_entry(R, i, j);
            if (dft)
            {
                arb_t sq;
                arb_init(sq);
                acb_set_si(e, -2 * i * j);
                acb_div_si(e, e, m, REF_PREC);
                acb_exp_pi_i(e, e, REF_PREC);
                arb_sqrt_ui(sq, m, REF_PREC);
                acb_div_arb(e, e, sq, REF_PREC);
                arb_clear(sq);
            }
            else
            {
                arb_t sc;
                arb_init(sc);
                arb_pi_frac(acb_realref(e), (2 * j + 1) * i, 2 * m);
                arb_cos(acb_realref(e), acb_realref(e), REF_PREC);
                arb_set_si(sc, i == 0 ? 1 : 2);
                arb_div_si(sc, sc, m, REF_PREC);
                arb_sqrt(sc, sc, REF_PREC);
                arb_mul(acb_realref(e), acb_realref(e), sc, REF_PREC);
                arb_zero(acb_imagref(e));
                arb_clear(sc);
            }
        }

    fmpq_mat_init(re, m, m);
    fmpq_mat_init(im, m, m);
    fmpq_mat_init(reT, m, m);
    fmpq_mat_init(imT, m, m);
    fmpq_mat_init(P, m, m);
    fmpq_mat_init(T, m, m);
    fmpq_init(s);
    fmpq_init(b);
    fmpq_init(t);
    for (l = 0; l < NUM_LEVELS; l++)
    {
        slong n = test_levels[l];
        kd_assert_ok(kd_oracle_get(re, im, O, n));
        ck_assert_msg(fmpq_mat_is_dyadic(re) && fmpq_mat_is_dyadic(im),
                      "size %ld: answer not dyadic at n = %ld", m, n);
        assert_within(re, im, NULL, R, n, 0, dft ? "DFT oracle" : "DCT oracle");

        /* s = ||Q_n Q_n^* - I||_F^2 exactly:
           (R + iI)(R^T - iI^T) = (R R^T + I I^T) + i (I R^T - R I^T) */
        fmpq_mat_transpose(reT, re);
        fmpq_mat_transpose(imT, im);
        fmpq_mat_mul(P, re, reT);
        fmpq_mat_mul(T, im, imT);
        fmpq_mat_add(P, P, T);
        fmpq_zero(s);
        for (i = 0; i < m; i++)
            for (j = 0; j < m; j++)
            {
                fmpq_set(t, fmpq_mat_entry(P, i, j));
                if (i == j)
                    fmpq_sub_si(t, t, 1);
                fmpq_addmul(s, t, t);
            }
        fmpq_mat_mul(P, im, reT);
        fmpq_mat_mul(T, re, imT);
        fmpq_mat_sub(P, P, T);
        if (!dft)
            ck_assert_msg(fmpq_mat_is_zero(P), "DCT answer has an imaginary part");
        for (i = 0; i < m; i++)
            for (j = 0; j < m; j++)
                fmpq_addmul(s, fmpq_mat_entry(P, i, j), fmpq_mat_entry(P, i, j));

        /* b = (2 2^-n + 2^-2n)^2 */
        fmpq_one(b);
        fmpq_div_2exp(b, b, n - 1);
        fmpq_one(t);
        fmpq_div_2exp(t, t, 2 * n);
        fmpq_add(b, b, t);
        fmpq_mul(b, b, b);
        ck_assert_msg(fmpq_cmp(s, b) <= 0, "%s size %ld: ||Q_n Q_n^* - I||_F > 2 2^-%ld + 2^-%ld",
                      dft ? "DFT" : "DCT", m, n, 2 * n);
    }
    ck_assert_int_eq(kd_oracle_nreads(O), NUM_LEVELS);
    ck_assert_int_eq(kd_oracle_max_level(O), 300);

    fmpq_clear(s);
    fmpq_clear(b);
    fmpq_clear(t);
    fmpq_mat_clear(re);
    fmpq_mat_clear(im);
    fmpq_mat_clear(reT);
    fmpq_mat_clear(imT);
    fmpq_mat_clear(P);
    fmpq_mat_clear(T);
    acb_mat_clear(R);
    kd_oracle_clear(O);
    kd_mat_clear(Q);
}
END_TEST

/* ------------------------------------------------------------- entry level */

/* Checks L = kd_oracle_entry_level(n, k) against its definition
   (proofs-notes/oracle.md §3): L >= n, k 2^-2L <= 2^-2n (i.e. k <= 4^(L-n))
   and no smaller L >= n would do. */
static void
check_entry_level(slong n, slong k)
{
    slong L = kd_oracle_entry_level(n, k);
    fmpz_t p;
    fmpz_init(p);
    ck_assert_msg(L >= n, "entry_level(%ld, %ld) = %ld < n", n, k, L);
    ck_assert_msg(L - n <= 40, "entry_level(%ld, %ld) = %ld is absurd", n, k, L);
    fmpz_one(p);
    fmpz_mul_2exp(p, p, 2 * (L - n));
    ck_assert_msg(fmpz_cmp_si(p, k) >= 0, "entry_level(%ld, %ld) = %ld: k 2^-2L > 2^-2n", n, k, L);
    if (L > n)
    {
        fmpz_fdiv_q_2exp(p, p, 2);
        ck_assert_msg(fmpz_cmp_si(p, k) < 0, "entry_level(%ld, %ld) = %ld is not the smallest",
                      n, k, L);
    }
    fmpz_clear(p);
}

START_TEST(test_entry_level)
{
    static const slong ns[] = { 0, 1, 2, 7, 53, 300, 123456, KD_LEVEL_MAX };
    flint_rand_t st;
    slong a, k, iter;
    kd_test_randinit(st, 22);

    for (a = 0; a < (slong) (sizeof(ns) / sizeof(ns[0])); a++)
        for (k = 0; k <= 5000; k++)
            check_entry_level(ns[a], k);
    for (k = 1; k < 62; k++)
    {
        /* around each power of two, where the rounding of log2 matters */
        check_entry_level(10, (WORD(1) << k) - 1);
        check_entry_level(10, WORD(1) << k);
        check_entry_level(10, (WORD(1) << k) + 1);
    }
    check_entry_level(3, WORD_MAX);
    for (iter = 0; iter < 2000; iter++)
        check_entry_level(n_randint(st, 1000), (slong) (n_randtest(st) >> 1));
    flint_randclear(st);
}
END_TEST

/* ------------------------------------------------------------- query log */

START_TEST(test_query_log)
{
    static const slong seq[] = { 5, 3, 17, 0, 17, 2, 40, 1 };
    slong i, mx = -1, ns = (slong) (sizeof(seq) / sizeof(seq[0]));
    kd_mat_t A;
    kd_oracle_t O;
    fmpq_mat_t re;
    kd_real_t x;

    kd_mat_init(A, 2, 2);
    kd_real_init(x);
    kd_real_set_si_si(x, 1, 3);
    kd_mat_set_entry_real(A, 0, 1, x);
    kd_assert_ok(kd_oracle_init_mat(O, A));
    fmpq_mat_init(re, 2, 2);

    ck_assert_int_eq(kd_oracle_nreads(O), 0);
    ck_assert_int_eq(kd_oracle_max_level(O), -1);
    ck_assert_int_eq(kd_oracle_read_level(O, 0), -1);
    for (i = 0; i < ns; i++)
    {
        kd_assert_ok(kd_oracle_get(re, NULL, O, seq[i]));
        if (seq[i] > mx)
            mx = seq[i];
        ck_assert_int_eq(kd_oracle_nreads(O), i + 1);
        ck_assert_int_eq(kd_oracle_max_level(O), mx);
    }
    /* failed reads deliver nothing and are not logged (proofs-notes/oracle.md §5) */
    ck_assert_int_eq(kd_oracle_get(re, NULL, O, -1), KD_ERR_ARG);
    ck_assert_int_eq(kd_oracle_get(re, NULL, O, KD_LEVEL_MAX + 1), KD_ERR_ARG);
    ck_assert_int_eq(kd_oracle_nreads(O), ns);
    for (i = 0; i < ns; i++)
        ck_assert_int_eq(kd_oracle_read_level(O, i), seq[i]);
    ck_assert_int_eq(kd_oracle_read_level(O, -1), -1);
    ck_assert_int_eq(kd_oracle_read_level(O, ns), -1);

    kd_oracle_log_reset(O);
    ck_assert_int_eq(kd_oracle_nreads(O), 0);
    ck_assert_int_eq(kd_oracle_max_level(O), -1);
    ck_assert_int_eq(kd_oracle_read_level(O, 0), -1);

    /* a long log (the storage grows) */
    for (i = 0; i < 300; i++)
        kd_assert_ok(kd_oracle_get(re, NULL, O, (i * 37) % 101));
    ck_assert_int_eq(kd_oracle_nreads(O), 300);
    ck_assert_int_eq(kd_oracle_max_level(O), 100);
    for (i = 0; i < 300; i++)
        ck_assert_int_eq(kd_oracle_read_level(O, i), (i * 37) % 101);

    fmpq_mat_clear(re);
    kd_oracle_clear(O);
    kd_real_clear(x);
    kd_mat_clear(A);
}
END_TEST

/* ------------------------------------------------------------- custom oracles */

typedef struct
{
    fmpq_mat_t re;
    fmpq_mat_t im;
    slong calls;
    slong last_n;
    int saw_im;
    const kd_oracle_struct * last_oracle;
    int * cleared;
}
fixed_data;

/* Answers the same dyadic matrix at every level (it is exact), except that
   it refuses level 13. */
static kd_status
fixed_query(fmpq_mat_t re, fmpq_mat_t im, kd_oracle_struct * O, slong n)
{
    fixed_data * d = (fixed_data *) O->data;
    d->calls++;
    d->last_n = n;
    d->last_oracle = O;
    d->saw_im = im != NULL;
    if (n == 13)
        return kd_error_set(KD_ERR_UNSUPPORTED, "this oracle does not serve level 13");
    fmpq_mat_set(re, d->re);
    if (im != NULL)
        fmpq_mat_set(im, d->im);
    return KD_OK;
}

static void
fixed_clear(void * p)
{
    fixed_data * d = (fixed_data *) p;
    (*d->cleared)++;
    fmpq_mat_clear(d->re);
    fmpq_mat_clear(d->im);
    flint_free(d);
}

static fixed_data *
fixed_new(slong r, slong c, int * cleared, flint_rand_t st)
{
    slong i, j;
    fixed_data * d = flint_malloc(sizeof(fixed_data));
    fmpq_mat_init(d->re, r, c);
    fmpq_mat_init(d->im, r, c);
    for (i = 0; i < r; i++)
        for (j = 0; j < c; j++)
        {
            fmpq_set_si(fmpq_mat_entry(d->re, i, j), (slong) n_randint(st, 99) - 49,
                        WORD(1) << n_randint(st, 10));
            fmpq_set_si(fmpq_mat_entry(d->im, i, j), (slong) n_randint(st, 99) - 49,
                        WORD(1) << n_randint(st, 10));
        }
    d->calls = 0;
    d->last_n = -1;
    d->saw_im = -1;
    d->last_oracle = NULL;
    d->cleared = cleared;
    return d;
}

START_TEST(test_custom_oracle)
{
    flint_rand_t st;
    int cleared = 0;
    fixed_data * d;
    kd_oracle_t O;
    fmpq_mat_t re, im;
    kd_test_randinit(st, 23);

    /* a real custom oracle */
    d = fixed_new(3, 2, &cleared, st);
    kd_oracle_init_custom(O, 3, 2, 0, fixed_query, d, fixed_clear);
    fmpq_mat_init(re, 1, 1);
    fmpq_mat_init(im, 5, 5);
    kd_assert_ok(kd_oracle_get(re, im, O, 7));
    ck_assert_int_eq(d->calls, 1);
    ck_assert_int_eq(d->last_n, 7);
    ck_assert_msg(d->last_oracle == O, "the query did not receive its oracle");
    ck_assert_msg(d->saw_im == 0, "a real oracle's query was given an im output");
    ck_assert_msg(fmpq_mat_equal(re, d->re), "custom answer not passed through");
    ck_assert_msg(fmpq_mat_nrows(im) == 3 && fmpq_mat_ncols(im) == 2 && fmpq_mat_is_zero(im),
                  "im of a real custom oracle is not a 3 x 2 zero");
    fmpq_set_si(fmpq_mat_entry(im, 1, 1), -7, 3);    /* stale content is overwritten */
    kd_assert_ok(kd_oracle_get(re, im, O, 9));
    ck_assert_msg(fmpq_mat_is_zero(im), "im of a real custom oracle kept stale entries");
    kd_assert_ok(kd_oracle_get(re, NULL, O, 2));
    ck_assert_int_eq(kd_oracle_nreads(O), 3);
    ck_assert_int_eq(kd_oracle_max_level(O), 9);

    /* the query's own failure is passed on and not logged; a bad level
       never reaches the query */
    ck_assert_int_eq(kd_oracle_get(re, NULL, O, 13), KD_ERR_UNSUPPORTED);
    ck_assert_msg(strstr(kd_error_message(), "level 13") != NULL, "message lost: %s",
                  kd_error_message());
    ck_assert_int_eq(d->calls, 4);
    ck_assert_int_eq(kd_oracle_get(re, NULL, O, -4), KD_ERR_ARG);
    ck_assert_int_eq(d->calls, 4);
    ck_assert_int_eq(kd_oracle_nreads(O), 3);

    ck_assert_int_eq(cleared, 0);
    kd_oracle_clear(O);
    ck_assert_int_eq(cleared, 1);

    /* a complex custom oracle */
    d = fixed_new(2, 4, &cleared, st);
    kd_oracle_init_custom(O, 2, 4, 1, fixed_query, d, fixed_clear);
    ck_assert_int_eq(kd_oracle_get(re, NULL, O, 3), KD_ERR_ARG);
    ck_assert_int_eq(d->calls, 0);
    ck_assert_int_eq(kd_oracle_nreads(O), 0);
    kd_assert_ok(kd_oracle_get(re, im, O, 3));
    ck_assert_msg(d->saw_im == 1, "a complex oracle's query was not given im");
    ck_assert_msg(fmpq_mat_equal(re, d->re) && fmpq_mat_equal(im, d->im),
                  "complex custom answer not passed through");
    ck_assert_int_eq(kd_oracle_nreads(O), 1);
    kd_oracle_clear(O);
    ck_assert_int_eq(cleared, 2);

    /* no clear_data: the caller keeps ownership */
    {
        int untouched = 0;
        fixed_data * e = fixed_new(1, 1, &untouched, st);
        kd_oracle_init_custom(O, 1, 1, 0, fixed_query, e, NULL);
        kd_assert_ok(kd_oracle_get(re, NULL, O, 0));
        kd_oracle_clear(O);
        ck_assert_int_eq(untouched, 0);
        ck_assert_msg(fmpq_mat_equal(re, e->re), "answer lost");
        fixed_clear(e);
    }

    fmpq_mat_clear(re);
    fmpq_mat_clear(im);
    flint_randclear(st);
}
END_TEST

/* ------------------------------------------------------------- errors */

START_TEST(test_error_paths)
{
    kd_mat_t A, F, I;
    kd_oracle_t O;
    fmpq_mat_t re, im, small;
    mag_t err;
    kd_real_t x;

    kd_mat_init(A, 0, 0);
    kd_mat_init(F, 0, 0);
    kd_mat_init(I, 0, 0);
    fmpq_mat_init(re, 3, 3);
    fmpq_mat_init(im, 3, 3);
    fmpq_mat_init(small, 2, 3);
    mag_init(err);
    kd_real_init(x);

    kd_assert_ok(kd_mat_dct2(A, 3));
    kd_assert_ok(kd_oracle_init_mat(O, A));
    ck_assert_int_eq(kd_oracle_get(re, NULL, O, -1), KD_ERR_ARG);
    ck_assert_int_eq(kd_oracle_get(re, NULL, O, WORD_MIN), KD_ERR_ARG);
    ck_assert_int_eq(kd_oracle_get(re, NULL, O, KD_LEVEL_MAX + 1), KD_ERR_ARG);
    ck_assert_int_eq(kd_oracle_get(re, NULL, O, WORD_MAX), KD_ERR_ARG);
    /* 9 inexact entries need level n + 2: beyond the largest level */
    ck_assert_int_eq(kd_oracle_get(re, NULL, O, KD_LEVEL_MAX), KD_ERR_ARG);
    kd_oracle_set_prec_cap(O, 10);
    ck_assert_int_eq(kd_oracle_get(re, NULL, O, 5), KD_ERR_ARG);
    ck_assert_int_eq(kd_oracle_nreads(O), 0);
    kd_oracle_clear(O);

    ck_assert_int_eq(kd_mat_approx(re, NULL, err, A, -1, 0), KD_ERR_ARG);
    ck_assert_int_eq(kd_mat_approx(re, NULL, err, A, KD_LEVEL_MAX + 1, 0), KD_ERR_ARG);
    ck_assert_int_eq(kd_mat_approx(re, NULL, err, A, 5, 1), KD_ERR_ARG);
    ck_assert_int_eq(kd_mat_approx(re, NULL, err, A, 5, KD_PREC_CAP_MAX + 1), KD_ERR_ARG);
    ck_assert_int_eq(kd_mat_approx(small, NULL, err, A, 5, 0), KD_ERR_SIZE);
    ck_assert_int_eq(kd_mat_approx(re, small, err, A, 5, 0), KD_ERR_SIZE);

    /* a complex oracle needs an im output */
    kd_assert_ok(kd_mat_dft(F, 3));
    kd_assert_ok(kd_oracle_init_mat(O, F));
    ck_assert_int_eq(kd_oracle_get(re, NULL, O, 10), KD_ERR_ARG);
    ck_assert_int_eq(kd_oracle_nreads(O), 0);
    kd_oracle_clear(O);
    ck_assert_int_eq(kd_mat_approx(re, NULL, err, F, 10, 0), KD_ERR_ARG);

    /* the largest level is served for exact dyadic data */
    kd_assert_ok(kd_mat_identity(I, 3));
    kd_assert_ok(kd_oracle_init_mat(O, I));
    kd_assert_ok(kd_oracle_get(re, NULL, O, KD_LEVEL_MAX));
    {
        fmpq_mat_t one;
        fmpq_mat_init(one, 3, 3);
        fmpq_mat_one(one);
        ck_assert_msg(fmpq_mat_equal(re, one), "identity not returned exactly at the largest level");
        fmpq_mat_clear(one);
    }
    kd_oracle_clear(O);

    /* a domain error: sqrt(-sqrt(2)) at entry (3, 1) */
    kd_assert_ok(kd_mat_identity(A, 3));
    kd_real_set_si(x, 2);
    kd_assert_ok(kd_real_sqrt(x, x));
    kd_real_neg(x, x);
    kd_assert_ok(kd_real_sqrt(x, x));
    kd_mat_set_entry_real(A, 2, 0, x);
    ck_assert_int_eq(kd_mat_approx(re, NULL, err, A, 10, 0), KD_ERR_DOMAIN);
    ck_assert_msg(strstr(kd_error_message(), "entry (3, 1)") != NULL,
                  "message does not name the entry: %s", kd_error_message());

    kd_real_clear(x);
    mag_clear(err);
    fmpq_mat_clear(re);
    fmpq_mat_clear(im);
    fmpq_mat_clear(small);
    kd_mat_clear(A);
    kd_mat_clear(F);
    kd_mat_clear(I);
}
END_TEST

/* 1/(sqrt(3) sqrt(3) - 3) divides by an exact zero that no finite precision
   can recognise: it must be reported as undecided, naming the entry. */
START_TEST(test_undecided)
{
    flint_rand_t st;
    ulong seed = kd_test_seed(24);
    slong i, j, iter;
    kd_test_randinit(st, 24);

    for (iter = 0; iter < 6; iter++)
    {
        slong r = 1 + n_randint(st, 4), c = 1 + n_randint(st, 4);
        slong bi = n_randint(st, r), bj = n_randint(st, c);
        int cplx = n_randint(st, 2);
        kd_mat_t A;
        acb_mat_t R;
        int * dre = flint_malloc(r * c * sizeof(int));
        int * dim = flint_malloc(r * c * sizeof(int));
        kd_real_t s, t;
        kd_complex_t z;
        kd_oracle_t O;
        fmpq_mat_t re, im;
        char where[64];

        kd_mat_init(A, 0, 0);
        acb_mat_init(R, r, c);
        rand_exact_mat(A, R, dre, dim, st, cplx);
        kd_real_init(s);
        kd_real_init(t);
        kd_complex_init(z);
        kd_real_set_si(s, 3);
        kd_assert_ok(kd_real_sqrt(s, s));
        kd_real_mul(s, s, s);
        kd_real_set_si(t, 3);
        kd_real_sub(s, s, t);
        ck_assert_msg(!kd_real_is_zero(s), "sqrt(3)^2 - 3 folded: the test needs another example");
        kd_real_one(t);
        kd_assert_ok(kd_real_div(s, t, s));
        if (cplx && n_randint(st, 2))
        {
            kd_real_one(t);
            kd_complex_set_real_imag(z, t, s);      /* 1 + i/(...) */
        }
        else
            kd_complex_set_real(z, s);
        kd_mat_set_entry(A, bi, bj, z);

        kd_assert_ok(kd_oracle_init_mat(O, A));
        kd_oracle_set_prec_cap(O, 256);
        fmpq_mat_init(re, r, c);
        fmpq_mat_init(im, r, c);
        ck_assert_int_eq(kd_oracle_get(re, im, O, 1 + n_randint(st, 60)), KD_ERR_UNDECIDED);
        flint_sprintf(where, "entry (%wd, %wd)", bi + 1, bj + 1);
        ck_assert_msg(strstr(kd_error_message(), where) != NULL,
                      "message does not name %s: %s (seed %lu)", where, kd_error_message(), seed);
        ck_assert_int_eq(kd_oracle_nreads(O), 0);
        ck_assert_int_eq(kd_mat_approx(re, im, NULL, A, 0, 256), KD_ERR_UNDECIDED);
        ck_assert_msg(strstr(kd_error_message(), where) != NULL,
                      "message does not name %s: %s (seed %lu)", where, kd_error_message(), seed);

        /* the other entries are still fine on their own */
        for (i = 0; i < r; i++)
            for (j = 0; j < c; j++)
                if (i != bi || j != bj)
                {
                    fmpq_t a, b;
                    mag_t e;
                    fmpq_init(a);
                    fmpq_init(b);
                    mag_init(e);
                    kd_assert_ok(kd_complex_approx(a, b, e, kd_mat_entry(A, i, j), 10, 256));
                    fmpq_clear(a);
                    fmpq_clear(b);
                    mag_clear(e);
                }

        kd_oracle_clear(O);
        fmpq_mat_clear(re);
        fmpq_mat_clear(im);
        kd_real_clear(s);
        kd_real_clear(t);
        kd_complex_clear(z);
        kd_mat_clear(A);
        acb_mat_clear(R);
        flint_free(dre);
        flint_free(dim);
    }
    flint_randclear(st);
}
END_TEST

/* ------------------------------------------------------------- the LASSO probe */

/* delta = num 2^-e: 2^-15, 0, 3 2^-40; e < 0 stands for num/10 (not dyadic) */
static const struct { slong num; slong e; } lasso_deltas[] = { { 1, 15 }, { 0, 0 }, { 1, -1 }, { 3, 40 } };
#define NUM_LASSO ((int) (sizeof(lasso_deltas) / sizeof(lasso_deltas[0])))
#define LPREC 256
#define LTIGHT (LPREC - 40)

/* x contains the exact rational q, with radius at most 2^-LTIGHT */
static int
arb_contains_fmpq_tight(const arb_t x, const fmpq_t q)
{
    return arb_contains_fmpq(x, q) && mag_cmp_2exp_si(arb_radref(x), -LTIGHT) <= 0;
}

static void
column_dot(arb_t s, const acb_mat_t X, slong a, const acb_mat_t Y, slong b)
{
    slong i;
    arb_zero(s);
    for (i = 0; i < 3; i++)
        arb_addmul(s, acb_realref(acb_mat_entry(X, i, a)), acb_realref(acb_mat_entry(Y, i, b)), LPREC);
}

START_TEST(test_lasso_instance)
{
    slong num = lasso_deltas[_i].num, e = lasso_deltas[_i].e, i, k;
    int mirror;
    fmpq_t delta, q;
    kd_real_t d;
    kd_mat_t A, y, A0, y0;
    acb_mat_t EA, Ey, EA0, Ey0;
    arb_t s, t, r2;

    fmpq_init(delta);
    fmpq_init(q);
    kd_real_init(d);
    if (e >= 0)
    {
        fmpq_set_si(delta, num, 1);
        fmpq_div_2exp(delta, delta, e);
    }
    else
        fmpq_set_si(delta, num, 10);
    kd_real_set_fmpq(d, delta);
    if (num == 1 && e == 15)
        kd_real_set_2exp(d, -15);   /* the documented delta, built as a power of two */

    kd_mat_init(A, 0, 0);
    kd_mat_init(y, 0, 0);
    kd_mat_init(A0, 0, 0);
    kd_mat_init(y0, 0, 0);
    acb_mat_init(EA, 3, 2);
    acb_mat_init(Ey, 3, 1);
    acb_mat_init(EA0, 3, 2);
    acb_mat_init(Ey0, 3, 1);
    arb_init(s);
    arb_init(t);
    arb_init(r2);

    /* 1/sqrt(2), independently */
    arb_sqrt_ui(r2, 2, LPREC);
    arb_inv(r2, r2, LPREC);

    for (mirror = 0; mirror <= 1; mirror++)
    {
        slong c1 = mirror ? 1 : 0, c2 = 1 - c1;

        kd_assert_ok(kd_lasso_probe_instance(A, y, d, mirror));
        ck_assert(A->r == 3 && A->c == 2 && y->r == 3 && y->c == 1);
        ck_assert(A->is_complex == 0 && y->is_complex == 0);
        kd_assert_ok(kd_mat_eval_acb_mat(EA, A, LPREC));
        kd_assert_ok(kd_mat_eval_acb_mat(Ey, y, LPREC));
        for (i = 0; i < 3; i++)
        {
            ck_assert(kd_complex_is_real(kd_mat_entry(A, i, 0)) && kd_complex_is_real(kd_mat_entry(A, i, 1)));
            ck_assert(kd_complex_is_real(kd_mat_entry(y, i, 0)));
        }

        /* the entries from the definition */
        for (i = 0; i < 3; i++)
        {
            arb_t a1, a2, dd;
            arb_init(a1);
            arb_init(a2);
            arb_init(dd);
            arb_set_fmpq(dd, delta, LPREC);
            if (i == 0)
                arb_set(a2, r2);
            else if (i == 1)
                arb_neg(a2, r2);
            else
                arb_zero(a2);
            if (i < 2)
                arb_sub(a1, a2, dd, LPREC);
            else
                arb_mul_2exp_si(a1, dd, 1);
            arb_sub(t, acb_realref(acb_mat_entry(EA, i, c1)), a1, LPREC);
            ck_assert_msg(arb_contains_zero(t) && mag_cmp_2exp_si(arb_radref(t), -LTIGHT) <= 0,
                          "a1[%ld] wrong (mirror %d)", i, mirror);
            arb_sub(t, acb_realref(acb_mat_entry(EA, i, c2)), a2, LPREC);
            ck_assert_msg(arb_contains_zero(t) && mag_cmp_2exp_si(arb_radref(t), -LTIGHT) <= 0,
                          "a2[%ld] wrong (mirror %d)", i, mirror);
            arb_clear(a1);
            arb_clear(a2);
            arb_clear(dd);
        }

        /* columns and y have mean 0 */
        fmpq_zero(q);
        for (k = 0; k < 2; k++)
        {
            arb_zero(s);
            for (i = 0; i < 3; i++)
                arb_add(s, s, acb_realref(acb_mat_entry(EA, i, k)), LPREC);
            ck_assert_msg(arb_contains_fmpq_tight(s, q), "column %ld has non-zero mean", k);
        }
        arb_zero(s);
        for (i = 0; i < 3; i++)
            arb_add(s, s, acb_realref(acb_mat_entry(Ey, i, 0)), LPREC);
        ck_assert_msg(arb_contains_fmpq_tight(s, q), "y has non-zero mean");

        /* ||a1||^2 = 1 + 6 delta^2 */
        fmpq_mul(q, delta, delta);
        fmpq_mul_si(q, q, 6);
        fmpq_add_si(q, q, 1);
        column_dot(s, EA, c1, EA, c1);
        ck_assert_msg(arb_contains_fmpq_tight(s, q), "||a1||^2 != 1 + 6 delta^2 (mirror %d)", mirror);
        fmpq_one(q);
        if (num != 0)
            ck_assert_msg(!arb_contains_fmpq(s, q), "||a1||^2 = 1 not excluded for delta != 0");

        /* ||a2||^2 = <a1, a2> = <a1, y> = <a2, y> = 1 */
        column_dot(s, EA, c2, EA, c2);
        ck_assert_msg(arb_contains_fmpq_tight(s, q), "||a2||^2 != 1 (mirror %d)", mirror);
        column_dot(s, EA, c1, EA, c2);
        ck_assert_msg(arb_contains_fmpq_tight(s, q), "<a1, a2> != 1 (mirror %d)", mirror);
        column_dot(s, EA, c1, Ey, 0);
        ck_assert_msg(arb_contains_fmpq_tight(s, q), "<a1, y> != 1 (mirror %d)", mirror);
        column_dot(s, EA, c2, Ey, 0);
        ck_assert_msg(arb_contains_fmpq_tight(s, q), "<a2, y> != 1 (mirror %d)", mirror);

        /* y = a2; a1 = a2 exactly when delta = 0, provably not otherwise */
        fmpq_zero(q);
        for (i = 0; i < 3; i++)
        {
            arb_sub(s, acb_realref(acb_mat_entry(Ey, i, 0)), acb_realref(acb_mat_entry(EA, i, c2)), LPREC);
            ck_assert_msg(arb_contains_fmpq_tight(s, q), "y[%ld] != a2[%ld]", i, i);
            arb_sub(s, acb_realref(acb_mat_entry(EA, i, c1)), acb_realref(acb_mat_entry(EA, i, c2)), LPREC);
            if (num == 0)
                ck_assert_msg(arb_contains_fmpq_tight(s, q), "delta = 0 but a1[%ld] != a2[%ld]", i, i);
            else
                ck_assert_msg(!arb_contains_zero(s), "delta != 0 but a1[%ld] = a2[%ld] not excluded", i, i);
        }

        /* 1/sqrt(2) entries are inexact; 2 delta and 0 are exact when
           delta is dyadic (0 included) */
        ck_assert_int_eq(kd_mat_count_inexact(A), e >= 0 ? 4 : 5);
        ck_assert_int_eq(kd_mat_count_inexact(y), 2);

        if (mirror == 0)
        {
            kd_assert_ok(kd_mat_set(A0, A));
            kd_assert_ok(kd_mat_set(y0, y));
            acb_mat_set(EA0, EA);
            acb_mat_set(Ey0, Ey);
        }
    }

    /* the mirror swaps the columns and keeps y */
    for (i = 0; i < 3; i++)
    {
        for (k = 0; k < 2; k++)
        {
            arb_sub(s, acb_realref(acb_mat_entry(EA, i, k)), acb_realref(acb_mat_entry(EA0, i, 1 - k)), LPREC);
            ck_assert_msg(arb_contains_zero(s) && mag_cmp_2exp_si(arb_radref(s), -LTIGHT) <= 0,
                          "mirror does not swap entry (%ld, %ld)", i, k);
        }
        arb_sub(s, acb_realref(acb_mat_entry(Ey, i, 0)), acb_realref(acb_mat_entry(Ey0, i, 0)), LPREC);
        ck_assert_msg(arb_contains_zero(s) && mag_cmp_2exp_si(arb_radref(s), -LTIGHT) <= 0,
                      "mirror changes y[%ld]", i);
    }

    /* and its oracle meets the bound at the level the probe needs */
    {
        kd_oracle_t O;
        fmpq_mat_t re;
        acb_mat_t R;
        slong n;
        acb_mat_init(R, 3, 2);
        kd_assert_ok(kd_mat_eval_acb_mat(R, A0, REF_PREC));
        kd_assert_ok(kd_oracle_init_mat(O, A0));
        fmpq_mat_init(re, 3, 2);
        for (n = 0; n <= 80; n += 10)
        {
            kd_assert_ok(kd_oracle_get(re, NULL, O, n));
            ck_assert(fmpq_mat_is_dyadic(re));
            assert_within(re, NULL, NULL, R, n, 0, "LASSO oracle");
        }
        fmpq_mat_clear(re);
        kd_oracle_clear(O);
        acb_mat_clear(R);
    }

    arb_clear(s);
    arb_clear(t);
    arb_clear(r2);
    acb_mat_clear(EA);
    acb_mat_clear(Ey);
    acb_mat_clear(EA0);
    acb_mat_clear(Ey0);
    kd_mat_clear(A);
    kd_mat_clear(y);
    kd_mat_clear(A0);
    kd_mat_clear(y0);
    kd_real_clear(d);
    fmpq_clear(delta);
    fmpq_clear(q);
}
END_TEST

Suite *
kd_suite_oracle(void)
{
    Suite * s = suite_create("oracle");
    TCase * tc;

    tc = tcase_create("accuracy");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_random_oracles);
    tcase_add_loop_test(tc, test_orthonormal_oracles, 0, NUM_ORTH_CASES);
    tcase_add_test(tc, test_entry_level);
    suite_add_tcase(s, tc);

    tc = tcase_create("log");
    tcase_add_test(tc, test_query_log);
    tcase_add_test(tc, test_custom_oracle);
    suite_add_tcase(s, tc);

    tc = tcase_create("errors");
    tcase_add_test(tc, test_error_paths);
    tcase_add_test(tc, test_undecided);
    suite_add_tcase(s, tc);

    tc = tcase_create("lasso");
    tcase_add_loop_test(tc, test_lasso_instance, 0, NUM_LASSO);
    suite_add_tcase(s, tc);

    return s;
}
