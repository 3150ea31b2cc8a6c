/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The real peers on a user's problem (peers.h). What is checked does not
   depend on which peers are installed: a peer that ran must have solved
   the problem in P's convention (its answer within a certified distance of
   the exact solution set; a wrong alpha or a stray intercept would put it
   far away), one that did not must say which package to install. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include "testutil.h"

/* P (kind, m x N) from a random rational A and y = A x0 + noise. */
static void
random_problem(kd_problem_t P, kd_problem_kind kind, slong m, slong N, flint_rand_t st)
{
    kd_mat_t A, y;
    kd_real_t lam, v;
    fmpq_t q;
    slong i, j;
    kd_mat_init(A, m, N);
    kd_mat_init(y, m, 1);
    kd_real_init(lam);
    kd_real_init(v);
    fmpq_init(q);
    for (i = 0; i < m; i++)
    {
        for (j = 0; j < N; j++)
        {
            kd_test_rand_fmpq(q, st, 9, 4);
            kd_real_set_fmpq(v, q);
            kd_mat_set_entry_real(A, i, j, v);
        }
        kd_test_rand_fmpq(q, st, 9, 2);
        kd_real_set_fmpq(v, q);
        kd_mat_set_entry_real(y, i, 0, v);
    }
    kd_real_set_si_si(lam, 1, 2);
    kd_assert_ok(kd_problem_init(P, kind, A, y, NULL, kind == KD_PROBLEM_P2 ? lam : NULL, 0));
    kd_mat_clear(A);
    kd_mat_clear(y);
    kd_real_clear(lam);
    kd_real_clear(v);
    fmpq_clear(q);
}

static void
check_answers(const kd_problem_t P, const kd_peer_answers_t R, const char * what)
{
    kd_truth_set_t T;
    arb_t d, tol;
    slong i;
    kd_truth_set_init(T, P->N);
    arb_init(d);
    arb_init(tol);
    kd_assert_ok(kd_truth_set_compute(T, P, 64, 128));
    ck_assert_int_eq(T->found, KD_TRUE);
    arb_set_si(tol, 1);
    arb_mul_2exp_si(tol, tol, -7);
    ck_assert_msg(R->n >= 1, "%s: no peer rows", what);
    if (getenv("KD_TEST_VERBOSE"))
        for (i = 0; i < R->n; i++)
        {
            if (R->a[i].state == KD_PEER_RAN && kd_truth_set_dist(d, T, &R->a[i].x, NULL, 128) == KD_OK)
                flint_printf("%s %s: %s\n", what, R->a[i].name, arb_get_str(d, 5, 0));
            else
                flint_printf("%s %s: %s\n", what, R->a[i].name, R->a[i].note);
        }
    for (i = 0; i < R->n; i++)
    {
        const kd_peer_answer_struct * a = &R->a[i];
        ck_assert_ptr_nonnull(a->name);
        if (a->state == KD_PEER_RAN)
        {
            kd_assert_ok(kd_truth_set_dist(d, T, &a->x, NULL, 128));
            ck_assert_msg(arb_lt(d, tol), "%s: %s's answer is not near the solution set: "
                          "distance %s", what, a->name, arb_get_str(d, 10, 0));
        }
        else
        {
            ck_assert_ptr_nonnull(a->note);
            if (a->state == KD_PEER_SKIPPED)
                ck_assert_msg(strstr(a->note, "install") != NULL || strstr(a->note, "KDIGITS_PEERS_DIR"),
                              "%s: %s skipped without naming what to install: %s", what, a->name, a->note);
        }
    }
    kd_truth_set_clear(T);
    arb_clear(d);
    arb_clear(tol);
}

