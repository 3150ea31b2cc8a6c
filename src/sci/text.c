/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The SCI demonstrations as text (JSON: kdigits/json.h): the towers of
   positive, sign and rank with the adversary's runs, the argmin
   demonstration and the table of classes, as `kdigits sci` prints them.
   These functions only format; kd_sci_demo_*, kd_sci_argmin_run and
   kd_sci_class_* computed everything. */
#include <string.h>
#include "kdigits/sci.h"
#include "kdigits/util.h"

static const char *
tv(kd_truth t)
{
    return t == KD_TRUE ? "yes" : t == KD_FALSE ? "NO" : "unknown";
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


/* What the text says about each demo's tower and adversary. */
typedef struct
{
    const char * title;         /* the first text line */
    const char * tower_text;    /* how Gamma_n is defined (text, may span lines) */
    const char * certainty;     /* what a certified value proves (JSON) */
    int yes_no;                 /* Gamma is yes/no (else a sign -1/0/+1) */
    const char * adv_intro;     /* text before the adversary's table (rank: the
                                   shape is filled in) */
}
demo_view;

static const demo_view views[3] = {
    {"Deciding x > 0 from an oracle: level n is a dyadic q_n with |q_n - x| <= 2^-n.",
     "Sigma_1 tower: Gamma_n = yes if q_n > 2^-n (certain: x >= q_n - 2^-n > 0),\n"
     "               no otherwise (never certain)",
     "a yes proves x > 0; a no proves nothing", 1,
     "\nAdversary: every read is answered with 0 (valid for x = 0); when the algorithm\n"
     "halts after reading levels <= L, x = 2^-(L+1) is revealed (valid too):\n"},
    {"sign(x) from an oracle: level n is a dyadic q_n with |q_n - x| <= 2^-n.",
     "Delta_2 tower: Gamma_n = sign(q_n) if |q_n| > 2^-n (certain), else 0 (never "
     "certain)",
     "a non-zero value is the sign, proved; 0 proves nothing", 0,
     "\nAdversary: reads answered with 0 (valid for x = 0), then x = 2^-(L+1) revealed:\n"},
    {NULL, NULL, "rank(A) >= Gamma_n, proved", 0,
     "\nAdversary: reads answered with the zero %ld x %ld matrix (rank 0), then\n"
     "2^-(L+1) e1 e1^T (rank 1) revealed:\n"}};

const char *
kd_sci_demo_certainty(const kd_sci_demo_t D)
{
    return views[D->kind].certainty;
}

static void
adversary_text(FILE * f, const kd_sci_demo_t D)
{
    slong i, k;
    char lv[128], x1[64], ans[32];
    const char * inst0 = kd_sci_demo_zero_str(D);

    fprintf(f, "  %-31s %4s %5s  %-14s %-7s %-18s %s\n", "algorithm", "L", "reads", "levels read",
            "answer", "wrong on", "answers valid for both");
    for (k = 0; k < D->nL; k++)
        for (i = 0; i < D->nalgs; i++)
        {
            const kd_sci_adv_struct * res = D->adv + k * D->nalgs + i;
            const char * alg = D->algs[i].name;
            kd_sci_adv_instance_str(x1, sizeof x1, D, res);
            kd_sci_adv_answer_str(ans, sizeof ans, D, res);
            levels_text(lv, sizeof lv, res->levels, res->nreads);
            fprintf(f, "  %-31s %4ld %5ld  %-14s %-7s %-18s %s (exact)\n", alg, D->L[k],
                    res->nreads, lv, ans, res->wrong_on == 0 ? inst0 : x1, tv(res->consistent));
        }
}

static void
real_tower_rows(FILE * f, int csv, const demo_view * V, const kd_sci_demo_t D,
                const char * x, int seeded, const char * truth)
{
    const kd_tower_run_struct * R = &D->R;
    slong i;

    if (csv)
        fprintf(f, "n,q_n,Gamma,certified,reads\n");
    else
    {
        fprintf(f, "%s\n", V->title);
        fprintf(f, "x = %s   (%s oracle; sign by evaluation: %s)\n\n", x,
                seeded ? "seeded random valid" : "nearest-rounding", truth);
        fprintf(f, "%s\n", V->tower_text);
        fprintf(f, "  %6s  %-24s %-8s %s\n", "n", "q_n (decimal, rounded)", "Gamma_n", "certain");
    }
    for (i = 0; i < R->count; i++)
    {
        const kd_tower_out_struct * out = R->out + i;
        const char * vname = V->yes_no ? kd_sci_yes_no(out->value) : kd_sci_sign_name(out->value);
        char * dec = kd_fmpq_get_decimal(D->q + i, 10);
        if (csv)
        {
            char * qs = kd_fmpq_get_str(D->q + i), vs[32];
            snprintf(vs, sizeof vs, "%ld", out->value);
            fprintf(f, "%ld,%s,%s,%s,%ld\n", R->levels[0][i], qs, V->yes_no ? vname : vs,
                    out->certified ? "true" : "false", out->nreads);
            flint_free(qs);
        }
        else
            fprintf(f, "  %6ld  %-24s %-8s %s\n", R->levels[0][i], dec, vname,
                    out->certified ? (out->value > 0 ? "x > 0 proved" : "x < 0 proved") : "-");
        flint_free(dec);
    }
}

/* The sign's adversarial inputs 0, +-2^-N as a grid. */
static void
sign_family_text(FILE * f, const kd_sci_demo_t D)
{
    slong i, j;
    char lab[64];
    fprintf(f, "\nAdversarial inputs (* = certified):\n  %6s ", "n");
    for (j = 0; j < D->nfam; j++)
    {
        if (j == 0)
            snprintf(lab, sizeof lab, "x = 0");
        else
            kd_sci_pow2_str(lab, sizeof lab, D->famN[(j - 1) / 2], (j % 2) ? 1 : -1);
        fprintf(f, " %9s", lab);
    }
    fprintf(f, "\n");
    for (i = 0; i < D->R.count; i++)
    {
        fprintf(f, "  %6ld ", D->R.levels[0][i]);
        for (j = 0; j < D->nfam; j++)
        {
            const kd_tower_out_struct * out = D->fam[j].out + i;
            snprintf(lab, sizeof lab, "%s%s", kd_sci_sign_name(out->value),
                     out->certified ? "*" : "");
            fprintf(f, " %9s", lab);
        }
        fprintf(f, "\n");
    }
}

/* The head and rows of sci rank: the matrix, the truth (exact rank, full
   rank or a certified lower bound) and n, Gamma_n, certified, reads. */
static void
rank_rows(FILE * f, int csv, const kd_sci_demo_t D, const char * src, int seeded)
{
    slong i;
    char truth[512];
    kd_sci_demo_truth(truth, sizeof truth, D);
    if (csv)
        fprintf(f, "n,Gamma,certified,reads\n");
    else
    {
        fprintf(f, "rank(A) from an oracle: level n is a dyadic A_n with ||A_n - A||_2 <= 2^-n.\n");
        fprintf(f, "A = %s (%ld x %ld%s), %s oracle; %s\n\n", src, D->r, D->c,
                D->is_complex ? ", complex" : "",
                seeded ? "seeded random valid" : "nearest-rounding", truth);
        fprintf(f, "Sigma_1 tower: Gamma_n = #{singular values of A_n > 2^-n}, exact; "
                "rank(A) >= Gamma_n\n");
        fprintf(f, "  %6s  %-8s %-16s %s\n", "n", "Gamma_n", "certain", "reads");
    }
    for (i = 0; i < D->R.count; i++)
    {
        const kd_tower_out_struct * out = D->R.out + i;
        slong n = D->R.levels[0][i];
        char c[64];
        snprintf(c, sizeof c, "rank >= %ld", out->value);
        if (csv)
            fprintf(f, "%ld,%ld,%s,%ld\n", n, out->value, out->certified ? "true" : "false",
                    out->nreads);
        else
            fprintf(f, "  %6ld  %-8ld %-16s %ld\n", n, out->value, c, out->nreads);
    }
}


kd_status
kd_sci_demo_write(FILE * f, const kd_sci_demo_t D, const char * input, int seeded, int csv)
{
    const demo_view * V = views + D->kind;
    if (D->kind == KD_SCI_DEMO_RANK)
        rank_rows(f, csv, D, input, seeded);
    else
    {
        char truth[160];
        kd_sci_demo_truth(truth, sizeof truth, D);
        real_tower_rows(f, csv, V, D, input, seeded, truth);
    }
    if (!csv)
    {
        if (D->kind == KD_SCI_DEMO_SIGN)
            sign_family_text(f, D);
        fprintf(f, V->adv_intro, D->r, D->c);
        adversary_text(f, D);
        fputc('\n', f);
        kd_write_wrapped(f, D->explanation, 78);
    }
    return ferror(f) ? kd_error_set(KD_ERR_IO, "error writing the output") : KD_OK;
}

/* 1. the LASSO-probe class */
static void
argmin_lasso(FILE * f, const kd_sci_argmin_t R, const char * lambda)
{
    char * s1, * s2, * s3, * s4;
    slong i;

    fprintf(f, "1. The LASSO-probe class (lasso-probe.md, MATLAB convention, Lambda = %s):\n"
            "   A_delta -> A_0 and its mirror -> A_0, but the minimisers B* = (0, c) and\n"
            "   W = (c, 0), c = 1 - sqrt(3) Lambda, stay apart. The adversary answers level k\n"
            "   with A_0 rounded at level k+1; delta = 2^-(n+3) keeps both instances valid.\n",
            lambda);
    if (R->nlevels > 0)
    {
        s1 = kd_arb_get_str_pm(arb_mat_entry(&R->lasso[0].Bstar, 1, 0), 10);
        s2 = kd_arb_get_str_pm(&R->lasso[0].kappa, 10);
        fprintf(f, "   c = %s (B* certified at every delta below),\n"
                "   kappa = ||B* - W|| = sqrt(2) c = %s\n", s1, s2);
        flint_free(s1);
        flint_free(s2);
    }
    fprintf(f, "  %4s %-9s %-16s %-10s %-8s %-24s %s\n", "n", "delta", "||A_d - mirror||",
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
        fprintf(f, "  %4ld %-9s %-16s %-10s %-8s %-24s %s (both)\n", R->levels[i], dl, s1,
                tv(row->consistent), tv(row->truth_cert), s3, s4);
        flint_free(s1);
        flint_free(s3);
        flint_free(s4);
        if (!arb_overlaps(row->mid_err + 0, row->mid_err + 1))
            fprintf(f, "  (the two midpoint errors differ)\n");
    }
}

/* 2. the basis-pursuit gadget */
static void
argmin_bp(FILE * f, const kd_sci_argmin_t R)
{
    char * s1, * s2, * s3, * e0 = kd_fmpq_get_str(&R->eps0);
    slong i;

    fprintf(f, "\n2. The basis-pursuit gadget of Omega_K, K = %ld (omega.h; N1 = 2, N2 = 1, DCT):\n"
            "   columns 0 and 1 raised by 2^-(n+1): indistinguishable at level n, minimisers\n"
            "   tau e_0 and tau e_1. eps(n) = tau/sqrt(2) increases to eps0 = %s.\n", R->K, e0);
    fprintf(f, "  %4s %-15s %-26s %-26s %s\n", "n", "||A0-A1||<2^-n", "tau", "eps(n) = tau/sqrt(2)",
            "midpoint error (both)");
    flint_free(e0);
    for (i = 0; i < R->nlevels; i++)
    {
        const kd_sci_bp_row_struct * row = R->bp + i;
        s1 = kd_arb_get_str_pm(&row->tau, 10);
        s2 = kd_arb_get_str_pm(&row->eps, 10);
        s3 = kd_arb_get_str_pm(row->mid_err + 0, 8);
        fprintf(f, "  %4ld %-15s %-26s %-26s %s\n", R->levels[i], tv(row->indist), s1, s2, s3);
        flint_free(s1);
        flint_free(s2);
        flint_free(s3);
    }
}

/* 3. and 4. as text */
static void
argmin_text_tail(FILE * f, const kd_sci_argmin_t R)
{
    char * e0 = kd_fmpq_get_str(&R->eps0), * e1 = kd_fmpq_get_str(&R->eps1), * s1;
    slong i;
    fprintf(f, "\n3. The Omega_K adversary (tie data; proofs-notes/omega-k.md §3):\n");
    fprintf(f, "  %-28s %5s %9s %-16s %-26s %-9s %s\n", "algorithm", "reads", "max level",
            "revealed (j, n)", "certified error", "> 10^-K", "answers valid");
    for (i = 0; i < 2; i++)
    {
        char rv[32];
        s1 = kd_arb_get_str_pm(&R->adv[i].err, 8);
        snprintf(rv, sizeof rv, "(%ld, %ld)", R->adv[i].revealed_j, R->adv[i].revealed_n);
        fprintf(f, "  %-28s %5ld %9ld %-16s %-26s %-9s %s\n", R->adv_name[i], R->adv[i].reads,
                R->adv[i].max_level, rv, s1, tv(R->adv[i].wrong), tv(R->adv[i].consistent));
        flint_free(s1);
    }
    fprintf(f, "\n4. Generalised hardness on Omega_K: eps0 = %s, eps1 = %s (exact).\n"
            "   10^-K < eps0: impossible (section 3). 10^-(K-1) in (eps0, eps1): reached by\n"
            "   reading until decided, with reads growing like n. 10^-(K-2) > eps1: one read.\n",
            e0, e1);
    fprintf(f, "  %-26s %-12s %5s %-26s %s\n", "algorithm", "(scale,n,j)", "reads",
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
        fprintf(f, "  %-26s %-12s %5ld %-26s %s\n", kd_sci_gha_run_name(g), inst, g->reads, s1, tg);
        flint_free(s1);
    }
    fprintf(f, "  with at most %ld reads (undecided: a random column), %ld trials: fails to reach\n"
            "  10^-(K-1) on instance j=0 in %ld, on j=1 in %ld runs (one of the two in >= 1/2)\n",
            R->budget_reads, R->budget_trials, R->budget_fail[0], R->budget_fail[1]);
    fputc('\n', f);
    kd_write_wrapped(f, R->explanation, 78);
    flint_free(e0);
    flint_free(e1);
}


kd_status
kd_sci_argmin_write(FILE * f, const kd_sci_argmin_t R, const char * lambda)
{
    argmin_lasso(f, R, lambda);
    argmin_bp(f, R);
    argmin_text_tail(f, R);
    return ferror(f) ? kd_error_set(KD_ERR_IO, "error writing the output") : KD_OK;
}

kd_status
kd_sci_classes_write(FILE * f, slong K, int csv, slong prec)
{
    arb_t e;
    slong i;
    arb_init(e);
    if (csv)
        fprintf(f, "problem,class,value_name,value,command,functions,proof\n");
    else
        fprintf(f, "The SCI hierarchy in kdigits (theory.md §9; K = %ld where a value depends on "
                "it)\nDelta_1: computable with error control; Sigma_1 / Pi_1: one limit, one-sided\n"
                "certainty; Delta_(k+1): a tower of height k; breakdown epsilon: the largest eps\n"
                "such that every algorithm errs by more than eps somewhere.\n", K);
    for (i = 0; i < kd_sci_class_count(); i++)
    {
        const kd_sci_class_struct * c = kd_sci_class_get(i);
        char * v = kd_sci_class_eps(e, i, K, prec) ? kd_arb_get_str_pm(e, 10) : NULL;
        if (csv)
        {
            const char * fl[7];
            slong k;
            fl[0] = c->problem;
            fl[1] = c->sci_class;
            fl[2] = c->value_name ? c->value_name : "";
            fl[3] = v ? v : "";
            fl[4] = c->command;
            fl[5] = c->functions;
            fl[6] = c->proof;
            for (k = 0; k < 7; k++)
            {
                kd_csv_write_field(f, fl[k]);
                fputc(k < 6 ? ',' : '\n', f);
            }
        }
        else
        {
            fprintf(f, "\n%2ld. %s\n    class: %s\n", i + 1, c->problem, c->sci_class);
            if (v)
                fprintf(f, "    %s = %s (certified)\n", c->value_name, v);
            fprintf(f, "    demo:  %s  [%s]\n    proof: %s\n", c->command, c->functions, c->proof);
        }
        flint_free(v);
    }
    arb_clear(e);
    return ferror(f) ? kd_error_set(KD_ERR_IO, "error writing the output") : KD_OK;
}
