/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for the spectrum module. Hermitian enclosures are checked
   against closed forms (tridiagonal Toeplitz), exact invariants (trace and
   Frobenius norm in ball arithmetic), roots of the exact characteristic
   polynomial and adversarial oracles; tridiagonal spectral points against
   spectra known exactly (free Laplacian, a period-2 operator, a diagonal
   operator) and, for the almost Mathieu operator, against residuals
   recomputed here with independently built coefficients. */
#include <math.h>
#include <string.h>
#include "arb_fmpz_poly.h"
#include "testutil.h"
#include "kdigits/spectrum.h"

#define REF_PREC 300

/* ---------------------------------------------------------------- helpers */

/* radius <= 2^-n + 2^-(n+10) */
static int
radius_ok(const arb_t x, slong n)
{
    mag_t b;
    int r;
    mag_init(b);
    mag_set_ui_2exp_si(b, 1025, -n - 10);
    r = mag_cmp(arb_radref(x), b) <= 0;
    mag_clear(b);
    return r;
}

/* The N x N tridiagonal Toeplitz matrix with a on the diagonal, b above and
   conj(b) below. */
static void
toeplitz(kd_mat_t M, slong N, const char * a, const char * b)
{
    kd_real_t ra;
    kd_complex_t za, zb, cb;
    slong i;
    kd_real_init(ra);
    kd_complex_init(za);
    kd_complex_init(zb);
    kd_complex_init(cb);
    kd_assert_ok(kd_real_parse(ra, a));
    kd_assert_ok(kd_complex_parse(zb, b));
    kd_complex_set_real(za, ra);
    kd_complex_conj(cb, zb);
    kd_assert_ok(kd_mat_resize(M, N, N));
    for (i = 0; i < N; i++)
    {
        kd_mat_set_entry(M, i, i, za);
        if (i + 1 < N)
        {
            kd_mat_set_entry(M, i, i + 1, zb);
            kd_mat_set_entry(M, i + 1, i, cb);
        }
    }
    kd_real_clear(ra);
    kd_complex_clear(za);
    kd_complex_clear(zb);
    kd_complex_clear(cb);
}

/* ------------------------------------------------- Hermitian: closed form */

typedef struct
{
    const char * a;     /* diagonal (real) */
    const char * b;     /* superdiagonal */
    slong a_num, a_den; /* a as a fraction */
    slong b2_num, b2_den; /* |b|^2 */
}
toeplitz_case;

static const toeplitz_case tcases[] = {
    {"0", "1", 0, 1, 1, 1},
    {"1/3", "1/sqrt(2)", 1, 3, 1, 2},
    {"0", "i", 0, 1, 1, 1},
    {"2", "-1", 2, 1, 1, 1},
    {"-1/5", "(1 + i)/2", -1, 5, 1, 2},
    {"0", "cos(pi/7)", 0, 1, 0, 0},     /* |b| = cos(pi/7), set below */
};
#define NUM_TCASES ((slong) (sizeof(tcases) / sizeof(tcases[0])))

START_TEST(test_toeplitz_closed_form)
{
    static const slong Ns[] = {1, 2, 5, 9, 16};
    static const slong levels[] = {0, 5, 30, 80};
    const toeplitz_case * c = tcases + _i;
    slong in, il, j, N, n;
    kd_mat_t M;
    kd_oracle_t O;
    arb_ptr eig;
    arb_t ref, t, absb;

    arb_init(ref);
    arb_init(t);
    arb_init(absb);
    if (c->b2_den != 0)
    {
        arb_set_si(absb, c->b2_num);
        arb_div_si(absb, absb, c->b2_den, REF_PREC);
        arb_sqrt(absb, absb, REF_PREC);
    }
    else
    {
        arb_set_si(absb, 1);
        arb_div_si(absb, absb, 7, REF_PREC);
        arb_cos_pi(absb, absb, REF_PREC);
    }
    for (in = 0; in < 5; in++)
    {
        N = Ns[in];
        kd_mat_init(M, 0, 0);
        toeplitz(M, N, c->a, c->b);
        kd_assert_ok(kd_oracle_init_mat(O, M));
        eig = _arb_vec_init(N);
        for (il = 0; il < 4; il++)
        {
            n = levels[il];
            kd_assert_ok(kd_spectrum_hermitian(eig, O, n, 0));
            for (j = 1; j <= N; j++)
            {
                /* ascending: a + 2|b| cos(pi (N + 1 - j) / (N + 1)) */
                arb_set_si(ref, N + 1 - j);
                arb_div_si(ref, ref, N + 1, REF_PREC);
                arb_cos_pi(ref, ref, REF_PREC);
                arb_mul(ref, ref, absb, REF_PREC);
                arb_mul_2exp_si(ref, ref, 1);
                arb_set_si(t, c->a_num);
                arb_div_si(t, t, c->a_den, REF_PREC);
                arb_add(ref, ref, t, REF_PREC);
                ck_assert_msg(arb_contains(eig + j - 1, ref),
                              "case %ld (a = %s, b = %s), N = %ld, n = %ld: lambda_%ld not enclosed",
                              (slong) _i, c->a, c->b, N, n, j);
                ck_assert_msg(radius_ok(eig + j - 1, n),
                              "case %ld, N = %ld, n = %ld: radius of lambda_%ld above 2^-n + small",
                              (slong) _i, N, n, j);
            }
        }
        ck_assert_int_eq(kd_oracle_nreads(O), 4);
        _arb_vec_clear(eig, N);
        kd_oracle_clear(O);
        kd_mat_clear(M);
    }
    arb_clear(ref);
    arb_clear(t);
    arb_clear(absb);
}
END_TEST

/* ------------------------------------ Hermitian: random rational matrices */

/* A random rational Hermitian matrix (im NULL: real symmetric). */
static void
rand_hermitian(kd_mat_t M, fmpq_mat_t re, fmpq_mat_t im, flint_rand_t st)
{
    slong N = fmpq_mat_nrows(re), i, j;
    kd_real_t x, y;
    kd_complex_t z;
    kd_real_init(x);
    kd_real_init(y);
    kd_complex_init(z);
    for (i = 0; i < N; i++)
        for (j = i; j < N; j++)
        {
            kd_test_rand_fmpq(fmpq_mat_entry(re, i, j), st, 9, 7);
            fmpq_set(fmpq_mat_entry(re, j, i), fmpq_mat_entry(re, i, j));
            if (im != NULL)
            {
                if (i == j)
                    fmpq_zero(fmpq_mat_entry(im, i, i));
                else
                    kd_test_rand_fmpq(fmpq_mat_entry(im, i, j), st, 9, 7);
                fmpq_neg(fmpq_mat_entry(im, j, i), fmpq_mat_entry(im, i, j));
            }
        }
    kd_mat_resize(M, N, N);
    for (i = 0; i < N; i++)
        for (j = 0; j < N; j++)
        {
            kd_real_set_fmpq(x, fmpq_mat_entry(re, i, j));
            if (im != NULL)
                kd_real_set_fmpq(y, fmpq_mat_entry(im, i, j));
            else
                kd_real_zero(y);
            kd_complex_set_real_imag(z, x, y);
            kd_mat_set_entry(M, i, j, z);
        }
    kd_real_clear(x);
    kd_real_clear(y);
    kd_complex_clear(z);
}

