/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Exact complex numbers as pairs (re, im) of exact reals, with the oracle
   contract |q - z| <= 2^-n in the modulus (proofs-notes/oracle.md §2). */
#ifndef KDIGITS_COMPLEX_H
#define KDIGITS_COMPLEX_H

#include "kdigits/real.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct
{
    kd_real_struct re;
    kd_real_struct im;
}
kd_complex_struct;

typedef kd_complex_struct kd_complex_t[1];
typedef kd_complex_struct * kd_complex_ptr;
typedef const kd_complex_struct * kd_complex_srcptr;

#define kd_complex_realref(z) (&(z)->re)
#define kd_complex_imagref(z) (&(z)->im)

void kd_complex_init(kd_complex_t z);
void kd_complex_clear(kd_complex_t z);
void kd_complex_set(kd_complex_t y, const kd_complex_t x);
void kd_complex_swap(kd_complex_t x, kd_complex_t y);
void kd_complex_zero(kd_complex_t z);
void kd_complex_one(kd_complex_t z);
void kd_complex_set_real(kd_complex_t z, const kd_real_t x);
void kd_complex_set_real_imag(kd_complex_t z, const kd_real_t re, const kd_real_t im);
/* z = i. */
void kd_complex_onei(kd_complex_t z);
/* z = exp(i pi q) = cos(pi q) + i sin(pi q). */
void kd_complex_exp_pi_i_fmpq(kd_complex_t z, const fmpq_t q);

/* The imaginary part is structurally zero. */
int kd_complex_is_real(const kd_complex_t z);
int kd_complex_is_zero(const kd_complex_t z);

void kd_complex_neg(kd_complex_t y, const kd_complex_t x);
void kd_complex_conj(kd_complex_t y, const kd_complex_t x);
void kd_complex_add(kd_complex_t z, const kd_complex_t x, const kd_complex_t y);
void kd_complex_sub(kd_complex_t z, const kd_complex_t x, const kd_complex_t y);
void kd_complex_mul(kd_complex_t z, const kd_complex_t x, const kd_complex_t y);
kd_status kd_complex_div(kd_complex_t z, const kd_complex_t x, const kd_complex_t y);
kd_status kd_complex_pow_si(kd_complex_t y, const kd_complex_t x, slong e);
/* Square root: only of values that are structurally real (KD_ERR_UNSUPPORTED
   otherwise); the radicand must be >= 0. */
kd_status kd_complex_sqrt(kd_complex_t y, const kd_complex_t x);

kd_status kd_complex_eval_acb(acb_t res, const kd_complex_t z, slong prec);

/* Dyadic re + i im with |(re + i im) - z| <= err <= 2^-n (each part is
   asked for level n + 1). Structurally real z gives im = 0 exactly. */
kd_status kd_complex_approx(fmpq_t re, fmpq_t im, mag_t err,
                            const kd_complex_t z, slong n, slong prec_cap);

/* Parses an exact complex expression: the real grammar plus the constant i
   and exp(i*pi*q) written cispi(q) (kdigits/expr.h). */
kd_status kd_complex_parse(kd_complex_t z, const char * s);

/* "re" for real values, otherwise "(re) + (im)*i"; flint_free it. */
char * kd_complex_get_str(const kd_complex_t z);

#ifdef __cplusplus
}
#endif
#endif
