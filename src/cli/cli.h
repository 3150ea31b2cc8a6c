/* SPDX-License-Identifier: LGPL-3.0-or-later */
/* The thin CLI layer: option parsing, errors as one line, output formats. */
#ifndef KD_CLI_H
#define KD_CLI_H

#include <stdio.h>
#include <getopt.h>
#include <jansson.h>
#include "kdigits/kdigits.h"
#include "kdigits/lasso.h"
#include "kdigits/json.h"
#include "help.h"

/* Exit codes: 0 success, 1 a computation failed (e.g. undecided), 2 bad
   usage or bad input. */
#define KD_EXIT_FAIL 1
#define KD_EXIT_USAGE 2

typedef enum
{
    KD_FMT_TEXT,
    KD_FMT_CSV,
    KD_FMT_JSON,
    KD_FMT_MTX
}
kd_cli_format;

typedef struct
{
    const char * name;
    const char * summary;
    int (*run)(int argc, char ** argv);
}
kd_cli_command;

/* Prints "kdigits CMD: message" for the library's last error and returns
   the exit code for st. */
int kd_cli_fail(const char * cmd, kd_status st);
/* Prints "kdigits CMD: message (try 'kdigits CMD --help')" and returns
   KD_EXIT_USAGE. */
int kd_cli_usage(const char * cmd, const char * fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Option values. Each returns 0 and prints one usage line on failure. */
int kd_cli_parse_slong(slong * out, const char * s, const char * cmd, const char * opt,
                       slong lo, slong hi);
int kd_cli_parse_level(slong * out, const char * s, const char * cmd);
/* A comma-separated list of levels ("10,20,60"); *out is flint_malloc'ed. */
int kd_cli_parse_level_list(slong ** out, slong * len, const char * s, const char * cmd);
/* The same for the integers of option opt, each in [lo, hi] (the message
   names opt). */
int kd_cli_parse_slong_list(slong ** out, slong * len, const char * s, const char * cmd,
                            const char * opt, slong lo, slong hi);
int kd_cli_parse_format(kd_cli_format * out, const char * s, const char * cmd, int allow_mtx);
int kd_cli_parse_prec_cap(slong * out, const char * s, const char * cmd);

/* The options most commands share: --n LIST, --format F, --max-prec BITS. */
typedef struct
{
    slong * levels;     /* NULL until --n is given */
    slong nlevels;
    kd_cli_format fmt;
    slong prec_cap;     /* 0: the library default */
    int allow_mtx;      /* whether --format mtx is accepted */
}
kd_cli_opts;

#define KD_CLI_LONGOPTS_COMMON \
    {"n", required_argument, NULL, 'n'}, \
    {"format", required_argument, NULL, 'f'}, \
    {"max-prec", required_argument, NULL, 'p'}, \
    {"max-bits", required_argument, NULL, KD_CLI_OPT_MAX_BITS}, \
    {"max-mem", required_argument, NULL, KD_CLI_OPT_MAX_MEM}, \
    {"quiet", no_argument, NULL, KD_CLI_OPT_QUIET}, \
    {"time-limit", required_argument, NULL, KD_CLI_OPT_TIME_LIMIT}, \
    {"help", no_argument, NULL, 'h'}
/* The problem options `solve` and `certify` share (the data, the kind, the
   parameter, the scaled convention, the certificates' precision), as
   getopt_long entries and as the cases of a command's own handler: a is a
   pointer to a struct with the fields A, y, w, lambda, eta, scaled,
   problem (const char *), center, standardize (int) and cert_prec (slong). */
#define KD_CLI_LONGOPTS_PROBLEM \
    {"A", required_argument, NULL, 'A'}, \
    {"y", required_argument, NULL, 'y'}, \
    {"w", required_argument, NULL, 'w'}, \
    {"lambda", required_argument, NULL, 'l'}, \
    {"eta", required_argument, NULL, 'e'}, \
    {"scaled", required_argument, NULL, 's'}, \
    {"no-center", no_argument, NULL, 'C'}, \
    {"no-standardize", no_argument, NULL, 'S'}, \
    {"problem", required_argument, NULL, 'P'}, \
    {"cert-prec", required_argument, NULL, 'B'}
#define KD_CLI_PROBLEM_CASES(a, arg, cmd) \
    case 'A': (a)->A = (arg); break; \
    case 'y': (a)->y = (arg); break; \
    case 'w': (a)->w = (arg); break; \
    case 'l': (a)->lambda = (arg); break; \
    case 'e': (a)->eta = (arg); break; \
    case 's': (a)->scaled = (arg); break; \
    case 'C': (a)->center = 0; break; \
    case 'S': (a)->standardize = 0; break; \
    case 'P': (a)->problem = (arg); break; \
    case 'B': \
        return kd_cli_parse_slong(&(a)->cert_prec, (arg), (cmd), "--cert-prec", 64, 1000000) ? 1 : -1

/* codes of the resource options every command takes (beyond any char) */
#define KD_CLI_OPT_MAX_BITS 0x101
#define KD_CLI_OPT_MAX_MEM 0x102
#define KD_CLI_OPT_QUIET 0x103
#define KD_CLI_OPT_TIME_LIMIT 0x104
/* Largest --time-limit accepted (seconds): about 11.5 days. */
#define KD_CLI_TIME_LIMIT_MAX 1000000

/* --time-limit SECONDS: the process ends with one line and exit status 1
   once this much wall time has passed (0: no limit). Set by main.c. */
void kd_cli_set_time_limit(slong seconds);

/* --quiet: no progress lines. */
extern int kd_cli_quiet;
/* A progress line on stderr, "kdigits CMD: [i/total] ... (elapsed, ETA)",
   unless --quiet; i counts from 1; the clock starts at the first call. */
/* Starts the progress clock and routes the library's kd_progress calls to
   throttled progress lines of command cmd (main.c, before each command). */
void kd_cli_progress_install(const char * cmd);
void kd_cli_progress_start(void);
void kd_cli_progress(const char * cmd, slong i, slong total, const char * fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

void kd_cli_opts_init(kd_cli_opts * o, int allow_mtx);
void kd_cli_opts_clear(kd_cli_opts * o);
/* Handles option c (from getopt_long with KD_CLI_LONGOPTS_COMMON) if it is
   a shared one: returns 1 when handled, 0 when c is not shared, -1 after a
   usage error was printed. */
int kd_cli_opts_handle(kd_cli_opts * o, int c, const char * arg, const char * cmd);
/* A command's own options: return 1 when handled, 0 when unknown, -1 after
   printing a usage error. */
typedef int (*kd_cli_own_fn)(int c, const char * arg, void * data);

/* The option loop of a command: shared options go to o, the others to own
   (may be NULL). Returns 0 to go on, 1 when --help was printed (exit 0),
   -1 after a usage error (exit KD_EXIT_USAGE); o is cleared unless 0. */
int kd_cli_getopt(kd_cli_opts * o, int argc, char ** argv, const struct option * opts,
                  const char * cmd, kd_cli_own_fn own, void * data, void (*help)(void));
#define KD_CLI_GETOPT_EXIT(r) ((r) > 0 ? 0 : KD_EXIT_USAGE)
/* Sets the default levels if --n was not given. */
void kd_cli_opts_default_levels(kd_cli_opts * o, const slong * def, slong len);

/* Prints j (built by the library, kdigits/json.h) with 2-space indentation
   and a trailing newline; frees j. NULL (out of memory): one line on stderr. */
int kd_json_print(json_t * j);

/* CSV of a command's JSON document (kd_json_write_csv) on stdout; frees
   doc; the exit code. */
int kd_csv_print_json(json_t * doc);

int kd_cmd_approx(int argc, char ** argv);
int kd_cmd_oracle(int argc, char ** argv);
int kd_cmd_demo(int argc, char ** argv);
int kd_cmd_solve(int argc, char ** argv);
int kd_cmd_certify(int argc, char ** argv);
int kd_cmd_table(int argc, char ** argv);
int kd_cmd_regimes(int argc, char ** argv);
int kd_cmd_lasso_probe(int argc, char ** argv);
int kd_cmd_bp_probe(int argc, char ** argv);
int kd_cmd_sci(int argc, char ** argv);
int kd_cmd_stability(int argc, char ** argv);
int kd_cmd_kernel(int argc, char ** argv);
int kd_cmd_convergence(int argc, char ** argv);
int kd_cmd_dln(int argc, char ** argv);
/* kdigits sci spectrum (src/cli/cmd_sci_spectrum.c), called by kd_cmd_sci
   with argv[0] = "spectrum". */
int kd_cli_sci_spectrum(int argc, char ** argv);

#endif