START_TEST(test_random_hermitian)
{
    flint_rand_t st;
    ulong seed = kd_test_seed(101);
    slong iter, N, i, j, n, tested_roots = 0;
    kd_test_randinit(st, 101);
    for (iter = 0; iter < 30; iter++)
    {
        int cplx = iter % 3 == 2;
        kd_mat_t M;
        kd_oracle_t O;
        fmpq_mat_t re, im;
        fmpq_t tr, fro, t;
        arb_ptr eig;
        arb_t s, s2;
        N = 1 + (slong) n_randint(st, 7);
        n = iter % 2 ? 12 : 45;
        fmpq_mat_init(re, N, N);
        fmpq_mat_init(im, N, N);
        kd_mat_init(M, 0, 0);
        rand_hermitian(M, re, cplx ? im : NULL, st);
        fmpq_init(tr);
        fmpq_init(fro);
        fmpq_init(t);
        arb_init(s);
        arb_init(s2);
        eig = _arb_vec_init(N);
        kd_assert_ok(kd_oracle_init_mat(O, M));
        kd_assert_ok(kd_spectrum_hermitian(eig, O, n, 0));
        /* tr A = sum lambda_j and ||A||_F^2 = sum lambda_j^2, exactly */
        for (i = 0; i < N; i++)
            fmpq_add(tr, tr, fmpq_mat_entry(re, i, i));
        for (i = 0; i < N; i++)
            for (j = 0; j < N; j++)
            {
                fmpq_addmul(fro, fmpq_mat_entry(re, i, j), fmpq_mat_entry(re, i, j));
                if (cplx)
                    fmpq_addmul(fro, fmpq_mat_entry(im, i, j), fmpq_mat_entry(im, i, j));
            }
        for (i = 0; i < N; i++)
        {
            arb_add(s, s, eig + i, REF_PREC);
            arb_addmul(s2, eig + i, eig + i, REF_PREC);
            ck_assert_msg(radius_ok(eig + i, n), "seed %lu iter %ld: radius too large", seed, iter);
            if (i > 0)
                ck_assert_msg(!arb_lt(eig + i, eig + i - 1), "seed %lu iter %ld: not ascending",
                              seed, iter);
        }
        ck_assert_msg(arb_contains_fmpq(s, tr), "seed %lu iter %ld (N = %ld, n = %ld): trace missed",
                      seed, iter, N, n);
        ck_assert_msg(arb_contains_fmpq(s2, fro), "seed %lu iter %ld: Frobenius norm missed",
                      seed, iter);
        /* real symmetric: the real roots of the exact characteristic
           polynomial (ascending), when it is squarefree */
        if (!cplx)
        {
            fmpq_poly_t p;
            fmpz_poly_t q;
            fmpq_poly_init(p);
            fmpz_poly_init(q);
            fmpq_mat_charpoly(p, re);
            fmpq_poly_get_numerator(q, p);
            if (fmpz_poly_is_squarefree(q))
            {
                acb_ptr roots = _acb_vec_init(N);
                arb_fmpz_poly_complex_roots(roots, q, 0, REF_PREC);
                for (i = 0; i < N; i++)
                {
                    ck_assert_msg(arb_is_zero(acb_imagref(roots + i)), "seed %lu: a non-real root", seed);
                    ck_assert_msg(arb_contains(eig + i, acb_realref(roots + i)),
                                  "seed %lu iter %ld: lambda_%ld is not the %ld-th root", seed, iter,
                                  i + 1, i + 1);
                }
                _acb_vec_clear(roots, N);
                tested_roots++;
            }
            fmpq_poly_clear(p);
            fmpz_poly_clear(q);
        }
        _arb_vec_clear(eig, N);
        kd_oracle_clear(O);
        kd_mat_clear(M);
        fmpq_mat_clear(re);
        fmpq_mat_clear(im);
        fmpq_clear(tr);
        fmpq_clear(fro);
        fmpq_clear(t);
        arb_clear(s);
        arb_clear(s2);
    }
    ck_assert_msg(tested_roots >= 10, "seed %lu: only %ld squarefree characteristic polynomials",
                  seed, tested_roots);
    flint_randclear(st);
}
END_TEST

/* ------------------------- Hermitian: repeated eigenvalues, adversary */

START_TEST(test_multiple_eigenvalues)
{
    /* J_N (all ones): N once, 0 with multiplicity N - 1; I_N: 1, N times */
    slong N, i, j, n;
    for (N = 1; N <= 6; N++)
    {
        kd_mat_t M;
        kd_oracle_t O;
        arb_ptr eig = _arb_vec_init(N);
        kd_real_t one;
        kd_real_init(one);
        kd_real_one(one);
        kd_mat_init(M, N, N);
        for (i = 0; i < N; i++)
            for (j = 0; j < N; j++)
                kd_mat_set_entry_real(M, i, j, one);
        kd_assert_ok(kd_oracle_init_mat(O, M));
        for (n = 3; n <= 63; n += 30)
        {
            kd_assert_ok(kd_spectrum_hermitian(eig, O, n, 0));
            for (i = 0; i < N - 1; i++)
                ck_assert_msg(arb_contains_zero(eig + i) && radius_ok(eig + i, n),
                              "J_%ld, n = %ld: eigenvalue %ld is not 0 within 2^-n", N, n, i + 1);
            ck_assert_msg(arb_contains_si(eig + N - 1, N) && radius_ok(eig + N - 1, n),
                          "J_%ld, n = %ld: top eigenvalue is not N", N, n);
        }
        kd_oracle_clear(O);
        kd_assert_ok(kd_mat_identity(M, N));
        kd_assert_ok(kd_oracle_init_mat(O, M));
        kd_assert_ok(kd_spectrum_hermitian(eig, O, 20, 0));
        for (i = 0; i < N; i++)
            ck_assert_msg(arb_contains_si(eig + i, 1) && radius_ok(eig + i, 20), "I_%ld", N);
        kd_oracle_clear(O);
        kd_mat_clear(M);
        kd_real_clear(one);
        _arb_vec_clear(eig, N);
    }
}
END_TEST

/* An admissible but unhelpful oracle: A_n = A + s 2^-n I (s = +-1), exactly
   at the error budget; the enclosures must still hold the eigenvalues of A,
   which only the Weyl term 2^-n guarantees. */
typedef struct
{
    fmpq_mat_t A;
    int s;
}
shift_data;

static kd_status
shift_query(fmpq_mat_t re, fmpq_mat_t im, kd_oracle_struct * O, slong n)
{
    shift_data * d = O->data;
    slong i;
    fmpq_t e;
    fmpq_init(e);
    fmpz_one(fmpq_numref(e));
    fmpz_one(fmpq_denref(e));
    fmpz_mul_2exp(fmpq_denref(e), fmpq_denref(e), n);
    if (d->s < 0)
        fmpq_neg(e, e);
    fmpq_mat_set(re, d->A);
    for (i = 0; i < fmpq_mat_nrows(re); i++)
        fmpq_add(fmpq_mat_entry(re, i, i), fmpq_mat_entry(re, i, i), e);
    if (im != NULL)
        fmpq_mat_zero(im);
    fmpq_clear(e);
    return KD_OK;
}

/* A_n = [[0, 2^(s-n)], [0, 0]]: s = 1 is A = [[0, 2^-n], [2^-n, 0]] read
   at the edge of the budget (||A_n - A||_2 = 2^-n); s = 2 is within 2^-n of
   no Hermitian matrix. */
