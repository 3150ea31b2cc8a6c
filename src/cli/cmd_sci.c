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

/* "0,1,2" or "0,1,...,50" for long lists */
static void
levels_text(char * buf, size_t size, const slong * v, slong n)
{
    size_t used = 0;
    slong i;
    buf[0] = '\0';
    if (n == 0)
    {
        snprintf(buf, size, "none");
        return;
    }
    for (i = 0; i < n && used < size; i++)
    {
        if (n > 4 && i == 2)
        {
            used += snprintf(buf + used, size - used, ",...");
            i = n - 1;
        }
        used += snprintf(buf + used, size - used, "%s%ld", i ? "," : "", v[i]);
    }
}

static const char *
tv(kd_truth t)
{
    return t == KD_TRUE ? "yes" : t == KD_FALSE ? "NO" : "unknown";
}

/* ------------------------------------------------------------ the
   adversary's runs of positive, sign and rank (computed by kd_sci_demo_*) */

static void
adversary_text(const kd_sci_demo_t D)
{
    slong i, k;
    char lv[128], x1[64], ans[32];
    const char * inst0 = kd_sci_demo_zero_str(D);

    printf("  %-31s %4s %5s  %-14s %-7s %-18s %s\n", "algorithm", "L", "reads", "levels read",
           "answer", "wrong on", "answers valid for both");
    for (k = 0; k < D->nL; k++)
        for (i = 0; i < D->nalgs; i++)
        {
            const kd_sci_adv_struct * res = D->adv + k * D->nalgs + i;
            const char * alg = D->algs[i].name;
            kd_sci_adv_instance_str(x1, sizeof x1, D, res);
            kd_sci_adv_answer_str(ans, sizeof ans, D, res);
            levels_text(lv, sizeof lv, res->levels, res->nreads);
            printf("  %-31s %4ld %5ld  %-14s %-7s %-18s %s (exact)\n", alg, D->L[k],
                   res->nreads, lv, ans, res->wrong_on == 0 ? inst0 : x1, tv(res->consistent));
        }
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

/* The part that positive and sign share: the head (text lines or JSON
   fields) and the rows n, q_n, Gamma_n, certified, reads of the demo's
   tower run. yes_no: Gamma is yes/no (else a sign -1/0/+1). *root is
   created for JSON. */
typedef struct
{
    const char * title;         /* the first text line */
    const char * tower_text;    /* how Gamma_n is defined (text, may span lines) */
    const char * certainty;     /* what a certified value proves (JSON) */
    int yes_no;
}
real_view;

static void
real_tower_rows(const kd_cli_opts * o, const real_view * V, const kd_sci_demo_t D,
                const sci_args * a, const char * truth)
{
    const kd_tower_run_struct * R = &D->R;
    slong i;

    if (o->fmt == KD_FMT_CSV)
        printf("n,q_n,Gamma,certified,reads\n");
    else
    {
        printf("%s\n", V->title);
        printf("x = %s   (%s oracle; sign by evaluation: %s)\n\n", a->x,
               a->seeded ? "seeded random valid" : "nearest-rounding", truth);
        printf("%s\n", V->tower_text);
        printf("  %6s  %-24s %-8s %s\n", "n", "q_n (decimal, rounded)", "Gamma_n", "certain");
    }
    for (i = 0; i < R->count; i++)
    {
        const kd_tower_out_struct * out = R->out + i;
        const char * vname = V->yes_no ? kd_sci_yes_no(out->value) : kd_sci_sign_name(out->value);
        char * dec = kd_fmpq_get_decimal(D->q + i, 10);
        if (o->fmt == KD_FMT_CSV)
        {
            char * qs = kd_fmpq_get_str(D->q + i), vs[32];
            snprintf(vs, sizeof vs, "%ld", out->value);
            printf("%ld,%s,%s,%s,%ld\n", R->levels[0][i], qs, V->yes_no ? vname : vs,
                   out->certified ? "true" : "false", out->nreads);
            flint_free(qs);
        }
        else
            printf("  %6ld  %-24s %-8s %s\n", R->levels[0][i], dec, vname,
                   out->certified ? (out->value > 0 ? "x > 0 proved" : "x < 0 proved") : "-");
        flint_free(dec);
    }
}

/* The sign's adversarial inputs 0, +-2^-N as a grid. */
static void
sign_family_text(const kd_sci_demo_t D, const kd_cli_opts * o)
{
    slong i, j;
    char lab[64];
    printf("\nAdversarial inputs (* = certified):\n  %6s ", "n");
    for (j = 0; j < D->nfam; j++)
    {
        if (j == 0)
            snprintf(lab, sizeof lab, "x = 0");
        else
            kd_sci_pow2_str(lab, sizeof lab, D->famN[(j - 1) / 2], (j % 2) ? 1 : -1);
        printf(" %9s", lab);
    }
    printf("\n");
    for (i = 0; i < o->nlevels; i++)
    {
        printf("  %6ld ", o->levels[i]);
        for (j = 0; j < D->nfam; j++)
        {
            const kd_tower_out_struct * out = D->fam[j].out + i;
            snprintf(lab, sizeof lab, "%s%s", kd_sci_sign_name(out->value),
                     out->certified ? "*" : "");
            printf(" %9s", lab);
        }
        printf("\n");
    }
}

/* The head and rows of sci rank: the matrix, the truth (exact rank, full
   rank or a certified lower bound) and n, Gamma_n, certified, reads. */
static void
rank_rows(kd_cli_format fmt, const kd_sci_demo_t D, const sci_args * a, const char * src)
{
    slong i;
    char truth[512];
    kd_sci_demo_truth(truth, sizeof truth, D);
    if (fmt == KD_FMT_CSV)
        printf("n,Gamma,certified,reads\n");
    else
    {
        printf("rank(A) from an oracle: level n is a dyadic A_n with ||A_n - A||_2 <= 2^-n.\n");
        printf("A = %s (%ld x %ld%s), %s oracle; %s\n\n", src, D->r, D->c,
               D->is_complex ? ", complex" : "",
               a->seeded ? "seeded random valid" : "nearest-rounding", truth);
        printf("Sigma_1 tower: Gamma_n = #{singular values of A_n > 2^-n}, exact; "
               "rank(A) >= Gamma_n\n");
        printf("  %6s  %-8s %-16s %s\n", "n", "Gamma_n", "certain", "reads");
    }
    for (i = 0; i < D->R.count; i++)
    {
        const kd_tower_out_struct * out = D->R.out + i;
        slong n = D->R.levels[0][i];
        char c[64];
        snprintf(c, sizeof c, "rank >= %ld", out->value);
        if (fmt == KD_FMT_CSV)
            printf("%ld,%ld,%s,%ld\n", n, out->value, out->certified ? "true" : "false",
                   out->nreads);
        else
            printf("  %6ld  %-8ld %-16s %ld\n", n, out->value, c, out->nreads);
    }
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
    real_view V;
    const char * adv_intro;     /* text before the adversary's table (rank: the
                                   shape is filled in) */
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
    {
        ret = kd_json_print(kd_sci_demo_json(D, rank ? src : a.x, a.seeded, (ulong) a.seed,
                                             rank ? "rank(A) >= Gamma_n, proved" : C->V.certainty));
        goto out;
    }
    if (rank)
        rank_rows(o.fmt, D, &a, src);
    else
    {
        char truth[160];
        kd_sci_demo_truth(truth, sizeof truth, D);
        real_tower_rows(&o, &C->V, D, &a, truth);
    }
    if (o.fmt == KD_FMT_TEXT)
    {
        if (sign)
            sign_family_text(D, &o);
        printf(C->adv_intro, D->r, D->c);
        adversary_text(D);
        putchar('\n');
        kd_write_wrapped(stdout, D->explanation, 78);
    }
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
        {"1/3 - 0.3333", "0,10,50", 0, 0, NULL, NULL, NULL}, own_positive, help_positive,
        {"Deciding x > 0 from an oracle: level n is a dyadic q_n with |q_n - x| <= 2^-n.",
         "Sigma_1 tower: Gamma_n = yes if q_n > 2^-n (certain: x >= q_n - 2^-n > 0),\n"
         "               no otherwise (never certain)",
         "a yes proves x > 0; a no proves nothing", 1},
        "\nAdversary: every read is answered with 0 (valid for x = 0); when the algorithm\n"
        "halts after reading levels <= L, x = 2^-(L+1) is revealed (valid too):\n",
        };
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
        {"sqrt(2) - 99/70", "0,10,50", 0, 0, NULL, "10,30", NULL}, own_sign, help_sign,
        {"sign(x) from an oracle: level n is a dyadic q_n with |q_n - x| <= 2^-n.",
         "Delta_2 tower: Gamma_n = sign(q_n) if |q_n| > 2^-n (certain), else 0 (never "
         "certain)",
         "a non-zero value is the sign, proved; 0 proves nothing", 0},
        "\nAdversary: reads answered with 0 (valid for x = 0), then x = 2^-(L+1) revealed:\n",
        };
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
        {NULL, "0,10,50", 0, 0, NULL, NULL, "lasso:2^-12"}, own_rank, help_rank,
        {NULL, NULL, NULL, 0},
        "\nAdversary: reads answered with the zero %ld x %ld matrix (rank 0), then\n"
        "2^-(L+1) e1 e1^T (rank 1) revealed:\n"};
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

