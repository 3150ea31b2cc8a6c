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

/* verdict, with where the mass is when both coordinates are non-zero */
static void
verdict_str(char * buf, size_t len, kd_lasso_verdict v, const fmpq_mat_t B, const fmpq_t Lambda)
{
    kd_lasso_side n = kd_lasso_nearer(B, Lambda);
    if (v == KD_LASSO_SPLIT)
        snprintf(buf, len, "split, %s", n == KD_LASSO_NEARER_BSTAR ? "nearer B*"
                 : n == KD_LASSO_NEARER_WRONG ? "nearer the wrong vertex" : "equidistant/undecided");
    else
        snprintf(buf, len, "%s", kd_lasso_verdict_name(v));
}

static json_t *
json_B(const fmpq_mat_t B)
{
    json_t * j = json_array();
    json_array_append_new(j, kd_json_fmpq(fmpq_mat_entry(B, 0, 0)));
    json_array_append_new(j, kd_json_fmpq(fmpq_mat_entry(B, 1, 0)));
    return j;
}

static json_t *
json_delta(const char * dstr, const kd_lasso_delta_t D)
{
    json_t * jr = json_object();
    json_object_set_new(jr, "delta", json_string(dstr));
    json_object_set_new(jr, "delta_log2", D->has_log2 ? json_integer(D->log2) : json_null());
    return jr;
}

