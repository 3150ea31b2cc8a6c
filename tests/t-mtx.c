/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for the mtx module: exact round trips against the written
   values, symmetry expansion against hand-checked matrices and random
   coordinate files, and one located message for every malformed input. */
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "kdigits/lasso.h"

#define H_ARRAY_REAL "%%MatrixMarket matrix array real general\n"
#define H_COORD_REAL "%%MatrixMarket matrix coordinate real general\n"

/* ---------------------------------------------------------------- helpers */

/* The whole content of a stream (rewound first); free it. */
static char *
slurp(FILE * f)
{
    size_t n = 0, alloc = 1024;
    char * s = malloc(alloc);
    int ch;
    ck_assert_ptr_nonnull(s);
    rewind(f);
    while ((ch = getc(f)) != EOF)
    {
        if (n + 1 >= alloc)
        {
            alloc *= 2;
            s = realloc(s, alloc);
            ck_assert_ptr_nonnull(s);
        }
        s[n++] = (char) ch;
    }
    s[n] = '\0';
    return s;
}

static void
rand_fmpq_mat(fmpq_mat_t M, flint_rand_t state)
{
    slong i, j;
    for (i = 0; i < fmpq_mat_nrows(M); i++)
        for (j = 0; j < fmpq_mat_ncols(M); j++)
            fmpq_randtest(fmpq_mat_entry(M, i, j), state, 1 + n_randint(state, 100));
}

/* Asserts entry (i, j) of A is structurally re + i im. */
static void
assert_entry_fmpq(const kd_mat_t A, slong i, slong j, const fmpq_t re, const fmpq_t im,
                  ulong seed)
{
    fmpq_t a, b;
    fmpq_init(a);
    fmpq_init(b);
    ck_assert_msg(kd_real_get_fmpq(a, kd_mat_entry_re(A, i, j))
                  && kd_real_get_fmpq(b, kd_mat_entry_im(A, i, j)),
                  "seed %lu: entry (%ld, %ld) is not an exact rational", seed, i, j);
    ck_assert_msg(fmpq_equal(a, re) && fmpq_equal(b, im),
                  "seed %lu: entry (%ld, %ld) differs from the written value", seed, i, j);
    fmpq_clear(a);
    fmpq_clear(b);
}

/* Asserts A equals re + i im (im NULL: zero) exactly, entry by entry. */
static void
assert_mat_fmpq(const kd_mat_t A, const fmpq_mat_t re, const fmpq_mat_t im, ulong seed)
{
    slong i, j;
    fmpq_t zero;
    fmpq_init(zero);
    ck_assert_msg(A->r == fmpq_mat_nrows(re) && A->c == fmpq_mat_ncols(re),
                  "seed %lu: read %ld x %ld, wrote %ld x %ld", seed, A->r, A->c,
                  fmpq_mat_nrows(re), fmpq_mat_ncols(re));
    for (i = 0; i < A->r; i++)
        for (j = 0; j < A->c; j++)
            assert_entry_fmpq(A, i, j, fmpq_mat_entry(re, i, j),
                              im != NULL ? fmpq_mat_entry(im, i, j) : zero, seed);
    fmpq_clear(zero);
}

/* Parses a small matrix given as a row-major list of "p/q" strings. */
static void
fmpq_mat_from_strs(fmpq_mat_t M, const char * const * v)
{
    slong i, j;
    for (i = 0; i < fmpq_mat_nrows(M); i++)
        for (j = 0; j < fmpq_mat_ncols(M); j++)
            ck_assert_int_eq(fmpq_set_str(fmpq_mat_entry(M, i, j),
                                          v[i * fmpq_mat_ncols(M) + j], 10), 0);
}

/* Reads text and asserts the result is the r x c matrix re + i im given
   row-major as strings (im NULL: real). */
static void
assert_reads_as(const char * text, slong r, slong c, const char * const * re,
                const char * const * im, int is_complex)
{
    kd_mat_t A;
    fmpq_mat_t R, I;
    kd_status st;
    kd_mat_init(A, 1, 1);
    fmpq_mat_init(R, r, c);
    fmpq_mat_init(I, r, c);
    fmpq_mat_from_strs(R, re);
    if (im != NULL)
        fmpq_mat_from_strs(I, im);
    st = kd_mtx_read_str(A, text, "hand.mtx");
    kd_assert_ok(st);
    assert_mat_fmpq(A, R, I, 0);
    ck_assert_int_eq(A->is_complex, is_complex);
    kd_mat_clear(A);
    fmpq_mat_clear(R);
    fmpq_mat_clear(I);
}

/* Evaluates both at 300 bits: the balls must overlap and be tiny. */
static void
assert_same_value(const kd_real_t x, const kd_real_t y, const char * what, slong i, slong j,
                  ulong seed)
{
    arb_t a, b;
    arb_init(a);
    arb_init(b);
    kd_assert_ok(kd_real_eval_arb(a, x, 300));
    kd_assert_ok(kd_real_eval_arb(b, y, 300));
    ck_assert_msg(arb_overlaps(a, b), "seed %lu: %s of entry (%ld, %ld) changed value",
                  seed, what, i, j);
    ck_assert_msg(mag_cmp_2exp_si(arb_radref(a), -250) <= 0
                  && mag_cmp_2exp_si(arb_radref(b), -250) <= 0,
                  "seed %lu: %s of entry (%ld, %ld) is not tightly enclosed", seed, what, i, j);
    arb_clear(a);
    arb_clear(b);
}

static void
assert_same_structure(const kd_real_t x, const kd_real_t y, slong i, slong j, ulong seed)
{
    char * s = kd_real_get_str(x), * t = kd_real_get_str(y);
    ck_assert_msg(strcmp(s, t) == 0, "seed %lu: entry (%ld, %ld) wrote \"%s\", read \"%s\"",
                  seed, i, j, s, t);
    flint_free(s);
    flint_free(t);
}

/* Writes A with kd_mtx_write_mat, reads it back from the stream and from
   the text, and compares both with A by value and by structure. */
