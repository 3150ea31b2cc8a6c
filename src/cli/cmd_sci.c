/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits sci: the SCI hierarchy made executable (theory.md §9). Each
   subcommand parses its options, calls one protocol of kdigits/sci.h (a
   tower on the user's input and the adversarial inputs that defeat stronger
   claims) and formats the result with an explanation; the proofs are in
   proofs-notes/sci.md. `sci spectrum` lives in cmd_sci_spectrum.c. */
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "kdigits/sci.h"

#define PREC 256

/* ------------------------------------------------------------ helpers */

static int
check_fmt(kd_cli_opts * o, const char * cmd, int allow_csv)
{
    if (o->fmt == KD_FMT_TEXT || o->fmt == KD_FMT_JSON || (allow_csv && o->fmt == KD_FMT_CSV))
        return 1;
    kd_cli_opts_clear(o);
    kd_cli_usage(cmd, "--format must be text%s or json", allow_csv ? ", csv" : "");
    return 0;
}

/* ------------------------------------------------------------ positive */

static void
help_positive(void)
{
    kd_cli_help(stdout, kd_help_sci_positive, NULL, NULL);
}

typedef struct
{
    const char * x, * L;
    slong seed;
    int seeded;
    const char * A;     /* rank */
    const char * N;     /* sign */
    const char * builtin;   /* rank */
}
sci_args;

static int
own_common(int c, const char * arg, void * data, const char * cmd)
{
    sci_args * a = data;
    switch (c)
    {
        case 'x': a->x = arg; return 1;
        case 'L': a->L = arg; return 1;
        case 'A': a->A = arg; return 1;
        case 'N': a->N = arg; return 1;
        case 'S':
            a->seeded = 1;
            return kd_cli_parse_slong(&a->seed, arg, cmd, "--seed", 0, WORD_MAX) ? 1 : -1;
        default: return 0;
    }
}

static int
own_positive(int c, const char * arg, void * data)
{
    return own_common(c, arg, data, "sci positive");
}

/* The adversary's levels: at most 10^4 (an algorithm may read every level
   up to L). */
static int
parse_L(slong ** Ls, slong * nL, const char * s, const char * cmd)
{
    return kd_cli_parse_slong_list(Ls, nL, s, cmd, "--L", 0, 10000);
}

/* What differs between positive, sign and rank. */
typedef struct
{
    const char * cmd;
    kd_sci_demo_kind kind;
    const struct option * opts;
    const slong * defn;
    slong ndefn;
    sci_args a;                 /* the defaults */
    kd_cli_own_fn own;
    void (*help)(void);
}
demo_cmd;

/* sci positive, sign and rank: parse, run kd_sci_demo_real or
   kd_sci_demo_rank, format. */
static int
run_demo(const demo_cmd * C, int argc, char ** argv)
{
    sci_args a = C->a;
    kd_cli_opts o;
    kd_real_t x;
    kd_mat_t A;
    kd_sci_demo_t D;
    slong * Ls = NULL, nL = 0, * Ns = NULL, nN = 0;
    kd_status st = KD_OK;
    int r, ret = 0, sign = C->kind == KD_SCI_DEMO_SIGN, rank = C->kind == KD_SCI_DEMO_RANK;
    char src[256];

    kd_cli_opts_init(&o, 0);
    if ((r = kd_cli_getopt(&o, argc, argv, C->opts, C->cmd, C->own, &a, C->help)) != 0)
        return KD_CLI_GETOPT_EXIT(r);
    if (!check_fmt(&o, C->cmd, 1))
        return KD_EXIT_USAGE;
    if (!parse_L(&Ls, &nL, a.L, C->cmd)
        || (sign && !kd_cli_parse_slong_list(&Ns, &nN, a.N, C->cmd, "--N", 0, KD_LEVEL_MAX)))
    {
        flint_free(Ls);
        kd_cli_opts_clear(&o);
        return KD_EXIT_USAGE;
    }
    kd_cli_opts_default_levels(&o, C->defn, C->ndefn);
    kd_real_init(x);
    kd_mat_init(A, 0, 0);
    kd_sci_demo_init(D);
    snprintf(src, sizeof src, "%s%s", a.A != NULL ? "" : "builtin:", a.A != NULL ? a.A
             : a.builtin != NULL ? a.builtin : "");
    if (rank)
    {
        st = a.A != NULL ? kd_builtin_load(A, a.A) : kd_builtin_mat(A, a.builtin);
        if (st == KD_OK)
            st = kd_sci_demo_rank(D, A, a.seeded, (ulong) a.seed, o.prec_cap, o.levels,
                                  o.nlevels, Ls, nL);
    }
    else if ((st = kd_real_parse(x, a.x)) != KD_OK)
        kd_error_prefix("--x");
    else
        st = kd_sci_demo_real(D, C->kind, x, a.seeded, (ulong) a.seed, o.prec_cap, o.levels,
                              o.nlevels, Ns, nN, Ls, nL);
    if (st != KD_OK)
    {
        ret = kd_cli_fail(C->cmd, st);
        goto out;
    }
    if (o.fmt == KD_FMT_JSON)
        ret = kd_json_print(kd_sci_demo_json(D, rank ? src : a.x, a.seeded, (ulong) a.seed,
                                             kd_sci_demo_certainty(D)));
    else if ((st = kd_sci_demo_write(stdout, D, rank ? src : a.x, a.seeded,
                                     o.fmt == KD_FMT_CSV)) != KD_OK)
        ret = kd_cli_fail(C->cmd, st);
out:
    kd_sci_demo_clear(D);
    kd_mat_clear(A);
    kd_real_clear(x);
    flint_free(Ls);
    flint_free(Ns);
    kd_cli_opts_clear(&o);
    return ret;
}