static kd_status
skew_query(fmpq_mat_t re, fmpq_mat_t im, kd_oracle_struct * O, slong n)
{
    slong s = *(const slong *) O->data;
    fmpq_mat_zero(re);
    fmpz_one(fmpq_numref(fmpq_mat_entry(re, 0, 1)));
    fmpz_one(fmpq_denref(fmpq_mat_entry(re, 0, 1)));
    fmpz_mul_2exp(fmpq_denref(fmpq_mat_entry(re, 0, 1)), fmpq_denref(fmpq_mat_entry(re, 0, 1)), n);
    fmpq_mul_2exp(fmpq_mat_entry(re, 0, 1), fmpq_mat_entry(re, 0, 1), s);
    if (im != NULL)
        fmpq_mat_zero(im);
    return KD_OK;
}

START_TEST(test_adversarial_oracle)
{
    shift_data d;
    kd_oracle_t O;
    arb_ptr eig = _arb_vec_init(4);
    arb_t ref;
    slong j, n;
    arb_init(ref);
    /* the path graph P_4: 2 cos(j pi / 5), exact dyadic entries */
    fmpq_mat_init(d.A, 4, 4);
    for (j = 0; j < 3; j++)
    {
        fmpq_one(fmpq_mat_entry(d.A, j, j + 1));
        fmpq_one(fmpq_mat_entry(d.A, j + 1, j));
    }
    for (d.s = -1; d.s <= 1; d.s += 2)
        for (n = 0; n <= 40; n += 8)
        {
            kd_oracle_init_custom(O, 4, 4, 0, shift_query, &d, NULL);
            kd_assert_ok(kd_spectrum_hermitian(eig, O, n, 0));
            for (j = 1; j <= 4; j++)
            {
                arb_set_si(ref, 5 - j);
                arb_div_si(ref, ref, 5, REF_PREC);
                arb_cos_pi(ref, ref, REF_PREC);
                arb_mul_2exp_si(ref, ref, 1);
                ck_assert_msg(arb_contains(eig + j - 1, ref), "shift %d, n = %ld: lambda_%ld lost",
                              d.s, n, j);
            }
            kd_oracle_clear(O);
        }
    /* an answer no Hermitian matrix explains is refused, one at the edge of
       the budget is not (and its eigenvalues +-2^-n are enclosed) */
    for (n = 0; n <= 10; n += 10)
    {
        slong s2 = 2, s1 = 1;
        kd_oracle_init_custom(O, 2, 2, 0, skew_query, &s2, NULL);
        ck_assert_int_eq(kd_spectrum_hermitian(eig, O, n, 0), KD_ERR_DOMAIN);
        kd_oracle_clear(O);
        kd_oracle_init_custom(O, 2, 2, 0, skew_query, &s1, NULL);
        kd_assert_ok(kd_spectrum_hermitian(eig, O, n, 0));
        arb_one(ref);
        arb_mul_2exp_si(ref, ref, -n);
        ck_assert_msg(arb_contains(eig + 1, ref), "n = %ld: 2^-n not enclosed", n);
        arb_neg(ref, ref);
        ck_assert_msg(arb_contains(eig + 0, ref), "n = %ld: -2^-n not enclosed", n);
        kd_oracle_clear(O);
    }
    /* not square */
    kd_oracle_init_custom(O, 2, 3, 0, skew_query, &n, NULL);
    ck_assert_int_eq(kd_spectrum_hermitian(eig, O, 10, 0), KD_ERR_SIZE);
    kd_oracle_clear(O);
    fmpq_mat_clear(d.A);
    _arb_vec_clear(eig, 4);
    arb_clear(ref);
}
END_TEST

/* ------------------------------------------ Hermitian: the input check */

static kd_truth
herm_of(const char * text, slong * i, slong * j)
{
    kd_mat_t M;
    kd_truth t = KD_UNKNOWN;
    kd_mat_init(M, 0, 0);
    kd_assert_ok(kd_mtx_read_str(M, text, "test"));
    kd_assert_ok(kd_spectrum_is_hermitian(&t, i, j, M, 1024));
    kd_mat_clear(M);
    return t;
}

START_TEST(test_hermitian_check)
{
    kd_mat_t M;
    kd_truth t;
    slong i, j;
    fmpq_mat_t re, im;

    kd_mat_init(M, 0, 0);
    kd_assert_ok(kd_mat_dct2(M, 5));
    kd_assert_ok(kd_spectrum_is_hermitian(&t, &i, &j, M, 0));
    ck_assert_int_eq(t, KD_FALSE);
    ck_assert_msg(i == 0 && j == 1, "first offending pair of dct2:5 is (%ld, %ld)", i, j);
    kd_assert_ok(kd_mat_dft(M, 3));         /* symmetric but not Hermitian */
    kd_assert_ok(kd_spectrum_is_hermitian(&t, &i, &j, M, 0));
    ck_assert_int_eq(t, KD_FALSE);
    kd_assert_ok(kd_mat_identity(M, 4));
    kd_assert_ok(kd_spectrum_is_hermitian(&t, NULL, NULL, M, 0));
    ck_assert_int_eq(t, KD_TRUE);
    toeplitz(M, 5, "1/3", "cispi(1/7)/sqrt(3)");
    kd_assert_ok(kd_spectrum_is_hermitian(&t, NULL, NULL, M, 0));
    ck_assert_int_eq(t, KD_TRUE);
    kd_assert_ok(kd_mat_resize(M, 2, 3));
    ck_assert_int_eq(kd_spectrum_is_hermitian(&t, NULL, NULL, M, 0), KD_ERR_SIZE);
    kd_mat_clear(M);

    /* files: symmetric/hermitian storage, equal expressions, a proved
       difference, an undecidable one */
    ck_assert_int_eq(herm_of("%%MatrixMarket matrix array complex hermitian\n2 2\n"
                             "1 0\n(1/sqrt(3)) (-sqrt(2))\n5 0\n", NULL, NULL), KD_TRUE);
    ck_assert_int_eq(herm_of("%%MatrixMarket matrix array real symmetric\n2 2\n"
                             "1\ncos(pi/7)\n5\n", NULL, NULL), KD_TRUE);
    ck_assert_int_eq(herm_of("%%MatrixMarket matrix array real general\n2 2\n"
                             "1\nsqrt(2)/2\n1/sqrt(2)\n1\n", NULL, NULL) != KD_FALSE, 1);
    ck_assert_int_eq(herm_of("%%MatrixMarket matrix array real general\n2 2\n"
                             "1\n1/3\n0.3333333333\n1\n", &i, &j), KD_FALSE);
    ck_assert_msg(i == 0 && j == 1, "offending pair (%ld, %ld)", i, j);
    ck_assert_int_eq(herm_of("%%MatrixMarket matrix array real general\n2 2\n"
                             "1\nsqrt(2)*sqrt(2)\n2\n1\n", &i, &j), KD_UNKNOWN);
    ck_assert_msg(i == 0 && j == 1, "undecided pair (%ld, %ld)", i, j);
    /* a refuted pair is reported even after an undecided one */
    ck_assert_int_eq(herm_of("%%MatrixMarket matrix array real general\n3 3\n"
                             "1\nsqrt(2)*sqrt(2)\n0\n2\n1\n0\n1/7\n0\n1\n", &i, &j), KD_FALSE);
    ck_assert_msg(i == 0 && j == 2, "refuted pair (%ld, %ld)", i, j);
    ck_assert_int_eq(herm_of("%%MatrixMarket matrix array complex general\n2 2\n"
                             "1 1/2\n0 0\n0 0\n1 0\n", NULL, NULL), KD_FALSE);

    /* the exact entry point refuses a non-Hermitian matrix */
    fmpq_mat_init(re, 2, 2);
    fmpq_mat_init(im, 2, 2);
    fmpq_set_si(fmpq_mat_entry(im, 0, 1), 1, 2);
    fmpq_set_si(fmpq_mat_entry(im, 1, 0), 1, 2);
    {
        arb_ptr e = _arb_vec_init(2);
        ck_assert_int_eq(kd_spectrum_hermitian_exact(e, re, im, 10, 64, 0), KD_ERR_DOMAIN);
        fmpq_set_si(fmpq_mat_entry(im, 1, 0), -1, 2);
        kd_assert_ok(kd_spectrum_hermitian_exact(e, re, im, 10, 64, 0));
        ck_assert_msg(arb_contains_si(e + 0, 0) == 0 && arb_is_negative(e + 0)
                      && arb_is_positive(e + 1), "[[0, i/2], [-i/2, 0]] has eigenvalues -1/2, 1/2");
        _arb_vec_clear(e, 2);
    }
    fmpq_mat_clear(re);
    fmpq_mat_clear(im);
}
END_TEST

