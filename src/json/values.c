/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* JSON values of the library's number and truth types, shared by the
   result serializers. */
#include <stdlib.h>
#include <string.h>
#include "kdigits/util.h"
#include "kdigits/json.h"

json_t *
kd_json_take_string(char * s)
{
    json_t * j = json_string(s);
    flint_free(s);
    return j;
}

json_t *
kd_json_fmpq(const fmpq_t q)
{
    return kd_json_take_string(kd_fmpq_get_str(q));
}

json_t *
kd_json_fmpq_mat(const fmpq_mat_t M)
{
    slong i, j;
    json_t * rows = json_array();
    for (i = 0; i < fmpq_mat_nrows(M); i++)
    {
        json_t * row = json_array();
        for (j = 0; j < fmpq_mat_ncols(M); j++)
            json_array_append_new(row, kd_json_fmpq(fmpq_mat_entry(M, i, j)));
        json_array_append_new(rows, row);
    }
    return rows;
}

json_t *
kd_json_mag(const mag_t m)
{
    return kd_json_take_string(kd_mag_get_decimal(m, 6));
}

json_t *
kd_json_arb(const arb_t x, slong digits)
{
    char * mid, * rad;
    json_t * j = json_object();
    kd_arb_get_decimal(&mid, &rad, x, digits);
    json_object_set_new(j, "mid", kd_json_take_string(mid));
    json_object_set_new(j, "rad", kd_json_take_string(rad));
    return j;
}

json_t *
kd_json_arb_or_null(const arb_t x, slong digits)
{
    return arb_is_finite(x) ? kd_json_arb(x, digits) : json_null();
}

json_t *
kd_json_truth(kd_truth t)
{
    return t == KD_UNKNOWN ? json_string("unknown") : json_boolean(t == KD_TRUE);
}

json_t *
kd_json_truth_or_null(kd_truth t)
{
    return t == KD_TRUE ? json_true() : t == KD_FALSE ? json_false() : json_null();
}

json_t *
kd_json_slong_list(const slong * v, slong n)
{
    json_t * a = json_array();
    slong i;
    for (i = 0; i < n; i++)
        json_array_append_new(a, json_integer(v[i]));
    return a;
}

json_t *
kd_oracle_reads_json(const kd_oracle_reads_struct * L)
{
    json_t * j = json_object(), * jl = json_array();
    slong i;
    json_object_set_new(j, "count", json_integer(L->nreads));
    json_object_set_new(j, "exact", json_integer(L->nexact));
    for (i = 0; i < L->nreads; i++)
        if (L->levels[i] != KD_ORACLE_EXACT)
            json_array_append_new(jl, json_integer(L->levels[i]));
    json_object_set_new(j, "levels", jl);
    return j;
}

slong
kd_json_level_digits(slong n)
{
    slong d = (slong) (n * 0.30103) + 2;
    return d < 6 ? 6 : d > 60 ? 60 : d;
}

char *
kd_json_dumps_malloc(const json_t * j, size_t flags)
{
    char * s = json_dumps(j, flags), * out = NULL;
    json_free_t jfree;
    if (s == NULL)
        return NULL;
    out = malloc(strlen(s) + 1);
    if (out != NULL)
        strcpy(out, s);
    json_get_alloc_funcs(NULL, &jfree);
    jfree(s);
    return out;
}