/* 1. the LASSO-probe class */
static void
argmin_lasso(const kd_sci_argmin_t R, const char * lambda)
{
    char * s1, * s2, * s3, * s4;
    slong i;

    printf("1. The LASSO-probe class (lasso-probe.md, MATLAB convention, Lambda = %s):\n"
           "   A_delta -> A_0 and its mirror -> A_0, but the minimisers B* = (0, c) and\n"
           "   W = (c, 0), c = 1 - sqrt(3) Lambda, stay apart. The adversary answers level k\n"
           "   with A_0 rounded at level k+1; delta = 2^-(n+3) keeps both instances valid.\n",
           lambda);
    if (R->nlevels > 0)
    {
        s1 = kd_arb_get_str_pm(arb_mat_entry(&R->lasso[0].Bstar, 1, 0), 10);
        s2 = kd_arb_get_str_pm(&R->lasso[0].kappa, 10);
        printf("   c = %s (B* certified at every delta below),\n"
               "   kappa = ||B* - W|| = sqrt(2) c = %s\n", s1, s2);
        flint_free(s1);
        flint_free(s2);
    }
    printf("  %4s %-9s %-16s %-10s %-8s %-24s %s\n", "n", "delta", "||A_d - mirror||",
           "valid k<=n", "B* cert.", "eps_B = kappa/2", "midpoint error (B*, W)");
    for (i = 0; i < R->nlevels; i++)
    {
        const kd_sci_lasso_row_struct * row = R->lasso + i;
        char dl[32];
        kd_sci_pow2_str(dl, sizeof dl, R->levels[i] + 3, 1);
        s1 = kd_arb_get_str_pm(&row->dist, 4);
        s3 = kd_arb_get_str_pm(&row->eps_b, 8);
        s4 = kd_arb_get_str_pm(row->mid_err + 0, 6);
        if (strstr(s1, " +/-"))
            *strstr(s1, " +/-") = '\0';     /* the closed form sqrt(12) delta: its digits suffice */
        printf("  %4ld %-9s %-16s %-10s %-8s %-24s %s (both)\n", R->levels[i], dl, s1,
               tv(row->consistent), tv(row->truth_cert), s3, s4);
        flint_free(s1);
        flint_free(s3);
        flint_free(s4);
        if (!arb_overlaps(row->mid_err + 0, row->mid_err + 1))
            printf("  (the two midpoint errors differ)\n");
    }
}

