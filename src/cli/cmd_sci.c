/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* placeholder */
#include "cli.h"
int
kd_cmd_sci(int argc, char ** argv)
{
    (void) argc;
    (void) argv;
    return kd_cli_usage("sci", "not implemented yet");
}