static void
check_expr_roundtrip(const kd_mat_t A, ulong seed)
{
    FILE * f = tmpfile();
    char * text;
    kd_mat_t B, C;
    slong i, j;
    int pass;

    ck_assert_ptr_nonnull(f);
    kd_assert_ok(kd_mtx_write_mat(f, A, "round trip\nof an exact matrix"));
    text = slurp(f);
    rewind(f);
    kd_mat_init(B, 0, 0);
    kd_mat_init(C, 3, 3);
    kd_assert_ok(kd_mtx_read_stream(B, f, "tmp.mtx"));
    kd_assert_ok(kd_mtx_read_str(C, text, "tmp.mtx"));
    fclose(f);
    for (pass = 0; pass < 2; pass++)
    {
        const kd_mat_struct * R = pass == 0 ? B : C;
        ck_assert_msg(R->r == A->r && R->c == A->c, "seed %lu: size changed", seed);
        ck_assert_msg(R->is_complex == A->is_complex, "seed %lu: is_complex changed", seed);
        for (i = 0; i < A->r; i++)
            for (j = 0; j < A->c; j++)
            {
                assert_same_value(kd_mat_entry_re(A, i, j), kd_mat_entry_re(R, i, j),
                                  "real part", i, j, seed);
                assert_same_value(kd_mat_entry_im(A, i, j), kd_mat_entry_im(R, i, j),
                                  "imaginary part", i, j, seed);
                assert_same_structure(kd_mat_entry_re(A, i, j), kd_mat_entry_re(R, i, j), i, j, seed);
                assert_same_structure(kd_mat_entry_im(A, i, j), kd_mat_entry_im(R, i, j), i, j, seed);
            }
    }
    free(text);
    kd_mat_clear(B);
    kd_mat_clear(C);
}

/* A random exact expression mixing the node kinds the printer knows, with
   spaces (sums) and parentheses, never dividing by something that may
   vanish. */
static void
rand_expr(kd_real_t x, flint_rand_t state, int depth)
{
    kd_real_t a, b;
    fmpq_t q;
    kd_real_init(a);
    kd_real_init(b);
    fmpq_init(q);
    switch (n_randint(state, depth <= 0 ? 4 : 9))
    {
        case 0:
            fmpq_randtest(q, state, 1 + n_randint(state, 40));
            kd_real_set_fmpq(x, q);
            break;
        case 1:
            fmpq_randtest_not_zero(q, state, 1 + n_randint(state, 20));
            fmpq_abs(q, q);
            kd_real_set_fmpq(a, q);
            kd_assert_ok(kd_real_sqrt(x, a));
            break;
        case 2:
            fmpq_set_si(q, (slong) n_randint(state, 41) - 20, 1 + n_randint(state, 12));
            if (n_randint(state, 2))
                kd_real_cos_pi_fmpq(x, q);
            else
                kd_real_sin_pi_fmpq(x, q);
            break;
        case 3:
            fmpq_randtest_not_zero(q, state, 1 + n_randint(state, 10));
            kd_real_pi(a);
            kd_real_mul_fmpq(x, a, q);
            break;
        case 4:
        case 5:
        case 6:
            rand_expr(a, state, depth - 1);
            rand_expr(b, state, depth - 1);
            if (n_randint(state, 3) == 0)
                kd_real_neg(b, b);
            if (n_randint(state, 3) == 0)
                kd_real_add(x, a, b);
            else if (n_randint(state, 2))
                kd_real_sub(x, a, b);
            else
                kd_real_mul(x, a, b);
            break;
        case 7:
            rand_expr(a, state, depth - 1);
            fmpq_set_si(q, 1 + n_randint(state, 30), 1 + n_randint(state, 30));
            kd_real_set_fmpq(b, q);
            kd_assert_ok(kd_real_sqrt(b, b));
            kd_assert_ok(kd_real_div(x, a, b));
            break;
        default:
            fmpq_set_si(q, 1 + n_randint(state, 30), 1 + n_randint(state, 7));
            kd_real_set_fmpq(a, q);
            kd_assert_ok(kd_real_sqrt(a, a));
            kd_real_add(a, a, a);
            kd_assert_ok(kd_real_pow_si(x, a, (slong) n_randint(state, 7) - 3));
            break;
    }
    kd_real_clear(a);
    kd_real_clear(b);
    fmpq_clear(q);
}

/* Where the sample files are: $srcdir/tests/data as `make check` says, else
   next to this source file. */
static void
data_path(char * out, size_t size, const char * file)
{
    const char * dir = getenv("srcdir");
    const char * here = __FILE__;
    const char * slash = strrchr(here, '/');
    FILE * f;
    if (dir != NULL)
    {
        snprintf(out, size, "%s/tests/data/%s", dir, file);
        if ((f = fopen(out, "r")) != NULL)
        {
            fclose(f);
            return;
        }
    }
    if (slash != NULL)
        snprintf(out, size, "%.*s/data/%s", (int) (slash - here), here, file);
    else
        snprintf(out, size, "data/%s", file);
}

/* ------------------------------------------------------------ round trips */

static const slong shapes[][2] = {{0, 0}, {0, 3}, {2, 0}, {1, 1}, {1, 4}, {4, 1}, {3, 3}, {2, 5}};
#define NSHAPES ((slong) (sizeof shapes / sizeof shapes[0]))

