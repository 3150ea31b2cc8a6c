/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The --help texts of the commands: src/cli/help/NAME.txt, turned into the
   strings kd_help_NAME at build time (help-text.c, made by mkhelp.sh; the
   man page kdigits.1 is made from the same files by mkman.sh). */
#ifndef KD_CLI_HELP_H
#define KD_CLI_HELP_H

#include <stdio.h>

extern const char * kd_help_usage;
extern const char * kd_help_approx;
extern const char * kd_help_oracle;
extern const char * kd_help_table;
extern const char * kd_help_regimes;
extern const char * kd_help_solve;
extern const char * kd_help_certify;
extern const char * kd_help_lasso_probe;
extern const char * kd_help_dln;
extern const char * kd_help_bp_probe;
extern const char * kd_help_sci;
extern const char * kd_help_sci_positive;
extern const char * kd_help_sci_sign;
extern const char * kd_help_sci_rank;
extern const char * kd_help_sci_argmin;
extern const char * kd_help_sci_spectrum;
extern const char * kd_help_sci_classes;
extern const char * kd_help_demo;
extern const char * kd_help_stability;
extern const char * kd_help_kernel;
extern const char * kd_help_convergence;

/* Prints a help text to f with each @NAME@ replaced by its value: VERSION,
   BUILTINS, LEVEL_MAX, PREC_CAP_DEFAULT and BP_PROBE_K_MAX are known here;
   name and value (or NULL) give one more, a command's own.
   A value that ends in a newline (BUILTINS) replaces the whole line of its
   @NAME@. mkman.sh substitutes the same names in the man page. */
void kd_cli_help(FILE * f, const char * text, const char * name, const char * value);

#endif
