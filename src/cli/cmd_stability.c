/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits stability: the worst-case perturbation search on a
   reconstruction map and the certified sandwich around it; kdigits kernel:
   the exact kernel of a rational A (kdigits/stability.h). */
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "kdigits/stability.h"
#include "kdigits/builtin.h"

static void
help(void)
{
    kd_cli_help(stdout, kd_help_stability, NULL, NULL);
}

typedef struct
{
    kd_stab_setup_struct * S;
    kd_stab_opts_struct * o;
}
stab_args;

static int
parse_d(double * out, const char * s, const char * opt)
{
    char * end;
    double v = strtod(s, &end);
    if (*s == '\0' || *end != '\0')
    {
        kd_cli_usage("stability", "%s expects a number, got '%s'", opt, s);
        return -1;
    }
    *out = v;
    return 1;
}

static int
own(int c, const char * arg, void * data)
{
    stab_args * a = data;
    slong v;
    switch (c)
    {
        case 'N':
            if (kd_stab_kind_parse(&a->S->kind, arg) != KD_OK)
                return kd_cli_usage("stability", "%s", kd_error_message()), -1;
            return 1;
        case 'u':
            if (kd_stab_subspace_parse(&a->o->subspace, arg) != KD_OK)
                return kd_cli_usage("stability", "%s", kd_error_message()), -1;
            return 1;
        case 'K': return kd_cli_parse_slong(&a->S->K, arg, "stability", "--K", 2, 12) ? 1 : -1;
        case 'A': a->S->matrix = arg; return 1;
        case 'x': a->S->signal = arg; return 1;
        case 'w': a->S->net_file = arg; return 1;
        case 'l': return parse_d(&a->o->lambda, arg, "--lambda");
        case 'e': return parse_d(&a->o->step, arg, "--step");
        case 'g': return parse_d(&a->o->momentum, arg, "--momentum");
        case 'T': return parse_d(&a->o->threshold, arg, "--threshold");
        case 'P': return parse_d(&a->S->fn_lambda, arg, "--p3-lambda");
        case 'I': return parse_d(&a->S->ista_lambda, arg, "--ista-lambda");
        case 'V':
            if (strcmp(arg, "amplification") != 0 && strcmp(arg, "lipschitz") != 0)
                return kd_cli_usage("stability", "--verdict-on expects amplification or "
                                    "lipschitz, got '%s'", arg), -1;
            a->o->lipschitz_verdict = arg[0] == 'l';
            return 1;
        case 's': return kd_cli_parse_slong(&a->o->steps, arg, "stability", "--steps", 1, 1000000) ? 1 : -1;
        case 'S':
            if (!kd_cli_parse_slong(&v, arg, "stability", "--seed", 0, WORD_MAX))
                return -1;
            a->o->seed = (ulong) v;
            return 1;
        case 'L': return kd_cli_parse_slong(&a->S->layers, arg, "stability", "--layers", 1, 1000) ? 1 : -1;
        case 'R': return kd_cli_parse_slong(&a->S->train_R, arg, "stability", "--train-samples", 2, 1000000) ? 1 : -1;
        case 'E': return kd_cli_parse_slong(&a->S->epochs, arg, "stability", "--epochs", 1, 100000) ? 1 : -1;
        case 'r': return kd_cli_parse_slong(&a->S->fn_n, arg, "stability", "--restarts", 1, 10000) ? 1 : -1;
        case 'i': return kd_cli_parse_slong(&a->S->fn_p, arg, "stability", "--inner", 1, 10000) ? 1 : -1;
        default: return 0;
    }
}

static void
progress(void * data, slong step, slong steps, double rn, double dn, double ratio)
{
    (void) data;
    kd_cli_progress("stability", step + 1, steps, "||r|| = %.6g  ||Psi(y+Ar)-Psi(y)|| = %.6g  "
                    "ratio = %.6g (double, not certified)", rn, dn, ratio);
}

static void
print_ball(const char * label, const arb_t b)
{
    char * s;
    if (!arb_is_finite(b))
    {
        printf("  %-44s not available\n", label);
        return;
    }
    s = kd_arb_get_str_pm(b, 8);
    printf("  %-44s %s\n", label, s);
    flint_free(s);
}

