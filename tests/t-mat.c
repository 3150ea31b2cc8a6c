/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for the mat module: builders against independent Arb formulas,
   exact operations against fmpq_mat arithmetic, and the bookkeeping flags. */
#include <string.h>
#include "testutil.h"

/* Working precision of the reference enclosures; a comparison is only
   meaningful if the balls are tight, so every one also bounds the radius. */
#define PREC 256
#define TIGHT (PREC - 32)
#define HIPREC 512

static const slong builder_sizes[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 16, 21 };
#define NUM_BUILDER_SIZES ((int) (sizeof(builder_sizes) / sizeof(builder_sizes[0])))

/* ------------------------------------------------------------- helpers */

static void
rand_fmpq(fmpq_t q, flint_rand_t st)
{
    if (n_randint(st, 5) == 0)
    {
        fmpq_zero(q);
        return;
    }
    fmpz_set_si(fmpq_numref(q), (slong) n_randint(st, 61) - 30);
    fmpz_set_ui(fmpq_denref(q), 1 + n_randint(st, 12));
    fmpq_canonicalise(q);
}

static void
rand_fmpq_mat(fmpq_mat_t M, flint_rand_t st)
{
    slong i, j;
    for (i = 0; i < fmpq_mat_nrows(M); i++)
        for (j = 0; j < fmpq_mat_ncols(M); j++)
            rand_fmpq(fmpq_mat_entry(M, i, j), st);
}

/* A = re + i im entry by entry (im NULL: a real matrix). */
static void
kd_mat_from_fmpq(kd_mat_t A, const fmpq_mat_t re, const fmpq_mat_t im)
{
    slong i, j;
    kd_real_t x, y;
    kd_complex_t z;
    kd_real_init(x);
    kd_real_init(y);
    kd_complex_init(z);
    kd_assert_ok(kd_mat_resize(A, fmpq_mat_nrows(re), fmpq_mat_ncols(re)));
    for (i = 0; i < fmpq_mat_nrows(re); i++)
        for (j = 0; j < fmpq_mat_ncols(re); j++)
        {
            kd_real_set_fmpq(x, fmpq_mat_entry(re, i, j));
            if (im != NULL)
                kd_real_set_fmpq(y, fmpq_mat_entry(im, i, j));
            else
                kd_real_zero(y);
            kd_complex_set_real_imag(z, x, y);
            kd_mat_set_entry(A, i, j, z);
        }
    kd_real_clear(x);
    kd_real_clear(y);
    kd_complex_clear(z);
}

/* Whether some entry has a structurally non-zero imaginary part. */
static int
has_complex_entry(const kd_mat_t A)
{
    slong i, j;
    for (i = 0; i < A->r; i++)
        for (j = 0; j < A->c; j++)
            if (!kd_complex_is_real(kd_mat_entry(A, i, j)))
                return 1;
    return 0;
}

/* The results of the operations re-derive is_complex, so it must be exact. */
static void
assert_is_complex_exact(const kd_mat_t A, ulong seed, const char * what)
{
    ck_assert_msg(A->is_complex == has_complex_entry(A),
                  "%s: is_complex = %d but complex entries: %d (seed %lu)",
                  what, A->is_complex, has_complex_entry(A), seed);
}

/* A == re + i im exactly, every entry a structural rational (rational input
   never loses exactness, real.h). im NULL: expects zero imaginary parts. */
static void
assert_mat_equals_fmpq(const kd_mat_t A, const fmpq_mat_t re, const fmpq_mat_t im,
                       ulong seed, const char * what)
{
    slong i, j;
    fmpq_t a;
    fmpq_init(a);
    ck_assert_msg(A->r == fmpq_mat_nrows(re) && A->c == fmpq_mat_ncols(re),
                  "%s: size %ld x %ld, expected %ld x %ld (seed %lu)", what, A->r, A->c,
                  fmpq_mat_nrows(re), fmpq_mat_ncols(re), seed);
    for (i = 0; i < A->r; i++)
        for (j = 0; j < A->c; j++)
        {
            ck_assert_msg(kd_real_get_fmpq(a, kd_mat_entry_re(A, i, j)),
                          "%s: re(%ld, %ld) is not a rational (seed %lu)", what, i, j, seed);
            ck_assert_msg(fmpq_equal(a, fmpq_mat_entry(re, i, j)),
                          "%s: re(%ld, %ld) wrong (seed %lu)", what, i, j, seed);
            ck_assert_msg(kd_real_get_fmpq(a, kd_mat_entry_im(A, i, j)),
                          "%s: im(%ld, %ld) is not a rational (seed %lu)", what, i, j, seed);
            if (im != NULL)
                ck_assert_msg(fmpq_equal(a, fmpq_mat_entry(im, i, j)),
                              "%s: im(%ld, %ld) wrong (seed %lu)", what, i, j, seed);
            else
                ck_assert_msg(fmpq_is_zero(a), "%s: im(%ld, %ld) not zero (seed %lu)",
                              what, i, j, seed);
        }
    fmpq_clear(a);
}

/* A random irrational-ish exact real and its independent Arb enclosure:
   sqrt(p/q), cos(pi p/q) via arb_cos of arb_const_pi, p/q, or pi p/q. */
static void
rand_irrational(kd_real_t x, arb_t ref, flint_rand_t st, slong prec)
{
    slong p = (slong) n_randint(st, 41) - 20, q = 1 + (slong) n_randint(st, 15);
    fmpq_t r;
    fmpq_init(r);
    fmpq_set_si(r, p, q);
    switch (n_randint(st, 4))
    {
        case 0:
            fmpq_abs(r, r);
            kd_real_set_fmpq(x, r);
            kd_assert_ok(kd_real_sqrt(x, x));
            arb_set_fmpq(ref, r, prec);
            arb_sqrt(ref, ref, prec);
            break;
        case 1:
            kd_real_cos_pi_fmpq(x, r);
            arb_const_pi(ref, prec);
            arb_mul_si(ref, ref, p, prec);
            arb_div_si(ref, ref, q, prec);
            arb_cos(ref, ref, prec);
            break;
        case 2:
            kd_real_set_fmpq(x, r);
            arb_set_fmpq(ref, r, prec);
            break;
        default:
            kd_real_pi(x);
            kd_real_mul_fmpq(x, x, r);
            arb_const_pi(ref, prec);
            arb_mul_si(ref, ref, p, prec);
            arb_div_si(ref, ref, q, prec);
    }
    fmpq_clear(r);
}

