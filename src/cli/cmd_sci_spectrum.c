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

/* ================================================= (a) Hermitian matrices */

static int
run_hermitian(const sp_args * a, kd_cli_opts * o)
{
    static const slong def[3] = {10, 30, 60};
    const char * name = a->A != NULL ? a->A : a->builtin;
    kd_mat_t M;
    kd_spectrum_hermitian_run_t R;
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
    else if ((st = kd_spectrum_hermitian_run_write(stdout, R, name, a->points < 0
                                                   ? POINTS_DEFAULT : a->points,
                                                   o->fmt == KD_FMT_CSV)) != KD_OK)
        ret = kd_cli_fail(CMD, st);
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
    else
        st = kd_spectrum_tower_write(stdout, S, H, p.laplacian, p.lam, p.om, p.th, k,
                                     o->fmt == KD_FMT_CSV);
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