START_TEST(test_peers_p2)
{
    flint_rand_t st;
    kd_problem_t P;
    kd_peer_answers_t R;
    kd_test_randinit(st, 71);
    random_problem(P, KD_PROBLEM_P2, 12, 6, st);
    kd_peer_answers_init(R);
    kd_assert_ok(kd_peers_solve(R, P, KD_PEERS_TIMEOUT));
    ck_assert_int_eq(R->n, 4);
    /* the problem handed over: the nearest doubles of the data, alpha =
       lambda / (2m) = 1/24 rounded to a double */
    {
        fmpq_t e;
        fmpq_init(e);
        fmpq_set_si(e, 1, 48);
        ck_assert(!fmpq_equal(R->paramd, e));
        fmpq_sub(e, e, R->paramd);
        fmpq_abs(e, e);
        fmpq_mul_2exp(e, e, 53 + 5);
        ck_assert(fmpz_cmp(fmpq_numref(e), fmpq_denref(e)) <= 0);
        fmpq_clear(e);
    }
    check_answers(P, R, "P2");
    kd_peer_answers_clear(R);
    kd_problem_clear(P);
    flint_randclear(st);
}
END_TEST

START_TEST(test_peers_bp)
{
    flint_rand_t st;
    kd_problem_t P;
    kd_peer_answers_t R;
    kd_test_randinit(st, 72);
    random_problem(P, KD_PROBLEM_BP, 3, 6, st);
    kd_peer_answers_init(R);
    kd_assert_ok(kd_peers_solve(R, P, KD_PEERS_TIMEOUT));
    ck_assert_int_eq(R->n, KD_BP_PEER_COUNT);
    check_answers(P, R, "BP");
    kd_peer_answers_clear(R);
    kd_problem_clear(P);
    flint_randclear(st);
}
END_TEST

/* No program on PATH: every peer is a SKIPPED row naming its package. */
START_TEST(test_peers_absent)
{
    flint_rand_t st;
    kd_problem_t P;
    kd_peer_answers_t R;
    char * path = getenv("PATH") ? strdup(getenv("PATH")) : NULL;
    char * py = getenv("KDIGITS_PYTHON") ? strdup(getenv("KDIGITS_PYTHON")) : NULL;
    slong i;
    kd_test_randinit(st, 74);
    random_problem(P, KD_PROBLEM_P2, 4, 3, st);
    setenv("PATH", "/nonexistent-kdigits-test", 1);
    unsetenv("KDIGITS_PYTHON");
    kd_peer_answers_init(R);
    kd_assert_ok(kd_peers_solve(R, P, 5.0));
    ck_assert_int_eq(R->n, 4);
    for (i = 0; i < R->n; i++)
    {
        ck_assert_int_eq(R->a[i].state, KD_PEER_SKIPPED);
        ck_assert_msg(strstr(R->a[i].note, "install ") != NULL && strstr(R->a[i].note, R->a[i].package),
                      "%s: %s", R->a[i].name, R->a[i].note);
    }
    if (path != NULL)
        setenv("PATH", path, 1);
    if (py != NULL)
        setenv("KDIGITS_PYTHON", py, 1);
    free(path);
    free(py);
    kd_peer_answers_clear(R);
    kd_problem_clear(P);
    flint_randclear(st);
}
END_TEST

START_TEST(test_peers_unsupported)
{
    flint_rand_t st;
    kd_problem_t P;
    kd_peer_answers_t R;
    kd_test_randinit(st, 73);
    random_problem(P, KD_PROBLEM_BP, 2, 3, st);
    P->kind = KD_PROBLEM_P3;
    kd_peer_answers_init(R);
    ck_assert_int_eq(kd_peers_solve(R, P, 1.0), KD_ERR_UNSUPPORTED);
    ck_assert(strstr(kd_error_message(), "p3") != NULL);
    ck_assert_int_eq(R->n, 0);
    P->kind = KD_PROBLEM_BP;
    kd_peer_answers_clear(R);
    kd_problem_clear(P);
    flint_randclear(st);
}
END_TEST

Suite *
kd_suite_peers(void)
{
    Suite * s = suite_create("peers");
    TCase * tc = tcase_create("core");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, test_peers_p2);
    tcase_add_test(tc, test_peers_bp);
    tcase_add_test(tc, test_peers_absent);
    tcase_add_test(tc, test_peers_unsupported);
    suite_add_tcase(s, tc);
    return s;
}