/* A random exact matrix of irrational entries (complex if cplx) with an
   independent enclosure R of the same size. */
static void
rand_irrational_mat(kd_mat_t A, acb_mat_t R, flint_rand_t st, int cplx, slong prec)
{
    slong i, j;
    kd_real_t x, y;
    kd_complex_t z;
    kd_real_init(x);
    kd_real_init(y);
    kd_complex_init(z);
    kd_assert_ok(kd_mat_resize(A, acb_mat_nrows(R), acb_mat_ncols(R)));
    for (i = 0; i < acb_mat_nrows(R); i++)
        for (j = 0; j < acb_mat_ncols(R); j++)
        {
            rand_irrational(x, acb_realref(acb_mat_entry(R, i, j)), st, prec);
            if (cplx)
                rand_irrational(y, acb_imagref(acb_mat_entry(R, i, j)), st, prec);
            else
            {
                kd_real_zero(y);
                arb_zero(acb_imagref(acb_mat_entry(R, i, j)));
            }
            kd_complex_set_real_imag(z, x, y);
            kd_mat_set_entry(A, i, j, z);
        }
    kd_real_clear(x);
    kd_real_clear(y);
    kd_complex_clear(z);
}

/* Both balls enclose the same number as far as 2^-tight can tell: their
   difference contains 0 and is tight (so the containment is not vacuous). */
static int
acb_agree(const acb_t a, const acb_t b, slong tight)
{
    acb_t d;
    int ok;
    acb_init(d);
    acb_sub(d, a, b, 4 * tight);
    ok = acb_contains_zero(d)
        && mag_cmp_2exp_si(arb_radref(acb_realref(d)), -tight) <= 0
        && mag_cmp_2exp_si(arb_radref(acb_imagref(d)), -tight) <= 0;
    acb_clear(d);
    return ok;
}

/* R contains the identity, with radii at most 2^-tight. */
static int
acb_mat_contains_identity_tight(const acb_mat_t R, slong tight)
{
    slong i, j;
    for (i = 0; i < acb_mat_nrows(R); i++)
        for (j = 0; j < acb_mat_ncols(R); j++)
        {
            const acb_struct * e = acb_mat_entry(R, i, j);
            if (!arb_contains_si(acb_realref(e), i == j) || !arb_contains_zero(acb_imagref(e)))
                return 0;
            if (mag_cmp_2exp_si(arb_radref(acb_realref(e)), -tight) > 0
                || mag_cmp_2exp_si(arb_radref(acb_imagref(e)), -tight) > 0)
                return 0;
        }
    return 1;
}

/* ------------------------------------------------------------- builders */

START_TEST(test_dct2_entries)
{
    slong m = builder_sizes[_i], j, k;
    kd_mat_t Q;
    acb_mat_t E;
    arb_t t, s;

    kd_mat_init(Q, 0, 0);
    kd_assert_ok(kd_mat_dct2(Q, m));
    ck_assert_msg(Q->r == m && Q->c == m, "DCT size %ld: got %ld x %ld", m, Q->r, Q->c);
    ck_assert_msg(Q->is_complex == 0 && !has_complex_entry(Q), "DCT %ld is not real", m);
    acb_mat_init(E, m, m);
    arb_init(t);
    arb_init(s);
    kd_assert_ok(kd_mat_eval_acb_mat(E, Q, PREC));
    for (k = 0; k < m; k++)
        for (j = 0; j < m; j++)
        {
            /* s_k cos(pi (2j+1) k / (2m)) straight from the definition */
            arb_const_pi(t, PREC);
            arb_mul_si(t, t, (2 * j + 1) * k, PREC);
            arb_div_si(t, t, 2 * m, PREC);
            arb_cos(t, t, PREC);
            arb_set_si(s, k == 0 ? 1 : 2);
            arb_div_si(s, s, m, PREC);
            arb_sqrt(s, s, PREC);
            arb_mul(t, t, s, PREC);
            {
                acb_t r;
                acb_init(r);
                acb_set_arb(r, t);
                ck_assert_msg(acb_agree(acb_mat_entry(E, k, j), r, TIGHT),
                              "DCT size %ld entry (%ld, %ld) disagrees with the formula", m, k, j);
                acb_clear(r);
            }
            ck_assert_msg(arb_is_zero(acb_imagref(acb_mat_entry(E, k, j))),
                          "DCT size %ld entry (%ld, %ld) has an imaginary part", m, k, j);
        }
    arb_clear(t);
    arb_clear(s);
    acb_mat_clear(E);
    kd_mat_clear(Q);
}
END_TEST

START_TEST(test_dct2_orthonormal)
{
    slong m = builder_sizes[_i];
    kd_mat_t Q;
    acb_mat_t E, ET, P;

    kd_mat_init(Q, 0, 0);
    kd_assert_ok(kd_mat_dct2(Q, m));
    acb_mat_init(E, m, m);
    acb_mat_init(ET, m, m);
    acb_mat_init(P, m, m);
    kd_assert_ok(kd_mat_eval_acb_mat(E, Q, HIPREC));
    acb_mat_transpose(ET, E);
    acb_mat_mul(P, E, ET, HIPREC);
    ck_assert_msg(acb_mat_contains_identity_tight(P, HIPREC - 64),
                  "DCT size %ld: Q Q^T does not contain I", m);
    acb_mat_mul(P, ET, E, HIPREC);
    ck_assert_msg(acb_mat_contains_identity_tight(P, HIPREC - 64),
                  "DCT size %ld: Q^T Q does not contain I", m);
    acb_mat_clear(E);
    acb_mat_clear(ET);
    acb_mat_clear(P);
    kd_mat_clear(Q);
}
END_TEST