START_TEST(test_roundtrip_fmpq_real)
{
    flint_rand_t state;
    ulong seed = kd_test_seed(1);
    slong iter;
    kd_test_randinit(state, 1);
    for (iter = 0; iter < 40; iter++)
    {
        slong r = iter < NSHAPES ? shapes[iter][0] : (slong) n_randint(state, 7);
        slong c = iter < NSHAPES ? shapes[iter][1] : (slong) n_randint(state, 7);
        fmpq_mat_t R;
        kd_mat_t A, B;
        FILE * f = tmpfile();
        char * text;

        ck_assert_ptr_nonnull(f);
        fmpq_mat_init(R, r, c);
        rand_fmpq_mat(R, state);
        kd_assert_ok(kd_mtx_write_fmpq_mat(f, R, NULL, iter % 2 ? "random" : NULL));
        text = slurp(f);
        ck_assert_msg(strncmp(text, "%%MatrixMarket matrix array real general\n", 41) == 0,
                      "seed %lu: header of a real matrix: %.60s", seed, text);
        rewind(f);
        kd_mat_init(A, 2, 2);
        kd_mat_init(B, 0, 0);
        kd_assert_ok(kd_mtx_read_stream(A, f, "tmp.mtx"));
        kd_assert_ok(kd_mtx_read_str(B, text, "tmp.mtx"));
        assert_mat_fmpq(A, R, NULL, seed);
        assert_mat_fmpq(B, R, NULL, seed);
        ck_assert_int_eq(A->is_complex, 0);
        fclose(f);
        free(text);
        kd_mat_clear(A);
        kd_mat_clear(B);
        fmpq_mat_clear(R);
    }
    flint_randclear(state);
}
END_TEST

START_TEST(test_roundtrip_fmpq_complex)
{
    flint_rand_t state;
    ulong seed = kd_test_seed(2);
    slong iter;
    kd_test_randinit(state, 2);
    for (iter = 0; iter < 40; iter++)
    {
        slong r = iter < NSHAPES ? shapes[iter][0] : 1 + (slong) n_randint(state, 6);
        slong c = iter < NSHAPES ? shapes[iter][1] : 1 + (slong) n_randint(state, 6);
        int zero_im = iter >= NSHAPES && iter % 5 == 0;
        fmpq_mat_t R, I;
        kd_mat_t A;
        FILE * f = tmpfile();
        char * text;

        ck_assert_ptr_nonnull(f);
        fmpq_mat_init(R, r, c);
        fmpq_mat_init(I, r, c);
        rand_fmpq_mat(R, state);
        if (!zero_im)
        {
            rand_fmpq_mat(I, state);
            /* a non-zero imaginary part somewhere, so the file is complex */
            if (r > 0 && c > 0)
                fmpq_set_si(fmpq_mat_entry(I, n_randint(state, r), n_randint(state, c)), -3, 7);
        }
        kd_assert_ok(kd_mtx_write_fmpq_mat(f, R, I, "complex\n\nthree lines"));
        text = slurp(f);
        rewind(f);
        kd_mat_init(A, 1, 3);
        kd_assert_ok(kd_mtx_read_stream(A, f, "tmp.mtx"));
        assert_mat_fmpq(A, R, I, seed);
        if (r * c > 0)
        {
            int want = !zero_im;
            ck_assert_msg(A->is_complex == want, "seed %lu: is_complex %d", seed, A->is_complex);
            ck_assert_msg((strstr(text, "array complex general") != NULL) == want,
                          "seed %lu: header %.60s", seed, text);
        }
        fclose(f);
        free(text);
        kd_mat_clear(A);
        fmpq_mat_clear(R);
        fmpq_mat_clear(I);
    }
    flint_randclear(state);
}
END_TEST

START_TEST(test_roundtrip_builders)
{
    kd_mat_t A, y;
    kd_real_t delta;
    slong m;
    kd_mat_init(A, 0, 0);
    kd_mat_init(y, 0, 0);
    kd_real_init(delta);
    for (m = 1; m <= 7; m += 2)
    {
        kd_assert_ok(kd_mat_dct2(A, m));
        check_expr_roundtrip(A, (ulong) m);
        kd_assert_ok(kd_mat_dft(A, m));
        check_expr_roundtrip(A, (ulong) m);
    }
    kd_assert_ok(kd_mat_dft(A, 4));
    check_expr_roundtrip(A, 4);
    kd_real_set_2exp(delta, -30);
    kd_assert_ok(kd_lasso_probe_instance(A, y, delta, 0));
    check_expr_roundtrip(A, 30);
    check_expr_roundtrip(y, 30);
    kd_mat_clear(A);
    kd_mat_clear(y);
    kd_real_clear(delta);
}
END_TEST

START_TEST(test_roundtrip_random_expr)
{
    flint_rand_t state;
    slong iter;
    kd_test_randinit(state, 3);
    for (iter = 0; iter < 30; iter++)
    {
        slong r = 1 + n_randint(state, 4), c = 1 + n_randint(state, 4), i, j;
        int complex = iter % 2;
        kd_mat_t A;
        kd_mat_init(A, r, c);
        for (i = 0; i < r; i++)
            for (j = 0; j < c; j++)
            {
                rand_expr(kd_mat_entry_re(A, i, j), state, 3);
                if (complex)
                    rand_expr(kd_mat_entry_im(A, i, j), state, 3);
            }
        kd_mat_update_is_complex(A);
        check_expr_roundtrip(A, kd_test_seed(3));
        kd_mat_clear(A);
    }
    flint_randclear(state);
}
END_TEST

/* -------------------------------------------------------------- values */

