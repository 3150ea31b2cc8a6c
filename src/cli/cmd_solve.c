/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits solve: one problem, one method, and (with --certify) the certified
   distance of the output to the true solution set. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli.h"
#include "kdigits/solve.h"
#include "kdigits/candidate.h"

static void
help(void)
{
    kd_cli_help(stdout, kd_help_solve, NULL, NULL);
}

typedef struct
{
    const char * A, * y, * w, * lambda, * eta, * scaled, * problem, * method, * prec;
    int center, standardize, certify, replicate, peers;
    slong max_iter, fp, fn, cert_prec, every;
    const char * tol, * fdelta;
    const char * truth_in, * truth_out;
}
solve_args;

static int
own(int c, const char * arg, void * data)
{
    solve_args * a = data;
    switch (c)
    {
        KD_CLI_PROBLEM_CASES(a, arg, "solve");
        case 'm': a->method = arg; break;
        case 'r': a->prec = arg; break;
        case 'c': a->certify = 1; break;
        case 'R': a->replicate = 1; break;
        case 'i': return kd_cli_parse_slong(&a->max_iter, arg, "solve", "--max-iter", 1, WORD_MAX) ? 1 : -1;
        case 't': a->tol = arg; break;
        case '1': return kd_cli_parse_slong(&a->fp, arg, "solve", "--firenet-p", 1, 100000) ? 1 : -1;
        case '2': return kd_cli_parse_slong(&a->fn, arg, "solve", "--firenet-n", 1, 100000) ? 1 : -1;
        case '3': a->fdelta = arg; break;
        case 'T': a->truth_in = arg; a->certify = 1; break;
        case 'O': a->truth_out = arg; a->certify = 1; break;
        case 'p' + 0x200: a->peers = 1; a->certify = 1; break;
        case 'e' + 0x200: return kd_cli_parse_slong(&a->every, arg, "solve", "--every", 1, WORD_MAX) ? 1 : -1;
        default: return 0;
    }
    return 1;
}

static kd_status
parse_rational(fmpq_t q, const char * s, const char * what)
{
    kd_real_t x;
    kd_status st;
    kd_real_init(x);
    st = kd_real_parse(x, s);
    if (st == KD_OK && !kd_real_get_fmpq(q, x))
        st = kd_error_set(KD_ERR_ARG, "%s must be an exact rational, got '%s'", what, s);
    else if (st != KD_OK)
        kd_error_prefix("%s", what);
    kd_real_clear(x);
    return st;
}

/* Progress of the truth computation: shown once it has run for a second. */
typedef struct
{
    struct timespec t0;
    int started;
}
truth_clock;

static double
truth_clock_elapsed(const truth_clock * c)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double) (t.tv_sec - c->t0.tv_sec) + 1e-9 * (double) (t.tv_nsec - c->t0.tv_nsec);
}

static void
truth_progress(void * data, slong i, slong total, const char * what)
{
    truth_clock * c = data;
    if (!c->started)
    {
        clock_gettime(CLOCK_MONOTONIC, &c->t0);
        c->started = 1;
    }
    if (truth_clock_elapsed(c) >= 1.0)
        kd_cli_progress("solve", i, total, "%s", what);
}

/* --truth: the truth of P read from its file, for kd_solve to use. */
static kd_status
read_truth(kd_truth_set_t T, kd_solve_opts_t so, const kd_problem_t P, const char * path)
{
    kd_status st;
    kd_truth_set_clear(T);
    kd_truth_set_init(T, P->N);
    if ((st = kd_truth_set_read(T, P, path)) == KD_OK)
        so->truth = T;
    return st;
}

