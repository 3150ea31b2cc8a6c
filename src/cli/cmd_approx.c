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

int
kd_cmd_approx(int argc, char ** argv)
{
    static const struct option opts[] = {
        {"expr", required_argument, NULL, 'e'},
        {"n", required_argument, NULL, 'n'},
        {"format", required_argument, NULL, 'f'},
        {"digits", required_argument, NULL, 'd'},
        {"max-prec", required_argument, NULL, 'p'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char * cmd = "approx";
    const char * expr = NULL;
    slong n = -1, digits = 0, cap = 0;
    kd_cli_format fmt = KD_FMT_TEXT;
    int c, ret = 0, is_real;
    kd_status st;
    kd_complex_t z;
    fmpq_t re, im;
    mag_t err;

    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
    {
        switch (c)
        {
            case 'e': expr = optarg; break;
            case 'n': if (!kd_cli_parse_level(&n, optarg, cmd)) return KD_EXIT_USAGE; break;
            case 'f': if (!kd_cli_parse_format(&fmt, optarg, cmd, 0)) return KD_EXIT_USAGE; break;
            case 'd': if (!kd_cli_parse_slong(&digits, optarg, cmd, "--digits", 1, 100000)) return KD_EXIT_USAGE; break;
            case 'p': if (!kd_cli_parse_prec_cap(&cap, optarg, cmd)) return KD_EXIT_USAGE; break;
            case 'h': help(); return 0;
            default:
                return kd_cli_usage(cmd, "unknown or incomplete option '%s'", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return kd_cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
    if (expr == NULL)
        return kd_cli_usage(cmd, "--expr is required");
    if (n < 0)
        return kd_cli_usage(cmd, "--n is required");
    if (digits == 0)
        digits = kd_cli_default_digits(n);

    kd_complex_init(z);
    fmpq_init(re);
    fmpq_init(im);
    mag_init(err);
    st = kd_complex_parse(z, expr);
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
        json_object_set_new(j, "expr", json_string(expr));
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
        kd_csv_field(stdout, expr);
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
        printf("expr      %s\n", expr);
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
}
