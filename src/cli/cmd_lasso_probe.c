/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits lasso-probe: the published MATLAB lasso table of lasso-probe.md §3
   reproduced on the double-rounded input, with the certified truth. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "kdigits/lasso.h"
#include "lasso_peers.h"

static void
help(void)
{
    printf(
        "usage: kdigits lasso-probe [--deltas LIST] [--settings LIST] [--convention matlab|mean]\n"
        "                           [--precisions LIST | --peers] [--format text|json]\n"
        "\n"
        "The MATLAB lasso failure (lasso-probe.md §3): MATLAB's coordinate descent\n"
        "(standardize, intercept) on A_delta, y rounded to double (the input a MATLAB\n"
        "user has), with the error ||B - B*||_2 certified against the exact truth\n"
        "B* = (0, 1 - sqrt(3) Lambda). Cells predicted to need more than 5e8 sweeps are\n"
        "predicted (exact-arithmetic sweep count, time from the measured sweep rate).\n"
        "\n"
        "For each delta it also shows how many input bits the PROBLEM needs: no\n"
        "algorithm can certify the support from oracle levels <= L (a certified\n"
        "instance with another support is that close), kdigits' certificate works\n"
        "from level S (valid for every instance consistent with the level-S answers);\n"
        "a certificate in plain entry balls needs about 2 log2(1/delta) levels. The\n"
        "exact minimiser of the problem that MATLAB's double standardisation defines\n"
        "is computed exactly. At the end: the breakdown epsilon of the class\n"
        "{A_delta} u {columns swapped} u {A_0}. proofs-notes/lasso-probe.md proves it.\n"
        "\n"
        "options:\n"
        "  --deltas LIST     exact expressions (default 2^-1,2^-7,2^-15,2^-20,2^-24,2^-26,2^-28,2^-30)\n"
        "  --settings LIST   default,reltol-eps,reltol-eps-maxiter (default all three)\n"
        "  --convention C    matlab (Lambda = 1/10, default) or mean (the slides' lambda = 1/10,\n"
        "                    i.e. Lambda = 1/20)\n"
        "  --precisions LIST the precision sweep instead of the table: the input rounded to p\n"
        "                    bits, MATLAB's rule in p-bit arithmetic (53 = double, else MPFR),\n"
        "                    e.g. 53,64,113,256; settings default and reltol-eps\n"
        "  --peers           the real peers instead of the table: R glmnet, scikit-learn Lasso\n"
        "                    and LassoLars, CVXOPT (scripts in experiments/peers/), fed the same\n"
        "                    double data, with certified errors; a missing peer is listed as\n"
        "                    skipped with the Debian package to install\n"
        "  --format F        text (default) or json\n"
        "\n"
        "example: kdigits lasso-probe --deltas 2^-15,2^-30 --precisions 53,64,113\n");
}