/* ------------------------------------------------ tridiagonal operators */

static void
grid_range(fmpq_t lo, fmpq_t hi, slong a, slong b)
{
    fmpq_set_si(lo, a, 1);
    fmpq_set_si(hi, b, 1);
}

/* Asserts (certified) dist(z, [-2, 2]) <= b for the level's grid and
   points, exactly: |z| - 2 <= b. */
static void
assert_laplacian_level(const kd_spectrum_level_t L)
{
    slong i;
    arf_t z, d, b;
    arf_init(z);
    arf_init(d);
    arf_init(b);
    for (i = 0; i < L->grid_len; i++)
    {
        arf_set_si(z, L->grid_lo + i);
        arf_mul_2exp_si(z, z, -L->e);
        arf_abs(d, z);
        arf_sub_ui(d, d, 2, ARF_PREC_EXACT, ARF_RND_DOWN);
        arf_set_mag(b, L->grid_bound + i);
        ck_assert_msg(arf_cmp(d, b) <= 0, "n = %ld: grid point %ld/2^%ld is farther than its bound",
                      L->n, L->grid_lo + i, L->e);
    }
    for (i = 0; i < L->len; i++)
    {
        kd_spectrum_level_point(z, L, i);
        arf_abs(d, z);
        arf_sub_ui(d, d, 2, ARF_PREC_EXACT, ARF_RND_DOWN);
        arf_set_mag(b, L->bound + i);
        ck_assert_msg(arf_cmp(d, b) <= 0, "n = %ld: output point %ld farther than its bound", L->n, i);
        if (i > 0)
            ck_assert_msg(L->j[i] > L->j[i - 1], "points not strictly ascending");
    }
    arf_clear(z);
    arf_clear(d);
    arf_clear(b);
}

/* Whether some output point lies within r of x (both exact dyadics). */
static int
has_point_near(const kd_spectrum_level_t L, double x, double r)
{
    slong i;
    for (i = 0; i < L->len; i++)
    {
        double z = ldexp((double) L->j[i], (int) -L->e);
        if (fabs(z - x) <= r)
            return 1;
    }
    return 0;
}

START_TEST(test_laplacian)
{
    static const slong ns[] = {8, 32, 128};
    kd_real_t lam, om, th;
    kd_tridiag_op_t H;
    kd_spectrum_level_t L;
    fmpq_t lo, hi;
    mag_t tol, prev;
    slong i;

    kd_real_init(lam);
    kd_real_init(om);
    kd_real_init(th);
    kd_assert_ok(kd_real_parse(om, "(sqrt(5)-1)/2"));
    kd_assert_ok(kd_tridiag_op_init_almost_mathieu(H, lam, om, th));
    ck_assert_msg(mag_cmp_2exp_si(&H->norm, 1) == 0, "||H|| bound of the Laplacian is not 2");
    fmpq_init(lo);
    fmpq_init(hi);
    mag_init(tol);
    mag_init(prev);
    grid_range(lo, hi, -3, 3);
    mag_set_ui_2exp_si(tol, 1, -1);
    kd_spectrum_level_init(L);
    for (i = 0; i < 3; i++)
    {
        kd_assert_ok(kd_spectrum_tridiag_points(L, H, ns[i], 5, lo, hi, tol, 128));
        ck_assert_int_eq(L->grid_len, 6 * 32 + 1);
        ck_assert_int_eq(L->grid_lo, -3 * 32);
        assert_laplacian_level(L);
        if (i > 0)
            ck_assert_msg(mag_cmp(&L->max_bound, prev) < 0, "max bound did not decrease at n = %ld",
                          ns[i]);
        mag_set(prev, &L->max_bound);
    }
    /* n = 128: the whole band is found, ends and middle included */
    ck_assert_msg(has_point_near(L, -2.0, 0.05) && has_point_near(L, 2.0, 0.05)
                  && has_point_near(L, 0.0, 0.05), "n = 128 misses -2, 0 or 2");
    ck_assert_msg(mag_cmp_2exp_si(&L->max_bound, -4) <= 0, "n = 128: max bound above 1/16");
    kd_spectrum_level_clear(L);
    kd_tridiag_op_clear(H);
    kd_real_clear(lam);
    kd_real_clear(om);
    kd_real_clear(th);
    fmpq_clear(lo);
    fmpq_clear(hi);
    mag_clear(tol);
    mag_clear(prev);
}
END_TEST

/* q = x exactly */
static void
set_double(fmpq_t q, double x)
{
    arf_t t;
    arf_init(t);
    arf_set_d(t, x);
    arf_get_fmpq(q, t);
    arf_clear(t);
}

/* The residual bound against an exact rational computation (Laplacian,
   random dyadic z and v). */
START_TEST(test_bound_exact)
{
    flint_rand_t st;
    ulong seed = kd_test_seed(202);
    kd_real_t lam, om, th;
    kd_tridiag_op_t H;
    kd_tridiag_section_t S;
    slong iter, n, k;
    kd_test_randinit(st, 202);
    kd_real_init(lam);
    kd_real_init(om);
    kd_real_init(th);
    kd_assert_ok(kd_tridiag_op_init_almost_mathieu(H, lam, om, th));
    for (iter = 0; iter < 40; iter++)
    {
        double * v;
        fmpq_t num, den, t, q, zq;
        arb_t z;
        mag_t b;
        arf_t bb;
        n = 1 + (slong) n_randint(st, 20);
        kd_assert_ok(kd_tridiag_section_init(S, H, n, 64 + 64 * (iter % 3)));
        v = flint_malloc((2 * n + 1) * sizeof(double));
        fmpq_init(num);
        fmpq_init(den);
        fmpq_init(t);
        fmpq_init(q);
        fmpq_init(zq);
        arb_init(z);
        mag_init(b);
        arf_init(bb);
        fmpq_set_si(zq, (slong) n_randint(st, 257) - 128, 32);
        arb_set_fmpq(z, zq, 64);
        if (iter % 2)
            kd_spectrum_tridiag_vector(v, S, z);
        else
            for (k = 0; k < 2 * n + 1; k++)
                v[k] = ldexp((double) ((slong) n_randint(st, 2001) - 1000), -10);
        v[n] = 1.0;             /* never all zero */
        kd_assert_ok(kd_spectrum_tridiag_bound(b, S, z, v));
        /* exact: sum over k = -n-1..n+1 of (v_{k-1} + v_{k+1} - z v_k)^2 */
        for (k = -n - 1; k <= n + 1; k++)
        {
            fmpq_zero(t);
            if (k - 1 >= -n)
            {
                set_double(q, v[k - 1 + n]);
                fmpq_add(t, t, q);
            }
            if (k + 1 <= n)
            {
                set_double(q, v[k + 1 + n]);
                fmpq_add(t, t, q);
            }
            if (k >= -n && k <= n)
            {
                set_double(q, v[k + n]);
                fmpq_submul(t, zq, q);
                fmpq_addmul(den, q, q);
            }
            fmpq_addmul(num, t, t);
        }
        /* b^2 >= num / den, with b^2 <= (num / den) (1 + 2^-24) + tiny (a
           mag carries 30 bits) */
        fmpq_div(t, num, den);
        arf_set_mag(bb, b);
        arf_get_fmpq(q, bb);
        fmpq_mul(q, q, q);
        ck_assert_msg(fmpq_cmp(q, t) >= 0, "seed %lu iter %ld: bound below the exact residual", seed, iter);
        fmpq_set_si(num, 1, 1);
        fmpq_div_2exp(num, num, 24);
        fmpq_add_si(num, num, 1);
        fmpq_mul(t, t, num);
        fmpq_set_si(num, 1, 1);
        fmpq_div_2exp(num, num, 50);
        fmpq_add(t, t, num);
        ck_assert_msg(fmpq_cmp(q, t) <= 0, "seed %lu iter %ld: bound far above the exact residual",
                      seed, iter);
        kd_tridiag_section_clear(S);
        flint_free(v);
        fmpq_clear(num);
        fmpq_clear(den);
        fmpq_clear(t);
        fmpq_clear(q);
        fmpq_clear(zq);
        arb_clear(z);
        mag_clear(b);
        arf_clear(bb);
    }
    kd_tridiag_op_clear(H);
    kd_real_clear(lam);
    kd_real_clear(om);
    kd_real_clear(th);
    flint_randclear(st);
}
END_TEST

