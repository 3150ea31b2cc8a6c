/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits approx: one exact expression, one level n, a proved dyadic. */
#include <getopt.h>
#include <string.h>
#include "cli.h"

static void
help(void)
{
    printf(
        "usage: kdigits approx --expr EXPR --n N [--format text|csv|json]\n"
        "                      [--digits D] [--max-prec BITS]\n"
        "\n"
        "Prints a dyadic rational q = p/2^k with |q - x| <= 2^-N, proved, where x is\n"
        "the exact value of EXPR (an exact dyadic such as 2^-30 comes back exactly).\n"
        "The value is computed as an Arb ball at adaptive working precision and\n"
        "rounded with the ball radius included in the error budget.\n"
        "\n"
        "options:\n"
        "  --expr EXPR      the exact expression (see below)\n"
        "  --n N            the level: accuracy 2^-N, 0 <= N <= %d\n"
        "  --format F       text (default), csv or json\n"
        "  --digits D       significant digits of the (rounded, for reading) decimal\n"
        "  --max-prec BITS  cap on the working precision (default %d); beyond it a\n"
        "                   question such as 'is this divisor non-zero?' is reported\n"
        "                   as undecided instead of running for ever\n"
        "\n"
        "expressions (exact: '0.1' is 1/10, never the double 0.1):\n"
        "  numbers 3, -0.25, 1e-3; pi; i; + - * / ^ (integer exponents: 2^-30);\n"
        "  sqrt(x); cospi(q), sinpi(q) = cos(pi q), sin(pi q) for rational q;\n"
        "  cos(x), sin(x) for x a rational multiple of pi (cos(3*pi/7));\n"
        "  cispi(q) = exp(i pi q). Complex values print re and im; the error bound\n"
        "  is on the modulus.\n"
        "\n"
        "examples:\n"
        "  kdigits approx --expr '1/sqrt(2) - 2^-40' --n 300 --format json\n"
        "  kdigits approx --expr 'sqrt(2/7)*cospi(3/14)' --n 100\n"
        "  kdigits approx --expr 'cispi(-2/5)/sqrt(5)' --n 64\n",
        KD_LEVEL_MAX, KD_PREC_CAP_DEFAULT);
}

typedef struct
{
    const char * expr;
    slong digits;
}
approx_args;

static int
own(int c, const char * arg, void * data)
{
    approx_args * a = data;
    if (c == 'e')
        a->expr = arg;
    else if (c == 'd')
        return kd_cli_parse_slong(&a->digits, arg, "approx", "--digits", 1, 100000) ? 1 : -1;
    else
        return 0;
    return 1;
}

int
kd_cmd_approx(int argc, char ** argv)
{
    static const struct option opts[] = {
        {"expr", required_argument, NULL, 'e'},
        {"digits", required_argument, NULL, 'd'},
        KD_CLI_LONGOPTS_COMMON,
        {NULL, 0, NULL, 0}};
    const char * cmd = "approx";
    approx_args args = {NULL, 0};
    kd_cli_opts o;
    slong n, digits, cap;
    kd_cli_format fmt;
    int r, ret = 0, is_real;
    kd_status st;
    kd_complex_t z;
    fmpq_t re, im;
    mag_t err;

    kd_cli_opts_init(&o, 0);
    if ((r = kd_cli_getopt(&o, argc, argv, opts, cmd, own, &args, help)) != 0)
        return KD_CLI_GETOPT_EXIT(r);
    if (args.expr == NULL)
    {
        kd_cli_usage(cmd, "--expr is required");
        goto usage_fail;
    }
    if (o.levels == NULL || o.nlevels != 1)
    {
        kd_cli_usage(cmd, o.levels == NULL ? "--n is required" : "--n takes one level here");
        goto usage_fail;
    }
    n = o.levels[0];
    fmt = o.fmt;
    cap = o.prec_cap;
    kd_cli_opts_clear(&o);
    digits = args.digits ? args.digits : kd_cli_default_digits(n);

    kd_complex_init(z);
    fmpq_init(re);
    fmpq_init(im);
    mag_init(err);
    st = kd_complex_parse(z, args.expr);
    if (st == KD_OK)
        st = kd_complex_approx(re, im, err, z, n, cap);
    if (st != KD_OK)
    {
        ret = kd_cli_fail(cmd, st);
        goto done;
    }
    is_real = kd_complex_is_real(z);

    if (fmt == KD_FMT_JSON)
    {
        json_t * j = json_object();
        json_object_set_new(j, "expr", json_string(args.expr));
        json_object_set_new(j, "n", json_integer(n));
        if (is_real)
        {
            json_object_set_new(j, "value", kd_json_fmpq(re));
            json_object_set_new(j, "decimal", kd_json_take_string(kd_fmpq_get_decimal(re, digits)));
        }
        else
        {
            json_t * v = json_object(), * d = json_object();
            json_object_set_new(v, "re", kd_json_fmpq(re));
            json_object_set_new(v, "im", kd_json_fmpq(im));
            json_object_set_new(d, "re", kd_json_take_string(kd_fmpq_get_decimal(re, digits)));
            json_object_set_new(d, "im", kd_json_take_string(kd_fmpq_get_decimal(im, digits)));
            json_object_set_new(j, "value", v);
            json_object_set_new(j, "decimal", d);
        }
        json_object_set_new(j, "complex", json_boolean(!is_real));
        json_object_set_new(j, "error_bound", kd_json_mag(err));
        json_object_set_new(j, "exact", json_boolean(mag_is_zero(err)));
        json_object_set_new(j, "certified", json_true());
        ret = kd_json_print(j);
    }
    else if (fmt == KD_FMT_CSV)
    {
        char * s;
        printf("expr,n,value_re,value_im,decimal_re,decimal_im,error_bound\n");
        kd_csv_field(stdout, args.expr);
        printf(",%ld,", n);
        s = kd_fmpq_get_str(re); printf("%s,", s); flint_free(s);
        s = kd_fmpq_get_str(im); printf("%s,", s); flint_free(s);
        s = kd_fmpq_get_decimal(re, digits); printf("%s,", s); flint_free(s);
        s = kd_fmpq_get_decimal(im, digits); printf("%s,", s); flint_free(s);
        s = kd_mag_get_decimal(err, 6); printf("%s\n", s); flint_free(s);
    }
    else
    {
        char * s;
        printf("expr      %s\n", args.expr);
        printf("n         %ld\n", n);
        s = kd_fmpq_get_str(re);
        printf("value     %s%s\n", s, is_real ? "" : "  (real part)");
        flint_free(s);
        if (!is_real)
        {
            s = kd_fmpq_get_str(im);
            printf("          %s  (imaginary part)\n", s);
            flint_free(s);
        }
        s = kd_fmpq_get_decimal(re, digits);
        printf("decimal   %s", s);
        flint_free(s);
        if (!is_real)
        {
            s = kd_fmpq_get_decimal(im, digits);
            printf(" %s %s i", s[0] == '-' ? "-" : "+", s[0] == '-' ? s + 1 : s);
            flint_free(s);
        }
        printf("  (rounded, for reading)\n");
        s = kd_mag_get_decimal(err, 6);
        printf("error     |value - x| <= %s <= 2^-%ld  (%s)\n", s, n,
               mag_is_zero(err) ? "exact" : "proved");
        flint_free(s);
    }
done:
    kd_complex_clear(z);
    fmpq_clear(re);
    fmpq_clear(im);
    mag_clear(err);
    return ret;

usage_fail:
    kd_cli_opts_clear(&o);
    return KD_EXIT_USAGE;
}