typedef struct
{
    const char * deltas, * settings, * conv, * precs;
    int settings_given;
    int peers;
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

static const char *
support_str(int s)
{
    return s == 0 ? "{}" : s == 1 ? "{1}" : s == 2 ? "{2}" : s == 3 ? "{1,2}" : "not a point";
}

/* the maximum level the input-bits search tries */
#define BITS_MAX_LEVEL 400

static void
level_str(char * buf, size_t len, slong level)
{
    if (level >= 0)
        snprintf(buf, len, "%ld", (long) level);
    else
        snprintf(buf, len, "> %d (not found)", BITS_MAX_LEVEL);
}

static const char *
nearer_str(int n)
{
    return n > 0 ? "nearer B*" : n < 0 ? "nearer the wrong vertex" : "equidistant/undecided";
}

/* verdict, with where the mass is when both coordinates are non-zero */
static void
verdict_str(char * buf, size_t len, kd_lasso_verdict v, const fmpq_mat_t B, const fmpq_t Lambda)
{
    if (v == KD_LASSO_SPLIT)
        snprintf(buf, len, "split, %s", nearer_str(kd_lasso_nearer(B, Lambda)));
    else
        snprintf(buf, len, "%s", kd_lasso_verdict_name(v));
}

/* support of the exact minimiser of the problem MATLAB's double
   preprocessing defines from the double input */
static kd_status
double_std_support(int * sup, int * sig_eq, const kd_real_t delta, const fmpq_t Lambda)
{
    fmpq_mat_t A, y;
    kd_status st;
    fmpq_mat_init(A, 3, 2);
    fmpq_mat_init(y, 3, 1);
    if ((st = kd_lasso_probe_round_double(A, y, delta, 0)) == KD_OK)
        st = kd_lasso_probe_input_support(sup, sig_eq, A, y, Lambda, 53);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    return st;
}

static json_t *
json_B(const fmpq_mat_t B)
{
    json_t * j = json_array();
    json_array_append_new(j, kd_json_fmpq(fmpq_mat_entry(B, 0, 0)));
    json_array_append_new(j, kd_json_fmpq(fmpq_mat_entry(B, 1, 0)));
    return j;
}

static void
json_row_head(json_t * jr, const char * dstr, int haslg, slong lg, kd_lasso_setting s)
{
    json_object_set_new(jr, "delta", json_string(dstr));
    json_object_set_new(jr, "delta_log2", haslg ? json_integer(lg) : json_null());
    json_object_set_new(jr, "setting", json_string(kd_lasso_setting_name(s)));
}

static kd_status
table_cell(const kd_real_t delta, const char * dstr, int haslg, slong lg, const fmpq_t Lambda,
           kd_scaled_convention conv, kd_lasso_setting s, const arb_mat_t Bstar,
           kd_cli_format fmt, json_t * jrows)
{
    kd_lasso_cell_t C;
    kd_status st;
    char verd[64];
    const char * pub = haslg && conv == KD_SCALED_HALF_MEAN ? published(lg, s) : NULL;

    kd_lasso_cell_init(C);
    if ((st = kd_lasso_probe_cell(C, delta, Lambda, s, Bstar, KD_LASSO_RUN_LIMIT)) != KD_OK)
    {
        kd_lasso_cell_clear(C);
        return st;
    }
    verdict_str(verd, sizeof verd, C->verdict, C->B, Lambda);
    if (fmt == KD_FMT_JSON)
    {
        json_t * jr = json_object();
        json_row_head(jr, dstr, haslg, lg, s);
        json_object_set_new(jr, "error", C->predicted ? json_null() : kd_json_arb(&C->error, 8));
        json_object_set_new(jr, "warned", json_boolean(C->warned));
        json_object_set_new(jr, "sweeps", json_integer(C->sweeps));
        json_object_set_new(jr, "predicted_sweeps",
                            C->predicted_sweeps >= 0 ? json_integer(C->predicted_sweeps) : json_null());
        json_object_set_new(jr, "seconds", json_real(C->seconds));
        json_object_set_new(jr, "predicted", json_boolean(C->predicted));
        json_object_set_new(jr, "verdict", json_string(kd_lasso_verdict_name(C->verdict)));
        if (!C->predicted)
        {
            int nr = kd_lasso_nearer(C->B, Lambda);
            json_object_set_new(jr, "B", json_B(C->B));
            json_object_set_new(jr, "nearer", json_string(nr > 0 ? "B*" : nr < 0 ? "wrong vertex"
                                                                            : "undecided"));
        }
        if (pub)
            json_object_set_new(jr, "published", json_string(pub));
        json_array_append_new(jrows, jr);
    }
    else
    {
        char * e = C->predicted ? NULL : kd_cli_ball_str(&C->error, 10);
        char sw[32], sec[32];
        snprintf(sw, sizeof sw, "%ld%s", C->sweeps, C->predicted ? "(p)" : "");
        snprintf(sec, sizeof sec, "%.3g%s", C->seconds, C->predicted ? "(p)" : "");
        printf("  %-19s %-30s %11s %12s %-6s %-32s %s\n", kd_lasso_setting_name(s),
               e ? e : "0 in exact arith. (p)", sw, sec, C->warned ? "yes" : "no",
               C->predicted ? "right support (p)" : verd, pub ? pub : "");
        flint_free(e);
    }
    kd_lasso_cell_clear(C);
    return KD_OK;
}

static kd_status
prec_row(const kd_real_t delta, const char * dstr, int haslg, slong lg, const fmpq_t Lambda,
         slong p, kd_lasso_setting s, const arb_mat_t Bstar, kd_cli_format fmt, json_t * jrows)
{
    kd_lasso_prec_row_t R;
    kd_status st;
    char verd[64];

    kd_lasso_prec_row_init(R);
    fprintf(stderr, "kdigits lasso-probe: delta = %s, p = %ld, %s ...\n", dstr, (long) p,
            kd_lasso_setting_name(s));
    if ((st = kd_lasso_probe_prec_row(R, delta, Lambda, p, s, Bstar)) != KD_OK)
    {
        kd_lasso_prec_row_clear(R);
        return st;
    }
    verdict_str(verd, sizeof verd, R->verdict, R->B, Lambda);
    if (fmt == KD_FMT_JSON)
    {
        json_t * jr = json_object();
        json_row_head(jr, dstr, haslg, lg, s);
        json_object_set_new(jr, "prec", json_integer(p));
        json_object_set_new(jr, "sigmas_equal", json_boolean(R->sigma_equal));
        json_object_set_new(jr, "problem_support", json_string(support_str(R->support)));
        json_object_set_new(jr, "error", kd_json_arb(&R->error, 8));
        json_object_set_new(jr, "B", json_B(R->B));
        json_object_set_new(jr, "warned", json_boolean(R->warned));
        json_object_set_new(jr, "sweeps", json_integer(R->sweeps));
        json_object_set_new(jr, "seconds", json_real(R->seconds));
        json_object_set_new(jr, "predicted", json_false());
        json_object_set_new(jr, "verdict", json_string(kd_lasso_verdict_name(R->verdict)));
        json_array_append_new(jrows, jr);
    }
    else
    {
        char * e = kd_cli_ball_str(&R->error, 10);
        printf("  %6ld %-8s %-7s %-19s %-30s %8ld %-6s %s\n", (long) p,
               R->sigma_equal ? "equal" : "differ", support_str(R->support),
               kd_lasso_setting_name(s), e, R->sweeps, R->warned ? "yes" : "no", verd);
        flint_free(e);
    }
    kd_lasso_prec_row_clear(R);
    return KD_OK;
}

/* the breakdown epsilon of {A_delta} u {mirror} u {A_0} (lasso-probe.md §5) */
static kd_status
breakdown(const fmpq_t Lambda, kd_cli_format fmt, json_t * jroot)
{
    arb_t kappa, eps;
    arb_mat_t mid;
    kd_status st;

    arb_init(kappa);
    arb_init(eps);
    arb_mat_init(mid, 2, 1);
    if ((st = kd_lasso_probe_breakdown(kappa, eps, mid, Lambda, 128)) == KD_OK)
    {
        if (fmt == KD_FMT_JSON)
        {
            json_t * jb = json_object();
            json_object_set_new(jb, "kappa", kd_json_arb(kappa, 10));
            json_object_set_new(jb, "epsilon_B", kd_json_arb(eps, 10));
            json_object_set_new(jb, "midpoint", kd_json_arb(arb_mat_entry(mid, 0, 0), 10));
            json_object_set_new(jroot, "breakdown", jb);
        }
        else
        {
            char * k = kd_cli_ball_str(kappa, 10), * e = kd_cli_ball_str(eps, 10), * m = kd_cli_ball_str(arb_mat_entry(mid, 0, 0), 10);
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
    }
    arb_clear(kappa);
    arb_clear(eps);
    arb_mat_clear(mid);
    return st;
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
    slong nsets = 0, nd = 0, i, j, k, lg = 0, * precs = NULL, nprecs = 0;
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
        {
            int sg = 0;
            if ((st = kd_real_sign(&sg, deltas[nd - 1], 0)) != KD_OK)
            {
                kd_error_prefix("--deltas: %s", tok);
                goto fail;
            }
            if (sg <= 0)
            {
                ret = kd_cli_usage(cmd, "--deltas: delta must be > 0 (got %s; at delta = 0 the "
                                   "two columns coincide and the minimiser is not unique)", tok);
                goto out;
            }
        }
    }

    if (a.peers)
    {
        if (a.precs != NULL)
        {
            ret = kd_cli_usage(cmd, "--peers and --precisions are separate modes");
            goto out;
        }
        ret = kd_cli_lasso_peers(deltas, nd, Lambda, conv, o.fmt);
        goto out;
    }
    if (a.precs != NULL
        && kd_cli_parse_level_list(&precs, &nprecs, a.precs, cmd) == 0)
    {
        ret = KD_EXIT_USAGE;
        goto out;
    }
    for (j = 0; j < nprecs; j++)
        if (precs[j] < KD_ARITH_PREC_MIN || precs[j] > 65536)
        {
            ret = kd_cli_usage(cmd, "--precisions: %ld is not in %d..65536", (long) precs[j],
                               KD_ARITH_PREC_MIN);
            goto out;
        }
    for (j = 0; j < nsets && nprecs > 0; j++)
        if (sets[j] == KD_LASSO_SETTING_RELTOL_EPS_MAXITER)
        {
            if (a.settings_given)
            {
                ret = kd_cli_usage(cmd, "--precisions runs the settings default and reltol-eps "
                                   "only");
                goto out;
            }
            nsets = j;
        }

    if (o.fmt == KD_FMT_JSON)
    {
        jroot = json_object();
        jrows = json_array();
        jtruth = json_array();
        json_object_set_new(jroot, "convention", json_string(a.conv));
        json_object_set_new(jroot, "Lambda", kd_json_fmpq(Lambda));
        json_object_set_new(jroot, "mode", json_string(nprecs ? "precision-sweep" : "table"));
    }
    else if (nprecs)
        printf("Precision sweep (proofs-notes/lasso-probe.md §3): A_delta, y rounded to p bits,\n"
               "MATLAB's preprocessing and coordinate descent in p-bit arithmetic (p = 53: IEEE\n"
               "double), convention %s. 'problem' = support of the EXACT\n"
               "minimiser of the problem the p-bit standardisation defines;\n"
               "error = ||B - B*||_2 certified.\n",
               conv == KD_SCALED_MEAN ? "mean (Lambda = 1/20)" : "matlab (Lambda = 1/10)");
    else
    {
        printf("MATLAB lasso on A_delta, y rounded to double (lasso-probe.md §3); convention %s,\n",
               conv == KD_SCALED_MEAN ? "mean (slides' lambda = 1/10, MATLAB Lambda = 1/20)"
                                      : "matlab (Lambda = 1/10)");
        printf("error = ||B - B*||_2 certified; (p) = predicted (exact-arithmetic sweep count,\n"
               "time from the measured sweep rate), not run. Input bits and the breakdown\n"
               "epsilon: proofs-notes/lasso-probe.md.\n");
    }
    for (i = 0; i < nd; i++)
    {
        arb_mat_t Bstar;
        arb_t slack;
        kd_truth cert;
        kd_lasso_bits_t bits;
        int rsup = -1, rdiff = 0, dsup = -1, sig_eq = 0, haslg = delta_log2(&lg, deltas[i]);
        char * dstr = kd_real_get_str(deltas[i]);

        arb_mat_init(Bstar, 2, 1);
        arb_init(slack);
        fprintf(stderr, "kdigits lasso-probe: delta = %s ...\n", dstr);
        st = kd_lasso_probe_truth(&cert, Bstar, slack, deltas[i], param, conv, 4096);
        if (st == KD_OK)
            st = kd_lasso_probe_rounded_support(&rsup, &rdiff, deltas[i], Lambda);
        if (st == KD_OK)
            st = double_std_support(&dsup, &sig_eq, deltas[i], Lambda);
        if (st == KD_OK)
            st = kd_lasso_probe_input_bits(bits, deltas[i], Lambda, BITS_MAX_LEVEL);
        if (st != KD_OK)
        {
            flint_free(dstr);
            arb_mat_clear(Bstar);
            arb_clear(slack);
            goto fail;
        }
        if (o.fmt == KD_FMT_JSON)
        {
            json_t * jt = json_object(), * jb = json_object();
            json_object_set_new(jt, "delta", json_string(dstr));
            json_object_set_new(jt, "delta_log2", haslg ? json_integer(lg) : json_null());
            json_object_set_new(jt, "truth_certified", json_string(kd_truth_name(cert)));
            json_object_set_new(jt, "B_star_2", kd_json_arb(arb_mat_entry(Bstar, 1, 0), 12));
            json_object_set_new(jt, "kkt_slack", kd_json_arb(slack, 6));
            json_object_set_new(jb, "no_algorithm_certifies_up_to_level",
                                bits->level_lower >= 0 ? json_integer(bits->level_lower) : json_null());
            json_object_set_new(jb, "flip_perturbation_log2", json_integer(bits->flip_log2));
            json_object_set_new(jb, "kdigits_certifies_from_level",
                                bits->level_sharp >= 0 ? json_integer(bits->level_sharp) : json_null());
            json_object_set_new(jb, "entry_ball_certificate_from_level",
                                bits->level_naive >= 0 ? json_integer(bits->level_naive) : json_null());
            json_object_set_new(jb, "ieee_double_level", json_integer(52));
            json_object_set_new(jt, "input_bits", jb);
            json_object_set_new(jt, "double_input_support_exact_standardisation",
                                json_string(support_str(rsup)));
            json_object_set_new(jt, "double_input_differs", json_boolean(rdiff));
            json_object_set_new(jt, "double_input_support_double_standardisation",
                                json_string(support_str(dsup)));
            json_object_set_new(jt, "double_standardisation_sigmas_equal", json_boolean(sig_eq));
            json_array_append_new(jtruth, jt);
        }
        else
        {
            char * b2 = kd_cli_ball_str(arb_mat_entry(Bstar, 1, 0), 12), * sl = kd_cli_ball_str(slack, 4);
            printf("\ndelta = %s: truth B* = (0, %s) certified %s; KKT slack %s\n",
                   dstr, b2, kd_truth_name(cert), sl);
            char ls[32], ln[32];
            level_str(ls, sizeof ls, bits->level_sharp);
            level_str(ln, sizeof ln, bits->level_naive);
            printf("  input bits: no algorithm certifies the support from levels <= %ld (an instance\n"
                   "  2^%ld away has another support); kdigits certifies it from level %s; entry\n"
                   "  balls need level %s; IEEE double input is about level 52\n",
                   bits->level_lower, bits->flip_log2, ls, ln);
            printf("  the double input's exact minimiser: support %s standardised exactly, %s\n"
                   "  standardised in double as MATLAB does (sigmas %s)%s\n",
                   support_str(rsup), support_str(dsup), sig_eq ? "rounded equal" : "differ",
                   dsup != 2 ? "  <- a DIFFERENT problem" : "");
            if (nprecs)
                printf("  %6s %-8s %-7s %-19s %-30s %8s %-6s %s\n", "p", "sigmas", "problem",
                       "setting", "error", "sweeps", "warned", "verdict");
            else
                printf("  %-19s %-30s %11s %12s %-6s %-32s %s\n", "setting", "error", "sweeps",
                       "seconds", "warned", "verdict", "published");
            flint_free(b2);
            flint_free(sl);
        }
        for (k = 0; k < nprecs && st == KD_OK; k++)
            for (j = 0; j < nsets && st == KD_OK; j++)
                st = prec_row(deltas[i], dstr, haslg, lg, Lambda, precs[k], sets[j], Bstar,
                              o.fmt, jrows);
        for (j = 0; j < nsets && nprecs == 0 && st == KD_OK; j++)
            st = table_cell(deltas[i], dstr, haslg, lg, Lambda, conv, sets[j], Bstar, o.fmt,
                            jrows);
        flint_free(dstr);
        arb_mat_clear(Bstar);
        arb_clear(slack);
        if (st != KD_OK)
            goto fail;
    }
    if (nprecs == 0 && (st = breakdown(Lambda, o.fmt, jroot)) != KD_OK)
        goto fail;
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
    flint_free(precs);
    fmpq_clear(Lambda);
    fmpq_clear(param);
    kd_cli_opts_clear(&o);
    return ret;
}