/* ||(H - z) v|| / ||v|| for the almost Mathieu operator (lambda = 1, golden
   omega, theta = 0), built here from arb_sqrt and arb_cos_pi directly. */
static void
amo_residual_ref(arb_t res, slong n, const arb_t z, const double * v, slong prec)
{
    arb_t om, d, acc, t, num, den;
    slong k;
    arb_init(om);
    arb_init(d);
    arb_init(acc);
    arb_init(t);
    arb_init(num);
    arb_init(den);
    arb_sqrt_ui(om, 5, prec);
    arb_sub_ui(om, om, 1, prec);
    arb_mul_2exp_si(om, om, -1);
    for (k = -n - 1; k <= n + 1; k++)
    {
        arb_zero(acc);
        if (k - 1 >= -n)
            arb_add(acc, acc, (arb_set_d(t, v[k - 1 + n]), t), prec);
        if (k + 1 <= n)
            arb_add(acc, acc, (arb_set_d(t, v[k + 1 + n]), t), prec);
        if (k >= -n && k <= n)
        {
            /* 2 cos(2 pi omega k) - z */
            arb_mul_si(d, om, 2 * k, prec);
            arb_cos_pi(d, d, prec);
            arb_mul_2exp_si(d, d, 1);
            arb_sub(d, d, z, prec);
            arb_set_d(t, v[k + n]);
            arb_addmul(acc, d, t, prec);
            arb_addmul(den, t, t, prec);
        }
        arb_addmul(num, acc, acc, prec);
    }
    arb_div(res, num, den, prec);
    arb_sqrtpos(res, res, prec);
    arb_clear(om);
    arb_clear(d);
    arb_clear(acc);
    arb_clear(t);
    arb_clear(num);
    arb_clear(den);
}

START_TEST(test_almost_mathieu)
{
    const slong n = 24, e = 6;
    kd_real_t lam, om, th;
    kd_tridiag_op_t H;
    kd_tridiag_section_t S, S128;
    kd_spectrum_level_t L;
    fmpq_t lo, hi;
    mag_t tol, b2;
    arb_t z, ref, bb;
    arf_t zf, d, bf;
    double * v;
    slong i;

    kd_real_init(lam);
    kd_real_init(om);
    kd_real_init(th);
    kd_real_one(lam);
    kd_assert_ok(kd_real_parse(om, "(sqrt(5) - 1)/2"));
    kd_assert_ok(kd_tridiag_op_init_almost_mathieu(H, lam, om, th));
    ck_assert_msg(mag_cmp_2exp_si(&H->norm, 2) == 0, "||H|| bound at lambda = 1 is not 4");
    fmpq_init(lo);
    fmpq_init(hi);
    fmpq_set_si(lo, -9, 2);
    fmpq_set_si(hi, 9, 2);
    mag_init(tol);
    mag_init(b2);
    mag_set_ui_2exp_si(tol, 1, -1);
    arb_init(z);
    arb_init(ref);
    arb_init(bb);
    arf_init(zf);
    arf_init(d);
    arf_init(bf);
    kd_spectrum_level_init(L);
    kd_assert_ok(kd_spectrum_tridiag_points(L, H, n, e, lo, hi, tol, 128));
    ck_assert_msg(L->len >= 10, "only %ld points at n = %ld", L->len, n);
    /* the level's section (the same vectors, deterministic) and one at
       another precision, for the recomputation */
    kd_assert_ok(kd_tridiag_section_init(S128, H, n, 128));
    kd_assert_ok(kd_tridiag_section_init(S, H, n, 320));
    v = flint_malloc((2 * n + 1) * sizeof(double));
    for (i = 0; i < L->len; i++)
    {
        kd_spectrum_level_point(zf, L, i);
        arb_set_arf(z, zf);
        /* the points lie in [-4, 4] up to their bound: |z| - 4 <= b */
        arf_abs(d, zf);
        arf_sub_ui(d, d, 4, ARF_PREC_EXACT, ARF_RND_DOWN);
        arf_set_mag(bf, L->bound + i);
        ck_assert_msg(arf_cmp(d, bf) <= 0, "point %ld outside [-4, 4] + bound", i);
        /* the same vector (deterministic), residual recomputed at 300 bits
           with coefficients built here: the bound must not be below it */
        kd_spectrum_tridiag_vector(v, S128, z);
        amo_residual_ref(ref, n, z, v, REF_PREC);
        arb_set_arf(bb, bf);
        ck_assert_msg(!arb_lt(bb, ref), "point %ld: bound below the independent residual", i);
        /* and not far above it either (the bound is the residual, as a
           30-bit mag) */
        arb_mul_2exp_si(bb, bb, -24);
        arb_add(ref, ref, bb, REF_PREC);
        arb_set_arf(bb, bf);
        ck_assert_msg(!arb_gt(bb, ref), "point %ld: bound not tight", i);
        /* the library's bound at another precision holds too */
        kd_assert_ok(kd_spectrum_tridiag_bound(b2, S, z, v));
        amo_residual_ref(ref, n, z, v, REF_PREC);
        arf_set_mag(bf, b2);
        arb_set_arf(bb, bf);
        ck_assert_msg(!arb_lt(bb, ref), "point %ld: 320-bit bound below the residual", i);
    }
    /* symmetric spectrum: points near both edges +-2.5975 (Hofstadter) are
       found, certified by their bound */
    ck_assert_msg(has_point_near(L, -2.59, 0.05) && has_point_near(L, 2.59, 0.05), "edges missed");
    flint_free(v);
    kd_tridiag_section_clear(S);
    kd_tridiag_section_clear(S128);
    kd_spectrum_level_clear(L);
    kd_tridiag_op_clear(H);
    kd_real_clear(lam);
    kd_real_clear(om);
    kd_real_clear(th);
    fmpq_clear(lo);
    fmpq_clear(hi);
    mag_clear(tol);
    mag_clear(b2);
    arb_clear(z);
    arb_clear(ref);
    arb_clear(bb);
    arf_clear(zf);
    arf_clear(d);
    arf_clear(bf);
}
END_TEST