/* Checks the options that go together; 0 when fine (else the exit code). */
static int
check_args(kd_problem_kind * kind, const solve_args * a, const kd_cli_opts * o, const char * cmd)
{
    kd_status st;
    if (a->problem == NULL || a->A == NULL || a->y == NULL)
        return kd_cli_usage(cmd, "--problem, --A and --y are required");
    if (o->levels != NULL && o->nlevels != 1)
        return kd_cli_usage(cmd, "--n takes one level here");
    if ((st = kd_problem_kind_parse(kind, a->problem)) != KD_OK)
        return kd_cli_fail(cmd, st);
    if ((*kind == KD_PROBLEM_P2 || *kind == KD_PROBLEM_P3) && a->lambda == NULL)
        return kd_cli_usage(cmd, "%s needs --lambda", a->problem);
    if (*kind == KD_PROBLEM_P1 && a->eta == NULL)
        return kd_cli_usage(cmd, "p1 needs --eta");
    if (a->eta != NULL && *kind != KD_PROBLEM_P1)
        return kd_cli_usage(cmd, "--eta is the constraint of p1; %s does not take it", a->problem);
    if (a->lambda != NULL && *kind != KD_PROBLEM_P2 && *kind != KD_PROBLEM_P3)
        return kd_cli_usage(cmd, "--lambda is the weight of p2 and p3; %s does not take it",
                            a->problem);
    if (a->scaled != NULL && *kind != KD_PROBLEM_P2)
        return kd_cli_usage(cmd, "--scaled describes a LASSO: use it with --problem p2");
    return 0;
}

/* Loads the data and builds P (plain or scaled). */
static kd_status
build_problem(kd_problem_t P, kd_problem_kind kind, const solve_args * a, slong prec_cap)
{
    kd_mat_t A, y, w;
    kd_status st;
    kd_mat_init(A, 0, 0);
    kd_mat_init(y, 0, 0);
    kd_mat_init(w, 0, 0);
    if ((st = kd_builtin_load(A, a->A)) == KD_OK && (st = kd_builtin_load(y, a->y)) == KD_OK
        && (a->w == NULL || (st = kd_builtin_load(w, a->w)) == KD_OK))
        st = kd_problem_init_spec(P, kind, A, y, a->w ? w : NULL,
                                  kind == KD_PROBLEM_P1 ? a->eta : a->lambda, a->scaled,
                                  a->center, a->standardize, prec_cap);
    kd_mat_clear(A);
    kd_mat_clear(y);
    kd_mat_clear(w);
    return st;
}

/* The solver options from the command line; KD_ERR_ARG with the message
   for a bad value (*usage set when it is a usage error already printed). */
static kd_status
set_solve_opts(kd_solve_opts_t so, const solve_args * a, const kd_cli_opts * o, int * usage)
{
    kd_status st;
    *usage = 0;
    if (a->method != NULL && (st = kd_method_parse(&so->method, a->method)) != KD_OK)
        return st;
    if (a->prec != NULL && strcmp(a->prec, "double") != 0)
    {
        slong p;
        if (!kd_cli_parse_slong(&p, a->prec, "solve", "--prec", KD_ARITH_PREC_MIN, KD_ARITH_PREC_MAX))
        {
            *usage = 1;
            return KD_ERR_ARG;
        }
        if ((st = kd_arith_set_mpfr(&so->arith, p)) != KD_OK)
            return st;
    }
    if (o->levels != NULL)
        so->level = o->levels[0];
    so->iter.max_iter = a->max_iter;
    if (a->tol != NULL)
    {
        char * end;
        double t = strtod(a->tol, &end);
        if (*end != '\0' || end == a->tol || !isfinite(t))
            return kd_error_set(KD_ERR_ARG, "--tol: '%s' is not a finite number", a->tol);
        if (t < 0)
            return kd_error_set(KD_ERR_ARG, "--tol must be >= 0, got %s", a->tol);
        so->iter.tol = t;
        so->cd.tol = t;
    }
    if (so->method == KD_METHOD_CD_GLMNET)
    {
        kd_iter_cd_opts_init_glmnet(&so->cd);
        if (a->tol != NULL)
            so->cd.tol = strtod(a->tol, NULL);
    }
    if (a->max_iter != 10000)
        so->cd.max_iter = a->max_iter;
    if (a->fp)
        so->firenet.p = a->fp;
    if (a->fn)
        so->firenet.n = a->fn;
    if (a->fdelta != NULL && (st = parse_rational(so->firenet.delta, a->fdelta, "--firenet-delta")) != KD_OK)
        return st;
    so->firenet.replicate_published_steps = a->replicate;
    so->certify = a->certify;
    so->cert_prec = a->cert_prec;
    return KD_OK;
}

