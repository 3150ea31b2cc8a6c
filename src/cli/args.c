/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Option-value parsing and error lines for the CLI. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

int
kd_cli_fail(const char * cmd, kd_status st)
{
    const char * msg = kd_error_message();
    fprintf(stderr, "kdigits %s: %s\n", cmd, msg[0] ? msg : kd_status_name(st));
    return (st == KD_ERR_ARG || st == KD_ERR_PARSE || st == KD_ERR_FORMAT || st == KD_ERR_IO
            || st == KD_ERR_SIZE || st == KD_ERR_DOMAIN) ? KD_EXIT_USAGE : KD_EXIT_FAIL;
}

int
kd_cli_usage(const char * cmd, const char * fmt, ...)
{
    va_list ap;
    fprintf(stderr, "kdigits %s: ", cmd);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, " (try 'kdigits %s --help')\n", cmd);
    return KD_EXIT_USAGE;
}

int
kd_cli_parse_slong(slong * out, const char * s, const char * cmd, const char * opt,
                   slong lo, slong hi)
{
    char * end;
    long long v;
    errno = 0;
    if (s == NULL || *s == '\0')
    {
        kd_cli_usage(cmd, "%s needs an integer value", opt);
        return 0;
    }
    v = strtoll(s, &end, 10);
    if (*end != '\0')
    {
        kd_cli_usage(cmd, "%s: '%s' is not an integer", opt, s);
        return 0;
    }
    if (errno == ERANGE || v < lo || v > hi)
    {
        kd_cli_usage(cmd, "%s = %s is out of range [%ld, %ld]", opt, s, lo, hi);
        return 0;
    }
    *out = (slong) v;
    return 1;
}

int
kd_cli_parse_level(slong * out, const char * s, const char * cmd)
{
    return kd_cli_parse_slong(out, s, cmd, "--n", 0, KD_LEVEL_MAX);
}

int
kd_cli_parse_level_list(slong ** out, slong * len, const char * s, const char * cmd)
{
    return kd_cli_parse_slong_list(out, len, s, cmd, "--n", 0, KD_LEVEL_MAX);
}

int
kd_cli_parse_slong_list(slong ** out, slong * len, const char * s, const char * cmd,
                        const char * opt, slong lo, slong hi)
{
    slong n = 1, i = 0;
    const char * p, * start;
    char tok[64];
    for (p = s; *p; p++)
        n += (*p == ',');
    *out = flint_malloc(n * sizeof(slong));
    for (start = p = s; ; p++)
    {
        if (*p == ',' || *p == '\0')
        {
            size_t l = (size_t) (p - start);
            if (l >= sizeof tok)
            {
                kd_cli_usage(cmd, "%s: the item '%.20s...' is too long (%zu characters) for a "
                             "number in [%ld, %ld]", opt, start, l, (long) lo, (long) hi);
                flint_free(*out);
                *out = NULL;
                return 0;
            }
            memcpy(tok, start, l);
            tok[l] = '\0';
            if (!kd_cli_parse_slong(*out + i, tok, cmd, opt, lo, hi))
            {
                flint_free(*out);
                *out = NULL;
                return 0;
            }
            i++;
            start = p + 1;
            if (*p == '\0')
                break;
        }
    }
    *len = i;
    return 1;
}

int
kd_cli_parse_format(kd_cli_format * out, const char * s, const char * cmd, int allow_mtx)
{
    if (strcmp(s, "text") == 0)
        *out = KD_FMT_TEXT;
    else if (strcmp(s, "csv") == 0)
        *out = KD_FMT_CSV;
    else if (strcmp(s, "json") == 0)
        *out = KD_FMT_JSON;
    else if (allow_mtx && strcmp(s, "mtx") == 0)
        *out = KD_FMT_MTX;
    else
    {
        kd_cli_usage(cmd, "--format must be text, csv, json%s, not '%s'",
                     allow_mtx ? " or mtx" : "", s);
        return 0;
    }
    return 1;
}

int
kd_cli_parse_prec_cap(slong * out, const char * s, const char * cmd)
{
    return kd_cli_parse_slong(out, s, cmd, "--max-prec", KD_PREC_CAP_MIN, KD_PREC_CAP_MAX);
}

void
kd_cli_opts_init(kd_cli_opts * o, int allow_mtx)
{
    o->levels = NULL;
    o->nlevels = 0;
    o->fmt = KD_FMT_TEXT;
    o->prec_cap = 0;
    o->allow_mtx = allow_mtx;
}

void
kd_cli_opts_clear(kd_cli_opts * o)
{
    flint_free(o->levels);
    o->levels = NULL;
}

int kd_cli_quiet = 0;

int
kd_cli_opts_handle(kd_cli_opts * o, int c, const char * arg, const char * cmd)
{
    switch (c)
    {
        case 'n':
            flint_free(o->levels);
            return kd_cli_parse_level_list(&o->levels, &o->nlevels, arg, cmd) ? 1 : -1;
        case 'f':
            return kd_cli_parse_format(&o->fmt, arg, cmd, o->allow_mtx) ? 1 : -1;
        case 'p':
            return kd_cli_parse_prec_cap(&o->prec_cap, arg, cmd) ? 1 : -1;
        case KD_CLI_OPT_MAX_BITS:
        {
            slong b;
            if (!kd_cli_parse_slong(&b, arg, cmd, "--max-bits", KD_MAX_BITS_MIN, KD_MAX_BITS_MAX))
                return -1;
            kd_set_max_bits(b);
            return 1;
        }
        case KD_CLI_OPT_MAX_MEM:
        {
            slong b;
            if (kd_parse_size(&b, arg) == KD_OK && kd_set_max_mem(b) == KD_OK)
                return 1;
            kd_cli_usage(cmd, "--max-mem: '%s' is not a size of at least 1M (e.g. 512M, 8G)", arg);
            return -1;
        }
        case KD_CLI_OPT_QUIET:
            kd_cli_quiet = 1;
            return 1;
        case KD_CLI_OPT_TIME_LIMIT:
        {
            slong t;
            if (!kd_cli_parse_slong(&t, arg, cmd, "--time-limit", 1, KD_CLI_TIME_LIMIT_MAX))
                return -1;
            kd_cli_set_time_limit(t);
            return 1;
        }
        default:
            return 0;
    }
}

int
kd_cli_getopt(kd_cli_opts * o, int argc, char ** argv, const struct option * opts,
              const char * cmd, kd_cli_own_fn own, void * data, void (*help)(void))
{
    int c, h;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
    {
        if (c == 'h')
        {
            kd_cli_opts_clear(o);
            help();
            return 1;
        }
        h = kd_cli_opts_handle(o, c, optarg, cmd);
        if (h == 0 && own != NULL)
            h = own(c, optarg, data);
        if (h == 0)
            kd_cli_usage(cmd, "unknown or incomplete option '%s'", argv[optind - 1]);
        if (h <= 0)
        {
            kd_cli_opts_clear(o);
            return -1;
        }
    }
    if (optind < argc)
    {
        kd_cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
        kd_cli_opts_clear(o);
        return -1;
    }
    return 0;
}

void
kd_cli_opts_default_levels(kd_cli_opts * o, const slong * def, slong len)
{
    if (o->levels != NULL)
        return;
    o->levels = flint_malloc(len * sizeof(slong));
    memcpy(o->levels, def, len * sizeof(slong));
    o->nlevels = len;
}