/* Custom operators through the callbacks: d_k = a (-1)^k, b_k = c. */
typedef struct
{
    slong a;
    slong c;
    int fail_at;        /* a k at which diag fails (or 1000: never) */
    int inf;            /* diag returns an infinite ball */
}
per2_data;

static kd_status
per2_diag(arb_t res, slong k, void * p, slong prec)
{
    per2_data * d = p;
    (void) prec;
    if (k == d->fail_at)
        return kd_error_set(KD_ERR_DOMAIN, "test failure at %ld", k);
    arb_set_si(res, (k % 2 == 0) ? d->a : -d->a);
    if (d->inf)
        arb_indeterminate(res);
    return KD_OK;
}

static kd_status
per2_off(arb_t res, slong k, void * p, slong prec)
{
    (void) k;
    (void) prec;
    arb_set_si(res, ((per2_data *) p)->c);
    return KD_OK;
}

/* dist(z, Sp) for Sp = [-r, -a] ∪ [a, r] (r = sqrt(a^2 + 4 c^2), the
   period-2 band spectrum), or {-a, a} for c = 0, in balls. */
static void
per2_dist(arb_t res, const arb_t z, slong a, slong c)
{
    arb_t az, r, ab;
    arb_init(az);
    arb_init(r);
    arb_init(ab);
    arb_abs(az, z);
    arb_set_si(ab, a);
    arb_set_si(r, a * a + 4 * c * c);
    arb_sqrt(r, r, REF_PREC);
    if (c == 0)
    {
        arb_sub(res, az, ab, REF_PREC);
        arb_abs(res, res);
    }
    else if (arb_lt(az, ab))
        arb_sub(res, ab, az, REF_PREC);
    else if (arb_gt(az, r))
        arb_sub(res, az, r, REF_PREC);
    else
        arb_zero(res);
    arb_clear(az);
    arb_clear(r);
    arb_clear(ab);
}

START_TEST(test_custom_operator)
{
    per2_data dat[2] = {{1, 1, 1000, 0}, {1, 0, 1000, 0}};
    kd_tridiag_op_t H;
    kd_spectrum_level_t L;
    fmpq_t lo, hi;
    mag_t tol, norm;
    arb_t z, dist, bb;
    arf_t zf, bf;
    slong c, i, found_one;

    fmpq_init(lo);
    fmpq_init(hi);
    mag_init(tol);
    mag_init(norm);
    arb_init(z);
    arb_init(dist);
    arb_init(bb);
    arf_init(zf);
    arf_init(bf);
    grid_range(lo, hi, -3, 3);
    mag_set_ui(tol, 1);
    mag_set_ui(norm, 3);
    kd_spectrum_level_init(L);
    for (c = 0; c < 2; c++)
    {
        kd_tridiag_op_init(H, per2_diag, per2_off, dat + c, NULL, norm);
        kd_assert_ok(kd_spectrum_tridiag_points(L, H, 40, 6, lo, hi, tol, 96));
        for (i = 0; i < L->grid_len; i++)
        {
            arb_set_si(z, L->grid_lo + i);
            arb_mul_2exp_si(z, z, -L->e);
            per2_dist(dist, z, dat[c].a, dat[c].c);
            arf_set_mag(bf, L->grid_bound + i);
            arb_set_arf(bb, bf);
            ck_assert_msg(arb_le(dist, bb), "operator %ld: grid point %ld: dist(z, Sp) > bound",
                          c, L->grid_lo + i);
        }
        found_one = 0;
        for (i = 0; i < L->len; i++)
            if (L->j[i] == 64)          /* z = 1, an exact eigenvalue when c = 0 */
                found_one = mag_cmp_2exp_si(L->bound + i, -40) <= 0;
        if (c == 1)
            ck_assert_msg(found_one && L->len == 2, "diagonal operator: %ld points, z = 1 %s",
                          L->len, found_one ? "found" : "missing");
        else
            ck_assert_msg(has_point_near(L, 1.0, 0.05) && has_point_near(L, -2.236, 0.05)
                          && !has_point_near(L, 0.0, 0.5), "period-2 operator: band edges");
        kd_tridiag_op_clear(H);
    }
    kd_spectrum_level_clear(L);
    fmpq_clear(lo);
    fmpq_clear(hi);
    mag_clear(tol);
    mag_clear(norm);
    arb_clear(z);
    arb_clear(dist);
    arb_clear(bb);
    arf_clear(zf);
    arf_clear(bf);
}
END_TEST

/* Not Delta_1: the Laplacian with a bound state at site 50 (d_50 = 3,
   Sp = [-2, 2] ∪ {sqrt(13)}) agrees with the free Laplacian on every entry
   that the sections n < 50 read, so their outputs are identical although
   sqrt(13) is missed by more than 1.6; once n > 50 the bound state is found
   (proofs-notes/sci-spectrum.md §4). */
static kd_status
bump_diag(arb_t res, slong k, void * p, slong prec)
{
    (void) p;
    (void) prec;
    arb_set_si(res, k == 50 ? 3 : 0);
    return KD_OK;
}

static kd_status
one_off(arb_t res, slong k, void * p, slong prec)
{
    (void) k;
    (void) p;
    (void) prec;
    arb_one(res);
    return KD_OK;
}

START_TEST(test_not_delta1)
{
    static const slong ns[] = {16, 40, 64};
    kd_real_t lam, om, th;
    kd_tridiag_op_t H0, H1;
    kd_spectrum_level_t L0, L1;
    fmpq_t lo, hi;
    mag_t tol, norm;
    arb_t z, dist, s13, bb;
    arf_t bf;
    slong i, k, near;

    kd_real_init(lam);
    kd_real_init(om);
    kd_real_init(th);
    fmpq_init(lo);
    fmpq_init(hi);
    mag_init(tol);
    mag_init(norm);
    arb_init(z);
    arb_init(dist);
    arb_init(s13);
    arb_init(bb);
    arf_init(bf);
    arb_sqrt_ui(s13, 13, REF_PREC);
    grid_range(lo, hi, -4, 4);
    mag_set_ui_2exp_si(tol, 1, -1);
    mag_set_ui(norm, 5);
    kd_assert_ok(kd_tridiag_op_init_almost_mathieu(H0, lam, om, th));
    kd_tridiag_op_init(H1, bump_diag, one_off, NULL, NULL, norm);
    kd_spectrum_level_init(L0);
    kd_spectrum_level_init(L1);
    for (i = 0; i < 3; i++)
    {
        kd_assert_ok(kd_spectrum_tridiag_points(L0, H0, ns[i], 5, lo, hi, tol, 128));
        kd_assert_ok(kd_spectrum_tridiag_points(L1, H1, ns[i], 5, lo, hi, tol, 128));
        /* certified for H1 at every level: dist(z, [-2, 2] ∪ {sqrt 13}) <= b */
        near = 0;
        for (k = 0; k < L1->len; k++)
        {
            arb_set_si(z, L1->j[k]);
            arb_mul_2exp_si(z, z, -L1->e);
            arb_sub(dist, z, s13, REF_PREC);
            arb_abs(dist, dist);
            arf_set_mag(bf, L1->bound + k);
            arb_set_arf(bb, bf);
            if (arb_le(dist, bb))
                near++;
            else
            {
                arb_abs(dist, z);
                arb_sub_ui(dist, dist, 2, REF_PREC);
                ck_assert_msg(arb_le(dist, bb), "n = %ld: point %ld/32 is near neither [-2, 2]"
                              " nor sqrt(13)", ns[i], L1->j[k]);
            }
        }
        if (ns[i] < 50)        /* d_50 is read from n = 50 on */
        {
            ck_assert_msg(L0->len == L1->len && memcmp(L0->j, L1->j, L0->len * sizeof(slong)) == 0,
                          "n = %ld: the outputs differ although the data read agree", ns[i]);
            for (k = 0; k < L0->len; k++)
                ck_assert_msg(mag_equal(L0->bound + k, L1->bound + k), "n = %ld: bounds differ", ns[i]);
            ck_assert_msg(near == 0, "n = %ld: sqrt(13) found from data that cannot see it", ns[i]);
        }
        else
            ck_assert_msg(near >= 1 && has_point_near(L1, 3.6056, 1.0 / 32),
                          "n = %ld: the bound state sqrt(13) is not found", ns[i]);
    }
    kd_spectrum_level_clear(L0);
    kd_spectrum_level_clear(L1);
    kd_tridiag_op_clear(H0);
    kd_tridiag_op_clear(H1);
    kd_real_clear(lam);
    kd_real_clear(om);
    kd_real_clear(th);
    fmpq_clear(lo);
    fmpq_clear(hi);
    mag_clear(tol);
    mag_clear(norm);
    arb_clear(z);
    arb_clear(dist);
    arb_clear(s13);
    arb_clear(bb);
    arf_clear(bf);
}
END_TEST

