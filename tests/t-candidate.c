/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Candidates from elsewhere (kdigits/candidate.h): decimals read as the IEEE
   doubles they denote (checked against the C library's strtod, an
   independent correctly rounded reader), hexadecimal floats exactly, the
   readers' errors, and certification against an exact P2 instance whose
   true solution is a known point. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "kdigits/candidate.h"

/* q as the double strtod gives for s */
static void
check_double(const char * s)
{
    fmpq_t q, r;
    kd_status st;
    fmpq_init(q);
    fmpq_init(r);
    st = kd_number_parse(q, s, KD_XFORMAT_DOUBLE);
    if (!isfinite(strtod(s, NULL)))
    {
        ck_assert_msg(st == KD_ERR_ARG, "'%s' overflows double but was accepted", s);
        fmpq_clear(q);
        fmpq_clear(r);
        return;
    }
    ck_assert_msg(st == KD_OK, "'%s': %s", s, kd_error_message());
    kd_fmpq_set_double(r, strtod(s, NULL));
    ck_assert_msg(fmpq_equal(q, r), "'%s' is not the double strtod reads", s);
    fmpq_clear(q);
    fmpq_clear(r);
}

START_TEST(test_round_fixed)
{
    /* ties to even, subnormals, the extremes, the overflow threshold */
    static const char * cases[] = {
        "0.1", "-0.1", "1", "0", "-0", "0.30000000000000004", "9007199254740993",
        "9007199254740995", "2.2250738585072011e-308", "2.2250738585072014e-308",
        "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
        "1e-400", "1.7976931348623157e308", "1.7976931348623158e308", "1.797693134862315807e308",
        "1.797693134862315808e308", "1e309", "123456789012345678901234567890",
        "0.000001", "3.141592653589793238462643383279", ".5", "5.", "1E+2"};
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        check_double(cases[i]);
}
END_TEST

START_TEST(test_round_random)
{
    flint_rand_t state;
    slong i;
    char s[64];
    kd_test_randinit(state, 12);
    for (i = 0; i < 3000; i++)
    {
        /* random 1-25 digit mantissas with exponents across the range */
        slong nd = 1 + n_randint(state, 25), e = (slong) n_randint(state, 660) - 330, k;
        char * p = s;
        if (n_randint(state, 2))
            *p++ = '-';
        for (k = 0; k < nd; k++)
        {
            *p++ = (char) ('0' + n_randint(state, 10));
            if (k == 0)
                *p++ = '.';
        }
        sprintf(p, "e%ld", (long) e);
        check_double(s);
    }
    flint_randclear(state);
}
END_TEST

START_TEST(test_hex_and_exact)
{
    fmpq_t q, r;
    fmpq_init(q);
    fmpq_init(r);
    ck_assert_int_eq(kd_number_parse(q, "0x1.8p-3", KD_XFORMAT_DOUBLE), KD_OK);
    fmpq_set_si(r, 3, 16);
    ck_assert(fmpq_equal(q, r));
    ck_assert_int_eq(kd_number_parse(q, "-0X1P+4", KD_XFORMAT_EXACT), KD_OK);
    fmpq_set_si(r, -16, 1);
    ck_assert(fmpq_equal(q, r));
    /* exact: 0.1 is 1/10; double: 0x1.999999999999ap-4 */
    ck_assert_int_eq(kd_number_parse(q, "0.1", KD_XFORMAT_EXACT), KD_OK);
    fmpq_set_si(r, 1, 10);
    ck_assert(fmpq_equal(q, r));
    ck_assert_int_eq(kd_number_parse(q, "0.1", KD_XFORMAT_DOUBLE), KD_OK);
    ck_assert_int_eq(kd_number_parse(r, "0x1.999999999999ap-4", KD_XFORMAT_EXACT), KD_OK);
    ck_assert(fmpq_equal(q, r));
    ck_assert_int_eq(kd_number_parse(q, "1/3", KD_XFORMAT_EXACT), KD_OK);
    ck_assert_int_eq(kd_number_parse(q, "1/3", KD_XFORMAT_DOUBLE), KD_ERR_PARSE);
    ck_assert_int_eq(kd_number_parse(q, "nan", KD_XFORMAT_DOUBLE), KD_ERR_ARG);
    ck_assert_int_eq(kd_number_parse(q, "-Infinity", KD_XFORMAT_EXACT), KD_ERR_ARG);
    ck_assert_int_eq(kd_number_parse(q, "1e400", KD_XFORMAT_DOUBLE), KD_ERR_ARG);
    ck_assert_int_eq(kd_number_parse(q, "1e400", KD_XFORMAT_EXACT), KD_OK);
    ck_assert_int_eq(kd_number_parse(q, "0x1p", KD_XFORMAT_DOUBLE), KD_ERR_PARSE);
    ck_assert_int_eq(kd_number_parse(q, "sqrt(2)", KD_XFORMAT_EXACT), KD_ERR_ARG);
    ck_assert_int_eq(kd_number_parse(q, "", KD_XFORMAT_EXACT), KD_ERR_PARSE);
    fmpq_clear(q);
    fmpq_clear(r);
}
END_TEST

