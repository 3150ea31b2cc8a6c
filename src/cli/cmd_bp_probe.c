/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* placeholder */
#include "cli.h"
int
kd_cmd_bp_probe(int argc, char ** argv)
{
    (void) argc;
    (void) argv;
    return kd_cli_usage("bp-probe", "not implemented yet");
}
