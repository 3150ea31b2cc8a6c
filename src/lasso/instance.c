/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The LASSO-probe instance A_delta, y (lasso-probe.md §1) as exact matrices. */
#include "kdigits/lasso.h"

kd_status
kd_lasso_probe_instance(kd_mat_t A, kd_mat_t y, const kd_real_t delta, int mirror)
{
    kd_real_t r, t;
    kd_status st;
    slong c1 = mirror ? 1 : 0, c2 = mirror ? 0 : 1;

    if ((st = kd_mat_resize(A, 3, 2)) != KD_OK || (st = kd_mat_resize(y, 3, 1)) != KD_OK)
        return st;
    kd_real_init(r);
    kd_real_init(t);
    kd_real_set_si_si(r, 1, 2);
    kd_real_sqrt(r, r);                              /* 1/sqrt(2) */
    kd_real_sub(t, r, delta);
    kd_mat_set_entry_real(A, 0, c1, t);
    kd_mat_set_entry_real(A, 0, c2, r);
    kd_real_neg(t, r);
    kd_mat_set_entry_real(A, 1, c2, t);
    kd_mat_set_entry_real(y, 1, 0, t);
    kd_real_sub(t, t, delta);
    kd_mat_set_entry_real(A, 1, c1, t);
    kd_real_add(t, delta, delta);
    kd_mat_set_entry_real(A, 2, c1, t);
    kd_mat_set_entry_real(y, 0, 0, r);
    A->is_complex = 0;
    y->is_complex = 0;
    kd_real_clear(r);
    kd_real_clear(t);
    return KD_OK;
}
