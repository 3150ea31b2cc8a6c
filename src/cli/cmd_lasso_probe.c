/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits lasso-probe: the published MATLAB lasso table of lasso-probe.md §3
   reproduced on the double-rounded input, with the certified truth. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "kdigits/lasso.h"

static void
help(void)
{
    kd_cli_help(stdout, kd_help_lasso_probe, NULL, NULL);
}

typedef struct
{
    const char * deltas, * settings, * conv, * precs;
    int settings_given, peers;
}
lp_args;

static int
own(int c, const char * arg, void * data)
{
    lp_args * a = data;
    switch (c)
    {
        case 'd': a->deltas = arg; break;
        case 's': a->settings = arg; a->settings_given = 1; break;
        case 'c': a->conv = arg; break;
        case 'P': a->precs = arg; break;
        case 'R': a->peers = 1; break;
        default: return 0;
    }
    return 1;
}

/* Every installed peer on the double-rounded instance of each delta. */
static int
run_peers(kd_real_t * deltas, slong nd, const fmpq_t Lambda, const fmpq_t param,
          kd_scaled_convention conv, kd_cli_format fmt)
{
    kd_lasso_peers_t P;
    kd_status st = kd_lasso_peers_init(P, Lambda);
    slong i;
    int ret = 0;

    for (i = 0; i < nd && st == KD_OK; i++)
    {
        char * dstr = kd_real_get_str(deltas[i]);
        if (P->nrun > 0)
            kd_cli_progress("lasso-probe", i + 1, nd, "peers at delta = %s ...", dstr);
        flint_free(dstr);
        st = kd_lasso_peers_run(P, deltas[i], Lambda);
    }
    if (st != KD_OK)
        ret = kd_cli_fail("lasso-probe", st);
    else if (fmt == KD_FMT_JSON)
        ret = kd_json_print(kd_lasso_peers_json(P, Lambda, conv));
    else if (fmt == KD_FMT_CSV)
        ret = kd_csv_print_json(kd_lasso_peers_json(P, Lambda, conv));
    else if ((st = kd_lasso_peers_write(stdout, P, Lambda, param, conv)) != KD_OK
             || fflush(stdout) != 0)
        ret = st != KD_OK ? kd_cli_fail("lasso-probe", st) : KD_EXIT_FAIL;
    kd_lasso_peers_clear(P);
    return ret;
}

/* --settings, --deltas (each > 0) and --precisions: 0, or the exit code
   after a message */
static int
parse_lists(kd_lasso_setting * sets, slong * nsets, kd_real_t ** deltas, slong * nd,
            slong ** precs, slong * nprecs, const lp_args * a)
{
    const char * cmd = "lasso-probe";
    char * buf = strdup(a->deltas), * tok, * save;
    kd_status st;
    slong j;
    int sg = 0, ret = 0;

    if ((st = kd_lasso_setting_parse_list(sets, nsets, a->settings)) != KD_OK)
        kd_error_prefix("--settings");
    else if (*a->deltas == ',' || strstr(a->deltas, ",,") != NULL
             || (*a->deltas && a->deltas[strlen(a->deltas) - 1] == ','))
        ret = kd_cli_usage(cmd, "--deltas: an empty item in '%s' (a comma-separated list, "
                           "e.g. 2^-15,2^-30)", a->deltas);
    for (tok = strtok_r(buf, ",", &save); tok && st == KD_OK && !ret;
         tok = strtok_r(NULL, ",", &save))
    {
        *deltas = flint_realloc(*deltas, (*nd + 1) * sizeof(kd_real_t));
        kd_real_init((*deltas)[(*nd)++]);
        if ((st = kd_real_parse((*deltas)[*nd - 1], tok)) != KD_OK)
            kd_error_prefix("--deltas");
        else if ((st = kd_real_sign(&sg, (*deltas)[*nd - 1], 0)) != KD_OK)
            kd_error_prefix("--deltas: %s", tok);
        else if (sg <= 0)
            ret = kd_cli_usage(cmd, "--deltas: delta must be > 0 (got %s; at delta = 0 the two "
                               "columns coincide and the minimiser is not unique)", tok);
        else if (kd_lasso_probe_delta_in_range((*deltas)[*nd - 1]) != KD_TRUE)
            ret = kd_cli_usage(cmd, "--deltas: delta must be at least 2^-%d (got %s; the probe "
                               "rounds A_delta to IEEE double)", KD_LASSO_DELTA_MIN_LOG2, tok);
    }
    free(buf);
    if (st == KD_OK && !ret && *nd == 0)
        ret = kd_cli_usage(cmd, "--deltas: no delta given (a comma-separated list, e.g. 2^-15,2^-30)");
    if (st != KD_OK || ret || a->precs == NULL)
        return st != KD_OK ? kd_cli_fail(cmd, st) : ret;
    if (a->peers)
        return kd_cli_usage(cmd, "--peers and --precisions are separate modes");
    if (!kd_cli_parse_slong_list(precs, nprecs, a->precs, cmd, "--precisions",
                                 KD_ARITH_PREC_MIN, 65536))
        return KD_EXIT_USAGE;
    for (j = 0; j < *nsets; j++)
        if (sets[j] == KD_LASSO_SETTING_RELTOL_EPS_MAXITER)
        {
            if (a->settings_given)
                return kd_cli_usage(cmd, "--precisions runs the settings default and reltol-eps "
                                    "only");
            *nsets = j;
        }
    return 0;
}