START_TEST(test_exact_values)
{
    kd_mat_t A;
    fmpq_t q;
    arb_t a, b;
    kd_mat_init(A, 0, 0);
    fmpq_init(q);
    arb_init(a);
    arb_init(b);

    /* decimals are exact, never via a double; each line is one expression */
    assert_reads_as(H_ARRAY_REAL "% six exact values\n3 2\n0.1\n  -0.25  \n3/7\n\n2^-30\n"
                    "% a comment between entries\n-2.5e-3\r\n2 + 3\n",
                    3, 2, (const char * const[]) {"1/10", "1/1073741824", "-1/4", "-1/400",
                                                  "3/7", "5"}, NULL, 0);

    /* an irrational entry, checked by value */
    kd_assert_ok(kd_mtx_read_str(A, H_ARRAY_REAL "1 1\n1/sqrt(2)\n", "v.mtx"));
    ck_assert(!kd_real_is_fmpq(kd_mat_entry_re(A, 0, 0)));
    kd_assert_ok(kd_real_eval_arb(a, kd_mat_entry_re(A, 0, 0), 200));
    arb_set_ui(b, 2);
    arb_rsqrt(b, b, 200);
    ck_assert(arb_overlaps(a, b) && mag_cmp_2exp_si(arb_radref(a), -150) <= 0);

    /* complex pairs: a parenthesised field may hold spaces */
    assert_reads_as("%%MatrixMarket matrix array complex general\n1 2\n(1 - 2^-40)  3/7\n"
                    "\t-1\t(2 + 1)\n",
                    1, 2, (const char * const[]) {"1099511627775/1099511627776", "-1"},
                    (const char * const[]) {"3/7", "3"}, 1);
    assert_reads_as("%%MatrixMarket matrix coordinate complex general\n2 1 1\n2 1 (1/2 - 1) 0\n",
                    2, 1, (const char * const[]) {"0", "-1/2"}, (const char * const[]) {"0", "0"}, 0);

    /* integer field: exact integers, however written */
    assert_reads_as("%%MatrixMarket matrix array integer general\n1 3\n-7\n4/2\n2^10\n",
                    1, 3, (const char * const[]) {"-7", "2", "1024"}, NULL, 0);

    /* keywords in any case, CRLF line ends, 0 x 0 and 3 x 0 matrices */
    assert_reads_as("%%matrixmarket MATRIX Coordinate REAL General\r\n2 2 1\r\n2 1 -3/4\r\n",
                    2, 2, (const char * const[]) {"0", "0", "-3/4", "0"}, NULL, 0);
    kd_assert_ok(kd_mtx_read_str(A, H_ARRAY_REAL "0 0\n", "v.mtx"));
    ck_assert(A->r == 0 && A->c == 0);
    kd_assert_ok(kd_mtx_read_str(A, H_COORD_REAL "3 0 0\n", "v.mtx"));
    ck_assert(A->r == 3 && A->c == 0);

    /* the previous content goes, whatever it was */
    kd_assert_ok(kd_mat_dft(A, 4));
    kd_assert_ok(kd_mtx_read_str(A, H_ARRAY_REAL "2 1\n1\n2\n", "v.mtx"));
    ck_assert(A->r == 2 && A->c == 1 && A->is_complex == 0);
    ck_assert(kd_real_get_fmpq(q, kd_mat_entry_re(A, 1, 0)) && fmpq_equal_si(q, 2));

    kd_mat_clear(A);
    fmpq_clear(q);
    arb_clear(a);
    arb_clear(b);
}
END_TEST

/* ------------------------------------------------------------ symmetries */

START_TEST(test_symmetry_hand)
{
    /* array files list the lower triangle column by column */
    assert_reads_as("%%MatrixMarket matrix array real symmetric\n3 3\n1\n2\n3\n4\n5\n6\n",
                    3, 3, (const char * const[]) {"1", "2", "3",
                                                  "2", "4", "5",
                                                  "3", "5", "6"}, NULL, 0);
    assert_reads_as("%%MatrixMarket matrix array real skew-symmetric\n3 3\n1\n2\n3\n",
                    3, 3, (const char * const[]) {"0", "-1", "-2",
                                                  "1", "0", "-3",
                                                  "2", "3", "0"}, NULL, 0);
    assert_reads_as("%%MatrixMarket matrix array complex hermitian\n2 2\n2 0\n1 3\n5 0\n",
                    2, 2, (const char * const[]) {"2", "1", "1", "5"},
                    (const char * const[]) {"0", "-3", "3", "0"}, 1);
    assert_reads_as("%%MatrixMarket matrix array complex skew-symmetric\n2 2\n1 3\n",
                    2, 2, (const char * const[]) {"0", "-1", "1", "0"},
                    (const char * const[]) {"0", "-3", "3", "0"}, 1);
    assert_reads_as("%%MatrixMarket matrix array integer symmetric\n1 1\n-9\n",
                    1, 1, (const char * const[]) {"-9"}, NULL, 0);
    assert_reads_as("%%MatrixMarket matrix array real skew-symmetric\n1 1\n",
                    1, 1, (const char * const[]) {"0"}, NULL, 0);

    /* coordinate files: any order, mirrored, a zero skew diagonal allowed */
    assert_reads_as("%%MatrixMarket matrix coordinate real symmetric\n3 3 4\n3 2 5\n1 1 1/2\n"
                    "3 1 -1\n2 2 4\n",
                    3, 3, (const char * const[]) {"1/2", "0", "-1",
                                                  "0", "4", "5",
                                                  "-1", "5", "0"}, NULL, 0);
    assert_reads_as("%%MatrixMarket matrix coordinate real skew-symmetric\n3 3 3\n2 1 7\n2 2 0\n"
                    "3 2 -1/3\n",
                    3, 3, (const char * const[]) {"0", "-7", "0",
                                                  "7", "0", "1/3",
                                                  "0", "-1/3", "0"}, NULL, 0);
    assert_reads_as("%%MatrixMarket matrix coordinate complex hermitian\n2 2 3\n1 1 2 0\n"
                    "2 1 (1/2) -1\n2 2 -3 0\n",
                    2, 2, (const char * const[]) {"2", "1/2", "1/2", "-3"},
                    (const char * const[]) {"0", "1", "-1", "0"}, 1);
    assert_reads_as("%%MatrixMarket matrix coordinate real hermitian\n2 2 1\n2 1 3\n",
                    2, 2, (const char * const[]) {"0", "3", "3", "0"}, NULL, 0);
}
END_TEST

/* Random symmetric/skew/hermitian coordinate files in random order, written
   here independently of the library's writer, against the matrix built by
   the definition of each symmetry. */
