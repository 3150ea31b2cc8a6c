/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits sci spectrum: the two spectral examples of the SCI hierarchy
   (theory.md §9): Hermitian eigenvalues from level-n oracles (Δ₁) and the
   spectrum of a self-adjoint tridiagonal operator on l^2(Z) from finite
   sections (Σ₁); proofs-notes/sci-spectrum.md. */
#include <string.h>
#include "cli.h"
#include "kdigits/spectrum.h"
#include "kdigits/util.h"

#define CMD "sci spectrum"
/* working precision of the certified residuals of part (b) */
#define OP_PREC 128
#define POINTS_DEFAULT 24

static void
help(void)
{
    char t[32];
    snprintf(t, sizeof t, "%d", POINTS_DEFAULT);
    kd_cli_help(stdout, kd_help_sci_spectrum, "POINTS_DEFAULT", t);
}

typedef struct
{
    const char * A;
    const char * builtin;
    const char * op;
    const char * lambda;
    const char * omega;
    const char * theta;
    const char * tol;
    slong points;
    slong grid;
}
sp_args;

static int
own(int c, const char * arg, void * data)
{
    sp_args * a = data;
    switch (c)
    {
        case 'A': a->A = arg; return 1;
        case 'B': a->builtin = arg; return 1;
        case 'O': a->op = arg; return 1;
        case 'L': a->lambda = arg; return 1;
        case 'W': a->omega = arg; return 1;
        case 'T': a->theta = arg; return 1;
        case 'E': a->tol = arg; return 1;
        case 'K': return kd_cli_parse_slong(&a->points, arg, CMD, "--points", 0, WORD_MAX) ? 1 : -1;
        case 'G': return kd_cli_parse_slong(&a->grid, arg, CMD, "--grid", 0, 30) ? 1 : -1;
        default: return 0;
    }
}

/* ------------------------------------------------------------ helpers */

/* Indices of at most K of len items, spread evenly, first and last kept. */
static slong
sample_index(slong i, slong K, slong len)
{
    if (len <= K || K <= 1)
        return i;
    return (slong) ((double) i * (double) (len - 1) / (double) (K - 1) + 0.5);
}

/* ================================================= (a) Hermitian matrices */

static void
hermitian_text(const kd_spectrum_hermitian_run_t R, const char * name, slong K)
{
    slong i, j, last = R->nlevels - 1, shown = FLINT_MIN(K, R->N);
    mag_t arbrad, pw;
    mag_init(arbrad);
    mag_init(pw);
    printf("Eigenvalues of the Hermitian matrix %s (%ld x %ld, %s), Delta_1:\n", name, R->N, R->N,
           R->is_complex ? "complex Hermitian" : "real symmetric");
    printf("from the oracle's A_n (||A_n - A||_2 <= 2^-n), Weyl gives |lambda_j(A) - lambda_j(A_n)|"
           " <= 2^-n;\nArb encloses the eigenvalues of A_n, so each radius is 2^-n + the Arb radius.\n\n");
    printf("  %6s  %-14s  %-14s  %s\n", "n", "max radius", "2^-n", "Arb part");
    for (i = 0; i < R->nlevels; i++)
    {
        char * s1, * s2, * s3;
        mag_set_ui_2exp_si(pw, 1, -R->levels[i]);
        /* the Arb part: radius - 2^-n (rounded up) */
        mag_sub(arbrad, R->max_radius + i, pw);
        s1 = kd_mag_get_decimal(R->max_radius + i, 6);
        s2 = kd_mag_get_decimal(pw, 6);
        s3 = kd_mag_get_decimal(arbrad, 3);
        printf("  %6ld  %-14s  %-14s  <= %s\n", R->levels[i], s1, s2, s3);
        flint_free(s1);
        flint_free(s2);
        flint_free(s3);
    }
    printf("\nEnclosures at n = %ld (%ld of %ld shown; lambda_j(A) lies in each, proved):\n",
           R->levels[last], shown, R->N);
    for (i = 0; i < shown; i++)
    {
        char * mid, * r;
        j = sample_index(i, shown, R->N);
        kd_arb_get_decimal(&mid, &r, R->eig[last] + j, kd_json_level_digits(R->levels[last]));
        printf("  %5ld  %s +/- %s\n", j + 1, mid, r);
        flint_free(mid);
        flint_free(r);
    }
    printf("\nThe oracle was read once per level (levels");
    for (i = 0; i < R->nreads; i++)
        printf(" %ld", R->reads[i]);
    printf("). The error is controlled: asking for level n\n"
           "guarantees accuracy 2^-n (plus the tiny Arb radius, itself proved), for\n"
           "every Hermitian input; this is what Delta_1 means. Contrast: kdigits sci\n"
           "spectrum --operator almost-mathieu (Sigma_1).\n");
    mag_clear(arbrad);
    mag_clear(pw);
}

