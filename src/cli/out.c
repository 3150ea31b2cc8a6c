/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Output helpers shared by the commands: JSON values via jansson, CSV. */
#include <string.h>
#include "cli.h"

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

int
kd_json_print(json_t * j)
{
    int r = json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(j);
    fputc('\n', stdout);
    return r == 0 ? 0 : KD_EXIT_FAIL;
}

void
kd_csv_field(FILE * f, const char * s)
{
    if (strpbrk(s, ",\"\n\r") == NULL)
    {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++)
    {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

char *
kd_cli_ball_str(const arb_t x, slong digits)
{
    char * mid, * rad, * s;
    size_t len;
    if (!arb_is_finite(x))
    {
        s = flint_malloc(2);
        strcpy(s, "-");
        return s;
    }
    kd_arb_get_decimal(&mid, &rad, x, digits);
    len = strlen(mid) + strlen(rad) + 8;
    s = flint_malloc(len);
    snprintf(s, len, "%s +/- %s", mid, rad);
    flint_free(mid);
    flint_free(rad);
    return s;
}
