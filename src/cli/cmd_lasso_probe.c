/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* kdigits lasso-probe (placeholder until it lands). */
#include "cli.h"

int
kd_cmd_lasso_probe(int argc, char ** argv)
{
    (void) argc;
    (void) argv;
    fprintf(stderr, "kdigits lasso-probe: not implemented yet\n");
    return KD_EXIT_FAIL;
}