static int
run_hermitian(const sp_args * a, kd_cli_opts * o)
{
    static const slong def[3] = {10, 30, 60};
    const char * name = a->A != NULL ? a->A : a->builtin;
    kd_mat_t M;
    kd_spectrum_hermitian_run_t R;
    slong i, j;
    kd_status st;
    int ret = 0;

    kd_cli_opts_default_levels(o, def, 3);
    kd_mat_init(M, 0, 0);
    kd_spectrum_hermitian_run_init(R);
    st = a->builtin != NULL ? kd_builtin_mat(M, name) : kd_builtin_load(M, name);
    if (st == KD_OK)
        st = kd_spectrum_hermitian_levels(R, M, name, o->levels, o->nlevels, o->prec_cap);
    if (st != KD_OK)
        ret = kd_cli_fail(CMD, st);
    else if (o->fmt == KD_FMT_JSON)
        ret = kd_json_print(kd_spectrum_hermitian_run_json(R, name));
    else if (o->fmt == KD_FMT_CSV)
    {
        printf("n,j,mid,rad\n");
        for (i = 0; i < R->nlevels; i++)
            for (j = 0; j < R->N; j++)
            {
                char * mid, * r;
                kd_arb_get_decimal(&mid, &r, R->eig[i] + j, kd_json_level_digits(R->levels[i]));
                printf("%ld,%ld,%s,%s\n", R->levels[i], j + 1, mid, r);
                flint_free(mid);
                flint_free(r);
            }
    }
    else
        hermitian_text(R, name, a->points < 0 ? POINTS_DEFAULT : a->points);
    kd_spectrum_hermitian_run_clear(R);
    kd_mat_clear(M);
    return ret;
}

/* ============================================== (b) tridiagonal operators */

static kd_status
parse_real_opt(kd_real_t x, const char * s, const char * def, const char * opt)
{
    kd_status st = kd_real_parse(x, s != NULL ? s : def);
    if (st != KD_OK)
        kd_error_prefix("%s", opt);
    return st;
}

/* The operator's parameters, parsed (the laplacian is lambda = 0). */
typedef struct
{
    int laplacian;
    kd_real_t lam, om, th, tolx;
}
op_params;

/* One row of the text table: level i. */
static void
operator_text_row(const kd_spectrum_tower_t S, slong i)
{
    const kd_spectrum_level_struct * l = S->L + i;
    char * h = kd_spectrum_level_spacing_get_str(l), * mb = kd_mag_get_decimal(&l->max_bound, 4);
    char ext[128], ms[64];
    arf_t x, y;
    arf_init(x);
    arf_init(y);
    if (kd_spectrum_level_extent(x, y, l))
    {
        char * e1 = kd_spectrum_arf_get_decimal(x, 5, 1), * e2 = kd_spectrum_arf_get_decimal(y, 5, 0);
        snprintf(ext, sizeof ext, "[%s, %s]", e1, e2);
        flint_free(e1);
        flint_free(e2);
    }
    else
        strcpy(ext, "(no points)");
    if (i == S->nlevels - 1)
        strcpy(ms, "(finest level)");
    else if (!arf_is_finite(S->missed + i))
        strcpy(ms, "everything");
    else
    {
        char * e1 = kd_spectrum_arf_get_decimal(S->missed + i, 4, 1);
        snprintf(ms, sizeof ms, "%s", e1);
        flint_free(e1);
    }
    printf("  %6ld  %-7s  %7ld  %7ld  %-12s  %-26s  %s\n", l->n, h, l->grid_len, l->len,
           l->len ? mb : "-", ext, ms);
    flint_free(h);
    flint_free(mb);
    arf_clear(x);
    arf_clear(y);
}

