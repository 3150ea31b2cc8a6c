/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits bp-probe: basis pursuit min ||x||_1 s.t. x1 + (1 + 2^-k) x2 = 1
   (or a given rational instance) solved exactly, and the real LP solvers
   (GLPK, QSopt_ex) run on the same exact LP file, each answer judged
   exactly against the truth and against the problem the solver read
   (kd_bp_probe_run); this file parses the options (the report is
   formatted by bp_probe_out.c). */
#include "bp_probe_out.h"

#define PEER_TIMEOUT 30.0
#define ERR_PREC 128

static void
help(void)
{
    printf(
        "usage: kdigits bp-probe [--k K | --A A.mtx --y y.mtx] [--peers LIST]\n"
        "                        [--format text|json]\n"
        "\n"
        "Basis pursuit  min ||x||_1  subject to  x1 + (1 + 2^-k) x2 = 1  (m = 1, N = 2).\n"
        "Exact answer: x* = (0, 2^k/(2^k + 1)), all mass on the larger coefficient; the\n"
        "other vertex (1, 0) has objective 1, worse by only 1/(2^k + 1). kdigits solves\n"
        "the LP exactly (rational simplex, dual certificate and uniqueness checked\n"
        "exactly), compares with the closed form, then runs the real solvers that are\n"
        "installed on the same LP (x = u - v, u, v >= 0, CPLEX LP format, coefficient\n"
        "written as its exact decimal) and judges each answer exactly.\n"
        "\n"
        "Why a floating-point simplex stops at (1, 0) and says OPTIMAL: at the basis\n"
        "{x1} the reduced cost of u2 is 1 - (1 + 2^-k) = -2^-k, inside the optimality\n"
        "tolerance (GLPK's default tol_dj = 1e-7; from k = 24 on with GLPK 5.0), so the\n"
        "method declares the wrong vertex optimal. GLPK --exact runs a rational\n"
        "simplex, but on the doubles glpsol stored: for k >= 53, 1 + 2^-k rounds to 1\n"
        "in double and the problem read is x1 + x2 = 1, whose minimisers are the whole\n"
        "segment from (1, 0) to (0, 1); moreover glp_exact turns each double into a\n"
        "nearby fraction within relative 1e-9 (GLPK's set_d_eps), so from k = 33 on it\n"
        "sees 1 as well. QSopt_ex (esolver) reads decimals as exact rationals.\n"
        "\n"
        "Per peer: the status it claimed, the x it printed (read exactly as rationals),\n"
        "the certified error ||x - x*||_2 (distance to the solution set when that is\n"
        "not a point), and a verdict decided exactly: 'right vertex' (within\n"
        "tau = 2^-10 max(1, ||x*||_2) of the solution set), 'wrong vertex' (within tau\n"
        "of a basic solution that is not optimal), or 'other'. For GLPK the verdict is\n"
        "also given against the double-rounded problem it read ('on its input').\n"
        "A peer that is not installed is listed as skipped, with its Debian package.\n"
        "\n"
        "options:\n"
        "  --k K          the built-in instance, 1 <= K <= %d (default 40)\n"
        "  --A F --y F    a rational instance instead (Matrix Market, exact entries;\n"
        "                 for irrational data use kdigits solve --problem bp --certify)\n"
        "  --peers LIST   glpk-simplex,glpk-exact,glpk-interior,esolver (default all),\n"
        "                 or none; each run is limited to %g s\n"
        "  --format F     text (default) or json\n"
        "\n"
        "peers: glpsol (Debian glpk-utils): default primal simplex, --exact, --interior;\n"
        "       esolver (Debian qsopt-ex): QSopt_ex exact rational simplex.\n"
        "\n"
        "examples:\n"
        "  kdigits bp-probe --k 40\n"
        "  kdigits bp-probe --k 60 --peers glpk-exact --format json\n",
        KD_BP_PROBE_K_MAX, PEER_TIMEOUT);
}

/* ------------------------------------------------------------ input */

typedef struct
{
    const char * A, * y, * peers;
    slong k;
    int have_k;
}
bp_args;

static int
own(int c, const char * arg, void * data)
{
    bp_args * a = data;
    switch (c)
    {
        case 'k':
            a->have_k = 1;
            return kd_cli_parse_slong(&a->k, arg, "bp-probe", "--k", 1, KD_BP_PROBE_K_MAX) ? 1 : -1;
        case 'A': a->A = arg; break;
        case 'y': a->y = arg; break;
        case 'P': a->peers = arg; break;
        default: return 0;
    }
    return 1;
}