static void
print_text(const kd_stab_run_t T, const kd_stab_setup_t S)
{
    const kd_stab_result_struct * R = T->R;
    const double * lg = R->log + 4 * (R->steps - 1);
    if (S->matrix == NULL)
        printf("Stability of %s on Omega_%ld (P3, lambda = 1, N1 = 2, N2 = 20, DCT;\n"
               "  column 2 raised at level n = %ld): m = %ld, N = %ld.\n",
               kd_stab_kind_name(T->F->kind), S->K, S->n, T->F->m, T->F->N);
    else
        printf("Stability of %s on %s: m = %ld, N = %ld.\n", kd_stab_kind_name(T->F->kind),
               S->matrix, T->F->m, T->F->N);
    if (T->phantom_n > 0)
        printf("Signal x: %s of the phantom (%ld x %ld), as doubles; y = A x at level 80.\n",
               T->phantom_levels > 0 ? "the Haar coefficients" : "the pixels", T->phantom_n,
               T->phantom_n);
    if (T->train_mse > 0)
        printf("LISTA trained here: training MSE %.3g, validation MSE %.3g (double).\n",
               T->train_mse, T->val_mse);
    printf("Search (gradient ascent with momentum, double, not certified): %ld steps;\n"
           "  last step: ||r|| = %.6g, ||Psi(y+Ar) - Psi(y)|| = %.6g, ratio = %.6g\n",
           R->steps, lg[0], lg[1], lg[2]);
    printf("Certified at the exact perturbation e (A r rounded to dyadics):\n");
    print_ball("||Psi(y+e) - Psi(y)||", R->dpsi);
    print_ball("||e||", R->enorm);
    print_ball("Lipschitz lower bound ||dPsi||/||e||", R->lip_lower);
    print_ball(T->F->kind == KD_STAB_EXACT_P3 ? "Lipschitz upper bound (pattern region of y)"
               : "Lipschitz upper bound (layer norms)", R->lip_upper);
    if (R->upper_reason != NULL)
        printf("    (upper bound: %s)\n", R->upper_reason);
    print_ball("least ||r|| with A r = e (||A^+ e||)", R->rnorm_min);
    print_ball("amplification lower ||dPsi||/||A^+ e||", R->amp_lower);
    print_ball("amplification upper (Lip ||A||_2)", R->amp_upper);
    printf("Verdict (%s vs threshold %g): %s",
           R->lipschitz_verdict ? "Lipschitz constant" : "amplification", R->threshold,
           kd_stab_verdict_name(R->verdict));
    if (R->reason != NULL)
        printf(" (%s)", R->reason);
    printf("\n");
}

static json_t *
result_json(const kd_stab_run_t T, const kd_stab_opts_t so)
{
    json_t * j = kd_stab_result_json(T->R, T->F, so), * s;
    if (T->phantom_n > 0)
    {
        s = json_object();
        json_object_set_new(s, "phantom_side", json_integer(T->phantom_n));
        json_object_set_new(s, "haar_levels", json_integer(T->phantom_levels));
        json_object_set_new(s, "description", json_string(T->phantom_levels > 0
            ? "the Haar coefficients of kd_conv_phantom, as doubles" : "kd_conv_phantom"));
        json_object_set_new(j, "signal", s);
    }
    return j;
}

