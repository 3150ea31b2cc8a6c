/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits oracle: A_n of an exact matrix, printed exactly. */
#include <getopt.h>
#include <string.h>
#include "cli.h"

static void
help(void)
{
    printf(
        "usage: kdigits oracle (--matrix FILE.mtx | --builtin NAME) --n N[,N...]\n"
        "                      [--format text|csv|json|mtx] [--max-prec BITS]\n"
        "\n"
        "Prints A_n, a matrix of dyadic rationals with ||A_n - A||_2 <= 2^-n (operator\n"
        "2-norm), proved: each of the k entries that are not exact dyadics is rounded\n"
        "to level n + ceil(log2(k)/2), so the Frobenius norm of the error, which\n"
        "bounds the operator norm, is at most 2^-n; the certified Frobenius bound\n"
        "actually achieved is printed too. Vectors are one-column matrices.\n"
        "\n"
        "options:\n"
        "  --matrix FILE    a Matrix Market file whose entries are exact expressions\n"
        "                   ('1/sqrt(2)', '3/7', '2^-30'; see 'kdigits approx --help');\n"
        "                   array or coordinate; real, integer or complex; general,\n"
        "                   symmetric, skew-symmetric or hermitian\n"
        "  --builtin NAME   a built-in exact matrix:\n"
        "%s"
        "  --n LIST         levels, e.g. 10 or 10,20,60\n"
        "  --format F       text (default), csv (n,i,j,re,im), json, or mtx (one level:\n"
        "                   writes A_n back as a Matrix Market file of exact rationals)\n"
        "  --max-prec BITS  cap on the working precision (default %d)\n"
        "\n"
        "examples:\n"
        "  kdigits oracle --builtin dct2:5 --n 20\n"
        "  kdigits oracle --builtin 'lasso:2^-15' --n 10,40 --format json\n"
        "  kdigits oracle --matrix A.mtx --n 30 --format mtx > A30.mtx\n",
        kd_builtin_help, KD_PREC_CAP_DEFAULT);
}

static void
print_text(const fmpq_mat_t re, const fmpq_mat_t im, int cplx)
{
    slong i, j;
    for (i = 0; i < fmpq_mat_nrows(re); i++)
    {
        printf("  ");
        for (j = 0; j < fmpq_mat_ncols(re); j++)
        {
            char * s = kd_fmpq_get_str(fmpq_mat_entry(re, i, j));
            printf("%s%s", j ? "  " : "", s);
            flint_free(s);
            if (cplx)
            {
                const fmpq * b = fmpq_mat_entry(im, i, j);
                s = kd_fmpq_get_str(b);
                printf("%s%si", fmpq_sgn(b) < 0 ? "" : "+", s);
                flint_free(s);
            }
        }
        printf("\n");
    }
}

typedef struct
{
    const char * file;
    const char * builtin;
}
oracle_args;

static int
own(int c, const char * arg, void * data)
{
    oracle_args * a = data;
    if (c == 'm')
        a->file = arg;
    else if (c == 'b')
        a->builtin = arg;
    else
        return 0;
    return 1;
}