/* P2 with A = I (2 x 2), y = (1, 1/10), lambda = 1/2: the minimiser is the
   soft threshold x* = (3/4, 0); a candidate (3/4 + 3/100, 0) is at distance
   exactly 3/100, and a candidate from a file of two columns gives two. */
START_TEST(test_certify_known)
{
    kd_mat_t A, y;
    kd_problem_t P;
    kd_candidates_t C;
    kd_candidates_report_t R;
    kd_real_t lam;
    kd_complex_t z;
    arb_t ref;
    const char * x1[] = {"0.78", "0"}, * x2[] = {"0.75", "0.01"};
    kd_mat_init(A, 0, 0);
    kd_mat_identity(A, 2);
    kd_mat_init(y, 2, 1);
    kd_complex_init(z);
    kd_complex_parse(z, "1");
    kd_mat_set_entry(y, 0, 0, z);
    kd_complex_parse(z, "1/10");
    kd_mat_set_entry(y, 1, 0, z);
    kd_real_init(lam);
    kd_real_parse(lam, "1/2");
    ck_assert_int_eq(kd_problem_init(P, KD_PROBLEM_P2, A, y, NULL, lam, 0), KD_OK);
    kd_candidates_init(C);
    ck_assert_int_eq(kd_candidates_add_str(C, "x1", x1, NULL, 2, KD_XFORMAT_EXACT), KD_OK);
    ck_assert_int_eq(kd_candidates_add_str(C, "x2", x2, NULL, 2, KD_XFORMAT_EXACT), KD_OK);
    kd_candidates_report_init(R);
    ck_assert_int_eq(kd_candidates_certify(R, P, C, NULL, 4096, 128), KD_OK);
    ck_assert_int_eq(R->n, 2);
    arb_init(ref);
    arb_set_si(ref, 3);
    arb_div_ui(ref, ref, 100, 128);
    ck_assert_msg(arb_overlaps(&R->c[0].dist, ref), "dist(x1) does not contain 3/100");
    ck_assert_int_eq(R->c[0].support, KD_TRUE);
    ck_assert_int_eq(R->c[1].support, KD_FALSE);
    ck_assert_int_eq(R->c[0].digits, 1);
    ck_assert(arb_is_finite(&R->c[0].gap) && arb_is_nonnegative(&R->c[0].gap));
    /* a wrong length names the candidate */
    ck_assert_int_eq(kd_candidates_add_str(C, "short", x1, NULL, 1, KD_XFORMAT_EXACT), KD_OK);
    ck_assert_int_eq(kd_candidates_certify(R, P, C, NULL, 4096, 128), KD_ERR_SIZE);
    ck_assert(strstr(kd_error_message(), "short") != NULL);
    arb_clear(ref);
    kd_candidates_report_clear(R);
    kd_candidates_clear(C);
    kd_problem_clear(P);
    kd_real_clear(lam);
    kd_complex_clear(z);
    kd_mat_clear(A);
    kd_mat_clear(y);
}
END_TEST

/* A truth computed once can be handed in (borrowed). */
START_TEST(test_given_truth)
{
    kd_mat_t A, y;
    kd_problem_t P;
    kd_candidates_t C;
    kd_candidates_report_t R1, R2;
    kd_truth_set_t T;
    kd_real_t lam;
    const char * x1[] = {"0x1.8p-1", "-0"};
    kd_mat_init(A, 0, 0);
    kd_mat_identity(A, 2);
    kd_mat_init(y, 2, 1);
    {
        kd_complex_t z;
        kd_complex_init(z);
        kd_complex_parse(z, "1");
        kd_mat_set_entry(y, 0, 0, z);
        kd_complex_clear(z);
    }
    kd_real_init(lam);
    kd_real_parse(lam, "1/2");
    ck_assert_int_eq(kd_problem_init(P, KD_PROBLEM_P2, A, y, NULL, lam, 0), KD_OK);
    kd_truth_set_init(T, 2);
    ck_assert_int_eq(kd_truth_set_compute(T, P, 4096, 128), KD_OK);
    kd_candidates_init(C);
    ck_assert_int_eq(kd_candidates_add_str(C, "x", x1, NULL, 2, KD_XFORMAT_DOUBLE), KD_OK);
    kd_candidates_report_init(R1);
    kd_candidates_report_init(R2);
    ck_assert_int_eq(kd_candidates_certify(R1, P, C, T, 4096, 128), KD_OK);
    ck_assert_int_eq(kd_candidates_certify(R2, P, C, NULL, 4096, 128), KD_OK);
    ck_assert(R1->truth == T);
    ck_assert(arb_equal(&R1->c[0].dist, &R2->c[0].dist));
    /* x = (3/4, 0) is the minimiser: distance 0 */
    ck_assert(arb_contains_zero(&R1->c[0].dist));
    kd_candidates_report_clear(R1);
    kd_candidates_report_clear(R2);
    kd_candidates_clear(C);
    kd_truth_set_clear(T);
    kd_problem_clear(P);
    kd_real_clear(lam);
    kd_mat_clear(A);
    kd_mat_clear(y);
}
END_TEST