START_TEST(test_dft_entries)
{
    slong m = builder_sizes[_i], j, k;
    kd_mat_t F;
    acb_mat_t E;
    acb_t r;
    arb_t s;

    kd_mat_init(F, 0, 0);
    kd_assert_ok(kd_mat_dft(F, m));
    ck_assert_msg(F->r == m && F->c == m, "DFT size %ld: got %ld x %ld", m, F->r, F->c);
    /* exp(-2 pi i/m) is real only for m = 1, 2 */
    ck_assert_msg(F->is_complex == (m >= 3), "DFT size %ld: is_complex = %d", m, F->is_complex);
    assert_is_complex_exact(F, 0, "DFT");
    acb_mat_init(E, m, m);
    acb_init(r);
    arb_init(s);
    kd_assert_ok(kd_mat_eval_acb_mat(E, F, PREC));
    arb_sqrt_ui(s, m, PREC);
    for (k = 0; k < m; k++)
        for (j = 0; j < m; j++)
        {
            /* exp(pi i (-2 jk/m)) / sqrt(m), jk not reduced mod m */
            acb_set_si(r, -2 * j * k);
            acb_div_si(r, r, m, PREC);
            acb_exp_pi_i(r, r, PREC);
            acb_div_arb(r, r, s, PREC);
            ck_assert_msg(acb_agree(acb_mat_entry(E, k, j), r, TIGHT),
                          "DFT size %ld entry (%ld, %ld) disagrees with exp(-2 pi i jk/m)/sqrt(m)",
                          m, k, j);
        }
    arb_clear(s);
    acb_clear(r);
    acb_mat_clear(E);
    kd_mat_clear(F);
}
END_TEST

START_TEST(test_dft_unitary)
{
    slong m = builder_sizes[_i];
    kd_mat_t F;
    acb_mat_t E, EH, P;

    kd_mat_init(F, 0, 0);
    kd_assert_ok(kd_mat_dft(F, m));
    acb_mat_init(E, m, m);
    acb_mat_init(EH, m, m);
    acb_mat_init(P, m, m);
    kd_assert_ok(kd_mat_eval_acb_mat(E, F, HIPREC));
    acb_mat_conjugate_transpose(EH, E);
    acb_mat_mul(P, E, EH, HIPREC);
    ck_assert_msg(acb_mat_contains_identity_tight(P, HIPREC - 64),
                  "DFT size %ld: F F^* does not contain I", m);
    acb_mat_mul(P, EH, E, HIPREC);
    ck_assert_msg(acb_mat_contains_identity_tight(P, HIPREC - 64),
                  "DFT size %ld: F^* F does not contain I", m);
    acb_mat_clear(E);
    acb_mat_clear(EH);
    acb_mat_clear(P);
    kd_mat_clear(F);
}
END_TEST

START_TEST(test_identity)
{
    slong m;
    kd_mat_t A;
    fmpq_mat_t I;

    kd_mat_init(A, 2, 3);
    for (m = 1; m <= 12; m++)
    {
        fmpq_mat_init(I, m, m);
        fmpq_mat_one(I);
        kd_assert_ok(kd_mat_identity(A, m));
        assert_mat_equals_fmpq(A, I, NULL, 0, "identity");
        ck_assert_msg(A->is_complex == 0, "identity %ld marked complex", m);
        ck_assert_msg(kd_mat_count_inexact(A) == 0, "identity %ld has inexact entries", m);
        fmpq_mat_clear(I);
    }
    kd_mat_clear(A);
}
END_TEST

START_TEST(test_bad_sizes)
{
    static const slong bad[] = { 0, -1, -7, 100001, WORD_MIN };
    slong i;
    kd_mat_t A;

    kd_mat_init(A, 0, 0);
    for (i = 0; i < (slong) (sizeof(bad) / sizeof(bad[0])); i++)
    {
        ck_assert_int_eq(kd_mat_identity(A, bad[i]), KD_ERR_ARG);
        ck_assert_int_eq(kd_mat_dct2(A, bad[i]), KD_ERR_ARG);
        ck_assert_int_eq(kd_mat_dft(A, bad[i]), KD_ERR_ARG);
        ck_assert_msg(kd_error_message()[0] != '\0', "no message for size %ld", bad[i]);
    }
    kd_mat_clear(A);

    /* a failed init leaves a valid 0 x 0 matrix */
    ck_assert_int_eq(kd_mat_init(A, -1, 3), KD_ERR_ARG);
    ck_assert(A->r == 0 && A->c == 0);
    kd_mat_clear(A);
    ck_assert_int_eq(kd_mat_init(A, 3, -2), KD_ERR_ARG);
    ck_assert(A->r == 0 && A->c == 0);
    kd_mat_clear(A);
    ck_assert_int_eq(kd_mat_init(A, KD_MAT_DIM_MAX + 1, 1), KD_ERR_ARG);
    kd_mat_clear(A);
    ck_assert_int_eq(kd_mat_init(A, WORD_MAX / 4, WORD_MAX / 4), KD_ERR_ARG);
    kd_mat_clear(A);

    kd_assert_ok(kd_mat_init(A, 2, 2));
    ck_assert_int_eq(kd_mat_resize(A, -3, 1), KD_ERR_ARG);
    kd_mat_clear(A);

    /* empty matrices are legal */
    kd_assert_ok(kd_mat_init(A, 0, 5));
    ck_assert(A->r == 0 && A->c == 5 && kd_mat_count_inexact(A) == 0);
    kd_mat_clear(A);
}
END_TEST

/* ------------------------------------------------------------- blocks */