START_TEST(test_symmetry_random)
{
    static const char * const names[] = {"general", "symmetric", "skew-symmetric", "hermitian"};
    flint_rand_t state;
    ulong seed = kd_test_seed(4);
    slong iter;
    kd_test_randinit(state, 4);
    for (iter = 0; iter < 60; iter++)
    {
        int sym = iter % 4, complex = (iter / 4) % 2;
        slong n = 1 + n_randint(state, 6), i, j, k, len = 0, nnz = 0;
        slong (*pos)[2] = malloc(n * n * sizeof *pos);
        fmpq_mat_t R, I;
        char * text;
        size_t alloc;
        kd_mat_t A;

        fmpq_mat_init(R, n, n);
        fmpq_mat_init(I, n, n);
        /* the positions the file may list, kept with probability 2/3 */
        for (j = 0; j < n; j++)
            for (i = (sym == 0 ? 0 : j); i < n; i++)
                if (n_randint(state, 3) != 0)
                {
                    pos[nnz][0] = i;
                    pos[nnz][1] = j;
                    nnz++;
                }
        for (k = nnz - 1; k > 0; k--)
        {
            slong m = n_randint(state, k + 1), a = pos[k][0], b = pos[k][1];
            pos[k][0] = pos[m][0];
            pos[k][1] = pos[m][1];
            pos[m][0] = a;
            pos[m][1] = b;
        }
        alloc = 200 + (size_t) nnz * 400;
        text = malloc(alloc);
        len += snprintf(text + len, alloc - len, "%%%%MatrixMarket matrix coordinate %s %s\n"
                        "%% random\n%ld %ld %ld\n", complex ? "complex" : "real", names[sym],
                        n, n, nnz);
        for (k = 0; k < nnz; k++)
        {
            fmpq * re, * im;
            char * a, * b;
            i = pos[k][0];
            j = pos[k][1];
            re = fmpq_mat_entry(R, i, j);
            im = fmpq_mat_entry(I, i, j);
            if (!(sym == 2 && i == j))
                fmpq_randtest(re, state, 1 + n_randint(state, 60));
            if (complex && !(i == j && sym >= 2))
                fmpq_randtest(im, state, 1 + n_randint(state, 60));
            a = fmpq_get_str(NULL, 10, re);
            b = fmpq_get_str(NULL, 10, im);
            if (n_randint(state, 4) == 0)
                len += snprintf(text + len, alloc - len, "\n%% between\n");
            if (complex)
                len += snprintf(text + len, alloc - len, "%ld %ld %s %s\n", i + 1, j + 1, a, b);
            else
                len += snprintf(text + len, alloc - len, "%ld  %ld\t(%s)\n", i + 1, j + 1, a);
            flint_free(a);
            flint_free(b);
            ck_assert((size_t) len < alloc);
        }
        /* the other triangle by definition of the symmetry */
        for (i = 0; i < n; i++)
            for (j = i + 1; j < n && sym != 0; j++)
            {
                fmpq_set(fmpq_mat_entry(R, i, j), fmpq_mat_entry(R, j, i));
                fmpq_set(fmpq_mat_entry(I, i, j), fmpq_mat_entry(I, j, i));
                if (sym == 2)
                {
                    fmpq_neg(fmpq_mat_entry(R, i, j), fmpq_mat_entry(R, i, j));
                    fmpq_neg(fmpq_mat_entry(I, i, j), fmpq_mat_entry(I, i, j));
                }
                if (sym == 3)
                    fmpq_neg(fmpq_mat_entry(I, i, j), fmpq_mat_entry(I, i, j));
            }
        kd_mat_init(A, 0, 0);
        kd_assert_ok(kd_mtx_read_str(A, text, "random.mtx"));
        assert_mat_fmpq(A, R, I, seed);
        ck_assert_int_eq(A->is_complex, !fmpq_mat_is_zero(I));
        free(text);
        free(pos);
        kd_mat_clear(A);
        fmpq_mat_clear(R);
        fmpq_mat_clear(I);
    }
    flint_randclear(state);
}
END_TEST

/* ---------------------------------------------------------- sample files */

START_TEST(test_sample_files)
{
    char path[4096], num[64];
    kd_mat_t A;
    fmpq_t q;
    arb_t a, b;
    slong i, j;
    kd_mat_init(A, 0, 0);
    fmpq_init(q);
    arb_init(a);
    arb_init(b);

    /* the DCT-II of size 3 written by hand in other notations */
    data_path(path, sizeof path, "dct3.mtx");
    kd_assert_ok(kd_mtx_read(A, path));
    {
        kd_mat_t Q;
        kd_mat_init(Q, 0, 0);
        kd_assert_ok(kd_mat_dct2(Q, 3));
        ck_assert(A->r == 3 && A->c == 3 && !A->is_complex);
        for (i = 0; i < 3; i++)
            for (j = 0; j < 3; j++)
                assert_same_value(kd_mat_entry_re(A, i, j), kd_mat_entry_re(Q, i, j),
                                  "dct3.mtx", i, j, 0);
        kd_mat_clear(Q);
    }

    data_path(path, sizeof path, "hermitian.mtx");
    kd_assert_ok(kd_mtx_read(A, path));
    ck_assert(A->r == 3 && A->c == 3 && A->is_complex);
    /* (3, 1) = 1/sqrt(2) - i/sqrt(2) and (1, 3) its conjugate */
    kd_assert_ok(kd_real_eval_arb(a, kd_mat_entry_re(A, 2, 0), 200));
    arb_set_ui(b, 2);
    arb_rsqrt(b, b, 200);
    ck_assert(arb_overlaps(a, b));
    kd_assert_ok(kd_real_eval_arb(a, kd_mat_entry_im(A, 0, 2), 200));
    ck_assert(arb_overlaps(a, b));
    kd_assert_ok(kd_real_eval_arb(a, kd_mat_entry_im(A, 2, 0), 200));
    arb_neg(b, b);
    ck_assert(arb_overlaps(a, b));
    /* (2, 1) = 1 - 2^-40 + 3/7 i, exactly */
    ck_assert(kd_real_get_fmpq(q, kd_mat_entry_re(A, 1, 0)));
    ck_assert_str_eq(fmpq_get_str(num, 10, q), "1099511627775/1099511627776");
    ck_assert(kd_real_get_fmpq(q, kd_mat_entry_im(A, 0, 1)));
    ck_assert_str_eq(fmpq_get_str(num, 10, q), "-3/7");
    /* the diagonal is real, (3, 2) absent so zero on both sides */
    for (i = 0; i < 3; i++)
        ck_assert(kd_complex_is_real(kd_mat_entry(A, i, i)));
    ck_assert(kd_complex_is_zero(kd_mat_entry(A, 2, 1)) && kd_complex_is_zero(kd_mat_entry(A, 1, 2)));
    ck_assert(kd_real_get_fmpq(q, kd_mat_entry_re(A, 1, 1)) && fmpq_equal_si(q, 2));

    kd_mat_clear(A);
    fmpq_clear(q);
    arb_clear(a);
    arb_clear(b);
}
END_TEST

