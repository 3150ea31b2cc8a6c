/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Fixed-seed randomness for the Check suites. */
#include <stdio.h>
#include "testutil.h"

ulong
kd_test_seed(ulong salt)
{
    return KD_TEST_SEED ^ (salt * 0x9E3779B97F4A7C15UL);
}

void
kd_test_randinit(flint_rand_t state, ulong salt)
{
    ulong s = kd_test_seed(salt);
    flint_randinit(state);
    flint_randseed(state, s, s ^ 0x5DEECE66DUL);
}

int
kd_test_fmpq_is_dyadic(const fmpq_t q)
{
    return fmpz_popcnt(fmpq_denref(q)) == 1;
}

void
kd_test_arb_set_dyadic(arb_t r, const fmpq_t q)
{
    arf_t t;
    arf_init(t);
    arf_set_fmpz(t, fmpq_numref(q));
    arf_mul_2exp_si(t, t, -(slong) fmpz_val2(fmpq_denref(q)));
    arb_set_arf(r, t);
    arf_clear(t);
}

void
kd_test_arb_set_json(arb_t b, json_t * j, slong prec)
{
    char buf[512];
    const char * mid = json_string_value(json_object_get(j, "mid"));
    const char * rad = json_string_value(json_object_get(j, "rad"));
    ck_assert_msg(mid != NULL && rad != NULL, "not a {mid, rad} ball");
    snprintf(buf, sizeof buf, "%s +/- %s", mid, rad);
    ck_assert_int_eq(arb_set_str(b, buf, prec), 0);
}

void
kd_test_rand_fmpq(fmpq_t q, flint_rand_t st, slong num, ulong den)
{
    fmpz_set_si(fmpq_numref(q), (slong) n_randint(st, 2 * num + 1) - num);
    fmpz_set_ui(fmpq_denref(q), 1 + n_randint(st, den));
    fmpq_canonicalise(q);
}

void
kd_test_rand_fmpq_mat(fmpq_mat_t M, flint_rand_t st, slong num, ulong den)
{
    slong i, j;
    for (i = 0; i < fmpq_mat_nrows(M); i++)
        for (j = 0; j < fmpq_mat_ncols(M); j++)
            kd_test_rand_fmpq(fmpq_mat_entry(M, i, j), st, num, den);
}
