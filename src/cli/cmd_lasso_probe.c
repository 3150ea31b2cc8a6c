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
    printf(
        "usage: kdigits lasso-probe [--deltas LIST] [--settings LIST] [--convention matlab|mean]\n"
        "                           [--format text|json]\n"
        "\n"
        "The MATLAB lasso failure (lasso-probe.md §3): MATLAB's coordinate descent\n"
        "(standardize, intercept) on A_delta, y rounded to double (the input a MATLAB\n"
        "user has), with the error ||B - B*||_2 certified against the exact truth\n"
        "B* = (0, 1 - sqrt(3) Lambda). Cells predicted to need more than 5e8 sweeps are\n"
        "predicted (exact-arithmetic sweep count, time from the measured sweep rate).\n"
        "\n"
        "options:\n"
        "  --deltas LIST     exact expressions (default 2^-1,2^-7,2^-15,2^-20,2^-24,2^-26,2^-28,2^-30)\n"
        "  --settings LIST   default,reltol-eps,reltol-eps-maxiter (default all three)\n"
        "  --convention C    matlab (Lambda = 1/10, default) or mean (the slides' lambda = 1/10,\n"
        "                    i.e. Lambda = 1/20)\n"
        "  --format F        text (default) or json\n");
}

typedef struct
{
    const char * deltas, * settings, * conv;
}
lp_args;

static int
own(int c, const char * arg, void * data)
{
    lp_args * a = data;
    switch (c)
    {
        case 'd': a->deltas = arg; break;
        case 's': a->settings = arg; break;
        case 'c': a->conv = arg; break;
        default: return 0;
    }
    return 1;
}

/* Published MATLAB values (lasso-probe.md §3), by log2(delta) and setting. */
static const char *
published(slong lg, int s)
{
    switch (lg)
    {
        case -1: return "1e-16";
        case -7: return s == 0 ? "0.68" : s == 1 ? "2e-16, 0.02 s" : "2e-16";
        case -15: return s == 0 ? "1.17" : s == 1 ? "1.17, 0.33 s, warned" : "1e-11, 1381.5 s";
        case -20: case -24: case -26:
            return s == 0 ? "1.17" : s == 1 ? "1.17, 0.33 s, warned" : "no output after 12 h";
        case -28: case -30: return s == 2 ? "1.17, <0.01 s" : "1.17";
        default: return NULL;
    }
}

/* log2(delta) when delta is an exact power of two, else 0 (none). */
static int
delta_log2(slong * lg, const kd_real_t d)
{
    fmpq_t q;
    int ok = 0;
    fmpq_init(q);
    if (kd_real_get_fmpq(q, d) && fmpq_sgn(q) > 0)
    {
        if (fmpz_is_one(fmpq_numref(q)) && fmpz_is_pm1(fmpq_denref(q)) == 0
            && (slong) fmpz_val2(fmpq_denref(q)) == (slong) fmpz_bits(fmpq_denref(q)) - 1)
        {
            *lg = -fmpz_val2(fmpq_denref(q));
            ok = 1;
        }
        else if (fmpz_is_one(fmpq_denref(q))
                 && (slong) fmpz_val2(fmpq_numref(q)) == (slong) fmpz_bits(fmpq_numref(q)) - 1)
        {
            *lg = fmpz_val2(fmpq_numref(q));
            ok = 1;
        }
    }
    fmpq_clear(q);
    return ok;
}

static char *
ball(const arb_t x, slong digits)
{
    char * mid, * rad, * s;
    size_t len;
    if (!arb_is_finite(x))
    {
        s = flint_malloc(2);
        strcpy(s, "-");
        return s;
    }
    kd_arb_get_decimal(&mid, &rad, x, digits);
    len = strlen(mid) + strlen(rad) + 8;
    s = flint_malloc(len);
    snprintf(s, len, "%s +/- %s", mid, rad);
    flint_free(mid);
    flint_free(rad);
    return s;
}

static const char *
support_str(int s)
{
    return s == 0 ? "{}" : s == 1 ? "{1}" : s == 2 ? "{2}" : s == 3 ? "{1,2}" : "not a point";
}

