/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* A matrix oracle's answers as JSON: the levels `kdigits oracle --format
   json` prints. */
#include "kdigits/json.h"

json_t *
kd_oracle_level_json(slong n, slong entry_level, const fmpq_mat_t re, const fmpq_mat_t im,
                     const mag_t err)
{
    json_t * jl = json_pack("{sIsIsoso}", "n", (json_int_t) n,
                            "entry_level", (json_int_t) entry_level,
                            "error_bound_frobenius", kd_json_mag(err), "certified", json_true());
    if (jl == NULL)
        return NULL;
    json_object_set_new(jl, "re", kd_json_fmpq_mat(re));
    if (im != NULL)
        json_object_set_new(jl, "im", kd_json_fmpq_mat(im));
    return jl;
}
