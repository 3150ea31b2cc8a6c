/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Shared helpers for the Check suites: fixed-seed randomness (the seed is
   printed on failure) and the list of suites. */
#ifndef KD_TESTUTIL_H
#define KD_TESTUTIL_H

#include <check.h>
#include "kdigits/kdigits.h"
#include "kdigits/json.h"

/* Every randomized test draws from a FLINT state seeded with a fixed seed
   derived from KD_TEST_SEED and the test's own salt, and reports that seed
   in its failure messages. */
#define KD_TEST_SEED 20221122UL

void kd_test_randinit(flint_rand_t state, ulong salt);
/* The seed kd_test_randinit used for this salt (for messages). */
ulong kd_test_seed(ulong salt);

/* Working precision of an independent reference evaluation for level n. */
#define KD_TEST_REF_PREC(n) (4 * (n) + 200)

/* The denominator is a power of two (independent of the library's
   kd_real_is_dyadic). */
int kd_test_fmpq_is_dyadic(const fmpq_t q);
/* r = q exactly, for a dyadic q. */
void kd_test_arb_set_dyadic(arb_t r, const fmpq_t q);
/* b = the ball "mid +/- rad" of a {"mid", "rad"} JSON value (kd_json_arb),
   read back with Arb's parser; fails the test when it is not one. */
void kd_test_arb_set_json(arb_t b, json_t * j, slong prec);

/* q = p/d with |p| <= num and 1 <= d <= den, uniformly drawn (numerator
   first, then denominator); a matrix draws its entries row by row. */
void kd_test_rand_fmpq(fmpq_t q, flint_rand_t st, slong num, ulong den);
void kd_test_rand_fmpq_mat(fmpq_mat_t M, flint_rand_t st, slong num, ulong den);

/* Asserts st == KD_OK and shows the library's message otherwise. */
#define kd_assert_ok(st) \
    ck_assert_msg((st) == KD_OK, "status %s: %s", kd_status_name(st), kd_error_message())

Suite * kd_suite_real(void);
Suite * kd_suite_complex(void);
Suite * kd_suite_parse(void);
Suite * kd_suite_mat(void);
Suite * kd_suite_oracle(void);
Suite * kd_suite_mtx(void);
Suite * kd_suite_lp(void);
Suite * kd_suite_qfield(void);
Suite * kd_suite_alg(void);
Suite * kd_suite_path(void);
Suite * kd_suite_iter(void);
Suite * kd_suite_problem(void);
Suite * kd_suite_truth(void);
Suite * kd_suite_omega(void);
Suite * kd_suite_lista(void);
Suite * kd_suite_stability(void);
Suite * kd_suite_stabop(void);
Suite * kd_suite_convergence(void);
Suite * kd_suite_regimes(void);
Suite * kd_suite_lasso(void);
Suite * kd_suite_bpprobe(void);
Suite * kd_suite_sci(void);
Suite * kd_suite_spectrum(void);
Suite * kd_suite_peers(void);
Suite * kd_suite_candidate(void);
Suite * kd_suite_certify_complex(void);
Suite * kd_suite_op(void);
Suite * kd_suite_solveop(void);
Suite * kd_suite_dln(void);

#endif
