/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits regimes (placeholder until it lands). */
#include "cli.h"

int
kd_cmd_regimes(int argc, char ** argv)
{
    (void) argc;
    (void) argv;
    fprintf(stderr, "kdigits regimes: not implemented yet\n");
    return KD_EXIT_FAIL;
}
