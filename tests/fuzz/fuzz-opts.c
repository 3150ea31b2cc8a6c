/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* libFuzzer harness for the CLI's option-value parsers (src/cli/args.c,
   compiled in unchanged). The input is "NAME\nVALUE": NAME picks the parser
   (n, level, format, max-prec, slong), then the same value goes through
   kd_cli_getopt as "--NAME VALUE". Every value must be accepted or refused
   with a usage line, and what is accepted must lie in range. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/cli/cli.h"
#include "fuzz.h"

static void
opts_help(void)
{
}

/* --time-limit is main.c's (an alarm that ends the process): the harness
   only checks that its value parses. */
void
kd_cli_set_time_limit(slong seconds)
{
    (void) seconds;
}

static int
opts_own(int c, const char * arg, void * data)
{
    (void) arg;
    (void) data;
    return c == 'x' ? 1 : 0;
}

/* The shared options, plus one of the command's own (--x VALUE). */
static void
opts_getopt(const char * name, const char * value)
{
    static const struct option longopts[] = {
        KD_CLI_LONGOPTS_COMMON,
        {"x", required_argument, NULL, 'x'},
        {NULL, 0, NULL, 0}
    };
    char * argv[4];
    size_t l = strlen(name);
    kd_cli_opts o;
    slong k;
    argv[0] = (char *) "fuzz";
    argv[1] = malloc(l + 3);
    memcpy(argv[1], "--", 2);
    memcpy(argv[1] + 2, name, l + 1);
    argv[2] = (char *) value;
    argv[3] = NULL;
    kd_cli_opts_init(&o, name[0] == 'f');
    optind = 0;
    if (kd_cli_getopt(&o, 3, argv, longopts, "fuzz", opts_own, NULL, opts_help) == 0)
    {
        for (k = 0; k < o.nlevels; k++)
            if (o.levels[k] < 0 || o.levels[k] > KD_LEVEL_MAX)
                KD_FUZZ_FAIL("kd_cli_getopt: a level out of range");
        if (o.prec_cap != 0
            && (o.prec_cap < KD_PREC_CAP_MIN || o.prec_cap > KD_PREC_CAP_MAX))
            KD_FUZZ_FAIL("kd_cli_getopt: a precision cap out of range");
        kd_cli_opts_clear(&o);
    }
    free(argv[1]);
}

static void
opts_value(const char * name, const char * value)
{
    slong v, len, k, * levels;
    kd_cli_format fmt;
    if (strcmp(name, "n") == 0)
    {
        if (kd_cli_parse_level_list(&levels, &len, value, "fuzz"))
        {
            if (len < 1)
                KD_FUZZ_FAIL("kd_cli_parse_level_list: an empty list accepted");
            for (k = 0; k < len; k++)
                if (levels[k] < 0 || levels[k] > KD_LEVEL_MAX)
                    KD_FUZZ_FAIL("kd_cli_parse_level_list: a level out of range");
            flint_free(levels);
        }
        else if (levels != NULL)
            KD_FUZZ_FAIL("kd_cli_parse_level_list: a list left on failure");
    }
    else if (strcmp(name, "level") == 0)
    {
        if (kd_cli_parse_level(&v, value, "fuzz") && (v < 0 || v > KD_LEVEL_MAX))
            KD_FUZZ_FAIL("kd_cli_parse_level: out of range");
    }
    else if (strcmp(name, "format") == 0)
    {
        if (kd_cli_parse_format(&fmt, value, "fuzz", 0) && fmt == KD_FMT_MTX)
            KD_FUZZ_FAIL("kd_cli_parse_format: mtx accepted where not allowed");
        kd_cli_parse_format(&fmt, value, "fuzz", 1);
    }
    else if (strcmp(name, "max-prec") == 0)
    {
        if (kd_cli_parse_prec_cap(&v, value, "fuzz")
            && (v < KD_PREC_CAP_MIN || v > KD_PREC_CAP_MAX))
            KD_FUZZ_FAIL("kd_cli_parse_prec_cap: out of range");
    }
    else
    {
        if (kd_cli_parse_slong(&v, value, "fuzz", name, -1000, 1000)
            && (v < -1000 || v > 1000))
            KD_FUZZ_FAIL("kd_cli_parse_slong: out of range");
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t * data, size_t size)
{
    char * s, * value;
    kd_fuzz_limits();
    s = kd_fuzz_cstr(data, size);
    value = strchr(s, '\n');
    if (value != NULL)
        *value++ = '\0';
    else
        value = s + strlen(s);
    opts_value(s, value);
    opts_getopt(s, value);
    free(s);
    kd_error_clear();
    return 0;
}
