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

/* the maximum level the input-bits search tries */
#define BITS_MAX_LEVEL 400

static void
level_str(char * buf, size_t len, slong level)
{
    snprintf(buf, len, "%s%ld%s", level >= 0 ? "" : "> ",
             (long) (level >= 0 ? level : BITS_MAX_LEVEL), level >= 0 ? "" : " (not found)");
}

/* verdict, with where the mass is when both coordinates are non-zero */
static void
verdict_str(char * buf, size_t len, kd_lasso_verdict v, const fmpq_mat_t B, const fmpq_t Lambda)
{
    kd_lasso_side n = kd_lasso_nearer(B, Lambda);
    snprintf(buf, len, "%s%s", v == KD_LASSO_SPLIT ? "split, " : kd_lasso_verdict_name(v),
             v != KD_LASSO_SPLIT ? "" : n == KD_LASSO_NEARER_BSTAR ? "nearer B*"
             : n == KD_LASSO_NEARER_WRONG ? "nearer the wrong vertex" : "equidistant/undecided");
}

/* One cell of the table (one delta, one setting). */
static kd_status
table_cell(const kd_real_t delta, const char * dstr, const kd_lasso_delta_t D,
           const fmpq_t Lambda, kd_scaled_convention conv, kd_lasso_setting s,
           kd_cli_format fmt, json_t * jrows)
{
    kd_lasso_cell_t C;
    kd_status st;
    char verd[64], sw[32], sec[32], * e;
    const char * pub = D->has_log2 && conv == KD_SCALED_HALF_MEAN
                       ? kd_lasso_probe_published(D->log2, s) : NULL;

    kd_lasso_cell_init(C);
    if ((st = kd_lasso_probe_cell(C, delta, Lambda, s, D->Bstar, KD_LASSO_RUN_LIMIT)) != KD_OK)
        goto out;
    verdict_str(verd, sizeof verd, C->verdict, C->B, Lambda);
    if (fmt == KD_FMT_JSON)
        json_array_append_new(jrows, kd_lasso_cell_json(C, dstr, D, s, Lambda, pub));
    else
    {
        e = C->predicted ? NULL : kd_arb_get_str_pm(&C->error, 10);
        snprintf(sw, sizeof sw, "%ld%s", C->sweeps, C->predicted ? "(p)" : "");
        snprintf(sec, sizeof sec, "%.3g%s", C->seconds, C->predicted ? "(p)" : "");
        printf("  %-19s %-30s %11s %12s %-6s %-32s %s\n", kd_lasso_setting_name(s),
               e ? e : "0 in exact arith. (p)", sw, sec, C->warned ? "yes" : "no",
               C->predicted ? "right support (p)" : verd, pub ? pub : "");
        flint_free(e);
    }
out:
    kd_lasso_cell_clear(C);
    return st;
}

/* One row of the precision sweep (one delta, precision, setting). */
static kd_status
prec_row(const kd_real_t delta, const char * dstr, const kd_lasso_delta_t D,
         const fmpq_t Lambda, slong p, kd_lasso_setting s, kd_cli_format fmt, json_t * jrows)
{
    kd_lasso_prec_row_t R;
    kd_status st;
    char verd[64], * e;

    kd_lasso_prec_row_init(R);
    if (!kd_cli_quiet)
        fprintf(stderr, "kdigits lasso-probe: delta = %s, p = %ld, %s ...\n", dstr, (long) p,
                kd_lasso_setting_name(s));
    if ((st = kd_lasso_probe_prec_row(R, delta, Lambda, p, s, D->Bstar)) != KD_OK)
        goto out;
    verdict_str(verd, sizeof verd, R->verdict, R->B, Lambda);
    if (fmt == KD_FMT_JSON)
        json_array_append_new(jrows, kd_lasso_prec_row_json(R, dstr, D, p, s));
    else
    {
        e = kd_arb_get_str_pm(&R->error, 10);
        printf("  %6ld %-8s %-7s %-19s %-30s %8ld %-6s %s\n", (long) p,
               R->sigma_equal ? "equal" : "differ", kd_lasso_support_name(R->support),
               kd_lasso_setting_name(s), e, R->sweeps, R->warned ? "yes" : "no", verd);
        flint_free(e);
    }
out:
    kd_lasso_prec_row_clear(R);
    return st;
}