/* One cell of the table (one delta, one setting). */
static kd_status
table_cell(const kd_real_t delta, const char * dstr, const kd_lasso_delta_t D,
           const fmpq_t Lambda, kd_scaled_convention conv, kd_lasso_setting s,
           kd_cli_format fmt, json_t * jrows)
{
    kd_lasso_cell_t C;
    kd_status st;
    char verd[64];
    const char * pub = D->has_log2 && conv == KD_SCALED_HALF_MEAN
                       ? kd_lasso_probe_published(D->log2, s) : NULL;

    kd_lasso_cell_init(C);
    if ((st = kd_lasso_probe_cell(C, delta, Lambda, s, D->Bstar, KD_LASSO_RUN_LIMIT)) != KD_OK)
    {
        kd_lasso_cell_clear(C);
        return st;
    }
    verdict_str(verd, sizeof verd, C->verdict, C->B, Lambda);
    if (fmt == KD_FMT_JSON)
    {
        json_t * jr = json_delta(dstr, D);
        json_object_set_new(jr, "setting", json_string(kd_lasso_setting_name(s)));
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
            /* this key has always said "undecided" for an equidistant B too */
            kd_lasso_side n = kd_lasso_nearer(C->B, Lambda);
            json_object_set_new(jr, "B", json_B(C->B));
            json_object_set_new(jr, "nearer", json_string(n == KD_LASSO_EQUIDISTANT ? "undecided"
                                                          : kd_lasso_side_name(n)));
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

/* One row of the precision sweep (one delta, precision, setting). */
static kd_status
prec_row(const kd_real_t delta, const char * dstr, const kd_lasso_delta_t D,
         const fmpq_t Lambda, slong p, kd_lasso_setting s, kd_cli_format fmt, json_t * jrows)
{
    kd_lasso_prec_row_t R;
    kd_status st;
    char verd[64];

    kd_lasso_prec_row_init(R);
    fprintf(stderr, "kdigits lasso-probe: delta = %s, p = %ld, %s ...\n", dstr, (long) p,
            kd_lasso_setting_name(s));
    if ((st = kd_lasso_probe_prec_row(R, delta, Lambda, p, s, D->Bstar)) != KD_OK)
    {
        kd_lasso_prec_row_clear(R);
        return st;
    }
    verdict_str(verd, sizeof verd, R->verdict, R->B, Lambda);
    if (fmt == KD_FMT_JSON)
    {
        json_t * jr = json_delta(dstr, D);
        json_object_set_new(jr, "setting", json_string(kd_lasso_setting_name(s)));
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

static json_t *
json_level(slong level)
{
    return level >= 0 ? json_integer(level) : json_null();
}

/* What is known about one delta before the solvers run. */
static void
print_delta(const char * dstr, const kd_lasso_delta_t D, int sweep, kd_cli_format fmt,
            json_t * jtruth)
{
    const kd_lasso_bits_struct * b = D->bits;
    if (fmt == KD_FMT_JSON)
    {
        json_t * jt = json_delta(dstr, D), * jb = json_object();
        json_object_set_new(jt, "truth_certified", json_string(kd_truth_name(D->cert)));
        json_object_set_new(jt, "B_star_2", kd_json_arb(arb_mat_entry(D->Bstar, 1, 0), 12));
        json_object_set_new(jt, "kkt_slack", kd_json_arb(D->slack, 6));
        json_object_set_new(jb, "no_algorithm_certifies_up_to_level", json_level(b->level_lower));
        json_object_set_new(jb, "flip_perturbation_log2", json_integer(b->flip_log2));
        json_object_set_new(jb, "kdigits_certifies_from_level", json_level(b->level_sharp));
        json_object_set_new(jb, "entry_ball_certificate_from_level", json_level(b->level_naive));
        json_object_set_new(jb, "ieee_double_level", json_integer(52));
        json_object_set_new(jt, "input_bits", jb);
        json_object_set_new(jt, "double_input_support_exact_standardisation",
                            json_string(support_str(D->support_exact)));
        json_object_set_new(jt, "double_input_differs", json_boolean(D->differs));
        json_object_set_new(jt, "double_input_support_double_standardisation",
                            json_string(support_str(D->support_double)));
        json_object_set_new(jt, "double_standardisation_sigmas_equal",
                            json_boolean(D->sigma_equal));
        json_array_append_new(jtruth, jt);
    }
    else
    {
        char * b2 = kd_cli_ball_str(arb_mat_entry(D->Bstar, 1, 0), 12);
        char * sl = kd_cli_ball_str(D->slack, 4);
        char ls[32], ln[32];
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
               support_str(D->support_exact), support_str(D->support_double),
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
}

/* ---- --peers (lasso-probe.md §4): the table of kd_lasso_peers_run ---- */

static const char *
peer_status(char * buf, size_t len, const kd_lasso_peer_struct * p)
{
    if (p->interp)
        return "ok";
    if (p->no_script)
        return "skipped (script missing)";
    snprintf(buf, len, "skipped (install %s)", p->package);
    return buf;
}

static json_t *
peers_json_row(const kd_lasso_peers_t P, const kd_lasso_peer_row_struct * r)
{
    json_t * j = json_object();
    json_object_set_new(j, "delta", json_string(r->delta));
    json_object_set_new(j, "delta_log2", r->has_log2 ? json_integer(r->log2) : json_null());
    json_object_set_new(j, "peer", json_string(P->peer[r->peer].name));
    json_object_set_new(j, "truth_certified", json_string(kd_truth_name(r->cert)));
    if (r->version)
        json_object_set_new(j, "version", json_string(r->version));
    if (r->status != KD_LASSO_PEER_OK)
    {
        char * s = flint_malloc(strlen(r->reason) + 16);
        sprintf(s, "failed: %s", r->reason);
        json_object_set_new(j, "status", kd_json_take_string(s));
        return j;
    }
    json_object_set_new(j, "status", json_string("ok"));
    json_object_set_new(j, "B", json_pack("[ff]", r->Bd[0], r->Bd[1]));
    json_object_set_new(j, "error", kd_json_arb(r->error, 10));
    json_object_set_new(j, "error_wrong_vertex", kd_json_arb(r->error_wrong, 10));
    json_object_set_new(j, "error_std_inf", kd_json_arb(r->error_std_inf, 6));
    json_object_set_new(j, "nearer", json_string(kd_lasso_side_name(r->nearer)));
    json_object_set_new(j, "verdict", json_string(kd_lasso_verdict_name(r->verdict)));
    json_object_set_new(j, "warned", json_boolean(r->warned));
    json_object_set_new(j, "warning", json_string(r->warning));
    if (r->iterations)
        json_object_set_new(j, "iterations", json_loads(r->iterations, JSON_DECODE_ANY, NULL));
    if (r->solver_status)
        json_object_set_new(j, "solver_status",
                            json_loads(r->solver_status, JSON_DECODE_ANY, NULL));
    return j;
}

static json_t *
peers_json(const kd_lasso_peers_t P, const fmpq_t Lambda, kd_scaled_convention conv)
{
    json_t * root = json_object(), * peers = json_array(), * rows = json_array();
    char buf[128];
    slong i;

    json_object_set_new(root, "convention", json_string(kd_scaled_convention_name(conv)));
    json_object_set_new(root, "Lambda", kd_json_fmpq(Lambda));
    json_object_set_new(root, "Lambda_double", json_real(P->Lambda_d));
    json_object_set_new(root, "B_star_2", kd_json_arb(P->Bstar2, 12));
    for (i = 0; i < KD_LASSO_NPEERS; i++)
    {
        const kd_lasso_peer_struct * p = &P->peer[i];
        json_t * jp = json_object();
        json_object_set_new(jp, "peer", json_string(p->name));
        json_object_set_new(jp, "script", json_string(p->script));
        json_object_set_new(jp, "package", json_string(p->package));
        json_object_set_new(jp, "status", json_string(peer_status(buf, sizeof buf, p)));
        if (p->interp)
            json_object_set_new(jp, "interpreter", json_string(p->interp));
        else
            json_object_set_new(jp, "reason", json_string(p->reason ? p->reason : ""));
        if (p->version)
            json_object_set_new(jp, "version", json_string(p->version));
        json_array_append_new(peers, jp);
    }
    for (i = 0; i < P->nrows; i++)
        json_array_append_new(rows, peers_json_row(P, &P->rows[i]));
    json_object_set_new(root, "peers", peers);
    json_object_set_new(root, "rows", rows);
    return root;
}

static void
peers_text_head(const kd_lasso_peers_t P, const fmpq_t Lambda, kd_scaled_convention conv)
{
    char * ls = kd_fmpq_get_str(Lambda), * mid, * rad, buf[128];
    slong i;

    if (conv == KD_SCALED_MEAN)
    {
        fmpq_t l;
        char * lst;
        fmpq_init(l);
        fmpq_mul_2exp(l, Lambda, 1);
        lst = kd_fmpq_get_str(l);
        printf("Real peers on A_delta, y rounded to double (lasso-probe.md §4); convention mean\n"
               "(the slides' lambda = %s, i.e. MATLAB's Lambda = %s, passed as the double %.17g).\n",
               lst, ls, P->Lambda_d);
        flint_free(lst);
        fmpq_clear(l);
    }
    else
        printf("Real peers on A_delta, y rounded to double (lasso-probe.md §4); convention matlab\n"
               "(Lambda = %s, passed as the double %.17g).\n", ls, P->Lambda_d);
    kd_arb_get_decimal(&mid, &rad, P->Bstar2, 12);
    printf("error = ||B - B*||_2 certified (B = the peer's double output, read exactly;\n"
           "B* = (0, 1 - sqrt(3) Lambda) = (0, %s)); nearer: B* or the wrong vertex\n"
           "W = (1 - sqrt(3) Lambda, 0), decided exactly; verdict: the exact support of B.\n",
           mid);
    printf("peers:\n");
    for (i = 0; i < KD_LASSO_NPEERS; i++)
    {
        const kd_lasso_peer_struct * p = &P->peer[i];
        if (p->interp)
            printf("  %-18s %s %s\n", p->name, p->interp, p->script);
        else
            printf("  %-18s %s: %s\n", p->name, peer_status(buf, sizeof buf, p),
                   p->reason ? p->reason : "");
    }
    flint_free(ls);
    flint_free(mid);
    flint_free(rad);
}

static void
peers_text(const kd_lasso_peers_t P, const fmpq_t Lambda, kd_scaled_convention conv)
{
    const char * last = NULL;
    slong i;

    peers_text_head(P, Lambda, conv);
    for (i = 0; i < P->nrows; i++)
    {
        const kd_lasso_peer_row_struct * r = &P->rows[i];
        const char * name = P->peer[r->peer].name, * ver = r->version ? r->version : "-";
        if (last == NULL || strcmp(last, r->delta) != 0)
        {
            char lgs[48] = "";
            if (r->has_log2)
                snprintf(lgs, sizeof lgs, " = 2^%ld", (long) r->log2);
            printf("\ndelta = %s%s (B* certified: %s):\n  %-18s %-8s %-36s %-36s %-13s %-6s %s\n",
                   r->delta, lgs, kd_truth_name(r->cert), "peer", "version",
                   "B (peer's output, %.10g)", "error ||B - B*||_2", "nearer", "warned", "verdict");
            last = r->delta;
        }
        if (r->status == KD_LASSO_PEER_OK)
        {
            char bs[96], * es = kd_cli_ball_str(r->error, 10);
            snprintf(bs, sizeof bs, "(%.10g, %.10g)", r->Bd[0], r->Bd[1]);
            printf("  %-18s %-8s %-36s %-36s %-13s %-6s %s\n", name, ver, bs, es,
                   kd_lasso_side_name(r->nearer), r->warned ? "yes" : "no",
                   kd_lasso_verdict_name(r->verdict));
            if (*r->warning)
                printf("  %-18s   warning: %s\n", "", r->warning);
            flint_free(es);
        }
        else
            printf("  %-18s %-8s failed: %s\n", name, ver, r->reason);
    }
    if (P->nrows == 0)
        printf("\n(no peer ran)\n");
}

/* Every installed peer on the double-rounded instance of each delta. */
static int
run_peers(kd_real_t * deltas, slong nd, const fmpq_t Lambda, kd_scaled_convention conv,
          kd_cli_format fmt)
{
    kd_lasso_peers_t P;
    kd_status st;
    slong i;
    int ret;

    st = kd_lasso_peers_init(P, Lambda);
    for (i = 0; i < nd && st == KD_OK; i++)
    {
        if (P->nrun > 0)
        {
            char * dstr = kd_real_get_str(deltas[i]);
            fprintf(stderr, "kdigits lasso-probe: peers at delta = %s ...\n", dstr);
            flint_free(dstr);
        }
        st = kd_lasso_peers_run(P, deltas[i], Lambda);
    }
    if (st != KD_OK)
        ret = kd_cli_fail("lasso-probe", st);
    else if (fmt == KD_FMT_JSON)
        ret = kd_json_print(peers_json(P, Lambda, conv));
    else
    {
        peers_text(P, Lambda, conv);
        ret = fflush(stdout) == 0 ? 0 : KD_EXIT_FAIL;
    }
    kd_lasso_peers_clear(P);
    return ret;
}

/* --settings and --deltas; KD_OK, or a status for kd_cli_fail, or
   KD_ERR_ARG with *usage set after a usage message. */
static kd_status
parse_lists(kd_lasso_setting * sets, slong * nsets, kd_real_t ** deltas, slong * nd,
            int * usage, const lp_args * a)
{
    char * buf = strdup(a->settings), * tok, * save;
    kd_status st = KD_OK;
    int sg = 0;

    for (tok = strtok_r(buf, ",", &save); tok && st == KD_OK; tok = strtok_r(NULL, ",", &save))
    {
        if (*nsets == 3 || (st = kd_lasso_setting_parse(&sets[*nsets], tok)) != KD_OK)
        {
            if (st == KD_OK)
                st = kd_error_set(KD_ERR_ARG, "at most three settings");
            kd_error_prefix("--settings");
        }
        (*nsets)++;
    }
    free(buf);
    buf = strdup(a->deltas);
    for (tok = strtok_r(buf, ",", &save); tok && st == KD_OK; tok = strtok_r(NULL, ",", &save))
    {
        *deltas = flint_realloc(*deltas, (*nd + 1) * sizeof(kd_real_t));
        kd_real_init((*deltas)[(*nd)++]);
        if ((st = kd_real_parse((*deltas)[*nd - 1], tok)) != KD_OK)
            kd_error_prefix("--deltas");
        else if ((st = kd_real_sign(&sg, (*deltas)[*nd - 1], 0)) != KD_OK)
            kd_error_prefix("--deltas: %s", tok);
        else if (sg <= 0)
        {
            kd_cli_usage("lasso-probe", "--deltas: delta must be > 0 (got %s; at delta = 0 the "
                         "two columns coincide and the minimiser is not unique)", tok);
            *usage = 1;
            st = KD_ERR_ARG;
        }
    }
    free(buf);
    return st;
}

/* --precisions: KD_EXIT_USAGE after a message, else 0 */
static int
parse_precs(slong ** precs, slong * nprecs, slong * nsets, const kd_lasso_setting * sets,
            const lp_args * a)
{
    const char * cmd = "lasso-probe";
    slong j;
    if (a->precs == NULL)
        return 0;
    if (a->peers)
        return kd_cli_usage(cmd, "--peers and --precisions are separate modes");
    if (kd_cli_parse_level_list(precs, nprecs, a->precs, cmd) == 0)
        return KD_EXIT_USAGE;
    for (j = 0; j < *nprecs; j++)
        if ((*precs)[j] < KD_ARITH_PREC_MIN || (*precs)[j] > 65536)
            return kd_cli_usage(cmd, "--precisions: %ld is not in %d..65536", (long) (*precs)[j],
                                KD_ARITH_PREC_MIN);
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
    {
        printf("MATLAB lasso on A_delta, y rounded to double (lasso-probe.md §3); convention %s,\n",
               conv == KD_SCALED_MEAN ? "mean (slides' lambda = 1/10, MATLAB Lambda = 1/20)"
                                      : "matlab (Lambda = 1/10)");
        printf("error = ||B - B*||_2 certified; (p) = predicted (exact-arithmetic sweep count,\n"
               "time from the measured sweep rate), not run. Input bits and the breakdown\n"
               "epsilon: proofs-notes/lasso-probe.md.\n");
    }
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
    json_t * jroot = NULL, * jrows = json_array(), * jtruth = json_array();
    int r, ret = 0, usage = 0;

    kd_cli_opts_init(&o, 0);
    if ((r = kd_cli_getopt(&o, argc, argv, opts, cmd, own, &a, help)) != 0)
        return KD_CLI_GETOPT_EXIT(r);
    if (o.fmt != KD_FMT_TEXT && o.fmt != KD_FMT_JSON)
        r = kd_cli_usage(cmd, "--format must be text or json");
    else if (strcmp(a.conv, "matlab") != 0 && strcmp(a.conv, "mean") != 0)
        r = kd_cli_usage(cmd, "--convention must be matlab or mean");
    if (r != 0)
    {
        kd_cli_opts_clear(&o);
        return r;
    }
    conv = strcmp(a.conv, "mean") == 0 ? KD_SCALED_MEAN : KD_SCALED_HALF_MEAN;
    fmpq_init(Lambda);
    fmpq_init(param);
    fmpq_set_si(param, 1, 10);
    fmpq_set_si(Lambda, 1, conv == KD_SCALED_MEAN ? 20 : 10);

    if ((st = parse_lists(sets, &nsets, &deltas, &nd, &usage, &a)) != KD_OK)
    {
        ret = usage ? KD_EXIT_USAGE : kd_cli_fail(cmd, st);
        goto out;
    }
    if ((ret = parse_precs(&precs, &nprecs, &nsets, sets, &a)) != 0)
        goto out;
    if (a.peers)
    {
        ret = run_peers(deltas, nd, Lambda, conv, o.fmt);
        goto out;
    }
    if (o.fmt == KD_FMT_JSON)
        jroot = json_object();
    print_head(a.conv, Lambda, conv, nprecs > 0, o.fmt, jroot);
    for (i = 0; i < nd && st == KD_OK; i++)
    {
        kd_lasso_delta_t D;
        char * dstr = kd_real_get_str(deltas[i]);

        kd_lasso_delta_init(D);
        fprintf(stderr, "kdigits lasso-probe: delta = %s ...\n", dstr);
        st = kd_lasso_probe_delta(D, deltas[i], param, conv, Lambda, BITS_MAX_LEVEL);
        if (st == KD_OK)
            print_delta(dstr, D, nprecs > 0, o.fmt, jtruth);
        for (k = 0; k < nprecs && st == KD_OK; k++)
            for (j = 0; j < nsets && st == KD_OK; j++)
                st = prec_row(deltas[i], dstr, D, Lambda, precs[k], sets[j], o.fmt, jrows);
        for (j = 0; j < nsets && nprecs == 0 && st == KD_OK; j++)
            st = table_cell(deltas[i], dstr, D, Lambda, conv, sets[j], o.fmt, jrows);
        flint_free(dstr);
        kd_lasso_delta_clear(D);
    }
    if (st == KD_OK && nprecs == 0)
        st = breakdown(Lambda, o.fmt, jroot);
    if (st != KD_OK)
        ret = kd_cli_fail(cmd, st);
    else if (o.fmt == KD_FMT_JSON)
    {
        json_object_set_new(jroot, "truth", jtruth);
        json_object_set_new(jroot, "rows", jrows);
        jtruth = jrows = NULL;
        ret = kd_json_print(jroot);
        jroot = NULL;
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