int
kd_cmd_lasso_probe(int argc, char ** argv)
{
    static const struct option opts[] = {
        {"deltas", required_argument, NULL, 'd'},
        {"settings", required_argument, NULL, 's'},
        {"convention", required_argument, NULL, 'c'},
        {"precisions", required_argument, NULL, 'P'},
        {"peers", no_argument, NULL, 'R'},
        KD_CLI_LONGOPTS_COMMON,
        {NULL, 0, NULL, 0}};
    const char * cmd = "lasso-probe";
    lp_args a = {"2^-1,2^-7,2^-15,2^-20,2^-24,2^-26,2^-28,2^-30",
                 "default,reltol-eps,reltol-eps-maxiter", "matlab", NULL, 0, 0};
    kd_cli_opts o;
    kd_status st = KD_OK;
    kd_lasso_setting sets[3];
    slong nsets = 0, nd = 0, i, j, k, * precs = NULL, nprecs = 0;
    kd_real_t * deltas = NULL;
    fmpq_t Lambda, param;
    kd_scaled_convention conv;
    json_t * jroot = json_object(), * jrows = json_array(), * jtruth = json_array(), * jr;
    kd_cli_format fmt;
    int r, ret = 0;

    kd_cli_opts_init(&o, 0);
    fmpq_init(Lambda);
    fmpq_init(param);
    if ((r = kd_cli_getopt(&o, argc, argv, opts, cmd, own, &a, help)) != 0)
        ret = KD_CLI_GETOPT_EXIT(r);
    else if (strcmp(a.conv, "matlab") != 0 && strcmp(a.conv, "mean") != 0)
        r = ret = kd_cli_usage(cmd, "--convention must be matlab or mean");
    if (r != 0 || (ret = parse_lists(sets, &nsets, &deltas, &nd, &precs, &nprecs, &a)) != 0)
        goto out;
    conv = strcmp(a.conv, "mean") == 0 ? KD_SCALED_MEAN : KD_SCALED_HALF_MEAN;
    fmpq_set_si(param, 1, 10);
    fmpq_set_si(Lambda, 1, conv == KD_SCALED_MEAN ? 20 : 10);
    if (a.peers)
    {
        ret = run_peers(deltas, nd, Lambda, param, conv, o.fmt);
        goto out;
    }
    /* CSV is made from the JSON document */
    fmt = o.fmt == KD_FMT_CSV ? KD_FMT_JSON : o.fmt;
    jr = fmt == KD_FMT_JSON ? jroot : NULL;
    kd_lasso_probe_head_report(stdout, jr, a.conv, Lambda, conv, nprecs > 0);
    for (i = 0; i < nd && st == KD_OK; i++)
    {
        kd_lasso_delta_t D;
        char * dstr = kd_real_get_str(deltas[i]);
        kd_lasso_delta_init(D);
        kd_cli_progress("lasso-probe", i + 1, nd, "delta = %s ...", dstr);
        st = kd_lasso_probe_delta(D, deltas[i], param, conv, Lambda, KD_LASSO_BITS_MAX_LEVEL);
        if (st == KD_OK)
            kd_lasso_delta_report(stdout, jr ? jtruth : NULL, dstr, D, nprecs > 0);
        for (k = 0; k < nprecs && st == KD_OK; k++)
            for (j = 0; j < nsets && st == KD_OK; j++)
            {
                if (!kd_cli_quiet)
                    fprintf(stderr, "kdigits lasso-probe: delta = %s, p = %ld, %s ...\n", dstr,
                            (long) precs[k], kd_lasso_setting_name(sets[j]));
                st = kd_lasso_probe_prec_report(stdout, jr ? jrows : NULL, deltas[i], dstr, D,
                                                Lambda, precs[k], sets[j]);
            }
        for (j = 0; j < nsets && nprecs == 0 && st == KD_OK; j++)
            st = kd_lasso_probe_cell_report(stdout, jr ? jrows : NULL, deltas[i], dstr, D,
                                            Lambda, conv, sets[j]);
        flint_free(dstr);
        kd_lasso_delta_clear(D);
    }
    if (st == KD_OK && nprecs == 0)
        st = kd_lasso_probe_breakdown_report(stdout, jr, Lambda);
    if (st != KD_OK)
        ret = kd_cli_fail(cmd, st);
    else if (fmt == KD_FMT_JSON)
    {
        json_object_set_new(jroot, "truth", jtruth);
        json_object_set_new(jroot, "rows", jrows);
        ret = o.fmt == KD_FMT_CSV ? kd_csv_print_json(jroot) : kd_json_print(jroot);
        jroot = jtruth = jrows = NULL;
    }
out:
    json_decref(jroot);
    json_decref(jrows);
    json_decref(jtruth);
    for (i = 0; i < nd; i++)
        kd_real_clear(deltas[i]);
    flint_free(deltas);
    flint_free(precs);
    fmpq_clear(Lambda);
    fmpq_clear(param);
    kd_cli_opts_clear(&o);
    return ret;
}
