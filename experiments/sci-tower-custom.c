/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* A worked example of defining one's own towers of algorithms with the SCI
   API (include/kdigits/sci.h, proofs-notes/sci.md §1, §3, §7) and running
   them on oracle input.

   Usage: experiments/sci-tower-custom [EXPR ...]
          (default inputs: -2^-30, 0, 1/3 - 0.3333, 22/7, pi, sqrt(2))

   For each input it prints the table of the x >= 0 tower over n = 0..40
   and the grid of the height-2 tower over n2 = 1, 7, 113, 30000 (rows) and
   n1 = 0..64 (columns): 22/7 is accepted from row 7 on, 1/30000 in row
   30000, while for pi every row ends in "no", later and later (355/113 is
   within 2^-21 of pi).

   Two towers are defined here:

   1. "x >= 0", height 1, Pi_1: Gamma_n = no if q_n < -2^-n, else yes. A no
      is always right (x <= q_n + 2^-n < 0); a yes never is certain (x = 0
      and x = -2^-N give the same answers up to level N). It is the mirror
      image of the library's Sigma_1 tower for x > 0.

   2. "x is rational", height 2: Gamma_{n2,n1} = yes if some fraction p/q
      with 1 <= q <= n2 lies within 2^-n1 of q_{n1}. For fixed n2 the inner
      limit over n1 is "x has a denominator <= n2" (a fraction with q <= n2
      at positive distance d from x is rejected once 2 2^-n1 < d, and only
      finitely many such fractions lie near x); the outer limit over n2 is
      "x is rational". Neither value is certain at any finite (n2, n1).

   To write your own: a base function reads the oracle (kd_oracle_get, any
   levels, finitely many), sets out->value (or out->ball) and out->certified
   when the class's one-sided claim holds; kd_tower_set declares the
   height, the value type and what a certified output proves. */
#include <stdio.h>
#include <stdlib.h>
#include "kdigits/sci.h"

/* ------------------------------------------------------------ 1. x >= 0 */

static kd_status
read_q(fmpq_t q, kd_oracle_t O, slong n)
{
    fmpq_mat_t re;
    kd_status st;
    fmpq_mat_init(re, 1, 1);
    st = kd_oracle_get(re, NULL, O, n);
    if (st == KD_OK)
        fmpq_set(q, fmpq_mat_entry(re, 0, 0));
    fmpq_mat_clear(re);
    return st;
}

static kd_status
nonneg_base(kd_tower_out_t out, const slong * n, kd_oracle_t O, void * data)
{
    fmpq_t q, t;
    kd_status st;
    (void) data;
    fmpq_init(q);
    fmpq_init(t);
    st = read_q(q, O, n[0]);
    if (st == KD_OK)
    {
        /* t = -2^-n; q < t proves x <= q + 2^-n < 0 */
        fmpq_one(t);
        fmpq_div_2exp(t, t, n[0]);
        fmpq_neg(t, t);
        out->value = fmpq_cmp(q, t) < 0 ? 0 : 1;
        /* Pi_1: the value is an upper bound of Xi; it says something only
           when it is 0 */
        out->certified = out->value == 0;
    }
    fmpq_clear(q);
    fmpq_clear(t);
    return st;
}

/* ------------------------------------------------------------ 2. x in Q */