/* --peers: every installed peer run on the problem and certified against
   the truth the solve computed (or was given). */
static kd_status
solve_peers(kd_peer_answers_t Rp, kd_candidates_report_t CR, const kd_problem_t P,
            const kd_solve_result_t R, const kd_solve_opts_t so)
{
    if (P->kind == KD_PROBLEM_P2 || P->kind == KD_PROBLEM_BP)
        kd_cli_progress("solve", 1, 1, "running the installed peers on the problem ...");
    return kd_peers_certify(Rp, CR, P, R->certified ? &R->truth : NULL, so->cert_level_max,
                            so->cert_prec);
}

/* --A builtin:OPSPEC: a matrix-free operator, an iterative method and the
   certified gap bound every --every iterations (kd_solve_op). */
static int
solve_operator(const solve_args * a, const kd_cli_opts * o, kd_problem_kind kind,
               const kd_op_t A, const char * cmd)
{
    kd_solve_opts_t so;
    kd_solve_op_report_t R;
    kd_mat_t y, w;
    fmpq_t param;
    kd_status st;
    int ret = 0, usage = 0;
    /* --certify alone: the bounds are computed anyway; it prints the
       certified output point (P1: the projected output) */
    if (a->peers || a->truth_out != NULL || a->scaled != NULL || a->truth_in != NULL)
        return kd_cli_usage(cmd, "--truth, --truth-out, --peers and --scaled take dense data, "
                            "not an operator (its iterates get certified gap bounds: --every K)");
    kd_solve_opts_init(so);
    kd_solve_op_report_init(R);
    kd_mat_init(y, 0, 0);
    kd_mat_init(w, 0, 0);
    fmpq_init(param);
    if ((st = set_solve_opts(so, a, o, &usage)) == KD_OK
        && (st = parse_rational(param, kind == KD_PROBLEM_P1 ? a->eta : a->lambda,
                                kind == KD_PROBLEM_P1 ? "--eta" : "--lambda")) == KD_OK
        && (st = kd_builtin_load(y, a->y)) == KD_OK
        && (a->w == NULL || (st = kd_builtin_load(w, a->w)) == KD_OK))
        st = kd_solve_op(R, A, y, a->w != NULL ? w : NULL, kind, param, so, a->every);
    if (st != KD_OK)
        ret = usage && st == KD_ERR_ARG ? KD_EXIT_USAGE : kd_cli_fail(cmd, st);
    else if (o->fmt == KD_FMT_JSON)
        ret = kd_json_print(kd_solve_op_report_json(R, a->A));
    else if ((st = o->fmt == KD_FMT_CSV ? kd_solve_op_report_write_csv(stdout, R)
              : kd_solve_op_report_write_text(stdout, R, a->A)) != KD_OK)
        ret = kd_cli_fail(cmd, st);
    kd_solve_op_report_clear(R);
    kd_solve_opts_clear(so);
    kd_mat_clear(y);
    kd_mat_clear(w);
    fmpq_clear(param);
    return ret;
}

