/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The LASSO probe's report (lasso-probe.md §3-§5) as `kdigits lasso-probe`
   prints it: each function either appends its JSON (kdigits/json.h) to the
   document it is given or, given none, writes its lines of the text table
   to f. */
#include <string.h>
#include "kdigits/lasso.h"
#include "kdigits/json.h"
#include "kdigits/util.h"

static void
level_str(char * buf, size_t len, slong level)
{
    snprintf(buf, len, "%s%ld%s", level >= 0 ? "" : "> ",
             (long) (level >= 0 ? level : KD_LASSO_BITS_MAX_LEVEL), level >= 0 ? "" : " (not found)");
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
kd_status
kd_lasso_probe_cell_report(FILE * f, json_t * jrows, const kd_real_t delta, const char * dstr,
                           const kd_lasso_delta_t D, const fmpq_t Lambda,
                           kd_scaled_convention conv, kd_lasso_setting s)
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
    if (jrows != NULL)
        json_array_append_new(jrows, kd_lasso_cell_json(C, dstr, D, s, Lambda, pub));
    else
    {
        e = C->predicted ? NULL : kd_arb_get_str_pm(&C->error, 10);
        snprintf(sw, sizeof sw, "%ld%s", C->sweeps, C->predicted ? "(p)" : "");
        snprintf(sec, sizeof sec, "%.3g%s", C->seconds, C->predicted ? "(p)" : "");
        fprintf(f, "  %-19s %-30s %11s %12s %-6s %-32s %s\n", kd_lasso_setting_name(s),
                e ? e : "0 in exact arith. (p)", sw, sec, C->warned ? "yes" : "no",
                C->predicted ? "right support (p)" : verd, pub ? pub : "");
        flint_free(e);
    }
out:
    kd_lasso_cell_clear(C);
    return st;
}

/* One row of the precision sweep (one delta, precision, setting). */
kd_status
kd_lasso_probe_prec_report(FILE * f, json_t * jrows, const kd_real_t delta, const char * dstr,
                           const kd_lasso_delta_t D, const fmpq_t Lambda, slong p,
                           kd_lasso_setting s)
{
    kd_lasso_prec_row_t R;
    kd_status st;
    char verd[64], * e;

    kd_lasso_prec_row_init(R);
    if ((st = kd_lasso_probe_prec_row(R, delta, Lambda, p, s, D->Bstar)) != KD_OK)
        goto out;
    verdict_str(verd, sizeof verd, R->verdict, R->B, Lambda);
    if (jrows != NULL)
        json_array_append_new(jrows, kd_lasso_prec_row_json(R, dstr, D, p, s));
    else
    {
        e = kd_arb_get_str_pm(&R->error, 10);
        fprintf(f, "  %6ld %-8s %-7s %-19s %-30s %8ld %-6s %s\n", (long) p,
                R->sigma_equal ? "equal" : "differ", kd_lasso_support_name(R->support),
                kd_lasso_setting_name(s), e, R->sweeps, R->warned ? "yes" : "no", verd);
        flint_free(e);
    }
out:
    kd_lasso_prec_row_clear(R);
    return st;
}