/* ---------------------------------------------------------------- errors */

typedef struct
{
    const char * text;
    kd_status status;
    int line;
    const char * word;
}
bad_case;

#define H_ARRAY_CPLX "%%MatrixMarket matrix array complex general\n"
#define H_COORD_CPLX "%%MatrixMarket matrix coordinate complex general\n"

static const bad_case bad[] = {
    /* header */
    {"", KD_ERR_FORMAT, 1, "empty file"},
    {"3 3\n1\n", KD_ERR_FORMAT, 1, "expected the header"},
    {"\n%%MatrixMarket matrix array real general\n1 1\n1\n", KD_ERR_FORMAT, 1, "blank line"},
    {"%MatrixMarket matrix array real general\n1 1\n1\n", KD_ERR_FORMAT, 1, "expected the header"},
    {"%%MatrixMarket\n", KD_ERR_FORMAT, 1, "'matrix'"},
    {"%%MatrixMarket tensor array real general\n", KD_ERR_FORMAT, 1, "'tensor'"},
    {"%%MatrixMarket matrix dense real general\n", KD_ERR_FORMAT, 1, "'dense'"},
    {"%%MatrixMarket matrix array\n", KD_ERR_FORMAT, 1, "field"},
    {"%%MatrixMarket matrix coordinate pattern general\n2 2 1\n1 1\n", KD_ERR_FORMAT, 1,
     "pattern matrices carry no values"},
    {"%%MatrixMarket matrix array quaternion general\n", KD_ERR_FORMAT, 1, "'quaternion'"},
    {"%%MatrixMarket matrix array real upper\n", KD_ERR_FORMAT, 1, "symmetry"},
    {"%%MatrixMarket matrix array real general extra\n", KD_ERR_FORMAT, 1, "'extra'"},
    /* size line */
    {H_ARRAY_REAL, KD_ERR_FORMAT, 1, "expected 'rows cols' for an array matrix, found the end"},
    {H_ARRAY_REAL "% c\n2\n", KD_ERR_FORMAT, 3, "expected 'rows cols' for an array matrix"},
    {H_ARRAY_REAL "2 2 4\n", KD_ERR_FORMAT, 2, "expected 'rows cols' for an array matrix"},
    {H_ARRAY_REAL "2 x\n", KD_ERR_FORMAT, 2, "found '2 x'"},
    {H_ARRAY_REAL "2.0 2\n", KD_ERR_FORMAT, 2, "rows cols"},
    {H_COORD_REAL "2 2\n", KD_ERR_FORMAT, 2, "expected 'rows cols entries' for a coordinate"},
    {H_ARRAY_REAL "-2 2\n", KD_ERR_FORMAT, 2, "non-negative number of rows, found '-2'"},
    {H_COORD_REAL "2 2 -1\n", KD_ERR_FORMAT, 2, "non-negative number of entries"},
    {H_ARRAY_REAL "1000000000 1\n", KD_ERR_FORMAT, 2, "at most 100000000 rows"},
    {H_ARRAY_REAL "1 99999999999999999999999999\n", KD_ERR_FORMAT, 2, "at most 100000000 columns"},
    {H_ARRAY_REAL "100000 100000\n", KD_ERR_FORMAT, 2, "entries in all"},
    {H_COORD_REAL "100000000 100000000 1\n", KD_ERR_FORMAT, 2, "entries in all"},
    {"%%MatrixMarket matrix array real symmetric\n2 3\n", KD_ERR_FORMAT, 2, "square"},
    {H_COORD_REAL "2 2 5\n", KD_ERR_FORMAT, 2, "at most 4 entries"},
    {"%%MatrixMarket matrix coordinate real symmetric\n3 3 7\n", KD_ERR_FORMAT, 2, "at most 6 entries"},
    /* entry counts */
    {H_ARRAY_REAL "2 3\n1\n2\n3\n4\n5\n", KD_ERR_FORMAT, 7, "expected 6 entries, found only 5"},
    {H_ARRAY_REAL "2 3\n1\n2\n3\n4\n5\n% trailing comment\n\n", KD_ERR_FORMAT, 9,
     "expected 6 entries, found only 5"},
    {H_ARRAY_REAL "1 2\n1\n2\n3\n", KD_ERR_FORMAT, 5, "expected only 2 entries, found another: '3'"},
    {H_COORD_REAL "2 2 2\n1 1 5\n", KD_ERR_FORMAT, 3, "expected 2 entries, found only 1"},
    {H_COORD_REAL "2 2 1\n1 1 5\n2 2 6\n", KD_ERR_FORMAT, 4, "expected only 1 entry, found another: '2 2 6'"},
    {H_COORD_REAL "2 2 1\n", KD_ERR_FORMAT, 2, "expected 1 entry, found only 0"},
    /* fields */
    {H_ARRAY_CPLX "1 1\n1 2 3\n", KD_ERR_FORMAT, 3, "expected 2 fields 're im' for entry (1, 1), found 3"},
    {H_ARRAY_CPLX "1 1\n1\n", KD_ERR_FORMAT, 3, "found 1"},
    {H_COORD_REAL "2 2 1\n1 2\n", KD_ERR_FORMAT, 3, "expected 3 fields 'row col value', found 2"},
    {H_COORD_REAL "2 2 1\n1 2 1 + 2\n", KD_ERR_FORMAT, 3, "parentheses"},
    {H_COORD_CPLX "2 2 1\n1 2 3\n", KD_ERR_FORMAT, 3, "expected 4 fields 'row col re im'"},
    /* indices */
    {H_COORD_REAL "2 3 1\n3 1 5\n", KD_ERR_FORMAT, 3, "row index in 1..2, found '3'"},
    {H_COORD_REAL "2 3 1\n0 1 5\n", KD_ERR_FORMAT, 3, "row index in 1..2, found '0'"},
    {H_COORD_REAL "2 3 1\n1 4 5\n", KD_ERR_FORMAT, 3, "column index in 1..3, found '4'"},
    {H_COORD_REAL "2 3 1\nx 1 5\n", KD_ERR_FORMAT, 3, "row index"},
    {H_COORD_REAL "2 3 1\n1 -1 5\n", KD_ERR_FORMAT, 3, "column index"},
    {H_COORD_REAL "2 3 1\n1 99999999999999999999 5\n", KD_ERR_FORMAT, 3, "column index"},
    {H_COORD_REAL "2 2 3\n1 1 5\n% c\n2 1 1\n1 1 6\n", KD_ERR_FORMAT, 6,
     "found (1, 1) again (first on line 3)"},
    /* values */
    {H_ARRAY_REAL "1 2\nnan\n1\n", KD_ERR_PARSE, 3, "unknown name 'nan'"},
    {H_ARRAY_REAL "1 2\n1\n1/0\n", KD_ERR_DOMAIN, 4, "entry (1, 2)"},
    {H_ARRAY_REAL "1 1\nsqrt(-2)\n", KD_ERR_DOMAIN, 3, "entry (1, 1)"},
    {H_ARRAY_REAL "1 1\n(1 + 2\n", KD_ERR_PARSE, 3, "')'"},
    {H_ARRAY_REAL "1 1\n2*i\n", KD_ERR_PARSE, 3, "imaginary part"},
    {H_ARRAY_REAL "1 1\n2^10000000\n", KD_ERR_ARG, 3, "exponent"},
    {H_ARRAY_REAL "1 1\n0x1p\n", KD_ERR_PARSE, 3, "entry (1, 1)"},
    {H_ARRAY_CPLX "1 1\n1 inf\n", KD_ERR_PARSE, 3, "entry (1, 1), imaginary part"},
    {H_COORD_REAL "2 2 1\n2 1 1e\n", KD_ERR_PARSE, 3, "entry (2, 1)"},
    {"%%MatrixMarket matrix array integer general\n1 1\n1/2\n", KD_ERR_FORMAT, 3,
     "expected an integer for entry (1, 1) of an integer matrix, found '1/2'"},
    {"%%MatrixMarket matrix array integer general\n1 1\nsqrt(2)\n", KD_ERR_FORMAT, 3, "integer"},
    /* symmetries */
    {"%%MatrixMarket matrix coordinate real symmetric\n2 2 1\n1 2 5\n", KD_ERR_FORMAT, 3,
     "lower triangle"},
    {"%%MatrixMarket matrix coordinate real skew-symmetric\n2 2 1\n1 1 5\n", KD_ERR_FORMAT, 3,
     "zero diagonal"},
    {"%%MatrixMarket matrix coordinate complex skew-symmetric\n2 2 1\n1 1 0 1\n", KD_ERR_FORMAT, 3,
     "zero diagonal"},
    {"%%MatrixMarket matrix coordinate complex hermitian\n2 2 1\n1 1 5 1\n", KD_ERR_FORMAT, 3,
     "real diagonal"},
    {"%%MatrixMarket matrix array complex hermitian\n1 1\n1 2\n", KD_ERR_FORMAT, 3,
     "real diagonal"},
    {"%%MatrixMarket matrix array real skew-symmetric\n2 2\n1\n0\n", KD_ERR_FORMAT, 4,
     "expected only 1 entry, found another: '0' (a skew-symmetric array lists only"},
    {"%%MatrixMarket matrix array real symmetric\n2 2\n1\n2\n3\n4\n", KD_ERR_FORMAT, 6,
     "lists only the lower triangle"},
};