int
kd_cmd_solve(int argc, char ** argv)
{
    static const struct option opts[] = {
        {"method", required_argument, NULL, 'm'},
        {"prec", required_argument, NULL, 'r'},
        {"certify", no_argument, NULL, 'c'},
        {"peers", no_argument, NULL, 'p' + 0x200},
        {"every", required_argument, NULL, 'e' + 0x200},
        {"replicate-published", no_argument, NULL, 'R'},
        {"max-iter", required_argument, NULL, 'i'},
        {"tol", required_argument, NULL, 't'},
        {"firenet-p", required_argument, NULL, '1'},
        {"firenet-n", required_argument, NULL, '2'},
        {"firenet-delta", required_argument, NULL, '3'},
        {"truth", required_argument, NULL, 'T'},
        {"truth-out", required_argument, NULL, 'O'},
        KD_CLI_LONGOPTS_PROBLEM,
        KD_CLI_LONGOPTS_COMMON,
        {NULL, 0, NULL, 0}};
    const char * cmd = "solve";
    solve_args a;
    kd_cli_opts o;
    kd_problem_kind kind;
    kd_problem_t P;
    kd_solve_opts_t so;
    kd_solve_result_t R;
    kd_peer_answers_t Rp;
    kd_candidates_report_t CR;
    kd_truth_set_t T;
    kd_op_t op;
    truth_clock clk;
    kd_status st;
    int r, ret = 0, usage = 0;

    memset(&a, 0, sizeof a);
    a.center = a.standardize = 1;
    a.max_iter = 10000;
    a.cert_prec = 256;
    kd_cli_opts_init(&o, 0);
    if ((r = kd_cli_getopt(&o, argc, argv, opts, cmd, own, &a, help)) != 0)
        return KD_CLI_GETOPT_EXIT(r);
    if ((r = check_args(&kind, &a, &o, cmd)) != 0)
    {
        kd_cli_opts_clear(&o);
        return r;
    }
    if (kd_solve_op_spec(op, a.A))
    {
        r = solve_operator(&a, &o, kind, op, cmd);
        kd_op_clear(op);
        kd_cli_opts_clear(&o);
        return r;
    }
    if (a.every != 0)
    {
        kd_cli_opts_clear(&o);
        return kd_cli_usage(cmd, "--every applies to a matrix-free operator (--A builtin:OPSPEC)");
    }
    kd_solve_opts_init(so);
    kd_solve_result_init(R);
    kd_peer_answers_init(Rp);
    kd_candidates_report_init(CR);
    kd_problem_init_empty(P);
    kd_truth_set_init(T, 0);
    memset(&clk, 0, sizeof clk);
    so->progress = truth_progress;
    so->progress_data = &clk;
    if ((st = build_problem(P, kind, &a, o.prec_cap)) == KD_OK
        && (st = set_solve_opts(so, &a, &o, &usage)) == KD_OK
        && (a.truth_in == NULL || (st = read_truth(T, so, P, a.truth_in)) == KD_OK))
        st = kd_solve(R, P, so);
    if (st == KD_OK && a.peers)
        st = solve_peers(Rp, CR, P, R, so);
    if (st == KD_OK && clk.started && truth_clock_elapsed(&clk) >= 1.0 && !kd_cli_quiet)
        fprintf(stderr, "kdigits solve: truth %s in %.1f s%s\n",
                R->truth.found == KD_TRUE ? "certified" : "not found",
                truth_clock_elapsed(&clk), a.truth_out == NULL
                ? " (--truth-out FILE saves it for later runs)" : "");
    if (st == KD_OK && a.truth_out != NULL)
        st = kd_truth_set_write(&R->truth, P, a.truth_out);
    if (st != KD_OK)
        ret = usage && st == KD_ERR_ARG ? KD_EXIT_USAGE : kd_cli_fail(cmd, st);
    else if (o.fmt == KD_FMT_JSON)
    {
        json_t * doc = kd_solve_result_json(R, P, so, a.scaled);
        if (doc != NULL && a.peers)
            json_object_set_new(doc, "peers", kd_peer_answers_report_json(Rp, CR));
        ret = kd_json_print(doc);
    }
    else if ((st = o.fmt == KD_FMT_CSV ? kd_solve_result_write_csv(stdout, R, P, so)
              : kd_solve_result_write_text(stdout, R, P, so, a.scaled)) != KD_OK
             || (o.fmt == KD_FMT_TEXT && a.peers
                 && (st = kd_peer_answers_write(stdout, Rp, CR)) != KD_OK))
        ret = kd_cli_fail(cmd, st);
    kd_peer_answers_clear(Rp);
    kd_candidates_report_clear(CR);
    kd_problem_clear(P);
    kd_solve_opts_clear(so);
    kd_solve_result_clear(R);
    kd_truth_set_clear(T);
    kd_cli_opts_clear(&o);
    return ret;
}
