/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* placeholder */
#include "cli.h"
int
kd_cli_sci_spectrum(int argc, char ** argv)
{
    (void) argc;
    (void) argv;
    return kd_cli_usage("sci spectrum", "not implemented yet");
}