#define NBAD ((int) (sizeof bad / sizeof bad[0]))

START_TEST(test_errors)
{
    const bad_case * b = bad + _i;
    char where[64];
    kd_mat_t A;
    kd_status st;

    kd_mat_init(A, 2, 2);
    kd_assert_ok(kd_mat_dft(A, 2));
    st = kd_mtx_read_str(A, b->text, "bad.mtx");
    ck_assert_msg(st == b->status, "case %d: status %s, expected %s: %s", _i, kd_status_name(st),
                  kd_status_name(b->status), kd_error_message());
    snprintf(where, sizeof where, "bad.mtx:%d: ", b->line);
    ck_assert_msg(strncmp(kd_error_message(), where, strlen(where)) == 0,
                  "case %d: message \"%s\" does not start with \"%s\"", _i, kd_error_message(), where);
    ck_assert_msg(strstr(kd_error_message(), b->word) != NULL,
                  "case %d: message \"%s\" lacks \"%s\"", _i, kd_error_message(), b->word);
    /* A is still a matrix that can be used and cleared */
    ck_assert(A->r >= 0 && A->c >= 0 && (A->r * A->c == 0 || A->entries != NULL));
    kd_mat_clear(A);
}
END_TEST

/* Inputs the string reader cannot carry: NUL bytes, and lines longer than
   any Matrix Market line, through a stream. */
