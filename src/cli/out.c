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

/* The clock of the progress lines: started when the command starts. */
static struct timespec progress_t0;
static int progress_started = 0;

static double
progress_elapsed(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    if (!progress_started)
    {
        progress_t0 = t;
        progress_started = 1;
    }
    return (double) (t.tv_sec - progress_t0.tv_sec)
           + 1e-9 * (double) (t.tv_nsec - progress_t0.tv_nsec);
}

void
kd_cli_progress_start(void)
{
    progress_started = 0;
    progress_elapsed();
}

void
kd_cli_progress(const char * cmd, slong i, slong total, const char * fmt, ...)
{
    double el;
    va_list ap;
    if (kd_cli_quiet)
        return;
    el = progress_elapsed();
    if (total > 0)
        fprintf(stderr, "kdigits %s: [%ld/%ld] ", cmd, (long) i, (long) total);
    else
        fprintf(stderr, "kdigits %s: [%ld] ", cmd, (long) i);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (total > 0 && i > 1 && el >= 1.0)
        fprintf(stderr, " (%.0f s so far, about %.0f s to go)", el,
                el / (double) (i - 1) * (double) (total - i + 1));
    else if (el >= 1.0)
        fprintf(stderr, " (%.0f s so far)", el);
    fputc('\n', stderr);
}

/* The library's progress (kd_progress): a line at most once a second, and
   none during the first second, so that short runs stay silent. A phase is
   a run of calls with the same text and increasing i; its ETA is measured
   from the phase's first call. */
static const char * progress_cmd = "";
static double progress_last = 0.0;
static double phase_t0 = 0.0;
static slong phase_i0 = 0;
static slong phase_i = 0;
static const char * phase_what = NULL;

static void
library_progress(const char * what, slong i, slong total)
{
    double el, ph;
    if (kd_cli_quiet)
        return;
    el = progress_elapsed();
    if (what != phase_what || i <= phase_i)
    {
        phase_what = what;
        phase_t0 = el;
        phase_i0 = i;
    }
    phase_i = i;
    if (el < 1.0 || el - progress_last < 1.0)
        return;
    progress_last = el;
    ph = el - phase_t0;
    if (total > 0)
        fprintf(stderr, "kdigits %s: [%ld/%ld] %s ... (%.0f s so far", progress_cmd, (long) i,
                (long) total, what, el);
    else
        fprintf(stderr, "kdigits %s: [%ld] %s ... (%.0f s so far", progress_cmd, (long) i, what, el);
    if (total > 0 && i > phase_i0 && ph >= 0.5)
        fprintf(stderr, ", about %.0f s to go", ph / (double) (i - phase_i0) * (double) (total - i));
    fputs(")\n", stderr);
}

void
kd_cli_progress_install(const char * cmd)
{
    progress_cmd = cmd;
    progress_last = 0.0;
    kd_cli_progress_start();
    kd_set_progress_handler(library_progress);
}