int
kd_cmd_lasso_probe(int argc, char ** argv)
{
    static const struct option opts[] = {
        {"deltas", required_argument, NULL, 'd'},
        {"settings", required_argument, NULL, 's'},
        {"convention", required_argument, NULL, 'c'},
        KD_CLI_LONGOPTS_COMMON,
        {NULL, 0, NULL, 0}};
    const char * cmd = "lasso-probe";
    lp_args a = {"2^-1,2^-7,2^-15,2^-20,2^-24,2^-26,2^-28,2^-30",
                 "default,reltol-eps,reltol-eps-maxiter", "matlab"};
    kd_cli_opts o;
    kd_status st = KD_OK;
    kd_lasso_setting sets[3];
    slong nsets = 0, nd = 0, i, j, lg = 0;
    kd_real_t * deltas = NULL;
    char * buf = NULL, * tok, * save;
    fmpq_t Lambda, param;
    kd_scaled_convention conv;
    json_t * jroot = NULL, * jrows = NULL, * jtruth = NULL;
    int r, ret = 0;

    kd_cli_opts_init(&o, 0);
    if ((r = kd_cli_getopt(&o, argc, argv, opts, cmd, own, &a, help)) != 0)
        return KD_CLI_GETOPT_EXIT(r);
    if (o.fmt != KD_FMT_TEXT && o.fmt != KD_FMT_JSON)
    {
        kd_cli_opts_clear(&o);
        return kd_cli_usage(cmd, "--format must be text or json");
    }
    if (strcmp(a.conv, "matlab") == 0)
        conv = KD_SCALED_HALF_MEAN;
    else if (strcmp(a.conv, "mean") == 0)
        conv = KD_SCALED_MEAN;
    else
    {
        kd_cli_opts_clear(&o);
        return kd_cli_usage(cmd, "--convention must be matlab or mean");
    }
    fmpq_init(Lambda);
    fmpq_init(param);
    fmpq_set_si(param, 1, 10);
    fmpq_set_si(Lambda, 1, conv == KD_SCALED_MEAN ? 20 : 10);

    buf = strdup(a.settings);
    for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
    {
        if (nsets == 3 || (st = kd_lasso_setting_parse(&sets[nsets], tok)) != KD_OK)
        {
            if (st == KD_OK)
                st = kd_error_set(KD_ERR_ARG, "at most three settings");
            kd_error_prefix("--settings");
            goto fail;
        }
        nsets++;
    }
    free(buf);
    buf = strdup(a.deltas);
    for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
    {
        deltas = flint_realloc(deltas, (nd + 1) * sizeof(kd_real_t));
        kd_real_init(deltas[nd]);
        nd++;
        if ((st = kd_real_parse(deltas[nd - 1], tok)) != KD_OK)
        {
            kd_error_prefix("--deltas");
            goto fail;
        }
    }

    if (o.fmt == KD_FMT_JSON)
    {
        jroot = json_object();
        jrows = json_array();
        jtruth = json_array();
        json_object_set_new(jroot, "convention", json_string(a.conv));
        json_object_set_new(jroot, "Lambda", kd_json_fmpq(Lambda));
    }
    else
    {
        printf("MATLAB lasso on A_delta, y rounded to double (lasso-probe.md §3); convention %s,\n",
               conv == KD_SCALED_MEAN ? "mean (slides' lambda = 1/10, MATLAB Lambda = 1/20)"
                                      : "matlab (Lambda = 1/10)");
        printf("error = ||B - B*||_2 certified; (p) = predicted (exact-arithmetic sweep count,\n"
               "time from the measured sweep rate), not run.\n");
    }
    for (i = 0; i < nd; i++)
    {
        arb_mat_t Bstar;
        arb_t slack;
        kd_truth cert;
        int rsup = -1, rdiff = 0, haslg = delta_log2(&lg, deltas[i]);
        char * dstr = kd_real_get_str(deltas[i]);

        arb_mat_init(Bstar, 2, 1);
        arb_init(slack);
        fprintf(stderr, "kdigits lasso-probe: delta = %s ...\n", dstr);
        st = kd_lasso_probe_truth(&cert, Bstar, slack, deltas[i], param, conv, 4096);
        if (st == KD_OK)
            st = kd_lasso_probe_rounded_support(&rsup, &rdiff, deltas[i], Lambda);
        if (st != KD_OK)
        {
            flint_free(dstr);
            arb_mat_clear(Bstar);
            arb_clear(slack);
            goto fail;
        }
        if (o.fmt == KD_FMT_JSON)
        {
            json_t * jt = json_object();
            json_object_set_new(jt, "delta", json_string(dstr));
            json_object_set_new(jt, "delta_log2", haslg ? json_integer(lg) : json_null());
            json_object_set_new(jt, "truth_certified", json_string(kd_truth_name(cert)));
            json_object_set_new(jt, "B_star_2", kd_json_arb(arb_mat_entry(Bstar, 1, 0), 12));
            json_object_set_new(jt, "kkt_slack", kd_json_arb(slack, 6));
            json_object_set_new(jt, "double_input_support_exact_standardisation",
                                json_string(support_str(rsup)));
            json_object_set_new(jt, "double_input_differs", json_boolean(rdiff));
            json_array_append_new(jtruth, jt);
        }
        else
        {
            char * b2 = ball(arb_mat_entry(Bstar, 1, 0), 12), * sl = ball(slack, 4);
            printf("\ndelta = %s: truth B* = (0, %s) certified %s; KKT slack %s;\n"
                   "  the double-rounded input, standardised exactly, has the exact minimiser\n"
                   "  support %s%s\n",
                   dstr, b2, kd_truth_name(cert), sl, support_str(rsup),
                   rdiff ? "  <- a DIFFERENT problem" : " (= B*'s)");
            printf("  %-19s %-30s %11s %12s %-6s %-14s %s\n", "setting", "error", "sweeps",
                   "seconds", "warned", "verdict", "published");
            flint_free(b2);
            flint_free(sl);
        }
        for (j = 0; j < nsets; j++)
        {
            kd_lasso_cell_t C;
            kd_lasso_cell_init(C);
            st = kd_lasso_probe_cell(C, deltas[i], Lambda, sets[j], Bstar, KD_LASSO_RUN_LIMIT);
            if (st != KD_OK)
            {
                kd_lasso_cell_clear(C);
                break;
            }
            if (o.fmt == KD_FMT_JSON)
            {
                json_t * jr = json_object();
                json_object_set_new(jr, "delta", json_string(dstr));
                json_object_set_new(jr, "delta_log2", haslg ? json_integer(lg) : json_null());
                json_object_set_new(jr, "setting", json_string(kd_lasso_setting_name(sets[j])));
                json_object_set_new(jr, "error", C->predicted ? json_null() : kd_json_arb(&C->error, 8));
                json_object_set_new(jr, "warned", json_boolean(C->warned));
                json_object_set_new(jr, "sweeps", json_integer(C->sweeps));
                json_object_set_new(jr, "predicted_sweeps",
                                    C->predicted_sweeps >= 0 ? json_integer(C->predicted_sweeps) : json_null());
                json_object_set_new(jr, "seconds", json_real(C->seconds));
                json_object_set_new(jr, "predicted", json_boolean(C->predicted));
                json_object_set_new(jr, "verdict", json_string(kd_lasso_verdict_name(C->verdict)));
                if (haslg && conv == KD_SCALED_HALF_MEAN && published(lg, sets[j]))
                    json_object_set_new(jr, "published", json_string(published(lg, sets[j])));
                json_array_append_new(jrows, jr);
            }
            else
            {
                char * e = C->predicted ? NULL : ball(&C->error, 10);
                char sw[32], sec[32];
                snprintf(sw, sizeof sw, "%ld%s", C->sweeps, C->predicted ? "(p)" : "");
                snprintf(sec, sizeof sec, "%.3g%s", C->seconds, C->predicted ? "(p)" : "");
                printf("  %-19s %-30s %11s %12s %-6s %-14s %s\n", kd_lasso_setting_name(sets[j]),
                       e ? e : "0 in exact arith. (p)", sw, sec, C->warned ? "yes" : "no",
                       kd_lasso_verdict_name(C->verdict),
                       haslg && conv == KD_SCALED_HALF_MEAN && published(lg, sets[j])
                           ? published(lg, sets[j]) : "");
                flint_free(e);
            }
            kd_lasso_cell_clear(C);
        }
        flint_free(dstr);
        arb_mat_clear(Bstar);
        arb_clear(slack);
        if (st != KD_OK)
            goto fail;
    }
    if (o.fmt == KD_FMT_JSON)
    {
        json_object_set_new(jroot, "truth", jtruth);
        json_object_set_new(jroot, "rows", jrows);
        jtruth = jrows = NULL;
        ret = kd_json_print(jroot);
        jroot = NULL;
    }
    goto out;
fail:
    ret = kd_cli_fail(cmd, st);
out:
    if (jroot)
        json_decref(jroot);
    if (jrows)
        json_decref(jrows);
    if (jtruth)
        json_decref(jtruth);
    free(buf);
    for (i = 0; i < nd; i++)
        kd_real_clear(deltas[i]);
    flint_free(deltas);
    fmpq_clear(Lambda);
    fmpq_clear(param);
    kd_cli_opts_clear(&o);
    return ret;
}
