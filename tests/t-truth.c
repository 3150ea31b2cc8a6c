/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Check suite for truths computed once (src/truth/io.c): a truth written
   and read back gives identical enclosures and distances, a truth of other
   data is refused, corrupted files are refused with one message; and the
   search over levels says when the solution set is probably not a point. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "testutil.h"
#include "kdigits/solve.h"

#define PREC 256

static void
mat_from(kd_mat_t M, slong r, slong c, const char * const * e)
{
    slong i;
    kd_mat_resize(M, r, c);
    for (i = 0; i < r * c; i++)
    {
        kd_complex_t z;
        kd_complex_init(z);
        kd_assert_ok(kd_complex_parse(z, e[i]));
        kd_mat_set_entry(M, i / c, i % c, z);
        kd_complex_clear(z);
    }
}

/* A problem of the given kind from expression strings (m x N). */
static void
problem_from(kd_problem_t P, kd_problem_kind kind, slong m, slong N, const char * const * Ae,
             const char * const * ye, const char * param)
{
    kd_mat_t A, y;
    kd_real_t p;
    kd_mat_init(A, 0, 0);
    kd_mat_init(y, 0, 0);
    kd_real_init(p);
    mat_from(A, m, N, Ae);
    mat_from(y, m, 1, ye);
    kd_assert_ok(kd_real_parse(p, param));
    kd_assert_ok(kd_problem_init(P, kind, A, y, NULL, p, 0));
    kd_mat_clear(A);
    kd_mat_clear(y);
    kd_real_clear(p);
}

static void
tmp_path(char * buf, size_t n, const char * tag)
{
    snprintf(buf, n, "%s/kd-truth-%ld-%s.json", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
             (long) getpid(), tag);
}