int
kd_cmd_oracle(int argc, char ** argv)
{
    static const struct option opts[] = {
        {"matrix", required_argument, NULL, 'm'},
        {"builtin", required_argument, NULL, 'b'},
        KD_CLI_LONGOPTS_COMMON,
        {NULL, 0, NULL, 0}};
    const char * cmd = "oracle";
    oracle_args args = {NULL, NULL};
    const char * file, * builtin, * source;
    kd_cli_opts o;
    slong k, L, cap, nlevels, li, * levels;
    kd_cli_format fmt;
    int r, ret = 0;
    kd_status st;
    kd_mat_t A;
    fmpq_mat_t re, im;
    mag_t err;
    json_t * jroot = NULL, * jlevels = NULL;

    kd_cli_opts_init(&o, 1);
    if ((r = kd_cli_getopt(&o, argc, argv, opts, cmd, own, &args, help)) != 0)
        return KD_CLI_GETOPT_EXIT(r);
    file = args.file;
    builtin = args.builtin;
    if ((file == NULL) == (builtin == NULL))
    {
        ret = kd_cli_usage(cmd, "give exactly one of --matrix FILE and --builtin NAME");
        goto usage_fail;
    }
    if (o.levels == NULL)
    {
        ret = kd_cli_usage(cmd, "--n is required");
        goto usage_fail;
    }
    if (o.fmt == KD_FMT_MTX && o.nlevels != 1)
    {
        ret = kd_cli_usage(cmd, "--format mtx writes one matrix: give a single level");
        goto usage_fail;
    }
    levels = o.levels;
    nlevels = o.nlevels;
    fmt = o.fmt;
    cap = o.prec_cap;

    kd_mat_init(A, 0, 0);
    st = file ? kd_mtx_read(A, file) : kd_builtin_mat(A, builtin);
    if (st != KD_OK)
    {
        ret = kd_cli_fail(cmd, st);
        kd_mat_clear(A);
        kd_cli_opts_clear(&o);
        return ret;
    }
    source = file ? file : builtin;
    fmpq_mat_init(re, A->r, A->c);
    fmpq_mat_init(im, A->r, A->c);
    mag_init(err);
    k = kd_mat_count_inexact(A);

    if (fmt == KD_FMT_JSON)
    {
        jroot = json_object();
        jlevels = json_array();
        json_object_set_new(jroot, "source", json_string(source));
        json_object_set_new(jroot, "rows", json_integer(A->r));
        json_object_set_new(jroot, "cols", json_integer(A->c));
        json_object_set_new(jroot, "complex", json_boolean(A->is_complex));
        json_object_set_new(jroot, "inexact_entries", json_integer(k));
    }
    else if (fmt == KD_FMT_CSV)
        printf("n,i,j,re,im\n");
    else if (fmt == KD_FMT_TEXT)
        printf("# %s: %ld x %ld %s matrix, %ld entries not exact dyadics\n", source,
               A->r, A->c, A->is_complex ? "complex" : "real", k);

    for (li = 0; li < nlevels; li++)
    {
        slong n = levels[li];
        L = kd_oracle_entry_level(n, k);
        st = kd_mat_approx(re, A->is_complex ? im : NULL, err, A, n, cap);
        if (st != KD_OK)
        {
            ret = kd_cli_fail(cmd, st);
            break;
        }
        if (fmt == KD_FMT_JSON)
        {
            json_t * jl = json_object();
            json_object_set_new(jl, "n", json_integer(n));
            json_object_set_new(jl, "entry_level", json_integer(L));
            json_object_set_new(jl, "error_bound_frobenius", kd_json_mag(err));
            json_object_set_new(jl, "certified", json_true());
            json_object_set_new(jl, "re", kd_json_fmpq_mat(re));
            if (A->is_complex)
                json_object_set_new(jl, "im", kd_json_fmpq_mat(im));
            json_array_append_new(jlevels, jl);
        }
        else if (fmt == KD_FMT_CSV)
        {
            slong i, j;
            for (i = 0; i < A->r; i++)
                for (j = 0; j < A->c; j++)
                {
                    char * a = kd_fmpq_get_str(fmpq_mat_entry(re, i, j));
                    char * b = kd_fmpq_get_str(fmpq_mat_entry(im, i, j));
                    printf("%ld,%ld,%ld,%s,%s\n", n, i + 1, j + 1, a, A->is_complex ? b : "0");
                    flint_free(a);
                    flint_free(b);
                }
        }
        else if (fmt == KD_FMT_MTX)
        {
            char comment[512];
            char * e = kd_mag_get_decimal(err, 6);
            snprintf(comment, sizeof comment,
                     "A_n of %s at n = %ld: ||A_n - A||_2 <= ||A_n - A||_F <= %s <= 2^-%ld (proved by kdigits)",
                     source, n, e, n);
            flint_free(e);
            st = kd_mtx_write_fmpq_mat(stdout, re, A->is_complex ? im : NULL, comment);
            if (st != KD_OK)
            {
                ret = kd_cli_fail(cmd, st);
                break;
            }
        }
        else
        {
            char * e = kd_mag_get_decimal(err, 6);
            printf("\nn = %ld: entries at level %ld; ||A_n - A||_2 <= ||A_n - A||_F <= %s <= 2^-%ld (proved)\n",
                   n, L, e, n);
            flint_free(e);
            print_text(re, im, A->is_complex);
        }
    }
    if (jroot != NULL)
    {
        json_object_set_new(jroot, "levels", jlevels);
        if (ret == 0)
            ret = kd_json_print(jroot);
        else
            json_decref(jroot);
    }
    fmpq_mat_clear(re);
    fmpq_mat_clear(im);
    mag_clear(err);
    kd_mat_clear(A);
    kd_cli_opts_clear(&o);
    return ret;

usage_fail:
    kd_cli_opts_clear(&o);
    return KD_EXIT_USAGE;
}