START_TEST(test_block)
{
    flint_rand_t st;
    ulong seed = kd_test_seed(11);
    slong iter, mask, i, j;
    kd_test_randinit(st, 11);

    for (iter = 0; iter < 40; iter++)
    {
        slong r1 = n_randint(st, 4), r2 = n_randint(st, 4);
        slong c1 = n_randint(st, 4), c2 = n_randint(st, 4);
        fmpq_mat_t Xr[4], Xi[4], Mr, Mi;
        kd_mat_t X[4], M;
        slong rows[4] = { r1, r1, r2, r2 }, cols[4] = { c1, c2, c1, c2 };

        for (i = 0; i < 4; i++)
        {
            fmpq_mat_init(Xr[i], rows[i], cols[i]);
            fmpq_mat_init(Xi[i], rows[i], cols[i]);
            rand_fmpq_mat(Xr[i], st);
            if (n_randint(st, 3) == 0)
                rand_fmpq_mat(Xi[i], st);
            kd_mat_init(X[i], 0, 0);
            kd_mat_from_fmpq(X[i], Xr[i], Xi[i]);
        }
        fmpq_mat_init(Mr, r1 + r2, c1 + c2);
        fmpq_mat_init(Mi, r1 + r2, c1 + c2);
        kd_mat_init(M, 1, 1);

        /* every pattern of NULL blocks */
        for (mask = 0; mask < 16; mask++)
        {
            const kd_mat_struct * P[4];
            int known, b;
            kd_status s;
            for (b = 0; b < 4; b++)
                P[b] = (mask >> b) & 1 ? X[b] : NULL;
            known = (P[0] || P[1]) && (P[2] || P[3]) && (P[0] || P[2]) && (P[1] || P[3]);
            s = kd_mat_block(M, P[0], P[1], P[2], P[3]);
            if (!known)
            {
                ck_assert_msg(s == KD_ERR_SIZE, "mask %ld: expected a size error, got %s (seed %lu)",
                              mask, kd_status_name(s), seed);
                continue;
            }
            kd_assert_ok(s);
            fmpq_mat_zero(Mr);
            fmpq_mat_zero(Mi);
            for (b = 0; b < 4; b++)
            {
                slong i0 = b < 2 ? 0 : r1, j0 = (b & 1) ? c1 : 0;
                if (P[b] == NULL)
                    continue;
                for (i = 0; i < rows[b]; i++)
                    for (j = 0; j < cols[b]; j++)
                    {
                        fmpq_set(fmpq_mat_entry(Mr, i0 + i, j0 + j), fmpq_mat_entry(Xr[b], i, j));
                        fmpq_set(fmpq_mat_entry(Mi, i0 + i, j0 + j), fmpq_mat_entry(Xi[b], i, j));
                    }
            }
            assert_mat_equals_fmpq(M, Mr, Mi, seed, "block");
            assert_is_complex_exact(M, seed, "block");
        }

        /* aliasing: the output is one of the blocks */
        {
            kd_mat_t A;
            kd_mat_init(A, 0, 0);
            kd_assert_ok(kd_mat_set(A, X[0]));
            kd_assert_ok(kd_mat_block(A, A, X[1], X[2], X[3]));
            kd_assert_ok(kd_mat_block(M, X[0], X[1], X[2], X[3]));
            fmpq_mat_zero(Mr);
            for (i = 0; i < 4; i++)
            {
                slong i0 = i < 2 ? 0 : r1, j0 = (i & 1) ? c1 : 0, a, b;
                for (a = 0; a < rows[i]; a++)
                    for (b = 0; b < cols[i]; b++)
                    {
                        fmpq_set(fmpq_mat_entry(Mr, i0 + a, j0 + b), fmpq_mat_entry(Xr[i], a, b));
                        fmpq_set(fmpq_mat_entry(Mi, i0 + a, j0 + b), fmpq_mat_entry(Xi[i], a, b));
                    }
            }
            assert_mat_equals_fmpq(A, Mr, Mi, seed, "aliased block");
            kd_mat_clear(A);
        }

        /* disagreeing sizes within a block row or column */
        {
            kd_mat_t Z;
            kd_mat_init(Z, r1 + 1, c2);
            ck_assert_int_eq(kd_mat_block(M, X[0], Z, X[2], X[3]), KD_ERR_SIZE);
            kd_mat_clear(Z);
            kd_mat_init(Z, r2, c1 + 1);
            ck_assert_int_eq(kd_mat_block(M, X[0], X[1], Z, X[3]), KD_ERR_SIZE);
            kd_mat_clear(Z);
            kd_mat_init(Z, r2 + 2, c2);
            ck_assert_int_eq(kd_mat_block(M, NULL, X[1], X[2], Z), KD_ERR_SIZE);
            kd_mat_clear(Z);
            kd_mat_init(Z, r2, c2 + 3);
            ck_assert_int_eq(kd_mat_block(M, X[0], X[1], NULL, Z), KD_ERR_SIZE);
            kd_mat_clear(Z);
        }

        for (i = 0; i < 4; i++)
        {
            fmpq_mat_clear(Xr[i]);
            fmpq_mat_clear(Xi[i]);
            kd_mat_clear(X[i]);
        }
        fmpq_mat_clear(Mr);
        fmpq_mat_clear(Mi);
        kd_mat_clear(M);
    }
    flint_randclear(st);
}
END_TEST

/* ------------------------------------------------------------- products */

