/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits convergence: FIRENET's convergence experiment with a certified
   gap at every step (kdigits/convergence.h). */
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "kdigits/convergence.h"
#include "kdigits/candidate.h"

static void
help(void)
{
    kd_cli_help(stdout, kd_help_convergence, NULL, NULL);
}

typedef struct
{
    kd_conv_opts_struct * o;
    const char * plot;
}
conv_args;

static int
parse_d(double * out, const char * s, const char * opt)
{
    char * end;
    double v = strtod(s, &end);
    if (*s == '\0' || *end != '\0')
        return kd_cli_usage("convergence", "%s expects a number, got '%s'", opt, s), -1;
    *out = v;
    return 1;
}

static int
parse_q(fmpq_t q, const char * s, const char * opt)
{
    if (kd_number_parse(q, s, KD_XFORMAT_EXACT) != KD_OK || fmpq_sgn(q) <= 0)
        return kd_cli_usage("convergence", "%s expects a positive number, got '%s'", opt, s), -1;
    return 1;
}

/* "a", "b" or "both" into two flags */
static int
parse_pair(int * a, int * b, const char * s, const char * na, const char * nb, const char * opt)
{
    *a = strcmp(s, na) == 0 || strcmp(s, "both") == 0;
    *b = strcmp(s, nb) == 0 || strcmp(s, "both") == 0;
    if (!*a && !*b)
        return kd_cli_usage("convergence", "%s expects %s, %s or both, got '%s'", opt, na, nb,
                            s), -1;
    return 1;
}

/* --sampling: das, multilevel, uniform, a comma-separated list of them,
   both (das,uniform) or all */
static int
parse_sampling(kd_conv_opts_struct * o, const char * s)
{
    const char * p = s;
    if (strcmp(s, "both") == 0)
        s = p = "das,uniform";
    else if (strcmp(s, "all") == 0)
        s = p = "das,multilevel,uniform";
    o->das = o->multilevel = o->uniform = 0;
    while (1)
    {
        size_t len = strcspn(p, ",");
        if (len == 3 && strncmp(p, "das", 3) == 0)
            o->das = 1;
        else if (len == 10 && strncmp(p, "multilevel", 10) == 0)
            o->multilevel = 1;
        else if (len == 7 && strncmp(p, "uniform", 7) == 0)
            o->uniform = 1;
        else
            return kd_cli_usage("convergence", "--sampling expects das, multilevel, uniform, a "
                                "comma-separated list of them, both or all, got '%s'", s), -1;
        if (p[len] == '\0')
            return 1;
        p += len + 1;
    }
}

static int
own(int c, const char * arg, void * data)
{
    conv_args * a = data;
    kd_conv_opts_struct * o = a->o;
    slong v;
    switch (c)
    {
        case 'N': return kd_cli_parse_slong(&o->n, arg, "convergence", "--N", 4, 4096) ? 1 : -1;
        case 'R': return parse_d(&o->rate, arg, "--rate");
        case 'E': return parse_d(&o->noise, arg, "--noise");
        case 'L': return kd_cli_parse_slong(&o->levels, arg, "convergence", "--levels", 1, 12) ? 1 : -1;
        case 'T': return parse_pair(&o->walsh, &o->fourier, arg, "walsh", "fourier", "--transform");
        case 'M': return parse_sampling(o, arg);
        case 'K':
            if (parse_d(&o->keep, arg, "--keep") < 0)
                return -1;
            if (!(o->keep >= 0.0 && o->keep < 1e300))
                return kd_cli_usage("convergence", "--keep expects a finite number >= 0, got '%s'",
                                    arg), -1;
            return 1;
        case 'l': return parse_q(o->lambda, arg, "--lambda");
        case 'd': return parse_q(o->delta, arg, "--delta");
        case 'i': return kd_cli_parse_slong(&o->p, arg, "convergence", "--inner", 1, 10000) ? 1 : -1;
        case 'r': return kd_cli_parse_slong(&o->restarts, arg, "convergence", "--restarts", 1, 10000) ? 1 : -1;
        case 'B': return kd_cli_parse_slong(&o->prec, arg, "convergence", "--cert-prec", 53, 4096) ? 1 : -1;
        case 't': return parse_d(&o->sparsity_threshold, arg, "--sparsity-threshold");
        case 'S':
            if (!kd_cli_parse_slong(&v, arg, "convergence", "--seed", 0, WORD_MAX))
                return -1;
            o->seed = (ulong) v;
            return 1;
        case 'P': a->plot = arg; return 1;
        case 'F':
            if (strcmp(arg, "constant") == 0)
                o->phantom = KD_CONV_PHANTOM_CONSTANT;
            else if (strcmp(arg, "smooth") == 0)
                o->phantom = KD_CONV_PHANTOM_SMOOTH;
            else if (strcmp(arg, "compressed") == 0)
                o->phantom = KD_CONV_PHANTOM_COMPRESSED;
            else
                return kd_cli_usage("convergence", "--phantom expects compressed, smooth or "
                                    "constant, got '%s'", arg), -1;
            return 1;
        default: return 0;
    }
}

