/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits dln: diagonal linear networks, their certified limit and the
   integrated flow measured against the certified BP solution set. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "kdigits/dln.h"

static void
help(void)
{
    kd_cli_help(stdout, kd_help_dln, NULL, NULL);
}

typedef struct
{
    const char * A, * y, * alpha, * scheme, * h, * T, * prec;
    slong * depths, * Ks;
    slong ndepth, ball_prec, nK;
    int flow, rates, select, no_est;
}
dln_args;

static int
own(int c, const char * arg, void * data)
{
    dln_args * a = data;
    switch (c)
    {
        case 'A': a->A = arg; break;
        case 'y': a->y = arg; break;
        case 'a': a->alpha = arg; break;
        case 's': a->scheme = arg; break;
        case 'H': a->h = arg; break;
        case 'T': a->T = arg; break;
        case 'r': a->prec = arg; break;
        case 'F': a->flow = 1; break;
        case 'R': a->rates = 1; break;
        case 'S': a->select = 1; break;
        case 'E': a->no_est = 1; break;
        case 'D':
            flint_free(a->depths);
            a->depths = NULL;
            return kd_cli_parse_slong_list(&a->depths, &a->ndepth, arg, "dln", "--depth", 2, 64)
                   ? 1 : -1;
        case 'O':
            flint_free(a->Ks);
            a->Ks = NULL;
            return kd_cli_parse_slong_list(&a->Ks, &a->nK, arg, "dln", "--omega", 1, 30) ? 1 : -1;
        case 'B': return kd_cli_parse_slong(&a->ball_prec, arg, "dln", "--ball-prec", 32, 100000) ? 1 : -1;
        default: return 0;
    }
    return 1;
}

static void
progress(slong i, slong total, const char * what)
{
    if (total == 0)
        kd_cli_progress("dln", 1, 1, "%s ...", what);
    else
        kd_cli_progress("dln", i, total, "%s ...", what);
}

static int
parse_pos_double(double * out, const char * s, const char * opt)
{
    char * end;
    double t = strtod(s, &end);
    if (*end != '\0' || end == s || !isfinite(t) || t <= 0)
        return kd_cli_usage("dln", "%s must be a positive number, got '%s'", opt, s);
    *out = t;
    return 0;
}

/* The options into o; 0 when fine, else the exit code. */
static int
set_opts(kd_dln_opts_t o, const dln_args * a, const kd_cli_opts * c)
{
    kd_status st = KD_OK;
    int r = 0;
    if (a->alpha != NULL && (st = kd_dln_opts_set_alphas(o, a->alpha)) != KD_OK)
        return kd_cli_fail("dln", st);
    if (a->depths != NULL && (st = kd_dln_opts_set_depths(o, a->depths, a->ndepth)) != KD_OK)
        return kd_cli_fail("dln", st);
    if (a->scheme != NULL && kd_dln_scheme_parse(&o->fopts.scheme, a->scheme) != KD_OK)
        return kd_cli_usage("dln", "--scheme must be euler or rk4, got '%s'", a->scheme);
    if ((a->h != NULL && (r = parse_pos_double(&o->fopts.h, a->h, "--h")) != 0)
        || (a->T != NULL && (r = parse_pos_double(&o->fopts.T, a->T, "--T")) != 0))
        return r;
    if (a->prec != NULL && strcmp(a->prec, "double") != 0
        && !kd_cli_parse_slong(&o->fopts.prec, a->prec, "dln", "--prec", 2, 100000))
        return KD_EXIT_USAGE;
    if (o->fopts.T / o->fopts.h > 1e9)
        return kd_cli_usage("dln", "--T / --h is more than 1e9 steps");
    if (c->levels != NULL && a->Ks == NULL)
    {
        if (c->nlevels != 1)
            return kd_cli_usage("dln", "--n takes one level here");
        o->flow_level = c->levels[0];
    }
    o->flow = a->flow;
    o->rates = a->rates;
    o->select = a->select;
    o->flow_err_est = !a->no_est;
    if (a->ball_prec)
        o->prec = a->ball_prec;
    if (!kd_cli_quiet)
        o->progress = progress;
    return 0;
}

