/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits: the command-line front end; dispatches to the subcommands. */
#include <string.h>
#include "cli.h"

static const kd_cli_command commands[] = {
    {"approx", "a dyadic approximation of an exact expression, with proved error", kd_cmd_approx},
    {"oracle", "A_n of an exact matrix (.mtx or built-in) with ||A_n - A||_2 <= 2^-n", kd_cmd_oracle},
    {"table", "the Omega_K accuracy table: LISTA and FIRENET, certified distances (main job)", kd_cmd_table},
    {"regimes", "the theorem's K / K-1 / K-2 statements made executable on Omega_K", kd_cmd_regimes},
    {"solve", "BP, P1, P2, P3: exact or iterative at any precision, with certified error", kd_cmd_solve},
    {"lasso-probe", "the MATLAB LASSO failure: faithful coordinate descent vs the certified truth", kd_cmd_lasso_probe},
    {"bp-probe", "basis pursuit min ||x||_1, x1 + (1+2^-k) x2 = 1: exact vertex vs GLPK and QSopt_ex", kd_cmd_bp_probe},
    {"sci", "the SCI hierarchy made executable: towers, classes, breakdown epsilons", kd_cmd_sci},
    {"demo", "certified oracle answers for the LASSO-probe matrix vs IEEE double", kd_cmd_demo},
};

static void
usage(FILE * f)
{
    size_t i;
    fprintf(f,
        "kdigits %s: certified computation at the limits of sparse regularisation\n"
        "\n"
        "usage: kdigits [--help | --version] COMMAND [OPTIONS]\n"
        "\n"
        "Inputs are never given exactly: an algorithm reads A_n, y_n with dyadic\n"
        "entries and ||A_n - A||_2 <= 2^-n. kdigits produces such oracles from exact\n"
        "expressions and proves every number it prints as true.\n"
        "\n"
        "commands:\n", kd_version());
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].summary);
    fprintf(f,
        "\n"
        "Run 'kdigits COMMAND --help' for a command's options. Commands that print\n"
        "data take --format text|csv|json. Exit status: 0 ok, 1 a computation could\n"
        "not be completed (e.g. undecided within the precision cap), 2 bad input.\n");
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
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0)
    {
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)
    {
        printf("kdigits %s\n", kd_version());
        return 0;
    }
    for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
        {
            r = commands[i].run(argc - 1, argv + 1);
            fflush(stdout);
            flint_cleanup();
            return r;
        }
    fprintf(stderr, "kdigits: unknown command '%s' (try 'kdigits --help')\n", argv[1]);
    return KD_EXIT_USAGE;
}