/* Is some p/q, 1 <= q <= D, within 2^-n of c? (exact) */
static int
near_fraction(const fmpq_t c, slong D, slong n)
{
    fmpq_t f, d, b;
    fmpz_t p, qz, t;
    slong q;
    int found = 0;
    fmpq_init(f);
    fmpq_init(d);
    fmpq_init(b);
    fmpz_init(p);
    fmpz_init(qz);
    fmpz_init(t);
    fmpq_one(b);
    fmpq_div_2exp(b, b, n);
    for (q = 1; q <= D && !found; q++)
    {
        /* the nearest fraction with denominator q: p = floor(c q + 1/2) */
        fmpq_mul_si(f, c, q);
        fmpz_mul_2exp(p, fmpq_numref(f), 1);
        fmpz_add(p, p, fmpq_denref(f));
        fmpz_mul_2exp(t, fmpq_denref(f), 1);
        fmpz_fdiv_q(p, p, t);
        fmpz_set_si(qz, q);
        fmpq_set_fmpz_frac(f, p, qz);
        fmpq_sub(d, c, f);
        fmpq_abs(d, d);
        found = fmpq_cmp(d, b) <= 0;
    }
    fmpz_clear(t);
    fmpz_clear(qz);
    fmpz_clear(p);
    fmpq_clear(b);
    fmpq_clear(d);
    fmpq_clear(f);
    return found;
}

static kd_status
rational_base(kd_tower_out_t out, const slong * n, kd_oracle_t O, void * data)
{
    fmpq_t c;
    kd_status st;
    (void) data;
    fmpq_init(c);
    st = read_q(c, O, n[0]);                        /* n[0] = n1, the inner index */
    if (st == KD_OK)
        out->value = near_fraction(c, n[1], n[0]);   /* n[1] = n2 = the denominator bound */
    out->certified = 0;                             /* nothing is certain about Xi */
    fmpq_clear(c);
    return st;
}

int
main(int argc, char ** argv)
{
    static const char * defaults[] = {"-2^-30", "0", "1/3 - 0.3333", "22/7", "pi", "sqrt(2)"};
    static const slong n1[] = {0, 8, 16, 24, 32, 48, 64};
    static const slong n2[] = {1, 7, 113, 30000};
    static const slong nn[] = {0, 10, 20, 30, 40};
    const char * const * inputs = argc > 1 ? (const char * const *) argv + 1 : defaults;
    slong ninputs = argc > 1 ? argc - 1 : 6, i, len1 = 5, len2[2] = {7, 4};
    kd_tower_t nonneg, rational;
    int ret = 0;

    kd_tower_set(nonneg, "x >= 0", 1, KD_TOWER_INT, KD_TOWER_CERT_UPPER, nonneg_base, NULL);
    nonneg->sci_class = "Pi_1";
    nonneg->value_name = kd_sci_yes_no;
    kd_tower_set(rational, "x is rational", 2, KD_TOWER_INT, KD_TOWER_CERT_NONE,
                 rational_base, NULL);
    rational->sci_class = "Delta_3";
    rational->value_name = kd_sci_yes_no;

    for (i = 0; i < ninputs; i++)
    {
        kd_real_t x;
        kd_oracle_t O;
        kd_tower_run_t R;
        kd_status st;
        const slong * lv[2];

        kd_real_init(x);
        kd_tower_run_init(R);
        st = kd_real_parse(x, inputs[i]);
        if (st == KD_OK)
            st = kd_sci_oracle_init_real(O, x);
        if (st != KD_OK)
        {
            fprintf(stderr, "sci-tower-custom: %s: %s\n", inputs[i], kd_error_message());
            kd_real_clear(x);
            ret = 2;
            continue;
        }
        printf("==== x = %s\n", inputs[i]);
        lv[0] = nn;
        st = kd_tower_run(R, nonneg, O, lv, &len1);
        if (st == KD_OK)
            st = kd_tower_run_write(stdout, nonneg, R, 10);
        printf("\n");
        lv[0] = n1;
        lv[1] = n2;
        if (st == KD_OK)
            st = kd_tower_run(R, rational, O, lv, len2);
        if (st == KD_OK)
            st = kd_tower_run_write(stdout, rational, R, 10);
        printf("\n");
        if (st != KD_OK)
        {
            fprintf(stderr, "sci-tower-custom: %s: %s\n", inputs[i], kd_error_message());
            ret = 1;
        }
        kd_tower_run_clear(R);
        kd_oracle_clear(O);
        kd_real_clear(x);
    }
    flint_cleanup();
    return ret;
}