START_TEST(test_mul_rational)
{
    flint_rand_t st;
    ulong seed = kd_test_seed(12);
    slong iter;
    kd_test_randinit(st, 12);

    for (iter = 0; iter < 150; iter++)
    {
        slong r = n_randint(st, 6), k = n_randint(st, 6), c = n_randint(st, 6);
        int cplx = n_randint(st, 2);
        fmpq_mat_t Ar, Ai, Br, Bi, Cr, Ci, T;
        kd_mat_t A, B, C;

        fmpq_mat_init(Ar, r, k);
        fmpq_mat_init(Ai, r, k);
        fmpq_mat_init(Br, k, c);
        fmpq_mat_init(Bi, k, c);
        fmpq_mat_init(Cr, r, c);
        fmpq_mat_init(Ci, r, c);
        fmpq_mat_init(T, r, c);
        rand_fmpq_mat(Ar, st);
        rand_fmpq_mat(Br, st);
        if (cplx)
        {
            rand_fmpq_mat(Ai, st);
            rand_fmpq_mat(Bi, st);
        }
        kd_mat_init(A, 0, 0);
        kd_mat_init(B, 0, 0);
        kd_mat_init(C, 0, 0);
        kd_mat_from_fmpq(A, Ar, Ai);
        kd_mat_from_fmpq(B, Br, Bi);

        /* (Ar + i Ai)(Br + i Bi) */
        fmpq_mat_mul(Cr, Ar, Br);
        fmpq_mat_mul(T, Ai, Bi);
        fmpq_mat_sub(Cr, Cr, T);
        fmpq_mat_mul(Ci, Ar, Bi);
        fmpq_mat_mul(T, Ai, Br);
        fmpq_mat_add(Ci, Ci, T);

        kd_assert_ok(kd_mat_mul(C, A, B));
        assert_mat_equals_fmpq(C, Cr, Ci, seed, "mul");
        assert_is_complex_exact(C, seed, "mul");

        /* output aliasing either input */
        if (r == k)
        {
            kd_mat_t A2;
            kd_mat_init(A2, 0, 0);
            kd_assert_ok(kd_mat_set(A2, A));
            kd_assert_ok(kd_mat_mul(A2, A2, B));
            assert_mat_equals_fmpq(A2, Cr, Ci, seed, "mul aliased with A");
            kd_mat_clear(A2);
        }
        if (k == c)
        {
            kd_mat_t B2;
            kd_mat_init(B2, 0, 0);
            kd_assert_ok(kd_mat_set(B2, B));
            kd_assert_ok(kd_mat_mul(B2, A, B2));
            assert_mat_equals_fmpq(B2, Cr, Ci, seed, "mul aliased with B");
            kd_mat_clear(B2);
        }

        /* inner dimensions that disagree */
        {
            kd_mat_t Z;
            kd_mat_init(Z, k + 1, c);
            ck_assert_int_eq(kd_mat_mul(C, A, Z), KD_ERR_SIZE);
            kd_mat_clear(Z);
        }

        fmpq_mat_clear(Ar);
        fmpq_mat_clear(Ai);
        fmpq_mat_clear(Br);
        fmpq_mat_clear(Bi);
        fmpq_mat_clear(Cr);
        fmpq_mat_clear(Ci);
        fmpq_mat_clear(T);
        kd_mat_clear(A);
        kd_mat_clear(B);
        kd_mat_clear(C);
    }
    flint_randclear(st);
}
END_TEST

/* Products and sums of irrational matrices: the enclosure of the exact
   result agrees with the Arb product/sum of independent enclosures. */
START_TEST(test_mul_add_irrational)
{
    flint_rand_t st;
    ulong seed = kd_test_seed(13);
    slong iter, i, j;
    kd_test_randinit(st, 13);

    for (iter = 0; iter < 30; iter++)
    {
        slong r = 1 + n_randint(st, 5), k = 1 + n_randint(st, 5), c = 1 + n_randint(st, 5);
        kd_mat_t A, B, B2, C;
        acb_mat_t RA, RB, RB2, RC, E;

        kd_mat_init(A, 0, 0);
        kd_mat_init(B, 0, 0);
        kd_mat_init(B2, 0, 0);
        kd_mat_init(C, 0, 0);
        acb_mat_init(RA, r, k);
        acb_mat_init(RB, k, c);
        acb_mat_init(RB2, k, c);
        acb_mat_init(RC, r, c);
        rand_irrational_mat(A, RA, st, n_randint(st, 2), 2 * PREC);
        rand_irrational_mat(B, RB, st, n_randint(st, 2), 2 * PREC);
        rand_irrational_mat(B2, RB2, st, n_randint(st, 2), 2 * PREC);

        kd_assert_ok(kd_mat_mul(C, A, B));
        assert_is_complex_exact(C, seed, "irrational mul");
        acb_mat_init(E, r, c);
        kd_assert_ok(kd_mat_eval_acb_mat(E, C, 2 * PREC));
        acb_mat_mul(RC, RA, RB, 2 * PREC);
        for (i = 0; i < r; i++)
            for (j = 0; j < c; j++)
                ck_assert_msg(acb_agree(acb_mat_entry(E, i, j), acb_mat_entry(RC, i, j), PREC),
                              "mul entry (%ld, %ld) disagrees (seed %lu, iter %ld)", i, j, seed, iter);
        acb_mat_clear(E);

        kd_assert_ok(kd_mat_add(C, B, B2));
        assert_is_complex_exact(C, seed, "irrational add");
        acb_mat_init(E, k, c);
        kd_assert_ok(kd_mat_eval_acb_mat(E, C, 2 * PREC));
        acb_mat_add(RB, RB, RB2, 2 * PREC);
        for (i = 0; i < k; i++)
            for (j = 0; j < c; j++)
                ck_assert_msg(acb_agree(acb_mat_entry(E, i, j), acb_mat_entry(RB, i, j), PREC),
                              "add entry (%ld, %ld) disagrees (seed %lu, iter %ld)", i, j, seed, iter);
        acb_mat_clear(E);

        kd_mat_clear(A);
        kd_mat_clear(B);
        kd_mat_clear(B2);
        kd_mat_clear(C);
        acb_mat_clear(RA);
        acb_mat_clear(RB);
        acb_mat_clear(RB2);
        acb_mat_clear(RC);
    }
    flint_randclear(st);
}
END_TEST

/* The exact products Q Q^T and F F^* evaluate to balls containing I. */
START_TEST(test_mul_orthogonal_exact)
{
    slong m = builder_sizes[_i];
    kd_mat_t Q, QT, P;
    acb_mat_t E;

    kd_mat_init(Q, 0, 0);
    kd_mat_init(QT, 0, 0);
    kd_mat_init(P, 0, 0);
    acb_mat_init(E, m, m);

    kd_assert_ok(kd_mat_dct2(Q, m));
    kd_mat_transpose(QT, Q);
    kd_assert_ok(kd_mat_mul(P, Q, QT));
    ck_assert_msg(P->is_complex == 0, "DCT %ld: Q Q^T marked complex", m);
    kd_assert_ok(kd_mat_eval_acb_mat(E, P, PREC));
    ck_assert_msg(acb_mat_contains_identity_tight(E, TIGHT), "DCT %ld: exact Q Q^T is not I", m);

    kd_assert_ok(kd_mat_dft(Q, m));
    kd_mat_adjoint(QT, Q);
    kd_assert_ok(kd_mat_mul(P, Q, QT));
    kd_assert_ok(kd_mat_eval_acb_mat(E, P, PREC));
    ck_assert_msg(acb_mat_contains_identity_tight(E, TIGHT), "DFT %ld: exact F F^* is not I", m);
    kd_assert_ok(kd_mat_mul(P, QT, Q));
    kd_assert_ok(kd_mat_eval_acb_mat(E, P, PREC));
    ck_assert_msg(acb_mat_contains_identity_tight(E, TIGHT), "DFT %ld: exact F^* F is not I", m);

    /* F F^T is not I for m >= 3 (it is the flip permutation): the
       conjugation in the adjoint matters */
    if (m >= 3)
    {
        kd_mat_transpose(QT, Q);
        kd_assert_ok(kd_mat_mul(P, Q, QT));
        kd_assert_ok(kd_mat_eval_acb_mat(E, P, PREC));
        ck_assert_msg(!arb_contains_si(acb_realref(acb_mat_entry(E, 1, 1)), 1),
                      "DFT %ld: F F^T(1,1) should be provably != 1", m);
    }

    acb_mat_clear(E);
    kd_mat_clear(Q);
    kd_mat_clear(QT);
    kd_mat_clear(P);
}
END_TEST