static void
operator_text(const kd_spectrum_tower_t S, const kd_tridiag_op_t H, const op_params * p, slong K)
{
    const kd_spectrum_level_struct * l = S->L + S->nlevels - 1;
    slong i, shown = FLINT_MIN(K, l->len);
    char * s, * s2;
    if (p->laplacian)
        printf("Spectrum of the free Laplacian (Hx)_k = x_{k-1} + x_{k+1} on l^2(Z)"
               " (Sp(H) = [-2, 2]);\n");
    else
    {
        char * sl = kd_real_get_str(p->lam), * so = kd_real_get_str(p->om);
        char * st = kd_real_get_str(p->th);
        printf("Spectrum of the almost Mathieu operator on l^2(Z),\n"
               "(Hx)_k = x_{k-1} + x_{k+1} + 2 lambda cos(2 pi (omega k + theta)) x_k,\n"
               "lambda = %s, omega = %s, theta = %s;\n", sl, so, st);
        flint_free(sl);
        flint_free(so);
        flint_free(st);
    }
    s = kd_mag_get_decimal(&H->norm, 6);
    s2 = kd_fmpq_get_decimal(&S->hi, 6);
    printf("||H|| <= %s; grid 2^-e Z on [-%s, %s]; Sigma_1 tower from the sections k = -n..n.\n\n",
           s, s2, s2);
    flint_free(s);
    flint_free(s2);
    printf("  %6s  %-7s  %7s  %7s  %-12s  %-26s  %s\n", "n", "h", "grid", "points",
           "max bound", "certified extent", "missed (NOT certified)");
    for (i = 0; i < S->nlevels; i++)
        operator_text_row(S, i);
    printf("\nPoints of Gamma_%ld (%ld of %ld shown; all with --format json): dist(z, Sp(H))"
           " <= bound, proved\n", l->n, shown, l->len);
    printf("  %-16s  %s\n", "z (exact)", "bound");
    for (i = 0; i < shown; i++)
    {
        slong j = sample_index(i, shown, l->len);
        char * z = kd_spectrum_level_point_get_str(l, j), * b = kd_mag_get_decimal(l->bound + j, 6);
        printf("  %-16s  %s\n", z, b);
        flint_free(z);
        flint_free(b);
    }
    printf("\nCertified (Sigma_1): each printed z lies within its bound of Sp(H): the bound is\n"
           "||(H - z) v|| / ||v|| for a finitely supported v, evaluated in ball arithmetic\n"
           "with the exact coefficients, and dist(z, Sp(H)) <= ||(H - z) v|| / ||v|| for a\n"
           "self-adjoint H. Hence also inf Sp(H) <= the left and sup Sp(H) >= the right end\n"
           "of the 'certified extent'. As n grows and the grid refines, the points converge\n"
           "to Sp(H) in the Hausdorff metric. NOT certified: that the points have found all\n"
           "of Sp(H); no finite section can prove that parts of the spectrum are not still\n"
           "missing (the tower is Sigma_1, not Delta_1). The 'missed' column is only the\n"
           "distance from the finest level's points to this level's points.\n");
}

