/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* libFuzzer harness for the expression parser and the oracle behind it: every
   input must parse or be refused with a status, and a parsed value must be
   approximable (or refused) without a crash, a leak or a hang. */
#include <stdlib.h>
#include <string.h>
#include "kdigits/kdigits.h"
#include "fuzz.h"

/* A small working-precision cap keeps undecidable inputs (sqrt(2)^2 - 2 as a
   divisor) cheap; the oracle then answers KD_ERR_UNDECIDED, which is fine. */
#define EXPR_LEVEL 10
#define EXPR_PREC_CAP 2048
#define EXPR_STR_MAX 4096

static void
expr_real(const char * s)
{
    kd_real_t x, y;
    fmpq_t q;
    mag_t err;
    char * t;
    kd_real_init(x);
    kd_real_init(y);
    fmpq_init(q);
    mag_init(err);
    if (kd_real_parse(x, s) == KD_OK)
    {
        kd_status st = kd_real_approx(q, err, x, EXPR_LEVEL, EXPR_PREC_CAP);
        /* An answer must meet the contract |q - x| <= err <= 2^-n. */
        if (st == KD_OK && !kd_mag_le_2exp(err, -EXPR_LEVEL))
            KD_FUZZ_FAIL("kd_real_approx: error bound above 2^-n");
        /* What kd_real_get_str prints must parse back. A shared DAG can
           print exponentially long, hence the bounded variant. */
        if (kd_real_get_str_max(&t, x, EXPR_STR_MAX) == KD_OK)
        {
            if (kd_real_parse(y, t) != KD_OK)
                KD_FUZZ_FAIL("kd_real_get_str output does not parse back");
            flint_free(t);
        }
    }
    kd_error_clear();
    mag_clear(err);
    fmpq_clear(q);
    kd_real_clear(y);
    kd_real_clear(x);
}

static void
expr_complex(const char * s)
{
    kd_complex_t z;
    fmpq_t re, im;
    char * t;
    mag_t err;
    kd_complex_init(z);
    fmpq_init(re);
    fmpq_init(im);
    mag_init(err);
    if (kd_complex_parse(z, s) == KD_OK)
    {
        kd_status st = kd_complex_approx(re, im, err, z, EXPR_LEVEL, EXPR_PREC_CAP);
        if (st == KD_OK && !kd_mag_le_2exp(err, -EXPR_LEVEL))
            KD_FUZZ_FAIL("kd_complex_approx: error bound above 2^-n");
        /* kd_complex_get_str has no bound: (pi+pi+i)^-488 prints to
           gigabytes (regressions/expr/timeout-complex-pow-get-str). */
        if (kd_real_get_str_max(&t, &z->re, EXPR_STR_MAX) == KD_OK)
            flint_free(t);
        if (kd_real_get_str_max(&t, &z->im, EXPR_STR_MAX) == KD_OK)
            flint_free(t);
    }
    kd_error_clear();
    mag_clear(err);
    fmpq_clear(im);
    fmpq_clear(re);
    kd_complex_clear(z);
}

int
LLVMFuzzerTestOneInput(const uint8_t * data, size_t size)
{
    char * s;
    kd_fuzz_limits();
    s = kd_fuzz_cstr(data, size);
    expr_real(s);
    expr_complex(s);
    free(s);
    return 0;
}