static void
print_text(const kd_conv_report_t R)
{
    slong i, j;
    char * s = kd_arb_get_str_pm(R->cnorm, 8), * lam = kd_fmpq_get_str(R->opts->lambda);
    printf("FIRENET convergence: %s phantom %ld x %ld, Haar levels %ld, lambda = %s, p = %ld, "
           "n = %ld\n", kd_conv_phantom_name(R->opts->phantom), R->n, R->n, R->levels, lam,
           R->opts->p, R->opts->restarts);
    if (R->opts->phantom == KD_CONV_PHANTOM_COMPRESSED)
        printf("  c = the smooth phantom's Haar coefficients with |c_i| > %g (exactly sparse in "
               "levels)\n", R->keep);
    printf("  ||c|| = %s; local sparsities s_l =", s);
    flint_free(s);
    flint_free(lam);
    for (i = 0; i <= R->levels; i++)
        printf(" %ld", R->sparsity[i]);
    printf("\n  gap_ub: certified upper bound of F(x) - F* at that step (proved);\n"
           "  relerr: ||x - c||/||c|| (proved enclosure, midpoint shown)\n");
    for (i = 0; i < R->nruns; i++)
    {
        const kd_conv_run_struct * r = R->runs + i;
        printf("\n%s sampling, %s, m = %ld (%.1f %%):\n  %7s %5s %4s %14s %14s\n",
               r->transform, r->sampling, r->m, 100.0 * (double) r->m / (double) R->N,
               "restart", "step", "iter", "relerr", "gap_ub");
        for (j = 0; j < r->nsteps; j++)
        {
            const kd_conv_step_struct * S = r->steps + j;
            char step[16];
            if (S->step == 0)
                strcpy(step, "out");
            else
                flint_sprintf(step, "%wd", S->step);
            printf("  %7ld %5s %4ld %14.6e %14.6e\n", S->restart, step, S->iter,
                   arf_get_d(arb_midref(S->relerr), ARF_RND_NEAR),
                   arf_get_d(S->gap_ub, ARF_RND_UP));
        }
        {
            arf_t lo, hi;
            arf_init(lo);
            arf_init(hi);
            arb_get_lbound_arf(lo, r->truth_gap, 53);
            arb_get_ubound_arf(hi, r->truth_gap, 53);
            if (arf_sgn(lo) < 0)
                arf_zero(lo);   /* the ball's lower end may dip below its exact 0 */
            printf("  the truth %s: F(c) - F* in [%.4g, %.4g] (proved)",
                   R->opts->phantom == KD_CONV_PHANTOM_COMPRESSED ? "c" : "c (rounded to double)",
                   arf_get_d(lo, ARF_RND_DOWN), arf_get_d(hi, ARF_RND_UP));
            arf_clear(lo);
            arf_clear(hi);
        }
        if (r->below_truth_restart > 0)
            printf("; restart %ld is the first with F(psi_k) < F(c), proved\n",
                   r->below_truth_restart);
        else
            printf("\n");
        s = kd_arb_get_str_pm(r->Fstar, 10);
        printf("  F* in %s\n  fitted over restarts 1..%ld (observed, not proved): gap factor "
               "%.4g per restart, %.4g per inner step\n  floor: least restart gap_ub %.4g "
               "(proved bound); final relative error %.6g\n", s, r->fit_restarts,
               r->rate_restart, r->rate_inner, r->gap_floor, r->relerr_floor);
        flint_free(s);
    }
}