/* 2. the basis-pursuit gadget */
static void
argmin_bp(const kd_sci_argmin_t R)
{
    char * s1, * s2, * s3, * e0 = kd_fmpq_get_str(&R->eps0);
    slong i;

    printf("\n2. The basis-pursuit gadget of Omega_K, K = %ld (omega.h; N1 = 2, N2 = 1, DCT):\n"
           "   columns 0 and 1 raised by 2^-(n+1): indistinguishable at level n, minimisers\n"
           "   tau e_0 and tau e_1. eps(n) = tau/sqrt(2) increases to eps0 = %s.\n", R->K, e0);
    printf("  %4s %-15s %-26s %-26s %s\n", "n", "||A0-A1||<2^-n", "tau", "eps(n) = tau/sqrt(2)",
           "midpoint error (both)");
    flint_free(e0);
    for (i = 0; i < R->nlevels; i++)
    {
        const kd_sci_bp_row_struct * row = R->bp + i;
        s1 = kd_arb_get_str_pm(&row->tau, 10);
        s2 = kd_arb_get_str_pm(&row->eps, 10);
        s3 = kd_arb_get_str_pm(row->mid_err + 0, 8);
        printf("  %4ld %-15s %-26s %-26s %s\n", R->levels[i], tv(row->indist), s1, s2, s3);
        flint_free(s1);
        flint_free(s2);
        flint_free(s3);
    }
}