START_TEST(test_hostile_input)
{
    static const char head[] = H_ARRAY_REAL "1 2\n1\n";
    kd_mat_t A;
    kd_status st;
    FILE * f;
    size_t k, big = 3000000;
    char * text;

    kd_mat_init(A, 1, 1);

    f = tmpfile();
    ck_assert_ptr_nonnull(f);
    fwrite(head, 1, sizeof head - 1, f);
    fwrite("2\0003\n", 1, 4, f);
    rewind(f);
    st = kd_mtx_read_stream(A, f, "nul.mtx");
    ck_assert_msg(st == KD_ERR_FORMAT && strstr(kd_error_message(), "nul.mtx:4: ") != NULL
                  && strstr(kd_error_message(), "NUL") != NULL, "%s", kd_error_message());
    fclose(f);

    /* a NUL byte in the header line */
    f = tmpfile();
    ck_assert_ptr_nonnull(f);
    fwrite("%%Matrix\0Market", 1, 15, f);
    rewind(f);
    st = kd_mtx_read_stream(A, f, "nul.mtx");
    ck_assert_msg(st == KD_ERR_FORMAT && strstr(kd_error_message(), "nul.mtx:1: ") != NULL,
                  "%s", kd_error_message());
    fclose(f);

    /* a very long line, from a stream and from a string */
    text = malloc(sizeof head + big + 2);
    ck_assert_ptr_nonnull(text);
    memcpy(text, head, sizeof head - 1);
    for (k = 0; k < big; k++)
        text[sizeof head - 1 + k] = k % 2 ? '+' : '1';
    text[sizeof head - 1 + big] = '\n';
    text[sizeof head + big] = '\0';
    st = kd_mtx_read_str(A, text, "long.mtx");
    ck_assert_msg(st == KD_ERR_FORMAT && strstr(kd_error_message(), "long.mtx:4: ") != NULL
                  && strstr(kd_error_message(), "longer") != NULL, "%s", kd_error_message());
    f = tmpfile();
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    rewind(f);
    st = kd_mtx_read_stream(A, f, "long.mtx");
    ck_assert_msg(st == KD_ERR_FORMAT && strstr(kd_error_message(), "long.mtx:4: ") != NULL,
                  "%s", kd_error_message());
    fclose(f);

    /* a long line within the limit holding a too long expression */
    text[sizeof head - 1 + 1100001] = '\0';
    st = kd_mtx_read_str(A, text, "long.mtx");
    ck_assert_msg(st != KD_OK && strstr(kd_error_message(), "long.mtx:4: entry (1, 2)") != NULL,
                  "%s", kd_error_message());
    free(text);

    /* control bytes are shown harmlessly */
    st = kd_mtx_read_str(A, "\x01\x02\x1b[31m\n", "ctl.mtx");
    ck_assert(st == KD_ERR_FORMAT && strstr(kd_error_message(), "'??\?[31m'") != NULL);

    ck_assert(A->r == 1 && A->c == 1);
    kd_mat_clear(A);
}
END_TEST

/* An entry whose text would exceed the reader's limit is refused, naming
   the entry, instead of being printed: (pi + 1)^(2^64) built by squaring
   shares its parts and prints to about 2^64 characters. */
START_TEST(test_write_long_entry)
{
    kd_mat_t A;
    kd_real_t t, one;
    kd_real_struct * x;
    FILE * f;
    slong k;

    kd_assert_ok(kd_mat_init(A, 2, 1));
    kd_real_init(t);
    kd_real_init(one);
    x = kd_mat_entry_re(A, 1, 0);
    kd_real_pi(x);
    kd_real_set_si(one, 1);
    kd_real_add(x, x, one);
    for (k = 0; k < 64; k++)
    {
        kd_real_mul(t, x, x);
        kd_real_set(x, t);
    }
    f = tmpfile();
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(kd_mtx_write_mat(f, A, NULL), KD_ERR_ARG);
    ck_assert(strstr(kd_error_message(), "entry (2, 1)") != NULL);
    fclose(f);
    kd_real_clear(t);
    kd_real_clear(one);
    kd_mat_clear(A);
}
END_TEST

START_TEST(test_io_errors)
{
    char path[4096];
    kd_mat_t A;
    fmpq_mat_t R;
    kd_status st;
    FILE * f;

    kd_mat_init(A, 0, 0);
    st = kd_mtx_read(A, "/nonexistent/dir/no-such.mtx");
    ck_assert_int_eq(st, KD_ERR_IO);
    ck_assert_msg(strstr(kd_error_message(), "cannot open /nonexistent/dir/no-such.mtx: ") != NULL,
                  "%s", kd_error_message());

    /* writing to a stream opened for reading fails, and says so */
    fmpq_mat_init(R, 2, 2);
    data_path(path, sizeof path, "dct3.mtx");
    f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    st = kd_mtx_write_fmpq_mat(f, R, NULL, NULL);
    ck_assert_int_eq(st, KD_ERR_IO);
    ck_assert(strstr(kd_error_message(), "cannot write") != NULL);
    fclose(f);
    f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    kd_assert_ok(kd_mat_dft(A, 3));
    st = kd_mtx_write_mat(f, A, "x");
    ck_assert_int_eq(st, KD_ERR_IO);
    fclose(f);

    /* a full device, where there is one */
    f = fopen("/dev/full", "w");
    if (f != NULL)
    {
        st = kd_mtx_write_mat(f, A, NULL);
        ck_assert_int_eq(st, KD_ERR_IO);
        fclose(f);
    }

    /* real and imaginary parts of different sizes */
    {
        fmpq_mat_t I;
        fmpq_mat_init(I, 2, 3);
        f = tmpfile();
        ck_assert_ptr_nonnull(f);
        ck_assert_int_eq(kd_mtx_write_fmpq_mat(f, R, I, NULL), KD_ERR_SIZE);
        fclose(f);
        fmpq_mat_clear(I);
    }
    fmpq_mat_clear(R);
    kd_mat_clear(A);
}
END_TEST

Suite *
kd_suite_mtx(void)
{
    Suite * s = suite_create("mtx");
    TCase * tc;

    tc = tcase_create("roundtrip");
    tcase_add_test(tc, test_roundtrip_fmpq_real);
    tcase_add_test(tc, test_roundtrip_fmpq_complex);
    tcase_add_test(tc, test_roundtrip_builders);
    tcase_add_test(tc, test_roundtrip_random_expr);
    suite_add_tcase(s, tc);

    tc = tcase_create("read");
    tcase_add_test(tc, test_exact_values);
    tcase_add_test(tc, test_symmetry_hand);
    tcase_add_test(tc, test_symmetry_random);
    tcase_add_test(tc, test_sample_files);
    suite_add_tcase(s, tc);

    tc = tcase_create("errors");
    tcase_add_loop_test(tc, test_errors, 0, NBAD);
    tcase_add_test(tc, test_hostile_input);
    tcase_add_test(tc, test_io_errors);
    tcase_add_test(tc, test_write_long_entry);
    suite_add_tcase(s, tc);

    return s;
}
