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

/* --param NAME=EXPR: NAME stands for the exact EXPR in the .mtx files. */
static int
bind_param(const char * arg)
{
    const char * eq = strchr(arg, '=');
    char name[KD_EXPR_PARAM_NAME_MAX + 2];
    kd_complex_t v;
    kd_status st;
    size_t len = eq ? (size_t) (eq - arg) : 0;
    if (eq == NULL || len == 0 || len > KD_EXPR_PARAM_NAME_MAX)
    {
        kd_cli_usage("certify", "--param: '%s' is not NAME=EXPR (e.g. d=2^-20)", arg);
        return -1;
    }
    memcpy(name, arg, len);
    name[len] = '\0';
    kd_complex_init(v);
    st = kd_complex_parse(v, eq + 1);
    if (st == KD_OK)
        st = kd_expr_set_param(name, v);
    kd_complex_clear(v);
    if (st != KD_OK)
    {
        kd_cli_usage("certify", "--param %s: %s", arg, kd_error_message());
        return -1;
    }
    return 1;
}

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

/* "label  mid +/- rad", or unknown for an indeterminate ball. */
static void
print_ball(const char * label, const arb_t b)
{
    kd_cli_print_ball("  ", label, b);
}

static void
print_candidate(const kd_candidate_cert_struct * c, kd_problem_kind kind, const char * name,
                kd_xformat f, int rounded)
{
    arb_t t;
    printf("x         %s (%s)\n", name, f == KD_XFORMAT_DOUBLE
           ? "each entry the IEEE double it denotes" : "exact entries");
    print_ball(rounded ? "objective (this data)" : "objective (exact data)", &c->objective);
    print_ball("dist(x, Xi(A, y))", &c->dist);
    if (arb_is_zero(&c->dist))
        printf("  %-22s all (dist = 0 exactly)\n", "correct digits");
    else if (c->digits >= 1)
        printf("  %-22s %ld (proved: dist <= 10^-%ld)\n", "correct digits", c->digits, c->digits);
    else if (c->digits == 0)
        printf("  %-22s none (dist <= 1 is proved, dist <= 0.1 is not)\n", "correct digits");
    else if (arb_is_finite(&c->dist))
        printf("  %-22s none proved (dist <= 1 is not)\n", "correct digits");
    printf("  %-22s %s\n", "right support", kd_truth_name(c->support));
    arb_init(t);
    arb_sub(t, &c->objective, &c->gap, 128);
    /* f(x) - f* <= f(x) holds for every x: a bound is shown when it says more */
    if (arb_is_finite(&c->gap) && (!arb_is_finite(&c->objective) || arb_is_positive(t)))
        print_ball("f(x) - f* <=", &c->gap);
    else if (arb_is_finite(&c->gap))
        printf("  %-22s no useful bound (the dual point from x's residual gives only f(x))\n",
               "f(x) - f*");
    arb_clear(t);
    if (kind == KD_PROBLEM_P1 || kind == KD_PROBLEM_BP)
        printf("  %-22s %s\n", "feasible", kd_truth_name(c->feasible));
}

static void
print_text(const kd_certify_job_t J, const kd_certify_spec_t S, const kd_candidates_t C)
{
    int r;
    slong k;
    printf("problem   %s%s%s%s%s%s\n", kd_problem_kind_name(S->kind),
           S->param ? (S->kind == KD_PROBLEM_P1 ? ", eta = " : ", lambda = ") : "",
           S->param ? S->param : "", S->scaled ? " (scaled LASSO, " : "",
           S->scaled ? S->scaled : "", S->scaled ? " convention)" : "");
    for (r = 0; r < 2; r++)
    {
        const kd_candidates_report_struct * R = J->R + r;
        if (!J->has[r])
            continue;
        if (r == 1 && J->has[0])
            printf("\n");
        if (r == 0)
            printf("data      the exact data\n");
        else
            printf("data      A, y%s rounded to IEEE double entry by entry%s%s%s\n",
                   S->param ? " and the parameter" : "", S->param ? " (parameter " : "",
                   S->param ? J->param_double : "", S->param ? ")" : "");
        printf("truth     %s: %s\n", R->truth->found == KD_TRUE ? "certified" : "not found",
               R->truth->how);
        for (k = 0; k < R->n; k++)
            print_candidate(R->c + k, S->kind, C->names[k], C->format[k], r == 1);
    }
}

