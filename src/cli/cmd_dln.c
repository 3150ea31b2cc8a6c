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

static void
print_ball(const char * label, const arb_t b, slong digits)
{
    char * s;
    if (!arb_is_finite(b))
    {
        printf("%s unknown", label);
        return;
    }
    s = kd_arb_get_str_pm(b, digits);
    printf("%s %s", label, s);
    flint_free(s);
}

static void
print_measure(const char * what, const kd_dln_measure_t M)
{
    printf("    %-6s", what);
    print_ball(" dist(x, Xi) =", &M->dist, 6);
    print_ball(", ||Ax - y|| =", &M->resid, 3);
    if (M->digits >= 0)
        printf(", K = %ld", (long) M->digits);
    else
        printf(", K none proved");
    printf(", support %s\n", kd_truth_name(M->support));
}

static void
print_text(const kd_dln_report_t R, const kd_dln_opts_t o)
{
    slong i, j;
    printf("BP truth  %s (%s)\n", kd_truth_name(R->truth.found), R->truth.how);
    if (R->dual_known)
        print_ball("rho      ", &R->rho, 10), printf("  (off-support slack of the unique dual certificate)\n");
    for (i = 0; i < R->nrows; i++)
    {
        const kd_dln_row_struct * w = R->rows + i;
        printf("D = %ld, alpha = %s\n", (long) w->D, w->alpha_str);
        if (w->limit_status != KD_OK)
            printf("    limit  not certified (%s)\n", kd_status_name(w->limit_status));
        else
        {
            printf("    x_inf  (certified at %ld bits)", (long) w->limit_prec);
            for (j = 0; j < R->N && j < 8; j++)
                print_ball(j ? "," : "", arb_mat_entry(&w->x_limit, j, 0), 15);
            printf("%s\n", R->N > 8 ? ", ..." : "");
            print_measure("limit", &w->lim);
        }
        if (w->flow_run && w->flow_status != KD_OK)
            printf("    flow   failed: %s\n", w->flow_error);
        else if (w->flow_run)
        {
            print_measure("flow", &w->flow);
            printf("    flow   %s, h = %g, T = %g, %ld steps,", kd_dln_scheme_name(o->fopts.scheme),
                   o->fopts.h, o->fopts.T, (long) w->flow_steps);
            if (R->flow_data_level >= 0)
                printf(" data read at level %ld,", (long) R->flow_data_level);
            print_ball(" ||x_flow - x_inf|| =", &w->flow_to_limit, 4);
            if (w->flow_err_est >= 0)
                printf(", error ~ %.3g (estimate, not proved: steps %.2g + finite T %.2g)",
                       w->flow_err_est, w->flow_err_disc, w->flow_err_tail);
            else if (o->flow_err_est)
                printf(", error: no estimate (%s)", w->flow_err_disc < 0
                       ? "halving h does not shrink the step error: h is too large"
                       : "the linearised flow at T is singular");
            printf("\n");
        }
    }
    for (i = 0; i < R->nrates; i++)
    {
        const kd_dln_rate_struct * r = R->rates + i;
        printf("rate D = %ld: measured exponent", (long) r->D);
        print_ball(" (LS fit of certified distances)", &r->fit, 5);
        print_ball(", last secant", &r->last_secant, 5);
        if (r->predicted_known)
            print_ball("; predicted", &r->predicted, 6);
        printf(" [%s]\n", r->predicted_why);
    }
    for (i = 0; i < R->nsel; i++)
    {
        const kd_dln_select_struct * s = R->sel + i;
        printf("selected D = %ld:", (long) s->D);
        if (s->status != KD_OK)
        {
            printf(" not certified\n");
            continue;
        }
        for (j = 0; j < R->N && j < 8; j++)
            print_ball(j ? "," : "", arb_mat_entry(&s->x, j, 0), 10);
        print_ball("\n    dist to Xi", &s->face_dist, 3);
        print_ball(", ||x_inf(smallest alpha) - x_sel|| =", &s->limit_dist, 4);
        printf("\n");
    }
    if (R->nsel > 0)
    {
        printf("selected points pairwise distinct: %s", kd_truth_name(R->sel_distinct));
        print_ball(", min separation", &R->sel_min_sep, 4);
        printf("\n");
    }
    if (R->note[0])
        printf("%s\n", R->note);
}

static void
print_omega(const kd_dln_omega_t R)
{
    slong i;
    printf("DLN on the Omega_K BP gadget (N1 = 2, N2 = 20): trained on A_n (column 1 raised)\n"
           "read at level n + 30; A = column 0 raised; ||A_n - A|| < 2^-n\n");
    for (i = 0; i < R->nrows; i++)
    {
        const kd_dln_omega_row_struct * r = R->rows + i;
        printf("K = %ld, n = %ld, D = %ld, alpha = %s:", (long) r->K, (long) r->n, (long) r->D,
               r->alpha_str);
        if (r->status != KD_OK)
        {
            printf(" limit not certified (%s)\n", kd_status_name(r->status));
            continue;
        }
        print_ball(" dist(x_inf, Xi(A)) =", &r->dist, 6);
        printf("\n    K digits %s, K-1 digits %s;", kd_truth_name(r->k_digits),
               kd_truth_name(r->k1_digits));
        print_ball(" worst of the pair (A, A_n)", &r->worst, 6);
        print_ball(";\n    breakdown epsilon of the pair (a lower bound for every method)", &r->eps_b, 6);
        printf("\n");
    }
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
    else
        print_omega(R);
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
    else
        print_text(R, d);
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