static int
cmd_positive(int argc, char ** argv)
{
    static const struct option opts[] = {
        {"x", required_argument, NULL, 'x'},
        {"expr", required_argument, NULL, 'x'},
        {"L", required_argument, NULL, 'L'},
        {"seed", required_argument, NULL, 'S'},
        KD_CLI_LONGOPTS_COMMON,
        {NULL, 0, NULL, 0}};
    static const slong defn[] = {0, 4, 8, 12, 14, 15, 16, 20, 32, 64};
    static const demo_cmd C = {
        "sci positive", KD_SCI_DEMO_POSITIVE, opts, defn, sizeof defn / sizeof defn[0],
        {"1/3 - 0.3333", "0,10,50", 0, 0, NULL, NULL, NULL}, own_positive, help_positive};
    return run_demo(&C, argc, argv);
}

/* ------------------------------------------------------------ sign */

static void
help_sign(void)
{
    kd_cli_help(stdout, kd_help_sci_sign, NULL, NULL);
}

static int
own_sign(int c, const char * arg, void * data)
{
    return own_common(c, arg, data, "sci sign");
}

static int
cmd_sign(int argc, char ** argv)
{
    static const struct option opts[] = {
        {"x", required_argument, NULL, 'x'},
        {"expr", required_argument, NULL, 'x'},
        {"N", required_argument, NULL, 'N'},
        {"L", required_argument, NULL, 'L'},
        {"seed", required_argument, NULL, 'S'},
        KD_CLI_LONGOPTS_COMMON,
        {NULL, 0, NULL, 0}};
    static const slong defn[] = {0, 4, 8, 12, 14, 16, 20, 32, 40, 64};
    static const demo_cmd C = {
        "sci sign", KD_SCI_DEMO_SIGN, opts, defn, sizeof defn / sizeof defn[0],
        {"sqrt(2) - 99/70", "0,10,50", 0, 0, NULL, "10,30", NULL}, own_sign, help_sign};
    return run_demo(&C, argc, argv);
}

/* ------------------------------------------------------------ rank */

static void
help_rank(void)
{
    kd_cli_help(stdout, kd_help_sci_rank, NULL, NULL);
}

static int
own_rank(int c, const char * arg, void * data)
{
    sci_args * a = data;
    if (c == 'B')
    {
        a->builtin = arg;
        a->A = NULL;
        return 1;
    }
    if (c == 'A')
        a->builtin = NULL;
    return own_common(c, arg, a, "sci rank");
}

static int
cmd_rank(int argc, char ** argv)
{
    static const struct option opts[] = {
        {"A", required_argument, NULL, 'A'},
        {"builtin", required_argument, NULL, 'B'},
        {"L", required_argument, NULL, 'L'},
        {"seed", required_argument, NULL, 'S'},
        KD_CLI_LONGOPTS_COMMON,
        {NULL, 0, NULL, 0}};
    static const slong defn[] = {0, 4, 8, 12, 13, 14, 15, 16, 20, 32};
    static const demo_cmd C = {
        "sci rank", KD_SCI_DEMO_RANK, opts, defn, sizeof defn / sizeof defn[0],
        {NULL, "0,10,50", 0, 0, NULL, NULL, "lasso:2^-12"}, own_rank, help_rank};
    return run_demo(&C, argc, argv);
}

/* ------------------------------------------------------------ argmin */

static void
help_argmin(void)
{
    kd_cli_help(stdout, kd_help_sci_argmin, NULL, NULL);
}

typedef struct
{
    const char * lambda;
    slong K;
}
argmin_args;

static int
own_argmin(int c, const char * arg, void * data)
{
    argmin_args * a = data;
    switch (c)
    {
        case 'l': a->lambda = arg; return 1;
        case 'K': return kd_cli_parse_slong(&a->K, arg, "sci argmin", "--K", 2, 8) ? 1 : -1;
        default: return 0;
    }
}

