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

/* The value re + i im, |value - x| <= err, in the chosen format. */
static int
print_json(const char * expr, slong n, slong digits, const fmpq_t re, const fmpq_t im,
           int is_real, const mag_t err)
{
    json_t * j = json_object();
    json_object_set_new(j, "expr", json_string(expr));
    json_object_set_new(j, "n", json_integer(n));
    if (is_real)
    {
        json_object_set_new(j, "value", kd_json_fmpq(re));
        json_object_set_new(j, "decimal", kd_json_take_string(kd_fmpq_get_decimal(re, digits)));
    }
    else
    {
        json_object_set_new(j, "value", json_pack("{soso}", "re", kd_json_fmpq(re),
                                                  "im", kd_json_fmpq(im)));
        json_object_set_new(j, "decimal", json_pack("{soso}",
                            "re", kd_json_take_string(kd_fmpq_get_decimal(re, digits)),
                            "im", kd_json_take_string(kd_fmpq_get_decimal(im, digits))));
    }
    json_object_set_new(j, "complex", json_boolean(!is_real));
    json_object_set_new(j, "error_bound", kd_json_mag(err));
    json_object_set_new(j, "exact", json_boolean(mag_is_zero(err)));
    json_object_set_new(j, "certified", json_true());
    return kd_json_print(j);
}

/* prints fmt with the string s, then frees s */
static void
print_take(const char * fmt, char * s)
{
    printf(fmt, s);
    flint_free(s);
}

static void
print_csv(const char * expr, slong n, slong digits, const fmpq_t re, const fmpq_t im,
          const mag_t err)
{
    printf("expr,n,value_re,value_im,decimal_re,decimal_im,error_bound\n");
    kd_csv_field(stdout, expr);
    printf(",%ld,", n);
    print_take("%s,", kd_fmpq_get_str(re));
    print_take("%s,", kd_fmpq_get_str(im));
    print_take("%s,", kd_fmpq_get_decimal(re, digits));
    print_take("%s,", kd_fmpq_get_decimal(im, digits));
    print_take("%s\n", kd_mag_get_decimal(err, 6));
}

static void
print_text(const char * expr, slong n, slong digits, const fmpq_t re, const fmpq_t im,
           int is_real, const mag_t err)
{
    char * s;
    printf("expr      %s\n", expr);
    printf("n         %ld\n", n);
    print_take(is_real ? "value     %s\n" : "value     %s  (real part)\n", kd_fmpq_get_str(re));
    if (!is_real)
        print_take("          %s  (imaginary part)\n", kd_fmpq_get_str(im));
    print_take("decimal   %s", kd_fmpq_get_decimal(re, digits));
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

int
kd_cmd_approx(int argc, char ** argv)
{
    static const struct option opts[] = {
        {"expr", required_argument, NULL, 'e'},
        {"digits", required_argument, NULL, 'd'},
        KD_CLI_LONGOPTS_COMMON,
        {NULL, 0, NULL, 0}};
    approx_args args = {NULL, 0};
    kd_cli_opts o;
    slong n, digits;
    int r, ret = 0;
    kd_status st;
    kd_complex_t z;
    fmpq_t re, im;
    mag_t err;

    kd_cli_opts_init(&o, 0);
    if ((r = kd_cli_getopt(&o, argc, argv, opts, "approx", own, &args, help)) != 0)
        return KD_CLI_GETOPT_EXIT(r);
    if (args.expr == NULL || o.levels == NULL || o.nlevels != 1)
    {
        kd_cli_usage("approx", "%s", args.expr == NULL ? "--expr is required" : o.levels == NULL
                     ? "--n is required" : "--n takes one level here");
        kd_cli_opts_clear(&o);
        return KD_EXIT_USAGE;
    }
    n = o.levels[0];
    digits = args.digits ? args.digits : kd_cli_default_digits(n);
    kd_complex_init(z);
    fmpq_init(re);
    fmpq_init(im);
    mag_init(err);
    st = kd_complex_parse(z, args.expr);
    if (st == KD_OK)
        st = kd_complex_approx(re, im, err, z, n, o.prec_cap);
    if (st != KD_OK)
        ret = kd_cli_fail("approx", st);
    else if (o.fmt == KD_FMT_JSON)
        ret = print_json(args.expr, n, digits, re, im, kd_complex_is_real(z), err);
    else if (o.fmt == KD_FMT_CSV)
        print_csv(args.expr, n, digits, re, im, err);
    else
        print_text(args.expr, n, digits, re, im, kd_complex_is_real(z), err);
    kd_complex_clear(z);
    fmpq_clear(re);
    fmpq_clear(im);
    mag_clear(err);
    kd_cli_opts_clear(&o);
    return ret;
}
