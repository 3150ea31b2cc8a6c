/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits certify: outputs x computed anywhere, certified against the true
   solution set of the exact (or the double-rounded) problem. */
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "kdigits/candidate.h"

static void
help(void)
{
    kd_cli_help(stdout, kd_help_certify, NULL, NULL);
}

typedef struct
{
    const char * A, * y, * w, * lambda, * eta, * scaled, * problem, * xformat, * data;
    const char ** x;
    slong nx;
    int center, standardize, peers;
    slong cert_prec;
    const char ** params;       /* --param NAME=EXPR, bound before each run */
    slong nparams;
    slong * ks;                 /* --k: the values of k the family is swept over */
    slong nk;
}
certify_args;

#define OPT_PEERS 0x201
#define OPT_PARAM 0x202
#define OPT_K 0x203
/* Longest --k sweep. */
#define K_SWEEP_MAX 10000

/* --k LIST: "1..30" or "1,2,5". */
static int
parse_k(certify_args * a, const char * arg)
{
    const char * dots = strstr(arg, "..");
    flint_free(a->ks);
    a->ks = NULL;
    if (dots != NULL)
    {
        char lo_s[32];
        slong lo, hi, i;
        size_t l = (size_t) (dots - arg);
        if (l == 0 || l >= sizeof lo_s)
            return kd_cli_usage("certify", "--k: '%s' is not a range A..B", arg), -1;
        memcpy(lo_s, arg, l);
        lo_s[l] = '\0';
        if (!kd_cli_parse_slong(&lo, lo_s, "certify", "--k", -1000000, 1000000)
            || !kd_cli_parse_slong(&hi, dots + 2, "certify", "--k", lo, lo + K_SWEEP_MAX - 1))
            return -1;
        a->nk = hi - lo + 1;
        a->ks = flint_malloc(a->nk * sizeof(slong));
        for (i = 0; i < a->nk; i++)
            a->ks[i] = lo + i;
        return 1;
    }
    return kd_cli_parse_slong_list(&a->ks, &a->nk, arg, "certify", "--k", -1000000, 1000000)
           ? 1 : -1;
}

static int
own(int c, const char * arg, void * data)
{
    certify_args * a = data;
    switch (c)
    {
        KD_CLI_PROBLEM_CASES(a, arg, "certify");
        case 'X': a->xformat = arg; break;
        case 'D': a->data = arg; break;
        case 'x':
            a->x = flint_realloc(a->x, (a->nx + 1) * sizeof *a->x);
            a->x[a->nx++] = arg;
            break;
        case OPT_PEERS: a->peers = 1; break;
        case OPT_PARAM:
            a->params = flint_realloc(a->params, (a->nparams + 1) * sizeof *a->params);
            a->params[a->nparams++] = arg;
            break;
        case OPT_K: return parse_k(a, arg);
        default: return 0;
    }
    return 1;
}

static void
progress(void * data, slong i, slong total, const char * what)
{
    (void) data;
    kd_cli_progress("certify", i, total, "%s ...", what);
}

/* Checks the options; fills S's kind and modes; 0 when fine, else the exit code. */
static int
check_args(kd_certify_spec_t S, kd_xformat * xf, const certify_args * a, const char * cmd)
{
    kd_status st;
    if (a->problem == NULL || a->A == NULL || a->y == NULL || (a->nx == 0 && !a->peers))
        return kd_cli_usage(cmd, "--problem, --A, --y and --x (or --peers) are required");
    if ((st = kd_problem_kind_parse(&S->kind, a->problem)) != KD_OK)
        return kd_cli_fail(cmd, st);
    if (a->eta != NULL && S->kind != KD_PROBLEM_P1)
        return kd_cli_usage(cmd, "--eta is the constraint of p1; %s does not take it", a->problem);
    if (a->lambda != NULL && S->kind != KD_PROBLEM_P2 && S->kind != KD_PROBLEM_P3)
        return kd_cli_usage(cmd, "--lambda is the weight of p2 and p3; %s does not take it",
                            a->problem);
    if ((a->xformat != NULL && (st = kd_xformat_parse(xf, a->xformat)) != KD_OK)
        || (a->data != NULL && (st = kd_data_mode_parse(&S->data, a->data)) != KD_OK))
        return kd_cli_fail(cmd, st);
    S->param = S->kind == KD_PROBLEM_P1 ? a->eta : a->lambda;
    S->scaled = a->scaled;
    S->center = a->center;
    S->standardize = a->standardize;
    S->prec = a->cert_prec;
    return 0;
}

int
kd_cmd_certify(int argc, char ** argv)
{
    static const struct option opts[] = {
        {"x", required_argument, NULL, 'x'},
        {"x-format", required_argument, NULL, 'X'},
        {"data", required_argument, NULL, 'D'},
        {"peers", no_argument, NULL, OPT_PEERS},
        {"param", required_argument, NULL, OPT_PARAM},
        {"k", required_argument, NULL, OPT_K},
        KD_CLI_LONGOPTS_PROBLEM,
        KD_CLI_LONGOPTS_COMMON,
        {NULL, 0, NULL, 0}};
    const char * cmd = "certify";
    certify_args a;
    kd_cli_opts o;
    kd_certify_sweep_t W;
    json_t * doc = NULL;
    kd_status st;
    int r, ret = 0;

    memset(&a, 0, sizeof a);
    a.center = a.standardize = 1;
    a.cert_prec = 256;
    kd_cli_opts_init(&o, 0);
    kd_certify_sweep_init(W);
    if ((r = kd_cli_getopt(&o, argc, argv, opts, cmd, own, &a, help)) != 0)
    {
        flint_free(a.x);
        return KD_CLI_GETOPT_EXIT(r);
    }
    if ((r = check_args(&W->S, &W->xformat, &a, cmd)) != 0)
        ret = r;
    else
    {
        W->S.prec_cap = o.prec_cap;
        W->A = a.A;
        W->y = a.y;
        W->w = a.w;
        W->x = (const char * const *) a.x;
        W->nx = a.nx;
        W->peers = a.peers;
        W->params = (const char * const *) a.params;
        W->nparams = a.nparams;
        W->ks = a.ks;
        W->nk = a.nk;
        W->progress = progress;
        st = kd_certify_sweep(&doc, stdout, o.fmt == KD_FMT_JSON ? KD_REPORT_JSON
                              : o.fmt == KD_FMT_CSV ? KD_REPORT_CSV : KD_REPORT_TEXT, W);
        if (st != KD_OK && strncmp(kd_error_message(), "--param", 7) == 0)
            ret = kd_cli_usage(cmd, "%s", kd_error_message());     /* a bad --param */
        else
            ret = st != KD_OK ? kd_cli_fail(cmd, st) : doc != NULL ? kd_json_print(doc) : 0;
    }
    flint_free(a.ks);
    flint_free(a.params);
    kd_cli_opts_clear(&o);
    kd_expr_clear_params();
    flint_free(a.x);
    return ret;
}