int
kd_cmd_stability(int argc, char ** argv)
{
    static const struct option opts[] = {
        {"net", required_argument, NULL, 'N'},
        {"K", required_argument, NULL, 'K'},
        {"matrix", required_argument, NULL, 'A'},
        {"signal", required_argument, NULL, 'x'},
        {"load-net", required_argument, NULL, 'w'},
        {"lambda", required_argument, NULL, 'l'},
        {"step", required_argument, NULL, 'e'},
        {"momentum", required_argument, NULL, 'g'},
        {"steps", required_argument, NULL, 's'},
        {"seed", required_argument, NULL, 'S'},
        {"subspace", required_argument, NULL, 'u'},
        {"threshold", required_argument, NULL, 'T'},
        {"p3-lambda", required_argument, NULL, 'P'},
        {"ista-lambda", required_argument, NULL, 'I'},
        {"verdict-on", required_argument, NULL, 'V'},
        {"layers", required_argument, NULL, 'L'},
        {"train-samples", required_argument, NULL, 'R'},
        {"epochs", required_argument, NULL, 'E'},
        {"restarts", required_argument, NULL, 'r'},
        {"inner", required_argument, NULL, 'i'},
        KD_CLI_LONGOPTS_COMMON,
        {NULL, 0, NULL, 0}};
    kd_stab_setup_t S;
    kd_stab_opts_t so;
    stab_args a;
    kd_cli_opts o;
    kd_stab_run_t T;
    kd_status st;
    int r, ret = 0;

    kd_stab_setup_init(S);
    kd_stab_opts_init(so);
    a.S = S;
    a.o = so;
    kd_cli_opts_init(&o, 0);
    if ((r = kd_cli_getopt(&o, argc, argv, opts, "stability", own, &a, help)) != 0)
        return KD_CLI_GETOPT_EXIT(r);
    if (o.levels != NULL)
    {
        if (o.nlevels != 1 || o.levels[0] > 200)
        {
            kd_cli_opts_clear(&o);
            return kd_cli_usage("stability", "--n takes one level in 0..200");
        }
        S->n = o.levels[0];
    }
    so->progress = progress;
    kd_stab_run_init(T);
    st = kd_stab_run(T, S, so);
    if (st != KD_OK)
        ret = kd_cli_fail("stability", st);
    else if (o.fmt == KD_FMT_JSON)
        ret = kd_json_print(result_json(T, so));
    else if (o.fmt == KD_FMT_CSV)
        ret = kd_csv_print_json(result_json(T, so));
    else
        print_text(T, S);
    kd_stab_run_clear(T);
    kd_cli_opts_clear(&o);
    return ret;
}

static void
help_kernel(void)
{
    kd_cli_help(stdout, kd_help_kernel, NULL, NULL);
}

typedef struct
{
    const char * path;
    int hallucinate;
    kd_stab_halluc_opts_struct * h;
}
kernel_args;

static int
own_kernel(int c, const char * arg, void * data)
{
    kernel_args * a = data;
    slong v;
    switch (c)
    {
        case 'A': a->path = arg; a->h->matrix = arg; return 1;
        case 'H': a->hallucinate = 1; return 1;
        case 'L': return kd_cli_parse_slong(&a->h->layers, arg, "kernel", "--layers", 1, 1000) ? 1 : -1;
        case 'R': return kd_cli_parse_slong(&a->h->train_R, arg, "kernel", "--train-samples", 2, 1000000) ? 1 : -1;
        case 'E': return kd_cli_parse_slong(&a->h->epochs, arg, "kernel", "--epochs", 1, 100000) ? 1 : -1;
        case 't': return kd_cli_parse_slong(&a->h->tests, arg, "kernel", "--tests", 1, 100000) ? 1 : -1;
        case 'S':
            if (!kd_cli_parse_slong(&v, arg, "kernel", "--seed", 0, WORD_MAX))
                return -1;
            a->h->seed = (ulong) v;
            return 1;
        default: return 0;
    }
}

static void
print_fmpq_d(const char * label, const fmpq_t q)
{
    printf("  %-44s %.8g\n", label, fmpq_get_d(q));
}

/* kdigits kernel --hallucinate */
static int
hallucinate(const kd_stab_halluc_opts_t h, kd_cli_format fmt)
{
    kd_stab_halluc_t H;
    kd_status st;
    int ret = 0;
    char * s;
    kd_stab_halluc_init(H);
    st = kd_stab_hallucinate(H, h, 128);
    if (st != KD_OK)
        ret = kd_cli_fail("kernel", st);
    else if (fmt == KD_FMT_JSON)
        ret = kd_json_print(kd_stab_halluc_json(H));
    else if (fmt == KD_FMT_CSV)
        ret = kd_csv_print_json(kd_stab_halluc_json(H));
    else
    {
        printf("Hallucination: LISTA (%ld layers) trained on x = z + k, z %ld-sparse, k in ker(A)\n"
               "  (A %ld x %ld, A k = 0 exactly); tested on %ld signals x = z without k.\n",
               h->layers, h->s, H->m, H->N, H->tests);
        printf("Training MSE (double): with the detail %.3g, control without it %.3g.\n",
               H->train_mse, H->control_mse);
        printf("Score c = <Psi(A x) - x, k>/||k||^2, exact rationals (Psi evaluated in Q;\n"
               "  shown rounded, exact in --format json); c = 1: k reproduced in full:\n");
        print_fmpq_d("trained with the detail: mean", H->c_mean);
        print_fmpq_d("trained with the detail: min", H->c_min);
        print_fmpq_d("trained with the detail: max", H->c_max);
        print_fmpq_d("control (trained without it): mean", H->cc_mean);
        print_fmpq_d("control: min", H->cc_min);
        print_fmpq_d("control: max", H->cc_max);
        s = kd_arb_get_str_pm(H->err_lower + 0, 8);
        printf("  %-44s %s\n", "||Psi(A x) - x|| >= |c| ||k|| (test 1)", s);
        flint_free(s);
        s = kd_arb_get_str_pm(H->half_norm, 8);
        printf("Every map errs by at least ||k||/2 = %s on x or on x + k.\n", s);
        flint_free(s);
    }
    kd_stab_halluc_clear(H);
    return ret;
}

