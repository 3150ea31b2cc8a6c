/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Built-in exact matrices: identity, orthonormal DCT-II, unitary DFT. */
#include "kdigits/mat.h"

static kd_status
check_size(slong m, const char * what)
{
    if (m < 1)
        return kd_error_set(KD_ERR_ARG, "%s size %ld must be at least 1", what, m);
    if (m > 100000)
        return kd_error_set(KD_ERR_ARG, "%s size %ld is too large (at most 100000)", what, m);
    return KD_OK;
}

kd_status
kd_mat_identity(kd_mat_t A, slong m)
{
    slong i;
    kd_status st;
    if ((st = check_size(m, "identity")) != KD_OK || (st = kd_mat_resize(A, m, m)) != KD_OK)
        return st;
    for (i = 0; i < m; i++)
        kd_complex_one(kd_mat_entry(A, i, i));
    return KD_OK;
}

kd_status
kd_mat_dct2(kd_mat_t Q, slong m)
{
    slong j, k;
    kd_status st;
    kd_real_t s0, s1, c;
    fmpq_t q;

    if ((st = check_size(m, "DCT")) != KD_OK || (st = kd_mat_resize(Q, m, m)) != KD_OK)
        return st;
    kd_real_init(s0);
    kd_real_init(s1);
    kd_real_init(c);
    fmpq_init(q);
    /* the scale factors are shared nodes, evaluated once per precision */
    kd_real_set_si_si(s0, 1, m);
    kd_real_sqrt(s0, s0);
    kd_real_set_si_si(s1, 2, m);
    kd_real_sqrt(s1, s1);
    for (k = 0; k < m; k++)
        for (j = 0; j < m; j++)
        {
            fmpq_set_si(q, (2 * j + 1) * k, 2 * m);
            kd_real_cos_pi_fmpq(c, q);
            kd_real_mul(c, c, k == 0 ? s0 : s1);
            kd_complex_set_real(kd_mat_entry(Q, k, j), c);
        }
    Q->is_complex = 0;
    kd_real_clear(s0);
    kd_real_clear(s1);
    kd_real_clear(c);
    fmpq_clear(q);
    return KD_OK;
}

kd_status
kd_mat_dft(kd_mat_t F, slong m)
{
    slong j, k;
    kd_status st;
    kd_real_t s, re, im;
    fmpq_t q;

    if ((st = check_size(m, "DFT")) != KD_OK || (st = kd_mat_resize(F, m, m)) != KD_OK)
        return st;
    kd_real_init(s);
    kd_real_init(re);
    kd_real_init(im);
    fmpq_init(q);
    kd_real_set_si_si(s, 1, m);
    kd_real_sqrt(s, s);
    for (k = 0; k < m; k++)
        for (j = 0; j < m; j++)
        {
            /* exp(-2 pi i jk/m): reduce jk mod m so the argument stays small */
            fmpq_set_si(q, -2 * ((j * k) % m), m);
            kd_real_cos_pi_fmpq(re, q);
            kd_real_sin_pi_fmpq(im, q);
            kd_real_mul(re, re, s);
            kd_real_mul(im, im, s);
            kd_complex_set_real_imag(kd_mat_entry(F, k, j), re, im);
        }
    kd_mat_update_is_complex(F);
    kd_real_clear(s);
    kd_real_clear(re);
    kd_real_clear(im);
    fmpq_clear(q);
    return KD_OK;
}