/* kcol: the sweep's k column (NULL: none); header: print the header row. */
static void
print_csv(const kd_certify_job_t J, const kd_certify_spec_t S, const kd_candidates_t C,
          const slong * kcol, int header)
{
    int r;
    slong k;
    if (header)
        printf("%sdata,candidate,x_format,truth_found,objective_mid,objective_rad,distance_mid,"
               "distance_rad,correct_digits,right_support,gap_mid,gap_rad,feasible\n",
               kcol ? "k," : "");
    for (r = 0; r < 2; r++)
        for (k = 0; J->has[r] && k < J->R[r].n; k++)
        {
            const kd_candidate_cert_struct * c = J->R[r].c + k;
            const arb_struct * b[3] = {&c->objective, &c->dist, &c->gap};
            int i;
            if (kcol)
                printf("%ld,", (long) *kcol);
            printf("%s,", r == 0 ? "exact" : "double");
            kd_csv_write_field(stdout, C->names[k]);
            printf(",%s,%s", kd_xformat_name(C->format[k]), kd_truth_name(J->R[r].truth->found));
            for (i = 0; i < 3; i++)
            {
                char * mid = NULL, * rad = NULL;
                if (arb_is_finite(b[i]))
                    kd_arb_get_decimal(&mid, &rad, b[i], 15);
                printf(",%s,%s", mid ? mid : "", rad ? rad : "");
                if (i == 1)
                {
                    if (arb_is_zero(&c->dist))
                        printf(",all");
                    else if (c->digits >= 0)
                        printf(",%ld", (long) c->digits);
                    else
                        printf(",");
                    printf(",%s", kd_truth_name(c->support));
                }
                flint_free(mid);
                flint_free(rad);
            }
            printf(",%s\n", S->kind == KD_PROBLEM_P1 || S->kind == KD_PROBLEM_BP
                   ? kd_truth_name(c->feasible) : "");
        }
}

/* --peers: every installed peer run on the problem, each answer a candidate. */
static kd_status
run_peers(kd_peer_answers_t R, kd_candidates_t C, const kd_certify_spec_t S,
          const certify_args * a, slong prec_cap)
{
    kd_problem_t P;
    kd_status st;
    kd_problem_init_empty(P);
    st = kd_problem_init_spec(P, S->kind, S->A, S->y, S->w, S->param, S->scaled,
                                        a->center, a->standardize, prec_cap);
    if (st == KD_OK && (P->kind == KD_PROBLEM_P2 || P->kind == KD_PROBLEM_BP))
        kd_cli_progress("certify", 1, 1, "running the installed peers on the problem ...");
    if (st == KD_OK)
        st = kd_peers_solve(R, P, KD_PEERS_TIMEOUT);
    if (st == KD_OK)
        kd_candidates_add_peers(C, R);
    kd_problem_clear(P);
    return st;
}