static int
cmd_argmin(int argc, char ** argv)
{
    static const struct option opts[] = {
        {"lambda", required_argument, NULL, 'l'},
        {"K", required_argument, NULL, 'K'},
        KD_CLI_LONGOPTS_COMMON,
        {NULL, 0, NULL, 0}};
    static const slong defn[] = {0, 5, 10, 20, 40};
    const char * cmd = "sci argmin";
    argmin_args a = {"1/10", 3};
    kd_cli_opts o;
    kd_real_t lam;
    fmpq_t Lambda;
    kd_sci_argmin_t R;
    kd_status st;
    int r, ret = 0;
    slong i;

    kd_cli_opts_init(&o, 0);
    if ((r = kd_cli_getopt(&o, argc, argv, opts, cmd, own_argmin, &a, help_argmin)) != 0)
        return KD_CLI_GETOPT_EXIT(r);
    if (!check_fmt(&o, cmd, 1))
        return KD_EXIT_USAGE;
    kd_cli_opts_default_levels(&o, defn, sizeof defn / sizeof defn[0]);
    for (i = 0; i < o.nlevels; i++)
        if (o.levels[i] > 200)
        {
            kd_cli_opts_clear(&o);
            return kd_cli_usage(cmd, "--n values must be <= 200");
        }
    kd_real_init(lam);
    fmpq_init(Lambda);
    kd_sci_argmin_init(R);
    if ((st = kd_real_parse(lam, a.lambda)) != KD_OK)
        kd_error_prefix("--lambda");
    else if (!kd_real_get_fmpq(Lambda, lam))
        st = kd_error_set(KD_ERR_ARG, "--lambda must be a rational number, e.g. 1/10");
    else
        st = kd_sci_argmin_run(R, Lambda, a.K, o.levels, o.nlevels, PREC);
    if (st != KD_OK)
        ret = kd_cli_fail(cmd, st);
    else if (o.fmt == KD_FMT_JSON)
        ret = kd_json_print(kd_sci_argmin_json(R));
    else if (o.fmt == KD_FMT_CSV)
        ret = kd_csv_print_json(kd_sci_argmin_json(R));
    else if ((st = kd_sci_argmin_write(stdout, R, a.lambda)) != KD_OK)
        ret = kd_cli_fail(cmd, st);
    kd_sci_argmin_clear(R);
    fmpq_clear(Lambda);
    kd_real_clear(lam);
    kd_cli_opts_clear(&o);
    return ret;
}

/* ------------------------------------------------------------ classes */

static void
help_classes(void)
{
    kd_cli_help(stdout, kd_help_sci_classes, NULL, NULL);
}

static int
own_classes(int c, const char * arg, void * data)
{
    slong * K = data;
    if (c == 'K')
        return kd_cli_parse_slong(K, arg, "sci classes", "--K", 2, 30) ? 1 : -1;
    return 0;
}

static int
cmd_classes(int argc, char ** argv)
{
    static const struct option opts[] = {
        {"K", required_argument, NULL, 'K'},
        KD_CLI_LONGOPTS_COMMON,
        {NULL, 0, NULL, 0}};
    const char * cmd = "sci classes";
    kd_cli_opts o;
    slong K = 3;
    kd_status st;
    int r;

    kd_cli_opts_init(&o, 0);
    if ((r = kd_cli_getopt(&o, argc, argv, opts, cmd, own_classes, &K, help_classes)) != 0)
        return KD_CLI_GETOPT_EXIT(r);
    if (!check_fmt(&o, cmd, 1))
        return KD_EXIT_USAGE;
    if (o.fmt == KD_FMT_JSON)
    {
        kd_cli_opts_clear(&o);
        return kd_json_print(kd_sci_classes_json(K, PREC));
    }
    st = kd_sci_classes_write(stdout, K, o.fmt == KD_FMT_CSV, PREC);
    kd_cli_opts_clear(&o);
    return st == KD_OK ? 0 : kd_cli_fail(cmd, st);
}

/* ------------------------------------------------------------ dispatch */

static const kd_cli_command subs[] = {
    {"positive", "deciding x > 0: a Sigma_1 tower, and the adversary showing it is not Delta_1",
     cmd_positive},
    {"sign", "sign(x) in Delta_2: one limit, never certified at 0", cmd_sign},
    {"rank", "the rank of a matrix from entry oracles: Sigma_1, never overestimated", cmd_rank},
    {"argmin", "LASSO/BP minimisers: breakdown epsilons and generalised hardness", cmd_argmin},
    {"spectrum", "eigenvalues (Delta_1) and spectra of infinite operators", kd_cli_sci_spectrum},
    {"classes", "the table of classes, with the proofs-notes that prove them", cmd_classes},
};

static void
help_sci(FILE * f)
{
    kd_cli_help(f, kd_help_sci, NULL, NULL);
}

int
kd_cmd_sci(int argc, char ** argv)
{
    size_t i;
    if (argc < 2)
        return kd_cli_usage("sci", "a subcommand is needed: positive, sign, rank, argmin, "
                            "spectrum or classes");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0
        || strcmp(argv[1], "help") == 0)
    {
        help_sci(stdout);
        return 0;
    }
    for (i = 0; i < sizeof subs / sizeof subs[0]; i++)
        if (strcmp(argv[1], subs[i].name) == 0)
            return subs[i].run(argc - 1, argv + 1);
    return kd_cli_usage("sci", "unknown subcommand '%s'", argv[1]);
}