/* M becomes the rational matrix in spec, given with option opt. */
static kd_status
load_rational(fmpq_mat_t M, const char * spec, const char * opt)
{
    kd_mat_t E;
    kd_status st;
    char why[256];
    kd_mat_init(E, 0, 0);
    if ((st = kd_builtin_load(E, spec)) != KD_OK)
        kd_error_prefix("%s", opt);
    else if ((st = kd_bp_probe_rational(M, E)) != KD_OK)
    {
        snprintf(why, sizeof why, "%s", kd_error_message());
        st = kd_error_set(KD_ERR_ARG, "%s %s: %s; bp-probe needs exact rational data (for other "
                          "exact data use 'kdigits solve --problem bp --certify')", opt, spec, why);
    }
    kd_mat_clear(E);
    return st;
}

/* P becomes the instance the options name, solved exactly. */
static kd_status
set_instance(kd_bp_probe_t P, const bp_args * a)
{
    fmpq_mat_t A, y;
    kd_status st;
    if (a->A == NULL)
        return kd_bp_probe_set_k(P, a->k);
    fmpq_mat_init(A, 0, 0);
    fmpq_mat_init(y, 0, 1);
    if ((st = load_rational(A, a->A, "--A")) == KD_OK
        && (st = load_rational(y, a->y, "--y")) == KD_OK)
        st = kd_bp_probe_set(P, A, y);
    fmpq_mat_clear(A);
    fmpq_mat_clear(y);
    return st;
}

/* ------------------------------------------------------------ the command */

/* The usage errors among the options: an exit code, or 0 when none. */
static int
check_args(const kd_cli_opts * o, const bp_args * a, unsigned * use)
{
    const char * cmd = "bp-probe";
    if (o->fmt != KD_FMT_TEXT && o->fmt != KD_FMT_JSON)
        return kd_cli_usage(cmd, "--format must be text or json");
    if (o->levels != NULL || o->prec_cap != 0)
        return kd_cli_usage(cmd, "--n and --max-prec do not apply (the probe is exact)");
    if ((a->A != NULL) != (a->y != NULL))
        return kd_cli_usage(cmd, "--A and --y go together");
    if (a->A != NULL && a->have_k)
        return kd_cli_usage(cmd, "--k and --A/--y exclude each other");
    if (a->peers != NULL && kd_bp_peer_set_from_str(use, a->peers) != KD_OK)
        return kd_cli_usage(cmd, "--peers: %s", kd_error_message());
    return 0;
}

int
kd_cmd_bp_probe(int argc, char ** argv)
{
    static const struct option opts[] = {
        {"k", required_argument, NULL, 'k'},
        {"A", required_argument, NULL, 'A'},
        {"y", required_argument, NULL, 'y'},
        {"peers", required_argument, NULL, 'P'},
        KD_CLI_LONGOPTS_COMMON,
        {NULL, 0, NULL, 0}};
    bp_args a = {NULL, NULL, NULL, 40, 0};
    kd_cli_opts o;
    unsigned use = KD_BP_PEERS_ALL;
    int ret;
    kd_bp_probe_t P;
    kd_bp_probe_report_t R;
    kd_status st;

    kd_cli_opts_init(&o, 0);
    if ((ret = kd_cli_getopt(&o, argc, argv, opts, "bp-probe", own, &a, help)) != 0)
        return KD_CLI_GETOPT_EXIT(ret);
    if ((ret = check_args(&o, &a, &use)) != 0)
    {
        kd_cli_opts_clear(&o);
        return ret;
    }
    kd_bp_probe_init(P);
    kd_bp_probe_report_init(R);
    if ((st = set_instance(P, &a)) != KD_OK
        || (st = kd_bp_probe_run(R, P, use, PEER_TIMEOUT, ERR_PREC)) != KD_OK)
        ret = kd_cli_fail("bp-probe", st);
    else
        ret = kd_cli_bp_probe_print(P, R, a.A, a.y, o.fmt);
    kd_bp_probe_report_clear(R);
    kd_bp_probe_clear(P);
    kd_cli_opts_clear(&o);
    return ret;
}
