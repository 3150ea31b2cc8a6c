/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits table: the Omega_K accuracy table of Colbrook-Antun-Hansen
   (PNAS 2022, Table 1) with certified distances, next to the published
   values (theory.md §6). */
#include <stdlib.h>
#include "cli.h"
#include "kdigits/omega.h"

static void
help(void)
{
    kd_cli_help(stdout, kd_help_table, NULL, NULL);
}

typedef struct
{
    slong * K;
    slong nK;
    const char * problem, * lambda, * eta, * plot;
    kd_omega_table_opts_struct * to;
}
table_args;

static int
own(int c, const char * arg, void * data)
{
    table_args * a = data;
    switch (c)
    {
        case 'K':
            flint_free(a->K);
            a->K = NULL;
            if (!kd_cli_parse_slong_list(&a->K, &a->nK, arg, "table", "--K", 1, 12))
                return -1;
            break;
        case 'P': a->problem = arg; break;
        case 'l': a->lambda = arg; break;
        case 'e': a->eta = arg; break;
        case 'L': a->to->lista = 0; break;
        case 'E': return kd_cli_parse_slong(&a->to->lista_epochs, arg, "table", "--lista-epochs", 1, 100000) ? 1 : -1;
        case 'R': a->to->replicate_published = 1; break;
        case 'G': a->plot = arg; break;
        case 'j': return kd_cli_parse_slong(&a->to->jobs, arg, "table", "--jobs", 1, KD_OMEGA_JOBS_MAX) ? 1 : -1;
        default: return 0;
    }
    return 1;
}

static void
progress(void * data, slong K, slong n)
{
    slong * count = data;   /* rows started, rows in all */
    kd_cli_progress("table", ++count[0], count[1], "K = %ld, n = %ld ...", K, n);
}

int
kd_cmd_table(int argc, char ** argv)
{
    static const struct option opts[] = {
        {"K", required_argument, NULL, 'K'},
        {"problem", required_argument, NULL, 'P'},
        {"lambda", required_argument, NULL, 'l'},
        {"eta", required_argument, NULL, 'e'},
        {"no-lista", no_argument, NULL, 'L'},
        {"lista-epochs", required_argument, NULL, 'E'},
        {"replicate-published", no_argument, NULL, 'R'},
        {"plot", required_argument, NULL, 'G'},
        {"jobs", required_argument, NULL, 'j'},
        KD_CLI_LONGOPTS_COMMON,
        {NULL, 0, NULL, 0}};
    static const slong defn[] = {10, 20, 30};
    kd_problem_kind kind = KD_PROBLEM_P3;
    kd_omega_table_opts_t to;
    table_args a = {NULL, 0, NULL, NULL, NULL, NULL, to};
    kd_cli_opts o;
    kd_omega_table_t T;
    kd_status st = KD_OK;
    int r, ret = 0;
    slong count[2];

    kd_omega_table_opts_init(to);
    kd_omega_table_init(T);
    kd_cli_opts_init(&o, 0);
    to->jobs = 0;   /* the online CPUs, unless KD_JOBS or --jobs says otherwise */
    if (getenv("KD_JOBS") != NULL && *getenv("KD_JOBS") != '\0'
        && !kd_cli_parse_slong(&to->jobs, getenv("KD_JOBS"), "table", "KD_JOBS", 1,
                               KD_OMEGA_JOBS_MAX))
    {
        ret = 2;
        goto done;
    }
    if ((r = kd_cli_getopt(&o, argc, argv, opts, "table", own, &a, help)) != 0)
    {
        ret = KD_CLI_GETOPT_EXIT(r);
        goto done;
    }
    kd_cli_opts_default_levels(&o, defn, 3);
    if (a.plot != NULL && kd_plot_terminal(a.plot) == NULL)
    {
        kd_cli_opts_clear(&o);
        ret = kd_cli_usage("table", "--plot: '%s' should end in .png, .svg or .pdf", a.plot);
        goto done;
    }
    if (a.K == NULL)
        kd_cli_parse_level_list(&a.K, &a.nK, "1,3,6", "table");
    to->progress = progress;
    count[0] = 0;
    count[1] = a.nK * o.nlevels;
    to->progress_data = count;
    if (a.problem != NULL)
        st = kd_problem_kind_parse(&kind, a.problem);
    if (st == KD_OK)
        st = kd_omega_table_opts_set_kind(to, kind);
    if (st == KD_OK && (a.lambda || a.eta)
        && (st = kd_real_parse(to->param, a.lambda ? a.lambda : a.eta)) != KD_OK)
        kd_error_prefix(a.lambda ? "--lambda" : "--eta");
    if (st == KD_OK)
        st = kd_omega_table_run(T, a.K, a.nK, o.levels, o.nlevels, to);
    if (st != KD_OK)
        ret = kd_cli_fail("table", st);
    else
    {
        int paper = to->kind == KD_PROBLEM_P3 && a.lambda == NULL;
        if (o.fmt == KD_FMT_JSON)
            ret = kd_json_print(kd_omega_table_json(T, to, paper));
        else if ((st = kd_omega_table_write(stdout, T, to, paper, o.fmt == KD_FMT_CSV)) != KD_OK)
            ret = kd_cli_fail("table", st);
        /* the table was printed: a plot that fails is one line and exit 1 */
        if (a.plot != NULL && ret == 0
            && kd_omega_table_plot(a.plot, T, to, a.K[a.nK - 1], o.levels, o.nlevels) != KD_OK)
        {
            fprintf(stderr, "kdigits table: %s\n", kd_error_message());
            ret = KD_EXIT_FAIL;
        }
    }
    kd_cli_opts_clear(&o);
done:
    kd_omega_table_clear(T);
    flint_free(a.K);
    kd_omega_table_opts_clear(to);
    return ret;
}