/* ------------------------------------------------------------- sums, transposes, scalars */

START_TEST(test_add)
{
    flint_rand_t st;
    ulong seed = kd_test_seed(14);
    slong iter;
    kd_test_randinit(st, 14);

    for (iter = 0; iter < 100; iter++)
    {
        slong r = n_randint(st, 6), c = n_randint(st, 6);
        fmpq_mat_t Ar, Ai, Br, Bi, Cr, Ci;
        kd_mat_t A, B, C;

        fmpq_mat_init(Ar, r, c);
        fmpq_mat_init(Ai, r, c);
        fmpq_mat_init(Br, r, c);
        fmpq_mat_init(Bi, r, c);
        fmpq_mat_init(Cr, r, c);
        fmpq_mat_init(Ci, r, c);
        rand_fmpq_mat(Ar, st);
        rand_fmpq_mat(Br, st);
        if (n_randint(st, 2))
            rand_fmpq_mat(Ai, st);
        switch (n_randint(st, 3))
        {
            case 0:
                rand_fmpq_mat(Bi, st);
                break;
            case 1:
                fmpq_mat_neg(Bi, Ai);   /* the sum is real */
                break;
            default:
                break;
        }
        kd_mat_init(A, 0, 0);
        kd_mat_init(B, 0, 0);
        kd_mat_init(C, 0, 0);
        kd_mat_from_fmpq(A, Ar, Ai);
        kd_mat_from_fmpq(B, Br, Bi);
        fmpq_mat_add(Cr, Ar, Br);
        fmpq_mat_add(Ci, Ai, Bi);

        kd_assert_ok(kd_mat_add(C, A, B));
        assert_mat_equals_fmpq(C, Cr, Ci, seed, "add");
        assert_is_complex_exact(C, seed, "add");
        kd_assert_ok(kd_mat_add(A, A, B));
        assert_mat_equals_fmpq(A, Cr, Ci, seed, "add aliased");
        kd_assert_ok(kd_mat_add(B, B, B));
        fmpq_mat_add(Br, Br, Br);
        fmpq_mat_add(Bi, Bi, Bi);
        assert_mat_equals_fmpq(B, Br, Bi, seed, "add B + B");

        {
            kd_mat_t Z;
            kd_mat_init(Z, r, c + 1);
            ck_assert_int_eq(kd_mat_add(C, A, Z), KD_ERR_SIZE);
            kd_mat_clear(Z);
            kd_mat_init(Z, r + 1, c);
            ck_assert_int_eq(kd_mat_add(C, Z, A), KD_ERR_SIZE);
            kd_mat_clear(Z);
        }

        fmpq_mat_clear(Ar);
        fmpq_mat_clear(Ai);
        fmpq_mat_clear(Br);
        fmpq_mat_clear(Bi);
        fmpq_mat_clear(Cr);
        fmpq_mat_clear(Ci);
        kd_mat_clear(A);
        kd_mat_clear(B);
        kd_mat_clear(C);
    }
    flint_randclear(st);
}
END_TEST

START_TEST(test_transpose_adjoint)
{
    flint_rand_t st;
    ulong seed = kd_test_seed(15);
    slong iter;
    kd_test_randinit(st, 15);

    for (iter = 0; iter < 100; iter++)
    {
        slong r = n_randint(st, 6), c = n_randint(st, 6);
        int cplx = n_randint(st, 2);
        fmpq_mat_t Ar, Ai, Tr, Ti;
        kd_mat_t A, B;

        fmpq_mat_init(Ar, r, c);
        fmpq_mat_init(Ai, r, c);
        fmpq_mat_init(Tr, c, r);
        fmpq_mat_init(Ti, c, r);
        rand_fmpq_mat(Ar, st);
        if (cplx)
            rand_fmpq_mat(Ai, st);
        kd_mat_init(A, 0, 0);
        kd_mat_init(B, 2, 2);
        kd_mat_from_fmpq(A, Ar, Ai);
        fmpq_mat_transpose(Tr, Ar);
        fmpq_mat_transpose(Ti, Ai);

        kd_mat_transpose(B, A);
        assert_mat_equals_fmpq(B, Tr, Ti, seed, "transpose");
        assert_is_complex_exact(B, seed, "transpose");

        fmpq_mat_neg(Ti, Ti);
        kd_mat_adjoint(B, A);
        assert_mat_equals_fmpq(B, Tr, Ti, seed, "adjoint");
        assert_is_complex_exact(B, seed, "adjoint");

        /* in place, also for non-square shapes */
        kd_mat_adjoint(A, A);
        assert_mat_equals_fmpq(A, Tr, Ti, seed, "adjoint in place");
        kd_mat_transpose(A, A);
        fmpq_mat_neg(Ai, Ai);
        assert_mat_equals_fmpq(A, Ar, Ai, seed, "transpose in place");

        fmpq_mat_clear(Ar);
        fmpq_mat_clear(Ai);
        fmpq_mat_clear(Tr);
        fmpq_mat_clear(Ti);
        kd_mat_clear(A);
        kd_mat_clear(B);
    }
    flint_randclear(st);
}
END_TEST