/* kdigits dln --omega K: the gadget rows. */
static int
run_omega(const dln_args * a, kd_cli_opts * o, kd_dln_opts_t d)
{
    static const slong def[] = {10, 20};
    kd_dln_omega_t R;
    kd_status st;
    int ret = 0;
    kd_cli_opts_default_levels(o, def, 2);
    kd_dln_omega_init(R);
    st = kd_dln_omega_run(R, a->Ks, a->nK, o->levels, o->nlevels, d);
    if (st != KD_OK)
        ret = kd_cli_fail("dln", st);
    else if (o->fmt == KD_FMT_JSON)
        ret = kd_json_print(kd_dln_omega_json(R));
    else if (o->fmt == KD_FMT_CSV)
        ret = kd_csv_print_json(kd_dln_omega_json(R));
    else if ((st = kd_dln_omega_write(stdout, R)) != KD_OK)
        ret = kd_cli_fail("dln", st);
    kd_dln_omega_clear(R);
    return ret;
}

int
kd_cmd_dln(int argc, char ** argv)
{
    static const struct option opts[] = {
        {"A", required_argument, NULL, 'A'}, {"y", required_argument, NULL, 'y'},
        {"depth", required_argument, NULL, 'D'}, {"alpha", required_argument, NULL, 'a'},
        {"flow", no_argument, NULL, 'F'}, {"scheme", required_argument, NULL, 's'},
        {"h", required_argument, NULL, 'H'}, {"T", required_argument, NULL, 'T'},
        {"prec", required_argument, NULL, 'r'}, {"no-estimate", no_argument, NULL, 'E'},
        {"rates", no_argument, NULL, 'R'}, {"select", no_argument, NULL, 'S'},
        {"ball-prec", required_argument, NULL, 'B'}, {"omega", required_argument, NULL, 'O'},
        KD_CLI_LONGOPTS_COMMON, {NULL, 0, NULL, 0}};
    dln_args a;
    kd_cli_opts o;
    kd_dln_opts_t d;
    kd_dln_report_t R;
    kd_problem_t P;
    kd_mat_t A, y;
    kd_status st;
    int r, ret = 0;
    memset(&a, 0, sizeof a);
    kd_cli_opts_init(&o, 0);
    if ((r = kd_cli_getopt(&o, argc, argv, opts, "dln", own, &a, help)) != 0)
    {
        flint_free(a.depths);
        flint_free(a.Ks);
        return KD_CLI_GETOPT_EXIT(r);
    }
    if (a.Ks == NULL && (a.A == NULL || a.y == NULL))
        ret = kd_cli_usage("dln", "--A and --y (or --omega) are required");
    else if (a.Ks != NULL && (a.A != NULL || a.y != NULL || a.flow || a.select))
        ret = kd_cli_usage("dln", "--omega takes the gadget's data: not --A, --y, --flow, --select");
    if (ret != 0)
    {
        flint_free(a.depths);
        flint_free(a.Ks);
        kd_cli_opts_clear(&o);
        return ret;
    }
    kd_dln_opts_init(d);
    if ((ret = set_opts(d, &a, &o)) != 0)
        goto cleanup_opts;
    if (a.Ks != NULL)
    {
        ret = run_omega(&a, &o, d);
        goto cleanup_opts;
    }
    kd_mat_init(A, 0, 0);
    kd_mat_init(y, 0, 0);
    kd_problem_init_empty(P);
    kd_dln_report_init(R);
    if ((st = kd_builtin_load(A, a.A)) == KD_OK && (st = kd_builtin_load(y, a.y)) == KD_OK)
    {
        kd_problem_clear(P);
        st = kd_problem_init(P, KD_PROBLEM_BP, A, y, NULL, NULL, o.prec_cap);
    }
    if (st == KD_OK)
        st = kd_dln_run(R, P, d);
    if (st != KD_OK)
        ret = kd_cli_fail("dln", st);
    else if (o.fmt == KD_FMT_JSON)
        ret = kd_json_print(kd_dln_report_json(R, d));
    else if (o.fmt == KD_FMT_CSV)
        ret = kd_csv_print_json(kd_dln_report_json(R, d));
    else if ((st = kd_dln_report_write(stdout, R, d)) != KD_OK)
        ret = kd_cli_fail("dln", st);
    kd_dln_report_clear(R);
    kd_problem_clear(P);
    kd_mat_clear(A);
    kd_mat_clear(y);
cleanup_opts:
    kd_dln_opts_clear(d);
    flint_free(a.depths);
    flint_free(a.Ks);
    kd_cli_opts_clear(&o);
    return ret;
}
