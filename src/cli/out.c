/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Output helpers shared by the commands: printing JSON (built by the
   library, kdigits/json.h), CSV fields, balls as text. */
#include <string.h>
#include "cli.h"

int
kd_json_print(json_t * j)
{
    int r;
    if (j == NULL)
    {
        fprintf(stderr, "kdigits: out of memory building the JSON output\n");
        return KD_EXIT_FAIL;
    }
    r = json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
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

int
kd_csv_print_json(json_t * doc)
{
    kd_status st;
    if (doc == NULL)
    {
        fprintf(stderr, "kdigits: out of memory building the output\n");
        return KD_EXIT_FAIL;
    }
    st = kd_json_write_csv(stdout, doc);
    json_decref(doc);
    return st == KD_OK ? 0 : kd_cli_fail("csv", st);
}
