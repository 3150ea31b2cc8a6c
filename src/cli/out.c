/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Output helpers shared by the commands: printing the library's JSON
   (kdigits/json.h) as JSON or CSV. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <string.h>
#include <time.h>
#include "cli.h"

/* a NULL document: the library ran out of memory building the output */
static int
no_document(const char * what)
{
    fprintf(stderr, "kdigits: out of memory building the %s\n", what);
    return KD_EXIT_FAIL;
}

int
kd_json_print(json_t * j)
{
    int r;
    if (j == NULL)
        return no_document("JSON output");
    r = json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(j);
    fputc('\n', stdout);
    return r == 0 ? 0 : KD_EXIT_FAIL;
}

int
kd_csv_print_json(json_t * doc)
{
    kd_status st;
    if (doc == NULL)
        return no_document("output");
    st = kd_json_write_csv(stdout, doc);
    json_decref(doc);
    return st == KD_OK ? 0 : kd_cli_fail("csv", st);
}

void
kd_cli_progress(const char * cmd, slong i, slong total, const char * fmt, ...)
{
    static struct timespec t0;
    static int started = 0;
    struct timespec t;
    double el;
    va_list ap;
    if (kd_cli_quiet)
        return;
    clock_gettime(CLOCK_MONOTONIC, &t);
    if (!started)
    {
        t0 = t;
        started = 1;
    }
    el = (double) (t.tv_sec - t0.tv_sec) + 1e-9 * (double) (t.tv_nsec - t0.tv_nsec);
    fprintf(stderr, "kdigits %s: [%ld/%ld] ", cmd, (long) i, (long) total);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (i > 1 && el >= 1.0)
        fprintf(stderr, " (%.0f s so far, about %.0f s to go)", el,
                el / (double) (i - 1) * (double) (total - i + 1));
    fputc('\n', stderr);
}

void
kd_cli_print_ball(const char * indent, const char * label, const arb_t b)
{
    char * mid, * rad;
    if (!arb_is_finite(b))
    {
        printf("%s%-22s unknown\n", indent, label);
        return;
    }
    kd_arb_get_decimal(&mid, &rad, b, 15);
    printf("%s%-22s %s +/- %s\n", indent, label, mid, rad);
    flint_free(mid);
    flint_free(rad);
}