static int
run_operator(const sp_args * a, kd_cli_opts * o)
{
    static const slong def[3] = {16, 64, 256};
    op_params p;
    kd_tridiag_op_t H;
    kd_spectrum_tower_t S;
    arb_t tb;
    mag_t tol;
    slong i, k;
    kd_status st = KD_OK;
    int ret = 0, op_init = 0;

    p.laplacian = strcmp(a->op, "laplacian") == 0;
    if (!p.laplacian && strcmp(a->op, "almost-mathieu") != 0)
        return kd_cli_usage(CMD, "unknown operator '%s' (almost-mathieu or laplacian)", a->op);
    if (p.laplacian && (a->lambda != NULL || a->omega != NULL || a->theta != NULL))
        return kd_cli_usage(CMD, "--lambda, --omega, --theta do not apply to the laplacian"
                            " (it is almost-mathieu with lambda = 0)");
    for (i = 0; i < o->nlevels; i++)
        if (o->levels[i] < 1 || o->levels[i] > KD_SPECTRUM_SECTION_MAX)
            return kd_cli_usage(CMD, "--n: section half-width %ld is out of range [1, %d]",
                                o->levels[i], KD_SPECTRUM_SECTION_MAX);
    kd_cli_opts_default_levels(o, def, 3);
    kd_real_init(p.lam);
    kd_real_init(p.om);
    kd_real_init(p.th);
    kd_real_init(p.tolx);
    kd_spectrum_tower_init(S);
    arb_init(tb);
    mag_init(tol);
    if ((st = parse_real_opt(p.lam, p.laplacian ? "0" : a->lambda, "1", "--lambda")) != KD_OK
        || (st = parse_real_opt(p.om, a->omega, "(sqrt(5)-1)/2", "--omega")) != KD_OK
        || (st = parse_real_opt(p.th, a->theta, "0", "--theta")) != KD_OK
        || (st = parse_real_opt(p.tolx, a->tol, "1/2", "--tol")) != KD_OK)
        goto done;
    if ((st = kd_real_enclose(tb, p.tolx, 64, 0)) != KD_OK)
    {
        kd_error_prefix("--tol");
        goto done;
    }
    if (!arb_is_positive(tb))
    {
        ret = kd_cli_usage(CMD, "--tol must be > 0");
        goto done;
    }
    arb_get_mag(tol, tb);
    st = kd_tridiag_op_init_almost_mathieu(H, p.lam, p.om, p.th);
    op_init = 1;
    if (st == KD_OK)
        st = kd_spectrum_tower_run(S, H, o->levels, o->nlevels, a->grid, tol, OP_PREC);
    if (st != KD_OK)
        goto done;
    k = a->points < 0 ? POINTS_DEFAULT : a->points;
    if (o->fmt == KD_FMT_JSON)
        ret = kd_json_print(kd_spectrum_tower_json(S, H, p.laplacian, p.lam, p.om, p.th, p.tolx));
    else if (o->fmt == KD_FMT_CSV)
    {
        printf("n,z,bound\n");
        for (i = 0; i < S->nlevels; i++)
            for (k = 0; k < S->L[i].len; k++)
            {
                char * z = kd_spectrum_level_point_get_str(S->L + i, k);
                char * b = kd_mag_get_decimal(S->L[i].bound + k, 6);
                printf("%ld,%s,%s\n", S->L[i].n, z, b);
                flint_free(z);
                flint_free(b);
            }
    }
    else
        operator_text(S, H, &p, k);
done:
    if (st != KD_OK)
        ret = kd_cli_fail(CMD, st);
    if (op_init)
        kd_tridiag_op_clear(H);
    kd_spectrum_tower_clear(S);
    kd_real_clear(p.lam);
    kd_real_clear(p.om);
    kd_real_clear(p.th);
    kd_real_clear(p.tolx);
    arb_clear(tb);
    mag_clear(tol);
    return ret;
}


int
kd_cli_sci_spectrum(int argc, char ** argv)
{
    static const struct option opts[] = {
        {"A", required_argument, NULL, 'A'},
        {"builtin", required_argument, NULL, 'B'},
        {"operator", required_argument, NULL, 'O'},
        {"lambda", required_argument, NULL, 'L'},
        {"omega", required_argument, NULL, 'W'},
        {"theta", required_argument, NULL, 'T'},
        {"tol", required_argument, NULL, 'E'},
        {"points", required_argument, NULL, 'K'},
        {"grid", required_argument, NULL, 'G'},
        KD_CLI_LONGOPTS_COMMON,
        {NULL, 0, NULL, 0}};
    sp_args a = {NULL, NULL, NULL, NULL, NULL, NULL, NULL, -1, -1};
    kd_cli_opts o;
    int r, nsrc;

    kd_cli_opts_init(&o, 0);
    if ((r = kd_cli_getopt(&o, argc, argv, opts, CMD, own, &a, help)) != 0)
        return KD_CLI_GETOPT_EXIT(r);
    if (a.A == NULL && a.builtin == NULL && a.op == NULL)
        a.builtin = "tridiag:8";    /* a default input, as every command has */
    nsrc = (a.A != NULL) + (a.builtin != NULL) + (a.op != NULL);
    if (nsrc != 1)
        r = kd_cli_usage(CMD, "give only one of --A, --builtin and --operator");
    else if (a.op == NULL && (a.lambda != NULL || a.omega != NULL || a.theta != NULL
                              || a.tol != NULL || a.grid >= 0))
        r = kd_cli_usage(CMD, "--lambda, --omega, --theta, --tol and --grid need --operator");
    else if (a.op != NULL)
        r = run_operator(&a, &o);
    else
        r = run_hermitian(&a, &o);
    kd_cli_opts_clear(&o);
    return r;
}