int
kd_cmd_kernel(int argc, char ** argv)
{
    static const struct option opts[] = {
        {"matrix", required_argument, NULL, 'A'},
        {"hallucinate", no_argument, NULL, 'H'},
        {"layers", required_argument, NULL, 'L'},
        {"train-samples", required_argument, NULL, 'R'},
        {"epochs", required_argument, NULL, 'E'},
        {"tests", required_argument, NULL, 't'},
        {"seed", required_argument, NULL, 'S'},
        KD_CLI_LONGOPTS_COMMON, {NULL, 0, NULL, 0}};
    kd_stab_halluc_opts_t h;
    kernel_args a;
    kd_cli_opts o;
    kd_mat_t A;
    kd_stab_kernel_t K;
    kd_status st;
    int r, ret = 0;
    slong i, c;

    kd_stab_halluc_opts_init(h);
    a.path = NULL;
    a.hallucinate = 0;
    a.h = h;
    kd_cli_opts_init(&o, 0);
    if ((r = kd_cli_getopt(&o, argc, argv, opts, "kernel", own_kernel, &a, help_kernel)) != 0)
        return KD_CLI_GETOPT_EXIT(r);
    if (a.hallucinate)
    {
        ret = hallucinate(h, o.fmt);
        kd_cli_opts_clear(&o);
        return ret;
    }
    if (a.path == NULL)
    {
        kd_cli_opts_clear(&o);
        return kd_cli_usage("kernel", "--matrix is needed (FILE.mtx or builtin:NAME)");
    }
    kd_mat_init(A, 0, 0);
    kd_stab_kernel_init(K);
    st = kd_builtin_load(A, a.path);
    if (st == KD_OK)
        st = kd_stab_kernel(K, A, 128);
    if (st != KD_OK)
        ret = kd_cli_fail("kernel", st);
    else if (o.fmt == KD_FMT_JSON)
        ret = kd_json_print(kd_stab_kernel_json(K));
    else if (o.fmt == KD_FMT_CSV)
        ret = kd_csv_print_json(kd_stab_kernel_json(K));
    else
    {
        if (K->algebraic)
            printf("ker(A), A %ld x %ld: dimension %ld (exact basis in Q(zeta_%ld), A k = 0 "
                   "checked exactly there: %s)\n", K->m, K->N, K->dim, K->L,
                   kd_truth_name(K->verified));
        else
            printf("ker(A), A %ld x %ld: dimension %ld (exact basis, A k = 0 checked in Q: %s)\n",
                   K->m, K->N, K->dim, kd_truth_name(K->verified));
        for (c = 0; c < K->dim; c++)
        {
            printf("  k_%ld = (", c + 1);
            for (i = 0; i < K->N; i++)
            {
                char * s = kd_stab_kernel_entry_str(K, i, c);
                printf("%s%s", i ? ", " : "", s);
                flint_free(s);
            }
            printf(")\n");
        }
        if (K->dim > 0)
        {
            char * s = kd_arb_get_str_pm(K->half_norm, 8);
            printf("Every map Psi errs by at least ||k_1||/2 = %s on x or on x + k_1\n"
                   "(A x = A (x + k_1) exactly, for every x).\n", s);
            flint_free(s);
        }
    }
    kd_stab_kernel_clear(K);
    kd_mat_clear(A);
    kd_cli_opts_clear(&o);
    return ret;
}