START_TEST(test_scalar_mul)
{
    flint_rand_t st;
    ulong seed = kd_test_seed(16);
    slong iter;
    kd_test_randinit(st, 16);

    for (iter = 0; iter < 100; iter++)
    {
        slong r = n_randint(st, 5), c = n_randint(st, 5);
        fmpq_mat_t Ar, Ai, Br, Bi, T;
        fmpq_t cr, ci;
        kd_real_t x, y;
        kd_complex_t z;
        kd_mat_t A, B;

        fmpq_mat_init(Ar, r, c);
        fmpq_mat_init(Ai, r, c);
        fmpq_mat_init(Br, r, c);
        fmpq_mat_init(Bi, r, c);
        fmpq_mat_init(T, r, c);
        fmpq_init(cr);
        fmpq_init(ci);
        kd_real_init(x);
        kd_real_init(y);
        kd_complex_init(z);
        rand_fmpq_mat(Ar, st);
        if (n_randint(st, 2))
            rand_fmpq_mat(Ai, st);
        rand_fmpq(cr, st);
        if (n_randint(st, 2))
            rand_fmpq(ci, st);
        kd_mat_init(A, 0, 0);
        kd_mat_init(B, 0, 0);
        kd_mat_from_fmpq(A, Ar, Ai);
        kd_real_set_fmpq(x, cr);
        kd_real_set_fmpq(y, ci);
        kd_complex_set_real_imag(z, x, y);

        /* (cr + i ci)(Ar + i Ai) */
        fmpq_mat_scalar_mul_fmpq(Br, Ar, cr);
        fmpq_mat_scalar_mul_fmpq(T, Ai, ci);
        fmpq_mat_sub(Br, Br, T);
        fmpq_mat_scalar_mul_fmpq(Bi, Ai, cr);
        fmpq_mat_scalar_mul_fmpq(T, Ar, ci);
        fmpq_mat_add(Bi, Bi, T);

        kd_mat_scalar_mul(B, A, z);
        assert_mat_equals_fmpq(B, Br, Bi, seed, "scalar_mul");
        assert_is_complex_exact(B, seed, "scalar_mul");
        kd_mat_scalar_mul(A, A, z);
        assert_mat_equals_fmpq(A, Br, Bi, seed, "scalar_mul in place");
        assert_is_complex_exact(A, seed, "scalar_mul in place");

        fmpq_mat_clear(Ar);
        fmpq_mat_clear(Ai);
        fmpq_mat_clear(Br);
        fmpq_mat_clear(Bi);
        fmpq_mat_clear(T);
        fmpq_clear(cr);
        fmpq_clear(ci);
        kd_real_clear(x);
        kd_real_clear(y);
        kd_complex_clear(z);
        kd_mat_clear(A);
        kd_mat_clear(B);
    }
    flint_randclear(st);
}
END_TEST

/* ------------------------------------------------------------- bookkeeping */

START_TEST(test_set_swap)
{
    flint_rand_t st;
    ulong seed = kd_test_seed(17);
    slong iter;
    kd_test_randinit(st, 17);

    for (iter = 0; iter < 50; iter++)
    {
        slong r = n_randint(st, 5), c = n_randint(st, 5);
        fmpq_mat_t Ar, Ai, Br;
        kd_mat_t A, B;

        fmpq_mat_init(Ar, r, c);
        fmpq_mat_init(Ai, r, c);
        fmpq_mat_init(Br, c, r);
        rand_fmpq_mat(Ar, st);
        if (n_randint(st, 2))
            rand_fmpq_mat(Ai, st);
        rand_fmpq_mat(Br, st);
        kd_mat_init(A, 0, 0);
        kd_mat_init(B, 0, 0);
        kd_mat_from_fmpq(A, Ar, Ai);
        kd_mat_from_fmpq(B, Br, NULL);

        kd_assert_ok(kd_mat_set(A, A));
        assert_mat_equals_fmpq(A, Ar, Ai, seed, "set aliased");
        assert_is_complex_exact(A, seed, "set aliased");

        kd_assert_ok(kd_mat_set(B, A));
        assert_mat_equals_fmpq(B, Ar, Ai, seed, "set");
        ck_assert_int_eq(B->is_complex, A->is_complex);
        /* a copy: overwriting the source leaves it alone */
        if (r > 0 && c > 0)
        {
            kd_complex_t z;
            kd_complex_init(z);
            kd_complex_onei(z);
            kd_mat_set_entry(A, 0, 0, z);
            assert_mat_equals_fmpq(B, Ar, Ai, seed, "set after source change");
            kd_complex_clear(z);
        }

        kd_mat_from_fmpq(A, Ar, Ai);
        kd_mat_from_fmpq(B, Br, NULL);
        kd_mat_swap(A, B);
        assert_mat_equals_fmpq(A, Br, NULL, seed, "swap");
        assert_mat_equals_fmpq(B, Ar, Ai, seed, "swap");

        fmpq_mat_clear(Ar);
        fmpq_mat_clear(Ai);
        fmpq_mat_clear(Br);
        kd_mat_clear(A);
        kd_mat_clear(B);
    }
    flint_randclear(st);
}
END_TEST

