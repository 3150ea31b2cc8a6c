/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits: the command-line front end; dispatches to the subcommands. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

/* The command running, for the one-line messages below. */
static const char * running = NULL;

/* Out of memory inside GMP, MPFR, FLINT or Arb: they cannot take a NULL back
   (kd_set_alloc_failure_handler), so the process ends here with one line and
   exit status 1 instead of an abort. Only async-signal-safe calls: the heap
   is exhausted. */
static void
out_of_memory(size_t n)
{
    char buf[160];
    int len = snprintf(buf, sizeof buf, "kdigits%s%s: out of memory (an allocation of %zu bytes "
                       "failed; a smaller size or level needs less)\n", running ? " " : "",
                       running ? running : "", n);
    if (len > 0 && write(STDERR_FILENO, buf, (size_t) len) < 0)
        _exit(KD_EXIT_FAIL);
    _exit(KD_EXIT_FAIL);
}

/* --time-limit: SIGALRM ends the run with one line and exit status 1. The
   library never stops on its own (it only returns status codes); this is
   the front end's bound on wall time. Async-signal-safe calls only. */
static slong time_limit = 0;

static void
out_of_time(int sig)
{
    char buf[200];
    int len;
    (void) sig;
    len = snprintf(buf, sizeof buf, "kdigits%s%s: time limit of %ld s reached (--time-limit "
                   "raises it)\n", running ? " " : "", running ? running : "", (long) time_limit);
    if (len > 0 && write(STDERR_FILENO, buf, (size_t) len) < 0)
        _exit(KD_EXIT_FAIL);
    _exit(KD_EXIT_FAIL);
}

void
kd_cli_set_time_limit(slong seconds)
{
    time_limit = seconds;
    signal(SIGALRM, out_of_time);
    alarm((unsigned int) seconds);
}

/* Whatever the command printed must have reached its destination: a full
   disk or a closed pipe is an error, not a success. */
static int
check_stdout(int r)
{
    if (fflush(stdout) != 0 || ferror(stdout))
    {
        fprintf(stderr, "kdigits%s%s: error writing the output: %s\n", running ? " " : "",
                running ? running : "", errno ? strerror(errno) : "write error");
        return r != 0 ? r : KD_EXIT_FAIL;
    }
    return r;
}

static const kd_cli_command commands[] = {
    {"approx", "a dyadic approximation of an exact expression, with proved error", kd_cmd_approx},
    {"oracle", "A_n of an exact matrix (.mtx or built-in) with ||A_n - A||_2 <= 2^-n", kd_cmd_oracle},
    {"table", "the Omega_K accuracy table: LISTA and FIRENET, certified distances (main job)", kd_cmd_table},
    {"regimes", "the theorem's K / K-1 / K-2 statements made executable on Omega_K", kd_cmd_regimes},
    {"solve", "BP, P1, P2, P3: exact or iterative at any precision, with certified error", kd_cmd_solve},
    {"certify", "certify anyone's x (a file of numbers, exact or IEEE doubles) against the truth", kd_cmd_certify},
    {"lasso-probe", "the MATLAB LASSO failure: faithful coordinate descent vs the certified truth", kd_cmd_lasso_probe},
    {"bp-probe", "basis pursuit min ||x||_1, x1 + (1+2^-k) x2 = 1: exact vertex vs GLPK and QSopt_ex", kd_cmd_bp_probe},
    {"dln", "diagonal linear networks: certified limit and flow vs the certified BP solutions", kd_cmd_dln},
    {"sci", "the SCI hierarchy made executable: towers, classes, breakdown epsilons", kd_cmd_sci},
    {"demo", "certified oracle answers for the LASSO-probe matrix vs IEEE double", kd_cmd_demo},
    {"stability", "worst-case perturbation search with a certified Lipschitz sandwich", kd_cmd_stability},
    {"kernel", "exact kernel of a rational A and the error every reconstruction must make", kd_cmd_kernel},
    {"convergence", "FIRENET's exponential convergence on an image, a certified gap at every step", kd_cmd_convergence},
};

static void
usage(FILE * f)
{
    kd_cli_help(f, kd_help_usage, NULL, NULL);
}

int
main(int argc, char ** argv)
{
    size_t i;
    int r;
    if (argc < 2)
    {
        usage(stderr);
        return KD_EXIT_USAGE;
    }
    if (strcmp(argv[1], "help") == 0 && argc >= 3)
    {
        /* kdigits help CMD [SUB]: the command's own --help */
        char * hargv[4];
        int hargc = 0;
        hargv[hargc++] = argv[2];
        if (argc >= 4)
            hargv[hargc++] = argv[3];
        hargv[hargc++] = (char *) "--help";
        hargv[hargc] = NULL;
        for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
            if (strcmp(argv[2], commands[i].name) == 0)
            {
                running = commands[i].name;
                return check_stdout(commands[i].run(hargc, hargv));
            }
        fprintf(stderr, "kdigits: unknown command '%s' (try 'kdigits --help')\n", argv[2]);
        return KD_EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0)
    {
        usage(stdout);
        return check_stdout(0);
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)
    {
        printf("kdigits %s\n", kd_version());
        return check_stdout(0);
    }
    kd_set_alloc_failure_handler(out_of_memory);
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
        {
            running = commands[i].name;
            kd_cli_progress_install(running);
            errno = 0;
            r = commands[i].run(argc - 1, argv + 1);
            r = check_stdout(r);
            flint_cleanup();
            return r;
        }
    fprintf(stderr, "kdigits: unknown command '%s' (try 'kdigits --help')\n", argv[1]);
    return KD_EXIT_USAGE;
}