/* the breakdown epsilon of {A_delta} u {mirror} u {A_0} (lasso-probe.md §5) */
kd_status
kd_lasso_probe_breakdown_report(FILE * f, json_t * jroot, const fmpq_t Lambda)
{
    arb_t kappa, eps;
    arb_mat_t mid;
    kd_status st;
    char * k, * e, * m;

    arb_init(kappa);
    arb_init(eps);
    arb_mat_init(mid, 2, 1);
    if ((st = kd_lasso_probe_breakdown(kappa, eps, mid, Lambda, 128)) == KD_OK
        && jroot != NULL)
        json_object_set_new(jroot, "breakdown", kd_lasso_breakdown_json(kappa, eps, mid));
    else if (st == KD_OK)
    {
        k = kd_arb_get_str_pm(kappa, 10);
        e = kd_arb_get_str_pm(eps, 10);
        m = kd_arb_get_str_pm(arb_mat_entry(mid, 0, 0), 10);
        fprintf(f, "\nBreakdown epsilon of the class {A_delta} u {columns swapped} u {A_0}\n"
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
void
kd_lasso_delta_report(FILE * f, json_t * jtruth, const char * dstr, const kd_lasso_delta_t D,
                      int sweep)
{
    const kd_lasso_bits_struct * b = D->bits;
    char * b2, * sl, ls[48], ln[48];
    if (jtruth != NULL)
    {
        json_array_append_new(jtruth, kd_lasso_delta_json(dstr, D));
        return;
    }
    b2 = kd_arb_get_str_pm(arb_mat_entry(D->Bstar, 1, 0), 12);
    sl = kd_arb_get_str_pm(D->slack, 4);
    fprintf(f, "\ndelta = %s: truth B* = (0, %s) certified %s; KKT slack %s\n",
            dstr, b2, kd_truth_name(D->cert), sl);
    level_str(ls, sizeof ls, b->level_sharp);
    level_str(ln, sizeof ln, b->level_naive);
    fprintf(f, "  input bits: no algorithm certifies the support from levels <= %ld (an instance\n"
            "  2^%ld away has another support); kdigits certifies it from level %s; entry\n"
            "  balls need level %s; IEEE double input is about level 52\n",
            b->level_lower, b->flip_log2, ls, ln);
    fprintf(f, "  the double input's exact minimiser: support %s standardised exactly, %s\n"
            "  standardised in double as MATLAB does (sigmas %s)%s\n",
            kd_lasso_support_name(D->support_exact), kd_lasso_support_name(D->support_double),
            D->sigma_equal ? "rounded equal" : "differ",
            D->support_double != 2 ? "  <- a DIFFERENT problem" : "");
    if (sweep)
        fprintf(f, "  %6s %-8s %-7s %-19s %-30s %8s %-6s %s\n", "p", "sigmas", "problem",
                "setting", "error", "sweeps", "warned", "verdict");
    else
        fprintf(f, "  %-19s %-30s %11s %12s %-6s %-32s %s\n", "setting", "error", "sweeps",
                "seconds", "warned", "verdict", "published");
    flint_free(b2);
    flint_free(sl);
}

kd_status
kd_lasso_peers_write(FILE * f, const kd_lasso_peers_t P, const fmpq_t Lambda,
                     const fmpq_t param, kd_scaled_convention conv)
{
    char * ls = kd_fmpq_get_str(Lambda), * ps = kd_fmpq_get_str(param), * mid, * rad;
    const char * last = NULL;
    slong i;

    if (conv == KD_SCALED_MEAN)
        fprintf(f, "Real peers on A_delta, y rounded to double (lasso-probe.md §4); convention mean\n"
                "(the slides' lambda = %s, i.e. MATLAB's Lambda = %s, passed as the double %.17g).\n",
                ps, ls, P->Lambda_d);
    else
        fprintf(f, "Real peers on A_delta, y rounded to double (lasso-probe.md §4); convention matlab\n"
                "(Lambda = %s, passed as the double %.17g).\n", ls, P->Lambda_d);
    kd_arb_get_decimal(&mid, &rad, P->Bstar2, 12);
    fprintf(f, "error = ||B - B*||_2 certified (B = the peer's double output, read exactly;\n"
            "B* = (0, 1 - sqrt(3) Lambda) = (0, %s)); nearer: B* or the wrong vertex\n"
            "W = (1 - sqrt(3) Lambda, 0), decided exactly; verdict: the exact support of B.\n"
            "peers:\n", mid);
    for (i = 0; i < KD_LASSO_NPEERS; i++)
        if (P->peer[i].interp)
            fprintf(f, "  %-18s %s %s\n", P->peer[i].name, P->peer[i].interp, P->peer[i].script);
        else
            fprintf(f, "  %-18s %s: %s\n", P->peer[i].name, P->peer[i].status,
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
            fprintf(f, "\ndelta = %s%s (B* certified: %s):\n  %-18s %-8s %-36s %-36s %-13s %-6s %s\n",
                    r->delta, lgs, kd_truth_name(r->cert), "peer", "version",
                    "B (peer's output, %.10g)", "error ||B - B*||_2", "nearer", "warned", "verdict");
            last = r->delta;
        }
        if (r->status != KD_LASSO_PEER_OK)
        {
            fprintf(f, "  %-18s %-8s failed: %s\n", name, ver, r->reason);
            continue;
        }
        es = kd_arb_get_str_pm(r->error, 10);
        snprintf(bs, sizeof bs, "(%.10g, %.10g)", r->Bd[0], r->Bd[1]);
        fprintf(f, "  %-18s %-8s %-36s %-36s %-13s %-6s %s\n", name, ver, bs, es,
                kd_lasso_side_name(r->nearer), r->warned ? "yes" : "no",
                kd_lasso_verdict_name(r->verdict));
        if (*r->warning)
            fprintf(f, "  %-18s   warning: %s\n", "", r->warning);
        flint_free(es);
    }
    if (P->nrows == 0)
        fprintf(f, "\n(no peer ran)\n");
    flint_free(ls);
    flint_free(ps);
    flint_free(mid);
    flint_free(rad);
    return ferror(f) ? kd_error_set(KD_ERR_IO, "error writing the output") : KD_OK;
}

void
kd_lasso_probe_head_report(FILE * f, json_t * jroot, const char * conv_name, const fmpq_t Lambda,
                           kd_scaled_convention conv, int sweep)
{
    if (jroot != NULL)
    {
        json_object_set_new(jroot, "convention", json_string(conv_name));
        json_object_set_new(jroot, "Lambda", kd_json_fmpq(Lambda));
        json_object_set_new(jroot, "mode", json_string(sweep ? "precision-sweep" : "table"));
    }
    else if (sweep)
        fprintf(f, "Precision sweep (proofs-notes/lasso-probe.md §3): A_delta, y rounded to p bits,\n"
                "MATLAB's preprocessing and coordinate descent in p-bit arithmetic (p = 53: IEEE\n"
                "double), convention %s. 'problem' = support of the EXACT\n"
                "minimiser of the problem the p-bit standardisation defines;\n"
                "error = ||B - B*||_2 certified.\n",
                conv == KD_SCALED_MEAN ? "mean (Lambda = 1/20)" : "matlab (Lambda = 1/10)");
    else
        fprintf(f, "MATLAB lasso on A_delta, y rounded to double (lasso-probe.md §3); convention %s,\n"
                "error = ||B - B*||_2 certified; (p) = predicted (exact-arithmetic sweep count,\n"
                "time from the measured sweep rate), not run. Input bits and the breakdown\n"
                "epsilon: proofs-notes/lasso-probe.md.\n",
                conv == KD_SCALED_MEAN ? "mean (slides' lambda = 1/10, MATLAB Lambda = 1/20)"
                                      : "matlab (Lambda = 1/10)");
}