/* the breakdown epsilon of {A_delta} u {mirror} u {A_0} (lasso-probe.md §5) */
static kd_status
breakdown(const fmpq_t Lambda, kd_cli_format fmt, json_t * jroot)
{
    arb_t kappa, eps;
    arb_mat_t mid;
    kd_status st;
    char * k, * e, * m;

    arb_init(kappa);
    arb_init(eps);
    arb_mat_init(mid, 2, 1);
    if ((st = kd_lasso_probe_breakdown(kappa, eps, mid, Lambda, 128)) == KD_OK
        && fmt == KD_FMT_JSON)
        json_object_set_new(jroot, "breakdown", kd_lasso_breakdown_json(kappa, eps, mid));
    else if (st == KD_OK)
    {
        k = kd_arb_get_str_pm(kappa, 10);
        e = kd_arb_get_str_pm(eps, 10);
        m = kd_arb_get_str_pm(arb_mat_entry(mid, 0, 0), 10);
        printf("\nBreakdown epsilon of the class {A_delta} u {columns swapped} u {A_0}\n"
               "(proofs-notes/lasso-probe.md §4): the two families converge to A_0 while their\n"
               "minimisers B* = (0, c) and W = (c, 0), c = 1 - sqrt(3) Lambda, stay\n"
               "kappa = %s apart; no algorithm errs by less than\n"
               "  epsilon_B = kappa/2 = %s\n"
               "on all of the class, and the constant output (c/2, c/2) = (%s, same)\n"
               "attains it (it lies on A_0's solution segment). Every solver above that\n"
               "lands on the wrong vertex errs by kappa.\n", k, e, m);
        flint_free(k);
        flint_free(e);
        flint_free(m);
    }
    arb_clear(kappa);
    arb_clear(eps);
    arb_mat_clear(mid);
    return st;
}

/* What is known about one delta before the solvers run. */
static void
print_delta(const char * dstr, const kd_lasso_delta_t D, int sweep, kd_cli_format fmt,
            json_t * jtruth)
{
    const kd_lasso_bits_struct * b = D->bits;
    char * b2, * sl, ls[48], ln[48];
    if (fmt == KD_FMT_JSON)
    {
        json_array_append_new(jtruth, kd_lasso_delta_json(dstr, D));
        return;
    }
    b2 = kd_arb_get_str_pm(arb_mat_entry(D->Bstar, 1, 0), 12);
    sl = kd_arb_get_str_pm(D->slack, 4);
    printf("\ndelta = %s: truth B* = (0, %s) certified %s; KKT slack %s\n",
           dstr, b2, kd_truth_name(D->cert), sl);
    level_str(ls, sizeof ls, b->level_sharp);
    level_str(ln, sizeof ln, b->level_naive);
    printf("  input bits: no algorithm certifies the support from levels <= %ld (an instance\n"
           "  2^%ld away has another support); kdigits certifies it from level %s; entry\n"
           "  balls need level %s; IEEE double input is about level 52\n",
           b->level_lower, b->flip_log2, ls, ln);
    printf("  the double input's exact minimiser: support %s standardised exactly, %s\n"
           "  standardised in double as MATLAB does (sigmas %s)%s\n",
           kd_lasso_support_name(D->support_exact), kd_lasso_support_name(D->support_double),
           D->sigma_equal ? "rounded equal" : "differ",
           D->support_double != 2 ? "  <- a DIFFERENT problem" : "");
    if (sweep)
        printf("  %6s %-8s %-7s %-19s %-30s %8s %-6s %s\n", "p", "sigmas", "problem",
               "setting", "error", "sweeps", "warned", "verdict");
    else
        printf("  %-19s %-30s %11s %12s %-6s %-32s %s\n", "setting", "error", "sweeps",
               "seconds", "warned", "verdict", "published");
    flint_free(b2);
    flint_free(sl);
}

/* ---- --peers (lasso-probe.md §4): the table of kd_lasso_peers_run ---- */

static void
peers_text(const kd_lasso_peers_t P, const fmpq_t Lambda, const fmpq_t param,
           kd_scaled_convention conv)
{
    char * ls = kd_fmpq_get_str(Lambda), * ps = kd_fmpq_get_str(param), * mid, * rad;
    const char * last = NULL;
    slong i;

    if (conv == KD_SCALED_MEAN)
        printf("Real peers on A_delta, y rounded to double (lasso-probe.md §4); convention mean\n"
               "(the slides' lambda = %s, i.e. MATLAB's Lambda = %s, passed as the double %.17g).\n",
               ps, ls, P->Lambda_d);
    else
        printf("Real peers on A_delta, y rounded to double (lasso-probe.md §4); convention matlab\n"
               "(Lambda = %s, passed as the double %.17g).\n", ls, P->Lambda_d);
    kd_arb_get_decimal(&mid, &rad, P->Bstar2, 12);
    printf("error = ||B - B*||_2 certified (B = the peer's double output, read exactly;\n"
           "B* = (0, 1 - sqrt(3) Lambda) = (0, %s)); nearer: B* or the wrong vertex\n"
           "W = (1 - sqrt(3) Lambda, 0), decided exactly; verdict: the exact support of B.\n"
           "peers:\n", mid);
    for (i = 0; i < KD_LASSO_NPEERS; i++)
        if (P->peer[i].interp)
            printf("  %-18s %s %s\n", P->peer[i].name, P->peer[i].interp, P->peer[i].script);
        else
            printf("  %-18s %s: %s\n", P->peer[i].name, P->peer[i].status,
                   P->peer[i].reason ? P->peer[i].reason : "");
    for (i = 0; i < P->nrows; i++)
    {
        const kd_lasso_peer_row_struct * r = &P->rows[i];
        const char * name = P->peer[r->peer].name, * ver = r->version ? r->version : "-";
        char lgs[48] = "", bs[96], * es;
        if (last == NULL || strcmp(last, r->delta) != 0)
        {
            if (r->has_log2)
                snprintf(lgs, sizeof lgs, " = 2^%ld", (long) r->log2);
            printf("\ndelta = %s%s (B* certified: %s):\n  %-18s %-8s %-36s %-36s %-13s %-6s %s\n",
                   r->delta, lgs, kd_truth_name(r->cert), "peer", "version",
                   "B (peer's output, %.10g)", "error ||B - B*||_2", "nearer", "warned", "verdict");
            last = r->delta;
        }
        if (r->status != KD_LASSO_PEER_OK)
        {
            printf("  %-18s %-8s failed: %s\n", name, ver, r->reason);
            continue;
        }
        es = kd_arb_get_str_pm(r->error, 10);
        snprintf(bs, sizeof bs, "(%.10g, %.10g)", r->Bd[0], r->Bd[1]);
        printf("  %-18s %-8s %-36s %-36s %-13s %-6s %s\n", name, ver, bs, es,
               kd_lasso_side_name(r->nearer), r->warned ? "yes" : "no",
               kd_lasso_verdict_name(r->verdict));
        if (*r->warning)
            printf("  %-18s   warning: %s\n", "", r->warning);
        flint_free(es);
    }
    if (P->nrows == 0)
        printf("\n(no peer ran)\n");
    flint_free(ls);
    flint_free(ps);
    flint_free(mid);
    flint_free(rad);
}