static int
write_plot(const kd_conv_report_t R, const char * path)
{
    FILE * f;
    kd_status st;
    if ((f = fopen(path, "w")) == NULL)
        return kd_cli_fail("convergence", kd_error_set(KD_ERR_IO, "cannot open '%s'", path));
    st = kd_conv_write_svg(f, R);
    if (fclose(f) != 0 && st == KD_OK)
        st = kd_error_set(KD_ERR_IO, "could not write '%s'", path);
    return st == KD_OK ? 0 : kd_cli_fail("convergence", st);
}

int
kd_cmd_convergence(int argc, char ** argv)
{
    static const struct option opts[] = {
        {"N", required_argument, NULL, 'N'},
        {"rate", required_argument, NULL, 'R'},
        {"noise", required_argument, NULL, 'E'},
        {"levels", required_argument, NULL, 'L'},
        {"transform", required_argument, NULL, 'T'},
        {"sampling", required_argument, NULL, 'M'},
        {"lambda", required_argument, NULL, 'l'},
        {"delta", required_argument, NULL, 'd'},
        {"inner", required_argument, NULL, 'i'},
        {"restarts", required_argument, NULL, 'r'},
        {"cert-prec", required_argument, NULL, 'B'},
        {"sparsity-threshold", required_argument, NULL, 't'},
        {"seed", required_argument, NULL, 'S'},
        {"plot", required_argument, NULL, 'P'},
        {"phantom", required_argument, NULL, 'F'},
        {"keep", required_argument, NULL, 'K'},
        KD_CLI_LONGOPTS_COMMON,
        {NULL, 0, NULL, 0}};
    kd_conv_opts_t co;
    conv_args a;
    kd_cli_opts o;
    kd_conv_report_t R;
    kd_status st;
    int r, ret = 0;

    kd_conv_opts_init(co);
    a.o = co;
    a.plot = NULL;
    kd_cli_opts_init(&o, 0);
    if ((r = kd_cli_getopt(&o, argc, argv, opts, "convergence", own, &a, help)) != 0)
    {
        kd_conv_opts_clear(co);
        return KD_CLI_GETOPT_EXIT(r);
    }
    if (o.levels != NULL)
    {
        kd_cli_opts_clear(&o);
        kd_conv_opts_clear(co);
        return kd_cli_usage("convergence", "--n is not an option here: the image side is --N, "
                            "the restarts --restarts");
    }
    if (a.plot != NULL && (strlen(a.plot) < 4 || strcmp(a.plot + strlen(a.plot) - 4, ".svg") != 0))
    {
        kd_cli_opts_clear(&o);
        kd_conv_opts_clear(co);
        return kd_cli_usage("convergence", "--plot writes SVG: the file should end in .svg");
    }
    kd_conv_report_init(R);
    st = kd_conv_run(R, co);
    if (st != KD_OK)
        ret = kd_cli_fail("convergence", st);
    else
    {
        if (o.fmt == KD_FMT_JSON)
            ret = kd_json_print(kd_conv_report_json(R));
        else if (o.fmt == KD_FMT_CSV)
            ret = kd_csv_print_json(kd_conv_report_json(R));
        else
            print_text(R);
        if (ret == 0 && a.plot != NULL)
            ret = write_plot(R, a.plot);
    }
    kd_conv_report_clear(R);
    kd_conv_opts_clear(co);
    kd_cli_opts_clear(&o);
    return ret;
}
