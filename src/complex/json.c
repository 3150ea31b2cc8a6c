/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* An approximation of a number as JSON: what `kdigits approx --format
   json` prints. */
#include "kdigits/util.h"
#include "kdigits/json.h"

static json_t *
json_dec(const fmpq_t q, slong digits)
{
    return kd_json_take_string(kd_fmpq_get_decimal(q, digits));
}

json_t *
kd_complex_approx_json(const char * expr, slong n, const fmpq_t re, const fmpq_t im,
                       const mag_t err, int is_real, slong digits)
{
    json_t * v, * d;
    if (is_real)
    {
        v = kd_json_fmpq(re);
        d = json_dec(re, digits);
    }
    else
    {
        v = json_pack("{soso}", "re", kd_json_fmpq(re), "im", kd_json_fmpq(im));
        d = json_pack("{soso}", "re", json_dec(re, digits), "im", json_dec(im, digits));
    }
    return json_pack("{sssIsososbsosbsb}", "expr", expr, "n", (json_int_t) n,
                     "value", v, "decimal", d, "complex", !is_real,
                     "error_bound", kd_json_mag(err), "exact", mag_is_zero(err),
                     "certified", 1);
}
