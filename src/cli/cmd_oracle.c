/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits oracle: A_n of an exact matrix, printed exactly. */
#include <getopt.h>
#include <string.h>
#include "cli.h"

static void
help(void)
{
    kd_cli_help(stdout, kd_help_oracle, NULL, NULL);
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

/* One level A_n (re, im) with its proved bound err, in the chosen format;
   JSON: appended to jlevels. */
static kd_status
print_level(json_t * jlevels, kd_cli_format fmt, const char * source, const kd_mat_t A, slong n,
            slong k, const fmpq_mat_t re, const fmpq_mat_t im, const mag_t err)
{
    char * e, comment[512];
    slong i, j;
    kd_status st = KD_OK;
    if (fmt == KD_FMT_JSON)
    {
        json_array_append_new(jlevels, kd_oracle_level_json(n, kd_oracle_entry_level(n, k), re,
                                                            A->is_complex ? im : NULL, err));
        return KD_OK;
    }
    if (fmt == KD_FMT_CSV)
    {
        for (i = 0; i < A->r; i++)
            for (j = 0; j < A->c; j++)
            {
                char * a = kd_fmpq_get_str(fmpq_mat_entry(re, i, j));
                char * b = kd_fmpq_get_str(fmpq_mat_entry(im, i, j));
                printf("%ld,%ld,%ld,%s,%s\n", n, i + 1, j + 1, a, A->is_complex ? b : "0");
                flint_free(a);
                flint_free(b);
            }
        return KD_OK;
    }
    e = kd_mag_get_decimal(err, 6);
    if (fmt == KD_FMT_MTX)
    {
        snprintf(comment, sizeof comment,
                 "A_n of %s at n = %ld: ||A_n - A||_2 <= ||A_n - A||_F <= %s <= 2^-%ld (proved by kdigits)",
                 source, n, e, n);
        st = kd_mtx_write_fmpq_mat(stdout, re, A->is_complex ? im : NULL, comment);
    }
    else
    {
        printf("\nn = %ld: entries at level %ld; ||A_n - A||_2 <= ||A_n - A||_F <= %s <= 2^-%ld (proved)\n",
               n, kd_oracle_entry_level(n, k), e, n);
        print_text(re, im, A->is_complex);
    }
    flint_free(e);
    return st;
}

/* The header and every level of o for the matrix A read from source;
   *ret = kd_json_print's exit code for JSON. */
static kd_status
print_levels(int * ret, const kd_mat_t A, const char * source, const kd_cli_opts * o)
{
    slong k = kd_mat_count_inexact(A), i;
    json_t * jlevels = json_array();
    kd_status st = KD_OK;
    fmpq_mat_t re, im;
    mag_t err;
    kd_oracle_t O;

    fmpq_mat_init(re, A->r, A->c);
    fmpq_mat_init(im, A->r, A->c);
    mag_init(err);
    if (o->fmt == KD_FMT_CSV)
        printf("n,i,j,re,im\n");
    else if (o->fmt == KD_FMT_TEXT)
        printf("# %s: %ld x %ld %s matrix, %ld entries not exact dyadics\n", source,
               A->r, A->c, A->is_complex ? "complex" : "real", k);
    st = kd_oracle_init_mat(O, A);
    kd_oracle_set_prec_cap(O, o->prec_cap);
    for (i = 0; i < o->nlevels && st == KD_OK; i++)
    {
        st = kd_oracle_get_err(re, im, err, O, o->levels[i]);
        if (st == KD_OK)
            st = print_level(jlevels, o->fmt, source, A, o->levels[i], k, re, im, err);
    }
    if (st == KD_OK && o->fmt == KD_FMT_JSON)
        *ret = kd_json_print(json_pack("{sssIsIsbsIso}", "source", source, "rows", (json_int_t) A->r,
                                "cols", (json_int_t) A->c, "complex", A->is_complex,
                                "inexact_entries", (json_int_t) k, "levels", jlevels));
    else
        json_decref(jlevels);
    kd_oracle_clear(O);
    fmpq_mat_clear(re);
    fmpq_mat_clear(im);
    mag_clear(err);
    return st;
}

int
kd_cmd_oracle(int argc, char ** argv)
{
    static const struct option opts[] = {
        {"matrix", required_argument, NULL, 'm'},
        {"builtin", required_argument, NULL, 'b'},
        KD_CLI_LONGOPTS_COMMON,
        {NULL, 0, NULL, 0}};
    oracle_args a = {NULL, NULL};
    const char * usage = NULL;
    kd_cli_opts o;
    int r, ret = 0;
    kd_status st;
    kd_mat_t A;

    kd_cli_opts_init(&o, 1);
    if ((r = kd_cli_getopt(&o, argc, argv, opts, "oracle", own, &a, help)) != 0)
        return KD_CLI_GETOPT_EXIT(r);
    if ((a.file == NULL) == (a.builtin == NULL))
        usage = "give exactly one of --matrix FILE and --builtin NAME";
    else if (o.levels == NULL)
        usage = "--n is required";
    else if (o.fmt == KD_FMT_MTX && o.nlevels != 1)
        usage = "--format mtx writes one matrix: give a single level";
    if (usage != NULL)
    {
        kd_cli_opts_clear(&o);
        return kd_cli_usage("oracle", "%s", usage);
    }
    kd_mat_init(A, 0, 0);
    st = a.file ? kd_mtx_read(A, a.file) : kd_builtin_mat(A, a.builtin);
    if (st == KD_OK)
        st = print_levels(&ret, A, a.file ? a.file : a.builtin, &o);
    if (st != KD_OK)
        ret = kd_cli_fail("oracle", st);
    kd_mat_clear(A);
    kd_cli_opts_clear(&o);
    return ret;
}
