/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Ball enclosures of all entries of an exact matrix. */
#include "kdigits/mat.h"

kd_status
kd_mat_eval_acb_mat(acb_mat_t R, const kd_mat_t A, slong prec)
{
    slong i, j;
    kd_status st;
    if (acb_mat_nrows(R) != A->r || acb_mat_ncols(R) != A->c)
        return kd_error_set(KD_ERR_SIZE, "enclosure matrix is %ld x %ld, expected %ld x %ld",
                            acb_mat_nrows(R), acb_mat_ncols(R), A->r, A->c);
    for (i = 0; i < A->r; i++)
        for (j = 0; j < A->c; j++)
            if ((st = kd_complex_eval_acb(acb_mat_entry(R, i, j), kd_mat_entry(A, i, j), prec)) != KD_OK)
            {
                kd_error_prefix("entry (%ld, %ld)", i + 1, j + 1);
                return st;
            }
    return KD_OK;
}