static void
write_text(const char * path, const char * text)
{
    FILE * f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

static char *
read_text(const char * path)
{
    FILE * f = fopen(path, "r");
    long n;
    char * s;
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    s = malloc(n + 1);
    ck_assert(fread(s, 1, n, f) == (size_t) n);
    s[n] = '\0';
    fclose(f);
    return s;
}

/* Replaces the first occurrence of a by b in s (a fresh string). */
static char *
replace(const char * s, const char * a, const char * b)
{
    const char * p = strstr(s, a);
    char * r;
    ck_assert_msg(p != NULL, "'%s' not in the truth file", a);
    r = malloc(strlen(s) + strlen(b) + 1);
    memcpy(r, s, p - s);
    strcpy(r + (p - s), b);
    strcat(r, p + strlen(a));
    return r;
}

/* The SR-LASSO with irrational entries (sqrt 2, sqrt 3): its truth is a
   pattern certified on the exact data at some level. */
static const char * const A1[] = {"1", "sqrt(2)/2", "0", "1/3",
                                  "0", "sqrt(2)/2", "1", "sqrt(3)/5"};
static const char * const y1[] = {"1", "1/2 + sqrt(3)/7"};

START_TEST(test_round_trip_point)
{
    kd_problem_t P;
    kd_truth_set_t T, U;
    fmpq_mat_t x;
    arb_t d1, d2;
    char path[256];
    slong j;
    flint_rand_t st;

    kd_test_randinit(st, 1);
    problem_from(P, KD_PROBLEM_P3, 2, 4, A1, y1, "1/10");
    kd_truth_set_init(T, 4);
    kd_truth_set_init(U, 0);
    kd_assert_ok(kd_truth_set_compute(T, P, 256, PREC));
    ck_assert_int_eq(T->found, KD_TRUE);
    ck_assert(T->nE >= 1);
    tmp_path(path, sizeof path, "point");
    kd_assert_ok(kd_truth_set_write(T, P, path));
    kd_assert_ok(kd_truth_set_read(U, P, path));
    ck_assert_int_eq(U->found, KD_TRUE);
    ck_assert_int_eq(U->unique, T->unique);
    ck_assert_int_eq(U->nE, T->nE);
    ck_assert_int_eq(U->prec, T->prec);
    ck_assert(memcmp(U->E, T->E, T->nE * sizeof(slong)) == 0);
    for (j = 0; j < 4; j++)
        ck_assert_msg(arb_equal(arb_mat_entry(&U->x, j, 0), arb_mat_entry(&T->x, j, 0)),
                      "ball %ld differs after reading back", j);
    /* identical distances for random candidates (seed printed on failure) */
    fmpq_mat_init(x, 4, 1);
    arb_init(d1);
    arb_init(d2);
    for (j = 0; j < 20; j++)
    {
        kd_test_rand_fmpq_mat(x, st, 100, 64);
        kd_assert_ok(kd_truth_set_dist(d1, T, x, NULL, PREC));
        kd_assert_ok(kd_truth_set_dist(d2, U, x, NULL, PREC));
        ck_assert_msg(arb_equal(d1, d2), "distance differs (seed %lu)", kd_test_seed(1));
        ck_assert_int_eq(kd_truth_set_support_verdict(U, x, NULL),
                         kd_truth_set_support_verdict(T, x, NULL));
    }
    ck_assert(strstr(U->how, "read from a truth file") != NULL);
    remove(path);
    fmpq_mat_clear(x);
    arb_clear(d1);
    arb_clear(d2);
    kd_truth_set_clear(T);
    kd_truth_set_clear(U);
    kd_problem_clear(P);
    flint_randclear(st);
}
END_TEST

/* A non-unique rational problem: the truth is a face, read back exactly. */
START_TEST(test_round_trip_face)
{
    static const char * const Ae[] = {"1", "1", "0", "2", "2", "1"};
    static const char * const ye[] = {"3", "5"};
    kd_problem_t P;
    kd_truth_set_t T, U;
    fmpq_mat_t x;
    arb_t d1, d2;
    char path[256];
    slong j;
    flint_rand_t st;

    kd_test_randinit(st, 2);
    problem_from(P, KD_PROBLEM_P2, 2, 3, Ae, ye, "1");
    kd_truth_set_init(T, 3);
    kd_truth_set_init(U, 0);
    kd_assert_ok(kd_truth_set_compute(T, P, 64, PREC));
    ck_assert_int_eq(T->found, KD_TRUE);
    ck_assert(T->has_face);
    tmp_path(path, sizeof path, "face");
    kd_assert_ok(kd_truth_set_write(T, P, path));
    kd_assert_ok(kd_truth_set_read(U, P, path));
    ck_assert(U->has_face);
    ck_assert_int_eq(U->unique, KD_FALSE);
    ck_assert(fmpq_mat_equal(&U->face->C, &T->face->C));
    ck_assert(fmpq_mat_equal(&U->face->d, &T->face->d));
    fmpq_mat_init(x, 3, 1);
    arb_init(d1);
    arb_init(d2);
    for (j = 0; j < 10; j++)
    {
        kd_test_rand_fmpq_mat(x, st, 10, 8);
        kd_assert_ok(kd_truth_set_dist(d1, T, x, NULL, PREC));
        kd_assert_ok(kd_truth_set_dist(d2, U, x, NULL, PREC));
        ck_assert_msg(arb_equal(d1, d2), "distance differs (seed %lu)", kd_test_seed(2));
    }
    remove(path);
    fmpq_mat_clear(x);
    arb_clear(d1);
    arb_clear(d2);
    kd_truth_set_clear(T);
    kd_truth_set_clear(U);
    kd_problem_clear(P);
    flint_randclear(st);
}
END_TEST

/* A truth is refused for other data: y, the parameter, the kind, sizes. */
START_TEST(test_mismatch)
{
    static const char * const y2[] = {"1", "1/2 + sqrt(3)/8"};
    static const char * const A3[] = {"1", "sqrt(2)/2", "0", "0", "sqrt(2)/2", "1"};
    kd_problem_t P, Q;
    kd_truth_set_t T, U;
    char path[256];

    problem_from(P, KD_PROBLEM_P3, 2, 4, A1, y1, "1/10");
    kd_truth_set_init(T, 4);
    kd_truth_set_init(U, 0);
    kd_assert_ok(kd_truth_set_compute(T, P, 64, PREC));
    tmp_path(path, sizeof path, "mismatch");
    kd_assert_ok(kd_truth_set_write(T, P, path));
    /* another y */
    problem_from(Q, KD_PROBLEM_P3, 2, 4, A1, y2, "1/10");
    ck_assert_int_eq(kd_truth_set_read(U, Q, path), KD_ERR_ARG);
    ck_assert(strstr(kd_error_message(), "other data") != NULL);
    ck_assert_int_eq(U->found, KD_UNKNOWN);
    kd_problem_clear(Q);
    /* another lambda */
    problem_from(Q, KD_PROBLEM_P3, 2, 4, A1, y1, "1/11");
    ck_assert_int_eq(kd_truth_set_read(U, Q, path), KD_ERR_ARG);
    kd_problem_clear(Q);
    /* the same value written otherwise is the same data */
    problem_from(Q, KD_PROBLEM_P3, 2, 4, A1, y1, "0.1");
    kd_assert_ok(kd_truth_set_read(U, Q, path));
    kd_problem_clear(Q);
    /* another kind */
    problem_from(Q, KD_PROBLEM_P2, 2, 4, A1, y1, "1/10");
    ck_assert_int_eq(kd_truth_set_read(U, Q, path), KD_ERR_ARG);
    ck_assert(strstr(kd_error_message(), "p3") != NULL);
    kd_problem_clear(Q);
    /* other sizes */
    problem_from(Q, KD_PROBLEM_P3, 2, 3, A3, y1, "1/10");
    ck_assert_int_eq(kd_truth_set_read(U, Q, path), KD_ERR_ARG);
    kd_problem_clear(Q);
    remove(path);
    kd_truth_set_clear(T);
    kd_truth_set_clear(U);
    kd_problem_clear(P);
}
END_TEST

/* Corrupted files: each refused with KD_ERR_FORMAT (or KD_ERR_IO), one
   message line, and the truth left as it was. */
START_TEST(test_corrupted)
{
    static const char * const edits[][2] = {
        {"\"format\": \"kdigits-truth\"", "\"format\": \"other\""},
        {"\"version\": 1", "\"version\": 2"},
        {"\"found\": true", "\"found\": \"yes\""},
        {"\"mid\": \"", "\"mid\": \"nan"},
        {"\"rad\": \"", "\"rad\": \"-"},
        {"\"mid\": \"", "\"mid\": \"1/3"},
        {"\"mid\": \"", "\"mid\": 7, \"x\": \""},
        {"\"x\": [", "\"x\": [{\"mid\": \"0\", \"rad\": \"0\"},"},
        {"\"support\": [", "\"support\": [9,"},
        {"\"levels\": [", "\"levels\": [-3,"},
        {"\"prec\"", "\"prec_\""},
        {"{", "["},
        {"\"m\": 2", "\"m\": 2, \"m\": 2"},
    };
    kd_problem_t P;
    kd_truth_set_t T, U;
    char path[256], bad[256];
    char * text;
    size_t i;

    problem_from(P, KD_PROBLEM_P3, 2, 4, A1, y1, "1/10");
    kd_truth_set_init(T, 4);
    kd_truth_set_init(U, 0);
    kd_assert_ok(kd_truth_set_compute(T, P, 64, PREC));
    ck_assert_int_eq(T->found, KD_TRUE);
    tmp_path(path, sizeof path, "good");
    tmp_path(bad, sizeof bad, "bad");
    kd_assert_ok(kd_truth_set_write(T, P, path));
    text = read_text(path);
    for (i = 0; i < sizeof edits / sizeof edits[0]; i++)
    {
        char * t = replace(text, edits[i][0], edits[i][1]);
        kd_status st;
        write_text(bad, t);
        st = kd_truth_set_read(U, P, bad);
        ck_assert_msg(st == KD_ERR_FORMAT, "edit %zu (%s): status %s: %s", i, edits[i][1],
                      kd_status_name(st), kd_error_message());
        ck_assert(strchr(kd_error_message(), '\n') == NULL);
        ck_assert_int_eq(U->found, KD_UNKNOWN);
        free(t);
    }
    /* truncated, empty, missing */
    text[strlen(text) / 2] = '\0';
    write_text(bad, text);
    ck_assert_int_eq(kd_truth_set_read(U, P, bad), KD_ERR_FORMAT);
    write_text(bad, "");
    ck_assert_int_eq(kd_truth_set_read(U, P, bad), KD_ERR_FORMAT);
    remove(bad);
    ck_assert_int_eq(kd_truth_set_read(U, P, bad), KD_ERR_IO);
    remove(path);
    free(text);
    kd_truth_set_clear(T);
    kd_truth_set_clear(U);
    kd_problem_clear(P);
}
END_TEST

/* kd_solve with a truth read before: the same distance as computing it. */
START_TEST(test_solve_with_truth)
{
    kd_problem_t P;
    kd_solve_opts_t o;
    kd_solve_result_t R1, R2;
    kd_truth_set_t U;
    char path[256];

    problem_from(P, KD_PROBLEM_P3, 2, 4, A1, y1, "1/10");
    kd_solve_opts_init(o);
    o->certify = 1;
    o->method = KD_METHOD_PD;
    o->iter.max_iter = 200;
    kd_solve_result_init(R1);
    kd_solve_result_init(R2);
    kd_truth_set_init(U, 0);
    kd_assert_ok(kd_solve(R1, P, o));
    ck_assert_int_eq(R1->truth.found, KD_TRUE);
    tmp_path(path, sizeof path, "solve");
    kd_assert_ok(kd_truth_set_write(&R1->truth, P, path));
    kd_assert_ok(kd_truth_set_read(U, P, path));
    o->truth = U;
    kd_assert_ok(kd_solve(R2, P, o));
    ck_assert(arb_equal(&R1->dist, &R2->dist));
    ck_assert(arb_equal(&R1->objective, &R2->objective));
    ck_assert_int_eq(R2->truth.nlevels, R1->truth.nlevels);
    remove(path);
    kd_truth_set_clear(U);
    kd_solve_result_clear(R1);
    kd_solve_result_clear(R2);
    kd_solve_opts_clear(o);
    kd_problem_clear(P);
}
END_TEST

/* Two equal irrational columns: every rational instance has a segment of
   minimisers, the exact problem too; the search stops after three levels
   and says that the solution set is probably not a point. */
static void
progress_count(void * data, slong i, slong total, const char * what)
{
    (void) i;
    (void) total;
    (void) what;
    (*(slong *) data)++;
}

START_TEST(test_not_a_point)
{
    static const char * const Ae[] = {"sqrt(2)", "sqrt(2)", "1", "1/3", "1/3", "sqrt(3)"};
    static const char * const ye[] = {"2", "1"};
    kd_problem_t P;
    kd_truth_set_t T;
    slong calls = 0;

    problem_from(P, KD_PROBLEM_P2, 2, 3, Ae, ye, "1/10");
    kd_truth_set_init(T, 3);
    kd_assert_ok(kd_truth_set_compute_progress(T, P, 4096, PREC, progress_count, &calls));
    ck_assert_int_eq(T->found, KD_UNKNOWN);
    ck_assert_int_eq(T->nlevels, 3);
    ck_assert_int_eq(calls, 3);
    ck_assert_msg(strstr(T->how, "probably not a single point") != NULL, "%s", T->how);
    kd_truth_set_clear(T);
    kd_problem_clear(P);
}
END_TEST

Suite *
kd_suite_truth(void)
{
    Suite * s = suite_create("truth");
    TCase * tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_round_trip_point);
    tcase_add_test(tc, test_round_trip_face);
    tcase_add_test(tc, test_mismatch);
    tcase_add_test(tc, test_corrupted);
    tcase_add_test(tc, test_solve_with_truth);
    tcase_add_test(tc, test_not_a_point);
    suite_add_tcase(s, tc);
    return s;
}