static void
print_peers(const kd_peer_answers_t R)
{
    slong i;
    printf("peers     %s\n", R->convention ? R->convention : "");
    for (i = 0; i < R->n; i++)
        printf("  %-18s %-8s %s%s%s\n", R->a[i].name,
               R->a[i].state == KD_PEER_RAN ? "ran" : R->a[i].state == KD_PEER_SKIPPED
               ? "skipped" : "failed", R->a[i].version ? R->a[i].version : "",
               R->a[i].version && R->a[i].note ? "  " : "", R->a[i].note ? R->a[i].note : "");
    printf("\n");
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

/* One run: the parameters bound (k first, when sweeping), the data and the
   candidates read, the peers run, everything certified and printed (JSON
   of a sweep: appended to all). Returns the exit code. */
static int
run_once(const certify_args * a, const kd_cli_opts * o, kd_certify_spec_t S, kd_xformat xf,
         const slong * kval, int first, json_t * all)
{
    const char * cmd = "certify";
    kd_certify_job_t J;
    kd_candidates_t C;
    kd_peer_answers_t R;
    kd_mat_t A, y, w;
    kd_status st = KD_OK;
    slong k;
    int ret = 0;
    if (kval != NULL)
    {
        kd_complex_t v;
        kd_real_t kr;
        kd_complex_init(v);
        kd_real_init(kr);
        kd_real_set_si(kr, *kval);
        kd_complex_set_real(v, kr);
        st = kd_expr_set_param("k", v);
        kd_complex_clear(v);
        kd_real_clear(kr);
        if (st != KD_OK)
            return kd_cli_fail(cmd, st);
    }
    for (k = 0; k < a->nparams; k++)
        if (bind_param(a->params[k]) < 0)
            return KD_EXIT_USAGE;
    kd_mat_init(A, 0, 0);
    kd_mat_init(y, 0, 0);
    kd_mat_init(w, 0, 0);
    kd_candidates_init(C);
    kd_certify_job_init(J);
    kd_peer_answers_init(R);
    if ((st = kd_builtin_load(A, a->A)) == KD_OK && (st = kd_builtin_load(y, a->y)) == KD_OK
        && (a->w == NULL || (st = kd_builtin_load(w, a->w)) == KD_OK))
        for (k = 0; k < a->nx && st == KD_OK; k++)
            st = kd_candidates_read(C, a->x[k], xf);
    S->A = A;
    S->y = y;
    S->w = a->w ? w : NULL;
    if (st == KD_OK && a->peers)
        st = run_peers(R, C, S, a, o->prec_cap);
    if (st == KD_OK)
        st = kd_certify_run(J, S, C);
    if (st != KD_OK)
        ret = kd_cli_fail(cmd, st);
    else if (o->fmt == KD_FMT_JSON)
    {
        json_t * doc = kd_certify_job_json(J, S, C);
        if (doc != NULL && a->peers)
            json_object_set_new(doc, "peers", kd_peer_answers_json(R));
        if (doc != NULL && kval != NULL)
            json_object_set_new(doc, "k", json_integer((json_int_t) *kval));
        if (all != NULL && doc != NULL)
            json_array_append_new(all, doc);
        else
            ret = kd_json_print(doc);
    }
    else if (o->fmt == KD_FMT_CSV)
        print_csv(J, S, C, kval, first);
    else
    {
        if (kval != NULL)
            printf("%s== k = %ld ==\n", first ? "" : "\n", (long) *kval);
        if (a->peers)
            print_peers(R);
        print_text(J, S, C);
    }
    kd_peer_answers_clear(R);
    kd_certify_job_clear(J);
    kd_candidates_clear(C);
    kd_mat_clear(A);
    kd_mat_clear(y);
    kd_mat_clear(w);
    return ret;
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
    kd_certify_spec_t S;
    kd_xformat xf = KD_XFORMAT_AUTO;
    slong k;
    int r, ret = 0;

    memset(&a, 0, sizeof a);
    a.center = a.standardize = 1;
    a.cert_prec = 256;
    kd_cli_opts_init(&o, 0);
    kd_certify_spec_init(S);
    if ((r = kd_cli_getopt(&o, argc, argv, opts, cmd, own, &a, help)) != 0)
    {
        flint_free(a.x);
        return KD_CLI_GETOPT_EXIT(r);
    }
    if ((r = check_args(S, &xf, &a, cmd)) != 0)
    {
        flint_free(a.x);
        kd_cli_opts_clear(&o);
        return r;
    }
    S->prec_cap = o.prec_cap;
    if (a.nk == 0)
        ret = run_once(&a, &o, S, xf, NULL, 1, NULL);
    else
    {
        json_t * all = o.fmt == KD_FMT_JSON ? json_array() : NULL;
        for (k = 0; k < a.nk && ret == 0; k++)
        {
            kd_cli_progress(cmd, k + 1, a.nk, "k = %ld ...", (long) a.ks[k]);
            ret = run_once(&a, &o, S, xf, a.ks + k, k == 0, all);
        }
        if (all != NULL && ret == 0)
            ret = kd_json_print(all);
        else if (all != NULL)
            json_decref(all);
    }
    flint_free(a.ks);
    flint_free(a.params);
    kd_cli_opts_clear(&o);
    kd_expr_clear_params();
    flint_free(a.x);
    return ret;
}