/* 3. and 4. as text */
static void
argmin_text_tail(const kd_sci_argmin_t R)
{
    char * e0 = kd_fmpq_get_str(&R->eps0), * e1 = kd_fmpq_get_str(&R->eps1), * s1;
    slong i;
    printf("\n3. The Omega_K adversary (tie data; proofs-notes/omega-k.md §3):\n");
    printf("  %-28s %5s %9s %-16s %-26s %-9s %s\n", "algorithm", "reads", "max level",
           "revealed (j, n)", "certified error", "> 10^-K", "answers valid");
    for (i = 0; i < 2; i++)
    {
        char rv[32];
        s1 = kd_arb_get_str_pm(&R->adv[i].err, 8);
        snprintf(rv, sizeof rv, "(%ld, %ld)", R->adv[i].revealed_j, R->adv[i].revealed_n);
        printf("  %-28s %5ld %9ld %-16s %-26s %-9s %s\n", R->adv_name[i], R->adv[i].reads,
               R->adv[i].max_level, rv, s1, tv(R->adv[i].wrong), tv(R->adv[i].consistent));
        flint_free(s1);
    }
    printf("\n4. Generalised hardness on Omega_K: eps0 = %s, eps1 = %s (exact).\n"
           "   10^-K < eps0: impossible (section 3). 10^-(K-1) in (eps0, eps1): reached by\n"
           "   reading until decided, with reads growing like n. 10^-(K-2) > eps1: one read.\n",
           e0, e1);
    printf("  %-26s %-12s %5s %-26s %s\n", "algorithm", "(scale,n,j)", "reads",
           "certified error", "<= target");
    for (i = 0; i < KD_SCI_ARGMIN_NGHA; i++)
    {
        const kd_sci_gha_run_struct * g = R->gha + i;
        char inst[32], tg[40];
        if (g->j == KD_OMEGA_TIE)
            snprintf(inst, sizeof inst, "(%ld, tie)", g->scale);
        else
            snprintf(inst, sizeof inst, "(%ld,%ld,%ld)", g->scale, g->n, g->j);
        snprintf(tg, sizeof tg, "%s (10^-%ld)", tv(g->ok), R->K - g->digits_lost);
        s1 = kd_arb_get_str_pm(&g->err, 6);
        printf("  %-26s %-12s %5ld %-26s %s\n", kd_sci_gha_run_name(g), inst, g->reads, s1, tg);
        flint_free(s1);
    }
    printf("  with at most %ld reads (undecided: a random column), %ld trials: fails to reach\n"
           "  10^-(K-1) on instance j=0 in %ld, on j=1 in %ld runs (one of the two in >= 1/2)\n",
           R->budget_reads, R->budget_trials, R->budget_fail[0], R->budget_fail[1]);
    putchar('\n');
    kd_write_wrapped(stdout, R->explanation, 78);
    flint_free(e0);
    flint_free(e1);
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
    else
    {
        argmin_lasso(R, a.lambda);
        argmin_bp(R);
        argmin_text_tail(R);
    }
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
    slong K = 3, i;
    arb_t e;
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
    arb_init(e);
    if (o.fmt == KD_FMT_CSV)
        printf("problem,class,value_name,value,command,functions,proof\n");
    else
        printf("The SCI hierarchy in kdigits (theory.md §9; K = %ld where a value depends on it)\n"
               "Delta_1: computable with error control; Sigma_1 / Pi_1: one limit, one-sided\n"
               "certainty; Delta_(k+1): a tower of height k; breakdown epsilon: the largest eps\n"
               "such that every algorithm errs by more than eps somewhere.\n", K);
    for (i = 0; i < kd_sci_class_count(); i++)
    {
        const kd_sci_class_struct * c = kd_sci_class_get(i);
        char * v = NULL;
        if (kd_sci_class_eps(e, i, K, PREC))
            v = kd_arb_get_str_pm(e, 10);
        if (o.fmt == KD_FMT_CSV)
        {
            const char * f[7];
            slong k;
            f[0] = c->problem;
            f[1] = c->sci_class;
            f[2] = c->value_name ? c->value_name : "";
            f[3] = v ? v : "";
            f[4] = c->command;
            f[5] = c->functions;
            f[6] = c->proof;
            for (k = 0; k < 7; k++)
            {
                kd_csv_write_field(stdout, f[k]);
                putchar(k < 6 ? ',' : '\n');
            }
        }
        else
        {
            printf("\n%2ld. %s\n    class: %s\n", i + 1, c->problem, c->sci_class);
            if (v)
                printf("    %s = %s (certified)\n", c->value_name, v);
            printf("    demo:  %s  [%s]\n    proof: %s\n", c->command, c->functions, c->proof);
        }
        flint_free(v);
    }
    arb_clear(e);
    kd_cli_opts_clear(&o);
    return 0;
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