/* Every installed peer on the double-rounded instance of each delta. */
static int
run_peers(kd_real_t * deltas, slong nd, const fmpq_t Lambda, const fmpq_t param,
          kd_scaled_convention conv, kd_cli_format fmt)
{
    kd_lasso_peers_t P;
    kd_status st = kd_lasso_peers_init(P, Lambda);
    slong i;
    int ret;

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
    else
    {
        peers_text(P, Lambda, param, conv);
        ret = fflush(stdout) == 0 ? 0 : KD_EXIT_FAIL;
    }
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

static void
print_head(const char * conv_name, const fmpq_t Lambda, kd_scaled_convention conv, int sweep,
           kd_cli_format fmt, json_t * jroot)
{
    if (fmt == KD_FMT_JSON)
    {
        json_object_set_new(jroot, "convention", json_string(conv_name));
        json_object_set_new(jroot, "Lambda", kd_json_fmpq(Lambda));
        json_object_set_new(jroot, "mode", json_string(sweep ? "precision-sweep" : "table"));
    }
    else if (sweep)
        printf("Precision sweep (proofs-notes/lasso-probe.md §3): A_delta, y rounded to p bits,\n"
               "MATLAB's preprocessing and coordinate descent in p-bit arithmetic (p = 53: IEEE\n"
               "double), convention %s. 'problem' = support of the EXACT\n"
               "minimiser of the problem the p-bit standardisation defines;\n"
               "error = ||B - B*||_2 certified.\n",
               conv == KD_SCALED_MEAN ? "mean (Lambda = 1/20)" : "matlab (Lambda = 1/10)");
    else
        printf("MATLAB lasso on A_delta, y rounded to double (lasso-probe.md §3); convention %s,\n"
               "error = ||B - B*||_2 certified; (p) = predicted (exact-arithmetic sweep count,\n"
               "time from the measured sweep rate), not run. Input bits and the breakdown\n"
               "epsilon: proofs-notes/lasso-probe.md.\n",
               conv == KD_SCALED_MEAN ? "mean (slides' lambda = 1/10, MATLAB Lambda = 1/20)"
                                      : "matlab (Lambda = 1/10)");
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
    json_t * jroot = json_object(), * jrows = json_array(), * jtruth = json_array();
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
    print_head(a.conv, Lambda, conv, nprecs > 0, fmt, jroot);
    for (i = 0; i < nd && st == KD_OK; i++)
    {
        kd_lasso_delta_t D;
        char * dstr = kd_real_get_str(deltas[i]);
        kd_lasso_delta_init(D);
        kd_cli_progress("lasso-probe", i + 1, nd, "delta = %s ...", dstr);
        st = kd_lasso_probe_delta(D, deltas[i], param, conv, Lambda, BITS_MAX_LEVEL);
        if (st == KD_OK)
            print_delta(dstr, D, nprecs > 0, fmt, jtruth);
        for (k = 0; k < nprecs && st == KD_OK; k++)
            for (j = 0; j < nsets && st == KD_OK; j++)
                st = prec_row(deltas[i], dstr, D, Lambda, precs[k], sets[j], fmt, jrows);
        for (j = 0; j < nsets && nprecs == 0 && st == KD_OK; j++)
            st = table_cell(deltas[i], dstr, D, Lambda, conv, sets[j], fmt, jrows);
        flint_free(dstr);
        kd_lasso_delta_clear(D);
    }
    if (st == KD_OK && nprecs == 0)
        st = breakdown(Lambda, fmt, jroot);
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
