/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kd_dln_flow: the explicit integrators' front end (backend dispatch,
   options, exact conversions). */
#include <math.h>
#include <string.h>
#include "internal.h"

const char *
kd_dln_scheme_name(kd_dln_scheme s)
{
    return s == KD_DLN_RK4 ? "rk4" : "euler";
}

kd_status
kd_dln_scheme_parse(kd_dln_scheme * s, const char * name)
{
    if (strcmp(name, "euler") == 0)
        *s = KD_DLN_EULER;
    else if (strcmp(name, "rk4") == 0)
        *s = KD_DLN_RK4;
    else
        return kd_error_set(KD_ERR_ARG, "the scheme must be euler or rk4, not '%s'", name);
    return KD_OK;
}

void
kd_dln_flow_opts_init(kd_dln_flow_opts_t o)
{
    o->scheme = KD_DLN_EULER;
    o->h = 1.0 / 16;
    o->T = 64;
    o->prec = 0;
}

double
_kd_dln_fmpq_get_d(const fmpq_t q)
{
    mpfr_t t;
    double d;
    mpfr_init2(t, 53);
    fmpq_get_mpfr(t, q, MPFR_RNDN);
    d = mpfr_get_d(t, MPFR_RNDN);
    mpfr_clear(t);
    return d;
}

void
_kd_dln_fmpq_set_arf(fmpq_t q, const arf_t a)
{
    fmpz_t man, e;
    fmpz_init(man);
    fmpz_init(e);
    arf_get_fmpz_2exp(man, e, a);
    fmpz_set(fmpq_numref(q), man);
    fmpz_one(fmpq_denref(q));
    if (fmpz_sgn(e) >= 0)
        fmpq_mul_2exp(q, q, fmpz_get_ui(e));
    else
    {
        fmpz_neg(e, e);
        fmpq_div_2exp(q, q, fmpz_get_ui(e));
    }
    fmpz_clear(man);
    fmpz_clear(e);
}

void
_kd_dln_fmpq_set_mpfr(fmpq_t q, const mpfr_t a)
{
    arf_t t;
    arf_init(t);
    arf_set_mpfr(t, a);
    _kd_dln_fmpq_set_arf(q, t);
    arf_clear(t);
}

void
_kd_dln_fmpq_set_d(fmpq_t q, double a)
{
    mpfr_t t;
    mpfr_init2(t, 53);
    mpfr_set_d(t, a, MPFR_RNDN);
    _kd_dln_fmpq_set_mpfr(q, t);
    mpfr_clear(t);
}

kd_status
kd_dln_flow(fmpq_mat_t x, slong * steps, const fmpq_mat_t A, const fmpq_mat_t y, slong D,
            const fmpq_t alpha, const kd_dln_flow_opts_t o)
{
    return _kd_dln_flow_cp(x, steps, A, y, D, alpha, o, NULL);
}

kd_status
_kd_dln_flow_cp(fmpq_mat_t x, slong * steps, const fmpq_mat_t A, const fmpq_mat_t y, slong D,
                const fmpq_t alpha, const kd_dln_flow_opts_struct * o, fmpq_mat_struct * H)
{
    slong m = fmpq_mat_nrows(A), N = fmpq_mat_ncols(A);
    if (fmpq_mat_nrows(y) != m || fmpq_mat_ncols(y) != 1 || fmpq_mat_nrows(x) != N
        || fmpq_mat_ncols(x) != 1 || m < 1 || N < 1)
        return kd_error_set(KD_ERR_SIZE, "dln flow: A is %ld x %ld, y %ld x %ld, x %ld x %ld",
                            (long) m, (long) N, (long) fmpq_mat_nrows(y), (long) fmpq_mat_ncols(y),
                            (long) fmpq_mat_nrows(x), (long) fmpq_mat_ncols(x));
    if (D < 2)
        return kd_error_set(KD_ERR_ARG, "dln flow: the depth must be >= 2, got %ld", (long) D);
    if (fmpq_sgn(alpha) <= 0)
        return kd_error_set(KD_ERR_ARG, "dln flow: alpha must be > 0");
    if (!(o->h > 0) || !(o->T >= 0) || !isfinite(o->T) || o->T / o->h > 1e12)
        return kd_error_set(KD_ERR_ARG, "dln flow: need h > 0, T >= 0 and T/h <= 1e12 "
                            "(h = %g, T = %g)", o->h, o->T);
    if (o->prec != 0 && (o->prec < MPFR_PREC_MIN || o->prec > 100000))
        return kd_error_set(KD_ERR_ARG, "dln flow: MPFR precision %ld out of range",
                            (long) o->prec);
    return o->prec == 0 ? _kd_dln_flow_d(x, steps, A, y, D, alpha, o, H)
                        : _kd_dln_flow_mpfr(x, steps, A, y, D, alpha, o, H);
}
