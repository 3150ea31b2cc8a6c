/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits oracle: A_n of an exact matrix, printed exactly. */
#include <getopt.h>
#include <string.h>
#include "cli.h"
#include "kdigits/op.h"

static void
help(void)
{
    kd_cli_help(stdout, kd_help_oracle, NULL, NULL);
}

typedef struct
{
    const char * file;
    const char * builtin;
    const char * x;
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
    else if (c == 'x')
        a->x = arg;
    else
        return 0;
    return 1;
}

/* Every level of o for the matrix A read from source (or of the operator
   op applied to xs); *ret = kd_json_print's exit code for JSON. */
static kd_status
report(int * ret, const kd_mat_t A, kd_op_t op, const char * source, const char * xs,
       const kd_cli_opts * o)
{
    json_t * doc = NULL;
    kd_report_format fmt = o->fmt == KD_FMT_JSON ? KD_REPORT_JSON : o->fmt == KD_FMT_CSV
                           ? KD_REPORT_CSV : o->fmt == KD_FMT_MTX ? KD_REPORT_MTX : KD_REPORT_TEXT;
    kd_status st = A != NULL
        ? kd_oracle_report(&doc, stdout, fmt, A, source, o->levels, o->nlevels, o->prec_cap)
        : kd_oracle_op_report(&doc, stdout, fmt, op, source, xs, o->levels, o->nlevels,
                              o->prec_cap);
    if (st == KD_OK && fmt == KD_REPORT_JSON)
        *ret = kd_json_print(doc);
    return st;
}

/* --builtin NAME: a dense built-in, else a matrix-free operator (the
   dense names take precedence: dft:M stays the exact matrix) */
static kd_status
oracle_builtin(int * ret, const oracle_args * a, const kd_cli_opts * o)
{
    kd_mat_t A;
    kd_op_t op;
    kd_status st;
    kd_mat_init(A, 0, 0);
    st = kd_builtin_mat(A, a->builtin);
    if (st == KD_OK)
    {
        if (a->x != NULL)
            st = kd_error_set(KD_ERR_ARG, "--x applies to matrix-free operators only");
        else
            st = report(ret, A, NULL, a->builtin, NULL, o);
    }
    else if (kd_op_parse(op, a->builtin) == KD_OK)
    {
        if (o->fmt == KD_FMT_MTX)
            st = kd_error_set(KD_ERR_ARG, "--format mtx: an operator is never materialised");
        else
            st = report(ret, NULL, op, a->builtin, a->x != NULL ? a->x : "ones", o);
        kd_op_clear(op);
    }
    else
        st = kd_builtin_mat(A, a->builtin);     /* the dense built-in's own error */
    kd_mat_clear(A);
    return st;
}

int
kd_cmd_oracle(int argc, char ** argv)
{
    static const struct option opts[] = {
        {"matrix", required_argument, NULL, 'm'},
        {"builtin", required_argument, NULL, 'b'},
        {"x", required_argument, NULL, 'x'},
        KD_CLI_LONGOPTS_COMMON,
        {NULL, 0, NULL, 0}};
    oracle_args a = {NULL, NULL, NULL};
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
    if (a.builtin != NULL)
        st = oracle_builtin(&ret, &a, &o);
    else if (a.x != NULL)
        st = kd_error_set(KD_ERR_ARG, "--x applies to matrix-free operators only");
    else if ((st = kd_mtx_read(A, a.file)) == KD_OK)
        st = report(&ret, A, NULL, a.file, NULL, &o);
    if (st != KD_OK)
        ret = kd_cli_fail("oracle", st);
    kd_mat_clear(A);
    kd_cli_opts_clear(&o);
    return ret;
}
