/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The oracle of an exact complex number (proofs-notes/oracle.md §2). */
#include "kdigits/complex.h"

kd_status
kd_complex_approx(fmpq_t re, fmpq_t im, mag_t err, const kd_complex_t z,
                  slong n, slong prec_cap)
{
    kd_status st;
    mag_t e2;

    if ((st = kd_check_level(n)) != KD_OK)
        return st;
    if (kd_complex_is_real(z))
    {
        fmpq_zero(im);
        return kd_real_approx(re, err, &z->re, n, prec_cap);
    }
    if (n + 1 > KD_LEVEL_MAX)
        return kd_error_set(KD_ERR_ARG, "level n = %ld is too large for a complex value (at most %d)",
                            n, KD_LEVEL_MAX - 1);
    /* |dre + i dim| <= |dre| + |dim| <= 2 * 2^-(n+1) */
    mag_init(e2);
    st = kd_real_approx(re, err, &z->re, n + 1, prec_cap);
    if (st == KD_OK)
        st = kd_real_approx(im, e2, &z->im, n + 1, prec_cap);
    if (st == KD_OK)
        mag_add(err, err, e2);
    mag_clear(e2);
    return st;
}