/* The whole certify run over a family (kd_certify_sweep): A = I, y = (1, k/10),
   P2 with lambda = 1/2, whose minimiser is the soft threshold of y at 1/4
   (closed form): the candidate (3/4, 0) is exact for k = 1 (y_2 <= 1/4)
   and at distance exactly 1/4 for k = 5 (x*_2 = 1/4). */
static void
read_all(char * buf, size_t size, FILE * f)
{
    size_t n;
    rewind(f);
    n = fread(buf, 1, size - 1, f);
    buf[n] = '\0';
}

START_TEST(test_certify_sweep)
{
    char ypath[] = "/tmp/kd-t-sweep-y-XXXXXX", xpath[] = "/tmp/kd-t-sweep-x-XXXXXX";
    char buf[8192];
    const char * xs[1];
    slong ks[2] = {1, 5};
    kd_certify_sweep_t W;
    FILE * f;
    int fd;
    fd = mkstemp(ypath);
    ck_assert(fd >= 0 && (f = fdopen(fd, "w")) != NULL);
    fprintf(f, "%%%%MatrixMarket matrix array real general\n2 1\n1\nk/10\n");
    fclose(f);
    fd = mkstemp(xpath);
    ck_assert(fd >= 0 && (f = fdopen(fd, "w")) != NULL);
    fprintf(f, "3/4\n0\n");
    fclose(f);
    xs[0] = xpath;
    kd_certify_sweep_init(W);
    W->S.kind = KD_PROBLEM_P2;
    W->S.param = "1/2";
    W->A = "builtin:identity:2";
    W->y = ypath;
    W->x = xs;
    W->nx = 1;
    W->xformat = KD_XFORMAT_EXACT;
    W->ks = ks;
    W->nk = 2;
    f = tmpfile();
    ck_assert_int_eq(kd_certify_sweep(NULL, f, KD_REPORT_TEXT, W), KD_OK);
    read_all(buf, sizeof buf, f);
    fclose(f);
    ck_assert_msg(strncmp(buf, "== k = 1 ==\n", 12) == 0, "%s", buf);
    ck_assert_msg(strstr(buf, "\n\n== k = 5 ==\n") != NULL, "%s", buf);
    ck_assert_msg(strstr(buf, "all (dist = 0 exactly)") != NULL
                  && strstr(strstr(buf, "== k = 5"), "all (dist") == NULL, "%s", buf);
    ck_assert_msg(strstr(buf, "dist(x, Xi(A, y))      0.250000000000000 +/-") != NULL, "%s", buf);
    f = tmpfile();
    ck_assert_int_eq(kd_certify_sweep(NULL, f, KD_REPORT_CSV, W), KD_OK);
    read_all(buf, sizeof buf, f);
    fclose(f);
    ck_assert_msg(strncmp(buf, "k,data,candidate,", 17) == 0, "%s", buf);
    ck_assert_msg(strstr(buf, "\n1,exact,") != NULL && strstr(buf, "\n5,exact,") != NULL, "%s", buf);
    /* an unbound parameter in the data is an error, not a guess (the
       sweep leaves k bound: parameters are process-wide) */
    kd_expr_clear_params();
    W->nk = 0;
    ck_assert_int_ne(kd_certify_sweep(NULL, stdout, KD_REPORT_TEXT, W), KD_OK);
    ck_assert(strstr(kd_error_message(), "'k'") != NULL);
    kd_expr_clear_params();
    remove(ypath);
    remove(xpath);
}
END_TEST

Suite *
kd_suite_candidate(void)
{
    Suite * s = suite_create("candidate");
    TCase * tc = tcase_create("candidate");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_round_fixed);
    tcase_add_test(tc, test_round_random);
    tcase_add_test(tc, test_hex_and_exact);
    tcase_add_test(tc, test_certify_known);
    tcase_add_test(tc, test_given_truth);
    tcase_add_test(tc, test_certify_sweep);
    suite_add_tcase(s, tc);
    return s;
}