START_TEST(test_tridiag_errors)
{
    per2_data bad = {1, 1, 3, 0}, inf = {1, 1, 1000, 1}, ok = {1, 1, 1000, 0};
    kd_tridiag_op_t H;
    kd_tridiag_section_t S;
    kd_spectrum_level_t L;
    fmpq_t lo, hi;
    mag_t tol, norm, b;
    arb_t z;
    double v[5] = {0, 0, 0, 0, 0}, w[5] = {1, 0, HUGE_VAL, 0, 0};

    fmpq_init(lo);
    fmpq_init(hi);
    mag_init(tol);
    mag_init(norm);
    mag_init(b);
    arb_init(z);
    mag_set_ui(tol, 1);
    mag_set_ui(norm, 3);
    grid_range(lo, hi, -1, 1);
    kd_spectrum_level_init(L);
    kd_tridiag_op_init(H, per2_diag, per2_off, &ok, NULL, norm);
    ck_assert_int_eq(kd_spectrum_tridiag_points(L, H, 0, 4, lo, hi, tol, 64), KD_ERR_ARG);
    ck_assert_int_eq(kd_spectrum_tridiag_points(L, H, 4, 61, lo, hi, tol, 64), KD_ERR_ARG);
    ck_assert_int_eq(kd_spectrum_tridiag_points(L, H, 4, 30, lo, hi, tol, 64), KD_ERR_ARG);
    ck_assert_int_eq(kd_spectrum_tridiag_points(L, H, 4, 4, hi, lo, tol, 64), KD_ERR_ARG);
    ck_assert_int_eq(kd_tridiag_section_init(S, H, 0, 64), KD_ERR_ARG);
    kd_tridiag_section_clear(S);
    kd_assert_ok(kd_tridiag_section_init(S, H, 2, 64));
    ck_assert_int_eq(kd_spectrum_tridiag_bound(b, S, z, v), KD_ERR_ARG);
    ck_assert_int_eq(kd_spectrum_tridiag_bound(b, S, z, w), KD_ERR_ARG);
    kd_tridiag_section_clear(S);
    kd_tridiag_op_clear(H);
    kd_tridiag_op_init(H, per2_diag, per2_off, &bad, NULL, norm);
    ck_assert_int_eq(kd_spectrum_tridiag_points(L, H, 4, 4, lo, hi, tol, 64), KD_ERR_DOMAIN);
    ck_assert_msg(strstr(kd_error_message(), "test failure at 3") != NULL, "message: %s",
                  kd_error_message());
    kd_tridiag_op_clear(H);
    kd_tridiag_op_init(H, per2_diag, per2_off, &inf, NULL, norm);
    ck_assert_int_eq(kd_spectrum_tridiag_points(L, H, 4, 4, lo, hi, tol, 64), KD_ERR_ARG);
    kd_tridiag_op_clear(H);
    kd_spectrum_level_clear(L);
    fmpq_clear(lo);
    fmpq_clear(hi);
    mag_clear(tol);
    mag_clear(norm);
    mag_clear(b);
    arb_clear(z);
}
END_TEST

/* Extent and excess on hand-made levels. */
START_TEST(test_level_helpers)
{
    kd_spectrum_level_t A, B;
    arf_t lo, hi, d, want;
    slong ja[2] = {0, 1}, jb[3] = {1, 3, 8};
    arf_init(lo);
    arf_init(hi);
    arf_init(d);
    arf_init(want);
    kd_spectrum_level_init(A);
    kd_spectrum_level_init(B);
    ck_assert_int_eq(kd_spectrum_level_extent(lo, hi, A), 0);
    kd_spectrum_level_excess(d, A, B);
    ck_assert_msg(arf_is_zero(d), "excess of an empty level is not 0");
    /* A = {0, 1} (e = 0), B = {1/4, 3/4, 2} (e = 2) */
    A->e = 0;
    A->len = 2;
    A->j = flint_malloc(2 * sizeof(slong));
    memcpy(A->j, ja, sizeof ja);
    A->bound = _mag_vec_init(2);
    mag_set_ui_2exp_si(A->bound + 0, 1, -3);
    mag_set_ui_2exp_si(A->bound + 1, 1, -1);
    B->e = 2;
    B->len = 3;
    B->j = flint_malloc(3 * sizeof(slong));
    memcpy(B->j, jb, sizeof jb);
    B->bound = _mag_vec_init(3);
    kd_spectrum_level_excess(d, B, A);
    ck_assert_msg(arf_is_one(d), "e(B, A) = 1 expected");
    kd_spectrum_level_excess(d, A, B);
    arf_set_ui_2exp_si(want, 1, -2);
    ck_assert_msg(arf_equal(d, want), "e(A, B) = 1/4 expected");
    B->len = 0;
    kd_spectrum_level_excess(d, A, B);
    ck_assert_msg(arf_is_pos_inf(d), "e(A, empty) must be infinite");
    B->len = 3;
    /* extent of A: min(0 + 1/8, 1 + 1/2) = 1/8, max(0 - 1/8, 1 - 1/2) = 1/2 */
    ck_assert_int_eq(kd_spectrum_level_extent(lo, hi, A), 1);
    arf_set_ui_2exp_si(want, 1, -3);
    ck_assert_msg(arf_equal(lo, want), "extent lo");
    arf_set_ui_2exp_si(want, 1, -1);
    ck_assert_msg(arf_equal(hi, want), "extent hi");
    kd_spectrum_level_clear(A);
    kd_spectrum_level_clear(B);
    arf_clear(lo);
    arf_clear(hi);
    arf_clear(d);
    arf_clear(want);
}
END_TEST

/* The built-in tridiag:N:A:B through kd_spectrum_hermitian_levels against
   its closed form A + 2|B| cos(j pi/(N+1)), and the input checks. */