START_TEST(test_is_complex)
{
    kd_mat_t A, B;
    kd_complex_t z;
    kd_real_t x;

    kd_mat_init(A, 3, 4);
    kd_mat_init(B, 0, 0);
    kd_complex_init(z);
    kd_real_init(x);
    ck_assert_int_eq(A->is_complex, 0);

    kd_real_set_si_si(x, 1, 3);
    kd_mat_set_entry_real(A, 1, 2, x);
    ck_assert_int_eq(A->is_complex, 0);
    kd_complex_onei(z);
    kd_mat_set_entry(A, 2, 3, z);
    ck_assert_int_eq(A->is_complex, 1);
    kd_mat_update_is_complex(A);
    ck_assert_int_eq(A->is_complex, 1);

    /* A + conj(A) has zero imaginary parts, folded exactly */
    kd_mat_adjoint(B, A);
    kd_mat_transpose(B, B);
    ck_assert_int_eq(B->is_complex, 1);
    kd_assert_ok(kd_mat_add(B, A, B));
    ck_assert_int_eq(B->is_complex, 0);

    /* i A: (1, 2) = i/3 and (2, 3) = i i, which must fold to a real -1 */
    kd_mat_scalar_mul(B, A, z);
    ck_assert_int_eq(B->is_complex, 1);
    kd_mat_set_entry_real(B, 1, 2, x);
    kd_mat_update_is_complex(B);
    ck_assert_int_eq(B->is_complex, 0);

    /* overwriting the complex entry with a real one, then re-deriving */
    kd_mat_set_entry_real(A, 2, 3, x);
    kd_mat_update_is_complex(A);
    ck_assert_int_eq(A->is_complex, 0);
    assert_is_complex_exact(A, 0, "update");

    kd_real_clear(x);
    kd_complex_clear(z);
    kd_mat_clear(A);
    kd_mat_clear(B);
}
END_TEST

START_TEST(test_count_inexact)
{
    flint_rand_t st;
    ulong seed = kd_test_seed(18);
    slong iter, i, j;
    kd_test_randinit(st, 18);

    for (iter = 0; iter < 60; iter++)
    {
        slong r = n_randint(st, 6), c = n_randint(st, 6), expect = 0;
        kd_mat_t A;
        kd_real_t x, y;
        kd_complex_t z;
        kd_mat_init(A, r, c);
        kd_real_init(x);
        kd_real_init(y);
        kd_complex_init(z);
        for (i = 0; i < r; i++)
            for (j = 0; j < c; j++)
            {
                slong p = (slong) n_randint(st, 201) - 100;
                ulong kind = n_randint(st, 7);
                kd_real_zero(y);
                switch (kind)
                {
                    case 0:     /* dyadic p / 2^e */
                        kd_real_set_si_si(x, p, WORD(1) << n_randint(st, 20));
                        break;
                    case 1:     /* a non-dyadic rational (1 + pq)/q in lowest terms, q odd > 1 */
                    {
                        slong q = 3 + 2 * n_randint(st, 10);
                        kd_real_set_si_si(x, 1 + p * q, q);
                        break;
                    }
                    case 2:     /* sqrt(2) */
                        kd_real_set_si(x, 2);
                        kd_real_sqrt(x, x);
                        break;
                    case 3:     /* dyadic + i dyadic */
                        kd_real_set_si_si(x, p, 8);
                        kd_real_set_si_si(y, 2 * p + 1, 1024);
                        break;
                    case 4:     /* dyadic + i/3 */
                        kd_real_set_si(x, p);
                        kd_real_set_si_si(y, 1, 3);
                        break;
                    case 5:     /* pi */
                        kd_real_pi(x);
                        break;
                    default:    /* zero */
                        kd_real_zero(x);
                }
                expect += (kind == 1 || kind == 2 || kind == 4 || kind == 5);
                kd_complex_set_real_imag(z, x, y);
                kd_mat_set_entry(A, i, j, z);
            }
        ck_assert_msg(kd_mat_count_inexact(A) == expect, "count_inexact %ld, expected %ld (seed %lu)",
                      kd_mat_count_inexact(A), expect, seed);
        kd_mat_clear(A);
        kd_real_clear(x);
        kd_real_clear(y);
        kd_complex_clear(z);
    }
    flint_randclear(st);
}
END_TEST

START_TEST(test_eval_errors)
{
    kd_mat_t A;
    kd_real_t x;
    acb_mat_t R;

    kd_mat_init(A, 2, 3);
    kd_real_init(x);
    acb_mat_init(R, 3, 2);
    ck_assert_int_eq(kd_mat_eval_acb_mat(R, A, PREC), KD_ERR_SIZE);
    acb_mat_clear(R);

    /* sqrt(-sqrt(2)) is proved invalid; the message names entry (2, 3) */
    acb_mat_init(R, 2, 3);
    kd_real_set_si(x, 2);
    kd_assert_ok(kd_real_sqrt(x, x));
    kd_real_neg(x, x);
    kd_assert_ok(kd_real_sqrt(x, x));
    kd_mat_set_entry_real(A, 1, 2, x);
    ck_assert_int_eq(kd_mat_eval_acb_mat(R, A, PREC), KD_ERR_DOMAIN);
    ck_assert_msg(strstr(kd_error_message(), "(2, 3)") != NULL,
                  "message does not name the entry: %s", kd_error_message());
    acb_mat_clear(R);

    kd_real_clear(x);
    kd_mat_clear(A);
}
END_TEST

Suite *
kd_suite_mat(void)
{
    Suite * s = suite_create("mat");
    TCase * tc;

    tc = tcase_create("builders");
    tcase_add_loop_test(tc, test_dct2_entries, 0, NUM_BUILDER_SIZES);
    tcase_add_loop_test(tc, test_dct2_orthonormal, 0, NUM_BUILDER_SIZES);
    tcase_add_loop_test(tc, test_dft_entries, 0, NUM_BUILDER_SIZES);
    tcase_add_loop_test(tc, test_dft_unitary, 0, NUM_BUILDER_SIZES);
    tcase_add_test(tc, test_identity);
    tcase_add_test(tc, test_bad_sizes);
    suite_add_tcase(s, tc);

    tc = tcase_create("ops");
    tcase_add_test(tc, test_block);
    tcase_add_test(tc, test_mul_rational);
    tcase_add_test(tc, test_mul_add_irrational);
    tcase_add_loop_test(tc, test_mul_orthogonal_exact, 0, NUM_BUILDER_SIZES);
    tcase_add_test(tc, test_add);
    tcase_add_test(tc, test_transpose_adjoint);
    tcase_add_test(tc, test_scalar_mul);
    suite_add_tcase(s, tc);

    tc = tcase_create("bookkeeping");
    tcase_add_test(tc, test_set_swap);
    tcase_add_test(tc, test_is_complex);
    tcase_add_test(tc, test_count_inexact);
    tcase_add_test(tc, test_eval_errors);
    suite_add_tcase(s, tc);

    return s;
}
