/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* Formatting the report of `kdigits bp-probe` (kdigits/bpprobe.h). */
#ifndef KD_CLI_BP_PROBE_OUT_H
#define KD_CLI_BP_PROBE_OUT_H

#include "cli.h"
#include "kdigits/bpprobe.h"

/* Prints P (solved exactly) and R (kd_bp_probe_run on P) to stdout as text
   or JSON; A_file and y_file name the files of a given instance (unused
   for the built-in one, P->k != 0). Returns the exit code. */
int kd_cli_bp_probe_print(const kd_bp_probe_t P, const kd_bp_probe_report_t R,
                          const char * A_file, const char * y_file, kd_cli_format fmt);

#endif