START_TEST(test_hermitian_levels)
{
    static const slong n[2] = {10, 40};
    kd_spectrum_hermitian_run_t R;
    kd_mat_t M;
    arb_t ref, t;
    slong i, j, N = 5;
    kd_spectrum_hermitian_run_init(R);
    kd_mat_init(M, 0, 0);
    arb_init(ref);
    arb_init(t);
    ck_assert_int_eq(kd_builtin_mat(M, "tridiag:5:1/3:(1+i)/2"), KD_OK);
    ck_assert(M->is_complex && M->r == N && M->c == N);
    ck_assert_int_eq(kd_spectrum_hermitian_levels(R, M, "T", n, 2, 0), KD_OK);
    ck_assert_int_eq(R->N, N);
    ck_assert_int_eq(R->nreads, 2);
    ck_assert(R->reads[0] == 10 && R->reads[1] == 40);
    for (i = 0; i < 2; i++)
        for (j = 0; j < N; j++)
        {
            /* ascending: j-th is 1/3 + sqrt(2) cos((N - j) pi / (N + 1)) */
            arb_const_pi(t, 128);
            arb_mul_si(t, t, N - j, 128);
            arb_div_si(t, t, N + 1, 128);
            arb_cos(t, t, 128);
            arb_sqrt_ui(ref, 2, 128);
            arb_mul(ref, ref, t, 128);
            arb_set_si(t, 1);
            arb_div_si(t, t, 3, 128);
            arb_add(ref, ref, t, 128);
            ck_assert_msg(arb_overlaps(ref, R->eig[i] + j), "lambda_%ld at n = %ld", j + 1, n[i]);
            ck_assert(mag_cmp(arb_radref(R->eig[i] + j), R->max_radius + i) <= 0);
            /* its JSON: the decimal ball printed contains the closed form */
            {
                json_t * jr = kd_spectrum_hermitian_run_json(R, "T"), * je;
                arb_t b;
                arb_init(b);
                ck_assert_ptr_nonnull(jr);
                ck_assert_int_eq(json_integer_value(json_object_get(jr, "order")), N);
                je = json_array_get(json_object_get(json_array_get(json_object_get(jr, "levels"),
                                                                   i), "eigenvalues"), j);
                kd_test_arb_set_json(b, je, 128);
                ck_assert_msg(arb_contains(b, ref), "JSON lambda_%ld at n = %ld", j + 1, n[i]);
                arb_clear(b);
                json_decref(jr);
            }
        }
    ck_assert_int_eq(kd_builtin_mat(M, "dct2:3"), KD_OK);
    ck_assert_int_eq(kd_spectrum_hermitian_levels(R, M, "Q", n, 2, 0), KD_ERR_DOMAIN);
    ck_assert_int_eq(kd_builtin_mat(M, "lasso:2^-3"), KD_OK);
    ck_assert_int_eq(kd_spectrum_hermitian_levels(R, M, "L", n, 2, 0), KD_ERR_SIZE);
    ck_assert_int_eq(kd_builtin_mat(M, "tridiag:0"), KD_ERR_ARG);
    ck_assert_int_eq(kd_builtin_mat(M, "tridiag:3:1"), KD_ERR_ARG);
    kd_error_clear();
    kd_spectrum_hermitian_run_clear(R);
    kd_mat_clear(M);
    arb_clear(ref);
    arb_clear(t);
}
END_TEST

/* The tower on the Laplacian: every printed point string is the exact
   point, within its bound of [-2, 2]; directed decimals. */
START_TEST(test_tower_run)
{
    static const slong n[2] = {8, 16};
    kd_tridiag_op_t H;
    kd_spectrum_tower_t S;
    kd_real_t zero, om, x;
    mag_t tol;
    arf_t z, a;
    fmpq_t q, r;
    slong i, k;
    char * s;
    kd_real_init(zero);
    kd_real_init(om);
    kd_real_init(x);
    mag_init(tol);
    arf_init(z);
    arf_init(a);
    fmpq_init(q);
    fmpq_init(r);
    kd_spectrum_tower_init(S);
    mag_set_ui_2exp_si(tol, 1, -1);
    ck_assert_int_eq(kd_tridiag_op_init_almost_mathieu(H, zero, om, zero), KD_OK);
    ck_assert_int_eq(kd_spectrum_tower_run(S, H, n, 2, -1, tol, 128), KD_OK);
    ck_assert_int_eq(S->nlevels, 2);
    fmpq_set_si(q, 5, 2);           /* ||H|| <= 2 rounded up: ceil(4 * 2)/4 + 1/2 */
    ck_assert(fmpq_cmp(&S->hi, q) >= 0);
    fmpq_neg(r, &S->hi);
    ck_assert(fmpq_equal(r, &S->lo));
    for (i = 0; i < 2; i++)
    {
        ck_assert_int_eq(S->L[i].e, kd_spectrum_grid_default(n[i]));
        ck_assert(S->L[i].len > 0);
        for (k = 0; k < S->L[i].len; k++)
        {
            s = kd_spectrum_level_point_get_str(S->L + i, k);
            ck_assert_int_eq(kd_real_parse(x, s), KD_OK);
            ck_assert(kd_real_get_fmpq(q, x));
            kd_spectrum_level_point(z, S->L + i, k);
            arf_get_fmpq(r, z);
            ck_assert_msg(fmpq_equal(q, r), "point string %s", s);
            flint_free(s);
            /* dist(z, [-2, 2]) <= bound */
            arf_abs(a, z);
            arf_sub_ui(a, a, 2, ARF_PREC_EXACT, ARF_RND_DOWN);
            if (arf_sgn(a) > 0)
            {
                arf_t b;
                arf_init(b);
                arf_set_mag(b, S->L[i].bound + k);
                ck_assert(arf_cmp(a, b) <= 0);
                arf_clear(b);
            }
        }
    }
    ck_assert(arf_is_finite(S->missed + 0));
    /* -3/8 to two places: down -0.38, up -0.37 */
    arf_set_si_2exp_si(a, -3, -3);
    s = kd_spectrum_arf_get_decimal(a, 2, 0);
    ck_assert_str_eq(s, "-0.38");
    flint_free(s);
    s = kd_spectrum_arf_get_decimal(a, 2, 1);
    ck_assert_str_eq(s, "-0.37");
    flint_free(s);
    arf_set_si_2exp_si(a, 3, 0);
    s = kd_spectrum_arf_get_decimal(a, 1, 1);
    ck_assert_str_eq(s, "3.0");
    flint_free(s);
    kd_spectrum_tower_clear(S);
    kd_tridiag_op_clear(H);
    kd_real_clear(zero);
    kd_real_clear(om);
    kd_real_clear(x);
    mag_clear(tol);
    arf_clear(z);
    arf_clear(a);
    fmpq_clear(q);
    fmpq_clear(r);
}
END_TEST

Suite *
kd_suite_spectrum(void)
{
    Suite * s = suite_create("spectrum");
    TCase * tc;

    tc = tcase_create("hermitian");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_toeplitz_closed_form, 0, NUM_TCASES);
    tcase_add_test(tc, test_random_hermitian);
    tcase_add_test(tc, test_multiple_eigenvalues);
    tcase_add_test(tc, test_adversarial_oracle);
    tcase_add_test(tc, test_hermitian_check);
    tcase_add_test(tc, test_hermitian_levels);
    suite_add_tcase(s, tc);

    tc = tcase_create("tridiagonal");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_laplacian);
    tcase_add_test(tc, test_bound_exact);
    tcase_add_test(tc, test_almost_mathieu);
    tcase_add_test(tc, test_custom_operator);
    tcase_add_test(tc, test_not_delta1);
    tcase_add_test(tc, test_tridiag_errors);
    tcase_add_test(tc, test_level_helpers);
    tcase_add_test(tc, test_tower_run);
    suite_add_tcase(s, tc);
    return s;
}
