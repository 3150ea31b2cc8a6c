/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits bp-probe: basis pursuit min ||x||_1 s.t. x1 + (1 + 2^-k) x2 = 1
   (or a given rational instance) solved exactly, and the real LP solvers
   (GLPK, QSopt_ex) run on the same exact LP file, each answer judged
   exactly against the truth and against the problem the solver read
   (kd_bp_probe_run); this file parses the options (the report is
   formatted by bp_probe_out.c). */
#include "cli.h"
#include "kdigits/bpprobe.h"

#define PEER_TIMEOUT 30.0
#define ERR_PREC 128

static void
help(void)
{
    char t[32];
    snprintf(t, sizeof t, "%g", PEER_TIMEOUT);
    kd_cli_help(stdout, kd_help_bp_probe, "PEER_TIMEOUT", t);
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
    else if (o.fmt == KD_FMT_JSON)
        ret = kd_json_print(kd_bp_probe_report_json(P, R, a.A, a.y));
    else if (o.fmt == KD_FMT_CSV)
        ret = kd_csv_print_json(kd_bp_probe_report_json(P, R, a.A, a.y));
    else if ((st = kd_bp_probe_report_write(stdout, P, R, a.A, a.y)) != KD_OK)
        ret = kd_cli_fail("bp-probe", st);
    kd_bp_probe_report_clear(R);
    kd_bp_probe_clear(P);
    kd_cli_opts_clear(&o);
    return ret;
}
