/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The LASSO probe read through IEEE double (kdigits demo): the rounded
   matrix with a proved distance to the exact one, the levels it can answer,
   and 1 - rho certified against 1 - rho in double (lasso-probe.md §1-§2). */
#include <math.h>
#include "kdigits/lasso.h"

#define IEEE_PREC 512

void
kd_lasso_ieee_init(kd_lasso_ieee_t I)
{
    kd_mat_init(&I->A, 0, 0);
    kd_mat_init(&I->y, 0, 0);
    I->inexact = I->valid_level = 0;
    mag_init(&I->A_d_err);
    arb_init(&I->one_minus_rho);
    I->one_minus_rho_d = 0;
}

void
kd_lasso_ieee_clear(kd_lasso_ieee_t I)
{
    kd_mat_clear(&I->A);
    kd_mat_clear(&I->y);
    mag_clear(&I->A_d_err);
    arb_clear(&I->one_minus_rho);
}

/* The double nearest the midpoint of each entry's ball, and a proved bound
   on the Frobenius distance of that double matrix to the exact one (the
   ball's radius is inside each entry's error). */
static kd_status
double_rounding(double * d, mag_t frob, const kd_mat_t A)
{
    slong i;
    kd_status st = KD_OK;
    arb_t x, e;
    arf_t t;
    mag_t m;
    arb_init(x);
    arb_init(e);
    arf_init(t);
    mag_init(m);
    mag_zero(frob);
    for (i = 0; i < A->r * A->c && st == KD_OK; i++)
    {
        st = kd_real_eval_arb(x, &A->entries[i].re, IEEE_PREC);
        if (st != KD_OK)
            break;
        d[i] = arf_get_d(arb_midref(x), ARF_RND_NEAR);
        arf_set_d(t, d[i]);
        arb_sub_arf(e, x, t, IEEE_PREC);
        arb_get_mag(m, e);
        mag_addmul(frob, m, m);
    }
    mag_sqrt(frob, frob);
    arb_clear(x);
    arb_clear(e);
    arf_clear(t);
    mag_clear(m);
    return st;
}

/* 1 - <a1,a2>/(|a1| |a2|), certified, from the exact entries. */
static kd_status
one_minus_rho(arb_t r, const kd_mat_t A)
{
    arb_t a, b, s11, s22, s12;
    slong i;
    kd_status st = KD_OK;
    arb_init(a);
    arb_init(b);
    arb_init(s11);
    arb_init(s22);
    arb_init(s12);
    for (i = 0; i < 3 && st == KD_OK; i++)
    {
        if ((st = kd_real_eval_arb(a, kd_mat_entry_re(A, i, 0), IEEE_PREC)) != KD_OK
            || (st = kd_real_eval_arb(b, kd_mat_entry_re(A, i, 1), IEEE_PREC)) != KD_OK)
            break;
        arb_addmul(s11, a, a, IEEE_PREC);
        arb_addmul(s22, b, b, IEEE_PREC);
        arb_addmul(s12, a, b, IEEE_PREC);
    }
    arb_mul(a, s11, s22, IEEE_PREC);
    arb_rsqrt(a, a, IEEE_PREC);
    arb_mul(a, a, s12, IEEE_PREC);
    arb_sub_ui(r, a, 1, IEEE_PREC);
    arb_neg(r, r);
    arb_clear(a);
    arb_clear(b);
    arb_clear(s11);
    arb_clear(s22);
    arb_clear(s12);
    return st;
}

/* the same as a double user computes it (row-major 3 x 2) */
static double
one_minus_rho_double(const double * d)
{
    double s11 = d[0] * d[0] + d[2] * d[2] + d[4] * d[4];
    double s22 = d[1] * d[1] + d[3] * d[3] + d[5] * d[5];
    double s12 = d[0] * d[1] + d[2] * d[3] + d[4] * d[5];
    return 1.0 - s12 / (sqrt(s11) * sqrt(s22));
}

kd_status
kd_lasso_probe_ieee(kd_lasso_ieee_t I, const kd_real_t delta)
{
    kd_status st;
    slong n;
    if ((st = kd_lasso_probe_instance(&I->A, &I->y, delta, 0)) != KD_OK
        || (st = double_rounding(I->A_d, &I->A_d_err, &I->A)) != KD_OK
        || (st = one_minus_rho(&I->one_minus_rho, &I->A)) != KD_OK)
        return st;
    I->one_minus_rho_d = one_minus_rho_double(I->A_d);
    for (n = 0; n < 2000 && mag_cmp_2exp_si(&I->A_d_err, -(n + 1)) <= 0; n++)
        ;
    I->valid_level = n;
    I->inexact = kd_mat_count_inexact(&I->A);
    return KD_OK;
}
