/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits approx: one exact expression, one level n, a proved dyadic. */
#include <getopt.h>
#include <string.h>
#include "cli.h"

static void
help(void)
{
    kd_cli_help(stdout, kd_help_approx, NULL, NULL);
}

/* The arguments and the result: re + i im with |re + i im - x| <= err. */
typedef struct
{
    const char * expr;
    slong digits, n;
    int is_real;
    fmpq_t re, im;
    mag_t err;
}
approx_t;

static int
own(int c, const char * arg, void * data)
{
    approx_t * a = data;
    if (c == 'e')
        a->expr = arg;
    else if (c == 'd')
        return kd_cli_parse_slong(&a->digits, arg, "approx", "--digits", 1, 100000) ? 1 : -1;
    else
        return 0;
    return 1;
}

/* prints fmt with the string s, then frees s */
static void
print_take(const char * fmt, char * s)
{
    printf(fmt, s);
    flint_free(s);
}

static void
print_csv(const approx_t * a)
{
    printf("expr,n,value_re,value_im,decimal_re,decimal_im,error_bound\n");
    kd_csv_write_field(stdout, a->expr);
    printf(",%ld,", a->n);
    print_take("%s,", kd_fmpq_get_str(a->re));
    print_take("%s,", kd_fmpq_get_str(a->im));
    print_take("%s,", kd_fmpq_get_decimal(a->re, a->digits));
    print_take("%s,", kd_fmpq_get_decimal(a->im, a->digits));
    print_take("%s\n", kd_mag_get_decimal(a->err, 6));
}

static void
print_text(const approx_t * a)
{
    char * s;
    printf("expr      %s\n", a->expr);
    printf("n         %ld\n", a->n);
    print_take(a->is_real ? "value     %s\n" : "value     %s  (real part)\n", kd_fmpq_get_str(a->re));
    if (!a->is_real)
        print_take("          %s  (imaginary part)\n", kd_fmpq_get_str(a->im));
    print_take("decimal   %s", kd_fmpq_get_decimal(a->re, a->digits));
    if (!a->is_real)
    {
        s = kd_fmpq_get_decimal(a->im, a->digits);
        printf(" %s %s i", s[0] == '-' ? "-" : "+", s[0] == '-' ? s + 1 : s);
        flint_free(s);
    }
    printf("  (rounded, for reading)\n");
    s = kd_mag_get_decimal(a->err, 6);
    printf("error     |value - x| <= %s <= 2^-%ld  (%s)\n", s, a->n,
           mag_is_zero(a->err) ? "exact" : "proved");
    flint_free(s);
}

int
kd_cmd_approx(int argc, char ** argv)
{
    static const struct option opts[] = {
        {"expr", required_argument, NULL, 'e'},
        {"digits", required_argument, NULL, 'd'},
        KD_CLI_LONGOPTS_COMMON,
        {NULL, 0, NULL, 0}};
    approx_t a;
    kd_cli_opts o;
    int r, ret = 0;
    kd_status st;
    kd_complex_t z;

    memset(&a, 0, sizeof a);
    kd_cli_opts_init(&o, 0);
    if ((r = kd_cli_getopt(&o, argc, argv, opts, "approx", own, &a, help)) != 0)
        return KD_CLI_GETOPT_EXIT(r);
    if (a.expr == NULL || o.levels == NULL || o.nlevels != 1)
    {
        kd_cli_usage("approx", "%s", a.expr == NULL ? "--expr is required" : o.levels == NULL
                     ? "--n is required" : "--n takes one level here");
        kd_cli_opts_clear(&o);
        return KD_EXIT_USAGE;
    }
    a.n = o.levels[0];
    if (a.digits == 0)
        a.digits = kd_json_level_digits(a.n);
    kd_complex_init(z);
    fmpq_init(a.re);
    fmpq_init(a.im);
    mag_init(a.err);
    if ((st = kd_complex_parse(z, a.expr)) == KD_OK)
        st = kd_complex_approx(a.re, a.im, a.err, z, a.n, o.prec_cap);
    a.is_real = kd_complex_is_real(z);
    if (st != KD_OK)
        ret = kd_cli_fail("approx", st);
    else if (o.fmt == KD_FMT_JSON)
        ret = kd_json_print(kd_complex_approx_json(a.expr, a.n, a.re, a.im, a.err, a.is_real,
                                                        a.digits));
    else if (o.fmt == KD_FMT_CSV)
        print_csv(&a);
    else
        print_text(&a);
    kd_complex_clear(z);
    fmpq_clear(a.re);
    fmpq_clear(a.im);
    mag_clear(a.err);
    kd_cli_opts_clear(&o);
    return ret;
}
